//! Derived views: a dyad's trend, alerts, the actor network and an actor's profile.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use detente_analysis::{self as analysis, Alert, Network, TrendPoint};
use detente_store::ActorProfile;
use serde::Serialize;
use utoipa::ToSchema;

use super::csv_response;
use crate::error::{ApiError, ApiPath, ApiQuery, ErrorBody};
use crate::filters::{AlertParamsQuery, By, GraphFormat, NetworkParams, TableFormat, TrendParams, page_size};
use crate::state::AppState;

/// A dyad's events per period, both directions.
#[derive(Debug, Serialize, ToSchema)]
pub struct Trend {
    pub a: String,
    pub b: String,
    pub by: By,
    /// From the first to the last period with an event, empty periods included.
    pub points: Vec<TrendPoint>,
}

/// A page of alerts.
#[derive(Debug, Serialize, ToSchema)]
pub struct AlertPage {
    pub alerts: Vec<Alert>,
    pub next_cursor: Option<String>,
}

/// Computes a trend (for the API and the dashboard).
pub(crate) async fn run_trend(
    state: &Arc<AppState>,
    a: &str,
    b: &str,
    params: &TrendParams,
) -> Result<Trend, ApiError> {
    let query = params.to_query(a, b)?;
    let (a, b) = query.dyad.clone().expect("a dyad query");
    let by = params.by.unwrap_or_default();
    let (ta, tb) = (a.clone(), b.clone());
    let points = state
        .read(move |store| Ok(analysis::trend(&store.event_facts(&query)?, &ta, &tb, by.into())))
        .await?;
    Ok(Trend { a, b, by, points })
}

fn trend_row(p: &TrendPoint) -> Vec<String> {
    let mut row = vec![p.period.clone(), p.start.clone()];
    for d in [&p.a_to_b, &p.b_to_a] {
        row.push(d.events.to_string());
        row.extend(d.quad.iter().map(|q| q.to_string()));
        row.push(format!("{:.2}", d.goldstein_sum));
        row.push(d.goldstein_mean.map(|m| format!("{m:.2}")).unwrap_or_default());
    }
    row
}

/// Events between two actors per day, week or month: counts by quad class and Goldstein, both directions.
#[utoipa::path(get, path = "/v1/dyads/{a}/{b}/trend", tag = "analysis",
    params(
        ("a" = String, Path, description = "First actor: a prefix of code, country or org (RUS, RUSGOV, NATO)"),
        ("b" = String, Path, description = "Second actor"),
        TrendParams,
    ),
    responses(
        (status = 200, description = "The trend (JSON, or CSV with `format=csv`)", body = Trend),
        (status = 400, description = "A malformed actor, date or period", body = ErrorBody),
        (status = 401, description = "Token missing or wrong (reads need one off loopback)", body = ErrorBody),
    ))]
pub(crate) async fn trend(
    State(state): State<Arc<AppState>>,
    ApiPath((a, b)): ApiPath<(String, String)>,
    ApiQuery(params): ApiQuery<TrendParams>,
) -> Result<Response, ApiError> {
    let trend = run_trend(&state, &a, &b, &params).await?;
    match params.format.unwrap_or_default() {
        TableFormat::Json => Ok(Json(trend).into_response()),
        TableFormat::Csv => {
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
            csv_response(&headers, trend.points.iter().map(trend_row), None)
        }
    }
}

/// All alerts for these settings, computed once per database version.
pub(crate) async fn all_alerts(state: &Arc<AppState>, params: &AlertParamsQuery) -> Result<Arc<Vec<Alert>>, ApiError> {
    let (settings, query) = params.to_params()?;
    state
        .derived(params.cache_key(), move |store| {
            Ok(analysis::alerts(&store.events(&query)?, &settings))
        })
        .await
}

/// Dyads whose conflict rises above their own baseline, with the evidence events.
#[utoipa::path(get, path = "/v1/alerts", tag = "analysis",
    params(AlertParamsQuery),
    responses(
        (status = 200, description = "A page of alerts by period, then dyad (JSON, or CSV with `format=csv`)",
            body = AlertPage, headers(("x-next-cursor" = String, description = "CSV only: the next page's cursor"))),
        (status = 400, description = "A malformed setting, limit or cursor", body = ErrorBody),
        (status = 401, description = "Token missing or wrong (reads need one off loopback)", body = ErrorBody),
    ))]
pub(crate) async fn alerts(
    State(state): State<Arc<AppState>>,
    ApiQuery(params): ApiQuery<AlertParamsQuery>,
) -> Result<Response, ApiError> {
    let limit = page_size(params.limit, 100, 1000)?;
    let offset = match params.cursor.as_deref().filter(|c| !c.is_empty()) {
        None => 0,
        Some(c) => c
            .parse::<usize>()
            .map_err(|_| ApiError::bad_request(format!("cursor {c:?}: not a cursor this server handed out")))?,
    };
    let all = all_alerts(&state, &params).await?;
    let page: Vec<Alert> = all.iter().skip(offset).take(limit).cloned().collect();
    let next_cursor = (offset + limit < all.len()).then(|| (offset + limit).to_string());
    match params.format.unwrap_or_default() {
        TableFormat::Json => Ok(Json(AlertPage {
            alerts: page,
            next_cursor,
        })
        .into_response()),
        TableFormat::Csv => {
            let headers = [
                "period",
                "a",
                "b",
                "material_conflict",
                "baseline_mean",
                "baseline_sd",
                "goldstein_sum",
                "reasons",
                "articles",
            ];
            let rows = page.iter().map(|a| {
                let mut articles: Vec<&str> = a.evidence.iter().map(|e| e.article_id.as_str()).collect();
                articles.sort_unstable();
                articles.dedup();
                vec![
                    a.period.clone(),
                    a.dyad.0.clone(),
                    a.dyad.1.clone(),
                    a.material_conflict.to_string(),
                    format!("{:.2}", a.baseline_mean),
                    format!("{:.2}", a.baseline_sd),
                    format!("{:.1}", a.goldstein_sum),
                    a.reasons.join(" "),
                    articles.join(" "),
                ]
            });
            csv_response(&headers, rows, next_cursor)
        }
    }
}

/// The network for these settings, computed once per database version.
pub(crate) async fn run_network(state: &Arc<AppState>, params: &NetworkParams) -> Result<Arc<Network>, ApiError> {
    let query = params.to_query()?;
    let since = query.since.clone();
    let key = params.key.unwrap_or_default().into();
    let min_events = params.min_events.unwrap_or(1);
    state
        .derived(params.cache_key(), move |store| {
            let mut network = analysis::network(&store.events(&query)?, since.as_deref(), key);
            network.retain_min_events(min_events);
            Ok(network)
        })
        .await
}

/// The actor interaction graph: nodes weighted by events, edges by count and mean Goldstein.
#[utoipa::path(get, path = "/v1/network", tag = "analysis",
    params(NetworkParams),
    responses(
        (status = 200, description = "The network (JSON; CSV of the edges with `format=csv`; GraphViz with `format=dot`)",
            body = Network),
        (status = 400, description = "A malformed date or setting", body = ErrorBody),
        (status = 401, description = "Token missing or wrong (reads need one off loopback)", body = ErrorBody),
    ))]
pub(crate) async fn network(
    State(state): State<Arc<AppState>>,
    ApiQuery(params): ApiQuery<NetworkParams>,
) -> Result<Response, ApiError> {
    let network = run_network(&state, &params).await?;
    match params.format.unwrap_or_default() {
        GraphFormat::Json => Ok(Json(&*network).into_response()),
        GraphFormat::Dot => Ok((
            [(header::CONTENT_TYPE, "text/vnd.graphviz; charset=utf-8")],
            network.to_dot(),
        )
            .into_response()),
        GraphFormat::Csv => {
            let headers = ["source", "target", "events", "q1", "q2", "q3", "q4", "goldstein_mean"];
            let rows = network.edges.iter().map(|e| {
                let mut row = vec![e.source.clone(), e.target.clone(), e.events.to_string()];
                row.extend(e.quad.iter().map(|q| q.to_string()));
                row.push(format!("{:.2}", e.goldstein_mean));
                row
            });
            csv_response(&headers, rows, None)
        }
    }
}

/// What the store knows about one actor code: names, counts, partners.
#[utoipa::path(get, path = "/v1/actors/{code}", tag = "analysis",
    params(("code" = String, Path, description = "The exact actor code: RUSGOV, NATO, UKR")),
    responses(
        (status = 200, description = "The actor's profile", body = ActorProfile),
        (status = 400, description = "A malformed code", body = ErrorBody),
        (status = 401, description = "Token missing or wrong (reads need one off loopback)", body = ErrorBody),
        (status = 404, description = "No mention, event or quote carries this code", body = ErrorBody),
    ))]
pub(crate) async fn actor(
    State(state): State<Arc<AppState>>,
    ApiPath(code): ApiPath<String>,
) -> Result<Json<ActorProfile>, ApiError> {
    let code = crate::filters::actor_code(&code)?;
    let shown = code.clone();
    state
        .read(move |store| {
            store
                .actor_profile(&code)?
                .ok_or_else(|| ApiError::not_found(format!("no actor with code {shown:?} in the store")))
        })
        .await
        .map(Json)
}
