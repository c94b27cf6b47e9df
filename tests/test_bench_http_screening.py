"""The HTTP screening benchmark, tiny: real uvicorn servers (1 and 2 workers) on free loopback ports.

Structure and success only; timings are never asserted.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from benchmarks.http_screening import bench_before_after, bench_http_screening, bench_service_before_after

KEYS = {"benchmark", "baseline", "baseline_ms", "ms", "per_second", "ratio", "note"}


def _children(pid: int) -> set[int]:
    out: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        out |= {int(c) for c in (task / "children").read_text().split()}
    return out


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads child processes from /proc")
def test_tiny_run_succeeds_and_leaves_no_server_behind() -> None:
    before = _children(os.getpid())
    rows = bench_http_screening(n_notices=300, requests=40, concurrency=4, batch=10, workers=(1, 2))

    assert _children(os.getpid()) <= before  # every server (and its workers) is gone
    service, *http = rows
    assert service["workers"] == 0
    assert [(r["workers"], r["keepalive"]) for r in http] == [
        (1, True),
        (1, True),
        (2, True),
        (2, True),
        (2, False),
        (2, False),
    ]
    for r in rows:
        assert r.keys() >= KEYS
        assert r["failed"] == 0
        for key in ("baseline_ms", "ms", "per_second", "ratio"):
            value = r[key]
            assert isinstance(value, float) and value > 0, (r["benchmark"], key, value)
    single, batched = http[0::2], http[1::2]
    for r in single:
        assert r["requests"] == r["queries"] == 40
        assert "1 query per request" in str(r["benchmark"])
    for r in batched:
        assert r["requests"] == 4 and r["queries"] == 40
        assert "10 queries per request" in str(r["benchmark"])
    for r in http:
        assert r["queries_with_hits"] == r["expected_queries_with_hits"]  # same index, same answers
        assert "WARNING" not in str(r["note"])
        p50, p99 = r["p50_ms"], r["p99_ms"]
        assert isinstance(p50, float) and isinstance(p99, float) and p99 >= p50 > 0


def test_tiny_before_after_comparison_reports_both_sides() -> None:
    """Both sides served from this tree (no git needed): the shape of the comparison rows."""
    before = _children(os.getpid()) if Path("/proc/self/task").exists() else set()
    rows = bench_before_after(None, None, n_notices=200, requests=20, clients=(2, 4), stores=("sqlite",))
    if Path("/proc/self/task").exists():
        assert _children(os.getpid()) <= before
    assert [r["clients"] for r in rows] == [2, 4]
    for r in rows:
        assert r.keys() >= KEYS
        assert r["store"] == "sqlite" and r["failed"] == 0 and r["requests"] == 20
        for key in ("before_per_second", "after_per_second", "before_p99_ms", "after_p99_ms", "ratio"):
            value = r[key]
            assert isinstance(value, float) and value > 0, (key, value)
        assert "working tree against working tree" in str(r["benchmark"])


def test_tiny_in_process_comparison_reports_both_sides() -> None:
    rows = bench_service_before_after(None, None, threads=2, each=3, n_notices=100, stores=("sqlite",))
    assert len(rows) == 1
    row = rows[0]
    assert row.keys() >= KEYS and row["store"] == "sqlite" and row["threads"] == 2
    for key in ("baseline_ms", "ms", "per_second", "ratio"):
        value = row[key]
        assert isinstance(value, float) and value > 0, (key, value)
