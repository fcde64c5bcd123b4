//! The actor network for a period: the busiest actors on a circle, edges weighted by events and coloured
//! from conflict (red) to cooperation (green).

use std::sync::Arc;

use axum::extract::State;
use maud::html;

use super::charts::network_chart;
use super::layout::{count, dyad_href, goldstein, shell};
use super::{PageResult, WebQuery, render};
use crate::api::analysis::run_network;
use crate::filters::{Key, NetworkParams};
use crate::state::AppState;

/// Actors drawn at most; the table lists the rest of the strongest edges.
const MAX_NODES: usize = 30;

pub async fn page(State(state): State<Arc<AppState>>, WebQuery(params): WebQuery<NetworkParams>) -> PageResult {
    let network = run_network(&state, &params).await?;
    let key = params.key.unwrap_or_default();
    let mut edges: Vec<&detente_analysis::Edge> = network.edges.iter().collect();
    edges.sort_by(|a, b| b.events.cmp(&a.events).then_with(|| a.source.cmp(&b.source)));
    let content = html! {
        h1 { "Network" }
        p.sub { "Who acts on whom: " (count(network.nodes.len() as u64)) " actors and " (count(network.edges.len() as u64))
                " directed links in the period. Edge width is the number of events, colour the mean Goldstein value (red: conflict, green: cooperation)." }
        div.card {
            form.filters method="get" action="/network" {
                label { "Since" input.short type="text" name="since" value=[params.since.as_deref()] placeholder="YYYY-MM-DD"; }
                label { "Until" input.short type="text" name="until" value=[params.until.as_deref()] placeholder="YYYY-MM-DD"; }
                label { "Actors grouped by" select name="key" {
                    option value="country" selected[key == Key::Country] { "country" }
                    option value="code" selected[key == Key::Code] { "actor code" }
                } }
                label { "Least events per link" input.short type="number" min="1" name="min_events" value=(params.min_events.unwrap_or(1)); }
                button type="submit" { "Update" }
            }
        }
        div.card {
            @if network.nodes.is_empty() { p.sub { "No events between two actors in this period." } }
            @else {
                (network_chart(&network, MAX_NODES))
                @if network.nodes.len() > MAX_NODES { p.sub { "The " (MAX_NODES) " busiest actors are drawn." } }
            }
        }
        div.card {
            h2 { "Strongest links" }
            table {
                thead { tr { th { "Source → target" } th.num { "Events" } th.num { "Mean Goldstein" } th.num { "Material conflict" } } }
                tbody {
                    @for e in edges.iter().take(25) {
                        tr {
                            td { a href=(dyad_href(&e.source, &e.target)) { (e.source) " → " (e.target) } }
                            td.num { (e.events) }
                            td.num { (goldstein(e.goldstein_mean)) }
                            td.num { (e.quad[3]) }
                        }
                    }
                }
            }
        }
    };
    render(shell("Network", "/network", content))
}
