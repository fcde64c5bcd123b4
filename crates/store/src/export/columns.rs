//! The columns of the event exports that keep every field (CSV, Parquet, `detente code --format csv`).

use detente_analysis::EventRow;

/// The type of an exported column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Int,
    Real,
    Text,
    Bool,
}

/// A value of one exported column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    Int(Option<i64>),
    Real(Option<f64>),
    Text(Option<&'a str>),
    Bool(bool),
}

impl Cell<'_> {
    pub fn to_text(self) -> String {
        match self {
            Cell::Int(v) => v.map(|v| v.to_string()).unwrap_or_default(),
            Cell::Real(v) => v.map(|v| v.to_string()).unwrap_or_default(),
            Cell::Text(v) => v.unwrap_or_default().to_string(),
            Cell::Bool(v) => if v { "true" } else { "false" }.to_string(),
        }
    }
}

/// The columns of the CSV and Parquet exports, in order. New columns go at the end.
pub const EVENT_COLUMNS: &[(&str, Kind)] = &[
    ("event_id", Kind::Int),
    ("article_id", Kind::Text),
    ("date", Kind::Text),
    ("publisher", Kind::Text),
    ("url", Kind::Text),
    ("duplicate_of", Kind::Text),
    ("sentence", Kind::Int),
    ("paragraph", Kind::Int),
    ("source_code", Kind::Text),
    ("source_country", Kind::Text),
    ("source_org", Kind::Text),
    ("source_role", Kind::Text),
    ("source_name", Kind::Text),
    ("target_code", Kind::Text),
    ("target_country", Kind::Text),
    ("target_org", Kind::Text),
    ("target_role", Kind::Text),
    ("target_name", Kind::Text),
    ("code", Kind::Text),
    ("root", Kind::Text),
    ("name", Kind::Text),
    ("goldstein", Kind::Real),
    ("quad_class", Kind::Int),
    ("plover", Kind::Text),
    ("negated", Kind::Bool),
    ("factual", Kind::Bool),
    ("quote", Kind::Int),
    ("location_name", Kind::Text),
    ("location_country", Kind::Text),
    ("location_lat", Kind::Real),
    ("location_lon", Kind::Real),
    ("location_admin1", Kind::Text),
    ("location_kind", Kind::Text),
    ("location_via", Kind::Text),
    ("trigger_start", Kind::Int),
    ("trigger_end", Kind::Int),
    ("trigger_text", Kind::Text),
    ("rule", Kind::Text),
    ("coder_version", Kind::Text),
    ("dictionary_set", Kind::Text),
    ("title", Kind::Text),
    ("sentence_text", Kind::Text),
    ("goldstein_table", Kind::Text),
];

/// An event's values in [`EVENT_COLUMNS`] order.
pub fn event_cells(e: &EventRow) -> Vec<Cell<'_>> {
    let target = e.target.as_ref();
    let location = e.location.as_ref();
    vec![
        Cell::Int(Some(e.event_id)),
        Cell::Text(Some(&e.article_id)),
        Cell::Text(e.date.as_deref()),
        Cell::Text(e.publisher.as_deref()),
        Cell::Text(e.url.as_deref()),
        Cell::Text(e.duplicate_of.as_deref()),
        Cell::Int(Some(e.sentence as i64)),
        Cell::Int(e.paragraph.map(|p| p as i64)),
        Cell::Text(Some(&e.source.code)),
        Cell::Text(e.source.country.as_deref()),
        Cell::Text(e.source.org.as_deref()),
        Cell::Text(e.source.role.as_deref()),
        Cell::Text(e.source.name.as_deref()),
        Cell::Text(target.map(|t| t.code.as_str())),
        Cell::Text(target.and_then(|t| t.country.as_deref())),
        Cell::Text(target.and_then(|t| t.org.as_deref())),
        Cell::Text(target.and_then(|t| t.role.as_deref())),
        Cell::Text(target.and_then(|t| t.name.as_deref())),
        Cell::Text(Some(&e.code)),
        Cell::Text(Some(&e.root)),
        Cell::Text(Some(&e.name)),
        Cell::Real(Some(e.goldstein)),
        Cell::Int(Some(i64::from(e.quad_class))),
        Cell::Text(e.plover.as_deref()),
        Cell::Bool(e.negated),
        Cell::Bool(e.factual),
        Cell::Int(e.quote.map(|q| q as i64)),
        Cell::Text(location.map(|l| l.name.as_str())),
        Cell::Text(location.and_then(|l| l.country.as_deref())),
        Cell::Real(location.and_then(|l| l.lat)),
        Cell::Real(location.and_then(|l| l.lon)),
        Cell::Text(location.and_then(|l| l.admin1.as_deref())),
        Cell::Text(location.map(|l| l.kind.as_str())),
        Cell::Text(location.map(|l| l.via.as_str())),
        Cell::Int(Some(e.trigger.start as i64)),
        Cell::Int(Some(e.trigger.end as i64)),
        Cell::Text(Some(&e.trigger.text)),
        Cell::Text(Some(&e.rule)),
        Cell::Text(Some(&e.coder_version)),
        Cell::Text(Some(&e.dictionary_set)),
        Cell::Text(e.title.as_deref()),
        Cell::Text(e.sentence_text.as_deref()),
        Cell::Text(e.goldstein_table.as_deref()),
    ]
}
