//! The matcher: one pass over a sentence's word starts, walking two leftmost-longest automata anchored
//! there (a case-sensitive one for names written with capitals, with an all-caps twin built on first use
//! for sentences in capitals; an ASCII case-insensitive one for lower-case entries such as role nouns,
//! pronouns and legacy upper-case dictionaries). The same loop finds the surnames of people introduced
//! earlier in the article and the given names that start names no dictionary holds.

use super::dict::{self, CaseMode, Dictionary, Target};
use super::sentence::OPENING_QUOTES;
use super::words::List;
use crate::DictionaryError;
use crate::wordset::WordMap;
use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};
use std::sync::OnceLock;

/// One dictionary hit, surname or name start in a sentence.
#[derive(Debug, Clone, Copy)]
pub(super) struct Hit {
    pub start: usize,
    pub end: usize,
    pub what: What,
}

#[derive(Debug, Clone, Copy)]
pub(super) enum What {
    Dict(Target),
    /// A surname (or short form) of an entity introduced earlier in the article.
    Local(usize),
    /// A given name followed by a capitalised word: the start of a name not in the dictionary.
    NewName,
    /// A whole name no dictionary holds, marked as a person by newswriting cues (see `names`).
    CueName,
    /// An organisation's name no dictionary holds, with the country entry named inside it (see
    /// `organisations`).
    OrgName {
        country: Option<u32>,
    },
}

/// The compiled automata over the dictionary's surface forms.
pub(super) struct Matcher {
    /// Case-sensitive names; pattern id → index into `dict.patterns`.
    exact: NFA,
    exact_ids: Vec<u32>,
    /// ASCII case-insensitive entries.
    folded: NFA,
    folded_ids: Vec<u32>,
    /// All-caps forms of the case-sensitive names, built when first needed.
    upper: OnceLock<(NFA, Vec<u32>)>,
    /// Bytes that start some case-sensitive name: other words skip that automaton.
    exact_prefixes: BytePrefixes,
    /// The same for the case-insensitive automaton (in lower case).
    folded_prefixes: BytePrefixes,
}

impl Matcher {
    pub fn build(dict: &Dictionary) -> Result<Matcher, DictionaryError> {
        let mut exact_texts: Vec<String> = Vec::new();
        let mut exact_ids = Vec::new();
        let mut folded_texts: Vec<&str> = Vec::new();
        let mut folded_ids = Vec::new();
        for (i, p) in dict.patterns.iter().enumerate() {
            if p.mode == CaseMode::Exact {
                exact_texts.push(p.text.clone());
                exact_ids.push(i as u32);
                // A capitalised first letter: "The Kremlin" at a sentence start for "the Kremlin".
                let mut chars = p.text.chars();
                if let Some(first) = chars.next().filter(|c| c.is_lowercase()) {
                    exact_texts.push(first.to_uppercase().chain(chars).collect());
                    exact_ids.push(i as u32);
                }
            } else {
                folded_texts.push(&p.text);
                folded_ids.push(i as u32);
            }
        }
        let exact_prefixes = BytePrefixes::of(exact_texts.iter().map(String::as_str), false);
        let folded_prefixes = BytePrefixes::of(folded_texts.iter().copied(), true);
        let exact_refs: Vec<&str> = exact_texts.iter().map(String::as_str).collect();
        Ok(Matcher {
            exact: build_automaton(&exact_refs, false)?,
            exact_ids,
            folded: build_automaton(&folded_texts, true)?,
            folded_ids,
            upper: OnceLock::new(),
            exact_prefixes,
            folded_prefixes,
        })
    }

    /// The all-caps forms of the case-sensitive names, for sentences written in capitals. Built on first
    /// use: such sentences are rare, and the build would double the load time.
    fn upper(&self, dict: &Dictionary) -> &(NFA, Vec<u32>) {
        self.upper.get_or_init(|| {
            let mut texts = Vec::new();
            let mut ids = Vec::new();
            for (i, p) in dict.patterns.iter().enumerate() {
                if p.mode == CaseMode::Exact {
                    texts.push(p.text.to_uppercase());
                    ids.push(i as u32);
                }
            }
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let ac = build_automaton(&refs, false).expect("the upper-case forms build like the others");
            (ac, ids)
        })
    }

    /// Dictionary hits of one sentence: at each word start, the longest verified match of either
    /// automaton (anchored there), the case-sensitive one first on equal length; then on after it. Only
    /// word starts are tried, so the scan is cheap and matches never start inside a word.
    /// `surnames` are those of people introduced earlier in the article: a capitalised word that is one
    /// (and no dictionary entry) refers back to that person.
    #[allow(clippy::too_many_arguments)]
    pub fn find_hits(
        &self,
        dict: &Dictionary,
        text: &str,
        start: usize,
        end: usize,
        surnames: &WordMap<usize>,
        out: &mut Vec<Hit>,
    ) {
        out.clear();
        let hay = &text[start..end];
        let bytes = hay.as_bytes();
        let shouting = is_shouting(hay);
        let (exact, exact_ids) = if shouting {
            let u = self.upper(dict);
            (&u.0, &u.1)
        } else {
            (&self.exact, &self.exact_ids)
        };
        let mut prev_alnum = text[..start].chars().next_back().is_some_and(char::is_alphanumeric);
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let (alnum, len) = if b < 0x80 {
                (b.is_ascii_alphanumeric(), 1)
            } else {
                let c = hay[i..].chars().next().unwrap_or(' ');
                (c.is_alphanumeric(), c.len_utf8())
            };
            if alnum && !prev_alnum {
                let next = bytes.get(i + 1).copied().unwrap_or(b' ');
                let third = bytes.get(i + 2).copied().unwrap_or(b' ');
                let e = if shouting || self.exact_prefixes.has(b, next, third) {
                    longest_at(exact, bytes, i).map(|(end, p)| (end, exact_ids[p]))
                } else {
                    None
                };
                let f = if self.folded_prefixes.has(
                    b.to_ascii_lowercase(),
                    next.to_ascii_lowercase(),
                    third.to_ascii_lowercase(),
                ) {
                    longest_at(&self.folded, bytes, i).map(|(end, p)| (end, self.folded_ids[p]))
                } else {
                    None
                };
                let ordered = match (e, f) {
                    (Some(a), Some(b)) if b.0 > a.0 => [Some(b), Some(a)],
                    (a, b) => [a, b],
                };
                let hit = ordered
                    .into_iter()
                    .flatten()
                    .find(|&(e, pid)| accept(dict, text, start, start + i, start + e, &dict.patterns[pid as usize]));
                if hit.is_none() && b.is_ascii_uppercase() {
                    if let Some((len, entity)) = surname_at(hay, i, surnames) {
                        out.push(Hit {
                            start: start + i,
                            end: start + i + len,
                            what: What::Local(entity),
                        });
                        i += len;
                        prev_alnum = false;
                        continue;
                    }
                    // A given name before another capitalised word: a person not in the dictionary.
                    let word_len = bytes[i..].iter().take_while(|b| b.is_ascii_alphabetic()).count();
                    if (2..=12).contains(&word_len)
                        && bytes.get(i + word_len) == Some(&b' ')
                        && bytes.get(i + word_len + 1).is_some_and(u8::is_ascii_uppercase)
                        && is_given_name(dict, &bytes[i..i + word_len])
                    {
                        out.push(Hit {
                            start: start + i,
                            end: start + i + word_len,
                            what: What::NewName,
                        });
                        i += word_len;
                        prev_alnum = false;
                        continue;
                    }
                }
                if let Some((e, pid)) = hit {
                    out.push(Hit {
                        start: start + i,
                        end: start + e,
                        what: What::Dict(dict.patterns[pid as usize].target),
                    });
                    i = e;
                    prev_alnum = false;
                    continue;
                }
            }
            prev_alnum = alnum;
            i += len;
        }
    }
}

fn is_given_name(dict: &Dictionary, word: &[u8]) -> bool {
    let mut buf = [0u8; 12];
    for (d, b) in buf.iter_mut().zip(word) {
        *d = b.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..word.len()]).is_ok_and(|w| dict.given_names.contains_key(w))
}

/// Whether a pattern's match is a hit: on word boundaries, in the pattern's case, and not a common word
/// opening the sentence.
fn accept(dict: &Dictionary, text: &str, sentence_start: usize, s: usize, e: usize, pattern: &dict::Pattern) -> bool {
    if !at_word_boundaries(text, s, e) {
        return false;
    }
    let matched = &text[s..e];
    if pattern.mode == CaseMode::Capitalized && !matched.starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    // A capitalised common word opening the sentence is not a name ("May", "Will").
    !(matches!(pattern.target, Target::Entry { .. })
        && !matched.contains(' ')
        && text[sentence_start..s].trim_start_matches(OPENING_QUOTES).is_empty()
        && dict.words.has_folded(List::SentenceOpeners, matched))
}

/// A sentence in capitals (headline, wire copy): three or more upper-case letters and no lower-case one.
pub(super) fn is_shouting(s: &str) -> bool {
    let mut upper = 0;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_uppercase() {
            upper += 1;
        }
    }
    upper >= 3
}

/// The longest surname of `surnames` that starts at byte `i` of `hay` and ends at a word boundary: the
/// word there, or a part of it ending before a hyphen, apostrophe or period ("Peskov's", "Putin-style").
/// Called at most capitalised words of a sentence, so it allocates nothing.
fn surname_at(hay: &str, i: usize, surnames: &WordMap<usize>) -> Option<(usize, usize)> {
    if surnames.is_empty() {
        return None;
    }
    let rest = &hay[i..];
    let word = &rest[..joined_word_len(rest)];
    // The whole word first, then its parts before each joiner, longest first.
    let part_ends = word.char_indices().rev().filter(|&(_, c)| is_joiner(c)).map(|(k, _)| k);
    std::iter::once(word.len())
        .chain(part_ends)
        .filter(|&e| e > 0)
        .find_map(|e| surnames.get(&word[..e]).map(|&entity| (e, entity)))
}

/// The characters that may join the parts of a word a surname can be found in.
fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '.')
}

/// The length of the word at the start of `s`: letters and digits, and joiners that stand between two of
/// them. Every joiner inside that length stands between two letters or digits.
fn joined_word_len(s: &str) -> usize {
    let mut chars = s.char_indices().peekable();
    let mut end = 0;
    while let Some((k, c)) = chars.next() {
        if c.is_alphanumeric() {
            end = k + c.len_utf8();
            continue;
        }
        let joins = is_joiner(c) && chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
        if !(end == k && joins) {
            break;
        }
    }
    end
}

/// Whether [s, e) starts and ends at word boundaries.
pub(super) fn at_word_boundaries(text: &str, s: usize, e: usize) -> bool {
    let before = text[..s].chars().next_back();
    let after = text[e..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// The first three bytes of every pattern of an automaton: most words start no pattern, and this set says
/// so before the automaton is walked (each walked state is a likely cache miss). Triples are hashed into a
/// bit set small enough to stay in cache, so a word may pass by collision but no pattern start is
/// rejected. Patterns of one or two bytes are kept apart: they admit every byte after them.
struct BytePrefixes {
    /// First bytes of one-byte patterns.
    singles: [u64; 4],
    /// The two bytes of two-byte patterns.
    short_pairs: Vec<u64>,
    /// The first three bytes of longer patterns, hashed.
    triples: Vec<u64>,
}

impl BytePrefixes {
    fn of<'p>(patterns: impl Iterator<Item = &'p str>, lower: bool) -> BytePrefixes {
        let mut set = BytePrefixes {
            singles: [0; 4],
            short_pairs: vec![0; (1 << 16) / 64],
            triples: vec![0; (1 << TRIPLE_BITS) / 64],
        };
        let fold = |b: u8| if lower { b.to_ascii_lowercase() } else { b };
        for p in patterns {
            match p.as_bytes() {
                [] => {}
                [a] => insert(&mut set.singles, usize::from(fold(*a))),
                [a, b] => insert(&mut set.short_pairs, pair_key(fold(*a), fold(*b))),
                [a, b, c, ..] => insert(&mut set.triples, triple_key(fold(*a), fold(*b), fold(*c))),
            }
        }
        set
    }

    /// Whether some pattern may start with `a b c` (bytes past the haystack's end given as spaces).
    #[inline]
    fn has(&self, a: u8, b: u8, c: u8) -> bool {
        contains(&self.triples, triple_key(a, b, c))
            || contains(&self.short_pairs, pair_key(a, b))
            || contains(&self.singles, usize::from(a))
    }
}

/// log2 of the number of bits of the hashed triple set (16 KiB).
const TRIPLE_BITS: u32 = 17;

fn pair_key(a: u8, b: u8) -> usize {
    usize::from(a) << 8 | usize::from(b)
}

/// A multiplicative hash of the three bytes, `TRIPLE_BITS` wide.
fn triple_key(a: u8, b: u8, c: u8) -> usize {
    let k = u32::from(a) << 16 | u32::from(b) << 8 | u32::from(c);
    (k.wrapping_mul(0x9E37_79B1) >> (32 - TRIPLE_BITS)) as usize
}

fn insert(bits: &mut [u64], k: usize) {
    bits[k / 64] |= 1 << (k % 64);
}

#[inline]
fn contains(bits: &[u64], k: usize) -> bool {
    bits[k / 64] & (1 << (k % 64)) != 0
}

/// Leftmost-longest: the recognizer walks it anchored at word starts only.
fn build_automaton(texts: &[&str], fold: bool) -> Result<NFA, DictionaryError> {
    NFA::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(fold)
        // `longest_at` walks the states itself and never searches: a prefilter would be built for nothing.
        .prefilter(false)
        .build(texts)
        .map_err(|e| dict::error("actors", 0, format!("cannot build the actor matcher: {e}")))
}

/// The longest pattern starting at `at`: its end and pattern index. A plain state walk, cheaper than a
/// search call per word.
#[inline]
fn longest_at(nfa: &NFA, hay: &[u8], at: usize) -> Option<(usize, usize)> {
    let mut sid = nfa.start_state(Anchored::Yes).ok()?;
    let mut best = None;
    for (k, &b) in hay[at..].iter().enumerate() {
        sid = nfa.next_state(Anchored::Yes, sid, b);
        if nfa.is_dead(sid) {
            break;
        }
        if nfa.is_match(sid) {
            // A state also reports patterns that end here but start later (suffixes): keep the one that
            // starts at `at`.
            let walked = k + 1;
            for m in 0..nfa.match_len(sid) {
                let pid = nfa.match_pattern(sid, m);
                if nfa.pattern_len(pid) == walked {
                    best = Some((at + walked, pid.as_usize()));
                    break;
                }
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The surname look-up as first written (collecting every candidate end in a vector): the new one must
    /// give the same answer on every text.
    fn surname_at_reference(hay: &str, i: usize, surnames: &WordMap<usize>) -> Option<(usize, usize)> {
        if surnames.is_empty() {
            return None;
        }
        let rest = &hay[i..];
        let mut ends = Vec::new();
        let mut chars = rest.char_indices().peekable();
        let mut end = 0;
        while let Some((k, c)) = chars.next() {
            if c.is_alphanumeric() {
                end = k + c.len_utf8();
                continue;
            }
            let joins = matches!(c, '-' | '\'' | '’' | '.') && chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
            if end == k && joins {
                ends.push(end);
                continue;
            }
            break;
        }
        ends.push(end);
        ends.iter()
            .rev()
            .filter(|&&e| e > 0)
            .find_map(|&e| surnames.get(&rest[..e]).map(|&entity| (e, entity)))
    }

    fn surnames() -> WordMap<usize> {
        let mut map = WordMap::default();
        for (k, name) in ["Okafor", "Okafor-Lind", "Lind", "D'Arcy", "St.John", "Ruiz", "Ö"]
            .iter()
            .enumerate()
        {
            map.insert(name.to_string(), k);
        }
        map
    }

    #[test]
    fn surnames_are_found_whole_or_before_a_joiner() {
        let names = surnames();
        let at = |hay: &str| surname_at(hay, 0, &names);
        assert_eq!(at("Okafor said"), Some((6, 0)));
        assert_eq!(at("Okafor-Lind said"), Some((11, 1)));
        assert_eq!(at("Okafor-style rules"), Some((6, 0)));
        assert_eq!(at("Okafor's aide"), Some((6, 0)));
        assert_eq!(at("Okafor’s aide"), Some((6, 0)));
        assert_eq!(at("D'Arcy."), Some((6, 3)));
        assert_eq!(at("St.John's"), Some((7, 4)));
        assert_eq!(at("Okafors"), None);
        assert_eq!(at("Okafor--Lind"), Some((6, 0)));
        assert_eq!(surname_at("Okafor", 0, &WordMap::default()), None);
    }

    proptest! {
        #[test]
        fn surname_look_up_matches_the_reference(
            text in "[OkaforLindDRuizSt.J'’\\- sÖé]{0,24}",
            start in 0usize..24,
        ) {
            let names = surnames();
            let mut i = start.min(text.len());
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            prop_assert_eq!(surname_at(&text, i, &names), surname_at_reference(&text, i, &names));
        }
    }
}
