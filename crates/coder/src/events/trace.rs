//! The explanation recorder: what `detente explain` shows. The engine tells it what it read and decided; when
//! explanations are off, nothing is built (the closures are not called).

use super::explain::{SentenceTrace, TriggerTrace};

#[derive(Default)]
pub struct Recorder {
    on: bool,
    pub sentences: Vec<SentenceTrace>,
}

impl Recorder {
    pub fn new(on: bool) -> Recorder {
        Recorder {
            on,
            sentences: Vec::new(),
        }
    }

    /// A new sentence and the actors the engine sees in it.
    pub fn sentence(&mut self, index: usize, text: &str, actors: impl FnOnce() -> Vec<String>) {
        if self.on {
            self.sentences.push(SentenceTrace {
                index,
                text: text.to_string(),
                skipped: None,
                actors: actors(),
                triggers: Vec::new(),
            });
        }
    }

    /// The current sentence is not read for events, and why.
    pub fn skip(&mut self, why: &str) {
        if let Some(s) = self.sentences.last_mut().filter(|_| self.on) {
            s.skipped = Some(why.to_string());
        }
    }

    /// A trigger of the current sentence and what came of it.
    pub fn trigger(&mut self, text: &str, entry: impl FnOnce() -> String, outcome: impl FnOnce() -> String) {
        if let Some(s) = self.sentences.last_mut().filter(|_| self.on) {
            s.triggers.push(TriggerTrace {
                text: text.to_string(),
                entry: entry(),
                outcome: outcome(),
            });
        }
    }
}
