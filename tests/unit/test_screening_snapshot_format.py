"""The screening index snapshot's file format (decision 0009, format 3): a loaded index answers exactly
as the built one on real name pairs of every script (tests/data/screening/real_pairs_*.jsonl), nothing
is decoded at load, a search decodes only the notices it weighs, changes on top of a loaded index
behave as on a built one (and a changed loaded index written again loads the same), and
:class:`LazyMap` behaves as a dict."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from benchmarks.realpairs import han_notice, latin_notice, load

from rednotice.adapters import screening_snapshot as snap
from rednotice.domain.dates import PartialDate
from rednotice.domain.model import Name, Subject
from rednotice.domain.screening.index import IndexedNotice, ScreeningIndex
from rednotice.domain.screening.postings import MISSING, LazyMap
from rednotice.domain.screening.query import ScreeningQuery

DATA = Path(__file__).resolve().parents[1] / "data" / "screening"
TABLES = ("_notices", "_notice_entries", "_entries", "_parts", "_names", "_by_key", "_by_skeleton")
Answers = list[list[tuple[str, float, str, tuple[str, ...]]]]


def real_pairs() -> tuple[list[IndexedNotice], list[ScreeningQuery]]:
    notices: list[IndexedNotice] = []
    queries: list[ScreeningQuery] = []
    for path in sorted(DATA.glob("real_pairs_*.jsonl")):
        for i, pair in enumerate(load(path)):
            nid = f"{path.stem[11:]}/{i:04d}"
            notices += [latin_notice(f"L/{nid}", pair), han_notice(f"N/{nid}", pair)]
            if i % 2 == 0:  # half the pairs as queries, both ways: enough, and the test stays quick
                queries.append(ScreeningQuery(id=f"n{nid}", name=pair["native"]))
                queries.append(ScreeningQuery(id=f"l{nid}", name=pair["latin"]))
    return notices, queries


def answers(index: ScreeningIndex, queries: list[ScreeningQuery]) -> Answers:
    return [
        [(m.notice_id, m.score, m.name, m.reasons) for m in index.search(q, threshold=0)] for q in queries
    ]


def saved_and_loaded(index: ScreeningIndex, path: Path, seq: int = 7) -> ScreeningIndex:
    files = snap.SnapshotFile(path, b"key", "store", "matcher")
    files.save(index, seq)
    loaded = files.load()
    assert loaded is not None, files.last_load
    assert loaded[1] == seq
    return loaded[0]


@pytest.fixture(scope="module")
def pairs() -> tuple[list[IndexedNotice], list[ScreeningQuery], ScreeningIndex]:
    notices, queries = real_pairs()
    return notices, queries, ScreeningIndex.build(notices)


def test_a_loaded_index_answers_real_pairs_exactly_as_the_built_one(
    pairs: tuple[list[IndexedNotice], list[ScreeningQuery], ScreeningIndex], tmp_path: Path
) -> None:
    notices, queries, built = pairs
    loaded = saved_and_loaded(built, tmp_path / "index.snapshot")
    # Nothing was rebuilt: every table is read from the file when first reached.
    for table in TABLES:
        assert isinstance(getattr(loaded, table), LazyMap) and getattr(loaded, table).decoded == 0
    assert len(loaded) == len(built) == len(notices)
    assert loaded.name_count == built.name_count
    expected = answers(built, queries)
    assert answers(loaded, queries) == expected
    assert sum(map(len, expected)) > len(queries)  # the queries do find things
    assert [loaded.candidates(q) for q in queries[::7]] == [built.candidates(q) for q in queries[::7]]
    assert loaded.get(notices[3].id) == notices[3] and notices[3].id in loaded and "nobody" not in loaded
    # a search decodes only what it reaches
    fresh = saved_and_loaded(built, tmp_path / "again.snapshot")
    fresh.search(queries[0])
    assert 0 < fresh._notices.decoded < len(notices) // 10  # type: ignore[attr-defined]


def test_a_search_after_load_decodes_only_the_notices_it_scores(tmp_path: Path) -> None:
    """The lookup filters candidates on what each entry keeps (notice id, birth date, who may see it):
    a notice is decoded only when its name is alike enough to be weighed, not for every candidate."""
    crowd = [
        IndexedNotice(
            f"P/{i:02d}",
            Subject("Petrov" if i % 4 else "Petrovsky", "Ivan", date_of_birth=PartialDate(1950 + i)),
            "RU",
            restricted_to=("DE",) if i % 3 == 0 else None,
            excluded_countries=("FR",) if i % 5 == 0 else (),
        )
        for i in range(40)
    ]
    others = [IndexedNotice(f"Q/{i}", Subject("Petrova", "Ivanka"), "UA") for i in range(5)]
    built = ScreeningIndex.build([*crowd, *others])
    query = ScreeningQuery(id="q", name="Ivan Petrov", birth_date=PartialDate(1970))
    everyone = built.candidates(ScreeningQuery(id="all", name="Ivan Petrov"))

    loaded = saved_and_loaded(built, tmp_path / "index.snapshot")
    kept = loaded.candidates(query, "FR")
    assert 0 < len(kept) < len(everyone) // 3  # the birth date and the audience ruled most out
    assert loaded._entries.decoded > 0 and loaded._notices.decoded == 0  # type: ignore[attr-defined]

    loaded = saved_and_loaded(built, tmp_path / "again.snapshot")
    hits = loaded.search(query, "FR", limit=1000, threshold=0)
    assert [(m.notice_id, m.score, m.name) for m in hits] == [
        (m.notice_id, m.score, m.name) for m in built.search(query, "FR", limit=1000, threshold=0)
    ]
    assert hits and {m.notice_id for m in hits} <= set(kept)
    # every hit was weighed with its notice, and no other notice was decoded
    assert loaded._notices.decoded == len(hits)  # type: ignore[attr-defined]


def test_changes_on_a_loaded_index_are_those_on_a_built_one_and_are_written_again(
    pairs: tuple[list[IndexedNotice], list[ScreeningQuery], ScreeningIndex], tmp_path: Path
) -> None:
    notices, queries, _ = pairs
    built = ScreeningIndex.build(notices)
    loaded = saved_and_loaded(built, tmp_path / "index.snapshot")
    rng = random.Random(13)
    born = PartialDate.parse("1970-05")
    gone = rng.sample(notices, len(notices) // 3)
    renamed = [
        IndexedNotice(
            n.id,
            Subject(
                f"{n.subject.family_name} Petrov", "Ivan", (), (Name("Иван Петров"),), date_of_birth=born
            ),
            "FR",
        )
        for n in rng.sample(notices, 40)
    ]
    new = [IndexedNotice(f"X/{i}", Subject(f"Zhou{i % 5}", "Enlai", ("周恩来",)), "DE") for i in range(30)]
    for index in (built, loaded):
        for n in gone:
            index.remove(n.id)
        for n in [*renamed, *new]:
            index.upsert(n)
        assert not index.remove("nobody")
    more = [
        *queries[::3],
        ScreeningQuery(id="x", name="Ivan Petrov", birth_date=PartialDate.parse("1970")),
        ScreeningQuery(id="y", name="Ivan Petrov", birth_date=PartialDate.parse("1990")),
        ScreeningQuery(id="z", name="Zhou Enlai"),
    ]
    expected = answers(built, more)
    assert answers(loaded, more) == expected
    assert len(loaded) == len(built) and loaded.name_count == built.name_count
    # the changed loaded index, itself partly decoded, written and read again
    again = saved_and_loaded(loaded, tmp_path / "again.snapshot")
    assert isinstance(again._entries, LazyMap) and again._entries.decoded == 0
    assert answers(again, more) == expected
    assert len(again) == len(built) and again.name_count == built.name_count
    for n in new:
        again.remove(n.id)
        built.remove(n.id)
    assert answers(again, more) == answers(built, more)


def test_a_body_that_is_not_the_size_the_header_says_is_no_snapshot(tmp_path: Path) -> None:
    index = ScreeningIndex.build([IndexedNotice("N/1", Subject("DURAND", "Paul"), "FR")])
    files = snap.SnapshotFile(tmp_path / "index.snapshot", b"key", "store", "matcher")
    files.save(index, 1)
    with files.path.open("ab") as f:
        f.write(b"\0" * 8)
    assert files.load() is None and "size" in files.last_load["status"]


def test_token_digest_tells_parts_apart_by_every_field() -> None:
    from dataclasses import replace

    token = ScreeningIndex.build([IndexedNotice("N/1", Subject("DURAND", "Paul"), "FR")])._parts[0].token
    assert snap.token_digest(token) == snap.token_digest(replace(token))
    assert snap.token_digest(token) != snap.token_digest(replace(token, given=not token.given))
    assert snap.token_digest(token) != snap.token_digest(replace(token, keys=token.keys | {"x"}))


def test_lazy_map_behaves_as_a_dict() -> None:
    rng = random.Random(5)
    base = {k: {k, k + 1} for k in range(0, 200, 2)}
    decoded: list[int] = []

    def get(key: int) -> set[int]:
        if key not in base:
            return MISSING  # type: ignore[no-any-return]
        decoded.append(key)
        return set(base[key])  # a fresh copy each time, as a file would give

    lazy: LazyMap[int, set[int]] = LazyMap(get, lambda: iter(base), len(base), base.__contains__)
    model = {k: set(v) for k, v in base.items()}
    assert decoded == []
    for _ in range(3000):
        key = rng.randrange(260)
        op = rng.randrange(7)
        if op == 0:
            assert lazy.get(key) == model.get(key)
        elif op == 1:
            assert (key in lazy) == (key in model)
        elif op == 2:
            lazy[key] = model[key] = {key}
        elif op == 3 and key in model:
            del lazy[key]
            del model[key]
        elif op == 4:
            assert lazy.pop(key, None) == model.pop(key, None)
        elif op == 5:
            lazy.setdefault(key, set()).add(-key)
            model.setdefault(key, set()).add(-key)
        else:
            with pytest.raises(KeyError):
                lazy[1000 + key]
        assert len(lazy) == len(model)
    assert len(decoded) == len(set(decoded))  # each value decoded once, then kept
    assert dict(lazy.items_decoded()) == model
    assert dict(lazy.items()) == model and sorted(lazy) == sorted(model)
