//! The columns of the event exports that keep every field (CSV, Parquet, `detente code --format csv`): defined
//! once, in `detente-tables`, which the Python package's Arrow tables use too.

pub use detente_tables::{Cell, EVENT_COLUMNS, Kind, event_cells};
