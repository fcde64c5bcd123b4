//! From readings to events: a candidate names its sources, targets, code and mood; emission expands conjoined
//! actors into dyads, drops self-directed and empty dyads, and keeps one event per dyad and code.

use super::EventCoder;
use super::lexicon::Entry;
use detente_records::{Actor, Event, MentionKind, Trigger};

/// One side of an event: an actor and what kind of expression named it.
#[derive(Debug, Clone, PartialEq)]
pub struct Party {
    pub actor: Actor,
    pub kind: MentionKind,
}

impl Party {
    /// A person, or a body of politicians rather than a state or an armed force.
    pub fn is_political(&self) -> bool {
        self.kind == MentionKind::Person
            || self
                .actor
                .role
                .as_deref()
                .is_some_and(|r| matches!(r, "LEG" | "PTY" | "JUD" | "MED" | "OPP" | "ELI" | "EDU" | "NGO" | "BUS"))
    }

    /// An armed force, police or armed group.
    pub fn is_armed(&self) -> bool {
        self.actor
            .role
            .as_deref()
            .is_some_and(|r| matches!(r, "MIL" | "REB" | "COP" | "INS" | "SPY" | "UAF" | "CRM" | "SEP"))
            || self.actor.code.starts_with("IMG")
            // (An unnamed doer is only ever given to violence named as such.)
            || super::unidentified::is_unidentified(&self.actor.code)
    }
}

/// A reading of one trigger: who did it, to whom, as which code, and how the text presents it.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub sources: Vec<Party>,
    pub targets: Vec<Party>,
    pub code: String,
    pub negated: bool,
    pub factual: bool,
    /// Byte span of the trigger words.
    pub trigger: (usize, usize),
    /// The lexicon entry's key ("verb:attack") and the pattern that read it ("active; subject; object").
    pub entry_key: String,
    pub pattern: String,
    /// Both directions: "talks between X and Y", "X clashed with Y".
    pub reciprocal: bool,
    /// A two-sided action ("meet", "agree"): conjoined subjects without a target act on each other.
    pub two_sided: bool,
    /// The event may stand without a target (a test, a mobilisation).
    pub alone: bool,
    pub quote: Option<usize>,
    /// A protest with no named adversary, aimed at its doers' own government: the clause may name the adversary
    /// later ("to protest against X"; see `protest_aim`).
    pub aimed_at_own: bool,
}

impl Candidate {
    /// A candidate that no lexicon entry produced (a construction such as "Y must V" in reported speech).
    pub fn bare(key: &str, code: &str, trigger: (usize, usize), pattern: impl Into<String>) -> Candidate {
        Candidate {
            sources: Vec::new(),
            targets: Vec::new(),
            code: code.to_string(),
            negated: false,
            factual: true,
            trigger,
            entry_key: key.to_string(),
            pattern: pattern.into(),
            reciprocal: false,
            two_sided: false,
            alone: false,
            quote: None,
            aimed_at_own: false,
        }
    }

    pub fn new(entry: &Entry, code: &str, trigger: (usize, usize), pattern: impl Into<String>) -> Candidate {
        Candidate {
            sources: Vec::new(),
            targets: Vec::new(),
            code: code.to_string(),
            negated: false,
            factual: true,
            trigger,
            entry_key: entry.key(),
            pattern: pattern.into(),
            reciprocal: false,
            two_sided: entry.recip,
            alone: entry.alone,
            quote: None,
            aimed_at_own: false,
        }
    }
}

/// Expands candidates into events, in candidate order, one event per (source, target, code).
pub fn events(coder: &EventCoder, text: &str, sentence: usize, candidates: &[Candidate], out: &mut Vec<Event>) {
    let first_new = out.len();
    for c in candidates {
        for (source, target) in dyads(c) {
            // A visit to a place that is no actor waits for its host, force used on one for the place's
            // country (`visits`).
            let awaits_place = target.is_none() && !c.alone && super::visits::awaits_place_struck(&c.code);
            if target.is_none() && !c.alone && !super::visits::awaits_host(&c.code) && !awaits_place {
                continue;
            }
            if target.is_none() && state_rally(&c.code, &source.actor) {
                continue;
            }
            if target.is_some_and(|t| {
                same_actor(&source.actor, &t.actor)
                    || own_public(&c.code, &source.actor, &t.actor)
                    || forces_on_own_country(&c.code, source, t)
                    || home_visit(&c.code, &source.actor, t)
            }) {
                continue;
            }
            let target_code = target.map(|t| t.actor.code.as_str());
            let duplicate = out[first_new..].iter().any(|e| {
                e.code == c.code
                    && e.source.code == source.actor.code
                    && e.target.as_ref().map(|t| t.code.as_str()) == target_code
                    && e.negated == c.negated
                    && e.factual == c.factual
            });
            if duplicate {
                continue;
            }
            let trigger = Trigger {
                start: c.trigger.0,
                end: c.trigger.1,
                text: text[c.trigger.0..c.trigger.1].to_string(),
            };
            out.push(coder.make_event(
                sentence,
                source.actor.clone(),
                target.map(|t| t.actor.clone()),
                &c.code,
                c.negated,
                c.factual,
                c.quote,
                trigger,
                format!(
                    "{} {} [{}]{}",
                    c.entry_key,
                    c.code,
                    c.pattern,
                    if awaits_place {
                        super::visits::AWAITING_PLACE
                    } else if source.actor.code.is_empty() {
                        super::visits::AWAITING_AUTHORITIES
                    } else {
                        ""
                    }
                ),
            ));
        }
    }
}

/// Every (source, target) pair of a candidate; both directions when reciprocal.
fn dyads(c: &Candidate) -> Vec<(&Party, Option<&Party>)> {
    let mut out = Vec::new();
    if (c.reciprocal || c.two_sided) && c.targets.is_empty() && c.sources.len() == 2 {
        // "X and Y met": each with the other. (Longer lists meeting "in Berlin" are a gathering, not dyads.)
        for a in &c.sources {
            for b in &c.sources {
                if !std::ptr::eq(a, b) {
                    out.push((a, Some(b)));
                }
            }
        }
        return out;
    }
    for s in &c.sources {
        if c.targets.is_empty() {
            out.push((s, None));
        }
        for t in &c.targets {
            out.push((s, Some(t)));
        }
    }
    if c.reciprocal {
        for t in &c.targets {
            for s in &c.sources {
                out.push((t, Some(s)));
            }
        }
    }
    out
}

/// A state and its own armed forces ("Britain mobilized army reservists", "offered its troops to X"): the
/// forces are the state's instrument, not the other side of its act, so they are no target of the state.
pub fn own_forces(source: &Actor, target: &Actor) -> bool {
    source.role.is_none()
        && source.org.is_none()
        && source.country.is_some()
        && target.country == source.country
        && target.role.as_deref() == Some("MIL")
}

/// A state or its government promising, meeting, praising or cooperating with its own civilians ("the president
/// will meet with Americans", "Egypt is defending its citizens"): domestic politics, not a relation between two
/// actors (measured on the development sets: 3 such events, none in the gold). Coercion of its own people
/// (arrests, bans, attacks) stays an event.
fn own_public(code: &str, source: &Actor, target: &Actor) -> bool {
    let cooperative = matches!(code.get(..2), Some("03" | "04" | "05" | "06"));
    // ("agreed to tighten the German border": the country named as a whole is the scene, not a partner.)
    let own_country = target.role.is_none() && target.org.is_none();
    cooperative
        && source.country.is_some()
        && target.country == source.country
        && (target.role.as_deref() == Some("CVL") || own_country)
        && source.role.as_deref() != Some("CVL")
}

/// A visit to one's own country named as a whole ("citizens who arrived in Chile", "the minister returned to
/// Peru"): travel, not a visit to a host.
fn home_visit(code: &str, source: &Actor, target: &Party) -> bool {
    super::visits::awaits_host(code)
        && target.kind == MentionKind::Country
        && target.actor.role.is_none()
        && source.country.is_some()
        && target.actor.country == source.country
}

/// A rally or march held by a government, its forces or police with no adversary named ("the president held
/// campaign rallies in three states"): a campaign or a parade, not dissent.
fn state_rally(code: &str, source: &Actor) -> bool {
    code.starts_with("14") && matches!(source.role.as_deref(), Some("GOV" | "MIL" | "COP" | "SPY"))
}

/// A state's forces or police attacking that state named as a whole ("Israeli troops fired on crowds near
/// Israel's border fence"): the country name is where, not whom; whom they fight is named otherwise.
fn forces_on_own_country(code: &str, source: &Party, target: &Party) -> bool {
    matches!(code.get(..2), Some("18" | "19" | "20"))
        && target.kind == MentionKind::Country
        && target.actor.role.is_none()
        && target.actor.org.is_none()
        && target.actor.country.is_some()
        && target.actor.country == source.actor.country
        && matches!(source.actor.role.as_deref(), Some("MIL" | "COP"))
}

/// The same actor on both sides: same code, or a person and the same person's body.
fn same_actor(a: &Actor, b: &Actor) -> bool {
    a.code == b.code
}

#[cfg(test)]
mod tests {
    use super::super::testing::actor;
    use super::*;

    fn party(code: &str) -> Party {
        Party {
            actor: actor(code),
            kind: MentionKind::Country,
        }
    }

    fn cand(sources: &[&str], targets: &[&str], recip: bool) -> Candidate {
        Candidate {
            sources: sources.iter().map(|c| party(c)).collect(),
            targets: targets.iter().map(|c| party(c)).collect(),
            code: "040".into(),
            negated: false,
            factual: true,
            trigger: (0, 3),
            entry_key: "verb:met".into(),
            pattern: "test".into(),
            reciprocal: recip,
            two_sided: recip,
            alone: false,
            quote: None,
            aimed_at_own: false,
        }
    }

    fn pairs(c: &Candidate) -> Vec<String> {
        dyads(c)
            .into_iter()
            .map(|(s, t)| format!("{}>{}", s.actor.code, t.map_or("-", |t| t.actor.code.as_str())))
            .collect()
    }

    #[test]
    fn conjoined_sides_expand_and_reciprocal_events_go_both_ways() {
        assert_eq!(pairs(&cand(&["FRA", "DEU"], &["ITA"], false)), ["FRA>ITA", "DEU>ITA"]);
        assert_eq!(pairs(&cand(&["FRA"], &["ITA"], true)), ["FRA>ITA", "ITA>FRA"]);
        assert_eq!(pairs(&cand(&["FRA", "DEU"], &[], true)), ["FRA>DEU", "DEU>FRA"]);
        assert_eq!(
            pairs(&cand(&["FRA", "DEU", "ITA"], &[], true)),
            ["FRA>-", "DEU>-", "ITA>-"]
        );
    }

    #[test]
    fn self_directed_and_duplicate_dyads_are_dropped() {
        let coder = EventCoder::load(&[]).unwrap();
        let mut out = Vec::new();
        let c = cand(&["FRA", "ITA"], &["ITA"], false);
        events(&coder, "met", 0, &[c.clone(), c], &mut out);
        let got: Vec<String> = out
            .iter()
            .map(|e| format!("{}>{}", e.source.code, e.target.as_ref().unwrap().code))
            .collect();
        assert_eq!(got, ["FRA>ITA"]);
        assert!(out[0].rule.starts_with("verb:met 040 [test]"), "{}", out[0].rule);
    }
}
