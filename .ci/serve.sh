#!/usr/bin/env bash
# `nianbao serve` in a real browser, and Word copies with comments read by
# python-docx and converted by LibreOffice (tests/browser/serve_check.py).
# Installs what it needs: Debian's Chromium (no browser download), CJK fonts
# for the screenshots, LibreOffice Writer; Playwright and python-docx from PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

pkgs=(chromium fonts-noto-cjk libreoffice-writer)
if ! dpkg -s "${pkgs[@]}" >/dev/null 2>&1; then
  echo "-- apt-get install ${pkgs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
fi
echo "-- pip install playwright python-docx"
PIP_ROOT_USER_ACTION=ignore python3 -m pip install --quiet --disable-pip-version-check \
  "playwright>=1.40" "python-docx>=1.2"
installed=$(date +%s)
echo "-- installs took $((installed - start)) s"

cargo build --locked --quiet
python3 tests/browser/serve_check.py --nianbao target/debug/nianbao --screenshots target/serve-screenshots
echo "-- serve browser test took $(($(date +%s) - installed)) s (total $(($(date +%s) - start)) s)"
