"""INTERPOL's public red notice API JSON (docs/domain.md §6) at the edge: read it, check it, map it.

Every form the API (or a crawler's dump of it) produces is read:

* a detail response (``GET /notices/v1/red/{noticeID}``): one object with ``entity_id``;
* a list response (``GET /notices/v1/red``): ``{"total", "query", "_embedded": {"notices": [...]}}``;
* a JSON array of either;
* JSON Lines (one detail, list entry or list response per line);
* a folder of such files, searched recursively for ``*.json`` and ``*.jsonl``.

Each record becomes an :class:`InterpolRecord` (a domain :class:`NoticeRequest` plus where it came
from) or a :class:`Rejected` (where, which ``entity_id``, and why). One bad record never stops the
others. The request is built through the notice-request contract's own validator
(``request_json.parse_request``), so whatever is imported loads back from the store unchanged.

Mapping (API field -> contract field):

=========================  ===============================================================
``entity_id``              the notice id, kept as is (``2019/12345``)
``name`` / ``forename``    ``subject.family_name`` / ``subject.given_names``
``date_of_birth``          ``subject.date_of_birth`` (``YYYY/MM/DD``, ``YYYY/MM`` or ``YYYY``)
``sex_id``                 ``subject.sex`` (M/F/U; absent in list entries: U)
``nationalities``          ``subject.nationalities``
``country_of_birth_id``    ``subject.country_of_birth``
``place_of_birth``         ``subject.place_of_birth``
``height`` ... ``*_id``    ``subject.physical_description`` (0 means "not given")
``arrest_warrants[]``      ``judicial.charges`` (offence = translation or charge; the original
                           kept in ``offence_original`` when translated); the first ISO
                           ``issuing_country_id`` is the requesting country
=========================  ===============================================================

``languages_spoken_ids`` has no place in the contract (listed in ``InterpolRecord.dropped``). INTERPOL's
non-ISO country codes 914 and 922 become "not given". Former codes (ISO 3166-3: ``YU``, ``SU``, ``CS``,
``DD``...) are kept as nationalities and country of birth; a former country requests nothing, so a
warrant it issued does not name the requesting country. Charges are kept up to ``CHARGE_MAX``
characters (INTERPOL publishes up to about 800).

What INTERPOL wrote is also kept, as written, in ``InterpolRecord.document`` (the detail fields, ``null``
and ``0`` as they were, every warrant, ``languages_spoken_ids``, and ``_embedded.links`` to related
notices): the public API serves it back unchanged wherever the notice still says the same thing.

A list entry has no warrants, so its requesting country is unknown unless the list was queried with
``arrestWarrantCountryId`` (then that country is used). Otherwise the entry is rejected, saying why:
in rednotice the requesting country is who the notice belongs to (which NCB may amend, suspend or
withdraw it, which compliance rules apply to the request, what ``arrestWarrantCountryId`` finds), and a
list entry carries neither it nor any charge. Its detail response (``/notices/v1/red/{noticeID}``)
carries both; rednotice does not guess who asked for a notice.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rednotice.adapters.countries import former, is_country
from rednotice.adapters.formats.reasons import reason_of
from rednotice.adapters.formats.request_json import CHARGE_MAX, parse_request
from rednotice.domain.errors import N_, InvalidInput, Text
from rednotice.domain.model import NoticeRequest

ENTITY_ID = re.compile(r"^\d{4}/\d{1,20}$")
"""YYYY/NNNNN; at most 25 characters, so that every id the reader accepts fits the store's column."""
DATE_OF_BIRTH = re.compile(r"^\d{4}(/\d{2}(/\d{2})?)?$")
SEXES = frozenset({"M", "F", "U"})
NON_ISO_COUNTRIES = frozenset({"914", "922"})
"""Codes INTERPOL uses for entities that are not ISO 3166 countries; read as "not given"."""
SUFFIXES = (".json", ".jsonl")
DROPPED_FIELDS = ("languages_spoken_ids",)
DETAIL_FIELDS = (
    "arrest_warrants",
    "weight",
    "forename",
    "date_of_birth",
    "entity_id",
    "languages_spoken_ids",
    "nationalities",
    "height",
    "sex_id",
    "country_of_birth_id",
    "name",
    "distinguishing_marks",
    "eyes_colors_id",
    "hairs_id",
    "place_of_birth",
)
"""INTERPOL's detail fields, in its order (kept as written in ``InterpolRecord.document``)."""
MAX_LINKS = 200
"""At most this many related-notice links are kept for one notice (INTERPOL shows a handful)."""
MAX_DOCUMENT = 200_000
"""A notice whose JSON is longer than this (characters) is refused rather than kept."""
CRAWLER_FIELDS = (
    "entity_id",
    "name",
    "forename",
    "nationalities",
    "country_of_birth_id",
    "sex_id",
    "place_of_birth",
    "distinguishing_marks",
    "hairs_id",
    "eyes_colors_id",
    "height",
    "weight",
    "date_of_birth",
    "arrest_warrants",
)
"""The detail fields OpenSanctions' INTERPOL crawler reads (``arrest_warrants``: each warrant's
``issuing_country_id``, ``charge`` and ``charge_translation``)."""
WARRANT_FIELDS = ("issuing_country_id", "charge", "charge_translation")


@dataclass(frozen=True, slots=True)
class Source:
    """Where a record was read: the file, and its line (JSON Lines) and/or position (arrays, lists)."""

    file: str
    line: int | None = None
    index: int | None = None

    def __str__(self) -> str:
        return str(self.words())

    def words(self) -> Text:
        """Where, as a Text (English as a string, the reader's words in ``label()``)."""
        if self.line is not None and self.index is not None:
            return Text(
                N_("%(file)s, line %(line)s, item %(index)s"),
                file=self.file,
                line=self.line,
                index=self.index,
            )
        if self.line is not None:
            return Text(N_("%(file)s, line %(line)s"), file=self.file, line=self.line)
        if self.index is not None:
            return Text(N_("%(file)s, item %(index)s"), file=self.file, index=self.index)
        return Text("%(file)s", file=self.file)

    def at(self, index: int) -> Source:
        return Source(self.file, self.line, index)


@dataclass(frozen=True, slots=True)
class InterpolRecord:
    source: Source
    entity_id: str
    request: NoticeRequest
    detail: bool
    """True for a detail response; False for a list entry (which carries far less)."""
    dropped: tuple[str, ...] = ()
    """API fields that were present but have no place in rednotice's model."""
    document: dict[str, Any] = field(default_factory=dict)
    """What INTERPOL wrote, as written: the detail fields present (``DETAIL_FIELDS``) and
    ``_embedded.links``; served back by the public API (services/public.py)."""


@dataclass(frozen=True, slots=True)
class Rejected:
    source: Source
    entity_id: str | None
    reason: str
    """An ``errors.Text``: English as a string, the reader's words in ``label()``."""
    whole_file: bool = False
    """True when the file itself could not be read (not one record among others)."""

    def __str__(self) -> str:
        return f"{self.source}{' [' + self.entity_id + ']' if self.entity_id else ''}: {self.reason}"

    def label(self) -> str:
        """Where, which record and why, in the reader's language (the errors' translator)."""
        reason = self.reason.label() if isinstance(self.reason, Text) else self.reason
        record = f" [{self.entity_id}]" if self.entity_id else ""
        return f"{self.source.words().label()}{record}: {reason}"


Parsed = InterpolRecord | Rejected


@dataclass(slots=True)
class _Context:
    source: Source
    query_country: str | None = None


@dataclass(slots=True)
class ReadResult:
    """Everything read from a path, in file order."""

    files: list[str] = field(default_factory=list)
    items: list[Parsed] = field(default_factory=list)

    @property
    def records(self) -> list[InterpolRecord]:
        return [i for i in self.items if isinstance(i, InterpolRecord)]

    @property
    def rejected(self) -> list[Rejected]:
        return [i for i in self.items if isinstance(i, Rejected)]

    @property
    def readable(self) -> bool:
        """At least one notice (good or bad) was found, rather than only unreadable files."""
        return any(not (isinstance(i, Rejected) and i.whole_file) for i in self.items)


# -- reading files


def files_under(path: Path) -> list[Path]:
    """The JSON and JSON Lines files at ``path`` (a file, or a folder searched recursively), sorted."""
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)


def read_path(path: Path) -> ReadResult:
    """Read a file or a folder. Raise InvalidInput only if ``path`` does not exist."""
    if not path.exists():
        raise InvalidInput("no such file or folder: %(path)s", path=str(path))
    result = ReadResult()
    for file in files_under(path):
        name = str(file)
        result.files.append(name)
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            unreadable = Text(N_("cannot read the file: %(reason)s"), reason=str(exc))
            result.items.append(Rejected(Source(name), None, unreadable, whole_file=True))
            continue
        result.items.extend(read_text(text, name, lines=file.suffix.lower() == ".jsonl"))
    return result


TOO_DEEP = Text(N_("skipped: the JSON is nested too deeply to read (no notice nests more than a few levels)"))


def read_text(text: str, name: str = "<input>", lines: bool = False) -> Iterator[Parsed]:
    """Read one document: a single JSON value, or JSON Lines (``lines``, or when the whole does not parse)."""
    if not text.strip():
        yield Rejected(Source(name), None, Text(N_("the file is empty")), whole_file=True)
        return
    if not lines:
        try:
            data = json.loads(text)
        except RecursionError:  # issue 14, item 13: one such file stopped a whole folder import
            yield Rejected(Source(name), None, TOO_DEEP, whole_file=True)
            return
        except json.JSONDecodeError as whole_error:
            if text.count("\n") < 1 or not _looks_like_json_lines(text):
                malformed = Text(N_("malformed JSON: %(reason)s"), reason=str(whole_error))
                yield Rejected(Source(name), None, malformed, whole_file=True)
                return
        else:
            yield from _value(data, _Context(Source(name)), top=True)
            return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        source = Source(name, line=number)
        try:
            data = json.loads(line)
        except RecursionError:
            yield Rejected(source, _entity_id_in(line), TOO_DEEP)
            continue
        except json.JSONDecodeError as exc:
            malformed = Text(
                N_("malformed JSON: %(reason)s (column %(column)s)"), reason=exc.msg, column=exc.colno
            )
            yield Rejected(source, _entity_id_in(line), malformed)
            continue
        yield from _value(data, _Context(source), top=True)


def _looks_like_json_lines(text: str) -> bool:
    """At least one line parses on its own as a JSON object: then treat the file as JSON Lines."""
    for line in text.splitlines():
        try:
            if isinstance(json.loads(line), dict):
                return True
        except (json.JSONDecodeError, RecursionError):
            continue
    return False


_ENTITY_IN_TEXT = re.compile(r'"entity_id"\s*:\s*"([^"]{1,40})"')


def _entity_id_in(text: str) -> str | None:
    """Best effort, to name a record whose JSON is broken."""
    m = _ENTITY_IN_TEXT.search(text)
    return m.group(1) if m else None


def _value(data: Any, ctx: _Context, top: bool = False) -> Iterator[Parsed]:
    if isinstance(data, list):
        for i, item in enumerate(data):
            yield from _value(item, _Context(ctx.source.at(i), ctx.query_country))
        return
    if not isinstance(data, dict):
        yield Rejected(
            ctx.source,
            None,
            Text(N_("expected a JSON object, found %(type)s"), type=type(data).__name__),
            whole_file=top and ctx.source.line is None,
        )
        return
    embedded = data.get("_embedded")
    if isinstance(embedded, dict) and isinstance(embedded.get("notices"), list):
        yield from _list_response(data, embedded["notices"], ctx)
        return
    if "entity_id" in data:
        yield to_record(data, ctx.source, ctx.query_country)
        return
    yield Rejected(
        ctx.source,
        None,
        Text(N_("not an INTERPOL notice: no entity_id, and not a list response with _embedded.notices")),
        whole_file=top and ctx.source.line is None,
    )


def _list_response(data: dict[str, Any], notices: list[Any], ctx: _Context) -> Iterator[Parsed]:
    query = data.get("query") if isinstance(data.get("query"), dict) else {}
    assert isinstance(query, dict)
    country = query.get("arrestWarrantCountryId")
    query_country = (
        country.strip().upper() if isinstance(country, str) and is_country(country.strip().upper()) else None
    )
    for i, item in enumerate(notices):
        yield from _value(item, _Context(ctx.source.at(i), query_country))


# -- one record


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise ValueError(Text(N_("expected text, found %(type)s"), type=type(value).__name__))


def _list(value: Any, what: str) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, list):
        return value
    raise ValueError(
        Text(N_("%(field)s should be a list, found %(type)s"), field=what, type=type(value).__name__)
    )


def _country(value: Any, what: str, former_codes: bool = True) -> str | None:
    """An ISO-2 code (or, with ``former_codes``, a withdrawn ISO 3166-3 one such as YU), None for INTERPOL's
    non-ISO 914/922 or an empty value; ValueError otherwise."""
    code = _text(value).upper()
    if not code or code in NON_ISO_COUNTRIES:
        return None
    if former_codes and code in former():
        return code
    if not is_country(code):
        raise ValueError(
            Text(
                N_("%(field)s %(code)s is not an ISO 3166-1 alpha-2 country code"),
                field=what,
                code=repr(code),
            )
        )
    return code


def _number(value: Any, what: str) -> float | None:
    """INTERPOL sends 0 (or nothing) when it does not know a height or weight."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(Text(N_("%(field)s should be a number"), field=what))
    try:
        number = float(value)
    except ValueError as exc:
        raise ValueError(
            Text(N_("%(field)s %(value)s is not a number"), field=what, value=repr(value))
        ) from exc
    return number or None


def _codes(value: Any, what: str) -> list[str]:
    return [c for c in (_text(v).upper() for v in _list(value, what)) if c]


def to_record(data: dict[str, Any], source: Source, query_country: str | None = None) -> Parsed:
    """Check one detail response or list entry and map it to a notice request."""
    raw_id = data.get("entity_id")
    entity_id = raw_id.strip() if isinstance(raw_id, str) else None
    try:
        request, detail = _to_request(data, query_country)
    except (ValueError, InvalidInput) as exc:
        return Rejected(source, entity_id if entity_id else None, reason_of(exc))
    assert entity_id is not None
    dropped = tuple(f for f in DROPPED_FIELDS if data.get(f))
    try:
        document = _document(data)
    except ValueError as exc:
        return Rejected(source, entity_id, reason_of(exc))
    return InterpolRecord(source, entity_id, request, detail, dropped, document)


def _document(data: dict[str, Any]) -> dict[str, Any]:
    """The detail fields INTERPOL wrote, as written, and its ``_embedded.links``."""
    document = {k: data[k] for k in DETAIL_FIELDS if k in data}
    embedded = data.get("_embedded")
    links = embedded.get("links") if isinstance(embedded, dict) else None
    if links is not None:
        if not isinstance(links, list) or not all(isinstance(link, dict) for link in links):
            raise ValueError(Text(N_("_embedded.links should be a list of objects")))
        if len(links) > MAX_LINKS:
            raise ValueError(
                Text(
                    N_("_embedded.links has %(count)s links; at most %(limit)s are kept"),
                    count=len(links),
                    limit=MAX_LINKS,
                )
            )
        document["_embedded"] = {"links": links}
    if len(json.dumps(document, ensure_ascii=False)) > MAX_DOCUMENT:
        raise ValueError(
            Text(N_("the notice is longer than %(limit)s characters of JSON"), limit=f"{MAX_DOCUMENT:,}")
        )
    return document


def _to_request(data: dict[str, Any], query_country: str | None) -> tuple[NoticeRequest, bool]:
    entity_id = data.get("entity_id")
    if not isinstance(entity_id, str) or not ENTITY_ID.match(entity_id.strip()):
        raise ValueError(Text(N_("entity_id %(id)s does not match YYYY/NNNNN"), id=repr(entity_id)))
    self_link = _text(((data.get("_links") or {}).get("self") or {}).get("href"))
    if self_link and "/notices/v1/red" not in self_link:
        raise ValueError(Text(N_("not a red notice (its link is %(link)s)"), link=self_link))

    family_name, given_names = _text(data.get("name")), _text(data.get("forename"))
    if not family_name:
        raise ValueError(Text(N_("the notice has no name (family name)")))

    dob = _text(data.get("date_of_birth"))
    if dob and not DATE_OF_BIRTH.match(dob):
        raise ValueError(
            Text(N_("date_of_birth %(value)s is not YYYY/MM/DD, YYYY/MM or YYYY"), value=repr(dob))
        )

    sex = data.get("sex_id")
    sex_code = "U" if sex is None or sex == "" else _text(sex).upper()
    if sex_code not in SEXES:
        raise ValueError(Text(N_("sex_id %(value)s is not M, F or U"), value=repr(sex)))

    nationalities = [
        c
        for c in (_country(v, "nationality") for v in _list(data.get("nationalities"), "nationalities"))
        if c
    ]
    country_of_birth = _country(data.get("country_of_birth_id"), "country_of_birth_id")

    detail = "arrest_warrants" in data or "sex_id" in data
    charges: list[dict[str, Any]] = []
    issuing: list[str] = []
    for i, warrant in enumerate(_list(data.get("arrest_warrants"), "arrest_warrants")):
        if not isinstance(warrant, dict):
            raise ValueError(Text(N_("arrest_warrants[%(index)s] should be an object"), index=i))
        country = _country(warrant.get("issuing_country_id"), f"arrest_warrants[{i}].issuing_country_id")
        if country and is_country(country):  # a former country (YU) requests nothing
            issuing.append(country)
        charge, translation = _text(warrant.get("charge")), _text(warrant.get("charge_translation"))
        for what, text in (("charge", charge), ("charge_translation", translation)):
            if len(text) > CHARGE_MAX:
                raise ValueError(
                    Text(
                        N_(
                            "arrest_warrants[%(index)s].%(field)s is %(length)s characters long; at most "
                            "%(limit)s are kept (INTERPOL's longest are about 800)"
                        ),
                        index=i,
                        field=what,
                        length=f"{len(text):,}",
                        limit=f"{CHARGE_MAX:,}",
                    )
                )
        if charge or translation:
            charges.append(
                {"offence": translation or charge, "offence_original": charge if translation else ""}
            )
    requesting = issuing[0] if issuing else query_country
    if requesting is None:
        if detail:
            raise ValueError(
                Text(
                    N_("no arrest warrant names an ISO issuing country, so the requesting country is unknown")
                )
            )
        raise ValueError(
            Text(
                N_(
                    "a list entry has no arrest warrants, so it names no requesting country, and rednotice "
                    "does not guess who a notice belongs to: import its detail response "
                    "(/notices/v1/red/{noticeID}), or a list queried with arrestWarrantCountryId"
                )
            )
        )

    physical = {
        "height_m": _number(data.get("height"), "height"),
        "weight_kg": _number(data.get("weight"), "weight"),
        "eye_colours": _codes(data.get("eyes_colors_id"), "eyes_colors_id"),
        "hair_colours": _codes(data.get("hairs_id"), "hairs_id"),
        "distinguishing_marks": _text(data.get("distinguishing_marks")),
    }
    has_physical = any(v for v in physical.values())

    contract = {
        "type": "red_notice",
        "requesting_country": requesting,
        "subject": {
            "family_name": family_name,
            "given_names": given_names,
            "sex": sex_code,
            "date_of_birth": dob or None,
            "place_of_birth": _text(data.get("place_of_birth")),
            "country_of_birth": country_of_birth,
            "nationalities": nationalities,
            "physical_description": physical if has_physical else None,
        },
        "judicial": {"charges": charges},
        "visibility": {"public_extract": True},
    }
    return parse_request(contract), detail


# -- comparing what was served with what INTERPOL published (round trips, figures)


def crawler_view(document: dict[str, Any]) -> dict[str, Any]:
    """The fields OpenSanctions' crawler reads from a detail response, as written (a missing key is
    ``"<absent>"``, so that an absent field never equals a ``null`` one)."""
    out: dict[str, Any] = {}
    for key in CRAWLER_FIELDS:
        value = document.get(key, "<absent>")
        if key == "arrest_warrants" and isinstance(value, list):
            value = [
                {k: w.get(k, "<absent>") for k in WARRANT_FIELDS} if isinstance(w, dict) else w for w in value
            ]
        out[key] = value
    return out


def same_json(a: Any, b: Any) -> bool:
    """Equal as JSON values *and* types: ``74`` is not ``74.0`` (a crawler formats them differently),
    ``null`` is not ``[]`` nor ``0``."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return type(a) is type(b) and a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_json(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_json(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


def compare_served(published: dict[str, Any], served: dict[str, Any]) -> dict[str, bool]:
    """For each crawler field: is the served value identical (value and JSON type) to INTERPOL's?"""
    mine, theirs = crawler_view(served), crawler_view(published)
    return {key: same_json(mine[key], theirs[key]) for key in CRAWLER_FIELDS}
