//! `detente serve` with the real binary: the command's exit codes, and a start on an empty database that
//! answers, keeps its token and stops cleanly on SIGTERM.
#![cfg(feature = "server")]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn detente() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_detente"));
    cmd.env("XDG_CONFIG_HOME", "/nonexistent")
        .env_remove("DETENTE_CONFIG")
        .env_remove("DETENTE_DB")
        .env_remove("RUST_BACKTRACE");
    cmd
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("detente-serve-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `detente serve ARGS` expecting it to end by itself (it must not start serving): status and stderr.
fn serve_fails(args: &[&str]) -> (Option<i32>, String) {
    let mut child = detente()
        .arg("serve")
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut stderr = String::new();
            child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
            return (status.code(), stderr);
        }
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("detente serve {args:?} kept running");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn bad_options_files_and_a_busy_address_end_with_their_exit_codes() {
    let dir = scratch("exit");
    let db = dir.join("news.db");
    let db = db.to_str().unwrap();
    let short = dir.join("short.token");
    std::fs::write(&short, "tooshort\n").unwrap();
    let not_a_db = dir.join("notes.db");
    std::fs::write(&not_a_db, "These are notes, not a database. ".repeat(200)).unwrap();
    let cases: Vec<Vec<&str>> = vec![
        vec!["--db", db, "--addr", "nowhere"],
        vec!["--db", db, "--addr", "127.0.0.1:99999"],
        vec!["--db", db, "--token-file", "/nonexistent/token"],
        vec!["--db", db, "--token-file", short.to_str().unwrap()],
        vec!["--db", db, "--token-file", "/dev/zero"],
        vec!["--db", db, "--max-body", "0"],
        vec!["--db", db, "--timeout", "0"],
        vec!["--db", db, "--cors-origin", "desk.example.org/app"],
        vec!["--db", not_a_db.to_str().unwrap(), "--addr", "127.0.0.1:0"],
    ];
    for args in cases {
        let (code, stderr) = serve_fails(&args);
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        assert!(stderr.lines().count() <= 4, "{args:?}: a short message: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
    // An address another program holds: the server cannot start (1), and says where.
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = busy.local_addr().unwrap().to_string();
    let (code, stderr) = serve_fails(&["--db", db, "--addr", &addr]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains(&addr) && stderr.contains("cannot listen"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A running `detente serve`, killed when dropped.
struct Running {
    child: Child,
    lines: Vec<String>,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn get(url_base: &str, path: &str) -> (u16, String) {
    let host = url_base.trim_start_matches("http://");
    let mut stream = TcpStream::connect(host).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    let status = reply.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, reply)
}

#[test]
fn an_empty_database_is_served_with_a_page_that_explains_how_to_fill_it() {
    let dir = scratch("empty");
    let db = dir.join("news.db");
    let mut child = detente()
        .args(["serve", "--addr", "127.0.0.1:0", "--threads", "1", "--db"])
        .arg(&db)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut running = Running {
        child,
        lines: Vec::new(),
    };
    let mut reader = BufReader::new(stderr);
    let mut base = None;
    while base.is_none() {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap() == 0 {
            panic!("detente serve ended: {:?}", running.lines);
        }
        base = line
            .split_whitespace()
            .skip_while(|w| *w != "dashboard")
            .nth(1)
            .map(|u| u.trim_end_matches('/').to_string());
        running.lines.push(line);
    }
    let base = base.unwrap();
    // The token was made at this first start, printed once, and kept beside the database.
    let token_file = dir.join("news.db.token");
    let token = std::fs::read_to_string(&token_file).unwrap().trim().to_string();
    assert_eq!(token.len(), 64, "{token}");
    let rest: String = (0..8)
        .filter_map(|_| {
            let mut line = String::new();
            (reader.read_line(&mut line).ok()? > 0).then_some(line)
        })
        .take_while(|l| !l.contains("Ctrl-C"))
        .collect();
    assert!(rest.contains(&token), "the new token is shown: {rest}");
    let (status, page) = get(&base, "/");
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("detente ingest"),
        "the empty store's page says how to fill it: {page}"
    );
    let (status, body) = get(&base, "/v1/status");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"articles\":0"), "{body}");
    // SIGTERM: requests in flight finish, the server says so and ends with 0.
    let pid = running.child.id().to_string();
    assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    let start = Instant::now();
    let status = loop {
        if let Some(status) = running.child.try_wait().unwrap() {
            break status;
        }
        assert!(start.elapsed() < Duration::from_secs(20), "still running after SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut tail = String::new();
    reader.read_to_string(&mut tail).unwrap();
    assert_eq!(status.code(), Some(0), "{tail}");
    assert!(tail.contains("stopped"), "{tail}");
    // A second start keeps the token and does not print it.
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = busy.local_addr().unwrap().to_string();
    let (code, stderr) = serve_fails(&["--db", db.to_str().unwrap(), "--addr", &addr]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(!stderr.contains(&token), "{stderr}");
    assert_eq!(std::fs::read_to_string(&token_file).unwrap().trim(), token);
    let _ = std::fs::remove_dir_all(&dir);
}
