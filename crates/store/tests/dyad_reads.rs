//! The lean reads behind the service's dyad views: event facts (a trend without article or sentence text),
//! event pages chosen before their rows are read, article conditions answered from indexes, events by id.
//! Each is checked against the full event listing on a store built from texts written for these tests.

mod common;

use common::{EventSpec, article, with_event};
use detente_analysis::{EventFact, Period, trend};
use detente_records::CodedArticle;
use detente_store::{Coding, EventQuery, Store};

/// A season of reports between four actors: events both ways, negated and hypothetical ones, events without
/// a target or a date, names on some actors, and exact copies of some reports under other ids.
fn season() -> Vec<CodedArticle> {
    let specs = [
        EventSpec::new("RUSMIL", "UKR", "190", -10.0, 4, "shelled"),
        EventSpec::new("UKRGOV", "RUSGOV", "100", -5.0, 3, "demanded"),
        EventSpec::new("USAGOV", "RUS", "036", 4.0, 1, "offered"),
        EventSpec {
            negated: true,
            ..EventSpec::new("RUSGOV", "USAGOV", "112", -2.0, 3, "accused")
        },
        EventSpec {
            factual: false,
            ..EventSpec::new("UKRMIL", "RUSMIL", "190", -10.0, 4, "shelled")
        },
        EventSpec::new("NATO", "UKRGOV", "070", 7.0, 2, "offered"),
        EventSpec {
            target: None,
            ..EventSpec::new("RUSGOV", "UKR", "010", 0.0, 1, "accused")
        },
    ];
    let mut articles = Vec::new();
    for i in 0..48usize {
        let text = format!(
            "Batteries shelled the ferry landing at dawn. The envoy accused the other side of stalling and demanded \
             a written answer. A donor offered field kitchens to the valley. {}.",
            filler(i)
        );
        // Dates over four months, with gaps and a far early one; every ninth report is undated.
        let date = match i {
            _ if i % 9 == 4 => None,
            0 => Some("2019-03-01".to_string()),
            _ => Some(format!("2023-{:02}-{:02}", 1 + i % 4, 1 + (i * 7) % 28)),
        };
        let mut a = article(&format!("r{i:02}"), date.as_deref(), &text);
        for k in 0..3 {
            let spec = &specs[(i + 2 * k) % specs.len()];
            a = with_event(
                a,
                EventSpec {
                    goldstein: spec.goldstein + (i % 5) as f64 / 10.0,
                    ..*spec
                },
            );
        }
        if i % 6 == 1 {
            a.events[0].source.name = Some("Mira Tallow".into());
        }
        let copy = (i % 7 == 3).then(|| CodedArticle {
            id: format!("r{i:02}-copy"),
            date: Some("2023-02-14".into()),
            ..a.clone()
        });
        articles.push(a);
        articles.extend(copy);
    }
    articles
}

/// Forty words of its own for report `i`, so that no two reports are near-duplicates of each other.
fn filler(i: usize) -> String {
    const WORDS: [&str; 31] = [
        "amber", "birch", "cedar", "dune", "ember", "fjord", "garnet", "harbor", "iris", "juniper", "kelp", "lantern",
        "meadow", "nettle", "orchard", "pebble", "quarry", "reed", "saffron", "thistle", "umber", "violet", "willow",
        "yarrow", "zinc", "basalt", "clover", "delta", "estuary", "fennel", "granite",
    ];
    (0..40)
        .map(|k| WORDS[(i * 17 + k * k * 7 + k * i * 3 + i * i) % WORDS.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

fn store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    for batch in season().chunks(10) {
        store
            .ingest_batch(batch, &Coding::new("test", "builtin", "gdelt"))
            .unwrap();
    }
    store
}

fn ids<T>(rows: &[T], id: impl Fn(&T) -> i64) -> Vec<i64> {
    rows.iter().map(id).collect()
}

/// Dyad queries of every shape the service sends.
fn dyad_queries() -> Vec<EventQuery> {
    let dyads = [
        ("RUS", "UKR"),
        ("UKR", "RUS"),
        ("RUS", "USA"),
        ("RUSGOV", "USA"),
        ("NATO", "UKR"),
        ("Russia", "Ukraine"),
        ("Tallow", "UKR"),
        ("RUS", "RUS"),
        ("CHN", "USA"),
    ];
    let mut queries = Vec::new();
    for (a, b) in dyads {
        let dyad = Some((a.to_string(), b.to_string()));
        queries.push(EventQuery {
            dyad: dyad.clone(),
            ..EventQuery::default()
        });
        queries.push(EventQuery {
            dyad: dyad.clone(),
            include_duplicates: true,
            newest_first: true,
            ..EventQuery::default()
        });
        queries.push(EventQuery {
            dyad: dyad.clone(),
            factual: true,
            exclude_negated: true,
            since: Some("2023-02-01".into()),
            until: Some("2023-03-31".into()),
            ..EventQuery::default()
        });
        queries.push(EventQuery {
            dyad,
            root: Some((14, 20)),
            article: Some("r05".into()),
            ..EventQuery::default()
        });
    }
    queries
}

#[test]
fn event_facts_are_the_listed_events_and_give_the_same_trends() {
    let store = store();
    let mut nonempty = 0;
    for query in dyad_queries() {
        let rows = store.events(&query).unwrap();
        let facts = store.event_facts(&query).unwrap();
        let expected: Vec<EventFact> = rows.iter().map(EventFact::from).collect();
        assert_eq!(facts, expected, "{query:?}");
        nonempty += usize::from(!facts.is_empty());
        let (a, b) = query.dyad.clone().unwrap();
        for period in [Period::Day, Period::Week, Period::Month] {
            assert_eq!(
                trend(&facts, &a, &b, period),
                trend(&rows, &a, &b, period),
                "{query:?} {period:?}"
            );
        }
    }
    // The comparison covered real answers, not only empty ones.
    assert!(nonempty >= 20, "{nonempty} queries had events");
    let busy = EventQuery {
        dyad: Some(("RUS".into(), "UKR".into())),
        ..EventQuery::default()
    };
    let points = trend(&store.event_facts(&busy).unwrap(), "RUS", "UKR", Period::Month);
    let counted: u32 = points.iter().map(|p| p.a_to_b.events + p.b_to_a.events).sum();
    assert!(counted >= 10, "{counted}");
}

#[test]
fn a_limited_listing_is_the_head_of_the_whole_listing() {
    let store = store();
    let mut queries = dyad_queries();
    queries.push(EventQuery::default());
    queries.push(EventQuery {
        actor: Some("USA".into()),
        newest_first: true,
        ..EventQuery::default()
    });
    for query in queries {
        let all = ids(&store.events(&query).unwrap(), |e| e.event_id);
        for limit in [1, 2, 5, 17, 1000] {
            let limited = EventQuery {
                limit: Some(limit),
                ..query.clone()
            };
            let head = store.events(&limited).unwrap();
            assert_eq!(
                ids(&head, |e| e.event_id),
                all[..limit.min(all.len())],
                "{query:?} limit {limit}"
            );
            // The rows read for the chosen events are whole: article, sentence text.
            assert!(
                head.iter()
                    .all(|e| e.sentence_text.as_deref().is_some_and(|s| s.contains(&e.trigger.text)))
            );
        }
    }
}

#[test]
fn article_conditions_answered_from_indexes_match_the_articles() {
    let store = store();
    let everything = EventQuery {
        include_duplicates: true,
        ..EventQuery::default()
    };
    let all = store.events(&everything).unwrap();
    let firsts: Vec<i64> = all
        .iter()
        .filter(|e| e.duplicate_of.is_none())
        .map(|e| e.event_id)
        .collect();
    assert!(firsts.len() < all.len(), "the season has copies");
    assert_eq!(
        ids(&store.events(&EventQuery::default()).unwrap(), |e| e.event_id),
        firsts
    );
    assert_eq!(store.count_events(&EventQuery::default()).unwrap(), firsts.len() as u64);
    assert_eq!(store.count_events(&everything).unwrap(), all.len() as u64);
    for id in ["r03", "r03-copy", "r40", "no-such-article"] {
        let query = EventQuery {
            article: Some(id.into()),
            include_duplicates: true,
            ..EventQuery::default()
        };
        let expected: Vec<i64> = all.iter().filter(|e| e.article_id == id).map(|e| e.event_id).collect();
        assert_eq!(ids(&store.events(&query).unwrap(), |e| e.event_id), expected, "{id}");
        assert_eq!(store.count_events(&query).unwrap(), expected.len() as u64);
    }
    // A copy's events are left out unless copies are asked for.
    let copy_only = EventQuery {
        article: Some("r03-copy".into()),
        ..EventQuery::default()
    };
    assert!(store.events(&copy_only).unwrap().is_empty());
}

#[test]
fn events_by_id_come_back_whole_in_the_order_asked() {
    let store = store();
    let all = store.events(&EventQuery::default()).unwrap();
    let wanted = [all[7].event_id, all[0].event_id, -5, all[30].event_id, all[7].event_id];
    let got = store.events_by_id(&wanted).unwrap();
    assert_eq!(
        ids(&got, |e| e.event_id),
        [all[7].event_id, all[0].event_id, all[30].event_id]
    );
    assert_eq!(got[0], all[7]);
    assert_eq!(got[1], all[0]);
    assert_eq!(got[2], all[30]);
    assert!(store.events_by_id(&[]).unwrap().is_empty());
}

/// How often SQLite re-prepared a cached statement while it was run with five different limits.
fn reprepares(store: &Store) -> i32 {
    let conn = store.connection();
    for limit in 1..=5i64 {
        let mut stmt = conn
            .prepare_cached("SELECT count(*) FROM (SELECT pk FROM events ORDER BY date LIMIT ?1)")
            .unwrap();
        let n: i64 = stmt.query_row([limit], |r| r.get(0)).unwrap();
        assert_eq!(n, limit);
    }
    let stmt = conn
        .prepare_cached("SELECT count(*) FROM (SELECT pk FROM events ORDER BY date LIMIT ?1)")
        .unwrap();
    stmt.get_status(rusqlite::StatementStatus::RePrepare)
}

#[test]
fn a_connection_for_repeated_queries_keeps_its_statements_prepared() {
    let plain = store();
    assert!(reprepares(&plain) > 0, "SQLite re-plans for each new LIMIT by default");
    let tuned = store();
    tuned.for_repeated_queries().unwrap();
    assert_eq!(reprepares(&tuned), 0);
}
