//! An ICEWS-style event table: the columns of the public ICEWS coded event files (tab-separated, one row per
//! coded event), for `detente code --format icews` and `detente export --format icews`. ICEWS has no
//! negation and needs a date: negated and undated events are left out and counted.

use std::io::Write;

use detente_analysis::EventRow;
use detente_records::{Actor, PlaceKind};
use xxhash_rust::xxh3::xxh3_64;

use super::LeftOut;
use crate::names;

/// The columns of the ICEWS event files, in order.
pub const ICEWS_COLUMNS: &[&str] = &[
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Sectors",
    "Source Country",
    "Event Text",
    "CAMEO Code",
    "Intensity",
    "Target Name",
    "Target Sectors",
    "Target Country",
    "Story ID",
    "Sentence Number",
    "Publisher",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
];

/// The header line (tab-separated, newline included).
pub fn header() -> String {
    ICEWS_COLUMNS.join("\t") + "\n"
}

/// ICEWS's name of an actor: the person or body; an unnamed role as `Police (Russia)`; a country by name.
pub fn actor_name(actor: &Actor) -> String {
    if let Some(name) = &actor.name {
        return name.clone();
    }
    let country = actor.country.as_deref().and_then(names::country).map(|c| c.name);
    let role = actor.role.as_deref().and_then(names::role_label);
    match (role, country, &actor.org) {
        (Some(role), Some(country), _) => format!("{role} ({country})"),
        (None, Some(country), _) => country.to_string(),
        (_, None, Some(org)) => names::role_label(org).unwrap_or(org).to_string(),
        (Some(role), None, None) => role.to_string(),
        (None, None, None) => actor.code.clone(),
    }
}

fn actor_columns(actor: Option<&Actor>) -> [String; 3] {
    let Some(a) = actor else { return Default::default() };
    [
        actor_name(a),
        a.role
            .as_deref()
            .and_then(names::role_label)
            .unwrap_or_default()
            .to_string(),
        a.country
            .as_deref()
            .map(|c| names::country(c).map_or(c, |c| c.name))
            .unwrap_or_default()
            .to_string(),
    ]
}

/// A stable 63-bit id of a coded event: its article and its place among the article's events.
pub fn event_id(row: &EventRow) -> i64 {
    let key = format!("{}\u{1f}{}", row.article_id, row.index);
    (xxh3_64(key.as_bytes()) & (i64::MAX as u64)) as i64
}

/// One ICEWS-style row.
pub fn row(e: &EventRow) -> Vec<String> {
    let mut row = Vec::with_capacity(ICEWS_COLUMNS.len());
    row.push(event_id(e).to_string());
    row.push(e.date.clone().unwrap_or_default());
    let [name, sectors, country] = actor_columns(Some(&e.source));
    row.extend([name, sectors, country]);
    row.push(e.name.clone());
    row.push(e.code.clone());
    row.push(format!("{:.1}", e.goldstein));
    let [name, sectors, country] = actor_columns(e.target.as_ref());
    row.extend([name, sectors, country]);
    row.push(e.article_id.clone());
    row.push((e.sentence + 1).to_string());
    row.push(e.publisher.clone().unwrap_or_default());
    match &e.location {
        Some(l) => {
            let city = match l.kind {
                PlaceKind::City | PlaceKind::Site => l.name.clone(),
                PlaceKind::Country | PlaceKind::Region => String::new(),
            };
            row.push(city);
            row.push(String::new());
            row.push(match l.kind {
                PlaceKind::Region => l.name.clone(),
                _ => l.admin1.clone().unwrap_or_default(),
            });
            row.push(
                l.country
                    .as_deref()
                    .map(|c| names::country(c).map_or(c, |c| c.name))
                    .unwrap_or_default()
                    .to_string(),
            );
            row.push(l.lat.map(|v| format!("{v:.4}")).unwrap_or_default());
            row.push(l.lon.map(|v| format!("{v:.4}")).unwrap_or_default());
        }
        None => row.extend(std::iter::repeat_n(String::new(), 6)),
    }
    row
}

/// ICEWS rows written as they come; negated and undated events counted and left out.
#[derive(Default)]
pub struct IcewsTable {
    pub rows: usize,
    negated: u64,
    undated: u64,
}

/// ICEWS cannot hold a negated or an undated event.
pub fn fits(e: &EventRow) -> bool {
    !e.negated && e.date.as_deref().and_then(detente_analysis::parse_date).is_some()
}

/// The event's row as a tab-separated line (newline included).
pub fn line(e: &EventRow) -> String {
    let fields: Vec<String> = row(e).into_iter().map(|f| f.replace(['\t', '\n', '\r'], " ")).collect();
    fields.join("\t") + "\n"
}

impl IcewsTable {
    pub fn new() -> IcewsTable {
        IcewsTable::default()
    }

    /// Counts the event as a row or as left out; true when it fits.
    pub fn tally(&mut self, e: &EventRow) -> bool {
        if e.negated {
            self.negated += 1;
        } else if !fits(e) {
            self.undated += 1;
        } else {
            self.rows += 1;
            return true;
        }
        false
    }

    /// Writes the event's row unless it is left out.
    pub fn add(&mut self, e: &EventRow, out: &mut dyn Write) -> std::io::Result<()> {
        if self.tally(e) {
            out.write_all(line(e).as_bytes())?;
        }
        Ok(())
    }

    pub fn left_out(&self) -> Vec<LeftOut> {
        let mut out = Vec::new();
        if self.negated > 0 {
            out.push(LeftOut::new(
                self.negated,
                "negated (ICEWS has no negation: a row says the event happened)",
            ));
        }
        if self.undated > 0 {
            out.push(LeftOut::new(self.undated, "undated (ICEWS needs an event date)"));
        }
        out
    }
}
