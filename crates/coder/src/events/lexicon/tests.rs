use super::*;
use std::collections::{BTreeMap, BTreeSet};

fn builtin_irregular() -> Irregular {
    let files: Vec<Parsed<'_>> = BUILTIN_FILES
        .iter()
        .map(|(name, text)| parse(name.to_string(), text).unwrap())
        .collect();
    irregular_table(&files).unwrap()
}

fn forms(l: &str) -> Vec<String> {
    verb_forms(l, None, None, &builtin_irregular())
        .into_iter()
        .map(|f| f.0)
        .collect()
}

fn lexicon(user: &[DictionarySource]) -> Lexicon {
    Lexicon::load(user, &Ontology::builtin()).unwrap()
}

fn user(name: &str, text: &str) -> DictionarySource {
    DictionarySource {
        name: name.into(),
        text: text.into(),
    }
}

fn load_err(name: &str, text: &str) -> DictionaryError {
    match Lexicon::load(&[user(name, text)], &Ontology::builtin()) {
        Ok(_) => panic!("{name} loaded although it is invalid"),
        Err(e) => e,
    }
}

fn find<'a>(lex: &'a Lexicon, lemma: &str, pos: Pos) -> Option<&'a Entry> {
    lex.entries.iter().find(|e| e.lemma == lemma && e.pos == pos)
}

/// The surface strings that match an entry.
fn surface(lex: &Lexicon, lemma: &str, pos: Pos) -> Vec<String> {
    let idx = lex
        .entries
        .iter()
        .position(|e| e.lemma == lemma && e.pos == pos)
        .unwrap_or_else(|| panic!("no entry {lemma:?}"));
    lex.patterns
        .iter()
        .zip(&lex.payloads)
        .filter(|(_, p)| p.iter().any(|p| matches!(p, Payload::Entry(i, _) if *i == idx)))
        .map(|(s, _)| s.clone())
        .collect()
}

#[test]
fn inflects_regular_and_irregular_verbs() {
    assert_eq!(forms("attack"), ["attack", "attacks", "attacked", "attacking"]);
    assert_eq!(forms("seize"), ["seize", "seizes", "seized", "seizing"]);
    assert_eq!(forms("agree"), ["agree", "agrees", "agreed", "agreeing"]);
    assert_eq!(forms("deny"), ["deny", "denies", "denied", "denying"]);
    assert_eq!(forms("ban"), ["ban", "bans", "banned", "banning"]);
    assert_eq!(forms("expel"), ["expel", "expels", "expelled", "expelling"]);
    assert_eq!(forms("offer"), ["offer", "offers", "offered", "offering"]);
    assert_eq!(forms("veto"), ["veto", "vetoes", "vetoed", "vetoing"]);
    assert_eq!(
        forms("meet with"),
        ["meet with", "meets with", "met with", "meeting with"]
    );
    assert_eq!(
        forms("withdraw"),
        ["withdraw", "withdraws", "withdrew", "withdrawn", "withdrawing"]
    );
    assert_eq!(
        forms("crack down on"),
        ["crack down on", "cracks down on", "cracked down on", "cracking down on"]
    );
    assert_eq!(
        forms("criticize"),
        ["criticize", "criticizes", "criticized", "criticizing"]
    );
}

#[test]
fn inflects_irregular_verbs_added_for_the_new_entries() {
    assert_eq!(
        forms("swear in"),
        ["swear in", "swears in", "swore in", "sworn in", "swearing in"]
    );
    assert_eq!(
        forms("lay siege to"),
        ["lay siege to", "lays siege to", "laid siege to", "laying siege to"]
    );
    assert_eq!(
        forms("drive out"),
        ["drive out", "drives out", "drove out", "driven out", "driving out"]
    );
    assert_eq!(
        forms("shoot down"),
        ["shoot down", "shoots down", "shot down", "shooting down"]
    );
    assert_eq!(
        forms("bring charges"),
        ["bring charges", "brings charges", "brought charges", "bringing charges"]
    );
    assert_eq!(forms("hang"), ["hang", "hangs", "hanged", "hanging"]);
    assert_eq!(forms("forgo"), ["forgo", "forgoes", "forwent", "forgone", "forgoing"]);
    assert_eq!(
        forms("tear down"),
        ["tear down", "tears down", "tore down", "torn down", "tearing down"]
    );
}

#[test]
fn inflects_nouns() {
    let f = |l: &str| noun_forms(l).into_iter().map(|f| f.0).collect::<Vec<_>>();
    assert_eq!(f("hunger strike"), ["hunger strike", "hunger strikes"]);
    assert_eq!(f("inquiry"), ["inquiry", "inquiries"]);
    assert_eq!(f("talks"), ["talks"]);
    assert_eq!(f("crackdown"), ["crackdown", "crackdowns"]);
    assert_eq!(f("airstrike"), ["airstrike", "airstrikes"]);
    assert_eq!(f("embargo"), ["embargo", "embargoes", "embargos"]);
    assert_eq!(f("radio"), ["radio", "radios"]);
}

#[test]
fn non_ascii_lemmas_inflect_without_panicking() {
    let irregular = Irregular::default();
    for lemma in ["dénoncer", "ausweisen", "σκοτώνω", "攻撃", "ß", "é", "crítica"] {
        assert!(!verb_forms(lemma, None, None, &irregular).is_empty());
        assert!(!noun_forms(lemma).is_empty());
    }
}

#[test]
fn the_split_builtin_files_all_load_in_order() {
    let lex = lexicon(&[]);
    let files: BTreeSet<&str> = lex.entries.iter().map(|e| e.file.as_str()).collect();
    // Every root file gives entries; common.toml gives only lists.
    assert_eq!(files.len(), 20, "{files:?}");
    for (name, _) in &BUILTIN_FILES[1..] {
        assert!(
            files.contains(format!("{BUILTIN_NAME}/{name}").as_str()),
            "{name} gave no entry"
        );
    }
    assert!(lex.sport_words.iter().any(|w| w == "goalkeeper"));
    assert!(lex.payloads.iter().any(|p| p.contains(&Payload::Discard)));
    assert!(lex.payloads.iter().any(|p| p.contains(&Payload::Light(FormKind::Base))));
    let roots: BTreeSet<u8> = lex.entries.iter().map(Entry::root).filter(|&r| r > 0).collect();
    assert_eq!(roots.len(), 20, "{roots:?}");
}

#[test]
fn each_root_file_holds_only_its_roots_codes_and_each_entry_once() {
    let ontology = Ontology::builtin();
    let irregular = builtin_irregular();
    let mut seen: BTreeMap<(Pos, String), String> = BTreeMap::new();
    let mut duplicates = Vec::new();
    let mut misplaced = Vec::new();
    for (name, text) in &BUILTIN_FILES[1..] {
        let root = &name[..2];
        let parsed = parse(name.to_string(), text).unwrap();
        assert!(!parsed.raw.entries.is_empty(), "{name} is empty");
        for r in parsed.raw.entries {
            let line = line_at(text, r.lemma.span().start);
            let Change::Put(b) = build_entry(r, name, line, &ontology, &irregular).unwrap() else {
                panic!("{name}:{line}: a built-in file removes an entry");
            };
            if !b.entry.code.is_empty() && !b.entry.code.starts_with(root) {
                misplaced.push(format!("{name}:{line} {} {}", b.entry.lemma, b.entry.code));
            }
            if b.entry.code.is_empty() && root != "12" {
                misplaced.push(format!(
                    "{name}:{line} {} (empty code belongs in 12-reject.toml)",
                    b.entry.lemma
                ));
            }
            let here = format!("{name}:{line}");
            if let Some(first) = seen.insert((b.entry.pos, b.entry.lemma.clone()), here.clone()) {
                duplicates.push(format!("{} ({:?}) at {first} and {here}", b.entry.lemma, b.entry.pos));
            }
        }
    }
    assert!(
        misplaced.is_empty(),
        "entries in the wrong root file:\n{}",
        misplaced.join("\n")
    );
    assert!(duplicates.is_empty(), "entries given twice:\n{}", duplicates.join("\n"));
}

/// The ontology's codes, read from the same table the coder embeds.
fn ontology_codes() -> Vec<String> {
    include_str!("../../../data/events/ontology.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split('\t').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn every_cameo_code_of_the_ontology_has_entries() {
    let codes = ontology_codes();
    assert!(codes.len() >= 300, "ontology has {} codes", codes.len());
    let lex = lexicon(&[]);
    let mut per_code: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &lex.entries {
        *per_code.entry(e.code.as_str()).or_default() += 1;
    }
    // A root ("14") is covered by the codes under it; every other code needs entries of its own.
    let uncovered: Vec<&String> = codes
        .iter()
        .filter(|c| {
            if c.len() == 2 {
                !lex.entries.iter().any(|e| e.code.starts_with(c.as_str()))
            } else {
                !per_code.contains_key(c.as_str())
            }
        })
        .collect();
    assert!(
        uncovered.is_empty(),
        "{} CAMEO codes have no trigger entry: {uncovered:?}",
        uncovered.len()
    );
    // Frequent codes have many forms, not one.
    for (code, at_least) in [
        ("111", 25),
        ("112", 8),
        ("040", 8),
        ("042", 5),
        ("051", 12),
        ("163", 10),
        ("173", 12),
        ("190", 15),
        ("020", 8),
        ("120", 8),
        ("141", 8),
        ("090", 6),
    ] {
        let n = per_code.get(code).copied().unwrap_or(0);
        assert!(
            n >= at_least,
            "code {code} has {n} entries, expected at least {at_least}"
        );
    }
}

#[test]
fn built_in_lemmas_are_general_forms_not_sentence_phrases() {
    let lex = lexicon(&[]);
    // Words outside alternatives are fixed: no possessive or quantifier of one sentence there, and no variant
    // longer than a collocation.
    let fixed_words = |lemma: &str| -> Vec<String> {
        let mut out = String::new();
        let mut depth = 0;
        for c in lemma.chars() {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ if depth == 0 => out.push(c),
                _ => {}
            }
        }
        out.split_whitespace().map(str::to_string).collect()
    };
    let bad: Vec<String> = lex
        .entries
        .iter()
        .filter(|e| e.file.starts_with(BUILTIN_NAME))
        .filter(|e| {
            let longest = alternatives(&e.lemma)
                .unwrap()
                .iter()
                .map(|v| v.split(' ').count())
                .max()
                .unwrap_or(0);
            longest > 9
                || fixed_words(&e.lemma)
                    .iter()
                    .any(|w| ["his", "her", "our", "my", "your", "their", "all"].contains(&w.as_str()))
        })
        .map(|e| format!("{}:{} {}", e.file, e.line, e.lemma))
        .collect();
    assert!(bad.is_empty(), "sentence-like lemmas:\n{}", bad.join("\n"));
    for removed in [
        "upgrade their diplomatic ties",
        "prohibit all aid",
        "reduce food supplies",
        "halt mediation",
        "dispatch inspectors",
        "prevent the demonstration",
    ] {
        assert!(find(&lex, removed, Pos::Verb).is_none(), "{removed:?} is back");
    }
}

#[test]
fn user_files_override_and_remove_builtin_entries() {
    let base = lexicon(&[]);
    assert!(find(&base, "attack", Pos::Verb).is_some());
    assert_eq!(find(&base, "condemn", Pos::Verb).unwrap().code, "111");
    let mine = user(
        "dicts/mine.triggers.toml",
        "entries = [\n { lemma = \"attack\", code = \"-\" },\n { lemma = \"zap\", code = \"195\" },\n { lemma = \"Condemn\", code = \"110\" },\n]\nlight = [\"spearhead\"]\n",
    );
    let lex = lexicon(&[mine]);
    assert!(find(&lex, "attack", Pos::Verb).is_none());
    // Only the verb was removed: the noun stays.
    assert!(find(&lex, "attack", Pos::Noun).is_some());
    let zap = find(&lex, "zap", Pos::Verb).unwrap();
    assert_eq!(
        (zap.file.as_str(), zap.line, zap.code.as_str()),
        ("dicts/mine.triggers.toml", 3, "195")
    );
    assert_eq!(surface(&lex, "zap", Pos::Verb), ["zap", "zapped", "zapping", "zaps"]);
    assert_eq!(find(&lex, "condemn", Pos::Verb).unwrap().code, "110");
    let spearheaded = lex.patterns.iter().position(|p| p == "spearheaded").unwrap();
    assert!(lex.payloads[spearheaded].contains(&Payload::Light(FormKind::PastPart)));
    // Files of other stages are not read here, whatever they hold.
    let other = user("x.actors.toml", "not toml at all [");
    assert_eq!(lexicon(&[other]).entries.len(), base.entries.len());
}

#[test]
fn user_files_add_irregular_verbs() {
    let mine = user(
        "irr.triggers.toml",
        "irregular = [[\"smite\", \"smote\", \"smitten\"]]\nentries = [{ lemma = \"smite\", code = \"190\" }]\n",
    );
    let lex = lexicon(&[mine]);
    assert_eq!(
        surface(&lex, "smite", Pos::Verb),
        ["smite", "smites", "smiting", "smitten", "smote"]
    );
    let e = load_err("irr.triggers.toml", "\nirregular = [\n  [\"smite\", \"smote\"],\n]\n");
    assert_eq!((e.file.as_str(), e.line), ("irr.triggers.toml", 3), "{e}");
}

#[test]
fn errors_name_the_file_and_line() {
    let e = load_err(
        "bad.triggers.toml",
        "entries = [\n { lemma = \"x\", code = \"999\" },\n]\n",
    );
    assert_eq!((e.file.as_str(), e.line), ("bad.triggers.toml", 2));
    assert!(e.message.contains("999"), "{e}");
    // The line of the offending entry, not of the first entry with the same lemma.
    let text = "entries = [\n { lemma = \"zap\", code = \"190\" },\n { lemma = \"zap\", pos = \"nuon\", code = \"190\" },\n]\n";
    let e = load_err("twice.triggers.toml", text);
    assert_eq!(e.line, 3, "{e}");
    assert!(e.message.contains("nuon"), "{e}");
    let e = load_err(
        "frame.triggers.toml",
        "entries = [\n\n { lemma = \"zap\", code = \"190\", frame = \"objekt\" },\n]\n",
    );
    assert_eq!(e.line, 3, "{e}");
    let e = load_err(
        "syntax.triggers.toml",
        "entries = [\n { lemma = \"zap\" code = \"190\" },\n]\n",
    );
    assert_eq!((e.file.as_str(), e.line), ("syntax.triggers.toml", 2), "{e}");
    let e = load_err(
        "field.triggers.toml",
        "entries = [\n { lemma = \"zap\", code = \"190\", colour = 1 },\n]\n",
    );
    assert_eq!(e.line, 2, "{e}");
    let e = load_err(
        "empty.triggers.toml",
        "entries = [\n { lemma = \"  \", code = \"190\" },\n]\n",
    );
    assert_eq!(e.line, 2, "{e}");
    let e = load_err(
        "negate.triggers.toml",
        "entries = [\n { lemma = \"zap\", code = \"\" },\n]\n",
    );
    assert!(e.message.contains("negate"), "{e}");
}

#[test]
fn verbal_and_alone_parse_and_are_validated() {
    let lex = lexicon(&[]);
    let attack = find(&lex, "attack", Pos::Verb).unwrap();
    assert_eq!((attack.code.as_str(), attack.verbal.as_deref()), ("190", Some("111")));
    assert!(!attack.alone);
    let exercise = find(&lex, "military exercise", Pos::Noun).unwrap();
    assert!(exercise.alone && exercise.verbal.is_none());
    // Every built-in verbal code is a disapproval or rejection code.
    let odd: Vec<String> = lex
        .entries
        .iter()
        .filter_map(|e| e.verbal.as_ref().map(|v| (e, v)))
        .filter(|(_, v)| !(*v == "-" || v.starts_with("11") || v.starts_with("12") || v.starts_with("13")))
        .map(|(e, v)| format!("{} {v}", e.lemma))
        .collect();
    assert!(odd.is_empty(), "{odd:?}");
    let mine = user(
        "v.triggers.toml",
        "entries = [\n { lemma = \"savage\", code = \"182\", verbal = \"111\" },\n { lemma = \"sit in\", code = \"141\", alone = true },\n]\n",
    );
    let lex = lexicon(&[mine]);
    let savage = find(&lex, "savage", Pos::Verb).unwrap();
    assert_eq!(savage.verbal.as_deref(), Some("111"));
    assert!(!savage.alone);
    assert!(find(&lex, "sit in", Pos::Verb).unwrap().alone);
    for (text, needle) in [
        (
            "entries = [\n { lemma = \"savage\", code = \"182\", verbal = \"1119\" },\n]\n",
            "1119",
        ),
        (
            "entries = [\n { lemma = \"savage\", code = \"182\", verbal = \"11\" },\n]\n",
            "\"11\"",
        ),
        (
            "entries = [\n { lemma = \"savage\", code = \"\", frame = \"negate\", verbal = \"111\" },\n]\n",
            "code",
        ),
        (
            "entries = [\n { lemma = \"savage\", code = \"182\", alone = \"yes\" },\n]\n",
            "bool",
        ),
    ] {
        let e = load_err("v.triggers.toml", text);
        assert_eq!(e.line, 2, "{e}");
        assert!(e.message.contains(needle), "{e}");
    }
}

#[test]
fn figurative_conflict_words_have_a_verbal_code() {
    let lex = lexicon(&[]);
    let mut missing = Vec::new();
    for (lemma, pos) in [
        ("attack", Pos::Verb),
        ("attack", Pos::Noun),
        ("assault", Pos::Verb),
        ("clash", Pos::Verb),
        ("clash with", Pos::Verb),
        ("clash", Pos::Noun),
        ("battle", Pos::Verb),
        ("fight", Pos::Verb),
        ("fire at", Pos::Verb),
        ("hit out at", Pos::Verb),
        ("slam", Pos::Verb),
        ("blast", Pos::Verb),
        ("target", Pos::Verb),
        ("war on", Pos::Noun),
        ("torpedo", Pos::Verb),
    ] {
        match find(&lex, lemma, pos) {
            Some(e) if e.verbal.is_some() || e.root() == 11 => {}
            Some(e) => missing.push(format!("{lemma} ({}) has no verbal code", e.code)),
            None => missing.push(format!("{lemma} ({pos:?}) is missing")),
        }
    }
    assert!(missing.is_empty(), "{missing:?}");
}

#[test]
fn no_surface_form_belongs_to_two_builtin_entries_of_one_part_of_speech() {
    let lex = lexicon(&[]);
    let clashes: Vec<String> = lex
        .patterns
        .iter()
        .zip(&lex.payloads)
        .filter_map(|(form, payloads)| {
            let mut per_pos: BTreeMap<Pos, BTreeSet<&str>> = BTreeMap::new();
            for p in payloads {
                if let Payload::Entry(i, _) = p {
                    per_pos
                        .entry(lex.entries[*i].pos)
                        .or_default()
                        .insert(&lex.entries[*i].lemma);
                }
            }
            per_pos
                .into_iter()
                .find(|(_, lemmas)| lemmas.len() > 1)
                .map(|(pos, lemmas)| format!("{form:?} ({pos:?}): {lemmas:?}"))
        })
        .collect();
    assert!(
        clashes.is_empty(),
        "{} forms with two entries:\n{}",
        clashes.len(),
        clashes.join("\n")
    );
}

#[test]
fn alternatives_expand_lemmas_and_forms() {
    assert_eq!(
        alternatives("recall (its|their|) (ambassador|envoy)").unwrap(),
        [
            "recall its ambassador",
            "recall its envoy",
            "recall their ambassador",
            "recall their envoy",
            "recall ambassador",
            "recall envoy"
        ]
    );
    assert_eq!(alternatives("no group").unwrap(), ["no group"]);
    for bad in [
        "open (group",
        "closed) group",
        "(nested (group))",
        "(|)",
        "(a|b|c|d|e|f|g|h|i|j|k|l|m|n|o|p|q)(a|b|c|d|e|f|g|h|i|j|k|l|m|n|o|p|q)",
    ] {
        assert!(alternatives(bad).is_err(), "{bad:?} expanded");
    }
    let mine = user(
        "alt.triggers.toml",
        "entries = [\n { lemma = \"(scold|chide) (the|) neighbours\", code = \"111\" },\n { lemma = \"rage\", pos = \"noun\", code = \"111\", forms = [\"fit of (rage|fury)\"] },\n]\n",
    );
    let lex = lexicon(&[mine]);
    let forms = surface(&lex, "(scold|chide) (the|) neighbours", Pos::Verb);
    for f in ["scolded the neighbours", "chides neighbours", "chiding the neighbours"] {
        assert!(forms.iter().any(|x| x == f), "{f:?} not in {forms:?}");
    }
    assert_eq!(surface(&lex, "rage", Pos::Noun), ["fit of fury", "fit of rage"]);
    let e = load_err(
        "alt.triggers.toml",
        "entries = [\n { lemma = \"x\", code = \"111\" },\n { lemma = \"(a|b\", code = \"111\" },\n]\n",
    );
    assert_eq!(e.line, 3, "{e}");
    assert!(e.message.contains("unbalanced"), "{e}");
}

/// The patterns over whole tokens of `sentence` (lower case, at text offset 0), as strings.
fn token_matches(lex: &Lexicon, sentence: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    crate::text::tokenize_into(sentence, detente_records::Span::new(0, sentence.len()), &mut tokens);
    let mut out = Vec::new();
    lex.token_matches(sentence, 0, &tokens, &mut out);
    out.iter()
        .map(|&(s, e, p)| {
            // A pattern matches its own text, or (an object held across modifiers) starts and ends like it.
            let (text, pattern) = (&sentence[s..e], &lex.patterns[p]);
            if text != pattern {
                let words = |x: &str| x.split(' ').map(str::to_string).collect::<Vec<_>>();
                let (t, p) = (words(text), words(pattern));
                assert!(
                    t.len() > p.len() && t[0] == p[0] && t.last() == p.last(),
                    "{text:?} for {pattern:?}"
                );
            }
            lex.patterns[p].clone()
        })
        .collect()
}

#[test]
fn patterns_match_whole_tokens_only() {
    let lex = lexicon(&[user(
        "mine.triggers.toml",
        "entries = [{ lemma = \"aid\", pos = \"noun\", code = \"070\" }]\n",
    )]);
    // "said" holds "aid" and "attacked" holds "attack": neither counts inside a word.
    let found = token_matches(&lex, "the minister said rebels attacked the aid convoy.");
    assert!(found.iter().any(|p| p == "attacked"), "{found:?}");
    assert!(found.iter().any(|p| p == "aid"), "{found:?}");
    assert!(!found.iter().any(|p| p == "attack"), "{found:?}");
    assert_eq!(found.iter().filter(|p| *p == "aid").count(), 1, "{found:?}");
}

#[test]
fn multiword_patterns_match_across_single_spaces() {
    let lex = lexicon(&[user(
        "mine.triggers.toml",
        "entries = [{ lemma = \"pledge fresh support\", pos = \"noun\", code = \"050\" }]\n",
    )]);
    let found = token_matches(&lex, "they pledge fresh support, officials said.");
    assert!(found.iter().any(|p| p == "pledge fresh support"), "{found:?}");
    // Two spaces, or the words inside others: no match.
    let found = token_matches(&lex, "they pledge fresh  support.");
    assert!(!found.iter().any(|p| p == "pledge fresh support"), "{found:?}");
    let found = token_matches(&lex, "they repledge fresh supporters.");
    assert!(!found.iter().any(|p| p == "pledge fresh support"), "{found:?}");
}

#[test]
fn line_counter_counts_on_and_back() {
    let text = "a\nb\n\nc = 1\nd";
    let mut lines = LineCounter::new(text);
    for offset in [0, 2, 5, 11, 12, 100] {
        assert_eq!(lines.at(offset), line_at(text, offset), "offset {offset}");
    }
    // An earlier offset after a later one.
    assert_eq!(lines.at(3), 2);
    assert_eq!(lines.at(6), 4);
}

#[test]
fn an_invalid_entry_names_its_line() {
    let e = load_err(
        "mine.triggers.toml",
        "entries = [\n  { lemma = \"meet\", code = \"040\" },\n\n  { lemma = \"x\", code = \"999\" },\n]\n",
    );
    assert_eq!(e.line, 4, "{e:?}");
}

/// A verb and particle with a fixed object ("drive off crowd") match across modifiers before the object,
/// whether the verb's two words stand one space apart (read in place) or not (the phrase is built).
#[test]
fn a_two_word_verb_holds_its_object_across_modifiers_however_spaced() {
    let lex = lexicon(&[user(
        "mine.triggers.toml",
        "entries = [{ lemma = \"drive off crowd\", pos = \"verb\", code = \"145\" }]\n",
    )]);
    for sentence in [
        "riot police drove off the crowd near the harbour.",
        "mounted officers drove  off several crowd at dawn.",
        "guards were driving off their crowd of onlookers.",
    ] {
        let found = token_matches(&lex, sentence);
        assert!(found.iter().any(|p| p.ends_with(" off crowd")), "{sentence}: {found:?}");
    }
    // Not the particle: nothing to hold across.
    let found = token_matches(&lex, "riot police drove on the crowd near the harbour.");
    assert!(!found.iter().any(|p| p.ends_with(" off crowd")), "{found:?}");
}
