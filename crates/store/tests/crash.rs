//! Crash safety and unwritable databases, for real: a child process ingests and is killed with SIGKILL at random
//! moments; a database whose file or directory cannot be written gives a clear error and stays intact.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use detente_store::Store;

const LOADGEN: &str = env!("CARGO_BIN_EXE_detente-store-loadgen");
const COUNT: u64 = 3000;
const BATCH: u64 = 50;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("detente-crash-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A fresh pseudo-random number per call, without a rand dependency.
fn random(bound: u64) -> u64 {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos() as u64;
    xxhash_rust::xxh3::xxh3_64(&nanos.to_le_bytes()) % bound
}

/// The database is consistent: SQLite and FTS5 integrity checks pass, every stored article is complete (a
/// batch is all or nothing), and the stored articles are exactly the first N generated ones.
fn assert_consistent(path: &Path) -> u64 {
    let store = Store::open(path).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    let counts = store.counts().unwrap();
    assert_eq!(counts.articles % BATCH, 0, "a partial batch was committed: {counts:?}");
    assert_eq!(counts.events, 3 * counts.articles, "{counts:?}");
    assert_eq!(counts.sentences, 4 * counts.articles, "{counts:?}");
    assert_eq!(counts.quotes, counts.articles, "{counts:?}");
    assert_eq!(counts.mentions, 3 * counts.articles, "{counts:?}");
    let conn = store.connection();
    let one = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(one("SELECT count(DISTINCT id) FROM articles") as u64, counts.articles);
    assert_eq!(one("SELECT count(*) FROM signatures") as u64, counts.articles);
    assert_eq!(one("SELECT count(*) FROM minhash_bands") as u64, 32 * counts.articles);
    assert_eq!(one("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"), 0);
    if counts.articles > 0 {
        let max: i64 = one("SELECT max(CAST(substr(id, 5) AS INTEGER)) FROM articles");
        assert_eq!(
            max as u64,
            counts.articles - 1,
            "the stored articles are the first ones, none lost"
        );
    }
    counts.articles
}

#[test]
fn sigkill_during_ingest_leaves_a_consistent_database_and_the_rerun_completes() {
    let dir = temp_dir("kill");
    let db = dir.join("crash.db");
    // Time one whole ingest into a scratch database first, so that the kills land inside a run however fast
    // or loaded the machine is.
    let started = Instant::now();
    let timing = Command::new(LOADGEN)
        .args([
            dir.join("timing.db").to_str().unwrap(),
            &COUNT.to_string(),
            &BATCH.to_string(),
        ])
        .output()
        .unwrap();
    assert!(timing.status.success(), "{}", String::from_utf8_lossy(&timing.stderr));
    let whole_run = started.elapsed();
    let mut mid_run_kills = 0;
    let mut stored_before = 0;
    for round in 0..8 {
        let mut child = Command::new(LOADGEN)
            .args([db.to_str().unwrap(), &COUNT.to_string(), &BATCH.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // A random moment within the work still to do (a re-run skips the stored prefix).
        let remaining = whole_run.mul_f64((COUNT - stored_before) as f64 / COUNT as f64);
        let fraction = 0.05 + 0.6 * random(1000) as f64 / 1000.0;
        std::thread::sleep(remaining.mul_f64(fraction));
        if child.try_wait().unwrap().is_none() {
            mid_run_kills += 1;
        }
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        let stored = assert_consistent(&db);
        eprintln!("round {round}: {stored} articles committed");
        assert!(
            stored >= stored_before,
            "committed articles were lost: {stored} < {stored_before}"
        );
        stored_before = stored;
    }
    assert!(mid_run_kills >= 3, "only {mid_run_kills} kills landed during an ingest");
    let output = Command::new(LOADGEN)
        .args([db.to_str().unwrap(), &COUNT.to_string(), &BATCH.to_string()])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(assert_consistent(&db), COUNT);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains(&format!("{} unchanged", stored_before)), "{stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}

fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").map(|m| m.uid() == 0).unwrap_or(false)
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// Runs the loadgen on `db`; as root, as user `nobody` so that file permissions apply. The binary is run from
/// a copy in `exe_dir`, since the target directory may not be reachable for `nobody`.
fn ingest_unprivileged(exe_dir: &Path, db: &Path) -> std::process::Output {
    use std::os::unix::process::CommandExt;
    let exe = exe_dir.join("loadgen");
    if !exe.exists() {
        std::fs::copy(LOADGEN, &exe).unwrap();
        set_mode(&exe, 0o755);
    }
    let mut command = Command::new(&exe);
    command.args([db.to_str().unwrap(), "100", "50"]);
    if is_root() {
        command.uid(65534).gid(65534);
    }
    command.output().unwrap()
}

#[test]
fn unwritable_database_gives_a_clear_error_and_stays_intact() {
    let dir = temp_dir("readonly");
    set_mode(&dir, 0o755);
    let exe_dir = temp_dir("readonly-exe");
    set_mode(&exe_dir, 0o755);
    let db = dir.join("ro.db");
    let seeded = Command::new(LOADGEN)
        .args([db.to_str().unwrap(), "100", "50"])
        .output()
        .unwrap();
    assert!(seeded.status.success());
    let before = std::fs::read(&db).unwrap();

    // A read-only file.
    set_mode(&db, 0o444);
    let output = ingest_unprivileged(&exe_dir, &db);
    let stderr = String::from_utf8_lossy(&output.stderr);
    eprintln!("child: {stderr}");
    assert!(!output.status.success());
    assert!(stderr.contains("read-only") && stderr.contains("ro.db"), "{stderr}");
    assert_eq!(std::fs::read(&db).unwrap(), before, "the file was changed");

    // A writable file in a read-only directory (SQLite cannot create its -wal/-shm files there).
    set_mode(&db, 0o666);
    set_mode(&dir, 0o555);
    let output = ingest_unprivileged(&exe_dir, &db);
    let stderr = String::from_utf8_lossy(&output.stderr);
    eprintln!("child: {stderr}");
    set_mode(&dir, 0o755);
    assert!(!output.status.success(), "ingest into a read-only directory succeeded");
    assert!(
        stderr.contains("ro.db") && (stderr.contains("read-only") || stderr.contains("writable")),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&db).unwrap(), before, "the file was changed");

    // A new database in a read-only directory.
    set_mode(&dir, 0o555);
    let output = ingest_unprivileged(&exe_dir, &dir.join("new.db"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    eprintln!("child: {stderr}");
    set_mode(&dir, 0o755);
    assert!(!output.status.success());
    assert!(stderr.contains("new.db") && stderr.contains("cannot open"), "{stderr}");
    assert!(!dir.join("new.db").exists());

    let store = Store::open(&db).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    assert_eq!(store.counts().unwrap().articles, 100);
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&exe_dir);
}

#[test]
fn loadgen_reports_throughput() {
    let dir = temp_dir("speed");
    let started = Instant::now();
    let output = Command::new(LOADGEN)
        .args([dir.join("s.db").to_str().unwrap(), "500", "100"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("500 inserted") && stdout.contains("articles/s"),
        "{stdout}"
    );
    assert!(started.elapsed() < Duration::from_secs(120));
    let _ = std::fs::remove_dir_all(&dir);
}
