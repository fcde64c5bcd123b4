//! The engine: for each sentence, read it (`sentence`), choose the triggers that apply, read each by its part of
//! speech (`verbal`, `nominal`, `adjectival`), and emit the candidates (`emit`). The recorder is told what
//! happened to each trigger.

use super::emit::{self, Candidate, Party};
use super::explain::SentenceTrace;
use super::frames;
use super::grammar::Class;
use super::lexicon::{FormKind, Frame, Payload, Pos};
use super::sentence::{Match, Sent};
use super::syntax::Arg;
use super::trace::Recorder;
use super::{EventCoder, adjectival, context, nominal, protest_aim, speech, verbal};
use crate::text::{ArticleTokens, tokenize_into};
use detente_records::{Event, Mention, Quote, Sentence};

/// Sentences longer than this many tokens are lists, tables or run-on text, not news sentences: not read for
/// events (this also bounds the work per sentence).
const MAX_TOKENS: usize = 160;

/// How many opening sentences may name the article's main pair.
const LEAD_SENTENCES: usize = 2;

/// What the readers share: the coder's dictionaries, the sentence, the article's quotes and mentions.
pub(super) struct Ctx<'a> {
    pub coder: &'a EventCoder,
    pub s: &'a Sent<'a>,
    pub quotes: &'a [Quote],
    pub mentions: &'a [Mention],
    /// Triggers governed by a complement verb: (first token, the governor's frame).
    pub governed: Vec<(usize, Frame)>,
    /// The doer of the last act read in the sentence before: whom "those demands", "this move" point back to.
    pub previous_doer: Option<Party>,
    /// The two sides of the article's lead: the first interaction of its opening sentences.
    pub lead_pair: Option<(Party, Party)>,
}

impl Ctx<'_> {
    /// The frame of the complement verb that governs the trigger starting at `first` ("demanded that X *vow*").
    pub fn governor_of(&self, first: usize) -> Option<Frame> {
        self.governed
            .iter()
            .find(|(f, _)| *f == first)
            .map(|(_, fr)| *fr)
            // "demanded that X withdraw its troops and pay damages": a verb coordinated with a governed one is
            // governed by the same word.
            .or_else(|| coordinated_governor(self.s, &self.governed, first))
    }

    /// The parties an argument names.
    pub fn parties(&self, arg: Option<&Arg>) -> Vec<Party> {
        arg.map(|a| {
            a.actors
                .iter()
                .map(|&i| Party {
                    actor: self.s.actors[i].actor().clone(),
                    kind: self.s.actors[i].kind(),
                })
                .collect()
        })
        .unwrap_or_default()
    }
}

/// What came of one trigger: candidates, and a line for the explanation.
pub(super) struct Reading {
    pub candidates: Vec<Candidate>,
    pub outcome: String,
}

impl Reading {
    pub fn none(why: impl Into<String>) -> Reading {
        Reading {
            candidates: Vec::new(),
            outcome: why.into(),
        }
    }
}

impl From<Vec<Candidate>> for Reading {
    fn from(candidates: Vec<Candidate>) -> Reading {
        let outcome = candidates
            .iter()
            .map(|c| {
                format!(
                    "{} {} [{}]{}",
                    c.code,
                    if c.factual { "" } else { "(not factual)" },
                    c.pattern,
                    if c.negated { " negated" } else { "" }
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        Reading { candidates, outcome }
    }
}

pub(super) struct Run {
    pub events: Vec<Event>,
    pub traces: Vec<SentenceTrace>,
}

/// A source that waits for its place (no code yet, or a side named without its country): no pronoun or later
/// sentence refers back to it, and it names no side of the lead.
pub(super) fn is_stand_in(code: &str) -> bool {
    code.is_empty() || super::implied::is_pending(code) || super::unidentified::is_unidentified(code)
}

/// Codes every non-boilerplate sentence.
pub(super) fn run(
    coder: &EventCoder,
    text: &str,
    sentences: &[Sentence],
    tokens: &ArticleTokens,
    mentions: &[Mention],
    quotes: &[Quote],
    trace: bool,
) -> Run {
    // "Police arrested ...": sides named without their country, as stand-ins (`implied`).
    let mentions = &*super::implied::with_implied(&coder.grammar, text, mentions);
    let mut rec = Recorder::new(trace);
    let mut events = Vec::new();
    let mut previous_doer: Option<Party> = None;
    let mut lead_pair: Option<(Party, Party)> = None;
    let mut quotes_by_start: Vec<usize> = (0..quotes.len()).collect();
    quotes_by_start.sort_by_key(|&q| quotes[q].start);
    let mut cues_by_start: Vec<(usize, usize)> = (quotes.iter().enumerate())
        .filter_map(|(i, q)| q.cue_span.map(|c| (c.start, i)))
        .collect();
    cues_by_start.sort_unstable();
    // Boilerplate sentences have no shared tokens; the engine reads one only for its trace.
    let mut boilerplate_tokens = Vec::new();
    for (index, sentence) in sentences.iter().enumerate() {
        let raw = if sentence.boilerplate {
            boilerplate_tokens.clear();
            tokenize_into(text, sentence.span(), &mut boilerplate_tokens);
            &boilerplate_tokens
        } else {
            tokens.sentence(index)
        };
        let s = Sent::read(
            text,
            sentence,
            raw,
            mentions,
            quotes,
            (&quotes_by_start, &cues_by_start),
            &coder.grammar,
            &coder.lexicon,
            trace,
        );
        rec.sentence(index, sentence.span().of(text), || {
            s.actors
                .iter()
                .map(|a| format!("{} = {}", &text[a.mention.start..a.mention.end], a.actor().code))
                .collect()
        });
        if sentence.boilerplate {
            rec.skip("boilerplate (promo line, caption, byline)");
            continue;
        }
        if s.len() > MAX_TOKENS {
            rec.skip("too long to be a sentence");
            continue;
        }

        let mut ctx = Ctx {
            coder,
            s: &s,
            quotes,
            mentions,
            governed: Vec::new(),
            previous_doer: previous_doer.take(),
            lead_pair: lead_pair.clone(),
        };
        let triggers = chosen(&ctx);
        if !triggers.is_empty() && is_sport(coder, &s) {
            rec.skip("sport or entertainment");
            continue;
        }
        ctx.governed = governed(&ctx, &triggers);
        let mut candidates = Vec::new();
        for m in triggers {
            let Payload::Entry(e, form) = m.payload else { continue };
            let entry = &coder.lexicon.entries[e];
            let before = m.first.checked_sub(1);
            // ("resorted to throwing stones" keeps its verb: "to" after a verb.)
            let gerund = form == FormKind::Ing
                && (before.is_some_and(|p| {
                    s.is_any(p, &[Class::Determiner, Class::Possessive, Class::Preposition])
                        && !(s.w(p) == "to" && p > 0 && (s.verb_at[p - 1] || s.is(p - 1, Class::FactualGovernor)))
                        && !gerund_with_object(&s, p, m.last)
                }) || subject_gerund(&s, m.first, m.last));
            // "a cave in the north": after a determiner a word is no verb; nor is an -s form after a preposition
            // ("evidence about contacts between them").
            if entry.pos == Pos::Verb
                && form != FormKind::Ing
                && before.is_some_and(|p| {
                    s.is_any(p, &[Class::Determiner, Class::Possessive])
                        && s.w(p) != "that"
                        // "the army, which shelled": a relative pronoun before a past or -s form.
                        && !(s.w(p) == "which" && matches!(form, FormKind::Past | FormKind::PastPart | FormKind::Third))
                        || form == FormKind::Third && s.is(p, Class::Preposition) && s.w(p) != "to"
                })
            {
                rec.trigger(
                    s.between(m.first, m.last),
                    || entry.key(),
                    || "not a verb after a determiner (or, in -s, a preposition)".into(),
                );
                continue;
            }
            let reading = match entry.pos {
                // "the shelling of", "a shooting in": an -ing form after a determiner names the act.
                Pos::Verb if gerund => nominal::read(&ctx, e, m.first, m.last),
                Pos::Verb => verbal::read(&ctx, e, m.first, m.last, form),
                Pos::Noun => nominal::read(&ctx, e, m.first, m.last),
                Pos::Adj => adjectival::read(&ctx, e, m.first, m.last),
            };
            rec.trigger(
                s.between(m.first, m.last),
                || format!("{} {} ({})", entry.key(), entry.code, entry.file),
                || reading.outcome.clone(),
            );
            candidates.extend(reading.candidates);
        }
        for c in speech::obligations(&ctx)
            .into_iter()
            .chain(speech::blame(&ctx))
            .chain(speech::wrongdoing(&ctx))
        {
            rec.trigger(
                &text[c.trigger.0..c.trigger.1],
                || c.entry_key.clone(),
                || format!("{} [{}]", c.code, c.pattern),
            );
            candidates.push(c);
        }
        protest_aim::fold(text, &mut candidates);
        emit::events(coder, text, index, &candidates, &mut events);
        previous_doer = candidates
            .iter()
            .rev()
            .find_map(|c| c.sources.first().filter(|p| !is_stand_in(&p.actor.code)).cloned());
        if lead_pair.is_none() && index < LEAD_SENTENCES {
            lead_pair = candidates.iter().find_map(context::pair_of);
        }
    }
    Run {
        events,
        traces: rec.sentences,
    }
}

/// "by criticizing Peru", "after expelling the envoys": an -ing form after a gerund opener with its own object
/// is a verb (its subject is the clause's); "after the shelling of" and "by shelling" alone name the act.
fn gerund_with_object(s: &Sent, before: usize, last: usize) -> bool {
    let next = last + 1;
    s.is(before, Class::GerundOpener)
        && !s.is_any(before, &[Class::Determiner, Class::Possessive])
        && (s.toks.get(next).is_some_and(|t| t.actor.is_some())
            || s.is_any(next, &[Class::Determiner, Class::Possessive, Class::Number]))
}

/// "Fighting broke out", "Heavy shelling continued": an -ing form that opens the sentence (after at most two
/// modifiers) and is followed by a verb (an auxiliary, a lexicon verb, a past in -ed, or a verb with "out":
/// "broke out") is the subject noun, not a verb.
fn subject_gerund(s: &Sent, first: usize, last: usize) -> bool {
    let next = last + 1;
    first <= 2
        && next < s.len()
        && s.toks[next].word
        && (0..first).all(|k| s.toks[k].word && s.toks[k].actor.is_none() && !s.verb_at[k])
        && (s.is_verbish(next) || s.w(next).ends_with("ed") || s.w(next + 1) == "out")
}

/// The triggers that complement verbs govern, with the governor's frame.
fn governed(ctx: &Ctx, triggers: &[Match]) -> Vec<(usize, Frame)> {
    let lexicon = &ctx.coder.lexicon;
    triggers
        .iter()
        .filter_map(|m| match m.payload {
            Payload::Entry(e, _) if !matches!(lexicon.entries[e].frame, Frame::Object | Frame::Speaker) => {
                frames::governed(ctx.s, lexicon, m.last).map(|g| (g.first, lexicon.entries[e].frame))
            }
            _ => None,
        })
        .collect()
}

/// The frame governing the predicate that the verb at `first` is coordinated with ("and", "or" before it): the
/// nearest earlier lexicon verb, or the verb whose infinitive that one is ("vowed to leave X and cut Y").
fn coordinated_governor(s: &Sent, governed: &[(usize, Frame)], first: usize) -> Option<Frame> {
    let mut k = first.checked_sub(1)?;
    while k > 0 && s.is_adverb(k) {
        k -= 1;
    }
    if !s.is_word(k, &["and", "or"]) {
        return None;
    }
    // ("the raid": a verb entry after a determiner is its noun.)
    let verb_here = |j: usize| s.verb_at[j] && !(j > 0 && s.is_any(j - 1, &[Class::Determiner, Class::Possessive]));
    let mut verb = (k.saturating_sub(25)..k)
        .rev()
        .take_while(|&j| !s.is_punct(j, &[";", ":", "—", "–", "(", ")", "“", "”", "\""]))
        .find(|&j| verb_here(j))?;
    loop {
        if let Some(&(_, frame)) = governed.iter().find(|&&(f, _)| f == verb) {
            return Some(frame);
        }
        // An infinitive: climb to the verb before its "to".
        let to = verb.checked_sub(1).filter(|&t| s.w(t) == "to")?;
        verb = (to.saturating_sub(3)..to).rev().find(|&j| s.verb_at[j])?;
    }
}

/// Two or more sport or entertainment words: a match report, not politics.
fn is_sport(coder: &EventCoder, s: &Sent) -> bool {
    (0..s.len()).filter(|&i| coder.sport_words.contains(s.w(i))).count() >= 2
}

/// A trigger word capitalised inside running prose is part of a name ("the Court of Appeals", "the Office for
/// the Coordination of Humanitarian Affairs", "Operation Defensive Shield"), not an act. Headlines and
/// all-caps copy capitalise every word, so there the rule is off.
fn inside_a_name(s: &Sent, m: &Match) -> bool {
    let k = m.first;
    if k == 0 || !s.toks[k].cap || s.is_punct(k - 1, &["“", "\"", "‘", "'", ":", "—", "–", "(", "-", "•"]) {
        return false;
    }
    // Running prose has lower-case content words; a title-case headline has only function words in lower case
    // ("Chile Appeals for Calm after the Vote").
    (0..s.len()).any(|i| s.toks[i].word && !s.toks[i].cap && s.w(i).len() >= 5 && !s.is(i, Class::TitleLowercase))
}

/// The entry matches that apply: not inside a discard phrase, not ending in a preposition that a time word
/// follows ("a strike on Monday"), not covered by a longer entry or overlapping an earlier one, and for a word
/// that is both a verb and a noun ("attack", "protest"), the part of speech its neighbours call for.
fn chosen(ctx: &Ctx<'_>) -> Vec<Match> {
    let s = ctx.s;
    let lexicon = &ctx.coder.lexicon;
    let discarded: Vec<(usize, usize)> = s
        .matches
        .iter()
        .filter(|m| matches!(m.payload, Payload::Discard))
        .map(|m| (m.first, m.last))
        .collect();
    let entries: Vec<&Match> = s
        .matches
        .iter()
        .filter(|m| matches!(m.payload, Payload::Entry(..)))
        .filter(|m| !discarded.iter().any(|&(a, b)| a <= m.last && m.first <= b))
        .filter(|m| !dangling_preposition(s, m))
        .filter(|m| !inside_a_name(s, m))
        .collect();
    let mut out: Vec<Match> = Vec::new();
    for m in &entries {
        let Payload::Entry(e, form) = m.payload else { continue };
        let len = m.last - m.first;
        let covered = entries
            .iter()
            .any(|o| o.first <= m.first && m.last <= o.last && o.last - o.first > len);
        // "held talks with": "talks with" overlaps the earlier, no shorter "held talks".
        let overlapped = out
            .iter()
            .any(|o| o.first < m.first && m.first <= o.last && o.last - o.first >= len);
        if covered || overlapped {
            continue;
        }
        let pos = lexicon.entries[e].pos;
        if lexicon.entries[e].noun_like
            && matches!(form, FormKind::Base | FormKind::Third)
            && reads_as(s, m.first, form) != Pos::Verb
        {
            continue;
        }
        let twins: Vec<Pos> = entries
            .iter()
            .filter(|o| o.first == m.first && o.last == m.last)
            .filter_map(|o| match o.payload {
                Payload::Entry(x, _) => Some(lexicon.entries[x].pos),
                _ => None,
            })
            .collect();
        let verb_form = entries.iter().find_map(|o| match o.payload {
            Payload::Entry(x, f) if o.first == m.first && o.last == m.last && lexicon.entries[x].pos == Pos::Verb => {
                Some(f)
            }
            _ => None,
        });
        if twins.contains(&Pos::Verb)
            && twins.contains(&Pos::Noun)
            && pos != reads_as(s, m.first, verb_form.unwrap_or(form))
        {
            continue;
        }
        if out
            .iter()
            .any(|o| o.first == m.first && o.last == m.last && o.payload == m.payload)
        {
            continue;
        }
        out.push(**m);
    }
    out
}

/// A multi-word entry ending in a preposition whose object is a time ("a strike on Monday", "talks in March"):
/// the preposition is not the one the entry means.
fn dangling_preposition(s: &Sent, m: &Match) -> bool {
    if m.last == m.first || !s.is(m.last, Class::Preposition) {
        return false;
    }
    let mut k = m.last + 1;
    while s.is(k, Class::Determiner) {
        k += 1;
    }
    s.is(k, Class::Time) || s.toks.get(k).is_some_and(|t| !t.word)
}

/// Whether a word that may be a verb or a noun reads as a verb here: after a subject, an auxiliary, "to" or a
/// pronoun, or in a form only verbs have; as a noun after a determiner, a possessive or anything else.
fn reads_as(s: &Sent, first: usize, form: FormKind) -> Pos {
    let mut k = first;
    while k > 0 && s.is_adverb(k - 1) {
        k -= 1;
    }
    // "Clashes between X and Y", "sanctions on X": a noun before the preposition of its target.
    let noun_before_target = s.is_word(first + 1, &["on", "against", "of", "over", "by", "between"]);
    let Some(prev) = k.checked_sub(1) else {
        if noun_before_target {
            return Pos::Noun;
        }
        return if matches!(form, FormKind::Base | FormKind::Singular | FormKind::Plural) {
            Pos::Noun
        } else {
            Pos::Verb
        };
    };
    if s.is_word(prev, &["'s", "’s"]) || s.is_any(prev, &[Class::Determiner, Class::Possessive, Class::Number]) {
        return Pos::Noun;
    }
    // "a high-profile meeting", "the bloody clashes": adjectives between a determiner and the word.
    let mut j = prev;
    for _ in 0..2 {
        if !s.toks[j].word || s.toks[j].actor.is_some() || !s.toks[j].cls.is_empty() || s.verb_at[j] || j == 0 {
            break;
        }
        j -= 1;
        if s.is_word(j, &["'s", "’s"]) || s.is_any(j, &[Class::Determiner, Class::Possessive, Class::Number]) {
            return Pos::Noun;
        }
    }
    if matches!(
        form,
        FormKind::Past | FormKind::Participle | FormKind::PastPart | FormKind::Ing
    ) {
        return Pos::Verb;
    }
    if noun_before_target {
        return Pos::Noun;
    }
    // "a U.S. request": an actor after a determiner modifies the noun.
    let modifier_actor = s.actor_at(prev).is_some_and(|a| {
        a.first > 0 && s.is_any(a.first - 1, &[Class::Determiner, Class::Possessive]) && s.w(a.first - 1) != "that"
    });
    if modifier_actor {
        return Pos::Noun;
    }
    let verbal_context = s.toks[prev].actor.is_some()
        || s.w(prev) == "to"
        || s.is_any(
            prev,
            &[
                Class::Be,
                Class::Have,
                Class::Do,
                Class::Future,
                Class::Irrealis,
                Class::NegatedModal,
                Class::NegatedAux,
                Class::SubjectPronoun,
                Class::Negator,
            ],
        );
    if verbal_context { Pos::Verb } else { Pos::Noun }
}
