"""SQL repository for the redress capability (`uow.redress`): CCF cases, binding outcomes, refugee
confirmations, harassment reports, countries' positions, review flags and notifications."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from rednotice.adapters.db import tables_redress as t
from rednotice.adapters.formats.request_json import parse_request
from rednotice.domain.compliance.context import ProtectionStatus
from rednotice.domain.errors import Conflict
from rednotice.domain.model import NoticeRequest, NoticeType, Subject
from rednotice.domain.redress import (
    ApplicantKind,
    ApplicantRequest,
    Case,
    CaseDocument,
    CaseEvent,
    CaseState,
    Consultation,
    DocumentKind,
    Filing,
    FlagSource,
    HarassmentReport,
    HarmKind,
    IdProof,
    Notification,
    Outcome,
    Position,
    PositionGround,
    PositionKind,
    Problem,
    RefugeeConfirmation,
    ReporterKind,
    RequestKind,
    ReviewFlag,
    new_case_id,
)

# --- JSON forms (shared with the in-memory fake's tests) ----------------------------------------------


def _dt(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _pdt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def subject_to_json(subject: Subject) -> dict[str, Any]:
    data: dict[str, Any] = NoticeRequest(NoticeType.RED_NOTICE, "FR", subject).to_dict()["subject"]
    return data


def subject_from_json(data: dict[str, Any]) -> Subject:
    return parse_request({"type": "red_notice", "requesting_country": "FR", "subject": data}).subject


def case_to_json(case: Case) -> dict[str, Any]:
    f = case.filing
    return {
        "filing": {
            "kind": f.kind.value,
            "applicant_kind": f.applicant_kind.value,
            "subject": subject_to_json(f.subject),
            "id_proof": {
                "name": f.id_proof.name,
                "date_of_birth": f.id_proof.date_of_birth,
                "photo": f.id_proof.photo,
                "unredacted": f.id_proof.unredacted,
            },
            "signed": f.signed,
            "purpose": f.purpose,
            "language": f.language,
            "power_of_attorney": f.power_of_attorney,
            "representative": f.representative,
            "contact": f.contact,
            "notice_id": f.notice_id,
            "statement": f.statement,
            "confidential": f.confidential,
            "revision_of": f.revision_of,
            "new_fact": f.new_fact,
            "new_fact_discovered_on": f.new_fact_discovered_on.isoformat()
            if f.new_fact_discovered_on
            else None,
        },
        "problems": [{"code": p.code, "reason": p.reason} for p in case.problems],
        "admissible_at": _dt(case.admissible_at),
        "blocked_at": _dt(case.blocked_at),
        "consultations": [
            {
                "number": c.number,
                "country": c.country,
                "notice_id": c.notice_id,
                "question": c.question,
                "asked_at": _dt(c.asked_at),
                "due": _dt(c.due),
                "answered_at": _dt(c.answered_at),
                "answer": c.answer,
                "lapsed_at": _dt(c.lapsed_at),
                "superseded_at": _dt(c.superseded_at),
            }
            for c in case.consultations
        ],
        "decided_at": _dt(case.decided_at),
        "outcome": case.outcome.value if case.outcome else None,
        "decision": case.decision,
        "informed_at": _dt(case.informed_at),
        "applicant_requests": [
            {
                "number": r.number,
                "message": r.message,
                "asked_at": _dt(r.asked_at),
                "asked_by": r.asked_by,
                "answered_at": _dt(r.answered_at),
                "answer": r.answer,
                "documents": list(r.documents),
            }
            for r in case.applicant_requests
        ],
        "waived": list(case.waived),
        "events": [
            {"at": _dt(e.at), "actor": e.actor, "action": e.action, "text": e.text} for e in case.events
        ],
    }


def case_from_json(
    case_id: str,
    filed_at: datetime,
    code_hash: str,
    state: str,
    version: int,
    notice_ids: str,
    d: dict[str, Any],
) -> Case:
    f = d["filing"]
    p = f["id_proof"]
    filing = Filing(
        kind=RequestKind(f["kind"]),
        applicant_kind=ApplicantKind(f["applicant_kind"]),
        subject=subject_from_json(f["subject"]),
        id_proof=IdProof(p["name"], p["date_of_birth"], p["photo"], p["unredacted"]),
        signed=f["signed"],
        purpose=f["purpose"],
        language=f["language"],
        power_of_attorney=f["power_of_attorney"],
        representative=f["representative"],
        contact=f["contact"],
        notice_id=f["notice_id"],
        statement=f["statement"],
        confidential=f["confidential"],
        revision_of=f["revision_of"],
        new_fact=f["new_fact"],
        new_fact_discovered_on=date.fromisoformat(f["new_fact_discovered_on"])
        if f["new_fact_discovered_on"]
        else None,
    )
    consultations = []
    decided_at = _pdt(d["decided_at"])
    swept = any(e["action"] == "consultation_lapsed" for e in d["events"])
    for c in d["consultations"]:
        asked, due = _pdt(c["asked_at"]), _pdt(c["due"])
        assert asked is not None and due is not None
        lapsed, superseded = _pdt(c["lapsed_at"]), _pdt(c.get("superseded_at"))
        if lapsed is not None and lapsed == decided_at and not swept:
            # stored before issue 16 (item 8): the decision marked open consultations lapsed; it closed them
            lapsed, superseded = None, lapsed
        consultations.append(
            Consultation(
                c["number"],
                c["country"],
                c["notice_id"],
                c["question"],
                asked,
                due,
                _pdt(c["answered_at"]),
                c["answer"],
                lapsed,
                superseded,
            )
        )
    events = []
    for e in d["events"]:
        at = _pdt(e["at"])
        assert at is not None
        events.append(CaseEvent(at, e["actor"], e["action"], e["text"]))
    return Case(
        id=case_id,
        filing=filing,
        filed_at=filed_at,
        access_code_hash=code_hash,
        state=CaseState(state),
        version=version,
        notice_ids=[i for i in notice_ids.split(",") if i],
        problems=[Problem(x["code"], x["reason"]) for x in d["problems"]],
        admissible_at=_pdt(d["admissible_at"]),
        blocked_at=_pdt(d["blocked_at"]),
        consultations=consultations,
        decided_at=_pdt(d["decided_at"]),
        outcome=Outcome(d["outcome"]) if d["outcome"] else None,
        decision=d["decision"],
        informed_at=_pdt(d["informed_at"]),
        events=events,
        applicant_requests=[
            ApplicantRequest(
                r["number"],
                r["message"],
                _pdt(r["asked_at"]) or filed_at,
                r["asked_by"],
                _pdt(r["answered_at"]),
                r["answer"],
                list(r["documents"]),
            )
            for r in d.get("applicant_requests", [])
        ],
        waived=list(d.get("waived", [])),
    )


def _list(values: Sequence[str]) -> str:
    return "," + ",".join(values) + "," if values else ","


class SqlRedressRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    # -- CCF cases
    def next_case_id(self, year: int) -> str:
        """A random case id: the applicant receives it, and a counter would tell how many filed."""
        return new_case_id(year)

    @staticmethod
    def _case_columns(case: Case) -> dict[str, Any]:
        open_dues = [c.due for c in case.consultations if c.open]
        return {
            "kind": case.filing.kind.value,
            "state": case.state.value,
            "notice_ids": _list(case.notice_ids),
            "consulted": _list(sorted({c.country for c in case.consultations})),
            "next_consult_due": min(open_dues) if open_dues else None,
            "payload": case_to_json(case),
        }

    def add_case(self, case: Case) -> None:
        try:
            with self.conn.begin_nested():
                self.conn.execute(
                    insert(t.ccf_cases).values(
                        id=case.id,
                        version=case.version,
                        filed_at=case.filed_at,
                        code_hash=case.access_code_hash,
                        **self._case_columns(case),
                    )
                )
        except IntegrityError as exc:
            raise Conflict("another case took the same number at the same moment; try again") from exc

    def _case(self, row: Any) -> Case:
        return case_from_json(
            row.id, row.filed_at, row.code_hash, row.state, row.version, row.notice_ids, row.payload
        )

    def get_case(self, case_id: str) -> Case | None:
        row = self.conn.execute(select(t.ccf_cases).where(t.ccf_cases.c.id == case_id)).first()
        return None if row is None else self._case(row)

    def case_by_code(self, code_hash: str) -> Case | None:
        row = self.conn.execute(select(t.ccf_cases).where(t.ccf_cases.c.code_hash == code_hash)).first()
        return None if row is None else self._case(row)

    def save_case(self, case: Case, expected_version: int) -> None:
        res = self.conn.execute(
            update(t.ccf_cases)
            .where(t.ccf_cases.c.id == case.id, t.ccf_cases.c.version == expected_version)
            .values(version=expected_version + 1, **self._case_columns(case))
        )
        if res.rowcount != 1:
            raise Conflict(
                "case %(case)s was changed by someone else; reload it and decide again", case=case.id
            )
        case.version = expected_version + 1

    def cases(self, states: tuple[CaseState, ...] = ()) -> list[Case]:
        q = select(t.ccf_cases).order_by(t.ccf_cases.c.filed_at, t.ccf_cases.c.id)
        if states:
            q = q.where(t.ccf_cases.c.state.in_([s.value for s in states]))
        return [self._case(r) for r in self.conn.execute(q)]

    def cases_consulting(self, country: str) -> list[Case]:
        q = (
            select(t.ccf_cases)
            .where(t.ccf_cases.c.consulted.contains(f",{country},"))
            .order_by(t.ccf_cases.c.id)
        )
        return [self._case(r) for r in self.conn.execute(q)]

    def cases_with_consultations_due(self, now: datetime) -> list[str]:
        c = t.ccf_cases.c
        q = select(c.id).where(c.next_consult_due.is_not(None), c.next_consult_due < now).order_by(c.id)
        return list(self.conn.execute(q).scalars())

    # -- documents sent with a case (read by the CCF only)
    def add_document(self, doc: CaseDocument, data: bytes) -> None:
        self.conn.execute(
            insert(t.ccf_documents).values(
                id=doc.id,
                case_id=doc.case_id,
                kind=doc.kind.value,
                filename=doc.filename,
                media_type=doc.media_type,
                size=doc.size,
                sha256=doc.sha256,
                uploaded_at=doc.uploaded_at,
                request_number=doc.request_number,
                data=data,
            )
        )

    def documents(self, case_id: str) -> list[CaseDocument]:
        d = t.ccf_documents.c
        q = (
            select(*(c for c in t.ccf_documents.c if c.name != "data"))
            .where(d.case_id == case_id)
            .order_by(func.coalesce(d.request_number, 0), d.uploaded_at, d.id)
        )
        return [
            CaseDocument(
                r.id,
                r.case_id,
                DocumentKind(r.kind),
                r.filename,
                r.media_type,
                r.size,
                r.sha256,
                r.uploaded_at,
                r.request_number,
            )
            for r in self.conn.execute(q)
        ]

    def document_data(self, case_id: str, doc_id: str) -> bytes | None:
        d = t.ccf_documents.c
        data = self.conn.execute(select(d.data).where(d.case_id == case_id, d.id == doc_id)).scalar()
        return None if data is None else bytes(data)

    # -- binding outcomes
    def add_outcome(
        self, notice_id: str, outcome: str, source: str, ref: str, at: datetime, by: str, reasons: str
    ) -> None:
        self.conn.execute(
            insert(t.binding_outcomes).values(
                notice_id=notice_id, outcome=outcome, source=source, ref=ref, at=at, by=by, reasons=reasons
            )
        )

    def outcomes_for(self, notice_ids: Sequence[str]) -> dict[str, str]:
        if not notice_ids:
            return {}
        o = t.binding_outcomes
        rows = self.conn.execute(
            select(o.c.notice_id, o.c.outcome).where(o.c.notice_id.in_(list(notice_ids))).order_by(o.c.id)
        )
        return {r.notice_id: r.outcome for r in rows}

    # -- refugee confirmations
    @staticmethod
    def _refugee_columns(conf: RefugeeConfirmation) -> dict[str, Any]:
        s = conf.subject
        return {
            "family_name": s.family_name,
            "birth_year": s.date_of_birth.year if s.date_of_birth else None,
            "status": conf.status.value,
            "persecution_country": conf.persecution_country,
            "granting_country": conf.granting_country,
            "confirmed_at": conf.confirmed_at,
            "active": conf.active,
            "payload": {
                "subject": subject_to_json(s),
                "confirmed_by": conf.confirmed_by,
                "basis": conf.basis,
                "ended_at": _dt(conf.ended_at),
                "ended_by": conf.ended_by,
                "end_reason": conf.end_reason,
                "deleted_notice_ids": list(conf.deleted_notice_ids),
            },
        }

    @staticmethod
    def _refugee(row: Any) -> RefugeeConfirmation:
        p = row.payload
        return RefugeeConfirmation(
            row.id,
            subject_from_json(p["subject"]),
            ProtectionStatus(row.status),
            row.persecution_country,
            row.granting_country,
            row.confirmed_at,
            p["confirmed_by"],
            p["basis"],
            _pdt(p["ended_at"]),
            p["ended_by"],
            p["end_reason"],
            list(p["deleted_notice_ids"]),
        )

    def add_refugee(self, conf: RefugeeConfirmation) -> int:
        res = self.conn.execute(
            insert(t.refugee_confirmations)
            .values(**self._refugee_columns(conf))
            .returning(t.refugee_confirmations.c.id)
        )
        return int(res.scalar_one())

    def get_refugee(self, conf_id: int) -> RefugeeConfirmation | None:
        r = t.refugee_confirmations
        row = self.conn.execute(select(r).where(r.c.id == conf_id)).first()
        return None if row is None else self._refugee(row)

    def save_refugee(self, conf: RefugeeConfirmation) -> None:
        r = t.refugee_confirmations
        self.conn.execute(update(r).where(r.c.id == conf.id).values(**self._refugee_columns(conf)))

    def refugees(self, granting_country: str | None = None) -> list[RefugeeConfirmation]:
        r = t.refugee_confirmations
        q = select(r).order_by(r.c.id)
        if granting_country is not None:
            q = q.where(r.c.granting_country == granting_country)
        return [self._refugee(row) for row in self.conn.execute(q)]

    def refugee_candidates(self, subject: Subject) -> list[RefugeeConfirmation]:
        r = t.refugee_confirmations
        q = select(r).order_by(r.c.id)
        if subject.date_of_birth is not None:
            q = q.where(or_(r.c.birth_year.is_(None), r.c.birth_year == subject.date_of_birth.year))
        return [self._refugee(row) for row in self.conn.execute(q.limit(5000))]

    # -- harassment reports
    def add_report(self, report: HarassmentReport) -> int:
        """One row per report, whatever the number of notices it names (those go to the link table)."""
        payload = {
            "reporter_kind": report.reporter_kind.value,
            "reporter_name": report.reporter_name,
            "reporter_contact": report.reporter_contact,
            "victim_name": report.victim_name,
            "victim_relation": report.victim_relation,
            "occurred_on": report.occurred_on,
            "place": report.place,
            "description": report.description,
            "source": report.source,
            "evidence": list(report.evidence),
            "subject": subject_to_json(report.subject) if report.subject else None,
        }
        res = self.conn.execute(
            insert(t.harassment_reports)
            .values(
                filed_at=report.filed_at,
                kinds=_list([k.value for k in report.kinds]),
                payload=payload,
                public_id=report.public_id,
            )
            .returning(t.harassment_reports.c.id)
        )
        report_id = int(res.scalar_one())
        named = list(dict.fromkeys(report.notice_ids))
        if named:
            self.conn.execute(
                insert(t.harassment_report_notices),
                [{"report_id": report_id, "notice_id": n} for n in named],
            )
        return report_id

    def reports(self, notice_id: str | None = None) -> list[HarassmentReport]:
        h, ln = t.harassment_reports, t.harassment_report_notices
        q = select(h).order_by(h.c.id)
        if notice_id is not None:
            q = q.where(h.c.id.in_(select(ln.c.report_id).where(ln.c.notice_id == notice_id)))
        rows = self.conn.execute(q).all()
        linked: dict[int, list[str]] = {}
        if rows:
            ids = [row.id for row in rows]
            for i in range(0, len(ids), 500):
                for report_id, nid in self.conn.execute(
                    select(ln.c.report_id, ln.c.notice_id)
                    .where(ln.c.report_id.in_(ids[i : i + 500]))
                    .order_by(ln.c.report_id, ln.c.notice_id)
                ):
                    linked.setdefault(report_id, []).append(nid)
        out = []
        for row in rows:
            p = row.payload
            notice_ids = tuple(linked.get(row.id, ()))
            out.append(
                HarassmentReport(
                    row.id,
                    row.filed_at,
                    ReporterKind(p["reporter_kind"]),
                    p["reporter_name"],
                    p["reporter_contact"],
                    notice_ids[0] if notice_ids else None,
                    p["victim_name"],
                    p["victim_relation"],
                    tuple(HarmKind(k) for k in row.kinds.split(",") if k),
                    p["occurred_on"],
                    p["place"],
                    p["description"],
                    p["source"],
                    tuple(p["evidence"]),
                    subject_from_json(p["subject"]) if p["subject"] else None,
                    row.public_id,
                    notice_ids,
                )
            )
        return out

    # -- positions
    @staticmethod
    def _position_payload(p: Position) -> dict[str, Any]:
        return {
            "grounds": [g.value for g in p.grounds],
            "text": p.text,
            "evidence": list(p.evidence),
            "by": p.by,
            "disclose": p.disclose,
            "answered_at": _dt(p.answered_at),
            "answered_by": p.answered_by,
            "answer": p.answer,
        }

    @staticmethod
    def _position(row: Any) -> Position:
        p = row.payload
        return Position(
            row.id,
            row.notice_id,
            row.country,
            PositionKind(row.kind),
            tuple(PositionGround(g) for g in p["grounds"]),
            p["text"],
            tuple(p["evidence"]),
            row.at,
            p["by"],
            p["disclose"],
            _pdt(p["answered_at"]),
            p["answered_by"],
            p["answer"],
        )

    def add_position(self, position: Position) -> int:
        res = self.conn.execute(
            insert(t.country_positions)
            .values(
                notice_id=position.notice_id,
                country=position.country,
                kind=position.kind.value,
                at=position.at,
                payload=self._position_payload(position),
            )
            .returning(t.country_positions.c.id)
        )
        return int(res.scalar_one())

    def get_position(self, position_id: int) -> Position | None:
        c = t.country_positions
        row = self.conn.execute(select(c).where(c.c.id == position_id)).first()
        return None if row is None else self._position(row)

    def save_position(self, position: Position) -> None:
        c = t.country_positions
        self.conn.execute(
            update(c).where(c.c.id == position.id).values(payload=self._position_payload(position))
        )

    def positions(self, notice_ids: Sequence[str] | None = None) -> list[Position]:
        c = t.country_positions
        q = select(c).order_by(c.c.id)
        if notice_ids is not None:
            q = q.where(c.c.notice_id.in_(list(notice_ids)))
        return [self._position(row) for row in self.conn.execute(q)]

    # -- review flags
    @staticmethod
    def _flag(row: Any) -> ReviewFlag:
        p = row.payload
        return ReviewFlag(
            row.id,
            row.notice_id,
            row.at,
            FlagSource(row.source),
            row.ref,
            p["text"],
            row.resolved_at,
            p["resolved_by"],
            p["resolution"],
        )

    def add_flag(self, flag: ReviewFlag) -> int:
        res = self.conn.execute(
            insert(t.review_flags)
            .values(
                notice_id=flag.notice_id,
                at=flag.at,
                source=flag.source.value,
                ref=flag.ref,
                resolved_at=flag.resolved_at,
                payload={"text": flag.text, "resolved_by": flag.resolved_by, "resolution": flag.resolution},
            )
            .returning(t.review_flags.c.id)
        )
        return int(res.scalar_one())

    def get_flag(self, flag_id: int) -> ReviewFlag | None:
        f = t.review_flags
        row = self.conn.execute(select(f).where(f.c.id == flag_id)).first()
        return None if row is None else self._flag(row)

    def save_flag(self, flag: ReviewFlag) -> None:
        f = t.review_flags
        self.conn.execute(
            update(f)
            .where(f.c.id == flag.id)
            .values(
                resolved_at=flag.resolved_at,
                payload={"text": flag.text, "resolved_by": flag.resolved_by, "resolution": flag.resolution},
            )
        )

    def flags(self, notice_ids: Sequence[str] | None = None, open_only: bool = False) -> list[ReviewFlag]:
        f = t.review_flags
        q = select(f).order_by(f.c.id)
        if notice_ids is not None:
            q = q.where(f.c.notice_id.in_(list(notice_ids)))
        if open_only:
            q = q.where(f.c.resolved_at.is_(None))
        return [self._flag(row) for row in self.conn.execute(q)]

    # -- notifications
    def add_notification(self, notification: Notification) -> int:
        n = notification
        res = self.conn.execute(
            insert(t.redress_notifications)
            .values(
                at=n.at,
                recipient=n.recipient,
                kind=n.kind,
                notice_id=n.notice_id,
                text=n.text,
                excluded=_list(n.excluded),
            )
            .returning(t.redress_notifications.c.id)
        )
        return int(res.scalar_one())

    def notifications(self, notice_id: str | None = None) -> list[Notification]:
        n = t.redress_notifications
        q = select(n).order_by(n.c.id)
        if notice_id is not None:
            q = q.where(n.c.notice_id == notice_id)
        return [
            Notification(
                r.id,
                r.at,
                r.recipient,
                r.kind,
                r.notice_id,
                r.text,
                tuple(x for x in r.excluded.split(",") if x),
            )
            for r in self.conn.execute(q)
        ]
