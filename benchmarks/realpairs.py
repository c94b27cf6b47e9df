"""Lookup and end-to-end recall on real cross-script name pairs (Han characters, Cyrillic and Arabic script
against Latin names).

``python -m benchmarks.realpairs [pairs.jsonl ...] [-v]`` prints the figures for the
committed pairs (tests/data/screening/real_pairs_{han,cyrillic,arabic}.jsonl; sources and licences in that
folder's README). Each line is one real person's name in its own script (``native``) and in Latin letters
(``latin``, with ``latin_aliases``), or, for ``kind`` ``negative``, two different people whose Latin names
look alike. For Cyrillic, ``kind`` is ``russian`` or ``ukrainian-belarusian`` (the name has a letter only
those alphabets have: і ї є ґ ў); for Arabic script, ``arabic``, ``persian-pashto-urdu`` (a letter only
those alphabets have: ی ک پ چ ژ گ ځ ټ...) or ``lebanon-kuwait`` (legislators' Wikidata labels, often by
French or English habit: Georges, Michel). For Han characters ``kind`` says how the Latin name relates to
the characters: ``pinyin``, ``wade-giles``, ``cantonese``
(romanisations the matcher generates), ``other-romanisation`` (Hokkien, Teochew, Hakka or irregular
spellings such as Lee Kuan Yew), ``western-name`` (Charles Chong), ``foreign-name`` (a non-Chinese name
written in characters) and ``not-a-person`` (dictionary entries that are not people).

Every pair gives two notices, one with the Latin name only and one with the native name only, all in one
index; each is searched from the other script (and Han from Han):

* ``han-latin`` (``cyrillic-latin``, ``arabic-latin``): the native name as a query, the Latin-name notice
  expected;
* ``latin-han`` (``latin-cyrillic``, ``latin-arabic``): the Latin name as a query, the native-name notice
  expected;
* ``han-han``: the Han name as a query, the Han-name notice expected;
* ``han-han-spaced``: the same with a space after the family name (周 恩来), as forms often are.

Three figures per direction, by kind:

* **accepted**: the pair, scored on its own (:func:`judge`, no birth date on either side), is a hit;
* **lookup recall**: the share of accepted pairs whose notice the candidate lookup finds
  (:meth:`ScreeningIndex.candidates`). Anything under 1 is a lookup fault, not a scoring one;
* **recall**: the share of pairs whose notice the search returns (end to end, at most 10 hits); for
  negatives, the share flagged (a false positive).

Evaluation, not matcher: it reads files under tests/, so it lives in benchmarks/, outside the domain
(issue 17, item 5); ``python -m benchmarks.real_pairs_quality`` puts these figures beside two peers.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rednotice.domain.model import Name, Subject
from rednotice.domain.screening import tables
from rednotice.domain.screening.index import IndexedNotice, ScreeningIndex, query_names
from rednotice.domain.screening.names import NAME_NO_MATCH, analyse, name_similarity
from rednotice.domain.screening.query import ScreeningQuery
from rednotice.domain.screening.score import Evidence, ScoreSettings, Verdict, combine

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "screening"
COMMITTED = DATA / "real_pairs_han.jsonl"
CYRILLIC = DATA / "real_pairs_cyrillic.jsonl"
ARABIC = DATA / "real_pairs_arabic.jsonl"
KOREAN = DATA / "real_pairs_korean.jsonl"
DIRECTIONS = ("han-latin", "latin-han", "han-han", "han-han-spaced")
SCRIPTS = {"zh": "han", "ru": "cyrillic", "ar": "arabic", "ko": "korean"}
"""The ``lang`` of a pair -> the script named in its directions."""
GENERATED = frozenset({"pinyin", "wade-giles", "cantonese"})
"""Kinds whose Latin name is a romanisation the matcher writes itself."""


def load(path: Path | None = None) -> list[dict[str, Any]]:
    with (path or COMMITTED).open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def latin_notice(nid: str, pair: dict[str, Any]) -> IndexedNotice:
    """The notice as a Latin-script list would give it: the Latin name (family name only where the
    source marks it) and its aliases, no name in the original script."""
    latin: str = pair["latin"]
    family: str = pair.get("latin_family") or ""
    given = latin.replace(family, "", 1).strip() if family and family in latin else ""
    aliases = tuple(Name(a) for a in pair.get("latin_aliases", ()) if a.strip())
    subject = Subject(family if given else latin, given, (), aliases)
    return IndexedNotice(nid, subject, "XX")


def han_notice(nid: str, pair: dict[str, Any]) -> IndexedNotice:
    """The notice with the name in its own script only (as its original-script name)."""
    native: str = pair["native"]
    return IndexedNotice(nid, Subject(native, "", (native,)), "XX")


def spaced(native: str) -> str:
    """The Han name with a space after its family name (one character, or a known two-character one)."""
    n = 2 if native[:2] in tables.COMPOUND_SURNAMES and len(native) > 2 else 1
    return f"{native[:n]} {native[n:]}" if len(native) > n else native


def judge(query: ScreeningQuery, notice: IndexedNotice, settings: ScoreSettings | None = None) -> Verdict:
    """The verdict on one query against one notice, scored on its own (no candidate lookup): the best
    name comparison over the notice's searchable names, combined with the other features."""
    settings = settings or ScoreSettings()
    best, shown = NAME_NO_MATCH, ""
    for text, family in query_names(query):
        q = analyse(text, True if query.name_truncated else None, family)
        for name, notice_family in notice.searchable():
            m = name_similarity(q, analyse(name, None, notice_family))
            if m.score > best.score:
                best, shown = m, name
    s = notice.subject
    evidence = Evidence(
        best,
        shown,
        query.birth_date,
        s.date_of_birth,
        query.nationality,
        s.nationalities,
        query.sex,
        s.sex,
    )
    return combine(evidence, settings)


@dataclass
class Tally:
    pairs: int = 0
    accepted: int = 0
    looked_up: int = 0
    """Accepted pairs the lookup found."""
    hits: int = 0

    @property
    def lookup_recall(self) -> float:
        return self.looked_up / self.accepted if self.accepted else 1.0

    @property
    def recall(self) -> float:
        return self.hits / self.pairs if self.pairs else 0.0

    @property
    def acceptance(self) -> float:
        return self.accepted / self.pairs if self.pairs else 0.0


@dataclass
class Report:
    by: dict[tuple[str, str], Tally] = field(default_factory=lambda: defaultdict(Tally))
    """(direction, kind) -> figures."""
    misses: list[dict[str, Any]] = field(default_factory=list)
    """Pairs scoring accepts that the lookup or the search missed, and negatives flagged."""
    hit_log: list[tuple[str, str, str, bool]] = field(default_factory=list)
    """(direction, query id, expected notice id, whether the search returned it) for every query."""

    def total(self, direction: str, kinds: Iterable[str]) -> Tally:
        wanted = set(kinds)
        out = Tally()
        for (d, kind), t in self.by.items():
            if d == direction and kind in wanted:
                out.pairs += t.pairs
                out.accepted += t.accepted
                out.looked_up += t.looked_up
                out.hits += t.hits
        return out

    def kinds(self) -> list[str]:
        return sorted({k for _, k in self.by})

    def lines(self) -> list[str]:
        out = [
            f"{'direction':16} {'kind':20} {'pairs':>5} {'accepted':>9} {'lookup recall':>14} {'recall':>7}",
        ]
        positive = [k for k in self.kinds() if k != "negative"]
        for direction in dict.fromkeys(d for d, _ in self.by):
            rows = [(k, self.by[(direction, k)]) for k in self.kinds() if (direction, k) in self.by]
            rows.append(("generated (all 3)", self.total(direction, GENERATED)))
            rows.append(("true (all)", self.total(direction, positive)))
            for kind, t in rows:
                label = "flagged" if kind == "negative" else ""
                out.append(
                    f"{direction:16} {kind:20} {t.pairs:5} {t.accepted:4} {t.acceptance:4.2f} "
                    f"{t.looked_up:5}/{t.accepted:<4} {t.lookup_recall:4.2f} "
                    f"{t.hits:4} {t.recall:5.3f} {label}"
                )
        return out


def evaluate(pairs: list[dict[str, Any]]) -> Report:
    notices: list[IndexedNotice] = []
    queries: list[tuple[str, str, ScreeningQuery, IndexedNotice]] = []
    for i, pair in enumerate(pairs):
        lat, han = latin_notice(f"L/{i:04d}", pair), han_notice(f"H/{i:04d}", pair)
        notices += [lat, han]
        kind = pair["kind"]
        native, latin = pair["native"], pair["latin"]
        script = SCRIPTS.get(pair.get("lang", "zh"), "native")
        queries.append((f"{script}-latin", kind, ScreeningQuery(id=f"{i}", name=native), lat))
        queries.append((f"latin-{script}", kind, ScreeningQuery(id=f"{i}", name=latin), han))
        if pair.get("latin_other"):  # the same person's name as another source spelled it (Rhee / Lee)
            queries.append(("latin-latin", kind, ScreeningQuery(id=f"{i}", name=pair["latin_other"]), lat))
        if kind != "negative" and script == "han":  # the same characters are the same name
            queries.append(("han-han", kind, ScreeningQuery(id=f"{i}", name=native), han))
            queries.append(("han-han-spaced", kind, ScreeningQuery(id=f"{i}", name=spaced(native)), han))
    index = ScreeningIndex.build(notices)
    report = Report()
    for direction, kind, query, expected in queries:
        t = report.by[(direction, kind)]
        t.pairs += 1
        accepted = judge(query, expected).hit
        looked_up = expected.id in index.candidates(query)
        hit = expected.id in [m.notice_id for m in index.search(query)]
        t.accepted += accepted
        t.looked_up += accepted and looked_up
        t.hits += hit
        report.hit_log.append((direction, query.id, expected.id, hit))
        if (kind == "negative" and hit) or (kind != "negative" and accepted and not (looked_up and hit)):
            report.misses.append(
                {
                    "direction": direction,
                    "kind": kind,
                    "query": query.name,
                    "notice": expected.searchable_names(),
                    "looked_up": looked_up,
                    "hit": hit,
                }
            )
    return report


def main(argv: list[str]) -> None:
    args = [a for a in argv if a != "-v"]
    pairs = [p for a in args for p in load(Path(a))] if args else load()
    report = evaluate(pairs)
    for line in report.lines():
        sys.stdout.write(line + "\n")
    if "-v" in argv:
        for m in report.misses:
            sys.stdout.write(json.dumps(m, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
