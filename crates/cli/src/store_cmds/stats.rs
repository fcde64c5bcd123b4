//! `detente stats`: what the database holds.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

use super::{DbArg, write_table};
use crate::args::{ConfigArg, TableFormat, settings};
use crate::output::stdout;

/// `detente stats`.
#[derive(Args, Debug, Clone)]
pub struct StatsArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// How many of the dyads with most events to list.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub top: usize,
    /// Output format: table, jsonl (one JSON object) or csv (key,value rows) [default: table on a terminal,
    /// jsonl otherwise].
    #[arg(long, short, value_enum)]
    pub format: Option<TableFormat>,
    #[command(flatten)]
    pub config: ConfigArg,
}

pub fn run(mut args: StatsArgs) -> Result<ExitCode> {
    let settings = settings(&args.config, None, None, None)?;
    super::with_db(&mut args.db, &settings);
    run_to(&args, &mut stdout())
}

/// The summary as (key, value) pairs.
fn pairs(stats: &detente_store::Stats, path: &str) -> Vec<(String, String)> {
    let mut out = vec![
        ("database".to_string(), path.to_string()),
        ("articles".into(), stats.articles.to_string()),
        ("copies linked to a first copy".into(), stats.duplicates.to_string()),
        ("events".into(), stats.events.to_string()),
        ("negated events".into(), stats.negated_events.to_string()),
        ("quotes".into(), stats.quotes.to_string()),
        (
            "dates".into(),
            match (&stats.first_date, &stats.last_date) {
                (Some(a), Some(b)) => format!("{a} to {b}"),
                _ => "-".into(),
            },
        ),
        ("undated articles".into(), stats.undated_articles.to_string()),
        ("undated events".into(), stats.undated_events.to_string()),
    ];
    for d in &stats.top_dyads {
        out.push((
            format!("dyad {} → {}", d.source, d.target),
            format!("{} events", d.events),
        ));
    }
    for c in &stats.codings {
        let table = if c.coding.goldstein_table.is_empty() {
            "not recorded"
        } else {
            &c.coding.goldstein_table
        };
        out.push((
            format!(
                "coded by {} / {} / Goldstein {table}",
                c.coding.coder_version, c.coding.dictionary_set
            ),
            format!("{} articles", c.articles),
        ));
    }
    if let Some(c) = &stats.pending_recode {
        out.push((
            "interrupted re-coding".into(),
            format!(
                "{} / {} / {}: run `detente recode` to finish",
                c.coder_version, c.dictionary_set, c.goldstein_table
            ),
        ));
    }
    out.push(("schema version".into(), stats.schema_version.to_string()));
    out
}

/// [`run`] writing to `out`.
pub fn run_to(args: &StatsArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let format = TableFormat::resolve(args.format);
    let store = args.db.open_for_queries()?;
    let stats = store.stats(args.top)?;
    match format {
        TableFormat::Jsonl => {
            let mut value = serde_json::to_value(&stats)?;
            value["database"] = serde_json::Value::from(store.path());
            serde_json::to_writer(&mut *out, &value)?;
            out.write_all(b"\n")?;
        }
        TableFormat::Csv => {
            let mut writer = csv::Writer::from_writer(&mut *out);
            writer.write_record(["key", "value"])?;
            for (k, v) in pairs(&stats, store.path()) {
                writer.write_record([k, v])?;
            }
            writer.flush()?;
        }
        TableFormat::Table => {
            let rows: Vec<Vec<String>> = pairs(&stats, store.path())
                .into_iter()
                .map(|(k, v)| vec![k, v])
                .collect();
            write_table(out, &["what", "value"], &rows, false)?;
        }
    }
    out.flush()?;
    if stats.codings.len() > 1 {
        eprintln!(
            "detente: the articles were coded with {} different settings: `detente recode` codes them all alike",
            stats.codings.len()
        );
    }
    Ok(ExitCode::SUCCESS)
}
