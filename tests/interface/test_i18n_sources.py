"""No English text is built where a catalogue cannot find it (docs/i18n.md, "Messages from the domain and
the use cases"): an error message is a template with named values, never an f-string or a text glued at
run time; the CLI prints no English literal or f-string; the format readers give their reasons as
``errors.Text`` templates. Each test names the file and line of what it finds."""

from __future__ import annotations

import ast
import importlib.util
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "rednotice"
SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "i18n.py"
FOLDERS = ("adapters", "cli", "domain", "services", "web")
PRINTS = {"print", "echo", "confirm", "status"}
"""console.print / err_console.print, typer.echo, typer.confirm, console.status: what a person reads."""
MARKUP = re.compile(r"\[/?[a-z ]*\]")


def _trees(*folders: str) -> Iterator[tuple[Path, ast.AST]]:
    for folder in folders:
        for path in sorted((SRC / folder).rglob("*.py")):
            yield path, ast.parse(path.read_text(encoding="utf-8"), str(path))


def error_classes() -> set[str]:
    """The classes of domain/errors.py and every subclass of them defined in the package: the same walk
    that finds the messages to translate (scripts/i18n.py: error_classes)."""
    spec = importlib.util.spec_from_file_location("i18n_script", SCRIPT)
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    return set(script.error_classes(FOLDERS, SRC))


def _built_at_run_time(arg: ast.expr) -> bool:
    """An f-string, a "+" of texts, or "...".format(...)/"..." % (...): no catalogue can find it."""
    if isinstance(arg, ast.JoinedStr):
        return True
    if isinstance(arg, ast.BinOp) and isinstance(arg.op, ast.Add | ast.Mod):
        return any(isinstance(side, ast.Constant | ast.JoinedStr) for side in (arg.left, arg.right))
    if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and arg.func.attr == "format":
        return isinstance(arg.func.value, ast.Constant)
    if isinstance(arg, ast.IfExp):
        return _built_at_run_time(arg.body) or _built_at_run_time(arg.orelse)
    return False


def _name(call: ast.Call) -> str | None:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)


def glued_errors(folders: tuple[str, ...] = FOLDERS) -> list[str]:
    classes = error_classes()
    found = []
    for path, tree in _trees(*folders):
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and node.args
                and _name(node) in classes
                and _built_at_run_time(node.args[0])
            ):
                found.append(f"{path.relative_to(SRC)}:{node.lineno}: {ast.unparse(node.args[0])[:90]}")
    return found


def _words(text: str) -> bool:
    return bool(re.search(r"[A-Za-z]{2,}", MARKUP.sub("", text)))


def english_prints() -> list[str]:
    """CLI prints whose text is an English literal or an f-string with English words in it."""
    found = []
    for path, tree in _trees("cli"):
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and node.args and _name(node) in PRINTS):
                continue
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                english = _words(arg.value)
            elif isinstance(arg, ast.JoinedStr):
                english = any(isinstance(v, ast.Constant) and _words(str(v.value)) for v in arg.values)
            else:
                english = False
            if english:
                found.append(f"{path.relative_to(SRC)}:{node.lineno}: {ast.unparse(arg)[:90]}")
    return found


def reason_fstrings() -> list[str]:
    """A format reader's ValueError or reason built with an f-string (its reasons are Text templates)."""
    found = []
    for path, tree in _trees("adapters/formats"):
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and node.args
                and _name(node) in {"ValueError", "InputError", "InputWarning", "PaxlstProblem", "Rejected"}
            ):
                for arg in node.args:
                    if isinstance(arg, ast.JoinedStr) and any(
                        isinstance(v, ast.Constant) and _words(str(v.value)) for v in arg.values
                    ):
                        found.append(f"{path.relative_to(SRC)}:{node.lineno}: {ast.unparse(arg)[:90]}")
    return found


def test_no_error_message_is_an_f_string_or_glued() -> None:
    assert glued_errors() == []


def test_the_cli_prints_no_english_literal() -> None:
    assert english_prints() == []


def test_the_format_readers_give_their_reasons_as_templates() -> None:
    assert reason_fstrings() == []


@pytest.mark.parametrize(
    ("source", "finds"),
    [
        ('raise InvalidInput(f"no such file: {path}")', "glued"),
        ('raise MrzError2("x " + y)', "glued"),
        ('raise InvalidInput("no file {p}".format(p=p))', "glued"),
        ('raise InvalidInput("no such file: %(path)s", path=p)', ""),
        ('console.print(f"expired {n} notice(s)")', "print"),
        ('typer.echo("token revoked")', "print"),
        ('console.print(f"[green]{label}[/]: {text}")', ""),
        ('console.print(_("token revoked"))', ""),
    ],
)
def test_the_walk_finds_what_it_should(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str, finds: str
) -> None:
    """The checks above can fail: an f-string error or an English print in a module is found."""
    package = tmp_path / "rednotice"
    for folder in (*FOLDERS, "adapters/formats"):
        (package / folder).mkdir(parents=True, exist_ok=True)
    errors = SRC / "domain" / "errors.py"  # the real error classes, from which the walk starts
    (package / "domain" / "errors.py").write_text(errors.read_text(encoding="utf-8"), encoding="utf-8")
    (package / "domain" / "errs.py").write_text("class MrzError2(InvalidInput):\n    pass\n")
    (package / "cli" / "probe.py").write_text(f"def f():\n    {source}\n")
    monkeypatch.setattr(__import__(__name__, fromlist=["SRC"]), "SRC", package)
    assert bool(glued_errors()) == (finds == "glued")
    assert bool(english_prints()) == (finds == "print")
