//! Tokens. Write endpoints (POST /v1/articles) always need `Authorization: Bearer <token>`; reads need it
//! only when the server listens beyond the loopback interface. The dashboard, which a browser cannot send a
//! bearer header from, takes the token once on /login and keeps it in an HttpOnly, SameSite=Strict cookie;
//! that cookie opens reads only, never writes, so another site cannot make a visitor's browser write.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

use crate::error::ApiError;
use crate::state::AppState;

/// The cookie the dashboard's login sets.
pub const COOKIE: &str = "detente_token";

/// Who may do what.
#[derive(Debug, Clone)]
pub struct Auth {
    token: String,
    /// Reads without a token: true when the server is bound to a loopback address.
    pub reads_open: bool,
}

/// Where the token came from, for the start-up message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenOrigin {
    /// `--token-file`.
    Given(PathBuf),
    /// Generated earlier and kept beside the database.
    Kept(PathBuf),
    /// Generated now (printed once) and kept beside the database.
    Generated(PathBuf),
}

impl Auth {
    pub fn new(token: impl Into<String>, reads_open: bool) -> Auth {
        Auth {
            token: token.into(),
            reads_open,
        }
    }

    /// True when the request carries the token in an `Authorization: Bearer` header.
    pub fn bearer_ok(&self, headers: &HeaderMap) -> bool {
        headers
            .get_all(header::AUTHORIZATION)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .filter_map(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
            .any(|t| constant_time_eq(t.trim().as_bytes(), self.token.as_bytes()))
    }

    /// True when the request carries the token in the dashboard's cookie.
    pub fn cookie_ok(&self, headers: &HeaderMap) -> bool {
        headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .any(|(name, value)| name == COOKIE && constant_time_eq(value.as_bytes(), self.token.as_bytes()))
    }

    pub fn token_matches(&self, candidate: &str) -> bool {
        constant_time_eq(candidate.trim().as_bytes(), self.token.as_bytes())
    }

    /// The `Set-Cookie` value that logs a browser in.
    pub fn login_cookie(&self) -> String {
        format!("{COOKIE}={}; Path=/; HttpOnly; SameSite=Strict", self.token)
    }
}

/// Compares without stopping at the first difference, so response times do not reveal the token.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The token: read from `token_file`, else from `<db>.token`, else generated and written to `<db>.token`
/// (readable by its owner only).
pub fn load_token(token_file: Option<&Path>, db: &Path) -> Result<(String, TokenOrigin), String> {
    if let Some(path) = token_file {
        let token = read_token(path)?;
        return Ok((token, TokenOrigin::Given(path.to_path_buf())));
    }
    let mut kept = db.as_os_str().to_owned();
    kept.push(".token");
    let kept = PathBuf::from(kept);
    if kept.exists() {
        let token = read_token(&kept)?;
        return Ok((token, TokenOrigin::Kept(kept)));
    }
    let token = generate_token()?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(&kept)
        .map_err(|e| format!("cannot write the token file {}: {e}", kept.display()))?;
    writeln!(file, "{token}").map_err(|e| format!("cannot write the token file {}: {e}", kept.display()))?;
    Ok((token, TokenOrigin::Generated(kept)))
}

/// The largest token file read.
const MAX_TOKEN_FILE: u64 = 4096;

fn read_token(path: &Path) -> Result<String, String> {
    // A token is one short line: read a little more than any token needs, so that a wrong path (a log, a
    // device such as /dev/zero) is refused instead of read to its end.
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| std::io::Read::read_to_end(&mut std::io::Read::take(file, MAX_TOKEN_FILE + 1), &mut bytes))
        .map_err(|e| format!("cannot read the token file {}: {e}", path.display()))?;
    if bytes.len() as u64 > MAX_TOKEN_FILE {
        return Err(format!(
            "token file {}: larger than {MAX_TOKEN_FILE} bytes; a token file holds one line",
            path.display()
        ));
    }
    let text = String::from_utf8(bytes).map_err(|_| format!("token file {}: not UTF-8 text", path.display()))?;
    let token = text.trim();
    if token.len() < 16 || token.chars().any(|c| c.is_whitespace() || c.is_control() || c == ';') {
        return Err(format!(
            "token file {}: the token must be one line of at least 16 characters, without spaces or ';'",
            path.display()
        ));
    }
    Ok(token.to_string())
}

/// 32 random bytes from the operating system, as 64 hex digits.
pub fn generate_token() -> Result<String, String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| format!("no randomness from the operating system: {e}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Paths anyone may load: the login page and the static assets it needs.
fn always_open(path: &str) -> bool {
    path == "/login" || path.starts_with("/assets/")
}

/// The write endpoints: bearer token only.
fn is_write(method: &Method, path: &str) -> bool {
    method == Method::POST && path == "/v1/articles"
}

/// Checks the token before any handler runs.
pub async fn require_token(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let auth = &state.auth;
    let headers = request.headers();
    let allowed = if is_write(request.method(), path) {
        auth.bearer_ok(headers)
    } else {
        auth.reads_open || always_open(path) || auth.bearer_ok(headers) || auth.cookie_ok(headers)
    };
    if allowed {
        return next.run(request).await;
    }
    if path.starts_with("/v1/") || request.method() != Method::GET {
        return ApiError::unauthorized().into_response();
    }
    // A person at the dashboard: to the login page, then back.
    let back = request.uri().path_and_query().map_or("/", |p| p.as_str()).to_string();
    Redirect::to(&format!("/login?next={}", crate::web::url_encode(&back))).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn tokens_are_compared_whole() {
        let auth = Auth::new("0123456789abcdef0123", false);
        let mut headers = HeaderMap::new();
        assert!(!auth.bearer_ok(&headers));
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer 0123456789abcdef012"),
        );
        assert!(!auth.bearer_ok(&headers), "a prefix of the token is not the token");
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer 0123456789abcdef0123"),
        );
        assert!(auth.bearer_ok(&headers));
        assert!(!auth.cookie_ok(&headers), "a bearer header is not a cookie");
        let mut cookies = HeaderMap::new();
        cookies.insert(
            header::COOKIE,
            HeaderValue::from_static("theme=dark; detente_token=0123456789abcdef0123"),
        );
        assert!(auth.cookie_ok(&cookies));
        cookies.insert(
            header::COOKIE,
            HeaderValue::from_static("xdetente_token=0123456789abcdef0123"),
        );
        assert!(!auth.cookie_ok(&cookies));
    }

    #[test]
    fn a_token_is_generated_once_and_kept() {
        let dir = std::env::temp_dir().join(format!("detente-auth-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let db = dir.join("news.db");
        let (first, origin) = load_token(None, &db).unwrap();
        assert_eq!(origin, TokenOrigin::Generated(dir.join("news.db.token")));
        assert_eq!(first.len(), 64);
        let (again, origin) = load_token(None, &db).unwrap();
        assert_eq!(again, first);
        assert_eq!(origin, TokenOrigin::Kept(dir.join("news.db.token")));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.join("news.db.token"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let given = dir.join("given.token");
        std::fs::write(&given, "short\n").unwrap();
        assert!(load_token(Some(&given), &db).unwrap_err().contains("at least 16"));
        std::fs::write(&given, "a-long-enough-secret-token\n").unwrap();
        assert_eq!(load_token(Some(&given), &db).unwrap().0, "a-long-enough-secret-token");
        assert!(
            load_token(Some(&dir.join("missing")), &db)
                .unwrap_err()
                .contains("missing")
        );
        assert_ne!(generate_token().unwrap(), generate_token().unwrap());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
