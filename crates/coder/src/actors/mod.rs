//! Actor recognition: dictionaries → mentions with CAMEO-style actor codes. (Stage owner: actors.)

use crate::{DictionaryError, DictionarySource};
use detente_records::{Mention, Sentence};

/// Compiled actor dictionaries.
pub struct ActorRecognizer {}

impl ActorRecognizer {
    /// Built-in dictionaries plus the user's actor files among `user`.
    pub fn load(_user: &[DictionarySource]) -> Result<ActorRecognizer, DictionaryError> {
        Ok(ActorRecognizer {})
    }

    /// Every actor mention in the article's non-boilerplate sentences, in text order.
    /// `date` (`YYYY-MM-DD`) selects people's roles at that time.
    pub fn recognize(&self, _text: &str, _sentences: &[Sentence], _date: Option<&str>) -> Vec<Mention> {
        Vec::new()
    }
}
