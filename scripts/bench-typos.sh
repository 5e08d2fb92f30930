#!/usr/bin/env bash
# Times `nianbao check` against `typos` over 1,000 real report files.
#
# Usage: scripts/bench-typos.sh [COPIES_PER_FIXTURE]   (default 200 → 1,000 files)
#
# Installs typos (PyPI package `typos`, which ships the binary) if it is
# missing, builds nianbao in release mode, copies the five reports in
# tests/fixtures/ into a temporary folder under distinct names, then times
#   nianbao check --format json DIR
#   typos DIR                  (its default: one thread per core)
#   typos --threads 1 DIR      (single-threaded, like nianbao)
# with hyperfine (warm-up included) when it is installed, else with a bash
# loop taking the median of 5 runs after one warm-up run. Both tools exit
# non-zero when they find something, so failures are ignored.
#
# A first timed run of nianbao is capped at PREFLIGHT_LIMIT seconds (default
# 120): if it takes longer, the script says so and benchmarks nianbao with
# `--disable carry-over` instead (the cross-file pairing is the part that can
# grow faster than linearly with the number of files). NIANBAO_FLAGS adds
# flags to the nianbao command, e.g. NIANBAO_FLAGS="--disable carry-over".
set -euo pipefail

cd "$(dirname "$0")/.."
copies="${1:-200}"
runs=10
limit="${PREFLIGHT_LIMIT:-120}"
flags="${NIANBAO_FLAGS:-}"

if ! command -v typos >/dev/null 2>&1; then
    echo "installing typos (python3 -m pip install typos)…" >&2
    python3 -m pip install --quiet typos
    hash -r
fi
if ! command -v hyperfine >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "trying to install hyperfine (apt-get install -y hyperfine)…" >&2
    { apt-get install -y -qq hyperfine >/dev/null 2>&1 \
        || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq hyperfine >/dev/null 2>&1; }; } \
        || echo "hyperfine not installable; falling back to a bash loop" >&2
fi

cargo build --release --quiet
nianbao="$PWD/target/release/nianbao"

dir="$(mktemp -d "${TMPDIR:-/tmp}/nianbao-bench.XXXXXX")"
trap 'rm -rf "$dir"' EXIT

bytes=0
for fixture in tests/fixtures/*.txt; do
    stem="$(basename "$fixture" .txt)"
    for ((i = 1; i <= copies; i++)); do
        cp "$fixture" "$dir/${stem}_$(printf '%04d' "$i").txt"
    done
    bytes=$((bytes + copies * $(wc -c <"$fixture")))
done
files="$(find "$dir" -type f | wc -l)"

echo "machine: $(nproc) cores, $(uname -sm); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "nianbao: $("$nianbao" --version 2>/dev/null || echo "$nianbao")"
echo "typos:   $(typos --version)"
echo "corpus:  $files files, $bytes bytes in $dir"
echo

# Pre-flight run: a warm-up that also catches a run far too slow to repeat.
start="$(date +%s%N)"
set +e
# shellcheck disable=SC2086  # $flags is split on purpose
timeout "$limit" "$nianbao" check --format json $flags "$dir" >/dev/null 2>&1
status=$?
set -e
end="$(date +%s%N)"
if [ "$status" = 124 ]; then
    echo "WARNING: nianbao check --format json${flags:+ $flags} took more than $limit s on $files files;" \
        "benchmarking with --disable carry-over instead" >&2
    flags="${flags:+$flags }--disable carry-over"
else
    awk -v t="$((end - start))" 'BEGIN { printf "pre-flight nianbao run: %.1f ms\n", t / 1e6 }'
fi
cmd_nianbao="$nianbao check --format json${flags:+ $flags} $dir"
cmd_typos="typos $dir"
cmd_typos1="typos --threads 1 $dir"

if command -v hyperfine >/dev/null 2>&1; then
    json="$dir.hyperfine.json"
    trap 'rm -rf "$dir" "$json"' EXIT
    hyperfine --ignore-failure --warmup 2 --runs "$runs" --export-json "$json" \
        -n nianbao "$cmd_nianbao" \
        -n typos "$cmd_typos" \
        -n "typos --threads 1" "$cmd_typos1"
    # Median seconds of each command, in the order above.
    mapfile -t medians < <(python3 -c '
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(r["median"])
' "$json")
    t_nianbao="${medians[0]}"
    t_typos="${medians[1]}"
    t_typos1="${medians[2]}"
    method="hyperfine, median of $runs runs after 2 warm-up runs"
else
    # Median wall time in seconds of 5 runs, after one warm-up run.
    median_of_5() {
        local samples=() start end
        "$@" >/dev/null 2>&1 || true
        for _ in 1 2 3 4 5; do
            start="$(date +%s%N)"
            "$@" >/dev/null 2>&1 || true
            end="$(date +%s%N)"
            samples+=("$((end - start))")
        done
        printf '%s\n' "${samples[@]}" | sort -n | sed -n 3p | awk '{ printf "%.6f\n", $1 / 1e9 }'
    }
    # shellcheck disable=SC2086  # the commands are split on purpose
    t_nianbao="$(median_of_5 $cmd_nianbao)"
    # shellcheck disable=SC2086
    t_typos="$(median_of_5 $cmd_typos)"
    # shellcheck disable=SC2086
    t_typos1="$(median_of_5 $cmd_typos1)"
    method="bash loop, median of 5 runs after 1 warm-up run"
fi

echo
echo "== $files files, $bytes bytes ($method) =="
awk -v fl="${flags:+ $flags}" -v n="$t_nianbao" -v t="$t_typos" -v t1="$t_typos1" -v b="$bytes" -v f="$files" 'BEGIN {
    printf "command: nianbao check --format json%s DIR\n", fl
    printf "  nianbao                   : %8.1f ms  (%6.1f MB/s, %5.1f µs/file)\n", n * 1e3, b / n / 1e6, n * 1e6 / f
    printf "  typos                     : %8.1f ms  (%6.1f MB/s, %5.1f µs/file)\n", t * 1e3, b / t / 1e6, t * 1e6 / f
    printf "  typos --threads 1         : %8.1f ms  (%6.1f MB/s, %5.1f µs/file)\n", t1 * 1e3, b / t1 / 1e6, t1 * 1e6 / f
    printf "ratio nianbao / typos             : %.2f×\n", n / t
    printf "ratio nianbao / typos --threads 1 : %.2f×\n", n / t1
}'
