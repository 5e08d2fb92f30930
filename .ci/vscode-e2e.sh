#!/usr/bin/env bash
# End-to-end test of the VS Code extension in a real VS Code: code-server 4.99.4 (VS Code 1.99.3,
# the browser build) driven by Debian's Chromium through Playwright for Python. The extension is the
# linux-x64 platform package with its own server inside; nothing named nianbao is on PATH.
#   NIANBAO_E2E_CACHE        where code-server and the Playwright venv go (kept between runs)
#   NIANBAO_E2E_SCREENSHOTS  where the screenshots go (default target/vscode-e2e-screenshots)
set -euo pipefail
cd "$(dirname "$0")/.."
cache=${NIANBAO_E2E_CACHE:-${HOME:-/root}/.cache/nianbao-vscode-e2e}
shots=${NIANBAO_E2E_SCREENSHOTS:-target/vscode-e2e-screenshots}
t0=$SECONDS

echo "== vscode-e2e: install (apt: chromium, fonts-noto-cjk, build tools; npm: code-server; pip: playwright)"
bash editors/vscode/e2e/setup.sh "$cache"
t_setup=$((SECONDS - t0))

echo "== vscode-e2e: build nianbao and the linux-x64 .vsix that carries it"
cargo build --locked --quiet
ext=editors/vscode
# .ci/run has usually just run editors/vscode/ci.sh (npm ci); on its own this script does it.
[ -x "$ext/node_modules/.bin/vsce" ] || (cd "$ext" && npm ci --no-audit --no-fund --ignore-scripts)
# The platform package users get from the Marketplace, with the debug server CI builds anyway
# (a release build would add minutes): the test runs it with no nianbao.path and no nianbao on PATH.
rm -rf target/vscode-vsix
bash "$ext/scripts/package-targets.sh" target/vscode-vsix linux-x64=target/debug/nianbao
vsix=$(ls target/vscode-vsix/nianbao-linux-x64-*.vsix)
t_build=$((SECONDS - t0 - t_setup))

echo "== vscode-e2e: test"
status=0
"$cache/venv/bin/python" editors/vscode/e2e/test_vscode.py \
  --code-server "$cache/node_modules/.bin/code-server" --vsix "$vsix" \
  --nianbao target/debug/nianbao --bundled --report "$(ls tests/fixtures/002_*.txt)" \
  --screenshots "$shots" || status=$?
t_test=$((SECONDS - t0 - t_setup - t_build))
echo "vscode-e2e time: install ${t_setup}s, build ${t_build}s, test ${t_test}s"
exit "$status"
