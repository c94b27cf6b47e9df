#!/usr/bin/env bash
# `make audit` (part of `make check`): known vulnerabilities in the installed dependencies, with pip-audit
# (Apache-2.0) against PyPI's advisory data. Runs when the package index is reachable; offline it says so
# and exits 0, so `make check` still runs everything else. Extra arguments go to pip-audit
# (e.g. AUDIT_ARGS="--ignore-vuln GHSA-xxxx" with a reason in docs/security.md).
set -u
BIN=${1:-.venv/bin}
shift || true
if ! "$BIN/python" - <<'PY'
import sys
import urllib.request

import pip

# pip-audit reads each release's advisories at pypi.org/pypi/NAME/VERSION/json: probe one such page (a
# mirror or proxy that serves only the simple index would make every package "not found", audit nothing
# and still print "No known vulnerabilities found").
url = f"https://pypi.org/pypi/pip/{pip.__version__}/json"
try:
    urllib.request.urlopen(url, timeout=10).close()
except Exception as exc:
    print(f"audit skipped: PyPI's advisory data cannot be reached ({url}: {exc}); run `make audit` online")
    sys.exit(1)
PY
then
  exit 0
fi
if [ ! -x "$BIN/pip-audit" ]; then
  if ! "$BIN/python" -m pip install --quiet -c requirements.lock 'pip-audit>=2.7,<3'; then
    echo "audit skipped: pip-audit could not be installed"
    exit 0
  fi
fi
echo "pip-audit: the packages installed in $BIN/.. (rednotice itself skipped)"
exec "$BIN/pip-audit" --skip-editable --progress-spinner off "$@"
