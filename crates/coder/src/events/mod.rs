//! Event coding: triggers + shallow syntax → CAMEO/PLOVER events.
//!
//! Data: the ontology (`data/events/ontology.tsv`: names, roots, quad classes, Goldstein values, PLOVER types),
//! the trigger lexicon (verbs, nouns and adjectives with their codes and frames), the word classes the engine
//! reads sentences with (`grammar.toml`) and the complement table (`complements.toml`); users extend each with
//! their own files.
//!
//! Mechanisms, one module each: `sentence` (tokens, classes, mentions, quotes and lexicon matches of a
//! sentence), `verbgroup` (auxiliaries, negation, voice), `syntax` (subject, object, agent, coordination,
//! relative and participle clauses), `modality` (factual, future, conditional, feared), `frames` (complement
//! verbs: intent, threat, refusal, appeal, demand), `speech` (speech acts: the quote's speaker as source),
//! `figurative` (politicians' "attacks" are criticism), `verbal`/`nominal`/`adjectival` (reading a trigger by
//! its part of speech), `emit` (dyads and events), `trace` (the explanation recorder), and `engine` which
//! runs them over an article.

mod adjectival;
mod context;
mod emit;
mod engine;
pub mod explain;
mod figurative;
mod frames;
pub mod grammar;
mod implied;
mod legacy;
pub mod lexicon;
mod modality;
mod nominal;
pub mod ontology;
mod protest_aim;
mod sentence;
mod speech;
mod syntax;
#[cfg(test)]
mod testing;
#[cfg(test)]
mod tests;
mod trace;
mod unidentified;
mod verbal;
mod verbgroup;
pub mod visits;

/// Completes the events that waited for their locations: sides named without their country first (`implied`),
/// then visits, aid and force used on a place (`visits`), whose check of the visitor's own country needs the first.
pub fn settle(events: &mut Vec<Event>) {
    implied::settle(events);
    visits::settle(events);
}

use crate::text::ArticleTokens;
use crate::{DictionaryError, DictionarySource};
use detente_records::{Actor, Event, Mention, Quote, Sentence, Trigger};
pub use explain::Explanation;
pub use ontology::{GoldsteinVariant, Ontology};

/// Compiled ontology and trigger lexicon, shared read-only.
pub struct EventCoder {
    ontology: Ontology,
    lexicon: lexicon::Lexicon,
    grammar: grammar::Grammar,
    complements: frames::Complements,
    /// Sport and entertainment words, for one lookup per token.
    sport_words: rustc_hash::FxHashSet<String>,
    goldstein: GoldsteinVariant,
}

impl EventCoder {
    /// The built-in lexicon extended or overridden by the user's `*.triggers.toml` files among `user`.
    pub fn load(user: &[DictionarySource]) -> Result<EventCoder, DictionaryError> {
        let ontology = Ontology::builtin();
        let lexicon = lexicon::Lexicon::load(user, &ontology)?;
        let sport_words = lexicon.sport_words.iter().cloned().collect();
        let grammar = grammar::Grammar::load(user)?;
        let complements = frames::Complements::load(user, &ontology)?;
        Ok(EventCoder {
            ontology,
            lexicon,
            grammar,
            complements,
            sport_words,
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

    /// Events of the article's non-boilerplate sentences, in sentence order. (Visits to a place that is no
    /// actor need event locations for their host: [`EventCoder::code_awaiting_hosts`] keeps them.)
    pub fn code(
        &self,
        text: &str,
        sentences: &[Sentence],
        mentions: &[Mention],
        quotes: &[Quote],
        date: Option<&str>,
    ) -> Vec<Event> {
        let mut events = self.code_awaiting_hosts(text, sentences, mentions, quotes, date);
        settle(&mut events);
        events
    }

    /// [`EventCoder::code`], keeping visits, aid and force used on a place without a target, and sides named
    /// without their country: once their locations are set, [`settle`] gives each the country of the place, or
    /// drops it.
    pub fn code_awaiting_hosts(
        &self,
        text: &str,
        sentences: &[Sentence],
        mentions: &[Mention],
        quotes: &[Quote],
        _date: Option<&str>,
    ) -> Vec<Event> {
        let tokens = ArticleTokens::of(text, sentences);
        self.code_awaiting_hosts_tokenized(text, sentences, &tokens, mentions, quotes)
    }

    /// [`EventCoder::code_awaiting_hosts`] on the article's tokens, computed once for all stages.
    pub fn code_awaiting_hosts_tokenized(
        &self,
        text: &str,
        sentences: &[Sentence],
        tokens: &ArticleTokens,
        mentions: &[Mention],
        quotes: &[Quote],
    ) -> Vec<Event> {
        engine::run(self, text, sentences, tokens, mentions, quotes, false).events
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
        let tokens = ArticleTokens::of(text, sentences);
        let r = engine::run(self, text, sentences, &tokens, mentions, quotes, true);
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
