//! The flat tables of coded articles: one row per event, per quote, per mention.
//!
//! Every tabular output of detente takes its columns from here: the store's CSV and Parquet exports,
//! `detente code --format csv`, and the Python package's Arrow tables (`Coder.code_arrow`, the Spark job).
//! One definition, so a column added for one of them appears in all, with the same name and type.
//!
//! A table is a list of `(name, Kind)` columns and a function that gives one row's [`Cell`]s in that order.
//! With the `arrow` feature, [`arrow::BatchBuilder`] turns rows into Arrow record batches.

#[cfg(feature = "arrow")]
pub mod arrow;
mod events;
#[cfg(test)]
mod fixture;
mod mentions;
mod quotes;

pub use events::{Coding, EVENT_COLUMNS, event_cells, event_rows};
pub use mentions::{MENTION_COLUMNS, mention_cells};
pub use quotes::{QUOTE_COLUMNS, quote_cells};

/// A table's columns, in order.
pub type Columns = &'static [(&'static str, Kind)];

/// The type of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Int,
    Real,
    Text,
    /// Never null.
    Bool,
}

/// A value of one column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    Int(Option<i64>),
    Real(Option<f64>),
    Text(Option<&'a str>),
    /// A one-character text (a mention's grammatical gender), in a [`Kind::Text`] column.
    Char(Option<char>),
    Bool(bool),
}

impl Cell<'_> {
    /// The value as CSV writes it: empty for null.
    pub fn to_text(self) -> String {
        match self {
            Cell::Int(v) => v.map(|v| v.to_string()).unwrap_or_default(),
            Cell::Real(v) => v.map(|v| v.to_string()).unwrap_or_default(),
            Cell::Text(v) => v.unwrap_or_default().to_string(),
            Cell::Char(v) => v.map(String::from).unwrap_or_default(),
            Cell::Bool(v) => if v { "true" } else { "false" }.to_string(),
        }
    }

    /// Whether the cell fits a column of this kind.
    pub fn fits(self, kind: Kind) -> bool {
        matches!(
            (self, kind),
            (Cell::Int(_), Kind::Int)
                | (Cell::Real(_), Kind::Real)
                | (Cell::Text(_) | Cell::Char(_), Kind::Text)
                | (Cell::Bool(_), Kind::Bool)
        )
    }
}

/// An index or offset as a column value.
fn int(n: usize) -> Cell<'static> {
    Cell::Int(Some(n as i64))
}
