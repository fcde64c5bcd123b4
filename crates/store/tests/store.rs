mod common;

use common::{EventSpec, actor, article, corpus, loaded, temp_dir, with_event};
use detente_records::CodedArticle;
use detente_store::{Coding, EventQuery, QuoteQuery, SearchQuery, Store, schema};

fn triggers(store: &Store, query: EventQuery) -> Vec<String> {
    store
        .events(&query)
        .unwrap()
        .into_iter()
        .map(|e| e.trigger.text)
        .collect()
}

#[test]
fn every_event_field_round_trips() {
    let store = loaded();
    let events = store
        .events(&EventQuery {
            article: Some("a1".into()),
            ..EventQuery::default()
        })
        .unwrap();
    assert_eq!(events.len(), 2);
    let shelled = &events[0];
    let original = &corpus()[0].events[0];
    assert_eq!(shelled.source, original.source);
    assert_eq!(shelled.target, original.target);
    assert_eq!(shelled.target.as_ref().unwrap(), &actor("UKR"));
    assert_eq!(shelled.trigger, original.trigger);
    assert_eq!(shelled.location, original.location);
    assert_eq!(
        (
            shelled.code.as_str(),
            shelled.root.as_str(),
            shelled.goldstein,
            shelled.quad_class
        ),
        ("190", "19", -10.0, 4)
    );
    assert_eq!(shelled.plover.as_deref(), Some("ASSAULT"));
    assert_eq!((shelled.negated, shelled.factual, shelled.quote), (false, true, None));
    assert_eq!(shelled.rule, "test rule");
    assert_eq!(
        (shelled.coder_version.as_str(), shelled.dictionary_set.as_str()),
        ("test-1", "builtin")
    );
    assert_eq!(shelled.date.as_deref(), Some("2022-02-10"));
    assert_eq!(shelled.publisher.as_deref(), Some("Test Wire"));
    assert_eq!(shelled.paragraph, Some(0));
    let text = corpus()[0].text.clone().unwrap();
    assert_eq!(&text[shelled.trigger.start..shelled.trigger.end], "shelled");
    let counts = store.counts().unwrap();
    assert_eq!(
        (counts.articles, counts.events, counts.quotes, counts.sentences),
        (5, 8, 2, 10)
    );
}

#[test]
fn event_filters() {
    let store = loaded();
    let q = EventQuery::default;
    assert_eq!(triggers(&store, q()).len(), 8);
    assert_eq!(
        triggers(
            &store,
            EventQuery {
                source: Some("RUS".into()),
                ..q()
            }
        ),
        ["shelled", "threatened", "impose"]
    );
    assert_eq!(
        triggers(
            &store,
            EventQuery {
                source: Some("RUSMIL".into()),
                ..q()
            }
        ),
        ["shelled"]
    );
    assert_eq!(
        triggers(
            &store,
            EventQuery {
                target: Some("UKR".into()),
                ..q()
            }
        ),
        ["shelled", "threatened", "impose"]
    );
    assert_eq!(
        triggers(
            &store,
            EventQuery {
                target: Some("NATO".into()),
                ..q()
            }
        ),
        ["thanked"]
    );
    assert_eq!(
        triggers(
            &store,
            EventQuery {
                dyad: Some(("RUS".into(), "UKR".into())),
                ..q()
            }
        ),
        ["shelled", "demanded", "attacked", "threatened", "impose"]
    );
    assert_eq!(
        triggers(
            &store,
            EventQuery {
                since: Some("2022-03-01".into()),
                ..q()
            }
        ),
        ["attacked", "threatened", "impose", "met"]
    );
    assert_eq!(
        triggers(
            &store,
            EventQuery {
                until: Some("2022-02-15".into()),
                ..q()
            }
        ),
        ["shelled", "demanded"]
    );
    assert_eq!(
        triggers(
            &store,
            EventQuery {
                root: Some((14, 20)),
                ..q()
            }
        ),
        ["shelled", "attacked", "impose", "attack"]
    );
    assert_eq!(
        triggers(
            &store,
            EventQuery {
                root: Some((19, 19)),
                ..q()
            }
        ),
        ["shelled", "attacked", "attack"]
    );
    assert_eq!(
        triggers(
            &store,
            EventQuery {
                plover: Some("assault".into()),
                ..q()
            }
        ),
        ["shelled", "attacked"]
    );
    assert_eq!(
        triggers(&store, EventQuery { quad: Some(4), ..q() }),
        ["shelled", "attacked", "impose", "attack"]
    );
    assert_eq!(triggers(&store, EventQuery { factual: true, ..q() }).len(), 7);
    assert!(!triggers(&store, EventQuery { factual: true, ..q() }).contains(&"impose".to_string()));
    assert_eq!(
        triggers(
            &store,
            EventQuery {
                exclude_negated: true,
                ..q()
            }
        )
        .len(),
        7
    );
    assert_eq!(
        triggers(&store, EventQuery { limit: Some(2), ..q() }),
        ["shelled", "demanded"]
    );
    // Filters combine.
    assert_eq!(
        triggers(
            &store,
            EventQuery {
                dyad: Some(("UKR".into(), "RUS".into())),
                quad: Some(4),
                factual: true,
                ..q()
            }
        ),
        ["shelled", "attacked"]
    );
    assert!(
        triggers(
            &store,
            EventQuery {
                source: Some("XYZ".into()),
                ..q()
            }
        )
        .is_empty()
    );
}

#[test]
fn quote_filters() {
    let store = loaded();
    let texts =
        |query: QuoteQuery| -> Vec<String> { store.quotes(&query).unwrap().into_iter().map(|q| q.text).collect() };
    let q = QuoteQuery::default;
    assert_eq!(texts(q()).len(), 2);
    assert_eq!(
        texts(QuoteQuery {
            speaker: Some("stoltenberg".into()),
            ..q()
        }),
        ["Our open-door policy stands,"]
    );
    assert_eq!(
        texts(QuoteQuery {
            actor: Some("NATO".into()),
            ..q()
        }),
        ["Our open-door policy stands,"]
    );
    assert_eq!(
        texts(QuoteQuery {
            actor: Some("UKR".into()),
            ..q()
        }),
        ["We will not give up our land,"]
    );
    assert_eq!(
        texts(QuoteQuery {
            since: Some("2022-02-15".into()),
            ..q()
        }),
        ["Our open-door policy stands,"]
    );
    assert_eq!(
        texts(QuoteQuery {
            until: Some("2022-02-15".into()),
            ..q()
        }),
        ["We will not give up our land,"]
    );
    assert_eq!(
        texts(QuoteQuery {
            text: Some("lands".into()),
            ..q()
        }),
        ["We will not give up our land,"]
    );
    assert_eq!(
        texts(QuoteQuery {
            text: Some("open-door".into()),
            ..q()
        }),
        ["Our open-door policy stands,"]
    );
    // --text searches the quote, not the speaker's name.
    assert!(
        texts(QuoteQuery {
            text: Some("Stoltenberg".into()),
            ..q()
        })
        .is_empty()
    );
    let rows = store
        .quotes(&QuoteQuery {
            speaker: Some("Kuleba".into()),
            ..q()
        })
        .unwrap();
    assert_eq!(rows[0].speaker_name.as_deref(), Some("Dmytro Kuleba"));
    assert_eq!(rows[0].article_id, "a1");
    assert_eq!(rows[0].speaker_code.as_deref(), Some("UKRGOV"));
}

#[test]
fn search_ranks_articles_and_quotes_with_snippets() {
    let store = loaded();
    let hits = store.search(&SearchQuery::new("open-door policy")).unwrap();
    assert_eq!(hits.len(), 2, "{hits:#?}");
    assert!(hits.iter().all(|h| h.article_id == "a2"));
    let article_hit = hits.iter().find(|h| h.kind == "article").unwrap();
    assert_eq!(
        article_hit.title.as_deref(),
        Some("Alliance repeats its open-door policy")
    );
    assert!(
        article_hit.snippet.contains("[open-door] [policy]"),
        "{}",
        article_hit.snippet
    );
    let quote_hit = hits.iter().find(|h| h.kind == "quote").unwrap();
    assert_eq!(quote_hit.title.as_deref(), Some("Jens Stoltenberg"));
    assert!(quote_hit.snippet.contains("[policy]"), "{}", quote_hit.snippet);
    // Stemming: "shelling" finds "shelled"; ranking puts the better match first.
    let hits = store.search(&SearchQuery::new("shelling")).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].article_id, "a1");
    let hits = store.search(&SearchQuery::new("Russian OR alliance")).unwrap();
    let ids: Vec<&str> = hits.iter().map(|h| h.article_id.as_str()).collect();
    assert!(
        ids.contains(&"a1") && ids.contains(&"a2") && ids.contains(&"a3"),
        "{ids:?}"
    );
    assert!(hits.windows(2).all(|w| w[0].score <= w[1].score));
    // Punctuation does not break the query; a dangling operator is refused.
    assert!(store.search(&SearchQuery::new("\"U.S.\" treaty")).unwrap().is_empty());
    assert!(store.search(&SearchQuery::new("\"U.S.\" AND")).is_err());
    assert!(store.search(&SearchQuery::new("  ")).is_err());
    let custom = SearchQuery {
        highlight: ("<b>".into(), "</b>".into()),
        ..SearchQuery::new("Kharkiv")
    };
    assert!(store.search(&custom).unwrap()[0].snippet.contains("<b>Kharkiv</b>"));
}

#[test]
fn ingest_is_idempotent() {
    let mut store = loaded();
    let before = store.counts().unwrap();
    let again = store
        .ingest_batch(&corpus(), &Coding::new("test-1", "builtin", "gdelt"))
        .unwrap();
    assert_eq!((again.inserted, again.replaced, again.unchanged), (0, 0, 5));
    assert_eq!(store.counts().unwrap(), before);
    // The same text under another id (another outlet's copy) is kept with its own metadata, linked to the
    // first copy, and counted once by queries.
    let mut renamed = corpus()[3].clone();
    renamed.id = "a4-again".into();
    renamed.source = Some("Other Wire".into());
    renamed.date = Some("2022-03-30".into());
    let summary = store
        .ingest_batch(&[renamed], &Coding::new("test-1", "builtin", "gdelt"))
        .unwrap();
    assert_eq!(
        (summary.same_text, summary.inserted, summary.near_duplicates),
        (1, 1, 0)
    );
    let after = store.counts().unwrap();
    assert_eq!(
        (after.articles, after.duplicates),
        (before.articles + 1, before.duplicates + 1)
    );
    let (link, source, date): (Option<String>, Option<String>, Option<String>) = store
        .connection()
        .query_row(
            "SELECT duplicate_of, source, date FROM articles WHERE id = 'a4-again'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(link.as_deref(), Some("a4"));
    assert_eq!(source.as_deref(), Some("Other Wire"));
    assert_eq!(date.as_deref(), Some("2022-03-30"));
    assert_eq!(
        store.events(&EventQuery::default()).unwrap().len(),
        before.events as usize,
        "the copy's events do not count twice"
    );
    // Ingesting the copy again changes nothing.
    let mut renamed = corpus()[3].clone();
    renamed.id = "a4-again".into();
    renamed.source = Some("Other Wire".into());
    renamed.date = Some("2022-03-30".into());
    let summary = store
        .ingest_batch(&[renamed], &Coding::new("test-1", "builtin", "gdelt"))
        .unwrap();
    assert_eq!(summary.unchanged, 1);
    // The same article twice in one batch is stored once.
    let mut fresh = Store::open_in_memory().unwrap();
    let twice = vec![corpus()[0].clone(), corpus()[0].clone()];
    let summary = fresh
        .ingest_batch(&twice, &Coding::new("test-1", "builtin", "gdelt"))
        .unwrap();
    assert_eq!((summary.inserted, summary.unchanged), (1, 1));
    assert_eq!(fresh.counts().unwrap().events, 2);
    assert_eq!(fresh.integrity_check().unwrap(), "ok");
}

#[test]
fn changed_text_replaces_old_coding() {
    let mut store = loaded();
    let changed = article(
        "a4",
        Some("2022-03-21"),
        "Spanish and Italian envoys signed a fisheries accord in Rome.",
    );
    let changed = with_event(changed, EventSpec::new("ESPGOV", "ITAGOV", "057", 8.0, 1, "signed"));
    let summary = store
        .ingest_batch(&[changed], &Coding::new("test-1", "builtin", "gdelt"))
        .unwrap();
    assert_eq!((summary.inserted, summary.replaced), (0, 1));
    let events = store
        .events(&EventQuery {
            article: Some("a4".into()),
            ..EventQuery::default()
        })
        .unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].trigger.text, "signed");
    assert_eq!(events[0].date.as_deref(), Some("2022-03-21"));
    assert_eq!(store.counts().unwrap().articles, 5);
    assert_eq!(store.counts().unwrap().sentences, 10);
    // The near-duplicate index holds the new signature only.
    let bands: i64 = store
        .connection()
        .query_row("SELECT count(*) FROM minhash_bands", [], |r| r.get(0))
        .unwrap();
    assert_eq!(bands, 32 * 5);
    let signatures: i64 = store
        .connection()
        .query_row("SELECT count(*) FROM signatures", [], |r| r.get(0))
        .unwrap();
    assert_eq!(signatures, 5);
    // The full-text index follows the new text.
    assert!(store.search(&SearchQuery::new("grain")).unwrap().is_empty());
    assert_eq!(
        store.search(&SearchQuery::new("fisheries")).unwrap()[0].article_id,
        "a4"
    );
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

#[test]
fn recode_replaces_coding_and_records_the_dictionary_set() {
    let mut store = loaded();
    // A "new dictionary" that codes every article with one cooperative event on its first word.
    let summary = store
        .recode(2, &Coding::new("test-2", "dict-b", "icews"), |a| {
            let first = a.text.split(' ').next().unwrap().to_string();
            let mut coded = article(&a.id, a.date.as_deref(), &a.text);
            coded.title = a.title.clone();
            with_event(coded, EventSpec::new("USAGOV", "CANGOV", "042", 1.9, 1, &first))
        })
        .unwrap();
    assert_eq!(summary.replaced, 5);
    let events = store.events(&EventQuery::default()).unwrap();
    assert_eq!(events.len(), 5);
    assert!(events.iter().all(|e| e.code == "042"
        && e.dictionary_set == "dict-b"
        && e.coder_version == "test-2"
        && e.goldstein_table.as_deref() == Some("icews")));
    assert_eq!(
        store.pending_recode().unwrap(),
        None,
        "a finished re-coding leaves nothing to resume"
    );
    // Titles survive re-coding.
    assert_eq!(store.search(&SearchQuery::new("repeats")).unwrap()[0].article_id, "a2");
    // Ingesting with the old dictionary set replaces again; with the same set it is a no-op.
    let again = store
        .ingest_batch(&corpus(), &Coding::new("test-1", "builtin", "gdelt"))
        .unwrap();
    assert_eq!(again.unchanged, 0);
    assert_eq!(again.replaced, 5);
    assert_eq!(store.events(&EventQuery::default()).unwrap().len(), 8);
    assert_eq!(
        store
            .ingest_batch(&corpus(), &Coding::new("test-1", "builtin", "gdelt"))
            .unwrap()
            .unchanged,
        5
    );
    let pages = store.articles_after(0, 3).unwrap();
    assert_eq!(pages.len(), 3);
    assert_eq!(store.articles_after(pages[2].0, 3).unwrap().len(), 2);
}

const WIRE: &str = "Foreign ministers from eleven countries met in a lakeside town on Tuesday to discuss deliveries \
    of air defence systems before the winter. The talks lasted six hours and ended with a joint statement that \
    promised more shipments before December. Officials said the shipments would include radar units, spare parts \
    and training for crews. One minister told reporters that the meeting had been difficult but useful, and that \
    another session was planned for the spring.";

#[test]
fn near_duplicates_link_to_the_first_copy_and_count_once() {
    let mut store = Store::open_in_memory().unwrap();
    let first = with_event(
        article("wire-1", Some("2022-05-03"), WIRE),
        EventSpec::new("FRAGOV", "UKRGOV", "057", 8.0, 1, "promised"),
    );
    let edited_text = WIRE
        .replace("on Tuesday", "on Tuesday evening")
        .replace("six hours", "nearly seven hours")
        .replace("One minister told reporters", "A senior minister told journalists");
    let edited = with_event(
        article("wire-2", Some("2022-05-04"), &edited_text),
        EventSpec::new("FRAGOV", "UKRGOV", "057", 8.0, 1, "promised"),
    );
    let copy_of_copy_text = edited_text.replace("before the winter", "before the cold season");
    let copy_of_copy = with_event(
        article("wire-3", Some("2022-05-04"), &copy_of_copy_text),
        EventSpec::new("FRAGOV", "UKRGOV", "057", 8.0, 1, "promised"),
    );
    let other = with_event(
        article(
            "other",
            Some("2022-05-04"),
            "Foreign ministers from eleven countries will meet again in June, a spokesman said on Friday. Farmers \
             blocked roads near the capital to protest against new rules on water use, and police said the \
             protest stayed peaceful while the ministry promised talks with the unions next week.",
        ),
        EventSpec::new("FRAGOV", "UKRGOV", "057", 8.0, 1, "promised"),
    );
    let summary = store
        .ingest_batch(&[first, edited], &Coding::new("t", "d", "gdelt"))
        .unwrap();
    assert_eq!(summary.near_duplicates, 1);
    let summary = store
        .ingest_batch(&[copy_of_copy, other], &Coding::new("t", "d", "gdelt"))
        .unwrap();
    assert_eq!(summary.near_duplicates, 1);
    let links: Vec<(String, Option<String>)> = {
        let mut stmt = store
            .connection()
            .prepare("SELECT id, duplicate_of FROM articles ORDER BY pk")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(
        links,
        [
            ("wire-1".to_string(), None),
            ("wire-2".to_string(), Some("wire-1".to_string())),
            ("wire-3".to_string(), Some("wire-1".to_string())),
            ("other".to_string(), None),
        ]
    );
    assert_eq!(store.counts().unwrap().duplicates, 2);
    let counted = store.events(&EventQuery::default()).unwrap();
    assert_eq!(
        counted.iter().map(|e| e.article_id.as_str()).collect::<Vec<_>>(),
        ["wire-1", "other"]
    );
    let all = store
        .events(&EventQuery {
            include_duplicates: true,
            ..EventQuery::default()
        })
        .unwrap();
    assert_eq!(all.len(), 4);
    assert_eq!(
        all.iter()
            .filter(|e| e.duplicate_of.as_deref() == Some("wire-1"))
            .count(),
        2
    );
    let with_dups = SearchQuery {
        include_duplicates: true,
        ..SearchQuery::new("lakeside")
    };
    assert_eq!(store.search(&with_dups).unwrap().len(), 3);
    assert_eq!(store.search(&SearchQuery::new("lakeside")).unwrap().len(), 1);
    // When the first copy's text changes into another story, its copies are looked up again: wire-3 is
    // still a copy of wire-2, which is now the first copy.
    let rewritten = article(
        "wire-1",
        Some("2022-05-03"),
        "Port workers in three coastal cities began a two-day strike over pay, and ferry services were cancelled.",
    );
    assert_eq!(
        store
            .ingest_batch(&[rewritten], &Coding::new("t", "d", "gdelt"))
            .unwrap()
            .replaced,
        1
    );
    let links: Vec<(String, Option<String>)> = {
        let mut stmt = store
            .connection()
            .prepare("SELECT id, duplicate_of FROM articles ORDER BY pk")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(links[1], ("wire-2".to_string(), None));
    assert_eq!(links[2], ("wire-3".to_string(), Some("wire-2".to_string())));
    // Search shows the first copy only, unless asked.
    let hits = store.search(&SearchQuery::new("lakeside")).unwrap();
    assert_eq!(
        hits.iter().map(|h| h.article_id.as_str()).collect::<Vec<_>>(),
        ["wire-2"]
    );
    let with_dups = SearchQuery {
        include_duplicates: true,
        ..SearchQuery::new("lakeside")
    };
    assert_eq!(store.search(&with_dups).unwrap().len(), 2);
}

#[test]
fn migrates_a_v1_database_forward() {
    let dir = temp_dir("migrate");
    let path = dir.join("old.db");
    {
        let store = Store::open_at_version(&path, 1).unwrap();
        assert_eq!(store.schema_version().unwrap(), 1);
        let conn = store.connection();
        // What a v1 detente wrote: an article and an event, no FTS, no signatures.
        conn.execute(
            "INSERT INTO articles (id, source, date, title, text_hash, text, coder_version, dictionary_set, \
             ingested_at) VALUES ('old-1', 'Old Wire', '2021-11-02', 'Envoys meet', 'h1', ?1, 'v1', 'builtin', 0)",
            [WIRE],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO events (article, idx, date, sentence, source_code, source_country, target_code, \
             target_country, code, root, name, goldstein, quad_class, negated, factual, trigger_start, \
             trigger_end, trigger_text, rule, coder_version, dictionary_set) VALUES (1, 0, '2021-11-02', 0, \
             'FRAGOV', 'FRA', 'UKRGOV', 'UKR', '040', '04', 'Consult', 1.0, 1, 0, 1, 17, 20, 'met', 'r', 'v1', \
             'builtin')",
            [],
        )
        .unwrap();
        assert!(conn.prepare("SELECT * FROM articles_fts").is_err(), "no FTS at v1");
    }
    {
        // Step by step: v1 → v2, then v2 → v3 by a normal open.
        let store = Store::open_at_version(&path, 2).unwrap();
        assert_eq!(store.schema_version().unwrap(), 2);
        assert_eq!(
            store.search(&SearchQuery::new("lakeside")).unwrap()[0].article_id,
            "old-1"
        );
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), schema::SCHEMA_VERSION);
    assert_eq!(store.schema_version().unwrap(), 5);
    let events = store
        .events(&EventQuery {
            dyad: Some(("FRA".into(), "UKR".into())),
            ..EventQuery::default()
        })
        .unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].article_id, "old-1");
    assert_eq!(events[0].location, None, "v4's location column is empty for old rows");
    let signatures: i64 = store
        .connection()
        .query_row("SELECT count(*) FROM signatures", [], |r| r.get(0))
        .unwrap();
    assert_eq!(signatures, 1, "v3 computes signatures of stored articles");
    // The backfilled signature finds near-duplicates of old articles.
    let copy = article("new-1", Some("2021-11-03"), &WIRE.replace("six hours", "five hours"));
    assert_eq!(
        store
            .ingest_batch(&[copy], &Coding::new("v2", "builtin", "gdelt"))
            .unwrap()
            .near_duplicates,
        1
    );
    assert_eq!(store.integrity_check().unwrap(), "ok");
    drop(store);
    // A database from a newer detente is refused, not damaged.
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let err = Store::open(&path).err().expect("too new");
    assert!(err.to_string().contains("newer"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_full_disk_gives_a_clear_error_and_keeps_the_database() {
    let dir = temp_dir("full");
    let path = dir.join("full.db");
    let mut store = Store::open(&path).unwrap();
    store.ingest_batch(&corpus(), &Coding::new("t", "d", "gdelt")).unwrap();
    let pages: i64 = store
        .connection()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    // SQLite's page limit makes the file "full" exactly as a full disk does (SQLITE_FULL).
    store.connection().pragma_update(None, "max_page_count", pages).unwrap();
    let big: Vec<CodedArticle> = (0..200)
        .map(|i| {
            article(
                &format!("big-{i}"),
                Some("2022-06-01"),
                &format!("Delegation {i} arrived. {}", "word ".repeat(400)),
            )
        })
        .collect();
    let err = store
        .ingest_batch(&big, &Coding::new("t", "d", "gdelt"))
        .expect_err("the disk is full");
    assert!(matches!(err, detente_store::Error::DiskFull { .. }), "{err:?}");
    assert!(
        err.to_string().contains("disk is full") && err.to_string().contains("full.db"),
        "{err}"
    );
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    assert_eq!(
        store.counts().unwrap().articles,
        5,
        "the failed batch left nothing behind"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn processes_opening_a_new_database_at_once_migrate_it_once() {
    let dir = temp_dir("race");
    let path = dir.join("race.db");
    let threads: Vec<_> = (0..4)
        .map(|i| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&path).unwrap();
                let a = article(
                    &format!("t{i}"),
                    None,
                    &format!("Envoy number {i} arrived on a quiet morning."),
                );
                store.ingest_batch(&[a], &Coding::new("t", "d", "gdelt")).unwrap();
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), schema::SCHEMA_VERSION);
    assert_eq!(store.counts().unwrap().articles, 4);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn read_only_open_requires_an_existing_database() {
    let dir = temp_dir("missing");
    let err = Store::open_read_only(dir.join("nothing.db")).err().expect("missing");
    assert!(err.to_string().contains("does not exist"), "{err}");
    let path = dir.join("x.db");
    Store::open(&path)
        .unwrap()
        .ingest_batch(&corpus(), &Coding::new("t", "d", "gdelt"))
        .unwrap();
    let store = Store::open_read_only(&path).unwrap();
    assert_eq!(store.events(&EventQuery::default()).unwrap().len(), 8);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn search_operators_do_what_they_say() {
    let mut store = loaded();
    let a = article(
        "r1",
        Some("2022-04-02"),
        "Senator Rubio criticised the budget. Russians queued at the border.",
    );
    store.ingest_batch(&[a], &Coding::new("t", "d", "gdelt")).unwrap();
    let ids = |q: &str| -> Vec<String> {
        let mut ids: Vec<String> = store
            .search(&SearchQuery::new(q))
            .unwrap()
            .into_iter()
            .map(|h| h.article_id)
            .collect();
        ids.sort();
        ids.dedup();
        ids
    };
    // A prefix finds words that begin with it (Russian, Russians), not words whose stem does (Rubio).
    assert_eq!(ids("Rus*"), ["a1", "a3", "r1"]);
    assert_eq!(ids("Rub*"), ["r1"]);
    // Left-out words are left out.
    assert_eq!(ids("Kharkiv OR border -convoy"), ["a1", "r1"]);
    assert!(
        ids("Kharkiv OR border -Russian").is_empty(),
        "Russian and Russians are left out"
    );
    assert_eq!(ids("border NOT convoy"), ["r1"]);
    assert_eq!(ids("border -convoy"), ["r1"]);
    for refused in ["NOT Russia", "-Russia", "Russia AND", "Ru.s*"] {
        assert!(store.search(&SearchQuery::new(refused)).is_err(), "{refused}");
    }
    // A thousand repeated words are one word.
    let repeated = vec!["Kharkiv"; 1000].join(" ");
    assert_eq!(ids(&repeated), ["a1"]);
    let quotes = store
        .quotes(&QuoteQuery {
            text: Some("lan*".into()),
            ..QuoteQuery::default()
        })
        .unwrap();
    assert_eq!(quotes.len(), 1, "prefixes work in quote searches too");
}

#[test]
fn queries_work_where_sqlite_cannot_write_beside_the_database() {
    let dir = temp_dir("read-only-dir");
    let path = dir.join("t.db");
    Store::open(&path)
        .unwrap()
        .ingest_batch(&corpus(), &Coding::new("t", "d", "gdelt"))
        .unwrap();
    assert!(!dir.join("t.db-shm").exists(), "a closed database leaves no WAL index");
    // A reader of a WAL database must create t.db-shm; here it cannot (as in a read-only directory, which
    // root would still write to).
    std::fs::create_dir(dir.join("t.db-shm")).unwrap();
    let store = Store::open_read_only(&path).unwrap();
    assert_eq!(store.events(&EventQuery::default()).unwrap().len(), 8);
    assert_eq!(store.search(&SearchQuery::new("Rus*")).unwrap().len(), 2);
    drop(store);
    std::fs::remove_dir(dir.join("t.db-shm")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
        let can_write = std::fs::write(dir.join("probe"), "x").is_ok();
        if !can_write {
            // Not root: the directory really is read-only.
            let store = Store::open_read_only(&path).unwrap();
            assert_eq!(store.events(&EventQuery::default()).unwrap().len(), 8);
        }
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn events_by_code_actor_name_and_newest_first() {
    let store = loaded();
    let codes = |q: EventQuery| -> Vec<String> { store.events(&q).unwrap().into_iter().map(|e| e.code).collect() };
    assert_eq!(
        codes(EventQuery {
            code: Some("19".into()),
            ..EventQuery::default()
        }),
        ["190", "190", "190"]
    );
    assert_eq!(
        codes(EventQuery {
            code: Some("163".into()),
            ..EventQuery::default()
        }),
        ["163"]
    );
    // A country name is its code, either side with --actor.
    let by_name = store
        .events(&EventQuery {
            actor: Some("Ukraine".into()),
            ..EventQuery::default()
        })
        .unwrap();
    let by_code = store
        .events(&EventQuery {
            actor: Some("UKR".into()),
            ..EventQuery::default()
        })
        .unwrap();
    assert_eq!(by_name, by_code);
    assert_eq!(by_code.len(), 6);
    let dated: Vec<Option<String>> = store
        .events(&EventQuery {
            newest_first: true,
            ..EventQuery::default()
        })
        .unwrap()
        .into_iter()
        .map(|e| e.date)
        .collect();
    assert_eq!(dated.first().unwrap().as_deref(), Some("2022-03-20"));
    assert_eq!(dated.last().unwrap().as_deref(), None, "undated last");
    assert_eq!(store.count_events(&EventQuery::default()).unwrap(), 8);
}

#[test]
fn an_interrupted_recode_resumes_and_records_its_coding() {
    let mut store = loaded();
    let coding = Coding::new("test-2", "dict-b", "phoenix");
    let recode = |a: &detente_records::Article| {
        let first = a.text.split(' ').next().unwrap().to_string();
        with_event(
            article(&a.id, a.date.as_deref(), &a.text),
            EventSpec::new("USAGOV", "CANGOV", "042", 1.9, 1, &first),
        )
    };
    // A run that stops after its first page of two articles.
    let mut run = store.start_recode(&coding).unwrap();
    assert!(!run.resumed);
    let page = store.articles_after(run.after, 2).unwrap();
    let coded: Vec<CodedArticle> = page.iter().map(|(_, a)| recode(a)).collect();
    store.recode_page(&mut run, &page, &coded).unwrap();
    drop(run);
    assert_eq!(store.pending_recode().unwrap(), Some(coding.clone()));
    let stats = store.stats(5).unwrap();
    assert_eq!(stats.codings.len(), 2, "two codings in the store: {:?}", stats.codings);
    let tables: Vec<Option<String>> = store
        .events(&EventQuery::default())
        .unwrap()
        .into_iter()
        .map(|e| e.goldstein_table)
        .collect();
    assert!(tables.contains(&Some("phoenix".into())) && tables.contains(&Some("gdelt".into())));
    // The next run with the same coding goes on from the third article.
    let run = store.start_recode(&coding).unwrap();
    assert!(run.resumed);
    assert_eq!((run.done, run.total), (2, 5));
    drop(run);
    let mut seen = Vec::new();
    store
        .recode(2, &coding, |a| {
            seen.push(a.id.clone());
            recode(a)
        })
        .unwrap();
    assert_eq!(seen, ["a3", "a4", "a5"]);
    assert_eq!(store.pending_recode().unwrap(), None);
    let stats = store.stats(5).unwrap();
    assert_eq!(stats.codings.len(), 1);
    assert_eq!(stats.codings[0].coding, coding);
    // A run with another coding starts over.
    let other = Coding::new("test-3", "dict-c", "gdelt");
    let run = store.start_recode(&other).unwrap();
    assert_eq!((run.after, run.resumed), (0, false));
}

#[test]
fn stats_summarise_the_store() {
    let store = loaded();
    let stats = store.stats(2).unwrap();
    assert_eq!((stats.articles, stats.events, stats.quotes), (5, 8, 2));
    assert_eq!(stats.negated_events, 1);
    assert_eq!(stats.first_date.as_deref(), Some("2022-02-10"));
    assert_eq!(stats.last_date.as_deref(), Some("2022-03-20"));
    assert_eq!((stats.undated_articles, stats.undated_events), (1, 1));
    assert_eq!(stats.top_dyads.len(), 2);
    assert_eq!(
        (
            stats.top_dyads[0].source.as_str(),
            stats.top_dyads[0].target.as_str(),
            stats.top_dyads[0].events
        ),
        ("RUS", "UKR", 3)
    );
    assert_eq!(store.articles_per_day(false).unwrap().len(), 4);
}

#[test]
fn events_filter_by_location_country_and_distance() {
    let store = loaded();
    let located = |query: EventQuery| -> Vec<String> {
        store
            .events(&query)
            .unwrap()
            .into_iter()
            .map(|e| e.location.map(|l| l.name).unwrap_or_default())
            .collect()
    };
    let all = located(EventQuery::default());
    let with_place = all.iter().filter(|n| !n.is_empty()).count();
    assert!(with_place >= 1 && with_place < all.len(), "{all:?}");
    let in_ukraine = located(EventQuery {
        country: Some("ukr".into()),
        ..EventQuery::default()
    });
    assert_eq!(in_ukraine.len(), with_place);
    assert!(in_ukraine.iter().all(|n| n == "Kharkiv"));
    assert!(
        located(EventQuery {
            country: Some("POL".into()),
            ..EventQuery::default()
        })
        .is_empty()
    );
    // Kyiv is ~410 km from Kharkiv.
    let near = |spec: &str| {
        located(EventQuery {
            near: Some(detente_store::Near::parse(spec).unwrap()),
            ..EventQuery::default()
        })
    };
    assert_eq!(near("50.45,30.52,450km").len(), with_place);
    assert!(near("50.45,30.52,350km").is_empty());
    assert_eq!(near("50.45,30.52,300mi").len(), with_place);
    let limited = located(EventQuery {
        near: Some(detente_store::Near::parse("49.99,36.23,5").unwrap()),
        limit: Some(1),
        ..EventQuery::default()
    });
    assert_eq!(limited.len(), 1.min(with_place));
    // Pages apply the distance test too: Kharkiv lies inside this point's bounding box (2.5° of latitude and
    // 3.5° of longitude away) but ~370 km from it, outside the 300 km circle.
    let page = |spec: &str| {
        let query = EventQuery {
            near: Some(detente_store::Near::parse(spec).unwrap()),
            ..EventQuery::default()
        };
        store.events_page(&query, None, 10).unwrap().items.len()
    };
    assert_eq!(page("52.49,39.73,300km"), 0);
    assert_eq!(page("52.49,39.73,400km"), with_place);
    for bad in ["50.45,30.52", "95,30,10km", "50,30,-5km", "50,x,10km"] {
        assert!(detente_store::Near::parse(bad).is_err(), "{bad}");
    }
}
