"""The screening index: restrictions, incremental updates, scoring rules, the Match shape."""

from __future__ import annotations

import threading

from rednotice.domain.dates import PartialDate
from rednotice.domain.model import Name, NoticeRequest, NoticeType, Sex, Subject, Visibility
from rednotice.domain.screening.index import MAX_SCORED, IndexedNotice, Match, ScreeningIndex
from rednotice.domain.screening.query import ScreeningQuery
from rednotice.domain.screening.score import ScoreSettings


def notice(
    nid: str, family: str, given: str, *originals: str, dob: str | None = "1980-05-02", **kw: object
) -> IndexedNotice:
    subject = Subject(
        family,
        given,
        tuple(originals),
        date_of_birth=PartialDate.parse(dob) if dob else None,
        sex=Sex.MALE,
        nationalities=("CN",),
    )
    return IndexedNotice(nid, subject, str(kw.pop("requesting_country", "CN")), **kw)  # type: ignore[arg-type]


def ids(matches: list[Match]) -> list[str]:
    return [m.notice_id for m in matches]


def test_search_across_scripts_with_reasons() -> None:
    index = ScreeningIndex.build(
        [notice("A", "Wang", "Xiaoming", "王小明"), notice("B", "Wang", "Fang", "王芳")]
    )
    hits = index.search(ScreeningQuery(name="WONG<<HSIAO<MING", birth_date=PartialDate(1980, 5, 2)))
    assert ids(hits) == ["A"]
    d = hits[0].to_dict()
    assert set(d) == {"notice_id", "score", "name", "reasons"}
    assert 0.0 <= d["score"] <= 1.0
    assert any("wong" in r for r in d["reasons"]) and any("same day" in r for r in d["reasons"])


def test_family_and_given_fields() -> None:
    index = ScreeningIndex.build([notice("R", "Shcherbakov", "Yuriy", "Щербаков Юрий", dob="1975")])
    q = ScreeningQuery(family_name="SCHTSCHERBAKOW", given_names="JURI", birth_date=PartialDate(1975, 3, 1))
    assert ids(index.search(q)) == ["R"]


def test_family_names_from_notices_and_documents_keep_surname_spellings_to_surnames() -> None:
    index = ScreeningIndex.build([notice("G", "Feng", "Li"), notice("F", "Li", "Feng")])
    # Free text says nothing of roles: Lei may be the family name Li (notice F), not the given name Li.
    assert ids(index.search(ScreeningQuery(name="Feng Lei", birth_date=PartialDate(1980, 5, 2)))) == ["F"]
    # A document that says Lei is a given name finds neither.
    doc = ScreeningQuery(family_name="FENG", given_names="LEI", birth_date=PartialDate(1980, 5, 2))
    assert ids(index.search(doc)) == []
    # And one that says it is the family name finds F.
    doc = ScreeningQuery(family_name="LEI", given_names="FENG", birth_date=PartialDate(1980, 5, 2))
    assert ids(index.search(doc)) == ["F"]


def test_birth_date_far_apart_is_not_a_hit_and_missing_does_not_hide_one() -> None:
    index = ScreeningIndex.build(
        [notice("A", "Anderson", "Jennifer"), notice("N", "Anderson", "Jennifer", dob=None)]
    )
    far = index.search(ScreeningQuery(name="Jennifer Anderson", birth_date=PartialDate(1990, 5, 2)))
    assert ids(far) == ["N"], "the notice without a birth date still hits; the one born 10 years apart not"
    missing = index.search(ScreeningQuery(name="Jennifer Anderson"))
    assert sorted(ids(missing)) == ["A", "N"]
    swapped = index.search(ScreeningQuery(name="Jennifer Anderson", birth_date=PartialDate(1980, 2, 5)))
    assert "A" in ids(swapped)
    assert any("swapped" in r for m in swapped if m.notice_id == "A" for r in m.reasons)


def test_two_birth_dates_that_cannot_be_one_rule_a_namesake_out_unless_a_slip() -> None:
    """The notice: Jennifer Anderson, born 1980-05-02, Chinese national (CN), male (see ``notice``)."""
    index = ScreeningIndex.build([notice("A", "Anderson", "Jennifer")])

    def hit(born: PartialDate) -> bool:
        q = ScreeningQuery(name="Jennifer Anderson", birth_date=born, nationality="CN", sex=Sex.MALE)
        return ids(index.search(q)) == ["A"]

    assert not hit(PartialDate(1980, 9, 17)), "same name, nationality and sex, another day of the same year"
    assert not hit(PartialDate(1979)), "a year that does not fit"
    assert not hit(PartialDate(1980, 7)), "a month that does not fit"
    assert hit(PartialDate(1980, 5, 3)), "one digit wrong"
    assert hit(PartialDate(1980, 5, 20)), "two digits swapped"
    assert hit(PartialDate(1981, 5, 2)), "a year one digit off, within two years"
    assert hit(PartialDate(1980, 2, 5)), "day and month swapped"
    assert hit(PartialDate(1980)) and hit(PartialDate(1980, 5)), "a partial date that fits"


def test_a_cut_never_falls_between_equal_scores_and_names_written_alike_come_first() -> None:
    index = ScreeningIndex.build(
        [notice(f"L{i}", "Li", "Yang", dob=None) for i in range(4)] + [notice("Z", "Lei", "Yang", dob=None)]
    )
    hits = index.search(ScreeningQuery(name="Yang Lei"), limit=2)
    assert ids(hits)[0] == "Z", "Lei as written ranks before Li, which Lei also spells"
    assert len(hits) == 5 and len({m.score for m in hits}) == 1, "all five score the same: none is cut"


def test_best_first_and_threshold() -> None:
    index = ScreeningIndex.build([notice("A", "Anderson", "Jennifer"), notice("T", "Andersen", "Jenifer")])
    hits = index.search(ScreeningQuery(name="Jennifer Anderson", birth_date=PartialDate(1980, 5, 2)))
    assert ids(hits) == ["A", "T"] and hits[0].score >= hits[1].score
    assert ids(index.search(ScreeningQuery(name="Jennifer Anderson"), threshold=0.99)) == []


def test_restrictions_are_respected() -> None:
    restricted = notice("R", "Haddad", "Youssef", restricted_to=("DE", "FR"), requesting_country="LB")
    excluded = notice("X", "Haddad", "Youssef", excluded_countries=("FR",), requesting_country="LB")
    index = ScreeningIndex.build([restricted, excluded])
    q = ScreeningQuery(name="Yusuf Hadad", birth_date=PartialDate(1980, 5, 2))
    assert sorted(ids(index.search(q))) == ["R", "X"], "an operator (None) sees every notice"
    assert sorted(ids(index.search(q, viewer_country="DE"))) == ["R", "X"]
    assert ids(index.search(q, viewer_country="FR")) == ["R"]
    assert ids(index.search(q, viewer_country="US")) == ["X"]
    assert sorted(ids(index.search(q, viewer_country="LB"))) == ["R", "X"], "the requester sees its own"


def test_from_request() -> None:
    request = NoticeRequest(
        NoticeType.RED_NOTICE, "RU", Subject("Ivanov", "Ivan"), visibility=Visibility(restricted_to=("DE",))
    )
    entry = IndexedNotice.from_request("2024/1", request, warning="armed")
    assert entry.restricted_to == ("DE",) and entry.warning == "armed" and not entry.visible_to("FR")


def test_upsert_replace_and_remove() -> None:
    index = ScreeningIndex()
    index.upsert(notice("A", "Anderson", "Jennifer"))
    q = ScreeningQuery(name="Jennifer Anderson", birth_date=PartialDate(1980, 5, 2))
    assert ids(index.search(q)) == ["A"]
    renamed = notice("A", "Okonkwo", "Chidi")
    index.replace(renamed)
    assert ids(index.search(q)) == []
    assert ids(index.search(ScreeningQuery(name="Chidi Okonkwo"))) == ["A"]
    assert index.remove("A") and not index.remove("A")
    assert len(index) == 0 and index.name_count == 0
    assert index._parts == {} and index._by_key == {} and index._by_deletion == {}  # nothing left behind
    assert index._names == {} and index._part_ids == {}


def test_names_and_parts_are_shared_between_notices_and_freed_with_the_last() -> None:
    index = ScreeningIndex.build([notice("A", "Wang", "Wei"), notice("B", "Wang", "Wei")])
    assert index.name_count == 2 and len(index._names) == 1
    a, b = (index._entries[e] for e in sorted(index._entries))
    assert a.name is b.name  # one analysed name, compared once per search
    index.remove("A")
    assert ids(index.search(ScreeningQuery(name="WANG<<WEI"))) == ["B"]
    index.remove("B")
    assert index._names == {} and index._parts == {}


def test_too_many_candidates_score_the_likeliest_first() -> None:
    """A name of very common parts with no birth date meets more notices than are scored
    (MAX_SCORED); the ones sharing both parts, one to one, are scored first, whatever their ids."""
    crowd = [
        notice(f"A{i:04d}", "Li", given, dob=None) for i, given in enumerate(["Wei", "Na", "Qiang"] * 90)
    ]
    crowd += [notice(f"B{i:04d}", "Wang", "Li", dob=None) for i in range(30)]
    wanted = [notice(f"Z{i}", "Li", "Li", dob=None) for i in range(3)]
    index = ScreeningIndex.build(crowd + wanted)
    assert len(crowd) > MAX_SCORED
    hits = index.search(ScreeningQuery(name="LI<<LI"), limit=3)
    assert sorted(ids(hits)) == ["Z0", "Z1", "Z2"]


def test_aliases_are_searchable() -> None:
    subject = Subject("Abdullah", "Mohammed", aliases=(Name("al-Masri", "Abu Hamza"),))
    index = ScreeningIndex.build([IndexedNotice("A", subject, "EG")])
    hits = index.search(ScreeningQuery(name="Abu Hamza El-Masry"))
    assert ids(hits) == ["A"] and hits[0].name == "Abu Hamza al-Masri"


def test_readers_while_a_writer_updates() -> None:
    index = ScreeningIndex.build(notice(f"N{i}", "Anderson", f"Jennifer{i:03d}") for i in range(50))
    errors: list[BaseException] = []

    def read() -> None:
        try:
            for _ in range(30):
                index.search(ScreeningQuery(name="Jennifer007 Anderson"))
        except BaseException as exc:
            errors.append(exc)

    readers = [threading.Thread(target=read) for _ in range(3)]
    for t in readers:
        t.start()
    for i in range(50, 150):
        index.upsert(notice(f"N{i}", "Anderson", f"Jennifer{i:03d}"))
        index.remove(f"N{i - 50}")
    for t in readers:
        t.join()
    assert errors == []
    assert len(index) == 50


def test_settings_are_typed() -> None:
    index = ScreeningIndex(ScoreSettings(threshold=0.9))
    index.upsert(notice("A", "Anderson", "Jennifer"))
    assert ids(index.search(ScreeningQuery(name="Jennifer Anderson"))) == [], "0.85 on the name alone < 0.9"


def han_only(nid: str, han: str) -> IndexedNotice:
    """A notice whose only name is in Han characters (its original-script name)."""
    return IndexedNotice(nid, Subject(han, "", (han,)), "CN")


def test_names_in_han_characters_find_notices_in_either_script() -> None:
    # Issue 13: a Han query found nothing, since a one-character part blocked nothing, as an initial.
    index = ScreeningIndex.build(
        [
            notice("ZHOU", "Zhou", "Enlai", "周恩来", dob=None),
            notice("ZHU", "Zhu", "Fangyu", "朱芳宇", dob=None),
            notice("WANG", "Wang", "Yi", dob=None),  # Latin only
            notice("YAMADA", "Yamada", "Shuhei", "山田 修平", dob=None),
            han_only("LIU", "刘鹗"),
            han_only("MAO", "毛泽东"),
            han_only("FEISHA", "莫哈默·费沙"),
            notice("OTHER", "Zhou", "Xiaochuan", "周小川", dob=None),
        ]
    )
    expected = {
        "周恩来": "ZHOU",  # the same characters, and the Latin name
        "周 恩来": "ZHOU",
        "朱芳宇": "ZHU",
        "王毅": "WANG",  # two one-character parts against a Latin name
        "山田修平": "YAMADA",  # Japanese, no space
        "山田 修平": "YAMADA",
        "刘鹗": "LIU",
        "Liu E": "LIU",  # a one-letter syllable blocks as a syllable
        "Mao Zedong": "MAO",
        "Mao Tse-tung": "MAO",
        "莫哈默 费沙": "FEISHA",
        "莫哈默・费沙": "FEISHA",
    }
    for name, nid in expected.items():
        q = ScreeningQuery(name=name)
        assert nid in index.candidates(q), name
        assert ids(index.search(q)) == [nid], name


def test_a_han_name_in_the_same_characters_ranks_first_among_many() -> None:
    crowd = [notice(f"W{i:03d}", "Wang", "Wei", dob=None) for i in range(MAX_SCORED + 20)]
    index = ScreeningIndex.build([*crowd, han_only("H", "王伟")])
    assert "H" in index.candidates(ScreeningQuery(name="王伟"))
    assert "H" in ids(index.search(ScreeningQuery(name="王 伟"), limit=300))


def test_removing_a_notice_forgets_its_han_name() -> None:
    index = ScreeningIndex.build([han_only("A", "山田修平"), han_only("B", "山田 修平")])
    assert sorted(ids(index.search(ScreeningQuery(name="山田修平")))) == ["A", "B"]
    index.remove("A")
    assert ids(index.search(ScreeningQuery(name="山田 修平"))) == ["B"]
    index.remove("B")
    assert index.candidates(ScreeningQuery(name="山田修平")) == []


def test_given_name_syllables_in_another_order_are_another_person() -> None:
    # Issue 13: 'Chiang Wei-kuo' hit 郭偉強 (Kwok Wai-keung) at 0.85, its syllables taken in any order.
    index = ScreeningIndex.build(
        [
            notice("K", "Kwok", "Wai-keung", "郭偉強", dob=None),
            notice("C", "Chiang", "Wei-kuo", "蔣緯國", dob=None),
        ]
    )
    assert ids(index.search(ScreeningQuery(name="Chiang Wei-kuo"))) == ["C"]
    assert ids(index.search(ScreeningQuery(name="Wei-kuo Chiang"))) == ["C"]
    assert ids(index.search(ScreeningQuery(name="Wai Keung Kwok"))) == ["K"]
    # Keung Wai Kwok is 郭偉強's syllables backwards, but 蔣緯國 in Cantonese (Keung Wai-kwok).
    assert ids(index.search(ScreeningQuery(name="Keung Wai Kwok"))) == ["C"]
    assert ids(index.search(ScreeningQuery(name="Kwok Keung Wai"))) == []


def test_short_arabic_parts_and_one_syllable_hangul_parts_find_their_notices() -> None:
    index = ScreeningIndex.build(
        [notice("A", "SALAMEH", "Raja", dob=None), notice("K", "MOON", "Jae In", dob=None)]
    )
    assert "A" in ids(index.search(ScreeningQuery(name="رجا سلامة")))  # a part of three letters
    assert "K" in ids(index.search(ScreeningQuery(name="문재인")))  # one-syllable Hangul parts


def test_a_korean_family_name_in_hangul_finds_a_latin_one_a_letter_off() -> None:
    # Scoring allows a typo of a surname's customary spellings (Shon for 손 Son, Khang for 강 Kang); the
    # lookup must find those notices too, from a query in Hangul.
    index = ScreeningIndex.build([notice("S", "Shon", "Min Ho"), notice("K", "Khang", "Hyo Sang")])
    assert "S" in index.candidates(ScreeningQuery(name="손민호"))
    assert "K" in index.candidates(ScreeningQuery(name="강효상"))
    assert "S" in ids(index.search(ScreeningQuery(name="손민호")))
    assert index.candidates(ScreeningQuery(name="박민호")) == []  # 박 is no letter away from Shon
