"""Transparency figures and the oversight report: counted by the store, protected, framed as answers.

``figures(query, actor, uow)`` gives every figure of ``domain/figures.py`` for a period, per
requesting country and year. Who sees what:

* oversight bodies, reviewers and the CCF see the full figures (``FiguresSettings.oversight_minimum``,
  1 by default: nothing withheld);
* everyone else sees the public figures (:func:`public_figures`): counts under
  ``FiguresSettings.public_minimum`` (5 by default) withheld, with complementary suppression over the
  table of every country and year, so the public report of one country agrees with the public dashboard.

The counts come from the unit of work's figures repository (``uow.figures``: the ``FiguresRepository``
port of ``services/ports.py``, decision 0012). The settings are plain values built once at the edge
(``store.settings.figures``) and passed in: nothing here reads the environment.
"""

from __future__ import annotations

import csv
import io
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from rednotice.config import FiguresSettings as FiguresSettings  # a section of Settings
from rednotice.domain import figures as f
from rednotice.domain.errors import N_, Forbidden, InvalidInput, Text
from rednotice.domain.figures import ALL, WHOLE, Cell, Period
from rednotice.domain.users import Actor, Role
from rednotice.services.ports import FiguresRepository as FiguresRepository  # moved to ports.py
from rednotice.services.ports import UnitOfWork

FULL_ACCESS = frozenset({Role.OVERSIGHT, Role.REVIEWER, Role.CCF, Role.SYSTEM})
"""Who may see the figures without suppression (never an NCB officer: the figures of other countries).
``SYSTEM`` is the operator at the CLI, who holds the store anyway."""
DEFAULT_YEARS = 5
"""Without dates, the figures cover this many calendar years up to today."""
MAX_YEARS = 20
"""The longest period the figures are computed for (each year is a column of every table)."""
EARLIEST = date(1946, 1, 1)
"""No figures before the red notice existed (1946): earlier dates are refused, not computed."""


@dataclass(frozen=True, slots=True)
class FiguresQuery:
    country: str | None = None
    first: date | None = None
    last: date | None = None
    """Both days included; without them, the last ``DEFAULT_YEARS`` calendar years to today."""

    def period(self, today: date) -> Period:
        """The period asked for, bounded (issue 14, item 10: ``from=0001-01-01`` ran for minutes,
        ``to=9999-12-31`` failed): from ``EARLIEST`` to the end of this year, at most ``MAX_YEARS`` years."""
        latest = date(today.year, 12, 31)
        for value, name in ((self.first, "from"), (self.last, "to")):
            if value is not None and not EARLIEST <= value <= latest:
                raise InvalidInput(
                    "'%(field)s' is a day from %(first)s to %(last)s",
                    field=name,
                    first=EARLIEST.isoformat(),
                    last=latest.isoformat(),
                )
        first = self.first or date(today.year - DEFAULT_YEARS + 1, 1, 1)
        last = self.last or (today if not self.first else max(today, first))
        if last < first:
            raise InvalidInput(
                "'from' (%(first)s) is after 'to' (%(last)s)",
                field="from",
                first=first.isoformat(),
                last=last.isoformat(),
            )
        period = Period.between(first, last)
        if len(period.years()) > MAX_YEARS:
            raise InvalidInput("a period covers at most %(max)s calendar years", field="from", max=MAX_YEARS)
        return period

    def checked_country(self) -> str | None:
        if self.country is None or self.country == "":
            return None
        cc = self.country.strip().upper()
        if len(cc) != 2 or not cc.isalpha():
            raise InvalidInput("country is an ISO 3166 alpha-2 code, such as FR", field="country")
        return cc


@dataclass(slots=True)
class Figures:
    period: Period
    minimum: int
    generated_at: datetime
    countries: list[str]
    years: list[int]
    cells: dict[tuple[str, int, str], Cell]
    country: str | None = None
    """The country the figures were asked for (others may be present for the totals)."""
    as_of: datetime | None = None
    """Public figures: the instant they describe (the closed period's end): notices in force then, and
    what had become of each event by then. None: as of ``generated_at`` (the full figures)."""
    other_grounds: dict[str, list[tuple[str, Cell]]] = field(default_factory=dict)
    """Per country (and ``ALL``), the refusals on 'other' grounds over the whole period by the reason
    given, protected as the figures are (``domain.figures.other_ground_cells``)."""

    @property
    def snapshot_day(self) -> date | None:
        """The day notices in force are counted on, when it is not today (the closed period's last day)."""
        return (self.as_of - timedelta(days=1)).date() if self.as_of else None

    def label(self, measure: str) -> str:
        """A measure's label, 'In force today' saying the day it is counted on for the public figures."""
        text = f.LABELS[measure]
        day = self.snapshot_day
        return text.replace("today", f"on {day.isoformat()}") if day and measure in f.SNAPSHOTS else text

    def cell(self, country: str, measure: str, year: int = WHOLE) -> Cell:
        return self.cells.get((country, year, measure)) or Cell(0, "0", f.Suppression.SHOWN)

    def value(self, country: str, measure: str, year: int = WHOLE) -> int | None:
        return self.cell(country, measure, year).value

    def refusal_rate(self, country: str, year: int = WHOLE) -> float | None:
        return f.rate(self.cell(country, "refused.total", year), self.cell(country, "decisions", year))

    @property
    def scope(self) -> list[str]:
        """The countries shown: the one asked for, or every country and the total."""
        if self.country:
            return [self.country]
        return [ALL, *self.countries]

    def rows(self) -> Iterable[dict[str, Any]]:
        """One line per country, year (or the whole period) and measure: the CSV form."""
        for c in self.scope:
            for y in [WHOLE, *self.years]:
                for m in f.MEASURES:
                    if m.snapshot and y != WHOLE:
                        continue
                    cell = self.cell(c, m.key, y)
                    yield {
                        "country": "all" if c == ALL else ("unlinked" if c == f.UNLINKED else c),
                        "period": self.period.label if y == WHOLE else str(y),
                        "from": self.period.start.isoformat()
                        if y == WHOLE
                        else max(self.period.start, date(y, 1, 1)).isoformat(),
                        "to": self.period.last.isoformat()
                        if y == WHOLE
                        else min(self.period.last, date(y, 12, 31)).isoformat(),
                        "measure": m.key,
                        "label": self.label(m.key),
                        "value": "" if cell.value is None else cell.value,
                        "text": cell.text,
                        "suppressed": "" if cell.shown else cell.suppression.value,
                    }

    def other_rows(self) -> Iterable[dict[str, Any]]:
        """The 'other' grounds by reason, one CSV line each (measure ``refused.ground.other.reason``)."""
        for c in self.scope:
            for reason, cell in self.other_grounds.get(c, []):
                yield {
                    "country": "all" if c == ALL else ("unlinked" if c == f.UNLINKED else c),
                    "period": self.period.label,
                    "from": self.period.start.isoformat(),
                    "to": self.period.last.isoformat(),
                    "measure": "refused.ground.other.reason",
                    "label": f"Refused on other grounds: {reason}",
                    "value": "" if cell.value is None else cell.value,
                    "text": cell.text,
                    "suppressed": "" if cell.shown else cell.suppression.value,
                }

    def to_csv(self) -> str:
        buf = io.StringIO()
        fields = ["country", "period", "from", "to", "measure", "label", "value", "text", "suppressed"]
        writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for row in self.rows():
            writer.writerow(row)
        for row in self.other_rows():
            writer.writerow(row)
        return buf.getvalue()

    def to_dict(self) -> dict[str, Any]:
        def block(c: str, y: int) -> dict[str, Any]:
            out: dict[str, Any] = {
                m.key: self.cell(c, m.key, y).to_dict() for m in f.MEASURES if not (m.snapshot and y != WHOLE)
            }
            r = self.refusal_rate(c, y)
            out["refusal_rate"] = None if r is None else round(r, 4)
            return out

        return {
            "period": {
                "from": self.period.start.isoformat(),
                "to": self.period.last.isoformat(),
                "label": self.period.label,
            },
            "generated_at": self.generated_at.isoformat(),
            "minimum": self.minimum,
            "suppression": (
                f"counts from 1 to {self.minimum - 1} are shown as '<{self.minimum}' (value null); "
                f"'{f.COMPLEMENTARY_TEXT}' marks a count withheld so that another cannot be worked out "
                "from a total"
                if self.minimum > 1
                else "none: full figures"
            ),
            "in_force_as_of": (self.as_of or self.generated_at).isoformat(),
            "measures": {m.key: self.label(m.key) for m in f.MEASURES},
            "countries": {
                ("all" if c == ALL else c): {
                    "period": block(c, WHOLE),
                    "years": {str(y): block(c, y) for y in self.years},
                    "other_grounds": [
                        {"reason": reason, **cell.to_dict()} for reason, cell in self.other_grounds.get(c, [])
                    ],
                }
                for c in self.scope
            },
        }


def _fill(
    raw: dict[tuple[str, int, str], int], years: list[int], with_total: bool
) -> tuple[list[str], dict[tuple[str, int, str], int]]:
    """Every (country, year, measure) with zeros filled in, the whole period summed from the years and the
    all-countries total summed from the countries (CCF cases come counted once from the store)."""
    countries = sorted({c for c, _, _ in raw if c != ALL})
    counts: dict[tuple[str, int, str], int] = {}
    events = [m for m in f.MEASURE_KEYS if m not in f.SNAPSHOTS]
    for c in [*countries, *([ALL] if with_total else [])]:
        for m in events:
            whole = 0
            for y in years:
                v = raw.get((c, y, m), 0)
                counts[(c, y, m)] = v
                whole += v
            counts[(c, WHOLE, m)] = whole
        for m in f.SNAPSHOTS:
            counts[(c, WHOLE, m)] = raw.get((c, WHOLE, m), 0)
    if with_total:
        sums: dict[tuple[int, str], int] = defaultdict(int)
        for (c, y, m), v in counts.items():
            if c != ALL and m not in f.NOT_SUMMED_OVER_COUNTRIES:
                sums[(y, m)] += v
        for (y, m), v in sums.items():
            counts[(ALL, y, m)] = v
    return countries, counts


def _compute(
    uow: UnitOfWork,
    period: Period,
    country: str | None,
    minimum: int,
    closed: bool = False,
) -> Figures:
    """The figures of a period; ``closed``: as of the period's end (what happened after it, and the
    notices in force today, do not count)."""
    start = datetime.combine(period.start, time(), UTC)
    end = datetime.combine(period.end, time(), UTC)
    with uow:
        now = uow.clock()
        repo = uow.figures
        raw = (
            repo.counts(start, end, end, country, in_force_as_of=end)
            if closed
            else repo.counts(start, end, now, country)
        )
        reasons = repo.other_grounds(start, end, country)
    years = period.years()
    countries, counts = _fill(raw, years, with_total=country is None)
    if country and country not in countries:
        countries.append(country)
        for m in f.MEASURE_KEYS:
            for y in [WHOLE] if m in f.SNAPSHOTS else [WHOLE, *years]:
                counts.setdefault((country, y, m), 0)
    groups = f.figure_groups(countries, years) if country is None else _country_groups(country, years)
    cells = f.suppress(counts, groups, minimum)
    by_country: dict[str, list[str]] = defaultdict(list)
    for c, text in reasons:
        by_country[c].append(text)
        if country is None:
            by_country[ALL].append(text)
    other = {
        c: f.other_ground_cells(texts, cells[(c, WHOLE, "refused.ground.other")], minimum)
        for c, texts in by_country.items()
        if (c, WHOLE, "refused.ground.other") in cells
    }
    return Figures(period, minimum, now, countries, years, cells, country, end if closed else None, other)


def _country_groups(country: str, years: list[int]) -> list[Any]:
    groups = [g for g in f.figure_groups([country], years) if g[0][0] == country]
    return groups


def figures(
    query: FiguresQuery,
    actor: Actor,
    uow: UnitOfWork,
    settings: FiguresSettings | None = None,
) -> Figures:
    """The full figures, for oversight bodies, reviewers and the CCF. Without ``settings``, the defaults
    (never the environment: the edge passes ``store.settings.figures``)."""
    if actor.role not in FULL_ACCESS:
        raise Forbidden("the full figures are for oversight bodies, reviewers and the CCF")
    settings = settings or FiguresSettings()
    country = query.checked_country()
    period = query.period(uow.clock().date())
    return _compute(uow, period, country, settings.oversight_minimum)


PUBLIC_LAG_DAYS = 30
"""A quarter is published once it has been closed this long (late records, decisions at its end)."""


def closed_period(today: date) -> Period:
    """The one period the public figures cover: the ``DEFAULT_YEARS`` calendar years up to the end of the
    last calendar quarter closed at least ``PUBLIC_LAG_DAYS`` days ago. It changes four times a year, so
    every public answer in a quarter is cut from the same table: no two windows to subtract, and no count
    that moves with today's filing, decision or deletion (issue 14, item 4)."""
    ref = today - timedelta(days=PUBLIC_LAG_DAYS)
    quarter_start = date(ref.year, 3 * ((ref.month - 1) // 3) + 1, 1)
    last = quarter_start - timedelta(days=1)
    return Period.between(date(last.year - DEFAULT_YEARS + 1, 1, 1), last)


class PublicFiguresCache:
    """The public table of the closed period, computed once and kept (issue 14, item 10: a public page
    never recounts). Keyed by the period (and the minimum): when the next quarter closes the period
    changes, the old table is dropped and the new one computed at the first request; ``clear()`` drops it
    on demand. Nothing else invalidates it: the table is as of the period's end, so later events do not
    change it. One computation at a time: concurrent first requests wait for it instead of each counting."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._period: Period | None = None
        self._tables: dict[int, Figures] = {}
        self.computed = 0
        """How many tables were computed (tests and the benchmark read it)."""

    def table(self, period: Period, minimum: int, compute: Callable[[], Figures]) -> Figures:
        with self._lock:
            if period != self._period:
                self._period, self._tables = period, {}
            table = self._tables.get(minimum)
            if table is None:
                table = self._tables[minimum] = self._fill(period, minimum, compute)
            return table

    def _fill(self, period: Period, minimum: int, compute: Callable[[], Figures]) -> Figures:
        """The table this process does not hold yet (under the lock): here, counted."""
        self.computed += 1
        return compute()

    def clear(self) -> None:
        with self._lock:
            self._period, self._tables = None, {}


def public_figures(
    query: FiguresQuery,
    uow: UnitOfWork,
    settings: FiguresSettings | None = None,
    cache: PublicFiguresCache | None = None,
) -> Figures:
    """The public figures: the closed period only (``from``/``to`` are checked, not followed), as of its
    end, small counts withheld across the whole table, then the country sliced out. With a ``cache``, the
    table is counted once per closed period."""
    settings = settings or FiguresSettings()
    country = query.checked_country()
    today = uow.clock().date()
    query.period(today)  # the bounds still apply: a bad date is refused, not ignored
    period = closed_period(today)

    def compute() -> Figures:
        return _compute(uow, period, None, settings.public_minimum, closed=True)

    full = cache.table(period, settings.public_minimum, compute) if cache else compute()
    if not country:
        return full
    cells = full.cells
    if country not in full.countries:  # a copy: the cached table is shared by every request
        cells = dict(cells)
        for m in f.MEASURE_KEYS:
            for y in [WHOLE] if m in f.SNAPSHOTS else [WHOLE, *full.years]:
                cells[(country, y, m)] = Cell(0, "0", f.Suppression.SHOWN)
    return replace(full, country=country, cells=cells)


# --- the oversight report: the figures as answers -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    cell: Cell


@dataclass(frozen=True, slots=True)
class Chart:
    title: str
    desc: str
    bars: list[Bar]
    unit: str = "count"
    """``count`` or ``percent`` (then each bar's value is a share from 0 to 1, or None)."""
    rates: list[float | None] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Section:
    """One question of the report. ``question`` and each chart's ``title`` are ``errors.Text``: English as
    strings (CSV, JSON), in the reader's language with ``label()`` (web/oversight.py: in_reader_words)."""

    id: str
    question: str
    answer: str
    rows: list[Bar]
    charts: list[Chart]


class Count(str):
    """A count in an answer: its printed text ('12', '<5', '[c]') as a string, and the cell, so that a page
    writes its digits the reader's way (web/oversight.py: in_reader_words)."""

    cell: Cell

    def __new__(cls, cell: Cell) -> Count:
        count = super().__new__(cls, cell.text)
        count.cell = cell
        return count


class PeriodWords(str):
    """The period in an answer: its English label as a string, the period itself for a page."""

    period: Period

    def __new__(cls, period: Period) -> PeriodWords:
        words = super().__new__(cls, period.label)
        words.period = period
        return words


class Day(str):
    """A day in an answer: ISO 8601 as a string, the date for a page."""

    day: date

    def __new__(cls, day: date) -> Day:
        text = super().__new__(cls, day.isoformat())
        text.day = day
        return text


class Rate(str):
    """A share in an answer: "12.5%" (or "n/a") as a string, the share for a page."""

    rate: float | None

    def __new__(cls, rate: float | None) -> Rate:
        text = super().__new__(cls, f.percent(rate))
        text.rate = rate
        return text


def _on(fig: Figures) -> Text:
    day = fig.snapshot_day
    return Text(N_("on %(day)s"), day=Day(day)) if day else Text(N_("today"))


def _t(fig: Figures, c: str, m: str, y: int = WHOLE) -> Count:
    return Count(fig.cell(c, m, y))


def _bars(fig: Figures, c: str, keys: Iterable[str], labels: dict[str, str] | None = None) -> list[Bar]:
    labels = labels or {}
    return [Bar(labels.get(k, fig.label(k)), fig.cell(c, k)) for k in keys]


def _other_answer(fig: Figures, c: str) -> str:
    """The most frequent 'other' reasons, as reviewers wrote them, with their counts: "; " between them,
    "…" when there are more (language-neutral: the reasons are the reviewers' own words)."""
    reasons = fig.other_grounds.get(c, [])
    if not reasons:
        return ""
    parts = [Text("%(reason)s: %(count)s", reason=reason, count=Count(cell)) for reason, cell in reasons[:5]]
    if len(reasons) > 5:
        parts.append(Text("…"))
    return Text(" (%(reasons)s)", reasons=Text.joined("; ", parts))


def _other_chart(fig: Figures, c: str, who: str) -> list[Chart]:
    """'Other grounds' by the reason the reviewer wrote (issue 16, item 13: a figure is only as good as its
    grounds). Reasons given fewer times than the public minimum are one line, never shown by their text."""
    reasons = fig.other_grounds.get(c, [])
    if not reasons:
        return []
    return [
        Chart(
            Text(N_("Other grounds, by the reason given, %(who)s"), who=who),
            Text(
                N_(
                    "Refusals on other grounds in %(period)s, counted by the reason the reviewer wrote; "
                    "reasons given fewer than %(minimum)s times are counted together."
                ),
                period=PeriodWords(fig.period),
                minimum=fig.minimum,
            )
            if fig.minimum > 1
            else Text(
                N_("Refusals on other grounds in %(period)s, counted by the reason the reviewer wrote."),
                period=PeriodWords(fig.period),
            ),
            [Bar(reason, cell) for reason, cell in reasons],
        )
    ]


def report(fig: Figures, country: str, country_name: str) -> list[Section]:
    """The questions an oversight body asks about one requesting country, answered from the figures."""
    c, who, p = country, country_name, PeriodWords(fig.period)
    out: list[Section] = []

    rate = Rate(fig.refusal_rate(c))
    year_rates = [fig.refusal_rate(c, y) for y in fig.years]
    out.append(
        Section(
            "requests",
            Text(N_("How many notices did %(who)s ask for, and what became of them?"), who=who),
            Text(
                N_(
                    "%(requests)s requests in %(period)s (%(red)s red notices, %(diffusions)s diffusions). "
                    "Of %(decisions)s review decisions, %(refused)s were refusals (refusal rate %(rate)s). "
                    "In force %(on)s: %(in_force)s (%(public)s with a public extract)."
                ),
                requests=_t(fig, c, "requests.total"),
                period=p,
                red=_t(fig, c, "requests.red_notice"),
                diffusions=_t(fig, c, "requests.wanted_person_diffusion"),
                decisions=_t(fig, c, "decisions"),
                refused=_t(fig, c, "refused.total"),
                rate=rate,
                on=_on(fig),
                in_force=_t(fig, c, "in_force.total"),
                public=_t(fig, c, "in_force.public"),
            ),
            _bars(
                fig,
                c,
                [
                    "requests.red_notice",
                    "requests.wanted_person_diffusion",
                    "published",
                    "cleared",
                    "refused.total",
                    "withdrawn",
                    "cancelled",
                    "expired",
                    "deleted.total",
                    "in_force.total",
                    "in_force.public",
                    "in_force.restricted",
                ],
            ),
            [
                Chart(
                    Text(N_("Refusal rate by year, %(who)s"), who=who),
                    Text(
                        N_(
                            "Share of review decisions on %(who)s's requests that were refusals, per year of "
                            "%(period)s. Years with a withheld count have no bar."
                        ),
                        who=who,
                        period=p,
                    ),
                    [Bar(str(y), fig.cell(c, "refused.total", y)) for y in fig.years],
                    unit="percent",
                    rates=year_rates,
                ),
                Chart(
                    Text(N_("Requests by year, %(who)s"), who=who),
                    Text(
                        N_("Red notice requests and diffusions %(who)s sent, per year of %(period)s."),
                        who=who,
                        period=p,
                    ),
                    [Bar(str(y), fig.cell(c, "requests.total", y)) for y in fig.years],
                ),
            ],
        )
    )
    kinds = [f"requests.iccs.{k}" for k in (*f.ICCS_SECTIONS, "none")]
    kind_labels = {f"requests.iccs.{k}": f"{k} {label}" for k, label in f.ICCS_SECTION_LABELS.items()}
    kind_labels["requests.iccs.none"] = "not placed in the ICCS"
    out.append(
        Section(
            "crimes",
            Text(N_("What kinds of crime does %(who)s use notices for?"), who=who),
            Text(
                N_(
                    "The charges of %(who)s's %(requests)s requests in %(period)s, by section of the UN's "
                    "International Classification of Crime for Statistical Purposes (ICCS, UNODC 2015). A "
                    "request with charges in two sections counts in both."
                ),
                who=who,
                requests=_t(fig, c, "requests.total"),
                period=p,
            ),
            _bars(fig, c, kinds, kind_labels),
            [
                Chart(
                    Text(N_("Requests by kind of crime, %(who)s"), who=who),
                    Text(N_("ICCS sections of the charges, %(period)s."), period=p),
                    _bars(fig, c, kinds, kind_labels),
                )
            ],
        )
    )
    grounds = [f"refused.ground.{g}" for g in f.GROUNDS]
    out.append(
        Section(
            "refusals",
            Text(N_("How many requests were refused as political, and on what grounds?")),
            Text(
                N_(
                    "%(refused)s refused or purged in %(period)s: %(art3)s under Article 3 (political, "
                    "military, religious or racial character), %(art2)s under Article 2 (human rights), "
                    "%(refugee)s under the refugee policy, %(other)s on other grounds%(reasons)s. A refusal "
                    "may rest on several grounds."
                ),
                refused=_t(fig, c, "refused.total"),
                period=p,
                art3=_t(fig, c, "refused.ground.art3"),
                art2=_t(fig, c, "refused.ground.art2"),
                refugee=_t(fig, c, "refused.ground.refugee"),
                other=_t(fig, c, "refused.ground.other"),
                reasons=_other_answer(fig, c),
            ),
            _bars(fig, c, grounds, {k: f.GROUND_LABELS[k.rsplit(".", 1)[1]] for k in grounds}),
            [
                Chart(
                    Text(N_("Refusals by ground, %(who)s"), who=who),
                    Text(
                        N_(
                            "Requests from %(who)s refused or purged in %(period)s, by ground (a refusal may "
                            "count under several grounds)."
                        ),
                        who=who,
                        period=p,
                    ),
                    _bars(fig, c, grounds, {k: f.GROUND_LABELS[k.rsplit(".", 1)[1]] for k in grounds}),
                ),
                *_other_chart(fig, c, who),
            ],
        )
    )
    kinds = [f"harassment.kind.{k}" for k in f.HARM_KINDS]
    out.append(
        Section(
            "harassment",
            Text(N_("Has harassment of relatives been reported, and was it examined?")),
            Text(
                N_(
                    "%(total)s harassment reports about people named in %(who)s's notices in %(period)s; "
                    "%(examined)s examined by a reviewer, %(waiting)s awaiting examination."
                ),
                total=_t(fig, c, "harassment.total"),
                who=who,
                period=p,
                examined=_t(fig, c, "harassment.examined"),
                waiting=_t(fig, c, "harassment.not_examined"),
            ),
            _bars(fig, c, ["harassment.total", "harassment.examined", "harassment.not_examined", *kinds]),
            [
                Chart(
                    Text(N_("Harassment reported, by kind, %(who)s"), who=who),
                    Text(
                        N_(
                            "What reports said happened to the person or their relatives, %(period)s (a "
                            "report may name several kinds)."
                        ),
                        period=p,
                    ),
                    _bars(fig, c, kinds),
                )
            ],
        )
    )
    positions = [f"positions.kind.{k}" for k in f.POSITION_KINDS]
    out.append(
        Section(
            "concerns",
            Text(N_("Have concerns been raised by other countries?")),
            Text(
                N_(
                    "%(total)s positions recorded by other countries on %(who)s's notices in %(period)s: "
                    "%(concerns)s concerns, %(objections)s objections, %(refused)s refused extraditions."
                ),
                total=_t(fig, c, "positions.total"),
                who=who,
                period=p,
                concerns=_t(fig, c, "positions.kind.concern"),
                objections=_t(fig, c, "positions.kind.objection"),
                refused=_t(fig, c, "positions.kind.extradition_refused"),
            ),
            _bars(fig, c, ["positions.total", *positions]),
            [
                Chart(
                    Text(N_("Positions of other countries, %(who)s"), who=who),
                    Text(N_("By kind, %(period)s."), period=p),
                    _bars(fig, c, positions),
                )
            ],
        )
    )
    outcomes = [f"hits.outcome.{o}" for o in (*f.HIT_OUTCOMES, "none")]
    safeguards = [
        "blocked",
        "deleted.ccf",
        "deleted.reviewer",
        "deleted.system",
        "refugee.confirmed",
        "positions.kind.extradition_refused",
        "positions.kind.no_action",
    ]
    out.append(
        Section(
            "safeguards",
            Text(N_("What safeguards applied when a located person faced extradition?")),
            Text(
                N_(
                    "Screening found %(hits)s hits on %(who)s's notices in %(period)s; %(located)s people "
                    "were located and %(detained)s detained under national law. Other countries refused "
                    "extradition %(refused)s times; %(blocked)s notices were blocked pending a challenge, "
                    "%(ccf)s deleted by the CCF and %(refugees)s refugee statuses confirmed against %(who)s."
                ),
                hits=_t(fig, c, "hits.total"),
                who=who,
                period=p,
                located=_t(fig, c, "hits.outcome.located"),
                detained=_t(fig, c, "hits.outcome.detained_under_national_law"),
                refused=_t(fig, c, "positions.kind.extradition_refused"),
                blocked=_t(fig, c, "blocked"),
                ccf=_t(fig, c, "deleted.ccf"),
                refugees=_t(fig, c, "refugee.confirmed"),
            ),
            _bars(fig, c, ["hits.total", *outcomes, *safeguards]),
            [
                Chart(
                    Text(N_("What followed a hit, %(who)s"), who=who),
                    Text(N_("Outcomes of screening hits, %(period)s."), period=p),
                    _bars(fig, c, outcomes),
                )
            ],
        )
    )
    states = [f"ccf.state.{s}" for s in f.CCF_STATES]
    deadlines = [f"ccf.deadline.{s}" for s in f.DEADLINE_STATES]
    out.append(
        Section(
            "ccf",
            Text(N_("Are requests to the CCF decided, and are its deadlines kept?")),
            Text(
                N_(
                    "%(total)s requests to the CCF about %(who)s's notices in %(period)s; %(deleted)s ended "
                    "with the data deleted. Decision deadlines: %(met)s kept, %(late)s decided late, "
                    "%(overdue)s overdue, %(running)s running."
                ),
                total=_t(fig, c, "ccf.total"),
                who=who,
                period=p,
                deleted=_t(fig, c, "ccf.state.deleted"),
                met=_t(fig, c, "ccf.deadline.met"),
                late=_t(fig, c, "ccf.deadline.met_late"),
                overdue=_t(fig, c, "ccf.deadline.overdue"),
                running=_t(fig, c, "ccf.deadline.pending"),
            ),
            _bars(fig, c, ["ccf.total", *(f"ccf.kind.{k}" for k in f.CCF_KINDS), *states, *deadlines]),
            [
                Chart(
                    Text(N_("CCF decision deadlines, %(who)s"), who=who),
                    Text(N_("Requests to the CCF, %(period)s."), period=p),
                    _bars(fig, c, deadlines),
                ),
                Chart(
                    Text(N_("CCF requests by outcome, %(who)s"), who=who),
                    Text(N_("Requests to the CCF, %(period)s."), period=p),
                    _bars(fig, c, states),
                ),
            ],
        )
    )
    return out


def dashboard_charts(fig: Figures) -> list[Chart]:
    """At a glance: refusal rates over time, by ground, and by country."""
    years = fig.years
    grounds = [f"refused.ground.{g}" for g in f.GROUNDS]
    by_country = sorted(
        (c for c in fig.countries if c != f.UNLINKED),
        key=lambda c: -(fig.value(c, "decisions") or 0),
    )
    return [
        Chart(
            Text(N_("Refusal rate by year, all countries")),
            Text(
                N_("Share of review decisions that were refusals or purges, per year of %(period)s."),
                period=PeriodWords(fig.period),
            ),
            [Bar(str(y), fig.cell(ALL, "refused.total", y)) for y in years],
            unit="percent",
            rates=[fig.refusal_rate(ALL, y) for y in years],
        ),
        Chart(
            Text(N_("Refusals by ground, all countries")),
            Text(
                N_("Requests refused or purged in %(period)s, by ground (a refusal may have several)."),
                period=PeriodWords(fig.period),
            ),
            _bars(fig, ALL, grounds, {k: f.GROUND_LABELS[k.rsplit(".", 1)[1]] for k in grounds}),
        ),
        *_other_chart(fig, ALL, Text(N_("all countries"))),
        Chart(
            Text(N_("Refusal rate by requesting country")),
            Text(
                N_(
                    "Share of review decisions that were refusals, %(period)s; countries with a withheld "
                    "count have no bar."
                ),
                period=PeriodWords(fig.period),
            ),
            [Bar(c, fig.cell(c, "refused.total")) for c in by_country],
            unit="percent",
            rates=[fig.refusal_rate(c) for c in by_country],
        ),
    ]
