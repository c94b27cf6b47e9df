"""The in-memory store the use-case tests run on (``adapters/memory``), and the steps they all take: a
request submitted by its country's bureau, then published by a reviewer."""

from __future__ import annotations

from rednotice.adapters.memory import MemoryData, MemoryUnitOfWork
from rednotice.domain.lifecycle import Action
from rednotice.domain.users import Actor, Role
from rednotice.services import notices as ns
from tests.conftest import FakeClock
from tests.factories import make_request

REV = Actor("rev", Role.REVIEWER)


class FakeStore:
    """One store's data and clock; each test module adds what it asks of it."""

    def __init__(self, clock: FakeClock) -> None:
        self.data = MemoryData()
        self.clock = clock

    def uow(self) -> MemoryUnitOfWork:
        return MemoryUnitOfWork(self.data, self.clock)


def officer(country: str) -> Actor:
    return Actor(f"ncb-{country.lower()}", Role.NCB_OFFICER, country)


def submitted(store: FakeStore, **overrides: object) -> str:
    """A request (``make_request`` with ``overrides``) submitted by its requesting country's officer."""
    request = make_request(**overrides)
    return ns.create_request(ns.CreateRequest(request), officer(request.requesting_country), store.uow()).id


def published(store: FakeStore, **overrides: object) -> str:
    """A request submitted, then reviewed and published as compliant."""
    nid = submitted(store, **overrides)
    ns.transition(ns.Transition(nid, Action.START_REVIEW), REV, store.uow())
    ns.transition(ns.Transition(nid, Action.PUBLISH, "compliant"), REV, store.uow())
    return nid
