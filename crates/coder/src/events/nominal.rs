//! Event nouns: "imposed sanctions on Iran" (a light verb lends its subject), "Russia's invasion of Ukraine" (a
//! possessor), "Turkish strikes on Kurdish positions" (a modifier), "talks between Iran and the EU", "U.S.-China
//! talks", "the attack on the convoy by rebels".

use super::emit::{Candidate, Party};
use super::engine::{Ctx, Reading};
use super::figurative;
use super::grammar::Class;
use super::lexicon::{Payload, Pos};
use super::modality;
use super::sentence::Sent;
use super::syntax::{self, Arg, ObjectSearch};
use super::verbal::with_mood;
use super::verbgroup::VerbGroup;

/// Reads a noun trigger over tokens `first..=last`.
pub fn read(ctx: &Ctx, e: usize, first: usize, last: usize) -> Reading {
    let entry = &ctx.coder.lexicon.entries[e];
    let s = ctx.s;
    if history_before(s, first) {
        return Reading::none("names history or a theme, not an action reported now");
    }
    let material = matches!(entry.root(), 14..=20);
    let search = ObjectSearch {
        places: material,
        ..ObjectSearch::PLAIN
    };
    let after = syntax::object_from(s, last + 1, search).or_else(|| {
        // A place the action reached ("suspended aid deliveries in Baghdad"); not for meetings and statements.
        (!matches!(entry.root(), 1..=5))
            .then(|| syntax::object_from(s, last + 1, ObjectSearch { places: true, ..search }))
            .flatten()
    });
    let light = light_verb(ctx, first);
    if light.is_none() && s.is(last, Class::StateNoun) {
        return Reading::none("a state of affairs, not an act (no light verb makes it one)");
    }
    let (sources, mut targets, how, mood, negated) = if let Some(light) = light {
        let g = VerbGroup::read(s, light.0, light.1, light.2);
        let (src, tgt) = if g.passive {
            (syntax::agent_after(s, last + 1), syntax::subject(s, &g))
        } else {
            (syntax::subject(s, &g), after.clone())
        };
        let how = format!("light verb {:?}; source: {}", s.between(light.0, light.1), how(&src));
        (
            ctx.parties(src.as_ref()),
            ctx.parties(tgt.as_ref()),
            how,
            modality::of_verb(s, &g),
            g.negated,
        )
    } else if let Some(pair) = between(s, last + 1, entry.recip).or_else(|| compound_pair(s, first)) {
        let parties = ctx.parties(Some(&pair));
        let (a, b) = (vec![parties[0].clone()], parties[1..].to_vec());
        return reciprocal(ctx, e, first, last, a, b, pair.how);
    } else if let Some(owner) = owner_before(s, first) {
        let how = format!("source: {}", owner.how);
        (
            ctx.parties(Some(&owner)),
            ctx.parties(after.as_ref()),
            how,
            modality::of_noun(s, first),
            negated_noun(s, first),
        )
    } else if let Some(agent) = agent_of_noun(s, last + 1) {
        let target = syntax::object_from(s, last + 1, search).filter(|t| t.actors != agent.actors);
        let how = "source: \"by\" after the noun".to_string();
        (
            ctx.parties(Some(&agent)),
            ctx.parties(target.as_ref()),
            how,
            modality::of_noun(s, first),
            negated_noun(s, first),
        )
    } else {
        return Reading::none("no source: no light verb, possessor, modifier or agent");
    };
    if sources.is_empty() {
        return Reading::none(format!("no source ({how})"));
    }
    let mood = match ctx.governor_of(first) {
        Some(frame) => modality::Mood::Irrealis(super::verbal::frame_why(frame)),
        None => mood,
    };
    targets.retain(|t| !sources.iter().any(|src| src.actor.code == t.actor.code));
    let (code, figurative) = figurative::code_for(entry, &sources, &targets);
    let root: u8 = code.get(..2).and_then(|r| r.parse().ok()).unwrap_or(0);
    if targets.is_empty() && root == 14 {
        // Protests with no named adversary are aimed at the protesters' own authorities.
        targets.extend(sources.iter().find_map(super::verbal::own_authorities));
    }
    let trigger = (s.toks[first].start, s.toks[last].end);
    let mut c = Candidate::new(
        entry,
        code,
        trigger,
        format!("noun; {how}{}", if figurative { "; figurative" } else { "" }),
    );
    c.sources = sources;
    c.targets = targets;
    c.negated = negated;
    c.quote = s.toks[first].quote;
    Reading::from(with_mood(ctx, c, mood))
}

fn how(a: &Option<Arg>) -> &'static str {
    a.as_ref().map_or("none", |a| a.how)
}

/// "talks between X and Y", "X-Y talks": each side towards the other.
#[allow(clippy::too_many_arguments)]
fn reciprocal(ctx: &Ctx, e: usize, first: usize, last: usize, a: Vec<Party>, b: Vec<Party>, how: &str) -> Reading {
    let entry = &ctx.coder.lexicon.entries[e];
    let s = ctx.s;
    let (code, _) = figurative::code_for(entry, &a, &b);
    let trigger = (s.toks[first].start, s.toks[last].end);
    let mut c = Candidate::new(entry, code, trigger, format!("noun; {how}"));
    c.sources = a;
    c.targets = b;
    c.reciprocal = true;
    c.negated = negated_noun(s, first);
    c.quote = s.toks[first].quote;
    Reading::from(with_mood(ctx, c, modality::of_noun(s, first)))
}

/// A light verb whose object the noun is ("launched an attack", "imposed new sanctions", "held talks"): its
/// tokens and form. Between them only determiners, numbers, possessives, adjectives and actor modifiers.
fn light_verb(ctx: &Ctx, first: usize) -> Option<(usize, usize, Option<super::lexicon::FormKind>)> {
    let s = ctx.s;
    let mut k = first;
    let mut steps = 0;
    while k > 0 && steps < 5 {
        let j = k - 1;
        if let Some(m) = s
            .matches
            .iter()
            .find(|m| m.last == j && matches!(m.payload, Payload::Light(_)))
        {
            let Payload::Light(form) = m.payload else {
                unreachable!()
            };
            return Some((m.first, m.last, Some(form)));
        }
        if let Some(a) = s.actor_at(j) {
            k = a.first;
            steps += 1;
            continue;
        }
        let modifier = s.toks[j].word
            && !s.is_any(
                j,
                &[
                    Class::Preposition,
                    Class::Relative,
                    Class::Coordinator,
                    Class::Reporting,
                ],
            )
            && !s.verb_at[j]
            && !is_event_noun(ctx, j)
            || s.w(j) == "-";
        if !modifier {
            return None;
        }
        steps += 1;
        k = j;
    }
    None
}

fn is_event_noun(ctx: &Ctx, k: usize) -> bool {
    ctx.s.matches.iter().any(|m| {
        m.last == k && matches!(m.payload, Payload::Entry(e, _) if ctx.coder.lexicon.entries[e].pos == Pos::Noun)
    })
}

/// The owner of an event noun: a possessor ("Russia's invasion"), or an actor modifier ("Turkish strikes",
/// "the U.S. sanctions"), at most two adjectives away.
fn owner_before(s: &Sent, first: usize) -> Option<Arg> {
    let mut k = first;
    let mut steps = 0;
    while k > 0 && steps < 3 {
        let j = k - 1;
        if s.is_word(j, &["'s", "’s"]) {
            let a = s.toks.get(j.checked_sub(1)?)?.actor?;
            return Some(syntax::conjoined_left(s, a, "possessor"));
        }
        if let Some(a) = s.toks[j].actor {
            // "X-Y talks" are read as a pair before this.
            return Some(syntax::conjoined_left(s, a, "modifier"));
        }
        if !s.toks[j].word
            || s.is_any(
                j,
                &[
                    Class::Preposition,
                    Class::Relative,
                    Class::Coordinator,
                    Class::Determiner,
                ],
            )
        {
            return None;
        }
        steps += 1;
        k = j;
    }
    None
}

/// "the attack on the convoy by rebels": the agent after the noun.
fn agent_of_noun(s: &Sent, from: usize) -> Option<Arg> {
    syntax::agent_after(s, from)
}

/// "between X and Y" right after the noun; for two-sided nouns also "of X and Y" ("a meeting of X and Y").
fn between(s: &Sent, from: usize, two_sided: bool) -> Option<Arg> {
    if !(s.is_word(from, &["between", "among"]) || two_sided && s.w(from) == "of") {
        return None;
    }
    let mut k = from + 1;
    while s.is(k, Class::Determiner) {
        k += 1;
    }
    let a = s.toks.get(k)?.actor?;
    let arg = syntax::conjoined_right(s, a, "between X and Y");
    (arg.actors.len() >= 2).then_some(arg)
}

/// "U.S.-China talks", "Israeli-Palestinian clashes", "Russia and Ukraine's talks": two actors joined right
/// before the noun.
fn compound_pair(s: &Sent, first: usize) -> Option<Arg> {
    let mut k = first;
    while k > 0
        && s.toks[k - 1].word
        && s.toks[k - 1].actor.is_none()
        && !s.is_any(k - 1, &[Class::Preposition, Class::Determiner, Class::Coordinator])
        && first - k < 2
    {
        k -= 1;
    }
    let b = s.toks.get(k.checked_sub(1)?)?.actor?;
    let b_first = s.actors[b].first;
    let link = b_first.checked_sub(1)?;
    if !s.is_punct(link, &["-", "–", "—", "/"]) && s.w(link) != "and" {
        return None;
    }
    let a = s.toks.get(link.checked_sub(1)?)?.actor?;
    if s.actors[a].actor().code == s.actors[b].actor().code {
        return None;
    }
    Some(Arg {
        actors: vec![a, b],
        how: "X-Y compound",
    })
}

/// "no talks", "without sanctions".
fn negated_noun(s: &Sent, first: usize) -> bool {
    (first.saturating_sub(3)..first).any(|k| s.is_word(k, &["no", "without", "never"]))
}

/// "the anniversary of the invasion", "a film about the war".
fn history_before(s: &Sent, first: usize) -> bool {
    (first.saturating_sub(4)..first).any(|k| s.is(k, Class::HistoryMarker))
}
