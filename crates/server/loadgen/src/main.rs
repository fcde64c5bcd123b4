//! Load generator for `detente serve`, on 127.0.0.1 only and bounded in time.
//!
//! `code`: POST /v1/code with one article from N concurrent keep-alive clients for D seconds.
//! `dyads`: the dyad trend, the dyad's events and the dashboard's dyad page for the busiest dyads of the store,
//! from N clients for D seconds.
//!
//! Prints p50/p99/max latency, throughput and errors per request kind (and `--json FILE`); exits 1 when a
//! request failed.
//!
//! cargo run --release -p detente-loadgen -- code --url http://127.0.0.1:8080 --article a.txt

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::client::conn::http1::SendRequest;
use serde_json::{Value, json};

#[derive(Parser)]
#[command(about = "Load test of detente serve (127.0.0.1 only, bounded in time)")]
struct Args {
    #[command(subcommand)]
    scenario: Scenario,
    /// The server, on a loopback address.
    #[arg(long, global = true, default_value = "http://127.0.0.1:8080")]
    url: String,
    /// Concurrent clients.
    #[arg(long, global = true, default_value_t = 16)]
    clients: usize,
    /// Seconds of load.
    #[arg(long, global = true, default_value_t = 30)]
    duration: u64,
    /// Also write the figures as JSON here.
    #[arg(long, global = true)]
    json: Option<PathBuf>,
    /// The server's process id: also report its CPU time per request (from /proc/PID/stat, Linux), a figure
    /// that other work on the machine disturbs far less than latencies.
    #[arg(long, global = true)]
    server_pid: Option<u32>,
}

/// User plus system CPU seconds of process `pid` so far.
fn cpu_seconds(pid: u32) -> Result<f64, String> {
    let path = format!("/proc/{pid}/stat");
    let stat = std::fs::read_to_string(&path).map_err(|e| format!("--server-pid: {path}: {e}"))?;
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis are plain.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok());
    // utime and stime are fields 14 and 15, the 12th and 13th after the command name.
    match (ticks(11), ticks(12)) {
        // Clock ticks are 1/100 s on Linux (USER_HZ).
        (Some(user), Some(system)) => Ok((user + system) / 100.0),
        _ => Err(format!("--server-pid: {path}: unexpected contents")),
    }
}

#[derive(Subcommand, Clone)]
enum Scenario {
    /// POST /v1/code with one article (text file).
    Code {
        #[arg(long)]
        article: PathBuf,
    },
    /// Dyad trend, dyad events and the dashboard's dyad page, over the busiest dyads.
    Dyads {
        /// How many of the busiest dyads to cycle through.
        #[arg(long, default_value_t = 20)]
        dyads: usize,
    },
}

/// One request to send: its kind (for the report), method, path, content type, body.
#[derive(Clone)]
struct Job {
    kind: &'static str,
    method: &'static str,
    path: String,
    body: Bytes,
}

#[derive(Default)]
struct Tally {
    /// (kind, latency in microseconds) of each successful request.
    done: Vec<(&'static str, u64)>,
    errors: Vec<String>,
}

fn loopback(url: &str) -> Result<SocketAddr, String> {
    let rest = url
        .strip_prefix("http://")
        .ok_or("--url: only http://127.0.0.1:PORT or http://[::1]:PORT")?;
    let host_port = rest.trim_end_matches('/');
    let addr: SocketAddr = host_port
        .parse()
        .map_err(|_| format!("--url {url}: expected an IP address and port"))?;
    if !addr.ip().is_loopback() {
        return Err(format!(
            "--url {url}: the load generator only targets this machine (127.0.0.1 / ::1)"
        ));
    }
    Ok(addr)
}

async fn connect(addr: SocketAddr) -> Result<SendRequest<Full<Bytes>>, String> {
    let stream = tokio::net::TcpStream::connect(addr).await.map_err(|e| e.to_string())?;
    stream.set_nodelay(true).map_err(|e| e.to_string())?;
    let (sender, connection) = hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
        .await
        .map_err(|e| e.to_string())?;
    tokio::spawn(connection);
    Ok(sender)
}

async fn send(sender: &mut SendRequest<Full<Bytes>>, addr: SocketAddr, job: &Job) -> Result<(u16, Bytes), String> {
    sender.ready().await.map_err(|e| e.to_string())?;
    let mut request = hyper::Request::builder()
        .method(job.method)
        .uri(&job.path)
        .header("host", addr.to_string());
    if job.method == "POST" {
        request = request.header("content-type", "text/plain; charset=utf-8");
    }
    let request = request.body(Full::new(job.body.clone())).map_err(|e| e.to_string())?;
    let response = sender.send_request(request).await.map_err(|e| e.to_string())?;
    let status = response.status().as_u16();
    let body = response
        .into_body()
        .collect()
        .await
        .map_err(|e| e.to_string())?
        .to_bytes();
    Ok((status, body))
}

/// One client: a keep-alive connection sending jobs in turn until the deadline.
async fn client(addr: SocketAddr, jobs: Vec<Job>, offset: usize, deadline: Instant) -> Tally {
    let mut tally = Tally::default();
    let mut sender = None;
    let mut i = offset;
    while Instant::now() < deadline {
        let job = &jobs[i % jobs.len()];
        i += 1;
        if sender.is_none() {
            match connect(addr).await {
                Ok(s) => sender = Some(s),
                Err(e) => {
                    tally.errors.push(format!("connect: {e}"));
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            }
        }
        let started = Instant::now();
        match send(sender.as_mut().expect("connected"), addr, job).await {
            Ok((200, _)) => tally.done.push((job.kind, started.elapsed().as_micros() as u64)),
            Ok((status, body)) => tally.errors.push(format!(
                "{} {}: {status} {}",
                job.method,
                job.path,
                String::from_utf8_lossy(&body).chars().take(200).collect::<String>()
            )),
            Err(e) => {
                tally.errors.push(format!("{} {}: {e}", job.method, job.path));
                sender = None;
            }
        }
    }
    tally
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1] as f64 / 1000.0
}

/// The busiest dyads, from the network of the whole store.
async fn busiest_dyads(addr: SocketAddr, n: usize) -> Result<Vec<(String, String)>, String> {
    let mut sender = connect(addr).await?;
    let job = Job {
        kind: "network",
        method: "GET",
        path: "/v1/network?key=country".into(),
        body: Bytes::new(),
    };
    let (status, body) = send(&mut sender, addr, &job).await?;
    if status != 200 {
        return Err(format!("GET /v1/network: {status}"));
    }
    let network: Value = serde_json::from_slice(&body).map_err(|e| e.to_string())?;
    let mut edges: Vec<(String, String, u64)> = network["edges"]
        .as_array()
        .map(|edges| {
            edges
                .iter()
                .map(|e| {
                    (
                        e["source"].as_str().unwrap_or_default().to_string(),
                        e["target"].as_str().unwrap_or_default().to_string(),
                        e["events"].as_u64().unwrap_or(0),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    edges.sort_by_key(|e| std::cmp::Reverse(e.2));
    let mut dyads: Vec<(String, String)> = Vec::new();
    for (s, t, _) in edges {
        let pair = if s < t { (s, t) } else { (t, s) };
        if !dyads.contains(&pair) {
            dyads.push(pair);
        }
        if dyads.len() == n {
            break;
        }
    }
    if dyads.is_empty() {
        return Err("the store has no dyads: ingest articles first".into());
    }
    Ok(dyads)
}

fn encode(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
}

fn main() {
    let args = Args::parse();
    if let Err(e) = run(&args) {
        eprintln!("loadgen: {e}");
        std::process::exit(1);
    }
}

fn run(args: &Args) -> Result<(), String> {
    let addr = loopback(&args.url)?;
    if args.clients == 0 || args.duration == 0 || args.duration > 600 {
        return Err("--clients must be at least 1 and --duration 1 to 600 seconds".into());
    }
    // One thread is plenty for the clients and leaves the cores to the server.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let (jobs, label) = match &args.scenario {
            Scenario::Code { article } => {
                let text = std::fs::read(article).map_err(|e| format!("{}: {e}", article.display()))?;
                let label = format!("POST /v1/code, {} byte article", text.len());
                let job = Job {
                    kind: "code",
                    method: "POST",
                    path: "/v1/code".into(),
                    body: Bytes::from(text),
                };
                (vec![job], label)
            }
            Scenario::Dyads { dyads } => {
                let pairs = busiest_dyads(addr, *dyads).await?;
                let mut jobs = Vec::new();
                for (a, b) in &pairs {
                    let (ea, eb) = (encode(a), encode(b));
                    let get = |kind, path: String| Job {
                        kind,
                        method: "GET",
                        path,
                        body: Bytes::new(),
                    };
                    jobs.push(get("trend", format!("/v1/dyads/{ea}/{eb}/trend?by=week")));
                    jobs.push(get("events", format!("/v1/events?dyad={ea},{eb}&limit=100")));
                    jobs.push(get("dyad page", format!("/dyads/{ea}/{eb}")));
                }
                // One pass first so cached results (alerts) are warm, as on a running server.
                let mut sender = connect(addr).await?;
                for job in &jobs {
                    send(&mut sender, addr, job).await?;
                }
                (jobs, format!("dyad trend, events and page over the {} busiest dyads", pairs.len()))
            }
        };
        println!("loadgen: {label}; {} clients for {} s against {}", args.clients, args.duration, args.url);
        let cpu_before = args.server_pid.map(cpu_seconds).transpose()?;
        let started = Instant::now();
        let deadline = started + Duration::from_secs(args.duration);
        let mut tasks = Vec::new();
        for c in 0..args.clients {
            tasks.push(tokio::spawn(client(addr, jobs.clone(), c, deadline)));
        }
        let mut tally = Tally::default();
        for task in tasks {
            let t = task.await.map_err(|e| e.to_string())?;
            tally.done.extend(t.done);
            tally.errors.extend(t.errors);
        }
        let elapsed = started.elapsed().as_secs_f64();
        let server_cpu = match (args.server_pid, cpu_before) {
            (Some(pid), Some(before)) => Some(cpu_seconds(pid)? - before),
            _ => None,
        };
        let mut kinds: Vec<&str> = tally.done.iter().map(|(k, _)| *k).collect();
        kinds.sort_unstable();
        kinds.dedup();
        let mut report = Vec::new();
        println!("{:<12} {:>9} {:>10} {:>9} {:>9} {:>9}", "request", "count", "per second", "p50 ms", "p99 ms", "max ms");
        for kind in kinds {
            let mut latencies: Vec<u64> = tally.done.iter().filter(|(k, _)| *k == kind).map(|(_, l)| *l).collect();
            latencies.sort_unstable();
            let (p50, p99, max) = (percentile(&latencies, 50.0), percentile(&latencies, 99.0), percentile(&latencies, 100.0));
            let rate = latencies.len() as f64 / elapsed;
            println!("{kind:<12} {:>9} {rate:>10.1} {p50:>9.2} {p99:>9.2} {max:>9.2}", latencies.len());
            report.push(json!({"request": kind, "count": latencies.len(), "per_second": rate, "p50_ms": p50, "p99_ms": p99, "max_ms": max}));
        }
        let cpu_ms_per_request = server_cpu.map(|cpu| cpu * 1000.0 / tally.done.len().max(1) as f64);
        if let (Some(cpu), Some(per)) = (server_cpu, cpu_ms_per_request) {
            println!("server CPU: {cpu:.2} s for {} requests, {per:.3} ms per request", tally.done.len());
        }
        println!("errors: {}", tally.errors.len());
        for error in tally.errors.iter().take(5) {
            println!("  {error}");
        }
        if let Some(path) = &args.json {
            let out = json!({"scenario": label, "clients": args.clients, "seconds": elapsed, "errors": tally.errors.len(), "requests": report, "server_cpu_ms_per_request": cpu_ms_per_request});
            std::fs::write(path, serde_json::to_vec_pretty(&out).map_err(|e| e.to_string())?)
                .map_err(|e| format!("{}: {e}", path.display()))?;
        }
        if tally.errors.is_empty() { Ok(()) } else { Err(format!("{} requests failed", tally.errors.len())) }
    })
}
