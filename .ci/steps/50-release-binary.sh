#!/usr/bin/env bash
# The README's first command on a clean clone: a release build (timed), a binary under 25 MB, the example article
# coded, and the documentation generated from the CLI (completions, man page).
set -euo pipefail
start=$(date +%s)
cargo build --release -p detente
echo "release build: $(( $(date +%s) - start ))s"
bin=target/release/detente
size=$(stat -c %s "$bin")
echo "binary: $size bytes"
# 25 MB as the issue counts them (its "110 MB" binary was 109,889,896 bytes).
if [ "$size" -ge 25000000 ]; then
  echo "the release binary is over 25 MB ($size bytes)" >&2
  exit 1
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$bin" code examples/article.txt --format jsonl > "$out/article.jsonl"
grep -q '"events":\[{' "$out/article.jsonl"
"$bin" completions bash > "$out/detente.bash"
grep -q detente "$out/detente.bash"
"$bin" man > "$out/detente.1"
grep -q '^\.TH' "$out/detente.1"
echo "release binary: ok"
