"""Recall and false-positive rate of the matcher on the labelled development set.

The set comes in as data (:func:`benchmarks.devset_generator.generate`, or the committed file read by
:func:`benchmarks.devset.load`): this module knows no file of its own. ``python -m benchmarks.devset
evaluate [-v]`` prints the figures, overall and by kind of variant, for the committed set. Evaluation, not
matcher: it lives in benchmarks/, outside the domain (issue 17, item 5).

* recall: the share of true-variant queries whose notice is among the hits;
* false-positive rate: the share of negative queries (homonyms born years apart, same family name with
  another given name, people in no notice) with any hit at all.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from rednotice.domain.dates import PartialDate
from rednotice.domain.model import Sex, Subject
from rednotice.domain.screening.index import IndexedNotice, ScreeningIndex
from rednotice.domain.screening.query import ScreeningQuery


@dataclass
class Report:
    positives: int = 0
    found: int = 0
    negatives: int = 0
    flagged: int = 0
    by_kind: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_positives: list[dict[str, Any]] = field(default_factory=list)
    ms_per_query: float = 0.0

    @property
    def recall(self) -> float:
        return self.found / self.positives if self.positives else 1.0

    @property
    def false_positive_rate(self) -> float:
        return self.flagged / self.negatives if self.negatives else 0.0

    def lines(self) -> list[str]:
        out = [
            f"recall {self.recall:.4f} ({self.found}/{self.positives} true variants found)",
            f"false-positive rate {self.false_positive_rate:.4f} "
            f"({self.flagged}/{self.negatives} negatives flagged)",
            f"{self.ms_per_query:.3f} ms per query on {len(self.by_kind)} kinds",
            "by kind (hits/queries; for negatives a hit is a false positive):",
        ]
        for kind, (hits, total) in sorted(self.by_kind.items()):
            out.append(f"  {kind:40} {hits:5}/{total:<5} {hits / total:.3f}")
        return out


def notice_from_json(d: dict[str, Any]) -> IndexedNotice:
    dob = PartialDate.parse(d["date_of_birth"]) if d.get("date_of_birth") else None
    subject = Subject(
        d["family_name"],
        d.get("given_names", ""),
        tuple(d.get("names_original_script", ())),
        sex=Sex(d.get("sex", "U")),
        date_of_birth=dob,
        nationalities=tuple(d.get("nationalities", ())),
    )
    return IndexedNotice(d["id"], subject, d.get("requesting_country", "XX"))


def query_from_json(d: dict[str, Any]) -> ScreeningQuery:
    dob = PartialDate.parse(d["birth_date"]) if d.get("birth_date") else None
    return ScreeningQuery(id=d["id"], name=d["name"], birth_date=dob)


def evaluate(data: dict[str, Any], index: ScreeningIndex | None = None) -> Report:
    index = index or ScreeningIndex.build(notice_from_json(n) for n in data["notices"])
    report = Report()
    started = time.perf_counter()
    for q in data["queries"]:
        hits = index.search(query_from_json(q), limit=10)
        ids = [h.notice_id for h in hits]
        tally = report.by_kind[q["kind"]]
        tally[1] += 1
        if q["expect"] is not None:
            report.positives += 1
            if q["expect"] in ids:
                report.found += 1
                tally[0] += 1
            else:
                report.misses.append({**q, "hits": ids})
        else:
            report.negatives += 1
            if ids:
                report.flagged += 1
                tally[0] += 1
                report.false_positives.append({**q, "hits": [h.to_dict() for h in hits[:2]]})
    report.ms_per_query = (time.perf_counter() - started) * 1000 / max(1, len(data["queries"]))
    return report
