#!/usr/bin/env bash
# Packs the extension as one universal .vsix (no server: `nianbao.path` or PATH) and one .vsix per
# platform that carries its server, as rust-analyzer and ruff ship:
#
#   bash editors/vscode/scripts/package-targets.sh OUT_DIR [VSCODE_TARGET=BINARY ...]
#
#   e.g. linux-x64=dist/x86_64-musl/nianbao win32-x64=.../nianbao.exe linux-arm64=... darwin-arm64=...
#
# OUT_DIR gets nianbao-VERSION.vsix and nianbao-VSCODE_TARGET-VERSION.vsix; the Marketplace picks
# the one for the user's platform. The binary goes to server/VSCODE_TARGET/nianbao[.exe], where
# src/binary.ts looks for it. Needs `npm ci` done in editors/vscode (ci.sh does it). Each package is
# checked with scripts/check-vsix.mjs.
set -euo pipefail
out=${1:?usage: package-targets.sh OUT_DIR [VSCODE_TARGET=BINARY ...]}
shift
mkdir -p "$out"
out=$(cd "$out" && pwd)
specs=()
for spec in "$@"; do
  bin=${spec#*=}
  # Resolve before the cd below.
  [ -f "$bin" ] || { echo "package-targets.sh: no binary $bin" >&2; exit 2; }
  specs+=("${spec%%=*}=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")")
done
cd "$(dirname "${BASH_SOURCE[0]}")/.."
version=$(node -p 'require("./package.json").version')
vsce=node_modules/.bin/vsce
[ -x "$vsce" ] || { echo "package-targets.sh: run npm ci in editors/vscode first" >&2; exit 2; }

# server/ is in .vscodeignore's allow list: it must hold exactly one platform's binary, or none.
rm -rf server
trap 'rm -rf server' EXIT

"$vsce" package --no-dependencies -o "$out/nianbao-$version.vsix" >/dev/null
node scripts/check-vsix.mjs "$out/nianbao-$version.vsix" --server none >/dev/null
echo "$out/nianbao-$version.vsix (universal) $(stat -c %s "$out/nianbao-$version.vsix" 2>/dev/null || wc -c < "$out/nianbao-$version.vsix") bytes"

for spec in "${specs[@]}"; do
  target=${spec%%=*}
  bin=${spec#*=}
  case "$target" in
    win32-*) exe=nianbao.exe ;;
    linux-*|darwin-*|alpine-*) exe=nianbao ;;
    *) echo "package-targets.sh: unknown VS Code target $target" >&2; exit 2 ;;
  esac
  rm -rf server
  mkdir -p "server/$target"
  cp "$bin" "server/$target/$exe"
  chmod 755 "server/$target/$exe"
  file="$out/nianbao-$target-$version.vsix"
  "$vsce" package --no-dependencies --target "$target" -o "$file" >/dev/null
  node scripts/check-vsix.mjs "$file" --server "$target" >/dev/null
  echo "$file $(stat -c %s "$file" 2>/dev/null || wc -c < "$file") bytes"
done
