#!/usr/bin/env bash
# CI for the VS Code extension. Run from anywhere; works in editors/vscode.
# Needs Node.js >= 20 and npm; fetches packages from the npm registry.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

step() { printf '\n== vscode: %s\n' "$*"; }

step "node $(node --version), npm $(npm --version)"
step "npm ci"
# --ignore-scripts: esbuild and vsce run from their optional platform packages,
# so no install script is needed (this is also what newer npm does by default).
npm ci --no-audit --no-fund --ignore-scripts
step "typecheck"
npm run typecheck
step "build"
npm run build
step "package"
rm -f nianbao.vsix
npm run package
step "check vsix"
node scripts/check-vsix.mjs nianbao.vsix --server none
# Tests last, so the test runner's summary closes the output.
step "test"
npm test
