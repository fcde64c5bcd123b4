//! Objects that entries hold across their modifiers, what coercing an act aims at, two-sided acts of a
//! conjoined subject, and missions whose crew is a coordinated noun phrase. Wordings of our own, with
//! hand-built actor mentions; whole event lists are asserted, so an extra or lost event fails too.

use super::*;

#[test]
fn an_entry_with_a_fixed_object_matches_across_determiners_numbers_and_modifiers() {
    // "ban march", "break up rally", "expel diplomats": the words between verb and object are not spelled out.
    assert_eq!(
        factual(
            "Bolivian police banned the planned march by miners.",
            &[("Bolivian police", "BOLCOP"), ("miners", "BOLLAB")]
        ),
        ["BOLCOP>BOLLAB:1721"]
    );
    assert_eq!(
        factual(
            "Security forces in Minsk broke up two small rallies called by pensioners.",
            &[("Security forces in Minsk", "BLRCOP"), ("pensioners", "BLRCVL")]
        ),
        ["BLRCOP>BLRCVL:175"]
    );
    // Without the modifiers the same entries match as before.
    assert_eq!(
        factual(
            "Gendarmes broke up rallies led by dockers in Abidjan.",
            &[("Gendarmes", "CIVCOP"), ("dockers", "CIVLAB")]
        ),
        ["CIVCOP>CIVLAB:175"]
    );
}

#[test]
fn a_word_that_is_no_modifier_keeps_the_entry_apart() {
    // "joint" changes the act, and a capitalised word is a name: neither is skipped.
    let lex = testing::lexicon();
    let found = |sentence: &str| {
        let mut tokens = Vec::new();
        crate::text::tokenize_into(sentence, detente_records::Span::new(0, sentence.len()), &mut tokens);
        let mut out = Vec::new();
        lex.token_matches(sentence, 0, &tokens, &mut out);
        out.iter()
            .map(|&(s, e, _)| sentence[s..e].to_string())
            .collect::<Vec<_>>()
    };
    assert!(found("they banned a rally on friday").contains(&"banned a rally".to_string()));
    assert!(found("they banned three weekly rallies").contains(&"banned three weekly rallies".to_string()));
    assert!(
        !found("they banned joint rallies")
            .iter()
            .any(|m| m.starts_with("banned joint"))
    );
    // A capitalised word after the modifiers is a name, not the entry's object ("demand justice").
    let got = code(
        "Peruvian senators demanded the Justice Ministry hand over the files.",
        &[("Peruvian senators", "PERLEG"), ("Justice Ministry", "PERGOV")],
    );
    assert!(got.iter().all(|e| !e.ends_with(":1043")) && !got.is_empty(), "{got:?}");
    // More than three words between verb and object: no match.
    assert!(
        !found("they banned all the new planned rallies")
            .iter()
            .any(|m| m.starts_with("banned") && m.ends_with("rallies"))
    );
}

#[test]
fn coercing_an_act_without_a_named_doer_is_no_dyad() {
    // Nobody stages the rally in the sentence: the ban has no target and is not coded.
    assert_eq!(
        factual(
            "Police in Harare banned a rally on Saturday.",
            &[("Police in Harare", "ZWECOP")]
        ),
        Vec::<String>::new()
    );
}

#[test]
fn a_conjoined_subject_of_a_two_sided_act_is_each_others_counterpart() {
    // The reported content names a third side: the agreement is still between the two subjects.
    assert_eq!(
        code(
            "After a night of haggling, the Uruguayan and Paraguayan delegations agreed Brazilian barges must pay a toll.",
            &[
                ("Uruguayan", "URYGOV"),
                ("Paraguayan delegations", "PRYGOV"),
                ("Brazilian barges", "BRABUS")
            ]
        ),
        ["URYGOV>PRYGOV:030", "PRYGOV>URYGOV:030"]
    );
    assert_eq!(
        code(
            "Nepal and Bhutan have agreed, their foreign ministers say, that refugees from Tibet may stay.",
            &[("Nepal", "NPL"), ("Bhutan", "BTN"), ("Tibet", "CHN")]
        ),
        ["NPL>BTN:030", "BTN>NPL:030"]
    );
}

#[test]
fn a_mission_whose_crew_is_a_coordinated_noun_phrase_still_acts_on_its_host() {
    assert_eq!(
        factual(
            "Once the bodies were found, Ghana's cabinet flew forensic and legal experts to Togo to investigate the deaths.",
            &[("Ghana's cabinet", "GHAGOV"), ("Togo", "TGO")]
        ),
        ["GHAGOV>TGO:090"]
    );
    assert_eq!(
        factual(
            "Within hours Sweden had dispatched unarmed and uniformed monitors to Georgia to investigate the vote count.",
            &[("Sweden", "SWE"), ("Georgia", "GEO")]
        ),
        ["SWE>GEO:090"]
    );
    // Two clauses joined by "and" are not one crew: the investigation is not the trip's purpose.
    assert_eq!(
        factual(
            "Ghana recalled its envoy and analysts went to Togo to investigate the deaths.",
            &[("Ghana", "GHA"), ("Togo", "TGO")]
        )
        .iter()
        .filter(|e| e.ends_with(":090"))
        .count(),
        0
    );
}

#[test]
fn an_entry_with_a_fixed_object_matches_across_the_objects_owner() {
    // "dismiss claims", "deny allegations", "recall ambassador": the owner named between verb and object is the
    // target, with or without "'s" and modifiers before it.
    assert_eq!(
        factual(
            "Quito dismissed Colombian claims that its navy had crossed the line.",
            &[("Quito", "ECUGOV"), ("Colombian", "COL"), ("its navy", "ECUMIL")]
        ),
        ["ECUGOV>COL:016"]
    );
    assert_eq!(
        factual(
            "Moldova flatly denied Romania's allegations about the shipments.",
            &[("Moldova", "MDA"), ("Romania", "ROU")]
        ),
        ["MDA>ROU:016"]
    );
    // The owner inside a name is no owner: the capitalised words keep the entry apart.
    let got = code(
        "Peruvian senators demanded the Justice Ministry hand over the files.",
        &[("Peruvian senators", "PERLEG"), ("Justice Ministry", "PERGOV")],
    );
    assert!(got.iter().all(|e| !e.ends_with(":1043")), "{got:?}");
}
