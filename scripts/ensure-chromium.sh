#!/usr/bin/env bash
# Browser tests drive Debian's Chromium. Install it if missing (needs root, as on CI and dev machines).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium for the browser tests..." >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "chromium is missing: install Debian's 'chromium' package (browser tests will be skipped)" >&2
  if [ "${CI:-}" = "true" ]; then exit 1; fi
fi
