//! `detente recode`: code every stored article again (after a dictionary change) and replace its coding.
//! Resumable: each page's coding and the position reached are committed together, so an interrupted or
//! killed run is continued by the next one with the same dictionaries and Goldstein table.

use std::process::ExitCode;

use anyhow::Result;
use clap::Args;
use rayon::prelude::*;

use super::DbArg;
use crate::args::{ConfigArg, DictionaryArg, GoldsteinArg, ThreadsArg, settings};
use crate::fail::Interrupted;

/// `detente recode`.
#[derive(Args, Debug, Clone)]
pub struct RecodeArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Articles per transaction (what an interruption can cost at most).
    #[arg(long, default_value_t = 256, value_name = "N")]
    pub batch: usize,
    #[command(flatten)]
    pub dictionaries: DictionaryArg,
    #[command(flatten)]
    pub goldstein: GoldsteinArg,
    #[command(flatten)]
    pub threads: ThreadsArg,
    #[command(flatten)]
    pub config: ConfigArg,
}

pub fn run(mut args: RecodeArgs) -> Result<ExitCode> {
    let settings = settings(
        &args.config,
        Some(&args.dictionaries),
        Some(&args.threads),
        Some(&args.goldstein),
    )?;
    super::with_db(&mut args.db, &settings);
    let (coder, sources) = settings.coder()?;
    let coding = settings.coding(&sources);
    if args.batch == 0 {
        return Err(crate::fail::usage("--batch: at least 1 article per transaction"));
    }
    let path = args.db.path();
    if !path.exists() {
        return Err(detente_store::Error::Missing {
            path: path.display().to_string(),
        }
        .into());
    }
    let mut store = detente_store::Store::open(&path)?;
    let pool = rayon::ThreadPoolBuilder::new().num_threads(settings.threads).build()?;
    let started = std::time::Instant::now();
    let mut run = store.start_recode(&coding)?;
    if let Some(other) = &run.abandoned {
        eprintln!(
            "detente: an interrupted re-coding with other settings ({} / {} / {}) is abandoned: starting over",
            other.coder_version, other.dictionary_set, other.goldstein_table
        );
    }
    if run.resumed {
        eprintln!(
            "detente: resuming the interrupted re-coding: {} of {} articles were done",
            run.done, run.total
        );
    }
    let bar = crate::progress::count(run.total, "articles");
    bar.set_position(run.done);
    let mut total = detente_store::BatchSummary::default();
    loop {
        if crate::interrupt::requested() {
            bar.finish_and_clear();
            eprintln!(
                "detente: interrupted: {} of {} articles are re-coded and committed; run `detente recode` again \
                 (with the same options) to resume",
                run.done, run.total
            );
            return Err(Interrupted.into());
        }
        let page = store.articles_after(run.after, args.batch)?;
        if page.is_empty() {
            break;
        }
        let coded: Vec<_> = pool.install(|| page.par_iter().map(|(_, article)| coder.code(article)).collect());
        total.add(&store.recode_page(&mut run, &page, &coded)?);
        bar.set_position(run.done);
    }
    store.finish_recode(&run)?;
    bar.finish_and_clear();
    eprintln!(
        "detente: re-coded {} articles ({} events, {} quotes) with dictionary set {}, Goldstein table {}, in {:.2}s",
        total.replaced + total.inserted,
        total.events,
        total.quotes,
        coding.dictionary_set,
        coding.goldstein_table,
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}
