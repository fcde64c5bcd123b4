//! What every fuzz target checks beyond "no panic, no hang": readers give sound articles and errors that
//! name their input, and the coder keeps the span contract and is deterministic.

pub mod compress;

use std::sync::OnceLock;

use detente_coder::Coder;
use detente_ingest::{ArticleResult, Format, ReadOptions, read_bytes, read_bytes_with};

/// The built-in coder, built once per fuzzing process.
pub fn coder() -> &'static Coder {
    static CODER: OnceLock<Coder> = OnceLock::new();
    CODER.get_or_init(|| Coder::builtin().expect("built-in dictionaries load"))
}

/// Reads `data` as `format` under `name` and checks every item; returns the articles.
pub fn read_and_check(name: &str, format: Option<Format>, data: &[u8]) -> Vec<detente_ingest::Article> {
    let items: Vec<ArticleResult> = read_bytes(name, format, data.to_vec()).collect();
    check_items(name, item_budget(data), &items);
    items.into_iter().filter_map(Result::ok).collect()
}

/// [`read_and_check`] with options.
pub fn read_with_options_and_check(
    name: &str,
    format: Option<Format>,
    data: &[u8],
    options: &ReadOptions,
) -> Vec<detente_ingest::Article> {
    let items: Vec<ArticleResult> = read_bytes_with(name, format, data.to_vec(), options).collect();
    check_items(name, item_budget(data), &items);
    items.into_iter().filter_map(Result::ok).collect()
}

/// The bytes the readers may see: the input, or for compressed input (gzip, xz, bzip2, zstd, which the readers
/// decompress whatever the name) what a compressor can expand it to: a 636-byte gzip became 2,748 lines, and
/// bzip2 expands the most.
fn item_budget(data: &[u8]) -> usize {
    const MAGICS: &[&[u8]] = &[b"\x1f\x8b", b"\xfd7zXZ\x00", b"BZh", b"\x28\xb5\x2f\xfd"];
    if MAGICS.iter().any(|m| data.starts_with(m)) {
        data.len().saturating_mul(50_000)
    } else {
        data.len()
    }
}

/// Articles have an id and text; errors name the input; a reader never yields more than two items (an
/// article and its warning) per input byte, which catches a reader that loops on the same position.
pub fn check_items(name: &str, input_len: usize, items: &[ArticleResult]) {
    assert!(
        items.len() <= 2 * input_len + 2,
        "{} items from {input_len} bytes",
        items.len()
    );
    for item in items {
        match item {
            Ok(article) => {
                assert!(!article.id.is_empty(), "article without id");
                assert!(!article.text.trim().is_empty(), "article without text: {article:?}");
                if let Some(date) = &article.date {
                    assert!(is_iso_date(date), "date not YYYY-MM-DD: {date:?}");
                }
            }
            Err(err) => {
                assert_eq!(err.file, name, "error names another input: {err}");
                assert!(!err.message.is_empty());
            }
        }
    }
}

fn is_iso_date(date: &str) -> bool {
    let b = date.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// Codes an article text and checks the span contract; with `twice`, also that coding is deterministic.
pub fn code_and_check(text: &str, date: Option<&str>, twice: bool) {
    let article = detente_ingest::Article {
        id: "fuzz".into(),
        date: date.map(str::to_string),
        text: text.to_string(),
        ..Default::default()
    };
    let coded = coder().code(&article);
    let problems = detente_records::span_problems(text, &coded);
    assert!(problems.is_empty(), "span contract broken: {problems:?}");
    if twice {
        assert_eq!(coded, coder().code(&article), "coding is not deterministic");
    }
}

/// Fuzz bytes as text: valid UTF-8 as is, anything else decoded lossily (so every input is used).
pub fn as_text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}
