"""Dependencies are bounded, locked and audited (issue 14, item 15)."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
PROJECT = PYPROJECT["project"]


def requirements(*groups: str) -> list[Requirement]:
    lines = list(PROJECT["dependencies"]) if "main" in groups else []
    for group in groups:
        lines += PROJECT["optional-dependencies"].get(group, [])
    return [Requirement(line) for line in lines]


def locked() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"not a pin: {line}"
            pins[canonicalize_name(name)] = version
    return pins


def test_every_dependency_has_an_upper_bound() -> None:
    groups = ("main", *PROJECT["optional-dependencies"])
    loose = [
        str(r)
        for r in requirements(*groups)
        if not any(s.operator in ("<", "<=", "==", "~=") for s in r.specifier)
    ]
    assert loose == [], f"unbounded: {loose}"


def test_the_lock_pins_every_dependency_within_its_bounds() -> None:
    pins = locked()
    assert canonicalize_name(PROJECT["name"]) not in pins
    for req in requirements("main", "test", "audit"):
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is not in requirements.lock: run `make lock`"
        assert req.specifier.contains(pins[name], prereleases=True), (
            f"requirements.lock has {req.name} {pins[name]}, outside {req.specifier}: run `make lock`"
        )


def test_make_install_uses_the_lock_and_check_audits() -> None:
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"pip install .*-c \$\(LOCK\) -e '\.\[test\]'", makefile)
    assert re.search(r"^check:.*\baudit\b", makefile, re.M)
    assert re.search(r"^lock:", makefile, re.M)


def test_the_lock_script_pins_what_pip_resolved() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from lock import lock_lines
    finally:
        sys.path.pop(0)
    report = {
        "install": [
            {"metadata": {"name": "rednotice", "version": "0.1.0"}},
            {"metadata": {"name": "Typing_Extensions", "version": "4.16.0"}},
            {"metadata": {"name": "alembic", "version": "1.20.1"}},
        ]
    }
    assert lock_lines(report) == ["alembic==1.20.1", "typing-extensions==4.16.0"]
