//! What `detente explain` shows: per sentence, the actors, the triggers, the pattern that fired and why an
//! event was or was not produced.

use detente_records::Event;
use std::fmt;

/// One trigger and what came of it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TriggerTrace {
    pub text: String,
    /// The lexicon entry: "verb:attack 190 (<builtin>/triggers.toml)".
    pub entry: String,
    /// The events produced with their pattern, or why there is none.
    pub outcome: String,
}

/// One sentence: skipped (and why), or its actors and triggers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SentenceTrace {
    pub index: usize,
    pub text: String,
    pub skipped: Option<String>,
    pub actors: Vec<String>,
    pub triggers: Vec<TriggerTrace>,
}

/// The explanation of one article's events.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Explanation {
    pub sentences: Vec<SentenceTrace>,
    pub events: Vec<Event>,
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for s in &self.sentences {
            let short: String = s.text.chars().take(100).collect();
            let more = if s.text.chars().count() > 100 { "…" } else { "" };
            writeln!(f, "[{}] {short}{more}", s.index)?;
            if let Some(why) = &s.skipped {
                writeln!(f, "    skipped: {why}")?;
                continue;
            }
            if !s.actors.is_empty() {
                writeln!(f, "    actors: {}", s.actors.join(", "))?;
            }
            if s.triggers.is_empty() {
                writeln!(f, "    no trigger")?;
            }
            for t in &s.triggers {
                writeln!(f, "    trigger {:?} = {}", t.text, t.entry)?;
                writeln!(f, "      → {}", t.outcome)?;
            }
        }
        writeln!(f, "{} event(s)", self.events.len())?;
        for e in &self.events {
            writeln!(
                f,
                "  [{}] {} → {} {} {} (goldstein {}, quad {}, plover {}){}{}  rule: {}",
                e.sentence,
                e.source.code,
                e.target.as_ref().map(|t| t.code.as_str()).unwrap_or("-"),
                e.code,
                e.name,
                e.goldstein,
                e.quad_class,
                e.plover.as_deref().unwrap_or("-"),
                if e.negated { " NEGATED" } else { "" },
                if e.factual { "" } else { " NOT-FACTUAL" },
                e.rule
            )?;
        }
        Ok(())
    }
}
