//! Adjective triggers: "ready to", "willing to" (an intention, like "agree to"), and evaluative adjectives that
//! give the speaker's judgment of an actor ("Russia's outrageous action", said by the speaker: criticism).

use super::emit::{Candidate, Party};
use super::engine::{Ctx, Reading};
use super::lexicon::Frame;
use super::speech;
use super::syntax;
use super::verbal;

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

/// An evaluative adjective inside a quotation or its sentence: the speaker judges the actor it qualifies.
fn judgment(ctx: &Ctx, e: usize, first: usize, last: usize) -> Reading {
    let s = ctx.s;
    let entry = &ctx.coder.lexicon.entries[e];
    let quote = s.in_quote(first).or_else(|| {
        let (a, b) = (s.toks[0].start, s.toks[s.len() - 1].end);
        ctx.quotes
            .iter()
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
    let targets: Vec<Party> = ctx.parties(owner.as_ref());
    if targets.is_empty() {
        return Reading::none("no actor judged");
    }
    let trigger = (s.toks[first].start, s.toks[last].end);
    let mut c = Candidate::new(entry, &entry.code, trigger, "speaker's judgment");
    c.sources = vec![source];
    c.targets = targets;
    Reading::from(vec![c])
}
