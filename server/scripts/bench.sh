#!/usr/bin/env bash
# Prints figures, asserts nothing (targets are in issue notes and README, not here):
#   1. lesson-page throughput of the server next to the same HTML served by nginx (Debian's
#      nginx-light) and by a static file server on the server's own HTTP stack, as ratios;
#   2. "lesson done" writes/s and p99 with 200 signed-in learners on 200 connections, a fresh event
#      id per request, and afterwards the count of stored writes next to the acknowledged ones;
#   3. learner-home reads/s as those learners;
#   4. the server's resident memory while 1,000 connections are open;
#   5. the page weight of a lesson page: HTML, CSS, JS and wasm, raw, gzip and brotli.
# 2-4 run on SQLite, and on a throwaway PostgreSQL cluster (fsync on) too with BENCH_POSTGRES=1.
# On a 2-core machine wrk shares the cores with the server: compare ratios, not absolutes.
set -euo pipefail
cd "$(dirname "$0")/../.."
. server/scripts/toolchain.sh
command -v wrk >/dev/null || apt_install wrk
[ -x /usr/sbin/nginx ] || apt_install nginx-light
LESSON=${LESSON:-/lessons/shouji-anzhuang-app}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-16}
LEARNERS=${LEARNERS:-200}
ulimit -n 8192

cargo leptos build --release --precompress >&2
cargo build --release -q -p server --example static_files --example bench_learners >&2
bin=$CARGO_TARGET_DIR/release

work=$(mktemp -d)
chmod 755 "$work"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null; [ -d "$work/pg" ] && server/scripts/pg-cluster.sh stop "$work/pg" >/dev/null 2>&1; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() { for _ in $(seq 1 100); do curl -fsS "$1" >/dev/null 2>&1 && return; sleep 0.2; done; echo "no answer from $1" >&2; exit 1; }

# start_server NAME DATABASE_URL: starts the release server; sets $port and $server_pid.
start_server() {
  port=$(free_port)
  LEPTOS_SITE_ROOT="$CARGO_TARGET_DIR/site" LEPTOS_SITE_ADDR="127.0.0.1:$port" RUST_LOG=warn \
    DATABASE_URL="$2" NONGDIAN_CONTENT_DIR=content NONGDIAN_KEY_DIR="$work/keys-$1" \
    "$bin/server" serve >"$work/server-$1.log" 2>&1 &
  server_pid=$!
  pids+=("$server_pid")
  wait_for "http://127.0.0.1:$port/healthz"
}

start_server sqlite "sqlite://$work/bench.db?mode=rwc"
app_port=$port
mkdir -p "$work/static/lessons"
curl -fsS "http://127.0.0.1:$app_port$LESSON" -o "$work/static$LESSON"
gzip -k -9 "$work/static$LESSON"
static_port=$(free_port)
"$bin/examples/static_files" "$work/static" "127.0.0.1:$static_port" &
pids+=($!)
wait_for "http://127.0.0.1:$static_port$LESSON"
nginx_port=$(free_port)
cat >"$work/nginx.conf" <<NGINX
daemon on;
user root;
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx.log;
events { worker_connections 4096; }
http {
  access_log off;
  default_type text/html;
  gzip_static on;
  server { listen 127.0.0.1:$nginx_port; root $work/static; }
}
NGINX
/usr/sbin/nginx -c "$work/nginx.conf"
wait_for "http://127.0.0.1:$nginx_port$LESSON"

rps() {
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -H 'Accept-Encoding: gzip' "$1" | awk '/Requests\/sec/ { print $2 }'
}
echo "== lesson page throughput ($LESSON, wrk -t2 -c$CONNECTIONS -d$DURATION, gzip)"
server_rps=$(rps "http://127.0.0.1:$app_port$LESSON")
nginx_rps=$(rps "http://127.0.0.1:$nginx_port$LESSON")
static_rps=$(rps "http://127.0.0.1:$static_port$LESSON")
printf '  %-34s %10s req/s\n' "server (render + database)" "$server_rps" "same HTML from nginx" "$nginx_rps" \
  "same HTML from ServeDir (axum)" "$static_rps"
awk -v a="$server_rps" -v b="$nginx_rps" -v c="$static_rps" \
  'BEGIN { printf "  %-34s %10.2f\n  %-34s %10.2f\n", "ratio server / nginx", a / b, "ratio server / ServeDir", a / c }'

# learners ENGINE URL PORT PID: the signed-in learners' figures against one server.
learners() {
  local engine=$1 url=$2 port=$3 pid=$4 prefix="bench$RANDOM"
  "$bin/examples/bench_learners" "$url" sessions "$LEARNERS" >"$work/tokens-$engine"
  local common=(env TOKENS="$work/tokens-$engine" LESSON_ID="${LESSON##*/}" EVENT_PREFIX="$prefix"
    ORIGIN="http://127.0.0.1:$port")
  echo "== $engine: $LEARNERS signed-in learners"
  local line
  line=$("${common[@]}" MODE=complete wrk -t2 -c200 -d"$DURATION" -s server/scripts/bench/learners.lua \
    "http://127.0.0.1:$port" | grep '^BENCH')
  local stored
  stored=$("$bin/examples/bench_learners" "$url" count "$prefix-")
  echo "$line" | awk -v stored="$stored" '{
    for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    printf "  %-34s %10s writes/s, p99 %s ms (wrk -t2 -c200)\n", "lesson done", v["rps"], v["p99_ms"]
    printf "  %-34s %10s acknowledged, %s stored, %s refused, %s socket errors\n", "", v["ok"], stored, v["failed"], v["socket_errors"]
  }'
  line=$("${common[@]}" MODE=home wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -s server/scripts/bench/learners.lua \
    "http://127.0.0.1:$port" | grep '^BENCH')
  echo "$line" | awk '{
    for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    printf "  %-34s %10s reads/s, p99 %s ms, %s not 200 (wrk -t2 -c'"$CONNECTIONS"')\n", "learner home", v["rps"], v["p99_ms"], v["failed"]
  }'
  wrk -t2 -c1000 -d10s -H 'Accept-Encoding: gzip' "http://127.0.0.1:$port$LESSON" >"$work/wrk-1000" &
  local load=$!
  sleep 6
  local rss
  rss=$(awk '/^VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$pid/status")
  wait "$load"
  printf '  %-34s %10s MB (lesson pages, wrk -c1000)\n' "server RSS, 1,000 connections open" "$rss"
}

learners sqlite "sqlite://$work/bench.db" "$app_port" "$server_pid"
if [ "${BENCH_POSTGRES:-0}" = 1 ]; then
  pg_admin=$(PG_FSYNC=on server/scripts/pg-cluster.sh start "$work/pg")
  start_server postgres "$pg_admin"
  learners postgres "$pg_admin" "$port" "$server_pid"
fi

echo "== lesson page weight (bytes)"
pkg="$CARGO_TARGET_DIR/site/pkg"
# Brotli is what cargo-leptos --precompress stores beside each file and the server sends first.
brotli_size() { if [ -f "$1.br" ]; then wc -c <"$1.br"; else echo "-"; fi; }
weigh() { printf '  %-34s %10s %10s %10s\n' "$1" "$(wc -c <"$2")" "$(gzip -9c "$2" | wc -c)" "$(brotli_size "$2")"; }
printf '  %-34s %10s %10s %10s\n' "file" "raw" "gzip -9" "brotli"
weigh "HTML ($LESSON)" "$work/static$LESSON"
weigh "CSS (nongdian.css)" "$pkg/nongdian.css"
weigh "JS (nongdian.js)" "$pkg/nongdian.js"
weigh "wasm (nongdian.wasm)" "$pkg/nongdian.wasm"
weigh "offline helper (offline.js)" "$pkg/../offline.js"
weigh "service worker (sw.js, once)" "$pkg/../sw.js"
total_raw=0; total_gz=0
for f in "$work/static$LESSON" "$pkg/nongdian.css" "$pkg/nongdian.js" "$pkg/nongdian.wasm" "$pkg/../offline.js"; do
  total_raw=$((total_raw + $(wc -c <"$f"))); total_gz=$((total_gz + $(gzip -9c "$f" | wc -c)))
done
printf '  %-34s %10s %10s\n' "total" "$total_raw" "$total_gz"
served=$(curl -fsS -H 'Accept-Encoding: br, gzip' -o /dev/null -w '%{size_download}' "http://127.0.0.1:$app_port/pkg/nongdian.wasm")
echo "  wasm as the server sends it to a browser accepting br: $served bytes"
echo "  (without JavaScript a learner downloads only the HTML and CSS)"
