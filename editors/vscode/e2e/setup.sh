#!/usr/bin/env bash
# Installs what the end-to-end test needs: a real VS Code (code-server 4.99.4 = VS Code 1.99.3, the
# browser build of VS Code, from the npm registry), Debian's Chromium to drive it, CJK fonts for the
# screenshots, and Playwright for Python in a venv (its driver only: the browser is the system one).
#   usage: setup.sh DIR     -> DIR/node_modules/.bin/code-server, DIR/venv/bin/python
# Idempotent: a finished install leaves DIR/.done-<version> and is not redone.
#
# Why the detours: code-server's postinstall downloads a ripgrep binary and prebuilt native modules
# from outside the package registries, which CI cannot reach. So install without scripts, build the
# native modules with node-gyp against the local Node headers, and put Debian's rg where VS Code
# looks for it.
set -euo pipefail
dir=${1:?usage: setup.sh DIR}
version=4.99.4
playwright_version=1.65.2
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
stamp="$dir/.done-$version-$playwright_version"

apt_packages=(build-essential pkg-config python3 python3-venv libkrb5-dev libx11-dev libxkbfile-dev
  libsecret-1-dev ripgrep chromium fonts-noto-cjk)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Other jobs on the machine may hold the dpkg lock for a while.
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ -f "$stamp" ]; then
  echo "code-server $version and playwright already installed in $dir"
  exit 0
fi

cd "$dir"
npm install --ignore-scripts --no-audit --no-fund --loglevel=error --prefix "$dir" "code-server@$version"
# Node's own headers (/usr/include/node) instead of a download.
gyp() { npx --yes node-gyp@10 rebuild --nodedir=/usr "$@"; }
# argon2 hashes passwords; unused with --auth none but loaded at start-up. Its build needs the
# variables node-pre-gyp passes; the prebuilt download fails and it falls back to compiling.
(cd node_modules/argon2 && npx --yes @mapbox/node-pre-gyp@2 install --fallback-to-build >/dev/null 2>&1)
vscode=node_modules/code-server/lib/vscode
(cd "$vscode" && npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)
for gypfile in "$vscode"/node_modules/*/binding.gyp "$vscode"/node_modules/@*/*/binding.gyp; do
  [ -f "$gypfile" ] || continue
  m=$(dirname "$gypfile")
  case "$m" in
    # Windows-only modules: nothing to build on Linux.
    *windows*|*-win*) continue ;;
    # Loads its prebuilt @parcel/watcher-linux-x64-glibc first; the source build takes minutes.
    */@parcel/watcher) continue ;;
  esac
  (cd "$m" && gyp -j max >/dev/null 2>&1) || echo "note: could not build $m"
done
mkdir -p "$vscode/node_modules/@vscode/ripgrep/bin"
cp "$(command -v rg)" "$vscode/node_modules/@vscode/ripgrep/bin/rg"
# The product expects node_modules.asar next to node_modules (it is a plain folder in code-server).
ln -sfn node_modules "$vscode/node_modules.asar"
(cd "$vscode/bin/remote-cli" && ln -sfn code-linux.sh code-server)
(cd "$vscode/bin/helpers" && ln -sfn browser-linux.sh browser.sh)
(cd "$vscode/extensions" && npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)

python3 -m venv "$dir/venv"
"$dir/venv/bin/pip" install -q --disable-pip-version-check "playwright==$playwright_version"
touch "$stamp"
