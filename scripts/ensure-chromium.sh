#!/usr/bin/env bash
# Browser tests drive Debian's Chromium; CJK fonts make Chinese/Japanese names visible in screenshots.
# Install what is missing (needs root, as on CI and dev machines).
set -euo pipefail
need=""
command -v chromium >/dev/null 2>&1 || need="$need chromium"
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need="$need fonts-noto-cjk"
command -v pdftoppm >/dev/null 2>&1 || need="$need poppler-utils"
[ -z "$need" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian packages for the browser tests:$need" >&2
  apt-get update -qq >/dev/null || true
  # shellcheck disable=SC2086 - word splitting of the package list is intended
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
elif ! command -v chromium >/dev/null 2>&1; then
  echo "chromium is missing: install Debian's 'chromium' package (browser tests will be skipped)" >&2
  if [ "${CI:-}" = "true" ]; then exit 1; fi
fi
