"""Redress and protection: CCF cases, refugee confirmations, harassment reports, countries' positions.

Pure domain (standard library only). Facts and deadlines: ../shared/docs/domain.md §1 (refugees), §3 (CCF)
and rules 12-14, 17, 21-31.

CCF case states::

    received -> admissible (open) | inadmissible
    received -> awaiting_applicant -> received   (the CCF asks for what is missing; the applicant answers)
    admissible -> decided                        (a reasoned, binding decision)
    decided -> closed                            (the applicant has been told)

Deadlines run from admissibility: access 4 months, correction or deletion 9 months; the applicant is told
within 1 month of the decision; a revision is filed within 6 months of the discovery of the new fact. The CCF
may consult the requesting NCB with a deadline: no answer by then and the data is deleted (rule 27).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from rednotice.domain.compliance.context import (
    Objection,
    ObjectionKind,
    ProtectionStatus,
    RefugeeStatus,
)
from rednotice.domain.compliance.identity import same_person
from rednotice.domain.errors import N_, IllegalTransition, InvalidInput, RuleViolation, Term, Text
from rednotice.domain.lifecycle import add_months
from rednotice.domain.model import RelationKind, Subject
from rednotice.domain.rereading import Templates

# --- CCF cases ----------------------------------------------------------------------------------------


class RequestKind(StrEnum):
    ACCESS = "access"
    CORRECTION = "correction"
    DELETION = "deletion"
    REVISION = "revision"


class ApplicantKind(StrEnum):
    PERSON = "person"
    """The person concerned."""
    LAWYER = "lawyer"
    RELATIVE = "relative"
    """A family member acting with a signed power of attorney."""


class Language(StrEnum):
    """The CCF's working languages: a request in any other is inadmissible (rule 29)."""

    AR = "ar"
    EN = "en"
    FR = "fr"
    ES = "es"


class CaseState(StrEnum):
    RECEIVED = "received"
    AWAITING_APPLICANT = "awaiting_applicant"
    """The CCF asked the applicant for what is missing (a document, a signature...) instead of refusing."""
    INADMISSIBLE = "inadmissible"
    ADMISSIBLE = "admissible"
    DECIDED = "decided"
    CLOSED = "closed"


class Outcome(StrEnum):
    """The CCF's binding decision."""

    ACCESS_GIVEN = "access_given"
    """Access request: the applicant is told what is held (or that nothing is)."""
    COMPLIANT = "compliant"
    """The data complies with the rules and stays (a block is lifted)."""
    CORRECTED = "corrected"
    """The data must be corrected by its source."""
    DELETED = "deleted"
    """Non-compliant: deleted everywhere; the same facts may not come back without new facts."""
    REVISION_REFUSED = "revision_refused"


DECISION_MONTHS: dict[RequestKind, int] = {
    RequestKind.ACCESS: 4,
    RequestKind.CORRECTION: 9,
    RequestKind.DELETION: 9,
    RequestKind.REVISION: 9,
}
"""Months from admissibility to the decision (CCF Statute; the revision figure is (R): configurable)."""
INFORM_MONTHS = 1
"""The applicant is told within one month of the decision."""
REVISION_FILING_MONTHS = 6
"""A revision is filed within six months of the discovery of the new fact (Statute Art. 42)."""

OUTCOMES_FOR: dict[RequestKind, frozenset[Outcome]] = {
    RequestKind.ACCESS: frozenset({Outcome.ACCESS_GIVEN}),
    RequestKind.CORRECTION: frozenset({Outcome.COMPLIANT, Outcome.CORRECTED, Outcome.DELETED}),
    RequestKind.DELETION: frozenset({Outcome.COMPLIANT, Outcome.CORRECTED, Outcome.DELETED}),
    RequestKind.REVISION: frozenset(
        {Outcome.REVISION_REFUSED, Outcome.COMPLIANT, Outcome.CORRECTED, Outcome.DELETED}
    ),
}


@dataclass(frozen=True, slots=True)
class IdProof:
    """What the identity document supplied with the request shows (rule 29)."""

    name: bool = False
    date_of_birth: bool = False
    photo: bool = False
    unredacted: bool = False


@dataclass(frozen=True, slots=True)
class Filing:
    """A request as the applicant (or their representative) filed it."""

    kind: RequestKind
    applicant_kind: ApplicantKind
    subject: Subject
    """The person concerned, for identity matching when the notice's id is unknown."""
    id_proof: IdProof
    signed: bool
    purpose: str
    language: str
    power_of_attorney: bool = False
    representative: str = ""
    contact: str = ""
    notice_id: str | None = None
    statement: str = ""
    """The applicant's case, as they put it (may be shared with the NCB when consulted)."""
    confidential: str = ""
    """Material marked confidential: never passed to the NCB (rule 25)."""
    revision_of: str | None = None
    new_fact: str = ""
    new_fact_discovered_on: date | None = None


@dataclass(frozen=True, slots=True)
class Problem:
    """An admissibility problem, with a code and a reason the applicant can act on."""

    code: str
    reason: str


# --- documents sent with a request ----------------------------------------------------------------------

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
"""The largest document accepted (a scan of an identity document or a power of attorney)."""
MAX_DOCUMENTS = 5
"""The most documents sent at once (with the request, or with one answer)."""
MEDIA_TYPES: dict[str, str] = {
    "application/pdf": "PDF",
    "image/png": "PNG image",
    "image/jpeg": "JPEG image",
}


class DocumentKind(StrEnum):
    IDENTITY = "identity"
    """A copy of an identity document of the person concerned (rule 29)."""
    POWER_OF_ATTORNEY = "power_of_attorney"
    SIGNED_REQUEST = "signed_request"
    OTHER = "other"


def detect_media_type(data: bytes) -> str | None:
    """What the file is, from its first bytes (never its name): PDF, PNG or JPEG; None for anything else."""
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    return None


def safe_filename(name: str) -> str:
    """The name as the applicant gave it, for display only: no path, no control characters, 120 at most."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(ch for ch in base if ch.isprintable() and ch not in '"<>')
    return cleaned.strip()[:120] or "document"


@dataclass(frozen=True, slots=True)
class Upload:
    """A file as received, before it is checked."""

    filename: str
    data: bytes
    kind: DocumentKind = DocumentKind.OTHER


@dataclass(frozen=True, slots=True)
class CaseDocument:
    """A document stored with a case (its bytes are kept apart). Only the CCF reads it."""

    id: str
    case_id: str
    kind: DocumentKind
    filename: str
    media_type: str
    size: int
    sha256: str
    uploaded_at: datetime
    request_number: int | None = None
    """The CCF's request it answers; None when sent with the request itself."""


def check_uploads(uploads: Sequence[Upload]) -> list[tuple[Upload, str]]:
    """Each upload with its media type, or InvalidInput saying which file is refused and why. Empty files
    (a form's file field left empty) are skipped."""
    files = [u for u in uploads if u.data]
    if len(files) > MAX_DOCUMENTS:
        raise InvalidInput("send at most %(max)s documents at a time", field="documents", max=MAX_DOCUMENTS)
    out = []
    for u in files:
        name = safe_filename(u.filename)
        if len(u.data) > MAX_DOCUMENT_BYTES:
            raise InvalidInput(
                "'%(name)s' is larger than %(mb)s MB: send a smaller scan",
                field="documents",
                name=name,
                mb=MAX_DOCUMENT_BYTES // (1024 * 1024),
            )
        media = detect_media_type(u.data)
        if media is None:
            raise InvalidInput(
                "'%(name)s' is not a PDF, PNG or JPEG file (whatever its name says): send a scan or a photo "
                "in one of these formats",
                field="documents",
                name=name,
            )
        out.append((u, media))
    return out


@dataclass(slots=True)
class ApplicantRequest:
    """The CCF asks the applicant for what is missing; the applicant answers with text and documents."""

    number: int
    message: str
    asked_at: datetime
    asked_by: str
    answered_at: datetime | None = None
    answer: str = ""
    documents: list[str] = field(default_factory=list)
    """Ids of the documents sent with the answer."""

    @property
    def open(self) -> bool:
        return self.answered_at is None


# What the admissibility check and the case's history say, as templates: a problem's reason and a history
# entry are stored in English (the API and older rows stay as they were) and read back in the reader's
# language where they are shown (:func:`shown`, ``domain/rereading.py``).
ID_NAME = N_("the identity document does not show the applicant's name")
ID_BIRTH_DATE = N_("the identity document does not show the date of birth")
ID_PHOTO = N_("the identity document has no photograph")
ID_REDACTED = N_("the identity document must be supplied unredacted")
UNSIGNED = N_("the request is not signed")
NO_PURPOSE = N_("the request does not state its purpose")
NO_POWER_OF_ATTORNEY = {
    "lawyer": N_("a lawyer acting for the person needs a signed power of attorney"),
    "relative": N_("a relative acting for the person needs a signed power of attorney"),
}
"""By who acts for the person (``ApplicantKind``): one sentence each, as each language words it."""
OTHER_REPRESENTATIVE = N_("a %(kind)s acting for the person needs a signed power of attorney")
NO_REPRESENTATIVE = N_("the representative's name is missing")
LANGUAGE = N_("the request is in '%(language)s'; it must be in Arabic, English, French or Spanish")
REVISION_OF = N_("a revision names the decided case it asks to revise")
REVISION_OF_UNDECIDED = N_("only a decided case can be revised")
NO_NEW_FACT = N_("a revision sets out the newly discovered fact")
NO_DISCOVERY_DATE = N_("a revision says when the new fact was discovered")
REVISION_LATE = N_(
    "a revision is filed within %(months)s months of the discovery of the new fact (discovered "
    "%(discovered)s, filed %(filed)s)"
)

ANSWER_TO_REQUEST = N_("answer to request %(number)s")
DOCUMENTS_SENT = N_("documents sent with the request: %(num)s")
CONSULTED = N_("%(country)s asked about %(notice)s, answer by %(due)s")
CONSULTATION_ANSWERED = N_("consultation %(number)s answered by %(country)s")
CONSULTATION_LAPSED = N_("%(country)s did not answer by %(due)s")
CONSULTATION_SUPERSEDED = N_(
    "question %(number)s to %(country)s closed unanswered: superseded by the decision"
)
DECISION_RULE = N_("%(months)s months after the request was found admissible (rule 26)")
INFORM_RULE = N_("1 month after the decision")
CONSULTATION_RULE = N_("answer from %(country)s (no answer: data deleted, rule 27)")
# What a General Secretariat reviewer is told on a notice (``ReviewFlag.text``).
FLAG_DECIDED_NON_COMPLIANT = N_("A binding decision found this data non-compliant: refuse the request.")
FLAG_REFUGEE_CONFIRMED = N_(
    "A member country confirmed the subject's protection status against the requester: refuse on the "
    "refugee ground (RN-13)."
)
FLAG_REFUGEE_DELETION = N_(
    "Refugee confirmation %(id)s (%(status)s, persecution feared in %(persecution)s, confirmed by "
    "%(granting)s). Evidence: %(evidence)s. Confirm the deletion (delete) or dismiss it (the precautionary "
    "suspension is lifted)."
)
NO_BASIS = N_("no basis or evidence was given")
FLAG_RESTORABLE = N_(
    "The protection status that led to this deletion has ended: decide whether the data, if otherwise "
    "compliant, may be restored."
)
FLAG_HARASSMENT = N_("Harassment reported (%(kinds)s) against the %(relation)s: review the notice again.")
FLAG_POSITION = N_("A member country recorded a %(kind)s: review the notice again.")
POSITION_WORDS = (N_("concern"), N_("objection"), N_("no action"), N_("extradition refused"))
"""A position's kind as a flag names it (the same words as the notifications')."""

TEXTS = Templates(
    [
        ID_NAME,
        ID_BIRTH_DATE,
        ID_PHOTO,
        ID_REDACTED,
        UNSIGNED,
        NO_PURPOSE,
        *NO_POWER_OF_ATTORNEY.values(),
        OTHER_REPRESENTATIVE,
        NO_REPRESENTATIVE,
        LANGUAGE,
        REVISION_OF,
        REVISION_OF_UNDECIDED,
        NO_NEW_FACT,
        NO_DISCOVERY_DATE,
        REVISION_LATE,
        ANSWER_TO_REQUEST,
        DOCUMENTS_SENT,
        CONSULTED,
        CONSULTATION_ANSWERED,
        CONSULTATION_LAPSED,
        CONSULTATION_SUPERSEDED,
        DECISION_RULE,
        INFORM_RULE,
        CONSULTATION_RULE,
        FLAG_DECIDED_NON_COMPLIANT,
        FLAG_REFUGEE_CONFIRMED,
        FLAG_REFUGEE_DELETION,
        NO_BASIS,
        FLAG_RESTORABLE,
        FLAG_HARASSMENT,
        FLAG_POSITION,
        *POSITION_WORDS,
    ]
)
"""Every template a case's stored reasons and history entries are written with."""


def shown(text: str) -> str:
    """A stored problem's reason or history entry in the reader's language (several reasons joined by
    "; " each in turn); a text no template gives (a CCF member's own words) as it was written."""
    return TEXTS.shown(text)


def admissibility_problems(filing: Filing, filed_on: date) -> list[Problem]:
    """Rule 29 (and Statute Art. 42 for revisions): everything that makes the request inadmissible."""
    out: list[Problem] = []
    p = filing.id_proof
    if not p.name:
        out.append(Problem("id_name", Text(ID_NAME)))
    if not p.date_of_birth:
        out.append(Problem("id_birth_date", Text(ID_BIRTH_DATE)))
    if not p.photo:
        out.append(Problem("id_photo", Text(ID_PHOTO)))
    if not p.unredacted:
        out.append(Problem("id_redacted", Text(ID_REDACTED)))
    if not filing.signed:
        out.append(Problem("unsigned", Text(UNSIGNED)))
    if len(filing.purpose.strip()) < 10:
        out.append(Problem("no_purpose", Text(NO_PURPOSE)))
    if filing.applicant_kind is not ApplicantKind.PERSON:
        if not filing.power_of_attorney:
            kind = filing.applicant_kind.value
            reason = NO_POWER_OF_ATTORNEY.get(kind)
            words = Text(reason) if reason else Text(OTHER_REPRESENTATIVE, kind=kind)
            out.append(Problem("no_power_of_attorney", words))
        if not filing.representative.strip():
            out.append(Problem("no_representative", Text(NO_REPRESENTATIVE)))
    if filing.language.lower() not in {lang.value for lang in Language}:
        out.append(Problem("language", Text(LANGUAGE, language=filing.language)))
    if filing.kind is RequestKind.REVISION:
        if not filing.revision_of:
            out.append(Problem("revision_of", Text(REVISION_OF)))
        if len(filing.new_fact.strip()) < 10:
            out.append(Problem("no_new_fact", Text(NO_NEW_FACT)))
        discovered = filing.new_fact_discovered_on
        if discovered is None:
            out.append(Problem("no_discovery_date", Text(NO_DISCOVERY_DATE)))
        elif filed_on > add_months_date(discovered, REVISION_FILING_MONTHS):
            late = Text(
                REVISION_LATE,
                months=REVISION_FILING_MONTHS,
                discovered=discovered.isoformat(),
                filed=filed_on.isoformat(),
            )
            out.append(Problem("revision_late", late))
    return out


def add_months_date(d: date, months: int) -> date:
    return add_months(datetime(d.year, d.month, d.day), months).date()


class DeadlineStatus(StrEnum):
    PENDING = "pending"
    MET = "met"
    MET_LATE = "met_late"
    OVERDUE = "overdue"


@dataclass(frozen=True, slots=True)
class Deadline:
    name: str
    """``decision``, ``inform_applicant`` or ``consultation:<n>``."""
    due: datetime
    met_at: datetime | None
    rule: str

    def status(self, now: datetime) -> DeadlineStatus:
        if self.met_at is not None:
            return DeadlineStatus.MET if self.met_at <= self.due else DeadlineStatus.MET_LATE
        return DeadlineStatus.OVERDUE if now > self.due else DeadlineStatus.PENDING

    def to_dict(self, now: datetime) -> dict[str, Any]:
        status = self.status(now)
        return {
            "name": self.name,
            "due": self.due.isoformat(),
            "met_at": self.met_at.isoformat() if self.met_at else None,
            "status": status.value,
            "days_left": (self.due - now).days if self.met_at is None else None,
            "overdue": status is DeadlineStatus.OVERDUE,
            "rule": self.rule,
        }


@dataclass(slots=True)
class Consultation:
    """The CCF's questions to the requesting NCB, with a deadline (rule 27)."""

    number: int
    country: str
    notice_id: str
    question: str
    asked_at: datetime
    due: datetime
    answered_at: datetime | None = None
    answer: str = ""
    lapsed_at: datetime | None = None
    """Unanswered by the deadline: the data is deleted (rule 27)."""
    superseded_at: datetime | None = None
    """Still open when the CCF decided: closed by the decision, no answer expected, nothing deleted for it."""

    @property
    def open(self) -> bool:
        return self.answered_at is None and self.lapsed_at is None and self.superseded_at is None

    @property
    def status(self) -> str:
        """``answered``, ``lapsed`` (data deleted), ``superseded`` (closed by the decision) or ``waiting``."""
        if self.answered_at is not None:
            return "answered"
        if self.lapsed_at is not None:
            return "lapsed"
        if self.superseded_at is not None:
            return "superseded"
        return "waiting"


@dataclass(frozen=True, slots=True)
class CaseEvent:
    at: datetime
    actor: str
    action: str
    text: str = ""


@dataclass(slots=True)
class Case:
    """A request to the CCF and where it stands. ``version`` guards against lost updates."""

    id: str
    filing: Filing
    filed_at: datetime
    access_code_hash: str
    state: CaseState = CaseState.RECEIVED
    version: int = 1
    notice_ids: list[str] = field(default_factory=list)
    """Notices (or diffusions) the request concerns: named by the applicant or found by identity."""
    problems: list[Problem] = field(default_factory=list)
    admissible_at: datetime | None = None
    blocked_at: datetime | None = None
    consultations: list[Consultation] = field(default_factory=list)
    decided_at: datetime | None = None
    outcome: Outcome | None = None
    decision: str = ""
    """The reasoned decision, as the applicant is told it."""
    informed_at: datetime | None = None
    events: list[CaseEvent] = field(default_factory=list)
    applicant_requests: list[ApplicantRequest] = field(default_factory=list)
    waived: list[str] = field(default_factory=list)
    """Admissibility problems the CCF found remedied by the documents or answers received (their codes)."""

    # -- deadlines
    @property
    def decision_due(self) -> datetime | None:
        if self.admissible_at is None:
            return None
        return add_months(self.admissible_at, DECISION_MONTHS[self.filing.kind])

    @property
    def inform_due(self) -> datetime | None:
        return None if self.decided_at is None else add_months(self.decided_at, INFORM_MONTHS)

    def deadlines(self) -> list[Deadline]:
        out = []
        due = self.decision_due
        if due is not None:
            months = DECISION_MONTHS[self.filing.kind]
            out.append(Deadline("decision", due, self.decided_at, Text(DECISION_RULE, months=months)))
        inform = self.inform_due
        if inform is not None:
            out.append(Deadline("inform_applicant", inform, self.informed_at, Text(INFORM_RULE)))
        for c in self.consultations:
            if c.superseded_at is not None:
                continue  # closed by the decision: no answer is due any more
            out.append(
                Deadline(
                    f"consultation:{c.number}",
                    c.due,
                    c.answered_at or c.lapsed_at,
                    Text(CONSULTATION_RULE, country=c.country),
                )
            )
        return out

    def overdue(self, now: datetime) -> list[Deadline]:
        return [d for d in self.deadlines() if d.status(now) is DeadlineStatus.OVERDUE]

    def next_due(self) -> datetime | None:
        pending = [d.due for d in self.deadlines() if d.met_at is None]
        return min(pending) if pending else None

    # -- changes
    def _log(self, at: datetime, actor: str, action: str, text: str = "") -> None:
        self.events.append(CaseEvent(at, actor, action, text))

    def _require(self, *states: CaseState) -> None:
        if self.state not in states:
            raise IllegalTransition(
                "case %(case)s is '%(state)s'; this needs '%(needs)s'",
                case=self.id,
                state=Term("case_state", self.state),
                needs=Term("case_state", *states),
            )

    @property
    def open_request(self) -> ApplicantRequest | None:
        return next((r for r in self.applicant_requests if r.open), None)

    def ask_applicant(self, at: datetime, actor: str, message: str) -> ApplicantRequest:
        """Ask the applicant for what is missing instead of refusing the request outright. The case waits
        for the answer; the decision deadline has not started (it runs from admissibility)."""
        self._require(CaseState.RECEIVED)
        if len(message.strip()) < 10:
            raise InvalidInput("say what the applicant should send or explain (at least 10 characters)")
        req = ApplicantRequest(len(self.applicant_requests) + 1, message.strip(), at, actor)
        self.applicant_requests.append(req)
        self.state = CaseState.AWAITING_APPLICANT
        self._log(at, actor, "ask_applicant", req.message)
        return req

    def applicant_answers(self, at: datetime, text: str, document_ids: Sequence[str]) -> ApplicantRequest:
        """The applicant's answer (text, documents or both): the case is received again, to be assessed."""
        self._require(CaseState.AWAITING_APPLICANT)
        req = self.open_request
        assert req is not None  # awaiting the applicant means a request is open
        if not text.strip() and not document_ids:
            raise InvalidInput("answer in writing, or send a document")
        req.answered_at, req.answer, req.documents = at, text.strip(), list(document_ids)
        self.state = CaseState.RECEIVED
        self._log(at, "ccf-applicant", "applicant_answer", Text(ANSWER_TO_REQUEST, number=req.number))
        return req

    def assess(
        self, at: datetime, actor: str, problems: Sequence[Problem], waived: Sequence[str] = ()
    ) -> None:
        """Record the admissibility check. Admissible starts the decision deadline. ``waived``: codes of
        problems the CCF found remedied by the documents or answers it received (recorded, with the rest)."""
        self._require(CaseState.RECEIVED)
        unknown = sorted(set(waived) - {p.code for p in problems})
        if unknown:
            raise InvalidInput(
                "only a problem found can be set aside (%(codes)s is not one)", codes=", ".join(unknown)
            )
        if waived and not (self.applicant_requests or self.events_of("documents")):
            raise RuleViolation("a problem is set aside only on documents or answers the applicant sent")
        self.waived = sorted(set(waived))
        problems = [p for p in problems if p.code not in self.waived]
        if self.waived:
            self._log(at, actor, "problems_set_aside", ", ".join(self.waived))
        self.problems = list(problems)
        if problems:
            self.state = CaseState.INADMISSIBLE
            self._log(at, actor, "inadmissible", "; ".join(p.reason for p in problems))
        else:
            self.state = CaseState.ADMISSIBLE
            self.admissible_at = at
            self._log(at, actor, "admissible")

    def events_of(self, action: str) -> list[CaseEvent]:
        return [e for e in self.events if e.action == action]

    def consult(
        self, at: datetime, actor: str, country: str, notice_id: str, question: str, due: datetime
    ) -> Consultation:
        self._require(CaseState.ADMISSIBLE)
        if notice_id not in self.notice_ids:
            raise InvalidInput(
                "notice %(notice)s is not part of case %(case)s", notice=notice_id, case=self.id
            )
        if len(question.strip()) < 10:
            raise InvalidInput("a consultation asks a written question")
        if due <= at:
            raise InvalidInput("the consultation's deadline must be in the future")
        c = Consultation(len(self.consultations) + 1, country, notice_id, question.strip(), at, due)
        self.consultations.append(c)
        asked = Text(CONSULTED, country=country, notice=notice_id, due=due.date().isoformat())
        self._log(at, actor, "consult", asked)
        return c

    def consultation(self, number: int) -> Consultation:
        for c in self.consultations:
            if c.number == number:
                return c
        raise InvalidInput("case %(case)s has no consultation %(number)s", case=self.id, number=number)

    def answer(self, at: datetime, actor: str, country: str, number: int, text: str) -> Consultation:
        c = self.consultation(number)
        if c.country != country:
            raise InvalidInput("this consultation is addressed to another NCB")
        if not c.open:
            raise RuleViolation("this consultation is closed (answered, or its deadline passed)")
        if at > c.due:
            raise RuleViolation("the deadline to answer has passed")
        if not text.strip():
            raise InvalidInput("an answer has text")
        c.answered_at, c.answer = at, text.strip()
        self._log(at, actor, "answer", Text(CONSULTATION_ANSWERED, number=number, country=country))
        return c

    def lapse(self, at: datetime, number: int) -> Consultation:
        c = self.consultation(number)
        if not c.open or at <= c.due:
            raise RuleViolation("only an open consultation past its deadline lapses")
        c.lapsed_at = at
        self._log(
            at,
            "rednotice",
            "consultation_lapsed",
            Text(CONSULTATION_LAPSED, country=c.country, due=c.due.date()),
        )
        return c

    def block(self, at: datetime, actor: str, reasons: str) -> None:
        self._require(CaseState.ADMISSIBLE)
        if self.blocked_at is not None:
            raise RuleViolation("the data is already blocked")
        if self.filing.kind is RequestKind.ACCESS:
            raise RuleViolation("a precautionary block is for correction, deletion or revision requests")
        self.blocked_at = at
        self._log(at, actor, "block", reasons)

    @property
    def block_in_force(self) -> bool:
        """The precautionary block holds only while the case is open: the decision ends it (the data is
        reinstated, corrected or deleted)."""
        return self.blocked_at is not None and self.state is CaseState.ADMISSIBLE

    def decide(self, at: datetime, actor: str, outcome: Outcome, reasons: str) -> list[Consultation]:
        """The binding decision. A consultation still open is closed as superseded by the decision (no answer
        is expected any more and nothing is deleted for want of one); returns those it closed."""
        self._require(CaseState.ADMISSIBLE)
        if outcome not in OUTCOMES_FOR[self.filing.kind]:
            raise InvalidInput(
                "a request for %(kind)s ends %(allowed)s, not %(outcome)s",
                kind=Term("request_kind", self.filing.kind),
                allowed=Term("outcome", *sorted(o.value for o in OUTCOMES_FOR[self.filing.kind])),
                outcome=Term("outcome", outcome),
            )
        if len(reasons.strip()) < 20:
            raise InvalidInput("a CCF decision is reasoned (at least 20 characters)")
        self.state = CaseState.DECIDED
        self.decided_at, self.outcome, self.decision = at, outcome, reasons.strip()
        superseded = [c for c in self.consultations if c.open]
        for c in superseded:
            c.superseded_at = at
            self._log(
                at,
                actor,
                "consultation_superseded",
                Text(CONSULTATION_SUPERSEDED, number=c.number, country=c.country),
            )
        self._log(at, actor, "decide", outcome.value)
        return superseded

    def inform(self, at: datetime, actor: str) -> None:
        self._require(CaseState.DECIDED)
        self.state = CaseState.CLOSED
        self.informed_at = at
        self._log(at, actor, "inform_applicant")


def match_notices(subject: Subject, candidates: Iterable[tuple[str, Subject]]) -> list[tuple[str, str]]:
    """(notice id, why) for each candidate that is the same person (names across spellings + birth date)."""
    out = []
    for notice_id, other in candidates:
        m = same_person(subject, other)
        if m.same:
            out.append((notice_id, m.reason))
    return out


# --- refugee status -----------------------------------------------------------------------------------


@dataclass(slots=True)
class RefugeeConfirmation:
    """A member country's confirmation that the person is a recognised refugee or asylum seeker.

    ``granting_country`` is the confirming NCB's country; it is shown to the CCF and reviewers only, and
    never put in a :class:`RefugeeStatus` (the type has no field for it)."""

    id: int
    subject: Subject
    status: ProtectionStatus
    persecution_country: str
    granting_country: str
    confirmed_at: datetime
    confirmed_by: str
    basis: str = ""
    ended_at: datetime | None = None
    ended_by: str = ""
    end_reason: str = ""
    deleted_notice_ids: list[str] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return self.ended_at is None

    def end(self, at: datetime, actor: str, reason: str) -> None:
        if self.ended_at is not None:
            raise RuleViolation("this status has already ended")
        if len(reason.strip()) < 10:
            raise InvalidInput("say why the status ended (denied, revoked, naturalised...)")
        self.ended_at, self.ended_by, self.end_reason = at, actor, reason.strip()


def refugee_status_for(
    subject: Subject, requesting_country: str, confirmations: Iterable[RefugeeConfirmation]
) -> RefugeeStatus | None:
    """What RN-13 may know: an active confirmation against the requester first, then any active one, then
    an ended one (status denied or revoked). Never the granting country."""
    mine = [c for c in confirmations if same_person(subject, c.subject).same]
    if not mine:
        return None
    active = [c for c in mine if c.active]
    against = [c for c in active if c.persecution_country == requesting_country]
    chosen = (against or active or mine)[0]
    return RefugeeStatus(
        chosen.status,
        True,
        chosen.persecution_country == requesting_country,
        revoked_or_denied=not chosen.active,
    )


# --- harassment reports -------------------------------------------------------------------------------


class HarmKind(StrEnum):
    THREATS = "threats"
    QUESTIONING = "questioning"
    DETENTION = "detention"
    EXIT_BAN = "exit_ban"
    FROZEN_ASSETS = "frozen_assets"
    DISMISSAL = "dismissal"
    PRESSURE_ABROAD = "pressure_abroad"
    """Officials (or relatives sent with them) pressing the person abroad to return."""
    OTHER = "other"


class ReporterKind(StrEnum):
    PERSON = "person"
    RELATIVE = "relative"
    LAWYER = "lawyer"
    NGO = "ngo"


VICTIM_RELATIONS = ("subject", *(r.value for r in RelationKind))


def new_case_id(year: int) -> str:
    """A CCF case id an outsider may hold: random (a sequence would count the filings), easy to read out."""
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    return f"CCF-{year}-" + "".join(secrets.choice(alphabet) for _ in range(12))


def new_public_id(prefix: str) -> str:
    """A random public id (``hr_...`` for a harassment report): 128 bits, nothing to count."""
    return f"{prefix}_{secrets.token_urlsafe(16)}"


@dataclass(frozen=True, slots=True)
class HarassmentReport:
    """What happened to whom and when; its source and evidence. The reporter is protected like a CCF
    applicant: shown to the CCF and reviewers only."""

    id: int
    filed_at: datetime
    reporter_kind: ReporterKind
    reporter_name: str
    reporter_contact: str
    notice_id: str | None
    victim_name: str
    victim_relation: str
    kinds: tuple[HarmKind, ...]
    occurred_on: str
    """When it happened: an ISO date, a month or a year."""
    place: str
    description: str
    source: str
    evidence: tuple[str, ...] = ()
    subject: Subject | None = None
    public_id: str = ""
    """The random id the reporter is given (never the row id: sequential ids would count notices)."""
    notice_ids: tuple[str, ...] = ()
    """Every notice the report was linked to (named, or found by identity): one report, many notices."""

    def validate(self) -> None:
        if not self.kinds:
            raise InvalidInput("say what happened (threats, questioning, detention, exit_ban...)")
        if len(self.description.strip()) < 10:
            raise InvalidInput("describe what happened")
        if self.victim_relation not in VICTIM_RELATIONS:
            raise InvalidInput(
                "victim_relation is one of %(relations)s", relations=", ".join(VICTIM_RELATIONS)
            )
        if not self.victim_name.strip():
            raise InvalidInput("say to whom it happened")
        if not self.notice_id and self.subject is None:
            raise InvalidInput("name the notice, or the person it concerns so it can be found")


# --- a country's position on a notice -----------------------------------------------------------------


class PositionKind(StrEnum):
    CONCERN = "concern"
    OBJECTION = "objection"
    NO_ACTION = "no_action"
    """The country decided not to act on the notice."""
    EXTRADITION_REFUSED = "extradition_refused"


class PositionGround(StrEnum):
    ARTICLE_2 = "art2"
    ARTICLE_3 = "art3"
    REFUGEE = "refugee"
    DATA_QUALITY = "data_quality"
    OTHER = "other"


@dataclass(slots=True)
class Position:
    id: int
    notice_id: str
    country: str
    kind: PositionKind
    grounds: tuple[PositionGround, ...]
    text: str
    evidence: tuple[str, ...]
    at: datetime
    by: str
    disclose: bool = False
    """The country agrees that other NCBs see who raised the caveat."""
    answered_at: datetime | None = None
    answered_by: str = ""
    answer: str = ""

    def validate(self) -> None:
        if self.kind in (PositionKind.CONCERN, PositionKind.OBJECTION) and not self.grounds:
            raise InvalidInput("a concern or objection names its grounds (art2, art3, refugee, data_quality)")
        if len(self.text.strip()) < 10:
            raise InvalidInput("a position is explained in writing")

    def as_objection(self) -> Objection | None:
        """What RN-12 sees: concerns, objections and refused extraditions (not a bare decision not to act)."""
        if self.kind is PositionKind.NO_ACTION:
            return None
        if self.kind is PositionKind.EXTRADITION_REFUSED:
            kind = ObjectionKind.EXTRADITION_REFUSED
        elif PositionGround.ARTICLE_3 in self.grounds:
            kind = ObjectionKind.POLITICAL
        elif {PositionGround.ARTICLE_2, PositionGround.REFUGEE} & set(self.grounds):
            kind = ObjectionKind.HUMAN_RIGHTS
        else:
            kind = ObjectionKind.OTHER
        grounds = ", ".join(g.value for g in self.grounds)
        return Objection(self.notice_id, self.country, kind, grounds, False, self.at.date())


# --- review flags and notifications -------------------------------------------------------------------


class FlagSource(StrEnum):
    HARASSMENT = "harassment_report"
    POSITION = "country_position"
    REFUGEE = "refugee_confirmation"
    REFUGEE_DELETION = "refugee_pending_deletion"
    """A confirmation matched a notice: a General Secretariat reviewer confirms (deletes) or dismisses it."""
    RESTORATION = "refugee_status_ended"


@dataclass(slots=True)
class ReviewFlag:
    """Reopens review of a notice: shown in the queue until a reviewer resolves it in writing."""

    id: int
    notice_id: str
    at: datetime
    source: FlagSource
    ref: str
    text: str
    resolved_at: datetime | None = None
    resolved_by: str = ""
    resolution: str = ""


ALL_NCBS = "*"
GENERAL_SECRETARIAT = "GS"


@dataclass(frozen=True, slots=True)
class Notification:
    """A message to one NCB, to every NCB (``*``, minus ``excluded``) or to the General Secretariat."""

    id: int
    at: datetime
    recipient: str
    kind: str
    notice_id: str
    text: str
    excluded: tuple[str, ...] = ()

    def reaches(self, country: str) -> bool:
        return self.recipient == country or (self.recipient == ALL_NCBS and country not in self.excluded)


DELETION_NOTICE = (
    "Notice {id} has been deleted: it does not comply with INTERPOL's rules. Remove it from national "
    "databases. The same facts may not be re-submitted unless new facts are shown."
)
"""What every NCB that could see a deleted notice is told (no word of who asked or why: rule 25)."""
