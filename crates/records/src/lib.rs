//! Shared record types of detente.
//!
//! Data flows one way: an [`Article`] comes out of `ingest`, the coder turns it into a [`CodedArticle`]
//! (sentences, actor mentions, quotes, events), and the store and analysis read those. The serialised
//! form of [`CodedArticle`] is output schema v1 (`shared/docs/output-schema.md`): fields may be added,
//! none renamed or dropped.
//!
//! Every span is a UTF-8 byte range into `Article::text` as given on input.

use serde::{Deserialize, Serialize};

mod check;
pub mod geo;
pub use check::span_problems;

/// The output schema version written in every coded article.
pub const SCHEMA_VERSION: u32 = 1;

/// A byte range into an article's text.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// The text under the span. Panics when the span is not on char boundaries: that is a bug.
    pub fn of<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// One article as read from an input, before coding.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Article {
    pub id: String,
    pub source: Option<String>,
    /// `YYYY-MM-DD` when the input gave a parseable date.
    pub date: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub text: String,
}

/// A sentence (or a line that is not part of the article, when `boilerplate`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub boilerplate: bool,
    /// Index of the paragraph (block of text between blank lines or line breaks) this sentence is in.
    #[serde(default)]
    pub paragraph: usize,
}

impl Sentence {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// A coded actor: CAMEO-style country + role, or an organisation, and the person's name when named.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub struct Actor {
    /// e.g. `RUSGOV`, `USAMIL`, `NATO`, `WST`.
    pub code: String,
    /// ISO 3166 alpha-3 of the country the actor belongs to.
    pub country: Option<String>,
    /// Short key of an international organisation, group or region (NATO, EU, UN, WST).
    pub org: Option<String>,
    /// CAMEO role code (GOV, MIL, REB, ...).
    pub role: Option<String>,
    /// The person or body, when one is named.
    pub name: Option<String>,
}

/// How a mention got its actor: what `detente actors` shows people who tune dictionaries.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Resolution {
    /// The mention's text is a dictionary entry.
    #[default]
    Dictionary,
    /// A title or role noun next to a name or country gave the actor ("Kremlin spokesman Dmitry Peskov").
    Title,
    /// An apposition gave the actor ("Ali Vaez, an Iran analyst at the International Crisis Group").
    Apposition,
    /// A later mention (surname, title-only) refers back to an actor introduced earlier.
    Coreference,
    /// A pronoun refers back to an actor introduced earlier.
    Pronoun,
    /// A group noun without a country ("protesters", "officials said") takes the country the article or
    /// the sentence is about.
    Context,
    /// The words of a name no dictionary holds gave the actor ("the Andean Water Rights Association": an
    /// organisation, with the country named inside it).
    Name,
}

/// What kind of expression a mention is; quotes and events use it (e.g. pronouns as speakers).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// A named person ("Jens Stoltenberg", "Stoltenberg").
    Person,
    /// A named organisation, body or group ("NATO", "the Kremlin", "the State Department").
    #[default]
    Organization,
    /// A country or place name, or its adjective/demonym used for the country ("Russia", "Russian").
    Country,
    /// A role phrase without a name ("Russian officials", "the spokesman", "a Ukrainian soldier").
    Role,
    /// A pronoun resolved to an earlier actor ("she", "he", "they").
    Pronoun,
}

/// A recognised actor mention.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub actor: Actor,
    /// How the actor was found.
    #[serde(default)]
    pub via: Resolution,
    #[serde(default)]
    pub kind: MentionKind,
    /// Coreference chain inside the article: mentions of the same person or body share it.
    #[serde(default)]
    pub entity: usize,
    /// Grammatical gender when known from a pronoun or a name: "m", "f".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<char>,
    /// Plural role phrase or pronoun ("officials", "they").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub plural: bool,
}

impl Mention {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// What kind of thing an entity is.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person, named ("Jens Stoltenberg") or not ("a Ukrainian soldier").
    #[default]
    Person,
    /// An organisation, body or institution ("NATO", "the State Department", "the Russian government").
    Organization,
    /// A country ("Russia").
    Country,
    /// A group of people ("Russian officials", "protesters", "Ukrainians").
    Group,
}

/// Who is who in an article: one person, organisation, country or group and every mention of it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// The number that the entity's mentions carry in `Mention::entity` (entities are numbered from 1,
    /// in order of first mention: entity `n` is `entities[n - 1]`).
    pub id: usize,
    /// The fullest name the article gives ("Jens Stoltenberg", "the State Department", "Russian officials").
    pub name: String,
    pub kind: EntityKind,
    /// The actor it stands for; None for people the article gives no country or organisation.
    pub actor: Option<Actor>,
    /// Grammatical gender when known: "m", "f".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<char>,
    /// A group of people ("they").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub plural: bool,
    /// Every mention of it, in text order: names, surnames, titles, descriptions, pronouns, acronyms. Those
    /// with an actor are also in the article's `mentions`.
    pub mentions: Vec<Span>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    Direct,
    Indirect,
    Mixed,
}

/// The speaker of a quote: a name, where it is named for this quote, and the actor fields.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Speaker {
    /// The fullest name the article gives for this speaker (or the phrase, for "officials").
    pub name: Option<String>,
    /// Where the speaker is named for this quote ("she", "Stoltenberg", "Wendy Sherman").
    pub mention: Option<Span>,
    pub code: Option<String>,
    pub country: Option<String>,
    pub org: Option<String>,
    pub role: Option<String>,
    /// Coreference chain of the speaker's mention, when the speaker is a recognised actor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<usize>,
}

/// A quotation: the quoted content only (without quotation marks).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub kind: QuoteKind,
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The cue word(s) as written; None for a continuation quote.
    pub cue: Option<String>,
    /// Where the cue is in the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue_span: Option<Span>,
    pub speaker: Option<Speaker>,
}

impl Quote {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// The word(s) that triggered an event.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trigger {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// What kind of place a location is: a town or village is a city; a province, state, district, disputed
/// territory, sea or border area is a region; a building, base, embassy, camp or square is a site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum PlaceKind {
    Country,
    Region,
    #[default]
    City,
    Site,
}

impl PlaceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Country => "country",
            PlaceKind::Region => "region",
            PlaceKind::City => "city",
            PlaceKind::Site => "site",
        }
    }
}

/// Which rule placed an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum LocationVia {
    /// A place in the event's own clause: "met in Geneva", "shelling in eastern Ukraine", "near Basra".
    #[default]
    Clause,
    /// The place is what the event acts on: "shelled Kharkiv", "the invasion of Ukraine".
    Target,
    /// The site of a meeting the article names elsewhere ("talks in Vienna ... the delegations met").
    Venue,
    /// The article's dateline ("WASHINGTON (Reuters) -") for statements and decisions reported from there.
    Dateline,
    /// The place of an event before it in the same sentence by the same source ("Ministers met in Berlin
    /// and said that ...").
    Context,
    /// The seat of the body that acts or is addressed ("the Knesset voted", "addressed Congress"), from the
    /// coder's table of institutions and where they sit.
    Seat,
}

impl LocationVia {
    pub fn as_str(self) -> &'static str {
        match self {
            LocationVia::Clause => "clause",
            LocationVia::Target => "target",
            LocationVia::Venue => "venue",
            LocationVia::Dateline => "dateline",
            LocationVia::Context => "context",
            LocationVia::Seat => "seat",
        }
    }
}

/// Where an event happened, from the built-in gazetteer (GeoNames-derived) or the user's places.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Location {
    /// The place's name as the article spells it (one of the gazetteer's names for it), with a direction
    /// when the text gives one ("eastern Ukraine") or "X border area" for "the border with X".
    pub name: String,
    /// ISO 3166 alpha-3 of the country the place lies in (null for international waters).
    pub country: Option<String>,
    /// Name of the first-level administrative region the place lies in, when known.
    #[serde(default)]
    pub admin1: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    #[serde(default)]
    pub kind: PlaceKind,
    /// Where the place is named in the text (null when the place comes from elsewhere, e.g. a venue's
    /// country).
    #[serde(default)]
    pub mention: Option<Span>,
    #[serde(default)]
    pub via: LocationVia,
    /// GeoNames code of the first-level region (GDELT's ADM1 code is the FIPS country code + this code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin1_code: Option<String>,
}

/// One coded event: who did what to whom.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Index into the article's sentences.
    pub sentence: usize,
    pub source: Actor,
    pub target: Option<Actor>,
    /// CAMEO event code, 2 to 4 digits.
    pub code: String,
    pub root: String,
    pub name: String,
    pub goldstein: f64,
    pub quad_class: u8,
    pub plover: Option<String>,
    pub negated: bool,
    pub factual: bool,
    /// Index into quotes when the event is stated inside a quotation.
    pub quote: Option<usize>,
    /// Where the event took place (see docs/output-schema.md).
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub location: Option<Location>,
    pub trigger: Trigger,
    /// Which lexicon entry / pattern produced the event.
    pub rule: String,
}

/// One coded article: output schema v1.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CodedArticle {
    pub schema: u32,
    pub id: String,
    pub source: Option<String>,
    pub date: Option<String>,
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Omitted with `--no-text`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    pub sentences: Vec<Sentence>,
    pub mentions: Vec<Mention>,
    pub quotes: Vec<Quote>,
    pub events: Vec<Event>,
    /// The article's entities: `mentions[].entity` and `quotes[].speaker.entity` refer to them.
    #[serde(default)]
    pub entities: Vec<Entity>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coded_article_round_trips_and_keeps_schema_fields() {
        let text = "Russia attacked Ukraine.";
        let actor = |code: &str, country: &str| Actor {
            code: code.into(),
            country: Some(country.into()),
            ..Actor::default()
        };
        let coded = CodedArticle {
            schema: SCHEMA_VERSION,
            id: "a1".into(),
            source: None,
            date: Some("2022-02-24".into()),
            title: None,
            url: None,
            text: Some(text.into()),
            sentences: vec![Sentence {
                start: 0,
                end: 24,
                boilerplate: false,
                paragraph: 0,
            }],
            mentions: vec![],
            quotes: vec![],
            events: vec![Event {
                sentence: 0,
                source: actor("RUS", "RUS"),
                target: Some(actor("UKR", "UKR")),
                code: "190".into(),
                root: "19".into(),
                name: "Use conventional military force".into(),
                goldstein: -10.0,
                quad_class: 4,
                plover: Some("ASSAULT".into()),
                negated: false,
                factual: true,
                quote: None,
                location: None,
                trigger: Trigger {
                    start: 7,
                    end: 15,
                    text: "attacked".into(),
                },
                rule: "test".into(),
            }],
            entities: vec![Entity {
                id: 1,
                name: "Russia".into(),
                kind: EntityKind::Country,
                actor: Some(actor("RUS", "RUS")),
                gender: None,
                plural: false,
                mentions: vec![Span::new(0, 6)],
            }],
        };
        let json = serde_json::to_value(&coded).unwrap();
        for field in [
            "schema",
            "id",
            "source",
            "date",
            "title",
            "text",
            "sentences",
            "mentions",
            "quotes",
            "events",
            "entities",
        ] {
            assert!(json.get(field).is_some(), "missing {field}");
        }
        assert_eq!(json["events"][0]["trigger"]["text"], "attacked");
        let mut json = json;
        let back: CodedArticle = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(back, coded);
        // Output written before entities existed still reads.
        json.as_object_mut().unwrap().remove("entities");
        let old: CodedArticle = serde_json::from_value(json).unwrap();
        assert!(old.entities.is_empty());
        assert_eq!(Span::new(7, 15).of(text), "attacked");
    }
}
