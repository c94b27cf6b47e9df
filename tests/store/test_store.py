"""The store on SQLite and PostgreSQL: migrations, round trips, concurrency, the audit chain."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, inspect, select, update

from rednotice.adapters.db import tables as t
from rednotice.adapters.db.migrate import current, head, upgrade
from rednotice.bootstrap import Store
from rednotice.domain.errors import Conflict
from rednotice.domain.lifecycle import Action, State
from rednotice.domain.users import Actor, Role
from rednotice.services import audit as audit_service
from rednotice.services import notices as ns
from rednotice.services.ports import NoticeFilter
from tests.factories import make_request, request_dict

FR = Actor("ncb-fr", Role.NCB_OFFICER, "FR")
RU = Actor("ncb-ru", Role.NCB_OFFICER, "RU")
REV = Actor("rev", Role.REVIEWER)
REV2 = Actor("rev2", Role.REVIEWER)

EVERY_FIELD = request_dict(
    **{
        "requesting_country": "RU",
        "language": "ru",
        "subject.family_name": "IVANOV",
        "subject.given_names": "Sergei Petrovich",
        "subject.names_original_script": ["Иванов Сергей Петрович", "Іванов"],
        "subject.aliases": [
            {"family_name": "IWANOW", "given_names": "Sergej"},
            {"family_name": "IVANOFF", "given_names": ""},
        ],
        "subject.sex": "M",
        "subject.date_of_birth": "1980-07",
        "subject.place_of_birth": "Санкт-Петербург",
        "subject.country_of_birth": "RU",
        "subject.nationalities": ["RU", "IL"],
        "subject.identity_documents": [
            {"kind": "passport", "number": "75 1234567", "issuing_country": "RU"},
            {"kind": "national_id", "number": "X-1", "issuing_country": None},
        ],
        "subject.physical_description": {
            "height_m": 1.76,
            "weight_kg": 70.5,
            "eye_colours": ["GRE", "BLU"],
            "hair_colours": ["BLA"],
            "distinguishing_marks": "tattoo «якорь» on arm",
        },
        "subject.biometrics": {"photo": True, "fingerprints": True, "dna": False},
        "subject.occupations": ["banker"],
        "subject.profile": ["businessperson", "former_official"],
        "subject.relations": [{"notice_id": "2019/12345", "relation": "sibling"}],
        "judicial.facts": {
            "summary": "В 2019 году в Москве… embezzled 3 million roubles from Bank X.",
            "date": "2019",
            "place": "Москва",
        },
        "judicial.charges": [
            {
                "offence": "Embezzlement",
                "law": "Criminal Code art. 160(4)",
                "max_penalty_years": 10,
                "offence_original": "Присвоение или растрата",
            },
            {"offence": "Forgery", "law": "art. 327", "max_penalty_years": 2.5},
        ],
        "judicial.warrant": {
            "reference": "№ 1-23/2020",
            "issued_on": "2020-02-03",
            "authority": "Basmanny court",
            "judicial": True,
            "appealable_to_judge": None,
        },
        "judicial.conviction": {
            "sentence_months": 48,
            "remaining_months": 40.5,
            "judgment_reference": "J-9",
            "date": "2021-05",
        },
        "assurances": {"extradition_will_be_sought": True, "issuing_authority_competent": True},
        "visibility": {
            "restricted_to": ["DE", "FR", "IL"],
            "excluded_countries": ["UA"],
            "public_extract": True,
        },
    }
)


def test_migrations_reach_head_from_empty(store: Store) -> None:
    assert current(store.engine) == head()
    upgrade(store.engine)  # idempotent
    names = set(inspect(store.engine).get_table_names())
    assert {"notices", "notice_transitions", "users", "api_tokens", "audit_events", "audit_head"} <= names


def test_migrations_match_the_tables(store: Store) -> None:
    """Autogenerate finds nothing to do: the migrations create exactly what tables.py declares."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from rednotice.adapters.db import audit_partitions

    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts=audit_partitions.COMPARE_OPTS)
        assert compare_metadata(context, t.metadata) == []


def test_round_trip_of_every_field_in_every_script(store: Store) -> None:
    from rednotice.adapters.formats.request_json import parse_request

    request = parse_request(EVERY_FIELD)
    n = ns.create_request(ns.CreateRequest(request), RU, store.uow())
    got = ns.get_notice(n.id, REV, store.uow())
    assert got.request == request
    assert got.request.to_dict()["subject"]["names_original_script"] == ["Иванов Сергей Петрович", "Іванов"]
    assert (
        got.request.subject.date_of_birth is not None
        and got.request.subject.date_of_birth.precision == "month"
    )
    assert got.created_at == store.clock()
    assert got.history[0].action is Action.SUBMIT and got.history[0].actor == RU


def test_search_by_name_in_any_script_and_filters(store: Store) -> None:
    from rednotice.adapters.formats.request_json import parse_request

    ns.create_request(ns.CreateRequest(parse_request(EVERY_FIELD)), RU, store.uow())
    ns.create_request(ns.CreateRequest(make_request()), FR, store.uow())
    for term in ("иванов", "IVANOV", "iwanow sergej", "Іванов"):
        page = ns.list_notices(NoticeFilter(name=term), REV, store.uow())
        assert [n.request.subject.family_name for n in page.items] == ["IVANOV"], term
    assert ns.list_notices(NoticeFilter(nationality="IL"), REV, store.uow()).total == 1
    assert ns.list_notices(NoticeFilter(requesting_country="FR"), REV, store.uow()).total == 1
    assert ns.list_notices(NoticeFilter(name="50%_"), REV, store.uow()).total == 0


def _publish(store: Store, actor: Actor, **overrides: object) -> str:
    n = ns.create_request(ns.CreateRequest(make_request(**overrides)), actor, store.uow())
    ns.transition(ns.Transition(n.id, Action.START_REVIEW), REV, store.uow())
    ns.transition(ns.Transition(n.id, Action.PUBLISH, "compliant"), REV, store.uow())
    return n.id


def test_visibility_in_sql_matches_the_policy(store: Store) -> None:
    from rednotice.domain.policy import can_see_notice

    _publish(store, FR)
    _publish(store, FR, **{"visibility.excluded_countries": ["DE"]})
    _publish(store, FR, **{"visibility.restricted_to": ["DE", "ES"]})
    _publish(store, FR, **{"visibility.restricted_to": ["ES"]})
    ns.create_request(ns.CreateRequest(make_request()), FR, store.uow())  # submitted, not published
    ns.create_request(ns.CreateRequest(make_request(type="wanted_person_diffusion")), FR, store.uow())
    everything = ns.list_notices(NoticeFilter(limit=100), REV, store.uow()).items
    assert len(everything) == 6
    for viewer in (Actor("de", Role.NCB_OFFICER, "DE"), Actor("es", Role.NCB_OFFICER, "ES"), FR):
        listed = {n.id for n in ns.list_notices(NoticeFilter(limit=100), viewer, store.uow()).items}
        assert listed == {n.id for n in everything if can_see_notice(viewer, n)}, viewer
    de_ids = {
        n.id
        for n in ns.list_notices(
            NoticeFilter(limit=100), Actor("de", Role.NCB_OFFICER, "DE"), store.uow()
        ).items
    }
    assert len(de_ids) == 3  # plain, restricted-to-DE, and the (unreviewed) diffusion


def test_two_reviewers_deciding_at_once_one_wins(store: Store) -> None:
    n = ns.create_request(ns.CreateRequest(make_request()), FR, store.uow())
    seen = ns.transition(ns.Transition(n.id, Action.START_REVIEW), REV, store.uow()).version
    ns.transition(ns.Transition(n.id, Action.PUBLISH, "compliant", expected_version=seen), REV, store.uow())
    with pytest.raises(Conflict):
        ns.transition(
            ns.Transition(n.id, Action.REFUSE, "political", expected_version=seen), REV2, store.uow()
        )
    got = ns.get_notice(n.id, REV, store.uow())
    assert got.state is State.PUBLISHED
    assert [h.actor.username for h in got.history] == ["ncb-fr", "rev", "rev"]


def test_lost_update_is_impossible_even_without_an_expected_version(store: Store) -> None:
    """Two units of work load the same version; the second write is refused (PostgreSQL: truly concurrent)."""
    if store.engine.dialect.name == "sqlite":
        pytest.skip("SQLite serialises writers at BEGIN; the expected-version test covers it")
    n = ns.create_request(ns.CreateRequest(make_request()), FR, store.uow())
    with store.uow() as a, store.uow() as b:
        na, nb = a.notices.get(n.id), b.notices.get(n.id)
        assert na is not None and nb is not None
        ra = na.apply(Action.START_REVIEW, REV, store.clock())
        a.notices.save(na, 1, [ra])
        a.commit()
        rb = nb.apply(Action.WITHDRAW, FR, store.clock(), "changed our mind")
        with pytest.raises(Conflict):
            b.notices.save(nb, 1, [rb])
    assert ns.get_notice(n.id, REV, store.uow(), audit=False).state is State.UNDER_REVIEW


def test_ids_are_sequential_per_year_and_skip_imported_ones(store: Store) -> None:
    from rednotice.domain.lifecycle import Notice

    with store.uow() as uow:
        uow.notices.add(Notice("2026/00002", make_request(), created_by="import"))
        uow.commit()
    ids = [ns.create_request(ns.CreateRequest(make_request()), FR, store.uow()).id for _ in range(3)]
    assert ids == ["2026/00001", "2026/00003", "2026/00004"]


def test_a_failed_unit_of_work_writes_nothing(store: Store) -> None:
    n = ns.create_request(ns.CreateRequest(make_request()), FR, store.uow())
    with store.uow() as uow:
        events_before = uow.audit.head()
    with pytest.raises(Exception, match="boom"), store.uow() as uow:
        notice = uow.notices.get(n.id)
        assert notice is not None
        rec = notice.apply(Action.START_REVIEW, REV, store.clock())
        uow.notices.save(notice, 1, [rec])
        uow.audit.append(REV, "notice.transition.start_review", f"notice:{n.id}", {}, store.clock())
        raise RuntimeError("boom")
    with store.uow() as uow:
        assert uow.audit.head() == events_before
        still = uow.notices.get(n.id)
        assert still is not None and still.state is State.SUBMITTED and still.version == 1


def test_audit_chain_detects_edits_and_deletions(store: Store) -> None:
    for _ in range(3):
        _publish(store, FR)
    assert audit_service.verify(store.uow()).ok
    with store.engine.begin() as conn:
        original = conn.execute(select(t.audit_events.c.data).where(t.audit_events.c.seq == 4)).scalar_one()
        conn.execute(update(t.audit_events).where(t.audit_events.c.seq == 4).values(data={"forged": True}))
    report = audit_service.verify(store.uow())
    assert not report.ok and any("event 4 was altered" in p for p in report.problems)
    with store.engine.begin() as conn:
        conn.execute(update(t.audit_events).where(t.audit_events.c.seq == 4).values(data=original))
        conn.execute(delete(t.audit_events).where(t.audit_events.c.seq == 5))
    report = audit_service.verify(store.uow())
    assert not report.ok and any("missing" in p for p in report.problems)


def test_audit_chain_detects_a_removed_tail(store: Store) -> None:
    _publish(store, FR)
    with store.engine.begin() as conn:
        last = conn.execute(select(t.audit_head.c.seq)).scalar_one()
        conn.execute(delete(t.audit_events).where(t.audit_events.c.seq == last))
    assert not audit_service.verify(store.uow()).ok


def test_every_change_advances_the_change_sequence(store: Store) -> None:
    """Screening indexes in every process follow this sequence to stay current without a restart."""
    with store.uow() as uow:
        start = uow.notices.max_change_seq()
    a = ns.create_request(ns.CreateRequest(make_request()), FR, store.uow())
    b = ns.create_request(ns.CreateRequest(make_request()), FR, store.uow())
    ns.transition(ns.Transition(a.id, Action.START_REVIEW), REV, store.uow())
    with store.uow() as uow:
        changes = [(n.id, seq) for n, seq in uow.notices.changed_since(start)]
        assert [i for i, _ in changes] == [b.id, a.id]  # a's latest change is the newest
        seqs = [s for _, s in changes]
        assert seqs == sorted(seqs) and len(set(seqs)) == 2
        assert uow.notices.changed_since(seqs[-1]) == []
        assert uow.notices.max_change_seq() == seqs[-1]


def test_a_reader_never_blocks_a_writer_and_cannot_commit(store: Store) -> None:
    """Building the screening index reads every notice in force; on SQLite that must not hold the write
    lock (every other request would wait behind it)."""
    with store.reader() as reader:
        assert reader.notices.max_change_seq() == 0
        request = make_request(requesting_country="RU")
        n = ns.create_request(ns.CreateRequest(request), RU, store.uow())  # commits meanwhile
        with pytest.raises(RuntimeError):
            reader.commit()
    with store.reader() as reader:
        assert reader.notices.max_change_seq() > 0
        assert reader.notices.get(n.id) is not None
