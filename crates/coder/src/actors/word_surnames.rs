//! Surnames that are also common words: "May" (a month, a modal), "Price", "Rice", "Major", "Young". Such a
//! word is kept out of the plain surname index, where any capitalised occurrence would be the person; here it
//! refers back to the person named in full before only where its context reads as a name: not after a time
//! preposition or a determiner ("in May", "the May elections"), not before a number ("May 5") or another
//! capitalised word ("May Day"), and at the start of a sentence only before a verb ("May said", "Price has").

use super::article::ArticleState;
use super::matcher::{Hit, What};
use super::sentence::hit_before;
use super::words::List;

impl ArticleState<'_> {
    /// Add a hit for every common-word surname of the current sentence that reads as the person's name and
    /// that no hit covers; `hits` stays in text order.
    pub(super) fn add_word_surnames(&self, hits: &mut Vec<Hit>) {
        if self.word_surnames.is_empty() {
            return;
        }
        let mut found: Vec<Hit> = Vec::new();
        let mut pos = self.sentence_start;
        while let Some(start) = self.next_word_start(pos) {
            let word = self.word_at(start);
            pos = start + word.len().max(1);
            let name = word
                .strip_suffix("'s")
                .or_else(|| word.strip_suffix("’s"))
                .unwrap_or(word);
            let Some(&entity) = self.word_surnames.get(name) else {
                continue;
            };
            let end = start + name.len();
            let covered = hits.iter().any(|h| h.start < end && start < h.end);
            if !covered && self.reads_as_name(start, end, name.len() < word.len(), hits) {
                found.push(Hit {
                    start,
                    end,
                    what: What::Local(entity),
                });
            }
        }
        if !found.is_empty() {
            hits.extend(found);
            hits.sort_by_key(|h| h.start);
        }
    }

    /// Whether the common word at [start, end) stands for a person here.
    fn reads_as_name(&self, start: usize, end: usize, possessive: bool, hits: &[Hit]) -> bool {
        let rest = self.text[end..self.sentence_end].trim_start_matches(['\'', '’', 's']);
        let rest = rest.trim_start();
        if rest.starts_with(|c: char| c.is_ascii_digit()) {
            return false;
        }
        let next = self.next_word_start(end).map(|at| self.word_at(at)).unwrap_or("");
        let next_glued = rest.starts_with(next) && !next.is_empty();
        if next_glued && next.starts_with(char::is_uppercase) && !possessive {
            return false;
        }
        // A title right before it ("Prime Minister May") names the person whatever comes after.
        if hit_before(hits, start).is_some_and(|h| self.text[h.end..start].trim().is_empty()) {
            return true;
        }
        if let Some((at, prev)) = self.word_before(start) {
            let lower = prev.to_lowercase();
            if self.dict().words.has(List::NotBeforeAName, &lower) {
                return false;
            }
            // "April and May", "March or May": a list of months.
            if matches!(lower.as_str(), "and" | "or" | "to")
                && self
                    .word_before(at)
                    .is_some_and(|(_, w)| w.starts_with(char::is_uppercase) && self.dict().words.has(List::NonName, w))
            {
                return false;
            }
        }
        if self.is_sentence_initial(start) && !possessive {
            return next_glued
                && (self.rec.speech.is_reporting(next) || self.dict().words.has(List::VerbsAfterAName, next))
                || rest.starts_with(',');
        }
        possessive || !next_glued || next.starts_with(char::is_lowercase)
    }
}

#[cfg(test)]
mod tests {
    use crate::actors::ActorRecognizer;

    fn entity_of(text: &str, phrase: &str, rec: &ActorRecognizer, date: &str) -> Option<usize> {
        let start = text.find(phrase)?;
        rec.recognize_text(text, Some(date))
            .iter()
            .find(|m| m.end == start + phrase.len())
            .map(|m| m.entity)
    }

    #[test]
    fn a_surname_that_is_a_month_is_the_person_only_where_it_reads_as_a_name() {
        let rec = ActorRecognizer::load(&[]).expect("built-in dictionaries load");
        let text = "Theresa May opened a trade fair in Leeds. Sales rose in May and fell by June. \
                    \u{201c}We are open for business,\u{201d} May said. May told exporters that the May 14 \
                    deadline stood, and May's deputy agreed.";
        let person = entity_of(text, "Theresa May", &rec, "2018-06-01").expect("the prime minister is a mention");
        let said = text.find("May said").unwrap();
        let told = text.find("May told").unwrap();
        let owner = text.find("May's").unwrap();
        let mentions = rec.recognize_text(text, Some("2018-06-01"));
        let at = |pos: usize| mentions.iter().find(|m| m.start == pos).map(|m| m.entity);
        assert_eq!(at(said), Some(person));
        assert_eq!(at(told), Some(person));
        assert_eq!(at(owner), Some(person));
        // The month, after a preposition and before a number, is nobody.
        assert_eq!(at(text.find("May and").unwrap()), None);
        assert_eq!(at(text.find("May 14").unwrap()), None);
    }

    #[test]
    fn a_surname_that_is_a_common_word_opens_a_sentence_only_before_a_verb() {
        let rec = ActorRecognizer::load(&[]).expect("built-in dictionaries load");
        let text = "Ned Price defended the visa rules on Tuesday. Price has argued for them since the spring. \
                    Price rises hit poorer families hardest, economists said.";
        let person = entity_of(text, "Ned Price", &rec, "2022-06-01").expect("the spokesman is a mention");
        let mentions = rec.recognize_text(text, Some("2022-06-01"));
        let at = |pos: usize| mentions.iter().find(|m| m.start == pos).map(|m| m.entity);
        assert_eq!(at(text.find("Price has").unwrap()), Some(person));
        assert_eq!(at(text.find("Price rises").unwrap()), None);
    }
}
