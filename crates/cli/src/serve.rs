//! `detente serve`: the JSON API and the web dashboard (the `server` crate), started with this command's
//! coder settings (dictionaries, Goldstein table, threads) and database.

use std::net::{SocketAddr, ToSocketAddrs};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Result, anyhow};
use clap::Args;

use crate::args::{ConfigArg, DictionaryArg, GoldsteinArg, ThreadsArg, settings};
use crate::fail::usage;
use crate::store_cmds::{DbArg, with_db};

const AFTER_HELP: &str = "\
The dashboard is at http://HOST:PORT/ and the API under /v1 (OpenAPI document: /v1/openapi.json). An empty
or new database is fine: the home page explains how to fill it (`detente ingest`, or POST /v1/articles).

Token: POST /v1/articles (storing) needs `Authorization: Bearer <token>`. The token is read from
--token-file, or generated at the first start, printed once and kept beside the database in <db>.token.
On 127.0.0.1 reads are open; bound to another address, every request needs the token (the dashboard asks
for it once, at /login).

Ctrl-C or SIGTERM stops the server after the requests in flight (exit status 0). Exit status 2: a bad
option, token file or database; 1: the server could not start (address in use) or failed.

Examples:
  detente serve --db news.db
  detente serve --db news.db --addr 0.0.0.0:8080 --token-file /etc/detente/token
  curl -s localhost:8080/v1/code -H 'Content-Type: text/plain' --data-binary @examples/article.txt
  curl -s 'localhost:8080/v1/events?dyad=RUS,UKR&since=2022-02-01&format=csv'";

/// `detente serve`.
#[derive(Args, Debug, Clone)]
#[command(after_help = AFTER_HELP)]
pub struct ServeArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Where to listen (port 0: any free port, printed at start). Beyond 127.0.0.1 / ::1 every request
    /// needs the token.
    #[arg(long, default_value = detente_server::DEFAULT_ADDR, value_name = "HOST:PORT")]
    pub addr: String,
    /// File holding the API token (one line, at least 16 characters). Default: generated at the first start
    /// and kept in <db>.token.
    #[arg(long, value_name = "FILE")]
    pub token_file: Option<PathBuf>,
    /// Let browser pages from this origin call the API (CORS), e.g. https://desk.example.org. Repeatable;
    /// none by default.
    #[arg(long = "cors-origin", value_name = "ORIGIN")]
    pub cors_origins: Vec<String>,
    /// Largest request body in MB (larger ones get 413).
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=1024), value_name = "MB")]
    pub max_body: u64,
    /// Time limit of one request in seconds (longer ones get 503).
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600), value_name = "SECONDS")]
    pub timeout: u64,
    #[command(flatten)]
    pub dictionaries: DictionaryArg,
    #[command(flatten)]
    pub goldstein: GoldsteinArg,
    #[command(flatten)]
    pub threads: ThreadsArg,
    #[command(flatten)]
    pub config: ConfigArg,
}

fn resolve(addr: &str) -> Result<SocketAddr> {
    addr.to_socket_addrs()
        .map_err(|e| {
            usage(format!(
                "--addr {addr:?}: expected HOST:PORT, e.g. 127.0.0.1:8080 ({e})"
            ))
        })?
        .next()
        .ok_or_else(|| usage(format!("--addr {addr:?}: the host has no address")))
}

fn check_origin(origin: &str) -> Result<String> {
    let trimmed = origin.trim().trim_end_matches('/');
    let scheme_ok = trimmed.starts_with("http://") || trimmed.starts_with("https://");
    let host = trimmed.split_once("://").map_or("", |(_, host)| host);
    if !scheme_ok || host.is_empty() || host.contains('/') {
        return Err(usage(format!(
            "--cors-origin {origin:?}: expected an origin such as https://desk.example.org (scheme and host, no path)"
        )));
    }
    Ok(trimmed.to_string())
}

pub fn run(mut args: ServeArgs) -> Result<ExitCode> {
    let settings = settings(
        &args.config,
        Some(&args.dictionaries),
        Some(&args.threads),
        Some(&args.goldstein),
    )?;
    with_db(&mut args.db, &settings);
    let addr = resolve(&args.addr)?;
    let cors_origins = args
        .cors_origins
        .iter()
        .map(|o| check_origin(o))
        .collect::<Result<Vec<_>>>()?;
    if let Some(file) = &args.token_file
        && !file.is_file()
    {
        return Err(usage(format!("--token-file {}: no such file", file.display())));
    }
    let (coder, sources) = settings.coder()?;
    let config = detente_server::ServerConfig {
        db: args.db.path(),
        addr,
        token_file: args.token_file,
        cors_origins,
        body_limit: (args.max_body as usize) << 20,
        timeout: Duration::from_secs(args.timeout),
        coding: settings.coding(&sources),
        threads: settings.threads,
    };
    detente_server::run(config, Arc::new(coder)).map_err(|e| match e {
        detente_server::RunError::Setup(message) => usage(message),
        detente_server::RunError::Failed(message) => anyhow!(message),
    })?;
    Ok(ExitCode::SUCCESS)
}
