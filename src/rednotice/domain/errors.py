"""One error hierarchy with stable codes. The web maps each class to an HTTP status in one place.

Messages are written for people, in English, and translated where they are shown (docs/i18n.md): the text
given to an error's constructor is extracted for the catalogues (``scripts/i18n.py`` names every class
below as a gettext keyword, and ``N_`` marks a text kept elsewhere), and ``message`` answers in the
language the edge chose for the request (``web.i18n`` installs the translator with ``set_translator``;
without one, and in the CLI, it is the English text). A message with values is a template whose
placeholders are named details: ``NotFound(N_("no notice %(notice)s"), notice=ref)``, so the words are
translated and the values kept. A value that is itself one of rednotice's words (a state, an action, a
role) is given as a ``Term``: ``str(exc)`` and the details keep its stored value, ``message`` shows the
reader's label for it (the edge installs the labels with ``set_labeller``). ``str(exc)`` stays English,
for logs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any


def N_(message: str) -> str:
    """Marks a text for extraction into the catalogues; it is translated where it is shown."""
    return message


PLURAL = "\x1e"
"""Between the singular and the plural of a counted template (``NP_``); JSON and both stores keep it."""


def NP_(singular: str, plural: str) -> str:
    """Marks a counted text for extraction (its singular and plural, as ``ngettext``): the count is the value
    named ``num``, and each language chooses its form by it where the text is shown (Arabic has six)."""
    return singular + PLURAL + plural


def _same(message: str) -> str:
    return message


def _english_plural(singular: str, plural: str, n: int) -> str:
    return singular if n == 1 else plural


def _as_stored(kind: str, value: str) -> str:
    return value


_translate: Callable[[str], str] = _same
_translate_plural: Callable[[str, str, int], str] = _english_plural
_label: Callable[[str, str], str] = _as_stored


def set_translator(
    translate: Callable[[str], str] | None, plural: Callable[[str, str, int], str] | None = None
) -> None:
    """The edge's translator (the request's language) and its counted form (``ngettext``); None: English."""
    global _translate, _translate_plural
    _translate = translate or _same
    _translate_plural = plural or _english_plural


def _count(values: dict[str, Any]) -> int:
    """The count a counted text chooses its form by: ``num``, a whole number (a measure such as 1.5 takes
    the form of many, as gettext counts only whole numbers)."""
    n = values.get("num")
    try:
        number = float(str(n).replace(",", ""))
    except ValueError:
        return 100
    return int(number) if number.is_integer() else 100


def _form(template: str, values: dict[str, Any], translate: bool) -> str:
    """``template`` translated (or not), the form of a counted one chosen by its count."""
    if PLURAL not in template:
        return _translate(template) if translate else template
    singular, plural = template.split(PLURAL, 1)
    if translate:
        return _translate_plural(singular, plural, _count(values))
    return _english_plural(singular, plural, _count(values))


def set_labeller(label: Callable[[str, str], str] | None) -> None:
    """The edge's names for rednotice's words: ``label(kind, value)``, e.g. ``("state", "draft")`` →
    "Brouillon"; None: the stored value itself."""
    global _label
    _label = label or _as_stored


class Term(str):
    """A detail that is one of rednotice's words, or a list of them (``Term("action", "publish",
    "refuse")``): as a string, its stored values joined by ", " (``str(exc)``, the JSON details); in
    ``DomainError.message``, the reader's label of each. Kinds: state, action, role, notice_type, and
    any other the labeller knows (an unknown kind or value shows as stored)."""

    kind: str
    values: tuple[str, ...]

    def __new__(cls, kind: str, *values: object, text: str | None = None) -> Term:
        """``text``: the string form when it is not the stored values (a country's English name)."""
        words = tuple(str(getattr(v, "value", v)) for v in values)
        term = super().__new__(cls, ", ".join(words) if text is None else text)
        term.kind = kind
        term.values = words
        return term

    def label(self) -> str:
        return ", ".join(_label(self.kind, v) for v in self.values)


class Text(str):
    """A detail that is itself a message, or several joined by ``sep`` (``Text.joined("; ", parts)``): as a
    string, the English text; in ``DomainError.message``, each part translated with its own values (e.g.
    the list of what keeps a reviewer from deciding)."""

    parts: tuple[tuple[str, dict[str, Any]], ...]
    sep: str

    def __new__(cls, template: str, /, **values: Any) -> Text:
        return cls._of(((template, values),), "")

    @classmethod
    def _of(cls, parts: tuple[tuple[str, dict[str, Any]], ...], sep: str) -> Text:
        text = super().__new__(cls, sep.join(fill(_form(t, v, False), v) for t, v in parts))
        text.parts = parts
        text.sep = sep
        return text

    @classmethod
    def joined(cls, sep: str, texts: Sequence[Text]) -> Text:
        return cls._of(tuple(p for t in texts for p in t.parts), sep)

    def label(self) -> str:
        return self.sep.join(fill(_form(t, v, True), _shown(v)) for t, v in self.parts)


def _shown(values: dict[str, Any]) -> dict[str, Any]:
    """Details as a reader sees them: a Term by its label, a Text in the reader's language."""
    return {k: v.label() if isinstance(v, Term | Text) else v for k, v in values.items()}


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
        super().__init__(fill(_form(message, details, False), details))
        self.template = message
        self.details = details

    @property
    def message(self) -> str:
        """What went wrong, for a person, in the request's language (English without one)."""
        if isinstance(self.template, Text):
            return self.template.label()
        return fill(_form(self.template, self.details, True), _shown(self.details))

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
