//! Exports of events to files: CSV and Parquet with every field, the GDELT 2.0 event table, and an ICEWS-style
//! table. Every export writes under a temporary name and renames into place when complete, so a killed or
//! failed export leaves no partial output where the real one belongs, and a re-run just works. Every export
//! says how many events it left out, and why.

pub mod atomic;
pub mod columns;
pub mod gdelt;
pub mod icews;
#[cfg(feature = "parquet")]
mod parquet;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use serde::Serialize;

pub use columns::{Cell, EVENT_COLUMNS, Kind, event_cells};
pub use gdelt::GDELT_COLUMNS;

use crate::{Error, EventQuery, Result, Store};
use atomic::PartialFile;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Csv,
    Gdelt,
    Icews,
    Parquet,
}

impl std::str::FromStr for ExportFormat {
    type Err = Error;
    fn from_str(s: &str) -> Result<ExportFormat> {
        match s.to_ascii_lowercase().as_str() {
            "csv" => Ok(ExportFormat::Csv),
            "gdelt" | "tsv" => Ok(ExportFormat::Gdelt),
            "icews" => Ok(ExportFormat::Icews),
            "parquet" => Ok(ExportFormat::Parquet),
            other => Err(Error::Invalid(format!(
                "unknown export format {other:?}: use csv, gdelt, icews or parquet"
            ))),
        }
    }
}

/// How a Parquet export is split into folders (Hive style, read as columns by pandas, R, Spark, DuckDB).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PartitionBy {
    /// `year=2022/part-0.parquet`
    Year,
    /// `year=2022/month=03/part-0.parquet`
    #[default]
    Month,
    /// `year=2022/month=03/day=05/part-0.parquet`
    Day,
    /// One file: `events.parquet`.
    None,
}

/// Events an export left out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LeftOut {
    pub events: u64,
    pub reason: String,
}

impl LeftOut {
    pub fn new(events: u64, reason: impl Into<String>) -> LeftOut {
        LeftOut {
            events,
            reason: reason.into(),
        }
    }
}

/// What an export wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ExportSummary {
    /// Rows written (for GDELT: aggregated events).
    pub rows: usize,
    /// Coded events those rows hold (for GDELT: the mentions aggregated into them).
    pub events: u64,
    pub files: Vec<PathBuf>,
    pub left_out: Vec<LeftOut>,
    /// An incomplete export left by an interrupted run was removed first.
    pub removed_partial: bool,
}

/// How an export runs.
#[derive(Clone, Copy, Default)]
pub struct ExportOptions<'a> {
    pub partition_by: PartitionBy,
    /// Called with the number of events read so far (every few hundred events).
    pub progress: Option<&'a (dyn Fn(u64) + Sync)>,
    /// Set when the user interrupts: the export stops, removes its partial output and returns
    /// [`Error::Interrupted`].
    pub stop: Option<&'a AtomicBool>,
}

impl ExportOptions<'_> {
    fn check(&self, done: u64) -> Result<()> {
        if done.is_multiple_of(256)
            && let Some(progress) = self.progress
        {
            progress(done);
        }
        if self.stop.is_some_and(|s| s.load(Ordering::Relaxed)) {
            return Err(Error::Interrupted);
        }
        Ok(())
    }
}

impl Store {
    /// Writes the events matching `query` under `out` (a directory, created if needed): `events.csv`,
    /// `events.gdelt.tsv`, `events.icews.tsv`, or a Parquet dataset (see [`PartitionBy`]).
    pub fn export(&self, format: ExportFormat, out: &Path, query: &EventQuery) -> Result<ExportSummary> {
        self.export_with(format, out, query, &ExportOptions::default())
    }

    /// [`Store::export`] with options: partitions, progress, interruption.
    pub fn export_with(
        &self,
        format: ExportFormat,
        out: &Path,
        query: &EventQuery,
        options: &ExportOptions,
    ) -> Result<ExportSummary> {
        let mut summary = match format {
            ExportFormat::Csv => self.export_csv(out, query, options)?,
            ExportFormat::Gdelt => self.export_gdelt(out, query, options)?,
            ExportFormat::Icews => self.export_icews(out, query, options)?,
            ExportFormat::Parquet => self.export_parquet(out, query, options)?,
        };
        if !query.include_duplicates {
            let all = self.count_events(&EventQuery {
                include_duplicates: true,
                ..query.clone()
            })?;
            let first_copies = self.count_events(query)?;
            if all > first_copies {
                summary.left_out.push(LeftOut::new(
                    all - first_copies,
                    "in near-duplicate copies of stories already exported (--include-duplicates keeps them)",
                ));
            }
        }
        Ok(summary)
    }

    fn export_csv(&self, out: &Path, query: &EventQuery, options: &ExportOptions) -> Result<ExportSummary> {
        let mut file = PartialFile::create(out, "events.csv")?;
        let path = file.path().to_path_buf();
        let csv_error = |error| Error::Csv {
            path: path.clone(),
            error,
        };
        let rows = {
            let mut writer = csv::Writer::from_writer(file.writer());
            writer
                .write_record(EVENT_COLUMNS.iter().map(|(name, _)| *name))
                .map_err(csv_error)?;
            let mut done = 0;
            let rows = self.for_each_event(query, |row| {
                writer
                    .write_record(event_cells(&row).into_iter().map(Cell::to_text))
                    .map_err(csv_error)?;
                done += 1;
                options.check(done)
            })?;
            writer.flush().map_err(|e| Error::file(&path, e))?;
            rows
        };
        Ok(ExportSummary {
            rows,
            events: rows as u64,
            files: vec![file.commit()?],
            ..ExportSummary::default()
        })
    }

    fn export_gdelt(&self, out: &Path, query: &EventQuery, options: &ExportOptions) -> Result<ExportSummary> {
        let mut file = PartialFile::create(out, "events.gdelt.tsv")?;
        let path = file.path().to_path_buf();
        let mut table = gdelt::GdeltTable::new(crate::now_unix());
        let mut done = 0;
        self.for_each_event(query, |row| {
            table.add(&row);
            done += 1;
            options.check(done)
        })?;
        let (events, left_out) = (table.mentions(), table.left_out());
        let writer = file.writer();
        let rows = (|| {
            std::io::Write::write_all(writer, gdelt::header().as_bytes())?;
            table.write(writer)
        })()
        .map_err(|e| Error::file(&path, e))?;
        Ok(ExportSummary {
            rows,
            events,
            files: vec![file.commit()?],
            left_out,
            removed_partial: false,
        })
    }

    fn export_icews(&self, out: &Path, query: &EventQuery, options: &ExportOptions) -> Result<ExportSummary> {
        let mut file = PartialFile::create(out, "events.icews.tsv")?;
        let path = file.path().to_path_buf();
        let mut table = icews::IcewsTable::new();
        {
            let writer = file.writer();
            std::io::Write::write_all(writer, icews::header().as_bytes()).map_err(|e| Error::file(&path, e))?;
            let mut done = 0;
            self.for_each_event(query, |row| {
                table.add(&row, writer).map_err(|e| Error::file(&path, e))?;
                done += 1;
                options.check(done)
            })?;
        }
        Ok(ExportSummary {
            rows: table.rows,
            events: table.rows as u64,
            files: vec![file.commit()?],
            left_out: table.left_out(),
            removed_partial: false,
        })
    }

    #[cfg(not(feature = "parquet"))]
    fn export_parquet(&self, _out: &Path, _query: &EventQuery, _options: &ExportOptions) -> Result<ExportSummary> {
        Err(Error::Invalid(
            "this build of detente has no Parquet support (cargo feature `parquet`)".into(),
        ))
    }

    #[cfg(feature = "parquet")]
    fn export_parquet(&self, out: &Path, query: &EventQuery, options: &ExportOptions) -> Result<ExportSummary> {
        parquet::export(self, out, query, options)
    }
}
