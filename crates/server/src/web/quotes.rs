//! Quotes: by speaker, searchable, each linked to its place in the article.

use std::sync::Arc;

use axum::extract::State;
use detente_store::QuoteRow;
use maud::html;

use super::layout::{SpeakerColours, count, query_string, quote_list, shell};
use super::{PageResult, WebQuery, render};
use crate::filters::{QuoteParams, cursor, page_size};
use crate::state::AppState;

pub async fn page(State(state): State<Arc<AppState>>, WebQuery(params): WebQuery<QuoteParams>) -> PageResult {
    let query = params.to_query()?;
    let limit = page_size(params.limit, 60, 500)?;
    let after = cursor(&params.cursor)?;
    let page_rows = state
        .read(move |store| Ok(store.quotes_page(&query, after.as_ref(), limit)?))
        .await?;
    let speakers = state
        .derived("quotes:speakers".into(), |store| Ok(store.top_speakers(30)?))
        .await?;
    // The page's quotes grouped by speaker, in order of first appearance.
    let mut groups: Vec<(Option<String>, Vec<QuoteRow>)> = Vec::new();
    for q in page_rows.items {
        match groups.iter_mut().find(|(name, _)| *name == q.speaker_name) {
            Some((_, quotes)) => quotes.push(q),
            None => groups.push((q.speaker_name.clone(), vec![q])),
        }
    }
    let next = page_rows.next.map(|c| c.to_string());
    let limit_text = params.limit.map(|l| l.to_string());
    let next_href = next.as_deref().map(|c| {
        format!(
            "/quotes{}",
            query_string([
                ("speaker", params.speaker.as_deref()),
                ("actor", params.actor.as_deref()),
                ("q", params.q.as_deref()),
                ("since", params.since.as_deref()),
                ("until", params.until.as_deref()),
                ("limit", limit_text.as_deref()),
                ("cursor", Some(c)),
            ])
        )
    });
    let mut colours = SpeakerColours::default();
    let content = html! {
        h1 { "Quotes" }
        p.sub { "Who said what: every quotation attributed to its speaker, linked to its place in the article." }
        div.card {
            form.filters method="get" action="/quotes" {
                label { "Speaker" input type="text" name="speaker" value=[params.speaker.as_deref()] placeholder="part of a name"; }
                label { "Speaker's actor" input.short type="text" name="actor" value=[params.actor.as_deref()] placeholder="RUSGOV"; }
                label { "Words" input type="search" name="q" value=[params.q.as_deref()] placeholder="ceasefire, \"peace talks\""; }
                label { "Since" input.short type="text" name="since" value=[params.since.as_deref()] placeholder="YYYY-MM-DD"; }
                label { "Until" input.short type="text" name="until" value=[params.until.as_deref()] placeholder="YYYY-MM-DD"; }
                button type="submit" { "Find quotes" }
            }
        }
        div.grid {
            div.card {
                @if groups.is_empty() { p.sub { "No quotes match." } }
                @for (speaker, quotes) in &groups {
                    h3 { (speaker.as_deref().unwrap_or("Speaker not found")) " · " (quotes.len()) }
                    (quote_list(quotes, &mut colours))
                }
                @if let Some(href) = &next_href { div.pager { a.button.secondary href=(href) { "Next page →" } } }
            }
            div.card {
                h2 { "Most quoted" }
                table { tbody {
                    @for s in speakers.iter() {
                        tr {
                            td { a href=(format!("/quotes{}", query_string([("speaker", Some(s.name.as_str()))]))) { (s.name) } }
                            td.num { (count(s.count)) }
                        }
                    }
                } }
            }
        }
    };
    render(shell("Quotes", "/quotes", content))
}
