//! The coding pipeline: read articles (one thread), code them in parallel (rayon), hand them to a sink
//! in input order. Memory stays bounded: articles move through in chunks, at most a few chunks at a time.

use anyhow::Result;
use detente_coder::Coder;
use detente_records::{Article, CodedArticle};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// How many articles are coded together; several chunks are in flight at most.
const CHUNK_ARTICLES: usize = 256;
/// A chunk is also closed when its text reaches this size, so huge articles don't pile up.
const CHUNK_BYTES: usize = 8 << 20;
/// Chunks being coded at once: two keep every worker busy across chunk ends without holding more input.
const CHUNKS_IN_FLIGHT: usize = 2;

/// What a run did, for the summary line.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    pub articles: usize,
    pub sentences: usize,
    pub events: usize,
    pub quotes: usize,
    pub errors: usize,
    /// Articles read with a problem (an unreadable date): coded, but worth a look.
    pub warnings: usize,
    pub bytes: u64,
    pub elapsed: Duration,
    /// The user interrupted the run (Ctrl-C): the input was not read to the end.
    pub interrupted: bool,
}

impl Summary {
    pub fn megabytes_per_second(&self) -> f64 {
        let secs = self.elapsed.as_secs_f64().max(1e-9);
        self.bytes as f64 / 1e6 / secs
    }

    pub fn line(&self) -> String {
        let warnings = match self.warnings {
            0 => String::new(),
            1 => ", 1 warning".to_string(),
            n => format!(", {n} warnings"),
        };
        format!(
            "{} articles, {} sentences, {} events, {} quotes, {} errors{warnings}; {:.1} MB in {:.2}s ({:.2} MB/s)",
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

/// Options of a coding run.
pub struct RunOptions {
    /// Worker threads; 0 = all cores.
    pub threads: usize,
    /// Show a progress bar (only drawn when stderr is a terminal).
    pub progress: bool,
    /// The sink writes to a terminal: the progress bar is cleared while it does, so the two don't mix.
    pub output_is_terminal: bool,
    /// How inputs are read: CSV text column, date order, per-document budget.
    pub read: detente_ingest::ReadOptions,
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
    let progress = if options.progress {
        crate::progress::bytes(crate::progress::input_size(paths))
    } else {
        indicatif::ProgressBar::hidden()
    };
    let mut summary = Summary::default();

    // The reader runs on its own thread and hands over chunks through a small bounded channel, so reading,
    // decompressing and parsing overlap with coding without buffering the whole input.
    let (tx, rx) = crossbeam_channel::bounded::<Vec<Result<Article, detente_ingest::InputError>>>(2);
    let paths = paths.to_vec();
    let articles = detente_ingest::read_paths_with(&paths, options.read.clone());
    let bytes_read = articles.byte_counter();
    let reader = std::thread::spawn(move || {
        let mut chunk = Vec::with_capacity(CHUNK_ARTICLES);
        let mut chunk_bytes = 0usize;
        for item in articles {
            // Ctrl-C: read no more; what was read is still coded and handed on, so the run ends whole.
            if crate::interrupt::requested() {
                break;
            }
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

    // Chunks are coded as pool tasks, up to CHUNKS_IN_FLIGHT at a time, while this thread hands finished
    // ones to the sink in input order: the workers never wait for the sink or for the slowest article of
    // a chunk before starting on the next one.
    let (done_tx, done_rx) = crossbeam_channel::unbounded::<(usize, std::thread::Result<CodedChunk>)>();
    // With one coding thread, this thread (which otherwise only waits and writes) renders the output, so
    // that serialising overlaps with coding the next articles instead of following it on the one worker.
    // With more, the workers render in parallel: one thread could not keep up with many.
    let render_here = pool.current_num_threads() == 1;
    let mut outcome = Ok(());
    pool.in_place_scope(|scope| {
        let mut input = rx.iter();
        let mut input_done = false;
        let (mut spawned, mut sunk) = (0usize, 0usize);
        let mut ready: BTreeMap<usize, std::thread::Result<CodedChunk>> = BTreeMap::new();
        loop {
            while !input_done && outcome.is_ok() && spawned - sunk < CHUNKS_IN_FLIGHT {
                let Some(chunk) = input.next() else {
                    input_done = true;
                    break;
                };
                let (done_tx, render) = (done_tx.clone(), &render);
                let seq = spawned;
                scope.spawn(move |_| {
                    let coded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        code_chunk(coder, (!render_here).then_some(render), chunk)
                    }));
                    let _ = done_tx.send((seq, coded));
                });
                spawned += 1;
            }
            if sunk == spawned {
                break; // the input is done (or the sink failed) and nothing is left in flight
            }
            let coded = loop {
                if let Some(coded) = ready.remove(&sunk) {
                    break coded;
                }
                let (seq, coded) = done_rx.recv().expect("a sender is held here");
                ready.insert(seq, coded);
            };
            sunk += 1;
            let coded = coded.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            if outcome.is_err() {
                continue; // the sink failed: finish the chunks in flight, sink nothing more
            }
            for item in coded {
                match item {
                    Ok((coded, mut rendered)) => {
                        if render_here {
                            rendered = render(&coded);
                        }
                        summary.articles += 1;
                        summary.sentences += coded.sentences.len();
                        summary.events += coded.events.len();
                        summary.quotes += coded.quotes.len();
                        summary.bytes += coded.text.as_ref().map_or(0, |t| t.len() as u64);
                        let sunk = if options.output_is_terminal && !progress.is_hidden() {
                            progress.suspend(|| sink(&coded, &rendered))
                        } else {
                            sink(&coded, &rendered)
                        };
                        if let Err(e) = sunk {
                            outcome = Err(e);
                            break;
                        }
                    }
                    Err(e) => {
                        // An error lost an article; a warning did not (its article follows); a summary
                        // line counts the problems of an input that were not shown one by one.
                        summary.errors += e.error_count();
                        summary.warnings += e.warning_count();
                        progress.suspend(|| eprintln!("detente: {}", crate::output::clean(&e.to_string())));
                    }
                }
            }
            progress.set_position(bytes_read.get());
            progress.set_message(format!(
                "{} articles, {} events, {} errors",
                summary.articles, summary.events, summary.errors
            ));
        }
    });
    drop(rx);
    let _ = reader.join();
    progress.finish_and_clear();
    summary.elapsed = started.elapsed();
    summary.interrupted = crate::interrupt::requested();
    outcome.map(|()| summary)
}

/// One chunk's articles, coded and rendered (or the input error in their place), in input order.
type CodedChunk = Vec<Result<(CodedArticle, Vec<u8>), detente_ingest::InputError>>;

/// Code a chunk's articles in parallel; with `render`, render each too (else its rendering is left empty).
fn code_chunk<R>(
    coder: &Coder,
    render: Option<&R>,
    chunk: Vec<Result<Article, detente_ingest::InputError>>,
) -> CodedChunk
where
    R: Fn(&CodedArticle) -> Vec<u8> + Sync,
{
    chunk
        .into_par_iter()
        .map(|item| {
            item.and_then(|article| {
                let id = article.id.clone();
                // The article moves into its coded form: its text is not copied. A bug in the coder loses
                // this article, reported like a bad input line, not the run.
                let coded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| coder.code_owned(article)))
                    .map_err(|panic| coder_failure(&id, panic.as_ref()))?;
                let rendered = render.map(|render| render(&coded)).unwrap_or_default();
                Ok((coded, rendered))
            })
        })
        .collect()
}

/// The error that stands for an article the coder failed on (a bug: the message asks for a report).
fn coder_failure(id: &str, panic: &(dyn std::any::Any + Send)) -> detente_ingest::InputError {
    let why = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown cause".into());
    detente_ingest::InputError::file(
        &format!("article {id}"),
        format!("not coded: the coder failed ({why}); this is a bug in detente, please report it with the article"),
    )
}

/// True when an error chain is a closed stdout pipe (`detente code | head`): the run ends quietly.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A coder failure names the article and why, and reads as a lost article (an error), not a warning.
    #[test]
    fn a_coder_failure_is_reported_against_its_article() {
        let panic = std::panic::catch_unwind(|| panic!("index {} out of range", 7)).unwrap_err();
        let err = coder_failure("wire-0042", panic.as_ref());
        assert_eq!(err.error_count(), 1);
        let shown = err.to_string();
        assert!(shown.starts_with("article wire-0042: not coded:"), "{shown}");
        assert!(shown.contains("index 7 out of range"), "{shown}");
        let panic = std::panic::catch_unwind(|| panic!("plain words")).unwrap_err();
        assert!(coder_failure("b", panic.as_ref()).to_string().contains("(plain words)"));
    }

    /// More articles than several chunks hold, coded on two threads and on one (where this thread renders):
    /// the sink sees every one, once, in input order, with its own rendering; an unreadable line is
    /// counted, not fatal.
    #[test]
    fn many_chunks_reach_the_sink_in_input_order() {
        for threads in [2, 1] {
            many_chunks_on(threads);
        }
    }

    fn many_chunks_on(threads: usize) {
        let dir = std::env::temp_dir().join(format!("detente-pipeline-test-{}-{threads}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("many.jsonl");
        let n = CHUNK_ARTICLES * CHUNKS_IN_FLIGHT * 2 + 7;
        let mut input = String::new();
        for i in 0..n {
            if i == 300 {
                input.push_str("{not json\n");
            }
            // Article lengths vary so that chunks finish out of order.
            let filler = "Talks went on in Geneva. ".repeat(1 + (i * 7) % 23);
            let line = serde_json::json!({"id": format!("a{i}"), "text": format!("{filler}France and Germany met.")});
            input.push_str(&line.to_string());
            input.push('\n');
        }
        std::fs::write(&path, input).unwrap();
        let coder = Coder::builtin().unwrap();
        let options = RunOptions {
            threads,
            progress: false,
            output_is_terminal: false,
            read: detente_ingest::ReadOptions::default(),
        };
        let mut seen = Vec::new();
        let summary = run(
            &[path],
            &coder,
            &options,
            |c| c.id.clone().into_bytes(),
            |coded, rendered| {
                assert_eq!(rendered, coded.id.as_bytes());
                seen.push(coded.id.clone());
                Ok(())
            },
        )
        .unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(seen, (0..n).map(|i| format!("a{i}")).collect::<Vec<_>>());
        assert_eq!((summary.articles, summary.errors), (n, 1));
    }

    #[test]
    fn a_sink_error_stops_the_run() {
        let dir = std::env::temp_dir().join(format!("detente-pipeline-stop-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("some.jsonl");
        let lines: Vec<String> = (0..CHUNK_ARTICLES * 4)
            .map(|i| serde_json::json!({"id": i.to_string(), "text": "Peace talks."}).to_string())
            .collect();
        std::fs::write(&path, lines.join("\n")).unwrap();
        let coder = Coder::builtin().unwrap();
        let options = RunOptions {
            threads: 2,
            progress: false,
            output_is_terminal: false,
            read: detente_ingest::ReadOptions::default(),
        };
        let mut calls = 0;
        let result = run(
            &[path],
            &coder,
            &options,
            |_| Vec::new(),
            |_, _| {
                calls += 1;
                if calls == 10 {
                    Err(anyhow::anyhow!("sink closed"))
                } else {
                    Ok(())
                }
            },
        );
        let _ = std::fs::remove_dir_all(&dir);
        assert!(result.is_err());
        assert_eq!(calls, 10);
    }
}
