//! Tests of the actor stage with a small dictionary of their own (plus the built-in role nouns), and
//! load checks of every built-in file.

use super::*;
use crate::text::segment;
use detente_records::{MentionKind, Resolution};

const TEST_DICT: &str = r#"
[[actor]]
code = "RUS"
country = "RUS"
names = ["Russia", "Russian Federation"]
adjectives = ["Russian"]
demonyms = ["Russians"]

[[actor]]
code = "RUSGOV"
country = "RUS"
role = "GOV"
names = ["Kremlin", "the Kremlin", "Moscow"]

[[actor]]
code = "USA"
country = "USA"
names = ["United States", "US", "U.S.", "America"]
adjectives = ["American", "U.S."]
demonyms = ["Americans"]

[[actor]]
code = "USAMIL"
country = "USA"
role = "MIL"
names = ["Pentagon", "the Pentagon", "Joint Chiefs of Staff"]

[[actor]]
code = "USAGOV"
country = "USA"
role = "GOV"
names = ["State Department"]

[[actor]]
code = "NOR"
country = "NOR"
names = ["Norway"]
adjectives = ["Norwegian"]

[[actor]]
code = "UKR"
country = "UKR"
names = ["Ukraine"]
adjectives = ["Ukrainian"]
demonyms = ["Ukrainians"]

[[actor]]
code = "TUR"
country = "TUR"
names = ["Turkey"]
adjectives = ["Turkish"]

[[actor]]
code = "TCD"
country = "TCD"
names = ["Chad"]
adjectives = ["Chadian"]

[[actor]]
code = "GEO"
country = "GEO"
names = ["Georgia"]
adjectives = ["Georgian"]

[[actor]]
code = "IRN"
country = "IRN"
names = ["Iran"]
adjectives = ["Iranian"]

[[actor]]
code = "FRA"
country = "FRA"
names = ["France"]
adjectives = ["French"]

[[actor]]
code = "NATO"
org = "NATO"
names = ["NATO", "North Atlantic Treaty Organization"]

[[actor]]
code = "WST"
org = "WST"
names = ["the West"]
adjectives = ["Western"]

[[actor]]
code = "NGOICG"
org = "ICG"
names = ["International Crisis Group", "Crisis Group"]

[[person]]
name = "Vladimir Putin"
aliases = ["Putin"]
gender = "m"
roles = [
  { code = "RUSGOV", title = "President", from = "2000-05-07", to = "2008-05-07" },
  { code = "RUSGOV", title = "Prime Minister", from = "2008-05-08", to = "2012-05-07" },
  { code = "RUSGOV", title = "President", from = "2012-05-07" },
]

[[person]]
name = "Ingrid Falk"
gender = "f"
roles = [
  { code = "NORGOV", title = "Prime Minister", from = "2005-10-17", to = "2013-10-16" },
  { code = "NATO", title = "Secretary-General", from = "2014-10-01", to = "2024-10-01" },
  { code = "NORGOV", title = "Finance Minister", from = "2025-02-04" },
]

[[person]]
name = "Jens Stoltenberg"
gender = "m"
roles = [
  { code = "NORGOV", title = "Prime Minister", from = "2005-10-17", to = "2013-10-16" },
  { code = "NATO", title = "Secretary-General", from = "2014-10-01", to = "2024-10-01" },
]
"#;

/// The built-in role nouns and word lists, which every test dictionary builds on.
fn base_files() -> [(&'static str, &'static str); 2] {
    let words = dict::BUILTIN
        .iter()
        .find(|(name, _)| *name == "words.actors.toml")
        .unwrap();
    [dict::BUILTIN[0], *words]
}

fn recognizer() -> ActorRecognizer {
    let user = [DictionarySource {
        name: "test.actors.toml".into(),
        text: TEST_DICT.into(),
    }];
    ActorRecognizer::load_with(&base_files(), &user).expect("test dictionary loads")
}

fn run(rec: &ActorRecognizer, text: &str, date: Option<&str>) -> Vec<Mention> {
    let mentions = rec.recognize(text, &segment(text), date);
    for m in &mentions {
        assert_eq!(m.text, &text[m.start..m.end], "span of {m:?}");
        assert!(m.entity > 0);
    }
    for w in mentions.windows(2) {
        assert!(w[0].start <= w[1].start, "mentions in text order");
    }
    mentions
}

/// (text, code) of every mention.
fn codes(rec: &ActorRecognizer, text: &str, date: Option<&str>) -> Vec<(String, String)> {
    run(rec, text, date)
        .into_iter()
        .map(|m| (m.text, m.actor.code))
        .collect()
}

fn find<'m>(mentions: &'m [Mention], text: &str) -> &'m Mention {
    mentions
        .iter()
        .find(|m| m.text == text)
        .unwrap_or_else(|| panic!("no mention {text:?} in {mentions:#?}"))
}

#[test]
fn all_builtin_dictionaries_load() {
    let started = std::time::Instant::now();
    let rec = match ActorRecognizer::load(&[]) {
        Ok(r) => r,
        Err(e) => panic!("a built-in actor dictionary does not load: {e}"),
    };
    let elapsed = started.elapsed();
    let (entries, nouns, patterns) = rec.sizes();
    eprintln!(
        "built-in actor dictionaries: {entries} entries, {nouns} role nouns, {patterns} forms, loaded in {elapsed:?}"
    );
    assert!(nouns > 500, "role nouns: {nouns}");
    // Each file on its own, to name the one that fails.
    for (name, text) in dict::BUILTIN {
        let mut b = dict::Builder::default();
        if let Err(e) = b.add_toml(name, text) {
            panic!("built-in {name} does not load: {e}");
        }
    }
}

#[test]
fn toml_errors_name_file_and_line() {
    let bad = "[[actor]]\ncode = \"RUS\"\nnames = [\"Russia\"\n\n[[actor]]\n";
    let user = [DictionarySource {
        name: "mine.actors.toml".into(),
        text: bad.into(),
    }];
    let err = ActorRecognizer::load_with(&[], &user)
        .err()
        .expect("bad TOML is an error");
    assert_eq!(err.file, "mine.actors.toml");
    assert!(err.line >= 3 && err.line <= 5, "line {}", err.line);

    let bad_gender = "[[person]]\nname = \"A B\"\n\n[[person]]\nname = \"C D\"\ngender = \"x\"\n";
    let user = [DictionarySource {
        name: "p.actors.toml".into(),
        text: bad_gender.into(),
    }];
    let err = ActorRecognizer::load_with(&[], &user).err().unwrap();
    assert_eq!((err.file.as_str(), err.line), ("p.actors.toml", 4), "{err}");

    let bad_date = "[[person]]\nname = \"A B\"\nroles = [{ code = \"RUSGOV\", from = \"2020\" }]\n";
    let user = [DictionarySource {
        name: "d.actors.toml".into(),
        text: bad_date.into(),
    }];
    let err = ActorRecognizer::load_with(&[], &user).err().unwrap();
    assert_eq!(err.line, 1);
    assert!(err.message.contains("YYYY-MM-DD"), "{err}");

    let unknown_field = "[[actor]]\ncode = \"RUS\"\nnames = [\"Russia\"]\nadjective = [\"Russian\"]\n";
    let user = [DictionarySource {
        name: "u.actors.toml".into(),
        text: unknown_field.into(),
    }];
    let err = ActorRecognizer::load_with(&[], &user).err().unwrap();
    assert_eq!(err.line, 4, "{err}");
}

#[test]
fn user_entries_override_and_add() {
    let extra = r#"
[[actor]]
code = "RUS"
country = "RUS"
names = ["Russia"]
adjectives = ["Russian", "Rossiyan"]

[[person]]
name = "Vladimir Putin"
aliases = ["Putin", "VVP"]
gender = "m"
roles = [{ code = "RUSELI" }]

[[role]]
role = "MIL"
nouns = ["drone operator"]
"#;
    let user = [
        DictionarySource {
            name: "test.actors.toml".into(),
            text: TEST_DICT.into(),
        },
        DictionarySource {
            name: "extra.actors.toml".into(),
            text: extra.into(),
        },
        DictionarySource {
            name: "notes.cues.toml".into(),
            text: "# quote cues: this stage reads only their speech verbs\n[cues]\nspeech = [\"harrumph\"]\n".into(),
        },
    ];
    let rec = ActorRecognizer::load_with(&base_files(), &user).unwrap();
    let got = codes(&rec, "VVP met a Rossiyan drone operator in Ukraine.", None);
    assert_eq!(
        got,
        [
            ("VVP".into(), "RUSELI".into()),
            ("Rossiyan drone operator".into(), "RUSMIL".into()),
            ("Ukraine".into(), "UKR".into())
        ]
    );
}

#[test]
fn composition_table() {
    let rec = recognizer();
    // (sentence, mention text, code, name)
    let cases: &[(&str, &str, &str, Option<&str>)] = &[
        (
            "Russian President Vladimir Putin spoke on Monday.",
            "Russian President Vladimir Putin",
            "RUSGOV",
            Some("Vladimir Putin"),
        ),
        (
            "Kremlin spokesman Dmitry Peskov said talks were over.",
            "Kremlin spokesman Dmitry Peskov",
            "RUSGOV",
            Some("Dmitry Peskov"),
        ),
        (
            "Deputy Secretary of State Alice Moreland flew home.",
            "Deputy Secretary of State Alice Moreland",
            "USAGOV",
            Some("Alice Moreland"),
        ),
        (
            "NATO Secretary-General Jens Stoltenberg met reporters.",
            "NATO Secretary-General Jens Stoltenberg",
            "NATO",
            Some("Jens Stoltenberg"),
        ),
        (
            "NATO Secretary-General Pieter Vanhoof met reporters.",
            "NATO Secretary-General Pieter Vanhoof",
            "NATO",
            Some("Pieter Vanhoof"),
        ),
        (
            "Russian officials declined to comment.",
            "Russian officials",
            "RUSGOV",
            None,
        ),
        (
            "A Ukrainian soldier was wounded near the river.",
            "Ukrainian soldier",
            "UKRMIL",
            None,
        ),
        ("Western powers rejected the plan.", "Western powers", "WST", None),
        ("The plan worried the West for weeks.", "West", "WST", Some("West")),
        (
            "Russia's foreign minister Igor Valenko left early.",
            "Russia's foreign minister Igor Valenko",
            "RUSGOV",
            Some("Igor Valenko"),
        ),
        (
            "Pentagon spokesman John Kirbin gave no details.",
            "Pentagon spokesman John Kirbin",
            "USAMIL",
            Some("John Kirbin"),
        ),
        (
            "Former French President Jacques Morel criticised the deal.",
            "French President Jacques Morel",
            "FRAELI",
            Some("Jacques Morel"),
        ),
        (
            "The Russian government denied it.",
            "Russian government",
            "RUSGOV",
            None,
        ),
        ("Americans voted on Tuesday.", "Americans", "USACVL", None),
        ("Turkish troops crossed the border.", "Turkish troops", "TURMIL", None),
        (
            "Gen. Mark Holloway briefed U.S. lawmakers.",
            "U.S. lawmakers",
            "USALEG",
            None,
        ),
        (
            "Putin spokesman Ivan Drozd denied it.",
            "spokesman Ivan Drozd",
            "RUSGOV",
            Some("Ivan Drozd"),
        ),
    ];
    for &(sentence, text, code, name) in cases {
        let mentions = run(&rec, sentence, Some("2022-01-12"));
        let m = find(&mentions, text);
        assert_eq!(m.actor.code, code, "{sentence}: {m:?}");
        assert_eq!(m.actor.name.as_deref(), name, "{sentence}: {m:?}");
    }
}

#[test]
fn apposition_gives_the_actor() {
    let rec = recognizer();
    let text = "Dana Okafor, an Iran analyst at the International Crisis Group, said the talks had stalled.";
    let mentions = run(&rec, text, None);
    let m = find(&mentions, "Dana Okafor");
    assert_eq!(m.actor.code, "NGOICG");
    assert_eq!(m.actor.org.as_deref(), Some("ICG"));
    assert_eq!(m.via, Resolution::Apposition);
    assert_eq!(m.kind, MentionKind::Person);
    // The apposition is not a mention of its own.
    assert_eq!(mentions.len(), 1, "{mentions:#?}");

    let text = "Putin, the Russian president, arrived. Olek Marchenko, a Ukrainian soldier, said he was tired.";
    let mentions = run(&rec, text, Some("2022-01-12"));
    assert_eq!(find(&mentions, "Putin").actor.code, "RUSGOV");
    let m = find(&mentions, "Olek Marchenko");
    assert_eq!((m.actor.code.as_str(), m.via), ("UKRMIL", Resolution::Apposition));
    let he = find(&mentions, "he");
    assert_eq!(he.entity, m.entity);
}

#[test]
fn word_and_case_traps() {
    let rec = recognizer();
    // "us" is a pronoun, "US" the country.
    assert_eq!(
        codes(&rec, "They told us the US would help.", None),
        [("US".into(), "USA".into())]
    );
    // "turkey" is food.
    assert_eq!(
        codes(&rec, "We ate turkey while Turkey voted.", None),
        [("Turkey".into(), "TUR".into())]
    );
    // No match inside words.
    assert!(codes(&rec, "Russianness and Chadwick are not actors.", None).is_empty());
    // "Chad" as a given name before a capitalised surname.
    assert!(
        codes(&rec, "Chad Smith scored twice.", None).is_empty(),
        "{:?}",
        codes(&rec, "Chad Smith scored twice.", None)
    );
    assert_eq!(
        codes(&rec, "Chad closed its border.", None),
        [("Chad".into(), "TCD".into())]
    );
    // "Troops from Chad" are Chad's military.
    assert_eq!(codes(&rec, "Troops from Chad arrived.", None)[0].1, "TCDMIL");
    // Georgia the US state.
    for s in [
        "The rally in Atlanta, Georgia drew thousands.",
        "Georgia Governor Brian Kemble signed it.",
        "Georgia's Senate race is close.",
        "Georgia Rep. Lena Marsh voted against the bill.",
        "A Georgia congressman and two Georgia Sen. aides resigned.",
    ] {
        let got = codes(&rec, s, None);
        assert!(
            got.iter()
                .any(|(t, c)| t.starts_with("Georgia") && c.starts_with("USA")),
            "{s}: {got:?}"
        );
    }
    // Georgia the country.
    let got = codes(&rec, "Georgia said Russian troops remain near Tbilisi.", None);
    assert_eq!(got[0], ("Georgia".into(), "GEO".into()));
    let got = codes(&rec, "Georgian officials met in Brussels.", None);
    assert_eq!(got[0], ("Georgian officials".into(), "GEOGOV".into()));
    // Sentence-initial common words are not names; all-caps headlines still match.
    assert!(codes(&rec, "Will the talks resume?", None).is_empty());
    let got = codes(&rec, "RUSSIA WARNS UKRAINE OVER DRILLS.", None);
    assert_eq!(got, [("RUSSIA".into(), "RUS".into()), ("UKRAINE".into(), "UKR".into())]);
    // "pro-Russian separatists" are not Russian.
    let got = codes(&rec, "Pro-Russian separatists fired shells.", None);
    assert!(got.iter().all(|(_, c)| c != "RUSREB" && c != "RUS"), "{got:?}");
}

#[test]
fn coreference_surnames_titles_and_pronouns() {
    let rec = recognizer();
    let text = "Deputy Secretary of State Alice Moreland met Kremlin spokesman Dmitry Peskov in Geneva. \
                Peskov said nothing. Moreland, who led the U.S. delegation, said progress was slow.\n\
                The spokesman later left. \"We are open,\" she said.";
    let mentions = run(&rec, text, Some("2022-01-12"));
    let full = find(&mentions, "Deputy Secretary of State Alice Moreland");
    let sur = find(&mentions, "Moreland");
    assert_eq!(
        (sur.entity, sur.actor.code.as_str(), sur.via),
        (full.entity, "USAGOV", Resolution::Coreference)
    );
    assert_eq!(sur.actor.name.as_deref(), Some("Alice Moreland"));
    let peskov = find(&mentions, "Kremlin spokesman Dmitry Peskov");
    let p2 = find(&mentions, "Peskov");
    assert_eq!((p2.entity, p2.actor.code.as_str()), (peskov.entity, "RUSGOV"));
    let title = find(&mentions, "spokesman");
    assert_eq!(
        (title.entity, title.kind, title.via),
        (peskov.entity, MentionKind::Role, Resolution::Coreference)
    );
    let she = find(&mentions, "she");
    assert_eq!(
        (she.entity, she.kind, she.via),
        (full.entity, MentionKind::Pronoun, Resolution::Pronoun)
    );
    assert_eq!(she.actor.name.as_deref(), Some("Alice Moreland"));
    assert_eq!(she.gender, Some('f'));
    let delegation = find(&mentions, "U.S. delegation");
    assert_eq!(delegation.actor.code, "USAGOV");

    // Gender from the title; the pronoun skips the more recent man.
    let text =
        "Foreign ministry spokeswoman Zoya Grinkova of Russia spoke first. Then Putin spoke. Later she added a line.";
    let mentions = run(&rec, text, Some("2022-01-12"));
    let she = find(&mentions, "she");
    assert_eq!(she.actor.name.as_deref(), Some("Zoya Grinkova"));
    // A person of unknown gender named long before does not take "she" from a woman.
    let text = "Deputy Secretary of State Alice Moreland arrived. Foreign Minister Teodor Vaskin of Russia spoke next. \
                The talks lasted hours. Nobody spoke of a deal. \"We are open,\" she said.";
    let mentions = run(&rec, text, Some("2022-01-12"));
    let she = mentions.iter().find(|m| m.text == "she").expect("she");
    assert_eq!(she.actor.name.as_deref(), Some("Alice Moreland"));
    // Pronouns inside quotations are not resolved.
    let mentions = run(&rec, "Putin spoke. \"He is wrong,\" a diplomat said.", None);
    assert!(mentions.iter().all(|m| m.kind != MentionKind::Pronoun), "{mentions:#?}");
    // A person with no code stops a pronoun from reaching back to an earlier one.
    let mentions = run(&rec, "Putin spoke. Chad Smith, a fan, cheered. He left.", None);
    assert!(mentions.iter().all(|m| m.text != "He"), "{mentions:#?}");
    let mentions = run(&rec, "Putin spoke. Then Robert Hale arrived. He left.", None);
    assert!(mentions.iter().all(|m| m.text != "He"), "{mentions:#?}");
    // A name not in the dictionary gets its actor from the apposition after it; pronouns follow.
    let text = "Robert Hale, a Pentagon spokesman, said the drills ended. Hale added that he was pleased.";
    let mentions = run(&rec, text, None);
    let hale = find(&mentions, "Robert Hale");
    assert_eq!(
        (hale.actor.code.as_str(), hale.via, hale.gender),
        ("USAMIL", Resolution::Apposition, Some('m'))
    );
    assert_eq!(find(&mentions, "Hale").entity, hale.entity);
    assert_eq!(find(&mentions, "he").entity, hale.entity);
    assert!(mentions.iter().all(|m| m.text != "Pentagon spokesman"), "{mentions:#?}");
}

#[test]
fn people_are_coded_by_the_article_date() {
    let rec = recognizer();
    let code_on = |date: Option<&str>| run(&rec, "Jens Stoltenberg spoke.", date)[0].actor.code.clone();
    assert_eq!(code_on(Some("2010-03-01")), "NORGOV");
    assert_eq!(code_on(Some("2020-03-01")), "NATO");
    assert_eq!(code_on(Some("2014-01-01")), "NORELI");
    assert_eq!(code_on(Some("2000-01-01")), "NOR");
    assert_eq!(code_on(None), "NATO");
    let putin = |date| run(&rec, "Putin spoke.", Some(date))[0].actor.role.clone();
    assert_eq!(putin("2010-01-01").as_deref(), Some("GOV"));
}

#[test]
fn context_country_for_bare_titles() {
    let rec = recognizer();
    let mentions = run(
        &rec,
        "Ukraine mobilised reserves. The government said Foreign Minister Petro Kalyna would travel.",
        None,
    );
    assert_eq!(find(&mentions, "government").actor.code, "UKRGOV");
    assert_eq!(find(&mentions, "Foreign Minister Petro Kalyna").actor.code, "UKRGOV");
    // Two countries in context: not clear, no guess.
    let mentions = run(
        &rec,
        "Ukraine and Russia met. Foreign Minister Petro Kalyna spoke.",
        None,
    );
    assert!(mentions.iter().all(|m| !m.text.contains("Kalyna")), "{mentions:#?}");
    // An adjectival use is not a reference to the army.
    let mentions = run(&rec, "Ukraine asked for military support.", None);
    assert_eq!(mentions.len(), 1, "{mentions:#?}");
}

#[test]
fn boilerplate_has_no_mentions() {
    let rec = recognizer();
    let text = "Russia moved tanks.\nCLICK HERE TO READ MORE ABOUT RUSSIA AND UKRAINE\nUkraine protested.";
    let mentions = run(&rec, text, None);
    let texts: Vec<&str> = mentions.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(texts, ["Russia", "Ukraine"]);
}

#[test]
fn legacy_dictionaries_load() {
    let actors = "# comment line\n\
                  RURITANIA_ [RUR]\n\
                  +RURITANIAN_\n\
                  +STRELSAU_\n\
                  \n\
                  RUDOLF_ELPHBERG_ # a king\n\
                  +KING_RUDOLF\n\
                  \t[RURGOV 200101-220630]\n\
                  \t[RURELI]\n\
                  MICHAEL_OF_STRELSAU_ [RURMIL >220701]\n\
                  ORDER_OF_THE_RED_ROSE_ [IGOROSE]\n\
                  ZENDA_CASTLE_GARRISON_ [RURMIL] ;tabari-style comment\n";
    let agents = "!PERSON! = MAN, MEN, WOMAN, WOMEN\n\
                  PALACE_GUARD_ [~MIL]\n\
                  HORSE!PERSON! [~AGR]\n\
                  CHAMBER_OF_SCRIBES {CHAMBERS_OF_SCRIBES} [~GOV]\n";
    let user = [
        DictionarySource {
            name: "legacy/Ruritania.actors.txt".into(),
            text: actors.into(),
        },
        DictionarySource {
            name: "legacy/Ruritania.agents.txt".into(),
            text: agents.into(),
        },
    ];
    let rec = ActorRecognizer::load_with(&base_files(), &user).unwrap();
    let text = "Ruritania protested. King Rudolf spoke in Strelsau. Ruritanian palace guards and two horsewomen watched. \
                Michael of Strelsau waited. The Order of the Red Rose met. The Zenda Castle Garrison waited.";
    let got = codes(&rec, text, Some("2021-05-01"));
    assert!(got.contains(&("Ruritania".into(), "RUR".into())), "{got:?}");
    assert!(got.contains(&("King Rudolf".into(), "RURGOV".into())), "{got:?}");
    assert!(
        got.contains(&("Ruritanian palace guards".into(), "RURMIL".into())),
        "{got:?}"
    );
    assert!(
        got.contains(&("Michael of Strelsau".into(), "RUR".into())),
        "before his role: {got:?}"
    );
    assert!(
        got.iter()
            .any(|(t, c)| t.contains("Order of the Red Rose") && c == "IGOROSE"),
        "{got:?}"
    );
    let later = codes(&rec, "King Rudolf abdicated.", Some("2023-01-01"));
    assert_eq!(later[0].1, "RURELI");
    let bad = [DictionarySource {
        name: "x.agents.txt".into(),
        text: "WARDEN!NOSET! [~COP]\n".into(),
    }];
    let err = ActorRecognizer::load_with(&[], &bad).err().unwrap();
    assert_eq!((err.file.as_str(), err.line), ("x.agents.txt", 1));
}

fn shared_dir() -> Option<std::path::PathBuf> {
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    [
        here.join("../../../shared"),
        here.join("../../shared"),
        std::path::PathBuf::from("/work/shared"),
    ]
    .into_iter()
    .find(|p| p.join("reference").is_dir())
}

#[test]
fn shared_legacy_dictionaries_load_when_present() {
    let Some(shared) = shared_dir() else {
        eprintln!("skipped: no shared/ folder");
        return;
    };
    let dir = shared.join("reference/legacy-dictionaries/petrarch");
    let mut sources = Vec::new();
    for name in [
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
        "Phoenix.agents.txt",
    ] {
        let Ok(text) = std::fs::read_to_string(dir.join(name)) else {
            continue;
        };
        sources.push(DictionarySource {
            name: name.into(),
            text,
        });
    }
    // Files of other stages are ignored by this one.
    for name in ["CAMEO.2.0.txt", "Phoenix.discards.txt", "Phoenix.IssueCoding.txt"] {
        if let Ok(text) = std::fs::read_to_string(dir.join(name)) {
            sources.push(DictionarySource {
                name: name.into(),
                text,
            });
        }
    }
    if sources.is_empty() {
        return;
    }
    let rec = ActorRecognizer::load_with(&base_files(), &sources).unwrap_or_else(|e| panic!("{e}"));
    let got = codes(
        &rec,
        "Afghanistan and Kabul officials met the United Nations.",
        Some("2010-01-01"),
    );
    eprintln!("{got:?}");
    assert!(
        got.iter().any(|(t, c)| t == "Afghanistan" && c.starts_with("AFG")),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|(t, c)| t.contains("United Nations") && c.starts_with("IGO")),
        "{got:?}"
    );
    // A dated person entry: in office at the UN from 2007.
    let got = codes(&rec, "Ban Ki-moon spoke.", Some("2010-06-01"));
    assert_eq!(got.first().map(|(_, c)| c.as_str()), Some("IGOUNO"), "{got:?}");
    // An agent: "police" composes with the country.
    let got = codes(&rec, "Afghan police arrested two men.", None);
    assert!(got.iter().any(|(_, c)| c == "AFGCOP"), "{got:?}");
}

#[test]
fn seed_article_when_present() {
    let Some(shared) = shared_dir() else { return };
    let Ok(text) = std::fs::read_to_string(shared.join("golden/seed-article.txt")) else {
        return;
    };
    let rec = ActorRecognizer::load(&[]).unwrap();
    let sentences = segment(&text);
    let mentions = rec.recognize(&text, &sentences, Some("2022-01-12"));
    for m in &mentions {
        assert_eq!(m.text, &text[m.start..m.end]);
        eprintln!("{}", describe(m));
    }
    let by_name = |n: &str| {
        mentions
            .iter()
            .filter(|m| m.actor.name.as_deref() == Some(n))
            .collect::<Vec<_>>()
    };
    for (name, code, at_least) in [
        ("Vladimir Putin", "RUSGOV", 2),
        ("Wendy Sherman", "USAGOV", 3),
        ("Dmitry Peskov", "RUSGOV", 2),
        // An organisation: CAMEO's sector prefix in the code, the short key in `org`.
        ("Jens Stoltenberg", "IGONATO", 4),
    ] {
        let ms = by_name(name);
        assert!(ms.len() >= at_least, "{name}: {} mentions", ms.len());
        assert!(ms.iter().all(|m| m.actor.code == code), "{name}: {ms:#?}");
        if code == "IGONATO" {
            assert!(
                ms.iter().all(|m| m.actor.org.as_deref() == Some("NATO")),
                "{name}: {ms:#?}"
            );
        }
        assert!(ms.windows(2).all(|w| w[0].entity == w[1].entity), "{name}: one entity");
    }
    assert!(
        mentions
            .iter()
            .any(|m| m.text == "Western powers" && m.actor.code == "WST")
    );
    assert!(
        mentions
            .iter()
            .filter(|m| m.text == "Russian officials")
            .all(|m| m.actor.code == "RUSGOV")
    );
    assert!(mentions.iter().any(|m| m.text == "Russian officials"));
    // "she said" near the end is Wendy Sherman.
    let she = mentions
        .iter()
        .rev()
        .find(|m| m.kind == MentionKind::Pronoun && m.gender == Some('f'))
        .expect("a she");
    assert_eq!(she.actor.name.as_deref(), Some("Wendy Sherman"));
    for s in sentences.iter().filter(|s| s.boilerplate) {
        assert!(
            mentions.iter().all(|m| m.end <= s.start || m.start >= s.end),
            "mention in boilerplate"
        );
    }
}

/// `ACTORS_TEXT="…" cargo test -p detente-coder debug_text -- --ignored --nocapture` prints the mentions.
#[test]
#[ignore]
fn debug_text() {
    let text = std::env::var("ACTORS_TEXT").unwrap_or_default();
    let rec = if std::env::var("ACTORS_BUILTIN").is_ok() {
        ActorRecognizer::load(&[]).unwrap()
    } else {
        recognizer()
    };
    for m in run(&rec, &text, std::env::var("ACTORS_DATE").ok().as_deref()) {
        eprintln!("{}", describe(&m));
    }
}

/// `ACTORS_JSONL=articles.jsonl cargo test -p detente-coder debug_jsonl -- --ignored --nocapture`: mentions of
/// every article (first 3 sentences' worth with ACTORS_SHORT), and the time recognition took.
#[test]
#[ignore]
fn debug_jsonl() {
    let Ok(path) = std::env::var("ACTORS_JSONL") else {
        return;
    };
    let rec = ActorRecognizer::load(&[]).unwrap();
    let content = std::fs::read_to_string(path).unwrap();
    let quiet = std::env::var("ACTORS_QUIET").is_ok();
    let (mut bytes, mut spent, mut count) = (0usize, std::time::Duration::ZERO, 0usize);
    for line in content.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let text = v["text"].as_str().unwrap_or_default();
        let date = v["date"].as_str();
        let sentences = segment(text);
        let t = std::time::Instant::now();
        let mentions = if std::env::var("ACTORS_SKIP").is_ok() {
            Vec::new()
        } else {
            rec.recognize(text, &sentences, date)
        };
        spent += t.elapsed();
        bytes += text.len();
        count += mentions.len();
        if !quiet {
            eprintln!("=== {} {}", v["id"], date.unwrap_or("-"));
            for m in &mentions {
                eprintln!("{}", describe(m));
            }
        }
    }
    eprintln!(
        "{bytes} bytes, {count} mentions, {spent:?}: {:.1} MB/s",
        bytes as f64 / 1e6 / spent.as_secs_f64()
    );
}

/// Where load time goes (run in release): TOML parsing, compiling, automata.
#[test]
#[ignore]
fn load_phases() {
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let mut b = dict::Builder::default();
        for (name, text) in dict::BUILTIN {
            b.add_toml(name, text).unwrap();
        }
        let parsed = t.elapsed();
        let d = b.build();
        let built = t.elapsed();
        drop(d);
        let t2 = std::time::Instant::now();
        let _rec = ActorRecognizer::load(&[]).unwrap();
        eprintln!(
            "toml {parsed:?}, +compile {:?}, whole load {:?}",
            built - parsed,
            t2.elapsed()
        );
    }
}

#[test]
fn unicode_and_odd_text_keep_spans_on_char_boundaries() {
    let rec = recognizer();
    let texts = [
        "Zelensky a parlé à Kyiv — «c’est fini». Über alles? Ja! 東京で会談した。",
        "RUSSIA’S TROOPS ÉVACUENT ÖSTERREICH. Putin’s aides met Ukraine’s envoy, Ölga Şahin, in Kyiv.",
        "“He said,” she said. \"They\" did. ‘Russia’ — Russian officials’ statement… Ukraine!",
        "Sen. Émile Zola, a French writer at the Académie, said he would go. Zola’s friend Ana María left.",
        "Russia\u{a0}officials said. Russian\nofficials said. Ukraine,Russia;NATO/US—Turkey(Chad).",
        "A",
        "",
        "  ",
        "Putin",
        "the",
        "Chad",
        "Georgia, ",
        ", an analyst at",
        "President",
        "Ms. ",
        "J.",
    ];
    for text in texts {
        run(&rec, text, None);
        run(&rec, text, Some("2022-01-12"));
    }
    // Any byte offset as a sentence end must be a char boundary: segment() guarantees it; check all starts.
    let text = texts[1];
    for (i, _) in text.char_indices() {
        let sentences = [detente_records::Sentence {
            start: i,
            end: text.len(),
            boilerplate: false,
            paragraph: 0,
        }];
        for m in rec.recognize(text, &sentences, None) {
            assert_eq!(m.text, &text[m.start..m.end]);
        }
    }
}

/// A title or apposition in the text names the person's role for the whole article, whatever the
/// dictionary says for the date; without one, the date (or, undated, the role still held) decides.
#[test]
fn text_titles_override_dictionary_roles() {
    let rec = recognizer();
    // (text, date, mention, code)
    let cases: &[(&str, Option<&str>, &str, &str)] = &[
        ("Ingrid Falk spoke.", None, "Ingrid Falk", "NORGOV"),
        ("Ingrid Falk spoke.", Some("2020-05-01"), "Ingrid Falk", "NATO"),
        (
            "NATO Secretary-General Ingrid Falk spoke.",
            None,
            "NATO Secretary-General Ingrid Falk",
            "NATO",
        ),
        // Later mentions of the chain inherit the title's actor.
        (
            "NATO Secretary-General Ingrid Falk spoke. Falk left early.",
            None,
            "Falk",
            "NATO",
        ),
        (
            "NATO Secretary-General Ingrid Falk spoke. Then she left.",
            None,
            "she",
            "NATO",
        ),
        // Earlier mentions too: the article is about her in that role.
        (
            "Ingrid Falk arrived. NATO Secretary-General Ingrid Falk spoke.",
            None,
            "Ingrid Falk",
            "NATO",
        ),
        // A title without a qualifier picks the dictionary role with that title.
        (
            "Secretary-General Ingrid Falk spoke.",
            None,
            "Secretary-General Ingrid Falk",
            "NATO",
        ),
        (
            "Prime Minister Ingrid Falk spoke.",
            Some("2020-05-01"),
            "Prime Minister Ingrid Falk",
            "NORGOV",
        ),
        // A group after the name is no apposition of hers.
        (
            "In a call with Secretary-General Ingrid Falk, the leaders of Turkey and France agreed.",
            None,
            "Secretary-General Ingrid Falk",
            "NATO",
        ),
        // An apposition that names the role.
        (
            "Ingrid Falk, NATO's secretary-general, spoke.",
            None,
            "Ingrid Falk",
            "NATO",
        ),
        // "Former": an elite of the country the title names, or of the titled role's country.
        (
            "Former Norwegian Prime Minister Ingrid Falk spoke.",
            Some("2020-05-01"),
            "Norwegian Prime Minister Ingrid Falk",
            "NORELI",
        ),
        (
            "Former Prime Minister Ingrid Falk spoke.",
            None,
            "Former Prime Minister Ingrid Falk",
            "NORELI",
        ),
    ];
    for &(text, date, mention, code) in cases {
        let mentions = run(&rec, text, date);
        let hits: Vec<&Mention> = mentions.iter().filter(|m| m.text == mention).collect();
        assert!(!hits.is_empty(), "{text}: no {mention:?} in {mentions:#?}");
        assert!(hits.iter().all(|m| m.actor.code == code), "{text}: {hits:#?}");
        // One entity for all her mentions.
        let falk: Vec<usize> = mentions
            .iter()
            .filter(|m| m.actor.name.as_deref() == Some("Ingrid Falk"))
            .map(|m| m.entity)
            .collect();
        assert!(falk.windows(2).all(|w| w[0] == w[1]), "{text}: {mentions:#?}");
    }
}

#[test]
fn departments_places_and_possessive_bodies() {
    let rec = recognizer();
    // (sentence, mention text, code, name)
    let cases: &[(&str, &str, &str, Option<&str>)] = &[
        // Capitalised department words between the qualifier and the title.
        (
            "Ukrainian Foreign Affairs Secretary Petro Kalyna confirmed the call.",
            "Ukrainian Foreign Affairs Secretary Petro Kalyna",
            "UKRGOV",
            Some("Petro Kalyna"),
        ),
        (
            "Turkey's Chief Minister Ali Kaya said he had assurances.",
            "Turkey's Chief Minister Ali Kaya",
            "TURGOV",
            Some("Ali Kaya"),
        ),
        // A body known under another country's name, owned by the country before it.
        (
            "Two rockets flew far, Ukraine's Joint Chiefs of Staff reported.",
            "Ukraine's Joint Chiefs of Staff",
            "UKRMIL",
            Some("Joint Chiefs of Staff"),
        ),
        (
            "The Joint Chiefs of Staff met.",
            "Joint Chiefs of Staff",
            "USAMIL",
            Some("Joint Chiefs of Staff"),
        ),
        // A group placed in a country or its capital, or of it.
        (
            "Officials in Moscow said the talks were over.",
            "Officials in Moscow",
            "RUSGOV",
            None,
        ),
        // Not for groups that are often foreigners there.
        ("Settlers in Turkey were worried.", "Turkey", "TUR", None),
        (
            "Foreign ministers of Ukraine and France met.",
            "Foreign ministers of Ukraine",
            "UKRGOV",
            None,
        ),
        // "a former" apposition: an elite of that country.
        (
            "\"Wait,\" said Robert Hale, a former Ukrainian official who now teaches.",
            "Robert Hale",
            "UKRELI",
            Some("Robert Hale"),
        ),
    ];
    for &(sentence, text, code, name) in cases {
        let mentions = run(&rec, sentence, None);
        let m = find(&mentions, text);
        assert_eq!(m.actor.code, code, "{sentence}: {m:?}");
        assert_eq!(m.actor.name.as_deref(), name, "{sentence}: {m:?}");
    }
}

#[test]
fn group_speakers_and_body_coreference() {
    let rec = recognizer();
    // (text, mention, code); None: no mention with that text.
    let cases: &[(&str, &str, Option<&str>)] = &[
        (
            "Turkey closed the border on Friday, state media said.",
            "state media",
            Some("TURGOV"),
        ),
        (
            "Turkey closed the border. Officials said it would reopen.",
            "Officials",
            Some("TURGOV"),
        ),
        (
            "Turkey closed the border. Officials have said it would reopen.",
            "Officials",
            Some("TURGOV"),
        ),
        // A group with a role takes the country the article is about, whatever it does.
        (
            "Turkey closed the border. Officials met on Friday.",
            "Officials",
            Some("TURGOV"),
        ),
        // Two countries in context: no guess.
        (
            "Turkey and Iran closed the border. Officials said it would reopen.",
            "Officials",
            None,
        ),
        // "the department" is the department named before, even with another country in context.
        (
            "The State Department issued visas. Iran objected. The department said it would review them.",
            "department",
            Some("USAGOV"),
        ),
    ];
    for &(text, mention, code) in cases {
        let mentions = run(&rec, text, None);
        let got = mentions
            .iter()
            .find(|m| m.text == mention)
            .map(|m| m.actor.code.as_str());
        assert_eq!(got, code, "{text}: {mentions:#?}");
    }
    let text = "The State Department issued visas. The department said it would review them.";
    let mentions = run(&rec, text, None);
    assert_eq!(
        find(&mentions, "department").entity,
        find(&mentions, "State Department").entity
    );
    assert_eq!(find(&mentions, "department").via, Resolution::Coreference);
}

#[test]
fn a_title_alone_refers_to_the_most_mentioned_holder() {
    let rec = recognizer();
    let text = "President Ivan Drozd of Russia spoke. Drozd said more. Drozd left for Ankara. \
                He met President Ali Kaya of Turkey there. The president said the visit went well.";
    let mentions = run(&rec, text, None);
    let president = find(&mentions, "president");
    assert_eq!(president.actor.name.as_deref(), Some("Ivan Drozd"), "{mentions:#?}");
    assert_eq!(find(&mentions, "President Ali Kaya of Turkey").actor.code, "TURGOV");
    // With one mention each, the latest.
    let text = "President Ivan Drozd of Russia met President Ali Kaya of Turkey. The president said it went well.";
    let mentions = run(&rec, text, None);
    assert_eq!(find(&mentions, "president").actor.name.as_deref(), Some("Ali Kaya"));
}

#[test]
fn builtin_us_parties() {
    let rec = ActorRecognizer::load(&[]).unwrap();
    let mentions = run(&rec, "GOP lawmakers objected, a senior Republican aide said.", None);
    assert_eq!(find(&mentions, "GOP lawmakers").actor.code, "USALEG");
    assert_eq!(find(&mentions, "Republican aide").actor.country.as_deref(), Some("USA"));
    // Other countries' Democrats are not the US party.
    let mentions = run(
        &rec,
        "The Liberal Democrats and the Democratic Party of Japan objected.",
        None,
    );
    assert!(
        mentions.iter().all(|m| m.actor.country.as_deref() != Some("USA")),
        "{mentions:#?}"
    );
}

#[test]
fn titles_with_of_possessives_and_majority_context() {
    let rec = recognizer();
    // (text, mention, code); None: no mention with that text.
    let cases: &[(&str, &str, Option<&str>)] = &[
        // A title alone names nobody, but "of X" gives its actor.
        (
            "The head of NATO said the drills would go on.",
            "head of NATO",
            Some("NATO"),
        ),
        ("The head of Iran's navy said nothing.", "head of Iran", Some("IRNGOV")),
        ("He hit his head on the door.", "head", None),
        // A person's deputy, with the bare apostrophe of a name ending in s.
        (
            "Ambassador Chris Stevens of the United States died. Mr. Stevens' deputy said help was refused.",
            "deputy",
            Some("USAGOV"),
        ),
        // The country named more often than all others together in context.
        (
            "The Pentagon and the State Department met Iran's envoy. Spokeswoman Dana Whitcombe said talks went well.",
            "Spokeswoman Dana Whitcombe",
            Some("USAGOV"),
        ),
        // A tie: no guess.
        (
            "Iran met Turkey. Spokeswoman Dana Whitcombe said talks went well.",
            "Spokeswoman Dana Whitcombe",
            None,
        ),
        // A capitalised civilian noun that goes on with capitalised words is part of a name.
        (
            "The Pentagon National Records Office opened on Monday.",
            "Pentagon",
            Some("USAMIL"),
        ),
        (
            "The Pentagon National Records Office opened on Monday.",
            "Records",
            None,
        ),
    ];
    for &(text, mention, code) in cases {
        let mentions = run(&rec, text, None);
        let got = mentions
            .iter()
            .find(|m| m.text == mention)
            .map(|m| m.actor.code.as_str());
        assert_eq!(got, code, "{text}: {mentions:#?}");
    }
}

#[test]
fn documents_speak_for_their_issuer() {
    let rec = recognizer();
    // (text, mention, code); None: no mention with that text.
    let cases: &[(&str, &str, Option<&str>)] = &[
        (
            "The Pentagon sent a cable. The list is long, the cable said.",
            "cable",
            Some("USAGOV"),
        ),
        (
            "The State Department wrote to Iran. The statement reads like a warning.",
            "statement",
            Some("USAGOV"),
        ),
        (
            "A Turkish ministry statement said the talks ended.",
            "Turkish ministry statement",
            Some("TURGOV"),
        ),
        // "by" names the issuer.
        (
            "The report by the Pentagon said the drills ended.",
            "report by the Pentagon",
            Some("USAMIL"),
        ),
        // A document named as a place is no actor.
        ("Turkey sent a cable. In the cable, nothing was new.", "cable", None),
    ];
    for &(text, mention, code) in cases {
        let mentions = run(&rec, text, None);
        let got = mentions
            .iter()
            .find(|m| m.text == mention)
            .map(|m| m.actor.code.as_str());
        assert_eq!(got, code, "{text}: {mentions:#?}");
    }
    // "the statement" speaks for whoever issued it, however many others are named in between.
    let text = "Turkey issued a statement. The statement says talks are over. Iran and Russia objected. \
                The statement adds that the border is closed.";
    let mentions = run(&rec, text, None);
    let statements: Vec<&Mention> = mentions.iter().filter(|m| m.text == "statement").collect();
    assert_eq!(statements.len(), 2, "{mentions:#?}");
    let turkey = find(&mentions, "Turkey");
    assert!(
        statements
            .iter()
            .all(|m| m.actor.code == "TUR" && m.entity == turkey.entity && m.via == Resolution::Coreference),
        "{mentions:#?}"
    );
}

#[test]
fn context_weights_people_over_places_and_skips_boilerplate() {
    let rec = recognizer();
    // A person of one country outweighs a country named as an object.
    let text =
        "Foreign Minister Teodor Vaskin of Russia criticised Iran. Spokeswoman Dana Whitcombe said talks went well.";
    let mentions = run(&rec, text, None);
    assert_eq!(find(&mentions, "Spokeswoman Dana Whitcombe").actor.code, "RUSGOV");
    // A boilerplate line between two sentences does not break "the previous sentence".
    let text = "Ukraine mobilised reserves.\n\nADVERTISEMENT\n\nThe government said it was ready.";
    let sentences = segment(text);
    assert!(sentences.iter().any(|s| s.boilerplate), "{sentences:?}");
    let mentions = rec.recognize(text, &sentences, None);
    assert_eq!(find(&mentions, "government").actor.code, "UKRGOV");
}

#[test]
fn attribution_and_the_article_country() {
    let rec = recognizer();
    // (text, mention, code); None: no mention with that text.
    let cases: &[(&str, &str, Option<&str>)] = &[
        (
            "Turkey closed the border, according to officials.",
            "officials",
            Some("TURGOV"),
        ),
        (
            "Turkey closed the border, according to a statement.",
            "statement",
            Some("TURGOV"),
        ),
        // Nothing nearby: the country the article is about.
        (
            "Turkey closed the border. Turkey sent troops. Nobody knew why. The statement said more would come.",
            "statement",
            Some("TURGOV"),
        ),
        // No country clearly dominant: no guess.
        (
            "Turkey closed the border. Iran sent troops. Nobody knew why. The statement said more would come.",
            "statement",
            None,
        ),
    ];
    for &(text, mention, code) in cases {
        let mentions = run(&rec, text, None);
        let got = mentions
            .iter()
            .find(|m| m.text == mention)
            .map(|m| m.actor.code.as_str());
        assert_eq!(got, code, "{text}: {mentions:#?}");
    }
}

#[test]
fn builtin_organisations_carry_cameo_sector_prefixes() {
    let rec = ActorRecognizer::load(&[]).unwrap();
    // (text, mention, code, org)
    let cases: &[(&str, &str, &str, &str)] = &[
        ("NATO met on Monday.", "NATO", "IGONATO", "NATO"),
        ("The United Nations voted.", "United Nations", "IGOUN", "UN"),
        (
            "Amnesty International objected.",
            "Amnesty International",
            "NGOAMN",
            "AMN",
        ),
        // Armed groups keep CAMEO's code; their key is their name.
        ("Hamas fired rockets.", "Hamas", "HMS", "HAMAS"),
    ];
    for &(text, mention, code, org) in cases {
        let mentions = run(&rec, text, None);
        let m = find(&mentions, mention);
        assert_eq!(
            (m.actor.code.as_str(), m.actor.org.as_deref()),
            (code, Some(org)),
            "{text}"
        );
    }
    // A person's role code may name the short key: it stands for the organisation's code.
    let user = [DictionarySource {
        name: "people.actors.toml".into(),
        text: r#"
[[person]]
name = "Ilse Vandermeer"
roles = [{ code = "NATO", title = "Secretary-General", from = "2030-01-01" }]
"#
        .into(),
    }];
    let rec = ActorRecognizer::load(&user).unwrap();
    let m = &run(&rec, "Ilse Vandermeer spoke.", None)[0];
    assert_eq!(
        (m.actor.code.as_str(), m.actor.org.as_deref()),
        ("IGONATO", Some("NATO"))
    );
}

#[test]
fn possessive_party_words_and_builtin_places() {
    let rec = recognizer();
    // A capitalised party word between a possessive and a lower-case body.
    let mentions = run(&rec, "Turkey's Kemalist government closed the paper.", None);
    assert_eq!(find(&mentions, "Turkey's Kemalist government").actor.code, "TURGOV");
    // Without a possessive a lower-case noun does not reach over capitalised words.
    let mentions = run(&rec, "Turkish Kemalist government supporters marched.", None);
    assert!(mentions.iter().all(|m| m.actor.code != "TURGOV"), "{mentions:#?}");
    // A role-less noun after an organisation, in an apposition: the organisation.
    let text = "Kenji Morimoto, the NATO Emergency Relief Coordinator, asked for access.";
    let mentions = run(&rec, text, None);
    assert_eq!(find(&mentions, "Kenji Morimoto").actor.code, "NATO");

    let rec = ActorRecognizer::load(&[]).unwrap();
    // "the West Bank" is Palestine, not "the West" followed by "Bank".
    let mentions = run(
        &rec,
        "Farmers near the West Bank town of Jenin lost their olive trees.",
        None,
    );
    assert!(mentions.iter().all(|m| m.actor.code != "WST"), "{mentions:#?}");
    assert!(
        mentions.iter().any(|m| m.text == "West Bank" && m.actor.code == "PSE"),
        "{mentions:#?}"
    );
}

/// (text, article date, mention text, expected code; None: no mention with that text).
type BuiltinCase = (&'static str, Option<&'static str>, &'static str, Option<&'static str>);

fn check_builtin_cases(cases: &[BuiltinCase]) {
    let rec = ActorRecognizer::load(&[]).unwrap();
    for &(text, date, surface, want) in cases {
        let mentions = run(&rec, text, date);
        let got = mentions
            .iter()
            .find(|m| m.text == surface)
            .map(|m| m.actor.code.as_str());
        assert_eq!(got, want, "{surface:?} in {text:?}: {mentions:#?}");
    }
}

#[test]
fn region_words_name_actors_only_before_groups_of_people() {
    check_builtin_cases(&[
        // A region's adjective before a group of people is the bloc.
        (
            "Western diplomats criticised the vote.",
            None,
            "Western diplomats",
            Some("WST"),
        ),
        (
            "European leaders gathered in Rome.",
            None,
            "European leaders",
            Some("EUR"),
        ),
        // Before a country, a place noun or an institution it only locates or describes.
        (
            "Troops shelled villages in Western Mali overnight.",
            None,
            "Western",
            None,
        ),
        (
            "Troops shelled villages in Western Mali overnight.",
            None,
            "Mali",
            Some("MLI"),
        ),
        ("Hong Kong remains an Asian trading centre.", None, "Asian", None),
        (
            "A Western delegation arrived in Accra.",
            None,
            "Western delegation",
            None,
        ),
        // A name followed by a facility noun is the facility.
        ("Farmers blocked the Europe Bridge with tractors.", None, "Europe", None),
        ("Fans filled the Africa Stadium on Sunday.", None, "Africa", None),
        // So is a document or forum named after a place.
        ("Chile quit the Lima Accord on Monday.", None, "Lima", None),
        ("Envoys revived the Nairobi Protocol talks.", None, "Nairobi", None),
        (
            "Officials in Lima signed the plan.",
            None,
            "Officials in Lima",
            Some("PERGOV"),
        ),
        (
            "Africa needs investment, the minister said.",
            None,
            "Africa",
            Some("AFR"),
        ),
    ]);
}

#[test]
fn old_country_names_regions_and_armed_groups() {
    check_builtin_cases(&[
        (
            "Kampuchean troops crossed the river.",
            None,
            "Kampuchean troops",
            Some("KHMMIL"),
        ),
        (
            "Zairean soldiers guarded the airport.",
            None,
            "Zairean soldiers",
            Some("CODMIL"),
        ),
        (
            "West German officials denied the report.",
            None,
            "West German officials",
            Some("DEUGOV"),
        ),
        ("Rhodesia declared independence.", None, "Rhodesia", Some("ZWE")),
        // Sub-national regions stand for their country.
        ("Darfur rebels seized a town.", None, "Darfur rebels", Some("SDNREB")),
        (
            "Crimean authorities banned the rally.",
            None,
            "Crimean authorities",
            Some("UKRGOV"),
        ),
        (
            "Chechen fighters ambushed a convoy.",
            None,
            "Chechen fighters",
            Some("RUSREB"),
        ),
        // "Tamil Nadu" is Indian, although "Tamil" alone points to Sri Lanka.
        (
            "Tamil Nadu police arrested two men.",
            None,
            "Tamil Nadu police",
            Some("INDCOP"),
        ),
        // Movements of the 1980s-90s.
        ("The Khmer Rouge shelled a camp.", None, "Khmer Rouge", Some("KHMREB")),
        ("Contra rebels raided a farm.", None, "Contra rebels", Some("NICREB")),
    ]);
    // National armed groups keep their own code and carry their country.
    let rec = ActorRecognizer::load(&[]).unwrap();
    for (text, surface, code, country) in [
        ("Hezbollah fired rockets across the border.", "Hezbollah", "HZB", "LBN"),
        ("Islamic Jihad claimed the attack.", "Islamic Jihad", "PIJ", "PSE"),
        ("UNITA rejected the ceasefire.", "UNITA", "UNITA", "AGO"),
    ] {
        let mentions = run(&rec, text, None);
        let m = find(&mentions, surface);
        assert_eq!(
            (m.actor.code.as_str(), m.actor.country.as_deref()),
            (code, Some(country)),
            "{text}"
        );
    }
}

#[test]
fn leaders_of_the_eighties_and_nineties_and_their_administrations() {
    check_builtin_cases(&[
        // Dated articles: in office, and before taking office.
        (
            "Yitzhak Shamir met the envoy.",
            Some("1990-03-01"),
            "Yitzhak Shamir",
            Some("ISRGOV"),
        ),
        (
            "Turgut Ozal flew to Ankara.",
            Some("1991-05-02"),
            "Turgut Ozal",
            Some("TURGOV"),
        ),
        (
            "Andreas Papandreou spoke in Athens.",
            Some("1987-02-02"),
            "Andreas Papandreou",
            Some("GRCGOV"),
        ),
        (
            "Hun Sen rejected the plan.",
            Some("1989-08-01"),
            "Hun Sen",
            Some("KHMGOV"),
        ),
        // A title that equals an earlier role picks that role ("Foreign Minister" of the Soviet Union).
        (
            "Foreign Minister Eduard Shevardnadze arrived in Bonn.",
            None,
            "Foreign Minister Eduard Shevardnadze",
            Some("RUSGOV"),
        ),
        (
            "Benazir Bhutto addressed a rally.",
            Some("1987-06-01"),
            "Benazir Bhutto",
            Some("PAKOPP"),
        ),
        // After the term: the country's elite.
        (
            "Andreas Papandreou spoke in Athens.",
            Some("1991-02-02"),
            "Andreas Papandreou",
            Some("GRCELI"),
        ),
        // A leader's name before "administration" or "regime" is one government actor.
        (
            "The Bush administration said it would act.",
            Some("1990-06-01"),
            "Bush administration",
            Some("USAGOV"),
        ),
        (
            "The Assad regime shelled the city.",
            Some("2013-06-01"),
            "Assad regime",
            Some("SYRGOV"),
        ),
        ("The Assad regime shelled the city.", Some("2013-06-01"), "Assad", None),
        // A possessive is the leader's own government, still one actor: the name stays a person.
        (
            "Obama's administration denied it.",
            Some("2012-01-01"),
            "Obama",
            Some("USAGOV"),
        ),
    ]);
}

#[test]
fn possessive_in_an_opening_phrase_points_to_the_subject_after_it() {
    let rec = recognizer();
    // (text, pronoun occurrence, expected actor name; None: no mention).
    let cases: &[(&str, Option<&str>)] = &[
        // The subject after the comma is a person named before: "his" is that person.
        (
            "Russian Foreign Minister Sergei Volkov met Turkish Foreign Minister Emre Aksoy. After his talks in Ankara, Volkov flew home.",
            Some("Sergei Volkov"),
        ),
        // Otherwise the ordinary rule: the subject of the sentence before.
        (
            "Russian Foreign Minister Sergei Volkov met Turkish Foreign Minister Emre Aksoy. Later his aides flew home.",
            Some("Sergei Volkov"),
        ),
        // The subject is somebody new: no guess.
        (
            "Russian Foreign Minister Sergei Volkov met Turkish Foreign Minister Emre Aksoy. After his talks in Ankara, Robert Hale flew home.",
            None,
        ),
    ];
    for &(text, want) in cases {
        let mentions = run(&rec, text, None);
        let got = mentions
            .iter()
            .find(|m| m.text == "his")
            .map(|m| m.actor.name.as_deref().unwrap_or(""));
        assert_eq!(got, want, "{text}: {mentions:#?}");
    }
}

#[test]
fn apposition_title_after_an_organisation_and_other_words() {
    let rec = recognizer();
    // (text, name, expected code; None: the name gets no actor).
    let cases: &[(&str, &str, Option<&str>)] = &[
        // Words that are no role nouns between the organisation and the title.
        (
            "Karl Weber, the Pentagon budget director, said costs would rise.",
            "Karl Weber",
            Some("USAMIL"),
        ),
        (
            "Karl Weber, a State Department policy planning director, said so.",
            "Karl Weber",
            Some("USAGOV"),
        ),
        // Capitalised nouns of a name inside the phrase.
        (
            "Karl Weber, the NATO Defence College director, spoke first.",
            "Karl Weber",
            Some("NATO"),
        ),
        // Not a title at the end: no actor.
        (
            "Karl Weber, the Pentagon budget expert panel chair and friend, spoke.",
            "Karl Weber",
            None,
        ),
        (
            "Karl Weber, the Pentagon budget was cut, said nothing.",
            "Karl Weber",
            None,
        ),
    ];
    for &(text, name, want) in cases {
        let mentions = run(&rec, text, None);
        let got = mentions.iter().find(|m| m.text == name).map(|m| m.actor.code.as_str());
        assert_eq!(got, want, "{text}: {mentions:#?}");
    }
}

#[test]
fn congo_by_date_and_capital_and_transnational_armed_groups() {
    check_builtin_cases(&[
        // While the other Congo was Zaire, "Congo" was the Republic of the Congo.
        (
            "Congo signed a trade pact with Gabon.",
            Some("1988-04-01"),
            "Congo",
            Some("COG"),
        ),
        (
            "Congo signed a trade pact with Gabon.",
            Some("2015-04-01"),
            "Congo",
            Some("COD"),
        ),
        // Undated: Brazzaville and not Kinshasa decides.
        (
            "Congo protested, a minister said in Brazzaville.",
            None,
            "Congo",
            Some("COG"),
        ),
        (
            "Congo protested, a minister said in Kinshasa.",
            None,
            "Congo",
            Some("COD"),
        ),
        (
            "Congo-Brazzaville recalled its envoy.",
            None,
            "Congo-Brazzaville",
            Some("COG"),
        ),
        // Transnational armed groups carry CAMEO's IMG sector, and their people follow.
        ("Al-Qaeda threatened new attacks.", None, "Al-Qaeda", Some("IMGAQ")),
        (
            "Islamic State fighters seized the town.",
            None,
            "Islamic State fighters",
            Some("IMGISIS"),
        ),
        (
            "Osama bin Laden issued a video.",
            Some("2004-01-01"),
            "Osama bin Laden",
            Some("IMGAQ"),
        ),
    ]);
}

#[test]
fn run_owned_and_backed_compounds() {
    check_builtin_cases(&[
        // Run or owned by a state: the state's own body, with the noun's role.
        (
            "A Turkish state-run newspaper praised the deal.",
            None,
            "Turkish state-run newspaper",
            Some("TURMED"),
        ),
        ("A Turkish state-run newspaper praised the deal.", None, "Turkish", None),
        // Backed by a state: not that state.
        ("Syrian-backed gunmen opened fire.", None, "Syrian", None),
        ("Syrian-backed gunmen opened fire.", None, "Syrian-backed gunmen", None),
        // Places and origins: "Syrian-held", "Turkish-made" describe, they do not act.
        ("Villagers fled the Syrian-held hills.", None, "Syrian", None),
        ("Rebels fired Turkish-made rockets.", None, "Turkish", None),
        // Without a suffix the adjective composes as usual.
        ("Syrian gunmen opened fire.", None, "Syrian gunmen", Some("SYRREB")),
    ]);
}

#[test]
fn civilians_placed_in_a_country_are_its_people_but_not_visitors() {
    check_builtin_cases(&[
        (
            "Demonstrators in Cairo blocked a bridge.",
            None,
            "Demonstrators in Cairo",
            Some("EGYOPP"),
        ),
        (
            "Residents in Mosul fled the fighting.",
            None,
            "Residents in Mosul",
            Some("IRQCVL"),
        ),
        // Visitors, settlers, hostages and refugees are often foreigners: the place does not code them.
        ("Tourists in Cairo were evacuated.", None, "Tourists in Cairo", None),
        ("Refugees in Lebanon asked for aid.", None, "Refugees in Lebanon", None),
        // State roles were placed before.
        (
            "Officials in Kenya denied it.",
            None,
            "Officials in Kenya",
            Some("KENGOV"),
        ),
    ]);
}

#[test]
fn a_counterpart_is_a_government_official_of_the_country_named() {
    let rec = recognizer();
    let got = codes(
        &rec,
        "The Russian envoy later met his American counterpart in Vienna.",
        None,
    );
    assert!(
        got.contains(&("American counterpart".into(), "USAGOV".into())),
        "{got:?}"
    );
    let got = codes(
        &rec,
        "American diplomats briefed their Russian counterparts by phone.",
        None,
    );
    assert!(
        got.contains(&("Russian counterparts".into(), "RUSGOV".into())),
        "{got:?}"
    );
}
