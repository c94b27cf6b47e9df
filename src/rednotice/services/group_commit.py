"""Group commit: many requests' writes in one transaction, each request waiting until its own is durable.

Under load every screening request writes a run, its result lines, its hits and one audit event. Written
one transaction each, they queue on the audit chain's head row (it is locked from the append to the
commit), so searches were serialised behind it. Here one thread at a time writes: whoever submits while
nobody is writing becomes the writer, takes everything queued (up to ``max_batch``) and writes it in one
unit of work; those who submit meanwhile wait and form the next batch. No background thread: nothing to
start or stop, and a process that screens nothing holds nothing.

A batch is all or nothing. When it fails, each of its items is tried again alone, so that one bad item
(a hit on a notice deleted meanwhile...) fails only its own request; whoever still fails gets the error.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from rednotice.services.ports import UnitOfWork

T = TypeVar("T")

MAX_BATCH = 256
"""Most items written in one transaction: bounds a batch's size and how long the head row is locked."""

_writer = threading.local()


def writing_records() -> bool:
    """True in a thread while it writes (and commits) a batch of a group commit made with
    ``changes_notices=False``: the store's count of commits that may have changed notices leaves such
    commits out, so that recording screenings does not make every search look at the store again."""
    return bool(getattr(_writer, "records", False))


class _Slot(Generic[T]):
    __slots__ = ("done", "error", "item", "woken")

    def __init__(self, item: T) -> None:
        self.item = item
        self.done = False
        self.error: BaseException | None = None
        self.woken = threading.Event()


class GroupCommit(Generic[T]):
    """Writes items with ``write(uow, items)`` in batches; :meth:`submit` returns once its item is
    committed (or raises what made it fail).

    Whoever finds nobody writing writes; the others wait, each on an event of its own: a finished batch
    wakes only its own items' submitters and the first one still queued, which writes the next batch
    (so a writer writes one batch, its own, and nobody waits behind more than the batch before theirs)."""

    def __init__(
        self,
        uow_factory: Callable[[], UnitOfWork],
        write: Callable[[UnitOfWork, Sequence[T]], None],
        max_batch: int = MAX_BATCH,
        changes_notices: bool = True,
    ) -> None:
        self.uow_factory = uow_factory
        self.write = write
        self.max_batch = max_batch
        self.changes_notices = changes_notices
        """False: ``write`` changes no notice (see :func:`writing_records`)."""
        self.batches = 0
        """Transactions committed (for tests and the benchmark: how much grouping happened)."""
        self._queue: list[_Slot[T]] = []
        self._writing = False
        self._lock = threading.Lock()

    def submit(self, item: T) -> None:
        slot = _Slot(item)
        with self._lock:
            self._queue.append(slot)  # when nobody writes the queue is empty: this slot comes first
            lead = not self._writing
            self._writing = True
        if not lead:
            slot.woken.wait()
        if not slot.done:  # woken to write (or first): the next batch starts with this slot
            with self._lock:
                batch = self._queue[: self.max_batch]
                del self._queue[: self.max_batch]
            try:
                self._write_batch(batch)
            finally:
                with self._lock:
                    if self._queue:  # hand the writing to the first one waiting
                        self._queue[0].woken.set()
                    else:
                        self._writing = False
        if slot.error is not None:
            raise slot.error

    def _write_batch(self, batch: list[_Slot[T]]) -> None:
        try:
            self._commit([s.item for s in batch])
        except Exception as exc:
            if len(batch) == 1:
                batch[0].error = exc
            else:  # find who failed it: each alone, all or nothing
                for slot in batch:
                    try:
                        self._commit([slot.item])
                    except Exception as alone:
                        slot.error = alone
        finally:
            for slot in batch:
                slot.done = True
                slot.woken.set()

    def _commit(self, items: list[T]) -> None:
        _writer.records = not self.changes_notices
        try:
            with self.uow_factory() as uow:
                self.write(uow, items)
                uow.commit()
        finally:
            _writer.records = False
        self.batches += 1
