//! `detente network`: the actor interaction graph.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, ValueEnum};
use detente_analysis as analysis;
use detente_store::EventQuery;

use super::alerts::KeyArg;
use super::{DbArg, check_date};
use crate::args::{ConfigArg, settings};
use crate::output::stdout;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// Nodes and edges as one JSON document.
    Json,
    /// GraphViz DOT: `detente network --format dot | dot -Tsvg > net.svg`.
    Dot,
    /// The edges as aligned columns.
    Table,
    /// One JSON object per edge.
    Jsonl,
    /// The edges as comma-separated values with a header (for pandas, R, spreadsheets).
    Csv,
}

const EDGE_COLUMNS: &[&str] = &["source", "target", "events", "q1", "q2", "q3", "q4", "goldstein_mean"];

fn edge_cells(e: &analysis::Edge) -> Vec<String> {
    let mut cells = vec![e.source.clone(), e.target.clone(), e.events.to_string()];
    cells.extend(e.quad.iter().map(u32::to_string));
    cells.push(format!("{:.2}", e.goldstein_mean));
    cells
}

/// `detente network`.
#[derive(Args, Debug, Clone)]
pub struct NetworkArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Events from this date on.
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Events up to this date.
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// How actors are grouped into nodes.
    #[arg(long, value_enum, default_value_t = KeyArg::Country)]
    pub key: KeyArg,
    /// Leave out edges with fewer events.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub min_events: u32,
    /// Only factual events.
    #[arg(long)]
    pub factual: bool,
    /// Count near-duplicate copies of a story too.
    #[arg(long)]
    pub include_duplicates: bool,
    /// Output format: the graph (json, dot) or its edge list (table, jsonl, csv).
    #[arg(long, short, value_enum, default_value_t = GraphFormat::Json)]
    pub format: GraphFormat,
    #[command(flatten)]
    pub config: ConfigArg,
}

pub fn run(mut args: NetworkArgs) -> Result<ExitCode> {
    let settings = settings(&args.config, None, None, None)?;
    super::with_db(&mut args.db, &settings);
    run_to(&args, &mut stdout())
}

/// [`run`] writing to `out`.
pub fn run_to(args: &NetworkArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let since = check_date("--since", &args.since)?;
    let until = check_date("--until", &args.until)?;
    let store = args.db.open_for_queries()?;
    let query = EventQuery {
        since: since.clone(),
        until,
        factual: args.factual,
        exclude_negated: true,
        include_duplicates: args.include_duplicates,
        ..EventQuery::default()
    };
    let events = store.events(&query)?;
    let mut network = analysis::network(&events, since.as_deref(), args.key.into());
    network.retain_min_events(args.min_events);
    match args.format {
        GraphFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &network.to_json())?;
            out.write_all(b"\n")?;
        }
        GraphFormat::Dot => out.write_all(network.to_dot().as_bytes())?,
        GraphFormat::Jsonl => {
            for edge in &network.edges {
                serde_json::to_writer(&mut *out, edge)?;
                out.write_all(b"\n")?;
            }
        }
        GraphFormat::Csv => {
            let mut writer = csv::Writer::from_writer(&mut *out);
            writer.write_record(EDGE_COLUMNS)?;
            for edge in &network.edges {
                writer.write_record(edge_cells(edge))?;
            }
            writer.flush()?;
        }
        GraphFormat::Table => {
            let rows: Vec<Vec<String>> = network.edges.iter().map(edge_cells).collect();
            super::write_table(out, EDGE_COLUMNS, &rows, false)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
