"""Is this the same person? Names compared after normalisation, across scripts; birth dates as ranges.

Used by RN-16 (a refused subject re-filed under another notice type) and by the in-memory context.
Deliberately simple and explainable; the screening matcher is the place for fuzzy scoring.
"""

from __future__ import annotations

from dataclasses import dataclass

from rednotice.domain.compliance.text import normalise
from rednotice.domain.dates import PartialDate
from rednotice.domain.errors import N_, Term, Text
from rednotice.domain.model import Subject

_CYRILLIC = str.maketrans(
    {
        "а": "a",
        "б": "b",
        "в": "v",
        "г": "g",
        "д": "d",
        "е": "e",
        "ж": "zh",
        "з": "z",
        "и": "i",
        "к": "k",
        "л": "l",
        "м": "m",
        "н": "n",
        "о": "o",
        "п": "p",
        "р": "r",
        "с": "s",
        "т": "t",
        "у": "u",
        "ф": "f",
        "х": "kh",
        "ц": "ts",
        "ч": "ch",
        "ш": "sh",
        "щ": "shch",
        "ъ": "",
        "ы": "y",
        "ь": "",
        "э": "e",
        "ю": "yu",
        "я": "ya",
        "і": "i",
        "ї": "i",
        "є": "ye",
        "ґ": "g",
    }
)
# Spelling variants that romanisations disagree on, folded to one form.
_FOLDS = (
    ("kh", "h"),
    ("yu", "iu"),
    ("ya", "ia"),
    ("iy", "i"),
    ("ii", "i"),
    ("y", "i"),
    ("j", "i"),
    ("w", "v"),
    ("ph", "f"),
    ("ck", "k"),
    ("q", "k"),
    ("c", "k"),
)


def name_tokens(text: str) -> tuple[str, ...]:
    """Normalised, romanised, spelling-folded tokens of a name (order kept)."""
    out = []
    for tok in normalise(text).translate(_CYRILLIC).split():
        if tok.isascii():
            for a, b in _FOLDS:
                tok = tok.replace(a, b)
        out.append(tok)
    return tuple(out)


def name_keys(subject: Subject) -> set[frozenset[str]]:
    """One token set per name the subject is known by (name, aliases, names in the original script)."""
    keys = {frozenset(name_tokens(n.full())) for n in subject.all_names()}
    for original in subject.names_original_script:
        tokens = name_tokens(original)
        keys.add(frozenset(tokens))
        if len(tokens) == 1 and not tokens[0].isascii():
            keys.add(frozenset({"".join(tokens)}))
    return {k for k in keys if k}


def names_match(a: Subject, b: Subject) -> tuple[bool, str]:
    """Equal token sets, or one set inside the other with at least two tokens (a middle name dropped)."""
    for ka in name_keys(a):
        for kb in name_keys(b):
            if ka == kb:
                return True, " ".join(sorted(ka))
            small, big = (ka, kb) if len(ka) <= len(kb) else (kb, ka)
            if len(small) >= 2 and small <= big:
                return True, " ".join(sorted(small))
    return False, ""


def min_shared_tokens(keys: set[frozenset[str]]) -> int:
    """How many tokens a candidate must share with names of these keys to possibly match: equal token
    sets, or one inside the other with at least two tokens (``names_match``), so two, or one when a
    one-token name is involved. Lets a store narrow identity candidates without missing a match."""
    return 1 if any(len(k) == 1 for k in keys) else 2


def dates_compatible(a: PartialDate | None, b: PartialDate | None) -> bool | None:
    """None when either is unknown; otherwise whether the two (possibly partial) dates can be the same day."""
    if a is None or b is None:
        return None
    return a.earliest() <= b.latest() and b.earliest() <= a.latest()


@dataclass(frozen=True, slots=True)
class IdentityMatch:
    same: bool
    reason: str


def same_person(a: Subject, b: Subject) -> IdentityMatch:
    """Names must match; birth dates must be compatible when both are known, and when one is not, the
    two must share a nationality."""
    ok, name = names_match(a, b)
    if not ok:
        return IdentityMatch(False, "names differ")
    dob = dates_compatible(a.date_of_birth, b.date_of_birth)
    if dob is False:
        return IdentityMatch(False, f"same name ({name}) but different birth dates")
    if dob is True:
        when = a.date_of_birth or b.date_of_birth
        # a Text: RN-16's finding quotes it, and pages show it in the reader's language
        reason = Text(
            N_("same name (%(name)s) and compatible birth date (%(date)s)"), name=name, date=str(when)
        )
        return IdentityMatch(True, reason)
    shared = sorted(set(a.nationalities) & set(b.nationalities))
    if shared:
        reason = Text(
            N_("same name (%(name)s), birth date unknown, shared nationality %(country)s"),
            name=name,
            country=Term("country", shared[0]),
        )
        return IdentityMatch(True, reason)
    return IdentityMatch(False, f"same name ({name}) but nothing else to confirm it")
