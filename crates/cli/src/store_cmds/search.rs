//! `detente search`: ranked articles and quotes with highlighted snippets.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;
use detente_store::SearchQuery;

use super::DbArg;
use crate::args::{ColorArg, ConfigArg, TableFormat, settings};
use crate::output::{MARK_END, MARK_START, clean, show_marks, stdout};

/// `detente search`.
#[derive(Args, Debug, Clone)]
pub struct SearchArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Words (all must occur, stemmed) or "quoted phrases"; OR, AND, NOT between words; -word leaves out what
    /// holds the word (put the words after `--` then: `detente search -- sanctions -Russia`); prefix* finds
    /// words that begin with the prefix.
    #[arg(required = true, value_name = "WORDS")]
    pub query: Vec<String>,
    /// At most N results.
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub limit: usize,
    /// Include near-duplicate copies of a story.
    #[arg(long)]
    pub include_duplicates: bool,
    /// Output format [default: table on a terminal, jsonl otherwise].
    #[arg(long, short, value_enum)]
    pub format: Option<TableFormat>,
    #[command(flatten)]
    pub color: ColorArg,
    #[command(flatten)]
    pub config: ConfigArg,
}

/// What to say when the command line of `detente search` holds an option it does not know: a `-word`
/// meant to leave a word out reads as an option unless the words come after `--`.
pub fn unknown_option_hint(args: &[std::ffi::OsString]) -> Option<String> {
    let mut tokens = args.iter().skip(1).map(|a| a.to_string_lossy());
    if tokens.next()? != "search" {
        return None;
    }
    let word = tokens.take_while(|t| t != "--").find(|t| {
        t.len() > 1 && t.starts_with('-') && !t.starts_with("--") && !matches!(t.get(..2), Some("-f" | "-h"))
    })?;
    Some(format!(
        "{word}: not an option of detente search; to leave a word out, put the search words after `--`, e.g. \
         detente search [OPTIONS] -- sanctions {word}"
    ))
}

pub fn run(mut args: SearchArgs) -> Result<ExitCode> {
    let settings = settings(&args.config, None, None, None)?;
    super::with_db(&mut args.db, &settings);
    run_to(&args, &mut stdout())
}

/// [`run`] writing to `out`.
pub fn run_to(args: &SearchArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let format = TableFormat::resolve(args.format);
    let highlight = match format {
        // Marks that survive escaping; shown as colour or brackets below.
        TableFormat::Table => (MARK_START.to_string(), MARK_END.to_string()),
        _ => ("[".to_string(), "]".to_string()),
    };
    let query = SearchQuery {
        query: args.query.join(" "),
        limit: args.limit,
        highlight,
        include_duplicates: args.include_duplicates,
    };
    let store = args.db.open_for_queries()?;
    let hits = store.search(&query)?;
    match format {
        TableFormat::Jsonl => {
            for h in &hits {
                serde_json::to_writer(&mut *out, h)?;
                out.write_all(b"\n")?;
            }
        }
        TableFormat::Csv => {
            let mut writer = csv::Writer::from_writer(&mut *out);
            for h in &hits {
                writer.serialize(h)?;
            }
            writer.flush()?;
        }
        TableFormat::Table => {
            let color = args.color.color.for_stdout();
            for (rank, h) in hits.iter().enumerate() {
                let what = match h.kind.as_str() {
                    "quote" => format!("quote by {}", h.title.as_deref().unwrap_or("?")),
                    _ => h.title.clone().unwrap_or_else(|| "(no title)".into()),
                };
                writeln!(
                    out,
                    "{:>2}. {}  {}  {}",
                    rank + 1,
                    clean(h.date.as_deref().unwrap_or("----------")),
                    clean(&h.article_id),
                    clean(&what)
                )?;
                writeln!(out, "    {}", show_marks(&clean(&h.snippet.replace('\n', " ")), color))?;
            }
        }
    }
    out.flush()?;
    if hits.is_empty() {
        eprintln!("detente: nothing found");
    }
    Ok(ExitCode::SUCCESS)
}
