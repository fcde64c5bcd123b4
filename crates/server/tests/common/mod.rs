//! A server on 127.0.0.1 for the tests (in this process, on its own runtime and temporary database) and a
//! small HTTP client that speaks to it over a real socket.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use detente_coder::Coder;
use detente_server::{Auth, ServerConfig, Service};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::header::HeaderMap;
use serde_json::Value;

/// The token of every test server.
pub const TOKEN: &str = "test-token-0123456789abcdef";

/// The articles written for these tests (with one full of markup and script).
pub const NEWSROOM: &str = include_str!("../fixtures/newsroom.jsonl");

/// The id of the hostile article in the fixtures.
pub const HOSTILE_ID: &str = "hostile-\"><img src=x onerror=alert(1)>";

fn coder() -> Arc<Coder> {
    static CODER: OnceLock<Arc<Coder>> = OnceLock::new();
    CODER
        .get_or_init(|| Arc::new(Coder::builtin().expect("built-in dictionaries load")))
        .clone()
}

/// How a test server is set up.
pub struct Options {
    /// Reads without a token (as on a loopback address).
    pub reads_open: bool,
    pub body_limit: usize,
    pub timeout: Duration,
    pub cors: Vec<String>,
    /// Ingest the newsroom fixtures before the test runs.
    pub fill: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            reads_open: true,
            body_limit: 256 << 10,
            timeout: Duration::from_secs(30),
            cors: Vec::new(),
            fill: true,
        }
    }
}

pub struct TestServer {
    pub addr: SocketAddr,
    pub dir: PathBuf,
    runtime: Option<tokio::runtime::Runtime>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

/// One HTTP answer.
pub struct Reply {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers.get(name).and_then(|v| v.to_str().ok()).map(String::from)
    }

    /// The `code` of an error body.
    pub fn error_code(&self) -> String {
        self.json()["error"]["code"].as_str().unwrap_or_default().to_string()
    }
}

impl TestServer {
    pub fn start(name: &str, options: Options) -> TestServer {
        let dir = std::env::temp_dir().join(format!("detente-server-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let config = ServerConfig {
            db: dir.join("news.db"),
            addr: "127.0.0.1:0".parse().unwrap(),
            token_file: None,
            cors_origins: options.cors.clone(),
            body_limit: options.body_limit,
            timeout: options.timeout,
            coding: detente_store::Coding::new(env!("CARGO_PKG_VERSION"), "builtin", "gdelt"),
            threads: 2,
        };
        let service = Service::open(&config, coder(), Auth::new(TOKEN, options.reads_open)).expect("service opens");
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        runtime.spawn(async move {
            detente_server::serve(listener, &service, async {
                let _ = stopped.await;
            })
            .await
            .unwrap();
        });
        let server = TestServer {
            addr,
            dir,
            runtime: Some(runtime),
            stop: Some(stop),
        };
        if options.fill {
            let reply = server.post("/v1/articles", "application/x-ndjson", NEWSROOM.as_bytes(), Some(TOKEN));
            assert_eq!(reply.status, 200, "{}", reply.text());
            assert_eq!(reply.json()["stored"]["inserted"], 21, "{}", reply.text());
        }
        server
    }

    /// Sends a request and reads the whole answer.
    pub fn request(&self, method: &str, path: &str, headers: &[(&str, &str)], body: Vec<u8>) -> Reply {
        let addr = self.addr;
        let request = {
            let mut builder = hyper::Request::builder()
                .method(method)
                .uri(path)
                .header("host", addr.to_string());
            for (name, value) in headers {
                builder = builder.header(*name, *value);
            }
            builder.body(Full::new(Bytes::from(body))).expect("a valid request")
        };
        self.runtime.as_ref().unwrap().block_on(async move {
            let stream = tokio::net::TcpStream::connect(addr).await.expect("connects");
            let (mut sender, connection) = hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
                .await
                .expect("handshake");
            tokio::spawn(connection);
            let response = sender.send_request(request).await.expect("an answer");
            let (parts, body) = response.into_parts();
            let body = body.collect().await.expect("a body").to_bytes().to_vec();
            Reply {
                status: parts.status.as_u16(),
                headers: parts.headers,
                body,
            }
        })
    }

    pub fn get(&self, path: &str) -> Reply {
        self.request("GET", path, &[], Vec::new())
    }

    pub fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Reply {
        self.request("GET", path, headers, Vec::new())
    }

    pub fn post(&self, path: &str, content_type: &str, body: &[u8], token: Option<&str>) -> Reply {
        let auth = token.map(|t| format!("Bearer {t}"));
        let mut headers = vec![("content-type", content_type)];
        if let Some(auth) = &auth {
            headers.push(("authorization", auth.as_str()));
        }
        self.request("POST", path, &headers, body.to_vec())
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_timeout(Duration::from_secs(5));
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A query-string value or path segment, percent-encoded.
pub fn enc(value: &str) -> String {
    percent_encoding::utf8_percent_encode(value, percent_encoding::NON_ALPHANUMERIC).to_string()
}
