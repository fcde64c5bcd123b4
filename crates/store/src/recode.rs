//! Re-coding all stored articles, resumably: each page's new coding and the position reached are committed
//! in one transaction, so a run killed at any moment is continued by the next run with the same coding, and
//! every event records the coding (dictionary set, Goldstein table) that produced it meanwhile.

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};
use serde::{Deserialize, Serialize};

use crate::{Coding, Result};

const KEY: &str = "recode";

/// A re-coding in progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recode {
    pub coding: Coding,
    /// Articles up to this key are done.
    pub after: i64,
    /// Articles re-coded so far, this run and the interrupted runs before it.
    pub done: u64,
    /// Articles with text to re-code in all.
    pub total: u64,
    /// A previous run with the same coding was interrupted and this one continues it.
    pub resumed: bool,
    /// A previous run with another coding was interrupted; this one starts over with the new coding.
    pub abandoned: Option<Coding>,
}

#[derive(Serialize, Deserialize)]
struct Saved {
    coding: Coding,
    after: i64,
}

fn load(conn: &Connection) -> Result<Option<Saved>> {
    let value: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [KEY], |r| r.get(0))
        .optional()?;
    // An unreadable record (written by another version) is treated as no record: the run starts over.
    Ok(value.and_then(|v| serde_json::from_str(&v).ok()))
}

/// The interrupted re-coding, if any.
pub fn pending(conn: &Connection) -> Result<Option<Coding>> {
    Ok(load(conn)?.map(|saved| saved.coding))
}

pub(crate) fn start(conn: &mut Connection, coding: &Coding) -> Result<Recode> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let saved = load(&tx)?;
    let total: i64 = tx.query_row("SELECT count(*) FROM articles WHERE has_text = 1", [], |r| r.get(0))?;
    let (after, resumed, abandoned) = match saved {
        Some(saved) if saved.coding == *coding => (saved.after, true, None),
        Some(saved) => (0, false, Some(saved.coding)),
        None => (0, false, None),
    };
    let done: i64 = tx.query_row(
        "SELECT count(*) FROM articles WHERE has_text = 1 AND pk <= ?1",
        [after],
        |r| r.get(0),
    )?;
    save_progress(&tx, coding, after)?;
    tx.commit()?;
    Ok(Recode {
        coding: coding.clone(),
        after,
        done: done as u64,
        total: total as u64,
        resumed,
        abandoned,
    })
}

/// Records (inside the caller's transaction) that the re-coding with `coding` is done up to `after`.
pub(crate) fn save_progress(tx: &Transaction, coding: &Coding, after: i64) -> Result<()> {
    let value = serde_json::to_string(&Saved {
        coding: coding.clone(),
        after,
    })?;
    tx.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![KEY, value],
    )?;
    Ok(())
}

pub(crate) fn finish(conn: &Connection, coding: &Coding) -> Result<()> {
    // Only this run's record: a run that finds another coding's record has already replaced it.
    if load(conn)?.is_some_and(|saved| saved.coding == *coding) {
        conn.execute("DELETE FROM meta WHERE key = ?1", [KEY])?;
    }
    Ok(())
}
