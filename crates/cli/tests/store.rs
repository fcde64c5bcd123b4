//! `detente ingest` and the store commands end to end, on articles written here.

use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn detente(db: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_detente"));
    cmd.env("XDG_CONFIG_HOME", "/nonexistent")
        .env_remove("DETENTE_CONFIG")
        .env("DETENTE_DB", db);
    cmd
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("detente-store-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn ok(out: Output) -> String {
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn corpus(dir: &Path) -> PathBuf {
    let articles = [
        (
            "a1",
            "2022-02-01",
            "Russia attacked Ukraine near Kharkiv on Tuesday. Ukrainian forces fired back.",
        ),
        (
            "a2",
            "2022-02-08",
            "Russian troops shelled Ukrainian positions overnight. “We will defend every village,” \
             Ukrainian President Volodymyr Zelensky said on Wednesday.",
        ),
        (
            "a3",
            "2022-02-15",
            "France and Germany met in Paris to discuss a ceasefire proposal for Ukraine.",
        ),
    ];
    let path = dir.join("corpus.jsonl");
    let lines: Vec<String> = articles
        .iter()
        .map(|(id, date, text)| json!({"id": id, "date": date, "source": "Test Wire", "text": text}).to_string())
        .collect();
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    path
}

fn count_lines(text: &str) -> usize {
    text.lines().filter(|l| !l.trim().is_empty()).count()
}

#[test]
fn ingest_twice_stores_once_and_the_queries_answer() {
    let dir = scratch("ingest");
    let db = dir.join("t.db");
    let input = corpus(&dir);
    let first = detente(&db).arg("ingest").arg(&input).output().unwrap();
    ok(first);
    let events_once = ok(detente(&db).args(["events", "--format", "jsonl"]).output().unwrap());
    let again = detente(&db).arg("ingest").arg(&input).output().unwrap();
    let stderr = String::from_utf8_lossy(&again.stderr).into_owned();
    ok(again);
    assert!(stderr.contains("0 new"), "the re-run stores nothing new: {stderr}");
    let events_twice = ok(detente(&db).args(["events", "--format", "jsonl"]).output().unwrap());
    assert_eq!(count_lines(&events_once), count_lines(&events_twice));
    assert!(count_lines(&events_once) > 0);

    // Filters: the Russia → Ukraine dyad only.
    let dyad = ok(detente(&db)
        .args(["events", "--dyad", "RUS,UKR", "--format", "jsonl"])
        .output()
        .unwrap());
    for line in dyad.lines() {
        let e: Value = serde_json::from_str(line).unwrap();
        let text = e.to_string();
        assert!(text.contains("RUS") && text.contains("UKR"), "{text}");
    }
    assert!(count_lines(&dyad) >= 1);

    let quotes = ok(detente(&db)
        .args(["quotes", "--speaker", "Zelensky", "--format", "jsonl"])
        .output()
        .unwrap());
    assert_eq!(count_lines(&quotes), 1, "{quotes}");
    assert!(quotes.contains("defend every village"));

    let search = ok(detente(&db).args(["search", "ceasefire"]).output().unwrap());
    assert!(search.contains("a3"), "{search}");

    let network = ok(detente(&db).args(["network", "--format", "dot"]).output().unwrap());
    assert!(network.starts_with("digraph"));

    let out = dir.join("csv");
    ok(detente(&db)
        .args(["export", "--format", "csv", "--out"])
        .arg(&out)
        .output()
        .unwrap());
    let csv_rows = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .map(|t| count_lines(&t).saturating_sub(1))
        .sum::<usize>();
    assert_eq!(csv_rows, count_lines(&events_once));
}

#[test]
fn queries_on_a_missing_database_fail_clearly() {
    let dir = scratch("missing");
    let db = dir.join("nothing.db");
    let out = detente(&db).args(["events"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing.db"));
    assert!(!db.exists(), "a query never creates a database");
}
