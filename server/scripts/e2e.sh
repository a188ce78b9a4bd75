#!/usr/bin/env bash
# Browser tests: builds the release site, starts the server on a free port with a throwaway
# SQLite database, runs end2end/ in Debian's chromium at a phone viewport, stops the server.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -n "${NONGDIAN_TOOLCHAIN:-}" ] || . server/scripts/toolchain.sh
[ -n "${E2E_SKIP_BUILD:-}" ] || cargo leptos build --release --precompress >&2
data=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export DATABASE_URL="${E2E_DATABASE_URL:-sqlite://$data/e2e.db?mode=rwc}"
export NONGDIAN_KEY_DIR="$data/keys"
export NONGDIAN_PUBLIC_URL="http://127.0.0.1:$port"
LEPTOS_SITE_ROOT="$CARGO_TARGET_DIR/site" LEPTOS_SITE_ADDR="127.0.0.1:$port" NONGDIAN_CONTENT_DIR=content RUST_LOG=warn \
  "$CARGO_TARGET_DIR/release/server" serve >"$data/server.log" 2>&1 &
server_pid=$!
trap 'kill $server_pid 2>/dev/null || true; wait $server_pid 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 $server_pid 2>/dev/null || { cat "$data/server.log"; exit 1; }
  sleep 0.2
done
# A learner account for the sign-in test, made the way an administrator would.
E2E_LOGIN=13900000000 E2E_PASSWORD=e2e-password-2026
NONGDIAN_PASSWORD=$E2E_PASSWORD "$CARGO_TARGET_DIR/release/server" create-user "$E2E_LOGIN" 测试学员 learner >/dev/null
# And the first administrator, who sets up regions and an office in the office test.
E2E_ADMIN_LOGIN=e2e-admin-$port
NONGDIAN_PASSWORD=$E2E_PASSWORD "$CARGO_TARGET_DIR/release/server" create-user "$E2E_ADMIN_LOGIN" 管理员 admin >/dev/null
# The demo county for the reports test: an office, trainers and learners with a year of history.
NONGDIAN_PASSWORD=$E2E_PASSWORD "$CARGO_TARGET_DIR/release/server" generate-demo county >/dev/null
# Two learners who work through the whole course in the certificate test (JavaScript off and on),
# and one who learns offline in the offline test.
E2E_LEARNER_NOJS=13900000001 E2E_LEARNER_JS=13900000002 E2E_LEARNER_OFFLINE=13900000003
for learner in $E2E_LEARNER_NOJS $E2E_LEARNER_JS $E2E_LEARNER_OFFLINE; do
  NONGDIAN_PASSWORD=$E2E_PASSWORD "$CARGO_TARGET_DIR/release/server" create-user "$learner" 结业学员 learner >/dev/null
done
(cd end2end && E2E_BASE_URL="http://127.0.0.1:$port" E2E_LOGIN=$E2E_LOGIN E2E_PASSWORD=$E2E_PASSWORD \
  E2E_ADMIN_LOGIN=$E2E_ADMIN_LOGIN E2E_LEARNER_NOJS=$E2E_LEARNER_NOJS E2E_LEARNER_JS=$E2E_LEARNER_JS \
  E2E_LEARNER_OFFLINE=$E2E_LEARNER_OFFLINE npm test)
