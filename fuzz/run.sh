#!/usr/bin/env bash
# Build the fuzz targets with libFuzzer on stable Rust and run them for a while each.
#
#   fuzz/run.sh SECONDS [TARGET...]     run each target (default: all) for SECONDS, two at a time
#   fuzz/run.sh build                   only build
#   FUZZ_BUDGET=470 fuzz/run.sh 60      at most 60 s each, fewer when build + runs would exceed 470 s
#
# The flags are the ones `cargo fuzz build -s none` passes (coverage instrumentation, no sanitizer), so no
# nightly toolchain is needed; `cargo fuzz run -s none TARGET` works as well where cargo-fuzz is installed.
# New interesting inputs go to fuzz/target/new-corpus/TARGET; the seeds in fuzz/corpus/TARGET are only
# read (`fuzz/run.sh merge TARGET` folds the new ones, minimised, back into the kept corpus). A crash is
# saved as fuzz/artifacts/TARGET/crash-* and fails the run.
set -euo pipefail
cd "$(dirname "$0")"

export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares -Cllvm-args=-sanitizer-coverage-stack-depth \
--cfg fuzzing -Cdebug-assertions -Coverflow-checks"
TRIPLE=$(rustc -vV | sed -n 's/^host: //p')
BIN=target/$TRIPLE/release
PARALLEL=${FUZZ_PARALLEL:-2}

all_targets() { sed -n 's/^name = "\(.*\)"$/\1/p' Cargo.toml | grep -v '^detente-fuzz$'; }

build() {
  mkdir -p target
  local started=$SECONDS
  if ! cargo build --release --locked --target "$TRIPLE" --bins >target/build.log 2>&1; then
    tail -50 target/build.log >&2
    echo "fuzz build failed (fuzz/target/build.log)" >&2
    exit 1
  fi
  echo "fuzz targets built in $((SECONDS - started))s"
}

run_one() {
  local seconds=$1 target=$2 new=target/new-corpus/$2 log=target/logs/$2.log
  mkdir -p "$new" "corpus/$target" "artifacts/$target" target/logs
  local started=$SECONDS rc=0
  "$BIN/$target" "$new" "corpus/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len=16384 -artifact_prefix="artifacts/$target/" -print_final_stats=1 >"$log" 2>&1 || rc=$?
  local runs
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  if [ "$rc" -ne 0 ]; then
    echo "FUZZ CRASH in $target after $((SECONDS - started))s (exit $rc); last lines of $log:" >&2
    grep -v '^#' "$log" | tail -40 >&2
    return 1
  fi
  printf 'fuzz %-16s %4ds  %9s runs  0 crashes\n' "$target" "$((SECONDS - started))" "${runs:-?}"
}

merge() {
  local target=$1 kept=corpus/$1 tmp
  tmp=$(mktemp -d)
  "$BIN/$target" -merge=1 "$tmp" "$kept" "target/new-corpus/$target" -max_len=16384 >/dev/null 2>&1
  rm -rf "$kept" && mv "$tmp" "$kept"
  echo "corpus/$target: $(ls "$kept" | wc -l) files, $(du -sh "$kept" | cut -f1)"
}

case ${1:-} in
  build) build ;;
  merge)
    shift
    targets=("$@"); [ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(all_targets)
    build
    for t in "${targets[@]}"; do merge "$t"; done
    ;;
  '' | -h | --help) sed -n '2,12p' "$0"; exit 2 ;;
  *)
    seconds=$1; shift
    targets=("$@"); [ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(all_targets)
    build
    if [ -n "${FUZZ_BUDGET:-}" ]; then
      # Whatever the build left of the budget, shared by the targets (PARALLEL at a time), 15 s at least.
      rounds=$(( (${#targets[@]} + PARALLEL - 1) / PARALLEL ))
      left=$(( FUZZ_BUDGET - SECONDS - 10 ))
      fit=$(( left / rounds ))
      [ "$fit" -ge 15 ] || fit=15
      if [ "$fit" -lt "$seconds" ]; then
        echo "fuzz budget ${FUZZ_BUDGET}s: ${fit}s per target instead of ${seconds}s (the build took ${SECONDS}s)"
        seconds=$fit
      fi
    fi
    export -f run_one; export BIN
    printf '%s\n' "${targets[@]}" | xargs -P "$PARALLEL" -I{} bash -c 'run_one "$0" "$1"' "$seconds" {}
    ;;
esac
