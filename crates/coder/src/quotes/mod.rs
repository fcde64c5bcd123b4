//! Quote extraction and speaker attribution. (Stage owner: quotes.)

use crate::{DictionaryError, DictionarySource};
use detente_records::{Mention, Quote, Sentence};

/// Compiled cue lexicon.
pub struct QuoteExtractor {}

impl QuoteExtractor {
    pub fn load(_user: &[DictionarySource]) -> Result<QuoteExtractor, DictionaryError> {
        Ok(QuoteExtractor {})
    }

    /// Every direct, indirect and mixed quote in the article's non-boilerplate text, in text order.
    pub fn extract(&self, _text: &str, _sentences: &[Sentence], _mentions: &[Mention]) -> Vec<Quote> {
        Vec::new()
    }
}
