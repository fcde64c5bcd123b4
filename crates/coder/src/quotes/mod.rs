//! Quote extraction and speaker attribution. (Stage owner: quotes.)
//!
//! 1. Direct quotations come from pairing quotation marks ([`marks`]).
//! 2. Cues (speech and cognition verbs in all inflections, "according to") are found with one automaton over
//!    the text; each cue outside a quotation is read in its sentence's tokens: the speaker phrase before it
//!    (across auxiliaries and appositions) or after it ("said Peskov"), and an indirect content clause.
//! 3. A direct quotation takes the attribution right after or right before it; one without an attribution
//!    continues the previous quotation of its paragraph, or of the paragraph before.
//! 4. Speakers resolve to the fullest name in the article: surnames, titles ("the spokesman") and pronouns
//!    ("she": the last person of that gender who spoke or was named) — preferring the actor stage's mention.

mod affiliation;
pub mod lexicon;
mod marks;
mod speakers;

use crate::actors::ArticleActors;
use crate::text::{ArticleTokens, Token, TokenKind};
use crate::{DictionaryError, DictionarySource};
use detente_records::{Entity, EntityKind, Mention, MentionKind, Quote, QuoteKind, Sentence, Span, Speaker};
use lexicon::{CueClass, CueForm, Lexicon, SpeechVerbs, lower};
use marks::{MarkedQuote, find_marked_quotes, paragraphs};
use speakers::{EntityIndex, NounPhrase, NpKind};

/// Compiled cue lexicon.
pub struct QuoteExtractor {
    lex: Lexicon,
}

impl QuoteExtractor {
    /// The built-in cue lexicon extended by the user's `*.cues.toml` files among `user`.
    pub fn load(user: &[DictionarySource]) -> Result<QuoteExtractor, DictionaryError> {
        Ok(QuoteExtractor {
            lex: Lexicon::load(user)?,
        })
    }

    /// Every direct, indirect and mixed quote in the article's non-boilerplate text, in text order, with
    /// speakers named as the actor stage's entities name them.
    pub fn extract_with(&self, text: &str, sentences: &[Sentence], actors: &ArticleActors) -> Vec<Quote> {
        let tokens = ArticleTokens::of(text, sentences);
        self.extract_tokenized(text, sentences, &tokens, actors)
    }

    /// [`QuoteExtractor::extract_with`] on the article's tokens, computed once for all stages.
    pub fn extract_tokenized(
        &self,
        text: &str,
        sentences: &[Sentence],
        tokens: &ArticleTokens,
        actors: &ArticleActors,
    ) -> Vec<Quote> {
        Doc::new(&self.lex, text, sentences, tokens, &actors.entities).run()
    }

    /// The same from mentions alone (each mention's chain an entity named by its actor's name or text),
    /// for callers that kept only the mentions.
    pub fn extract(&self, text: &str, sentences: &[Sentence], mentions: &[Mention]) -> Vec<Quote> {
        let entities = entities_of(text, mentions);
        let tokens = ArticleTokens::of(text, sentences);
        Doc::new(&self.lex, text, sentences, &tokens, &entities).run()
    }

    /// The coder's speech verbs (`data/quotes/cues.toml` and the user's cue files).
    pub fn speech_verbs(&self) -> &SpeechVerbs {
        &self.lex.speech
    }
}

/// Entities rebuilt from mentions: one per chain, named by the person's name or the longest mention.
fn entities_of(text: &str, mentions: &[Mention]) -> Vec<Entity> {
    let mut entities: Vec<Entity> = Vec::new();
    for m in mentions {
        let id = m.entity.max(1);
        while entities.len() < id {
            entities.push(Entity {
                id: entities.len() + 1,
                name: String::new(),
                kind: EntityKind::Organization,
                actor: None,
                gender: None,
                plural: false,
                mentions: Vec::new(),
            });
        }
        let e = &mut entities[id - 1];
        e.mentions.push(m.span());
        if e.actor.is_none() {
            e.actor = Some(m.actor.clone());
            e.kind = match m.kind {
                MentionKind::Person | MentionKind::Pronoun => EntityKind::Person,
                MentionKind::Country => EntityKind::Country,
                MentionKind::Role if m.plural => EntityKind::Group,
                MentionKind::Role => EntityKind::Person,
                MentionKind::Organization => EntityKind::Organization,
            };
        }
        let name = m.actor.name.as_deref().unwrap_or(m.span().of(text));
        if m.kind != MentionKind::Pronoun && name.len() > e.name.len() {
            e.name = name.to_string();
        }
    }
    entities
}

/// A cue read in its sentence: who said it, and what (for an indirect quote).
#[derive(Debug, Clone)]
struct Attribution {
    sentence: usize,
    paragraph: usize,
    cue: Span,
    speaker: Option<NounPhrase>,
    /// The speaker is the subject of the sentence's earlier attribution ("..., adding that").
    inherits: bool,
    /// Indirect content, when the cue has a content clause of its own.
    content: Option<Span>,
    /// First byte of the attribution (speaker or cue).
    reach_start: usize,
    /// End of the cue, with its addressee, adjuncts and "that".
    tail_end: usize,
    /// The attribution ends with a colon: it introduces what follows ("Peskov said:").
    colon: bool,
    /// Start of the "and"/"but" joining this cue to an earlier clause of the sentence ("... but made clear").
    coordinated: Option<usize>,
    /// An "according to" cue: its speaker follows it.
    according: bool,
    /// "Barkley, who said": the relative pronoun right before the cue, the speaker's mention there.
    relative: Option<Span>,
}

/// A quote before speaker resolution.
#[derive(Debug, Clone)]
struct Pending {
    kind: QuoteKind,
    content: Span,
    paragraph: usize,
    /// Index into attributions; None for a continuation.
    attribution: Option<usize>,
    /// Continuation of the previous pending quote (same speaker, no cue).
    continues: bool,
}

/// An opening or closing quotation mark.
fn is_quote_char(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '‘' | '’' | '\'' | '«' | '»' | '„')
}

/// How many attributions before and after one are compared with it: a content holds a few cues at most,
/// and every one of them lies close to its own cue (bounded work for documents with thousands of cues).
const NEARBY_CUES: usize = 48;

/// The longest indirect content kept: a real sentence is far shorter.
const MAX_CONTENT: usize = 4000;

/// At most the first `n` bytes of `s`, cut at a character boundary: bounded looks into long sentences.
fn head_of(s: &str, n: usize) -> &str {
    if s.len() <= n {
        return s;
    }
    let mut end = n;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// The marked quotations that may overlap `span` (sorted by position: a binary search, then a walk).
fn quotes_near(marked: &[MarkedQuote], span: Span) -> impl Iterator<Item = &MarkedQuote> {
    let from = marked.partition_point(|q| q.close_end <= span.start);
    marked[from..].iter().take_while(move |q| q.open < span.end)
}

/// Words opening a sentence-initial adjunct that ends at a comma, before the subject.
const OPENING_ADJUNCTS: &[&str] = &[
    "at",
    "in",
    "on",
    "after",
    "before",
    "during",
    "since",
    "with",
    "for",
    "as",
    "although",
    "though",
    "while",
    "when",
    "despite",
    "asked",
    "speaking",
    "earlier",
    "later",
    "however",
    "if",
    "because",
    "still",
    "instead",
    "indeed",
    "meanwhile",
];

/// Day and time words that follow "on", "last", "this" in a time adjunct.
fn is_time_word(w: &str) -> bool {
    matches!(
        w,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "week"
            | "month"
            | "year"
            | "weekend"
            | "morning"
            | "afternoon"
            | "evening"
            | "night"
    )
}

/// A cue word in a finite form: a past tense or third person ("made", "denied", "says"), not a base form or
/// participle ("show", "disputing").
fn is_finite_cue(w: &str) -> bool {
    (w.ends_with("ed") || w.ends_with('s') && !w.ends_with("ss"))
        || matches!(
            w,
            "said"
                | "told"
                | "made"
                | "wrote"
                | "thought"
                | "knew"
                | "felt"
                | "found"
                | "saw"
                | "heard"
                | "swore"
                | "understood"
                | "went"
        )
}

/// Finite auxiliaries and modals: a clause has begun when one appears.
const FINITE_WORDS: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "should",
    "must",
    "has",
    "have",
    "had",
    "did",
    "does",
    "do",
    "isn't",
    "wasn't",
    "won't",
    "can't",
    "didn't",
    "doesn't",
    "hasn't",
    "haven't",
    "aren't",
    "weren't",
    "wouldn't",
    "couldn't",
    "shouldn't",
];

fn is_finite_word(w: &str) -> bool {
    FINITE_WORDS.contains(&w)
}

/// Cue forms that are as often nouns ("the report", "claims"): their speaker must be a listed phrase.
const NOUN_LIKE: &[&str] = &[
    "report",
    "reports",
    "claim",
    "claims",
    "comment",
    "comments",
    "demand",
    "demands",
    "fear",
    "fears",
    "hope",
    "hopes",
    "doubt",
    "doubts",
    "charge",
    "charges",
    "promise",
    "promises",
    "estimate",
    "estimates",
    "state",
    "states",
    "note",
    "notes",
    "answer",
    "answers",
    "protest",
    "protests",
    "plan",
    "plans",
    "dispute",
    "disputes",
    "tweet",
    "tweets",
    "post",
    "posts",
    "reply",
    "replies",
    "forecast",
    "forecasts",
    "pledge",
    "pledges",
    "vow",
    "vows",
    "signal",
    "signals",
    "question",
    "questions",
    "warning",
    "indicate",
    "indicates",
    "suggest",
    "show",
    "shows",
    "call",
    "calls",
    "concern",
    "concerns",
    "remark",
    "remarks",
    "message",
    "messages",
    "text",
];

const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i"];

struct Doc<'a> {
    lex: &'a Lexicon,
    text: &'a str,
    sentences: &'a [Sentence],
    /// The actor stage's entities, and their mentions indexed by position.
    entities: &'a [Entity],
    entity_index: EntityIndex,
    tokens: &'a [Token],
    /// Token range of each sentence (empty for boilerplate).
    sent_tokens: &'a [(usize, usize)],
    /// The text with ASCII letters lower-cased (same offsets), followed by the lower-cased forms of the few
    /// tokens that need more (non-ASCII letters, curly apostrophes); `lowered_spans[i]` locates token `i`'s.
    lowered: String,
    lowered_spans: Vec<(u32, u32)>,
    /// Non-boilerplate paragraphs, in order.
    paragraphs: Vec<(usize, Span)>,
}

impl<'a> Doc<'a> {
    fn new(
        lex: &'a Lexicon,
        text: &'a str,
        sentences: &'a [Sentence],
        tokens: &'a ArticleTokens,
        entities: &'a [Entity],
    ) -> Doc<'a> {
        let (sent_tokens, tokens) = (tokens.ranges(), tokens.all());
        // One pass lower-cases the whole text; a token is looked up in place unless it has non-ASCII bytes.
        let mut lowered = text.to_ascii_lowercase();
        let mut lowered_spans = Vec::with_capacity(tokens.len());
        let mut buf = String::new();
        for t in tokens {
            let word = &text[t.start..t.end];
            if word.is_ascii() {
                lowered_spans.push((t.start as u32, t.end as u32));
            } else {
                let from = lowered.len();
                lowered.push_str(lower(word, &mut buf));
                lowered_spans.push((from as u32, lowered.len() as u32));
            }
        }
        Doc {
            entity_index: EntityIndex::new(entities),
            entities,
            lex,
            text,
            sentences,
            tokens,
            sent_tokens,
            lowered,
            lowered_spans,
            paragraphs: paragraphs(sentences),
        }
    }

    fn tok(&self, i: usize) -> &'a str {
        let t = self.tokens[i];
        &self.text[t.start..t.end]
    }

    /// The token in lower case (curly apostrophes folded).
    fn low(&self, i: usize) -> &str {
        let (start, end) = self.lowered_spans[i];
        &self.lowered[start as usize..end as usize]
    }

    fn is_punct(&self, i: usize, p: &str) -> bool {
        self.tokens[i].kind == TokenKind::Punct && self.tok(i) == p
    }

    fn is_quote_mark(&self, i: usize) -> bool {
        self.tokens[i].kind == TokenKind::Punct
            && matches!(self.tok(i), "\"" | "“" | "”" | "‘" | "’" | "'" | "«" | "»" | "„")
    }

    fn sentence_of(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= pos);
        (i < self.sentences.len() && self.sentences[i].start <= pos).then_some(i)
    }

    fn token_at(&self, start: usize) -> Option<usize> {
        let i = self.tokens.partition_point(|t| t.start < start);
        (i < self.tokens.len() && self.tokens[i].start == start).then_some(i)
    }

    fn token_ending(&self, end: usize) -> Option<usize> {
        let i = self.tokens.partition_point(|t| t.end < end);
        (i < self.tokens.len() && self.tokens[i].end == end).then_some(i)
    }

    fn run(self) -> Vec<Quote> {
        let marked = find_marked_quotes(self.text, self.sentences);
        let attributions = self.attributions(&marked);
        let pending = self.assemble(&marked, &attributions);
        let mut quotes = self.resolve(pending, &attributions);
        affiliation::presume_countries(self.lex, &mut quotes, self.entities);
        quotes
    }

    /// Every cue outside quotation marks, read in its sentence.
    fn attributions(&self, marked: &[MarkedQuote]) -> Vec<Attribution> {
        let inside_quote = |pos: usize| {
            let i = marked.partition_point(|q| q.content.end <= pos);
            i < marked.len() && marked[i].content.start <= pos
        };
        let mut hits: Vec<(usize, usize, usize, CueForm)> = Vec::new();
        let bytes = self.text.as_bytes();
        // `lowered` begins with the text ASCII-lower-cased at the same offsets; the cue patterns are lower case.
        for m in self.lex.cue_matcher.find_iter(&self.lowered[..self.text.len()]) {
            let (start, end) = (m.start(), m.end());
            let before_ok = start == 0
                || !(bytes[start - 1].is_ascii_alphanumeric()
                    || bytes[start - 1] == b'-'
                    || bytes[start - 1] >= 0x80
                        && self.text[..start]
                            .chars()
                            .next_back()
                            .is_some_and(char::is_alphanumeric));
            let after_ok = end >= bytes.len()
                || !(bytes[end].is_ascii_alphanumeric()
                    || bytes[end] == b'-'
                    || bytes[end] >= 0x80 && self.text[end..].chars().next().is_some_and(char::is_alphanumeric));
            if !before_ok || !after_ok || inside_quote(start) {
                continue;
            }
            let Some(si) = self.sentence_of(start) else { continue };
            if self.sentences[si].boilerplate {
                continue;
            }
            let (Some(ci), Some(cj)) = (self.token_at(start), self.token_ending(end)) else {
                continue;
            };
            hits.push((si, ci, cj + 1, self.lex.cue_forms[m.pattern().as_usize()]));
        }
        let mut out: Vec<Attribution> = Vec::new();
        for (si, ci, cj, form) in hits {
            if let Some(mut a) = self.analyze(si, ci, cj, form) {
                if a.inherits
                    && let Some(prev) = out
                        .iter()
                        .rev()
                        .take_while(|p| p.sentence == si)
                        .find(|p| p.speaker.is_some())
                {
                    a.speaker = prev.speaker.clone();
                }
                out.push(a);
            }
        }
        self.credit_attributions(marked, &mut out);
        out.sort_by_key(|a| (a.reach_start, a.cue.start));
        // A content that cuts through a quotation is no content.
        for a in out.iter_mut() {
            if let Some(c) = a.content
                && quotes_near(marked, c).any(|q| {
                    q.content.overlaps(c) && !c.contains(Span::new(q.open, q.close_end)) && !c.contains(q.content)
                })
            {
                a.content = None;
            }
        }
        // Only the outermost attribution counts: a cue inside another's content is dropped, except a
        // participle clause after a comma (", adding that ..."), which cuts the content before it. A content
        // holds cues of its own paragraph only, and only a few, all close to its own cue in text order: the
        // pairs compared are bounded.
        let mut keep = vec![true; out.len()];
        for i in 0..out.len() {
            let window = i.saturating_sub(NEARBY_CUES)..(i + NEARBY_CUES + 1).min(out.len());
            for j in window {
                if i == j || !keep[j] || out[j].paragraph != out[i].paragraph {
                    continue;
                }
                let Some(c) = out[j].content else { continue };
                if c.start <= out[i].cue.start && out[i].cue.end <= c.end {
                    // "X confirmed the call was set, according to Y": the cue inside, with its own speaker and
                    // clause, is the attribution; the trailing "according to" only names the outlet.
                    // "…,” he said, according to Reuters": the outlet only reported what the speaker said.
                    if out[j].according
                        && c.start < out[j].cue.start
                        && !out[i].according
                        && !out[i].inherits
                        && out[i].cue.end <= out[j].cue.start
                        && out[i].speaker.as_ref().is_some_and(|np| np.kind != NpKind::Relative)
                        && (out[i].content.is_some()
                            || self
                                .text
                                .get(out[i].tail_end..out[j].cue.start)
                                .is_some_and(|gap| gap.trim() == ","))
                    {
                        keep[j] = false;
                        if let Some(ci) = out[i].content
                            && ci.start < out[j].cue.start
                            && out[j].cue.start < ci.end
                        {
                            let end = ci.start
                                + self.text[ci.start..out[j].cue.start]
                                    .trim_end()
                                    .trim_end_matches(',')
                                    .len();
                            out[i].content = Some(Span::new(ci.start, end));
                        }
                        continue;
                    }
                    let before = self.text[c.start..out[i].reach_start.max(c.start)].trim_end();
                    // A clause of its own: ", adding that ..." or "..., and he noted that ...".
                    let participle = out[i].inherits
                        || out[i].reach_start > c.start
                            && before.ends_with(',')
                            && out[i].speaker.is_some()
                            && out[i].content.is_some()
                            && out[i].reach_start == out[i].cue.start;
                    let conjoined = out[i].reach_start > c.start
                        && out[i]
                            .speaker
                            .as_ref()
                            .is_some_and(|np| np.span.start == out[i].reach_start)
                        && out[i].content.is_some()
                        && (before.ends_with(", and")
                            || before.ends_with(", but")
                            || before.ends_with("— and")
                            || before.ends_with(';'));
                    // "..., though she acknowledged the effort might fail": a subordinate clause with its own subject.
                    let subordinate = out[i].reach_start > c.start
                        && out[i]
                            .speaker
                            .as_ref()
                            .is_some_and(|np| np.span.start == out[i].reach_start)
                        && out[i].content.is_some()
                        && [", though", ", although", ", even though", ", while", ", whereas"]
                            .iter()
                            .any(|w| before.ends_with(w));
                    // "... said it would take long but made clear that ...": the second cue cuts the first content.
                    if let Some(at) = out[i].coordinated
                        && at > c.start
                        && out[i].content.is_some()
                    {
                        let cut = self.text[c.start..at]
                            .trim_end()
                            .trim_end_matches([',', '—'])
                            .trim_end();
                        let new_end = c.start + cut.len();
                        out[j].content = (new_end > c.start).then(|| Span::new(c.start, new_end));
                    } else if subordinate {
                        let cut = before[..before.rfind(',').unwrap_or(before.len())].trim_end();
                        let new_end = c.start + cut.len();
                        out[j].content = (new_end > c.start).then(|| Span::new(c.start, new_end));
                    } else if participle || conjoined {
                        let cut = before
                            .trim_end_matches(';')
                            .trim_end_matches("and")
                            .trim_end_matches("but")
                            .trim_end()
                            .trim_end_matches([',', '—'])
                            .trim_end();
                        let new_end = c.start + cut.len();
                        out[j].content = (new_end > c.start).then(|| Span::new(c.start, new_end));
                    } else {
                        keep[i] = false;
                    }
                }
            }
        }
        out.into_iter().zip(keep).filter_map(|(a, k)| k.then_some(a)).collect()
    }

    /// Attributions without a verb: a dash and a name after a quotation ("“…” ― Jane Roe") and a transcript
    /// speaker opening a paragraph ("ROE: We will ...").
    fn credit_attributions(&self, marked: &[MarkedQuote], out: &mut Vec<Attribution>) {
        for q in marked {
            let rest = &self.text[q.close_end..];
            let trimmed = rest.trim_start();
            if !trimmed.starts_with(['—', '―', '–', '-']) {
                continue;
            }
            let dash_at = q.close_end + (rest.len() - trimmed.len());
            let Some(si) = self.sentence_of(dash_at) else { continue };
            let Some(di) = self.token_at(dash_at) else { continue };
            let (_, s1) = self.sent_tokens[si];
            let Some(np) = self.np_forward(di + 1, s1) else {
                continue;
            };
            if np.kind != NpKind::Person {
                continue;
            }
            let cue = self.tokens[di].span();
            out.push(Attribution {
                sentence: si,
                paragraph: self.sentences[si].paragraph,
                cue,
                reach_start: cue.start,
                tail_end: np.span.end,
                speaker: Some(np),
                inherits: false,
                content: None,
                colon: false,
                coordinated: None,
                according: false,
                relative: None,
            });
        }
        self.colon_lead_ins(marked, out);
        let mut prev_paragraph = usize::MAX;
        for si in 0..self.sentences.len() {
            let s = self.sentences[si];
            if s.boilerplate || s.paragraph == prev_paragraph {
                continue;
            }
            prev_paragraph = s.paragraph;
            let (mut s0, s1) = self.sent_tokens[si];
            // A transcript quoted in full opens each turn with a quotation mark ("\"ROE: We will …").
            while s0 < s1 && matches!(self.tok(s0), "\"" | "“" | "‘") {
                s0 += 1;
            }
            // One to three capitalised words and a colon, then a statement.
            let Some(colon) = (s0 + 1..s1.min(s0 + 4)).find(|&k| self.is_punct(k, ":")) else {
                continue;
            };
            let all_caps =
                (s0..colon).all(|k| self.tokens[k].kind == TokenKind::Word && speakers::is_shouted(self.tok(k)));
            if all_caps && (s0..colon).any(|k| self.lex.labels.contains(self.low(k))) {
                continue;
            }
            let np = if all_caps {
                speakers::np_forward_loose(self, s0, colon)
            } else {
                self.np_forward(s0, colon)
            };
            let Some(np) = np else { continue };
            let person = all_caps || np.kind == NpKind::Person && np.name.of(self.text).split_whitespace().count() >= 2;
            if np.tok.1 != colon || !person || s1 - colon < 5 {
                continue;
            }
            let para_end = self.paragraph_span(s.paragraph).end;
            let start = self.tokens[colon + 1].start;
            let body = self.text[start..para_end].trim_end();
            let content = Span::new(start, start + body.len());
            let cue = self.tokens[colon].span();
            out.push(Attribution {
                sentence: si,
                paragraph: s.paragraph,
                cue,
                reach_start: np.span.start,
                tail_end: cue.end,
                speaker: Some(np),
                inherits: false,
                content: Some(content),
                colon: false,
                coordinated: None,
                according: false,
                relative: None,
            });
        }
    }

    /// A clause without a speech verb that introduces a quotation with a colon ("The senator went further:
    /// “…”", "Rivera put it bluntly in a radio interview: “…”"): its subject speaks. Only a subject that can
    /// speak for itself counts (a person, an organisation, a pronoun, a group the actor stage knows), so "The
    /// reason was simple: “…”" stays a continuation of the previous speaker.
    fn colon_lead_ins(&self, marked: &[MarkedQuote], out: &mut Vec<Attribution>) {
        let mut added = Vec::new();
        let mut attributed = vec![false; self.sentences.len()];
        for a in out.iter() {
            attributed[a.sentence] = true;
        }
        for q in marked {
            let before = self.text[..q.open].trim_end();
            if !before.ends_with(':') {
                continue;
            }
            let colon_at = before.len() - 1;
            let (Some(si), Some(ci)) = (self.sentence_of(colon_at), self.token_at(colon_at)) else {
                continue;
            };
            let (s0, _) = self.sent_tokens[si];
            if self.sentences[si].boilerplate
                || ci < s0 + 2
                || attributed[si]
                || (s0..ci).any(|k| self.is_quote_mark(k))
            {
                continue;
            }
            let Some(np) = self.sentence_subject(s0, ci) else {
                continue;
            };
            // A clause, not a label ("Partial transcript:") or an adjunct read as a phrase ("With leaders
            // …:"): a word follows the subject before the colon.
            // "Mayor Tess Wilkins: “…”": a full name alone before the colon labels the quotation too.
            let labelled = np.tok.1 == ci
                && np.kind == NpKind::Person
                && np.name.of(self.text).split_whitespace().count() >= 2
                && (np.tok.0 == s0 || self.is_punct(np.tok.0 - 1, "-") || self.is_punct(np.tok.0 - 1, "—"))
                && speakers::resolve(self, &np).is_some_and(|sp| sp.entity.is_some());
            if np.tok.1 >= ci && !labelled || OPENING_ADJUNCTS.contains(&self.low(np.tok.0)) {
                continue;
            }
            let speaks = match np.kind {
                NpKind::Person | NpKind::Org | NpKind::Pronoun | NpKind::TitleRef | NpKind::Joint => true,
                NpKind::Group => self.entity_index.overlapping(np.span).next().is_some(),
                NpKind::Relative => false,
            };
            // Someone the actor stage knows, or a full name: not a capitalised word read as a name
            // ("Likewise, …:", "Ever since …:").
            let known = speakers::resolve(self, &np).is_some_and(|sp| sp.entity.is_some())
                || np.kind == NpKind::Person && np.name.of(self.text).split_whitespace().count() >= 2;
            if !speaks || !known || !speakers::can_speak(self, &np) {
                continue;
            }
            let cue = self.tokens[ci].span();
            attributed[si] = true;
            added.push(Attribution {
                sentence: si,
                paragraph: self.sentences[si].paragraph,
                cue,
                reach_start: np.span.start,
                tail_end: cue.end,
                speaker: Some(np),
                inherits: false,
                content: None,
                colon: true,
                coordinated: None,
                according: false,
                relative: None,
            });
        }
        out.append(&mut added);
    }

    /// The end of the content of sentence `si` from `from`: the sentence end without its final period.
    fn content_end(&self, si: usize) -> usize {
        let s = self.sentences[si];
        let body = self.text[s.start..s.end].trim_end();
        let body = body.strip_suffix('.').unwrap_or(body).trim_end();
        s.start + body.len()
    }

    fn analyze(&self, si: usize, ci: usize, cj: usize, form: CueForm) -> Option<Attribution> {
        let (s0, s1) = self.sent_tokens[si];
        let cue = Span::new(self.tokens[ci].start, self.tokens[cj - 1].end);
        let paragraph = self.sentences[si].paragraph;
        let sent_start = self.tokens[s0].start;
        // A capitalised cue inside a sentence is part of a name ("State Department", "United States").
        if self.tokens[ci].is_capitalized(self.text) && (s0..ci).rev().any(|k| self.tokens[k].kind == TokenKind::Word) {
            return None;
        }
        // "an engineer briefed on the inquiry": a participle of an addressee verb with "on" describes
        // somebody who was told, inside the subject of another cue.
        if form.class == CueClass::Addressee
            && cj < s1
            && matches!(self.low(cj), "on" | "about")
            && (cj + 1..s1.min(cj + 14)).any(|k| self.lex.speech.is_speech(self.low(k)))
        {
            return None;
        }
        let mut attr = Attribution {
            sentence: si,
            paragraph,
            cue,
            speaker: None,
            inherits: false,
            content: None,
            reach_start: cue.start,
            tail_end: cue.end,
            colon: false,
            coordinated: None,
            according: false,
            relative: None,
        };
        if form.class == CueClass::According {
            attr.according = true;
            let np = self
                .np_forward(cj, s1)
                .or_else(|| speakers::np_forward_loose(self, cj, s1))?;
            attr.tail_end = np.span.end;
            let after = np.tok.1;
            let first_real = (s0..ci)
                .find(|&k| !self.is_quote_mark(k) && !self.is_punct(k, "("))
                .unwrap_or(ci);
            if first_real == ci || (ci > s0 && self.tokens[ci].is_capitalized(self.text)) {
                // "According to a new report by the paper, ...": the content follows the phrase's comma.
                let comma = (after..s1.min(after + 16)).find(|&k| self.is_punct(k, ",") || self.is_quote_mark(k));
                if let Some(comma) = comma
                    && self.is_punct(comma, ",")
                    && comma + 1 < s1
                {
                    let start = self.tokens[comma + 1].start;
                    let end = self.content_end(si);
                    if end > start {
                        attr.content = Some(Span::new(start, end));
                    }
                }
            } else if ci > s0 && self.is_punct(ci - 1, ",") {
                let end = self.tokens[ci - 1].start;
                if end > sent_start {
                    attr.content = Some(Span::new(sent_start, end));
                }
            } else {
                // "... the details yet according to the broadcaster.": the content ends before the cue.
                let end = sent_start + self.text[sent_start..cue.start].trim_end().len();
                attr.content = (end > sent_start).then(|| Span::new(sent_start, end));
            }
            // "“…,” government spokesman Ali Karimi, according to the agency.": the name between the
            // quotation and the cue is the speaker; the outlet only carried the words.
            let closing = (ci >= s0 + 2 && self.is_punct(ci - 1, ","))
                .then(|| {
                    (ci.saturating_sub(12).max(s0)..ci - 1)
                        .rev()
                        .find(|&k| self.is_quote_mark(k))
                })
                .flatten();
            if let Some(mark) = closing
                && let Some(name) = self
                    .np_forward(mark + 1, ci - 1)
                    .or_else(|| speakers::np_forward_loose(self, mark + 1, ci - 1))
                && name.tok.1 == ci - 1
                && matches!(name.kind, NpKind::Person | NpKind::TitleRef | NpKind::Group)
            {
                attr.according = false;
                attr.content = None;
                attr.reach_start = name.span.start;
                attr.speaker = Some(name);
                return Some(attr);
            }
            attr.speaker = Some(np);
            return Some(attr);
        }

        // A participle after a comma, "and" or a preposition, across adverbs: the speaker is the sentence's
        // subject ("..., saying that ...", "..., only noting", "in arguing that", "while also making clear").
        let mut lead = ci;
        while lead > s0 && self.is_adverb(lead - 1) {
            lead -= 1;
        }
        if form.participle
            && lead > s0
            && (self.is_punct(lead - 1, ",")
                || lead - 1 > s0 && self.low(lead - 1) == "and"
                || lead - 1 > s0
                    && matches!(self.low(lead - 1), "in" | "while" | "as" | "by" | "after" | "before")
                    && form.flags & lexicon::SAYING != 0)
        {
            attr.inherits = true;
            if !self.is_punct(lead - 1, ",") {
                attr.reach_start = self.tokens[lead - 1].start;
            }
            attr.speaker = self.sentence_subject(s0, ci);
            // "The paper quoted an unnamed official (on Tuesday) as saying": the one quoted speaks.
            let mut quoted_after_quote = false;
            if self.low(lead - 1) == "as"
                && let Some(quoted) = self.quoted_as(s0, lead - 1)
            {
                // "“…,” the agency quoted Ana Ruiz as saying.": the attribution reaches back to the words
                // right after the quotation.
                attr.inherits = false;
                attr.reach_start = quoted.span.start;
                let from = self.tokens[s0].start;
                if from <= quoted.span.start
                    && let Some(close) = self.text[from..quoted.span.start].rfind(['”', '"'])
                {
                    // The mark's own width: '”' is three bytes.
                    let after = from + close + self.text[from + close..].chars().next().map_or(1, char::len_utf8);
                    let gap = &self.text[after..quoted.span.start];
                    let words = gap.trim_start_matches([',', ' ']);
                    // Only the quoting clause's subject and verb in between ("the agency quoted").
                    if !words.contains(['.', ';', '“', '"']) && words.split_whitespace().count() <= 6 {
                        attr.reach_start = quoted.span.start - words.len();
                        quoted_after_quote = true;
                    }
                }
                attr.speaker = Some(quoted);
            }
            let (mut content, tail) = self.forward_content(si, ci, cj, s1, form);
            if let Some((comma, subject)) = self.adjunct_subject(s0, lead, cj, s1) {
                attr.speaker = Some(subject);
                let cut = self.tokens[comma].start;
                content = content
                    .filter(|c| c.start < cut)
                    .map(|c| Span::new(c.start, c.end.min(cut)));
            }
            attr.content = content;
            attr.tail_end = tail;
            // "..., saying, “...”": no clause of its own, but it attributes the quotation after it.
            return (attr.content.is_some() || self.quote_follows(tail) || quoted_after_quote).then_some(attr);
        }
        // "issued a statement on Monday saying …", "sent a letter to members saying …": a message the
        // subject sent says what the subject says.
        if form.participle
            && form.flags & lexicon::SAYING != 0
            && let Some(noun) = self.message_before(s0, lead)
            && let Some(subject) = self.sentence_subject(s0, noun)
            && subject.tok.1 < noun
        {
            attr.reach_start = subject.span.start;
            attr.speaker = Some(subject);
            let (content, tail) = self.forward_content(si, ci, cj, s1, form);
            attr.content = content;
            attr.tail_end = tail;
            attr.colon = self.text[tail..].trim_start().starts_with(':');
            return (attr.content.is_some() || self.quote_follows(tail)).then_some(attr);
        }
        if form.participle
            && !(ci > s0 && matches!(self.low(ci - 1), "is" | "are" | "was" | "were" | "been" | "be" | "am"))
        {
            // "with Iran claiming ...", "Peskov saying ...": a phrase right before, opening its clause.
            let np = if lead > s0 {
                // A phrase of plain words only after "with" ("with one driver shouting"): elsewhere such words
                // are a clause of their own ("kept everyone guessing").
                self.np_back(s0, lead - 1).or_else(|| {
                    speakers::np_back_loose(self, s0, lead - 1)
                        .filter(|np| np.tok.0 > s0 && self.low(np.tok.0 - 1) == "with")
                })
            } else {
                None
            };
            let np = np.map(|np| speakers::with_determiner(self, s0, np)).filter(|np| {
                np.kind != NpKind::Relative
                    && (np.tok.0 == s0 || matches!(self.low(np.tok.0 - 1), "with" | "," | "and"))
            })?;
            attr.reach_start = np.span.start;
            attr.speaker = Some(np);
            let (content, tail) = self.forward_content(si, ci, cj, s1, form);
            attr.content = content;
            attr.tail_end = tail;
            // "with one driver shouting: “…”": the quotation after it is what was said.
            attr.colon = self.text[tail..].trim_start().starts_with(':');
            return (attr.content.is_some() || self.quote_follows(tail)).then_some(attr);
        }
        // Walk back over auxiliaries and adverbs.
        let mut j = ci;
        let mut passive = false;
        while j > s0 {
            let w = self.low(j - 1);
            if self.tokens[j - 1].kind != TokenKind::Word {
                break;
            }
            // "on Tuesday", "last week", "late on Monday", "earlier this week": a time adjunct between
            // subject and cue.
            let time_prep = matches!(w, "on" | "last" | "this" | "late" | "early" | "earlier" | "later")
                && j < ci
                && (is_time_word(self.low(j))
                    || matches!(self.low(j), "on" | "this" | "last") && j + 1 < ci && is_time_word(self.low(j + 1)));
            // "was quick to add", "are more likely to say": the subject is before the adjective and its verb.
            if w == "to"
                && j == ci
                && matches!(form.class, CueClass::Speech | CueClass::Addressee)
                && let Some(be) = (j.saturating_sub(5).max(s0)..j - 1)
                    .rev()
                    .find(|&k| matches!(self.low(k), "is" | "are" | "was" | "were" | "be" | "been"))
                && be + 1 < j - 1
                && (be + 1..j - 1).all(|k| self.tokens[k].kind == TokenKind::Word && !self.cap(k))
            {
                j = be;
                continue;
            }
            // "who late on Tuesday said", "who in the past has criticised": a time phrase between subject
            // and cue, whose noun is no speaker.
            if j >= s0 + 3
                && (is_time_word(w) || self.lex.time_nouns.contains(w))
                && matches!(self.low(j - 2), "the" | "a" | "that" | "this")
                && matches!(self.low(j - 3), "in" | "during" | "over" | "throughout" | "for")
            {
                j -= 3;
                continue;
            }
            // "May said": a modal in form, but the actor stage read it as a person's name.
            let named = self.cap(j - 1) && self.person_named_at(j - 1);
            if time_prep
                || self.lex.skip.contains(w) && !named
                || (w.ends_with("ly") && w.len() > 4 && !self.tokens[j - 1].is_capitalized(self.text))
            {
                if matches!(w, "is" | "are" | "was" | "were" | "be" | "been" | "being") {
                    passive = true;
                }
                j -= 1;
                continue;
            }
            break;
        }
        if passive && !form.participle {
            return None;
        }
        // "Sen. Jane Roe (D-Ore.) said": step over a parenthesis after the name.
        let mut paren_start: Option<usize> = None;
        if j > s0 + 1
            && self.is_punct(j - 1, ")")
            && let Some(open) = (s0..j - 1).rev().take(8).find(|&k| self.is_punct(k, "("))
            && open > s0
        {
            paren_start = Some(open);
        }
        let mut speaker: Option<NounPhrase> = None;
        let mut inverted = false;
        if let Some(open) = paren_start {
            speaker = self.np_back(s0, open - 1);
            if let Some(np) = &mut speaker {
                np.span.end = self.tokens[j - 1].end;
            }
        } else if j > s0 && matches!(self.low(j - 1), "and" | "but") {
            // "... promised to help and said she would", "but has steadfastly denied": the sentence's subject.
            speaker = self
                .sentence_subject(s0, j - 1)
                .filter(|np| np.kind != NpKind::Relative);
            // Only a finite cue starts a clause of its own: "meant to calm allies and show that" joins
            // two infinitives inside the content.
            if is_finite_cue(self.low(ci)) {
                attr.coordinated = Some(self.tokens[j - 1].start);
            }
        } else if j > s0 && self.is_punct(j - 1, ",") {
            // ", said Peskov." / ", the ministry said." / "Peskov, the Kremlin's spokesman, said".
            if j == ci
                && form.class != CueClass::Addressee
                && let Some(np) = self
                    .np_forward(cj, s1)
                    .or_else(|| speakers::np_forward_described(self, cj, s1))
                && (np.tok.1 >= s1 || matches!(self.tok(np.tok.1), "," | "." | ";" | ":" | "!" | "?"))
            {
                speaker = Some(self.named_in_apposition(np, s1));
                inverted = true;
            } else {
                speaker = self.apposition_speaker(s0, j - 1);
            }
        } else if j > s0 && self.tokens[j - 1].kind == TokenKind::Word {
            speaker = self.np_back(s0, j - 1);
            // A longer plain phrase when the listed words stop short ("The Treasury Department's deputy counsel").
            if let Some(np) = &speaker
                && np.tok.0 > s0
                && self.tokens[np.tok.0 - 1].kind == TokenKind::Word
                && np.kind != NpKind::Pronoun
                && np.kind != NpKind::Relative
                && let Some(loose) = speakers::np_back_loose(self, s0, j - 1)
                && loose.tok.0 < np.tok.0
            {
                speaker = Some(loose);
            }
            if speaker.is_none() && !NOUN_LIKE.contains(&self.low(ci)) {
                speaker = speakers::np_back_loose(self, s0, j - 1);
            }
            // "a farmer who had cousins there told the BBC": the phrase before a relative clause that ends at
            // the cue, also when the clause ends in a phrase of its own ("who fishes on the lake told").
            if let Some(np) = speakers::before_relative_clause(self, s0, j)
                && speaker.as_ref().is_none_or(|s| {
                    !matches!(s.kind, NpKind::Person | NpKind::Org | NpKind::Group | NpKind::TitleRef)
                        || np.tok.0 < s.tok.0
                })
            {
                speaker = Some(np);
            }
            // "staff travelling with the foreign minister said", "officials in Quito said", "the official who
            // spoke to the AP said": the phrase right before the cue is the object of a modifier of the subject.
            if let Some(np) = &speaker
                && matches!(np.kind, NpKind::Person | NpKind::Org | NpKind::Group | NpKind::TitleRef)
                && let Some(subject) = speakers::modified_subject(self, s0, np)
            {
                speaker = Some(subject);
            }
            // "Peter Navarro, the White House trade adviser said": the name before the apposition.
            if let Some(np) = &speaker
                && matches!(np.kind, NpKind::Group | NpKind::TitleRef)
                && np.tok.0 >= s0 + 2
                && self.is_punct(np.tok.0 - 1, ",")
                && let Some(name) = self.np_back(s0, np.tok.0 - 2)
                && name.kind == NpKind::Person
                && !self.opening_adverb(&name)
                && (name.tok.0 == s0
                    || self.tokens[name.tok.0 - 1].kind == TokenKind::Punct
                    || matches!(
                        self.low(name.tok.0 - 1),
                        "after" | "when" | "as" | "while" | "before" | "because" | "since" | "and" | "but" | "that"
                    ))
            {
                speaker = Some(name);
            }
            if let Some(np) = &speaker
                && matches!(np.kind, NpKind::Person | NpKind::Org | NpKind::Group)
                && let Some(joint) = speakers::joint(self, s0, np)
            {
                speaker = Some(joint);
            }
            if let Some(np) = &speaker
                && np.kind == NpKind::Relative
            {
                // "Sherman, who led the delegation, said" → the name before ", who"; "an architect who said".
                let k = np.tok.0;
                if np.tok.1 == j {
                    attr.relative = Some(np.span);
                }
                speaker = None;
                if k >= s0 + 2 && self.is_punct(k - 1, ",") {
                    speaker = self.np_back(s0, k - 2);
                } else if k > s0 && self.tokens[k - 1].kind == TokenKind::Word {
                    speaker = self
                        .np_back(s0, k - 1)
                        .or_else(|| speakers::np_back_loose(self, s0, k - 1));
                }
            }
        }
        // "Dianne Roe (D-Calif.) last week said", "the ministry on Monday said": a time phrase between the
        // subject and the cue is no speaker; the phrase before it is.
        if let Some(np) = &speaker
            && np.tok.1 > np.tok.0
            && is_time_word(self.low(np.tok.1 - 1))
            && let Some(k) = Some(np.tok.1 - 1).map(|t| {
                // The time phrase may open with more than one word: "late on Monday", "earlier this week".
                let mut k = t;
                for _ in 0..3 {
                    let lead = k > np.tok.0
                        && matches!(
                            self.low(k - 1),
                            "last" | "this" | "next" | "on" | "early" | "late" | "earlier" | "later"
                        );
                    if !lead {
                        break;
                    }
                    k -= 1;
                }
                k
            })
            && k > s0 + 1
        {
            speaker = if self.is_punct(k - 1, ")")
                && let Some(open) = (s0..k - 1).rev().take(8).find(|&i| self.is_punct(i, "("))
                && open > s0
            {
                self.np_back(s0, open - 1)
            } else {
                self.np_back(s0, k - 1)
            }
            .filter(|np| matches!(np.kind, NpKind::Person | NpKind::Org | NpKind::Group | NpKind::TitleRef));
        }
        if speaker.is_none() && j == ci {
            // After a closing quotation mark or at the start: "…,” said Peskov."
            let after_quote = j > s0
                && (self.is_quote_mark(j - 1) || self.is_punct(j - 1, ",") && j - 1 > s0 && self.is_quote_mark(j - 2));
            if (after_quote || j == s0)
                && let Some(np) = self
                    .np_forward(cj, s1)
                    .or_else(|| speakers::np_forward_described(self, cj, s1))
            {
                speaker = Some(self.named_in_apposition(np, s1));
                inverted = true;
            }
        }
        let Some(speaker) = speaker else {
            // No speaker phrase, but a say-verb with its clause ("..., and said that the panel ..."): the quote
            // stands, with an unknown speaker.
            let say = form.flags & lexicon::PLAIN != 0 && !form.participle;
            if !say || j != ci || j == s0 || self.tokens[j - 1].kind != TokenKind::Word {
                return None;
            }
            let (content, tail) = self.forward_content(si, ci, cj, s1, form);
            let content = content.filter(|c| self.text[..c.start].trim_end().ends_with("that"))?;
            attr.content = Some(content);
            attr.tail_end = tail;
            return Some(attr);
        };
        if speaker.kind == NpKind::Pronoun
            && matches!(self.tok(speaker.tok.0), "it" | "It")
            && form.class == CueClass::Cognition
        {
            return None;
        }
        attr.reach_start = speaker.span.start.min(cue.start);
        let content_from = if inverted { speaker.tok.1 } else { cj };
        let (content, tail) = self.forward_content(si, ci, content_from, s1, form);
        attr.tail_end = if inverted { tail.max(speaker.span.end) } else { tail };
        // A sentence ending in a colon introduces what follows ("X fired back at the comment on Monday:").
        // (Only a short rest is looked at: a colon ends a lead-in, not a long sentence.)
        let whole = &self.text[attr.tail_end..self.sentences[si].end];
        let head = head_of(whole, 400);
        let rest = match head.find(['“', '”', '"']) {
            Some(i) => &head[..i],
            None if head.len() < whole.len() => "",
            None => head,
        };
        let sentence_colon = rest.trim_end().ends_with(':') && !rest.contains(['.', '!', '?']);
        attr.colon = self.text[attr.tail_end..].trim_start().starts_with(':')
            || self.text[..attr.tail_end].ends_with(':')
            || sentence_colon && content.is_none();
        if content.is_some() && !inverted {
            attr.content = content;
        } else if !attr.colon {
            // Content first: "The talks will resume, he said." / "The talks, he said, will resume."
            let mut first = if inverted { ci } else { speaker.tok.0 };
            // "“…,” his brother, Sami Nasser, said": the description before the named speaker is no content.
            if !inverted
                && first >= s0 + 3
                && self.is_punct(first - 1, ",")
                && let Some(desc) = self.np_back(s0, first - 2)
                && matches!(desc.kind, NpKind::Group | NpKind::TitleRef)
                && desc.tok.0 > s0
                && (self.is_punct(desc.tok.0 - 1, ",") || self.is_quote_mark(desc.tok.0 - 1))
            {
                first = desc.tok.0;
                attr.reach_start = attr.reach_start.min(self.tokens[first].start);
            }
            let before_first = self.text[sent_start..self.tokens[first].start].trim_end();
            if let Some(head) = before_first.strip_suffix(',') {
                let head = head.trim_end();
                let ends_in_quote = head.ends_with(['”', '"', '’', '»']);
                let rest = self.text[attr.tail_end..self.sentences[si].end].trim_start();
                let clause_end = rest.is_empty() || rest.starts_with([',', '.', ';', '!', '?', '—', '–']);
                // "The talks, he said, will resume", "Ten people died, officials say, blocking the road": what was
                // said runs across the attribution (the whole sentence is the content).
                let runs_on =
                    rest.starts_with(',') && rest.trim_start_matches(',').split_whitespace().take(3).count() >= 3;
                // "... because, he says, Beijing won't accede": after a conjunction the reported clause follows.
                let opens_after = runs_on
                    && head.rsplit(char::is_whitespace).next().is_some_and(|w| {
                        matches!(
                            w.to_lowercase().as_str(),
                            "because"
                                | "that"
                                | "and"
                                | "but"
                                | "although"
                                | "though"
                                | "if"
                                | "since"
                                | "while"
                                | "so"
                        )
                    });
                let mid = runs_on && !opens_after;
                if opens_after {
                    let after = self.text[attr.tail_end..]
                        .trim_start()
                        .trim_start_matches(',')
                        .trim_start();
                    let start = self.text.len() - after.len();
                    let end = self.content_end(si);
                    if end > start {
                        attr.content = Some(Span::new(start, end));
                    }
                }
                if !ends_in_quote
                    && !opens_after
                    && clause_end
                    && !head.is_empty()
                    && (head.split_whitespace().take(3).count() >= 3 || mid)
                {
                    let end = if mid {
                        self.content_end(si)
                    } else {
                        sent_start + head.len()
                    };
                    let start = sent_start
                        + (self.text[sent_start..].len()
                            - self.text[sent_start..].trim_start_matches(['“', '"', '‘']).len());
                    if end > start {
                        attr.content = Some(Span::new(start, end));
                    }
                }
            }
        }
        if matches!(form.class, CueClass::Cognition | CueClass::ThatOnly) && attr.content.is_none() {
            return None;
        }
        attr.speaker = Some(speaker);
        Some(attr)
    }

    /// "quoted X (Tuesday) as": the phrase X before the "as" at token `as_at`, after a verb of quoting.
    fn quoted_as(&self, s0: usize, as_at: usize) -> Option<NounPhrase> {
        let mut end = as_at;
        // A time adjunct between the phrase and "as".
        while end > s0 + 1 && (is_time_word(self.low(end - 1)) || matches!(self.low(end - 1), "today" | "yesterday")) {
            end -= 1;
            if end > s0 + 1 && matches!(self.low(end - 1), "on" | "last" | "this") {
                end -= 1;
            }
        }
        if end <= s0 + 1 {
            return None;
        }
        let np = self
            .np_back(s0, end - 1)
            .or_else(|| speakers::np_back_loose(self, s0, end - 1))?;
        let before = np.tok.0.checked_sub(1).filter(|&k| k >= s0)?;
        matches!(
            self.low(before),
            "quoted" | "quoting" | "quotes" | "cited" | "citing" | "cites"
        )
        .then_some(np)
    }

    /// An adverb between a subject or comma and a cue ("also", "only", "repeatedly").
    /// A quotation opens right after `pos`, past a comma or colon.
    fn quote_follows(&self, pos: usize) -> bool {
        self.text[pos..]
            .trim_start_matches([',', ':', ' '])
            .starts_with(['“', '"', '‘'])
    }

    fn is_adverb(&self, i: usize) -> bool {
        let w = self.low(i);
        self.tokens[i].kind == TokenKind::Word
            && !self.tokens[i].is_capitalized(self.text)
            && (matches!(
                w,
                "only" | "also" | "still" | "again" | "even" | "then" | "further" | "repeatedly"
            ) || w.len() > 4 && w.ends_with("ly"))
    }

    /// A message noun ("statement", "letter", "tweets") right before token `at`, or before a short time
    /// adjunct or "to"/"on" phrase after it ("a statement on Monday", "a letter to members"): its token.
    fn message_before(&self, s0: usize, at: usize) -> Option<usize> {
        let mut k = at;
        for _ in 0..4 {
            if k <= s0 + 1 || self.tokens[k - 1].kind != TokenKind::Word {
                return None;
            }
            let w = self.low(k - 1);
            if self.lex.messages.contains(w) {
                return Some(k - 1);
            }
            // Step back over "on Monday", "late Friday", "to members", "to staff".
            if !(is_time_word(w) || matches!(w, "on" | "late" | "early" | "to" | "this" | "last") || !self.cap(k - 1)) {
                return None;
            }
            k -= 1;
        }
        None
    }

    /// A participle cue inside an adjunct that opens the sentence ("After insisting for days that the navy
    /// was not to blame, officials admitted …", "While denying that prices would rise, the bank …"): the
    /// adjunct runs on past the cue and its clause, and the one who insisted is the subject of the main
    /// clause after the adjunct's comma. Returns that comma and subject. `lead` is the participle's first
    /// token (before adverbs), `after` the token after the cue; the main clause must start within a bounded
    /// number of tokens.
    fn adjunct_subject(&self, s0: usize, lead: usize, after: usize, s1: usize) -> Option<(usize, NounPhrase)> {
        const OPENERS: &[&str] = &[
            "after", "before", "while", "despite", "since", "when", "though", "although",
        ];
        const REACH: usize = 48;
        let first = (self.after_dateline(s0, lead)..lead).find(|&k| !self.is_quote_mark(k))?;
        // The adjunct has not ended before the cue: no comma there, but one that goes on with "and"
        // ("After visiting the mine, and saying that …").
        let ended =
            |k: usize| self.is_punct(k, ";") || self.is_punct(k, ",") && !matches!(self.low(k + 1), "and" | "or");
        if !OPENERS.contains(&self.low(first)) || (first..lead).any(ended) {
            return None;
        }
        (after..s1.min(after + REACH))
            .take_while(|&k| !self.is_quote_mark(k) && !self.is_punct(k, ";"))
            .filter(|&k| self.is_punct(k, ",") && k + 1 < s1)
            .find_map(|comma| {
                let np = self.np_forward(comma + 1, s1)?;
                // The subject goes on with its verb (or a time phrase before it), not with more of a list.
                let next = np.tok.1;
                let verb_follows = next < s1 && self.tokens[next].kind == TokenKind::Word && !self.cap(next);
                (matches!(np.kind, NpKind::Person | NpKind::Org | NpKind::Group | NpKind::TitleRef) && verb_follows)
                    .then_some((comma, np))
            })
    }

    /// The subject of the clause before token `before`: the first noun phrase of the sentence.
    fn sentence_subject(&self, s0: usize, before: usize) -> Option<NounPhrase> {
        let mut k = self.after_dateline(s0, before);
        while k < before
            && (self.tokens[k].kind == TokenKind::Punct
                || matches!(
                    self.low(k),
                    "but" | "and" | "meanwhile" | "still" | "yet" | "so" | "also" | "then" | "now" | "later"
                ))
        {
            k += 1;
        }
        // An opening adjunct or adverb ends at its comma: "At about the same time, the minister ...",
        // "However, the court ...".
        // "Though she called ... and called for": a subordinator without its comma before the cue opens the
        // clause whose subject follows it.
        for _ in 0..3 {
            // "Last year, he …", "This week, the minister …": a time phrase before a comma.
            if let Some(comma) = (k + 1..before.min(k + 4)).find(|&i| self.is_punct(i, ","))
                && (k..comma).any(|i| is_time_word(self.low(i)))
                && (k..comma).all(|i| self.tokens[i].kind != TokenKind::Punct)
            {
                k = comma + 1;
                continue;
            }
            if k >= before
                || !(OPENING_ADJUNCTS.contains(&self.low(k))
                    || self.tokens[k].kind == TokenKind::Word && self.low(k).ends_with("ly")
                    || self.opening_participle(k))
            {
                break;
            }
            if let Some(comma) = (k + 1..before.min(k + 16)).find(|&i| self.is_punct(i, ",")) {
                k = comma + 1;
                // "In Dayton, Ohio, the governor ...": the state or country after a place ends the adjunct too.
                if let Some(next) = (k..before.min(k + 4)).find(|&i| self.is_punct(i, ","))
                    && next > k
                    && self.tokens[comma - 1].is_capitalized(self.text)
                    && (k..next).all(|i| self.tokens[i].kind == TokenKind::Word && self.cap(i))
                {
                    k = next + 1;
                }
            } else if matches!(
                self.low(k),
                "though" | "although" | "while" | "when" | "if" | "because" | "however"
            ) || self.low(k).ends_with("ly")
            {
                k += 1;
            } else {
                break;
            }
        }
        // A loose phrase ends before a verb in the past tense: "inspectors searched every truck".
        let verb = (k + 1..before.min(k + 8)).find(|&i| {
            let w = self.low(i);
            self.tokens[i].kind == TokenKind::Word
                && !self.cap(i)
                && w.len() > 4
                && w.ends_with("ed")
                // "the retired surgeon": an adjective after a determiner.
                && !speakers::DETERMINERS.contains(&self.low(i - 1))
        });
        self.np_forward(k, before).or_else(|| {
            speakers::np_forward_loose(self, k, verb.unwrap_or(before)).filter(|np| np.tok.1 - np.tok.0 <= 4)
        })
    }

    /// "in Dayton, Ohio": the phrase is the state or country after a place named after a preposition.
    fn qualifies_place(&self, s0: usize, np: &NounPhrase) -> bool {
        let a = np.tok.0;
        a >= s0 + 3
            && self.is_punct(a - 1, ",")
            && self.tokens[a - 2].is_capitalized(self.text)
            && (a.saturating_sub(5).max(s0)..a - 2)
                .any(|k| matches!(self.low(k), "in" | "at" | "near" | "from" | "outside" | "to"))
    }

    /// "…,” said his lawyer, Omar Haddad.": a description after the cue, then the name in apposition that
    /// ends the sentence or its clause: the name speaks.
    fn named_in_apposition(&self, np: NounPhrase, s1: usize) -> NounPhrase {
        let (_, b) = np.tok;
        if !matches!(np.kind, NpKind::Group | NpKind::TitleRef) || b + 1 >= s1 || !self.is_punct(b, ",") {
            return np;
        }
        match self.np_forward(b + 1, s1) {
            Some(name)
                if name.kind == NpKind::Person
                    && (name.tok.1 >= s1 || matches!(self.tok(name.tok.1), "," | "." | ";" | "!" | "?")) =>
            {
                name
            }
            _ => np,
        }
    }

    /// "Crucially, the auditor said": one capitalised word ending in -ly before a comma that names no entity is
    /// an adverb opening the sentence, not a name ("Kelly, the spokeswoman, said" names one).
    fn opening_adverb(&self, np: &NounPhrase) -> bool {
        np.tok.1 == np.tok.0 + 1
            && self.low(np.tok.0).len() > 5
            && self.low(np.tok.0).ends_with("ly")
            && self.entity_index.overlapping(np.span).next().is_none()
    }

    /// "Arriving at the port, inspectors ...": a participle opening the sentence, before a lower-case word,
    /// that names no entity ("Beijing on Monday ..." does), starts an adjunct that ends at its comma.
    fn opening_participle(&self, k: usize) -> bool {
        let t = &self.tokens[k];
        t.kind == TokenKind::Word
            && self.low(k).len() > 5
            && (self.low(k).ends_with("ing") || self.low(k).ends_with("ed"))
            && k + 1 < self.tokens.len()
            && self.tokens[k + 1].kind == TokenKind::Word
            && !self.tokens[k + 1].is_capitalized(self.text)
            && self.entity_index.overlapping(t.span()).next().is_none()
    }

    /// The first token after a dateline that opens the sentence ("LIMA, Peru (Reuters) - ", "OSLO — "), or
    /// `s0`: the place and the agency of a dateline are no subject of the sentence they precede.
    fn after_dateline(&self, s0: usize, before: usize) -> usize {
        let start = self.tokens[s0].start;
        let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        // "ORLANDO, Fla. (Reuters) -": the sentence may start after the place's abbreviation.
        let prefix = &self.text[line_start..start];
        let first_line = prefix.trim().is_empty()
            || prefix.len() <= 40
                && prefix
                    .split(|c: char| !c.is_alphabetic())
                    .next()
                    .is_some_and(|w| w.len() >= 2 && w.chars().all(char::is_uppercase));
        if !first_line {
            return s0;
        }
        let mut agency = false;
        let mut depth = 0usize;
        for k in s0..before.min(s0 + 14) {
            let t = self.tok(k);
            match self.tokens[k].kind {
                TokenKind::Punct if depth == 0 && matches!(t, "-" | "–" | "—" | "--" | "―") => {
                    let shouted = speakers::is_shouted(self.tok(s0));
                    return if (shouted || agency) && k > s0 && k + 1 < before {
                        k + 1
                    } else {
                        s0
                    };
                }
                TokenKind::Punct if t == "(" => depth += 1,
                TokenKind::Punct if t == ")" && depth > 0 => {
                    depth -= 1;
                    agency = true;
                }
                TokenKind::Punct if matches!(t, "," | "." | "/") => {}
                TokenKind::Number => {}
                TokenKind::Word if self.tokens[k].is_capitalized(self.text) || depth > 0 => {}
                _ => return s0,
            }
        }
        s0
    }

    /// "X, <apposition>, said": the speaker is the phrase before the apposition's opening comma.
    fn apposition_speaker(&self, s0: usize, comma: usize) -> Option<NounPhrase> {
        let mut k = comma;
        for _ in 0..2 {
            // The previous comma, not crossing a quotation mark.
            let mut p = k;
            let mut found = None;
            while p > s0 && k - p < 48 {
                p -= 1;
                if self.is_quote_mark(p) {
                    break;
                }
                if self.is_punct(p, ",") {
                    found = Some(p);
                    break;
                }
            }
            let p = found?;
            // "A lawyer for the outlets, Jane Roe, said": the name in the apposition.
            let inner = self
                .np_forward(p + 1, k)
                .filter(|np| np.tok.1 == k && np.kind == NpKind::Person && np.name.of(self.text).contains(' '));
            // "Rep. Jane Roe (D-N.Y.), chair of the caucus, said": the name before the parenthesis.
            let mut end = p;
            if end > s0 + 1
                && self.is_punct(end - 1, ")")
                && let Some(open) = (s0..end - 1).rev().take(8).find(|&i| self.is_punct(i, "("))
            {
                end = open;
            }
            if end > s0
                && let Some(np) = self.np_back(s0, end - 1)
                && np.kind != NpKind::Relative
                && !self.qualifies_place(s0, &np)
            {
                let starts_clause = np.tok.0 == s0
                    || self.tokens[np.tok.0 - 1].kind == TokenKind::Punct
                    || matches!(self.low(np.tok.0 - 1), "but" | "and" | "while" | "as");
                if starts_clause && (np.kind == NpKind::Person || inner.is_none()) {
                    return Some(np);
                }
            }
            if inner.is_some() {
                return inner;
            }
            k = p;
        }
        None
    }

    /// Content clause after a cue starting at token `k`: skips an addressee, adjuncts, "that" and a colon.
    /// Returns the content and the end of what was skipped.
    fn forward_content(
        &self,
        si: usize,
        cue_token: usize,
        mut k: usize,
        s1: usize,
        form: CueForm,
    ) -> (Option<Span>, usize) {
        let mut tail = if k > 0 { self.tokens[k - 1].end } else { 0 };
        let end = self.content_end(si);
        // "that" within a few plain words ("said on Monday that", "told reporters in Brussels that").
        for n in 0..10 {
            let at = k + n;
            if at >= s1 {
                break;
            }
            let t = self.tokens[at];
            if t.kind == TokenKind::Punct {
                if self.tok(at) == ":" && n <= 6 {
                    tail = t.end;
                    let start = self.tokens.get(at + 1).map(|t| t.start).unwrap_or(end);
                    return (
                        if at + 1 < s1 && end > start {
                            Some(Span::new(start, end))
                        } else {
                            None
                        },
                        tail,
                    );
                }
                break;
            }
            // A subject or a finite verb before "that" means the clause has begun ("said officials are in
            // possession of video that shows ..."): that "that" is a relative pronoun, not the complementiser.
            if n > 0 && (PRONOUNS.contains(&self.low(at)) || is_finite_word(self.low(at))) {
                break;
            }
            // "said the minister denied that ...": a noun phrase right after the cue and then a past tense is
            // the clause's subject and verb; the "that" belongs to the clause.
            // "said he learned that ..." likewise.
            let subject_pronoun = matches!(self.low(k), "he" | "she" | "they" | "we" | "i");
            let determiner = matches!(self.low(k), "the" | "a" | "an" | "his" | "her" | "its" | "their");
            if (n >= 2 && determiner || n >= 1 && subject_pronoun) && {
                let w = self.low(at);
                w.len() > 4 && w.ends_with("ed") || is_finite_cue(w) && !w.ends_with('s')
            } {
                break;
            }
            if self.low(at) == "that" {
                // "said that, “Of course ...”": a comma may follow "that".
                let mut from = at + 1;
                if from < s1 && self.is_punct(from, ",") {
                    from += 1;
                }
                if from < s1 && self.tokens[from].kind == TokenKind::Punct && !self.is_quote_mark(from) {
                    break;
                }
                tail = t.end;
                let start = self.tokens.get(from).map(|t| t.start).unwrap_or(end);
                return (
                    if from < s1 && end > start + 2 {
                        Some(Span::new(start, end))
                    } else {
                        None
                    },
                    tail,
                );
            }
        }
        if form.class == CueClass::ThatOnly {
            return (None, tail);
        }
        // The addressee: "told reporters ...", "warned him ...".
        let mut addressed = false;
        if form.class == CueClass::Addressee && k < s1 && self.tokens[k].kind == TokenKind::Word && self.low(k) != "to"
        {
            addressed = true;
            if matches!(self.low(k), "him" | "her" | "them" | "us" | "me" | "you") {
                k += 1;
            } else if let Some(np) = self
                .np_forward(k, s1)
                .or_else(|| speakers::np_forward_loose(self, k, s1).filter(|np| np.tok.1 - np.tok.0 <= 4))
            {
                k = np.tok.1;
            }
            if k > 0 {
                tail = self.tokens[k - 1].end;
            }
        }
        // Adjuncts: a day, or a short prepositional phrase that ends the clause.
        loop {
            if k >= s1 {
                break;
            }
            let w = self.low(k);
            if matches!(
                w,
                "monday"
                    | "tuesday"
                    | "wednesday"
                    | "thursday"
                    | "friday"
                    | "saturday"
                    | "sunday"
                    | "today"
                    | "yesterday"
                    | "tonight"
                    | "earlier"
                    | "later"
                    | "again"
                    | "also"
                    | "separately"
                    | "privately"
                    | "publicly"
            ) {
                k += 1;
                tail = self.tokens[k - 1].end;
                continue;
            }
            if matches!(
                w,
                "in" | "at"
                    | "on"
                    | "of"
                    | "during"
                    | "via"
                    | "through"
                    | "after"
                    | "before"
                    | "last"
                    | "this"
                    | "late"
                    | "early"
            ) {
                let mut e = k + 1;
                // "said after the vote he would ...": a subject pronoun opens the clause.
                let subject = |e: usize| {
                    w != "of"
                        && matches!(self.low(e), "he" | "she" | "they" | "we" | "i")
                        && !matches!(
                            self.low(e - 1),
                            "when"
                                | "where"
                                | "while"
                                | "if"
                                | "because"
                                | "and"
                                | "or"
                                | "as"
                                | "than"
                                | "after"
                                | "before"
                                | "since"
                                | "until"
                        )
                };
                while e < s1
                    && e < k + 9
                    && self.tokens[e].kind != TokenKind::Punct
                    && self.low(e) != "that"
                    && !(e > k + 1 && (subject(e) || self.clause_after_adjunct(e, s1)))
                {
                    e += 1;
                }
                let stops = e >= s1
                    || self.tokens[e].kind == TokenKind::Punct
                    || self.low(e) == "that"
                    || e > k + 1 && (subject(e) || self.clause_after_adjunct(e, s1));
                if stops && e > k + 1 {
                    k = e;
                    tail = self.tokens[k - 1].end;
                    if k < s1 && self.low(k) == "that" {
                        tail = self.tokens[k].end;
                        let start = self.tokens.get(k + 1).map(|t| t.start).unwrap_or(end);
                        return (
                            if k + 1 < s1 && end > start + 2 {
                                Some(Span::new(start, end))
                            } else {
                                None
                            },
                            tail,
                        );
                    }
                    continue;
                }
            }
            break;
        }
        if k >= s1 {
            return (None, tail);
        }
        let t = self.tokens[k];
        if t.kind == TokenKind::Punct {
            if self.tok(k) == ":" {
                tail = t.end;
                let start = self.tokens.get(k + 1).map(|t| t.start).unwrap_or(end);
                return (
                    if k + 1 < s1 && end > start {
                        Some(Span::new(start, end))
                    } else {
                        None
                    },
                    tail,
                );
            }
            return (None, tail);
        }
        let w = self.low(k);
        const NOT_CLAUSE: &[&str] = &[
            "to",
            "in",
            "on",
            "at",
            "for",
            "with",
            "about",
            "of",
            "by",
            "from",
            "into",
            "over",
            "up",
            "out",
            "off",
            "down",
            "as",
            "so",
            "and",
            "but",
            "or",
            "nothing",
            "no",
            "yes",
            "otherwise",
            "more",
            "much",
            "little",
            "anything",
            "something",
            "thanks",
            "sorry",
            "goodbye",
            "hello",
            "hi",
            "why",
            "how",
            "what",
            "when",
            "where",
            "who",
            "whether",
            "if",
            "against",
            "back",
            "forward",
            "through",
            "under",
            "after",
            "before",
            "during",
            "later",
            "so-called",
            "too",
            "enough",
            "not",
            "never",
            "following",
            "ahead",
            "shortly",
            "amid",
            "himself",
            "herself",
            "itself",
            "themselves",
        ];
        let addressee_to = addressed && w == "to";
        // "said no decision had been made", "said more than 300 people were hurt", "said little had changed":
        // such a word opens a subject, not an answer ("said no", "said more about it"), when a finite verb follows.
        let no_subject = matches!(
            w,
            "no" | "more" | "much" | "little" | "nothing" | "something" | "anything"
        ) && k + 1 < s1
            && self.tokens[k + 1].kind == TokenKind::Word
            && self.finite_clause(k, s1);
        if NOT_CLAUSE.contains(&w) && !addressee_to && !no_subject {
            return (None, tail);
        }
        let words = (k..s1)
            .filter(|&i| self.tokens[i].kind != TokenKind::Punct)
            .take(3)
            .count();
        if words < 3 {
            return (None, tail);
        }
        // "called for a ceasefire", "cited the report": cues whose content is a noun phrase.
        let call_for =
            self.low(cue_token).starts_with("call") && cue_token + 1 < s1 && self.low(cue_token + 1) == "for"
                || matches!(self.low(cue_token), "cite" | "cites" | "cited" | "citing");
        // Only "say" and "tell" take a bare clause freely; "wrote his book", "added a clause" are objects.
        let say_family = form.flags & lexicon::BARE_CLAUSE != 0 || call_for;
        if !say_family && !self.finite_clause(k, s1) {
            return (None, tail);
        }
        let start = t.start;
        (if end > start { Some(Span::new(start, end)) } else { None }, tail)
    }

    /// Whether the content clause begins at token `e`, right after an adjunct that is complete: a day or a
    /// date ("said on Monday the border was shut", "said on March 3 the talks had failed") or the channel of
    /// the statement ("said in a statement the plant would close"). Wire copy leaves "that" out there, and a
    /// time phrase or channel takes no further noun after it, so a clause that follows is the content.
    fn clause_after_adjunct(&self, e: usize, s1: usize) -> bool {
        let prev = self.low(e - 1);
        let complete = is_time_word(prev)
            || matches!(
                prev,
                "today" | "yesterday" | "statement" | "interview" | "briefing" | "speech"
            )
            || prev.bytes().all(|b| b.is_ascii_digit())
                && prev.len() <= 2
                && self.lex.months.contains(self.low(e.saturating_sub(2)));
        complete
            && self.tokens[e].kind == TokenKind::Word
            && !matches!(
                self.low(e),
                "and" | "or" | "of" | "with" | "to" | "for" | "in" | "at" | "on" | "by"
            )
            && self.finite_clause(e, s1)
    }

    /// A clause with a subject and a finite verb, roughly: a pronoun or determiner start and an auxiliary soon.
    fn finite_clause(&self, k: usize, s1: usize) -> bool {
        let first = self.low(k);
        if matches!(first, "he" | "she" | "they" | "we" | "i" | "it" | "there" | "you") {
            return true;
        }
        // The verb comes before a comma: "his book, Mr. Roe said" is no clause.
        let stop = (k + 1..s1.min(k + 10))
            .find(|&i| self.is_punct(i, ","))
            .unwrap_or(s1.min(k + 10));
        (k + 1..stop).any(|i| {
            let w = self.low(i);
            matches!(
                w,
                "is" | "are"
                    | "was"
                    | "were"
                    | "will"
                    | "would"
                    | "could"
                    | "can"
                    | "may"
                    | "might"
                    | "should"
                    | "must"
                    | "has"
                    | "have"
                    | "had"
                    | "did"
                    | "does"
                    | "do"
                    | "wants"
                    | "needs"
                    | "seems"
                    | "remains"
                    | "plans"
                    | "knows"
                    | "believes"
                    | "intends"
                    | "'s"
                    | "isn't"
                    | "wasn't"
                    | "won't"
                    | "can't"
                    | "didn't"
                    | "doesn't"
                    | "hasn't"
                    | "haven't"
                    | "aren't"
                    | "weren't"
                    | "wouldn't"
                    | "couldn't"
            ) || w.len() > 4 && w.ends_with("ed") && i > k && {
                // A past tense right after its subject ("the interference happened"), past an adverb ("the
                // officials only learned").
                let mut p = i - 1;
                while p > k && self.low(p).ends_with("ly") && self.tokens[p].kind == TokenKind::Word {
                    p -= 1;
                }
                let prev = self.low(p);
                self.tokens[p].kind == TokenKind::Word
                    && !prev.ends_with("ly")
                    && !matches!(
                        prev,
                        "the"
                            | "a"
                            | "an"
                            | "of"
                            | "on"
                            | "in"
                            | "to"
                            | "for"
                            | "by"
                            | "with"
                            | "and"
                            | "or"
                            | "be"
                            | "been"
                            | "being"
                            | "not"
                            | "its"
                            | "their"
                            | "his"
                            | "her"
                    )
            }
        })
    }

    fn np_back(&self, s0: usize, j: usize) -> Option<NounPhrase> {
        speakers::np_back(self, s0, j)
    }

    fn np_forward(&self, i: usize, s1: usize) -> Option<NounPhrase> {
        speakers::np_forward(self, i, s1)
    }

    /// Direct quotations with their attributions, and indirect quotes, in text order.
    fn assemble(&self, marked: &[MarkedQuote], attrs: &[Attribution]) -> Vec<Pending> {
        let mut used = vec![false; attrs.len()];
        // (marked index, attribution, continuation, mixed content replacing the quotation)
        let mut direct: Vec<(usize, Option<usize>, bool, Option<Span>)> = Vec::new();
        for (qi, q) in marked.iter().enumerate() {
            let para_span = self.paragraph_span(q.paragraph);
            // Right after: "…,” she said" / "…,” said Peskov". A quotation closing its sentence ("…
            // recklessness.”) does not take a following cue with a clause of its own ("Park said Kim ...").
            let closes_sentence = q.content.of(self.text).trim_end().ends_with(['.', '!', '?']);
            // Attributions are sorted by where they start: the ones right after the quotation follow a binary
            // search, and the gap only grows from there.
            let first_after = attrs.partition_point(|a| a.reach_start < q.close_end);
            let after = (first_after..attrs.len())
                .take_while(|&k| {
                    self.text[q.close_end..attrs[k].reach_start]
                        .chars()
                        .all(|c| c.is_whitespace() || matches!(c, ',' | '—' | '–' | '-'))
                })
                .find(|&k| {
                    let a = &attrs[k];
                    a.paragraph == q.paragraph && !(closes_sentence && a.content.is_some_and(|c| c.start >= a.cue.end))
                });
            // Right before: "Peskov said: “…”", "she said, “…”". Only the few attributions of the paragraph
            // that start before the quotation are candidates.
            let upto = attrs.partition_point(|a| a.reach_start <= q.open);
            let before = (upto.saturating_sub(NEARBY_CUES)..upto).rev().find(|&k| {
                let a = &attrs[k];
                a.paragraph == q.paragraph
                    && a.tail_end <= q.open
                    && {
                        let gap = self.text[a.tail_end..q.open].trim();
                        gap.chars().all(|c| matches!(c, ':' | ',' | '—' | '–' | '-'))
                            || gap.eq_ignore_ascii_case("that")
                            || a.colon
                                && a.content.is_none()
                                && gap.ends_with(':')
                                && !gap.contains(['“', '”', '"', '.', '!', '?'])
                    }
                    && !self.runs_past(a.content, q)
            });
            // "\"ROE: We will …": a transcript quoted whole names the speaker of each turn inside the mark.
            let first_inside = attrs.partition_point(|a| a.reach_start < q.content.start);
            let label = attrs
                .get(first_inside)
                .filter(|a| {
                    a.reach_start == q.content.start
                        && a.tail_end <= q.content.end
                        && self.text[..a.tail_end].ends_with(':')
                })
                .map(|_| first_inside);
            let chosen = match (after, before) {
                (Some(a), _) if !used[a] => Some((a, false)),
                (_, Some(b)) if used[b] => Some((b, true)),
                (_, Some(b)) => Some((b, false)),
                (Some(a), None) if used[a] => Some((a, true)),
                _ => label.filter(|&k| !used[k]).map(|k| (k, false)),
            };
            let words = q.content.of(self.text).split_whitespace().count();
            let mut statement = self.looks_like_statement(q, words, para_span);
            // After a quotation of this paragraph, a shorter one continues it ("“A,” he said. “Not now.”").
            if !statement && direct.last().is_some_and(|d| marked[d.0].paragraph == q.paragraph) && words >= 2 {
                let before = self.text[para_span.start.min(q.open)..q.open].trim_end();
                let opens_sentence = before.ends_with(['.', '!', '?', ':', '”', '"']);
                statement = opens_sentence || words >= 4 && before.ends_with(',');
            }
            match chosen {
                Some((a, cont)) if words >= 1 && (statement || words >= 2) => {
                    used[a] = true;
                    // "So this “could be a short-term move,” she added.": the sentence is a mixed quote.
                    let mixed = (!cont && attrs[a].reach_start >= q.close_end)
                        .then(|| self.mixed_lead(q))
                        .flatten();
                    direct.push((qi, if cont { None } else { Some(a) }, cont, mixed));
                }
                _ if statement => {
                    // A lead-in at the end of the paragraph before: "Peskov said:".
                    let this_para = self.paragraph_index(q.paragraph);
                    let lead_in = if q.open == para_span.start {
                        (0..attrs.len()).rev().find(|&a| {
                            attrs[a].colon && !used[a] && self.paragraph_index(attrs[a].paragraph) + 1 == this_para
                        })
                    } else {
                        None
                    };
                    if let Some(a) = lead_in {
                        used[a] = true;
                        direct.push((qi, Some(a), false, None));
                    } else {
                        direct.push((qi, None, true, None));
                    }
                }
                _ => {}
            }
        }
        let mut pending: Vec<Pending> = Vec::new();
        let mut consumed = vec![false; marked.len()];
        for (ai, a) in attrs.iter().enumerate() {
            if used[ai] {
                continue;
            }
            let Some(c) = a.content else { continue };
            let c = self.capped(c);
            // Quotations inside the content make it mixed; a content inside or across a quotation is no quote.
            let mut kind = QuoteKind::Indirect;
            let mut ok = true;
            let near = marked.partition_point(|q| q.close_end <= c.start);
            for (qi, q) in marked.iter().enumerate().skip(near).take_while(|(_, q)| q.open < c.end) {
                let qspan = Span::new(q.open, q.close_end);
                if c.contains(qspan) || c.contains(q.content) {
                    kind = QuoteKind::Mixed;
                    consumed[qi] = true;
                } else if q.content.overlaps(c) {
                    ok = false;
                }
            }
            if ok {
                pending.push(Pending {
                    kind,
                    content: c,
                    paragraph: a.paragraph,
                    attribution: Some(ai),
                    continues: false,
                });
            } else {
                for (qi, q) in marked.iter().enumerate().skip(near).take_while(|(_, q)| q.open < c.end) {
                    if c.contains(Span::new(q.open, q.close_end)) {
                        consumed[qi] = false;
                    }
                }
            }
        }
        for (qi, attr, cont, mixed) in direct {
            if consumed[qi] {
                continue;
            }
            let q = marked[qi];
            let (kind, content) = match mixed {
                Some(span) => (QuoteKind::Mixed, span),
                None => (QuoteKind::Direct, q.content),
            };
            pending.push(Pending {
                kind,
                content,
                paragraph: q.paragraph,
                attribution: attr,
                continues: cont,
            });
        }
        pending.sort_by_key(|p| (p.content.start, p.content.end));
        pending.dedup_by_key(|p| p.content);
        pending
    }

    /// A reported content of at most `MAX_CONTENT` bytes, cut after a word: a "sentence" that never ends
    /// (text without punctuation) reports no more than that, so output stays proportional to input.
    fn capped(&self, c: Span) -> Span {
        if c.len() <= MAX_CONTENT {
            return c;
        }
        let head = head_of(c.of(self.text), MAX_CONTENT);
        let cut = head.rfind(char::is_whitespace).unwrap_or(head.len());
        Span::new(c.start, c.start + head[..cut].trim_end().len())
    }

    /// The content clause goes on past the quotation ("said that “A” against B"): a mixed quote, not a direct
    /// quotation with its lead-in.
    fn runs_past(&self, content: Option<Span>, q: &MarkedQuote) -> bool {
        content.is_some_and(|c| {
            c.start <= q.open
                && c.end > q.close_end
                && self.text[q.close_end..c.end]
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .count()
                    >= 3
        })
    }

    /// A short line naming a person right after a paragraph of quotation (and the quotation paragraphs that
    /// follow it): "Jane Roe, The Daily Planet" or "— Jane Roe".
    fn credit_line_after(&self, paragraph: usize) -> Option<NounPhrase> {
        let paras = &self.paragraphs;
        let k = paras.iter().position(|&(p, _)| p == paragraph)?;
        for &(p, span) in paras.iter().skip(k + 1).take(4) {
            let line = span.of(self.text).trim();
            if line.starts_with(['“', '"', '‘', '«']) {
                continue;
            }
            let body = line.trim_start_matches(['—', '–', '-', ' ']);
            if body.split_whitespace().count() > 8 || body.ends_with(['.', '!', '?', ':', '”', '"']) {
                return None;
            }
            let si = self.sentences.iter().position(|s| s.paragraph == p && !s.boilerplate)?;
            let (s0, s1) = self.sent_tokens[si];
            let mut i = s0;
            while i < s1 && self.tokens[i].kind == TokenKind::Punct {
                i += 1;
            }
            let np = self.np_forward(i, s1)?;
            let name_words = np.name.of(self.text).split_whitespace().count();
            let ends = np.tok.1 >= s1 || self.is_punct(np.tok.1, ",");
            return (np.kind == NpKind::Person && name_words >= 2 && ends).then_some(np);
        }
        None
    }

    /// The sentence text before a quotation that does not open its sentence makes a mixed quote of both:
    /// from the sentence start to the closing mark.
    fn mixed_lead(&self, q: &MarkedQuote) -> Option<Span> {
        let si = self.sentence_of(q.open)?;
        let s = self.sentences[si];
        let before = self.text[s.start..q.open].trim();
        if before.is_empty()
            || before.ends_with([':', '.', '!', '?', '—', '–'])
            || before.split_whitespace().take(2).count() < 2
        {
            return None;
        }
        let lead = self.text[s.start..].len()
            - self.text[s.start..]
                .trim_start_matches(['“', '"', '‘', '\'', ' '])
                .len();
        let end = self.text[..q.close_end].trim_end_matches([',', ' ']).len();
        (end > s.start + lead).then(|| Span::new(s.start + lead, end))
    }

    fn paragraph_span(&self, paragraph: usize) -> Span {
        let first = self.sentences.partition_point(|s| s.paragraph < paragraph);
        let last = self.sentences.partition_point(|s| s.paragraph <= paragraph);
        if first >= last {
            return Span::new(0, 0);
        }
        Span::new(self.sentences[first].start, self.sentences[last - 1].end)
    }

    /// Position of a paragraph among the non-boilerplate paragraphs (boilerplate lines in between do not
    /// separate a lead-in from its quotation).
    fn paragraph_index(&self, paragraph: usize) -> usize {
        self.paragraphs
            .binary_search_by_key(&paragraph, |&(p, _)| p)
            .ok()
            .unwrap_or(usize::MAX - 1)
    }

    /// A quotation that is a statement, not a scare quote or a title.
    fn looks_like_statement(&self, q: &MarkedQuote, words: usize, para: Span) -> bool {
        let content = q.content.of(self.text);
        if words < 4 {
            return false;
        }
        // Titles: most words capitalised and no sentence punctuation.
        let caps = content
            .split_whitespace()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count();
        let punct = content.contains(['.', ',', '!', '?', ';']);
        if caps * 3 >= words * 2 && !punct && words < 12 {
            return false;
        }
        let before = self.text[para.start.min(q.open)..q.open].trim_end();
        let at_start =
            before.is_empty() || before.ends_with(['.', '!', '?', ':', '—', '–']) || before.ends_with(['”', '"']);
        at_start || q.content.start <= para.start + 3
    }

    /// Whether a pronoun can refer to an earlier speaker: "it" to an organisation, country or group, "he" and
    /// "she" to a person (of that gender when known), "they" to anyone.
    fn pronoun_fits(&self, np: &NounPhrase, prev: &Speaker) -> bool {
        if prev.name.is_none() {
            return false;
        }
        let entity = prev.entity.and_then(|id| self.entities.get(id - 1));
        let person = entity.map(|e| e.kind == EntityKind::Person);
        match self.low(np.tok.0) {
            "it" | "its" => person == Some(false),
            "he" | "him" | "his" => person != Some(false) && entity.and_then(|e| e.gender) != Some('f'),
            "she" | "her" => person != Some(false) && entity.and_then(|e| e.gender) != Some('m'),
            _ => true,
        }
    }

    /// Resolve speakers in text order and build the quotes.
    /// A quotation paragraph with no attribution after a paragraph of narration about one person ("He
    /// touted his record …" then "“…”"): that person speaks, when the last sentences of the paragraph
    /// before have a person (or a pronoun the actor stage resolved) as subject.
    fn narrated_person(&self, p: &Pending) -> Option<Speaker> {
        let para = self.paragraph_span(p.paragraph);
        if p.kind != QuoteKind::Direct || !self.text[para.start..p.content.start].trim().chars().all(is_quote_char) {
            return None;
        }
        let first = self.sentences.partition_point(|s| s.end <= para.start);
        let this = self.paragraph_index(p.paragraph);
        for si in (first.saturating_sub(3)..first).rev() {
            if self.sentences[si].boilerplate || self.paragraph_index(self.sentences[si].paragraph) + 1 != this {
                return None;
            }
            let (s0, s1) = self.sent_tokens[si];
            if (s0..s1).any(|k| self.is_quote_mark(k)) {
                return None;
            }
            let Some(np) = self.sentence_subject(s0, s1) else {
                continue;
            };
            if !matches!(np.kind, NpKind::Person | NpKind::Pronoun | NpKind::TitleRef) {
                continue;
            }
            let speaker = speakers::resolve(self, &np)?;
            let person = speaker
                .entity
                .and_then(|id| self.entities.iter().find(|e| e.id == id))
                .is_some_and(|e| e.kind == EntityKind::Person);
            return (person && speaker.name.is_some()).then_some(speaker);
        }
        None
    }

    fn resolve(&self, pending: Vec<Pending>, attrs: &[Attribution]) -> Vec<Quote> {
        let mut out: Vec<Quote> = Vec::with_capacity(pending.len());
        let mut last_para_quote: Option<(usize, usize)> = None; // (paragraph index, quote index)
        for p in pending {
            let pidx = self.paragraph_index(p.paragraph);
            let (speaker, cue, cue_span) = match p.attribution {
                Some(ai) => {
                    let a = &attrs[ai];
                    let mut speaker = a.speaker.as_ref().and_then(|np| speakers::resolve(self, np));
                    // "…, who said": the mention next to the cue is the relative pronoun.
                    if let (Some(sp), Some(who)) = (speaker.as_mut(), a.relative) {
                        sp.mention = Some(who);
                    }
                    // "…,” it added": a pronoun the actor stage left without an entity is the latest speaker
                    // of its paragraph or the one before who fits it.
                    if let Some(np) = a.speaker.as_ref().filter(|np| np.kind == NpKind::Pronoun)
                        && speaker.as_ref().is_some_and(|sp| sp.name.is_none())
                        && let Some((pp, qi)) = last_para_quote
                        && (pp == pidx || pp + 1 == pidx)
                        && let Some(prev) = out[qi].speaker.as_ref()
                        && self.pronoun_fits(np, prev)
                    {
                        speaker = Some(Speaker {
                            mention: speaker.and_then(|sp| sp.mention),
                            ..prev.clone()
                        });
                    }
                    (speaker, Some(a.cue.of(self.text).to_string()), Some(a.cue))
                }
                None => {
                    // A continuation: the previous quote of this paragraph or of the paragraph before.
                    let prev = last_para_quote
                        .filter(|&(pp, _)| pp == pidx || pp + 1 == pidx)
                        .map(|(_, qi)| qi);
                    match prev {
                        Some(qi) => (out[qi].speaker.clone(), None, None),
                        None => {
                            // A credit line after the quotation paragraphs ("Jane Roe, The Daily Planet"), else
                            // the person the paragraph before is about.
                            let credit = self.credit_line_after(p.paragraph);
                            let speaker = credit
                                .and_then(|np| speakers::resolve(self, &np))
                                .or_else(|| self.narrated_person(&p));
                            (speaker, None, None)
                        }
                    }
                }
            };
            let _ = p.continues;
            out.push(Quote {
                kind: p.kind,
                start: p.content.start,
                end: p.content.end,
                text: p.content.of(self.text).to_string(),
                cue,
                cue_span,
                speaker,
            });
            last_para_quote = Some((pidx, out.len() - 1));
        }
        out
    }
}

#[cfg(test)]
mod tests;
