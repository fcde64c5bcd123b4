//! Issue 15, item 2: readers keep what is whole, say what failed, do not flood, and recognise what they
//! are given (compressed, UTF-16, binary). All inputs are written here.

mod common;

use std::io::Write;

use common::{gzip, scratch_dir, warc_records};
use detente_ingest::{ArticleResult, Format, ProblemKind, ReadOptions, read_bytes, read_paths, read_paths_with};

fn articles(items: &[ArticleResult]) -> Vec<&detente_ingest::Article> {
    items.iter().filter_map(|item| item.as_ref().ok()).collect()
}

fn problems(items: &[ArticleResult]) -> Vec<String> {
    items
        .iter()
        .filter_map(|item| item.as_ref().err().map(ToString::to_string))
        .collect()
}

fn rss_item(n: usize) -> String {
    format!(
        "<item><title>Report {n}</title><link>https://example.org/{n}</link>\
         <description>The council met for the {n}th time and approved the plan.</description></item>\n"
    )
}

fn rss(items: &str) -> String {
    format!("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Wire</title>\n{items}</channel></rss>\n")
}

#[test]
fn truncated_feed_keeps_its_whole_items_and_names_the_cut_one() {
    let whole = rss(&(1..=4).map(rss_item).collect::<String>());
    let cut = &whole[..whole.find("<item><title>Report 4").unwrap() + 40];
    let items: Vec<_> = read_bytes("cut.rss", None, cut.as_bytes().to_vec()).collect();
    let kept: Vec<&str> = articles(&items).iter().map(|a| a.url.as_deref().unwrap()).collect();
    assert_eq!(
        kept,
        [
            "https://example.org/1",
            "https://example.org/2",
            "https://example.org/3"
        ]
    );
    assert_eq!(articles(&items)[0].source.as_deref(), Some("Wire"));
    let errors = problems(&items);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("cut.rss:6: item 4: cut off"), "{errors:?}");
}

#[test]
fn feed_broken_inside_one_item_keeps_the_items_before_and_after() {
    let broken = format!(
        "{}<item><title>Bad & worse</title><description>An <b>unclosed tag.</description></item>\n{}",
        rss_item(1),
        rss_item(3)
    );
    let items: Vec<_> = read_bytes("broken.xml", None, rss(&broken).into_bytes()).collect();
    let kept: Vec<&str> = articles(&items).iter().map(|a| a.url.as_deref().unwrap()).collect();
    assert_eq!(kept, ["https://example.org/1", "https://example.org/3"]);
    let errors = problems(&items);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("broken.xml:4: item 2: malformed"), "{errors:?}");
}

#[test]
fn feed_damaged_after_its_items_keeps_them_all() {
    let whole = rss(&(1..=3).map(rss_item).collect::<String>());
    let end_of_items = whole.rfind("</item>").unwrap() + "</item>".len();
    for damaged in [
        whole[..end_of_items].to_string(),
        format!("{}\n</channel><broken attr=\"x></rss>", &whole[..end_of_items]),
        format!("{}\n<<<>>>&bad;</chan", &whole[..end_of_items]),
    ] {
        let items: Vec<_> = read_bytes("tail.rss", None, damaged.into_bytes()).collect();
        assert_eq!(articles(&items).len(), 3, "{:?}", problems(&items));
        assert!(
            items
                .iter()
                .all(|item| item.as_ref().err().is_none_or(|p| p.is_warning()))
        );
    }
}

#[test]
fn warc_gz_cut_in_record_two_keeps_record_one() {
    let records = warc_records();
    // The article's response first, then a second response cut in the middle of its gzip member.
    let mut second = records[2].clone();
    second = String::from_utf8(second)
        .unwrap()
        .replace(
            "00000000-0000-4000-8000-000000000003",
            "00000000-0000-4000-8000-000000000005",
        )
        .into_bytes();
    let mut bytes = gzip(&records[2]);
    let member = gzip(&second);
    bytes.extend_from_slice(&member[..member.len() / 2]);
    let items: Vec<_> = read_bytes("cut.warc.gz", None, bytes).collect();
    let kept = articles(&items);
    assert_eq!(kept.len(), 1, "{:?}", problems(&items));
    assert_eq!(kept[0].id, "urn:uuid:00000000-0000-4000-8000-000000000003");
    let errors = problems(&items);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("cut.warc.gz: record 2: "), "{errors:?}");
    assert!(errors[0].contains("truncated"), "{errors:?}");
}

/// A small first record (shorter than the bytes the format sniffer looks at) once made the whole file an
/// error: the cut in record 2 surfaced while sniffing.
#[test]
fn small_warc_gz_cut_in_record_two_keeps_record_one() {
    let first = common::warc_record("conversion", "urn:x:1", "", "text/plain", b"Farmers blocked the road.");
    let second = common::warc_record(
        "conversion",
        "urn:x:2",
        "",
        "text/plain",
        &b"Police cleared it. ".repeat(40),
    );
    let mut bytes = gzip(&first);
    let member = gzip(&second);
    bytes.extend_from_slice(&member[..member.len() / 2]);
    let items: Vec<_> = read_bytes("small.warc.gz", None, bytes).collect();
    assert_eq!(articles(&items).len(), 1, "{:?}", problems(&items));
    assert_eq!(articles(&items)[0].text, "Farmers blocked the road.");
    let errors = problems(&items);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("small.warc.gz: record 2: truncated"),
        "{errors:?}"
    );
    // The same for JSON Lines: the whole first line is kept.
    let mut bytes = gzip(ARTICLE_JSONL.as_bytes());
    let member = gzip(&ARTICLE_JSONL.repeat(20).into_bytes());
    bytes.extend_from_slice(&member[..member.len() / 2]);
    let items: Vec<_> = read_bytes("small.jsonl.gz", None, bytes).collect();
    assert_eq!(articles(&items).len(), 1, "{:?}", problems(&items));
}

/// Deterministic pseudo-random bytes (xorshift), so the test needs no crate and always sees the same input.
fn random_bytes(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect()
}

#[test]
fn random_bytes_named_jsonl_are_one_error_not_thousands() {
    let dir = scratch_dir("random-jsonl");
    std::fs::write(dir.join("noise.jsonl"), random_bytes(2 << 20, 7)).unwrap();
    std::fs::write(dir.join("ok.jsonl"), "{\"text\": \"The envoy arrived.\"}\n").unwrap();
    let items: Vec<_> = read_paths(std::slice::from_ref(&dir)).collect();
    let errors = problems(&items);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].ends_with("noise.jsonl: binary data, not JSON Lines; skipped"),
        "{errors:?}"
    );
    assert_eq!(articles(&items).len(), 1);
}

#[test]
fn a_flood_of_bad_lines_is_collapsed_after_the_first_few() {
    let dir = scratch_dir("flood");
    let mut junk = String::new();
    for i in 0..5000 {
        junk.push_str(&format!("junk line {i}\n"));
        if i % 100 == 0 {
            junk.push_str("{\"text\": \"A real article among the junk.\"}\n");
        }
    }
    std::fs::write(dir.join("a.jsonl"), &junk).unwrap();
    let mut stats = Vec::new();
    let (tx, rx) = std::sync::mpsc::channel();
    let items: Vec<_> = read_paths(&[dir.join("a.jsonl")])
        .on_input_done(move |s| tx.send(s.clone()).unwrap())
        .collect();
    stats.extend(rx.try_iter());
    let shown: Vec<_> = items.iter().filter_map(|item| item.as_ref().err()).collect();
    assert_eq!(shown.len(), 21, "20 errors and the summary");
    let summary = shown.last().unwrap();
    assert_eq!(
        summary.kind,
        ProblemKind::Summary {
            errors: 4980,
            warnings: 0
        }
    );
    assert_eq!(
        summary.to_string(),
        format!(
            "{}: …and 4,980 more errors in this file (not shown)",
            dir.join("a.jsonl").display()
        )
    );
    assert_eq!(articles(&items).len(), 50, "every article is still read");
    assert_eq!((stats[0].errors, stats[0].articles), (5000, 50));
}

#[test]
fn a_compressed_file_of_nothing_but_junk_is_abandoned_and_the_run_goes_on() {
    let dir = scratch_dir("junk-gz");
    // 200,000 short junk lines compress to a few hundred KB: the case that once flooded stderr.
    let junk: String = (0..200_000).map(|i| format!("x{}\n", i % 7)).collect();
    std::fs::write(dir.join("a-junk.jsonl.gz"), gzip(junk.as_bytes())).unwrap();
    std::fs::write(dir.join("b-good.jsonl"), "{\"text\": \"Talks resumed in Geneva.\"}\n").unwrap();
    let items: Vec<_> = read_paths(std::slice::from_ref(&dir)).collect();
    let errors = problems(&items);
    assert_eq!(errors.len(), 22, "{:?}", &errors[18..]);
    assert!(
        errors[20].contains("stopped reading: 1,000 errors and not one article"),
        "{}",
        errors[20]
    );
    assert!(errors[21].contains("…and 980 more errors"), "{}", errors[21]);
    assert_eq!(articles(&items)[0].text, "Talks resumed in Geneva.");
}

const ARTICLE_JSONL: &str = "{\"id\": \"c1\", \"text\": \"The minister resigned on Friday.\"}\n";

fn xz(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = liblzma::write::XzEncoder::new(Vec::new(), 6);
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn bz2(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn zstd(bytes: &[u8]) -> Vec<u8> {
    ruzstd::encoding::compress_to_vec(bytes, ruzstd::encoding::CompressionLevel::Fastest)
}

#[test]
fn compressed_inputs_are_read_by_extension_or_by_content() {
    let cases: [(&str, Vec<u8>); 5] = [
        ("a.jsonl.gz", gzip(ARTICLE_JSONL.as_bytes())),
        ("a.jsonl.xz", xz(ARTICLE_JSONL.as_bytes())),
        ("a.jsonl.bz2", bz2(ARTICLE_JSONL.as_bytes())),
        ("a.jsonl.zst", zstd(ARTICLE_JSONL.as_bytes())),
        ("-", gzip(&xz(ARTICLE_JSONL.as_bytes()))),
    ];
    for (name, bytes) in cases {
        let items: Vec<_> = read_bytes(name, None, bytes).collect();
        assert_eq!(problems(&items), Vec::<String>::new(), "{name}");
        assert_eq!(articles(&items)[0].id, "c1", "{name}");
    }
    // Two xz streams one after the other (as `cat a.xz b.xz` makes) are both read.
    let mut two = xz(ARTICLE_JSONL.as_bytes());
    two.extend(xz(b"{\"id\": \"c2\", \"text\": \"A second one.\"}\n"));
    let items: Vec<_> = read_bytes("two.jsonl.xz", None, two).collect();
    assert_eq!(articles(&items).len(), 2);
}

#[test]
fn truncated_compressed_inputs_keep_the_lines_before_the_cut() {
    let lines: String = (0..20_000)
        .map(|i| format!("{{\"id\": \"n{i}\", \"text\": \"Line number {i} of a long file of articles.\"}}\n"))
        .collect();
    for (name, bytes) in [
        ("t.jsonl.gz", gzip(lines.as_bytes())),
        ("t.jsonl.xz", xz(lines.as_bytes())),
        ("t.jsonl.bz2", bz2(lines.as_bytes())),
        ("t.jsonl.zst", zstd(lines.as_bytes())),
    ] {
        let cut = bytes[..bytes.len() * 3 / 4].to_vec();
        let items: Vec<_> = read_bytes(name, None, cut).collect();
        let errors = problems(&items);
        assert_eq!(errors.len(), 1, "{name}: {errors:?}");
        assert!(
            errors[0].contains("truncated") || errors[0].contains("corrupt"),
            "{name}: {errors:?}"
        );
        assert!(
            articles(&items).len() > 100,
            "{name}: {} articles kept",
            articles(&items).len()
        );
    }
}

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let units: Vec<u16> = if bom {
        std::iter::once(0xFEFF).chain(text.encode_utf16()).collect()
    } else {
        text.encode_utf16().collect()
    };
    for unit in units {
        out.extend(if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    out
}

#[test]
fn utf16_is_decoded_with_or_without_a_byte_order_mark() {
    let text = "Ceasefire talks\n\nThe envoys of Türkiye and Ελλάδα met in Zürich.\n";
    for (big_endian, bom) in [(false, true), (true, true), (false, false), (true, false)] {
        let items: Vec<_> = read_bytes("u.txt", None, utf16(text, big_endian, bom)).collect();
        assert_eq!(problems(&items), Vec::<String>::new(), "be={big_endian} bom={bom}");
        let article = articles(&items)[0];
        assert_eq!(article.title.as_deref(), Some("Ceasefire talks"));
        assert_eq!(article.text, "The envoys of Türkiye and Ελλάδα met in Zürich.");
    }
    let jsonl = utf16(ARTICLE_JSONL, false, true);
    let items: Vec<_> = read_bytes("u.jsonl", None, jsonl).collect();
    assert_eq!(articles(&items)[0].id, "c1");
}

#[test]
fn binary_files_are_named_for_what_they_are() {
    let cases: [(&str, &[u8], &str); 4] = [
        (
            "report.txt",
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
            "report.txt: a PDF document, not a text file: extract its text first; skipped",
        ),
        (
            "data.jsonl",
            b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
            "data.jsonl: a ZIP archive (or .docx, .xlsx, .epub), not JSON Lines: unpack it or save it as text first; skipped",
        ),
        (
            "-",
            b"SQLite format 3\0\x10\x00\x01\x01",
            "-: an SQLite database, not an article input: query a detente store with `detente events` or `search`; skipped",
        ),
        (
            "x.csv",
            b"\x00\x01\x02\x03binary\x00\x00",
            "x.csv: binary data, not CSV; skipped",
        ),
    ];
    for (name, bytes, want) in cases {
        let items: Vec<_> = read_bytes(name, None, bytes.to_vec()).collect();
        assert_eq!(problems(&items), [want]);
    }
}

#[test]
fn unreadable_dates_are_warnings_naming_the_line_and_the_article_is_kept() {
    let input = "{\"text\": \"One.\", \"date\": \"garbage\"}\n\
                 {\"text\": \"Two.\", \"date\": 12345}\n\
                 {\"text\": \"Three.\", \"date\": \"2022-02-30\"}\n\
                 {\"text\": \"Four.\", \"date\": \"07.03.2022\"}\n\
                 {\"text\": \"Five.\", \"date\": \"25.03.2022\"}\n";
    let items: Vec<_> = read_bytes("d.jsonl", None, input.as_bytes().to_vec()).collect();
    let warnings: Vec<String> = items
        .iter()
        .filter_map(|item| item.as_ref().err())
        .inspect(|problem| assert!(problem.is_warning()))
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        warnings,
        [
            "d.jsonl:1: warning: date \"garbage\" left empty: not a date detente can read",
            "d.jsonl:2: warning: date \"12345\" left empty: not a date detente can read",
            "d.jsonl:3: warning: date \"2022-02-30\" left empty: no such day in the calendar",
            "d.jsonl:4: warning: date \"07.03.2022\" left empty: ambiguous: 7 March 2022 or 3 July 2022? (pass --date-order dmy or mdy)",
        ]
    );
    let dates: Vec<Option<&str>> = articles(&items).iter().map(|a| a.date.as_deref()).collect();
    assert_eq!(dates, [None, None, None, None, Some("2022-03-25")]);

    let day_first = ReadOptions {
        date_order: detente_ingest::DateOrder::DayMonthYear,
        ..ReadOptions::default()
    };
    let items: Vec<_> =
        detente_ingest::read_bytes_with("d.jsonl", None, input.as_bytes().to_vec(), &day_first).collect();
    assert_eq!(articles(&items)[3].date.as_deref(), Some("2022-03-07"));
}

#[test]
fn html_and_warc_dates_that_cannot_be_read_are_warnings() {
    let page = "<html><head><meta property=\"article:published_time\" content=\"next Tuesday\"><title>T</title></head>\
                <body><article><p>The parliament approved the new budget after a long debate on Monday night.</p></article></body></html>";
    let items: Vec<_> = read_bytes("p.html", None, page.as_bytes().to_vec()).collect();
    assert_eq!(
        problems(&items),
        ["p.html: warning: date \"next Tuesday\" left empty: not a date detente can read"]
    );
    assert_eq!(articles(&items).len(), 1);
    let record = common::warc_record("conversion", "urn:x:1", "", "text/plain", b"Farmers blocked the road.")
        .into_iter()
        .collect::<Vec<u8>>();
    let record = String::from_utf8(record)
        .unwrap()
        .replace("2022-03-15T08:00:00Z", "soon");
    let items: Vec<_> = read_bytes("w.warc", None, record.into_bytes()).collect();
    assert_eq!(
        problems(&items),
        ["w.warc: record 1: warning: date \"soon\" left empty: not a date detente can read"]
    );
}

#[test]
fn csv_with_a_header_gives_one_article_per_row() {
    let csv = "ID,Title,date,text,url,extra\n\
               1,Vote,2022-05-01,\"Parliament passed the budget, 201 to 90.\",https://example.org/1,x\n\
               2,,25/04/2022,\"The \"\"new\"\" cabinet met.\nIt named a speaker.\",,y\n\
               3,Empty,,,,\n\
               4,Bad date,someday,The talks ended.,,\n\
               \n";
    let items: Vec<_> = read_bytes("t.csv", None, csv.as_bytes().to_vec()).collect();
    let got = articles(&items);
    assert_eq!(got.len(), 3);
    assert_eq!(got[0].id, "1");
    assert_eq!(got[0].title.as_deref(), Some("Vote"));
    assert_eq!(got[0].date.as_deref(), Some("2022-05-01"));
    assert_eq!(got[0].url.as_deref(), Some("https://example.org/1"));
    assert_eq!(got[0].text, "Parliament passed the budget, 201 to 90.");
    assert_eq!(got[1].text, "The \"new\" cabinet met.\nIt named a speaker.");
    assert_eq!(got[1].date.as_deref(), Some("2022-04-25"));
    assert_eq!(got[1].title, None);
    assert_eq!(
        problems(&items),
        [
            "t.csv:5: empty \"text\" field",
            "t.csv:6: warning: date \"someday\" left empty: not a date detente can read"
        ]
    );
}

#[test]
fn csv_text_column_can_be_chosen_and_a_missing_one_is_named() {
    let csv = "headline;body;source\nTalks;The envoys met again.;Wire\n";
    let items: Vec<_> = read_bytes("s.csv", None, csv.as_bytes().to_vec()).collect();
    assert_eq!(
        problems(&items),
        [
            "s.csv:1: the header has no \"text\" column (columns: \"headline\", \"body\", \"source\"); name the column that holds the article text with --text-column"
        ]
    );
    let options = ReadOptions {
        text_column: Some("Body".into()),
        ..ReadOptions::default()
    };
    let items: Vec<_> = detente_ingest::read_bytes_with("s.csv", None, csv.as_bytes().to_vec(), &options).collect();
    assert_eq!(articles(&items)[0].text, "The envoys met again.");
    assert_eq!(articles(&items)[0].source.as_deref(), Some("Wire"));
    let tsv = "text\tdate\nA tab-separated article.\t2021-01-02\n";
    let items: Vec<_> = read_bytes("t.tsv.gz", None, gzip(tsv.as_bytes())).collect();
    assert_eq!(articles(&items)[0].date.as_deref(), Some("2021-01-02"));
}

#[test]
fn csv_row_with_invalid_utf8_is_an_error_and_reading_goes_on() {
    let mut csv = b"text,id\nGood one.,a\nBad \xff byte.,b\nGood two.,c\n".to_vec();
    csv.extend_from_slice(b"\"unclosed quote at the end,d\n");
    let items: Vec<_> = read_bytes("u.csv", Some(Format::Csv), csv).collect();
    let ids: Vec<&str> = articles(&items).iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids[..2], ["a", "c"]);
    assert_eq!(problems(&items)[0], "u.csv:3: invalid UTF-8 in column \"text\"");
}

#[test]
fn documents_over_the_budget_are_skipped_with_a_named_error() {
    let options = ReadOptions {
        budget: detente_ingest::Budget {
            max_bytes: 500,
            max_run_bytes: 200,
        },
        ..ReadOptions::default()
    };
    let big = "Envoys met. ".repeat(50);
    let unpunctuated = "word ".repeat(60);
    let input = format!(
        "{}\n{}\n{}\n",
        serde_json::json!({"id": "big", "text": big}),
        serde_json::json!({"id": "run", "text": unpunctuated}),
        serde_json::json!({"id": "fine", "text": "Short and fine."}),
    );
    let items: Vec<_> = detente_ingest::read_bytes_with("b.jsonl", None, input.into_bytes(), &options).collect();
    assert_eq!(
        problems(&items),
        [
            "b.jsonl:1: article \"big\" skipped: 600 bytes of text is over the per-document budget of 500 bytes (--max-document-mb)",
            "b.jsonl:2: article \"run\" skipped: 300 bytes of text without a sentence end is over the budget of 200 bytes (--max-sentence-kb)",
        ]
    );
    assert_eq!(articles(&items)[0].id, "fine");
    let dir = scratch_dir("budget");
    std::fs::write(dir.join("a.txt"), "Envoys met. ".repeat(100)).unwrap();
    let items: Vec<_> = read_paths_with(&[dir.join("a.txt")], options).collect();
    assert!(
        problems(&items)[0].contains("article \"a\" skipped"),
        "{:?}",
        problems(&items)
    );
}

/// Found by fuzzing (fuzz/corpus/read_warc/empty-record-id): an empty WARC-Record-ID gave an article
/// with an empty id. The text hash stands in, as for records without the header.
#[test]
fn warc_record_with_an_empty_id_gets_the_text_hash() {
    for id in ["", "<>", "  "] {
        let record = common::warc_record("conversion", "X", "", "text/plain", b"Farmers blocked the road.");
        let record = String::from_utf8(record).unwrap().replace("<X>", id);
        let items: Vec<_> = read_bytes("e.warc", None, record.into_bytes()).collect();
        let article = articles(&items)[0];
        assert_eq!(
            article.id,
            detente_ingest::text_id("Farmers blocked the road."),
            "{id:?}"
        );
    }
    let page = b"<html><body><article><p>The mayor condemned the attack on the market.</p></article></body></html>";
    let mut http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n",
        page.len()
    )
    .into_bytes();
    http.extend_from_slice(page);
    let record = common::warc_record("response", "X", "", "application/http; msgtype=response", &http);
    let record = String::from_utf8(record).unwrap().replace("<X>", "<>");
    let items: Vec<_> = read_bytes("e.warc", None, record.into_bytes()).collect();
    assert_eq!(articles(&items)[0].id.len(), 16, "{:?}", problems(&items));
}
