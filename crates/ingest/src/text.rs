//! Plain text: the first line is the title when a blank line follows it; the text is kept as written.

use std::io::BufRead;
use std::path::Path;

use crate::{
    Article, ArticleResult, InputError, ReadOptions, detect::strip_compression_suffix, read_document, text_id,
};

/// A first line longer than this is a paragraph, not a headline, even when a blank line follows.
const MAX_TITLE_CHARS: usize = 300;

pub(crate) fn read_text(name: &str, reader: Box<dyn BufRead + Send>, options: &ReadOptions) -> Vec<ArticleResult> {
    let bytes = match read_document(name, reader, options.max_read_bytes()) {
        Ok(bytes) => bytes,
        Err(err) => return vec![Err(err)],
    };
    let mut items = Vec::new();
    let content = match String::from_utf8(bytes) {
        Ok(content) => content,
        Err(err) => {
            // Not UTF-8 but not binary either (the sniffer said so): an 8-bit encoding. Windows-1252, the
            // superset of Latin-1, reads most of them right; the warning says it was a guess.
            let valid = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            let line = 1 + memchr::memchr_iter(b'\n', &bytes[..valid]).count();
            items.push(Err(InputError::line(
                name,
                line,
                "not UTF-8 (first bad byte on this line): read as Windows-1252 (Latin-1); save the file as UTF-8 to be sure",
            )
            .into_warning()));
            encoding_rs::WINDOWS_1252.decode(&bytes).0.into_owned()
        }
    };
    items.push(text_article(name, &content, options));
    items
}

fn text_article(name: &str, content: &str, options: &ReadOptions) -> ArticleResult {
    let content = content.strip_prefix('\u{feff}').unwrap_or(content);
    if content.trim().is_empty() {
        return Err(InputError::file(name, "empty file"));
    }
    let (title, text) = split_title(content);
    let text = text.trim();
    let id = file_stem(name).unwrap_or_else(|| text_id(text));
    let article = Article {
        id,
        title: title.map(str::to_string),
        text: text.to_string(),
        ..Article::default()
    };
    options.admit(article, |reason| InputError::file(name, reason))
}

/// Splits off the title: the first line, when it is short, not blank, and followed by a blank line
/// with more text after it.
pub(crate) fn split_title(content: &str) -> (Option<&str>, &str) {
    let content = content.trim_start_matches(['\n', '\r']);
    let Some(first_end) = content.find('\n') else {
        return (None, content);
    };
    let first = content[..first_end].trim();
    let rest = &content[first_end + 1..];
    let second_end = rest.find('\n').unwrap_or(rest.len());
    let second_blank = rest[..second_end].trim().is_empty();
    let body = rest[second_end..].trim();
    if first.is_empty() || !second_blank || body.is_empty() || first.chars().count() > MAX_TITLE_CHARS {
        return (None, content);
    }
    (Some(first), &rest[second_end..])
}

/// The id of a file article: its name without directories and extensions (`a/b.txt.gz` → `b`).
pub(crate) fn file_stem(name: &str) -> Option<String> {
    if name == "-" {
        return None;
    }
    let file = Path::new(name).file_name()?.to_str()?;
    let file = strip_compression_suffix(file);
    let stem = match file.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => file,
    };
    Some(stem.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_needs_a_blank_line_after_it() {
        assert_eq!(
            split_title("Headline\n\nBody one.\nBody two.\n"),
            (Some("Headline"), "\nBody one.\nBody two.\n")
        );
        assert_eq!(split_title("Headline\r\n\r\nBody.").0, Some("Headline"));
        assert_eq!(split_title("Line one.\nLine two.\n\nLine three.").0, None);
        assert_eq!(split_title("Only a line.").0, None);
        assert_eq!(split_title("Only a line.\n\n").0, None);
        let long = format!("{}\n\nBody.", "word ".repeat(100));
        assert_eq!(split_title(&long).0, None);
    }

    #[test]
    fn stems() {
        assert_eq!(file_stem("dir/sub/report-12.txt").as_deref(), Some("report-12"));
        assert_eq!(file_stem("x.txt.gz").as_deref(), Some("x"));
        assert_eq!(file_stem("y.TXT.XZ").as_deref(), Some("y"));
        assert_eq!(file_stem("z.txt.zst").as_deref(), Some("z"));
        assert_eq!(file_stem("noext").as_deref(), Some("noext"));
        assert_eq!(file_stem("-"), None);
    }
}
