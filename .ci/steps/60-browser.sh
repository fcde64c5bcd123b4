#!/usr/bin/env bash
# Browser tests of the dashboard: Debian's Chromium driven by playwright-core (npm) against `detente serve`
# on 127.0.0.1, with a store ingested from the articles in crates/server/tests/fixtures/newsroom.jsonl.
# Screenshots of every page visited go to target/ci-artifacts/screenshots.
set -euo pipefail
cd "$(dirname "$0")/../.."
say() { printf '    [browser] %s\n' "$*"; }
start=$(date +%s)

if ! command -v chromium >/dev/null 2>&1; then
  say "installing Debian's chromium (apt)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends chromium >/dev/null
fi
say "$(chromium --version)"
command -v node >/dev/null 2>&1 || { echo "node is required (apt-get install nodejs npm)" >&2; exit 1; }

work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

say "installing playwright-core from npm (drives the system Chromium; downloads no browser)"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --prefix "$work/npm" --no-audit --no-fund --silent playwright-core@1.65.2

say "building detente (debug)"
cargo build -q -p detente
bin=target/debug/detente

say "ingesting the test articles"
"$bin" ingest --db "$work/news.db" crates/server/tests/fixtures/newsroom.jsonl
printf 'browser-test-token-%s\n' "$RANDOM$RANDOM" > "$work/token"

say "starting detente serve on 127.0.0.1 (a free port)"
"$bin" serve --db "$work/news.db" --addr 127.0.0.1:0 --token-file "$work/token" > "$work/serve.log" 2>&1 &
server_pid=$!
base=""
for _ in $(seq 1 100); do
  base=$(sed -n 's#.*dashboard \(http://127\.0\.0\.1:[0-9]*\)/ .*#\1#p' "$work/serve.log" | head -n 1)
  [ -n "$base" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.log" >&2; echo "detente serve exited" >&2; exit 1; }
  sleep 0.2
done
[ -n "$base" ] || { cat "$work/serve.log" >&2; echo "detente serve did not start" >&2; exit 1; }
say "server at $base"

shots=target/ci-artifacts/screenshots
rm -rf "$shots"
say "running the browser checks; screenshots in $shots"
BASE_URL="$base" SHOTS="$shots" EXAMPLE=examples/article.txt CHROMIUM="$(command -v chromium)" \
  NODE_PATH="$work/npm/node_modules" node crates/server/tests/browser/dashboard.cjs
say "$(ls "$shots" | wc -l) screenshots; took $(( $(date +%s) - start ))s"
