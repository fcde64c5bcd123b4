#!/usr/bin/env bash
# Fuzz smoke run: every fuzz target (fuzz/fuzz_targets: readers, sentence splitter, quote scanner,
# dictionary parsers, the whole coder) for FUZZ_SECONDS (60) each, two at a time, with libFuzzer on stable
# Rust, starting from the corpus kept in fuzz/corpus. Any crash, panic, hang (10 s) or failed check fails
# the step, with the reproducer saved under fuzz/artifacts/. Budget: under 8 minutes in all, so when the
# build of the instrumented targets leaves too little time, each target gets its share (15 s at least).
set -euo pipefail
cd "$(dirname "$0")/../.."
# libFuzzer itself is C++, built by libfuzzer-sys.
if ! command -v c++ >/dev/null; then
  apt-get update -qq && apt-get install -y -qq g++ >/dev/null
fi
FUZZ_BUDGET=${FUZZ_BUDGET:-470} bash fuzz/run.sh "${FUZZ_SECONDS:-60}"
# The instrumented build is a few GB that no later step reads; the corpus it found is kept.
du -sh fuzz/target 2>/dev/null || true
find fuzz/target -mindepth 1 -maxdepth 1 ! -name new-corpus -exec rm -rf {} +
