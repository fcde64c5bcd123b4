//! An article with its coding drawn on the text: quotes tinted by speaker (one colour each), actor mentions
//! underlined, event triggers marked by quad class (hover for the event, click for its card), and below it
//! the events table, the quotes by speaker and the triggers that gave no event, with the coder's reasons.
//!
//! Spans come from stored or freshly coded articles; one that is out of range or not on a character boundary
//! is skipped rather than trusted.

use std::collections::{BTreeSet, HashMap};

use detente_coder::Coder;
use detente_records::{CodedArticle, Event};
use maud::{Markup, html};

use super::layout::{
    SpeakerColours, actor_label, external_link, goldstein, quad_legend, quad_name, quad_pill, truncate,
};

/// Why a trigger in the text gave no event (from the coder's explanation).
pub struct NotCoded {
    pub sentence: usize,
    pub trigger: String,
    pub reason: String,
}

/// The coder's explanation of each event (by index) and of the triggers without an event.
pub struct Explained {
    pub events: Vec<Option<String>>,
    pub not_coded: Vec<NotCoded>,
}

/// Runs the coder's explanation over the article's own coding.
pub fn explain(coder: &Coder, article: &CodedArticle) -> Explained {
    let Some(text) = article.text.as_deref() else {
        return Explained {
            events: vec![None; article.events.len()],
            not_coded: Vec::new(),
        };
    };
    let explanation = coder.events.explain(
        text,
        &article.sentences,
        &article.mentions,
        &article.quotes,
        article.date.as_deref(),
    );
    let mut events = vec![None; article.events.len()];
    let mut not_coded = Vec::new();
    for trace in &explanation.sentences {
        for t in &trace.triggers {
            let mut matched = false;
            for (i, e) in article.events.iter().enumerate() {
                if e.sentence == trace.index && e.trigger.text == t.text {
                    matched = true;
                    events[i].get_or_insert_with(|| format!("{} → {}", t.entry, t.outcome));
                }
            }
            if !matched {
                not_coded.push(NotCoded {
                    sentence: trace.index,
                    trigger: t.text.clone(),
                    reason: t.outcome.clone(),
                });
            }
        }
    }
    Explained { events, not_coded }
}

/// A span that can be cut out of `text`, or None.
fn valid(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    (start < end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end))
        .then_some((start, end))
}

/// For each segment between consecutive boundaries, the first span (by index) that covers it.
fn cover(bounds: &[usize], spans: &[(usize, usize, usize)]) -> Vec<Option<usize>> {
    let mut covered = vec![None; bounds.len().saturating_sub(1)];
    for &(index, start, end) in spans {
        let (Ok(first), Ok(last)) = (bounds.binary_search(&start), bounds.binary_search(&end)) else {
            continue;
        };
        for slot in &mut covered[first..last] {
            slot.get_or_insert(index);
        }
    }
    covered
}

/// The colour key of a quote's speaker: the coreference chain, else the name.
fn speaker_key(quote: &detente_records::Quote) -> Option<String> {
    let speaker = quote.speaker.as_ref()?;
    speaker
        .entity
        .map(|e| format!("entity {e}"))
        .or_else(|| speaker.name.clone())
        .or_else(|| speaker.code.clone())
}

/// "Kharkiv (UKR)".
pub fn place(location: &detente_records::Location) -> String {
    match &location.country {
        Some(country) if *country != location.name => format!("{} ({country})", location.name),
        _ => location.name.clone(),
    }
}

fn status(e: &Event) -> String {
    let mut parts = Vec::new();
    if e.negated {
        parts.push("negated");
    }
    parts.push(if e.factual {
        "factual"
    } else {
        "not factual (hypothetical, asked, feared…)"
    });
    parts.join(", ")
}

fn actors_line(e: &Event) -> String {
    match &e.target {
        Some(target) => format!("{} → {}", actor_label(&e.source), actor_label(target)),
        None => actor_label(&e.source),
    }
}

/// The article text with its annotations.
fn annotated_text(article: &CodedArticle, text: &str, colours: &[String]) -> Markup {
    let quotes: Vec<(usize, usize, usize)> = article
        .quotes
        .iter()
        .enumerate()
        .filter_map(|(i, q)| valid(text, q.start, q.end).map(|(s, e)| (i, s, e)))
        .collect();
    let mentions: Vec<(usize, usize, usize)> = article
        .mentions
        .iter()
        .enumerate()
        .filter_map(|(i, m)| valid(text, m.start, m.end).map(|(s, e)| (i, s, e)))
        .collect();
    let triggers: Vec<(usize, usize, usize)> = article
        .events
        .iter()
        .enumerate()
        .filter_map(|(i, e)| valid(text, e.trigger.start, e.trigger.end).map(|(s, end)| (i, s, end)))
        .collect();
    let boilerplate: Vec<(usize, usize, usize)> = article
        .sentences
        .iter()
        .enumerate()
        .filter(|(_, s)| s.boilerplate)
        .filter_map(|(i, s)| valid(text, s.start, s.end).map(|(a, b)| (i, a, b)))
        .collect();
    // Mentions that name a quote's speaker (the speaker's span lies in the mention or holds it) take the
    // speaker's colour.
    let mut speaker_mentions: HashMap<(usize, usize), usize> = HashMap::new();
    for (i, q) in article.quotes.iter().enumerate() {
        let Some(span) = q.speaker.as_ref().and_then(|s| s.mention) else {
            continue;
        };
        for m in &article.mentions {
            let mention = detente_records::Span::new(m.start, m.end);
            if mention.contains(span) || span.contains(mention) {
                speaker_mentions.entry((m.start, m.end)).or_insert(i);
            }
        }
    }
    let mut bounds: BTreeSet<usize> = BTreeSet::from([0, text.len()]);
    for &(_, s, e) in quotes.iter().chain(&mentions).chain(&triggers).chain(&boilerplate) {
        bounds.insert(s);
        bounds.insert(e);
    }
    let bounds: Vec<usize> = bounds.into_iter().collect();
    let (quote_at, mention_at, trigger_at, boiler_at) = (
        cover(&bounds, &quotes),
        cover(&bounds, &mentions),
        cover(&bounds, &triggers),
        cover(&bounds, &boilerplate),
    );
    html! {
        div.article-text {
            @for (k, pair) in bounds.windows(2).enumerate() {
                @let piece = &text[pair[0]..pair[1]];
                @let quote = quote_at[k];
                @let quote_first = quote.is_some_and(|q| article.quotes[q].start == pair[0]);
                span class=[boiler_at[k].map(|_| "boilerplate")] {
                    @match quote {
                        Some(q) => {
                            span class=(format!("quote {}", colours[q]))
                                id=[quote_first.then(|| format!("quote-{}", pair[0]))]
                                title=(format!("{} quote: {}", match article.quotes[q].kind {
                                    detente_records::QuoteKind::Direct => "direct",
                                    detente_records::QuoteKind::Indirect => "indirect",
                                    detente_records::QuoteKind::Mixed => "mixed",
                                }, article.quotes[q].speaker.as_ref().and_then(|s| s.name.as_deref()).unwrap_or("speaker unknown"))) {
                                (mention_and_trigger(article, colours, &speaker_mentions, mention_at[k], trigger_at[k], piece))
                            }
                        }
                        None => { (mention_and_trigger(article, colours, &speaker_mentions, mention_at[k], trigger_at[k], piece)) }
                    }
                }
            }
        }
    }
}

fn mention_and_trigger(
    article: &CodedArticle,
    colours: &[String],
    speaker_mentions: &HashMap<(usize, usize), usize>,
    mention: Option<usize>,
    trigger: Option<usize>,
    piece: &str,
) -> Markup {
    let inner = match trigger {
        Some(i) => trigger_link(article, i, piece),
        None => html! { (piece) },
    };
    match mention {
        Some(m) => {
            let mention = &article.mentions[m];
            let class = match speaker_mentions.get(&(mention.start, mention.end)) {
                Some(&q) => format!("mention speaker {}", colours[q]),
                None => "mention".to_string(),
            };
            html! { span class=(class) title=(format!("{} · {:?}", actor_label(&mention.actor), mention.via).to_lowercase()) { (inner) } }
        }
        None => inner,
    }
}

fn summary(e: &Event) -> String {
    format!(
        "{} {} · Goldstein {:+.1} · {} · rule: {}",
        e.code,
        e.name,
        e.goldstein,
        quad_name(e.quad_class),
        e.rule
    )
}

/// The marked trigger: hover for a summary of its events, click for their card (built from the rows of the
/// events table, which carry the details), or follow the link to the first row without the script.
fn trigger_link(article: &CodedArticle, i: usize, piece: &str) -> Markup {
    let e = &article.events[i];
    let same: Vec<usize> = (0..article.events.len())
        .filter(|&k| {
            let t = &article.events[k].trigger;
            (t.start, t.end) == (e.trigger.start, e.trigger.end)
        })
        .collect();
    let title = same
        .iter()
        .map(|&k| summary(&article.events[k]))
        .collect::<Vec<_>>()
        .join(" | ");
    let ids = same.iter().map(|k| k.to_string()).collect::<Vec<_>>().join(" ");
    html! {
        a class=(format!("trigger q{}", e.quad_class)) href=(format!("#ev-{i}")) title=(title) data-events=(ids) { (piece) }
    }
}

fn events_table(article: &CodedArticle, explained: &Explained, text: &str) -> Markup {
    html! {
        div.scroll {
            table {
                thead { tr {
                    th.num { "#" } th { "Trigger" } th { "Source → target" } th { "Event" } th.num { "Goldstein" }
                    th { "Quad class" } th { "PLOVER" } th { "Status" } th { "Location" } th { "Rule and explanation" }
                } }
                tbody {
                    @for (i, e) in article.events.iter().enumerate() {
                        tr id=(format!("ev-{i}"))
                            data-code=(e.code) data-name=(e.name) data-goldstein=(format!("{:+.1}", e.goldstein))
                            data-quad=(e.quad_class) data-quad-name=(quad_name(e.quad_class)) data-actors=(actors_line(e))
                            data-plover=[e.plover.as_deref()] data-status=(status(e)) data-rule=(e.rule)
                            data-location=[e.location.as_ref().map(place)]
                            data-explain=[explained.events.get(i).cloned().flatten()] {
                            td.num { span id=(format!("t-{}", e.trigger.start)) {} (i + 1) }
                            td { strong { (e.trigger.text) } }
                            td { (actors_line(e)) }
                            td.event { span.mono { (e.code) } " " (e.name) }
                            td.num { (goldstein(e.goldstein)) }
                            td { (quad_pill(e.quad_class)) }
                            td { (e.plover.as_deref().unwrap_or("")) }
                            td {
                                @if e.negated { span.flag { "negated" } }
                                @if !e.factual { span.flag { "not factual" } }
                                @if e.quote.is_some() { span.flag { "in a quote" } }
                            }
                            td { @if let Some(l) = &e.location { (place(l)) } }
                            td.rule {
                                span.mono { (e.rule) }
                                @if let Some(why) = explained.events.get(i).cloned().flatten() {
                                    div.why { (why) }
                                }
                                @if let Some(s) = article.sentences.get(e.sentence).and_then(|s| valid(text, s.start, s.end)) {
                                    div.why { "“" (truncate(&text[s.0..s.1], 160)) "”" }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn quotes_by_speaker(article: &CodedArticle, colours: &[String]) -> Markup {
    // Speakers in order of their first quote.
    let mut order: Vec<Option<String>> = Vec::new();
    for q in &article.quotes {
        let key = speaker_key(q);
        if !order.contains(&key) {
            order.push(key);
        }
    }
    html! {
        @for key in &order {
            @let quotes: Vec<(usize, &detente_records::Quote)> = article.quotes.iter().enumerate().filter(|(_, q)| &speaker_key(q) == key).collect();
            @let (first_index, first) = quotes[0];
            @let speaker = first.speaker.as_ref();
            h3 {
                span class=(format!("chip {}", colours[first_index])) {
                    (speaker.and_then(|s| s.name.as_deref()).unwrap_or("Speaker not found"))
                    @if let Some(code) = speaker.and_then(|s| s.code.as_deref()) { " · " span.mono { (code) } }
                }
            }
            ul.quote-list {
                @for (i, q) in &quotes {
                    li class=(colours[*i]) {
                        a href=(format!("#quote-{}", q.start)) { "“" (q.text) "”" }
                        div.meta { (format!("{:?}", q.kind).to_lowercase()) @if let Some(cue) = &q.cue { " · cue: " (cue) } }
                    }
                }
            }
        }
    }
}

/// The whole annotated view of a coded article.
pub fn article_view(article: &CodedArticle, explained: &Explained, duplicate_of: Option<&str>) -> Markup {
    let text = article.text.as_deref().unwrap_or("");
    let mut palette = SpeakerColours::default();
    let colours: Vec<String> = article
        .quotes
        .iter()
        .map(|q| palette.class(speaker_key(q).as_deref()))
        .collect();
    let mut actors: Vec<(&str, Vec<&str>)> = Vec::new();
    for m in &article.mentions {
        match actors.iter_mut().find(|(code, _)| *code == m.actor.code) {
            Some((_, texts)) => {
                if !texts.contains(&m.text.as_str()) {
                    texts.push(&m.text);
                }
            }
            None => actors.push((&m.actor.code, vec![&m.text])),
        }
    }
    html! {
        div.card {
            h1 { (article.title.as_deref().unwrap_or("Untitled article")) }
            div.article-meta {
                (article.date.as_deref().unwrap_or("undated"))
                @if let Some(source) = &article.source { " · " (source) }
                " · id " span.mono { (article.id) }
                @if let Some(url) = &article.url { " · " (external_link(url)) }
                " · " (article.events.len()) " events, " (article.quotes.len()) " quotes, " (article.mentions.len()) " actor mentions"
            }
            @if let Some(original) = duplicate_of {
                p.notice { "A near-duplicate of " a href=(super::layout::article_href(original)) { (original) } ": its events count once, under the first copy." }
            }
            (quad_legend())
            @if text.is_empty() {
                p.notice { "This article was stored without its text." }
            } @else {
                (annotated_text(article, text, &colours))
            }
        }
        div.card {
            h2 { "Events (" (article.events.len()) ")" }
            @if article.events.is_empty() { p.sub { "No events were coded in this article." } }
            @else { (events_table(article, explained, text)) }
        }
        div.grid {
            div.card {
                h2 { "Quotes by speaker (" (article.quotes.len()) ")" }
                @if article.quotes.is_empty() { p.sub { "No quotes." } }
                (quotes_by_speaker(article, &colours))
            }
            div.card {
                h2 { "Actors (" (actors.len()) ")" }
                @if actors.is_empty() { p.sub { "No actors recognised." } }
                table {
                    tbody {
                        @for (code, texts) in &actors {
                            tr { td { span.mono { (code) } } td { (texts.join(", ")) } }
                        }
                    }
                }
                @if !explained.not_coded.is_empty() {
                    h2.spaced { "Triggers without an event" }
                    table { tbody {
                        @for n in &explained.not_coded {
                            tr { td { strong { (n.trigger) } } td.why { "sentence " (n.sentence + 1) ": " (n.reason) } }
                        }
                    } }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_take_the_first_covering_span() {
        let bounds = [0, 3, 5, 9];
        let covered = cover(&bounds, &[(0, 0, 5), (1, 3, 9), (2, 4, 6)]);
        assert_eq!(covered, [Some(0), Some(0), Some(1)]);
        assert_eq!(valid("héllo", 1, 2), None, "inside a character");
        assert_eq!(valid("héllo", 1, 3), Some((1, 3)));
        assert_eq!(valid("abc", 2, 9), None);
        assert_eq!(valid("abc", 2, 2), None);
    }
}
