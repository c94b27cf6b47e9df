"""Right-to-left lines for the PDF report: Arabic letters joined, and each line put in the order it is drawn.

reportlab draws a string from left to right, glyph after glyph, and leaves Arabic to two helpers it does
not ship: joining (each letter's initial, medial, final or isolated form) and the bidirectional reordering
of each line, which it asks of ``rlbidi`` (a binding of GNU FriBidi, LGPL). rednotice takes no GPL or LGPL
dependency (decision 0006), so:

- **joining** is ``arabic_reshaper`` (MIT): it writes each letter as its presentation form, which the
  bundled DejaVu Sans draws (``web/fonts``);
- **reordering** is :func:`visual`, the Unicode Bidirectional Algorithm (UAX #9) for one line of a
  right-to-left paragraph, in the part a generated report needs: the implicit levels (weak types W1–W7,
  neutrals N1–N2, levels I1–I2), trailing whitespace L1, the reversal L2 and mirrored brackets L4. The text
  holds no explicit embeddings or isolates (rednotice writes it); formatting characters are dropped.

Numbers and Latin names keep their own order inside the right-to-left line ("١٢٫٥٪", "ZHU Fangyu",
"RU-2026"), as a reader of Arabic expects.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import lru_cache

_MIRROR = dict(zip("()[]{}<>«»‹›", ")(][}{><»«›‹", strict=True))
_STRONG = {"L": "L", "R": "R", "AL": "R"}
_MARKS = frozenset("\u200e\u200f\u061c")
"""Direction marks: they steer the order, and are not drawn."""
_FORMATTING = frozenset({"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI", "BN"})


def has_rtl(text: str) -> bool:
    """Whether ``text`` holds a right-to-left letter (Arabic, Hebrew...)."""
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


def visual(line: str, rtl: bool = True) -> str:
    """``line`` (one line, logical order) in the order it is drawn from left to right, in a paragraph whose
    direction is right to left (``rtl``) or left to right."""
    chars = [c for c in line if unicodedata.bidirectional(c) not in _FORMATTING]
    if not chars:
        return ""
    base = 1 if rtl else 0
    types = _resolve_weak([unicodedata.bidirectional(c) for c in chars], "R" if rtl else "L")
    types = _resolve_neutral(types, "R" if rtl else "L")
    levels = [_level(t, base) for t in types]
    # L1: whitespace at the end of the line goes back to the paragraph's level
    i = len(chars) - 1
    while i >= 0 and unicodedata.bidirectional(chars[i]) in ("WS", "S", "B"):
        levels[i] = base
        i -= 1
    order = list(range(len(chars)))
    for level in range(max(levels), 0, -1):  # L2: reverse every run at this level or higher
        start = None
        for k in range(len(order) + 1):
            inside = k < len(order) and levels[order[k]] >= level
            if inside and start is None:
                start = k
            elif not inside and start is not None:
                order[start:k] = reversed(order[start:k])
                start = None
    return "".join(
        _MIRROR.get(chars[k], chars[k]) if levels[k] % 2 else chars[k]
        for k in order
        if chars[k] not in _MARKS
    )


def _resolve_weak(types: list[str], sos: str) -> list[str]:
    out = list(types)
    n = len(out)
    prev = sos
    for i, t in enumerate(out):  # W1: a mark takes the type before it
        if t == "NSM":
            out[i] = prev if prev not in ("LRI", "RLI", "FSI", "PDI") else "ON"
        prev = out[i]
    strong = sos
    for i, t in enumerate(out):  # W2: European numbers after Arabic letters are Arabic numbers; W3: AL is R
        if t in ("L", "R", "AL"):
            strong = t
        if t == "EN" and strong == "AL":
            out[i] = "AN"
    out = ["R" if t == "AL" else t for t in out]
    for i in range(1, n - 1):  # W4: one separator between two numbers of a kind joins them
        a, t, b = out[i - 1], out[i], out[i + 1]
        if t == "ES" and a == b == "EN":
            out[i] = "EN"
        elif t == "CS" and a == b and a in ("EN", "AN"):
            out[i] = a
    for i, t in enumerate(out):  # W5: terminators next to European numbers are European numbers
        if t != "ET":
            continue
        j = i
        while j < n and out[j] == "ET":
            j += 1
        k = i - 1
        if (j < n and out[j] == "EN") or (k >= 0 and out[k] == "EN"):
            for m in range(i, j):
                out[m] = "EN"
    out = ["ON" if t in ("ES", "ET", "CS") else t for t in out]  # W6
    strong = sos
    for i, t in enumerate(out):  # W7: European numbers after a left-to-right letter are left to right
        if t in ("L", "R"):
            strong = t
        elif t == "EN" and strong == "L":
            out[i] = "L"
    return out


def _resolve_neutral(types: list[str], e: str) -> list[str]:
    out = list(types)
    n = len(out)

    def direction(t: str) -> str | None:
        if t in ("L",):
            return "L"
        if t in ("R", "AN", "EN"):
            return "R"
        return None

    i = 0
    while i < n:
        if direction(out[i]) is not None:
            i += 1
            continue
        j = i
        while j < n and direction(out[j]) is None:
            j += 1
        before = direction(out[i - 1]) if i > 0 else e  # N1: neutrals between two of one direction take it
        after = direction(out[j]) if j < n else e
        fill = before if before is not None and before == after else e  # N2: else the embedding's direction
        for k in range(i, j):
            out[k] = fill
        i = j
    return out


def _level(t: str, base: int) -> int:
    if base % 2 == 0:  # I1
        return base + (1 if t == "R" else 2 if t in ("AN", "EN") else 0)
    return base + (1 if t in ("L", "EN", "AN") else 0)  # I2


@lru_cache(maxsize=1)
def _reshaper() -> Callable[[str], str]:
    import arabic_reshaper

    reshaper = arabic_reshaper.ArabicReshaper(
        configuration={"delete_harakat": False, "support_ligatures": True}
    )
    return reshaper.reshape  # type: ignore[no-any-return]


def joined(text: str) -> str:
    """``text`` with its Arabic letters in their joined (presentation) forms, logical order kept."""
    return _reshaper()(text) if has_rtl(text) else text


def wrap(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """``text`` (logical order) cut into lines no wider than ``width`` as ``measure`` says, at spaces;
    a word wider than the line is a line of its own."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if line and measure(candidate) > width:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return lines
