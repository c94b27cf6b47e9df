"""The domain imports only the standard library and the name libraries decision 0005 names (issue 17,
item 5): an allow-list, so that a new dependency in the domain is a decision, not an accident. The
import-linter contract in pyproject.toml forbids the web, the database and the adapters; this test says
what is allowed, which a deny-list cannot."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import rednotice.domain

NAME_LIBRARIES = {"pypinyin", "anyascii", "rapidfuzz", "ToJyutping"}
"""The libraries of docs/decisions/0005-libraries-in-the-domain.md."""

ALLOWED = frozenset(sys.stdlib_module_names) | {"rednotice"} | NAME_LIBRARIES

DOMAIN = Path(rednotice.domain.__file__).parent


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_the_domain_imports_only_what_is_allowed() -> None:
    modules = sorted(DOMAIN.rglob("*.py"))
    assert len(modules) > 10  # the walk found the domain
    outside = {
        f"{m.relative_to(DOMAIN)}: {name}" for m in modules for name in _imports(m) if name not in ALLOWED
    }
    assert not outside, f"the domain imports what decision 0005 does not allow: {sorted(outside)}"


def test_the_check_would_catch_a_new_dependency(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("import sqlalchemy\nfrom fastapi import FastAPI\nfrom . import sibling\nimport json\n")
    assert {n for n in _imports(module) if n not in ALLOWED} == {"sqlalchemy", "fastapi"}
