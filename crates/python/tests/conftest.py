"""Shared fixtures: the CLI binary the package is compared with, and generated articles."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import List

import pytest

import corpus

REPO = Path(__file__).resolve().parents[3]


def pytest_sessionfinish(session, exitstatus):
    """No test may be skipped: a missing dependency (pyspark, Java, dask) must fail the run, not hide."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        names = ", ".join(getattr(r, "nodeid", "?") for r in skipped)
        print(f"\n{len(skipped)} test(s) skipped, which this suite does not allow: {names}")
        session.exitstatus = 1


def cli_path() -> Path:
    """DETENTE_BIN, else the newer of the workspace's debug and release builds. Missing is a failure, never a
    skip."""
    if os.environ.get("DETENTE_BIN"):
        return Path(os.environ["DETENTE_BIN"])
    built = [p for p in (REPO / "target" / profile / "detente" for profile in ("debug", "release")) if p.exists()]
    if not built:
        raise RuntimeError("no detente binary: build it (cargo build -p detente) or set DETENTE_BIN")
    return max(built, key=lambda p: p.stat().st_mtime)


@pytest.fixture(scope="session")
def cli():
    path = cli_path()
    assert path.exists(), f"{path} does not exist"

    def run(*args: str, input: bytes = None) -> subprocess.CompletedProcess:
        env = dict(os.environ, HOME=str(Path(os.environ.get("TMPDIR", "/tmp"))), XDG_CONFIG_HOME="/nonexistent")
        return subprocess.run(
            [str(path), *args], input=input, capture_output=True, env=env, cwd=env["HOME"], check=False
        )

    return run


def jsonl_lines(stdout: bytes) -> List[str]:
    return [line for line in stdout.decode("utf-8").split("\n") if line]


@pytest.fixture(scope="session")
def generated(tmp_path_factory):
    """2,000 generated articles, their JSON Lines file, and the CLI's output on it (one JSON line each)."""
    records = corpus.articles(2000)
    folder = tmp_path_factory.mktemp("generated")
    path = corpus.write_jsonl(records, folder / "articles.jsonl")
    return {"records": records, "path": path, "folder": folder}


@pytest.fixture(scope="session")
def cli_coded(generated, cli):
    done = cli("code", "--format", "jsonl", "--threads", "2", str(generated["path"]))
    assert done.returncode == 0, done.stderr.decode()
    lines = jsonl_lines(done.stdout)
    assert len(lines) == len(generated["records"])
    return lines


@pytest.fixture(scope="session")
def exported(generated, cli):
    """The generated articles ingested into a store by the CLI and exported to Parquet."""
    folder = generated["folder"]
    db = folder / "store.db"
    done = cli("ingest", "--db", str(db), str(generated["path"]))
    assert done.returncode == 0, done.stderr.decode()
    out = folder / "export"
    done = cli("export", "--db", str(db), "--format", "parquet", "--out", str(out))
    assert done.returncode == 0, done.stderr.decode()
    return out


def parse(lines: List[str]):
    return [json.loads(line) for line in lines]


def event_rows_by_article(table) -> List[dict]:
    """The rows of an event table, with `event_id` as the event's index in its article (the store numbers
    events across the database; code_arrow numbers them per article), sorted by article and event."""
    rows = table.to_pylist()
    rows.sort(key=lambda r: (r["article_id"], r["event_id"]))
    index, last = 0, None
    for row in rows:
        index = index + 1 if row["article_id"] == last else 0
        last = row["article_id"]
        row["event_id"] = index
    return rows


def read_partitioned(path) -> "object":
    """A Parquet dataset folder as one pyarrow Table with `date` as a string column: the CLI's export (Hive
    partitions by year/month, `date` inside the files) or Spark's (`date=YYYY-MM-DD/` partitions)."""
    import pyarrow as pa
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    files = sorted(str(p) for p in Path(path).rglob("*.parquet"))
    assert files, f"no Parquet files under {path}"
    if "date" in pq.read_schema(files[0]).names:
        return ds.dataset(files, format="parquet").to_table()
    partitioning = ds.partitioning(pa.schema([("date", pa.string())]), flavor="hive")
    return ds.dataset(str(path), format="parquet", partitioning=partitioning).to_table()
