//! One row per quote, with the fields of the store's quote rows (`detente quotes --format csv`).

use detente_records::{CodedArticle, QuoteKind};

use crate::{Cell, Kind, int};

/// The columns of the quotes table, in order.
pub const QUOTE_COLUMNS: &[(&str, Kind)] = &[
    ("quote_id", Kind::Int),
    ("article_id", Kind::Text),
    ("date", Kind::Text),
    ("publisher", Kind::Text),
    ("url", Kind::Text),
    ("kind", Kind::Text),
    ("start", Kind::Int),
    ("end", Kind::Int),
    ("text", Kind::Text),
    ("cue", Kind::Text),
    ("speaker_name", Kind::Text),
    ("speaker_code", Kind::Text),
    ("speaker_country", Kind::Text),
    ("speaker_org", Kind::Text),
    ("speaker_role", Kind::Text),
];

/// The `index`-th quote of the article in [`QUOTE_COLUMNS`] order; `quote_id` is that index.
pub fn quote_cells(article: &CodedArticle, index: usize) -> Vec<Cell<'_>> {
    let q = &article.quotes[index];
    let speaker = q.speaker.as_ref();
    vec![
        int(index),
        Cell::Text(Some(&article.id)),
        Cell::Text(article.date.as_deref()),
        Cell::Text(article.source.as_deref()),
        Cell::Text(article.url.as_deref()),
        Cell::Text(Some(kind_name(q.kind))),
        int(q.start),
        int(q.end),
        Cell::Text(Some(&q.text)),
        Cell::Text(q.cue.as_deref()),
        Cell::Text(speaker.and_then(|s| s.name.as_deref())),
        Cell::Text(speaker.and_then(|s| s.code.as_deref())),
        Cell::Text(speaker.and_then(|s| s.country.as_deref())),
        Cell::Text(speaker.and_then(|s| s.org.as_deref())),
        Cell::Text(speaker.and_then(|s| s.role.as_deref())),
    ]
}

/// The kind as output schema v1 spells it.
fn kind_name(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Direct => "direct",
        QuoteKind::Indirect => "indirect",
        QuoteKind::Mixed => "mixed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_are_the_schema_names() {
        for kind in [QuoteKind::Direct, QuoteKind::Indirect, QuoteKind::Mixed] {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind_name(kind));
        }
    }

    #[test]
    fn quote_rows_fit_the_columns_and_carry_the_speaker() {
        let article = crate::fixture::coded();
        let cells = quote_cells(&article, 0);
        assert_eq!(cells.len(), QUOTE_COLUMNS.len());
        for (cell, (name, kind)) in cells.iter().zip(QUOTE_COLUMNS) {
            assert!(cell.fits(*kind), "{name}: {cell:?}");
        }
        let text: Vec<String> = cells.into_iter().map(Cell::to_text).collect();
        assert_eq!(text[5], "direct");
        assert_eq!(text[8], "We will not retreat");
        assert_eq!(text[9], "said");
        assert_eq!(text[10], "Ana Brandt");
        assert_eq!(text[12], "DEU");
    }
}
