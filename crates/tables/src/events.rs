//! One row per event: the store's exports, `detente code --format csv` and the Python package's
//! `code_arrow`.

use detente_analysis::EventRow;
use detente_records::CodedArticle;

use crate::{Cell, Kind};

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

/// What coded an article, as the store records it with every event.
#[derive(Debug, Clone, Copy)]
pub struct Coding<'a> {
    pub coder_version: &'a str,
    pub dictionary_set: &'a str,
    /// `gdelt`, `icews` or `phoenix`.
    pub goldstein_table: &'a str,
}

/// The rows of a freshly coded article's events, as the store would export them: `event_id` is the
/// event's index in the article (the store numbers events across the whole database instead).
pub fn event_rows(article: &CodedArticle, coding: Coding<'_>) -> Vec<EventRow> {
    (0..article.events.len())
        .map(|i| {
            let mut row = EventRow::from_coded(article, i, coding.coder_version);
            row.dictionary_set = coding.dictionary_set.to_string();
            row.goldstein_table = Some(coding.goldstein_table.to_string());
            row
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const CODING: Coding = Coding {
        coder_version: "9.9.9",
        dictionary_set: "builtin+abc",
        goldstein_table: "icews",
    };

    #[test]
    fn every_row_fits_the_columns() {
        let article = crate::fixture::coded();
        let rows = event_rows(&article, CODING);
        assert_eq!(rows.len(), 2);
        for row in &rows {
            let cells = event_cells(row);
            assert_eq!(cells.len(), EVENT_COLUMNS.len());
            for (cell, (name, kind)) in cells.iter().zip(EVENT_COLUMNS) {
                assert!(cell.fits(*kind), "{name}: {cell:?} is not {kind:?}");
            }
        }
    }

    #[test]
    fn rows_carry_the_article_the_paragraph_and_the_callers_versions() {
        let article = crate::fixture::coded();
        let rows = event_rows(&article, CODING);
        let value = |row: &EventRow, column: &str| {
            let i = EVENT_COLUMNS.iter().position(|(name, _)| *name == column).unwrap();
            event_cells(row)[i].to_text()
        };
        assert_eq!(value(&rows[1], "event_id"), "1");
        assert_eq!(value(&rows[1], "paragraph"), "1");
        assert_eq!(value(&rows[1], "trigger_text"), "shelled");
        assert_eq!(value(&rows[1], "target_country"), "FRA");
        assert_eq!(value(&rows[0], "target_code"), "");
        assert_eq!(value(&rows[0], "publisher"), "Wire");
        assert_eq!(value(&rows[0], "date"), "2024-03-01");
        assert_eq!(value(&rows[0], "location_lat"), "");
        assert_eq!(value(&rows[0], "location_kind"), "");
        assert_eq!(value(&rows[1], "location_lat"), "48.85");
        assert_eq!(value(&rows[1], "location_admin1"), "Île-de-France");
        assert_eq!(value(&rows[1], "location_kind"), "city");
        assert_eq!(value(&rows[1], "location_via"), "context");
        assert_eq!(value(&rows[0], "coder_version"), "9.9.9");
        assert_eq!(value(&rows[0], "dictionary_set"), "builtin+abc");
        assert_eq!(value(&rows[0], "goldstein_table"), "icews");
        assert_eq!(value(&rows[1], "sentence_text"), "Later, troops shelled the port.");
    }
}
