//! Coding and storing articles: POST /v1/code (nothing stored), POST /v1/articles (ingest, idempotent),
//! GET /v1/articles/{id}.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use detente_records::CodedArticle;
use detente_store::{BatchSummary, StoredArticle};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::{ApiBody, ApiError, ApiPath, ApiQuery, ErrorBody};
use crate::input::{Metadata, Problem, parse_body};
use crate::state::AppState;

/// An article as JSON: the fields of a JSON Lines input line.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ArticleInput {
    /// The article text (required). Spans in the answer are byte ranges into it.
    pub text: String,
    /// Default: a hash of the text.
    pub id: Option<String>,
    pub title: Option<String>,
    /// Publication date, normalised to YYYY-MM-DD.
    pub date: Option<String>,
    /// Publisher.
    pub source: Option<String>,
    pub url: Option<String>,
}

/// One article or many.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum ArticlesInput {
    One(ArticleInput),
    Many(Vec<ArticleInput>),
}

/// What POST /v1/articles did.
#[derive(Debug, Serialize, ToSchema)]
pub struct IngestReport {
    /// Articles read from the body.
    pub received: usize,
    /// Their ids, in body order.
    pub ids: Vec<String>,
    pub stored: BatchSummary,
    /// Lines or elements that could not be read (the others were stored).
    pub problems: Vec<Problem>,
}

/// Code one article; nothing is stored.
///
/// The body is an article as JSON (`{"text": ..., "title": ..., "date": ...}`), one JSON line, plain text
/// (the first line is the title when a blank line follows) or an HTML page. For text and HTML, metadata
/// comes from the query parameters.
#[utoipa::path(post, path = "/v1/code", tag = "coding",
    params(Metadata),
    request_body(description = "One article", content(
        (ArticleInput = "application/json"),
        ("application/x-ndjson"),
        (String = "text/plain"),
        (String = "text/html"),
    )),
    responses(
        (status = 200, description = "The coded article (output schema v1)", body = CodedArticle),
        (status = 400, description = "No article in the body, more than one, or bad metadata", body = ErrorBody),
        (status = 401, description = "Token missing or wrong (reads need one off loopback)", body = ErrorBody),
        (status = 413, description = "The body is larger than the server's limit", body = ErrorBody),
        (status = 415, description = "A content type the server does not read", body = ErrorBody),
    ))]
pub(crate) async fn code(
    State(state): State<Arc<AppState>>,
    ApiQuery(meta): ApiQuery<Metadata>,
    headers: HeaderMap,
    ApiBody(body): ApiBody,
) -> Result<Response, ApiError> {
    let parsed = parse_body(&headers, body, &meta)?;
    let article = match (parsed.articles.len(), parsed.problems.first()) {
        (1, None) => parsed.articles.into_iter().next().expect("one article"),
        (0, Some(problem)) => return Err(ApiError::bad_request(describe(problem))),
        (0, None) => return Err(ApiError::bad_request("the body holds no article")),
        (n, _) => {
            return Err(ApiError::bad_request(format!(
                "POST /v1/code codes one article and the body holds {}; POST /v1/articles stores many",
                n + parsed.problems.len()
            )));
        }
    };
    // Serialised on the coding thread, into a buffer sized for a typical answer (about six times the text),
    // so the runtime's threads only move bytes and the answer is not regrown a dozen times.
    let json = state
        .compute(move |state| {
            let capacity = 8 * article.text.len() + 4096;
            let coded = state.coder.code_owned(article);
            let mut json = Vec::with_capacity(capacity);
            serde_json::to_writer(&mut json, &coded).map_err(ApiError::internal)?;
            Ok(json)
        })
        .await?;
    Ok(([(header::CONTENT_TYPE, "application/json")], json).into_response())
}

fn describe(problem: &Problem) -> String {
    match (problem.line, problem.element) {
        (Some(line), _) => format!("line {line}: {}", problem.message),
        (None, Some(element)) => format!("element {element}: {}", problem.message),
        (None, None) => problem.message.clone(),
    }
}

/// Code and store articles (idempotent, like `detente ingest`).
///
/// An article whose id is stored with the same text is left alone; a changed text replaces the old coding;
/// the same text under a new id is not stored twice; near-duplicates are linked to the first copy. Lines or
/// elements that cannot be read are reported and the others stored. Needs the token.
#[utoipa::path(post, path = "/v1/articles", tag = "coding",
    params(Metadata),
    request_body(description = "One article, an array of articles, or JSON Lines", content(
        (ArticlesInput = "application/json"),
        ("application/x-ndjson"),
        (String = "text/plain"),
        (String = "text/html"),
    )),
    responses(
        (status = 200, description = "What was stored", body = IngestReport),
        (status = 400, description = "No readable article in the body", body = ErrorBody),
        (status = 401, description = "Token missing or wrong", body = ErrorBody),
        (status = 413, description = "The body is larger than the server's limit", body = ErrorBody),
        (status = 415, description = "A content type the server does not read", body = ErrorBody),
    ),
    security(("token" = [])))]
pub(crate) async fn ingest(
    State(state): State<Arc<AppState>>,
    ApiQuery(meta): ApiQuery<Metadata>,
    headers: HeaderMap,
    ApiBody(body): ApiBody,
) -> Result<Json<IngestReport>, ApiError> {
    let parsed = parse_body(&headers, body, &meta)?;
    if parsed.articles.is_empty() {
        let first = parsed.problems.first().map(describe).unwrap_or_default();
        return Err(ApiError::bad_request(format!(
            "no readable article in the body: {first}"
        )));
    }
    let ids: Vec<String> = parsed.articles.iter().map(|a| a.id.clone()).collect();
    let articles = parsed.articles;
    let coded: Vec<CodedArticle> = state
        .compute(move |state| Ok(articles.into_iter().map(|a| state.coder.code_owned(a)).collect()))
        .await?;
    let coding = state.coding.clone();
    let stored = state
        .write(move |store| Ok(store.ingest_batch(&coded, &coding)?))
        .await?;
    Ok(Json(IngestReport {
        received: ids.len(),
        ids,
        stored,
        problems: parsed.problems,
    }))
}

/// A stored article, coded, with its near-duplicate link.
#[utoipa::path(get, path = "/v1/articles/{id}", tag = "store",
    params(("id" = String, Path, description = "Article id")),
    responses(
        (status = 200, description = "The article", body = StoredArticle),
        (status = 400, description = "A malformed id", body = ErrorBody),
        (status = 401, description = "Token missing or wrong (reads need one off loopback)", body = ErrorBody),
        (status = 404, description = "No article has this id", body = ErrorBody),
    ))]
pub(crate) async fn article(
    State(state): State<Arc<AppState>>,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<StoredArticle>, ApiError> {
    let id = crate::filters::article_id(&id)?;
    let shown = id.clone();
    state
        .read(move |store| {
            store
                .coded_article(&id)?
                .ok_or_else(|| ApiError::not_found(format!("no article {shown:?}")))
        })
        .await
        .map(Json)
}
