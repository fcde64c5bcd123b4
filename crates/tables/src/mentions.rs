//! One row per actor mention.

use detente_records::{CodedArticle, MentionKind, Resolution};

use crate::{Cell, Kind, int};

/// The columns of the mentions table, in order.
pub const MENTION_COLUMNS: &[(&str, Kind)] = &[
    ("mention_id", Kind::Int),
    ("article_id", Kind::Text),
    ("date", Kind::Text),
    ("start", Kind::Int),
    ("end", Kind::Int),
    ("text", Kind::Text),
    ("code", Kind::Text),
    ("country", Kind::Text),
    ("org", Kind::Text),
    ("role", Kind::Text),
    ("name", Kind::Text),
    ("via", Kind::Text),
    ("kind", Kind::Text),
    ("entity", Kind::Int),
    ("gender", Kind::Text),
    ("plural", Kind::Bool),
];

/// The `index`-th mention of the article in [`MENTION_COLUMNS`] order; `mention_id` is that index.
pub fn mention_cells(article: &CodedArticle, index: usize) -> Vec<Cell<'_>> {
    let m = &article.mentions[index];
    vec![
        int(index),
        Cell::Text(Some(&article.id)),
        Cell::Text(article.date.as_deref()),
        int(m.start),
        int(m.end),
        Cell::Text(Some(&m.text)),
        Cell::Text(Some(&m.actor.code)),
        Cell::Text(m.actor.country.as_deref()),
        Cell::Text(m.actor.org.as_deref()),
        Cell::Text(m.actor.role.as_deref()),
        Cell::Text(m.actor.name.as_deref()),
        Cell::Text(Some(resolution_name(m.via))),
        Cell::Text(Some(kind_name(m.kind))),
        int(m.entity),
        Cell::Char(m.gender),
        Cell::Bool(m.plural),
    ]
}

/// How the actor was found, as output schema v1 spells it.
fn resolution_name(via: Resolution) -> &'static str {
    match via {
        Resolution::Dictionary => "dictionary",
        Resolution::Title => "title",
        Resolution::Apposition => "apposition",
        Resolution::Coreference => "coreference",
        Resolution::Pronoun => "pronoun",
        Resolution::Context => "context",
        Resolution::Name => "name",
    }
}

/// The kind of expression, as output schema v1 spells it.
fn kind_name(kind: MentionKind) -> &'static str {
    match kind {
        MentionKind::Person => "person",
        MentionKind::Organization => "organization",
        MentionKind::Country => "country",
        MentionKind::Role => "role",
        MentionKind::Pronoun => "pronoun",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_schema_names() {
        for via in [
            Resolution::Dictionary,
            Resolution::Title,
            Resolution::Apposition,
            Resolution::Coreference,
            Resolution::Pronoun,
        ] {
            assert_eq!(serde_json::to_value(via).unwrap(), resolution_name(via));
        }
        for kind in [
            MentionKind::Person,
            MentionKind::Organization,
            MentionKind::Country,
            MentionKind::Role,
            MentionKind::Pronoun,
        ] {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind_name(kind));
        }
    }

    #[test]
    fn mention_rows_fit_the_columns() {
        let article = crate::fixture::coded();
        for i in 0..article.mentions.len() {
            let cells = mention_cells(&article, i);
            assert_eq!(cells.len(), MENTION_COLUMNS.len());
            for (cell, (name, kind)) in cells.iter().zip(MENTION_COLUMNS) {
                assert!(cell.fits(*kind), "{name}: {cell:?}");
            }
        }
        let pronoun: Vec<String> = mention_cells(&article, 1).into_iter().map(Cell::to_text).collect();
        assert_eq!(pronoun[5], "She");
        assert_eq!(pronoun[11], "pronoun");
        assert_eq!(pronoun[14], "f");
        assert_eq!(pronoun[15], "false");
    }
}
