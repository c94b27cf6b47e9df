"""The public notices API's use cases: search public extracts, read one, list them all for export.

Only *public extracts* ever leave this module: published red notices whose requester consented to a
public extract (``policy.is_public``; rules 24 and 25). Everything else (drafts, refused, suspended,
deleted or cancelled notices, diffusions, restricted notices) does not exist here, and the public
document carries only the fields of INTERPOL's public API (docs/domain.md §6): never the warrant's
reference, the facts, the profile, relations, identity documents or any internal state.

Search parameters arrive as the strings INTERPOL's API takes (``forename``, ``name``, ``nationality``,
``ageMin``, ``ageMax``, ``sexId``, ``arrestWarrantCountryId``, ``freeText``, ``page``,
``resultPerPage``); :meth:`PublicQuery.parse` checks them and raises ``InvalidInput`` with a
readable message. The filtering and paging are done by the database (``uow.public.search``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from rednotice.adapters.formats import interpol
from rednotice.domain import policy
from rednotice.domain.dates import PartialDate
from rednotice.domain.errors import InvalidInput, NotFound
from rednotice.domain.lifecycle import Notice
from rednotice.domain.model import NoticeRequest, NoticeType, PhysicalDescription, Sex, url_ref
from rednotice.domain.screening.names import ascii_fold, icao_fold, raw_tokens
from rednotice.services.ports import PublicRepository as PublicRepository  # moved to ports.py
from rednotice.services.ports import PublicUnitOfWork as PublicUnitOfWork
from rednotice.services.ports import UnitOfWork

MAX_RESULTS_PER_PAGE = 160
"""INTERPOL's cap on ``resultPerPage``; a larger value is lowered to it (as INTERPOL's API does)."""
DEFAULT_RESULTS_PER_PAGE = 20
MAX_PAGE = 1_000_000
MAX_AGE = 999
"""Ages above this are refused; OpenSanctions' crawler asks for ``ageMax=300``, which is accepted."""
MAX_PATTERN = 200
PUBLIC_ACTOR = "anonymous (public API)"
"""Who the audit trail records for a public search: nobody in particular, and no IP address."""

PARAMETERS = (
    "name",
    "forename",
    "nationality",
    "freeText",
    "ageMin",
    "ageMax",
    "sexId",
    "arrestWarrantCountryId",
)
"""The search parameters in the order INTERPOL's API writes them in its links."""

_COUNTRY = re.compile(r"^[A-Za-z0-9]{2,3}$")


# -- text folding and name patterns --------------------------------------------------------------------


_EDGE = re.compile(r"[^\w'’ʻʼ`´‘]|[\d_]")
"""A character that separates name parts (as ``names.raw_tokens`` splits them): space, hyphen, punctuation,
digit."""
ALTERNATIVE_LETTERS = (str.maketrans({"ə": "a", "Ə": "a"}), str.maketrans({"ə": "e", "Ə": "e"}))
"""Letters with two common romanisations, only one of which a letter-by-letter transliteration gives:
the Azerbaijani schwa is ``e`` for anyascii but ``a`` in the Russian-based spellings of the same names
(Əliyev/Aliyev, Əmirova/Amirova). Both are kept, whichever the folding picks."""


def fold(text: str) -> str:
    """What public search compares: the screening keys' folding (``names.ascii_fold``: anyascii, lower
    case, so Radosław -> radoslaw, Đặng -> dang, Иванов -> ivanov), each name part separated by one
    space. Hyphens and punctuation separate parts, apostrophes do not (O'Brien -> obrien).
    A leading or trailing separator is kept as a space, so pieces of a pattern fold alike."""
    core = " ".join(t for t in (ascii_fold(t) for t in raw_tokens(text)) if t)
    if not core:
        return ""
    lead = " " if _EDGE.match(text[0]) else ""
    trail = " " if _EDGE.match(text[-1]) else ""
    return lead + core + trail


def spellings(text: str) -> list[str]:
    """The folded spellings a stored name is found by: :func:`fold`, the ICAO 9303 form (Müller ->
    mueller, as on a passport) and the alternative romanisation of letters such as ``ə`` (-> a)."""
    out = [fold(text).strip()]
    icao = " ".join(t for t in (icao_fold(t) for t in raw_tokens(text)) if t)
    alternatives = [fold(text.translate(table)).strip() for table in ALTERNATIVE_LETTERS]
    for variant in (icao, *alternatives):
        if variant not in out:
            out.append(variant)
    return [v for v in out if v]


@dataclass(frozen=True, slots=True)
class NamePattern:
    """INTERPOL's ``name``/``forename`` take regular expressions; rednotice reads the subset clients use:

    * ``^`` at the start and ``$`` at the end anchor the match to the whole name;
    * ``.`` is any one character and ``.*`` any run of characters (OpenSanctions enumerates names by
      length with ``^.....$``);
    * ``\\`` makes the next character literal; every other character matches itself.

    Without anchors the text matches anywhere in the name (a substring). Case and accents are ignored.
    """

    text: str
    like: str
    """The SQL LIKE pattern over folded names, with ``\\`` as the escape character."""
    regex: re.Pattern[str]
    """The same pattern as a Python regular expression over folded names (the in-memory fake)."""

    @classmethod
    def parse(cls, text: str, what: str) -> NamePattern:
        if len(text) > MAX_PATTERN:
            raise InvalidInput("%(field)s is longer than %(max)s characters", field=what, max=MAX_PATTERN)
        body = text
        start = body.startswith("^")
        if start:
            body = body[1:]
        end = body.endswith("$") and not body.endswith("\\$")
        if end:
            body = body[:-1]
        like: list[str] = []
        rx: list[str] = []
        literal: list[str] = []

        def flush() -> None:
            if literal:
                folded = fold("".join(literal))
                like.append(folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"))
                rx.append(re.escape(folded))
                literal.clear()

        i = 0
        while i < len(body):
            c = body[i]
            if c == "\\" and i + 1 < len(body):
                literal.append(body[i + 1])
                i += 2
                continue
            if c == ".":
                flush()
                if body[i + 1 : i + 2] == "*":
                    like.append("%")
                    rx.append(".*")
                    i += 2
                    continue
                like.append("_")
                rx.append(".")
                i += 1
                continue
            literal.append(c)
            i += 1
        flush()
        pattern = ("" if start else "%") + "".join(like) + ("" if end else "%")
        regex = ("^" if start else "^.*") + "".join(rx) + ("$" if end else ".*$")
        return cls(text, pattern, re.compile(regex, re.DOTALL))

    def matches(self, folded_value: str) -> bool:
        return self.regex.match(folded_value) is not None


def like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# -- the query -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AgeBounds:
    """Birth dates compatible with an age range on a given day, as ISO text for the database.

    A person whose birth date is known only to the year or the month has a *range* of possible ages;
    they match when that range overlaps ``[ageMin, ageMax]``: the earliest possible birth date is on or
    before ``born_on_or_before`` and the latest is on or after ``born_on_or_after``."""

    born_on_or_before: str | None
    born_on_or_after: str | None


def _years_before(day: date, years: int) -> date:
    year = day.year - years
    if year < 1:
        return date.min
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=year, day=28)


@dataclass(frozen=True, slots=True)
class PublicQuery:
    name: NamePattern | None = None
    forename: NamePattern | None = None
    nationality: str | None = None
    age_min: int | None = None
    age_max: int | None = None
    sex: Sex | None = None
    warrant_country: str | None = None
    free_text: tuple[str, ...] = ()
    """Folded words; each must appear in a name or a charge."""
    free_text_raw: str | None = None
    page: int = 1
    per_page: int = DEFAULT_RESULTS_PER_PAGE
    asked_per_page: int | None = None
    """What the client asked for, when it was more than the cap (then ``per_page`` is the cap)."""

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    @property
    def has_age(self) -> bool:
        return self.age_min is not None or self.age_max is not None

    def age_bounds(self, today: date) -> AgeBounds:
        before = None if self.age_min is None else _years_before(today, self.age_min).isoformat()
        after = None
        if self.age_max is not None:
            limit = _years_before(today, self.age_max + 1)
            after = None if limit == date.min else (limit + timedelta(days=1)).isoformat()
        return AgeBounds(before, after)

    def age_matches(self, born: PartialDate | None, today: date) -> bool:
        """The reference semantics (the in-memory fake and the tests): the age ranges overlap."""
        if not self.has_age:
            return True
        if born is None:
            return False
        youngest, oldest = born.age_range_on(today)
        if self.age_min is not None and oldest < self.age_min:
            return False
        return not (self.age_max is not None and youngest > self.age_max)

    def params(self) -> dict[str, Any]:
        """The parameters as INTERPOL's API echoes them in ``query`` (only those given), in its order."""
        out: dict[str, Any] = {"page": self.page, "resultPerPage": self.per_page}
        given: dict[str, Any] = {
            "name": self.name.text if self.name else None,
            "forename": self.forename.text if self.forename else None,
            "nationality": self.nationality,
            "freeText": self.free_text_raw,
            "ageMin": self.age_min,
            "ageMax": self.age_max,
            "sexId": self.sex.value if self.sex else None,
            "arrestWarrantCountryId": self.warrant_country,
        }
        out.update({k: v for k, v in given.items() if v is not None})
        return out

    @classmethod
    def parse(cls, raw: Mapping[str, str | None]) -> PublicQuery:
        """Check INTERPOL-style parameters. An empty value means "not given" (INTERPOL's own web page
        sends every parameter, empty ones included). Raise InvalidInput naming the bad parameter."""
        v = {k: (raw.get(k) or "").strip() for k in (*PARAMETERS, "page", "resultPerPage")}
        name = NamePattern.parse(v["name"], "name") if v["name"] else None
        forename = NamePattern.parse(v["forename"], "forename") if v["forename"] else None
        nationality = _country(v["nationality"], "nationality")
        warrant = _country(v["arrestWarrantCountryId"], "arrestWarrantCountryId")
        age_min = _integer(v["ageMin"], "ageMin", 0, MAX_AGE)
        age_max = _integer(v["ageMax"], "ageMax", 0, MAX_AGE)
        if age_min is not None and age_max is not None and age_min > age_max:
            raise InvalidInput(
                "ageMin (%(min)s) is greater than ageMax (%(max)s)", field="ageMin", min=age_min, max=age_max
            )
        sex: Sex | None = None
        if v["sexId"]:
            try:
                sex = Sex(v["sexId"].upper())
            except ValueError:
                raise InvalidInput(
                    "sexId '%(value)s' is not one of '', 'F', 'M' or 'U'", field="sexId", value=v["sexId"]
                ) from None
        text = v["freeText"]
        if len(text) > MAX_PATTERN:
            raise InvalidInput(
                "%(field)s is longer than %(max)s characters", field="freeText", max=MAX_PATTERN
            )
        words = tuple(w for w in fold(text).split() if w)
        page = _integer(v["page"], "page", 1, MAX_PAGE) or 1
        asked = _integer(v["resultPerPage"], "resultPerPage", 1, None)
        per_page = DEFAULT_RESULTS_PER_PAGE if asked is None else min(asked, MAX_RESULTS_PER_PAGE)
        return cls(
            name=name,
            forename=forename,
            nationality=nationality,
            age_min=age_min,
            age_max=age_max,
            sex=sex,
            warrant_country=warrant,
            free_text=words,
            free_text_raw=text or None,
            page=page,
            per_page=per_page,
            asked_per_page=asked if asked is not None and asked > MAX_RESULTS_PER_PAGE else None,
        )


def _integer(text: str, what: str, low: int, high: int | None) -> int | None:
    if not text:
        return None
    if not re.fullmatch(r"[+-]?\d{1,12}", text):
        raise InvalidInput("%(field)s '%(value)s' is not a whole number", field=what, value=text)
    value = int(text)
    if value < low:
        raise InvalidInput(
            "%(field)s must be at least %(low)s (got %(value)s)", field=what, low=low, value=value
        )
    if high is not None and value > high:
        raise InvalidInput(
            "%(field)s must be at most %(high)s (got %(value)s)", field=what, high=high, value=value
        )
    return value


def _country(text: str, what: str) -> str | None:
    """An ISO-2 code (or one of INTERPOL's numeric codes: they simply match nothing here)."""
    if not text:
        return None
    if not _COUNTRY.match(text):
        raise InvalidInput(
            "%(field)s '%(value)s' is not a country code (ISO 3166-1 alpha-2, e.g. FR)",
            field=what,
            value=text,
        )
    return text.upper()


# -- what the store keeps for searching --------------------------------------------------------------------

NAME, FORENAME, TEXT = "name", "forename", "text"


def search_terms(request: NoticeRequest) -> list[tuple[str, str]]:
    """The folded values a public search compares, by field: ``name`` (family names), ``forename``
    (given names), ``text`` (every name and every charge, for ``freeText``).

    Aliases count as names and forenames. A name in its original script is not split into family and
    given names by the requester, so the whole of it and each of its words are candidates for both.
    Only public fields go in: never facts, warrant references, documents or relations."""
    s = request.subject
    out: list[tuple[str, str]] = []

    def add(field_: str, value: str) -> None:
        for folded in spellings(value):
            if (field_, folded) not in out:
                out.append((field_, folded))

    for n in s.all_names():
        add(NAME, n.family_name)
        add(FORENAME, n.given_names)
    for original in s.names_original_script:
        for piece in (original, *original.split()):
            add(NAME, piece)
            add(FORENAME, piece)
    text = [n.full() for n in s.all_names()] + list(s.names_original_script)
    for c in request.judicial.charges:
        text += [c.offence, c.offence_original]
    joined = "|".join(dict.fromkeys(v for x in text if x.strip() for v in spellings(x)))
    if joined:
        out.append((TEXT, joined))
    return out


# -- the repository port --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PublicRow:
    """One list entry: exactly what INTERPOL's list response shows of a notice."""

    entity_id: str
    family_name: str
    given_names: str
    date_of_birth: PartialDate | None
    nationalities: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SearchResult:
    """One page of public extracts and how many match (``total_exact``: counted, not estimated)."""

    total: int
    rows: list[PublicRow]
    total_exact: bool = True


# -- use cases ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PublicPage:
    query: PublicQuery
    total: int
    rows: list[PublicRow] = field(default_factory=list)
    total_exact: bool = True
    """False when the store estimated a large total instead of counting it (issue 18: a list page costs
    a page); the public API says so with ``totalIsEstimate``."""

    @property
    def last_page(self) -> int:
        return max(1, -(-self.total // self.query.per_page))


def search(query: PublicQuery, uow: PublicUnitOfWork, reader: PublicUnitOfWork | None = None) -> PublicPage:
    """Search public extracts. Audited as an anonymous ``public.search`` with its parameters (no IP).

    With a ``reader`` (a read-only unit of work, e.g. on the read replica: ``Store.replica()``) the page
    is read there and only the audit event is written in ``uow`` (the primary); without, both in ``uow``."""
    if reader is not None:
        with reader:
            found = reader.public.search_page(query, reader.clock().date())
    with uow:
        now = uow.clock()
        if reader is None:
            found = uow.public.search_page(query, now.date())
        total, rows = found.total, found.rows
        data: dict[str, Any] = {**query.params(), "total": total}
        if not found.total_exact:
            data["totalIsEstimate"] = True
        if query.asked_per_page is not None:
            data["resultPerPageAsked"] = query.asked_per_page
        uow.audit.append(PUBLIC_ACTOR, "public.search", "notices:public", data, now)
        uow.commit()
    return PublicPage(query, total, rows, found.total_exact)


def get_public_detail(notice_id: str | None, uow: PublicUnitOfWork) -> dict[str, Any]:
    """A public extract as INTERPOL's detail document (without ``_links``), or NotFound. For a notice
    imported from INTERPOL, what INTERPOL wrote is served back as written wherever the notice still says
    the same thing (:func:`public_detail`), with its ``_embedded.links`` to related notices."""
    notice = get_public(notice_id, uow)
    with uow:
        source = uow.public.sources([notice.id]).get(notice.id)
    return public_detail(notice, source)


def get_public(notice_id: str | None, uow: UnitOfWork) -> Notice:
    """A public extract's notice, or NotFound (the same answer whether it is absent or not public)."""
    if notice_id is None:
        raise NotFound("no public red notice with this reference")
    with uow:
        notice = uow.notices.get(notice_id)
    if notice is None or notice.type is not NoticeType.RED_NOTICE or not policy.is_public(notice):
        raise NotFound("no public red notice %(notice)s", notice=url_ref(notice_id))
    return notice


def public_notices(uow_factory: Callable[[], PublicUnitOfWork], batch: int = 500) -> Iterator[Notice]:
    """Every public extract, in id order, a batch of ids per transaction (exports of any size)."""
    for notice, _ in public_extracts(uow_factory, batch):
        yield notice


def public_extracts(
    uow_factory: Callable[[], PublicUnitOfWork], batch: int = 500
) -> Iterator[tuple[Notice, dict[str, Any]]]:
    """Every public extract with its public detail document (:func:`public_detail`), in id order."""
    after = ""
    while True:
        with uow_factory() as uow:
            ids = uow.public.public_ids(after, batch)
            notices = [uow.notices.get(i) for i in ids]
            sources = uow.public.sources(ids)
        for notice in notices:
            if notice is not None and notice.type is NoticeType.RED_NOTICE and policy.is_public(notice):
                yield notice, public_detail(notice, sources.get(notice.id))
        if len(ids) < batch:
            return
        after = ids[-1]


# -- the public document (INTERPOL's field names) ----------------------------------------------------------


def _or_none(text: str) -> str | None:
    return text.strip() or None


def _number(value: float | None) -> int | float:
    """A height or weight as a JSON number: whole numbers as integers (82), others as they are (74.5);
    ``0`` when unknown (INTERPOL's convention)."""
    if not value:
        return 0
    return int(value) if float(value).is_integer() else value


def _physical(request: NoticeRequest) -> PhysicalDescription:
    return request.subject.physical_description or PhysicalDescription()


_MEANING: dict[str, Callable[[NoticeRequest], Any]] = {
    "arrest_warrants": lambda r: (r.requesting_country, r.judicial.charges),
    "weight": lambda r: _physical(r).weight_kg,
    "forename": lambda r: r.subject.given_names,
    "date_of_birth": lambda r: r.subject.date_of_birth,
    "nationalities": lambda r: r.subject.nationalities,
    "height": lambda r: _physical(r).height_m,
    "sex_id": lambda r: r.subject.sex,
    "country_of_birth_id": lambda r: r.subject.country_of_birth,
    "name": lambda r: r.subject.family_name,
    "distinguishing_marks": lambda r: _physical(r).distinguishing_marks,
    "eyes_colors_id": lambda r: _physical(r).eye_colours,
    "hairs_id": lambda r: _physical(r).hair_colours,
    "place_of_birth": lambda r: r.subject.place_of_birth,
}
"""What each INTERPOL detail field means in the notice: the field INTERPOL wrote is served as written
exactly when the notice still means the same by it."""
_AS_WRITTEN = ("languages_spoken_ids",)
"""Fields rednotice's model does not hold: served as INTERPOL wrote them."""


_LISTS = frozenset({"nationalities", "eyes_colors_id", "hairs_id", "languages_spoken_ids"})
_NUMBERS = frozenset({"weight", "height"})


def _typed(key: str, value: Any) -> bool:
    """Is INTERPOL's value of the JSON type the detail response declares (so it can be served as is)?"""
    if value is None:
        return True
    if key in _NUMBERS:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if key in _LISTS:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if key == "arrest_warrants":
        return isinstance(value, list) and all(
            isinstance(w, dict)
            and set(w) <= set(interpol.WARRANT_FIELDS)
            and all(v is None or isinstance(v, str) for v in w.values())
            for w in value
        )
    return isinstance(value, str)


def public_detail(notice: Notice, source: dict[str, Any] | None = None) -> dict[str, Any]:
    """A public extract with INTERPOL's detail field names, in INTERPOL's order, with ``_embedded`` but
    without ``_links``.

    Mirrors ``adapters.formats.interpol`` (the importer) in reverse, so what is published here imports
    back unchanged: one ``arrest_warrants`` entry per charge, issued by the requesting country, with the
    offence in the requester's language as ``charge`` and its translation as ``charge_translation``;
    unknown text is ``null``, unknown height/weight ``0``; weight and height as recorded (74.5 stays
    74.5). rednotice records no spoken languages, so ``languages_spoken_ids`` is empty.

    ``source`` is INTERPOL's own document of an imported notice (``InterpolRecord.document``). Each of its
    fields is served exactly as INTERPOL wrote it (``null`` stays ``null``, ``0`` stays ``0``, every
    warrant with its own issuing country) when reading it again gives what the notice says now; a field
    the notice has changed since is served from the notice. Its ``_embedded.links`` are served too."""
    s = notice.request.subject
    pd = s.physical_description
    warrants = []
    for c in notice.request.judicial.charges:
        original = c.offence_original.strip()
        warrants.append(
            {
                "issuing_country_id": notice.requesting_country,
                "charge": original or c.offence,
                "charge_translation": c.offence if original else None,
            }
        )
    detail: dict[str, Any] = {
        "arrest_warrants": warrants,
        "weight": _number(pd.weight_kg if pd is not None else None),
        "forename": _or_none(s.given_names),
        "date_of_birth": s.date_of_birth.interpol() if s.date_of_birth else None,
        "entity_id": notice.id,
        "languages_spoken_ids": [],
        "nationalities": list(s.nationalities),
        "height": _number(pd.height_m if pd is not None else None),
        "sex_id": s.sex.value,
        "country_of_birth_id": s.country_of_birth,
        "name": s.family_name,
        "distinguishing_marks": _or_none(pd.distinguishing_marks) if pd is not None else None,
        "eyes_colors_id": list(pd.eye_colours) if pd is not None else [],
        "hairs_id": list(pd.hair_colours) if pd is not None else [],
        "place_of_birth": _or_none(s.place_of_birth),
    }
    links: list[Any] = []
    if source:
        reread = interpol.to_record(
            {**source, "entity_id": notice.id}, interpol.Source("public_sources"), notice.requesting_country
        )
        if isinstance(reread, interpol.InterpolRecord):
            for key, meaning in _MEANING.items():
                if (
                    key in source
                    and _typed(key, source[key])
                    and meaning(reread.request) == meaning(notice.request)
                ):
                    detail[key] = source[key]
            for key in _AS_WRITTEN:
                if key in source and _typed(key, source[key]):
                    detail[key] = source[key]
            embedded = source.get("_embedded")
            if isinstance(embedded, dict) and isinstance(embedded.get("links"), list):
                links = embedded["links"]
    detail["_embedded"] = {"links": links}
    return detail


def public_list_entry(row: PublicRow) -> dict[str, Any]:
    """A list entry with INTERPOL's field names, in its order, without ``_links``."""
    return {
        "forename": _or_none(row.given_names),
        "date_of_birth": row.date_of_birth.interpol() if row.date_of_birth else None,
        "entity_id": row.entity_id,
        "nationalities": list(row.nationalities),
        "name": row.family_name,
    }


def record_export(uow: UnitOfWork, actor: str, kind: str, count: int) -> None:
    """Audit an export of public extracts (``public.export``)."""
    with uow:
        uow.audit.append(
            actor, "public.export", "notices:public", {"format": kind, "notices": count}, uow.clock()
        )
        uow.commit()
