#!/usr/bin/env bash
# Hostile lesson sources, measured (prints figures, asserts nothing): writes one small course per
# shape (deep quote/list nesting, emphasis and bracket runs, backticks, wide tables, raw HTML, a
# huge file...), each lesson filled to just under the limits (64 KB, 600 lines) or far past them,
# and prints the wall time of `server check-content` on it (process start included, so an upper
# bound on the parsing time) and its first message. Then the editor's live preview of each one as
# a new lesson inside the real course (`content/`, checked whole as the editor does), server time
# without HTTP (examples/bench_editor.rs). The goal: each under 200 ms.
set -euo pipefail
cd "$(dirname "$0")/../.."
. server/scripts/toolchain.sh
cargo build -q --release -p server --bins --example bench_editor
bin=$CARGO_TARGET_DIR/release/server
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import os, sys
root = sys.argv[1]
front = ("---\nid: {id}\ntitle: 课\ntitle_en: Lesson\nsummary: 简介。\nsummary_en: Summary.\n"
         "order: 1\nlevel: beginner\nminutes: 8\nchecked: 2026-12-01\n---\n\n")
course = ("---\nid: c-{id}\ntitle: 课程\ntitle_en: Course\nsummary: 简介。\nsummary_en: About.\n"
          "order: 1\nlevel: beginner\n---\n")
module = ("---\nid: m-{id}\ntitle: 单元\ntitle_en: Module\nsummary: 简介。\nsummary_en: About.\n"
          "order: 1\npass_mark: 80\ntest_questions: 3\n---\n")
def fill(line_of, limit=64 * 1024 - 400, lines=580):
    """Lines of the shape up to just under the byte and line limits."""
    out, size, i = [], 0, 0
    while True:
        line = line_of(i)
        if size + len(line.encode()) + 1 > limit or len(out) >= lines:
            return "\n".join(out) + "\n"
        out.append(line); size += len(line.encode()) + 1; i += 1
shapes = {
    "nesting-6-every-line": fill(lambda i: "> - " * 3 + "a"),
    "nesting-rising-to-6": fill(lambda i: "> " * (i % 7) + "a"),
    "nesting-400-deep": "> - " * 200 + "a\n",
    "emphasis-runs": fill(lambda i: "*" * (i % 300 + 1) + "a" + "_" * (i % 300 + 1)),
    "emphasis-runs-under-cap": fill(lambda i: "*" * (i % 16 + 1) + "a" + "_" * (i % 16 + 1)),
    "emphasis-pairs": fill(lambda i: "*a_" * 40),
    "emphasis-pairs-in-short-paragraphs": fill(lambda i: "*a_ " * 45 if i % 2 == 0 else ""),
    "open-brackets": fill(lambda i: "[" * 1900),
    "link-brackets": fill(lambda i: "[a](" * 400),
    "backtick-runs": fill(lambda i: "`" * (i % 500 + 1) + " a"),
    "wide-table": fill(lambda i: "|" + "a|" * 900 if i != 1 else "|" + "-|" * 900),
    "raw-html": fill(lambda i: "<div><span>" * 150),
    "entity-runs": fill(lambda i: "&amp;" * 390),
    "long-line": "a" * 5000 + "\n",
    "huge-file": "好" * 400_000 + "\n",
    "many-lines": "a\n" * 30_000,
    "nested-80-kb": ("> - " * 20 + "a\n") * 1000,
}
for name, body in shapes.items():
    lessons = os.path.join(root, name, "c", "01-m")
    os.makedirs(lessons)
    open(os.path.join(root, name, "c", "course.md"), "w").write(course.format(id=name))
    open(os.path.join(lessons, "module.md"), "w").write(module.format(id=name))
    open(os.path.join(lessons, "01-l.md"), "w").write(front.format(id="l-" + name) + body)
PY

printf '%-36s %6s %6s  %s\n' "shape" "KB" "ms" "first message"
for dir in "$work"/*/; do
  name=$(basename "$dir")
  kb=$(( $(wc -c <"$dir/c/01-m/01-l.md") / 1024 ))
  start=$(date +%s%N)
  "$bin" check-content "$dir" >"$work/said" 2>&1 || true
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  first=$(head -1 "$work/said" | sed "s|$dir||; s|^c/01-m/||" |
    python3 -c 'import sys; print(sys.stdin.read()[:44].strip())')
  printf '%-36s %6s %6s  %s\n' "$name" "$kb" "$ms" "$first"
done

echo
echo "the editor's live preview of each, as a new lesson in the real course (server time):"
previews=()
for dir in "$work"/*/; do
  previews+=("$(basename "$dir")=$dir/c/01-m/01-l.md")
done
"$CARGO_TARGET_DIR/release/examples/bench_editor" content "${previews[@]}"
