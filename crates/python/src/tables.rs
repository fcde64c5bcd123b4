//! `code_arrow`/`code_tables`: Arrow rows in, Arrow tables of events, quotes and mentions out, built with
//! the same column definitions as the store's Parquet export (`detente-tables`).

use arrow_array::RecordBatch;
use arrow_pyarrow::FromPyArrow;
use detente_coder::Coder;
use detente_records::CodedArticle;
use detente_tables::arrow::BatchBuilder;
use detente_tables::{Cell, Columns, Kind};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;

use crate::arrow_input::{self, ColumnNames};
use crate::coding::code_all;
use crate::errors::ArticleProblem;
use crate::input::type_name;

/// The table of bad input rows in `code_tables`.
pub const ERROR_COLUMNS: Columns = &[("row", Kind::Int), ("article_id", Kind::Text), ("message", Kind::Text)];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Events,
    Quotes,
    Mentions,
    Errors,
}

impl Table {
    pub fn from_name(name: &str) -> Option<Table> {
        match name {
            "events" => Some(Table::Events),
            "quotes" => Some(Table::Quotes),
            "mentions" => Some(Table::Mentions),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Table::Events => "events",
            Table::Quotes => "quotes",
            Table::Mentions => "mentions",
            Table::Errors => "errors",
        }
    }

    pub fn columns(self) -> Columns {
        match self {
            Table::Events => detente_tables::EVENT_COLUMNS,
            Table::Quotes => detente_tables::QUOTE_COLUMNS,
            Table::Mentions => detente_tables::MENTION_COLUMNS,
            Table::Errors => ERROR_COLUMNS,
        }
    }

    /// Appends the article's rows of this table.
    fn push(self, builder: &mut BatchBuilder, coded: &CodedArticle, coding: detente_tables::Coding<'_>) {
        match self {
            Table::Events => {
                for row in detente_tables::event_rows(coded, coding) {
                    builder.push(detente_tables::event_cells(&row));
                }
            }
            Table::Quotes => {
                for i in 0..coded.quotes.len() {
                    builder.push(detente_tables::quote_cells(coded, i));
                }
            }
            Table::Mentions => {
                for i in 0..coded.mentions.len() {
                    builder.push(detente_tables::mention_cells(coded, i));
                }
            }
            Table::Errors => {}
        }
    }
}

/// The record batches of any Arrow input: a table, a batch, a reader, anything with the Arrow PyCapsule
/// interface, or a list/iterator of those.
pub fn input_batches(data: &Bound<'_, PyAny>) -> PyResult<Vec<RecordBatch>> {
    if data.hasattr("__arrow_c_stream__")? {
        let table = arrow_pyarrow::Table::from_pyarrow_bound(data)?;
        return Ok(table.into_inner().0);
    }
    if data.hasattr("__arrow_c_array__")? {
        return Ok(vec![RecordBatch::from_pyarrow_bound(data)?]);
    }
    let not_arrow = || {
        PyTypeError::new_err(format!(
            "expected a pyarrow Table, RecordBatch or RecordBatchReader (or a list of batches), got {}",
            type_name(data)
        ))
    };
    if data.is_instance_of::<pyo3::types::PyString>() || data.is_instance_of::<pyo3::types::PyDict>() {
        return Err(not_arrow());
    }
    let mut batches = Vec::new();
    for item in data.try_iter().map_err(|_| not_arrow())? {
        let item = item?;
        if !item.hasattr("__arrow_c_stream__")? && !item.hasattr("__arrow_c_array__")? {
            return Err(not_arrow());
        }
        batches.extend(input_batches(&item)?);
    }
    Ok(batches)
}

/// The tables built from coding every input row.
pub struct Built {
    /// In the order asked for.
    pub tables: Vec<arrow_pyarrow::Table>,
    pub problems: Vec<ArticleProblem>,
    /// Input rows in all.
    pub rows: usize,
}

/// Codes the rows of `batches` batch by batch (memory stays at one input batch of coded articles) and
/// builds one output batch of each table per input batch.
pub fn code_batches(
    coder: &Coder,
    pool: &rayon::ThreadPool,
    batches: &[RecordBatch],
    names: &ColumnNames,
    which: &[Table],
    coding: detente_tables::Coding<'_>,
) -> Result<Built, String> {
    let mut builders: Vec<BatchBuilder> = which.iter().map(|t| BatchBuilder::new(t.columns(), &[])).collect();
    let mut outputs: Vec<Vec<RecordBatch>> = vec![Vec::new(); which.len()];
    let mut problems = Vec::new();
    let mut first_row = 0;
    for batch in batches {
        let (articles, ids): (Vec<_>, Vec<_>) = arrow_input::articles(batch, names)?.into_iter().unzip();
        let coded = code_all(coder, pool, articles, |c| c);
        for (offset, (result, id)) in coded.into_iter().zip(ids).enumerate() {
            match result {
                Ok(coded) => {
                    for (table, builder) in which.iter().zip(&mut builders) {
                        table.push(builder, &coded, coding);
                    }
                }
                Err(message) => {
                    let problem = ArticleProblem {
                        index: first_row + offset,
                        article_id: id,
                        message,
                    };
                    if let Some(i) = which.iter().position(|t| *t == Table::Errors) {
                        builders[i].push([
                            Cell::Int(Some(problem.index as i64)),
                            Cell::Text(problem.article_id.as_deref()),
                            Cell::Text(Some(&problem.message)),
                        ]);
                    }
                    problems.push(problem);
                }
            }
        }
        first_row += batch.num_rows();
        for (builder, output) in builders.iter_mut().zip(&mut outputs) {
            output.push(builder.finish().map_err(|e| e.to_string())?);
        }
    }
    let tables = builders
        .iter()
        .zip(outputs)
        .map(|(builder, batches)| arrow_pyarrow::Table::try_new(batches, builder.schema().clone()))
        .collect::<Result<_, _>>()
        .map_err(|e| e.to_string())?;
    Ok(Built {
        tables,
        problems,
        rows: first_row,
    })
}
