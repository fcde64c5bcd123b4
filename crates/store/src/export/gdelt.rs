//! The GDELT 2.0 event table: the one code path of `detente code --format gdelt` and `detente export
//! --format gdelt`.
//!
//! As in GDELT, a row is an event (date, actors, CAMEO code, place) aggregated over every article that
//! reports it, with NumMentions, NumSources and NumArticles, and a GLOBALEVENTID that is a hash of that key:
//! unique in a file and the same in every run. GDELT has no negation and needs a date: negated and undated
//! events are left out and counted ([`GdeltTable::left_out`]). Actor country codes are CAMEO's (ISO 3166-1
//! alpha-3); the geography's country codes are FIPS 10-4, as GDELT writes them.

use std::io::Write;

use chrono::{DateTime, Datelike, NaiveDate};
use detente_analysis::{AggregatedEvent, Aggregator, EventRow};
use detente_records::Actor;
use xxhash_rust::xxh3::xxh3_64;

use super::LeftOut;
use crate::names;

/// A column's type in the GDELT 2.0 event codebook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GdeltType {
    Integer,
    Float,
    String,
}

use GdeltType::{Float as F, Integer as I, String as S};

/// The GDELT 2.0 event table's 61 columns with their codebook types, in order.
pub const GDELT_COLUMNS: &[(&str, GdeltType)] = &[
    ("GLOBALEVENTID", I),
    ("SQLDATE", I),
    ("MonthYear", I),
    ("Year", I),
    ("FractionDate", F),
    ("Actor1Code", S),
    ("Actor1Name", S),
    ("Actor1CountryCode", S),
    ("Actor1KnownGroupCode", S),
    ("Actor1EthnicCode", S),
    ("Actor1Religion1Code", S),
    ("Actor1Religion2Code", S),
    ("Actor1Type1Code", S),
    ("Actor1Type2Code", S),
    ("Actor1Type3Code", S),
    ("Actor2Code", S),
    ("Actor2Name", S),
    ("Actor2CountryCode", S),
    ("Actor2KnownGroupCode", S),
    ("Actor2EthnicCode", S),
    ("Actor2Religion1Code", S),
    ("Actor2Religion2Code", S),
    ("Actor2Type1Code", S),
    ("Actor2Type2Code", S),
    ("Actor2Type3Code", S),
    ("IsRootEvent", I),
    ("EventCode", S),
    ("EventBaseCode", S),
    ("EventRootCode", S),
    ("QuadClass", I),
    ("GoldsteinScale", F),
    ("NumMentions", I),
    ("NumSources", I),
    ("NumArticles", I),
    ("AvgTone", F),
    ("Actor1Geo_Type", I),
    ("Actor1Geo_FullName", S),
    ("Actor1Geo_CountryCode", S),
    ("Actor1Geo_ADM1Code", S),
    ("Actor1Geo_ADM2Code", S),
    ("Actor1Geo_Lat", F),
    ("Actor1Geo_Long", F),
    ("Actor1Geo_FeatureID", S),
    ("Actor2Geo_Type", I),
    ("Actor2Geo_FullName", S),
    ("Actor2Geo_CountryCode", S),
    ("Actor2Geo_ADM1Code", S),
    ("Actor2Geo_ADM2Code", S),
    ("Actor2Geo_Lat", F),
    ("Actor2Geo_Long", F),
    ("Actor2Geo_FeatureID", S),
    ("ActionGeo_Type", I),
    ("ActionGeo_FullName", S),
    ("ActionGeo_CountryCode", S),
    ("ActionGeo_ADM1Code", S),
    ("ActionGeo_ADM2Code", S),
    ("ActionGeo_Lat", F),
    ("ActionGeo_Long", F),
    ("ActionGeo_FeatureID", S),
    ("DATEADDED", I),
    ("SOURCEURL", S),
];

/// The header line (tab-separated, newline included).
pub fn header() -> String {
    let names: Vec<&str> = GDELT_COLUMNS.iter().map(|(name, _)| *name).collect();
    names.join("\t") + "\n"
}

/// GDELT rows being gathered: events are aggregated as they come and written by [`GdeltTable::write`].
pub struct GdeltTable {
    events: Aggregator,
    negated: u64,
    undated: u64,
    mentions: u64,
    /// DATEADDED of events whose articles have no stored time (freshly coded ones): the run's time.
    added_now: i64,
}

impl GdeltTable {
    /// `added_now`: Unix time used as DATEADDED for events not read from the store.
    pub fn new(added_now: i64) -> GdeltTable {
        GdeltTable {
            events: Aggregator::new(),
            negated: 0,
            undated: 0,
            mentions: 0,
            added_now,
        }
    }

    /// Adds one coded event (a mention); negated and undated ones are counted and left out.
    pub fn add(&mut self, row: &EventRow) {
        if row.negated {
            self.negated += 1;
        } else if row.date.as_deref().and_then(parse_date).is_none() {
            self.undated += 1;
        } else {
            self.mentions += 1;
            self.events.add(row);
        }
    }

    /// Mentions added and kept.
    pub fn mentions(&self) -> u64 {
        self.mentions
    }

    /// What was left out, and why.
    pub fn left_out(&self) -> Vec<LeftOut> {
        let mut out = Vec::new();
        if self.negated > 0 {
            out.push(LeftOut::new(
                self.negated,
                "negated (the GDELT event table has no negation: a row says the event happened)",
            ));
        }
        if self.undated > 0 {
            out.push(LeftOut::new(
                self.undated,
                "undated (GDELT's SQLDATE needs the article's date)",
            ));
        }
        out
    }

    /// Writes the rows (without the header); returns how many.
    pub fn write(self, out: &mut dyn Write) -> std::io::Result<usize> {
        let added_now = self.added_now;
        let events = self.events.finish();
        for event in &events {
            let fields: Vec<String> = row(event, added_now)
                .into_iter()
                // TSV has no quoting: tabs and line breaks inside a field would break the row.
                .map(|f| f.replace(['\t', '\n', '\r'], " "))
                .collect();
            out.write_all(fields.join("\t").as_bytes())?;
            out.write_all(b"\n")?;
        }
        Ok(events.len())
    }
}

fn parse_date(date: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()
}

/// GLOBALEVENTID: a 63-bit hash of the event key, so the same event has the same id in every run and
/// every file, and ids are positive 64-bit integers as GDELT's are.
pub fn global_event_id(event: &AggregatedEvent) -> i64 {
    let key = event.key.as_ref().map(|k| k.canonical()).unwrap_or_default();
    (xxh3_64(key.as_bytes()) & (i64::MAX as u64)) as i64
}

/// CAMEO codes in GDELT have at least three digits: a root-level code `19` is `190`.
fn full_code(code: &str) -> String {
    if code.len() == 2 {
        format!("{code}0")
    } else {
        code.to_string()
    }
}

/// CAMEO region codes: in GDELT's actor country code column, as countries are.
fn is_region(code: &str) -> bool {
    code.len() == 3 && names::role_label(code).is_some() && !is_role(code)
}

fn is_role(code: &str) -> bool {
    matches!(
        code,
        "COP"
            | "GOV"
            | "INS"
            | "JUD"
            | "MIL"
            | "OPP"
            | "REB"
            | "SEP"
            | "SPY"
            | "UAF"
            | "AGR"
            | "BUS"
            | "CRM"
            | "CVL"
            | "DEV"
            | "EDU"
            | "ELI"
            | "ENV"
            | "HLH"
            | "HRI"
            | "LAB"
            | "LEG"
            | "MED"
            | "REF"
            | "PTY"
            | "MOD"
            | "RAD"
            | "IGO"
            | "IMG"
            | "INT"
            | "MNC"
            | "NGM"
            | "NGO"
            | "UIS"
    )
}

/// GDELT's actor name: the person's or body's name, else the country's (RUSSIA for RUSGOV), else the
/// organisation or region, else the role; upper case as GDELT writes it.
pub fn actor_name(actor: &Actor) -> String {
    let name = actor
        .name
        .clone()
        .or_else(|| {
            actor
                .country
                .as_deref()
                .and_then(names::country)
                .map(|c| c.name.to_string())
        })
        .or_else(|| {
            actor.org.as_deref().map(|org| {
                names::role_label(org)
                    .filter(|_| is_region(org))
                    .unwrap_or(org)
                    .to_string()
            })
        })
        .or_else(|| actor.role.as_deref().and_then(names::role_label).map(str::to_string))
        .unwrap_or_else(|| actor.code.clone());
    name.to_uppercase()
}

/// CAMEO's code of a source the text does not name ("Gunmen killed ..."); GDELT leaves such an actor blank.
const UNIDENTIFIED: &str = "---";

fn actor_columns(actor: Option<&Actor>) -> [String; 10] {
    let Some(a) = actor.filter(|a| a.code != UNIDENTIFIED) else {
        return Default::default();
    };
    let region = a.org.as_deref().filter(|o| is_region(o));
    let group = a.org.as_deref().filter(|o| !is_region(o));
    [
        a.code.clone(),
        actor_name(a),
        a.country.as_deref().or(region).unwrap_or_default().to_string(),
        group.unwrap_or_default().to_string(),
        String::new(),
        String::new(),
        String::new(),
        a.role.clone().unwrap_or_default(),
        String::new(),
        String::new(),
    ]
}

/// One GDELT 2.0 row of an aggregated event.
pub fn row(event: &AggregatedEvent, added_now: i64) -> Vec<String> {
    let mut row = Vec::with_capacity(GDELT_COLUMNS.len());
    row.push(global_event_id(event).to_string());
    match event.date.as_deref().and_then(parse_date) {
        Some(d) => {
            row.push(d.format("%Y%m%d").to_string());
            row.push(d.format("%Y%m").to_string());
            row.push(d.year().to_string());
            let days = if d.leap_year() { 366.0 } else { 365.0 };
            // The share of the year gone before this day: 0 on 1 January, below 1 on 31 December.
            row.push(format!("{:.4}", f64::from(d.year()) + f64::from(d.ordinal0()) / days));
        }
        None => row.extend(std::iter::repeat_n(String::new(), 4)),
    }
    row.extend(actor_columns(Some(&event.source)));
    row.extend(actor_columns(event.target.as_ref()));
    row.push(if event.is_root { "1" } else { "0" }.into());
    let code = full_code(&event.code);
    row.push(code.clone());
    row.push(code.chars().take(3).collect());
    row.push(code.chars().take(2).collect());
    row.push(event.quad_class.to_string());
    row.push(format!("{:.1}", event.goldstein));
    row.push(event.num_mentions.to_string());
    row.push(event.num_sources.to_string());
    row.push(event.num_articles.to_string());
    row.push(String::new()); // AvgTone: detente does not measure tone.
    // Actor1Geo_*, Actor2Geo_*, ActionGeo_*: FIPS 10-4 country codes and GDELT geo types (the geo stage's).
    row.extend(detente_records::geo::gdelt_event_geo(
        event.source.country.as_deref(),
        event.target.as_ref().and_then(|t| t.country.as_deref()),
        event.location.as_ref(),
    ));
    let added = event.first_added.unwrap_or(added_now);
    row.push(
        DateTime::from_timestamp(added, 0)
            .map(|t| t.format("%Y%m%d%H%M%S").to_string())
            .unwrap_or_default(),
    );
    row.push(event.url.clone().unwrap_or_else(|| event.first_article.clone()));
    debug_assert_eq!(row.len(), GDELT_COLUMNS.len());
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unidentified_actor_leaves_its_columns_blank_and_a_named_one_fills_them() {
        let unnamed = Actor {
            code: "---".into(),
            ..Actor::default()
        };
        assert_eq!(actor_columns(Some(&unnamed)), <[String; 10]>::default());
        let police = Actor {
            code: "NGACOP".into(),
            country: Some("NGA".into()),
            role: Some("COP".into()),
            ..Actor::default()
        };
        let cols = actor_columns(Some(&police));
        assert_eq!(
            (cols[0].as_str(), cols[2].as_str(), cols[7].as_str()),
            ("NGACOP", "NGA", "COP")
        );
    }
}
