"""UN/EDIFACT PAXLST passenger and crew manifests at the edge: one :class:`ScreeningQuery` per traveller.

Segments are read directly (pydifact's ``get_messages()`` fails on ``UNG``/``UNE`` groups). The
structure follows the UN/EDIFACT D02B/D05B PAXLST message as profiled by the WCO/IATA/ICAO API
guidelines and the US CBP APIS implementation guide::

    UNA:+.? '                                 service string advice (optional; custom separators honoured)
    UNB+UNOA:4+SENDER+RECIPIENT+date:time+ref'  interchange header
    UNG+PAXLST+...+group ref+UN+D:02B'        functional group (optional)
    UNH+msg ref+PAXLST:D:02B:UN:IATA+...'     message header
    BGM+745'                                  745 passenger list, 250 crew list
    NAD+MS / COM                              reporting party (not a traveller)
    TDT+20+UA123'  LOC+125 / DTM+189  LOC+87 / DTM+232     flight, departure, arrival (one TDT per leg;
                                              LOC+92 names the ends of a leg that is not the border crossing)
    NAD+FL+++FAMILY:GIVEN:MIDDLE'             one traveller (see ROLES)
      ATT+2++M'  DTM+329:YYMMDD'  LOC+22/178/179/174/180'  NAT+2+CAN'  RFF+AVF:...'
      DOC+P:110:111+number'  DTM+36:YYMMDD'  LOC+91+CAN'    documents (expiry, issuing country)
    CNT+42:n'  CNT+41:n'                      number of passengers, of crew members
    UNT+segments+msg ref'  UNE+messages+group ref'  UNZ+messages or groups+ref'

The release character (default ``?``) escapes separators (``O?'BRIEN``). CR and LF are not data and
are dropped anywhere (files are often wrapped at 80 characters).

Every traveller who can be read is read (a border system screens everyone it can). What is refused is
only what truly cannot be read, each with its line: a segment that is not a segment (its traveller's
data up to the next NAD is not trusted), data cut off inside a segment (a truncated file), a traveller
without any name, a message that is not a PAXLST. Envelope faults are warnings and withhold nobody:
a ``UNT`` segment count or reference that does not match, a missing ``UNH``, ``UNT``, ``UNE``, ``UNZ``
or ``UNB``, ``UNE``/``UNZ`` counts or references that do not add up, text after ``UNZ``. Airlines
send such messages every day; a warning tells the officer that part of the manifest may be missing.
Doubtful details (an unknown nationality code, an impossible birth date, a ``CNT`` total that
disagrees, a traveller with two birth dates) are warnings too and the field is left empty.

Every NAD other than the reporting party (``MS``) names a person: its role comes from ROLES, the
PAXLST subset of UN/EDIFACT code list 3035 as used by the US CBP APIS and ACE guides and the
WCO/IATA/ICAO API guidelines; a code not in it is still read as a traveller, with a warning.

Each traveller's ``id`` is ``<UNH reference>-<n>``, ``n`` counting travellers from 1 in the message:
stable across readings of the same manifest (a repeated or missing reference is made unique with the
message's line). Birth dates use the MRZ century rule (never in the future relative to ``today``), as
do ``YYMMDD`` expiry dates (see :mod:`.mrz`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from rednotice.adapters.formats.mrz import birth_date_from_yymmdd, expiry_from_yymmdd, icao_to_alpha2
from rednotice.adapters.formats.reasons import as_text, reason_of
from rednotice.domain.dates import PartialDate
from rednotice.domain.errors import N_, InvalidInput, Text
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

ROLES: dict[str, tuple[str, bool]] = {
    "FL": ("passenger", False),
    "DDU": ("passenger in transit", False),
    "FM": ("crew", True),
    "DDT": ("crew in transit", True),
    "COT": ("crew off duty", True),
    "VW": ("driver", True),
}
"""NAD party function code (3035) -> (role, counts as crew for ``CNT+41``). FL/FM/DDU/DDT: WCO/IATA/ICAO
API guidelines and the US CBP APIS guide; VW: the driver of a US CBP ACE truck manifest (D03B)."""
REPORTING_PARTY = "MS"
TRAVELLER_ROLES = {code: role for code, (role, _) in ROLES.items()}
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
            raise InvalidInput(
                "UNA %(una)s: separators must be distinct punctuation", field="UNA", una=repr(una)
            )
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
    """An ``errors.Text``: English as a string, the reader's words in ``label()``."""
    message: str = ""
    """The UNH reference of the message concerned ('' for the envelope)."""
    segment: str = ""
    query_id: str = ""
    """The traveller concerned, as the id of its query ('' when none is)."""


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


@dataclass(slots=True)
class _Tokens:
    seps: Separators
    segs: list[Segment]
    bad: list[PaxlstProblem] = field(default_factory=list)
    """Segments that are not segments (a garbled tag): ``line`` and why. They stay in ``segs`` with the
    tag ``""`` so the reader knows where data was lost."""
    tail: PaxlstProblem | None = None
    """Data after the last segment terminator (a truncated file, or text after ``UNZ``)."""


def segments(text: str) -> tuple[Separators, list[Segment]]:
    """Split an interchange into segments, honouring ``UNA`` and the release character.

    Strict: raises :class:`BrokenManifest` for garbage or data that ends inside a segment (truncation).
    :func:`read_paxlst` uses the tolerant reading instead and reports those as problems.
    """
    tokens = _tokenise(text)
    problem = tokens.bad[0] if tokens.bad else tokens.tail
    if problem is not None:
        raise BrokenManifest(problem.line, problem.reason, problem.segment)
    return tokens.seps, tokens.segs


def _tokenise(text: str) -> _Tokens:
    """Raises InvalidInput only for a broken ``UNA``; everything else is reported in the result."""
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
    tokens = _Tokens(seps, [])
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
            _add_segment(tokens, elems, seg_line)
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
        raw = seps.element.join(seps.component.join(e) for e in elems)
        if _is_tag(tag) and (len(tag) == 3 or len(elems) == 1):  # a tag, or the start of one
            reason = Text(N_("the data ends inside segment %(tag)s: the manifest is truncated"), tag=tag)
        else:
            reason = Text(
                N_("segment %(number)s: %(tag)s is not a segment tag"),
                number=len(tokens.segs) + 1,
                tag=repr(raw[:20]),
            )
        tokens.tail = PaxlstProblem(seg_line, reason, segment=tag[:20] if _is_tag(tag) else raw[:20])
    return tokens


def _is_tag(tag: str) -> bool:
    return 1 <= len(tag) <= 3 and tag.isalnum() and tag.isupper()


def _add_segment(tokens: _Tokens, elems: list[tuple[str, ...]], line: int) -> None:
    tag = elems[0][0].strip() if elems and elems[0] else ""
    number = len(tokens.segs) + 1
    if len(tag) != 3 or not _is_tag(tag):
        reason = Text(
            N_("segment %(number)s: %(tag)s is not a segment tag"), number=number, tag=repr(tag[:20])
        )
        tokens.bad.append(PaxlstProblem(line, reason, segment=tag[:20]))
        tag = ""
    tokens.segs.append(Segment(tag, tuple(elems[1:]), line, number))


# --- envelope --------------------------------------------------------------------------------------

_SERVICE = frozenset({"UNA", "UNB", "UNG", "UNH", "UNT", "UNE", "UNZ"})


@dataclass(slots=True)
class _Message:
    ref: str
    start: Segment | None
    """The UNH, or None when the header is missing (the message is read all the same)."""
    line: int
    body: list[Segment] = field(default_factory=list)


def _count(seg: Segment, position: int) -> int | None:
    value = seg.el(position)
    return int(value) if value.isdigit() else None


def _envelope(segs: list[Segment], warn: list[PaxlstProblem]) -> list[_Message]:
    """Every message of the interchange, however its envelope is broken; envelope faults become warnings.

    ``UNT``, ``UNE`` and ``UNZ`` counts and references are checked (a mismatch may mean a lost segment or
    message, so the officer is told), but a fault never withholds a traveller.
    """
    messages: list[_Message] = []
    msg: _Message | None = None
    unb: Segment | None = None
    unz_seen = False
    group: Segment | None = None
    group_messages = 0
    groups = 0
    loose_messages = 0  # messages outside any functional group
    after_unz_warned = False

    def warning(seg: Segment, reason: Text, ref: str = "") -> None:
        warn.append(PaxlstProblem(seg.line, reason, ref, seg.tag))

    def close(at: Segment | None, why: str) -> None:
        nonlocal msg
        if msg is not None:
            where = (
                Text(N_("line %(line)s"), line=at.line) if at is not None else Text(N_("the end of the data"))
            )
            label = (
                Text(N_("message %(ref)s"), ref=repr(msg.ref))
                if msg.start is not None
                else Text(N_("the message at line %(line)s"), line=msg.line)
            )
            reason = Text(
                N_(
                    "%(message)s is not closed by UNT before %(next)s "
                    "(%(where)s): read as it is; segments may be missing"
                ),
                message=label,
                next=why,
                where=where,
            )
            warn.append(PaxlstProblem(msg.line, reason, msg.ref, "UNT"))
            msg = None

    def check_interchange_end(at: Segment | None) -> None:
        if unb is not None and not unz_seen:
            warn.append(
                PaxlstProblem(
                    at.line if at is not None else (segs[-1].line if segs else 1),
                    Text(
                        N_(
                            "the interchange that starts at line %(line)s has no UNZ: it may be truncated "
                            "(every message found was read)"
                        ),
                        line=unb.line,
                    ),
                    segment="UNZ",
                )
            )

    if segs and segs[0].tag != "UNB":
        warning(
            segs[0],
            Text(
                N_("the interchange does not start with UNB (it starts with %(tag)s)"), tag=segs[0].tag or "?"
            ),
        )
    for seg in segs:
        tag = seg.tag
        if unz_seen and tag != "UNB" and not after_unz_warned:
            after_unz_warned = True
            warning(
                seg,
                Text(
                    N_("segment %(tag)s after UNZ (the end of the interchange): read as well"), tag=tag or "?"
                ),
            )
        if tag == "UNB":
            close(seg, "UNB")
            if unb is not None:
                check_interchange_end(seg)
                warning(seg, Text(N_("a second interchange (UNB) in the same file: read as well")))
            unb, unz_seen, after_unz_warned = seg, False, False
            group, groups, loose_messages = None, 0, 0
        elif tag == "UNG":
            close(seg, "UNG")
            if group is not None:
                warning(group, Text(N_("functional group not closed by UNE before the next UNG")))
            group, group_messages = seg, 0
            groups += 1
        elif tag == "UNH":
            close(seg, Text(N_("the next UNH")))
            msg = _Message(seg.el(1), seg, seg.line)
            messages.append(msg)
            if group is not None:
                group_messages += 1
            else:
                loose_messages += 1
        elif tag == "UNT":
            if msg is None:
                warning(seg, Text(N_("UNT without UNH: a message header is missing")))
                continue
            actual = len(msg.body) + (2 if msg.start is not None else 1)
            if msg.start is None:
                pass  # already warned about the missing UNH
            elif seg.el(2) != msg.ref:
                warning(
                    seg,
                    Text(
                        N_("UNT reference %(ref)s does not match UNH %(header)s"),
                        ref=repr(seg.el(2)),
                        header=repr(msg.ref),
                    ),
                    msg.ref,
                )
            if msg.start is not None and _count(seg, 1) != actual:
                warning(
                    seg,
                    Text(
                        N_(
                            "message %(ref)s: UNT says %(said)s segments but the message has %(actual)s "
                            "(UNH to UNT): segments may be missing or extra"
                        ),
                        ref=repr(msg.ref),
                        said=repr(seg.el(1)),
                        actual=actual,
                    ),
                    msg.ref,
                )
            msg = None
        elif tag == "UNE":
            close(seg, "UNE")
            if group is None:
                warning(seg, Text(N_("UNE without UNG")))
                continue
            if seg.el(2) != group.el(5):
                warning(
                    seg,
                    Text(
                        N_("UNE reference %(ref)s does not match UNG %(group)s"),
                        ref=repr(seg.el(2)),
                        group=repr(group.el(5)),
                    ),
                )
            if _count(seg, 1) != group_messages:
                warning(
                    seg,
                    Text(
                        N_(
                            "UNE says %(said)s messages but the group has "
                            "%(actual)s: a message may be missing"
                        ),
                        said=repr(seg.el(1)),
                        actual=group_messages,
                    ),
                )
            group = None
        elif tag == "UNZ":
            close(seg, "UNZ")
            if group is not None:
                warning(group, Text(N_("functional group not closed by UNE")))
                group = None
            if unb is None:
                warning(seg, Text(N_("UNZ without UNB")))
            else:
                if seg.el(2) != unb.el(5):
                    warning(
                        seg,
                        Text(
                            N_("UNZ reference %(ref)s does not match UNB %(interchange)s"),
                            ref=repr(seg.el(2)),
                            interchange=repr(unb.el(5)),
                        ),
                    )
                units = groups + loose_messages if groups else loose_messages
                said = (
                    N_(
                        "UNZ says %(said)s functional groups but the interchange "
                        "has %(actual)s: part of it may be missing"
                    )
                    if groups and not loose_messages
                    else N_(
                        "UNZ says %(said)s messages but the interchange has "
                        "%(actual)s: part of it may be missing"
                    )
                )
                if _count(seg, 1) != units:
                    warning(seg, Text(said, said=repr(seg.el(1)), actual=units))
            unz_seen = True
        elif msg is not None:
            msg.body.append(seg)
        elif tag in _SERVICE:
            warning(seg, Text(N_("service segment %(tag)s is out of place: ignored"), tag=tag))
        else:
            ref = f"line {seg.line}"
            warning(
                seg,
                Text(
                    N_("segment %(tag)s outside any message (no UNH before it): read as a message"),
                    tag=tag or "?",
                ),
            )
            msg = _Message(ref, None, seg.line, [seg])
            messages.append(msg)
            loose_messages += 1
    close(None, Text(N_("the data ends")))
    check_interchange_end(None)
    return messages


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
    code: str
    crew: bool
    family: str = ""
    given: str = ""
    name: str = ""
    birth: PartialDate | None = None
    sex: Sex | None = None
    nationality: str | None = None
    nationality_code: str = ""
    docs: list[_Document] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)


class _NotPaxlst(Exception):
    """A message of another type: refused whole."""


def _date(seg: Segment, today: date, birth: bool) -> PartialDate | None:
    """DTM value as a date: format 102 = CCYYMMDD, 101 = YYMMDD (201/203 = the same with a time).
    Without a format code the length decides. A two-digit year takes the MRZ century rule."""
    value, fmt = seg.el(1, 1), seg.el(1, 2)
    four_digit_year = fmt in ("102", "203") or (not fmt and len(value) == 8)
    yymmdd = value[2:8] if four_digit_year else value[:6]
    if len(yymmdd) != 6:
        raise ValueError(Text(N_("%(value)s is not a date"), value=repr(value)))
    read = birth_date_from_yymmdd(yymmdd, today) if birth else expiry_from_yymmdd(yymmdd, today)
    if read is not None and four_digit_year:
        if not value[:4].isdigit():
            raise ValueError(Text(N_("%(value)s is not a date"), value=repr(value)))
        return PartialDate(int(value[:4]), read.month, read.day)
    return read


@dataclass(slots=True)
class _Leg:
    flight: str
    start: str = ""
    end: str = ""
    crossing: bool = False
    """This leg carries LOC+125/87: the departure and arrival the manifest is about."""


def _travellers(
    msg: _Message, ref: str, today: date, warn: list[PaxlstProblem], refuse: list[PaxlstProblem]
) -> list[tuple[int, _Traveller]]:
    """One reading pass over the message body: the transport context, then one traveller per NAD."""
    if msg.start is not None:
        kind = msg.start.el(2)
        if kind != "PAXLST":
            raise _NotPaxlst(
                Text(N_("message %(ref)s is a %(kind)s message, not PAXLST"), ref=repr(msg.ref), kind=kind)
                if kind
                else Text(N_("message %(ref)s is an untyped message, not PAXLST"), ref=repr(msg.ref))
            )
    context: dict[str, str] = {}
    legs: list[_Leg] = []
    last_loc = ""
    current: _Traveller | None = None
    skipping = False
    people: list[_Traveller] = []
    counts: dict[str, Segment] = {}

    def warning(seg: Segment, reason: Text) -> None:
        query_id = f"{ref}-{len(people)}" if current is not None else ""
        warn.append(PaxlstProblem(seg.line, reason, msg.ref, seg.tag, query_id))

    for seg in msg.body:
        tag, qualifier = seg.tag, seg.el(1)
        if tag == "":
            # A garbled segment: it may have been the NAD of the next traveller, so nothing after it is
            # trusted until the next NAD.
            current, skipping = None, True
            continue
        if tag == "NAD" and qualifier == REPORTING_PARTY:
            current, skipping = None, False
        elif tag == "NAD":
            skipping = False
            role, is_crew = ROLES.get(qualifier, ("", True))
            known = bool(role)
            if not known:
                role = f"unknown role NAD+{qualifier}" if qualifier else "no role given"
            person = _Traveller(seg, qualifier, is_crew, extra={"role": role, "role_code": qualifier})
            people.append(person)
            current = person
            if not known:
                warning(
                    seg,
                    Text(
                        N_(
                            "NAD+%(code)s: party function code %(quoted)s is not a known traveller role "
                            "(FL, FM, DDU, DDT, COT, VW): read as a traveller all the same"
                        ),
                        code=qualifier,
                        quoted=repr(qualifier),
                    ),
                )
            _name(seg, current)
            odd = [
                ch for ch in current.family + current.given + current.name if unicodedata.category(ch) == "Cc"
            ]
            if odd:
                warning(
                    seg,
                    Text(
                        N_(
                            "the name holds a control character (%(chars)s): the file's character set may "
                            "not be the one UNB declares"
                        ),
                        chars=", ".join(f"U+{ord(ch):04X}" for ch in odd),
                    ),
                )
        elif tag == "CNT":
            counts[qualifier] = seg
            current, skipping = None, False
        elif skipping:
            continue
        elif current is None:
            _header_segment(seg, context, legs, last_loc)
            last_loc = qualifier if tag == "LOC" else last_loc
        else:
            _traveller_segment(seg, current, today, warning)

    _context_from_legs(context, legs)
    crew_count = sum(1 for p in people if p.crew)
    for qualifier, what, listed in (
        (
            "42",
            N_("CNT+%(code)s says %(said)s passengers but the message lists %(listed)s"),
            len(people) - crew_count,
        ),
        ("41", N_("CNT+%(code)s says %(said)s crew members but the message lists %(listed)s"), crew_count),
    ):
        cnt = counts.get(qualifier)
        if cnt is None or not cnt.el(1, 1).isdigit():
            continue
        said = int(cnt.el(1, 1))
        if said not in (listed, len(people)):  # some senders count every traveller under 42
            warning(cnt, Text(what, code=qualifier, said=said, listed=listed))
    readable = []
    for n, person in enumerate(people, start=1):  # numbered by NAD: ids stay put when one is refused
        if not person.family and not person.name:
            refuse.append(
                PaxlstProblem(
                    person.nad.line,
                    Text(
                        N_("message %(ref)s: traveller %(number)s (NAD+%(code)s) has no name: not screened"),
                        ref=repr(msg.ref),
                        number=n,
                        code=person.code,
                    ),
                    msg.ref,
                    "NAD",
                )
            )
            continue
        person.extra.update({k: v for k, v in context.items() if v and k not in person.extra})
        readable.append((n, person))
    return readable


def _name(seg: Segment, person: _Traveller) -> None:
    """C080 party name: five name components (family name first), then a name format code (not a name)."""
    parts = seg.components(4)[:5]
    names = [n for n in parts if n]
    if parts and parts[0]:
        person.family, person.given = parts[0], " ".join(names[1:])
    elif names:
        person.name = " ".join(names)
    elif any(seg.components(3)):
        person.name = " ".join(n for n in seg.components(3) if n)


def _header_segment(seg: Segment, context: dict[str, str], legs: list[_Leg], last_loc: str) -> None:
    tag, qualifier = seg.tag, seg.el(1)
    leg = legs[-1] if legs else None
    if tag == "BGM":
        context["manifest"] = {"745": "passenger list", "250": "crew list"}.get(qualifier, qualifier)
    elif tag == "TDT":
        legs.append(_Leg(seg.el(2)))
    elif tag == "LOC" and qualifier == "125":
        context["departure"] = seg.el(2)
        if leg is not None:
            leg.start, leg.crossing = seg.el(2), True
    elif tag == "LOC" and qualifier == "87":
        context["arrival"] = seg.el(2)
        if leg is not None:
            leg.end, leg.crossing = seg.el(2), True
    elif tag == "LOC" and qualifier == "92" and leg is not None:
        if not leg.start:
            leg.start = seg.el(2)
        else:
            leg.end = seg.el(2)
    elif tag == "DTM" and qualifier == "189" and last_loc == "125":
        context["departure_time"] = seg.el(1, 1)
    elif tag == "DTM" and qualifier == "232" and last_loc == "87":
        context["arrival_time"] = seg.el(1, 1)


def _context_from_legs(context: dict[str, str], legs: list[_Leg]) -> None:
    if not legs:
        return
    main = next((leg for leg in legs if leg.crossing), legs[0])
    if main.flight:
        context["flight"] = main.flight
    if len(legs) > 1:
        context["legs"] = "; ".join(
            f"{leg.flight or '?'} {leg.start or '?'}-{leg.end or '?'}" for leg in legs
        )


def _traveller_segment(
    seg: Segment, person: _Traveller, today: date, warning: Callable[[Segment, Text], None]
) -> None:
    tag, qualifier = seg.tag, seg.el(1)
    if tag == "ATT" and qualifier == "2":
        raw = seg.el(3).upper()
        code = raw.split("*")[0].strip()  # syntax 4 repeats a value with '*': M*M*M
        sexes = {"M": Sex.MALE, "F": Sex.FEMALE, "U": Sex.UNKNOWN, "X": Sex.UNKNOWN}
        if person.sex is not None:
            warning(
                seg,
                Text(N_("a second sex (ATT+2) for one traveller: a NAD may be missing; the first is kept")),
            )
            return
        person.sex = sexes.get(code)
        if code not in sexes:
            warning(seg, Text(N_("sex code %(code)s is not M, F, U or X: left empty"), code=repr(raw)))
    elif tag == "DTM" and (qualifier == "329" or (qualifier == "36" and person.docs)):
        if qualifier == "329" and person.birth is not None:
            warning(
                seg,
                Text(
                    N_(
                        "a second birth date (DTM+329) for one traveller: a "
                        "NAD may be missing; the first is kept"
                    )
                ),
            )
            return
        try:
            if qualifier == "329":
                person.birth = _date(seg, today, birth=True)
            else:
                person.docs[-1].expiry = _date(seg, today, birth=False)
        except (ValueError, InvalidInput) as exc:
            warning(
                seg, Text(N_("DTM+%(code)s: %(reason)s; left empty"), code=qualifier, reason=reason_of(exc))
            )
    elif tag == "NAT" and qualifier in ("2", ""):
        person.nationality_code = seg.el(2)
        person.nationality = icao_to_alpha2(seg.el(2))
        if person.nationality is None:
            warning(
                seg,
                Text(
                    N_("nationality %(code)s is not a known country code: left empty"), code=repr(seg.el(2))
                ),
            )
    elif tag == "DOC":
        person.docs.append(_Document(seg.el(1), seg.el(2)))
    elif tag == "LOC" and qualifier == "91" and person.docs:
        if seg.el(2, 1) == "163":  # code list 163: a country subdivision (a US state), not the country
            person.extra["document_region"] = seg.el(2)
            return
        if not seg.el(2):
            return
        person.docs[-1].country = icao_to_alpha2(seg.el(2))
        person.docs[-1].country_code = seg.el(2)
        if person.docs[-1].country is None:
            warning(
                seg,
                Text(
                    N_("issuing country %(code)s is not a known country code: left empty"),
                    code=repr(seg.el(2)),
                ),
            )
    elif tag == "LOC" and qualifier in _LOC_EXTRA:
        person.extra[_LOC_EXTRA[qualifier]] = " ".join(c for c in seg.components(2) if c)
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
    """Read one interchange (or several in one file): every traveller who can be read, the errors
    (what could not be read, each with its line) and the warnings (envelope faults, doubtful details)."""
    today = today or date.today()
    result = PaxlstResult()
    try:
        tokens = _tokenise(text)
    except BrokenManifest as exc:
        result.errors.append(PaxlstProblem(exc.line, exc.reason, segment=exc.segment))
        return result
    except InvalidInput as exc:
        result.errors.append(PaxlstProblem(1, as_text(exc), segment="UNA"))
        return result
    segs = tokens.segs
    for bad in tokens.bad:
        result.errors.append(
            PaxlstProblem(
                bad.line,
                Text(
                    N_("%(reason)s: not read (nor its traveller's data up to the next NAD)"),
                    reason=bad.reason,
                ),
                segment=bad.segment,
            )
        )
    if tokens.tail is not None:
        if segs and segs[-1].tag == "UNZ":
            result.warnings.append(
                PaxlstProblem(
                    tokens.tail.line,
                    Text(N_("text after UNZ ignored: %(text)s"), text=repr(tokens.tail.segment)),
                )
            )
        else:
            result.errors.append(
                PaxlstProblem(
                    tokens.tail.line,
                    Text(N_("%(reason)s: that segment was not read"), reason=tokens.tail.reason),
                    segment=tokens.tail.segment,
                )
            )
    if not any(s.tag in ("UNB", "UNH") for s in segs):
        first = next((s for s in segs if s.tag), None)
        if segs or not result.errors:  # else the only data was cut short or garbled: that error says it
            reason = Text(N_("a PAXLST interchange starts with UNB (after an optional UNA)"))
            if not segs:
                reason = Text(
                    N_("a PAXLST interchange starts with UNB (after an optional UNA): the input is empty")
                )
            elif first is not None:
                reason = Text(
                    N_("a PAXLST interchange starts with UNB (after an optional UNA), not %(tag)s"),
                    tag=first.tag,
                )
            line = segs[0].line if segs else 1
            result.errors.append(PaxlstProblem(line, reason, segment=first.tag if first else ""))
        result.errors.sort(key=lambda e: e.line)
        return result
    envelope_warnings: list[PaxlstProblem] = []
    messages = _envelope(segs, envelope_warnings)
    result.warnings.extend(envelope_warnings)
    seen: set[str] = set()
    for msg in messages:
        ref = msg.ref if msg.ref and msg.ref not in seen else f"{msg.ref or 'message'}@line {msg.line}"
        seen.add(ref)
        try:
            people = _travellers(msg, ref, today, result.warnings, result.errors)
        except _NotPaxlst as exc:
            result.errors.append(PaxlstProblem(msg.line, reason_of(exc), msg.ref, "UNH"))
            continue
        result.queries.extend(_query(ref, n, p) for n, p in people)
    result.errors.sort(key=lambda e: e.line)
    result.warnings.sort(key=lambda w: w.line)
    return result
