//! Names no dictionary holds, recognised the way a reader of news recognises them: a capitalised name
//! right before a speech verb ("Alma Reyes said", "Reyes, 41, told reporters"), right after one ("…,”
//! said Alma Reyes"), after "Mr.", "Ms.", "Dr.", or before an apposition that opens with a number or an
//! indefinite article ("Alma Reyes, 41, a nurse, …", "Tomas Brandt, an engineer"). A name after a title
//! ("spokeswoman Alma Reyes") and a known given name ("Alma Reyes") are found by composition instead.

use super::article::ArticleState;
use super::dict::{Form, NounKind, Target};
use super::matcher::{Hit, What};
use super::sentence::{head_of, hit_before, is_upper_acronym};
use super::words::List;

/// At most this many words make a name.
const MAX_NAME_WORDS: usize = 4;

impl ArticleState<'_> {
    /// Add a hit for every name of the current sentence that newswriting marks as a person and that no
    /// hit covers; `hits` stays in text order.
    pub(super) fn add_cue_names(&self, hits: &mut Vec<Hit>) {
        let mut found: Vec<Hit> = Vec::new();
        let mut next_hit = 0;
        let mut pos = self.sentence_start;
        while pos < self.sentence_end {
            let Some(start) = self.next_word_start(pos) else { break };
            while next_hit < hits.len() && hits[next_hit].end <= start {
                next_hit += 1;
            }
            // Inside a hit: on after it.
            if let Some(h) = hits.get(next_hit)
                && h.start <= start
            {
                pos = h.end;
                continue;
            }
            // A lower-case word or a number (not "al-Anani") starts no capitalised run: on after it.
            let word = self.word_at(start);
            if word.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit()) && !word.contains('-') {
                pos = start + word.len();
                continue;
            }
            let limit = hits.get(next_hit).map_or(self.sentence_end, |h| h.start);
            let (end, words) = self.capitalised_run(start, limit);
            if words == 0 {
                pos = start + self.word_at(start).len().max(1);
                continue;
            }
            if self.is_cued_name(start, end, words, hits) {
                found.push(Hit {
                    start,
                    end,
                    what: What::CueName,
                });
            }
            pos = end;
        }
        if !found.is_empty() {
            hits.extend(found);
            hits.sort_by_key(|h| h.start);
        }
    }

    /// The start of the next word at or after `pos` in the sentence.
    pub(super) fn next_word_start(&self, pos: usize) -> Option<usize> {
        let rest = &self.text[pos..self.sentence_end];
        let mut prev_alnum = self.text[..pos].chars().next_back().is_some_and(char::is_alphanumeric);
        for (i, c) in rest.char_indices() {
            let alnum = c.is_alphanumeric();
            if alnum && !prev_alnum {
                return Some(pos + i);
            }
            prev_alnum = alnum;
        }
        None
    }

    /// The capitalised words from `start` (before `limit`), with particles between them: its end and the
    /// number of capitalised words; no words when the first is none or no name word.
    fn capitalised_run(&self, start: usize, limit: usize) -> (usize, usize) {
        let words = &self.dict().words;
        let mut end = start;
        let mut count = 0;
        let mut at = start;
        while count < MAX_NAME_WORDS && at < limit {
            let w = self.word_at(at);
            if w.is_empty() || at + w.len() > limit {
                break;
            }
            // "al-Anani", "el-Baradei": a particle joined to a capitalised name.
            let capital = w.starts_with(char::is_uppercase)
                || w.split_once('-')
                    .is_some_and(|(p, rest)| words.has(List::Particles, p) && rest.starts_with(char::is_uppercase));
            let particle = count > 0 && words.has(List::Particles, w);
            let opener = self.is_sentence_initial(at) && words.has_folded(List::SentenceOpeners, w);
            let name_word = capital && !(words.has(List::NonName, w) || is_upper_acronym(w) || opener);
            if name_word {
                count += 1;
                end = at + w.len();
            } else if !particle {
                break;
            }
            let next = at + w.len();
            if !self.text[next..limit].starts_with(' ') {
                break;
            }
            at = next + 1;
        }
        (end, count)
    }

    /// Whether the capitalised run [start, end) is a person by a newswriting cue.
    fn is_cued_name(&self, start: usize, end: usize, words: usize, hits: &[Hit]) -> bool {
        let prev = self.word_before(start);
        // A name goes on after a hit ("President Ana Costa", "Alma Reyes" after a given name): composition
        // reads it; after "the" it is a thing's name ("the Old City"); after a preposition, a place.
        let glued = hit_before(hits, start).is_some_and(|h| self.adjacent(h.end, start, false));
        let last = self.text[start..end].split_whitespace().last().unwrap_or("");
        // "a dinner with Ilan Sorek, a former mayor": after a preposition too, an apposition whose head is
        // a role noun for one person makes the name a person's (not "in Santa Rosa, a town").
        if !glued
            && words >= 2
            && prev.is_some_and(|(_, w)| self.dict().words.has(List::NamePrepositions, w))
            && self.dict().words.org_head(last).is_none()
            && self.role_apposition(end, hits)
        {
            return true;
        }
        if glued
            || self.dict().words.org_head(last).is_some()
            || prev.is_some_and(|(_, w)| {
                matches!(w, "the" | "The" | "a" | "an" | "A" | "An") || self.dict().words.has(List::NamePrepositions, w)
            })
        {
            return false;
        }
        // "Mr. Brandt", "Ms Reyes".
        if prev.is_some_and(|(_, w)| courtesy_gender(w).is_some()) {
            return true;
        }
        // "a driver who would be identified only as Tarek", "gave only her first name, Nadia": the way
        // news names a person who asks to stay anonymous.
        if self.name_withheld_before(start) {
            return true;
        }
        // "…,” said Alma Reyes" / ", says Reyes".
        if let Some((ps, w)) = prev
            && self.rec.speech.is_inverting(w)
            && w.starts_with(char::is_lowercase)
            && self.text[self.sentence_start..ps]
                .trim_end()
                .ends_with([',', '”', '"', '’', ':'])
        {
            return true;
        }
        if words >= 2 && (self.apposition_of_a_person(end) || self.described_after_cue(start)) {
            return true;
        }
        // "“…,” Ada Ortiz, a nurse, said" / "“…,” Ada Ortiz wrote": a name right after a quotation's
        // closing mark and comma is its speaker.
        let before = self.text[self.sentence_start..start].trim_end();
        if words >= 2
            && [",”", ",\"", ",’", "?”", "!”", "?\"", "!\""]
                .iter()
                .any(|q| before.ends_with(q))
        {
            return true;
        }
        self.speech_follows(end)
    }

    /// "…,” said 52-year-old trawler captain Alma Reyes" / "…,” says store clerk Alma Reyes": lower-case words
    /// that describe the person stand between the inverted speech verb and the name.
    fn described_after_cue(&self, start: usize) -> bool {
        let mut pos = start;
        for described in 0..6 {
            let Some((ps, w)) = self.word_before(pos) else {
                return false;
            };
            if !self.text[ps + w.len()..pos].trim().is_empty() {
                return false;
            }
            if self.rec.speech.is_inverting(w) && w.starts_with(char::is_lowercase) {
                return described > 0
                    && self.text[self.sentence_start..ps]
                        .trim_end()
                        .ends_with([',', '”', '"', '’']);
            }
            let plain = w.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit())
                && !matches!(w, "the" | "a" | "an" | "and" | "or" | "of" | "to" | "by");
            if !plain {
                return false;
            }
            pos = ps;
        }
        false
    }

    /// ", 41," or ", a nurse" / ", an engineer" after a name.
    fn apposition_of_a_person(&self, end: usize) -> bool {
        let Some(rest) = self.text[end..self.sentence_end].strip_prefix(", ") else {
            return false;
        };
        let first = rest.split([' ', ',']).next().unwrap_or("");
        (first.bytes().all(|b| b.is_ascii_digit()) && !first.is_empty() && rest[first.len()..].starts_with(','))
            || matches!(first, "a" | "an")
    }

    /// "identified (only) as", "identified by his first name as", "first name,": the words before `start`
    /// introduce a person's name given in part.
    pub(super) fn name_withheld_before(&self, start: usize) -> bool {
        let before = self.text[self.sentence_start..start].trim_end();
        let before = before.strip_suffix(',').unwrap_or(before).trim_end();
        let tail: Vec<&str> = before.rsplit(' ').take(6).collect();
        match tail.first() {
            Some(&"name") => tail.get(1).is_some_and(|w| matches!(*w, "first" | "given")),
            Some(&"as") => tail[1..].contains(&"identified"),
            _ => false,
        }
    }

    /// ", a former mayor", ", an Estonian judge": an apposition after `end` whose head, after the
    /// indefinite article and lower-case words or a nationality, is a role noun for one person.
    fn role_apposition(&self, end: usize, hits: &[Hit]) -> bool {
        let rest = &self.text[end..self.sentence_end];
        let Some(after) = rest.strip_prefix(", a ").or_else(|| rest.strip_prefix(", an ")) else {
            return false;
        };
        let from = self.sentence_end - after.len();
        let mut pos = from;
        for h in hits.iter().filter(|h| h.start >= from).take(3) {
            // Only lower-case words between the article and the hit.
            let gap = &self.text[pos..h.start];
            if !gap
                .split_whitespace()
                .all(|w| w.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
            {
                return false;
            }
            match h.what {
                What::Dict(Target::Noun(n)) => {
                    return matches!(self.dict().nouns[n as usize].kind, NounKind::Person | NounKind::Title);
                }
                What::Dict(Target::Entry {
                    form: Form::Adjective, ..
                }) => pos = h.end,
                _ => return false,
            }
        }
        false
    }

    /// A speech verb follows `end`, across auxiliaries, adverbs and an apposition between commas.
    fn speech_follows(&self, end: usize) -> bool {
        let mut at = end;
        let rest = &self.text[end..self.sentence_end];
        if let Some(after_comma) = rest.strip_prefix(',') {
            let next = self.word_at(self.skip_space(end + 1));
            if self.rec.speech.is_reporting(next) || matches!(next, "has" | "had" | "have" | "also" | "later") {
                // ", had said": the comma closes an apposition the name ends ("the minister, Ana Ruiz, said").
                at = end + 1;
            } else {
                let Some(close) = head_of(after_comma, 200).find(',') else {
                    return false;
                };
                if after_comma[..close].split_whitespace().count() > 16 {
                    return false;
                }
                at = end + 1 + close + 1;
            }
        } else if !rest.starts_with(' ') {
            return false;
        }
        for _ in 0..3 {
            at = self.skip_space(at);
            let w = self.word_at(at);
            if w.is_empty() || !w.starts_with(char::is_lowercase) {
                return false;
            }
            if self.rec.speech.is_reporting(w) {
                return true;
            }
            let skippable = matches!(
                w,
                "has" | "have" | "had" | "also" | "later" | "then" | "again" | "previously" | "once" | "would" | "will"
            ) || w.len() > 4 && w.ends_with("ly");
            if !skippable {
                return false;
            }
            at += w.len();
        }
        false
    }
}

/// The gender a courtesy title gives ('?' for none): "Mr." → m, "Ms." → f, "Dr." → unknown.
pub(super) fn courtesy_gender(word: &str) -> Option<char> {
    match word.trim_end_matches('.') {
        "Mr" | "MR" => Some('m'),
        "Mrs" | "Ms" | "Miss" | "MRS" | "MS" => Some('f'),
        "Dr" | "Prof" => Some('?'),
        _ => None,
    }
}
