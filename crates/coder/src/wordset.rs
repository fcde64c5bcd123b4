//! Sets of words probed for many tokens of every article, with a fast non-cryptographic hash.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a: word sets are probed for many tokens of every article, and SipHash's DoS resistance buys
/// nothing for a fixed dictionary.
#[derive(Default, Clone, Copy)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A set of words.
pub type WordSet = HashSet<String, BuildHasherDefault<Fnv>>;

/// A map keyed by words.
pub type WordMap<V> = HashMap<String, V, BuildHasherDefault<Fnv>>;

/// `s` in ASCII lower case in `buf` (no allocation for a short word), or None when it is longer than the
/// buffer: callers use it to probe lower-case sets with words as written.
pub fn ascii_lower<'b>(s: &str, buf: &'b mut [u8; 32]) -> Option<&'b str> {
    let bytes = s.as_bytes();
    if bytes.len() > buf.len() {
        return None;
    }
    for (d, b) in buf.iter_mut().zip(bytes) {
        *d = b.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..bytes.len()]).ok()
}
