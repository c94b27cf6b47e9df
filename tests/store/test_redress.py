"""Redress on SQLite and PostgreSQL: the deletion cascade (state, outcome rows, notifications), the RN-16
bar on re-filing, refugee deletion across spellings, the consultation sweep, round trips of every record."""

from __future__ import annotations

from datetime import timedelta

from rednotice.bootstrap import Store
from rednotice.domain.compliance.context import ProtectionStatus
from rednotice.domain.lifecycle import Action, State
from rednotice.domain.model import Subject
from rednotice.domain.redress import (
    HarassmentReport,
    HarmKind,
    IdProof,
    Outcome,
    PositionGround,
    PositionKind,
    ReporterKind,
    RequestKind,
)
from rednotice.domain.users import Actor, Role
from rednotice.services import notices as ns
from rednotice.services import redress as rs
from rednotice.services.ports import NoticeFilter
from tests.conftest import FakeClock
from tests.factories import make_request
from tests.unit.test_redress import filing

CCF = Actor("ccf", Role.CCF)
REV = Actor("rev", Role.REVIEWER)
FR = Actor("ncb-fr", Role.NCB_OFFICER, "FR")
DE = Actor("ncb-de", Role.NCB_OFFICER, "DE")


def published(store: Store, **overrides: object) -> str:
    request = make_request(**overrides)
    officer = Actor(f"ncb-{request.requesting_country.lower()}", Role.NCB_OFFICER, request.requesting_country)
    notice = ns.create_request(ns.CreateRequest(request), officer, store.uow())
    ns.transition(ns.Transition(notice.id, Action.START_REVIEW), REV, store.uow())
    ns.transition(ns.Transition(notice.id, Action.PUBLISH, "compliant"), REV, store.uow())
    return notice.id


def state(store: Store, nid: str) -> State:
    with store.uow() as uow:
        notice = uow.notices.get(nid)
    assert notice is not None
    return notice.state


def test_case_round_trip_and_deletion_cascade(store: Store, clock: FakeClock) -> None:
    nid = published(store)
    case, code = rs.file_case(filing(notice_id=nid), store.uow())
    with store.uow() as uow:
        loaded = uow.redress.case_by_code(rs.hash_code(code))
    assert loaded is not None and loaded.filing == case.filing and loaded.notice_ids == [nid]
    rs.assess_case(case.id, CCF, store.uow())
    rs.block(case.id, "Pending the Commission's decision.", CCF, store.uow())
    assert state(store, nid) is State.SUSPENDED
    page = ns.list_notices(NoticeFilter(), DE, store.uow())
    assert nid not in [n.id for n in page.items]
    rs.decide(case.id, Outcome.DELETED, "The facts describe a political dispute (Art. 3).", CCF, store.uow())
    assert state(store, nid) is State.DELETED
    with store.uow() as uow:
        assert uow.redress.outcomes_for([nid]) == {nid: rs.BindingOutcome.CCF_NON_COMPLIANT}
        notes = uow.redress.notifications(nid)
        again = uow.redress.get_case(case.id)
    assert {n.recipient for n in notes} == {"FR", "*", "GS"}
    assert any(n.reaches("DE") for n in notes)
    assert again is not None and again.outcome is Outcome.DELETED and again.blocked_at is not None
    # the same facts re-filed (even as a diffusion) are barred: RN-16 fires
    refiled = ns.create_request(ns.CreateRequest(make_request(), send=False), FR, store.uow())
    ns.transition(ns.Transition(refiled.id, Action.SUBMIT), FR, store.uow())
    with store.uow() as uow:
        check = uow.reviews.latest_check(refiled.id)
    assert check is not None and "RN-16" in check.codes("block")


def test_consultation_sweep_deletes_on_both_databases(store: Store, clock: FakeClock) -> None:
    nid = published(store)
    case, _ = rs.file_case(filing(notice_id=nid), store.uow())
    rs.assess_case(case.id, CCF, store.uow())
    rs.consult(
        case.id, nid, "Send the warrant and the judgment.", clock() + timedelta(days=30), CCF, store.uow()
    )
    assert [c["case_id"] for c in rs.consultations_for(FR, store.uow())] == [case.id]
    clock.advance(days=31)
    assert rs.sweep_consultations(store.uow()) == [nid]
    assert state(store, nid) is State.DELETED
    assert rs.sweep_consultations(store.uow()) == []


def test_refugee_confirmation_deletes_a_differently_spelled_notice(store: Store) -> None:
    nid = published(
        store,
        **{
            "requesting_country": "RU",
            "subject.family_name": "KHASANOV",
            "subject.given_names": "Yusuf",
            "subject.aliases": [],
            "subject.nationalities": ["RU"],
        },
    )
    spelled = Subject(
        family_name="Хасанов", given_names="Юсуф", date_of_birth=make_request().subject.date_of_birth
    )
    conf = rs.confirm_refugee(spelled, ProtectionStatus.ASYLUM_SEEKER, "RU", "Claim lodged", DE, store.uow())
    assert conf.deleted_notice_ids == [] and state(store, nid) is State.SUSPENDED
    [flag] = [f for f in rs.review_flags(REV, store.uow(), nid) if f["source"] == "refugee_pending_deletion"]
    rs.resolve_flag(flag["id"], "Checked with the granting country.", REV, store.uow(), delete=True)
    assert state(store, nid) is State.DELETED
    with store.uow() as uow:
        candidates = uow.redress.refugee_candidates(make_request().subject)
        assert [c.granting_country for c in candidates] == ["DE"]
        assert uow.redress.outcomes_for([nid]) == {nid: rs.BindingOutcome.REFUGEE_DELETED}
    rs.end_refugee_status(conf.id, "Asylum claim rejected on appeal.", DE, store.uow())
    with store.uow() as uow:
        ended = uow.redress.get_refugee(conf.id)
    assert ended is not None and not ended.active


def test_reports_positions_flags_round_trip(store: Store, clock: FakeClock) -> None:
    nid = published(store)
    report = HarassmentReport(
        0,
        clock(),
        ReporterKind.RELATIVE,
        "Anna",
        "anna@example.org",
        nid,
        "Anna Durand",
        "sibling",
        (HarmKind.DETENTION,),
        "2026-01-02",
        "Lyon",
        "Detained for two days to press her brother.",
        "Anna",
        ("medical report",),
        None,
    )
    stored = rs.file_harassment_report(report, store.uow())
    p = rs.record_position(
        nid,
        PositionKind.CONCERN,
        [PositionGround.ARTICLE_2],
        "Risk of ill-treatment.",
        ["UN report"],
        True,
        DE,
        store.uow(),
    )
    rs.answer_position(p.id, "Reviewed with the Art. 2 assessment.", REV, store.uow())
    with store.uow() as uow:
        reports = uow.redress.reports(nid)
        positions = uow.redress.positions([nid])
        flags = uow.redress.flags([nid], open_only=True)
    assert reports == [stored]
    assert (
        positions[0].answer and positions[0].disclose and positions[0].grounds == (PositionGround.ARTICLE_2,)
    )
    assert sorted(f.source.value for f in flags) == ["country_position", "harassment_report"]
    rs.resolve_flag(flags[0].id, "Considered in the re-review.", REV, store.uow())
    assert len(rs.review_flags(REV, store.uow(), nid)) == 1


def test_inadmissible_case_keeps_its_reasons(store: Store) -> None:
    case, code = rs.file_case(filing(kind=RequestKind.ACCESS, id_proof=IdProof(), language="de"), store.uow())
    rs.assess_case(case.id, CCF, store.uow())
    mine = rs.my_case(code, store.uow())
    assert mine["admissible"] is False and len(mine["problems"]) == 5


def test_a_ccf_block_and_deletion_reach_the_screening_index_and_the_public_list_at_once(store: Store) -> None:
    """The cascade beyond the store: an index already built in a process, and the public list."""
    from rednotice.domain.screening.query import ScreeningQuery
    from rednotice.services import public
    from rednotice.services import screening as sc

    nid = published(store, **{"visibility.public_extract": True})
    engine = sc.ScreeningEngine(store.uow)
    query = [ScreeningQuery(id="t", name="Paul Durand")]

    def screened() -> list[str]:
        run = sc.screen(sc.Screen(query), DE, engine, store.uow)
        return [m["notice_id"] for line in run.lines or [] for m in line["matches"]]

    def listed() -> list[str]:
        page = public.search(public.PublicQuery.parse({"name": "durand"}), store.uow())
        return [row.entity_id for row in page.rows]

    assert screened() == [nid] and listed() == [nid]
    case, _code = rs.file_case(filing(notice_id=nid), store.uow())
    rs.assess_case(case.id, CCF, store.uow())
    rs.block(case.id, "Pending the Commission's decision.", CCF, store.uow())
    assert screened() == [] and listed() == []  # blocked as a precaution: out of screening and public view
    rs.decide(case.id, Outcome.DELETED, "The facts describe a political dispute (Art. 3).", CCF, store.uow())
    assert screened() == [] and listed() == []


# --- The requester's pre-check learns nothing confidential (issue 14, items 1 and 2) -----------------


def precheck_text(store: Store, request: object) -> str:
    import json

    from rednotice.services.compliance import check_request

    result = check_request(store.uow(), request)  # type: ignore[arg-type]
    # what is said about this request (the rules' fixed titles and legal bases name the CCF for all)
    said = [
        {"code": f["code"], "message": f["message"], "evidence": f["evidence"]} for f in result["findings"]
    ]
    return json.dumps(said).casefold()


def test_the_precheck_never_tells_the_requester_of_a_ccf_decision(store: Store) -> None:
    nid = published(store)
    case, _ = rs.file_case(filing(notice_id=nid), store.uow())
    rs.assess_case(case.id, CCF, store.uow())
    rs.decide(case.id, Outcome.DELETED, "The facts describe a political dispute (Art. 3).", CCF, store.uow())
    text = precheck_text(store, make_request())  # the requester tries the same request again
    assert "rn-16" in text and "deleted" in text  # what the requester is told elsewhere
    assert "ccf" not in text and "commission" not in text


def test_the_precheck_never_names_a_country_that_did_not_consent(store: Store) -> None:
    nid = published(store)
    rs.record_position(
        nid, PositionKind.OBJECTION, [PositionGround.REFUGEE], "Granted asylum.", [], False, DE, store.uow()
    )
    text = precheck_text(store, make_request())
    assert "rn-12" in text and "not named" in text
    assert '"de"' not in text and "germany" not in text and "refugee" not in text and "asylum" not in text
    # a country that consents to be named is named
    rs.record_position(
        nid, PositionKind.CONCERN, [PositionGround.ARTICLE_2], "Torture risk.", [], True, DE, store.uow()
    )
    assert '"country": "de"' in precheck_text(store, make_request())
