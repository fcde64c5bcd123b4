//! The versioned schema: `PRAGMA user_version` is the number of migrations applied. A migration runs in the
//! transaction that also bumps the version, so a crash leaves the database at the old or the new version.

use rusqlite::{Connection, Transaction};

use crate::Result;
use crate::dedup;

/// One step of the schema.
pub struct Migration {
    pub version: u32,
    pub name: &'static str,
    pub apply: fn(&Transaction) -> Result<()>,
}

/// Every migration, in order. Append only: a released migration never changes.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "articles, sentences, mentions, quotes, events",
        apply: v1_tables,
    },
    Migration {
        version: 2,
        name: "full-text search over articles and quotes",
        apply: v2_fts,
    },
    Migration {
        version: 3,
        name: "near-duplicate signatures and LSH bands",
        apply: v3_near_duplicates,
    },
    Migration {
        version: 4,
        name: "event locations: the whole location, indexes for place filters",
        apply: v4_event_locations,
    },
    Migration {
        version: 5,
        name: "the Goldstein table of every article and event; store metadata (an interrupted re-coding)",
        apply: v5_goldstein_table_and_meta,
    },
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS[MIGRATIONS.len() - 1].version;

pub fn version(conn: &Connection) -> Result<u32> {
    Ok(conn.query_row("PRAGMA user_version", [], |row| row.get(0))?)
}

/// Applies the migrations after the database's version, up to and including `target`.
pub fn migrate_to(conn: &mut Connection, target: u32) -> Result<u32> {
    let current = version(conn)?;
    if current > SCHEMA_VERSION {
        return Err(crate::Error::TooNew {
            found: current,
            supported: SCHEMA_VERSION,
        });
    }
    if current >= target {
        return Ok(current);
    }
    loop {
        // The version is read again inside the write transaction: another process opening the same new
        // database may have applied the migration in the meantime.
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let now: u32 = tx.query_row("PRAGMA user_version", [], |row| row.get(0))?;
        let Some(migration) = MIGRATIONS.iter().find(|m| m.version == now + 1 && m.version <= target) else {
            break;
        };
        (migration.apply)(&tx)?;
        tx.pragma_update(None, "user_version", migration.version)?;
        tx.commit()?;
    }
    version(conn)
}

fn v1_tables(tx: &Transaction) -> Result<()> {
    tx.execute_batch(
        r#"
        CREATE TABLE articles (
            pk INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            source TEXT,
            date TEXT,
            url TEXT,
            title TEXT,
            text_hash TEXT NOT NULL,
            text TEXT NOT NULL DEFAULT '',
            has_text INTEGER NOT NULL DEFAULT 1,
            duplicate_of TEXT,
            coder_version TEXT NOT NULL,
            dictionary_set TEXT NOT NULL,
            ingested_at INTEGER NOT NULL
        );
        CREATE INDEX articles_text_hash ON articles(text_hash);
        CREATE INDEX articles_date ON articles(date);
        CREATE INDEX articles_duplicate_of ON articles(duplicate_of);

        CREATE TABLE sentences (
            article INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            boilerplate INTEGER NOT NULL,
            paragraph INTEGER NOT NULL,
            PRIMARY KEY (article, idx)
        ) WITHOUT ROWID;

        CREATE TABLE mentions (
            article INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            code TEXT NOT NULL,
            country TEXT,
            org TEXT,
            role TEXT,
            name TEXT,
            via TEXT NOT NULL,
            kind TEXT NOT NULL,
            entity INTEGER NOT NULL,
            gender TEXT,
            plural INTEGER NOT NULL,
            PRIMARY KEY (article, idx)
        ) WITHOUT ROWID;
        CREATE INDEX mentions_code ON mentions(code);

        CREATE TABLE quotes (
            pk INTEGER PRIMARY KEY,
            article INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            date TEXT,
            kind TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            cue TEXT,
            cue_start INTEGER,
            cue_end INTEGER,
            speaker_name TEXT,
            speaker_start INTEGER,
            speaker_end INTEGER,
            speaker_code TEXT,
            speaker_country TEXT,
            speaker_org TEXT,
            speaker_role TEXT,
            speaker_entity INTEGER,
            UNIQUE (article, idx)
        );
        CREATE INDEX quotes_date ON quotes(date);
        CREATE INDEX quotes_speaker_code ON quotes(speaker_code);
        CREATE INDEX quotes_speaker_country ON quotes(speaker_country);

        CREATE TABLE events (
            pk INTEGER PRIMARY KEY,
            article INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            date TEXT,
            sentence INTEGER NOT NULL,
            source_code TEXT NOT NULL,
            source_country TEXT,
            source_org TEXT,
            source_role TEXT,
            source_name TEXT,
            target_code TEXT,
            target_country TEXT,
            target_org TEXT,
            target_role TEXT,
            target_name TEXT,
            code TEXT NOT NULL,
            root TEXT NOT NULL,
            name TEXT NOT NULL,
            goldstein REAL NOT NULL,
            quad_class INTEGER NOT NULL,
            plover TEXT,
            negated INTEGER NOT NULL,
            factual INTEGER NOT NULL,
            quote INTEGER,
            location_name TEXT,
            location_country TEXT,
            location_lat REAL,
            location_lon REAL,
            trigger_start INTEGER NOT NULL,
            trigger_end INTEGER NOT NULL,
            trigger_text TEXT NOT NULL,
            rule TEXT NOT NULL,
            coder_version TEXT NOT NULL,
            dictionary_set TEXT NOT NULL,
            UNIQUE (article, idx)
        );
        CREATE INDEX events_date ON events(date);
        CREATE INDEX events_source_code ON events(source_code);
        CREATE INDEX events_source_country ON events(source_country);
        CREATE INDEX events_source_org ON events(source_org);
        CREATE INDEX events_target_code ON events(target_code);
        CREATE INDEX events_target_country ON events(target_country);
        CREATE INDEX events_target_org ON events(target_org);
        CREATE INDEX events_root_date ON events(root, date);
        CREATE INDEX events_plover ON events(plover);
        CREATE INDEX events_quad_date ON events(quad_class, date);
        "#,
    )?;
    Ok(())
}

fn v2_fts(tx: &Transaction) -> Result<()> {
    // External-content FTS5 tables kept in step by triggers; `rebuild` indexes rows stored before v2.
    tx.execute_batch(
        r#"
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='pk', tokenize='porter unicode61'
        );
        CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
        END;
        CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text);
        END;
        CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
        END;
        INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');

        CREATE VIRTUAL TABLE quotes_fts USING fts5(
            text, speaker_name, content='quotes', content_rowid='pk', tokenize='porter unicode61'
        );
        CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
            INSERT INTO quotes_fts(rowid, text, speaker_name) VALUES (new.pk, new.text, new.speaker_name);
        END;
        CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
            INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker_name)
                VALUES ('delete', old.pk, old.text, old.speaker_name);
        END;
        CREATE TRIGGER quotes_fts_update AFTER UPDATE OF text, speaker_name ON quotes BEGIN
            INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker_name)
                VALUES ('delete', old.pk, old.text, old.speaker_name);
            INSERT INTO quotes_fts(rowid, text, speaker_name) VALUES (new.pk, new.text, new.speaker_name);
        END;
        INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild');
        "#,
    )?;
    Ok(())
}

fn v3_near_duplicates(tx: &Transaction) -> Result<()> {
    tx.execute_batch(
        r#"
        CREATE TABLE signatures (
            article INTEGER PRIMARY KEY REFERENCES articles(pk) ON DELETE CASCADE,
            minhash BLOB NOT NULL
        );
        -- No index on article and no foreign key: 32 rows per article is the biggest index cost of an ingest;
        -- an article's rows are found again from its stored signature (dedup::delete_signature).
        CREATE TABLE minhash_bands (
            band INTEGER NOT NULL,
            hash INTEGER NOT NULL,
            article INTEGER NOT NULL,
            PRIMARY KEY (band, hash, article)
        ) WITHOUT ROWID;
        "#,
    )?;
    // Articles stored before v3 get their signatures now (no re-linking: their duplicate_of stays as it was).
    let rows: Vec<(i64, String)> = {
        let mut stmt = tx.prepare("SELECT pk, text FROM articles WHERE has_text = 1 ORDER BY pk")?;
        stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?
    };
    for (pk, text) in rows {
        if let Some(signature) = dedup::Signature::of(&text) {
            dedup::store_signature(tx, pk, &signature)?;
        }
    }
    Ok(())
}

fn v4_event_locations(tx: &Transaction) -> Result<()> {
    // `location` holds the event's location as JSON (output schema v1); the four location_* columns stay the
    // filterable copy. Rows stored before v4 keep a NULL `location` and are read from the columns.
    tx.execute_batch(
        r#"
        ALTER TABLE events ADD COLUMN location TEXT;
        CREATE INDEX events_location_country ON events(location_country);
        CREATE INDEX events_location_lat ON events(location_lat);
        "#,
    )?;
    Ok(())
}

fn v5_goldstein_table_and_meta(tx: &Transaction) -> Result<()> {
    // Rows stored before v5 keep NULL: which table coded them was not recorded.
    tx.execute_batch(
        r#"
        ALTER TABLE articles ADD COLUMN goldstein_table TEXT;
        ALTER TABLE events ADD COLUMN goldstein_table TEXT;
        CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
        "#,
    )?;
    Ok(())
}
