"""Screening quality at scale: recall and false positives by kind of variant, against two peers on the
same pairs.

``bench_screening_quality(n_notices, n_queries, peer_sample)`` builds one corpus: the labelled
development set (:mod:`benchmarks.devset_generator`, hand-written spellings across scripts, MRZ
fields written with its own copy of ICAO 9303's tables and the name fields of real specimen documents, with
hard negatives) sized to give about ``n_queries`` queries, topped up with Faker filler notices
(:func:`benchmarks.screening.make_notices`) to ``n_notices``. Then:

* **rednotice** runs every query through ``ScreeningIndex.search(query, limit=10)``: recall is the share
  of true variants whose notice is among the hits, the false-positive rate the share of negative queries
  with any hit, overall and by kind.
* **peers**, on a deterministic sample stratified by kind: each query's pair set is its expected notice
  (if any), the top 5 notices of a brute-force rapidfuzz scan and rednotice's top 5 candidates at
  threshold 0. Every scorer judges every pair of that set:

  - rednotice: the score its search gives the notice (0 if not a candidate) against its default threshold;
  - brute force: the best ``fuzz.token_sort_ratio`` over the notice's names / 100 against
    :data:`BRUTE_CUTOFF` (it ignores birth dates); also as a real search (expected notice among the top
    10 notices of a full scan, at or above the cutoff);
  - logic-v2, OpenSanctions' scorer that yente uses (nomenklatura, in process, no network), on
    FollowTheMoney ``Person`` entities, against :data:`LOGIC_V2_THRESHOLD`.

  Recall on the sample is the expected pair judged a match; a false positive a negative query with any
  pair judged a match.

Every notice is renumbered (``N/000000``...) in a seeded random order: the search breaks ties between equal
scores by notice id, and devset ids (``DEV/``) against filler ids (``BENCH/``) would lose every tie.
Examples name each notice's origin (its devset id, or "filler").

The devset keeps its negatives clear of its own notices (no notice bears their name, by construction).
Filler is kept clear of them the same way: a filler draw that would make a negative a *namesake* (the
traveller's exact name up to order, case, spacing and diacritics, with a birth date that could be the
same day, or none on either side) is set aside and replaced by the next draw, since the issue's rules
require such a traveller to be flagged (a missing birth date never hides a hit): a person "not in the
database" whose name and birth date are on a notice is not a person the database lacks. The rows say
how many draws were set aside and for how many negatives. ``clear_namesakes=False``
(``--keep-namesakes``) keeps them, as runs before 2026-11-26 did. Near variants of a negative's name
among the filler (a typo, another transliteration, a dropped middle name) are *not* set aside and count
as false positives. The rows also give the false-positive rate not counting hits on namesakes, and the
share of negatives that have one in the corpus. Misses whose notice scored above the threshold but
ranked below the top 10 (ties among common names without a birth date) are counted per kind.

``python -m benchmarks.screening_quality [n_notices n_queries peer_sample] [--keep-namesakes] [--json PATH]``
prints the tables; ``--json`` also writes the rows.
"""

from __future__ import annotations

import gc
import itertools
import json
import math
import random
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from anyascii import anyascii
from rapidfuzz import fuzz, process, utils
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from benchmarks.devset_generator import REAL_MRZ, generate
from benchmarks.devset_quality import notice_from_json, query_from_json
from benchmarks.screening import make_notices
from rednotice.domain.dates import PartialDate
from rednotice.domain.model import Sex
from rednotice.domain.screening.index import IndexedNotice, Match, ScreeningIndex

DEVSET_SEED = 9303
FILLER_SEED = 70000
SAMPLE_SEED = 2000
BRUTE_CUTOFF = 0.85
"""token_sort_ratio / 100 at or above this is a brute-force match (a common choice; it ignores dates)."""
LOGIC_V2_THRESHOLD = 0.70
"""yente's default match threshold (``SCORE_THRESHOLD = 0.70`` in yente/settings.py, yente 3.2.0)."""
PAIR_TOP = 5
"""Notices each side contributes to a query's pair set."""
SEARCH_LIMIT = 10
EXTRACT_LIMIT = 60
"""Names a brute-force scan returns, enough for 10 distinct notices (about 2.6 names each)."""
TARGET_RECALL = 0.98
TARGET_FP = 0.01
EXAMPLES_PER_KIND = 10
FILLER_EXAMPLES = 5

_RUNS = itertools.count()
T = TypeVar("T")


# -- sampling --------------------------------------------------------------------------------------------


def stratified(queries: Sequence[dict[str, Any]], k: int, seed: int) -> list[dict[str, Any]]:
    """``k`` queries (all of them if there are no more), each kind keeping its share and at least one,
    in their original order. Deterministic for a seed."""
    if k >= len(queries):
        return list(queries)
    by_kind: dict[str, list[int]] = defaultdict(list)
    for i, q in enumerate(queries):
        by_kind[q["kind"]].append(i)
    kinds = sorted(by_kind)
    total = len(queries)
    quota = {kind: max(1, k * len(by_kind[kind]) // total) for kind in kinds}
    # largest remainders first, then the biggest kinds give back what the minimum of one overshot
    by_remainder = sorted(kinds, key=lambda kind: (-(k * len(by_kind[kind]) % total), kind))
    for kind in itertools.cycle(by_remainder):
        if sum(quota.values()) >= k or all(quota[x] >= len(by_kind[x]) for x in kinds):
            break
        if quota[kind] < len(by_kind[kind]):
            quota[kind] += 1
    while sum(quota.values()) > k:
        biggest = max(kinds, key=lambda kind: (quota[kind], kind))
        if quota[biggest] <= 1:
            break  # fewer queries asked for than kinds: one of each
        quota[biggest] -= 1
    rng = random.Random(seed)
    chosen = sorted(i for kind in kinds for i in rng.sample(by_kind[kind], quota[kind]))
    return [queries[i] for i in chosen]


def devset_for(n_queries: int, max_subjects: int, seed: int = DEVSET_SEED) -> tuple[dict[str, Any], int]:
    """The development set with enough subjects for ``n_queries`` queries (the generator makes about 5.3
    to 5.8 queries a subject, fewer as its name pools fill up), and the number of subjects."""
    probe = 200
    per_subject = len(generate(seed, probe)["queries"]) / probe
    subjects = min(max_subjects, max(5, math.ceil(n_queries / per_subject)))
    while True:
        data = generate(seed, subjects)
        made = len(data["queries"])
        if made >= n_queries or subjects >= max_subjects:
            return data, subjects
        subjects = min(max_subjects, math.ceil(subjects * n_queries / made) + 1)


# -- tallies ---------------------------------------------------------------------------------------------


def is_negative(kind: str) -> bool:
    return kind.startswith("negative")


@dataclass
class Tally:
    """Per kind: [flagged or found, queries]. For a negative kind the rate is the false-positive rate."""

    by_kind: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))

    def add(self, kind: str, good_or_flagged: bool) -> None:
        t = self.by_kind[kind]
        t[0] += bool(good_or_flagged)
        t[1] += 1

    def rate(self, kind: str) -> float | None:
        hits, n = self.by_kind.get(kind, (0, 0))
        return hits / n if n else None

    def overall(self) -> dict[str, float | int]:
        found = sum(h for k, (h, _) in self.by_kind.items() if not is_negative(k))
        positives = sum(n for k, (_, n) in self.by_kind.items() if not is_negative(k))
        flagged = sum(h for k, (h, _) in self.by_kind.items() if is_negative(k))
        negatives = sum(n for k, (_, n) in self.by_kind.items() if is_negative(k))
        return {
            "recall": found / positives if positives else 1.0,
            "found": found,
            "positives": positives,
            "fp_rate": flagged / negatives if negatives else 0.0,
            "flagged": flagged,
            "negatives": negatives,
        }


def _overall_text(o: dict[str, float | int]) -> str:
    return (
        f"recall {o['recall']:.4f} ({o['found']:,}/{o['positives']:,}), "
        f"false positives {o['fp_rate']:.4f} ({o['flagged']:,}/{o['negatives']:,})"
    )


# -- progress --------------------------------------------------------------------------------------------


def _progress(enabled: bool) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        disable=not enabled,
        transient=False,
    )


def _track(progress: Progress, items: Iterable[T], total: int, description: str) -> Iterator[T]:
    task = progress.add_task(description, total=total)
    for item in items:
        yield item
        progress.advance(task)


# -- logic-v2 --------------------------------------------------------------------------------------------


class LogicV2:
    """nomenklatura's logic-v2 on FollowTheMoney Person entities, or None if nomenklatura is missing."""

    def __init__(self) -> None:
        from followthemoney import model
        from nomenklatura.matching import get_algorithm

        algo = get_algorithm("logic-v2")
        if algo is None:
            raise ImportError("nomenklatura has no logic-v2 algorithm")
        self.algo = algo
        self.config = algo.default_config()
        self.model = model
        self.run = next(_RUNS)  # logic-v2 caches analysed names by entity id: ids unique across runs
        self._notices: dict[str, Any] = {}
        self.warm_up_s = 0.0

    @classmethod
    def load(cls) -> tuple[LogicV2 | None, str]:
        try:
            return cls(), ""
        except ImportError as exc:
            return None, f"logic-v2 skipped: nomenklatura/followthemoney not importable ({exc})"

    def _person(self, entity_id: str, names: Iterable[str], born: str | None, sex: Sex | None) -> Any:
        e = self.model.make_entity("Person")
        e.id = entity_id
        for name in names:
            e.add("name", name)
        if born:
            e.add("birthDate", born)
        if sex is Sex.MALE:
            e.add("gender", "male")
        elif sex is Sex.FEMALE:
            e.add("gender", "female")
        return e

    def notice(self, notice: IndexedNotice) -> Any:
        e = self._notices.get(notice.id)
        if e is None:
            s = notice.subject
            e = self._person(
                f"rn{self.run}-notice-{notice.id}",
                notice.searchable_names(),
                s.date_of_birth.iso() if s.date_of_birth else None,
                s.sex,
            )
            for nationality in s.nationalities:
                e.add("nationality", nationality.lower())
            self._notices[notice.id] = e
        return e

    def query(self, q: dict[str, Any]) -> Any:
        return self._person(f"rn{self.run}-query-{q['id']}", [q["name"]], q.get("birth_date"), None)

    def score(self, query: Any, candidate: Any) -> float:
        return float(self.algo.compare(query, candidate, self.config).score)

    def warm_up(self) -> None:
        """The first comparison loads reference data (several seconds); keep it out of the timing."""
        started = time.perf_counter()
        q = self._person(f"rn{self.run}-warm-q", ["Chang Hsiao-ming"], "1980-05-03", None)
        c = self._person(f"rn{self.run}-warm-c", ["Zhang Xiaoming", "张小明"], "1980-05-03", Sex.MALE)
        self.score(q, c)
        self.warm_up_s = time.perf_counter() - started


# -- namesakes ------------------------------------------------------------------------------------------


def name_keys(text: str) -> set[str]:
    """The name's parts folded to lower-case ASCII (any script, via anyascii) and joined in every order:
    two names share a key when they are the same name up to order, spacing, case and diacritics."""
    tokens = utils.default_process(anyascii(text)).split()
    if not tokens:
        return set()
    if len(tokens) > 5:
        return {" ".join(sorted(tokens))}
    return {"".join(p) for p in itertools.permutations(tokens)}


def _same_day_or_unknown(a: str | None, b: PartialDate | None) -> bool:
    """The two birth dates could be one day (one contains the other), or one is unknown."""
    if a is None or b is None:
        return True
    d = PartialDate.parse(a)
    return d.earliest() <= b.latest() and b.earliest() <= d.latest()


class Namesakes:
    """Notices bearing exactly the traveller's name with a birth date that does not tell them apart (one
    could be the other, as 1980 and 1980-05-02, or one is unknown): hits every matcher that keeps the
    issue's promise (a missing birth date never hides a hit) must make, whatever the label says."""

    def __init__(self, notices: Iterable[IndexedNotice]) -> None:
        self.by_key: dict[str, list[IndexedNotice]] = defaultdict(list)
        self._keys: dict[str, set[str]] = {}
        for notice in notices:
            keys: set[str] = set()
            for name in notice.searchable_names():
                keys |= name_keys(name)
            self._keys[notice.id] = keys
            for key in keys:
                self.by_key[key].append(notice)

    def of(self, q: dict[str, Any]) -> set[str]:
        """Ids of the query's namesakes in the corpus."""
        out: set[str] = set()
        for key in name_keys(q["name"]):
            for notice in self.by_key.get(key, ()):
                if _same_day_or_unknown(q.get("birth_date"), notice.subject.date_of_birth):
                    out.add(notice.id)
        return out


# -- the benchmark ---------------------------------------------------------------------------------------


@dataclass
class Corpus:
    notices: list[IndexedNotice]
    queries: list[dict[str, Any]]
    subjects: int
    filler: int
    origin: dict[str, str]
    """New notice id -> where it came from (the devset id, or 'filler')."""
    set_aside: int = 0
    """Filler draws set aside because they would have made a negative a namesake."""
    negatives_cleared: int = 0
    """Negatives that would have had a namesake among the filler."""


def _clear_of(
    negatives: Sequence[dict[str, Any]], notices: Iterable[IndexedNotice], wanted: int
) -> tuple[list[IndexedNotice], int, int]:
    """The first ``wanted`` notices that make no negative a namesake, how many were set aside and how many
    negatives they would have touched."""
    by_key: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for q in negatives:
        for key in name_keys(q["name"]):
            by_key[key].append(q)
    kept: list[IndexedNotice] = []
    set_aside = 0
    touched: set[str] = set()
    for notice in notices:
        if len(kept) == wanted:
            break
        hit = {
            q["id"]
            for name in notice.searchable_names()
            for key in name_keys(name)
            for q in by_key.get(key, ())
            if _same_day_or_unknown(q.get("birth_date"), notice.subject.date_of_birth)
        }
        if hit:
            set_aside += 1
            touched |= hit
        else:
            kept.append(notice)
    if len(kept) < wanted:
        raise ValueError(f"only {len(kept)} filler notices clear of the negatives, {wanted} wanted")
    return kept, set_aside, len(touched)


def build_corpus(n_notices: int, n_queries: int, clear_namesakes: bool = True) -> Corpus:
    """Devset notices and queries plus filler, every notice renumbered N/000000... in a seeded random
    order, so that ties between equal scores (broken by notice id) fall neither for nor against the
    devset's notices, and a brute-force scan meets the names in no telling order. With
    ``clear_namesakes`` the filler makes no negative a namesake (see the module docstring)."""
    data, _ = devset_for(n_queries, max_subjects=max(5, n_notices - len(REAL_MRZ)))
    queries = stratified(data["queries"], n_queries, DEVSET_SEED)
    devset_notices = [notice_from_json(n) for n in data["notices"]]
    subjects = len(devset_notices)  # the synthetic people and the holders of the real documents
    wanted = max(0, n_notices - len(devset_notices))
    set_aside = cleared = 0
    if clear_namesakes and wanted:
        negatives = [q for q in queries if q["expect"] is None]
        drawn = make_notices(wanted + wanted // 50 + 100, FILLER_SEED)
        filler, set_aside, cleared = _clear_of(negatives, drawn, wanted)
    else:
        filler = make_notices(wanted, FILLER_SEED)
    everything = devset_notices + filler
    if len({n.id for n in everything}) != len(everything):
        raise ValueError("filler notice ids collide with devset ids")
    order = list(range(len(everything)))
    random.Random(FILLER_SEED + 1).shuffle(order)
    new_id = {n.id: f"N/{order[i]:06d}" for i, n in enumerate(everything)}
    filler_ids = {n.id for n in filler}
    origin = {new_id[n.id]: "filler" if n.id in filler_ids else n.id for n in everything}
    notices = sorted((replace(n, id=new_id[n.id]) for n in everything), key=lambda n: n.id)
    renamed = []
    for q in queries:
        r = {**q, "expect": new_id[q["expect"]] if q["expect"] else None}
        if q.get("avoid"):
            r["avoid"] = new_id[q["avoid"]]
        renamed.append(r)
    return Corpus(notices, renamed, subjects, len(filler), origin, set_aside, cleared)


class Examples:
    """Readable misses and false positives (query, expected notice, hits), where they came from."""

    def __init__(self, index: ScreeningIndex, origin: dict[str, str], namesakes: Namesakes) -> None:
        self.index, self.origin, self.namesakes = index, origin, namesakes

    def notice(self, notice_id: str | None) -> dict[str, Any] | None:
        notice = self.index.get(notice_id) if notice_id else None
        if notice is None:
            return None
        dob = notice.subject.date_of_birth
        return {
            "id": notice.id,
            "origin": self.origin.get(notice.id),
            "names": list(notice.searchable_names()),
            "birth": dob.iso() if dob else None,
        }

    def hit(self, m: Match, namesakes: set[str]) -> dict[str, Any]:
        return {
            **(self.notice(m.notice_id) or {}),
            "score": m.score,
            "matched_name": m.name,
            "namesake": m.notice_id in namesakes,
            "reasons": list(m.reasons),
        }

    def make(self, q: dict[str, Any], hits: list[Match]) -> dict[str, Any]:
        namesakes = self.namesakes.of(q)
        out: dict[str, Any] = {
            "id": q["id"],
            "kind": q["kind"],
            "name": q["name"],
            "birth_date": q.get("birth_date"),
            "date": q.get("date"),
            "hits": [self.hit(m, namesakes) for m in hits[:3]],
            "hit_count": len(hits),
        }
        if q.get("expect"):
            out["expected"] = self.notice(q["expect"])
            out.update(expected_at_threshold_0(self.index, q))
        if q.get("avoid"):
            out["avoid"] = self.notice(q["avoid"])
        return out


def expected_at_threshold_0(index: ScreeningIndex, q: dict[str, Any]) -> dict[str, Any]:
    """Where the expected notice stands among every scored candidate (None: not scored at all)."""
    everything = index.search(query_from_json(q), limit=100_000, threshold=0)
    rank = next((i for i, m in enumerate(everything) if m.notice_id == q["expect"]), None)
    if rank is None:
        return {"expected_score": None, "expected_rank": None, "tied_with": None}
    score = everything[rank].score
    return {
        "expected_score": score,
        "expected_rank": rank + 1,
        "tied_with": sum(1 for m in everything if m.score == score) - 1,
        "expected_reasons": list(everything[rank].reasons),
    }


def bench_screening_quality(
    n_notices: int = 70_000,
    n_queries: int = 10_000,
    peer_sample: int = 2_000,
    *,
    progress: bool = True,
    clear_namesakes: bool = True,
) -> list[dict[str, object]]:
    started_run = time.perf_counter()
    # 1. corpus: the devset sized for n_queries, topped up with filler
    corpus = build_corpus(n_notices, n_queries, clear_namesakes)
    notices, queries, origin = corpus.notices, corpus.queries, corpus.origin

    with _progress(progress) as bar:
        started = time.perf_counter()
        index = ScreeningIndex()
        for notice in _track(bar, notices, len(notices), "building the index"):
            index.upsert(notice)
        build_s = time.perf_counter() - started
        gc.collect()
        gc.freeze()  # a long-lived index: keep its objects out of the collector's full passes
        threshold = index.settings.threshold
        names_count = index.name_count
        namesakes = Namesakes(notices)
        examples_of = Examples(index, origin, namesakes)

        # 2. rednotice on every query
        ours, ours_strict = Tally(), Tally()
        examples: dict[str, list[dict[str, Any]]] = defaultdict(list)
        floor: dict[str, int] = defaultdict(int)  # negatives with a namesake in the corpus
        crowded: dict[str, int] = defaultdict(int)  # misses scored above threshold, beyond the limit
        not_scored: dict[str, int] = defaultdict(int)  # misses the search never scored
        filler_only: dict[str, int] = defaultdict(int)
        filler_matches: list[dict[str, Any]] = []
        full_hits: dict[str, list[Match]] = {}
        search_s = 0.0
        for q in _track(bar, queries, len(queries), "rednotice: every query"):
            kind = q["kind"]
            sq = query_from_json(q)
            t = time.perf_counter()
            hits = index.search(sq, limit=SEARCH_LIMIT)
            search_s += time.perf_counter() - t
            full_hits[q["id"]] = hits
            hit_ids = [m.notice_id for m in hits]
            if q["expect"] is not None:
                ok = q["expect"] in hit_ids
                ours.add(kind, ok)
                if not ok:
                    where = expected_at_threshold_0(index, q)
                    if where["expected_score"] is None:
                        not_scored[kind] += 1
                    elif where["expected_score"] >= threshold:
                        crowded[kind] += 1
                    if len(examples[kind]) < EXAMPLES_PER_KIND:
                        examples[kind].append(examples_of.make(q, hits))
                continue
            same = namesakes.of(q)
            floor[kind] += bool(same)
            ours.add(kind, bool(hits))
            ours_strict.add(kind, any(i not in same for i in hit_ids))
            if hits:
                only_filler = all(origin[i] == "filler" for i in hit_ids)
                filler_only[kind] += only_filler
                if len(examples[kind]) < EXAMPLES_PER_KIND:
                    examples[kind].append(examples_of.make(q, hits))
                if (
                    only_filler
                    and kind == "negative:not-in-notices"
                    and len(filler_matches) < FILLER_EXAMPLES
                ):
                    filler_matches.append(examples_of.make(q, hits))
        ours_ms = search_s * 1000 / max(1, len(queries))

        # 3. peers on the same pairs, for a stratified sample
        sample = stratified(queries, peer_sample, SAMPLE_SEED)
        logic, logic_note = LogicV2.load()
        if logic is not None:
            logic.warm_up()
        choices: list[str] = []
        owners: list[str] = []
        processed_names: dict[str, list[str]] = {}
        for notice in notices:
            processed = [utils.default_process(n) for n in notice.searchable_names()]
            processed_names[notice.id] = processed
            choices += processed
            owners += [notice.id] * len(processed)

        scorers = ("ours", "brute", "logic") if logic is not None else ("ours", "brute")
        on_pairs = {s: Tally() for s in scorers}
        on_pairs_strict = {s: Tally() for s in scorers}
        brute_search, brute_search_strict = Tally(), Tally()
        brute_scan_s = 0.0
        logic_pair_s = 0.0
        pairs = 0
        differing = 0  # sample verdicts of ours that differ from the full run (the limit of 10 only)
        for q in _track(bar, sample, len(sample), "peers: sample pairs"):
            kind, expect = q["kind"], q["expect"]
            sq = query_from_json(q)
            qp = utils.default_process(q["name"])
            t = time.perf_counter()
            scanned = process.extract(
                qp, choices, scorer=fuzz.token_sort_ratio, processor=None, limit=EXTRACT_LIMIT
            )
            brute_scan_s += time.perf_counter() - t
            brute_ranked: dict[str, float] = {}
            for _, score, i in scanned:
                brute_ranked.setdefault(owners[i], score / 100)
            brute_top = [nid for nid, s in brute_ranked.items() if s >= BRUTE_CUTOFF][:SEARCH_LIMIT]
            candidates = index.search(sq, limit=100_000, threshold=0)
            our_scores = {m.notice_id: m.score for m in candidates}

            pair_set: dict[str, None] = {}
            if expect is not None:
                pair_set[expect] = None
            for nid in list(brute_ranked)[:PAIR_TOP]:
                pair_set.setdefault(nid, None)
            for m in candidates[:PAIR_TOP]:
                pair_set.setdefault(m.notice_id, None)
            pairs += len(pair_set)

            judged: dict[str, dict[str, bool]] = {s: {} for s in scorers}
            q_entity = logic.query(q) if logic is not None else None
            for nid in pair_set:
                judged["ours"][nid] = our_scores.get(nid, 0.0) >= threshold
                best = max(
                    (fuzz.token_sort_ratio(qp, n, processor=None) for n in processed_names[nid]), default=0.0
                )
                judged["brute"][nid] = best / 100 >= BRUTE_CUTOFF
                if logic is not None:
                    paired = index.get(nid)
                    assert paired is not None
                    c_entity = logic.notice(paired)
                    t = time.perf_counter()
                    judged["logic"][nid] = logic.score(q_entity, c_entity) >= LOGIC_V2_THRESHOLD
                    logic_pair_s += time.perf_counter() - t

            if expect is not None:
                for s in scorers:
                    on_pairs[s].add(kind, judged[s][expect])
                brute_search.add(kind, expect in brute_top)
                differing += judged["ours"][expect] != (expect in {m.notice_id for m in full_hits[q["id"]]})
            else:
                same = namesakes.of(q)
                for s in scorers:
                    on_pairs[s].add(kind, any(judged[s].values()))
                    on_pairs_strict[s].add(kind, any(v and nid not in same for nid, v in judged[s].items()))
                brute_search.add(kind, bool(brute_top))
                brute_search_strict.add(kind, any(nid not in same for nid in brute_top))
                differing += any(judged["ours"].values()) != bool(full_hits[q["id"]])
        gc.unfreeze()

    total_s = time.perf_counter() - started_run
    brute_ms = brute_scan_s * 1000 / max(1, len(sample))
    logic_ms_pair = logic_pair_s * 1000 / pairs if logic is not None and pairs else None

    def rate(tally: Tally | None, kind: str) -> float | None:
        return tally.rate(kind) if tally is not None else None

    logic_t, logic_strict = on_pairs.get("logic"), on_pairs_strict.get("logic")
    kinds = sorted(set(ours.by_kind) | set(on_pairs["ours"].by_kind))
    by_kind: dict[str, dict[str, Any]] = {}
    for kind in kinds:
        negative = is_negative(kind)
        n = ours.by_kind.get(kind, (0, 0))[1]
        k: dict[str, Any] = {
            "negative": negative,
            "measure": "false-positive rate" if negative else "recall",
            "n": n,
            "rednotice": ours.rate(kind),
            "sample_n": on_pairs["ours"].by_kind.get(kind, (0, 0))[1],
            "rednotice_sample": rate(on_pairs["ours"], kind),
            "brute_force": rate(on_pairs["brute"], kind),
            "brute_force_search": brute_search.rate(kind),
            "logic_v2": rate(logic_t, kind),
        }
        r = ours.rate(kind) or 0.0
        k["meets_target"] = r <= TARGET_FP if negative else r >= TARGET_RECALL
        if negative:
            k["namesake_in_corpus"] = floor[kind] / n if n else None
            k["flagged_on_filler_only"] = filler_only.get(kind, 0)
            k["excluding_namesakes"] = {
                "rednotice": ours_strict.rate(kind),
                "rednotice_sample": rate(on_pairs_strict["ours"], kind),
                "brute_force": rate(on_pairs_strict["brute"], kind),
                "brute_force_search": brute_search_strict.rate(kind),
                "logic_v2": rate(logic_strict, kind),
            }
        else:
            k["misses_scored_above_threshold_beyond_limit"] = crowded.get(kind, 0)
            k["misses_never_scored"] = not_scored.get(kind, 0)
        by_kind[kind] = k

    def strict_overall(tally: Tally | None) -> float | None:
        if tally is None:
            return None
        flagged = sum(h for kd, (h, _) in tally.by_kind.items() if is_negative(kd))
        total = sum(n for kd, (_, n) in tally.by_kind.items() if is_negative(kd))
        return flagged / total if total else 0.0

    overall: dict[str, Any] = {
        "rednotice": ours.overall(),
        "rednotice_sample": on_pairs["ours"].overall(),
        "brute_force": on_pairs["brute"].overall(),
        "brute_force_search": brute_search.overall(),
        "logic_v2": logic_t.overall() if logic_t is not None else None,
        "fp_rate_excluding_namesakes": {
            "rednotice": strict_overall(ours_strict),
            "rednotice_sample": strict_overall(on_pairs_strict["ours"]),
            "brute_force": strict_overall(on_pairs_strict["brute"]),
            "brute_force_search": strict_overall(brute_search_strict),
            "logic_v2": strict_overall(logic_strict),
        },
        "negatives_with_namesake_in_corpus": sum(floor.values()) / max(1, ours.overall()["negatives"]),
    }
    strict = overall["fp_rate_excluding_namesakes"]
    filler_note = (
        f"{corpus.set_aside} filler draws set aside as namesakes of {corpus.negatives_cleared} negatives"
        if clear_namesakes
        else "namesakes of negatives kept"
    )
    size = f"{n_notices:,} notices ({names_count:,} names), {len(queries):,} queries"
    o = overall["rednotice"]
    on_sample = f"on the {len(sample):,}-query peer sample (same pairs)"
    rows: list[dict[str, object]] = [
        {
            "benchmark": f"screening quality, {size}: rednotice",
            "baseline": "brute force: rapidfuzz token_sort_ratio over every name (full scan per query)",
            "baseline_ms": brute_ms,
            "ms": ours_ms,
            "per_second": 1000 / ours_ms if ours_ms else None,
            "ratio": ours_ms / brute_ms if brute_ms else None,
            "note": (
                f"all queries: {_overall_text(o)} "
                f"[{strict['rednotice']:.4f} not counting hits on namesakes]; "
                f"{on_sample}: {_overall_text(overall['rednotice_sample'])}; "
                f"{overall['negatives_with_namesake_in_corpus']:.1%} of negatives have a namesake in the "
                f"corpus (same name; birth year the same or unknown); {sum(filler_only.values())} false "
                f"positives hit filler notices only; {sum(crowded.values())} misses scored above the "
                f"threshold but beyond the top {SEARCH_LIMIT}; devset {corpus.subjects:,} subjects (of them "
                f"{len(REAL_MRZ)} holders of real specimen documents) + "
                f"{corpus.filler:,} filler notices ({filler_note}); index built in {build_s:.1f}s; "
                f"whole run {total_s:.0f}s"
            ),
            "by_kind": by_kind,
            "overall": overall,
            "examples": dict(examples),
            "filler_matches": filler_matches,
            "sample_verdicts_differing_from_full_run": differing,
            "settings": {
                "rednotice_threshold": threshold,
                "brute_cutoff": BRUTE_CUTOFF,
                "logic_v2_threshold": LOGIC_V2_THRESHOLD,
                "pair_top": PAIR_TOP,
                "subjects": corpus.subjects,
                "filler_notices": corpus.filler,
                "clear_namesakes": clear_namesakes,
                "filler_set_aside": corpus.set_aside,
                "negatives_cleared": corpus.negatives_cleared,
                "names": names_count,
                "queries": len(queries),
                "sample": len(sample),
                "pairs": pairs,
                "run_s": total_s,
            },
        },
        {
            "benchmark": f"screening quality, {size}: brute force (token_sort_ratio ≥ {BRUTE_CUTOFF})",
            "baseline": None,
            "baseline_ms": None,
            "ms": brute_ms,
            "per_second": 1000 / brute_ms if brute_ms else None,
            "ratio": None,
            "note": (
                f"{on_sample}: as pair scorer {_overall_text(overall['brute_force'])} "
                f"[{strict['brute_force']:.4f} not counting namesakes]; as a search (expected notice in the "
                f"top {SEARCH_LIMIT} at or above the cutoff) {_overall_text(overall['brute_force_search'])}; "
                f"ignores birth dates; ms = full scan of {len(choices):,} names per query"
            ),
        },
    ]
    if logic is not None:
        lo = overall["logic_v2"]
        rows.append(
            {
                "benchmark": f"screening quality, {size}: nomenklatura logic-v2 (yente's scorer, ≥ 0.70)",
                "baseline": None,
                "baseline_ms": None,
                "ms": logic_ms_pair,
                "per_second": 1000 / logic_ms_pair if logic_ms_pair else None,
                "ratio": None,
                "note": (
                    f"{on_sample}: {_overall_text(lo)} [{strict['logic_v2']:.4f} not counting namesakes]; "
                    f"ms = per pair scored ({pairs:,} pairs, {pairs / max(1, len(sample)):.1f} a query; "
                    f"first call warm-up {logic.warm_up_s:.1f}s not counted); in process, no candidate "
                    "retrieval (yente would add Elasticsearch)"
                ),
            }
        )
    else:
        rows.append(
            {
                "benchmark": f"screening quality, {size}: nomenklatura logic-v2",
                "baseline": None,
                "baseline_ms": None,
                "ms": None,
                "per_second": None,
                "ratio": None,
                "note": logic_note,
            }
        )
    return rows


# -- printing --------------------------------------------------------------------------------------------


def _pct(value: object) -> str:
    return f"{value:.3f}" if isinstance(value, float) else "—"


def _cell(value: object, negative: bool) -> str:
    text = _pct(value)
    if not isinstance(value, float):
        return text
    good = value <= TARGET_FP if negative else value >= TARGET_RECALL
    return text if good else f"[red]{text}[/red]"


def print_report(
    rows: list[dict[str, object]], console: Console | None = None, examples: bool = True
) -> None:
    console = console or Console(width=200)
    head = rows[0]
    by_kind: dict[str, dict[str, Any]] = head["by_kind"]  # type: ignore[assignment]
    overall: dict[str, Any] = head["overall"]  # type: ignore[assignment]
    table = Table(title=f"{head['benchmark']}: recall (true variants) / false-positive rate (negatives)")
    columns = (
        "kind",
        "n",
        "rednotice",
        "misses: hit beyond top 10",
        "sample n",
        "rednotice (sample pairs)",
        "brute force (pairs)",
        "brute force (search)",
        "logic-v2 (pairs)",
    )
    for column in columns:
        table.add_column(column, justify="left" if column == "kind" else "right", no_wrap=column == "kind")
    for kind, k in sorted(by_kind.items(), key=lambda item: (item[1]["negative"], item[0])):
        neg = k["negative"]
        table.add_row(
            kind + (" (FP rate)" if neg else ""),
            f"{k['n']:,}",
            _cell(k["rednotice"], neg),
            "" if neg else str(k["misses_scored_above_threshold_beyond_limit"]),
            f"{k['sample_n']:,}",
            _cell(k["rednotice_sample"], neg),
            _cell(k["brute_force"], neg),
            _cell(k["brute_force_search"], neg),
            _cell(k["logic_v2"], neg),
        )
    for label, key in (("recall", "recall"), ("false-positive rate", "fp_rate")):
        neg = key == "fp_rate"
        count = "negatives" if neg else "positives"
        table.add_row(
            f"[bold]overall {label}[/bold]",
            f"{overall['rednotice'][count]:,}",
            _cell(overall["rednotice"][key], neg),
            "",
            f"{overall['rednotice_sample'][count]:,}",
            _cell(overall["rednotice_sample"][key], neg),
            _cell(overall["brute_force"][key], neg),
            _cell(overall["brute_force_search"][key], neg),
            _cell(overall["logic_v2"][key] if overall["logic_v2"] else None, neg),
        )
    console.print(table)

    neg_table = Table(
        title="negatives: false-positive rate not counting hits on namesakes (the traveller's exact name, "
        "birth year the same or unknown on either side)"
    )
    for column in (
        "kind",
        "n",
        "has a namesake in the corpus",
        "rednotice",
        "rednotice (sample pairs)",
        "brute force (pairs)",
        "brute force (search)",
        "logic-v2 (pairs)",
    ):
        neg_table.add_column(
            column, justify="left" if column == "kind" else "right", no_wrap=column == "kind"
        )
    for kind, k in sorted(by_kind.items()):
        if not k["negative"]:
            continue
        x = k["excluding_namesakes"]
        neg_table.add_row(
            kind,
            f"{k['n']:,}",
            _pct(k["namesake_in_corpus"]),
            _cell(x["rednotice"], True),
            _cell(x["rednotice_sample"], True),
            _cell(x["brute_force"], True),
            _cell(x["brute_force_search"], True),
            _cell(x["logic_v2"], True),
        )
    x = overall["fp_rate_excluding_namesakes"]
    neg_table.add_row(
        "[bold]overall[/bold]",
        f"{overall['rednotice']['negatives']:,}",
        _pct(overall["negatives_with_namesake_in_corpus"]),
        *(_cell(x[s], True) for s in ("rednotice", "rednotice_sample", "brute_force", "brute_force_search")),
        _cell(x["logic_v2"], True),
    )
    console.print(neg_table)
    for r in rows:
        ms = r.get("ms")
        timing = f" ({ms:.3f} ms)" if isinstance(ms, float) else ""
        console.print(f"[bold]{r['benchmark']}[/bold]{timing}: {r['note']}", highlight=False)
    if not examples:
        return
    for kind, items in sorted(head.get("examples", {}).items()):  # type: ignore[attr-defined]
        if not items:
            continue
        console.rule(f"{kind}: {'false positives' if is_negative(kind) else 'misses'} (up to 10)")
        for e in items:
            console.print(json.dumps(e, ensure_ascii=False), highlight=False, soft_wrap=True)
    filler = head.get("filler_matches") or []
    if filler:
        console.rule("not-in-notices travellers flagged on filler notices only")
        for e in filler:  # type: ignore[attr-defined]
            console.print(json.dumps(e, ensure_ascii=False), highlight=False, soft_wrap=True)


def main(argv: list[str]) -> None:
    json_path = None
    if "--json" in argv:
        at = argv.index("--json")
        json_path = argv[at + 1]
        argv = argv[:at] + argv[at + 2 :]
    keep = "--keep-namesakes" in argv
    args = [int(a) for a in argv if a != "--keep-namesakes"]
    rows = bench_screening_quality(*args, clear_namesakes=not keep)
    print_report(rows)
    if json_path:
        with open(json_path, "w", encoding="utf-8") as fh:
            json.dump(rows, fh, ensure_ascii=False, indent=1, default=str)


if __name__ == "__main__":
    main(sys.argv[1:])
