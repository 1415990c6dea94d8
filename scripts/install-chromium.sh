#!/bin/sh
# Debian's Chromium for the console's browser tests (Playwright drives it; it downloads none),
# with CJK fonts so the zh-TW screens and their screenshots show characters, not boxes.
# Installs what is missing when run as root; otherwise says what to do.
set -eu
missing=""
command -v chromium >/dev/null 2>&1 || missing="chromium"
dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q "ok installed" || missing="$missing fonts-noto-cjk"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
    echo "Missing for the console's browser tests:$missing. Run: sudo apt-get install -y $missing" >&2
    exit 1
fi
echo "Installing$missing for the console's browser tests..."
apt-get update -qq
# shellcheck disable=SC2086  # one word per package
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
