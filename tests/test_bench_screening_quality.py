"""A small run of the screening quality benchmark: its shape, and rednotice ahead of brute force."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from benchmarks.devset_generator import generate
from benchmarks.screening_quality import bench_screening_quality, stratified

ROW_KEYS = {"benchmark", "baseline", "baseline_ms", "ms", "per_second", "ratio", "note"}


@pytest.fixture(scope="module")
def rows() -> list[dict[str, Any]]:
    return bench_screening_quality(n_notices=600, n_queries=300, peer_sample=60, progress=False)


def _rate(value: object) -> bool:
    return isinstance(value, float) and 0.0 <= value <= 1.0


def test_rows_have_the_benchmark_shape(rows: list[dict[str, Any]]) -> None:
    assert len(rows) == 3
    for row in rows:
        assert set(row) >= ROW_KEYS
        assert "600 notices" in str(row["benchmark"]) and "300 queries" in str(row["benchmark"])
    assert "rednotice" in rows[0]["benchmark"] and "brute force" in rows[1]["benchmark"]
    assert "logic-v2" in rows[2]["benchmark"]
    settings = rows[0]["settings"]
    assert settings["queries"] == 300 and settings["sample"] == 60
    assert settings["subjects"] + settings["filler_notices"] == 600
    assert settings["names"] > 600


def test_every_kind_of_the_devset_is_reported(rows: list[dict[str, Any]]) -> None:
    by_kind = rows[0]["by_kind"]
    kinds = {q["kind"] for q in generate(9303, 60)["queries"]}
    assert kinds <= set(by_kind)
    for kind, k in by_kind.items():
        assert k["n"] >= 1 and k["sample_n"] >= 1, kind
        for key in ("rednotice", "rednotice_sample", "brute_force", "brute_force_search"):
            assert _rate(k[key]), (kind, key, k[key])
        assert k["logic_v2"] is None or _rate(k["logic_v2"])
        assert k["negative"] == kind.startswith("negative")
        if k["negative"]:
            assert _rate(k["namesake_in_corpus"])
            excluding = k["excluding_namesakes"]
            assert excluding["rednotice"] <= k["rednotice"] and excluding["brute_force"] <= k["brute_force"]
        else:
            assert k["misses_scored_above_threshold_beyond_limit"] >= 0


def test_overall_figures_are_rates(rows: list[dict[str, Any]]) -> None:
    overall = rows[0]["overall"]
    for scorer in ("rednotice", "rednotice_sample", "brute_force", "brute_force_search"):
        o = overall[scorer]
        assert _rate(o["recall"]) and _rate(o["fp_rate"]), scorer
        assert o["positives"] > 0 and o["negatives"] > 0
    assert overall["rednotice"]["positives"] + overall["rednotice"]["negatives"] == 300
    assert overall["rednotice_sample"]["positives"] + overall["rednotice_sample"]["negatives"] == 60
    assert _rate(overall["negatives_with_namesake_in_corpus"])
    assert _rate(overall["fp_rate_excluding_namesakes"]["rednotice"])


def test_notices_are_renumbered_and_traced_back(rows: list[dict[str, Any]]) -> None:
    for items in rows[0]["examples"].values():
        for e in items:
            for notice in [e.get("expected"), e.get("avoid"), *e["hits"]]:
                if notice:
                    assert notice["id"].startswith("N/")
                    assert notice["origin"] == "filler" or notice["origin"].startswith("DEV/")


def test_rednotice_beats_brute_force_on_the_same_pairs(rows: list[dict[str, Any]]) -> None:
    overall = rows[0]["overall"]
    ours, brute = overall["rednotice_sample"], overall["brute_force"]
    assert ours["recall"] >= 0.9, ours
    assert ours["recall"] >= brute["recall"], (ours, brute)
    assert ours["fp_rate"] <= brute["fp_rate"], (ours, brute)
    assert overall["rednotice"]["recall"] >= 0.9


def test_logic_v2_column(rows: list[dict[str, Any]]) -> None:
    pytest.importorskip("nomenklatura")
    overall = rows[0]["overall"]["logic_v2"]
    assert overall is not None, rows[2]["note"]
    assert _rate(overall["recall"]) and _rate(overall["fp_rate"])
    assert isinstance(rows[2]["ms"], float) and rows[2]["ms"] > 0
    assert all(_rate(k["logic_v2"]) for k in rows[0]["by_kind"].values())


def test_stratified_sample_keeps_every_kind_and_is_deterministic() -> None:
    queries = generate(9303, 100)["queries"]
    sample = stratified(queries, 40, seed=1)
    assert len(sample) == 40
    assert {q["kind"] for q in sample} == {q["kind"] for q in queries}
    assert sample == stratified(queries, 40, seed=1)
    assert [q["id"] for q in sample] == sorted(q["id"] for q in sample)
    assert stratified(queries, 10_000, seed=1) == queries


def test_filler_is_kept_clear_of_the_negatives_namesakes_only() -> None:
    from benchmarks.screening_quality import _clear_of

    from rednotice.domain.dates import PartialDate
    from rednotice.domain.model import Subject
    from rednotice.domain.screening.index import IndexedNotice

    def filler(nid: str, family: str, given: str, dob: str | None) -> IndexedNotice:
        born = PartialDate.parse(dob) if dob else None
        return IndexedNotice(nid, Subject(family, given, date_of_birth=born), "XX")

    negatives = [
        {"id": "Q1", "name": "Wang Fang", "birth_date": None, "expect": None},
        {"id": "Q2", "name": "Ivan Petrov", "birth_date": "1990-01-01", "expect": None},
    ]
    drawn = [
        filler("F1", "Wang", "Fang", "1970"),  # Q1's name, Q1 gives no birth date: a namesake
        filler("F2", "Petrov", "Ivan", "1960-05-05"),  # Q2's name, born 30 years apart: kept
        filler("F3", "Petrov", "Ivan", "1990"),  # could be Q2's birthday: a namesake
        filler("F4", "Wang", "Fan", "1970"),  # one letter off: not a namesake, kept (and may be a hit)
        filler("F5", "Smith", "John", None),
        filler("F6", "Li", "Na", None),
    ]
    kept, set_aside, touched = _clear_of(negatives, drawn, 3)
    assert [n.id for n in kept] == ["F2", "F4", "F5"]
    assert (set_aside, touched) == (2, 2)
    with pytest.raises(ValueError, match="clear of the negatives"):
        _clear_of(negatives, drawn, 5)


def test_the_devset_command_writes_the_committed_file_and_evaluates_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from benchmarks import devset as cmd

    assert cmd.COMMITTED.read_text(encoding="utf-8") == cmd.dumps(generate())
    target = tmp_path / "devset.json"
    assert cmd.main(["write", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == cmd.COMMITTED.read_text(encoding="utf-8")
    assert cmd.load(target) == cmd.load()
    capsys.readouterr()
    assert cmd.main(["evaluate", str(target)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("recall ") and "false-positive rate" in out and "mrz-real" in out
    assert cmd.main(["nonsense"]) == 2
    assert "usage" in capsys.readouterr().err
