//! `detente quotes` over the store: stored quotes by speaker, actor, date and words, newest first.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;
use detente_store::QuoteQuery;

use super::{DbArg, check_date, write_table};
use crate::args::TableFormat;
use crate::output::stdout;

/// The store options of `detente quotes` (used without paths).
#[derive(Args, Debug, Clone)]
pub struct QuotesQueryArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Part of the speaker's name (any case): --speaker Stoltenberg.
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,
    /// The speaker's actor: a code in upper case (prefix of code, country or org: RUS, NATO) or a country
    /// name.
    #[arg(long, value_name = "ACTOR")]
    pub actor: Option<String>,
    /// From this date on (YYYY-MM-DD, inclusive).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Up to this date (YYYY-MM-DD, inclusive).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Words the quote contains (full-text, stemmed; operators as in `detente search`): --text "open door".
    #[arg(long, value_name = "WORDS")]
    pub text: Option<String>,
    /// Include quotes from near-duplicate copies of a story.
    #[arg(long)]
    pub include_duplicates: bool,
    /// At most N quotes.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Oldest first (by article date) instead of newest first.
    #[arg(long)]
    pub oldest_first: bool,
    /// Set by `detente quotes --format` (shared with the file mode).
    #[arg(skip = TableFormat::Table)]
    pub format: TableFormat,
    /// Set by `detente quotes --color`.
    #[arg(skip)]
    pub color: bool,
}

impl QuotesQueryArgs {
    /// The first store-only option given, if any (they mean nothing when files are coded).
    pub fn store_only_option(&self) -> Option<&'static str> {
        [
            (self.db.db.is_some() && std::env::var_os("DETENTE_DB").is_none(), "--db"),
            (self.speaker.is_some(), "--speaker"),
            (self.actor.is_some(), "--actor"),
            (self.since.is_some(), "--since"),
            (self.until.is_some(), "--until"),
            (self.text.is_some(), "--text"),
            (self.include_duplicates, "--include-duplicates"),
            (self.limit.is_some(), "--limit"),
            (self.oldest_first, "--oldest-first"),
        ]
        .into_iter()
        .find(|(given, _)| *given)
        .map(|(_, name)| name)
    }
}

pub fn run(args: &QuotesQueryArgs) -> Result<ExitCode> {
    run_to(args, &mut stdout())
}

/// [`run`] writing to `out`.
pub fn run_to(args: &QuotesQueryArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let query = QuoteQuery {
        speaker: args.speaker.clone(),
        actor: args.actor.as_deref().map(detente_store::query::resolve_actor),
        since: check_date("--since", &args.since)?,
        until: check_date("--until", &args.until)?,
        text: args.text.clone(),
        include_duplicates: args.include_duplicates,
        limit: args.limit,
        newest_first: !args.oldest_first,
    };
    let store = args.db.open_for_queries()?;
    let quotes = store.quotes(&query)?;
    match args.format {
        TableFormat::Jsonl => {
            for q in &quotes {
                serde_json::to_writer(&mut *out, q)?;
                out.write_all(b"\n")?;
            }
        }
        TableFormat::Csv => {
            let mut writer = csv::Writer::from_writer(&mut *out);
            for q in &quotes {
                writer.serialize(q)?;
            }
            writer.flush()?;
        }
        TableFormat::Table => {
            let rows: Vec<Vec<String>> = quotes
                .iter()
                .map(|q| {
                    vec![
                        q.date.clone().unwrap_or_else(|| "-".into()),
                        q.article_id.clone(),
                        q.speaker_name.clone().unwrap_or_else(|| "?".into()),
                        q.speaker_code.clone().unwrap_or_default(),
                        q.kind.clone(),
                        format!("“{}”", q.text),
                    ]
                })
                .collect();
            write_table(
                out,
                &["date", "article", "speaker", "actor", "kind", "quote"],
                &rows,
                args.color,
            )?;
        }
    }
    out.flush()?;
    if quotes.is_empty() {
        eprintln!("detente: no quotes match");
    }
    Ok(ExitCode::SUCCESS)
}
