//! `detente serve`: the JSON API and the web dashboard (the `server` crate), started with this command
//! line's coder settings (dictionaries, Goldstein table, threads) and database.

use std::net::{SocketAddr, ToSocketAddrs};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use clap::Args;

use crate::config::Settings;
use crate::store_cmds::{DbArg, dictionary_set_id};

const AFTER_HELP: &str = "\
The dashboard is at http://HOST:PORT/ and the API under /v1 (OpenAPI document: /v1/openapi.json).
POST /v1/articles (storing) needs `Authorization: Bearer <token>`. The token is read from --token-file, or
generated at the first start, printed once and kept in <db>.token. On 127.0.0.1 reads are open; bound to
another address, every request needs the token (the dashboard asks for it once, at /login).

Examples:
  detente serve --db news.db
  detente serve --db news.db --addr 0.0.0.0:8080 --token-file /etc/detente/token
  curl -s localhost:8080/v1/code -H 'Content-Type: text/plain' --data-binary @examples/article.txt";

/// `detente serve` options.
#[derive(Args, Debug, Clone)]
#[command(after_help = AFTER_HELP)]
pub struct ServeArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Where to listen. Beyond 127.0.0.1 / ::1 every request needs the token.
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
    #[arg(long, default_value_t = 10, value_name = "MB")]
    pub max_body: usize,
    /// Time limit of one request in seconds (longer ones get 503).
    #[arg(long, default_value_t = 30, value_name = "SECONDS")]
    pub timeout: u64,
}

fn resolve(addr: &str) -> Result<SocketAddr> {
    addr.to_socket_addrs()
        .with_context(|| format!("--addr {addr:?}: expected HOST:PORT, e.g. 127.0.0.1:8080"))?
        .next()
        .ok_or_else(|| anyhow!("--addr {addr:?}: the host has no address"))
}

pub fn run(args: ServeArgs, settings: &Settings) -> Result<ExitCode> {
    if args.max_body == 0 || args.timeout == 0 {
        bail!("--max-body and --timeout must be at least 1");
    }
    let db = args
        .db
        .db
        .clone()
        .or_else(|| settings.db.clone())
        .unwrap_or_else(|| DbArg::default().path());
    let addr = resolve(&args.addr)?;
    let (coder, sources) = settings.coder()?;
    let config = detente_server::ServerConfig {
        db,
        addr,
        token_file: args.token_file,
        cors_origins: args.cors_origins,
        body_limit: args.max_body << 20,
        timeout: Duration::from_secs(args.timeout),
        dictionary_set: dictionary_set_id(&sources),
        threads: settings.threads,
    };
    detente_server::run(config, Arc::new(coder)).map_err(|e| anyhow!(e))?;
    Ok(ExitCode::SUCCESS)
}
