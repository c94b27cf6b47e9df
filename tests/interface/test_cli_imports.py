"""`rednotice` starts fast: a check loads only what a check needs (issue 12, point 8).

Each case runs the command in a fresh interpreter (this test process has long since imported
everything) and lists the modules it loaded. A check needs neither the screening package and its
romanisation libraries, nor the store, nor the web stack: loading them made it a three-second process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CASES

CASE = CASES / "compliance" / "01-murder-complete.json"

NOT_FOR_A_CHECK = (
    "rednotice.domain.screening",
    "rednotice.services.screening",
    "rednotice.services.after_hit",
    "rednotice.demo",
    "rednotice.adapters.db",
    "rednotice.web",
    "rednotice.bootstrap",
    "pypinyin",
    "rapidfuzz",
    "ToJyutping",
    "anyascii",
    "jellyfish",
    "fastapi",
    "starlette",
    "uvicorn",
    "jinja2",
    "sqlalchemy",
    "alembic",
    "psycopg",
    "argon2",
    "faker",
)
"""Packages (and their submodules) that neither `rednotice` nor `rednotice check FILE` may import."""

PROBE = """
import json, sys
from rednotice.cli.main import app
try:
    app(sys.argv[1:], prog_name="rednotice")
except SystemExit as exc:
    code = exc.code
else:
    code = 0
sys.stderr.write("\\n" + json.dumps({"code": code, "modules": sorted(sys.modules)}) + "\\n")
"""


def loaded_by(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> tuple[object, set[str]]:
    """Run `rednotice ARGS` in a fresh interpreter: its exit code and every module it loaded."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )
    last = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
    assert last.startswith('{"code"'), done.stderr
    report = json.loads(last)
    return report["code"], set(report["modules"])


def heavy(modules: set[str]) -> list[str]:
    return sorted({p for p in NOT_FOR_A_CHECK for m in modules if m == p or m.startswith(p + ".")})


@pytest.mark.parametrize(
    "args",
    [
        ("check", str(CASE)),
        ("check", str(CASE), "--format", "text"),
        ("check", "no-such-file.json"),
        ("--help",),
        ("check", "--help"),
        ("screen", "--help"),
    ],
    ids=["check-json", "check-text", "check-missing-file", "help", "check-help", "screen-help"],
)
def test_a_check_and_the_bare_command_import_nothing_they_do_not_need(args: tuple[str, ...]) -> None:
    code, modules = loaded_by(*args)
    assert code == (2 if "no-such-file.json" in args else 0)
    if args[0] == "check" and "--help" not in args:
        assert "rednotice.domain.compliance" in modules
    assert heavy(modules) == []


def test_a_check_from_standard_input_imports_nothing_it_does_not_need() -> None:
    code, modules = loaded_by("check", "-", stdin=CASE.read_text(encoding="utf-8"))
    assert code == 0
    assert heavy(modules) == []


def test_a_command_that_uses_the_store_does_load_it(tmp_path: Path) -> None:
    """The probe sees what a command imports: one that needs the store has SQLAlchemy loaded."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("REDNOTICE_")}
    env["REDNOTICE_DATA_DIR"] = str(tmp_path)
    code, modules = loaded_by("db", "upgrade", env=env)
    assert code == 0
    assert {"sqlalchemy", "alembic"} <= set(heavy(modules))


def test_the_demo_command_defaults_are_the_demo_data_defaults() -> None:
    """`rednotice demo-data` repeats two defaults so that registering it does not load the demo data."""
    from rednotice import demo
    from rednotice.cli import demo as demo_cli

    assert (demo_cli.DEFAULT_NOTICES, demo_cli.DEFAULT_SEED) == (demo.DEFAULT_NOTICES, demo.DEFAULT_SEED)
