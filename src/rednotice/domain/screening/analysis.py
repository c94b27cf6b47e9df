"""Names across scripts, second stage: analysis of a name into tokens and forms.

:class:`Token` (one part with every spelling it can stand for), :func:`analyse` (a name in any script
into its :class:`AnalysedName` forms: parts joined and split, Chinese, Korean and Arabic compounds).
Split out of :mod:`.names`, which re-exports everything here; see that module for the whole design.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

from rednotice.domain.screening import cantonese, hokkien, korean, tables
from rednotice.domain.screening.romanise import (
    _ARABIC,
    _ARABIC_GROUPS,
    _ARMENIAN,
    _AZERBAIJANI,
    _CHINESE_SURNAME_GROUPS,
    _CYRILLIC,
    _GEORGIAN,
    _GREEK,
    _HAN,
    _HAN_OR_KANA,
    _HEBREW,
    _NAME_GROUPS,
    _NOT_LETTER,
    _SOFT_C,
    _SOFT_C_MARK,
    MAX_SPELLINGS,
    _arabic_script_key,
    _arabic_spellings,
    _chinese_latin,
    _cyrillic_spellings,
    _han_syllables,
    _looks_chinese,
    _other_readings,
    _script,
    _second_reading,
    _syllable_spellings,
    arabic_spelling,
    arabic_spellings,
    ascii_fold,
    chinese_readings,
    hebrew_spellings,
    icao_fold,
    other_script_spellings,
    phonetic_key,
    raw_tokens,
    skeleton,
)

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
            # and the skeleton of the letters read apart where Latin letters would join them into one
            # sound (تہمینہ: t-h-m-n, Tehmina, not t-m-n as the th of the plain reading gives)
            apart = skeleton(arabic_spelling(text, apart=True)) if _ARABIC.search(text) else ""
            if len(apart) >= 2:
                found.add(apart)
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


_MRZ_XX = re.compile(r"([nu])xx")


def _mrz_xx(plain: str) -> tuple[str, ...]:
    """A Latin part written with ICAO 9303 Part 3's alternative transliterations of Ñ as NXX and Ü as UXX
    (Table A: "N or NXX", "UE or UXX"; IBANXXEZ, MUXXLLER) read as the letter plain (IBANEZ, MULLER) and,
    for Ü, as UE (MUELLER); () for any other part. No name is written with "nxx" or "uxx" otherwise."""
    if "xx" not in plain or not _MRZ_XX.search(plain):
        return ()
    plain_letter = _MRZ_XX.sub(r"\1", plain)
    with_ue = _MRZ_XX.sub(lambda m: "ue" if m.group(1) == "u" else "n", plain)
    return (plain_letter, with_ue) if with_ue != plain_letter else (plain_letter,)


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
            mrz_xx = _mrz_xx(plain)
            if mrz_xx:  # ICAO's NXX / UXX for Ñ / Ü: the letters it stands for, as other documents write them
                plain = mrz_xx[0]
            latin.append(plain)
            shown.append(plain)
            origins.append("latin")
            extra.append({plain, icao_fold(p), *mrz_xx})
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
