#!/usr/bin/env bash
# Prints figures, asserts nothing:
#   1. lesson-page throughput of the server next to the same HTML served as a static file by the
#      same HTTP stack, in the same run, as a ratio (wrk, keep-alive, gzip accepted);
#   2. the page weight of a lesson page: HTML, CSS, JS and wasm, raw and gzip.
# On a 2-core machine wrk shares the cores with the server: compare ratios, not absolutes.
set -euo pipefail
cd "$(dirname "$0")/../.."
. server/scripts/toolchain.sh
command -v wrk >/dev/null || apt_install wrk
LESSON=${LESSON:-/lessons/shouji-anzhuang-app}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-16}

cargo leptos build --release --precompress >&2
cargo build --release -q -p server --example static_files >&2

work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() { for _ in $(seq 1 100); do curl -fsS "$1" >/dev/null 2>&1 && return; sleep 0.2; done; echo "no answer from $1" >&2; exit 1; }

app_port=$(free_port)
LEPTOS_SITE_ROOT="$CARGO_TARGET_DIR/site" LEPTOS_SITE_ADDR="127.0.0.1:$app_port" RUST_LOG=warn \
  DATABASE_URL="sqlite://$work/bench.db?mode=rwc" NONGDIAN_CONTENT_DIR=content \
  "$CARGO_TARGET_DIR/release/server" serve >"$work/server.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$app_port/healthz"

mkdir -p "$work/static/lessons"
curl -fsS "http://127.0.0.1:$app_port$LESSON" -o "$work/static$LESSON"
gzip -k -9 "$work/static$LESSON"
static_port=$(free_port)
"$CARGO_TARGET_DIR/release/examples/static_files" "$work/static" "127.0.0.1:$static_port" &
pids+=($!)
wait_for "http://127.0.0.1:$static_port$LESSON"

rps() {
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -H 'Accept-Encoding: gzip' "$1" | awk '/Requests\/sec/ { print $2 }'
}
echo "== lesson page throughput ($LESSON, wrk -t2 -c$CONNECTIONS -d$DURATION, gzip)"
server_rps=$(rps "http://127.0.0.1:$app_port$LESSON")
static_rps=$(rps "http://127.0.0.1:$static_port$LESSON")
printf '  %-34s %10s req/s\n' "server (render + database)" "$server_rps" "same HTML as a static file" "$static_rps"
awk -v a="$server_rps" -v b="$static_rps" 'BEGIN { printf "  %-34s %10.2f\n", "ratio server / static", a / b }'

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
total_raw=0; total_gz=0
for f in "$work/static$LESSON" "$pkg/nongdian.css" "$pkg/nongdian.js" "$pkg/nongdian.wasm"; do
  total_raw=$((total_raw + $(wc -c <"$f"))); total_gz=$((total_gz + $(gzip -9c "$f" | wc -c)))
done
printf '  %-34s %10s %10s\n' "total" "$total_raw" "$total_gz"
served=$(curl -fsS -H 'Accept-Encoding: br, gzip' -o /dev/null -w '%{size_download}' "http://127.0.0.1:$app_port/pkg/nongdian.wasm")
echo "  wasm as the server sends it to a browser accepting br: $served bytes"
echo "  (without JavaScript a learner downloads only the HTML and CSS)"
