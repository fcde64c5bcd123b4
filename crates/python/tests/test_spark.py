"""A local Spark job (local[2]) codes the generated articles inside the executors and writes partitioned
Parquet whose event rows equal `detente export --format parquet` on the same articles."""

from __future__ import annotations

import os
import sys

import pytest

import detente
import detente.spark
from conftest import event_rows_by_article, read_partitioned


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    # The Python workers must be this interpreter (the one with detente and pyarrow), not the first python3
    # on PATH.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable

    session = (
        SparkSession.builder.master("local[2]")
        .appName("detente-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.memory", "2g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_a_spark_job_writes_the_exports_event_rows(spark, generated, exported, tmp_path):
    articles = spark.read.json(str(generated["path"])).repartition(4)
    events = detente.spark.code_events(articles)
    out = tmp_path / "events"
    events.write.partitionBy("date").parquet(str(out))
    ours = event_rows_by_article(read_partitioned(out))
    theirs = event_rows_by_article(read_partitioned(exported))
    assert len(ours) == len(theirs) > 2000
    for a, b in zip(ours, theirs):
        assert a == b
    # One partition per day, and the null partition for the articles without a date.
    partitions = sorted(p.name for p in out.iterdir() if p.name.startswith("date="))
    assert len(partitions) == len({r["date"] for r in ours}) > 20
    assert "date=__HIVE_DEFAULT_PARTITION__" in partitions


def test_bad_rows_are_skipped_and_listed(spark):
    rows = [("a", "Spain praised Mexico for its help.", "2024-02-01"), ("b", None, "2024-02-01"),
            ("c", "Iran denied the report.", None)]
    df = spark.createDataFrame(rows, "id string, text string, date string")
    events = detente.spark.code_events(df).collect()
    assert {r["article_id"] for r in events} <= {"a", "c"} and events
    errors = detente.spark.code_table(df, "errors").collect()
    assert [(r["article_id"], r["message"]) for r in errors] == [("b", '"text" is null')]
    with pytest.raises(Exception, match='"text" is null'):
        detente.spark.code_events(df, errors="raise").collect()


def test_user_dictionaries_travel_with_the_job(spark, tmp_path):
    folder = tmp_path / "dicts"
    folder.mkdir()
    (folder / "harbour.actors.toml").write_text('[[actor]]\ncode = "IGOBHL"\norg = "BHL"\nnames = ["Blue Harbour League"]\n')
    coder = detente.Coder(dictionaries=[folder])
    df = spark.createDataFrame([("x", "The Blue Harbour League condemned Iran over the seizure.")], "id string, text string")
    mentions = detente.spark.code_table(df, "mentions", coder=coder)
    # The executors never read the folder: it is gone before the job runs.
    (folder / "harbour.actors.toml").unlink()
    codes = {r["code"] for r in mentions.collect()}
    assert "IGOBHL" in codes
    events = detente.spark.code_events(df, coder=coder).collect()
    assert events and {r["dictionary_set"] for r in events} == {coder.dictionary_set}


def test_the_readme_job_runs(spark, generated, tmp_path, monkeypatch):
    """The README's complete PySpark job, as written there, on Parquet input."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("# code_news.py")
    job = readme[start : readme.index("```", start)]
    records = generated["records"][:200]
    source = tmp_path / "news.parquet"
    columns = ("id", "text", "date", "title", "source", "url")
    pq.write_table(pa.table({c: [r.get(c) for r in records] for c in columns}), source)
    (tmp_path / "my-dicts").mkdir()
    (tmp_path / "my-dicts" / "extra.cues.toml").write_text("[cues]\nspeech = [\"opine\"]\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", ["code_news.py", str(source), str(tmp_path / "out")])
    exec(compile(job, "README.md:code_news.py", "exec"), {"__name__": "__main__"})
    events = read_partitioned(tmp_path / "out" / "events")
    expected = detente.Coder(dictionaries=["my-dicts"]).code_arrow(pa.table({c: [r.get(c) for r in records] for c in columns}))
    assert event_rows_by_article(events) == event_rows_by_article(expected)
    assert read_partitioned(tmp_path / "out" / "quotes").num_rows > 0
