//! The coding pipeline: read articles (one thread), code them in parallel (rayon), hand them to a sink
//! in input order. Memory stays bounded: articles move through in chunks, at most a few chunks at a time.

use anyhow::{Context, Result};
use detente_coder::{Coder, DictionarySource};
use detente_records::{Article, CodedArticle};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How many articles are coded together; several chunks are in flight at most.
const CHUNK_ARTICLES: usize = 256;
/// A chunk is also closed when its text reaches this size, so huge articles don't pile up.
const CHUNK_BYTES: usize = 8 << 20;

/// What a run did, for the summary line.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    pub articles: usize,
    pub sentences: usize,
    pub events: usize,
    pub quotes: usize,
    pub errors: usize,
    pub bytes: u64,
    pub elapsed: Duration,
}

impl Summary {
    pub fn megabytes_per_second(&self) -> f64 {
        let secs = self.elapsed.as_secs_f64().max(1e-9);
        self.bytes as f64 / 1e6 / secs
    }

    pub fn line(&self) -> String {
        format!(
            "{} articles, {} sentences, {} events, {} quotes, {} errors; {:.1} MB in {:.2}s ({:.2} MB/s)",
            self.articles,
            self.sentences,
            self.events,
            self.quotes,
            self.errors,
            self.bytes as f64 / 1e6,
            self.elapsed.as_secs_f64(),
            self.megabytes_per_second()
        )
    }
}

/// Read every dictionary file under the given folders (recursively, sorted) for the coder.
pub fn dictionary_sources(dirs: &[PathBuf]) -> Result<Vec<DictionarySource>> {
    let mut files = Vec::new();
    for dir in dirs {
        collect_files(dir, &mut files).with_context(|| format!("reading dictionaries in {}", dir.display()))?;
    }
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
            // Legacy dictionaries are sometimes Latin-1: decode lossily rather than refuse them.
            let text = String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
            Ok(DictionarySource { name: path.display().to_string(), text })
        })
        .collect()
}

fn collect_files(path: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let meta = std::fs::metadata(path)?;
    if meta.is_file() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    for entry in std::fs::read_dir(path)? {
        let entry = entry?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        collect_files(&entry.path(), out)?;
    }
    Ok(())
}

/// The coder with built-in dictionaries plus the user's.
pub fn load_coder(dirs: &[PathBuf]) -> Result<Coder> {
    let sources = dictionary_sources(dirs)?;
    Coder::with_sources(&sources).map_err(|e| anyhow::anyhow!("dictionary error: {e}"))
}

/// Options of a coding run.
pub struct RunOptions {
    /// Worker threads; 0 = all cores.
    pub threads: usize,
    /// Show a progress bar (only drawn when stderr is a terminal).
    pub progress: bool,
}

/// Code all articles from `paths` with `coder`, calling `sink` with each coded article and its
/// pre-rendered output (from `render`, run in parallel) in input order. Input errors are reported on
/// stderr and counted; the run goes on. A sink error (e.g. a closed pipe) stops the run.
pub fn run<R, S>(paths: &[PathBuf], coder: &Coder, options: &RunOptions, render: R, mut sink: S) -> Result<Summary>
where
    R: Fn(&CodedArticle) -> Vec<u8> + Sync,
    S: FnMut(&CodedArticle, &[u8]) -> Result<()>,
{
    let started = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(options.threads).build()?;
    let progress = progress_bar(options.progress);
    let mut summary = Summary::default();

    // The reader runs on its own thread and hands over chunks through a small bounded channel, so reading,
    // decompressing and parsing overlap with coding without buffering the whole input.
    let (tx, rx) = crossbeam_channel::bounded::<Vec<Result<Article, detente_ingest::InputError>>>(2);
    let paths = paths.to_vec();
    let reader = std::thread::spawn(move || {
        let mut chunk = Vec::with_capacity(CHUNK_ARTICLES);
        let mut chunk_bytes = 0usize;
        for item in detente_ingest::read_paths(&paths) {
            if let Ok(article) = &item {
                chunk_bytes += article.text.len();
            }
            chunk.push(item);
            if chunk.len() >= CHUNK_ARTICLES || chunk_bytes >= CHUNK_BYTES {
                if tx.send(std::mem::take(&mut chunk)).is_err() {
                    return;
                }
                chunk_bytes = 0;
            }
        }
        if !chunk.is_empty() {
            let _ = tx.send(chunk);
        }
    });

    let mut outcome = Ok(());
    for chunk in rx.iter() {
        let coded: Vec<Result<(CodedArticle, Vec<u8>), detente_ingest::InputError>> = pool.install(|| {
            chunk
                .into_par_iter()
                .map(|item| {
                    item.map(|article| {
                        let coded = coder.code(&article);
                        let rendered = render(&coded);
                        (coded, rendered)
                    })
                })
                .collect()
        });
        for item in coded {
            match item {
                Ok((coded, rendered)) => {
                    summary.articles += 1;
                    summary.sentences += coded.sentences.len();
                    summary.events += coded.events.len();
                    summary.quotes += coded.quotes.len();
                    summary.bytes += coded.text.as_ref().map_or(0, |t| t.len() as u64);
                    if let Err(e) = sink(&coded, &rendered) {
                        outcome = Err(e);
                        break;
                    }
                }
                Err(e) => {
                    summary.errors += 1;
                    progress.suspend(|| eprintln!("detente: {e}"));
                }
            }
        }
        if outcome.is_err() {
            break;
        }
        progress.set_position(summary.articles as u64);
        let secs = started.elapsed().as_secs_f64().max(1e-9);
        progress.set_message(format!(
            "{:.1} MB, {:.1} MB/s, {} events, {} errors",
            summary.bytes as f64 / 1e6,
            summary.bytes as f64 / 1e6 / secs,
            summary.events,
            summary.errors
        ));
    }
    drop(rx);
    let _ = reader.join();
    progress.finish_and_clear();
    summary.elapsed = started.elapsed();
    outcome.map(|()| summary)
}

fn progress_bar(wanted: bool) -> ProgressBar {
    if !wanted || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos} articles  {msg}  [{elapsed}]")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// True when an error chain is a closed stdout pipe (`detente code | head`): the run ends quietly.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
