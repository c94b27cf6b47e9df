"""INTERPOL import: batched transactions against one transaction per notice, same run.

``bench_imports(n)`` writes ``n`` synthetic notices in INTERPOL's public JSON (detail responses, as a
crawler's dump holds them: names in many scripts from the screening dev set's tables, warrants with
translated charges, physical descriptions), reads the file once, then imports it into a fresh store

* one notice per transaction (``batch_size=1``: the named baseline, how imports ran before batching);
* in batches (``DEFAULT_BATCH_SIZE``);

on SQLite and, when reachable, PostgreSQL. Each row reports notices per second and the speed-up; the
audit chain is verified after each import. ``python -m benchmarks.imports --write FILE --notices N``
only writes the file (to time ``rednotice import interpol FILE`` by hand).

Rows are shaped like ``benchmarks.__main__``'s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from benchmarks import devset_generator as d
from rednotice.adapters.db.engine import make_engine
from rednotice.adapters.db.migrate import upgrade
from rednotice.adapters.db.store import SqlUnitOfWork
from rednotice.adapters.formats.interpol import read_path
from rednotice.domain.audit import verify_chain
from rednotice.domain.users import SYSTEM
from rednotice.services.imports import DEFAULT_BATCH_SIZE, ImportInterpol, import_interpol

console = Console(stderr=True)
POSTGRES = os.environ.get("REDNOTICE_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
SCHEMA = "rn_bench_import"
COUNTRIES = ("RU", "CN", "TR", "FR", "US", "DE", "AZ", "KZ", "IR", "EG", "VE", "BR", "IN", "MX", "NG", "VN")
CHARGES = (
    ("Мошенничество в особо крупном размере", "Fraud on an especially large scale"),
    ("Nitelikli dolandırıcılık", "Aggravated fraud"),
    ("Meurtre en bande organisée", "Murder committed by an organised gang"),
    ("Tráfico ilícito de drogas", "Illicit drug trafficking"),
    ("Armed robbery", None),
    ("Money laundering", None),
    ("故意杀人罪", "Intentional homicide"),
)
EYES = ("BRO", "BLA", "BLU", "GRE", "GRY")
HAIR = ("BLA", "BRO", "GRY", "BLO", "RED")


def _name(rng: random.Random) -> tuple[str, str, str]:
    """(family, given, sex) from the dev set's tables, in INTERPOL's upper case."""
    kind = rng.randrange(5)
    if kind == 0:
        family = rng.choice(d.ZH_SURNAMES)[1]
        given = "".join(rng.choice(d.ZH_GIVEN)[1]).capitalize()
        sex = rng.choice("MF")
    elif kind == 1:
        sex = rng.choice("MF")
        given = rng.choice(d.RU_GIVEN_M if sex == "M" else d.RU_GIVEN_F)[1]
        family = rng.choice(d.RU_SURNAMES)[1] + ("A" if sex == "F" else "")
    elif kind == 2:
        sex = rng.choice("MF")
        given = rng.choice(d.AR_GIVEN_M if sex == "M" else d.AR_GIVEN_F)[1]
        family = rng.choice(d.AR_FAMILY)[1]
    elif kind == 3:
        givens, families = d.DIACRITICS[rng.choice(sorted(d.DIACRITICS))]
        given, family, sex = rng.choice(givens), rng.choice(families), rng.choice("MF")
    else:
        given = f"{rng.choice(d.LATIN_GIVEN)} {rng.choice(d.LATIN_MIDDLE)}"
        family, sex = rng.choice(d.LATIN_FAMILY), rng.choice("MF")
    return family.upper(), given.upper(), sex


def detail(i: int, rng: random.Random) -> dict[str, Any]:
    """One detail response (``GET /notices/v1/red/{id}``) with the fields INTERPOL sends."""
    family, given, sex = _name(rng)
    year = 2010 + i % 16
    entity_id = f"{year}/{10_000 + i:05d}"
    country = rng.choice(COUNTRIES)
    charge, translation = rng.choice(CHARGES)
    link = f"https://ws-public.interpol.int/notices/v1/red/{entity_id.replace('/', '-')}"
    return {
        "arrest_warrants": [
            {"issuing_country_id": country, "charge": charge, "charge_translation": translation}
        ],
        "weight": rng.choice((0, rng.randint(50, 110))),
        "forename": given,
        "date_of_birth": f"{rng.randint(1950, 2003)}/{rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}",
        "entity_id": entity_id,
        "languages_spoken_ids": ["ENG"],
        "nationalities": [country],
        "height": round(rng.uniform(1.5, 1.95), 2),
        "sex_id": sex,
        "country_of_birth_id": country,
        "name": family,
        "distinguishing_marks": rng.choice(("", "", "Scar on the left hand")),
        "eyes_colors_id": [rng.choice(EYES)],
        "hairs_id": [rng.choice(HAIR)],
        "place_of_birth": "",
        "_embedded": {"links": []},
        "_links": {"self": {"href": link}, "images": {"href": f"{link}/images"}},
    }


def write_file(path: Path, n: int, seed: int = 13) -> Path:
    """``n`` detail responses as one JSON array."""
    rng = random.Random(seed)
    path.write_text(json.dumps([detail(i, rng) for i in range(n)], ensure_ascii=False), encoding="utf-8")
    return path


def _stores() -> dict[str, str | None]:
    """SQLite, and PostgreSQL when it answers (it is optional for a benchmark run)."""
    stores: dict[str, str | None] = {"sqlite": None}
    engine = make_engine(POSTGRES, connect_args={"connect_timeout": 3})
    try:
        with engine.connect():
            stores["postgresql"] = POSTGRES
    except OperationalError:
        console.print(f"PostgreSQL not reachable at {POSTGRES}: SQLite only", style="yellow")
    engine.dispose()
    return stores


def _fresh(url: str | None, tmp: str, name: str) -> str:
    if url is None:
        return f"sqlite:///{tmp}/{name}.sqlite3"
    admin = make_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        conn.execute(text(f"CREATE SCHEMA {SCHEMA}"))
    admin.dispose()
    return make_url(url).update_query_dict({"options": f"-csearch_path={SCHEMA}"}).render_as_string(False)


def _drop(url: str) -> None:
    admin = make_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
    admin.dispose()


def _timed_import(url: str, items: list[Any], batch_size: int) -> float:
    """Seconds to import ``items`` into a fresh store at ``url``; the chain is checked afterwards."""
    engine = make_engine(url)
    upgrade(engine)
    started = time.perf_counter()
    report = import_interpol(
        ImportInterpol(items), SYSTEM, lambda: SqlUnitOfWork(engine), batch_size=batch_size
    )
    seconds = time.perf_counter() - started
    assert len(report.imported) == len(items), report.summary()
    with SqlUnitOfWork(engine, read_only=True) as uow:
        seq, head = uow.audit.head()
        chain = verify_chain(uow.audit.events(), head, seq)
    assert chain.ok and chain.checked == len(items) + 1, chain.problems
    engine.dispose()
    return seconds


def bench_imports(
    n: int = 20_000, baseline_n: int | None = None, batch_size: int = DEFAULT_BATCH_SIZE
) -> list[dict[str, Any]]:
    """Both paths on the same ``n`` notices unless ``baseline_n`` says fewer for the baseline (the
    one-at-a-time path slows down as the store fills, so fewer flatters it)."""
    baseline_n = n if baseline_n is None else min(n, baseline_n)
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        items = read_path(write_file(Path(tmp) / "notices.json", n)).items
        for name, server in _stores().items():
            url = _fresh(server, tmp, f"one-{name}")
            one = _timed_import(url, items[:baseline_n], 1) / baseline_n
            url = _fresh(server, tmp, f"batched-{name}")
            batched = _timed_import(url, items, batch_size) / n
            if server is not None:
                _drop(server)
            results.append(
                {
                    "benchmark": f"INTERPOL import, {n:,} notices into {name}, batches of {batch_size:,}",
                    "baseline": f"one notice per transaction ({baseline_n:,} notices)",
                    "baseline_ms": one * 1000,
                    "ms": batched * 1000,
                    "per_second": 1 / batched,
                    "ratio": batched / one,
                    "note": f"{1 / one:,.0f}/s -> {1 / batched:,.0f}/s: {one / batched:.1f}x faster",
                }
            )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.imports")
    parser.add_argument("--write", type=Path, help="only write the notices to this file")
    parser.add_argument("--notices", type=int, default=20_000)
    parser.add_argument("--baseline-notices", type=int, default=None, help="fewer for the baseline")
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    if args.write:
        write_file(args.write, args.notices, args.seed)
        print(f"{args.notices:,} notices written to {args.write}")
        return
    for row in bench_imports(args.notices, args.baseline_notices, args.batch_size):
        print(f"{row['benchmark']}: {row['note']}")


if __name__ == "__main__":
    main()
