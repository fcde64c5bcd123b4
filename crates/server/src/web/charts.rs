//! Server-side SVG charts: a dyad's timeline (bars stacked by quad class, the mean Goldstein line, alert
//! marks, every period a link to its evidence) and the actor network (a circle of the busiest actors,
//! edges weighted by events and coloured from conflict to cooperation). No script needed to read or click.

use detente_analysis::Network;
use maud::{Markup, html};

use super::layout::{dyad_href, quad_name, segment};

/// One period of the timeline.
pub struct ChartPoint {
    pub label: String,
    /// Events per quad class, both directions.
    pub quad: [u32; 4],
    pub goldstein_mean: Option<f64>,
    pub href: String,
    pub selected: bool,
    pub alert: bool,
}

const W: f64 = 1200.0;
const H: f64 = 330.0;
const LEFT: f64 = 52.0;
const RIGHT: f64 = 52.0;
const TOP: f64 = 22.0;
const BOTTOM: f64 = 40.0;

/// A round step giving at most about `ticks` intervals up to `max`.
fn tick_step(max: f64, ticks: f64) -> f64 {
    let raw = (max / ticks).max(1.0);
    let magnitude = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|step| *step >= raw)
        .unwrap_or(10.0 * magnitude)
}

fn f(x: f64) -> String {
    format!("{x:.1}")
}

/// The timeline of a dyad.
pub fn trend_chart(points: &[ChartPoint]) -> Markup {
    let plot_w = W - LEFT - RIGHT;
    let plot_h = H - TOP - BOTTOM;
    let n = points.len().max(1) as f64;
    let band = plot_w / n;
    let bar = (band * 0.72).max(1.0);
    let max_total = points
        .iter()
        .map(|p| p.quad.iter().sum::<u32>())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let step = tick_step(max_total, 5.0);
    let top_count = (max_total / step).ceil() * step;
    let y_count = |c: f64| TOP + plot_h - c / top_count * plot_h;
    let y_gold = |g: f64| TOP + plot_h / 2.0 - g / 10.0 * (plot_h / 2.0);
    let x_of = |i: usize| LEFT + band * i as f64;
    let label_every = (points.len() / 10).max(1);
    // The Goldstein line, broken where a period has no events.
    let mut segments: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
    for (i, p) in points.iter().enumerate() {
        match p.goldstein_mean {
            Some(g) => segments
                .last_mut()
                .expect("one segment")
                .push((x_of(i) + band / 2.0, y_gold(g))),
            None => {
                if !segments.last().expect("one segment").is_empty() {
                    segments.push(Vec::new());
                }
            }
        }
    }
    let ticks: Vec<f64> = (0..=((top_count / step) as usize)).map(|k| k as f64 * step).collect();
    html! {
        svg.chart viewBox=(format!("0 0 {W} {H}")) role="img" aria-label="Events per period, stacked by quad class, with the mean Goldstein line" {
            @for t in &ticks {
                line.grid x1=(f(LEFT)) x2=(f(W - RIGHT)) y1=(f(y_count(*t))) y2=(f(y_count(*t))) {}
                text x=(f(LEFT - 8.0)) y=(f(y_count(*t) + 4.0)) text-anchor="end" { (t) }
            }
            text x="12" y=(f(TOP + plot_h / 2.0)) transform=(format!("rotate(-90 12 {})", f(TOP + plot_h / 2.0))) text-anchor="middle" { "events" }
            @for g in [-10.0, -5.0, 0.0, 5.0, 10.0] {
                text x=(f(W - RIGHT + 8.0)) y=(f(y_gold(g) + 4.0)) { (format!("{g:+}")) }
            }
            text x=(f(W - 10.0)) y=(f(TOP + plot_h / 2.0)) transform=(format!("rotate(90 {} {})", f(W - 10.0), f(TOP + plot_h / 2.0))) text-anchor="middle" { "mean Goldstein" }
            line.zero x1=(f(LEFT)) x2=(f(W - RIGHT)) y1=(f(y_gold(0.0))) y2=(f(y_gold(0.0))) {}
            @for (i, p) in points.iter().enumerate() {
                @if p.selected {
                    rect.selected x=(f(x_of(i))) y=(f(TOP)) width=(f(band.max(2.0))) height=(f(plot_h)) {}
                }
                @for (q, low, high) in stack(&p.quad) {
                    rect class=(format!("q{q}")) x=(f(x_of(i) + (band - bar) / 2.0)) y=(f(y_count(high)))
                        width=(f(bar)) height=(f(y_count(low) - y_count(high))) {}
                }
                @if p.alert {
                    path.alert-mark d=(format!("M{} {} l-6 -10 h12 z", f(x_of(i) + band / 2.0), f(TOP - 2.0))) {}
                }
                @if i % label_every == 0 {
                    text x=(f(x_of(i) + band / 2.0)) y=(f(H - BOTTOM + 16.0)) text-anchor="middle" { (p.label) }
                }
            }
            line.axis x1=(f(LEFT)) x2=(f(W - RIGHT)) y1=(f(TOP + plot_h)) y2=(f(TOP + plot_h)) {}
            @for seg in &segments {
                @if seg.len() > 1 {
                    polyline.gline points=(seg.iter().map(|(x, y)| format!("{},{}", f(*x), f(*y))).collect::<Vec<_>>().join(" ")) {}
                }
                @if points.len() <= 160 {
                    @for (x, y) in seg { circle.gdot cx=(f(*x)) cy=(f(*y)) r="2.5" {} }
                }
            }
            // Click targets on top of everything: one per period.
            @for (i, p) in points.iter().enumerate() {
                a href=(p.href) class="point" {
                    rect.hit x=(f(x_of(i))) y=(f(TOP)) width=(f(band.max(2.0))) height=(f(plot_h)) {}
                    title { (point_title(p)) }
                }
            }
        }
    }
}

/// The bar pieces of one period, bottom up: (quad class, from, to) in event counts.
fn stack(quad: &[u32; 4]) -> Vec<(usize, f64, f64)> {
    let mut base = 0.0;
    let mut pieces = Vec::new();
    for (q, count) in quad.iter().enumerate() {
        if *count > 0 {
            let top = base + f64::from(*count);
            pieces.push((q + 1, base, top));
            base = top;
        }
    }
    pieces
}

fn point_title(p: &ChartPoint) -> String {
    let total: u32 = p.quad.iter().sum();
    let mut text = format!("{}: {total} events", p.label);
    for (q, c) in p.quad.iter().enumerate() {
        if *c > 0 {
            text.push_str(&format!(", {c} {}", quad_name(q as u8 + 1)));
        }
    }
    if let Some(g) = p.goldstein_mean {
        text.push_str(&format!("; mean Goldstein {g:+.1}"));
    }
    if p.alert {
        text.push_str("; ALERT");
    }
    text
}

/// The colour of an edge from its mean Goldstein: red for conflict, grey around zero, green for cooperation.
fn edge_colour(mean: f64) -> String {
    let t = (mean / 10.0).clamp(-1.0, 1.0);
    let grey = (150.0, 158.0, 168.0);
    let (end, k) = if t < 0.0 {
        ((200.0, 55.0, 74.0), (-t).sqrt())
    } else {
        ((31.0, 122.0, 68.0), t.sqrt())
    };
    let mix = |a: f64, b: f64| (a + (b - a) * k).round() as u8;
    format!(
        "#{:02x}{:02x}{:02x}",
        mix(grey.0, end.0),
        mix(grey.1, end.1),
        mix(grey.2, end.2)
    )
}

/// The busiest `max_nodes` actors of the network on a circle.
pub fn network_chart(network: &Network, max_nodes: usize) -> Markup {
    const NW: f64 = 1000.0;
    const NH: f64 = 640.0;
    let mut nodes: Vec<&detente_analysis::Node> = network.nodes.iter().collect();
    nodes.sort_by(|a, b| b.events.cmp(&a.events).then_with(|| a.id.cmp(&b.id)));
    nodes.truncate(max_nodes);
    let (cx, cy, radius) = (NW / 2.0, NH / 2.0, NH / 2.0 - 70.0);
    let position = |i: usize| {
        let angle = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / nodes.len().max(1) as f64;
        (cx + radius * angle.cos(), cy + radius * angle.sin(), angle)
    };
    let index: std::collections::HashMap<&str, usize> =
        nodes.iter().enumerate().map(|(i, n)| (n.id.as_str(), i)).collect();
    let edges: Vec<&detente_analysis::Edge> = network
        .edges
        .iter()
        .filter(|e| index.contains_key(e.source.as_str()) && index.contains_key(e.target.as_str()))
        .collect();
    let max_edge = edges.iter().map(|e| e.events).max().unwrap_or(1).max(1) as f64;
    let max_node = nodes.iter().map(|n| n.events).max().unwrap_or(1).max(1) as f64;
    html! {
        svg.chart.net viewBox=(format!("0 0 {NW} {NH}")) role="img" aria-label="Actor network" {
            @for e in &edges {
                @let (x1, y1, _) = position(index[e.source.as_str()]);
                @let (x2, y2, _) = position(index[e.target.as_str()]);
                // Bend each edge to its right, so A→B and B→A are two arcs.
                @let (mx, my) = ((x1 + x2) / 2.0, (y1 + y2) / 2.0);
                @let (dx, dy) = (x2 - x1, y2 - y1);
                @let (qx, qy) = (mx - dy * 0.12, my + dx * 0.12);
                a href=(dyad_href(&e.source, &e.target)) {
                    path.edge d=(format!("M{} {} Q{} {} {} {}", f(x1), f(y1), f(qx), f(qy), f(x2), f(y2)))
                        stroke=(edge_colour(e.goldstein_mean)) stroke-width=(f(1.0 + 8.0 * f64::from(e.events) / max_edge)) {}
                    title { (format!("{} → {}: {} events, mean Goldstein {:+.1}", e.source, e.target, e.events, e.goldstein_mean)) }
                }
            }
            @for (i, n) in nodes.iter().enumerate() {
                @let (x, y, angle) = position(i);
                @let r = 5.0 + 13.0 * (f64::from(n.events) / max_node).sqrt();
                @let (lx, ly) = (x + (r + 6.0) * angle.cos(), y + (r + 6.0) * angle.sin() + 4.0);
                a href=(format!("/dyads?a={}", segment(&n.id))) {
                    circle.node cx=(f(x)) cy=(f(y)) r=(f(r)) {}
                    text.label x=(f(lx)) y=(f(ly)) text-anchor=(if angle.cos() < -0.2 { "end" } else if angle.cos() > 0.2 { "start" } else { "middle" }) { (n.id) }
                    title { (format!("{}: {} events", n.id, n.events)) }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round() {
        assert_eq!(tick_step(7.0, 5.0), 2.0);
        assert_eq!(tick_step(1.0, 5.0), 1.0);
        assert_eq!(tick_step(430.0, 5.0), 100.0);
        assert_eq!(edge_colour(0.0), "#969ea8");
        assert_eq!(edge_colour(-10.0), "#c8374a");
        assert_eq!(edge_colour(10.0), "#1f7a44");
    }

    #[test]
    fn a_chart_links_every_period_and_escapes_labels() {
        let points = vec![
            ChartPoint {
                label: "2022-W08".into(),
                quad: [1, 0, 2, 3],
                goldstein_mean: Some(-4.0),
                href: "/dyads/RUS/UKR?period=2022-W08".into(),
                selected: true,
                alert: true,
            },
            ChartPoint {
                label: "<script>".into(),
                quad: [0; 4],
                goldstein_mean: None,
                href: "/x".into(),
                selected: false,
                alert: false,
            },
        ];
        let svg = trend_chart(&points).into_string();
        assert_eq!(svg.matches("class=\"point\"").count(), 2);
        assert_eq!(svg.matches("class=\"q4\"").count(), 1);
        assert!(svg.contains("alert-mark"));
        assert!(svg.contains("2022-W08: 6 events"));
        assert!(!svg.contains("<script>"));
    }
}
