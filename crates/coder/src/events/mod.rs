//! Event coding: triggers + patterns → CAMEO/PLOVER events. (Stage owner: events.)
//!
//! The ontology (`data/events/ontology.tsv`) gives every CAMEO code its name, root, quad class, Goldstein
//! values and PLOVER type. The trigger lexicon (`data/events/triggers.toml`, extended by users'
//! `*.triggers.toml`) gives verbs, nouns and adjectives with their codes and complement frames. The engine
//! (`engine.rs`) reads each sentence shallowly over tokens, actor mentions and closed-class words.

mod engine;
pub mod explain;
mod legacy;
pub mod lexicon;
pub mod ontology;

use crate::{DictionaryError, DictionarySource};
use detente_records::{Actor, Event, Mention, Quote, Sentence, Trigger};
pub use explain::Explanation;
pub use ontology::{GoldsteinVariant, Ontology};

/// Compiled ontology and trigger lexicon, shared read-only.
pub struct EventCoder {
    ontology: Ontology,
    lexicon: lexicon::Lexicon,
    goldstein: GoldsteinVariant,
}

impl EventCoder {
    /// The built-in lexicon extended or overridden by the user's `*.triggers.toml` files among `user`.
    pub fn load(user: &[DictionarySource]) -> Result<EventCoder, DictionaryError> {
        let ontology = Ontology::builtin();
        let lexicon = lexicon::Lexicon::load(user, &ontology)?;
        Ok(EventCoder {
            ontology,
            lexicon,
            goldstein: GoldsteinVariant::default(),
        })
    }

    /// Use another Goldstein table (GDELT is the default).
    pub fn with_goldstein(mut self, variant: GoldsteinVariant) -> EventCoder {
        self.goldstein = variant;
        self
    }

    pub fn ontology(&self) -> &Ontology {
        &self.ontology
    }

    /// Events of the article's non-boilerplate sentences, in sentence order.
    pub fn code(
        &self,
        text: &str,
        sentences: &[Sentence],
        mentions: &[Mention],
        quotes: &[Quote],
        _date: Option<&str>,
    ) -> Vec<Event> {
        engine::run(self, text, sentences, mentions, quotes, false).events
    }

    /// The events with the actors, triggers and patterns that produced them, and why other triggers did not.
    pub fn explain(
        &self,
        text: &str,
        sentences: &[Sentence],
        mentions: &[Mention],
        quotes: &[Quote],
        _date: Option<&str>,
    ) -> Explanation {
        let r = engine::run(self, text, sentences, mentions, quotes, true);
        Explanation {
            sentences: r.traces,
            events: r.events,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn make_event(
        &self,
        sentence: usize,
        source: Actor,
        target: Option<Actor>,
        code: &str,
        negated: bool,
        factual: bool,
        quote: Option<usize>,
        trigger: Trigger,
        rule: String,
    ) -> Event {
        let root = code[..2].to_string();
        let name = self.ontology.get(code).map(|c| c.name.clone()).unwrap_or_default();
        Event {
            sentence,
            source,
            target,
            code: code.to_string(),
            quad_class: Ontology::quad_class(&root),
            root,
            name,
            goldstein: self.ontology.goldstein(code, self.goldstein),
            plover: self.ontology.plover(code).map(str::to_string),
            negated,
            factual,
            quote,
            location: None,
            trigger,
            rule,
        }
    }
}

#[cfg(test)]
mod tests;
