//! The counterpart from context: news often leaves the other side of an interaction to the reader ("NATO allies
//! proposed dialogue", said after a paragraph about Russia; "Castro welcomed the renewal of dialogue and
//! committed his government to work with the United States"). For verbal interactions without a target in
//! their clause, the nearest actor of another side in the sentence, else in the two sentences before, is the
//! target.

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

/// The nearest actor of another side than `sources`: in the sentence (nearest to token `at`), else in the
/// preceding context, most recent first.
pub fn counterpart(ctx: &Ctx, sources: &[Party], at: usize) -> Option<Party> {
    let s = ctx.s;
    let other =
        |p: &Party| p.kind != MentionKind::Pronoun && !sources.iter().any(|src| same_side(&src.actor, &p.actor));
    let at_byte = s.toks.get(at).map_or(s.span.start, |t| t.start);
    let in_sentence = s
        .actors
        .iter()
        .map(|a| {
            (
                a.mention.start.abs_diff(at_byte),
                Party {
                    actor: a.actor().clone(),
                    kind: a.kind(),
                },
            )
        })
        .filter(|(_, p)| other(p))
        .min_by_key(|(d, _)| *d)
        .map(|(_, p)| p);
    if in_sentence.is_some() {
        return in_sentence;
    }
    let from = ctx.mentions.partition_point(|m| m.end <= ctx.context_from);
    let to = ctx.mentions.partition_point(|m| m.start < s.span.start);
    ctx.mentions[from..to]
        .iter()
        .rev()
        .filter(|m| !m.actor.code.is_empty())
        .map(|m| Party {
            actor: m.actor.clone(),
            kind: m.kind,
        })
        .find(|p| other(p))
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
