//! Request bodies to articles, with the same readers and rules as `detente ingest`: a JSON object or array,
//! JSON Lines, plain text (first line a title when a blank line follows) or an HTML page. A bad line or
//! element is reported by number and the others are kept.

use axum::body::Bytes;
use axum::http::{HeaderMap, header};
use detente_ingest::{Format, InputError, normalize_date, read_bytes, text_id};
use detente_records::Article;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::ApiError;

/// Metadata for a text or HTML body, given as query parameters (a JSON body carries its own).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct Metadata {
    /// Article id (default: a hash of the text).
    pub id: Option<String>,
    pub title: Option<String>,
    /// Publication date; normalised to YYYY-MM-DD (people's roles depend on it).
    pub date: Option<String>,
    /// Publisher.
    pub source: Option<String>,
    pub url: Option<String>,
}

/// A part of the body that could not be read; the rest was used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Problem {
    /// 1-based line of a JSON Lines body.
    pub line: Option<usize>,
    /// 1-based element of a JSON array body.
    pub element: Option<usize>,
    pub message: String,
}

/// What a body held.
#[derive(Debug, Default)]
pub struct Parsed {
    pub articles: Vec<Article>,
    pub problems: Vec<Problem>,
}

/// The body's kind, from its content type (sniffed from the first byte when none is given).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Json,
    JsonLines,
    Text,
    Html,
}

fn kind_of(headers: &HeaderMap, body: &[u8]) -> Result<Kind, ApiError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").trim().to_ascii_lowercase());
    Ok(match content_type.as_deref() {
        None | Some("") => match body.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{') | Some(b'[') => Kind::Json,
            Some(b'<') => Kind::Html,
            _ => Kind::Text,
        },
        Some("application/json") => Kind::Json,
        Some("application/x-ndjson" | "application/jsonl" | "application/x-jsonlines" | "application/json-lines") => {
            Kind::JsonLines
        }
        Some("text/plain") => Kind::Text,
        Some("text/html" | "application/xhtml+xml") => Kind::Html,
        Some(other) => {
            return Err(ApiError::unsupported_media_type(format!(
                "content type {other:?} is not read: send application/json (an article object or an array), \
                 application/x-ndjson (JSON Lines), text/plain or text/html"
            )));
        }
    })
}

fn problem(error: InputError, element: bool) -> Problem {
    Problem {
        line: error.line.filter(|_| !element),
        element: error.line.filter(|_| element),
        message: error.message,
    }
}

fn collect(items: impl Iterator<Item = Result<Article, InputError>>, element: bool, parsed: &mut Parsed) {
    for item in items {
        match item {
            Ok(article) => parsed.articles.push(article),
            Err(error) => parsed.problems.push(problem(error, element)),
        }
    }
}

/// Reads the articles in a request body.
pub fn parse_body(headers: &HeaderMap, body: Bytes, meta: &Metadata) -> Result<Parsed, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::bad_request("the request body is empty: send an article"));
    }
    let mut parsed = Parsed::default();
    match kind_of(headers, &body)? {
        Kind::Json => match serde_json::from_slice::<serde_json::Value>(&body) {
            Ok(serde_json::Value::Array(items)) => {
                // Each element as one JSON line, so elements are read exactly as `ingest` reads lines.
                let mut lines = Vec::new();
                for item in &items {
                    serde_json::to_writer(&mut lines, item).map_err(ApiError::internal)?;
                    lines.push(b'\n');
                }
                collect(read_bytes("-", Some(Format::JsonLines), lines), true, &mut parsed);
            }
            Ok(serde_json::Value::Object(_)) => collect(
                read_bytes("-", Some(Format::JsonLines), compact(&body)?),
                false,
                &mut parsed,
            ),
            Ok(_) => return Err(ApiError::bad_request("expected a JSON object or an array of objects")),
            // Not one JSON document: maybe JSON Lines sent as application/json.
            Err(_) => collect(
                read_bytes("-", Some(Format::JsonLines), body.to_vec()),
                false,
                &mut parsed,
            ),
        },
        Kind::JsonLines => collect(
            read_bytes("-", Some(Format::JsonLines), body.to_vec()),
            false,
            &mut parsed,
        ),
        kind @ (Kind::Text | Kind::Html) => {
            let format = if kind == Kind::Text { Format::Text } else { Format::Html };
            collect(read_bytes("-", Some(format), body.to_vec()), false, &mut parsed);
            for article in &mut parsed.articles {
                apply(meta, article)?;
            }
        }
    }
    Ok(parsed)
}

/// A pretty-printed JSON object on one line, so the line reader takes it whole.
fn compact(body: &[u8]) -> Result<Vec<u8>, ApiError> {
    let value: serde_json::Value =
        serde_json::from_slice(body).map_err(|e| ApiError::bad_request(format!("invalid JSON: {e}")))?;
    serde_json::to_vec(&value).map_err(ApiError::internal)
}

fn apply(meta: &Metadata, article: &mut Article) -> Result<(), ApiError> {
    let clean = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(String::from);
    article.id = clean(&meta.id).unwrap_or_else(|| text_id(&article.text));
    if let Some(title) = clean(&meta.title) {
        article.title = Some(title);
    }
    if let Some(date) = clean(&meta.date) {
        article.date =
            Some(normalize_date(&date).ok_or_else(|| ApiError::bad_request(format!("date {date:?}: not a date")))?);
    }
    article.source = clean(&meta.source).or(article.source.take());
    article.url = clean(&meta.url).or(article.url.take());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(content_type: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
        headers
    }

    fn parse(content_type: &'static str, body: &str) -> Result<Parsed, ApiError> {
        parse_body(
            &headers(content_type),
            Bytes::from(body.to_string()),
            &Metadata::default(),
        )
    }

    #[test]
    fn json_objects_arrays_and_lines() {
        let one = parse(
            "application/json",
            "{\n  \"id\": \"a\",\n  \"text\": \"The envoy left.\"\n}",
        )
        .unwrap();
        assert_eq!(one.articles.len(), 1);
        assert_eq!(one.articles[0].id, "a");
        let array = parse(
            "application/json",
            r#"[{"id": "a", "text": "One.", "date": "March 3, 2021"}, {"id": "b"}, 7, {"text": "Three."}]"#,
        )
        .unwrap();
        assert_eq!(array.articles.len(), 2);
        assert_eq!(array.articles[0].date.as_deref(), Some("2021-03-03"));
        assert_eq!(array.problems.len(), 2);
        assert_eq!(array.problems[0].element, Some(2));
        assert!(array.problems[0].message.contains("text"), "{:?}", array.problems);
        let lines = parse(
            "application/x-ndjson",
            "{\"text\": \"One.\"}\nnot json\n{\"text\": \"Two.\"}\n",
        )
        .unwrap();
        assert_eq!(lines.articles.len(), 2);
        assert_eq!(lines.problems[0].line, Some(2));
        // JSON Lines under the JSON content type are read as lines too.
        assert_eq!(
            parse("application/json", "{\"text\": \"A.\"}\n{\"text\": \"B.\"}")
                .unwrap()
                .articles
                .len(),
            2
        );
    }

    #[test]
    fn text_and_html_take_metadata_from_the_query() {
        let meta = Metadata {
            title: Some("Given title".into()),
            date: Some("2022-02-03".into()),
            ..Metadata::default()
        };
        let parsed = parse_body(
            &headers("text/plain; charset=utf-8"),
            Bytes::from("Talks resume\n\nThe envoys met again."),
            &meta,
        )
        .unwrap();
        let article = &parsed.articles[0];
        assert_eq!(article.title.as_deref(), Some("Given title"));
        assert_eq!(article.date.as_deref(), Some("2022-02-03"));
        assert_eq!(article.id, text_id(&article.text));
        let html = parse(
            "text/html",
            "<html><body><article><p>The envoys met again in the capital on Monday to \
            discuss the border and the prisoners.</p></article></body></html>",
        )
        .unwrap();
        assert!(html.articles[0].text.contains("envoys met"), "{:?}", html.articles);
        let bad_date = Metadata {
            date: Some("someday".into()),
            ..Metadata::default()
        };
        assert!(parse_body(&headers("text/plain"), Bytes::from("Text."), &bad_date).is_err());
    }

    #[test]
    fn unknown_types_and_empty_bodies_are_refused() {
        assert_eq!(parse("image/png", "x").unwrap_err().code, "unsupported_media_type");
        assert_eq!(parse("text/plain", "  \n").unwrap_err().code, "bad_request");
        assert_eq!(parse("application/json", "42").unwrap_err().code, "bad_request");
        let sniffed = parse_body(
            &HeaderMap::new(),
            Bytes::from("[{\"text\": \"A.\"}]"),
            &Metadata::default(),
        );
        assert_eq!(sniffed.unwrap().articles.len(), 1);
    }
}
