"""Issue 14, item 12: production loaded demo accounts with the published password."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from rednotice.bootstrap import Store
from rednotice.cli.main import app


@pytest.mark.parametrize("env", ["production", "test"])
def test_demo_data_is_refused_outside_development(
    cli_store: Store, monkeypatch: pytest.MonkeyPatch, env: str
) -> None:
    monkeypatch.setenv("REDNOTICE_ENV", env)
    monkeypatch.setenv("REDNOTICE_SECRET_KEY", "Hq3-vN8xLp2_Zr7kWm4tYb9cJd6fGs1e")
    result = CliRunner().invoke(app, ["demo-data", "--notices", "5"])
    assert result.exit_code != 0
    assert "development" in result.output
    with cli_store.uow() as uow:
        assert uow.users.all() == []
