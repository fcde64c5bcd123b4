//! Format detection by file extension and by content, and transparent gzip decompression.

use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::Path;

use flate2::read::MultiGzDecoder;

use crate::Format;

/// How many leading bytes are looked at to sniff a format.
const SNIFF_BYTES: usize = 1024;

/// The format named by a path's extension (after stripping `.gz`), or None when unknown.
pub fn format_from_extension(path: &Path) -> Option<Format> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let ext = name.rsplit_once('.')?.1;
    match ext {
        "txt" | "text" => Some(Format::Text),
        "jsonl" | "ndjson" => Some(Format::JsonLines),
        "html" | "htm" | "xhtml" => Some(Format::Html),
        "xml" | "rss" | "atom" => Some(Format::Feed),
        "warc" | "wet" => Some(Format::Warc),
        _ => None,
    }
}

/// The format of a path by extension; `-` (stdin) has none and is sniffed.
pub(crate) fn format_from_path(path: &Path) -> Option<Format> {
    if path.as_os_str() == "-" {
        return None;
    }
    format_from_extension(path)
}

/// Guesses the format from the first bytes of (decompressed) content.
pub fn sniff_format(head: &[u8]) -> Format {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len());
    let head = head[start..].to_ascii_lowercase();
    let contains = |needle: &[u8]| memchr::memmem::find(&head, needle).is_some();
    if head.starts_with(b"warc/1.") {
        Format::Warc
    } else if head.starts_with(b"{") {
        Format::JsonLines
    } else if head.starts_with(b"<!doctype html") || head.starts_with(b"<html") {
        Format::Html
    } else if head.starts_with(b"<rss") || head.starts_with(b"<feed") || head.starts_with(b"<rdf:rdf") {
        Format::Feed
    } else if head.starts_with(b"<?xml") {
        if contains(b"<rss") || contains(b"<feed") || contains(b"<rdf:rdf") {
            Format::Feed
        } else if contains(b"<html") {
            Format::Html
        } else {
            Format::Feed
        }
    } else if head.starts_with(b"<") {
        Format::Html
    } else {
        Format::Text
    }
}

/// Decompresses gzip (by magic bytes) and sniffs the content. Returns the reader positioned at the
/// start of the (decompressed) content, and the sniffed format, or None for an empty input.
pub(crate) fn prepare(mut reader: Box<dyn BufRead + Send>) -> io::Result<(Box<dyn BufRead + Send>, Option<Format>)> {
    let magic = peek(&mut reader, 2)?;
    let reader: Box<dyn BufRead + Send> = if magic.starts_with(&[0x1f, 0x8b]) {
        let rest = Cursor::new(magic).chain(reader);
        Box::new(BufReader::with_capacity(64 << 10, MultiGzDecoder::new(rest)))
    } else {
        Box::new(Cursor::new(magic).chain(reader))
    };
    let mut reader = reader;
    let head = peek(&mut reader, SNIFF_BYTES)?;
    if head.is_empty() {
        return Ok((reader, None));
    }
    let format = sniff_format(&head);
    Ok((Box::new(Cursor::new(head).chain(reader)), Some(format)))
}

/// Reads up to `n` bytes (fewer only at end of input).
fn peek(reader: &mut Box<dyn BufRead + Send>, n: usize) -> io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(n);
    reader.take(n as u64).read_to_end(&mut head)?;
    Ok(head)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_map_to_formats_through_gz() {
        let f = |name: &str| format_from_extension(Path::new(name));
        assert_eq!(f("a/b.txt"), Some(Format::Text));
        assert_eq!(f("x.JSONL.gz"), Some(Format::JsonLines));
        assert_eq!(f("x.ndjson"), Some(Format::JsonLines));
        assert_eq!(f("page.htm"), Some(Format::Html));
        assert_eq!(f("crawl.warc.gz"), Some(Format::Warc));
        assert_eq!(f("CC-MAIN-1.warc.wet.gz"), Some(Format::Warc));
        assert_eq!(f("news.rss"), Some(Format::Feed));
        assert_eq!(f("notes.md"), None);
        assert_eq!(f("README"), None);
        assert_eq!(f("x.gz"), None);
    }

    #[test]
    fn content_sniffing() {
        assert_eq!(sniff_format(b"\xEF\xBB\xBF  {\"text\": 1}"), Format::JsonLines);
        assert_eq!(sniff_format(b"WARC/1.1\r\nWARC-Type: warcinfo"), Format::Warc);
        assert_eq!(sniff_format(b"<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(
            sniff_format(b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\">"),
            Format::Feed
        );
        assert_eq!(
            sniff_format(b"<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"),
            Format::Feed
        );
        assert_eq!(
            sniff_format(b"<feed xmlns=\"http://www.w3.org/2005/Atom\">"),
            Format::Feed
        );
        assert_eq!(sniff_format(b"<div><p>Hello</p></div>"), Format::Html);
        assert_eq!(sniff_format(b"Ministers met in Vienna."), Format::Text);
    }
}
