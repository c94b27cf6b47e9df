"""`rednotice screen` and `rednotice worker`: screen travellers from a terminal; run background jobs."""

from __future__ import annotations

import json
import socket
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rednotice.cli.common import acting_as, err_console, handle_errors, real_console, store
from rednotice.cli.lang import _, ngettext, shown
from rednotice.domain.errors import InvalidInput

if TYPE_CHECKING:
    from rednotice.services.screening import ScreeningEngine


def _engine() -> ScreeningEngine:
    from rednotice.adapters.screening_snapshot import snapshot_for
    from rednotice.services import screening as sc

    s = store()
    snapshots = snapshot_for(s.settings.data_dir, s.engine, s.settings.resolved_secret_key())
    return sc.ScreeningEngine(s.uow, s.reader, snapshots)


@handle_errors
def screen(
    input_: Annotated[str, typer.Option("--input", "-i", help="A file of queries, or - for standard input.")],
    format_: Annotated[
        str | None, typer.Option("--format", "-f", help="jsonl, csv, mrz or paxlst (guessed if absent).")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the JSON lines here (default: stdout).")
    ] = None,
    country: Annotated[
        str | None, typer.Option(help="Screen as this NCB would (ISO-2); default: every notice in force.")
    ] = None,
    as_user: Annotated[
        str | None, typer.Option("--as", help="Act as this user (recorded in the audit trail).")
    ] = None,
) -> None:
    """Screen travellers against the notices in force: one JSON line per query with its hits, best first."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from rednotice.adapters.formats.screening_input import FORMATS, guess_format, read_queries
    from rednotice.services import screening as sc

    if input_ == "-":
        data: bytes = sys.stdin.buffer.read()
        name = None
    else:
        path = Path(input_)
        if not path.is_file():
            raise InvalidInput("no such file: %(path)s", path=input_)
        data, name = path.read_bytes(), path.name
    fmt = format_ or guess_format(data, name)
    if fmt not in FORMATS:
        raise InvalidInput(
            "unknown format '%(format)s' (expected one of %(formats)s)",
            format=fmt,
            formats=", ".join(FORMATS),
        )
    result = read_queries(data, fmt, max_bytes=max(store().settings.max_upload_bytes, 200 * 1024 * 1024))  # type: ignore[arg-type]
    for error in result.errors:
        where = _("line %(number)s") % {"number": error.line}
        err_console.print(f"[yellow]{where}[/]: {shown(error.reason)}", highlight=False)
    # Doubts about the input (envelope faults, unknown roles...): everyone readable is still screened.
    for warning in result.warnings:
        where = _("warning, line %(number)s") % {"number": warning.line}
        err_console.print(f"[cyan]{where}[/]: {shown(warning.reason)}", highlight=False)
    actor = acting_as(as_user)
    engine = _engine()
    errors = [{"line": e.line, "reason": e.reason} for e in result.errors]
    warnings = [{"line": w.line, "reason": w.reason, "query_id": w.query_id} for w in result.warnings]
    runs = []
    with Progress(
        TextColumn(_("screening")),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=real_console(err_console),
        transient=True,
        disable=not err_console.is_terminal,
    ) as bar:
        task = bar.add_task("screening", total=len(result.queries))
        engine.ensure_built()
        for start in range(0, max(len(result.queries), 1), sc.SYNC_LIMIT):
            chunk = result.queries[start : start + sc.SYNC_LIMIT]
            cmd = sc.Screen(
                chunk,
                f"cli:{fmt}",
                errors if start == 0 else [],
                country.upper() if country else None,
                warnings if start == 0 else [],  # kept with the (first) run, as the errors are
            )
            runs.append(sc.screen(cmd, actor, engine, store().uow, progress=lambda n: bar.advance(task, n)))
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        for run in runs:
            for line in run.lines or []:
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
    finally:
        if output:
            out.close()
    hits = sum(r.hits for r in runs)
    err_console.print(
        ngettext(
            "%(num)s queries screened, %(hits)s hit(s), %(errors)s input error(s), %(warnings)s warning(s)",
            "%(num)s queries screened, %(hits)s hit(s), %(errors)s input error(s), %(warnings)s warning(s)",
            len(result.queries),
        )
        % {
            "num": len(result.queries),
            "hits": hits,
            "errors": len(result.errors),
            "warnings": len(result.warnings),
        }
    )
    # The next run loads what this one built (or caught up on) instead of building it again.
    engine.maybe_snapshot(wait=True)


@handle_errors
def worker(
    once: Annotated[bool, typer.Option(help="Run queued jobs, then stop.")] = False,
    poll: Annotated[float, typer.Option(help="Seconds between looks at an empty queue.")] = 2.0,
) -> None:
    """Run background screening jobs (any number of workers, on any machine, may share the queue)."""
    from rednotice.services import screening as sc

    engine = _engine()
    name = f"{socket.gethostname()}:{id(engine)}"
    while True:
        job = sc.run_next_job(engine, store().uow, name)
        engine.maybe_snapshot()  # after a build, or when many changes were applied: never in a search
        if job is not None:
            err_console.print(_("job %(job)s finished") % {"job": job})
            continue
        if once:
            engine.reap(block=True)
            return
        time.sleep(poll)


def register(app: typer.Typer) -> None:
    app.command("screen")(screen)
    app.command("worker")(worker)
