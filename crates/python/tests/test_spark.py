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
    # The same partitions as the export, the null partition (articles without a date) included.
    partitions = lambda root: sorted(p.name for p in root.iterdir() if p.name.startswith("date="))  # noqa: E731
    assert partitions(out) == partitions(exported)
    assert "date=__HIVE_DEFAULT_PARTITION__" in partitions(out)


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
