//! Adjective triggers: "ready to", "willing to" (an intention, like "agree to"), and evaluative adjectives that
//! give the speaker's judgment of an actor ("Russia's outrageous action", said by the speaker: criticism).

use super::emit::{Candidate, Party};
use super::engine::{Ctx, Reading};
use super::grammar::Class;
use super::lexicon::Frame;
use super::sentence::Sent;
use super::speech;
use super::syntax;
use super::verbal;
use super::verbgroup::VerbGroup;

/// Reads an adjective trigger over tokens `first..=last`.
pub fn read(ctx: &Ctx, e: usize, first: usize, last: usize) -> Reading {
    let entry = &ctx.coder.lexicon.entries[e];
    match entry.frame {
        Frame::Speaker => judgment(ctx, e, first, last),
        // "is ready to meet": read like a verb whose auxiliary is "is".
        _ if ctx.s.w(last + 1) == "to" => verbal::read(ctx, e, first, last, super::lexicon::FormKind::Adj),
        _ => Reading::none("an adjective of intention needs \"to\" after it"),
    }
}

/// "a criminal case", "a fraud inquiry": a judgment noun read with its article ("a criminal", "a fraud") that
/// modifies the noun after it classifies that noun; it calls nobody a criminal.
fn modifies_a_noun(s: &Sent, first: usize, last: usize) -> bool {
    let next = last + 1;
    s.is_word(first, &["a", "an"])
        && next < s.len()
        && s.toks[next].word
        && !s.toks[next].cap
        && s.toks[next].actor.is_none()
        && !s.is_verbish(next)
        && !s.is_adverb(next)
        && !s.is_any(
            next,
            &[
                Class::Preposition,
                Class::Coordinator,
                Class::Relative,
                Class::Subordinator,
                Class::Conditional,
                Class::Determiner,
                Class::Time,
            ],
        )
}

/// An evaluative adjective: "called the party racist" (the subject of the naming verb judges its object), or
/// inside a quotation or its sentence (the speaker judges the actor it qualifies).
fn judgment(ctx: &Ctx, e: usize, first: usize, last: usize) -> Reading {
    let s = ctx.s;
    let entry = &ctx.coder.lexicon.entries[e];
    if modifies_a_noun(s, first, last) {
        return Reading::none("a noun of judgment modifying another noun (\"a criminal case\")");
    }
    if let Some(r) = named_as(ctx, e, first, last) {
        return r;
    }
    let quote = s.in_quote(first).or_else(|| {
        let (a, b) = (s.toks[0].start, s.toks[s.len() - 1].end);
        (s.cue_quotes.iter())
            .map(|&q| &ctx.quotes[q])
            .find(|q| q.cue_span.is_some_and(|c| a <= c.start && c.end <= b))
    });
    let Some(source) = quote.and_then(speech::speaker) else {
        return Reading::none("no speaker to judge");
    };
    let owner = first
        .checked_sub(2)
        .filter(|&k| s.is_word(k + 1, &["'s", "’s"]))
        .and_then(|k| s.toks[k].actor)
        .map(|a| syntax::conjoined_left(s, a, "possessor"))
        .or_else(|| syntax::object_from(s, last + 1, syntax::ObjectSearch::PLAIN));
    let mut targets: Vec<Party> = ctx.parties(owner.as_ref());
    let mut how = "speaker's judgment";
    let mut negated = false;
    if targets.is_empty()
        && let Some((subject, not)) = copula_subject(s, first)
    {
        // "Ortiz is a criminal", "the Kremlin was reckless": the predicate judges the subject.
        targets = ctx.parties(Some(&subject));
        how = "speaker's judgment of the subject";
        negated = not;
    }
    if targets.is_empty() {
        // "Those demands are unacceptable, the minister said": the demonstrative points back to the act of the
        // sentence before, whose doer is judged.
        match ctx
            .previous_doer
            .clone()
            .filter(|d| points_back(s, first) && d.actor.code != source.actor.code)
        {
            Some(doer) => {
                targets.push(doer);
                how = "speaker's judgment of the act before (\"this\", \"those\")";
            }
            None => return Reading::none("no actor judged"),
        }
    }
    let trigger = (s.toks[first].start, s.toks[last].end);
    let mut c = Candidate::new(entry, &entry.code, trigger, how);
    c.sources = vec![source];
    c.targets = targets;
    c.negated = negated;
    Reading::from(vec![c])
}

/// The subject of "is"/"was"/"are" right before a predicate at `first` ("Ortiz is a criminal", "they were
/// reckless"), and whether a "not" denies the predicate.
fn copula_subject(s: &Sent, first: usize) -> Option<(syntax::Arg, bool)> {
    let mut k = first;
    let mut not = false;
    while k > 0 && (s.is_adverb(k - 1) || s.is(k - 1, Class::Negator)) {
        not |= s.is(k - 1, Class::Negator);
        k -= 1;
    }
    let be = k.checked_sub(1).filter(|&b| s.is(b, Class::Be))?;
    Some((syntax::subject_left_of(s, be)?, not))
}

/// The sentence opens with a demonstrative and a noun ("Those requirements", "This decision") before `first`.
fn points_back(s: &Sent, first: usize) -> bool {
    first > 1 && s.is(0, Class::Demonstrative) && s.toks[1].word && s.toks[1].actor.is_none()
}

/// "X called Y racist", "X branded Y a disgrace", "X described Y as reckless": the subject of a naming verb
/// judges its object.
fn named_as(ctx: &Ctx, e: usize, first: usize, last: usize) -> Option<Reading> {
    let s = ctx.s;
    let entry = &ctx.coder.lexicon.entries[e];
    let verb = (first.saturating_sub(8)..first)
        .rev()
        .find(|&k| s.is(k, Class::NamingVerb))?;
    let object = syntax::object_from(s, verb + 1, syntax::ObjectSearch::PLAIN)?;
    if s.actors[object.actors[0]].first >= first {
        return None;
    }
    let g = VerbGroup::read(s, verb, verb, None);
    let source = syntax::subject(s, &g)?;
    let sources = ctx.parties(Some(&source));
    let targets = ctx.parties(Some(&object));
    let trigger = (s.toks[first].start, s.toks[last].end);
    let mut c = Candidate::new(
        entry,
        &entry.code,
        trigger,
        format!("judgment named by {:?}", s.w(verb)),
    );
    c.sources = sources;
    c.targets = targets;
    c.negated = g.negated;
    c.quote = s.toks[first].quote;
    Some(Reading::from(super::verbal::with_mood(
        ctx,
        c,
        super::modality::of_verb(s, &g),
    )))
}
