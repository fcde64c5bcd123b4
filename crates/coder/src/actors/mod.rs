//! Actor recognition: dictionaries → mentions with CAMEO-style actor codes. (Stage owner: actors.)
//!
//! One pass per non-boilerplate sentence over its word starts only: at each, both leftmost-longest
//! automata built once in [`ActorRecognizer::load`] are walked anchored (a case-sensitive one for names
//! written with capitals, with an all-caps twin built on first use for sentences in capitals; an ASCII
//! case-insensitive one for lower-case entries (role nouns, pronouns) and legacy upper-case dictionaries),
//! and the longest verified match wins. The same loop finds the surnames of people introduced earlier and
//! the given names that start unknown names. The hits are then composed left to right:
//!
//! - qualifier + role noun + name: "Kremlin spokesman Dmitry Peskov", "Russian President Vladimir Putin".
//!   **Span convention:** one mention covers the whole phrase, from the qualifier (or the title) to the end
//!   of the name; `actor.name` is the name. Spans never include a leading article ("the", "a").
//! - qualifier + role noun: "Russian officials" (kind Role), "the Russian government" (kind Organization).
//! - name + apposition: "Ali Vaez, an Iran analyst at the International Crisis Group": the mention is the
//!   name, the actor comes from the apposition (via Apposition); the apposition itself is not a mention.
//! - coreference: a later surname ("Peskov"), a title-only phrase ("the spokesman") and the pronouns
//!   he/him/his, she/her, they/them/their (outside quotations) refer back to earlier entities.
//!
//! People whose code is unknown (no role, no country) are tracked for coreference but not emitted, so a
//! "he" after "Chad Smith said" does not jump to an earlier man.

mod dict;
mod legacy;
#[cfg(test)]
mod tests;

use crate::{DictionaryError, DictionarySource};
use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};
use detente_records::{Actor, Mention, MentionKind, Resolution, Sentence};
use dict::{CaseMode, Dictionary, EntryKind, Form, Noun, NounKind, Pronoun, Target};
use std::sync::OnceLock;

/// Compiled actor dictionaries.
pub struct ActorRecognizer {
    dict: Dictionary,
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

/// log2 of the number of bits of the hashed triple set (16 KiB).
const TRIPLE_BITS: u32 = 17;

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

impl ActorRecognizer {
    /// Built-in dictionaries plus the user's actor files among `user`.
    pub fn load(user: &[DictionarySource]) -> Result<ActorRecognizer, DictionaryError> {
        ActorRecognizer::load_with(dict::BUILTIN, user)
    }

    /// `builtin` files (name, content) and then the user's: tests use a small dictionary of their own.
    fn load_with(builtin: &[(&str, &str)], user: &[DictionarySource]) -> Result<ActorRecognizer, DictionaryError> {
        let dict = dict::load(builtin, user)?;
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
        let exact = build_automaton(&exact_refs, false)?;
        let folded = build_automaton(&folded_texts, true)?;
        Ok(ActorRecognizer {
            dict,
            exact,
            exact_ids,
            folded,
            folded_ids,
            upper: OnceLock::new(),
            exact_prefixes,
            folded_prefixes,
        })
    }

    /// The all-caps forms of the case-sensitive names, for sentences written in capitals. Built on first
    /// use: such sentences are rare, and the build would double the load time.
    fn upper(&self) -> &(NFA, Vec<u32>) {
        self.upper.get_or_init(|| {
            let mut texts = Vec::new();
            let mut ids = Vec::new();
            for (i, p) in self.dict.patterns.iter().enumerate() {
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

    /// Number of dictionary entries (people, countries, organisations), role nouns and surface forms.
    pub fn sizes(&self) -> (usize, usize, usize) {
        (self.dict.entries.len(), self.dict.nouns.len(), self.dict.patterns.len())
    }

    /// Every actor mention in the article's non-boilerplate sentences, in text order.
    /// `date` (`YYYY-MM-DD`) selects people's roles at that time.
    pub fn recognize(&self, text: &str, sentences: &[Sentence], date: Option<&str>) -> Vec<Mention> {
        let date = date.and_then(|d| d.get(..10)).filter(|d| d.as_bytes()[4] == b'-');
        let mut state = ArticleState {
            rec: self,
            text,
            date,
            entities: Vec::new(),
            mentions: Vec::new(),
            surnames: Vec::new(),
            countries: Vec::new(),
            country_weights: Vec::new(),
            georgia_us: None,
            sentence: 0,
            sentence_start: 0,
            sentence_end: 0,
            quoted: Vec::new(),
        };
        let mut hits = Vec::new();
        let mut in_quote = false;
        let mut paragraph = usize::MAX;
        // Sentences are counted without boilerplate: "the previous sentence" of the context and pronoun
        // rules skips an "ADVERTISEMENT" line between two paragraphs.
        let mut counted = 0;
        for s in sentences {
            if s.paragraph != paragraph {
                paragraph = s.paragraph;
                in_quote = false;
            }
            if s.boilerplate || s.end > text.len() || s.start >= s.end {
                continue;
            }
            state.sentence = counted;
            counted += 1;
            state.sentence_start = s.start;
            state.sentence_end = s.end;
            in_quote = quoted_ranges(text, s.start, s.end, in_quote, &mut state.quoted);
            self.find_hits(text, s.start, s.end, &state.surnames, &mut hits);
            state.compose(&hits);
        }
        state.mentions
    }

    /// Segment `text` and recognise its actors: what `detente actors` shows.
    pub fn recognize_text(&self, text: &str, date: Option<&str>) -> Vec<Mention> {
        let sentences = crate::text::segment(text);
        self.recognize(text, &sentences, date)
    }

    /// Dictionary hits of one sentence: at each word start, the longest verified match of either
    /// automaton (anchored there), the case-sensitive one first on equal length; then on after it. Only
    /// word starts are tried, so the scan is cheap and matches never start inside a word.
    /// `surnames` are those of people introduced earlier in the article: a capitalised word that is one
    /// (and no dictionary entry) refers back to that person.
    fn find_hits(&self, text: &str, start: usize, end: usize, surnames: &[(String, usize)], out: &mut Vec<Hit>) {
        out.clear();
        let hay = &text[start..end];
        let bytes = hay.as_bytes();
        let shouting = is_shouting(hay);
        let (exact, exact_ids) = if shouting {
            let u = self.upper();
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
                let hit = ordered.into_iter().flatten().find(|&(e, pid)| {
                    self.accept(text, start, start + i, start + e, &self.dict.patterns[pid as usize])
                });
                if hit.is_none() && b.is_ascii_uppercase() {
                    let local = surnames.iter().find(|(name, _)| {
                        bytes[i..].starts_with(name.as_bytes())
                            && at_word_boundaries(text, start + i, start + i + name.len())
                    });
                    if let Some((name, entity)) = local {
                        out.push(Hit {
                            start: start + i,
                            end: start + i + name.len(),
                            what: What::Local(*entity),
                        });
                        i += name.len();
                        prev_alnum = false;
                        continue;
                    }
                    // A given name before another capitalised word: a person not in the dictionary.
                    let word_len = bytes[i..].iter().take_while(|b| b.is_ascii_alphabetic()).count();
                    if (2..=12).contains(&word_len)
                        && bytes.get(i + word_len) == Some(&b' ')
                        && bytes.get(i + word_len + 1).is_some_and(u8::is_ascii_uppercase)
                        && self.is_given_name(&bytes[i..i + word_len])
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
                        what: What::Dict(self.dict.patterns[pid as usize].target),
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

    fn is_given_name(&self, word: &[u8]) -> bool {
        let mut buf = [0u8; 12];
        for (d, b) in buf.iter_mut().zip(word) {
            *d = b.to_ascii_lowercase();
        }
        std::str::from_utf8(&buf[..word.len()]).is_ok_and(|w| self.dict.given_names.contains_key(w))
    }

    fn accept(&self, text: &str, sentence_start: usize, s: usize, e: usize, pattern: &dict::Pattern) -> bool {
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
            && is_common_word(matched))
    }
}

/// A sentence in capitals (headline, wire copy): three or more upper-case letters and no lower-case one.
fn is_shouting(s: &str) -> bool {
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

const OPENING_QUOTES: &[char] = &['"', '“', '‘', '\'', '(', '[', '«', ' ', '—', '-'];

fn at_word_boundaries(text: &str, s: usize, e: usize) -> bool {
    let before = text[..s].chars().next_back();
    let after = text[e..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Capitalised words that open sentences and are rarely actors there.
const COMMON_WORDS: &[&str] = &[
    "a",
    "about",
    "after",
    "again",
    "against",
    "all",
    "also",
    "although",
    "an",
    "and",
    "another",
    "any",
    "as",
    "at",
    "because",
    "before",
    "both",
    "but",
    "by",
    "despite",
    "during",
    "each",
    "earlier",
    "even",
    "every",
    "few",
    "for",
    "from",
    "further",
    "here",
    "however",
    "if",
    "in",
    "instead",
    "it",
    "its",
    "last",
    "later",
    "many",
    "may",
    "meanwhile",
    "might",
    "more",
    "most",
    "much",
    "my",
    "new",
    "next",
    "no",
    "none",
    "nor",
    "not",
    "now",
    "of",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "over",
    "since",
    "so",
    "some",
    "still",
    "such",
    "that",
    "the",
    "then",
    "there",
    "these",
    "this",
    "those",
    "though",
    "thus",
    "to",
    "today",
    "under",
    "unlike",
    "until",
    "we",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "why",
    "will",
    "with",
    "within",
    "without",
    "yesterday",
    "yet",
    "you",
    "hope",
    "mark",
    "bill",
    "sue",
    "grace",
    "rose",
    "faith",
    "joy",
    "art",
    "guy",
    "rich",
    "young",
    "price",
    "rice",
    "said",
    "says",
    "should",
    "would",
    "could",
    "must",
    "shall",
    "can",
];

fn is_common_word(w: &str) -> bool {
    if w.len() > 12 {
        return false;
    }
    let mut buf = [0u8; 12];
    for (i, b) in w.bytes().enumerate() {
        buf[i] = b.to_ascii_lowercase();
    }
    let lower = std::str::from_utf8(&buf[..w.len()]).unwrap_or("");
    COMMON_WORDS.contains(&lower)
}

/// Capitalised words that never start or continue a person's name after a title.
const NON_NAME_WORDS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "In",
    "On",
    "At",
    "And",
    "But",
    "Or",
    "Of",
    "For",
    "To",
    "With",
    "This",
    "That",
    "Mr",
    "Mrs",
    "Ms",
    "Defense",
    "Defence",
    "Foreign",
    "National",
    "Republic",
    "Islamic",
    "Democratic",
    "People",
    "United",
    "Supreme",
    "Central",
    "State",
    "States",
    "Government",
    "Ministry",
    "Army",
    "Navy",
    "Air",
    "Force",
    "Forces",
    "Council",
    "Committee",
    "Party",
    "Union",
    "Federal",
    "General",
    "Office",
    "House",
    "Senate",
    "Times",
    "Post",
    "News",
    "Press",
    "Agency",
    "Minister",
    "President",
    "Secretary",
    "Affairs",
    "Security",
    "Department",
    "Front",
    "Movement",
    "Guard",
    "Guards",
    "Corps",
    "Kingdom",
    "Commission",
    "Assembly",
    "Court",
    "Bank",
    "Inc",
    "Ltd",
    "Co",
    "Corp",
    "Group",
    "Company",
    "University",
    "Institute",
    "Center",
    "Centre",
    "Foundation",
    "Post",
    "Says",
    "Said",
    "Tells",
    "Superintendent",
    "Chief",
    "Inspector",
    "Commissioner",
    "Director",
    "Deputy",
    "Acting",
    "Senior",
    "Assistant",
    "Executive",
    "Special",
    "Lieutenant",
    "Sergeant",
    "Captain",
    "Colonel",
    "Major",
    "Officer",
    "Judge",
    "Justice",
    "Professor",
    "Doctor",
    "Reverend",
    "Bishop",
    "Cardinal",
    "Pope",
    "Spokesman",
    "Spokeswoman",
    "Chairman",
    "Chairwoman",
    "Ambassador",
    "Envoy",
    "Governor",
    "Mayor",
    "Senator",
    "Premier",
    "Street",
    "Square",
    "Palace",
    "Hall",
    "City",
    "County",
    "Province",
    "Region",
    "Sea",
    "River",
    "Ocean",
];

/// Lower-case words that may follow a role noun used as the subject or object ("the army said").
const FOLLOW_OK: &[&str] = &[
    "said",
    "says",
    "say",
    "has",
    "have",
    "had",
    "is",
    "was",
    "were",
    "are",
    "will",
    "would",
    "could",
    "can",
    "did",
    "does",
    "do",
    "may",
    "might",
    "must",
    "should",
    "also",
    "then",
    "in",
    "at",
    "of",
    "to",
    "and",
    "or",
    "on",
    "after",
    "for",
    "from",
    "that",
    "which",
    "who",
    "with",
    "by",
    "as",
    "but",
    "not",
    "had",
    "denied",
    "announced",
    "warned",
    "added",
    "told",
    "claimed",
    "reported",
    "stated",
    "insisted",
    "confirmed",
    "launched",
    "accused",
    "rejected",
    "called",
    "urged",
    "refused",
    "agreed",
    "began",
    "responded",
    "declined",
    "ordered",
    "sent",
];

/// Body nouns that name whichever state the context is about ("the government"), not the latest body
/// named with them.
const GENERIC_BODIES: &[&str] = &[
    "government",
    "administration",
    "regime",
    "authorities",
    "state",
    "cabinet",
];

/// Verbs that make the noun before them a speaker ("officials said").
const SPEECH_VERBS: &[&str] = &[
    "reads",
    "continues",
    "continued",
    "concludes",
    "concluded",
    "states",
    "notes",
    "adds",
    "warns",
    "claims",
    "argues",
    "insists",
    "shows",
    "showed",
    "found",
    "finds",
    "wrote",
    "writes",
    "described",
    "describes",
    "said",
    "say",
    "says",
    "told",
    "tell",
    "reported",
    "report",
    "reports",
    "added",
    "warned",
    "warn",
    "claimed",
    "claim",
    "stated",
    "confirmed",
    "confirm",
    "announced",
    "announce",
    "denied",
    "deny",
    "insisted",
    "insist",
    "believe",
    "believed",
    "fear",
    "feared",
    "estimate",
    "estimated",
    "noted",
    "argued",
    "argue",
    "acknowledged",
    "suggested",
    "indicated",
    "alleged",
    "accused",
    "explained",
];

const PREPOSITIONS: &[&str] = &[
    "in", "at", "from", "to", "of", "near", "across", "into", "outside", "inside", "for", "with", "by", "on", "over",
    "through", "toward", "towards", "against", "between", "around", "visiting", "visited", "leaving", "left",
];

/// Capitalised words that continue a title rather than start a name.
const TITLE_WORDS: &[&str] = &[
    "Superintendent",
    "Chief",
    "Inspector",
    "Commissioner",
    "Director",
    "Deputy",
    "Acting",
    "Senior",
    "Assistant",
    "Executive",
    "Special",
    "General",
    "Adviser",
    "Advisor",
    "Secretary",
    "Minister",
    "Officer",
];

/// Name particles that may sit between capitalised parts of a name.
const PARTICLES: &[&str] = &[
    "de", "da", "del", "della", "di", "du", "van", "von", "der", "den", "bin", "ibn", "al", "el", "la", "le", "dos",
    "das", "y",
];

/// Which quotation ranges of the sentence are open; returns whether a quotation is still open at the end.
fn quoted_ranges(text: &str, start: usize, end: usize, mut open: bool, out: &mut Vec<(usize, usize)>) -> bool {
    out.clear();
    let bytes = &text.as_bytes()[start..end];
    let mut open_at = if open { Some(start) } else { None };
    for i in memchr::memchr2_iter(b'"', 0xE2, bytes) {
        let pos = start + i;
        let closing = match &bytes[i..] {
            [b'"', ..] => open,
            [0xE2, 0x80, 0x9C, ..] | [0xE2, 0x80, 0x9E, ..] => false, // “ „
            [0xE2, 0x80, 0x9D, ..] => true,                           // ”
            _ => continue,
        };
        if closing {
            if let Some(s) = open_at.take() {
                out.push((s, pos));
            }
            open = false;
        } else {
            open_at = Some(pos);
            open = true;
        }
    }
    if let Some(s) = open_at {
        out.push((s, end));
    }
    open
}

#[derive(Debug, Clone, Copy)]
struct Hit {
    start: usize,
    end: usize,
    what: What,
}

#[derive(Debug, Clone, Copy)]
enum What {
    Dict(Target),
    /// A surname (or short form) of an entity introduced earlier in the article.
    Local(usize),
    /// A given name followed by a capitalised word: the start of a name not in the dictionary.
    NewName,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum EntityKey {
    Entry(u32),
    Name(String),
    Phrase(String, String),
}

#[derive(Debug, Clone)]
struct EntityRec {
    key: EntityKey,
    /// The fullest name: a person's full name, a group's code.
    name: String,
    person: bool,
    /// None: tracked for coreference only, never emitted.
    actor: Option<Actor>,
    gender: Option<char>,
    plural: bool,
    /// Title keys the person was introduced with ("spokesman", "president").
    titles: Vec<String>,
    /// End of the latest mention; sentence of it.
    last: usize,
    last_sentence: usize,
    /// The text gave this person's actor with a title or apposition ("NATO Secretary-General …"): it
    /// overrides the dictionary's date-based role for the whole article.
    text_titled: bool,
}

struct ArticleState<'a> {
    rec: &'a ActorRecognizer,
    text: &'a str,
    date: Option<&'a str>,
    entities: Vec<EntityRec>,
    mentions: Vec<Mention>,
    /// Surnames of people introduced in the article → entity.
    surnames: Vec<(String, usize)>,
    /// Countries mentioned, by sentence: the context for titles without a country.
    /// (sentence, country as an index into `country_weights`, weight): a person or an official body (2)
    /// says more about whose story it is than a country named as a place or object (1).
    countries: Vec<(usize, usize, usize)>,
    /// The same weights summed over the article so far, by country.
    country_weights: Vec<(String, usize)>,
    georgia_us: Option<bool>,
    sentence: usize,
    sentence_start: usize,
    sentence_end: usize,
    quoted: Vec<(usize, usize)>,
}

/// A person's name found in the text.
struct NameSpan {
    start: usize,
    end: usize,
    /// The dictionary person, when the name (or its last part) is one.
    entry: Option<u32>,
    /// An entity introduced earlier in the article, when the name is its surname.
    local: Option<usize>,
    /// Hits consumed by the name.
    hits_used: usize,
}

/// What an apposition or title phrase says about a person.
struct RolePhrase {
    actor: Option<Actor>,
    title: Option<String>,
    gender: Option<char>,
    /// The actor comes from a country or organisation named in the phrase, not from context.
    explicit: bool,
    /// "former": the person no longer holds the role.
    former: bool,
    /// The head noun names one person ("spokesman"), not a group ("the leaders of Britain").
    singular: bool,
}

impl<'a> ArticleState<'a> {
    fn dict(&self) -> &'a Dictionary {
        &self.rec.dict
    }

    // -----------------------------------------------------------------------------------------
    // Small text helpers (all positions are absolute byte offsets, bounded by the sentence).

    /// The word (letters, inner apostrophes, hyphens, periods) starting at `pos`, without a possessive.
    fn word_at(&self, pos: usize) -> &'a str {
        let s = &self.text[pos..self.sentence_end];
        let mut end = 0;
        for (i, c) in s.char_indices() {
            if c.is_alphanumeric() {
                end = i + c.len_utf8();
                continue;
            }
            if end == i && i > 0 && matches!(c, '-' | '.' | '\'' | '’') {
                let rest = &s[i + c.len_utf8()..];
                let next = rest.chars().next();
                let possessive =
                    matches!(c, '\'' | '’') && next == Some('s') && !rest[1..].starts_with(char::is_alphanumeric);
                if !possessive && next.is_some_and(char::is_alphanumeric) {
                    continue;
                }
                // An initial: "J."
                if c == '.' && i == 1 && s.starts_with(|c: char| c.is_ascii_uppercase()) {
                    end = 2;
                }
            }
            break;
        }
        &s[..end]
    }

    /// Position after white space from `pos`.
    fn skip_space(&self, pos: usize) -> usize {
        let s = &self.text[pos..self.sentence_end];
        pos + (s.len() - s.trim_start().len())
    }

    /// The word before `pos` (skipping white space), with its start.
    fn word_before(&self, pos: usize) -> Option<(usize, &'a str)> {
        let s = self.text[self.sentence_start..pos].trim_end();
        let end = self.sentence_start + s.len();
        let start = s
            .rfind(|c: char| !(c.is_alphanumeric() || c == '-' || c == '.' || c == '\'' || c == '’'))
            .map(|i| i + s[i..].chars().next().map_or(1, char::len_utf8));
        let start = self.sentence_start + start.unwrap_or(0);
        (start < end).then(|| (start, &self.text[start..end]))
    }

    fn is_sentence_initial(&self, pos: usize) -> bool {
        self.text[self.sentence_start..pos]
            .trim_start_matches(OPENING_QUOTES)
            .is_empty()
    }

    /// A leading article is not part of a span.
    fn strip_article(&self, start: usize, end: usize) -> usize {
        let s = &self.text[start..end];
        for a in ["the ", "The ", "THE "] {
            if s.len() > a.len() && s.starts_with(a) {
                return start + a.len();
            }
        }
        start
    }

    fn in_quote(&self, pos: usize) -> bool {
        self.quoted.iter().any(|&(s, e)| s <= pos && pos < e)
    }

    fn given_gender(&self, name: &str) -> Option<char> {
        let first = name.split_whitespace().next()?;
        let lower = first.to_lowercase();
        self.dict().given_names.get(&lower).copied().filter(|&g| g != '?')
    }

    fn is_given_name(&self, word: &str) -> bool {
        self.dict().given_names.contains_key(&word.to_lowercase())
    }

    // -----------------------------------------------------------------------------------------
    // Entities and mentions.

    fn entity(&mut self, key: EntityKey, make: impl FnOnce() -> EntityRec) -> usize {
        if let Some(i) = self.entities.iter().position(|e| e.key == key) {
            return i;
        }
        self.entities.push(make());
        self.entities.len() - 1
    }

    #[allow(clippy::too_many_arguments)]
    fn emit(
        &mut self,
        start: usize,
        end: usize,
        actor: Actor,
        via: Resolution,
        kind: MentionKind,
        entity: usize,
        gender: Option<char>,
        plural: bool,
    ) {
        let start = self.strip_article(start, end);
        // The context for titles without a country: countries and people named, state bodies and officials
        // (not "Russians", "Russian hackers" or pronouns).
        if let Some(c) = &actor.country
            && (matches!(
                kind,
                MentionKind::Country | MentionKind::Person | MentionKind::Organization
            ) || context_role(actor.role.as_deref()))
        {
            let weight = if kind == MentionKind::Country && actor.role.is_none() {
                1
            } else {
                2
            };
            let index = match self.country_weights.iter().position(|(k, _)| k == c) {
                Some(index) => {
                    self.country_weights[index].1 += weight;
                    index
                }
                None => {
                    self.country_weights.push((c.clone(), weight));
                    self.country_weights.len() - 1
                }
            };
            self.countries.push((self.sentence, index, weight));
        }
        let e = &mut self.entities[entity];
        e.last = end;
        e.last_sentence = self.sentence;
        self.mentions.push(Mention {
            start,
            end,
            text: self.text[start..end].to_string(),
            actor,
            via,
            kind,
            entity: entity + 1,
            gender,
            plural,
        });
    }

    /// The country of the current and previous sentence: the only one, or the one that outweighs all
    /// others together ("the White House … Obama … the Israeli leader … Congress": the US).
    fn context_country(&self) -> Option<String> {
        let mut counts: Vec<(usize, usize)> = Vec::new();
        let mut total = 0;
        for &(si, c, w) in self.countries.iter().rev() {
            if si + 1 < self.sentence {
                break;
            }
            total += w;
            match counts.iter_mut().find(|(k, _)| *k == c) {
                Some((_, n)) => *n += w,
                None => counts.push((c, w)),
            }
        }
        if total > 0 {
            let &(top, n) = counts.iter().max_by_key(|(_, n)| *n)?;
            return (2 * n > total).then(|| self.country_weights[top].0.clone());
        }
        // Nothing named nearby: the country the article is about, if it outweighs all others twice over.
        let total: usize = self.country_weights.iter().map(|(_, w)| w).sum();
        let (top, n) = self.country_weights.iter().max_by_key(|(_, n)| *n)?;
        (3 * n > 2 * total).then(|| top.clone())
    }

    /// The actor of a dictionary entry's hit, with the Georgia (US state) rule applied.
    fn entry_actor(&mut self, entry: u32, hit: &Hit) -> Option<Actor> {
        let e = &self.dict().entries[entry as usize];
        let (mut actor, _) = e.actor_at(self.date)?;
        if actor.code == "GEO"
            && self.text[hit.start..hit.end].eq_ignore_ascii_case("georgia")
            && self.georgia_is_us_state(hit)
        {
            actor = Actor {
                code: "USA".into(),
                country: Some("USA".into()),
                ..Actor::default()
            };
        }
        // "Congo" alone was the Republic of the Congo while the other Congo was called Zaire (until May
        // 1997), and is it whenever the article names Brazzaville and not Kinshasa.
        if actor.country.as_deref() == Some("COD")
            && matches!(&self.text[hit.start..hit.end], "Congo" | "Congolese" | "CONGO")
            && self.congo_is_brazzaville()
        {
            actor.code = actor.code.replacen("COD", "COG", 1);
            actor.country = Some("COG".into());
        }
        // The body as the text names it ("State Department", not the entry's first name "Washington").
        if e.kind == EntryKind::Organization && actor.name.is_none() {
            let start = self.strip_article(hit.start, hit.end);
            actor.name = Some(self.text[start..hit.end].to_string());
        }
        Some(actor)
    }

    fn congo_is_brazzaville(&self) -> bool {
        if let Some(date) = self.date
            && date.len() >= 10
            && date < "1997-05-17"
        {
            return !self.text.contains("Kinshasa");
        }
        self.text.contains("Brazzaville") && !self.text.contains("Kinshasa")
    }

    fn georgia_is_us_state(&mut self, hit: &Hit) -> bool {
        let text = self.text;
        // "Atlanta, Georgia": a capitalised place, a comma, then the state.
        let before = text[self.sentence_start..hit.start].trim_end();
        if let Some(b) = before.strip_suffix(',')
            && let Some((_, w)) = self.word_before(self.sentence_start + b.len())
            && w.starts_with(char::is_uppercase)
            && !matches!(
                w,
                "Russia" | "Armenia" | "Azerbaijan" | "Turkey" | "Ukraine" | "Tbilisi"
            )
        {
            return true;
        }
        let mut after = text[hit.end..self.sentence_end].trim_start();
        for p in ["'s ", "’s "] {
            if let Some(a) = after.strip_prefix(p) {
                after = a.trim_start();
            }
        }
        const STATE_WORDS: &[&str] = &[
            "Governor",
            "governor",
            "Gov.",
            "Senate",
            "senate",
            "Senator",
            "senator",
            "senators",
            "Republican",
            "Republicans",
            "Democrat",
            "Democrats",
            "Democratic",
            "legislature",
            "Legislature",
            "state",
            "State",
            "voters",
            "county",
            "County",
            "Secretary",
            "secretary",
            "Supreme",
            "General",
            "Bulldogs",
            "Tech",
            "Power",
            "runoff",
            "runoffs",
            "election",
            "elections",
            "primary",
            "House",
            "lawmakers",
            "Gov",
        ];
        let next = after
            .split(|c: char| c.is_whitespace() || c == ',')
            .next()
            .unwrap_or("");
        if STATE_WORDS.contains(&next) {
            return true;
        }
        *self.georgia_us.get_or_insert_with(|| {
            const US: &[&str] = &[
                "Atlanta",
                "Savannah",
                "Peach State",
                "Fulton County",
                "Kemp",
                "Warnock",
                "Ossoff",
                "Raffensperger",
                "Stacey Abrams",
            ];
            const GEO: &[&str] = &[
                "Tbilisi",
                "Georgian",
                "Saakashvili",
                "Abkhazia",
                "Ossetia",
                "Caucasus",
                "Kobakhidze",
                "Zourabichvili",
            ];
            let count = |words: &[&str]| {
                words
                    .iter()
                    .filter(|w| memchr::memmem::find(text.as_bytes(), w.as_bytes()).is_some())
                    .count()
            };
            count(US) > 0 && count(GEO) == 0
        })
    }

    /// The person entity of a dictionary person; registers its surname for later bare mentions.
    fn person_entity(&mut self, entry: u32, title: Option<String>, fallback: Option<&Actor>) -> usize {
        let e = &self.dict().entries[entry as usize];
        let (actor, dict_title) = match e.actor_at(self.date) {
            Some((a, t)) => (Some(a), t),
            None => (fallback.cloned(), None),
        };
        let name = e.name.clone();
        let gender = e
            .gender
            .or_else(|| title_gender(self.dict(), title.as_deref()))
            .or_else(|| self.given_gender(&name));
        let idx = self.entity(EntityKey::Entry(entry), || EntityRec {
            key: EntityKey::Entry(entry),
            name: name.clone(),
            person: true,
            actor: actor.map(|mut a| {
                a.name = Some(name.clone());
                a
            }),
            gender,
            plural: false,
            titles: dict_title.into_iter().collect(),
            last: 0,
            last_sentence: 0,
            text_titled: false,
        });
        if let Some(t) = title
            && !self.entities[idx].titles.contains(&t)
        {
            self.entities[idx].titles.push(t);
        }
        if self.entities[idx].actor.is_none()
            && let Some(mut a) = fallback.cloned()
        {
            a.name = Some(name.clone());
            self.entities[idx].actor = Some(a);
        }
        self.register_surname(&name, idx);
        idx
    }

    fn unknown_person(
        &mut self,
        name: &str,
        actor: Option<Actor>,
        title: Option<String>,
        gender: Option<char>,
    ) -> usize {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        let gender = gender.or_else(|| self.given_gender(&name));
        let key = EntityKey::Name(name.clone());
        // Known already without a code: a title now may give one.
        if let Some(e) = self.entities.iter_mut().find(|e| e.key == key)
            && e.actor.is_none()
            && let Some(mut a) = actor.clone()
        {
            a.name = Some(name.clone());
            e.actor = Some(a);
        }
        let idx = self.entity(key.clone(), || EntityRec {
            key,
            name: name.clone(),
            person: true,
            actor: actor.map(|mut a| {
                a.name = Some(name.clone());
                a
            }),
            gender,
            plural: false,
            titles: Vec::new(),
            last: 0,
            last_sentence: 0,
            text_titled: false,
        });
        if let Some(t) = title
            && !self.entities[idx].titles.contains(&t)
        {
            self.entities[idx].titles.push(t);
        }
        self.register_surname(&name, idx);
        idx
    }

    fn register_surname(&mut self, name: &str, entity: usize) {
        let Some(last) = name.split_whitespace().last() else {
            return;
        };
        if last.len() < 3 || last == name || !last.starts_with(char::is_uppercase) {
            return;
        }
        if !self.surnames.iter().any(|(s, _)| s == last) {
            self.surnames.push((last.to_string(), entity));
        }
    }

    // -----------------------------------------------------------------------------------------
    // Composition.

    fn compose(&mut self, hits: &[Hit]) {
        let mut i = 0;
        while i < hits.len() {
            i = self.compose_at(hits, i);
        }
    }

    /// Handle the hit at `i` (and what it composes with); returns the next hit to look at.
    fn compose_at(&mut self, hits: &[Hit], i: usize) -> usize {
        let hit = hits[i];
        match hit.what {
            What::Local(entity) => {
                let rec = &self.entities[entity];
                let (actor, gender) = (rec.actor.clone(), rec.gender);
                match actor {
                    Some(actor) => self.emit(
                        hit.start,
                        hit.end,
                        actor,
                        Resolution::Coreference,
                        MentionKind::Person,
                        entity,
                        gender,
                        false,
                    ),
                    None => self.entities[entity].last = hit.end,
                }
                self.apposition_after(hits, i + 1, hit.end, entity)
            }
            What::Dict(Target::Pronoun(p)) => {
                match self.cataphora(hits, i, p) {
                    Some(Some(ent)) => self.pronoun_of(hit, p, ent),
                    Some(None) => {}
                    None => self.pronoun(hit, p),
                }
                i + 1
            }
            What::NewName => {
                // Tracked (pronouns, later surname, an apposition may give it an actor), not emitted.
                let Some(name) = self.name_after(hits, i + 1, hit.end) else {
                    return i + 1;
                };
                if name.entry.is_some() || name.local.is_some() {
                    return i + 1;
                }
                let full = self.text[hit.start..name.end].to_string();
                if self.is_sentence_initial(hit.start) && is_common_word(&self.text[hit.start..hit.end]) {
                    return i + 1 + name.hits_used;
                }
                let ent = self.unknown_person(&full, None, None, None);
                self.entities[ent].last = name.end;
                self.entities[ent].last_sentence = self.sentence;
                self.apposition_after(hits, i + 1 + name.hits_used, name.end, ent)
            }
            What::Dict(Target::Entry { entry, form }) => {
                let kind = self.dict().entries[entry as usize].kind;
                if kind == EntryKind::Person {
                    return self.known_person(hits, i, entry, hit.start, None);
                }
                match form {
                    Form::Demonym => {
                        let Some(base) = self.entry_actor(entry, &hit) else {
                            return i + 1;
                        };
                        let country = base.country.clone();
                        let actor = match &country {
                            Some(c) => Actor {
                                code: format!("{c}CVL"),
                                country: country.clone(),
                                org: None,
                                role: Some("CVL".into()),
                                name: None,
                            },
                            None => base,
                        };
                        let key = EntityKey::Phrase(actor.code.clone(), "people".into());
                        let ent = self.entity(key.clone(), || new_group(key, Some(actor.clone()), true));
                        self.emit(
                            hit.start,
                            hit.end,
                            actor,
                            Resolution::Dictionary,
                            MentionKind::Role,
                            ent,
                            None,
                            true,
                        );
                        i + 1
                    }
                    Form::Name | Form::Adjective => self.chain(hits, i),
                }
            }
            What::Dict(Target::Noun(_)) => self.chain(hits, i),
        }
    }

    /// True when `a` ends right before `b` with only white space between (or a possessive, when allowed).
    fn adjacent(&self, end: usize, start: usize, possessive: bool) -> bool {
        if start < end {
            return false;
        }
        let gap = &self.text[end..start];
        if gap.is_empty() {
            return false;
        }
        // "Stevens' deputy": a bare apostrophe after a final s.
        let gap = if possessive {
            gap.trim_start_matches("'s")
                .trim_start_matches("’s")
                .trim_start_matches(['\'', '’'])
        } else {
            gap
        };
        !gap.is_empty() && gap.chars().all(|c| c == ' ' || c == '\u{a0}')
    }

    /// A dictionary person at hit `i` (perhaps preceded by a title phrase starting at `start`).
    fn known_person(&mut self, hits: &[Hit], i: usize, entry: u32, start: usize, titled: Option<RolePhrase>) -> usize {
        let hit = hits[i];
        let has_code = self.dict().entries[entry as usize].actor_at(self.date).is_some();
        let (title, fallback) = match &titled {
            Some(t) => (t.title.clone(), t.actor.clone()),
            None => (None, None),
        };
        let ent = self.person_entity(entry, title, fallback.as_ref());
        let first_time = self.entities[ent].last == 0;
        let retitled = titled
            .as_ref()
            .and_then(|t| self.titled_actor(entry, t))
            .is_some_and(|a| self.set_text_actor(ent, a));
        let via = if retitled || (titled.is_some() && !has_code) {
            Resolution::Title
        } else if !first_time && !self.text[hit.start..hit.end].contains(' ') {
            Resolution::Coreference
        } else {
            Resolution::Dictionary
        };
        let rec = &self.entities[ent];
        let (actor, gender) = (rec.actor.clone(), rec.gender);
        match actor {
            Some(actor) => self.emit(start, hit.end, actor, via, MentionKind::Person, ent, gender, false),
            None => self.entities[ent].last = hit.end,
        }
        self.apposition_after(hits, i + 1, hit.end, ent)
    }

    /// The actor a title before a dictionary person's name gives ("NATO Secretary-General Jens
    /// Stoltenberg"): the composition when the phrase names a country or organisation, else the person's
    /// role with that title; "former" makes it an elite of that country.
    fn titled_actor(&self, entry: u32, t: &RolePhrase) -> Option<Actor> {
        let e = &self.dict().entries[entry as usize];
        // "former prime minister" is a noun of its own: the role is "prime minister", held before.
        let former_noun = t
            .title
            .as_deref()
            .and_then(|k| k.strip_prefix("former ").or_else(|| k.strip_prefix("ex ")));
        let title = former_noun.or(t.title.as_deref());
        let by_title = || title.and_then(|k| e.actor_titled(k));
        if t.former || former_noun.is_some() {
            if t.explicit {
                return t.actor.clone();
            }
            let base = by_title().or_else(|| e.actor_at(self.date).map(|(a, _)| a))?;
            return Some(elite(base));
        }
        // "his Philippine counterpart Rodrigo Duterte": a noun with no role says only the country, which the
        // dictionary's role (of that country) says better.
        if t.explicit
            && let Some(a) = &t.actor
        {
            let same_country = e.actor_at(self.date).is_some_and(|(d, _)| d.country == a.country);
            if a.role.is_some() || a.org.is_some() || !same_country {
                return Some(a.clone());
            }
        }
        by_title()
    }

    /// Give a person entity the actor the text states; earlier mentions of the entity (coded by the
    /// dictionary) take it too. Returns whether the actor changed.
    fn set_text_actor(&mut self, ent: usize, mut actor: Actor) -> bool {
        let rec = &mut self.entities[ent];
        actor.name = Some(rec.name.clone());
        let first = !rec.text_titled;
        rec.text_titled = true;
        if rec.actor.as_ref() == Some(&actor) {
            return false;
        }
        rec.actor = Some(actor.clone());
        if first {
            for m in self.mentions.iter_mut().filter(|m| m.entity == ent + 1) {
                m.actor = actor.clone();
            }
        }
        true
    }

    /// ", an Iran analyst at the International Crisis Group": the role phrase after a person's name gives
    /// the person's actor when the dictionary has none. Returns the next hit index.
    fn apposition_after(&mut self, hits: &[Hit], j: usize, name_end: usize, entity: usize) -> usize {
        let rest = &self.text[name_end..self.sentence_end];
        let Some(after_comma) = rest.strip_prefix(',') else {
            return j;
        };
        let mut pos = name_end + 1;
        pos = self.skip_space(pos);
        let _ = after_comma;
        let w = self.word_at(pos);
        if matches!(w, "a" | "an" | "the" | "A" | "An" | "The") {
            pos = self.skip_space(pos + w.len());
        }
        // "…, a former Israeli official,": an elite of that country.
        let w = self.word_at(pos);
        let former = w.eq_ignore_ascii_case("former");
        if former {
            pos = self.skip_space(pos + w.len());
        }
        let Some((mut phrase, next, end)) = self
            .role_phrase(hits, j, pos, true)
            .or_else(|| self.loose_role_phrase(hits, j, pos))
        else {
            return j;
        };
        if former {
            phrase.actor = phrase.actor.map(elite);
            phrase.former = true;
        }
        // "President Barack Obama, the leaders of Britain …": a group is no apposition of one person.
        if !phrase.singular {
            return j;
        }
        // An apposition closes ("…, a soldier, said"); "Putin, an official said, …" is not one.
        if !self.apposition_closes(end) {
            return j;
        }
        // A dictionary person's apposition that names a role ("Jens Stoltenberg, NATO's secretary-general,")
        // overrides the date-based role, like a title before the name.
        if let EntityKey::Entry(entry) = self.entities[entity].key
            && self.entities[entity].actor.is_some()
        {
            let stated = match &phrase.actor {
                Some(a) if phrase.explicit && (a.org.is_some() || a.role.is_some()) => Some(a.clone()),
                _ => phrase
                    .title
                    .as_deref()
                    .and_then(|k| self.dict().entries[entry as usize].actor_titled(k)),
            };
            if let Some(a) = stated {
                self.set_text_actor(entity, a);
            }
        }
        let rec = &mut self.entities[entity];
        if rec.actor.is_none()
            && let Some(mut actor) = phrase.actor
        {
            actor.name = Some(rec.name.clone());
            rec.actor = Some(actor.clone());
            if rec.gender.is_none() {
                rec.gender = phrase.gender;
            }
            if let Some(t) = phrase.title {
                rec.titles.push(t);
            }
            // The name was tracked but not emitted: emit it now that it has an actor.
            let (gender, last) = (rec.gender, rec.last);
            let name_start = self.name_start_before(last);
            self.emit(
                name_start,
                last,
                actor,
                Resolution::Apposition,
                MentionKind::Person,
                entity,
                gender,
                false,
            );
        } else if let Some(t) = phrase.title
            && !rec.titles.contains(&t)
        {
            rec.titles.push(t);
        }
        next
    }

    /// "…, the Pentagon budget director,", "…, the White House National Energy Council director said": an
    /// organisation or country, a few words that are no role nouns, then a one-person title. The title
    /// belongs to the organisation named first.
    fn loose_role_phrase(&mut self, hits: &[Hit], j: usize, pos: usize) -> Option<(RolePhrase, usize, usize)> {
        let first = hits.get(j)?;
        let What::Dict(Target::Entry {
            entry,
            form: Form::Name | Form::Adjective,
        }) = first.what
        else {
            return None;
        };
        // The dictionary's "the Pentagon" starts at the article the caller skipped.
        let at_pos =
            first.start == pos || first.start < pos && self.text[first.start..pos].trim().eq_ignore_ascii_case("the");
        if !at_pos || self.dict().entries[entry as usize].kind == EntryKind::Person {
            return None;
        }
        // Capitalised nouns inside a name ("Energy Council") may come before the title.
        let mut t = j + 1;
        let (title_hit, noun) = loop {
            let h = hits.get(t)?;
            let What::Dict(Target::Noun(n)) = h.what else {
                return None;
            };
            let noun = &self.dict().nouns[n as usize];
            if matches!(noun.kind, NounKind::Person | NounKind::Title) {
                break (*h, noun);
            }
            if !self.text[h.start..].starts_with(char::is_uppercase) {
                return None;
            }
            t += 1;
        };
        let gap = &self.text[first.end..title_hit.start];
        if gap.split_whitespace().count() > 4 || !gap.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '-') {
            return None;
        }
        let qual = self.entry_actor(entry, first)?;
        let actor = compose_actor(Some(&qual), noun, noun.role.as_deref(), false, None);
        Some((
            RolePhrase {
                explicit: actor.is_some(),
                actor,
                title: Some(noun.key.clone()),
                gender: noun.gender,
                former: false,
                singular: true,
            },
            t + 1,
            title_hit.end,
        ))
    }

    /// Start of the capitalised name that ends at `end` (for names emitted after their apposition).
    fn name_start_before(&self, end: usize) -> usize {
        let mut start = end;
        let mut pos = end;
        for _ in 0..4 {
            let Some((s, w)) = self.word_before(pos) else { break };
            let ok = w.starts_with(char::is_uppercase) || PARTICLES.contains(&w);
            if !ok || NON_NAME_WORDS.contains(&w) || (self.is_sentence_initial(s) && is_common_word(w)) {
                break;
            }
            start = s;
            pos = s;
        }
        if start == end {
            self.word_before(end).map_or(end, |(s, _)| s)
        } else {
            start
        }
    }

    /// An optional qualifier, role nouns, and (for appositions) "at/of/for ORG", starting at hit `j` which
    /// must begin at `pos`. Returns the phrase, the next hit index, and the phrase end.
    fn role_phrase(
        &mut self,
        hits: &[Hit],
        j: usize,
        pos: usize,
        apposition: bool,
    ) -> Option<(RolePhrase, usize, usize)> {
        let first = hits.get(j)?;
        if first.start != pos {
            return None;
        }
        let mut k = j;
        let mut qual: Option<Actor> = None;
        if let What::Dict(Target::Entry {
            entry,
            form: Form::Name | Form::Adjective,
        }) = first.what
            && self.dict().entries[entry as usize].kind != EntryKind::Person
        {
            qual = self.entry_actor(entry, first);
            k += 1;
        }
        let (nouns, k2) = self.nouns_from(hits, k, if qual.is_some() { Some(hits[j].end) } else { None });
        let &last = nouns.last()?;
        let mut end = hits[last].end;
        let mut k = k2;
        let noun = self.head_noun(hits, &nouns);
        let role = self.noun_role(hits, &nouns);
        let mut actor = compose_actor(qual.as_ref(), noun, role.as_deref(), false, None);
        if apposition {
            // "… at the International Crisis Group", "… of Ukraine's army".
            let rest = &self.text[end..self.sentence_end];
            let trimmed = rest.trim_start();
            for prep in ["at ", "of ", "for ", "with ", "from ", "in "] {
                let Some(after) = trimmed.strip_prefix(prep) else {
                    continue;
                };
                let mut p = end + (rest.len() - after.len());
                p = self.skip_space(p);
                if let Some(h) = hits.get(k)
                    && (h.start == p || self.text[p..h.start].trim() == "the")
                    && let What::Dict(Target::Entry {
                        entry,
                        form: Form::Name | Form::Adjective,
                    }) = h.what
                    && self.dict().entries[entry as usize].kind != EntryKind::Person
                    && let Some(org) = self.entry_actor(entry, h)
                {
                    // "… of the UK Independence Party": the organisation may go on with its own nouns.
                    let (org_nouns, after_nouns) = self.nouns_from(hits, k + 1, Some(h.end));
                    if org_nouns.is_empty() {
                        actor = if org.country.is_some() && org.org.is_none() && org.role.is_none() {
                            compose_actor(Some(&org), noun, role.as_deref(), false, None)
                        } else {
                            Some(org)
                        };
                        end = h.end;
                        k += 1;
                    } else {
                        let org_noun = self.head_noun(hits, &org_nouns);
                        let org_role = self.noun_role(hits, &org_nouns);
                        actor = compose_actor(Some(&org), org_noun, org_role.as_deref(), false, None);
                        end = hits[*org_nouns.last().unwrap()].end;
                        k = after_nouns;
                    }
                }
                break;
            }
        }
        Some((
            RolePhrase {
                explicit: actor.is_some() && (qual.is_some() || noun.country.is_some() || end > hits[last].end),
                actor,
                title: Some(noun.key.clone()),
                gender: noun.gender,
                former: false,
                singular: matches!(noun.kind, NounKind::Person | NounKind::Title),
            },
            k,
            end,
        ))
    }

    /// Consecutive role-noun hits from `k` ("army general"); `after` is the end of a qualifier before them.
    fn nouns_from(&self, hits: &[Hit], mut k: usize, after: Option<usize>) -> (Vec<usize>, usize) {
        let mut nouns = Vec::new();
        let mut prev_end = after;
        while let Some(h) = hits.get(k) {
            let What::Dict(Target::Noun(_)) = h.what else { break };
            if let Some(pe) = prev_end
                && !self.adjacent(pe, h.start, nouns.is_empty())
                && !(nouns.is_empty() && self.department_gap(pe, h.start))
            {
                break;
            }
            nouns.push(k);
            prev_end = Some(h.end);
            k += 1;
        }
        (nouns, k)
    }

    /// "Philippine Foreign Affairs Secretary", "Gibraltar's Chief Minister": one to three capitalised
    /// words (a department, a rank, a party) between a qualifier and its title noun, which must start with a
    /// capital too unless a possessive precedes. Given names are not such words (they start a name).
    fn department_gap(&self, end: usize, start: usize) -> bool {
        if start <= end {
            return false;
        }
        let gap = &self.text[end..start];
        let after_possessive = gap.strip_prefix("'s").or_else(|| gap.strip_prefix("’s"));
        // "Nicaragua's Sandinista government": after a possessive the noun may be lower case.
        if after_possessive.is_none() && !self.text[start..].starts_with(|c: char| c.is_uppercase()) {
            return false;
        }
        let gap = after_possessive.unwrap_or(gap);
        let Some(words) = gap.strip_prefix(' ').and_then(|g| g.strip_suffix(' ')) else {
            return false;
        };
        let mut n = 0;
        for w in words.split(' ') {
            n += 1;
            if n > 3
                || !w.starts_with(|c: char| c.is_ascii_uppercase())
                || !w.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-' || b == b'&')
                || self.is_given_name(w)
            {
                return false;
            }
        }
        true
    }

    fn head_noun(&self, hits: &[Hit], nouns: &[usize]) -> &'a Noun {
        let What::Dict(Target::Noun(n)) = hits[*nouns.last().unwrap()].what else {
            unreachable!()
        };
        &self.dict().nouns[n as usize]
    }

    /// The role of a noun group: the head's, else the first modifier's that has one.
    fn noun_role(&self, hits: &[Hit], nouns: &[usize]) -> Option<String> {
        let head = self.head_noun(hits, nouns);
        if head.role.is_some() {
            return head.role.clone();
        }
        nouns.iter().rev().find_map(|&k| match hits[k].what {
            What::Dict(Target::Noun(n)) => self.dict().nouns[n as usize].role.clone(),
            _ => None,
        })
    }

    /// Capitalised words after a title: "Dmitry Peskov". Stops at a dictionary hit unless it is a
    /// person (then the name is that person) or an earlier person's surname.
    fn name_after(&self, hits: &[Hit], j: usize, pos: usize) -> Option<NameSpan> {
        let mut p = pos;
        let gap = &self.text[pos..self.sentence_end];
        if !gap.starts_with([' ', '\u{a0}']) {
            return None;
        }
        p = self.skip_space(p);
        let mut start = p;
        let mut end = p;
        let mut words = 0;
        let mut pending_particle = false;
        let mut k = j;
        while words < 3 {
            if let Some(h) = hits.get(k)
                && h.start == p
            {
                match h.what {
                    What::Dict(Target::Entry { entry, .. })
                        if self.dict().entries[entry as usize].kind == EntryKind::Person =>
                    {
                        return Some(NameSpan {
                            start,
                            end: h.end,
                            entry: Some(entry),
                            local: None,
                            hits_used: k + 1 - j,
                        });
                    }
                    What::Local(e) => {
                        return Some(NameSpan {
                            start,
                            end: h.end,
                            entry: None,
                            local: Some(e),
                            hits_used: k + 1 - j,
                        });
                    }
                    What::NewName => k += 1,
                    What::Dict(Target::Entry { .. }) if words > 0 && !pending_particle => {
                        // A name part that is also a country or organisation ("Georgia" in a name): skip it.
                        k += 1;
                    }
                    _ => break,
                }
            }
            let w = self.word_at(p);
            if w.is_empty() {
                break;
            }
            // "Police Chief Superintendent Steve Hui": more title words before the name.
            if words == 0 && TITLE_WORDS.contains(&w) && self.text[p + w.len()..self.sentence_end].starts_with(' ') {
                p = self.skip_space(p + w.len());
                start = p;
                end = p;
                continue;
            }
            if w.starts_with(char::is_uppercase) && !NON_NAME_WORDS.contains(&w) && !is_upper_acronym(w) {
                words += 1;
                end = p + w.len();
                pending_particle = false;
            } else if words > 0 && PARTICLES.contains(&w) {
                pending_particle = true;
            } else {
                break;
            }
            let next = p + w.len();
            if !self.text[next..self.sentence_end].starts_with(' ') {
                break;
            }
            p = self.skip_space(next);
        }
        if words == 0 {
            return None;
        }
        // Hits inside the captured name are part of it.
        let used = hits[j..].iter().take_while(|h| h.start < end).count();
        Some(NameSpan {
            start,
            end,
            entry: None,
            local: None,
            hits_used: used,
        })
    }

    /// Capitalised words ending right before `, (a|an|the)? ` + `pos`: the person of an apposition that
    /// starts at `pos` ("Ali Vaez, an Iran analyst").
    fn name_before_apposition(&self, pos: usize, floor: usize) -> Option<(usize, usize)> {
        let before = self.text[floor.max(self.sentence_start)..pos].trim_end();
        let before_abs = floor.max(self.sentence_start);
        let mut b = before.strip_suffix(" former").unwrap_or(before);
        for det in [" a", " an", " the", " A", " An", " The"] {
            if let Some(x) = b.strip_suffix(det) {
                b = x;
                break;
            }
        }
        let b = b.trim_end().strip_suffix(',')?;
        let end = before_abs + b.trim_end().len();
        let mut start = end;
        let mut words = 0;
        let mut p = end;
        while words < 4 {
            let Some((s, w)) = self.word_before(p) else { break };
            if s < before_abs
                || !w.starts_with(char::is_uppercase)
                || NON_NAME_WORDS.contains(&w)
                || is_upper_acronym(w)
            {
                break;
            }
            if self.is_sentence_initial(s) && is_common_word(w) {
                break;
            }
            if !self.text[s + w.len()..p].chars().all(|c| c == ' ') {
                break;
            }
            start = s;
            words += 1;
            p = s;
        }
        // A name has two or three parts, and is not the object of a preposition ("in New Delhi, the …").
        if !(2..=3).contains(&words) {
            return None;
        }
        if let Some((_, w)) = self.word_before(start)
            && (w.starts_with(char::is_uppercase) || PREPOSITIONS.contains(&w))
        {
            return None;
        }
        Some((start, end))
    }

    /// A qualifier and/or role nouns, with a name after a title: the central composition.
    fn chain(&mut self, hits: &[Hit], i: usize) -> usize {
        let hit = hits[i];
        let mut start = hit.start;
        let mut k = i;
        let mut qual: Option<Actor> = None;
        let mut qual_entry: Option<u32> = None;
        if let What::Dict(Target::Entry { entry, form }) = hit.what {
            // "pro-Russian", "anti-Western": the word is not the actor.
            let before = &self.text[self.sentence_start..hit.start];
            if before.ends_with("pro-")
                || before.ends_with("Pro-")
                || before.ends_with("anti-")
                || before.ends_with("Anti-")
            {
                return i + 1;
            }
            // "Chad Smith", "Georgia Miller": a given name, not the country.
            if form == Form::Name
                && !self.text[hit.start..hit.end].contains(' ')
                && self.is_given_name(&self.text[hit.start..hit.end])
                && let Some(name) = self.name_after(hits, i + 1, hit.end)
                && name.entry.is_none()
                && name.local.is_none()
                && name.hits_used == 0
            {
                let full = &self.text[hit.start..name.end];
                let ent = self.unknown_person(full, None, None, None);
                self.entities[ent].last = name.end;
                self.entities[ent].last_sentence = self.sentence;
                return i + 1;
            }
            // "the Europe Bridge", "Israel Museum": a name followed by a facility noun names a place.
            if form == Form::Name
                && self.dict().entries[entry as usize].kind != EntryKind::Person
                && let Some(rest) = self.text[hit.end..self.sentence_end].strip_prefix(' ')
                && is_facility_word(rest)
            {
                return i + 1;
            }
            // "Western Cambodia", "an Asian financial hub", "a Western delegation": a region's adjective
            // names an actor only before a group of people ("Western diplomats", "European leaders").
            if form == Form::Adjective
                && is_region(&self.dict().entries[entry as usize])
                && !hits.get(i + 1).is_some_and(|h| {
                    matches!(h.what, What::Dict(Target::Noun(n))
                        if self.dict().nouns[n as usize].kind == NounKind::Plural)
                        && self.adjacent(hit.end, h.start, false)
                })
            {
                return i + 1;
            }
            // "in Brussels", "near Moscow": a seat of power named as a place is not an actor there.
            let matched = &self.text[hit.start..hit.end];
            if form == Form::Name
                && self.dict().entries[entry as usize].kind == EntryKind::Organization
                && !matched.contains(' ')
                && !is_upper_acronym(matched)
                && self
                    .word_before(hit.start)
                    .is_some_and(|(_, w)| matches!(w, "in" | "near" | "outside" | "In" | "Near" | "Outside"))
                && !hits.get(i + 1).is_some_and(|h| {
                    matches!(h.what, What::Dict(Target::Noun(_))) && self.adjacent(hit.end, h.start, true)
                })
            {
                return i + 1;
            }
            qual = self.entry_actor(entry, &hit);
            qual_entry = Some(entry);
            k += 1;
            // "U.S. State Department": two adjacent actors of one country are one.
            if let Some(h2) = hits.get(k)
                && let What::Dict(Target::Entry {
                    entry: e2,
                    form: Form::Name,
                }) = h2.what
                && self.dict().entries[e2 as usize].kind != EntryKind::Person
                && self.adjacent(hit.end, h2.start, false)
                && let Some(a2) = self.entry_actor(e2, h2)
                && a2.country.is_some()
                && a2.country == qual.as_ref().and_then(|q| q.country.clone())
            {
                qual = Some(a2);
                qual_entry = Some(e2);
                k += 1;
            } else if let Some(h2) = hits.get(k)
                && let What::Dict(Target::Entry {
                    entry: e2,
                    form: Form::Name,
                }) = h2.what
                && self.dict().entries[e2 as usize].kind == EntryKind::Organization
                && self.adjacent(hit.end, h2.start, true)
                && let Some(q) = qual.as_ref().filter(|q| q.org.is_none() && q.role.is_none())
                && let Some(a2) = self.entry_actor(e2, h2)
                && a2.org.is_none()
                && a2.role.is_some()
                && a2.country.is_some()
                && a2.country != q.country
            {
                // "South Korea's Joint Chiefs of Staff": a body known under another country's name belongs
                // to the country that owns it here, with the body's role.
                let country = q.country.clone().unwrap_or_default();
                let role = a2.role.clone();
                qual = Some(Actor {
                    code: format!("{country}{}", role.as_deref().unwrap_or("")),
                    country: Some(country),
                    role,
                    org: None,
                    name: a2.name,
                });
                qual_entry = Some(e2);
                k += 1;
            }
        }
        let qual_end = if k > i { Some(hits[k - 1].end) } else { None };
        let (mut nouns, mut next) = self.nouns_from(hits, k, qual_end);
        // "White House National Trade Council": a capitalised civilian noun that goes on with capitalised
        // words is part of a name after the qualifier, not a role of it.
        if qual.is_some()
            && let Some(&first) = nouns.first()
            && let What::Dict(Target::Noun(n)) = hits[first].what
            && matches!(self.dict().nouns[n as usize].role.as_deref(), None | Some("CVL"))
            && self.text[hits[first].start..].starts_with(char::is_uppercase)
            && self.text[hits[first].end..self.sentence_end]
                .strip_prefix(' ')
                .is_some_and(|r| r.starts_with(|c: char| c.is_uppercase()))
        {
            nouns.clear();
            next = k;
        }
        // "Clinton spokesman Nick Merrill", "Trump's lawyer": the person just before gives the country.
        if qual.is_none()
            && !nouns.is_empty()
            && let Some(m) = self.mentions.last()
            && m.kind == MentionKind::Person
            && m.actor.country.is_some()
            && self.adjacent(m.end, hits[nouns[0]].start, true)
        {
            let country = m.actor.country.clone();
            // "the Obama administration", "the Assad regime": the leader's name only qualifies the
            // government, which is the one actor here.
            if nouns.len() == 1
                && let What::Dict(Target::Noun(n)) = hits[nouns[0]].what
                && LEADER_BODIES.contains(&self.dict().nouns[n as usize].key.as_str())
                && !self.text[m.end..hits[nouns[0]].start].contains('\'')
                && !self.text[m.end..hits[nouns[0]].start].contains('’')
            {
                start = m.start;
                self.mentions.pop();
            }
            qual = Some(Actor {
                code: country.clone().unwrap_or_default(),
                country,
                ..Actor::default()
            });
        }
        // "a government-run newspaper", "Iranian-backed militias": the phrase describes what follows it.
        let phrase_end = nouns.last().map_or(hits[k.max(i + 1) - 1].end, |&n| hits[n].end);
        if let Some(len) = modifier_compound(&self.text[phrase_end..self.sentence_end]) {
            // "a German government-run newspaper": the newspaper is German, with its own role.
            let what = phrase_end + len + 1;
            // Run, owned or controlled by a state: its own; backed or funded by it: somebody else.
            let suffix = &self.text[phrase_end..phrase_end + len];
            let owned = ["-run", "-owned", "-controlled"].iter().any(|s| suffix.ends_with(s));
            if owned
                && let Some(q) = qual.as_ref().filter(|q| q.country.is_some() && q.org.is_none())
                && let Some(h) = hits
                    .get(next)
                    .filter(|h| h.start == what && self.text[phrase_end + len..].starts_with(' '))
                && let What::Dict(Target::Noun(n)) = h.what
                && let noun = &self.dict().nouns[n as usize]
                && noun.role.is_some()
                && let Some(actor) = compose_actor(
                    Some(&Actor {
                        code: q.country.clone().unwrap_or_default(),
                        country: q.country.clone(),
                        ..Actor::default()
                    }),
                    noun,
                    noun.role.as_deref(),
                    false,
                    None,
                )
            {
                let plural = noun.kind == NounKind::Plural;
                let kind = if noun.kind == NounKind::Body {
                    MentionKind::Organization
                } else {
                    MentionKind::Role
                };
                let key = EntityKey::Phrase(actor.code.clone(), noun.key.clone());
                let ent = self.entity(key.clone(), || new_group(key, Some(actor.clone()), plural));
                let gender = noun.gender;
                self.emit(start, h.end, actor, Resolution::Title, kind, ent, gender, plural);
                return next + 1;
            }
            return next.max(i + 1);
        }
        if nouns.is_empty() {
            // A country, organisation or adjective alone.
            let Some(actor) = qual else { return k.max(i + 1) };
            let entry = qual_entry.unwrap();
            let end = hits[k - 1].end;
            let kind = match self.dict().entries[entry as usize].kind {
                EntryKind::Country => MentionKind::Country,
                _ if actor.country.is_some() && actor.role.is_none() && actor.org.is_none() => MentionKind::Country,
                _ => MentionKind::Organization,
            };
            let key = if actor.code == self.dict().entries[entry as usize].roles[0].actor.code {
                EntityKey::Entry(entry)
            } else {
                EntityKey::Phrase(actor.code.clone(), String::new())
            };
            let ent = self.entity(key.clone(), || new_group(key, Some(actor.clone()), false));
            self.emit(start, end, actor, Resolution::Dictionary, kind, ent, None, false);
            return k;
        }
        let noun = self.head_noun(hits, &nouns);
        let role = self.noun_role(hits, &nouns);
        // "White House National Trade Council": a capitalised civilian noun inside a name is no title.
        let first_noun = hits[nouns[0]];
        if qual.is_none()
            && matches!(role.as_deref(), None | Some("CVL"))
            && self.text[first_noun.start..].starts_with(char::is_uppercase)
            && !self.is_sentence_initial(first_noun.start)
        {
            return next;
        }
        let chain_start = start;
        let prev = self.word_before(chain_start);
        let former = prev.is_some_and(|(_, w)| w.eq_ignore_ascii_case("former") || w.eq_ignore_ascii_case("ex"))
            || self.text[self.sentence_start..chain_start].ends_with("ex-");
        let indefinite =
            prev.is_some_and(|(_, w)| matches!(w, "a" | "an" | "A" | "An" | "another" | "Another" | "one" | "One"));
        let nouns_end = hits[*nouns.last().unwrap()].end;
        let mut j = next;

        let titled_kind = matches!(noun.kind, NounKind::Person | NounKind::Title);
        // Title + name.
        if titled_kind && let Some(name) = self.name_after(hits, j, nouns_end) {
            j += name.hits_used;
            let mut end = name.end;
            // "Foreign Minister Petro Kalyna of Ukraine": the country after the name.
            let mut qual = qual.clone();
            if qual.is_none()
                && noun.country.is_none()
                && let Some((actor, next, e)) = self.of_actor_after(hits, j, name.end, false)
            {
                qual = Some(actor);
                j = next;
                end = e;
            }
            let ctx = if qual.is_none() && noun.country.is_none() && context_role(role.as_deref()) {
                self.context_country()
            } else {
                None
            };
            let titled = compose_actor(qual.as_ref(), noun, role.as_deref(), former, ctx.as_deref());
            let phrase = RolePhrase {
                actor: titled.clone(),
                title: Some(noun.key.clone()),
                gender: noun.gender,
                explicit: titled.is_some() && qual.is_some(),
                former,
                singular: true,
            };
            if let Some(entry) = name.entry {
                let person_hit = j - 1;
                return self.known_person(hits, person_hit, entry, start, Some(phrase));
            }
            if let Some(ent) = name.local {
                let (actor, gender) = (self.entities[ent].actor.clone(), self.entities[ent].gender);
                if let Some(actor) = actor.or(titled) {
                    self.emit(
                        start,
                        name.end,
                        actor,
                        Resolution::Coreference,
                        MentionKind::Person,
                        ent,
                        gender,
                        false,
                    );
                }
                return j;
            }
            let name_text = &self.text[name.start..name.end];
            let gender = noun.gender;
            let ent = self.unknown_person(name_text, titled.clone(), Some(noun.key.clone()), gender);
            let rec = &self.entities[ent];
            let (actor, gender) = (rec.actor.clone(), rec.gender);
            match actor {
                Some(actor) => self.emit(
                    start,
                    end,
                    actor,
                    Resolution::Title,
                    MentionKind::Person,
                    ent,
                    gender,
                    false,
                ),
                None => {
                    self.entities[ent].last = end;
                    self.entities[ent].last_sentence = self.sentence;
                }
            }
            return self.apposition_after(hits, j, end, ent);
        }

        // A title alone names nobody, unless "of X" follows ("the head of IS").
        if noun.kind == NounKind::Title
            && qual.is_none()
            && !hits
                .get(j)
                .is_some_and(|h| matches!(&self.text[nouns_end..h.start], " of " | " of the "))
        {
            return j;
        }
        // "Ali Vaez, an Iran analyst at …": the role phrase is an apposition of the name before it.
        if titled_kind {
            let floor = self
                .mentions
                .last()
                .map_or(self.sentence_start, |m| m.end.max(self.sentence_start));
            if let Some((ns, ne)) = self.name_before_apposition(chain_start, floor)
                && let Some((mut phrase, after, phrase_end)) = self.role_phrase(hits, i, chain_start, true)
                && self.apposition_closes(phrase_end)
            {
                if former {
                    phrase.actor = phrase.actor.map(elite);
                }
                let name = self.text[ns..ne].to_string();
                let ent = self.unknown_person(&name, phrase.actor.clone(), phrase.title.clone(), phrase.gender);
                let rec = &self.entities[ent];
                let (actor, gender) = (rec.actor.clone(), rec.gender);
                match actor {
                    Some(actor) => self.emit(
                        ns,
                        ne,
                        actor,
                        Resolution::Apposition,
                        MentionKind::Person,
                        ent,
                        gender,
                        false,
                    ),
                    None => self.entities[ent].last = ne,
                }
                return after.max(i + 1);
            }
        }

        let mut end = nouns_end;
        // "officials in Seoul", "diplomats in Moscow": a group placed in a country or its capital is of that
        // country. "ministers of Germany", "the head of IS", "troops from Chad": of that country or group.
        if qual.is_none()
            && noun.country.is_none()
            && let Some(h) = hits.get(j)
        {
            let gap = &self.text[end..h.start];
            // Only state roles: "settlers in the West Bank" or "troops in Syria" are often foreigners.
            // Civilians and opposition placed there are its people ("demonstrators in Baghdad"), except
            // visitors and settlers.
            let placed = gap == " in "
                && noun.kind == NounKind::Plural
                && !indefinite
                && (matches!(role.as_deref(), Some("GOV" | "COP" | "JUD" | "LEG"))
                    || matches!(role.as_deref(), Some("CVL" | "OPP")) && !VISITOR_NOUNS.contains(&noun.key.as_str()));
            let of = matches!(gap, " of " | " from " | " of the " | " from the ")
                || noun.kind == NounKind::Body && matches!(gap, " by " | " by the ");
            if (placed || of)
                && let Some((place, next, e)) = self.of_actor_after(hits, j, end, true)
                && (place.org.is_some() || place.country.is_some())
            {
                // A capital after "in" is the place, not its government; "by the Pentagon" keeps the body.
                qual = Some(if !placed || place.org.is_some() {
                    place
                } else {
                    let country = place.country.unwrap_or_default();
                    Actor {
                        code: country.clone(),
                        country: Some(country),
                        ..Actor::default()
                    }
                });
                end = e;
                j = next;
            }
        }
        // A singular title without a name: refers back to a person ("the spokesman", "the Kremlin leader").
        if titled_kind && !indefinite {
            let composed = compose_actor(qual.as_ref(), noun, role.as_deref(), former, None);
            if let Some(ent) = self.title_antecedent(noun, composed.as_ref()) {
                let rec = &self.entities[ent];
                let (actor, gender) = (rec.actor.clone(), rec.gender);
                if let Some(actor) = actor {
                    self.emit(
                        start,
                        end,
                        actor,
                        Resolution::Coreference,
                        MentionKind::Role,
                        ent,
                        gender,
                        false,
                    );
                }
                return j;
            }
        }
        // "the department said": the latest organisation named with that noun ("the State Department").
        if noun.kind == NounKind::Body
            && qual.is_none()
            && !indefinite
            && nouns.len() == 1
            && !GENERIC_BODIES.contains(&noun.key.as_str())
            && (self.definite_reference(chain_start, end) || self.speaking_subject(end))
            && let Some(m) = self.named_body(&noun.key)
        {
            let (actor, ent) = (m.actor.clone(), m.entity - 1);
            self.emit(
                start,
                end,
                actor,
                Resolution::Coreference,
                MentionKind::Organization,
                ent,
                None,
                false,
            );
            return j;
        }
        // A role phrase: "Russian officials", "a Ukrainian soldier", "the government".
        let ctx = if qual.is_none() && noun.country.is_none() && context_role(role.as_deref()) {
            self.context_country()
        } else {
            None
        };
        let Some(actor) = compose_actor(qual.as_ref(), noun, role.as_deref(), former, ctx.as_deref()) else {
            return j;
        };
        if qual.is_none()
            && noun.country.is_none()
            && (ctx.is_none()
                || !(self.definite_reference(chain_start, end)
                    || (matches!(noun.kind, NounKind::Plural | NounKind::Body)
                        && (self.speaking_subject(end) || self.attributed(chain_start))))
                // "in the report", "on the statement": a body named as a place or topic is no actor.
                || noun.kind == NounKind::Body && self.after_place_preposition(chain_start))
        {
            return j;
        }
        let plural = noun.kind == NounKind::Plural;
        let kind = if noun.kind == NounKind::Body {
            MentionKind::Organization
        } else {
            MentionKind::Role
        };
        if start == hit.start && qual.is_none() {
            start = hits[nouns[0]].start;
        }
        let key = EntityKey::Phrase(actor.code.clone(), noun.key.clone());
        let ent = self.entity(key.clone(), || {
            new_group(key, Some(actor.clone()), plural || noun.kind == NounKind::Body)
        });
        self.emit(start, end, actor, Resolution::Title, kind, ent, noun.gender, plural);
        j
    }

    /// The text after an apposition's role phrase ends it: a comma, a clause end, "who".
    fn apposition_closes(&self, end: usize) -> bool {
        let rest = self.text[end..self.sentence_end].trim_start();
        rest.is_empty()
            || rest.starts_with([',', '.', ';', ')', ':', '—', '–'])
            || ["who ", "whose ", "which "].iter().any(|w| rest.starts_with(w))
    }

    /// " of Ukraine" right after `pos`, when hit `j` is that country: its actor, the next hit, the end.
    /// `checked`: the caller accepted the gap already (" in Seoul", " by the ministry").
    fn of_actor_after(&mut self, hits: &[Hit], j: usize, pos: usize, checked: bool) -> Option<(Actor, usize, usize)> {
        let h = hits.get(j)?;
        let gap = &self.text[pos..h.start];
        if !(checked || matches!(gap, " of " | " from " | " of the " | " from the ")) {
            return None;
        }
        let What::Dict(Target::Entry {
            entry,
            form: Form::Name,
        }) = h.what
        else {
            return None;
        };
        if self.dict().entries[entry as usize].kind == EntryKind::Person {
            return None;
        }
        let actor = self.entry_actor(entry, h)?;
        Some((actor, j + 1, h.end))
    }

    /// The latest organisation mention whose text is `noun` or ends with it as a word ("State Department"
    /// for "department", "Russian Foreign Ministry" for "ministry", an earlier "the statement").
    fn named_body(&self, noun: &str) -> Option<&Mention> {
        self.mentions.iter().rev().find(|m| {
            m.kind == MentionKind::Organization
                && (m.text.eq_ignore_ascii_case(noun)
                    || m.text.len() > noun.len()
                        && m.text.is_char_boundary(m.text.len() - noun.len())
                        && m.text[m.text.len() - noun.len()..].eq_ignore_ascii_case(noun)
                        && m.text.as_bytes()[m.text.len() - noun.len() - 1] == b' ')
        })
    }

    /// "officials said", "state media reported": a group noun as the subject of a speech verb refers to
    /// an actor even without "the".
    fn speaking_subject(&self, end: usize) -> bool {
        let rest = &self.text[end..self.sentence_end];
        if !rest.starts_with(' ') {
            return false;
        }
        let mut at = self.skip_space(end);
        let mut w = self.word_at(at);
        // "officials have said", "state media also reported".
        for _ in 0..2 {
            if !matches!(w, "have" | "has" | "had" | "also" | "later" | "previously" | "earlier") {
                break;
            }
            at = self.skip_space(at + w.len());
            w = self.word_at(at);
        }
        SPEECH_VERBS.contains(&w)
    }

    /// "according to officials", "according to a statement": the phrase at `start` is a source.
    fn attributed(&self, start: usize) -> bool {
        let mut at = start;
        if let Some((s, w)) = self.word_before(at)
            && matches!(w, "a" | "an" | "the")
        {
            at = s;
        }
        let Some((s, to)) = self.word_before(at) else {
            return false;
        };
        to == "to"
            && self
                .word_before(s)
                .is_some_and(|(_, w)| w.eq_ignore_ascii_case("according"))
    }

    /// "in the report": the word before the article at `start` is a preposition of place or topic.
    fn after_place_preposition(&self, start: usize) -> bool {
        let Some((the_start, the)) = self.word_before(start) else {
            return false;
        };
        if !the.eq_ignore_ascii_case("the") {
            return false;
        }
        self.word_before(the_start).is_some_and(|(_, w)| {
            matches!(
                w.to_ascii_lowercase().as_str(),
                "in" | "on" | "into" | "from" | "with" | "under" | "about" | "over" | "within" | "inside"
            )
        })
    }

    /// "the government said", not "the military support": a bare role noun refers to an actor only after
    /// "the" and when no lower-case noun it modifies follows.
    fn definite_reference(&self, start: usize, end: usize) -> bool {
        let the = self
            .word_before(start)
            .is_some_and(|(_, w)| w.eq_ignore_ascii_case("the"));
        let rest = &self.text[end..self.sentence_end];
        let next = if rest.starts_with(' ') {
            self.word_at(self.skip_space(end))
        } else {
            ""
        };
        let follows_ok = next.is_empty() || !next.starts_with(char::is_lowercase) || FOLLOW_OK.contains(&next);
        the && follows_ok
    }

    /// The person a title-only phrase refers to: the latest one with that title, else (for a phrase with a
    /// country or organisation) the latest person of that actor.
    fn title_antecedent(&self, noun: &Noun, composed: Option<&Actor>) -> Option<usize> {
        let gender_ok = |e: &EntityRec| noun.gender.is_none() || e.gender.is_none() || e.gender == noun.gender;
        // "the German leader" is not the Scottish leader: a qualifier must agree.
        let actor_ok = |e: &EntityRec| match composed {
            Some(c) if c.country.is_some() || c.org.is_some() => e.actor.as_ref().is_some_and(|a| {
                (c.country.is_some() && a.country == c.country) || (c.org.is_some() && a.org == c.org)
            }),
            _ => true,
        };
        let people = || {
            self.entities
                .iter()
                .enumerate()
                .filter(|(_, e)| e.person && e.last > 0 && gender_ok(e) && actor_ok(e))
        };
        // Of several people with the title, the one the article is about (most mentioned; the latest on a
        // tie): "the president" after "meetings with President Moon" is still the president quoted all along.
        let by_title = people()
            .filter(|(_, e)| e.titles.contains(&noun.key))
            .max_by_key(|(i, e)| (self.mentions.iter().filter(|m| m.entity == i + 1).count(), e.last));
        if let Some((i, _)) = by_title {
            return Some(i);
        }
        // A generic head ("the Kremlin leader") is the latest person of that country or organisation.
        const HEADS: &[&str] = &[
            "leader",
            "head",
            "chief",
            "ruler",
            "strongman",
            "head of state",
            "head of government",
        ];
        if composed.is_none_or(|c| c.country.is_none() && c.org.is_none()) || !HEADS.contains(&noun.key.as_str()) {
            return None;
        }
        people().max_by_key(|(_, e)| e.last).map(|(i, _)| i)
    }

    /// "After his summit with X, Trump said": a possessive in an opening phrase points forward to the
    /// subject after the comma. `None`: not in that position; `Some(None)`: it is, but the subject is not a
    /// person seen before (no mention rather than a wrong one); `Some(Some(entity))`: that person.
    fn cataphora(&self, hits: &[Hit], i: usize, p: Pronoun) -> Option<Option<usize>> {
        let hit = hits[i];
        if p == Pronoun::Plural || !matches!(&self.text[hit.start..hit.end], "his" | "her" | "His" | "Her") {
            return None;
        }
        let before = &self.text[self.sentence_start..hit.start];
        let first = before.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
        if !OPENING_PREPOSITIONS.contains(&first) || before.contains(',') {
            return None;
        }
        let comma = hit.end + self.text[hit.end..self.sentence_end].find(',')?;
        let next = hits[i + 1..].iter().find(|h| h.start > comma)?;
        if !self.text[comma + 1..next.start].trim().is_empty() {
            return None;
        }
        let want = if p == Pronoun::Male { 'm' } else { 'f' };
        match next.what {
            What::Local(ent) if self.entities[ent].gender.is_none_or(|g| g == want) => Some(Some(ent)),
            What::Local(_) | What::NewName => Some(None),
            What::Dict(Target::Entry { entry, .. })
                if self.dict().entries[entry as usize].kind == EntryKind::Person =>
            {
                // A person named before keeps the entity (and the actor the text gave them).
                let seen = self.entities.iter().position(|e| e.key == EntityKey::Entry(entry));
                Some(seen.filter(|&e| self.entities[e].gender.is_none_or(|g| g == want)))
            }
            What::Dict(Target::Noun(n))
                if matches!(self.dict().nouns[n as usize].kind, NounKind::Person | NounKind::Title) =>
            {
                Some(None)
            }
            _ => None,
        }
    }

    /// A pronoun resolved to a known entity.
    fn pronoun_of(&mut self, hit: Hit, p: Pronoun, ent: usize) {
        let Some(actor) = self.entities[ent].actor.clone() else {
            return;
        };
        let gender = if p == Pronoun::Male { Some('m') } else { Some('f') };
        self.emit(
            hit.start,
            hit.end,
            actor,
            Resolution::Pronoun,
            MentionKind::Pronoun,
            ent,
            gender,
            false,
        );
    }

    fn pronoun(&mut self, hit: Hit, p: Pronoun) {
        if self.in_quote(hit.start) {
            return;
        }
        let target = match p {
            Pronoun::Male | Pronoun::Female => {
                let want = if p == Pronoun::Male { 'm' } else { 'f' };
                let people = || self.entities.iter().enumerate().filter(|(_, e)| e.person && e.last > 0);
                // The latest person of that gender; a later person of unknown gender only when close (this
                // or the previous sentence) or when nobody of that gender was named.
                let matching = people()
                    .filter(|(_, e)| e.gender == Some(want))
                    .max_by_key(|(_, e)| e.last);
                let unknown = people().filter(|(_, e)| e.gender.is_none()).max_by_key(|(_, e)| e.last);
                match (matching, unknown) {
                    (Some((m, me)), Some((u, ue))) => {
                        if ue.last > me.last && ue.last_sentence + 1 >= self.sentence {
                            Some(u)
                        } else {
                            Some(m)
                        }
                    }
                    (Some((m, _)), None) => Some(m),
                    (None, Some((u, _))) => Some(u),
                    (None, None) => None,
                }
            }
            Pronoun::Plural => self
                .entities
                .iter()
                .enumerate()
                .filter(|(_, e)| {
                    (e.plural || !e.person) && e.last > 0 && e.last_sentence + 1 >= self.sentence && e.actor.is_some()
                })
                .max_by_key(|(_, e)| e.last)
                .map(|(i, _)| i),
        };
        let Some(ent) = target else { return };
        let rec = &self.entities[ent];
        let Some(actor) = rec.actor.clone() else {
            self.entities[ent].last = hit.end;
            return;
        };
        let gender = match p {
            Pronoun::Male => Some('m'),
            Pronoun::Female => Some('f'),
            Pronoun::Plural => None,
        };
        self.emit(
            hit.start,
            hit.end,
            actor,
            Resolution::Pronoun,
            MentionKind::Pronoun,
            ent,
            gender,
            p == Pronoun::Plural,
        );
    }
}

fn new_group(key: EntityKey, actor: Option<Actor>, plural: bool) -> EntityRec {
    let name = actor.as_ref().map(|a| a.code.clone()).unwrap_or_default();
    EntityRec {
        key,
        name,
        person: false,
        actor,
        gender: None,
        plural,
        titles: Vec::new(),
        last: 0,
        last_sentence: 0,
        text_titled: false,
    }
}

/// A former office holder: the country's elite (an organisation keeps its code).
fn elite(mut actor: Actor) -> Actor {
    if actor.org.is_none()
        && let Some(c) = &actor.country
    {
        actor.code = format!("{c}ELI");
        actor.role = Some("ELI".into());
    }
    actor
}

fn title_gender(dict: &Dictionary, title: Option<&str>) -> Option<char> {
    let t = title?;
    dict.nouns.iter().find(|n| n.key == t).and_then(|n| n.gender)
}

/// "NATO", "ICG": an all-caps word is an organisation, not a name part.
/// Words that open a sentence with a phrase before its subject ("After his visit, ...").
const OPENING_PREPOSITIONS: &[&str] = &[
    "After",
    "At",
    "Before",
    "During",
    "Following",
    "In",
    "On",
    "Upon",
    "Since",
    "Despite",
    "Ahead",
    "Throughout",
];

/// The length of the suffix that makes an actor phrase a modifier ("-run", "-backed" …) at the start of
/// `rest`, the text right after the phrase.
fn modifier_compound(rest: &str) -> Option<usize> {
    const SUFFIXES: &[&str] = &[
        "-run",
        "-owned",
        "-backed",
        "-controlled",
        "-funded",
        "-sponsored",
        "-affiliated",
        "-linked",
        "-allied",
        "-aligned",
        "-appointed",
        "-installed",
        "-occupied",
        "-held",
        "-based",
        "-born",
        "-flagged",
        "-made",
        "-built",
        "-style",
        "-speaking",
        "-era",
    ];
    // "Turkish state-run": the word "state" may stand between the country and the suffix.
    let (skipped, rest) = match rest.strip_prefix(" state") {
        Some(r) => (" state".len(), r),
        None => (0, rest),
    };
    SUFFIXES
        .iter()
        .find(|s| {
            rest.strip_prefix(**s)
                .is_some_and(|after| !after.starts_with(|c: char| c.is_alphanumeric()))
        })
        .map(|s| skipped + s.len())
}

/// Civilians who are often not the people of the place they are in ("settlers in the West Bank").
const VISITOR_NOUNS: &[&str] = &[
    "settlers",
    "tourists",
    "pilgrims",
    "passengers",
    "volunteers",
    "visitors",
    "travellers",
    "travelers",
    "foreigners",
    "expatriates",
    "expats",
    "shoppers",
    "worshippers",
    "hostages",
    "captives",
    "refugees",
];

/// Government nouns that a leader's name before them qualifies as one actor ("the Bush administration").
const LEADER_BODIES: &[&str] = &["administration", "government", "regime", "cabinet"];

/// CAMEO's region codes: blocs and parts of the world rather than states or organisations.
const REGION_CODES: &[&str] = &[
    "WST", "AFR", "ASA", "EUR", "LAM", "SAM", "NMR", "MEA", "CRB", "CAU", "CAS", "BLK", "SCN", "PGS", "SEA", "SAS",
    "EAF", "WAF", "NAF", "SAF", "CFR", "EEU", "CEU",
];

fn is_region(entry: &dict::Entry) -> bool {
    entry.kind == EntryKind::Organization
        && entry
            .roles
            .first()
            .is_some_and(|r| r.actor.country.is_none() && REGION_CODES.contains(&r.actor.code.as_str()))
}

/// Nouns that make a preceding country or region name part of a place's name ("Europe Bridge").
const FACILITY_WORDS: &[&str] = &[
    "Airport",
    "Avenue",
    "Boulevard",
    "Bridge",
    "Canal",
    "Gate",
    "Highway",
    "Hotel",
    "Mall",
    "Museum",
    "Park",
    "Plaza",
    "Road",
    "Square",
    "Stadium",
    "Station",
    "Street",
    "Tower",
];

/// Whether `rest` (the text after a name and one space) starts with a facility noun as a whole word.
fn is_facility_word(rest: &str) -> bool {
    FACILITY_WORDS.iter().any(|w| {
        rest.strip_prefix(w)
            .is_some_and(|after| !after.starts_with(|c: char| c.is_alphanumeric() || c == '-'))
    })
}

fn is_upper_acronym(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && w.chars().all(|c| c.is_uppercase() || c == '.')
}

/// Roles for which a bare noun takes the country of the context ("the government", "the army").
fn context_role(role: Option<&str>) -> bool {
    matches!(role, Some("GOV" | "MIL" | "COP" | "LEG" | "JUD" | "SPY"))
}

/// The actor of a role phrase: qualifier + noun role ("Russian" + "officials" → RUSGOV).
fn compose_actor(
    qual: Option<&Actor>,
    noun: &Noun,
    role: Option<&str>,
    former: bool,
    context: Option<&str>,
) -> Option<Actor> {
    let noun_role = if former { Some("ELI") } else { role };
    match qual {
        Some(q) if q.country.is_some() && q.org.is_none() => {
            let country = q.country.clone().unwrap();
            // A body with its own role keeps it for generic government nouns ("Pentagon spokesman" → MIL).
            let role = match (q.role.as_deref(), noun_role) {
                (Some(qr), Some("GOV") | None) => Some(qr.to_string()),
                (_, Some(r)) => Some(r.to_string()),
                (qr, None) => qr.map(str::to_string),
            };
            Some(Actor {
                code: format!("{country}{}", role.as_deref().unwrap_or("")),
                country: Some(country),
                org: None,
                role,
                name: None,
            })
        }
        Some(q) => Some(Actor {
            name: None,
            ..q.clone()
        }),
        None => {
            let country = noun.country.as_deref().or(context)?;
            Some(Actor {
                code: format!("{country}{}", noun_role.unwrap_or("")),
                country: Some(country.to_string()),
                org: None,
                role: noun_role.map(str::to_string),
                name: None,
            })
        }
    }
}

/// One line per mention for `detente actors`: span, text, code, kind, how it was resolved, entity.
pub fn describe(mention: &Mention) -> String {
    let a = &mention.actor;
    let mut s = format!(
        "{}..{}\t{}\t{}\t{:?}\t{:?}\tentity {}",
        mention.start, mention.end, mention.text, a.code, mention.kind, mention.via, mention.entity
    );
    if let Some(n) = &a.name {
        s.push_str(&format!("\tname {n}"));
    }
    if let Some(g) = mention.gender {
        s.push_str(&format!("\t{g}"));
    }
    if mention.plural {
        s.push_str("\tplural");
    }
    s
}
