//! The JSON API under /v1. Each handler checks its parameters (see `filters`), runs the store or the coder
//! on a blocking thread, and answers JSON, or CSV where a table is asked for with `format=csv`.

pub(crate) mod analysis;
pub(crate) mod coding;
pub(crate) mod tables;

use std::sync::Arc;

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::ApiError;
use crate::state::AppState;

pub use analysis::{AlertPage, Trend};
pub use coding::{ArticleInput, ArticlesInput, IngestReport};
pub use tables::{EventPage, Hit, QuotePage, SearchResults};

pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/v1/code", post(coding::code))
        .route("/v1/articles", post(coding::ingest))
        .route("/v1/articles/{id}", get(coding::article))
        .route("/v1/events", get(tables::events))
        .route("/v1/quotes", get(tables::quotes))
        .route("/v1/search", get(tables::search))
        .route("/v1/dyads/{a}/{b}/trend", get(analysis::trend))
        .route("/v1/alerts", get(analysis::alerts))
        .route("/v1/network", get(analysis::network))
        .route("/v1/actors/{code}", get(analysis::actor))
        .route("/v1/status", get(status))
        .route("/v1/openapi.json", get(openapi))
}

/// A CSV answer: a header row, the rows, and the next page's cursor in `X-Next-Cursor`.
pub(crate) fn csv_response(
    headers: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
    next_cursor: Option<String>,
) -> Result<Response, ApiError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(headers).map_err(ApiError::internal)?;
    for row in rows {
        writer.write_record(&row).map_err(ApiError::internal)?;
    }
    let bytes = writer.into_inner().map_err(ApiError::internal)?;
    let mut response = ([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], bytes).into_response();
    if let Some(cursor) = next_cursor.and_then(|c| HeaderValue::from_str(&c).ok()) {
        response.headers_mut().insert("x-next-cursor", cursor);
    }
    Ok(response)
}

/// What GET /v1/status reports.
#[derive(Debug, Serialize, ToSchema)]
pub struct Status {
    /// detente's version.
    pub version: String,
    /// Output schema version of coded articles.
    pub schema: u32,
    pub counts: detente_store::Counts,
    /// Reads need a token (the server listens beyond the loopback interface).
    pub reads_need_token: bool,
}

/// Version and store counts.
#[utoipa::path(get, path = "/v1/status", tag = "meta",
    responses(
        (status = 200, description = "The server is up", body = Status),
        (status = 401, description = "Token missing or wrong (reads need one off loopback)", body = crate::error::ErrorBody),
    ))]
pub(crate) async fn status(state: axum::extract::State<Arc<AppState>>) -> Result<axum::Json<Status>, ApiError> {
    let reads_need_token = !state.auth.reads_open;
    let counts = state.read(|store| Ok(store.counts()?)).await?;
    Ok(axum::Json(Status {
        version: env!("CARGO_PKG_VERSION").to_string(),
        schema: detente_records::SCHEMA_VERSION,
        counts,
        reads_need_token,
    }))
}

/// This document.
#[utoipa::path(get, path = "/v1/openapi.json", tag = "meta",
    responses(
        (status = 200, description = "The OpenAPI 3.1 document of this API", content_type = "application/json"),
        (status = 401, description = "Token missing or wrong (reads need one off loopback)", body = crate::error::ErrorBody),
    ))]
pub(crate) async fn openapi() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        crate::openapi::document_json(),
    )
        .into_response()
}
