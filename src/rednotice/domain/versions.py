"""What changed between two versions of a notice request (issue 16, item 5).

An NCB answers "more information requested" by submitting a new version; the reviewer sees, field by field,
what the new version changed. Short values are shown before and after; the summary of facts and the
charges are compared as text (``difflib``): the words or lines removed and added.

Pure: works on the contract's JSON shape (``NoticeRequest.to_dict()``), the form in which versions are
kept with the review records.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from rednotice.domain.model import Subject, schema


class Op(StrEnum):
    SAME = "same"
    REMOVED = "removed"
    ADDED = "added"


@dataclass(frozen=True, slots=True)
class Segment:
    op: Op
    text: str


@dataclass(frozen=True, slots=True)
class FieldChange:
    path: str
    """Where in the contract (``subject.family_name``, ``judicial.charges``)."""
    label: str
    before: str
    after: str
    segments: tuple[Segment, ...] = ()
    """For text compared word by word (the facts) or line by line (the charges): the diff; else empty."""

    @property
    def is_text(self) -> bool:
        return bool(self.segments)


LABELS: dict[str, str] = {
    "language": "Language",
    **{f"subject.{name}": spec.label for name, spec in schema(Subject)},
    "judicial.facts.summary": "Summary of facts",
    "judicial.facts.date": "Date of the facts",
    "judicial.facts.place": "Place of the facts",
    "judicial.charges": "Charges",
    "judicial.warrant": "Arrest warrant",
    "judicial.conviction": "Conviction",
    "assurances.extradition_will_be_sought": "Extradition will be sought",
    "assurances.issuing_authority_competent": "Issuing authority competent",
    "visibility.restricted_to": "Restricted to",
    "visibility.excluded_countries": "Excluded countries",
    "visibility.public_extract": "Public extract",
}
"""Every compared field, in the order the reviewer reads them. Fields not listed are compared too, after."""

WORD_DIFF = frozenset({"judicial.facts.summary", "subject.physical_description"})
LINE_DIFF = frozenset({"judicial.charges"})


def _get(data: Mapping[str, Any], path: str) -> Any:
    value: Any = data
    for part in path.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def _scalar(value: Any) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, Mapping):
        parts = [f"{k.replace('_', ' ')}: {_scalar(v)}" for k, v in value.items() if _scalar(v)]
        return "; ".join(parts)
    if isinstance(value, list | tuple):
        return ", ".join(s for s in (_scalar(v) for v in value) if s)
    return str(value)


def charge_line(charge: Mapping[str, Any]) -> str:
    """One charge as one line of text: offence; law; maximum penalty; original wording."""
    parts = [str(charge.get("offence") or "").strip()]
    if charge.get("law"):
        parts.append(f"law: {charge['law']}")
    penalty = charge.get("max_penalty_years")
    if penalty not in (None, ""):
        parts.append(f"maximum {_scalar(penalty)} years")
    if charge.get("offence_original"):
        parts.append(f"original: {charge['offence_original']}")
    return " — ".join(parts)


def _render(path: str, value: Any) -> str:
    if path in LINE_DIFF:
        return "\n".join(charge_line(c) for c in value or [] if isinstance(c, Mapping))
    if path == "subject.aliases":
        return "; ".join(
            ", ".join(x for x in (str(a.get("family_name") or ""), str(a.get("given_names") or "")) if x)
            for a in value or []
            if isinstance(a, Mapping)
        )
    if path == "subject.biometrics" and isinstance(value, Mapping):
        return ", ".join(k for k, v in value.items() if v) or "none"
    if path == "visibility.restricted_to" and value is None:
        return "every member country"
    return _scalar(value)


_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")


def word_diff(before: str, after: str) -> tuple[Segment, ...]:
    """Word by word (spaces kept): what stayed, what was removed, what was added."""
    a, b = _TOKENS.findall(before), _TOKENS.findall(after)
    out: list[Segment] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(Segment(Op.SAME, "".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(Segment(Op.REMOVED, "".join(a[i1:i2])))
        if j2 > j1:
            out.append(Segment(Op.ADDED, "".join(b[j1:j2])))
    return tuple(_merge(out))


def line_diff(before: str, after: str) -> tuple[Segment, ...]:
    """Line by line (``difflib.ndiff``): one segment per line, unchanged lines kept for context."""
    out = []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        code, text = line[:2], line[2:]
        if code == "  ":
            out.append(Segment(Op.SAME, text))
        elif code == "- ":
            out.append(Segment(Op.REMOVED, text))
        elif code == "+ ":
            out.append(Segment(Op.ADDED, text))
    return tuple(out)


def _merge(segments: Sequence[Segment]) -> list[Segment]:
    out: list[Segment] = []
    for s in segments:
        if out and out[-1].op is s.op:
            out[-1] = Segment(s.op, out[-1].text + s.text)
        elif s.text:
            out.append(s)
    return out


def _paths(data: Mapping[str, Any]) -> list[str]:
    """The compared fields: the labelled ones, then any other leaf of the contract (a field added to the
    contract later is compared too, not silently ignored)."""
    extra: list[str] = []

    def walk(value: Any, prefix: str) -> None:
        if prefix in LABELS or prefix in ("type", "requesting_country"):
            return
        if isinstance(value, Mapping):
            for k, v in value.items():
                walk(v, f"{prefix}.{k}" if prefix else str(k))
        elif prefix:
            extra.append(prefix)

    walk(data, "")
    return list(LABELS) + [p for p in extra if p not in LABELS]


def diff_requests(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[FieldChange]:
    """Every field whose value differs between two versions of a request, in reading order."""
    out = []
    first = _paths(before)
    paths = first + [p for p in _paths(after) if p not in first]
    for path in paths:
        old, new = _get(before, path), _get(after, path)
        a, b = _render(path, old), _render(path, new)
        if a == b:
            continue
        label = LABELS.get(path) or path.rsplit(".", 1)[-1].replace("_", " ").capitalize()
        segments: tuple[Segment, ...] = ()
        if path in LINE_DIFF:
            segments = line_diff(a, b)
        elif path in WORD_DIFF:
            segments = word_diff(a, b)
        out.append(FieldChange(path, label, a, b, segments))
    return out
