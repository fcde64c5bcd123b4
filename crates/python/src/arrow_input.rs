//! Arrow rows to articles: each row is read as a JSON Lines record would be (`text` required; `id`, `title`,
//! `date`, `source`, `url` when their columns exist), so an Arrow table codes like the same rows as JSON Lines.

use arrow_array::cast::AsArray;
use arrow_array::temporal_conversions::{as_datetime, date32_to_datetime, date64_to_datetime};
use arrow_array::types::{
    Date32Type, Date64Type, Int8Type, Int16Type, Int32Type, Int64Type, TimestampMicrosecondType,
    TimestampMillisecondType, TimestampNanosecondType, TimestampSecondType, UInt8Type, UInt16Type, UInt32Type,
    UInt64Type,
};
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{DataType, TimeUnit};
use detente_records::Article;
use serde_json::{Map, Value};

/// Which input column holds each field. `None` = the field's own name, used when the input has it.
#[derive(Debug, Clone, Default)]
pub struct ColumnNames {
    pub text: Option<String>,
    pub id: Option<String>,
    pub title: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
}

impl ColumnNames {
    /// The `*_col` arguments of `code_arrow` and `code_tables`.
    pub fn new(
        text: Option<String>,
        id: Option<String>,
        title: Option<String>,
        date: Option<String>,
        source: Option<String>,
        url: Option<String>,
    ) -> ColumnNames {
        ColumnNames {
            text,
            id,
            title,
            date,
            source,
            url,
        }
    }
}

/// The input's columns for the article fields, found once per batch.
struct Fields {
    text: ArrayRef,
    /// `(field, column)` of the metadata present in the input.
    metadata: Vec<(&'static str, ArrayRef)>,
}

impl ColumnNames {
    fn find(&self, batch: &RecordBatch) -> Result<Fields, String> {
        let schema = batch.schema();
        let names = || {
            schema
                .fields()
                .iter()
                .map(|f| f.name().as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let column = |field: &str, chosen: &Option<String>| -> Result<Option<ArrayRef>, String> {
            let name = chosen.as_deref().unwrap_or(field);
            match batch.column_by_name(name) {
                Some(array) => {
                    check_type(name, array.data_type(), field)?;
                    Ok(Some(array.clone()))
                }
                // A column the caller named must exist; a default name is optional (but `text` is not).
                None if chosen.is_some() || field == "text" => Err(format!(
                    "the input has no column {name:?} for the article {field} (columns: {})",
                    names()
                )),
                None => Ok(None),
            }
        };
        let text = column("text", &self.text)?.expect("required above");
        let mut metadata = Vec::new();
        for (field, chosen) in [
            ("id", &self.id),
            ("title", &self.title),
            ("date", &self.date),
            ("source", &self.source),
            ("url", &self.url),
        ] {
            if let Some(array) = column(field, chosen)? {
                metadata.push((field, array));
            }
        }
        Ok(Fields { text, metadata })
    }
}

fn check_type(column: &str, data_type: &DataType, field: &str) -> Result<(), String> {
    let ok = match data_type {
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View | DataType::Null => true,
        DataType::Binary | DataType::LargeBinary | DataType::BinaryView => true,
        DataType::Int8 | DataType::Int16 | DataType::Int32 | DataType::Int64 => field != "text",
        DataType::UInt8 | DataType::UInt16 | DataType::UInt32 | DataType::UInt64 => field != "text",
        DataType::Date32 | DataType::Date64 | DataType::Timestamp(_, _) => field == "date",
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "column {column:?} (the article {field}) has type {data_type}: expected {}",
            match field {
                "text" => "strings",
                "date" => "strings, dates or timestamps",
                _ => "strings or integers",
            }
        ))
    }
}

/// A cell as the JSON value a record would hold: None for null.
fn cell(array: &dyn Array, row: usize) -> Result<Option<Value>, String> {
    if array.is_null(row) {
        return Ok(None);
    }
    let text = |s: &str| Ok(Some(Value::String(s.to_string())));
    let bytes = |b: &[u8]| match std::str::from_utf8(b) {
        Ok(s) => text(s),
        Err(e) => Err(format!(
            "is not valid UTF-8: invalid byte at offset {}",
            e.valid_up_to()
        )),
    };
    let day = |d: Option<chrono::NaiveDateTime>| match d {
        Some(d) => text(&d.format("%Y-%m-%d").to_string()),
        None => Ok(None),
    };
    let int = |n: i128| Ok(Some(Value::String(n.to_string())));
    match array.data_type() {
        DataType::Utf8 => text(array.as_string::<i32>().value(row)),
        DataType::LargeUtf8 => text(array.as_string::<i64>().value(row)),
        DataType::Utf8View => text(array.as_string_view().value(row)),
        DataType::Binary => bytes(array.as_binary::<i32>().value(row)),
        DataType::LargeBinary => bytes(array.as_binary::<i64>().value(row)),
        DataType::BinaryView => bytes(array.as_binary_view().value(row)),
        DataType::Int8 => int(array.as_primitive::<Int8Type>().value(row).into()),
        DataType::Int16 => int(array.as_primitive::<Int16Type>().value(row).into()),
        DataType::Int32 => int(array.as_primitive::<Int32Type>().value(row).into()),
        DataType::Int64 => int(array.as_primitive::<Int64Type>().value(row).into()),
        DataType::UInt8 => int(array.as_primitive::<UInt8Type>().value(row).into()),
        DataType::UInt16 => int(array.as_primitive::<UInt16Type>().value(row).into()),
        DataType::UInt32 => int(array.as_primitive::<UInt32Type>().value(row).into()),
        DataType::UInt64 => int(array.as_primitive::<UInt64Type>().value(row).into()),
        DataType::Date32 => day(date32_to_datetime(array.as_primitive::<Date32Type>().value(row))),
        DataType::Date64 => day(date64_to_datetime(array.as_primitive::<Date64Type>().value(row))),
        // The day of the timestamp as stored (UTC for zoned timestamps).
        DataType::Timestamp(unit, _) => day(match unit {
            TimeUnit::Second => {
                as_datetime::<TimestampSecondType>(array.as_primitive::<TimestampSecondType>().value(row))
            }
            TimeUnit::Millisecond => {
                as_datetime::<TimestampMillisecondType>(array.as_primitive::<TimestampMillisecondType>().value(row))
            }
            TimeUnit::Microsecond => {
                as_datetime::<TimestampMicrosecondType>(array.as_primitive::<TimestampMicrosecondType>().value(row))
            }
            TimeUnit::Nanosecond => {
                as_datetime::<TimestampNanosecondType>(array.as_primitive::<TimestampNanosecondType>().value(row))
            }
        }),
        DataType::Null => Ok(None),
        other => Err(format!("has type {other}")),
    }
}

/// A row read as an article (or why it is not one), with the row's id when it has one.
pub type Row = (Result<Article, String>, Option<String>);

/// One article per row of `batch` (or why the row is not one), and each row's id when it has one (for
/// error messages). A missing or mistyped column is an error for the whole batch.
pub fn articles(batch: &RecordBatch, names: &ColumnNames) -> Result<Vec<Row>, String> {
    let fields = names.find(batch)?;
    let id_column = fields.metadata.iter().find(|(f, _)| *f == "id").map(|(_, a)| a.clone());
    Ok((0..batch.num_rows())
        .map(|row| {
            let id = id_column
                .as_ref()
                .and_then(|a| cell(a.as_ref(), row).ok().flatten())
                .and_then(|v| match v {
                    Value::String(s) => Some(s),
                    _ => None,
                });
            (article(&fields, row), id)
        })
        .collect())
}

fn article(fields: &Fields, row: usize) -> Result<Article, String> {
    let mut record = Map::new();
    match cell(fields.text.as_ref(), row).map_err(|why| format!("\"text\" {why}"))? {
        Some(text) => record.insert("text".into(), text),
        None => return Err("\"text\" is null".into()),
    };
    for (field, array) in &fields.metadata {
        if let Some(value) = cell(array.as_ref(), row).map_err(|why| format!("\"{field}\" {why}"))? {
            record.insert((*field).into(), value);
        }
    }
    // A date that cannot be read leaves the article undated, as in the CLI (which also warns).
    detente_ingest::article_from_object(record, detente_ingest::DateOrder::default()).map(|(article, _)| article)
}
