//! Queries: events by actor, dyad, date, code and class; quotes by speaker, actor and words; full-text search
//! over articles and quotes with ranked, highlighted snippets.

use std::collections::HashMap;

use detente_analysis::{EventFact, EventRow};
use detente_records::{Actor, Location, Trigger};
use rusqlite::types::Value;
use rusqlite::{Row, params_from_iter};
use serde::{Deserialize, Serialize};

use crate::page::Cursor;
pub use crate::search::fts_query;
use crate::search::fts_query_for;
use crate::{Error, Result, Store};
use detente_analysis::ActorPattern;

/// Filters of [`Store::events`]. Actor patterns ([`ActorPattern`]) in upper case are prefixes of an actor's
/// code, country or org (`RUS` matches `RUSGOV`, country `RUS`); others are country names (`Russia`) or part
/// of an actor's name (`Putin`). Dates are `YYYY-MM-DD`, inclusive.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EventQuery {
    pub source: Option<String>,
    pub target: Option<String>,
    /// Either side: source or target.
    #[serde(default)]
    pub actor: Option<String>,
    /// Events between the two actors, either direction.
    pub dyad: Option<(String, String)>,
    pub since: Option<String>,
    pub until: Option<String>,
    /// CAMEO root codes, inclusive (`14..20` → `(14, 20)`).
    pub root: Option<(u8, u8)>,
    /// A CAMEO code and the codes below it: `112` matches 112, 1121, 1122 ...
    #[serde(default)]
    pub code: Option<String>,
    pub plover: Option<String>,
    pub quad: Option<u8>,
    /// Only factual events (not hypothetical, conditional, asked, feared or expected).
    pub factual: bool,
    /// Leave out negated events ("did not attack").
    pub exclude_negated: bool,
    /// Count near-duplicate articles too (by default only the first copy of a story counts).
    pub include_duplicates: bool,
    pub article: Option<String>,
    pub limit: Option<usize>,
    /// Newest first (by article date, undated last) instead of oldest first.
    #[serde(default)]
    pub newest_first: bool,
    /// Events located in this country (ISO 3166 alpha-3).
    #[serde(default)]
    pub country: Option<String>,
    /// Events located within a distance of a point.
    #[serde(default)]
    pub near: Option<Near>,
}

/// A circle on the Earth: events whose location lies within `km` of (`lat`, `lon`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Near {
    pub lat: f64,
    pub lon: f64,
    pub km: f64,
}

impl Near {
    /// Parses "50.45,30.52,100km" (the unit may be km, mi or m; km when none).
    pub fn parse(text: &str) -> std::result::Result<Near, String> {
        let parts: Vec<&str> = text.split(',').map(str::trim).collect();
        let [lat, lon, radius] = parts[..] else {
            return Err(format!("{text:?}: expected LAT,LON,RADIUS such as 50.45,30.52,100km"));
        };
        let num = |s: &str, what: &str| {
            s.parse::<f64>()
                .map_err(|_| format!("{text:?}: {what} {s:?} is not a number"))
        };
        let (lat, lon) = (num(lat, "latitude")?, num(lon, "longitude")?);
        if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
            return Err(format!(
                "{text:?}: latitude must be within ±90 and longitude within ±180"
            ));
        }
        let (value, factor) = if let Some(v) = radius.strip_suffix("km") {
            (v, 1.0)
        } else if let Some(v) = radius.strip_suffix("mi") {
            (v, 1.609_344)
        } else if let Some(v) = radius.strip_suffix('m') {
            (v, 0.001)
        } else {
            (radius, 1.0)
        };
        let km = num(value.trim(), "radius")? * factor;
        if km.is_nan() || km <= 0.0 {
            return Err(format!("{text:?}: the radius must be positive"));
        }
        Ok(Near { lat, lon, km })
    }

    /// The event's location lies inside the circle.
    pub fn contains(&self, location: Option<&Location>) -> bool {
        location
            .and_then(|l| Some((l.lat?, l.lon?)))
            .is_some_and(|(lat, lon)| detente_records::geo::distance_km(self.lat, self.lon, lat, lon) <= self.km)
    }
}

/// An actor pattern with a country name turned into its code (`Russia` → `RUS`, `ukraine` → `UKR`); other
/// patterns as they are. What the store matches by, and what analysis should be handed.
pub fn resolve_actor(pattern: &str) -> String {
    match ActorPattern::parse(pattern) {
        ActorPattern::Name(name) => match crate::names::country_by_name(name) {
            Some(country) => country.iso3.to_string(),
            None => name.to_string(),
        },
        ActorPattern::Code(code) => code.to_string(),
    }
}

/// A quote with its article's metadata.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteRow {
    pub quote_id: i64,
    pub article_id: String,
    pub date: Option<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub kind: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub cue: Option<String>,
    pub speaker_name: Option<String>,
    pub speaker_code: Option<String>,
    pub speaker_country: Option<String>,
    pub speaker_org: Option<String>,
    pub speaker_role: Option<String>,
}

/// Filters of [`Store::quotes`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QuoteQuery {
    /// Part of the speaker's name, case-insensitive (`Stoltenberg`).
    pub speaker: Option<String>,
    /// Prefix of the speaker's actor code, country or org.
    pub actor: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    /// Words the quote must contain (full-text search, stemmed).
    pub text: Option<String>,
    pub include_duplicates: bool,
    pub limit: Option<usize>,
    /// Newest first (by article date, undated last) instead of oldest first.
    #[serde(default)]
    pub newest_first: bool,
}

/// A full-text search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchQuery {
    /// Words or `"quoted phrases"`; AND, OR, NOT and `prefix*` work as in FTS5.
    pub query: String,
    pub limit: usize,
    /// Marks put around matched words in snippets.
    pub highlight: (String, String),
    pub include_duplicates: bool,
}

impl SearchQuery {
    pub fn new(query: impl Into<String>) -> SearchQuery {
        SearchQuery {
            query: query.into(),
            limit: 20,
            highlight: ("[".into(), "]".into()),
            include_duplicates: false,
        }
    }
}

/// One ranked search result.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    /// `article` or `quote`.
    pub kind: String,
    pub article_id: String,
    pub quote_id: Option<i64>,
    pub date: Option<String>,
    /// The article's title, or the quote's speaker.
    pub title: Option<String>,
    /// bm25 rank: lower is better.
    pub score: f64,
    pub snippet: String,
}

/// A CAMEO root code or an inclusive range of them: `19` → (19, 19); `14..20` or `14-20` → (14, 20).
pub fn parse_root_range(text: &str) -> Result<(u8, u8)> {
    let parse = |s: &str| -> Result<u8> {
        let n: u8 = s.trim().parse().map_err(|_| {
            Error::Invalid(format!(
                "root {text:?}: expected a CAMEO root (1..20) or a range like 14..20"
            ))
        })?;
        if !(1..=20).contains(&n) {
            return Err(Error::Invalid(format!("root {text:?}: CAMEO roots are 01 to 20")));
        }
        Ok(n)
    };
    let (low, high) = match text.split_once("..").or_else(|| text.split_once('-')) {
        Some((a, b)) => (parse(a)?, parse(b.trim_start_matches('='))?),
        None => {
            let n = parse(text)?;
            (n, n)
        }
    };
    if low > high {
        return Err(Error::Invalid(format!("root {text:?}: the range is empty")));
    }
    Ok((low, high))
}

/// SQL conditions with their positional values.
#[derive(Default)]
struct Conditions {
    sql: Vec<String>,
    values: Vec<Value>,
}

impl Conditions {
    fn value(&mut self, v: impl Into<Value>) -> String {
        self.values.push(v.into());
        format!("?{}", self.values.len())
    }

    /// `column` starts with `prefix` (case-insensitively for ASCII), written as a range so indexes are used.
    fn prefix(&mut self, column: &str, prefix: &str) -> String {
        let upper = prefix.to_ascii_uppercase();
        match upper.chars().last() {
            Some(last) if upper.is_ascii() && last < '\x7f' => {
                let mut end = upper[..upper.len() - 1].to_string();
                end.push((last as u8 + 1) as char);
                let (a, b) = (self.value(upper.clone()), self.value(end));
                format!("({column} >= {a} AND {column} < {b})")
            }
            _ => {
                let a = self.value(upper.clone());
                format!("(upper(substr({column}, 1, {})) = {a})", upper.chars().count())
            }
        }
    }

    /// The actor on `side` (`e.source`, `e.target`, `q.speaker`) matches `pattern` ([`ActorPattern`]).
    fn actor(&mut self, side: &str, pattern: &str) -> String {
        let resolved = resolve_actor(pattern);
        match ActorPattern::parse(&resolved) {
            ActorPattern::Code(code) => {
                let code_sql = self.prefix(&format!("{side}_code"), code);
                let country = self.prefix(&format!("{side}_country"), code);
                let org = self.prefix(&format!("{side}_org"), code);
                format!("({code_sql} OR {country} OR {org})")
            }
            ActorPattern::Name(name) => {
                let v = self.value(format!("%{}%", like_escape(name)));
                format!("({side}_name LIKE {v} ESCAPE '\\')")
            }
        }
    }

    /// Rows after `cursor` in the order `date IS NULL, date, pk` of the table aliased `alias` (with
    /// `newest_first`: `date IS NULL, date DESC, pk DESC`; undated rows come last either way).
    fn after(&mut self, alias: &str, cursor: &Cursor, newest_first: bool) -> String {
        let pk = self.value(cursor.key);
        let later = if newest_first { "<" } else { ">" };
        match &cursor.date {
            Some(date) => {
                let d = self.value(date.clone());
                format!(
                    "({alias}.date {later} {d} OR ({alias}.date = {d} AND {alias}.pk {later} {pk}) OR {alias}.date IS NULL)"
                )
            }
            None => format!("({alias}.date IS NULL AND {alias}.pk {later} {pk})"),
        }
    }

    fn push(&mut self, sql: String) {
        self.sql.push(sql);
    }

    fn where_clause(&self) -> String {
        if self.sql.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.sql.join(" AND "))
        }
    }
}

/// `text` for a LIKE pattern with `\\` as the escape character.
fn like_escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

const EVENT_SELECT: &str = "SELECT e.pk, a.id, e.date, a.source, a.url, a.duplicate_of, e.sentence, s.paragraph, \
    e.source_code, e.source_country, e.source_org, e.source_role, e.source_name, \
    e.target_code, e.target_country, e.target_org, e.target_role, e.target_name, \
    e.code, e.root, e.name, e.goldstein, e.quad_class, e.plover, e.negated, e.factual, e.quote, \
    e.location_name, e.location_country, e.location_lat, e.location_lon, \
    e.trigger_start, e.trigger_end, e.trigger_text, e.rule, e.coder_version, e.dictionary_set, e.location, \
    a.title, CAST(substr(CAST(a.text AS BLOB), s.start + 1, s.\"end\" - s.start) AS TEXT), e.idx, e.goldstein_table, \
    a.ingested_at \
    FROM events e JOIN articles a ON a.pk = e.article \
    LEFT JOIN sentences s ON s.article = e.article AND s.idx = e.sentence";

const FACT_SELECT: &str = "SELECT e.pk, e.date, e.source_code, e.source_country, e.source_org, e.source_role, \
    e.source_name, e.target_code, e.target_country, e.target_org, e.target_role, e.target_name, e.goldstein, \
    e.quad_class, e.negated FROM events e";

fn fact_row(row: &Row) -> rusqlite::Result<EventFact> {
    let target_code: Option<String> = row.get(7)?;
    Ok(EventFact {
        event_id: row.get(0)?,
        date: row.get(1)?,
        source: Actor {
            code: row.get(2)?,
            country: row.get(3)?,
            org: row.get(4)?,
            role: row.get(5)?,
            name: row.get(6)?,
        },
        target: match target_code {
            Some(code) => Some(Actor {
                code,
                country: row.get(8)?,
                org: row.get(9)?,
                role: row.get(10)?,
                name: row.get(11)?,
            }),
            None => None,
        },
        goldstein: row.get(12)?,
        quad_class: row.get::<_, i64>(13)? as u8,
        negated: row.get(14)?,
    })
}

fn event_row(row: &Row) -> rusqlite::Result<EventRow> {
    let target_code: Option<String> = row.get(13)?;
    let location_name: Option<String> = row.get(27)?;
    Ok(EventRow {
        event_id: row.get(0)?,
        article_id: row.get(1)?,
        date: row.get(2)?,
        publisher: row.get(3)?,
        url: row.get(4)?,
        duplicate_of: row.get(5)?,
        sentence: row.get::<_, i64>(6)? as usize,
        paragraph: row.get::<_, Option<i64>>(7)?.map(|p| p as usize),
        source: Actor {
            code: row.get(8)?,
            country: row.get(9)?,
            org: row.get(10)?,
            role: row.get(11)?,
            name: row.get(12)?,
        },
        target: match target_code {
            Some(code) => Some(Actor {
                code,
                country: row.get(14)?,
                org: row.get(15)?,
                role: row.get(16)?,
                name: row.get(17)?,
            }),
            None => None,
        },
        code: row.get(18)?,
        root: row.get(19)?,
        name: row.get(20)?,
        goldstein: row.get(21)?,
        quad_class: row.get::<_, i64>(22)? as u8,
        plover: row.get(23)?,
        negated: row.get(24)?,
        factual: row.get(25)?,
        quote: row.get::<_, Option<i64>>(26)?.map(|q| q as usize),
        location: match (location_name, row.get::<_, Option<String>>(37)?) {
            (_, Some(json)) => serde_json::from_str(&json).ok(),
            (Some(name), None) => Some(Location {
                name,
                country: row.get(28)?,
                lat: row.get(29)?,
                lon: row.get(30)?,
                ..Location::default()
            }),
            (None, None) => None,
        },
        trigger: Trigger {
            start: row.get::<_, i64>(31)? as usize,
            end: row.get::<_, i64>(32)? as usize,
            text: row.get(33)?,
        },
        rule: row.get(34)?,
        coder_version: row.get(35)?,
        dictionary_set: row.get(36)?,
        title: row.get(38)?,
        sentence_text: row.get(39)?,
        index: row.get::<_, i64>(40)? as usize,
        goldstein_table: row.get(41)?,
        ingested_at: row.get(42)?,
    })
}

impl Store {
    /// The side of a dyad that names fewer events, when it names so few that finding its events through the
    /// actor indexes beats reading every event (None: read them all). Counting stops at a cap, so the probe
    /// costs at most a few thousand index entries however busy an actor is. A name pattern (`Putin`) has no
    /// index and counts as busy.
    fn rarer_side<'p>(&self, a: &'p str, b: &'p str) -> Result<Option<&'p str>> {
        const CAP: usize = 4000;
        let entries = |pattern: &str, cap: usize| -> Result<usize> {
            match ActorPattern::parse(&resolve_actor(pattern)) {
                ActorPattern::Code(code) => self.actor_event_entries(code, cap),
                ActorPattern::Name(_) => Ok(cap),
            }
        };
        let size_a = entries(a, CAP)?;
        let size_b = entries(b, size_a.min(CAP))?;
        Ok(match (size_a < CAP, size_b < size_a.min(CAP)) {
            (_, true) => Some(b),
            (true, false) => Some(a),
            (false, false) => None,
        })
    }

    /// Index entries naming `pattern` on either side (code, country, org), counted up to `cap`.
    fn actor_event_entries(&self, pattern: &str, cap: usize) -> Result<usize> {
        let mut total = 0;
        for column in [
            "source_code",
            "source_country",
            "source_org",
            "target_code",
            "target_country",
            "target_org",
        ] {
            if total >= cap {
                break;
            }
            let mut c = Conditions::default();
            let range = c.prefix(column, pattern);
            let left = c.value((cap - total) as i64);
            let sql = format!("SELECT count(*) FROM (SELECT 1 FROM events WHERE {range} LIMIT {left})");
            let n: i64 = self
                .conn
                .prepare_cached(&sql)?
                .query_row(params_from_iter(c.values), |r| r.get(0))?;
            total += n as usize;
        }
        Ok(total)
    }

    fn event_sql(&self, query: &EventQuery, after: Option<&Cursor>) -> Result<(String, Vec<Value>)> {
        let mut c = self.event_conditions(query, after)?;
        let order = if query.newest_first {
            "e.date IS NULL, e.date DESC, e.pk DESC"
        } else {
            "e.date IS NULL, e.date, e.pk"
        };
        let filter = c.where_clause();
        // With --near the limit counts rows that pass the distance test, after SQL.
        let sql = match query.limit.filter(|_| query.near.is_none()) {
            // The page's events are chosen from the events table alone, and only they are then read with their
            // article and sentence text: sorting every matching event's full row (sentence text included) to
            // keep a hundred made a busy dyad's page several times slower.
            Some(limit) => {
                let limit = c.value(limit as i64);
                format!(
                    "{EVENT_SELECT} WHERE e.pk IN (SELECT e.pk FROM events e {filter} ORDER BY {order} LIMIT {limit}) \
                     ORDER BY {order}"
                )
            }
            None => format!("{EVENT_SELECT} {filter} ORDER BY {order}"),
        };
        Ok((sql, c.values))
    }

    /// How many events match `query` (its limit aside).
    pub fn count_events(&self, query: &EventQuery) -> Result<u64> {
        if query.near.is_some() {
            // The distance test runs on the rows.
            let query = EventQuery {
                limit: None,
                ..query.clone()
            };
            return Ok(self.for_each_event(&query, |_| Ok(()))? as u64);
        }
        let c = self.event_conditions(query, None)?;
        let sql = format!("SELECT count(*) FROM events e {}", c.where_clause());
        let n: i64 = self.conn.query_row(&sql, params_from_iter(c.values), |r| r.get(0))?;
        Ok(n as u64)
    }

    /// The SQL conditions of `query`, after a cursor in the query's order.
    fn event_conditions(&self, query: &EventQuery, after: Option<&Cursor>) -> Result<Conditions> {
        let mut c = Conditions::default();
        if let Some(after) = after {
            let sql = c.after("e", after, query.newest_first);
            c.push(sql);
        }
        if let Some(source) = query.source.as_deref().filter(|s| !s.is_empty()) {
            let sql = c.actor("e.source", source);
            c.push(sql);
        }
        if let Some(target) = query.target.as_deref().filter(|s| !s.is_empty()) {
            let sql = c.actor("e.target", target);
            c.push(sql);
        }
        if let Some(actor) = query.actor.as_deref().filter(|s| !s.is_empty()) {
            let (s, t) = (c.actor("e.source", actor), c.actor("e.target", actor));
            c.push(format!("({s} OR {t})"));
        }
        if let Some((a, b)) = &query.dyad {
            let (sa, tb) = (c.actor("e.source", a), c.actor("e.target", b));
            let (sb, ta) = (c.actor("e.source", b), c.actor("e.target", a));
            c.push(format!("(({sa} AND {tb}) OR ({sb} AND {ta}))"));
            // The same events, said so SQLite can gather them from six index ranges of the rarer actor
            // instead of testing every event.
            if let Some(rare) = self.rarer_side(a, b)? {
                let (s, t) = (c.actor("e.source", rare), c.actor("e.target", rare));
                c.push(format!("({s} OR {t})"));
            }
        }
        if let Some(since) = &query.since {
            let v = c.value(since.clone());
            c.push(format!("e.date >= {v}"));
        }
        if let Some(until) = &query.until {
            let v = c.value(until.clone());
            c.push(format!("e.date <= {v}"));
        }
        if let Some((low, high)) = query.root {
            let (l, h) = (c.value(format!("{low:02}")), c.value(format!("{high:02}")));
            c.push(format!("e.root BETWEEN {l} AND {h}"));
        }
        if let Some(code) = query.code.as_deref().filter(|s| !s.is_empty()) {
            let sql = c.prefix("e.code", code);
            c.push(sql);
        }
        if let Some(plover) = &query.plover {
            let v = c.value(plover.to_ascii_uppercase());
            c.push(format!("e.plover = {v}"));
        }
        if let Some(quad) = query.quad {
            let v = c.value(i64::from(quad));
            c.push(format!("e.quad_class = {v}"));
        }
        if query.factual {
            c.push("e.factual = 1".into());
        }
        if query.exclude_negated {
            c.push("e.negated = 0".into());
        }
        // Conditions on the article go through its indexes, not its row: `duplicate_of` is stored after the
        // text, so reading it per event followed the text's overflow pages. The copies are few (read once per
        // query from the duplicate_of index), and a query that needs no article column reads no article row.
        if !query.include_duplicates {
            c.push("e.article NOT IN (SELECT pk FROM articles WHERE duplicate_of IS NOT NULL)".into());
        }
        if let Some(article) = &query.article {
            let v = c.value(article.clone());
            c.push(format!("e.article IN (SELECT pk FROM articles WHERE id = {v})"));
        }
        if let Some(country) = &query.country {
            let v = c.value(country.to_ascii_uppercase());
            c.push(format!("e.location_country = {v}"));
        }
        if let Some(near) = &query.near {
            // A latitude band in SQL (indexed); the exact great-circle test runs on the rows.
            let dlat = near.km / 111.0;
            let (lo, hi) = (c.value(near.lat - dlat), c.value(near.lat + dlat));
            c.push(format!("e.location_lat BETWEEN {lo} AND {hi}"));
        }
        Ok(c)
    }
}

impl Store {
    /// Calls `each` for every event matching `query`, in date order, without loading them all.
    pub fn for_each_event(&self, query: &EventQuery, each: impl FnMut(EventRow) -> Result<()>) -> Result<usize> {
        self.for_each_event_after(query, None, each)
    }

    /// [`Store::for_each_event`] after a cursor (the key of the last event of the previous page).
    fn for_each_event_after(
        &self,
        query: &EventQuery,
        after: Option<&Cursor>,
        mut each: impl FnMut(EventRow) -> Result<()>,
    ) -> Result<usize> {
        let (sql, values) = self.event_sql(query, after)?;
        // Values are parameters, so a query of the same shape reuses its prepared statement.
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params_from_iter(values))?;
        let mut n = 0;
        while let Some(row) = rows.next()? {
            let event = event_row(row)?;
            if query.near.is_some_and(|near| !near.contains(event.location.as_ref())) {
                continue;
            }
            if query.near.is_some() && query.limit.is_some_and(|limit| n >= limit) {
                break;
            }
            each(event)?;
            n += 1;
        }
        Ok(n)
    }

    /// The events matching `query` after a cursor (the key of the last event of the previous page).
    pub(crate) fn events_after(&self, query: &EventQuery, after: Option<&Cursor>) -> Result<Vec<EventRow>> {
        let mut out = Vec::new();
        self.for_each_event_after(query, after, |row| {
            out.push(row);
            Ok(())
        })?;
        Ok(out)
    }

    /// What trends and dyad summaries read of the events matching `query` (its `limit` aside), in date order:
    /// the same events as [`Store::events`], read from the events table alone.
    pub fn event_facts(&self, query: &EventQuery) -> Result<Vec<EventFact>> {
        if query.near.is_some() {
            // The distance test needs each event's whole location.
            let query = EventQuery {
                limit: None,
                ..query.clone()
            };
            return Ok(self.events(&query)?.iter().map(EventFact::from).collect());
        }
        let c = self.event_conditions(query, None)?;
        let sql = format!(
            "{FACT_SELECT} {} ORDER BY e.date IS NULL, {}",
            c.where_clause(),
            if query.newest_first {
                "e.date DESC, e.pk DESC"
            } else {
                "e.date, e.pk"
            }
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(c.values), fact_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The events with these ids, in the order given, each once (ids of no event are left out).
    pub fn events_by_id(&self, ids: &[i64]) -> Result<Vec<EventRow>> {
        let list = serde_json::to_string(ids).expect("numbers serialise");
        let mut stmt = self.conn.prepare_cached(&format!(
            "{EVENT_SELECT} WHERE e.pk IN (SELECT value FROM json_each(?1))"
        ))?;
        let mut found: HashMap<i64, EventRow> = stmt
            .query_map([list], event_row)?
            .map(|row| row.map(|e| (e.event_id, e)))
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
    }

    /// The events matching `query`, in date order.
    pub fn events(&self, query: &EventQuery) -> Result<Vec<EventRow>> {
        let mut out = Vec::new();
        self.for_each_event(query, |row| {
            out.push(row);
            Ok(())
        })?;
        Ok(out)
    }

    /// The quotes matching `query`, by date.
    pub fn quotes(&self, query: &QuoteQuery) -> Result<Vec<QuoteRow>> {
        self.quotes_after(query, None)
    }

    /// [`Store::quotes`] after a cursor (the key of the last quote of the previous page).
    pub(crate) fn quotes_after(&self, query: &QuoteQuery, after: Option<&Cursor>) -> Result<Vec<QuoteRow>> {
        let mut c = Conditions::default();
        if let Some(after) = after {
            let sql = c.after("q", after, query.newest_first);
            c.push(sql);
        }
        if let Some(speaker) = query.speaker.as_deref().filter(|s| !s.is_empty()) {
            let v = c.value(format!("%{}%", like_escape(speaker)));
            c.push(format!("q.speaker_name LIKE {v} ESCAPE '\\'"));
        }
        if let Some(actor) = query.actor.as_deref().filter(|s| !s.is_empty()) {
            let sql = c.actor("q.speaker", actor);
            c.push(sql);
        }
        if let Some(since) = &query.since {
            let v = c.value(since.clone());
            c.push(format!("q.date >= {v}"));
        }
        if let Some(until) = &query.until {
            let v = c.value(until.clone());
            c.push(format!("q.date <= {v}"));
        }
        if let Some(text) = query.text.as_deref().filter(|s| !s.trim().is_empty()) {
            let v = c.value(format!(
                "text : ({})",
                fts_query_for(&self.conn, text, &["quotes_fts"])?
            ));
            c.push(format!(
                "q.pk IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH {v})"
            ));
        }
        if !query.include_duplicates {
            c.push("+a.duplicate_of IS NULL".into());
        }
        let mut sql = format!(
            "SELECT q.pk, a.id, q.date, a.source, a.url, q.kind, q.start, q.\"end\", q.text, q.cue, q.speaker_name, \
             q.speaker_code, q.speaker_country, q.speaker_org, q.speaker_role \
             FROM quotes q JOIN articles a ON a.pk = q.article {} ORDER BY {}",
            c.where_clause(),
            if query.newest_first {
                "q.date IS NULL, q.date DESC, q.pk DESC"
            } else {
                "q.date IS NULL, q.date, q.pk"
            }
        );
        if let Some(limit) = query.limit {
            sql.push_str(&format!(" LIMIT {limit}"));
        }
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(c.values), |row| {
            Ok(QuoteRow {
                quote_id: row.get(0)?,
                article_id: row.get(1)?,
                date: row.get(2)?,
                publisher: row.get(3)?,
                url: row.get(4)?,
                kind: row.get(5)?,
                start: row.get::<_, i64>(6)? as usize,
                end: row.get::<_, i64>(7)? as usize,
                text: row.get(8)?,
                cue: row.get(9)?,
                speaker_name: row.get(10)?,
                speaker_code: row.get(11)?,
                speaker_country: row.get(12)?,
                speaker_org: row.get(13)?,
                speaker_role: row.get(14)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Articles and quotes matching the words, best first (bm25; title matches weigh double), each with a
    /// snippet in which the matched words are marked.
    pub fn search(&self, query: &SearchQuery) -> Result<Vec<SearchHit>> {
        let fts = fts_query_for(&self.conn, &query.query, &["articles_fts", "quotes_fts"])?;
        let duplicates = if query.include_duplicates {
            ""
        } else {
            "AND +a.duplicate_of IS NULL"
        };
        let limit = query.limit as i64;
        let (open, close) = (&query.highlight.0, &query.highlight.1);
        let mut hits = Vec::new();
        {
            let mut stmt = self.conn.prepare(&format!(
                "SELECT a.id, a.date, a.title, bm25(articles_fts, 2.0, 1.0) AS score, \
                 snippet(articles_fts, -1, ?2, ?3, '…', 16) \
                 FROM articles_fts JOIN articles a ON a.pk = articles_fts.rowid \
                 WHERE articles_fts MATCH ?1 {duplicates} ORDER BY score LIMIT ?4"
            ))?;
            let rows = stmt.query_map(rusqlite::params![fts, open, close, limit], |row| {
                Ok(SearchHit {
                    kind: "article".into(),
                    article_id: row.get(0)?,
                    quote_id: None,
                    date: row.get(1)?,
                    title: row.get(2)?,
                    score: row.get(3)?,
                    snippet: row.get(4)?,
                })
            })?;
            for hit in rows {
                hits.push(hit.map_err(|e| search_error(&query.query, e))?);
            }
        }
        {
            let mut stmt = self.conn.prepare(&format!(
                "SELECT a.id, q.pk, q.date, q.speaker_name, bm25(quotes_fts) AS score, \
                 snippet(quotes_fts, 0, ?2, ?3, '…', 24) \
                 FROM quotes_fts JOIN quotes q ON q.pk = quotes_fts.rowid JOIN articles a ON a.pk = q.article \
                 WHERE quotes_fts MATCH ?1 {duplicates} ORDER BY score LIMIT ?4"
            ))?;
            let rows = stmt.query_map(rusqlite::params![fts, open, close, limit], |row| {
                Ok(SearchHit {
                    kind: "quote".into(),
                    article_id: row.get(0)?,
                    quote_id: Some(row.get(1)?),
                    date: row.get(2)?,
                    title: row.get(3)?,
                    score: row.get(4)?,
                    snippet: row.get(5)?,
                })
            })?;
            for hit in rows {
                hits.push(hit.map_err(|e| search_error(&query.query, e))?);
            }
        }
        hits.sort_by(|a, b| {
            a.score
                .total_cmp(&b.score)
                .then_with(|| a.article_id.cmp(&b.article_id))
                .then_with(|| a.quote_id.cmp(&b.quote_id))
        });
        hits.truncate(query.limit);
        Ok(hits)
    }
}

fn search_error(query: &str, e: rusqlite::Error) -> Error {
    Error::Invalid(format!("search {query:?}: {e}"))
}
