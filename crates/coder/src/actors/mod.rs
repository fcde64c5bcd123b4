//! Actor recognition: dictionaries → entities and mentions with CAMEO-style actor codes.
//!
//! The stage is a set of mechanisms, each a module:
//! - [`dict`] and [`petrarch`]: the dictionary formats (`*.actors.toml`, PETRARCH/TABARI files), compiled
//!   into one list of surface forms; [`words`]: the word lists that shape reading (data files too).
//! - [`matcher`]: one pass over each sentence's word starts with leftmost-longest automata.
//! - [`compose`]: the hits read left to right into phrases: qualifier + role noun + name ("Kremlin
//!   spokesman Dmitry Peskov", one mention whose `actor.name` is the name), qualifier + role noun
//!   ("Russian officials"), "officials in Seoul", "the head of IS". Spans never include a leading article.
//! - [`persons`]: names after titles, appositions ("Ali Vaez, an Iran analyst at the International
//!   Crisis Group": the mention is the name, the actor the apposition's), names no dictionary holds.
//! - [`disambiguate`]: names whose actor depends on context (Georgia, Congo, "the Europe Bridge").
//! - [`compass`]: "the North" for North Korea (a divided country named before).
//! - [`context`]: the country a sentence is about, for "the government" and "officials said".
//! - [`entities`]: the article's entities, which every mention belongs to; [`coref`]: later surnames,
//!   titles, descriptions and pronouns linked to them; [`word_surnames`]: a surname that is also a common
//!   word ("May", "Price") where its context makes it the name.
//!
//! People whose code is unknown (no role, no country) are entities without an actor: their mentions are
//! not emitted, but they stop a pronoun from reaching back past them.

mod article;
mod compass;
mod compose;
mod context;
mod coref;
mod dict;
mod disambiguate;
mod entities;
#[cfg(test)]
mod entity_tests;
mod matcher;
mod names;
mod organisations;
mod persons;
mod petrarch;
mod sentence;
#[cfg(test)]
mod tests;
mod word_surnames;
mod words;

pub use entities::ArticleActors;

use crate::quotes::lexicon::SpeechVerbs;
use crate::{DictionaryError, DictionarySource};
use article::ArticleState;
use detente_records::{Mention, Sentence};
use dict::Dictionary;
use matcher::Matcher;

/// Compiled actor dictionaries.
pub struct ActorRecognizer {
    dict: Dictionary,
    matcher: Matcher,
    /// The coder's speech verbs: "officials said" makes the group a speaker.
    speech: SpeechVerbs,
}

impl ActorRecognizer {
    /// Built-in dictionaries plus the user's actor files among `user`.
    pub fn load(user: &[DictionarySource]) -> Result<ActorRecognizer, DictionaryError> {
        ActorRecognizer::load_with(dict::BUILTIN, user)
    }

    /// `builtin` files (name, content) and then the user's: tests use a small dictionary of their own.
    fn load_with(builtin: &[(&str, &str)], user: &[DictionarySource]) -> Result<ActorRecognizer, DictionaryError> {
        let mut builder = dict::Builder::default();
        for (name, text) in builtin {
            builder.add_toml(name, text)?;
        }
        for source in user {
            let file_name = source
                .name
                .rsplit(['/', '\\'])
                .next()
                .unwrap_or(&source.name)
                .to_lowercase();
            if file_name.ends_with(".actors.toml") {
                builder.add_toml(&source.name, &source.text)?;
            } else if let Some(kind) = petrarch::kind_of(&file_name, &source.text) {
                petrarch::load(&mut builder, kind, &source.name, &source.text)?;
            }
        }
        let dict = builder.build();
        let matcher = Matcher::build(&dict)?;
        Ok(ActorRecognizer {
            dict,
            matcher,
            speech: SpeechVerbs::load(user)?,
        })
    }

    /// Number of dictionary entries (people, countries, organisations), role nouns and surface forms.
    pub fn sizes(&self) -> (usize, usize, usize) {
        (self.dict.entries.len(), self.dict.nouns.len(), self.dict.patterns.len())
    }

    /// Every actor mention in the article's non-boilerplate sentences, in text order.
    /// `date` (`YYYY-MM-DD`) selects people's roles at that time.
    pub fn recognize(&self, text: &str, sentences: &[Sentence], date: Option<&str>) -> Vec<Mention> {
        self.recognize_article(text, sentences, date).mentions
    }

    /// The article's entities and the mentions that have an actor.
    pub fn recognize_article(&self, text: &str, sentences: &[Sentence], date: Option<&str>) -> ArticleActors {
        self.recognize_article_placed(text, sentences, date, None)
    }

    /// [`ActorRecognizer::recognize_article`] with a gazetteer: a group placed in a town the dictionaries do
    /// not name takes the town's country ("police in Mombasa").
    pub fn recognize_article_placed(
        &self,
        text: &str,
        sentences: &[Sentence],
        date: Option<&str>,
        gazetteer: Option<&crate::places::gazetteer::Gazetteer>,
    ) -> ArticleActors {
        let date = date.and_then(|d| d.get(..10)).filter(|d| d.as_bytes()[4] == b'-');
        let mut state = ArticleState::new(self, text, date);
        state.gazetteer = gazetteer;
        state.run(sentences);
        state.finish()
    }

    /// Segment `text` and recognise its actors: what `detente actors` shows.
    pub fn recognize_text(&self, text: &str, date: Option<&str>) -> Vec<Mention> {
        let sentences = crate::text::segment(text);
        self.recognize(text, &sentences, date)
    }
}

/// One line per mention for `detente actors`: span, text, code, kind, how it was resolved, entity.
pub fn describe(mention: &Mention) -> String {
    let a = &mention.actor;
    let mut s = format!(
        "{}..{}\t{}\t{}\t{:?}\t{:?}\tentity {}",
        mention.start, mention.end, mention.text, a.code, mention.kind, mention.via, mention.entity
    );
    if let Some(n) = &a.name {
        s.push_str(&format!("\tname {n}"));
    }
    if let Some(g) = mention.gender {
        s.push_str(&format!("\t{g}"));
    }
    if mention.plural {
        s.push_str("\tplural");
    }
    s
}
