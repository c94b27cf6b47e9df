"""Hokkien, Teochew and Hakka spellings of names in Han characters; a married woman's two family names; a
character's other reading; Taiwanese -er spellings (issue 13)."""

from __future__ import annotations

import pytest

from rednotice.domain.model import Subject
from rednotice.domain.screening import hokkien
from rednotice.domain.screening.index import IndexedNotice, ScreeningIndex
from rednotice.domain.screening.names import analyse, name_similarity
from rednotice.domain.screening.query import ScreeningQuery

MATCH = 0.85
"""A name pair at or above this is a match on the name alone (as in test_screening_names)."""

# (name in characters, Latin name, should match, why)
PAIRS = [
    ("李光耀", "Lee Kuan Yew", True, "Hokkien surname, Teochew/Hokkien given-name syllables"),
    ("李光耀", "LEE<<KUAN<YEW", True, "the same as an MRZ writes it"),
    ("李光耀", "Kuan Yew Lee", True, "family name last"),
    ("李光耀", "Lee Kuanyew", True, "given name written as one word"),
    ("許文煥", "Khaw Boon Wan", True, "Khaw for 許, Boon for 文 bûn, Wan for 煥 hoàn"),
    ("许文焕", "Khaw Boon Wan", True, "the same in simplified characters"),
    ("王瑞杰", "Heng Swee Keat", True, "Teochew Heng for 王, Swee for 瑞, Keat for 杰"),
    ("張志賢", "Teo Chee Hean", True, "Teo for 張, Chee for 志, Hean for 賢"),
    ("黄志明", "Ng Chee Meng", True, "Ng for 黃, Teochew Meng for 明"),
    ("方荣发", "Png Eng Huat", True, "a syllabic ng: Png for 方 png"),
    ("蕭美琴", "Hsiao Bi-khim", True, "Pe̍h-ōe-jī beside Wade-Giles (Taiwan)"),
    ("林昌", "Lim Tshiong", True, "Tâi-lô tsh for POJ chh"),
    ("李光耀", "Lee Yew Kuan", False, "the syllables of a given name keep their order"),
    ("李光耀", "Lee Kuan Yeow", True, "Yeow is another spelling of 耀 iāu"),
    ("李光耀", "Lee Kuan Hean", False, "Hean is 賢, not 耀"),
    ("陳光耀", "Lee Kuan Yew", False, "another family name"),
]


@pytest.mark.parametrize(("han", "latin", "expected", "why"), PAIRS, ids=[p[3] for p in PAIRS])
def test_han_against_hokkien_spellings(han: str, latin: str, expected: bool, why: str) -> None:
    for a, b in ((han, latin), (latin, han)):
        match = name_similarity(analyse(a), analyse(b))
        assert (match.score >= MATCH) is expected, f"{why}: {a} / {b}: {match.score:.2f} {match.explain()}"


def test_latin_spellings_meet_only_through_characters() -> None:
    # Kuan Yew is 光耀 in Teochew, Guangyao in pinyin: two Latin names are not made one by guessing
    assert name_similarity(analyse("Lee Kuan Yew"), analyse("Li Guangyao")).score < MATCH
    assert name_similarity(analyse("Khaw Boon Wan"), analyse("Xu Wenhuan")).score < MATCH
    # ... nor two names in characters that share only a Hokkien spelling (友 and 耀 are both Yew)
    assert name_similarity(analyse("李光友"), analyse("李光耀")).score < MATCH


def test_table_covers_the_common_surnames_and_given_names() -> None:
    traditional_surnames = {
        c for c in hokkien.SURNAMES if c not in "陈张黄吴刘杨许郑谢萧孙马庄卢钟赖赵龚颜蓝汤邹"
    }
    assert len(traditional_surnames) >= 100
    for char in "陳林李黃張王吳劉蔡楊許鄭郭謝曾洪邱周沈杜蘇":
        assert char in hokkien.SURNAMES, char
    assert hokkien.char_spellings("陳")[0] == "tan"
    assert hokkien.char_spellings("許")[:2] == ("khaw", "koh")
    assert "boon" in hokkien.char_spellings("文")
    assert "hock" in hokkien.char_spellings("福")
    assert hokkien.char_spellings("喵") == ()
    # POJ without tone marks and Tâi-lô come with the customary spellings
    assert {"ngo", "ngoo", "goh"} <= set(hokkien.char_spellings("吳"))
    assert "tshiong" in hokkien.char_spellings("昌")
    assert hokkien.spellings("光耀") >= {"kuanyew", "kongyew"}
    assert hokkien.spellings("光喵") == frozenset()


def test_a_bad_table_line_is_refused() -> None:
    with pytest.raises(ValueError, match="bad line"):
        hokkien._parse("陳: tan /")
    with pytest.raises(ValueError, match="listed twice"):
        hokkien._parse("陳: tan / tan\n陳: chin / chin")


MARRIED = [
    ("周陳秀霞", "CHOW CHAN Sau-ha", True, "both family names, the husband's first (Hong Kong)"),
    ("周陳秀霞", "CHAN Sau-ha", True, "her own family name only"),
    ("周陳秀霞", "CHOW Sau-ha", True, "her husband's family name only"),
    ("周陳秀霞", "Hsiu-Hsia Chou Chen", True, "both family names after the given name (Taiwan)"),
    ("周陳秀霞", "Chou Chen Hsiu-Hsia", True, "both family names first (Taiwan)"),
    ("林鄭月娥", "CHENG Yuet-ngor", True, "Carrie Lam's own family name"),
    ("周秀霞", "CHAN Sau-ha", False, "one family name in characters: Chan is not there"),
    ("歐陽秀霞", "Au Sau-ha", False, "歐陽 is one two-character family name, not two"),
]


@pytest.mark.parametrize(("han", "latin", "expected", "why"), MARRIED, ids=[p[3] for p in MARRIED])
def test_married_womans_two_family_names(han: str, latin: str, expected: bool, why: str) -> None:
    for a, b in ((han, latin), (latin, han)):
        match = name_similarity(analyse(a), analyse(b))
        assert (match.score >= MATCH) is expected, f"{why}: {a} / {b}: {match.score:.2f} {match.explain()}"


OTHER = [
    ("米芾", "Mi Fu", True, "芾 is read fei in most words, fu in the painter's name"),
    ("刘禅", "Liu Shan", True, "禅 chan or shan"),
    ("张国焘", "Zhang Guotao", True, "焘 dao or tao, inside a two-syllable given name"),
    ("米芾", "Mi Fei", True, "the usual reading still counts"),
    ("柯建銘", "Ker Chien-ming", True, "Taiwanese Ker for 柯 ke"),
    ("黃偉哲", "Huang Wei-cher", True, "Taiwanese Cher for 哲 zhe"),
    ("何明", "Her Ming", True, "Her for 何 he"),
    ("游蕙禎", "YAU Wai-ching", True, "游 you, a surname the table does not list, keeps its Hong Kong Yau"),
    ("方剛", "Vincent FANG Kang", True, "Kang, a surname spelling, is also the Wade-Giles of 剛 gang"),
]


@pytest.mark.parametrize(("han", "latin", "expected", "why"), OTHER, ids=[p[3] for p in OTHER])
def test_other_readings_and_taiwanese_spellings(han: str, latin: str, expected: bool, why: str) -> None:
    for a, b in ((han, latin), (latin, han)):
        match = name_similarity(analyse(a), analyse(b))
        assert (match.score >= MATCH) is expected, f"{why}: {a} / {b}: {match.score:.2f} {match.explain()}"


def test_er_spellings_are_read_only_from_a_whole_part() -> None:
    # Baker is no Chinese syllables (ba + ker): Lee Baker stays an English name, with its typo allowance
    tokens = analyse("Lee Baker").tokens
    assert all(t.origin == "latin" for t in tokens)
    assert name_similarity(analyse("Lee Bakre"), analyse("Lee Baker")).score >= MATCH


@pytest.mark.parametrize(
    ("notice", "query"),
    [
        ("李光耀", "Lee Kuan Yew"),
        ("Lee Kuan Yew", "李光耀"),
        ("周陳秀霞", "CHAN Sau-ha"),
        ("CHAN Sau-ha", "周陳秀霞"),
    ],
)
def test_the_lookup_finds_them(notice: str, query: str) -> None:
    notices = [
        IndexedNotice("N/1", Subject(notice, "", (notice,)), "XX"),
        IndexedNotice("N/2", Subject("Li Guangyao", "", ()), "XX"),
        IndexedNotice("N/3", Subject("陳大文", "", ("陳大文",)), "XX"),
    ]
    index = ScreeningIndex.build(notices)
    q = ScreeningQuery(id="q", name=query)
    assert "N/1" in index.candidates(q)
    assert [m.notice_id for m in index.search(q)][:1] == ["N/1"]
