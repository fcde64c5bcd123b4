//! Reading files the CLI's way: `read_articles` (every input format, folders, gzip) and
//! `read_dictionaries` (the texts a Coder is built from).

use std::path::PathBuf;
use std::sync::Mutex;

use detente_coder::DictionarySource;
use detente_ingest::{Articles, InputError};
use detente_records::Article;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::errors;

/// Paths from one path or a list of them.
fn path_list(paths: &Bound<'_, PyAny>) -> PyResult<Vec<PathBuf>> {
    if let Ok(one) = paths.extract::<PathBuf>() {
        return Ok(vec![one]);
    }
    paths.extract::<Vec<PathBuf>>()
}

/// The articles in files and folders, read as ``detente code PATH`` reads them (text, JSON Lines, HTML,
/// RSS/Atom, WARC, gzip; folders recursively in sorted order), one dict at a time (``id``, ``title``,
/// ``date``, ``source``, ``url``, ``text``), ready for :meth:`Coder.code`.
///
/// ``errors``: "raise" (default) raises an ``InputError`` naming the file and line for a bad input; the
/// iteration can go on after it. "warn" reports it with ``warnings.warn`` and goes on.
#[pyfunction]
#[pyo3(signature = (paths, errors="raise"))]
pub fn read_articles(paths: &Bound<'_, PyAny>, errors: &str) -> PyResult<ArticleReader> {
    let warn = match errors {
        "raise" => false,
        "warn" => true,
        other => {
            return Err(PyValueError::new_err(format!(
                "errors must be \"raise\" or \"warn\" (got {other:?})"
            )));
        }
    };
    Ok(ArticleReader {
        articles: Mutex::new(detente_ingest::read_paths(&path_list(paths)?)),
        warn,
    })
}

/// The dictionary files under folders, as ``[(name, text), ...]`` in load order: what
/// ``Coder.from_sources`` takes (a Spark job reads them on the driver and ships the texts).
#[pyfunction]
pub fn read_dictionaries(py: Python<'_>, folders: &Bound<'_, PyAny>) -> PyResult<Vec<(String, String)>> {
    let sources = dictionary_sources(py, &path_list(folders)?)?;
    Ok(sources.into_iter().map(|s| (s.name, s.text)).collect())
}

/// The dictionary files under `folders`, read as the CLI reads them; a file of a folder in no format the
/// coder reads is skipped with a `warnings.warn` (the CLI's note).
pub fn dictionary_sources(py: Python<'_>, folders: &[PathBuf]) -> PyResult<Vec<DictionarySource>> {
    let read = py
        .detach(|| detente_dictionaries::read_folders(folders))
        .map_err(|e| errors::read_error(&e))?;
    if !read.skipped.is_empty() {
        let warnings = py.import("warnings")?;
        for path in &read.skipped {
            warnings.call_method1("warn", (detente_dictionaries::Sources::skip_note(path),))?;
        }
    }
    Ok(read.sources)
}

/// An iterator of article dicts (see :func:`read_articles`).
#[pyclass(module = "detente")]
pub struct ArticleReader {
    articles: Mutex<Articles>,
    warn: bool,
}

fn article_dict<'py>(py: Python<'py>, a: Article) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("id", a.id)?;
    dict.set_item("title", a.title)?;
    dict.set_item("date", a.date)?;
    dict.set_item("source", a.source)?;
    dict.set_item("url", a.url)?;
    dict.set_item("text", a.text)?;
    Ok(dict)
}

#[pymethods]
impl ArticleReader {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        loop {
            let next: Option<Result<Article, InputError>> = py.detach(|| {
                let mut articles = self.articles.lock().unwrap_or_else(|p| p.into_inner());
                articles.next()
            });
            match next {
                None => return Ok(None),
                Some(Ok(article)) => return Ok(Some(article_dict(py, article)?)),
                // A warning (an unreadable date) is about the article that follows: never raised.
                Some(Err(err)) if self.warn || err.is_warning() => {
                    let warnings = py.import("warnings")?;
                    warnings.call_method1("warn", (err.to_string(),))?;
                }
                Some(Err(err)) => return Err(errors::input_error(py, &err)),
            }
        }
    }
}
