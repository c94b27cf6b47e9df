"""A deeply nested file does not stop a folder import (issue 14, item 13): it is skipped with a clear line
and the rest is imported, on SQLite and PostgreSQL."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rednotice.adapters.formats.interpol import Rejected, read_path
from rednotice.bootstrap import Store
from rednotice.cli import common
from rednotice.cli.main import app
from rednotice.services.ports import NoticeFilter

DATA = Path(__file__).resolve().parents[1] / "data" / "interpol"
DEPTH = 100_000
pytestmark = pytest.mark.store


def deep_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "dump"
    folder.mkdir()
    shutil.copy(DATA / "detail.json", folder / "b-detail.json")
    (folder / "a-deep.json").write_text("[" * DEPTH + "]" * DEPTH)
    (folder / "c-deep-object.json").write_text('{"a":' * DEPTH + "1" + "}" * DEPTH)
    (folder / "d-deep-lines.jsonl").write_text("[" * DEPTH + "]" * DEPTH + "\n" + '{"x": 1}\n')
    return folder


def test_a_deep_file_is_a_rejected_file(tmp_path: Path) -> None:
    read = read_path(deep_folder(tmp_path))
    rejected = [i for i in read.items if isinstance(i, Rejected)]
    deep = [r for r in rejected if "nested too deeply" in r.reason]
    names = {Path(r.source.file).name for r in deep}
    assert names == {"a-deep.json", "c-deep-object.json", "d-deep-lines.jsonl"}
    assert len(read.files) == 4


@pytest.fixture
def cli(store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    assert store.settings.database_url
    monkeypatch.setenv("REDNOTICE_DATABASE_URL", store.settings.database_url)
    monkeypatch.setenv("REDNOTICE_ENV", "test")
    monkeypatch.setenv("REDNOTICE_SECRET_KEY", "s" * 40)
    monkeypatch.setenv("REDNOTICE_DATA_DIR", str(store.settings.data_dir))
    common.reset_store()
    yield CliRunner()
    common.reset_store()


def test_a_folder_import_skips_a_deep_file_and_imports_the_rest(
    cli: CliRunner, store: Store, tmp_path: Path
) -> None:
    result = cli.invoke(app, ["import", "interpol", str(deep_folder(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "a-deep.json" in result.output and "nested too deeply" in result.output
    with store.uow() as uow:
        ids = {n.id for n in uow.notices.find(NoticeFilter(limit=100)).items}
    assert "2019/31842" in ids
