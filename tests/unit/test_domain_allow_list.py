"""The domain imports only the standard library and the name libraries decision 0005 names (issue 17,
item 5): an allow-list, so that a new dependency in the domain is a decision, not an accident. The
import-linter contract in pyproject.toml forbids the web, the database and the adapters; this test says
what is allowed, which a deny-list cannot.

And the domain is the matcher and the rules, not their evaluation: no module under rednotice.domain opens,
reads or writes a file, or names one under tests/ (the development set, its evaluation and the real-pairs
harness are in benchmarks/)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path, PurePosixPath

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


FILE_MODULES = {"os", "io", "pathlib", "shutil", "glob", "tempfile", "fileinput", "mmap", "importlib"}
"""Standard-library modules that reach the file system (or package data)."""
FILE_METHODS = {"read_text", "read_bytes", "write_text", "write_bytes", "iterdir", "glob", "rglob"}


def _file_access(path: Path, package: str = "rednotice.domain") -> set[str]:
    """What in ``path`` opens, reads or lists a file, or names a path under tests/: a call of ``open`` or
    ``__import__``, a method that reads or writes a file, ``__file__``, an import of a module that reaches
    the file system, a string (not a docstring, no white space) with a ``tests`` path component."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    docstrings = {
        id(n.body[0].value)
        for n in ast.walk(tree)
        if isinstance(n, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        and n.body
        and isinstance(n.body[0], ast.Expr)
        and isinstance(n.body[0].value, ast.Constant)
    }
    found = {f"import {n}" for n in _imports(path, package) if n.split(".")[0] in FILE_MODULES}
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("open", "__import__")
        ):
            found.add(f"{node.func.id}()")
        elif isinstance(node, ast.Attribute) and node.attr in FILE_METHODS:
            found.add(f".{node.attr}")
        elif isinstance(node, ast.Name) and node.id == "__file__":
            found.add("__file__")
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and not any(c.isspace() for c in node.value)
            and "tests" in PurePosixPath(node.value.replace("\\", "/")).parts
        ):
            found.add(repr(node.value))
    return found


def test_the_domain_reads_no_file_and_names_none_under_tests() -> None:
    modules = sorted(DOMAIN.rglob("*.py"))
    assert len(modules) > 10
    found = {f"{m.relative_to(DOMAIN)}: {what}" for m in modules for what in _file_access(m, _package(m))}
    assert not found, (
        f"the domain reaches files (evaluation belongs in benchmarks/ or tests/): {sorted(found)}"
    )


def test_the_file_check_would_catch_a_harness_reading_test_data(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        '"""Reads tests/data/screening/pairs.jsonl (a docstring may say so)."""\n'
        "import json\n"
        "from pathlib import Path\n"
        'DATA = Path(__file__).resolve().parents[4] / "tests" / "data"\n'
        'OTHER = "../tests/data/screening/devset.json"\n'
        'HINT = "add a case to `tests/unit/test_statutes.py`"\n'  # a message, not a path
        "def load(p):\n"
        "    with open(p) as f:\n"
        "        return [json.loads(x) for x in f] + [p.read_text()]\n"
        "class Window:\n"
        "    def open(self) -> bool:\n"  # a method called open is not a file
        "        return True\n"
    )
    assert _file_access(module) == {
        "import pathlib",
        "__file__",
        "'tests'",
        "'../tests/data/screening/devset.json'",
        "open()",
        ".read_text",
    }
