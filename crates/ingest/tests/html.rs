//! HTML metadata and text details.

use detente_ingest::{Article, read_bytes};

const BODY: &str = "<p>The parliament approved the new coalition agreement on Thursday after a debate that lasted more than nine hours, with a majority of eleven votes.</p>\
<p>Opposition leaders said they would challenge the vote in the constitutional court, arguing that the procedure had been rushed through the chamber.</p>\
<p>The president is expected to sign the agreement into law next week, according to a spokesperson for the presidential office in the capital.</p>";

fn page(head: &str, body: &str) -> Article {
    let html = format!("<!DOCTYPE html><html><head>{head}</head><body><article>{body}</article></body></html>");
    read_bytes("p.html", None, html.into_bytes())
        .next()
        .unwrap()
        .unwrap_or_else(|err| panic!("{err}"))
}

#[test]
fn dates_from_the_usual_places() {
    let cases = [
        (
            "<meta property=\"article:published_time\" content=\"2021-06-03T08:00:00Z\">",
            "",
            "2021-06-03",
        ),
        ("<meta name=\"pubdate\" content=\"20210604\">", "", "2021-06-04"),
        (
            "<meta itemprop=\"datePublished\" content=\"June 5, 2021\">",
            "",
            "2021-06-05",
        ),
        (
            "<meta name=\"DATE\" content=\"Sun, 06 Jun 2021 10:00:00 GMT\">",
            "",
            "2021-06-06",
        ),
        ("", "<time datetime=\"2021-06-07T09:00\">Monday</time>", "2021-06-07"),
        (
            "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":\"Coalition deal\",\"datePublished\":\"2021-06-08T07:00:00Z\"}</script>",
            "",
            "2021-06-08",
        ),
        // The published time wins over a modified time and a generic date.
        (
            "<meta name=\"date\" content=\"2021-01-01\"><meta property=\"article:modified_time\" content=\"2021-07-01\"><meta property=\"article:published_time\" content=\"2021-06-09\">",
            "",
            "2021-06-09",
        ),
    ];
    for (head, before, want) in cases {
        let article = page(head, &format!("{before}{BODY}"));
        assert_eq!(article.date.as_deref(), Some(want), "{head}{before}");
    }
    assert_eq!(page("", BODY).date, None);
}

#[test]
fn one_paragraph_per_line() {
    let article = page("<title>Coalition deal approved</title>", BODY);
    assert_eq!(article.text.lines().count(), 3, "{}", article.text);
    assert!(article.text.starts_with("The parliament approved"));
    assert_eq!(article.title.as_deref(), Some("Coalition deal approved"));
}

#[test]
fn windows_1252_page_is_decoded_by_its_meta_charset() {
    let html = format!(
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"><title>Caf\u{e9} talks</title></head><body><article>{}</article></body></html>",
        BODY.replace("parliament", "parliament\u{2019}s speaker and the")
    );
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&html);
    assert!(std::str::from_utf8(&bytes).is_err());
    let article = read_bytes("cp.html", None, bytes.into_owned()).next().unwrap().unwrap();
    assert_eq!(article.title.as_deref(), Some("Café talks"));
    assert!(article.text.contains("parliament’s speaker"), "{}", article.text);
}
