//! `detente`: political event data and attributed quotes from news text.

mod config;
mod eval;
mod pipeline;
mod render;
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
}

#[derive(Subcommand)]
enum Command {
    /// Code articles: sentences, actors, quotes and events (JSON Lines when piped, readable on a terminal).
    Code(CodeArgs),
    /// Show each actor mention with its span, code and how it was resolved (for tuning dictionaries).
    Actors(InputArgs),
    /// Show quotes grouped by speaker (from files; `--format jsonl` prints the schema).
    Quotes(QuotesArgs),
    /// Explain how one sentence (or short text) is coded: actors, triggers, patterns, and why.
    Explain(ExplainArgs),
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
    #[command(flatten)]
    input: InputArgs,
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
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
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
    let settings = config::Settings::merge(&config, &cli.global.dictionaries, cli.global.threads);
    match cli.command {
        Command::Code(args) => {
            let format = args.input.format.unwrap_or_else(default_format);
            let palette = Palette { color: std::io::stdout().is_terminal() };
            let with_text = !args.no_text;
            let render = move |coded: &detente_records::CodedArticle| match format {
                OutputFormat::Jsonl => render::jsonl(coded, with_text),
                OutputFormat::Pretty => render::pretty(coded, palette),
            };
            code_files(&args.input.paths, &settings, render, args.quiet)
        }
        Command::Actors(args) => {
            let format = args.format.unwrap_or_else(default_format);
            let palette = Palette { color: std::io::stdout().is_terminal() };
            let render = move |coded: &detente_records::CodedArticle| match format {
                OutputFormat::Jsonl => render::jsonl(coded, false),
                OutputFormat::Pretty => render::actors(coded, palette),
            };
            code_files(&args.paths, &settings, render, true)
        }
        Command::Quotes(args) => {
            let format = args.input.format.unwrap_or_else(default_format);
            let palette = Palette { color: std::io::stdout().is_terminal() };
            let render = move |coded: &detente_records::CodedArticle| match format {
                OutputFormat::Jsonl => render::jsonl(coded, true),
                OutputFormat::Pretty => render::quotes_by_speaker(coded, palette),
            };
            code_files(&args.input.paths, &settings, render, true)
        }
        Command::Explain(args) => explain(&args, &settings),
    }
}

fn default_format() -> OutputFormat {
    if std::io::stdout().is_terminal() { OutputFormat::Pretty } else { OutputFormat::Jsonl }
}

/// Code files to standard output; the summary goes to stderr. Exit 1 when some input failed.
fn code_files<R>(paths: &[PathBuf], settings: &config::Settings, render: R, quiet: bool) -> Result<ExitCode>
where
    R: Fn(&detente_records::CodedArticle) -> Vec<u8> + Sync,
{
    let coder = pipeline::load_coder(&settings.dictionaries)?;
    let paths = if paths.is_empty() { vec![PathBuf::from("-")] } else { paths.to_vec() };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let options = RunOptions { threads: settings.threads, progress: true };
    let summary: Summary = pipeline::run(&paths, &coder, &options, render, |_, bytes| {
        out.write_all(bytes).context("writing output")?;
        Ok(())
    })?;
    out.flush().context("writing output")?;
    if !quiet || summary.errors > 0 {
        eprintln!("detente: {}", summary.line());
    }
    Ok(if summary.errors > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

fn explain(args: &ExplainArgs, settings: &config::Settings) -> Result<ExitCode> {
    let coder = pipeline::load_coder(&settings.dictionaries)?;
    let text = if args.text == "-" {
        std::io::read_to_string(std::io::stdin()).context("reading standard input")?
    } else {
        args.text.clone()
    };
    let article = Article { id: "explain".into(), date: args.date.clone(), text, ..Article::default() };
    let coded = coder.code(&article);
    let palette = Palette { color: std::io::stdout().is_terminal() };
    let mut out = std::io::stdout().lock();
    out.write_all(&render::pretty(&coded, palette))?;
    Ok(ExitCode::SUCCESS)
}
