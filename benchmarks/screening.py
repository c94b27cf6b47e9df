"""Screening speed: the name index against a brute-force rapidfuzz scan, in the same run.

``bench_screening(n_notices, n_queries)`` returns rows shaped like ``benchmarks.__main__``'s. Notices are
synthetic (Faker, in Latin, Han, Cyrillic and Arabic script locales; a Latin spelling and an alias for
each, about three names a notice); half the queries are spellings of a notice's name (MRZ form, a typo,
swapped order), half people in no notice. The baseline, rapidfuzz ``process.extract`` with
``token_sort_ratio`` over every name, is timed on a sample of the same queries (it is slow).
"""

from __future__ import annotations

import gc
import random
import resource
import statistics
import time
from datetime import date

from anyascii import anyascii
from faker import Faker
from rapidfuzz import fuzz, process, utils

from rednotice.domain.dates import PartialDate
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
        dob = None
        r = rng.random()
        if r < 0.9:
            d = date(1940, 1, 1).toordinal() + rng.randrange(365 * 65)
            dd = date.fromordinal(d)
            dob = PartialDate(dd.year) if r < 0.1 else PartialDate.of(dd)
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
        }
    ]


if __name__ == "__main__":
    import json
    import sys

    args = [int(a) for a in sys.argv[1:]]
    for row in bench_screening(*args):
        print(json.dumps(row, indent=1))
