//! `detente.Coder`: the CLI's coder in process. Dictionaries are read once per process and shared by every
//! `Coder` with the same files; coding runs without the GIL, in parallel, in input order.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock, TryLockError};

use arrow_pyarrow::IntoPyArrow;
use detente_coder::events::GoldsteinVariant;
use detente_coder::{Coder, DictionarySource};
use detente_records::{Article, CodedArticle};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};

use crate::arrow_input::ColumnNames;
use crate::coding::{code_one, code_streaming, pool};
use crate::errors::{self, ArticleProblem};
use crate::gc_pause::GcPause;
use crate::input::{article_from_py, type_name};
use crate::py_json::loads;
use crate::tables::{self, Table};
use crate::to_py::{PyCache, to_py};

/// The coder version stored with every event row, as the CLI stores it.
pub const CODER_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Coders built in this process, by dictionary set and Goldstein table: a Spark executor that unpickles the
/// same `Coder` for every task builds it once.
type CoderCache = Mutex<HashMap<(String, &'static str), Arc<Coder>>>;

/// What pickling a Coder carries: its dictionary files (name, text) and Goldstein table.
type Pickled = (Vec<(String, String)>, &'static str);

fn shared_coder(
    sources: &[DictionarySource],
    goldstein: &'static str,
) -> Result<Arc<Coder>, detente_coder::DictionaryError> {
    static CODERS: OnceLock<CoderCache> = OnceLock::new();
    let key = (detente_dictionaries::set_id(sources), goldstein);
    let coders = CODERS.get_or_init(Default::default);
    if let Some(coder) = coders.lock().unwrap_or_else(|p| p.into_inner()).get(&key) {
        return Ok(coder.clone());
    }
    let variant = detente_dictionaries::goldstein(goldstein).unwrap_or(GoldsteinVariant::Gdelt);
    let coder = Arc::new(detente_dictionaries::coder(sources, variant)?);
    coders
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .insert(key, coder.clone());
    Ok(coder)
}

fn goldstein_name(name: &str) -> PyResult<&'static str> {
    let lower = name.to_ascii_lowercase();
    detente_dictionaries::GOLDSTEIN_NAMES
        .into_iter()
        .find(|n| *n == lower)
        .ok_or_else(|| {
            PyValueError::new_err(format!(
                "goldstein must be one of {} (got {name:?})",
                detente_dictionaries::GOLDSTEIN_NAMES.join(", ")
            ))
        })
}

/// `threads`: None (or 0) = one per core; a negative number is a mistake.
fn thread_count(threads: Option<i64>) -> PyResult<Option<usize>> {
    match threads {
        None | Some(0) => Ok(None),
        Some(n) if n > 0 => Ok(Some(n as usize)),
        Some(n) => Err(PyValueError::new_err(format!(
            "threads must be positive, or None for one per core (got {n})"
        ))),
    }
}

/// What to do with bad articles in a batch.
#[derive(Clone, Copy, PartialEq, Eq)]
enum OnError {
    /// Raise a `BatchError` that carries both the errors and what was coded.
    Raise,
    /// Put an `ArticleError` in the bad article's place (`code_batch`), or leave the row out (`code_arrow`;
    /// `code_tables` lists it in its `errors` table).
    Return,
}

fn on_error(errors: &str, allowed: &[&str]) -> PyResult<OnError> {
    match errors {
        "raise" => Ok(OnError::Raise),
        e if allowed.contains(&e) => Ok(OnError::Return),
        other => Err(PyValueError::new_err(format!(
            "errors must be {} (got {other:?})",
            ["raise"]
                .iter()
                .chain(allowed)
                .map(|e| format!("{e:?}"))
                .collect::<Vec<_>>()
                .join(" or ")
        ))),
    }
}

/// The folders of `dictionaries=`: one path, or a list of paths.
fn folders(dictionaries: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<PathBuf>> {
    let Some(d) = dictionaries.filter(|d| !d.is_none()) else {
        return Ok(Vec::new());
    };
    if let Ok(one) = d.extract::<PathBuf>() {
        return Ok(vec![one]);
    }
    let mut out = Vec::new();
    for item in d.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "dictionaries must be a folder or a list of folders (got {})",
            type_name(d)
        ))
    })? {
        let item = item?;
        out.push(
            item.extract::<PathBuf>()
                .map_err(|_| PyTypeError::new_err(format!("dictionaries: {} is not a path", type_name(&item))))?,
        );
    }
    Ok(out)
}

/// A coder: the built-in dictionaries, plus the files in ``dictionaries`` (folders or files, read the way
/// ``detente --dictionaries DIR`` reads them), with the Goldstein values of ``goldstein`` ("gdelt", "icews"
/// or "phoenix").
///
/// Coders pickle (as their dictionary texts), so one can be handed to Spark or Dask workers, which build it
/// once per process.
#[pyclass(frozen, module = "detente", name = "Coder")]
pub struct PyCoder {
    coder: Arc<Coder>,
    sources: Arc<Vec<DictionarySource>>,
    goldstein: &'static str,
    dictionary_set: String,
    /// The Python strings reused in the dicts this coder returns (field names, short repeated values).
    strings: Mutex<PyCache>,
}

/// A coded article on its way to the caller: JSON text made on a coding thread, or the record itself, made
/// into dicts on the caller's thread (Python objects need the GIL).
enum Coded {
    Json(String),
    Record(Box<CodedArticle>),
}

impl PyCoder {
    fn build(py: Python<'_>, sources: Vec<DictionarySource>, goldstein: &'static str) -> PyResult<PyCoder> {
        let dictionary_set = detente_dictionaries::set_id(&sources);
        let coder = py
            .detach(|| shared_coder(&sources, goldstein))
            .map_err(|e| errors::dictionary_error(py, &e))?;
        Ok(PyCoder {
            coder,
            sources: Arc::new(sources),
            goldstein,
            dictionary_set,
            strings: Mutex::default(),
        })
    }

    /// The coded article as the dict `json.loads` makes of the CLI's JSON line, built directly.
    fn dict<'py>(&self, py: Python<'py>, coded: &CodedArticle) -> PyResult<Bound<'py, PyAny>> {
        let _pause = GcPause::new(py)?;
        match self.strings.try_lock() {
            Ok(mut strings) => to_py(py, &mut strings, coded),
            Err(TryLockError::Poisoned(poisoned)) => to_py(py, &mut poisoned.into_inner(), coded),
            // Held by another thread of this process between two of its articles, or by this thread if a
            // finaliser run while building calls back into the coder: a cache of its own, then.
            Err(TryLockError::WouldBlock) => to_py(py, &mut PyCache::default(), coded),
        }
    }

    /// The coded article as the CLI prints it (`detente code --format jsonl`, without the newline).
    fn json(coded: &CodedArticle) -> String {
        serde_json::to_string(coded).expect("a coded article always serialises")
    }

    fn code_record(&self, py: Python<'_>, article: &Bound<'_, PyAny>) -> PyResult<CodedArticle> {
        let article = article_from_py(article).map_err(|message| {
            errors::raise_article_error(
                py,
                &ArticleProblem {
                    index: 0,
                    article_id: None,
                    message,
                },
            )
        })?;
        let id = article.id.clone();
        let coder = &self.coder;
        py.detach(|| code_one(coder, article)).map_err(|message| {
            errors::raise_article_error(
                py,
                &ArticleProblem {
                    index: 0,
                    article_id: Some(id),
                    message,
                },
            )
        })
    }
}

/// The id a Python article carries, for error messages about it.
fn py_article_id(obj: &Bound<'_, PyAny>) -> Option<String> {
    let id = obj.get_item("id").ok().filter(|_| !obj.is_instance_of::<PyString>())?;
    if id.is_none() {
        return None;
    }
    id.str().ok().map(|s| s.to_string())
}

#[pymethods]
impl PyCoder {
    #[new]
    #[pyo3(signature = (dictionaries=None, goldstein="gdelt"))]
    fn new(py: Python<'_>, dictionaries: Option<&Bound<'_, PyAny>>, goldstein: &str) -> PyResult<PyCoder> {
        let goldstein = goldstein_name(goldstein)?;
        let folders = folders(dictionaries)?;
        let sources = crate::read::dictionary_sources(py, &folders)?;
        PyCoder::build(py, sources, goldstein)
    }

    /// A coder from dictionary texts already read: ``[(name, text), ...]`` (what pickling a Coder carries).
    #[staticmethod]
    #[pyo3(signature = (sources, goldstein="gdelt"))]
    fn from_sources(py: Python<'_>, sources: Vec<(String, String)>, goldstein: &str) -> PyResult<PyCoder> {
        let goldstein = goldstein_name(goldstein)?;
        let sources = sources
            .into_iter()
            .map(|(name, text)| DictionarySource { name, text })
            .collect();
        PyCoder::build(py, sources, goldstein)
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, Pickled)> {
        let this = slf.get();
        let sources = this.sources.iter().map(|s| (s.name.clone(), s.text.clone())).collect();
        Ok((slf.get_type().getattr("from_sources")?, (sources, this.goldstein)))
    }

    fn __repr__(&self) -> String {
        format!(
            "Coder(dictionary_set={:?}, goldstein={:?}, files={})",
            self.dictionary_set,
            self.goldstein,
            self.sources.len()
        )
    }

    /// The dictionary set's id, stored with every event: "builtin" or "builtin+<hash of the user's files>".
    #[getter]
    fn dictionary_set(&self) -> &str {
        &self.dictionary_set
    }

    #[getter]
    fn goldstein(&self) -> &'static str {
        self.goldstein
    }

    /// The user's dictionary files this coder was built with, in load order.
    #[getter]
    fn dictionary_files(&self) -> Vec<String> {
        self.sources.iter().map(|s| s.name.clone()).collect()
    }

    /// Codes one article: a ``str`` (its text), UTF-8 ``bytes``, or a dict like a JSON Lines record
    /// (``text``; optional ``id``, ``title``, ``date``, ``source``, ``url``). Returns output schema v1 as a
    /// dict, the same as ``detente code --format jsonl`` prints. Raises ``ArticleError`` for a bad article.
    fn code<'py>(&self, py: Python<'py>, article: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let coded = self.code_record(py, article)?;
        self.dict(py, &coded)
    }

    /// Like :meth:`code`, as the JSON text the CLI prints (one line, no newline).
    fn code_json(&self, py: Python<'_>, article: &Bound<'_, PyAny>) -> PyResult<String> {
        let coded = self.code_record(py, article)?;
        Ok(Self::json(&coded))
    }

    /// Codes many articles in parallel, without the GIL, and returns them in input order (dicts, or JSON
    /// text with ``as_json=True``).
    ///
    /// ``threads``: coding threads (None: one per core). ``errors``: with "raise" (the default), bad articles
    /// raise a ``BatchError`` once all are coded: its ``.errors`` lists an ``ArticleError`` per bad article
    /// and ``.results`` holds the results with ``None`` in their place. With "return", the list comes back
    /// with the ``ArticleError`` itself in a bad article's place.
    #[pyo3(signature = (articles, threads=None, errors="raise", as_json=false))]
    fn code_batch<'py>(
        &self,
        py: Python<'py>,
        articles: &Bound<'py, PyAny>,
        threads: Option<i64>,
        errors: &str,
        as_json: bool,
    ) -> PyResult<Bound<'py, PyList>> {
        let mode = on_error(errors, &["return"])?;
        let pool = pool(thread_count(threads)?).map_err(PyValueError::new_err)?;
        let mut inputs: Vec<Result<Article, String>> = Vec::new();
        let mut ids: Vec<Option<String>> = Vec::new();
        for item in articles.try_iter().map_err(|_| {
            PyTypeError::new_err(format!(
                "articles must be an iterable of str, bytes or dicts (got {})",
                type_name(articles)
            ))
        })? {
            let item = item?;
            let article = article_from_py(&item);
            ids.push(match &article {
                Ok(a) => Some(a.id.clone()),
                Err(_) => py_article_id(&item),
            });
            inputs.push(article);
        }
        let out = PyList::empty(py);
        let mut problems = Vec::new();
        let mut ids = ids.into_iter();
        code_streaming(
            py,
            &self.coder,
            &pool,
            inputs,
            |c| match as_json {
                true => Coded::Json(Self::json(&c)),
                false => Coded::Record(Box::new(c)),
            },
            |result| {
                let index = out.len();
                let id = ids.next().flatten();
                match result {
                    Ok(Coded::Json(json)) => out.append(json),
                    Ok(Coded::Record(coded)) => out.append(self.dict(py, &coded)?),
                    Err(message) => {
                        let problem = ArticleProblem {
                            index,
                            article_id: id,
                            message,
                        };
                        match mode {
                            OnError::Return => out.append(errors::article_error(py, &problem, true)?)?,
                            OnError::Raise => out.append(py.None())?,
                        }
                        problems.push(problem);
                        Ok(())
                    }
                }
            },
        )?;
        if mode == OnError::Raise && !problems.is_empty() {
            let total = out.len();
            return Err(errors::batch_error(py, &problems, out.into_any(), total));
        }
        Ok(out)
    }

    /// Codes the rows of an Arrow table (``pyarrow.Table``, ``RecordBatch``, ``RecordBatchReader``, a list
    /// of batches, or anything with ``__arrow_c_stream__``) and returns one ``table`` as a ``pyarrow.Table``:
    /// "events" (one row per event, the columns of ``detente export --format parquet`` plus ``date``),
    /// "quotes" or "mentions".
    ///
    /// Each row is read as a JSON Lines record: ``text`` is required; ``id``, ``title``, ``date``, ``source``
    /// and ``url`` are used when the input has them (``*_col`` names other columns). ``errors``: "raise"
    /// (default: a ``BatchError`` whose ``.results`` holds the tables of the good rows) or "skip" (bad rows
    /// are left out; :meth:`code_tables` lists them).
    #[pyo3(signature = (data, table="events", *, threads=None, errors="raise", text_col=None, id_col=None,
                        title_col=None, date_col=None, source_col=None, url_col=None))]
    #[allow(clippy::too_many_arguments)]
    fn code_arrow<'py>(
        &self,
        py: Python<'py>,
        data: &Bound<'py, PyAny>,
        table: &str,
        threads: Option<i64>,
        errors: &str,
        text_col: Option<String>,
        id_col: Option<String>,
        title_col: Option<String>,
        date_col: Option<String>,
        source_col: Option<String>,
        url_col: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let which = Table::from_name(table).ok_or_else(|| {
            PyValueError::new_err(format!(
                "table must be \"events\", \"quotes\" or \"mentions\" (got {table:?})"
            ))
        })?;
        let names = ColumnNames::new(text_col, id_col, title_col, date_col, source_col, url_col);
        let mode = on_error(errors, &["skip"])?;
        let mut tables = self.code_tables_inner(py, data, &names, &[which], threads, mode)?;
        Ok(tables.swap_remove(0).1)
    }

    /// Like :meth:`code_arrow`, all tables from one coding pass: a dict of ``pyarrow.Table`` s "events",
    /// "quotes", "mentions", and "errors" (``row``, ``article_id``, ``message`` of each bad row; with
    /// ``errors="raise"`` bad rows raise a ``BatchError`` instead, whose ``.results`` is this dict).
    #[pyo3(signature = (data, *, threads=None, errors="raise", text_col=None, id_col=None, title_col=None,
                        date_col=None, source_col=None, url_col=None))]
    #[allow(clippy::too_many_arguments)]
    fn code_tables<'py>(
        &self,
        py: Python<'py>,
        data: &Bound<'py, PyAny>,
        threads: Option<i64>,
        errors: &str,
        text_col: Option<String>,
        id_col: Option<String>,
        title_col: Option<String>,
        date_col: Option<String>,
        source_col: Option<String>,
        url_col: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let names = ColumnNames::new(text_col, id_col, title_col, date_col, source_col, url_col);
        let mode = on_error(errors, &["skip"])?;
        let all = [Table::Events, Table::Quotes, Table::Mentions, Table::Errors];
        let tables = self.code_tables_inner(py, data, &names, &all, threads, mode)?;
        let dict = pyo3::types::PyDict::new(py);
        for (name, table) in tables {
            dict.set_item(name, table)?;
        }
        Ok(dict.into_any())
    }

    /// What fired in ``text``, and why each event was or was not coded (``detente explain``).
    #[pyo3(signature = (text, date=None))]
    fn explain(&self, py: Python<'_>, text: String, date: Option<String>) -> PyResult<Explanation> {
        let article = Article {
            id: "explain".into(),
            date,
            text,
            ..Article::default()
        };
        let coder = &self.coder;
        let (coded, explanation) = py.detach(|| coder.explain(&article));
        Ok(Explanation {
            text: explanation.to_string(),
            events: serde_json::to_string(&explanation.events).expect("events serialise"),
            article: Self::json(&coded),
        })
    }
}

impl PyCoder {
    fn code_tables_inner<'py>(
        &self,
        py: Python<'py>,
        data: &Bound<'py, PyAny>,
        names: &ColumnNames,
        which: &[Table],
        threads: Option<i64>,
        mode: OnError,
    ) -> PyResult<Vec<(&'static str, Bound<'py, PyAny>)>> {
        let pool = pool(thread_count(threads)?).map_err(PyValueError::new_err)?;
        let batches = tables::input_batches(data)?;
        let coder = &self.coder;
        let coding = detente_tables::Coding {
            coder_version: CODER_VERSION,
            dictionary_set: &self.dictionary_set,
            goldstein_table: self.goldstein,
        };
        let built = py
            .detach(|| tables::code_batches(coder, &pool, &batches, names, which, coding))
            .map_err(PyValueError::new_err)?;
        let mut out = Vec::new();
        for (table, arrow) in which.iter().zip(built.tables) {
            out.push((table.name(), arrow.into_pyarrow(py)?));
        }
        if mode == OnError::Raise && !built.problems.is_empty() {
            let results = pyo3::types::PyDict::new(py);
            for (name, table) in &out {
                results.set_item(name, table)?;
            }
            return Err(errors::batch_error(py, &built.problems, results.into_any(), built.rows));
        }
        Ok(out)
    }
}

/// What ``explain`` found: ``str()`` is the readable explanation the CLI prints; ``events`` the events
/// coded (dicts of schema v1); ``article`` the whole coded article.
#[pyclass(frozen, module = "detente", name = "Explanation")]
pub struct Explanation {
    #[pyo3(get)]
    text: String,
    events: String,
    article: String,
}

#[pymethods]
impl Explanation {
    #[getter]
    fn events<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        loads(py, &self.events)
    }

    #[getter]
    fn article<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        loads(py, &self.article)
    }

    fn __str__(&self) -> &str {
        &self.text
    }

    fn __repr__(&self) -> String {
        format!("<Explanation:\n{}>", self.text.trim_end())
    }
}
