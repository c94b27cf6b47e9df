"""Screening input at the edge: JSON Lines, CSV, ICAO MRZ and PAXLST into :class:`ScreeningQuery`.

One entry point, :func:`read_queries`, and :func:`guess_format`. Every bad line or document becomes an
:class:`InputError` with its line number and reason; it never stops the others (in a PAXLST manifest,
every traveller who can be read is read and envelope faults are warnings, see :mod:`.paxlst`). Doubtful
but usable details are :class:`InputWarning`.

CSV and JSON Lines share one vocabulary (CSV has a header row; JSON Lines one object per line):

===================  ================================================================================
``id``               echoed as ``query_id``; default: the line number
``name``             free text, any order, any script — or:
``family_name``      with optional ``given_names`` (not both ``name`` and ``family_name``)
``birth_date``       ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` (or ``YYYY/MM/DD``); not after ``today``
``nationality``      ISO 3166-1 alpha-2, or an ICAO/ISO alpha-3 code (converted)
``sex``              ``M``/``F``/``U``/``X`` or male/female/unknown (any case)
``document_number``  optional; any other column or key is kept in ``extra`` as text
===================  ================================================================================

Empty values and JSON ``null`` mean "not given". CSV separators ``,`` ``;`` tab and ``|`` are
recognised from the header. Input must be UTF-8 (a BOM is allowed); PAXLST may also be Latin-1
(syntax ``UNOC``). Inputs over ``max_bytes`` are refused before any parsing (:class:`InputTooLarge`).
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath
from typing import Any, Literal, get_args

from rednotice.adapters.formats import mrz, paxlst
from rednotice.adapters.formats.reasons import as_text
from rednotice.domain.dates import PartialDate
from rednotice.domain.errors import N_, InvalidInput, Text, TooLarge
from rednotice.domain.model import Sex
from rednotice.domain.screening.query import DocumentInfo, ScreeningQuery

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Format",
    "InputError",
    "InputTooLarge",
    "InputWarning",
    "ReadResult",
    "guess_format",
    "query_from_mapping",
    "read_queries",
]

Format = Literal["jsonl", "csv", "mrz", "paxlst"]
FORMATS: tuple[str, ...] = get_args(Format)
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
"""20 MiB: about 100,000 JSON Lines queries, far beyond the largest flight manifest."""
MAX_FIELD = 500

KNOWN_KEYS = (
    "id",
    "name",
    "family_name",
    "given_names",
    "birth_date",
    "nationality",
    "sex",
    "document_number",
)
_SEXES = {
    "m": Sex.MALE,
    "male": Sex.MALE,
    "f": Sex.FEMALE,
    "female": Sex.FEMALE,
    "u": Sex.UNKNOWN,
    "x": Sex.UNKNOWN,
    "unknown": Sex.UNKNOWN,
}


class InputTooLarge(TooLarge):
    """The input is over the size cap; nothing was read."""

    code = "input_too_large"


@dataclass(frozen=True, slots=True)
class InputError:
    """A line (or document, or message) that gave no query. ``line`` is 1-based; 0 = the whole input."""

    line: int
    reason: str
    """An ``errors.Text``: English as a string (the API, the run kept), the reader's words in ``label()``."""
    field: str | None = None
    lines: tuple[int, ...] = ()
    """Every line of a multi-line document (MRZ) or the lines concerned, when more than one."""
    details: tuple[str, ...] = ()
    """Each problem separately when there are several (e.g. two wrong check digits)."""

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}" if self.line else self.reason


@dataclass(frozen=True, slots=True)
class InputWarning:
    """Something doubtful about a query that was still read (an expired document, a truncated name)."""

    line: int
    reason: str
    query_id: str = ""


@dataclass(slots=True)
class ReadResult:
    queries: list[ScreeningQuery] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    warnings: list[InputWarning] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


# --- entry points ----------------------------------------------------------------------------------


def read_queries(
    data: bytes | str,
    format: Format,
    today: date | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ReadResult:
    """Read every query of ``data`` in ``format``. Raises :class:`InputTooLarge` over ``max_bytes`` and
    :class:`InvalidInput` for an unknown format or undecodable bytes; everything else is reported in the
    result, line by line."""
    if format not in FORMATS:
        raise InvalidInput(
            "unknown input format %(format)s (expected one of %(formats)s)",
            format=repr(format),
            formats=", ".join(FORMATS),
        )
    _check_size(data, max_bytes)
    today = today or date.today()
    text = _decode(data, latin1_ok=format == "paxlst")
    if not text.strip():
        empty = Text(N_("the %(format)s input is empty: there is nothing to screen"), format=format)
        return ReadResult(errors=[InputError(0, empty)])
    if format == "jsonl":
        return _read_jsonl(text, today)
    if format == "csv":
        return _read_csv(text, today)
    if format == "mrz":
        return _read_mrz(text, today)
    return _read_paxlst(text, today)


def guess_format(data: bytes | str, filename: str | None = None) -> Format:
    """The format from the file name's extension, else from the first characters. Raises InvalidInput."""
    if filename:
        ext = PurePath(filename).suffix.lower()
        by_ext: dict[str, Format] = {
            ".jsonl": "jsonl",
            ".ndjson": "jsonl",
            ".csv": "csv",
            ".tsv": "csv",
            ".mrz": "mrz",
            ".edi": "paxlst",
            ".edifact": "paxlst",
            ".paxlst": "paxlst",
        }
        if ext in by_ext:
            return by_ext[ext]
    head = data[:4096]
    text = head.decode("utf-8", errors="replace") if isinstance(head, bytes) else head
    text = text.lstrip("\ufeff \t\r\n")
    if text.startswith(("UNA", "UNB")):
        return "paxlst"
    if text.startswith("{"):
        return "jsonl"
    first = text.split("\n", 1)[0].strip()
    if len(first) in mrz.LINE_LENGTHS and all(ch in "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<" for ch in first):
        return "mrz"
    header = {h.strip().strip('"').lower() for h in _split_header(first)}
    if header & {"name", "family_name"}:
        return "csv"
    raise InvalidInput(
        "cannot tell the input format: give --format (jsonl, csv, mrz or paxlst)", field="format"
    )


# --- shared ----------------------------------------------------------------------------------------


def _check_size(data: bytes | str, max_bytes: int) -> None:
    size = len(data)
    if isinstance(data, str) and size <= max_bytes < size * 4:
        size = len(data.encode("utf-8", errors="surrogatepass"))
    if size > max_bytes:
        raise InputTooLarge(
            "the input is %(bytes)s bytes, over the limit of %(limit_shown)s: split it into smaller files",
            size=size,
            limit=max_bytes,
            bytes=f"{size:,}",
            limit_shown=f"{max_bytes:,}",
        )


def _decode(data: bytes | str, latin1_ok: bool) -> str:
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if latin1_ok:
            return data.decode("latin-1")
        line = data[: exc.start].count(b"\n") + 1
        raise InvalidInput(
            "the input is not UTF-8 text (byte %(byte)s on line %(line)s): save it as UTF-8",
            line=line,
            byte=f"0x{data[exc.start]:02x}",
        ) from exc


def _text(value: Any, key: str) -> str:
    """A JSON value or CSV cell as clean text; numbers allowed for ``id`` only. Raises InvalidInput."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InvalidInput("%(field)s must be text, not %(type)s", field=key, type=type(value).__name__)
    if isinstance(value, int) and key != "id":
        raise InvalidInput("%(field)s must be text, not a number", field=key)
    text = " ".join(unicodedata.normalize("NFC", str(value)).split())  # newlines and tabs are spaces
    if len(text) > MAX_FIELD:
        raise InvalidInput(
            "%(field)s is %(length)s characters long (at most %(limit)s)",
            field=key,
            length=len(text),
            limit=MAX_FIELD,
        )
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        raise InvalidInput("%(field)s contains control characters", field=key)
    return text


def _extra(value: Any, key: str) -> str:
    """Any other column or key, kept as text (nested JSON as compact JSON)."""
    if isinstance(value, dict | list):
        value = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    elif not isinstance(value, str):
        value = json.dumps(value)
    return _text(value, key)


def query_from_mapping(record: dict[str, Any], line: int, today: date, source: str) -> ScreeningQuery:
    """One CSV row or JSON object as a query. Raises InvalidInput naming the field."""
    values = {key: _text(value, key) for key, value in record.items() if key in KNOWN_KEYS}
    name, family, given = values.get("name", ""), values.get("family_name", ""), values.get("given_names", "")
    if name and (family or given):
        raise InvalidInput("give either name or family_name/given_names, not both", field="name")
    if given and not family:
        raise InvalidInput(
            "given_names without family_name (put a single name in family_name or name)", field="family_name"
        )
    if not name and not family:
        raise InvalidInput("no name: give name, or family_name (and given_names)", field="name")
    birth: PartialDate | None = None
    if values.get("birth_date"):
        birth = PartialDate.parse(values["birth_date"])
        if birth.earliest() > today:
            raise InvalidInput("birth date %(date)s is in the future", field="birth_date", date=birth.iso())
    nationality = None
    if values.get("nationality"):
        nationality = mrz.icao_to_alpha2(values["nationality"].upper())
        if nationality is None:
            raise InvalidInput(
                "nationality %(code)s is not an ISO 3166-1 alpha-2 or alpha-3 country code",
                field="nationality",
                code=repr(values["nationality"]),
            )
    sex = None
    if values.get("sex"):
        sex = _SEXES.get(values["sex"].lower())
        if sex is None:
            raise InvalidInput("sex %(sex)s is not M, F, U or X", field="sex", sex=repr(values["sex"]))
    document = DocumentInfo(number=values["document_number"]) if values.get("document_number") else None
    extra = {
        str(key): _extra(value, str(key))
        for key, value in record.items()
        if key not in KNOWN_KEYS and value not in (None, "")
    }
    return ScreeningQuery(
        id=values.get("id") or str(line),
        name=name,
        family_name=family,
        given_names=given,
        birth_date=birth,
        nationality=nationality,
        sex=sex,
        document=document,
        source=f"{source}:line {line}",
        extra=extra,
    )


def _error_from(exc: InvalidInput, line: int) -> InputError:
    fld = exc.details.get("field")
    return InputError(line, as_text(exc), field=fld if isinstance(fld, str) else None)


# --- JSON Lines ------------------------------------------------------------------------------------


def _read_jsonl(text: str, today: date) -> ReadResult:
    result = ReadResult()
    for n, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as exc:
            reason = Text(N_("not JSON: %(reason)s at column %(column)s"), reason=exc.msg, column=exc.colno)
            result.errors.append(InputError(n, reason))
            continue
        except RecursionError:
            result.errors.append(InputError(n, Text(N_("not JSON: nested too deeply"))))
            continue
        if not isinstance(record, dict):
            got = Text(N_("expected a JSON object, got %(type)s"), type=type(record).__name__)
            result.errors.append(InputError(n, got))
            continue
        try:
            query = query_from_mapping(record, n, today, "jsonl")
        except InvalidInput as exc:
            result.errors.append(_error_from(exc, n))
            continue
        result.queries.append(query)
    return result


# --- CSV -------------------------------------------------------------------------------------------


def _split_header(first: str) -> list[str]:
    delimiter = max(",;\t|", key=first.count)
    return first.split(delimiter)


def _read_csv(text: str, today: date) -> ReadResult:
    result = ReadResult()
    lines = text.splitlines(keepends=True)
    first_index = next(i for i, line in enumerate(lines) if line.strip())
    header_line = lines[first_index]
    delimiter = max(",;\t|", key=header_line.count)
    reader = csv.reader(io.StringIO("".join(lines[first_index:])), delimiter=delimiter, strict=True)
    offset = first_index
    try:
        header = [h.strip().lower() for h in next(reader)]
    except csv.Error as exc:
        invalid = Text(N_("the header row is not valid CSV: %(reason)s"), reason=str(exc))
        result.errors.append(InputError(offset + 1, invalid))
        return result
    duplicates = sorted({h for h in header if header.count(h) > 1})
    problem = None
    if duplicates:
        problem = Text(N_("the header names %(columns)s more than once"), columns=", ".join(duplicates))
    elif "" in header:
        problem = Text(N_("the header has an empty column name"))
    elif not {"name", "family_name"} & set(header):
        problem = Text(
            N_("the header has no name or family_name column (it has: %(columns)s)"),
            columns=", ".join(header),
        )
    if problem:
        result.errors.append(InputError(offset + 1, problem, field="header"))
        return result
    while True:
        start = offset + reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            result.errors.append(InputError(start, Text(N_("not valid CSV: %(reason)s"), reason=str(exc))))
            break  # the csv module cannot resynchronise after a broken quote
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            fields = Text(
                N_("%(count)s fields where the header has %(header)s"), count=len(row), header=len(header)
            )
            result.errors.append(InputError(start, fields, field="row"))
            continue
        try:
            query = query_from_mapping(dict(zip(header, row, strict=True)), start, today, "csv")
        except InvalidInput as exc:
            result.errors.append(_error_from(exc, start))
            continue
        result.queries.append(query)
    return result


# --- MRZ and PAXLST --------------------------------------------------------------------------------


def _read_mrz(text: str, today: date) -> ReadResult:
    result = ReadResult()
    seen: set[str] = set()
    for entry in mrz.read_mrz(text, today):
        if entry.error is not None:
            problems = entry.error.problems
            result.errors.append(
                InputError(
                    entry.first_line,
                    as_text(entry.error),
                    field=problems[0].field if len(problems) == 1 else None,
                    lines=entry.lines,
                    details=tuple(str(p) for p in problems),
                )
            )
            continue
        assert entry.document is not None  # an entry holds a document or an error
        query_id = entry.document.document_number or f"line {entry.first_line}"
        if query_id in seen:
            query_id = f"{query_id}@line {entry.first_line}"
        seen.add(query_id)
        query = entry.document.to_query(query_id)
        result.queries.append(query)
        result.warnings.extend(InputWarning(entry.first_line, w, query.id) for w in entry.document.warnings)
    return result


def _read_paxlst(text: str, today: date) -> ReadResult:
    result = ReadResult()
    read = paxlst.read_paxlst(text, today)
    result.queries = read.queries
    for problem in read.errors:
        result.errors.append(InputError(problem.line, problem.reason, field=problem.segment or None))
    for problem in read.warnings:
        result.warnings.append(InputWarning(problem.line, problem.reason, problem.query_id))
    return result
