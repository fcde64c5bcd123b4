"""Throughput of the Python package against the CLI on the same articles.

    python throughput.py --corpus ../shared/corpus/bench.jsonl.xz --cli target/release/detente \
        [--limit 3000] [--spark-limit 21331] [--repeat 3] [--json out.json]

Measures, best of --repeat runs (MB of article text per second of wall time):
  - the CLI, `detente code --format jsonl --threads 1` and `--threads 2`, from a JSON Lines file, output to
    /dev/null;
  - `Coder.code_batch(records, threads=1)` on the same articles in memory (dicts out, and JSON text out);
  - `Coder.code_arrow(table, threads=1)` (event rows out);
  - with --spark-limit: a Spark job, local[2], reading the JSON Lines file and coding it with
    `detente.spark.code_events` into a no-op sink, against the CLI with two threads on the same file.
Also MB per CPU-second (all threads of the process or the CLI), which shared machines distort less, and its
ratio to the CLI's (on a busy machine a second thread's work shows in CPU time, not in wall time).
Prints a table and each ratio to the CLI; --min-ratio-batch / --min-cpu-ratio-batch (code_batch's dicts, by wall
time / by CPU time) and --min-ratio-spark make it exit 1 below a target.
"""

from __future__ import annotations

import argparse
import json
import lzma
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyarrow as pa

import detente


def read_corpus(path: Path, limit: int):
    opener = lzma.open if path.suffix == ".xz" else open
    lines = []
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                lines.append(line)
            if len(lines) >= limit:
                break
    return lines


def cpu_seconds() -> float:
    """CPU time of this process (all threads) and of its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


CPU = {}


def best(repeat: int, run, name: str = "") -> float:
    """The shortest wall time of `repeat` runs; the CPU time of that run is kept in CPU[name]."""
    runs = []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), cpu_seconds()
        run()
        runs.append((time.perf_counter() - start, cpu_seconds() - cpu))
    wall, cpu = min(runs)
    CPU[name] = cpu
    return wall


def cli_seconds(cli: str, path: Path, threads: int, repeat: int) -> float:
    def run():
        with open(os.devnull, "wb") as null:
            subprocess.run(
                [cli, "code", "--format", "jsonl", "--threads", str(threads), str(path)],
                stdout=null, stderr=subprocess.DEVNULL, check=True,
            )
    return best(repeat, run, f"cli{threads}")


def spark_seconds(path: Path, repeat: int) -> float:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    import detente.spark

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("detente-throughput")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        # Several partitions per core, so both workers stay busy to the end.
        .config("spark.sql.files.maxPartitionBytes", str(4 << 20))
        .config("spark.driver.memory", "2g")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    try:
        schema = "id string, title string, date string, source string, url string, text string"

        def run():
            articles = spark.read.schema(schema).json(str(path))
            detente.spark.code_events(articles).write.format("noop").mode("overwrite").save()

        run()  # warm-up: JVM code paths, Python workers started and their Coder built
        return best(repeat, run)
    finally:
        spark.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--cli", required=True)
    parser.add_argument("--limit", type=int, default=3000)
    parser.add_argument("--spark-limit", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--min-ratio-batch", type=float, default=0.0)
    parser.add_argument("--min-cpu-ratio-batch", type=float, default=0.0)
    parser.add_argument("--min-ratio-spark", type=float, default=0.0)
    args = parser.parse_args()

    lines = read_corpus(args.corpus, max(args.limit, args.spark_limit))
    figures = {"nproc": os.cpu_count()}
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "small.jsonl"
        small.write_text("".join(lines[: args.limit]), encoding="utf-8")
        records = [json.loads(line) for line in lines[: args.limit]]
        mb = sum(len(r["text"].encode()) for r in records) / 1e6
        figures.update(articles=len(records), megabytes=mb)
        coder = detente.Coder()
        table = pa.table({k: [r.get(k) for r in records] for k in ("id", "title", "date", "source", "url", "text")})
        coder.code_batch(records[:50], threads=1)  # warm-up

        cli1 = cli_seconds(args.cli, small, 1, args.repeat)
        batch = best(args.repeat, lambda: coder.code_batch(records, threads=1), "batch")
        batch_json = best(args.repeat, lambda: coder.code_batch(records, threads=1, as_json=True), "json")
        arrow = best(args.repeat, lambda: coder.code_arrow(table, threads=1), "arrow")
        rows += [
            ("CLI, 1 thread (jsonl out)", mb / cli1, 1.0, mb / CPU["cli1"], 1.0),
            ("code_batch, threads=1 (dicts)", mb / batch, cli1 / batch, mb / CPU["batch"], CPU["cli1"] / CPU["batch"]),
            ("code_batch, threads=1 (as_json)", mb / batch_json, cli1 / batch_json, mb / CPU["json"],
             CPU["cli1"] / CPU["json"]),
            ("code_arrow, threads=1 (events)", mb / arrow, cli1 / arrow, mb / CPU["arrow"], CPU["cli1"] / CPU["arrow"]),
        ]
        figures.update(cli_1_thread_mb_s=mb / cli1, code_batch_1_thread_mb_s=mb / batch,
                       code_batch_json_1_thread_mb_s=mb / batch_json, code_arrow_1_thread_mb_s=mb / arrow,
                       code_batch_ratio=cli1 / batch, cli_1_thread_mb_cpu_s=mb / CPU["cli1"],
                       code_batch_mb_cpu_s=mb / CPU["batch"], code_batch_cpu_ratio=CPU["cli1"] / CPU["batch"])

        if args.spark_limit:
            big = Path(tmp) / "big.jsonl"
            big.write_text("".join(lines[: args.spark_limit]), encoding="utf-8")
            big_mb = sum(len(json.loads(line)["text"].encode()) for line in lines[: args.spark_limit]) / 1e6
            cli2 = cli_seconds(args.cli, big, 2, args.repeat)
            spark = spark_seconds(big, args.repeat)
            rows += [
                (f"CLI, 2 threads ({args.spark_limit} articles)", big_mb / cli2, 1.0, big_mb / CPU["cli2"], 1.0),
                ("Spark local[2], code_events", big_mb / spark, cli2 / spark, None, None),
            ]
            figures.update(spark_articles=min(args.spark_limit, len(lines)), spark_megabytes=big_mb,
                           cli_2_threads_mb_s=big_mb / cli2, spark_local2_mb_s=big_mb / spark,
                           spark_ratio=cli2 / spark)

    load = os.getloadavg()[0]
    figures["load_average"] = load
    print(f"{len(records)} articles, {mb:.1f} MB of text; best of {args.repeat} runs; load average {load:.1f}")
    print(f"{'':38} {'MB/s':>7} {'vs CLI':>7} {'MB/CPU-s':>9} {'vs CLI':>7}")
    for name, rate, ratio, per_cpu, cpu_ratio in rows:
        cpu = f"{per_cpu:9.2f} {cpu_ratio:7.0%}" if per_cpu else ""
        print(f"{name:38} {rate:7.2f} {ratio:7.0%} {cpu}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    failed = []
    if figures["code_batch_ratio"] < args.min_ratio_batch:
        failed.append(f"code_batch at {figures['code_batch_ratio']:.0%} of the CLI (target {args.min_ratio_batch:.0%})")
    if figures["code_batch_cpu_ratio"] < args.min_cpu_ratio_batch:
        failed.append(f"code_batch at {figures['code_batch_cpu_ratio']:.0%} of the CLI's MB per CPU-second "
                      f"(target {args.min_cpu_ratio_batch:.0%})")
    if args.spark_limit and figures["spark_ratio"] < args.min_ratio_spark:
        failed.append(f"Spark at {figures['spark_ratio']:.0%} of the CLI (target {args.min_ratio_spark:.0%})")
    for f in failed:
        print(f"below target: {f}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
