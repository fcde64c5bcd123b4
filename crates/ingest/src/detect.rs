//! Format detection by file extension and by content; transparent decompression (gzip, xz, bzip2,
//! zstd) and transcoding (UTF-16 with or without a byte-order mark); binary files named for what they are.

use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::Path;

use flate2::read::MultiGzDecoder;

use crate::Format;

/// How many leading bytes are looked at to sniff a format.
const SNIFF_BYTES: usize = 1024;

/// Compression suffixes that are stripped before the format's own extension is looked at.
const COMPRESSION_SUFFIXES: [&str; 5] = [".gz", ".xz", ".bz2", ".zst", ".zstd"];

/// A file name without its compression suffix (`a.jsonl.xz` → `a.jsonl`).
pub(crate) fn strip_compression_suffix(name: &str) -> &str {
    let lower = name.to_ascii_lowercase();
    COMPRESSION_SUFFIXES
        .iter()
        .find(|suffix| lower.ends_with(*suffix))
        .map_or(name, |suffix| &name[..name.len() - suffix.len()])
}

/// The format named by a path's extension (after stripping `.gz`, `.xz`, `.bz2`, `.zst`), or None when
/// unknown.
pub fn format_from_extension(path: &Path) -> Option<Format> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    let name = strip_compression_suffix(&name);
    let ext = name.rsplit_once('.')?.1;
    match ext {
        "txt" | "text" => Some(Format::Text),
        "jsonl" | "ndjson" => Some(Format::JsonLines),
        "csv" | "tsv" => Some(Format::Csv),
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

/// What the first bytes of an input say it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Sniffed {
    Empty,
    /// Not text: what it looks like ("a ZIP archive", "binary data").
    Binary(Binary),
    Format(Format),
}

/// A compression format, by its magic bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Compression {
    Gzip,
    Xz,
    Bzip2,
    Zstd,
}

impl Compression {
    fn from_magic(head: &[u8]) -> Option<Compression> {
        if head.starts_with(&[0x1f, 0x8b]) {
            Some(Compression::Gzip)
        } else if head.starts_with(&[0xFD, b'7', b'z', b'X', b'Z', 0x00]) {
            Some(Compression::Xz)
        } else if head.len() >= 4 && head.starts_with(b"BZh") && (b'1'..=b'9').contains(&head[3]) {
            Some(Compression::Bzip2)
        } else if head.starts_with(&[0x28, 0xB5, 0x2F, 0xFD]) {
            Some(Compression::Zstd)
        } else {
            None
        }
    }

    fn decoder(self, input: Box<dyn BufRead + Send>) -> io::Result<Box<dyn Read + Send>> {
        Ok(match self {
            Compression::Gzip => Box::new(MultiGzDecoder::new(input)),
            Compression::Xz => Box::new(liblzma::bufread::XzDecoder::new_multi_decoder(input)),
            Compression::Bzip2 => Box::new(bzip2::bufread::MultiBzDecoder::new(input)),
            Compression::Zstd => Box::new(ZstdReader(
                ruzstd::decoding::StreamingDecoder::new(input).map_err(|err| zstd_error(&err))?,
            )),
        })
    }
}

/// ruzstd's decoder with its errors told apart: a stream that ends early is truncated, anything else corrupt.
struct ZstdReader(ruzstd::decoding::StreamingDecoder<Box<dyn BufRead + Send>, ruzstd::decoding::FrameDecoder>);

impl Read for ZstdReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.read(buf).map_err(|err| zstd_error(&err))
    }
}

fn zstd_error(err: &dyn std::fmt::Display) -> io::Error {
    let message = format!("zstd: {err}");
    // ruzstd reports a cut stream as a nested UnexpectedEof, visible only in the message.
    let kind = if message.contains("UnexpectedEof") {
        io::ErrorKind::UnexpectedEof
    } else {
        io::ErrorKind::InvalidData
    };
    io::Error::new(kind, message)
}

/// Decompresses (by magic bytes, also nested: a gzip of an xz), transcodes UTF-16 to UTF-8 and sniffs
/// the content. Returns the reader positioned at the start of the (decoded) content, and what it is.
pub(crate) fn prepare(reader: Box<dyn BufRead + Send>) -> io::Result<(Box<dyn BufRead + Send>, Sniffed)> {
    let mut reader = reader;
    for _ in 0..3 {
        let magic = peek(&mut reader, 6)?;
        let Some(compression) = Compression::from_magic(&magic) else {
            break;
        };
        reader = Box::new(BufReader::with_capacity(64 << 10, compression.decoder(reader)?));
    }
    let mut head = peek(&mut reader, SNIFF_BYTES)?;
    if head.is_empty() {
        return Ok((reader, Sniffed::Empty));
    }
    if let Some(encoding) = utf16_encoding(&head) {
        let decoded = encoding_rs_io::DecodeReaderBytesBuilder::new()
            .encoding(Some(encoding))
            .bom_override(true)
            .strip_bom(true)
            .build(reader);
        reader = Box::new(BufReader::with_capacity(64 << 10, decoded));
        head = peek(&mut reader, SNIFF_BYTES)?;
        if head.is_empty() {
            return Ok((reader, Sniffed::Empty));
        }
    }
    let format = sniff_format(&head);
    // WARC records carry images and compressed bodies: binary inside is normal there.
    if format != Format::Warc
        && let Some(binary) = binary_kind(&head)
    {
        return Ok((reader, Sniffed::Binary(binary)));
    }
    Ok((reader, Sniffed::Format(format)))
}

/// UTF-16 by its byte-order mark, or without one when every other byte is zero, as in UTF-16 English.
fn utf16_encoding(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if head.starts_with(&[0xFF, 0xFE]) {
        return Some(encoding_rs::UTF_16LE);
    }
    if head.starts_with(&[0xFE, 0xFF]) {
        return Some(encoding_rs::UTF_16BE);
    }
    let pairs = head.len() / 2;
    if pairs < 8 {
        return None;
    }
    let zeros_at = |parity: usize| head.iter().skip(parity).step_by(2).filter(|&&b| b == 0).count();
    let (even, odd) = (zeros_at(0), zeros_at(1));
    if odd * 10 >= pairs * 9 && even * 10 < pairs {
        Some(encoding_rs::UTF_16LE)
    } else if even * 10 >= pairs * 9 && odd * 10 < pairs {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Signatures of common non-text files a user may point detente at by mistake: what they are, and what
/// to do about it.
const SIGNATURES: &[(&[u8], &str, &str)] = &[
    (
        b"PK\x03\x04",
        "a ZIP archive (or .docx, .xlsx, .epub)",
        "unpack it or save it as text first",
    ),
    (b"PK\x05\x06", "an empty ZIP archive", ""),
    (b"%PDF-", "a PDF document", "extract its text first"),
    (b"\x89PNG", "a PNG image", ""),
    (b"\xFF\xD8\xFF", "a JPEG image", ""),
    (b"GIF8", "a GIF image", ""),
    (
        b"SQLite format 3\0",
        "an SQLite database",
        "query a detente store with `detente events` or `search`",
    ),
    (b"PAR1", "a Parquet file", ""),
    (b"7z\xBC\xAF\x27\x1C", "a 7-Zip archive", "unpack it first"),
    (b"Rar!", "a RAR archive", "unpack it first"),
    (b"\x7FELF", "an executable (ELF)", ""),
    (
        b"\xD0\xCF\x11\xE0",
        "an old Microsoft Office document (.doc, .xls)",
        "save it as text first",
    ),
    (b"{\\rtf", "an RTF document", "save it as text first"),
    (
        b"\x04\x22\x4D\x18",
        "an LZ4 stream",
        "decompress it first (LZ4 is not read)",
    ),
    (
        b"\x1F\x9D",
        "a Unix compress (.Z) stream",
        "decompress it first (.Z is not read)",
    ),
];

/// What a binary input is, with a hint, or None for text. Text may be in any 8-bit encoding, so only a
/// known signature, NUL bytes or a high share of control characters count as binary.
fn binary_kind(head: &[u8]) -> Option<Binary> {
    if let Some((_, what, hint)) = SIGNATURES.iter().find(|(magic, _, _)| head.starts_with(magic)) {
        return Some(Binary { what, hint });
    }
    if head.len() > 262 && &head[257..262] == b"ustar" {
        return Some(Binary {
            what: "a tar archive",
            hint: "unpack it first",
        });
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B))
        .count();
    if head.contains(&0) || controls * 20 > head.len() {
        return Some(Binary {
            what: "binary data",
            hint: "",
        });
    }
    None
}

/// A binary input: what it is and what to do instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Binary {
    pub what: &'static str,
    pub hint: &'static str,
}

impl Binary {
    /// "a PDF document, not a text file: extract its text first; skipped".
    pub(crate) fn message(&self, expected: Option<Format>) -> String {
        let expected = expected.map_or("an article input", Format::describe);
        let hint = if self.hint.is_empty() {
            String::new()
        } else {
            format!(": {}", self.hint)
        };
        format!("{}, not {expected}{hint}; skipped", self.what)
    }
}

/// Reads up to `n` bytes (fewer only at end of input) and puts them back in front of the reader. An error
/// after some bytes (a compressed stream cut short) is deferred until those bytes are consumed, so the
/// whole lines or records before the cut are still read; an error before any byte is returned.
fn peek(reader: &mut Box<dyn BufRead + Send>, n: usize) -> io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(n);
    let mut error = None;
    while head.len() < n {
        let mut chunk = [0u8; 4096];
        let want = (n - head.len()).min(chunk.len());
        match reader.read(&mut chunk[..want]) {
            Ok(0) => break,
            Ok(got) => head.extend_from_slice(&chunk[..got]),
            Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
            Err(err) if head.is_empty() => return Err(err),
            Err(err) => {
                error = Some(err);
                break;
            }
        }
    }
    let rest = std::mem::replace(reader, Box::new(io::empty()));
    *reader = match error {
        None => Box::new(Cursor::new(head.clone()).chain(rest)),
        Some(err) => Box::new(Cursor::new(head.clone()).chain(FailingReader(Some(err)))),
    };
    Ok(head)
}

/// Gives one stored error, then the end of input.
struct FailingReader(Option<io::Error>);

impl Read for FailingReader {
    fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
        self.0.take().map_or(Ok(0), Err)
    }
}

impl BufRead for FailingReader {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        match self.0.take() {
            Some(err) => Err(err),
            None => Ok(&[]),
        }
    }
    fn consume(&mut self, _: usize) {}
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
        assert_eq!(f("corpus.jsonl.xz"), Some(Format::JsonLines));
        assert_eq!(f("corpus.JSONL.ZST"), Some(Format::JsonLines));
        assert_eq!(f("feed.rss.bz2"), Some(Format::Feed));
        assert_eq!(f("table.csv"), Some(Format::Csv));
        assert_eq!(f("table.tsv.gz"), Some(Format::Csv));
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
