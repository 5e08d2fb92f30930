#!/usr/bin/env bash
# Checks the archives scripts/release.sh made, on this Linux machine: the sums, what each archive
# holds, and the binaries inside run as their users will run them — the static x86_64 build
# directly, the aarch64 build under qemu-user, the Windows build under wine — with findings
# identical to the host's `cargo build` (scripts/check_release.py says exactly what is checked).
#
#   scripts/check-release.sh [--install] [--dist DIR] [PLATFORM...]
#
#   --install   apt-get what the platforms need: wine (64-bit), MinGW-w64, qemu-user, and the
#               zh_CN.UTF-8 locale (a console with the code page of a Chinese Windows)
#   PLATFORM    linux-x64, linux-arm64, windows-x64 (default: each one whose archive is in DIR)
#
# wine: Debian 12's wine 8.0 lacks bcryptprimitives.dll (ProcessPrng), which Rust's standard
# library imports on Windows 10+, where the DLL always exists. The check builds a stand-in from
# scripts/wine/bcryptprimitives.c into its own wine prefix (target/wine-prefix); the release
# binary itself is unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

install=0
dist=dist
platforms=()
while [ $# -gt 0 ]; do
  case "$1" in
    --install) install=1 ;;
    --dist) dist=${2:?--dist needs a value}; shift ;;
    --dist=*) dist=${1#*=} ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "check-release.sh: unknown option $1" >&2; exit 2 ;;
    *) platforms+=("$1") ;;
  esac
  shift
done
dist=$(cd "$dist" && pwd)
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)

target_of() {
  case "$1" in
    linux-x64) echo x86_64-unknown-linux-musl ;;
    linux-arm64) echo aarch64-unknown-linux-musl ;;
    windows-x64) echo x86_64-pc-windows-gnu ;;
    *) echo "check-release.sh: unknown platform $1" >&2; exit 2 ;;
  esac
}
archive_of() {
  local t
  t=$(target_of "$1")
  case "$1" in
    windows-*) echo "$dist/nianbao-$version-$t.zip" ;;
    *) echo "$dist/nianbao-$version-$t.tar.gz" ;;
  esac
}
if [ ${#platforms[@]} -eq 0 ]; then
  for p in linux-x64 linux-arm64 windows-x64; do
    [ -f "$(archive_of "$p")" ] && platforms+=("$p")
  done
  [ ${#platforms[@]} -gt 0 ] || { echo "check-release.sh: no archives of $version in $dist" >&2; exit 2; }
fi

apt_install() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "-- apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # root here and in CI; sudo on a CI runner or a workstation.
  local sudo=()
  [ "$(id -u)" = 0 ] || sudo=(sudo --preserve-env=DEBIAN_FRONTEND)
  "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq
  "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
has() { local x; for x in "${platforms[@]}"; do [ "$x" = "$1" ] && return 0; done; return 1; }
if [ "$install" = 1 ]; then
  pkgs=()
  has linux-arm64 && pkgs+=(qemu-user)
  has windows-x64 && pkgs+=(unzip wine wine64 gcc-mingw-w64-x86-64 locales)
  [ ${#pkgs[@]} -eq 0 ] || apt_install "${pkgs[@]}"
  if has windows-x64 && ! locale -a | grep -qi '^zh_CN\.utf-\?8$'; then
    sudo=()
    [ "$(id -u)" = 0 ] || sudo=(sudo)
    "${sudo[@]}" sed -i 's/^# *zh_CN.UTF-8 UTF-8/zh_CN.UTF-8 UTF-8/' /etc/locale.gen
    grep -q '^zh_CN.UTF-8 UTF-8' /etc/locale.gen || echo 'zh_CN.UTF-8 UTF-8' | "${sudo[@]}" tee -a /etc/locale.gen >/dev/null
    "${sudo[@]}" locale-gen >/dev/null
  fi
fi

echo "== sums ($dist/SHA256SUMS)"
(cd "$dist" && sha256sum -c SHA256SUMS)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
args=()
for p in "${platforms[@]}"; do
  a=$(archive_of "$p")
  name=$(basename "$a"); name=${name%.zip}; name=${name%.tar.gz}
  case "$a" in
    *.zip) unzip -q "$a" -d "$work" ;;
    *) tar -xzf "$a" -C "$work" ;;
  esac
  exe=nianbao
  case "$p" in windows-*) exe=nianbao.exe ;; esac
  for f in "$exe" README.md LICENSE; do
    [ -f "$work/$name/$f" ] || { echo "FAIL $(basename "$a") has no $name/$f"; exit 1; }
  done
  echo "-- $(basename "$a"): $(cd "$work" && find "$name" -type f | sort | tr '\n' ' ')"
  args+=("$p=$work/$name/$exe")
done

control=()
if has windows-x64; then
  export WINEPREFIX=${WINEPREFIX:-$root/target/wine-prefix} WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
  if [ ! -f "$WINEPREFIX/system.reg" ]; then
    echo "-- creating the wine prefix $WINEPREFIX"
    wine wineboot -i >/dev/null 2>&1 || true
  fi
  x86_64-w64-mingw32-gcc -shared -O2 -s -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
    scripts/wine/bcryptprimitives.c -ladvapi32
  x86_64-w64-mingw32-gcc -O2 -s -o "$work/utf8-bytes.exe" scripts/wine/utf8-bytes.c
  control=(--control-exe "$work/utf8-bytes.exe")
  trap 'wineserver -k 2>/dev/null || true; rm -rf "$work"' EXIT
fi

echo "== reference: cargo build (host)"
cargo build --locked --quiet --bin nianbao
python3 scripts/check_release.py --reference target/debug/nianbao "${control[@]}" "${args[@]}"
