"""The transparency figures against a hand-counted store, built through the real use cases, on SQLite and
PostgreSQL. The counts in EXPECTED were made by reading ``build_store`` line by line."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from rednotice.bootstrap import Store
from rednotice.domain import figures as f
from rednotice.domain.compliance.context import ProtectionStatus
from rednotice.domain.dates import PartialDate
from rednotice.domain.errors import Forbidden
from rednotice.domain.lifecycle import Action
from rednotice.domain.model import Subject
from rednotice.domain.redress import (
    HarassmentReport,
    HarmKind,
    Outcome,
    PositionGround,
    PositionKind,
    ReporterKind,
    RequestKind,
)
from rednotice.domain.screening.query import ScreeningQuery
from rednotice.domain.users import Actor, Role
from rednotice.services import figures as fs
from rednotice.services import notices as ns
from rednotice.services import redress as rs
from rednotice.services import screening as sc
from rednotice.services.review import Ground
from rednotice.services.screening import HitOutcome
from tests.conftest import FakeClock
from tests.factories import OpensUnitsOfWork, make_request
from tests.unit.test_redress import filing

REV = Actor("rev", Role.REVIEWER)
CCF = Actor("ccf", Role.CCF)
OVERSIGHT = Actor("oversight", Role.OVERSIGHT)
DE = Actor("ncb-de", Role.NCB_OFFICER, "DE")
FR = Actor("ncb-fr", Role.NCB_OFFICER, "FR")


def officer(cc: str) -> Actor:
    return Actor(f"ncb-{cc.lower()}", Role.NCB_OFFICER, cc)


def person(cc: str, name: str, public: bool = False, kind: str = "red_notice") -> Any:
    return make_request(
        **{
            "type": kind,
            "requesting_country": cc,
            "subject.family_name": name,
            "subject.given_names": "Test",
            "subject.aliases": [],
            "subject.nationalities": [cc],
            "subject.identity_documents": [],
            "visibility.public_extract": public,
        }
    )


def sent(
    cc: str,
    name: str,
    public: bool = False,
    kind: str = "red_notice",
    store: OpensUnitsOfWork | None = None,
) -> str:
    assert store is not None
    return ns.create_request(ns.CreateRequest(person(cc, name, public, kind)), officer(cc), store.uow()).id


def decide(store: OpensUnitsOfWork, nid: str, action: Action, grounds: tuple[Ground, ...] = ()) -> None:
    ns.transition(ns.Transition(nid, Action.START_REVIEW), REV, store.uow())
    reasons = "compliant" if action is Action.PUBLISH else "refused on the stated grounds"
    ns.transition(ns.Transition(nid, action, reasons, grounds=grounds), REV, store.uow())


def report(nid: str, kinds: tuple[HarmKind, ...], clock: FakeClock) -> HarassmentReport:
    return HarassmentReport(
        0,
        clock(),
        ReporterKind.RELATIVE,
        "Anna",
        "anna@example.org",
        nid,
        "Anna",
        "sibling",
        kinds,
        "2025-03",
        "Moscow",
        "Questioned and threatened to press her brother to return.",
        "Anna",
    )


def build_store(store: OpensUnitsOfWork, clock: FakeClock) -> dict[str, str]:
    """RU: 6 red notices (2 published, 3 refused, 1 withdrawn) and 1 diffusion; FR: 2 published, 1 of them
    cancelled, 1 hit (located); CN: 1 refused. One CCF case on an RU notice (deleted, deadline met), one
    naming no notice (access, overdue). 2 harassment reports (1 examined), 2 positions, 1 refugee status."""
    clock.now = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
    ids: dict[str, str] = {}
    ids["n1"] = sent("RU", "ALPHA", store=store)
    decide(store, ids["n1"], Action.PUBLISH)
    ids["n2"] = sent("RU", "BRAVO", store=store)
    decide(store, ids["n2"], Action.REFUSE, (Ground.ARTICLE_3,))
    ids["n3"] = sent("RU", "CHARLIE", store=store)
    decide(store, ids["n3"], Action.REFUSE, (Ground.ARTICLE_3, Ground.ARTICLE_2))
    ids["n5"] = sent("RU", "ECHO", store=store)
    ns.transition(ns.Transition(ids["n5"], Action.WITHDRAW, "no longer needed"), officer("RU"), store.uow())
    ids["n6"] = sent("RU", "FOXTROT", public=True, store=store)
    decide(store, ids["n6"], Action.PUBLISH)
    ids["d1"] = sent("RU", "GOLF", kind="wanted_person_diffusion", store=store)
    ids["f1"] = sent("FR", "HOTEL", store=store)
    decide(store, ids["f1"], Action.PUBLISH)
    ns.transition(ns.Transition(ids["f1"], Action.CANCEL, "person arrested"), officer("FR"), store.uow())
    ids["f2"] = sent("FR", "INDIA", store=store)
    decide(store, ids["f2"], Action.PUBLISH)
    ids["c1"] = sent("CN", "JULIET", store=store)
    decide(store, ids["c1"], Action.REFUSE, (Ground.DATA_QUALITY,))

    # harassment of relatives (one report examined), other countries' positions
    rs.file_harassment_report(report(ids["n1"], (HarmKind.DETENTION, HarmKind.THREATS), clock), store.uow())
    rs.file_harassment_report(report(ids["n1"], (HarmKind.EXIT_BAN,), clock), store.uow())
    with store.uow() as uow:
        flags = [
            x for x in uow.redress.flags([ids["n1"]], open_only=True) if x.source.value == "harassment_report"
        ]
    rs.resolve_flag(flags[0].id, "Considered in the re-review of the notice.", REV, store.uow())
    rs.record_position(
        ids["n1"],
        PositionKind.CONCERN,
        [PositionGround.ARTICLE_3],
        "Political dispute.",
        [],
        False,
        DE,
        store.uow(),
    )
    rs.record_position(
        ids["n1"], PositionKind.EXTRADITION_REFUSED, [], "Extradition refused by our courts.", [], False, FR,
        store.uow(),
    )  # fmt: skip
    rs.confirm_refugee(
        Subject(family_name="ZULU", given_names="Nobody", date_of_birth=PartialDate.parse("1980-01-01")),
        ProtectionStatus.REFUGEE,
        "RU",
        "Recognised in 2019",
        DE,
        store.uow(),
    )
    # a hit on FR's second notice: the person is located
    engine = sc.ScreeningEngine(store.uow)
    query = ScreeningQuery(id="q1", name="Test INDIA", birth_date=PartialDate.parse("1971-04-02"))
    run = sc.screen(sc.Screen([query]), DE, engine, store.uow)
    hits = sc.list_hits(run.id, DE, store.uow())
    assert len(hits) == 1
    sc.record_outcome(hits[0]["id"], HitOutcome.LOCATED, "found at the airport", DE, store.uow())

    # 2026: one more RU refusal; the CCF deletes n1 (blocked first, decided at once: deadline met)
    clock.now = datetime(2026, 2, 1, 9, 0, tzinfo=UTC)
    ids["n4"] = sent("RU", "DELTA", store=store)
    decide(store, ids["n4"], Action.REFUSE, (Ground.REFUGEE,))
    with store.uow() as uow:
        n1 = uow.notices.get(ids["n1"])
    assert n1 is not None
    case, _ = rs.file_case(filing(notice_id=ids["n1"], subject=n1.request.subject), store.uow())
    rs.assess_case(case.id, CCF, store.uow())
    rs.block(case.id, "Pending the Commission's decision.", CCF, store.uow())
    rs.decide(case.id, Outcome.DELETED, "The facts describe a political dispute (Art. 3).", CCF, store.uow())
    ids["case"] = case.id
    # an access request naming no notice held, admissible, never decided: overdue after 4 months
    other = Subject(family_name="YANKEE", given_names="Nobody", date_of_birth=PartialDate.parse("1960-05-05"))
    access, _ = rs.file_case(filing(kind=RequestKind.ACCESS, subject=other), store.uow())
    rs.assess_case(access.id, CCF, store.uow())
    clock.now = datetime(2026, 7, 1, 9, 0, tzinfo=UTC)
    return ids


EXPECTED: dict[str, dict[str, int]] = {
    "RU": {
        "requests.total": 7,
        "requests.red_notice": 6,
        "requests.wanted_person_diffusion": 1,
        "decisions": 5,
        "published": 2,
        "cleared": 0,
        "refused.total": 3,
        "refused.red_notice": 3,
        "refused.ground.art3": 2,
        "refused.ground.art2": 1,
        "refused.ground.refugee": 1,
        "refused.ground.data_quality": 0,
        "withdrawn": 1,
        "cancelled": 0,
        "expired": 0,
        "blocked": 1,
        "deleted.total": 1,
        "deleted.ccf": 1,
        "in_force.total": 2,
        "in_force.red_notice": 1,
        "in_force.wanted_person_diffusion": 1,
        "in_force.public": 1,
        "in_force.restricted": 1,
        "ccf.total": 1,
        "ccf.kind.deletion": 1,
        "ccf.state.deleted": 1,
        "ccf.deadline.met": 1,
        "ccf.deadline.overdue": 0,
        "harassment.total": 2,
        "harassment.examined": 1,
        "harassment.not_examined": 1,
        "harassment.kind.detention": 1,
        "harassment.kind.threats": 1,
        "harassment.kind.exit_ban": 1,
        "harassment.kind.questioning": 0,
        "positions.total": 2,
        "positions.kind.concern": 1,
        "positions.kind.extradition_refused": 1,
        "refugee.confirmed": 1,
        "hits.total": 0,
    },
    "FR": {
        "requests.total": 2,
        "published": 2,
        "decisions": 2,
        "cancelled": 1,
        "in_force.total": 1,
        "in_force.restricted": 1,
        "hits.total": 1,
        "hits.outcome.located": 1,
        "refused.total": 0,
        "ccf.total": 0,
    },
    "CN": {"requests.total": 1, "refused.total": 1, "refused.ground.data_quality": 1, "decisions": 1},
    f.UNLINKED: {"ccf.total": 1, "ccf.kind.access": 1, "ccf.state.open": 1, "ccf.deadline.overdue": 1},
    f.ALL: {
        "requests.total": 10,
        "published": 4,
        "refused.total": 4,
        "decisions": 8,
        "ccf.total": 2,
        "in_force.total": 3,
        "hits.total": 1,
        "harassment.total": 2,
    },
}
BY_YEAR = {
    ("RU", 2025, "refused.total"): 2,
    ("RU", 2026, "refused.total"): 1,
    ("RU", 2026, "requests.total"): 1,
    ("RU", 2026, "ccf.total"): 1,
    ("RU", 2025, "ccf.total"): 0,
    (f.ALL, 2026, "ccf.total"): 2,
}


@pytest.fixture
def built(store: Store, clock: FakeClock) -> dict[str, str]:
    return build_store(store, clock)


def test_full_figures_match_the_hand_count(store: Store, built: dict[str, str]) -> None:
    fig = fs.figures(fs.FiguresQuery(first=date(2024, 1, 1), last=date(2026, 12, 31)), OVERSIGHT, store.uow())
    assert fig.years == [2024, 2025, 2026]
    for country, expected in EXPECTED.items():
        got = {m: fig.value(country, m) for m in expected}
        assert got == expected, country
    for (country, year, measure), n in BY_YEAR.items():
        assert fig.value(country, measure, year) == n, (country, year, measure)
    assert fig.refusal_rate("RU") == pytest.approx(3 / 5)
    assert all(cell.shown for cell in fig.cells.values())  # oversight sees everything


def test_one_country_asked_alone_gives_the_same_counts(store: Store, built: dict[str, str]) -> None:
    q = fs.FiguresQuery(country="ru", first=date(2025, 1, 1), last=date(2026, 12, 31))
    fig = fs.figures(q, CCF, store.uow())
    assert fig.scope == ["RU"]
    assert {m: fig.value("RU", m) for m in EXPECTED["RU"]} == EXPECTED["RU"]


def test_the_period_bounds_what_is_counted(store: Store, built: dict[str, str]) -> None:
    only_2026 = fs.figures(fs.FiguresQuery(first=date(2026, 1, 1), last=date(2026, 12, 31)), REV, store.uow())
    assert only_2026.value("RU", "requests.total") == 1
    assert only_2026.value("RU", "refused.ground.art3") == 0
    assert only_2026.value("RU", "refused.ground.refugee") == 1
    assert only_2026.value("RU", "in_force.total") == 2  # a snapshot: as of today, whatever the period
    assert only_2026.value("FR", "published") == 0


def test_public_figures_withhold_small_counts(store: Store, built: dict[str, str]) -> None:
    fig = fs.public_figures(fs.FiguresQuery(country="RU"), store.uow())
    assert fig.minimum == 5
    assert fig.cell("RU", "refused.total").text == "<5"
    assert fig.cell("RU", "refused.total").value is None
    assert fig.value("RU", "requests.total") == 7  # 7 is shown
    assert fig.value("RU", "cancelled") == 0  # zero is shown
    assert fig.refusal_rate("RU") is None
    # requests.total (7) = red (6) + diffusions (1 withheld): red is withheld too, else 7 - 6 = 1
    assert fig.cell("RU", "requests.wanted_person_diffusion").text == "<5"
    assert fig.cell("RU", "requests.red_notice").text == f.COMPLEMENTARY_TEXT
    body = fig.to_dict()
    assert body["countries"]["RU"]["period"]["requests.wanted_person_diffusion"]["value"] is None
    assert "<5" in fig.to_csv()


def test_an_ncb_officer_does_not_get_the_full_figures(store: Store) -> None:
    with pytest.raises(Forbidden):
        fs.figures(fs.FiguresQuery(), FR, store.uow())


def test_requests_are_counted_by_the_iccs_sections_of_their_charges(store: Store, clock: FakeClock) -> None:
    clock.now = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
    charges = {
        "MURDER": [{"offence": "Murder", "law": "Criminal Code art. 105", "max_penalty_years": 20}],
        "FRAUDSTER": [{"offence": "Fraud", "law": "Criminal Code art. 159", "max_penalty_years": 10}],
        "BOTH": [
            {"offence": "Murder", "law": "Criminal Code art. 105", "max_penalty_years": 20},
            {"offence": "Swindling", "law": "Criminal Code art. 159", "max_penalty_years": 10},
        ],
        "OPAQUE": [{"offence": "Violation of article 999", "law": "Special code", "max_penalty_years": 5}],
    }
    for name, charged in charges.items():
        request = make_request(
            **{"requesting_country": "RU", "subject.family_name": name, "judicial.charges": charged}
        )
        ns.create_request(ns.CreateRequest(request), officer("RU"), store.uow())
    fig = fs.figures(fs.FiguresQuery(first=date(2025, 1, 1), last=date(2025, 12, 31)), OVERSIGHT, store.uow())
    assert fig.value("RU", "requests.total") == 4
    assert fig.value("RU", "requests.iccs.01") == 2  # MURDER and BOTH
    assert fig.value("RU", "requests.iccs.07") == 2  # FRAUDSTER and BOTH: a breakdown, not a partition
    assert fig.value("RU", "requests.iccs.none") == 1  # OPAQUE
    assert fig.value("RU", "requests.iccs.09") == 0
