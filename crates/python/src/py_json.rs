//! JSON text to Python objects with the standard library's `json.loads` (C, fast), so a dict is exactly
//! what the CLI's JSON line parses to.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;

pub fn loads<'py>(py: Python<'py>, json: &str) -> PyResult<Bound<'py, PyAny>> {
    static LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let loads = LOADS.get_or_try_init(py, || Ok::<_, PyErr>(py.import("json")?.getattr("loads")?.unbind()))?;
    loads.bind(py).call1((json,))
}
