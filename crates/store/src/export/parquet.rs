//! Parquet: the events with every column, in Hive-style partitions by year, month or day (or one file),
//! written in row groups large enough for fast scans by pandas, R, Spark and DuckDB.

use std::fs::File;
use std::path::{Path, PathBuf};

use arrow_schema::SchemaRef;
use chrono::NaiveDate;
use detente_analysis::EventRow;
use detente_tables::arrow::BatchBuilder;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use super::atomic::PartialDir;
use super::{EVENT_COLUMNS, ExportOptions, ExportSummary, PartitionBy, event_cells};
use crate::{Error, EventQuery, Result, Store};

/// Rows handed to the writer at a time.
const BATCH_ROWS: usize = 8192;
/// Rows per row group: big enough that readers scan few groups, small enough to stream.
pub const ROW_GROUP_ROWS: usize = 128 * 1024;

/// Hive's name of the partition of missing values (read back as NULL).
const NULL_PARTITION: &str = "__HIVE_DEFAULT_PARTITION__";

/// The partition folder of a date (relative; empty for [`PartitionBy::None`]).
pub fn partition_dir(date: Option<&str>, by: PartitionBy) -> String {
    let date = date.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let parts: Vec<(&str, String)> = match (by, date) {
        (PartitionBy::None, _) => vec![],
        (_, Some(d)) => {
            let all = [
                ("year", d.format("%Y").to_string()),
                ("month", d.format("%m").to_string()),
                ("day", d.format("%d").to_string()),
            ];
            let n = match by {
                PartitionBy::Year => 1,
                PartitionBy::Month => 2,
                _ => 3,
            };
            all.into_iter().take(n).collect()
        }
        (by, None) => {
            let n = match by {
                PartitionBy::Year => 1,
                PartitionBy::Month => 2,
                _ => 3,
            };
            ["year", "month", "day"]
                .into_iter()
                .take(n)
                .map(|k| (k, NULL_PARTITION.to_string()))
                .collect()
        }
    };
    parts
        .into_iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("/")
}

struct Partition {
    dir: String,
    path: PathBuf,
    writer: ArrowWriter<File>,
    rows: BatchBuilder,
}

impl Partition {
    fn flush(&mut self) -> Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let batch = self.rows.finish()?;
        self.writer.write(&batch).map_err(|error| Error::Parquet {
            path: self.path.clone(),
            error,
        })?;
        Ok(())
    }

    fn close(mut self) -> Result<()> {
        self.flush()?;
        self.writer.close().map_err(|error| Error::Parquet {
            path: self.path.clone(),
            error,
        })?;
        Ok(())
    }
}

struct Writer<'a> {
    root: &'a Path,
    by: PartitionBy,
    schema: SchemaRef,
    props: WriterProperties,
    current: Option<Partition>,
    summary: ExportSummary,
}

impl Writer<'_> {
    fn write(&mut self, row: &EventRow) -> Result<()> {
        let dir = partition_dir(row.date.as_deref(), self.by);
        if self.current.as_ref().is_none_or(|p| p.dir != dir) {
            if let Some(done) = self.current.take() {
                done.close()?;
            }
            let folder = self.root.join(&dir);
            std::fs::create_dir_all(&folder).map_err(|e| Error::file(&folder, e))?;
            let name = if self.by == PartitionBy::None {
                "events.parquet"
            } else {
                "part-0.parquet"
            };
            let path = folder.join(name);
            let file = File::create(&path).map_err(|e| Error::file(&path, e))?;
            let writer =
                ArrowWriter::try_new(file, self.schema.clone(), Some(self.props.clone())).map_err(|error| {
                    Error::Parquet {
                        path: path.clone(),
                        error,
                    }
                })?;
            self.summary.files.push(PathBuf::from(&dir).join(name));
            self.current = Some(Partition {
                dir,
                path,
                writer,
                rows: BatchBuilder::new(EVENT_COLUMNS, &[]),
            });
        }
        let partition = self.current.as_mut().expect("set above");
        partition.rows.push(event_cells(row));
        self.summary.rows += 1;
        if partition.rows.len() >= BATCH_ROWS {
            partition.flush()?;
        }
        Ok(())
    }
}

pub fn export(store: &Store, out: &Path, query: &EventQuery, options: &ExportOptions) -> Result<ExportSummary> {
    let partial = PartialDir::create(out)?;
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
        .set_created_by(format!("detente {}", env!("CARGO_PKG_VERSION")))
        .build();
    let mut writer = Writer {
        root: partial.dir(),
        by: options.partition_by,
        schema: BatchBuilder::new(EVENT_COLUMNS, &[]).schema().clone(),
        props,
        current: None,
        summary: ExportSummary {
            removed_partial: partial.removed_stale,
            ..ExportSummary::default()
        },
    };
    // Rows come in date order, so each partition is written in one go; dates that are not YYYY-MM-DD sort
    // apart but share the null partition, which is therefore written at the end.
    let mut undated: Vec<EventRow> = Vec::new();
    let mut done = 0;
    store.for_each_event(query, |row| {
        let dated = row
            .date
            .as_deref()
            .is_some_and(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok());
        if dated || options.partition_by == PartitionBy::None {
            writer.write(&row)?;
        } else {
            undated.push(row);
        }
        done += 1;
        options.check(done)
    })?;
    for row in &undated {
        writer.write(row)?;
    }
    if let Some(last) = writer.current.take() {
        last.close()?;
    }
    let mut summary = writer.summary;
    summary.events = summary.rows as u64;
    let manifest = serde_json::json!({
        "format": "parquet",
        "partition_by": options.partition_by,
        "rows": summary.rows,
        "files": summary.files,
        "query": query,
        "detente": env!("CARGO_PKG_VERSION"),
        "exported_at": crate::now_unix(),
    });
    partial.commit(&manifest)?;
    summary.files = summary.files.iter().map(|f| out.join(f)).collect();
    Ok(summary)
}
