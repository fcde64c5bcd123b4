//! The overview: what the store holds, the busiest dyads, the latest alerts and articles; on an empty store,
//! how to fill it.

use std::sync::Arc;

use axum::extract::State;
use maud::{Markup, html};

use super::layout::{article_href, count, dyad_href, shell, truncate};
use super::{PageResult, render};
use crate::api::analysis::all_alerts;
use crate::filters::AlertParamsQuery;
use crate::state::AppState;

pub async fn page(State(state): State<Arc<AppState>>) -> PageResult {
    let counts = state.read(|store| Ok(store.counts()?)).await?;
    if counts.articles == 0 {
        return render(shell("Overview", "/", empty_store(&state)));
    }
    let dyads = state
        .derived("home:dyads".into(), |store| Ok(store.dyad_counts(12)?))
        .await?;
    let latest = state.read(|store| Ok(store.latest_articles(10)?)).await?;
    let alerts = all_alerts(&state, &AlertParamsQuery::default()).await?;
    let content = html! {
        h1 { "Overview" }
        p.sub { "What the store holds, where relations move, and what was read last." }
        div.stats {
            div.stat { div.n { (count(counts.articles)) } div.l { "articles" } }
            div.stat { div.n { (count(counts.events)) } div.l { "events" } }
            div.stat { div.n { (count(counts.quotes)) } div.l { "quotes" } }
            div.stat { div.n { (count(counts.duplicates)) } div.l { "near-duplicates (counted once)" } }
            div.stat { div.n { (count(alerts.len() as u64)) } div.l { "alerts (weekly)" } }
        }
        div.grid {
            div.card {
                h2 { "Busiest dyads" }
                table {
                    thead { tr { th { "Dyad" } th.num { "Events" } th.num { "Material conflict" } } }
                    tbody {
                        @for d in dyads.iter() {
                            tr {
                                td { a href=(dyad_href(&d.a, &d.b)) { (d.a) " – " (d.b) } }
                                td.num { (count(d.events)) }
                                td.num { (count(d.material_conflict)) }
                            }
                        }
                    }
                }
            }
            div.card {
                h2 { "Latest alerts" }
                @if alerts.is_empty() { p.sub { "No dyad's conflict rose above its baseline." } }
                table { tbody {
                    @for a in alerts.iter().rev().take(8) {
                        tr {
                            td.nowrap { (a.period) }
                            td { a href=(format!("/alerts/{}/{}/{}", super::layout::segment(&a.dyad.0), super::layout::segment(&a.dyad.1), a.start)) { (a.dyad.0) " – " (a.dyad.1) } }
                            td.num { (a.material_conflict) " material conflict" }
                        }
                    }
                } }
                p { a href="/alerts" { "All alerts →" } }
            }
        }
        div.card {
            h2 { "Latest articles" }
            table {
                thead { tr { th { "Date" } th { "Title" } th { "Source" } th.num { "Events" } th.num { "Quotes" } } }
                tbody {
                    @for a in &latest {
                        tr {
                            td.nowrap { (a.date.as_deref().unwrap_or("–")) }
                            td { a href=(article_href(&a.id)) { (truncate(a.title.as_deref().unwrap_or(&a.id), 110)) } }
                            td { (a.source.as_deref().unwrap_or("")) }
                            td.num { (a.events) }
                            td.num { (a.quotes) }
                        }
                    }
                }
            }
        }
    };
    render(shell("Overview", "/", content))
}

fn empty_store(state: &AppState) -> Markup {
    let db = state.db.display().to_string();
    html! {
        div.card.empty {
            h1 { "The store is empty" }
            p { "Nothing has been ingested into " code { (db) } " yet. Fill it, then reload this page:" }
            pre { "detente ingest --db " (db) " corpus/     # folders, .txt, .jsonl, .html, RSS/Atom, WARC, .gz" }
            p { "or send articles to the running server (the token was printed when it first started, and is kept in "
                code { (db) ".token" } "):" }
            pre { "curl -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/x-ndjson' \\\n     --data-binary @articles.jsonl http://HOST:PORT/v1/articles" }
            p { "One JSON object per line: " code { "text" } " (required), " code { "id" } ", " code { "title" } ", "
                code { "date" } ", " code { "source" } ", " code { "url" } "." }
            p { "To see what detente finds in one article without storing it: " a.button href="/code" { "Code an article" } }
        }
    }
}
