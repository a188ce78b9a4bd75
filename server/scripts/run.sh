#!/usr/bin/env bash
# Installs what is missing, builds Nongdian (release) and serves it on SQLite with the course
# content of content/. Prints the address to open. Stop it with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/../.."
. server/scripts/toolchain.sh
cargo leptos build --release --precompress >&2
export LEPTOS_SITE_ROOT="$CARGO_TARGET_DIR/site"
export LEPTOS_SITE_ADDR=${LEPTOS_SITE_ADDR:-127.0.0.1:3000}
export DATABASE_URL=${DATABASE_URL:-sqlite://data/nongdian.db?mode=rwc}
export NONGDIAN_CONTENT_DIR=${NONGDIAN_CONTENT_DIR:-content}
exec "$CARGO_TARGET_DIR/release/server" serve
