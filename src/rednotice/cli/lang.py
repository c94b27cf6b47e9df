"""The CLI's language: the messages it prints, and the domain's errors, in the operator's language.

The language is the global ``--lang`` option, else ``REDNOTICE_LANG``, else the standard environment
(``LANGUAGE``, a colon-separated list, then ``LC_ALL``, ``LC_MESSAGES``, ``LANG``: ``fr_FR.UTF-8`` is
French), else English; a language rednotice does not speak (``de``, ``C``) is skipped. The catalogues are
the web's (web/i18n.py), loaded only when a message is printed in another language than English, so
``rednotice check`` starts as fast as before. Help texts (``--help``) stay English (docs/i18n.md).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

CODES = ("en", "fr", "es", "ar")
DEFAULT = "en"
ENVIRONMENT = ("REDNOTICE_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_chosen: str | None = None
"""The ``--lang`` of this invocation (main.py's callback sets it, None without the option)."""


def supported(tag: str | None) -> str | None:
    """The working language a tag names (``fr_FR.UTF-8``, ``es-MX``, ``ar``), or None."""
    if not tag:
        return None
    primary = tag.strip().split(".")[0].replace("_", "-").split("-")[0].lower()
    return primary if primary in CODES else None


def choose(explicit: str | None) -> None:
    """Use ``explicit`` (``--lang``) for this invocation; None: the environment decides."""
    global _chosen
    _chosen = supported(explicit) if explicit else None


def language() -> str:
    if _chosen:
        return _chosen
    for name in ENVIRONMENT:
        value = os.environ.get(name, "")
        for tag in value.split(":") if name == "LANGUAGE" else [value]:
            if found := supported(tag):
                return found
    return DEFAULT


def gettext(message: str) -> str:
    """``message`` in the CLI's language (the text itself in English, or when the catalogue lacks it)."""
    lang = language()
    if lang == DEFAULT or not message:
        return message
    from rednotice.web import i18n

    return i18n.translations(lang).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    lang = language()
    if lang == DEFAULT:
        return singular if n == 1 else plural
    from rednotice.web import i18n

    return i18n.translations(lang).ngettext(singular, plural, n)


_ = gettext


@contextmanager
def speaking() -> Iterator[None]:
    """Within it, domain errors' ``message`` answers in the CLI's language, with states, actions and roles
    named as the pages name them (the web's translator and labels, see domain/errors.py)."""
    lang = language()
    if lang == DEFAULT:
        yield
        return
    from rednotice.web import i18n
    from rednotice.web.pages import labels  # noqa: F401 - registers the labels of states, actions, roles

    with i18n.using(lang):
        yield


def shown(text: object) -> str:
    """What an adapter or a use case wrote with ``errors.Text`` (a problem of a checkpoint file, an input
    line's reason, a rejected record: anything with a ``label()``), in the CLI's language; any other value
    as its text."""
    label = getattr(text, "label", None)
    if not callable(label):
        return str(text)
    with speaking():
        return str(label())
