//! Builders of coded articles for the store's tests: texts written for these tests.
#![allow(dead_code)]

use detente_records::{
    Actor, CodedArticle, Event, Location, Quote, QuoteKind, SCHEMA_VERSION, Sentence, Speaker, Trigger,
};

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
    }
}

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
