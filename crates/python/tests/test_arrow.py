"""`Coder.code_arrow` and `code_tables`: Arrow rows in, the Parquet export's event rows out."""

from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import detente
from conftest import event_rows_by_article, read_partitioned


@pytest.fixture(scope="module")
def coder():
    return detente.Coder()


@pytest.fixture(scope="module")
def table(generated):
    records = generated["records"]
    columns = ["id", "text", "date", "title", "source", "url"]
    return pa.table({c: [r.get(c) for r in records] for c in columns})


def test_event_columns_are_the_parquet_exports(exported):
    files = sorted(exported.rglob("*.parquet"))
    assert files
    export_schema = pq.read_schema(files[0])
    ours = detente.schema("events")
    assert ours.names == export_schema.names
    assert ours.types == export_schema.types
    assert [f.nullable for f in ours] == [f.nullable for f in export_schema]
    assert {"date", "title", "sentence_text", "goldstein_table", "location_kind"} <= set(ours.names)


def test_code_arrow_rows_equal_the_parquet_export(coder, table, exported):
    events = coder.code_arrow(table, threads=2)
    assert events.schema == detente.schema("events")
    ours = event_rows_by_article(events)
    theirs = event_rows_by_article(read_partitioned(exported))
    assert len(ours) == len(theirs) > 2000
    for a, b in zip(ours, theirs):
        assert a == b
    # Every article made it into the store (none was taken for a near-duplicate and left out).
    assert {r["article_id"] for r in theirs} == {r["article_id"] for r in ours}


def test_quote_and_mention_tables_hold_every_quote_and_mention(coder, table, cli_coded):
    tables = coder.code_tables(table, threads=2)
    coded = [json.loads(line) for line in cli_coded]
    quotes = tables["quotes"].to_pylist()
    expected = [(c["id"], q["kind"], q["start"], q["end"], q["text"], (q.get("speaker") or {}).get("name"))
                for c in coded for q in c["quotes"]]
    assert [(q["article_id"], q["kind"], q["start"], q["end"], q["text"], q["speaker_name"]) for q in quotes] == expected
    mentions = tables["mentions"].to_pylist()
    expected = [(c["id"], m["start"], m["end"], m["actor"]["code"], m["via"], m["kind"], m.get("gender"))
                for c in coded for m in c["mentions"]]
    assert [(m["article_id"], m["start"], m["end"], m["code"], m["via"], m["kind"], m["gender"]) for m in mentions] == expected
    assert tables["events"].num_rows == sum(len(c["events"]) for c in coded)
    assert tables["errors"].num_rows == 0
    assert tables["quotes"].schema == detente.schema("quotes")
    assert tables["mentions"].schema == detente.schema("mentions")


def test_every_arrow_input_form_gives_the_same_table(coder, table):
    small = table.slice(0, 120)
    expected = coder.code_arrow(small)
    batches = small.to_batches(max_chunksize=50)
    assert len(batches) == 3
    for form in (batches, batches[0:1], pa.RecordBatchReader.from_batches(small.schema, batches)):
        got = coder.code_arrow(form)
        n = sum(b.num_rows for b in form) if isinstance(form, list) else small.num_rows
        assert got.to_pylist() == coder.code_arrow(small.slice(0, n)).to_pylist()
    assert coder.code_arrow(small.to_batches()[0]).to_pylist() == expected.to_pylist()
    with pytest.raises(TypeError, match="pyarrow Table"):
        coder.code_arrow({"text": ["Spain praised Mexico."]})


def test_column_names_and_types_are_read_like_json_records(coder, generated):
    records = generated["records"][:60]
    expected = coder.code_arrow(pa.table({
        "id": [r["id"] for r in records],
        "text": [r["text"] for r in records],
        "date": [r.get("date") for r in records],
    }))
    import datetime

    renamed = pa.table({
        "doc": [r["id"] for r in records],
        "body": pa.array([r["text"].encode() for r in records], pa.binary()),
        "published": pa.array(
            [datetime.date.fromisoformat(r["date"]) if r.get("date") else None for r in records], pa.date32()
        ),
    })
    got = coder.code_arrow(renamed, text_col="body", id_col="doc", date_col="published")
    assert got.to_pylist() == expected.to_pylist()
    numbered = pa.table({"id": pa.array(range(5), pa.int64()), "text": [r["text"] for r in records[:5]]})
    assert coder.code_arrow(numbered).column("article_id").unique().to_pylist()[:2] == ["0", "1"]
    with pytest.raises(ValueError, match='no column "headline"'):
        coder.code_arrow(renamed, text_col="body", title_col="headline")
    with pytest.raises(ValueError, match='no column "text"'):
        coder.code_arrow(renamed)
    with pytest.raises(ValueError, match="has type .*: expected strings"):
        coder.code_arrow(pa.table({"text": [1.5]}))


def test_bad_rows_are_listed_and_the_others_coded(coder):
    texts = pa.array(
        [b"Spain praised Mexico for its help.", None, b"Kenya sent \xff aid.", b"Iran denied the report."],
        pa.binary(),
    )
    data = pa.table({"id": ["a", "b", "c", "d"], "text": texts})
    tables = coder.code_tables(data, errors="skip")
    errors = tables["errors"].to_pylist()
    assert [(e["row"], e["article_id"]) for e in errors] == [(1, "b"), (2, "c")]
    assert "null" in errors[0]["message"] and "UTF-8" in errors[1]["message"]
    assert set(tables["events"].column("article_id").to_pylist()) <= {"a", "d"}
    assert tables["events"].num_rows > 0
    with pytest.raises(detente.BatchError) as caught:
        coder.code_arrow(data)
    assert [e.index for e in caught.value.errors] == [1, 2]
    assert caught.value.results["events"].to_pylist() == tables["events"].to_pylist()
    assert coder.code_arrow(data, errors="skip").to_pylist() == tables["events"].to_pylist()
