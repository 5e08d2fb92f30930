#!/usr/bin/env bash
# `nianbao check P1.pdf` beside `pdftotext -layout P1.pdf` (which only dumps
# the text), a folder of 100 PDFs on all cores, and the peak memory per file.
#
# Usage: scripts/bench-pdf.sh [RUNS]        (default 30 hyperfine runs)
#
# Needs hyperfine and poppler-utils (Debian: `apt-get install -y hyperfine
# poppler-utils`; pdftotext is only the yardstick, nianbao never calls it) and
# /usr/bin/time (package `time`). Builds nianbao in release mode.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-30}"
for tool in hyperfine pdftotext /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench-pdf: $tool not found" >&2; exit 2; }
done
cargo build --release --quiet
nianbao="$PWD/target/release/nianbao"
p1=tests/fixtures/real-pdf/P1_hongze-2024.pdf

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$p1" "$work/P1.pdf"

echo "== one file: P1 (5 pages, 240 KB)"
hyperfine -N --warmup 3 --runs "$runs" -i \
  "$nianbao check $work/P1.pdf" \
  "pdftotext -layout $work/P1.pdf $work/P1.txt" \
  "$nianbao check --format json $work/P1.pdf"

echo "== a folder of 100 PDFs (P1 and the 11 LibreOffice exports, copied)"
mkdir -p "$work/dir"
n=0
while [ "$n" -lt 100 ]; do
  for f in "$p1" tests/fixtures/shapes/pdf/*.pdf; do
    [ "$n" -lt 100 ] || break
    cp "$f" "$work/dir/$(printf %03d "$n")-$(basename "$f")"
    n=$((n + 1))
  done
done
hyperfine -N --warmup 1 --runs 10 -i \
  "$nianbao check $work/dir" \
  "sh -c 'for f in $work/dir/*.pdf; do pdftotext -layout \$f /dev/null; done'"

echo "== peak memory (max RSS) per file"
# Each file alone in a folder: beside other reports, `check` would also read
# them to find last year's report (carry-over).
mkdir -p "$work/one"
cp tests/fixtures/shapes/pdf/seed-004.pdf "$work/one/"
for f in "$work/P1.pdf" "$work/one/seed-004.pdf"; do
  /usr/bin/time -f "nianbao check $(basename "$f"): %M KB, %e s" "$nianbao" check "$f" >/dev/null 2>"$work/t" || true
  tail -1 "$work/t"
  /usr/bin/time -f "pdftotext -layout $(basename "$f"): %M KB, %e s" pdftotext -layout "$f" /dev/null 2>&1 | tail -1
done
/usr/bin/time -f "nianbao check DIR (100 PDFs): %M KB, %e s" "$nianbao" check "$work/dir" >/dev/null 2>"$work/t" || true
tail -1 "$work/t"
