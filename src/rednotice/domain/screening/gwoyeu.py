"""Gwoyeu Romatzyh (GR): the Mandarin romanisation that spells the tone in the letters (Shyh, Jyh, Tsair,
Shiow, Yuh), still seen on Taiwanese passports and in Taiwanese names beside Wade-Giles.

The rules are those of the National Romanization adopted by the Republic of China's Ministry of Education
in 1928 (Y. R. Chao, "A Grammar of Spoken Chinese", 1968, pp. xxv-xxvii; summarised in Wikipedia's
"Gwoyeu Romatzyh", tonal spelling): the first tone is the basic form (with ``h`` after a sonorant initial
m n l r); the second adds ``r`` after the vowel, or writes a medial or final ``i``/``u`` as ``y``/``w``
(sonorants: the basic form); the third doubles a lone vowel or writes ``i``/``u`` as ``e``/``o``; the
fourth writes a final ``i u n ng l`` as ``y w nn nq ll``, else adds ``h``. A syllable without an initial
writes its first ``i``/``u`` as ``y``/``w`` in the second, third and fourth tones (Yih, Wuh, Yeou).

Only whole name parts are read as GR (:func:`readings`): the tonal letters (``h``, doubled vowels) would
otherwise cut ordinary Latin words into syllables.
"""

from __future__ import annotations

_INITIALS = (
    ("zh", "j"),
    ("ch", "ch"),
    ("sh", "sh"),
    ("b", "b"),
    ("p", "p"),
    ("m", "m"),
    ("f", "f"),
    ("d", "d"),
    ("t", "t"),
    ("n", "n"),
    ("l", "l"),
    ("g", "g"),
    ("k", "k"),
    ("h", "h"),
    ("j", "j"),
    ("q", "ch"),
    ("x", "sh"),
    ("r", "r"),
    ("z", "tz"),
    ("c", "ts"),
    ("s", "s"),
)
_SONORANTS = frozenset("mnlr")
_ZERO = {
    "yi": "i",
    "ya": "ia",
    "ye": "ie",
    "yao": "iau",
    "you": "iou",
    "yan": "ian",
    "yin": "in",
    "yang": "iang",
    "ying": "ing",
    "yong": "iong",
    "wu": "u",
    "wa": "ua",
    "wo": "uo",
    "wai": "uai",
    "wei": "uei",
    "wan": "uan",
    "wen": "uen",
    "wang": "uang",
    "weng": "ueng",
    "yu": "iu",
    "yue": "iue",
    "yuan": "iuan",
    "yun": "iun",
}
"""Pinyin syllables without an initial, as GR's basic finals."""
_FINALS = {
    "ao": "au",
    "iao": "iau",
    "iu": "iou",
    "ui": "uei",
    "un": "uen",
    "er": "el",
    "v": "iu",
    "ve": "iue",
}
_THIRD = {
    "a": "aa",
    "o": "oo",
    "e": "ee",
    "y": "yy",
    "i": "ii",
    "u": "uu",
    "iu": "eu",
    "ai": "ae",
    "ei": "eei",
    "au": "ao",
    "ou": "oou",
    "an": "aan",
    "en": "een",
    "ang": "aang",
    "eng": "eeng",
    "ong": "oong",
    "in": "iin",
    "ing": "iing",
    "el": "eel",
    "ie": "iee",
    "uo": "uoo",
    "iue": "eue",
}


def basic(pinyin: str) -> tuple[str, str] | None:
    """(initial, final) of a toneless pinyin syllable in GR's basic (first-tone) letters, or None."""
    s = pinyin.replace("ü", "v")
    if s in _ZERO:
        return "", _ZERO[s]
    if s in ("a", "o", "e", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "er"):
        return "", _FINALS.get(s, s)
    for py, gr in _INITIALS:
        if s.startswith(py) and len(s) > len(py):
            final = s[len(py) :]
            if py in ("j", "q", "x") and final.startswith("u"):
                final = "v" + final[1:]  # ju, qu, xu are jü, qü, xü
            if final == "i" and py in ("zh", "ch", "sh", "r", "z", "c", "s"):
                return gr, "y"
            final = _FINALS.get(final, final)
            if final.startswith("v"):
                final = "iu" + final[1:]
            return gr, final
    return None


_PREFIXED = ("i", "u", "in", "ing")
"""Finals whose ``i``/``u`` keeps its letter after the ``y``/``w`` of a syllable without an initial (Yih,
Wuh, Yiin); in the other finals the ``y``/``w`` takes its place (Yaw, Wann, Yeou)."""


def tonal(pinyin: str, tone: int) -> str:
    """The GR spelling of a pinyin syllable in ``tone`` (1-4; anything else gives the basic form), or ''."""
    parts = basic(pinyin)
    if parts is None:
        return ""
    initial, final = parts
    if tone not in (2, 3, 4):
        return initial + ("h" if initial[:1] in _SONORANTS and tone == 1 else "") + final
    if tone == 2:
        if initial[:1] in _SONORANTS:
            return initial + final
        if final[:1] in ("i", "u"):
            head = "y" if final[0] == "i" else "w"
            return initial + (head + final if final in ("i", "u") else head + final[1:])
        return initial + _add_r(final)
    if tone == 3:
        if final in _THIRD:
            out = _THIRD[final]
        elif final[:1] == "i":
            out = "e" + final[1:]
        elif final[:1] == "u":
            out = "o" + final[1:]
        else:
            out = final
    elif final.endswith("ng"):
        out = final[:-2] + "nq"
    elif final.endswith(("n", "l")):
        out = final + final[-1]
    elif final.endswith(("i", "u")) and len(final) > 1 and final != "iu":
        out = final[:-1] + ("y" if final[-1] == "i" else "w")
    else:
        out = final + "h"
    if not initial and final[:1] in ("i", "u"):
        head = "y" if final[0] == "i" else "w"
        changed = out[0] != final[0]  # third tone: the i or u written e or o (Yeou, Woan) keeps it
        out = head + out if final in _PREFIXED or changed else head + out[1:]
    return initial + out


def _add_r(final: str) -> str:
    """Second tone: r after the vowels, before a final n, ng or l (tsair, cherng, shyr)."""
    for end in ("ng", "n", "l"):
        if final.endswith(end) and len(final) > len(end):
            return final[: -len(end)] + "r" + end
    return final + "r"


def table(syllables: frozenset[str]) -> dict[str, frozenset[str]]:
    """GR spelling -> the pinyin syllables it writes, every tone of every syllable in ``syllables``,
    leaving out those that are a pinyin syllable themselves (GR ``wen`` is pinyin wen) and those of three
    letters or fewer but the fourth tone's (Jyh, Yuh): ``ann`` (按), ``eel`` (耳) and ``lii`` (里) are
    more often English than Chinese."""
    out: dict[str, set[str]] = {}
    for s in syllables:
        for tone in (1, 2, 3, 4):
            gr = tonal(s, tone)
            if (len(gr) > 3 or (len(gr) == 3 and gr.endswith("h"))) and gr not in syllables:
                out.setdefault(gr, set()).add(s)
    return {k: frozenset(v) for k, v in out.items()}
