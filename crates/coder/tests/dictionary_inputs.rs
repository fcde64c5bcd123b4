//! Dictionary inputs a user may hand in: odd ones must give a result or a DictionaryError, never a panic.

use detente_coder::{Coder, DictionarySource};

fn load(name: &str, text: &str) -> Result<Coder, detente_coder::DictionaryError> {
    Coder::with_sources(&[DictionarySource {
        name: name.into(),
        text: text.into(),
    }])
}

/// A code with a non-ASCII letter inside its first three bytes used to panic ("not a char boundary").
#[test]
fn legacy_actor_code_with_non_ascii_letters_does_not_panic() {
    for text in [
        "ZÜRICH_ [CHÜGOV]\n",
        "ZÜRICH_ [ÜGOV]\n",
        "KANTON_ [Ü]\n",
        "ÉTAT_ [ÉÉÉÉ >20010101]\n",
        "BERN_\n  [CHE]\n  [ÄÖÜ 010101-020202]\n",
    ] {
        let coder = load("user.actors.txt", text);
        assert!(coder.is_ok(), "{text:?}: {:?}", coder.err());
    }
}

/// The entry still works: the name is recognised in text with the code as written.
#[test]
fn legacy_actor_with_non_ascii_code_is_recognised() {
    let coder = load("user.actors.txt", "GRAUBUENDEN_ [CHÜGOV]\n").unwrap();
    let text = "Graubuenden rejected the plan.";
    let sentences = detente_coder::text::segment(text);
    let mentions = coder.actors.recognize(text, &sentences, None);
    let codes: Vec<&str> = mentions.iter().map(|m| m.actor.code.as_str()).collect();
    assert!(codes.contains(&"CHÜGOV"), "{codes:?}");
}

/// Names with non-ASCII letters are found as running text writes them, and in a headline in capitals.
#[test]
fn legacy_actor_names_with_non_ascii_letters_are_recognised() {
    let cases = [
        (
            "ÖSTERMARK_COUNCIL_ [CHÜGOV]\n",
            "After a long session, the Östermark Council rejected the plan.",
            "CHÜGOV",
        ),
        (
            "SÃO_JOÃO_DEL_MAR_ [PRTGOV]\n+VILA_SÃO_JOÃO_\n",
            "On Sunday, Vila São João announced a curfew.",
            "PRTGOV",
        ),
        ("BRÜNNSTADT_ [DEUGOV]\n", "BRÜNNSTADT REJECTS NEW BORDER PLAN", "DEUGOV"),
    ];
    for (dictionary, text, code) in cases {
        let coder = load("user.actors.txt", dictionary).unwrap();
        let sentences = detente_coder::text::segment(text);
        let mentions = coder.actors.recognize(text, &sentences, None);
        let found: Vec<(&str, &str)> = mentions
            .iter()
            .map(|m| (&text[m.start..m.end], m.actor.code.as_str()))
            .collect();
        assert!(found.iter().any(|&(_, c)| c == code), "{text:?}: {found:?}");
    }
}
