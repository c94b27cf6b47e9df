"""Han characters as Hong Kong and Macao documents spell them in Cantonese (Chan Tai Man for 陳大文).

Hong Kong identity cards and passports romanise names by the Cantonese sound, in the Hong Kong
Government's customary spelling, which is not a published scheme but a well-known habit: Jyutping
initials ``b d g z c j`` are written ``p t k ch/ts ch/ts y``, finals keep their letters with a few
long forms (``oeng`` is ``eung``, ``eoi`` is ``ui``, ``yun`` is ``uen``), and a syllable often has more
than one accepted spelling (``zi`` is Chi or Tsz, ``si`` is Si or Sze, ``lei`` is Lei or Lee, the short
``a`` of ``sam`` and ``zan`` is Sam or Sum, Chan or Chun).

The vowel table follows Wikipedia's "Hong Kong Government Cantonese Romanisation" (finals: ``ei`` Lei,
Lee, Sze; ``i`` Yi, Sze, Chee; ``oi`` Choi, Choy; ``yu`` Yu, Shue). Names on identity cards add spellings
that mark a vowel as English readers would say it: the open ``o`` written ``or`` (Carrie LAM CHENG
Yuet-ngor 娥 ngo4, Chor, Lor, Sor: an ``o`` alone would be read as the ``ou`` of 高 Ko), ``ik`` and ``ok``
written ``ick`` and ``ock`` (Yick, Sick, Lock), and ``ei`` written ``i`` (Ki, Hi beside Kei, Hei).

The characters' Cantonese readings come from ToJyutping (BSD-2-Clause, the CanCLID workgroup's
dictionary, which reads simplified and traditional characters alike); this module only turns Jyutping
into those spellings. Each character is read by its most likely reading.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import product

import ToJyutping

_INITIALS = ("gw", "kw", "ng", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "w", "z", "c", "s", "j")
_INITIAL_SPELLINGS: dict[str, tuple[str, ...]] = {
    "": ("",),
    "b": ("p",),
    "p": ("p",),
    "m": ("m",),
    "f": ("f",),
    "d": ("t",),
    "t": ("t",),
    "n": ("n",),
    "l": ("l",),
    "g": ("k",),
    "k": ("k",),
    "ng": ("ng",),
    "h": ("h",),
    "gw": ("kw",),
    "kw": ("kw",),
    "w": ("w",),
    "z": ("ch", "ts"),
    "c": ("ch", "ts"),
    "s": ("s", "sh"),
    "j": ("y",),
}
_FINAL_SPELLINGS: dict[str, tuple[str, ...]] = {
    "aa": ("a", "ah"),
    "aai": ("ai",),
    "aau": ("au",),
    "aam": ("am",),
    "aan": ("an",),
    "aang": ("ang",),
    "aap": ("ap",),
    "aat": ("at",),
    "aak": ("ak",),
    "ai": ("ai",),
    "au": ("au", "ow"),
    "am": ("am", "um"),
    "an": ("an", "un"),
    "ang": ("ang",),
    "ap": ("ap", "up"),
    "at": ("at", "ut"),
    "ak": ("ak",),
    "e": ("e",),
    "ei": ("ei", "ee", "i"),
    "eng": ("eng",),
    "ek": ("ek",),
    "eu": ("eu",),
    "i": ("i", "ee"),
    "iu": ("iu",),
    "im": ("im",),
    "in": ("in",),
    "ing": ("ing",),
    "ip": ("ip",),
    "it": ("it",),
    "ik": ("ik", "ick"),
    "o": ("o", "or", "oh"),
    "oi": ("oi", "oy"),
    "ou": ("o", "ou"),
    "on": ("on",),
    "ong": ("ong",),
    "ot": ("ot",),
    "ok": ("ok", "ock"),
    "u": ("u", "oo"),
    "ui": ("ui", "ooi"),
    "un": ("un", "oon"),
    "ung": ("ung",),
    "ut": ("ut",),
    "uk": ("uk",),
    "oe": ("oe",),
    "oeng": ("eung",),
    "oek": ("euk",),
    "eoi": ("ui", "eui"),
    "eon": ("un",),
    "eot": ("ut",),
    "yu": ("u", "ue"),
    "yun": ("un", "uen"),
    "yut": ("ut", "uet"),
    "m": ("m",),
    "ng": ("ng",),
}
_SIBILANT_I = {
    "z": ("tsz", "tze", "chi", "ji"),
    "c": ("tsz", "tze", "chi"),
    "s": ("sze", "sz", "si", "see", "shi"),
}
"""``zi ci si`` have spellings of their own (Tsz, Sze)."""
_TONE = re.compile(r"[1-6]$")
MAX_SYLLABLE_SPELLINGS = 4
MAX_NAME_SPELLINGS = 12
SURNAME_READINGS = 3


def syllable_spellings(jyutping: str) -> tuple[str, ...]:
    """The Hong Kong spellings of one Jyutping syllable (tone optional), most usual first; () if it is
    not Jyutping."""
    syllable = _TONE.sub("", jyutping.strip().lower())
    if syllable in ("m", "ng"):  # syllabic nasals: 吳 ng4 is Ng
        return (syllable,)
    initial = next((i for i in _INITIALS if syllable.startswith(i) and syllable != i), "")
    final = syllable[len(initial) :]
    if final == "i" and initial in _SIBILANT_I:
        return _SIBILANT_I[initial]
    finals = _FINAL_SPELLINGS.get(final)
    if finals is None:
        return ()
    if final.startswith("yu") and initial in ("j", ""):  # jyu, jyun, jyut: Yu, Yuen, Yuet
        return tuple("y" + f for f in finals)
    out = [i + f for i, f in product(_INITIAL_SPELLINGS[initial], finals)]
    return tuple(dict.fromkeys(out))[:MAX_SYLLABLE_SPELLINGS]


@lru_cache(maxsize=100_000)
def surname_readings(text: str) -> tuple[tuple[str, ...], ...]:
    """Each reading ToJyutping gives a family name (at most :data:`SURNAME_READINGS`, likeliest first): a
    character read one way as a word may be read another as a surname (單 daan1 is the surname Sin, 易 ji6
    is Yik)."""
    out: list[tuple[str, ...]] = []
    for _char, candidates in ToJyutping.get_jyutping_candidates(text):
        if candidates:
            out.append(tuple(c.split()[0] for c in candidates[:SURNAME_READINGS]))
    return tuple(out)


@lru_cache(maxsize=100_000)
def readings(text: str) -> tuple[str, ...]:
    """The most likely Jyutping reading of each Han character of ``text`` (other characters skipped)."""
    out = []
    for _char, candidates in ToJyutping.get_jyutping_candidates(text):
        if candidates:
            out.append(candidates[0].split()[0])
    return tuple(out)


def surname_spellings(text: str) -> set[str]:
    """Every Hong Kong spelling of a family name in characters, by each of its readings."""
    by_char = surname_readings(text)
    out: set[str] = set()
    for combo in list(product(*by_char))[:MAX_NAME_SPELLINGS] if by_char else ():
        out |= spellings(combo)
    return out


def spellings(syllables: tuple[str, ...]) -> set[str]:
    """Every way of writing these Jyutping syllables joined as one name part (at most
    :data:`MAX_NAME_SPELLINGS`, the most usual spellings first)."""
    choices = [syllable_spellings(s) for s in syllables]
    if not choices or not all(choices):
        return set()
    return {"".join(combo) for combo in list(product(*choices))[:MAX_NAME_SPELLINGS]}
