"""Names across scripts, first stage: normalisation, script detection and romanisation.

How a written name part is folded (diacritics, the ICAO MRZ forms), its sound-alike key and consonant
skeleton, and the Latin spellings a part written in Han characters, Cyrillic, Arabic, Hebrew, Greek,
Armenian or Georgian script can stand for. Split out of :mod:`.names`, which re-exports everything here;
see that module for the whole design.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache, lru_cache
from itertools import product

from anyascii import anyascii
from pypinyin import Style, lazy_pinyin, pinyin
from pypinyin.style import convert as pinyin_convert

from rednotice.domain.screening import gwoyeu, tables

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


_DIGRAPH_FIRST = frozenset("cdgkpstz")
"""Latin letters that read as one sound with an h after them (ch, dh, gh, kh, ph, sh, th, zh)."""
_ASPIRATION = "ھ"
"""Urdu's do-chashmi he, which marks the consonant before it as aspirated: بھ bh, دھ dh, کھ kh, as Latin
letters write them."""


def arabic_spelling(token: str, reading: str = "", apart: bool = False) -> str:
    """A Latin consonant skeleton of an Arabic-script token (long vowels kept as a/i/u; و/ي are w/y at the
    start of a word, u/i inside it); the article ال is left out. ``reading`` names one of
    :data:`.tables.ARABIC_READINGS` (Persian ض as z, Egyptian ج as g...). With ``apart``, two letters
    whose Latin values would run together into one sound (ت then ہ: t-h, not th; ت then خ: t-kh, whose
    kh is then not read with the t) get an ``a`` between them, as the short vowel that Arabic script does
    not write (تہمینہ Tehmina, افتخار Iftikhar, سہیل Sohail); the aspiration mark ھ never does. That
    reading gives a part a consonant skeleton only (see ``analysis._make_token``), never a spelling: a
    spelling would come one letter from other names (زهران read as Zahran, one letter from Zahrani)."""
    t = _arabic_script_key(token)
    if t.startswith("ال") and len(t) > 3:
        t = t[2:]
    other = tables.ARABIC_READINGS.get(reading, {})
    out: list[str] = []
    for i, c in enumerate(t):
        if c == "و":
            value = ("v" if reading == "persian" else "w") if i == 0 else "u"
        elif c in "يی":
            value = "y" if i == 0 else "i"
        elif c == "ع" and i == 0:
            value = "a"
        elif c in other:
            value = other[c]
        else:
            value = tables.ARABIC.get(c, ascii_fold(c))
        if (
            apart
            and out
            and out[-1][-1:] in _DIGRAPH_FIRST
            and value.startswith(("h", "kh"))
            and c != _ASPIRATION
        ):
            out.append("a")
        out.append(value)
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
