//! Near-duplicate detection: MinHash over word 4-shingles with LSH banding, stored in SQLite so a lookup
//! is a few indexed probes however many articles are stored.
//!
//! With 128 hashes in 32 bands of 4 rows, two texts whose shingle sets have Jaccard similarity J become
//! candidates with probability 1 − (1 − J⁴)³²: 0.87 at J = 0.5, 0.99 at J = 0.6, and 0.007 at J = 0.2.
//! Candidates are then confirmed on the signature's estimated Jaccard similarity (≥ [`THRESHOLD`]).

use rusqlite::OptionalExtension;
use rusqlite::{Transaction, params};
use xxhash_rust::xxh3::xxh3_64;

use crate::Result;

pub const HASHES: usize = 128;
pub const BANDS: usize = 32;
pub const ROWS: usize = HASHES / BANDS;
pub const SHINGLE: usize = 4;
/// Estimated Jaccard similarity of the shingle sets from which an article is a near-duplicate. A wire story
/// with a changed lead, a dropped paragraph or a few edited words stays well above it; two different stories
/// on the same subject share few 4-word sequences and stay far below.
pub const THRESHOLD: f64 = 0.5;

fn mix(mut x: u64) -> u64 {
    // splitmix64's finaliser: a cheap bijective mix, so each seed gives an independent-looking permutation.
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

const fn seed(i: usize) -> u64 {
    (i as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// A MinHash signature of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(pub [u32; HASHES]);

impl Signature {
    /// The signature of a text's lower-cased word 4-shingles; None for a text without words.
    pub fn of(text: &str) -> Option<Signature> {
        let mut word_hashes: Vec<u64> = Vec::new();
        let mut lower = String::new();
        for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase));
            word_hashes.push(xxh3_64(lower.as_bytes()));
        }
        if word_hashes.is_empty() {
            return None;
        }
        let mut mins = [u32::MAX; HASHES];
        let mut shingle = [0u8; 8 * SHINGLE];
        for window in word_hashes.windows(SHINGLE.min(word_hashes.len())) {
            shingle.fill(0);
            for (i, h) in window.iter().enumerate() {
                shingle[i * 8..i * 8 + 8].copy_from_slice(&h.to_le_bytes());
            }
            let base = xxh3_64(&shingle);
            for (i, min) in mins.iter_mut().enumerate() {
                let value = (mix(base ^ seed(i)) >> 32) as u32;
                if value < *min {
                    *min = value;
                }
            }
        }
        Some(Signature(mins))
    }

    /// The share of equal positions: an estimate of the shingle sets' Jaccard similarity.
    pub fn similarity(&self, other: &Signature) -> f64 {
        let same = self.0.iter().zip(other.0.iter()).filter(|(a, b)| a == b).count();
        same as f64 / HASHES as f64
    }

    /// One hash per LSH band.
    pub fn bands(&self) -> [i64; BANDS] {
        let mut out = [0i64; BANDS];
        for (band, chunk) in self.0.chunks(ROWS).enumerate() {
            let mut bytes = [0u8; 4 * ROWS];
            for (i, v) in chunk.iter().enumerate() {
                bytes[i * 4..i * 4 + 4].copy_from_slice(&v.to_le_bytes());
            }
            out[band] = xxh3_64(&bytes) as i64;
        }
        out
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    pub fn from_bytes(bytes: &[u8]) -> Option<Signature> {
        if bytes.len() != 4 * HASHES {
            return None;
        }
        let mut mins = [0u32; HASHES];
        for (i, chunk) in bytes.chunks_exact(4).enumerate() {
            mins[i] = u32::from_le_bytes(chunk.try_into().expect("4 bytes"));
        }
        Some(Signature(mins))
    }
}

pub fn store_signature(tx: &Transaction, article: i64, signature: &Signature) -> Result<()> {
    tx.prepare_cached("INSERT OR REPLACE INTO signatures(article, minhash) VALUES (?1, ?2)")?
        .execute(params![article, signature.to_bytes()])?;
    let mut band_insert =
        tx.prepare_cached("INSERT OR IGNORE INTO minhash_bands(band, hash, article) VALUES (?1, ?2, ?3)")?;
    for (band, hash) in signature.bands().iter().enumerate() {
        band_insert.execute(params![band as i64, hash, article])?;
    }
    Ok(())
}

/// Removes an article's signature and its LSH band rows (found from the signature: the band table has no
/// index on the article).
pub fn delete_signature(tx: &Transaction, article: i64) -> Result<()> {
    let stored: Option<Vec<u8>> = tx
        .prepare_cached("SELECT minhash FROM signatures WHERE article = ?1")?
        .query_row([article], |row| row.get(0))
        .optional()?;
    let Some(signature) = stored.as_deref().and_then(Signature::from_bytes) else {
        return Ok(());
    };
    let mut band_delete =
        tx.prepare_cached("DELETE FROM minhash_bands WHERE band = ?1 AND hash = ?2 AND article = ?3")?;
    for (band, hash) in signature.bands().iter().enumerate() {
        band_delete.execute(params![band as i64, hash, article])?;
    }
    tx.prepare_cached("DELETE FROM signatures WHERE article = ?1")?
        .execute([article])?;
    Ok(())
}

/// The earliest stored article (lowest key) stored before `article` whose signature is similar enough, with
/// its own `duplicate_of` link (so a copy of a copy links to the first copy). Only earlier articles count:
/// the first copy of a story is never linked to a later one.
pub fn find_original(
    tx: &Transaction,
    article: i64,
    signature: &Signature,
) -> Result<Option<(i64, String, Option<String>)>> {
    let mut candidates: Vec<i64> = Vec::new();
    {
        let mut probe = tx.prepare_cached("SELECT article FROM minhash_bands WHERE band = ?1 AND hash = ?2")?;
        for (band, hash) in signature.bands().iter().enumerate() {
            let rows = probe.query_map(params![band as i64, hash], |row| row.get::<_, i64>(0))?;
            for pk in rows {
                let pk = pk?;
                if pk < article {
                    candidates.push(pk);
                }
            }
        }
    }
    candidates.sort_unstable();
    candidates.dedup();
    let mut load = tx.prepare_cached(
        "SELECT s.minhash, a.id, a.duplicate_of FROM signatures s JOIN articles a ON a.pk = s.article \
         WHERE s.article = ?1",
    )?;
    for pk in candidates {
        let (bytes, id, duplicate_of): (Vec<u8>, String, Option<String>) =
            load.query_row([pk], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?;
        if Signature::from_bytes(&bytes).is_some_and(|other| other.similarity(signature) >= THRESHOLD) {
            return Ok(Some((pk, id, duplicate_of)));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "Foreign ministers of the alliance met in a lakeside town on Tuesday to discuss \
        supplies of air defence systems for the coming winter. The talks lasted six hours and ended \
        with a joint statement that promised more deliveries before December. Officials said the \
        shipments would include radar units, spare parts and training for crews. One minister told \
        reporters that the meeting had been difficult but productive, and that a follow-up session \
        was planned for the spring in the capital.";

    #[test]
    fn light_edits_stay_similar_and_other_stories_do_not() {
        let original = Signature::of(STORY).unwrap();
        let edited = STORY
            .replace("on Tuesday", "on Tuesday evening")
            .replace("six hours", "seven hours")
            .replace("One minister told reporters", "A senior minister told journalists");
        let edited = Signature::of(&edited).unwrap();
        assert!(
            original.similarity(&edited) >= THRESHOLD,
            "{}",
            original.similarity(&edited)
        );
        let other = Signature::of(
            "Farmers in the northern provinces protested on Tuesday against new rules on water use. \
             Hundreds of tractors blocked roads into the capital, and police said the protest was \
             peaceful. The agriculture ministry promised talks with the farmers' unions next week.",
        )
        .unwrap();
        assert!(original.similarity(&other) < 0.2, "{}", original.similarity(&other));
        assert_eq!(Signature::from_bytes(&original.to_bytes()), Some(original.clone()));
        assert_eq!(original.similarity(&original), 1.0);
        assert!(Signature::of(" ... ").is_none());
        // Case and punctuation do not matter.
        assert_eq!(
            Signature::of("Talks ended, quietly."),
            Signature::of("talks ended quietly")
        );
    }
}
