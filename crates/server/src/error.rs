//! Errors as the API shows them: `{"error": {"code", "message"}}` with a fitting status. Messages say what
//! was wrong with the request; internal failures are logged on stderr and answered with a generic message
//! and an incident number, so nothing about the machine, the paths or the database leaks.

use std::sync::atomic::{AtomicU64, Ordering};

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;
use utoipa::ToSchema;

/// The body of every error response.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable, machine-readable: `bad_request`, `unauthorized`, `not_found`, `method_not_allowed`,
    /// `payload_too_large`, `unsupported_media_type`, `timeout`, `internal`.
    pub code: String,
    /// What went wrong, for a person.
    pub message: String,
}

/// An error answer of the API (the dashboard renders the same errors as pages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
}

static INCIDENTS: AtomicU64 = AtomicU64::new(1);

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    pub fn unauthorized() -> ApiError {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "a valid token is required: send `Authorization: Bearer <token>`",
        )
    }

    pub fn payload_too_large(limit: usize) -> ApiError {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            format!("the request body is larger than the limit of {limit} bytes"),
        )
    }

    pub fn unsupported_media_type(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", message)
    }

    pub fn timeout() -> ApiError {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "timeout",
            "the request took longer than the server's time limit; narrow the query",
        )
    }

    /// Logs `detail` on stderr with a new incident number; the client only sees the number.
    pub fn internal(detail: impl std::fmt::Display) -> ApiError {
        let incident = INCIDENTS.fetch_add(1, Ordering::Relaxed);
        eprintln!("detente serve: internal error #{incident}: {detail}");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            format!("internal error (incident #{incident} in the server log)"),
        )
    }

    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            error: ErrorDetail {
                code: self.code.to_string(),
                message: self.message.clone(),
            },
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, axum::Json(self.body())).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

impl From<detente_store::Error> for ApiError {
    fn from(error: detente_store::Error) -> ApiError {
        match error {
            // Invalid: a problem with what was asked (an empty search, a bad cursor), worded for the user.
            detente_store::Error::Invalid(message) => ApiError::bad_request(message),
            other => ApiError::internal(other),
        }
    }
}

/// The first line of a rejection's text: serde's messages name the parameter and what was expected.
fn rejection_message(what: &str, text: String) -> String {
    let text = text.lines().next().unwrap_or_default().to_string();
    format!("{what}: {text}")
}

/// Query-string parameters; a malformed or unknown parameter is a 400 with the error body.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(value)) => Ok(ApiQuery(value)),
            Err(rejection) => Err(query_error(rejection)),
        }
    }
}

fn query_error(rejection: QueryRejection) -> ApiError {
    ApiError::bad_request(rejection_message("invalid query parameters", rejection.body_text()))
}

/// Path segments (percent-decoded).
pub struct ApiPath<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiPath<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(value)) => Ok(ApiPath(value)),
            Err(rejection) => Err(path_error(rejection)),
        }
    }
}

fn path_error(rejection: PathRejection) -> ApiError {
    ApiError::bad_request(rejection_message("invalid path", rejection.body_text()))
}

/// The request body, bounded by the server's body limit (413 beyond it).
pub struct ApiBody(pub Bytes);

impl<S: Send + Sync> FromRequest<S> for ApiBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let limit = req.extensions().get::<BodyLimit>().map_or(0, |limit| limit.0);
        match Bytes::from_request(req, state).await {
            Ok(bytes) => Ok(ApiBody(bytes)),
            Err(rejection) => Err(body_error(rejection, limit)),
        }
    }
}

/// The configured body limit, put in each request's extensions so errors can name it.
#[derive(Debug, Clone, Copy)]
pub struct BodyLimit(pub usize);

fn body_error(rejection: BytesRejection, limit: usize) -> ApiError {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::payload_too_large(limit)
    } else {
        ApiError::bad_request(rejection_message("unreadable request body", rejection.body_text()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_errors_hide_the_detail() {
        let error = ApiError::internal("disk I/O error at /secret/path/detente.db");
        assert_eq!(error.status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(!error.message.contains("/secret"), "{}", error.message);
        assert!(error.message.contains("incident #"));
        let from_store: ApiError = detente_store::Error::Invalid("nothing to search for".into()).into();
        assert_eq!(from_store.status, StatusCode::BAD_REQUEST);
        assert_eq!(from_store.message, "nothing to search for");
    }
}
