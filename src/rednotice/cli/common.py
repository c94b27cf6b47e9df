"""What every CLI command shares: the store, the acting user, errors printed clearly.

Light on purpose (every command imports it, `rednotice check` among them): the store (SQLAlchemy) is
opened, and rich's consoles made, on first use.
"""

from __future__ import annotations

import functools
import getpass
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar, cast

import typer

from rednotice.cli.lang import _, speaking
from rednotice.domain.errors import DomainError, InvalidInput
from rednotice.domain.users import Actor, Role

if TYPE_CHECKING:
    from rich.console import Console

    from rednotice.bootstrap import Store


class _LazyConsole:
    """A rich ``Console`` made on first use (importing rich.console costs a check a tenth of its
    start-up); every attribute is the real console's."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console: Console | None = None

    @property
    def real(self) -> Console:
        """The console itself (for rich APIs that want one, such as ``Progress(console=...)``)."""
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._options)
        return self._console

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


console = cast("Console", _LazyConsole())
err_console = cast("Console", _LazyConsole(stderr=True))


def error_word() -> str:
    """The word that starts an error line, in the CLI's language."""
    return _("error")


P = ParamSpec("P")
R = TypeVar("R")

_store: Store | None = None


def store(*, migrated: bool = True) -> Store:
    """The store of the settings (opened once). With ``migrated`` (every command but ``db upgrade``), a
    store that was never migrated is a clear message and exit code 1, not a traceback."""
    global _store
    if _store is None:
        from rednotice.bootstrap import open_store

        _store = open_store()
    if migrated and not _has_schema(_store):
        where = _store.engine.url.render_as_string(hide_password=True)
        problem = _(
            "the store at %(where)s has no tables yet. Run [bold]rednotice db upgrade[/] first "
            "(make run does it for you)."
        ) % {"where": where}
        err_console.print(f"[bold red]{error_word()}[/]: {problem}", highlight=False)
        raise typer.Exit(1)
    return _store


_checked: set[int] = set()


def _has_schema(s: Store) -> bool:
    if id(s) in _checked:
        return True
    from sqlalchemy import inspect

    if inspect(s.engine).has_table("alembic_version"):
        _checked.add(id(s))
        return True
    return False


def reset_store() -> None:
    """Forget the cached store (tests switch databases between invocations)."""
    global _store
    if _store is not None:
        _store.engine.dispose()
    _store = None


def acting_as(username: str | None) -> Actor:
    """The CLI is for operators with access to the store. ``--as USER`` acts as that user (audited as
    them); without it the operator acts as the system, audited under their login name."""
    if username is None:
        return Actor(f"cli:{getpass.getuser()}", Role.SYSTEM)
    with store().uow() as uow:
        user = uow.users.get(username)
    if user is None or not user.active:
        raise InvalidInput("no active user '%(user)s'", user=username)
    return user.actor()


def handle_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """Domain errors become a clear message on stderr, in the CLI's language (cli/lang.py), and exit code 2
    (bad input) or 1."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except DomainError as exc:
            with speaking():
                message = exc.message
            err_console.print(f"[bold red]{error_word()}[/] ({exc.code}): {message}", highlight=False)
            raise typer.Exit(2 if isinstance(exc, InvalidInput) else 1) from exc

    return wrapper


def version_line(notice_id: str, state: str, version: int) -> str:
    """A notice's id, its state (the stored word: scripts read it) and its version, after a change."""
    return _("%(notice)s [bold]%(state)s[/] (version %(version)s)") % {
        "notice": notice_id,
        "state": state,
        "version": version,
    }


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def real_console(c: Console) -> Console:
    """The rich console behind ``console`` or ``err_console`` (rich's Progress and Live want one)."""
    return c.real if isinstance(c, _LazyConsole) else c
