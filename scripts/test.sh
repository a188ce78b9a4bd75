#!/usr/bin/env bash
# Every test: the content check, unit and integration tests (store, services, HTTP against a real
# server on a temporary SQLite file), then the browser tests. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/toolchain.sh
cargo run -q -p server -- check-content content
cargo test -p app -p server
scripts/e2e.sh
