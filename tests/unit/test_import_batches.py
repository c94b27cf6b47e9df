"""Batched imports on the in-memory fakes: the same notices and audit chain as one record per transaction."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime

from benchmarks.imports import detail

from rednotice.adapters.formats.interpol import Rejected, read_text
from rednotice.adapters.memory import MemoryData, MemoryUnitOfWork
from rednotice.cli import imports as import_cli
from rednotice.domain.audit import verify_chain
from rednotice.domain.users import SYSTEM
from rednotice.services import imports as import_service
from rednotice.services.imports import ImportInterpol, import_interpol
from rednotice.services.ports import AuditEntry

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def records(n: int) -> list[object]:
    rng = random.Random(5)
    return list(read_text(json.dumps([detail(i, rng) for i in range(n)]), "x.json"))


def imported(batch_size: int, items: list[object]) -> MemoryData:
    data = MemoryData()
    report = import_interpol(
        ImportInterpol(items),  # type: ignore[arg-type]
        SYSTEM,
        lambda: MemoryUnitOfWork(data, lambda: NOW),
        batch_size=batch_size,
    )
    assert len(report.imported) == len({i.entity_id for i in items})  # type: ignore[attr-defined]
    return data


def test_batches_and_single_records_give_the_same_notices_and_chain() -> None:
    items = records(11)
    one, batched = imported(1, items), imported(4, items)
    assert one.audit == batched.audit
    assert verify_chain(batched.audit).ok
    assert sorted(one.notices) == sorted(batched.notices)
    for notice_id, notice in one.notices.items():
        other = batched.notices[notice_id]
        assert (other.request, other.state, other.history) == (notice.request, notice.state, notice.history)


def test_append_many_chains_like_append_one_by_one() -> None:
    entries = [AuditEntry(SYSTEM, "x.test", f"thing:{i}", {"i": i}, NOW) for i in range(5)]
    one, many = MemoryData(), MemoryData()
    with MemoryUnitOfWork(one) as uow:
        for e in entries:
            uow.audit.append(e.actor, e.action, e.subject, e.data, e.at)
        uow.commit()
    with MemoryUnitOfWork(many) as uow:
        events = uow.audit.append_many(entries)
        uow.commit()
    assert events == one.audit == many.audit


def test_the_cli_default_batch_size_is_the_use_case_default() -> None:
    assert import_cli.DEFAULT_BATCH_SIZE == import_service.DEFAULT_BATCH_SIZE


def test_an_entity_id_too_long_for_the_store_is_rejected_when_read() -> None:
    rng = random.Random(1)
    record = detail(0, rng)
    record["entity_id"] = "2020/" + "1" * 30
    (item,) = read_text(json.dumps(record), "x.json")
    assert isinstance(item, Rejected) and "does not match YYYY/NNNNN" in item.reason
