//! JSON Lines: one object per line with `text` (required) and `id`, `title`, `date`, `source`, `url`.
//! A bad line is an [`InputError`] with its line number; reading goes on with the next line.

use std::collections::VecDeque;
use std::io::{self, BufRead};

use serde_json::{Map, Value};

use crate::date::{DateOrder, date_warning, parse_date};
use crate::{Article, ArticleResult, InputError, ReadOptions, describe_io_error, text_id};

/// Streams articles from JSON Lines, one line at a time; a line longer than the limit is skipped
/// without being held in memory.
pub(crate) struct JsonLinesReader {
    name: String,
    reader: Box<dyn BufRead + Send>,
    options: ReadOptions,
    line_no: usize,
    buf: Vec<u8>,
    max_line: usize,
    /// Items of the last line not yet handed out (a warning, then its article).
    queued: VecDeque<ArticleResult>,
    done: bool,
}

impl JsonLinesReader {
    pub(crate) fn new(name: String, reader: Box<dyn BufRead + Send>, options: ReadOptions) -> JsonLinesReader {
        JsonLinesReader {
            name,
            reader,
            max_line: options.max_read_bytes(),
            options,
            line_no: 0,
            buf: Vec::new(),
            queued: VecDeque::new(),
            done: false,
        }
    }

    /// The same reader with another line-length limit (tests use a small one).
    #[cfg(test)]
    pub(crate) fn with_max_line(mut self, max_line: usize) -> JsonLinesReader {
        self.max_line = max_line;
        self
    }
}

/// What reading one line gave.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum LineRead {
    Eof,
    Line,
    /// The line was longer than the limit; its length in bytes. It was consumed, not kept.
    TooLong(u64),
}

/// Reads one line (with its `\n`) into `buf`, keeping at most `limit` bytes in memory.
pub(crate) fn read_line_bounded(reader: &mut dyn BufRead, buf: &mut Vec<u8>, limit: usize) -> io::Result<LineRead> {
    buf.clear();
    let mut total: u64 = 0;
    let mut too_long = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        if available.is_empty() {
            return Ok(match (total, too_long) {
                (0, _) => LineRead::Eof,
                (_, true) => LineRead::TooLong(total),
                (_, false) => LineRead::Line,
            });
        }
        let (take, found_newline) = match memchr::memchr(b'\n', available) {
            Some(i) => (i + 1, true),
            None => (available.len(), false),
        };
        total += take as u64;
        if !too_long {
            if buf.len() + take > limit {
                too_long = true;
                *buf = Vec::new();
            } else {
                buf.extend_from_slice(&available[..take]);
            }
        }
        reader.consume(take);
        if found_newline {
            return Ok(if too_long {
                LineRead::TooLong(total)
            } else {
                LineRead::Line
            });
        }
    }
}

impl Iterator for JsonLinesReader {
    type Item = ArticleResult;

    fn next(&mut self) -> Option<ArticleResult> {
        if let Some(item) = self.queued.pop_front() {
            return Some(item);
        }
        while !self.done {
            self.line_no += 1;
            let line_no = self.line_no;
            match read_line_bounded(&mut self.reader, &mut self.buf, self.max_line) {
                Ok(LineRead::Eof) => {
                    self.done = true;
                    if line_no == 1 {
                        return Some(Err(InputError::file(&self.name, "empty file")));
                    }
                }
                Ok(LineRead::TooLong(len)) => {
                    let message = format!(
                        "line of {len} bytes is longer than the {} byte limit; skipped",
                        self.max_line
                    );
                    return Some(Err(InputError::line(&self.name, line_no, message)));
                }
                Ok(LineRead::Line) => {
                    self.queued = parse_line(&self.name, line_no, &self.buf, &self.options).into();
                    if let Some(item) = self.queued.pop_front() {
                        return Some(item);
                    }
                }
                Err(err) => {
                    self.done = true;
                    return Some(Err(InputError::line(&self.name, line_no, describe_io_error(&err))));
                }
            }
        }
        None
    }
}

/// One line to its items: nothing for a blank line, else an article or an error, the article preceded
/// by a warning when its date could not be read.
fn parse_line(name: &str, line_no: usize, bytes: &[u8], options: &ReadOptions) -> Vec<ArticleResult> {
    let bytes = if line_no == 1 {
        bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
    } else {
        bytes
    };
    let error = |message: String| vec![Err(InputError::line(name, line_no, message))];
    let line = match std::str::from_utf8(bytes) {
        Ok(line) => line.trim(),
        Err(err) => return error(format!("invalid UTF-8 at byte {} of the line", err.valid_up_to() + 1)),
    };
    if line.is_empty() {
        return Vec::new();
    }
    let object = match serde_json::from_str::<Value>(line) {
        Ok(Value::Object(object)) => object,
        Ok(_) => return error("expected a JSON object".to_string()),
        Err(err) => return error(format!("invalid JSON: {err}")),
    };
    match article_from_object(object, options.date_order) {
        Ok((article, date_problem)) => {
            let mut items = Vec::with_capacity(2);
            if let Some(problem) = date_problem {
                items.push(Err(InputError::line(name, line_no, problem).into_warning()));
            }
            items.push(options.admit(article, |reason| InputError::line(name, line_no, reason)));
            items
        }
        Err(message) => error(message),
    }
}

/// An article from a JSON object with `text` and optional metadata, and the warning about its date when
/// it has one that cannot be read. The Python package reads its dicts and Arrow rows through this too, so
/// they code like the CLI's input.
pub fn article_from_object(
    mut object: Map<String, Value>,
    order: DateOrder,
) -> Result<(Article, Option<String>), String> {
    let text = match object.remove("text") {
        Some(Value::String(text)) => text,
        Some(Value::Null) | None => return Err("missing \"text\"".to_string()),
        Some(_) => return Err("\"text\" is not a string".to_string()),
    };
    if text.trim().is_empty() {
        return Err("empty \"text\"".to_string());
    }
    let mut field = |key: &str| match object.remove(key) {
        Some(Value::String(value)) => Some(value.trim().to_string()).filter(|value| !value.is_empty()),
        Some(Value::Number(number)) => Some(number.to_string()),
        _ => None,
    };
    let id = field("id").unwrap_or_else(|| text_id(&text));
    let title = field("title");
    let (date, date_problem) = match field("date").map(|raw| (parse_date(&raw, order), raw)) {
        None => (None, None),
        Some((Ok(date), _)) => (Some(date), None),
        Some((Err(problem), raw)) => (None, Some(date_warning(&raw, problem))),
    };
    let source = field("source");
    let url = field("url");
    let article = Article {
        id,
        source,
        date,
        title,
        url,
        text,
    };
    Ok((article, date_problem))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn reader(bytes: &[u8], max_line: usize) -> JsonLinesReader {
        JsonLinesReader::new(
            "t.jsonl".into(),
            Box::new(Cursor::new(bytes.to_vec())),
            ReadOptions::default(),
        )
        .with_max_line(max_line)
    }

    #[test]
    fn long_line_is_an_error_and_the_next_line_is_read() {
        let mut input = Vec::new();
        input.extend_from_slice(b"{\"text\": \"");
        input.extend(std::iter::repeat_n(b'a', 10_000));
        input.extend_from_slice(b"\"}\n{\"text\": \"Short one.\", \"id\": 7}\n");
        let items: Vec<_> = reader(&input, 1000).collect();
        assert_eq!(items.len(), 2);
        let err = items[0].as_ref().unwrap_err();
        assert_eq!(err.line, Some(1));
        assert!(err.message.contains("longer than"), "{err}");
        let article = items[1].as_ref().unwrap();
        assert_eq!(article.id, "7");
        assert_eq!(article.text, "Short one.");
    }

    #[test]
    fn bounded_line_reader_counts_bytes_of_a_skipped_line() {
        let mut cursor = Cursor::new(b"abcdefghij\nxy".to_vec());
        let mut buf = Vec::new();
        assert_eq!(
            read_line_bounded(&mut cursor, &mut buf, 4).unwrap(),
            LineRead::TooLong(11)
        );
        assert!(buf.is_empty());
        assert_eq!(read_line_bounded(&mut cursor, &mut buf, 4).unwrap(), LineRead::Line);
        assert_eq!(buf, b"xy");
        assert_eq!(read_line_bounded(&mut cursor, &mut buf, 4).unwrap(), LineRead::Eof);
    }

    #[test]
    fn metadata_fields_and_default_id() {
        let line = br#"{"text": "The envoy arrived.", "title": " Talks ", "date": "Jan 12, 2022", "source": "Wire", "url": "https://example.org/a"}"#;
        let article = reader(line, 1 << 20).next().unwrap().unwrap();
        assert_eq!(article.title.as_deref(), Some("Talks"));
        assert_eq!(article.date.as_deref(), Some("2022-01-12"));
        assert_eq!(article.source.as_deref(), Some("Wire"));
        assert_eq!(article.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(article.id, text_id("The envoy arrived."));
        assert_eq!(article.id.len(), 16);
    }
}
