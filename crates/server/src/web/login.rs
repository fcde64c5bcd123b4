//! The login page: only needed when the server listens beyond the loopback interface. The token goes into
//! an HttpOnly, SameSite=Strict cookie that opens the dashboard's pages (reads), never the write API.

use std::sync::Arc;

use axum::Form;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use maud::html;
use serde::Deserialize;

use super::layout::shell;
use super::{PageResult, WebQuery, render};
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
pub struct LoginParams {
    next: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    token: String,
    next: Option<String>,
}

/// Only a path on this server: no `//host` or scheme, so the login cannot send anyone elsewhere.
fn local_path(next: Option<&str>) -> String {
    match next {
        Some(p) if p.starts_with('/') && !p.starts_with("//") && !p.contains('\\') && !p.contains("/\\") => {
            p.to_string()
        }
        _ => "/".to_string(),
    }
}

fn login_page(next: &str, failed: bool) -> maud::Markup {
    shell(
        "Log in",
        "",
        html! {
            div.card {
                h1 { "Log in" }
                p { "This server listens beyond the local machine, so its pages need the token "
                    "(given with " code { "--token-file" } ", or generated at first start and kept in " code { "<db>.token" } ")." }
                @if failed { p.error-box { "That is not the token." } }
                form method="post" action="/login" {
                    input type="hidden" name="next" value=(next);
                    div.row {
                        label { "Token" input type="password" name="token" autocomplete="current-password" size="48" required; }
                        button type="submit" { "Log in" }
                    }
                }
            }
        },
    )
}

pub async fn form(WebQuery(params): WebQuery<LoginParams>) -> PageResult {
    render(login_page(&local_path(params.next.as_deref()), false))
}

pub async fn submit(
    State(state): State<Arc<AppState>>,
    form: Result<Form<LoginForm>, axum::extract::rejection::FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return (StatusCode::BAD_REQUEST, Html(login_page("/", true).into_string())).into_response();
    };
    let next = local_path(form.next.as_deref());
    if !state.auth.token_matches(&form.token) {
        return (StatusCode::UNAUTHORIZED, Html(login_page(&next, true).into_string())).into_response();
    }
    let mut response = Redirect::to(&next).into_response();
    if let Ok(cookie) = HeaderValue::from_str(&state.auth.login_cookie()) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_page_stays_on_this_server() {
        assert_eq!(local_path(Some("/dyads/RUS/UKR?by=week")), "/dyads/RUS/UKR?by=week");
        for away in [
            "//evil.example/",
            "https://evil.example/",
            "/\\evil.example",
            "javascript:alert(1)",
        ] {
            assert_eq!(local_path(Some(away)), "/", "{away}");
        }
        assert_eq!(local_path(None), "/");
    }
}
