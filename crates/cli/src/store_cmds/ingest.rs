//! What `detente ingest` writes to: coded articles stored in batches, one transaction each.

use anyhow::Result;
use detente_store::{BatchSummary, Coding, Store};

use super::DbArg;

/// Feeds coded articles into the store in batches (one transaction each). Re-running an ingest is safe:
/// stored articles are skipped, changed ones replaced.
pub struct IngestSink {
    store: Store,
    pending: Vec<detente_records::CodedArticle>,
    batch: usize,
    coding: Coding,
    pub summary: BatchSummary,
}

impl IngestSink {
    pub fn open(db: &DbArg, batch: usize, coding: &Coding) -> Result<IngestSink> {
        Ok(IngestSink {
            store: Store::open(db.path())?,
            pending: Vec::with_capacity(batch.max(1)),
            batch: batch.max(1),
            coding: coding.clone(),
            summary: Default::default(),
        })
    }

    pub fn push(&mut self, article: detente_records::CodedArticle) -> Result<()> {
        self.pending.push(article);
        if self.pending.len() >= self.batch {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        if !self.pending.is_empty() {
            let done = self.store.ingest_batch(&self.pending, &self.coding)?;
            self.summary.add(&done);
            self.pending.clear();
        }
        Ok(())
    }

    /// Stores what is pending and returns the totals.
    pub fn finish(mut self) -> Result<BatchSummary> {
        self.flush()?;
        Ok(self.summary)
    }
}

/// `12 new, 3 replaced, 40 unchanged, 2 copies of stored texts, 5 near-duplicates; 130 events, 41 quotes`.
pub fn summary_line(s: &BatchSummary) -> String {
    format!(
        "{} new ({} copies of a stored text and {} near-duplicates among them, linked to their first copy), \
         {} replaced, {} unchanged; {} events, {} quotes stored",
        s.inserted, s.same_text, s.near_duplicates, s.replaced, s.unchanged, s.events, s.quotes
    )
}
