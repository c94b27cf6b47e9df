"""Process time of `rednotice check FILE` against `python -c pass` (the interpreter's own start).

`python -m benchmarks --only cli` (in `make bench`). Each command runs as a fresh process, N times
(N >= 10), alternating with the baseline so both see the same machine; the figure is the median wall
time. The check runs without a store: what it costs is the interpreter plus what the command
imports, and the issue's bar is that it imports neither the screening package nor the romanisation
libraries, the web stack or SQLAlchemy (`tests/interface/test_cli_imports.py` keeps it so).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CASES = Path(__file__).resolve().parents[1] / "tests" / "data" / "cases" / "compliance"
CASE = CASES / "01-murder-complete.json"


def _rednotice() -> list[str]:
    """The installed console script next to this interpreter, else the same entry point through -c."""
    script = Path(sys.executable).with_name("rednotice")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "from rednotice.cli.main import app; app()"]


def _wall(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(  # noqa: S603 - our own interpreter and script
        cmd,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def bench_cli(runs: int = 20) -> list[dict[str, object]]:
    runs = max(runs, 10)
    with tempfile.TemporaryDirectory() as tmp:
        # A check needs no store; settings still resolve, so point them somewhere harmless.
        env = {**os.environ, "REDNOTICE_DATA_DIR": tmp}
        check_cmd = [*_rednotice(), "check", str(CASE)]
        baseline_cmd = [sys.executable, "-c", "pass"]
        _wall(check_cmd, env)  # warm the file cache and the bytecode
        _wall(baseline_cmd, env)
        checks, baselines = [], []
        for _ in range(runs):
            baselines.append(_wall(baseline_cmd, env))
            checks.append(_wall(check_cmd, env))
        probe = subprocess.run(  # noqa: S603 - our own interpreter
            [
                sys.executable,
                "-c",
                "import sys; from rednotice.cli.main import app\n"
                "try: app(['check', sys.argv[1]])\n"
                "except SystemExit: pass\n"
                "print(len(sys.modules), file=sys.stderr)",
                str(CASE),
            ],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
    check_s, baseline_s = statistics.median(checks), statistics.median(baselines)
    return [
        {
            "benchmark": f"rednotice check FILE, process wall time (median of {runs})",
            "baseline": "python -c pass",
            "baseline_ms": baseline_s * 1000,
            "ms": check_s * 1000,
            "ratio": check_s / baseline_s,
            "note": f"{probe.stderr.strip().splitlines()[-1]} modules loaded; "
            f"min {min(checks) * 1000:.0f} ms, max {max(checks) * 1000:.0f} ms",
        }
    ]
