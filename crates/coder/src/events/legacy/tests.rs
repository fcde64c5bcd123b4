use super::*;
use crate::events::lexicon::{Lexicon, Pos};
use crate::{Coder, DictionarySource};
use detente_records::Article;

/// A PETRARCH-2 verb dictionary written for these tests.
const PETRARCH: &str = "\
# verbs for the tests
####### SYNONYM SETS #######

&TROOPS_
# members follow a comment
+SOLDIERS
+TROOPS

---  CHIDE   [111]  ---
CHIDE
REPROACH [112]  # its own code
+TELL_OFF {+TOLD_OFF +TELLS_OFF +TELLING_OFF}
- * OVER_BUDGET                     [110]  # plain words
- * (FOR DELAY)                     [1121]
- * &TROOPS                         [150]  # a synonym set: skipped
- $ * +                             [111]  # source and target markers: skipped
- ARMY * ROADS                      [144]  # a word before the verb: skipped
- * NOTHING                         [---]  # no event
- * NONSENSE                        [999]  # not a CAMEO code

---  GARRISON   [---]  ---
GARRISON {GARRISONS GARRISONED GARRISONING}
- * CITY                            [192]

---  BROKEN   [111
~ a (a b ATTACK) SAY = a b 015
";

/// A TABARI verb dictionary written for these tests.
const TABARI: &str = "\
; verbs for the tests
CHID  [111] ;a stem
- * OVER BUDGET  [110]
- + * CITY  [192]
REPROACH_  [112]
BLOCKAD  [---]
- * ROADS  [144]
- * { PORT | HARBOR } [191]
 * INDENTED LINE [111]
- * NO CODE HERE
ÜBERFALL  [190]
~~FINISH
AFTER  [111]
";

fn ontology() -> Ontology {
    Ontology::builtin()
}

fn lemmas(read: &Read) -> Vec<(String, String)> {
    read.entries.iter().map(|e| (e.lemma.clone(), e.code.clone())).collect()
}

#[test]
fn petrarch_blocks_give_verbs_and_plain_patterns() {
    let read = read("CAMEO.test.txt", PETRARCH, LegacyFormat::Petrarch, &ontology());
    let got = lemmas(&read);
    let want: Vec<(String, String)> = [
        ("chide", "111"),
        ("reproach", "112"),
        ("tell off", "111"),
        ("chide over budget", "110"),
        ("reproach over budget", "110"),
        ("tell off over budget", "110"),
        ("chide for delay", "1121"),
        ("reproach for delay", "1121"),
        ("tell off for delay", "1121"),
        ("garrison city", "192"),
    ]
    .iter()
    .map(|(l, c)| (l.to_string(), c.to_string()))
    .collect();
    assert_eq!(got, want);
    // Listed irregular forms carry over to the pattern entries; regular verbs are inflected later.
    let told = read.entries.iter().find(|e| e.lemma == "tell off over budget").unwrap();
    assert_eq!(
        told.forms.as_deref().unwrap(),
        [
            "tell off over budget",
            "told off over budget",
            "tells off over budget",
            "telling off over budget"
        ]
    );
    assert!(
        read.entries
            .iter()
            .find(|e| e.lemma == "chide")
            .unwrap()
            .forms
            .is_none()
    );
    assert_eq!(read.entries.iter().find(|e| e.lemma == "reproach").unwrap().line, 11);
    // Skipped: synonym set, markers, word before the verb, null code, bad code, GARRISON's own null code,
    // the transformation and the broken header.
    assert_eq!((read.skipped, read.malformed), (8, 2), "{:?}", read.problems);
    let problems: Vec<(usize, &str)> = read.problems.iter().map(|p| (p.line, p.file.as_str())).collect();
    assert_eq!(problems, [(19, "CAMEO.test.txt"), (25, "CAMEO.test.txt")]);
    assert!(read.problems[0].message.contains("999"), "{}", read.problems[0]);
}

#[test]
fn tabari_verbs_are_stems_unless_they_end_in_an_underscore() {
    let read = read("test.verbs", TABARI, LegacyFormat::Tabari, &ontology());
    let got = lemmas(&read);
    let want: Vec<(String, String)> = [
        ("chid", "111"),
        ("chid over budget", "110"),
        ("reproach", "112"),
        ("blockad roads", "144"),
        ("überfall", "190"),
    ]
    .iter()
    .map(|(l, c)| (l.to_string(), c.to_string()))
    .collect();
    assert_eq!(got, want);
    let chid = read.entries[0].forms.as_deref().unwrap();
    for form in ["chide", "chided", "chides", "chiding"] {
        assert!(chid.iter().any(|f| f == form), "{form} not in {chid:?}");
    }
    assert_eq!(read.entries[2].forms.as_deref().unwrap(), ["reproach"]);
    // Skipped: the target marker, BLOCKAD's null code, the alternatives, the indented line, the pattern
    // without a code; nothing after ~~FINISH is read.
    assert_eq!(read.skipped, 5);
    let lines: Vec<usize> = read.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [9, 10]);
}

#[test]
fn verb_files_are_recognised_by_name_and_content() {
    assert_eq!(format_of("cameo.2.0.txt", PETRARCH), Some(LegacyFormat::Petrarch));
    assert_eq!(format_of("my.verbs", PETRARCH), Some(LegacyFormat::Petrarch));
    assert_eq!(format_of("cameo.080612.verbs", TABARI), Some(LegacyFormat::Tabari));
    // A TABARI-like text is read only from a `.verbs` file.
    assert_eq!(format_of("notes.txt", TABARI), None);
    // Other legacy dictionaries, other formats, and text without verb blocks are not verb files.
    assert_eq!(format_of("phoenix.agents.txt", PETRARCH), None);
    assert_eq!(format_of("phoenix.countries.actors.txt", PETRARCH), None);
    assert_eq!(format_of("phoenix.discards.txt", PETRARCH), None);
    assert_eq!(format_of("mine.triggers.toml", PETRARCH), None);
    assert_eq!(
        format_of("readme.txt", "Just some notes [about] things.\n--- a rule ---\n"),
        None
    );
    assert_eq!(format_of("empty.verbs", ""), None);
    assert_eq!(format_of("cameo.2.0.pdf", PETRARCH), None);
}

#[test]
fn malformed_and_non_ascii_input_never_panics() {
    const PIECES: &[&str] = &[
        "---",
        " ",
        "[",
        "]",
        "{",
        "}",
        "(",
        ")",
        "-",
        "*",
        "+",
        "&",
        "~",
        "~~",
        "#",
        ";",
        "_",
        "|",
        "$",
        "%",
        ":",
        "\n",
        "\t",
        "ACCUSE",
        "[112]",
        "[---]",
        "[:173]",
        "[042:043]",
        "[]",
        "[9999]",
        "É",
        "ß",
        "λόγος",
        "攻撃",
        "🙂",
        "\u{301}",
        "\r\n",
        "<!--",
        "-->",
        "{+TOLD_OFF}",
        "(TO",
        "BORDER)",
        "**",
        "- *",
        "--- X [190] ---",
    ];
    // A small deterministic generator: every run tries the same inputs.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let ontology = ontology();
    for _ in 0..3000 {
        let len = (next() % 40) as usize;
        let text: String = (0..len)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        for format in [LegacyFormat::Petrarch, LegacyFormat::Tabari] {
            let r = read("fuzz.verbs", &text, format, &ontology);
            assert!(r.problems.len() <= MAX_PROBLEMS && r.problems.len() <= r.malformed && r.malformed <= r.skipped);
            for e in &r.entries {
                assert!(!e.lemma.is_empty() && ontology.contains(&e.code), "{e:?} from {text:?}");
            }
        }
        let _ = format_of("fuzz.verbs", &text);
        let _ = format_of("fuzz.txt", &text);
    }
    // The lexicon loads whatever the legacy file holds.
    let junk = DictionarySource {
        name: "junk.verbs".into(),
        text: "ÜBER_ALLES [190]\n- * ÉCLAT [111]\n[[[\n]]] [\n- * ( [111]\n---\n".into(),
    };
    let lex = Lexicon::load(&[junk], &ontology).unwrap();
    assert_eq!(lex.imports.len(), 1);
    assert!(
        lex.entries
            .iter()
            .any(|e| e.lemma == "über alles éclat" && e.code == "111")
    );
}

#[test]
fn imported_entries_only_add_to_the_lexicon() {
    let ontology = ontology();
    let builtin = Lexicon::load(&[], &ontology).unwrap();
    assert!(!builtin.entries.iter().any(|e| e.lemma == "chide"));
    let condemn = |lex: &Lexicon| {
        lex.entries
            .iter()
            .find(|e| e.lemma == "condemn" && e.pos == Pos::Verb)
            .cloned()
    };
    let mine = DictionarySource {
        name: "dicts/mine.triggers.toml".into(),
        text: "entries = [{ lemma = \"reproach\", code = \"111\" }]\n".into(),
    };
    let legacy = DictionarySource {
        name: "dicts/CAMEO.test.txt".into(),
        text: format!("{PETRARCH}\n---  CONDEMN   [110]  ---\nCONDEMN\n"),
    };
    let lex = Lexicon::load(&[legacy, mine], &ontology).unwrap();
    let import = &lex.imports[0];
    assert_eq!(
        (import.file.as_str(), import.format),
        ("dicts/CAMEO.test.txt", LegacyFormat::Petrarch)
    );
    // 11 read: 10 from the blocks above and CONDEMN; "reproach" (a user file) and "condemn" (built in) stay.
    assert_eq!((import.read, import.added, import.skipped), (11, 9, 8));
    assert_eq!(condemn(&lex).unwrap().code, "111");
    assert_eq!(condemn(&lex).unwrap().file, condemn(&builtin).unwrap().file);
    let reproach = lex.entries.iter().find(|e| e.lemma == "reproach").unwrap();
    assert_eq!(
        (reproach.code.as_str(), reproach.file.as_str()),
        ("111", "dicts/mine.triggers.toml")
    );
    let chide = lex.entries.iter().find(|e| e.lemma == "chide").unwrap();
    assert_eq!(
        (chide.code.as_str(), chide.file.as_str(), chide.line),
        ("111", "dicts/CAMEO.test.txt", 10)
    );
    assert!(lex.patterns.iter().any(|p| p == "chided"));
    assert!(lex.patterns.iter().any(|p| p == "garrisoned city"));
    let shown = import.to_string();
    assert!(
        shown.contains("PETRARCH-2") && shown.contains("11 entries read, 9 added, 8 skipped"),
        "{shown}"
    );
}

#[test]
fn importing_a_verb_dictionary_codes_a_verb_the_builtin_lexicon_lacks() {
    let article = Article {
        id: "import".into(),
        text: "France chided Germany on Tuesday over its budget plans.".into(),
        ..Article::default()
    };
    let without = Coder::builtin().unwrap().code(&article);
    assert!(without.events.is_empty(), "{:?}", without.events);
    for (name, text) in [("CAMEO.test.txt", PETRARCH), ("test.verbs", TABARI)] {
        let source = DictionarySource {
            name: name.into(),
            text: text.into(),
        };
        let with = Coder::with_sources(&[source]).unwrap().code(&article);
        let events: Vec<(String, Option<String>, String)> = with
            .events
            .iter()
            .map(|e| {
                (
                    e.source.code.clone(),
                    e.target.as_ref().map(|t| t.code.clone()),
                    e.code.clone(),
                )
            })
            .collect();
        assert_eq!(
            events,
            [("FRA".to_string(), Some("DEU".to_string()), "111".to_string())],
            "{name}"
        );
        assert_eq!(
            &article.text[with.events[0].trigger.start..with.events[0].trigger.end],
            "chided"
        );
    }
}
