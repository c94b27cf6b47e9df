"""The figures repository's contract (``FiguresRepository``): the fake counts what SQL counts. On the
hand-counted scenario of ``tests/store/test_figures_store.py`` every backend gives the hand count; then
the fake and each database, given the same scenario, agree on every raw count and on the 'other'
grounds, for several periods, one country or all, as of now or as of a closed period's end."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from rednotice.domain.lifecycle import Action
from rednotice.domain.users import Actor, Role
from rednotice.services import figures as fs
from rednotice.services.review import Ground
from tests.conftest import FakeClock
from tests.contract.conftest import Backend, memory_backend
from tests.store.test_figures_store import BY_YEAR, EXPECTED, build_store, decide, sent

OVERSIGHT = Actor("oversight", Role.OVERSIGHT)


def at(y: int, m: int = 1, d: int = 1) -> datetime:
    return datetime(y, m, d, tzinfo=UTC)


def test_every_backend_gives_the_hand_count(backend: Backend, clock: FakeClock) -> None:
    build_store(backend, clock)
    query = fs.FiguresQuery(first=date(2024, 1, 1), last=date(2026, 12, 31))
    fig = fs.figures(query, OVERSIGHT, backend.uow())
    for country, expected in EXPECTED.items():
        assert {m: fig.value(country, m) for m in expected} == expected, country
    for (country, year, measure), n in BY_YEAR.items():
        assert fig.value(country, measure, year) == n, (country, year, measure)


WINDOWS = [
    # (start, end, now, country, in_force_as_of)
    (at(2024), at(2027), at(2026, 7), None, None),
    (at(2024), at(2027), at(2026, 7), "RU", None),
    (at(2025), at(2026), at(2026), None, at(2026)),  # a closed period, as of its end
    (at(2025), at(2026, 4), at(2026, 4), "RU", at(2026, 4)),
    (at(2026), at(2027), at(2026, 3), None, None),  # the CCF decision after 'now' is not counted yet
    (at(2025, 3, 2), at(2026), at(2026, 7), "FR", None),
]


def test_the_fake_and_the_database_agree_on_every_count(sql_backend: Backend, clock: FakeClock) -> None:
    fake_clock = FakeClock()
    fake = memory_backend(fake_clock)
    build_store(fake, fake_clock)
    build_store(sql_backend, clock)
    for start, end, now, country, as_of in WINDOWS:
        with fake.uow() as uow:
            want = uow.figures.counts(start, end, now, country, in_force_as_of=as_of)
            want_other = uow.figures.other_grounds(start, end, country)
        with sql_backend.uow() as uow:
            got = uow.figures.counts(start, end, now, country, in_force_as_of=as_of)
            got_other = uow.figures.other_grounds(start, end, country)
        assert want, (start, end, country)
        assert got == want, (start, end, now, country, as_of)
        assert sorted(got_other) == sorted(want_other)


def test_other_grounds_and_iccs_sections(backend: Backend, clock: FakeClock) -> None:
    """Refusals on 'other' grounds come back with their reason; requests count once per ICCS section
    of their charges (the latest check), 'none' for a charge the classifier cannot place."""
    clock.now = at(2025, 3, 1)
    nid = sent("RU", "KILO", store=backend)
    decide(backend, nid, Action.REFUSE, (Ground.OTHER,))
    with backend.uow() as uow:
        repo = uow.figures
        other = repo.other_grounds(at(2025), at(2026))
        counts = repo.counts(at(2025), at(2026), at(2025, 6))
        assert repo.other_grounds(at(2026), at(2027)) == []
        assert repo.other_grounds(at(2025), at(2026), "FR") == []
    assert len(other) == 1 and other[0][0] == "RU"
    assert counts[("RU", 2025, "refused.ground.other")] == 1
    assert counts[("RU", 2025, "requests.total")] == 1
    assert sum(n for (c, _, m), n in counts.items() if c == "RU" and m.startswith("requests.iccs.")) >= 1
    assert all(n > 0 for n in counts.values())  # sparse: zeros are left out


def test_an_empty_store_counts_nothing(backend: Backend) -> None:
    with backend.uow() as uow:
        repo = uow.figures
        assert repo.counts(at(2020), at(2027), at(2026)) == {}
        assert repo.counts(at(2020), at(2027), at(2026), "FR", in_force_as_of=at(2026)) == {}
        assert repo.other_grounds(at(2020), at(2027)) == []


@pytest.mark.parametrize("public_minimum", [3, 5])
def test_the_public_table_is_the_same_on_every_backend(
    backend: Backend, clock: FakeClock, public_minimum: int
) -> None:
    build_store(backend, clock)
    clock.now = at(2026, 7, 1)
    settings = fs.FiguresSettings(public_minimum=public_minimum)
    fig = fs.public_figures(fs.FiguresQuery("RU"), backend.uow(), settings)
    assert fig.minimum == public_minimum
    assert fig.value("RU", "requests.total") == 7
