//! Tables: GET /v1/events, /v1/quotes (cursor pages) and /v1/search (ranked), as JSON or CSV.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use detente_analysis::EventRow;
use detente_records::Span;
use detente_store::export::{EVENT_COLUMNS, event_cells};
use detente_store::{QuoteRow, SearchQuery};
use serde::Serialize;
use utoipa::ToSchema;

use super::csv_response;
use crate::error::{ApiError, ApiQuery, ErrorBody};
use crate::filters::{
    DEFAULT_PAGE, EventParams, MAX_PAGE, QuoteParams, SearchParams, TableFormat, cursor, page_size, text,
};
use crate::state::AppState;

/// One page of events.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventPage {
    pub events: Vec<EventRow>,
    /// Pass as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

/// One page of quotes.
#[derive(Debug, Serialize, ToSchema)]
pub struct QuotePage {
    pub quotes: Vec<QuoteRow>,
    pub next_cursor: Option<String>,
}

/// One search result.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Hit {
    /// `article` or `quote`.
    pub kind: String,
    pub article_id: String,
    pub quote_id: Option<i64>,
    pub date: Option<String>,
    /// The article's title, or the quote's speaker.
    pub title: Option<String>,
    /// bm25 rank: lower is better.
    pub score: f64,
    /// A passage around the matches (plain text).
    pub snippet: String,
    /// Byte ranges of the matched words in `snippet`.
    pub highlights: Vec<Span>,
}

/// Ranked search results.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchResults {
    pub query: String,
    pub hits: Vec<Hit>,
}

/// Events matching the filters, in date order, a page at a time.
#[utoipa::path(get, path = "/v1/events", tag = "store",
    params(EventParams),
    responses(
        (status = 200, description = "A page of events (JSON, or CSV with `format=csv`)", body = EventPage,
            headers(("x-next-cursor" = String, description = "CSV only: the next page's cursor"))),
        (status = 400, description = "A malformed filter, limit or cursor", body = ErrorBody),
        (status = 401, description = "Token missing or wrong (reads need one off loopback)", body = ErrorBody),
    ))]
pub(crate) async fn events(
    State(state): State<Arc<AppState>>,
    ApiQuery(params): ApiQuery<EventParams>,
) -> Result<Response, ApiError> {
    let query = params.to_query()?;
    let limit = page_size(params.limit, DEFAULT_PAGE, MAX_PAGE)?;
    let after = cursor(&params.cursor)?;
    let page = state
        .read(move |store| Ok(store.events_page(&query, after.as_ref(), limit)?))
        .await?;
    let next_cursor = page.next.map(|c| c.to_string());
    match params.format.unwrap_or_default() {
        TableFormat::Json => Ok(Json(EventPage {
            events: page.items,
            next_cursor,
        })
        .into_response()),
        TableFormat::Csv => {
            let headers: Vec<&str> = EVENT_COLUMNS.iter().map(|(name, _)| *name).collect();
            let rows = page
                .items
                .iter()
                .map(|e| event_cells(e).into_iter().map(|c| c.to_text()).collect());
            csv_response(&headers, rows, next_cursor)
        }
    }
}

/// Quotes matching the filters, in date order, a page at a time.
#[utoipa::path(get, path = "/v1/quotes", tag = "store",
    params(QuoteParams),
    responses(
        (status = 200, description = "A page of quotes (JSON, or CSV with `format=csv`)", body = QuotePage,
            headers(("x-next-cursor" = String, description = "CSV only: the next page's cursor"))),
        (status = 400, description = "A malformed filter, limit or cursor", body = ErrorBody),
        (status = 401, description = "Token missing or wrong (reads need one off loopback)", body = ErrorBody),
    ))]
pub(crate) async fn quotes(
    State(state): State<Arc<AppState>>,
    ApiQuery(params): ApiQuery<QuoteParams>,
) -> Result<Response, ApiError> {
    let query = params.to_query()?;
    let limit = page_size(params.limit, DEFAULT_PAGE, MAX_PAGE)?;
    let after = cursor(&params.cursor)?;
    let page = state
        .read(move |store| Ok(store.quotes_page(&query, after.as_ref(), limit)?))
        .await?;
    let next_cursor = page.next.map(|c| c.to_string());
    match params.format.unwrap_or_default() {
        TableFormat::Json => Ok(Json(QuotePage {
            quotes: page.items,
            next_cursor,
        })
        .into_response()),
        TableFormat::Csv => {
            let headers = [
                "quote_id",
                "article_id",
                "date",
                "publisher",
                "url",
                "kind",
                "start",
                "end",
                "text",
                "cue",
                "speaker_name",
                "speaker_code",
                "speaker_country",
                "speaker_org",
                "speaker_role",
            ];
            let rows = page.items.into_iter().map(|q| {
                vec![
                    q.quote_id.to_string(),
                    q.article_id,
                    q.date.unwrap_or_default(),
                    q.publisher.unwrap_or_default(),
                    q.url.unwrap_or_default(),
                    q.kind,
                    q.start.to_string(),
                    q.end.to_string(),
                    q.text,
                    q.cue.unwrap_or_default(),
                    q.speaker_name.unwrap_or_default(),
                    q.speaker_code.unwrap_or_default(),
                    q.speaker_country.unwrap_or_default(),
                    q.speaker_org.unwrap_or_default(),
                    q.speaker_role.unwrap_or_default(),
                ]
            });
            csv_response(&headers, rows, next_cursor)
        }
    }
}

/// Marks the store puts around matched words: private-use characters that news text does not contain.
const MARK_OPEN: &str = "\u{E000}\u{E001}";
const MARK_CLOSE: &str = "\u{E001}\u{E000}";

/// Takes the marks out of a snippet and returns the plain snippet with the byte ranges they enclosed.
pub(crate) fn unmark(snippet: &str) -> (String, Vec<Span>) {
    let mut plain = String::with_capacity(snippet.len());
    let mut spans = Vec::new();
    let mut rest = snippet;
    while let Some(open) = rest.find(MARK_OPEN) {
        plain.push_str(&rest[..open]);
        let after = &rest[open + MARK_OPEN.len()..];
        let close = after.find(MARK_CLOSE).unwrap_or(after.len());
        let start = plain.len();
        plain.push_str(&after[..close]);
        spans.push(Span::new(start, plain.len()));
        rest = after.get(close + MARK_CLOSE.len()..).unwrap_or("");
    }
    plain.push_str(rest);
    (plain, spans)
}

/// Runs a search for the API and the dashboard.
pub(crate) async fn run_search(state: &Arc<AppState>, params: &SearchParams) -> Result<SearchResults, ApiError> {
    let q = text("q", &Some(params.q.clone()))?.ok_or_else(|| ApiError::bad_request("q: nothing to search for"))?;
    let limit = page_size(params.limit, 20, 200)?;
    let query = SearchQuery {
        query: q.clone(),
        limit,
        highlight: (MARK_OPEN.into(), MARK_CLOSE.into()),
        include_duplicates: params.include_duplicates.unwrap_or(false),
    };
    let found = state.read(move |store| Ok(store.search(&query)?)).await?;
    let hits = found
        .into_iter()
        .map(|h| {
            let (snippet, highlights) = unmark(&h.snippet);
            Hit {
                kind: h.kind,
                article_id: h.article_id,
                quote_id: h.quote_id,
                date: h.date,
                title: h.title,
                score: h.score,
                snippet,
                highlights,
            }
        })
        .collect();
    Ok(SearchResults { query: q, hits })
}

/// Full-text search over articles and quotes, best first, with highlighted snippets.
#[utoipa::path(get, path = "/v1/search", tag = "store",
    params(SearchParams),
    responses(
        (status = 200, description = "Ranked results (JSON, or CSV with `format=csv`)", body = SearchResults),
        (status = 400, description = "Nothing to search for, or a malformed parameter", body = ErrorBody),
        (status = 401, description = "Token missing or wrong (reads need one off loopback)", body = ErrorBody),
    ))]
pub(crate) async fn search(
    State(state): State<Arc<AppState>>,
    ApiQuery(params): ApiQuery<SearchParams>,
) -> Result<Response, ApiError> {
    let results = run_search(&state, &params).await?;
    match params.format.unwrap_or_default() {
        TableFormat::Json => Ok(Json(results).into_response()),
        TableFormat::Csv => {
            let headers = ["kind", "article_id", "quote_id", "date", "title", "score", "snippet"];
            let rows = results.hits.into_iter().map(|h| {
                vec![
                    h.kind,
                    h.article_id,
                    h.quote_id.map(|q| q.to_string()).unwrap_or_default(),
                    h.date.unwrap_or_default(),
                    h.title.unwrap_or_default(),
                    format!("{:.3}", h.score),
                    h.snippet,
                ]
            });
            csv_response(&headers, rows, None)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_become_byte_ranges() {
        let marked = format!("The {MARK_OPEN}envoys{MARK_CLOSE} met in {MARK_OPEN}Genève{MARK_CLOSE}.");
        let (plain, spans) = unmark(&marked);
        assert_eq!(plain, "The envoys met in Genève.");
        let words: Vec<&str> = spans.iter().map(|s| s.of(&plain)).collect();
        assert_eq!(words, ["envoys", "Genève"]);
        // An unclosed mark runs to the end instead of failing.
        let (plain, spans) = unmark(&format!("a {MARK_OPEN}b"));
        assert_eq!((plain.as_str(), spans.len()), ("a b", 1));
    }
}
