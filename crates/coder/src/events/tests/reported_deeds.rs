//! A deed of wrongdoing told of another actor ("X said Y lied") is an accusation by whoever tells it; what is
//! doubted, asked, passive, a noun or the teller's own deed is none. Wordings of our own.

use super::*;

fn accusations(text: &str, pairs: &[(&str, &str)]) -> Vec<String> {
    factual(text, pairs)
        .into_iter()
        .filter(|e| e.ends_with(":112"))
        .collect()
}

#[test]
fn a_deed_of_wrongdoing_told_of_another_is_an_accusation() {
    assert_eq!(
        accusations(
            "Lithuanian prosecutors said the Belarusian consul had lied about the shipment.",
            &[("Lithuanian prosecutors", "LTUJUD"), ("Belarusian consul", "BLRGOV")]
        ),
        ["LTUJUD>BLRGOV:112"]
    );
    // Told in a quotation whose speaker the quote stage found.
    let text = "Across the border the Moldovan army meddled in the local vote, Romania charged on Friday.";
    let content = "Across the border the Moldovan army meddled in the local vote";
    let q = quote(text, content, "charged", "Romania", "ROU");
    let got = code_with(text, &[("Moldovan army", "MDAMIL"), ("Romania", "ROU")], &[q]);
    assert!(has(&got, "ROU>MDAMIL:112"), "{got:?}");
    assert_eq!(
        accusations(
            "The Fijian minister says the Tongan navy repeatedly ignored the fishing limits.",
            &[("Fijian minister", "FJIGOV"), ("Tongan navy", "TONMIL")]
        ),
        ["FJIGOV>TONMIL:112"]
    );
}

#[test]
fn doubted_asked_passive_nominal_or_own_deeds_are_no_accusation() {
    let sides = [("Lithuania", "LTU"), ("Belarus", "BLR")];
    for text in [
        "Lithuania would not say whether Belarus lied about the shipment.",
        "Lithuania asked if Belarus had lied about the shipment.",
        "Lithuania said Belarus never lied about the shipment.",
        "Lithuania said it was misled by Belarus about the shipment.",
        "Lithuania said Belarus reported two security breaches at the depot.",
        "Lithuania said it had ignored the warnings from Belarus.",
    ] {
        assert_eq!(accusations(text, &sides), Vec::<String>::new(), "{text}");
    }
}

#[test]
fn a_pronoun_reporting_its_own_light_verb_act_is_the_reporter() {
    assert_eq!(
        factual(
            "The Latvian economy ministry said it had imposed new tariffs on Russian timber.",
            &[("Latvian economy ministry", "LVAGOV"), ("Russian", "RUS")]
        ),
        ["LVAGOV>RUS:163"]
    );
    assert_eq!(
        factual(
            "Chile's antitrust office announced that it has opened a probe into Argentine meat exporters.",
            &[("Chile's antitrust office", "CHLGOV"), ("Argentine", "ARG")]
        ),
        ["CHLGOV>ARG:090"]
    );
}
