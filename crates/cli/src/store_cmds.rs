//! The store's commands: `events`, `quotes` (stored), `search`, `trend`, `alerts`, `network`, `export`,
//! `recode`. Each is an `Args` struct and a `run_*` function; `main.rs` wires them in.

use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow, bail};
use clap::{Args, ValueEnum};
use detente_analysis::{self as analysis, AlertParams, EventRow, NodeKey, Period, TrendPoint};
use detente_store::export::{EVENT_COLUMNS, event_cells};
use detente_store::{DEFAULT_DB, EventQuery, ExportFormat, QuoteQuery, SearchQuery, Store};

/// Which database file.
#[derive(Args, Debug, Clone, Default)]
pub struct DbArg {
    /// The database file [default: ./detente.db].
    #[arg(long, env = "DETENTE_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
}

impl DbArg {
    pub fn path(&self) -> PathBuf {
        self.db.clone().unwrap_or_else(|| PathBuf::from(DEFAULT_DB))
    }

    /// Opens the database for queries: it must exist.
    pub fn open_for_queries(&self) -> Result<Store> {
        Ok(Store::open_read_only(self.path())?)
    }
}

/// Output of the listing commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    /// Aligned columns for reading.
    Table,
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated values with a header.
    Csv,
}

/// Filters shared by the event commands. Actors match as prefixes of the code, country or org (`RUS` matches
/// RUSGOV and RUSMIL; `NATO` matches the org).
#[derive(Args, Debug, Clone, Default)]
pub struct EventFilterArgs {
    /// Source actor (prefix of code, country or org): RUS, RUSGOV, NATO.
    #[arg(long, value_name = "ACTOR")]
    pub source: Option<String>,
    /// Target actor (prefix of code, country or org).
    #[arg(long, value_name = "ACTOR")]
    pub target: Option<String>,
    /// Events between two actors, either direction: --dyad RUS,UKR.
    #[arg(long, value_name = "A,B")]
    pub dyad: Option<String>,
    /// From this date on (YYYY-MM-DD, inclusive).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Up to this date (YYYY-MM-DD, inclusive).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// CAMEO root code or range: 19, 14..20.
    #[arg(long, value_name = "ROOT[..ROOT]")]
    pub root: Option<String>,
    /// PLOVER event type: ASSAULT, PROTEST, COOPERATE, ...
    #[arg(long)]
    pub plover: Option<String>,
    /// Quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=4))]
    pub quad: Option<u8>,
    /// Only factual events (leave out hypothetical, conditional, asked, feared or expected ones).
    #[arg(long)]
    pub factual: bool,
    /// Leave out negated events ("did not attack").
    #[arg(long)]
    pub no_negated: bool,
    /// Count near-duplicate copies of a story too (by default a story counts once).
    #[arg(long)]
    pub include_duplicates: bool,
    /// Events that happened in this country (ISO 3166 alpha-3 of the event's location): UKR.
    #[arg(long, value_name = "ISO3")]
    pub country: Option<String>,
    /// Events that happened within a radius of a point: --near 50.45,30.52,100km (km, mi or m).
    #[arg(long, value_name = "LAT,LON,RADIUS")]
    pub near: Option<String>,
}

/// "Kharkiv (UKR)".
fn place_label(l: &detente_records::Location) -> String {
    match &l.country {
        Some(c) if *c != l.name => format!("{} ({c})", l.name),
        _ => l.name.clone(),
    }
}

fn check_country(code: &str) -> Result<String> {
    let upper = code.trim().to_ascii_uppercase();
    match detente_records::geo::country(&upper) {
        Some(_) => Ok(upper),
        None => bail!("--country {code:?}: expected an ISO 3166 alpha-3 country code such as UKR"),
    }
}

fn check_date(flag: &str, date: &Option<String>) -> Result<Option<String>> {
    match date {
        Some(d) if analysis::parse_date(d).is_none() => bail!("{flag} {d:?}: expected a date as YYYY-MM-DD"),
        other => Ok(other.clone()),
    }
}

/// `19` → (19, 19); `14..20` or `14-20` → (14, 20).
pub fn parse_root_range(text: &str) -> Result<(u8, u8)> {
    detente_store::query::parse_root_range(text).map_err(|e| anyhow!("--{e}"))
}

fn parse_dyad(text: &str) -> Result<(String, String)> {
    match text.split_once(',') {
        Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() => Ok((a.trim().into(), b.trim().into())),
        _ => bail!("--dyad {text:?}: expected two actors, e.g. --dyad RUS,UKR"),
    }
}

impl EventFilterArgs {
    pub fn to_query(&self) -> Result<EventQuery> {
        Ok(EventQuery {
            source: self.source.clone(),
            target: self.target.clone(),
            dyad: self.dyad.as_deref().map(parse_dyad).transpose()?,
            since: check_date("--since", &self.since)?,
            until: check_date("--until", &self.until)?,
            root: self.root.as_deref().map(parse_root_range).transpose()?,
            plover: self.plover.clone(),
            quad: self.quad,
            factual: self.factual,
            exclude_negated: self.no_negated,
            include_duplicates: self.include_duplicates,
            article: None,
            limit: None,
            country: self.country.as_deref().map(check_country).transpose()?,
            near: self
                .near
                .as_deref()
                .map(detente_store::Near::parse)
                .transpose()
                .map_err(|e| anyhow::anyhow!("--near {e}"))?,
        })
    }
}

/// `detente events`: stored events matching filters.
#[derive(Args, Debug, Clone)]
pub struct EventsArgs {
    #[command(flatten)]
    pub db: DbArg,
    #[command(flatten)]
    pub filter: EventFilterArgs,
    /// At most N events [default for tables: 100].
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    #[arg(long, short, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
}

/// Rows a table shows when no --limit is given.
const TABLE_LIMIT: usize = 100;

fn stdout() -> BufWriter<std::io::StdoutLock<'static>> {
    BufWriter::with_capacity(1 << 16, std::io::stdout().lock())
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Aligned columns; cells are cut at 40 characters except in the last column.
fn write_table(out: &mut impl Write, headers: &[&str], rows: &[Vec<String>]) -> std::io::Result<()> {
    const MAX: usize = 40;
    let last = headers.len() - 1;
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            row.iter()
                .enumerate()
                .map(|(i, c)| if i == last { c.clone() } else { truncate(c, MAX) })
                .collect()
        })
        .collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in &cells {
        for (i, c) in row.iter().enumerate().take(last) {
            widths[i] = widths[i].max(c.chars().count());
        }
    }
    let line = |out: &mut dyn Write, row: &[String]| -> std::io::Result<()> {
        for (i, c) in row.iter().enumerate() {
            if i == last {
                writeln!(out, "{c}")?;
            } else {
                write!(out, "{c:<w$}  ", w = widths[i])?;
            }
        }
        Ok(())
    };
    line(out, &headers.iter().map(|h| h.to_string()).collect::<Vec<_>>())?;
    for row in &cells {
        line(out, row)?;
    }
    Ok(())
}

fn actor_label(actor: Option<&detente_records::Actor>) -> String {
    match actor {
        None => "-".into(),
        Some(a) => match &a.name {
            Some(name) => format!("{} ({name})", a.code),
            None => a.code.clone(),
        },
    }
}

fn write_events_csv(out: &mut impl Write, events: &[EventRow]) -> Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(EVENT_COLUMNS.iter().map(|(name, _)| *name))?;
    for e in events {
        writer.write_record(event_cells(e).into_iter().map(|c| c.to_text()))?;
    }
    writer.flush()?;
    Ok(())
}

pub fn run_events(args: &EventsArgs) -> Result<ExitCode> {
    run_events_to(args, &mut stdout())
}

/// [`run_events`] writing to `out`.
pub fn run_events_to(args: &EventsArgs, mut out: &mut dyn Write) -> Result<ExitCode> {
    let store = args.db.open_for_queries()?;
    let mut query = args.filter.to_query()?;
    let table_default = args.format == TableFormat::Table && args.limit.is_none();
    query.limit = if table_default {
        Some(TABLE_LIMIT + 1)
    } else {
        args.limit
    };
    let mut events = store.events(&query)?;
    let more = table_default && events.len() > TABLE_LIMIT;
    events.truncate(if table_default { TABLE_LIMIT } else { usize::MAX });
    match args.format {
        TableFormat::Jsonl => {
            for e in &events {
                serde_json::to_writer(&mut out, e)?;
                out.write_all(b"\n")?;
            }
        }
        TableFormat::Csv => write_events_csv(&mut out, &events)?,
        TableFormat::Table => {
            let rows: Vec<Vec<String>> = events
                .iter()
                .map(|e| {
                    let mut flags = Vec::new();
                    if e.negated {
                        flags.push("negated");
                    }
                    if !e.factual {
                        flags.push("non-factual");
                    }
                    vec![
                        e.date.clone().unwrap_or_else(|| "-".into()),
                        e.article_id.clone(),
                        actor_label(Some(&e.source)),
                        actor_label(e.target.as_ref()),
                        e.code.clone(),
                        format!("{:+.1}", e.goldstein),
                        e.quad_class.to_string(),
                        e.plover.clone().unwrap_or_default(),
                        e.location.as_ref().map(place_label).unwrap_or_default(),
                        flags.join(","),
                        format!("{} — {}", e.trigger.text, e.name),
                    ]
                })
                .collect();
            write_table(
                &mut out,
                &[
                    "date",
                    "article",
                    "source",
                    "target",
                    "code",
                    "gold",
                    "quad",
                    "plover",
                    "place",
                    "flags",
                    "trigger — event",
                ],
                &rows,
            )?;
        }
    }
    out.flush()?;
    if more {
        eprintln!("detente: showing the first {TABLE_LIMIT} events; use --limit N or --format jsonl for more");
    } else if events.is_empty() {
        eprintln!("detente: no events match");
    }
    Ok(ExitCode::SUCCESS)
}

/// `detente quotes` over the store: stored quotes by speaker, actor, date and words.
#[derive(Args, Debug, Clone)]
pub struct QuotesQueryArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Part of the speaker's name (case-insensitive): --speaker Stoltenberg.
    #[arg(long)]
    pub speaker: Option<String>,
    /// The speaker's actor (prefix of code, country or org): --actor RUS.
    #[arg(long, value_name = "ACTOR")]
    pub actor: Option<String>,
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Words the quote contains (full-text, stemmed): --text "open door".
    #[arg(long, value_name = "WORDS")]
    pub text: Option<String>,
    /// Include quotes from near-duplicate copies of a story.
    #[arg(long)]
    pub include_duplicates: bool,
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Set by `detente quotes --format` (shared with the file mode).
    #[arg(skip = TableFormat::Table)]
    pub format: TableFormat,
}

pub fn run_quotes_query(args: &QuotesQueryArgs) -> Result<ExitCode> {
    run_quotes_query_to(args, &mut stdout())
}

/// [`run_quotes_query`] writing to `out`.
pub fn run_quotes_query_to(args: &QuotesQueryArgs, mut out: &mut dyn Write) -> Result<ExitCode> {
    let store = args.db.open_for_queries()?;
    let query = QuoteQuery {
        speaker: args.speaker.clone(),
        actor: args.actor.clone(),
        since: check_date("--since", &args.since)?,
        until: check_date("--until", &args.until)?,
        text: args.text.clone(),
        include_duplicates: args.include_duplicates,
        limit: args.limit,
    };
    let quotes = store.quotes(&query)?;
    match args.format {
        TableFormat::Jsonl => {
            for q in &quotes {
                serde_json::to_writer(&mut out, q)?;
                out.write_all(b"\n")?;
            }
        }
        TableFormat::Csv => {
            let mut writer = csv::Writer::from_writer(&mut out);
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
                &mut out,
                &["date", "article", "speaker", "actor", "kind", "quote"],
                &rows,
            )?;
        }
    }
    out.flush()?;
    if quotes.is_empty() {
        eprintln!("detente: no quotes match");
    }
    Ok(ExitCode::SUCCESS)
}

/// `detente search`: ranked articles and quotes with highlighted snippets.
#[derive(Args, Debug, Clone)]
pub struct SearchArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Words or "quoted phrases"; AND, OR, NOT and prefix* work.
    #[arg(required = true, value_name = "WORDS")]
    pub query: Vec<String>,
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub limit: usize,
    /// Include near-duplicate copies of a story.
    #[arg(long)]
    pub include_duplicates: bool,
    #[arg(long, short, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
}

pub fn run_search(args: &SearchArgs) -> Result<ExitCode> {
    run_search_to(args, &mut stdout())
}

/// [`run_search`] writing to `out`.
pub fn run_search_to(args: &SearchArgs, mut out: &mut dyn Write) -> Result<ExitCode> {
    let store = args.db.open_for_queries()?;
    let terminal = std::io::stdout().is_terminal() && args.format == TableFormat::Table;
    let highlight = if terminal {
        ("\x1b[1;33m", "\x1b[0m")
    } else {
        ("[", "]")
    };
    let query = SearchQuery {
        query: args.query.join(" "),
        limit: args.limit,
        highlight: (highlight.0.into(), highlight.1.into()),
        include_duplicates: args.include_duplicates,
    };
    let hits = store.search(&query)?;
    match args.format {
        TableFormat::Jsonl => {
            for h in &hits {
                serde_json::to_writer(&mut out, h)?;
                out.write_all(b"\n")?;
            }
        }
        TableFormat::Csv => {
            let mut writer = csv::Writer::from_writer(&mut out);
            for h in &hits {
                writer.serialize(h)?;
            }
            writer.flush()?;
        }
        TableFormat::Table => {
            for (rank, h) in hits.iter().enumerate() {
                let what = match h.kind.as_str() {
                    "quote" => format!("quote by {}", h.title.as_deref().unwrap_or("?")),
                    _ => h.title.clone().unwrap_or_else(|| "(no title)".into()),
                };
                writeln!(
                    out,
                    "{:>2}. {}  {}  {}",
                    rank + 1,
                    h.date.as_deref().unwrap_or("----------"),
                    h.article_id,
                    what
                )?;
                writeln!(out, "    {}", h.snippet.replace('\n', " "))?;
            }
        }
    }
    out.flush()?;
    if hits.is_empty() {
        eprintln!("detente: nothing found");
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PeriodArg {
    Day,
    Week,
    Month,
}

impl From<PeriodArg> for Period {
    fn from(p: PeriodArg) -> Period {
        match p {
            PeriodArg::Day => Period::Day,
            PeriodArg::Week => Period::Week,
            PeriodArg::Month => Period::Month,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TrendFormat {
    /// A text bar chart (the default on a terminal).
    Chart,
    /// Aligned columns (the default otherwise).
    Table,
    Jsonl,
    Csv,
}

/// `detente trend A B`: events between two actors per period, both directions.
#[derive(Args, Debug, Clone)]
pub struct TrendArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// First actor (prefix of code, country or org).
    pub a: String,
    /// Second actor.
    pub b: String,
    /// Period length.
    #[arg(long, value_enum, default_value_t = PeriodArg::Week)]
    pub by: PeriodArg,
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only factual events.
    #[arg(long)]
    pub factual: bool,
    /// Count near-duplicate copies of a story too.
    #[arg(long)]
    pub include_duplicates: bool,
    /// Also draw the trend as an SVG chart.
    #[arg(long, value_name = "FILE.svg")]
    pub plot: Option<PathBuf>,
    #[arg(long, short, value_enum)]
    pub format: Option<TrendFormat>,
}

pub fn run_trend(args: &TrendArgs) -> Result<ExitCode> {
    run_trend_to(args, &mut stdout())
}

/// [`run_trend`] writing to `out`.
pub fn run_trend_to(args: &TrendArgs, mut out: &mut dyn Write) -> Result<ExitCode> {
    let store = args.db.open_for_queries()?;
    let query = EventQuery {
        dyad: Some((args.a.clone(), args.b.clone())),
        since: check_date("--since", &args.since)?,
        until: check_date("--until", &args.until)?,
        factual: args.factual,
        include_duplicates: args.include_duplicates,
        ..EventQuery::default()
    };
    let events = store.events(&query)?;
    let points = analysis::trend(&events, &args.a, &args.b, args.by.into());
    if let Some(path) = &args.plot {
        plot_trend(path, &args.a, &args.b, &points).with_context(|| format!("drawing {}", path.display()))?;
        eprintln!("detente: wrote {}", path.display());
    }
    let format = args.format.unwrap_or(if std::io::stdout().is_terminal() {
        TrendFormat::Chart
    } else {
        TrendFormat::Table
    });
    let (ab, ba) = (format!("{}→{}", args.a, args.b), format!("{}→{}", args.b, args.a));
    match format {
        TrendFormat::Jsonl => {
            for p in &points {
                serde_json::to_writer(&mut out, p)?;
                out.write_all(b"\n")?;
            }
        }
        TrendFormat::Csv | TrendFormat::Table => {
            let headers = [
                "period",
                "start",
                "ab_events",
                "ab_q1",
                "ab_q2",
                "ab_q3",
                "ab_q4",
                "ab_gold_sum",
                "ab_gold_mean",
                "ba_events",
                "ba_q1",
                "ba_q2",
                "ba_q3",
                "ba_q4",
                "ba_gold_sum",
                "ba_gold_mean",
            ];
            let rows: Vec<Vec<String>> = points.iter().map(trend_row).collect();
            if format == TrendFormat::Csv {
                let mut writer = csv::Writer::from_writer(&mut out);
                writer.write_record(headers)?;
                for row in &rows {
                    writer.write_record(row)?;
                }
                writer.flush()?;
            } else {
                writeln!(out, "ab = {ab}, ba = {ba}; q1..q4 = quad classes")?;
                write_table(&mut out, &headers, &rows)?;
            }
        }
        TrendFormat::Chart => write_trend_chart(&mut out, &ab, &ba, &points)?,
    }
    out.flush()?;
    if points.is_empty() {
        eprintln!("detente: no dated events between {} and {}", args.a, args.b);
    }
    Ok(ExitCode::SUCCESS)
}

fn trend_row(p: &TrendPoint) -> Vec<String> {
    let mut row = vec![p.period.clone(), p.start.clone()];
    for d in [&p.a_to_b, &p.b_to_a] {
        row.push(d.events.to_string());
        row.extend(d.quad.iter().map(u32::to_string));
        row.push(format!("{:.1}", d.goldstein_sum));
        row.push(d.goldstein_mean.map(|m| format!("{m:.2}")).unwrap_or_default());
    }
    row
}

fn write_trend_chart(out: &mut impl Write, ab: &str, ba: &str, points: &[TrendPoint]) -> std::io::Result<()> {
    const WIDTH: u32 = 40;
    let max = points
        .iter()
        .map(|p| p.a_to_b.events.max(p.b_to_a.events))
        .max()
        .unwrap_or(0)
        .max(1);
    let label_width = points.iter().map(|p| p.period.len()).max().unwrap_or(0);
    let name_width = ab.chars().count().max(ba.chars().count());
    for p in points {
        for (i, (name, d)) in [(ab, &p.a_to_b), (ba, &p.b_to_a)].into_iter().enumerate() {
            let period = if i == 0 { p.period.as_str() } else { "" };
            let cells = (d.events * WIDTH).div_ceil(max) as usize;
            let conflict = ((d.quad[2] + d.quad[3]) * WIDTH).div_ceil(max) as usize;
            // Conflict events first (█), then cooperation (░): the bar shows both count and mix.
            let bar = format!(
                "{}{}",
                "█".repeat(conflict.min(cells)),
                "░".repeat(cells - conflict.min(cells))
            );
            writeln!(
                out,
                "{period:<label_width$}  {name:<name_width$} {bar:<w$} {:>4}  Σg {:>7.1}",
                d.events,
                d.goldstein_sum,
                w = WIDTH as usize
            )?;
        }
    }
    if !points.is_empty() {
        writeln!(out, "█ conflict (quad 3-4)  ░ cooperation (quad 1-2)  Σg Goldstein sum")?;
    }
    Ok(())
}

fn plot_trend(path: &Path, a: &str, b: &str, points: &[TrendPoint]) -> Result<()> {
    use plotters::prelude::*;
    let plot_err = |e: &dyn std::fmt::Display| anyhow!("{e}");
    let root = SVGBackend::new(path, (960, 600)).into_drawing_area();
    root.fill(&WHITE).map_err(|e| plot_err(&e))?;
    let (top, bottom) = root.split_vertically(300);
    let n = points.len().max(2) - 1;
    let label = |x: &f64| {
        points
            .get(x.round() as usize)
            .map(|p| p.period.clone())
            .unwrap_or_default()
    };
    let series = [
        (format!("{a}→{b}"), RGBColor(200, 40, 40)),
        (format!("{b}→{a}"), RGBColor(40, 80, 200)),
    ];
    let max_events = points
        .iter()
        .map(|p| p.a_to_b.events.max(p.b_to_a.events))
        .max()
        .unwrap_or(0)
        .max(1);
    let mut chart = ChartBuilder::on(&top)
        .caption(format!("Events between {a} and {b}"), ("sans-serif", 20))
        .margin(12)
        .x_label_area_size(30)
        .y_label_area_size(50)
        .build_cartesian_2d(0f64..n as f64, 0f64..f64::from(max_events) * 1.1)
        .map_err(|e| plot_err(&e))?;
    chart
        .configure_mesh()
        .x_labels(8)
        .x_label_formatter(&label)
        .y_desc("events")
        .draw()
        .map_err(|e| plot_err(&e))?;
    for (k, (name, color)) in series.iter().enumerate() {
        let values = points.iter().enumerate().map(|(i, p)| {
            let d = if k == 0 { &p.a_to_b } else { &p.b_to_a };
            (i as f64, f64::from(d.events))
        });
        let color = *color;
        chart
            .draw_series(LineSeries::new(values, color.stroke_width(2)))
            .map_err(|e| plot_err(&e))?
            .label(name.clone())
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(2)));
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.8))
        .border_style(BLACK)
        .draw()
        .map_err(|e| plot_err(&e))?;

    let sums = points
        .iter()
        .flat_map(|p| [p.a_to_b.goldstein_sum, p.b_to_a.goldstein_sum]);
    let (low, high) = sums.fold((0f64, 0f64), |(l, h), v| (l.min(v), h.max(v)));
    let pad = ((high - low) * 0.1).max(1.0);
    let mut chart = ChartBuilder::on(&bottom)
        .caption("Goldstein sum (negative: conflict)", ("sans-serif", 16))
        .margin(12)
        .x_label_area_size(30)
        .y_label_area_size(50)
        .build_cartesian_2d(0f64..n as f64, (low - pad)..(high + pad))
        .map_err(|e| plot_err(&e))?;
    chart
        .configure_mesh()
        .x_labels(8)
        .x_label_formatter(&label)
        .y_desc("Goldstein")
        .draw()
        .map_err(|e| plot_err(&e))?;
    for (k, (_, color)) in series.iter().enumerate() {
        let values = points.iter().enumerate().map(|(i, p)| {
            let d = if k == 0 { &p.a_to_b } else { &p.b_to_a };
            (i as f64, d.goldstein_sum)
        });
        chart
            .draw_series(LineSeries::new(values, color.stroke_width(2)))
            .map_err(|e| plot_err(&e))?;
    }
    root.present().map_err(|e| plot_err(&e))?;
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KeyArg {
    /// Group actors by country (else org): RUSGOV and RUSMIL are RUS.
    Country,
    /// Keep full actor codes apart.
    Code,
}

impl From<KeyArg> for NodeKey {
    fn from(k: KeyArg) -> NodeKey {
        match k {
            KeyArg::Country => NodeKey::Country,
            KeyArg::Code => NodeKey::Code,
        }
    }
}

/// `detente alerts`: dyads whose conflict rises above their own baseline.
#[derive(Args, Debug, Clone)]
pub struct AlertsArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Period length.
    #[arg(long, value_enum, default_value_t = PeriodArg::Week)]
    pub by: PeriodArg,
    /// Baseline: this many preceding periods.
    #[arg(long, default_value_t = 8, value_name = "PERIODS")]
    pub window: usize,
    /// Alert above baseline mean + K standard deviations.
    #[arg(long, short = 'k', default_value_t = 2.0)]
    pub k: f64,
    /// The least conflict events a period needs to alert.
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub min_events: u32,
    /// Report periods from this date on (baselines still use older events).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    #[arg(long, value_enum, default_value_t = KeyArg::Country)]
    pub key: KeyArg,
    /// Only factual events.
    #[arg(long)]
    pub factual: bool,
    /// Count near-duplicate copies of a story too.
    #[arg(long)]
    pub include_duplicates: bool,
    /// Evidence events shown per alert in the table.
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub evidence: usize,
    /// table or jsonl (with all evidence).
    #[arg(long, short, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
}

pub fn run_alerts(args: &AlertsArgs) -> Result<ExitCode> {
    run_alerts_to(args, &mut stdout())
}

/// [`run_alerts`] writing to `out`.
pub fn run_alerts_to(args: &AlertsArgs, mut out: &mut dyn Write) -> Result<ExitCode> {
    let store = args.db.open_for_queries()?;
    let query = EventQuery {
        factual: args.factual,
        exclude_negated: true,
        include_duplicates: args.include_duplicates,
        ..EventQuery::default()
    };
    let events = store.events(&query)?;
    let params = AlertParams {
        period: args.by.into(),
        window: args.window,
        k: args.k,
        min_events: args.min_events,
        since: check_date("--since", &args.since)?,
        key: args.key.into(),
    };
    let alerts = analysis::alerts(&events, &params);
    match args.format {
        TableFormat::Jsonl => {
            for a in &alerts {
                serde_json::to_writer(&mut out, a)?;
                out.write_all(b"\n")?;
            }
        }
        TableFormat::Csv => {
            let mut writer = csv::Writer::from_writer(&mut out);
            writer.write_record([
                "period",
                "a",
                "b",
                "material_conflict",
                "baseline_mean",
                "baseline_sd",
                "goldstein_sum",
                "reasons",
                "articles",
            ])?;
            for a in &alerts {
                let mut articles: Vec<&str> = a.evidence.iter().map(|e| e.article_id.as_str()).collect();
                articles.dedup();
                writer.write_record([
                    a.period.clone(),
                    a.dyad.0.clone(),
                    a.dyad.1.clone(),
                    a.material_conflict.to_string(),
                    format!("{:.2}", a.baseline_mean),
                    format!("{:.2}", a.baseline_sd),
                    format!("{:.1}", a.goldstein_sum),
                    a.reasons.join(" "),
                    articles.join(" "),
                ])?;
            }
            writer.flush()?;
        }
        TableFormat::Table => {
            for a in &alerts {
                writeln!(
                    out,
                    "{}  {}–{}: {} material-conflict events (baseline {:.1} ± {:.1}), Goldstein sum {:.1} \
                     (baseline {:.1} ± {:.1}) [{}]",
                    a.period,
                    a.dyad.0,
                    a.dyad.1,
                    a.material_conflict,
                    a.baseline_mean,
                    a.baseline_sd,
                    a.goldstein_sum,
                    a.goldstein_baseline_mean,
                    a.goldstein_baseline_sd,
                    a.reasons.join(", ")
                )?;
                for e in a.evidence.iter().take(args.evidence) {
                    writeln!(
                        out,
                        "    {} {} {}→{} {} {:+.1} “{}”",
                        e.date.as_deref().unwrap_or("-"),
                        e.article_id,
                        e.source,
                        e.target,
                        e.code,
                        e.goldstein,
                        e.trigger
                    )?;
                }
                if a.evidence.len() > args.evidence {
                    writeln!(
                        out,
                        "    … {} more events (--format jsonl)",
                        a.evidence.len() - args.evidence
                    )?;
                }
            }
        }
    }
    out.flush()?;
    if alerts.is_empty() {
        eprintln!("detente: no alerts ({} events looked at)", events.len());
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    Json,
    /// GraphViz DOT: `detente network --format dot | dot -Tsvg > net.svg`.
    Dot,
}

/// `detente network`: the actor interaction graph.
#[derive(Args, Debug, Clone)]
pub struct NetworkArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Events from this date on.
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    #[arg(long, value_enum, default_value_t = KeyArg::Country)]
    pub key: KeyArg,
    /// Leave out edges with fewer events.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub min_events: u32,
    /// Only factual events.
    #[arg(long)]
    pub factual: bool,
    /// Count near-duplicate copies of a story too.
    #[arg(long)]
    pub include_duplicates: bool,
    #[arg(long, short, value_enum, default_value_t = GraphFormat::Json)]
    pub format: GraphFormat,
}

pub fn run_network(args: &NetworkArgs) -> Result<ExitCode> {
    run_network_to(args, &mut stdout())
}

/// [`run_network`] writing to `out`.
pub fn run_network_to(args: &NetworkArgs, mut out: &mut dyn Write) -> Result<ExitCode> {
    let store = args.db.open_for_queries()?;
    let since = check_date("--since", &args.since)?;
    let query = EventQuery {
        since: since.clone(),
        until: check_date("--until", &args.until)?,
        factual: args.factual,
        exclude_negated: true,
        include_duplicates: args.include_duplicates,
        ..EventQuery::default()
    };
    let events = store.events(&query)?;
    let mut network = analysis::network(&events, since.as_deref(), args.key.into());
    network.retain_min_events(args.min_events);
    match args.format {
        GraphFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &network.to_json())?;
            out.write_all(b"\n")?;
        }
        GraphFormat::Dot => out.write_all(network.to_dot().as_bytes())?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormatArg {
    /// Hive-partitioned Parquet: DIR/date=YYYY-MM-DD/part-0.parquet.
    Parquet,
    /// DIR/events.csv.
    Csv,
    /// GDELT 2.0 event-table columns, tab-separated with a header: DIR/events.gdelt.tsv.
    Gdelt,
}

/// `detente export`: events to files.
#[derive(Args, Debug, Clone)]
pub struct ExportArgs {
    #[command(flatten)]
    pub db: DbArg,
    #[arg(long, short, value_enum)]
    pub format: ExportFormatArg,
    /// Output directory (created if needed).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    #[command(flatten)]
    pub filter: EventFilterArgs,
}

pub fn run_export(args: &ExportArgs) -> Result<ExitCode> {
    let store = args.db.open_for_queries()?;
    let format = match args.format {
        ExportFormatArg::Parquet => ExportFormat::Parquet,
        ExportFormatArg::Csv => ExportFormat::Csv,
        ExportFormatArg::Gdelt => ExportFormat::Gdelt,
    };
    let summary = store.export(format, &args.out, &args.filter.to_query()?)?;
    eprintln!(
        "detente: exported {} events to {} file{} under {}",
        summary.rows,
        summary.files.len(),
        if summary.files.len() == 1 { "" } else { "s" },
        args.out.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Feeds coded articles into the store in batches (one transaction each): what `detente ingest` writes to.
/// Re-running an ingest is safe: stored articles are skipped, changed ones replaced.
pub struct IngestSink {
    store: Store,
    pending: Vec<detente_records::CodedArticle>,
    batch: usize,
    dictionary_set: String,
    pub summary: detente_store::BatchSummary,
}

impl IngestSink {
    pub fn open(db: &DbArg, batch: usize, dictionary_set: &str) -> Result<IngestSink> {
        Ok(IngestSink {
            store: Store::open(db.path())?,
            pending: Vec::with_capacity(batch.max(1)),
            batch: batch.max(1),
            dictionary_set: dictionary_set.into(),
            summary: Default::default(),
        })
    }

    pub fn push(&mut self, article: detente_records::CodedArticle) -> Result<()> {
        self.pending.push(article);
        if self.pending.len() >= self.batch {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        if !self.pending.is_empty() {
            let done = self
                .store
                .ingest_batch(&self.pending, env!("CARGO_PKG_VERSION"), &self.dictionary_set)?;
            self.summary.add(&done);
            self.pending.clear();
        }
        Ok(())
    }

    /// Stores what is pending and returns the totals.
    pub fn finish(mut self) -> Result<detente_store::BatchSummary> {
        self.flush()?;
        Ok(self.summary)
    }
}

/// `12 new, 3 replaced, 40 unchanged, 2 same text, 5 near-duplicates; 130 events, 41 quotes`.
pub fn ingest_summary_line(s: &detente_store::BatchSummary) -> String {
    format!(
        "{} new, {} replaced, {} unchanged, {} same text, {} near-duplicates; {} events, {} quotes stored",
        s.inserted, s.replaced, s.unchanged, s.same_text, s.near_duplicates, s.events, s.quotes
    )
}

/// `detente recode`: code every stored article again (after a dictionary change) and replace its coding.
#[derive(Args, Debug, Clone)]
pub struct RecodeArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Articles per transaction.
    #[arg(long, default_value_t = 256, value_name = "N")]
    pub batch: usize,
}

/// The id of a dictionary set: `builtin`, or `builtin+<hash of the user's files>`.
pub fn dictionary_set_id(sources: &[detente_coder::DictionarySource]) -> String {
    if sources.is_empty() {
        "builtin".into()
    } else {
        format!(
            "builtin+{}",
            detente_store::content_id(sources.iter().map(|s| (s.name.as_str(), s.text.as_str())))
        )
    }
}

/// Re-codes the stored articles page by page; coding runs in parallel, each page is one transaction.
pub fn run_recode(args: &RecodeArgs, coder: &detente_coder::Coder, dictionary_set: &str) -> Result<ExitCode> {
    use rayon::prelude::*;
    let mut store = Store::open(args.db.path())?;
    let coder_version = env!("CARGO_PKG_VERSION");
    let started = std::time::Instant::now();
    let mut total = detente_store::BatchSummary::default();
    let mut after = 0;
    loop {
        let page = store.articles_after(after, args.batch.max(1))?;
        let Some(&(last, _)) = page.last() else { break };
        let coded: Vec<_> = page.par_iter().map(|(_, article)| coder.code(article)).collect();
        total.add(&store.replace_coding(&coded, coder_version, dictionary_set)?);
        after = last;
    }
    eprintln!(
        "detente: re-coded {} articles ({} events, {} quotes) with dictionary set {dictionary_set} in {:.2}s",
        total.replaced + total.inserted,
        total.events,
        total.quotes,
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use detente_records::{Actor, CodedArticle, Event, Quote, QuoteKind, Speaker, Trigger};

    fn coded(id: &str, date: &str, text: &str, events: &[(&str, &str, &str, f64, u8, &str)]) -> CodedArticle {
        let actor = |code: &str| Actor {
            code: code.into(),
            country: Some(code[..3].into()),
            ..Actor::default()
        };
        CodedArticle {
            schema: detente_records::SCHEMA_VERSION,
            id: id.into(),
            source: None,
            date: Some(date.into()),
            title: Some(format!("Title of {id}")),
            url: None,
            text: Some(text.into()),
            sentences: vec![],
            mentions: vec![],
            quotes: vec![Quote {
                kind: QuoteKind::Direct,
                start: 0,
                end: 4,
                text: text[..4].into(),
                cue: None,
                cue_span: None,
                speaker: Some(Speaker {
                    name: Some("Anna Example".into()),
                    ..Speaker::default()
                }),
            }],
            events: events
                .iter()
                .map(|&(s, t, code, goldstein, quad, trigger)| {
                    let start = text.find(trigger).unwrap();
                    Event {
                        sentence: 0,
                        source: actor(s),
                        target: Some(actor(t)),
                        code: code.into(),
                        root: code[..2].into(),
                        name: "test".into(),
                        goldstein,
                        quad_class: quad,
                        plover: None,
                        negated: false,
                        factual: true,
                        quote: None,
                        location: None,
                        trigger: Trigger {
                            start,
                            end: start + trigger.len(),
                            text: trigger.into(),
                        },
                        rule: "test".into(),
                    }
                })
                .collect(),
        }
    }

    #[test]
    fn commands_run_against_a_database() {
        let dir = std::env::temp_dir().join(format!("detente-cli-store-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let db = DbArg {
            db: Some(dir.join("t.db")),
        };
        let missing = EventsArgs {
            db: db.clone(),
            filter: EventFilterArgs::default(),
            limit: None,
            format: TableFormat::Jsonl,
        };
        let err = run_events(&missing).unwrap_err().to_string();
        assert!(err.contains("does not exist"), "{err}");
        let mut sink = IngestSink::open(&db, 2, "builtin").unwrap();
        for day in 1..=9 {
            let text = format!("Tanks shelled a border village on day {day} of the offensive.");
            sink.push(coded(
                &format!("d{day}"),
                &format!("2022-03-0{day}"),
                &text,
                &[("RUSMIL", "UKRMIL", "190", -10.0, 4, "shelled")],
            ))
            .unwrap();
        }
        for n in 0..5 {
            let text = format!("Rockets struck depot number {n} and artillery shelled the town square.");
            sink.push(coded(
                &format!("s{n}"),
                "2022-03-10",
                &text,
                &[
                    ("RUSMIL", "UKRMIL", "190", -10.0, 4, "struck"),
                    ("RUSMIL", "UKRMIL", "190", -10.0, 4, "shelled"),
                ],
            ))
            .unwrap();
        }
        let summary = sink.finish().unwrap();
        assert_eq!(summary.inserted, 14);
        assert!(ingest_summary_line(&summary).starts_with("14 new"));
        let filter = EventFilterArgs {
            dyad: Some("RUS,UKR".into()),
            root: Some("18..20".into()),
            ..Default::default()
        };
        let capture = |run: &dyn Fn(&mut dyn Write) -> Result<ExitCode>| -> String {
            let mut out = Vec::new();
            run(&mut out).unwrap();
            String::from_utf8(out).unwrap()
        };
        for format in [TableFormat::Table, TableFormat::Jsonl, TableFormat::Csv] {
            let events = capture(&|out| {
                let args = EventsArgs {
                    db: db.clone(),
                    filter: filter.clone(),
                    limit: Some(3),
                    format,
                };
                run_events_to(&args, out)
            });
            let quotes = capture(&|out| {
                let args = QuotesQueryArgs {
                    db: db.clone(),
                    speaker: Some("anna".into()),
                    actor: None,
                    since: None,
                    until: None,
                    text: None,
                    include_duplicates: false,
                    limit: Some(2),
                    format,
                };
                run_quotes_query_to(&args, out)
            });
            let search = capture(&|out| {
                let args = SearchArgs {
                    db: db.clone(),
                    query: vec!["shelled".into(), "village".into()],
                    limit: 2,
                    include_duplicates: false,
                    format,
                };
                run_search_to(&args, out)
            });
            match format {
                TableFormat::Table => {
                    assert!(
                        events
                            .lines()
                            .next()
                            .unwrap()
                            .starts_with("date        article  source"),
                        "{events}"
                    );
                    assert_eq!(events.lines().count(), 4);
                    assert!(
                        events.contains("2022-03-01  d1       RUSMIL  UKRMIL  190   -10.0"),
                        "{events}"
                    );
                    assert!(quotes.contains("Anna Example") && quotes.contains("“Tank”"), "{quotes}");
                    assert!(search.starts_with(" 1. 2022-03-0"), "{search}");
                    assert!(search.contains("[shelled] a border [village]"), "{search}");
                }
                TableFormat::Jsonl => {
                    let rows: Vec<serde_json::Value> =
                        events.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
                    assert_eq!(rows.len(), 3);
                    assert_eq!(rows[0]["trigger"]["text"], "shelled");
                    assert_eq!(quotes.lines().count(), 2);
                    assert_eq!(search.lines().count(), 2);
                }
                TableFormat::Csv => {
                    assert!(events.starts_with("event_id,article_id,date"));
                    assert_eq!(events.lines().count(), 4);
                    assert!(quotes.starts_with("quote_id,"));
                    assert!(search.starts_with("kind,article_id"));
                }
            }
        }
        let plot = dir.join("trend.svg");
        let trend = |format: TrendFormat, plot: Option<PathBuf>| {
            let args = TrendArgs {
                db: db.clone(),
                a: "RUS".into(),
                b: "UKR".into(),
                by: PeriodArg::Day,
                since: Some("2022-03-05".into()),
                until: None,
                factual: false,
                include_duplicates: false,
                plot,
                format: Some(format),
            };
            capture(&|out| run_trend_to(&args, out))
        };
        let chart = trend(TrendFormat::Chart, Some(plot.clone()));
        assert!(std::fs::read_to_string(&plot).unwrap().contains("<svg"));
        assert_eq!(chart.lines().count(), 2 * 6 + 1, "{chart}");
        assert!(
            chart.lines().nth(10).unwrap().starts_with("2022-03-10  RUS→UKR ████"),
            "{chart}"
        );
        let table = trend(TrendFormat::Csv, None);
        assert!(
            table
                .lines()
                .last()
                .unwrap()
                .starts_with("2022-03-10,2022-03-10,10,0,0,0,10,-100.0,-10.00,0")
        );
        let alerts = capture(&|out| {
            let args = AlertsArgs {
                db: db.clone(),
                by: PeriodArg::Day,
                window: 7,
                k: 2.0,
                min_events: 3,
                since: None,
                key: KeyArg::Country,
                factual: false,
                include_duplicates: false,
                evidence: 2,
                format: TableFormat::Table,
            };
            run_alerts_to(&args, out)
        });
        assert!(
            alerts.starts_with("2022-03-10  RUS–UKR: 10 material-conflict events"),
            "{alerts}"
        );
        assert!(alerts.contains("… 8 more events"), "{alerts}");
        let dot = capture(&|out| {
            let args = NetworkArgs {
                db: db.clone(),
                since: Some("2022-03-02".into()),
                until: None,
                key: KeyArg::Code,
                min_events: 1,
                factual: false,
                include_duplicates: false,
                format: GraphFormat::Dot,
            };
            run_network_to(&args, out)
        });
        assert!(dot.contains("\"RUSMIL\" -> \"UKRMIL\" [label=\"18 / -10.0\""), "{dot}");
        for format in [ExportFormatArg::Csv, ExportFormatArg::Gdelt] {
            let out = dir.join("export");
            run_export(&ExportArgs {
                db: db.clone(),
                format,
                out: out.clone(),
                filter: EventFilterArgs::default(),
            })
            .unwrap();
        }
        let csv = std::fs::read_to_string(dir.join("export/events.csv")).unwrap();
        assert_eq!(csv.lines().count(), 1 + 9 + 10);
        let bad = EventsArgs {
            db: db.clone(),
            filter: EventFilterArgs {
                since: Some("March".into()),
                ..Default::default()
            },
            limit: None,
            format: TableFormat::Table,
        };
        assert!(run_events(&bad).unwrap_err().to_string().contains("YYYY-MM-DD"));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn recode_replaces_coding_with_the_real_coder() {
        let dir = std::env::temp_dir().join(format!("detente-cli-recode-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let db = DbArg {
            db: Some(dir.join("r.db")),
        };
        let text = "Russian troops attacked a Ukrainian village on Monday. The mayor said nobody was hurt.";
        let mut sink = IngestSink::open(&db, 10, "old-dictionaries").unwrap();
        sink.push(coded(
            "r1",
            "2022-03-01",
            text,
            &[("RUSMIL", "UKRMIL", "190", -10.0, 4, "attacked")],
        ))
        .unwrap();
        sink.finish().unwrap();
        let coder = detente_coder::Coder::builtin().unwrap();
        let set = dictionary_set_id(&[]);
        assert_eq!(set, "builtin");
        run_recode(
            &RecodeArgs {
                db: db.clone(),
                batch: 5,
            },
            &coder,
            &set,
        )
        .unwrap();
        let store = Store::open(db.path()).unwrap();
        let stored: (String, String) = store
            .connection()
            .query_row("SELECT dictionary_set, text FROM articles WHERE id = 'r1'", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!(stored, ("builtin".to_string(), text.to_string()));
        // Whatever the coder finds now, every stored event is from the new dictionary set.
        let events = store.events(&EventQuery::default()).unwrap();
        assert!(events.iter().all(|e| e.dictionary_set == "builtin"));
        assert_ne!(
            dictionary_set_id(&[detente_coder::DictionarySource {
                name: "a.actors.toml".into(),
                text: "x".into()
            }]),
            dictionary_set_id(&[detente_coder::DictionarySource {
                name: "a.actors.toml".into(),
                text: "y".into()
            }])
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn root_ranges_parse() {
        assert_eq!(parse_root_range("19").unwrap(), (19, 19));
        assert_eq!(parse_root_range("14..20").unwrap(), (14, 20));
        assert_eq!(parse_root_range("14-20").unwrap(), (14, 20));
        assert_eq!(parse_root_range("14..=20").unwrap(), (14, 20));
        assert!(parse_root_range("20..14").is_err());
        assert!(parse_root_range("21").is_err());
        assert!(parse_root_range("x").is_err());
        assert_eq!(parse_dyad("RUS, UKR").unwrap(), ("RUS".to_string(), "UKR".to_string()));
        assert!(parse_dyad("RUS").is_err());
        assert!(check_date("--since", &Some("2022-13-01".into())).is_err());
    }

    #[test]
    fn chart_bars_scale_and_split_conflict() {
        let mut p = TrendPoint {
            period: "2022-W08".into(),
            start: "2022-02-21".into(),
            a_to_b: Default::default(),
            b_to_a: Default::default(),
        };
        p.a_to_b.events = 4;
        p.a_to_b.quad = [2, 0, 0, 2];
        p.b_to_a.events = 2;
        p.b_to_a.quad = [0, 0, 0, 2];
        let mut out = Vec::new();
        write_trend_chart(&mut out, "RUS→UKR", "UKR→RUS", &[p]).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with("2022-W08  RUS→UKR"));
        assert_eq!(lines[0].matches('█').count(), 20);
        assert_eq!(lines[0].matches('░').count(), 20);
        assert_eq!(lines[1].matches('█').count(), 20);
        assert_eq!(lines[1].matches('░').count(), 0);
    }

    #[test]
    fn svg_plot_is_written() {
        let points: Vec<TrendPoint> = (0..5)
            .map(|i| {
                let mut p = TrendPoint {
                    period: format!("2022-0{}", i + 1),
                    start: format!("2022-0{}-01", i + 1),
                    a_to_b: Default::default(),
                    b_to_a: Default::default(),
                };
                p.a_to_b.events = i;
                p.a_to_b.goldstein_sum = -3.0 * f64::from(i);
                p
            })
            .collect();
        let path = std::env::temp_dir().join(format!("detente-plot-{}.svg", std::process::id()));
        plot_trend(&path, "RUS", "UKR", &points).unwrap();
        let svg = std::fs::read_to_string(&path).unwrap();
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("RUS→UKR"));
        assert!(svg.contains("2022-03"));
        let _ = std::fs::remove_file(&path);
    }
}
