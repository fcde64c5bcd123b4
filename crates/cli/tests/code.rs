//! `detente code` end to end: the real binary on inputs written here.

use serde_json::Value;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn detente() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_detente"));
    // Keep the user's config out of the tests.
    cmd.env("XDG_CONFIG_HOME", "/nonexistent").env_remove("DETENTE_CONFIG");
    cmd
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("detente-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn example_article() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/article.txt")
}

fn code_jsonl(path: &std::path::Path) -> (Vec<Value>, String, i32) {
    let out = detente()
        .args(["code", "--format", "jsonl"])
        .arg(path)
        .output()
        .unwrap();
    let lines = String::from_utf8(out.stdout).unwrap();
    let articles = lines.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    (
        articles,
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

fn slice<'t>(text: &'t str, v: &Value) -> &'t str {
    let start = v["start"].as_u64().unwrap() as usize;
    let end = v["end"].as_u64().unwrap() as usize;
    assert!(start <= end && end <= text.len(), "span {start}..{end} out of range");
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "span {start}..{end} splits a char"
    );
    &text[start..end]
}

#[test]
fn every_span_of_the_example_article_is_exact() {
    let (articles, stderr, status) = code_jsonl(&example_article());
    assert_eq!(status, 0, "{stderr}");
    assert_eq!(articles.len(), 1);
    let a = &articles[0];
    assert_eq!(a["schema"], 1);
    assert_eq!(a["id"], "article");
    assert_eq!(a["title"], "Armenia and Azerbaijan resume border talks in Brussels");
    let text = a["text"].as_str().unwrap();
    let sentences = a["sentences"].as_array().unwrap();
    assert!(sentences.len() >= 10);
    for s in sentences {
        assert!(!slice(text, s).trim().is_empty());
    }
    // The promo line is boilerplate, and only it.
    let flagged: Vec<&str> = sentences
        .iter()
        .filter(|s| s["boilerplate"] == true)
        .map(|s| slice(text, s))
        .collect();
    assert_eq!(flagged, ["SIGN UP FOR OUR MORNING BRIEFING ON EUROPEAN POLITICS"]);
    let mentions = a["mentions"].as_array().unwrap();
    assert!(!mentions.is_empty());
    for m in mentions {
        assert_eq!(slice(text, m), m["text"].as_str().unwrap());
    }
    let quotes = a["quotes"].as_array().unwrap();
    assert!(!quotes.is_empty());
    for q in quotes {
        assert_eq!(slice(text, q), q["text"].as_str().unwrap());
        if let Some(m) = q["speaker"].get("mention").filter(|m| !m.is_null()) {
            assert!(!slice(text, m).is_empty());
        }
    }
    let events = a["events"].as_array().unwrap();
    assert!(!events.is_empty());
    for e in events {
        assert_eq!(slice(text, &e["trigger"]), e["trigger"]["text"].as_str().unwrap());
        assert!(!e["rule"].as_str().unwrap().is_empty(), "every event names its rule");
        let s = &sentences[e["sentence"].as_u64().unwrap() as usize];
        assert_eq!(s["boilerplate"], false, "no event from boilerplate");
    }
}

#[test]
fn bad_lines_are_reported_with_their_numbers_and_the_good_ones_coded() {
    let dir = scratch("bad-lines");
    let path = dir.join("mixed.jsonl");
    let mut bytes = Vec::new();
    bytes.extend_from_slice(b"{\"id\": \"one\", \"text\": \"Chile and Peru signed a trade pact on Monday.\"}\n");
    bytes.extend_from_slice(b"{\"id\": \"two\", \"text\": \"broken\n");
    bytes.extend_from_slice(b"{\"id\": \"three\", \"text\": \"bad \xff\xfe bytes\"}\n");
    bytes.extend_from_slice(b"{\"id\": \"four\", \"text\": \"Kenya recalled its ambassador from Uganda.\"}\n");
    std::fs::write(&path, bytes).unwrap();
    let (articles, stderr, status) = code_jsonl(&path);
    assert_eq!(status, 1, "some input failed: exit 1");
    let ids: Vec<&str> = articles.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["one", "four"]);
    assert!(stderr.contains("mixed.jsonl:2"), "{stderr}");
    assert!(stderr.contains("mixed.jsonl:3"), "{stderr}");
    assert!(stderr.contains("2 errors"), "summary line: {stderr}");
}

#[test]
fn output_keeps_input_order_across_threads() {
    let dir = scratch("order");
    let path = dir.join("many.jsonl");
    let mut f = std::fs::File::create(&path).unwrap();
    for i in 0..600 {
        // Articles of very different sizes so that workers finish out of order.
        let body = "The minister visited the border region and met local officials. ".repeat(1 + (i * 7) % 40);
        writeln!(f, "{}", serde_json::json!({"id": format!("a{i}"), "text": body})).unwrap();
    }
    drop(f);
    let out = detente()
        .args(["code", "--format", "jsonl", "--no-text", "--threads", "2"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let ids: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let want: Vec<String> = (0..600).map(|i| format!("a{i}")).collect();
    assert_eq!(ids, want);
}

#[test]
fn stdin_is_read_and_a_closed_pipe_ends_quietly() {
    let mut child = detente()
        .args(["code", "--format", "jsonl", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        for i in 0..3000 {
            let line = serde_json::json!({"id": format!("s{i}"), "text": "Greece and Turkey held talks in Athens."});
            if writeln!(stdin, "{line}").is_err() {
                break;
            }
        }
    });
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    stdout.read_exact(&mut first).unwrap();
    assert!(first.starts_with(b"{\"schema\":1"));
    drop(stdout); // like `| head`
    let status = child.wait().unwrap();
    writer.join().unwrap();
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    assert!(status.success(), "status {status:?}, stderr {stderr}");
    assert!(!stderr.contains("error"), "{stderr}");
}

#[test]
fn usage_errors_exit_2_and_help_teaches() {
    let out = detente().args(["code", "--format", "yaml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let help = detente().arg("--help").output().unwrap();
    assert!(help.status.success());
    let help = String::from_utf8(help.stdout).unwrap();
    for word in ["code", "quotes", "actors", "explain", "Examples"] {
        assert!(help.contains(word), "help mentions {word}");
    }
}

#[test]
fn a_missing_file_is_an_error_naming_it_and_exit_1() {
    let out = detente()
        .args(["code", "--format", "jsonl", "/nonexistent/nothing.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/nothing.txt"));
}

/// `detente actors --entities`: one row per entity, with the fullest name, the code and every mention.
#[test]
fn the_entity_table_in_every_format() {
    let dir = scratch("entities");
    let path = dir.join("article.txt");
    std::fs::write(
        &path,
        "Finnish Transport Minister Liisa Vaaranen opened the new ferry terminal in Turku on Monday. \
         The minister said the route would cut travel times. Vaaranen added that she expected more \
         passengers next summer.\n",
    )
    .unwrap();
    let run = |format: &str| {
        let out = detente()
            .args(["actors", "--entities", "--format", format])
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let jsonl = run("jsonl");
    let entities: Vec<Value> = jsonl.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let person = entities
        .iter()
        .find(|e| e["name"] == "Liisa Vaaranen")
        .unwrap_or_else(|| panic!("no entity named Liisa Vaaranen in {jsonl}"));
    assert_eq!(person["kind"], "person");
    assert_eq!(person["actor"]["code"], "FINGOV");
    assert_eq!(person["article_id"], "article");
    // The title phrase, "the minister", the surname and "she": four mentions of one person.
    assert_eq!(person["mentions"].as_array().unwrap().len(), 4, "{person}");
    let csv = run("csv");
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("article_id,entity,name,kind,code,mentions,texts"));
    assert!(lines.any(|l| l.contains("Liisa Vaaranen,person,FINGOV,4,")), "{csv}");
    let table = run("table");
    assert!(table.contains("Liisa Vaaranen") && table.contains("FINGOV"), "{table}");
}

/// An article over the streaming size (1 MiB of text) is written straight into the output rather than
/// rendered in memory: its line is the same JSON (text, every sentence and quote), in input order between
/// small articles, on one thread and on two, with and without its text.
#[test]
fn a_huge_article_is_streamed_whole_and_in_order() {
    let dir = scratch("huge");
    let path = dir.join("huge.jsonl");
    let statement = "The trade envoy said the border crossing would reopen on Monday. ";
    let repeats = (1 << 20) / statement.len() + 50;
    let huge = statement.repeat(repeats).trim_end().to_string();
    let small = "Officials in Lima told reporters that the strike had ended.";
    let mut input = String::new();
    for (id, text) in [("before", small), ("huge", huge.as_str()), ("after", small)] {
        input.push_str(&serde_json::json!({"id": id, "text": text}).to_string());
        input.push('\n');
    }
    std::fs::write(&path, input).unwrap();
    for threads in ["1", "2"] {
        for no_text in [false, true] {
            let mut cmd = detente();
            cmd.args(["code", "-q", "--format", "jsonl", "--threads", threads])
                .arg(&path);
            if no_text {
                cmd.arg("--no-text");
            }
            let out = cmd.output().unwrap();
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            let lines: Vec<Value> = String::from_utf8(out.stdout)
                .unwrap()
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect();
            let ids: Vec<&str> = lines.iter().map(|a| a["id"].as_str().unwrap()).collect();
            assert_eq!(ids, ["before", "huge", "after"]);
            let big = &lines[1];
            assert_eq!(big["sentences"].as_array().unwrap().len(), repeats);
            let quotes = big["quotes"].as_array().unwrap();
            assert_eq!(quotes.len(), repeats);
            assert_eq!(
                quotes[repeats - 1]["text"],
                "the border crossing would reopen on Monday"
            );
            if no_text {
                assert!(big.get("text").is_none());
            } else {
                assert_eq!(big["text"].as_str().unwrap(), huge);
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
