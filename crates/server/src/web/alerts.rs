//! Alerts: the list, and each alert with its evidence (events, quotes, articles).

use std::collections::BTreeSet;
use std::sync::Arc;

use axum::extract::State;
use detente_analysis::{Alert, Period, parse_date};
use detente_store::{EventQuery, QuoteQuery};
use maud::html;

use super::layout::{
    SpeakerColours, article_href, count, dyad_href, events_table, goldstein, quad_legend, query_string, quote_list,
    segment, shell, truncate,
};
use super::{PageResult, WebError, WebPath, WebQuery, render};
use crate::api::analysis::all_alerts;
use crate::error::ApiError;
use crate::filters::{AlertParamsQuery, By, Key};
use crate::state::AppState;

fn by_name(by: By) -> &'static str {
    match by {
        By::Day => "day",
        By::Week => "week",
        By::Month => "month",
    }
}

fn detail_href(alert: &Alert, params: &AlertParamsQuery) -> String {
    let by = by_name(params.by.unwrap_or_default());
    let key = match params.key.unwrap_or_default() {
        Key::Country => None,
        Key::Code => Some("code"),
    };
    format!(
        "/alerts/{}/{}/{}{}",
        segment(&alert.dyad.0),
        segment(&alert.dyad.1),
        alert.start,
        query_string([("by", Some(by)), ("key", key)])
    )
}

pub async fn list(State(state): State<Arc<AppState>>, WebQuery(params): WebQuery<AlertParamsQuery>) -> PageResult {
    let alerts = all_alerts(&state, &params).await?;
    let by = params.by.unwrap_or_default();
    let key = params.key.unwrap_or_default();
    let content = html! {
        h1 { "Alerts" }
        p.sub { "Dyads whose conflict in a period rose above their own baseline: more material-conflict events than the \
                 mean + 2 standard deviations of the preceding periods, or a Goldstein sum that far below. Newest first." }
        div.card {
            form.filters method="get" action="/alerts" {
                label { "Periods" select name="by" {
                    @for b in [By::Day, By::Week, By::Month] { option value=(by_name(b)) selected[b == by] { (by_name(b)) } }
                } }
                label { "Actors grouped by" select name="key" {
                    option value="country" selected[key == Key::Country] { "country" }
                    option value="code" selected[key == Key::Code] { "actor code" }
                } }
                label { "Periods from" input.short type="text" name="since" value=[params.since.as_deref()] placeholder="YYYY-MM-DD"; }
                button type="submit" { "Update" }
            }
        }
        div.card {
            h2 { (count(alerts.len() as u64)) @if alerts.len() == 1 { " alert" } @else { " alerts" } }
            @if alerts.is_empty() { p.sub { "No alert with these settings." } }
            @else {
                div.scroll { table {
                    thead { tr {
                        th { "Period" } th { "Dyad" } th.num { "Material conflict" } th.num { "Baseline" }
                        th.num { "Goldstein sum" } th { "Why" } th.num { "Evidence" } th {}
                    } }
                    tbody {
                        @for a in alerts.iter().rev().take(300) {
                            @let articles: BTreeSet<&str> = a.evidence.iter().map(|e| e.article_id.as_str()).collect();
                            tr {
                                td.nowrap { (a.period) }
                                td { a href=(dyad_href(&a.dyad.0, &a.dyad.1)) { (a.dyad.0) " – " (a.dyad.1) } }
                                td.num { strong { (a.material_conflict) } }
                                td.num { (format!("{:.1} ± {:.1}", a.baseline_mean, a.baseline_sd)) }
                                td.num { (goldstein(a.goldstein_sum)) }
                                td { (a.reasons.join(", ").replace('_', " ")) }
                                td.num { (a.evidence.len()) " events in " (articles.len()) " articles" }
                                td { a href=(detail_href(a, &params)) { "Evidence →" } }
                            }
                        }
                    }
                } }
                @if alerts.len() > 300 { p.sub { "The 300 newest are shown; GET /v1/alerts pages through all." } }
            }
        }
    };
    render(shell("Alerts", "/alerts", content))
}

pub async fn detail(
    State(state): State<Arc<AppState>>,
    WebPath((a, b, start)): WebPath<(String, String, String)>,
    WebQuery(params): WebQuery<AlertParamsQuery>,
) -> PageResult {
    let alerts = all_alerts(&state, &params).await?;
    let alert = alerts
        .iter()
        .find(|x| x.dyad.0 == a && x.dyad.1 == b && x.start == start)
        .cloned()
        .ok_or_else(|| {
            WebError(ApiError::not_found(format!(
                "No alert for {a} – {b} in the period starting {start}."
            )))
        })?;
    let period: Period = params.by.unwrap_or_default().into();
    let first = parse_date(&alert.start).ok_or_else(|| WebError(ApiError::bad_request("not a date")))?;
    let last = period.next(first) - chrono::Days::new(1);
    let (since, until) = (alert.start.clone(), last.format("%Y-%m-%d").to_string());
    let ids: BTreeSet<i64> = alert.evidence.iter().map(|e| e.event_id).collect();
    let article_ids: Vec<String> = {
        let mut seen = BTreeSet::new();
        alert
            .evidence
            .iter()
            .filter(|e| seen.insert(e.article_id.clone()))
            .map(|e| e.article_id.clone())
            .collect()
    };
    let (da, db) = (alert.dyad.0.clone(), alert.dyad.1.clone());
    let wanted_articles = article_ids.clone();
    let (events, quotes, articles) = state
        .read(move |store| {
            let query = EventQuery {
                dyad: Some((da.clone(), db.clone())),
                since: Some(since.clone()),
                until: Some(until.clone()),
                include_duplicates: true,
                ..EventQuery::default()
            };
            let mut events: Vec<_> = store
                .events(&query)?
                .into_iter()
                .filter(|e| ids.contains(&e.event_id))
                .collect();
            events.sort_by(|x, y| x.goldstein.total_cmp(&y.goldstein).then(x.event_id.cmp(&y.event_id)));
            let mut quotes = Vec::new();
            for actor in [da, db] {
                quotes.extend(store.quotes(&QuoteQuery {
                    actor: Some(actor),
                    since: Some(since.clone()),
                    until: Some(until.clone()),
                    limit: Some(200),
                    ..QuoteQuery::default()
                })?);
            }
            // Quotes from the evidence articles first.
            quotes.sort_by_key(|q| (!wanted_articles.contains(&q.article_id), q.date.clone(), q.quote_id));
            quotes.dedup_by_key(|q| q.quote_id);
            quotes.truncate(40);
            let mut articles = Vec::new();
            for id in &wanted_articles {
                if let Some(summary) = store.article_summary(id)? {
                    articles.push(summary);
                }
            }
            Ok((events, quotes, articles))
        })
        .await?;
    let week_link = format!(
        "{}{}#point",
        dyad_href(&alert.dyad.0, &alert.dyad.1),
        query_string([
            ("by", Some(by_name(params.by.unwrap_or_default()))),
            ("period", Some(alert.period.as_str())),
        ])
    );
    let mut colours = SpeakerColours::default();
    let content = html! {
        p { a href="/alerts" { "← All alerts" } }
        h1 { "Alert: " (alert.dyad.0) " – " (alert.dyad.1) ", " (alert.period) }
        div.stats {
            div.stat { div.n { (alert.material_conflict) } div.l { "material-conflict events (baseline " (format!("{:.1} ± {:.1}", alert.baseline_mean, alert.baseline_sd)) ")" } }
            div.stat { div.n { (format!("{:+.1}", alert.goldstein_sum)) } div.l { "Goldstein sum (baseline " (format!("{:+.1} ± {:.1}", alert.goldstein_baseline_mean, alert.goldstein_baseline_sd)) ")" } }
            div.stat { div.n { (alert.evidence.len()) } div.l { "conflict events in " (articles.len()) " articles" } }
            div.stat { div.n { (alert.reasons.len()) } div.l { "tests fired: " (alert.reasons.join(", ").replace('_', " ")) } }
        }
        p { a.button.secondary href=(week_link) { "See this period on the dyad's timeline" } }
        div.card {
            h2 { "Evidence: the conflict events, most negative first" }
            (quad_legend())
            (events_table(&events))
        }
        div.grid {
            div.card {
                h2 { "Articles" }
                table {
                    thead { tr { th { "Date" } th { "Title" } th { "Source" } th.num { "Events" } } }
                    tbody {
                        @for s in &articles {
                            tr {
                                td.nowrap { (s.date.as_deref().unwrap_or("–")) }
                                td { a href=(article_href(&s.id)) { (truncate(s.title.as_deref().unwrap_or(&s.id), 90)) } }
                                td { (s.source.as_deref().unwrap_or("")) }
                                td.num { (s.events) }
                            }
                        }
                    }
                }
            }
            div.card {
                h2 { "Quotes by " (alert.dyad.0) " or " (alert.dyad.1) " in the period" }
                @if quotes.is_empty() { p.sub { "No quotes by either side in this period." } }
                (quote_list(&quotes, &mut colours))
            }
        }
    };
    render(shell(&format!("Alert {a} – {b}"), "/alerts", content))
}
