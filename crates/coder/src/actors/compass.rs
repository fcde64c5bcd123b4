//! "The North" and "the South" for a divided country the article named ("North Korea fired two missiles
//! … the North's launches"): newswriting shortens the name once both halves or the country are in the
//! story. Only after such a country is named, only as a noun (not "the North Atlantic", "the South China
//! Sea": a capitalised word after it makes it part of another name), and never where a mention already is.
//!
//! One substring search per sentence, and only in articles that named such a country.

use super::article::ArticleState;
use detente_records::{MentionKind, Resolution};

/// The two compass words, in the order of `ArticleState::compass`.
const COMPASS: [&str; 2] = ["North", "South"];

impl ArticleState<'_> {
    /// A country mention was emitted: remember a "North X" or "South X" country for later short forms.
    pub(super) fn note_compass_country(&mut self, entity: usize) {
        let name = match self.entities[entity].key {
            super::entities::EntityKey::Entry(entry) => &self.dict().entries[entry as usize].name,
            _ => &self.entities[entity].name,
        };
        for (i, word) in COMPASS.iter().enumerate() {
            if name.strip_prefix(word).is_some_and(|rest| rest.starts_with(' ')) {
                self.compass[i] = Some(entity);
            }
        }
    }

    /// "the North" / "the South" in the current sentence, for the country named so before.
    pub(super) fn compass_references(&mut self) {
        if self.compass.iter().all(Option::is_none) {
            return;
        }
        let (s0, s1) = (self.sentence_start, self.sentence_end);
        for (i, word) in COMPASS.iter().enumerate() {
            let Some(entity) = self.compass[i] else { continue };
            let Some(actor) = self.entities[entity].actor.clone() else {
                continue;
            };
            let mut from = s0;
            while let Some(k) = self.text[from..s1].find(word) {
                let start = from + k;
                let end = start + word.len();
                from = end;
                let before = &self.text[s0..start];
                if !(before.ends_with("the ") || before.ends_with("The ")) {
                    continue;
                }
                let rest = &self.text[end..s1];
                let next = rest.chars().next();
                // A noun of its own: the phrase ends, or a possessive or lower-case word follows.
                let alone = match next {
                    None => true,
                    Some(c) if c.is_alphanumeric() => false,
                    Some(' ') => !rest[1..].starts_with(|c: char| c.is_uppercase()),
                    Some(_) => true,
                };
                let taken = self
                    .mentions
                    .iter()
                    .rev()
                    .take_while(|m| m.start >= s0)
                    .any(|m| m.start < end && start < m.end)
                    || self.compass_mentions.iter().any(|m| m.start < end && start < m.end);
                if !alone || taken {
                    continue;
                }
                self.track(entity, start, end);
                self.compass_mentions.push(detente_records::Mention {
                    start,
                    end,
                    text: word.to_string(),
                    actor: actor.clone(),
                    via: Resolution::Coreference,
                    kind: MentionKind::Country,
                    entity: entity + 1,
                    gender: None,
                    plural: false,
                });
            }
        }
    }
}
