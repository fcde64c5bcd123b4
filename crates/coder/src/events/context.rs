//! The counterpart from the sentence: news often leaves the other side of an interaction outside the verb's
//! clause ("the premier praised the resumed talks and pledged his cabinet's help to Ghana"). For verbal interactions without a target in their clause, the nearest actor of another side in the
//! sentence (not a place, not a pronoun) is the target. (Counterparts from earlier sentences were tried and
//! measured: three wrong for each right one on news-dev, so they are not used.)

use super::emit::{Candidate, Party};
use super::engine::Ctx;
use super::syntax;
use detente_records::MentionKind;

/// CAMEO roots whose events always have a counterpart: appeals, intentions, consultations, cooperation,
/// demands, criticism, rejections, threats, reduced relations.
pub fn needs_counterpart(root: u8) -> bool {
    // (Meetings, 04, name their partners: "the cabinet met on Sunday" has none.)
    matches!(root, 1..=3 | 5 | 10..=13 | 16)
}

/// The one other side named in the sentence, outside the byte span `outside`: a target the syntax did not find.
/// Where the sentence names two or more other sides, which one is meant is a guess, and no counterpart is taken
/// (measured on unseen news: the nearest of several was right about one time in four).
pub fn counterpart_in_sentence(
    ctx: &Ctx,
    sources: &[Party],
    at: usize,
    outside: Option<(usize, usize)>,
) -> Option<Party> {
    let s = ctx.s;
    let at_byte = s.toks.get(at).map_or(s.span.start, |t| t.start);
    let others: Vec<_> = s
        .actors
        .iter()
        .filter(|a| outside.is_none_or(|(lo, hi)| a.mention.end <= lo || hi <= a.mention.start))
        .filter(|a| a.kind() != MentionKind::Pronoun && !sources.iter().any(|src| same_side(&src.actor, a.actor())))
        // "a summit in Belgium": where something happens is not whom it involves.
        .filter(|a| !syntax::is_place_phrase(s, a.first))
        .collect();
    if others.iter().any(|a| !same_side(a.actor(), others[0].actor())) {
        return None;
    }
    others
        .into_iter()
        .min_by_key(|a| a.mention.start.abs_diff(at_byte))
        .map(|a| Party {
            actor: a.actor().clone(),
            kind: a.kind(),
        })
}

/// The two sides of a factual interaction between actors of two sides (not pronouns): the article's main pair
/// when it is the first one of the lead.
pub fn pair_of(c: &Candidate) -> Option<(Party, Party)> {
    // "X and Y held talks": both sides are sources of a two-sided act.
    let (a, b) = match (&c.sources[..], c.targets.first()) {
        ([a, b], None) if c.reciprocal || c.two_sided => (a, b),
        (sources, target) => (sources.first()?, target?),
    };
    // (Not the stand-in for authorities still awaiting their place, which has no code yet.)
    let named = |p: &Party| p.kind != MentionKind::Pronoun && !super::engine::is_stand_in(&p.actor.code);
    (c.factual && !c.negated && named(a) && named(b) && !same_side(&a.actor, &b.actor)).then(|| (a.clone(), b.clone()))
}

/// "NATO allies have proposed dialogue" in an article that opened with NATO meeting Russia: a meeting, talks,
/// or an offer or appeal to meet, with no counterpart in its sentence, by one side of the lead's pair, is with the
/// other. (Other acts were measured: about one in four right, so they take no counterpart from the lead.)
pub fn counterpart_in_lead(ctx: &Ctx, code: &str, sources: &[Party]) -> Option<Party> {
    if !(code.starts_with("04") || code.starts_with("036") || code.starts_with("026")) {
        return None;
    }
    let (a, b) = ctx.lead_pair.as_ref()?;
    let all_on = |side: &Party| !sources.is_empty() && sources.iter().all(|s| same_side(&s.actor, &side.actor));
    if all_on(a) {
        Some(b.clone())
    } else if all_on(b) {
        Some(a.clone())
    } else {
        None
    }
}

/// Two actors on the same side: the same country (whatever the role) or the same organisation.
pub fn same_side(a: &detente_records::Actor, b: &detente_records::Actor) -> bool {
    match (&a.country, &b.country) {
        (Some(x), Some(y)) => x == y,
        _ => a.code == b.code || a.org.is_some() && a.org == b.org,
    }
}
