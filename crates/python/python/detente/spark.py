"""Coding inside Spark: the coder runs in the executors' Python workers, in process, one per worker.

    from pyspark.sql import SparkSession
    import detente.spark

    spark = SparkSession.builder.getOrCreate()
    articles = spark.read.json("s3://bucket/news/*.jsonl.gz")          # text, id, date, ...
    events = detente.spark.code_events(articles)                        # one row per event
    events.write.partitionBy("date").parquet("s3://bucket/events/")     # one folder per day

The event rows have the columns of ``detente export --format parquet`` (and ``date``). The Coder is pickled
with the job (as its dictionary texts, read once on the driver), so executors need no dictionary files; each
Python worker builds it once and keeps it for every task it runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, Optional, Sequence, Union

import pyarrow as pa

from . import Coder, schema

if TYPE_CHECKING:  # pragma: no cover
    from pyspark.sql import DataFrame

__all__ = ["code_events", "code_table", "spark_schema"]

_SPARK_TYPES = {
    pa.int64(): "BIGINT",
    pa.float64(): "DOUBLE",
    pa.string(): "STRING",
    pa.bool_(): "BOOLEAN",
}


def spark_schema(table: str = "events") -> str:
    """The Spark DDL schema of a detente table ("events", "quotes", "mentions" or "errors")."""
    fields = []
    for field in schema(table):
        kind = _SPARK_TYPES[field.type]
        fields.append(f"`{field.name}` {kind}" + ("" if field.nullable else " NOT NULL"))
    return ", ".join(fields)


def code_table(
    df: "DataFrame",
    table: str = "events",
    text_col: str = "text",
    id_col: Optional[str] = "id",
    date_col: Optional[str] = "date",
    *,
    title_col: Optional[str] = "title",
    source_col: Optional[str] = "source",
    url_col: Optional[str] = "url",
    coder: Optional[Coder] = None,
    dictionaries: Union[None, str, Sequence[str]] = None,
    goldstein: str = "gdelt",
    threads: int = 1,
    errors: str = "skip",
) -> "DataFrame":
    """Codes the articles of ``df`` (one per row) and returns one ``table`` of the results: "events" (one
    row per event), "quotes", "mentions", or "errors" (the rows that could not be coded, with why).

    Columns: ``text_col`` is required; ``id_col``, ``date_col``, ``title_col``, ``source_col`` and ``url_col``
    are used when ``df`` has them (None: not at all). Dates may be strings, dates or timestamps.

    ``coder`` (or ``dictionaries``/``goldstein`` to build one on the driver, which checks the dictionary
    files before the job starts). ``threads``: coding threads per Python worker; Spark already runs one
    worker per task slot, so 1 is right unless tasks are fewer than cores. ``errors``: "skip" (default: a
    bad row is left out and printed to the executor's stderr with its id and why, as the CLI reports it;
    the "errors" table lists them) or "raise" (the task fails on the first bad row).
    """
    if table not in ("events", "quotes", "mentions", "errors"):
        raise ValueError(f'table must be "events", "quotes", "mentions" or "errors" (got {table!r})')
    if errors not in ("skip", "raise"):
        raise ValueError(f'errors must be "skip" or "raise" (got {errors!r})')
    if coder is None:
        coder = Coder(dictionaries=dictionaries, goldstein=goldstein)
    present = set(df.columns)
    if text_col not in present:
        raise ValueError(f"the DataFrame has no column {text_col!r} for the article text (columns: {df.columns})")
    names = {"text_col": text_col}
    for key, column in (
        ("id_col", id_col),
        ("date_col", date_col),
        ("title_col", title_col),
        ("source_col", source_col),
        ("url_col", url_col),
    ):
        if column is not None and column in present:
            names[key] = column
    columns = sorted(set(names.values()))
    ddl = spark_schema(table)
    arrow_schema = schema(table)

    def code_partition(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        import sys

        for batch in batches:
            tables = coder.code_tables(batch, threads=threads, errors=errors, **names)
            for row in tables["errors"].to_pylist():
                print(f"detente: row {row['row']} of a batch (id {row['article_id']!r}): {row['message']}",
                      file=sys.stderr)
            for out in tables[table].to_batches():
                yield out.cast(arrow_schema) if out.schema != arrow_schema else out

    return df.select(*columns).mapInArrow(code_partition, ddl)


def code_events(
    df: "DataFrame",
    text_col: str = "text",
    id_col: Optional[str] = "id",
    date_col: Optional[str] = "date",
    **options,
) -> "DataFrame":
    """Codes the articles of ``df`` and returns its events, one row per event, with the columns of
    ``detente export --format parquet`` (and ``date``): write them with
    ``.write.partitionBy("date").parquet(path)``. Options as :func:`code_table`."""
    return code_table(df, "events", text_col, id_col, date_col, **options)
