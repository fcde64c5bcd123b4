//! "Code an article": paste text or choose a file, see the coding drawn on the text. Nothing is stored.
//! Also the page of a stored article, drawn the same way.

use std::sync::Arc;

use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::http::StatusCode;
use detente_ingest::{Format, read_bytes};
use detente_records::{Article, CodedArticle};
use maud::{Markup, html};
use serde::Deserialize;

use super::article::{Explained, article_view, explain};
use super::layout::shell;
use super::{PageResult, WebError, WebPath, render};
use crate::error::ApiError;
use crate::state::AppState;

/// The fields of the form.
#[derive(Debug, Default, Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    text: String,
    title: Option<String>,
    date: Option<String>,
    source: Option<String>,
    /// `text` (default) or `html`.
    kind: Option<String>,
}

fn code_form(values: &CodeForm, open: bool) -> Markup {
    let is_html = values.kind.as_deref() == Some("html");
    html! {
        details.card open[open] {
            summary { strong { "Paste an article or choose a file" } }
            form method="post" action="/code" {
                div.row {
                    label { "Title" input type="text" name="title" value=[values.title.as_deref()] placeholder="optional"; }
                    label { "Date" input.short type="text" name="date" value=[values.date.as_deref()] placeholder="YYYY-MM-DD"; }
                    label { "Source" input type="text" name="source" value=[values.source.as_deref()] placeholder="optional"; }
                    label { "The text is" select #kind name="kind" {
                        option value="text" selected[!is_html] { "plain text" }
                        option value="html" selected[is_html] { "an HTML page" }
                    } }
                    label { "…or read a file" input #file type="file" accept=".txt,.html,.htm,.text"; }
                }
                p {}
                textarea #text name="text" required placeholder="Paste the article text here. The date matters: people's roles depend on it." { (values.text) }
                div.row { button type="submit" { "Code the article" } span.sub { "Nothing is stored." } }
            }
        }
    }
}

pub async fn form() -> PageResult {
    render(shell(
        "Code an article",
        "/code",
        html! {
            h1 { "Code an article" }
            p.sub { "Actors, quotes (one colour per speaker) and events (coloured by quad class) drawn on the text. \
                     Click a highlighted trigger for the event." }
            (code_form(&CodeForm::default(), true))
        },
    ))
}

pub async fn submit(State(state): State<Arc<AppState>>, values: Result<Form<CodeForm>, FormRejection>) -> PageResult {
    let Form(values) = values.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            WebError(ApiError::payload_too_large(state.body_limit))
        } else {
            WebError(ApiError::bad_request(format!(
                "the form could not be read: {}",
                rejection.body_text()
            )))
        }
    })?;
    let article = article_from_form(&values)?;
    let (coded, explained) = state
        .compute(move |state| {
            let coded = state.coder.code_owned(article);
            let explained = explain(&state.coder, &coded);
            Ok((coded, explained))
        })
        .await?;
    render(shell(
        "Coded article",
        "/code",
        html! {
            (code_form(&values, false))
            (article_view(&coded, &explained, None))
        },
    ))
}

fn article_from_form(values: &CodeForm) -> Result<Article, WebError> {
    if values.text.trim().is_empty() {
        return Err(WebError(ApiError::bad_request("The text is empty: paste an article.")));
    }
    let format = if values.kind.as_deref() == Some("html") {
        Format::Html
    } else {
        Format::Text
    };
    let mut article = read_bytes("-", Some(format), values.text.clone().into_bytes())
        .next()
        .ok_or_else(|| WebError(ApiError::bad_request("No article in the text.")))?
        .map_err(|e| WebError(ApiError::bad_request(e.message)))?;
    let clean = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(String::from);
    if let Some(title) = clean(&values.title) {
        article.title = Some(title);
    }
    if let Some(date) = clean(&values.date) {
        article.date = Some(
            detente_ingest::normalize_date(&date)
                .ok_or_else(|| WebError(ApiError::bad_request(format!("{date:?} is not a date (YYYY-MM-DD)."))))?,
        );
    }
    article.source = clean(&values.source);
    article.id = detente_ingest::text_id(&article.text);
    Ok(article)
}

pub async fn stored(State(state): State<Arc<AppState>>, WebPath(id): WebPath<String>) -> PageResult {
    let id = crate::filters::article_id(&id)?;
    let shown = id.clone();
    let stored = state
        .read(move |store| {
            store
                .coded_article(&id)?
                .ok_or_else(|| ApiError::not_found(format!("No article {shown:?} in the store.")))
        })
        .await?;
    let article: CodedArticle = stored.article;
    let (article, explained): (CodedArticle, Explained) = state
        .compute(move |state| {
            let explained = explain(&state.coder, &article);
            Ok((article, explained))
        })
        .await?;
    let title = article.title.clone().unwrap_or_else(|| article.id.clone());
    render(shell(
        &title,
        "",
        article_view(&article, &explained, stored.duplicate_of.as_deref()),
    ))
}
