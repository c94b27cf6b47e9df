"""Names across scripts: normalisation and the keys that make different spellings of one name meet.

A name is analysed once into an :class:`AnalysedName`: one or more *forms* (the name as written, and with
adjacent parts joined, so ``Xiao Ming`` meets ``Xiaoming``), each a tuple of :class:`Token`. A token holds
every Latin spelling the written part can stand for:

* **Han** characters: pinyin (pypinyin; surname readings and two-character surnames from
  :mod:`.tables`), Wade-Giles, and the Cantonese, Hokkien and other spellings of common surnames.
  Given names get a joined token (``xiaoming``) and a form with one token per syllable.
* **Latin names that look Chinese** (every part segments into pinyin or Wade-Giles syllables and one part
  is a Chinese surname): the other system's spelling, and the other spellings of the surname.
* **Cyrillic**: ICAO 9303, BGN/PCGN, German, French and Ukrainian spellings, with the -ий/-ый endings
  and the -ов/-off/-ow forms.
* **Arabic script**: a Latin consonant skeleton (short vowels are not written), and the common spellings
  of well-known names (:data:`.tables.ARABIC_NAMES`).
* **Latin** with diacritics: plain letters (anyascii: Turkish ı ş ğ, Vietnamese, Polish ł...) and the ICAO
  MRZ forms (Ü→UE, Ö→OE, Ä→AE, Å→AA, ß→SS); Arabic names' articles (al-, el-, ad-Din) and Abd/Abdel/Abdul
  compounds are folded; other scripts go through anyascii.

Each spelling also gets a *phonetic key* (spellings that sound alike: Yuriy, Iouri, Iurii -> ``iuri``)
and, outside Chinese names, a *consonant skeleton* (Mohammed, Muhammad, محمد -> ``mhmd``). Tokens are
compared by :func:`token_similarity` (same spelling, same key, one or two letters apart, same skeleton,
a truncated or initial form) and names by :func:`name_similarity` (best pairing of tokens in any order;
a dropped middle name costs a little). Every comparison says why.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import product

from anyascii import anyascii
from pypinyin import Style, lazy_pinyin, pinyin
from pypinyin.style import convert as pinyin_convert
from rapidfuzz.distance import OSA

from rednotice.domain.screening import cantonese, gwoyeu, hokkien, korean, tables

MAX_SPELLINGS = 24
"""Cap on the spellings one token carries (a long Chinese token could otherwise multiply out)."""

# ---------------------------------------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------------------------------------

_APOSTROPHES = re.compile(r"['’ʻʼ`´‘]")
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_.,;:/\\()\[\]{}\"<>|+&*#@!?0-9·・･•‧∙⋅⸱ㆍ]+")
"""Hyphens, punctuation, digits and the middle dots that part transliterated foreign names in Chinese
and Japanese (莫哈默·费沙, ジョン・スミス: U+00B7, U+30FB, U+FF65, U+2022, U+2027, U+2219, U+22C5,
U+2E31, U+318D)."""
_FORMAT = re.compile(r"[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
"""Invisible format characters copied with names: direction marks (a list's آوایی\u200e), the Persian
zero-width non-joiner inside a word (عبدالحسین), soft hyphens. They are no letters and part nothing."""
_AZERBAIJANI = str.maketrans({"ə": "a", "ş": "sh", "ç": "ch", "x": "kh", "c": "j", "ğ": "gh", "ı": "i"})
"""Azerbaijani Latin letters in English spelling (Əliyev Aliyev, Rəşad Rashad, Xəlilov Khalilov, Cəfər
Jafar): the BGN/PCGN romanization of Azerbaijani Cyrillic, which those letters replaced in 1991."""
_ITERATION_MARK = re.compile(r"(.)々")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_HAN_OR_KANA = re.compile(r"(?:[\u3040-\u30ff]|" + _HAN.pattern + ")+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_HEBREW = re.compile(r"[\u05d0-\u05ea\ufb1d-\ufb4f]")
_NOT_LETTER = re.compile(r"[^a-z]")


def _strip_marks(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def raw_tokens(text: str) -> list[str]:
    """NFKC, case-folded parts of a name: ICAO ``<`` fillers, hyphens, punctuation and middle dots separate
    parts, apostrophes do not (O'Brien -> obrien, Ch'ang -> chang)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _APOSTROPHES.sub("", _FORMAT.sub("", text))
    if "々" in text:  # the iteration mark repeats the character before it: 佐々木 is 佐佐木
        text = _ITERATION_MARK.sub(r"\1\1", text)
    return [t for t in _SEPARATORS.split(text) if t]


def ascii_fold(token: str) -> str:
    """Plain ASCII letters: diacritics dropped, other scripts transliterated (anyascii), ı -> i, ł -> l."""
    return _NOT_LETTER.sub("", anyascii(token).lower())


def icao_fold(token: str) -> str:
    """The ICAO 9303 MRZ form of a Latin token (Ü -> UE, Å -> AA, ß -> SS, then diacritics dropped)."""
    out = "".join(tables.ICAO_LATIN.get(c, c) for c in token)
    return ascii_fold(out)


def normalise(text: str) -> str:
    """One readable, comparable form of a name: ASCII, lower case, single spaces, in the order given."""
    return " ".join(t for t in (ascii_fold(t) for t in raw_tokens(text)) if t)


def mrz_name(field: str) -> tuple[str, str]:
    """Split an MRZ name field ``FAMILY<<GIVEN<NAMES`` into (family, given) with fillers as spaces."""
    family, _, given = field.strip().partition("<<")
    return family.replace("<", " ").strip(), given.replace("<", " ").strip()


# ---------------------------------------------------------------------------------------------------------
# Keys
# ---------------------------------------------------------------------------------------------------------

_KEY_RULES: tuple[tuple[str, str], ...] = (
    ("schtsch", "shch"),
    ("chtch", "shch"),
    ("tsch", "ch"),
    ("tch", "ch"),
    ("sch", "sh"),
    ("dzh", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("ph", "f"),
    ("th", "t"),
    ("dh", "d"),
    ("gh", "g"),
    ("ck", "k"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("q", "k"),
    ("x", "ks"),
    ("w", "v"),
    ("y", "i"),
)
_C_HARD = re.compile(r"c(?!h)")
_DOUBLE = re.compile(r"(.)\1+")
_TRAILING_H = re.compile(r"(?<=[aeiou])h$")
_ENDINGS = ((re.compile(r"of$"), "ov"), (re.compile(r"ef$"), "ev"))


@lru_cache(maxsize=200_000)
def phonetic_key(spelling: str) -> str:
    """Fold spellings that sound alike: German/French Cyrillic clusters, kh/h, ph/f, ou/u, y/i, w/v,
    doubled letters, a final h after a vowel (Abdullah/Abdulla), -off/-ov, -ow/-ov."""
    s = spelling
    for a, b in _KEY_RULES:
        if a in s:
            s = s.replace(a, b)
    s = _C_HARD.sub("k", s)
    s = _DOUBLE.sub(r"\1", s)
    s = _TRAILING_H.sub("", s)
    for pattern, repl in _ENDINGS:
        s = pattern.sub(repl, s)
    return s


_SKELETON_RULES: tuple[tuple[str, str], ...] = (
    ("sch", "s"),
    ("kh", "h"),
    ("gh", "g"),
    ("th", "t"),
    ("dh", "d"),
    ("sh", "s"),
    ("ch", "s"),
    ("ph", "f"),
    ("dj", "j"),
    ("ck", "k"),
    ("q", "k"),
    ("c", "k"),
    ("x", "ks"),
    ("v", "w"),
)
_SOFT_C = re.compile(r"c(?=[eiy])")
_SOFT_C_MARK = "~"
_SKELETON_DROP = re.compile(r"[aeiouyw']")


@lru_cache(maxsize=200_000)
def skeleton(spelling: str) -> str:
    """Consonant skeleton, as Arabic script writes a name: the first letter (any vowel as ``a``), then the
    consonants without vowels, glides or repeats, and no final h (Mohammed, Muhammad, محمد -> mhmd)."""
    s = spelling
    if not s:
        return ""
    for a, b in _SKELETON_RULES:
        if a in s:
            s = s.replace(a, b)
    first = "a" if s[0] in "aeiou" else s[0]
    rest = _SKELETON_DROP.sub("", s[1:])
    s = _DOUBLE.sub(r"\1", first + rest)
    if len(s) > 1 and s.endswith("h"):
        s = s[:-1]
    return s


# ---------------------------------------------------------------------------------------------------------
# Chinese
# ---------------------------------------------------------------------------------------------------------


def _surname_index() -> dict[str, frozenset[int]]:
    index: dict[str, set[int]] = {}
    for i, group in enumerate(tables.CHINESE_SURNAMES):
        for spelling in group:
            index.setdefault(_NOT_LETTER.sub("", spelling), set()).add(i)
    return {k: frozenset(v) for k, v in index.items()}


_CHINESE_SURNAME_GROUPS = _surname_index()


_NAME_GROUPS = tables.ARABIC_NAMES + tables.HEBREW_NAMES
"""Known names with their common spellings: Arabic (and Persian, Turkish) names, then Hebrew ones."""


def _script(spelling: str) -> bool:
    return bool(_ARABIC.search(spelling) or _HEBREW.search(spelling))


def _arabic_index() -> dict[str, int]:
    index: dict[str, int] = {}
    for i, group in enumerate(_NAME_GROUPS):
        for spelling in group:
            key = _arabic_script_key(spelling) if _script(spelling) else _NOT_LETTER.sub("", spelling)
            index.setdefault(key, i)
    return index


_ARABIC_FOLD = str.maketrans("أإآٱىیک", "ااااييك")


@lru_cache(maxsize=100_000)
def _arabic_script_key(token: str) -> str:
    """Arabic-script token without harakat, tatweel or the alef/teh marbuta variants."""
    t = _strip_marks(token).replace("ـ", "")
    return t.translate(_ARABIC_FOLD)


_ARABIC_GROUPS = _arabic_index()


def is_known_name(spelling: str) -> bool:
    """A Latin spelling of a known Arabic or Hebrew name: Husain, Mohammed
    (:data:`.tables.ARABIC_NAMES`)."""
    return spelling in _ARABIC_GROUPS


@cache
def _pinyin_tables() -> tuple[frozenset[str], dict[str, str], dict[str, frozenset[str]]]:
    """Every pinyin syllable pypinyin knows, its Wade-Giles spelling and the reverse (built once)."""
    from pypinyin.pinyin_dict import pinyin_dict

    syllables: set[str] = set()
    for readings in pinyin_dict.values():
        for reading in readings.split(","):
            s = _strip_marks(reading)
            if s.isascii() and s.isalpha() and any(v in s for v in "aeiouv"):
                syllables.add(s)
    to_wg: dict[str, str] = {}
    from_wg: dict[str, set[str]] = {}
    for s in syllables:
        wg = _NOT_LETTER.sub("", str(pinyin_convert(s, Style.WADEGILES, strict=False)).replace("v", "u"))
        if s.endswith("ai") and wg.endswith("ei"):  # pypinyin spells ai, hai, lai, sai, wai... with 'ei'
            wg = wg[:-2] + "ai"
        to_wg[s] = wg
        from_wg.setdefault(wg, set()).add(s)
        for other in _taiwan_spellings(s, wg):  # read back too: Huei is hui, Jeng is zheng
            from_wg.setdefault(other, set()).add(s)
    return frozenset(syllables), to_wg, {k: frozenset(v) for k, v in from_wg.items()}


_MPS2_INITIALS = (("zh", "j"), ("ch", "ch"), ("sh", "sh"), ("z", "tz"), ("c", "ts"), ("q", "ch"), ("x", "sh"))
_MPS2_FINALS = (("iong", "iung"), ("ong", "ung"), ("iu", "iou"), ("ui", "uei"), ("un", "uen"))


def _mps2(s: str) -> str:
    """A pinyin syllable in Mandarin Phonetic Symbols II (Taiwan, 1986-2009; still on many passports): zh j,
    q ch, x sh, z tz, c ts; zhi jr, zi tz, si sz; iu iou, ui uei, un uen, ong ung; ü (ju, xu, yu) iu."""
    if s in ("zhi", "chi", "shi", "ri"):
        return {"zhi": "jr", "chi": "chr", "shi": "shr", "ri": "r"}[s]
    if s in ("zi", "ci", "si"):
        return {"zi": "tz", "ci": "tsz", "si": "sz"}[s]
    initial, final = "", s
    for a, b in _MPS2_INITIALS:
        if s.startswith(a):
            initial, final = b, s[len(a) :]
            break
    else:
        if s[:1] in "bpmfdtnlgkhrjsyw":
            initial, final = s[:1], s[1:]
    umlaut = (s[:1] in "jqxy" and final.startswith("u")) or final.startswith("v")
    if umlaut:  # ju, qu, xu, yu (and lv, nv) are jü, qü, xü, ü: iu in MPS II
        return ("" if initial == "y" else initial) + "iu" + final[1:]
    for a, b in _MPS2_FINALS:
        if final.endswith(a):
            final = final[: -len(a)] + b
            break
    return initial + final


def _taiwan_spellings(s: str, wg: str) -> set[str]:
    """Other spellings of a pinyin syllable on Taiwanese documents: Mandarin Phonetic Symbols II (Jeng,
    Huei, Kuen) and Wade-Giles with sz or ss for ssu (Szu-yao)."""
    out = {_mps2(s)}
    if wg == "ssu":
        out |= {"szu", "sze"}
    return out - {s, wg}


def _gwoyeu(token: str) -> frozenset[str]:
    """The pinyin a whole Latin part stands for in Gwoyeu Romatzyh's tonal spelling (Shyh: shi; Tsair: cai),
    Taiwanese documents' other romanisation (:mod:`.gwoyeu`); empty if it is no GR syllable."""
    return _gwoyeu_table().get(token, frozenset())


@cache
def _gwoyeu_table() -> dict[str, frozenset[str]]:
    syllables, to_wg, _ = _pinyin_tables()
    table = dict(gwoyeu.table(syllables))
    er: dict[str, set[str]] = {}
    for s in syllables:
        if _ER_FINAL.fullmatch(s):
            er.setdefault(_er(s, to_wg), set()).add(s)
    for spelling, readings in er.items():
        table[spelling] = table.get(spelling, frozenset()) | frozenset(readings)
    return table


_ER_FINAL = re.compile(r"[bpmfdtnlgkhzcsr]h?e")


def _er(s: str, to_wg: dict[str, str]) -> str:
    """A syllable with the final e (ㄜ) as Taiwanese documents often write it, with an r that keeps English
    readers from saying ee, on its Wade-Giles spelling (柯 ke: Ker, 哲 zhe: Cher, 何 he: Her); other
    syllables in Wade-Giles. Read back only from a whole name part, as Gwoyeu Romatzyh is."""
    wg = to_wg.get(s, s)
    return wg[:-1] + "er" if _ER_FINAL.fullmatch(s) and wg[-1:] in ("e", "o") else wg


def _segment(token: str, syllables: frozenset[str] | dict[str, frozenset[str]]) -> list[str] | None:
    """Split a Latin token into syllables (fewest syllables), or None when it does not split."""
    n = len(token)
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for i in range(n):
        current = best[i]
        if current is None:
            continue
        for j in range(min(n, i + 6), i, -1):
            piece = token[i:j]
            if piece in syllables:
                candidate = [*current, piece]
                existing = best[j]
                if existing is None or len(candidate) < len(existing):
                    best[j] = candidate
    return best[n]


def _chinese_latin(token: str) -> tuple[set[str], set[str]]:
    """The spellings of a Latin part of a Chinese name (pinyin <-> Wade-Giles), and those it has only
    as a family name (the other spellings of the surname it spells: Lei, Lee and Lai are all Li)."""
    syllables, to_wg, from_wg = _pinyin_tables()
    out = {token} | _gwoyeu(token)
    py = _segment(token, syllables)
    if py:
        out.add("".join(to_wg.get(s, s) for s in py))
    wg = _segment(token, from_wg)
    if wg:
        choices = [sorted(from_wg[s]) for s in wg]
        for combo in list(product(*choices))[:8]:
            out.add("".join(combo))
    surname: set[str] = set()
    for group in _CHINESE_SURNAME_GROUPS.get(token, ()):
        surname.update(_NOT_LETTER.sub("", s) for s in tables.CHINESE_SURNAMES[group])
    return out, surname - out


@lru_cache(maxsize=100_000)
def chinese_readings(token: str, surname: bool = True) -> frozenset[str]:
    """The pinyin a Latin part of a Chinese name can stand for: itself when it is pinyin, its pinyin when
    it is Wade-Giles, the surname when it is one of that surname's spellings (Wong: Wang or Huang).

    Two parts of Chinese names are the same name only when their readings meet: Wong is Wang and is
    Huang, but Huang is not Wang, though both are spelt Wong in Cantonese. ``surname=False`` is a given
    name, which has no surname readings (a given name Lei is Lei, not the surname Li)."""
    syllables, _, from_wg = _pinyin_tables()
    out: set[str] = set(_gwoyeu(token))
    if _segment(token, syllables):
        out.add(token)
    wg = _segment(token, from_wg)
    if wg:
        for combo in list(product(*(sorted(from_wg[s]) for s in wg)))[:8]:
            out.add("".join(combo))
    if surname:
        for group in _CHINESE_SURNAME_GROUPS.get(token, ()):
            out.add(_NOT_LETTER.sub("", tables.CHINESE_SURNAMES[group][0]))
    return frozenset(out)


def _looks_chinese(tokens: Sequence[str]) -> bool:
    """Every part segments into pinyin or Wade-Giles syllables and one part is a Chinese surname."""
    if not tokens or not any(t in _CHINESE_SURNAME_GROUPS for t in tokens):
        return False
    syllables, _, from_wg = _pinyin_tables()
    return all(
        t in _CHINESE_SURNAME_GROUPS
        or _segment(t, syllables) is not None
        or _segment(t, from_wg) is not None
        or bool(_gwoyeu(t))
        for t in tokens
    )


def _han_syllables(text: str) -> list[str]:
    return [
        _NOT_LETTER.sub("", s.replace("ü", "u")) for s in lazy_pinyin(text, style=Style.NORMAL, v_to_u=True)
    ]


@lru_cache(maxsize=100_000)
def _second_reading(char: str, first: str) -> str:
    """The likeliest reading pypinyin knows for a character besides ``first`` (the one it read it by in
    context), or "" (芾 fei: fu; 禅 chan: shan; 焘 dao: tao)."""
    if not _HAN.fullmatch(char):
        return ""
    for reading in pinyin(char, heteronym=True, style=Style.NORMAL, v_to_u=True)[0]:
        r = _NOT_LETTER.sub("", reading.replace("ü", "u"))
        if r and r != first:
            return r
    return ""


def _other_readings(part: str, syllables: Sequence[str]) -> list[list[str]]:
    """The syllables of a given name with one character read by its other reading, for each character
    that has one (only one at a time: a name is rarely read against the usual reading twice)."""
    if len(part) != len(syllables):
        return []
    out = []
    for k, (c, s) in enumerate(zip(part, syllables, strict=True)):
        alt = _second_reading(c, s) if s else ""
        if alt:
            out.append([*syllables[:k], alt, *syllables[k + 1 :]])
    return out


def _syllable_spellings(syllables: Sequence[str]) -> set[str]:
    _, to_wg, _ = _pinyin_tables()
    return {
        "".join(syllables),
        "".join(to_wg.get(s, s) for s in syllables),
        "".join(map(_mps2, syllables)),
        "".join(_er(s, to_wg) for s in syllables),
    }


# ---------------------------------------------------------------------------------------------------------
# Cyrillic and Arabic script
# ---------------------------------------------------------------------------------------------------------


def _between_vowels(prev: str, nxt: str) -> bool:
    vowels = "аеёиоуыэюяі"
    return bool(prev) and bool(nxt) and prev in vowels and nxt in vowels


_CYRILLIC_ENDINGS = {
    ("и", "icao"): "ii",
    ("и", "bgn"): "iy",
    ("и", "german"): "i",
    ("и", "french"): "i",
    ("и", "ukrainian"): "yi",
    ("и", "polish"): "ij",
    ("и", "czech"): "ij",
    ("и", "turkish"): "iy",
    ("и", "belarusian"): "i",
    ("и", "serbian"): "ij",
    ("и", "central_asian"): "iy",
    ("ы", "icao"): "yi",
    ("ы", "bgn"): "yy",
    ("ы", "german"): "y",
    ("ы", "french"): "y",
    ("ы", "ukrainian"): "yi",
    ("ы", "polish"): "yj",
    ("ы", "czech"): "yj",
    ("ы", "turkish"): "iy",
    ("ы", "belarusian"): "yi",
    ("ы", "serbian"): "ij",
    ("ы", "central_asian"): "yy",
}
_SCHEMES = tables.CYRILLIC_SCHEMES + tuple(tables.CYRILLIC_MORE)
_YE = {"bgn": "ye", "german": "je", "polish": "je", "czech": "je", "turkish": "ye", "central_asian": "ye"}
_SLAVIC_ENDINGS = (
    ("ov", "off"),
    ("ev", "eff"),
    ("iy", "y"),
    ("ii", "y"),
    ("ov", "au"),  # Belarusian -аў for Russian -ов (Bykau, Bykov)
    ("ev", "eu"),
    ("enko", "enka"),  # Belarusian -енка for Ukrainian and Russian -енко
    ("enka", "enko"),
)


@lru_cache(maxsize=100_000)
def _cyrillic_spellings(word: str) -> frozenset[str]:
    return frozenset(cyrillic_spellings(word))


def cyrillic_spellings(token: str) -> set[str]:
    """The token in every scheme of :data:`.tables.CYRILLIC_SCHEMES` and :data:`.tables.CYRILLIC_MORE`,
    with the usual variant endings; a Ukrainian or Belarusian given name also in the spellings of its
    Russian form (:data:`.tables.EAST_SLAVIC_NAMES`: Костянтин is Konstantin too)."""
    word = token.lower()
    out: set[str] = set()
    russian = tables.EAST_SLAVIC_NAMES.get(word)
    if russian and russian != word:
        out |= _cyrillic_spellings(russian)
    if "ё" not in word and len(word) > 4 and word.endswith(("ев", "ева")):
        # Russian print writes ё as е: Ковалев, Селезнева are Kovalyov, Seleznyova (Ковалёв, Селезнёва)
        i = word.rfind("ев")
        out |= _cyrillic_spellings(word[:i] + "ё" + word[i + 1 :])
    for scheme in _SCHEMES:
        k = tables.CYRILLIC_SCHEMES.index(scheme) if scheme in tables.CYRILLIC_SCHEMES else -1
        more = tables.CYRILLIC_MORE.get(scheme, {})
        parts: list[str] = []
        for i, c in enumerate(word):
            prev = word[i - 1] if i else ""
            nxt = word[i + 1] if i + 1 < len(word) else ""
            last = i == len(word) - 1
            if c == "й" and last and prev in "иы":
                continue  # handled with the vowel below
            if c in "иы" and nxt == "й" and i + 1 == len(word) - 1:
                parts.append(_CYRILLIC_ENDINGS[(c, scheme)])
                continue
            if c == "к" and nxt == "с" and scheme in ("german", "french"):
                parts.append("x")
                continue
            if c == "с" and prev == "к" and scheme in ("german", "french"):
                continue
            letter = tables.CYRILLIC.get(c)
            if letter is None:
                parts.append(tables.CYRILLIC_NATIONAL.get(c) or ascii_fold(c))
                continue
            out_letter = letter[k] if k >= 0 else more.get(c, letter[0])
            if scheme == "ukrainian" and not prev and c in tables.UKRAINIAN_INITIAL:
                out_letter = tables.UKRAINIAN_INITIAL[c]
            elif c == "е" and scheme in _YE and (not prev or prev in tables.CYRILLIC_VOWELS):
                out_letter = _YE[scheme]
            elif c == "с" and scheme in ("german", "french") and _between_vowels(prev, nxt):
                out_letter = "ss"
            elif c == "й" and scheme == "german" and prev != "е":
                out_letter = "i"  # Duden: Saizew, Nikolai; but Sergej, Alexej
            elif c == "ё" and scheme not in ("icao", "bgn", "ukrainian") and prev in tuple("жчшщ"):
                out_letter = "o"  # Chruschtschow
            elif c == "г" and scheme == "french" and nxt in "еиыё":
                out_letter = "gu"
            parts.append(out_letter)
        out.add(_NOT_LETTER.sub("", "".join(parts)))
    for s in list(out):
        for a, b in _SLAVIC_ENDINGS:
            if s.endswith(a):
                out.add(s[: -len(a)] + b)
    out.add(ascii_fold(token))
    return {s for s in out if s}


def arabic_spelling(token: str, reading: str = "") -> str:
    """A Latin consonant skeleton of an Arabic-script token (long vowels kept as a/i/u; و/ي are w/y at the
    start of a word, u/i inside it); the article ال is left out. ``reading`` names one of
    :data:`.tables.ARABIC_READINGS` (Persian ض as z, Egyptian ج as g...)."""
    t = _arabic_script_key(token)
    if t.startswith("ال") and len(t) > 3:
        t = t[2:]
    other = tables.ARABIC_READINGS.get(reading, {})
    out: list[str] = []
    for i, c in enumerate(t):
        if c == "و":
            out.append(("v" if reading == "persian" else "w") if i == 0 else "u")
        elif c in "يی":
            out.append("y" if i == 0 else "i")
        elif c == "ع" and i == 0:
            out.append("a")
        elif c in other:
            out.append(other[c])
        else:
            out.append(tables.ARABIC.get(c, ascii_fold(c)))
    return _NOT_LETTER.sub("", "".join(out))


@lru_cache(maxsize=100_000)
def _arabic_spellings(token: str) -> frozenset[str]:
    return frozenset(arabic_spellings(token))


def arabic_spellings(token: str) -> set[str]:
    """:func:`arabic_spelling` in every reading of :data:`.tables.ARABIC_READINGS`, and the known Latin
    spellings of the name when :data:`.tables.ARABIC_NAMES` has it."""
    out = {arabic_spelling(token)} | {arabic_spelling(token, r) for r in tables.ARABIC_READINGS}
    key = _arabic_script_key(token)
    if key.startswith("ال") and len(key) > 3:
        # a name that only starts as the article does (الهام, Ilham, written without its hamza)
        out.add("al" + arabic_spelling(key[2:]))
    bare = key[2:] if key.startswith("ال") and len(key) > 3 else key
    group = _ARABIC_GROUPS.get(key, _ARABIC_GROUPS.get(bare))
    if group is not None:
        out.update(_NOT_LETTER.sub("", g) for g in _NAME_GROUPS[group] if not _script(g))
    return out


_GREEK = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")
_ARMENIAN = re.compile(r"[\u0531-\u058a]")
_GEORGIAN = re.compile(r"[\u10a0-\u10ff\u1c90-\u1cbf]")


def other_script_spellings(token: str) -> set[str]:
    """Spellings of a Greek, Armenian or Georgian token beyond anyascii's letter-by-letter one (which
    writes ου as oy, ու as ow): the passport system and the customary spelling (:data:`.tables.GREEK_DIGRAPHS`
    and the Armenian and Georgian rules beside it)."""
    t = _strip_marks(token.lower())
    out = {ascii_fold(token)}
    if _GREEK.search(t):
        for column in (1, 2):
            w = t
            if column == 1:  # initial μπ, ντ are b, d in passports too
                w = re.sub(r"^μπ", "b", re.sub(r"^ντ", "d", w))
            for row in tables.GREEK_DIGRAPHS:
                w = w.replace(row[0], row[column])
            out.add(ascii_fold(w))
    if _ARMENIAN.search(t):
        w = t
        for a, b in tables.ARMENIAN_RULES:
            w = w.replace(a, b)
        if w[:1] in tables.ARMENIAN_INITIAL:
            w = tables.ARMENIAN_INITIAL[w[0]] + w[1:]
        out.add(ascii_fold(w))
    if _GEORGIAN.search(t):
        out.add(ascii_fold("".join(tables.GEORGIAN_VARIANTS.get(c, c) for c in t)))
    return {s for s in out if s}


def hebrew_spellings(token: str) -> set[str]:
    """Latin spellings of a Hebrew token (vowel points dropped): each letter's readings in
    :data:`.tables.HEBREW` (at most 16 combinations; ו and י at the start are v and y), and the known
    spellings of the name (:data:`.tables.HEBREW_NAMES`)."""
    t = _strip_marks(token)
    choices: list[tuple[str, ...]] = []
    for i, c in enumerate(t):
        if c in "׳'" and choices:
            prev = t[i - 1]
            if prev in tables.HEBREW_GERESH:
                choices[-1] = (tables.HEBREW_GERESH[prev],)
            continue
        letters = tables.HEBREW.get(c)
        if letters is None:
            continue
        if i == 0 and c in "וי":
            letters = letters[:1]
        if i == 0 and c in "אע":
            letters = ("a", "e", "i", "o")
        choices.append(letters)
    out = {"".join(combo) for combo in list(product(*choices))[:16]}
    group = _ARABIC_GROUPS.get(t)
    if group is not None:
        out.update(_NOT_LETTER.sub("", g) for g in _NAME_GROUPS[group] if not _script(g))
    return {s for s in out if s}


# ---------------------------------------------------------------------------------------------------------
# Tokens and names
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Token:
    """One part of a name with every Latin spelling it can stand for."""

    text: str
    """The part as shown in reasons (the first spelling)."""
    spellings: frozenset[str]
    keys: frozenset[str]
    skeletons: frozenset[str]
    names: frozenset[str]
    """Known names the token can be (``ar:12``, an Arabic name group; ``zh:wang``, a Chinese reading: the
    pinyin, the part as written in Latin letters, or a Cantonese spelling of its characters);
    two tokens that each have some but share none are different names (Hassan is not Hussein, Huang is
    not Wang) and meet neither by a shared spelling nor by typo or skeleton."""
    origin: str
    """latin, chinese, cyrillic or arabic: where the spellings came from."""
    truncated: bool = False
    """The last part of an MRZ name field, which ICAO 9303 may have cut short."""
    given: bool = False
    """Known to be a given name (the notice or the document says which part is the family name): it has
    no surname spellings and meets no other part by one."""
    surname_only: frozenset[str] = frozenset()
    """Spellings the part has only if it is a family name (Lei, Lee, Lai for the surname Li): a pair
    meeting only by one of them is a family-name pair, which a given name cannot be in."""


YUE = "yue:"
"""Marks a reading that is a Hong Kong spelling of a family name in characters (see :func:`_han_name`)."""

TOKEN_CACHE = 200_000
"""Name parts kept once made: a part recurs in many names (Mohammed, Wang, Ivanov), and making one is
most of the cost of analysing a name. Cleared when full."""
_MADE: dict[tuple[object, ...], Token] = {}


def make_token(
    text: str,
    spellings: Iterable[str],
    origin: str,
    truncated: bool = False,
    readings: Iterable[str] | None = None,
    given: bool = False,
    surname_only: Iterable[str] = (),
    sounds: Iterable[str] | None = None,
    limit: int = MAX_SPELLINGS,
    script_sounds: Iterable[str] = (),
) -> Token:
    """A name part. For a part of a Chinese name, ``readings`` are the pinyin it stands for (worked out
    from a Latin ``text`` when not given; see :func:`chinese_readings`). ``given`` says it is known to be
    a given name; ``surname_only`` are those of ``spellings`` it has only as a family name. ``sounds`` are
    the spellings its sound-alike keys and consonant skeletons come from (default: every spelling);
    ``script_sounds`` (a Latin part) spellings whose consonant skeletons meet only a part written in Arabic
    script (Essadiki for الصديقي; see :func:`_maghrebi_latin`).
    The same arguments give the same (immutable) token, made once."""
    key = (
        text,
        frozenset(spellings),
        origin,
        truncated,
        None if readings is None else frozenset(readings),
        given,
        frozenset(surname_only),
        None if sounds is None else frozenset(sounds),
        limit,
        frozenset(script_sounds),
    )
    token = _MADE.get(key)
    if token is None:
        if len(_MADE) >= TOKEN_CACHE:
            _MADE.clear()
        token = _MADE[key] = _make_token(*key)
    return token


def _make_token(
    text: str,
    spellings: frozenset[str],
    origin: str,
    truncated: bool,
    readings: Iterable[str] | None,
    given: bool,
    surname_only: frozenset[str],
    sounds: frozenset[str] | None,
    limit: int,
    script_sounds: frozenset[str] = frozenset(),
) -> Token:
    sp = sorted({s for s in spellings if s}, key=lambda s: (s != text, len(s), s))[:limit]
    names: set[str] = set()
    for s in sp:
        if s in _ARABIC_GROUPS:
            names.add(f"ar:{_ARABIC_GROUPS[s]}")
    if origin == "chinese":
        if readings is None:
            readings = chinese_readings(text, not given) if text.isascii() else ()
        names.update(f"zh:{r}" for r in readings)
        if text.isascii():  # itself, as written: Keung meets the Cantonese reading of 強
            names.add(f"zh:{text}")
            names.add(f"zh:{YUE}{text}")
    elif not given and origin != "korean":  # 이 is Lee, but not the Chinese surname Li's other spellings
        for s in sp:
            groups = _CHINESE_SURNAME_GROUPS.get(s, ())
            names.update(f"zh:{_NOT_LETTER.sub('', tables.CHINESE_SURNAMES[g][0])}" for g in groups)
            if groups:
                names.add(f"zh:{s}")
                names.add(f"zh:{YUE}{s}")
                # and the pinyin it spells as any part of a Chinese name, as a Chinese part has (Kang is
                # the surname Jiang, and the Wade-Giles of 剛 gang: Vincent FANG Kang is 方剛)
                names.update(f"zh:{r}" for r in chinese_readings(s, False))
    if origin == "chinese":
        # Spellings and folded keys both file the token (so a Latin 'Wang' written without Chinese context
        # finds it), but Chinese tokens are only compared by spelling: folding would make Zhou meet Zhu.
        keys = frozenset(sp) | frozenset(phonetic_key(s) for s in sp)
        skeletons: frozenset[str] = frozenset()
    else:
        # Keys hold the spellings too, so a typo is one letter from a key even where folding changed
        # the length (Papadopoulos/Papadopouoos).
        heard = sp if sounds is None else sorted(set(sounds))
        keys = frozenset(sp) | frozenset(phonetic_key(s) for s in heard)
        found = {k for k in (skeleton(s) for s in heard) if len(k) >= 2}
        # A soft c (Feliciano, Marcel) is written with س in Arabic script, as it sounds: such skeletons are
        # marked, so that only a Latin part with a soft c and an Arabic-script one meet by them (Price is
        # still not Parrish).
        # Maghrebi French spellings (Essadiki, Ouali) are marked the same way: only Arabic script meets them.
        if origin == "arabic":
            found |= {_SOFT_C_MARK + k for k in found}
        elif origin == "latin":
            soft = [skeleton(_SOFT_C.sub("s", s)) for s in heard if _SOFT_C.search(s)]
            soft += [skeleton(s) for s in script_sounds]
            found |= {_SOFT_C_MARK + k for k in soft if len(k) >= 2}
        skeletons = frozenset(found)
    only = frozenset(surname_only).intersection(sp)
    return Token(
        text or (sp[0] if sp else ""),
        frozenset(sp),
        keys,
        skeletons,
        frozenset(names),
        origin,
        truncated,
        # Kept only where it changes a comparison, so that the index shares the part with other names.
        given and (origin == "chinese" or any(s in _CHINESE_SURNAME_GROUPS for s in sp)),
        only,
    )


_GERMAN_J = re.compile(r"(?<!d)j")
_ABD_PREFIX = re.compile(r"^abd(?:(?:[aeiou]|ou)(?:[lrsdtzn]|sh))?$")
"""Abd, Abdel, Abdul, Abdur... written apart from the name they start; not Abdi, Abdo, Abdu, which are
names of their own (عبدی, Abbas ABDI)."""
_ABD_COMPOUND = re.compile(r"^abd(?:(?:[aeiou]|ou)(?:sh|[lrsdtzn]))?(?=[a-z]{3})(.+)$")


_DIN_ALONE = frozenset(e for e in tables.ARABIC_COMPOUND_ENDS["الدين"] if e.endswith(("din", "dine", "deen")))
"""Latin spellings of الدين (uddin, eddine, aldin...), which may stand as a part of their own."""


@lru_cache(maxsize=100_000)
def _arabic_latin_spellings(token: str) -> frozenset[str]:
    """Abd/Abdel/Abdul compounds folded to ``abd`` + name; al-/el- glued to a known name dropped; the
    known spellings of the name (Mohammed, Muhammad...)."""
    out = {token}
    m = _ABD_COMPOUND.match(token)
    if m and token != "abd":  # noqa: S105 - 'abd' is the Arabic word, not a password
        out.add("abd" + m.group(1))
    for prefix in ("al", "el"):
        if token.startswith(prefix) and token[2:] in _ARABIC_GROUPS:
            out.add(token[2:])
    if token in _DIN_ALONE:  # Nor ELDIN: the al-Din of a compound written apart, article glued on
        out.add("din")
    for s in list(out):
        group = _ARABIC_GROUPS.get(s)
        if group is not None:
            out.update(_NOT_LETTER.sub("", g) for g in _NAME_GROUPS[group] if not _script(g))
    return frozenset(out)


def _latin_parts(parts: list[str], origins: Sequence[str] = ()) -> list[str]:
    """Drop articles and filiation words, join Abd with the name after it. A part written in another
    script is never taken for a Latin title (المرّ is Murr, not "Mr")."""
    kept: list[str] = []
    for i, p in enumerate(parts):
        nxt = parts[i + 1] if i + 1 < len(parts) else ""
        latin = not origins or origins[i] == "latin"
        hebrew = bool(origins) and origins[i] == "hebrew"  # בנט is Bennett, not the Arabic bint
        if len(parts) > 1 and p in tables.PARTICLES and not hebrew and (latin or p not in tables.TITLES):
            continue
        if latin and p in tables.MAGHREBI_FILIATION and 0 < i < len(parts) - 1:
            continue  # Noureddine BEN Ali BEN Belkassem: بن, dropped in Arabic script too; Ben Smith keeps it
        if nxt and not hebrew and p in tables.SUN_ARTICLES and nxt.startswith(p[-1]) and len(nxt) > 2:
            continue
        kept.append(p)
    out: list[str] = []
    skip = False
    for i, p in enumerate(kept):
        if skip:
            skip = False
            continue
        if _ABD_PREFIX.match(p) and i + 1 < len(kept):
            out.append(p + kept[i + 1])
            skip = True
        else:
            out.append(p)
    return out


@dataclass(frozen=True, slots=True)
class AnalysedName:
    """A name as written and its comparable forms (the first form is the name as written)."""

    text: str
    forms: tuple[tuple[Token, ...], ...]
    han: str = ""
    """A name written in Han characters or Japanese kana: its characters run together, without spaces
    or middle dots (周恩来 for 周 恩来; 山田修平 for 山田 修平; ジョンスミス for ジョン・スミス), else empty.
    Two names with the same characters are the same name however they were split."""

    @property
    def tokens(self) -> tuple[Token, ...]:
        return self.forms[0] if self.forms else ()


def _join(a: Token, b: Token) -> Token:
    pairs = list(product(sorted(a.spellings), sorted(b.spellings)))[: MAX_SPELLINGS * 2]
    spellings = [x + y for x, y in pairs]
    surname_only = [x + y for x, y in pairs if x in a.surname_only or y in b.surname_only]
    origin = a.origin if a.origin == b.origin else "latin"
    readings = None
    if origin == "chinese":
        ra, rb = _readings(a), {r for r in _readings(b) if not r.startswith(YUE)}
        readings = {x + y for x in ra for y in rb} if ra and rb else set()
    return make_token(
        a.text + b.text,
        spellings,
        origin,
        readings=readings,
        given=a.given and b.given,
        surname_only=surname_only,
    )


def _readings(token: Token) -> set[str]:
    return {n[3:] for n in token.names if n.startswith("zh:")}


JOIN_MAX = 6
"""Adjacent parts are also tried joined (Xiao Ming / Xiaoming, Abdel Aziz / Abdelaziz) when both are at
most this long: syllables and short name parts, not whole names."""


def _forms(tokens: list[Token], split: list[list[Token]] | None = None) -> tuple[tuple[Token, ...], ...]:
    forms: list[tuple[Token, ...]] = [tuple(tokens)]
    if split:
        for alt in split:
            if tuple(alt) not in forms:
                forms.append(tuple(alt))
    if 3 <= len(tokens) <= 5:
        for i in range(len(tokens) - 1):
            a, b = tokens[i], tokens[i + 1]
            if len(a.text) <= JOIN_MAX and len(b.text) <= JOIN_MAX:
                forms.append((*tokens[:i], _join(a, b), *tokens[i + 2 :]))
    return tuple(forms)


def _married(parts: list[str]) -> list[list[str]]:
    """A married woman's name in characters: her husband's family name before her own and her given name
    (周陳秀霞, 林鄭月娥; Hong Kong writes CHOW CHAN Sau-ha, Taiwan Chou Chen Hsiu-hsia), which documents
    and lists also give with one of the two family names only (CHAN Sau-ha, CHOW Sau-ha). Gives the
    name's other readings: the two family names as two parts that are both family names (so that they may
    stand together after the given name: Hsiu-hsia Chou Chen), then each family name alone; [] for any
    other name. Only a name of
    four characters whose first two are both family names (:data:`hokkien.SURNAMES`) and not one
    two-character surname (歐陽) is read so."""
    if len(parts) == 1 and len(parts[0]) == 4:
        family, given = parts[0][:2], parts[0][2:]
    elif len(parts) == 2 and len(parts[0]) == 2 and len(parts[1]) == 2:
        family, given = parts
    else:
        return []
    if family in tables.COMPOUND_SURNAMES or not all(c in hokkien.SURNAMES for c in family):
        return []
    if not all(_HAN.fullmatch(c) for c in family + given):
        return []
    return [[family[0], family[1], given], [family[1], given], [family[0], given]]


def _han_name(parts: list[str], families: int = 0) -> tuple[list[Token], list[list[Token]]]:
    """Tokens for a name written in Han characters; the second value holds the other forms: the
    syllable-split form, and a married woman's names (:func:`_married`). The first ``families`` parts
    are family names (0: the first, and look for a married woman's name)."""
    others: list[list[Token]] = []
    if not families:
        for alt in _married(parts):
            alt_tokens, alt_forms = _han_name(alt, families=len(alt) - 1)
            others += [alt_tokens, *alt_forms]
        families = 1
    if len(parts) == 1:
        text = parts[0]
        n = 2 if text[:2] in tables.COMPOUND_SURNAMES and len(text) > 2 else 1
        parts = [text[:n], text[n:]] if len(text) > n else [text]
    tokens: list[Token] = []
    split: list[Token] = []
    for i, part in enumerate(parts):
        if _HAN.search(part):
            syllables = _han_syllables(part)
            if i < families and part in tables.SURNAME_READINGS:
                syllables = [tables.SURNAME_READINGS[part]]
            spellings = _syllable_spellings(syllables)
            jyutping = cantonese.readings(part)
            yue = cantonese.spellings(jyutping)
            surname: set[str] = set()
            cantonese_surname: set[str] = set()
            if i < families:
                for s in spellings:
                    for group in _CHINESE_SURNAME_GROUPS.get(s, ()):
                        surname.update(_NOT_LETTER.sub("", x) for x in tables.CHINESE_SURNAMES[group])
                yue = cantonese.surname_spellings(part)
                surname |= yue
                # A Hong Kong spelling of the surname is a reading of its own ("yue:" names), so the
                # Latin part Shiu meets 邵 (siu6), but no other surname in characters meets it through it.
                # A spelling the surname table gives another surname is that surname's (Chang is 張, so
                # not 曾 zang1 too; Lo is 盧, not 羅): only those it leaves free, or gives this one, count.
                # A surname the table does not list under its pinyin (游 you, whose Wade-Giles yu is 余's;
                # 尹 yin) keeps every Hong Kong spelling (Yau, Wan): the table says nothing of it.
                own = set(_CHINESE_SURNAME_GROUPS.get("".join(syllables), ()))
                cantonese_surname = {
                    f"{YUE}{s}"
                    for s in yue
                    if not own
                    or _CHINESE_SURNAME_GROUPS.get(s, own) & own
                    or s not in _CHINESE_SURNAME_GROUPS
                }
                yue = set()
            # Hokkien, Teochew and Hakka spellings (Lee Kuan Yew for 李光耀, :mod:`.hokkien`): readings of
            # their own, as a surname's Hong Kong spellings are, so two names in characters still meet by
            # their pinyin only; a family name's are spellings it has only as a family name.
            hok = hokkien.spellings(part)
            if i < families:
                surname |= hok
            # A given name's character read by its other reading (芾 fei or fu: 米芾 is Mi Fu), one at a time.
            others_read = _other_readings(part, syllables) if i >= families else []
            other_spellings = {x for alt in others_read for x in _syllable_spellings(alt)} - spellings
            token = make_token(
                part,
                spellings | surname | yue | hok | other_spellings,
                "chinese",
                # Cantonese spellings count as readings of a given name: Tai Man is 大文 as Hong Kong
                # writes it, though "tai man" is also the pinyin of other characters.
                readings={"".join(syllables)}
                | {"".join(alt) for alt in others_read}
                | yue
                | cantonese_surname
                | {f"{YUE}{h}" for h in hok},
                given=i >= families,
                surname_only=surname - spellings,
                limit=MAX_SPELLINGS + len(hok) + len(other_spellings),
            )
            tokens.append(token)
            if i >= families and len(syllables) > 1:
                by_char = jyutping if len(jyutping) == len(syllables) else ("",) * len(syllables)
                for c, s, j in zip(part, syllables, by_char, strict=False):
                    if not s:  # not a Han character (kana): no reading to compare by
                        continue
                    one = cantonese.spellings((j,)) if j else set()
                    min_nan = hokkien.char_spellings(c)
                    second = _second_reading(c, s)
                    mandarin = _syllable_spellings([s]) | (_syllable_spellings([second]) if second else set())
                    split.append(
                        make_token(
                            c,
                            mandarin | one | set(min_nan),
                            "chinese",
                            readings={s, second} - {""} | one | {f"{YUE}{h}" for h in min_nan},
                            given=True,
                            limit=MAX_SPELLINGS + len(min_nan),
                        )
                    )
            else:
                split.append(token)
        else:
            base, surname = _chinese_latin(ascii_fold(part))
            token = make_token(ascii_fold(part), base | surname, "chinese", surname_only=surname)
            tokens.append(token)
            split.append(token)
    return tokens, ([split] if len(split) != len(tokens) else []) + others


def _korean_name(parts: list[str]) -> tuple[list[Token], list[list[Token]]]:
    """Tokens for a name written in Hangul (family name first, as Korean writes it: 문재인, 문 재인): the
    family name with its customary spellings (Lee, Yi, Rhee, Ri for 이), the given name joined (Jaein, in
    Revised Romanization, McCune-Reischauer and customary spellings); the second value holds the form
    with one token per syllable of the given name (Jae In)."""
    if len(parts) == 1 and korean.is_hangul(parts[0]):
        n = korean.surname_length(parts[0])
        parts = [parts[0][:n], parts[0][n:]] if len(parts[0]) > n else parts
    tokens: list[Token] = []
    split: list[Token] = []
    for i, part in enumerate(parts):
        if not korean.is_hangul(part):
            plain = ascii_fold(part)
            if plain:
                token = make_token(plain, {plain, icao_fold(part)}, "latin")
                tokens.append(token)
                split.append(token)
            continue
        if i == 0:
            token = make_token(part, korean.surname_spellings(part), "korean")
            tokens.append(token)
            split.append(token)
            continue
        tokens.append(
            make_token(part, korean.given_spellings(part), "korean", given=True, limit=korean.MAX_GIVEN)
        )
        split += [make_token(c, korean.syllable_spellings(c), "korean", given=True) for c in part]
    return tokens, ([split] if len(split) != len(tokens) else [])


MRZ_FULL = 30
"""An MRZ name field this long (TD1's width; TD2 has 31, TD3 39) may have been cut short by ICAO 9303's
truncation rules, so its last part may be a prefix of the real name."""


def _given_parts(parts: list[str], family: str) -> list[bool]:
    """Which of a name's parts are known to be given names: those not in ``family``, the family name as
    the notice or document gives it (nothing is known without it, or for a part in both)."""
    in_family = set(raw_tokens(family))
    if not in_family or not in_family <= set(parts):
        return [False] * len(parts)
    return [p not in in_family for p in parts]


@lru_cache(maxsize=100_000)
def analyse(text: str, truncated: bool | None = None, family: str = "") -> AnalysedName:
    """Every comparable form of a name written in any script, in any order (see the module docstring).

    ``truncated`` says the last part may have been cut short (an MRZ name field that fills its width);
    None guesses it from the text (an MRZ field of :data:`MRZ_FULL` characters or more). ``family`` is
    the family name within ``text`` when known (a notice's subject, a document's primary identifier):
    the other parts are given names, which are never read as a spelling of a surname."""
    parts = [p for p in raw_tokens(text) if p not in tables.SCRIPT_TITLES]
    if not parts:
        return AnalysedName(text, ())
    given_parts = _given_parts(parts, family)
    written = "".join(parts)
    han = written if _HAN_OR_KANA.fullmatch(written) else ""
    mrz = truncated if truncated is not None else ("<<" in text and len(text.strip()) >= MRZ_FULL)
    if any(_HAN.search(p) for p in parts):
        tokens, split = _han_name(parts)
        return AnalysedName(text, _forms(tokens, split), han)
    if any(korean.is_hangul(p) for p in parts):
        tokens, split = _korean_name(parts)
        hangul = written if all(korean.is_hangul(c) for c in written) else ""
        return AnalysedName(text, _forms(tokens, split), hangul)
    latin: list[str] = []
    origins: list[str] = []
    extra: list[set[str]] = []
    shown: list[str] = []
    given: list[bool] = []
    cedilla: dict[int, str] = {}
    for p, is_given in zip(parts, given_parts, strict=True):
        given.append(is_given)
        if _CYRILLIC.search(p):
            spellings = set(_cyrillic_spellings(p))
            latin.append(sorted(spellings)[0])
            shown.append(p)
            origins.append("cyrillic")
            extra.append(spellings)
        elif _HEBREW.search(p):
            spellings = hebrew_spellings(p)
            latin.append(min(spellings, key=lambda x: (len(x), x)) if spellings else ascii_fold(p))
            shown.append(p)
            origins.append("hebrew")
            extra.append(spellings)
        elif _ARABIC.search(p):
            spellings = set(_arabic_spellings(p))
            latin.append(arabic_spelling(p))
            shown.append(p)
            origins.append("arabic")
            extra.append(spellings)
        else:
            plain = ascii_fold(p)
            if not plain:
                given.pop()
                continue
            latin.append(plain)
            shown.append(plain)
            origins.append("latin")
            extra.append({plain, icao_fold(p)})
            if not p.isascii() and (_GREEK.search(p) or _ARMENIAN.search(p) or _GEORGIAN.search(p)):
                extra[-1] |= other_script_spellings(p)
            if "ə" in p:  # Azerbaijani (Əliyev): its letters as English and Russian-era documents write them
                extra[-1].add(ascii_fold(p.translate(_AZERBAIJANI)))
            if "ç" in p:  # Turkish, Albanian, Kurdish ç sounds ch, never k: Çelik is not Kilic
                cedilla[len(latin) - 1] = ascii_fold(p.replace("ç", "ch"))
    # Arabic-script "عبد" + next part: join as the Latin side does.
    if "arabic" in origins:
        merged_l: list[str] = []
        merged_o: list[str] = []
        merged_e: list[set[str]] = []
        merged_s: list[str] = []
        merged_g: list[bool] = []
        i = 0
        while i < len(latin):
            if origins[i] == "arabic" and latin[i] == "abd" and i + 1 < len(latin):
                joined = "abd" + latin[i + 1]
                merged_l.append(joined)
                merged_o.append("arabic")
                spellings = {joined, *("abd" + s for s in extra[i + 1])}
                script = _arabic_script_key(shown[i] + shown[i + 1])
                group = _ARABIC_GROUPS.get(script, _ARABIC_GROUPS.get(joined))
                if group is not None:
                    spellings.update(_NOT_LETTER.sub("", g) for g in _NAME_GROUPS[group] if not _script(g))
                merged_e.append(spellings)
                merged_s.append(f"{shown[i]} {shown[i + 1]}")
                merged_g.append(given[i])
                i += 2
                continue
            merged_l.append(latin[i])
            merged_o.append(origins[i])
            merged_e.append(extra[i])
            merged_s.append(shown[i])
            merged_g.append(given[i])
            i += 1
        latin, origins, extra, shown, given = merged_l, merged_o, merged_e, merged_s, merged_g
        cedilla = {}
    if all(o == "latin" for o in origins) and _looks_chinese(latin):
        tokens = []
        for i, t in enumerate(latin):
            base, surname = _chinese_latin(t)
            tokens.append(
                make_token(
                    t,
                    base if given[i] else base | surname,
                    "chinese",
                    mrz and i == len(latin) - 1,
                    given=given[i],
                    surname_only=() if given[i] else surname,
                )
            )
        return AnalysedName(text, _forms(tokens), han)
    # A family name after بن/ابن, which the Maghreb writes joined to it in Latin letters (يونس بن سليمان,
    # Younes BENSLIMAN; ابن كيران, BENKIRAN): also read with Ben in front (see below).
    after_ben = {
        shown[i + 1]
        for i in range(len(latin) - 1)
        if origins[i] == "arabic"
        and _arabic_script_key(shown[i]) in ("بن", "ابن")
        and origins[i + 1] == "arabic"
    }
    kept = _latin_parts(latin, origins)
    arabic_name = (
        "arabic" in origins
        or any(p in _ARABIC_GROUPS for p in kept)
        or any(_ABD_COMPOUND.match(p) and p != "abd" for p in kept)
    )
    tokens = []
    for n, part in enumerate(kept):
        if part in latin:
            i = latin.index(part)
            spellings, origin, label, is_given = extra[i], origins[i], shown[i], given[i]
        else:  # an Abd compound joined from two parts
            spellings, origin, label, is_given = {part}, "latin", part, False
        all_spellings: set[str] = set()
        maghrebi: set[str] = set()
        for s in spellings:
            all_spellings |= _arabic_latin_spellings(s)
            if origin == "latin":
                for other in _maghrebi_latin(s, arabic_name):
                    maghrebi |= _arabic_latin_spellings(other)
                if "p" in s:  # Arabic script writes a foreign p as ب (بقرادونيان, Pakradounian)
                    maghrebi.add(s.replace("p", "b"))
            if arabic_name and len(s) >= 5 and s[:2] in ("al", "el"):
                all_spellings |= _arabic_latin_spellings(s[2:])  # the article written as one word
        sounds = None
        if part in latin and latin.index(part) in cedilla:
            ch = cedilla[latin.index(part)]
            sounds = (all_spellings - spellings) | {ch}
            all_spellings.add(ch)
        if origin == "latin" and "j" in part:
            # German, Polish, Czech, Serbian j sounds y (Jurij, Jewgenij, Ljudmila: Yuriy, Yevgeniy,
            # Lyudmila): a sound-alike key, never a spelling (Jamal is not written Yamal).
            sounds = (sounds if sounds is not None else set(all_spellings)) | {_GERMAN_J.sub("y", part)}
        tokens.append(
            make_token(
                label,
                all_spellings,
                origin,
                mrz and n == len(kept) - 1,
                given=is_given,
                sounds=sounds,
                script_sounds=maghrebi - all_spellings,
            )
        )
    if "arabic" in origins:
        others = _arabic_compounds(tokens)
        if after_ben:
            others.append([_with_ben(t) if t.text in after_ben else t for t in tokens])
        return AnalysedName(text, _forms(tokens, others), han)
    return AnalysedName(text, _forms(tokens), han)


_SUN_GLUED = re.compile(r"^e([dnrstz])\1(?=[a-z]{3})")
_L_GLUED = re.compile(r"^l(?=[aeiou][a-z]{3})")
_FRENCH_W = re.compile(r"ou(?=[aei])")


@lru_cache(maxsize=100_000)
def _maghrebi_latin(spelling: str, arabic_name: bool = False) -> frozenset[str]:
    """Other spellings of a Latin part of an Arabic name as French transcription writes it (Morocco,
    Algeria, Tunisia): the article assimilated to a sun letter and joined (Essadiki, Errachid, Ennaji:
    as-Saddiqi, ar-Rashid, an-Naji), ou for و before a vowel (Ouali, Abdelouahed: Wali, Abdelwahed), and
    in a name known to be Arabic the article as a bare l before a vowel (Laaraki, Lazrek: al-Araqi,
    al-Azraq)."""
    out = set()
    if _SUN_GLUED.match(spelling):
        out.add(spelling[2:])
    if arabic_name and _L_GLUED.match(spelling):
        out.add(spelling[1:])
    if _FRENCH_W.search(spelling):
        out |= {_FRENCH_W.sub("w", x) for x in (spelling, *out)}
    return frozenset(out)


def _with_ben(token: Token) -> Token:
    """An Arabic-script family name after بن or ابن, with Ben (Bin, Ibn) joined in front."""
    spellings = {f"{b}{s}" for s in token.spellings for b in ("ben", "bin", "ibn")}
    return make_token(f"بن {token.text}", spellings | token.spellings, "arabic", given=token.given)


def _arabic_token(script: str, given: bool = False) -> Token:
    """A name part written in Arabic script, spelt as :func:`analyse` spells one."""
    spellings: set[str] = set()
    for s in arabic_spellings(script):
        spellings |= _arabic_latin_spellings(s)
    return make_token(script, spellings, "arabic", given=given)


def _arabic_compounds(tokens: list[Token]) -> list[list[Token]]:
    """Other forms of a name in Arabic script: compounds written as two words joined into one (هدايت الله
    as Hidayatullah, شمس الدين as Shamsuddin, ولی جان as Walijan), and names written joined read as two
    (محمدرضا as Mohammad Reza; :data:`.tables.ARABIC_COMPOUND_STARTS`)."""
    out: list[list[Token]] = []
    joined: list[Token] = []
    for t in tokens:
        end = tables.ARABIC_COMPOUND_ENDS.get(_arabic_script_key(t.text)) if t.origin == "arabic" else None
        if end and joined and joined[-1].origin == "arabic":
            joined[-1] = _join(joined[-1], make_token(t.text, end, "arabic"))
        else:
            joined.append(t)
    if len(joined) < len(tokens):
        out.append(joined)
    split: list[Token] = []
    for t in tokens:
        key = _arabic_script_key(t.text) if t.origin == "arabic" else ""
        start = next(
            (p for p in tables.ARABIC_COMPOUND_STARTS if key.startswith(p) and len(key) > len(p) + 1), ""
        )
        ending = next((e for e in tables.PERSIAN_NAME_ENDS if key.endswith(e) and len(key) > len(e) + 1), "")
        if start and not key.startswith("عبد"):
            split += [
                _arabic_token(t.text[: len(start)], t.given),
                _arabic_token(t.text[len(start) :], t.given),
            ]
        elif ending and t.text.endswith(ending):  # خسروپناه as Khosrow Panah
            split += [
                _arabic_token(t.text[: -len(ending)], t.given),
                _arabic_token(t.text[-len(ending) :], t.given),
            ]
        else:
            split.append(t)
    if len(split) > len(tokens):
        out.append(split)
    return out


# ---------------------------------------------------------------------------------------------------------
# Similarity
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TokenMatch:
    score: float
    how: str
    literal: bool = False
    """Both parts written the same (not only spellings of one name): ranks Lei Yang before Li Yang."""
    surname: bool = False
    """The parts meet only as spellings of one surname (Lei and Li): a name has one family name, so a
    pairing uses at most one such pair."""


NO_MATCH = TokenMatch(0.0, "")
TOKEN_FLOOR = 0.75
"""Token pairs scoring below this count as not matched."""


_MASCULINE_ENDINGS = ("ov", "ev", "in", "yn")
_POLISH_STEMS = ("sk", "ck", "dzk")


def _other_sex_form(a: Token, b: Token) -> bool:
    """The two are the masculine and feminine forms of one Slavic family name (Volkov/Volkova,
    Kowalski/Kowalska): relatives, not one person, though one letter apart."""
    for x in a.spellings:
        for y in b.spellings:
            s, t = (x, y) if len(x) <= len(y) else (y, x)
            if t == s + "a" and s.endswith(_MASCULINE_ENDINGS):
                return True
            polish = len(s) == len(t) and s[:-1] == t[:-1] and s[:-1].endswith(_POLISH_STEMS)
            if polish and {s[-1], t[-1]} == {"i", "a"}:
                return True
    return False


def _same_pinyin(a: Token, b: Token) -> bool:
    """Two parts written in Han characters share a reading that is not only a Hong Kong surname spelling."""
    return not {n for n in a.names if not n.startswith(f"zh:{YUE}")}.isdisjoint(
        n for n in b.names if not n.startswith(f"zh:{YUE}")
    )


def _nisba(token: Token) -> bool | None:
    """Ends as a nisba (the -i of Mansouri, Zahrani): in Arabic script a final ي, in Latin a final i, y
    or ee; None where the script cannot say (a final ى is the a of موسى Musa in Arabic but the i of حنفى
    Hanafi in Persian and Urdu writing)."""
    if token.origin == "arabic" and token.text.endswith(("ى", "يع", "یع")):
        # nor after ربيع, سميع (Rabi, Rabie, Samie): the final ع after a long i is not written in Latin
        # letters, which may then end in i as a nisba does
        return None
    if token.origin == "arabic":
        return token.text.endswith(("ي", "ی"))
    return token.text.endswith(("i", "y", "ee"))


def token_similarity(a: Token, b: Token) -> TokenMatch:
    """How alike two name parts are, and why (1.0 = a shared spelling)."""
    if not a.spellings or not b.spellings:
        return NO_MATCH
    if a.origin == b.origin == "korean" and a.text != b.text and korean.is_hangul(a.text + b.text):
        # Two parts in Hangul are compared by their letters, not through Latin spellings that several
        # syllables share (정은 and 종운 are both Jong Un in McCune-Reischauer): one surname's North and
        # South Korean forms (리/이, 량/양, 로/노) are the one exception.
        if korean.same_surname(a.text, b.text):
            return TokenMatch(1.0, f"{a.text} = {b.text} (one family name, North and South Korean forms)")
        return NO_MATCH
    if a.names and b.names and a.names.isdisjoint(b.names) and not (a.truncated or b.truncated):
        return NO_MATCH
    if _HAN.search(a.text) and _HAN.search(b.text) and not _same_pinyin(a, b):
        return NO_MATCH  # two names in characters meet by their pinyin only (蒋 and 张 are both Cheung)
    shared = a.spellings & b.spellings
    if shared and (a.surname_only or b.surname_only):
        plain = shared - a.surname_only - b.surname_only
        if a.given or b.given:  # a given name is never a spelling of a surname
            shared = plain
        elif not plain:
            shown = a.text if a.text in shared else b.text if b.text in shared else sorted(shared)[0]
            return TokenMatch(1.0, f"{a.text} = {b.text} (as the surname {shown})", surname=True)
    if shared:
        shown = a.text if a.text in b.spellings else sorted(shared)[0]
        if a.text == b.text:
            return TokenMatch(1.0, f"{a.text} = {b.text}", literal=True)
        return TokenMatch(1.0, f"{a.text} = {b.text} (as {shown})")
    hangul = _hangul_and_other(a, b)
    if hangul is not None:
        # A part written in Hangul has every spelling its letters allow: a Latin part that is none of them
        # is another name, however near (재원 is not Tae Won, 영록 is not Jung Rok), not a typo.
        h, other = hangul
        if any(korean.spells(h.text, s) for s in other.spellings):
            return TokenMatch(1.0, f"{a.text} = {b.text} (as {other.text})")
        typos = [s for s in other.spellings if len(s) >= 4 and not korean.is_spelling(s)]
        if any(OSA.distance(s, t, score_cutoff=1) == 1 for s in typos for t in h.spellings):
            # a spelling that is no Korean syllable can only be a typo (Syng for 승, Seung or Sung)
            return TokenMatch(0.9, f"{a.text} ~ {b.text} (one letter apart)")
        return _initial_or_cut(a, b)
    chinese = a.origin == "chinese" or b.origin == "chinese"
    if not chinese and a.keys & b.keys:
        return TokenMatch(0.95, f"{a.text} ~ {b.text} (sounds alike)")
    if not chinese and not (a.truncated or b.truncated) and _other_sex_form(a, b):
        return NO_MATCH
    typo_length = 6 if chinese else 4  # jing/ying/qing are different Chinese names, not typos
    short = min(min(len(s) for s in a.spellings), min(len(s) for s in b.spellings))
    best = 3
    for ka in a.spellings if chinese else a.keys:
        for kb in b.spellings if chinese else b.keys:
            d = OSA.distance(ka, kb, score_cutoff=2)
            if chinese and d == 1 and min(len(ka), len(kb)) < typo_length:
                continue  # a short spelling of the one (Ki for Kei) is not the other's near miss
            if d < best:
                best = d
                if d == 1:
                    break
    if chinese and best == 1:
        short = typo_length  # the pair one letter apart is long enough (checked above)
    if best == 1 and not chinese:
        # A letter off between folded keys is a typo on top of another spelling; the spellings
        # themselves must then be at most two letters apart (Kassem is not Casey, keys kasem/kasei).
        near = min(OSA.distance(x, y, score_cutoff=3) for x in a.spellings for y in b.spellings)
        if near > 2:
            best = 3
    arabic = bool({"arabic", "hebrew"} & {a.origin, b.origin})  # scripts without short vowels
    shared = a.skeletons & b.skeletons
    nisba_a, nisba_b = (_nisba(a), _nisba(b)) if shared else (None, None)
    if shared and "arabic" in (a.origin, b.origin) and None not in (nisba_a, nisba_b) and nisba_a != nisba_b:
        shared = frozenset()  # Mansour is not Mansouri, Zahran is not Zahrani
    if shared and arabic:  # Arabic script and Hebrew write no short vowels: the consonants are the name
        script = "Hebrew" if "hebrew" in (a.origin, b.origin) else "Arabic script"
        return TokenMatch(0.92, f"{a.text} ~ {b.text} (same consonants, as {script} writes them)")
    if best == 1 and short >= typo_length:
        return TokenMatch(0.9, f"{a.text} ~ {b.text} (one letter apart)")
    if best == 2 and short >= 8:
        return TokenMatch(0.8, f"{a.text} ~ {b.text} (two letters apart)")
    if shared and max(len(k) for k in shared) >= 3:  # two consonants say little outside Arabic script
        return TokenMatch(0.85, f"{a.text} ~ {b.text} (same consonants)")
    return _initial_or_cut(a, b)


def _hangul_and_other(a: Token, b: Token) -> tuple[Token, Token] | None:
    """(the part written in Hangul, the other) when exactly one of the two is written in Hangul."""
    x = a.origin == "korean" and korean.is_hangul(a.text)
    y = b.origin == "korean" and korean.is_hangul(b.text)
    if x == y:
        return None
    return (a, b) if x else (b, a)


def _initial_or_cut(a: Token, b: Token) -> TokenMatch:
    """One part is the other's initial, or the other cut short by an MRZ."""
    shorter, longer = (a, b) if len(a.text) <= len(b.text) else (b, a)
    if (
        len(shorter.text) == 1
        and shorter.origin == "latin"
        and any(s.startswith(shorter.text) for s in longer.spellings)
    ):
        return TokenMatch(0.75, f"{shorter.text} is the initial of {longer.text}")
    if (
        shorter.truncated
        and len(shorter.text) >= 2
        and any(s.startswith(shorter.text) for s in longer.spellings)
    ):
        score = 0.85 if len(shorter.text) >= 4 else 0.8
        return TokenMatch(score, f"{shorter.text} is {longer.text} cut short (as a passport's MRZ does)")
    return NO_MATCH


@dataclass(frozen=True, slots=True)
class NameMatch:
    score: float
    pairs: tuple[TokenMatch, ...]
    unmatched: int

    @property
    def literal(self) -> int:
        """How many parts are written the same on both sides."""
        return sum(p.literal for p in self.pairs)

    def explain(self) -> str:
        parts = [p.how for p in self.pairs]
        if self.unmatched:
            parts.append(f"{self.unmatched} name part(s) on one side only")
        return "; ".join(parts)


NAME_NO_MATCH = NameMatch(0.0, (), 0)
EXTRA_PART_FACTOR = 0.95
"""Each name part the traveller gives that the notice's name lacks multiplies the score by this."""
NOTICE_EXTRA_PART_FACTOR = 0.97
"""Each part only the notice's name has (a middle name, or the other half of a double family name, which
travel documents and officers often leave out) multiplies the score by this."""
CHINESE_EXTRA_PART_FACTOR = 0.7
"""The same for a left-over part of a Chinese name (Fang Guo is not Feng Jianguo)."""
SINGLE_PART_FACTOR = 0.7
"""A one-part name against a longer one (a mononym, or only the family name given)."""


def form_similarity(
    query: Sequence[Token], candidate: Sequence[Token], sim: TokenSimilarity | None = None
) -> NameMatch:
    """Best one-to-one pairing of parts in any order: the mean over the shorter name of its parts'
    similarity, less a little for each part only the longer name has.

    Parts of a Chinese name (every part of one side Chinese: written in Han characters, or in syllables
    with a Chinese surname) pair in order but for the family name: the syllables of a given name make one
    name in their order (Wei-kuo is not Kuo-wei), while the family name comes first or last, as Chinese
    names are written either way (:func:`_in_order`)."""
    n, m = len(query), len(candidate)
    if not n or not m:
        return NAME_NO_MATCH
    cache = (sim or TokenSimilarity()).rows
    scored: list[tuple[float, int, int, TokenMatch]] = []
    for i, q in enumerate(query):
        row = cache.get(id(q))
        if row is None:
            row = cache[id(q)] = {}
        for j, c in enumerate(candidate):
            t = row.get(id(c))
            if t is None:
                t = row[id(c)] = token_similarity(q, c)
            if t.score >= TOKEN_FLOOR:
                scored.append((t.score, i, j, t))
    if not scored:
        return NAME_NO_MATCH
    scored.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_q: set[int] = set()
    used_c: set[int] = set()
    chosen: list[tuple[int, int, TokenMatch]] = []
    surname = False
    for _, i, j, t in scored:
        if i in used_q or j in used_c or (t.surname and surname):
            continue
        surname = surname or t.surname
        used_q.add(i)
        used_c.add(j)
        chosen.append((i, j, t))
    if len(chosen) >= 3 and _chinese(query, candidate) and not _in_order(chosen, query, candidate):
        chosen = _chinese_order(scored, query, candidate)
        used_q = {i for i, _, _ in chosen}
        used_c = {j for _, j, _ in chosen}
    pairs = [t for _, _, t in chosen]
    total = sum(t.score for t in pairs)
    short, long = min(n, m), max(n, m)
    value = total / short
    if short == 1 and long > 1:
        value *= SINGLE_PART_FACTOR
    left_over = [(t, False) for i, t in enumerate(query) if i not in used_q] + [
        (t, True) for j, t in enumerate(candidate) if j not in used_c
    ]
    paired = {(i, j) for i, j, _ in chosen}
    for part, notice_side in sorted(left_over, key=lambda p: (p[0].origin != "chinese", p[1]))[
        : long - short
    ]:
        # A Chinese given name is one name: a syllable of it left over is not a dropped middle name. But a
        # name in Latin letters that starts with a part before the family name written in characters is
        # the English given name Hong Kong and Singapore put first (Alice MAK Mei-kuen for 麥美娟).
        if part.origin == "chinese" and not _first_name_before(part, notice_side, query, candidate, paired):
            value *= CHINESE_EXTRA_PART_FACTOR
        else:
            value *= NOTICE_EXTRA_PART_FACTOR if notice_side else EXTRA_PART_FACTOR
    return NameMatch(value, tuple(pairs), long - len(pairs))


def _first_name_before(
    part: Token,
    notice_side: bool,
    query: Sequence[Token],
    candidate: Sequence[Token],
    paired: set[tuple[int, int]],
) -> bool:
    """The left-over part is at one end of its name (not between two of its matched parts, as the Jian of
    Feng Jian Guo would be against 冯国), and every part of the other name, written in Han characters,
    is matched, and it is no Chinese syllable: an English given name beside a Chinese one (Alice MAK
    Mei-kuen, Mei-kuen MAK Alice)."""
    mine, other = (candidate, query) if notice_side else (query, candidate)
    if (
        len(mine) < 3
        or _HAN.search(part.text)
        or not _HAN.search(other[0].text)
        or part not in (mine[0], mine[-1])
    ):
        return False
    syllables, _, from_wg = _pinyin_tables()
    if part.text in syllables or part.text in from_wg or _gwoyeu(part.text):
        return False  # one more syllable (Yang Jia Hao against 杨佳) is another name, not an English one
    matched = {j for i, j in paired} if notice_side else {i for i, j in paired}
    others = {i for i, j in paired} if notice_side else {j for i, j in paired}
    return len(others) == len(other) and len(matched) == len(mine) - 1


def _chinese(query: Sequence[Token], candidate: Sequence[Token]) -> bool:
    """One of the two is a Chinese name of three parts or more (with two, any pairing is in order)."""
    return any(len(form) >= 3 and all(t.origin == "chinese" for t in form) for form in (query, candidate))


def _in_order(
    chosen: Sequence[tuple[int, int, TokenMatch]], query: Sequence[Token], candidate: Sequence[Token]
) -> bool:
    """The pairs keep their order on both sides but for the family name, which one side may write first
    and the other last: the candidate's parts, taken in the query's order, rise, or rise but for one
    fall that sets a single pair apart at one end (郭 偉 強 against Wai Keung Kwok: 1, 2, 0; against
    Chiang Wei Kuo: 2, 1, 0, out of order). That pair must not be a part known to be a given name (a
    name in Han characters is written family name first: Kwok Keung Wai is not 蔣緯國 in Cantonese)."""
    pairs = sorted((i, j) for i, j, _ in chosen)
    falls = [k for k in range(1, len(pairs)) if pairs[k][1] < pairs[k - 1][1]]
    if not falls:
        return True
    if len(falls) > 1 or pairs[-1][1] >= pairs[0][1]:
        return False
    runs = (pairs[: falls[0]], pairs[falls[0] :])
    return any(_may_move(run, query, candidate) for run in runs)


def _may_move(run: Sequence[tuple[int, int]], query: Sequence[Token], candidate: Sequence[Token]) -> bool:
    """The pairs of ``run`` may stand at the other end of one name: one family name, or the two family
    names of a married woman's name in Han characters (周陳秀霞 against Hsiu-hsia Chou Chen), never a
    part known to be a given name."""
    if len(run) > 2 or any(query[i].given or candidate[j].given for i, j in run):
        return False
    if len(run) == 1:
        return True
    return all(_HAN.search(query[i].text) for i, _ in run) or all(
        _HAN.search(candidate[j].text) for _, j in run
    )


def _chinese_order(
    scored: Sequence[tuple[float, int, int, TokenMatch]], query: Sequence[Token], candidate: Sequence[Token]
) -> list[tuple[int, int, TokenMatch]]:
    """The best pairing (highest total) that is :func:`_in_order`, with at most one surname-only pair:
    the best alignment of the query's parts with the candidate's read from each of its parts in turn
    that is in order (reading from the first, it always is)."""
    n, m = len(query), len(candidate)
    match = {(i, j): t for _, i, j, t in scored}
    best: list[tuple[int, int, TokenMatch]] = []
    best_total = -1.0
    for start in range(m):
        pairing = _monotone(list(range(n)), [(start + k) % m for k in range(m)], match)
        total = sum(t.score for _, _, t in pairing)
        if total > best_total and (start == 0 or _in_order(pairing, query, candidate)):
            best, best_total = pairing, total
    return best


def _monotone(
    rows: Sequence[int], cols: Sequence[int], match: dict[tuple[int, int], TokenMatch]
) -> list[tuple[int, int, TokenMatch]]:
    """The highest-scoring pairing of ``rows`` with ``cols`` that keeps their order (an alignment), with
    at most one surname-only pair."""

    @cache
    def go(a: int, b: int, used: bool) -> tuple[float, tuple[tuple[int, int], ...]]:
        if a == len(rows) or b == len(cols):
            return 0.0, ()
        options = [go(a + 1, b, used), go(a, b + 1, used)]
        t = match.get((rows[a], cols[b]))
        if t is not None and not (t.surname and used):
            score, rest = go(a + 1, b + 1, used or t.surname)
            options.append((score + t.score, ((rows[a], cols[b]), *rest)))
        return max(options, key=lambda o: o[0])

    return [(i, j, match[(i, j)]) for i, j in go(0, 0, False)[1]]


class TokenSimilarity:
    """A cache of :func:`token_similarity` for one search (see :func:`form_similarity`), comparing one
    query against many names."""

    def __init__(self) -> None:
        self.rows: dict[int, dict[int, TokenMatch]] = {}
        """id(query token) → id(candidate token) → match; the tokens outlive the cache (one search)."""


def _ceiling(n: int, m: int) -> float:
    """The most :func:`form_similarity` can give names of n and m parts (every part of the shorter
    matched exactly)."""
    short, long = min(n, m), max(n, m)
    value = SINGLE_PART_FACTOR if short == 1 and long > 1 else 1.0
    return value * max(EXTRA_PART_FACTOR, NOTICE_EXTRA_PART_FACTOR) ** (long - short)


def name_similarity(
    query: AnalysedName, candidate: AnalysedName, sim: TokenSimilarity | None = None
) -> NameMatch:
    """The best :func:`form_similarity` over both names' forms, a variant (joined or split parts) on one
    side at a time; pairs of forms that could not beat the best so far are not compared. Two names
    written in the same Han characters are the same name, however they were split into parts."""
    if query.han and query.han == candidate.han:
        same = TokenMatch(1.0, f"{query.text} = {candidate.text} (the same characters)", literal=True)
        return NameMatch(1.0, (same,), 0)
    best = NAME_NO_MATCH
    for qi, qf in enumerate(query.forms):
        for ci, cf in enumerate(candidate.forms):
            if (qi and ci) or _ceiling(len(qf), len(cf)) <= best.score:
                continue
            match = form_similarity(qf, cf, sim)
            if match.score > best.score:
                best = match
                if best.score >= 1.0:
                    return best
    return best
