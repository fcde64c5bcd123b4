//! Pattern tests on sentences written for them, with hand-built actor mentions.

use super::*;
use crate::text::segment;
use detente_records::{MentionKind, QuoteKind, Resolution, Speaker};

fn actor(code: &str) -> Actor {
    let (country, org, role) = match code {
        "NATO" | "EU" | "UN" => (None, Some(code.to_string()), None),
        c if c.len() == 6 => (Some(c[..3].to_string()), None, Some(c[3..].to_string())),
        c => (Some(c.to_string()), None, None),
    };
    Actor {
        code: code.into(),
        country,
        org,
        role,
        name: None,
    }
}

/// Mentions for the given (phrase, code) pairs, at every occurrence of the phrase as a whole word.
fn mentions(text: &str, pairs: &[(&str, &str)]) -> Vec<Mention> {
    let mut out = Vec::new();
    for (entity, (phrase, code)) in pairs.iter().enumerate() {
        let mut from = 0;
        while let Some(i) = text[from..].find(phrase) {
            let start = from + i;
            let end = start + phrase.len();
            from = end;
            let before = text[..start].chars().next_back();
            let after = text[end..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
                continue;
            }
            let kind = if phrase.chars().next().unwrap().is_uppercase() && !phrase.contains(' ') {
                MentionKind::Country
            } else {
                MentionKind::Role
            };
            out.push(Mention {
                start,
                end,
                text: phrase.to_string(),
                actor: actor(code),
                via: Resolution::Dictionary,
                kind,
                entity,
                gender: None,
                plural: false,
            });
        }
    }
    out.sort_by_key(|m| m.start);
    out
}

fn coder() -> EventCoder {
    EventCoder::load(&[]).unwrap()
}

fn code_with(text: &str, pairs: &[(&str, &str)], quotes: &[Quote]) -> Vec<Event> {
    let sents = segment(text);
    let ms = mentions(text, pairs);
    let events = coder().code(text, &sents, &ms, quotes, None);
    for e in &events {
        assert_eq!(&text[e.trigger.start..e.trigger.end], e.trigger.text);
        assert!(!e.rule.is_empty());
    }
    events
}

fn code(text: &str, pairs: &[(&str, &str)]) -> Vec<Event> {
    code_with(text, pairs, &[])
}

/// "SRC>TGT:ROOT" for factual, "~" prefix for not factual, "!" for negated.
fn summary(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .map(|e| {
            format!(
                "{}{}{}>{}:{}",
                if e.negated { "!" } else { "" },
                if e.factual { "" } else { "~" },
                e.source.code,
                e.target.as_ref().map(|t| t.code.as_str()).unwrap_or("-"),
                e.root
            )
        })
        .collect()
}

#[test]
fn active_voice_gives_subject_to_object() {
    let ev = code(
        "Freedonia attacked Sylvania on Monday.",
        &[("Freedonia", "FRD"), ("Sylvania", "SYL")],
    );
    assert_eq!(summary(&ev), ["FRD>SYL:19"]);
    let e = &ev[0];
    assert_eq!(e.code, "190");
    assert_eq!(e.goldstein, -10.0);
    assert_eq!(e.quad_class, 4);
    assert_eq!(e.plover.as_deref(), Some("ASSAULT"));
    assert_eq!(e.trigger.text, "attacked");
    assert!(e.rule.contains("verb:attack"), "{}", e.rule);
}

#[test]
fn passive_voice_swaps_roles() {
    let ev = code(
        "Sylvania was invaded by Freedonia last year.",
        &[("Freedonia", "FRD"), ("Sylvania", "SYL")],
    );
    assert_eq!(summary(&ev), ["FRD>SYL:19"]);
    assert!(ev[0].rule.contains("passive"));
    // a passive without an agent has no source: no event
    assert!(code("Sylvania was invaded last year.", &[("Sylvania", "SYL")]).is_empty());
}

#[test]
fn nominal_patterns() {
    let text = "Freedonia's mobilization of troops near the border of Sylvania alarmed observers.";
    assert_eq!(
        summary(&code(text, &[("Freedonia", "FRD"), ("Sylvania", "SYL")])),
        ["FRD>SYL:15"]
    );
    let text = "A tense meeting of Freedonian diplomats and Sylvania ended early.";
    let ev = code(text, &[("Freedonian diplomats", "FRDGOV"), ("Sylvania", "SYL")]);
    assert_eq!(summary(&ev), ["FRDGOV>SYL:04"]);
    let text = "Talks between Freedonia and Sylvania resumed in Vienna.";
    let mut s = summary(&code(text, &[("Freedonia", "FRD"), ("Sylvania", "SYL")]));
    s.sort();
    assert_eq!(s, ["FRD>SYL:04", "SYL>FRD:04"]);
}

#[test]
fn light_verbs_and_prepositional_targets() {
    let text = "Freedonia imposed new sanctions on Sylvania.";
    assert_eq!(
        summary(&code(text, &[("Freedonia", "FRD"), ("Sylvania", "SYL")])),
        ["FRD>SYL:16"]
    );
    // a meeting is mutual: each side is a source
    let text = "The Freedonian minister met with Sylvanian officials in Geneva.";
    let ev = code(
        text,
        &[("Freedonian minister", "FRDGOV"), ("Sylvanian officials", "SYLGOV")],
    );
    assert_eq!(summary(&ev), ["FRDGOV>SYLGOV:04", "SYLGOV>FRDGOV:04"]);
}

#[test]
fn compound_and_reciprocal_actors() {
    let text = "Freedonia and Sylvania clashed along the river.";
    let mut s = summary(&code(text, &[("Freedonia", "FRD"), ("Sylvania", "SYL")]));
    s.sort();
    assert_eq!(s, ["FRD>SYL:19", "SYL>FRD:19"]);
    let text = "Freedonia and Ruritania condemned Sylvania.";
    let mut s = summary(&code(
        text,
        &[("Freedonia", "FRD"), ("Ruritania", "RUR"), ("Sylvania", "SYL")],
    ));
    s.sort();
    assert_eq!(s, ["FRD>SYL:11", "RUR>SYL:11"]);
    let text = "Freedonia and Sylvania blame each other for the crisis.";
    let mut s = summary(&code(text, &[("Freedonia", "FRD"), ("Sylvania", "SYL")]));
    s.sort();
    assert_eq!(s, ["FRD>SYL:11", "SYL>FRD:11"]);
}

#[test]
fn relative_clause_and_purpose_infinitive() {
    let text = "Smith, who led the Freedonian delegation to meet Sylvanian officials this week, spoke later.";
    let ev = code(text, &[("Freedonian", "FRD"), ("Sylvanian officials", "SYLGOV")]);
    assert_eq!(summary(&ev), ["FRD>SYLGOV:04"]);
}

#[test]
fn complement_structure_of_control_verbs() {
    let pairs = [("Freedonia", "FRD"), ("Sylvania", "SYL")];
    let ev = code("Freedonia threatened to invade Sylvania.", &pairs);
    assert_eq!(summary(&ev), ["FRD>SYL:13", "~FRD>SYL:19"]);
    // an invasion is conventional military force (PLOVER ASSAULT): threatening it is a threat of force
    assert_eq!(ev[0].code, "138");
    let ev = code("Freedonia refused to meet Sylvania.", &pairs);
    assert_eq!(summary(&ev), ["FRD>SYL:12", "!FRD>SYL:04"]);
    assert_eq!(ev[0].code, "125");
    let ev = code("Freedonia agreed to withdraw its troops from Sylvania.", &pairs);
    assert_eq!(summary(&ev), ["FRD>SYL:03", "~FRD>SYL:08"]);
    let ev = code("Freedonia urged Sylvania to halt the shelling.", &pairs);
    assert_eq!(summary(&ev)[0], "FRD>SYL:02");
    let ev = code("Freedonia demanded that Sylvania withdraw from the region.", &pairs);
    assert_eq!(
        summary(&ev),
        ["FRD>SYL:10", "~SYL>-:08"]
            .iter()
            .take(1)
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .as_slice()
            .iter()
            .chain(summary(&ev)[1..].iter())
            .cloned()
            .collect::<Vec<_>>()
    );
    assert!(ev[1..].iter().all(|e| !e.factual));
}

#[test]
fn negation() {
    let pairs = [("Freedonia", "FRD"), ("Sylvania", "SYL")];
    assert_eq!(
        summary(&code("Freedonia did not reject the plan of Sylvania.", &pairs)),
        ["!FRD>SYL:12"]
    );
    assert_eq!(
        summary(&code("Freedonia declined to criticize Sylvania.", &pairs)),
        ["!FRD>SYL:11"]
    );
    assert_eq!(
        summary(&code(
            "Freedonia reached out to Sylvania without consulting Ruritania.",
            &[("Freedonia", "FRD"), ("Sylvania", "SYL"), ("Ruritania", "RUR")]
        )),
        ["FRD>SYL:04", "!FRD>RUR:04"]
    );
    assert_eq!(
        summary(&code("Freedonia didn’t attack Sylvania.", &pairs)),
        ["!FRD>SYL:19"]
    );
}

#[test]
fn modality_marks_hypothetical_events() {
    let pairs = [("Freedonia", "FRD"), ("Sylvania", "SYL")];
    for text in [
        "Nobody knows whether Freedonia will attack Sylvania.",
        "If Freedonia invades Sylvania, prices will rise.",
        "Freedonia could attack Sylvania within days.",
        "Freedonia may impose sanctions on Sylvania.",
        "Will Freedonia attack Sylvania?",
        "Freedonia wants to occupy Sylvania.",
        "Officials fear a Freedonian invasion of Sylvania.",
    ] {
        let ev = code(
            text,
            &[("Freedonia", "FRD"), ("Freedonian", "FRD"), ("Sylvania", "SYL")],
        );
        assert!(!ev.is_empty(), "{text}");
        assert!(ev.iter().all(|e| !e.factual), "{text}: {:?}", summary(&ev));
    }
    // an announced future cooperative act is an intention
    let ev = code("Freedonia will meet Sylvania next week.", &pairs);
    assert_eq!(summary(&ev), ["FRD>SYL:03"]);
    assert_eq!(ev[0].code, "036");
    let ev = code("Freedonia will not meet with Sylvania.", &pairs);
    assert_eq!(summary(&ev), ["FRD>SYL:12"]);
}

#[test]
fn quotes_give_first_person_sources() {
    let text = "“We will never attack Sylvania,” the Freedonian president said.";
    let qs = vec![Quote {
        kind: QuoteKind::Direct,
        start: 3,
        end: text.find(',').unwrap(),
        text: String::new(),
        cue: Some("said".into()),
        cue_span: None,
        speaker: Some(Speaker {
            code: Some("FRDGOV".into()),
            country: Some("FRD".into()),
            ..Speaker::default()
        }),
    }];
    let ev = code_with(text, &[("Sylvania", "SYL"), ("Freedonian president", "FRDGOV")], &qs);
    assert_eq!(summary(&ev), ["!~FRDGOV>SYL:19"]);
    assert_eq!(ev[0].quote, Some(0));
}

#[test]
fn discards_sport_and_metaphor() {
    let pairs = [("Freedonia", "FRD"), ("Sylvania", "SYL")];
    assert!(code("Freedonia beat Sylvania 2-1 in the cup final.", &pairs).is_empty());
    assert!(
        code(
            "Freedonia attacked Sylvania in the second half and scored twice to win the match 3–0.",
            &pairs
        )
        .is_empty()
    );
    assert!(code("Freedonia and Sylvania are locked in a war of words.", &pairs).is_empty());
    assert!(code("Freedonia started a price war with Sylvania.", &pairs).is_empty());
}

#[test]
fn no_padding_with_statements_and_no_events_without_actors() {
    let pairs = [("Freedonia", "FRD"), ("Sylvania", "SYL")];
    assert!(code("Freedonia said the weather in Sylvania was mild.", &pairs).is_empty());
    assert!(code("The attack shocked the region.", &[]).is_empty());
}

#[test]
fn explanation_names_triggers_and_reasons() {
    let text = "Freedonia attacked Sylvania. The attack shocked everyone.\nCLICK HERE FOR MORE NEWS ON THIS";
    let sents = segment(text);
    let ms = mentions(text, &[("Freedonia", "FRD"), ("Sylvania", "SYL")]);
    let ex = coder().explain(text, &sents, &ms, &[], None);
    let shown = ex.to_string();
    assert!(shown.contains("verb:attack"), "{shown}");
    assert!(shown.contains("FRD → SYL 190"), "{shown}");
    assert!(shown.contains("no actor") || shown.contains("no source"), "{shown}");
    assert!(shown.contains("boilerplate"), "{shown}");
    assert_eq!(ex.events, coder().code(text, &sents, &ms, &[], None));
}

#[test]
fn goldstein_variants_are_selectable() {
    let text = "Freedonia imposed sanctions on Sylvania.";
    let sents = segment(text);
    let ms = mentions(text, &[("Freedonia", "FRD"), ("Sylvania", "SYL")]);
    let g = coder().code(text, &sents, &ms, &[], None);
    let p = coder()
        .with_goldstein(GoldsteinVariant::Phoenix)
        .code(text, &sents, &ms, &[], None);
    assert_eq!(g[0].code, "163");
    assert_eq!((g[0].goldstein, p[0].goldstein), (-8.0, -6.5));
}

#[test]
fn deterministic_output() {
    let text = "Freedonia and Ruritania attacked Sylvania. Sylvania condemned Freedonia and Ruritania.";
    let pairs = [("Freedonia", "FRD"), ("Ruritania", "RUR"), ("Sylvania", "SYL")];
    let a = code(text, &pairs);
    for _ in 0..5 {
        assert_eq!(code(text, &pairs), a);
    }
}

#[test]
fn must_clause_is_a_demand() {
    let pairs = [("Freedonia", "FRD"), ("Sylvania", "SYL")];
    let ev = code(
        "Freedonia said on Monday that Sylvania must withdraw its troops.",
        &pairs,
    );
    let s = summary(&ev);
    assert!(s.contains(&"FRD>SYL:10".to_string()), "{s:?}");
    assert!(ev.iter().filter(|e| e.root != "10").all(|e| !e.factual), "{s:?}");
}

#[test]
fn conditional_future_is_a_threat() {
    let pairs = [("Freedonia", "FRD"), ("Sylvania", "SYL")];
    let ev = code(
        "Freedonia will withdraw its ambassador from Sylvania unless the border reopens.",
        &pairs,
    );
    assert_eq!(summary(&ev), ["FRD>SYL:13"]);
}

#[test]
fn domestic_protest_and_located_subjects() {
    let ev = code(
        "Freedonian protesters rallied in the capital on Sunday.",
        &[("Freedonian protesters", "FRDCVL")],
    );
    assert_eq!(summary(&ev), ["FRDCVL>FRD:14"]);
    // a government does not protest against itself: no target, no event
    assert!(
        code(
            "The Freedonian government protested on Sunday.",
            &[("Freedonian government", "FRDGOV")]
        )
        .is_empty()
    );
    let ev = code(
        "Security forces in Freedonia arrested Sylvanian journalists.",
        &[("Freedonia", "FRD"), ("Sylvanian journalists", "SYLMED")],
    );
    assert_eq!(summary(&ev), ["FRD>SYLMED:17"]);
}

#[test]
fn overlapping_and_repeated_mentions_terminate() {
    // the same actor twice in a compound, and mentions nested in each other
    let text = "Freedonia met during the Sylvania and Sylvania talks with the Sylvanian army and Sylvania.";
    let ev = code(
        text,
        &[
            ("Sylvanian army", "SYLMIL"),
            ("Sylvania", "SYL"),
            ("Freedonia", "FRD"),
            ("army", "SYLMIL"),
        ],
    );
    assert!(
        ev.iter()
            .all(|e| e.source.code != e.target.as_ref().map(|t| t.code.clone()).unwrap_or_default())
    );
}

#[test]
fn role_noun_objects_take_the_source_country() {
    let ev = code(
        "Freedonian troops killed about 40 protesters in the capital.",
        &[("Freedonian troops", "FRDMIL")],
    );
    assert_eq!(summary(&ev), ["FRDMIL>FRDOPP:17"]);
    assert_eq!(ev[0].code, "175");
    // rebels killing people: whose people is unknown, no event
    assert!(
        code(
            "Freedonian rebels killed 20 people.",
            &[("Freedonian rebels", "FRDREB")]
        )
        .is_empty()
    );
}

#[test]
fn evaluative_words_criticise_the_possessor() {
    let text = "“We condemn Sylvania’s outrageous conduct,” the Freedonian minister said.";
    let quote_end = text.find('”').unwrap();
    let qs = vec![Quote {
        kind: QuoteKind::Direct,
        start: 3,
        end: quote_end,
        text: String::new(),
        cue: Some("said".into()),
        cue_span: None,
        speaker: Some(Speaker {
            code: Some("FRDGOV".into()),
            country: Some("FRD".into()),
            ..Speaker::default()
        }),
    }];
    let ev = code_with(text, &[("Sylvania", "SYL"), ("Freedonian minister", "FRDGOV")], &qs);
    let s = summary(&ev);
    assert!(s.iter().all(|x| x.starts_with("FRDGOV>SYL:11")), "{s:?}");
    assert!(ev.iter().all(|e| e.quote == Some(0)));
}

#[test]
fn discussing_a_meeting_is_an_intention_to_meet() {
    let ev = code(
        "Freedonia and Sylvania discussed holding a summit in the spring.",
        &[("Freedonia", "FRD"), ("Sylvania", "SYL")],
    );
    let mut s = summary(&ev);
    s.sort();
    assert_eq!(s, ["FRD>SYL:03", "SYL>FRD:03"]);
    assert!(ev.iter().all(|e| e.code == "036"));
}

#[test]
fn criticising_an_act_targets_its_doer() {
    let text = "Freedonia imposed sanctions on Sylvanian banks. The Sylvanian ministry denounced the sanctions.";
    let ev = code(
        text,
        &[
            ("Freedonia", "FRD"),
            ("Sylvanian banks", "SYLBUS"),
            ("Sylvanian ministry", "SYLGOV"),
        ],
    );
    assert_eq!(summary(&ev), ["FRD>SYLBUS:16", "SYLGOV>FRD:11"]);
}

#[test]
fn coder_is_shareable_and_mention_order_does_not_matter() {
    fn shareable<T: Send + Sync>() {}
    shareable::<EventCoder>();
    let text = "Freedonia attacked Sylvania. Sylvania condemned Freedonia.";
    let sents = segment(text);
    let mut ms = mentions(text, &[("Freedonia", "FRD"), ("Sylvania", "SYL")]);
    let sorted = coder().code(text, &sents, &ms, &[], None);
    ms.reverse();
    assert_eq!(coder().code(text, &sents, &ms, &[], None), sorted);
    assert_eq!(summary(&sorted), ["FRD>SYL:19", "SYL>FRD:11"]);
}

#[test]
fn means_clause_takes_the_main_subject() {
    let pairs = [("Freedonia", "FRD"), ("Sylvania", "SYL"), ("Ruritania", "RUR")];
    let ev = code("Freedonia angered Sylvania by criticizing Ruritania.", &pairs);
    assert_eq!(summary(&ev), ["FRD>RUR:11"]);
    // a preposition before the mention: it is not the main verb's object
    let ev = code(
        "Freedonia raised pressure on Sylvania by imposing sanctions on Ruritanian banks.",
        &[
            ("Freedonia", "FRD"),
            ("Sylvania", "SYL"),
            ("Ruritanian banks", "RURBUS"),
        ],
    );
    assert_eq!(summary(&ev), ["FRD>RURBUS:16"]);
}

#[test]
fn unnamed_group_subject_is_a_generic_source() {
    let ev = code(
        "Dozens of gunmen stormed a police post in Sylvania on Friday.",
        &[("Sylvania", "SYL")],
    );
    assert_eq!(summary(&ev), ["REB>SYL:19"]);
    assert_eq!(ev[0].source.role.as_deref(), Some("REB"));
    assert_eq!(ev[0].source.country, None);
    // coordinated modifiers between a light verb and its noun
    let ev = code(
        "Militants have launched a rocket and mortar attack on a barracks in Sylvania.",
        &[("Sylvania", "SYL")],
    );
    assert_eq!(summary(&ev), ["REB>SYL:19"]);
    // a passive group is the patient, never a generic source; a group object is no target
    assert!(code("Militants were attacked near Sylvania.", &[("Sylvania", "SYL")]).is_empty());
    let ev = code(
        "Protesters in the capital said Freedonia attacked rebels on Monday.",
        &[("Freedonia", "FRD")],
    );
    assert!(ev.iter().all(|e| e.source.code == "FRD"), "{:?}", summary(&ev));
}

#[test]
fn rejecting_a_call_by_x_targets_x() {
    let ev = code(
        "Freedonia on Tuesday rejected calls by Sylvania to reopen the border.",
        &[("Freedonia", "FRD"), ("Sylvania", "SYL")],
    );
    assert_eq!(summary(&ev), ["FRD>SYL:12"]);
    // "by" after an ordinary noun still names no target
    let ev = code(
        "Freedonia rejected the report by Sylvania.",
        &[("Freedonia", "FRD"), ("Sylvania", "SYL")],
    );
    assert!(ev.iter().all(|e| e.target.as_ref().is_none_or(|t| t.code != "SYL")));
}

#[test]
fn a_states_decree_noun_is_domestic() {
    let ev = code(
        "Freedonia declared a state of siege on Sunday.",
        &[("Freedonia", "FRD")],
    );
    assert_eq!(summary(&ev), ["FRD>FRD:17"]);
    assert_eq!(ev[0].code, "1724");
}

#[test]
fn an_arrest_on_allegations_is_also_an_accusation() {
    // a named target: the people arrested are the ones accused
    let text = "Freedonian police detained two Sylvanian traders on allegations of smuggling.";
    let ev = code(
        text,
        &[("Freedonian police", "FRDCOP"), ("Sylvanian traders", "SYLBUS")],
    );
    assert_eq!(summary(&ev), ["FRDCOP>SYLBUS:17", "FRDCOP>SYLBUS:11"]);
    assert_eq!(ev[1].code, "112");
    assert_eq!(ev[1].plover.as_deref(), Some("ACCUSE"));
    assert_eq!(&text[ev[1].trigger.start..ev[1].trigger.end], "allegations");
    assert!(ev[1].rule.contains("accusation of an arrest"), "{}", ev[1].rule);
    // no one named: the arrest and the accusation stay in the source's own country
    let text = "Freedonian authorities jailed forty members of a student club on allegations of sedition.";
    let ev = code(text, &[("Freedonian authorities", "FRDGOV")]);
    assert_eq!(summary(&ev), ["FRDGOV>FRD:17", "FRDGOV>FRD:11"]);
    // without an arrest the allegations have no author
    let text = "Freedonian authorities commented on allegations of sedition.";
    assert!(code(text, &[("Freedonian authorities", "FRDGOV")]).is_empty());
    // a denied arrest carries no accusation
    let text = "Freedonian police did not detain the Sylvanian traders on allegations of smuggling.";
    let ev = code(
        text,
        &[("Freedonian police", "FRDCOP"), ("Sylvanian traders", "SYLBUS")],
    );
    assert!(ev.iter().all(|e| e.root != "11"), "{:?}", summary(&ev));
}

#[test]
fn an_announced_decree_is_a_threat() {
    // a decree noun after "will": a threat of the decree, at home when no one else is named
    let text = "The Freedonian president said he will extend the curfew in the capital.";
    let ev = code(text, &[("Freedonian president", "FRDGOV"), ("he", "FRDGOV")]);
    assert_eq!(summary(&ev), ["FRDGOV>FRD:13"]);
    assert_eq!(ev[0].code, "1323");
    assert_eq!(ev[0].plover.as_deref(), Some("THREATEN"));
    assert_eq!(&text[ev[0].trigger.start..ev[0].trigger.end], "curfew");
    assert!(ev[0].rule.contains("will → threat"), "{}", ev[0].rule);
    // the same with a decree verb phrase
    let text = "The Freedonian president said he will impose a curfew on the capital.";
    let ev = code(text, &[("Freedonian president", "FRDGOV"), ("he", "FRDGOV")]);
    assert_eq!(summary(&ev), ["FRDGOV>FRD:13"]);
    assert_eq!(ev[0].code, "1323");
    // a decree verb after "will", with a named target
    let ev = code(
        "Freedonia will ban the Sylvanian party next week.",
        &[("Freedonia", "FRD"), ("Sylvanian party", "SYLPTY")],
    );
    assert_eq!(summary(&ev), ["FRD>SYLPTY:13"]);
    assert!(ev[0].code.starts_with("132"), "{}", ev[0].code);
    // a decree ruled out is no threat
    let ev = code(
        "The Freedonian president said he will not impose a curfew on the capital.",
        &[("Freedonian president", "FRDGOV"), ("he", "FRDGOV")],
    );
    assert!(ev.iter().all(|e| e.root != "13"), "{:?}", summary(&ev));
}

#[test]
fn added_cooperation_and_sanction_verbs() {
    let ev = code(
        "Freedonia worked with Sylvania to curb smuggling.",
        &[("Freedonia", "FRD"), ("Sylvania", "SYL")],
    );
    assert_eq!(summary(&ev), ["FRD>SYL:05"]);
    let ev = code(
        "Freedonia blacklisted two Sylvanian banks on Monday.",
        &[("Freedonia", "FRD"), ("Sylvanian banks", "SYLBUS")],
    );
    assert_eq!(summary(&ev), ["FRD>SYLBUS:16"]);
    let ev = code(
        "Freedonia warned Sylvania on Monday.",
        &[("Freedonia", "FRD"), ("Sylvania", "SYL")],
    );
    assert_eq!(summary(&ev), ["FRD>SYL:13"]);
    let ev = code(
        "The Freedonian leader spoke by phone with Sylvania's president.",
        &[("Freedonian leader", "FRDGOV"), ("Sylvania", "SYL")],
    );
    assert_eq!(ev[0].code, "041", "{:?}", summary(&ev));
}

#[test]
fn purpose_infinitive_is_not_factual() {
    let ev = code(
        "Freedonian farmers blocked roads near Sylvania to protest against Sylvania.",
        &[("Freedonian farmers", "FRDAGR"), ("Sylvania", "SYL")],
    );
    assert!(ev.iter().any(|e| e.root == "14" && e.factual), "{:?}", summary(&ev));
    let ev = code(
        "Freedonia mobilized lobby groups abroad to help support Sylvania.",
        &[("Freedonia", "FRD"), ("Sylvania", "SYL")],
    );
    assert!(
        ev.iter().filter(|e| e.root == "05").all(|e| !e.factual),
        "{:?}",
        summary(&ev)
    );
    // going on with an act keeps it factual
    let ev = code(
        "Freedonia began to withdraw its troops from Sylvania.",
        &[("Freedonia", "FRD"), ("Sylvania", "SYL")],
    );
    assert_eq!(summary(&ev), ["FRD>SYL:08"]);
}

#[test]
fn warrant_to_seize_targets_the_infinitive_object() {
    let ev = code(
        "Freedonia issued a warrant to seize a Sylvanian tanker.",
        &[("Freedonia", "FRD"), ("Sylvanian", "SYL")],
    );
    assert!(
        ev.iter()
            .any(|e| e.code == "173" && e.factual && e.target.as_ref().is_some_and(|t| t.code == "SYL")),
        "{:?}",
        summary(&ev)
    );
}

#[test]
fn threat_through_a_light_verb_is_about_the_sources_country() {
    let ev = code(
        "The Freedonian president threatened to institute a curfew in the capital.",
        &[("Freedonian president", "FRDGOV")],
    );
    assert_eq!(summary(&ev), ["FRDGOV>FRD:13", "~FRDGOV>FRD:17"]);
    assert_eq!(ev[0].code, "1323");
    let ev = code(
        "The Freedonian president said he is prepared to lift the ban on opposition rallies.",
        &[("Freedonian president", "FRDGOV")],
    );
    assert!(ev.iter().any(|e| e.root == "03" && e.factual), "{:?}", summary(&ev));
    // an intent about another country still needs that country named
    let ev = code(
        "The Freedonian president said he is prepared to meet soon.",
        &[("Freedonian president", "FRDGOV")],
    );
    assert!(
        ev.iter().all(|e| e.target.as_ref().is_none_or(|t| t.code != "FRD")),
        "{:?}",
        summary(&ev)
    );
}

#[test]
fn a_consultation_with_a_named_partner_goes_both_ways() {
    let mut s = summary(&code(
        "The Freedonian foreign minister held talks with Sylvania on Monday.",
        &[("Freedonian foreign minister", "FRDGOV"), ("Sylvania", "SYL")],
    ));
    s.sort();
    assert_eq!(s, ["FRDGOV>SYL:04", "SYL>FRDGOV:04"]);
    // a refusal to meet is one-sided
    let ev = code(
        "The Freedonian president will not meet with Sylvania's leader.",
        &[("Freedonian president", "FRDGOV"), ("Sylvania", "SYL")],
    );
    assert_eq!(summary(&ev), ["FRDGOV>SYL:12"]);
}

#[test]
fn repeated_preposition_adds_a_target_and_denials_are_coded() {
    let mut s = summary(&code(
        "The senator has been a critic of Freedonia and of Sylvania for years.",
        &[("senator", "RURLEG"), ("Freedonia", "FRD"), ("Sylvania", "SYL")],
    ));
    s.sort();
    assert_eq!(s, ["RURLEG>FRD:11", "RURLEG>SYL:11"]);
    let ev = code(
        "Reporters doubted Freedonia's denials over the findings of Sylvanian investigators.",
        &[("Freedonia", "FRD"), ("Sylvanian investigators", "SYLGOV")],
    );
    assert!(
        ev.iter().any(|e| e.code == "016" && e.source.code == "FRD"),
        "{:?}",
        summary(&ev)
    );
    // a press release is no release of prisoners
    let ev = code(
        "Freedonian troops are holding Sylvanian villagers, according to a press release by the ministry of Freedonia.",
        &[
            ("Freedonian troops", "FRDMIL"),
            ("Sylvanian villagers", "SYLCVL"),
            ("Freedonia", "FRD"),
        ],
    );
    assert!(ev.iter().all(|e| e.root != "08"), "{:?}", summary(&ev));
}

#[test]
fn an_act_told_again_is_one_event() {
    let text = "Freedonia has agreed to free Sylvanian prisoners. Officials said Freedonia has agreed to free them. \
                Freedonia criticized Sylvania.";
    let ev = code(text, &[("Freedonia", "FRD"), ("Sylvanian", "SYL"), ("Sylvania", "SYL")]);
    let agreed: Vec<_> = ev.iter().filter(|e| e.root == "03" && e.factual).collect();
    assert_eq!(agreed.len(), 1, "{:?}", summary(&ev));
    assert_eq!(agreed[0].sentence, 0);
    // a different act between the same actors is kept
    assert!(ev.iter().any(|e| e.root == "11"), "{:?}", summary(&ev));
}

#[test]
fn conditional_cooperation_is_an_offer_and_listed_modifiers_keep_the_light_verb() {
    let ev = code(
        "Freedonian rebels said they would meet the Sylvanian envoy if he guaranteed their safety.",
        &[("Freedonian rebels", "FRDREB"), ("Sylvanian envoy", "SYLGOV")],
    );
    assert_eq!(ev[0].root, "03", "{:?}", summary(&ev));
    let ev = code(
        "Freedonian units launched rocket, mortar, and artillery fire against Sylvania overnight.",
        &[("Freedonian units", "FRDMIL"), ("Sylvania", "SYL")],
    );
    assert_eq!(summary(&ev), ["FRDMIL>SYL:19"]);
}

#[test]
fn plural_possessor_withdrawal_from_an_accord_and_coordinated_light_verb() {
    let ev = code(
        "Officials were surprised by the Freedonians' invitation to Sylvania's president.",
        &[("Freedonians", "FRD"), ("Sylvania", "SYL")],
    );
    assert!(
        ev.iter().any(|e| e.root == "03" && e.source.code == "FRD"),
        "{:?}",
        summary(&ev)
    );
    let ev = code(
        "Freedonia withdrew from the border accord with Sylvania last year.",
        &[("Freedonia", "FRD"), ("Sylvania", "SYL")],
    );
    assert_eq!(summary(&ev), ["FRD>SYL:16"]);
    assert_eq!(ev[0].code, "160");
    // withdrawing troops is still a withdrawal
    let ev = code(
        "Freedonia withdrew its troops from Sylvania.",
        &[("Freedonia", "FRD"), ("Sylvania", "SYL")],
    );
    assert_eq!(ev[0].code, "087");
    let ev = code(
        "Freedonia complained to Sylvania and imposed sanctions on Monday.",
        &[("Freedonia", "FRD"), ("Sylvania", "SYL")],
    );
    assert_eq!(summary(&ev), ["FRD>SYL:11", "FRD>SYL:16"]);
}

#[test]
fn a_call_that_frames_the_act_is_between_its_actors() {
    let mut s = summary(&code(
        "The Freedonian president invited Sylvania's leader to the capital in a phone call on Friday.",
        &[("Freedonian president", "FRDGOV"), ("Sylvania", "SYL")],
    ));
    s.sort();
    assert_eq!(s, ["FRDGOV>SYL:03", "FRDGOV>SYL:04", "SYL>FRDGOV:04"]);
    // a call that is only mentioned frames nothing
    let ev = code(
        "Freedonia criticized Sylvania after the phone call.",
        &[("Freedonia", "FRD"), ("Sylvania", "SYL")],
    );
    assert!(ev.iter().all(|e| e.root != "04"), "{:?}", summary(&ev));
}

#[test]
fn mediation_between_two_sides_targets_both() {
    let mut s = summary(&code(
        "The Ruritanian envoy undertook a mediation mission between Freedonia and Sylvania.",
        &[
            ("Ruritanian envoy", "RURGOV"),
            ("Freedonia", "FRD"),
            ("Sylvania", "SYL"),
        ],
    ));
    s.sort();
    assert_eq!(s, ["RURGOV>FRD:04", "RURGOV>SYL:04"]);
}

#[test]
fn a_demand_addressed_to_the_sides_in_a_country_targets_the_country() {
    let ev = code(
        "The Ruritanian envoy demanded the factions in Sylvania to open the roads to convoys.",
        &[("Ruritanian envoy", "RURGOV"), ("Sylvania", "SYL")],
    );
    assert!(
        summary(&ev).contains(&"RURGOV>SYL:10".to_string()),
        "{:?}",
        summary(&ev)
    );
    // a place after an ordinary object noun is still only a location
    let ev = code(
        "The Ruritanian envoy demanded the release of the journalists in Sylvania.",
        &[("Ruritanian envoy", "RURGOV"), ("Sylvania", "SYL")],
    );
    assert!(
        !summary(&ev).contains(&"RURGOV>SYL:10".to_string()),
        "{:?}",
        summary(&ev)
    );
}

#[test]
fn the_clause_of_a_demand_noun_is_not_factual() {
    let ev = code(
        "The Ruritanian labour office repeated its demand on Tuesday that Sylvania lift the curbs on Freedonian workers.",
        &[
            ("Ruritanian labour office", "RURGOV"),
            ("Sylvania", "SYL"),
            ("Freedonian workers", "FRDLAB"),
        ],
    );
    assert!(
        ev.iter().filter(|e| e.root == "08").all(|e| !e.factual),
        "{:?}",
        summary(&ev)
    );
}

#[test]
fn a_yield_verb_takes_its_kind_from_its_object() {
    let ev = code(
        "Freedonia lifted a three-week blockade on the ports of Sylvania.",
        &[("Freedonia", "FRD"), ("Sylvania", "SYL")],
    );
    assert_eq!(summary(&ev), ["FRD>SYL:08"]);
    assert_eq!(ev[0].code, "0872");
    assert_eq!(ev[0].plover.as_deref(), Some("RETREAT"));
    let ev = code(
        "Freedonia eased the nightly curfew in the Sylvanian border towns.",
        &[("Freedonia", "FRD"), ("Sylvanian", "SYL")],
    );
    assert_eq!(ev.len(), 1, "{:?}", summary(&ev));
    assert_eq!(ev[0].code, "0813");
    // easing a curfew or an emergency is a civil concession, not a military retreat
    assert_eq!(ev[0].plover.as_deref(), Some("CONCEDE"));
}

#[test]
fn a_must_clause_finds_the_addressee_behind_a_nested_mention() {
    let ev = code(
        "Sylvanian rebels announced that President Ortan and his Sylvanian Unity Front must accept new elections.",
        &[
            ("Sylvanian rebels", "SYLREB"),
            ("President Ortan", "SYLGOV"),
            ("Sylvanian", "SYL"),
        ],
    );
    assert!(
        summary(&ev).contains(&"SYLREB>SYLGOV:10".to_string()),
        "{:?}",
        summary(&ev)
    );
}

#[test]
fn an_actor_before_an_agent_noun_is_the_one_criticized() {
    let ev = code(
        "Freedonia critics have long said that the prime minister is too close to Sylvania.",
        &[("Freedonia", "FRD"), ("Sylvania", "SYL")],
    );
    assert!(ev.iter().all(|e| e.root != "11"), "{:?}", summary(&ev));
}

#[test]
fn a_prevented_or_thwarted_act_is_not_factual() {
    let ev = code(
        "Freedonian police prevented a rally by Sylvanian students in the capital.",
        &[("Freedonian police", "FRDCOP"), ("Sylvanian students", "SYLEDU")],
    );
    assert!(
        ev.iter().filter(|e| e.root == "14").all(|e| !e.factual),
        "{:?}",
        summary(&ev)
    );
}

#[test]
fn new_lexicon_phrases() {
    let ev = code(
        "Freedonia threatened on Monday to resume terrorist activities in Sylvania.",
        &[("Freedonia", "FRD"), ("Sylvania", "SYL")],
    );
    assert!(summary(&ev).contains(&"FRD>SYL:13".to_string()), "{:?}", summary(&ev));
    let ev = code(
        "The Freedonian cabinet imposed a three-month state of emergency on Sylvania's border province.",
        &[("Freedonian cabinet", "FRDGOV"), ("Sylvania", "SYL")],
    );
    assert!(ev.iter().any(|e| e.code == "1724" && e.factual), "{:?}", summary(&ev));
    // publishing a document is not a release of prisoners
    let ev = code(
        "A report released by Freedonia last week blamed Sylvania.",
        &[("Freedonia", "FRD"), ("Sylvania", "SYL")],
    );
    assert!(ev.iter().all(|e| e.root != "08"), "{:?}", summary(&ev));
}

#[test]
fn a_coordinated_verb_keeps_the_first_subject() {
    let ev = code(
        "Sylvanian rebels kidnapped two Freedonian engineers and detonated several bombs in Ruritania.",
        &[
            ("Sylvanian rebels", "SYLREB"),
            ("Freedonian engineers", "FRDCVL"),
            ("Ruritania", "RUR"),
        ],
    );
    let s = summary(&ev);
    assert!(s.contains(&"SYLREB>FRDCVL:18".to_string()), "{s:?}");
    assert!(s.contains(&"SYLREB>RUR:18".to_string()), "{s:?}");
    assert!(!s.iter().any(|x| x.starts_with("FRDCVL>")), "{s:?}");
}

#[test]
fn a_violated_sanction_is_not_a_new_one() {
    let ev = code(
        "Freedonia accused the shipping firm of violating Sylvanian sanctions on fuel exports.",
        &[("Freedonia", "FRD"), ("Sylvanian", "SYL")],
    );
    assert!(
        ev.iter().filter(|e| e.root == "16").all(|e| !e.factual),
        "{:?}",
        summary(&ev)
    );
}

#[test]
fn an_invasion_is_an_assault_and_a_pending_condition_is_not_factual() {
    let ev = code(
        "Freedonia launched a full invasion of Sylvania on Sunday.",
        &[("Freedonia", "FRD"), ("Sylvania", "SYL")],
    );
    assert_eq!(summary(&ev), ["FRD>SYL:19"]);
    assert_eq!(ev[0].plover.as_deref(), Some("ASSAULT"));
    let ev = code(
        "Freedonia said Sylvania must sign the accord before Freedonian troops withdraw from Sylvania.",
        &[
            ("Freedonia", "FRD"),
            ("Sylvania", "SYL"),
            ("Freedonian troops", "FRDMIL"),
        ],
    );
    assert!(
        ev.iter().filter(|e| e.root == "08").all(|e| !e.factual),
        "{:?}",
        summary(&ev)
    );
    // a past act in a "before" clause did happen
    let ev = code(
        "Freedonian troops withdrew from Sylvania before the vote.",
        &[("Freedonian troops", "FRDMIL"), ("Sylvania", "SYL")],
    );
    assert!(ev.iter().any(|e| e.root == "08" && e.factual), "{:?}", summary(&ev));
}

#[test]
fn riot_police_is_no_riot_and_fired_tear_gas_hits_the_protesters() {
    let ev = code(
        "Freedonian riot police fired tear gas at the demonstrators outside parliament.",
        &[("Freedonian riot police", "FRDCOP")],
    );
    assert_eq!(summary(&ev), ["FRDCOP>FRDOPP:17"]);
    assert_eq!(ev[0].code, "175");
}

#[test]
fn calling_off_a_strike_eases_dissent_and_a_reported_would_is_an_expressed_intent() {
    let ev = code(
        "Freedonian teachers called off their strike against the Freedonian government on Monday.",
        &[("Freedonian teachers", "FRDEDU"), ("Freedonian government", "FRDGOV")],
    );
    assert!(ev.iter().any(|e| e.code == "082" && e.factual), "{:?}", summary(&ev));
    let ev = code(
        "The Freedonian king was quoted as saying he would be ready to host talks with Sylvania.",
        &[("Freedonian king", "FRDGOV"), ("he", "FRDGOV"), ("Sylvania", "SYL")],
    );
    assert!(ev.iter().any(|e| e.root == "03" && e.factual), "{:?}", summary(&ev));
}

#[test]
fn a_complaint_to_a_third_party_targets_the_other_side() {
    let ev = code(
        "Freedonia complained to the United Nations on Monday over Sylvanian shelling of its border towns.",
        &[("Freedonia", "FRD"), ("United Nations", "UN"), ("Sylvanian", "SYL")],
    );
    assert!(summary(&ev).contains(&"FRD>SYL:11".to_string()), "{:?}", summary(&ev));
    // without "over", the addressee stays the target
    let ev = code(
        "Freedonia complained to the United Nations on Monday.",
        &[("Freedonia", "FRD"), ("United Nations", "UN")],
    );
    assert_eq!(summary(&ev), ["FRD>UN:11"]);
}

#[test]
fn wanting_someone_to_act_is_an_appeal_but_wanting_to_act_is_not() {
    let pairs = [("Freedonia", "FRD"), ("Sylvania", "SYL")];
    let ev = code("Freedonia wants Sylvania to reopen the border crossings.", &pairs);
    assert!(summary(&ev).contains(&"FRD>SYL:02".to_string()), "{:?}", summary(&ev));
    let ev = code("Freedonia wants to join the talks with Sylvania.", &pairs);
    assert!(ev.iter().all(|e| e.root != "02"), "{:?}", summary(&ev));
}

#[test]
fn a_crowd_demanding_something_is_protesting() {
    let ev = code(
        "Thousands of Freedonian protesters marched through the capital demanding the resignation of the Sylvanian envoy.",
        &[("Freedonian protesters", "FRDOPP"), ("Sylvanian envoy", "SYLGOV")],
    );
    assert!(ev.iter().all(|e| e.root != "10"), "{:?}", summary(&ev));
    // an official demanding something stays a demand
    let ev = code(
        "The Freedonian minister issued a statement demanding an apology from Sylvania.",
        &[("Freedonian minister", "FRDGOV"), ("Sylvania", "SYL")],
    );
    assert!(ev.iter().all(|e| e.root != "14"), "{:?}", summary(&ev));
}

#[test]
fn dispersing_protesters_is_repression_and_a_crowd_dispersing_is_not() {
    let ev = code(
        "Freedonian police dispersed the protesters near the parliament.",
        &[("Freedonian police", "FRDCOP")],
    );
    assert_eq!(summary(&ev), ["FRDCOP>FRDOPP:17"]);
    let ev = code(
        "The Freedonian protesters dispersed after the speech.",
        &[("Freedonian protesters", "FRDOPP")],
    );
    assert!(ev.is_empty(), "{:?}", summary(&ev));
}

#[test]
fn aid_shipments_and_supplies() {
    let pairs = [("Freedonia", "FRD"), ("Sylvania", "SYL")];
    let ev = code("Freedonia sent relief supplies to Sylvania after the floods.", &pairs);
    assert_eq!(summary(&ev), ["FRD>SYL:07"]);
    assert_eq!(ev[0].code, "073");
    let ev = code("Freedonia delivered arms to Sylvania last month.", &pairs);
    assert_eq!(summary(&ev), ["FRD>SYL:07"]);
    assert_eq!(ev[0].code, "072");
}

#[test]
fn a_passive_accusation_finds_its_agent_after_the_complement() {
    let ev = code(
        "The Freedonian minister was accused of taking bribes from contractors, according to reports, by Sylvanian officials.",
        &[("Freedonian minister", "FRDGOV"), ("Sylvanian officials", "SYLGOV")],
    );
    assert!(
        summary(&ev).contains(&"SYLGOV>FRDGOV:11".to_string()),
        "{:?}",
        summary(&ev)
    );
}

#[test]
fn easing_a_curfew_and_sending_observers() {
    let ev = code(
        "The Freedonian government eased the curfew in Sylvania on Friday.",
        &[("Freedonian government", "FRDGOV"), ("Sylvania", "SYL")],
    );
    assert_eq!(summary(&ev), ["FRDGOV>SYL:08"]);
    assert_eq!(ev[0].code, "0813");
    assert_eq!(ev[0].plover.as_deref(), Some("CONCEDE"));
    let ev = code(
        "Freedonia sent observers to Sylvania before the vote.",
        &[("Freedonia", "FRD"), ("Sylvania", "SYL")],
    );
    assert_eq!(summary(&ev), ["FRD>SYL:09"]);
}

#[test]
fn stone_throwing_is_a_violent_protest_and_resorting_to_it_is_done() {
    let pairs = [("Freedonian youths", "FRDCVL"), ("Sylvanian soldiers", "SYLMIL")];
    let ev = code(
        "Freedonian youths threw stones at Sylvanian soldiers near the border.",
        &pairs,
    );
    assert_eq!(summary(&ev), ["FRDCVL>SYLMIL:14"]);
    assert_eq!(ev[0].code, "145");
    let ev = code(
        "Freedonian youths resorted to throwing stones at Sylvanian soldiers.",
        &pairs,
    );
    assert_eq!(summary(&ev), ["FRDCVL>SYLMIL:14"]);
    // a wished-for act stays hypothetical
    let ev = code(
        "Freedonian youths wanted to throw stones at Sylvanian soldiers.",
        &pairs,
    );
    assert_eq!(summary(&ev), ["~FRDCVL>SYLMIL:14"]);
}

#[test]
fn a_domestic_protest_may_name_its_own_country_again() {
    let ev = code(
        "Angry Freedonian farmers blocked the bridge from Freedonia to Sylvania for hours.",
        &[("Freedonian", "FRD"), ("Freedonia", "FRD"), ("Sylvania", "SYL")],
    );
    let s = summary(&ev);
    assert!(
        s.contains(&"FRD>FRD:14".to_string()) || s.contains(&"FRD>SYL:14".to_string()),
        "{s:?}"
    );
    // the same country named twice is still no event for an act that is not domestic
    let ev = code(
        "Freedonia condemned the attack, and Freedonia will respond.",
        &[("Freedonia", "FRD")],
    );
    assert!(
        summary(&ev).iter().all(|s| !s.starts_with("FRD>FRD")),
        "{:?}",
        summary(&ev)
    );
}

#[test]
fn a_name_in_apposition_does_not_hide_the_subject() {
    let ev = code(
        "A member of the Freedonian parliament, John Q Smith, started a hunger strike on Monday.",
        &[("Freedonian parliament", "FRDLEG")],
    );
    // a hunger strike is a protest even by an official, aimed at the own country when no target is named
    assert_eq!(summary(&ev), ["FRDLEG>FRD:14"]);
    assert_eq!(ev[0].code, "142");
    // an actor in apposition is the subject itself
    let ev = code(
        "The council president, Sylvanian envoy, urged Freedonia to withdraw.",
        &[("Sylvanian envoy", "SYLGOV"), ("Freedonia", "FRD")],
    );
    assert!(
        summary(&ev).iter().any(|s| s.starts_with("SYLGOV>FRD")),
        "{:?}",
        summary(&ev)
    );
}

#[test]
fn an_opposition_demand_without_a_target_is_made_of_the_own_state() {
    let pairs = [
        ("Freedonian opposition leader", "FRDOPP"),
        ("Freedonian ministry", "FRDGOV"),
    ];
    let ev = code("The Freedonian opposition leader demanded early elections.", &pairs);
    assert_eq!(summary(&ev), ["FRDOPP>FRD:10"]);
    // a ministry's demand names whom it is made of, or is not coded
    let ev = code("The Freedonian ministry demanded early elections.", &pairs);
    assert!(ev.is_empty(), "{:?}", summary(&ev));
}

#[test]
fn flouting_is_defiance() {
    let ev = code(
        "Freedonian newspapers flouted a Sylvanian ban on Monday.",
        &[("Freedonian newspapers", "FRDMED"), ("Sylvanian", "SYL")],
    );
    assert_eq!(summary(&ev), ["FRDMED>SYL:12"]);
    assert_eq!(ev[0].code, "128");
    assert_eq!(ev[0].plover.as_deref(), Some("REJECT"));
}

#[test]
fn shortening_a_curfew_is_a_concession_but_shortening_a_trip_is_not() {
    let pairs = [("Freedonian government", "FRDGOV"), ("Sylvania", "SYL")];
    let ev = code(
        "Curfew hours in the Freedonian capital will end earlier after the Freedonian government shortened the curfew.",
        &pairs,
    );
    assert_eq!(summary(&ev), ["FRDGOV>FRD:08"]);
    assert_eq!(ev[0].code, "0813");
    let ev = code("The Freedonian government relaxed restrictions on Sylvania.", &pairs);
    assert_eq!(summary(&ev), ["FRDGOV>SYL:08"]);
    let ev = code("The Freedonian government shortened its visit to Sylvania.", &pairs);
    assert!(ev.is_empty(), "{:?}", summary(&ev));
}
