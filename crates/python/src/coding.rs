//! Coding many articles at once: in parallel on a rayon pool, results in input order, one bad article (or a
//! coder panic) an error for that article only.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, Mutex, OnceLock};

use detente_coder::Coder;
use detente_records::{Article, CodedArticle};
use pyo3::prelude::*;

use crate::gc_pause::GcPause;
use rayon::prelude::*;

type Pools = Mutex<HashMap<(u32, usize), Arc<rayon::ThreadPool>>>;

/// The pool for `threads` workers (None or 0: one per core), made once per size and kept for the process.
/// Pools are per process id: a child forked by `multiprocessing` has none of its parent's threads, and waiting
/// on a pool inherited from the parent would hang.
pub fn pool(threads: Option<usize>) -> Result<Arc<rayon::ThreadPool>, String> {
    static POOLS: OnceLock<Pools> = OnceLock::new();
    let threads = threads.unwrap_or(0);
    let key = (std::process::id(), threads);
    let pools = POOLS.get_or_init(Default::default);
    let mut pools = pools.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(pool) = pools.get(&key) {
        return Ok(pool.clone());
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("detente-{i}"))
        .build()
        .map_err(|e| format!("cannot start {threads} coding threads: {e}"))?;
    let pool = Arc::new(pool);
    pools.insert(key, pool.clone());
    Ok(pool)
}

/// Codes one article; a panic in the coder becomes this article's error instead of taking down the batch
/// (and the Python process).
pub fn code_one(coder: &Coder, article: Article) -> Result<CodedArticle, String> {
    let id = article.id.clone();
    catch_unwind(AssertUnwindSafe(|| coder.code_owned(article))).map_err(|panic| {
        let why = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown cause".into());
        format!("the coder failed on article {id:?} ({why}); please report it with the article")
    })
}

/// Codes every article (passing errors through) on `pool`, then maps each result with `finish` (also in
/// parallel: serialising, building rows). Output order is input order.
pub fn code_all<T, F>(
    coder: &Coder,
    pool: &rayon::ThreadPool,
    articles: Vec<Result<Article, String>>,
    finish: F,
) -> Vec<Result<T, String>>
where
    T: Send,
    F: Fn(CodedArticle) -> T + Sync,
{
    let work = |item: Result<Article, String>| item.and_then(|a| code_one(coder, a)).map(&finish);
    if pool.current_num_threads() == 1 {
        // One worker: no hand-off to another thread (and no work-stealing overhead); the caller's thread codes.
        return articles.into_iter().map(work).collect();
    }
    pool.install(|| articles.into_par_iter().with_max_len(1).map(work).collect())
}

/// Articles coded together before their results are handed over: small enough that building Python
/// objects starts early and ends soon after the last article is coded.
const STREAM_CHUNK: usize = 32;
/// Chunks coded ahead of the caller.
const CHUNKS_AHEAD: usize = 4;

/// Codes `articles` on a background thread (itself on `pool` when that has several workers) and hands each
/// result to `each` on the calling thread, in input order, chunk by chunk: the caller builds Python objects
/// (holding the GIL) while later chunks are being coded (without it), as the CLI writes output while it codes.
pub fn code_streaming<T, F, E>(
    py: Python<'_>,
    coder: &Coder,
    pool: &rayon::ThreadPool,
    articles: Vec<Result<Article, String>>,
    finish: F,
    mut each: E,
) -> PyResult<()>
where
    T: Send,
    F: Fn(CodedArticle) -> T + Sync,
    E: FnMut(Result<T, String>) -> PyResult<()>,
{
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Result<T, String>>>(CHUNKS_AHEAD);
    std::thread::scope(|scope| {
        let finish = &finish;
        scope.spawn(move || {
            let mut articles = articles.into_iter().peekable();
            while articles.peek().is_some() {
                let chunk: Vec<_> = articles.by_ref().take(STREAM_CHUNK).collect();
                if tx.send(code_all(coder, pool, chunk, finish)).is_err() {
                    break; // the caller stopped (an error while building its objects)
                }
            }
        });
        // Owned here, so an early return drops it and a coder thread blocked on `send` ends.
        let mut rx = rx;
        loop {
            // A Receiver is not Sync: it moves into the GIL-free wait and back out.
            let (next, back) = py.detach(move || (rx.recv(), rx));
            rx = back;
            let Ok(results) = next else { return Ok(()) };
            let _pause = GcPause::new(py)?;
            for result in results {
                each(result)?;
            }
        }
    })
}
