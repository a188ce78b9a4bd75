#!/usr/bin/env bash
# A class at once, measured (prints figures, asserts nothing): LEARNERS (500) signed-in learners on
# as many connections for DURATION (60s), each request one of: read the lesson (6 in 10), mark it
# done with a fresh event id (2 in 10), answer its quiz (2 in 10). Prints requests/s, how many were
# not answered as expected (errors), socket errors and the p99 latency. Each run is made twice: with
# THINK_MS (2000) of reading between a learner's requests (0.5-1.5 times it, at random), as a class
# works, and with none, every connection asking again the moment it is answered (the server's
# saturation: its p99 is then just the queue). SQLite by default; with LOAD_POSTGRES=1 also on a
# throwaway PostgreSQL cluster (fsync on).
set -euo pipefail
cd "$(dirname "$0")/../.."
. server/scripts/toolchain.sh
command -v wrk >/dev/null || apt_install wrk
LESSON=${LESSON:-/lessons/shouji-anzhuang-app}
DURATION=${DURATION:-60s}
LEARNERS=${LEARNERS:-500}
THINK_MS=${THINK_MS:-2000}
ulimit -n 8192
cargo leptos build --release >&2
cargo build --release -q -p server --example bench_learners >&2
bin=$CARGO_TARGET_DIR/release
work=$(mktemp -d)
chmod 755 "$work"  # the PostgreSQL cluster runs as user postgres
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; [ -d "$work/pg" ] && server/scripts/pg-cluster.sh stop "$work/pg" >/dev/null 2>&1; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() { for _ in $(seq 1 100); do curl -fsS "$1" >/dev/null 2>&1 && return; sleep 0.2; done; echo "no answer from $1" >&2; exit 1; }

# load ENGINE DATABASE_URL
load() {
  local port
  port=$(free_port)
  LEPTOS_SITE_ROOT="$CARGO_TARGET_DIR/site" LEPTOS_SITE_ADDR="127.0.0.1:$port" RUST_LOG=warn \
    DATABASE_URL="$2" NONGDIAN_CONTENT_DIR=content NONGDIAN_KEY_DIR="$work/keys-$1" \
    "$bin/server" serve >"$work/server-$1.log" 2>&1 &
  pids+=($!)
  wait_for "http://127.0.0.1:$port/healthz"
  "$bin/examples/bench_learners" "$2" sessions "$LEARNERS" >"$work/tokens-$1"
  local questions
  questions=$(curl -fsS "http://127.0.0.1:$port$LESSON" | grep -o 'name="q[0-9]*"' | sort -u | wc -l)
  local think
  for think in "$THINK_MS" 0; do
    echo "== $1: $LEARNERS learners for $DURATION, ${think} ms reading between requests (lesson ${LESSON##*/}, its quiz of $questions)"
    env TOKENS="$work/tokens-$1" LESSON_ID="${LESSON##*/}" EVENT_PREFIX="load$RANDOM" QUESTIONS="$questions" \
      ORIGIN="http://127.0.0.1:$port" MODE=mixed THINK_MS="$think" \
      wrk -t2 -c"$LEARNERS" -d"$DURATION" --timeout 10s -s server/scripts/bench/learners.lua "http://127.0.0.1:$port" \
      | awk '/^BENCH/ {
          for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
          printf "  %-22s %s\n  %-22s %s\n  %-22s %s\n  %-22s %s\n  %-22s %s ms\n",
            "requests/s", v["rps"], "answered as expected", v["ok"], "errors", v["failed"],
            "socket errors", v["socket_errors"], "p99", v["p99_ms"] }'
  done
}

load sqlite "sqlite://$work/load.db?mode=rwc"
if [ "${LOAD_POSTGRES:-0}" = 1 ]; then
  load postgres "$(PG_FSYNC=on server/scripts/pg-cluster.sh start "$work/pg")"
fi
