//! Arrow record batches of a table: the schema of its columns and a builder that appends rows.

use std::sync::Arc;

use arrow_array::builder::{BooleanBuilder, Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};

use crate::{Cell, Columns, Kind};

/// The Arrow type of a column kind, and whether it may be null.
pub fn data_type(kind: Kind) -> (DataType, bool) {
    match kind {
        Kind::Int => (DataType::Int64, true),
        Kind::Real => (DataType::Float64, true),
        Kind::Text => (DataType::Utf8, true),
        Kind::Bool => (DataType::Boolean, false),
    }
}

/// The schema of `columns` without the ones named in `leave_out` (the Parquet export leaves out `date`: it
/// is the partition directory).
pub fn schema(columns: Columns, leave_out: &[&str]) -> SchemaRef {
    let fields: Vec<Field> = columns
        .iter()
        .filter(|(name, _)| !leave_out.contains(name))
        .map(|(name, kind)| {
            let (data_type, nullable) = data_type(*kind);
            Field::new(*name, data_type, nullable)
        })
        .collect();
    Arc::new(Schema::new(fields))
}

enum ColumnBuilder {
    Int(Int64Builder),
    Real(Float64Builder),
    Text(StringBuilder),
    Bool(BooleanBuilder),
}

impl ColumnBuilder {
    fn new(kind: Kind) -> ColumnBuilder {
        match kind {
            Kind::Int => ColumnBuilder::Int(Int64Builder::new()),
            Kind::Real => ColumnBuilder::Real(Float64Builder::new()),
            Kind::Text => ColumnBuilder::Text(StringBuilder::new()),
            Kind::Bool => ColumnBuilder::Bool(BooleanBuilder::new()),
        }
    }

    fn append(&mut self, cell: Cell) {
        match (self, cell) {
            (ColumnBuilder::Int(b), Cell::Int(v)) => b.append_option(v),
            (ColumnBuilder::Real(b), Cell::Real(v)) => b.append_option(v),
            (ColumnBuilder::Text(b), Cell::Text(v)) => b.append_option(v),
            (ColumnBuilder::Text(b), Cell::Char(v)) => {
                let mut buf = [0; 4];
                b.append_option(v.map(|c| &*c.encode_utf8(&mut buf)))
            }
            (ColumnBuilder::Bool(b), Cell::Bool(v)) => b.append_value(v),
            (_, cell) => unreachable!("a table's cells disagree with its columns: {cell:?}"),
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            ColumnBuilder::Int(b) => Arc::new(b.finish()),
            ColumnBuilder::Real(b) => Arc::new(b.finish()),
            ColumnBuilder::Text(b) => Arc::new(b.finish()),
            ColumnBuilder::Bool(b) => Arc::new(b.finish()),
        }
    }
}

/// Appends rows of one table and hands them out as record batches.
pub struct BatchBuilder {
    schema: SchemaRef,
    /// For each column of the table, whether it is in the schema.
    kept: Vec<bool>,
    builders: Vec<ColumnBuilder>,
    rows: usize,
}

impl BatchBuilder {
    /// A builder of `columns` without those named in `leave_out`.
    pub fn new(columns: Columns, leave_out: &[&str]) -> BatchBuilder {
        let kept: Vec<bool> = columns.iter().map(|(name, _)| !leave_out.contains(name)).collect();
        BatchBuilder {
            schema: schema(columns, leave_out),
            builders: columns
                .iter()
                .zip(&kept)
                .filter(|(_, kept)| **kept)
                .map(|((_, kind), _)| ColumnBuilder::new(*kind))
                .collect(),
            kept,
            rows: 0,
        }
    }

    pub fn schema(&self) -> &SchemaRef {
        &self.schema
    }

    /// Appends one row: all the table's cells in column order (left-out columns are skipped here).
    pub fn push<'a>(&mut self, cells: impl IntoIterator<Item = Cell<'a>>) {
        let mut builders = self.builders.iter_mut();
        let mut count = 0;
        for (cell, kept) in cells.into_iter().zip(&self.kept) {
            count += 1;
            if *kept {
                builders.next().expect("one builder per kept column").append(cell);
            }
        }
        assert_eq!(count, self.kept.len(), "a row has one cell per column");
        self.rows += 1;
    }

    /// Rows appended since the last batch.
    pub fn len(&self) -> usize {
        self.rows
    }

    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// The rows appended since the last batch, as a batch; the builder starts over empty.
    pub fn finish(&mut self) -> Result<RecordBatch, ArrowError> {
        let columns: Vec<ArrayRef> = self.builders.iter_mut().map(ColumnBuilder::finish).collect();
        self.rows = 0;
        RecordBatch::try_new(self.schema.clone(), columns)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{EVENT_COLUMNS, MENTION_COLUMNS, QUOTE_COLUMNS, event_cells, event_rows, mention_cells, quote_cells};
    use arrow_array::{Array, BooleanArray, Int64Array, StringArray};

    #[test]
    fn event_batches_follow_the_columns_and_leave_out_the_partition() {
        let article = crate::fixture::coded();
        let mut builder = BatchBuilder::new(EVENT_COLUMNS, &["date"]);
        let coding = crate::Coding {
            coder_version: "1.0.0",
            dictionary_set: "builtin",
            goldstein_table: "gdelt",
        };
        for row in event_rows(&article, coding) {
            builder.push(event_cells(&row));
        }
        assert_eq!(builder.len(), 2);
        let batch = builder.finish().unwrap();
        assert!(builder.is_empty());
        assert_eq!(batch.num_rows(), 2);
        assert_eq!(batch.num_columns(), EVENT_COLUMNS.len() - 1);
        assert!(batch.schema().field_with_name("date").is_err());
        let trigger = batch.column_by_name("trigger_text").unwrap();
        let trigger = trigger.as_any().downcast_ref::<StringArray>().unwrap();
        assert_eq!(trigger.value(1), "shelled");
        let target = batch.column_by_name("target_code").unwrap();
        assert!(target.is_null(0));
        let negated = batch.column_by_name("negated").unwrap();
        let negated = negated.as_any().downcast_ref::<BooleanArray>().unwrap();
        assert!(!negated.value(0));
        assert!(!batch.schema().field_with_name("negated").unwrap().is_nullable());
    }

    #[test]
    fn quote_and_mention_batches_hold_every_row() {
        let article = crate::fixture::coded();
        let mut quotes = BatchBuilder::new(QUOTE_COLUMNS, &[]);
        quotes.push(quote_cells(&article, 0));
        let quotes = quotes.finish().unwrap();
        assert_eq!(quotes.num_columns(), QUOTE_COLUMNS.len());
        let end = quotes.column_by_name("end").unwrap();
        let end = end.as_any().downcast_ref::<Int64Array>().unwrap();
        assert_eq!(end.value(0) as usize, article.quotes[0].end);

        let mut mentions = BatchBuilder::new(MENTION_COLUMNS, &[]);
        for i in 0..article.mentions.len() {
            mentions.push(mention_cells(&article, i));
        }
        let mentions = mentions.finish().unwrap();
        let gender = mentions.column_by_name("gender").unwrap();
        let gender = gender.as_any().downcast_ref::<StringArray>().unwrap();
        assert!(gender.is_null(0));
        assert_eq!(gender.value(1), "f");
    }

    #[test]
    #[should_panic(expected = "one cell per column")]
    fn a_short_row_is_refused() {
        let mut builder = BatchBuilder::new(QUOTE_COLUMNS, &[]);
        builder.push([Cell::Int(Some(1))]);
    }
}
