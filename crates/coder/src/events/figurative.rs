//! Figurative conflict: "the senator attacked the governor's plan", "Pelosi has clashed with the White House". Between
//! politicians, parties, courts or the media, conflict verbs are criticism or disputes: the lexicon entry's
//! `verbal` code applies. Armed forces, armed groups and states attacking territory keep the material code.
//! A word that names force only in war ("strike") has `verbal = "-"`: it is an event only when an armed force or
//! a state named as a whole does it ("jets struck the port"; "the minister struck a hopeful tone" is none).

use super::emit::Party;
use super::frames::Complements;
use super::lexicon::{Entry, Frame};
use detente_records::MentionKind;

/// The code an entry takes for these sides: its `verbal` code when the action is figurative, else its code;
/// `None` when the entry names no event in figurative use (`verbal = "-"`).
pub fn code_for<'e>(entry: &'e Entry, sources: &[Party], targets: &[Party]) -> Option<(&'e str, bool)> {
    match entry.verbal.as_deref() {
        Some("-") if !sources.iter().any(|s| s.is_armed() || is_state(s)) => None,
        // An armed force or a state doing it: the word's material code, whoever the target is.
        Some("-") => Some((entry.code.as_str(), false)),
        Some(verbal) if is_figurative(sources, targets) => Some((verbal, true)),
        _ => Some((entry.code.as_str(), false)),
    }
}

/// CAMEO keeps conventional force (19x: armies, and armed groups fighting as such) apart from unconventional
/// violence (18x: bombings, massacres, attacks whose doer hides). When every doer is unnamed or an international
/// militant group, a conventional code becomes its unconventional counterpart (`complements.toml`, [irregular]):
/// "gunmen attacked the mosque" is 180, "an IS cell bombed the bus" 183.
pub fn by_irregulars<'a>(complements: &'a Complements, code: &'a str, sources: &[Party]) -> &'a str {
    let irregular = |p: &Party| super::unidentified::is_unidentified(&p.actor.code) || p.actor.code.starts_with("IMG");
    if sources.is_empty() || !sources.iter().all(irregular) {
        return code;
    }
    complements.refine(Frame::Irregular, code).unwrap_or(code)
}

/// Why a reading was dropped when [`code_for`] gives no code.
pub const ONLY_IN_WAR: &str = "a word for force whose doer is no armed force and no state";

fn is_state(p: &Party) -> bool {
    p.kind == MentionKind::Country && p.actor.role.is_none() && p.actor.org.is_none()
}

/// Politicians on the source side and no armed side: words, not weapons.
fn is_figurative(sources: &[Party], targets: &[Party]) -> bool {
    if sources.iter().any(Party::is_armed) || targets.iter().any(Party::is_armed) {
        return false;
    }
    // A head of government "attacking" a state may order an attack; a senator or a party cannot.
    let state_target = targets
        .iter()
        .any(|t| t.kind == MentionKind::Country && t.actor.role.is_none());
    let non_executive = |p: &Party| matches!(p.actor.role.as_deref(), Some("LEG" | "PTY" | "MED" | "OPP" | "JUD"));
    if state_target && !sources.iter().any(non_executive) {
        return false;
    }
    let political_source = sources.iter().any(Party::is_political);
    let political_target = targets.iter().any(Party::is_political);
    political_source || political_target && !targets.iter().any(|t| t.actor.role.as_deref() == Some("CVL"))
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::{Frame, Pos};
    use super::super::testing::actor;
    use super::*;

    fn entry() -> Entry {
        Entry {
            lemma: "attack".into(),
            pos: Pos::Verb,
            code: "190".into(),
            frame: Frame::Object,
            recip: false,
            verbal: Some("111".into()),
            alone: false,
            noun_like: false,
            file: "test".into(),
            line: 0,
        }
    }

    fn p(code: &str, kind: MentionKind) -> Party {
        Party {
            actor: actor(code),
            kind,
        }
    }

    #[test]
    fn politicians_attack_with_words() {
        let e = entry();
        let senator = p("USALEG", MentionKind::Person);
        let bureau = p("USAGOV", MentionKind::Organization);
        assert_eq!(
            code_for(&e, std::slice::from_ref(&senator), &[bureau]),
            Some(("111", true))
        );
        let party_leader = p("GBRPTY", MentionKind::Person);
        assert_eq!(code_for(&e, &[party_leader], &[]).unwrap().0, "111");
    }

    #[test]
    fn states_and_armed_forces_attack_with_weapons() {
        let e = entry();
        let state = p("SYR", MentionKind::Country);
        let other = p("TUR", MentionKind::Country);
        assert_eq!(
            code_for(&e, std::slice::from_ref(&state), &[other]),
            Some(("190", false))
        );
        let troops = p("SYRMIL", MentionKind::Role);
        let rebels = p("SYRREB", MentionKind::Role);
        assert_eq!(code_for(&e, &[troops], std::slice::from_ref(&rebels)).unwrap().0, "190");
        let general = p("SYRMIL", MentionKind::Person);
        assert_eq!(code_for(&e, &[general], &[rebels]).unwrap().0, "190");
        let president = p("RUSGOV", MentionKind::Person);
        assert_eq!(
            code_for(&e, &[president], &[p("GEO", MentionKind::Country)]).unwrap().0,
            "190"
        );
        let senator = p("USALEG", MentionKind::Person);
        assert_eq!(
            code_for(&e, &[senator], &[p("CHN", MentionKind::Country)]).unwrap().0,
            "111"
        );
    }

    #[test]
    fn a_word_for_force_only_names_no_event_between_politicians() {
        let strike = Entry {
            lemma: "strike".into(),
            verbal: Some("-".into()),
            ..entry()
        };
        let minister = p("PERGOV", MentionKind::Person);
        let deputy = p("PERLEG", MentionKind::Person);
        assert_eq!(code_for(&strike, std::slice::from_ref(&minister), &[deputy]), None);
        let ministry = p("PERGOV", MentionKind::Role);
        assert_eq!(code_for(&strike, &[ministry], &[]), None);
        let jets = p("ISRMIL", MentionKind::Role);
        assert_eq!(
            code_for(&strike, &[jets], &[p("LBN", MentionKind::Country)]),
            Some(("190", false))
        );
        let state = p("ISR", MentionKind::Country);
        assert_eq!(
            code_for(&strike, std::slice::from_ref(&state), &[]),
            Some(("190", false))
        );
        // A state and an unarmed target read as figurative elsewhere; "-" is no code, so the word keeps its own.
        let lenders = p("USABUS", MentionKind::Role);
        assert_eq!(code_for(&strike, &[state], &[lenders]), Some(("190", false)));
    }
}
