"""The language of a page: INTERPOL's four working languages, chosen per request.

A person's explicit choice (the language switch, remembered in a cookie so it survives signing in, which
replaces the whole session) comes first; otherwise the browser's ``Accept-Language``; otherwise English.
The choice is made once per request by ``LanguageMiddleware`` and kept in a context variable, so every
``_()`` — in a template, a flash message or a label dictionary read at render time — answers in the same
language without passing the request around.

The catalogues are the ``.po`` files under ``rednotice/locale``; they are read (and compiled in memory) on
first use, so a fresh clone needs no build step. See docs/i18n.md.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any, cast

from babel import Locale
from babel.dates import format_date, format_time
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent
from babel.support import LazyProxy, NullTranslations, Translations
from starlette.types import ASGIApp, Receive, Scope, Send

from rednotice.domain import errors as domain_errors
from rednotice.domain.compliance.findings import Share, message_text

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DEFAULT = "en"
LANGUAGES: tuple[tuple[str, str], ...] = (
    ("en", "English"),
    ("fr", "Français"),
    ("es", "Español"),
    ("ar", "العربية"),
)
"""INTERPOL's working languages, each named in itself (the switcher's entries)."""
CODES = frozenset(code for code, _ in LANGUAGES)
RTL = frozenset({"ar"})
COOKIE = "rednotice_lang"
COOKIE_MAX_AGE = 365 * 24 * 3600

_current: ContextVar[str] = ContextVar("rednotice_language", default=DEFAULT)


# -- choosing the language ----------------------------------------------------------------------------------


def supported(value: str | None) -> str | None:
    """The working language a tag names (``fr-CA`` → ``fr``), or None if it names none of them."""
    if not value:
        return None
    primary = value.strip().replace("_", "-").split("-")[0].lower()
    return primary if primary in CODES else None


def from_accept_language(header: str | None) -> str | None:
    """The best working language the browser accepts, by its q-values (ties keep the browser's order)."""
    if not header:
        return None
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")[:50]):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        code = supported(tag)
        if code and q > 0:
            ranked.append((-q, position, code))
    return min(ranked)[2] if ranked else None


def _cookie(header: str | None, name: str) -> str | None:
    for part in (header or "").split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value.strip().strip('"')
    return None


def negotiate(cookie_header: str | None, accept_language: str | None) -> str:
    """Explicit choice > Accept-Language > English."""
    return supported(_cookie(cookie_header, COOKIE)) or from_accept_language(accept_language) or DEFAULT


class LanguageMiddleware:
    """Sets the request's language before any handler runs (pure ASGI: the context variable reaches the
    handler, its thread-pool calls and the error handlers)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        token = _current.set(negotiate(headers.get("cookie"), headers.get("accept-language")))
        try:
            await self.app(scope, receive, send)
        finally:
            _current.reset(token)


def current() -> str:
    return _current.get()


def direction(lang: str | None = None) -> str:
    return "rtl" if (lang or current()) in RTL else "ltr"


@contextmanager
def using(lang: str) -> Iterator[None]:
    """Translate in ``lang`` for a while (tests, the CLI, a PDF made for someone)."""
    token = _current.set(supported(lang) or DEFAULT)
    try:
        yield
    finally:
        _current.reset(token)


# -- catalogues ---------------------------------------------------------------------------------------------


def catalogue_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"


@cache
def translations(lang: str) -> NullTranslations:
    """The compiled catalogue of ``lang`` (fuzzy entries left out); English is the source text itself."""
    path = catalogue_path(lang)
    if lang == DEFAULT or not path.exists():
        return NullTranslations()
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer)


def gettext(message: str) -> str:
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return str(translations(current()).pgettext(context, message))


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return translations(current()).npgettext(context, singular, plural, n)


_ = gettext


def translated(text: str) -> str:
    """A text that may be in the catalogue (a domain error's message, a figure's label), in the reader's
    language; any other text as it is (gettext('') would answer the catalogue's header)."""
    return gettext(text) if text else text


TERMS: dict[str, Mapping[Any, str]] = {}
"""The pages' names for rednotice's words, by kind (``state``, ``action``, ``role``...): filled by the modules
that define them (web/pages/labels.py, web/pages/ccf.py), read by ``term_label``."""


def term_label(kind: str, value: str) -> str:
    """The page's label of a stored word (``("state", "draft")`` → "Brouillon"; ``("country", "DE")`` →
    "Allemagne", CLDR's name), or the word as stored."""
    if kind == "country":
        return territory_name(value) or value
    label = TERMS.get(kind, {}).get(value)
    return str(label) if label is not None else value


domain_errors.set_translator(translated, ngettext)
domain_errors.set_labeller(term_label)
"""Domain errors' messages answer in the request's language, with states, actions and roles named as the
pages name them (domain/errors.py keeps no import of ours)."""


def _l(message: str) -> str:
    """A text translated each time it is shown (labels defined at import time, before any request).

    Typed as ``str`` because it behaves as one everywhere a page uses it (str(), %, +, comparisons)."""
    return cast(str, LazyProxy(gettext, message, enable_cache=False))


def territory_name(code: str) -> str | None:
    """CLDR's name of a country in the reader's language, if it has one."""
    try:
        return Locale.parse(current()).territories.get(code.upper())
    except (ValueError, LookupError):
        return None


# -- numbers and dates --------------------------------------------------------------------------------------


def fmt_number(value: Any) -> str:
    """A count or measure written the reader's way (``1,234`` / ``1 234`` / ``1.234``)."""
    if value is None or isinstance(value, bool):
        return "" if value is None else str(value)
    try:
        return format_decimal(value, locale=Locale.parse(current()))
    except (TypeError, ValueError, ArithmeticError):
        return str(value)


def fmt_day(value: date | datetime) -> str:
    """A day in the reader's language; English keeps ISO 8601 (unambiguous for the officers who file)."""
    if current() == DEFAULT:
        return value.strftime("%Y-%m-%d")
    day = value.date() if isinstance(value, datetime) else value
    return format_date(day, format="medium", locale=Locale.parse(current()))


def fmt_moment(value: datetime) -> str:
    """A UTC time in the reader's language; English keeps ``YYYY-MM-DD HH:MM UTC``."""
    if current() == DEFAULT:
        return value.strftime("%Y-%m-%d %H:%M UTC")
    locale = Locale.parse(current())
    day = format_date(value, format="medium", locale=locale)
    return f"{day} {format_time(value, format='short', locale=locale)} UTC"


def finding_message(finding: Mapping[str, Any]) -> str:
    """A stored compliance finding's message in the reader's language: its template translated and filled
    with its values (rednotice's words by their labels, numbers, shares and days written the reader's
    way); a finding stored without a template (before messages were templates) shows its English message."""
    text = message_text(finding, show=_shown_value)
    return text.label() if text is not None else str(finding.get("message") or "")


def _shown_value(value: Any) -> str:
    if isinstance(value, Share):
        pattern = "#,##0%" if value.digits == 0 else "#,##0." + "0" * value.digits + "%"
        return format_percent(float(value), format=pattern, locale=Locale.parse(current()))
    if isinstance(value, date):
        return fmt_day(value)
    return fmt_number(value)


def fmt_percent(value: float) -> str:
    """A share from 0 to 1 as a percentage with one decimal, written the reader's way (``12.5%`` /
    ``12,5 %`` / ``١٢٫٥٪``)."""
    return format_percent(value, format="#,##0.0%", locale=Locale.parse(current()))
