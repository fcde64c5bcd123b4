//! `detente alerts`: dyads whose conflict rises above their own baseline.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, ValueEnum};
use detente_analysis::{self as analysis, AlertParams, NodeKey};
use detente_store::EventQuery;

use super::trend::PeriodArg;
use super::{DbArg, check_date};
use crate::args::{ConfigArg, TableFormat, settings};
use crate::output::{clean, stdout};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KeyArg {
    /// Group actors by country (else org): RUSGOV and RUSMIL are RUS.
    Country,
    /// Keep full actor codes apart.
    Code,
}

impl From<KeyArg> for NodeKey {
    fn from(k: KeyArg) -> NodeKey {
        match k {
            KeyArg::Country => NodeKey::Country,
            KeyArg::Code => NodeKey::Code,
        }
    }
}

/// `detente alerts`.
#[derive(Args, Debug, Clone)]
pub struct AlertsArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Period length.
    #[arg(long, value_enum, default_value_t = PeriodArg::Week)]
    pub by: PeriodArg,
    /// Baseline: this many preceding periods.
    #[arg(long, default_value_t = 8, value_name = "PERIODS")]
    pub window: usize,
    /// Alert above baseline mean + K standard deviations.
    #[arg(long, short = 'k', default_value_t = 2.0, value_name = "K")]
    pub k: f64,
    /// The least conflict events a period needs to alert.
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub min_events: u32,
    /// Report periods from this date on (baselines still use older events).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// How actors are grouped into dyads.
    #[arg(long, value_enum, default_value_t = KeyArg::Country)]
    pub key: KeyArg,
    /// Only factual events.
    #[arg(long)]
    pub factual: bool,
    /// Count near-duplicate copies of a story too.
    #[arg(long)]
    pub include_duplicates: bool,
    /// Evidence events shown per alert in the table (jsonl has all of them).
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub evidence: usize,
    /// Output format [default: table on a terminal, jsonl otherwise].
    #[arg(long, short, value_enum)]
    pub format: Option<TableFormat>,
    #[command(flatten)]
    pub config: ConfigArg,
}

pub fn run(mut args: AlertsArgs) -> Result<ExitCode> {
    let settings = settings(&args.config, None, None, None)?;
    super::with_db(&mut args.db, &settings);
    run_to(&args, &mut stdout())
}

/// [`run`] writing to `out`.
pub fn run_to(args: &AlertsArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let format = TableFormat::resolve(args.format);
    let since = check_date("--since", &args.since)?;
    let store = args.db.open_for_queries()?;
    let query = EventQuery {
        factual: args.factual,
        exclude_negated: true,
        include_duplicates: args.include_duplicates,
        ..EventQuery::default()
    };
    let events = store.events(&query)?;
    let params = AlertParams {
        period: args.by.into(),
        window: args.window,
        k: args.k,
        min_events: args.min_events,
        since,
        key: args.key.into(),
    };
    let alerts = analysis::alerts(&events, &params);
    match format {
        TableFormat::Jsonl => {
            for a in &alerts {
                serde_json::to_writer(&mut *out, a)?;
                out.write_all(b"\n")?;
            }
        }
        TableFormat::Csv => {
            let mut writer = csv::Writer::from_writer(&mut *out);
            writer.write_record([
                "period",
                "a",
                "b",
                "material_conflict",
                "baseline_mean",
                "baseline_sd",
                "goldstein_sum",
                "reasons",
                "articles",
            ])?;
            for a in &alerts {
                let mut articles: Vec<&str> = a.evidence.iter().map(|e| e.article_id.as_str()).collect();
                articles.dedup();
                writer.write_record([
                    a.period.clone(),
                    a.dyad.0.clone(),
                    a.dyad.1.clone(),
                    a.material_conflict.to_string(),
                    format!("{:.2}", a.baseline_mean),
                    format!("{:.2}", a.baseline_sd),
                    format!("{:.1}", a.goldstein_sum),
                    a.reasons.join(" "),
                    articles.join(" "),
                ])?;
            }
            writer.flush()?;
        }
        TableFormat::Table => {
            for a in &alerts {
                writeln!(
                    out,
                    "{}  {}–{}: {} material-conflict events (baseline {:.1} ± {:.1}), Goldstein sum {:.1} \
                     (baseline {:.1} ± {:.1}) [{}]",
                    a.period,
                    clean(&a.dyad.0),
                    clean(&a.dyad.1),
                    a.material_conflict,
                    a.baseline_mean,
                    a.baseline_sd,
                    a.goldstein_sum,
                    a.goldstein_baseline_mean,
                    a.goldstein_baseline_sd,
                    a.reasons.join(", ")
                )?;
                for e in a.evidence.iter().take(args.evidence) {
                    writeln!(
                        out,
                        "    {} {} {}→{} {} {:+.1} “{}”",
                        clean(e.date.as_deref().unwrap_or("-")),
                        clean(&e.article_id),
                        clean(&e.source),
                        clean(&e.target),
                        clean(&e.code),
                        e.goldstein,
                        clean(&e.trigger)
                    )?;
                }
                if a.evidence.len() > args.evidence {
                    writeln!(
                        out,
                        "    … {} more events (--format jsonl)",
                        a.evidence.len() - args.evidence
                    )?;
                }
            }
        }
    }
    out.flush()?;
    if alerts.is_empty() {
        eprintln!("detente: no alerts ({} events looked at)", events.len());
    }
    Ok(ExitCode::SUCCESS)
}
