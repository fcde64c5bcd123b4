//! detente's Python exceptions (defined in `detente/_errors.py`, so they can also be `ValueError`s) raised
//! from Rust with the context the CLI gives: file and line for dictionaries, position and id for articles.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyModule;

/// A problem with one article: what was wrong, and which article (position, id when known).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleProblem {
    pub index: usize,
    pub article_id: Option<String>,
    pub message: String,
}

fn errors_module(py: Python<'_>) -> PyResult<&Bound<'_, PyModule>> {
    static MODULE: PyOnceLock<Py<PyModule>> = PyOnceLock::new();
    MODULE
        .get_or_try_init(py, || Ok::<_, PyErr>(py.import("detente._errors")?.unbind()))
        .map(|m| m.bind(py))
}

/// An instance of one of the exception classes of `detente._errors` (not raised).
pub fn instance<'py, A>(py: Python<'py>, class: &str, args: A) -> PyResult<Bound<'py, PyAny>>
where
    A: pyo3::call::PyCallArgs<'py>,
{
    errors_module(py)?.getattr(class)?.call1(args)
}

/// The exception to raise: the instance, or the error that arose while making it.
fn raise<'py, A>(py: Python<'py>, class: &str, args: A) -> PyErr
where
    A: pyo3::call::PyCallArgs<'py>,
{
    match instance(py, class, args) {
        Ok(exc) => PyErr::from_value(exc),
        Err(err) => err,
    }
}

pub fn dictionary_error(py: Python<'_>, err: &detente_coder::DictionaryError) -> PyErr {
    raise(
        py,
        "DictionaryError",
        (err.file.as_str(), err.line, err.message.as_str()),
    )
}

/// An `ArticleError` instance for one article; `with_index` false for a single `code()` call.
pub fn article_error<'py>(py: Python<'py>, problem: &ArticleProblem, with_index: bool) -> PyResult<Bound<'py, PyAny>> {
    instance(
        py,
        "ArticleError",
        (
            problem.message.as_str(),
            with_index.then_some(problem.index),
            problem.article_id.as_deref(),
        ),
    )
}

pub fn raise_article_error(py: Python<'_>, problem: &ArticleProblem) -> PyErr {
    match article_error(py, problem, false) {
        Ok(exc) => PyErr::from_value(exc),
        Err(err) => err,
    }
}

pub fn input_error(py: Python<'_>, err: &detente_ingest::InputError) -> PyErr {
    raise(
        py,
        "InputError",
        (err.file.as_str(), err.line, err.record, err.message.as_str()),
    )
}

/// A `BatchError` carrying every bad article's `ArticleError` and what was coded.
pub fn batch_error<'py>(
    py: Python<'py>,
    problems: &[ArticleProblem],
    results: Bound<'py, PyAny>,
    total: usize,
) -> PyErr {
    let errors: PyResult<Vec<Bound<'py, PyAny>>> = problems.iter().map(|p| article_error(py, p, true)).collect();
    match errors {
        Ok(errors) => raise(py, "BatchError", (errors, results, total)),
        Err(err) => err,
    }
}

/// An error reading dictionary folders: an `OSError` of the right kind naming the folder or file, or a
/// `ValueError` for a file refused before reading (not a regular file, too big).
pub fn read_error(err: &detente_dictionaries::ReadError) -> PyErr {
    use pyo3::exceptions::{PyFileNotFoundError, PyIsADirectoryError, PyOSError, PyPermissionError, PyValueError};
    let path = err.path().display().to_string();
    let Some(io) = err.io_error() else {
        return PyValueError::new_err(err.to_string());
    };
    let message = format!("{err}: {io}");
    match io.kind() {
        std::io::ErrorKind::NotFound => PyFileNotFoundError::new_err((2, message, path)),
        std::io::ErrorKind::PermissionDenied => PyPermissionError::new_err((13, message, path)),
        std::io::ErrorKind::IsADirectory => PyIsADirectoryError::new_err((21, message, path)),
        _ => PyOSError::new_err((io.raw_os_error().unwrap_or(0), message, path)),
    }
}
