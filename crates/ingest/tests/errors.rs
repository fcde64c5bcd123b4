//! Bad inputs: each problem is an InputError naming the file and line/record, and reading goes on.

mod common;

use common::*;
use detente_ingest::{ArticleResult, Format, InputError, read_bytes, read_paths};

fn errors(items: &[ArticleResult]) -> Vec<&InputError> {
    items.iter().filter_map(|item| item.as_ref().err()).collect()
}

fn texts(items: &[ArticleResult]) -> Vec<&str> {
    items
        .iter()
        .filter_map(|item| item.as_ref().ok())
        .map(|article| article.text.as_str())
        .collect()
}

#[test]
fn jsonl_bad_lines_are_errors_with_line_numbers_and_good_lines_are_kept() {
    let mut input = Vec::new();
    input.extend_from_slice(b"{\"id\": \"a\", \"text\": \"The cabinet met in Oslo.\"}\n");
    input.extend_from_slice(b"{\"id\": \"b\", \"text\": \"Broken line without a closing brace\"\n");
    input.extend_from_slice(b"\n");
    input.extend_from_slice(b"{\"id\": \"c\", \"text\": \"Bad byte \xff\xfe here.\"}\n");
    input.extend_from_slice(b"{\"id\": \"d\", \"title\": \"No text field\"}\n");
    input.extend_from_slice(b"[1, 2, 3]\n");
    input.extend_from_slice(b"{\"id\": \"e\", \"text\": \"Parliament approved the budget.\"}\r\n");
    input.extend_from_slice(b"{\"id\": \"f\", \"text\": 42}\n");
    input.extend_from_slice(b"{\"id\": \"g\", \"text\": \"Last line without a newline.\"}");
    let items: Vec<_> = read_bytes("mixed.jsonl", None, input).collect();
    assert_eq!(
        texts(&items),
        [
            "The cabinet met in Oslo.",
            "Parliament approved the budget.",
            "Last line without a newline."
        ]
    );
    let ids: Vec<&str> = items
        .iter()
        .filter_map(|item| item.as_ref().ok())
        .map(|a| a.id.as_str())
        .collect();
    assert_eq!(ids, ["a", "e", "g"]);
    let errs = errors(&items);
    let lines: Vec<Option<usize>> = errs.iter().map(|err| err.line).collect();
    assert_eq!(lines, [Some(2), Some(4), Some(5), Some(6), Some(8)]);
    assert!(errs.iter().all(|err| err.file == "mixed.jsonl"));
    assert!(errs[0].message.contains("invalid JSON"), "{}", errs[0]);
    assert!(errs[1].message.contains("invalid UTF-8"), "{}", errs[1]);
    assert!(errs[2].message.contains("missing \"text\""), "{}", errs[2]);
    assert!(errs[3].message.contains("JSON object"), "{}", errs[3]);
    assert!(errs[4].message.contains("not a string"), "{}", errs[4]);
    assert!(errs[1].to_string().starts_with("mixed.jsonl:4: "), "{}", errs[1]);
    // Errors come in input order, between the articles.
    assert!(items[0].is_ok() && items[1].is_err());
}

#[test]
fn truncated_gzip_keeps_what_was_read_and_reports_the_file() {
    let lines: String = (0..2000)
        .map(|i| format!("{{\"id\": \"n{i}\", \"text\": \"Delegation {i} arrived for talks on trade.\"}}\n"))
        .collect();
    let gz = gzip(lines.as_bytes());
    let truncated = gz[..gz.len() * 2 / 3].to_vec();
    let items: Vec<_> = read_bytes("cut.jsonl.gz", None, truncated).collect();
    let errs = errors(&items);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].message.contains("truncated"), "{}", errs[0]);
    assert!(errs[0].line.is_some());
    let good = texts(&items);
    assert!(good.len() > 100 && good.len() < 2000, "{}", good.len());
    assert_eq!(good[0], "Delegation 0 arrived for talks on trade.");
    assert!(matches!(items.last(), Some(Err(_))), "the error ends the input");
    // A truncated gzip'd whole document is one error for the file.
    let page = gzip(html().as_bytes());
    let items: Vec<_> = read_bytes("cut.html.gz", None, page[..page.len() / 2].to_vec()).collect();
    assert_eq!(items.len(), 1);
    let err = items[0].as_ref().unwrap_err();
    assert_eq!((err.file.as_str(), err.line, err.record), ("cut.html.gz", None, None));
    assert!(err.message.contains("truncated"), "{err}");
}

#[test]
fn truncated_warc_record_is_an_error_with_its_number() {
    let mut records = warc_records();
    // Records: 1 warcinfo, 2 request, 3 article response, 4 image, 5 the article again, cut short.
    let again = records[2].clone();
    records.push(again[..again.len() - 300].to_vec());
    let bytes = records.concat();
    let items: Vec<_> = read_bytes("crawl.warc", None, bytes.clone()).collect();
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(items[0].as_ref().unwrap().title.as_deref(), Some(TITLE));
    let err = items[1].as_ref().unwrap_err();
    assert_eq!(err.record, Some(5));
    assert!(err.message.contains("truncated"), "{err}");
    assert!(err.to_string().starts_with("crawl.warc: record 5: truncated"), "{err}");
    // The same cut inside a gzip member.
    let gz: Vec<u8> = records.iter().flat_map(|record| gzip(record)).collect();
    let items: Vec<_> = read_bytes("crawl.warc.gz", None, gz[..gz.len() - 40].to_vec()).collect();
    assert!(items[0].is_ok());
    assert_eq!(items.last().unwrap().as_ref().unwrap_err().record, Some(5));
}

#[test]
fn warc_garbage_between_records_is_reported_and_skipped() {
    let records = warc_records();
    let mut bytes = records[0].clone();
    bytes.extend_from_slice(b"this is not a record\r\nneither is this\r\n");
    bytes.extend_from_slice(&records[2]);
    let items: Vec<_> = read_bytes("odd.warc", None, bytes).collect();
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(items[0].as_ref().unwrap_err().record, Some(2));
    assert_eq!(items[1].as_ref().unwrap().title.as_deref(), Some(TITLE));
}

#[test]
fn warc_with_gzip_content_encoding_and_latin1_charset() {
    let page = "<html><head><title>Gespr\u{e4}che in Wien</title></head><body><article><p>Die Au\u{df}enminister trafen sich am Montag in Wien zu Gespr\u{e4}chen \u{fc}ber die Lage an der Grenze.</p><p>Sie vereinbarten ein weiteres Treffen im April.</p></article></body></html>";
    let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(page);
    let body = gzip(&latin1);
    let mut http =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
    http.extend_from_slice(&body);
    let record = warc_record(
        "response",
        "urn:uuid:1",
        "WARC-Target-URI: https://example.de/x\r\n",
        "application/http; msgtype=response",
        &http,
    );
    let items: Vec<_> = read_bytes("de.warc", None, record).collect();
    let article = items[0].as_ref().unwrap();
    assert_eq!(article.title.as_deref(), Some("Gespräche in Wien"));
    assert!(
        article.text.starts_with("Die Außenminister trafen sich"),
        "{}",
        article.text
    );
    assert_eq!(
        article.date.as_deref(),
        Some("2022-03-15"),
        "WARC-Date when the page has none"
    );
    assert_eq!(article.id, "urn:uuid:1");
}

#[test]
fn empty_files_are_errors_not_crashes() {
    for (name, format) in [
        ("e.txt", None),
        ("e.jsonl", None),
        ("e.html", None),
        ("e.warc", None),
        ("-", None),
        ("e.rss", Some(Format::Feed)),
    ] {
        let items: Vec<_> = read_bytes(name, format, Vec::new()).collect();
        assert_eq!(items.len(), 1, "{name}");
        let err = items[0].as_ref().unwrap_err();
        assert_eq!(err.message, "empty file", "{name}");
        assert_eq!(err.to_string(), format!("{name}: empty file"));
    }
    let items: Vec<_> = read_bytes("e.txt.gz", None, gzip(b"")).collect();
    assert_eq!(items[0].as_ref().unwrap_err().message, "empty file");
    let items: Vec<_> = read_bytes("blank.txt", None, b"  \n\n ".to_vec()).collect();
    assert_eq!(items[0].as_ref().unwrap_err().message, "empty file");
}

/// Text that is not UTF-8 but not binary either is an 8-bit encoding: read as Windows-1252, with a
/// warning naming the line of the first byte that is not UTF-8.
#[test]
fn latin1_text_is_read_with_a_warning_naming_file_and_line() {
    let items: Vec<_> = read_bytes(
        "bad.txt",
        None,
        b"Title\n\nFirst line.\nCaf\xe9 talks in Z\xfcrich.\n".to_vec(),
    )
    .collect();
    assert_eq!(items.len(), 2);
    let warning = items[0].as_ref().unwrap_err();
    assert!(warning.is_warning());
    assert!(
        warning.to_string().starts_with("bad.txt:4: warning: not UTF-8"),
        "{warning}"
    );
    let article = items[1].as_ref().unwrap();
    assert_eq!(article.text, "First line.\nCafé talks in Zürich.");
}

#[test]
fn text_without_title_is_kept_exactly() {
    let text = "First paragraph line one\nline two of it.\n\n  Indented   second paragraph.  ";
    let article = read_bytes("notitle.txt", None, text.as_bytes().to_vec())
        .next()
        .unwrap()
        .unwrap();
    assert_eq!(article.title, None);
    assert_eq!(article.text, text.trim());
    assert_eq!(article.id, "notitle");
}

#[test]
fn bad_feed_and_non_article_html_are_errors() {
    let items: Vec<_> = read_bytes(
        "broken.rss",
        None,
        b"<?xml version=\"1.0\"?><rss><channel><item><title>x".to_vec(),
    )
    .collect();
    assert_eq!(items.len(), 1);
    assert!(items[0].is_err());
    let items: Vec<_> = read_bytes(
        "blank.html",
        None,
        b"<html><body><nav><a href=/>Home</a></nav></body></html>".to_vec(),
    )
    .collect();
    assert!(items[0].as_ref().unwrap_err().message.contains("no article text"));
}

#[test]
fn feed_items_without_content_are_record_errors() {
    let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
        <item><title>Empty</title><guid>g1</guid></item>
        <item><title>Full</title><guid>g2</guid><description>Ministers met on Friday.</description><pubDate>Fri, 18 Mar 2022 10:00:00 GMT</pubDate></item>
        </channel></rss>"#;
    let items: Vec<_> = read_bytes("f.xml", None, rss.as_bytes().to_vec()).collect();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].as_ref().unwrap_err().record, Some(1));
    let article = items[1].as_ref().unwrap();
    assert_eq!(
        (article.id.as_str(), article.text.as_str()),
        ("g2", "Ministers met on Friday.")
    );
    assert_eq!(article.date.as_deref(), Some("2022-03-18"));
    assert_eq!(article.source.as_deref(), Some("T"));
}

#[test]
fn feed_dates_beyond_four_digit_years_are_left_empty() {
    // chrono reads a five-digit year in an RFC 2822 date; `YYYY-MM-DD` cannot hold it.
    for (pub_date, want) in [
        ("Mon, 3 Jul 20231 08:15:00 GMT", None),
        ("Mon, 3 Jul 2023 08:15:00 GMT", Some("2023-07-03")),
    ] {
        let rss = format!(
            r#"<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>
            <item><guid>d1</guid><description>Envoys met at the border.</description><pubDate>{pub_date}</pubDate></item>
            </channel></rss>"#
        );
        let items: Vec<_> = read_bytes("d.xml", None, rss.into_bytes()).collect();
        let article = items[0].as_ref().unwrap();
        assert_eq!(article.date.as_deref(), want, "{pub_date}");
    }
}

#[test]
fn many_inputs_stream_with_errors_in_place() {
    let dir = scratch_dir("stream");
    std::fs::write(
        dir.join("1.jsonl"),
        "{\"text\": \"One.\"}\nnot json\n{\"text\": \"Two.\"}\n",
    )
    .unwrap();
    std::fs::write(dir.join("2.txt"), "").unwrap();
    std::fs::write(dir.join("3.txt"), "Three.").unwrap();
    let items: Vec<String> = read_paths(std::slice::from_ref(&dir))
        .map(|item| match item {
            Ok(article) => article.text,
            Err(err) => format!("E {}", err.to_string().rsplit('/').next().unwrap()),
        })
        .collect();
    assert_eq!(
        items,
        [
            "One.",
            "E 1.jsonl:2: invalid JSON: expected ident at line 1 column 2",
            "Two.",
            "E 2.txt: empty file",
            "Three."
        ]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn wet_conversion_records_are_text_articles() {
    let text = "Envoys from both capitals met on Tuesday.\nThey agreed to meet again in May.\n";
    let record = warc_record(
        "conversion",
        "urn:uuid:wet-1",
        "WARC-Target-URI: https://example.net/envoys\r\n",
        "text/plain",
        text.as_bytes(),
    );
    let items: Vec<_> = read_bytes("crawl.warc.wet", Some(Format::Warc), record).collect();
    let article = items[0].as_ref().unwrap();
    assert_eq!(article.text, text.trim());
    assert_eq!(article.id, "urn:uuid:wet-1");
    assert_eq!(article.url.as_deref(), Some("https://example.net/envoys"));
    assert_eq!(article.date.as_deref(), Some("2022-03-15"));
}

#[test]
fn articles_stream_is_send() {
    fn assert_send<T: Send>(_: &T) {}
    let articles = read_paths(&[]);
    assert_send(&articles);
    assert_send(&articles.byte_counter());
}

/// A JSON Lines stream with one line bigger than the limit, produced on the fly (never in memory).
struct HugeLineReader {
    prefix: &'static [u8],
    filler: u64,
    suffix: &'static [u8],
    pos: u64,
}

impl std::io::Read for HugeLineReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let total = self.prefix.len() as u64 + self.filler + self.suffix.len() as u64;
        let mut n = 0;
        while n < buf.len() && self.pos < total {
            let p = self.pos;
            let prefix_len = self.prefix.len() as u64;
            buf[n] = if p < prefix_len {
                self.prefix[p as usize]
            } else if p < prefix_len + self.filler {
                b'a'
            } else {
                self.suffix[(p - prefix_len - self.filler) as usize]
            };
            n += 1;
            self.pos += 1;
        }
        Ok(n)
    }
}

#[test]
fn a_line_over_the_limit_is_skipped_without_loading_it() {
    let filler = detente_ingest::MAX_DOCUMENT_BYTES as u64 + 1024;
    let reader = HugeLineReader {
        prefix: b"{\"text\": \"Before.\"}\n{\"text\": \"",
        filler,
        suffix: b"\"}\n{\"text\": \"After.\"}\n",
        pos: 0,
    };
    let items: Vec<_> = detente_ingest::read_reader(
        "huge.jsonl",
        None,
        Box::new(std::io::BufReader::with_capacity(1 << 20, reader)),
    )
    .collect();
    assert_eq!(items.len(), 3);
    assert_eq!(items[0].as_ref().unwrap().text, "Before.");
    let err = items[1].as_ref().unwrap_err();
    assert_eq!(err.line, Some(2));
    assert!(err.message.contains("longer than"), "{err}");
    assert_eq!(items[2].as_ref().unwrap().text, "After.");
}

#[test]
fn random_junk_never_panics() {
    // xorshift: deterministic junk made of bytes and markup fragments.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let pieces: [&[u8]; 16] = [
        b"<p>",
        b"</p>",
        b"<div class=\"ad\">",
        b"</div>",
        b"&amp;",
        b"&#x110000;",
        b"WARC/1.0\r\n",
        b"Content-Length: 9\r\n",
        b"\r\n\r\n",
        b"{\"text\": \"",
        b"\"}\n",
        b"<rss><channel><item>",
        b"<![CDATA[",
        b"\xff\xfe",
        b"\x1f\x8b",
        b"\n\n",
    ];
    let formats = [
        None,
        Some(Format::Text),
        Some(Format::JsonLines),
        Some(Format::Html),
        Some(Format::Feed),
        Some(Format::Warc),
    ];
    for round in 0..300 {
        let mut input = Vec::new();
        for _ in 0..(next() % 40) {
            if next() % 3 == 0 {
                input.push((next() % 256) as u8);
            } else {
                input.extend_from_slice(pieces[(next() % pieces.len() as u64) as usize]);
            }
        }
        let format = formats[round % formats.len()];
        for item in read_bytes("junk", format, input) {
            if let Err(err) = item {
                assert_eq!(err.file, "junk");
                assert!(!err.message.is_empty());
            }
        }
    }
}
