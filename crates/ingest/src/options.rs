//! What a user can set about reading: the CSV text column, the order of ambiguous numeric dates, the
//! per-document budget and how many problems of one input are shown.

use crate::{Article, ArticleResult, DateOrder, InputError, MAX_DOCUMENT_BYTES};

/// How inputs are read. `ReadOptions::default()` is what `detente` does without flags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// The CSV column holding the article text (default: `text`, in any case).
    pub text_column: Option<String>,
    /// How to read numeric dates whose day and month could be swapped.
    pub date_order: DateOrder,
    /// Documents beyond it are skipped with an error instead of being coded.
    pub budget: Budget,
    /// Problems of one input shown one by one; the rest are counted in one summary line.
    pub max_problems_shown: usize,
    /// An input that gave this many errors and not one article is abandoned (random bytes, the wrong
    /// format, a decompression bomb of junk lines): the run moves on to the next input.
    pub max_errors_without_article: usize,
}

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            text_column: None,
            date_order: DateOrder::Refuse,
            budget: Budget::default(),
            max_problems_shown: 20,
            max_errors_without_article: 1000,
        }
    }
}

impl ReadOptions {
    /// The largest document read into memory: the hard cap, or the budget when that is larger.
    pub(crate) fn max_read_bytes(&self) -> usize {
        MAX_DOCUMENT_BYTES.max(self.budget.max_bytes)
    }

    /// The article, or an error (made by `error` from the reason) when it is over the budget.
    pub(crate) fn admit(&self, article: Article, error: impl FnOnce(String) -> InputError) -> ArticleResult {
        match self.budget.check(&article.text) {
            Ok(()) => Ok(article),
            Err(reason) => Err(error(format!("article {:?} skipped: {reason}", short(&article.id)))),
        }
    }
}

fn short(id: &str) -> String {
    id.chars().take(80).collect()
}

/// The work one document may cost, measured cheaply before coding: its size, and the longest stretch of
/// text without a sentence end (`.`, `!`, `?`, `;` or a line break), which is what makes a sentence-level
/// stage slow on pages without punctuation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// Largest article text, in bytes.
    pub max_bytes: usize,
    /// Longest stretch without a sentence end, in bytes.
    pub max_run_bytes: usize,
}

impl Default for Budget {
    fn default() -> Budget {
        Budget {
            max_bytes: 16 << 20,
            max_run_bytes: 64 << 10,
        }
    }
}

impl Budget {
    /// Ok when the text is within the budget, else why not.
    pub fn check(&self, text: &str) -> Result<(), String> {
        if text.len() > self.max_bytes {
            return Err(format!(
                "{} of text is over the per-document budget of {} (--max-document-mb)",
                human_bytes(text.len()),
                human_bytes(self.max_bytes)
            ));
        }
        // A text no longer than the budget cannot hold a longer run: most articles need no scan.
        if text.len() <= self.max_run_bytes {
            return Ok(());
        }
        let run = longest_run_without_sentence_end(text);
        if run > self.max_run_bytes {
            return Err(format!(
                "{} of text without a sentence end is over the budget of {} (--max-sentence-kb)",
                human_bytes(run),
                human_bytes(self.max_run_bytes)
            ));
        }
        Ok(())
    }
}

/// The longest stretch of `text` between two sentence ends, in bytes. One pass over the bytes; the
/// ends are `.`, `!`, `?`, `;`, a line break, and the CJK, Arabic and Devanagari full stops and marks.
pub fn longest_run_without_sentence_end(text: &str) -> usize {
    const WIDE_ENDS: [&[u8]; 5] = [
        "。".as_bytes(),
        "！".as_bytes(),
        "？".as_bytes(),
        "؟".as_bytes(),
        "।".as_bytes(),
    ];
    let bytes = text.as_bytes();
    let mut longest = 0;
    let mut start = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        let end_len = match byte {
            b'.' | b'!' | b'?' | b';' | b'\n' => 1,
            0xD8 | 0xE0 | 0xE3 | 0xEF => WIDE_ENDS
                .iter()
                .find(|end| bytes[i..].starts_with(end))
                .map_or(0, |end| end.len()),
            _ => 0,
        };
        if end_len > 0 && i >= start {
            longest = longest.max(i - start);
            start = i + end_len;
        }
    }
    longest.max(bytes.len().saturating_sub(start))
}

/// `81,371`: counts with thousands separators.
pub(crate) fn human_count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `12.3 MB`, `256 KB`, `900 bytes`.
pub(crate) fn human_bytes(n: usize) -> String {
    const MB: f64 = (1 << 20) as f64;
    if n >= 1 << 20 {
        let mb = n as f64 / MB;
        if mb.fract() == 0.0 {
            format!("{mb:.0} MB")
        } else {
            format!("{mb:.1} MB")
        }
    } else if n >= 1 << 10 {
        format!("{} KB", n >> 10)
    } else {
        format!("{n} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_between_sentence_ends() {
        assert_eq!(longest_run_without_sentence_end(""), 0);
        assert_eq!(longest_run_without_sentence_end("abc"), 3);
        assert_eq!(longest_run_without_sentence_end("ab. abcdef! a\nabcd"), 7);
        assert_eq!(longest_run_without_sentence_end("北京。上海！"), 6);
        assert_eq!(longest_run_without_sentence_end("。"), 0);
    }

    #[test]
    fn budget_names_what_is_over() {
        let budget = Budget {
            max_bytes: 100,
            max_run_bytes: 10,
        };
        assert!(budget.check("Short. Sentences. Only.").is_ok());
        let long = "word ".repeat(30);
        let err = budget.check(&long).unwrap_err();
        assert!(
            err.contains("150 bytes of text is over") && err.contains("--max-document-mb"),
            "{err}"
        );
        let err = budget.check("one two three four five.").unwrap_err();
        assert!(
            err.contains("without a sentence end") && err.contains("--max-sentence-kb"),
            "{err}"
        );
        // At the limit a run is within budget (a text that short is not scanned), one byte over it is not.
        assert!(budget.check("abcdefghij").is_ok());
        assert!(budget.check("abcdefghijk").is_err());
        assert!(budget.check("abcdefghij.abcdefghij").is_ok());
        assert_eq!(human_bytes(60 << 20), "60 MB");
        assert_eq!(human_bytes(3 << 19), "1.5 MB");
        assert_eq!(human_count(81_371), "81,371");
        assert_eq!(human_count(999), "999");
        assert_eq!(human_count(1_000_000), "1,000,000");
    }
}
