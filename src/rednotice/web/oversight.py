"""Oversight and transparency: the figures as pages (with SVG charts), a PDF, CSV and JSON.

* ``/oversight`` and ``/oversight/countries/{CC}`` (+ ``/report.pdf|csv|json``): the full figures, for
  oversight bodies, reviewers and the CCF;
* ``/transparency`` and ``/transparency/countries/{CC}`` (+ downloads): the public figures, small counts
  withheld (``FiguresSettings.public_minimum``);
* ``GET /api/v1/figures`` (signed in: oversight, reviewer, CCF) and ``GET /transparency/v1/figures``
  (public), with ``country``, ``from``, ``to`` and ``format=json|csv``.

Pages reuse the layout and conventions of ``web/pages.py`` (autoescaped templates extending ``base.html``,
security headers, sign-in redirect). Charts are server-rendered SVG with a title, a ``<desc>`` and the data
table beside them; no script.
"""

from __future__ import annotations

import hashlib
import inspect
import io
import re
from dataclasses import replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import Annotated, Any
from xml.sax.saxutils import escape

from fastapi import APIRouter, Depends, Query, Request
from pydantic import ConfigDict, Field, create_model
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse, Response

from rednotice.adapters.countries import is_country, name_of
from rednotice.adapters.db import figures as db_figures
from rednotice.adapters.db import migrate
from rednotice.bootstrap import Store
from rednotice.domain import figures as f
from rednotice.domain.errors import N_, InvalidInput, NotFound, Text
from rednotice.domain.users import Actor
from rednotice.services import figures as fs
from rednotice.services.figures_tables import StoredPublicFiguresCache
from rednotice.web import i18n, pages, rtl
from rednotice.web.api import ERRORS, PUBLIC_ERRORS, Out
from rednotice.web.deps import CurrentActor, StoreDep
from rednotice.web.i18n import _
from rednotice.web.pages.deps import MaybeActor, role

router = APIRouter()

CHART_WIDTH = 640
LABEL_WIDTH = 230
BAR_AREA = 300
ROW = 26


def get_settings(request: Request) -> fs.FiguresSettings:
    """``settings.figures`` of the one ``Settings``, built at start-up (a bad minimum stops it there) and
    set on the app by ``create_app`` (``web/app.py``)."""
    settings = request.app.state.figures_settings
    assert isinstance(settings, fs.FiguresSettings), "create_app sets app.state.figures_settings"
    return settings


SettingsDep = Annotated[fs.FiguresSettings, Depends(get_settings)]


def figures_version() -> str:
    """What a stored public table was counted under (``services/figures_tables.py``): a digest of the
    modules that count and protect the figures and of the schema's migration head. A release that changes
    either counts each closed period once more; nothing else does."""
    global _version
    if _version is None:
        digest = hashlib.sha256((migrate.head() or "").encode())
        for module in (f, fs, db_figures):
            digest.update(Path(inspect.getfile(module)).read_bytes())
        _version = digest.hexdigest()[:16]
    return _version


_version: str | None = None


def public_cache(app: Any) -> fs.PublicFiguresCache:
    """The public table of the closed period, kept on the app and, behind it, in the store for every
    process (``services.figures_tables.StoredPublicFiguresCache``; an app without a store: in the process
    only, ``services.figures.PublicFiguresCache``)."""
    cache = getattr(app.state, "public_figures_cache", None)
    if not isinstance(cache, fs.PublicFiguresCache):
        store = getattr(app.state, "store", None)
        if isinstance(store, Store):
            cache = StoredPublicFiguresCache(store.replica, store.uow, figures_version())
        else:
            cache = fs.PublicFiguresCache()
        app.state.public_figures_cache = cache
    return cache


def warm_public_figures(app: Any, store: Store) -> fs.Figures:
    """Count the public table of the closed period into the app's cache (``public_cache``), or read it
    from the store when another process counted it, so that no public page counts: called by the
    server's background thread at start-up and every ``WARM_EVERY`` seconds after (a no-op while the
    quarter's table is kept; the first call after a quarter closes counts the new one). On the read
    replica when one is configured, like every figures page."""
    return _public(store, fs.FiguresQuery(), store.settings.figures, public_cache(app))


WARM_EVERY = 600.0
"""How often the background thread checks that the public table of the closed period is counted."""


def _query(country: str | None, first: str | None, last: str | None) -> fs.FiguresQuery:
    def day(value: str | None, name: str) -> date | None:
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError as exc:
            raise InvalidInput(N_("'%(field)s' is a date: YYYY-MM-DD"), field=name) from exc

    return fs.FiguresQuery(country or None, day(first, "from"), day(last, "to"))


def _country_name(cc: str) -> str:
    if cc == f.ALL:
        return _("All countries")
    if cc == f.UNLINKED:
        return _("Not linked to a notice")
    try:
        english = name_of(cc)  # the ISO name in English; CLDR's in the reader's language otherwise
        return english if i18n.current() == i18n.DEFAULT else i18n.territory_name(cc) or english
    except Exception:  # an unknown code is shown as given
        return cc


_SNAPSHOT_DAY = re.compile(r"\bon (\d{4}-\d{2}-\d{2})\b")
_SNAPSHOT_LABELS: dict[str, str] = {
    "In force today": N_("In force on %(day)s"),
    "In force today: red notices": N_("In force on %(day)s: red notices"),
    "In force today: diffusions": N_("In force on %(day)s: diffusions"),
    "In force today with a public extract": N_("In force on %(day)s with a public extract"),
    "In force today, restricted to law enforcement": N_("In force on %(day)s, restricted to law enforcement"),
}
"""The public figures count notices in force on the closed period's last day (``Figures.label``)."""
_REASONS = re.compile(f.REASONS_LABEL.replace("%(minimum)s", "(?P<minimum>\\d+)") + "$")


ICCS_NAMES: dict[str, str] = {
    "01": N_("Acts leading to death or intending to cause death"),
    "02": N_("Acts causing harm or intending to cause harm to the person"),
    "03": N_("Injurious acts of a sexual nature"),
    "04": N_("Acts against property involving violence or threat against a person"),
    "05": N_("Acts against property only"),
    "06": N_("Acts involving controlled drugs or other psychoactive substances"),
    "07": N_("Acts involving fraud, deception or corruption"),
    "08": N_("Acts against public order, authority and provisions of the State"),
    "09": N_("Acts against public safety and state security"),
    "10": N_("Acts against the natural environment"),
    "11": N_("Other criminal acts not elsewhere classified"),
}
"""The ICCS sections' names (domain/compliance/iccs.py), marked for the catalogues here; a test keeps them
equal. The review queue's filter shows them too."""
_ICCS_BAR = re.compile(r"^(\d\d) (.+)$")


def figure_label(text: str) -> str:
    """A figure's label (domain/figures.py) in the reader's language. Labels are English in the figures
    (CSV, JSON and the API keep them so); reasons reviewers wrote for 'other' grounds stay as written."""
    if text in f.LABELS.values() or text in f.GROUND_LABELS.values() or text == f.NO_REASON:
        return i18n.translated(text)
    if text == "not placed in the ICCS":
        return _("not placed in the ICCS")
    section = _ICCS_BAR.match(text)
    if (
        section
        and section.group(1) in ICCS_NAMES
        and section.group(2) == f.ICCS_SECTION_LABELS.get(section.group(1))
    ):
        name = _(ICCS_NAMES[section.group(1)])
        return f"{section.group(1)} {name[:1].lower()}{name[1:]}"
    day = _SNAPSHOT_DAY.search(text)
    if day:
        template = _SNAPSHOT_LABELS.get(_SNAPSHOT_DAY.sub("today", text, count=1))
        if template:
            return _(template) % {"day": i18n.fmt_day(date.fromisoformat(day.group(1)))}
    reasons = _REASONS.match(text)
    if reasons:
        return _(f.REASONS_LABEL) % {"minimum": i18n.fmt_number(int(reasons.group("minimum")))}
    return text


def cell_text(cell: f.Cell) -> str:
    """A count as printed, its digits grouped the reader's way ('<5' and '[c]' as they are)."""
    return i18n.fmt_number(cell.value) if cell.shown and cell.value is not None else cell.text


def percent_text(value: float | None) -> str:
    return _("n/a") if value is None else i18n.fmt_percent(value)


def period_text(fig: fs.Figures) -> str:
    return _("%(first)s to %(last)s") % {
        "first": i18n.fmt_day(fig.period.start),
        "last": i18n.fmt_day(fig.period.last),
    }


# --- charts -------------------------------------------------------------------------------------------


def chart_view(chart: fs.Chart, ident: str) -> dict[str, Any]:
    """Geometry for the SVG template: one horizontal bar per row; withheld rows get no bar."""
    bars = []
    if chart.unit == "percent":
        values: list[float | None] = list(chart.rates)
        top = 1.0
    else:
        values = [float(b.cell.value) if b.cell.value is not None else None for b in chart.bars]
        top = max([v for v in values if v is not None] or [0.0]) or 1.0
    for i, (bar, value) in enumerate(zip(chart.bars, values, strict=True)):
        if chart.unit == "percent":
            text = percent_text(value) if value is not None or bar.cell.shown else bar.cell.text
        else:
            text = cell_text(bar.cell)
        width = 0 if value is None else round(BAR_AREA * value / top)
        bars.append(
            {
                "y": 8 + i * ROW,
                "label": figure_label(bar.label),
                "width": width,
                "text": text,
                "count": cell_text(bar.cell),
            }
        )
    return {
        "id": ident,
        "title": reader_text(chart.title),
        "desc": reader_text(chart.desc),
        "unit": chart.unit,
        "bars": bars,
        "width": CHART_WIDTH,
        "height": 16 + len(bars) * ROW,
        "label_width": LABEL_WIDTH,
        "bar_x": LABEL_WIDTH + 8,
    }


# --- PDF (reportlab, BSD: docs/decisions/0006-pdf.md) -------------------------------------------------


def _plain(text: str) -> str:
    """Text for reportlab's built-in fonts (WinAnsi): the narrow no-break space babel puts in French
    numbers is not in it, the no-break space is."""
    return text.replace("\u202f", "\u00a0")


def _latin(text: str) -> str:
    return escape(_plain(text))


FONTS = Path(__file__).resolve().parent / "fonts"
"""DejaVu Sans (Bitstream Vera licence, web/fonts/LICENSE.txt): the PDF's font for Arabic, whose letters
reportlab's built-in fonts do not have."""


@cache
def _rtl_fonts() -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONTS / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(FONTS / "DejaVuSans-Bold.ttf")))
    return "DejaVuSans", "DejaVuSans-Bold"


def _rtl_block(text: str, font: str, size: float, space_after: float = 0) -> Any:
    """A right-to-left paragraph (web/rtl.py): its Arabic letters joined, cut into lines at the frame's
    width, each line drawn right-aligned in the order it is seen."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Flowable

    shaped = rtl.joined(_plain(text))
    leading = size * 1.35

    class RightToLeft(Flowable):  # type: ignore[misc]
        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            self.width = available_width
            self.lines = rtl.wrap(shaped, available_width, lambda t: stringWidth(t, font, size))
            return available_width, leading * len(self.lines) + space_after

        def draw(self) -> None:
            canvas = self.canv
            canvas.setFont(font, size)
            top = leading * len(self.lines) + space_after
            for i, line in enumerate(self.lines):
                canvas.drawRightString(
                    self.width, top - leading * (i + 1) + (leading - size) / 2, rtl.visual(line)
                )

    return RightToLeft()


def report_pdf(
    title: str, subtitle: str, sections: list[fs.Section], note: str, rtl_layout: bool = False
) -> bytes:
    """The report as a PDF; ``rtl_layout``: right to left (Arabic), in DejaVu Sans, mirrored."""
    from reportlab.graphics.shapes import Drawing, Rect, String
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    regular, bold = _rtl_fonts() if rtl_layout else ("Helvetica", "Helvetica-Bold")

    def block(text: str, style: str) -> Any:
        if not rtl_layout:
            return Paragraph(_latin(text), styles[style])
        st = styles[style]
        font = bold if "Bold" in st.fontName else regular
        return _rtl_block(text, font, st.fontSize, st.spaceAfter)

    def drawn(text: str) -> str:
        return rtl.visual(rtl.joined(_plain(text))) if rtl_layout else _plain(text)

    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf, pagesize=A4, title=title, author="rednotice", leftMargin=18 * mm, rightMargin=18 * mm
    )
    story: list[Any] = [
        block(title, "Title"),
        block(subtitle, "Normal"),
        block(note, "Italic"),
        Spacer(1, 6 * mm),
    ]
    for section in sections:
        story.append(block(section.question, "Heading2"))
        story.append(block(section.answer, "Normal"))
        story.append(Spacer(1, 3 * mm))
        for i, chart in enumerate(section.charts):
            view = chart_view(chart, f"{section.id}-{i}")
            scale = 0.7
            width = view["width"] * scale
            d = Drawing(width, view["height"] * scale + 14)

            def x(at: float, span: float = 0, width: float = width) -> float:  # mirrored: from the right
                return width - at - span if rtl_layout else at

            anchor = "end" if rtl_layout else "start"
            d.add(
                String(
                    x(0),
                    view["height"] * scale + 4,
                    drawn(chart.title),
                    fontName=bold,
                    fontSize=9,
                    textAnchor=anchor,
                )
            )
            for bar in view["bars"]:
                y = (view["height"] - bar["y"] - 18) * scale
                d.add(
                    String(
                        x(0), y + 4, drawn(bar["label"][:48]), fontName=regular, fontSize=7, textAnchor=anchor
                    )
                )
                if bar["width"]:
                    d.add(
                        Rect(
                            x(view["bar_x"] * scale, bar["width"] * scale),
                            y,
                            bar["width"] * scale,
                            14 * scale,
                            fillColor=colors.HexColor("#8b1a1a"),
                            strokeColor=None,
                        )
                    )
                d.add(
                    String(
                        x((view["bar_x"] + bar["width"] + 6) * scale),
                        y + 4,
                        drawn(bar["text"]),
                        fontName=regular,
                        fontSize=7,
                        textAnchor=anchor,
                    )
                )
            story.append(KeepTogether([d, Spacer(1, 3 * mm)]))
        rows = [[_("Figure"), _("Count")]] + [
            [figure_label(b.label), cell_text(b.cell)] for b in section.rows
        ]
        if rtl_layout:  # the figure on the right, its count on the left
            data = [[drawn(rows[0][1]), drawn(rows[0][0])]] + [
                [drawn(count), _rtl_block(label, regular, 10)] for label, count in rows[1:]
            ]
            widths, count_column, first = [30 * mm, 120 * mm], 0, "LEFT"
        else:
            data = [rows[0]] + [
                [Paragraph(_latin(label), styles["BodyText"]), _plain(count)] for label, count in rows[1:]
            ]
            widths, count_column, first = [120 * mm, 30 * mm], 1, "RIGHT"
        table = Table(data, colWidths=widths, repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, 0), bold),
                    ("FONT", (0, 1), (-1, -1), regular),
                    ("ALIGN", (count_column, 0), (count_column, -1), first),
                    (
                        "ALIGN",
                        (1 - count_column, 0),
                        (1 - count_column, 0),
                        "RIGHT" if rtl_layout else "LEFT",
                    ),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
                    ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f3f3f3")]),
                ]
            )
        )
        story += [table, Spacer(1, 6 * mm)]
    doc.build(story)
    return buf.getvalue()


# --- shared -------------------------------------------------------------------------------------------


def _full(store: Store, actor: Actor, query: fs.FiguresQuery, settings: fs.FiguresSettings) -> fs.Figures:
    return fs.figures(query, actor, store.replica(), settings)


def _public(
    store: Store, query: fs.FiguresQuery, settings: fs.FiguresSettings, cache: fs.PublicFiguresCache
) -> fs.Figures:
    return fs.public_figures(query, store.replica(), settings, cache)


def _note(fig: fs.Figures) -> str:
    if fig.minimum <= 1:
        return _("Full figures for oversight: no count is withheld. Do not publish as is.")
    day = fig.snapshot_day
    withheld = _(
        "Counts from 1 to %(last)s are shown as <%(minimum)s; %(mark)s marks a count withheld so that "
        "another cannot be worked out from a total."
    ) % {"last": fig.minimum - 1, "minimum": fig.minimum, "mark": f.COMPLEMENTARY_TEXT}
    when = (
        _(
            "Everything is as of the end of the period: notices in force on %(day)s, what became of each "
            "request, case and report by then."
        )
        % {"day": i18n.fmt_day(day)}
        if day
        else _("Notices in force: as of today.")
    )
    return f"{withheld} {when}"


def _download(fig: fs.Figures, fmt: str, name: str) -> Response:
    if fmt == "csv":
        response: Response = Response(
            fig.to_csv(),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
        )
    elif fmt == "json":
        response = JSONResponse(fig.to_dict())
    else:
        raise InvalidInput("format is json or csv", field="format")
    response.headers.update(pages.SECURITY_HEADERS)
    response.headers["Cache-Control"] = "no-store"
    return response


def _cc(cc: str) -> str:
    code = cc.strip().upper()
    if len(code) != 2 or not code.isalpha():
        raise InvalidInput("a country is an ISO 3166 alpha-2 code, such as FR", field="country")
    if not is_country(code):
        raise NotFound(N_("no country has the code %(code)s"), code=code)
    return code


# --- JSON / CSV API -----------------------------------------------------------------------------------


class FigureCellOut(Out):
    """One count as it may be shown."""

    value: int | None = Field(description="The count; null when withheld.")
    text: str = Field(description="The count as printed: '12', '<5', or '[c]' (withheld, complementary).")
    suppressed: str | None = Field(
        description="null when shown; 'below_minimum' or 'complementary' when withheld."
    )


def _block_model() -> type[Out]:
    """Every measure of ``domain/figures.py`` as a field named by its key (``refused.ground.art3``...), so
    the document lists what a client may read. Snapshots (notices in force) come for the whole period
    only, not in a year's block."""
    fields: dict[str, Any] = {
        m.key.replace(".", "__"): (
            FigureCellOut | None if m.snapshot else FigureCellOut,
            Field(None if m.snapshot else ..., alias=m.key, description=m.label),
        )
        for m in f.MEASURES
    }
    fields["refusal_rate"] = (
        float | None,
        Field(description="Refusals over review decisions, from shown counts only (null otherwise)."),
    )
    model: type[Out] = create_model(
        "FiguresBlockOut",
        __base__=Out,
        __doc__="The figures of one country over the period or one year.",
        **fields,
    )
    return model


FiguresBlockOut = _block_model()


class OtherGroundOut(FigureCellOut):
    reason: str = Field(
        description="The 'other' ground as reviewers wrote it, or the line counting together the reasons "
        "given fewer times than the minimum (never shown by their text)."
    )


class FiguresCountryOut(Out):
    period: FiguresBlockOut = Field(description="The whole period.")  # type: ignore[valid-type]
    years: dict[str, FiguresBlockOut] = Field(description="Each calendar year of the period.")  # type: ignore[valid-type]
    other_grounds: list[OtherGroundOut] = Field(
        description="Refusals on other grounds over the period, by the reason given, most frequent first."
    )


class FiguresPeriodOut(Out):
    model_config = ConfigDict(populate_by_name=True)

    first: str = Field(alias="from", description="The first day (YYYY-MM-DD).")
    last: str = Field(alias="to", description="The last day, included.")
    label: str


class FiguresOut(Out):
    """The figures, per requesting country ('all': every country together) and year. With
    ``format=csv``: the same as CSV, one line per country, period and measure."""

    period: FiguresPeriodOut
    generated_at: str
    minimum: int = Field(description="Counts from 1 to minimum - 1 are withheld (1: nothing withheld).")
    suppression: str = Field(description="How small counts are withheld, in words.")
    in_force_as_of: str = Field(description="The instant the notices in force are counted at.")
    measures: dict[str, str] = Field(description="Each measure's key and label.")
    countries: dict[str, FiguresCountryOut]


def _figures_answers(errors: dict[int | str, dict[str, Any]]) -> dict[int | str, dict[str, Any]]:
    csv = {"text/csv": {"schema": {"type": "string", "description": "format=csv: one line per figure."}}}
    return {200: {"content": csv}, **errors}


@router.get(
    "/api/v1/figures", tags=["figures"], response_model=FiguresOut, responses=_figures_answers(ERRORS)
)
def api_figures(
    actor: CurrentActor,
    store: StoreDep,
    settings: SettingsDep,
    country: str | None = None,
    first: Annotated[str | None, Query(alias="from")] = None,
    last: Annotated[str | None, Query(alias="to")] = None,
    format: str = "json",
) -> Response:
    """The full figures (oversight bodies, reviewers, the CCF), per requesting country and year."""
    fig = _full(store, actor, _query(country, first, last), settings)
    return _download(fig, format, "figures")


@router.get(
    "/transparency/v1/figures",
    tags=["figures"],
    response_model=FiguresOut,
    responses=_figures_answers(PUBLIC_ERRORS),
)
def public_api_figures(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    country: str | None = None,
    first: Annotated[str | None, Query(alias="from")] = None,
    last: Annotated[str | None, Query(alias="to")] = None,
    format: str = "json",
) -> Response:
    """The public figures of the last closed period, as of its end: counts under the public minimum
    withheld (``from``/``to`` are checked, not followed)."""
    fig = _public(store, _query(country, first, last), settings, public_cache(request.app))
    return _download(fig, format, "figures-public")


# --- pages --------------------------------------------------------------------------------------------


def _not_an_overseer(request: Request, actor: Actor) -> Response:
    return pages.error_page(
        request,
        actor,
        403,
        _("Not available"),
        _(
            "The oversight figures are for oversight bodies, reviewers and the CCF. The public figures "
            "are at /transparency."
        ),
    )


Overseer = Annotated[Actor, Depends(role(*fs.FULL_ACCESS, refuse=_not_an_overseer))]
"""Who sees the full figures (``services.figures.FULL_ACCESS``); nobody signed in: the sign-in page;
anyone else: 403 (the public figures are at /transparency)."""


def _bad(request: Request, actor: Actor | None, exc: InvalidInput | NotFound) -> Response:
    if isinstance(exc, NotFound):
        return pages.not_found(
            request, actor, _("There is no report for this code: %(reason)s.") % {"reason": exc.message}
        )
    return pages.error_page(request, actor, 400, _("Check the period"), exc.message)


async def _figures(request: Request, actor: Actor | None, fn: Any, *args: Any) -> fs.Figures | Response:
    """The figures, or a page saying what is wrong with the period (checked where it is worked out)."""
    try:
        return await run_in_threadpool(fn, *args)
    except InvalidInput as exc:
        return _bad(request, actor, exc)


def _dashboard(request: Request, actor: Actor | None, fig: fs.Figures, public: bool) -> Response:
    charts = [chart_view(c, f"dash-{i}") for i, c in enumerate(fs.dashboard_charts(fig))]
    rows = [
        {
            "code": c,
            "name": _country_name(c),
            "cells": [
                {"text": cell_text(cell), "shown": cell.shown}
                for cell in (fig.cell(c, m) for m in TABLE_MEASURES)
            ],
            "rate": percent_text(fig.refusal_rate(c)),
            "link": c not in (f.ALL, f.UNLINKED),
        }
        for c in [f.ALL, *fig.countries]
    ]
    return pages.render(
        request,
        "oversight_dashboard.html",
        actor,
        public=public,
        fig=fig,
        charts=charts,
        rows=rows,
        headers=[figure_label(fig.label(m)) for m in TABLE_MEASURES],
        period=period_text(fig),
        note=_note(fig),
        base="/transparency" if public else "/oversight",
        first=fig.period.start.isoformat(),
        last=fig.period.last.isoformat(),
    )


TABLE_MEASURES = (
    "requests.total",
    "decisions",
    "refused.total",
    "refused.ground.art3",
    "in_force.total",
    "ccf.total",
)


def in_reader_words(section: fs.Section) -> fs.Section:
    """The report's questions, answers, chart titles and descriptions in the reader's language
    (services/figures.py writes them as ``errors.Text``), with counts, shares, days and the period written
    the reader's way."""
    charts = [replace(c, title=reader_text(c.title), desc=reader_text(c.desc)) for c in section.charts]
    return replace(
        section, question=reader_text(section.question), answer=reader_text(section.answer), charts=charts
    )


def reader_text(text: str) -> str:
    """A report's text in the reader's language (an ``errors.Text``; any other text as it is)."""
    return _with_reader_values(text).label() if isinstance(text, Text) else text


def _with_reader_values(text: Text) -> Text:
    parts = [Text(t, **{k: _reader_value(v) for k, v in values.items()}) for t, values in text.parts]
    return Text.joined(text.sep, parts)


def _reader_value(value: Any) -> Any:
    if isinstance(value, fs.Count):
        return cell_text(value.cell)
    if isinstance(value, fs.Rate):
        return percent_text(value.rate)
    if isinstance(value, fs.Day):
        return i18n.fmt_day(value.day)
    if isinstance(value, fs.PeriodWords):
        return _period_words(value.period)
    if isinstance(value, Text):
        return _with_reader_values(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return i18n.fmt_number(value)
    return value


def _period_words(period: f.Period) -> str:
    if period.label == str(period.start.year):
        return period.label
    return _("%(first)s to %(last)s") % {
        "first": i18n.fmt_day(period.start),
        "last": i18n.fmt_day(period.last),
    }


def _report_page(request: Request, actor: Actor | None, fig: fs.Figures, cc: str, public: bool) -> Response:
    sections = [in_reader_words(s) for s in fs.report(fig, cc, _country_name(cc))]
    views = [
        {
            "section": s,
            "charts": [chart_view(c, f"{s.id}-{i}") for i, c in enumerate(s.charts)],
            "rows": [{"label": figure_label(b.label), "text": cell_text(b.cell)} for b in s.rows],
        }
        for s in sections
    ]
    base = f"/transparency/countries/{cc}" if public else f"/oversight/countries/{cc}"
    return pages.render(
        request,
        "oversight_report.html",
        actor,
        public=public,
        fig=fig,
        cc=cc,
        country_name=_country_name(cc),
        sections=views,
        period=period_text(fig),
        note=_note(fig),
        base=base,
        first=fig.period.start.isoformat(),
        last=fig.period.last.isoformat(),
    )


def _pdf(fig: fs.Figures, cc: str, public: bool) -> Response:
    lang = i18n.current()
    with i18n.using(lang):
        name = _country_name(cc)
        what = _("Public figures") if public else _("Oversight report")
        title = _("%(what)s: %(country)s (%(code)s)") % {"what": what, "country": name, "code": cc}
        subtitle = _("Requests from %(country)s, %(period)s. Generated %(moment)s.") % {
            "country": name,
            "period": period_text(fig),
            "moment": i18n.fmt_moment(fig.generated_at),
        }
        sections = [in_reader_words(s) for s in fs.report(fig, cc, name)]
        body = report_pdf(title, subtitle, sections, _note(fig), rtl_layout=i18n.direction(lang) == "rtl")
    response = Response(
        body,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="report-{cc}.pdf"'},
    )
    response.headers.update(pages.SECURITY_HEADERS)
    response.headers["Cache-Control"] = "no-store"
    return response


@router.get("/oversight", include_in_schema=False)
async def oversight_dashboard(
    request: Request,
    actor: Overseer,
    settings: SettingsDep,
    first: Annotated[str | None, Query(alias="from")] = None,
    last: Annotated[str | None, Query(alias="to")] = None,
) -> Response:
    store: Store = request.app.state.store
    try:
        query = _query(None, first, last)
    except InvalidInput as exc:
        return _bad(request, actor, exc)
    fig = await _figures(request, actor, _full, store, actor, query, settings)
    if isinstance(fig, Response):
        return fig
    return _dashboard(request, actor, fig, public=False)


@router.get("/oversight/countries/{cc}", include_in_schema=False)
async def oversight_report(
    request: Request,
    cc: str,
    actor: Overseer,
    settings: SettingsDep,
    first: Annotated[str | None, Query(alias="from")] = None,
    last: Annotated[str | None, Query(alias="to")] = None,
) -> Response:
    try:
        code = _cc(cc)
        query = _query(code, first, last)
    except (InvalidInput, NotFound) as exc:
        return _bad(request, actor, exc)
    store: Store = request.app.state.store
    fig = await _figures(request, actor, _full, store, actor, query, settings)
    if isinstance(fig, Response):
        return fig
    return _report_page(request, actor, fig, code, public=False)


@router.get("/oversight/countries/{cc}/report.{fmt}", include_in_schema=False)
async def oversight_download(
    request: Request,
    cc: str,
    fmt: str,
    actor: Overseer,
    settings: SettingsDep,
    first: Annotated[str | None, Query(alias="from")] = None,
    last: Annotated[str | None, Query(alias="to")] = None,
) -> Response:
    code = _cc(cc)
    store: Store = request.app.state.store
    fig = await run_in_threadpool(_full, store, actor, _query(code, first, last), settings)
    if fmt == "pdf":
        return await run_in_threadpool(_pdf, fig, code, False)
    return _download(fig, fmt, f"report-{code}")


@router.get("/transparency", include_in_schema=False)
async def transparency_dashboard(
    request: Request,
    actor: MaybeActor,
    settings: SettingsDep,
    first: Annotated[str | None, Query(alias="from")] = None,
    last: Annotated[str | None, Query(alias="to")] = None,
) -> Response:
    try:
        query = _query(None, first, last)
    except InvalidInput as exc:
        return _bad(request, actor, exc)
    store: Store = request.app.state.store
    fig = await _figures(request, actor, _public, store, query, settings, public_cache(request.app))
    if isinstance(fig, Response):
        return fig
    return _dashboard(request, actor, fig, public=True)


@router.get("/transparency/countries/{cc}", include_in_schema=False)
async def transparency_report(
    request: Request,
    cc: str,
    actor: MaybeActor,
    settings: SettingsDep,
    first: Annotated[str | None, Query(alias="from")] = None,
    last: Annotated[str | None, Query(alias="to")] = None,
) -> Response:
    try:
        code = _cc(cc)
        query = _query(code, first, last)
    except (InvalidInput, NotFound) as exc:
        return _bad(request, actor, exc)
    store: Store = request.app.state.store
    fig = await _figures(request, actor, _public, store, query, settings, public_cache(request.app))
    if isinstance(fig, Response):
        return fig
    return _report_page(request, actor, fig, code, public=True)


@router.get("/transparency/countries/{cc}/report.{fmt}", include_in_schema=False)
async def transparency_download(
    request: Request,
    cc: str,
    fmt: str,
    settings: SettingsDep,
    first: Annotated[str | None, Query(alias="from")] = None,
    last: Annotated[str | None, Query(alias="to")] = None,
) -> Response:
    code = _cc(cc)
    store: Store = request.app.state.store
    fig = await run_in_threadpool(
        _public, store, _query(code, first, last), settings, public_cache(request.app)
    )
    if fmt == "pdf":
        return await run_in_threadpool(_pdf, fig, code, True)
    return _download(fig, fmt, f"report-{code}-public")
