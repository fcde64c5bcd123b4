//! RSS 2.0 and Atom feeds (feed-rs): one article per item/entry from its content or description.

use std::io::{BufRead, Cursor};

use feed_rs::model::{Entry, Text};

use crate::html::{drop_leading_title, html_to_text};
use crate::{Article, ArticleResult, InputError, read_document};

pub(crate) fn read_feed(name: &str, reader: Box<dyn BufRead + Send>) -> Vec<ArticleResult> {
    let bytes = match read_document(name, reader) {
        Ok(bytes) => bytes,
        Err(err) => return vec![Err(err)],
    };
    // feed-rs would invent ids from links and titles; keep the feed's own, or none (then the text hash).
    let parser = feed_rs::parser::Builder::new()
        .id_generator(|_, _, _| String::new())
        .sanitize_content(false)
        .build();
    let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| parser.parse(Cursor::new(bytes))));
    let feed = match parsed {
        Ok(Ok(feed)) => feed,
        Ok(Err(err)) => return vec![Err(InputError::file(name, format!("not a valid RSS/Atom feed: {err}")))],
        Err(_) => return vec![Err(InputError::file(name, "feed parser failed (panic)"))],
    };
    let source = feed.title.as_ref().map(text_of).filter(|title| !title.is_empty());
    let mut items: Vec<ArticleResult> = feed
        .entries
        .into_iter()
        .enumerate()
        .map(|(i, entry)| {
            entry_article(entry, source.clone())
                .ok_or_else(|| InputError::record(name, i + 1, "entry has no content or description"))
        })
        .collect();
    if items.is_empty() {
        items.push(Err(InputError::file(name, "feed has no items")));
    }
    items
}

/// Plain text of a feed text construct (HTML types are converted).
fn text_of(text: &Text) -> String {
    html_to_text(&text.content)
}

fn entry_article(entry: Entry, source: Option<String>) -> Option<Article> {
    let body = entry
        .content
        .as_ref()
        .and_then(|content| content.body.as_deref())
        .map(html_to_text)
        .filter(|text| !text.is_empty());
    let text = body.or_else(|| entry.summary.as_ref().map(text_of).filter(|text| !text.is_empty()))?;
    let title = entry.title.as_ref().map(text_of).filter(|title| !title.is_empty());
    let text = drop_leading_title(&text, title.as_deref());
    if text.is_empty() {
        return None;
    }
    let url = entry
        .links
        .first()
        .map(|link| link.href.trim().to_string())
        .filter(|url| !url.is_empty());
    let id = Some(entry.id.trim().to_string())
        .filter(|id| !id.is_empty())
        .or_else(|| url.clone())
        .unwrap_or_else(|| crate::text_id(&text));
    let date = entry
        .published
        .or(entry.updated)
        .map(|date| date.format("%Y-%m-%d").to_string());
    Some(Article {
        id,
        source,
        date,
        title,
        url,
        text,
    })
}
