//! Builders of coded articles for the store's tests: texts written for these tests.
#![allow(dead_code)]

use detente_records::{
    Actor, CodedArticle, Event, Location, Quote, QuoteKind, SCHEMA_VERSION, Sentence, Speaker, Trigger,
};
use detente_store::{Coding, Store};

pub fn actor(code: &str) -> Actor {
    let org = ["NATO", "EU", "UN"].contains(&code);
    Actor {
        code: code.into(),
        country: (!org).then(|| code[..3].to_string()),
        org: org.then(|| code.to_string()),
        role: (code.len() > 3 && !org).then(|| code[3..].to_string()),
        name: None,
    }
}

/// An article with one sentence per `.`-terminated piece of `text`.
pub fn article(id: &str, date: Option<&str>, text: &str) -> CodedArticle {
    let mut sentences = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices('.') {
        sentences.push(Sentence {
            start,
            end: i + 1,
            boilerplate: false,
            paragraph: 0,
        });
        start = i + 1;
        while text[start..].starts_with(' ') {
            start += 1;
        }
    }
    CodedArticle {
        schema: SCHEMA_VERSION,
        id: id.into(),
        source: Some("Test Wire".into()),
        date: date.map(String::from),
        title: None,
        url: Some(format!("https://example.org/{id}")),
        text: Some(text.into()),
        sentences,
        mentions: vec![],
        quotes: vec![],
        events: vec![],
        entities: vec![],
    }
}

#[derive(Clone, Copy)]
pub struct EventSpec<'a> {
    pub source: &'a str,
    pub target: Option<&'a str>,
    pub code: &'a str,
    pub goldstein: f64,
    pub quad: u8,
    pub plover: Option<&'a str>,
    pub trigger: &'a str,
    pub factual: bool,
    pub negated: bool,
}

impl<'a> EventSpec<'a> {
    pub fn new(source: &'a str, target: &'a str, code: &'a str, goldstein: f64, quad: u8, trigger: &'a str) -> Self {
        EventSpec {
            source,
            target: Some(target),
            code,
            goldstein,
            quad,
            plover: None,
            trigger,
            factual: true,
            negated: false,
        }
    }
}

/// Adds an event whose trigger is the first occurrence of `spec.trigger` in the text.
pub fn with_event(mut a: CodedArticle, spec: EventSpec) -> CodedArticle {
    let text = a.text.as_deref().unwrap();
    let start = text.find(spec.trigger).expect("trigger in text");
    let end = start + spec.trigger.len();
    let sentence = a
        .sentences
        .iter()
        .position(|s| s.start <= start && end <= s.end)
        .unwrap_or(0);
    a.events.push(Event {
        sentence,
        source: actor(spec.source),
        target: spec.target.map(actor),
        code: spec.code.into(),
        root: spec.code[..2].into(),
        name: format!("CAMEO {}", spec.code),
        goldstein: spec.goldstein,
        quad_class: spec.quad,
        plover: spec.plover.map(String::from),
        negated: spec.negated,
        factual: spec.factual,
        quote: None,
        location: (spec.code == "190").then(|| Location {
            name: "Kharkiv".into(),
            country: Some("UKR".into()),
            admin1: Some("Kharkiv Oblast".into()),
            admin1_code: Some("07".into()),
            lat: Some(49.99),
            lon: Some(36.23),
            kind: detente_records::PlaceKind::City,
            via: detente_records::LocationVia::Target,
            mention: None,
        }),
        trigger: Trigger {
            start,
            end,
            text: spec.trigger.into(),
        },
        rule: "test rule".into(),
    });
    a
}

/// Adds a direct quote: `quoted` must be in the text; the speaker is named by `speaker`.
pub fn with_quote(mut a: CodedArticle, quoted: &str, speaker: &str, code: &str) -> CodedArticle {
    let text = a.text.as_deref().unwrap();
    let start = text.find(quoted).expect("quote in text");
    let mention = text
        .find(speaker)
        .map(|s| detente_records::Span::new(s, s + speaker.len()));
    let actor = actor(code);
    a.quotes.push(Quote {
        kind: QuoteKind::Direct,
        start,
        end: start + quoted.len(),
        text: quoted.into(),
        cue: Some("said".into()),
        cue_span: None,
        speaker: Some(Speaker {
            name: Some(speaker.into()),
            mention,
            code: Some(actor.code),
            country: actor.country,
            org: actor.org,
            role: actor.role,
            entity: None,
        }),
    });
    a
}

pub fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("detente-store-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn corpus() -> Vec<CodedArticle> {
    let a1 = article(
        "a1",
        Some("2022-02-10"),
        "Russian forces shelled the outskirts of Kharkiv on Thursday. The Ukrainian foreign minister demanded an \
         immediate ceasefire. \"We will not give up our land,\" Dmytro Kuleba said.",
    );
    let a1 = with_event(
        a1,
        EventSpec {
            plover: Some("ASSAULT"),
            ..EventSpec::new("RUSMIL", "UKR", "190", -10.0, 4, "shelled")
        },
    );
    let a1 = with_event(a1, EventSpec::new("UKRGOV", "RUSGOV", "100", -5.0, 3, "demanded"));
    let a1 = with_quote(a1, "We will not give up our land,", "Dmytro Kuleba", "UKRGOV");
    let mut a2 = article(
        "a2",
        Some("2022-02-20"),
        "\"Our open-door policy stands,\" Jens Stoltenberg said in Brussels. Ukraine thanked the alliance for its \
         support.",
    );
    a2.title = Some("Alliance repeats its open-door policy".into());
    let a2 = with_event(a2, EventSpec::new("UKRGOV", "NATO", "051", 3.4, 1, "thanked"));
    let a2 = with_quote(a2, "Our open-door policy stands,", "Jens Stoltenberg", "NATO");
    let a3 = article(
        "a3",
        Some("2022-03-05"),
        "Ukrainian troops attacked a Russian convoy near the border. Officials in Moscow threatened a response. \
         The Kremlin might impose new sanctions.",
    );
    let a3 = with_event(
        a3,
        EventSpec {
            plover: Some("ASSAULT"),
            ..EventSpec::new("UKRMIL", "RUSMIL", "190", -10.0, 4, "attacked")
        },
    );
    let a3 = with_event(a3, EventSpec::new("RUSGOV", "UKRGOV", "130", -4.4, 3, "threatened"));
    let a3 = with_event(
        a3,
        EventSpec {
            factual: false,
            ..EventSpec::new("RUSGOV", "UKRGOV", "163", -8.0, 4, "impose")
        },
    );
    let a4 = article(
        "a4",
        Some("2022-03-20"),
        "French and German diplomats met in Paris to discuss grain exports.",
    );
    let a4 = with_event(a4, EventSpec::new("FRAGOV", "DEUGOV", "040", 1.0, 1, "met"));
    let a5 = article("a5", None, "Chinese officials did not attack anyone, a spokesman said.");
    let a5 = with_event(
        a5,
        EventSpec {
            negated: true,
            ..EventSpec::new("CHNGOV", "USAGOV", "190", -10.0, 4, "attack")
        },
    );
    vec![a1, a2, a3, a4, a5]
}

pub fn loaded() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let summary = store
        .ingest_batch(&corpus(), &Coding::new("test-1", "builtin", "gdelt"))
        .unwrap();
    assert_eq!(summary.inserted, 5);
    assert_eq!(summary.events, 8);
    store
}
