"""The committed development set: its file, regenerating it, and the matcher's figures on it.

The generator (:mod:`benchmarks.devset_generator`) and the evaluation (:mod:`benchmarks.devset_quality`)
are pure; the files are read and written here. None of the three is in the domain (issue 17, item 5).

``python -m benchmarks.devset write [PATH]`` regenerates the set (to tests/data/screening/devset.json by
default; ``-`` for stdout). ``python -m benchmarks.devset evaluate [PATH] [-v]`` prints recall and the
false-positive rate on the committed set (or PATH), overall and by kind of variant; ``-v`` also lists every
miss and false positive.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from benchmarks.devset_generator import generate
from benchmarks.devset_quality import evaluate

COMMITTED = Path(__file__).resolve().parents[1] / "tests" / "data" / "screening" / "devset.json"


def dumps(data: dict[str, Any]) -> str:
    """The committed file's text for ``data``."""
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def load(path: Path | None = None) -> dict[str, Any]:
    """The set in ``path`` (the committed one by default)."""
    data: dict[str, Any] = json.loads((path or COMMITTED).read_text(encoding="utf-8"))
    return data


def write(path: Path | None = None) -> Path:
    """Regenerate the set into ``path`` (the committed file by default)."""
    target = path or COMMITTED
    target.write_text(dumps(generate()), encoding="utf-8")
    return target


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    if not args or args[0] not in ("write", "evaluate") or len(args) > 2:
        sys.stderr.write("usage: python -m benchmarks.devset write [PATH|-] | evaluate [PATH] [-v]\n")
        return 2
    path = Path(args[1]) if len(args) == 2 and args[1] != "-" else None
    if args[0] == "write":
        if len(args) == 2 and args[1] == "-":
            sys.stdout.write(dumps(generate()))
        else:
            sys.stdout.write(f"wrote {write(path)}\n")
        return 0
    report = evaluate(load(path))
    for line in report.lines():
        sys.stdout.write(line + "\n")
    if verbose:
        for m in report.misses:
            sys.stdout.write(f"MISS {json.dumps(m, ensure_ascii=False)}\n")
        for m in report.false_positives:
            sys.stdout.write(f"FP {json.dumps(m, ensure_ascii=False)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
