//! Full-text search over articles and quotes, with the matched words highlighted.

use std::sync::Arc;

use axum::extract::State;
use maud::{Markup, html};
use serde::Deserialize;

use super::layout::{article_href, shell};
use super::{PageResult, WebQuery, render};
use crate::api::Hit;
use crate::api::tables::run_search;
use crate::filters::SearchParams;
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchPage {
    q: Option<String>,
}

/// The snippet with its matches in `<mark>`; every piece is escaped.
fn highlighted(hit: &Hit) -> Markup {
    let mut pieces: Vec<(bool, &str)> = Vec::new();
    let mut at = 0;
    for span in &hit.highlights {
        if span.start < at || span.end > hit.snippet.len() {
            continue;
        }
        pieces.push((false, &hit.snippet[at..span.start]));
        pieces.push((true, &hit.snippet[span.start..span.end]));
        at = span.end;
    }
    pieces.push((false, &hit.snippet[at..]));
    html! {
        @for (marked, text) in pieces {
            @if marked { mark { (text) } } @else { (text) }
        }
    }
}

pub async fn page(State(state): State<Arc<AppState>>, WebQuery(params): WebQuery<SearchPage>) -> PageResult {
    let q = params.q.as_deref().map(str::trim).filter(|q| !q.is_empty());
    let results = match q {
        Some(q) => Some(
            run_search(
                &state,
                &SearchParams {
                    q: q.to_string(),
                    limit: Some(50),
                    ..SearchParams::default()
                },
            )
            .await?,
        ),
        None => None,
    };
    let content = html! {
        h1 { "Search" }
        p.sub { "Articles and quotes, ranked. Words are stemmed (" em { "talks" } " finds " em { "talk" } "); "
                code { "\"exact phrase\"" } ", " code { "prefix*" } ", AND, OR and NOT work." }
        div.card {
            form.filters method="get" action="/search" {
                label { "Search for" input type="search" name="q" value=[q] placeholder="ceasefire talks" size="50" autofocus; }
                button type="submit" { "Search" }
            }
        }
        @if let Some(results) = &results {
            div.card {
                h2 { (results.hits.len()) " results for “" (results.query) "”" }
                @if results.hits.is_empty() { p.sub { "Nothing matches. Try fewer or other words." } }
                ul.results {
                    @for hit in &results.hits {
                        li {
                            span.kind { (hit.kind) }
                            a href=(article_href(&hit.article_id)) { strong { (hit.title.as_deref().unwrap_or(&hit.article_id)) } }
                            " " span.why { (hit.date.as_deref().unwrap_or("undated")) }
                            div { (highlighted(hit)) }
                        }
                    }
                }
            }
        }
    };
    render(shell("Search", "/search", content))
}
