"""Coding a Dask DataFrame: each partition is coded in the worker, in process.

    import dask.dataframe as dd
    import detente.dask

    articles = dd.read_json("news/*.jsonl", lines=True)
    events = detente.dask.code_events(articles)
    events.to_parquet("events/", partition_on=["date"])
"""

from __future__ import annotations

from typing import Optional, Sequence, Union

import pyarrow as pa

from . import Coder, schema

__all__ = ["code_events"]


def code_events(
    ddf,
    text_col: str = "text",
    id_col: Optional[str] = "id",
    date_col: Optional[str] = "date",
    *,
    coder: Optional[Coder] = None,
    dictionaries: Union[None, str, Sequence[str]] = None,
    goldstein: str = "gdelt",
    threads: Optional[int] = 1,
    errors: str = "skip",
    table: str = "events",
):
    """Codes the articles of a Dask DataFrame (one per row) and returns a Dask DataFrame of one ``table``
    ("events", "quotes" or "mentions") with the columns of :func:`detente.schema`. Options as
    :func:`detente.spark.code_table`; bad rows are left out with ``errors="skip"``."""
    if coder is None:
        coder = Coder(dictionaries=dictionaries, goldstein=goldstein)
    names = {"text_col": text_col}
    for key, column in (("id_col", id_col), ("date_col", date_col)):
        if column is not None and column in ddf.columns:
            names[key] = column
    for key in ("title", "source", "url"):
        if key in ddf.columns:
            names[f"{key}_col"] = key
    meta = schema(table).empty_table().to_pandas()

    def code_partition(frame):
        batch = pa.Table.from_pandas(frame, preserve_index=False)
        return coder.code_arrow(batch, table, threads=threads, errors=errors, **names).to_pandas()

    return ddf.map_partitions(code_partition, meta=meta)
