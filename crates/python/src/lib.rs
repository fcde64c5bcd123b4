//! The `detente` Python package's native module (`detente._detente`): the coder in process, Arrow tables,
//! the readers. The Python side (`python/detente`) adds the exceptions, Spark and Dask helpers.

mod arrow_input;
mod coder;
mod coding;
mod errors;
mod gc_pause;
mod input;
mod py_json;
mod read;
mod tables;
mod to_py;

use arrow_pyarrow::ToPyArrow;
use pyo3::prelude::*;

use crate::tables::Table;

/// The Arrow schema of a table: "events" (the Parquet export's columns, with ``date``), "quotes",
/// "mentions" or "errors".
#[pyfunction]
#[pyo3(signature = (table="events"))]
fn schema<'py>(py: Python<'py>, table: &str) -> PyResult<Bound<'py, PyAny>> {
    let which = match table {
        "errors" => Table::Errors,
        name => Table::from_name(name).ok_or_else(|| {
            pyo3::exceptions::PyValueError::new_err(format!(
                "table must be \"events\", \"quotes\", \"mentions\" or \"errors\" (got {name:?})"
            ))
        })?,
    };
    detente_tables::arrow::schema(which.columns(), &[])
        .as_ref()
        .to_pyarrow(py)
}

#[pymodule]
fn _detente(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<coder::PyCoder>()?;
    m.add_class::<coder::Explanation>()?;
    m.add_class::<read::ArticleReader>()?;
    m.add_function(wrap_pyfunction!(schema, m)?)?;
    m.add_function(wrap_pyfunction!(read::read_articles, m)?)?;
    m.add_function(wrap_pyfunction!(read::read_dictionaries, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("SCHEMA_VERSION", detente_records::SCHEMA_VERSION)?;
    Ok(())
}
