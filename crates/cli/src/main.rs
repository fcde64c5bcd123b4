//! `detente`: political event data and attributed quotes from news text.

mod config;
mod eval;
mod map;
mod pipeline;
mod places_cmd;
mod render;
#[cfg(feature = "server")]
mod serve;
mod store_cmds;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use detente_records::Article;
use pipeline::{RunOptions, Summary};
use render::Palette;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

const AFTER_HELP: &str = "\
Examples:
  detente code examples/article.txt             read one article, show sentences, actors, quotes, events
  detente code corpus.jsonl.gz > coded.jsonl    code a corpus to JSON Lines (output schema v1)
  detente quotes article.html                   who said what, grouped by speaker
  detente explain \"Russia attacked Ukraine.\"     why an event was (or was not) coded
  detente ingest corpus/ && detente events --dyad RUS,UKR

Inputs: .txt, .jsonl/.ndjson, .html/.htm, RSS/Atom (.xml/.rss/.atom), WARC (.warc), any of them .gz,
directories (recursive, sorted), and - for standard input.";

#[derive(Parser)]
#[command(name = "detente", version, about = "Who did what to whom, and who said what: political event data from news text.", after_help = AFTER_HELP)]
struct Cli {
    #[command(flatten)]
    global: GlobalArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
struct GlobalArgs {
    /// Extra dictionary folder (actors *.actors.toml, triggers *.triggers.toml, cues *.cues.toml, or
    /// PETRARCH/TABARI files): adds to and overrides the built-in dictionaries. Repeatable.
    #[arg(long, global = true, value_name = "DIR")]
    dictionaries: Vec<PathBuf>,
    /// Config file (TOML: dictionaries = ["dir"], threads = N, db = "path"). Default: ./detente.toml, then
    /// ~/.config/detente/config.toml, when present.
    #[arg(long, global = true, env = "DETENTE_CONFIG", value_name = "FILE")]
    config: Option<PathBuf>,
    /// Worker threads for coding (default: all cores).
    #[arg(long, short = 'j', global = true, value_name = "N")]
    threads: Option<usize>,
    /// Goldstein table for event intensities (default: gdelt).
    #[arg(long, global = true, value_enum)]
    goldstein: Option<config::Goldstein>,
}

#[derive(Subcommand)]
enum Command {
    /// Code articles: sentences, actors, quotes and events (JSON Lines when piped, readable on a terminal).
    Code(CodeArgs),
    /// Show each actor mention with its span, code and how it was resolved (for tuning dictionaries).
    Actors(InputArgs),
    /// Who said what: quotes in files grouped by speaker, or (without paths) quotes in the store.
    Quotes(QuotesArgs),
    /// Explain how one sentence (or short text) is coded: actors, triggers, patterns, and why.
    Explain(ExplainArgs),
    /// Score the coder on a gold file (the acceptance metrics: quotes, speakers, events, PolNeAR).
    Eval(eval::EvalArgs),
    /// Code articles and store them in the database (idempotent; near-duplicates linked).
    Ingest(IngestArgs),
    /// Re-code every stored article (after a dictionary change).
    Recode(store_cmds::RecodeArgs),
    /// List stored events: --source/--target/--dyad, --since/--until, --root, --plover, --quad, --factual.
    Events(store_cmds::EventsArgs),
    /// Full-text search over stored articles and quotes, ranked, with highlighted snippets.
    Search(store_cmds::SearchArgs),
    /// Events between two actors per day, week or month: counts by quad class and Goldstein.
    Trend(store_cmds::TrendArgs),
    /// Dyads whose conflict rises above their own baseline, with the evidence.
    Alerts(store_cmds::AlertsArgs),
    /// The actor interaction graph (JSON or GraphViz DOT), weighted by counts and tone.
    Network(store_cmds::NetworkArgs),
    /// Export stored events: Parquet (Hive date partitions), CSV or GDELT-style TSV.
    Export(store_cmds::ExportArgs),
    /// List the places articles name, resolved against the built-in gazetteer (coordinates, country, region).
    Places(places_cmd::PlacesArgs),
    /// Draw stored events on a world or region map (SVG): circles sized by count, coloured by quad class.
    Map(map::MapArgs),
    /// Serve the JSON API and the web dashboard over the store (http://127.0.0.1:8080 by default).
    #[cfg(feature = "server")]
    Serve(serve::ServeArgs),
}

#[derive(Args)]
struct IngestArgs {
    /// Input files or folders; `-` or nothing reads standard input.
    paths: Vec<PathBuf>,
    #[command(flatten)]
    db: store_cmds::DbArg,
    /// Articles per transaction.
    #[arg(long, default_value_t = 1000, value_name = "N")]
    batch: usize,
}

#[derive(Args)]
struct InputArgs {
    /// Input files or folders; `-` or nothing reads standard input.
    paths: Vec<PathBuf>,
    /// Output format (default: pretty on a terminal, jsonl otherwise).
    #[arg(long, short)]
    format: Option<OutputFormat>,
}

#[derive(Args)]
struct CodeArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Leave the article text out of JSON output (spans still refer to it).
    #[arg(long)]
    no_text: bool,
    /// Don't print the summary line on stderr.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Args)]
struct QuotesArgs {
    /// Input files or folders to code; without paths, the store is queried.
    paths: Vec<PathBuf>,
    /// Output format (default: pretty/table on a terminal, jsonl otherwise).
    #[arg(long, short)]
    format: Option<QuotesFormat>,
    #[command(flatten)]
    query: store_cmds::QuotesQueryArgs,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum QuotesFormat {
    /// Grouped by speaker (files) or a table (store).
    Pretty,
    /// JSON Lines: the schema for files, one quote per line for the store.
    Jsonl,
    /// Comma-separated values (store only).
    Csv,
}

#[derive(Args)]
struct ExplainArgs {
    /// The sentence or text to explain; `-` reads standard input.
    text: String,
    /// Article date (YYYY-MM-DD): people's roles depend on it.
    #[arg(long)]
    date: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    /// One JSON object per article (output schema v1).
    Jsonl,
    /// A readable view, coloured on a terminal.
    Pretty,
    /// Events as GDELT 2.0 event-table rows (tab-separated, with a header).
    Gdelt,
    /// Events as CSV, every field, with a header.
    Csv,
    /// Events as POLECAT-style JSON lines (PLOVER type, actor, recipient, sectors).
    Plover,
}

impl OutputFormat {
    fn event_table(self) -> Option<render::EventTable> {
        match self {
            OutputFormat::Gdelt => Some(render::EventTable::Gdelt),
            OutputFormat::Csv => Some(render::EventTable::Csv),
            OutputFormat::Plover => Some(render::EventTable::Plover),
            OutputFormat::Jsonl | OutputFormat::Pretty => None,
        }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) if pipeline::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("detente: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    let config = config::Config::load(cli.global.config.as_deref())?;
    let settings = config::Settings::merge(
        &config,
        &cli.global.dictionaries,
        cli.global.threads,
        cli.global.goldstein,
    );
    match cli.command {
        Command::Code(args) => {
            let format = args.input.format.unwrap_or_else(default_format);
            let palette = Palette {
                color: std::io::stdout().is_terminal(),
            };
            let with_text = !args.no_text;
            let header = format.event_table().map(|t| t.header()).unwrap_or_default();
            let render = move |coded: &detente_records::CodedArticle| match format.event_table() {
                Some(table) => table.rows(coded),
                None if format == OutputFormat::Pretty => render::pretty(coded, palette),
                None => render::jsonl(coded, with_text),
            };
            code_files(&args.input.paths, &settings, &header, render, args.quiet)
        }
        Command::Actors(args) => {
            let format = args.format.unwrap_or_else(default_format);
            let palette = Palette {
                color: std::io::stdout().is_terminal(),
            };
            let render = move |coded: &detente_records::CodedArticle| match format {
                OutputFormat::Pretty => render::actors(coded, palette),
                _ => render::jsonl(coded, false),
            };
            code_files(&args.paths, &settings, &[], render, true)
        }
        Command::Quotes(mut args) => {
            let terminal = std::io::stdout().is_terminal();
            let format = args.format.unwrap_or(if terminal {
                QuotesFormat::Pretty
            } else {
                QuotesFormat::Jsonl
            });
            if args.paths.is_empty() && std::io::stdin().is_terminal() || has_query(&args.query) {
                args.query.format = match format {
                    QuotesFormat::Pretty => store_cmds::TableFormat::Table,
                    QuotesFormat::Jsonl => store_cmds::TableFormat::Jsonl,
                    QuotesFormat::Csv => store_cmds::TableFormat::Csv,
                };
                with_db(&mut args.query.db, &settings);
                return store_cmds::run_quotes_query(&args.query);
            }
            let palette = Palette { color: terminal };
            let render = move |coded: &detente_records::CodedArticle| match format {
                QuotesFormat::Jsonl | QuotesFormat::Csv => render::jsonl(coded, true),
                QuotesFormat::Pretty => render::quotes_by_speaker(coded, palette),
            };
            code_files(&args.paths, &settings, &[], render, true)
        }
        Command::Explain(args) => explain(&args, &settings),
        Command::Ingest(mut args) => {
            with_db(&mut args.db, &settings);
            ingest(&args, &settings)
        }
        Command::Recode(mut args) => {
            with_db(&mut args.db, &settings);
            let (coder, sources) = settings.coder()?;
            store_cmds::run_recode(&args, &coder, &store_cmds::dictionary_set_id(&sources))
        }
        Command::Events(mut args) => {
            with_db(&mut args.db, &settings);
            store_cmds::run_events(&args)
        }
        Command::Search(mut args) => {
            with_db(&mut args.db, &settings);
            store_cmds::run_search(&args)
        }
        Command::Trend(mut args) => {
            with_db(&mut args.db, &settings);
            store_cmds::run_trend(&args)
        }
        Command::Alerts(mut args) => {
            with_db(&mut args.db, &settings);
            store_cmds::run_alerts(&args)
        }
        Command::Network(mut args) => {
            with_db(&mut args.db, &settings);
            store_cmds::run_network(&args)
        }
        Command::Export(mut args) => {
            with_db(&mut args.db, &settings);
            store_cmds::run_export(&args)
        }
        Command::Places(args) => places_cmd::run(&args, &settings),
        Command::Map(mut args) => {
            with_db(&mut args.db, &settings);
            map::run(&args)
        }
        #[cfg(feature = "server")]
        Command::Serve(args) => serve::run(args, &settings),
        Command::Eval(args) => {
            let (coder, _) = settings.coder()?;
            eval::run(&args, &|article| coder.code(article))
        }
    }
}

/// The config file's database, when neither --db nor DETENTE_DB gave one.
fn with_db(db: &mut store_cmds::DbArg, settings: &config::Settings) {
    if db.db.is_none() {
        db.db = settings.db.clone();
    }
}

/// A store query was asked for (`detente quotes --speaker X`), rather than coding files.
fn has_query(q: &store_cmds::QuotesQueryArgs) -> bool {
    q.speaker.is_some() || q.actor.is_some() || q.text.is_some() || q.since.is_some() || q.until.is_some()
}

/// `detente ingest`: code in parallel, store in batched transactions; a re-run completes an interrupted one.
fn ingest(args: &IngestArgs, settings: &config::Settings) -> Result<ExitCode> {
    let (coder, sources) = settings.coder()?;
    let mut sink = store_cmds::IngestSink::open(&args.db, args.batch, &store_cmds::dictionary_set_id(&sources))?;
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.paths.clone()
    };
    let options = RunOptions {
        threads: settings.threads,
        progress: true,
    };
    let summary = pipeline::run(
        &paths,
        &coder,
        &options,
        |_| Vec::new(),
        |coded, _| sink.push(coded.clone()),
    )?;
    let stored = sink.finish()?;
    eprintln!("detente: {}", summary.line());
    eprintln!("detente: {}", store_cmds::ingest_summary_line(&stored));
    Ok(if summary.errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn palette_heading(palette: Palette, text: &str) -> String {
    if palette.color {
        format!("\x1b[1;4m{text}\x1b[0m")
    } else {
        format!("{text}\n{}", "-".repeat(text.len()))
    }
}

fn default_format() -> OutputFormat {
    if std::io::stdout().is_terminal() {
        OutputFormat::Pretty
    } else {
        OutputFormat::Jsonl
    }
}

/// Code files to standard output; the summary goes to stderr. Exit 1 when some input failed.
fn code_files<R>(
    paths: &[PathBuf],
    settings: &config::Settings,
    header: &[u8],
    render: R,
    quiet: bool,
) -> Result<ExitCode>
where
    R: Fn(&detente_records::CodedArticle) -> Vec<u8> + Sync,
{
    let (coder, _) = settings.coder()?;
    let paths = if paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        paths.to_vec()
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    out.write_all(header).context("writing output")?;
    let options = RunOptions {
        threads: settings.threads,
        progress: true,
    };
    let summary: Summary = pipeline::run(&paths, &coder, &options, render, |_, bytes| {
        out.write_all(bytes).context("writing output")?;
        Ok(())
    })?;
    out.flush().context("writing output")?;
    if !quiet || summary.errors > 0 {
        eprintln!("detente: {}", summary.line());
    }
    Ok(if summary.errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn explain(args: &ExplainArgs, settings: &config::Settings) -> Result<ExitCode> {
    let (coder, _) = settings.coder()?;
    let text = if args.text == "-" {
        std::io::read_to_string(std::io::stdin()).context("reading standard input")?
    } else {
        args.text.clone()
    };
    let article = Article {
        id: "explain".into(),
        date: args.date.clone(),
        text,
        ..Article::default()
    };
    let coded = coder.code(&article);
    let palette = Palette {
        color: std::io::stdout().is_terminal(),
    };
    let mut out = std::io::stdout().lock();
    out.write_all(&render::pretty(&coded, palette))?;
    let explanation = coder.events.explain(
        &article.text,
        &coded.sentences,
        &coded.mentions,
        &coded.quotes,
        article.date.as_deref(),
    );
    writeln!(out, "{}", palette_heading(palette, "How the events were coded"))?;
    writeln!(out, "{explanation}")?;
    Ok(ExitCode::SUCCESS)
}
