//! Ingests generated coded articles in batches: the child process of the crash-safety test (killed with
//! SIGKILL at random moments) and a throughput benchmark of the store.
//!
//! Usage: `detente-store-loadgen DB COUNT BATCH` — articles `gen-0` … `gen-{COUNT-1}`, deterministic, each with
//! 4 sentences, 3 mentions, 1 quote and 3 events; prints the ingest summary and articles/s.

use std::process::ExitCode;
use std::time::Instant;

use detente_records::{
    Actor, CodedArticle, Event, Mention, MentionKind, Quote, QuoteKind, Resolution, SCHEMA_VERSION, Sentence, Speaker,
    Trigger,
};
use detente_store::Store;
use xxhash_rust::xxh3::xxh3_64_with_seed;

const WORDS: &[&str] = &[
    "council",
    "border",
    "talks",
    "envoy",
    "harbour",
    "winter",
    "grain",
    "convoy",
    "pipeline",
    "summit",
    "treaty",
    "drone",
    "radar",
    "bridge",
    "railway",
    "election",
    "minister",
    "general",
    "reserve",
    "tariff",
    "embassy",
    "sanction",
    "ceasefire",
    "corridor",
    "village",
    "province",
    "frontier",
    "airfield",
    "satellite",
    "observer",
    "refugee",
    "budget",
    "parliament",
    "coalition",
    "exercise",
    "patrol",
    "shipment",
    "reactor",
    "inspector",
    "protest",
    "strike",
    "senate",
    "charter",
    "statement",
    "briefing",
    "memo",
    "archive",
    "delegation",
    "quarter",
    "season",
    "northern",
    "southern",
    "eastern",
    "western",
    "quiet",
    "heavy",
    "sudden",
    "formal",
    "brief",
    "long",
    "early",
    "late",
    "new",
    "old",
    "joint",
    "private",
    "public",
    "regional",
    "coastal",
    "mountain",
    "river",
];

const ACTORS: &[(&str, &str)] = &[
    ("RUSGOV", "RUS"),
    ("UKRGOV", "UKR"),
    ("USAGOV", "USA"),
    ("CHNGOV", "CHN"),
    ("FRAGOV", "FRA"),
    ("DEUMIL", "DEU"),
];

fn actor(i: u64) -> Actor {
    let (code, country) = ACTORS[(i % ACTORS.len() as u64) as usize];
    Actor {
        code: code.into(),
        country: Some(country.into()),
        role: Some(code[3..].into()),
        ..Actor::default()
    }
}

fn sentence(n: u64, s: u64) -> String {
    let words: Vec<&str> = (0..14)
        .map(|w| WORDS[(xxh3_64_with_seed(&[s as u8, w as u8], n) % WORDS.len() as u64) as usize])
        .collect();
    let mut text = words.join(" ");
    text[..1].make_ascii_uppercase();
    text.push('.');
    text
}

/// The `n`-th generated article: different words for every article, so none is a near-duplicate of another.
pub fn generated(n: u64) -> CodedArticle {
    let mut text = String::new();
    let mut sentences = Vec::new();
    for s in 0..4 {
        let start = text.len();
        text.push_str(&sentence(n, s));
        sentences.push(Sentence {
            start,
            end: text.len(),
            boilerplate: false,
            paragraph: s as usize / 2,
        });
        text.push(' ');
    }
    let quote_start = text.len() + 1;
    text.push_str("\"We will talk again next week,\" the envoy said.");
    let quote_end = quote_start + "We will talk again next week,".len();
    let mentions = (0..3)
        .map(|m| {
            let s = sentences[m];
            let end = s.start + text[s.start..].find(' ').unwrap_or(0);
            Mention {
                start: s.start,
                end,
                text: text[s.start..end].to_string(),
                actor: actor(n + m as u64),
                via: Resolution::Dictionary,
                kind: MentionKind::Organization,
                entity: m,
                gender: None,
                plural: false,
            }
        })
        .collect();
    let events = (0..3u64)
        .map(|k| {
            let s = sentences[k as usize];
            let code = ["190", "036", "111"][k as usize];
            Event {
                sentence: k as usize,
                source: actor(n + k),
                target: Some(actor(n + k + 1)),
                code: code.into(),
                root: code[..2].into(),
                name: format!("generated {code}"),
                goldstein: [-10.0, 4.0, -2.0][k as usize],
                quad_class: [4, 1, 3][k as usize],
                plover: None,
                negated: false,
                factual: true,
                quote: None,
                location: None,
                trigger: Trigger {
                    start: s.start,
                    end: s.start + 3,
                    text: text[s.start..s.start + 3].to_string(),
                },
                rule: "loadgen".into(),
            }
        })
        .collect();
    CodedArticle {
        schema: SCHEMA_VERSION,
        id: format!("gen-{n}"),
        source: Some("Loadgen Wire".into()),
        date: Some(format!("2024-{:02}-{:02}", 1 + n % 12, 1 + n % 28)),
        title: Some(format!("Generated story {n}")),
        url: Some(format!("https://example.org/gen/{n}")),
        quotes: vec![Quote {
            kind: QuoteKind::Direct,
            start: quote_start,
            end: quote_end,
            text: text[quote_start..quote_end].to_string(),
            cue: Some("said".into()),
            cue_span: None,
            speaker: Some(Speaker {
                name: Some("the envoy".into()),
                ..Speaker::default()
            }),
        }],
        text: Some(text),
        sentences,
        mentions,
        events,
        entities: Vec::new(),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 4 {
        eprintln!("usage: detente-store-loadgen DB COUNT BATCH");
        return ExitCode::from(2);
    }
    let (Ok(count), Ok(batch)) = (args[2].parse::<u64>(), args[3].parse::<u64>()) else {
        eprintln!("COUNT and BATCH are numbers");
        return ExitCode::from(2);
    };
    let mut store = match Store::open(&args[1]) {
        Ok(store) => store,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let started = Instant::now();
    let mut total = detente_store::BatchSummary::default();
    let mut next = 0;
    while next < count {
        let end = (next + batch.max(1)).min(count);
        let articles: Vec<CodedArticle> = (next..end).map(generated).collect();
        match store.ingest_batch(
            &articles,
            &detente_store::Coding::new("loadgen-1", "generated", "gdelt"),
        ) {
            Ok(summary) => total.add(&summary),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
        next = end;
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{} inserted, {} unchanged, {} replaced in {secs:.2} s: {:.0} articles/s",
        total.inserted,
        total.unchanged,
        total.replaced,
        count as f64 / secs.max(1e-9)
    );
    ExitCode::SUCCESS
}
