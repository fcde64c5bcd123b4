//! Events aggregated across articles as GDELT does: one record per event key (date, source, target, event
//! code, place), with how often it was reported: NumMentions (every coded mention), NumArticles (distinct
//! articles), NumSources (distinct publishers).

use std::collections::{HashMap, HashSet};

use detente_records::{Actor, Location};
use serde::{Deserialize, Serialize};

use crate::EventRow;

/// What makes two mentions the same event.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EventKey {
    pub date: Option<String>,
    pub source: String,
    pub target: Option<String>,
    pub code: String,
    /// The place's name and country, when the event has one.
    pub place: Option<(String, Option<String>)>,
}

impl EventKey {
    pub fn of(row: &EventRow) -> EventKey {
        EventKey {
            date: row.date.clone(),
            source: row.source.code.clone(),
            target: row.target.as_ref().map(|t| t.code.clone()),
            code: row.code.clone(),
            place: row.location.as_ref().map(|l| (l.name.clone(), l.country.clone())),
        }
    }

    /// The key as one string (for stable ids): fields joined with a separator no field holds.
    pub fn canonical(&self) -> String {
        let (place, country) = match &self.place {
            Some((name, country)) => (name.as_str(), country.as_deref().unwrap_or("")),
            None => ("", ""),
        };
        [
            self.date.as_deref().unwrap_or(""),
            &self.source,
            self.target.as_deref().unwrap_or(""),
            &self.code,
            place,
            country,
        ]
        .join("\u{1f}")
    }
}

/// One aggregated event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AggregatedEvent {
    pub date: Option<String>,
    pub source: Actor,
    pub target: Option<Actor>,
    pub code: String,
    pub root: String,
    pub name: String,
    pub goldstein: f64,
    pub quad_class: u8,
    pub location: Option<Location>,
    /// Coded mentions of the event, in all articles.
    pub num_mentions: u32,
    /// Distinct articles that report it.
    pub num_articles: u32,
    /// Distinct publishers that report it (an article without a publisher counts as its own source).
    pub num_sources: u32,
    /// Some mention is in an article's lead (first paragraph).
    pub is_root: bool,
    /// The first mention's article, URL and sentence: where to read about it.
    pub first_article: String,
    pub url: Option<String>,
    pub sentence_text: Option<String>,
    /// When the first of its articles was stored (Unix seconds), if known.
    pub first_added: Option<i64>,
    #[serde(skip)]
    pub key: Option<EventKey>,
}

struct Tally {
    event: AggregatedEvent,
    articles: HashSet<String>,
    sources: HashSet<String>,
}

/// Aggregates mentions as they come (memory grows with distinct events, not mentions); [`Aggregator::finish`]
/// gives the events in the order of their first mention.
#[derive(Default)]
pub struct Aggregator {
    index: HashMap<EventKey, usize>,
    tallies: Vec<Tally>,
}

/// In an article's lead: GDELT's "root event".
pub fn in_lead(row: &EventRow) -> bool {
    row.paragraph.map_or(row.sentence == 0, |p| p == 0)
}

impl Aggregator {
    pub fn new() -> Aggregator {
        Aggregator::default()
    }

    pub fn add(&mut self, row: &EventRow) {
        let key = EventKey::of(row);
        let i = match self.index.get(&key) {
            Some(&i) => i,
            None => {
                self.tallies.push(Tally {
                    event: AggregatedEvent {
                        date: row.date.clone(),
                        source: row.source.clone(),
                        target: row.target.clone(),
                        code: row.code.clone(),
                        root: row.root.clone(),
                        name: row.name.clone(),
                        goldstein: row.goldstein,
                        quad_class: row.quad_class,
                        location: row.location.clone(),
                        num_mentions: 0,
                        num_articles: 0,
                        num_sources: 0,
                        is_root: false,
                        first_article: row.article_id.clone(),
                        url: row.url.clone(),
                        sentence_text: row.sentence_text.clone(),
                        first_added: row.ingested_at,
                        key: Some(key.clone()),
                    },
                    articles: HashSet::new(),
                    sources: HashSet::new(),
                });
                self.index.insert(key, self.tallies.len() - 1);
                self.tallies.len() - 1
            }
        };
        let tally = &mut self.tallies[i];
        tally.event.num_mentions += 1;
        tally.event.is_root |= in_lead(row);
        if let Some(added) = row.ingested_at {
            tally.event.first_added = Some(tally.event.first_added.map_or(added, |a| a.min(added)));
        }
        if tally.articles.insert(row.article_id.clone()) {
            tally.event.num_articles += 1;
        }
        let source = match (&row.publisher, &row.url) {
            (Some(publisher), _) => format!("p:{publisher}"),
            (None, Some(url)) => format!("h:{}", host(url)),
            (None, None) => format!("a:{}", row.article_id),
        };
        if tally.sources.insert(source) {
            tally.event.num_sources += 1;
        }
    }

    /// Distinct events so far.
    pub fn len(&self) -> usize {
        self.tallies.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tallies.is_empty()
    }

    pub fn finish(self) -> Vec<AggregatedEvent> {
        self.tallies.into_iter().map(|t| t.event).collect()
    }
}

/// The host of a URL (`https://news.example.org/a/1` → `news.example.org`), or the URL when it has none.
fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
}

/// The events of `rows` aggregated (see [`Aggregator`]).
pub fn aggregate(rows: &[EventRow]) -> Vec<AggregatedEvent> {
    let mut aggregator = Aggregator::new();
    for row in rows {
        aggregator.add(row);
    }
    aggregator.finish()
}
