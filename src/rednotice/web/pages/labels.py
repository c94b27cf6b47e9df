"""What the pages call things, in the reader's language: states, actions, types, roles, severities and
grounds; and the filters that format dates, countries and numbers (the templates' filters: toolkit.ENV)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from datetime import UTC, datetime

from rednotice.adapters.countries import name_of
from rednotice.domain.dates import PartialDate
from rednotice.domain.lifecycle import Action, Notice, State
from rednotice.domain.model import NoticeType, Sex
from rednotice.domain.users import Role
from rednotice.services.review import Ground
from rednotice.web import i18n
from rednotice.web.i18n import _, _l, ngettext

STATE_LABELS: dict[State, str] = {
    State.DRAFT: _l("Draft"),
    State.SUBMITTED: _l("Submitted"),
    State.UNDER_REVIEW: _l("Under review"),
    State.MORE_INFORMATION_REQUESTED: _l("More information requested"),
    State.PUBLISHED: _l("Published"),
    State.REFUSED: _l("Refused"),
    State.WITHDRAWN: _l("Withdrawn"),
    State.CANCELLED: _l("Cancelled"),
    State.EXPIRED: _l("Expired"),
    State.SUSPENDED: _l("Suspended"),
    State.DELETED: _l("Deleted"),
    State.UNREVIEWED: _l("Unreviewed"),
    State.REVIEWED_COMPLIANT: _l("Reviewed: compliant"),
    State.PURGED: _l("Purged"),
}

ACTION_LABELS: dict[Action, str] = {
    Action.SUBMIT: _l("Submit to the General Secretariat"),
    Action.START_REVIEW: _l("Start review"),
    Action.REQUEST_INFORMATION: _l("Ask for more information"),
    Action.PUBLISH: _l("Publish"),
    Action.REFUSE: _l("Refuse"),
    Action.WITHDRAW: _l("Withdraw request"),
    Action.CANCEL: _l("Cancel notice"),
    Action.EXPIRE: _l("Expire"),
    Action.SUSPEND: _l("Suspend"),
    Action.REINSTATE: _l("Reinstate"),
    Action.DELETE: _l("Delete"),
    Action.RENEW: _l("Renew for five years"),
    Action.CIRCULATE: _l("Circulate"),
    Action.CONFIRM_COMPLIANT: _l("Confirm compliant"),
    Action.PURGE: _l("Purge"),
}
PRIMARY = frozenset(
    {Action.SUBMIT, Action.START_REVIEW, Action.PUBLISH, Action.CONFIRM_COMPLIANT, Action.RENEW}
)
DOCUMENT_KINDS = {
    "passport": _l("Passport"),
    "national_id": _l("National identity card"),
    "residence_permit": _l("Residence permit"),
    "other": _l("Other document"),
}
DESTRUCTIVE = frozenset(
    {Action.REFUSE, Action.WITHDRAW, Action.CANCEL, Action.DELETE, Action.PURGE, Action.SUSPEND}
)
ACTION_DONE: dict[Action, str] = {
    Action.SUBMIT: _l("submitted"),
    Action.START_REVIEW: _l("taken into review"),
    Action.REQUEST_INFORMATION: _l("sent back for more information"),
    Action.PUBLISH: _l("published"),
    Action.REFUSE: _l("refused"),
    Action.WITHDRAW: _l("withdrawn"),
    Action.CANCEL: _l("cancelled"),
    Action.SUSPEND: _l("suspended"),
    Action.REINSTATE: _l("reinstated"),
    Action.DELETE: _l("deleted"),
    Action.RENEW: _l("renewed"),
    Action.CIRCULATE: _l("circulated"),
    Action.CONFIRM_COMPLIANT: _l("confirmed compliant"),
    Action.PURGE: _l("purged"),
    Action.EXPIRE: _l("expired"),
}
TYPE_LABELS: dict[NoticeType, str] = {
    NoticeType.RED_NOTICE: _l("Red notice"),
    NoticeType.WANTED_PERSON_DIFFUSION: _l("Wanted-person diffusion"),
}
SEX_LABELS: dict[Sex, str] = {Sex.MALE: _l("Male"), Sex.FEMALE: _l("Female"), Sex.UNKNOWN: _l("Unknown")}
ROLE_LABELS: dict[Role, str] = {
    Role.NCB_OFFICER: _l("NCB officer"),
    Role.REVIEWER: _l("General Secretariat reviewer"),
    Role.CCF: _l("Commission for the Control of Files"),
    Role.OVERSIGHT: _l("Oversight"),
    Role.ADMIN: _l("Administrator"),
    Role.SYSTEM: _l("System"),
}
STATE_ORDER: list[State] = list(State)

SEVERITY_ORDER = ("block", "review", "warn")
SEVERITY_LABELS = {
    "block": _l("Blocks publication"),
    "review": _l("Needs a written resolution"),
    "warn": _l("Warning"),
}
SEVERITY_SHORT = {"block": _l("Block"), "review": _l("Review"), "warn": _l("Warn")}
SEVERITY_HINTS = {
    "block": _l(
        "Only the Art. 83(1)(b) exception of particular importance, proposed with reasons and confirmed "
        "by a second reviewer, can override these."
    ),
    "review": _l("Each needs a written resolution before a decision."),
    "warn": _l("For information; no action is required."),
}
VERDICT_LABELS = {
    "compliant": _l("Compliant"),
    "needs_review": _l("Needs review"),
    "non_compliant": _l("Non-compliant"),
}
GROUND_LABELS: dict[Ground, str] = {
    Ground.ARTICLE_3: _l("Article 3: political, military, religious or racial character"),
    Ground.ARTICLE_2: _l("Article 2: human rights"),
    Ground.REFUGEE: _l("Refugee or asylum status"),
    Ground.DATA_QUALITY: _l("Data quality: minimum identity or judicial data (RPD Art. 83(2))"),
    Ground.PENALTY_THRESHOLD: _l("Penalty threshold (RPD Art. 83(1)(a))"),
    Ground.PRIVATE_DISPUTE: _l("Private dispute: a debt, a contract (RPD Art. 83(1)(a)(iii))"),
    Ground.ADMINISTRATIVE: _l("Administrative or regulatory offence (RPD Art. 83(1)(a)(iii))"),
    Ground.NORMS_OR_FAMILY: _l("Cultural norms, or a family or private matter (RPD Art. 83(1)(a)(i)-(ii))"),
    Ground.WARRANT_OR_ASSURANCE: _l("No valid warrant, or no extradition assurance (RPD Art. 82, 84)"),
    Ground.TIME_BARRED: _l("Statute of limitations, or purpose gone: acquitted, pardoned (RPD Art. 51, 81)"),
    Ground.RESUBMITTED: _l("Same facts refused or deleted before"),
    Ground.OTHER: _l("Other ground (say which below)"),
}
i18n.TERMS.update(
    state=STATE_LABELS, action=ACTION_LABELS, role=ROLE_LABELS, notice_type=TYPE_LABELS, ground=GROUND_LABELS
)
"""Domain errors name states, actions, roles, types and grounds as the pages do (errors.Term)."""

DECISION_LABELS = {
    "publish": _l("Published"),
    "refuse": _l("Refused"),
    "request_information": _l("More information requested"),
    "confirm_compliant": _l("Confirmed compliant"),
    "purge": _l("Purged"),
}


_SCRIPTS = (
    ("ARABIC", "Arab"),
    ("CJK", "Hani"),
    ("CYRILLIC", "Cyrl"),
    ("HEBREW", "Hebr"),
    ("GREEK", "Grek"),
    ("DEVANAGARI", "Deva"),
    ("HANGUL", "Hang"),
    ("HIRAGANA", "Jpan"),
    ("KATAKANA", "Jpan"),
    ("THAI", "Thai"),
    ("GEORGIAN", "Geor"),
    ("ARMENIAN", "Armn"),
    ("BENGALI", "Beng"),
    ("TAMIL", "Taml"),
    ("ETHIOPIC", "Ethi"),
    ("LATIN", "Latn"),
)


def script_lang(text: str) -> str:
    """A BCP 47 tag naming only the script (``und-Arab``), so browsers pick fonts and shaping right."""
    counts: dict[str, int] = {}
    for ch in text:
        if not ch.isalpha():
            continue
        uname = unicodedata.name(ch, "")
        for prefix, code in _SCRIPTS:
            if uname.startswith(prefix):
                counts[code] = counts.get(code, 0) + 1
                break
    if not counts:
        return "und"
    return "und-" + max(counts, key=lambda k: counts[k])


COLOURS: dict[str, str] = {
    "BLA": _l("black"),
    "BLU": _l("blue"),
    "BRO": _l("brown"),
    "GRE": _l("green"),
    "GRY": _l("grey"),
    "HAZ": _l("hazel"),
    "BLN": _l("blond"),
    "RED": _l("red"),
    "WHI": _l("white"),
    "BAL": _l("bald"),
}
"""INTERPOL's colour codes read in words; an unknown code is shown as given."""


def colours(codes: Iterable[str]) -> str:
    return ", ".join(f"{COLOURS[c.upper()]} ({c})" if c.upper() in COLOURS else str(c) for c in codes)


def _as_utc(when: datetime) -> datetime:
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def fmt_datetime(when: datetime | None) -> str:
    return "" if when is None else i18n.fmt_moment(_as_utc(when))


def fmt_date(when: datetime | None) -> str:
    return "" if when is None else i18n.fmt_day(_as_utc(when))


def fmt_partial(value: PartialDate | None) -> str:
    """PartialDate.human() in the reader's language (the digits stay ISO: unambiguous everywhere)."""
    if value is None:
        return _("unknown")
    if value.month is None:
        return _("%(year)s (month and day unknown)") % {"year": value.year}
    if value.day is None:
        return _("%(year_month)s (day unknown)") % {"year_month": f"{value.year}-{value.month:02d}"}
    return value.iso()


def fmt_years(value: float | None) -> str:
    if value is None:
        return _("not stated")
    shown = int(value) if float(value).is_integer() else value
    # a fraction takes the general plural (ngettext counts whole things)
    count = int(value) if float(value).is_integer() else 100
    return ngettext("%(num)s year", "%(num)s years", count) % {"num": i18n.fmt_number(shown)}


def country_label(code: str | None) -> str:
    """A country's name in the reader's language (CLDR, through Babel); English keeps ISO 3166 names."""
    if not code:
        return ""
    if i18n.current() != i18n.DEFAULT:
        local = i18n.territory_name(code)
        if local:
            return local
    return name_of(code)


def state_label(value: object) -> str:
    try:
        return STATE_LABELS.get(State(str(value)), str(value))
    except ValueError:
        return str(value).replace("_", " ").capitalize()


def action_label(action: Action) -> str:
    return ACTION_LABELS.get(action) or action.value.replace("_", " ").capitalize()


def days_waiting(notice: Notice, now: datetime) -> int | None:
    since = notice.submitted_at or notice.created_at
    return None if since is None else max(0, (_as_utc(now) - _as_utc(since)).days)


NOT_A_WARRANT_SHOWN = _l(
    "A red notice is a request to locate and provisionally arrest a person pending extradition. "
    "It is not an arrest warrant: each country decides under its own law what to do."
)
"""services.views.NOT_A_WARRANT in the reader's language (a test keeps the English text equal)."""
