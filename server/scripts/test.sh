#!/usr/bin/env bash
# Every test, on both database engines: the content check; unit and integration tests (store,
# services, HTTP against a real server) on a temporary SQLite file and again on a throwaway
# PostgreSQL cluster; the migration drift check; then the browser tests against a server on
# SQLite and one on PostgreSQL. Installs whatever is missing first.
set -euo pipefail
cd "$(dirname "$0")/../.."
. server/scripts/toolchain.sh

say "content check"
cargo run -q -p server -- check-content content

say "unit and integration tests on SQLite"
cargo test -p app -p server

pg_dir=$(mktemp -d)
trap 'server/scripts/pg-cluster.sh stop "$pg_dir"' EXIT
pg_admin=$(server/scripts/pg-cluster.sh start "$pg_dir")
say "unit and integration tests on PostgreSQL ($pg_admin)"
NONGDIAN_TEST_POSTGRES=$pg_admin cargo test -p app -p server

say "browser tests on SQLite"
server/scripts/e2e.sh
say "browser tests on PostgreSQL"
psql "$pg_admin" -qc "CREATE DATABASE nongdian_e2e" >/dev/null
E2E_SKIP_BUILD=1 E2E_DATABASE_URL=${pg_admin%/*}/nongdian_e2e server/scripts/e2e.sh

say "PostgreSQL backup and restore (pg_dump, pg_restore, server compare-db)"
pg_base=${pg_admin%/*}
pg_dump -Fc -f "$pg_dir/e2e.dump" "$pg_base/nongdian_e2e"
psql "$pg_admin" -qc "CREATE DATABASE nongdian_restored" >/dev/null
pg_restore --no-owner -d "$pg_base/nongdian_restored" "$pg_dir/e2e.dump"
cargo run -q -p server -- compare-db "$pg_base/nongdian_e2e" "$pg_base/nongdian_restored"
