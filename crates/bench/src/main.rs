//! `detente-bench`: how fast is detente on real news, and where does the time go.
//!
//! Reports dictionary load time, the gazetteer's load time and resident memory; MB/s and sentences/s per
//! coder stage (segmentation, actors, quotes, events, places) on one core; the whole coder on one core and
//! on all cores; and, given the release binary, `detente code` end to end (one thread and all cores, with peak resident memory) and `detente ingest`.
//! Prints a table and, with `--json`, the same figures as JSON; with `--baseline`, any figure more than
//! 20% worse than the recorded one is reported.

use anyhow::{Context, Result, bail};
use clap::Parser;
use detente_coder::{Coder, text};
use detente_records::Article;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

#[derive(Parser)]
#[command(about = "Benchmark detente on a JSONL news corpus (.jsonl or .jsonl.xz)")]
struct Args {
    /// The corpus: JSON Lines with a `text` field, optionally xz-compressed.
    #[arg(long, default_value = "../shared/corpus/bench.jsonl.xz")]
    corpus: PathBuf,
    /// Use at most this many articles (0 = all).
    #[arg(long, default_value_t = 0)]
    limit: usize,
    /// The release `detente` binary, for the end-to-end figures.
    #[arg(long)]
    binary: Option<PathBuf>,
    /// Recorded figures to compare with; slowdowns over 20% are reported.
    #[arg(long)]
    baseline: Option<PathBuf>,
    /// Write the figures as JSON here.
    #[arg(long)]
    json: Option<PathBuf>,
    /// Skip the `detente ingest` figure.
    #[arg(long)]
    no_store: bool,
}

/// One figure: higher is better unless `lower_is_better`.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Figure {
    value: f64,
    unit: String,
    #[serde(default)]
    lower_is_better: bool,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Report {
    nproc: usize,
    corpus: String,
    articles: usize,
    megabytes: f64,
    /// The machine's one-minute load average when the run started: figures taken on a busy machine are low.
    #[serde(default)]
    load_average: Option<f64>,
    figures: BTreeMap<String, Figure>,
}

impl Report {
    fn put(&mut self, name: &str, value: f64, unit: &str, lower_is_better: bool) {
        self.figures.insert(
            name.to_string(),
            Figure {
                value,
                unit: unit.to_string(),
                lower_is_better,
            },
        );
    }
}

// The allocator of the `detente` binary (crates/cli/src/main.rs): the dictionary load and the per-stage
// figures measured in this process are then those a user of the CLI gets.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<()> {
    let args = Args::parse();
    let articles = load_corpus(&args.corpus, args.limit)?;
    if articles.is_empty() {
        bail!("{}: no articles", args.corpus.display());
    }
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let mb = bytes as f64 / 1e6;
    let mut report = Report {
        nproc: std::thread::available_parallelism().map_or(1, |n| n.get()),
        corpus: args.corpus.display().to_string(),
        articles: articles.len(),
        megabytes: mb,
        load_average: std::fs::read_to_string("/proc/loadavg")
            .ok()
            .and_then(|l| l.split_whitespace().next().and_then(|v| v.parse().ok())),
        ..Report::default()
    };
    eprintln!("corpus: {} articles, {:.1} MB of text", articles.len(), mb);

    // Dictionary load: the best of a few runs (the first pays for page faults).
    let (mut load_ms, mut load_cpu_ms) = (f64::MAX, f64::MAX);
    let mut coder = None;
    for _ in 0..5 {
        let t = Instant::now();
        let cpu = process_cpu_seconds();
        let c = Coder::builtin().map_err(|e| anyhow::anyhow!("{e}"))?;
        load_ms = load_ms.min(t.elapsed().as_secs_f64() * 1e3);
        load_cpu_ms = load_cpu_ms.min((process_cpu_seconds() - cpu) * 1e3);
        coder = Some(c);
    }
    let coder = coder.expect("loaded");
    report.put("dictionary_load_ms", load_ms, "ms", true);
    // The gazetteer alone (it loads on its own thread inside Coder::with_sources): time, and the resident
    // memory it adds, measured after handing freed memory back.
    let (mut gazetteer_ms, mut gazetteer_cpu_ms) = (f64::MAX, f64::MAX);
    for _ in 0..5 {
        let t = Instant::now();
        let cpu = thread_cpu_seconds();
        let places = detente_coder::places::Places::load(&[]).map_err(|e| anyhow::anyhow!("{e}"))?;
        gazetteer_ms = gazetteer_ms.min(t.elapsed().as_secs_f64() * 1e3);
        gazetteer_cpu_ms = gazetteer_cpu_ms.min((thread_cpu_seconds() - cpu) * 1e3);
        std::hint::black_box(places);
    }
    report.put("gazetteer_load_ms", gazetteer_ms, "ms", true);
    // It loads on one thread: its CPU time is the work, whatever the machine's load.
    report.put("gazetteer_load_cpu_ms", gazetteer_cpu_ms, "ms", true);
    release_free_memory();
    let before = proc_status_kb("/proc/self/status", "VmRSS:").unwrap_or(0);
    let places = detente_coder::places::Places::load(&[]).map_err(|e| anyhow::anyhow!("{e}"))?;
    release_free_memory();
    let after = proc_status_kb("/proc/self/status", "VmRSS:").unwrap_or(0);
    report.put(
        "gazetteer_rss_mb",
        after.saturating_sub(before) as f64 / 1024.0,
        "MB",
        true,
    );
    drop(places);
    // CPU time of all loading threads: the work, whatever the machine's load.
    report.put("dictionary_load_cpu_ms", load_cpu_ms, "ms", true);

    // Per stage, one thread: each stage timed on its own, fed by the previous stages' output.
    let (mut t_seg, mut t_tok, mut t_act, mut t_quo, mut t_evt, mut t_plc) = (0f64, 0f64, 0f64, 0f64, 0f64, 0f64);
    let mut sentences = 0usize;
    for a in &articles {
        let t = Instant::now();
        let sents = text::segment(&a.text);
        t_seg += t.elapsed().as_secs_f64();
        // The tokens the later stages share, as Coder::code computes them once.
        let t = Instant::now();
        let tokens = text::ArticleTokens::of(&a.text, &sents);
        t_tok += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let mentions = coder.actors.recognize(&a.text, &sents, a.date.as_deref());
        t_act += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let quotes = coder.quotes.extract(&a.text, &sents, &mentions);
        t_quo += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let mut events = coder
            .events
            .code_awaiting_hosts_tokenized(&a.text, &sents, &tokens, &mentions, &quotes);
        detente_coder::events::settle(&mut events);
        t_evt += t.elapsed().as_secs_f64();
        // Places: recognition and event location, as Coder::code runs them (only for articles with events).
        let t = Instant::now();
        coder
            .places
            .locate_events_tokenized(&a.text, &sents, &tokens, &mentions, &mut events);
        t_plc += t.elapsed().as_secs_f64();
        sentences += sents.len();
        std::hint::black_box(events);
    }
    for (name, secs) in [
        ("segmentation", t_seg),
        ("tokens", t_tok),
        ("actors", t_act),
        ("quotes", t_quo),
        ("events", t_evt),
        ("places", t_plc),
    ] {
        report.put(&format!("stage_{name}_mb_s"), mb / secs.max(1e-9), "MB/s", false);
        report.put(
            &format!("stage_{name}_sentences_s"),
            sentences as f64 / secs.max(1e-9),
            "sentences/s",
            false,
        );
    }

    // The whole coder in process, one thread and all cores (coding only, no I/O).
    let t = Instant::now();
    let cpu = thread_cpu_seconds();
    for a in &articles {
        std::hint::black_box(coder.code(a));
    }
    let one = t.elapsed().as_secs_f64();
    let one_cpu = thread_cpu_seconds() - cpu;
    report.put("coder_1_thread_mb_s", mb / one, "MB/s", false);
    // Per CPU-second of the coding thread: what one dedicated core does, even on a busy machine.
    report.put("coder_1_thread_mb_per_cpu_s", mb / one_cpu.max(1e-9), "MB/s", false);
    report.put(
        "coder_1_thread_sentences_s",
        sentences as f64 / one,
        "sentences/s",
        false,
    );
    let t = Instant::now();
    articles.par_iter().for_each(|a| {
        std::hint::black_box(coder.code(a));
    });
    let all = t.elapsed().as_secs_f64();
    report.put("coder_all_cores_mb_s", mb / all, "MB/s", false);
    report.put(
        "coder_all_cores_articles_s",
        articles.len() as f64 / all,
        "articles/s",
        false,
    );
    report.put("coder_speedup_all_cores", one / all, "x", false);

    report.put("bench_process_peak_rss_mb", own_peak_rss_mb(), "MB", true);

    if let Some(binary) = &args.binary {
        let dir = std::env::temp_dir().join(format!("detente-bench-{}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        let input = dir.join("corpus.jsonl");
        write_jsonl(&input, &articles)?;
        // The children are measured on their own: this process's corpus and dictionaries are not needed.
        let article_count = articles.len();
        drop(articles);
        drop(coder);
        release_free_memory();
        let mut wall = [0f64; 2];
        for (k, (label, threads)) in [("1_thread", Some(1)), ("all_cores", None)].into_iter().enumerate() {
            let mut cmd = Command::new(binary);
            cmd.arg("code").arg(&input).arg("--format").arg("jsonl").arg("--quiet");
            if let Some(n) = threads {
                cmd.arg("--threads").arg(n.to_string());
            }
            let (secs, peak_mb, cpu) = run_child(cmd)?;
            wall[k] = secs;
            report.put(&format!("binary_code_{label}_mb_s"), mb / secs, "MB/s", false);
            report.put(
                &format!("binary_code_{label}_mb_per_cpu_s"),
                mb / cpu.max(1e-9),
                "MB/s",
                false,
            );
            report.put(&format!("binary_code_{label}_peak_rss_mb"), peak_mb, "MB", true);
        }
        report.put("binary_code_speedup_all_cores", wall[0] / wall[1].max(1e-9), "x", false);
        if !args.no_store {
            let db = dir.join("bench.db");
            let mut cmd = Command::new(binary);
            cmd.arg("ingest").arg("--db").arg(&db).arg(&input);
            match run_child(cmd) {
                Ok((secs, peak_mb, _)) => {
                    report.put(
                        "binary_ingest_articles_s",
                        article_count as f64 / secs,
                        "articles/s",
                        false,
                    );
                    report.put("binary_ingest_mb_s", mb / secs, "MB/s", false);
                    report.put("binary_ingest_peak_rss_mb", peak_mb, "MB", true);
                }
                Err(e) => eprintln!("ingest benchmark skipped: {e:#}"),
            }
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    print_table(&report);
    print_targets(&report);
    if let Some(path) = &args.json {
        std::fs::write(path, serde_json::to_string_pretty(&report)? + "\n")
            .with_context(|| format!("writing {}", path.display()))?;
    }
    if let Some(path) = &args.baseline {
        compare(&report, path)?;
    }
    Ok(())
}

/// Articles from JSONL or JSONL.xz, decompressed on the fly.
fn load_corpus(path: &Path, limit: usize) -> Result<Vec<Article>> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut raw = Vec::new();
    if path.extension().is_some_and(|e| e == "xz") {
        // With a limit, decompression stops once that many lines are in (the sink refuses more bytes).
        let mut sink = LineLimited {
            out: &mut raw,
            lines: 0,
            limit,
        };
        let result = lzma_rs::xz_decompress(&mut BufReader::new(file), &mut sink);
        if let Err(e) = result
            && !sink.full()
        {
            bail!("{}: {e:?}", path.display());
        }
    } else {
        BufReader::new(file).read_to_end(&mut raw)?;
    }
    #[derive(Deserialize)]
    struct Line {
        id: Option<String>,
        text: String,
        date: Option<String>,
        title: Option<String>,
        source: Option<String>,
    }
    let mut out = Vec::new();
    for (n, line) in raw.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let l: Line = serde_json::from_str(&line).with_context(|| format!("{}:{}", path.display(), n + 1))?;
        out.push(Article {
            id: l.id.unwrap_or_else(|| format!("line-{}", n + 1)),
            text: l.text,
            date: l.date.map(|d| d.chars().take(10).collect()),
            title: l.title,
            source: l.source,
            url: None,
        });
        if limit > 0 && out.len() >= limit {
            break;
        }
    }
    Ok(out)
}

/// A byte sink that takes whole lines until `limit` of them are in (0 = no limit), then refuses more.
struct LineLimited<'a> {
    out: &'a mut Vec<u8>,
    lines: usize,
    limit: usize,
}

impl LineLimited<'_> {
    fn full(&self) -> bool {
        self.limit > 0 && self.lines >= self.limit
    }
}

impl Write for LineLimited<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.full() {
            return Err(std::io::Error::other("enough lines"));
        }
        let mut take = buf.len();
        if self.limit > 0 {
            for (i, _) in buf.iter().enumerate().filter(|(_, b)| **b == b'\n') {
                self.lines += 1;
                if self.full() {
                    take = i + 1;
                    break;
                }
            }
        }
        self.out.extend_from_slice(&buf[..take]);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn write_jsonl(path: &Path, articles: &[Article]) -> Result<()> {
    let mut w = std::io::BufWriter::new(std::fs::File::create(path)?);
    for a in articles {
        serde_json::to_writer(&mut w, a)?;
        w.write_all(b"\n")?;
    }
    w.flush()?;
    Ok(())
}

/// Run a child to completion with stdout to /dev/null; wall seconds, its peak resident memory (MB) and the
/// CPU seconds it used (user and system, all threads).
fn run_child(mut cmd: Command) -> Result<(f64, f64, f64)> {
    cmd.stdout(Stdio::null());
    let t = Instant::now();
    let mut child = cmd.spawn().context("starting the detente binary")?;
    let pid = child.id() as libc::pid_t;
    // The kernel's figure for a child (ru_maxrss) is at least this process's own peak, which it inherits
    // through exec; the child's own high-water mark (VmHWM) is read from /proc while it runs instead.
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watcher = {
        let done = done.clone();
        std::thread::spawn(move || {
            let mut peak_kb = 0u64;
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                if let Some(kb) = proc_status_kb(&format!("/proc/{pid}/status"), "VmHWM:") {
                    peak_kb = peak_kb.max(kb);
                }
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            peak_kb
        })
    };
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our own child, status and usage are valid for writes; wait4 reaps it, so the
    // Child handle must not be waited on again (it is dropped below without waiting).
    let rc = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let secs = t.elapsed().as_secs_f64();
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    let watched_kb = watcher.join().unwrap_or(0);
    if rc < 0 {
        let _ = child.kill();
        bail!("wait4 failed: {}", std::io::Error::last_os_error());
    }
    if !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        bail!("{cmd:?} failed (status {status})");
    }
    let cpu = timeval_seconds(usage.ru_utime) + timeval_seconds(usage.ru_stime);
    let peak_kb = if watched_kb > 0 {
        watched_kb
    } else {
        usage.ru_maxrss as u64
    };
    Ok((secs, peak_kb as f64 / 1024.0, cpu))
}

fn timeval_seconds(t: libc::timeval) -> f64 {
    t.tv_sec as f64 + t.tv_usec as f64 / 1e6
}

/// CPU seconds used so far by the calling thread.
fn thread_cpu_seconds() -> f64 {
    cpu_seconds(libc::RUSAGE_THREAD)
}

/// CPU seconds used so far by this process (all threads).
fn process_cpu_seconds() -> f64 {
    cpu_seconds(libc::RUSAGE_SELF)
}

fn cpu_seconds(who: libc::c_int) -> f64 {
    // SAFETY: an all-zero rusage is a valid value for getrusage to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: usage is valid for writes.
    if unsafe { libc::getrusage(who, &mut usage) } != 0 {
        return f64::NAN;
    }
    timeval_seconds(usage.ru_utime) + timeval_seconds(usage.ru_stime)
}

/// Hand freed heap memory back to the system, so that this process's resident size drops.
fn release_free_memory() {
    // SAFETY: mi_collect only frees the allocator's unused memory; nothing else runs on other threads here.
    unsafe {
        libmimalloc_sys::mi_collect(true);
    }
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory of the allocator (the C library's, which C code may use).
    unsafe {
        libc::malloc_trim(0);
    }
}

/// A `kB` figure of a /proc status file (`VmHWM:`, `VmRSS:`).
fn proc_status_kb(path: &str, key: &str) -> Option<u64> {
    let status = std::fs::read_to_string(path).ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn own_peak_rss_mb() -> f64 {
    proc_status_kb("/proc/self/status", "VmHWM:").map_or(0.0, |kb| kb as f64 / 1024.0)
}

fn print_table(report: &Report) {
    println!(
        "detente benchmark: {} articles, {:.1} MB, nproc {}, load average {}, corpus {}",
        report.articles,
        report.megabytes,
        report.nproc,
        report.load_average.map_or("?".to_string(), |l| format!("{l:.2}")),
        report.corpus
    );
    println!("{:<40} {:>14}  unit", "figure", "value");
    for (name, f) in &report.figures {
        println!("{:<40} {:>14.2}  {}", name, f.value, f.unit);
    }
}

/// The performance targets of the project, checked against the figures (informational: the exit status
/// stays 0). The end-to-end figures are used when the binary was measured, else the in-process coder's.
fn print_targets(report: &Report) {
    fn get<'a>(report: &Report, names: &[&'a str]) -> Option<(&'a str, f64)> {
        names.iter().find_map(|n| report.figures.get(*n).map(|f| (*n, f.value)))
    }
    let get = |names: &[&'static str]| get(report, names);
    // What is checked, the figure it is checked on (name, value), whether it is met.
    type Check = (String, Option<(&'static str, f64)>, bool);
    let mut checks: Vec<Check> = Vec::new();
    let one = get(&["binary_code_1_thread_mb_s", "coder_1_thread_mb_s"]);
    checks.push((
        "whole pipeline >= 10 MB/s on one core".into(),
        one,
        one.is_some_and(|(_, v)| v >= 10.0),
    ));
    // On a busy machine wall time undercounts: the same per CPU-second of the process.
    let per_cpu = get(&["binary_code_1_thread_mb_per_cpu_s", "coder_1_thread_mb_per_cpu_s"]);
    checks.push((
        "... per CPU-second of the process".into(),
        per_cpu,
        per_cpu.is_some_and(|(_, v)| v >= 10.0),
    ));
    if report.nproc >= 2 {
        let speedup = get(&["binary_code_speedup_all_cores", "coder_speedup_all_cores"]);
        let want = 1.8 * (report.nproc as f64 / 2.0);
        checks.push((
            format!("all {} cores >= {want:.1}x one core", report.nproc),
            speedup,
            speedup.is_some_and(|(_, v)| v >= want),
        ));
    }
    let rss = get(&["binary_code_all_cores_peak_rss_mb"]);
    checks.push(("peak memory < 300 MB".into(), rss, rss.is_some_and(|(_, v)| v < 300.0)));
    let load = get(&["dictionary_load_ms"]);
    checks.push((
        "dictionary load < 50 ms".into(),
        load,
        load.is_some_and(|(_, v)| v < 50.0),
    ));
    let gazetteer = get(&["gazetteer_load_ms"]);
    checks.push((
        "gazetteer load <= 50 ms".into(),
        gazetteer,
        gazetteer.is_some_and(|(_, v)| v <= 50.0),
    ));
    let gazetteer = get(&["gazetteer_load_cpu_ms"]);
    checks.push((
        "... CPU time of the loading thread".into(),
        gazetteer,
        gazetteer.is_some_and(|(_, v)| v <= 50.0),
    ));
    let gazetteer_rss = get(&["gazetteer_rss_mb"]);
    checks.push((
        "gazetteer memory <= 60 MB".into(),
        gazetteer_rss,
        gazetteer_rss.is_some_and(|(_, v)| v <= 60.0),
    ));
    println!("targets:");
    for (what, figure, met) in checks {
        match figure {
            Some((name, value)) => {
                println!(
                    "  {:<7} {what:<40} ({name} = {value:.2})",
                    if met { "met" } else { "MISSED" }
                )
            }
            None => println!("  {:<7} {what:<40} (not measured: needs --binary)", "-"),
        }
    }
}

/// Report figures more than 20% worse than the baseline. Informational: the exit status stays 0.
fn compare(report: &Report, baseline: &Path) -> Result<()> {
    let text = match std::fs::read_to_string(baseline) {
        Ok(t) => t,
        Err(e) => {
            println!("no baseline at {} ({e}): nothing to compare", baseline.display());
            return Ok(());
        }
    };
    let base: Report = serde_json::from_str(&text).with_context(|| format!("parsing {}", baseline.display()))?;
    let mut slower = 0;
    for (name, f) in &report.figures {
        let Some(b) = base.figures.get(name) else { continue };
        if b.value <= 0.0 {
            continue;
        }
        let ratio = f.value / b.value;
        let worse = if f.lower_is_better { ratio > 1.2 } else { ratio < 0.8 };
        if worse {
            slower += 1;
            println!(
                "REGRESSION: {name} is {:.2} {} against {:.2} recorded ({:+.0}%)",
                f.value,
                f.unit,
                b.value,
                (ratio - 1.0) * 100.0
            );
        }
    }
    if slower == 0 {
        println!(
            "regression guard: no figure more than 20% worse than {}",
            baseline.display()
        );
    }
    Ok(())
}
