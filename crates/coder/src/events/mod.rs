//! Event coding: triggers + patterns → CAMEO/PLOVER events. (Stage owner: events.)

use crate::{DictionaryError, DictionarySource};
use detente_records::{Event, Mention, Quote, Sentence};

/// Compiled ontology and trigger lexicon.
pub struct EventCoder {}

impl EventCoder {
    pub fn load(_user: &[DictionarySource]) -> Result<EventCoder, DictionaryError> {
        Ok(EventCoder {})
    }

    /// Events of the article's non-boilerplate sentences, in sentence order.
    pub fn code(
        &self,
        _text: &str,
        _sentences: &[Sentence],
        _mentions: &[Mention],
        _quotes: &[Quote],
        _date: Option<&str>,
    ) -> Vec<Event> {
        Vec::new()
    }
}
