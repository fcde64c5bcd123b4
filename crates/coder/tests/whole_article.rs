//! The whole coder (sentences, actors, quotes, events, places) on an article written for this test, with its
//! exact output: every event with its actors, code, factuality, trigger and place, and every quote with its
//! speaker. A change anywhere in the pipeline that changes what a user gets shows up here.

use detente_coder::Coder;
use detente_records::{Article, span_problems};

const TEXT: &str = "Chile and Argentina signed a fishing agreement in Santiago on Tuesday.

Argentine President Javier Milei praised Chile for its patience during the negotiations. \"This is a good day for both our nations,\" Milei said after the ceremony.

Bolivia sharply criticised Chile on Wednesday. Chile's foreign minister warned that Bolivia must stop blocking the border crossing near Arica.

Fighting broke out between Sudan and South Sudan near the disputed town of Abyei.
";

fn coded() -> detente_records::CodedArticle {
    let coder = Coder::builtin().expect("built-in dictionaries load");
    let article = Article {
        id: "own-article".into(),
        date: Some("2026-03-03".into()),
        text: TEXT.into(),
        ..Article::default()
    };
    coder.code(&article)
}

#[test]
fn every_span_is_a_slice_of_the_text() {
    let coded = coded();
    assert!(!coded.events.is_empty() && !coded.quotes.is_empty() && !coded.mentions.is_empty());
    assert_eq!(span_problems(TEXT, &coded), Vec::<String>::new());
    for e in &coded.events {
        assert_eq!(&TEXT[e.trigger.start..e.trigger.end], e.trigger.text);
    }
    for q in &coded.quotes {
        assert_eq!(&TEXT[q.start..q.end], q.text);
    }
}

#[test]
fn the_events_are_exactly_these() {
    let coded = coded();
    let events: Vec<String> = coded
        .events
        .iter()
        .map(|e| {
            format!(
                "{}>{} {} factual={} negated={} [{}] at {}",
                e.source.code,
                e.target.as_ref().map_or("-", |t| t.code.as_str()),
                e.code,
                e.factual,
                e.negated,
                e.trigger.text,
                e.location.as_ref().map_or("-", |l| l.name.as_str()),
            )
        })
        .collect();
    assert_eq!(
        events,
        [
            "CHL>ARG 057 factual=true negated=false [signed] at Santiago",
            "ARG>CHL 057 factual=true negated=false [signed] at Santiago",
            "ARGGOV>CHL 051 factual=true negated=false [praised] at -",
            "BOL>CHL 111 factual=true negated=false [criticised] at -",
            "CHLGOV>BOL 130 factual=true negated=false [warned] at -",
            // What the minister says Bolivia must stop: a demand on Bolivia; the blocking itself only demanded.
            "BOL>BOLGOV 144 factual=false negated=false [blocking] at Arica",
            "CHLGOV>BOL 100 factual=true negated=false [must] at -",
            "SDN>SSD 190 factual=true negated=false [Fighting] at Abyei",
            "SSD>SDN 190 factual=true negated=false [Fighting] at Abyei",
        ]
    );
    for e in &coded.events {
        assert!(!e.rule.is_empty(), "every event names the rule that produced it");
    }
}

#[test]
fn the_quotes_and_their_speakers_are_exactly_these() {
    let coded = coded();
    let quotes: Vec<String> = coded
        .quotes
        .iter()
        .map(|q| {
            let speaker = q.speaker.as_ref();
            format!(
                "{}: {} <- {}",
                speaker.and_then(|s| s.code.as_deref()).unwrap_or("-"),
                q.text,
                speaker.and_then(|s| s.name.as_deref()).unwrap_or("-"),
            )
        })
        .collect();
    assert_eq!(
        quotes,
        [
            "ARGGOV: This is a good day for both our nations, <- Javier Milei",
            "CHLGOV: Bolivia must stop blocking the border crossing near Arica <- Chile's foreign minister",
        ]
    );
}
