//! RSS 2.0 and Atom feeds (feed-rs): one article per item/entry from its content or description. A feed
//! that does not parse as a whole (truncated, or broken in one item) is parsed item by item: every whole
//! item is kept and each broken one is an error naming its number and line.

use std::io::{BufRead, Cursor};

use chrono::Datelike;
use feed_rs::model::{Entry, Feed, Text};

use crate::feed_items::split_items;
use crate::html::{drop_leading_title, html_to_text};
use crate::{Article, ArticleResult, InputError, ReadOptions, read_document};

pub(crate) fn read_feed(name: &str, reader: Box<dyn BufRead + Send>, options: &ReadOptions) -> Vec<ArticleResult> {
    let bytes = match read_document(name, reader, options.max_read_bytes()) {
        Ok(bytes) => bytes,
        Err(err) => return vec![Err(err)],
    };
    let whole_feed_error = match parse(&bytes) {
        Ok(feed) => {
            let source = feed_title(&feed);
            let mut items: Vec<ArticleResult> = feed
                .entries
                .into_iter()
                .enumerate()
                .map(|(i, entry)| item_article(name, i + 1, None, entry, source.clone(), options))
                .collect();
            if items.is_empty() {
                items.push(Err(InputError::file(name, "feed has no items")));
            }
            return items;
        }
        Err(message) => message,
    };
    read_item_by_item(name, &bytes, &whole_feed_error, options).unwrap_or_else(|| {
        vec![Err(InputError::file(
            name,
            format!("not a valid RSS/Atom feed: {whole_feed_error}"),
        ))]
    })
}

/// The items of a feed that does not parse as a whole, each parsed on its own inside the feed's envelope;
/// None when no item can be found.
fn read_item_by_item(
    name: &str,
    bytes: &[u8],
    whole_feed_error: &str,
    options: &ReadOptions,
) -> Option<Vec<ArticleResult>> {
    let parts = split_items(bytes)?;
    let mut items = Vec::with_capacity(parts.items.len() + 1);
    let mut broken = 0;
    for (i, span) in parts.items.iter().enumerate() {
        let (number, line) = (i + 1, span.line);
        let located = |message: String| InputError {
            record: Some(number),
            ..InputError::line(name, line, format!("item {number}: {message}"))
        };
        let Some(document) = parts.document_for(bytes, span) else {
            broken += 1;
            items.push(Err(located("cut off: the feed ends inside this item".to_string())));
            continue;
        };
        match parse(&document) {
            Ok(feed) if feed.entries.len() == 1 => {
                let source = feed_title(&feed);
                let entry = feed.entries.into_iter().next().expect("one entry");
                items.push(item_article(name, number, Some(line), entry, source, options));
            }
            Ok(_) => {
                broken += 1;
                items.push(Err(located("not a feed item".to_string())));
            }
            Err(message) => {
                broken += 1;
                items.push(Err(located(format!("malformed: {message}"))));
            }
        }
    }
    if broken == 0 {
        // Every item is whole: the damage is outside them (a missing end, a broken tail).
        let kept = items.len();
        items.insert(
            0,
            Err(InputError::file(
                name,
                format!("not a well-formed feed ({whole_feed_error}); its {kept} whole items were read"),
            )
            .into_warning()),
        );
    }
    Some(items)
}

/// Parses a feed; a parser error or panic is a message.
fn parse(bytes: &[u8]) -> Result<Feed, String> {
    // feed-rs would invent ids from links and titles; keep the feed's own, or none (then the text hash).
    let parser = feed_rs::parser::Builder::new()
        .id_generator(|_, _, _| String::new())
        .sanitize_content(false)
        .build();
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| parser.parse(Cursor::new(bytes)))) {
        Ok(Ok(feed)) => Ok(feed),
        Ok(Err(err)) => Err(err.to_string()),
        Err(_) => Err("feed parser failed (panic)".to_string()),
    }
}

fn feed_title(feed: &Feed) -> Option<String> {
    feed.title.as_ref().map(text_of).filter(|title| !title.is_empty())
}

/// One item's article, within the budget, or the error naming the item.
fn item_article(
    name: &str,
    number: usize,
    line: Option<usize>,
    entry: Entry,
    source: Option<String>,
    options: &ReadOptions,
) -> ArticleResult {
    let located = |message: String| match line {
        Some(line) => InputError {
            record: Some(number),
            ..InputError::line(name, line, format!("item {number}: {message}"))
        },
        None => InputError::record(name, number, message),
    };
    match entry_article(entry, source) {
        Some(article) => options.admit(article, located),
        None => Err(located("entry has no content or description".to_string())),
    }
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
    // A feed may carry a year chrono accepts but `YYYY-MM-DD` cannot write ("20122"): such a date is
    // dropped, as an unreadable date is elsewhere.
    let date = entry
        .published
        .or(entry.updated)
        .filter(|date| (1..=9999).contains(&date.year()))
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
