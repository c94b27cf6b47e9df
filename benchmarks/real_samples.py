"""Real samples, read as a border system must: PAXLST travellers read / total, and the 111 real MRZs
parsed right / refused rightly / refused wrongly / misparsed against the outcomes decided from ICAO 9303
(tests/data/mrz/specimens_expected.jsonl).

    python -m benchmarks.real_samples              # this working tree
    python -m benchmarks.real_samples --rev 1193aad  # the readers as committed at a revision (before/after)

With ``--rev``, ``paxlst.py`` and ``mrz.py`` are taken from that revision with ``git show`` and loaded in
place of the installed ones; everything else (the samples, the expectations) is this tree's.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
TODAY = date(2026, 12, 4)


def _load(rev: str | None, name: str) -> ModuleType:
    path = f"src/rednotice/adapters/formats/{name}.py"
    module_name = f"rednotice.adapters.formats.{name}"
    if rev is None:
        return importlib.import_module(module_name)
    show = ["git", "show", f"{rev}:{path}"]  # git from PATH, as a developer runs it
    text = subprocess.run(show, cwd=ROOT, check=True, capture_output=True).stdout  # noqa: S603 -- git on PATH, no shell
    tmp = Path(tempfile.mkdtemp()) / f"{name}.py"
    tmp.write_bytes(text)
    spec = importlib.util.spec_from_file_location(module_name, tmp)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module  # paxlst imports mrz: both come from the same revision
    spec.loader.exec_module(module)
    return module


def paxlst_figures(paxlst: ModuleType) -> tuple[int, int]:
    expected = json.loads((DATA / "paxlst" / "expected_travellers.json").read_text(encoding="utf-8"))
    read = total = 0
    for name, count in expected.items():
        if name == "_":
            continue
        text = (DATA / "paxlst" / name).read_bytes().decode("latin-1")
        read += min(len(paxlst.read_paxlst(text, TODAY).queries), count)
        total += count
    return read, total


def _fields(doc: Any) -> dict[str, Any]:
    return {
        "format": doc.format,
        "code": doc.document_code,
        "state": doc.issuing_state,
        "family": doc.primary_identifier,
        "given": doc.secondary_identifier,
        "number": doc.document_number,
        "nationality": doc.nationality_code,
        "birth": doc.birth_date.iso() if doc.birth_date else None,
        "sex": doc.sex.value,
        "expiry": doc.expiry.iso() if doc.expiry else None,
    }


def mrz_figures(mrz: ModuleType) -> tuple[Counter[str], list[str]]:
    counts: Counter[str] = Counter()
    wrong: list[str] = []
    for line in (DATA / "mrz" / "specimens_expected.jsonl").read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        try:
            doc = mrz.parse_mrz(case["lines"], TODAY)
        except mrz.MrzError:
            outcome = "refused rightly" if case["expect"] == "refuse" else "refused wrongly"
        else:
            ok = case["expect"] == "read" and _fields(doc) == case["read"]
            outcome = "parsed right" if ok else "misparsed"
        counts[outcome] += 1
        if outcome in ("refused wrongly", "misparsed"):
            wrong.append(f"{case['n']:3d} {outcome}: {case.get('why', case['source'])}")
    return counts, wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rev", help="read with paxlst.py and mrz.py as committed at this git revision")
    args = parser.parse_args()
    mrz = _load(args.rev, "mrz")
    paxlst = _load(args.rev, "paxlst")
    read, total = paxlst_figures(paxlst)
    counts, wrong = mrz_figures(mrz)
    print(f"readers: {args.rev or 'working tree'}")
    print(f"PAXLST travellers read: {read} / {total}")
    order = ("parsed right", "refused rightly", "refused wrongly", "misparsed")
    print("MRZ (111 real zones): " + ", ".join(f"{counts[k]} {k}" for k in order))
    for line in wrong:
        print("  " + line)


if __name__ == "__main__":
    main()
