//! One sentence as the engine reads it: word tokens with their word classes, the actor mentions laid over them,
//! the trigger-lexicon matches, and the quotation each token belongs to.

use super::grammar::{Class, Classes, Grammar};
use super::lexicon::{FormKind, Lexicon, Payload, Pos};
use crate::text::{Token, TokenKind};
use detente_records::{Actor, Mention, MentionKind, Quote, Resolution, Sentence, Span};

fn is_verb_entry(lexicon: &Lexicon, m: &Match) -> bool {
    matches!(m.payload, Payload::Entry(e, _) if lexicon.entries[e].pos == Pos::Verb)
}

/// A token of the sentence.
#[derive(Debug, Clone, Copy)]
pub struct Tok {
    /// Byte span into the article text.
    pub start: usize,
    pub end: usize,
    /// A word or a number (not punctuation).
    pub word: bool,
    pub cap: bool,
    pub cls: Classes,
    /// The actor mention this token belongs to (index into `Sent::actors`).
    pub actor: Option<usize>,
    /// The quotation whose content holds this token (index into the article's quotes).
    pub quote: Option<usize>,
}

/// An actor mention laid over the tokens `first..=last`.
#[derive(Debug, Clone)]
pub struct ActorSpan<'a> {
    pub first: usize,
    pub last: usize,
    pub mention: &'a Mention,
}

impl ActorSpan<'_> {
    pub fn actor(&self) -> &Actor {
        &self.mention.actor
    }
    pub fn kind(&self) -> MentionKind {
        self.mention.kind
    }
}

/// A lexicon match over the tokens `first..=last`.
#[derive(Debug, Clone, Copy)]
pub struct Match {
    pub first: usize,
    pub last: usize,
    pub payload: Payload,
}

pub struct Sent<'a> {
    pub text: &'a str,
    pub span: Span,
    /// The sentence lower-cased byte for byte (ASCII only, so offsets stay the same) with line breaks as spaces.
    lower: String,
    pub toks: Vec<Tok>,
    pub actors: Vec<ActorSpan<'a>>,
    pub matches: Vec<Match>,
    /// A verb of the lexicon (a trigger or a light verb) begins at this token.
    pub verb_at: Vec<bool>,
    /// A verb match of the lexicon ends at this token.
    ends_verb: Vec<bool>,
    pub quotes: &'a [Quote],
    /// The quotes whose cue ("said", "warned") lies in this sentence, by index into `quotes`.
    pub cue_quotes: Vec<usize>,
    /// The sentence ends with a question mark.
    pub question: bool,
}

impl<'a> Sent<'a> {
    /// A sentence the engine skips: no tokens, so no trigger.
    fn unread(text: &'a str, span: Span, lower: String, quotes: &'a [Quote]) -> Sent<'a> {
        Sent {
            cue_quotes: Vec::new(),
            text,
            span,
            lower,
            toks: Vec::new(),
            actors: Vec::new(),
            matches: Vec::new(),
            verb_at: Vec::new(),
            ends_verb: Vec::new(),
            quotes,
            question: false,
        }
    }

    /// Reads a sentence: tokens, classes, mentions, quotes and lexicon matches.
    #[allow(clippy::too_many_arguments)]
    pub fn read(
        text: &'a str,
        sentence: &Sentence,
        raw: &[Token],
        mentions: &'a [Mention],
        quotes: &'a [Quote],
        (quotes_by_start, cues_by_start): (&[usize], &[(usize, usize)]),
        grammar: &Grammar,
        lexicon: &Lexicon,
        full: bool,
    ) -> Sent<'a> {
        let span = sentence.span();
        // An event needs an actor: a sentence with no mention and no quotation (whose speaker may be named
        // elsewhere) is not read at all, unless the trace wants to show its triggers.
        let from = mentions.partition_point(|m| m.end <= span.start);
        let has_mention = mentions.get(from).is_some_and(|m| m.start < span.end);
        // Quotes do not overlap: only the last one starting before the sentence's end can reach into it.
        let after = quotes_by_start.partition_point(|&q| quotes[q].start < span.end);
        let in_quote = quotes_by_start[..after]
            .iter()
            .rev()
            .take(2)
            .any(|&q| quotes[q].end > span.start);
        if !full && !has_mention && !in_quote {
            return Sent::unread(text, span, String::new(), quotes);
        }
        let lower = fold(span.of(text));
        // Most sentences hold no trigger: find the lexicon's matches (over whole tokens) first, and read the
        // tokens' classes only when there is one, or a word that makes an event without a trigger ("must",
        // "responsible").
        let mut raw_matches: Vec<(usize, usize, usize)> = Vec::new();
        let mut openers = Vec::new();
        lexicon.token_matches_and_openers(&lower, span.start, raw, &mut raw_matches, &mut openers);
        let has_entry = raw_matches
            .iter()
            .any(|&(_, _, p)| lexicon.payloads[p].iter().any(|x| matches!(x, Payload::Entry(..))));
        // An entry may still match across an actor ("dismissed Colombian charges"): a phrase opener with a
        // mention starting within the next three tokens.
        let owner_ahead = || {
            openers.iter().any(|&i| {
                let (after, before) = (raw[i].end, raw.get(i + 4).map_or(span.end, |t| t.start));
                mentions[from..]
                    .iter()
                    .take_while(|m| m.start < before)
                    .any(|m| m.start >= after)
            })
        };
        let worth_reading = full || has_entry || grammar.gated(&lower) || has_mention && owner_ahead();
        if !worth_reading {
            return Sent::unread(text, span, lower, quotes);
        }
        let mut toks: Vec<Tok> = raw
            .iter()
            .map(|t| {
                let word = t.kind != TokenKind::Punct;
                let w = &lower[t.start - span.start..t.end - span.start];
                Tok {
                    start: t.start,
                    end: t.end,
                    word,
                    cap: t.is_capitalized(text),
                    cls: if word { grammar.classes(w) } else { Classes::default() },
                    actor: None,
                    quote: None,
                }
            })
            .collect();
        let actors = overlay_mentions(&mut toks, span, mentions);
        overlay_quotes(&mut toks, span, quotes, quotes_by_start);
        objects_across_owners(
            lexicon,
            (&lower, span.start),
            raw,
            &toks,
            &actors,
            &openers,
            &mut raw_matches,
        );
        let matches = match_lexicon(&toks, &raw_matches, lexicon);
        let question = span
            .of(text)
            .trim_end()
            .trim_end_matches(['"', '”', '’', '\'', ')'])
            .ends_with('?');
        let from = cues_by_start.partition_point(|&(c, _)| c < span.start);
        let cue_quotes = cues_by_start[from..]
            .iter()
            .take_while(|&&(c, _)| c < span.end)
            .map(|&(_, q)| q)
            .collect();
        let mut sent = Sent {
            cue_quotes,
            text,
            span,
            lower,
            toks,
            actors,
            matches: Vec::new(),
            verb_at: Vec::new(),
            ends_verb: Vec::new(),
            quotes,
            question,
        };
        let nouns_at: Vec<usize> = matches
            .iter()
            .filter(|m| matches!(m.payload, Payload::Entry(e, _) if lexicon.entries[e].pos == Pos::Noun))
            .map(|m| m.first)
            .collect();
        // "staged protests against": after a light verb, the noun.
        let light_ends: Vec<usize> = matches
            .iter()
            .filter(|m| matches!(m.payload, Payload::Light(_)))
            .map(|m| m.last)
            .collect();
        sent.matches = matches
            .into_iter()
            .filter(|m| {
                !(nouns_at.contains(&m.first)
                    && (sent.verb_in_noun_position(lexicon, m)
                        || m.first > 0 && light_ends.contains(&(m.first - 1)) && is_verb_entry(lexicon, m)))
            })
            .collect();
        sent.mark_verbs(lexicon);
        sent
    }

    /// Marks the tokens where a verb match starts and ends.
    fn mark_verbs(&mut self, lexicon: &Lexicon) {
        let mut verb_at = vec![false; self.toks.len()];
        let mut ends_verb = vec![false; self.toks.len()];
        for m in &self.matches {
            let verb = match m.payload {
                Payload::Entry(e, _) => lexicon.entries[e].pos == Pos::Verb,
                Payload::Light(_) => true,
                Payload::Discard => false,
            };
            verb_at[m.first] |= verb;
            ends_verb[m.last] |= verb;
        }
        self.verb_at = verb_at;
        self.ends_verb = ends_verb;
    }

    /// "after talks with Peru", "a meeting with Oman", "its visits to Cairo", "a rally against": a verb entry in a
    /// form nouns share (base, -s, -ing) right after a determiner or a possessive (-s, -ing: also a number), or in -s
    /// right after a preposition, is the noun.
    /// (Dropped only where a noun entry starts at the same word, which the longer verb entry would cover.)
    fn verb_in_noun_position(&self, lexicon: &Lexicon, m: &Match) -> bool {
        let Payload::Entry(e, form) = m.payload else {
            return false;
        };
        if lexicon.entries[e].pos != Pos::Verb {
            return false;
        }
        // "a Chilean offer to host talks": an actor between a determiner and the word modifies the noun.
        if let Some(a) = m.first.checked_sub(1).and_then(|p| self.toks[p].actor) {
            let before = self.actors[a].first.checked_sub(1);
            return before.is_some_and(|b| {
                self.is_any(b, &[Class::Determiner, Class::Possessive]) && !self.is(b, Class::Relative)
            });
        }
        if !matches!(form, FormKind::Third | FormKind::Ing | FormKind::Base) {
            return false;
        }
        // "Protests against X spread": no verb in -s opens a sentence or a quotation.
        let Some(prev) = m.first.checked_sub(1) else {
            return form == FormKind::Third;
        };
        // "held a rally against X", "the protest over Y": a base form after a determiner is the singular noun.
        if form == FormKind::Base {
            return self.is_any(prev, &[Class::Determiner, Class::Possessive]) && !self.is(prev, Class::Relative);
        }
        if form == FormKind::Third && self.is_punct(prev, &["“", "\"", "(", "—", ":"]) {
            return true;
        }
        if self.is(prev, Class::Relative) {
            // "the ministry that meets with": a relative pronoun, not a determiner.
            return false;
        }
        self.is_word(prev, &["'s", "’s"])
            || self.is_any(prev, &[Class::Determiner, Class::Possessive, Class::Number])
            || form == FormKind::Third && self.is(prev, Class::Preposition) && self.w(prev) != "to"
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// The lower-cased text of token `i` ("" past the end).
    #[inline]
    pub fn w(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) => &self.lower[t.start - self.span.start..t.end - self.span.start],
            None => "",
        }
    }

    /// The article text from token `a` to token `b` (inclusive).
    pub fn between(&self, a: usize, b: usize) -> &'a str {
        &self.text[self.toks[a].start..self.toks[b].end]
    }

    #[inline]
    pub fn is(&self, i: usize, class: Class) -> bool {
        self.toks.get(i).is_some_and(|t| t.cls.has(class))
    }

    #[inline]
    pub fn is_any(&self, i: usize, classes: &[Class]) -> bool {
        self.toks.get(i).is_some_and(|t| t.cls.any(classes))
    }

    #[inline]
    pub fn is_word(&self, i: usize, words: &[&str]) -> bool {
        words.contains(&self.w(i))
    }

    /// Token `i` is punctuation equal to one of `marks`.
    pub fn is_punct(&self, i: usize, marks: &[&str]) -> bool {
        self.toks.get(i).is_some_and(|t| !t.word) && marks.contains(&self.w(i))
    }

    /// The actor span that token `i` belongs to.
    pub fn actor_at(&self, i: usize) -> Option<&ActorSpan<'a>> {
        self.toks.get(i).and_then(|t| t.actor).map(|a| &self.actors[a])
    }

    /// Token `i` can only be part of a verb group: an auxiliary, a modal, a reporting verb, or a lexicon verb in a
    /// tensed form.
    pub fn is_verbish(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| {
            t.actor.is_none()
                && (t.cls.any(&[
                    Class::Be,
                    Class::Have,
                    Class::Future,
                    Class::Irrealis,
                    Class::NegatedModal,
                    Class::NegatedAux,
                    Class::Reporting,
                ]) || self.verb_at[i])
        })
    }

    /// Token `i` is the last word of a lexicon verb match ("in" of "arrive in").
    pub fn verb_at_or_inside_trigger(&self, i: usize) -> bool {
        self.ends_verb.get(i).copied().unwrap_or(false)
    }

    /// Token `i` is inside a direct quotation.
    pub fn in_quote(&self, i: usize) -> Option<&'a Quote> {
        self.toks.get(i).and_then(|t| t.quote).map(|q| &self.quotes[q])
    }

    /// A word ending in -ly that is an adverb (not "rally", "Italy", "ally", "supply").
    pub fn is_adverb(&self, i: usize) -> bool {
        if self.is(i, Class::Adverb) {
            return true;
        }
        let w = self.w(i);
        w.len() > 4
            && w.ends_with("ly")
            && !self.toks[i].cap
            && !matches!(
                w,
                "rally"
                    | "ally"
                    | "supply"
                    | "apply"
                    | "reply"
                    | "italy"
                    | "family"
                    | "assembly"
                    | "july"
                    | "fly"
                    | "anomaly"
                    | "monopoly"
                    | "belly"
                    | "bully"
                    | "tally"
            )
    }
}

/// ASCII lower case and line breaks as spaces, byte for byte.
fn fold(s: &str) -> String {
    let mut v = s.as_bytes().to_vec();
    for b in v.iter_mut() {
        if b.is_ascii_uppercase() {
            *b = b.to_ascii_lowercase();
        } else if matches!(*b, b'\n' | b'\r' | b'\t') {
            *b = b' ';
        }
    }
    String::from_utf8(v).expect("ASCII changes keep UTF-8 valid")
}

/// A news outlet named by its name ("Reuters", "Fox News") or referred back to ("the agency"): in news text it is
/// the channel of what is said ("told Reuters", "in an interview with Fox News"), not a side of an event. The
/// actor stage keeps it for speakers; outlets described by a role phrase ("a German government-run newspaper")
/// stay actors.
fn named_outlet(m: &Mention) -> bool {
    m.actor.role.as_deref() == Some("MED")
        && m.kind == MentionKind::Organization
        && matches!(m.via, Resolution::Dictionary | Resolution::Coreference)
}

/// Marks the tokens of every mention inside the sentence; mentions are sorted by start.
fn overlay_mentions<'a>(toks: &mut [Tok], span: Span, mentions: &'a [Mention]) -> Vec<ActorSpan<'a>> {
    let mut out = Vec::new();
    let from = mentions.partition_point(|m| m.end <= span.start);
    for m in mentions[from..].iter().take_while(|m| m.start < span.end) {
        if m.actor.code.is_empty() || named_outlet(m) {
            continue;
        }
        // Tokens are sorted and do not overlap: the mention covers `first..last`.
        let first = toks.partition_point(|t| t.end <= m.start);
        let last = toks.partition_point(|t| t.start < m.end);
        if first >= last {
            continue;
        }
        let last = last - 1;
        if toks[first..=last].iter().any(|t| t.actor.is_some()) {
            continue;
        }
        let idx = out.len();
        for t in &mut toks[first..=last] {
            t.actor = Some(idx);
        }
        out.push(ActorSpan {
            first,
            last,
            mention: m,
        });
    }
    out
}

/// Marks the tokens inside each quotation's content. `by_start` lists the quotes' indices sorted by start; quotes do
/// not overlap, so the ones that reach into the sentence are found by binary search.
fn overlay_quotes(toks: &mut [Tok], span: Span, quotes: &[Quote], by_start: &[usize]) {
    let after = by_start.partition_point(|&q| quotes[q].start < span.end);
    for &qi in by_start[..after].iter().rev() {
        let q = &quotes[qi];
        if q.end <= span.start {
            break;
        }
        let first = toks.partition_point(|t| t.start < q.start);
        let last = toks.partition_point(|t| t.end <= q.end);
        for t in toks[first..last.max(first)].iter_mut() {
            t.quote = Some(qi);
        }
    }
}

/// "dismissed Ukrainian claims", "rejected Peru's accusations": an entry with a fixed object ("dismiss claims")
/// matches across the object's owner, an actor named between verb and object (after a few modifiers, and with
/// its "'s"). The reading takes that owner as the target.
fn objects_across_owners(
    lexicon: &Lexicon,
    (lower, offset): (&str, usize),
    raw: &[Token],
    toks: &[Tok],
    actors: &[ActorSpan<'_>],
    openers: &[usize],
    out: &mut Vec<(usize, usize, usize)>,
) {
    if actors.is_empty() {
        return;
    }
    let word = |k: usize| &lower[raw[k].start - offset..raw[k].end - offset];
    for &i in openers {
        if !toks[i].word || toks[i].actor.is_some() {
            continue;
        }
        let mut k = i + 1;
        while k < i + 3
            && k < raw.len()
            && toks[k].word
            && toks[k].actor.is_none()
            && lexicon.is_object_modifier(word(k))
        {
            k += 1;
        }
        // (A possessive pronoun, "its troops", is a modifier of the object, not its owner.)
        let Some(a) = toks
            .get(k)
            .and_then(|t| t.actor)
            .filter(|&a| actors[a].mention.kind != MentionKind::Pronoun)
        else {
            continue;
        };
        let mut rest = actors[a].last + 1;
        if rest < raw.len() && matches!(word(rest), "'s" | "’s" | "'" | "’") {
            rest += 1;
        }
        // A particle or preposition after the actor makes it the verb's object ("found the minister guilty",
        // "warned Peru of"): the phrasal entry matches on the verb alone (`Lexicon::token_matches`).
        if rest >= raw.len() || lexicon.is_particle(word(rest)) || toks[rest].cls.has(Class::Preposition) {
            continue;
        }
        lexicon.go_on(lower, offset, word(i).to_string(), raw[i].start, &raw[rest..], out);
    }
}

/// Lexicon matches (article byte range, pattern) that begin and end on token boundaries.
fn match_lexicon(toks: &[Tok], raw: &[(usize, usize, usize)], lexicon: &Lexicon) -> Vec<Match> {
    let mut out = Vec::new();
    if toks.is_empty() {
        return out;
    }
    let tok_at_start = |b: usize| toks.binary_search_by_key(&b, |t| t.start).ok();
    let tok_at_end = |b: usize| toks.binary_search_by_key(&b, |t| t.end).ok();
    for &(start, end, pattern) in raw {
        let (Some(first), Some(last)) = (tok_at_start(start), tok_at_end(end)) else {
            continue;
        };
        // An object held across modifiers or its owner ("banned a march", "dismissed Peruvian claims") is no
        // name: "demand the Justice Department" is not "demand justice".
        let held_across = last - first + 1 > lexicon.patterns[pattern].split(' ').count();
        if held_across
            && (toks[last].actor.is_some() || toks[first + 1..=last].iter().any(|t| t.cap && t.actor.is_none()))
        {
            continue;
        }
        for &payload in &lexicon.payloads[pattern] {
            out.push(Match { first, last, payload });
        }
    }
    out.sort_by_key(|m| (m.first, std::cmp::Reverse(m.last)));
    out
}
