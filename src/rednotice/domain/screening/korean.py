"""Korean names in Hangul -> the Latin spellings passports and lists use.

A Hangul syllable (U+AC00..U+D7A3) is arithmetic on its three letters: ``code = 0xAC00 + (lead * 21 +
vowel) * 28 + tail`` (Unicode Standard, chapter 3.12, "Conjoining Jamo Behavior"), so no library is
needed. Each letter has the spellings of:

* **Revised Romanization** (Ministry of Culture and Tourism, Notice 2000-8; South Korean passports since
  2000, chosen freely since 2007 among the holder's customary spellings): g, d, b, j; eo, eu;
* **McCune-Reischauer** without its breves and apostrophes (North Korea and older South Korean usage):
  k, t, p, ch; o for eo, u for eu (Pak, Choe, Chong);
* the **customary spellings** people keep (oo for u, ee for i, u for eo: Moon, Lee, Jung).

Family names have their own customary spellings, from :data:`.tables.KOREAN_SURNAMES` (이 Lee, Yi, Rhee,
Ri; 박 Park, Pak, Bak...), which no rule gives. Given names are one name: :func:`given_spellings` joins the
syllables (Jaein; a hyphenated or spaced Jae-in, Jae In is met by the matcher's joined forms), and
:func:`syllable_spellings` gives each syllable on its own for names written with a space per syllable.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import product

from rednotice.domain.screening import tables

HANGUL = re.compile(r"[\uac00-\ud7a3]")
_BASE = 0xAC00
_LAST = 0xD7A3
MAX_GIVEN = 24
"""Cap on the spellings of a joined given name."""

# Initial consonants, in Unicode order: Revised Romanization first, then McCune-Reischauer and customary.
LEADS: tuple[tuple[str, ...], ...] = (
    ("g", "k"),  # ㄱ
    ("kk", "gg"),  # ㄲ
    ("n",),  # ㄴ
    ("d", "t"),  # ㄷ
    ("tt", "dd"),  # ㄸ
    ("r", "l", "n"),  # ㄹ (an initial ㄹ is n or silent in South Korean names: 류 Ryu, Yu)
    ("m",),  # ㅁ
    ("b", "p"),  # ㅂ
    ("pp", "bb"),  # ㅃ
    ("s",),  # ㅅ (sh before i and y: 신 Shin, 시 Shi)
    ("ss",),  # ㅆ
    ("",),  # ㅇ
    ("j", "ch"),  # ㅈ
    ("jj", "tch"),  # ㅉ
    ("ch",),  # ㅊ
    ("k",),  # ㅋ
    ("t",),  # ㅌ
    ("p",),  # ㅍ
    ("h",),  # ㅎ
)
# Vowels, in Unicode order.
VOWELS: tuple[tuple[str, ...], ...] = (
    ("a",),  # ㅏ
    ("ae", "e"),  # ㅐ
    ("ya",),  # ㅑ
    ("yae", "ye"),  # ㅒ
    ("eo", "o", "u"),  # ㅓ (MR ŏ; customary u: 정 Jung)
    ("e",),  # ㅔ
    ("yeo", "yo", "you"),  # ㅕ
    ("ye",),  # ㅖ
    ("o",),  # ㅗ
    ("wa",),  # ㅘ
    ("wae", "we"),  # ㅙ
    ("oe", "oi", "we"),  # ㅚ
    ("yo",),  # ㅛ
    ("u", "oo"),  # ㅜ
    ("wo",),  # ㅝ
    ("we",),  # ㅞ
    ("wi", "wee"),  # ㅟ
    ("yu", "yoo", "you"),  # ㅠ
    ("eu", "u"),  # ㅡ (MR ŭ)
    ("ui", "eui"),  # ㅢ
    ("i", "ee"),  # ㅣ
)
# Final consonants, in Unicode order (index 0: none). Both systems write the sound, not the letter.
TAILS: tuple[tuple[str, ...], ...] = (
    ("",),
    ("k",),  # ㄱ
    ("k",),  # ㄲ
    ("k",),  # ㄳ
    ("n",),  # ㄴ
    ("n",),  # ㄵ
    ("n",),  # ㄶ
    ("t",),  # ㄷ
    ("l",),  # ㄹ
    ("k",),  # ㄺ
    ("m",),  # ㄻ
    ("l",),  # ㄼ
    ("l",),  # ㄽ
    ("l",),  # ㄾ
    ("p",),  # ㄿ
    ("l",),  # ㅀ
    ("m",),  # ㅁ
    ("p",),  # ㅂ
    ("p",),  # ㅄ
    ("t",),  # ㅅ
    ("t",),  # ㅆ
    ("ng",),  # ㅇ
    ("t",),  # ㅈ
    ("t",),  # ㅊ
    ("k",),  # ㅋ
    ("t",),  # ㅌ
    ("p",),  # ㅍ
    ("t",),  # ㅎ
)


def is_hangul(text: str) -> bool:
    return bool(HANGUL.search(text))


def decompose(syllable: str) -> tuple[int, int, int] | None:
    """(lead, vowel, tail) indices of a Hangul syllable, or None for any other character."""
    code = ord(syllable)
    if not _BASE <= code <= _LAST:
        return None
    code -= _BASE
    return code // 588, (code % 588) // 28, code % 28


@lru_cache(maxsize=20_000)
def syllable_spellings(syllable: str) -> tuple[str, ...]:
    """Every spelling of one syllable, Revised Romanization first (김: gim, kim)."""
    parts = decompose(syllable)
    if parts is None:
        return ()
    lead, vowel, tail = parts
    leads = list(LEADS[lead])
    if lead == 9 and VOWELS[vowel][0][0] in "iy":  # ㅅ before i, y: shi, shin
        leads.append("sh")
    vowels = VOWELS[vowel] if not tail else tuple(v for v in VOWELS[vowel] if not v.endswith("ee"))
    out = ["".join(p) for p in product(leads, vowels, TAILS[tail])]
    return tuple(dict.fromkeys(out))


def romanised(text: str) -> str:
    """The Revised Romanization of a Hangul text, syllable by syllable, joined (문재인 -> munjaein)."""
    return "".join((syllable_spellings(c) or ("",))[0] for c in text)


def surname_length(text: str) -> int:
    """How many syllables of a Hangul name are the family name (two for 남궁, 황보, 제갈, 선우...)."""
    return 2 if text[:2] in tables.KOREAN_COMPOUND_SURNAMES and len(text) > 2 else 1


@lru_cache(maxsize=20_000)
def surname_spellings(text: str) -> frozenset[str]:
    """The spellings of a family name: its customary ones (:data:`.tables.KOREAN_SURNAMES`) and those
    of its syllables."""
    out = set(tables.KOREAN_SURNAMES.get(text, ()))
    out |= set(given_spellings(text))
    return frozenset(out)


@lru_cache(maxsize=20_000)
def given_spellings(text: str) -> tuple[str, ...]:
    """Spellings of a given name, its syllables joined (재인: jaein, chaein...), at most
    :data:`MAX_GIVEN`, Revised Romanization and McCune-Reischauer first."""
    choices = [syllable_spellings(c) for c in text if decompose(c) is not None]
    if not choices:
        return ()
    out: dict[str, None] = {}
    # Each system on its own first (every syllable in its first, then its second spelling), then mixes.
    for k in range(max(len(c) for c in choices)):
        out["".join(c[min(k, len(c) - 1)] for c in choices)] = None
    for combo in product(*choices):
        if len(out) >= MAX_GIVEN:
            break
        out["".join(combo)] = None
    return tuple(out)


def same_surname(a: str, b: str) -> bool:
    """Two family names in Hangul that are one name (North Korean 리, 량, 로, 림, 류 and South Korean 이,
    양, 노, 임, 유: the initial ㄹ that South Korea drops)."""
    x, y = tables.KOREAN_SURNAMES.get(a), tables.KOREAN_SURNAMES.get(b)
    return bool(x and y and x[0] in y and y[0] in x)
