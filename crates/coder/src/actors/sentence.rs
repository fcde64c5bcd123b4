//! Reading the current sentence: words before and after a position, leading articles, quotation ranges.
//! All positions are absolute byte offsets, bounded by the sentence.

/// Characters that may stand before the first word of a sentence.
pub(super) const OPENING_QUOTES: &[char] = &['"', '“', '‘', '\'', '(', '[', '«', ' ', '—', '-'];

use super::article::ArticleState;
use super::matcher::Hit;

impl<'a> ArticleState<'a> {
    /// The word (letters, inner apostrophes, hyphens, periods) starting at `pos`, without a possessive.
    pub(super) fn word_at(&self, pos: usize) -> &'a str {
        let s = &self.text[pos..self.sentence_end];
        // ASCII letters and digits without decoding (most words); the loop goes on from the first other
        // character.
        let ascii = s.bytes().take_while(u8::is_ascii_alphanumeric).count();
        let mut end = ascii;
        for (i, c) in s[ascii..].char_indices() {
            let i = i + ascii;
            if c.is_alphanumeric() {
                end = i + c.len_utf8();
                continue;
            }
            if end == i && i > 0 && matches!(c, '-' | '.' | '\'' | '’') {
                let rest = &s[i + c.len_utf8()..];
                let next = rest.chars().next();
                let possessive =
                    matches!(c, '\'' | '’') && next == Some('s') && !rest[1..].starts_with(char::is_alphanumeric);
                if !possessive && next.is_some_and(char::is_alphanumeric) {
                    continue;
                }
                // An initial: "J."
                if c == '.' && i == 1 && s.starts_with(|c: char| c.is_ascii_uppercase()) {
                    end = 2;
                }
            }
            break;
        }
        &s[..end]
    }

    /// Position after white space from `pos`.
    pub(super) fn skip_space(&self, pos: usize) -> usize {
        let s = &self.text[pos..self.sentence_end];
        pos + (s.len() - s.trim_start().len())
    }

    /// The word before `pos` (skipping white space), with its start.
    pub(super) fn word_before(&self, pos: usize) -> Option<(usize, &'a str)> {
        let s = self.text[self.sentence_start..pos].trim_end();
        let end = self.sentence_start + s.len();
        let start = s
            .rfind(|c: char| !(c.is_alphanumeric() || c == '-' || c == '.' || c == '\'' || c == '’'))
            .map(|i| i + s[i..].chars().next().map_or(1, char::len_utf8));
        let start = self.sentence_start + start.unwrap_or(0);
        (start < end).then(|| (start, &self.text[start..end]))
    }

    pub(super) fn is_sentence_initial(&self, pos: usize) -> bool {
        self.text[self.sentence_start..pos]
            .trim_start_matches(OPENING_QUOTES)
            .is_empty()
    }

    /// A leading article is not part of a span.
    pub(super) fn strip_article(&self, start: usize, end: usize) -> usize {
        let s = &self.text[start..end];
        for a in ["the ", "The ", "THE "] {
            if s.len() > a.len() && s.starts_with(a) {
                return start + a.len();
            }
        }
        start
    }

    pub(super) fn in_quote(&self, pos: usize) -> bool {
        // The ranges are in text order and do not overlap.
        let i = self.quoted.partition_point(|&(_, e)| e <= pos);
        self.quoted.get(i).is_some_and(|&(s, _)| s <= pos)
    }

    pub(super) fn given_gender(&self, name: &str) -> Option<char> {
        let first = name.split_whitespace().next()?;
        let lower = first.to_lowercase();
        self.dict().given_names.get(&lower).copied().filter(|&g| g != '?')
    }

    pub(super) fn is_given_name(&self, word: &str) -> bool {
        self.dict().given_names.contains_key(&word.to_lowercase())
    }

    /// True when `a` ends right before `b` with only white space between (or a possessive, when allowed).
    pub(super) fn adjacent(&self, end: usize, start: usize, possessive: bool) -> bool {
        if start < end {
            return false;
        }
        let gap = &self.text[end..start];
        if gap.is_empty() {
            return false;
        }
        // "Stevens' deputy": a bare apostrophe after a final s.
        let gap = if possessive {
            gap.trim_start_matches("'s")
                .trim_start_matches("’s")
                .trim_start_matches(['\'', '’'])
        } else {
            gap
        };
        !gap.is_empty() && gap.chars().all(|c| c == ' ' || c == '\u{a0}')
    }
}

/// The hits of `hits` (in text order) that overlap [start, end): a binary search, then a short walk.
pub(super) fn hits_within(hits: &[Hit], start: usize, end: usize) -> &[Hit] {
    let from = hits.partition_point(|h| h.end <= start);
    let to = from + hits[from..].partition_point(|h| h.start < end);
    &hits[from..to]
}

/// The last hit that ends at or before `pos`.
pub(super) fn hit_before(hits: &[Hit], pos: usize) -> Option<&Hit> {
    let i = hits.partition_point(|h| h.end <= pos);
    i.checked_sub(1).map(|k| &hits[k])
}

/// Which quotation ranges of the sentence are open; returns whether a quotation is still open at the end.
pub(super) fn quoted_ranges(
    text: &str,
    start: usize,
    end: usize,
    mut open: bool,
    out: &mut Vec<(usize, usize)>,
) -> bool {
    out.clear();
    let bytes = &text.as_bytes()[start..end];
    let mut open_at = if open { Some(start) } else { None };
    for i in memchr::memchr2_iter(b'"', 0xE2, bytes) {
        let pos = start + i;
        let closing = match &bytes[i..] {
            [b'"', ..] => open,
            [0xE2, 0x80, 0x9C, ..] | [0xE2, 0x80, 0x9E, ..] => false, // “ „
            [0xE2, 0x80, 0x9D, ..] => true,                           // ”
            _ => continue,
        };
        if closing {
            if let Some(s) = open_at.take() {
                out.push((s, pos));
            }
            open = false;
        } else {
            open_at = Some(pos);
            open = true;
        }
    }
    if let Some(s) = open_at {
        out.push((s, end));
    }
    open
}

/// "NATO", "ICG": an all-caps word is an organisation, not a name part.
pub(super) fn is_upper_acronym(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && w.chars().all(|c| c.is_uppercase() || c == '.')
}

/// At most the first `n` bytes of `s`, cut at a character boundary: bounded looks into long sentences.
pub(super) fn head_of(s: &str, n: usize) -> &str {
    if s.len() <= n {
        return s;
    }
    let mut end = n;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}
