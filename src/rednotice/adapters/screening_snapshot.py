"""The screening index kept in a file (decision 0009): opened by every process of one store instead of
being built from every notice in force, then brought up to date from the store's change sequence.

File layout: a first line ``rednotice-screening-index``, a JSON header line (format, matcher version,
store identity, the change sequence number the index covers, counts, the body's length and where each
of its sections lies), a line with the HMAC-SHA256 of the header and the body (keyed with the
installation's secret key), then the body: flat sections, each a typed array or a blob of records.

Nothing is rebuilt at load: the file is memory-mapped and every table of the index
(:meth:`ScreeningIndex.to_state`) becomes a :class:`~rednotice.domain.screening.postings.LazyMap`
that decodes an entry — a posting set, a name part, a name, a notice — the first time a search or a
change reaches it. Tables keyed by text (and name parts, by a digest of their content) are open-addressing
hash tables over the records; tables keyed by number (entries, parts) are arrays indexed by it. The
pages of the file are the operating system's page cache, shared by every process that maps the file;
each process holds in its own memory only what it decoded and what changed since the snapshot.

Integrity: the HMAC over the whole body is checked before any of it is used (the notices' records are
pickles, never read from a file this installation did not write). Writes go to a temporary file in the
same directory, fsynced and ``os.replace``d over the old one: a reader sees the old file or the new one,
never half of one, and a process that mapped the old one keeps reading it. Anything wrong (missing,
truncated, corrupt, another format, matcher or store) reads as no snapshot: the caller builds the index
from the store.
"""

from __future__ import annotations

import copyreg
import dataclasses
import hashlib
import hmac
import io
import json
import logging
import marshal
import mmap
import os
import pickle
import struct
import sys
import tempfile
import time
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from rednotice.domain import dates, model
from rednotice.domain.screening import index, names, postings
from rednotice.domain.screening.index import IndexedNotice, ScreeningIndex, _Entry, _Name, _Part
from rednotice.domain.screening.names import AnalysedName, Token
from rednotice.domain.screening.postings import MISSING, LazyMap

MAGIC = b"rednotice-screening-index\n"
FORMAT = 3
"""3: flat sections read lazily from a memory-mapped file, each notice's audience in a section of its own
(a search filters on it without decoding the notice); 2 had it only in the notice's pickle; 1 was the
whole index pickled."""
log = logging.getLogger(__name__)

_MATCHER_MODULES = (dates, model)
"""Modules outside the screening package whose source decides what the index holds."""


def _matcher_sources() -> list[Path]:
    """Every module of the screening package (a new one counts without being listed here) and the others
    the index depends on, in a fixed order."""
    package = Path(index.__file__ or "").parent
    return sorted(package.glob("*.py")) + [Path(m.__file__ or "") for m in _MATCHER_MODULES]


_MATCHER_PACKAGES = ("anyascii", "pypinyin", "ToJyutping")


def matcher_version() -> str:
    """A digest of what decides what the index holds and how it is laid out: the source of the screening
    modules (a change to names.py or tables.py gives another version), the libraries that spell names,
    the index layout and the Python version (pickle of slotted classes)."""
    h = hashlib.sha256()
    for source in _matcher_sources():
        h.update(source.name.encode())
        h.update(source.read_bytes())
    for package in _MATCHER_PACKAGES:
        try:
            h.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{package}=-".encode())
    h.update(
        f"state={index.STATE_VERSION};format={FORMAT};python={sys.version_info[:2]};{sys.byteorder}".encode()
    )
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
    """Pickle a frozen dataclass (in a notice's record) as a call of its constructor (C-level argument
    passing), not by the dataclass's ``__setstate__`` (a Python loop over ``fields()``)."""
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


def _pickle(obj: Any) -> bytes:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _DISPATCH
    pickler.dump(obj)
    return buffer.getvalue()


# -- the body's layout -----------------------------------------------------------------------------------

_ALIGN = 8
_EMPTY = -1
_TOKEN_FIELDS = tuple(f.name for f in dataclasses.fields(Token))
_NAME_FIELDS = tuple(f.name for f in dataclasses.fields(AnalysedName))
_SHARED_FIELDS = tuple(f.name for f in dataclasses.fields(_Name))
_LAYOUT = {
    "_Entry": ("notice_id", "shared", "born", "audience"),
    "_Part": ("token", "entries"),
}
"""The index's records this module writes field by field; any other layout fails the write (and the
matcher version, a digest of index.py, already keeps an older file from being read)."""


def _check_layout() -> None:
    for cls in (_Entry, _Part):
        found = tuple(f.name for f in dataclasses.fields(cls))
        if found != _LAYOUT[cls.__name__]:
            raise RuntimeError(f"screening snapshot: {cls.__name__} has fields {found}, expected another")
    if "forms" not in _NAME_FIELDS or _SHARED_FIELDS[0] != "name":
        raise RuntimeError("screening snapshot: AnalysedName or _Name changed shape")


def _text(value: str) -> bytes:
    return value.encode("utf-8", "surrogatepass")


def _untext(value: bytes | memoryview) -> str:
    return bytes(value).decode("utf-8", "surrogatepass")


def _canonical(value: Any) -> Any:
    if isinstance(value, frozenset | set):
        return sorted(_canonical(v) for v in value)
    if isinstance(value, tuple | list):
        return [_canonical(v) for v in value]
    return value


def token_digest(token: Token) -> bytes:
    """A digest of every field of a name part: the key its record is found by (two parts are the same
    part when every field is equal, as the index's lookup by token has it)."""
    fields = [_canonical(getattr(token, f)) for f in _TOKEN_FIELDS]
    encoded = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return hashlib.blake2b(_text(encoded), digest_size=16).digest()


def _name_key(key: tuple[str, str]) -> bytes:
    text = _text(key[0])
    return struct.pack("<I", len(text)) + text + _text(key[1])


def _slot(key: bytes | memoryview, mask: int) -> int:
    return zlib.crc32(key) & mask


class _Body:
    """The body being written: sections one after another, each starting on an 8-byte boundary."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []
        self.size = 0
        self.sections: dict[str, list[Any]] = {}

    def add(self, name: str, data: bytes | bytearray | array[Any], typecode: str = "B") -> None:
        raw = data.tobytes() if isinstance(data, array) else bytes(data)
        pad = -self.size % _ALIGN
        if pad:
            self.chunks.append(b"\0" * pad)
            self.size += pad
        self.sections[name] = [self.size, len(raw), typecode]
        self.chunks.append(raw)
        self.size += len(raw)

    def table(self, name: str, keys: list[bytes], values: list[bytes]) -> None:
        """Records found by key: keys and values one after another with their offsets, and a hash table
        (linear probing, at most half full) of row numbers + 1 (0: an empty slot)."""
        koff, voff = array("Q", [0]), array("Q", [0])
        kblob, vblob = bytearray(), bytearray()
        for k, v in zip(keys, values, strict=True):
            kblob += k
            koff.append(len(kblob))
            vblob += v
            voff.append(len(vblob))
        size = 8
        while size < 2 * len(keys):
            size *= 2
        mask = size - 1
        slots = array("i", bytes(4 * size))
        for row, k in enumerate(keys):
            h = _slot(k, mask)
            while slots[h]:
                h = (h + 1) & mask
            slots[h] = row + 1
        self.add(f"{name}.koff", koff, "Q")
        self.add(f"{name}.keys", kblob)
        self.add(f"{name}.voff", voff, "Q")
        self.add(f"{name}.values", vblob)
        self.add(f"{name}.slots", slots, "i")


def _ids(values: Iterable[int]) -> bytes:
    return array("I", sorted(values)).tobytes()


def encode(index_: ScreeningIndex) -> tuple[dict[str, Any], list[bytes]]:
    """The index as the body's sections: what the header must say of them, and the body's bytes. Works
    as well on an index that was itself read from a snapshot (what it has not decoded is decoded here,
    and not kept)."""
    _check_layout()
    state = index_.to_state()
    if len(state) < 12:
        raise ValueError("not a screening index state this module can write")
    (
        _,
        notices,
        notice_entries,
        entries,
        next_entry,
        parts,
        next_part,
        shared_names,
        by_key,
        by_skeleton,
        by_deletion,
        by_han,
    ) = state[:12]
    items = postings.items
    body = _Body()

    notice_row: dict[str, int] = {}
    keys: list[bytes] = []
    values: list[bytes] = []
    counts = array("I")
    audience_off, audiences = array("Q", [0]), bytearray()
    for nid, notice in items(notices):
        eids = notice_entries.get(nid, ())
        notice_row[nid] = len(keys)
        keys.append(_text(nid))
        values.append(array("I", eids).tobytes() + _pickle(notice))
        counts.append(len(eids))
        audiences += marshal.dumps(notice.audience())
        audience_off.append(len(audiences))
    body.table("notices", keys, values)
    body.add("notices.count", counts, "I")
    body.add("notices.audience_off", audience_off, "Q")
    body.add("notices.audience", audiences)

    tid_row = array("i", [_EMPTY]) * next_part
    keys, values = [], []
    tids = array("i")
    counts = array("I")
    tid_of: dict[Token, int] = {}
    for tid, part in items(parts):
        tid_of[part.token] = tid
        tid_row[tid] = len(keys)
        tids.append(tid)
        keys.append(token_digest(part.token))
        fields = tuple(getattr(part.token, f) for f in _TOKEN_FIELDS)
        values.append(_ids(part.entries) + marshal.dumps(fields))
        counts.append(len(part.entries))
    body.table("parts", keys, values)
    body.add("parts.count", counts, "I")
    body.add("parts.tid", tids, "i")
    body.add("parts.by_tid", tid_row, "i")

    name_row: dict[tuple[str, str], int] = {}
    keys, values = [], []
    forms_at = _NAME_FIELDS.index("forms")
    for key, shared in items(shared_names):
        name_row[key] = len(keys)
        keys.append(_name_key(key))
        analysed = [getattr(shared.name, f) for f in _NAME_FIELDS]
        # the parts by number (a name's parts are the index's: index._share files them)
        analysed[forms_at] = tuple(tuple(tid_of[t] for t in form) for form in shared.name.forms)
        record = [getattr(shared, f) for f in _SHARED_FIELDS]
        record[0] = tuple(analysed)
        values.append(marshal.dumps(tuple(record)))
    body.table("names", keys, values)

    e_notice = array("i", [_EMPTY]) * next_entry
    e_name = array("i", [_EMPTY]) * next_entry
    e_lo = array("i", [_EMPTY]) * next_entry
    e_hi = array("i", [_EMPTY]) * next_entry
    for eid, entry in items(entries):
        e_notice[eid] = notice_row[entry.notice_id]
        e_name[eid] = name_row[entry.shared.key]
        if entry.born is not None:
            e_lo[eid], e_hi[eid] = entry.born
    body.add("entries.notice", e_notice, "i")
    body.add("entries.name", e_name, "i")
    body.add("entries.lo", e_lo, "i")
    body.add("entries.hi", e_hi, "i")

    for name, table in (("by_key", by_key), ("by_skeleton", by_skeleton), ("by_han", by_han)):
        keys, values = [], []
        for k, ids in items(table):
            keys.append(_text(k))
            values.append(_ids(ids))
        body.table(name, keys, values)
    keys, values = [], []
    for k, near in items(by_deletion):
        keys.append(_text(k))
        values.append(_text("\0".join(sorted(near))))
    body.table("by_deletion", keys, values)

    layout = {
        "sections": body.sections,
        "next_entry": next_entry,
        "next_part": next_part,
        "counts": {
            "notices": len(notices),
            "entries": len(entries),
            "parts": len(parts),
            "names": len(shared_names),
            "by_key": len(by_key),
            "by_skeleton": len(by_skeleton),
            "by_deletion": len(by_deletion),
            "by_han": len(by_han),
        },
        "body_bytes": body.size,
    }
    return layout, body.chunks


class _Table:
    """A table :meth:`_Body.table` wrote, read in place."""

    __slots__ = ("keys", "koff", "mask", "n", "slots", "values", "voff")

    def __init__(self, section: Callable[[str], memoryview], name: str) -> None:
        self.koff = section(f"{name}.koff")
        self.keys = section(f"{name}.keys")
        self.voff = section(f"{name}.voff")
        self.values = section(f"{name}.values")
        self.slots = section(f"{name}.slots")
        self.mask = len(self.slots) - 1
        self.n = len(self.koff) - 1

    def row(self, key: bytes) -> int:
        """The row of ``key``, or -1."""
        slots, koff, keys, mask = self.slots, self.koff, self.keys, self.mask
        h = zlib.crc32(key) & mask
        while True:
            r = slots[h]
            if not r:
                return -1
            r -= 1
            if keys[koff[r] : koff[r + 1]] == key:
                return r
            h = (h + 1) & mask

    def key(self, row: int) -> memoryview:
        return self.keys[self.koff[row] : self.koff[row + 1]]

    def value(self, row: int) -> memoryview:
        return self.values[self.voff[row] : self.voff[row + 1]]


def _is_str(value: object) -> bool:
    return type(value) is str


def decode(view: memoryview, layout: dict[str, Any]) -> ScreeningIndex:
    """The index the body in ``view`` holds, every table read from it when first reached."""
    sections = layout["sections"]

    def section(name: str) -> memoryview:
        offset, length, typecode = sections[name]
        raw = view[offset : offset + length]
        return raw if typecode == "B" else raw.cast(typecode)

    next_entry, next_part = int(layout["next_entry"]), int(layout["next_part"])
    counts = layout["counts"]

    # notices and their entry ids
    nt = _Table(section, "notices")
    n_count = section("notices.count")

    def notice_row(nid: object) -> int:
        return nt.row(_text(nid)) if type(nid) is str else -1

    def notice_get(nid: str) -> IndexedNotice:
        r = notice_row(nid)
        if r < 0:
            return MISSING  # type: ignore[no-any-return]
        # Only read from a file whose HMAC matched (SnapshotFile.load): one this installation wrote.
        return pickle.loads(nt.value(r)[4 * n_count[r] :])  # type: ignore[no-any-return]  # noqa: S301

    def notice_entries_get(nid: str) -> list[int]:
        r = notice_row(nid)
        if r < 0:
            return MISSING  # type: ignore[no-any-return]
        return list(nt.value(r)[: 4 * n_count[r]].cast("I"))

    def notice_keys() -> Iterator[str]:
        return (_untext(nt.key(r)) for r in range(nt.n))

    def notice_has(nid: str) -> bool:
        return notice_row(nid) >= 0

    notices: LazyMap[str, IndexedNotice] = LazyMap(notice_get, notice_keys, counts["notices"], notice_has)
    notice_entries: LazyMap[str, list[int]] = LazyMap(
        notice_entries_get, notice_keys, counts["notices"], notice_has
    )

    # name parts, by number and by content
    pt = _Table(section, "parts")
    p_count, p_tid, by_tid = section("parts.count"), section("parts.tid"), section("parts.by_tid")

    def part_row(tid: object) -> int:
        return by_tid[tid] if type(tid) is int and 0 <= tid < next_part else -1

    def part_get(tid: int) -> _Part:
        r = part_row(tid)
        if r < 0:
            return MISSING  # type: ignore[no-any-return]
        v = pt.value(r)
        c = 4 * p_count[r]
        return _Part(Token(*marshal.loads(v[c:])), set(v[:c].cast("I")))  # noqa: S302 - HMAC checked

    def part_keys() -> Iterator[int]:
        return (tid for tid in range(next_part) if by_tid[tid] >= 0)

    def part_has(tid: int) -> bool:
        return part_row(tid) >= 0

    parts: LazyMap[int, _Part] = LazyMap(part_get, part_keys, counts["parts"], part_has)

    def part_id_get(token: Token) -> int:
        r = pt.row(token_digest(token)) if isinstance(token, Token) else -1
        return p_tid[r] if r >= 0 else MISSING

    def part_id_keys() -> Iterator[Token]:
        return (parts[tid].token for tid in part_keys())

    part_ids: LazyMap[Token, int] = LazyMap(part_id_get, part_id_keys, counts["parts"])

    # names
    nm = _Table(section, "names")
    forms_at = _NAME_FIELDS.index("forms")

    def name_row(key: object) -> int:
        if type(key) is not tuple or len(key) != 2 or not all(type(k) is str for k in key):
            return -1
        return nm.row(_name_key(key))

    def name_from(r: int) -> _Name:
        fields = list(marshal.loads(nm.value(r)))  # noqa: S302 - HMAC checked
        analysed = list(fields[0])
        analysed[forms_at] = tuple(tuple(parts[tid].token for tid in form) for form in analysed[forms_at])
        fields[0] = AnalysedName(*analysed)
        return _Name(*fields)

    def name_get(key: tuple[str, str]) -> _Name:
        r = name_row(key)
        return name_from(r) if r >= 0 else MISSING

    def name_key_of(r: int) -> tuple[str, str]:
        raw = bytes(nm.key(r))
        (length,) = struct.unpack_from("<I", raw)
        return _untext(raw[4 : 4 + length]), _untext(raw[4 + length :])

    def name_keys() -> Iterator[tuple[str, str]]:
        return (name_key_of(r) for r in range(nm.n))

    shared_names: LazyMap[tuple[str, str], _Name] = LazyMap(
        name_get, name_keys, counts["names"], lambda key: name_row(key) >= 0
    )

    # entries: a notice's name, its birth date and who may see it (not the notice: read when scored)
    e_notice, e_name = section("entries.notice"), section("entries.name")
    e_lo, e_hi = section("entries.lo"), section("entries.hi")
    a_off, a_blob = section("notices.audience_off"), section("notices.audience")
    audiences: dict[bytes, index.Audience] = {}
    """Each audience decoded once, shared by the entries that have it (most notices have one of few)."""

    def audience_of(r: int) -> index.Audience:
        raw = bytes(a_blob[a_off[r] : a_off[r + 1]])
        found = audiences.get(raw)
        if found is None:
            found = audiences[raw] = marshal.loads(raw)  # noqa: S302 - HMAC checked
        return found

    def entry_row(eid: object) -> int:
        return e_notice[eid] if type(eid) is int and 0 <= eid < next_entry else -1

    def entry_get(eid: int) -> _Entry:
        r = entry_row(eid)
        if r < 0:
            return MISSING  # type: ignore[no-any-return]
        # The name the index shares; read again from the file if the index has just taken it out.
        key = name_key_of(e_name[eid])
        shared = shared_names.get(key) or name_get(key)
        lo = e_lo[eid]
        born = (lo, e_hi[eid]) if lo != _EMPTY else None
        return _Entry(_untext(nt.key(r)), shared, born, audience_of(r))

    def entry_keys() -> Iterator[int]:
        return (eid for eid in range(next_entry) if e_notice[eid] >= 0)

    entries: LazyMap[int, _Entry] = LazyMap(
        entry_get, entry_keys, counts["entries"], lambda eid: entry_row(eid) >= 0
    )

    def text_table(name: str, read: Callable[[memoryview], Any]) -> LazyMap[str, Any]:
        table = _Table(section, name)

        def get(key: str) -> Any:
            r = table.row(_text(key)) if type(key) is str else -1
            return read(table.value(r)) if r >= 0 else MISSING

        def keys() -> Iterator[str]:
            return (_untext(table.key(r)) for r in range(table.n))

        def has(key: str) -> bool:
            return type(key) is str and table.row(_text(key)) >= 0

        return LazyMap(get, keys, table.n, has)

    def id_set(value: memoryview) -> set[int]:
        return set(value.cast("I"))

    def key_set(value: memoryview) -> set[str]:
        return set(_untext(value).split("\0")) if len(value) else set()

    state = (
        index.STATE_VERSION,
        notices,
        notice_entries,
        entries,
        next_entry,
        parts,
        next_part,
        shared_names,
        text_table("by_key", id_set),
        text_table("by_skeleton", id_set),
        text_table("by_deletion", key_set),
        text_table("by_han", id_set),
        part_ids,
    )
    return ScreeningIndex.from_state(state)


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

    def prepare(self, index_: ScreeningIndex, seq: int) -> Callable[[], Path]:
        """What :meth:`save` needs from the store, asked now; the write, to call later, touches no
        connection (a forked child must not use its parent's pooled connections)."""
        genesis = self.genesis()
        return lambda: self.save(index_, seq, genesis)

    def save(self, index_: ScreeningIndex, seq: int, genesis: str | None = None) -> Path:
        """Write the index as covering the store's changes up to ``seq``, atomically."""
        started = time.perf_counter()
        layout, chunks = encode(index_)
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
                "byteorder": sys.byteorder,
                **layout,
            },
            separators=(",", ":"),
        ).encode()
        # Spaces after the header so that the body starts on an 8-byte boundary (its arrays are read
        # in place); JSON ignores them, the HMAC covers them.
        used = len(MAGIC) + len(header) + 1 + 64 + 1
        header += b" " * (-used % 8)
        mac = hmac.new(self.key, header, hashlib.sha256)
        for chunk in chunks:
            mac.update(chunk)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(MAGIC)
                f.write(header + b"\n")
                f.write(mac.hexdigest().encode() + b"\n")
                for chunk in chunks:
                    f.write(chunk)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, 0o600)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        log.info(
            "screening index snapshot written in %.1fs (%d bytes)",
            time.perf_counter() - started,
            layout["body_bytes"],
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
        there is no usable snapshot for this store and this matcher. The file is memory-mapped and read
        only where searches and changes reach (see the module docstring)."""
        started = time.perf_counter()
        try:
            f = self.path.open("rb")
        except FileNotFoundError:
            self.last_load = {"status": "missing"}
            return None
        except OSError as exc:
            self.last_load = {"status": f"unreadable: {exc}"}
            return None
        why = ""
        try:
            with f:
                why, loaded = self._read(f)
            if loaded is not None:
                self.last_load = {
                    "status": "loaded",
                    "seconds": time.perf_counter() - started,
                    "seq": loaded[1],
                }
                return loaded
        except Exception as exc:  # a snapshot that cannot be read is no snapshot, never a crash
            why = f"unreadable: {type(exc).__name__}: {exc}"
        self.last_load = {"status": why}
        log.warning("screening index snapshot %s ignored: %s", self.path, why)
        return None

    def _read(self, f: io.BufferedReader) -> tuple[str, tuple[ScreeningIndex, int] | None]:
        if f.readline() != MAGIC:
            return "not a snapshot", None
        header_bytes = f.readline()
        mac = f.readline()
        if not header_bytes.endswith(b"\n") or not mac.endswith(b"\n"):
            return "truncated", None
        header_bytes, mac = header_bytes[:-1], mac[:-1]
        header = json.loads(header_bytes)
        if not isinstance(header, dict) or header.get("format") != FORMAT:
            return "another format", None
        if header.get("matcher") != self.matcher or header.get("byteorder") != sys.byteorder:
            return "another matcher version", None
        if header.get("store") != self.store_id or (
            header.get("genesis") and header.get("genesis") != self.genesis()
        ):
            return "another store", None
        start = f.tell()
        size = os.fstat(f.fileno()).st_size
        if size - start != header.get("body_bytes"):
            return "truncated or padded (the body is not the size the header says)", None
        # The HMAC of the whole body, read through the file (the pages stay in the page cache, not in
        # this process), before any of it is used.
        check = hmac.new(self.key, header_bytes, hashlib.sha256)
        buffer = bytearray(1 << 20)
        while n := f.readinto(buffer):
            check.update(memoryview(buffer)[:n])
        if not hmac.compare_digest(mac, check.hexdigest().encode()):
            return "bad checksum (corrupt or truncated)", None
        if size == start:
            raise ValueError("empty body")
        mapped = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)  # outlives f: the index holds it
        view = memoryview(mapped)[start:]
        return "", (decode(view, header), int(header["seq"]))


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
