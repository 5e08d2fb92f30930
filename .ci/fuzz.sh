#!/usr/bin/env bash
# Fuzzing on the stable toolchain (no nightly, no sanitizer runtime):
# RUSTC_BOOTSTRAP lets cargo-fuzz pass the -Z flags libFuzzer needs, `-s none`
# skips AddressSanitizer (the code under test is safe Rust; panics, overflow
# checks (`-a`) and timeouts are what we look for).
#
#   bash .ci/fuzz.sh                 # every target for 60 s (CI)
#   FUZZ_SECONDS=1800 bash .ci/fuzz.sh edits   # one target, 30 min
#
# A crash leaves its input in fuzz/artifacts/TARGET/ and fails the script:
# copy it to fuzz/regressions/TARGET/ (replayed by `cargo test --test
# fuzz_replay`) before fixing the bug.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-60}"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(lint docx edits config reread html pdf)

if ! command -v cargo-fuzz >/dev/null 2>&1; then
  # A debug build of the driver: it only runs cargo, and builds in a third of the time.
  cargo install cargo-fuzz --locked --debug
fi
export RUSTC_BOOTSTRAP=1
cargo fuzz build -s none -a

# Every rendering of the shape suite (tab, pipe, PDF-like, web text, converter
# Markdown, HTML, Word, saved portal pages…) seeds the lint, docx and html targets.
if [ ! -d target/shapes ]; then
  NIANBAO_SHAPES_WRITE=1 cargo test --quiet --test shapes renderings_are_deterministic >/dev/null
fi
shape_dirs=()
for d in target/shapes/*/; do [ -d "$d" ] && shape_dirs+=("$d"); done

run_one() {
  local t=$1
  mkdir -p "fuzz/corpus/$t"
  local corpora=("fuzz/corpus/$t" "fuzz/seeds/$t")
  [ -d "fuzz/regressions/$t" ] && corpora+=("fuzz/regressions/$t")
  [ "$t" = lint ] && corpora+=(tests/fixtures tests/drafts "${shape_dirs[@]}")
  [ "$t" = docx ] && corpora+=("${shape_dirs[@]}")
  [ "$t" = html ] && corpora+=(tests/fixtures/portal "${shape_dirs[@]}")
  # Real PDFs (P1, the LibreOffice exports): whole files, cut at max_len.
  [ "$t" = pdf ] && corpora+=(tests/fixtures/real-pdf tests/pdf)
  local flags=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1)
  # Edit scripts are short seeds; let them grow.
  [ "$t" = edits ] && flags+=(-max_len=4096)
  # Whole reports with an edit script after a NUL byte (fuzz/seeds/reread).
  [ "$t" = reread ] && flags+=(-max_len=65536 -dict="$PWD/fuzz/dict/lint.dict")
  [ "$t" = pdf ] && flags+=(-max_len=65536)
  [ -f "fuzz/dict/$t.dict" ] && flags+=(-dict="$PWD/fuzz/dict/$t.dict")
  cargo fuzz run -s none -a "$t" "${corpora[@]}" -- "${flags[@]}"
}

# Two targets at a time (the machines have two cores): CI time is halved,
# each target still gets its full time.
mkdir -p target/fuzz-logs
failed=0
for ((i = 0; i < ${#targets[@]}; i += 2)); do
  pids=()
  for t in "${targets[@]:i:2}"; do
    echo "== fuzz $t (${seconds} s)"
    run_one "$t" >"target/fuzz-logs/$t.log" 2>&1 &
    pids+=("$!:$t")
  done
  for p in "${pids[@]}"; do
    if wait "${p%%:*}"; then
      grep -E "^stat::(number_of_executed_units|new_units_added|peak_rss_mb)" "target/fuzz-logs/${p#*:}.log" | sed "s/^/  ${p#*:} /" || true
    else
      echo "!! fuzz ${p#*:} failed:"; tail -40 "target/fuzz-logs/${p#*:}.log"; failed=1
    fi
  done
done
exit "$failed"
