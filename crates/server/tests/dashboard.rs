//! The dashboard's pages, read as HTML: what each shows on the newsroom fixtures, and on an empty store.

mod common;

use common::{Options, TestServer, enc};
use dom_query::Document;

fn page(server: &TestServer, path: &str) -> Document {
    let reply = server.get(path);
    assert_eq!(reply.status, 200, "{path}: {}", reply.text());
    Document::from(reply.text().as_str())
}

#[test]
fn an_empty_store_explains_how_to_fill_it() {
    let server = TestServer::start(
        "dash-empty",
        Options {
            fill: false,
            ..Options::default()
        },
    );
    let home = page(&server, "/");
    assert_eq!(home.select("h1").text().to_string(), "The store is empty");
    let help = home.select(".empty").text().to_string();
    assert!(
        help.contains("detente ingest --db") && help.contains("news.db"),
        "{help}"
    );
    assert!(
        help.contains("/v1/articles") && help.contains("Authorization: Bearer"),
        "{help}"
    );
    assert_eq!(home.select("a.button[href='/code']").length(), 1);
    // Every other page still opens, empty.
    for path in [
        "/dyads",
        "/dyads/ARM/AZE",
        "/alerts",
        "/quotes",
        "/network",
        "/search?q=talks",
        "/code",
    ] {
        page(&server, path);
    }
}

#[test]
fn the_overview_counts_and_links() {
    let server = TestServer::start("dash-home", Options::default());
    let home = page(&server, "/");
    let stats: Vec<String> = home.select(".stat .n").iter().map(|n| n.text().to_string()).collect();
    let counts = server.get("/v1/status").json()["counts"].clone();
    let expected: Vec<String> = ["articles", "events", "quotes"]
        .iter()
        .map(|k| counts[k].to_string())
        .collect();
    assert_eq!(&stats[..3], &expected[..], "articles, events, quotes");
    assert_eq!(stats[0], "21");
    assert_eq!(
        home.select("a[href='/dyads/ARM/AZE']").length(),
        1,
        "the busiest dyad links to its view"
    );
    assert_eq!(
        home.select("a[href='/alerts/ARM/AZE/2024-03-04']").length(),
        1,
        "the alert links to its evidence"
    );
    assert_eq!(home.select("nav a.active").text().to_string(), "Overview");
}

#[test]
fn coding_a_pasted_article_draws_quotes_and_events() {
    let server = TestServer::start(
        "dash-code",
        Options {
            fill: false,
            ..Options::default()
        },
    );
    assert_eq!(page(&server, "/code").select("textarea#text").length(), 1);
    let text = "Border talks stall\n\nAzerbaijani troops shelled Armenian positions on Monday. \"We will not give up a metre,\" \
                Prime Minister Nikol Pashinyan said. Foreign Minister Jeyhun Bayramov said Baku had only answered fire.";
    let form = format!("text={}&date=2024-05-06&kind=text", enc(text));
    let reply = server.post("/code", "application/x-www-form-urlencoded", form.as_bytes(), None);
    assert_eq!(reply.status, 200, "{}", reply.text());
    let doc = Document::from(reply.text().as_str());
    assert_eq!(doc.select(".card h1").text().to_string(), "Border talks stall");
    let trigger = doc.select("a.trigger");
    assert_eq!(trigger.text().to_string(), "shelled");
    assert_eq!(trigger.attr("href").unwrap().to_string(), "#ev-0");
    assert!(trigger.attr("title").unwrap().contains("Goldstein -10.0"));
    let row = doc.select("tr#ev-0");
    assert!(row.attr("data-code").unwrap().starts_with("19"), "shelling is fighting");
    assert_eq!(row.attr("data-quad-name").unwrap().to_string(), "material conflict");
    assert!(
        row.attr("data-explain").unwrap().contains("verb:shell"),
        "the event carries its explanation"
    );
    // One colour per speaker: two speakers, two colours, the same on the quote in the text and in the list.
    let chips: Vec<String> = doc
        .select(".card h3 .chip")
        .iter()
        .map(|c| c.attr("class").unwrap().to_string())
        .collect();
    assert_eq!(chips.len(), 2, "{chips:?}");
    assert_ne!(chips[0], chips[1]);
    let quote = doc.select(".article-text .quote");
    assert!(
        quote
            .attr("class")
            .unwrap()
            .contains(chips[0].trim_start_matches("chip "))
    );
    // A bad date is a clear error, not a crash.
    let bad = format!("text={}&date=someday", enc(text));
    let reply = server.post("/code", "application/x-www-form-urlencoded", bad.as_bytes(), None);
    assert_eq!(reply.status, 400);
    assert!(reply.text().contains("is not a date"));
}

#[test]
fn a_stored_article_links_triggers_quotes_and_duplicates() {
    let server = TestServer::start("dash-article", Options::default());
    let doc = page(&server, "/articles/cauc-10");
    assert_eq!(
        doc.select(".card h1").text().to_string(),
        "Shelling hits Armenian border villages"
    );
    assert_eq!(doc.select("a.trigger").length(), 2);
    // Every quote the coder found is an anchor for the quote lists.
    let stored = server.get(&format!("/v1/articles/{}", enc("cauc-10"))).json();
    let quotes = stored["article"]["quotes"].as_array().map_or(0, Vec::len);
    assert!(quotes >= 1, "{stored}");
    assert_eq!(
        doc.select("[id^=quote-]").length(),
        quotes,
        "each quote is an anchor for the quote lists"
    );
    assert_eq!(doc.select("a[href^='https://news.example.org/cauc-10']").length(), 1);
    let missing = server.get("/articles/none-such");
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("No article"));
}

#[test]
fn the_dyad_view_charts_periods_and_opens_one() {
    let server = TestServer::start("dash-dyad", Options::default());
    let redirect = server.get("/dyads?a=ARM&b=AZE&by=week");
    assert_eq!(redirect.status, 303);
    assert_eq!(redirect.header("location").as_deref(), Some("/dyads/ARM/AZE?by=week"));
    let doc = page(&server, "/dyads/ARM/AZE?by=week");
    let points = doc.select("svg.chart a.point");
    assert_eq!(points.length(), 11, "weeks 1 to 11 of 2024");
    assert_eq!(doc.select("svg.chart .alert-mark").length(), 1);
    assert_eq!(
        doc.select("svg.chart rect.q4").length(),
        1,
        "one week with material conflict"
    );
    let spike = doc
        .select("svg.chart a.point")
        .iter()
        .find(|a| a.text().contains("ALERT"))
        .expect("the alert week");
    let href = spike.attr("href").unwrap().to_string();
    assert!(href.contains("period=2024-W10"), "{href}");
    let week = page(&server, href.split('#').next().unwrap());
    let listed = server
        .get("/v1/events?dyad=ARM,AZE&since=2024-03-04&until=2024-03-10")
        .json();
    let n = listed["events"].as_array().unwrap().len();
    assert!(n >= 3);
    assert!(
        week.select("#point h2")
            .text()
            .contains(&format!("Behind 2024-W10: {n} events"))
    );
    assert_eq!(week.select("#point table tbody tr").length(), n);
    assert!(week.select("#point .quote-list li").length() >= 3);
    assert_eq!(week.select("svg.chart rect.selected").length(), 1);
    // Automatic periods: ten weeks of events are shown by week.
    assert_eq!(
        page(&server, "/dyads/ARM/AZE")
            .select("select[name=by] option[selected]")
            .text()
            .to_string(),
        "week"
    );
    assert_eq!(server.get("/dyads/ARM/AZE?period=1999-W01").status, 400);
    // Actors of one side: the chooser lists their dyads.
    let of_arm = page(&server, "/dyads?a=ARM");
    assert!(of_arm.select("table a").iter().all(|a| a.text().contains("ARM")));
}

#[test]
fn alerts_open_with_their_evidence() {
    let server = TestServer::start("dash-alerts", Options::default());
    let list = page(&server, "/alerts");
    let link = list.select("a:contains('Evidence')");
    assert_eq!(link.length(), 1);
    let href = link.attr("href").unwrap().to_string();
    assert_eq!(href, "/alerts/ARM/AZE/2024-03-04?by=week");
    let alert = page(&server, &href);
    assert!(alert.select("h1").text().contains("ARM – AZE, 2024-W10"));
    let evidence = alert.select(".card").first().select("tbody tr");
    let api = server.get("/v1/alerts").json();
    assert_eq!(
        evidence.length(),
        api["alerts"][0]["evidence"].as_array().unwrap().len()
    );
    assert!(evidence.length() >= 3);
    let articles: Vec<String> = alert
        .select(".grid .card")
        .first()
        .select("tbody a")
        .iter()
        .map(|a| a.attr("href").unwrap().to_string())
        .collect();
    assert_eq!(
        articles,
        [
            "/articles/cauc-10",
            "/articles/cauc-11",
            "/articles/cauc-12",
            "/articles/cauc-13"
        ]
    );
    assert_eq!(server.get("/alerts/ARM/AZE/2024-01-01").status, 404);
}

#[test]
fn quotes_search_and_network_pages() {
    let server = TestServer::start("dash-lists", Options::default());
    let quotes = page(&server, "/quotes?speaker=Pashinyan");
    let items = quotes.select(".quote-list li");
    assert!(items.length() >= 2);
    assert!(items.iter().all(|li| li.text().contains("Nikol Pashinyan")));
    assert!(
        quotes
            .select(".quote-list li a")
            .iter()
            .all(|a| a.attr("href").unwrap().contains("#quote-"))
    );
    // Pages chain through the cursor.
    let first = page(&server, "/quotes?limit=5");
    let next = first.select(".pager a").attr("href").expect("a next page").to_string();
    let second = page(&server, &next);
    assert_eq!(second.select(".quote-list li").length(), 5);
    let search = page(&server, "/search?q=ceasefire");
    assert!(search.select(".results li").length() >= 2);
    assert_eq!(
        search
            .select(".results mark")
            .iter()
            .next()
            .unwrap()
            .text()
            .to_lowercase(),
        "ceasefire"
    );
    let network = page(&server, "/network");
    assert!(network.select("svg.net circle.node").length() >= 8);
    assert!(network.select("svg.net a[href='/dyads/AZE/ARM'] path.edge").length() == 1);
    let filtered = page(&server, "/network?min_events=5");
    let api = server.get("/v1/network?min_events=5").json();
    assert_eq!(
        filtered.select("svg.net circle.node").length(),
        api["nodes"].as_array().unwrap().len()
    );
    assert!(filtered.select("svg.net circle.node").length() < network.select("svg.net circle.node").length());
}
