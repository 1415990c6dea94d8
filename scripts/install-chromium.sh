#!/bin/sh
# Debian's Chromium for the console's browser tests (Playwright drives it; it downloads none).
# Installs the package when it is missing and we are root; otherwise says what to do.
set -eu
if command -v chromium >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "Chromium is missing: run 'sudo apt-get install -y chromium' (or this script as root)." >&2
    exit 1
fi
echo "Installing Debian's chromium package for the console's browser tests..."
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
