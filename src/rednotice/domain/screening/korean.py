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
MAX_GIVEN = 64
SURNAME_SPELLINGS_IN_GIVEN = 3
"""How many of a surname's customary spellings a syllable of a given name also has (the likeliest)."""
"""Cap on the spellings of a joined given name."""

# Initial consonants, in Unicode order: Revised Romanization first, then McCune-Reischauer and customary.
LEADS: tuple[tuple[str, ...], ...] = (
    ("g", "k"),  # ㄱ
    ("kk", "gg"),  # ㄲ
    ("n",),  # ㄴ
    ("d", "t"),  # ㄷ
    ("tt", "dd"),  # ㄸ
    ("r", "l", "n", ""),  # ㄹ (an initial ㄹ is n or silent in South Korean names: 류 Ryu, Yu; 룡 Yong)
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
    ("ae", "e", "ai"),  # ㅐ (customary ai: 개 Kai)
    ("ya",),  # ㅑ
    ("yae", "ye"),  # ㅒ
    ("eo", "o", "u", "eu", "ou"),  # ㅓ (MR ŏ; customary u, eu, ou: 정 Jung, Jeung, Choung)
    ("e", "ae"),  # ㅔ (customary ae: 세 Sae, as ㅐ and ㅔ sound alike)
    ("yeo", "yo", "you", "yu"),  # ㅕ (customary yu: 경 Kyung, 현 Hyun, 병 Byung)
    ("ye",),  # ㅖ
    ("o",),  # ㅗ
    ("wa",),  # ㅘ
    ("wae", "we"),  # ㅙ
    ("oe", "oi", "we"),  # ㅚ
    ("yo",),  # ㅛ
    ("u", "oo"),  # ㅜ
    ("wo", "weo"),  # ㅝ (customary weo: 권 Kweon)
    ("we",),  # ㅞ
    ("wi", "wee"),  # ㅟ
    ("yu", "yoo", "you"),  # ㅠ
    ("eu", "u"),  # ㅡ (MR ŭ)
    ("ui", "eui", "ee", "i"),  # ㅢ (customary ee, i: 희 Hee, Hi)
    ("i", "ee"),  # ㅣ
)
# Final consonants, in Unicode order (index 0: none). Both systems write the sound, not the letter.
TAILS: tuple[tuple[str, ...], ...] = (
    ("",),
    ("k", "g", "ck"),  # ㄱ (customary g, ck: 석 Seog, 학 Hag, Hack)
    ("k",),  # ㄲ
    ("k",),  # ㄳ
    ("n",),  # ㄴ
    ("n",),  # ㄵ
    ("n",),  # ㄶ
    ("t",),  # ㄷ
    ("l", "ll"),  # ㄹ (customary ll: 일 Ill)
    ("k",),  # ㄺ
    ("m",),  # ㄻ
    ("l",),  # ㄼ
    ("l",),  # ㄽ
    ("l",),  # ㄾ
    ("p",),  # ㄿ
    ("l",),  # ㅀ
    ("m",),  # ㅁ
    ("p", "b"),  # ㅂ (customary b: 섭 Sub, 협 Hyub)
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


_WITH_H = {0: "ah", 8: "oh", 20: "yi"}
"""Customary spellings of a vowel alone in its syllable (ㅇ + ㅏ, ㅗ, ㅣ)."""


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
    if vowel == 7 and lead not in (5, 11):  # ㅖ after a consonant is said ㅔ: 혜 Hye, He, Hae; 계 Kye, Ke
        vowels += ("e", "ae")
    if lead == 11 and vowel == 13:  # 우, 욱, 운 written with a w: Woo, Wook, Woon, Wuk
        vowels += ("woo", "wu")
    if lead == 11 and not tail and vowel in _WITH_H:  # 오 Oh, 아 Ah, 이 Yi
        vowels += (_WITH_H[vowel],)
    out = ["".join(p) for p in product(leads, vowels, TAILS[tail])]
    # A syllable that is also a family name is often spelled in a given name as the surname is on
    # passports (이 Lee, 조 Joe: Lee Jae for 이재), by the same customary spellings.
    out += tables.KOREAN_SURNAMES.get(syllable, ())[:SURNAME_SPELLINGS_IN_GIVEN]
    return tuple(dict.fromkeys(out))


def spells(hangul: str, latin: str) -> bool:
    """Whether ``latin`` (lower-case letters) is the Hangul text's syllables, each in one of its spellings,
    one after the other (a given name's spellings are too many to list: 경욱 Kyungwook, Gyeonguk...)."""
    choices = [syllable_spellings(c) for c in hangul]
    if not choices or not all(choices):
        return False
    ends = {0}
    for spellings in choices:
        ends = {e + len(s) for e in ends for s in spellings if latin.startswith(s, e)}
        if not ends:
            return False
    return len(latin) in ends


@lru_cache(maxsize=1)
def _every_syllable() -> frozenset[str]:
    """Every spelling of every Hangul syllable."""
    return frozenset(s for code in range(_BASE, _LAST + 1) for s in syllable_spellings(chr(code)) if s)


@lru_cache(maxsize=50_000)
def is_spelling(latin: str) -> bool:
    """Whether ``latin`` (lower-case letters) is some Hangul text's syllables in one of their spellings
    (taewon is 태원; syng is no syllable, so Syng-man can only be a typo of Seung-man)."""
    every = _every_syllable()
    ends = [False] * (len(latin) + 1)
    ends[0] = True
    for i in range(len(latin)):
        if ends[i]:
            for j in range(i + 1, min(len(latin), i + 8) + 1):
                if latin[i:j] in every:
                    ends[j] = True
    return ends[-1]


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
