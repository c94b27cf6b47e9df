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


def _imports(path: Path, package: str = "rednotice.domain") -> set[str]:
    """The top-level names ``path`` imports; an import of rednotice itself counts as ``rednotice`` only
    inside ``rednotice.domain`` (absolute, or relative from ``package``, the module's package), else by its
    full name, so that ``from rednotice.adapters import ...`` or ``from ...web import ...`` is caught."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                modules = [".".join([*base, node.module] if node.module else base)]
            else:
                modules = [node.module or ""]
        else:
            continue
        for module in modules:
            top = module.split(".")[0]
            if top == "rednotice" and not (
                module == "rednotice.domain" or module.startswith("rednotice.domain.")
            ):
                names.add(module)
            else:
                names.add(top)
    return names


def _package(module: Path) -> str:
    parts = module.relative_to(DOMAIN).with_suffix("").parts
    package = parts if module.name == "__init__.py" else parts[:-1]
    return ".".join(["rednotice", "domain", *[p for p in package if p != "__init__"]])


def test_the_domain_imports_only_what_is_allowed() -> None:
    modules = sorted(DOMAIN.rglob("*.py"))
    assert len(modules) > 10  # the walk found the domain
    outside = {
        f"{m.relative_to(DOMAIN)}: {name}"
        for m in modules
        for name in _imports(m, _package(m))
        if name not in ALLOWED
    }
    assert not outside, f"the domain imports what decision 0005 does not allow: {sorted(outside)}"


def test_the_check_would_catch_a_new_dependency(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("import sqlalchemy\nfrom fastapi import FastAPI\nfrom . import sibling\nimport json\n")
    assert {n for n in _imports(module) if n not in ALLOWED} == {"sqlalchemy", "fastapi"}


def test_the_check_would_catch_an_outer_layer_of_rednotice(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        "from rednotice.adapters.db import store\n"
        "import rednotice.web.app\n"
        "from ...services import notices\n"  # from rednotice.domain.screening: rednotice.services
        "from ..model import Subject\n"  # rednotice.domain.model: allowed
        "from rednotice.domain.dates import PartialDate\n"
    )
    found = {n for n in _imports(module, "rednotice.domain.screening") if n not in ALLOWED}
    assert found == {"rednotice.adapters.db", "rednotice.web.app", "rednotice.services"}
