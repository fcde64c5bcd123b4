//! The coder: article text → sentences → actor mentions → quotes → events. Pure: no I/O.
//!
//! Every stage works on byte spans into the original text and is deterministic: the same text and
//! dictionaries give the same output. Dictionaries are embedded (`data/`) and can be extended or
//! overridden by user files handed in as [`DictionarySource`]s (the caller does the reading).

pub mod actors;
pub mod events;
pub mod places;
pub mod quotes;
pub mod text;
pub mod wordset;

use detente_records::{Article, CodedArticle, SCHEMA_VERSION};

/// A dictionary file's content, handed to the coder by the caller. `name` (usually the path) is used in
/// error messages. The file name decides which stage reads it:
/// `*.actors.toml` and legacy PETRARCH/TABARI actor and agent files (actors), `*.triggers.toml` and legacy
/// PETRARCH-2/TABARI verb files (events), `*.cues.toml` (quotes), `*.places.tsv`, `*.placecues.toml` and
/// `*.seats.tsv` (places).
#[derive(Debug, Clone)]
pub struct DictionarySource {
    pub name: String,
    pub text: String,
}

/// An error in a dictionary, naming the file and line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct DictionaryError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// The whole coder: compiled dictionaries of every stage, shared read-only across threads.
pub struct Coder {
    pub actors: actors::ActorRecognizer,
    pub quotes: quotes::QuoteExtractor,
    pub events: events::EventCoder,
    pub places: places::Places,
}

impl Coder {
    /// The coder with the built-in dictionaries only.
    pub fn builtin() -> Result<Coder, DictionaryError> {
        Coder::with_sources(&[])
    }

    /// The built-in dictionaries extended or overridden by the user's files.
    pub fn with_sources(user: &[DictionarySource]) -> Result<Coder, DictionaryError> {
        // The actors' dictionaries are most of the load time (TOML parsing and automaton building): the
        // other two stages load on a second thread meanwhile. Errors are reported in stage order, as a
        // sequential load would.
        // The gazetteer loads on a third thread.
        let (actors, (quotes, events), places) = std::thread::scope(|scope| {
            let others = scope.spawn(|| (quotes::QuoteExtractor::load(user), events::EventCoder::load(user)));
            let places = scope.spawn(|| places::Places::load(user));
            // Segmentation's rule sets are compiled on first use: here, beside the other loads, rather than
            // before the first article on the coding thread.
            scope.spawn(text::prepare);
            let actors = actors::ActorRecognizer::load(user);
            let others = others.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (
                actors,
                others,
                places.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            )
        });
        Ok(Coder {
            actors: actors?,
            quotes: quotes?,
            events: events?,
            places: places?,
        })
    }

    /// Code one article.
    pub fn code(&self, article: &Article) -> CodedArticle {
        let (sentences, actors, quotes, events) = self.stages(article);
        CodedArticle {
            schema: SCHEMA_VERSION,
            id: article.id.clone(),
            source: article.source.clone(),
            date: article.date.clone(),
            title: article.title.clone(),
            url: article.url.clone(),
            text: Some(article.text.clone()),
            sentences,
            mentions: actors.mentions,
            quotes,
            events,
            entities: actors.entities,
        }
    }

    /// Code one article the caller no longer needs: its text and metadata move into the result instead of
    /// being copied (the streaming pipeline's path). The same output as [`Coder::code`].
    pub fn code_owned(&self, article: Article) -> CodedArticle {
        let (sentences, actors, quotes, events) = self.stages(&article);
        CodedArticle {
            schema: SCHEMA_VERSION,
            id: article.id,
            source: article.source,
            date: article.date,
            title: article.title,
            url: article.url,
            text: Some(article.text),
            sentences,
            mentions: actors.mentions,
            quotes,
            events,
            entities: actors.entities,
        }
    }

    /// Code one article and explain its events: what fired in each sentence and why each event was or was
    /// not coded (`detente explain`, `detente.explain` in Python).
    pub fn explain(&self, article: &Article) -> (CodedArticle, events::Explanation) {
        let coded = self.code(article);
        let mut explanation = self.events.explain(
            &article.text,
            &coded.sentences,
            &coded.mentions,
            &coded.quotes,
            article.date.as_deref(),
        );
        // The coded events, with their locations and visits' hosts, are the ones explained.
        explanation.events.clone_from(&coded.events);
        (coded, explanation)
    }

    /// The stages, each fed by the ones before; event locations are a pass over the events.
    fn stages(
        &self,
        article: &Article,
    ) -> (
        Vec<detente_records::Sentence>,
        actors::ArticleActors,
        Vec<detente_records::Quote>,
        Vec<detente_records::Event>,
    ) {
        let text = article.text.as_str();
        let sentences = text::segment(text);
        let date = article.date.as_deref();
        let actors = self
            .actors
            .recognize_article_placed(text, &sentences, date, Some(self.places.gazetteer()));
        let tokens = text::ArticleTokens::of(text, &sentences);
        let quotes = self.quotes.extract_tokenized(text, &sentences, &tokens, &actors);
        let mut events =
            self.events
                .code_awaiting_hosts_tokenized(text, &sentences, &tokens, &actors.mentions, &quotes);
        self.places
            .locate_events_tokenized(text, &sentences, &tokens, &actors.mentions, &mut events);
        events::settle(&mut events);
        (sentences, actors, quotes, events)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_owned_gives_the_same_output_as_code() {
        let coder = Coder::builtin().expect("built-in dictionaries load");
        let article = Article {
            id: "t1".into(),
            text: "Officials in Berlin said on Monday that Germany would send aid to Poland. \
                   \"We will help,\" the minister said.\n\nTalks resume next week."
                .into(),
            date: Some("2024-05-06".into()),
            title: Some("Aid".into()),
            source: Some("test".into()),
            url: None,
        };
        let borrowed = coder.code(&article);
        assert_eq!(coder.code_owned(article.clone()), borrowed);
        assert_eq!(borrowed.text.as_deref(), Some(article.text.as_str()));
        assert!(!borrowed.sentences.is_empty());
    }

    #[test]
    fn a_group_placed_in_a_town_of_the_gazetteer_takes_its_country() {
        // Neither town is in the actor dictionaries: the gazetteer places the group, against the
        // article's own country.
        let coder = Coder::builtin().expect("built-in dictionaries load");
        let text = "Kenya's cabinet met on Monday. Police in Arusha arrested two traders. \
                    Protesters in Kutaisi said they would march again. Officials in Reading declined to comment.";
        let article = Article {
            id: "t2".into(),
            text: text.into(),
            ..Article::default()
        };
        let coded = coder.code(&article);
        let code_of = |phrase: &str| {
            coded
                .mentions
                .iter()
                .find(|m| m.text == phrase)
                .map(|m| m.actor.code.clone())
        };
        assert_eq!(code_of("Police in Arusha").as_deref(), Some("TZACOP"));
        assert_eq!(code_of("Protesters in Kutaisi").as_deref(), Some("GEOOPP"));
        // A town named like a common word does not place anybody.
        assert_eq!(code_of("Officials in Reading"), None);
    }

    #[test]
    fn a_visit_to_a_city_is_hosted_by_its_country() {
        let coder = Coder::builtin().expect("built-in dictionaries load");
        let article = |text: &str| Article {
            id: "v".into(),
            text: text.into(),
            ..Article::default()
        };
        let hosts = |text: &str| -> Vec<(String, Option<String>)> {
            let coded = coder.code(&article(text));
            let text = coded.text.as_deref().unwrap_or_default();
            coded
                .events
                .iter()
                .filter(|e| e.code == "042")
                .map(|e| {
                    assert_eq!(&text[e.trigger.start..e.trigger.end], e.trigger.text);
                    (e.source.code.clone(), e.target.as_ref().map(|t| t.code.clone()))
                })
                .collect()
        };
        assert_eq!(
            hosts("Chile's foreign minister arrived in Nairobi on Friday for two days of talks."),
            [("CHLGOV".to_string(), Some("KEN".to_string()))]
        );
        assert_eq!(
            hosts("The Norwegian prime minister visited Lima last week."),
            [("NORGOV".to_string(), Some("PER".to_string()))]
        );
        // Home is no host; the explanation lists the same events as the coded article.
        assert_eq!(hosts("The Norwegian prime minister visited Bergen on Sunday."), []);
        // Aid delivered or halted in a place goes to that place's country.
        let coded = coder.code(&article(
            "Norway's government halted aid deliveries in Mogadishu on Monday.",
        ));
        let aid: Vec<_> = coded
            .events
            .iter()
            .map(|e| (e.code.as_str(), e.target.as_ref().map(|t| t.code.as_str())))
            .collect();
        assert!(
            aid.iter().any(|&(c, t)| c.starts_with("162") && t == Some("SOM")),
            "{aid:?}"
        );
        let (coded, why) = coder.explain(&article("Chile's foreign minister arrived in Nairobi on Friday."));
        assert_eq!(coded.events, why.events);
    }

    /// "SRC>TGT:CODE" for each event the whole coder gives `text` ("-" for no target); every trigger span is
    /// checked against the text.
    fn dyads(coder: &Coder, text: &str) -> Vec<String> {
        let coded = coder.code(&Article {
            id: "d".into(),
            text: text.into(),
            ..Article::default()
        });
        coded
            .events
            .iter()
            .map(|e| {
                assert_eq!(&text[e.trigger.start..e.trigger.end], e.trigger.text);
                let target = e.target.as_ref().map_or("-", |t| t.code.as_str());
                format!("{}>{}:{}", e.source.code, target, e.code)
            })
            .collect()
    }

    #[test]
    fn force_used_on_a_place_hits_the_country_it_lies_in() {
        let coder = Coder::builtin().expect("built-in dictionaries load");
        // The place named as the object, or after "in"/"near".
        assert_eq!(
            dyads(&coder, "Chadian jets struck Maiduguri before dawn."),
            ["TCDMIL>NGA:190"]
        );
        assert_eq!(
            dyads(&coder, "Ugandan troops raided a village near Kisangani on Tuesday."),
            ["UGAMIL>COD:190"]
        );
        // A place in the attackers' own country names nobody they fought.
        assert!(dyads(&coder, "Ugandan troops raided a village near Gulu.").is_empty());
        // Said of politicians, "struck" is no use of force.
        assert!(dyads(&coder, "The Chadian minister struck a hopeful tone in Abuja.").is_empty());
    }

    #[test]
    fn an_arrest_with_no_agent_is_by_the_authorities_of_the_place() {
        let coder = Coder::builtin().expect("built-in dictionaries load");
        assert_eq!(
            dyads(
                &coder,
                "Four Dutch cyclists were detained in Tabriz after crossing the border."
            ),
            ["IRNGOV>NLD:173"]
        );
        assert_eq!(
            dyads(
                &coder,
                "Two Kenyan traders were charged late on Monday in Kampala with smuggling."
            ),
            ["UGAGOV>KENBUS:173"]
        );
        // A month after "in" is no place; with no place, nobody is known to have made the arrest.
        assert!(dyads(&coder, "Four Dutch cyclists were detained in March.").is_empty());
        assert!(dyads(&coder, "Four Dutch cyclists were detained after crossing the border.").is_empty());
    }

    #[test]
    fn police_and_protesters_named_without_a_country_are_of_the_place() {
        let coder = Coder::builtin().expect("built-in dictionaries load");
        assert_eq!(
            dyads(
                &coder,
                "Outside the court in Yerevan, police detained nine opposition activists late on Saturday."
            ),
            ["ARMCOP>ARMOPP:173"]
        );
        let got = dyads(
            &coder,
            "Demonstrators clashed with gendarmes in Dakar after the verdict.",
        );
        assert!(got.iter().any(|e| e.starts_with("SENOPP>SENCOP:")), "{got:?}");
        // No place: police act on their own country's people; protesters stay unknown.
        assert_eq!(
            dyads(&coder, "Police detained nine Armenian reporters on Saturday."),
            ["ARMCOP>ARMMED:173"]
        );
        assert!(dyads(&coder, "Protesters burned an effigy of the Armenian president.").is_empty());
        // Soldiers are not read: where they are does not tell whose they are.
        assert!(dyads(&coder, "Soldiers fired on farmers near Gyumri.").is_empty());
    }
}
