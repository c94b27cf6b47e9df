"""The cap on scored notices (MAX_SCORED): a name part shared by hundreds of notices (Muhammad) must not
crowd out the notice that also has the query's rare part, however the query or the notice writes the
name (two parts, or fused into one: محمدديب)."""

from __future__ import annotations

import random

from rednotice.domain.model import Subject
from rednotice.domain.screening.index import MAX_SCORED, IndexedNotice, ScreeningIndex
from rednotice.domain.screening.query import ScreeningQuery

CROWD = 500


def _surnames(n: int, seed: int = 13) -> list[str]:
    """Made-up surnames none of whose letters is a d or a b (none is near Deeb)."""
    rng = random.Random(seed)
    out: set[str] = set()
    while len(out) < n:
        out.add("".join(rng.choice("klmnrstvz") + rng.choice("aeiou") for _ in range(rng.randint(3, 4))))
    return sorted(out)


def _notice(nid: str, family: str, given: str, *originals: str) -> IndexedNotice:
    return IndexedNotice(nid, Subject(family, given, tuple(originals)), "SY")


def _crowd(given: str = "Muhammad") -> list[IndexedNotice]:
    # Ids sort before the target's: a tie broken by id would drop it.
    return [_notice(f"A{i:03d}", surname, given) for i, surname in enumerate(_surnames(CROWD))]


def _found(index: ScreeningIndex, text: str, wanted: str) -> bool:
    return wanted in index.candidates(ScreeningQuery(name=text))


def test_fused_query_finds_the_notice_with_its_rare_part_among_many_sharing_its_common_one() -> None:
    index = ScreeningIndex.build([*_crowd(), _notice("Z", "Deeb", "Muhammad", "محمد ديب")])
    assert len(index.candidates(ScreeningQuery(name="محمدديب"))) == MAX_SCORED  # the cap is reached
    assert _found(index, "محمدديب", "Z")
    assert _found(index, "محمد ديب", "Z")
    assert _found(index, "Muhammad Deeb", "Z")
    assert "Z" in [m.notice_id for m in index.search(ScreeningQuery(name="محمدديب"))]


def test_fused_query_finds_a_longer_notice_name() -> None:
    index = ScreeningIndex.build([*_crowd(), _notice("Z", "ZAYTUN", "Muhammad Dib")])
    assert _found(index, "محمدديب", "Z")


def test_notice_written_fused_is_found_by_the_parts_written_apart() -> None:
    # Many notices share two of the query's three parts; the one written fused has all three.
    crowd = [_notice(f"A{i:03d}", surname, "Muhammad Hassan") for i, surname in enumerate(_surnames(CROWD))]
    index = ScreeningIndex.build([*crowd, _notice("Z", "", "", "محمدديب حسن")])
    query = ScreeningQuery(name="Muhammad Deeb Hassan")
    assert len(index.candidates(query)) == MAX_SCORED
    assert _found(index, "Muhammad Deeb Hassan", "Z")
