#!/usr/bin/env bash
# End-to-end test of the VS Code extension in a real VS Code: code-server 4.99.4 (VS Code 1.99.3,
# the browser build) driven by Debian's Chromium through Playwright for Python.
#   NIANBAO_E2E_CACHE        where code-server and the Playwright venv go (kept between runs)
#   NIANBAO_E2E_SCREENSHOTS  where the screenshots go (default target/vscode-e2e-screenshots)
set -euo pipefail
cd "$(dirname "$0")/.."
cache=${NIANBAO_E2E_CACHE:-${HOME:-/root}/.cache/nianbao-vscode-e2e}
shots=${NIANBAO_E2E_SCREENSHOTS:-target/vscode-e2e-screenshots}
vsix=editors/vscode/nianbao.vsix
t0=$SECONDS

echo "== vscode-e2e: install (apt: chromium, fonts-noto-cjk, build tools; npm: code-server; pip: playwright)"
bash editors/vscode/e2e/setup.sh "$cache"
t_setup=$((SECONDS - t0))

echo "== vscode-e2e: build nianbao and the .vsix"
cargo build --locked --quiet
# editors/vscode/ci.sh builds and checks the .vsix; .ci/run has usually just run it.
ext=editors/vscode
if [ ! -f "$vsix" ] || [ -n "$(find "$ext/src" "$ext/syntaxes" "$ext/package.json" "$ext/package-lock.json" \
    "$ext/README.md" "$ext/language-configuration.json" -newer "$vsix" 2>/dev/null | head -n 1)" ]; then
  bash "$ext/ci.sh"
fi
t_build=$((SECONDS - t0 - t_setup))

echo "== vscode-e2e: test"
status=0
"$cache/venv/bin/python" editors/vscode/e2e/test_vscode.py \
  --code-server "$cache/node_modules/.bin/code-server" --vsix "$vsix" \
  --nianbao target/debug/nianbao --report "$(ls tests/fixtures/002_*.txt)" \
  --screenshots "$shots" || status=$?
t_test=$((SECONDS - t0 - t_setup - t_build))
echo "vscode-e2e time: install ${t_setup}s, build ${t_build}s, test ${t_test}s"
exit "$status"
