//! Speaker phrases and their resolution to the fullest name in the article.

use super::Doc;
use super::lexicon::{NOT_NAME, ROLE_NOUN, TITLE};
use crate::text::TokenKind;
use detente_records::{Entity, EntityKind, Span, Speaker};

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
    /// Several speakers together ("Kenya and Tanzania", "Senators Lowe and Birch").
    Joint,
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
pub(super) const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "our", "this", "these", "those", "another", "one",
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
    pub(super) fn cap(&self, i: usize) -> bool {
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
                || matches!(w, "mr." | "mrs." | "ms." | "dr." | "mr" | "mrs" | "ms" | "dr")
                || self.person_named_at(i);
        }
        flags & ROLE_NOUN != 0 || flags & TITLE != 0 && !matches!(w, "first" | "former" | "under")
    }

    /// The actor stage read the word as a person's name ("May said" for a Theresa May named before), though
    /// it is also a month or a day.
    pub(super) fn person_named_at(&self, i: usize) -> bool {
        let span = self.tokens[i].span();
        self.entity_index
            .overlapping(span)
            .any(|(m, e)| m == span && self.entities[e].kind == EntityKind::Person)
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
    let mut np = classify(doc, i, end)?;
    // "Foreign ministers of Kenya, Uganda and Rwanda": the list after "of" belongs to the phrase.
    if let Some((of, list_end)) = of_list_end(doc, i, end, s1)
        && (np.kind != NpKind::Person || np.name.start > doc.tokens[of].start)
    {
        np.tok.1 = list_end;
        np.span.end = doc.tokens[list_end - 1].end;
        if np.kind == NpKind::Person {
            // The names were those of the list: the phrase is a group of their representatives.
            np.kind = NpKind::Group;
            np.name = np.span;
        }
    }
    Some(np)
}

/// The end of a list of names that goes on after a phrase ending in "of Name" (tokens [i, end)): ", Name"
/// repeated, then "and Name" (one to three capitalised words each, "the" allowed); with the "of". None
/// without the "and".
fn of_list_end(doc: &Doc, i: usize, end: usize, s1: usize) -> Option<(usize, usize)> {
    let of = (i + 1..end).rev().find(|&k| doc.low(k) == "of")?;
    if !(of + 1..end).all(|k| doc.cap(k) || doc.low(k) == "the") || end >= s1 {
        return None;
    }
    let name_end = |mut k: usize| {
        if k < s1 && doc.low(k) == "the" {
            k += 1;
        }
        let start = k;
        while k < s1 && k < start + 3 && doc.tokens[k].kind == TokenKind::Word && doc.cap(k) {
            k += 1;
        }
        (k > start).then_some(k)
    };
    let mut k = end;
    for _ in 0..12 {
        let comma = doc.is_punct(k, ",");
        let at = if comma { k + 1 } else { k };
        if at < s1 && doc.low(at) == "and" {
            return name_end(at + 1).map(|e| (of, e));
        }
        if !comma {
            return None;
        }
        k = name_end(at)?;
    }
    None
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

/// The phrase with the determiner or quantifier before it ("one student", "some residents"): where it
/// starts, for what comes before it.
pub(super) fn with_determiner(doc: &Doc, s0: usize, mut np: NounPhrase) -> NounPhrase {
    while np.tok.0 > s0 && {
        let w = doc.low(np.tok.0 - 1);
        DETERMINERS.contains(&w) || QUANTIFIERS.contains(&w)
    } {
        np.tok.0 -= 1;
        np.span.start = doc.tokens[np.tok.0].start;
        if np.kind != NpKind::Person {
            np.name = np.span;
        }
    }
    np
}

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

/// Prepositions that attach a phrase to the noun before it.
const ATTACHING: &[&str] = &[
    "in", "of", "with", "to", "on", "from", "at", "near", "for", "about", "inside", "outside",
];

/// The subject whose modifier ends with `np`: "staff travelling with the foreign minister", "officials in
/// Quito", "the aide who talked to reporters", "volunteers in the port of Aden in southern Yemen". Returns
/// the phrase from that subject to the end of `np`, of the subject's kind; None when `np` is not the
/// object of such a modifier.
/// The phrase before "who" when a short relative clause runs from it to token `end` with no punctuation: "a
/// teacher who lives nearby [said]". A phrase without a name keeps its clause ("a teacher who lives nearby"), as
/// that is how the article names the speaker.
pub(super) fn before_relative_clause(doc: &Doc, s0: usize, end: usize) -> Option<NounPhrase> {
    let who = (s0 + 1..end)
        .rev()
        .take(8)
        .take_while(|&k| doc.tokens[k].kind == TokenKind::Word)
        .find(|&k| doc.low(k) == "who")?;
    let mut np = np_back(doc, s0, who - 1).or_else(|| np_back_loose(doc, s0, who - 1))?;
    if !matches!(np.kind, NpKind::Person | NpKind::Org | NpKind::Group | NpKind::TitleRef) {
        return None;
    }
    if np.kind != NpKind::Person {
        np.span.end = doc.tokens[end - 1].end;
        np.tok.1 = end;
        np.name = np.span;
    }
    Some(np)
}

pub(super) fn modified_subject(doc: &Doc, s0: usize, np: &NounPhrase) -> Option<NounPhrase> {
    let mut first = np.tok.0;
    let mut head: Option<NounPhrase> = None;
    for _ in 0..4 {
        let mut k = first;
        // Lower-case modifiers of the object ("northern", "the latest").
        let mut skipped = 0;
        while k > s0
            && skipped < 2
            && doc.tokens[k - 1].kind == TokenKind::Word
            && !doc.cap(k - 1)
            && !ATTACHING.contains(&doc.low(k - 1))
            && !LOOSE_STOP.contains(&doc.low(k - 1))
            && !DETERMINERS.contains(&doc.low(k - 1))
        {
            k -= 1;
            skipped += 1;
        }
        if k == s0 || !ATTACHING.contains(&doc.low(k - 1)) {
            break;
        }
        let mut q = k - 1;
        // "traveling with", "briefed on": a participle; "who spoke to": a relative clause.
        let participle = |w: &str| w.len() > 4 && (w.ends_with("ing") || w.ends_with("ed"));
        if q > s0 && !doc.cap(q - 1) && participle(doc.low(q - 1)) {
            q -= 1;
        } else if q > s0 + 1 && matches!(doc.low(q - 2), "who" | "that") && doc.tokens[q - 1].kind == TokenKind::Word {
            q -= 2;
        }
        if q == s0 || doc.tokens[q - 1].kind != TokenKind::Word {
            break;
        }
        let Some(left) = np_back(doc, s0, q - 1).or_else(|| np_back_loose(doc, s0, q - 1)) else {
            break;
        };
        if matches!(left.kind, NpKind::Pronoun | NpKind::Relative) {
            break;
        }
        first = left.tok.0;
        head = Some(left);
    }
    let head = head?;
    // The subject opens its clause, perhaps after a determiner and modifiers ("An aviation official").
    let mut from = head.tok.0;
    for _ in 0..3 {
        if from == s0 || doc.tokens[from - 1].kind != TokenKind::Word {
            break;
        }
        let w = doc.low(from - 1);
        if DETERMINERS.contains(&w) || QUANTIFIERS.contains(&w) {
            from -= 1;
            break;
        }
        if doc.cap(from - 1) || ATTACHING.contains(&w) || LOOSE_STOP.contains(&w) {
            break;
        }
        from -= 1;
    }
    let opens = from == s0
        || doc.tokens[from - 1].kind == TokenKind::Punct
        || matches!(doc.low(from - 1), "and" | "but" | "meanwhile" | "while" | "as" | "when");
    if !opens {
        return None;
    }
    let span = Span::new(doc.tokens[from].start, np.span.end);
    Some(NounPhrase {
        span,
        tok: (from, np.tok.1),
        kind: head.kind,
        name: if head.kind == NpKind::Person { head.name } else { span },
    })
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

/// "…," said 70-year-old retiree Ana Ruiz / says store clerk Ana Ruiz: lower-case words that describe a person (an
/// age, an occupation) before the name. The phrase is the speaker; the name inside it is the person.
pub(super) fn np_forward_described(doc: &Doc, i: usize, s1: usize) -> Option<NounPhrase> {
    let mut k = i;
    let mut words = 0;
    while k < s1 && k < i + 8 && !doc.cap(k) {
        let t = doc.tokens[k];
        let described = match t.kind {
            TokenKind::Number => true,
            TokenKind::Word => {
                let w = doc.low(k);
                words += 1;
                !LOOSE_STOP.contains(&w) && !DETERMINERS.contains(&w) && !QUANTIFIERS.contains(&w)
            }
            // "70-year-old", "9/11 widow": a hyphen or slash inside a describing word.
            _ => matches!(doc.tok(k), "-" | "/") && k > i,
        };
        if !described {
            return None;
        }
        k += 1;
    }
    if words == 0 || k == i || k >= s1 {
        return None;
    }
    let name = np_forward(doc, k, s1).filter(|np| np.kind == NpKind::Person)?;
    Some(NounPhrase {
        span: Span::new(doc.tokens[i].start, name.span.end),
        tok: (i, name.tok.1),
        ..name
    })
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

/// Every entity mention of the article (from the actor stage), sorted by start: a speaker phrase finds
/// the entity it names by a binary search, not a scan.
#[derive(Debug, Default)]
pub struct EntityIndex {
    /// (start, end, index into the entities).
    spans: Vec<(usize, usize, usize)>,
    /// The longest span, bounding the backward look from a position.
    longest: usize,
}

impl EntityIndex {
    pub fn new(entities: &[Entity]) -> EntityIndex {
        let mut spans: Vec<(usize, usize, usize)> = entities
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.mentions.iter().map(move |m| (m.start, m.end, i)))
            .collect();
        spans.sort_unstable();
        let longest = spans.iter().map(|&(s, e, _)| e - s).max().unwrap_or(0);
        EntityIndex { spans, longest }
    }

    /// Entity mentions overlapping `span`.
    pub(super) fn overlapping(&self, span: Span) -> impl Iterator<Item = (Span, usize)> + '_ {
        let upto = self.spans.partition_point(|&(s, _, _)| s < span.end);
        self.spans[..upto]
            .iter()
            .rev()
            .take_while(move |&&(s, _, _)| s + self.longest > span.start)
            .filter(move |&&(_, e, _)| e > span.start)
            .map(|&(s, e, i)| (Span::new(s, e), i))
    }
}

/// The entity a speaker phrase names: for a person, the entity mentioned at the name; for a pronoun, the
/// one the pronoun refers to; for other phrases, the entity mentioned at the phrase's head (not one named
/// inside a prepositional phrase after it: "medics in the town of Gao in eastern Mali" is no
/// mention of Mali).
/// Returns the entity and whether its mention covers the phrase's head word (else it only qualifies the
/// phrase: "the administration's statements", "some Korea watchers").
fn entity_for<'e>(doc: &Doc<'e>, np: &NounPhrase) -> Option<(&'e Entity, bool)> {
    let rank = |e: &Entity| match e.kind {
        EntityKind::Person => 0,
        EntityKind::Organization | EntityKind::Group => 1,
        EntityKind::Country => 2,
    };
    let (within, head) = match np.kind {
        NpKind::Person | NpKind::Pronoun => (np.name, np.name.end),
        NpKind::Relative | NpKind::Joint => return None,
        _ => {
            let end = head_end(doc, np);
            (Span::new(np.span.start, end), end)
        }
    };
    let best = |within: Span| {
        doc.entity_index
            .overlapping(within)
            .map(|(span, i)| (span, &doc.entities[i], span.end >= head))
            .min_by_key(|(span, e, covers)| (!covers, rank(e), std::cmp::Reverse(span.len()), span.start))
            .map(|(_, e, covers)| (e, covers))
    };
    best(within).or_else(|| {
        // "a statement from the Chilean foreign ministry", "a report by the audit office": a document speaks
        // for whoever issued it.
        let k = doc.tokens.partition_point(|t| t.start < head);
        if k >= np.tok.1 {
            return None;
        }
        let issued = matches!(doc.low(k), "by" | "from");
        let rest = Span::new(head, np.span.end);
        issued.then(|| best(rest).map(|(e, _)| (e, false))).flatten()
    })
}

/// End of the head of a phrase: before the first preposition after its first word ("officials in
/// Seoul" → "officials"), the whole phrase without one.
fn head_end(doc: &Doc, np: &NounPhrase) -> usize {
    (np.tok.0 + 1..np.tok.1)
        .find(|&k| {
            let w = doc.low(k);
            matches!(w, "of" | "by" | "who" | "that" | "which")
                || ATTACHING.contains(&w)
                || !doc.cap(k) && w.len() > 4 && (w.ends_with("ing") || w.ends_with("ed"))
        })
        .map_or(np.span.end, |k| doc.tokens[k - 1].end)
}

/// The speaker a phrase names: the entity's fullest name and actor; without an entity, the phrase as
/// written (a person's name, a group) and no actor; None for a phrase that names nothing that can speak.
pub(super) fn resolve(doc: &Doc, np: &NounPhrase) -> Option<Speaker> {
    if np.kind == NpKind::Joint {
        return Some(joint_speaker(doc, np));
    }
    let mut speaker = Speaker {
        mention: Some(if np.kind == NpKind::Person { np.name } else { np.span }),
        ..Speaker::default()
    };
    match entity_for(doc, np) {
        Some((e, covers)) => {
            // The entity's fullest name, unless the phrase only mentions it ("the administration's public
            // statements") or names it more fully ("the Ministry of Public Health" for "Ministry").
            let phrase = np.span.of(doc.text);
            let words = |s: &str| s.split_whitespace().filter(|w| !w.eq_ignore_ascii_case("the")).count();
            let fuller_phrase = e.kind != EntityKind::Person
                && !matches!(np.kind, NpKind::Person | NpKind::Pronoun)
                && words(phrase) > words(&e.name)
                && phrase.to_lowercase().contains(&e.name.to_lowercase());
            // A group or person the article never names ("a security official", "lawmakers") is called as
            // the phrase calls it; a pronoun takes the description it refers to.
            let unnamed = !e.name.chars().any(char::is_uppercase) && np.kind != NpKind::Pronoun;
            speaker.name = Some(if covers && !fuller_phrase && !unnamed {
                e.name.clone()
            } else {
                phrase.to_string()
            });
            if let Some(a) = &e.actor {
                speaker.code = (!a.code.is_empty()).then(|| a.code.clone());
                speaker.country = a.country.clone();
                speaker.org = a.org.clone();
                speaker.role = a.role.clone();
            }
            speaker.entity = covers.then_some(e.id);
        }
        None if !can_speak(doc, np) => return None,
        None if named_group(doc, np).is_some() => {
            let e = named_group(doc, np)?;
            speaker.name = Some(e.name.clone());
            if let Some(a) = &e.actor {
                speaker.code = (!a.code.is_empty()).then(|| a.code.clone());
                speaker.country = a.country.clone();
                speaker.org = a.org.clone();
                speaker.role = a.role.clone();
            }
            speaker.entity = Some(e.id);
        }
        None => {
            speaker.name = match np.kind {
                NpKind::Person => Some(np.name.of(doc.text).to_string()),
                NpKind::Org | NpKind::Group | NpKind::TitleRef => Some(np.span.of(doc.text).to_string()),
                NpKind::Pronoun | NpKind::Relative | NpKind::Joint => None,
            };
        }
    }
    Some(speaker)
}

/// How far back (bytes) "the group" looks for the organisation it stands for.
const GROUP_LOOKBACK: usize = 2_000;

/// The organisation "the group" or "the organisation" stands for: the one named most recently before the
/// phrase, within a few paragraphs. Bodies of a state (a ministry, the army, the police, a court,
/// parliament), the media and intergovernmental bodies (the EU, the UN) are called by their own nouns,
/// never "the group".
fn named_group<'e>(doc: &Doc<'e>, np: &NounPhrase) -> Option<&'e Entity> {
    let (a, b) = np.tok;
    let head = (a..b)
        .filter(|&k| doc.low(k) != "the")
        .map(|k| doc.low(k))
        .collect::<Vec<_>>()
        .join(" ");
    if !matches!(np.kind, NpKind::Group | NpKind::TitleRef | NpKind::Org)
        || doc.low(a) != "the"
        || !doc.lex.group_nouns.contains(head.as_str())
    {
        return None;
    }
    let before = np.span.start;
    doc.entities
        .iter()
        .filter(|e| e.kind == EntityKind::Organization && e.name.starts_with(char::is_uppercase))
        .filter(|e| {
            e.actor.as_ref().is_none_or(|a| {
                !matches!(
                    a.role.as_deref(),
                    Some("GOV" | "MIL" | "COP" | "LEG" | "JUD" | "MED" | "SPY")
                ) && !a.code.starts_with("IGO")
            })
        })
        .filter_map(|e| {
            let last = e.mentions.iter().filter(|m| m.end <= before).map(|m| m.end).max()?;
            (before - last <= GROUP_LOOKBACK).then_some((last, e))
        })
        .max_by_key(|&(last, _)| last)
        .map(|(_, e)| e)
}

/// Speakers named together before their cue: "Kenya and Tanzania said", "Senators Ann Lowe and Tom Birch
/// said", "Ghana, Togo and Benin said". `np` is the phrase right before the cue, which may already hold
/// "X and Y"; the list runs left over commas. None when the phrase names one speaker.
pub(super) fn joint(doc: &Doc, s0: usize, np: &NounPhrase) -> Option<NounPhrase> {
    const PREPOSITIONS: &[&str] = &["of", "for", "in", "from", "at", "with", "on", "to", "by"];
    let (a, b) = np.tok;
    let and = (a + 1..b.saturating_sub(1)).find(|&k| doc.low(k) == "and")?;
    // "the envoys of Peru and Chile": a list inside a phrase's "of" belongs to that phrase.
    if (a..and).any(|k| PREPOSITIONS.contains(&doc.low(k))) {
        return None;
    }
    let mut first = a;
    while first >= s0 + 2 && doc.is_punct(first - 1, ",") {
        let Some(prev) = np_back(doc, s0, first - 2) else { break };
        let governed = prev.tok.0 > s0 && PREPOSITIONS.contains(&doc.low(prev.tok.0 - 1));
        if !matches!(prev.kind, NpKind::Person | NpKind::Org | NpKind::Group) || governed {
            break;
        }
        first = prev.tok.0;
    }
    let span = Span::new(doc.tokens[first].start, np.span.end);
    Some(NounPhrase {
        span,
        tok: (first, b),
        kind: NpKind::Joint,
        name: span,
    })
}

/// A joint speaker: the phrase as written, and the country all its members act for, if they share one.
fn joint_speaker(doc: &Doc, np: &NounPhrase) -> Speaker {
    let mut countries = doc
        .entity_index
        .overlapping(np.span)
        .filter_map(|(_, i)| doc.entities[i].actor.as_ref()?.country.clone());
    let first = countries.next();
    let shared = first.filter(|c| countries.all(|other| &other == c));
    Speaker {
        name: Some(np.span.of(doc.text).to_string()),
        mention: Some(np.span),
        code: shared.clone(),
        country: shared,
        ..Speaker::default()
    }
}

/// Whether a phrase that names no entity of the actor stage can still be a speaker: a group or a
/// document, or a name that is no time ("Thursday"), no word in capitals ("EXCLUSIVE", "UPDATE") and not
/// the tail of a longer name ("… of Professional Responsibility").
pub(super) fn can_speak(doc: &Doc, np: &NounPhrase) -> bool {
    let (a, b) = np.tok;
    match np.kind {
        NpKind::Pronoun => true,
        NpKind::Relative => false,
        NpKind::Person | NpKind::Org | NpKind::Joint => {
            let words: Vec<usize> = (a..b).filter(|&k| doc.tokens[k].kind == TokenKind::Word).collect();
            // A transcript's speaker labels a turn with a colon ("KOWALSKI: No."); a story label does not speak.
            let label = words.len() == 1
                && b < doc.tokens.len()
                && doc.is_punct(b, ":")
                && !doc.lex.labels.contains(doc.low(words[0]));
            let shouted = words.len() == 1 && is_shouted(doc.tok(words[0])) && doc.tok(words[0]).len() > 4 && !label;
            let timed = words
                .iter()
                .any(|&k| doc.lex.flags(doc.low(k)) & NOT_NAME != 0 && doc.cap(k))
                && words.len() == 1;
            let tail = a > 0 && matches!(doc.low(a - 1), "of" | "for" | "the");
            // "the Florida Republican": a description ending in a role noun, not the tail of a name.
            let described = b > a && doc.lex.flags(doc.low(b - 1)) & ROLE_NOUN != 0;
            !(shouted || timed || tail && np.kind == NpKind::Person && !described)
        }
        // Groups and documents speak ("the proposals", "naysayers", "the family"); a word of the `skip` list
        // (an adverb or auxiliary) taken for a phrase does not ("But then as the crowd laughs, he says").
        NpKind::Group | NpKind::TitleRef => !(b == a + 1 && doc.lex.skip.contains(doc.low(a))),
    }
}
