#!/usr/bin/env bash
# Coverage-guided fuzzing on stable Rust with AFL++ (cargo-afl), measured, not asserted: runs each
# target of server/fuzz for FUZZ_SECONDS (600) seconds, or until FUZZ_EXECS executions when that is
# set (AFL++'s -E; the issue asks for 10,000,000 per target), prints executions, speed, crashes and
# hangs (an input running over 1 s counts as a hang), and adds the new, minimised corpus entries
# to server/fuzz/corpus/<target>/, which server/tests/fuzz_corpus.rs replays in every test run.
# Crashing or hanging inputs are copied there too, so the normal tests fail until they are fixed.
#   FUZZ_TARGETS="lesson_source household_csv sync_batch"   FUZZ_SECONDS=600   FUZZ_EXECS=10000000
set -euo pipefail
cd "$(dirname "$0")/../.."
. server/scripts/toolchain.sh
FUZZ_SECONDS=${FUZZ_SECONDS:-600}
FUZZ_TARGETS=${FUZZ_TARGETS:-"lesson_source household_csv sync_batch"}
if [ -n "${FUZZ_EXECS:-}" ]; then limit=(-E "$FUZZ_EXECS"); else limit=(-V "$FUZZ_SECONDS"); fi
command -v cargo-afl >/dev/null || { say "cargo install cargo-afl"; cargo install cargo-afl --locked; }
# Builds AFL++ itself the first time (a C compiler and make are enough; no LLVM plugins needed).
cargo afl config --build >/dev/null 2>&1 || true
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}/fuzz"
say "cargo afl build --release (server/fuzz)"
(cd server/fuzz && cargo afl build --release -q)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1

# The smallest set of queue entries with the queue's coverage. AFL++'s Python afl-cmin (what `cargo
# afl cmin` runs) finds no tuples in these stdin targets, so use its shell version; failing that,
# keep the entries that added coverage (`+cov`).
minimise() {
  local queue=$1 out=$2 bin=$3 cmin
  cmin=$(ls "${XDG_DATA_HOME:-$HOME/.local/share}"/afl.rs/*/afl.rs-*/afl/bin/afl-cmin.bash 2>/dev/null | head -1)
  if [ -n "$cmin" ] && AFL_PATH=$(dirname "$cmin") PATH="$(dirname "$cmin"):$PATH" \
      "$cmin" -i "$queue" -o "$out" -- "$bin" >/dev/null 2>&1 && [ -n "$(ls -A "$out")" ]; then
    return
  fi
  rm -rf "$out" && mkdir -p "$out"
  for file in "$queue"/id*+cov*; do [ -f "$file" ] && cp "$file" "$out"/; done
  return 0
}

stat() { awk -F' *: *' -v key="$1" '$1 == key { print $2 }' "$2"; }

printf '%-16s %12s %10s %8s %8s %8s %8s\n' target executions "execs/s" seconds crashes hangs "new"
for target in $FUZZ_TARGETS; do
  corpus=server/fuzz/corpus/$target
  bin=$CARGO_TARGET_DIR/release/$target
  cargo afl fuzz -i "$corpus" -o "$work/$target" "${limit[@]}" -t 1000 "$bin" >"$work/$target.log" 2>&1 || {
    echo "$target: afl-fuzz stopped; see its log:" >&2; tail -20 "$work/$target.log" >&2; exit 1; }
  found=$work/$target/default
  before=$(ls "$corpus" | wc -l)
  minimise "$found/queue" "$work/$target-min" "$bin"
  for file in "$work/$target-min"/* "$found"/crashes/id* "$found"/hangs/id*; do
    [ -f "$file" ] || continue
    # Named by content: a name already there is the same input (cmin may hard-link the seeds).
    dest=$corpus/$(sha1sum "$file" | cut -c1-16)
    [ -e "$dest" ] || cp "$file" "$dest"
  done
  printf '%-16s %12s %10s %8s %8s %8s %8s\n' "$target" "$(stat execs_done "$found/fuzzer_stats")" \
    "$(stat execs_per_sec "$found/fuzzer_stats")" "$(stat run_time "$found/fuzzer_stats")" "$(stat saved_crashes "$found/fuzzer_stats")" \
    "$(stat saved_hangs "$found/fuzzer_stats")" "$(( $(ls "$corpus" | wc -l) - before ))"
done
