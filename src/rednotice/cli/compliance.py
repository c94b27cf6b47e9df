"""CLI commands: ``rednotice check FILE`` runs the compliance engine on a notice request.

A check needs no store: it loads the request's validation and the compliance engine, and nothing else
(no SQLAlchemy, no screening, no web stack; ``tests/interface/test_cli_imports.py``).
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from rednotice.cli.common import handle_errors, print_json
from rednotice.domain.errors import InvalidInput

MAX_INPUT_BYTES = 5 * 1024 * 1024
"""A request is a few kilobytes; refuse anything absurd before reading it whole."""


class OutputFormat(StrEnum):
    JSON = "json"
    TEXT = "text"


def _read(path: str) -> str:
    if path == "-":
        text = sys.stdin.read(MAX_INPUT_BYTES + 1)
        if len(text.encode("utf-8")) > MAX_INPUT_BYTES:
            raise InvalidInput("standard input is larger than %(limit)s bytes", limit=MAX_INPUT_BYTES)
        return text
    p = Path(path)
    if not p.is_file():
        raise InvalidInput("no such file: %(path)s", path=path)
    if p.stat().st_size > MAX_INPUT_BYTES:
        raise InvalidInput("%(path)s is larger than %(limit)s bytes", path=path, limit=MAX_INPUT_BYTES)
    try:
        return p.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput("%(path)s is not UTF-8 text: %(reason)s", path=path, reason=str(exc)) from exc


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""

    @app.command("check")
    @handle_errors
    def check_command(
        file: Annotated[
            str, typer.Argument(help="A notice request as JSON (the contract's shape), or - for stdin")
        ],
        output: Annotated[
            OutputFormat, typer.Option("--format", "-f", help="json (the contract's result shape) or text.")
        ] = OutputFormat.JSON,
    ) -> None:
        """Check a notice request against the compliance rules, without storing anything.

        Prints the verdict and every finding with its reason. Exit code 0 whenever the check ran
        (whatever the verdict), 2 when the input is not a valid request.
        """
        from rednotice.adapters.formats.request_json import parse_request_text
        from rednotice.domain.compliance import EmptyContext, check

        request = parse_request_text(_read(file))
        # The store's history (refusal rates, prior decisions...) is not wired in yet: rules that need
        # it stay silent.
        result = check(request, EmptyContext())
        if output is OutputFormat.TEXT:
            typer.echo(result.to_text())
        else:
            print_json(result.to_dict())
