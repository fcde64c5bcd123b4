//! Parquet: the events with every column, in Hive-style partitions by year, month or day (or one file),
//! written in row groups large enough for fast scans by pandas, R, Spark and DuckDB.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::builder::{BooleanBuilder, Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use chrono::NaiveDate;
use detente_analysis::EventRow;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use super::atomic::PartialDir;
use super::{Cell, EVENT_COLUMNS, ExportOptions, ExportSummary, Kind, PartitionBy, event_cells};
use crate::{Error, EventQuery, Result, Store};

/// Rows handed to the writer at a time.
const BATCH_ROWS: usize = 8192;
/// Rows per row group: big enough that readers scan few groups, small enough to stream.
pub const ROW_GROUP_ROWS: usize = 128 * 1024;

/// Hive's name of the partition of missing values (read back as NULL).
const NULL_PARTITION: &str = "__HIVE_DEFAULT_PARTITION__";

enum Builder {
    Int(Int64Builder),
    Real(Float64Builder),
    Text(StringBuilder),
    Bool(BooleanBuilder),
}

impl Builder {
    fn new(kind: Kind) -> Builder {
        match kind {
            Kind::Int => Builder::Int(Int64Builder::new()),
            Kind::Real => Builder::Real(Float64Builder::new()),
            Kind::Text => Builder::Text(StringBuilder::new()),
            Kind::Bool => Builder::Bool(BooleanBuilder::new()),
        }
    }

    fn append(&mut self, cell: Cell) {
        match (self, cell) {
            (Builder::Int(b), Cell::Int(v)) => b.append_option(v),
            (Builder::Real(b), Cell::Real(v)) => b.append_option(v),
            (Builder::Text(b), Cell::Text(v)) => b.append_option(v),
            (Builder::Bool(b), Cell::Bool(v)) => b.append_value(v),
            _ => unreachable!("EVENT_COLUMNS and event_cells disagree"),
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Builder::Int(b) => Arc::new(b.finish()),
            Builder::Real(b) => Arc::new(b.finish()),
            Builder::Text(b) => Arc::new(b.finish()),
            Builder::Bool(b) => Arc::new(b.finish()),
        }
    }
}

fn schema() -> SchemaRef {
    let fields: Vec<Field> = EVENT_COLUMNS
        .iter()
        .map(|(name, kind)| {
            let (data_type, nullable) = match kind {
                Kind::Int => (DataType::Int64, true),
                Kind::Real => (DataType::Float64, true),
                Kind::Text => (DataType::Utf8, true),
                Kind::Bool => (DataType::Boolean, false),
            };
            Field::new(*name, data_type, nullable)
        })
        .collect();
    Arc::new(Schema::new(fields))
}

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
    builders: Vec<Builder>,
    pending: usize,
}

impl Partition {
    fn flush(&mut self, schema: &SchemaRef) -> Result<()> {
        if self.pending == 0 {
            return Ok(());
        }
        let columns: Vec<ArrayRef> = self.builders.iter_mut().map(Builder::finish).collect();
        let batch = RecordBatch::try_new(schema.clone(), columns)?;
        self.writer.write(&batch).map_err(|error| Error::Parquet {
            path: self.path.clone(),
            error,
        })?;
        self.pending = 0;
        Ok(())
    }

    fn close(mut self, schema: &SchemaRef) -> Result<()> {
        self.flush(schema)?;
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
                done.close(&self.schema)?;
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
                builders: EVENT_COLUMNS.iter().map(|(_, kind)| Builder::new(*kind)).collect(),
                pending: 0,
            });
        }
        let partition = self.current.as_mut().expect("set above");
        for (builder, cell) in partition.builders.iter_mut().zip(event_cells(row)) {
            builder.append(cell);
        }
        partition.pending += 1;
        self.summary.rows += 1;
        if partition.pending >= BATCH_ROWS {
            partition.flush(&self.schema)?;
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
        schema: schema(),
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
        last.close(&writer.schema)?;
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
