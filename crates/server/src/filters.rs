//! Query parameters shared by the API and the dashboard, and their checks: the same filters as the CLI
//! (dyad, dates, roots, quad class, speaker, source), page sizes and cursors. Every value is checked here,
//! so the store only ever sees well-formed dates, roots and bounded strings (and binds them as parameters).

use detente_analysis::{AlertParams, NodeKey, Period, parse_date};
use detente_store::{Cursor, EventQuery, QuoteQuery, query::parse_root_range};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::ApiError;

/// Rows per page when no `limit` is given, and the most a page may hold.
pub const DEFAULT_PAGE: usize = 100;
pub const MAX_PAGE: usize = 1000;
/// The longest actor pattern, speaker or search accepted.
const MAX_TEXT: usize = 200;

/// How a table is returned.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum TableFormat {
    #[default]
    Json,
    /// Comma-separated values with a header row; the next page's cursor is in the `X-Next-Cursor` header.
    Csv,
}

/// Period length of trends and alerts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum By {
    Day,
    #[default]
    Week,
    Month,
}

impl From<By> for Period {
    fn from(by: By) -> Period {
        match by {
            By::Day => Period::Day,
            By::Week => Period::Week,
            By::Month => Period::Month,
        }
    }
}

/// The order of a listing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Order {
    /// Oldest first, by article date (undated last).
    #[default]
    Oldest,
    /// Newest first, by article date (undated last).
    Newest,
}

/// Filters of GET /v1/events.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct EventParams {
    /// Source actor: a code in upper case is a prefix of the actor's code, country or org (`RUS` matches
    /// RUSGOV and RUSMIL); a country name stands for its code (`Russia`); other text is part of the actor's
    /// name (`Putin`).
    pub source: Option<String>,
    /// Target actor, as `source`.
    pub target: Option<String>,
    /// Either side, source or target, as `source`.
    pub actor: Option<String>,
    /// Events between two actors, either direction: `RUS,UKR` or `Russia,Ukraine`.
    pub dyad: Option<String>,
    /// From this date on (YYYY-MM-DD, inclusive).
    pub since: Option<String>,
    /// Up to this date (YYYY-MM-DD, inclusive).
    pub until: Option<String>,
    /// CAMEO root code or range: `19`, `14..20`.
    pub root: Option<String>,
    /// A CAMEO code and the codes under it: `112` matches 112, 1121, 1122 ...
    pub code: Option<String>,
    /// PLOVER event type: ASSAULT, PROTEST, COOPERATE, ...
    pub plover: Option<String>,
    /// Quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    #[param(minimum = 1, maximum = 4)]
    pub quad: Option<u8>,
    /// Only factual events (not hypothetical, conditional, asked, feared or expected).
    pub factual: Option<bool>,
    /// Leave out negated events ("did not attack").
    pub no_negated: Option<bool>,
    /// Count near-duplicate copies of a story too (by default a story counts once).
    pub include_duplicates: Option<bool>,
    /// Only the events of this article.
    pub article: Option<String>,
    /// Events that happened in this country (ISO 3166 alpha-3 of the event's location): `UKR`.
    pub country: Option<String>,
    /// Events within a radius of a point: `50.45,30.52,100km` (km, mi or m).
    pub near: Option<String>,
    /// Events per page (default 100, at most 1000).
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<usize>,
    /// `next_cursor` of the previous page (of the same filters and order).
    pub cursor: Option<String>,
    /// Oldest first (the default) or newest first.
    #[param(inline)]
    pub order: Option<Order>,
    #[param(inline)]
    pub format: Option<TableFormat>,
}

/// Filters of GET /v1/quotes.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct QuoteParams {
    /// Part of the speaker's name, case-insensitive.
    pub speaker: Option<String>,
    /// Speaker's actor: a prefix of its code, country or org.
    pub actor: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    /// Words the quote must contain (stemmed full-text search; `"phrases"`, `prefix*`, AND/OR/NOT).
    pub q: Option<String>,
    pub include_duplicates: Option<bool>,
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<usize>,
    pub cursor: Option<String>,
    /// Oldest first (the default) or newest first.
    #[param(inline)]
    pub order: Option<Order>,
    #[param(inline)]
    pub format: Option<TableFormat>,
}

/// Parameters of GET /v1/search.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Words or `"quoted phrases"`; `prefix*`, AND, OR and NOT work.
    pub q: String,
    /// Results (default 20, at most 200).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<usize>,
    pub include_duplicates: Option<bool>,
    #[param(inline)]
    pub format: Option<TableFormat>,
}

/// Parameters of GET /v1/dyads/{a}/{b}/trend.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct TrendParams {
    /// Period length (default week).
    #[param(inline)]
    pub by: Option<By>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub factual: Option<bool>,
    pub include_duplicates: Option<bool>,
    #[param(inline)]
    pub format: Option<TableFormat>,
}

/// Grouping of actors in alerts and networks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Key {
    /// By country (else org, else code): RUSGOV and RUSMIL are both RUS.
    #[default]
    Country,
    /// By full actor code.
    Code,
}

impl From<Key> for NodeKey {
    fn from(key: Key) -> NodeKey {
        match key {
            Key::Country => NodeKey::Country,
            Key::Code => NodeKey::Code,
        }
    }
}

/// Parameters of GET /v1/alerts.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AlertParamsQuery {
    #[param(inline)]
    pub by: Option<By>,
    /// Baseline: this many preceding periods (default 8).
    #[param(minimum = 1, maximum = 520)]
    pub window: Option<usize>,
    /// Alert above the baseline mean + k standard deviations (default 2).
    #[param(minimum = 0, maximum = 100)]
    pub k: Option<f64>,
    /// The least conflict events a period needs (default 3).
    pub min_events: Option<u32>,
    /// Report periods from this date on (baselines still use older events).
    pub since: Option<String>,
    #[param(inline)]
    pub key: Option<Key>,
    pub factual: Option<bool>,
    pub include_duplicates: Option<bool>,
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<usize>,
    pub cursor: Option<String>,
    #[param(inline)]
    pub format: Option<TableFormat>,
}

/// Output of GET /v1/network.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum GraphFormat {
    #[default]
    Json,
    /// The edges as CSV.
    Csv,
    /// GraphViz DOT.
    Dot,
}

/// Parameters of GET /v1/network.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct NetworkParams {
    pub since: Option<String>,
    pub until: Option<String>,
    #[param(inline)]
    pub key: Option<Key>,
    /// Leave out edges with fewer events (default 1).
    pub min_events: Option<u32>,
    pub factual: Option<bool>,
    pub include_duplicates: Option<bool>,
    #[param(inline)]
    pub format: Option<GraphFormat>,
}

/// A text parameter: trimmed, empty = absent, bounded in length.
pub fn text(name: &str, value: &Option<String>) -> Result<Option<String>, ApiError> {
    let Some(value) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    if value.chars().count() > MAX_TEXT {
        return Err(ApiError::bad_request(format!(
            "{name}: longer than {MAX_TEXT} characters"
        )));
    }
    if value.chars().any(char::is_control) {
        return Err(ApiError::bad_request(format!(
            "{name}: control characters are not allowed"
        )));
    }
    Ok(Some(value.to_string()))
}

/// An exact actor code: letters, digits and a few separators, at most 32 characters.
pub fn actor_code(code: &str) -> Result<String, ApiError> {
    let code = code.trim();
    let ok = !code.is_empty()
        && code.len() <= 32
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if ok {
        Ok(code.to_string())
    } else {
        Err(ApiError::bad_request(format!(
            "actor code {code:?}: expected letters and digits, like RUSGOV or NATO"
        )))
    }
}

/// An article id: any text up to 1,000 characters (ids can be URLs), without control characters.
pub fn article_id(id: &str) -> Result<String, ApiError> {
    if id.is_empty() || id.len() > 1000 || id.chars().any(char::is_control) {
        return Err(ApiError::bad_request(
            "article id: expected 1 to 1000 characters, no control characters",
        ));
    }
    Ok(id.to_string())
}

/// A date parameter: YYYY-MM-DD.
pub fn date(name: &str, value: &Option<String>) -> Result<Option<String>, ApiError> {
    match text(name, value)? {
        Some(d) if parse_date(&d).is_none() => Err(ApiError::bad_request(format!(
            "{name} {d:?}: expected a date as YYYY-MM-DD"
        ))),
        other => Ok(other),
    }
}

/// `A,B` → (A, B).
pub fn dyad(value: &str) -> Result<(String, String), ApiError> {
    match value.split_once(',') {
        Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() && !b.contains(',') => {
            Ok((a.trim().to_string(), b.trim().to_string()))
        }
        _ => Err(ApiError::bad_request(format!(
            "dyad {value:?}: expected two actors, e.g. dyad=RUS,UKR"
        ))),
    }
}

/// A page size: default and maximum as given.
pub fn page_size(limit: Option<usize>, default: usize, max: usize) -> Result<usize, ApiError> {
    match limit {
        None => Ok(default),
        Some(n) if (1..=max).contains(&n) => Ok(n),
        Some(n) => Err(ApiError::bad_request(format!("limit {n}: expected 1 to {max}"))),
    }
}

pub fn cursor(value: &Option<String>) -> Result<Option<Cursor>, ApiError> {
    value
        .as_deref()
        .filter(|c| !c.is_empty())
        .map(|c| c.parse::<Cursor>().map_err(ApiError::from))
        .transpose()
}

fn since_until(since: &Option<String>, until: &Option<String>) -> Result<(Option<String>, Option<String>), ApiError> {
    let (since, until) = (date("since", since)?, date("until", until)?);
    if let (Some(s), Some(u)) = (&since, &until)
        && s > u
    {
        return Err(ApiError::bad_request(format!("since {s} is after until {u}")));
    }
    Ok((since, until))
}

impl EventParams {
    pub fn to_query(&self) -> Result<EventQuery, ApiError> {
        let (since, until) = since_until(&self.since, &self.until)?;
        if let Some(quad) = self.quad
            && !(1..=4).contains(&quad)
        {
            return Err(ApiError::bad_request(format!("quad {quad}: expected 1 to 4")));
        }
        Ok(EventQuery {
            source: text("source", &self.source)?,
            target: text("target", &self.target)?,
            actor: text("actor", &self.actor)?,
            dyad: text("dyad", &self.dyad)?.as_deref().map(dyad).transpose()?,
            since,
            until,
            root: text("root", &self.root)?
                .as_deref()
                .map(parse_root_range)
                .transpose()
                .map_err(ApiError::from)?,
            code: text("code", &self.code)?.map(cameo_code).transpose()?,
            plover: text("plover", &self.plover)?,
            quad: self.quad,
            factual: self.factual.unwrap_or(false),
            exclude_negated: self.no_negated.unwrap_or(false),
            include_duplicates: self.include_duplicates.unwrap_or(false),
            article: text("article", &self.article)?,
            limit: None,
            newest_first: self.order == Some(Order::Newest),
            country: text("country", &self.country)?.as_deref().map(country).transpose()?,
            near: text("near", &self.near)?
                .as_deref()
                .map(detente_store::Near::parse)
                .transpose()
                .map_err(|e| ApiError::bad_request(format!("near {e}")))?,
        })
    }
}

/// A CAMEO code (2 to 4 digits) that matches itself and the codes under it.
fn cameo_code(code: String) -> Result<String, ApiError> {
    if (2..=4).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit()) {
        Ok(code)
    } else {
        Err(ApiError::bad_request(format!(
            "code {code:?}: expected a CAMEO code of 2 to 4 digits, e.g. 112 or 190"
        )))
    }
}

/// An ISO 3166 alpha-3 country code the project knows.
fn country(code: &str) -> Result<String, ApiError> {
    let upper = code.to_ascii_uppercase();
    match detente_records::geo::country(&upper) {
        Some(_) => Ok(upper),
        None => Err(ApiError::bad_request(format!(
            "country {code:?}: expected an ISO 3166 alpha-3 country code such as UKR"
        ))),
    }
}

impl QuoteParams {
    pub fn to_query(&self) -> Result<QuoteQuery, ApiError> {
        let (since, until) = since_until(&self.since, &self.until)?;
        Ok(QuoteQuery {
            speaker: text("speaker", &self.speaker)?,
            actor: text("actor", &self.actor)?,
            since,
            until,
            text: text("q", &self.q)?,
            include_duplicates: self.include_duplicates.unwrap_or(false),
            limit: None,
            newest_first: self.order == Some(Order::Newest),
        })
    }
}

impl TrendParams {
    /// The events query behind a trend of `a` and `b`.
    pub fn to_query(&self, a: &str, b: &str) -> Result<EventQuery, ApiError> {
        let (since, until) = since_until(&self.since, &self.until)?;
        // Country names become codes here (`Russia` → `RUS`), so the trend's two directions are told apart
        // by the same patterns the store matched.
        let resolved = |name: &str, value: &str| -> Result<String, ApiError> {
            text(name, &Some(value.to_string()))?
                .map(|v| detente_store::query::resolve_actor(&v))
                .ok_or_else(|| ApiError::bad_request(format!("actor {name} is empty")))
        };
        let (a, b) = (resolved("a", a)?, resolved("b", b)?);
        Ok(EventQuery {
            dyad: Some((a, b)),
            since,
            until,
            factual: self.factual.unwrap_or(false),
            include_duplicates: self.include_duplicates.unwrap_or(false),
            ..EventQuery::default()
        })
    }
}

impl AlertParamsQuery {
    /// The alert settings and the events query they run on.
    pub fn to_params(&self) -> Result<(AlertParams, EventQuery), ApiError> {
        let defaults = AlertParams::default();
        let window = self.window.unwrap_or(defaults.window);
        if !(1..=520).contains(&window) {
            return Err(ApiError::bad_request(format!(
                "window {window}: expected 1 to 520 periods"
            )));
        }
        let k = self.k.unwrap_or(defaults.k);
        if !(0.0..=100.0).contains(&k) {
            return Err(ApiError::bad_request(format!("k {k}: expected 0 to 100")));
        }
        let params = AlertParams {
            period: self.by.unwrap_or_default().into(),
            window,
            k,
            min_events: self.min_events.unwrap_or(defaults.min_events),
            since: date("since", &self.since)?,
            key: self.key.unwrap_or_default().into(),
        };
        let query = EventQuery {
            factual: self.factual.unwrap_or(false),
            exclude_negated: true,
            include_duplicates: self.include_duplicates.unwrap_or(false),
            ..EventQuery::default()
        };
        Ok((params, query))
    }

    /// A stable key of the settings, for the cache.
    pub fn cache_key(&self) -> String {
        format!(
            "alerts:{:?}:{:?}:{:?}:{:?}:{:?}:{:?}:{:?}:{:?}",
            self.by, self.window, self.k, self.min_events, self.since, self.key, self.factual, self.include_duplicates
        )
    }
}

impl NetworkParams {
    pub fn to_query(&self) -> Result<EventQuery, ApiError> {
        let (since, until) = since_until(&self.since, &self.until)?;
        Ok(EventQuery {
            since,
            until,
            factual: self.factual.unwrap_or(false),
            exclude_negated: true,
            include_duplicates: self.include_duplicates.unwrap_or(false),
            ..EventQuery::default()
        })
    }

    pub fn cache_key(&self) -> String {
        format!(
            "network:{:?}:{:?}:{:?}:{:?}:{:?}:{:?}",
            self.since, self.until, self.key, self.min_events, self.factual, self.include_duplicates
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_are_checked_before_the_store_sees_them() {
        let ok = EventParams {
            dyad: Some(" RUS , UKR ".into()),
            root: Some("14..20".into()),
            since: Some("2022-01-01".into()),
            ..EventParams::default()
        };
        let query = ok.to_query().unwrap();
        assert_eq!(query.dyad, Some(("RUS".into(), "UKR".into())));
        assert_eq!(query.root, Some((14, 20)));
        for bad in [
            EventParams {
                since: Some("2022-13-01".into()),
                ..EventParams::default()
            },
            EventParams {
                since: Some("2022-02-01".into()),
                until: Some("2022-01-01".into()),
                ..EventParams::default()
            },
            EventParams {
                root: Some("19; DROP TABLE events".into()),
                ..EventParams::default()
            },
            EventParams {
                dyad: Some("RUS".into()),
                ..EventParams::default()
            },
            EventParams {
                quad: Some(5),
                ..EventParams::default()
            },
            EventParams {
                country: Some("Narnia".into()),
                ..EventParams::default()
            },
            EventParams {
                near: Some("north of here".into()),
                ..EventParams::default()
            },
            EventParams {
                source: Some("x".repeat(201)),
                ..EventParams::default()
            },
        ] {
            assert_eq!(bad.to_query().unwrap_err().code, "bad_request", "{bad:?}");
        }
        assert_eq!(page_size(None, 100, 1000).unwrap(), 100);
        assert!(page_size(Some(0), 100, 1000).is_err());
        assert!(page_size(Some(1001), 100, 1000).is_err());
        assert!(cursor(&Some("nonsense".into())).is_err());
        assert_eq!(cursor(&Some("2022-01-01~5".into())).unwrap().unwrap().key, 5);
    }
}
