//! Reading odd inputs end to end (issue 15 items 1-3, issue 16 item 5): the real binary, inputs written here.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output};

fn detente() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_detente"));
    cmd.env("XDG_CONFIG_HOME", "/nonexistent").env_remove("DETENTE_CONFIG");
    cmd
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("detente-inputs-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(args: &[&str], paths: &[PathBuf]) -> (Vec<serde_json::Value>, String, i32) {
    let Output { stdout, stderr, status } = detente().args(args).args(paths).output().unwrap();
    let articles = String::from_utf8(stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    (
        articles,
        String::from_utf8_lossy(&stderr).into_owned(),
        status.code().unwrap_or(-1),
    )
}

#[test]
fn csv_with_a_chosen_text_column_and_day_first_dates() {
    let dir = scratch("csv");
    let csv = dir.join("news.csv");
    std::fs::write(
        &csv,
        "id,headline,body,date\n\
         n1,Border talks,\"Armenia and Azerbaijan resumed talks in Brussels, officials said.\",07.03.2022\n\
         n2,Vote,The parliament of Ruritania approved the budget.,2022-03-09\n",
    )
    .unwrap();
    let (articles, stderr, status) = run(
        &["code", "-f", "jsonl", "--text-column", "body", "--date-order", "dmy"],
        std::slice::from_ref(&csv),
    );
    assert_eq!(status, 0, "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
    assert_eq!(articles.len(), 2);
    assert_eq!(articles[0]["id"], "n1");
    assert_eq!(articles[0]["date"], "2022-03-07");
    assert_eq!(
        articles[0]["text"],
        "Armenia and Azerbaijan resumed talks in Brussels, officials said."
    );
    assert_eq!(articles[1]["date"], "2022-03-09");

    // Without --date-order the ambiguous date is left empty, with a warning; the run still succeeds.
    let (articles, stderr, status) = run(&["code", "-f", "jsonl", "--text-column", "body"], &[csv]);
    assert_eq!(status, 0, "{stderr}");
    assert_eq!(articles[0]["date"], serde_json::Value::Null);
    assert!(
        stderr.contains("news.csv:2: warning: date \"07.03.2022\" left empty: ambiguous"),
        "{stderr}"
    );
    assert!(stderr.contains("0 errors, 1 warning;"), "{stderr}");
}

#[test]
fn junk_inputs_print_a_few_lines_and_the_run_reaches_the_next_file() {
    let dir = scratch("junk");
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let noise: Vec<u8> = (0..(4 << 20))
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as u8
        })
        .collect();
    std::fs::write(dir.join("a-noise.jsonl"), noise).unwrap();
    let junk: String = (0..300_000).map(|i| format!("junk {}\n", i % 10)).collect();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(junk.as_bytes()).unwrap();
    std::fs::write(dir.join("b-junk.jsonl.gz"), gz.finish().unwrap()).unwrap();
    std::fs::write(
        dir.join("c-good.jsonl"),
        "{\"id\": \"good\", \"text\": \"France and Germany signed a treaty.\"}\n",
    )
    .unwrap();
    let (articles, stderr, status) = run(&["code", "-f", "jsonl"], &[dir]);
    assert_eq!(status, 1, "input errors make the exit status 1");
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0]["id"], "good");
    assert!(
        stderr.lines().count() < 30,
        "{} lines of stderr",
        stderr.lines().count()
    );
    assert!(
        stderr.contains("a-noise.jsonl: binary data, not JSON Lines; skipped"),
        "{stderr}"
    );
    assert!(
        stderr.contains("b-junk.jsonl.gz: stopped reading: 1,000 errors and not one article"),
        "{stderr}"
    );
}

#[test]
fn an_article_over_the_budget_is_skipped_with_a_named_error() {
    let dir = scratch("budget");
    let path = dir.join("big.jsonl");
    let big = "The delegates met again and talked for hours. ".repeat(3 << 20 >> 6);
    let lines = format!(
        "{}\n{}\n",
        serde_json::json!({"id": "huge", "text": big}),
        serde_json::json!({"id": "small", "text": "Egypt hosted the talks."})
    );
    std::fs::write(&path, lines).unwrap();
    let (articles, stderr, status) = run(&["code", "-f", "jsonl", "--max-document-mb", "1"], &[path]);
    assert_eq!(status, 1);
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0]["id"], "small");
    assert!(
        stderr
            .contains("big.jsonl:1: article \"huge\" skipped: 2.2 MB of text is over the per-document budget of 1 MB"),
        "{stderr}"
    );
}

#[test]
fn dictionary_folders_load_known_formats_only_and_never_panic() {
    let dir = scratch("dicts");
    let dicts = dir.join("dicts");
    std::fs::create_dir_all(&dicts).unwrap();
    std::fs::write(
        dicts.join("Swiss.actors.txt"),
        "ZÜRICH_ [CHÜGOV]\nGRAUBUENDEN_ [CHÜGOV]\n",
    )
    .unwrap();
    std::fs::write(dicts.join("notes.txt"), "To do: check [these] codes.\n").unwrap();
    let article = dir.join("a.txt");
    std::fs::write(&article, "Graubuenden rejected the plan on Monday.\n").unwrap();
    let out = detente()
        .args(["code", "-f", "jsonl", "--dictionaries"])
        .arg(&dicts)
        .arg(&article)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains("note: skipped"), "{stderr}");
    assert!(stderr.contains("notes.txt: not a dictionary format"), "{stderr}");
    let coded: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(coded["mentions"][0]["actor"]["code"], "CHÜGOV", "{coded}");
}

/// `code A B` gives exactly what `code A` and `code B` give: articles coded in one run (in parallel, in
/// chunks) do not influence each other.
#[test]
fn coding_two_articles_in_one_run_equals_coding_each_alone() {
    let dir = scratch("pair");
    let a = dir.join("a.txt");
    let b = dir.join("b.jsonl");
    std::fs::write(
        &a,
        "Talks\n\n\"We will not retreat,\" the Ukrainian president said. Russia attacked Kharkiv.\n",
    )
    .unwrap();
    std::fs::write(
        &b,
        "{\"id\": \"b1\", \"text\": \"He said France would send aid. The minister met Chinese officials.\"}\n\
         {\"id\": \"b2\", \"date\": \"2022-02-24\", \"text\": \"Putin told reporters that NATO had threatened Russia.\"}\n",
    )
    .unwrap();
    let (together, stderr, status) = run(&["code", "-f", "jsonl", "-j", "2"], &[a.clone(), b.clone()]);
    assert_eq!(status, 0, "{stderr}");
    let (alone_a, _, _) = run(&["code", "-f", "jsonl"], &[a]);
    let (alone_b, _, _) = run(&["code", "-f", "jsonl"], &[b]);
    assert_eq!(together.len(), 3);
    assert_eq!(together, [alone_a, alone_b].concat());
    assert!(
        together
            .iter()
            .any(|coded| !coded["events"].as_array().unwrap().is_empty())
    );
}
