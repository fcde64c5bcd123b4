//! Test inputs built in code: one article written for these tests, in every input format.
#![allow(dead_code)]

use std::io::Write;
use std::path::PathBuf;

use flate2::Compression;
use flate2::write::GzEncoder;

pub const TITLE: &str = "Foreign ministers agree to resume border talks";
pub const DATE: &str = "2022-03-14";
pub const URL: &str = "https://news.example.org/world/border-talks";

/// The article's paragraphs (written for this test suite).
pub const PARAGRAPHS: [&str; 4] = [
    "The foreign ministers of Armenia and Azerbaijan agreed on Monday to resume talks on the demarcation of their shared border, according to a joint statement released in Geneva.",
    "“We have chosen dialogue over confrontation,” the Armenian minister told reporters after the four-hour meeting. His Azerbaijani counterpart said the two delegations would meet again within a month.",
    "The European Union welcomed the announcement & offered to host the next round in Brussels. Russia, which brokered a ceasefire in 2020, did not comment on Monday.",
    "Analysts cautioned that earlier rounds had collapsed over the sequencing of troop withdrawals. Residents of border villages reported sporadic gunfire as recently as last week.",
];

pub fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub fn txt() -> String {
    format!("{TITLE}\n\n{}\n", PARAGRAPHS.join("\n\n"))
}

pub fn jsonl() -> String {
    let object = serde_json::json!({
        "id": "border-talks", "title": TITLE, "date": "2022-03-14T09:30:00Z", "source": "Daily Example", "url": URL,
        "text": PARAGRAPHS.join("\n"),
    });
    format!("{object}\n")
}

/// A full page with navigation, ads, share buttons, related links and a footer around the article.
pub fn html() -> String {
    let body: String = PARAGRAPHS
        .iter()
        .enumerate()
        .map(|(i, p)| {
            // Curly quotes as entities in one paragraph, inline markup in another.
            let p = escape_html(p).replace('“', "&ldquo;").replace('”', "&rdquo;");
            let p = if i == 2 {
                p.replacen("European Union", "<a href=\"/eu\">European Union</a>", 1)
            } else {
                p
            };
            format!("      <p>{p}</p>\n")
        })
        .collect();
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{TITLE} | Daily Example</title>
  <meta property="og:title" content="{TITLE}">
  <meta property="og:site_name" content="Daily Example">
  <meta property="article:published_time" content="2022-03-14T09:30:00+00:00">
  <link rel="canonical" href="{URL}">
  <script>window.analytics = {{ track: function() {{}} }};</script>
  <style>body {{ font-family: serif; }}</style>
</head>
<body>
  <header class="site-header">
    <a class="logo" href="/">Daily Example</a>
    <nav class="main-nav"><ul><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
  </header>
  <div class="ad-slot ad-leaderboard"><span>Advertisement</span><a href="/promo">Subscribe today for just one euro a week and read without limits.</a></div>
  <main>
    <article class="story">
      <h1 class="headline">{TITLE}</h1>
      <div class="share-buttons"><a href="/share/fb">Share on Facebook</a> <a href="/share/x">Post on X</a> <a href="/share/mail">Email this story</a></div>
{body}      <div class="share-buttons"><a href="/share/fb">Share</a></div>
    </article>
    <aside class="related-stories">
      <h2>Related stories</h2>
      <ul>
        <li><a href="/a">Mediators prepare for another difficult round of negotiations in the region</a></li>
        <li><a href="/b">Opinion: what a lasting peace agreement would need to include this time</a></li>
      </ul>
    </aside>
  </main>
  <footer class="site-footer"><p>Copyright Daily Example. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
  <script>window.analytics.track("view");</script>
</body>
</html>
"#
    )
}

pub fn rss() -> String {
    let body: String = PARAGRAPHS
        .iter()
        .map(|p| format!("<p>{}</p>", escape_html(p)))
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>Daily Example: World</title>
    <link>https://news.example.org/world</link>
    <description>World news</description>
    <item>
      <title>{TITLE}</title>
      <link>{URL}</link>
      <guid isPermaLink="false">urn:example:border-talks</guid>
      <pubDate>Mon, 14 Mar 2022 09:30:00 +0000</pubDate>
      <description><![CDATA[{body}]]></description>
    </item>
  </channel>
</rss>
"#
    )
}

pub fn atom() -> String {
    let body: String = PARAGRAPHS
        .iter()
        .map(|p| format!("<p>{}</p>", escape_html(p)))
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Daily Example: World</title>
  <id>urn:example:feed</id>
  <updated>2022-03-14T09:30:00Z</updated>
  <entry>
    <title type="text">{TITLE}</title>
    <id>urn:example:border-talks</id>
    <link href="{URL}"/>
    <updated>2022-03-14T09:30:00Z</updated>
    <content type="html">{}</content>
  </entry>
</feed>
"#,
        escape_html(&body)
    )
}

/// One WARC record (header + block + the two CRLFs that end it).
pub fn warc_record(warc_type: &str, id: &str, extra_headers: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut record = format!(
        "WARC/1.1\r\nWARC-Type: {warc_type}\r\nWARC-Record-ID: <{id}>\r\nWARC-Date: 2022-03-15T08:00:00Z\r\n{extra_headers}Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    record.extend_from_slice(block);
    record.extend_from_slice(b"\r\n\r\n");
    record
}

/// An HTTP response with chunked transfer encoding.
pub fn http_chunked(content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut http =
        format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nTransfer-Encoding: chunked\r\n\r\n").into_bytes();
    for chunk in body.chunks(700) {
        http.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        http.extend_from_slice(chunk);
        http.extend_from_slice(b"\r\n");
    }
    http.extend_from_slice(b"0\r\n\r\n");
    http
}

/// The records of a small crawl: warcinfo, request, the article's response, an image response.
pub fn warc_records() -> Vec<Vec<u8>> {
    let target = format!("WARC-Target-URI: {URL}\r\n");
    let request = "GET /world/border-talks HTTP/1.1\r\nHost: news.example.org\r\n\r\n";
    let mut image = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 8\r\n\r\n".to_vec();
    image.extend_from_slice(b"\x89PNG\r\n\x1a\n");
    vec![
        warc_record(
            "warcinfo",
            "urn:uuid:00000000-0000-4000-8000-000000000001",
            "",
            "application/warc-fields",
            b"software: test\r\n",
        ),
        warc_record(
            "request",
            "urn:uuid:00000000-0000-4000-8000-000000000002",
            &target,
            "application/http; msgtype=request",
            request.as_bytes(),
        ),
        warc_record(
            "response",
            "urn:uuid:00000000-0000-4000-8000-000000000003",
            &target,
            "application/http; msgtype=response",
            &http_chunked("text/html; charset=utf-8", html().as_bytes()),
        ),
        warc_record(
            "response",
            "urn:uuid:00000000-0000-4000-8000-000000000004",
            "WARC-Target-URI: https://news.example.org/logo.png\r\n",
            "application/http; msgtype=response",
            &image,
        ),
    ]
}

pub fn warc() -> Vec<u8> {
    warc_records().concat()
}

/// `.warc.gz`: one gzip member per record.
pub fn warc_gz() -> Vec<u8> {
    warc_records().iter().flat_map(|record| gzip(record)).collect()
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// A fresh scratch directory for one test.
pub fn scratch_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("detente-ingest-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The non-empty, trimmed lines of a text: its paragraphs.
pub fn paragraphs(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_string)
        .collect()
}

/// Every variant of the article: (file name, bytes), plain and gzip'd.
pub fn variants() -> Vec<(String, Vec<u8>)> {
    let plain: Vec<(&str, Vec<u8>)> = vec![
        ("border-talks.txt", txt().into_bytes()),
        ("border-talks.jsonl", jsonl().into_bytes()),
        ("border-talks.html", html().into_bytes()),
        ("border-talks.rss", rss().into_bytes()),
        ("border-talks.atom", atom().into_bytes()),
        ("border-talks.warc", warc()),
    ];
    let mut all = Vec::new();
    for (name, bytes) in plain {
        let gz = if name.ends_with(".warc") {
            warc_gz()
        } else {
            gzip(&bytes)
        };
        all.push((name.to_string(), bytes));
        all.push((format!("{name}.gz"), gz));
    }
    all
}
