#!/usr/bin/env bash
# Crash safety, measured (prints figures; exits 1 if a check fails): the release server under
# learners' "lesson done" writes and household imports is killed with SIGKILL KILLS times (20) at
# random moments and restarted; then every acknowledged write must be stored exactly once, every
# import must have ended, and SQLite's integrity check must pass. On SQLite, and with
# CRASH_POSTGRES=1 on a throwaway PostgreSQL cluster too (fsync on; the server is killed, not the
# database).
set -euo pipefail
cd "$(dirname "$0")/../.."
. server/scripts/toolchain.sh
cargo leptos build --release >&2
cargo build --release -q -p server --example bench_learners >&2
bin=$CARGO_TARGET_DIR/release
work=$(mktemp -d)
chmod 755 "$work"  # the PostgreSQL cluster runs as user postgres
trap '[ -d "$work/pg" ] && server/scripts/pg-cluster.sh stop "$work/pg" >/dev/null 2>&1; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# crash ENGINE DATABASE_URL
crash() {
  mkdir -p "$work/$1"
  export WORK="$work/$1" BIN="$bin" DATABASE_URL="$2" PORT
  export NONGDIAN_PASSWORD=crash-test-2026 NONGDIAN_CONTENT_DIR=content NONGDIAN_KEY_DIR="$work/$1/keys"
  export LEPTOS_SITE_ROOT="$CARGO_TARGET_DIR/site"
  PORT=$(free_port)
  RUST_LOG=warn "$bin/server" generate-demo county >/dev/null
  "$bin/examples/bench_learners" "$2" sessions 50 >"$work/$1/tokens"
  echo "== $1: ${KILLS:-20} kills under load"
  python3 server/scripts/crash_test.py
}

crash sqlite "sqlite://$work/crash.db?mode=rwc"
if [ "${CRASH_POSTGRES:-0}" = 1 ]; then
  command -v psql >/dev/null || apt_install postgresql-client
  crash postgres "$(PG_FSYNC=on server/scripts/pg-cluster.sh start "$work/pg")"
fi
