//! Speaker phrases and their resolution to the fullest name in the article.

use super::Doc;
use super::lexicon::{NOT_NAME, ORG_HEAD, ROLE_NOUN, SKIP, TITLE};
use super::marks::MarkedQuote;
use crate::text::TokenKind;
use detente_records::{Mention, MentionKind, Span, Speaker};

/// What a speaker phrase is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NpKind {
    /// A capitalised name, possibly after titles ("Kremlin spokesman Dmitry Peskov", "Peskov").
    Person,
    /// An organisation or body ("the Foreign Ministry", "NATO").
    Org,
    /// A group or role without a name ("Russian officials", "a senior official").
    Group,
    /// A title that refers back to a person named earlier ("the spokesman").
    TitleRef,
    Pronoun,
    /// "who"/"which": the speaker is the phrase before it.
    Relative,
}

/// A speaker phrase: its span and tokens, and for a person the name inside it.
#[derive(Debug, Clone, PartialEq)]
pub struct NounPhrase {
    pub span: Span,
    /// Token range [start, end).
    pub tok: (usize, usize),
    pub kind: NpKind,
    /// The name (person) or the head phrase (others).
    pub name: Span,
}

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "our", "this", "these", "those", "another", "one",
];
/// Nouns that refer back to a news organisation named before ("the outlet").
const OUTLET_NOUNS: &[&str] = &[
    "outlet",
    "agency",
    "newspaper",
    "paper",
    "network",
    "broadcaster",
    "channel",
    "station",
    "daily",
    "tabloid",
    "wire",
];

/// Titles written with a period, which the tokenizer leaves as a token of its own.
const ABBREVIATED_TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "gen", "rep", "gov", "adv", "lt", "col", "sgt", "capt", "maj", "prof", "rev",
    "amb", "pres", "adm", "cmdr", "supt", "insp", "det", "sr", "jr", "st", "hon", "atty", "brig", "cpl", "pvt",
];
const PARTICLES: &[&str] = &[
    "de", "van", "von", "bin", "al", "da", "le", "la", "del", "der", "di", "du", "ibn", "el",
];
const CONNECTORS: &[&str] = &["of", "for", "at", "from", "and", "by"];

/// A single capital letter: an initial before its period.
fn is_initial(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
}

/// Words that begin place names, not people ("North Korea", "New Zealand").
const PLACE_STARTS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "new",
    "saudi",
    "united",
    "hong",
    "sri",
    "costa",
    "el",
    "san",
    "santa",
    "los",
    "las",
    "buenos",
    "rio",
    "abu",
    "tel",
    "cape",
    "port",
    "fort",
    "lake",
    "mount",
    "gulf",
    "central",
    "latin",
    "middle",
    "far",
    "near",
    "western",
    "eastern",
    "northern",
    "southern",
    "islamic",
    "democratic",
    "people's",
];

/// A word in capitals ("PENCE"), as transcripts name speakers.
pub(super) fn is_shouted(s: &str) -> bool {
    s.chars().filter(|c| c.is_alphabetic()).count() >= 2 && s.chars().all(|c| !c.is_lowercase())
}

fn is_acronym(s: &str) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && s.chars()
            .all(|c| c.is_uppercase() || c == '.' || c == '-' || c == '&' || c.is_ascii_digit())
}

impl Doc<'_> {
    fn cap(&self, i: usize) -> bool {
        // An ASCII first byte answers without decoding a char (this runs for every token).
        let t = self.tokens[i];
        match self.text.as_bytes()[t.start] {
            b if b < 0x80 => t.kind == TokenKind::Word && b.is_ascii_uppercase(),
            _ => t.is_capitalized(self.text),
        }
    }

    /// A word that can be part of a speaker phrase other than a determiner or connector.
    fn np_word(&self, i: usize) -> bool {
        let t = self.tokens[i];
        if t.kind == TokenKind::Number {
            return true;
        }
        if t.kind != TokenKind::Word {
            return false;
        }
        let cap = self.cap(i);
        let w = self.low(i);
        if w == "'s" {
            return true;
        }
        let flags = self.lex.flags(w);
        if cap {
            return flags & NOT_NAME == 0
                || flags & ROLE_NOUN != 0
                || matches!(w, "mr." | "mrs." | "ms." | "dr." | "mr" | "mrs" | "ms" | "dr");
        }
        flags & ROLE_NOUN != 0 || flags & TITLE != 0 && !matches!(w, "first" | "former" | "under")
    }

    fn np_head(&self, i: usize) -> bool {
        let t = self.tokens[i];
        t.kind == TokenKind::Word && self.low(i) != "'s" && self.np_word(i)
    }
}

/// The speaker phrase ending at token `j` (inclusive), not before token `s0`.
pub(super) fn np_back(doc: &Doc, s0: usize, j: usize) -> Option<NounPhrase> {
    if doc.tokens[j].kind != TokenKind::Word {
        return None;
    }
    let w = doc.low(j);
    if super::PRONOUNS.contains(&w) {
        let t = doc.tokens[j];
        return Some(NounPhrase {
            span: t.span(),
            tok: (j, j + 1),
            kind: NpKind::Pronoun,
            name: t.span(),
        });
    }
    if w == "who" || w == "which" {
        let t = doc.tokens[j];
        return Some(NounPhrase {
            span: t.span(),
            tok: (j, j + 1),
            kind: NpKind::Relative,
            name: t.span(),
        });
    }
    if w == "'s" || !doc.np_head(j) {
        return None;
    }
    let mut start = j;
    let mut k = j;
    while k > s0 {
        let p = k - 1;
        // "Mr. Xi", "Sen. Cayetano", "George W. Bush": the period of an abbreviation is a token of its own.
        if doc.is_punct(p, ".")
            && p > s0
            && (ABBREVIATED_TITLES.contains(&doc.low(p - 1)) || is_initial(doc.tok(p - 1)))
        {
            start = p - 1;
            k = p - 1;
            continue;
        }
        if doc.tokens[p].kind != TokenKind::Word && doc.tokens[p].kind != TokenKind::Number {
            break;
        }
        let pw = doc.low(p);
        if DETERMINERS.contains(&pw) {
            start = p;
            break;
        }
        if doc.np_word(p) {
            start = p;
            k = p;
            continue;
        }
        // "Secretary of State", "a spokesman for the ministry", "Biden and Putin".
        if CONNECTORS.contains(&pw) && p > s0 && doc.np_head(p - 1) && (pw != "and" || doc.cap(p - 1) && doc.cap(k)) {
            start = p;
            k = p;
            continue;
        }
        break;
    }
    classify(doc, start, j + 1)
}

/// The speaker phrase starting at token `i`, before token `s1`.
pub(super) fn np_forward(doc: &Doc, i: usize, s1: usize) -> Option<NounPhrase> {
    if i >= s1 || doc.tokens[i].kind != TokenKind::Word {
        return None;
    }
    let w = doc.low(i);
    if super::PRONOUNS.contains(&w) {
        let t = doc.tokens[i];
        return Some(NounPhrase {
            span: t.span(),
            tok: (i, i + 1),
            kind: NpKind::Pronoun,
            name: t.span(),
        });
    }
    let mut k = i;
    if DETERMINERS.contains(&w) {
        k += 1;
    }
    let mut end = k;
    while k < s1 {
        if k + 1 < s1 && doc.is_punct(k + 1, ".") && ABBREVIATED_TITLES.contains(&doc.low(k)) {
            k += 2;
            continue;
        }
        if doc.np_word(k) {
            k += 1;
            end = k;
            continue;
        }
        let kw = doc.low(k);
        if CONNECTORS.contains(&kw) && end > i && k + 1 < s1 {
            let mut n = k + 1;
            if DETERMINERS.contains(&doc.low(n)) && n + 1 < s1 {
                n += 1;
            }
            if doc.np_head(n) && (kw != "and" || doc.cap(n) && doc.cap(k - 1)) {
                k = n;
                continue;
            }
        }
        break;
    }
    // Trailing possessive or connector never ends a phrase.
    while end > i && doc.low(end - 1) == "'s" {
        end -= 1;
    }
    if end <= i || !(i..end).any(|x| doc.np_head(x)) {
        return None;
    }
    classify(doc, i, end)
}

/// Words that end a loosely read phrase: clause links, auxiliaries, pronouns.
const LOOSE_STOP: &[&str] = &[
    "that", "which", "who", "whom", "whose", "and", "but", "or", "nor", "because", "if", "when", "while", "as", "than",
    "to", "not", "is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "should", "can", "may",
    "might", "must", "do", "does", "did", "be", "been", "being", "said", "says", "told", "it", "he", "she", "they",
    "we", "i", "you", "there", "also", "what", "where", "how", "why", "so", "then", "even", "only", "per", "in", "on",
    "at", "for", "from", "with", "by", "about", "after", "before", "during", "under", "over", "into", "via", "like",
    "against", "among", "since", "until", "without", "within", "across", "through", "none", "either", "neither",
];

/// Quantifiers that open a loose phrase like a determiner ("both parties", "many analysts").
const QUANTIFIERS: &[&str] = &["both", "all", "each", "some", "many", "most", "several"];

/// A phrase of plain words ending at `j` and reaching a clause boundary: for speakers the word lists miss
/// ("some Korea watchers", "the Aug. 16 cable").
pub(super) fn np_back_loose(doc: &Doc, s0: usize, j: usize) -> Option<NounPhrase> {
    let mut start = j + 1;
    let mut k = j + 1;
    while k > s0 && j + 1 - k < 7 {
        let p = k - 1;
        let t = doc.tokens[p];
        if t.kind == TokenKind::Punct {
            break;
        }
        let w = doc.low(p);
        if LOOSE_STOP.contains(&w) || doc.lex.skip.contains(w) && !DETERMINERS.contains(&w) {
            return None;
        }
        start = p;
        k = p;
        if DETERMINERS.contains(&w) || QUANTIFIERS.contains(&w) {
            break;
        }
    }
    let bounded = start == s0
        || doc.tokens[start - 1].kind == TokenKind::Punct
        || DETERMINERS.contains(&doc.low(start))
        || QUANTIFIERS.contains(&doc.low(start));
    if start > j
        || !bounded
        || doc.low(j) == "'s"
        || DETERMINERS.contains(&doc.low(j))
        || QUANTIFIERS.contains(&doc.low(j))
    {
        return None;
    }
    classify(doc, start, j + 1)
}

/// A phrase of plain words from `i` up to punctuation or a clause link ("according to the proposals").
pub(super) fn np_forward_loose(doc: &Doc, i: usize, s1: usize) -> Option<NounPhrase> {
    let mut k = i;
    while k < s1 && k < i + 8 {
        if doc.tokens[k].kind == TokenKind::Punct {
            break;
        }
        let w = doc.low(k);
        if w == "by"
            && k > i
            && let Some(author) = np_forward(doc, k + 1, s1)
            && author.kind == NpKind::Person
        {
            // "a tally by Jane Roe": the author speaks.
            let span = Span::new(doc.tokens[i].start, author.span.end);
            return Some(NounPhrase {
                span,
                tok: (i, author.tok.1),
                ..author
            });
        }
        if LOOSE_STOP.contains(&w) && k > i {
            break;
        }
        k += 1;
    }
    if k == i || k < s1 && doc.tokens[k].kind != TokenKind::Punct && k >= i + 8 {
        return None;
    }
    classify(doc, i, k)
}

/// Decide what the phrase of tokens [a, b) is, and where the name is in it.
fn classify(doc: &Doc, a: usize, b: usize) -> Option<NounPhrase> {
    let mut a = a;
    while a < b && CONNECTORS.contains(&doc.low(a)) {
        a += 1;
    }
    if a >= b {
        return None;
    }
    // "a tally by Jane Roe": the author of a document is the speaker.
    if let Some(c) = (a + 1..b).find(|&c| doc.low(c) == "by")
        && let Some(inner) = classify(doc, c + 1, b)
        && inner.kind == NpKind::Person
    {
        let span = Span::new(doc.tokens[a].start, doc.tokens[b - 1].end);
        return Some(NounPhrase {
            span,
            tok: (a, b),
            ..inner
        });
    }
    // "Jane Roe of the Lowell Institute": the name before the connector is the speaker.
    if let Some(c) = (a + 1..b).find(|&c| matches!(doc.low(c), "of" | "for" | "at" | "from"))
        && doc.cap(c - 1)
    {
        let w = doc.low(c - 1);
        if !doc.lex.titles.contains(w)
            && !doc.lex.role_nouns.contains(w)
            && !doc.lex.org_heads.contains(w)
            && !is_acronym(doc.tok(c - 1))
        {
            let inner = classify(doc, a, c)?;
            if inner.kind == NpKind::Person {
                let span = Span::new(doc.tokens[a].start, doc.tokens[b - 1].end);
                return Some(NounPhrase {
                    span,
                    tok: (a, b),
                    ..inner
                });
            }
        }
    }
    let span = Span::new(doc.tokens[a].start, doc.tokens[b - 1].end);
    let last = b - 1;
    let lw = doc.low(last);
    let raw = doc.tok(last);
    let np = |kind, name| {
        Some(NounPhrase {
            span,
            tok: (a, b),
            kind,
            name,
        })
    };
    if doc.lex.org_heads.contains(lw) || is_acronym(raw) && raw.chars().count() > 1 {
        return np(NpKind::Org, span);
    }
    if doc.lex.role_nouns.contains(lw) {
        // "the spokesman", "the foreign minister": a title that refers back to someone named before.
        let det = DETERMINERS.contains(&doc.low(a));
        let words = b - a - usize::from(det);
        let singular = !lw.ends_with('s') || lw.ends_with("ss");
        if det && doc.low(a) == "the" && words <= 2 && singular && doc.lex.titles.contains(lw) {
            return np(NpKind::TitleRef, span);
        }
        return np(NpKind::Group, span);
    }
    if !doc.cap(last) {
        return np(NpKind::Group, span);
    }
    // The name: the capitalised run at the end, after titles.
    let mut r = last;
    while r > a {
        let p = r - 1;
        let pw = doc.low(p);
        let name_like = doc.cap(p)
            && !doc.lex.titles.contains(pw)
            && !doc.lex.role_nouns.contains(pw)
            && !doc.lex.org_heads.contains(pw)
            && !doc.lex.not_names.contains(pw)
            && pw != "'s";
        let particle = PARTICLES.contains(&pw) && p > a && doc.cap(p - 1);
        let initial = pw == "." && p > a && is_initial(doc.tok(p - 1));
        if name_like || particle || initial {
            r = p;
        } else {
            break;
        }
    }
    let name = Span::new(doc.tokens[r].start, doc.tokens[last].end);
    np(NpKind::Person, name)
}

/// A person named in the article.
#[derive(Debug, Clone)]
pub struct Person {
    pub full: String,
    /// Last name token, lower case.
    pub last: String,
    /// First word of `full`, lower case (compared for every name run: computed once).
    pub first: String,
    pub gender: Option<char>,
    /// Title words seen with the name ("spokesman", "secretary-general").
    pub titles: Vec<String>,
    /// Where the full name is first given.
    pub first_at: usize,
}

#[derive(Debug, Clone, Copy)]
struct Occurrence {
    pos: usize,
    person: usize,
    paragraph: usize,
    /// "Trump's election": a possessive is a poor antecedent.
    possessive: bool,
    /// Subject of its sentence, or a speaker: a likely antecedent of a pronoun.
    salient: bool,
}

/// The people of an article and where each is mentioned, plus the speakers found so far.
#[derive(Debug, Default)]
pub struct Registry {
    pub persons: Vec<Person>,
    occurrences: Vec<Occurrence>,
    speakers: Vec<Occurrence>,
    /// Groups and organisations that spoke: (position, name, is an organisation) for "they"/"it" and for
    /// "the outlet".
    groups: Vec<(usize, String, bool)>,
}

fn gender_of_title(w: &str) -> Option<char> {
    match w {
        "mr" | "mr." | "sir" | "lord" | "king" | "prince" | "spokesman" | "congressman" | "chairman" | "sheikh" => {
            Some('m')
        }
        "mrs" | "mrs." | "ms" | "ms." | "dame" | "lady" | "queen" | "princess" | "spokeswoman" | "congresswoman"
        | "chairwoman" => Some('f'),
        _ => None,
    }
}

impl Registry {
    pub(super) fn build(doc: &Doc, quotes: &[MarkedQuote]) -> Registry {
        let mut reg = Registry::default();
        let in_quote = |pos: usize| quotes.iter().any(|q| q.content.start <= pos && pos < q.content.end);
        for si in 0..doc.sentences.len() {
            let (s0, s1) = doc.sent_tokens[si];
            let mut k = s0;
            // The first word position that can hold the sentence's subject.
            let mut subject_at = s0;
            while subject_at < s1
                && (doc.tokens[subject_at].kind == TokenKind::Punct
                    || matches!(doc.low(subject_at), "but" | "and" | "the" | "meanwhile" | "so"))
            {
                subject_at += 1;
            }
            while k < s1 {
                if !(doc.cap(k) && (k == subject_at || doc.lex.flags(doc.low(k)) & NOT_NAME == 0)) {
                    k += 1;
                    continue;
                }
                // A run of capitalised words (with particles and initials).
                let a = k;
                let mut b = k;
                while b < s1 {
                    let w = doc.low(b);
                    let name_word =
                        doc.cap(b) && (doc.lex.flags(w) & NOT_NAME == 0 || matches!(w, "mr." | "mrs." | "ms." | "dr."));
                    let particle = || b > a && b + 1 < s1 && PARTICLES.contains(&w) && doc.cap(b + 1);
                    if name_word || particle() {
                        b += 1;
                    } else if doc.is_punct(b, ".")
                        && b > a
                        && is_initial(doc.tok(b - 1))
                        && b + 1 < s1
                        && doc.cap(b + 1)
                    {
                        // The period of a middle initial ("George W. Bush").
                        b += 1;
                    } else {
                        break;
                    }
                }
                if b == a {
                    k += 1;
                    continue;
                }
                // A subject: the sentence's first phrase, or a name right before a verb group ("X said").
                let before_verb = b < s1 && {
                    let next = doc.low(b);
                    doc.lex.speech.is_plain(next) || next.len() > 2 && doc.lex.flags(next) & SKIP != 0
                };
                reg.add_run(doc, quotes, s0, a, b, a <= subject_at || before_verb);
                k = b;
            }
        }
        reg.occurrences.sort_by_key(|o| (o.pos, o.person));
        let sorted = reg.occurrences.len();
        for m in doc.mentions.iter().filter(|m| m.kind == MentionKind::Person) {
            // The article's own spelling wins over the dictionary's ("al-Sisi" vs "el-Sisi"). The name runs are
            // sorted by position (a binary search); the few occurrences added in this loop are scanned.
            let first = reg.occurrences[..sorted].partition_point(|o| o.pos < m.start);
            let in_text = reg.occurrences[..sorted].get(first).is_some_and(|o| o.pos < m.end)
                || reg.occurrences[sorted..]
                    .iter()
                    .any(|o| m.start <= o.pos && o.pos < m.end)
                || reg.by_name(&m.text, m.start).is_some();
            if in_text {
                continue;
            }
            if let Some(name) = &m.actor.name {
                let words: Vec<&str> = name.split_whitespace().collect();
                if words.len() >= 2 {
                    let last = words[words.len() - 1].to_lowercase();
                    let first = words[0].to_lowercase();
                    let p = reg.person_for(&last, Some(&first), name, m.start);
                    if reg.persons[p].gender.is_none() {
                        reg.persons[p].gender = m.gender.or_else(|| gender_of_first(doc, &first));
                    }
                    let paragraph = doc
                        .sentence_of(m.start)
                        .map_or(usize::MAX, |si| doc.sentences[si].paragraph);
                    if !in_quote(m.start) {
                        reg.occurrences.push(Occurrence {
                            pos: m.start,
                            person: p,
                            paragraph,
                            possessive: false,
                            salient: false,
                        });
                    }
                }
            }
        }
        reg.occurrences.sort_by_key(|o| (o.pos, o.person));
        reg
    }

    fn person_for(&mut self, last: &str, first: Option<&str>, full: &str, at: usize) -> usize {
        let found = self
            .persons
            .iter()
            .position(|p| p.last == last && first.is_none_or(|f| p.first == f));
        match found {
            Some(i) => {
                if full.split_whitespace().count() > self.persons[i].full.split_whitespace().count()
                    && at >= self.persons[i].first_at
                {
                    self.persons[i].full = full.to_string();
                    self.persons[i].first = first_word_lower(full);
                }
                i
            }
            None => {
                self.persons.push(Person {
                    first: first_word_lower(full),
                    full: full.to_string(),
                    last: last.to_string(),
                    gender: None,
                    titles: Vec::new(),
                    first_at: at,
                });
                self.persons.len() - 1
            }
        }
    }

    fn add_run(&mut self, doc: &Doc, quotes: &[MarkedQuote], s0: usize, a: usize, b: usize, subject: bool) {
        // Titles inside the run ("President Vladimir Putin") and just before it ("spokesman Dmitry Peskov").
        let mut name_from = a;
        let mut titles: Vec<&str> = Vec::new();
        for i in a..b {
            let w = doc.low(i);
            if doc.lex.flags(w) & (TITLE | ROLE_NOUN | ORG_HEAD | NOT_NAME) != 0 {
                name_from = i + 1;
                titles.push(w);
            }
        }
        let mut p = a;
        while p > s0 && a - p < 4 {
            let w = doc.low(p - 1);
            if w == "." && p - 1 > s0 && ABBREVIATED_TITLES.contains(&doc.low(p - 2)) {
                titles.push(doc.low(p - 2));
                p -= 2;
            } else if doc.lex.flags(w) & (TITLE | ROLE_NOUN) != 0 {
                titles.push(w);
                p -= 1;
            } else {
                break;
            }
        }
        if name_from >= b {
            return;
        }
        let raw_last = doc.tok(b - 1);
        if is_acronym(raw_last) || (name_from..b).any(|i| doc.lex.flags(doc.low(i)) & ORG_HEAD != 0) {
            return;
        }
        let (start, end) = (doc.tokens[name_from].start, doc.tokens[b - 1].end);
        let place = PLACE_STARTS.contains(&doc.low(name_from)) || doc.inside_place_or_org(start, end);
        // "Institute for Strategic Studies": the tail of an organisation's name.
        let org_tail = name_from == a && a >= s0 + 2 && matches!(doc.low(a - 1), "of" | "for") && doc.cap(a - 2);
        if place || org_tail {
            return;
        }
        let full = &doc.text[doc.tokens[name_from].start..doc.tokens[b - 1].end];
        let last = doc.low(b - 1);
        let pos = doc.tokens[name_from].start;
        let gender = titles.iter().find_map(|t| gender_of_title(t));
        let person = if b - name_from >= 2 {
            let first = doc.low(name_from);
            let g = gender.or_else(|| gender_of_first(doc, first));
            let p = self.person_for(last, Some(first), full, pos);
            if self.persons[p].gender.is_none() {
                self.persons[p].gender = g;
            }
            Some(p)
        } else {
            let p = self.persons.iter().rposition(|p| p.last == last && p.first_at <= pos);
            if let (Some(p), Some(g)) = (p, gender)
                && self.persons[p].gender.is_none()
            {
                self.persons[p].gender = Some(g);
            }
            p
        };
        if let Some(pi) = person {
            for t in titles {
                if !self.persons[pi].titles.iter().any(|have| have == t) {
                    self.persons[pi].titles.push(t.to_string());
                }
            }
            let in_quote = quotes.iter().any(|q| q.content.start <= pos && pos < q.content.end);
            if !in_quote {
                let paragraph = doc.sentences[doc.sentence_of(pos).unwrap_or(0)].paragraph;
                let possessive = b < doc.tokens.len() && doc.low(b) == "'s";
                self.occurrences.push(Occurrence {
                    pos,
                    person: pi,
                    paragraph,
                    possessive,
                    salient: subject,
                });
            }
        }
    }

    /// The person a name refers to: same last name, the latest one introduced before `at` (or any).
    fn by_name(&self, name: &str, at: usize) -> Option<usize> {
        let mut words = name.split_whitespace().filter(|w| !w.ends_with('.') || w.len() > 3);
        let opening = words.next()?;
        let (first, last) = match words.next_back() {
            Some(closing) => (Some(fold_word(opening)), fold_word(closing)),
            None => (None, fold_word(opening)),
        };
        let matches = |p: &Person| p.last == last && first.as_ref().is_none_or(|f| p.first == *f);
        let before = self
            .occurrences
            .iter()
            .rev()
            .find(|o| o.pos <= at && matches(&self.persons[o.person]))
            .map(|o| o.person);
        if let Some(p) = before.or_else(|| self.persons.iter().position(matches)) {
            return Some(p);
        }
        // "Sisi" for "al-Sisi"; a single given name ("Louisa") or a family name written first ("Leung").
        let hyphen = format!("-{last}");
        let loose = |p: &Person| p.last.ends_with(&hyphen) || first.is_none() && p.first == last;
        let before = self
            .occurrences
            .iter()
            .rev()
            .find(|o| o.pos <= at && loose(&self.persons[o.person]))
            .map(|o| o.person);
        before.or_else(|| self.persons.iter().position(loose))
    }

    fn compatible(&self, person: usize, gender: Option<char>) -> bool {
        match (gender, self.persons[person].gender) {
            (Some(g), Some(pg)) => g == pg,
            _ => true,
        }
    }

    /// "he"/"she" at `at`: the latest salient person of that gender within reach, else any such person.
    fn by_pronoun(&self, gender: Option<char>, at: usize, paragraph: usize) -> Option<usize> {
        let mut all: Vec<Occurrence> = self
            .occurrences
            .iter()
            .chain(self.speakers.iter())
            .copied()
            .filter(|o| o.pos < at)
            .collect();
        all.sort_by_key(|o| std::cmp::Reverse((o.pos, o.salient)));
        // The last person named earlier in the same paragraph, outside quotations.
        if let Some(o) = all
            .iter()
            .find(|o| o.paragraph == paragraph && !o.possessive && self.compatible(o.person, gender))
        {
            return Some(o.person);
        }
        let window = at.saturating_sub(2500);
        // A known gender match beats an unknown one among the salient candidates nearby.
        let salient = |known: bool| {
            all.iter()
                .filter(|o| o.salient && o.pos >= window && self.compatible(o.person, gender))
                .find(|o| !known || self.persons[o.person].gender.is_some())
                .map(|o| o.person)
        };
        salient(false).or_else(|| all.iter().find(|o| self.compatible(o.person, gender)).map(|o| o.person))
    }

    /// "the spokesman" at `at`: the latest person given that title.
    fn by_title(&self, title: &str, at: usize) -> Option<usize> {
        // The person with that title mentioned most often before `at`; the latest on a tie.
        let mut best: Option<(usize, usize, usize)> = None; // (count, last position, person)
        for (p, person) in self.persons.iter().enumerate() {
            if !person.titles.iter().any(|t| t == title) {
                continue;
            }
            let occ = self
                .occurrences
                .iter()
                .chain(self.speakers.iter())
                .filter(|o| o.person == p && o.pos < at);
            let (count, last) = occ.fold((0, 0), |(c, l), o| (c + 1, l.max(o.pos)));
            if count > 0 && best.is_none_or(|b| (count, last) > (b.0, b.1)) {
                best = Some((count, last, p));
            }
        }
        best.map(|b| b.2)
    }
}

/// The capitalised words whose initials spell `acronym` ("Korean Central News Agency" for "KCNA"), the first
/// such run in the article; "of", "the", "and", "for" may stand between them.
fn expand_acronym<'a>(doc: &Doc<'a>, acronym: &str) -> Option<&'a str> {
    let letters: Vec<char> = acronym.chars().filter(|c| c.is_ascii_alphabetic()).collect();
    if !is_acronym(acronym) || !(2..=6).contains(&letters.len()) || letters.len() != acronym.len() {
        return None;
    }
    let n = doc.tokens.len();
    for i in 0..n {
        let t = doc.tokens[i];
        if t.kind != TokenKind::Word || !doc.text[t.start..].starts_with(letters[0]) || t.end - t.start < 2 {
            continue;
        }
        let (mut j, mut k) = (i, 0);
        while j < n && k < letters.len() {
            let w = doc.tok(j);
            if doc.cap(j) && w.len() > 1 && w.starts_with(letters[k]) && !is_acronym(w) {
                k += 1;
                j += 1;
            } else if k > 0 && matches!(doc.low(j), "of" | "the" | "and" | "for") {
                j += 1;
            } else {
                break;
            }
        }
        // All letters used, and the run ends there (not "Korean Central News Agency Director").
        if k == letters.len() && !(j < n && doc.cap(j) && doc.tokens[j].kind == TokenKind::Word) {
            return Some(&doc.text[t.start..doc.tokens[j - 1].end]);
        }
    }
    None
}

/// An organisation or country opening one of the two sentences before `at`: (position, phrase).
fn subject_org_before(doc: &Doc, at: usize) -> Option<(usize, String)> {
    let si = doc.sentence_of(at)?;
    (si.saturating_sub(2)..si).rev().find_map(|k| {
        let (s0, s1) = doc.sent_tokens[k];
        let mut i = s0;
        while i < s1 && doc.tokens[i].kind == TokenKind::Punct {
            i += 1;
        }
        let np = np_forward(doc, i, s1)?;
        let org =
            np.kind == NpKind::Org || np.kind == NpKind::Person && doc.inside_place_or_org(np.name.start, np.name.end);
        let followed_by_verb = np.tok.1 < s1 && doc.tokens[np.tok.1].kind == TokenKind::Word;
        (org && followed_by_verb).then(|| (np.span.start, np.span.of(doc.text).to_string()))
    })
}

/// The first word of a name in lower case, apostrophes folded.
fn first_word_lower(full: &str) -> String {
    full.split_whitespace().next().map(fold_word).unwrap_or_default()
}

/// A name word in lower case with curly apostrophes folded (one allocation; a second only for a '’').
fn fold_word(w: &str) -> String {
    let low = w.to_lowercase();
    if low.contains('’') {
        low.replace('’', "'")
    } else {
        low
    }
}

/// Whether `word` in lower case is `lower`, without allocating for an ASCII word (every person mention is
/// compared so).
fn lowers_to(word: &str, lower: &str) -> bool {
    if word.is_ascii() {
        word.len() == lower.len()
            && word
                .bytes()
                .zip(lower.bytes())
                .all(|(a, b)| a.to_ascii_lowercase() == b)
    } else {
        word.to_lowercase() == lower
    }
}

fn gender_of_first(doc: &Doc, first: &str) -> Option<char> {
    let first = first.trim_end_matches('.');
    if doc.lex.female.contains(first) {
        Some('f')
    } else if doc.lex.male.contains(first) {
        Some('m')
    } else {
        gender_of_title(first)
    }
}

/// The mention the actor stage found for a speaker phrase: contained in it or overlapping it, the most
/// specific kind first.
fn mention_for(mentions: &[Mention], span: Span, name: Span) -> Option<&Mention> {
    let rank = |m: &Mention| match m.kind {
        MentionKind::Person | MentionKind::Pronoun => 0,
        MentionKind::Organization | MentionKind::Role => 1,
        MentionKind::Country => 2,
    };
    mentions.iter().filter(|m| m.span().overlaps(span)).min_by_key(|m| {
        (
            !m.span().overlaps(name),
            rank(m),
            std::cmp::Reverse(m.end - m.start),
            m.start,
        )
    })
}

fn fill_actor(speaker: &mut Speaker, m: &Mention) {
    speaker.code = (!m.actor.code.is_empty()).then(|| m.actor.code.clone());
    speaker.country = m.actor.country.clone();
    speaker.org = m.actor.org.clone();
    speaker.role = m.actor.role.clone();
    speaker.entity = Some(m.entity);
}

/// Resolve a speaker phrase at `at` (the cue position) to a speaker.
pub(super) fn resolve(doc: &Doc, reg: &mut Registry, np: &NounPhrase, at: usize) -> Speaker {
    let text = doc.text;
    let mut mention = mention_for(doc.mentions, np.span, np.name);
    let mut speaker = Speaker {
        mention: Some(if np.kind == NpKind::Person { np.name } else { np.span }),
        ..Speaker::default()
    };
    let mut person: Option<usize> = None;
    match np.kind {
        NpKind::Person => {
            person = reg.by_name(np.name.of(text), at);
            if person.is_none()
                && let Some(m) = mention.filter(|m| m.kind == MentionKind::Person)
                && let Some(n) = &m.actor.name
            {
                person = reg.by_name(n, at);
                speaker.name = Some(n.clone());
            }
            if person.is_none() && speaker.name.is_none() {
                speaker.name = Some(np.name.of(text).to_string());
            }
        }
        NpKind::Pronoun => {
            let w = np.span.of(text).to_lowercase();
            let gender = match w.as_str() {
                "he" => Some('m'),
                "she" => Some('f'),
                _ => None,
            };
            // Our own antecedent first (measured better on news than the actor stage's pronoun links); the
            // actor stage's resolution when we find none and its person is of the pronoun's gender.
            let paragraph = doc.sentence_of(at).map_or(usize::MAX, |si| doc.sentences[si].paragraph);
            let own = if gender.is_some() {
                reg.by_pronoun(gender, at, paragraph)
            } else {
                None
            };
            let from_actors = mention.filter(|m| m.kind == MentionKind::Pronoun).and_then(|m| {
                let n = m.actor.name.as_ref()?;
                let p = reg.by_name(n, at);
                match p {
                    Some(p) if !reg.compatible(p, gender) => None,
                    _ => Some((p, n.clone())),
                }
            });
            let agree = matches!((&own, &from_actors), (Some(o), Some((Some(p), _))) if o == p);
            if mention.is_some_and(|m| m.kind == MentionKind::Pronoun)
                && !(agree || own.is_none() && from_actors.is_some())
            {
                // The pronoun's actor fields belong to the actor stage's antecedent: take the person's instead.
                mention = None;
            }
            if let Some(p) = own {
                person = Some(p);
                if let Some(g) = gender
                    && reg.persons[p].gender.is_none()
                {
                    reg.persons[p].gender = Some(g);
                }
            } else if let Some((p, n)) = from_actors {
                person = p;
                if person.is_none() {
                    speaker.name = Some(n);
                }
            } else if w == "they" || w == "it" {
                // The latest organisation that spoke, or one opening a sentence just before ("North Korea has
                // been ... It has denied ...").
                let spoke = reg
                    .groups
                    .iter()
                    .rev()
                    .find(|(pos, _, _)| *pos < at && at - *pos < 3000)
                    .map(|(pos, name, _)| (*pos, name.clone()));
                let subject = subject_org_before(doc, at);
                let best = match (spoke, subject) {
                    (Some(a), Some(b)) => Some(if b.0 > a.0 { b } else { a }),
                    (a, b) => a.or(b),
                };
                if let Some((_, name)) = best {
                    speaker.name = Some(name);
                }
            }
        }
        NpKind::TitleRef => {
            let title = doc.tok(np.tok.1 - 1).to_lowercase();
            person = reg.by_title(&title, at);
            if person.is_none() {
                speaker.name = Some(np.span.of(text).to_string());
            }
        }
        NpKind::Org | NpKind::Group => {
            speaker.name = Some(np.span.of(text).to_string());
            // "KCNA reported": the name the article spells out ("the Korean Central News Agency").
            if np.tok.1 - np.tok.0 == 1
                && let Some(full) = expand_acronym(doc, doc.tok(np.tok.0))
            {
                speaker.name = Some(full.to_string());
            }
            // "the outlet", "the news agency": the last named organisation that spoke.
            let head = doc.low(np.tok.1 - 1);
            if np.span.of(text).to_lowercase().starts_with("the ") && OUTLET_NOUNS.contains(&head) {
                let spoke = reg.groups.iter().rev().find(|(pos, n, org)| {
                    *org && *pos < at && at - *pos < 4000 && n.starts_with(char::is_uppercase) && !n.starts_with("The ")
                });
                // Else the organisation named last before it ("..., according to KTV. The news outlet notes").
                let named = doc.mentions.iter().rev().find(|m| {
                    m.kind == MentionKind::Organization && m.end <= np.span.start && np.span.start - m.end < 400
                });
                let named = named.map(|m| (m.start, m.text.as_str()));
                // An outlet's acronym the actor stage does not know ("KTV-NEWS"), a few sentences back.
                let acronym = (0..np.tok.0)
                    .rev()
                    .take_while(|&k| doc.tokens[k].start + 400 > np.span.start)
                    .find(|&k| {
                        let w = doc.tok(k);
                        let t = doc.tokens[k];
                        t.kind == TokenKind::Word
                            && is_acronym(w)
                            && w.chars().filter(|c| c.is_alphabetic()).count() >= 3
                            && !doc.inside_place_or_org(t.start, t.end)
                    })
                    .map(|k| (doc.tokens[k].start, doc.tok(k)));
                let named = match (named, acronym) {
                    (Some(a), Some(b)) => Some(if b.0 > a.0 { b } else { a }),
                    (a, b) => a.or(b),
                };
                match (spoke, named) {
                    (Some((pos, name, _)), Some((at_named, _))) if *pos > at_named => speaker.name = Some(name.clone()),
                    (_, Some((_, name))) => speaker.name = Some(name.to_string()),
                    (Some((_, name, _)), None) => speaker.name = Some(name.clone()),
                    (None, None) => {}
                }
            }
        }
        NpKind::Relative => {}
    }
    if let Some(p) = person {
        speaker.name = Some(reg.persons[p].full.clone());
        let paragraph = doc
            .sentence_of(np.span.start)
            .map_or(usize::MAX, |si| doc.sentences[si].paragraph);
        reg.speakers.push(Occurrence {
            pos: np.span.start,
            person: p,
            paragraph,
            possessive: false,
            salient: true,
        });
    } else if (matches!(np.kind, NpKind::Org | NpKind::Group)
        || np.kind == NpKind::Person && np.name.len() == np.span.len() && !np.name.of(text).contains(' '))
        && let Some(n) = &speaker.name
    {
        // A one-word name is an organisation only when the actor stage says so ("Reuters", not "O'Neill").
        let org = np.kind == NpKind::Org
            || np.kind == NpKind::Person && mention.is_some_and(|m| m.kind == MentionKind::Organization);
        reg.groups.push((np.span.start, n.clone(), org));
    }
    // Actor fields: the phrase's own mention, else a mention of the resolved person.
    let source = mention.or_else(|| {
        let p = person?;
        let last = &reg.persons[p].last;
        doc.mentions.iter().find(|m| {
            m.kind == MentionKind::Person
                && m.actor
                    .name
                    .as_deref()
                    .is_some_and(|n| n.split_whitespace().last().is_some_and(|l| lowers_to(l, last)))
        })
    });
    if let Some(m) = source {
        fill_actor(&mut speaker, m);
        if let Some(n) = &m.actor.name
            && person.is_none()
        {
            let fuller = speaker.name.as_ref().is_none_or(|s| {
                n.split_whitespace().count() > s.split_whitespace().count()
                    && n.ends_with(s.split_whitespace().last().unwrap_or(""))
            });
            if fuller && m.kind == MentionKind::Person {
                speaker.name = Some(n.clone());
            }
        }
    }
    speaker
}
