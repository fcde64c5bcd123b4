//! `detente trend A B`: events between two actors per period, both directions; optionally per 1,000
//! articles of the period, so that a busier news week does not look like an escalation.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow};
use clap::{Args, ValueEnum};
use detente_analysis::{self as analysis, Period, TrendPoint};
use detente_store::EventQuery;

use super::{ActorResolver, DbArg, check_date, write_table};
use crate::args::{ConfigArg, settings};
use crate::output::{clean, stdout};

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
    /// Aligned columns.
    Table,
    /// One JSON object per period (the default when piped).
    Jsonl,
    /// Comma-separated values with a header.
    Csv,
}

/// `detente trend A B`.
#[derive(Args, Debug, Clone)]
pub struct TrendArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// First actor: a code in upper case (prefix of code, country or org) or a name (Russia, Putin).
    pub a: String,
    /// Second actor (code or name).
    pub b: String,
    /// Period length.
    #[arg(long, value_enum, default_value_t = PeriodArg::Week)]
    pub by: PeriodArg,
    /// From this date on (YYYY-MM-DD, inclusive).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Up to this date (YYYY-MM-DD, inclusive).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only factual events.
    #[arg(long)]
    pub factual: bool,
    /// Count near-duplicate copies of a story too.
    #[arg(long)]
    pub include_duplicates: bool,
    /// Also give events per 1,000 articles stored for each period (the chart then shows those).
    #[arg(long)]
    pub normalize: bool,
    /// Also draw the trend as an SVG chart.
    #[arg(long, value_name = "FILE.svg")]
    pub plot: Option<PathBuf>,
    /// Output format [default: chart on a terminal, jsonl otherwise].
    #[arg(long, short, value_enum)]
    pub format: Option<TrendFormat>,
    #[command(flatten)]
    pub config: ConfigArg,
}

pub fn run(mut args: TrendArgs) -> Result<ExitCode> {
    let settings = settings(&args.config, None, None, None)?;
    super::with_db(&mut args.db, &settings);
    let mut actors = ActorResolver::new(&settings);
    run_to(&args, &mut actors, &mut stdout())
}

/// [`run`] writing to `out`.
pub fn run_to(args: &TrendArgs, actors: &mut ActorResolver, out: &mut dyn Write) -> Result<ExitCode> {
    let (a, b) = (actors.resolve(&args.a)?, actors.resolve(&args.b)?);
    let query = EventQuery {
        dyad: Some((a.clone(), b.clone())),
        since: check_date("--since", &args.since)?,
        until: check_date("--until", &args.until)?,
        factual: args.factual,
        include_duplicates: args.include_duplicates,
        ..EventQuery::default()
    };
    let store = args.db.open_for_queries()?;
    let events = store.events(&query)?;
    let mut points = analysis::trend(&events, &a, &b, args.by.into());
    if args.normalize {
        let volume = store.articles_per_day(args.include_duplicates)?;
        analysis::normalize_by_volume(&mut points, &volume, args.by.into());
    }
    if let Some(path) = &args.plot {
        plot_trend(path, &args.a, &args.b, &points).with_context(|| format!("drawing {}", path.display()))?;
        eprintln!("detente: wrote {}", path.display());
    }
    let format = args.format.unwrap_or(if crate::output::stdout_is_terminal() {
        TrendFormat::Chart
    } else {
        TrendFormat::Jsonl
    });
    let (ab, ba) = (
        format!("{}→{}", clean(&args.a), clean(&args.b)),
        format!("{}→{}", clean(&args.b), clean(&args.a)),
    );
    match format {
        TrendFormat::Jsonl => {
            for p in &points {
                serde_json::to_writer(&mut *out, p)?;
                out.write_all(b"\n")?;
            }
        }
        TrendFormat::Csv | TrendFormat::Table => {
            let mut headers = vec![
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
            if args.normalize {
                headers.extend(["articles", "ab_per_1000", "ba_per_1000"]);
            }
            let rows: Vec<Vec<String>> = points.iter().map(|p| trend_row(p, args.normalize)).collect();
            if format == TrendFormat::Csv {
                let mut writer = csv::Writer::from_writer(&mut *out);
                writer.write_record(&headers)?;
                for row in &rows {
                    writer.write_record(row)?;
                }
                writer.flush()?;
            } else {
                writeln!(out, "ab = {ab}, ba = {ba}; q1..q4 = quad classes")?;
                write_table(out, &headers, &rows, false)?;
            }
        }
        TrendFormat::Chart => write_trend_chart(out, &ab, &ba, &points, args.normalize)?,
    }
    out.flush()?;
    if points.is_empty() {
        eprintln!(
            "detente: no dated events between {} and {}",
            clean(&args.a),
            clean(&args.b)
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn trend_row(p: &TrendPoint, normalized: bool) -> Vec<String> {
    let mut row = vec![p.period.clone(), p.start.clone()];
    for d in [&p.a_to_b, &p.b_to_a] {
        row.push(d.events.to_string());
        row.extend(d.quad.iter().map(u32::to_string));
        row.push(format!("{:.1}", d.goldstein_sum));
        row.push(d.goldstein_mean.map(|m| format!("{m:.2}")).unwrap_or_default());
    }
    if normalized {
        row.push(p.articles.unwrap_or(0).to_string());
        for d in [&p.a_to_b, &p.b_to_a] {
            row.push(d.per_1000_articles.map(|v| format!("{v:.2}")).unwrap_or_default());
        }
    }
    row
}

fn write_trend_chart(
    out: &mut dyn Write,
    ab: &str,
    ba: &str,
    points: &[TrendPoint],
    normalized: bool,
) -> std::io::Result<()> {
    const WIDTH: u32 = 40;
    let max = points
        .iter()
        .map(|p| p.a_to_b.events.max(p.b_to_a.events))
        .max()
        .unwrap_or(0)
        .max(1);
    let per_1000 = |d: &analysis::DirectionStats| {
        if normalized {
            format!(
                "  {:>7} /1000",
                d.per_1000_articles
                    .map(|v| format!("{v:.1}"))
                    .unwrap_or_else(|| "-".into())
            )
        } else {
            String::new()
        }
    };
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
                "{period:<label_width$}  {name:<name_width$} {bar:<w$} {:>4}  Σg {:>7.1}{}",
                d.events,
                d.goldstein_sum,
                per_1000(d),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_bars_scale_and_split_conflict() {
        let mut p = TrendPoint {
            period: "2022-W08".into(),
            start: "2022-02-21".into(),
            a_to_b: Default::default(),
            b_to_a: Default::default(),
            articles: None,
        };
        p.a_to_b.events = 4;
        p.a_to_b.quad = [2, 0, 0, 2];
        p.b_to_a.events = 2;
        p.b_to_a.quad = [0, 0, 0, 2];
        let mut out = Vec::new();
        write_trend_chart(&mut out, "RUS→UKR", "UKR→RUS", &[p], false).unwrap();
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
                    articles: None,
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
