//! Security: untrusted text (article text, titles, sources, URLs, ids, quotes) is inert in every view;
//! SQL and FTS syntax in every query parameter gives a clean 400 or an empty answer; oversized bodies get
//! 413; tokens guard writes (and reads off loopback); CORS is off unless configured; slow requests time out.

mod common;

use std::time::Duration;

use common::{HOSTILE_ID, Options, Reply, TOKEN, TestServer, enc};

/// What in a page would let untrusted text act: event-handler attributes, scripts other than the
/// dashboard's own, script or data URLs, embedded documents or images.
fn active_content(html: &str) -> Vec<String> {
    let document = dom_query::Document::from(html);
    let mut found = Vec::new();
    for node in document.select("*").nodes() {
        let name = node.node_name().map(|n| n.to_string()).unwrap_or_default();
        for attr in node.attrs() {
            let (key, value) = (attr.name.local.to_string(), attr.value.to_string());
            if key.starts_with("on") {
                found.push(format!("<{name} {key}=…>"));
            }
            let lower = value.trim().to_ascii_lowercase();
            if matches!(key.as_str(), "href" | "src" | "action" | "formaction" | "xlink:href")
                && (lower.starts_with("javascript:") || lower.starts_with("data:") || lower.starts_with("vbscript:"))
            {
                found.push(format!("<{name} {key}={value}>"));
            }
        }
        match name.as_str() {
            "script" if node.attr("src").map(|s| s.to_string()) != Some("/assets/app.js".into()) => {
                found.push("<script> not from /assets/app.js".into())
            }
            "img" | "iframe" | "object" | "embed" | "base" => found.push(format!("<{name}>")),
            "meta" if node.attr("http-equiv").is_some() => found.push("<meta http-equiv>".into()),
            _ => {}
        }
    }
    found
}

#[test]
fn the_detector_sees_active_content() {
    let page = r#"<html><head><script src="/assets/app.js"></script></head><body><p>text</p></body></html>"#;
    assert!(active_content(page).is_empty());
    for bad in [
        "<p><img src=x onerror=alert(1)></p>",
        "<p><a href=' javascript:alert(1)'>x</a></p>",
        "<p><script>alert(1)</script></p>",
        "<svg><circle onload=alert(1)></circle></svg>",
        "<form action=javascript:alert(1)></form>",
        "<iframe src=/></iframe>",
    ] {
        assert!(!active_content(bad).is_empty(), "{bad}");
    }
}

fn assert_inert(reply: &Reply, what: &str) {
    assert!(
        reply
            .header("content-security-policy")
            .is_some_and(|csp| csp.contains("script-src 'self'")),
        "{what}: CSP"
    );
    let found = active_content(&reply.text());
    assert!(found.is_empty(), "{what}: active content {found:?}");
}

#[test]
fn hostile_text_is_inert_in_every_view() {
    let server = TestServer::start("sec-views", Options::default());
    let hostile = enc(HOSTILE_ID);
    let pages = [
        "/".to_string(),
        format!("/articles/{hostile}"),
        "/dyads".into(),
        "/dyads?a=ARM".into(),
        "/dyads/ARM/AZE".into(),
        "/dyads/ARM/AZE?by=week&period=2024-W11".into(),
        "/alerts".into(),
        "/alerts/ARM/AZE/2024-03-04?by=week".into(),
        "/quotes".into(),
        "/quotes?q=answer".into(),
        "/quotes?speaker=Pashinyan".into(),
        "/search?q=sabotaging".into(),
        "/search?q=threats".into(),
        "/network".into(),
        "/network?key=code".into(),
        // Error pages repeat what was asked for.
        format!("/articles/{}", enc("<script>alert(9)</script>")),
        format!(
            "/dyads/{}/AZE?period={}",
            enc("<img src=x onerror=alert(8)>"),
            enc("<script>x</script>")
        ),
        format!("/alerts/{}/AZE/2024-03-04", enc("<svg onload=alert(7)>")),
        format!("/no-such-page/{}", enc("<script>")),
        format!("/login?next={}", enc("javascript:alert(6)")),
        format!("/login?next={}", enc("\"><script>alert(5)</script>")),
        format!("/search?q={}", enc("<script>alert(4)</script>")),
        format!("/quotes?speaker={}", enc("<img src=x onerror=alert(3)>")),
    ];
    for page in &pages {
        let reply = server.get(page);
        assert!(reply.status < 500, "{page}: {}", reply.status);
        assert!(
            reply
                .header("content-type")
                .unwrap_or_default()
                .starts_with("text/html"),
            "{page}"
        );
        assert_inert(&reply, page);
    }
    // The hostile article's fields are shown, as text.
    let article = server.get(&format!("/articles/{hostile}")).text();
    let document = dom_query::Document::from(article.as_str());
    assert!(document.select("h1").text().contains("<script>alert('title')</script>"));
    assert!(
        document
            .select(".article-text")
            .text()
            .contains("<svg onload=alert(5)></svg>")
    );
    assert!(
        document
            .select(".article-meta")
            .text()
            .contains("javascript:alert('url')")
    );
    // Coding pasted hostile text shows it as text too.
    let form = format!(
        "text={}&title={}&source={}&kind=text",
        enc(
            "Armenia accused Azerbaijan <script>alert(1)</script> of shelling. \"<img src=x onerror=alert(2)>\" said Pashinyan."
        ),
        enc("<script>alert('t')</script>"),
        enc("<a href=javascript:alert(3)>x</a>")
    );
    let coded = server.post("/code", "application/x-www-form-urlencoded", form.as_bytes(), None);
    assert_eq!(coded.status, 200, "{}", coded.text());
    assert_inert(&coded, "POST /code");
    assert!(
        dom_query::Document::from(coded.text().as_str())
            .select(".article-text")
            .text()
            .contains("<script>alert(1)</script>")
    );
    // So is the HTML kind, whose markup is read as a page, not shown.
    let html_form = format!(
        "text={}&kind=html",
        enc(
            "<html><body><article><p>Armenia accused Azerbaijan of shelling the border villages again on Monday night.</p><script>alert(1)</script><img src=x onerror=alert(2)></article></body></html>"
        )
    );
    let coded = server.post("/code", "application/x-www-form-urlencoded", html_form.as_bytes(), None);
    assert_eq!(coded.status, 200, "{}", coded.text());
    assert_inert(&coded, "POST /code (html)");
    // The API's JSON is JSON: not sniffed as HTML.
    let json = server.get(&format!("/v1/articles/{hostile}"));
    assert!(json.header("content-type").unwrap().starts_with("application/json"));
    assert_eq!(json.header("x-content-type-options").as_deref(), Some("nosniff"));
}

/// SQL and FTS5 syntax, and strings that break naive quoting.
const NASTY: &[&str] = &[
    "' OR 1=1 --",
    "\" OR \"\"=\"",
    "'; DROP TABLE events; --",
    "1) UNION SELECT sql FROM sqlite_master --",
    "%",
    "_",
    "\\",
    "*",
    "\"unbalanced",
    "NEAR(armenia azerbaijan)",
    "text:shelled",
    "a AND",
    "OR",
    "NOT NOT",
    "^border",
    "border*)",
    "{col}",
    "\u{0}",
    "é' OR 'a'='a",
];

#[test]
fn sql_and_fts_syntax_in_every_parameter_is_refused_or_finds_nothing() {
    let server = TestServer::start("sec-params", Options::default());
    let doc = server.get("/v1/openapi.json").json();
    let mut tried = 0;
    for (template, item) in doc["paths"].as_object().unwrap() {
        let Some(operation) = item.get("get") else { continue };
        let params = operation["parameters"].as_array().cloned().unwrap_or_default();
        for param in &params {
            let name = param["name"].as_str().unwrap();
            let location = param["in"].as_str().unwrap();
            for nasty in NASTY {
                let mut path = template.clone();
                let defaults = [
                    ("{id}", "cauc-10"),
                    ("{a}", "ARM"),
                    ("{b}", "AZE"),
                    ("{code}", "ARMGOV"),
                ];
                let mut query = Vec::new();
                if location == "path" {
                    path = path.replace(&format!("{{{name}}}"), &enc(nasty));
                } else {
                    query.push(format!("{name}={}", enc(nasty)));
                }
                for (slot, value) in defaults {
                    path = path.replace(slot, value);
                }
                if template == "/v1/search" && name != "q" {
                    query.push("q=border".into());
                }
                let url = if query.is_empty() {
                    path
                } else {
                    format!("{path}?{}", query.join("&"))
                };
                let reply = server.get(&url);
                tried += 1;
                assert!(
                    matches!(reply.status, 200 | 400 | 404),
                    "{url}: {} {}",
                    reply.status,
                    reply.text()
                );
                // No database message comes back (messages may repeat the input, which names sqlite once).
                let text = reply.text().to_ascii_lowercase().replace("sqlite_master", "");
                for leak in ["sqlite", "syntax error", "fts5", "no such column", "near \""] {
                    assert!(!text.contains(leak), "{url} leaks {leak:?}: {text}");
                }
                if reply.status == 200
                    && reply
                        .header("content-type")
                        .unwrap_or_default()
                        .starts_with("application/json")
                {
                    let body = reply.json();
                    // Filters that took the string as a value match nothing: no condition was rewritten.
                    let filters = [
                        "source", "target", "dyad", "plover", "article", "speaker", "actor", "a", "b",
                    ];
                    if filters.contains(&name) && nasty.contains(['\'', '"', ';', '%', '_', '\\']) {
                        for list in ["events", "quotes", "points", "hits"] {
                            if let Some(items) = body[list].as_array() {
                                assert!(items.is_empty(), "{url}: {} {list}", items.len());
                            }
                        }
                    }
                }
            }
        }
    }
    assert!(tried > 400, "{tried} requests");
    // Nothing was dropped or changed.
    let status = server.get("/v1/status").json();
    assert_eq!(status["counts"]["articles"], 21);
    assert!(status["counts"]["events"].as_u64().unwrap() > 20);
    // The dashboard's search and filters survive the same strings.
    for nasty in NASTY {
        for page in ["/search?q=", "/quotes?q=", "/quotes?speaker=", "/dyads?a="] {
            let reply = server.get(&format!("{page}{}", enc(nasty)));
            assert!(matches!(reply.status, 200 | 400), "{page}{nasty:?}: {}", reply.status);
        }
    }
}

#[test]
fn oversized_bodies_get_413() {
    let server = TestServer::start(
        "sec-413",
        Options {
            body_limit: 64 << 10,
            fill: false,
            ..Options::default()
        },
    );
    let big = "The envoys met again. ".repeat(5000);
    for (path, content_type, token) in [
        ("/v1/code", "text/plain", None),
        ("/v1/articles", "text/plain", Some(TOKEN)),
        ("/v1/articles", "application/json", Some(TOKEN)),
    ] {
        let reply = server.post(path, content_type, big.as_bytes(), token);
        assert_eq!(reply.status, 413, "{path}");
        assert_eq!(reply.error_code(), "payload_too_large");
        assert!(reply.json()["error"]["message"].as_str().unwrap().contains("65536"));
    }
    let form = format!("text={}", enc(&big));
    let page = server.post("/code", "application/x-www-form-urlencoded", form.as_bytes(), None);
    assert_eq!(page.status, 413);
    assert!(page.text().contains("larger than the limit"));
    // Just under the limit is fine.
    let small = "The envoys met again. ".repeat(500);
    assert_eq!(
        server.post("/v1/code", "text/plain", small.as_bytes(), None).status,
        200
    );
}

#[test]
fn writes_need_the_bearer_token() {
    let server = TestServer::start(
        "sec-writes",
        Options {
            fill: false,
            ..Options::default()
        },
    );
    let body = br#"{"id": "w1", "text": "Russia threatened Ukraine."}"#;
    let cookie = format!("detente_token={TOKEN}");
    for (headers, expected) in [
        (vec![], 401),
        (vec![("authorization", "Bearer nope-nope-nope-nope".to_string())], 401),
        (vec![("authorization", format!("Bearer {TOKEN}x"))], 401),
        (vec![("authorization", format!("Basic {TOKEN}"))], 401),
        // The dashboard's cookie opens reads only: another site cannot make a browser write.
        (vec![("cookie", cookie.clone())], 401),
        (vec![("authorization", format!("Bearer {TOKEN}"))], 200),
    ] {
        let mut all: Vec<(&str, &str)> = vec![("content-type", "application/json")];
        all.extend(headers.iter().map(|(k, v)| (*k, v.as_str())));
        let reply = server.request("POST", "/v1/articles", &all, body.to_vec());
        assert_eq!(reply.status, expected, "{headers:?}: {}", reply.text());
        if expected == 401 {
            assert_eq!(reply.error_code(), "unauthorized");
            assert_eq!(reply.header("www-authenticate").as_deref(), Some("Bearer"));
        }
    }
    assert_eq!(server.get("/v1/status").json()["counts"]["articles"], 1);
}

#[test]
fn off_loopback_every_read_needs_the_token_and_the_dashboard_logs_in() {
    let server = TestServer::start(
        "sec-closed",
        Options {
            reads_open: false,
            ..Options::default()
        },
    );
    assert_eq!(server.get("/v1/events").status, 401);
    assert_eq!(
        server
            .get_with("/v1/events", &[("authorization", &format!("Bearer {TOKEN}"))])
            .status,
        200
    );
    let page = server.get("/dyads/ARM/AZE?by=week");
    assert_eq!(page.status, 303);
    assert_eq!(
        page.header("location").as_deref(),
        Some("/login?next=%2Fdyads%2FARM%2FAZE%3Fby%3Dweek")
    );
    assert_eq!(server.get("/login").status, 200);
    assert_eq!(server.get("/assets/style.css").status, 200);
    let wrong = server.post(
        "/login",
        "application/x-www-form-urlencoded",
        b"token=guess&next=%2Fdyads",
        None,
    );
    assert_eq!(wrong.status, 401);
    let right = format!("token={TOKEN}&next={}", enc("/dyads/ARM/AZE"));
    let login = server.post("/login", "application/x-www-form-urlencoded", right.as_bytes(), None);
    assert_eq!(login.status, 303);
    assert_eq!(login.header("location").as_deref(), Some("/dyads/ARM/AZE"));
    let cookie = login.header("set-cookie").unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let pair = cookie.split(';').next().unwrap().to_string();
    assert_eq!(server.get_with("/dyads/ARM/AZE", &[("cookie", &pair)]).status, 200);
    assert_eq!(server.get_with("/v1/alerts", &[("cookie", &pair)]).status, 200);
    // A login never sends the browser to another site.
    let away = format!("token={TOKEN}&next={}", enc("//evil.example/"));
    let login = server.post("/login", "application/x-www-form-urlencoded", away.as_bytes(), None);
    assert_eq!(login.header("location").as_deref(), Some("/"));
}

#[test]
fn cors_is_off_unless_an_origin_is_configured() {
    let plain = TestServer::start(
        "sec-cors-off",
        Options {
            fill: false,
            ..Options::default()
        },
    );
    let reply = plain.get_with("/v1/status", &[("origin", "https://desk.example.org")]);
    assert_eq!(reply.status, 200);
    assert!(reply.header("access-control-allow-origin").is_none());
    let preflight = plain.request(
        "OPTIONS",
        "/v1/articles",
        &[
            ("origin", "https://desk.example.org"),
            ("access-control-request-method", "POST"),
        ],
        Vec::new(),
    );
    assert!(preflight.header("access-control-allow-origin").is_none());

    let cors = TestServer::start(
        "sec-cors-on",
        Options {
            fill: false,
            cors: vec!["https://desk.example.org".into()],
            ..Options::default()
        },
    );
    let reply = cors.get_with("/v1/status", &[("origin", "https://desk.example.org")]);
    assert_eq!(
        reply.header("access-control-allow-origin").as_deref(),
        Some("https://desk.example.org")
    );
    let other = cors.get_with("/v1/status", &[("origin", "https://elsewhere.example")]);
    assert!(other.header("access-control-allow-origin").is_none());
    let preflight = cors.request(
        "OPTIONS",
        "/v1/articles",
        &[
            ("origin", "https://desk.example.org"),
            ("access-control-request-method", "POST"),
        ],
        Vec::new(),
    );
    assert_eq!(preflight.status, 204);
    assert!(
        preflight
            .header("access-control-allow-headers")
            .unwrap()
            .contains("authorization")
    );
}

#[test]
fn slow_requests_time_out_with_a_clean_error() {
    let server = TestServer::start(
        "sec-timeout",
        Options {
            fill: false,
            timeout: Duration::from_millis(1),
            body_limit: 4 << 20,
            ..Options::default()
        },
    );
    let long = "Azerbaijani troops shelled Armenian positions near the border, officials said. ".repeat(20000);
    let reply = server.post("/v1/code", "text/plain", long.as_bytes(), None);
    assert_eq!(reply.status, 503);
    assert_eq!(reply.error_code(), "timeout");
}

#[test]
fn unknown_paths_and_methods_get_structured_errors() {
    let server = TestServer::start(
        "sec-errors",
        Options {
            fill: false,
            ..Options::default()
        },
    );
    let missing = server.get("/v1/nothing-here");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.error_code(), "not_found");
    let method = server.request("DELETE", "/v1/events", &[], Vec::new());
    assert_eq!(method.status, 405);
    assert_eq!(method.error_code(), "method_not_allowed");
    let page = server.get("/nowhere");
    assert_eq!(page.status, 404);
    assert!(page.header("content-type").unwrap().starts_with("text/html"));
}
