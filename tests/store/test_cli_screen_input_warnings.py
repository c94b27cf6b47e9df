"""``rednotice screen`` says what it doubted in the input: a real manifest whose envelope is faulty
(the UNT segment count is wrong, as in GTAS's published test data) is screened whole, and each warning
is printed with its line, beside the count of warnings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rednotice.bootstrap import Store
from tests.conftest import DATA

SAMPLE = (
    DATA / "paxlst" / ("gtas_gtas-job-scheduler-war_src_test_resources_tamr-integration-data_flight1.txt")
)

pytestmark = pytest.mark.store


def test_the_cli_screens_a_faulty_manifest_and_prints_its_warnings(
    store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from rednotice.cli.common import reset_store
    from rednotice.cli.main import app

    assert store.settings.database_url
    monkeypatch.setenv("REDNOTICE_DATABASE_URL", store.settings.database_url)
    monkeypatch.setenv("REDNOTICE_ENV", "test")
    monkeypatch.setenv("REDNOTICE_SECRET_KEY", "s" * 40)
    monkeypatch.setenv("REDNOTICE_DATA_DIR", str(store.settings.data_dir))
    reset_store()
    try:
        result = CliRunner().invoke(app, ["screen", "--input", str(SAMPLE), "--format", "paxlst"])
    finally:
        reset_store()
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.stdout.splitlines() if x.startswith("{")]
    assert len(lines) == 10  # every traveller screened, none refused for the envelope
    assert "UNT says" in result.stderr
    assert "warning, line" in result.stderr
    assert "10 queries screened" in result.stderr
    assert "0 input error(s), 1 warning(s)" in result.stderr
