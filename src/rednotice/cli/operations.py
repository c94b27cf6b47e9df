"""`rednotice audit ...` and `rednotice db backup|restore|after-restore`: prove the audit trail against
signed checkpoints (issue 14, item 9); back up and restore the store (issue 14, item 14).

Heavy imports (the store, cryptography) stay inside the commands: `tests/interface/test_cli_imports.py`.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sqlite3
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rednotice.cli.common import acting_as, console, err_console, handle_errors, store
from rednotice.cli.lang import _, ngettext, shown, speaking
from rednotice.domain.errors import InvalidInput
from rednotice.domain.users import Actor

if TYPE_CHECKING:
    from collections.abc import Callable

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    from sqlalchemy import Connection

    from rednotice.adapters.db.audit_partitions import Retention
    from rednotice.adapters.db.store import SqlUnitOfWork
    from rednotice.bootstrap import Store
    from rednotice.domain.audit import Checkpoint


def _reader(s: Store) -> SqlUnitOfWork:
    """A unit of work that reads one consistent state of the chain: no write lock on SQLite (WAL reads a
    snapshot), one snapshot for every statement on PostgreSQL (REPEATABLE READ), so the head and the
    events agree while others append."""
    from rednotice.adapters.db.store import SqlUnitOfWork

    engine = s.engine
    if engine.dialect.name == "postgresql":
        engine = engine.execution_options(isolation_level="REPEATABLE READ")
    return SqlUnitOfWork(engine, s.clock, read_only=True)


def _public_keys(given: list[str] | None) -> list[Ed25519PublicKey]:
    """--public-key values, else REDNOTICE_AUDIT_PUBLIC_KEY, else the public half of the signing key."""
    from rednotice.adapters import signing

    if given:
        return [signing.load_public_key(v) for v in given]
    settings = store().settings
    if settings.audit_public_key:
        return [signing.load_public_key(settings.audit_public_key)]
    try:
        return [signing.signing_key(settings).public_key()]
    except InvalidInput as exc:
        raise InvalidInput(
            "which key signed the checkpoints? Give --public-key (or set REDNOTICE_AUDIT_PUBLIC_KEY)"
        ) from exc


def _default_checkpoints_usable() -> bool:
    settings = store().settings
    if not settings.resolved_audit_checkpoints().is_file():
        return False
    return bool(
        settings.audit_public_key
        or settings.audit_signing_key
        or settings.audit_signing_key_file
        or settings.is_development
    )


def audit_verify(
    checkpoints: Annotated[
        Path | None,
        typer.Option(
            "--checkpoints",
            help="A file of signed checkpoints: the chain must still hold each (default: the "
            "installation's checkpoint file, when it exists and a key is configured).",
        ),
    ] = None,
    public_key: Annotated[
        list[str] | None,
        typer.Option(
            "--public-key",
            help="Ed25519 public key (base64 or PEM, or a file) the checkpoints are signed with "
            "(repeatable; default REDNOTICE_AUDIT_PUBLIC_KEY or the signing key's).",
        ),
    ] = None,
) -> None:
    """Prove that no audit event was edited or removed (and, given signed checkpoints, that the chain
    was neither truncated nor rewritten)."""
    from rednotice.services import audit as audit_service

    s = store()
    file = checkpoints
    if file is None and public_key is None and _default_checkpoints_usable():
        file = s.settings.resolved_audit_checkpoints()
    held: list[Checkpoint] = []
    file_problems: list[str] = []
    if file is not None:
        from rednotice.adapters import signing

        held, file_problems = signing.read_checkpoints(file, _public_keys(public_key))
        if not held and not file_problems:
            file_problems.append(_("%(file)s holds no checkpoint") % {"file": file})
    elif public_key:
        raise InvalidInput("--public-key checks checkpoints: give the file with --checkpoints")
    report = audit_service.verify(_reader(s), held)
    problems = [*file_problems, *report.problems]
    for note in report.notes:
        console.print(f"[dim]·[/] {shown(note)}", highlight=False, soft_wrap=True)
    if not problems:
        intact = (
            ngettext(
                "%(num)s event, checked against the signed checkpoints of %(file)s (%(held)s)",
                "%(num)s events, checked against the signed checkpoints of %(file)s (%(held)s)",
                report.checked,
            )
            if file
            else ngettext("%(num)s event", "%(num)s events", report.checked)
        ) % {"num": report.checked, "held": len(held), "file": file}
        label = _("audit chain intact")
        console.print(f"[green]{label}[/]: {intact}", highlight=False)
        return
    for problem in problems:
        console.print(f"[red]✗[/] {shown(problem)}", highlight=False, soft_wrap=True)
    broken = ngettext(
        "problems found: %(problems)s, in %(num)s event",
        "problems found: %(problems)s, in %(num)s events",
        report.checked,
    ) % {"problems": len(problems), "num": report.checked}
    label = _("audit chain BROKEN")
    console.print(f"[bold red]{label}[/]: {broken}", highlight=False)
    raise typer.Exit(1)


def warning_word() -> str:
    """The word that starts a warning line, in the CLI's language."""
    return _("warning")


def _sign_and_append(file: Path, restored_over: tuple[int, str] | None = None) -> Checkpoint:
    from rednotice.adapters import signing
    from rednotice.services import audit as audit_service

    s = store()
    key = signing.signing_key(s.settings)
    earlier: list[Checkpoint] = []
    if file.is_file():
        earlier, problems = signing.read_checkpoints(file, [key.public_key()])
        for problem in problems:  # another key's lines are not this key's business; forged ones are
            err_console.print(f"[yellow]{warning_word()}[/]: {shown(problem)}", highlight=False)
    cp = audit_service.checkpoint(_reader(s), signing.Ed25519Signer(key), earlier, restored_over)
    signing.append_checkpoint(file, cp)
    return cp


def audit_checkpoint(
    file: Annotated[
        Path | None,
        typer.Option(
            "--file",
            help="Append to this file (default REDNOTICE_AUDIT_CHECKPOINTS or the data directory's).",
        ),
    ] = None,
) -> None:
    """Sign the head of the audit chain (after verifying the chain) and append it to the checkpoint file;
    the line is printed too, for an external log. Run it from cron (e.g. every 10 minutes)."""
    from rednotice.adapters import signing

    target = file or store().settings.resolved_audit_checkpoints()
    cp = _sign_and_append(target)
    typer.echo(signing.checkpoint_line(cp))
    err_console.print(
        _("checkpoint of event %(seq)s appended to %(file)s") % {"seq": cp.seq, "file": target},
        highlight=False,
    )


def audit_keygen(
    path: Annotated[Path, typer.Argument(help="Where to write the new private key (PEM, mode 0600).")],
) -> None:
    """Make an Ed25519 key pair for checkpoints: the private key goes to PATH (never into the database;
    point REDNOTICE_AUDIT_SIGNING_KEY_FILE at it), the public key is printed for verifiers."""
    from rednotice.adapters import signing

    key = signing.generate_key_file(path)
    public = key.public_key()
    typer.echo(signing.public_key_text(public))
    written = _("private key written to %(path)s (%(key)s); give verifiers the public key above or:") % {
        "path": path,
        "key": signing.key_id(public),
    }
    err_console.print(f"{written}\n{signing.public_key_pem(public)}", highlight=False)


def audit_public_key() -> None:
    """Print the public key of the configured signing key (base64; give it to whoever verifies)."""
    from rednotice.adapters import signing
    from rednotice.config import load_settings

    key = signing.signing_key(load_settings()).public_key()
    typer.echo(signing.public_key_text(key))
    err_console.print(f"{signing.key_id(key)}\n{signing.public_key_pem(key)}", highlight=False)


# --- backup and restore ----------------------------------------------------------------------------


def _sqlite_path(s: Store) -> Path:
    if s.engine.dialect.name != "sqlite":
        raise InvalidInput(
            "this store is PostgreSQL: back it up with pg_dump and restore it with pg_restore, then run "
            "`rednotice db after-restore` (docs/running.md, Operations: backup and restore)"
        )
    database = s.engine.url.database
    if not database or database == ":memory:":
        raise InvalidInput("this SQLite store has no file to back up")
    return Path(database)


def _check_backup_file(
    path: Path, checkpoints: list[Checkpoint] | None = None
) -> tuple[int, str, str | None]:
    """A backup that can be restored: a readable SQLite file, intact pages, rednotice's tables at a
    schema version this code knows, an intact audit chain that holds the signed ``checkpoints`` up to
    its head (a backup of this store's history, not another). Returns its head and schema revision."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from sqlalchemy import create_engine

    from rednotice.adapters.db import migrate
    from rednotice.adapters.db.store import SqlUnitOfWork
    from rednotice.domain.audit import Checkpoint, CheckpointKind, joined, verify_chain

    if not path.is_file():
        raise InvalidInput("no such backup file: %(path)s", path=str(path))
    try:
        conn = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA quick_check").fetchone()
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            revision_row = (
                conn.execute("SELECT version_num FROM alembic_version").fetchone()
                if "alembic_version" in names
                else None
            )
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise InvalidInput(
            "%(path)s is not a readable SQLite database: %(reason)s", path=str(path), reason=str(exc)
        ) from exc
    if not ok or ok[0] != "ok":
        raise InvalidInput(
            "%(path)s is damaged: %(reason)s",
            path=str(path),
            reason=ok[0] if ok else "no answer to quick_check",
        )
    if not {"alembic_version", "audit_events", "audit_head", "notices"} <= names or revision_row is None:
        raise InvalidInput("%(path)s is not a rednotice store", path=str(path))
    revision = str(revision_row[0])
    config = Config()
    config.set_main_option("script_location", str(migrate.MIGRATIONS))
    scripts = ScriptDirectory.from_config(config)
    try:
        known = scripts.get_revision(revision) is not None
    except Exception:  # alembic raises its own errors for unknown revisions
        known = False
    if not known:
        raise InvalidInput(
            "%(path)s was written by a newer rednotice (schema %(revision)s); upgrade rednotice",
            path=str(path),
            revision=revision,
        )
    engine = create_engine(f"sqlite:///file:{path.resolve()}?mode=ro&uri=true")
    try:
        with SqlUnitOfWork(engine, read_only=True) as uow:
            seq, digest = uow.audit.head()
            held: list[Checkpoint] = []
            if checkpoints:  # as the signed restore will say: back to this head
                held = [*checkpoints, Checkpoint(CheckpointKind.RESTORE, seq, digest, "this restore", "")]
            report = verify_chain(uow.audit.events(), head_hash=digest, head_seq=seq, checkpoints=held)
    finally:
        engine.dispose()
    if not report.ok:
        raise InvalidInput(
            "the audit chain in %(path)s is broken or not this store's: %(problems)s",
            path=str(path),
            problems=joined(report.problems, 3),
        )
    return seq, digest, revision


def _sqlite_copy(source: Path, target: Path, source_readonly: bool) -> None:
    """The whole database with SQLite's online backup API, in one step: one consistent state, taken as
    a read transaction (in WAL mode writers go on meanwhile)."""
    uri = f"file:{source.resolve()}" + ("?mode=ro" if source_readonly else "")
    src = sqlite3.connect(uri, uri=True, timeout=30)
    try:
        dst = sqlite3.connect(target, timeout=30)
        try:
            src.backup(dst)
            if not source_readonly:  # a backup file: one self-contained file, no -wal beside it
                dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def db_backup(
    path: Annotated[Path, typer.Argument(help="The backup file to write (must not exist).")],
) -> None:
    """Back up the SQLite store to PATH while the server runs (SQLite's online backup API); the copy
    is checked (pages, schema, audit chain) before it is kept. PostgreSQL: use pg_dump (docs/running.md)."""
    s = store()
    live = _sqlite_path(s)
    if path.exists():
        raise InvalidInput("%(path)s exists already: a backup never overwrites a file", path=str(path))
    if not path.parent.is_dir():
        raise InvalidInput("no such folder: %(path)s", path=str(path.parent))
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        os.chmod(tmp, 0o600)
        _sqlite_copy(live, tmp, source_readonly=False)
        seq, digest, revision = _check_backup_file(tmp)
        with tmp.open("rb") as f:
            os.fsync(f.fileno())
        if path.exists():
            raise InvalidInput(
                "%(path)s appeared meanwhile: a backup never overwrites a file", path=str(path)
            )
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    console.print(
        _(
            "backed up to %(path)s: %(size)s bytes, schema %(revision)s, audit chain intact up to "
            "event %(seq)s (%(hash)s…)"
        )
        % {"path": path, "size": path.stat().st_size, "revision": revision, "seq": seq, "hash": digest[:16]},
        highlight=False,
    )


def _forget_screening_snapshot(s: Store) -> None:
    """The screening index snapshot describes the store before the restore: the next process builds the
    index from the restored notices (a snapshot kept would be taken for the new history once the
    restored store's change numbers caught up with it)."""
    from rednotice.adapters.screening_snapshot import snapshot_for

    path = snapshot_for(s.settings.data_dir, s.engine, s.settings.resolved_secret_key()).path
    if path.exists():
        path.unlink()
        console.print(
            _("screening index snapshot %(name)s removed: the index is rebuilt at first use")
            % {"name": path.name}
        )


def _after_restore(source: str, replaced: tuple[int, str] | None) -> None:
    """Bring the schema up to date, drop the screening snapshot, verify the chain, sign the restore
    (when a signing key is configured) and audit it."""
    from rednotice.adapters import signing
    from rednotice.adapters.db.migrate import upgrade
    from rednotice.domain.audit import joined
    from rednotice.services import audit as audit_service

    s = store(migrated=False)
    upgrade(s.engine)
    _forget_screening_snapshot(s)
    with _reader(s) as uow:
        restored = uow.audit.head()
    file = s.settings.resolved_audit_checkpoints()
    key = None
    try:
        key = signing.signing_key(s.settings)
    except InvalidInput as exc:
        with speaking():
            why = exc.message
        unsigned = _(
            "the restore is not signed (%(reason)s); `audit verify` against earlier checkpoints will "
            "report the events this restore removed"
        ) % {"reason": why}
        err_console.print(f"[yellow]{warning_word()}[/]: {unsigned}", highlight=False)
    if replaced is None and key is not None and file.is_file():  # PostgreSQL: the last signed head
        earlier, _problems = signing.read_checkpoints(file, [key.public_key()])
        if earlier:
            last = max(earlier, key=lambda c: c.seq)
            replaced = (last.seq, last.hash)
    if key is not None:
        over = replaced if replaced is not None else restored
        cp = _sign_and_append(file, restored_over=over)
        console.print(
            _("signed restore to event %(seq)s appended to %(file)s") % {"seq": cp.seq, "file": file},
            highlight=False,
        )
    seq = audit_service.record_restore(s.uow(), acting_as(None), source, restored, replaced)
    if key is not None:
        _sign_and_append(file)
    held: list[Checkpoint] = []
    if key is not None:
        held, _problems = signing.read_checkpoints(file, [key.public_key()])
    report = audit_service.verify(_reader(s), held)
    if not report.ok:  # pragma: no cover - the backup's chain and the checkpoints were checked before
        raise InvalidInput(
            "the restored audit chain is broken: %(problems)s", problems=joined(report.problems, 3)
        )
    restored_words = ngettext(
        "audit chain intact, %(num)s events (the restore is event %(seq)s)",
        "audit chain intact, %(num)s events (the restore is event %(seq)s)",
        report.checked,
    ) % {"num": report.checked, "seq": seq}
    restored_word = _("restored")
    console.print(f"[green]{restored_word}[/]: {restored_words}", highlight=False)


def _signed_checkpoints(s: Store) -> list[Checkpoint]:
    """The installation's checkpoints signed by its key (none without a key or a file)."""
    from rednotice.adapters import signing

    file = s.settings.resolved_audit_checkpoints()
    if not file.is_file():
        return []
    try:
        key = signing.signing_key(s.settings)
    except InvalidInput:
        return []
    return signing.read_checkpoints(file, [key.public_key()])[0]


def db_restore(
    path: Annotated[Path, typer.Argument(help="A backup written by `rednotice db backup`.")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Replace the SQLite store with a backup. Stop the server first. The backup is checked before
    anything changes; the current store is kept beside it (``*.pre-restore-*``); the restore is audited,
    signed when a signing key is configured, and the screening index is rebuilt."""
    s = store(migrated=False)
    live = _sqlite_path(s)
    restored_seq, _hash, _revision = _check_backup_file(path, _signed_checkpoints(s))
    if path.resolve() == live.resolve():
        raise InvalidInput("the backup is the store itself")
    if not yes:
        typer.confirm(
            _(
                "Replace the store %(store)s with %(path)s (audit chain up to event %(seq)s)? "
                "Stop the server first."
            )
            % {"store": live, "path": path, "seq": restored_seq},
            abort=True,
        )
    replaced: tuple[int, str] | None = None
    from sqlalchemy import inspect

    if live.exists() and inspect(s.engine).has_table("audit_head"):
        with _reader(s) as uow:
            replaced = uow.audit.head()
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        kept = live.with_name(f"{live.name}.pre-restore-{stamp}")
        fd = os.open(kept, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        _sqlite_copy(live, kept, source_readonly=False)
        console.print(_("the store as it was is kept in %(path)s") % {"path": kept}, highlight=False)
    s.engine.dispose()
    try:
        _sqlite_copy(path, live, source_readonly=True)
    except sqlite3.Error as exc:
        raise InvalidInput("the restore failed and changed nothing: %(reason)s", reason=str(exc)) from exc
    with contextlib.suppress(OSError):
        live.chmod(0o600)
    _after_restore(path.name, replaced)


def db_after_restore() -> None:
    """After restoring PostgreSQL with pg_restore (or a store copied back by other means): migrate,
    verify the chain, drop the screening snapshot, sign and audit the restore. Run on each machine."""
    _after_restore("pg_restore", None)


def run_partitions(s: Store, ahead: int) -> list[str]:
    """Create the monthly partitions up to ``ahead`` months after the current one (PostgreSQL)."""
    from rednotice.adapters.db import audit_partitions as parts

    if not 0 <= ahead <= 24:
        raise InvalidInput("--ahead is a number of months from 0 to 24")
    with s.engine.begin() as conn:
        return parts.ensure(conn, s.clock(), ahead)


def run_retention(s: Store, keep_months: int, dry_run: bool, actor: Actor) -> list[Retention]:
    """Drop the screening runs older than the current month and the ``keep_months`` before it, with
    their result lines and hits, except the runs someone acted on (decision 0013): on PostgreSQL one
    transaction per month (its partition detached and dropped), then the rows outside monthly
    partitions; each step is audited (``screenings.retention``) in its own transaction. Audit events
    are never dropped."""
    from rednotice.adapters.db import audit_partitions as parts
    from rednotice.adapters.db.audit import SqlAuditLog

    if not 1 <= keep_months <= 1200:
        raise InvalidInput("--keep-months is a number of months from 1 to 1200")
    before = parts.add_months(parts.month_of(s.clock()), -keep_months)
    with s.engine.begin() as conn:
        months = parts.expired_months(conn, before)
    steps: list[Retention] = []

    def step(work: Callable[[Connection], Retention], subject: str) -> None:
        with s.engine.begin() as conn:
            done = work(conn)
            if not dry_run and (done.runs or done.months):
                SqlAuditLog(conn).append(actor, "screenings.retention", subject, done.as_dict(), s.clock())
        steps.append(done)

    for month in months:
        step(functools.partial(parts.drop_month, month=month, dry_run=dry_run), f"screenings/{month:%Y-%m}")
    step(functools.partial(parts.delete_rows, before=before, dry_run=dry_run), "screenings")
    return steps


def db_partitions(
    ahead: Annotated[int, typer.Option("--ahead", help="Months to create after the current one (0-24).")] = 3,
) -> None:
    """Create the monthly partitions of audit events and screening runs ahead of time (PostgreSQL;
    nothing to do on SQLite), moving any row that waited in a default partition into its month. Run it
    daily from cron: a month is never written before its partition exists."""
    created = run_partitions(store(), ahead)
    made = ngettext("created %(num)s partition(s)", "created %(num)s partition(s)", len(created)) % {
        "num": len(created)
    }
    console.print(made + (": " + ", ".join(created) if created else ""), highlight=False)


def db_retention(
    keep_months: Annotated[
        int | None,
        typer.Option(
            "--keep-months",
            help="Keep the screening runs of the current month and of this many before it "
            "(default: REDNOTICE_SEARCH_RETENTION_MONTHS, 12 unless set).",
        ),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Count what would go; change nothing.")] = False,
) -> None:
    """Drop old search records: screening runs, their result lines and hits, by whole months. A run
    whose hit someone acted on (an outcome, a follow-up, an extradition request or refusal) is kept,
    as are queued and running jobs. Audit events are never dropped (the chain is verified from its
    first event). Each month dropped is audited."""
    s = store()
    months_kept = s.settings.search_retention_months if keep_months is None else keep_months
    steps = run_retention(s, months_kept, dry_run, acting_as(None))
    runs = sum(d.runs for d in steps)
    months = [m for d in steps for m in d.months]
    values = {
        "runs": runs,
        "before": steps[-1].before.isoformat(),
        "lines": sum(d.lines for d in steps),
        "hits": sum(d.hits for d in steps),
        "months": ", ".join(months),
        "kept": sum(d.kept_runs for d in steps),
    }
    if dry_run:
        done = (
            _(
                "would drop %(runs)s screening run(s) created before %(before)s (%(lines)s result lines, "
                "%(hits)s hits; months %(months)s); kept %(kept)s run(s) someone acted on"
            )
            if months
            else _(
                "would drop %(runs)s screening run(s) created before %(before)s (%(lines)s result lines, "
                "%(hits)s hits); kept %(kept)s run(s) someone acted on"
            )
        )
    else:
        done = (
            _(
                "dropped %(runs)s screening run(s) created before %(before)s (%(lines)s result lines, "
                "%(hits)s hits; months %(months)s); kept %(kept)s run(s) someone acted on"
            )
            if months
            else _(
                "dropped %(runs)s screening run(s) created before %(before)s (%(lines)s result lines, "
                "%(hits)s hits); kept %(kept)s run(s) someone acted on"
            )
        )
    console.print(done % values, highlight=False)


def register(audit_app: typer.Typer, db_app: typer.Typer) -> None:
    audit_app.command("verify")(handle_errors(audit_verify))
    audit_app.command("checkpoint")(handle_errors(audit_checkpoint))
    audit_app.command("keygen")(handle_errors(audit_keygen))
    audit_app.command("public-key")(handle_errors(audit_public_key))
    db_app.command("backup")(handle_errors(db_backup))
    db_app.command("restore")(handle_errors(db_restore))
    db_app.command("after-restore")(handle_errors(db_after_restore))
    db_app.command("partitions")(handle_errors(db_partitions))
    db_app.command("retention")(handle_errors(db_retention))
