#!/usr/bin/env bash
# `nianbao check` on 1,000 real report files against `typos` and `grep -rc`.
#
# Usage: scripts/bench-typos.sh [ROUNDS] [COPIES_PER_FIXTURE]
#        (default 11 rounds, 200 copies → 1,000 files, 9.6 MB)
#
# Installs typos (PyPI package `typos`, which ships the binary) if missing,
# builds nianbao in release mode, copies the five reports of tests/fixtures/
# into a temporary folder under distinct names, then runs every command once
# per round, in a rotating order (so no command always runs first or after
# the same one), timing each (see the Python timer below): wall time, CPU time
# (user + system) and peak memory (max RSS). Prints the median of each and
# the ratios the README quotes. Output goes to /dev/null; every command exits
# non-zero when it finds something, which is ignored. Needs /usr/bin/time
# (Debian package `time`).
#
# Commands:
#   nianbao check --format json DIR   (every finding, as JSON)
#   nianbao check DIR                 (human output, the default)
#   typos --format brief DIR          (one line per typo)
#   typos DIR                         (its default, long output with context)
#   grep -rc 总计 DIR                  (a floor: read every file, count a word)
# NIANBAO_BASELINE=/path/to/an/older/nianbao adds that build's JSON run, to
# compare before and after a change in the same run.
set -euo pipefail

cd "$(dirname "$0")/.."
rounds="${1:-11}"
copies="${2:-200}"

if ! command -v typos >/dev/null 2>&1; then
    echo "installing typos (python3 -m pip install typos)…" >&2
    python3 -m pip install --quiet typos
    hash -r
fi
# The real binary: a pyenv shim in front of it would add ~0.5 s of bash to
# every run (that is how typos looked 10× slower than it is).
typos="$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')/typos"
[ -x "$typos" ] || typos="$(command -v typos)"


nice -n 15 cargo build --release --quiet
nianbao="$PWD/target/release/nianbao"

dir="$(mktemp -d "${TMPDIR:-/tmp}/nianbao-bench.XXXXXX")"
times="$(mktemp -d "${TMPDIR:-/tmp}/nianbao-times.XXXXXX")"
trap 'rm -rf "$dir" "$times"' EXIT

bytes=0
for fixture in tests/fixtures/*.txt; do
    stem="$(basename "$fixture" .txt)"
    for ((i = 1; i <= copies; i++)); do
        cp "$fixture" "$dir/${stem}_$(printf '%04d' "$i").txt"
    done
    bytes=$((bytes + copies * $(wc -c <"$fixture")))
done
files="$(find "$dir" -type f | wc -l)"

names=("nianbao json" "nianbao human" "typos brief" "typos long" "grep -rc")
commands=(
    "$nianbao check --format json $dir"
    "$nianbao check $dir"
    "$typos --format brief $dir"
    "$typos $dir"
    "grep -rc 总计 $dir"
)
if [ -n "${NIANBAO_BASELINE:-}" ]; then
    names+=("baseline json")
    commands+=("$NIANBAO_BASELINE check --format json $dir")
fi

echo "machine: $(nproc) cores, $(uname -sm); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "nianbao: $("$nianbao" --version)"
echo "typos:   $("$typos" --version) ($typos)"
echo "grep:    $(grep --version | head -1)"
echo "corpus:  $files files, $bytes bytes"
echo "method:  $rounds rounds, each command once per round in rotating order, after one warm-up round"
echo

# Each command runs under a tiny Python timer: wall time from
# time.perf_counter and CPU time (user + system, all threads) from the
# child's rusage (os.wait4), at microsecond resolution (GNU time's 10 ms
# steps are too coarse for grep); peak RSS from GNU time.
python3 - "$rounds" "$times" "${commands[@]}" <<'PY'
import os, sys, time
rounds, out_dir, commands = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
quiet = [(os.POSIX_SPAWN_OPEN, fd, os.devnull, os.O_WRONLY, 0) for fd in (1, 2)]
rss_file = f"{out_dir}/rss"
n = len(commands)
for rnd in range(rounds + 1):
    for k in range(n):
        c = (k + rnd) % n
        # Peak RSS from GNU time: the kernel counts the memory of whatever
        # process a command was started from (Python: 13 MB) in its peak, and
        # /usr/bin/time is small. Its own CPU time is negligible.
        argv = ["/usr/bin/time", "-f", "%M", "-o", rss_file] + commands[c].split()
        start = time.perf_counter()
        pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=quiet)
        _, _, ru = os.wait4(pid, 0)
        wall = time.perf_counter() - start
        with open(rss_file) as f:
            rss = f.read().split()[-1]
        if rnd == 0:  # warm-up round: page cache, not counted
            continue
        with open(f"{out_dir}/{c}", "a") as f:
            f.write(f"{wall:.6f} {ru.ru_utime:.6f} {ru.ru_stime:.6f} {rss}\n")
PY

n=${#commands[@]}

# Median of column $2 (1 wall, 2+3 CPU, 4 max RSS KB) of file $1.
median() {
    awk -v col="$2" '{ v = (col == "cpu") ? $2 + $3 : $col; print v }' "$1" \
        | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

declare -a wall cpu rss
printf '| command | wall (s) | CPU (s) | peak RSS (MiB) |\n|---|---:|---:|---:|\n'
for ((c = 0; c < n; c++)); do
    wall[c]="$(median "$times/$c" 1)"
    cpu[c]="$(median "$times/$c" cpu)"
    rss[c]="$(median "$times/$c" 4)"
    awk -v name="${names[$c]}" -v w="${wall[c]}" -v u="${cpu[c]}" -v m="${rss[c]}" \
        'BEGIN { printf "| `%s` | %.3f | %.3f | %.1f |\n", name, w, u, m / 1024 }'
done
echo
awk -v nj="${wall[0]}" -v nh="${wall[1]}" -v tb="${wall[2]}" -v tl="${wall[3]}" -v g="${wall[4]}" \
    -v cj="${cpu[0]}" -v ct="${cpu[2]}" -v mj="${rss[0]}" -v mt="${rss[2]}" 'BEGIN {
    printf "nianbao json / typos brief, wall : %.2f×  (target ≤ 1)\n", nj / tb
    printf "nianbao json / grep -rc, wall    : %.2f×\n", nj / g
    printf "nianbao json / typos brief, RSS  : %.2f×  (target ≤ 2)\n", mj / mt
    printf "nianbao json / typos brief, CPU  : %.2f×  (target ≤ 1)\n", cj / ct
    printf "nianbao human / typos brief, wall: %.2f×\n", nh / tb
    printf "nianbao json / typos long, wall  : %.2f×  (how the README used to measure)\n", nj / tl
}'
