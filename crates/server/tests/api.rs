//! The API against its own OpenAPI document: every documented operation is called for every status it
//! documents (successes and errors), each answer's status must be documented, and each JSON body must
//! validate against the documented schema. Nothing documented may go untested, and nothing untested may be
//! documented.

mod common;

use std::collections::BTreeSet;

use common::{HOSTILE_ID, Options, TOKEN, TestServer, enc};
use serde_json::Value;

/// Which server a case runs on: reads open (as on 127.0.0.1) or closed (as on another address).
#[derive(Clone, Copy, PartialEq)]
enum On {
    Open,
    Closed,
}

struct Case {
    method: &'static str,
    template: &'static str,
    path: String,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
    status: u16,
    on: On,
}

fn get(template: &'static str, path: impl Into<String>, status: u16) -> Case {
    Case {
        method: "get",
        template,
        path: path.into(),
        headers: Vec::new(),
        body: Vec::new(),
        status,
        on: On::Open,
    }
}

fn post(template: &'static str, path: &str, content_type: &str, body: &[u8], token: bool, status: u16) -> Case {
    let mut headers = vec![("content-type", content_type.to_string())];
    if token {
        headers.push(("authorization", format!("Bearer {TOKEN}")));
    }
    Case {
        method: "post",
        template,
        path: path.into(),
        headers,
        body: body.to_vec(),
        status,
        on: On::Open,
    }
}

fn closed(mut case: Case) -> Case {
    case.on = On::Closed;
    case
}

fn cases() -> Vec<Case> {
    let article =
        br#"{"id": "t1", "date": "2024-03-20", "text": "Armenian troops shelled Azerbaijani posts on Tuesday."}"#;
    let big = vec![b'a'; 300 << 10];
    vec![
        // Coding.
        post("/v1/code", "/v1/code", "application/json", article, false, 200),
        post(
            "/v1/code",
            "/v1/code?title=Border&date=2024-03-21",
            "text/plain",
            b"Azerbaijan accused Armenia of shelling.",
            false,
            200,
        ),
        post(
            "/v1/code",
            "/v1/code",
            "application/x-ndjson",
            b"{\"text\": \"One.\"}\n{\"text\": \"Two.\"}\n",
            false,
            400,
        ),
        post(
            "/v1/code",
            "/v1/code",
            "application/json",
            b"{\"title\": \"no text\"}",
            false,
            400,
        ),
        post("/v1/code", "/v1/code?date=someday", "text/plain", b"Text.", false, 400),
        closed(post("/v1/code", "/v1/code", "application/json", article, false, 401)),
        post("/v1/code", "/v1/code", "text/plain", &big, false, 413),
        post("/v1/code", "/v1/code", "image/png", b"\x89PNG", false, 415),
        // Storing.
        post(
            "/v1/articles",
            "/v1/articles",
            "application/json",
            &[b"[", &article[..], b"]"].concat(),
            true,
            200,
        ),
        post(
            "/v1/articles",
            "/v1/articles",
            "application/x-ndjson",
            b"not json\n",
            true,
            400,
        ),
        post("/v1/articles", "/v1/articles", "application/json", article, false, 401),
        {
            let mut case = post("/v1/articles", "/v1/articles", "application/json", article, false, 401);
            case.headers
                .push(("authorization", "Bearer wrong-token-0123456789".into()));
            case
        },
        post("/v1/articles", "/v1/articles", "text/plain", &big, true, 413),
        post("/v1/articles", "/v1/articles", "application/xml", b"<a/>", true, 415),
        // A stored article.
        get("/v1/articles/{id}", "/v1/articles/cauc-10", 200),
        get("/v1/articles/{id}", format!("/v1/articles/{}", enc(HOSTILE_ID)), 200),
        get("/v1/articles/{id}", "/v1/articles/bad%01id", 400),
        closed(get("/v1/articles/{id}", "/v1/articles/cauc-10", 401)),
        get("/v1/articles/{id}", "/v1/articles/no-such-article", 404),
        // Events.
        get("/v1/events", "/v1/events", 200),
        get(
            "/v1/events",
            "/v1/events?dyad=ARM,AZE&root=18..20&since=2024-03-01&limit=2",
            200,
        ),
        get(
            "/v1/events",
            "/v1/events?quad=4&factual=true&no_negated=true&format=csv",
            200,
        ),
        get("/v1/events", "/v1/events?since=yesterday", 400),
        get("/v1/events", "/v1/events?colour=red", 400),
        get("/v1/events", "/v1/events?cursor=nonsense", 400),
        closed(get("/v1/events", "/v1/events", 401)),
        // Quotes.
        get("/v1/quotes", "/v1/quotes?speaker=Pashinyan", 200),
        get("/v1/quotes", "/v1/quotes?q=ceasefire&format=csv", 200),
        get("/v1/quotes", "/v1/quotes?limit=0", 400),
        closed(get("/v1/quotes", "/v1/quotes", 401)),
        // Search.
        get("/v1/search", "/v1/search?q=ceasefire", 200),
        get("/v1/search", "/v1/search?q=border&format=csv", 200),
        get("/v1/search", "/v1/search?q=%22%22", 400),
        closed(get("/v1/search", "/v1/search?q=border", 401)),
        // Analysis.
        get("/v1/dyads/{a}/{b}/trend", "/v1/dyads/ARM/AZE/trend?by=week", 200),
        get(
            "/v1/dyads/{a}/{b}/trend",
            "/v1/dyads/ARM/AZE/trend?by=month&format=csv",
            200,
        ),
        get("/v1/dyads/{a}/{b}/trend", "/v1/dyads/ARM/AZE/trend?by=year", 400),
        closed(get("/v1/dyads/{a}/{b}/trend", "/v1/dyads/ARM/AZE/trend", 401)),
        get("/v1/alerts", "/v1/alerts", 200),
        get("/v1/alerts", "/v1/alerts?by=week&window=4&k=1.5&format=csv", 200),
        get("/v1/alerts", "/v1/alerts?window=0", 400),
        closed(get("/v1/alerts", "/v1/alerts", 401)),
        get("/v1/network", "/v1/network?since=2024-01-01", 200),
        get("/v1/network", "/v1/network?format=dot", 200),
        get("/v1/network", "/v1/network?key=planet", 400),
        closed(get("/v1/network", "/v1/network", 401)),
        get("/v1/actors/{code}", "/v1/actors/ARMGOV", 200),
        get("/v1/actors/{code}", "/v1/actors/ARM%20GOV%3B", 400),
        closed(get("/v1/actors/{code}", "/v1/actors/ARMGOV", 401)),
        get("/v1/actors/{code}", "/v1/actors/XYZGOV", 404),
        // Meta.
        get("/v1/status", "/v1/status", 200),
        closed(get("/v1/status", "/v1/status", 401)),
        get("/v1/openapi.json", "/v1/openapi.json", 200),
        closed(get("/v1/openapi.json", "/v1/openapi.json", 401)),
    ]
}

/// (path, method, status) of every documented response.
fn documented(doc: &Value) -> BTreeSet<(String, String, u16)> {
    let mut all = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().expect("operations") {
            for status in operation["responses"].as_object().expect("responses").keys() {
                all.insert((path.clone(), method.clone(), status.parse().expect("numeric status")));
            }
        }
    }
    all
}

/// Validates a JSON body against the schema the document gives for this response (None: no JSON schema).
fn validate(
    doc: &Value,
    template: &str,
    method: &str,
    status: u16,
    body: &Value,
    index: usize,
) -> Option<Result<(), String>> {
    let response = &doc["paths"][template][method]["responses"][status.to_string()];
    let schema = response["content"]["application/json"]["schema"].as_object()?;
    let mut resource = Value::Object(schema.clone());
    resource["components"] = doc["components"].clone();
    let url = format!("http://detente.test/case-{index}.json");
    let mut compiler = boon::Compiler::new();
    compiler.set_default_draft(boon::Draft::V2020_12);
    compiler.add_resource(&url, resource).expect("resource");
    let mut schemas = boon::Schemas::new();
    let id = compiler
        .compile(&url, &mut schemas)
        .unwrap_or_else(|e| panic!("{method} {template} {status}: schema does not compile: {e}"));
    Some(schemas.validate(body, id).map_err(|e| e.to_string()))
}

#[test]
fn every_documented_response_is_produced_and_matches_its_schema() {
    let open = TestServer::start("api-open", Options::default());
    let closed_server = TestServer::start(
        "api-closed",
        Options {
            reads_open: false,
            fill: false,
            ..Options::default()
        },
    );
    let doc = open.get("/v1/openapi.json").json();
    assert_eq!(
        doc["openapi"].as_str().map(|v| &v[..2]),
        Some("3."),
        "an OpenAPI 3 document"
    );
    let documented = documented(&doc);
    let mut seen = BTreeSet::new();
    for (index, case) in cases().into_iter().enumerate() {
        let server = if case.on == On::Open { &open } else { &closed_server };
        let headers: Vec<(&str, &str)> = case.headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let reply = server.request(&case.method.to_uppercase(), &case.path, &headers, case.body.clone());
        assert_eq!(
            reply.status,
            case.status,
            "{} {}: expected {}, got {}: {}",
            case.method,
            case.path,
            case.status,
            reply.status,
            reply.text()
        );
        let key = (case.template.to_string(), case.method.to_string(), case.status);
        assert!(documented.contains(&key), "undocumented response {key:?}");
        let content_type = reply.header("content-type").unwrap_or_default();
        if content_type.starts_with("application/json") {
            let body = reply.json();
            if let Some(Err(error)) = validate(&doc, case.template, case.method, case.status, &body, index) {
                panic!(
                    "{} {} {}: the body does not match the documented schema: {error}\n{body:#}",
                    case.method, case.path, case.status
                );
            }
        } else {
            assert!(
                case.path.contains("format=") && reply.status == 200,
                "{} {}: {content_type} answer where JSON is documented",
                case.method,
                case.path
            );
        }
        if reply.status >= 400 {
            let code = reply.error_code();
            assert!(
                !code.is_empty(),
                "{} {}: an error without a code",
                case.method,
                case.path
            );
            let message = reply.json()["error"]["message"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            assert!(!message.is_empty() && !message.contains(&open.dir.display().to_string()));
        }
        seen.insert(key);
    }
    // The schemas do reject what they should: a status with a wrong type, an error without its message.
    let bad_status = serde_json::json!({"version": 1, "schema": 1, "counts": {}, "reads_need_token": false});
    assert!(matches!(
        validate(&doc, "/v1/status", "get", 200, &bad_status, 900),
        Some(Err(_))
    ));
    let bad_error = serde_json::json!({"error": {"code": "not_found"}});
    assert!(matches!(
        validate(&doc, "/v1/events", "get", 400, &bad_error, 901),
        Some(Err(_))
    ));
    let untested: Vec<_> = documented.difference(&seen).collect();
    assert!(untested.is_empty(), "documented but never produced: {untested:?}");
    // The document names every route the router serves under /v1.
    let paths: BTreeSet<&str> = doc["paths"].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(paths.len(), 12, "{paths:?}");
}

#[test]
fn pages_of_events_chain_through_cursors_and_csv_matches_json() {
    let server = TestServer::start("api-pages", Options::default());
    let all = server.get("/v1/events?limit=1000").json();
    let total = all["events"].as_array().unwrap().len();
    assert!(total > 14, "{total} events in the fixtures: more than two pages of 7");
    let mut ids = Vec::new();
    let mut path = "/v1/events?limit=7".to_string();
    loop {
        let page = server.get(&path).json();
        let events = page["events"].as_array().unwrap();
        assert!(events.len() <= 7);
        ids.extend(events.iter().map(|e| e["event_id"].as_i64().unwrap()));
        match page["next_cursor"].as_str() {
            Some(cursor) => path = format!("/v1/events?limit=7&cursor={}", enc(cursor)),
            None => break,
        }
    }
    let expected: Vec<i64> = all["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event_id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, expected);
    // CSV: a header and one line per event, the cursor in a header.
    let csv = server.get("/v1/events?limit=5&format=csv");
    assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
    let text = csv.text();
    let mut lines = text.lines();
    assert!(lines.next().unwrap().starts_with("event_id,article_id,date"));
    assert_eq!(lines.count(), 5);
    assert!(csv.header("x-next-cursor").is_some());
}

/// Follows `next_cursor` from `first` to the end; the event ids of every page.
fn chain_event_pages(server: &TestServer, first: &str) -> Vec<i64> {
    let mut ids = Vec::new();
    let mut path = first.to_string();
    loop {
        let page = server.get(&path).json();
        ids.extend(
            page["events"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["event_id"].as_i64().unwrap()),
        );
        match page["next_cursor"].as_str() {
            Some(cursor) => path = format!("{first}&cursor={}", enc(cursor)),
            None => return ids,
        }
    }
}

#[test]
fn newest_first_pages_and_the_actor_and_code_filters() {
    let server = TestServer::start("api-order", Options::default());
    let all = server.get("/v1/events?limit=1000").json();
    let events = all["events"].as_array().unwrap().clone();
    let dates: Vec<Option<&str>> = events.iter().map(|e| e["date"].as_str()).collect();
    let oldest = chain_event_pages(&server, "/v1/events?limit=4");
    let newest = chain_event_pages(&server, "/v1/events?limit=4&order=newest");
    assert_eq!(newest.len(), oldest.len());
    let mut unique = newest.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), newest.len(), "no event twice across newest-first pages");
    // Newest first: dates never rise along the pages (undated events last).
    let date_of = |id: i64| {
        let i = events.iter().position(|e| e["event_id"].as_i64() == Some(id)).unwrap();
        dates[i]
    };
    let newest_dates: Vec<Option<&str>> = newest.iter().map(|&id| date_of(id)).collect();
    let dated: Vec<&str> = newest_dates.iter().map_while(|d| *d).collect();
    assert!(dated.windows(2).all(|w| w[0] >= w[1]), "{newest_dates:?}");
    assert!(dated.first() > dated.last(), "the fixtures span several dates");
    assert!(newest_dates[dated.len()..].iter().all(Option::is_none));
    // `actor` is either side; `code` a CAMEO code and the codes under it.
    let first = &events[0];
    let code = first["code"].as_str().unwrap();
    let prefix = &code[..2];
    let by_code = server.get(&format!("/v1/events?limit=1000&code={prefix}")).json();
    let by_code = by_code["events"].as_array().unwrap();
    assert!(!by_code.is_empty());
    assert!(by_code.iter().all(|e| e["code"].as_str().unwrap().starts_with(prefix)));
    let expected = events
        .iter()
        .filter(|e| e["code"].as_str().unwrap().starts_with(prefix))
        .count();
    assert_eq!(by_code.len(), expected);
    let country = first["source"]["country"].as_str().unwrap();
    let by_actor = server.get(&format!("/v1/events?limit=1000&actor={country}")).json();
    let by_actor = by_actor["events"].as_array().unwrap();
    let on_either_side = |e: &&Value| {
        [&e["source"], &e["target"]].iter().any(|side| {
            ["code", "country", "org"]
                .iter()
                .any(|k| side[*k].as_str().is_some_and(|v| v.starts_with(country)))
        })
    };
    assert_eq!(by_actor.len(), events.iter().filter(on_either_side).count());
    assert!(by_actor.len() < events.len(), "the filter leaves some events out");
    for bad in ["code=1", "code=12345", "code=abc", "order=sideways"] {
        let reply = server.get(&format!("/v1/events?{bad}"));
        assert_eq!(
            (reply.status, reply.error_code().as_str()),
            (400, "bad_request"),
            "{bad}"
        );
    }
}

#[test]
fn code_answers_the_schema_v1_article_and_stores_nothing() {
    let server = TestServer::start("api-code", Options::default());
    let before = server.get("/v1/status").json()["counts"]["articles"].as_u64().unwrap();
    let text = "Talks collapse\n\nAzerbaijani troops shelled Armenian positions near the border on Monday.";
    let coded = server
        .post(
            "/v1/code?date=2024-04-01&source=Desk",
            "text/plain",
            text.as_bytes(),
            None,
        )
        .json();
    assert_eq!(coded["schema"], 1);
    assert_eq!(coded["title"], "Talks collapse");
    assert_eq!(coded["date"], "2024-04-01");
    let event = &coded["events"][0];
    assert_eq!(event["root"], "19", "shelling is fighting: {event}");
    assert_eq!(event["quad_class"], 4);
    let body = coded["text"].as_str().unwrap().as_bytes();
    let (start, end) = (
        event["trigger"]["start"].as_u64().unwrap() as usize,
        event["trigger"]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&body[start..end], b"shelled", "spans are byte ranges into the text");
    assert_eq!(
        server.get("/v1/status").json()["counts"]["articles"].as_u64().unwrap(),
        before
    );
}

#[test]
fn ingest_is_idempotent_and_reports_bad_lines() {
    let server = TestServer::start(
        "api-ingest",
        Options {
            fill: false,
            ..Options::default()
        },
    );
    let body = "{\"id\": \"x1\", \"text\": \"Russia threatened Ukraine.\"}\n{broken\n{\"id\": \"x2\", \"text\": \"Ukraine praised Poland.\"}\n";
    let first = server
        .post("/v1/articles", "application/x-ndjson", body.as_bytes(), Some(TOKEN))
        .json();
    assert_eq!(first["received"], 2);
    assert_eq!(first["stored"]["inserted"], 2);
    assert_eq!(first["problems"][0]["line"], 2);
    let again = server
        .post("/v1/articles", "application/x-ndjson", body.as_bytes(), Some(TOKEN))
        .json();
    assert_eq!(again["stored"]["inserted"], 0);
    assert_eq!(again["stored"]["unchanged"], 2);
    let stored = server.get("/v1/articles/x1").json();
    assert_eq!(stored["article"]["events"][0]["root"], "13", "a threat");
    let events = server.get("/v1/events?article=x2").json();
    assert_eq!(events["events"][0]["root"], "05", "praise: {events}");
}

#[test]
fn trend_alerts_network_and_actor_agree_with_the_fixtures() {
    let server = TestServer::start("api-analysis", Options::default());
    let trend = server.get("/v1/dyads/ARM/AZE/trend?by=week").json();
    let points = trend["points"].as_array().unwrap();
    let material = |p: &Value| p["a_to_b"]["quad"][3].as_u64().unwrap() + p["b_to_a"]["quad"][3].as_u64().unwrap();
    let spike = points.iter().find(|p| p["period"] == "2024-W10").unwrap();
    // The week of the shelling, the killings and the return fire (three articles) against a quiet quarter.
    assert!(material(spike) >= 3, "{spike}");
    assert!(
        points
            .iter()
            .filter(|p| p["period"] != "2024-W10")
            .all(|p| material(p) == 0),
        "{trend}"
    );
    let alerts = server.get("/v1/alerts").json();
    let alert = &alerts["alerts"][0];
    assert_eq!(alert["dyad"], serde_json::json!(["ARM", "AZE"]));
    assert_eq!(alert["period"], "2024-W10");
    assert_eq!(alert["material_conflict"].as_u64(), Some(material(spike)));
    // Its evidence: the conflict events of that week, from /v1/events too.
    let week = server
        .get("/v1/events?dyad=ARM,AZE&since=2024-03-04&until=2024-03-10&no_negated=true")
        .json();
    let conflict = week["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["quad_class"].as_u64().unwrap() >= 3)
        .count();
    assert_eq!(alert["evidence"].as_array().unwrap().len(), conflict);
    let network = server.get("/v1/network?min_events=2").json();
    assert!(
        network["edges"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["events"].as_u64().unwrap() >= 2)
    );
    assert!(network["nodes"].as_array().unwrap().iter().any(|n| n["id"] == "ARM"));
    let dot = server.get("/v1/network?format=dot").text();
    assert!(dot.starts_with("digraph"));
    let actor = server.get("/v1/actors/ARMGOV").json();
    assert_eq!(actor["country"], "ARM");
    assert!(actor["quotes"].as_u64().unwrap() >= 3, "{actor}");
}
