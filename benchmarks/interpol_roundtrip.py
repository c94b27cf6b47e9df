"""INTERPOL's public JSON imported, then served back by rednotice's public API: is it what INTERPOL served?

    python -m benchmarks.interpol_roundtrip                      # tests/data/interpol + interpol_fidelity
    python -m benchmarks.interpol_roundtrip PATH [PATH...]       # any files or folders of INTERPOL JSON

Prints two figures (issue 15):

* **crawler needs covered**: what OpenSanctions' INTERPOL crawler reads — the list's ``total`` and each
  entry's ``_links.self.href``; the detail fields; each warrant's ``issuing_country_id``, ``charge`` and
  ``charge_translation``; the query parameters it sends — each checked against a live answer of the API;
* **round trip**: for every detail response imported, each crawler field of the served detail compared
  with INTERPOL's (same JSON value *and* type: ``null`` is not ``0`` nor ``[]``, ``74`` is not ``74.0``):
  fields identical / total, and notices identical in every field / total.

Runs on a throwaway SQLite store (the import and the API as in production, no mocks).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = [ROOT / "tests" / "data" / "interpol", ROOT / "tests" / "data" / "interpol_fidelity"]
QUERY_PARAMETERS = ("nationality", "arrestWarrantCountryId", "sexId", "ageMin", "ageMax", "name", "forename")


def run(paths: list[Path]) -> dict[str, Any]:
    from fastapi.testclient import TestClient

    from rednotice.adapters.db.migrate import upgrade
    from rednotice.adapters.formats.interpol import (
        CRAWLER_FIELDS,
        WARRANT_FIELDS,
        InterpolRecord,
        compare_served,
        read_path,
    )
    from rednotice.bootstrap import open_store
    from rednotice.config import Settings
    from rednotice.domain.users import SYSTEM
    from rednotice.services.imports import ImportInterpol, import_interpol
    from rednotice.web.app import create_app

    folder = Path(tempfile.mkdtemp())
    settings = Settings(data_dir=folder, rate_limits=False)
    store = open_store(settings, f"sqlite:///{folder / 'roundtrip.sqlite3'}")
    upgrade(store.engine)
    records: list[InterpolRecord] = []
    rejected = 0
    for path in paths:
        read = read_path(path)
        report = import_interpol(ImportInterpol(read.items), SYSTEM, store.uow)
        rejected += len(report.rejected)
        records += [r for r in read.records if r.detail and r.entity_id in report.imported]
    fields = identical = whole = 0
    differences: list[str] = []
    with TestClient(create_app(store)) as api:
        for record in records:
            served = api.get(f"/notices/v1/red/{record.entity_id.replace('/', '-')}").json()
            same = compare_served(record.document, served)
            fields += len(same)
            identical += sum(same.values())
            whole += all(same.values())
            differences += [f"{record.entity_id} {k}" for k, v in same.items() if not v]
        needs = crawler_needs(api, records, CRAWLER_FIELDS, WARRANT_FIELDS)
    return {
        "details": len(records),
        "rejected": rejected,
        "fields_identical": identical,
        "fields": fields,
        "notices_identical": whole,
        "differences": differences,
        **needs,
    }


def crawler_needs(
    api: Any, records: list[Any], detail_fields: tuple[str, ...], warrant_fields: tuple[str, ...]
) -> dict[str, Any]:
    """Each thing the crawler reads or sends, checked on a live answer: (covered, total, missing)."""
    missing: list[str] = []
    total = 0

    def need(name: str, ok: bool) -> None:
        nonlocal total
        total += 1
        if not ok:
            missing.append(name)

    page = api.get("/notices/v1/red", params={"resultPerPage": 160}).json()
    entries = page.get("_embedded", {}).get("notices", [])
    need("list total", isinstance(page.get("total"), int) and page["total"] >= len(entries) > 0)
    need("resultPerPage=160", page.get("query", {}).get("resultPerPage") == 160)
    need("list _links.self.href", all("href" in n.get("_links", {}).get("self", {}) for n in entries))
    details = [api.get(n["_links"]["self"]["href"]).json() for n in entries]
    for key in detail_fields:
        need(f"detail {key}", all(key in d for d in details))
    warrants = [w for d in details for w in d.get("arrest_warrants") or []]
    for key in warrant_fields:
        need(f"warrant {key}", bool(warrants) and all(key in w for w in warrants))
    sample = records[0].request.subject if records else None
    values = {
        "nationality": sample.nationalities[0] if sample and sample.nationalities else "FR",
        "arrestWarrantCountryId": records[0].request.requesting_country if records else "FR",
        "sexId": sample.sex.value if sample else "M",
        "ageMin": "0",
        "ageMax": "300",
        "name": f"^{'.' * len(sample.family_name)}$" if sample else "^.....$",
        "forename": f"^{'.' * len(sample.given_names)}$" if sample and sample.given_names else "^.*$",
    }
    for param in QUERY_PARAMETERS:
        r = api.get("/notices/v1/red", params={param: values[param], "resultPerPage": 160})
        found = {n["entity_id"] for n in r.json().get("_embedded", {}).get("notices", [])}
        need(f"query {param}", r.status_code == 200 and (not records or records[0].entity_id in found))
    return {"needs_covered": total - len(missing), "needs": total, "needs_missing": missing}


def main(argv: list[str]) -> None:
    paths = [Path(a) for a in argv] or DEFAULT
    result = run(paths)
    print(f"INTERPOL round trip ({', '.join(str(p) for p in paths)})")
    print(f"  crawler needs covered: {result['needs_covered']}/{result['needs']}")
    for name in result["needs_missing"]:
        print(f"    missing: {name}")
    print(f"  detail responses imported: {result['details']} ({result['rejected']} records rejected)")
    print(f"  crawler fields identical: {result['fields_identical']}/{result['fields']}")
    print(f"  notices identical in every crawler field: {result['notices_identical']}/{result['details']}")
    for difference in result["differences"]:
        print(f"    differs: {difference}")


if __name__ == "__main__":
    main(sys.argv[1:])
