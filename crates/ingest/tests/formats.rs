//! Acceptance: the same article in every format (and gzip'd) gives the same title and paragraphs.

mod common;

use std::path::PathBuf;

use common::*;
use detente_ingest::{Article, read_bytes, read_paths};

fn check_article(label: &str, article: &Article) {
    assert_eq!(article.title.as_deref(), Some(TITLE), "{label}: title");
    assert_eq!(paragraphs(&article.text), PARAGRAPHS, "{label}: paragraphs");
    if label.contains(".warc") {
        // A WARC record's date is the capture date (WARC-Date), not the page's.
        assert_eq!(
            article.date.as_deref(),
            Some("2022-03-15"),
            "{label}: date from WARC-Date"
        );
    } else if !label.contains(".txt") {
        assert_eq!(article.date.as_deref(), Some(DATE), "{label}: date");
    }
    if label.contains(".txt") || label.contains(".html") {
        assert_eq!(article.id, "border-talks", "{label}: id from file stem");
    }
    if label.contains(".rss") || label.contains(".atom") {
        assert_eq!(article.id, "urn:example:border-talks", "{label}: id from guid");
        assert_eq!(article.url.as_deref(), Some(URL), "{label}: url from link");
    }
    if label.contains(".warc") {
        assert_eq!(
            article.id, "urn:uuid:00000000-0000-4000-8000-000000000003",
            "{label}: id from WARC-Record-ID"
        );
        assert_eq!(article.url.as_deref(), Some(URL), "{label}: url from WARC-Target-URI");
    }
    if label.contains(".html") {
        assert_eq!(article.url.as_deref(), Some(URL), "{label}: canonical url");
        assert_eq!(article.source.as_deref(), Some("Daily Example"), "{label}: site name");
    }
}

#[test]
fn one_article_in_every_format_reads_the_same() {
    let dir = scratch_dir("every-format");
    let mut paths = Vec::new();
    for (name, bytes) in variants() {
        let path = dir.join(&name);
        std::fs::write(&path, &bytes).unwrap();
        paths.push(path);
    }
    let total_bytes: u64 = paths.iter().map(|p| std::fs::metadata(p).unwrap().len()).sum();
    let stats = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = std::sync::Arc::clone(&stats);
    let mut reader = read_paths(&paths).on_input_done(move |s| sink.lock().unwrap().push(s.clone()));
    let mut articles = Vec::new();
    for item in reader.by_ref() {
        articles.push(item.unwrap_or_else(|err| panic!("unexpected error: {err}")));
    }
    assert_eq!(articles.len(), paths.len(), "one article per input");
    for (path, article) in paths.iter().zip(&articles) {
        check_article(&path.display().to_string(), article);
    }
    // Byte accounting: every input counted once, in full.
    assert_eq!(reader.bytes_read(), total_bytes);
    let stats = stats.lock().unwrap();
    assert_eq!(stats.len(), paths.len());
    for (path, stat) in paths.iter().zip(stats.iter()) {
        assert_eq!(stat.bytes, std::fs::metadata(path).unwrap().len(), "{}", stat.file);
        assert_eq!((stat.articles, stat.errors), (1, 0), "{}", stat.file);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn content_sniffing_without_extension_reads_the_same() {
    for (name, bytes) in variants() {
        // As stdin: the name says nothing, the content decides (gzip included).
        let items: Vec<_> = read_bytes("-", None, bytes).collect();
        assert_eq!(items.len(), 1, "{name}");
        let article = items[0].as_ref().unwrap_or_else(|err| panic!("{name}: {err}"));
        assert_eq!(article.title.as_deref(), Some(TITLE), "{name} sniffed: title");
        assert_eq!(paragraphs(&article.text), PARAGRAPHS, "{name} sniffed: paragraphs");
    }
}

#[test]
fn html_boilerplate_is_left_out() {
    let article = read_bytes("page.html", None, html().into_bytes())
        .next()
        .unwrap()
        .unwrap();
    for junk in [
        "Share on Facebook",
        "Related stories",
        "Subscribe today",
        "Politics",
        "Copyright",
        "analytics",
        "Mediators",
    ] {
        assert!(!article.text.contains(junk), "{junk:?} in {:?}", article.text);
    }
}

#[test]
fn directories_are_walked_sorted_skipping_hidden_and_unknown() {
    let dir = scratch_dir("walk");
    std::fs::create_dir_all(dir.join("b/inner")).unwrap();
    std::fs::create_dir_all(dir.join(".hidden")).unwrap();
    let write = |rel: &str, text: &str| std::fs::write(dir.join(rel), text).unwrap();
    write("b/inner/z.txt", "Text from z.");
    write("b/a.txt", "Text from b/a.");
    write("a.txt", "Text from a.");
    write("c.jsonl", "{\"text\": \"Text from c.\", \"id\": \"c1\"}\n");
    write("notes.md", "# not an input");
    write("README", "not an input either");
    write(".secret.txt", "hidden file");
    write(".hidden/x.txt", "hidden directory");
    std::fs::write(dir.join("d.txt.gz"), gzip(b"Text from d.")).unwrap();
    let ids: Vec<String> = read_paths(std::slice::from_ref(&dir))
        .map(|item| item.unwrap().id)
        .collect();
    assert_eq!(ids, ["a", "a", "z", "c1", "d"]);
    let texts: Vec<String> = read_paths(std::slice::from_ref(&dir))
        .map(|item| item.unwrap().text)
        .collect();
    assert_eq!(
        texts,
        [
            "Text from a.",
            "Text from b/a.",
            "Text from z.",
            "Text from c.",
            "Text from d."
        ]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn missing_path_is_an_error_and_the_rest_is_read() {
    let dir = scratch_dir("missing");
    std::fs::write(dir.join("ok.txt"), "Envoys met.").unwrap();
    let paths = [dir.join("nope.txt"), dir.join("ok.txt")];
    let items: Vec<_> = read_paths(&paths).collect();
    assert_eq!(items.len(), 2);
    let err = items[0].as_ref().unwrap_err();
    assert!(
        err.file.ends_with("nope.txt") && err.message.contains("cannot open"),
        "{err}"
    );
    assert_eq!(items[1].as_ref().unwrap().text, "Envoys met.");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn paths_accept_pathbuf_slices() {
    let none: Vec<PathBuf> = Vec::new();
    assert_eq!(read_paths(&none).count(), 0);
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_read_once() {
    let dir = scratch_dir("symlink-loop");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("sub/a.txt"), "Talks resumed.").unwrap();
    std::os::unix::fs::symlink(&dir, dir.join("sub/loop")).unwrap();
    let texts: Vec<String> = read_paths(std::slice::from_ref(&dir))
        .map(|item| item.unwrap().text)
        .collect();
    assert_eq!(texts, ["Talks resumed."]);
    std::fs::remove_dir_all(&dir).unwrap();
}
