"""An in-memory index of every searchable name of the notices in force, and the search over it.

Build it once from the store (``ScreeningIndex.build(entries)``) and keep it current with
``upsert``/``remove`` as notices change; each server process keeps its own. Searching is safe while
another thread writes: the candidate lookup runs under a lock, the scoring on immutable objects.

How a search stays small: every distinct name part (a :class:`~.names.Token`, shared by all names that
have it) is filed under its phonetic keys, its consonant skeletons and, for typos, each key with one
letter deleted (SymSpell). A query part finds the parts within one letter of its keys or with the same
skeleton; the candidates are the names where at least two query parts (or the only one) found
something. A one-letter part is an initial and finds nothing, but a part of a Chinese name is a whole
syllable however short (周, 王; the E of Liu E) and finds the parts sharing one of its readings; a Han
given name also looks up each of its syllables. A name written in Han characters (or kana) also finds
every name written in the same characters, however split into parts (山田修平, 山田 修平). Candidates
whose birth date is too far away, or whose notice the viewer may not see, are dropped before any name
is scored, on what each entry keeps of its notice (id, birth date, who may see it): a notice itself is
read only for the candidates whose names are alike enough to be weighed with it (an index loaded from a
snapshot decodes it then). :meth:`ScreeningIndex.candidates` gives the lookup's result on its own, to
measure it apart from scoring.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rednotice.domain.dates import PartialDate
from rednotice.domain.model import NoticeRequest, NoticeType, Subject
from rednotice.domain.screening.korean import is_hangul
from rednotice.domain.screening.names import (
    _SOFT_C_MARK,
    AnalysedName,
    NameMatch,
    Token,
    TokenSimilarity,
    analyse,
    is_known_name,
    name_similarity,
    phonetic_key,
)
from rednotice.domain.screening.query import ScreeningQuery
from rednotice.domain.screening.score import FEATURES, Evidence, Scorer, ScoreSettings, combine

MIN_KEY_FOR_TYPOS = 4
"""Keys shorter than this are not indexed for one-letter typos (Li/Lu, Ma/Mo would meet everything)."""
MAX_SCORED = 200
"""At most this many notices are scored for one query: those covering most of it, one to one (a part split
in k pieces, محمدديب or a Han given name, counts 1/k for each piece found), then by the rarity of what found
them (:meth:`_Lookup.prior`). Only names made of very common parts (Li Li, Bin Bakr, Muhammad) with no birth
date reach it."""
CHINESE_MIN_KEY_FOR_TYPOS = 6
"""Likewise for Chinese name parts, whose one-letter neighbours are other common names (Zhang/Chang)."""
KOREAN_MIN_KEY_FOR_TYPOS = 3
"""A Korean family name in Hangul is looked up one letter around spellings of three letters (Son finds
Shon), as scoring allows: its spellings are few (:data:`.tables.KOREAN_SURNAMES`)."""
STATE_VERSION = 2
"""The layout of :meth:`ScreeningIndex.to_state`; a snapshot of another layout is rebuilt."""


Audience = tuple[str, tuple[str, ...] | None, tuple[str, ...]]
"""A notice's requesting country, the countries it is restricted to (None: all) and those excluded."""


def _visible(audience: Audience, country: str | None) -> bool:
    requesting, restricted_to, excluded = audience
    if country is None or country == requesting:
        return True
    if country in excluded:
        return False
    return restricted_to is None or country in restricted_to


@dataclass(frozen=True, slots=True)
class IndexedNotice:
    """A notice in force as the screening index needs it: who it is about and who may see it."""

    id: str
    subject: Subject
    requesting_country: str
    type: NoticeType = NoticeType.RED_NOTICE
    restricted_to: tuple[str, ...] | None = None
    """Countries (ISO-2) that may see it; None means every member country."""
    excluded_countries: tuple[str, ...] = ()
    warning: str = ""
    """Caveats an officer must read with a hit (e.g. 'armed and dangerous', 'refugee status reported')."""

    @classmethod
    def from_request(cls, notice_id: str, request: NoticeRequest, warning: str = "") -> IndexedNotice:
        v = request.visibility
        return cls(
            notice_id,
            request.subject,
            request.requesting_country,
            request.type,
            v.restricted_to,
            v.excluded_countries,
            warning,
        )

    def visible_to(self, country: str | None) -> bool:
        """None is an operator who sees every notice in force; the requester always sees its own."""
        return _visible(self.audience(), country)

    def audience(self) -> Audience:
        """Who may see it: the requesting country, the countries it is restricted to, those excluded."""
        return (self.requesting_country, self.restricted_to, self.excluded_countries)

    def searchable_names(self) -> tuple[str, ...]:
        """The name, every alias and every name in the original script, without repeats."""
        return tuple(dict.fromkeys(text for text, _ in self.searchable()))

    def searchable(self) -> tuple[tuple[str, str], ...]:
        """Each searchable name with its family name (empty where the notice does not say which part it
        is, as for names in the original script), without repeats."""
        seen: dict[tuple[str, str], None] = {}
        for n in self.subject.all_names():
            full = n.full().strip()
            if full:
                seen.setdefault((full, n.family_name.strip()), None)
        for original in self.subject.names_original_script:
            if original.strip():
                seen.setdefault((original.strip(), ""), None)
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class Match:
    """A hit: the notice, the score in [0, 1], the name of the notice that matched, and why."""

    notice_id: str
    score: float
    name: str
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "notice_id": self.notice_id,
            "score": self.score,
            "name": self.name,
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True, slots=True)
class _Entry:
    """One searchable name of a notice, with what the lookup filters on; the notice itself is read
    (from :attr:`ScreeningIndex._notices`) only when a candidate is weighed."""

    notice_id: str
    shared: _Name
    born: tuple[int, int] | None
    """The notice's birth date as the first and last day it can be (proleptic ordinals)."""
    audience: Audience
    """Who may see the notice (:meth:`IndexedNotice.audience`)."""

    @property
    def name(self) -> AnalysedName:
        return self.shared.name

    def __reduce__(self) -> tuple[Any, ...]:  # a snapshot rebuilds it by its constructor (fast)
        return (_Entry, (self.notice_id, self.shared, self.born, self.audience))


@dataclass(slots=True)
class _Part:
    token: Token
    entries: set[int] = field(default_factory=set)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_Part, (self.token, self.entries))


@dataclass(slots=True)
class _Name:
    """An analysed name shared by every notice that bears it, built from the index's shared parts."""

    name: AnalysedName
    token_ids: frozenset[int]
    """Every part of every form."""
    base_ids: tuple[int, ...]
    """The parts of the name as written."""
    key: tuple[str, str]
    """The name and its family name, as the index files it."""
    refs: int = 0

    def __reduce__(self) -> tuple[Any, ...]:
        return (_Name, (self.name, self.token_ids, self.base_ids, self.key, self.refs))


@dataclass(frozen=True, slots=True)
class _Piece:
    """What one lookup of a query found for one query part: the entries, the share of the part it stands
    for (1 for the part as written or a reading of it; 1/k for each of k pieces it splits into: محمد and
    ديب of محمدديب, 恩 and 来 of 恩来), and its weight (less the more entries it found, like an inverse
    document frequency: a key shared by thousands of notices, Muhammad or Wang, weighs little)."""

    part: int
    share: float
    weight: float
    entries: set[int]


@dataclass(frozen=True, slots=True)
class _Lookup:
    """What one query name found: the candidate entries, what each lookup of its parts found, and the
    indexed parts near any of its parts."""

    size: int
    sizes: frozenset[int]
    """The number of parts of each form of the query name (محمدديب: 1, and 2 split)."""
    found: set[int]
    pieces: list[_Piece]
    near: set[int]
    near_tokens: set[Token]
    """The indexed parts of :attr:`near` themselves."""
    same: frozenset[int] = frozenset()
    """Entries whose name is written in the query's Han characters: scored first."""

    def prior(self, eid: int, name: _Name) -> float:
        """A cheap guess of how well a candidate matches, to choose which to score when there are too
        many: how much of the query it covers, counted in query parts (a part found only by one of its
        k pieces counts 1/k) and no more than the candidate's own parts found; then the rarity of what
        found it (under 1 in all, so it only breaks ties); less for a length mismatch between the closest
        forms of the two names. A name in the same Han characters before any other."""
        if eid in self.same:
            return float(self.size + 1)
        share = [0.0] * self.size
        rare = [0.0] * self.size
        for piece in self.pieces:
            if eid in piece.entries:
                share[piece.part] += piece.share
                rare[piece.part] += piece.share * piece.weight
        hit = 0.0
        rarity = 0.0
        for s, r in zip(share, rare, strict=True):
            if s:
                covered = min(s, 1.0)
                hit += covered
                rarity += covered * r / s
        # The candidate's parts found (a part written twice counting twice: Li Li); a part not found
        # itself counts the share of its pieces found in a form that splits it (a notice written fused,
        # محمدديب, is found by its pieces محمد and ديب), as a query part does.
        near = self.near
        theirs: float = sum(1 for tid in name.base_ids if tid in near)
        forms = name.name.forms
        if len(forms) > 1:
            if theirs < len(name.base_ids):
                theirs += _pieces_found(forms, self.near_tokens)
            gap = min(abs(len(f) - k) for f in forms for k in self.sizes)
        else:
            gap = min(abs(len(name.base_ids) - k) for k in self.sizes)
        return min(hit, theirs) + rarity - 0.1 * gap


def _pieces_found(forms: tuple[tuple[Token, ...], ...], near: set[Token]) -> float:
    """For the parts of a name as written (its first form) not in ``near``, the share of their pieces
    that are, in the form that splits them best."""
    base = forms[0]
    best = [0.0] * len(base)
    for form in forms[1:]:
        if len(form) <= len(base):
            continue
        at = _split_from(base, form)
        if at is None:
            continue
        got = [0.0] * len(base)
        for k, token in enumerate(form):
            if token is not base[at[k]] and token in near:
                got[at[k]] += 1 / at.count(at[k])
        best = [max(b, g) for b, g in zip(best, got, strict=True)]
    return sum(b for token, b in zip(base, best, strict=True) if token not in near)


def _split_from(base: tuple[Token, ...], form: tuple[Token, ...]) -> list[int] | None:
    """For each part of ``form``, the part of ``base`` it is, or is a piece of (周 恩 来 from 周 恩来:
    0, 1, 1); None when ``form`` does not split ``base`` in order."""
    out: list[int] = []
    b, piece = 0, ""
    for token in form:
        if b >= len(base):
            return None
        out.append(b)
        if token is base[b]:
            b += 1
            continue
        piece += token.text
        if piece == base[b].text:
            b, piece = b + 1, ""
        elif not base[b].text.startswith(piece):
            return None
    return out if b == len(base) and not piece else None


def _deletions(key: str) -> set[str]:
    return {key[:i] + key[i + 1 :] for i in range(len(key))}


def query_names(query: ScreeningQuery) -> list[tuple[str, str]]:
    """The names a query asks about, each with its family name where known: ``name`` (free text, which
    says nothing of which part is which), and ``family_name`` + ``given_names``."""
    names: list[tuple[str, str]] = []
    if query.name.strip():
        names.append((query.name, ""))
    full = f"{query.family_name} {query.given_names}".strip()  # family first: truncation cuts the end
    if full and full != query.name:
        names.append((full, query.family_name.strip() if query.given_names.strip() else ""))
    return names


class ScreeningIndex:
    """Names of notices in force, searchable across scripts. See the module docstring."""

    def __init__(
        self, settings: ScoreSettings | None = None, features: tuple[tuple[Scorer, float], ...] = FEATURES
    ) -> None:
        self.settings = settings or ScoreSettings()
        self.features = features
        self._lock = threading.Lock()
        self._notices: dict[str, IndexedNotice] = {}
        self._notice_entries: dict[str, list[int]] = {}
        self._entries: dict[int, _Entry] = {}
        self._next_entry = 0
        self._parts: dict[int, _Part] = {}
        self._next_part = 0
        self._part_ids: dict[Token, int] = {}
        self._names: dict[tuple[str, str], _Name] = {}
        self._by_key: dict[str, set[int]] = {}
        self._by_skeleton: dict[str, set[int]] = {}
        self._by_deletion: dict[str, set[str]] = {}
        self._by_han: dict[str, set[int]] = {}
        """Entries by the Han characters of their name (:attr:`AnalysedName.han`)."""

    # -- building and keeping current -------------------------------------------------------------------

    @classmethod
    def build(cls, entries: Iterable[IndexedNotice], settings: ScoreSettings | None = None) -> ScreeningIndex:
        index = cls(settings)
        for notice in entries:
            index.upsert(notice)
        return index

    def to_state(self) -> tuple[Any, ...]:
        """The index's structures as they are (shared, not copied), for a snapshot the process writes and
        reads back with :meth:`from_state` (``adapters.screening_snapshot``). Take it where nothing
        writes to the index meanwhile. The parts' lookup by token is left out: it is rebuilt on load."""
        return (
            STATE_VERSION,
            self._notices,
            self._notice_entries,
            self._entries,
            self._next_entry,
            self._parts,
            self._next_part,
            self._names,
            self._by_key,
            self._by_skeleton,
            self._by_deletion,
            self._by_han,
        )

    @classmethod
    def from_state(cls, state: tuple[Any, ...], settings: ScoreSettings | None = None) -> ScreeningIndex:
        """The index :meth:`to_state` described (ValueError if the layout is another). The tables may be
        any mutable mappings that behave as dicts (a snapshot's are :class:`.postings.LazyMap`)."""
        if not state or state[0] != STATE_VERSION or len(state) not in (12, 13):
            raise ValueError("not a screening index state of this version")
        index = cls(settings)
        (
            _,
            index._notices,
            index._notice_entries,
            index._entries,
            index._next_entry,
            index._parts,
            index._next_part,
            index._names,
            index._by_key,
            index._by_skeleton,
            index._by_deletion,
            index._by_han,
        ) = state[:12]
        # A 13th item is the parts' lookup by token (a snapshot read lazily gives its own, decoded on
        # demand; postings.LazyMap); without it, it is rebuilt from the parts.
        index._part_ids = state[12] if len(state) == 13 else {p.token: tid for tid, p in index._parts.items()}
        return index

    def __len__(self) -> int:
        return len(self._notices)

    def __contains__(self, notice_id: object) -> bool:
        return notice_id in self._notices

    def get(self, notice_id: str) -> IndexedNotice | None:
        return self._notices.get(notice_id)

    @property
    def name_count(self) -> int:
        return len(self._entries)

    def upsert(self, notice: IndexedNotice) -> None:
        """Add a notice, or replace what the index holds for it."""
        texts = notice.searchable()
        fresh = {key: analyse(key[0], None, key[1]) for key in texts if key not in self._names}
        born = _span(notice.subject.date_of_birth)
        audience = notice.audience()
        with self._lock:
            self._remove(notice.id)
            self._notices[notice.id] = notice
            ids = []
            for key in texts:
                shared = self._names.get(key) or self._share(
                    key, fresh.get(key) or analyse(key[0], None, key[1])
                )
                if shared is None:
                    continue
                shared.refs += 1
                eid = self._next_entry
                self._next_entry += 1
                self._entries[eid] = _Entry(notice.id, shared, born, audience)
                if shared.name.han:
                    self._by_han.setdefault(shared.name.han, set()).add(eid)
                for tid in shared.token_ids:
                    self._parts[tid].entries.add(eid)
                ids.append(eid)
            self._notice_entries[notice.id] = ids

    def _share(self, key: tuple[str, str], name: AnalysedName) -> _Name | None:
        """File a newly seen name, its parts replaced by the index's shared ones (so that a search
        compares each distinct part, and each distinct name, once)."""
        if not name.forms:
            return None
        forms = tuple(tuple(self._parts[self._intern(t)].token for t in form) for form in name.forms)
        token_ids = frozenset(self._part_ids[t] for form in forms for t in form)
        base_ids = tuple(self._part_ids[t] for t in forms[0])
        shared = self._names[key] = _Name(AnalysedName(name.text, forms, name.han), token_ids, base_ids, key)
        return shared

    replace = upsert

    def add(self, notice: IndexedNotice) -> None:
        self.upsert(notice)

    def remove(self, notice_id: str) -> bool:
        """Take a notice out (withdrawn, expired, deleted); False if the index did not hold it."""
        with self._lock:
            return self._remove(notice_id)

    def _remove(self, notice_id: str) -> bool:
        if notice_id not in self._notices:
            return False
        del self._notices[notice_id]
        for eid in self._notice_entries.pop(notice_id, []):
            entry = self._entries.pop(eid)
            shared = entry.shared
            han = shared.name.han
            if han:
                same = self._by_han[han]
                same.discard(eid)
                if not same:
                    del self._by_han[han]
            shared.refs -= 1
            if not shared.refs:
                del self._names[shared.key]
            for tid in entry.shared.token_ids:
                part = self._parts[tid]
                part.entries.discard(eid)
                if not part.entries:
                    self._forget(tid)
        return True

    def _intern(self, token: Token) -> int:
        tid = self._part_ids.get(token)
        if tid is not None:
            return tid
        tid = self._next_part
        self._next_part += 1
        self._part_ids[token] = tid
        self._parts[tid] = _Part(token)
        for key in token.keys:
            tids = self._by_key.get(key)
            if tids is None:
                tids = self._by_key[key] = set()
                if len(key) >= MIN_KEY_FOR_TYPOS:
                    for d in _deletions(key):
                        self._by_deletion.setdefault(d, set()).add(key)
            tids.add(tid)
        for sk in token.skeletons:
            self._by_skeleton.setdefault(sk, set()).add(tid)
        return tid

    def _forget(self, tid: int) -> None:
        part = self._parts.pop(tid)
        token = part.token
        del self._part_ids[token]
        for key in token.keys:
            tids = self._by_key.get(key)
            if tids is None:
                continue
            tids.discard(tid)
            if not tids:
                del self._by_key[key]
                if len(key) >= MIN_KEY_FOR_TYPOS:
                    for d in _deletions(key):
                        keys = self._by_deletion.get(d)
                        if keys is not None:
                            keys.discard(key)
                            if not keys:
                                del self._by_deletion[d]
        for sk in token.skeletons:
            tids = self._by_skeleton.get(sk)
            if tids is not None:
                tids.discard(tid)
                if not tids:
                    del self._by_skeleton[sk]

    # -- searching -------------------------------------------------------------------------------------

    def _parts_near(self, token: Token) -> set[int]:
        """Ids of indexed parts within one letter of the token's keys, or with one of its skeletons."""
        found: set[int] = set()
        by_key, by_del = self._by_key, self._by_deletion
        if len(token.text) < 2 and token.origin not in ("chinese", "korean"):
            # An initial blocks nothing; it is compared once a candidate is found. A part of a Chinese
            # or Korean name is a whole syllable however short (周, 王, 문, 김; Liu E) and blocks by its
            # readings.
            return found
        for key in token.keys:
            hit = by_key.get(key)
            if hit:
                found |= hit
        # Typos are in what was typed: look one letter around the token's own spelling only (the index
        # holds every variant's keys), and not at all for short Chinese syllables (Jing is not Ying).
        if token.text.isascii():
            own = {token.text, phonetic_key(token.text)} & token.keys
        elif token.origin in ("arabic", "cyrillic") and token.spellings:
            # A part typed in its own script: look around its plainest Latin spellings (لونيسي, Lounici); a
            # name with the article, around its known spellings and its reading with the article too.
            shortest = min(len(x) for x in token.spellings)
            plain = {x for x in token.spellings if len(x) == shortest}
            if token.origin == "arabic" and token.text.startswith("ال"):
                # the article glued as a bare l in Latin letters (الحسين: Lhoussain, one letter from Husain)
                plain |= {x for x in token.spellings if is_known_name(x) or x.startswith("al")}
            own = (plain | {phonetic_key(x) for x in plain}) & token.keys
        elif token.origin == "korean" and not token.given and is_hangul(token.text):
            # A family name typed in Hangul: look one letter around each of its customary spellings, as
            # scoring allows a typo of them (손 Son: Shon; 강 Kang: Khang).
            own = set(token.spellings)
        else:
            own = set()
        min_len = CHINESE_MIN_KEY_FOR_TYPOS if token.origin == "chinese" else MIN_KEY_FOR_TYPOS
        if token.origin == "korean":
            min_len = KOREAN_MIN_KEY_FOR_TYPOS
        for key in own:
            if len(key) < min_len:
                continue
            near: set[str] = set(by_del.get(key, ()))
            for d in _deletions(key):
                if d in by_key and len(d) >= MIN_KEY_FOR_TYPOS:
                    near.add(d)
                near.update(by_del.get(d, ()))
            for k in near:
                found |= by_key[k]
        # Arabic and Hebrew script write no short vowels: رجا (Raja), حرب (Harb) need their skeletons.
        short_ok = token.origin in ("arabic", "hebrew") and len(token.text) >= 2
        for sk in token.skeletons if len(token.text) >= MIN_KEY_FOR_TYPOS or short_ok else ():
            hit = self._by_skeleton.get(sk)
            if hit:
                found |= hit
        if token.origin == "latin" and len(token.text) == MIN_KEY_FOR_TYPOS - 1:
            # A Latin part of three letters meets an Arabic-script part by its skeleton (Haq: الحق, Raja: رجا)
            # as scoring does; it looks among parts written in Arabic script only (their skeletons are also
            # filed marked), not among Latin ones (Hak, Hook).
            for sk in token.skeletons:
                if not sk.startswith(_SOFT_C_MARK):
                    hit = self._by_skeleton.get(_SOFT_C_MARK + sk)
                    if hit:
                        found |= hit
        return found

    def _found_by(self, token: Token, near: set[int], near_tokens: set[Token]) -> set[int]:
        """The entries of the indexed parts near ``token`` (added to ``near``, and ``near_tokens``)."""
        out: set[int] = set()
        parts = self._parts
        for tid in self._parts_near(token):
            near.add(tid)
            part = parts[tid]
            near_tokens.add(part.token)
            out |= part.entries
        return out

    def _candidates(self, name: AnalysedName) -> _Lookup:
        base = name.tokens
        n = len(base)
        pieces: list[tuple[int, float, set[int]]] = []
        near: set[int] = set()
        near_tokens: set[Token] = set()
        for form in name.forms:
            if len(form) == n:
                for i, token in enumerate(form):
                    pieces.append((i, 1.0, self._found_by(token, near, near_tokens)))
            elif len(form) == n - 1:  # one adjacent pair joined: its hits count as the first part's,
                # and as both parts' when they are the whole name (شمس الدين finds SHAMSUDDIN, a name of
                # one part; with more parts, another part must agree)
                joined_at = next(i for i in range(len(form)) if form[i] is not base[i])
                hits = self._found_by(form[joined_at], near, near_tokens)
                pieces.append((joined_at, 1.0, hits))
                if n == 2:
                    pieces.append((1, 1.0, hits))
            elif len(form) > n:  # a name part split in pieces (a Han given name in syllables, a fused
                # Arabic name: محمدديب): each piece counts for the part, as a share of it
                at = _split_from(base, form)
                if at is None:
                    continue
                for k, token in enumerate(form):
                    if token is base[at[k]]:
                        continue  # already looked up with the name as written
                    pieces.append((at[k], 1 / at.count(at[k]), self._found_by(token, near, near_tokens)))
        per_part: list[set[int]] = [set() for _ in range(n)]
        for i, _, hits in pieces:
            if not per_part[i]:
                per_part[i] = hits  # shared, not copied: neither is changed from here on
            elif hits:
                per_part[i] = per_part[i] | hits
        # A part an MRZ may have cut short finds nothing by key; the other parts decide.
        firm = [per_part[i] for i in range(n) if not base[i].truncated]
        if len(firm) <= 1:
            found = set().union(*per_part)
        else:
            found = set()
            for i in range(len(firm)):
                if not firm[i]:
                    continue
                for j in range(i + 1, len(firm)):
                    found |= firm[i] & firm[j]
        # The same Han characters, however split into parts (山田修平, 山田 修平): the same name.
        same = self._by_han.get(name.han, set()) if name.han else set()
        found |= same
        scale = 1 / (n + 1)
        weighed = [
            _Piece(i, share, scale / (2 + math.log1p(len(hits))), hits) for i, share, hits in pieces if hits
        ]
        sizes = frozenset(len(form) for form in name.forms)
        return _Lookup(n, sizes, found, weighed, near, near_tokens, frozenset(same))

    def candidates(self, query: ScreeningQuery, viewer_country: str | None = None) -> list[str]:
        """The notices a search for ``query`` scores (the candidate lookup, before any name is compared):
        every notice :meth:`search` can return is among them. For measuring the lookup on its own."""
        return sorted(self._lookup(query, viewer_country, self.settings)[1])

    def _lookup(
        self, query: ScreeningQuery, viewer_country: str | None, settings: ScoreSettings
    ) -> tuple[list[AnalysedName], dict[str, list[_Entry]]]:
        """The query's analysed names and, by notice, the entries to score."""
        truncated = True if query.name_truncated else None
        names = [analyse(text, truncated, family) for text, family in query_names(query)]
        names = [n for n in names if n.forms]
        if not names:
            return [], {}
        with self._lock:
            lookups = [self._candidates(name) for name in names]
            entries = {e: self._entries[e] for lookup in lookups for e in lookup.found}
        # A birth date this far away rules the match out whatever the name.
        far = int(settings.far_years * 365.25)
        born = _span(query.birth_date)
        lo, hi = (born[0] - far, born[1] + far) if born else (0, 0)
        by_notice: dict[str, list[int]] = {}
        # In entry order, not the sets' (which differs between a built index and the same one loaded
        # from a snapshot): which of a notice's equally good names is shown must not depend on it.
        for eid in sorted(entries):
            entry = entries[eid]
            if viewer_country is not None and not _visible(entry.audience, viewer_country):
                continue
            if born and entry.born and (entry.born[1] < lo or entry.born[0] > hi):
                continue
            by_notice.setdefault(entry.notice_id, []).append(eid)
        if len(by_notice) > MAX_SCORED:
            prior = {
                nid: max(lookup.prior(eid, entries[eid].shared) for eid in eids for lookup in lookups)
                for nid, eids in by_notice.items()
            }
            kept = sorted(by_notice, key=lambda nid: (-prior[nid], nid))[:MAX_SCORED]
            by_notice = {nid: by_notice[nid] for nid in kept}
        return names, {nid: [entries[eid] for eid in eids] for nid, eids in by_notice.items()}

    def search(
        self,
        query: ScreeningQuery,
        viewer_country: str | None = None,
        limit: int = 10,
        threshold: float | None = None,
    ) -> list[Match]:
        """Hits for one traveller, best first. ``viewer_country`` is the searching NCB (ISO-2): notices
        restricted away from it are never returned; None is an operator who sees every notice in force.
        ``limit`` hits at most, unless more score the same as the last: a cut never falls between equal
        scores (equal scores rank names written the same first, then by notice id).
        ``threshold`` overrides :attr:`ScoreSettings.threshold` (0 returns every scored candidate)."""
        settings = self.settings
        if threshold is not None:
            settings = ScoreSettings(threshold, settings.min_name, settings.far_years)
        names, by_notice = self._lookup(query, viewer_country, settings)
        if not names:
            return []
        sim = TokenSimilarity()
        compared: dict[int, NameMatch] = {}  # names are shared between notices: compare each once
        matches: list[tuple[tuple[float, int, str], Match]] = []
        for notice_id, notice_entries in by_notice.items():
            best_name = None
            best_shown = ""
            for entry in notice_entries:
                for q, qn in enumerate(names):
                    key = id(entry.name) * 4 + q
                    m = compared.get(key)
                    if m is None:
                        m = compared[key] = name_similarity(qn, entry.name, sim)
                    if best_name is None or m.score > best_name.score:
                        best_name, best_shown = m, entry.name.text
            if best_name is None or best_name.score < settings.min_name:
                continue
            # The notice is read (decoded, in an index loaded from a snapshot) only now that its name
            # counts; under the lock, as the index's tables are (None: taken out since the lookup).
            with self._lock:
                notice = self._notices.get(notice_id)
            if notice is None:
                continue
            subject = notice.subject
            evidence = Evidence(
                best_name,
                best_shown,
                query.birth_date,
                subject.date_of_birth,
                query.nationality,
                subject.nationalities,
                query.sex,
                subject.sex,
            )
            verdict = combine(evidence, settings, self.features)
            if verdict.hit:
                literal = best_name.literal
                matches.append(
                    (
                        (-verdict.score, -literal, notice_id),
                        Match(notice_id, verdict.score, best_shown, verdict.reasons),
                    )
                )
        matches.sort(key=lambda x: x[0])
        # A cut never falls between equal scores: every hit scoring as the last one kept is kept too.
        cut = min(limit, len(matches))
        while 0 < cut < len(matches) and matches[cut][1].score == matches[cut - 1][1].score:
            cut += 1
        return [m for _, m in matches[:cut]]


def _span(d: PartialDate | None) -> tuple[int, int] | None:
    return (d.earliest().toordinal(), d.latest().toordinal()) if d is not None else None
