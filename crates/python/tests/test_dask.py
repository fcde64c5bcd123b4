"""`detente.dask.code_events`: a Dask DataFrame coded partition by partition gives code_arrow's rows."""

from __future__ import annotations

import dask.dataframe as dd
import pandas as pd
import pyarrow as pa

import detente
import detente.dask


def test_dask_partitions_give_the_same_event_rows(generated):
    records = generated["records"][:300]
    frame = pd.DataFrame({k: [r.get(k) for r in records] for k in ("id", "text", "date", "title", "source", "url")})
    ddf = dd.from_pandas(frame, npartitions=3)
    events = detente.dask.code_events(ddf).compute()
    expected = detente.Coder().code_arrow(pa.Table.from_pandas(frame, preserve_index=False))
    assert len(events) == expected.num_rows > 300
    assert list(events.columns) == detente.schema("events").names
    got = pa.Table.from_pandas(events.reset_index(drop=True), preserve_index=False)
    assert got.to_pylist() == expected.to_pylist()
