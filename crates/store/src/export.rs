//! Exports of events: CSV, a GDELT 2.0-style event table (TSV), and Parquet in Hive-style date partitions
//! (`date=YYYY-MM-DD/part-0.parquet`, behind the `parquet` feature).

use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, NaiveDate};
use detente_analysis::EventRow;
use serde::Serialize;

use crate::{Error, EventQuery, Result, Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Csv,
    Gdelt,
    Parquet,
}

impl std::str::FromStr for ExportFormat {
    type Err = Error;
    fn from_str(s: &str) -> Result<ExportFormat> {
        match s.to_ascii_lowercase().as_str() {
            "csv" => Ok(ExportFormat::Csv),
            "gdelt" | "tsv" => Ok(ExportFormat::Gdelt),
            "parquet" => Ok(ExportFormat::Parquet),
            other => Err(Error::Invalid(format!(
                "unknown export format {other:?}: use csv, gdelt or parquet"
            ))),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ExportSummary {
    pub rows: usize,
    pub files: Vec<PathBuf>,
}

/// The type of an exported column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Int,
    Real,
    Text,
    Bool,
}

/// A value of one exported column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    Int(Option<i64>),
    Real(Option<f64>),
    Text(Option<&'a str>),
    Bool(bool),
}

impl Cell<'_> {
    pub fn to_text(self) -> String {
        match self {
            Cell::Int(v) => v.map(|v| v.to_string()).unwrap_or_default(),
            Cell::Real(v) => v.map(|v| v.to_string()).unwrap_or_default(),
            Cell::Text(v) => v.unwrap_or_default().to_string(),
            Cell::Bool(v) => if v { "true" } else { "false" }.to_string(),
        }
    }
}

/// The columns of the CSV and Parquet exports, in order (Parquet leaves out `date`: it is the partition).
pub const EVENT_COLUMNS: &[(&str, Kind)] = &[
    ("event_id", Kind::Int),
    ("article_id", Kind::Text),
    ("date", Kind::Text),
    ("publisher", Kind::Text),
    ("url", Kind::Text),
    ("duplicate_of", Kind::Text),
    ("sentence", Kind::Int),
    ("paragraph", Kind::Int),
    ("source_code", Kind::Text),
    ("source_country", Kind::Text),
    ("source_org", Kind::Text),
    ("source_role", Kind::Text),
    ("source_name", Kind::Text),
    ("target_code", Kind::Text),
    ("target_country", Kind::Text),
    ("target_org", Kind::Text),
    ("target_role", Kind::Text),
    ("target_name", Kind::Text),
    ("code", Kind::Text),
    ("root", Kind::Text),
    ("name", Kind::Text),
    ("goldstein", Kind::Real),
    ("quad_class", Kind::Int),
    ("plover", Kind::Text),
    ("negated", Kind::Bool),
    ("factual", Kind::Bool),
    ("quote", Kind::Int),
    ("location_name", Kind::Text),
    ("location_country", Kind::Text),
    ("location_lat", Kind::Real),
    ("location_lon", Kind::Real),
    ("location_admin1", Kind::Text),
    ("location_kind", Kind::Text),
    ("location_via", Kind::Text),
    ("trigger_start", Kind::Int),
    ("trigger_end", Kind::Int),
    ("trigger_text", Kind::Text),
    ("rule", Kind::Text),
    ("coder_version", Kind::Text),
    ("dictionary_set", Kind::Text),
];

/// An event's values in [`EVENT_COLUMNS`] order.
pub fn event_cells(e: &EventRow) -> Vec<Cell<'_>> {
    let target = e.target.as_ref();
    let location = e.location.as_ref();
    vec![
        Cell::Int(Some(e.event_id)),
        Cell::Text(Some(&e.article_id)),
        Cell::Text(e.date.as_deref()),
        Cell::Text(e.publisher.as_deref()),
        Cell::Text(e.url.as_deref()),
        Cell::Text(e.duplicate_of.as_deref()),
        Cell::Int(Some(e.sentence as i64)),
        Cell::Int(e.paragraph.map(|p| p as i64)),
        Cell::Text(Some(&e.source.code)),
        Cell::Text(e.source.country.as_deref()),
        Cell::Text(e.source.org.as_deref()),
        Cell::Text(e.source.role.as_deref()),
        Cell::Text(e.source.name.as_deref()),
        Cell::Text(target.map(|t| t.code.as_str())),
        Cell::Text(target.and_then(|t| t.country.as_deref())),
        Cell::Text(target.and_then(|t| t.org.as_deref())),
        Cell::Text(target.and_then(|t| t.role.as_deref())),
        Cell::Text(target.and_then(|t| t.name.as_deref())),
        Cell::Text(Some(&e.code)),
        Cell::Text(Some(&e.root)),
        Cell::Text(Some(&e.name)),
        Cell::Real(Some(e.goldstein)),
        Cell::Int(Some(i64::from(e.quad_class))),
        Cell::Text(e.plover.as_deref()),
        Cell::Bool(e.negated),
        Cell::Bool(e.factual),
        Cell::Int(e.quote.map(|q| q as i64)),
        Cell::Text(location.map(|l| l.name.as_str())),
        Cell::Text(location.and_then(|l| l.country.as_deref())),
        Cell::Real(location.and_then(|l| l.lat)),
        Cell::Real(location.and_then(|l| l.lon)),
        Cell::Text(location.and_then(|l| l.admin1.as_deref())),
        Cell::Text(location.map(|l| l.kind.as_str())),
        Cell::Text(location.map(|l| l.via.as_str())),
        Cell::Int(Some(e.trigger.start as i64)),
        Cell::Int(Some(e.trigger.end as i64)),
        Cell::Text(Some(&e.trigger.text)),
        Cell::Text(Some(&e.rule)),
        Cell::Text(Some(&e.coder_version)),
        Cell::Text(Some(&e.dictionary_set)),
    ]
}

/// The GDELT 2.0 event table's 61 columns, in its order. Columns detente cannot fill stay empty: ethnic and
/// religion codes, ADM2 codes, AvgTone; NumMentions/NumSources/NumArticles are 1 (one coded mention).
pub const GDELT_COLUMNS: &[&str] = &[
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

fn gdelt_actor(actor: Option<&detente_records::Actor>) -> [String; 10] {
    let Some(a) = actor else { return Default::default() };
    let name = a
        .name
        .as_deref()
        .or(a.country.as_deref())
        .or(a.org.as_deref())
        .unwrap_or(&a.code);
    [
        a.code.clone(),
        name.to_uppercase(),
        a.country.clone().unwrap_or_default(),
        a.org.clone().unwrap_or_default(),
        String::new(),
        String::new(),
        String::new(),
        a.role.clone().unwrap_or_default(),
        String::new(),
        String::new(),
    ]
}

/// One GDELT 2.0-style row. Actor country codes are CAMEO's ISO 3166 alpha-3, as in GDELT; the geography
/// columns use FIPS 10-4 country codes, as GDELT's do.
pub fn gdelt_row(e: &EventRow, ingested_at: Option<i64>) -> Vec<String> {
    let date = e
        .date
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let mut row = Vec::with_capacity(GDELT_COLUMNS.len());
    row.push(e.event_id.to_string());
    match date {
        Some(d) => {
            row.push(d.format("%Y%m%d").to_string());
            row.push(d.format("%Y%m").to_string());
            row.push(d.year().to_string());
            let days = if d.leap_year() { 366.0 } else { 365.0 };
            row.push(format!("{:.4}", f64::from(d.year()) + f64::from(d.ordinal()) / days));
        }
        None => row.extend(std::iter::repeat_n(String::new(), 4)),
    }
    row.extend(gdelt_actor(Some(&e.source)));
    row.extend(gdelt_actor(e.target.as_ref()));
    // GDELT's "root event": in the lead paragraph of the article.
    row.push(
        if e.paragraph.unwrap_or(usize::MAX) == 0 || e.sentence == 0 {
            "1"
        } else {
            "0"
        }
        .into(),
    );
    row.push(e.code.clone());
    row.push(e.code.chars().take(3).collect());
    row.push(e.root.clone());
    row.push(e.quad_class.to_string());
    row.push(format!("{:.1}", e.goldstein));
    row.extend(["1", "1", "1", ""].map(String::from));
    // Actor1Geo_*, Actor2Geo_*, ActionGeo_*: FIPS 10-4 country codes and GDELT geo types.
    row.extend(detente_records::geo::gdelt_event_geo(
        e.source.country.as_deref(),
        e.target.as_ref().and_then(|t| t.country.as_deref()),
        e.location.as_ref(),
    ));
    row.push(
        ingested_at
            .and_then(|t| DateTime::from_timestamp(t, 0))
            .map(|t| t.format("%Y%m%d%H%M%S").to_string())
            .unwrap_or_default(),
    );
    row.push(e.url.clone().unwrap_or_default());
    debug_assert_eq!(row.len(), GDELT_COLUMNS.len());
    row
}

/// The Hive partition directory of a date; dates that are not `YYYY-MM-DD` go to Hive's null partition
/// (read back as NULL by pyarrow, DuckDB, Spark).
pub fn partition_dir(date: Option<&str>) -> String {
    match date.filter(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok()) {
        Some(d) => format!("date={d}"),
        None => "date=__HIVE_DEFAULT_PARTITION__".into(),
    }
}

impl Store {
    fn ingest_times(&self) -> Result<std::collections::HashMap<String, i64>> {
        let mut stmt = self.conn.prepare("SELECT id, ingested_at FROM articles")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Writes the events matching `query` to `out` (a directory, created if needed):
    /// `events.csv`, `events.gdelt.tsv` (negated events left out: they did not happen), or
    /// `date=YYYY-MM-DD/part-0.parquet` partitions.
    pub fn export(&self, format: ExportFormat, out: &Path, query: &EventQuery) -> Result<ExportSummary> {
        std::fs::create_dir_all(out)?;
        match format {
            ExportFormat::Csv => {
                let path = out.join("events.csv");
                let mut writer = csv::Writer::from_path(&path)?;
                writer.write_record(EVENT_COLUMNS.iter().map(|(name, _)| *name))?;
                let rows = self.for_each_event(query, |row| {
                    writer.write_record(event_cells(&row).into_iter().map(Cell::to_text))?;
                    Ok(())
                })?;
                writer.flush()?;
                Ok(ExportSummary {
                    rows,
                    files: vec![path],
                })
            }
            ExportFormat::Gdelt => {
                let path = out.join("events.gdelt.tsv");
                let mut writer = csv::WriterBuilder::new()
                    .delimiter(b'\t')
                    .quote_style(csv::QuoteStyle::Never)
                    .from_path(&path)?;
                writer.write_record(GDELT_COLUMNS)?;
                let times = self.ingest_times()?;
                let query = EventQuery {
                    exclude_negated: true,
                    ..query.clone()
                };
                let rows = self.for_each_event(&query, |row| {
                    // TSV has no quoting: tabs and line breaks inside a field would break the row.
                    let fields = gdelt_row(&row, times.get(&row.article_id).copied())
                        .into_iter()
                        .map(|f| f.replace(['\t', '\n', '\r'], " "));
                    writer.write_record(fields)?;
                    Ok(())
                })?;
                writer.flush()?;
                Ok(ExportSummary {
                    rows,
                    files: vec![path],
                })
            }
            ExportFormat::Parquet => self.export_parquet(out, query),
        }
    }

    #[cfg(not(feature = "parquet"))]
    fn export_parquet(&self, _out: &Path, _query: &EventQuery) -> Result<ExportSummary> {
        Err(Error::Invalid(
            "this build of detente has no Parquet support (cargo feature `parquet`)".into(),
        ))
    }

    #[cfg(feature = "parquet")]
    fn export_parquet(&self, out: &Path, query: &EventQuery) -> Result<ExportSummary> {
        parquet_export::export(self, out, query)
    }
}

#[cfg(feature = "parquet")]
mod parquet_export {
    use std::fs::File;
    use std::path::Path;
    use std::sync::Arc;

    use arrow_array::builder::{BooleanBuilder, Float64Builder, Int64Builder, StringBuilder};
    use arrow_array::{ArrayRef, RecordBatch};
    use arrow_schema::{DataType, Field, Schema, SchemaRef};
    use parquet::arrow::ArrowWriter;
    use parquet::basic::Compression;
    use parquet::file::properties::WriterProperties;

    use super::{Cell, EVENT_COLUMNS, ExportSummary, Kind, event_cells, partition_dir};
    use crate::{Error, EventQuery, Result, Store};

    const BATCH_ROWS: usize = 8192;

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

    /// The date column is the partition: it is not repeated in the files.
    const DATE_COLUMN: usize = 2;

    fn schema() -> SchemaRef {
        let fields: Vec<Field> = EVENT_COLUMNS
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != DATE_COLUMN)
            .map(|(_, (name, kind))| {
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

    struct Partition {
        dir: String,
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
            self.writer.write(&RecordBatch::try_new(schema.clone(), columns)?)?;
            self.pending = 0;
            Ok(())
        }
    }

    pub fn export(store: &Store, out: &Path, query: &EventQuery) -> Result<ExportSummary> {
        // A partition left from an earlier export would be read as part of this one.
        for entry in std::fs::read_dir(out)? {
            let name = entry?.file_name();
            if name.to_string_lossy().starts_with("date=") {
                return Err(Error::Invalid(format!(
                    "{} already holds a partitioned export ({}): remove it or choose another --out",
                    out.display(),
                    name.to_string_lossy()
                )));
            }
        }
        let schema = schema();
        let props = WriterProperties::builder().set_compression(Compression::SNAPPY).build();
        let mut summary = ExportSummary::default();
        let mut current: Option<Partition> = None;
        let mut done: Vec<String> = Vec::new();
        // Rows come in date order, so each partition is written in one go; dates that are not YYYY-MM-DD
        // sort apart but share the null partition, which is therefore collected at the end.
        let mut unknown: Vec<detente_analysis::EventRow> = Vec::new();
        let mut write_row = |row: &detente_analysis::EventRow,
                             current: &mut Option<Partition>,
                             summary: &mut ExportSummary|
         -> Result<()> {
            let dir = partition_dir(row.date.as_deref());
            if current.as_ref().is_none_or(|p| p.dir != dir) {
                if let Some(mut done_partition) = current.take() {
                    done_partition.flush(&schema)?;
                    done_partition.writer.close()?;
                    done.push(done_partition.dir);
                }
                debug_assert!(!done.contains(&dir));
                std::fs::create_dir_all(out.join(&dir))?;
                let path = out.join(&dir).join("part-0.parquet");
                let file = File::create(&path)?;
                summary.files.push(path);
                *current = Some(Partition {
                    writer: ArrowWriter::try_new(file, schema.clone(), Some(props.clone()))?,
                    builders: EVENT_COLUMNS
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| *i != DATE_COLUMN)
                        .map(|(_, (_, kind))| Builder::new(*kind))
                        .collect(),
                    pending: 0,
                    dir,
                });
            }
            let partition = current.as_mut().expect("set above");
            let cells = event_cells(row);
            for (builder, cell) in partition.builders.iter_mut().zip(
                cells
                    .into_iter()
                    .enumerate()
                    .filter(|(i, _)| *i != DATE_COLUMN)
                    .map(|(_, c)| c),
            ) {
                builder.append(cell);
            }
            partition.pending += 1;
            summary.rows += 1;
            if partition.pending >= BATCH_ROWS {
                partition.flush(&schema)?;
            }
            Ok(())
        };
        store.for_each_event(query, |row| {
            if partition_dir(row.date.as_deref()).ends_with("__HIVE_DEFAULT_PARTITION__") {
                unknown.push(row);
                Ok(())
            } else {
                write_row(&row, &mut current, &mut summary)
            }
        })?;
        for row in &unknown {
            write_row(row, &mut current, &mut summary)?;
        }
        if let Some(mut partition) = current.take() {
            partition.flush(&schema)?;
            partition.writer.close()?;
        }
        Ok(summary)
    }
}
