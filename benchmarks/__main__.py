"""`make bench` (python -m benchmarks [--notices N] [--only NAME]).

Each benchmark names its baseline, runs both in the same process and prints the ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.table import Table
from sqlalchemy import text

from benchmarks.seed import seed
from rednotice.adapters.db.engine import make_engine
from rednotice.adapters.db.migrate import upgrade
from rednotice.adapters.db.store import SqlUnitOfWork
from rednotice.adapters.formats.request_json import parse_request
from rednotice.domain.compliance import check
from rednotice.domain.lifecycle import Notice
from rednotice.services.compliance import check_in_store

console = Console(width=180)
CASES = Path(__file__).resolve().parents[1] / "tests" / "data" / "cases" / "compliance"
POSTGRES = os.environ.get("REDNOTICE_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def timed(fn: Callable[[], object], repeat: int) -> float:
    """Seconds per call (best of three rounds)."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(repeat):
            fn()
        best = min(best, (time.perf_counter() - start) / repeat)
    return best


def requests() -> list[Notice]:
    out = []
    for i, path in enumerate(sorted(CASES.glob("[0-9]*.json"))):
        out.append(Notice(f"2099/{i:05d}", parse_request(json.loads(path.read_text()))))
    return out


def bench_compliance(n: int) -> list[dict[str, object]]:
    notices = requests()
    results = []

    def baseline() -> None:
        for notice in notices:
            check(notice.request)

    per_baseline = timed(baseline, 20) / len(notices)
    stores = {"sqlite": None, "postgresql": POSTGRES}
    for name, url in stores.items():
        with tempfile.TemporaryDirectory() as tmp:
            if url is None:
                url = f"sqlite:///{tmp}/bench.sqlite3"
            else:
                url = f"{url}?options=-csearch_path%3Drn_bench"
                admin = make_engine(POSTGRES)
                with admin.begin() as conn:
                    conn.execute(text("DROP SCHEMA IF EXISTS rn_bench CASCADE; CREATE SCHEMA rn_bench"))
                admin.dispose()
            engine = make_engine(url)
            upgrade(engine)
            started = time.perf_counter()
            seed(engine, n)
            seeded = time.perf_counter() - started

            def with_store(engine=engine) -> None:
                with SqlUnitOfWork(engine) as uow:
                    for notice in notices:
                        check_in_store(uow, notice)

            per_store = timed(with_store, 5) / len(notices)
            results.append(
                {
                    "benchmark": f"compliance check, {n:,} notices in {name}",
                    "baseline": "same check, no store context",
                    "baseline_ms": per_baseline * 1000,
                    "ms": per_store * 1000,
                    "per_second": 1 / per_store,
                    "ratio": per_store / per_baseline,
                    "note": f"seeded in {seeded:.1f}s",
                }
            )
            engine.dispose()
    return results


def bench_accuracy() -> list[dict[str, object]]:
    """Compliance verdicts on the worked cases (benchmarks/compliance_accuracy.py), one row a set."""
    from benchmarks.compliance_accuracy import evaluate

    rows: list[dict[str, object]] = []
    for name, g in evaluate()["groups"].items():
        note = (
            f"{g['cases']} cases: verdict {g['verdict_accuracy']:.0%}, "
            f"verdict+codes {g['verdict_codes_accuracy']:.0%}; "
            f"political→compliant {len(g['political_or_relative_compliant'])}, "
            f"ordinary→non_compliant {len(g['ordinary_non_compliant'])}"
        )
        rows.append(
            {"benchmark": f"compliance accuracy: {name}", "baseline": "expected verdicts", "note": note}
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--notices", type=int, default=100_000, help="notices in the store for the check")
    parser.add_argument("--screening-notices", type=int, default=70_000)
    parser.add_argument("--queries", type=int, default=10_000)
    parser.add_argument("--figures-notices", type=int, default=1_000_000)
    parser.add_argument("--cli-runs", type=int, default=20, help="processes per command (at least 10)")
    parser.add_argument("--import-notices", type=int, default=20_000, help="notices in the import file")
    parser.add_argument(
        "--build-sizes", default="70000,700000", help="index sizes for the build and snapshot load benchmarks"
    )
    parser.add_argument("--snapshot-notices", type=int, default=20_000, help="notices for the CLI screening")
    parser.add_argument("--travellers", type=int, default=2_900, help="travellers the CLI screens")
    parser.add_argument(
        "--only",
        choices=[
            "compliance",
            "accuracy",
            "cli",
            "screening",
            "quality",
            "build",
            "http",
            "figures",
            "pages",
            "lists",
            "imports",
            "schemathesis",
            "partitions",
        ],
        default=None,
    )
    parser.add_argument("--list-sizes", default="70000", help="store sizes for the list benchmark (issue 18)")
    parser.add_argument("--fuzz-examples", type=int, default=100, help="schemathesis examples per operation")
    args = parser.parse_args()
    rows: list[dict[str, object]] = []
    if args.only in (None, "compliance"):
        rows += bench_compliance(args.notices)
    if args.only in (None, "accuracy"):
        rows += bench_accuracy()
    if args.only in (None, "cli"):
        from benchmarks.cli import bench_cli

        rows += bench_cli(args.cli_runs)
    if args.only in (None, "screening"):
        from benchmarks.screening import bench_screening

        rows += bench_screening(args.screening_notices, args.queries)
    if args.only in (None, "quality"):
        from benchmarks.screening_quality import bench_screening_quality

        rows += bench_screening_quality(args.screening_notices, args.queries)
    if args.only in (None, "build"):
        from benchmarks.screening import bench_build

        rows += bench_build(tuple(int(n) for n in args.build_sizes.split(",")))
    if args.only in (None, "snapshot"):
        from benchmarks.screening_snapshot import bench_cli_snapshot, bench_snapshot_load

        rows += bench_cli_snapshot(args.snapshot_notices, args.travellers)
        rows += bench_snapshot_load(tuple(int(n) for n in args.build_sizes.split(",")))
    if args.only in (None, "http"):
        from benchmarks.http_screening import bench_http_screening

        rows += bench_http_screening(args.screening_notices)
    if args.only in (None, "figures"):
        from benchmarks.figures import bench_figures

        rows += bench_figures(args.figures_notices)
    if args.only in (None, "pages"):
        from benchmarks.pages import bench_pages

        rows += bench_pages()
    if args.only in (None, "lists"):
        from benchmarks.lists import bench_lists

        rows += bench_lists(tuple(int(n) for n in args.list_sizes.split(",")))
    if args.only in (None, "imports"):
        from benchmarks.imports import bench_imports

        rows += bench_imports(args.import_notices)
    if args.only in (None, "schemathesis"):
        from benchmarks.schemathesis_api import bench_schemathesis

        rows += bench_schemathesis(args.fuzz_examples)
    if args.only in (None, "partitions"):
        from benchmarks.partitions import bench_partitions

        rows += bench_partitions()
    out = Path("bench-results")
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(rows, indent=2, default=str))
    table = Table(title="rednotice benchmarks (ratio = measured / baseline, same run)")
    for column in ("benchmark", "baseline", "baseline ms", "ms", "per second", "ratio", "note"):
        table.add_column(column)

    def num(value: object, fmt: str) -> str:
        return format(value, fmt) if isinstance(value, int | float) else "—"

    for r in rows:
        table.add_row(
            str(r["benchmark"]),
            str(r.get("baseline") or "—"),
            num(r.get("baseline_ms"), ".3f"),
            num(r.get("ms"), ".3f"),
            num(r.get("per_second"), ",.0f"),
            num(r.get("ratio"), ".3g") + ("x" if isinstance(r.get("ratio"), int | float) else ""),
            str(r.get("note") or ""),
        )
    console.print(table)


if __name__ == "__main__":
    main()
