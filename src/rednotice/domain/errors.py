"""One error hierarchy with stable codes. The web maps each class to an HTTP status in one place.

Messages are written for people, in English, and translated where they are shown (docs/i18n.md): the text
given to an error's constructor is extracted for the catalogues (``scripts/i18n.py`` names every class
below as a gettext keyword, and ``N_`` marks a text kept elsewhere), and ``message`` answers in the
language the edge chose for the request (``web.i18n`` installs the translator with ``set_translator``;
without one, and in the CLI, it is the English text). A message with values is a template whose
placeholders are named details: ``NotFound(N_("no notice %(notice)s"), notice=ref)``, so the words are
translated and the values kept. ``str(exc)`` stays English, for logs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def N_(message: str) -> str:
    """Marks a text for extraction into the catalogues; it is translated where it is shown."""
    return message


def _same(message: str) -> str:
    return message


_translate: Callable[[str], str] = _same


def set_translator(translate: Callable[[str], str] | None) -> None:
    """The edge's translator (the request's language); None: English."""
    global _translate
    _translate = translate or _same


def fill(template: str, values: dict[str, Any]) -> str:
    """``template`` with its ``%(name)s`` placeholders filled from ``values`` (as written if it has none,
    or if a value is missing)."""
    if "%(" not in template:
        return template
    try:
        return template % values
    except (KeyError, ValueError, TypeError):
        return template


class DomainError(Exception):
    """Base of every error rednotice raises on purpose. ``code`` is stable and machine-readable."""

    code = "error"

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(fill(message, details))
        self.template = message
        self.details = details

    @property
    def message(self) -> str:
        """What went wrong, for a person, in the request's language (English without one)."""
        return fill(_translate(self.template), self.details)

    @message.setter
    def message(self, value: str) -> None:
        self.template = value


class InvalidInput(DomainError):
    """The input is not a valid request (malformed JSON, a bad date, an unknown country...)."""

    code = "invalid_input"


class TooLarge(InvalidInput):
    """The input is larger than the configured limit."""

    code = "too_large"


class NotFound(DomainError):
    """No such thing, or the asker may not know it exists."""

    code = "not_found"


class Forbidden(DomainError):
    """The asker is known but their role or country may not do this."""

    code = "forbidden"


class Unauthenticated(DomainError):
    code = "unauthenticated"


class IllegalTransition(DomainError):
    """The lifecycle does not allow this action from the notice's current state."""

    code = "illegal_transition"


class Conflict(DomainError):
    """Someone else changed the record first (stale version); reload and decide again."""

    code = "conflict"


class RuleViolation(DomainError):
    """A business rule forbids this (e.g. renewal outside the last six months, no reasons given)."""

    code = "rule_violation"


class IntegrityFailure(DomainError):
    """Stored data does not match its own proofs (e.g. a broken audit chain)."""

    code = "integrity_failure"
