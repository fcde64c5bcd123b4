//! Reads for the service: a stored article back as a coded article, an actor's profile, the latest
//! articles, the busiest dyads, and a version number that changes whenever another connection commits.

use detente_records::{CodedArticle, Event, Mention, Quote, SCHEMA_VERSION, Sentence, Span, Speaker};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use crate::query::EventQuery;
use crate::{Result, Store};

/// A stored article, coded, with what the store knows about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StoredArticle {
    pub article: CodedArticle,
    /// The first copy of the story, when this article is a near-duplicate of it.
    pub duplicate_of: Option<String>,
    pub coder_version: String,
    pub dictionary_set: String,
}

/// One line of a list of articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArticleSummary {
    pub id: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub events: u64,
    pub quotes: u64,
}

/// A name an actor goes by in the articles, and how often.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NameCount {
    pub name: String,
    pub count: u64,
}

/// Everything the store holds about one actor code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActorProfile {
    pub code: String,
    pub country: Option<String>,
    pub org: Option<String>,
    pub role: Option<String>,
    /// The names and phrases mentions of the actor carry, most frequent first (at most 10).
    pub names: Vec<NameCount>,
    pub mentions: u64,
    /// Articles that mention the actor.
    pub articles: u64,
    pub events_as_source: u64,
    pub events_as_target: u64,
    pub quotes: u64,
    /// Actor codes the actor has events with (either direction), most events first (at most 10).
    pub partners: Vec<NameCount>,
}

/// Events between two actors (grouped by country, else org, else code), both directions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DyadCount {
    pub a: String,
    pub b: String,
    pub events: u64,
    /// Material-conflict events (quad class 4).
    pub material_conflict: u64,
}

fn parse_label<T: serde::de::DeserializeOwned + Default>(label: &str) -> T {
    serde_json::from_value(serde_json::Value::String(label.to_string())).unwrap_or_default()
}

fn summary_row(r: &rusqlite::Row) -> rusqlite::Result<ArticleSummary> {
    Ok(ArticleSummary {
        id: r.get(0)?,
        title: r.get(1)?,
        date: r.get(2)?,
        source: r.get(3)?,
        events: r.get::<_, i64>(4)? as u64,
        quotes: r.get::<_, i64>(5)? as u64,
    })
}

fn span(start: Option<i64>, end: Option<i64>) -> Option<Span> {
    Some(Span::new(start? as usize, end? as usize))
}

impl Store {
    /// The stored article `id` with its sentences, mentions, quotes and events, as the coder produced them
    /// (event locations and actors as stored). None when no article has that id.
    pub fn coded_article(&self, id: &str) -> Result<Option<StoredArticle>> {
        type Head = (
            i64,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
            String,
            bool,
        );
        let head: Option<(Head, Option<String>, String, String)> = self
            .conn
            .prepare_cached(
                "SELECT pk, source, date, title, url, text, has_text, duplicate_of, coder_version, dictionary_set \
                 FROM articles WHERE id = ?1",
            )?
            .query_row([id], |r| {
                Ok((
                    (
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                    ),
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                ))
            })
            .optional()?;
        let Some(((pk, source, date, title, url, text, has_text), duplicate_of, coder_version, dictionary_set)) = head
        else {
            return Ok(None);
        };
        let sentences = self
            .conn
            .prepare_cached(
                "SELECT start, \"end\", boilerplate, paragraph FROM sentences WHERE article = ?1 ORDER BY idx",
            )?
            .query_map([pk], |r| {
                Ok(Sentence {
                    start: r.get::<_, i64>(0)? as usize,
                    end: r.get::<_, i64>(1)? as usize,
                    boilerplate: r.get(2)?,
                    paragraph: r.get::<_, i64>(3)? as usize,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mentions = self
            .conn
            .prepare_cached(
                "SELECT start, \"end\", text, code, country, org, role, name, via, kind, entity, gender, plural \
                 FROM mentions WHERE article = ?1 ORDER BY idx",
            )?
            .query_map([pk], |r| {
                Ok(Mention {
                    start: r.get::<_, i64>(0)? as usize,
                    end: r.get::<_, i64>(1)? as usize,
                    text: r.get(2)?,
                    actor: detente_records::Actor {
                        code: r.get(3)?,
                        country: r.get(4)?,
                        org: r.get(5)?,
                        role: r.get(6)?,
                        name: r.get(7)?,
                    },
                    via: parse_label(&r.get::<_, String>(8)?),
                    kind: parse_label(&r.get::<_, String>(9)?),
                    entity: r.get::<_, i64>(10)? as usize,
                    gender: r.get::<_, Option<String>>(11)?.and_then(|g| g.chars().next()),
                    plural: r.get(12)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let quotes = self
            .conn
            .prepare_cached(
                "SELECT kind, start, \"end\", text, cue, cue_start, cue_end, speaker_name, speaker_start, \
                 speaker_end, speaker_code, speaker_country, speaker_org, speaker_role, speaker_entity \
                 FROM quotes WHERE article = ?1 ORDER BY idx",
            )?
            .query_map([pk], |r| {
                let name: Option<String> = r.get(7)?;
                let mention = span(r.get(8)?, r.get(9)?);
                let code: Option<String> = r.get(10)?;
                let speaker = Speaker {
                    name,
                    mention,
                    code,
                    country: r.get(11)?,
                    org: r.get(12)?,
                    role: r.get(13)?,
                    entity: r.get::<_, Option<i64>>(14)?.map(|e| e as usize),
                };
                let found = speaker.name.is_some() || speaker.mention.is_some() || speaker.code.is_some();
                Ok(Quote {
                    kind: serde_json::from_value(serde_json::Value::String(r.get(0)?))
                        .unwrap_or(detente_records::QuoteKind::Direct),
                    start: r.get::<_, i64>(1)? as usize,
                    end: r.get::<_, i64>(2)? as usize,
                    text: r.get(3)?,
                    cue: r.get(4)?,
                    cue_span: span(r.get(5)?, r.get(6)?),
                    speaker: found.then_some(speaker),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let query = EventQuery {
            article: Some(id.to_string()),
            include_duplicates: true,
            ..EventQuery::default()
        };
        let mut rows = self.events(&query)?;
        // Events come back in date order, then by key: the key follows the article's event order.
        rows.sort_by_key(|e| e.event_id);
        let events = rows
            .into_iter()
            .map(|e| Event {
                sentence: e.sentence,
                source: e.source,
                target: e.target,
                code: e.code,
                root: e.root,
                name: e.name,
                goldstein: e.goldstein,
                quad_class: e.quad_class,
                plover: e.plover,
                negated: e.negated,
                factual: e.factual,
                quote: e.quote,
                location: e.location,
                trigger: e.trigger,
                rule: e.rule,
            })
            .collect();
        Ok(Some(StoredArticle {
            article: CodedArticle {
                schema: SCHEMA_VERSION,
                id: id.to_string(),
                source,
                date,
                title,
                url,
                text: has_text.then_some(text),
                sentences,
                mentions,
                quotes,
                events,
                // The store keeps mentions, quotes and events, not the entity table.
                entities: Vec::new(),
            },
            duplicate_of,
            coder_version,
            dictionary_set,
        }))
    }

    /// One article's line for a list; None when no article has that id.
    pub fn article_summary(&self, id: &str) -> Result<Option<ArticleSummary>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT a.id, a.title, a.date, a.source, \
                 (SELECT count(*) FROM events e WHERE e.article = a.pk), \
                 (SELECT count(*) FROM quotes q WHERE q.article = a.pk) \
                 FROM articles a WHERE a.id = ?1",
            )?
            .query_row([id], summary_row)
            .optional()?)
    }

    /// The most recently dated articles (then the most recently stored), with their event and quote counts.
    pub fn latest_articles(&self, limit: usize) -> Result<Vec<ArticleSummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.title, a.date, a.source, \
             (SELECT count(*) FROM events e WHERE e.article = a.pk), \
             (SELECT count(*) FROM quotes q WHERE q.article = a.pk) \
             FROM articles a ORDER BY a.date IS NULL, a.date DESC, a.pk DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], summary_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// What the store knows about the actor with exactly this code (`RUSGOV`, `NATO`); None when no mention,
    /// event or quote carries it.
    pub fn actor_profile(&self, code: &str) -> Result<Option<ActorProfile>> {
        let count = |sql: &str| -> Result<u64> {
            Ok(self
                .conn
                .prepare_cached(sql)?
                .query_row([code], |r| r.get::<_, i64>(0))? as u64)
        };
        let mentions = count("SELECT count(*) FROM mentions WHERE code = ?1")?;
        let articles = count("SELECT count(DISTINCT article) FROM mentions WHERE code = ?1")?;
        let events_as_source = count("SELECT count(*) FROM events WHERE source_code = ?1")?;
        let events_as_target = count("SELECT count(*) FROM events WHERE target_code = ?1")?;
        let quotes = count("SELECT count(*) FROM quotes WHERE speaker_code = ?1")?;
        if mentions + events_as_source + events_as_target + quotes == 0 {
            return Ok(None);
        }
        // The actor's fields, from whichever table has it.
        let fields: Option<(Option<String>, Option<String>, Option<String>)> = self
            .conn
            .prepare_cached(
                "SELECT country, org, role FROM mentions WHERE code = ?1 \
                 UNION ALL SELECT source_country, source_org, source_role FROM events WHERE source_code = ?1 \
                 UNION ALL SELECT target_country, target_org, target_role FROM events WHERE target_code = ?1 \
                 UNION ALL SELECT speaker_country, speaker_org, speaker_role FROM quotes WHERE speaker_code = ?1 \
                 LIMIT 1",
            )?
            .query_row([code], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        let (country, org, role) = fields.unwrap_or_default();
        let name_counts = |sql: &str| -> Result<Vec<NameCount>> {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let rows = stmt.query_map([code], |r| {
                Ok(NameCount {
                    name: r.get(0)?,
                    count: r.get::<_, i64>(1)? as u64,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        let names = name_counts(
            "SELECT coalesce(name, text) AS n, count(*) AS c FROM mentions WHERE code = ?1 \
             GROUP BY n ORDER BY c DESC, n LIMIT 10",
        )?;
        let partners = name_counts(
            "SELECT p, count(*) AS c FROM ( \
               SELECT target_code AS p FROM events WHERE source_code = ?1 AND target_code IS NOT NULL \
               UNION ALL SELECT source_code AS p FROM events WHERE target_code = ?1) \
             WHERE p != ?1 GROUP BY p ORDER BY c DESC, p LIMIT 10",
        )?;
        Ok(Some(ActorProfile {
            code: code.to_string(),
            country,
            org,
            role,
            names,
            mentions,
            articles,
            events_as_source,
            events_as_target,
            quotes,
            partners,
        }))
    }

    /// The speakers with the most quotes (first copies only), most first.
    pub fn top_speakers(&self, limit: usize) -> Result<Vec<NameCount>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT q.speaker_name, count(*) AS n FROM quotes q JOIN articles a ON a.pk = q.article \
             WHERE q.speaker_name IS NOT NULL AND +a.duplicate_of IS NULL \
             GROUP BY q.speaker_name ORDER BY n DESC, q.speaker_name LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| {
            Ok(NameCount {
                name: r.get(0)?,
                count: r.get::<_, i64>(1)? as u64,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The dyads with the most (non-negated, first-copy) events, actors grouped by country, else org, else
    /// code; both directions counted together.
    pub fn dyad_counts(&self, limit: usize) -> Result<Vec<DyadCount>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT min(s, t), max(s, t), count(*) AS n, sum(quad_class = 4) FROM ( \
               SELECT coalesce(e.source_country, e.source_org, e.source_code) AS s, \
                      coalesce(e.target_country, e.target_org, e.target_code) AS t, e.quad_class \
               FROM events e JOIN articles a ON a.pk = e.article \
               WHERE e.target_code IS NOT NULL AND e.negated = 0 AND +a.duplicate_of IS NULL) \
             WHERE s != t GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| {
            Ok(DyadCount {
                a: r.get(0)?,
                b: r.get(1)?,
                events: r.get::<_, i64>(2)? as u64,
                material_conflict: r.get::<_, i64>(3)? as u64,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// SQLite's `data_version` of this connection: it changes whenever another connection (another process,
    /// or another `Store` in this one) commits to the database. Caches of derived results (alerts, networks)
    /// keep one `Store` that never writes and key on this number.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }
}
