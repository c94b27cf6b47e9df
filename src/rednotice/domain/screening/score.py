"""Scoring a traveller against one notice: explained features combined into a score in [0, 1].

The matcher is data (style.md item 6): :data:`FEATURES` is an ordered list of (feature, weight), each
feature returns a value in [-3, 1] and a readable reason; the score is the weighted sum, clamped to
[0, 1]. A hit needs the score to reach :attr:`ScoreSettings.threshold` *and* the names to be at least
:attr:`ScoreSettings.min_name` alike: nothing but a name makes a hit.

Why the default weights hold the promises of the issue:

* a perfect name alone scores 0.85, above the 0.75 threshold: a missing birth date never hides a hit;
* a birth date more than :attr:`ScoreSettings.far_years` years away scores -3 x 0.15 = -0.45, so even a
  perfect name with the same nationality and sex stays below the threshold (0.85 - 0.45 + 0.05 + 0.03);
* birth dates that cannot be the same day, other than by a typing slip (day and month swapped; at the
  complete dates, one digit wrong or two adjacent digits swapped), score -2 x 0.15 = -0.30: a
  namesake born on another day is not a hit, even with the same nationality and sex (0.85 - 0.30 +
  0.05 + 0.03 = 0.63). A partial date (the year, or year and month) that fits the other counts for the
  match (0.6), a slip between complete dates a little (0.4);
* an exact birth date adds 0.15, so a name at 0.8 (two parts that only sound alike) is a hit with it
  and not without it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from rednotice.domain.dates import PartialDate
from rednotice.domain.model import Sex
from rednotice.domain.screening.names import NameMatch


@dataclass(frozen=True, slots=True)
class ScoreSettings:
    """Tunables of the matcher, each with what it does."""

    threshold: float = 0.75
    """A score at or above this is a hit."""
    min_name: float = 0.8
    """The names must be at least this alike for a hit, whatever the other features say."""
    far_years: float = 2.0
    """Birth dates further apart than this (in years, between the closest days the partial dates allow)
    rule the match out."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """What a feature compares: the name comparison already made, and both sides' other facts."""

    name: NameMatch
    name_shown: str
    query_birth: PartialDate | None
    notice_birth: PartialDate | None
    query_nationality: str | None
    notice_nationalities: tuple[str, ...]
    query_sex: Sex | None
    notice_sex: Sex


@dataclass(frozen=True, slots=True)
class Feature:
    value: float
    reason: str


Scorer = Callable[[Evidence, ScoreSettings], Feature]


def name_feature(e: Evidence, s: ScoreSettings) -> Feature:
    return Feature(e.name.score, f"name {e.name.score:.2f} against {e.name_shown!r}: {e.name.explain()}")


def _years_apart(a: PartialDate, b: PartialDate) -> float:
    if a.earliest() <= b.latest() and b.earliest() <= a.latest():
        return 0.0
    gap = (b.earliest() - a.latest()) if a.latest() < b.earliest() else (a.earliest() - b.latest())
    return gap.days / 365.25


def _typing_slip(a: PartialDate, b: PartialDate) -> bool:
    """Two complete dates one digit of YYYYMMDD apart, or with two adjacent digits swapped (1975-03-12 /
    1957-03-12 / 1975-03-21). Not for partial dates: any two years of one decade are a digit apart."""
    if not (a.is_complete and b.is_complete):
        return False
    x, y = a.iso().replace("-", ""), b.iso().replace("-", "")
    diff = [i for i in range(len(x)) if x[i] != y[i]]
    if len(diff) == 1:
        return True
    return len(diff) == 2 and diff[1] == diff[0] + 1 and x[diff[0]] == y[diff[1]] and x[diff[1]] == y[diff[0]]


def birth_date_feature(e: Evidence, s: ScoreSettings) -> Feature:
    q, n = e.query_birth, e.notice_birth
    if q is None or n is None:
        side = "traveller's" if q is None else "notice's"
        return Feature(0.0, f"birth date: the {side} is not known, so it neither helps nor rules out")
    if q.is_complete and n.is_complete:
        if q == n:
            return Feature(1.0, f"birth date: same day ({n.iso()})")
        if q.year == n.year and q.month == n.day and q.day == n.month:
            return Feature(0.7, f"birth date: {q.iso()} is {n.iso()} with day and month swapped")
    apart = _years_apart(q, n)
    if apart == 0.0:
        return Feature(0.6, f"birth date: {q.iso()} fits {n.iso()} (one of them is partial)")
    if _typing_slip(q, n):
        return Feature(0.4, f"birth date: {q.iso()} is {n.iso()} mistyped (a digit wrong or two swapped)")
    if apart <= s.far_years:
        return Feature(
            -2.0,
            f"birth date: {q.iso()} vs {n.iso()}, different dates and not a typing slip: "
            "not the same person unless one of them is wrong",
        )
    return Feature(-3.0, f"birth date: {q.iso()} vs {n.iso()}, {apart:.0f} years apart: not the same person")


def nationality_feature(e: Evidence, s: ScoreSettings) -> Feature:
    if not e.query_nationality or not e.notice_nationalities:
        return Feature(0.0, "")
    if e.query_nationality in e.notice_nationalities:
        return Feature(1.0, f"nationality: {e.query_nationality} on both")
    held = ", ".join(e.notice_nationalities)
    return Feature(-1.0, f"nationality: traveller {e.query_nationality}, notice {held}")


def sex_feature(e: Evidence, s: ScoreSettings) -> Feature:
    if e.query_sex in (None, Sex.UNKNOWN) or e.notice_sex is Sex.UNKNOWN:
        return Feature(0.0, "")
    if e.query_sex == e.notice_sex:
        return Feature(1.0, f"sex: {e.notice_sex.value} on both")
    assert e.query_sex is not None
    return Feature(-1.0, f"sex: traveller {e.query_sex.value}, notice {e.notice_sex.value}")


FEATURES: tuple[tuple[Scorer, float], ...] = (
    (name_feature, 0.85),
    (birth_date_feature, 0.15),
    (nationality_feature, 0.05),
    (sex_feature, 0.03),
)
"""The matcher: ordered (feature, weight). Weights are explained in the module docstring."""


@dataclass(frozen=True, slots=True)
class Verdict:
    score: float
    hit: bool
    reasons: tuple[str, ...] = field(default_factory=tuple)


def combine(
    evidence: Evidence, settings: ScoreSettings, features: Sequence[tuple[Scorer, float]] = FEATURES
) -> Verdict:
    """Weighted sum of the features, clamped to [0, 1]; the reasons of every feature that said something."""
    total = 0.0
    reasons: list[str] = []
    for fn, weight in features:
        f = fn(evidence, settings)
        total += weight * f.value
        if f.reason:
            reasons.append(f.reason)
    score = round(min(1.0, max(0.0, total)), 4)
    hit = score >= settings.threshold and evidence.name.score >= settings.min_name
    if evidence.name.score < settings.min_name:
        reasons.append(f"names too different ({evidence.name.score:.2f} < {settings.min_name})")
    return Verdict(score, hit, tuple(reasons))
