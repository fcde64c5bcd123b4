//! What a database holds: `detente stats`, and article volumes for normalised trends.

use serde::Serialize;

use crate::{Coding, Result, Store};

/// A dyad and how many events it has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DyadCount {
    /// Source and target: country, else org, else code.
    pub source: String,
    pub target: String,
    pub events: u64,
}

/// How many articles one coding ([`Coding`]) coded; `goldstein_table` is empty where it was not recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodingCount {
    #[serde(flatten)]
    pub coding: Coding,
    pub articles: u64,
}

/// The summary of a database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub articles: u64,
    /// Articles linked to an earlier copy of their story (same or nearly the same text).
    pub duplicates: u64,
    pub events: u64,
    /// Events stated as not having happened ("did not attack").
    pub negated_events: u64,
    pub quotes: u64,
    /// The first and last article dates.
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub undated_articles: u64,
    pub undated_events: u64,
    /// The dyads with most events (first copies of stories only, negated events left out), most first.
    pub top_dyads: Vec<DyadCount>,
    /// Which codings coded the articles: more than one after a dictionary change without `detente recode`,
    /// or during an interrupted one.
    pub codings: Vec<CodingCount>,
    /// An interrupted `detente recode` to resume, with the coding it was applying.
    pub pending_recode: Option<Coding>,
    pub schema_version: u32,
}

impl Store {
    /// The summary of the database; `top` dyads at most.
    pub fn stats(&self, top: usize) -> Result<Stats> {
        let count = |sql: &str| -> Result<u64> { Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64) };
        let (first_date, last_date): (Option<String>, Option<String>) = self.conn.query_row(
            "SELECT min(date), max(date) FROM articles WHERE date IS NOT NULL",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let top_dyads = {
            let mut stmt = self.conn.prepare(
                "SELECT coalesce(e.source_country, e.source_org, e.source_code) AS s, \
                 coalesce(e.target_country, e.target_org, e.target_code) AS t, count(*) AS n \
                 FROM events e JOIN articles a ON a.pk = e.article \
                 WHERE e.target_code IS NOT NULL AND e.negated = 0 AND a.duplicate_of IS NULL \
                 GROUP BY s, t ORDER BY n DESC, s, t LIMIT ?1",
            )?;
            let rows = stmt.query_map([top as i64], |r| {
                Ok(DyadCount {
                    source: r.get(0)?,
                    target: r.get(1)?,
                    events: r.get::<_, i64>(2)? as u64,
                })
            })?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?
        };
        let codings = {
            let mut stmt = self.conn.prepare(
                "SELECT coder_version, dictionary_set, coalesce(goldstein_table, ''), count(*) FROM articles \
                 GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1, 2, 3",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok(CodingCount {
                    coding: Coding {
                        coder_version: r.get(0)?,
                        dictionary_set: r.get(1)?,
                        goldstein_table: r.get(2)?,
                    },
                    articles: r.get::<_, i64>(3)? as u64,
                })
            })?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?
        };
        Ok(Stats {
            articles: count("SELECT count(*) FROM articles")?,
            duplicates: count("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL")?,
            events: count("SELECT count(*) FROM events")?,
            negated_events: count("SELECT count(*) FROM events WHERE negated = 1")?,
            quotes: count("SELECT count(*) FROM quotes")?,
            first_date,
            last_date,
            undated_articles: count("SELECT count(*) FROM articles WHERE date IS NULL")?,
            undated_events: count("SELECT count(*) FROM events WHERE date IS NULL")?,
            top_dyads,
            codings,
            pending_recode: self.pending_recode()?,
            schema_version: self.schema_version()?,
        })
    }

    /// Articles per date (`YYYY-MM-DD`), in date order: the volume that normalised trends divide by. Only
    /// first copies of stories count unless `include_duplicates`.
    pub fn articles_per_day(&self, include_duplicates: bool) -> Result<Vec<(String, u64)>> {
        let filter = if include_duplicates {
            ""
        } else {
            "AND duplicate_of IS NULL"
        };
        let mut stmt = self.conn.prepare(&format!(
            "SELECT date, count(*) FROM articles WHERE date IS NOT NULL {filter} GROUP BY date ORDER BY date"
        ))?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
