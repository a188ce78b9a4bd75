#!/usr/bin/env bash
# Report speed on a province-sized dataset, measured, not asserted: generates the province
# (`server generate-demo province`: 100 counties, 18,000 villages, LEARNERS learners — a million by
# default — with ~20 lesson completions each, certificates and outcomes) on SQLite and again on a
# throwaway PostgreSQL cluster, starts the release server on it, and prints the p50/p99 of a county
# office's report (warm) and of the province report (an admin's), with the server's peak memory.
# County and province reports add up roll-ups; the script also prints the first report after
# start (which rebuilds every county's roll-ups from the generated facts) and one with a period
# (added up from every learner's facts).
#   LEARNERS=1000000 ROUNDS=20
#   BENCH_SQLITE_URL=... BENCH_POSTGRES_URL=... measure these databases instead of throwaway ones
#   BENCH_SKIP_GENERATE=1 with them: measure what an earlier run generated there
set -euo pipefail
cd "$(dirname "$0")/../.."
. server/scripts/toolchain.sh
LEARNERS=${LEARNERS:-1000000}
ROUNDS=${ROUNDS:-20}
PASSWORD=bench-pass-2026
say "cargo build --release -p server"
cargo build -q --release -p server
bin=$CARGO_TARGET_DIR/release/server
work=$(mktemp -d)
chmod 755 "$work"  # the PostgreSQL cluster runs as user postgres
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [ -d "$work/pg" ] && server/scripts/pg-cluster.sh stop "$work/pg" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# p50 and p99 in milliseconds of ROUNDS requests to $1 with cookie jar $2 (after three warm-ups).
timings() {
  local url=$1 jar=$2
  for _ in 1 2 3; do curl -sf -b "$jar" -o /dev/null "$url"; done
  for _ in $(seq "$ROUNDS"); do curl -sf -b "$jar" -o /dev/null -w '%{time_total}\n' "$url"; done |
    python3 -c 'import sys; t=sorted(float(x)*1000 for x in sys.stdin); p=lambda q: t[min(len(t)-1, int(q*len(t)))]; print(f"p50 {p(0.5):7.1f} ms  p99 {p(0.99):7.1f} ms")'
}

measure() {
  local engine=$1 url=$2
  if [ -z "${BENCH_SKIP_GENERATE:-}" ]; then
    say "$engine: generating $LEARNERS learners"
    local started=$SECONDS
    DATABASE_URL=$url NONGDIAN_KEY_DIR=$work/keys NONGDIAN_PASSWORD=$PASSWORD RUST_LOG=warn,sqlx=error \
      "$bin" generate-demo province --learners "$LEARNERS" | grep '^Written'
    echo "generated in $((SECONDS - started)) s"
  fi
  local port; port=$(free_port)
  DATABASE_URL=$url NONGDIAN_KEY_DIR=$work/keys LEPTOS_SITE_ADDR=127.0.0.1:$port RUST_LOG=warn \
    "$bin" serve >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
  local base=http://127.0.0.1:$port
  for login in office-460001 bench-admin; do
    curl -sf -o /dev/null -c "$work/$login.jar" -H "Origin: $base" \
      --data-urlencode "login=$login" --data-urlencode "password=$PASSWORD" "$base/auth/sign-in"
  done
  local first; first=$(curl -sf -b "$work/bench-admin.jar" -o /dev/null -w '%{time_total}' "$base/reports")
  echo "$engine province report, first after start (rebuilds the roll-ups of counties marked since): $(python3 -c "print(f'{$first * 1000:.0f} ms')")"
  echo "$engine county report (office-460001, ~$((LEARNERS / 100)) learners): $(timings "$base/reports" "$work/office-460001.jar")"
  echo "$engine province report (bench-admin, $LEARNERS learners):          $(timings "$base/reports" "$work/bench-admin.jar")"
  local from; from=$(date -u -d '11 months ago' +%Y-%m)
  echo "$engine province report from $from (added up from facts): $(ROUNDS=3 timings "$base/reports?from=$from" "$work/bench-admin.jar")"
  [ -n "${BENCH_SKIP_GENERATE:-}" ] || echo "$engine database size: $(du -sh "${work}" | cut -f1) (data folder)"
  echo "$engine server peak memory: $(awk '/VmHWM/ {printf "%.0f MB", $2 / 1024}' /proc/$server_pid/status)"
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=
}

measure sqlite "${BENCH_SQLITE_URL:-sqlite://$work/bench.db?mode=rwc}"
if [ -n "${BENCH_POSTGRES_URL:-}" ]; then
  measure postgres "$BENCH_POSTGRES_URL"
else
  pg_admin=$(server/scripts/pg-cluster.sh start "$work/pg")
  psql "$pg_admin" -qc "CREATE DATABASE bench" >/dev/null
  measure postgres "${pg_admin%/*}/bench"
fi
