"""Text normalisation and word-boundary lexicon matching, in any script.

Normalisation: Unicode NFKD, combining marks dropped (accents, Arabic harakat, the Cyrillic breve),
case-folded, a few letter variants unified (Turkish dotless i, Arabic alef/teh marbuta/alef maksura,
Cyrillic yo), every run of non-word characters turned into one space. Lexicon terms go through the
same function, so ``"Sédition"``, ``"SEDITION"`` and ``"sedition"`` all match the term ``sedition``.

Term syntax (one phrase per term, words separated by spaces):

* ``word*``  - the word and any continuation (``extremis*`` matches extremism, extremist, extremists);
* ``*word``  - any prefix (for Arabic clitics: ``*ارهاب`` matches الارهاب);
* ``..``     - up to three words in between (``insult* .. president`` matches "insulting the president");
* terms in scripts written without spaces (Han, kana, Thai) match anywhere, since those scripts have no
  word boundaries to anchor to. Everything else matches whole words only: ``treason`` never fires inside
  ``treasonable``'s cousin ``reason``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
_CLAUSE_END = re.compile(r"[.;!?\u3002\uff1b\uff01\uff1f](?:\s|$)|[\u3002\uff1b\uff01\uff1f]")
_LETTERS = str.maketrans(
    {
        "ı": "i",
        "ё": "е",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ـ": "",
        "ß": "ss",
        "œ": "oe",
        "æ": "ae",
        "ø": "o",
        "ł": "l",
        "đ": "d",
    }
)
_NO_SPACES = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f]")
_NEGATORS = frozenset(
    {"no", "not", "non", "without", "never", "nor", "sans", "pas", "sin", "без", "не", "нет"}
)


@lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """Fold case, accents and punctuation away; words end up separated by single spaces.

    Sentence and clause ends (``. ; ! ?`` and their CJK forms) become a ``.`` token, so that a phrase
    never matches across two sentences ("insult; later the president spoke" is no insult to him).
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_LETTERS)
    clauses = (_NON_WORD.sub(" ", part).strip() for part in _CLAUSE_END.split(stripped))
    return " . ".join(c for c in clauses if c)


def words(text: str) -> list[str]:
    """The words of a text, normalised (clause-end markers left out)."""
    return [w for w in normalise(text).split(" ") if w and w != "."]


def word_count(text: str) -> int:
    """Words in a text; in scripts written without spaces, every two characters count as a word."""
    n = 0
    for w in words(text):
        dense = len(_NO_SPACES.findall(w))
        n += max(1, (dense + 1) // 2 + (1 if len(w) > dense else 0)) if dense else 1
    return n


@dataclass(frozen=True, slots=True)
class Hit:
    """One lexicon term found in a text: the term as written in the lexicon and the words it matched."""

    term: str
    matched: str
    start: int


def _term_body(term: str) -> tuple[str, bool]:
    """The regex of one term (without its leading boundary) and whether it starts at a word boundary."""
    raw = [t for t in term.split() if t]
    parts: list[str] = []
    for i, tok in enumerate(raw):
        if tok == "..":
            parts.append(r"(?:\w+ ){0,3}")
            continue
        lead = tok.startswith("*")
        trail = tok.endswith("*")
        core = normalise(tok.strip("*"))
        piece = ("\\w*" if lead else "") + re.escape(core).replace("\\ ", " ") + ("\\w*" if trail else "")
        parts.append(piece + (" " if i < len(raw) - 1 else ""))
    body = "".join(parts)
    if _NO_SPACES.search(term):
        return body, False
    return body + r"(?!\w)", not raw[0].startswith("*")


@cache
def _compiled(source: str) -> re.Pattern[str]:
    return re.compile(source)


def _term_regex(term: str) -> str:
    body, anchored = _term_body(term)
    return r"(?<!\w)" + body if anchored else body


class Lexicon:
    """A compiled word list. Build it with :func:`lexicon` (cached), not directly."""

    __slots__ = ("_anchored", "_by_char", "_free", "_free_cores", "_free_patterns", "terms")

    def __init__(self, terms: tuple[str, ...]) -> None:
        self.terms = terms
        kept = [t for t in terms if t.strip()]
        # Each term's own pattern is compiled when first needed (most terms never are in a process).
        self._by_char: dict[str, list[tuple[int, str, str]]] = {}
        self._free_patterns: list[tuple[int, str, str]] = []
        by_first: dict[str, list[str]] = {}
        free: list[str] = []
        cores: list[str] = []
        for i, t in enumerate(kept):
            body, anchored = _term_body(t)
            entry = (i, t, _term_regex(t))
            if anchored and body[0].isalnum():
                by_first.setdefault(body[0], []).append(body[1:])
                self._by_char.setdefault(body[0], []).append(entry)
            else:
                self._free_patterns.append(entry)
                free.append(body)
                first = next(tok for tok in t.split() if tok != "..")
                cores.append(normalise(first.strip("*")))
        # A first-character trie behind one boundary check: at each word start only the alternatives
        # sharing its first letter are tried.
        anchored_alt = "|".join(f"{re.escape(c)}(?:{'|'.join(rest)})" for c, rest in by_first.items())
        self._anchored = re.compile(r"(?<!\w)(?:" + anchored_alt + ")") if anchored_alt else None
        self._free = re.compile("|".join(free)) if free else None
        self._free_cores = tuple(c for c in cores if c)

    def _any(self, norm: str) -> bool:
        if self._anchored is not None and self._anchored.search(norm):
            return True
        return (
            self._free is not None
            and any(c in norm for c in self._free_cores)
            and self._free.search(norm) is not None
        )

    def search(self, text: str, *, skip_negated: bool = False) -> list[Hit]:
        """Every term that occurs in ``text`` (normalised first), in lexicon order, each once.

        ``skip_negated`` ignores an occurrence right after a negation ("no violent act", "sans
        violence"), for lexicons that describe what happened.
        """
        norm = normalise(text)
        if not norm or not self._any(norm):
            return []
        candidates = list(self._free_patterns)
        for char in {w[0] for w in norm.split(" ")}:
            candidates.extend(self._by_char.get(char, ()))
        candidates.sort(key=lambda e: e[0])
        hits: list[Hit] = []
        for _, term, pattern in candidates:
            for m in _compiled(pattern).finditer(norm):
                if skip_negated and _negated(norm, m.start()):
                    continue
                hits.append(Hit(term, m.group(0), m.start()))
                break
        return hits

    def finditer(self, norm: str, *, skip_negated: bool = False) -> list[Hit]:
        """Every occurrence of every term in an already normalised text, in text order (longest first
        where two start at the same place); overlapping occurrences of different terms are all kept."""
        if not norm or not self._any(norm):
            return []
        candidates = list(self._free_patterns)
        for char in {w[0] for w in norm.split(" ") if w}:
            candidates.extend(self._by_char.get(char, ()))
        hits: list[Hit] = []
        for _, term, pattern in candidates:
            for m in _compiled(pattern).finditer(norm):
                if skip_negated and _negated(norm, m.start()):
                    continue
                hits.append(Hit(term, m.group(0), m.start()))
        hits.sort(key=lambda h: (h.start, -len(h.matched)))
        return hits

    def first(self, text: str, *, skip_negated: bool = False) -> Hit | None:
        found = self.search(text, skip_negated=skip_negated)
        return found[0] if found else None

    def __contains__(self, text: object) -> bool:
        return isinstance(text, str) and self._any(normalise(text))


def _negated(norm: str, start: int) -> bool:
    before = norm[:start].split()[-3:]
    return any(w in _NEGATORS for w in before)


@lru_cache(maxsize=256)
def lexicon(terms: tuple[str, ...]) -> Lexicon:
    """The compiled form of a word list (cached by its contents, so settings stay plain data)."""
    return Lexicon(terms)
