//! `detente places`: every place an article names, resolved against the gazetteer (not only event places).

use crate::args::{ConfigArg, DictionaryArg, InputArgs, ThreadsArg, settings};
use crate::output::{clean, stdout};
use crate::pipeline::{self, RunOptions};
use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use detente_coder::places::PlaceMention;
use detente_records::CodedArticle;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

#[derive(Args)]
pub struct PlacesArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format [default: table on a terminal, jsonl otherwise].
    #[arg(long, short, value_enum)]
    format: Option<PlacesFormat>,
    /// Also list names used as actors ("Washington said") and names in passing, not only places where
    /// something is or happens.
    #[arg(long)]
    all: bool,
    #[command(flatten)]
    dictionaries: DictionaryArg,
    #[command(flatten)]
    threads: ThreadsArg,
    #[command(flatten)]
    config: ConfigArg,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum PlacesFormat {
    /// One line per place mention.
    Table,
    /// One JSON object per article: {"id", "places": [{start, end, text, name, kind, country, admin1, lat,
    /// lon, population, role, preposition}]}.
    Jsonl,
    /// Comma-separated, one row per place mention, with a header.
    Csv,
    /// Tab-separated, one row per place mention, with a header.
    Tsv,
}

const COLUMNS: [&str; 12] = [
    "article", "sentence", "start", "end", "text", "name", "kind", "country", "admin1", "lat", "lon", "role",
];

fn cells(id: &str, p: &PlaceMention) -> [String; 12] {
    let num = |v: Option<f64>| v.map(|v| format!("{v:.4}")).unwrap_or_default();
    [
        id.to_string(),
        p.sentence.to_string(),
        p.start.to_string(),
        p.end.to_string(),
        p.text.clone(),
        p.name.clone(),
        p.kind.as_str().to_string(),
        p.country.clone().unwrap_or_default(),
        p.admin1.clone().unwrap_or_default(),
        num(p.lat),
        num(p.lon),
        format!("{:?}", p.role).to_lowercase(),
    ]
}

fn render(coded: &CodedArticle, places: &[PlaceMention], format: PlacesFormat) -> Vec<u8> {
    let mut out = Vec::new();
    match format {
        PlacesFormat::Jsonl => {
            let line = serde_json::json!({"id": coded.id, "places": places});
            let _ = writeln!(out, "{line}");
        }
        PlacesFormat::Tsv => {
            for p in places {
                let row = cells(&coded.id, p).map(|c| c.replace(['\t', '\n', '\r'], " "));
                let _ = writeln!(out, "{}", row.join("\t"));
            }
        }
        PlacesFormat::Csv => {
            let mut writer = csv::WriterBuilder::new().has_headers(false).from_writer(&mut out);
            for p in places {
                let _ = writer.write_record(cells(&coded.id, p));
            }
            let _ = writer.flush();
        }
        PlacesFormat::Table => {
            let _ = writeln!(out, "{} — {} place mention(s)", clean(&coded.id), places.len());
            for p in places {
                let c = cells(&coded.id, p).map(|c| clean(&c).into_owned());
                let admin1 = if c[8].is_empty() {
                    String::new()
                } else {
                    format!(", {}", c[8])
                };
                let point = if c[9].is_empty() {
                    String::new()
                } else {
                    format!(" ({}, {})", c[9], c[10])
                };
                let _ = writeln!(
                    out,
                    "  s{:<3} {:<28} {:<8} {} {}{}{} [{}]",
                    c[1], c[4], c[6], c[5], c[7], admin1, point, c[11]
                );
            }
        }
    }
    out
}

pub fn run(args: &PlacesArgs) -> Result<ExitCode> {
    let settings = settings(&args.config, Some(&args.dictionaries), Some(&args.threads), None)?;
    let (coder, _) = settings.coder()?;
    let format = args.format.unwrap_or(if std::io::stdout().is_terminal() {
        PlacesFormat::Table
    } else {
        PlacesFormat::Jsonl
    });
    let paths = crate::coding::input_paths(&args.input, "places")?;
    let mut out = stdout();
    match format {
        PlacesFormat::Tsv => writeln!(out, "{}", COLUMNS.join("\t")).context("writing output")?,
        PlacesFormat::Csv => writeln!(out, "{}", COLUMNS.join(",")).context("writing output")?,
        _ => {}
    }
    let all = args.all;
    let render = |coded: &CodedArticle| {
        let text = coded.text.as_deref().unwrap_or_default();
        let mut places = coder.places.recognize(text, &coded.sentences, &coded.mentions);
        if !all {
            places.retain(|p| p.role != detente_coder::places::PlaceRole::Actor);
        }
        render(coded, &places, format)
    };
    let options = RunOptions {
        threads: settings.threads,
        progress: true,
        output_is_terminal: crate::output::stdout_is_terminal(),
        read: args.input.read.options(),
    };
    let summary = pipeline::run(&paths, &coder, &options, render, |_, bytes| {
        out.write_all(bytes).context("writing output")?;
        Ok(())
    })?;
    out.flush().context("writing output")?;
    Ok(if summary.errors > 0 {
        eprintln!("detente: {}", summary.line());
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
