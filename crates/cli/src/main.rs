//! `detente`: political event data and attributed quotes from news text.

mod args;
mod causes;
mod coding;
mod config;
mod dictionaries;
mod docs;
mod eval;
mod fail;
mod interrupt;
mod map;
mod output;
mod pipeline;
mod places_cmd;
mod progress;
mod read_args;
mod render;
#[cfg(feature = "server")]
mod serve;
mod store_cmds;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

const AFTER_HELP: &str = "\
Examples:
  detente code examples/article.txt             read one article, show sentences, actors, quotes, events
  detente code corpus.jsonl.gz > coded.jsonl    code a corpus to JSON Lines (output schema v1)
  detente quotes article.html                   who said what, grouped by speaker
  detente explain \"Russia attacked Ukraine.\"     why an event was (or was not) coded
  detente ingest corpus/ && detente events --dyad RUS,UKR

Inputs: .txt, .jsonl/.ndjson, .csv/.tsv (with a header: text column, optional id, title, date, source,
url), .html/.htm, RSS/Atom (.xml/.rss/.atom), WARC (.warc), any of them .gz, .xz, .bz2 or .zst, in UTF-8
or UTF-16; directories (recursive, sorted), and - for standard input.
Exit status: 0 done, 1 some input or operation failed, 2 usage or validation error, 130 interrupted.";

#[derive(Parser)]
#[command(
    name = "detente",
    version,
    about = "Who did what to whom, and who said what: political event data from news text.",
    after_help = AFTER_HELP,
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Code articles: sentences, actors, quotes and events (readable on a terminal, JSON Lines when piped).
    Code(coding::CodeArgs),
    /// Show each actor mention with its span, code and how it was resolved (for tuning dictionaries).
    Actors(coding::ActorsArgs),
    /// Who said what: quotes in files grouped by speaker, or (without paths) quotes in the store.
    Quotes(coding::QuotesArgs),
    /// Explain how one sentence (or short text) is coded: actors, triggers, patterns, and why.
    Explain(coding::ExplainArgs),
    /// Score the coder on a gold file (quotes, speakers, events; or PolNeAR attributions).
    #[command(long_about = eval::LONG_ABOUT)]
    Eval(eval::EvalCmd),
    /// Code articles and store them in the database (idempotent; copies of a story linked).
    Ingest(coding::IngestArgs),
    /// Re-code every stored article (after a dictionary change); resumes an interrupted run.
    Recode(store_cmds::recode::RecodeArgs),
    /// List stored events, newest first: by actor (code or name), dyad, date, CAMEO code, PLOVER type.
    Events(store_cmds::events::EventsArgs),
    /// Full-text search over stored articles and quotes, ranked, with highlighted snippets.
    Search(store_cmds::search::SearchArgs),
    /// What the database holds: articles, events, quotes, dates, top dyads, codings.
    Stats(store_cmds::stats::StatsArgs),
    /// Events between two actors per day, week or month: counts by quad class and Goldstein.
    Trend(store_cmds::trend::TrendArgs),
    /// Dyads whose conflict rises above their own baseline, with the evidence.
    Alerts(store_cmds::alerts::AlertsArgs),
    /// The actor interaction graph (JSON or GraphViz DOT), weighted by counts and tone.
    Network(store_cmds::network::NetworkArgs),
    /// Export stored events: Parquet (partitioned), CSV, GDELT 2.0 or ICEWS-style tables.
    Export(store_cmds::export::ExportArgs),
    /// List the places articles name, resolved against the built-in gazetteer (coordinates, country, region).
    Places(places_cmd::PlacesArgs),
    /// Draw stored events on a world or region map (SVG): circles sized by count, coloured by quad class.
    Map(map::MapArgs),
    /// Serve the JSON API and the web dashboard over the store (http://127.0.0.1:8080 by default).
    #[cfg(feature = "server")]
    Serve(serve::ServeArgs),
    /// Print a shell completion script: `detente completions bash > ~/.local/share/bash-completion/completions/detente`.
    Completions(docs::CompletionsArgs),
    /// Print the man page (roff): `detente man > detente.1; man ./detente.1`.
    Man(docs::ManArgs),
}

// Coding allocates many small values per article: mimalloc took 11-15% off the CPU time of a POST /v1/code
// (0.98-1.04 → 0.87-0.89 ms per 5 KB article, measured with detente-loadgen) and off `detente code` alike.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    fail::install_panic_hook();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let hint = match e.kind() {
                clap::error::ErrorKind::UnknownArgument => {
                    store_cmds::search::unknown_option_hint(&std::env::args_os().collect::<Vec<_>>())
                }
                _ => None,
            };
            match hint {
                Some(hint) => eprintln!("detente: error: {}", output::clean(&hint)),
                None => {
                    let _ = e.print();
                }
            }
            return if e.use_stderr() {
                ExitCode::from(fail::EXIT_USAGE)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    interrupt::install();
    match run(cli.command) {
        Ok(code) => code,
        Err(_) if output::stdout_closed() => ExitCode::SUCCESS,
        Err(e) if pipeline::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            if !e.chain().any(|c| c.is::<fail::Interrupted>()) {
                eprintln!("detente: error: {}", fail::message(&e));
            }
            fail::exit_code(&e)
        }
    }
}

fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Code(args) => coding::run_code(&args),
        Command::Actors(args) => coding::run_actors(&args),
        Command::Quotes(args) => coding::run_quotes(args),
        Command::Explain(args) => coding::run_explain(&args),
        Command::Eval(args) => eval::run_cmd(&args),
        Command::Ingest(args) => coding::run_ingest(args),
        Command::Recode(args) => store_cmds::recode::run(args),
        Command::Events(args) => store_cmds::events::run(args),
        Command::Search(args) => store_cmds::search::run(args),
        Command::Stats(args) => store_cmds::stats::run(args),
        Command::Trend(args) => store_cmds::trend::run(args),
        Command::Alerts(args) => store_cmds::alerts::run(args),
        Command::Network(args) => store_cmds::network::run(args),
        Command::Export(args) => store_cmds::export::run(args),
        Command::Places(args) => places_cmd::run(&args),
        Command::Map(args) => map::run(args),
        #[cfg(feature = "server")]
        Command::Serve(args) => serve::run(args),
        Command::Completions(args) => docs::completions(&args),
        Command::Man(args) => docs::man(&args),
    }
}
