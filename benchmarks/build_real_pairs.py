"""Build the real name pairs of legislators in tests/data/screening/ (Korea, the Duma, Taiwan and Hong Kong,
Morocco, Pakistan) from public data.

``python -m benchmarks.build_real_pairs`` reads the extracts kept in ``benchmarks/real_pairs_sources/`` and
writes the JSON Lines file the tests and ``python -m benchmarks.realpairs`` read. Nothing here
uses the matcher's code: the Latin names are the ones the sources give, the negatives are chosen with
rapidfuzz on the sources' own Latin spellings.

Sources (extracts copied by hand from the public repositories named, only the name columns kept):

* ``ko_assembly19.tsv``: members of the 19th National Assembly of the Republic of Korea (2012-2016), their
  name in Hangul (``name__ko``), the English name the Assembly publishes (``name``) and birth date, from
  everypolitician-data ``data/South_Korea/National_Assembly/sources/morph/data.csv``, itself from Team
  POPONG's ``data-for-rnd`` (github.com/teampopong), licensed CC BY 3.0.
* ``ko_assembly20.tsv``: the same for the 20th National Assembly (2016-2020), from everypolitician-data
  ``.../sources/morph/popong-data-20.csv``, from Team POPONG's ``data-assembly``, CC BY 3.0.

* ``ru_duma.tsv``, ``zh_taiwan.tsv``, ``zh_hongkong.tsv``, ``ar_morocco.tsv``: legislators' names from
  everypolitician-data (CC0); each extract's header says which file and which rules chose the Latin name.
* ``ur_pakistan.tsv``: members of Pakistan's National Assembly, the Urdu and the English Wikidata label of the
  same item, from everypolitician-data ``data/Pakistan/Assembly/sources/morph/wikidata.csv`` (CC0).

Each person (Hangul name and birth date) gives one true pair: the Hangul name against the Assembly's English
spelling (the 19th's where the person sat in both). Where the two Assemblies spelled the name differently
(letters, not only case or spacing: KIM Kyung Hyub / KIM KYUNGHYUP, RHEE In-je), the other spelling is kept
as ``latin_other`` and measured Latin against Latin. Negatives are two different members whose Latin names
look alike (rapidfuzz ratio >= 75 on the folded letters), with the same family name in Hangul but another
given name, never the same letters and never one name in McCune-Reischauer without breves (정훈 and 종훈 are
both Chong Hun): the first's Hangul name against the second's Latin name.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "real_pairs_sources"
OUT = HERE.parent / "tests" / "data" / "screening" / "real_pairs_korean.jsonl"
NEGATIVES = 60
"""How many look-alike pairs of two people to keep (the most alike first, each person once)."""


def read_tsv(path: Path) -> list[tuple[str, str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        hangul, latin, born = line.split("\t")
        rows.append((hangul.strip(), latin.strip(), born.strip()))
    return rows


def letters(latin: str) -> str:
    return re.sub(r"[^a-z]", "", latin.lower())


def family_of(latin: str) -> str:
    """The family name where the spelling marks it: ``KIM Jae Yun`` (capitals against mixed case) or
    ``Kwon, Eun Hee`` (a comma); otherwise unknown."""
    if "," in latin:
        return latin.split(",", 1)[0].strip()
    tokens = latin.split()
    if len(tokens) > 1 and tokens[0].isupper() and not all(t.isupper() for t in tokens[1:]):
        return tokens[0]
    return ""


def korean_pairs() -> list[dict[str, Any]]:
    people: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for source in ("ko_assembly19.tsv", "ko_assembly20.tsv"):
        for hangul, latin, born in read_tsv(SOURCES / source):
            people.setdefault((hangul, born), []).append((latin, source.removesuffix(".tsv")))
    pairs: list[dict[str, Any]] = []
    for (hangul, _born), spellings in people.items():
        latin, source = spellings[0]
        pair: dict[str, Any] = {
            "lang": "ko",
            "source": f"popong-{source.removeprefix('ko_')}",
            "same_person": True,
            "native": hangul,
            "latin": latin,
            "latin_family": family_of(latin),
            "latin_aliases": [],
            "kind": "korean",
        }
        other = next((s for s, _ in spellings[1:] if letters(s) != letters(latin)), None)
        if other:
            pair["latin_other"] = other
        pairs.append(pair)
    pairs.extend(korean_negatives(people))
    return pairs


# McCune-Reischauer without its breves and apostrophes (McCune & Reischauer 1939) writes some letters
# alike: initials ㄱ/ㅋ k, ㄷ/ㅌ t, ㅂ/ㅍ p, ㅈ/ㅊ ch;
# vowels ㅓ/ㅗ o, ㅕ/ㅛ yo, ㅡ/ㅜ u. Two names alike under it are one spelling
# (정훈 and 종훈 are both Chong Hun, Jong Hoon), so not a pair of look-alike different names.
_MR_LEADS = {15: 0, 16: 3, 17: 7, 14: 12}
_MR_VOWELS = {8: 4, 12: 6, 18: 13}


def mr_collapsed(hangul: str) -> tuple[tuple[int, int, int], ...]:
    out = []
    for c in hangul:
        code = ord(c) - 0xAC00
        if not 0 <= code <= 11171:
            out.append((code, -1, -1))
            continue
        lead, vowel, tail = code // 588, (code % 588) // 28, code % 28
        out.append((_MR_LEADS.get(lead, lead), _MR_VOWELS.get(vowel, vowel), tail))
    return tuple(out)


def korean_negatives(people: dict[tuple[str, str], list[tuple[str, str]]]) -> list[dict[str, Any]]:
    spelled = {h: {letters(s) for s, _ in sp} for (h, _), sp in people.items()}
    for (h, _), sp in people.items():
        spelled[h] |= {letters(s) for s, _ in sp}
    candidates = []
    items = [(h, sp[0][0]) for (h, _), sp in people.items()]
    for a, (ha, la) in enumerate(items):
        for b, (hb, lb) in enumerate(items):
            if a == b or ha == hb or ha[0] != hb[0] or len(ha) != len(hb):
                continue
            if sorted(ha[1:]) == sorted(hb[1:]) or letters(lb) in spelled[ha]:
                continue
            if mr_collapsed(ha) == mr_collapsed(hb):
                continue
            score = fuzz.ratio(letters(la), letters(lb))
            if score >= 75:
                candidates.append((-score, ha, hb, la, lb))
    candidates.sort()
    used: set[str] = set()
    out: list[dict[str, Any]] = []
    for _score, ha, hb, la, lb in candidates:
        if ha in used or hb in used:
            continue
        used |= {ha, hb}
        out.append(
            {
                "lang": "ko",
                "source": "popong",
                "same_person": False,
                "native": ha,
                "latin": lb,
                "latin_family": family_of(lb),
                "latin_aliases": [],
                "native_person_latin": la,
                "kind": "negative",
            }
        )
        if len(out) == NEGATIVES:
            break
    return out


def capitals(latin: str) -> str:
    """The family name where the spelling marks it as Hong Kong's Legislative Council does (Alan LEONG
    Kah-kit: the one part in capitals among parts that are not)."""
    tokens = latin.split()
    upper = [t for t in tokens if t.isupper() and len(t) > 1]
    return upper[0] if len(upper) == 1 and len(tokens) > 1 else ""


def tsv_pairs(
    source: str, lang: str, label: str, keep: int | None = None, negatives: int | None = None
) -> list[dict[str, Any]]:
    """Native-script against Latin names of legislators (``kind<TAB>native<TAB>latin`` lines of ``source``),
    and look-alike negatives: one member's native name against another member's Latin name, the native
    names different, the Latin ones never equal but alike (rapidfuzz ratio of the letters, plus 10 for the
    same family name in Han characters, or for the same given name in Cyrillic and Arabic script, where
    the family names must differ), 85 or more; each member in one negative at most, the most alike first,
    at most ``negatives`` of them. ``keep`` takes that many lines, evenly spread over the file."""
    pairs: list[dict[str, Any]] = []
    people: list[tuple[str, str]] = []
    lines = [
        line
        for line in (SOURCES / source).read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    if keep is not None and keep < len(lines):
        lines = [lines[k * len(lines) // keep] for k in range(keep)]
    for line in lines:
        kind, native, latin = line.split("\t")
        pairs.append(
            {
                "lang": lang,
                "source": label,
                "same_person": True,
                "native": native,
                "latin": latin,
                "latin_family": capitals(latin),
                "latin_aliases": [],
                "kind": kind,
            }
        )
        if kind in ("russian", "romanisation", "cantonese", "morocco", "pakistan"):
            people.append((native, latin))

    def family(native: str) -> str:
        return native.split()[0] if " " in native else native[:1]

    candidates = []
    for native_a, latin_a in people:
        for native_b, latin_b in people:
            if native_a == native_b or letters(latin_a) == letters(latin_b):
                continue
            same = family(native_a) == family(native_b)
            if lang == "ru" and same:
                continue  # one family name in Cyrillic: a relative or a namesake, not a look-alike
            if lang == "ru":  # the same given name (Сергей, Сергей) makes two Russian names look alike
                same = native_a.split()[1] == native_b.split()[1]
            if (
                lang == "ar"
            ):  # given name first: the same family name is a relative, the same given name alike
                if native_a.split()[-1] == native_b.split()[-1]:
                    continue
                same = native_a.split()[0] == native_b.split()[0]
            score = fuzz.ratio(letters(latin_a), letters(latin_b)) + 10 * same
            if score >= 85:
                candidates.append((-score, native_a, native_b, latin_a, latin_b))
    candidates.sort()
    used: set[str] = set()
    found = 0
    for _score, native_a, native_b, latin_a, latin_b in candidates:
        if native_a in used or native_b in used or found == negatives:
            continue
        used |= {native_a, native_b}
        found += 1
        pairs.append(
            {
                "lang": lang,
                "source": label,
                "same_person": False,
                "native": native_a,
                "latin": latin_b,
                "latin_family": "",
                "latin_aliases": [],
                "native_person_latin": latin_a,
                "kind": "negative",
            }
        )
    return pairs


def duma_pairs() -> list[dict[str, Any]]:
    return tsv_pairs("ru_duma.tsv", "ru", "everypolitician-duma")


def taiwan_pairs() -> list[dict[str, Any]]:
    return tsv_pairs("zh_taiwan.tsv", "zh", "everypolitician-taiwan") + tsv_pairs(
        "zh_hongkong.tsv", "zh", "everypolitician-hongkong"
    )


MOROCCO_PAIRS = 200
"""Moroccan members kept (evenly spread over the extract's 378), so that Maghrebi French spellings do not
outweigh the rest of the Arabic-script family; and an eighth as many negatives at most."""


def morocco_pairs() -> list[dict[str, Any]]:
    return tsv_pairs(
        "ar_morocco.tsv", "ar", "everypolitician-morocco", keep=MOROCCO_PAIRS, negatives=MOROCCO_PAIRS // 8
    )


PAKISTAN_NEGATIVES = 30
"""Look-alike pairs of two Pakistani members to keep at most (an eighth of the 244 pairs, as for Morocco)."""


def pakistan_pairs() -> list[dict[str, Any]]:
    """Urdu against English Wikidata labels of members of Pakistan's National Assembly (every one the extract
    holds), and negatives chosen as for the other Arabic-script legislators (the last part of the Urdu name
    differs, the Latin names alike)."""
    return tsv_pairs("ur_pakistan.tsv", "ar", "everypolitician-pakistan", negatives=PAKISTAN_NEGATIVES)


OUTPUTS = {
    "korean": (OUT, korean_pairs),
    "duma": (OUT.with_name("real_pairs_cyrillic_duma.jsonl"), duma_pairs),
    "taiwan": (OUT.with_name("real_pairs_han_taiwan.jsonl"), taiwan_pairs),
    "morocco": (OUT.with_name("real_pairs_arabic_morocco.jsonl"), morocco_pairs),
    "pakistan": (OUT.with_name("real_pairs_arabic_pakistan.jsonl"), pakistan_pairs),
}


def main(argv: list[str]) -> None:
    for name, (out, build) in OUTPUTS.items():
        if argv and name not in argv:
            continue
        pairs = build()
        with out.open("w", encoding="utf-8") as f:
            for p in pairs:
                f.write(json.dumps(p, ensure_ascii=False) + "\n")
        true = sum(p["same_person"] for p in pairs)
        other = sum("latin_other" in p for p in pairs)
        negatives = len(pairs) - true
        sys.stdout.write(
            f"{out.name}: {true} true pairs ({other} with a second spelling), {negatives} negatives\n"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
