//! Cursor pagination over events and quotes: a page ends with the key of its last row, and the next page
//! starts after it. Keys follow the listing order (date, then row key), so pages stay stable while new
//! articles are stored, unlike offsets.

use std::fmt;
use std::str::FromStr;

use crate::query::{EventQuery, QuoteQuery, QuoteRow};
use crate::{Error, Result, Store};
use detente_analysis::EventRow;

/// Where a page ends: the date and row key of its last row. Written `DATE~KEY` (`~KEY` without a date).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub date: Option<String>,
    pub key: i64,
}

impl fmt::Display for Cursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}~{}", self.date.as_deref().unwrap_or(""), self.key)
    }
}

impl FromStr for Cursor {
    type Err = Error;

    fn from_str(text: &str) -> Result<Cursor> {
        let invalid = || Error::Invalid(format!("cursor {text:?}: not a cursor this store handed out"));
        // A stored date is at most a few dozen bytes; anything longer is not a cursor.
        if text.len() > 100 {
            return Err(invalid());
        }
        let (date, key) = text.rsplit_once('~').ok_or_else(invalid)?;
        let key: i64 = key.parse().map_err(|_| invalid())?;
        if key < 0 {
            return Err(invalid());
        }
        Ok(Cursor {
            date: (!date.is_empty()).then(|| date.to_string()),
            key,
        })
    }
}

/// One page of rows and the cursor of the next page, if there is one.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next: Option<Cursor>,
}

impl<T> Page<T> {
    /// Keeps `limit` of the `limit + 1` rows fetched; the extra row only says that another page exists.
    fn from_rows(mut rows: Vec<T>, limit: usize, cursor_of: impl Fn(&T) -> Cursor) -> Page<T> {
        let more = rows.len() > limit;
        rows.truncate(limit);
        let next = if more { rows.last().map(cursor_of) } else { None };
        Page { items: rows, next }
    }
}

impl Store {
    /// At most `limit` events matching `query` (its own `limit` is ignored) after `after`, in date order.
    pub fn events_page(&self, query: &EventQuery, after: Option<&Cursor>, limit: usize) -> Result<Page<EventRow>> {
        let query = EventQuery {
            limit: Some(limit + 1),
            ..query.clone()
        };
        let rows = self.events_after(&query, after)?;
        Ok(Page::from_rows(rows, limit, |e| Cursor {
            date: e.date.clone(),
            key: e.event_id,
        }))
    }

    /// At most `limit` quotes matching `query` (its own `limit` is ignored) after `after`, in date order.
    pub fn quotes_page(&self, query: &QuoteQuery, after: Option<&Cursor>, limit: usize) -> Result<Page<QuoteRow>> {
        let query = QuoteQuery {
            limit: Some(limit + 1),
            ..query.clone()
        };
        let rows = self.quotes_after(&query, after)?;
        Ok(Page::from_rows(rows, limit, |q| Cursor {
            date: q.date.clone(),
            key: q.quote_id,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_junk() {
        for cursor in [
            Cursor {
                date: Some("2022-03-01".into()),
                key: 42,
            },
            Cursor { date: None, key: 7 },
        ] {
            assert_eq!(cursor.to_string().parse::<Cursor>().unwrap(), cursor);
        }
        for junk in ["", "42", "2022-03-01~", "~x", "~-3", "' OR 1=1 --", &"9".repeat(200)] {
            assert!(junk.parse::<Cursor>().is_err(), "{junk:?} parsed");
        }
    }
}
