//! Python's cycle collector held off while a batch's dicts are built.

use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyModule;

/// Python's cyclic garbage collector held off while this lives (if it was on), and turned back on after.
///
/// Building a coded article makes about 250 dicts and lists; the collector runs every 700 container
/// allocations and, each time, walks the containers made since, and every so often all the older ones too
/// (the batch's earlier results included). None of what is built here can be garbage, so that walk is wasted:
/// with it, building the dicts cost twice as much CPU. Held for one chunk of articles at a time, with the GIL
/// held throughout (no other Python code runs meanwhile), so the collector is never off while other threads
/// run; the containers made are collected normally afterwards.
pub struct GcPause<'py> {
    /// The `gc` module, when this turned the collector off (and must turn it back on).
    paused: Option<Bound<'py, PyModule>>,
}

impl<'py> GcPause<'py> {
    pub fn new(py: Python<'py>) -> PyResult<Self> {
        static GC: PyOnceLock<Py<PyModule>> = PyOnceLock::new();
        let gc = GC
            .get_or_try_init(py, || Ok::<_, PyErr>(py.import("gc")?.unbind()))?
            .bind(py);
        if !gc.call_method0(intern!(py, "isenabled"))?.is_truthy()? {
            return Ok(GcPause { paused: None });
        }
        gc.call_method0(intern!(py, "disable"))?;
        Ok(GcPause {
            paused: Some(gc.clone()),
        })
    }
}

impl Drop for GcPause<'_> {
    fn drop(&mut self) {
        if let Some(gc) = &self.paused {
            // `gc.enable()` only sets a flag and does not fail; a destructor could not raise anyway.
            let _ = gc.call_method0(intern!(gc.py(), "enable"));
        }
    }
}
