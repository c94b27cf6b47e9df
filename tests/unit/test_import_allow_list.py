"""The import-linter allow-list contract (tests/import_contracts.py, issue 17 item 5): it refuses what it
does not name, and pyproject.toml's domain contract names what decision 0005 and
tests/unit/test_domain_allow_list.py allow."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import grimp

from tests.import_contracts import AllowListContract
from tests.unit.test_domain_allow_list import NAME_LIBRARIES

ROOT = Path(__file__).resolve().parents[2]


def _graph() -> grimp.ImportGraph:
    graph = grimp.ImportGraph()
    for module in ("app", "app.domain", "app.domain.model", "app.domain.names", "app.web"):
        graph.add_module(module)
    for module in ("json", "collections", "rapidfuzz", "sqlalchemy"):
        graph.add_module(module, is_squashed=True)
    imports = [
        ("app.domain.model", "json", 1),
        ("app.domain.model", "collections", 2),
        ("app.domain.model", "app.domain.names", 3),
        ("app.domain.names", "rapidfuzz", 4),
        ("app.web", "sqlalchemy", 5),
        ("app.web", "app.domain.model", 6),
    ]
    for importer, imported, line in imports:
        graph.add_import(importer=importer, imported=imported, line_number=line, line_contents="import")
    return graph


def _contract(**options: Any) -> AllowListContract:
    return AllowListContract("domain", session_options={}, contract_options=options)


def test_what_it_names_is_allowed_and_the_importers_outside_are_not_checked() -> None:
    check = _contract(source_modules=["app.domain"], allowed_modules=["rapidfuzz"]).check(_graph(), False)
    assert check.kept, check.metadata


def test_anything_else_is_refused_with_its_line() -> None:
    graph = _graph()
    graph.add_import(
        importer="app.domain.names", imported="sqlalchemy", line_number=9, line_contents="import"
    )
    graph.add_import(importer="app.domain.model", imported="app.web", line_number=8, line_contents="import")
    check = _contract(source_modules=["app.domain"], allowed_modules=["rapidfuzz"]).check(graph, False)
    assert not check.kept
    assert [(x["importer"], x["imported"], x["line_numbers"]) for x in check.metadata["outside"]] == [
        ("app.domain.model", "app.web", (8,)),
        ("app.domain.names", "sqlalchemy", (9,)),
    ]
    without = _contract(source_modules=["app.domain"]).check(_graph(), False)
    assert [x["imported"] for x in without.metadata["outside"]] == ["rapidfuzz"]
    no_stdlib = _contract(
        source_modules=["app.domain"], allowed_modules=["rapidfuzz"], allow_standard_library="false"
    )
    assert [x["imported"] for x in no_stdlib.check(_graph(), False).metadata["outside"]] == [
        "collections",
        "json",
    ]


def test_the_domain_contract_allows_what_decision_0005_names() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    assert "allow_list: tests.import_contracts.AllowListContract" in config["contract_types"]
    ours = [c for c in config["contracts"] if c["type"] == "allow_list"]
    assert [c["source_modules"] for c in ours] == [["rednotice.domain"]]
    assert set(ours[0]["allowed_modules"]) == NAME_LIBRARIES
    assert ours[0].get("allow_standard_library", True) is True
