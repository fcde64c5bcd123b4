//! Text: sentence segmentation with exact byte spans, boilerplate flags, and word tokens.
//!
//! Sentences never cross a paragraph break (a line break), except when a hard-wrapped line
//! continues in lower case. Inside a line, a sentence ends at `.`, `!`, `?` or an ellipsis, with the
//! closing quotation marks and brackets that follow, when the next word can start a sentence and the
//! period does not end an abbreviation, an initial or a title.

use aho_corasick::AhoCorasick;
use detente_records::{Sentence, Span};
use regex::RegexSet;
use std::sync::OnceLock;

/// Split an article into sentences, flagging boilerplate lines (promo lines, cross-link headlines,
/// bylines, photo credits). Spans are trimmed of surrounding white space.
pub fn segment(text: &str) -> Vec<Sentence> {
    // News sentences average well over 100 bytes: one allocation for most articles.
    let mut sentences = Vec::with_capacity(text.len() / 100 + 4);
    let shouting = mostly_upper_case(text);
    let mut paragraph = 0usize;
    let mut block_start: Option<usize> = None;
    let mut blocks: Vec<Span> = Vec::new();
    // Lines joined into blocks: a line that does not end a sentence and is followed by a line starting
    // in lower case is a hard wrap, not a paragraph break.
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let line_span = Span::new(pos, pos + line.len());
        pos += line.len();
        let trimmed = trim_span(text, line_span);
        if trimmed.is_empty() {
            if let Some(start) = block_start.take() {
                blocks.push(trim_span(text, Span::new(start, line_span.start)));
            }
            continue;
        }
        if let Some(start) = block_start {
            let prev = &text[start..line_span.start];
            let prev_trim = prev.trim_end();
            let next_first = trimmed.of(text).chars().next().unwrap_or(' ');
            let wraps = next_first.is_lowercase() && !prev_trim.ends_with(['.', '!', '?', '"', '”', ':']);
            if !wraps {
                blocks.push(trim_span(text, Span::new(start, line_span.start)));
                block_start = Some(trimmed.start);
            }
        } else {
            block_start = Some(trimmed.start);
        }
    }
    if let Some(start) = block_start {
        blocks.push(trim_span(text, Span::new(start, text.len())));
    }
    for block in blocks {
        if block.is_empty() {
            continue;
        }
        let boiler_line = is_boilerplate_line(block.of(text), shouting);
        for s in split_block(text, block) {
            let boilerplate = boiler_line || is_boilerplate_sentence(s.of(text));
            sentences.push(Sentence {
                start: s.start,
                end: s.end,
                boilerplate,
                paragraph,
            });
        }
        paragraph += 1;
    }
    sentences
}

fn trim_span(text: &str, span: Span) -> Span {
    let s = span.of(text);
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead == s.len() {
        return Span::new(span.start, span.start);
    }
    Span::new(span.start + lead, span.end - trail)
}

fn mostly_upper_case(text: &str) -> bool {
    const LIMIT: usize = 20_000;
    let bytes = text.as_bytes();
    let (mut upper, mut lower) = (0usize, 0usize);
    // The first 20,000 characters: ASCII runs are counted 64 bytes at a time (a loop the compiler
    // vectorises), anything else is decoded.
    let (mut i, mut chars) = (0usize, 0usize);
    while i < bytes.len() && chars < LIMIT {
        let block = &bytes[i..bytes.len().min(i + 64).min(i + LIMIT - chars)];
        let ascii = block.iter().position(|b| !b.is_ascii()).unwrap_or(block.len());
        if ascii > 0 {
            let block = &block[..ascii];
            upper += block.iter().filter(|b| b.is_ascii_uppercase()).count();
            lower += block.iter().filter(|b| b.is_ascii_lowercase()).count();
            i += ascii;
            chars += ascii;
            continue;
        }
        let c = text[i..].chars().next().expect("a char boundary");
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        }
        i += c.len_utf8();
        chars += 1;
    }
    upper > lower
}

const OPENERS: &[char] = &['"', '“', '‘', '\'', '(', '[', '«', '¿', '¡'];

/// The UTF-8 encoding of `…`.
const ELLIPSIS: &[u8] = "…".as_bytes();

/// The length of the closing quotation mark or bracket at the start of `bytes`, if one is there
/// (`"` `”` `’` `'` `)` `]` `»`).
fn closer_len(bytes: &[u8]) -> Option<usize> {
    match bytes {
        [b'"' | b'\'' | b')' | b']', ..] => Some(1),
        [0xE2, 0x80, 0x9D | 0x99, ..] => Some(3), // ” ’
        [0xC2, 0xBB, ..] => Some(2),              // »
        _ => None,
    }
}

/// The length of the terminal punctuation mark (`.` `!` `?` `…`) at the start of `bytes`, if one is there.
fn terminal_len(bytes: &[u8]) -> Option<usize> {
    match bytes {
        [b'.' | b'!' | b'?', ..] => Some(1),
        _ if bytes.starts_with(ELLIPSIS) => Some(ELLIPSIS.len()),
        _ => None,
    }
}

/// Split one block (a paragraph without line breaks, or a hard-wrapped one) into sentences.
///
/// Scans bytes, not chars: every terminal mark starts with `.`, `!`, `?` or 0xE2 (`…`), and none of those
/// is a UTF-8 continuation byte, so a match can only land on a char boundary.
fn split_block(text: &str, block: Span) -> Vec<Span> {
    let s = block.of(text);
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut i = 0usize;
    while i < bytes.len() {
        let Some(k) = bytes[i..].iter().position(|&b| matches!(b, b'.' | b'!' | b'?' | 0xE2)) else {
            break;
        };
        i += k;
        let Some(clen) = terminal_len(&bytes[i..]) else {
            i += 1; // 0xE2 opening some other character
            continue;
        };
        let terminal = bytes[i];
        let is_ellipsis = clen == ELLIPSIS.len() || bytes[i..].starts_with(b"...");
        // The end of the terminal punctuation run, then closing quotes and brackets.
        let mut end = i;
        while let Some(n) = terminal_len(&bytes[end..]) {
            end += n;
        }
        while let Some(n) = closer_len(&bytes[end..]) {
            end += n;
        }
        // Must be followed by white space (or the end of the block).
        let rest = &s[end..];
        let after_ws = rest.trim_start();
        if after_ws.is_empty() {
            break;
        }
        if after_ws.len() == rest.len() {
            i = end.max(i + clen);
            continue;
        }
        let next_start = s.len() - after_ws.len();
        if ends_sentence(&s[start..i], terminal == b'.' && clen == 1, is_ellipsis, after_ws) {
            out.push(Span::new(block.start + start, block.start + end));
            start = next_start;
        }
        i = next_start.max(end);
    }
    if start < s.len() {
        let last = trim_span(text, Span::new(block.start + start, block.end));
        if !last.is_empty() {
            out.push(last);
        }
    }
    out
}

/// Titles and abbreviations after which a period never ends a sentence.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt", "maj", "adm", "cmdr", "prof",
    "rev", "hon", "pres", "atty", "supt", "det", "insp", "ft", "mt", "st", "messrs", "mmes", "brig", "cpl", "pvt",
    "gens", "sens", "reps", "amb", "lieut", "cmdt", "sec", "secy", "no", "nos", "vs", "v", "cf", "approx", "dept",
    "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "e.g", "i.e", "al",
    "ca", "ave", "blvd", "rd", "gov't", "est", "vol", "pp", "op", "ed",
];

/// Abbreviations that may end a sentence: they do when the next word is a common sentence opener.
const SOFT_ABBREVIATIONS: &[&str] = &[
    "u.s", "u.k", "u.n", "e.u", "u.s.a", "a.m", "p.m", "inc", "corp", "co", "ltd", "jr", "sr", "etc", "d.c", "l.a",
    "n.y", "s.a", "plc", "bros", "llc", "ph.d",
];

const SENTENCE_OPENERS: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "but",
    "and",
    "in",
    "on",
    "at",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "their",
    "its",
    "our",
    "there",
    "for",
    "if",
    "when",
    "while",
    "after",
    "before",
    "as",
    "so",
    "yet",
    "still",
    "however",
    "meanwhile",
    "officials",
    "some",
    "many",
    "most",
    "no",
    "not",
    "one",
    "two",
    "what",
    "who",
    "why",
    "how",
    "where",
    "last",
    "earlier",
    "later",
    "since",
    "under",
    "with",
    "without",
    "despite",
];

/// Calls `f` with `word` in lower case: on a stack buffer for short ASCII words (almost all of them), so
/// the per-sentence checks below allocate nothing.
fn with_lowercase<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 32];
    if word.is_ascii() && word.len() <= buf.len() {
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        f(std::str::from_utf8(lower).expect("ASCII is UTF-8"))
    } else {
        f(&word.to_lowercase())
    }
}

fn ends_sentence(before: &str, is_period: bool, is_ellipsis: bool, after: &str) -> bool {
    let next = after.chars().next().unwrap_or(' ');
    let starts_upper = next.is_uppercase() || next.is_ascii_digit() || OPENERS.contains(&next);
    if !starts_upper {
        return false;
    }
    if !is_period || is_ellipsis {
        // "?" and "!" end a sentence before a capital; an ellipsis only before one too.
        return true;
    }
    // The word the period is attached to.
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || OPENERS.contains(&c) || c == '—' || c == '–')
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let word = &before[word_start..];
    // The word after the break, for abbreviations that end a sentence only before a common opener.
    let opener = || {
        let w = after.trim_start_matches(OPENERS);
        let end = w.find(|c: char| !c.is_alphanumeric()).unwrap_or(w.len());
        with_lowercase(&w[..end], |next_word| SENTENCE_OPENERS.contains(&next_word))
    };
    with_lowercase(word, |lower| {
        let lower = lower.trim_end_matches('.');
        if lower.is_empty() {
            return true;
        }
        if TITLES.contains(&lower) {
            return false;
        }
        // Initials: "J." in "Donald J. Trump", and "U.S"-like runs of single letters.
        let mut chars = word.chars();
        if let (Some(first), None) = (chars.next(), chars.next())
            && first.is_uppercase()
        {
            return false;
        }
        if SOFT_ABBREVIATIONS.contains(&lower) {
            return opener();
        }
        let single_letters = lower.split('.').all(|p| p.chars().count() == 1);
        if single_letters && lower.contains('.') {
            return opener();
        }
        true
    })
}

/// First words of the anchored line rules below.
const LINE_OPENERS: &[&str] = &[
    "click",
    "read",
    "see",
    "watch",
    "listen",
    "related",
    "recommended",
    "more",
    "also",
    "trending",
    "popular",
    "most",
    "don't",
    "dont",
    "don’t",
    "must",
    "subscribe",
    "follow",
    "like",
    "share",
    "join",
    "advertisement",
    "story",
    "article",
    "scroll",
    "by",
    "photo",
    "photos",
    "image",
    "images",
    "picture",
    "pictures",
    "video",
    "videos",
    "graphic",
    "graphics",
    "illustration",
    "illustrations",
    "copyright",
    "©",
    "c",
    "reporting",
    "writing",
    "editing",
    "additional",
    "this",
];

struct Boilerplate {
    /// Words without which no line rule can match.
    keywords: AhoCorasick,
    /// The line rules anchored at the start of the line: they fail within a few bytes on most lines.
    lines: RegexSet,
    /// The photo credit words one of the `unanchored_lines` rules needs.
    credit_words: AhoCorasick,
    /// The line rules that may match anywhere in the line (or scan far into it): each needs one of the
    /// `keywords` or of the `credit_words`.
    unanchored_lines: RegexSet,
    sentences: RegexSet,
}

/// Compile the segmentation rules now (they are otherwise compiled when the first text is segmented).
pub(crate) fn prepare() {
    boilerplate_rules();
}

fn boilerplate_rules() -> &'static Boilerplate {
    static RULES: OnceLock<Boilerplate> = OnceLock::new();
    RULES.get_or_init(|| Boilerplate {
        keywords: AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build([
                "sign up", "(photo", "(image", "(picture", "getty images", "ap photo", "reuters/", "epa-efe",
                "shutterstock", "rights reserved", "contributed",
            ])
            .expect("boilerplate keywords compile"),
        // Whole lines that are not the article.
        lines: lazy_dfa_set(&[
            r"(?i)^\W*click here\b",
            r"(?i)^\W*(read|see|watch|listen)( more| also| the full| it)?\b.{0,80}(here|:|»|>>|→)\W*$",
            r"(?i)^\W*(read|see) more\b",
            r"(?i)^\W*(related|recommended|more from|also read|trending|popular|most read|don'?t miss|must read)\b.{0,120}$",
            r"(?i)^\W*(subscribe|follow us|like us on|share (this|on)|click to share|join us on)\b",
            r"(?i)^\W*advertisement\W*$",
            r"(?i)^\W*(story|article) continues? below\b",
            r"(?i)^\W*(story|article) continued below\b",
            r"(?i)^\W*scroll (down )?to continue\b",
            r"(?i)^\W*by [A-Z][\w.'’-]+( [A-Z][\w.'’-]+){0,3}( and [A-Z][\w.'’-]+( [A-Z][\w.'’-]+){0,3})?(,.{0,60})?\W*$",
            r"(?i)^\W*(photo|image|picture|video|graphic|illustration)s?( credit)?\s*[:|/]",
            r"(?i)^\W*(copyright|©|\(c\))\s.{0,120}$",
            r"(?i)^\W*\(?(reporting|writing|editing|additional reporting) by\b",
            r"(?i)^\W*(this (story|article) (has been|was) (updated|corrected))\b.{0,120}$",
        ])
        .expect("boilerplate line rules compile"),
        credit_words: AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(["getty images", "afp via getty", "ap photo", "reuters/", "epa-efe", "shutterstock"])
            .expect("photo credit words compile"),
        unanchored_lines: lazy_dfa_set(&[
            r"(?i)^[^.]{0,120}\b(getty images|afp via getty|ap photo|reuters/|epa-efe|shutterstock)\b[^.]{0,60}$",
            r"(?i)\bsign up (for|to)\b.{0,60}\b(newsletter|updates|alerts|briefing|email)",
            r"(?i)\((photo|image|picture)s?\b[^)]*\)\W*$",
            r"(?i)all rights reserved\W*$",
            r"(?i)contributed (reporting )?to this (report|story)\W*$",
        ])
        .expect("boilerplate line rules compile"),
        sentences: RegexSet::new([
            r"(?i)^\W*advertisement\W*$",
            r"(?i)^\W*click here to\b",
        ])
        .expect("boilerplate sentence rules compile"),
    })
}

/// A rule set whose lazy DFA may cache more states than the default 2 MB: these rules (Unicode classes,
/// bounded repeats) filled the default cache over a corpus, which then was cleared and rebuilt again and again.
fn lazy_dfa_set(rules: &[&str]) -> Result<RegexSet, regex::Error> {
    regex::RegexSetBuilder::new(rules).dfa_size_limit(16 << 20).build()
}

fn is_boilerplate_line(line: &str, shouting: bool) -> bool {
    if line.len() > 400 {
        return false;
    }
    if !shouting && is_all_caps_headline(line) {
        return true;
    }
    let rules = boilerplate_rules();
    // The rule set is costly on long paragraphs: only a line that opens with one of the words the anchored
    // rules start with, or holds one of the key words of the others, can match it.
    let first = line
        .trim_start_matches(|c: char| !c.is_alphanumeric() && c != '©')
        .split([' ', ':', '|'])
        .next();
    let opens = first.is_some_and(|w| {
        let w = w.trim_end_matches(|c: char| !c.is_alphanumeric());
        LINE_OPENERS.iter().any(|o| o.eq_ignore_ascii_case(w))
    });
    let keyword = rules.keywords.is_match(line);
    if !(opens || keyword) {
        return false;
    }
    // The rule sets are costly (their lazy DFAs keep building states and fall back to the PikeVM on
    // non-ASCII text), so each runs only on lines it may match. The unanchored rules each spell out a
    // keyword or a credit word: in text without the two letters that case-fold onto ASCII ones, the
    // case-insensitive word searches find every line they can match.
    let folds = has_ascii_case_fold_variant(line);
    (may_match_anchored_start(line, ANCHORED_STARTS, true) && rules.lines.is_match(line))
        || ((keyword || folds || rules.credit_words.is_match(line)) && rules.unanchored_lines.is_match(line))
}

/// How the anchored line rules (`Boilerplate::lines`) go on after the line's leading non-word characters,
/// in lower case; `(c)` and `©` are checked apart, as they start with a non-word character.
const ANCHORED_STARTS: &[&str] = &[
    "click here",
    "click to share",
    "read",
    "see",
    "watch",
    "listen",
    "related",
    "recommended",
    "more from",
    "also read",
    "trending",
    "popular",
    "most read",
    "dont miss",
    "don't miss",
    "must read",
    "subscribe",
    "follow us",
    "like us on",
    "share this",
    "share on",
    "join us on",
    "advertisement",
    "story continue",
    "article continue",
    "scroll",
    "by ",
    "photo",
    "image",
    "picture",
    "video",
    "graphic",
    "illustration",
    "copyright",
    "reporting",
    "writing",
    "editing",
    "additional reporting",
    "this story",
    "this article",
];

/// True when `text` holds one of the two non-ASCII letters that Unicode simple case folding, which the
/// rules' `(?i)` uses, maps onto ASCII letters: the Kelvin sign (k) and the long s (s).
fn has_ascii_case_fold_variant(text: &str) -> bool {
    !text.is_ascii() && (text.contains('\u{212A}') || text.contains('\u{17F}'))
}

/// False when no rule of the form `^\W*(start|start|...)`, case-insensitive, can match `line`, the starts
/// being ASCII and beginning with a letter (`(c)` and `©` are checked apart when `copyright`).
///
/// The rule's `\W*` must stop at the line's first word character, which must begin the start. Where the
/// first ASCII letter, digit or `_` is, is a necessary place: a non-ASCII word character before it can only
/// make the rule fail. The comparison is ASCII case-insensitive, which is exact unless the line holds a
/// letter that case-folds onto ASCII ([`has_ascii_case_fold_variant`]): then the answer is true.
fn may_match_anchored_start(line: &str, starts: &[&str], copyright: bool) -> bool {
    if has_ascii_case_fold_variant(line) {
        return true;
    }
    let bytes = line.as_bytes();
    let lead = bytes
        .iter()
        .position(|&b| b.is_ascii_alphanumeric() || b == b'_')
        .unwrap_or(bytes.len());
    let rest = &bytes[lead..];
    let starts_with = |p: &str| rest.len() >= p.len() && rest[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    starts.iter().any(|p| starts_with(p))
        || (copyright && ((lead > 0 && bytes[lead - 1] == b'(' && starts_with("c)")) || line[..lead].contains('©')))
}

/// What the sentence rules (`Boilerplate::sentences`) go on with after the leading non-word characters.
const SENTENCE_STARTS: &[&str] = &["advertisement", "click here to"];

fn is_boilerplate_sentence(sentence: &str) -> bool {
    let opening = sentence.trim_start_matches(|c: char| !c.is_alphanumeric());
    sentence.len() < 120
        && opening.starts_with(['A', 'a', 'C', 'c'])
        && may_match_anchored_start(sentence, SENTENCE_STARTS, false)
        && boilerplate_rules().sentences.is_match(sentence)
}

/// A cross-link headline dropped into the body: several words, letters all in capitals.
fn is_all_caps_headline(line: &str) -> bool {
    let mut words = 0;
    let mut letters = 0;
    for w in line.split_whitespace() {
        if w.chars().any(|c| c.is_alphabetic()) {
            words += 1;
        }
        for c in w.chars() {
            if c.is_lowercase() {
                // One lower-case letter settles it: no need to scan the rest of the line.
                return false;
            }
            if c.is_alphabetic() {
                letters += 1;
            }
        }
    }
    words >= 3 && letters >= 12
}

/// The kind of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, with inner apostrophes, hyphens, periods ("U.S.", "al-Qaeda", "open-door"). A possessive
    /// "'s"/"’s" is a word token of its own.
    Word,
    /// Digits, with inner separators ("2,000", "3.5") and trailing letters ("1990s", "2nd").
    Number,
    /// Any other character; an ellipsis "..." is one token.
    Punct,
}

/// A token: a byte span into the article text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

impl Token {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
    /// The first letter is upper case ("Russia", "U.S.").
    pub fn is_capitalized(&self, text: &str) -> bool {
        self.kind == TokenKind::Word && text[self.start..].chars().next().is_some_and(char::is_uppercase)
    }
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '‐' | '.' | '&')
}

/// The char at byte `i` of `s` and its length; ASCII without decoding.
#[inline]
fn char_at(s: &str, i: usize) -> Option<(char, usize)> {
    match s.as_bytes().get(i) {
        None => None,
        Some(&b) if b < 0x80 => Some((b as char, 1)),
        Some(_) => s[i..].chars().next().map(|c| (c, c.len_utf8())),
    }
}

/// The char at byte `i` is a letter or digit (false at the end).
#[inline]
fn alphanumeric_at(s: &str, i: usize) -> bool {
    char_at(s, i).is_some_and(|(c, _)| c.is_alphanumeric())
}

/// The length of a clitic that starts at byte `at` (after an apostrophe) and ends the word: "s" (possessive or
/// "is"), "ll", "ve", "re", "d".
fn clitic_len(s: &str, at: usize) -> Option<usize> {
    let rest = s.as_bytes().get(at..)?;
    let len = ["s", "ll", "ve", "re", "d"]
        .iter()
        .find(|c| rest.len() >= c.len() && rest[..c.len()].eq_ignore_ascii_case(c.as_bytes()))?
        .len();
    (!alphanumeric_at(s, at + len)).then_some(len)
}

/// Tokens of `span` in `text`, appended to `out` (reuse the vector across sentences).
pub fn tokenize_into(text: &str, span: Span, out: &mut Vec<Token>) {
    let s = span.of(text);
    let mut i = 0usize;
    while let Some((c, clen)) = char_at(s, i) {
        if c.is_whitespace() {
            i += clen;
            continue;
        }
        let start = span.start + i;
        if c.is_alphabetic() || c.is_ascii_digit() || c.is_numeric() {
            let number = !c.is_alphabetic();
            let mut end = i + clen;
            while let Some((d, dlen)) = char_at(s, end) {
                let j = end;
                if d.is_alphanumeric() {
                    end = j + dlen;
                    continue;
                }
                if is_joiner(d) || (number && d == ',') {
                    // A joiner stays inside the token only when a letter or digit follows it, except the
                    // possessive, which becomes its own token.
                    let after = j + dlen;
                    let next = char_at(s, after).map(|(n, _)| n);
                    if matches!(d, '\'' | '’') && !number && clitic_len(s, after).is_some() {
                        break;
                    }
                    if next.is_some_and(char::is_alphanumeric) {
                        end = after;
                        continue;
                    }
                    // "U.S." keeps its final period: a run of single letters with periods.
                    if d == '.' && !number && is_letter_dot_run(&s[i..j]) {
                        end = j + 1;
                    }
                }
                break;
            }
            let kind = if number { TokenKind::Number } else { TokenKind::Word };
            out.push(Token {
                start,
                end: span.start + end,
                kind,
            });
            i = end;
        } else if (c == '\'' || c == '’')
            && let Some(clitic) = clitic_len(s, i + clen)
            && i > 0
            && s[..i].chars().next_back().is_some_and(char::is_alphanumeric)
        {
            // Possessive "'s" and the clitics "'ll", "'ve", "'re", "'d" ("they'll" is "they" + "'ll").
            out.push(Token {
                start,
                end: start + clen + clitic,
                kind: TokenKind::Word,
            });
            i += clen + clitic;
        } else if c == '.' && s.as_bytes()[i..].starts_with(b"...") {
            out.push(Token {
                start,
                end: start + 3,
                kind: TokenKind::Punct,
            });
            i += 3;
        } else {
            out.push(Token {
                start,
                end: start + clen,
                kind: TokenKind::Punct,
            });
            i += clen;
        }
    }
}

/// Tokens of `span` in `text`.
pub fn tokenize(text: &str, span: Span) -> Vec<Token> {
    let mut out = Vec::new();
    tokenize_into(text, span, &mut out);
    out
}

/// The tokens of every sentence of an article, computed once after segmentation and read by the stages
/// after it (quotes, events, places): each used to tokenise the sentences again.
#[derive(Debug, Clone, Default)]
pub struct ArticleTokens {
    tokens: Vec<Token>,
    /// Token range of each sentence, by sentence index.
    ranges: Vec<(usize, usize)>,
}

impl ArticleTokens {
    /// The tokens of each of `sentences`; boilerplate sentences have none (no stage reads them).
    pub fn of(text: &str, sentences: &[Sentence]) -> ArticleTokens {
        // About one token per five bytes: one allocation for most articles.
        let mut tokens = Vec::with_capacity(text.len() / 5 + 8);
        let mut ranges = Vec::with_capacity(sentences.len());
        for s in sentences {
            let from = tokens.len();
            if !s.boilerplate {
                tokenize_into(text, s.span(), &mut tokens);
            }
            ranges.push((from, tokens.len()));
        }
        ArticleTokens { tokens, ranges }
    }

    /// The tokens of sentence `i` (the sentences this was built from).
    pub fn sentence(&self, i: usize) -> &[Token] {
        let (from, to) = self.ranges[i];
        &self.tokens[from..to]
    }

    /// The index range into [`ArticleTokens::all`] of each sentence's tokens.
    pub fn ranges(&self) -> &[(usize, usize)] {
        &self.ranges
    }

    /// Every token, in text order.
    pub fn all(&self) -> &[Token] {
        &self.tokens
    }
}

fn is_letter_dot_run(s: &str) -> bool {
    // "U.S", "U.K", "a.m": single letters separated by periods.
    let mut parts = 0;
    for p in s.split('.') {
        if p.chars().count() != 1 {
            return false;
        }
        parts += 1;
    }
    parts >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        segment(text).iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn splits_on_terminal_punctuation_and_keeps_exact_spans() {
        let text = "Ministers met in Oslo. They agreed on a truce! Will it hold? Nobody knows.";
        assert_eq!(
            sentences(text),
            [
                "Ministers met in Oslo.",
                "They agreed on a truce!",
                "Will it hold?",
                "Nobody knows."
            ]
        );
    }

    #[test]
    fn abbreviations_titles_and_initials_do_not_end_sentences() {
        let cases = [
            (
                "Mr. Smith met Gen. Jones and Sen. Brown on Jan. 5 in the U.K. capital.",
                1,
            ),
            ("Donald J. Trump spoke at 9 a.m. to reporters.", 1),
            ("The U.S. sent envoys. The talks began.", 2),
            ("Growth was 3.5 percent. Prices rose.", 2),
            ("He waited... and then left.", 1),
            ("She flew to Washington, D.C. The trip was short.", 2),
        ];
        for (text, n) in cases {
            assert_eq!(sentences(text).len(), n, "{text:?} -> {:?}", sentences(text));
        }
    }

    #[test]
    fn quotation_marks_around_sentence_ends() {
        let text = "“We will talk,” she said. “The door is open.” He nodded.";
        assert_eq!(
            sentences(text),
            ["“We will talk,” she said.", "“The door is open.”", "He nodded."]
        );
        let text = "\"Is it over?\" he asked. Nobody answered.";
        assert_eq!(sentences(text), ["\"Is it over?\" he asked.", "Nobody answered."]);
    }

    #[test]
    fn paragraphs_and_headlines_without_punctuation() {
        let text = "Talks stall in Vienna\n\nDiplomats left the room early.\nA second round is planned.";
        let segs = segment(text);
        assert_eq!(
            sentences(text),
            [
                "Talks stall in Vienna",
                "Diplomats left the room early.",
                "A second round is planned."
            ]
        );
        assert_eq!(segs.iter().map(|s| s.paragraph).collect::<Vec<_>>(), [0, 1, 2]);
    }

    #[test]
    fn hard_wrapped_lines_join_into_one_sentence() {
        let text = "The minister said the army\nwould withdraw by Friday.";
        assert_eq!(
            sentences(text),
            ["The minister said the army\nwould withdraw by Friday."]
        );
    }

    #[test]
    fn unicode_text_keeps_char_boundaries() {
        let text = "Zelensky a parlé à Kyiv — «c’est fini». Über alles? Ja! 東京で会談した。";
        for s in segment(text) {
            let _ = &text[s.start..s.end];
            for t in tokenize(text, s.span()) {
                let _ = &text[t.start..t.end];
            }
        }
    }

    #[test]
    fn boilerplate_lines_are_flagged_and_nothing_else() {
        let text = "Troops crossed the river on Monday.\nCLICK HERE FOR MORE STORIES LIKE THIS\n\
                    ARMY CHIEF WARNS OF LONG WAR AS TALKS FAIL\nSign up for our daily newsletter\nAdvertisement\n\
                    Story continued below\nBy Jane Doe and John Roe\nPhoto: a soldier at a checkpoint (Getty Images)\n\
                    The ministry denied the report.";
        let segs = segment(text);
        let flagged: Vec<&str> = segs
            .iter()
            .filter(|s| s.boilerplate)
            .map(|s| &text[s.start..s.end])
            .collect();
        let kept: Vec<&str> = segs
            .iter()
            .filter(|s| !s.boilerplate)
            .map(|s| &text[s.start..s.end])
            .collect();
        assert_eq!(
            kept,
            ["Troops crossed the river on Monday.", "The ministry denied the report."]
        );
        assert_eq!(flagged.len(), 7, "{flagged:?}");
    }

    /// The rule sets only run on lines they may match: lines opening with non-ASCII punctuation, a
    /// parenthesised (c), or a word the rules also start with but go on differently, keep their verdicts.
    #[test]
    fn boilerplate_prefilters_keep_the_rules_verdicts() {
        let text = "The talks resumed on Monday after a long pause.\n“Advertisement”\n— (c) 2024 Northwind Media\n\
                    —By Jane Roe\n“Read more: here”\n\
                    This story has been updated with a statement from the ministry.\n\
                    This is what the minister told reporters at the border.\nBy Monday the talks had stalled again.\n\
                    Sign up for our daily briefing email\nThe deal was signed in Kyiv (Photo: Anna Kovač)\n\
                    Soldiers at a checkpoint AFP via Getty";
        let verdicts: Vec<(bool, &str)> = segment(text)
            .iter()
            .map(|s| (s.boilerplate, &text[s.start..s.end]))
            .collect();
        let flagged: Vec<&str> = verdicts.iter().filter(|(b, _)| *b).map(|(_, s)| *s).collect();
        assert_eq!(
            flagged,
            [
                "“Advertisement”",
                "— (c) 2024 Northwind Media",
                "—By Jane Roe",
                "“Read more: here”",
                "This story has been updated with a statement from the ministry.",
                "Sign up for our daily briefing email",
                "The deal was signed in Kyiv (Photo: Anna Kovač)",
            ],
            "{verdicts:?}"
        );
        assert!(!has_ascii_case_fold_variant("Kyiv, “Photo”"));
        assert!(has_ascii_case_fold_variant("5 \u{212A}"));
        assert!(may_match_anchored_start("\u{212A}lick here", ANCHORED_STARTS, true));
        assert!(!may_match_anchored_start("“Talks”", ANCHORED_STARTS, true));
        assert!(may_match_anchored_start("• © 2024", ANCHORED_STARTS, true));
    }

    #[test]
    fn all_caps_rule_is_off_for_all_caps_wire_copy() {
        let text = "TROOPS CROSSED THE RIVER ON MONDAY.\nTHE MINISTRY DENIED THE REPORT.";
        assert!(segment(text).iter().all(|s| !s.boilerplate));
    }

    /// The shared tokens are each sentence's own tokenisation, in sentence order; boilerplate lines get none.
    #[test]
    fn article_tokens_are_each_sentences_tokens() {
        let text = "Envoys from Lagos and Accra haggled over tariffs.\nSign up to get trade alerts by text\n\
                    Nobody’s budging, a trade official admitted... The round ends Friday.";
        let sentences = segment(text);
        let shared = ArticleTokens::of(text, &sentences);
        assert!(sentences.iter().any(|s| s.boilerplate));
        let mut all = Vec::new();
        for (i, s) in sentences.iter().enumerate() {
            let own = if s.boilerplate {
                Vec::new()
            } else {
                tokenize(text, s.span())
            };
            assert_eq!(shared.sentence(i), own.as_slice(), "{:?}", s.span().of(text));
            assert_eq!(shared.ranges()[i], (all.len(), all.len() + own.len()));
            all.extend(own);
        }
        assert_eq!(shared.all(), all.as_slice());
        assert!(shared.sentence(0).len() > 5);
    }

    fn token_texts(text: &str) -> Vec<&str> {
        tokenize(text, Span::new(0, text.len()))
            .iter()
            .map(|t| t.text(text))
            .collect()
    }

    #[test]
    fn tokens_split_clitics_but_not_names() {
        let text = "They’ll go; we've seen it, you'd know and they're here. O'Neill's d'Estaing won't";
        let toks = token_texts(text);
        assert_eq!(
            toks,
            [
                "They",
                "’ll",
                "go",
                ";",
                "we",
                "'ve",
                "seen",
                "it",
                ",",
                "you",
                "'d",
                "know",
                "and",
                "they",
                "'re",
                "here",
                ".",
                "O'Neill",
                "'s",
                "d'Estaing",
                "won't"
            ]
        );
    }

    #[test]
    fn tokens_split_possessives_and_keep_abbreviations() {
        let text = "Russia’s troops and the U.S. army's 2,000 open-door ... talks";
        let toks = token_texts(text);
        assert_eq!(
            toks,
            [
                "Russia",
                "’s",
                "troops",
                "and",
                "the",
                "U.S.",
                "army",
                "'s",
                "2,000",
                "open-door",
                "...",
                "talks"
            ]
        );
    }
}
