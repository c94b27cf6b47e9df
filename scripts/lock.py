"""Write requirements.lock from a pip resolution report (`make lock`).

`pip install --dry-run --ignore-installed --report FILE -e '.[test,audit]'` resolves every dependency as a
fresh install would, without installing anything; this turns that report into one `name==version` line
each (rednotice itself left out). `make install` uses the file as pip constraints (`-c`), so every
install gets the versions the tests passed with, on any platform: a package a platform does not need is
simply not installed.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HEADER = """\
# The versions rednotice was tested with: pip constraints for `make install` (pip install -c).
# Made by `make lock` (scripts/lock.py, from `pip install --dry-run --report` of '.[test,audit]');
# change pyproject.toml, then run `make lock` and commit both. See docs/running.md, "Dependencies".
"""


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lock_lines(report: dict[str, object], exclude: str = "rednotice") -> list[str]:
    installs = report.get("install")
    if not isinstance(installs, list):
        raise ValueError("not a pip installation report (no 'install' list)")
    pins = {}
    for item in installs:
        meta = item["metadata"]
        name = canonical(meta["name"])
        if name != exclude:
            pins[name] = meta["version"]
    return [f"{name}=={version}" for name, version in sorted(pins.items())]


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python scripts/lock.py REPORT.json > requirements.lock", file=sys.stderr)
        return 2
    report = json.loads(Path(argv[1]).read_text())
    sys.stdout.write(HEADER + "\n".join(lock_lines(report)) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
