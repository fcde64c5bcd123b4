//! The store commands against a database written here.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use detente_records::{Actor, CodedArticle, Event, Quote, QuoteKind, Speaker, Trigger};
use detente_store::{Coding, EventQuery, Store};

use super::alerts::{AlertsArgs, KeyArg};
use super::events::EventsArgs;
use super::export::{ExportArgs, ExportFormatArg, PartitionArg};
use super::ingest::{IngestSink, summary_line};
use super::network::{GraphFormat, NetworkArgs};
use super::quotes::QuotesQueryArgs;
use super::recode::RecodeArgs;
use super::search::SearchArgs;
use super::trend::{PeriodArg, TrendArgs, TrendFormat};
use super::*;
use crate::args::{ColorArg, ConfigArg, DictionaryArg, GoldsteinArg, TableFormat, ThreadsArg};

fn resolver() -> ActorResolver {
    ActorResolver {
        dictionaries: Vec::new(),
        actors: None,
        unknown: Vec::new(),
    }
}

fn coding(dictionary_set: &str) -> Coding {
    Coding::new("test", dictionary_set, "gdelt")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("detente-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn capture(run: &mut dyn FnMut(&mut dyn Write) -> Result<ExitCode>) -> String {
    let mut out = Vec::new();
    run(&mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn events_args(db: &DbArg, filter: EventFilterArgs, format: TableFormat) -> EventsArgs {
    EventsArgs {
        db: db.clone(),
        filter,
        limit: None,
        oldest_first: false,
        aggregate: false,
        format: Some(format),
        color: ColorArg::default(),
        config: ConfigArg::default(),
    }
}

fn quotes_args(db: &DbArg, format: TableFormat) -> QuotesQueryArgs {
    QuotesQueryArgs {
        db: db.clone(),
        speaker: Some("anna".into()),
        actor: None,
        since: None,
        until: None,
        text: None,
        include_duplicates: false,
        limit: Some(2),
        oldest_first: false,
        format,
        color: false,
    }
}

/// Nine days of one shelling each, then a day with ten.
fn database(name: &str) -> (PathBuf, DbArg) {
    let dir = scratch(name);
    let db = DbArg {
        db: Some(dir.join("t.db")),
    };
    let mut sink = IngestSink::open(&db, 2, &coding("builtin")).unwrap();
    for day in 1..=9 {
        let text = format!("Tanks shelled a border village on day {day} of the offensive.");
        sink.push(coded(
            &format!("d{day}"),
            &format!("2022-03-0{day}"),
            &text,
            &[("RUSMIL", "UKRMIL", "190", -10.0, 4, "shelled")],
        ))
        .unwrap();
    }
    for n in 0..5 {
        let text = format!("Rockets struck depot number {n} and artillery shelled the town square.");
        sink.push(coded(
            &format!("s{n}"),
            "2022-03-10",
            &text,
            &[
                ("RUSMIL", "UKRMIL", "190", -10.0, 4, "struck"),
                ("RUSMIL", "UKRMIL", "190", -10.0, 4, "shelled"),
            ],
        ))
        .unwrap();
    }
    let summary = sink.finish().unwrap();
    assert_eq!(summary.inserted, 14);
    assert!(
        summary_line(&summary).starts_with("14 new"),
        "{}",
        summary_line(&summary)
    );
    (dir, db)
}

fn coded(id: &str, date: &str, text: &str, events: &[(&str, &str, &str, f64, u8, &str)]) -> CodedArticle {
    let actor = |code: &str| Actor {
        code: code.into(),
        country: Some(code[..3].into()),
        ..Actor::default()
    };
    CodedArticle {
        schema: detente_records::SCHEMA_VERSION,
        id: id.into(),
        source: None,
        date: Some(date.into()),
        title: Some(format!("Title of {id}")),
        url: None,
        text: Some(text.into()),
        sentences: vec![detente_records::Sentence {
            start: 0,
            end: text.len(),
            boilerplate: false,
            paragraph: 0,
        }],
        mentions: vec![],
        quotes: vec![Quote {
            kind: QuoteKind::Direct,
            start: 0,
            end: 4,
            text: text[..4].into(),
            cue: None,
            cue_span: None,
            speaker: Some(Speaker {
                name: Some("Anna Example".into()),
                ..Speaker::default()
            }),
        }],
        events: events
            .iter()
            .map(|&(s, t, code, goldstein, quad, trigger)| {
                let start = text.find(trigger).unwrap();
                Event {
                    sentence: 0,
                    source: actor(s),
                    target: Some(actor(t)),
                    code: code.into(),
                    root: code[..2].into(),
                    name: "test".into(),
                    goldstein,
                    quad_class: quad,
                    plover: None,
                    negated: false,
                    factual: true,
                    quote: None,
                    location: None,
                    trigger: Trigger {
                        start,
                        end: start + trigger.len(),
                        text: trigger.into(),
                    },
                    rule: "test".into(),
                }
            })
            .collect(),
        entities: Vec::new(),
    }
}

#[test]
fn listings_in_every_format() {
    let (dir, db) = database("listings");
    let filter = EventFilterArgs {
        dyad: Some("Russia,UKR".into()),
        root: Some("18..20".into()),
        ..Default::default()
    };
    for format in [TableFormat::Table, TableFormat::Jsonl, TableFormat::Csv] {
        let events = capture(&mut |out| {
            let args = EventsArgs {
                limit: Some(3),
                ..events_args(&db, filter.clone(), format)
            };
            super::events::run_to(&args, &mut resolver(), out)
        });
        let quotes = capture(&mut |out| super::quotes::run_to(&quotes_args(&db, format), out));
        let search = capture(&mut |out| {
            let args = SearchArgs {
                db: db.clone(),
                query: vec!["shelled".into(), "village".into()],
                limit: 2,
                include_duplicates: false,
                format: Some(format),
                color: ColorArg::default(),
                config: ConfigArg::default(),
            };
            super::search::run_to(&args, out)
        });
        match format {
            TableFormat::Table => {
                let first = events.lines().next().unwrap();
                assert!(first.starts_with("date        article  source"), "{events}");
                assert!(first.ends_with("title        sentence"), "{events}");
                assert_eq!(events.lines().count(), 4);
                // Newest first, with the sentence and its trigger marked.
                let second = events.lines().nth(1).unwrap();
                assert!(second.starts_with("2022-03-10  s"), "{events}");
                assert!(second.contains("Title of s"), "{events}");
                assert!(second.contains("and artillery [shelled] the town square."), "{events}");
                assert!(quotes.contains("Anna Example") && quotes.contains("“Rock”"), "{quotes}");
                assert!(search.starts_with(" 1. 2022-03-0"), "{search}");
                assert!(search.contains("[shelled] a border [village]"), "{search}");
            }
            TableFormat::Jsonl => {
                let rows: Vec<serde_json::Value> = events.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
                assert_eq!(rows.len(), 3);
                assert_eq!(rows[0]["date"], "2022-03-10");
                assert_eq!(
                    rows[0]["title"],
                    format!("Title of {}", rows[0]["article_id"].as_str().unwrap())
                );
                assert!(
                    rows[0]["sentence_text"]
                        .as_str()
                        .unwrap()
                        .starts_with("Rockets struck depot")
                );
                assert_eq!(quotes.lines().count(), 2);
                assert_eq!(search.lines().count(), 2);
            }
            TableFormat::Csv => {
                assert!(events.starts_with("event_id,article_id,date"));
                assert!(
                    events
                        .lines()
                        .next()
                        .unwrap()
                        .ends_with("title,sentence_text,goldstein_table")
                );
                assert_eq!(events.lines().count(), 4);
                assert!(quotes.starts_with("quote_id,"));
                assert!(search.starts_with("kind,article_id"));
            }
        }
    }
    // Oldest first on request; --code; aggregated as GDELT does.
    let oldest = capture(&mut |out| {
        let args = EventsArgs {
            oldest_first: true,
            limit: Some(1),
            ..events_args(&db, EventFilterArgs::default(), TableFormat::Jsonl)
        };
        super::events::run_to(&args, &mut resolver(), out)
    });
    assert!(oldest.contains("\"date\":\"2022-03-01\""), "{oldest}");
    let by_code = capture(&mut |out| {
        let filter = EventFilterArgs {
            code: Some("190".into()),
            actor: Some("Ukraine".into()),
            ..Default::default()
        };
        super::events::run_to(&events_args(&db, filter, TableFormat::Jsonl), &mut resolver(), out)
    });
    assert_eq!(by_code.lines().count(), 19);
    let aggregated = capture(&mut |out| {
        let args = EventsArgs {
            aggregate: true,
            ..events_args(&db, EventFilterArgs::default(), TableFormat::Csv)
        };
        super::events::run_to(&args, &mut resolver(), out)
    });
    let lines: Vec<&str> = aggregated.lines().collect();
    assert!(
        lines[0].contains("num_mentions,num_articles,num_sources"),
        "{aggregated}"
    );
    assert_eq!(lines.len(), 1 + 10, "one row per day: {aggregated}");
    assert!(
        lines[1].starts_with("2022-03-10,RUSMIL,UKRMIL,190,test,-10.0,4,,10,5,5,"),
        "{aggregated}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn trends_alerts_networks_and_exports() {
    let (dir, db) = database("analysis");
    let plot = dir.join("trend.svg");
    let trend = |format: TrendFormat, plot: Option<PathBuf>, normalize: bool| {
        let args = TrendArgs {
            db: db.clone(),
            a: "RUS".into(),
            b: "Ukraine".into(),
            by: PeriodArg::Day,
            since: Some("2022-03-05".into()),
            until: None,
            factual: false,
            include_duplicates: false,
            normalize,
            plot,
            format: Some(format),

            config: ConfigArg::default(),
        };
        capture(&mut |out| super::trend::run_to(&args, &mut resolver(), out))
    };
    let chart = trend(TrendFormat::Chart, Some(plot.clone()), false);
    assert!(std::fs::read_to_string(&plot).unwrap().contains("<svg"));
    assert_eq!(chart.lines().count(), 2 * 6 + 1, "{chart}");
    assert!(
        chart
            .lines()
            .nth(10)
            .unwrap()
            .starts_with("2022-03-10  RUS→Ukraine ████"),
        "{chart}"
    );
    let table = trend(TrendFormat::Csv, None, false);
    assert!(
        table
            .lines()
            .last()
            .unwrap()
            .starts_with("2022-03-10,2022-03-10,10,0,0,0,10,-100.0,-10.00,0"),
        "{table}"
    );
    // Normalised: 10 events among the 5 articles of 10 March are 2,000 per 1,000 articles.
    let normalized = trend(TrendFormat::Csv, None, true);
    assert!(
        normalized
            .lines()
            .next()
            .unwrap()
            .ends_with("articles,ab_per_1000,ba_per_1000")
    );
    assert!(
        normalized.lines().last().unwrap().ends_with(",5,2000.00,0.00"),
        "{normalized}"
    );
    let alerts = capture(&mut |out| {
        let args = AlertsArgs {
            db: db.clone(),
            by: PeriodArg::Day,
            window: 7,
            k: 2.0,
            min_events: 3,
            since: None,
            key: KeyArg::Country,
            factual: false,
            include_duplicates: false,
            evidence: 2,
            format: Some(TableFormat::Table),
            config: ConfigArg::default(),
        };
        super::alerts::run_to(&args, out)
    });
    assert!(
        alerts.starts_with("2022-03-10  RUS–UKR: 10 material-conflict events"),
        "{alerts}"
    );
    assert!(alerts.contains("… 8 more events"), "{alerts}");
    let dot = capture(&mut |out| {
        let args = NetworkArgs {
            db: db.clone(),
            since: Some("2022-03-02".into()),
            until: None,
            key: KeyArg::Code,
            min_events: 1,
            factual: false,
            include_duplicates: false,
            format: GraphFormat::Dot,
            config: ConfigArg::default(),
        };
        super::network::run_to(&args, out)
    });
    assert!(dot.contains("\"RUSMIL\" -> \"UKRMIL\" [label=\"18 / -10.0\""), "{dot}");
    // The same edge in the edge-list formats.
    let edges = |format: GraphFormat| {
        capture(&mut |out| {
            let args = NetworkArgs {
                db: db.clone(),
                since: Some("2022-03-02".into()),
                until: None,
                key: KeyArg::Code,
                min_events: 1,
                factual: false,
                include_duplicates: false,
                format,
                config: ConfigArg::default(),
            };
            super::network::run_to(&args, out)
        })
    };
    let csv = edges(GraphFormat::Csv);
    assert!(
        csv.starts_with("source,target,events,q1,q2,q3,q4,goldstein_mean\n"),
        "{csv}"
    );
    assert!(csv.contains("\nRUSMIL,UKRMIL,18,0,0,0,18,-10.00\n"), "{csv}");
    let jsonl = edges(GraphFormat::Jsonl);
    let first: serde_json::Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    assert!(first["source"].is_string() && first["events"].is_u64(), "{jsonl}");
    assert_eq!(jsonl.lines().count(), csv.lines().count() - 1);
    let table = edges(GraphFormat::Table);
    assert!(
        table.lines().any(|l| l.starts_with("RUSMIL") && l.contains("UKRMIL")),
        "{table}"
    );
    let out = dir.join("export");
    for format in [ExportFormatArg::Csv, ExportFormatArg::Gdelt, ExportFormatArg::Icews] {
        super::export::run(ExportArgs {
            db: db.clone(),
            format,
            out: out.clone(),
            partition_by: PartitionArg::Month,
            filter: EventFilterArgs::default(),
            config: ConfigArg::default(),
        })
        .unwrap();
    }
    let csv = std::fs::read_to_string(out.join("events.csv")).unwrap();
    assert_eq!(csv.lines().count(), 1 + 9 + 10);
    let gdelt = std::fs::read_to_string(out.join("events.gdelt.tsv")).unwrap();
    assert_eq!(gdelt.lines().count(), 1 + 10, "one GDELT event per day");
    let icews = std::fs::read_to_string(out.join("events.icews.tsv")).unwrap();
    assert_eq!(icews.lines().count(), 1 + 19);
    let err = super::export::run(ExportArgs {
        db: db.clone(),
        format: ExportFormatArg::Csv,
        out: out.clone(),
        partition_by: PartitionArg::Day,
        filter: EventFilterArgs::default(),
        config: ConfigArg::default(),
    })
    .unwrap_err();
    assert_eq!(
        format!("{:?}", crate::fail::exit_code(&err)),
        format!("{:?}", ExitCode::from(2))
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_values_are_usage_errors_and_a_missing_database_is_named() {
    let dir = scratch("bad-values");
    let db = DbArg {
        db: Some(dir.join("none.db")),
    };
    let mut out = Vec::new();
    let err = super::events::run_to(
        &events_args(&db, EventFilterArgs::default(), TableFormat::Jsonl),
        &mut resolver(),
        &mut out,
    )
    .unwrap_err();
    assert!(crate::fail::message(&err).contains("none.db"), "{err}");
    assert!(!dir.join("none.db").exists(), "a query never creates a database");
    for filter in [
        EventFilterArgs {
            since: Some("March".into()),
            ..Default::default()
        },
        EventFilterArgs {
            code: Some("1a2".into()),
            ..Default::default()
        },
        EventFilterArgs {
            dyad: Some("RUS".into()),
            ..Default::default()
        },
    ] {
        let err = super::events::run_to(&events_args(&db, filter, TableFormat::Table), &mut resolver(), &mut out)
            .unwrap_err();
        assert_eq!(
            format!("{:?}", crate::fail::exit_code(&err)),
            format!("{:?}", ExitCode::from(2)),
            "{err}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn actor_names_resolve_to_what_the_store_matches() {
    let mut actors = resolver();
    assert_eq!(actors.resolve("RUSGOV").unwrap(), "RUSGOV");
    assert_eq!(actors.resolve("Russia").unwrap(), "RUS");
    assert_eq!(actors.resolve("ukraine").unwrap(), "UKR");
    assert_eq!(actors.resolve("Nobody Inparticular").unwrap(), "Nobody Inparticular");
    // Names the actor dictionaries know: a seat of power is its government, a person is matched by name.
    assert_eq!(actors.resolve("the Kremlin").unwrap(), "RUSGOV");
    assert_eq!(actors.resolve("Vladimir Putin").unwrap(), "Vladimir Putin");
    // Only the name no dictionary knows is named when nothing matches.
    let note = actors.unknown_names_note();
    assert!(
        note.contains("\"Nobody Inparticular\" is no actor code or name"),
        "{note}"
    );
    assert!(!note.contains("Putin") && !note.contains("Russia"), "{note}");
    assert_eq!(resolver().unknown_names_note(), "");
}

#[test]
fn recode_replaces_coding_with_the_real_coder_and_records_it() {
    let dir = scratch("recode");
    let db = DbArg {
        db: Some(dir.join("r.db")),
    };
    let text = "Russian troops attacked a Ukrainian village on Monday. The mayor said nobody was hurt.";
    let mut sink = IngestSink::open(&db, 10, &coding("old-dictionaries")).unwrap();
    sink.push(coded(
        "r1",
        "2022-03-01",
        text,
        &[("RUSMIL", "UKRMIL", "190", -10.0, 4, "attacked")],
    ))
    .unwrap();
    sink.finish().unwrap();
    super::recode::run(RecodeArgs {
        db: db.clone(),
        batch: 5,
        dictionaries: DictionaryArg::default(),
        goldstein: GoldsteinArg {
            goldstein: Some(crate::config::Goldstein::Icews),
        },
        threads: ThreadsArg { threads: Some(2) },
        config: ConfigArg::default(),
    })
    .unwrap();
    let store = Store::open(db.path()).unwrap();
    let stored: (String, String, String) = store
        .connection()
        .query_row(
            "SELECT dictionary_set, goldstein_table, text FROM articles WHERE id = 'r1'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(stored, ("builtin".to_string(), "icews".to_string(), text.to_string()));
    // Whatever the coder finds now, every stored event is from the new coding.
    let events = store.events(&EventQuery::default()).unwrap();
    assert!(
        events
            .iter()
            .all(|e| e.dictionary_set == "builtin" && e.goldstein_table.as_deref() == Some("icews"))
    );
    assert_eq!(store.pending_recode().unwrap(), None);
    assert_ne!(
        dictionary_set_id(&[detente_coder::DictionarySource {
            name: "a.actors.toml".into(),
            text: "x".into()
        }]),
        dictionary_set_id(&[detente_coder::DictionarySource {
            name: "a.actors.toml".into(),
            text: "y".into()
        }])
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn root_ranges_and_codes_parse() {
    assert_eq!(parse_root_range("19").unwrap(), (19, 19));
    assert_eq!(parse_root_range("14..20").unwrap(), (14, 20));
    assert_eq!(parse_root_range("14-20").unwrap(), (14, 20));
    assert_eq!(parse_root_range("14..=20").unwrap(), (14, 20));
    assert!(parse_root_range("20..14").is_err());
    assert!(parse_root_range("21").is_err());
    assert!(parse_root_range("x").is_err());
    assert_eq!(parse_dyad("RUS, UKR").unwrap(), ("RUS".to_string(), "UKR".to_string()));
    assert!(parse_dyad("RUS").is_err());
    assert!(check_date("--since", &Some("2022-13-01".into())).is_err());
    let err = check_date("--until", &Some("2022-02-30".into()))
        .unwrap_err()
        .to_string();
    assert_eq!(err, "--until \"2022-02-30\": no such day in the calendar");
    let err = check_date("--until", &Some("March 3".into())).unwrap_err().to_string();
    assert!(err.ends_with("expected a date as YYYY-MM-DD"), "{err}");
    assert_eq!(check_code(&Some("1121".into())).unwrap().as_deref(), Some("1121"));
    assert!(check_code(&Some("11211".into())).is_err());
}

#[test]
fn tables_escape_control_characters_and_show_marks() {
    let mut out = Vec::new();
    let rows = vec![vec![
        "id\x1b[2J".to_string(),
        format!(
            "a {}trigger{} here\x07",
            crate::output::MARK_START,
            crate::output::MARK_END
        ),
    ]];
    write_table(&mut out, &["article", "sentence"], &rows, false).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(!text.contains('\x1b') && !text.contains('\x07'), "{text:?}");
    assert!(text.contains("id\\x1b[2J"), "{text}");
    assert!(text.contains("a [trigger] here\\x07"), "{text}");
}
