//! The dashboard: server-rendered pages over the same store and analysis as the API, one stylesheet and
//! one small script embedded in the binary. Every page works without the script.

mod alerts;
mod article;
mod charts;
mod code;
mod dyad;
mod home;
mod layout;
mod login;
mod network;
mod quotes;
mod search;

use std::sync::Arc;

use axum::Router;
use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use maud::{Markup, html};
use serde::de::DeserializeOwned;

use crate::error::{ApiError, ApiQuery};
use crate::state::AppState;

pub use layout::segment as url_encode;

pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/", get(home::page))
        .route("/code", get(code::form).post(code::submit))
        .route("/articles/{id}", get(code::stored))
        .route("/dyads", get(dyad::chooser))
        .route("/dyads/{a}/{b}", get(dyad::page))
        .route("/alerts", get(alerts::list))
        .route("/alerts/{a}/{b}/{start}", get(alerts::detail))
        .route("/quotes", get(quotes::page))
        .route("/network", get(network::page))
        .route("/search", get(search::page))
        .route("/login", get(login::form).post(login::submit))
        .route("/assets/{name}", get(asset))
}

/// An error shown as a page, with the API's status code and message.
pub struct WebError(pub ApiError);

impl From<ApiError> for WebError {
    fn from(error: ApiError) -> WebError {
        WebError(error)
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let ApiError { status, message, .. } = self.0;
        let body = layout::shell(
            "Error",
            "",
            html! {
                div.card {
                    h1 { (status.as_u16()) " " (status.canonical_reason().unwrap_or("Error")) }
                    p.error-box { (message) }
                    p { a href="/" { "Back to the overview" } }
                }
            },
        );
        (status, Html(body.into_string())).into_response()
    }
}

pub type PageResult = Result<Html<String>, WebError>;

pub fn render(markup: Markup) -> PageResult {
    Ok(Html(markup.into_string()))
}

/// Query parameters of a page; malformed ones give an error page.
pub struct WebQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for WebQuery<T> {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, WebError> {
        let ApiQuery(value) = ApiQuery::<T>::from_request_parts(parts, state).await?;
        Ok(WebQuery(value))
    }
}

/// Path segments of a page.
pub struct WebPath<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for WebPath<T> {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, WebError> {
        let crate::error::ApiPath(value) = crate::error::ApiPath::<T>::from_request_parts(parts, state).await?;
        Ok(WebPath(value))
    }
}

/// The page for an unknown path.
pub fn not_found_page() -> Response {
    WebError(ApiError::not_found("There is no page here.")).into_response()
}

const STYLE: &str = include_str!("../../assets/style.css");
const SCRIPT: &str = include_str!("../../assets/app.js");
const ICON: &str = include_str!("../../assets/favicon.svg");

async fn asset(Path(name): Path<String>) -> Response {
    let (body, content_type) = match name.as_str() {
        "style.css" => (STYLE, "text/css; charset=utf-8"),
        "app.js" => (SCRIPT, "text/javascript; charset=utf-8"),
        "favicon.svg" => (ICON, "image/svg+xml"),
        _ => return (StatusCode::NOT_FOUND, "no such asset").into_response(),
    };
    let mut response = ([(header::CONTENT_TYPE, content_type)], body).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600"));
    response
}
