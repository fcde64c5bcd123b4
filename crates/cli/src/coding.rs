//! The commands that code articles: `code`, `actors`, `quotes FILE`, `explain`, `ingest`.

use std::cell::RefCell;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, CommandFactory, ValueEnum};
use detente_records::{Article, CodedArticle};
use detente_store::export::gdelt::GdeltTable;
use detente_store::export::icews::IcewsTable;

use crate::args::{ColorArg, ConfigArg, DictionaryArg, GoldsteinArg, InputArgs, TableFormat, ThreadsArg, settings};
use crate::config::Settings;
use crate::fail::{Interrupted, usage};
use crate::output::{self, stdout};
use crate::pipeline::{self, RunOptions, Summary};
use crate::render::{self, Palette};
use crate::store_cmds::{self, DbArg};

/// `detente code`.
#[derive(Args)]
pub struct CodeArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format [default: pretty on a terminal, jsonl otherwise].
    #[arg(long, short, value_enum)]
    pub format: Option<CodeFormat>,
    /// Leave the article text out of JSON Lines output (spans still refer to it).
    #[arg(long)]
    pub no_text: bool,
    /// Don't print the summary line on stderr.
    #[arg(long, short)]
    pub quiet: bool,
    #[command(flatten)]
    pub dictionaries: DictionaryArg,
    #[command(flatten)]
    pub goldstein: GoldsteinArg,
    #[command(flatten)]
    pub threads: ThreadsArg,
    #[command(flatten)]
    pub color: ColorArg,
    #[command(flatten)]
    pub config: ConfigArg,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CodeFormat {
    /// One JSON object per article (output schema v1).
    Jsonl,
    /// A readable view, coloured on a terminal.
    Pretty,
    /// Events as CSV, every field and the sentence, with a header.
    Csv,
    /// Events as the GDELT 2.0 event table (tab-separated, with a header; aggregated per day as GDELT does).
    Gdelt,
    /// Events as an ICEWS-style table (the columns of the public ICEWS event files; tab-separated).
    Icews,
    /// Events as POLECAT-style JSON lines (PLOVER type, actor, recipient, sectors).
    Plover,
}

/// `detente actors`.
#[derive(Args)]
pub struct ActorsArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format: table (grouped by article), jsonl or csv (one mention per line) [default: table on a
    /// terminal, jsonl otherwise].
    #[arg(long, short, value_enum)]
    pub format: Option<TableFormat>,
    /// Print each article's entity table instead of its mentions (who is who: the fullest name the article
    /// gives, kind, actor code, every mention); jsonl and csv give one entity per line.
    #[arg(long)]
    pub entities: bool,
    #[command(flatten)]
    pub dictionaries: DictionaryArg,
    #[command(flatten)]
    pub threads: ThreadsArg,
    #[command(flatten)]
    pub color: ColorArg,
    #[command(flatten)]
    pub config: ConfigArg,
}

/// `detente quotes`: files (coded now) or, without paths, the store.
#[derive(Args)]
pub struct QuotesArgs {
    /// Input files or folders to code (`-` reads standard input); without paths, the store is queried.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format: table (files: grouped by speaker), jsonl or csv (one quote per line) [default: table on
    /// a terminal, jsonl otherwise].
    #[arg(long, short, value_enum)]
    pub format: Option<TableFormat>,
    #[command(flatten)]
    pub query: store_cmds::quotes::QuotesQueryArgs,
    #[command(flatten)]
    pub read: crate::read_args::ReadArgs,
    #[command(flatten)]
    pub dictionaries: DictionaryArg,
    #[command(flatten)]
    pub threads: ThreadsArg,
    #[command(flatten)]
    pub color: ColorArg,
    #[command(flatten)]
    pub config: ConfigArg,
}

/// `detente explain`.
#[derive(Args)]
pub struct ExplainArgs {
    /// The sentence or text to explain; `-` reads standard input.
    pub text: String,
    /// Article date (YYYY-MM-DD): people's roles depend on it.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    #[command(flatten)]
    pub dictionaries: DictionaryArg,
    #[command(flatten)]
    pub goldstein: GoldsteinArg,
    #[command(flatten)]
    pub color: ColorArg,
    #[command(flatten)]
    pub config: ConfigArg,
}

/// `detente ingest`.
#[derive(Args)]
pub struct IngestArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub db: DbArg,
    /// Articles per transaction (what an interruption can cost at most).
    #[arg(long, default_value_t = 1000, value_name = "N")]
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

/// The paths to read: as given; none reads standard input when it is a pipe, and is a usage error on a
/// terminal (where the command would wait silently for typing).
pub fn input_paths(input: &InputArgs, command: &str) -> Result<Vec<PathBuf>> {
    if !input.paths.is_empty() {
        return Ok(input.paths.clone());
    }
    if std::io::stdin().is_terminal() {
        let mut cli = crate::Cli::command();
        cli.build();
        let usage_line = cli
            .find_subcommand_mut(command)
            .map(|c| c.render_usage().to_string())
            .unwrap_or_default();
        return Err(usage(format!(
            "no input: give files or folders to read, or - for standard input\n\n{usage_line}\n\nFor more \
             information, try 'detente {command} --help'."
        )));
    }
    Ok(vec![PathBuf::from("-")])
}

fn run_options(settings: &Settings, quiet: bool) -> RunOptions {
    RunOptions {
        threads: settings.threads,
        progress: !quiet,
        output_is_terminal: output::stdout_is_terminal(),
        read: settings.read.clone(),
    }
}

/// How a format writes each article: `header` once, then each article's `render`ing, made by the workers in
/// parallel; a format with a `stream` writes a huge article straight into the output instead, so that its
/// rendering (for JSON, many times the text's size) is never held in memory whole.
struct Rendering<'a, R> {
    header: &'a [u8],
    render: R,
    stream: Option<StreamFn<'a>>,
}

type StreamFn<'a> = &'a dyn Fn(&CodedArticle, &mut dyn Write) -> std::io::Result<()>;

impl<'a, R: Fn(&CodedArticle) -> Vec<u8>> Rendering<'a, R> {
    fn whole(header: &'a [u8], render: R) -> Self {
        Rendering {
            header,
            render,
            stream: None,
        }
    }
}

/// Articles from this size of text on are streamed by a format that can: their output runs to tens of megabytes.
const STREAMED_TEXT_BYTES: usize = 1 << 20;

fn is_huge(coded: &CodedArticle) -> bool {
    coded.text.as_ref().is_some_and(|t| t.len() >= STREAMED_TEXT_BYTES)
}

/// Codes files to standard output: `header` first, each article's rendering in input order, then `footer`
/// (what needs every article: aggregated tables). The summary goes to stderr. Exit 1 when some input failed,
/// 130 when interrupted.
fn code_to_stdout<R>(
    paths: &[PathBuf],
    settings: &Settings,
    format: Rendering<'_, R>,
    mut each: impl FnMut(&CodedArticle),
    footer: impl FnOnce(&mut dyn Write) -> Result<Vec<String>>,
    quiet: bool,
) -> Result<ExitCode>
where
    R: Fn(&CodedArticle) -> Vec<u8> + Sync,
{
    // Never dropped: freeing the dictionaries' many small allocations took ~10 ms at the end of every run,
    // and the process exits right after.
    let coder = std::mem::ManuallyDrop::new(settings.coder()?.0);
    let mut out = stdout();
    out.write_all(format.header).context("writing output")?;
    let tty = output::stdout_is_terminal();
    let Rendering { render, stream, .. } = format;
    let streams = stream.is_some();
    let streamed = move |coded: &CodedArticle| streams && is_huge(coded);
    let render = |coded: &CodedArticle| if streamed(coded) { Vec::new() } else { render(coded) };
    let summary: Summary = pipeline::run(paths, &coder, &run_options(settings, quiet), render, |coded, bytes| {
        each(coded);
        match stream {
            Some(stream) if streamed(coded) => stream(coded, &mut out).context("writing output")?,
            _ => out.write_all(bytes).context("writing output")?,
        }
        if tty {
            out.flush().context("writing output")?;
        }
        Ok(())
    })?;
    let notes = footer(&mut out)?;
    out.flush().context("writing output")?;
    if !quiet || summary.errors > 0 {
        eprintln!("detente: {}", summary.line());
    }
    for note in notes {
        eprintln!("detente: {note}");
    }
    if summary.interrupted {
        eprintln!(
            "detente: interrupted after {} articles: the output holds them whole; the rest of the input was not read",
            summary.articles
        );
        return Err(Interrupted.into());
    }
    Ok(if summary.errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn nothing(_: &CodedArticle) {}

fn no_footer(_: &mut dyn Write) -> Result<Vec<String>> {
    Ok(Vec::new())
}

/// `12 negated (…)` lines of what a table left out.
fn left_out_notes(left_out: &[detente_store::LeftOut]) -> Vec<String> {
    left_out
        .iter()
        .map(|l| {
            format!(
                "left out {} event{}: {}",
                l.events,
                if l.events == 1 { "" } else { "s" },
                l.reason
            )
        })
        .collect()
}

pub fn run_code(args: &CodeArgs) -> Result<ExitCode> {
    let format = args.format.unwrap_or(if output::stdout_is_terminal() {
        CodeFormat::Pretty
    } else {
        CodeFormat::Jsonl
    });
    if args.no_text && format != CodeFormat::Jsonl {
        return Err(usage("--no-text applies to --format jsonl"));
    }
    let settings = settings(
        &args.config,
        Some(&args.dictionaries),
        Some(&args.threads),
        Some(&args.goldstein),
    )?
    .with_read(&args.input.read);
    let paths = input_paths(&args.input, "code")?;
    let palette = Palette {
        color: args.color.color.for_stdout(),
    };
    let with_text = !args.no_text;
    match format {
        CodeFormat::Gdelt => {
            // GDELT rows aggregate an event's reports across articles: they are written once all are in.
            let table = RefCell::new(GdeltTable::new(now()));
            code_to_stdout(
                &paths,
                &settings,
                Rendering::whole(detente_store::export::gdelt::header().as_bytes(), |_| Vec::new()),
                |coded| {
                    for row in render::event_rows(coded) {
                        table.borrow_mut().add(&row);
                    }
                },
                |out| {
                    let table = table.replace(GdeltTable::new(0));
                    let notes = left_out_notes(&table.left_out());
                    table.write(out).context("writing output")?;
                    Ok(notes)
                },
                args.quiet,
            )
        }
        CodeFormat::Icews => {
            let table = RefCell::new(IcewsTable::new());
            code_to_stdout(
                &paths,
                &settings,
                Rendering::whole(detente_store::export::icews::header().as_bytes(), render::icews_rows),
                |coded| {
                    for row in render::event_rows(coded) {
                        table.borrow_mut().tally(&row);
                    }
                },
                |_| Ok(left_out_notes(&table.borrow().left_out())),
                args.quiet,
            )
        }
        CodeFormat::Csv => code_to_stdout(
            &paths,
            &settings,
            Rendering::whole(&render::csv_header(), render::csv_rows),
            nothing,
            no_footer,
            args.quiet,
        ),
        CodeFormat::Plover => code_to_stdout(
            &paths,
            &settings,
            Rendering::whole(&[], render::plover_rows),
            nothing,
            no_footer,
            args.quiet,
        ),
        CodeFormat::Pretty => code_to_stdout(
            &paths,
            &settings,
            Rendering::whole(&[], move |coded| render::pretty(coded, palette)),
            nothing,
            no_footer,
            args.quiet,
        ),
        CodeFormat::Jsonl => code_to_stdout(
            &paths,
            &settings,
            Rendering {
                header: &[],
                render: move |coded: &CodedArticle| render::jsonl(coded, with_text),
                stream: Some(&move |coded, out| render::write_jsonl(coded, with_text, out)),
            },
            nothing,
            no_footer,
            args.quiet,
        ),
    }
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

pub fn run_actors(args: &ActorsArgs) -> Result<ExitCode> {
    let format = TableFormat::resolve(args.format);
    let settings =
        settings(&args.config, Some(&args.dictionaries), Some(&args.threads), None)?.with_read(&args.input.read);
    let paths = input_paths(&args.input, "actors")?;
    let palette = Palette {
        color: args.color.color.for_stdout(),
    };
    let entities = args.entities;
    let header = match (format, entities) {
        (TableFormat::Csv, false) => render::mention_csv_header(),
        (TableFormat::Csv, true) => render::entity_csv_header(),
        _ => Vec::new(),
    };
    code_to_stdout(
        &paths,
        &settings,
        Rendering::whole(&header, move |coded| match (format, entities) {
            (TableFormat::Table, false) => render::actors(coded, palette),
            (TableFormat::Jsonl, false) => render::mention_jsonl(coded),
            (TableFormat::Csv, false) => render::mention_csv(coded),
            (TableFormat::Table, true) => render::entities(coded, palette),
            (TableFormat::Jsonl, true) => render::entity_jsonl(coded),
            (TableFormat::Csv, true) => render::entity_csv(coded),
        }),
        nothing,
        no_footer,
        true,
    )
}

pub fn run_quotes(mut args: QuotesArgs) -> Result<ExitCode> {
    let format = TableFormat::resolve(args.format);
    if args.paths.is_empty() {
        // The store. It never reads standard input: `-` does.
        if !args.dictionaries.dictionaries.is_empty() || args.threads.threads.is_some() {
            return Err(usage(
                "--dictionaries and --threads apply when coding files; without paths, quotes come from the store",
            ));
        }
        if let Some(option) = args.read.given() {
            return Err(usage(format!(
                "{option} applies when reading files; without paths, quotes come from the store"
            )));
        }
        let settings = settings(&args.config, None, None, None)?;
        store_cmds::with_db(&mut args.query.db, &settings);
        args.query.format = format;
        args.query.color = args.color.color.for_stdout();
        return store_cmds::quotes::run(&args.query);
    }
    if let Some(option) = args.query.store_only_option() {
        return Err(usage(format!(
            "{option} queries the store: give no paths to use it (paths are coded and their quotes listed)"
        )));
    }
    let settings = settings(&args.config, Some(&args.dictionaries), Some(&args.threads), None)?.with_read(&args.read);
    let palette = Palette {
        color: args.color.color.for_stdout(),
    };
    let header = if format == TableFormat::Csv {
        render::quote_csv_header()
    } else {
        Vec::new()
    };
    code_to_stdout(
        &args.paths,
        &settings,
        Rendering::whole(&header, move |coded| match format {
            TableFormat::Table => render::quotes_by_speaker(coded, palette),
            TableFormat::Jsonl => render::quote_jsonl(coded),
            TableFormat::Csv => render::quote_csv(coded),
        }),
        nothing,
        no_footer,
        true,
    )
}

/// What each legacy PETRARCH/TABARI verb dictionary among the user's files gave the trigger lexicon.
fn print_verb_imports(sources: &[detente_coder::DictionarySource], out: &mut dyn Write) -> Result<()> {
    use detente_coder::events::{Ontology, lexicon::Lexicon};
    let lexicon = Lexicon::load(sources, &Ontology::builtin()).context("dictionary error")?;
    for import in &lexicon.imports {
        writeln!(out, "verb dictionary {}", output::clean(&import.to_string()))?;
        for problem in &import.problems {
            writeln!(out, "  {}", output::clean(&problem.to_string()))?;
        }
    }
    Ok(())
}

pub fn run_explain(args: &ExplainArgs) -> Result<ExitCode> {
    let settings = settings(&args.config, Some(&args.dictionaries), None, Some(&args.goldstein))?;
    if let Some(date) = &args.date
        && detente_analysis::parse_date(date).is_none()
    {
        return Err(usage(format!("--date {date:?}: expected a date as YYYY-MM-DD")));
    }
    let text = if args.text == "-" {
        std::io::read_to_string(std::io::stdin()).context("reading standard input")?
    } else {
        args.text.clone()
    };
    if text.trim().is_empty() {
        return Err(usage(
            "nothing to explain: give a sentence (detente explain \"Russia attacked Ukraine.\"), or - to read it \
             from standard input",
        ));
    }
    let (coder, sources) = settings.coder()?;
    print_verb_imports(&sources, &mut stdout())?;
    let article = Article {
        id: "explain".into(),
        date: args.date.clone(),
        text,
        ..Article::default()
    };
    let (coded, explanation) = coder.explain(&article);
    let palette = Palette {
        color: args.color.color.for_stdout(),
    };
    let mut out = stdout();
    out.write_all(&render::pretty(&coded, palette))?;
    writeln!(out, "{}", render::heading(palette, "How the events were coded"))?;
    writeln!(out, "{}", output::clean_lines(&explanation.to_string()))?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `detente ingest`: code in parallel, store in batched transactions; a re-run completes an interrupted one.
pub fn run_ingest(mut args: IngestArgs) -> Result<ExitCode> {
    let settings = settings(
        &args.config,
        Some(&args.dictionaries),
        Some(&args.threads),
        Some(&args.goldstein),
    )?
    .with_read(&args.input.read);
    store_cmds::with_db(&mut args.db, &settings);
    let paths = input_paths(&args.input, "ingest")?;
    // Usage errors before anything is created: a typo must not leave an empty database behind.
    for path in &paths {
        if path.as_os_str() != "-" && !path.exists() {
            return Err(usage(format!("{}: no such file or folder", path.display())));
        }
    }
    if args.batch == 0 {
        return Err(usage("--batch: at least 1 article per transaction"));
    }
    let (coder, sources) = settings.coder()?;
    let mut sink = store_cmds::ingest::IngestSink::open(&args.db, args.batch, &settings.coding(&sources))?;
    let summary = pipeline::run(
        &paths,
        &coder,
        &run_options(&settings, false),
        |_| Vec::new(),
        |coded, _| sink.push(coded.clone()),
    )?;
    let stored = sink.finish()?;
    eprintln!("detente: {}", summary.line());
    eprintln!("detente: {}", store_cmds::ingest::summary_line(&stored));
    if summary.interrupted {
        eprintln!(
            "detente: interrupted: the {} articles read were stored and committed; the rest of the input was not \
             read. Run the same command again to finish (stored articles are skipped).",
            summary.articles
        );
        return Err(Interrupted.into());
    }
    Ok(if summary.errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
