//! The dyad view: choose two actors, see their timeline (bars stacked by quad class, the mean Goldstein
//! line, alert marks), and click a period for the events and quotes behind it.

use std::collections::BTreeSet;
use std::sync::Arc;

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use detente_analysis::{self as analysis, EventFact, Period, TrendEvent, TrendPoint, parse_date};
use detente_store::QuoteQuery;
use maud::{Markup, html};
use serde::Deserialize;

use super::charts::{ChartPoint, trend_chart};
use super::layout::{
    SpeakerColours, count, dyad_href, events_table, goldstein, quad_legend, query_string, quote_list, shell,
};
use super::{PageResult, WebError, WebPath, WebQuery, render};
use crate::api::analysis::all_alerts;
use crate::error::ApiError;
use crate::filters::{self, AlertParamsQuery, By};
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChooserParams {
    a: Option<String>,
    b: Option<String>,
    by: Option<String>,
    since: Option<String>,
    until: Option<String>,
}

fn chooser_form(a: Option<&str>, b: Option<&str>) -> Markup {
    html! {
        form.filters method="get" action="/dyads" {
            label { "Actor A" input type="text" name="a" value=[a] placeholder="RUS, USAGOV, NATO" required; }
            label { "Actor B" input type="text" name="b" value=[b] placeholder="UKR" required; }
            label { "Per" select name="by" {
                option value="" { "automatic" } option value="day" { "day" } option value="week" { "week" } option value="month" { "month" }
            } }
            label { "Since" input.short type="text" name="since" placeholder="YYYY-MM-DD"; }
            label { "Until" input.short type="text" name="until" placeholder="YYYY-MM-DD"; }
            button type="submit" { "Show the dyad" }
        }
    }
}

/// `/dyads`: the form, and the busiest dyads (of actor `a` when only it is given).
pub async fn chooser(
    State(state): State<Arc<AppState>>,
    WebQuery(params): WebQuery<ChooserParams>,
) -> Result<Response, WebError> {
    let a = filters::text("a", &params.a)?;
    let b = filters::text("b", &params.b)?;
    if let (Some(a), Some(b)) = (&a, &b) {
        let query = query_string([
            ("by", params.by.as_deref()),
            ("since", params.since.as_deref()),
            ("until", params.until.as_deref()),
        ]);
        return Ok(Redirect::to(&format!("{}{query}", dyad_href(a, b))).into_response());
    }
    let dyads = state
        .derived("dyads:500".into(), |store| Ok(store.dyad_counts(500)?))
        .await?;
    let focus = a.as_deref().map(str::to_ascii_uppercase);
    let shown: Vec<&detente_store::DyadCount> = dyads
        .iter()
        .filter(|d| {
            focus
                .as_deref()
                .is_none_or(|f| d.a.starts_with(f) || d.b.starts_with(f))
        })
        .take(40)
        .collect();
    let content = html! {
        h1 { "Dyads" }
        p.sub { "Two actors and everything between them. Actors are prefixes of an actor code, country or org: "
                code { "RUS" } " covers RUSGOV and RUSMIL." }
        div.card { (chooser_form(a.as_deref(), b.as_deref())) }
        div.card {
            h2 { @if let Some(f) = &focus { "Busiest dyads of " (f) } @else { "Busiest dyads" } }
            @if shown.is_empty() { p.sub { "No dyad with events yet." } }
            table {
                thead { tr { th { "Dyad" } th.num { "Events" } th.num { "Material conflict" } } }
                tbody {
                    @for d in &shown {
                        tr { td { a href=(dyad_href(&d.a, &d.b)) { (d.a) " – " (d.b) } } td.num { (count(d.events)) } td.num { (count(d.material_conflict)) } }
                    }
                }
            }
        }
    };
    Ok(render(shell("Dyads", "/dyads", content))?.into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DyadParams {
    by: Option<String>,
    since: Option<String>,
    until: Option<String>,
    /// The label of the clicked period.
    period: Option<String>,
    factual: Option<String>,
}

/// The period length: asked for, else one that gives a readable number of bars.
fn choose_period(asked: Option<&str>, events: &[impl TrendEvent]) -> Result<By, ApiError> {
    match asked.filter(|s| !s.is_empty()) {
        Some("day") => return Ok(By::Day),
        Some("week") => return Ok(By::Week),
        Some("month") => return Ok(By::Month),
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "by {other:?}: expected day, week or month"
            )));
        }
        None => {}
    }
    let dates: Vec<chrono::NaiveDate> = events.iter().filter_map(|e| e.date().and_then(parse_date)).collect();
    let (Some(first), Some(last)) = (dates.iter().min(), dates.iter().max()) else {
        return Ok(By::Week);
    };
    let days = (*last - *first).num_days();
    Ok(if days <= 45 {
        By::Day
    } else if days <= 3 * 365 {
        By::Week
    } else {
        By::Month
    })
}

/// What an automatic range left out: how many early events, and the first date.
struct Trimmed {
    left_out: usize,
    first: String,
    from: String,
}

/// A few events years before the rest would squeeze the timeline into a corner: without an asked range, events
/// before a gap of more than two years are left out when they are at most a tenth of all.
fn trim_early_tail(events: &mut Vec<impl TrendEvent>) -> Option<Trimmed> {
    let mut dates: Vec<chrono::NaiveDate> = events.iter().filter_map(|e| e.date().and_then(parse_date)).collect();
    dates.sort_unstable();
    let first = *dates.first()?;
    let cut = (1..dates.len())
        .rev()
        .find(|&i| i * 10 <= dates.len() && (dates[i] - dates[i - 1]).num_days() > 730)
        .map(|i| dates[i])?;
    let before = events.len();
    // Undated events are not on the timeline either way; they stay in the lists.
    events.retain(|e| e.date().and_then(parse_date).is_none_or(|d| d >= cut));
    Some(Trimmed {
        left_out: before - events.len(),
        first: first.format("%Y-%m-%d").to_string(),
        from: cut.format("%Y-%m-%d").to_string(),
    })
}

/// The ids of the events dated in the trend period `point`, in their order.
fn in_period(events: &[EventFact], point: &TrendPoint, period: Period) -> Vec<i64> {
    let start = parse_date(&point.start).expect("a trend start is a date");
    events
        .iter()
        .filter(|e| {
            e.date()
                .and_then(parse_date)
                .is_some_and(|d| period.start_of(d) == start)
        })
        .map(|e| e.event_id)
        .collect()
}

/// Does an alert's actor (a country, org or code) belong to the dyad actor pattern?
fn alert_actor_matches(pattern: &str, actor: &str) -> bool {
    let (p, a) = (pattern.to_ascii_uppercase(), actor.to_ascii_uppercase());
    p.starts_with(&a) || a.starts_with(&p)
}

pub async fn page(
    State(state): State<Arc<AppState>>,
    WebPath((a, b)): WebPath<(String, String)>,
    WebQuery(params): WebQuery<DyadParams>,
) -> PageResult {
    let factual = params.factual.as_deref() == Some("on");
    let trend_params = filters::TrendParams {
        since: params.since.clone(),
        until: params.until.clone(),
        factual: Some(factual),
        ..Default::default()
    };
    let query = trend_params.to_query(&a, &b)?;
    let (a, b) = query.dyad.clone().expect("a dyad query");
    let asked = params.by.clone();
    let (ta, tb) = (a.clone(), b.clone());
    let ranged = params.since.as_deref().is_some_and(|s| !s.is_empty())
        || params.until.as_deref().is_some_and(|u| !u.is_empty());
    let clicked = params.period.clone();
    // The timeline and the summary need only each event's date, actors and class ([`EventFact`]); whole
    // rows (article, sentence text) are read only for the events listed below the chart.
    let (events, by, points, trimmed, shown_events) = state
        .read(move |store| {
            let mut events = store.event_facts(&query)?;
            let trimmed = if ranged { None } else { trim_early_tail(&mut events) };
            let by = choose_period(asked.as_deref(), &events)?;
            let points = analysis::trend(&events, &ta, &tb, by.into());
            let shown = match clicked
                .as_deref()
                .and_then(|label| points.iter().find(|p| p.period == label))
            {
                Some(point) => in_period(&events, point, by.into()),
                None => events.iter().rev().take(25).map(|e| e.event_id).collect(),
            };
            let shown_events = store.events_by_id(&shown)?;
            Ok((events, by, points, trimmed, shown_events))
        })
        .await?;
    let period: Period = by.into();
    let by_name = match by {
        By::Day => "day",
        By::Week => "week",
        By::Month => "month",
    };
    // Alerts (weekly, by country) on this dyad, placed on the chart's periods.
    let alerts = all_alerts(&state, &AlertParamsQuery::default()).await?;
    let dyad_alerts: Vec<&detente_analysis::Alert> = alerts
        .iter()
        .filter(|x| {
            (alert_actor_matches(&a, &x.dyad.0) && alert_actor_matches(&b, &x.dyad.1))
                || (alert_actor_matches(&b, &x.dyad.0) && alert_actor_matches(&a, &x.dyad.1))
        })
        .collect();
    let alert_periods: BTreeSet<String> = dyad_alerts
        .iter()
        .filter_map(|x| parse_date(&x.start))
        .map(|d| period.label(period.start_of(d)))
        .collect();
    let selected: Option<&TrendPoint> = params
        .period
        .as_deref()
        .and_then(|label| points.iter().find(|p| p.period == label));
    if let Some(label) = params.period.as_deref().filter(|l| !l.is_empty())
        && selected.is_none()
    {
        return Err(WebError(ApiError::bad_request(format!(
            "period {label:?}: not a period of this chart"
        ))));
    }
    let link = |label: Option<&str>| {
        format!(
            "{}{}",
            dyad_href(&a, &b),
            query_string([
                ("by", Some(by_name)),
                ("since", params.since.as_deref()),
                ("until", params.until.as_deref()),
                ("factual", factual.then_some("on")),
                ("period", label),
            ])
        )
    };
    let chart_points: Vec<ChartPoint> = points
        .iter()
        .map(|p| {
            let mut quad = p.a_to_b.quad;
            for (q, c) in quad.iter_mut().zip(p.b_to_a.quad) {
                *q += c;
            }
            let n = p.a_to_b.events + p.b_to_a.events;
            ChartPoint {
                label: p.period.clone(),
                quad,
                goldstein_mean: (n > 0).then(|| (p.a_to_b.goldstein_sum + p.b_to_a.goldstein_sum) / f64::from(n)),
                href: format!("{}#point", link(Some(&p.period))),
                selected: selected.is_some_and(|s| s.period == p.period),
                alert: alert_periods.contains(&p.period),
            }
        })
        .collect();
    // What lies behind the clicked period, or the latest events.
    let quotes = match selected {
        Some(point) => {
            let start = parse_date(&point.start).expect("a trend start is a date");
            let end = period.next(start) - chrono::Days::new(1);
            let (since, until) = (start.format("%Y-%m-%d").to_string(), end.format("%Y-%m-%d").to_string());
            let (qa, qb) = (a.clone(), b.clone());
            state
                .read(move |store| {
                    let mut quotes = Vec::new();
                    for actor in [qa, qb] {
                        quotes.extend(store.quotes(&QuoteQuery {
                            actor: Some(actor),
                            since: Some(since.clone()),
                            until: Some(until.clone()),
                            limit: Some(60),
                            ..QuoteQuery::default()
                        })?);
                    }
                    quotes.sort_by(|x, y| x.date.cmp(&y.date).then(x.quote_id.cmp(&y.quote_id)));
                    quotes.dedup_by_key(|q| q.quote_id);
                    Ok(quotes)
                })
                .await?
        }
        None => Vec::new(),
    };
    let summary = |forward: bool| {
        let rows: Vec<&EventFact> = events
            .iter()
            .filter(|e| !e.negated)
            .filter(|e| {
                let target = e.target.as_ref();
                let (s, t) = if forward { (&a, &b) } else { (&b, &a) };
                analysis::actor_matches(&e.source, s) && target.is_some_and(|x| analysis::actor_matches(x, t))
            })
            .collect();
        let mean = (!rows.is_empty()).then(|| rows.iter().map(|e| e.goldstein).sum::<f64>() / rows.len() as f64);
        (rows.len(), mean)
    };
    let (ab, ab_mean) = summary(true);
    let (ba, ba_mean) = summary(false);
    let mut colours = SpeakerColours::default();
    let content = html! {
        h1 { (a) " – " (b) }
        p.sub {
            (ab) " events " (a) " → " (b)
            @if let Some(m) = ab_mean { " (mean Goldstein " (goldstein(m)) ")" }
            ", " (ba) " events " (b) " → " (a)
            @if let Some(m) = ba_mean { " (mean Goldstein " (goldstein(m)) ")" }
            @if let (Some(first), Some(last)) = (points.first(), points.last()) { ", " (first.period) " to " (last.period) }
            "."
        }
        div.card {
            form.filters method="get" action=(dyad_href(&a, &b)) {
                label { "Per" select name="by" {
                    @for option in ["day", "week", "month"] { option value=(option) selected[option == by_name] { (option) } }
                } }
                label { "Since" input.short type="text" name="since" value=[params.since.as_deref()] placeholder="YYYY-MM-DD"; }
                label { "Until" input.short type="text" name="until" value=[params.until.as_deref()] placeholder="YYYY-MM-DD"; }
                label { "Only factual" input type="checkbox" name="factual" checked[factual]; }
                button type="submit" { "Update" }
                a.button.secondary href="/dyads" { "Other actors" }
            }
        }
        @if let Some(t) = &trimmed {
            p.notice {
                "Shown from " (t.from) ": " (t.left_out) " earlier events, back to " (t.first) ", are left out. "
                a href=(format!("{}{}", dyad_href(&a, &b), query_string([("since", Some(t.first.as_str()))]))) { "Show all" }
            }
        }
        div.card {
            h2 { "Events per " (by_name) }
            @if points.is_empty() {
                p.sub { "No dated events between " (a) " and " (b) "." }
            } @else {
                div.legend {
                    @for (q, name) in super::layout::QUAD_NAMES.iter().enumerate() { span { span class=(format!("sw q{}", q + 1)) {} (name) } }
                    span { span.sw.gline {} "mean Goldstein (right axis)" }
                    span { span.sw.alert {} "alert" }
                }
                (trend_chart(&chart_points))
                p.sub { "Click a bar for the events and quotes behind it." }
            }
        }
        @if !dyad_alerts.is_empty() {
            div.card {
                h2 { "Alerts on this dyad" }
                table { tbody {
                    @for x in &dyad_alerts {
                        tr {
                            td { a href=(format!("/alerts/{}/{}/{}", super::layout::segment(&x.dyad.0), super::layout::segment(&x.dyad.1), x.start)) { (x.period) } }
                            td { (x.dyad.0) " – " (x.dyad.1) }
                            td.num { (x.material_conflict) " material-conflict events (baseline " (format!("{:.1}", x.baseline_mean)) ")" }
                            td { (x.reasons.join(", ")) }
                        }
                    }
                } }
            }
        }
        div.card #point {
            @match selected {
                Some(point) => {
                    h2 { "Behind " (point.period) ": " (shown_events.len()) " events, " (quotes.len()) " quotes" }
                    (quad_legend())
                    (events_table(&shown_events))
                    h3 { "Quotes by " (a) " or " (b) " in " (point.period) }
                    @if quotes.is_empty() { p.sub { "No quotes by either side in this period." } }
                    (quote_list(&quotes, &mut colours))
                    p { a href=(link(None)) { "Clear the selection" } }
                }
                None => {
                    h2 { "Latest events" }
                    (events_table(&shown_events))
                }
            }
        }
    };
    render(shell(&format!("{a} – {b}"), "/dyads", content))
}

#[cfg(test)]
mod tests {
    use super::*;
    use detente_analysis::EventRow;

    fn dated(date: &str) -> EventRow {
        EventRow {
            event_id: 0,
            article_id: String::new(),
            date: Some(date.into()),
            publisher: None,
            url: None,
            duplicate_of: None,
            sentence: 0,
            paragraph: None,
            source: Default::default(),
            target: None,
            code: "190".into(),
            root: "19".into(),
            name: String::new(),
            goldstein: -10.0,
            quad_class: 4,
            plover: None,
            negated: false,
            factual: true,
            quote: None,
            location: None,
            trigger: detente_records::Trigger {
                start: 0,
                end: 0,
                text: String::new(),
            },
            rule: String::new(),
            coder_version: String::new(),
            dictionary_set: String::new(),
            title: None,
            sentence_text: None,
            index: 0,
            goldstein_table: None,
            ingested_at: None,
        }
    }

    #[test]
    fn a_far_early_tail_is_left_out_of_the_automatic_range() {
        let mut events: Vec<EventRow> = (1..=28).map(|d| dated(&format!("2020-02-{d:02}"))).collect();
        events.extend([dated("1987-03-01"), dated("1987-03-02"), dated("2019-05-01")]);
        let trimmed = trim_early_tail(&mut events).expect("trimmed");
        assert_eq!(
            (trimmed.left_out, trimmed.first.as_str(), trimmed.from.as_str()),
            (2, "1987-03-01", "2019-05-01")
        );
        assert_eq!(events.len(), 29);
        // Events close together stay, and so does an early part too big to be a stray.
        let mut close: Vec<EventRow> = (1..=28).map(|d| dated(&format!("2020-02-{d:02}"))).collect();
        close.push(dated("2019-12-01"));
        assert!(trim_early_tail(&mut close).is_none());
        let mut big: Vec<EventRow> = (1..=20).map(|d| dated(&format!("2020-02-{d:02}"))).collect();
        big.extend((1..=5).map(|d| dated(&format!("1999-01-{d:02}"))));
        assert!(trim_early_tail(&mut big).is_none());
    }

    #[test]
    fn alert_actors_match_prefixes_both_ways() {
        assert!(alert_actor_matches("RUS", "RUS"));
        assert!(alert_actor_matches("RUSGOV", "RUS"));
        assert!(alert_actor_matches("rus", "RUSMIL"));
        assert!(!alert_actor_matches("UKR", "RUS"));
    }
}
