"""The screening index snapshot (decision 0009): ``rednotice screen`` from the command line, process start
included, with and without a snapshot, against a rapidfuzz brute force in the same run; and the time and
resident memory of loading the index against building it, each in a fresh process.

``python -m benchmarks --only snapshot`` (in ``make bench``), or ``python -m benchmarks.screening_snapshot
[NOTICES] [TRAVELLERS] [LOAD_SIZES]`` (``... load N [LOADS]``: the load alone, at N notices). Notices
and travellers are ``benchmarks.screening``'s synthetic ones (Faker, four scripts; half the travellers
spell a notice's name). The brute force is the one the
search benchmark uses (``process.extract`` with ``token_sort_ratio`` over every name), timed on a
sample of the travellers and scaled to all of them, in this process (no process start: it is favoured).
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process, utils
from tests.factories import request_dict

from benchmarks.screening import _current_rss_mb, make_notices, make_queries
from benchmarks.seed import insert_notices
from rednotice.adapters.formats.request_json import parse_request
from rednotice.domain.lifecycle import Notice, State
from rednotice.domain.screening.index import ScreeningIndex

SAMPLE = 290
"""Travellers the brute force is timed on (every tenth of 2,900)."""
SECRET = "b" * 40


def _rednotice() -> list[str]:
    script = Path(sys.executable).with_name("rednotice")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "from rednotice.cli.main import app; app()"]


def _screen(env: dict[str, str], queries: Path, out: Path) -> float:
    started = time.perf_counter()
    subprocess.run(  # noqa: S603 - our own script
        [*_rednotice(), "screen", "--input", str(queries), "--output", str(out)],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def bench_cli_snapshot(n_notices: int = 20_000, n_travellers: int = 2_900) -> list[dict[str, object]]:
    from rednotice.adapters.db.engine import make_engine
    from rednotice.adapters.db.migrate import upgrade

    notices = make_notices(n_notices)
    travellers = make_queries(notices, n_travellers)
    base = parse_request(request_dict())
    created = datetime(2026, 1, 1, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/cli.sqlite3"
        db = make_engine(url)
        upgrade(db)
        insert_notices(
            db,
            (
                Notice(n.id, replace(base, subject=n.subject), state=State.PUBLISHED, created_at=created)
                for n in notices
            ),
            len(notices),
        )
        db.dispose()
        queries = Path(tmp) / "travellers.jsonl"
        with queries.open("w") as f:
            for q in travellers:
                f.write(
                    json.dumps(
                        {
                            "id": q.id,
                            "name": q.name,
                            "birth_date": q.birth_date.iso() if q.birth_date else None,
                        }
                    )
                    + "\n"
                )
        data = Path(tmp) / "data"
        env = {
            **os.environ,
            "REDNOTICE_DATABASE_URL": url,
            "REDNOTICE_DATA_DIR": str(data),
            "REDNOTICE_ENV": "test",
            "REDNOTICE_SECRET_KEY": SECRET,
        }
        out = Path(tmp) / "out.jsonl"

        def clear() -> None:
            for p in data.glob("screening-index-*.snapshot"):
                p.unlink()

        builds, loads = [], []
        for _ in range(2):  # alternate, so both see the same machine
            clear()
            builds.append(_screen(env, queries, out))  # builds, screens, writes the snapshot
            loads.append(_screen(env, queries, out))  # loads the snapshot, screens
        hits = sum(bool(json.loads(line)["matches"]) for line in out.read_text().splitlines())
        snapshot_mb = sum(p.stat().st_size for p in data.glob("screening-index-*.snapshot")) / 2**20

    names = [n for notice in notices for n in notice.searchable_names()]
    choices = [utils.default_process(n) for n in names]
    sample = travellers[:: max(1, len(travellers) // SAMPLE)][:SAMPLE]
    started = time.perf_counter()
    for q in sample:
        process.extract(
            utils.default_process(q.display_name()),
            choices,
            scorer=fuzz.token_sort_ratio,
            processor=None,
            limit=10,
        )
    brute_s = (time.perf_counter() - started) / len(sample) * len(travellers)
    with_s, without_s = min(loads), min(builds)
    label = f"CLI screen, {len(travellers):,} travellers, {n_notices:,} notices, process start included"
    brute = (
        f"rapidfuzz brute force over {len(names):,} names "
        f"({len(sample)} travellers timed, x{len(travellers) / len(sample):.0f})"
    )
    return [
        {
            "benchmark": f"{label}, with the snapshot",
            "baseline": brute,
            "baseline_ms": brute_s * 1000,
            "ms": with_s * 1000,
            "per_second": len(travellers) / with_s,
            "ratio": with_s / brute_s,
            "note": (
                f"{brute_s / with_s:.1f}x faster than brute force (target 5x); best of 2: "
                f"{', '.join(f'{s:.1f}s' for s in loads)}; snapshot {snapshot_mb:.0f} MB; "
                f"{hits:,} travellers hit"
            ),
        },
        {
            "benchmark": f"{label}, no snapshot (builds the index, then writes the snapshot)",
            "baseline": brute,
            "baseline_ms": brute_s * 1000,
            "ms": without_s * 1000,
            "per_second": len(travellers) / without_s,
            "ratio": without_s / brute_s,
            "note": f"{brute_s / without_s:.1f}x faster than brute force; best of 2: "
            + ", ".join(f"{s:.1f}s" for s in builds),
        },
    ]


QUERIES = 1_000
"""Searches run after each load (the first searches decode what they reach in a lazily read index)."""


def _write_in_child(n: int, tmp: str, queue: Any) -> None:
    """Build the index (time, +resident MB), write it in the current format and in format 1 (the whole
    index pickled, as the snapshot was until this format; what ``_load_pickled`` reads), and the
    travellers the loads search for."""
    import pickle

    from rednotice.adapters.screening_snapshot import SnapshotFile, _pickle

    notices = make_notices(n)
    queries = make_queries(notices, QUERIES)
    (Path(tmp) / "queries.pickle").write_bytes(pickle.dumps(queries))
    gc.collect()
    before = _current_rss_mb()
    started = time.perf_counter()
    index = ScreeningIndex.build(notices)
    built_s = time.perf_counter() - started
    gc.collect()
    built_mb = _current_rss_mb() - before
    started = time.perf_counter()
    SnapshotFile(Path(tmp) / "index.snapshot", b"bench", "bench", "bench").save(index, 1)
    write_s = time.perf_counter() - started
    started = time.perf_counter()
    (Path(tmp) / "format1.pickle").write_bytes(_pickle(index.to_state()))
    pickled_s = time.perf_counter() - started
    searched = _search_s(index, queries)
    queue.put((built_s, built_mb, write_s, pickled_s, index.name_count, searched))


def _search_s(index: ScreeningIndex, queries: list[Any]) -> float:
    started = time.perf_counter()
    for q in queries:
        index.search(q)
    return time.perf_counter() - started


def _load_pickled(path: Path) -> ScreeningIndex:
    """Format 1 (decision 0009 before this format): unpickle every object, then index the parts."""
    import pickle

    gc.disable()
    try:
        return ScreeningIndex.from_state(pickle.loads(path.read_bytes()))  # noqa: S301 - our own file
    finally:
        gc.enable()


def _load_in_child(tmp: str, kind: str, queue: Any) -> None:
    import pickle

    from rednotice.adapters.screening_snapshot import SnapshotFile

    queries = pickle.loads((Path(tmp) / "queries.pickle").read_bytes())  # noqa: S301 - written above
    gc.collect()
    before = _current_rss_mb()
    started = time.perf_counter()
    if kind == "mapped":
        loaded = SnapshotFile(Path(tmp) / "index.snapshot", b"bench", "bench", "bench").load()
        assert loaded is not None
        index = loaded[0]
    else:
        index = _load_pickled(Path(tmp) / "format1.pickle")
    seconds = time.perf_counter() - started
    gc.collect()
    loaded_mb = _current_rss_mb() - before
    searched = _search_s(index, queries)
    gc.collect()
    queue.put((seconds, loaded_mb, searched, _current_rss_mb() - before))


def bench_snapshot_load(
    sizes: tuple[int, ...] = (70_000, 700_000), loads_each: int = 3
) -> list[dict[str, object]]:
    """For each size, in fresh processes: build (time, +resident MB) and write the snapshot (and the same
    index in format 1, the whole index pickled); then load each ``loads_each`` times, alternately, each in
    a new process (median time, +resident MB after the load and after 1,000 searches)."""
    ctx = multiprocessing.get_context("spawn")
    rows: list[dict[str, object]] = []
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            queue = ctx.Queue()
            child = ctx.Process(target=_write_in_child, args=(n, tmp, queue))
            child.start()
            built_s, built_mb, write_s, pickled_s, names, built_search_s = queue.get()
            child.join()
            size_mb = (Path(tmp) / "index.snapshot").stat().st_size / 2**20
            pickled_mb = (Path(tmp) / "format1.pickle").stat().st_size / 2**20
            runs: dict[str, list[tuple[float, float, float, float]]] = {"mapped": [], "pickled": []}
            for _ in range(loads_each):
                for kind in runs:
                    child = ctx.Process(target=_load_in_child, args=(tmp, kind, queue))
                    child.start()
                    runs[kind].append(queue.get())
                    child.join()

        def median(
            kind: str, i: int, runs: dict[str, list[tuple[float, float, float, float]]] = runs
        ) -> float:
            return statistics.median(r[i] for r in runs[kind])

        load_s, load_mb, search_s, searched_mb = (median("mapped", i) for i in range(4))
        old_s, old_mb, old_search_s, old_searched_mb = (median("pickled", i) for i in range(4))
        label = f"screening index load from the snapshot, {n:,} notices ({names:,} names)"
        searches = (
            f"{QUERIES:,} searches after it: {search_s:.1f}s, +{searched_mb:,.0f} MB resident "
            f"(format 1: {old_search_s:.1f}s, +{old_searched_mb:,.0f} MB; "
            f"the built index: {built_search_s:.1f}s)"
        )
        rows.append(
            {
                "benchmark": label,
                "baseline": "building it from the notices (the same process kind)",
                "baseline_ms": built_s * 1000,
                "ms": load_s * 1000,
                "per_second": n / load_s,
                "ratio": load_s / built_s,
                "note": (
                    f"load {load_s:.3f}s, +{load_mb:,.0f} MB resident; "
                    f"build {built_s:.1f}s, +{built_mb:,.0f} MB; "
                    f"snapshot {size_mb:,.0f} MB written in {write_s:.1f}s; {searches}"
                ),
            }
        )
        rows.append(
            {
                "benchmark": f"{label}, against the previous format",
                "baseline": "format 1: the whole index pickled, every object rebuilt at load",
                "baseline_ms": old_s * 1000,
                "ms": load_s * 1000,
                "per_second": n / load_s,
                "ratio": load_s / old_s,
                "note": (
                    f"{old_s / load_s:,.0f}x faster; +{load_mb:,.0f} MB resident against +{old_mb:,.0f} MB; "
                    f"format 1 file {pickled_mb:,.0f} MB written in {pickled_s:.1f}s"
                ),
            }
        )
    return rows


if __name__ == "__main__":
    args = sys.argv[1:]
    if args and args[0] == "load":  # python -m benchmarks.screening_snapshot load 700000 1
        out = bench_snapshot_load((int(args[1]),), int(args[2]) if len(args) > 2 else 3)
    else:
        out = bench_cli_snapshot(*(int(a) for a in args[:2]))
        out += bench_snapshot_load(tuple(int(s) for s in args[2].split(",")) if len(args) > 2 else (70_000,))
    for row in out:
        print(json.dumps(row, indent=1))
