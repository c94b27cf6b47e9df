"""The reasons the format readers give, in the reader's language where they are shown (docs/i18n.md).

Every reason an input line, a document or a record is refused for (or warned about) is written as an
``errors.Text``: ``Text(N_("sex %(sex)s is not M, F, X or '<'"), sex=...)``. As a string it is English
(what the API's JSON and a screening run keep); ``label()`` is the reader's language. A reason read back
from storage (a screening run's ``input_errors`` and ``input_warnings``) is matched against the templates
of these modules (:data:`MODULES`: every ``N_("...")`` literal in them, and every literal message of an
``InvalidInput``) by :func:`shown`.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path
from typing import Any

from rednotice.domain.errors import DomainError, Text
from rednotice.domain.rereading import Templates

MODULES = ("mrz.py", "paxlst.py", "screening_input.py", "interpol.py", "request_json.py")
"""The readers whose reasons are read back (this folder)."""


def as_text(exc: DomainError) -> Text:
    """An error's message as a Text: its template and details, translated where it is shown."""
    if isinstance(exc.template, Text):
        return exc.template
    return Text(exc.template, **exc.details)


def reason_of(exc: BaseException) -> str:
    """The reason a ValueError (or an InvalidInput) gives: its Text when it was raised with one."""
    if isinstance(exc, DomainError):
        return as_text(exc)
    first: Any = exc.args[0] if exc.args else ""
    return first if isinstance(first, Text) else str(exc)


MARKERS = ("N_", "InvalidInput", "InputTooLarge", "TooLarge")
"""The calls whose literal first argument is a reason (an error's message becomes a line's reason)."""


def _marked(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if not (isinstance(node, ast.Call) and node.args):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if name not in MARKERS:
            continue
        first = node.args[0]
        for branch in [first.body, first.orelse] if isinstance(first, ast.IfExp) else [first]:
            if isinstance(branch, ast.Constant) and isinstance(branch.value, str):
                found.append(branch.value)
    return found


@cache
def templates() -> Templates:
    here = Path(__file__).parent
    return Templates(t for name in MODULES for t in _marked(here / name))


def shown(reason: str) -> str:
    """A reason (as stored, or as read) in the reader's language; a text no reader wrote stays as it is."""
    if isinstance(reason, Text):
        return reason.label()
    return templates().shown(reason)
