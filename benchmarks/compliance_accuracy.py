"""Compliance accuracy: how often the engine reaches the expected verdict (and codes) on labelled cases.

Two case sets, each a folder of notice requests plus an ``expected.json``:

* **team**: ``tests/data/cases/compliance``, the team's 16 golden cases;
* **independent**: ``tests/data/compliance_cases``, written by a helper without reading the engine
  (see its README), split into ``dev`` and ``holdout`` (the engine's developers do not look at holdout).

Every request goes through ``check(parse_request(json), EmptyContext(), today=TODAY)``. For each set, and
for each split of a set that has them, the report gives:

* verdict accuracy: the verdict is the expected one or one of ``acceptable_verdicts``;
* verdict+codes accuracy: the verdict is right and every code of ``codes`` is among the findings (and, when
  ``codes_any`` is given, at least one of those too);
* a confusion table, expected verdict x verdict got;
* the wrong cases, with expected and got verdicts and codes;
* two safety counts, which must both be 0: political or relative cases that came out ``compliant``, and
  ordinary cases (``ordinary``, ``ordinary_political_context``) that came out ``non_compliant``.

``python -m benchmarks.compliance_accuracy [--json]`` prints the tables, or with ``--json`` the figures.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from rednotice.adapters.formats.request_json import parse_request
from rednotice.domain.compliance import EmptyContext, check

ROOT = Path(__file__).resolve().parents[1]
SETS = {
    "team": ROOT / "tests" / "data" / "cases" / "compliance",
    "independent": ROOT / "tests" / "data" / "compliance_cases",
    "independent_b": ROOT / "tests" / "data" / "compliance_cases_b",
}
TODAY = date(2026, 1, 15)
VERDICTS = ("compliant", "needs_review", "non_compliant")
POLITICAL_KINDS = {"political", "relative"}
ORDINARY_KINDS = {"ordinary", "ordinary_political_context"}


def run_case(folder: Path, name: str, expected: dict[str, Any]) -> dict[str, Any]:
    """Check one request and compare the result with its expectation."""
    try:
        request = parse_request(json.loads((folder / name).read_text(encoding="utf-8")))
        result = check(request, EmptyContext(), today=TODAY)
        got, codes = result.verdict.value, sorted(set(result.codes))
    except Exception as exc:  # a crash is a wrong answer, not the end of the run
        got, codes = "error", [f"{type(exc).__name__}: {exc}"]
    allowed = [expected["verdict"], *expected.get("acceptable_verdicts", [])]
    verdict_ok = got in allowed
    codes_ok = set(expected.get("codes", [])) <= set(codes) and (
        not expected.get("codes_any") or bool(set(expected["codes_any"]) & set(codes))
    )
    return {
        "case": name,
        "kind": expected.get("kind"),
        "split": expected.get("split"),
        "expected": expected["verdict"],
        "acceptable": allowed[1:],
        "required_codes": expected.get("codes", []),
        "codes_any": expected.get("codes_any", []),
        "got": got,
        "codes": codes,
        "verdict_ok": verdict_ok,
        "verdict_codes_ok": verdict_ok and codes_ok,
    }


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Accuracy, confusion table, wrong cases and safety counts of a group of case results."""
    n = len(rows)
    confusion = {e: {g: 0 for g in (*VERDICTS, "error")} for e in VERDICTS}
    for r in rows:
        confusion[r["expected"]][r["got"]] += 1
    return {
        "cases": n,
        "verdict_accuracy": sum(r["verdict_ok"] for r in rows) / n if n else None,
        "verdict_codes_accuracy": sum(r["verdict_codes_ok"] for r in rows) / n if n else None,
        "confusion": confusion,
        "wrong": [r for r in rows if not r["verdict_codes_ok"]],
        "political_or_relative_compliant": [
            r["case"] for r in rows if r["kind"] in POLITICAL_KINDS and r["got"] == "compliant"
        ],
        "ordinary_non_compliant": [
            r["case"] for r in rows if r["kind"] in ORDINARY_KINDS and r["got"] == "non_compliant"
        ],
    }


def evaluate() -> dict[str, Any]:
    """Every set, then every split of a set that has splits."""
    out: dict[str, Any] = {"today": TODAY.isoformat(), "groups": {}}
    for set_name, folder in SETS.items():
        expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
        rows = [run_case(folder, name, expected[name]) for name in sorted(expected)]
        out["groups"][set_name] = summarise(rows)
        splits = sorted({r["split"] for r in rows if r["split"]})
        for split in splits:
            out["groups"][f"{set_name}/{split}"] = summarise([r for r in rows if r["split"] == split])
        kinds = Counter(r["kind"] for r in rows if r["kind"])
        if kinds:
            out["groups"][set_name]["kinds"] = dict(sorted(kinds.items()))
    return out


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def show(figures: dict[str, Any]) -> None:
    console = Console(width=200)
    overview = Table(title=f"Compliance accuracy (today = {figures['today']})")
    for column in (
        "group",
        "cases",
        "verdict",
        "verdict+codes",
        "political/relative → compliant",
        "ordinary → non_compliant",
    ):
        overview.add_column(column)
    for name, g in figures["groups"].items():
        overview.add_row(
            name,
            str(g["cases"]),
            pct(g["verdict_accuracy"]),
            pct(g["verdict_codes_accuracy"]),
            str(len(g["political_or_relative_compliant"])),
            str(len(g["ordinary_non_compliant"])),
        )
    console.print(overview)

    for name, g in figures["groups"].items():
        confusion = Table(title=f"{name}: expected (rows) x got (columns)")
        columns = [
            v
            for v in (*VERDICTS, "error")
            if v != "error" or any(row["error"] for row in g["confusion"].values())
        ]
        confusion.add_column("expected \\ got")
        for v in columns:
            confusion.add_column(v)
        for expected, row in g["confusion"].items():
            confusion.add_row(expected, *(str(row[v]) for v in columns))
        console.print(confusion)
        if "/" in name:  # the wrong cases are listed once, under the whole set
            continue
        if g["wrong"]:
            wrong = Table(title=f"{name}: wrong cases ({len(g['wrong'])})")
            for column in ("case", "kind", "split", "expected", "also ok", "required codes", "got", "codes"):
                wrong.add_column(column)
            for r in g["wrong"]:
                required = ", ".join(r["required_codes"])
                if r["codes_any"]:
                    required += (" + " if required else "") + "one of " + "/".join(r["codes_any"])
                wrong.add_row(
                    r["case"],
                    r["kind"] or "",
                    r["split"] or "",
                    r["expected"],
                    ", ".join(r["acceptable"]),
                    required,
                    r["got"],
                    ", ".join(r["codes"]),
                )
            console.print(wrong)
        for label, key in (
            ("political/relative cases that came out compliant", "political_or_relative_compliant"),
            ("ordinary cases that came out non_compliant", "ordinary_non_compliant"),
        ):
            if g[key]:
                console.print(f"[bold red]{name}: {label}: {', '.join(g[key])}[/]")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.compliance_accuracy")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    figures = evaluate()
    if args.json:
        print(json.dumps(figures, indent=2, ensure_ascii=False))
    else:
        show(figures)


if __name__ == "__main__":
    main()
