//! The page shell and the small pieces every page uses: quad-class pills, Goldstein values, actor labels,
//! speaker colours, safe links. Every value goes through maud, which escapes it.

use std::collections::HashMap;

use maud::{DOCTYPE, Markup, html};

/// The dashboard's sections, in the navigation's order: (path, label).
const NAV: &[(&str, &str)] = &[
    ("/", "Overview"),
    ("/code", "Code an article"),
    ("/dyads", "Dyads"),
    ("/alerts", "Alerts"),
    ("/quotes", "Quotes"),
    ("/network", "Network"),
    ("/search", "Search"),
];

/// A whole page: `section` is the navigation entry to highlight.
pub fn shell(title: &str, section: &str, content: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · detente" }
                link rel="stylesheet" href="/assets/style.css";
                link rel="icon" href="/assets/favicon.svg" type="image/svg+xml";
                script src="/assets/app.js" defer {}
            }
            body {
                header.top {
                    a.brand href="/" { "détente" span { "event data from news" } }
                    nav {
                        @for (path, label) in NAV {
                            a.active[*path == section] href=(path) { (label) }
                        }
                    }
                }
                main { (content) }
                footer {
                    "detente " (env!("CARGO_PKG_VERSION")) " · "
                    a href="/v1/openapi.json" { "API (OpenAPI)" }
                }
            }
        }
    }
}

pub const QUAD_NAMES: [&str; 4] = [
    "verbal cooperation",
    "material cooperation",
    "verbal conflict",
    "material conflict",
];

pub fn quad_name(quad: u8) -> &'static str {
    match quad {
        1..=4 => QUAD_NAMES[usize::from(quad) - 1],
        _ => "unknown",
    }
}

/// The coloured quad-class label.
pub fn quad_pill(quad: u8) -> Markup {
    html! { span class=(format!("pill q{quad}")) title=(quad_name(quad)) { (quad_name(quad)) } }
}

/// The legend of the quad-class colours.
pub fn quad_legend() -> Markup {
    html! {
        div.legend {
            @for quad in 1..=4u8 {
                span { span class=(format!("sw q{quad}")) {} (quad_name(quad)) }
            }
        }
    }
}

/// A Goldstein value, signed, red below zero and green above.
pub fn goldstein(value: f64) -> Markup {
    let class = if value < 0.0 {
        "gold neg"
    } else if value > 0.0 {
        "gold pos"
    } else {
        "gold"
    };
    html! { span class=(class) { (format!("{value:+.1}")) } }
}

/// `RUSGOV (Vladimir Putin)`.
pub fn actor_label(actor: &detente_records::Actor) -> String {
    match &actor.name {
        Some(name) => format!("{} ({name})", actor.code),
        None => actor.code.clone(),
    }
}

/// A link only for http(s) URLs; anything else (`javascript:`, `data:`) is shown as text.
pub fn external_link(url: &str) -> Markup {
    let lower = url.trim_start().to_ascii_lowercase();
    let safe = lower.starts_with("https://") || lower.starts_with("http://");
    html! {
        @if safe {
            a href=(url.trim()) rel="noopener noreferrer nofollow" target="_blank" { (url) }
        } @else {
            span.mono { (url) }
        }
    }
}

/// Gives each speaker a colour class (`spk-0` … `spk-9`) in order of first appearance; more than ten
/// speakers share colours.
#[derive(Default)]
pub struct SpeakerColours {
    seen: HashMap<String, usize>,
}

impl SpeakerColours {
    pub fn class(&mut self, speaker: Option<&str>) -> String {
        let Some(speaker) = speaker.filter(|s| !s.is_empty()) else {
            return "spk-none".into();
        };
        let next = self.seen.len();
        let index = *self.seen.entry(speaker.to_string()).or_insert(next);
        format!("spk-{}", index % 10)
    }
}

/// Characters a path segment keeps as they are. `.` is encoded too, so an id like `..` stays a segment.
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'~');

/// A path segment, percent-encoded.
pub fn segment(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, SEGMENT).to_string()
}

/// `/articles/{id}`.
pub fn article_href(id: &str) -> String {
    format!("/articles/{}", segment(id))
}

/// `/dyads/{a}/{b}`.
pub fn dyad_href(a: &str, b: &str) -> String {
    format!("/dyads/{}/{}", segment(a), segment(b))
}

/// A query string from pairs, skipping empty values.
pub fn query_string<'a>(pairs: impl IntoIterator<Item = (&'a str, Option<&'a str>)>) -> String {
    let mut serializer = form_urlencoded::Serializer::new(String::new());
    for (key, value) in pairs {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            serializer.append_pair(key, value);
        }
    }
    let query = serializer.finish();
    if query.is_empty() { query } else { format!("?{query}") }
}

/// A number with thousands separators: 21,331.
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// At most `max` characters of `text`, with an ellipsis when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max).collect();
    cut.push('…');
    cut
}

/// A table of stored events, each linked to its trigger in the article.
pub fn events_table(events: &[detente_analysis::EventRow]) -> maud::Markup {
    html! {
        div.scroll {
            table {
                thead { tr {
                    th { "Date" } th { "Source → target" } th { "Event" } th.num { "Goldstein" } th { "Quad class" }
                    th { "Trigger" } th { "Article" }
                } }
                tbody {
                    @for e in events {
                        tr {
                            td.nowrap { (e.date.as_deref().unwrap_or("–")) }
                            td {
                                (actor_label(&e.source)) " → "
                                (e.target.as_ref().map(actor_label).unwrap_or_default())
                                @if e.negated { " " span.flag { "negated" } }
                                @if !e.factual { " " span.flag { "not factual" } }
                            }
                            td {
                                span.mono { (e.code) } " " (e.name)
                                @if let Some(l) = &e.location { br; span.why { "in " (super::article::place(l)) } }
                            }
                            td.num { (goldstein(e.goldstein)) }
                            td { (quad_pill(e.quad_class)) }
                            td { a href=(format!("{}#t-{}", article_href(&e.article_id), e.trigger.start)) { "“" (e.trigger.text) "”" } }
                            td { a href=(article_href(&e.article_id)) { (truncate(&e.article_id, 28)) }
                                 @if let Some(p) = &e.publisher { br; span.why { (p) } } }
                        }
                    }
                }
            }
        }
    }
}

/// A list of stored quotes with their speakers (one colour each) and links into the articles.
pub fn quote_list(quotes: &[detente_store::QuoteRow], colours: &mut SpeakerColours) -> maud::Markup {
    html! {
        ul.quote-list {
            @for q in quotes {
                @let class = colours.class(q.speaker_name.as_deref().or(q.speaker_code.as_deref()));
                li class=(class) {
                    span class=(format!("chip {class}")) {
                        (q.speaker_name.as_deref().unwrap_or("Speaker not found"))
                        @if let Some(code) = &q.speaker_code { " · " span.mono { (code) } }
                    }
                    " "
                    a href=(format!("{}#quote-{}", article_href(&q.article_id), q.start)) { "“" (q.text) "”" }
                    div.meta {
                        (q.date.as_deref().unwrap_or("undated")) " · " (q.kind)
                        @if let Some(p) = &q.publisher { " · " (p) }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_links_are_links() {
        assert!(
            external_link("https://example.org/a?b=1")
                .into_string()
                .starts_with("<a href=\"https://")
        );
        for bad in [
            "javascript:alert(1)",
            " JaVaScRiPt:alert(1)",
            "data:text/html,x",
            "vbscript:x",
        ] {
            let html = external_link(bad).into_string();
            assert!(!html.contains("href"), "{html}");
        }
    }

    #[test]
    fn helpers_format_and_encode() {
        assert_eq!(count(21331), "21,331");
        assert_eq!(count(7), "7");
        assert_eq!(segment("a/b c"), "a%2Fb%20c");
        assert_eq!(segment("cauc-10_x~"), "cauc-10_x~");
        assert_eq!(segment(".."), "%2E%2E");
        assert_eq!(
            query_string([("a", Some("R&D")), ("b", None), ("c", Some(""))]),
            "?a=R%26D"
        );
        assert_eq!(truncate("abcdef", 3), "abc…");
        let mut colours = SpeakerColours::default();
        assert_eq!(colours.class(Some("Alda Brenn")), "spk-0");
        assert_eq!(colours.class(Some("Jon Vik")), "spk-1");
        assert_eq!(colours.class(Some("Alda Brenn")), "spk-0");
        assert_eq!(colours.class(None), "spk-none");
    }
}
