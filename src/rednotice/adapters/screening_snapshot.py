"""The screening index kept in a file (decision 0009): loaded by every process of one store instead of
being built from every notice in force, then brought up to date from the store's change sequence.

File layout: a first line ``rednotice-screening-index``, a JSON header line (format, matcher version,
store identity, the change sequence number the index covers, counts), a line with the HMAC-SHA256 of
the header and the body (keyed with the installation's secret key), then the body: the index's
structures (:meth:`ScreeningIndex.to_state`) pickled. The file is the process's own, in the data
directory next to the SQLite store; the HMAC is checked before anything is unpickled, so a file written
by anyone without the secret key is never read. Writes go to a temporary file in the same directory,
flushed and ``os.replace``d over the old one: a reader sees the old file or the new one, never half of
one. Anything wrong (missing, truncated, corrupt, another format, matcher or store) reads as no
snapshot: the caller builds the index from the store.
"""

from __future__ import annotations

import copyreg
import dataclasses
import gc
import hashlib
import hmac
import io
import json
import logging
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from rednotice.domain import dates, model
from rednotice.domain.screening import cantonese, index, korean, names, query, score, tables
from rednotice.domain.screening.index import IndexedNotice, ScreeningIndex

MAGIC = b"rednotice-screening-index\n"
FORMAT = 1
log = logging.getLogger(__name__)

_MATCHER_MODULES = (names, tables, score, index, cantonese, korean, query, dates, model)
_MATCHER_PACKAGES = ("anyascii", "pypinyin", "ToJyutping")


def matcher_version() -> str:
    """A digest of what decides what the index holds and how it is laid out: the source of the screening
    modules (a change to names.py or tables.py gives another version), the libraries that spell names,
    the index layout and the Python version (pickle of slotted classes)."""
    h = hashlib.sha256()
    for module in _MATCHER_MODULES:
        h.update(Path(module.__file__ or "").read_bytes())
    for package in _MATCHER_PACKAGES:
        try:
            h.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{package}=-".encode())
    h.update(f"state={index.STATE_VERSION};python={sys.version_info[:2]}".encode())
    return h.hexdigest()[:32]


def store_identity(engine: Engine) -> str:
    """Which store a snapshot belongs to: its URL (without password)."""
    return hashlib.sha256(engine.url.render_as_string(hide_password=True).encode()).hexdigest()[:32]


def first_audit_hash(engine: Engine) -> str:
    """The hash of the store's first audit event ("" before there is one): a store created again at the
    same URL starts another chain, so a snapshot of the old one is not used."""
    from rednotice.adapters.db import tables as t

    try:
        with engine.connect() as conn:
            row = conn.execute(select(t.audit_events.c.hash).order_by(t.audit_events.c.seq).limit(1)).first()
            return str(row[0]) if row else ""
    except Exception:  # a store without tables yet
        log.debug("no audit chain to identify the store", exc_info=True)
        return ""


def _fast(cls: type) -> None:
    """Pickle a frozen dataclass as a call of its constructor (C-level argument passing), not by the
    dataclass's ``__setstate__`` (a Python loop over ``fields()`` for each of a million objects)."""
    fields = tuple(f.name for f in dataclasses.fields(cls) if f.init)

    def reduce(obj: Any) -> tuple[Any, ...]:
        return (cls, tuple(getattr(obj, f) for f in fields))

    _DISPATCH[cls] = reduce


_DISPATCH: dict[type, Any] = dict(copyreg.dispatch_table)
for _cls in (
    names.Token,
    names.AnalysedName,
    IndexedNotice,
    model.Subject,
    model.Name,
    model.IdentityDocument,
    model.PhysicalDescription,
    model.Biometrics,
    model.Relation,
    dates.PartialDate,
):
    _fast(_cls)
for _cls in vars(model).values():  # any other frozen dataclass a subject may hold (profile...)
    if (
        isinstance(_cls, type)
        and dataclasses.is_dataclass(_cls)
        and _cls not in _DISPATCH
        and all(f.init for f in dataclasses.fields(_cls))
    ):
        _fast(_cls)


def dumps(index_: ScreeningIndex) -> bytes:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _DISPATCH
    pickler.dump(index_.to_state())
    return buffer.getvalue()


class SnapshotFile:
    """One store's screening index snapshot in a file."""

    def __init__(
        self,
        path: Path,
        key: bytes,
        store_id: str,
        matcher: str | None = None,
        genesis: Callable[[], str] | None = None,
    ) -> None:
        self.path = path
        self.key = key
        self.store_id = store_id
        self.matcher = matcher or matcher_version()
        self.genesis = genesis or (lambda: "")
        """The store's first audit event hash, asked at each save and load (it appears with the first
        event: a snapshot written before it matches any; one written after must match)."""
        self.last_load: dict[str, Any] = {}
        """What the last :meth:`load` found (``status``: loaded, missing or why it was ignored; seconds)."""

    def _mac(self, header: bytes, body: bytes | memoryview) -> bytes:
        mac = hmac.new(self.key, header, hashlib.sha256)
        mac.update(body)
        return mac.hexdigest().encode()

    def prepare(self, index_: ScreeningIndex, seq: int) -> Callable[[], Path]:
        """What :meth:`save` needs from the store, asked now; the write, to call later, touches no
        connection (a forked child must not use its parent's pooled connections)."""
        genesis = self.genesis()
        return lambda: self.save(index_, seq, genesis)

    def save(self, index_: ScreeningIndex, seq: int, genesis: str | None = None) -> Path:
        """Write the index as covering the store's changes up to ``seq``, atomically."""
        started = time.perf_counter()
        body = dumps(index_)
        header = json.dumps(
            {
                "format": FORMAT,
                "matcher": self.matcher,
                "store": self.store_id,
                "seq": seq,
                "genesis": self.genesis() if genesis is None else genesis,
                "notices": len(index_),
                "names": index_.name_count,
                "written_at": time.time(),
                "pid": os.getpid(),
            }
        ).encode()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(MAGIC)
                f.write(header + b"\n")
                f.write(self._mac(header, body) + b"\n")
                f.write(body)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, 0o600)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        log.info(
            "screening index snapshot written in %.1fs (%d bytes)", time.perf_counter() - started, len(body)
        )
        return self.path

    def header(self) -> dict[str, Any] | None:
        """The header of the file, or None (missing or not a snapshot)."""
        try:
            with self.path.open("rb") as f:
                if f.readline() != MAGIC:
                    return None
                value = json.loads(f.readline())
                return value if isinstance(value, dict) else None
        except (OSError, ValueError):
            return None

    def load(self) -> tuple[ScreeningIndex, int] | None:
        """The index and the change sequence number it covers; None (and why, in :attr:`last_load`) if
        there is no usable snapshot for this store and this matcher."""
        started = time.perf_counter()
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            self.last_load = {"status": "missing"}
            return None
        except OSError as exc:
            self.last_load = {"status": f"unreadable: {exc}"}
            return None
        why = ""
        try:
            view = memoryview(data)
            if not data.startswith(MAGIC):
                why = "not a snapshot"
            else:
                end_header = data.index(b"\n", len(MAGIC))
                header_bytes = data[len(MAGIC) : end_header]
                end_mac = data.index(b"\n", end_header + 1)
                mac = data[end_header + 1 : end_mac]
                header = json.loads(header_bytes)
                body = view[end_mac + 1 :]
                if header.get("format") != FORMAT:
                    why = "another format"
                elif header.get("matcher") != self.matcher:
                    why = "another matcher version"
                elif header.get("store") != self.store_id or (
                    header.get("genesis") and header.get("genesis") != self.genesis()
                ):
                    why = "another store"
                elif not hmac.compare_digest(mac, self._mac(header_bytes, body)):
                    why = "bad checksum (corrupt or truncated)"
                else:
                    enabled = gc.isenabled()
                    gc.disable()  # millions of objects, none garbage: no collection passes meanwhile
                    try:
                        # Only after the HMAC matched: a file this installation wrote (decision 0009).
                        state = pickle.loads(body)  # noqa: S301
                    finally:
                        if enabled:
                            gc.enable()
                    loaded = ScreeningIndex.from_state(state)
                    seq = int(header["seq"])
                    self.last_load = {
                        "status": "loaded",
                        "seconds": time.perf_counter() - started,
                        "seq": seq,
                    }
                    return loaded, seq
        except Exception as exc:  # a snapshot that cannot be read is no snapshot, never a crash
            why = f"unreadable: {type(exc).__name__}: {exc}"
        self.last_load = {"status": why}
        log.warning("screening index snapshot %s ignored: %s", self.path, why)
        return None


def snapshot_for(data_dir: Path, engine: Engine, secret_key: str) -> SnapshotFile:
    """The snapshot file of the store behind ``engine``, in the data directory (one file per store)."""
    store_id = store_identity(engine)
    key = hashlib.sha256(b"rednotice screening index snapshot\n" + secret_key.encode()).digest()
    return SnapshotFile(
        Path(data_dir) / f"screening-index-{store_id[:12]}.snapshot",
        key,
        store_id,
        genesis=lambda: first_audit_hash(engine),
    )
