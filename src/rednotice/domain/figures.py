"""Transparency figures: what is counted, over which period, and how small groups are protected.

Pure (standard library only). The database counts (``adapters/db/figures.py``); this module names the
measures, buckets periods into years, suppresses small counts and computes rates from what is shown.
Method and its limits: ``docs/transparency.md``.

A figure is addressed by a key ``(country, year, measure)``:

* ``country`` is the requesting country (ISO alpha-2), ``ALL`` for every country together, or ``UNLINKED``
  for CCF cases and harassment reports that name no notice held;
* ``year`` is a calendar year inside the period, or ``WHOLE`` (0) for the whole period (snapshots such as
  the notices in force today exist only for ``WHOLE``);
* ``measure`` is one of :data:`MEASURES`.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import TypeVar

from rednotice.domain.compliance import iccs
from rednotice.domain.errors import N_
from rednotice.domain.model import NoticeType
from rednotice.domain.redress import HarmKind, Outcome, PositionKind, RequestKind

ALL = "*"
"""Every requesting country together."""
UNLINKED = "-"
"""CCF cases and harassment reports that name no notice held in the system."""
WHOLE = 0
"""The year key of a figure for the whole period."""

DEFAULT_PUBLIC_MINIMUM = 5
"""Counts from 1 to ``minimum - 1`` are not published (shown as ``<5``)."""

TYPES: tuple[str, ...] = tuple(t.value for t in NoticeType)
GROUNDS: tuple[str, ...] = (
    "art3",
    "art2",
    "refugee",
    "data_quality",
    "penalty_threshold",
    "private_dispute",
    "administrative",
    "norms_or_family",
    "warrant_or_assurance",
    "time_barred",
    "resubmitted",
    "other",
)
"""The values of ``services.review.Ground`` (a test keeps them equal)."""
HIT_OUTCOMES: tuple[str, ...] = ("located", "detained_under_national_law", "no_action", "not_the_person")
"""The values of ``services.screening.HitOutcome`` (a test keeps them equal)."""
CCF_KINDS: tuple[str, ...] = tuple(k.value for k in RequestKind)
CCF_STATES: tuple[str, ...] = (*(o.value for o in Outcome), "inadmissible", "open")
"""A CCF case by where it stands: its outcome once decided, ``inadmissible``, or ``open``."""
DEADLINE_STATES: tuple[str, ...] = ("met", "met_late", "overdue", "pending", "none")
"""The decision deadline (4 months for access, 9 otherwise, from admissibility); ``none``: not admissible."""
HARM_KINDS: tuple[str, ...] = tuple(k.value for k in HarmKind)
POSITION_KINDS: tuple[str, ...] = tuple(k.value for k in PositionKind)
ICCS_SECTIONS: tuple[str, ...] = tuple(s.code for s in iccs.SECTIONS)
"""The 11 sections of the UN's International Classification of Crime for Statistical Purposes."""
ICCS_SECTION_LABELS: dict[str, str] = {s.code: s.name[0].lower() + s.name[1:] for s in iccs.SECTIONS}
DELETERS: tuple[str, ...] = ("ccf", "reviewer", "system")
"""Who deleted: the CCF, the General Secretariat, or rednotice itself (refugee status confirmed)."""


class Suppression(StrEnum):
    SHOWN = "shown"
    BELOW_MINIMUM = "below_minimum"
    """Primary suppression: 1 to minimum - 1."""
    COMPLEMENTARY = "complementary"
    """Withheld so that a suppressed count cannot be worked out from a total."""


@dataclass(frozen=True, slots=True)
class Measure:
    key: str
    label: str
    snapshot: bool = False
    """Counted as of now, not over the period (only for ``WHOLE``)."""


@dataclass(frozen=True, slots=True)
class Group:
    """Measures that break a total down. ``additive``: the members sum to the total (a refusal may have
    several grounds and a report several kinds: those groups are not additive, and are protected the
    same way all the same)."""

    total: str
    members: tuple[str, ...]
    additive: bool = True


def _m(key: str, label: str, snapshot: bool = False) -> Measure:
    return Measure(key, label, snapshot)


_GROUND_LABEL = {
    "art3": N_("Art. 3 (political, military, religious, racial)"),
    "art2": N_("Art. 2 (human rights)"),
    "refugee": N_("refugee policy"),
    "data_quality": N_("data quality"),
    "penalty_threshold": N_("minimum penalty threshold"),
    "private_dispute": N_("private dispute (debt, contract)"),
    "administrative": N_("administrative or regulatory offence"),
    "norms_or_family": N_("cultural norms or a family or private matter"),
    "warrant_or_assurance": N_("no valid warrant or extradition assurance"),
    "time_barred": N_("statute of limitations or purpose gone"),
    "resubmitted": N_("facts refused or deleted before"),
    "other": N_("other grounds (reasons stated)"),
}
GROUND_LABELS = _GROUND_LABEL

MEASURES: tuple[Measure, ...] = (
    _m("requests.total", N_("Requests (red notices and diffusions)")),
    _m("requests.red_notice", N_("Requests: red notices")),
    _m("requests.wanted_person_diffusion", N_("Requests: diffusions")),
    _m(
        "requests.iccs.01",
        N_("Requests with a charge in ICCS 01: acts leading to death or intending to cause death"),
    ),
    _m(
        "requests.iccs.02",
        N_("Requests with a charge in ICCS 02: acts causing harm or intending to cause harm to the person"),
    ),
    _m("requests.iccs.03", N_("Requests with a charge in ICCS 03: injurious acts of a sexual nature")),
    _m(
        "requests.iccs.04",
        N_(
            "Requests with a charge in ICCS 04: "
            "acts against property involving violence or threat against a person"
        ),
    ),
    _m("requests.iccs.05", N_("Requests with a charge in ICCS 05: acts against property only")),
    _m(
        "requests.iccs.06",
        N_(
            "Requests with a charge in ICCS 06: "
            "acts involving controlled drugs or other psychoactive substances"
        ),
    ),
    _m(
        "requests.iccs.07",
        N_("Requests with a charge in ICCS 07: acts involving fraud, deception or corruption"),
    ),
    _m(
        "requests.iccs.08",
        N_(
            "Requests with a charge in ICCS 08: "
            "acts against public order, authority and provisions of the State"
        ),
    ),
    _m(
        "requests.iccs.09",
        N_("Requests with a charge in ICCS 09: acts against public safety and state security"),
    ),
    _m("requests.iccs.10", N_("Requests with a charge in ICCS 10: acts against the natural environment")),
    _m(
        "requests.iccs.11",
        N_("Requests with a charge in ICCS 11: other criminal acts not elsewhere classified"),
    ),
    _m("requests.iccs.none", N_("Requests with a charge the engine could not place in the ICCS")),
    _m("decisions", N_("Review decisions (published, cleared, refused or purged)")),
    _m("published", N_("Red notices published")),
    _m("cleared", N_("Diffusions reviewed as compliant")),
    _m("refused.total", N_("Refused (red notices) or purged (diffusions)")),
    _m("refused.red_notice", N_("Refused: red notices")),
    _m("refused.wanted_person_diffusion", N_("Refused: diffusions")),
    _m("refused.ground.art3", N_("Refused on Art. 3 (political, military, religious, racial)")),
    _m("refused.ground.art2", N_("Refused on Art. 2 (human rights)")),
    _m("refused.ground.refugee", N_("Refused on refugee policy")),
    _m("refused.ground.data_quality", N_("Refused on data quality")),
    _m("refused.ground.penalty_threshold", N_("Refused on minimum penalty threshold")),
    _m("refused.ground.private_dispute", N_("Refused on private dispute (debt, contract)")),
    _m("refused.ground.administrative", N_("Refused on administrative or regulatory offence")),
    _m("refused.ground.norms_or_family", N_("Refused on cultural norms or a family or private matter")),
    _m("refused.ground.warrant_or_assurance", N_("Refused on no valid warrant or extradition assurance")),
    _m("refused.ground.time_barred", N_("Refused on statute of limitations or purpose gone")),
    _m("refused.ground.resubmitted", N_("Refused on facts refused or deleted before")),
    _m("refused.ground.other", N_("Refused on other grounds (reasons stated)")),
    _m("withdrawn", N_("Requests withdrawn by the requester")),
    _m("cancelled", N_("Cancelled by the requester")),
    _m("expired", N_("Expired")),
    _m("blocked", N_("Blocked as a precaution (pending a challenge)")),
    _m("deleted.total", N_("Deleted as non-compliant")),
    _m("deleted.ccf", N_("Deleted by the CCF")),
    _m("deleted.reviewer", N_("Deleted by the General Secretariat")),
    _m("deleted.system", N_("Deleted on a confirmed refugee status")),
    _m("in_force.total", N_("In force today"), True),
    _m("in_force.red_notice", N_("In force today: red notices"), True),
    _m("in_force.wanted_person_diffusion", N_("In force today: diffusions"), True),
    _m("in_force.public", N_("In force today with a public extract"), True),
    _m("in_force.restricted", N_("In force today, restricted to law enforcement"), True),
    _m("ccf.total", N_("Requests to the CCF")),
    _m("ccf.kind.access", N_("CCF requests: access")),
    _m("ccf.kind.correction", N_("CCF requests: correction")),
    _m("ccf.kind.deletion", N_("CCF requests: deletion")),
    _m("ccf.kind.revision", N_("CCF requests: revision")),
    _m("ccf.state.access_given", N_("CCF requests: access given")),
    _m("ccf.state.compliant", N_("CCF requests: compliant")),
    _m("ccf.state.corrected", N_("CCF requests: corrected")),
    _m("ccf.state.deleted", N_("CCF requests: deleted")),
    _m("ccf.state.revision_refused", N_("CCF requests: revision refused")),
    _m("ccf.state.inadmissible", N_("CCF requests: inadmissible")),
    _m("ccf.state.open", N_("CCF requests: open")),
    _m("ccf.deadline.met", N_("CCF decision deadline: met")),
    _m("ccf.deadline.met_late", N_("CCF decision deadline: met late")),
    _m("ccf.deadline.overdue", N_("CCF decision deadline: overdue")),
    _m("ccf.deadline.pending", N_("CCF decision deadline: pending")),
    _m("ccf.deadline.none", N_("CCF decision deadline: none")),
    _m("harassment.total", N_("Harassment reports")),
    _m("harassment.kind.threats", N_("Harassment reported: threats")),
    _m("harassment.kind.questioning", N_("Harassment reported: questioning")),
    _m("harassment.kind.detention", N_("Harassment reported: detention")),
    _m("harassment.kind.exit_ban", N_("Harassment reported: exit ban")),
    _m("harassment.kind.frozen_assets", N_("Harassment reported: frozen assets")),
    _m("harassment.kind.dismissal", N_("Harassment reported: dismissal")),
    _m("harassment.kind.pressure_abroad", N_("Harassment reported: pressure abroad")),
    _m("harassment.kind.other", N_("Harassment reported: other")),
    _m("harassment.examined", N_("Harassment reports examined by a reviewer")),
    _m("harassment.not_examined", N_("Harassment reports not yet examined")),
    _m("positions.total", N_("Positions raised by other countries")),
    _m("positions.kind.concern", N_("Positions: concern")),
    _m("positions.kind.objection", N_("Positions: objection")),
    _m("positions.kind.no_action", N_("Positions: no action")),
    _m("positions.kind.extradition_refused", N_("Positions: extradition refused")),
    _m("refugee.confirmed", N_("Refugee statuses confirmed against this country")),
    _m("hits.total", N_("Screening hits")),
    _m("hits.outcome.located", N_("Hits: located")),
    _m("hits.outcome.detained_under_national_law", N_("Hits: detained under national law")),
    _m("hits.outcome.no_action", N_("Hits: no action")),
    _m("hits.outcome.not_the_person", N_("Hits: not the person")),
    _m("hits.outcome.none", N_("Hits: none")),
)
MEASURE_KEYS: tuple[str, ...] = tuple(m.key for m in MEASURES)
LABELS: dict[str, str] = {m.key: m.label for m in MEASURES}
SNAPSHOTS: frozenset[str] = frozenset(m.key for m in MEASURES if m.snapshot)

GROUPS: tuple[Group, ...] = (
    Group("requests.total", tuple(f"requests.{t}" for t in TYPES)),
    Group(
        "requests.total",
        tuple(f"requests.iccs.{c}" for c in (*ICCS_SECTIONS, "none")),
        additive=False,
    ),
    Group("decisions", ("published", "cleared", "refused.total")),
    Group("refused.total", tuple(f"refused.{t}" for t in TYPES)),
    Group("refused.total", tuple(f"refused.ground.{g}" for g in GROUNDS), additive=False),
    Group("deleted.total", tuple(f"deleted.{d}" for d in DELETERS)),
    Group("in_force.total", tuple(f"in_force.{t}" for t in TYPES)),
    Group("in_force.total", ("in_force.public", "in_force.restricted")),
    Group("ccf.total", tuple(f"ccf.kind.{k}" for k in CCF_KINDS)),
    Group("ccf.total", tuple(f"ccf.state.{s}" for s in CCF_STATES)),
    Group("ccf.total", tuple(f"ccf.deadline.{s}" for s in DEADLINE_STATES)),
    Group("harassment.total", tuple(f"harassment.kind.{k}" for k in HARM_KINDS), additive=False),
    Group("harassment.total", ("harassment.examined", "harassment.not_examined")),
    Group("positions.total", tuple(f"positions.kind.{k}" for k in POSITION_KINDS)),
    Group("hits.total", tuple(f"hits.outcome.{o}" for o in (*HIT_OUTCOMES, "none"))),
)

NOT_SUMMED_OVER_COUNTRIES: frozenset[str] = frozenset(
    k for k in MEASURE_KEYS if k.startswith(("ccf.", "harassment."))
)
"""A CCF case or a harassment report about notices of two countries counts for each, once in ``ALL``
(counted apart)."""


# --- periods ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Period:
    """Days from ``start`` (inclusive) to ``end`` (exclusive)."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError("a period ends after it starts")

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year + 1, 1, 1))

    @classmethod
    def between(cls, first: date, last: date) -> Period:
        """From ``first`` to ``last``, both days included."""
        if last < first:
            raise ValueError(f"'from' ({first.isoformat()}) is after 'to' ({last.isoformat()})")
        return cls(first, last + timedelta(days=1))

    @property
    def last(self) -> date:
        return self.end - timedelta(days=1)

    def years(self) -> list[int]:
        return list(range(self.start.year, self.last.year + 1))

    @property
    def label(self) -> str:
        if self.start == date(self.start.year, 1, 1) and self.end == date(self.start.year + 1, 1, 1):
            return str(self.start.year)
        return f"{self.start.isoformat()} to {self.last.isoformat()}"


# --- small-group protection ---------------------------------------------------------------------------

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True, slots=True)
class Cell:
    """A count as it may be shown: the value, or ``None`` when withheld, and its text."""

    value: int | None
    text: str
    suppression: Suppression

    @property
    def shown(self) -> bool:
        return self.suppression is Suppression.SHOWN

    def to_dict(self) -> dict[str, object]:
        return {
            "value": self.value,
            "text": self.text,
            "suppressed": None if self.shown else self.suppression,
        }


COMPLEMENTARY_TEXT = "[c]"


def suppress(counts: Mapping[K, int], groups: Iterable[tuple[K, Sequence[K]]], minimum: int) -> dict[K, Cell]:
    """Primary suppression of counts from 1 to ``minimum - 1``, then complementary suppression.

    For every group (a total and the cells that break it down) whose total is shown: if exactly one
    member is withheld, its value would follow from the total and the others, so the smallest shown
    non-zero member is withheld too; when there is none, the total is withheld. Totals are members of
    other groups (a country's total is a member of the all-countries total, a year's of the period's), so
    this repeats until nothing changes. Zero is shown: it says nobody, which identifies nobody.
    ``minimum <= 1`` withholds nothing (the full figures, for oversight).
    """
    status: dict[K, Suppression] = {
        k: Suppression.BELOW_MINIMUM if 0 < v < minimum else Suppression.SHOWN for k, v in counts.items()
    }
    group_list = [(t, [m for m in ms if m in counts]) for t, ms in groups if t in counts]
    changed = minimum > 1
    while changed:
        changed = False
        for total, members in group_list:
            if status[total] is not Suppression.SHOWN:
                continue
            hidden = [m for m in members if status[m] is not Suppression.SHOWN]
            if len(hidden) != 1:
                continue
            candidates = [m for m in members if status[m] is Suppression.SHOWN and counts[m] > 0]
            if candidates:
                chosen = min(candidates, key=lambda m: (counts[m], str(m)))
                status[chosen] = Suppression.COMPLEMENTARY
            else:
                status[total] = Suppression.COMPLEMENTARY
            changed = True
    out: dict[K, Cell] = {}
    for k, v in counts.items():
        s = status[k]
        if s is Suppression.SHOWN:
            out[k] = Cell(v, f"{v:,}", s)
        elif s is Suppression.BELOW_MINIMUM:
            out[k] = Cell(None, f"<{minimum}", s)
        else:
            out[k] = Cell(None, COMPLEMENTARY_TEXT, s)
    return out


def figure_groups(
    countries: Sequence[str], years: Sequence[int], measures: Sequence[str] = MEASURE_KEYS
) -> list[tuple[tuple[str, int, str], list[tuple[str, int, str]]]]:
    """Every group of the table ``(country, year, measure)``: the measure groups within each cell row, the
    countries within ``ALL`` and the years within ``WHOLE`` — so the same count cannot be recovered along
    any of the three."""
    wanted = set(measures)
    out: list[tuple[tuple[str, int, str], list[tuple[str, int, str]]]] = []
    all_years = [WHOLE, *years]
    for c in (ALL, *countries):
        for y in all_years:
            for g in GROUPS:
                if g.total in wanted:
                    out.append(((c, y, g.total), [(c, y, m) for m in g.members if m in wanted]))
    for y in all_years:
        for m in measures:
            out.append(((ALL, y, m), [(c, y, m) for c in countries]))
    if len(years) > 1:
        for c in (ALL, *countries):
            for m in measures:
                if m not in SNAPSHOTS:
                    out.append(((c, WHOLE, m), [(c, y, m) for y in years]))
    return out


def rate(numerator: Cell | None, denominator: Cell | None) -> float | None:
    """A share from shown counts only (a rate from a withheld count would give it away)."""
    if numerator is None or denominator is None or not (numerator.shown and denominator.shown):
        return None
    if not denominator.value or numerator.value is None:
        return None
    return numerator.value / denominator.value


def percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.1f}%"


# --- 'other' grounds, by the reasons given ------------------------------------------------------------

NO_REASON = N_("(no reason recorded: decided before reasons were asked for)")


REASONS_LABEL = N_("other reasons, each given fewer than %(minimum)s times")


def reasons_label(minimum: int) -> str:
    return REASONS_LABEL % {"minimum": minimum}


def other_ground_cells(reasons: Iterable[str], total: Cell, minimum: int) -> list[tuple[str, Cell]]:
    """Refusals on 'other' grounds counted by the reason written for them (case and spaces ignored),
    most frequent first. With ``minimum <= 1`` every reason is shown. Otherwise a reason is shown only when
    given ``minimum`` times or more, and only when the 'other' total itself is shown (counts under it would
    undo its suppression); the rest are one line, 'other reasons, each given fewer than N times', whose
    count is protected as any other. A reason given fewer than ``minimum`` times is never shown by its
    text: it could point at one case."""
    counts: dict[str, int] = {}
    spelling: dict[str, dict[str, int]] = {}
    for text in reasons:
        shown = " ".join(text.split()) or NO_REASON
        key = shown.casefold()
        counts[key] = counts.get(key, 0) + 1
        spelling.setdefault(key, {})
        spelling[key][shown] = spelling[key].get(shown, 0) + 1

    def word(key: str) -> str:  # the most used spelling of a reason
        return min(spelling[key].items(), key=lambda kv: (-kv[1], kv[0]))[0]

    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if minimum <= 1:
        return [(word(k), Cell(n, f"{n:,}", Suppression.SHOWN)) for k, n in ordered]
    if not total.shown or not ordered:
        return []
    out = [(word(k), Cell(n, f"{n:,}", Suppression.SHOWN)) for k, n in ordered if n >= minimum]
    rest = sum(n for _, n in ordered if n < minimum)
    if rest:
        cell = (
            Cell(rest, f"{rest:,}", Suppression.SHOWN)
            if rest >= minimum
            else Cell(None, f"<{minimum}", Suppression.BELOW_MINIMUM)
        )
        out.append((reasons_label(minimum), cell))
    return out
