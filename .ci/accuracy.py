#!/usr/bin/env python3
"""Accuracy guard: score the coder on every evaluation set in ../shared and compare with bench/accuracy.json.

Usage: accuracy.py BINARY SHARED_DIR OUT_DIR [--baseline bench/accuracy.json] [--update]

Runs `BINARY code --format jsonl` on news-dev, news-check, PLOVER GSR dev, PolNeAR dev and the seed article,
scores each with SHARED_DIR/tools/score.py, prints one table, and exits 1 when a figure drops more than 0.02 below
its baseline (news-check is scored by its summary lines only). --update writes the measured figures as the new
baseline instead.
"""
import json
import re
import subprocess
import sys
from pathlib import Path

TOLERANCE = 0.02


def run(cmd, out=None):
    if out:
        with open(out, "w", encoding="utf-8") as f:
            r = subprocess.run(cmd, stdout=f, stderr=subprocess.PIPE, text=True)
    else:
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if r.returncode not in (0, 1):  # 1: some input lines failed, still scored
        sys.exit(f"command failed ({r.returncode}): {' '.join(cmd)}\n{r.stderr[-2000:]}")
    return r.stdout


def figures(summary):
    """The compact 'name=value' figures of score.py's last line, and the event-location line."""
    out = {}
    for line in summary.splitlines():
        for name, value in re.findall(r"(\w+)=([0-9.]+)", line):
            if name in ("quote_f1", "speaker_acc", "event_f1", "event_actor_coverage", "location_place",
                        "content_f1", "source_acc"):
                out[name] = float(value)
        m = re.search(r"speaker entity \d+/\d+ = ([0-9.]+)", line)
        if m:
            out["speaker_entity"] = float(m.group(1))
        m = re.search(r"events: P=([0-9.]+) R=([0-9.]+)", line)
        if m:
            out["event_precision"], out["event_recall"] = float(m.group(1)), float(m.group(2))
        m = re.search(r"event locations .*country \d+/\d+ = ([0-9.]+)", line)
        if m:
            out["location_country"] = float(m.group(1))
    return out


def main(argv):
    if len(argv) < 3:
        print(__doc__)
        return 2
    binary, shared, out = argv[0], Path(argv[1]), Path(argv[2])
    baseline_path = Path(argv[argv.index("--baseline") + 1]) if "--baseline" in argv else Path("bench/accuracy.json")
    out.mkdir(parents=True, exist_ok=True)
    score = [sys.executable, str(shared / "tools/score.py")]
    ev = shared / "eval"
    measured = {}

    seed_gold = out / "seed.gold.jsonl"
    seed_gold.write_text(json.dumps(json.load(open(shared / "golden/seed-article.gold.json"))) + "\n")
    run([binary, "code", str(shared / "golden/seed-article.txt"), "--format", "jsonl"], out / "seed.jsonl")
    measured["seed"] = figures(run(score + ["all", str(seed_gold), str(out / "seed.jsonl")]))

    for name, stem in (("news-dev", "news-dev"), ("news-check", "news-check")):
        run([binary, "code", str(ev / f"{stem}.articles.jsonl"), "--format", "jsonl"], out / f"{stem}.jsonl")
        measured[name] = figures(run(score + ["all", str(ev / f"{stem}.gold.jsonl"), str(out / f"{stem}.jsonl")]))

    run([binary, "code", str(ev / "plover-gsr-dev.jsonl"), "--format", "jsonl"], out / "plover.jsonl")
    measured["plover-dev"] = figures(run(score + ["events", str(ev / "plover-gsr-dev.jsonl"), str(out / "plover.jsonl")]))

    run([binary, "code", str(ev / "polnear/dev.jsonl"), "--format", "jsonl"], out / "polnear.jsonl")
    measured["polnear-dev"] = figures(run(score + ["polnear", str(ev / "polnear/dev"), str(out / "polnear.jsonl")]))

    if "--update" in argv:
        baseline_path.write_text(json.dumps(measured, indent=2, sort_keys=True) + "\n")
        print(f"baseline written to {baseline_path}")
        return 0

    if not baseline_path.exists():
        sys.exit(f"no accuracy baseline at {baseline_path}: write one with --update")
    baseline = json.loads(baseline_path.read_text())
    drops = [f"{name} {fig}: not measured (did score.py's output change?)"
             for name, figs in baseline.items() for fig in figs if fig not in measured.get(name, {})]
    print(f"{'set':12} {'figure':22} {'measured':>9} {'baseline':>9}")
    for name, figs in measured.items():
        for fig, value in sorted(figs.items()):
            base = baseline.get(name, {}).get(fig)
            mark = ""
            if base is not None and value < base - TOLERANCE:
                mark = "  DROPPED"
                drops.append(f"{name} {fig}: {value:.3f} < {base:.3f} - {TOLERANCE}")
            print(f"{name:12} {fig:22} {value:9.3f} {'' if base is None else f'{base:9.3f}'}{mark}")
    if drops:
        print("\naccuracy dropped by more than 0.02 against " + str(baseline_path) + ":\n  " + "\n  ".join(drops))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
