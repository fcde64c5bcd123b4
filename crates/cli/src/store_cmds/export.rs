//! `detente export`: events to files, with a progress bar; says what it wrote and what it left out.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, ValueEnum};
use detente_store::{ExportFormat, ExportOptions, PartitionBy};

use super::{ActorResolver, DbArg, EventFilterArgs};
use crate::args::{ConfigArg, settings};
use crate::fail::Interrupted;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormatArg {
    /// Every field, Hive-partitioned Parquet (see --partition-by), with a `_detente_export.json` manifest.
    Parquet,
    /// Every field: DIR/events.csv.
    Csv,
    /// The GDELT 2.0 event table, aggregated per day as GDELT does: DIR/events.gdelt.tsv.
    Gdelt,
    /// The columns of the public ICEWS event files: DIR/events.icews.tsv.
    Icews,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PartitionArg {
    Year,
    Month,
    Day,
    /// One file: DIR/events.parquet.
    None,
}

/// `detente export`.
#[derive(Args, Debug, Clone)]
pub struct ExportArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Output format.
    #[arg(long, short, value_enum)]
    pub format: ExportFormatArg,
    /// Output folder (created if needed). Files appear whole when the export is complete; an earlier export
    /// there is replaced.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Parquet folders: year=YYYY[/month=MM[/day=DD]], or one file.
    #[arg(long, value_enum, default_value_t = PartitionArg::Month)]
    pub partition_by: PartitionArg,
    #[command(flatten)]
    pub filter: EventFilterArgs,
    #[command(flatten)]
    pub config: ConfigArg,
}

pub fn run(mut args: ExportArgs) -> Result<ExitCode> {
    if args.out.as_os_str() == "-" {
        return Err(crate::fail::usage(
            "--out -: an export writes files into a folder; for events on standard output use `detente events \
             --format csv` or `--format jsonl`",
        ));
    }
    let settings = settings(&args.config, None, None, None)?;
    super::with_db(&mut args.db, &settings);
    let format = match args.format {
        ExportFormatArg::Parquet => ExportFormat::Parquet,
        ExportFormatArg::Csv => ExportFormat::Csv,
        ExportFormatArg::Gdelt => ExportFormat::Gdelt,
        ExportFormatArg::Icews => ExportFormat::Icews,
    };
    if format != ExportFormat::Parquet && args.partition_by != PartitionArg::Month {
        return Err(crate::fail::usage("--partition-by applies to --format parquet"));
    }
    let partition_by = match args.partition_by {
        PartitionArg::Year => PartitionBy::Year,
        PartitionArg::Month => PartitionBy::Month,
        PartitionArg::Day => PartitionBy::Day,
        PartitionArg::None => PartitionBy::None,
    };
    let query = args.filter.to_query(&mut ActorResolver::new(&settings))?;
    let store = args.db.open_for_queries()?;
    let bar = crate::progress::count(store.count_events(&query)?, "events");
    let progress = |done: u64| bar.set_position(done);
    let options = ExportOptions {
        partition_by,
        progress: Some(&progress),
        stop: Some(crate::interrupt::flag()),
    };
    let result = store.export_with(format, &args.out, &query, &options);
    bar.finish_and_clear();
    let summary = match result {
        Err(detente_store::Error::Interrupted) => {
            eprintln!(
                "detente: interrupted: nothing was exported (the partial output was removed; an earlier export in {} \
                 is untouched)",
                args.out.display()
            );
            return Err(Interrupted.into());
        }
        other => other?,
    };
    if summary.removed_partial {
        eprintln!("detente: removed an incomplete export left by an interrupted run");
    }
    let files = summary.files.len();
    let rows = if format == ExportFormat::Gdelt {
        format!(
            "{} events (GDELT rows) from {} coded events",
            summary.rows, summary.events
        )
    } else {
        format!("{} events", summary.rows)
    };
    eprintln!(
        "detente: exported {rows} to {files} file{} under {}",
        if files == 1 { "" } else { "s" },
        args.out.display()
    );
    for left in &summary.left_out {
        eprintln!(
            "detente: left out {} event{}: {}",
            left.events,
            if left.events == 1 { "" } else { "s" },
            left.reason
        );
    }
    Ok(ExitCode::SUCCESS)
}
