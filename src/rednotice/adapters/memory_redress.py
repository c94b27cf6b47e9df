"""In-memory fake of the redress repository (`uow.redress`) for unit tests. State lives in
``data.extra["redress"]``, so the unit of work's snapshot and rollback cover it."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from rednotice.domain.errors import Conflict
from rednotice.domain.model import Subject
from rednotice.domain.redress import (
    Case,
    CaseDocument,
    CaseState,
    HarassmentReport,
    Notification,
    Position,
    RefugeeConfirmation,
    ReviewFlag,
    new_case_id,
)


class _State:
    def __init__(self) -> None:
        self.cases: dict[str, Case] = {}
        self.outcomes: list[tuple[str, str, str, str, datetime, str, str]] = []
        self.refugees: dict[int, RefugeeConfirmation] = {}
        self.reports: list[HarassmentReport] = []
        self.positions: dict[int, Position] = {}
        self.flags: dict[int, ReviewFlag] = {}
        self.notifications: list[Notification] = []
        self.documents: list[tuple[CaseDocument, bytes]] = []
        self.seq = 0

    def next(self) -> int:
        self.seq += 1
        return self.seq


class MemoryRedressRepository:
    def __init__(self, data: Any) -> None:
        self.data = data

    @property
    def s(self) -> _State:
        state = self.data.extra.get("redress")
        if state is None:
            state = self.data.extra["redress"] = _State()
        assert isinstance(state, _State)
        return state

    # -- CCF cases
    def next_case_id(self, year: int) -> str:
        return new_case_id(year)

    def add_case(self, case: Case) -> None:
        if case.id in self.s.cases:
            raise Conflict("case %(case)s exists", case=case.id)
        self.s.cases[case.id] = copy.deepcopy(case)

    def get_case(self, case_id: str) -> Case | None:
        c = self.s.cases.get(case_id)
        return copy.deepcopy(c) if c else None

    def case_by_code(self, code_hash: str) -> Case | None:
        for c in self.s.cases.values():
            if c.access_code_hash == code_hash:
                return copy.deepcopy(c)
        return None

    def save_case(self, case: Case, expected_version: int) -> None:
        current = self.s.cases.get(case.id)
        if current is None or current.version != expected_version:
            raise Conflict("case %(case)s was changed by someone else", case=case.id)
        case.version = expected_version + 1
        self.s.cases[case.id] = copy.deepcopy(case)

    def cases(self, states: tuple[CaseState, ...] = ()) -> list[Case]:
        out = [c for c in self.s.cases.values() if not states or c.state in states]
        return [copy.deepcopy(c) for c in sorted(out, key=lambda c: (c.filed_at, c.id))]

    def cases_consulting(self, country: str) -> list[Case]:
        return [
            copy.deepcopy(c)
            for _, c in sorted(self.s.cases.items())
            if any(x.country == country for x in c.consultations)
        ]

    def cases_with_consultations_due(self, now: datetime) -> list[str]:
        return sorted(
            c.id for c in self.s.cases.values() if any(x.open and x.due < now for x in c.consultations)
        )

    # -- documents sent with a case
    def add_document(self, doc: CaseDocument, data: bytes) -> None:
        self.s.documents.append((doc, bytes(data)))

    def documents(self, case_id: str) -> list[CaseDocument]:
        docs = [d for d, _ in self.s.documents if d.case_id == case_id]
        return sorted(docs, key=lambda d: (d.request_number or 0, d.uploaded_at))

    def document_data(self, case_id: str, doc_id: str) -> bytes | None:
        return next((b for d, b in self.s.documents if d.case_id == case_id and d.id == doc_id), None)

    # -- binding outcomes
    def add_outcome(
        self, notice_id: str, outcome: str, source: str, ref: str, at: datetime, by: str, reasons: str
    ) -> None:
        self.s.outcomes.append((notice_id, outcome, source, ref, at, by, reasons))

    def outcomes_for(self, notice_ids: Sequence[str]) -> dict[str, str]:
        wanted = set(notice_ids)
        return {o[0]: o[1] for o in self.s.outcomes if o[0] in wanted}

    # -- refugee confirmations
    def add_refugee(self, conf: RefugeeConfirmation) -> int:
        conf_id = self.s.next()
        self.s.refugees[conf_id] = replace(copy.deepcopy(conf), id=conf_id)
        return conf_id

    def get_refugee(self, conf_id: int) -> RefugeeConfirmation | None:
        c = self.s.refugees.get(conf_id)
        return copy.deepcopy(c) if c else None

    def save_refugee(self, conf: RefugeeConfirmation) -> None:
        self.s.refugees[conf.id] = copy.deepcopy(conf)

    def refugees(self, granting_country: str | None = None) -> list[RefugeeConfirmation]:
        return [
            copy.deepcopy(c)
            for _, c in sorted(self.s.refugees.items())
            if granting_country is None or c.granting_country == granting_country
        ]

    def refugee_candidates(self, subject: Subject) -> list[RefugeeConfirmation]:
        year = subject.date_of_birth.year if subject.date_of_birth else None
        return [
            copy.deepcopy(c)
            for _, c in sorted(self.s.refugees.items())
            if year is None or c.subject.date_of_birth is None or c.subject.date_of_birth.year == year
        ]

    # -- harassment reports
    def add_report(self, report: HarassmentReport) -> int:
        report_id = self.s.next()
        # one record per report, the notices it names kept with it (as the SQL store's link table)
        ids = tuple(dict.fromkeys(report.notice_ids))
        self.s.reports.append(
            replace(report, id=report_id, notice_id=ids[0] if ids else None, notice_ids=ids)
        )
        return report_id

    def reports(self, notice_id: str | None = None) -> list[HarassmentReport]:
        return [r for r in self.s.reports if notice_id is None or notice_id in r.notice_ids]

    # -- positions
    def add_position(self, position: Position) -> int:
        position_id = self.s.next()
        self.s.positions[position_id] = replace(copy.deepcopy(position), id=position_id)
        return position_id

    def get_position(self, position_id: int) -> Position | None:
        p = self.s.positions.get(position_id)
        return copy.deepcopy(p) if p else None

    def save_position(self, position: Position) -> None:
        self.s.positions[position.id] = copy.deepcopy(position)

    def positions(self, notice_ids: Sequence[str] | None = None) -> list[Position]:
        wanted = None if notice_ids is None else set(notice_ids)
        return [
            copy.deepcopy(p)
            for _, p in sorted(self.s.positions.items())
            if wanted is None or p.notice_id in wanted
        ]

    # -- review flags
    def add_flag(self, flag: ReviewFlag) -> int:
        flag_id = self.s.next()
        self.s.flags[flag_id] = replace(copy.deepcopy(flag), id=flag_id)
        return flag_id

    def get_flag(self, flag_id: int) -> ReviewFlag | None:
        f = self.s.flags.get(flag_id)
        return copy.deepcopy(f) if f else None

    def save_flag(self, flag: ReviewFlag) -> None:
        self.s.flags[flag.id] = copy.deepcopy(flag)

    def flags(self, notice_ids: Sequence[str] | None = None, open_only: bool = False) -> list[ReviewFlag]:
        wanted = None if notice_ids is None else set(notice_ids)
        return [
            copy.deepcopy(f)
            for _, f in sorted(self.s.flags.items())
            if (wanted is None or f.notice_id in wanted) and (not open_only or f.resolved_at is None)
        ]

    # -- notifications
    def add_notification(self, notification: Notification) -> int:
        n_id = self.s.next()
        self.s.notifications.append(replace(notification, id=n_id))
        return n_id

    def notifications(self, notice_id: str | None = None) -> list[Notification]:
        return [n for n in self.s.notifications if notice_id is None or n.notice_id == notice_id]
