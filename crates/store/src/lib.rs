//! The store: coded articles in one SQLite file (WAL, versioned schema, FTS5), with idempotent batched ingest,
//! near-duplicate links, queries and exports. (Stage owner: store.)
//!
//! Data flows one way: [`CodedArticle`]s come in (from the coder, via the CLI); events, quotes and search hits
//! go out. The store does not depend on the coder: [`Store::recode`] takes the coding function as a closure.
//!
//! Crash safety: every batch is one `BEGIN IMMEDIATE … COMMIT` transaction in WAL mode with
//! `synchronous=FULL`, so a killed process leaves the database at the last committed batch; ingest is
//! idempotent, so re-running the same input completes the work without duplicates.

pub mod dedup;
pub mod export;
pub mod names;
pub mod page;
pub mod query;
pub mod read;
pub mod recode;
pub mod schema;
pub mod search;
pub mod stats;

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use detente_records::{Article, CodedArticle};
use rusqlite::OptionalExtension;
use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior, params};
use serde::Serialize;
use xxhash_rust::xxh3::xxh3_128;

pub use detente_analysis::{EventFact, EventRow};
pub use export::{ExportFormat, ExportOptions, ExportSummary, LeftOut, PartitionBy};
pub use page::{Cursor, Page};
pub use query::{EventQuery, Near, QuoteQuery, QuoteRow, SearchHit, SearchQuery};
pub use read::{ActorProfile, ArticleSummary, DyadCount, NameCount, StoredArticle};
pub use recode::Recode;
pub use stats::Stats;

/// The database file used when neither `--db` nor `DETENTE_DB` names one.
pub const DEFAULT_DB: &str = "detente.db";

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(
        "database {path} is read-only: check the write permission of the file and of its directory \
         (SQLite also writes {path}-wal and {path}-shm beside it)"
    )]
    ReadOnly { path: String },
    #[error("database {path}: the disk is full; the last batch was rolled back and the file is consistent")]
    DiskFull { path: String },
    // The SQLite error is part of the message, not a `source`: its own cause repeats it ("file is not a
    // database: file is not a database: Error code 26 ...").
    #[error("cannot open database {path}: {error} (does the directory exist and is it readable?)")]
    Open { path: String, error: rusqlite::Error },
    #[error("database {path} does not exist (ingest articles first, or pass --db / set DETENTE_DB)")]
    Missing { path: String },
    #[error("database schema version {found} is newer than this detente supports ({supported}): upgrade detente")]
    TooNew { found: u32, supported: u32 },
    #[error("database {path}: {error}")]
    Sqlite { path: String, error: rusqlite::Error },
    /// A file or folder the store read or wrote: the message names it.
    #[error("{path}: {error}")]
    File { path: PathBuf, error: std::io::Error },
    #[error("{0}")]
    Invalid(String),
    /// The run was interrupted (Ctrl-C) before it finished; what it had committed is kept.
    #[error("interrupted")]
    Interrupted,
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error("{path}: {error}")]
    Csv { path: PathBuf, error: csv::Error },
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    #[cfg(feature = "parquet")]
    #[error("{path}: {error}")]
    Parquet {
        path: PathBuf,
        error: parquet::errors::ParquetError,
    },
    #[cfg(feature = "parquet")]
    #[error(transparent)]
    Arrow(#[from] arrow_schema::ArrowError),
}

impl From<rusqlite::Error> for Error {
    fn from(error: rusqlite::Error) -> Error {
        Error::Sqlite {
            path: String::new(),
            error,
        }
    }
}

impl Error {
    /// An I/O error on `path`.
    pub fn file(path: impl Into<PathBuf>, error: std::io::Error) -> Error {
        Error::File {
            path: path.into(),
            error,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What one [`Store::ingest_batch`] did.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct BatchSummary {
    /// New articles stored.
    pub inserted: usize,
    /// Stored articles whose text, coder version or dictionary set changed: their coding was replaced.
    pub replaced: usize,
    /// Already stored with the same text and coding: nothing done.
    pub unchanged: usize,
    /// A different id but the same text as a stored article: stored with its own metadata and linked to the
    /// first copy through `duplicate_of` (counted in `inserted` too).
    pub same_text: usize,
    /// Stored and linked to an earlier near-duplicate (counted in `inserted` or `replaced` too).
    pub near_duplicates: usize,
    pub events: usize,
    pub quotes: usize,
}

impl BatchSummary {
    pub fn add(&mut self, other: &BatchSummary) {
        self.inserted += other.inserted;
        self.replaced += other.replaced;
        self.unchanged += other.unchanged;
        self.same_text += other.same_text;
        self.near_duplicates += other.near_duplicates;
        self.events += other.events;
        self.quotes += other.quotes;
    }
}

/// What coded the articles of a batch: stored with every article and event, so a re-coding (or a mix left
/// by an interrupted one) can always tell which dictionaries and Goldstein table coded what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Coding {
    /// detente's version (the built-in dictionaries and rules belong to it).
    pub coder_version: String,
    /// `builtin`, or `builtin+<hash of the user's dictionary files>`.
    pub dictionary_set: String,
    /// The published Goldstein table of the events' intensities: `gdelt`, `icews` or `phoenix`.
    pub goldstein_table: String,
}

impl Coding {
    pub fn new(coder_version: &str, dictionary_set: &str, goldstein_table: &str) -> Coding {
        Coding {
            coder_version: coder_version.into(),
            dictionary_set: dictionary_set.into(),
            goldstein_table: goldstein_table.into(),
        }
    }
}

/// Row counts of the main tables.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub articles: u64,
    pub duplicates: u64,
    pub sentences: u64,
    pub mentions: u64,
    pub quotes: u64,
    pub events: u64,
}

/// Which database file: `--db`, else `$DETENTE_DB`, else `./detente.db`.
pub fn resolve_db_path(flag: Option<&Path>) -> PathBuf {
    match flag {
        Some(path) => path.to_path_buf(),
        None => match std::env::var_os("DETENTE_DB") {
            Some(path) if !path.is_empty() => PathBuf::from(path),
            _ => PathBuf::from(DEFAULT_DB),
        },
    }
}

/// An open store.
pub struct Store {
    conn: Connection,
    path: String,
}

pub(crate) fn now_unix() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// The identity of an article's content: its text, or (for an article stored without text) its whole coding.
fn content_hash(article: &CodedArticle) -> Result<(String, bool)> {
    Ok(match &article.text {
        Some(text) => (format!("{:032x}", xxh3_128(text.as_bytes())), true),
        None => (format!("c{:032x}", xxh3_128(&serde_json::to_vec(article)?)), false),
    })
}

impl Store {
    /// Opens (creating it if needed) and migrates the database for reading and writing.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path_str = path.as_ref().display().to_string();
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path.as_ref(), flags).map_err(|error| Error::Open {
            path: path_str.clone(),
            error,
        })?;
        Store::setup(conn, path_str, true)
    }

    /// Opens an existing database for queries only: nothing is written, so queries work on a database in a
    /// read-only directory or on a read-only medium. A database at an older schema version is migrated
    /// first (which needs write access, and says so when it is missing).
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        let path_str = path.display().to_string();
        if !path.exists() {
            return Err(Error::Missing { path: path_str });
        }
        let conn = match Store::read_only_connection(path, false) {
            // In WAL mode a reader needs the -shm file; in a directory it may not write, SQLite cannot create
            // it. Nobody can write to such a database either, so it is opened as immutable (no locking, no
            // WAL) instead.
            Err(e) if is_cannot_write_beside(&e) => Store::read_only_connection(path, true),
            other => other,
        };
        let (conn, version) = conn.map_err(|e| Store::classify_with(&path_str, e))?;
        if version == schema::SCHEMA_VERSION {
            return Ok(Store { conn, path: path_str });
        }
        drop(conn);
        Store::open(path).map_err(|e| match e {
            Error::ReadOnly { path } => Error::Invalid(format!(
                "database {path} is at schema version {version} and must be upgraded to version {} before it \
                 can be queried, which needs write access to it and its directory (run any detente command on it \
                 once with write access)",
                schema::SCHEMA_VERSION
            )),
            other => other,
        })
    }

    /// A read-only connection and the database's schema version (reading it is the first real access).
    fn read_only_connection(path: &Path, immutable: bool) -> Result<(Connection, u32)> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        let conn = if immutable {
            Connection::open_with_flags(format!("file:{}?immutable=1", uri_path(path)), flags)?
        } else {
            Connection::open_with_flags(path, flags)?
        };
        conn.busy_timeout(Duration::from_secs(10))?;
        let version = schema::version(&conn)?;
        Ok((conn, version))
    }

    /// A private in-memory store (tests, one-shot pipelines).
    pub fn open_in_memory() -> Result<Store> {
        Store::setup(Connection::open_in_memory()?, ":memory:".into(), true)
    }

    /// Opens a database and applies the migrations up to `version` only (tests of migrations).
    pub fn open_at_version(path: impl AsRef<Path>, version: u32) -> Result<Store> {
        let path_str = path.as_ref().display().to_string();
        let conn = Connection::open(path.as_ref()).map_err(|error| Error::Open {
            path: path_str.clone(),
            error,
        })?;
        let mut store = Store::setup(conn, path_str, false)?;
        schema::migrate_to(&mut store.conn, version)?;
        Ok(store)
    }

    fn setup(mut conn: Connection, path: String, migrate: bool) -> Result<Store> {
        if conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) {
            return Err(Error::ReadOnly { path });
        }
        let configure = |conn: &mut Connection| -> Result<()> {
            conn.busy_timeout(Duration::from_secs(10))?;
            // WAL: readers never block the writer, and a killed writer leaves only uncommitted frames that
            // recovery discards. FULL syncs the WAL on every commit, so a committed batch also survives a
            // power loss (one fsync per batch, not per article).
            // Switching a new database to WAL takes an exclusive lock and SQLite answers BUSY at once, without
            // the busy handler, when another process is opening the same new file: retry for a while.
            let deadline = std::time::Instant::now() + Duration::from_secs(10);
            loop {
                match conn.pragma_update(None, "journal_mode", "WAL") {
                    Err(rusqlite::Error::SqliteFailure(e, _))
                        if e.code == ErrorCode::DatabaseBusy && std::time::Instant::now() < deadline =>
                    {
                        std::thread::sleep(Duration::from_millis(5));
                    }
                    other => break other?,
                }
            }
            conn.pragma_update(None, "synchronous", "FULL")?;
            conn.pragma_update(None, "foreign_keys", "ON")?;
            // The store writes big batches; let the WAL grow a little before checkpointing.
            conn.pragma_update(None, "wal_autocheckpoint", 4000)?;
            conn.pragma_update(None, "journal_size_limit", 64 << 20)?;
            // A 64 MB page cache keeps a batch's index pages in memory instead of spilling them mid-transaction.
            conn.pragma_update(None, "cache_size", -65536)?;
            conn.pragma_update(None, "temp_store", "MEMORY")?;
            if migrate {
                schema::migrate_to(conn, schema::SCHEMA_VERSION)?;
            }
            Ok(())
        };
        configure(&mut conn).map_err(|e| Store::classify_with(&path, e))?;
        Ok(Store { conn, path })
    }

    /// Turns SQLite's read-only, disk-full and can't-open errors into errors that say what to do.
    fn classify_with(path: &str, error: Error) -> Error {
        let error = match error {
            Error::Sqlite { error, .. } => error,
            other => return other,
        };
        match error.sqlite_error_code() {
            Some(ErrorCode::ReadOnly) => Error::ReadOnly { path: path.into() },
            Some(ErrorCode::DiskFull) => Error::DiskFull { path: path.into() },
            Some(ErrorCode::CannotOpen) | Some(ErrorCode::PermissionDenied) => Error::Open {
                path: path.into(),
                error,
            },
            _ => Error::Sqlite {
                path: path.into(),
                error,
            },
        }
    }

    fn classify(&self, error: Error) -> Error {
        Store::classify_with(&self.path, error)
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    /// Readies a connection that answers many queries of a few shapes (the service's pool). Query plans stop
    /// depending on bound values, so a cached statement is reused as it is: otherwise SQLite re-plans a
    /// statement whenever a new LIMIT or LIKE pattern is bound, which cost a tenth of a dyad query. And more
    /// statements stay prepared (each filter combination is its own SQL).
    pub fn for_repeated_queries(&self) -> Result<()> {
        self.conn
            .set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
        self.conn.set_prepared_statement_cache_capacity(64);
        Ok(())
    }

    /// The underlying connection, for ad-hoc SQL (tests, `sqlite3`-style inspection).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    pub fn schema_version(&self) -> Result<u32> {
        schema::version(&self.conn)
    }

    /// Stores a batch of coded articles in one transaction: all of it or none of it.
    ///
    /// Idempotent: an article whose id is stored with the same text and [`Coding`] is left alone; with a
    /// changed text (or another coding) its old coding is deleted and the new one stored under the same key.
    /// An article with a new id but the text of a stored article is stored with its own metadata and linked
    /// to the first copy through `duplicate_of`, as a near-duplicate of a stored article (same wire story,
    /// lightly edited) is.
    pub fn ingest_batch(&mut self, articles: &[CodedArticle], coding: &Coding) -> Result<BatchSummary> {
        self.write_batch(articles, coding, false, None)
    }

    /// Like [`Store::ingest_batch`], but replaces the coding of articles already stored even when nothing
    /// changed (re-coding after a dictionary edit that kept the same dictionary-set id).
    pub fn replace_coding(&mut self, articles: &[CodedArticle], coding: &Coding) -> Result<BatchSummary> {
        self.write_batch(articles, coding, true, None)
    }

    fn write_batch(
        &mut self,
        articles: &[CodedArticle],
        coding: &Coding,
        force: bool,
        recode_done: Option<i64>,
    ) -> Result<BatchSummary> {
        let result = (|| {
            let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let mut summary = BatchSummary::default();
            let now = now_unix();
            for article in articles {
                write_article(&tx, article, coding, force, now, &mut summary)?;
            }
            if let Some(after) = recode_done {
                recode::save_progress(&tx, coding, after)?;
            }
            tx.commit()?;
            Ok(summary)
        })();
        result.map_err(|e| self.classify(e))
    }

    /// One page of stored articles (text and metadata) after the key `after`, in key order: the input of a
    /// re-coding. Returns the articles with their keys; pass the last key to get the next page.
    pub fn articles_after(&self, after: i64, limit: usize) -> Result<Vec<(i64, Article)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT pk, id, source, date, title, url, text FROM articles WHERE pk > ?1 AND has_text = 1 \
             ORDER BY pk LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![after, limit as i64], |row| {
            Ok((
                row.get(0)?,
                Article {
                    id: row.get(1)?,
                    source: row.get(2)?,
                    date: row.get(3)?,
                    title: row.get(4)?,
                    url: row.get(5)?,
                    text: row.get(6)?,
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Re-codes every stored article with `code` (after a dictionary change) and replaces its coding, `batch`
    /// articles per transaction. Articles stored without text cannot be re-coded and are left alone.
    /// Resumable: a run killed midway is continued by the next one with the same coding (see [`Recode`]).
    pub fn recode<F>(&mut self, batch: usize, coding: &Coding, mut code: F) -> Result<BatchSummary>
    where
        F: FnMut(&Article) -> CodedArticle,
    {
        let mut total = BatchSummary::default();
        let mut run = self.start_recode(coding)?;
        loop {
            let page = self.articles_after(run.after, batch.max(1))?;
            if page.is_empty() {
                break;
            }
            let coded: Vec<CodedArticle> = page.iter().map(|(_, article)| code(article)).collect();
            total.add(&self.recode_page(&mut run, &page, &coded)?);
        }
        self.finish_recode(&run)?;
        Ok(total)
    }

    /// Starts a re-coding with `coding`, or resumes the interrupted one that had the same coding.
    pub fn start_recode(&mut self, coding: &Coding) -> Result<Recode> {
        let result = recode::start(&mut self.conn, coding);
        result.map_err(|e| self.classify(e))
    }

    /// Stores the new coding of one page of [`Store::articles_after`] (`coded` in the same order) and, in the
    /// same transaction, how far the re-coding got.
    pub fn recode_page(
        &mut self,
        run: &mut Recode,
        page: &[(i64, Article)],
        coded: &[CodedArticle],
    ) -> Result<BatchSummary> {
        let Some(&(last, _)) = page.last() else {
            return Ok(BatchSummary::default());
        };
        let summary = self.write_batch(coded, &run.coding, true, Some(last))?;
        run.after = last;
        run.done += page.len() as u64;
        Ok(summary)
    }

    /// Ends a re-coding that went through every article: nothing is left to resume.
    pub fn finish_recode(&mut self, run: &Recode) -> Result<()> {
        let result = recode::finish(&self.conn, &run.coding);
        result.map_err(|e| self.classify(e))
    }

    /// An interrupted re-coding waiting to be resumed, if any.
    pub fn pending_recode(&self) -> Result<Option<Coding>> {
        recode::pending(&self.conn)
    }

    pub fn counts(&self) -> Result<Counts> {
        let count = |sql: &str| -> Result<u64> { Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64) };
        Ok(Counts {
            articles: count("SELECT count(*) FROM articles")?,
            duplicates: count("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL")?,
            sentences: count("SELECT count(*) FROM sentences")?,
            mentions: count("SELECT count(*) FROM mentions")?,
            quotes: count("SELECT count(*) FROM quotes")?,
            events: count("SELECT count(*) FROM events")?,
        })
    }

    /// `PRAGMA integrity_check` plus FTS5's own consistency check; `ok` when all is well.
    pub fn integrity_check(&self) -> Result<String> {
        let result: String = self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if result != "ok" {
            return Ok(result);
        }
        for table in ["articles_fts", "quotes_fts"] {
            if let Err(e) = self
                .conn
                .execute(&format!("INSERT INTO {table}({table}) VALUES ('integrity-check')"), [])
            {
                return Ok(format!("{table}: {e}"));
            }
        }
        Ok(result)
    }
}

/// True for the errors SQLite gives a reader that cannot create the WAL index (-shm) beside the database.
fn is_cannot_write_beside(error: &Error) -> bool {
    let Error::Sqlite { error, .. } = error else {
        return false;
    };
    matches!(
        error.sqlite_error_code(),
        Some(ErrorCode::CannotOpen | ErrorCode::ReadOnly | ErrorCode::PermissionDenied)
    )
}

/// A path as the path part of an SQLite `file:` URI: `%`, `?` and `#` (and anything outside printable
/// ASCII) percent-encoded.
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for &b in path.as_os_str().as_encoded_bytes() {
        match b {
            b'%' | b'?' | b'#' => out.push_str(&format!("%{b:02X}")),
            0x21..=0x7e => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

impl Drop for Store {
    fn drop(&mut self) {
        // SQLite's advice for every connection that wrote: refresh the planner's statistics where they are
        // stale (cheap; a read-only connection just fails, which is fine).
        let _ = self.conn.execute_batch("PRAGMA optimize;");
    }
}

fn delete_coding(tx: &Transaction, pk: i64) -> Result<()> {
    dedup::delete_signature(tx, pk)?;
    for table in ["sentences", "mentions", "quotes", "events"] {
        tx.prepare_cached(&format!("DELETE FROM {table} WHERE article = ?1"))?
            .execute([pk])?;
    }
    Ok(())
}

fn write_article(
    tx: &Transaction,
    article: &CodedArticle,
    coding: &Coding,
    force: bool,
    now: i64,
    summary: &mut BatchSummary,
) -> Result<()> {
    let (hash, has_text) = content_hash(article)?;
    let existing: Option<(i64, String, Coding)> = tx
        .prepare_cached(
            "SELECT pk, text_hash, coder_version, dictionary_set, coalesce(goldstein_table, '') FROM articles \
             WHERE id = ?1",
        )?
        .query_row([&article.id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                Coding {
                    coder_version: r.get(2)?,
                    dictionary_set: r.get(3)?,
                    goldstein_table: r.get(4)?,
                },
            ))
        })
        .optional()?;
    let text = article.text.as_deref().unwrap_or("");
    let mut text_changed = false;
    let pk = match existing {
        Some((_, ref old_hash, ref old_coding)) if !force && *old_hash == hash && old_coding == coding => {
            summary.unchanged += 1;
            return Ok(());
        }
        Some((pk, ref old_hash, _)) => {
            text_changed = *old_hash != hash;
            delete_coding(tx, pk)?;
            tx.prepare_cached(
                "UPDATE articles SET source = ?2, date = ?3, url = ?4, title = ?5, text_hash = ?6, text = ?7, \
                 has_text = ?8, duplicate_of = NULL, coder_version = ?9, dictionary_set = ?10, ingested_at = ?11, \
                 goldstein_table = ?12 WHERE pk = ?1",
            )?
            .execute(params![
                pk,
                article.source,
                article.date,
                article.url,
                article.title,
                hash,
                text,
                has_text,
                coding.coder_version,
                coding.dictionary_set,
                now,
                coding.goldstein_table
            ])?;
            summary.replaced += 1;
            pk
        }
        None => {
            tx.prepare_cached(
                "INSERT INTO articles (id, source, date, url, title, text_hash, text, has_text, coder_version, \
                 dictionary_set, ingested_at, goldstein_table) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, \
                 ?12)",
            )?
            .execute(params![
                article.id,
                article.source,
                article.date,
                article.url,
                article.title,
                hash,
                text,
                has_text,
                coding.coder_version,
                coding.dictionary_set,
                now,
                coding.goldstein_table
            ])?;
            summary.inserted += 1;
            tx.last_insert_rowid()
        }
    };
    write_coding(tx, pk, article, coding, summary)?;
    if has_text {
        link_copy(tx, pk, &article.id, &hash, text, summary)?;
    }
    if text_changed {
        relink_copies_of(tx, &article.id)?;
    }
    Ok(())
}

/// Links a stored article to the first copy of its story: the first article with the same text (another
/// outlet's or feed's copy of it, kept with its own id, source, date and URL), else the first near-duplicate.
fn link_copy(tx: &Transaction, pk: i64, id: &str, hash: &str, text: &str, summary: &mut BatchSummary) -> Result<()> {
    let same: Option<(String, Option<String>)> = tx
        .prepare_cached("SELECT id, duplicate_of FROM articles WHERE text_hash = ?1 AND pk <> ?2 ORDER BY pk LIMIT 1")?
        .query_row(params![hash, pk], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let signature = dedup::Signature::of(text);
    let exact = same.is_some();
    let root = match (same, &signature) {
        (Some((first, link)), _) => Some(link.unwrap_or(first)),
        (None, Some(signature)) => {
            dedup::find_original(tx, pk, signature)?.map(|(_, first, link)| link.unwrap_or(first))
        }
        (None, None) => None,
    };
    if let Some(root) = root.filter(|root| root != id) {
        tx.prepare_cached("UPDATE articles SET duplicate_of = ?2 WHERE pk = ?1")?
            .execute(params![pk, root])?;
        if exact {
            summary.same_text += 1;
        } else {
            summary.near_duplicates += 1;
        }
    }
    if let Some(signature) = signature {
        dedup::store_signature(tx, pk, &signature)?;
    }
    Ok(())
}

/// After the text of `id` changed, its near-duplicates may no longer be copies of it: each is looked up again.
fn relink_copies_of(tx: &Transaction, id: &str) -> Result<()> {
    let copies: Vec<(i64, String, Vec<u8>)> = {
        let mut stmt = tx.prepare_cached(
            "SELECT a.pk, a.id, s.minhash FROM articles a JOIN signatures s ON s.article = a.pk \
             WHERE a.duplicate_of = ?1 ORDER BY a.pk",
        )?;
        stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?
    };
    // Unlink them all first: a copy must not be linked again through a sibling's stale link.
    tx.prepare_cached("UPDATE articles SET duplicate_of = NULL WHERE duplicate_of = ?1")?
        .execute([id])?;
    for (pk, copy_id, bytes) in copies {
        let Some(signature) = dedup::Signature::from_bytes(&bytes) else {
            continue;
        };
        let root = dedup::find_original(tx, pk, &signature)?
            .map(|(_, original_id, original_link)| original_link.unwrap_or(original_id))
            .filter(|root| *root != copy_id);
        tx.prepare_cached("UPDATE articles SET duplicate_of = ?2 WHERE pk = ?1")?
            .execute(params![pk, root])?;
    }
    Ok(())
}

fn write_coding(
    tx: &Transaction,
    pk: i64,
    article: &CodedArticle,
    coding: &Coding,
    summary: &mut BatchSummary,
) -> Result<()> {
    let mut sentence_insert = tx.prepare_cached(
        "INSERT INTO sentences (article, idx, start, \"end\", boilerplate, paragraph) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (i, s) in article.sentences.iter().enumerate() {
        sentence_insert.execute(params![
            pk,
            i as i64,
            s.start as i64,
            s.end as i64,
            s.boilerplate,
            s.paragraph as i64
        ])?;
    }
    let mut mention_insert = tx.prepare_cached(
        "INSERT INTO mentions (article, idx, start, \"end\", text, code, country, org, role, name, via, kind, entity, \
         gender, plural) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?;
    for (i, m) in article.mentions.iter().enumerate() {
        let via = serde_json::to_value(m.via)?;
        let kind = serde_json::to_value(m.kind)?;
        mention_insert.execute(params![
            pk,
            i as i64,
            m.start as i64,
            m.end as i64,
            m.text,
            m.actor.code,
            m.actor.country,
            m.actor.org,
            m.actor.role,
            m.actor.name,
            via.as_str().unwrap_or_default(),
            kind.as_str().unwrap_or_default(),
            m.entity as i64,
            m.gender.map(String::from),
            m.plural
        ])?;
    }
    let mut quote_insert = tx.prepare_cached(
        "INSERT INTO quotes (article, idx, date, kind, start, \"end\", text, cue, cue_start, cue_end, speaker_name, \
         speaker_start, speaker_end, speaker_code, speaker_country, speaker_org, speaker_role, speaker_entity) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
    )?;
    for (i, q) in article.quotes.iter().enumerate() {
        let kind = serde_json::to_value(q.kind)?;
        let speaker = q.speaker.as_ref();
        quote_insert.execute(params![
            pk,
            i as i64,
            article.date,
            kind.as_str().unwrap_or_default(),
            q.start as i64,
            q.end as i64,
            q.text,
            q.cue,
            q.cue_span.map(|s| s.start as i64),
            q.cue_span.map(|s| s.end as i64),
            speaker.and_then(|s| s.name.clone()),
            speaker.and_then(|s| s.mention).map(|s| s.start as i64),
            speaker.and_then(|s| s.mention).map(|s| s.end as i64),
            speaker.and_then(|s| s.code.clone()),
            speaker.and_then(|s| s.country.clone()),
            speaker.and_then(|s| s.org.clone()),
            speaker.and_then(|s| s.role.clone()),
            speaker.and_then(|s| s.entity).map(|e| e as i64)
        ])?;
    }
    summary.quotes += article.quotes.len();
    let mut event_insert = tx.prepare_cached(
        "INSERT INTO events (article, idx, date, sentence, source_code, source_country, source_org, source_role, \
         source_name, target_code, target_country, target_org, target_role, target_name, code, root, name, \
         goldstein, quad_class, plover, negated, factual, quote, location_name, location_country, location_lat, \
         location_lon, trigger_start, trigger_end, trigger_text, rule, coder_version, dictionary_set, \
         goldstein_table, location) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, \
         ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35)",
    )?;
    for (i, e) in article.events.iter().enumerate() {
        let target = e.target.as_ref();
        let location = e.location.as_ref();
        event_insert.execute(params![
            pk,
            i as i64,
            article.date,
            e.sentence as i64,
            e.source.code,
            e.source.country,
            e.source.org,
            e.source.role,
            e.source.name,
            target.map(|t| t.code.clone()),
            target.and_then(|t| t.country.clone()),
            target.and_then(|t| t.org.clone()),
            target.and_then(|t| t.role.clone()),
            target.and_then(|t| t.name.clone()),
            e.code,
            e.root,
            e.name,
            e.goldstein,
            i64::from(e.quad_class),
            e.plover,
            e.negated,
            e.factual,
            e.quote.map(|q| q as i64),
            location.map(|l| l.name.clone()),
            location.and_then(|l| l.country.clone()),
            location.and_then(|l| l.lat),
            location.and_then(|l| l.lon),
            e.trigger.start as i64,
            e.trigger.end as i64,
            e.trigger.text,
            e.rule,
            coding.coder_version,
            coding.dictionary_set,
            coding.goldstein_table,
            location.and_then(|l| serde_json::to_string(l).ok())
        ])?;
    }
    summary.events += article.events.len();
    Ok(())
}
