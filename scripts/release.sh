#!/usr/bin/env bash
# Release builds of nianbao for the machines its users have, all from one Debian/Ubuntu x86_64
# machine, packed as the files a user downloads:
#
#   x86_64-pc-windows-gnu          Windows 10/11 x64 (MinGW-w64)             .zip
#   x86_64-unknown-linux-musl      Linux x64, static (统信 UOS, 麒麟 on x86)   .tar.gz
#   aarch64-unknown-linux-musl     Linux ARM64, static (飞腾, 鲲鹏)            .tar.gz
#   loongarch64-unknown-linux-musl Linux LoongArch64 (龙芯), optional: built when rustup has its
#                                  standard library, else skipped with the reason
#
# Each archive is dist/nianbao-VERSION-TARGET.{zip,tar.gz} holding nianbao[.exe], README.md and
# LICENSE in a folder of the same name; dist/SHA256SUMS lists them (`sha256sum -c SHA256SUMS`).
# Archives are deterministic for given binaries: sorted names, owner 0, mtimes of the last commit.
#
#   scripts/release.sh [--install] [--profile release|dev] [--out DIR] [TARGET...]
#
#   --install   apt-get / rustup what the targets need (cross compilers, musl, zip) when missing
#   --profile   Cargo profile (default release: fat LTO, ~3 min a target on 2 cores; dev is for
#               quick checks of this script and of the binaries, as CI does)
#   TARGET...   default: the four above; a target named here must build, the default
#               loongarch64 may be skipped
#
# The Windows and aarch64 binaries are run on this machine by scripts/check-release.sh (wine,
# qemu-user). The same builds run on tags in .github/workflows/release.yml, which adds macOS.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

install=0
profile=release
out=dist
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --install) install=1 ;;
    --profile) profile=${2:?--profile needs a value}; shift ;;
    --profile=*) profile=${1#*=} ;;
    --out) out=${2:?--out needs a value}; shift ;;
    --out=*) out=${1#*=} ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "release.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1") ;;
  esac
  shift
done
optional=()
if [ ${#targets[@]} -eq 0 ]; then
  targets=(x86_64-pc-windows-gnu x86_64-unknown-linux-musl aarch64-unknown-linux-musl
    loongarch64-unknown-linux-musl)
  optional=(loongarch64-unknown-linux-musl)
fi
is_optional() { local o; for o in "${optional[@]}"; do [ "$o" = "$1" ] && return 0; done; return 1; }

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
[ -n "$version" ] || { echo "release.sh: no version in Cargo.toml" >&2; exit 2; }
case "$profile" in dev) profile_dir=debug ;; *) profile_dir=$profile ;; esac
# A dev binary carries ~100 MB of debug info: -9 would spend half a minute on an archive that only
# a check reads.
gzip_level=-9
[ "$profile" = dev ] && gzip_level=-1
mkdir -p "$out"
out=$(cd "$out" && pwd)
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}

# Debian packages each target needs besides rustup's standard library.
apt_for() {
  case "$1" in
    x86_64-pc-windows-gnu) echo "gcc-mingw-w64-x86-64 zip" ;;
    x86_64-unknown-linux-musl) echo "musl-tools" ;;
    aarch64-unknown-linux-musl) echo "gcc-aarch64-linux-gnu libc6-dev-arm64-cross" ;;
    *) echo "" ;;
  esac
}

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
  # Other jobs on the machine may hold the dpkg lock for a while.
  "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq
  "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# C compiler and linker per target. mimalloc is C, so each target needs a C compiler for it:
# musl-gcc (musl's own headers) for x86_64; for aarch64 Debian has no musl cross compiler, and the
# glibc cross gcc compiles mimalloc's few libc calls (mmap, pthread keys, errno) the same way —
# a glibc-only symbol would fail the static link against musl, not pass silently.
set_toolchain() {
  unset CC_x86_64_unknown_linux_musl CC_aarch64_unknown_linux_musl CC_loongarch64_unknown_linux_musl \
    CARGO_TARGET_AARCH64_UNKNOWN_LINUX_MUSL_LINKER CARGO_TARGET_LOONGARCH64_UNKNOWN_LINUX_MUSL_LINKER \
    2>/dev/null || true
  case "$1" in
    x86_64-unknown-linux-musl) export CC_x86_64_unknown_linux_musl=musl-gcc ;;
    aarch64-unknown-linux-musl)
      export CC_aarch64_unknown_linux_musl=aarch64-linux-gnu-gcc
      export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_MUSL_LINKER=aarch64-linux-gnu-gcc ;;
    loongarch64-unknown-linux-musl)
      export CC_loongarch64_unknown_linux_musl=loongarch64-linux-gnu-gcc
      export CARGO_TARGET_LOONGARCH64_UNKNOWN_LINUX_MUSL_LINKER=loongarch64-linux-gnu-gcc ;;
  esac
}

# The C cross compiler set_toolchain names, if the target needs one of its own.
cross_cc() {
  case "$1" in
    aarch64-unknown-linux-musl) echo aarch64-linux-gnu-gcc ;;
    loongarch64-unknown-linux-musl) echo loongarch64-linux-gnu-gcc ;;
    x86_64-unknown-linux-musl) echo musl-gcc ;;
    x86_64-pc-windows-gnu) echo x86_64-w64-mingw32-gcc ;;
  esac
}

# Fails unless the Linux binary $1 is static: no program interpreter, no shared libraries.
check_static() {
  if readelf -lW "$1" | grep -q 'INTERP' || readelf -dW "$1" | grep -q '(NEEDED)'; then
    echo "release.sh: $1 is not static:" >&2
    readelf -dW "$1" | grep NEEDED >&2 || true
    return 1
  fi
}

pack() {
  local target=$1 bin=$2 name="nianbao-$version-$1" stage
  stage=$(mktemp -d)
  mkdir "$stage/$name"
  cp "$bin" README.md LICENSE "$stage/$name/"
  find "$stage/$name" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
  chmod 644 "$stage/$name/README.md" "$stage/$name/LICENSE"
  chmod 755 "$stage/$name/$(basename "$bin")"
  case "$target" in
    *windows*)
      rm -f "$out/$name.zip"
      (cd "$stage" && TZ=UTC zip -qX -r "$out/$name.zip" "$name")
      archive=$out/$name.zip ;;
    *)
      tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
        -C "$stage" -cf - "$name" | gzip "$gzip_level" -n > "$out/$name.tar.gz"
      archive=$out/$name.tar.gz ;;
  esac
  rm -rf "$stage"
}

built=()
skipped=()
for t in "${targets[@]}"; do
  echo "== $t ($profile)"
  t0=$SECONDS
  if [ "$install" = 1 ]; then
    # shellcheck disable=SC2046 # word splitting of the package list is intended
    apt_install $(apt_for "$t")
  fi
  if ! rustup target list --installed | grep -qx "$t"; then
    if ! err=$(rustup target add "$t" 2>&1); then
      reason=$(printf '%s\n' "$err" | grep -m1 -E 'error|status code' || printf '%s\n' "$err" | head -n 1)
      if is_optional "$t"; then
        echo "-- skipped $t: rustup target add $t failed: $reason"
        skipped+=("$t: $reason")
        continue
      fi
      echo "release.sh: rustup target add $t failed:" >&2
      printf '%s\n' "$err" | head -n 5 >&2
      exit 1
    fi
  fi
  set_toolchain "$t"
  cc=$(cross_cc "$t")
  if [ -n "$cc" ] && ! command -v "$cc" >/dev/null; then
    # Debian 12 has no LoongArch cross compiler; say so instead of failing deep in a build script.
    if is_optional "$t"; then
      echo "-- skipped $t: no C cross compiler $cc (mimalloc is C)"
      skipped+=("$t: no C cross compiler $cc")
      continue
    fi
    echo "release.sh: $t needs the C compiler $cc (scripts/release.sh --install)" >&2
    exit 1
  fi
  if ! cargo build --locked --quiet --profile "$profile" --target "$t" --bin nianbao; then
    if is_optional "$t"; then
      skipped+=("$t: cargo build failed")
      continue
    fi
    exit 1
  fi
  exe=nianbao
  case "$t" in *windows*) exe=nianbao.exe ;; esac
  bin=target/$t/$profile_dir/$exe
  case "$t" in *linux*) check_static "$bin" ;; esac
  pack "$t" "$bin"
  built+=("$t")
  printf -- '-- %s: binary %s bytes, %s %s bytes, %d s\n' "$t" "$(stat -c %s "$bin")" \
    "$(basename "$archive")" "$(stat -c %s "$archive")" $((SECONDS - t0))
done

# Sums of every archive of this version in the folder (a later run for another target keeps the
# earlier ones).
(
  cd "$out"
  shopt -s nullglob
  archives=("nianbao-$version-"*.zip "nianbao-$version-"*.tar.gz)
  [ ${#archives[@]} -eq 0 ] || sha256sum "${archives[@]}" > SHA256SUMS
)
echo "== $out/SHA256SUMS"
cat "$out/SHA256SUMS"
for s in "${skipped[@]}"; do echo "skipped: $s"; done
[ ${#built[@]} -gt 0 ] || { echo "release.sh: nothing built" >&2; exit 1; }
