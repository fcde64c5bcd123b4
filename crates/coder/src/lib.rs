//! The coder: article text → sentences → actor mentions → quotes → events. Pure: no I/O.
//!
//! Every stage works on byte spans into the original text and is deterministic: the same text and
//! dictionaries give the same output. Dictionaries are embedded (`data/`) and can be extended or
//! overridden by user files handed in as [`DictionarySource`]s (the caller does the reading).

pub mod actors;
pub mod events;
pub mod quotes;
pub mod text;

use detente_records::{Article, CodedArticle, SCHEMA_VERSION};

/// A dictionary file's content, handed to the coder by the caller. `name` (usually the path) is used in
/// error messages. The file name decides which stage reads it:
/// `*.actors.toml` and legacy PETRARCH/TABARI actor and agent files (actors), `*.triggers.toml` (events),
/// `*.cues.toml` (quotes).
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
}

impl Coder {
    /// The coder with the built-in dictionaries only.
    pub fn builtin() -> Result<Coder, DictionaryError> {
        Coder::with_sources(&[])
    }

    /// The built-in dictionaries extended or overridden by the user's files.
    pub fn with_sources(user: &[DictionarySource]) -> Result<Coder, DictionaryError> {
        Ok(Coder {
            actors: actors::ActorRecognizer::load(user)?,
            quotes: quotes::QuoteExtractor::load(user)?,
            events: events::EventCoder::load(user)?,
        })
    }

    /// Code one article.
    pub fn code(&self, article: &Article) -> CodedArticle {
        let text = article.text.as_str();
        let sentences = text::segment(text);
        let date = article.date.as_deref();
        let mentions = self.actors.recognize(text, &sentences, date);
        let quotes = self.quotes.extract(text, &sentences, &mentions);
        let events = self.events.code(text, &sentences, &mentions, &quotes, date);
        CodedArticle {
            schema: SCHEMA_VERSION,
            id: article.id.clone(),
            source: article.source.clone(),
            date: article.date.clone(),
            title: article.title.clone(),
            url: article.url.clone(),
            text: Some(article.text.clone()),
            sentences,
            mentions,
            quotes,
            events,
        }
    }
}
