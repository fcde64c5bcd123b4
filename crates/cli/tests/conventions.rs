//! The command-line conventions, end to end with the real binary: standard input only when asked, usage on a
//! terminal, exit codes, closed pipes, colour, escaping, messages, interruption.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::json;

fn detente() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_detente"));
    cmd.env("XDG_CONFIG_HOME", "/nonexistent")
        .env_remove("DETENTE_CONFIG")
        .env_remove("DETENTE_DB")
        .env_remove("NO_COLOR")
        .env_remove("RUST_BACKTRACE");
    cmd
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("detente-conventions-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs a shell command line on a pseudo-terminal (util-linux `script`), as a person at a terminal would;
/// returns what the terminal showed and the exit status.
fn on_terminal(command_line: &str) -> (String, i32) {
    let out = Command::new("script")
        .args(["-qec", command_line, "/dev/null"])
        .env("XDG_CONFIG_HOME", "/nonexistent")
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .output()
        .expect("util-linux `script` runs commands on a pseudo-terminal");
    (text(&out.stdout), out.status.code().unwrap_or(-1))
}

fn write_corpus(dir: &Path, n: usize) -> PathBuf {
    let path = dir.join("corpus.jsonl");
    let mut f = std::fs::File::create(&path).unwrap();
    for i in 0..n {
        // Numbers that differ from article to article in most four-word runs: no two texts are copies.
        let (a, b, c, d) = (i * 7 + 3, i * 13 + 5, i * 17 + 11, i * 19 + 2);
        let text = format!(
            "Russian forces shelled the outskirts of Kharkiv on day {i}. Witnesses counted {a} shells, {b} \
             craters and {c} damaged roofs in block {d}. Ukraine condemned the attack and demanded a ceasefire \
             after {a} hours."
        );
        let day = 1 + i % 28;
        writeln!(
            f,
            "{}",
            json!({"id": format!("a{i}"), "date": format!("2022-03-{day:02}"), "source": "Test Wire", "text": text})
        )
        .unwrap();
    }
    path
}

fn ingest(db: &Path, input: &Path) {
    let out = detente().arg("ingest").arg("--db").arg(db).arg(input).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn store_commands_never_read_piped_stdin() {
    let dir = scratch("stdin");
    let db = dir.join("t.db");
    ingest(&db, &write_corpus(&dir, 3));
    // As in cron or Jupyter: standard input is a pipe (here with junk in it); the store is queried.
    let mut child = detente()
        .args(["quotes", "--format", "jsonl", "--db"])
        .arg(&db)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"not an article\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!text(&out.stderr).contains("empty file"), "{}", text(&out.stderr));
    // `-` does read it.
    let mut child = detente()
        .args(["quotes", "--format", "jsonl", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"\"We will rebuild the bridge,\" the mayor of Odesa said.")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        text(&out.stdout).contains("We will rebuild the bridge"),
        "{}",
        text(&out.stdout)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn no_input_on_a_terminal_prints_usage_and_creates_nothing() {
    let dir = scratch("usage");
    let bin = env!("CARGO_BIN_EXE_detente");
    let (shown, status) = on_terminal(&format!("{bin} code"));
    assert_eq!(status, 2, "{shown}");
    assert!(
        shown.contains("no input") && shown.contains("Usage: detente code"),
        "{shown}"
    );
    // The usage lines are lines, not escaped "\n" sequences.
    assert!(!shown.contains("\\n"), "{shown}");
    assert!(
        shown.lines().any(|l| l.trim_start().starts_with("Usage: detente code")),
        "{shown}"
    );
    let db = dir.join("t.db");
    let (shown, status) = on_terminal(&format!("{bin} ingest --db {}", db.display()));
    assert_eq!(status, 2, "{shown}");
    assert!(!db.exists(), "no database is created on a usage error");
    // A missing input is a usage error of ingest, before any database exists.
    let out = detente()
        .arg("ingest")
        .arg("--db")
        .arg(&db)
        .arg(dir.join("typo.jsonl"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("typo.jsonl"), "{}", text(&out.stderr));
    assert!(!db.exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn usage_and_validation_errors_exit_2_without_a_backtrace() {
    let dir = scratch("exit2");
    let db = dir.join("t.db");
    ingest(&db, &write_corpus(&dir, 3));
    let gold = dir.join("articles.jsonl");
    std::fs::write(&gold, "{\"id\": \"x\", \"text\": \"Talks went on.\"}\n").unwrap();
    let cases: Vec<Vec<String>> = vec![
        vec!["events".into(), "--since".into(), "March".into()],
        vec!["events".into(), "--code".into(), "1x".into()],
        // Well-formed but no CAMEO code starts with it, or no PLOVER type of that name: refused, not "no events".
        vec!["events".into(), "--code".into(), "9999".into()],
        vec!["events".into(), "--code".into(), "21".into()],
        vec!["events".into(), "--plover".into(), "ATTACK".into()],
        vec![
            "export".into(),
            "--format".into(),
            "csv".into(),
            "--code".into(),
            "0999".into(),
            "--out".into(),
            dir.join("y").display().to_string(),
        ],
        vec!["search".into(), "NOT".into(), "Russia".into()],
        vec!["search".into(), "-Russia".into()],
        vec![
            "export".into(),
            "--format".into(),
            "csv".into(),
            "--partition-by".into(),
            "day".into(),
            "--out".into(),
            dir.join("x").display().to_string(),
        ],
        vec!["eval".into(), gold.display().to_string()],
        vec![
            "code".into(),
            "--no-text".into(),
            "--format".into(),
            "pretty".into(),
            "-".into(),
        ],
        vec!["events".into(), "--goldstein".into(), "icews".into()],
        // Options that would act on nothing are refused, not ignored.
        vec![
            "trend".into(),
            "RUS".into(),
            "UKR".into(),
            "--color".into(),
            "always".into(),
        ],
        vec!["quotes".into(), "--text-column".into(), "body".into()],
        vec!["quotes".into(), "--date-order".into(), "dmy".into()],
        vec!["quotes".into(), "--max-document-mb".into(), "2".into()],
        // Bad values the command checks itself.
        vec![
            "map".into(),
            "--region".into(),
            "narnia".into(),
            "--out".into(),
            dir.join("m.svg").display().to_string(),
        ],
        vec![
            "export".into(),
            "--format".into(),
            "csv".into(),
            "--out".into(),
            "-".into(),
        ],
        vec!["explain".into(), " ".into()],
        vec![
            "code".into(),
            "--config".into(),
            dir.join("missing.toml").display().to_string(),
            "-".into(),
        ],
    ];
    for args in cases {
        let out = detente().args(&args).arg("--db").arg(&db).stdin(Stdio::null()).output();
        // `eval`, `code` and `explain` have no --db: that is a usage error too; run them without it.
        let out = match args[0].as_str() {
            "eval" | "code" | "explain" => detente().args(&args).stdin(Stdio::null()).output(),
            _ => out,
        }
        .unwrap();
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            !stderr.contains("backtrace") && !stderr.contains("panicked"),
            "{args:?}: {stderr}"
        );
    }
    // A root, a code's prefix and a PLOVER type in lower case are filters, not errors.
    for (flag, value) in [
        ("--code", "11"),
        ("--code", "14"),
        ("--plover", "accuse"),
        ("--plover", "Consult"),
    ] {
        let out = detente()
            .args(["events", flag, value, "--db"])
            .arg(&db)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{flag} {value}: {}", text(&out.stderr));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_closed_pipe_ends_quietly_and_piped_output_is_jsonl() {
    let dir = scratch("pipe");
    let db = dir.join("t.db");
    ingest(&db, &write_corpus(&dir, 400));
    for command in [
        &["events", "--format", "jsonl", "--limit", "100000"][..],
        &["events"][..],
        &["search", "Kharkiv", "--limit", "1000"][..],
    ] {
        let mut child = detente()
            .args(command)
            .arg("--db")
            .arg(&db)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 2];
        stdout.read_exact(&mut first).unwrap();
        assert_eq!(&first, b"{\"", "{command:?}: JSON Lines when piped");
        drop(stdout); // like `| head -1`
        let out = child.wait_with_output().unwrap();
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{command:?}: {stderr}");
        assert!(!stderr.to_lowercase().contains("broken pipe"), "{command:?}: {stderr}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn colour_follows_color_and_no_color() {
    let dir = scratch("color");
    let article = dir.join("a.txt");
    std::fs::write(&article, "Chile and Peru signed a trade pact on Monday.").unwrap();
    let run = |args: &[&str]| text(&detente().args(args).arg(&article).output().unwrap().stdout);
    assert!(run(&["code", "--format", "pretty", "--color", "always"]).contains('\x1b'));
    assert!(!run(&["code", "--format", "pretty", "--color", "never"]).contains('\x1b'));
    assert!(
        !run(&["code", "--format", "pretty"]).contains('\x1b'),
        "no colour when piped"
    );
    let bin = env!("CARGO_BIN_EXE_detente");
    let line = format!("{bin} code --quiet --format pretty {}", article.display());
    let (coloured, _) = on_terminal(&line);
    assert!(coloured.contains('\x1b'), "colour on a terminal: {coloured}");
    let (plain, _) = on_terminal(&format!("NO_COLOR=1 {line}"));
    assert!(!plain.contains('\x1b'), "NO_COLOR: {plain:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn control_characters_from_articles_are_escaped_for_people() {
    let dir = scratch("escape");
    let input = dir.join("evil.jsonl");
    let evil = json!({
        "id": "evil\u{1b}]0;owned\u{7}",
        "title": "Title\u{1b}[2J cleared",
        "date": "2022-03-01",
        "text": "Russian forces shelled Kharkiv\u{1b}]52;c;bWFsaWNpb3Vz\u{7} on Monday. Ukraine condemned the attack."
    });
    std::fs::write(&input, format!("{evil}\n")).unwrap();
    let out = detente()
        .args(["code", "--format", "pretty", "--color", "always"])
        .arg(&input)
        .output()
        .unwrap();
    let pretty = text(&out.stdout);
    assert!(pretty.contains("\\x1b]52;c;"), "{pretty}");
    assert!(
        !pretty.contains("\u{1b}]") && !pretty.contains("\u{1b}[2J") && !pretty.contains('\u{7}'),
        "{pretty:?}"
    );
    let db = dir.join("t.db");
    ingest(&db, &input);
    for args in [
        &["events", "--format", "table"][..],
        &["search", "Kharkiv", "--format", "table"][..],
        &["quotes", "--format", "table"][..],
    ] {
        let out = detente().args(args).arg("--db").arg(&db).output().unwrap();
        let shown = text(&out.stdout);
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\u{7}'),
            "{args:?}: {shown:?}"
        );
    }
    let events = text(
        &detente()
            .args(["events", "--format", "table", "--db"])
            .arg(&db)
            .output()
            .unwrap()
            .stdout,
    );
    assert!(events.contains("evil\\x1b]0;owned\\x07"), "{events}");
    // Machine formats keep the text as it is (JSON escapes it its own way).
    let jsonl = text(
        &detente()
            .args(["events", "--format", "jsonl", "--db"])
            .arg(&db)
            .output()
            .unwrap()
            .stdout,
    );
    let row: serde_json::Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    assert_eq!(row["article_id"], "evil\u{1b}]0;owned\u{7}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn messages_name_the_path_once_and_config_is_read_with_a_limit() {
    let dir = scratch("messages");
    // A file that is not a database: one cause, once.
    let junk = dir.join("junk.db");
    std::fs::write(&junk, vec![b'x'; 8192]).unwrap();
    let out = detente().args(["events", "--db"]).arg(&junk).output().unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("junk.db"), "{stderr}");
    assert_eq!(stderr.matches("not a database").count(), 1, "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    // /dev/zero as a config file: refused at once, named.
    let started = std::time::Instant::now();
    let out = detente()
        .args(["code", "--config", "/dev/zero", "-"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(started.elapsed().as_secs() < 20);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("/dev/zero: not a regular file"),
        "{}",
        text(&out.stderr)
    );
    // An export into a place that cannot be a folder names it.
    let db = dir.join("t.db");
    ingest(&db, &write_corpus(&dir, 2));
    let blocker = dir.join("a-file");
    std::fs::write(&blocker, "x").unwrap();
    let out = detente()
        .args(["export", "--format", "csv", "--db"])
        .arg(&db)
        .arg("--out")
        .arg(blocker.join("out"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("a-file"), "{}", text(&out.stderr));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn queries_work_on_a_database_beside_which_nothing_can_be_written() {
    let dir = scratch("readonly");
    let db = dir.join("t.db");
    ingest(&db, &write_corpus(&dir, 5));
    let before = detente()
        .args(["events", "--format", "jsonl", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    let events = text(&before.stdout).lines().count();
    assert!(events >= 5);
    // A reader leaves the WAL files behind; a writer's clean close removes them.
    ingest(&db, &write_corpus(&dir, 5));
    assert!(!dir.join("t.db-shm").exists());
    // SQLite must create t.db-shm to read a WAL database; a folder in its place makes that impossible, as a
    // read-only directory does (which root could still write to).
    std::fs::create_dir(dir.join("t.db-shm")).unwrap();
    let out = detente()
        .args(["events", "--format", "jsonl", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).lines().count(), events);
    let out = detente()
        .args(["stats", "--format", "jsonl", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(stats["articles"], 5);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn code_and_export_write_the_same_gdelt_events() {
    let dir = scratch("gdelt");
    let input = write_corpus(&dir, 40);
    let coded = detente()
        .args(["code", "--format", "gdelt"])
        .arg(&input)
        .output()
        .unwrap();
    assert!(coded.status.success(), "{}", text(&coded.stderr));
    let db = dir.join("t.db");
    ingest(&db, &input);
    let out = dir.join("export");
    let exported = detente()
        .args(["export", "--format", "gdelt", "--include-duplicates", "--db"])
        .arg(&db)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(exported.status.success(), "{}", text(&exported.stderr));
    let rows = |t: &str| -> Vec<Vec<String>> {
        let mut rows: Vec<Vec<String>> = t
            .lines()
            .map(|l| {
                let mut cells: Vec<String> = l.split('\t').map(String::from).collect();
                cells.remove(59); // DATEADDED: when coded, or when stored
                cells
            })
            .collect();
        rows.sort();
        rows
    };
    let from_code = rows(&text(&coded.stdout));
    let from_export = rows(&std::fs::read_to_string(out.join("events.gdelt.tsv")).unwrap());
    assert!(from_code.len() > 20, "{}", from_code.len());
    assert_eq!(from_code, from_export);
    let _ = std::fs::remove_dir_all(&dir);
}

/// `-word` leaves a word out when the words follow `--`; before it, the message says so (exit 2).
#[test]
fn search_leaves_words_out_after_a_double_dash() {
    let dir = scratch("search-dash");
    let corpus = dir.join("c.jsonl");
    std::fs::write(
        &corpus,
        "{\"id\": \"orchard\", \"text\": \"Growers in the valley praised the new tariff on apples.\"}\n\
         {\"id\": \"harbour\", \"text\": \"Dockers in the port criticized the new tariff on steel.\"}\n",
    )
    .unwrap();
    let db = dir.join("t.db");
    ingest(&db, &corpus);
    let ids = |args: &[&str]| {
        let out = detente()
            .arg("search")
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        let mut ids: Vec<String> = text(&out.stdout)
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["article_id"].to_string())
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(&["tariff"]), ["\"harbour\"", "\"orchard\""]);
    assert_eq!(ids(&["--", "tariff", "-apples"]), ["\"harbour\""]);
    assert_eq!(ids(&["-f", "jsonl", "--", "tariff", "-steel"]), ["\"orchard\""]);
    let out = detente()
        .args(["search", "--db"])
        .arg(&db)
        .args(["tariff", "-apples"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("-apples") && stderr.contains("after `--`"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The bar on a terminal: a percentage and an ETA for input of known size (ingest), for `recode` and for
/// `export`; nothing of it when standard error is not a terminal.
#[test]
fn progress_bars_show_a_percentage_and_an_eta_on_a_terminal_only() {
    let dir = scratch("progress");
    let corpus = write_corpus(&dir, 400);
    let db = dir.join("t.db");
    let bin = env!("CARGO_BIN_EXE_detente");
    let db_arg = db.display();
    for command in [
        format!("{bin} ingest --db {db_arg} {}", corpus.display()),
        format!("{bin} recode --db {db_arg}"),
        format!(
            "{bin} export --db {db_arg} --format csv --out {}",
            dir.join("out").display()
        ),
    ] {
        let (shown, status) = on_terminal(&command);
        assert_eq!(status, 0, "{command}: {shown}");
        let bar = shown
            .split(['\r', '\n'])
            .find(|line| line.contains("%") && line.contains("ETA"))
            .unwrap_or_else(|| panic!("{command}: no bar with a percentage and an ETA in {shown:?}"));
        let percent: u32 = bar
            .split('%')
            .next()
            .and_then(|before| before.split_whitespace().last())
            .and_then(|n| n.trim_start_matches(|c: char| !c.is_ascii_digit()).parse().ok())
            .unwrap_or_else(|| panic!("{command}: no number before % in {bar:?}"));
        assert!(percent <= 100, "{bar}");
    }
    // Piped: the summary only, no bar.
    let out = detente().args(["recode", "--db"]).arg(&db).output().unwrap();
    assert!(out.status.success());
    let stderr = text(&out.stderr);
    assert!(!stderr.contains("ETA") && !stderr.contains('\r'), "{stderr}");
    assert!(stderr.contains("re-coded 400 articles"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn interrupted_ingest_says_what_was_committed() {
    let dir = scratch("interrupt");
    let input = write_corpus(&dir, 60_000);
    let db = dir.join("t.db");
    let mut child = detente()
        .args(["ingest", "--threads", "1", "--batch", "100", "--db"])
        .arg(&db)
        .arg(&input)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until some batches are committed, then press Ctrl-C.
    let started = std::time::Instant::now();
    while !db.exists() || std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0) < 200_000 {
        assert!(started.elapsed().as_secs() < 120, "ingest did not start");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "{stderr}");
    assert!(
        stderr.contains("interrupted: the") && stderr.contains("stored and committed"),
        "{stderr}"
    );
    let said: u64 = stderr
        .split("interrupted: the ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{stderr}"));
    let stats = detente()
        .args(["stats", "--format", "jsonl", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    let stats: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(stats["articles"].as_u64(), Some(said), "what it said is what is stored");
    assert!(said < 60_000, "interrupted before the end");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn completions_man_page_and_stats() {
    let out = detente().args(["completions", "bash"]).output().unwrap();
    assert!(out.status.success());
    assert!(text(&out.stdout).contains("detente"));
    let out = detente().args(["man"]).output().unwrap();
    assert!(out.status.success());
    assert!(text(&out.stdout).contains(".TH"), "{}", text(&out.stdout));
    let out = detente().args(["man", "events"]).output().unwrap();
    assert!(text(&out.stdout).contains("oldest"), "{}", text(&out.stdout));
    let dir = scratch("stats");
    let db = dir.join("t.db");
    ingest(&db, &write_corpus(&dir, 6));
    let out = detente()
        .args(["stats", "--format", "table", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    let shown = text(&out.stdout);
    assert!(
        shown.contains("articles") && shown.contains("2022-03-01 to 2022-03-06"),
        "{shown}"
    );
    assert!(shown.contains("dyad RUS → UKR"), "{shown}");
    let _ = std::fs::remove_dir_all(&dir);
}
