//! The reads the service needs: pages with cursors, a stored article back as coded, actor profiles,
//! busiest dyads, latest articles, and the events version. Texts written for these tests.

mod common;

use common::{EventSpec, article, with_event, with_quote};
use detente_records::{Actor, CodedArticle, Mention, MentionKind, Resolution};
use detente_store::{Cursor, EventQuery, QuoteQuery, Store};

fn mention(text: &str, word: &str, code: &str, kind: MentionKind, via: Resolution) -> Mention {
    let start = text.find(word).expect("word in text");
    let actor = common::actor(code);
    Mention {
        start,
        end: start + word.len(),
        text: word.into(),
        actor: Actor {
            name: (kind == MentionKind::Person).then(|| word.to_string()),
            ..actor
        },
        via,
        kind,
        entity: 3,
        gender: (kind == MentionKind::Person).then_some('f'),
        plural: kind == MentionKind::Role,
    }
}

fn harbour_article() -> CodedArticle {
    let text = "Vessels of Ruritania shelled the harbour of Osterlich. Minister Alda Brenn said: \"We will answer.\" \
                Osterlich officials met envoys of Ruritania.";
    let mut a = article("harbour-1", Some("2023-05-02"), text);
    a.title = Some("Harbour shelled".into());
    a = with_event(a, EventSpec::new("RUSMIL", "UKR", "190", -10.0, 4, "shelled"));
    a = with_event(a, EventSpec::new("UKRGOV", "RUS", "040", 1.0, 1, "met"));
    a = with_quote(a, "We will answer.", "Alda Brenn", "UKRGOV");
    a.mentions = vec![
        mention(text, "Ruritania", "RUS", MentionKind::Country, Resolution::Dictionary),
        mention(text, "Alda Brenn", "UKRGOV", MentionKind::Person, Resolution::Title),
        mention(
            text,
            "Osterlich officials",
            "UKRGOV",
            MentionKind::Role,
            Resolution::Coreference,
        ),
    ];
    a
}

/// Twelve articles over four dates (one undated), each with one RUS→UKR event and one quote.
fn many() -> Vec<CodedArticle> {
    let dates = [Some("2023-01-01"), Some("2023-01-02"), None, Some("2023-01-02")];
    (0..12)
        .map(|i| {
            let text = format!("Gunners of the north shelled village number {i}. A mayor said: \"Day {i} was hard.\"");
            let a = article(&format!("v{i:02}"), dates[i % 4], &text);
            let a = with_event(a, EventSpec::new("RUSMIL", "UKR", "190", -10.0, 4, "shelled"));
            with_quote(a, &format!("Day {i} was hard."), "A mayor", "UKRGOV")
        })
        .collect()
}

fn coding() -> detente_store::Coding {
    detente_store::Coding::new("test", "builtin", "gdelt")
}

fn store_with(articles: &[CodedArticle]) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    store.ingest_batch(articles, &coding()).unwrap();
    store
}

#[test]
fn a_stored_article_comes_back_as_it_was_coded() {
    let original = harbour_article();
    let store = store_with(std::slice::from_ref(&original));
    let stored = store.coded_article("harbour-1").unwrap().expect("stored");
    assert_eq!(stored.article, original);
    assert_eq!(stored.coder_version, "test");
    assert_eq!(stored.duplicate_of, None);
    assert!(store.coded_article("no-such-id").unwrap().is_none());
    assert!(store.coded_article("harbour-1' OR '1'='1").unwrap().is_none());
}

#[test]
fn event_pages_cover_every_event_once_in_order() {
    let store = store_with(&many());
    let all = store.events(&EventQuery::default()).unwrap();
    assert_eq!(all.len(), 12);
    for size in [1, 5, 12, 20] {
        let mut seen = Vec::new();
        let mut after: Option<Cursor> = None;
        let mut pages = 0;
        loop {
            let page = store.events_page(&EventQuery::default(), after.as_ref(), size).unwrap();
            assert!(page.items.len() <= size);
            seen.extend(page.items.iter().map(|e| e.event_id));
            pages += 1;
            match page.next {
                // A cursor survives being written out and read back, as it does over HTTP.
                Some(next) => after = Some(next.to_string().parse().unwrap()),
                None => break,
            }
        }
        let expected: Vec<i64> = all.iter().map(|e| e.event_id).collect();
        assert_eq!(seen, expected, "page size {size}");
        assert_eq!(pages, 12usize.div_ceil(size).max(1), "page size {size}");
    }
    // Undated events come last, as in the full listing.
    let last = store.events_page(&EventQuery::default(), None, 12).unwrap();
    assert!(last.items.last().unwrap().date.is_none());
    assert!(last.items.first().unwrap().date.is_some());
}

#[test]
fn event_pages_keep_filters() {
    let mut articles = many();
    articles.push(with_event(
        article("other", Some("2023-01-01"), "Envoys of the east praised the west."),
        EventSpec::new("CHNGOV", "USA", "051", 3.4, 1, "praised"),
    ));
    let store = store_with(&articles);
    let query = EventQuery {
        dyad: Some(("CHN".into(), "USA".into())),
        ..EventQuery::default()
    };
    let page = store.events_page(&query, None, 5).unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].article_id, "other");
    assert!(page.next.is_none());
}

#[test]
fn quote_pages_cover_every_quote_once() {
    let store = store_with(&many());
    let all: Vec<i64> = store
        .quotes(&QuoteQuery::default())
        .unwrap()
        .iter()
        .map(|q| q.quote_id)
        .collect();
    assert_eq!(all.len(), 12);
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = store.quotes_page(&QuoteQuery::default(), after.as_ref(), 5).unwrap();
        seen.extend(page.items.iter().map(|q| q.quote_id));
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    assert_eq!(seen, all);
}

#[test]
fn actor_profiles_count_mentions_events_and_quotes() {
    let store = store_with(&[harbour_article()]);
    let profile = store.actor_profile("UKRGOV").unwrap().expect("known actor");
    assert_eq!(profile.country.as_deref(), Some("UKR"));
    assert_eq!(profile.role.as_deref(), Some("GOV"));
    assert_eq!(profile.mentions, 2);
    assert_eq!(profile.articles, 1);
    assert_eq!(profile.events_as_source, 1);
    assert_eq!(profile.events_as_target, 0);
    assert_eq!(profile.quotes, 1);
    let names: Vec<&str> = profile.names.iter().map(|n| n.name.as_str()).collect();
    assert!(
        names.contains(&"Alda Brenn") && names.contains(&"Osterlich officials"),
        "{names:?}"
    );
    assert_eq!(profile.partners.len(), 1);
    assert_eq!(profile.partners[0].name, "RUS");
    // Codes match exactly: a prefix is not the actor.
    assert!(
        store
            .actor_profile("UKR")
            .unwrap()
            .is_some_and(|p| p.events_as_target == 1)
    );
    assert!(store.actor_profile("UKRG").unwrap().is_none());
    assert!(store.actor_profile("%").unwrap().is_none());
}

#[test]
fn top_speakers_count_quotes() {
    let mut articles = many();
    articles.push(harbour_article());
    let store = store_with(&articles);
    let top = store.top_speakers(5).unwrap();
    assert_eq!(top[0].name, "A mayor");
    assert_eq!(top[0].count, 12);
    assert_eq!(top[1].name, "Alda Brenn");
    assert_eq!(store.top_speakers(1).unwrap().len(), 1);
}

#[test]
fn dyad_counts_group_by_country_and_merge_directions() {
    let store = store_with(&[harbour_article()]);
    let dyads = store.dyad_counts(10).unwrap();
    assert_eq!(dyads.len(), 1, "{dyads:?}");
    assert_eq!((dyads[0].a.as_str(), dyads[0].b.as_str()), ("RUS", "UKR"));
    assert_eq!(dyads[0].events, 2);
    assert_eq!(dyads[0].material_conflict, 1);
}

#[test]
fn latest_articles_come_newest_first_with_counts() {
    let mut articles = many();
    articles.push(harbour_article());
    let store = store_with(&articles);
    let latest = store.latest_articles(3).unwrap();
    assert_eq!(latest.len(), 3);
    assert_eq!(latest[0].id, "harbour-1");
    assert_eq!((latest[0].events, latest[0].quotes), (2, 1));
    assert_eq!(latest[1].date.as_deref(), Some("2023-01-02"));
    let one = store.article_summary("harbour-1").unwrap().unwrap();
    assert_eq!(one.title.as_deref(), Some("Harbour shelled"));
    assert_eq!(one.events, 2);
    assert!(store.article_summary("nope").unwrap().is_none());
}

#[test]
fn root_ranges_parse_or_explain() {
    use detente_store::query::parse_root_range;
    assert_eq!(parse_root_range("19").unwrap(), (19, 19));
    assert_eq!(parse_root_range("14..20").unwrap(), (14, 20));
    assert_eq!(parse_root_range("14-20").unwrap(), (14, 20));
    assert_eq!(parse_root_range("14..=20").unwrap(), (14, 20));
    for bad in ["0", "21", "20..14", "x", "19; DROP TABLE events", ""] {
        assert!(parse_root_range(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn the_data_version_changes_when_another_connection_commits() {
    let dir = std::env::temp_dir().join(format!("detente-store-version-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("v.db");
    let mut writer = Store::open(&path).unwrap();
    writer.ingest_batch(&many(), &coding()).unwrap();
    let watcher = Store::open_read_only(&path).unwrap();
    let before = watcher.data_version().unwrap();
    assert_eq!(watcher.data_version().unwrap(), before, "nothing committed");
    // Re-coding replaces rows with rows of the same count and keys: the version still moves.
    writer.replace_coding(&[harbour_article()], &coding()).unwrap();
    let after = watcher.data_version().unwrap();
    assert_ne!(after, before);
    writer.replace_coding(&[harbour_article()], &coding()).unwrap();
    assert_ne!(watcher.data_version().unwrap(), after);
    drop((writer, watcher));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Dyad queries answer the same whichever way the store finds the events (through the rarer actor's
/// indexes, or by reading every event when both actors are busy).
#[test]
fn dyad_queries_match_a_plain_filter_for_rare_and_busy_actors() {
    use detente_analysis::actor_matches;
    use detente_store::query::resolve_actor;
    let text = "Envoys met and troops fired.";
    // One busy article: 2,500 events of the USA with partners in turn, enough to pass the index probe's cap.
    let mut busy = article("busy", Some("2023-02-01"), text);
    for i in 0..2500 {
        let partner = ["RUS", "CHN", "LBY", "MEX", "GBR"][i % 5];
        let spec = if i % 2 == 0 {
            EventSpec::new("USAGOV", partner, "040", 1.0, 1, "met")
        } else {
            EventSpec::new(partner, "USAMIL", "190", -10.0, 4, "fired")
        };
        busy = with_event(busy, spec);
    }
    let mut articles = vec![busy];
    articles.extend(many());
    articles.push(with_event(
        article("rare", Some("2023-03-01"), "Envoys of the desert met the west."),
        EventSpec::new("LBYGOV", "USA", "040", 1.0, 1, "met"),
    ));
    let store = store_with(&articles);
    let all = store
        .events(&EventQuery {
            include_duplicates: true,
            ..EventQuery::default()
        })
        .unwrap();
    for (a, b) in [
        ("LBY", "USA"),
        ("USA", "LBY"),
        ("RUSMIL", "UKR"),
        ("USA", "RUS"),
        ("USA", "USA"),
        ("ZZZ", "USA"),
        ("usa", "mex"),
        ("Libya", "USA"),
        ("Mexico", "United States"),
    ] {
        let (ra, rb) = (resolve_actor(a), resolve_actor(b));
        let expected: Vec<i64> = all
            .iter()
            .filter(|e| {
                let Some(t) = &e.target else { return false };
                (actor_matches(&e.source, &ra) && actor_matches(t, &rb))
                    || (actor_matches(&e.source, &rb) && actor_matches(t, &ra))
            })
            .map(|e| e.event_id)
            .collect();
        let query = EventQuery {
            dyad: Some((a.into(), b.into())),
            include_duplicates: true,
            ..EventQuery::default()
        };
        let found: Vec<i64> = store.events(&query).unwrap().iter().map(|e| e.event_id).collect();
        assert_eq!(found, expected, "{a}–{b}");
        let page: Vec<i64> = store
            .events_page(&query, None, 7)
            .unwrap()
            .items
            .iter()
            .map(|e| e.event_id)
            .collect();
        assert_eq!(
            page,
            expected.iter().take(7).copied().collect::<Vec<_>>(),
            "{a}–{b} first page"
        );
    }
}
