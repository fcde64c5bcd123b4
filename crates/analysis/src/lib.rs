//! Analysis over stored events: dyad trends, conflict alerts, actor networks. (Stage owner: store.)
//!
//! Pure functions over a slice of [`EventRow`]s (the flat form of an event as the store returns it).
//! Negated events ("did not attack") say an action did NOT happen, so trends, alerts and networks skip
//! them; which other events count (duplicates, non-factual ones) is the caller's filter.

pub mod aggregate;

pub use aggregate::{AggregatedEvent, Aggregator, EventKey, aggregate, in_lead};

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{Datelike, Days, Months, NaiveDate};
use detente_records::{Actor, Location, Trigger};
use serde::{Deserialize, Serialize};

/// One coded event with its article's metadata, as stored.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRow {
    /// The store's key of the event row.
    pub event_id: i64,
    pub article_id: String,
    /// Article date `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The article's publisher (`source` of the article).
    pub publisher: Option<String>,
    pub url: Option<String>,
    /// The first copy when the article is a near-duplicate of it.
    pub duplicate_of: Option<String>,
    pub sentence: usize,
    /// Paragraph of the event's sentence, when the sentence is stored.
    pub paragraph: Option<usize>,
    pub source: Actor,
    pub target: Option<Actor>,
    pub code: String,
    pub root: String,
    pub name: String,
    pub goldstein: f64,
    pub quad_class: u8,
    pub plover: Option<String>,
    pub negated: bool,
    pub factual: bool,
    pub quote: Option<usize>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub location: Option<Location>,
    pub trigger: Trigger,
    pub rule: String,
    pub coder_version: String,
    pub dictionary_set: String,
    /// The article's title.
    #[serde(default)]
    pub title: Option<String>,
    /// The text of the event's sentence: to check an event without going back to the article.
    #[serde(default)]
    pub sentence_text: Option<String>,
    /// The event's position among its article's events.
    #[serde(default)]
    pub index: usize,
    /// The Goldstein table of `goldstein` (`gdelt`, `icews`, `phoenix`); None when it was not recorded.
    #[serde(default)]
    pub goldstein_table: Option<String>,
    /// When the article was stored (Unix seconds); None for events not read from the store.
    #[serde(default)]
    pub ingested_at: Option<i64>,
}

impl EventRow {
    /// The flat row of the `index`-th event of a freshly coded article (not stored: `event_id` is the
    /// event's index, coder version and dictionary set are the caller's).
    pub fn from_coded(article: &detente_records::CodedArticle, index: usize, coder_version: &str) -> EventRow {
        let e = &article.events[index];
        EventRow {
            event_id: index as i64,
            article_id: article.id.clone(),
            date: article.date.clone(),
            publisher: article.source.clone(),
            url: article.url.clone(),
            duplicate_of: None,
            sentence: e.sentence,
            paragraph: article.sentences.get(e.sentence).map(|s| s.paragraph),
            source: e.source.clone(),
            target: e.target.clone(),
            code: e.code.clone(),
            root: e.root.clone(),
            name: e.name.clone(),
            goldstein: e.goldstein,
            quad_class: e.quad_class,
            plover: e.plover.clone(),
            negated: e.negated,
            factual: e.factual,
            quote: e.quote,
            location: e.location.clone(),
            trigger: e.trigger.clone(),
            rule: e.rule.clone(),
            coder_version: coder_version.to_string(),
            dictionary_set: "builtin".to_string(),
            title: article.title.clone(),
            sentence_text: match (&article.text, article.sentences.get(e.sentence)) {
                (Some(text), Some(s)) => text.get(s.start..s.end).map(str::to_string),
                _ => None,
            },
            index,
            goldstein_table: None,
            ingested_at: None,
        }
    }
}

/// The part of an event that trends and dyad summaries read: when, who to whom, how intense. The store reads it
/// from the events table alone, without the article text, sentence and location that an [`EventRow`] carries,
/// so a dyad's timeline costs a fraction of loading its events.
#[derive(Debug, Clone, PartialEq)]
pub struct EventFact {
    /// The store's key of the event row.
    pub event_id: i64,
    /// Article date `YYYY-MM-DD`.
    pub date: Option<String>,
    pub source: Actor,
    pub target: Option<Actor>,
    pub goldstein: f64,
    pub quad_class: u8,
    pub negated: bool,
}

/// An event as [`trend`] reads it: an [`EventRow`] or an [`EventFact`].
pub trait TrendEvent {
    fn date(&self) -> Option<&str>;
    fn source(&self) -> &Actor;
    fn target(&self) -> Option<&Actor>;
    fn goldstein(&self) -> f64;
    fn quad_class(&self) -> u8;
    fn negated(&self) -> bool;
}

macro_rules! trend_event {
    ($t:ty) => {
        impl TrendEvent for $t {
            fn date(&self) -> Option<&str> {
                self.date.as_deref()
            }
            fn source(&self) -> &Actor {
                &self.source
            }
            fn target(&self) -> Option<&Actor> {
                self.target.as_ref()
            }
            fn goldstein(&self) -> f64 {
                self.goldstein
            }
            fn quad_class(&self) -> u8 {
                self.quad_class
            }
            fn negated(&self) -> bool {
                self.negated
            }
        }
    };
}
trend_event!(EventRow);
trend_event!(EventFact);

impl From<&EventRow> for EventFact {
    fn from(e: &EventRow) -> EventFact {
        EventFact {
            event_id: e.event_id,
            date: e.date.clone(),
            source: e.source.clone(),
            target: e.target.clone(),
            goldstein: e.goldstein,
            quad_class: e.quad_class,
            negated: e.negated,
        }
    }
}

/// What an actor pattern (`--source`, `--dyad`, `trend A B`) means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorPattern<'a> {
    /// Upper-case letters and digits (`RUS`, `RUSGOV`, `NATO`): a prefix of the actor's code, country or org.
    Code(&'a str),
    /// Anything else (`Putin`, `Vladimir Putin`): part of the actor's name, any case. (The store and the CLI
    /// turn country names into codes first: `Russia` → `RUS`.)
    Name(&'a str),
}

impl<'a> ActorPattern<'a> {
    pub fn parse(pattern: &'a str) -> ActorPattern<'a> {
        let pattern = pattern.trim();
        if !pattern.is_empty() && pattern.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) {
            ActorPattern::Code(pattern)
        } else {
            ActorPattern::Name(pattern)
        }
    }
}

/// True when the actor matches `pattern` ([`ActorPattern`]): `RUS` matches `RUSGOV` and country `RUS`;
/// `NATO` matches org `NATO`; `Putin` matches the actor named "Vladimir Putin".
pub fn actor_matches(actor: &Actor, pattern: &str) -> bool {
    match ActorPattern::parse(pattern) {
        ActorPattern::Code(code) => {
            let has_prefix = |field: &str| {
                field.len() >= code.len() && field.as_bytes()[..code.len()].eq_ignore_ascii_case(code.as_bytes())
            };
            has_prefix(&actor.code)
                || actor.country.as_deref().is_some_and(has_prefix)
                || actor.org.as_deref().is_some_and(has_prefix)
        }
        ActorPattern::Name(name) => {
            let name = name.to_lowercase();
            !name.is_empty() && actor.name.as_deref().is_some_and(|n| n.to_lowercase().contains(&name))
        }
    }
}

/// The key an actor is grouped under in alerts and networks.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NodeKey {
    /// The country (else org, else code): RUSGOV and RUSMIL are both RUS.
    #[default]
    Country,
    /// The full actor code: RUSGOV and RUSMIL are apart.
    Code,
}

impl NodeKey {
    pub fn of<'a>(&self, actor: &'a Actor) -> &'a str {
        match self {
            NodeKey::Code => &actor.code,
            NodeKey::Country => actor.country.as_deref().or(actor.org.as_deref()).unwrap_or(&actor.code),
        }
    }
}

/// The length of a trend's time bucket.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Day,
    /// ISO weeks (Monday to Sunday), labelled `YYYY-Www`.
    Week,
    Month,
}

impl Period {
    /// The first day of the period that holds `date`.
    pub fn start_of(&self, date: NaiveDate) -> NaiveDate {
        match self {
            Period::Day => date,
            Period::Week => date - Days::new(u64::from(date.weekday().num_days_from_monday())),
            Period::Month => date.with_day(1).expect("day 1 exists"),
        }
    }

    /// The first day of the next period after the one starting at `start`.
    pub fn next(&self, start: NaiveDate) -> NaiveDate {
        match self {
            Period::Day => start + Days::new(1),
            Period::Week => start + Days::new(7),
            Period::Month => start + Months::new(1),
        }
    }

    /// The label of the period starting at `start`: `2022-02-24`, `2022-W08`, `2022-02`.
    pub fn label(&self, start: NaiveDate) -> String {
        match self {
            Period::Day => iso_day(start),
            Period::Week => {
                let week = start.iso_week();
                format!("{}-W{:02}", week.year(), week.week())
            }
            Period::Month => {
                let mut day = iso_day(start);
                day.truncate(day.len() - 3);
                day
            }
        }
    }
}

/// Parses `YYYY-MM-DD` (the store's date form).
pub fn parse_date(date: &str) -> Option<NaiveDate> {
    // Trends parse every event's date, and chrono reads its format string anew on each call: the store's
    // form is read by hand, anything else as chrono reads it.
    let b = date.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        b[range]
            .iter()
            .try_fold(0u32, |n, &d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
    };
    if b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10))
    {
        return NaiveDate::from_ymd_opt(y as i32, m, d);
    }
    NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()
}

/// `YYYY-MM-DD`, as chrono's `%Y-%m-%d` writes it (years outside 0..=9999 are left to chrono).
fn iso_day(date: NaiveDate) -> String {
    match date.year() {
        year @ 0..=9999 => format!("{year:04}-{:02}-{:02}", date.month(), date.day()),
        _ => date.format("%Y-%m-%d").to_string(),
    }
}

/// Counts of one direction of a dyad in one period.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DirectionStats {
    pub events: u32,
    /// Events per quad class: verbal cooperation, material cooperation, verbal conflict, material conflict.
    pub quad: [u32; 4],
    pub goldstein_sum: f64,
    /// Mean Goldstein value; None without events.
    pub goldstein_mean: Option<f64>,
    /// Events per 1,000 articles of the period (set by [`normalize_by_volume`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_1000_articles: Option<f64>,
}

impl DirectionStats {
    fn add(&mut self, event: &impl TrendEvent) {
        self.events += 1;
        let quad_class = event.quad_class();
        if (1..=4).contains(&quad_class) {
            self.quad[usize::from(quad_class) - 1] += 1;
        }
        self.goldstein_sum += event.goldstein();
        self.goldstein_mean = Some(self.goldstein_sum / f64::from(self.events));
    }
}

/// One period of a dyad trend, both directions.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrendPoint {
    pub period: String,
    /// First day of the period, `YYYY-MM-DD`.
    pub start: String,
    /// Events with a source matching `a` and a target matching `b`.
    pub a_to_b: DirectionStats,
    /// Events with a source matching `b` and a target matching `a`.
    pub b_to_a: DirectionStats,
    /// Articles stored for the period (set by [`normalize_by_volume`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub articles: Option<u64>,
}

/// Divides each period's event counts by the period's article volume (`articles_per_day`: `YYYY-MM-DD` and
/// articles that day), so that a busier news day does not look like an escalation: sets `articles` and each
/// direction's `per_1000_articles` (None for a period without articles).
pub fn normalize_by_volume(points: &mut [TrendPoint], articles_per_day: &[(String, u64)], period: Period) {
    let mut volume: BTreeMap<NaiveDate, u64> = BTreeMap::new();
    for (day, n) in articles_per_day {
        if let Some(date) = parse_date(day) {
            *volume.entry(period.start_of(date)).or_default() += n;
        }
    }
    for point in points {
        let n = parse_date(&point.start)
            .and_then(|start| volume.get(&start).copied())
            .unwrap_or(0);
        point.articles = Some(n);
        for d in [&mut point.a_to_b, &mut point.b_to_a] {
            d.per_1000_articles = (n > 0).then(|| f64::from(d.events) * 1000.0 / n as f64);
        }
    }
}

/// Per-period counts of the events between actors `a` and `b` (prefix patterns as in [`actor_matches`]),
/// from the first to the last period with an event, empty periods included (so charts have no gaps).
/// Events without a parseable date and negated events are skipped.
pub fn trend<E: TrendEvent>(events: &[E], a: &str, b: &str, period: Period) -> Vec<TrendPoint> {
    let mut buckets: BTreeMap<NaiveDate, (DirectionStats, DirectionStats)> = BTreeMap::new();
    for event in events.iter().filter(|e| !e.negated()) {
        let Some(target) = event.target() else { continue };
        let Some(date) = event.date().and_then(parse_date) else {
            continue;
        };
        let forward = actor_matches(event.source(), a) && actor_matches(target, b);
        let backward = actor_matches(event.source(), b) && actor_matches(target, a);
        if !forward && !backward {
            continue;
        }
        let bucket = buckets.entry(period.start_of(date)).or_default();
        if forward {
            bucket.0.add(event);
        }
        // `a` and `b` can overlap (RUS and RUSGOV): an event then counts in both directions.
        if backward {
            bucket.1.add(event);
        }
    }
    let (Some(&first), Some(&last)) = (buckets.keys().next(), buckets.keys().next_back()) else {
        return Vec::new();
    };
    let mut points = Vec::new();
    let mut start = first;
    while start <= last {
        let (a_to_b, b_to_a) = buckets.remove(&start).unwrap_or_default();
        points.push(TrendPoint {
            period: period.label(start),
            start: iso_day(start),
            a_to_b,
            b_to_a,
            articles: None,
        });
        start = period.next(start);
    }
    points
}

/// Settings of [`alerts`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlertParams {
    pub period: Period,
    /// How many preceding periods form a dyad's baseline.
    pub window: usize,
    /// How many standard deviations above the baseline mean a period must be.
    pub k: f64,
    /// The least material-conflict events (or conflict events, for the Goldstein test) a period needs to alert.
    pub min_events: u32,
    /// Only report periods starting on or after this date (`YYYY-MM-DD`); baselines still use older periods.
    pub since: Option<String>,
    pub key: NodeKey,
}

impl Default for AlertParams {
    fn default() -> Self {
        AlertParams {
            period: Period::Week,
            window: 8,
            k: 2.0,
            min_events: 3,
            since: None,
            key: NodeKey::Country,
        }
    }
}

/// An event that made an alert, with the article to read.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub event_id: i64,
    pub article_id: String,
    pub date: Option<String>,
    pub source: String,
    pub target: String,
    pub code: String,
    pub name: String,
    pub goldstein: f64,
    pub trigger: String,
}

/// A dyad whose conflict in one period rose above its own baseline.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alert {
    /// The two actors, in sorted order (an alert is about the dyad, both directions).
    pub dyad: (String, String),
    pub period: String,
    pub start: String,
    /// Material-conflict events (quad class 4) in the period.
    pub material_conflict: u32,
    pub baseline_mean: f64,
    pub baseline_sd: f64,
    /// Goldstein sum of all the dyad's events in the period.
    pub goldstein_sum: f64,
    pub goldstein_baseline_mean: f64,
    pub goldstein_baseline_sd: f64,
    /// Which tests fired: `material_conflict`, `goldstein`.
    pub reasons: Vec<String>,
    /// The conflict events (quad 3 and 4) of the period, most negative Goldstein first.
    pub evidence: Vec<Evidence>,
}

/// The smallest standard deviations a baseline gets: a flat history (all zeros) would otherwise make a single
/// event an alert. One event for counts; one maximal conflict event (-10) for Goldstein sums.
const MIN_COUNT_SD: f64 = 1.0;
const MIN_GOLDSTEIN_SD: f64 = 10.0;

fn mean_sd(values: &[f64]) -> (f64, f64) {
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let var = values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n;
    (mean, var.sqrt())
}

/// Dyads whose conflict rises above their own rolling baseline. Per unordered dyad and period, two tests
/// against the `window` preceding periods (periods without events count as zero, from the first period of
/// any event on): material-conflict count > mean + k·sd, or Goldstein sum < mean − k·sd (more negative is
/// more conflict). A period must also have at least `min_events` events of the tested kind. Sorted by period,
/// then dyad.
pub fn alerts(events: &[EventRow], params: &AlertParams) -> Vec<Alert> {
    // dyad -> period start -> (material conflict count, goldstein sum, conflict events)
    type Cell<'e> = (u32, f64, Vec<&'e EventRow>);
    let mut dyads: BTreeMap<(String, String), BTreeMap<NaiveDate, Cell>> = BTreeMap::new();
    let mut first_period: Option<NaiveDate> = None;
    let mut last_period: Option<NaiveDate> = None;
    for event in events.iter().filter(|e| !e.negated) {
        let Some(target) = &event.target else { continue };
        let Some(date) = event.date.as_deref().and_then(parse_date) else {
            continue;
        };
        let (s, t) = (params.key.of(&event.source), params.key.of(target));
        if s == t {
            continue;
        }
        let dyad = if s < t {
            (s.to_string(), t.to_string())
        } else {
            (t.to_string(), s.to_string())
        };
        let start = params.period.start_of(date);
        first_period = Some(first_period.map_or(start, |f| f.min(start)));
        last_period = Some(last_period.map_or(start, |l| l.max(start)));
        let cell = dyads
            .entry(dyad)
            .or_default()
            .entry(start)
            .or_insert_with(|| (0, 0.0, Vec::new()));
        if event.quad_class == 4 {
            cell.0 += 1;
        }
        cell.1 += event.goldstein;
        if event.quad_class >= 3 {
            cell.2.push(event);
        }
    }
    let (Some(first), Some(last)) = (first_period, last_period) else {
        return Vec::new();
    };
    let mut periods = Vec::new();
    let mut start = first;
    while start <= last {
        periods.push(start);
        start = params.period.next(start);
    }
    let since = params.since.as_deref().and_then(parse_date);
    let window = params.window.max(1);
    let mut found = Vec::new();
    for (dyad, cells) in &dyads {
        let counts: Vec<f64> = periods
            .iter()
            .map(|p| cells.get(p).map_or(0.0, |c| f64::from(c.0)))
            .collect();
        let sums: Vec<f64> = periods.iter().map(|p| cells.get(p).map_or(0.0, |c| c.1)).collect();
        for (i, period) in periods.iter().enumerate().skip(window) {
            if since.is_some_and(|s| *period < s) {
                continue;
            }
            let Some(cell) = cells.get(period) else { continue };
            let (count_mean, count_sd) = mean_sd(&counts[i - window..i]);
            let (sum_mean, sum_sd) = mean_sd(&sums[i - window..i]);
            let mut reasons = Vec::new();
            if cell.0 >= params.min_events && counts[i] > count_mean + params.k * count_sd.max(MIN_COUNT_SD) {
                reasons.push("material_conflict".to_string());
            }
            if cell.2.len() >= params.min_events as usize
                && sums[i] < sum_mean - params.k * sum_sd.max(MIN_GOLDSTEIN_SD)
            {
                reasons.push("goldstein".to_string());
            }
            if reasons.is_empty() {
                continue;
            }
            let mut evidence: Vec<Evidence> = cell
                .2
                .iter()
                .map(|e| Evidence {
                    event_id: e.event_id,
                    article_id: e.article_id.clone(),
                    date: e.date.clone(),
                    source: e.source.code.clone(),
                    target: e.target.as_ref().map(|t| t.code.clone()).unwrap_or_default(),
                    code: e.code.clone(),
                    name: e.name.clone(),
                    goldstein: e.goldstein,
                    trigger: e.trigger.text.clone(),
                })
                .collect();
            evidence.sort_by(|x, y| x.goldstein.total_cmp(&y.goldstein).then(x.event_id.cmp(&y.event_id)));
            found.push(Alert {
                dyad: dyad.clone(),
                period: params.period.label(*period),
                start: iso_day(*period),
                material_conflict: cell.0,
                baseline_mean: count_mean,
                baseline_sd: count_sd,
                goldstein_sum: cell.1,
                goldstein_baseline_mean: sum_mean,
                goldstein_baseline_sd: sum_sd,
                reasons,
                evidence,
            });
        }
    }
    found.sort_by(|x, y| x.start.cmp(&y.start).then_with(|| x.dyad.cmp(&y.dyad)));
    found
}

/// An actor in the interaction graph.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    pub id: String,
    /// Events the actor is source or target of.
    pub events: u32,
}

/// Directed interactions from one actor to another.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    pub source: String,
    pub target: String,
    pub events: u32,
    pub quad: [u32; 4],
    pub goldstein_mean: f64,
}

/// The actor interaction graph.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Network {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

/// The directed actor graph of events on or after `since` (`YYYY-MM-DD`; events without a date are left out
/// when `since` is given). Self-loops (RUSGOV → RUSMIL under [`NodeKey::Country`]) are left out.
pub fn network(events: &[EventRow], since: Option<&str>, key: NodeKey) -> Network {
    let since = since.and_then(parse_date);
    let mut edges: BTreeMap<(&str, &str), DirectionStats> = BTreeMap::new();
    for event in events.iter().filter(|e| !e.negated) {
        let Some(target) = &event.target else { continue };
        if let Some(since) = since
            && event.date.as_deref().and_then(parse_date).is_none_or(|d| d < since)
        {
            continue;
        }
        let (s, t) = (key.of(&event.source), key.of(target));
        if s == t {
            continue;
        }
        edges.entry((s, t)).or_default().add(event);
    }
    let mut nodes: BTreeMap<&str, u32> = BTreeMap::new();
    for ((s, t), stats) in &edges {
        *nodes.entry(s).or_default() += stats.events;
        *nodes.entry(t).or_default() += stats.events;
    }
    Network {
        nodes: nodes
            .into_iter()
            .map(|(id, events)| Node {
                id: id.to_string(),
                events,
            })
            .collect(),
        edges: edges
            .into_iter()
            .map(|((s, t), stats)| Edge {
                source: s.to_string(),
                target: t.to_string(),
                events: stats.events,
                quad: stats.quad,
                goldstein_mean: stats.goldstein_mean.unwrap_or(0.0),
            })
            .collect(),
    }
}

fn dot_id(id: &str) -> String {
    format!("\"{}\"", id.replace('\\', "\\\\").replace('"', "\\\""))
}

impl Network {
    /// Drops edges with fewer than `min_events` events, and the nodes left without an edge.
    pub fn retain_min_events(&mut self, min_events: u32) {
        if min_events <= 1 {
            return;
        }
        self.edges.retain(|e| e.events >= min_events);
        let used: std::collections::BTreeSet<&str> = self
            .edges
            .iter()
            .flat_map(|e| [e.source.as_str(), e.target.as_str()])
            .collect();
        let keep: Vec<bool> = self.nodes.iter().map(|n| used.contains(n.id.as_str())).collect();
        let mut keep = keep.into_iter();
        self.nodes.retain(|_| keep.next().unwrap_or(false));
    }

    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).expect("a network serialises")
    }

    /// GraphViz DOT: edge width grows with the event count, colour goes from red (conflict, Goldstein < 0)
    /// to green (cooperation); labels show `count / mean Goldstein`.
    pub fn to_dot(&self) -> String {
        let mut dot = String::from("digraph detente {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n");
        let max_events = self.edges.iter().map(|e| e.events).max().unwrap_or(1).max(1);
        for node in &self.nodes {
            let _ = writeln!(
                dot,
                "  {} [label=\"{} ({})\"];",
                dot_id(&node.id),
                node.id.replace('"', "'"),
                node.events
            );
        }
        for edge in &self.edges {
            let width = 1.0 + 4.0 * f64::from(edge.events) / f64::from(max_events);
            let color = if edge.goldstein_mean < -1.0 {
                "firebrick"
            } else if edge.goldstein_mean > 1.0 {
                "forestgreen"
            } else {
                "gray40"
            };
            let _ = writeln!(
                dot,
                "  {} -> {} [label=\"{} / {:.1}\", weight={}, penwidth={:.2}, color={}];",
                dot_id(&edge.source),
                dot_id(&edge.target),
                edge.events,
                edge.goldstein_mean,
                edge.events,
                width,
                color
            );
        }
        dot.push_str("}\n");
        dot
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_and_written_as_chrono_does() {
        let chrono_parse = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        for text in [
            "2023-02-28",
            "2023-02-29",
            "2024-02-29",
            "2023-13-01",
            "2023-00-10",
            "2023-04-31",
            "0000-01-01",
            "9999-12-31",
            "2023-1-05",
            "2023-01-5",
            "+2023-01-05",
            "2023/01/05",
            "2023-01-05 ",
            "20230105",
            "2O23-01-05",
            "",
            "2023-01-0x",
            "٢٠٢٣-01-05",
        ] {
            assert_eq!(parse_date(text), chrono_parse(text), "{text:?}");
        }
        let mut day = NaiveDate::from_ymd_opt(1998, 12, 20).unwrap();
        for _ in 0..800 {
            let text = day.format("%Y-%m-%d").to_string();
            assert_eq!(iso_day(day), text);
            assert_eq!(parse_date(&text), Some(day));
            assert_eq!(Period::Month.label(day), day.format("%Y-%m").to_string());
            day = day + Days::new(3);
        }
        for (y, m, d) in [(0, 1, 1), (7, 3, 9), (10000, 1, 1), (-44, 3, 15)] {
            let day = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(iso_day(day), day.format("%Y-%m-%d").to_string());
            assert_eq!(Period::Month.label(day), day.format("%Y-%m").to_string());
        }
    }

    fn actor(code: &str) -> Actor {
        Actor {
            code: code.into(),
            country: (code.len() >= 3 && code != "NATO").then(|| code[..3].to_string()),
            org: (code == "NATO").then(|| "NATO".to_string()),
            ..Actor::default()
        }
    }

    fn event(id: i64, date: &str, source: &str, target: &str, code: &str, goldstein: f64, quad: u8) -> EventRow {
        EventRow {
            event_id: id,
            article_id: format!("art-{id}"),
            date: (!date.is_empty()).then(|| date.to_string()),
            publisher: None,
            url: None,
            duplicate_of: None,
            sentence: 0,
            paragraph: Some(0),
            source: actor(source),
            target: (!target.is_empty()).then(|| actor(target)),
            code: code.into(),
            root: code[..2].into(),
            name: format!("code {code}"),
            goldstein,
            quad_class: quad,
            plover: None,
            negated: false,
            factual: true,
            quote: None,
            location: None,
            trigger: Trigger {
                start: 0,
                end: 4,
                text: "word".into(),
            },
            rule: "test".into(),
            coder_version: "t".into(),
            dictionary_set: "d".into(),
            title: None,
            sentence_text: None,
            index: 0,
            goldstein_table: None,
            ingested_at: None,
        }
    }

    #[test]
    fn actor_prefix_matches_code_country_or_org() {
        let gov = actor("RUSGOV");
        assert!(actor_matches(&gov, "RUS"));
        assert!(
            !actor_matches(&gov, "rusgov"),
            "lower case is a name, and this actor has none"
        );
        let named = Actor {
            name: Some("Vladimir Putin".into()),
            ..gov.clone()
        };
        assert!(actor_matches(&named, "putin"));
        assert!(actor_matches(&named, "Vladimir Putin"));
        assert!(!actor_matches(&named, "Zelensky"));
        assert!(!actor_matches(&gov, "UKR"));
        assert!(!actor_matches(&gov, "RUSGOVX"));
        assert!(actor_matches(&actor("NATO"), "NAT"));
    }

    #[test]
    fn periods_start_and_label() {
        let d = parse_date("2022-02-24").unwrap(); // a Thursday
        assert_eq!(Period::Week.start_of(d).to_string(), "2022-02-21");
        assert_eq!(Period::Week.label(Period::Week.start_of(d)), "2022-W08");
        assert_eq!(Period::Month.label(Period::Month.start_of(d)), "2022-02");
        assert_eq!(Period::Month.next(Period::Month.start_of(d)).to_string(), "2022-03-01");
        // ISO week year differs from the calendar year at the turn of the year.
        let jan1 = parse_date("2021-01-01").unwrap();
        assert_eq!(Period::Week.label(Period::Week.start_of(jan1)), "2020-W53");
    }

    #[test]
    fn trend_counts_both_directions_and_fills_gaps() {
        let events = vec![
            event(1, "2022-02-01", "RUSMIL", "UKR", "190", -10.0, 4),
            event(2, "2022-02-01", "RUSGOV", "UKRGOV", "111", -2.0, 3),
            event(3, "2022-02-03", "UKRGOV", "RUSGOV", "036", 4.0, 1),
            event(4, "2022-02-03", "USAGOV", "UKRGOV", "070", 7.0, 2), // not the dyad
            event(5, "", "RUSMIL", "UKR", "190", -10.0, 4),            // no date
            {
                let mut e = event(6, "2022-02-03", "RUSMIL", "UKR", "190", -10.0, 4);
                e.negated = true;
                e
            },
        ];
        let points = trend(&events, "RUS", "UKR", Period::Day);
        assert_eq!(
            points.iter().map(|p| p.period.as_str()).collect::<Vec<_>>(),
            ["2022-02-01", "2022-02-02", "2022-02-03"]
        );
        assert_eq!(points[0].a_to_b.events, 2);
        assert_eq!(points[0].a_to_b.quad, [0, 0, 1, 1]);
        assert_eq!(points[0].a_to_b.goldstein_sum, -12.0);
        assert_eq!(points[0].a_to_b.goldstein_mean, Some(-6.0));
        assert_eq!(points[0].b_to_a.events, 0);
        assert_eq!(points[1].a_to_b.events + points[1].b_to_a.events, 0);
        assert_eq!(points[2].b_to_a.quad, [1, 0, 0, 0]);
        assert_eq!(points[2].a_to_b.events, 0, "negated event skipped");
        let monthly = trend(&events, "RUS", "UKR", Period::Month);
        assert_eq!(monthly.len(), 1);
        assert_eq!(monthly[0].a_to_b.events, 2);
        assert_eq!(monthly[0].b_to_a.events, 1);
        assert!(trend(&events, "FRA", "DEU", Period::Week).is_empty());
    }

    #[test]
    fn alerts_fire_on_a_rise_above_baseline_with_evidence() {
        let mut events = Vec::new();
        let mut id = 0;
        let mut push = |events: &mut Vec<EventRow>, date: &str, s: &str, t: &str, code: &str, g: f64, q: u8| {
            id += 1;
            events.push(event(id, date, s, t, code, g, q));
        };
        // Ten days with one material-conflict event between RUS and UKR, then a day with six.
        for day in 1..=10 {
            push(
                &mut events,
                &format!("2022-02-{day:02}"),
                "RUSMIL",
                "UKRMIL",
                "190",
                -10.0,
                4,
            );
            // A steady cooperative dyad that must not alert.
            push(
                &mut events,
                &format!("2022-02-{day:02}"),
                "FRAGOV",
                "DEUGOV",
                "036",
                4.0,
                1,
            );
        }
        for _ in 0..6 {
            push(&mut events, "2022-02-11", "RUSMIL", "UKRMIL", "190", -10.0, 4);
        }
        push(&mut events, "2022-02-11", "FRAGOV", "DEUGOV", "036", 4.0, 1);
        let params = AlertParams {
            period: Period::Day,
            window: 7,
            k: 2.0,
            min_events: 3,
            ..AlertParams::default()
        };
        let found = alerts(&events, &params);
        assert_eq!(found.len(), 1, "{found:#?}");
        let alert = &found[0];
        assert_eq!(alert.dyad, ("RUS".to_string(), "UKR".to_string()));
        assert_eq!(alert.period, "2022-02-11");
        assert_eq!(alert.material_conflict, 6);
        assert_eq!(alert.baseline_mean, 1.0);
        assert!(alert.reasons.contains(&"material_conflict".to_string()));
        assert!(alert.reasons.contains(&"goldstein".to_string()));
        assert_eq!(alert.evidence.len(), 6);
        assert!(alert.evidence.iter().all(|e| e.date.as_deref() == Some("2022-02-11")));
        // A higher threshold silences it; `since` after the spike hides it.
        assert!(
            alerts(
                &events,
                &AlertParams {
                    k: 6.0,
                    ..params.clone()
                }
            )
            .is_empty()
        );
        assert!(
            alerts(
                &events,
                &AlertParams {
                    since: Some("2022-02-12".into()),
                    ..params.clone()
                }
            )
            .is_empty()
        );
        // Not enough history: no baseline, no alert.
        assert!(alerts(&events, &AlertParams { window: 20, ..params }).is_empty());
    }

    #[test]
    fn alerts_need_min_events() {
        // From zero to two attacks: above a flat baseline but under min_events = 3.
        let events = vec![
            event(1, "2022-01-01", "USAGOV", "CHNGOV", "036", 4.0, 1),
            event(2, "2022-01-09", "IRNMIL", "ISRMIL", "190", -10.0, 4),
            event(3, "2022-01-09", "IRNMIL", "ISRMIL", "190", -10.0, 4),
        ];
        let params = AlertParams {
            period: Period::Day,
            window: 5,
            ..AlertParams::default()
        };
        assert!(alerts(&events, &params).is_empty());
        let found = alerts(
            &events,
            &AlertParams {
                min_events: 2,
                k: 1.5,
                ..params
            },
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].dyad, ("IRN".to_string(), "ISR".to_string()));
        assert_eq!(
            found[0]
                .evidence
                .iter()
                .map(|e| e.article_id.as_str())
                .collect::<Vec<_>>(),
            ["art-2", "art-3"]
        );
    }

    #[test]
    fn network_weights_edges_and_renders_dot() {
        let events = vec![
            event(1, "2022-02-01", "RUSMIL", "UKRMIL", "190", -10.0, 4),
            event(2, "2022-02-02", "RUSGOV", "UKRGOV", "111", -2.0, 3),
            event(3, "2022-02-02", "UKRGOV", "RUSGOV", "036", 4.0, 1),
            event(4, "2022-02-03", "NATO", "UKRGOV", "070", 7.0, 2),
            event(5, "2021-12-31", "USAGOV", "UKRGOV", "070", 7.0, 2),
            event(6, "2022-02-03", "RUSGOV", "RUSMIL", "030", 4.0, 1),
        ];
        let net = network(&events, Some("2022-01-01"), NodeKey::Country);
        assert_eq!(
            net.nodes.iter().map(|n| n.id.as_str()).collect::<Vec<_>>(),
            ["NATO", "RUS", "UKR"]
        );
        assert_eq!(net.edges.len(), 3);
        let rus_ukr = net
            .edges
            .iter()
            .find(|e| e.source == "RUS" && e.target == "UKR")
            .unwrap();
        assert_eq!(rus_ukr.events, 2);
        assert_eq!(rus_ukr.goldstein_mean, -6.0);
        assert_eq!(rus_ukr.quad, [0, 0, 1, 1]);
        let json = net.to_json();
        assert_eq!(json["edges"][0]["source"], "NATO");
        let dot = net.to_dot();
        assert!(dot.starts_with("digraph"));
        assert!(dot.contains("\"RUS\" -> \"UKR\" [label=\"2 / -6.0\""));
        assert!(dot.contains("color=firebrick"));
        let by_code = network(&events, None, NodeKey::Code);
        assert!(
            by_code
                .edges
                .iter()
                .any(|e| e.source == "RUSGOV" && e.target == "RUSMIL")
        );
        assert!(by_code.nodes.iter().any(|n| n.id == "USAGOV"));
    }

    #[test]
    fn thin_edges_and_their_lone_nodes_are_dropped() {
        let events = vec![
            event(1, "2022-02-01", "RUSMIL", "UKRMIL", "190", -10.0, 4),
            event(2, "2022-02-02", "RUSGOV", "UKRGOV", "111", -2.0, 3),
            event(3, "2022-02-03", "NATO", "UKRGOV", "070", 7.0, 2),
        ];
        let mut net = network(&events, None, NodeKey::Country);
        assert_eq!(net.nodes.len(), 3);
        net.retain_min_events(2);
        assert_eq!(net.edges.len(), 1);
        assert_eq!(
            net.nodes.iter().map(|n| n.id.as_str()).collect::<Vec<_>>(),
            ["RUS", "UKR"]
        );
        net.retain_min_events(3);
        assert!(net.edges.is_empty() && net.nodes.is_empty());
    }

    #[test]
    fn reports_of_one_event_aggregate_as_gdelt_does() {
        let mut a = event(1, "2022-03-01", "RUSMIL", "UKR", "190", -10.0, 4);
        a.publisher = Some("Wire A".into());
        let mut b = event(2, "2022-03-01", "RUSMIL", "UKR", "190", -10.0, 4);
        b.publisher = Some("Wire B".into());
        b.paragraph = Some(3);
        // The same article reporting it twice: two mentions, one article.
        let mut c = b.clone();
        c.event_id = 3;
        let mut d = event(4, "2022-03-01", "RUSMIL", "UKR", "190", -10.0, 4);
        d.publisher = Some("Wire A".into());
        d.paragraph = Some(2);
        let other_day = event(5, "2022-03-02", "RUSMIL", "UKR", "190", -10.0, 4);
        let other_code = event(6, "2022-03-01", "RUSMIL", "UKR", "193", -10.0, 4);
        let events = aggregate(&[a, b, c, d, other_day, other_code]);
        assert_eq!(events.len(), 3);
        let first = &events[0];
        assert_eq!((first.num_mentions, first.num_articles, first.num_sources), (4, 3, 2));
        assert!(first.is_root, "a's mention is in the lead");
        assert_eq!(first.first_article, "art-1");
        assert_eq!(
            (events[1].date.as_deref(), events[1].num_mentions),
            (Some("2022-03-02"), 1)
        );
        assert_eq!(events[2].code, "193");
        let lone = aggregate(&[{
            let mut e = event(7, "2022-03-05", "FRA", "DEU", "040", 1.0, 1);
            e.paragraph = Some(4);
            e
        }]);
        assert!(!lone[0].is_root);
    }

    #[test]
    fn trends_normalised_by_article_volume() {
        let events = vec![
            event(1, "2022-03-01", "RUS", "UKR", "190", -10.0, 4),
            event(2, "2022-03-01", "RUS", "UKR", "190", -10.0, 4),
            event(3, "2022-03-02", "RUS", "UKR", "190", -10.0, 4),
        ];
        let mut points = trend(&events, "RUS", "UKR", Period::Day);
        let volume = vec![("2022-03-01".to_string(), 40), ("2022-03-02".to_string(), 4)];
        normalize_by_volume(&mut points, &volume, Period::Day);
        assert_eq!(points[0].articles, Some(40));
        assert_eq!(points[0].a_to_b.per_1000_articles, Some(50.0));
        assert_eq!(
            points[1].a_to_b.per_1000_articles,
            Some(250.0),
            "fewer events, but more per article"
        );
        assert_eq!(points[1].b_to_a.per_1000_articles, Some(0.0));
        let mut weekly = trend(&events, "RUS", "UKR", Period::Week);
        normalize_by_volume(&mut weekly, &volume, Period::Week);
        assert_eq!(weekly[0].articles, Some(44));
    }
}
