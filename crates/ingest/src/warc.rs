//! WARC (1.0/1.1): a small streaming reader. Each HTTP `response` record (and each `resource`
//! record) with an HTML body becomes an article, and so does each plain-text `conversion` record
//! (WET files); other records are skipped unread. `.warc.gz` is a
//! multi-member gzip and is decompressed before this reader sees it.

use std::io::{self, BufRead, Read};

use flate2::read::{GzDecoder, ZlibDecoder};

use crate::date::{date_warning, parse_date};
use crate::jsonl::{LineRead, read_line_bounded};
use crate::{
    Article, ArticleResult, Format, InputError, MAX_DOCUMENT_BYTES, ReadOptions, describe_io_error, html, sniff_format,
    text_id,
};

/// Longest WARC header line or HTTP header block kept.
const MAX_HEADER_BYTES: usize = 64 << 10;

pub(crate) struct WarcReader {
    name: String,
    reader: Box<dyn BufRead + Send>,
    options: ReadOptions,
    /// The warning about the last record's article, handed out before it.
    warning: Option<InputError>,
    /// The article after its warning.
    pending: Option<ArticleResult>,
    record_no: usize,
    line: Vec<u8>,
    /// After a malformed record: skip lines until the next `WARC/` version line.
    resync: bool,
    done: bool,
}

impl WarcReader {
    pub(crate) fn new(name: String, reader: Box<dyn BufRead + Send>, options: ReadOptions) -> WarcReader {
        WarcReader {
            name,
            reader,
            options,
            warning: None,
            pending: None,
            record_no: 0,
            line: Vec::new(),
            resync: false,
            done: false,
        }
    }

    fn record_error(&self, message: impl Into<String>) -> InputError {
        InputError::record(&self.name, self.record_no, message)
    }

    /// Reads one line; an I/O error ends the input with an error for the current record.
    fn read_line(&mut self) -> Result<LineRead, InputError> {
        read_line_bounded(&mut self.reader, &mut self.line, MAX_HEADER_BYTES).map_err(|err| {
            self.done = true;
            InputError::record(&self.name, self.record_no.max(1), describe_io_error(&err))
        })
    }

    /// The next record: Ok(None) when it is not an article (or at the end), Err for a bad record.
    fn next_record(&mut self) -> Result<Option<Article>, InputError> {
        self.warning = None;
        // Version line, skipping blank lines between records.
        loop {
            match self.read_line()? {
                LineRead::Eof => {
                    self.done = true;
                    return Ok(None);
                }
                LineRead::TooLong(_) => continue,
                LineRead::Line => {}
            }
            let line = String::from_utf8_lossy(&self.line);
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            if line.starts_with("WARC/") {
                self.resync = false;
                break;
            }
            if !self.resync {
                self.resync = true;
                self.record_no += 1;
                return Err(self.record_error("expected a WARC/1.x version line; skipping to the next record"));
            }
        }
        self.record_no += 1;
        let mut headers: Vec<(String, String)> = Vec::new();
        loop {
            match self.read_line()? {
                LineRead::Eof => {
                    self.done = true;
                    return Err(self.record_error("truncated record (end of input inside the WARC headers)"));
                }
                LineRead::TooLong(_) => continue,
                LineRead::Line => {}
            }
            let line = String::from_utf8_lossy(&self.line);
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                break;
            }
            if let Some((key, value)) = line.split_once(':') {
                headers.push((key.trim().to_ascii_lowercase(), value.trim().to_string()));
            }
        }
        let header = |key: &str| headers.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
        let Some(length) = header("content-length").and_then(|v| v.parse::<u64>().ok()) else {
            self.resync = true;
            return Err(self.record_error("missing or bad Content-Length; skipping to the next record"));
        };
        let warc_type = header("warc-type").unwrap_or("").to_ascii_lowercase();
        let content_type = header("content-type").unwrap_or("").to_ascii_lowercase();
        let is_http_response = warc_type == "response" && content_type.starts_with("application/http");
        let is_html_resource = warc_type == "resource" && content_type.contains("html");
        // WET files (text extracted by the crawler): one paragraph per line already.
        let is_text_conversion = warc_type == "conversion" && content_type.starts_with("text/plain");
        if !(is_http_response || is_html_resource || is_text_conversion) {
            return self.skip_block(length).map(|()| None);
        }
        if length > self.options.max_read_bytes() as u64 {
            self.skip_block(length)?;
            return Err(self.record_error(format!("record of {length} bytes is larger than the limit; skipped")));
        }
        let mut block = Vec::with_capacity(length as usize);
        if let Err(err) = (&mut self.reader).take(length).read_to_end(&mut block) {
            self.done = true;
            return Err(self.record_error(describe_io_error(&err)));
        }
        if (block.len() as u64) < length {
            self.done = true;
            return Err(self.record_error(format!("truncated record ({} of {length} bytes)", block.len())));
        }
        if is_text_conversion {
            let text = String::from_utf8_lossy(&block).trim().to_string();
            if text.is_empty() {
                return Ok(None);
            }
            let id = record_id(header("warc-record-id")).unwrap_or_else(|| text_id(&text));
            let url = record_id(header("warc-target-uri"));
            let date = header("warc-date").and_then(|raw| self.record_date(raw));
            return Ok(Some(Article {
                id,
                url,
                date,
                text,
                ..Article::default()
            }));
        }
        let (body, charset) = if is_http_response {
            match http_html_body(block).map_err(|message| self.record_error(message))? {
                Some(found) => found,
                None => return Ok(None),
            }
        } else {
            (block, charset_of(&content_type))
        };
        let html =
            html::decode_html(&self.name, &body, charset.as_deref()).map_err(|err| self.record_error(err.message))?;
        let (mut article, page_date_problem) = html::html_article(&self.name, &html, self.options.date_order)
            .map_err(|err| self.record_error(err.message))?;
        if let Some(id) = record_id(header("warc-record-id")) {
            article.id = id;
        }
        if let Some(uri) = record_id(header("warc-target-uri")) {
            article.url = Some(uri);
        }
        // The record's date is the WARC date (the capture), as documented; the page's own date is the
        // fallback when the record has none.
        match header("warc-date") {
            Some(raw) => {
                if let Some(date) = self.record_date(raw) {
                    article.date = Some(date);
                }
            }
            None => {
                if let Some(problem) = page_date_problem {
                    self.warning = Some(self.record_error(problem).into_warning());
                }
            }
        }
        Ok(Some(article))
    }

    /// The record's WARC-Date; a warning for the record when it cannot be read.
    fn record_date(&mut self, raw: &str) -> Option<String> {
        match parse_date(raw, self.options.date_order) {
            Ok(date) => Some(date),
            Err(problem) => {
                self.warning = Some(self.record_error(date_warning(raw, problem)).into_warning());
                None
            }
        }
    }

    fn skip_block(&mut self, length: u64) -> Result<(), InputError> {
        match io::copy(&mut (&mut self.reader).take(length), &mut io::sink()) {
            Ok(copied) if copied == length => Ok(()),
            Ok(copied) => {
                self.done = true;
                Err(self.record_error(format!("truncated record ({copied} of {length} bytes)")))
            }
            Err(err) => {
                self.done = true;
                Err(self.record_error(describe_io_error(&err)))
            }
        }
    }
}

impl Iterator for WarcReader {
    type Item = ArticleResult;

    fn next(&mut self) -> Option<ArticleResult> {
        if let Some(item) = self.pending.take() {
            return Some(item);
        }
        while !self.done {
            match self.next_record() {
                Ok(Some(article)) => {
                    let record = self.record_no;
                    let admitted = self
                        .options
                        .admit(article, |reason| InputError::record(&self.name, record, reason));
                    return match self.warning.take() {
                        Some(warning) => {
                            self.pending = Some(admitted);
                            Some(Err(warning))
                        }
                        None => Some(admitted),
                    };
                }
                Ok(None) => {}
                Err(err) => return Some(Err(err)),
            }
        }
        None
    }
}

/// A record id or target URI without its angle brackets; None when absent or empty.
fn record_id(header: Option<&str>) -> Option<String> {
    header
        .map(strip_angle_brackets)
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(str::to_string)
}

fn strip_angle_brackets(s: &str) -> &str {
    s.trim().trim_start_matches('<').trim_end_matches('>')
}

fn charset_of(content_type: &str) -> Option<String> {
    let at = content_type.find("charset=")? + "charset=".len();
    let value = content_type[at..].split(';').next()?.trim().trim_matches(['"', '\'']);
    (!value.is_empty()).then(|| value.to_string())
}

/// An HTML body and the charset its headers declare.
type HtmlBody = (Vec<u8>, Option<String>);

/// The HTML body of an HTTP response block with its charset; Ok(None) when the response is not a
/// successful HTML page.
fn http_html_body(block: Vec<u8>) -> Result<Option<HtmlBody>, String> {
    let (head_end, body_start) = match memchr::memmem::find(&block, b"\r\n\r\n") {
        Some(i) => (i, i + 4),
        None => match memchr::memmem::find(&block, b"\n\n") {
            Some(i) => (i, i + 2),
            None => return Err("HTTP response without a header/body separator".to_string()),
        },
    };
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    let status: u16 = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    if !status_line.starts_with("HTTP/") {
        return Err(format!(
            "not an HTTP response: {:?}",
            status_line.chars().take(40).collect::<String>()
        ));
    }
    if !(200..300).contains(&status) {
        return Ok(None);
    }
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_ascii_lowercase()))
        .collect();
    let header = |key: &str| headers.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
    let mut body = block[body_start..].to_vec();
    if header("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
        body = dechunk(&body)?;
    }
    match header("content-encoding").unwrap_or("identity") {
        "identity" | "" | "none" => {}
        "gzip" | "x-gzip" => body = decompress(GzDecoder::new(&body[..]))?,
        "deflate" => body = decompress(ZlibDecoder::new(&body[..]))?,
        other => return Err(format!("unsupported Content-Encoding {other:?}")),
    }
    let content_type = header("content-type");
    let is_html = match content_type {
        Some(ct) => ct.contains("html"),
        None => sniff_format(&body[..body.len().min(1024)]) == Format::Html,
    };
    if !is_html {
        return Ok(None);
    }
    Ok(Some((body, content_type.and_then(charset_of))))
}

fn decompress(mut decoder: impl Read) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let limit = MAX_DOCUMENT_BYTES as u64;
    (&mut decoder)
        .take(limit + 1)
        .read_to_end(&mut out)
        .map_err(|err| format!("bad compressed HTTP body: {err}"))?;
    if out.len() as u64 > limit {
        return Err("decompressed HTTP body larger than the limit".to_string());
    }
    Ok(out)
}

/// Decodes `Transfer-Encoding: chunked`.
fn dechunk(mut data: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(data.len());
    loop {
        let line_end = memchr::memchr(b'\n', data).ok_or("chunked body: missing chunk size line")?;
        let size_line = String::from_utf8_lossy(&data[..line_end]);
        let size_hex = size_line.split(';').next().unwrap_or("").trim();
        let size =
            usize::from_str_radix(size_hex, 16).map_err(|_| format!("chunked body: bad chunk size {size_hex:?}"))?;
        data = &data[line_end + 1..];
        if size == 0 {
            return Ok(out);
        }
        if data.len() < size {
            return Err("chunked body: truncated chunk".to_string());
        }
        out.extend_from_slice(&data[..size]);
        data = &data[size..];
        data = data
            .strip_prefix(b"\r\n")
            .or_else(|| data.strip_prefix(b"\n"))
            .unwrap_or(data);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dechunks() {
        assert_eq!(
            dechunk(b"5\r\nHello\r\n7;ext=1\r\n, world\r\n0\r\n\r\n").unwrap(),
            b"Hello, world"
        );
        assert!(dechunk(b"ff\r\nshort").is_err());
        assert!(dechunk(b"zz\r\n").is_err());
    }

    #[test]
    fn charset_from_content_type() {
        assert_eq!(
            charset_of("text/html; charset=\"windows-1252\"").as_deref(),
            Some("windows-1252")
        );
        assert_eq!(charset_of("text/html"), None);
    }
}
