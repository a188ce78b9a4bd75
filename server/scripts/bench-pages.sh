#!/usr/bin/env bash
# Prints figures, asserts nothing: what a learner's phone downloads and how Lighthouse (mobile)
# scores the learner pages, on a release build with a throwaway SQLite database.
#   1. page weight over the wire in Debian's chromium with an empty cache (end2end/measure/
#      weigh.mjs): a lesson readable (HTML + CSS), the lesson interactive (JS + wasm), and a
#      learner's first visit (sign-in, home, one lesson, with what the service worker keeps);
#   2. Lighthouse 12 (npm, run on Debian's chromium, mobile emulation with its default slow-4G
#      throttling) on the catalogue, a lesson and the learner's home: the four category scores,
#      LCP and TBT.
#   BENCH_SKIP_BUILD=1 reuses the last release build; LIGHTHOUSE_RUNS=1 runs per page (median).
set -euo pipefail
cd "$(dirname "$0")/../.."
. server/scripts/toolchain.sh
LESSON=${LESSON:-/lessons/shouji-anzhuang-app}
LIGHTHOUSE_DIR=${LIGHTHOUSE_DIR:-${CARGO_TARGET_DIR%/}/../lighthouse}
[ -n "${BENCH_SKIP_BUILD:-}" ] || cargo leptos build --release --precompress >&2
[ -d end2end/node_modules/playwright-core ] || (cd end2end && npm ci --no-audit --no-fund >&2)
if [ ! -x "$LIGHTHOUSE_DIR/node_modules/.bin/lighthouse" ]; then
  say "npm install lighthouse@12 into $LIGHTHOUSE_DIR"
  mkdir -p "$LIGHTHOUSE_DIR" && (cd "$LIGHTHOUSE_DIR" && npm install --no-audit --no-fund lighthouse@12 >&2)
fi

work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
export DATABASE_URL="sqlite://$work/pages.db?mode=rwc" NONGDIAN_KEY_DIR="$work/keys" NONGDIAN_PUBLIC_URL="$base"
LEPTOS_SITE_ROOT="$CARGO_TARGET_DIR/site" LEPTOS_SITE_ADDR="127.0.0.1:$port" NONGDIAN_CONTENT_DIR=content RUST_LOG=warn \
  "$CARGO_TARGET_DIR/release/server" serve >"$work/server.log" 2>&1 &
server_pid=$!
trap 'kill $server_pid 2>/dev/null || true; wait $server_pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -fsS "$base/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
login=13900000009 password=bench-pages-2026
NONGDIAN_PASSWORD=$password "$CARGO_TARGET_DIR/release/server" create-user "$login" 测试学员 learner >/dev/null

[ -n "${SKIP_WEIGH:-}" ] || (cd end2end && E2E_BASE_URL="$base" E2E_LOGIN=$login E2E_PASSWORD=$password \
  PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS=1 node measure/weigh.mjs)

# The learner's home needs a session: signed in once, its cookie goes with Lighthouse's requests.
curl -fsS -o /dev/null -c "$work/jar" -H "Origin: $base" --data-urlencode "login=$login" \
  --data-urlencode "password=$password" "$base/auth/sign-in"
session=$(awk '$6 == "nd_session" { print $7 }' "$work/jar")
echo "== Lighthouse $("$LIGHTHOUSE_DIR/node_modules/.bin/lighthouse" --version) (mobile, Debian's chromium; median of ${LIGHTHOUSE_RUNS:-1})"
printf '  %-28s %5s %5s %5s %5s %9s %7s\n' page perf a11y best seo "LCP ms" "TBT ms"
for page in "catalogue /" "lesson $LESSON" "learner-home /me"; do
  set -- $page
  headers='{}'
  [ "$1" = learner-home ] && headers="{\"Cookie\": \"nd_session=$session\"}"
  for run in $(seq 1 "${LIGHTHOUSE_RUNS:-1}"); do
    CHROME_PATH=/usr/bin/chromium "$LIGHTHOUSE_DIR/node_modules/.bin/lighthouse" "$base$2" --quiet \
      --output=json --output-path="$work/lh-$1-$run.json" --extra-headers="$headers" \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu" >/dev/null 2>&1 || { echo "  $1: lighthouse failed" >&2; continue; }
  done
  python3 - "$1" "$work"/lh-"$1"-*.json <<'PY'
import json, statistics, sys
name, files = sys.argv[1], sys.argv[2:]
reports = [json.load(open(f)) for f in files]
def median(get): return statistics.median(get(r) for r in reports)
score = lambda key: median(lambda r: round((r["categories"][key]["score"] or 0) * 100))
audit = lambda key: median(lambda r: r["audits"][key]["numericValue"])
print(f"  {name:<28} {score('performance'):>5} {score('accessibility'):>5} {score('best-practices'):>5} {score('seo'):>5} "
      f"{audit('largest-contentful-paint'):>9.0f} {audit('total-blocking-time'):>7.0f}")
for category in ("accessibility", "best-practices", "seo"):
    for ref in reports[0]["categories"][category]["auditRefs"]:
        found = reports[0]["audits"][ref["id"]]
        if ref["weight"] > 0 and found["score"] is not None and found["score"] < 1:
            print(f"    {category} falls short on: {found['id']} ({found['title']})")
PY
done
echo "  [targets: performance >= 98, accessibility, best practices and SEO 100]"
