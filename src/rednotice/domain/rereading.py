"""Texts stored in English, read back as their template and values, so a reader sees them in their language.

Some messages are kept as English text where they are written: an input line's reason kept with a screening
run, a notification to an NCB. A table column of English stays stable for the API and the CSV (and no
migration is needed), yet the reader should see them in their own language. Each such text was filled from
a template marked for the catalogues (``N_``); :func:`reread` finds which template, and with which values,
gives exactly the stored text, and returns it as an :class:`errors.Text` whose ``label()`` is the reader's
language. A value that is itself one of the templates (a check digit's reason inside "line 2, column 10:
...") is read back too. A text no template gives stays as it is.

Pure: the edge installs the translator (``errors.set_translator``); this module only matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from rednotice.domain.errors import PLURAL, Text, fill

_PLACEHOLDER = re.compile(r"%\((\w+)\)s|%%")
JOINED = "; "
"""How messages are joined into one (``Text.joined("; ", ...)``)."""
DEPTH = 3
"""How deep values are read back in their turn (a reason in a problem in a document's message)."""


def _pattern(template: str) -> re.Pattern[str] | None:
    """A regular expression matching ``template`` filled with any values (None without placeholders)."""
    out: list[str] = []
    seen: set[str] = set()
    at = 0
    named = False
    for m in _PLACEHOLDER.finditer(template):
        out.append(re.escape(template[at : m.start()]))
        at = m.end()
        if m.group(0) == "%%":
            out.append("%")
            continue
        name = m.group(1)
        named = True
        out.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
        seen.add(name)
    out.append(re.escape(template[at:]))
    return re.compile("".join(out), re.DOTALL) if named else None


class Templates:
    """The templates a kind of stored text is written with (e.g. the format readers' reasons)."""

    def __init__(self, templates: Iterable[str]) -> None:
        # a template that starts with words before one that starts with a value ("line %(line)s: ..."
        # before "%(field)s check digit: ..."), then the one with the most words
        # a counted template (``NP_``) is found by either English form, and read back as itself
        forms = {f: t for t in set(templates) for f in t.split(PLURAL)}
        unique = sorted(forms, key=lambda t: (t.startswith("%("), -len(_PLACEHOLDER.sub("", t)), t))
        self.plain = frozenset(t for t in unique if "%(" not in t)
        self.patterns = [(forms[f], f, p) for f in unique if (p := _pattern(f)) is not None]
        self._reread = lru_cache(maxsize=4096)(self._find)

    def reread(self, text: str) -> Text | None:
        """``text`` as the template and values that give it, or None when no template does."""
        if isinstance(text, Text):
            return text
        return self._reread(str(text), DEPTH)

    def _find(self, text: str, depth: int) -> Text | None:
        if text in self.plain:
            return Text(text)
        if JOINED in text:  # several messages joined (a document's problems): each read back, if each is one
            parts = self._split(text.split(JOINED), depth)
            if parts is not None:
                return Text.joined(JOINED, parts)
        for template, form, pattern in self.patterns:
            m = pattern.fullmatch(text)
            if m is None:
                continue
            values: dict[str, object] = dict(m.groupdict())
            if fill(form, values) != text:  # pragma: no cover - the pattern is the form
                continue
            if depth > 1:
                for name, value in values.items():
                    inner = self._reread(str(value), depth - 1)
                    if inner is not None:
                        values[name] = inner
            return Text(template, **values)
        return None

    def _split(self, pieces: list[str], depth: int) -> list[Text] | None:
        """``pieces`` (a text cut at every "; ") grouped back into two or more messages that each read back,
        or None. A message may itself hold "; " (a template that does), so pieces are grouped back."""
        found: list[list[Text] | None] = [[]] + [None] * len(pieces)
        for end in range(1, len(pieces) + 1):
            for start in range(end):
                before = found[start]
                if before is None or (start == 0 and end == len(pieces)):
                    continue
                one = self._reread(JOINED.join(pieces[start:end]), depth)
                if one is not None:
                    found[end] = [*before, one]
                    break
        return found[-1]

    def shown(self, text: str) -> str:
        """``text`` in the reader's language when a template gives it, else as it is."""
        found = self.reread(text)
        return found.label() if found is not None else text
