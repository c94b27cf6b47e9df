"""Real Han, Cyrillic and Arabic-script <-> Latin name pairs (tests/data/screening/real_pairs_*.jsonl,
sources in that folder's README): the candidate lookup finds every pair scoring accepts (Han and
Cyrillic), and recall floors end to end.

The floors sit a little under the figures reached (docs/screening.md), so that a regression fails."""

from __future__ import annotations

import pytest
from benchmarks.realpairs import (
    ARABIC,
    COMMITTED,
    CYRILLIC,
    DATA,
    DIRECTIONS,
    GENERATED,
    Report,
    evaluate,
    load,
)

POSITIVE = ("pinyin", "wade-giles", "cantonese", "other-romanisation", "western-name", "foreign-name")
RECALL_FLOORS = {
    # direction: (romanisations the matcher writes: pinyin, Wade-Giles, Cantonese; every true pair)
    "han-latin": (0.96, 0.73),  # reached 0.984 (179/182), 0.756 (189/250)
    "latin-han": (0.96, 0.73),  # reached 0.984 (179/182), 0.752 (188/250)
    "han-han": (0.99, 0.99),  # reached 1.000
    "han-han-spaced": (0.99, 0.99),  # reached 1.000
}


@pytest.fixture(scope="module")
def report() -> Report:
    return evaluate(load())


def test_the_committed_pairs() -> None:
    pairs = load()
    assert len(pairs) == 300
    assert sum(p["kind"] == "negative" for p in pairs) == 50
    assert sum(p["kind"] in GENERATED for p in pairs) == 182


@pytest.mark.parametrize("direction", DIRECTIONS)
def test_the_lookup_finds_every_pair_scoring_accepts(report: Report, direction: str) -> None:
    tally = report.total(direction, POSITIVE)
    assert tally.accepted >= 180, report.lines()
    missed = [m for m in report.misses if m["direction"] == direction and not m["looked_up"]]
    assert tally.lookup_recall == 1.0, missed


@pytest.mark.parametrize("direction", DIRECTIONS)
def test_recall_end_to_end(report: Report, direction: str) -> None:
    generated, everyone = RECALL_FLOORS[direction]
    assert report.total(direction, GENERATED).recall >= generated, report.lines()
    assert report.total(direction, POSITIVE).recall >= everyone, report.lines()


@pytest.mark.parametrize("direction", ["han-latin", "latin-han"])
def test_other_people_with_look_alike_names_are_not_flagged(report: Report, direction: str) -> None:
    assert report.total(direction, ["negative"]).hits == 0, [
        m for m in report.misses if m["direction"] == direction and m["kind"] == "negative"
    ]


# direction: (kinds, recall floor, lookup recall floor); the figures reached are in docs/screening.md
OTHER_SCRIPTS = {
    "cyrillic-latin": (("russian", "ukrainian-belarusian"), 0.98, 1.0),  # reached 0.996 (249/250)
    "latin-cyrillic": (("russian", "ukrainian-belarusian"), 0.97, 1.0),  # reached 0.984 (246/250)
    # Arabic script: the lookup misses one pair (هاغوب بقرادونيان, Hagop Pakradounian: an Armenian p
    # written ب), hence its floor under 1
    "arabic-latin": (("arabic", "persian-pashto-urdu", "lebanon-kuwait"), 0.92, 1.0),  # 0.932, 1.000
    "latin-arabic": (("arabic", "persian-pashto-urdu", "lebanon-kuwait"), 0.90, 1.0),  # 0.908, 1.000
}


@pytest.fixture(scope="module")
def other_report() -> Report:
    return evaluate(load(CYRILLIC) + load(ARABIC))


def test_the_committed_cyrillic_and_arabic_pairs() -> None:
    for path in (CYRILLIC, ARABIC):
        pairs = load(path)
        assert len(pairs) == 300
        assert sum(p["kind"] == "negative" for p in pairs) == 50


@pytest.mark.parametrize("direction", list(OTHER_SCRIPTS))
def test_cyrillic_and_arabic_recall(other_report: Report, direction: str) -> None:
    kinds, floor, lookup = OTHER_SCRIPTS[direction]
    tally = other_report.total(direction, kinds)
    assert tally.recall >= floor, other_report.lines()
    assert tally.lookup_recall >= lookup, [m for m in other_report.misses if m["direction"] == direction]
    assert other_report.total(direction, ["negative"]).hits == 0, [
        m for m in other_report.misses if m["direction"] == direction and m["kind"] == "negative"
    ]


# -- the real-name test set of issue 13: at least 500 pairs per script family ----------------------------
# Families: Han (CC-CEDICT, Wikidata; Taiwan and Hong Kong legislators), Cyrillic (OFSI; State Duma),
# Arabic script (OFSI, Wikidata), Korean (National Assembly, Team POPONG). Sources and licences in
# tests/data/screening/README.md; figures and the peers beside them in docs/screening.md
# (python -m benchmarks.real_pairs_quality).

KOREAN_PAIRS = DATA / "real_pairs_korean.jsonl"
DUMA = DATA / "real_pairs_cyrillic_duma.jsonl"
TAIWAN_HONG_KONG = DATA / "real_pairs_han_taiwan.jsonl"
MOROCCO = DATA / "real_pairs_arabic_morocco.jsonl"
PAKISTAN = DATA / "real_pairs_arabic_pakistan.jsonl"
FAMILY_FILES = {
    "han": (COMMITTED, TAIWAN_HONG_KONG),
    "cyrillic": (CYRILLIC, DUMA),
    "arabic": (ARABIC, MOROCCO, PAKISTAN),
    "korean": (KOREAN_PAIRS,),
}
# Han pairs whose Latin name is a romanisation of the characters (not a Western name the person goes by,
# nor a foreign name written in characters)
HAN_ROMANISED = ("pinyin", "wade-giles", "cantonese", "other-romanisation", "romanisation")


@pytest.mark.parametrize("family", list(FAMILY_FILES))
def test_each_family_has_at_least_500_real_pairs_with_negatives(family: str) -> None:
    pairs = [p for path in FAMILY_FILES[family] for p in load(path)]
    negatives = sum(not p["same_person"] for p in pairs)
    assert len(pairs) >= 500
    assert negatives >= 45
    assert all(p["same_person"] == (p["kind"] != "negative") for p in pairs)


@pytest.fixture(scope="module")
def korean_report() -> Report:
    return evaluate(load(KOREAN_PAIRS))


# direction: (recall floor, lookup recall floor); reached 0.956 (lookup 433/433, with the typo-only
# spellings SHON for 손, JHUN for 전, KHANG for 강 now looked up), 0.956 (433/433), 1.000 (11/11: RHEE
# In-je against LEE In-je...)
KOREAN_FLOORS = {"korean-latin": (0.95, 1.0), "latin-korean": (0.95, 1.0), "latin-latin": (1.0, 1.0)}


@pytest.mark.parametrize("direction", list(KOREAN_FLOORS))
def test_korean_recall_and_lookup(korean_report: Report, direction: str) -> None:
    floor, lookup = KOREAN_FLOORS[direction]
    tally = korean_report.total(direction, ["korean"])
    assert tally.recall >= floor, korean_report.lines()
    assert tally.lookup_recall >= lookup, [m for m in korean_report.misses if m["direction"] == direction]


@pytest.mark.parametrize("direction", ["korean-latin", "latin-korean"])
def test_korean_look_alikes_are_not_flagged(korean_report: Report, direction: str) -> None:
    # 60 pairs of two members whose Latin names look alike (김재원 against KIM Tae Won): a one-letter
    # difference between two spellings of Korean syllables is another name, not a typo
    assert korean_report.total(direction, ["negative"]).hits == 0, [
        m for m in korean_report.misses if m["kind"] == "negative"
    ]


@pytest.fixture(scope="module")
def more_report() -> Report:
    return evaluate(load(DUMA) + load(TAIWAN_HONG_KONG))


# direction: (kinds, recall floor); reached: Duma Russian 0.993 and 1.000, Ukrainian and Belarusian forms
# 0.869 and 0.905; Taiwan romanisations 0.904 and 0.898; Hong Kong Cantonese 0.925 and 0.914
MORE_FLOORS = {
    ("cyrillic-latin", "russian"): 0.98,
    ("latin-cyrillic", "russian"): 0.99,
    ("cyrillic-latin", "ukrainian-belarusian"): 0.85,
    ("latin-cyrillic", "ukrainian-belarusian"): 0.88,
    ("han-latin", "romanisation"): 0.89,
    ("latin-han", "romanisation"): 0.88,
    ("han-latin", "cantonese"): 0.91,
    ("latin-han", "cantonese"): 0.90,
}


@pytest.mark.parametrize(("direction", "kind"), list(MORE_FLOORS))
def test_duma_taiwan_and_hong_kong_recall(more_report: Report, direction: str, kind: str) -> None:
    tally = more_report.total(direction, [kind])
    assert tally.recall >= MORE_FLOORS[(direction, kind)], more_report.lines()
    assert tally.lookup_recall == 1.0, [m for m in more_report.misses if m["direction"] == direction]


@pytest.mark.parametrize("direction", ["cyrillic-latin", "latin-cyrillic", "han-latin", "latin-han"])
def test_duma_taiwan_and_hong_kong_look_alikes_are_not_flagged(more_report: Report, direction: str) -> None:
    assert more_report.total(direction, ["negative"]).hits == 0


def test_family_goals_on_all_real_pairs(report: Report, other_report: Report, more_report: Report) -> None:
    """The issue's goals per family, on every committed pair of the family: recall >= 0.95 for Cyrillic
    (reached 0.977 and 0.980 over 605 pairs), Korean (the Korean figures stand in the test above: 0.956
    both ways) and Han (0.953 and 0.951 over 465 romanised pairs, with Hokkien and Teochew spellings);
    Arabic script reaches its goal of 0.90 (floors above and in the Moroccan test); no negative flagged."""

    def combined(direction: str, kinds: tuple[str, ...], *reports: Report) -> float:
        pairs = sum(r.total(direction, kinds).pairs for r in reports)
        hits = sum(r.total(direction, kinds).hits for r in reports)
        return hits / pairs

    russian = ("russian", "ukrainian-belarusian")
    assert combined("cyrillic-latin", russian, other_report, more_report) >= 0.97
    assert combined("latin-cyrillic", russian, other_report, more_report) >= 0.97
    assert combined("han-latin", HAN_ROMANISED, report, more_report) >= 0.95
    assert combined("latin-han", HAN_ROMANISED, report, more_report) >= 0.95
    for r in (report, other_report, more_report):
        for direction in {d for d, _ in r.by}:
            assert r.total(direction, ["negative"]).hits == 0


@pytest.fixture(scope="module")
def morocco_report() -> Report:
    return evaluate(load(MOROCCO))


def test_moroccan_pairs(morocco_report: Report) -> None:
    """Members of Morocco's House of Representatives, Arabic script against the House's French spellings
    (Essadiki for الصديقي, Ouali for والي, Sarhiri for صغيري, BENSLIMAN for بن سليمان): reached 0.955 and
    0.960 (0.835 and 0.850 before the Maghrebi rules), every pair scoring accepts looked up, no look-alike
    flagged."""
    pairs = load(MOROCCO)
    assert len(pairs) == 215
    assert sum(p["kind"] == "negative" for p in pairs) == 15
    for direction in ("arabic-latin", "latin-arabic"):
        tally = morocco_report.total(direction, ["morocco"])
        assert tally.recall >= 0.94, morocco_report.lines()
        assert tally.lookup_recall == 1.0, [m for m in morocco_report.misses if m["direction"] == direction]
        assert morocco_report.total(direction, ["negative"]).hits == 0


@pytest.fixture(scope="module")
def pakistan_report() -> Report:
    return evaluate(load(PAKISTAN))


def test_pakistani_pairs(pakistan_report: Report) -> None:
    """Members of Pakistan's National Assembly, their Urdu Wikidata label against the English one (Tehmina
    Daultana for تہمینہ دولتانہ, Chaudhry for چوہدری, Zulfiqar for ذوالفقار, Dr. for ڈاکٹر): reached 0.918
    and 0.934 (0.828 and 0.848 before the Urdu rules), every pair scoring accepts looked up (Haq for الحق),
    no look-alike flagged."""
    pairs = load(PAKISTAN)
    assert len(pairs) == 250
    assert sum(p["kind"] == "negative" for p in pairs) == 6
    for direction in ("arabic-latin", "latin-arabic"):
        tally = pakistan_report.total(direction, ["pakistan"])
        assert tally.recall >= 0.91, pakistan_report.lines()
        assert tally.lookup_recall == 1.0, [m for m in pakistan_report.misses if m["direction"] == direction]
        assert pakistan_report.total(direction, ["negative"]).hits == 0
