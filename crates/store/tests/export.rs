//! Exports: every format's columns, what is left out and why, atomic output, partitions.

mod common;

use std::sync::atomic::AtomicBool;

use common::{EventSpec, article, corpus, loaded, temp_dir, with_event};
use detente_records::CodedArticle;
use detente_store::export::gdelt::{GDELT_COLUMNS, GdeltType};
use detente_store::export::icews::ICEWS_COLUMNS;
use detente_store::{Coding, Error, EventQuery, ExportFormat, ExportOptions, PartitionBy, Store};

fn tsv(path: &std::path::Path) -> (Vec<String>, Vec<Vec<String>>) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text
        .lines()
        .map(|l| l.split('\t').map(String::from).collect::<Vec<_>>());
    let header = lines.next().unwrap();
    (header, lines.collect())
}

fn csv_rows(path: &std::path::Path) -> (csv::StringRecord, Vec<csv::StringRecord>) {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let headers = reader.headers().unwrap().clone();
    (headers, reader.records().map(Result::unwrap).collect())
}

/// The store of [`corpus`] plus a second report of a1's shelling by another outlet, an event on the last day
/// of a year, and a near-duplicate copy of a4.
fn store_with_reports() -> Store {
    let mut store = loaded();
    let mut again = article(
        "b1",
        Some("2022-02-10"),
        "Artillery units of Russia shelled the edge of Kharkiv again, witnesses told a local radio station.",
    );
    again.source = Some("Second Wire".into());
    let again = with_event(again, EventSpec::new("RUSMIL", "UKR", "190", -10.0, 4, "shelled"));
    let new_year = article(
        "c1",
        Some("2021-12-31"),
        "Belgian police arrested three activists outside the embassy late on Friday.",
    );
    let new_year = with_event(new_year, EventSpec::new("BELCOP", "BELCVL", "173", -5.0, 4, "arrested"));
    let mut copy = corpus()[3].clone();
    copy.id = "a4-copy".into();
    copy.source = Some("Reprint Daily".into());
    store
        .ingest_batch(&[again, new_year, copy], &Coding::new("t", "d", "gdelt"))
        .unwrap();
    store
}

#[test]
fn csv_keeps_every_field_with_the_sentence_and_title() {
    let store = store_with_reports();
    let dir = temp_dir("export-csv");
    let summary = store.export(ExportFormat::Csv, &dir, &EventQuery::default()).unwrap();
    assert_eq!(summary.rows, 10);
    let (headers, records) = csv_rows(&dir.join("events.csv"));
    assert_eq!(headers.len(), detente_store::export::EVENT_COLUMNS.len());
    assert_eq!(records.len(), 10);
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let shelled = records
        .iter()
        .find(|r| &r[col("article_id")] == "a1" && &r[col("trigger_text")] == "shelled")
        .unwrap();
    assert_eq!(&shelled[col("goldstein")], "-10");
    assert_eq!(&shelled[col("location_name")], "Kharkiv");
    assert_eq!(
        &shelled[col("sentence_text")],
        "Russian forces shelled the outskirts of Kharkiv on Thursday."
    );
    assert_eq!(&shelled[col("publisher")], "Test Wire");
    assert_eq!(&shelled[col("url")], "https://example.org/a1");
    assert_eq!(&shelled[col("goldstein_table")], "gdelt");
    let thanked = records.iter().find(|r| &r[col("trigger_text")] == "thanked").unwrap();
    assert_eq!(&thanked[col("title")], "Alliance repeats its open-door policy");
    // The copy of a4 is left out, and the summary says so.
    assert!(!records.iter().any(|r| &r[col("article_id")] == "a4-copy"));
    assert_eq!(summary.left_out.len(), 1, "{:?}", summary.left_out);
    assert_eq!(summary.left_out[0].events, 1);
    assert!(summary.left_out[0].reason.contains("near-duplicate"));
    let all = store
        .export(
            ExportFormat::Csv,
            &dir,
            &EventQuery {
                include_duplicates: true,
                ..EventQuery::default()
            },
        )
        .unwrap();
    assert_eq!((all.rows, all.left_out.len()), (11, 0));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every value against the type the GDELT 2.0 event codebook gives its column, and the codebook's formats
/// of the columns that have one.
fn check_gdelt_row(header: &[String], row: &[String]) {
    assert_eq!(row.len(), GDELT_COLUMNS.len());
    for ((name, kind), value) in GDELT_COLUMNS.iter().zip(row) {
        if value.is_empty() {
            let required = [
                "GLOBALEVENTID",
                "SQLDATE",
                "MonthYear",
                "Year",
                "FractionDate",
                "Actor1Code",
                "IsRootEvent",
                "EventCode",
                "EventBaseCode",
                "EventRootCode",
                "QuadClass",
                "GoldsteinScale",
                "NumMentions",
                "NumSources",
                "NumArticles",
                "DATEADDED",
                "SOURCEURL",
            ];
            assert!(!required.contains(name), "{name} is empty in {row:?}");
            continue;
        }
        match kind {
            GdeltType::Integer => {
                value
                    .parse::<i64>()
                    .unwrap_or_else(|_| panic!("{name}: {value:?} is not an integer"));
            }
            GdeltType::Float => {
                value
                    .parse::<f64>()
                    .unwrap_or_else(|_| panic!("{name}: {value:?} is not a float"));
            }
            GdeltType::String => assert!(!value.contains(['\t', '\n']), "{name}: {value:?}"),
        }
        let digits = |n: usize| value.len() == n && value.bytes().all(|b| b.is_ascii_digit());
        match *name {
            "GLOBALEVENTID" => assert!(value.parse::<i64>().unwrap() > 0),
            "SQLDATE" => assert!(digits(8), "{name}: {value}"),
            "MonthYear" => assert!(digits(6), "{name}: {value}"),
            "Year" => assert!(digits(4), "{name}: {value}"),
            "DATEADDED" => assert!(digits(14), "{name}: {value}"),
            "FractionDate" => {
                let year: f64 = row[3].parse().unwrap();
                let f: f64 = value.parse().unwrap();
                assert!((year..year + 1.0).contains(&f), "{name}: {value} in {year}");
            }
            "EventCode" => assert!((3..=4).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_digit())),
            "EventBaseCode" => assert!(digits(3), "{name}: {value}"),
            "EventRootCode" => assert!(digits(2), "{name}: {value}"),
            "IsRootEvent" => assert!(value == "0" || value == "1"),
            "QuadClass" => assert!(("1"..="4").contains(&value.as_str())),
            "GoldsteinScale" => assert!((-10.0..=10.0).contains(&value.parse::<f64>().unwrap())),
            "NumMentions" | "NumSources" | "NumArticles" => assert!(value.parse::<i64>().unwrap() >= 1),
            "Actor1CountryCode" | "Actor2CountryCode" => {
                assert!(
                    value.len() == 3 && value.bytes().all(|b| b.is_ascii_uppercase()),
                    "{name}: {value}"
                )
            }
            n if n.ends_with("Geo_Type") => assert!(("1"..="5").contains(&value.as_str()), "{name}: {value}"),
            n if n.ends_with("Geo_CountryCode") => {
                assert!(
                    value.len() == 2 && value.bytes().all(|b| b.is_ascii_uppercase()),
                    "{name}: FIPS {value}"
                )
            }
            n if n.ends_with("Geo_Lat") => assert!((-90.0..=90.0).contains(&value.parse::<f64>().unwrap())),
            n if n.ends_with("Geo_Long") => assert!((-180.0..=180.0).contains(&value.parse::<f64>().unwrap())),
            _ => {}
        }
    }
    let _ = header;
}

#[test]
fn gdelt_rows_follow_the_codebook_and_aggregate_reports() {
    let store = store_with_reports();
    let dir = temp_dir("export-gdelt");
    let summary = store.export(ExportFormat::Gdelt, &dir, &EventQuery::default()).unwrap();
    let (header, rows) = tsv(&dir.join("events.gdelt.tsv"));
    let names: Vec<&str> = GDELT_COLUMNS.iter().map(|(n, _)| *n).collect();
    assert_eq!(header, names);
    for row in &rows {
        check_gdelt_row(&header, row);
    }
    // a1 and b1 report the same shelling (same day, actors, code, place): one event, two articles, two
    // sources, two mentions. The negated and the undated event of a5 are left out and counted.
    assert_eq!(summary.events, 9, "mentions kept");
    assert_eq!(rows.len(), 8);
    assert_eq!(summary.rows, 8);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let shelling = rows
        .iter()
        .find(|r| r[col("SQLDATE")] == "20220210" && r[col("EventCode")] == "190")
        .unwrap();
    assert_eq!(
        (
            &shelling[col("NumMentions")][..],
            &shelling[col("NumArticles")][..],
            &shelling[col("NumSources")][..]
        ),
        ("2", "2", "2")
    );
    assert_eq!(shelling[col("Actor1Code")], "RUSMIL");
    assert_eq!(shelling[col("Actor1Name")], "RUSSIA");
    assert_eq!(shelling[col("Actor1CountryCode")], "RUS");
    assert_eq!(shelling[col("Actor1Type1Code")], "MIL");
    assert_eq!(shelling[col("Actor2Name")], "UKRAINE");
    assert_eq!(shelling[col("IsRootEvent")], "1");
    // Geography as in the GDELT 2.0 codebook: world city (4), FIPS 10-4 country, ADM1 = FIPS + region code;
    // Actor1 (Russia) is not in Kharkiv: its country at country level (1); Actor2 (Ukraine) is there.
    assert_eq!(shelling[col("ActionGeo_FullName")], "Kharkiv, Kharkiv Oblast, Ukraine");
    assert_eq!(shelling[col("ActionGeo_CountryCode")], "UP", "FIPS 10-4, not ISO");
    assert_eq!(shelling[col("ActionGeo_ADM1Code")], "UP07");
    assert_eq!(shelling[col("ActionGeo_Type")], "4");
    assert_eq!(shelling[col("ActionGeo_Lat")], "49.9900");
    assert_eq!(shelling[col("ActionGeo_Long")], "36.2300");
    assert_eq!(shelling[col("Actor1Geo_Type")], "1");
    assert_eq!(shelling[col("Actor1Geo_CountryCode")], "RS");
    assert_eq!(shelling[col("Actor2Geo_FullName")], "Kharkiv, Kharkiv Oblast, Ukraine");
    assert_eq!(shelling[col("SOURCEURL")], "https://example.org/a1");
    let nato = rows.iter().find(|r| r[col("Actor2Code")] == "NATO").unwrap();
    assert_eq!(nato[col("Actor2KnownGroupCode")], "NATO");
    assert_eq!(nato[col("Actor2CountryCode")], "");
    let new_year = rows.iter().find(|r| r[col("SQLDATE")] == "20211231").unwrap();
    assert_eq!(new_year[col("FractionDate")], "2021.9973");
    assert_eq!(new_year[col("Actor2Name")], "BELGIUM");
    // Ids: unique, and the same in a second export.
    let ids: std::collections::HashSet<&String> = rows.iter().map(|r| &r[0]).collect();
    assert_eq!(ids.len(), rows.len());
    let reasons: Vec<(u64, &str)> = summary.left_out.iter().map(|l| (l.events, l.reason.as_str())).collect();
    assert!(
        reasons.iter().any(|(n, r)| *n == 1 && r.starts_with("negated")),
        "{reasons:?}"
    );
    assert!(
        reasons.iter().any(|(n, r)| *n == 1 && r.contains("near-duplicate")),
        "{reasons:?}"
    );
    store.export(ExportFormat::Gdelt, &dir, &EventQuery::default()).unwrap();
    let (_, again) = tsv(&dir.join("events.gdelt.tsv"));
    let ids_again: std::collections::HashSet<&String> = again.iter().map(|r| &r[0]).collect();
    assert_eq!(ids, ids_again);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn gdelt_leaves_out_undated_events_and_says_so() {
    let mut store = Store::open_in_memory().unwrap();
    let a = article("u1", None, "Police in Lyon detained two protesters near the station.");
    let a = with_event(a, EventSpec::new("FRACOP", "FRACVL", "173", -5.0, 4, "detained"));
    store.ingest_batch(&[a], &Coding::new("t", "d", "gdelt")).unwrap();
    let dir = temp_dir("export-gdelt-undated");
    let summary = store.export(ExportFormat::Gdelt, &dir, &EventQuery::default()).unwrap();
    assert_eq!(summary.rows, 0);
    assert_eq!(summary.left_out.len(), 1);
    assert!(summary.left_out[0].reason.starts_with("undated"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn icews_rows_name_actors_sectors_and_countries() {
    let store = store_with_reports();
    let dir = temp_dir("export-icews");
    let summary = store.export(ExportFormat::Icews, &dir, &EventQuery::default()).unwrap();
    let (header, rows) = tsv(&dir.join("events.icews.tsv"));
    assert_eq!(header, ICEWS_COLUMNS);
    assert_eq!(rows.len(), 9, "a row per coded event; the negated one left out");
    assert_eq!(summary.rows, 9);
    assert!(summary.left_out.iter().any(|l| l.reason.starts_with("negated")));
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let arrest = rows.iter().find(|r| r[col("CAMEO Code")] == "173").unwrap();
    assert_eq!(arrest[col("Source Name")], "Police (Belgium)");
    assert_eq!(arrest[col("Source Sectors")], "Police");
    assert_eq!(arrest[col("Source Country")], "Belgium");
    assert_eq!(arrest[col("Target Name")], "Civilians (Belgium)");
    assert_eq!(arrest[col("Event Date")], "2021-12-31");
    assert_eq!(arrest[col("Intensity")], "-5.0");
    assert_eq!(arrest[col("Sentence Number")], "1");
    let shelling = rows
        .iter()
        .find(|r| r[col("Story ID")] == "a1" && r[col("CAMEO Code")] == "190")
        .unwrap();
    assert_eq!(shelling[col("City")], "Kharkiv");
    assert_eq!(shelling[col("Province")], "Kharkiv Oblast");
    assert_eq!(shelling[col("Country")], "Ukraine");
    let ids: std::collections::HashSet<&String> = rows.iter().map(|r| &r[0]).collect();
    assert_eq!(ids.len(), rows.len());
    for row in &rows {
        row[0].parse::<i64>().unwrap();
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_interrupted_export_leaves_nothing_and_a_rerun_works() {
    let store = store_with_reports();
    let dir = temp_dir("export-interrupted");
    std::fs::write(dir.join("events.csv"), "an earlier export\n").unwrap();
    let stop = AtomicBool::new(true);
    let options = ExportOptions {
        stop: Some(&stop),
        ..ExportOptions::default()
    };
    let err = store
        .export_with(ExportFormat::Csv, &dir, &EventQuery::default(), &options)
        .unwrap_err();
    assert!(matches!(err, Error::Interrupted), "{err:?}");
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["events.csv"], "no partial file is left");
    assert_eq!(
        std::fs::read_to_string(dir.join("events.csv")).unwrap(),
        "an earlier export\n"
    );
    // A killed run leaves its hidden partial file; the next run replaces it and the real file.
    std::fs::write(dir.join(".events.csv.partial"), "half a ro").unwrap();
    let summary = store.export(ExportFormat::Csv, &dir, &EventQuery::default()).unwrap();
    assert_eq!(csv_rows(&dir.join("events.csv")).1.len(), summary.rows);
    assert!(!dir.join(".events.csv.partial").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn export_errors_name_the_path() {
    let store = loaded();
    let dir = temp_dir("export-errors");
    let blocker = dir.join("not-a-folder");
    std::fs::write(&blocker, "a file").unwrap();
    let err = store
        .export(ExportFormat::Csv, &blocker.join("out"), &EventQuery::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("not-a-folder"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(feature = "parquet")]
mod parquet_exports {
    use super::*;
    use parquet::file::reader::{FileReader, SerializedFileReader};

    fn files(dir: &std::path::Path) -> Vec<String> {
        let mut out = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    out.push(p.strip_prefix(dir).unwrap().to_string_lossy().into_owned());
                }
            }
        }
        out.sort();
        out
    }

    fn rows_in(path: &std::path::Path) -> i64 {
        let reader = SerializedFileReader::new(std::fs::File::open(path).unwrap()).unwrap();
        reader.metadata().file_metadata().num_rows()
    }

    fn bulk_store() -> Store {
        let mut store = loaded();
        // Enough events in one partition to span several record batches.
        let many: Vec<CodedArticle> = (0..300)
            .map(|i| {
                let a = article(
                    &format!("bulk-{i}"),
                    Some("2022-04-01"),
                    &format!("Envoy {i} met the council {i}."),
                );
                with_event(a, EventSpec::new("USAGOV", "EU", "040", 1.0, 1, "met"))
            })
            .collect();
        store.ingest_batch(&many, &Coding::new("t", "d", "gdelt")).unwrap();
        store
    }

    #[test]
    fn partitions_by_month_by_default_and_read_back() {
        let store = bulk_store();
        let root = temp_dir("parquet-month");
        let dir = root.join("events");
        let summary = store
            .export(ExportFormat::Parquet, &dir, &EventQuery::default())
            .unwrap();
        assert_eq!(summary.rows, 308);
        assert_eq!(
            files(&dir),
            [
                "_detente_export.json",
                "year=2022/month=02/part-0.parquet",
                "year=2022/month=03/part-0.parquet",
                "year=2022/month=04/part-0.parquet",
                "year=__HIVE_DEFAULT_PARTITION__/month=__HIVE_DEFAULT_PARTITION__/part-0.parquet",
            ]
        );
        assert_eq!(rows_in(&dir.join("year=2022/month=02/part-0.parquet")), 3);
        assert_eq!(rows_in(&dir.join("year=2022/month=04/part-0.parquet")), 300);
        let reader =
            SerializedFileReader::new(std::fs::File::open(dir.join("year=2022/month=04/part-0.parquet")).unwrap())
                .unwrap();
        assert_eq!(
            reader.metadata().num_row_groups(),
            1,
            "one row group for a partition this size"
        );
        let schema = reader.metadata().file_metadata().schema_descr();
        for column in ["date", "sentence_text", "title", "trigger_text"] {
            assert!(schema.columns().iter().any(|c| c.name() == column), "{column}");
        }
        // Values read back through arrow.
        let file = std::fs::File::open(dir.join("year=2022/month=02/part-0.parquet")).unwrap();
        let batches: Vec<_> = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
            .unwrap()
            .build()
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let triggers = batches[0]
            .column_by_name("trigger_text")
            .unwrap()
            .as_any()
            .downcast_ref::<arrow_array::StringArray>()
            .unwrap();
        assert_eq!(
            triggers.iter().flatten().collect::<Vec<_>>(),
            ["shelled", "demanded", "thanked"]
        );
        // A second export replaces the first whole.
        let again = store
            .export(
                ExportFormat::Parquet,
                &dir,
                &EventQuery {
                    since: Some("2022-04-01".into()),
                    ..EventQuery::default()
                },
            )
            .unwrap();
        assert_eq!(again.rows, 300);
        assert_eq!(
            files(&dir),
            ["_detente_export.json", "year=2022/month=04/part-0.parquet"]
        );
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn other_partitions_and_one_file() {
        let store = bulk_store();
        let root = temp_dir("parquet-by");
        for (by, want) in [
            (PartitionBy::Year, "year=2022/part-0.parquet"),
            (PartitionBy::Day, "year=2022/month=04/day=01/part-0.parquet"),
            (PartitionBy::None, "events.parquet"),
        ] {
            let dir = root.join(format!("{by:?}"));
            let options = ExportOptions {
                partition_by: by,
                ..ExportOptions::default()
            };
            let summary = store
                .export_with(ExportFormat::Parquet, &dir, &EventQuery::default(), &options)
                .unwrap();
            assert_eq!(summary.rows, 308);
            assert!(files(&dir).contains(&want.to_string()), "{by:?}: {:?}", files(&dir));
            let total: i64 = files(&dir)
                .iter()
                .filter(|f| f.ends_with(".parquet"))
                .map(|f| rows_in(&dir.join(f)))
                .sum();
            assert_eq!(total, 308);
        }
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn a_folder_that_is_not_an_export_is_refused_and_a_stale_partial_is_replaced() {
        let store = loaded();
        let root = temp_dir("parquet-refuse");
        let dir = root.join("mine");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("notes.txt"), "keep me").unwrap();
        let err = store
            .export(ExportFormat::Parquet, &dir, &EventQuery::default())
            .unwrap_err()
            .to_string();
        assert!(err.contains("not a detente export"), "{err}");
        assert_eq!(std::fs::read_to_string(dir.join("notes.txt")).unwrap(), "keep me");
        // A killed run left `.fresh.partial` behind: the next run removes it and completes.
        let fresh = root.join("fresh");
        std::fs::create_dir_all(root.join(".fresh.partial/year=2022")).unwrap();
        let summary = store
            .export(ExportFormat::Parquet, &fresh, &EventQuery::default())
            .unwrap();
        assert!(summary.removed_partial);
        assert!(!root.join(".fresh.partial").exists());
        assert_eq!(summary.rows, 8);
        let _ = std::fs::remove_dir_all(&root);
    }
}
