//! `detente events`: stored events matching filters, newest first, each with its sentence; or aggregated
//! across articles as GDELT does (`--aggregate`).

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;
use detente_analysis::{AggregatedEvent, EventRow, aggregate};
use detente_store::export::{Cell, EVENT_COLUMNS, event_cells};

use super::{ActorResolver, DbArg, EventFilterArgs, write_table};
use crate::args::{ColorArg, ConfigArg, TableFormat, settings};
use crate::output::{MARK_END, MARK_START, stdout};

/// `detente events`.
#[derive(Args, Debug, Clone)]
pub struct EventsArgs {
    #[command(flatten)]
    pub db: DbArg,
    #[command(flatten)]
    pub filter: EventFilterArgs,
    /// At most N events [default for tables: 100].
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Oldest first (by article date) instead of newest first.
    #[arg(long)]
    pub oldest_first: bool,
    /// One row per event and day with how many mentions, articles and sources report it (as GDELT does).
    #[arg(long)]
    pub aggregate: bool,
    /// Output format [default: table on a terminal, jsonl otherwise].
    #[arg(long, short, value_enum)]
    pub format: Option<TableFormat>,
    #[command(flatten)]
    pub color: ColorArg,
    #[command(flatten)]
    pub config: ConfigArg,
}

/// Rows a table shows when no --limit is given.
const TABLE_LIMIT: usize = 100;

pub fn run(mut args: EventsArgs) -> Result<ExitCode> {
    let settings = settings(&args.config, None, None, None)?;
    super::with_db(&mut args.db, &settings);
    let mut actors = ActorResolver::new(&settings);
    run_to(&args, &mut actors, &mut stdout())
}

fn actor_label(actor: Option<&detente_records::Actor>) -> String {
    match actor {
        None => "-".into(),
        Some(a) => match &a.name {
            Some(name) => format!("{} ({name})", a.code),
            None => a.code.clone(),
        },
    }
}

/// The sentence with the trigger marked (shown as `Tanks [shelled] the village.` or in colour).
fn marked_sentence(e: &EventRow) -> String {
    let trigger = format!("{MARK_START}{}{MARK_END}", e.trigger.text);
    let Some(sentence) = &e.sentence_text else {
        return trigger;
    };
    match sentence.find(&e.trigger.text) {
        Some(at) => format!("{}{trigger}{}", &sentence[..at], &sentence[at + e.trigger.text.len()..]),
        None => sentence.clone(),
    }
    .replace('\n', " ")
}

fn flags(e: &EventRow) -> String {
    let mut flags = Vec::new();
    if e.negated {
        flags.push("negated");
    }
    if !e.factual {
        flags.push("non-factual");
    }
    flags.join(",")
}

/// [`run`] writing to `out`.
pub fn run_to(args: &EventsArgs, actors: &mut ActorResolver, out: &mut dyn Write) -> Result<ExitCode> {
    let format = TableFormat::resolve(args.format);
    let mut query = args.filter.to_query(actors)?;
    query.newest_first = !args.oldest_first;
    let store = args.db.open_for_queries()?;
    let table_default = format == TableFormat::Table && args.limit.is_none();
    let note = actors.unknown_names_note();
    if args.aggregate {
        return run_aggregated(args, format, query, &store, out, &note);
    }
    query.limit = if table_default {
        Some(TABLE_LIMIT + 1)
    } else {
        args.limit
    };
    let mut events = store.events(&query)?;
    let more = table_default && events.len() > TABLE_LIMIT;
    events.truncate(if table_default { TABLE_LIMIT } else { usize::MAX });
    match format {
        TableFormat::Jsonl => {
            for e in &events {
                serde_json::to_writer(&mut *out, e)?;
                out.write_all(b"\n")?;
            }
        }
        TableFormat::Csv => {
            let mut writer = csv::Writer::from_writer(&mut *out);
            writer.write_record(EVENT_COLUMNS.iter().map(|(name, _)| *name))?;
            for e in &events {
                writer.write_record(event_cells(e).into_iter().map(Cell::to_text))?;
            }
            writer.flush()?;
        }
        TableFormat::Table => {
            let rows: Vec<Vec<String>> = events
                .iter()
                .map(|e| {
                    vec![
                        e.date.clone().unwrap_or_else(|| "-".into()),
                        e.article_id.clone(),
                        actor_label(Some(&e.source)),
                        actor_label(e.target.as_ref()),
                        e.code.clone(),
                        format!("{:+.1}", e.goldstein),
                        e.quad_class.to_string(),
                        e.location.as_ref().map(super::place_label).unwrap_or_default(),
                        flags(e),
                        e.title.clone().unwrap_or_default(),
                        marked_sentence(e),
                    ]
                })
                .collect();
            let headers = [
                "date", "article", "source", "target", "code", "gold", "quad", "place", "flags", "title", "sentence",
            ];
            write_table(out, &headers, &rows, args.color.color.for_stdout())?;
        }
    }
    out.flush()?;
    if more {
        eprintln!("detente: showing the newest {TABLE_LIMIT} events; use --limit N or --format jsonl for more");
    } else if events.is_empty() {
        eprintln!("detente: no events match{note}");
    }
    Ok(ExitCode::SUCCESS)
}

const AGGREGATE_COLUMNS: &[&str] = &[
    "date",
    "source",
    "target",
    "code",
    "name",
    "goldstein",
    "quad_class",
    "place",
    "num_mentions",
    "num_articles",
    "num_sources",
    "first_article",
    "sentence",
];

fn aggregate_cells(a: &AggregatedEvent) -> Vec<String> {
    vec![
        a.date.clone().unwrap_or_default(),
        a.source.code.clone(),
        a.target.as_ref().map(|t| t.code.clone()).unwrap_or_default(),
        a.code.clone(),
        a.name.clone(),
        format!("{:.1}", a.goldstein),
        a.quad_class.to_string(),
        a.location.as_ref().map(|l| l.name.clone()).unwrap_or_default(),
        a.num_mentions.to_string(),
        a.num_articles.to_string(),
        a.num_sources.to_string(),
        a.first_article.clone(),
        a.sentence_text.clone().unwrap_or_default().replace('\n', " "),
    ]
}

fn run_aggregated(
    args: &EventsArgs,
    format: TableFormat,
    mut query: detente_store::EventQuery,
    store: &detente_store::Store,
    out: &mut dyn Write,
    note: &str,
) -> Result<ExitCode> {
    // Negated events did not happen: they are not events to count.
    query.exclude_negated = true;
    let mut events = aggregate(&store.events(&query)?);
    let limit = args.limit.unwrap_or(if format == TableFormat::Table {
        TABLE_LIMIT
    } else {
        usize::MAX
    });
    let more = events.len() > limit;
    events.truncate(limit);
    match format {
        TableFormat::Jsonl => {
            for e in &events {
                serde_json::to_writer(&mut *out, e)?;
                out.write_all(b"\n")?;
            }
        }
        TableFormat::Csv => {
            let mut writer = csv::Writer::from_writer(&mut *out);
            writer.write_record(AGGREGATE_COLUMNS)?;
            for e in &events {
                writer.write_record(aggregate_cells(e))?;
            }
            writer.flush()?;
        }
        TableFormat::Table => {
            let rows: Vec<Vec<String>> = events.iter().map(aggregate_cells).collect();
            write_table(out, AGGREGATE_COLUMNS, &rows, args.color.color.for_stdout())?;
        }
    }
    out.flush()?;
    if more {
        eprintln!("detente: showing {limit} aggregated events; use --limit N for more");
    } else if events.is_empty() {
        eprintln!("detente: no events match{note}");
    }
    Ok(ExitCode::SUCCESS)
}
