"""Screening speed: the name index against a brute-force rapidfuzz scan, in the same run.

``bench_screening(n_notices, n_queries)`` returns rows shaped like ``benchmarks.__main__``'s. Notices
are synthetic (Faker, in Latin, Han, Cyrillic and Arabic script locales; a Latin spelling and an alias
for each, about three names a notice; a birth date for each, partial for a fifth); half the queries
are spellings of a notice's name (MRZ form, a typo, swapped order), half people in no notice. The
baseline, rapidfuzz ``process.extract`` with ``token_sort_ratio`` over every name, is timed on a
sample of the same queries (it is slow).
"""

from __future__ import annotations

import gc
import multiprocessing
import random
import resource
import statistics
import tempfile
import time
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from anyascii import anyascii
from faker import Faker
from rapidfuzz import fuzz, process, utils
from tests.factories import request_dict

from benchmarks.seed import insert_notices
from rednotice.adapters.formats.request_json import parse_request
from rednotice.domain.dates import PartialDate
from rednotice.domain.lifecycle import Notice, State
from rednotice.domain.model import Name, Subject
from rednotice.domain.screening.index import IndexedNotice, ScreeningIndex
from rednotice.domain.screening.query import ScreeningQuery

LOCALES = (
    ("en_US", 0.2),
    ("zh_CN", 0.15),
    ("ru_RU", 0.15),
    ("ar_AA", 0.15),
    ("tr_TR", 0.05),
    ("vi_VN", 0.05),
    ("pl_PL", 0.05),
    ("de_DE", 0.05),
    ("fr_FR", 0.05),
    ("es_ES", 0.05),
    ("fa_IR", 0.05),
)
BASELINE_SAMPLE = 100


def _latin(text: str) -> str:
    return " ".join(anyascii(text).split()).title()


def make_notices(n: int, seed: int = 70000) -> list[IndexedNotice]:
    rng = random.Random(seed)
    fakers = {loc: Faker(loc) for loc, _ in LOCALES}
    for i, f in enumerate(fakers.values()):
        f.seed_instance(seed + i)
    locs = [loc for loc, _ in LOCALES]
    weights = [w for _, w in LOCALES]
    out = []
    for i in range(n):
        loc = rng.choices(locs, weights)[0]
        f = fakers[loc]
        family, given = f.last_name(), f.first_name()
        original: tuple[str, ...] = ()
        if not _latin(family).replace(" ", "").isalpha() or anyascii(family) != family:
            original = (f"{family} {given}" if loc != "zh_CN" else f"{family}{given}",)
        fam_l, giv_l = _latin(family), _latin(given)
        alias = (
            Name(_latin(f.last_name()), giv_l) if rng.random() < 0.5 else Name(fam_l, _latin(f.first_name()))
        )
        # A red notice gives at least the year of birth (RPD Art. 83(2)(a)): a tenth give only the year,
        # a tenth the year and month.
        r = rng.random()
        dd = date.fromordinal(date(1940, 1, 1).toordinal() + rng.randrange(365 * 65))
        dob = (
            PartialDate(dd.year)
            if r < 0.1
            else PartialDate(dd.year, dd.month)
            if r < 0.2
            else PartialDate.of(dd)
        )
        subject = Subject(fam_l, giv_l, original, aliases=(alias,), date_of_birth=dob)
        out.append(IndexedNotice(f"BENCH/{i:06d}", subject, "XX"))
    return out


def make_queries(notices: list[IndexedNotice], n: int, seed: int = 10000) -> list[ScreeningQuery]:
    rng = random.Random(seed)
    fake = Faker(["en_US", "zh_CN", "ru_RU", "ar_AA", "de_DE", "fr_FR", "tr_TR"])
    fake.seed_instance(seed)
    out = []
    for i in range(n):
        if i % 2 == 0:
            s = rng.choice(notices).subject
            choice = rng.random()
            if choice < 0.3:
                name = f"{s.family_name.upper().replace(' ', '<')}<<{s.given_names.upper().replace(' ', '<')}"
            elif choice < 0.6 and len(s.family_name) > 5:
                k = rng.randrange(1, len(s.family_name) - 1)
                name = f"{s.given_names} {s.family_name[:k]}{s.family_name[k + 1 :]}"
            else:
                name = f"{s.family_name} {s.given_names}"
            dob = s.date_of_birth if rng.random() < 0.8 else None
        else:
            name = fake.name()
            dd = date.fromordinal(date(1940, 1, 1).toordinal() + rng.randrange(365 * 65))
            dob = PartialDate.of(dd) if rng.random() < 0.8 else None
        out.append(ScreeningQuery(id=f"q{i}", name=name, birth_date=dob))
    return out


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _edi(value: str) -> str:
    """A value for an EDIFACT element (release character before the service characters)."""
    return "".join("?" + c if c in "?+:'" else c for c in value)


def paxlst_manifest(notices: list[IndexedNotice], n: int = 300, seed: int = 300) -> str:
    """A UN/EDIFACT PAXLST interchange for one flight of ``n`` passengers, a tenth of them people in
    the notices (as an airline would write them: Latin capitals, MRZ-style), the rest anyone."""
    rng = random.Random(seed)
    fake = Faker(["en_US", "de_DE", "fr_FR", "tr_TR", "es_ES"])
    fake.seed_instance(seed)
    body = [
        "BGM+745",
        "NAD+MS+++OPERATIONS CONTROL CENTRE",
        "TDT+20+RN300+++RN",
        "LOC+125+CDG",
        "DTM+189:2611261230:201",
        "LOC+87+JFK",
        "DTM+232:2611261930:201",
    ]
    for i in range(n):
        if i % 10 == 0:
            s = rng.choice(notices).subject
            family, given = anyascii(s.family_name).upper(), anyascii(s.given_names).upper()
            born = s.date_of_birth.earliest() if s.date_of_birth else date(1970, 1, 1)
        else:
            family, given = anyascii(fake.last_name()).upper(), anyascii(fake.first_name()).upper()
            born = date.fromordinal(date(1940, 1, 1).toordinal() + rng.randrange(365 * 65))
        body += [
            f"NAD+FL+++{_edi(family)}:{_edi(given)}",
            f"ATT+2++{rng.choice('MF')}",
            f"DTM+329:{born:%y%m%d}",
            "NAT+2+FRA",
            f"DOC+P:110:111+P{i:08d}",
            "DTM+36:300101",
            "LOC+91+FRA",
        ]
    body.append(f"CNT+42:{n}")
    message = ["UNH+M1+PAXLST:D:02B:UN:IATA+RN300/261126/1230+01:F", *body]
    message.append(f"UNT+{len(message) + 1}+M1")
    segs = ["UNB+UNOA:4+RN:ZZ+BORDER:ZZ+261126:1230+000000001++APIS", *message, "UNZ+1+000000001"]
    return "UNA:+.? '\n" + "".join(s + "'\n" for s in segs)


def bench_manifest(notices: list[IndexedNotice], baseline_query_ms: float) -> dict[str, object]:
    """A 300-passenger PAXLST manifest read, screened, and its run, hits and audit event recorded in
    a SQLite store, as the upload page and ``rednotice screen --format paxlst`` do."""
    from rednotice.adapters.db.engine import make_engine
    from rednotice.adapters.db.migrate import upgrade
    from rednotice.adapters.db.store import SqlUnitOfWork
    from rednotice.adapters.formats.screening_input import read_queries
    from rednotice.domain.users import SYSTEM
    from rednotice.services.screening import Screen, ScreeningEngine, screen

    text = paxlst_manifest(notices)
    base = parse_request(request_dict())
    created = datetime(2026, 1, 1, tzinfo=UTC)
    stored = (
        Notice(n.id, replace(base, subject=n.subject), state=State.PUBLISHED, created_at=created)
        for n in notices
    )
    with tempfile.TemporaryDirectory() as tmp:
        db = make_engine(f"sqlite:///{tmp}/manifest.sqlite3")
        upgrade(db)
        insert_notices(db, stored, len(notices))
        engine = ScreeningEngine(lambda: SqlUnitOfWork(db))
        started = time.perf_counter()
        engine.ensure_built()  # from the store, as a server process does at start
        from_store_s = time.perf_counter() - started
        best, hits, passengers = float("inf"), 0, 0
        for _ in range(5):
            started = time.perf_counter()
            read = read_queries(text, "paxlst", date(2026, 11, 26))
            run = screen(Screen(read.queries, source="paxlst"), SYSTEM, engine, lambda: SqlUnitOfWork(db))
            best = min(best, time.perf_counter() - started)
            assert not read.errors, read.errors
            hits, passengers = run.hits, len(read.queries)
        db.dispose()
    return {
        "benchmark": f"PAXLST manifest, {passengers} passengers: read, screened, hits stored (SQLite)",
        "baseline": f"rapidfuzz brute force for {passengers} queries (per-query time above x {passengers})",
        "baseline_ms": baseline_query_ms * passengers,
        "ms": best * 1000,
        "per_second": passengers / best,
        "ratio": best * 1000 / (baseline_query_ms * passengers),
        "note": (
            f"{hits} hits; budget 1,000 ms; best of 5; the index of {len(notices):,} notices "
            f"built from the store in {from_store_s:.1f}s"
        ),
    }


def _build_in_child(n: int, queue: Any) -> None:
    notices = make_notices(n)
    gc.collect()
    before = _current_rss_mb()
    started = time.perf_counter()
    index = ScreeningIndex.build(notices)
    seconds = time.perf_counter() - started
    gc.collect()
    queue.put((seconds, _current_rss_mb() - before, index.name_count))


def _current_rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


def bench_build(sizes: tuple[int, ...] = (70_000, 700_000)) -> list[dict[str, object]]:
    """Index build time and resident memory, each size in a fresh process (so one does not inherit
    another's heap); the smallest size is the baseline, the ratio shows how it scales."""
    ctx = multiprocessing.get_context("spawn")
    results = []
    for n in sizes:
        queue = ctx.Queue()
        child = ctx.Process(target=_build_in_child, args=(n, queue))
        child.start()
        results.append((n, *queue.get()))
        child.join()
    base_n, base_s, _, _ = results[0]
    rows: list[dict[str, object]] = []
    for n, seconds, mb, names in results:
        rows.append(
            {
                "benchmark": f"screening index build, {n:,} notices ({names:,} names)",
                "baseline": f"the same build for {base_n:,} notices",
                "baseline_ms": base_s * 1000,
                "ms": seconds * 1000,
                "per_second": n / seconds,
                "ratio": seconds / base_s,
                "note": f"{seconds:.1f}s, +{mb:,.0f} MB resident ({mb * 2**20 / n / 1024:.1f} KB a notice)",
            }
        )
    return rows


def bench_screening(n_notices: int = 70_000, n_queries: int = 10_000) -> list[dict[str, object]]:
    notices = make_notices(n_notices)
    queries = make_queries(notices, n_queries)
    rss_before = _rss_mb()
    started = time.perf_counter()
    index = ScreeningIndex.build(notices)
    build_s = time.perf_counter() - started
    gc.collect()
    gc.freeze()  # a long-lived index: keep its objects out of the collector's full passes
    rss_after = _rss_mb()

    names = [n for notice in notices for n in notice.searchable_names()]
    choices = [utils.default_process(n) for n in names]
    sample = queries[:: max(1, len(queries) // BASELINE_SAMPLE)][:BASELINE_SAMPLE]
    started = time.perf_counter()
    for q in sample:
        process.extract(
            utils.default_process(q.display_name()),
            choices,
            scorer=fuzz.token_sort_ratio,
            processor=None,
            limit=10,
        )
    baseline_ms = (time.perf_counter() - started) * 1000 / len(sample)

    per_query: list[float] = []
    hits = 0
    started = time.perf_counter()
    for q in queries:
        t = time.perf_counter()
        hits += bool(index.search(q, limit=10))
        per_query.append((time.perf_counter() - t) * 1000)
    total_ms = (time.perf_counter() - started) * 1000
    ms = total_ms / len(queries)
    p99 = statistics.quantiles(per_query, n=100)[98]
    manifest = bench_manifest(notices, baseline_ms)
    return [
        {
            "benchmark": (
                f"screening search, {n_notices:,} notices ({index.name_count:,} names), "
                f"{len(queries):,} queries"
            ),
            "baseline": f"rapidfuzz process.extract token_sort_ratio over all names ({len(sample)} queries)",
            "baseline_ms": baseline_ms,
            "ms": ms,
            "per_second": 1000 / ms,
            "ratio": ms / baseline_ms,
            "note": (
                f"p50 {statistics.median(per_query):.2f} ms, p99 {p99:.2f} ms, max {max(per_query):.1f} ms; "
                f"{hits:,} queries with hits; index built in {build_s:.1f}s, "
                f"max RSS +{rss_after - rss_before:.0f} MB"
            ),
        },
        manifest,
    ]


if __name__ == "__main__":
    import json
    import sys

    args = [int(a) for a in sys.argv[1:]]
    for row in bench_screening(*args):
        print(json.dumps(row, indent=1))
