"""Names across scripts, third stage: how alike two name parts, and two names, are.

:func:`token_similarity` and :func:`name_similarity` (the best pairing of parts, in order for Chinese
names), every comparison with its reason. Split out of :mod:`.names`, which re-exports everything here;
see that module for the whole design.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from rapidfuzz.distance import OSA

from rednotice.domain.screening import korean
from rednotice.domain.screening.analysis import (
    YUE,
    AnalysedName,
    Token,
)
from rednotice.domain.screening.romanise import (
    _HAN,
    _gwoyeu,
    _pinyin_tables,
)

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
    Hanafi in Persian and Urdu writing; Urdu's final ے is the e or ai of سنجے Sanjay, رائے Rai, which
    Latin letters may end in y or i without a nisba)."""
    if token.origin == "arabic" and token.text.endswith(("ى", "يع", "یع", "ے")):
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
