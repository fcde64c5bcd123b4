//! The counterpart from the sentence: news often leaves the other side of an interaction outside the verb's
//! clause ("the premier praised the resumed talks and pledged his cabinet's help to Ghana"). For verbal interactions without a target in their clause, the nearest actor of another side in the
//! sentence (not a place, not a pronoun) is the target. (Counterparts from earlier sentences were tried and
//! measured: three wrong for each right one on news-dev, so they are not used.)

use super::emit::Party;
use super::engine::Ctx;
use super::syntax;
use detente_records::MentionKind;

/// CAMEO roots whose events always have a counterpart: appeals, intentions, consultations, cooperation,
/// demands, criticism, rejections, threats, reduced relations.
pub fn needs_counterpart(root: u8) -> bool {
    // (Meetings, 04, name their partners: "the cabinet met on Sunday" has none.)
    matches!(root, 1..=3 | 5 | 10..=13 | 16)
}

/// The actor of another side nearest to token `at` in the sentence.
pub fn counterpart_in_sentence(ctx: &Ctx, sources: &[Party], at: usize) -> Option<Party> {
    let s = ctx.s;
    let at_byte = s.toks.get(at).map_or(s.span.start, |t| t.start);
    s.actors
        .iter()
        .filter(|a| a.kind() != MentionKind::Pronoun && !sources.iter().any(|src| same_side(&src.actor, a.actor())))
        // "a summit in Belgium": where something happens is not whom it involves.
        .filter(|a| !syntax::is_place_phrase(s, a.first))
        .min_by_key(|a| a.mention.start.abs_diff(at_byte))
        .map(|a| Party {
            actor: a.actor().clone(),
            kind: a.kind(),
        })
}

/// Two actors on the same side: the same country (whatever the role) or the same organisation.
pub fn same_side(a: &detente_records::Actor, b: &detente_records::Actor) -> bool {
    match (&a.country, &b.country) {
        (Some(x), Some(y)) => x == y,
        _ => a.code == b.code || a.org.is_some() && a.org == b.org,
    }
}
