#!/usr/bin/env bash
# Browser tests of the dashboard: Debian's Chromium driven by playwright-core (npm) against `detente serve`
# on 127.0.0.1, with a store ingested from the articles in crates/server/tests/fixtures/newsroom.jsonl.
# Screenshots of every page visited go to target/ci-artifacts/screenshots.
set -euo pipefail
cd "$(dirname "$0")/../.."
say() { printf '    [browser] %s\n' "$*"; }
start=$(date +%s)

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]} (Debian, apt)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi
say "$(chromium --version); node $(node --version)"
# playwright-core 1.65 needs Node 20 (this machine has it); older playwright releases time out on Debian's
# Chromium 156 (1.53 measured), so an older Node is refused here rather than half-working.
playwright=1.65.2
if [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  echo "node $(node --version): playwright-core $playwright needs Node 20 or newer" >&2
  exit 1
fi

work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

say "installing playwright-core from npm (drives the system Chromium; downloads no browser)"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --prefix "$work/npm" --no-audit --no-fund --silent "playwright-core@$playwright"

# In .ci/run the tests step has built this binary already (same profile and features): no rebuild here.
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
count=$(find "$shots" -name '*.png' -size +10k | wc -l)
[ "$count" -ge 11 ] || { echo "expected 11 screenshots of at least 10 KB, found $count" >&2; exit 1; }
say "$count screenshots; took $(( $(date +%s) - start ))s"
