#!/usr/bin/env bash
# Side-by-side benchmark of `nianbao lsp` and `typos-lsp`.
#
# Usage: scripts/bench-lsp.sh
#
# Installs typos-lsp (`cargo install --locked typos-lsp`, under nice) if it is
# not on PATH, builds nianbao and the driver in release mode, and runs the
# ignored test tests/lsp_latency.rs, which starts both servers and:
#   - opens seed report 000 concatenated 1×, 10× and 100× (8 KB, 84 KB,
#     840 KB) as files in a temporary folder, and times two workloads of 100
#     edits on each server, from sending didChange to receiving that
#     version's publishDiagnostics (p50/p99), alternating the servers in
#     blocks of 10 edits: the same digit of a table-三 row replaced, and a
#     digit appended at the end of the first table row (表二 “规章”);
#   - prints nianbao's nianbao/stats: analyses after an edit that read or
#     linted the whole text again (none may);
#   - opens 50 real reports (the five seeds ×10) on fresh servers, asking
#     what an editor asks on open, and reads VmRSS.
# Set TYPOS_LSP=/path/to/typos-lsp to use another build; LSP_BENCH_SIZES=1,100
# and LSP_BENCH_WORKLOADS=append narrow the run.
set -euo pipefail

cd "$(dirname "$0")/.."

if [ -z "${TYPOS_LSP:-}" ] && ! command -v typos-lsp >/dev/null 2>&1; then
    echo "installing typos-lsp (cargo install --locked typos-lsp)…" >&2
    nice -n 15 cargo install --locked typos-lsp
    export PATH="$HOME/.cargo/bin:$PATH"
fi
echo "typos-lsp: ${TYPOS_LSP:-$(command -v typos-lsp)}"
nice -n 15 cargo test --release --test lsp_latency --no-run --quiet
cargo test --release --test lsp_latency -- --ignored --nocapture 2>&1 \
    | grep -v '^running\|^test \|^$\|test result'
