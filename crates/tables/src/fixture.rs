//! A small coded article, built by hand, for the tables' tests.

use detente_records::{
    Actor, CodedArticle, Event, Location, LocationVia, Mention, MentionKind, PlaceKind, Quote, QuoteKind, Resolution,
    SCHEMA_VERSION, Sentence, Span, Speaker, Trigger,
};

const TEXT: &str = "Ana Brandt met her counterpart in Paris. She said: \"We will not retreat\".\n\n\
                    Later, troops shelled the port.";

fn span(needle: &str) -> Span {
    let start = TEXT.find(needle).expect("in the text");
    Span::new(start, start + needle.len())
}

fn german_minister() -> Actor {
    Actor {
        code: "DEUGOV".into(),
        country: Some("DEU".into()),
        role: Some("GOV".into()),
        name: Some("Ana Brandt".into()),
        ..Actor::default()
    }
}

fn event(sentence: usize, trigger: &str, code: &str, target: Option<Actor>) -> Event {
    let t = span(trigger);
    Event {
        sentence,
        source: german_minister(),
        target,
        code: code.into(),
        root: code[..2].into(),
        name: "test".into(),
        goldstein: -9.5,
        quad_class: 4,
        plover: Some("ASSAULT".into()),
        negated: false,
        factual: true,
        quote: None,
        location: None,
        trigger: Trigger {
            start: t.start,
            end: t.end,
            text: trigger.into(),
        },
        rule: "test rule".into(),
    }
}

pub fn coded() -> CodedArticle {
    let sentence = |needle: &str, paragraph| {
        let s = span(needle);
        Sentence {
            start: s.start,
            end: s.end,
            boilerplate: false,
            paragraph,
        }
    };
    let mention = |needle: &str, kind, via, gender| {
        let s = span(needle);
        Mention {
            start: s.start,
            end: s.end,
            text: needle.into(),
            actor: german_minister(),
            via,
            kind,
            entity: 0,
            gender,
            plural: false,
        }
    };
    let quoted = span("We will not retreat");
    CodedArticle {
        schema: SCHEMA_VERSION,
        id: "a1".into(),
        source: Some("Wire".into()),
        date: Some("2024-03-01".into()),
        title: None,
        url: Some("https://example.org/a1".into()),
        text: Some(TEXT.into()),
        sentences: vec![
            sentence("Ana Brandt met her counterpart in Paris.", 0),
            sentence("She said: \"We will not retreat\".", 0),
            sentence("Later, troops shelled the port.", 1),
        ],
        mentions: vec![
            mention("Ana Brandt", MentionKind::Person, Resolution::Dictionary, None),
            mention("She", MentionKind::Pronoun, Resolution::Pronoun, Some('f')),
        ],
        quotes: vec![Quote {
            kind: QuoteKind::Direct,
            start: quoted.start,
            end: quoted.end,
            text: "We will not retreat".into(),
            cue: Some("said".into()),
            cue_span: Some(span("said")),
            speaker: Some(Speaker {
                name: Some("Ana Brandt".into()),
                mention: Some(span("She")),
                code: Some("DEUGOV".into()),
                country: Some("DEU".into()),
                org: None,
                role: Some("GOV".into()),
                entity: Some(0),
            }),
        }],
        events: vec![
            event(0, "met", "040", None),
            Event {
                location: Some(Location {
                    name: "Paris".into(),
                    country: Some("FRA".into()),
                    admin1: Some("Île-de-France".into()),
                    lat: Some(48.85),
                    lon: Some(2.35),
                    kind: PlaceKind::City,
                    mention: Some(span("Paris")),
                    via: LocationVia::Context,
                    admin1_code: Some("11".into()),
                }),
                ..event(
                    2,
                    "shelled",
                    "195",
                    Some(Actor {
                        code: "FRA".into(),
                        country: Some("FRA".into()),
                        ..Actor::default()
                    }),
                )
            },
        ],
        entities: Vec::new(),
    }
}
