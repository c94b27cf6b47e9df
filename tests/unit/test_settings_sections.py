"""One Settings (decision 0012): the use cases' tunables are sections of it, read from the environment
names they always had, validated at start-up; the sections themselves never read the environment."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from rednotice.config import SECTION_ENV, AfterHitSettings, Environment, FiguresSettings, Settings
from rednotice.domain import figures as f
from rednotice.services import after_hit as ah
from rednotice.services import figures as fs


def settings(tmp_path: Path) -> Settings:
    return Settings(env=Environment.TEST, data_dir=tmp_path, secret_key="t" * 40)


def test_the_sections_have_their_defaults(tmp_path: Path) -> None:
    s = settings(tmp_path)
    assert s.after_hit == AfterHitSettings(extradition_request_days=60)
    assert s.figures == FiguresSettings(public_minimum=5, oversight_minimum=1)
    assert FiguresSettings().public_minimum == f.DEFAULT_PUBLIC_MINIMUM
    assert ah.AfterHitSettings is AfterHitSettings and fs.FiguresSettings is FiguresSettings  # old names


def test_the_established_environment_names_still_set_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REDNOTICE_EXTRADITION_REQUEST_DAYS", "30")
    monkeypatch.setenv("REDNOTICE_FIGURES_PUBLIC_MINIMUM", "10")
    monkeypatch.setenv("REDNOTICE_FIGURES_OVERSIGHT_MINIMUM", "3")
    s = settings(tmp_path)
    assert s.after_hit.extradition_request_days == 30
    assert (s.figures.public_minimum, s.figures.oversight_minimum) == (10, 3)
    assert set(SECTION_ENV.values()) == {
        "REDNOTICE_EXTRADITION_REQUEST_DAYS",
        "REDNOTICE_FIGURES_PUBLIC_MINIMUM",
        "REDNOTICE_FIGURES_OVERSIGHT_MINIMUM",
    }


def test_nested_names_work_and_the_established_name_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REDNOTICE_FIGURES__OVERSIGHT_MINIMUM", "2")
    monkeypatch.setenv("REDNOTICE_AFTER_HIT__EXTRADITION_REQUEST_DAYS", "40")
    assert settings(tmp_path).figures.oversight_minimum == 2
    assert settings(tmp_path).after_hit.extradition_request_days == 40
    monkeypatch.setenv("REDNOTICE_EXTRADITION_REQUEST_DAYS", "45")
    assert settings(tmp_path).after_hit.extradition_request_days == 45


@pytest.mark.parametrize(
    ("variable", "value", "said"),
    [
        ("REDNOTICE_FIGURES_PUBLIC_MINIMUM", "2", "public_minimum is a whole number from 3 to 100"),
        ("REDNOTICE_FIGURES_OVERSIGHT_MINIMUM", "0", "oversight_minimum is a whole number from 1 to 100"),
        ("REDNOTICE_EXTRADITION_REQUEST_DAYS", "3651", "extradition_request_days is a whole number"),
        ("REDNOTICE_EXTRADITION_REQUEST_DAYS", "soon", "extradition_request_days"),
    ],
)
def test_a_bad_value_stops_start_up_naming_the_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variable: str, value: str, said: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ValidationError, match=said):
        settings(tmp_path)


def test_the_sections_are_plain_values_that_never_read_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("REDNOTICE_EXTRADITION_REQUEST_DAYS", "5")
    monkeypatch.setenv("REDNOTICE_FIGURES_PUBLIC_MINIMUM", "9")
    assert AfterHitSettings().extradition_request_days == 60
    assert FiguresSettings().public_minimum == 5
    with pytest.raises(ValueError, match="from 3 to 100"):
        FiguresSettings(public_minimum=2)
    with pytest.raises(ValueError, match="whole number"):
        AfterHitSettings(extradition_request_days=True)
    frozen = AfterHitSettings()
    with pytest.raises(AttributeError):
        frozen.extradition_request_days = 3  # type: ignore[misc]
