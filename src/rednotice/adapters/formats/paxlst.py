"""UN/EDIFACT PAXLST passenger manifests at the edge: one :class:`ScreeningQuery` per passenger.

Segments are read directly (pydifact's ``get_messages()`` fails on ``UNG``/``UNE`` groups). The
structure follows the UN/EDIFACT D02B/D05B PAXLST message as profiled by the WCO/IATA/ICAO API
guidelines and the US CBP APIS implementation guide::

    UNA:+.? '                                 service string advice (optional; custom separators honoured)
    UNB+UNOA:4+SENDER+RECIPIENT+date:time+ref'  interchange header
    UNG+PAXLST+...+group ref+UN+D:02B'        functional group (optional)
    UNH+msg ref+PAXLST:D:02B:UN:IATA+...'     message header
    BGM+745'                                  745 passenger list, 250 crew list
    NAD+MS / COM                              reporting party (ignored)
    TDT+20+UA123'  LOC+125 / DTM+189  LOC+87 / DTM+232     flight, departure, arrival
    NAD+FL+++FAMILY:GIVEN:MIDDLE'             one traveller (FL passenger, FM crew, DDT/DDU in transit)
      ATT+2++M'  DTM+329:YYMMDD'  LOC+22/178/179/174/180'  NAT+2+CAN'  RFF+AVF:...'
      DOC+P:110:111+number'  DTM+36:YYMMDD'  LOC+91+CAN'    documents (expiry, issuing country)
    CNT+42:n'                                 number of passengers
    UNT+segments+msg ref'  UNE+messages+group ref'  UNZ+messages or groups+ref'

The release character (default ``?``) escapes separators (``O?'BRIEN``). CR and LF are not data and
are dropped anywhere (files are often wrapped at 80 characters).

All or nothing: a message whose ``UNT`` count or reference is wrong, that is truncated, that has no
``UNH`` or ``UNT``, or that names a passenger without a name, yields an error and no passenger.
An envelope that does not add up (``UNE``/``UNZ`` counts or references, a missing ``UNZ``) withholds
every message it encloses: a manifest that may be missing a message is never screened as if it were
whole. Doubtful details that do not stop screening (an unknown nationality code, an impossible
birth date, a ``CNT`` total that disagrees) become warnings and the field is left empty.

Each passenger's ``id`` is ``<UNH reference>-<n>``, ``n`` counting travellers from 1 in the message:
stable across readings of the same manifest. Birth dates use the MRZ century rule (never in the
future relative to ``today``), as do ``YYMMDD`` expiry dates (see :mod:`.mrz`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from rednotice.adapters.formats.mrz import birth_date_from_yymmdd, expiry_from_yymmdd, icao_to_alpha2
from rednotice.domain.dates import PartialDate
from rednotice.domain.errors import InvalidInput
from rednotice.domain.model import Sex
from rednotice.domain.screening.query import DocumentInfo, ScreeningQuery

__all__ = [
    "BrokenManifest",
    "PaxlstProblem",
    "PaxlstResult",
    "Segment",
    "Separators",
    "read_paxlst",
    "segments",
]

TRAVELLER_ROLES = {
    "FL": "passenger",
    "FM": "crew",
    "DDT": "passenger in transit",
    "DDU": "crew in transit",
    "COT": "crew off duty",
}
_LOC_EXTRA = {
    "22": "clearance",
    "174": "residence_country",
    "178": "embarkation",
    "179": "debarkation",
    "180": "birth_place",
}
_RFF_EXTRA = {"AVF": "reservation", "ABO": "passenger_reference", "SEA": "seat", "CR": "customer_reference"}


@dataclass(frozen=True, slots=True)
class Separators:
    component: str = ":"
    element: str = "+"
    decimal: str = "."
    release: str = "?"
    repetition: str = " "
    segment: str = "'"

    @classmethod
    def from_una(cls, una: str) -> Separators:
        """``una`` is the whole ``UNA`` segment: ``UNA`` and six characters."""
        comp, elem, dec, rel, rep, seg = tuple(una[3:9])
        seps = cls(comp, elem, dec, rel, rep, seg)
        used = [comp, elem, seg] + ([rel] if rel != " " else [])
        if len(set(used)) != len(used) or any(ch.isalnum() for ch in used):
            raise InvalidInput(f"UNA {una!r}: separators must be distinct punctuation", field="UNA")
        return seps


@dataclass(frozen=True, slots=True)
class Segment:
    """One segment: its tag, its data elements (each a tuple of components), where it started."""

    tag: str
    elements: tuple[tuple[str, ...], ...]
    line: int
    number: int
    """1-based position in the interchange (UNA not counted)."""

    def el(self, position: int, component: int = 0) -> str:
        """Data element ``position`` (1 = the first after the tag), component ``component``; '' if absent."""
        if position < 1 or position > len(self.elements):
            return ""
        comps = self.elements[position - 1]
        return comps[component].strip() if component < len(comps) else ""

    def components(self, position: int) -> tuple[str, ...]:
        if position < 1 or position > len(self.elements):
            return ()
        return tuple(c.strip() for c in self.elements[position - 1])


@dataclass(frozen=True, slots=True)
class PaxlstProblem:
    """Why something was refused or doubted. ``line`` is where the segment starts (1-based)."""

    line: int
    reason: str
    message: str = ""
    """The UNH reference of the message concerned ('' for the envelope)."""
    segment: str = ""


@dataclass(slots=True)
class PaxlstResult:
    queries: list[ScreeningQuery] = field(default_factory=list)
    errors: list[PaxlstProblem] = field(default_factory=list)
    warnings: list[PaxlstProblem] = field(default_factory=list)


class BrokenManifest(InvalidInput):
    """The interchange cannot be read as a whole (raised by :func:`segments`)."""

    def __init__(self, line: int, reason: str, segment: str = "") -> None:
        super().__init__(reason, line=line, segment=segment)
        self.line = line
        self.reason = reason
        self.segment = segment


# --- tokenising ------------------------------------------------------------------------------------


def segments(text: str) -> tuple[Separators, list[Segment]]:
    """Split an interchange into segments, honouring ``UNA`` and the release character.

    Raises :class:`BrokenManifest` for garbage or data that ends inside a segment (truncation).
    """
    stripped = text.lstrip("\ufeff \t\r\n")
    line = 1 + text[: len(text) - len(stripped)].count("\n")
    text = stripped
    seps = Separators()
    pos = 0
    if text.startswith("UNA"):
        if len(text) < 9:
            raise BrokenManifest(1, "the UNA service string advice is cut short", "UNA")
        seps = Separators.from_una(text[:9])
        pos = 9
    drop = {"\r", "\n"} - {seps.segment}
    release = seps.release if seps.release != " " else ""
    out: list[Segment] = []
    comp: list[str] = []
    elem: list[str] = []
    elems: list[tuple[str, ...]] = []
    seg_line = line
    started = False
    escaped = False
    for ch in text[pos:]:
        if ch == "\n":
            line += 1
        if ch in drop:
            continue
        if escaped:
            comp.append(ch)
            escaped = False
            continue
        if not started:
            if ch.isspace():
                continue
            started = True
            seg_line = line
        if ch == release:
            escaped = True
        elif ch == seps.segment:
            elem.append("".join(comp))
            elems.append(tuple(elem))
            out.append(_segment(elems, seg_line, len(out) + 1))
            comp, elem, elems, started = [], [], [], False
        elif ch == seps.element:
            elem.append("".join(comp))
            elems.append(tuple(elem))
            comp, elem = [], []
        elif ch == seps.component:
            elem.append("".join(comp))
            comp = []
        else:
            comp.append(ch)
    if started or escaped:
        elem.append("".join(comp))
        elems.append(tuple(elem))
        tag = elems[0][0].strip() if elems[0] else ""
        if len(elems) > 1 or len(tag) >= 3 or not (tag.isalnum() and tag.isupper()):
            tag = _segment(elems, seg_line, len(out) + 1).tag  # a garbage tail says so first
        raise BrokenManifest(seg_line, f"the data ends inside segment {tag}: the manifest is truncated", tag)
    return seps, out


def _segment(elems: list[tuple[str, ...]], line: int, number: int) -> Segment:
    tag = elems[0][0].strip() if elems and elems[0] else ""
    if len(tag) != 3 or not tag.isalnum() or not tag.isupper():
        raise BrokenManifest(line, f"segment {number}: {tag[:20]!r} is not a segment tag", tag[:20])
    return Segment(tag, tuple(elems[1:]), line, number)


# --- envelope --------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Message:
    ref: str
    start: Segment
    body: list[Segment] = field(default_factory=list)
    error: BrokenManifest | None = None


@dataclass(slots=True)
class _Group:
    start: Segment | None
    messages: list[_Message] = field(default_factory=list)
    error: BrokenManifest | None = None


def _count(seg: Segment, position: int) -> int | None:
    value = seg.el(position)
    return int(value) if value.isdigit() else None


def _envelope(segs: list[Segment]) -> tuple[list[_Group], BrokenManifest | None]:
    """Split segments into groups of messages, checking counts and references. Returns the groups and
    the interchange-level error, if any (which withholds everything)."""
    if not segs or segs[0].tag != "UNB":
        first = segs[0] if segs else None
        return [], BrokenManifest(
            first.line if first else 1,
            "a PAXLST interchange starts with UNB (after an optional UNA)"
            + (f", not {first.tag}" if first else ": the input is empty"),
            first.tag if first else "",
        )
    unb = segs[0]
    groups: list[_Group] = []
    implicit = _Group(None)
    group: _Group | None = None
    msg: _Message | None = None
    unz: Segment | None = None
    interchange_error: BrokenManifest | None = None

    def close_message(reason: str, at: Segment) -> None:
        nonlocal msg
        if msg is not None:
            msg.error = BrokenManifest(
                msg.start.line, f"message {msg.ref!r}: {reason} (line {at.line})", "UNH"
            )
            msg = None

    for seg in segs[1:]:
        if unz is not None:
            interchange_error = interchange_error or BrokenManifest(
                seg.line, f"segment {seg.tag} after UNZ: one interchange per input", seg.tag
            )
            break
        if seg.tag == "UNH":
            close_message("not closed by UNT before the next UNH", seg)
            msg = _Message(seg.el(1), seg)
            (group or implicit).messages.append(msg)
        elif seg.tag == "UNT":
            if msg is None:
                (group or implicit).error = (group or implicit).error or BrokenManifest(
                    seg.line, "UNT without UNH: a message header is missing", "UNT"
                )
                continue
            count = _count(seg, 1)
            actual = len(msg.body) + 2
            if seg.el(2) != msg.ref:
                msg.error = BrokenManifest(
                    seg.line,
                    f"message {msg.ref!r}: UNT reference {seg.el(2)!r} does not match UNH {msg.ref!r}",
                    "UNT",
                )
            elif count != actual:
                msg.error = BrokenManifest(
                    seg.line,
                    f"message {msg.ref!r}: UNT says {seg.el(1)!r} segments but the message has {actual} "
                    "(UNH to UNT): segments are missing or extra",
                    "UNT",
                )
            msg = None
        elif msg is not None and seg.tag not in ("UNG", "UNE", "UNZ", "UNB"):
            msg.body.append(seg)
        elif seg.tag == "UNG":
            close_message("not closed by UNT before UNG", seg)
            if group is not None:
                group.error = group.error or BrokenManifest(
                    group.start.line if group.start else seg.line, "functional group not closed by UNE", "UNG"
                )
            group = _Group(seg)
            groups.append(group)
        elif seg.tag == "UNE":
            close_message("not closed by UNT before UNE", seg)
            if group is None or group.start is None:
                interchange_error = interchange_error or BrokenManifest(seg.line, "UNE without UNG", "UNE")
                continue
            count = _count(seg, 1)
            if seg.el(2) != group.start.el(5):
                group.error = group.error or BrokenManifest(
                    seg.line, f"UNE reference {seg.el(2)!r} does not match UNG {group.start.el(5)!r}", "UNE"
                )
            elif count != len(group.messages):
                group.error = group.error or BrokenManifest(
                    seg.line,
                    f"UNE says {seg.el(1)!r} messages but the group has {len(group.messages)}: "
                    "a message is missing or extra",
                    "UNE",
                )
            group = None
        elif seg.tag == "UNZ":
            close_message("not closed by UNT before UNZ", seg)
            if group is not None:
                group.error = group.error or BrokenManifest(
                    seg.line, "functional group not closed by UNE", "UNG"
                )
                group = None
            unz = seg
        elif seg.tag == "UNB":
            interchange_error = interchange_error or BrokenManifest(
                seg.line, "a second UNB inside the interchange", "UNB"
            )
        else:
            interchange_error = interchange_error or BrokenManifest(
                seg.line, f"segment {seg.tag} outside any message (no UNH before it)", seg.tag
            )
    if msg is not None:
        close_message("not closed by UNT: the message is truncated", segs[-1])
    if group is not None:
        group.error = group.error or BrokenManifest(
            segs[-1].line, "functional group not closed by UNE", "UNG"
        )
    if implicit.messages or implicit.error:
        groups.insert(0, implicit)
    explicit = [g for g in groups if g.start is not None]
    if unz is None:
        interchange_error = interchange_error or BrokenManifest(
            segs[-1].line, "no UNZ: the interchange is truncated", "UNZ"
        )
    else:
        units = len(explicit) if explicit else len(implicit.messages)
        if explicit and implicit.messages:
            interchange_error = interchange_error or BrokenManifest(
                implicit.messages[0].start.line, "messages both inside and outside functional groups", "UNH"
            )
        elif unz.el(2) != unb.el(5):
            interchange_error = interchange_error or BrokenManifest(
                unz.line, f"UNZ reference {unz.el(2)!r} does not match UNB {unb.el(5)!r}", "UNZ"
            )
        elif _count(unz, 1) != units:
            what = "functional groups" if explicit else "messages"
            interchange_error = interchange_error or BrokenManifest(
                unz.line,
                f"UNZ says {unz.el(1)!r} {what} but the interchange has {units}: part of it is missing",
                "UNZ",
            )
    return groups, interchange_error


# --- messages --------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Document:
    kind: str
    number: str
    country: str | None = None
    country_code: str = ""
    expiry: PartialDate | None = None


@dataclass(slots=True)
class _Traveller:
    nad: Segment
    family: str = ""
    given: str = ""
    name: str = ""
    birth: PartialDate | None = None
    sex: Sex | None = None
    nationality: str | None = None
    nationality_code: str = ""
    docs: list[_Document] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)


def _date(seg: Segment, today: date, birth: bool) -> PartialDate | None:
    """DTM value as a date: format 102 = CCYYMMDD, 101 = YYMMDD (201/203 = the same with a time).
    Without a format code the length decides. A two-digit year takes the MRZ century rule."""
    value, fmt = seg.el(1, 1), seg.el(1, 2)
    four_digit_year = fmt in ("102", "203") or (not fmt and len(value) == 8)
    yymmdd = value[2:8] if four_digit_year else value[:6]
    if len(yymmdd) != 6:
        raise ValueError(f"{value!r} is not a date")
    read = birth_date_from_yymmdd(yymmdd, today) if birth else expiry_from_yymmdd(yymmdd, today)
    if read is not None and four_digit_year:
        if not value[:4].isdigit():
            raise ValueError(f"{value!r} is not a date")
        return PartialDate(int(value[:4]), read.month, read.day)
    return read


def _travellers(msg: _Message, today: date, warn: list[PaxlstProblem]) -> list[_Traveller]:
    """One reading pass over the message body: the flight context, then one traveller per NAD."""
    kind = msg.start.el(2)
    if kind != "PAXLST":
        raise BrokenManifest(
            msg.start.line, f"message {msg.ref!r} is a {kind or 'untyped'} message, not PAXLST", "UNH"
        )
    context: dict[str, str] = {}
    last_loc = ""
    current: _Traveller | None = None
    people: list[_Traveller] = []
    cnt: Segment | None = None

    def warning(seg: Segment, reason: str) -> None:
        warn.append(PaxlstProblem(seg.line, reason, msg.ref, seg.tag))

    for seg in msg.body:
        tag, qualifier = seg.tag, seg.el(1)
        if tag == "NAD" and qualifier in TRAVELLER_ROLES:
            current = _Traveller(seg, extra={"role": TRAVELLER_ROLES[qualifier]})
            people.append(current)
            names = [n for n in seg.components(4) if n]
            if names and seg.el(4):
                current.family, current.given = names[0], " ".join(names[1:])
            elif names:
                current.given = " ".join(names)
            elif any(seg.components(3)):
                current.name = " ".join(n for n in seg.components(3) if n)
        elif tag == "CNT":
            cnt = seg if qualifier == "42" else cnt
            current = None
        elif current is None:
            _header_segment(seg, context, last_loc)
            last_loc = qualifier if tag == "LOC" else last_loc
        else:
            _traveller_segment(seg, current, today, warning)

    if cnt is not None and cnt.el(1, 1).isdigit() and int(cnt.el(1, 1)) != len(people):
        warning(cnt, f"CNT+42 says {cnt.el(1, 1)} travellers but the message lists {len(people)}")
    for n, person in enumerate(people, start=1):
        if not person.family and not person.name:
            raise BrokenManifest(
                person.nad.line,
                f"message {msg.ref!r}: traveller {n} (NAD+{person.nad.el(1)}) has no family name",
                "NAD",
            )
        person.extra.update({k: v for k, v in context.items() if v and k not in person.extra})
    return people


def _header_segment(seg: Segment, context: dict[str, str], last_loc: str) -> None:
    tag, qualifier = seg.tag, seg.el(1)
    if tag == "BGM":
        context["manifest"] = {"745": "passenger list", "250": "crew list"}.get(qualifier, qualifier)
    elif tag == "TDT":
        context["flight"] = seg.el(2)
    elif tag == "LOC" and qualifier == "125":
        context["departure"] = seg.el(2)
    elif tag == "LOC" and qualifier == "87":
        context["arrival"] = seg.el(2)
    elif tag == "DTM" and qualifier == "189" and last_loc == "125":
        context["departure_time"] = seg.el(1, 1)
    elif tag == "DTM" and qualifier == "232" and last_loc == "87":
        context["arrival_time"] = seg.el(1, 1)


def _traveller_segment(
    seg: Segment, person: _Traveller, today: date, warning: Callable[[Segment, str], None]
) -> None:
    tag, qualifier = seg.tag, seg.el(1)
    if tag == "ATT" and qualifier == "2":
        code = seg.el(3).upper()
        sexes = {"M": Sex.MALE, "F": Sex.FEMALE, "U": Sex.UNKNOWN, "X": Sex.UNKNOWN}
        person.sex = sexes.get(code)
        if code not in sexes:
            warning(seg, f"sex code {code!r} is not M, F, U or X: left empty")
    elif tag == "DTM" and (qualifier == "329" or (qualifier == "36" and person.docs)):
        try:
            if qualifier == "329":
                person.birth = _date(seg, today, birth=True)
            else:
                person.docs[-1].expiry = _date(seg, today, birth=False)
        except (ValueError, InvalidInput) as exc:
            reason = exc.message if isinstance(exc, InvalidInput) else str(exc)
            warning(seg, f"DTM+{qualifier}: {reason}; left empty")
    elif tag == "NAT" and qualifier in ("2", ""):
        person.nationality_code = seg.el(2)
        person.nationality = icao_to_alpha2(seg.el(2))
        if person.nationality is None:
            warning(seg, f"nationality {seg.el(2)!r} is not a known country code: left empty")
    elif tag == "DOC":
        person.docs.append(_Document(seg.el(1), seg.el(2)))
    elif tag == "LOC" and qualifier == "91" and person.docs:
        person.docs[-1].country = icao_to_alpha2(seg.el(2))
        person.docs[-1].country_code = seg.el(2)
        if person.docs[-1].country is None:
            warning(seg, f"issuing country {seg.el(2)!r} is not a known country code: left empty")
    elif tag == "LOC" and qualifier in _LOC_EXTRA:
        person.extra[_LOC_EXTRA[qualifier]] = seg.el(2)
    elif tag == "RFF":
        person.extra[_RFF_EXTRA.get(qualifier, f"rff_{qualifier}")] = seg.el(1, 1)


def _query(ref: str, n: int, person: _Traveller) -> ScreeningQuery:
    primary = next((d for d in person.docs if d.kind == "P"), person.docs[0] if person.docs else None)
    extra = {k: v for k, v in person.extra.items() if v}
    extra["message"] = ref
    if person.nationality_code:
        extra["nationality_code"] = person.nationality_code
    document = None
    if primary is not None:
        document = DocumentInfo(primary.kind, primary.number, primary.country, primary.expiry)
        if primary.country_code:
            extra["document_country_code"] = primary.country_code
    others = [f"{d.kind} {d.number}".strip() for d in person.docs if d is not primary]
    if others:
        extra["other_documents"] = "; ".join(others)
    return ScreeningQuery(
        id=f"{ref}-{n}",
        name=person.name,
        family_name=person.family,
        given_names=person.given,
        birth_date=person.birth,
        nationality=person.nationality,
        sex=person.sex,
        document=document,
        source="paxlst",
        extra=extra,
    )


# --- entry point -----------------------------------------------------------------------------------


def read_paxlst(text: str, today: date | None = None) -> PaxlstResult:
    """Read one interchange. Every error names its line; a broken message yields no passenger."""
    today = today or date.today()
    result = PaxlstResult()
    try:
        _, segs = segments(text)
    except BrokenManifest as exc:
        result.errors.append(PaxlstProblem(exc.line, exc.reason, segment=exc.segment))
        return result
    except InvalidInput as exc:
        result.errors.append(PaxlstProblem(1, exc.message, segment="UNA"))
        return result
    groups, interchange_error = _envelope(segs)
    for group in groups:
        if group.error is not None:
            result.errors.append(
                PaxlstProblem(
                    group.error.line,
                    group.error.reason + " — no passenger of this group is returned",
                    segment=group.error.segment,
                )
            )
        for msg in group.messages:
            if msg.error is not None:
                result.errors.append(
                    PaxlstProblem(msg.error.line, msg.error.reason, msg.ref, msg.error.segment)
                )
            if msg.error is not None or group.error is not None or interchange_error is not None:
                continue
            warnings: list[PaxlstProblem] = []
            try:
                people = _travellers(msg, today, warnings)
            except BrokenManifest as exc:
                result.errors.append(PaxlstProblem(exc.line, exc.reason, msg.ref, exc.segment))
                continue
            result.queries.extend(_query(msg.ref, n, p) for n, p in enumerate(people, start=1))
            result.warnings.extend(warnings)
    if interchange_error is not None:
        result.errors.append(
            PaxlstProblem(
                interchange_error.line,
                interchange_error.reason + " — no passenger of this interchange is returned",
                segment=interchange_error.segment,
            )
        )
    result.errors.sort(key=lambda e: e.line)
    return result
