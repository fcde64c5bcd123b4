//! The detente service: a JSON API under /v1 (with its OpenAPI document at /v1/openapi.json, generated from
//! the handlers) and a web dashboard, both over the store that `detente ingest` fills, in one binary with
//! its assets embedded. (Stage owner: server.)
//!
//! Requests run on a small tokio runtime; store queries and coding run on blocking threads, with a pool of
//! read connections (SQLite in WAL mode lets them read while the one writer writes). Results derived from
//! all events (alerts, networks) are cached until the database changes.

pub mod api;
pub mod auth;
pub mod error;
pub mod filters;
pub mod http;
pub mod input;
pub mod openapi;
pub mod state;
pub mod web;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{Method, StatusCode};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use detente_coder::Coder;

pub use auth::{Auth, TokenOrigin, load_token};
pub use http::HttpSettings;
pub use state::AppState;

use error::ApiError;

/// The default address: this machine only.
pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";
/// The default body limit (10 MB): room for a few thousand articles per POST /v1/articles.
pub const DEFAULT_BODY_LIMIT: usize = 10 << 20;
/// The default time limit of one request.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// What `detente serve` is started with.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    pub db: PathBuf,
    pub addr: SocketAddr,
    pub token_file: Option<PathBuf>,
    pub cors_origins: Vec<String>,
    pub body_limit: usize,
    pub timeout: Duration,
    /// What codes (coder version, dictionary set, Goldstein table): stored with ingested articles, as
    /// `detente ingest` does.
    pub coding: detente_store::Coding,
    /// Worker threads of the runtime (0 = one per core).
    pub threads: usize,
}

/// Why [`run`] did not serve.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// What it was started with cannot work: the token file, the database file.
    #[error("{0}")]
    Setup(String),
    /// The server could not start (the address is in use) or failed while serving.
    #[error("{0}")]
    Failed(String),
}

/// A service ready to answer requests: its state and HTTP settings.
#[derive(Clone)]
pub struct Service {
    pub state: Arc<AppState>,
    pub http: Arc<HttpSettings>,
}

impl Service {
    /// Opens the store (creating it when needed) and sets the service up.
    pub fn open(config: &ServerConfig, coder: Arc<Coder>, auth: Auth) -> Result<Service, String> {
        let state = AppState::open(&config.db, coder, auth, config.coding.clone(), config.body_limit)
            .map_err(|e| e.to_string())?;
        Ok(Service {
            state: Arc::new(state),
            http: Arc::new(HttpSettings {
                timeout: config.timeout,
                body_limit: config.body_limit,
                cors_origins: config.cors_origins.clone(),
            }),
        })
    }

    /// All routes with their layers (outermost first): security headers, CORS, time limit, token, body limit.
    pub fn router(&self) -> Router {
        Router::new()
            .merge(api::routes())
            .merge(web::routes())
            .fallback(not_found)
            .method_not_allowed_fallback(method_not_allowed)
            .layer(DefaultBodyLimit::max(self.http.body_limit))
            .layer(middleware::from_fn_with_state(self.state.clone(), auth::require_token))
            .layer(middleware::from_fn_with_state(self.http.clone(), http::time_limit))
            .layer(middleware::from_fn_with_state(self.http.clone(), http::cors))
            .layer(middleware::from_fn(http::security_headers))
            .with_state(self.state.clone())
    }
}

fn wants_json(request: &Request) -> bool {
    request.uri().path().starts_with("/v1/") || request.uri().path() == "/v1"
}

async fn not_found(request: Request) -> Response {
    if wants_json(&request) {
        ApiError::not_found(format!("no endpoint {}; see /v1/openapi.json", request.uri().path())).into_response()
    } else {
        web::not_found_page()
    }
}

async fn method_not_allowed(request: Request) -> Response {
    let error = ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        format!("{} is not allowed on {}", request.method(), request.uri().path()),
    );
    if wants_json(&request) || request.method() != Method::GET {
        error.into_response()
    } else {
        web::WebError(error).into_response()
    }
}

/// Serves `service` on `listener` until `shutdown` completes; requests in flight are finished first.
pub async fn serve(
    listener: tokio::net::TcpListener,
    service: &Service,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, service.router())
        .with_graceful_shutdown(shutdown)
        .await
}

/// Runs the server in the foreground until Ctrl-C or SIGTERM: opens the store, loads or makes the token,
/// binds, prints where it listens, serves.
pub fn run(config: ServerConfig, coder: Arc<Coder>) -> Result<(), RunError> {
    let (token, origin) = load_token(config.token_file.as_deref(), &config.db).map_err(RunError::Setup)?;
    let reads_open = config.addr.ip().is_loopback();
    let service = Service::open(&config, coder, Auth::new(token.clone(), reads_open)).map_err(RunError::Setup)?;
    let runtime = {
        let mut builder = tokio::runtime::Builder::new_multi_thread();
        if config.threads > 0 {
            builder.worker_threads(config.threads);
        }
        builder
            .enable_all()
            .build()
            .map_err(|e| RunError::Failed(format!("cannot start the runtime: {e}")))?
    };
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.addr)
            .await
            .map_err(|e| RunError::Failed(format!("cannot listen on {}: {e}", config.addr)))?;
        let counts = service
            .state
            .read(|store| Ok(store.counts()?))
            .await
            .map_err(|e| RunError::Failed(e.message))?;
        let url = format!(
            "http://{}",
            listener.local_addr().map_err(|e| RunError::Failed(e.to_string()))?
        );
        eprintln!(
            "detente serve: {} ({} articles, {} events, {} quotes)",
            config.db.display(),
            counts.articles,
            counts.events,
            counts.quotes
        );
        eprintln!("detente serve: dashboard {url}/   API {url}/v1/   OpenAPI {url}/v1/openapi.json");
        match &origin {
            TokenOrigin::Generated(path) => {
                eprintln!(
                    "detente serve: new API token (shown once; kept in {}):\n\n    {token}\n",
                    path.display()
                )
            }
            TokenOrigin::Kept(path) | TokenOrigin::Given(path) => {
                eprintln!("detente serve: API token in {}", path.display())
            }
        }
        if reads_open {
            eprintln!("detente serve: reads are open to this machine; POST /v1/articles needs the token");
        } else {
            eprintln!(
                "detente serve: listening beyond this machine: every request needs the token (dashboard: {url}/login)"
            );
        }
        eprintln!("detente serve: Ctrl-C stops");
        serve(listener, &service, shutdown_signal())
            .await
            .map_err(|e| RunError::Failed(format!("server error: {e}")))?;
        eprintln!("detente serve: stopped");
        Ok(())
    })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
