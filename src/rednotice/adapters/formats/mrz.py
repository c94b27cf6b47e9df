"""ICAO Doc 9303 machine-readable zones at the edge: read them, verify every check digit, map them.

Implemented from the standard (Doc 9303, 8th ed., Parts 3-7); the GPL ``mrz`` package is not used.

Formats, told apart by line length and the first character:

=========  =======  ======================================================================
format     lines    where
=========  =======  ======================================================================
TD1        3 × 30   ID cards (Part 5). Check digits: document number, birth date, expiry,
                    composite (line 1 [5:30], line 2 [0:7], [8:15], [18:29]).
TD2        2 × 36   ID cards (Part 6). Check digits: number, birth, expiry, composite
                    (line 2 [0:10], [13:20], [21:35]).
TD3        2 × 44   passports (Part 4). Check digits: number, birth, expiry, optional data
                    (personal number), composite (line 2 [0:10], [13:20], [21:43]).
MRV-A      2 × 44   visas, line 1 starting with ``V`` (Part 7): number, birth, expiry.
MRV-B      2 × 36   visas, line 1 starting with ``V`` (Part 7): number, birth, expiry.
=========  =======  ======================================================================

Check digits use the 7-3-1 weights over ``0-9`` = 0-9, ``A-Z`` = 10-35, ``<`` = 0, modulo 10. A wrong
one is refused with the field, the expected and the found digit. A document number longer than nine
characters (TD1, TD2) has ``<`` as its check digit; the rest of the number follows in the optional
data, then its check digit (computed over the whole number), then a filler. The TD3 optional data
check digit may be ``<`` when the optional data is all fillers.

Names: primary and secondary identifiers are split on the first ``<<``; any other run of ``<`` is a
space. A name field whose last character is not a filler may have been truncated (Part 3 §4.6): it
is read, flagged (``name_truncated``) and warned about, because the screening must tolerate it.

Dates are ``YYMMDD``. Century rule, with ``today`` (default: the local date):

* birth date: ``20YY`` unless that would be after ``today``, then ``19YY`` (no one is born in the
  future). A person over 100 is read a century too young — the MRZ cannot say otherwise.
* expiry: ``20YY`` unless that is more than 50 years after ``today``, then ``19YY``.

Unknown parts of a birth date are filled with ``<`` (Part 3): ``74<<<<`` is 1974 (month and day
unknown), ``7408<<`` is August 1974, ``<<<<<<`` is no birth date. ``00`` in the month or day, which
several states print for "unknown", is read the same way. Anything else (``7<0812``, a month 13) is
refused.

Sex: ``M``, ``F``; ``<`` and ``X`` (unspecified) are :attr:`Sex.UNKNOWN`.

Nationality and issuing state are ICAO codes: ISO 3166-1 alpha-3, plus ``D`` (Germany), the British
``GBD``/``GBN``/``GBO``/``GBP``/``GBS`` (-> GB), ``UNK`` and ``RKS`` (Kosovo -> XK), and codes that
name no country (``UNO``, ``UNA``, ``XXA``/``XXB``/``XXC``/``XXX``, ``EUE``, ``XOM``, ``XPO``, the
``UTO`` specimen state...), which give ``None``. The ICAO code itself is always kept in ``extra``.

National practice read, with a warning, where a border officer needs a reading (ICAO itself would refuse):

* Belgian eID cards (issuing state ``BEL``) compute the long document number's check digit over the
  number as printed, filler included (``000590240<601``), not over the number alone (Part 5).
* The French national identity card issued until 2021 (``IDFRA``, 2 × 36) has its own layout, read as
  such (format ``FR-CNI``): family name, office, card number (year and month of issue, department or
  consulate, serial), given names, birth date, sex, with its own check digits (number, birth date, and
  one over both lines). It has no expiry date and no nationality field: the nationality is French by law.
* A name without primary identifier (``P<IND<<FIRST<NAME``), as India and others write a person with
  one name, is read as a full name; a name field with no name at all is refused.
* A TD3 optional-data check digit written ``<`` although the optional data is used: not verified,
  the composite (which covers it) still is.

Everything else that ICAO 9303 checks is refused when wrong: the document number (other than the
Belgian case above), birth date, expiry and composite check digits, a TD1 whose document code does
not start with A, C or I (a driving licence), codes holding digits. The expected outcome of 111 real
zones, with the reason wherever it deviates from ICAO, is in tests/data/mrz/specimens_expected.jsonl.

A file holds documents one after another (3 lines for TD1, 2 for TD2/TD3/MRV); blank lines between
them are ignored. :func:`read_mrz` returns one :class:`MrzEntry` per document, with the document or
the reasons it was refused and its line numbers: one bad document never stops the others.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import pycountry

from rednotice.adapters.countries import is_country
from rednotice.adapters.formats.reasons import as_text, reason_of
from rednotice.domain.dates import PartialDate
from rednotice.domain.errors import N_, InvalidInput, Text
from rednotice.domain.model import Sex
from rednotice.domain.screening.query import DocumentInfo, ScreeningQuery

__all__ = [
    "ICAO_NO_COUNTRY",
    "ICAO_SPECIAL",
    "MrzDocument",
    "MrzEntry",
    "MrzError",
    "MrzProblem",
    "birth_date_from_yymmdd",
    "check_digit",
    "detect_format",
    "expiry_from_yymmdd",
    "icao_to_alpha2",
    "parse_mrz",
    "read_mrz",
]

LINE_LENGTHS: dict[int, tuple[str, int]] = {30: ("TD1", 3), 36: ("TD2", 2), 44: ("TD3", 2)}
_MRZ_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<")
_WEIGHTS = (7, 3, 1)

ICAO_SPECIAL: dict[str, str] = {
    "D": "DE",  # Germany, written D<< in the MRZ
    "GBD": "GB",  # British Overseas Territories citizen
    "GBN": "GB",  # British National (Overseas)
    "GBO": "GB",  # British Overseas citizen
    "GBP": "GB",  # British protected person
    "GBS": "GB",  # British subject
    "UNK": "XK",  # resident of Kosovo, travel document issued by UNMIK
    "RKS": "XK",  # Republic of Kosovo passports
}
"""ICAO codes that are not ISO alpha-3 but name a country rednotice knows."""

ICAO_NO_COUNTRY: dict[str, str] = {
    "UNO": "United Nations official",
    "UNA": "official of a UN specialised agency",
    "XXA": "stateless person (1954 Convention)",
    "XXB": "refugee (1951 Convention)",
    "XXC": "refugee (other)",
    "XXX": "unspecified nationality",
    "EUE": "European Union",
    "XOM": "Sovereign Military Order of Malta",
    "XPO": "INTERPOL",
    "XCC": "Caribbean Community",
    "XCO": "Common Market for Eastern and Southern Africa",
    "XEC": "Economic Community of West African States",
    "XES": "Organisation of Eastern Caribbean States",
    "XMP": "International Committee of the Red Cross",
    "XBA": "African Development Bank",
    "XIM": "African Export-Import Bank",
    "XDC": "Southern African Development Community",
    "XAA": "not a nationality",
    "UTO": "Utopia (ICAO specimen state)",
}
"""ICAO codes that name no country: a document or nationality, but no ISO alpha-2."""


def icao_to_alpha2(code: str) -> str | None:
    """ICAO 9303 nationality / issuing-state code (fillers allowed) -> ISO 3166-1 alpha-2, or None."""
    code = code.replace("<", "").strip().upper()
    if not code:
        return None
    if code in ICAO_SPECIAL:
        return ICAO_SPECIAL[code]
    if len(code) == 2:
        return code if is_country(code) else None
    if len(code) != 3 or code in ICAO_NO_COUNTRY:
        return None
    country = pycountry.countries.get(alpha_3=code)
    return country.alpha_2 if country is not None else None


def _value(ch: str) -> int:
    if ch.isdigit():
        return ord(ch) - 48
    if "A" <= ch <= "Z":
        return ord(ch) - 55
    if ch == "<":
        return 0
    raise ValueError(Text(N_("%(char)s is not an MRZ character"), char=repr(ch)))


def check_digit(data: str) -> str:
    """ICAO 9303 Part 3 §4.9 check digit: weights 7, 3, 1 repeating, sum modulo 10."""
    return str(sum(_value(ch) * _WEIGHTS[i % 3] for i, ch in enumerate(data)) % 10)


# --- dates -----------------------------------------------------------------------------------------


def _century(yy: int, latest: int) -> int:
    return 2000 + yy if 2000 + yy <= latest else 1900 + yy


def birth_date_from_yymmdd(text: str, today: date) -> PartialDate | None:
    """A birth date ``YYMMDD`` with ``<`` (or ``00``) for the unknown parts; the century rule above.

    Raises ValueError with a readable reason when the text is no date.
    """
    if text == "<" * 6:
        return None
    yy, mm, dd = text[:2], text[2:4], text[4:6]
    if not yy.isdigit():
        raise ValueError(Text(N_("birth date %(date)s: the year must be two digits"), date=repr(text)))
    month = _date_part(mm, text, "month")
    day = _date_part(dd, text, "day")
    if month is None and day is not None:
        raise ValueError(Text(N_("birth date %(date)s has a day but no month"), date=repr(text)))
    year = int(yy) + 2000
    if (year, month or 1, day or 1) > (today.year, today.month, today.day):
        year -= 100
    try:
        return PartialDate(year, month, day)
    except InvalidInput as exc:
        raise ValueError(
            Text(N_("birth date %(date)s: %(reason)s"), date=repr(text), reason=as_text(exc))
        ) from exc


def expiry_from_yymmdd(text: str, today: date) -> PartialDate | None:
    """An expiry date ``YYMMDD``: ``20YY`` unless more than 50 years ahead. ``<<<<<<`` is no date."""
    if text == "<" * 6:
        return None
    if not text.isdigit():
        raise ValueError(Text(N_("expiry date %(date)s must be six digits"), date=repr(text)))
    year = _century(int(text[:2]), today.year + 50)
    try:
        return PartialDate(year, int(text[2:4]), int(text[4:6]))
    except InvalidInput as exc:
        raise ValueError(
            Text(N_("expiry date %(date)s: %(reason)s"), date=repr(text), reason=as_text(exc))
        ) from exc


def _date_part(part: str, text: str, what: str) -> int | None:
    if part in ("<<", "00"):
        return None
    if not part.isdigit():
        must = (
            N_("birth date %(date)s: the month must be two digits or '<<' when unknown")
            if what == "month"
            else N_("birth date %(date)s: the day must be two digits or '<<' when unknown")
        )
        raise ValueError(Text(must, date=repr(text)))
    return int(part)


# --- results ---------------------------------------------------------------------------------------


FIELD_WORDS = {
    "document number": N_("document number"),
    "birth date": N_("birth date"),
    "expiry date": N_("expiry date"),
    "optional data": N_("optional data"),
    "composite": N_("composite"),
}
"""The fields a check digit covers, as a reason names them "
"(translated where shown; ``field`` keeps the key)."""


def field_words(name: str) -> Text:
    return Text(FIELD_WORDS.get(name, name))


@dataclass(frozen=True, slots=True)
class MrzProblem:
    """One reason a document is refused. ``line`` is the file's line number (1-based)."""

    field: str
    reason: str
    line: int
    column: int | None = None
    """1-based column of the offending character or field, when there is one."""
    expected: str | None = None
    found: str | None = None

    def __str__(self) -> str:
        return str(self.words())

    def words(self) -> Text:
        """Where and why, as a Text (English as a string, the reader's language in ``label()``)."""
        if self.column:
            return Text(
                N_("line %(line)s, column %(column)s: %(reason)s"),
                line=self.line,
                column=self.column,
                reason=self.reason,
            )
        return Text(N_("line %(line)s: %(reason)s"), line=self.line, reason=self.reason)


class MrzError(InvalidInput):
    """A machine-readable zone that cannot be trusted; ``problems`` says every reason."""

    def __init__(self, problems: Sequence[MrzProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__(Text.joined("; ", [p.words() for p in self.problems]), field="mrz")


@dataclass(frozen=True, slots=True)
class MrzDocument:
    """What a machine-readable zone says, checked. Codes are as printed; ``*_country`` are ISO."""

    format: str
    """TD1, TD2, TD3, MRV-A or MRV-B."""
    document_code: str
    issuing_state: str
    issuing_country: str | None
    primary_identifier: str
    secondary_identifier: str
    name_truncated: bool
    document_number: str
    nationality_code: str
    nationality: str | None
    birth_date: PartialDate | None
    sex: Sex
    expiry: PartialDate | None
    optional_data: str = ""
    optional_data_2: str = ""
    warnings: tuple[str, ...] = field(default=())

    def to_query(self, query_id: str = "") -> ScreeningQuery:
        extra = {"issuing_state_icao": self.issuing_state, "nationality_icao": self.nationality_code}
        if self.name_truncated:
            extra["name_truncated"] = "true"
        if self.optional_data:
            extra["optional_data"] = self.optional_data
        if self.optional_data_2:
            extra["optional_data_2"] = self.optional_data_2
        one_name = not self.primary_identifier  # P<IND<<FIRST<NAME: screened as a full name
        return ScreeningQuery(
            id=query_id or self.document_number,
            name=self.secondary_identifier if one_name else "",
            family_name=self.primary_identifier,
            given_names="" if one_name else self.secondary_identifier,
            birth_date=self.birth_date,
            nationality=self.nationality,
            sex=self.sex,
            document=DocumentInfo(
                kind=self.document_code,
                number=self.document_number,
                issuing_country=self.issuing_country,
                expiry=self.expiry,
            ),
            source=f"mrz:{self.format}",
            extra=extra,
        )


@dataclass(frozen=True, slots=True)
class MrzEntry:
    """One document of a file: the lines it took and either the document or why it was refused."""

    lines: tuple[int, ...]
    document: MrzDocument | None = None
    error: MrzError | None = None

    @property
    def first_line(self) -> int:
        return self.lines[0] if self.lines else 0


# --- parsing one document --------------------------------------------------------------------------


def detect_format(lines: Sequence[str]) -> str | None:
    """TD1/TD2/TD3/MRV-A/MRV-B from the line count, the length and the first character, or None."""
    if not lines or len(lines[0]) not in LINE_LENGTHS:
        return None
    fmt, count = LINE_LENGTHS[len(lines[0])]
    if len(lines) != count or any(len(line) != len(lines[0]) for line in lines):
        return None
    if lines[0].startswith("V") and fmt != "TD1":
        return "MRV-A" if fmt == "TD3" else "MRV-B"
    return fmt


class _Reader:
    """Collects problems while the fields of one document are read."""

    def __init__(self, lines: Sequence[str], first_line: int) -> None:
        self.lines = lines
        self.first_line = first_line
        self.problems: list[MrzProblem] = []
        self.warnings: list[str] = []  # each a Text, as the problems' reasons

    def problem(
        self,
        row: int,
        col: int | None,
        field_name: str,
        reason: str,
        expected: str | None = None,
        found: str | None = None,
    ) -> None:
        line = self.first_line + row
        column = None if col is None else col + 1
        self.problems.append(MrzProblem(field_name, reason, line, column, expected, found))

    def check(
        self, row: int, start: int, stop: int, digit_at: tuple[int, int], field_name: str, data: str = ""
    ) -> None:
        """Verify the check digit at ``digit_at`` (row, col) over line ``row`` [start:stop] (or ``data``)."""
        data = data or self.lines[row][start:stop]
        found = self.lines[digit_at[0]][digit_at[1]]
        expected = check_digit(data)
        if found != expected:
            self.problem(
                digit_at[0],
                digit_at[1],
                field_name,
                Text(
                    N_("%(field)s check digit: expected %(expected)s, found %(found)s (over %(data)s)"),
                    field=field_words(field_name),
                    expected=expected,
                    found=repr(found),
                    data=repr(data),
                ),
                expected,
                found,
            )

    def composite(self, parts: Sequence[tuple[int, int, int]], at: tuple[int, int]) -> None:
        data = "".join(self.lines[row][a:b] for row, a, b in parts)
        self.check(at[0], 0, 0, at, "composite", data=data)


def _split_name(field_text: str) -> tuple[str, str, bool]:
    truncated = not field_text.endswith("<")
    primary, _, secondary = field_text.partition("<<")

    def words(part: str) -> str:
        return " ".join(w for w in part.split("<") if w)

    return words(primary), words(secondary), truncated


def parse_mrz(lines: Sequence[str], today: date | None = None, first_line: int = 1) -> MrzDocument:
    """Parse and verify one document's lines (whitespace around each line is ignored).

    ``first_line`` is the file line number of ``lines[0]`` (for the reasons). Raises :class:`MrzError`.
    """
    today = today or date.today()
    lines = [line.strip() for line in lines]
    rd = _Reader(lines, first_line)
    for row, line in enumerate(lines):
        bad = next((i for i, ch in enumerate(line) if ch not in _MRZ_ALPHABET), None)
        if bad is not None:
            rd.problem(
                row,
                bad,
                "characters",
                Text(N_("%(char)s is not an MRZ character (A-Z, 0-9 and '<' only)"), char=repr(line[bad])),
            )
    fmt = detect_format(lines)
    if fmt is None:
        lengths = "/".join(str(len(line)) for line in lines)
        rd.problem(
            0,
            None,
            "format",
            Text(
                N_(
                    "%(count)s line(s) of %(lengths)s characters: an MRZ is 3 × 30 (TD1), 2 × 36 (TD2, "
                    "MRV-B) or 2 × 44 (TD3, MRV-A) characters"
                ),
                count=len(lines),
                lengths=lengths,
            ),
        )
    if rd.problems:
        raise MrzError(rd.problems)
    assert fmt is not None  # narrowed above: a None format is a problem
    if fmt == "TD1":
        if lines[0][0] not in "ACI":
            rd.problem(
                0,
                0,
                "document code",
                Text(
                    N_(
                        "document code %(code)s: a 3-line ICAO 9303 document (TD1) starts with A, C or I; "
                        "this is not a travel document's zone (a driving licence?)"
                    ),
                    code=repr(lines[0][:2]),
                ),
            )
            raise MrzError(rd.problems)
        return _td1(rd, today)
    if is_french_identity_card(lines):
        return _french_identity_card(rd, today)
    return _two_line(rd, fmt, today)


def _header(rd: _Reader) -> tuple[str, str, str | None]:
    code = rd.lines[0][0:2]
    if not code[0].isalpha():
        rd.problem(
            0,
            0,
            "document code",
            Text(N_("document code %(code)s must start with a letter"), code=repr(code)),
        )
    state = rd.lines[0][2:5]
    if any(ch.isdigit() for ch in state):
        rd.problem(
            0, 2, "issuing state", Text(N_("issuing state %(state)s is not an ICAO code"), state=repr(state))
        )
    issuing = icao_to_alpha2(state)
    if issuing is None and state.replace("<", "") not in ICAO_NO_COUNTRY:
        rd.warnings.append(
            Text(
                N_("issuing state %(state)s is not a known country code"), state=repr(state.replace("<", ""))
            )
        )
    return code.replace("<", ""), state.replace("<", ""), issuing


def _name(rd: _Reader, row: int, col: int, text: str) -> tuple[str, str, bool]:
    if any(ch.isdigit() for ch in text):
        at = next(i for i, ch in enumerate(text) if ch.isdigit())
        rd.problem(row, col + at, "name", Text(N_("the name field holds a digit (letters and '<' only)")))
    primary, secondary, truncated = _split_name(text)
    if not primary and not secondary:
        rd.problem(row, col, "name", Text(N_("the name field holds no name")))
    elif not primary:
        # Part 3 §4.6 wants the single name of a person with one name as the primary identifier, but
        # India and others write it as the secondary one (P<IND<<FIRST<NAME): read it, say so.
        rd.warnings.append(
            Text(
                N_(
                    "the name has no primary identifier (family name): the whole name is the secondary "
                    "identifier, as some states write a person with one name; screened as a full name"
                )
            )
        )
    if truncated:
        rd.warnings.append(Text(N_("the name fills the whole field and may be truncated")))
    return primary, secondary, truncated


def _nationality(rd: _Reader, row: int, col: int) -> tuple[str, str | None]:
    raw = rd.lines[row][col : col + 3]
    if any(ch.isdigit() for ch in raw):
        rd.problem(
            row, col, "nationality", Text(N_("nationality %(code)s is not an ICAO code"), code=repr(raw))
        )
    code = raw.replace("<", "")
    iso = icao_to_alpha2(code)
    if iso is None and code and code not in ICAO_NO_COUNTRY:
        rd.warnings.append(Text(N_("nationality %(code)s is not a known country code"), code=repr(code)))
    return code, iso


def _sex(rd: _Reader, row: int, col: int) -> Sex:
    ch = rd.lines[row][col]
    if ch == "M":
        return Sex.MALE
    if ch == "F":
        return Sex.FEMALE
    if ch in "<X":
        return Sex.UNKNOWN
    rd.problem(row, col, "sex", Text(N_("sex %(sex)s is not M, F, X or '<'"), sex=repr(ch)))
    return Sex.UNKNOWN


def _dates(
    rd: _Reader, row: int, birth_col: int, expiry_col: int, today: date
) -> tuple[PartialDate | None, ...]:
    line = rd.lines[row]
    birth: PartialDate | None = None
    expiry: PartialDate | None = None
    try:
        birth = birth_date_from_yymmdd(line[birth_col : birth_col + 6], today)
    except ValueError as exc:
        rd.problem(row, birth_col, "birth date", reason_of(exc))
    try:
        expiry = expiry_from_yymmdd(line[expiry_col : expiry_col + 6], today)
    except ValueError as exc:
        rd.problem(row, expiry_col, "expiry date", reason_of(exc))
    if expiry is not None and expiry.latest() < today:
        rd.warnings.append(Text(N_("the document expired on %(date)s"), date=expiry.iso()))
    return birth, expiry


def _number(
    rd: _Reader, row: int, col: int, optional: str, optional_col: int, long_allowed: bool
) -> tuple[str, str]:
    """Document number (with the long-number continuation when allowed) and what is left of the optional
    data."""
    line = rd.lines[row]
    principal = line[col : col + 9]
    if line[col + 9] != "<" or not long_allowed:
        rd.check(row, col, col + 9, (row, col + 9), "document number")
        return principal.replace("<", ""), optional
    # Long number: the rest, then its check digit, then a filler, in the optional data.
    head, _, rest = optional.partition("<")
    if len(head) < 2:
        rd.problem(
            row,
            col + 9,
            "document number",
            Text(
                N_(
                    "document number check digit is '<' but the optional data holds no continuation and "
                    "check digit"
                )
            ),
            found="<",
        )
        return principal.replace("<", ""), optional
    number = principal + head[:-1]
    expected = check_digit(number)
    extended = line[col : optional_col + len(head) - 1]
    if head[-1] != expected and rd.lines[0][2:5] == "BEL" and head[-1] == check_digit(extended):
        # Belgian eID cards compute it over the number as printed, filler included (000590240<601).
        rd.warnings.append(
            Text(
                N_(
                    "document number check digit computed over %(extended)s with its filler, as Belgium "
                    "does, not over %(number)s as ICAO 9303 Part 5 says"
                ),
                extended=repr(extended),
                number=repr(number),
            )
        )
    elif head[-1] != expected:
        rd.problem(
            row,
            optional_col + len(head) - 1,
            "document number",
            Text(
                N_("%(field)s check digit: expected %(expected)s, found %(found)s (over %(data)s)"),
                field=field_words("document number"),
                expected=expected,
                found=repr(head[-1]),
                data=repr(number),
            ),
            expected,
            head[-1],
        )
    return number.replace("<", ""), rest


def _td1(rd: _Reader, today: date) -> MrzDocument:
    l1, l2, l3 = rd.lines
    code, state, issuing = _header(rd)
    number, optional = _number(rd, 0, 5, l1[15:30], 15, long_allowed=True)
    rd.check(1, 0, 6, (1, 6), "birth date")
    rd.check(1, 8, 14, (1, 14), "expiry date")
    birth, expiry = _dates(rd, 1, 0, 8, today)
    sex = _sex(rd, 1, 7)
    nat_code, nationality = _nationality(rd, 1, 15)
    rd.composite([(0, 5, 30), (1, 0, 7), (1, 8, 15), (1, 18, 29)], (1, 29))
    primary, secondary, truncated = _name(rd, 2, 0, l3)
    if rd.problems:
        raise MrzError(rd.problems)
    return MrzDocument(
        format="TD1",
        document_code=code,
        issuing_state=state,
        issuing_country=issuing,
        primary_identifier=primary,
        secondary_identifier=secondary,
        name_truncated=truncated,
        document_number=number,
        nationality_code=nat_code,
        nationality=nationality,
        birth_date=birth,
        sex=sex,
        expiry=expiry,
        optional_data=optional.strip("<"),
        optional_data_2=l2[18:29].strip("<"),
        warnings=tuple(rd.warnings),
    )


def _two_line(rd: _Reader, fmt: str, today: date) -> MrzDocument:
    l1, l2 = rd.lines
    width = len(l1)
    code, state, issuing = _header(rd)
    primary, secondary, truncated = _name(rd, 0, 5, l1[5:])
    optional_end = {"TD3": 42, "TD2": 35, "MRV-A": 44, "MRV-B": 36}[fmt]
    number, optional = _number(rd, 1, 0, l2[28:optional_end], 28, long_allowed=fmt == "TD2")
    nat_code, nationality = _nationality(rd, 1, 10)
    rd.check(1, 13, 19, (1, 19), "birth date")
    sex = _sex(rd, 1, 20)
    rd.check(1, 21, 27, (1, 27), "expiry date")
    birth, expiry = _dates(rd, 1, 13, 21, today)
    if fmt == "TD3":
        personal = l2[28:42]
        if l2[42] == "<" and personal != "<" * 14:
            # Part 4 allows '<' only when the optional data is all fillers; some states write it anyway.
            # The composite (which covers it) still has to hold.
            rd.warnings.append(
                Text(
                    N_("the optional data %(data)s has '<' for its check digit: not verified"),
                    data=repr(personal.strip("<")),
                )
            )
        elif not (personal == "<" * 14 and l2[42] in "<0"):
            rd.check(1, 28, 42, (1, 42), "optional data")
    if fmt in ("TD2", "TD3"):
        rd.composite([(1, 0, 10), (1, 13, 20), (1, 21, width - 1)], (1, width - 1))
    if rd.problems:
        raise MrzError(rd.problems)
    return MrzDocument(
        format=fmt,
        document_code=code,
        issuing_state=state,
        issuing_country=issuing,
        primary_identifier=primary,
        secondary_identifier=secondary,
        name_truncated=truncated,
        document_number=number,
        nationality_code=nat_code,
        nationality=nationality,
        birth_date=birth,
        sex=sex,
        expiry=expiry,
        optional_data=optional.strip("<"),
        warnings=tuple(rd.warnings),
    )


def is_french_identity_card(lines: Sequence[str]) -> bool:
    """The French national identity card issued until 2021: 2 × 36 like TD2 but its own layout.

    Line 1 ``IDFRA``, the family name (25), the issuing office (6); line 2 the card number (12: year and
    month of issue, department or consulate, serial), its check digit, the given names (14), the birth
    date and its check digit, the sex, and a check digit over both lines. A TD2 has a nationality and a
    birth date at line 2 [10:20]; this card has given names there, so letters only."""
    return (
        len(lines) == 2
        and len(lines[0]) == len(lines[1]) == 36
        and lines[0].startswith("IDFRA")
        and not any(ch.isdigit() for ch in lines[1][13:27])
    )


def _french_identity_card(rd: _Reader, today: date) -> MrzDocument:
    l1, l2 = rd.lines
    rd.check(1, 0, 12, (1, 12), "document number")
    rd.check(1, 27, 33, (1, 33), "birth date")
    rd.check(1, 0, 0, (1, 35), "composite", data=l1 + l2[:35])
    primary, _, truncated = _split_name(l1[5:30])
    given = " ".join(w for w in l2[13:27].split("<") if w)  # several given names are split by '<<'
    given_truncated = not l2[13:27].endswith("<")
    if any(ch.isdigit() for ch in l1[5:30]):
        rd.problem(0, 5, "name", Text(N_("the name field holds a digit (letters and '<' only)")))
    if not primary:
        rd.problem(0, 5, "name", Text(N_("the name field has no family name")))
    birth = None
    try:
        birth = birth_date_from_yymmdd(l2[27:33], today)
    except ValueError as exc:
        rd.problem(1, 27, "birth date", reason_of(exc))
    sex = _sex(rd, 1, 34)
    if rd.problems:
        raise MrzError(rd.problems)
    rd.warnings.append(
        Text(
            N_(
                "French national identity card (before 2021): read in its own layout; the zone has no "
                "expiry date (valid 10 or 15 years from issue) and no nationality (the card is issued to "
                "French nationals)"
            )
        )
    )
    if truncated or given_truncated:
        rd.warnings.append(Text(N_("the name fills the whole field and may be truncated")))
    return MrzDocument(
        format="FR-CNI",
        document_code="ID",
        issuing_state="FRA",
        issuing_country="FR",
        primary_identifier=primary,
        secondary_identifier=given,
        name_truncated=truncated or given_truncated,
        document_number=l2[0:12].replace("<", ""),
        nationality_code="FRA",
        nationality="FR",
        birth_date=birth,
        sex=sex,
        expiry=None,
        optional_data=l1[30:36].strip("<"),
        warnings=tuple(rd.warnings),
    )


# --- files -----------------------------------------------------------------------------------------


def _looks_like_first_line(line: str) -> bool:
    """A document's first line has no check digit: TD2/TD3/MRV line 1 is letters and fillers only."""
    return not any(ch.isdigit() for ch in line)


def read_mrz(text: str, today: date | None = None) -> list[MrzEntry]:
    """Read every document of a file, in order; see the module docstring for the grouping rules."""
    today = today or date.today()
    numbered = [(n, line.strip()) for n, line in enumerate(text.splitlines(), start=1)]
    lines = [(n, line) for n, line in numbered if line]
    out: list[MrzEntry] = []
    i = 0
    while i < len(lines):
        n, line = lines[i]
        if len(line) not in LINE_LENGTHS:
            reason = Text(
                N_(
                    "a line of %(length)s characters: an MRZ line has 30 (TD1), 36 (TD2, MRV-B) "
                    "or 44 (TD3, MRV-A) characters"
                ),
                length=len(line),
            )
            out.append(MrzEntry((n,), error=MrzError([MrzProblem("format", reason, n)])))
            i += 1
            continue
        fmt, count = LINE_LENGTHS[len(line)]
        group = [lines[i]]
        j = i + 1
        while len(group) < count and j < len(lines):
            nxt = lines[j][1]
            if len(nxt) != len(line):
                break
            # A line 2 always holds check digits; a line without digits starts the next document.
            if len(group) == 1 and _looks_like_first_line(nxt):
                break
            group.append(lines[j])
            j += 1
        numbers = tuple(g[0] for g in group)
        if len(group) < count:
            stop = (
                Text(N_("the file ends"))
                if j >= len(lines)
                else Text(N_("line %(line)s does not continue it"), line=lines[j][0])
            )
            short = {"format": fmt, "count": count, "length": len(line), "has": len(group), "stop": stop}
            reason = Text(
                N_(
                    "a %(format)s document needs %(count)s lines of "
                    "%(length)s characters but has %(has)s (%(stop)s)"
                ),
                **short,
            )
            if j < len(lines) and len(lines[j][1]) not in LINE_LENGTHS:
                # A mangled continuation line belongs to this document: take it with the error.
                numbers = (*numbers, lines[j][0])
                reason = Text(
                    N_(
                        "a %(format)s document needs %(count)s lines of %(length)s characters but has "
                        "%(has)s (%(stop)s) — line %(line)s has %(line_length)s characters"
                    ),
                    **short,
                    line=lines[j][0],
                    line_length=len(lines[j][1]),
                )
                j += 1
            out.append(MrzEntry(numbers, error=MrzError([MrzProblem("format", reason, n)])))
            i = j
            continue
        try:
            doc = parse_mrz([g[1] for g in group], today, first_line=n)
        except MrzError as exc:
            out.append(MrzEntry(numbers, error=exc))
        else:
            out.append(MrzEntry(numbers, document=doc))
        i = j
    return out
