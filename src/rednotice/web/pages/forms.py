"""The request form: its fields, its values from a posted form or a stored request, and the contract JSON
built from it (with the errors of that contract mapped back to the fields)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import fields
from typing import Any

from pydantic import ValidationError
from starlette.datastructures import FormData

from rednotice.domain import errors as e
from rednotice.domain.model import (
    Contract,
    FieldSpec,
    NoticeRequest,
    NoticeType,
    PhysicalDescription,
    Sex,
    Subject,
    Widget,
    schema,
)
from rednotice.web.i18n import _, _l
from rednotice.web.pages.toolkit import form_text, form_texts

SIMPLE_WIDGETS = frozenset(
    {Widget.TEXT, Widget.TEXTAREA, Widget.LINES, Widget.CODES, Widget.COUNTRY, Widget.NUMBER, Widget.SELECT}
)
"""The widgets read and written here from the declared schema alone (each input named as its field)."""
SUBJECT_INPUTS = tuple(name for name, spec in schema(Subject) if spec.form in SIMPLE_WIDGETS)
PHYSICAL_INPUTS = tuple(name for name, spec in schema(PhysicalDescription) if spec.form in SIMPLE_WIDGETS)
_SPECS: dict[str, FieldSpec] = {**dict(schema(Subject)), **dict(schema(PhysicalDescription))}

FORM_FIELDS = (
    "type",
    *SUBJECT_INPUTS,
    "aliases",
    "dob_year",
    "dob_month",
    "dob_day",
    *PHYSICAL_INPUTS,
    "facts_summary",
    "facts_date",
    "facts_place",
    "warrant_reference",
    "warrant_issued_on",
    "warrant_authority",
    "warrant_judicial",
    "warrant_appealable",
    "extradition",
    "restricted_to",
    "language",
    "doc_kind",
    "doc_number",
    "doc_country",
)
BIOMETRICS = ("photo", "fingerprints", "dna")
ERROR_ANCHORS = {
    "date_of_birth": "f-dob_year",
    "charges": "charge-1-offence",
    "identity_document": "f-doc_kind",
    "physical_description": "f-height_m",
}
"""The input an error summary links to, where the error's key is not itself an input's name."""
CHARGE_FIELDS = ("offence", "law", "max_penalty_years", "offence_original")

# where a contract field's error is shown on the form
ERROR_TARGETS: dict[str, str] = {
    "type": "type",
    "requesting_country": "general",
    **{f"subject.{name}": name for name in SUBJECT_INPUTS},
    **{f"subject.physical_description.{name}": name for name in PHYSICAL_INPUTS},
    "subject.aliases": "aliases",
    "subject.aliases.family_name": "aliases",
    "subject.aliases.given_names": "aliases",
    "subject.date_of_birth": "date_of_birth",
    "subject.identity_documents": "identity_document",
    "subject.identity_documents.kind": "identity_document",
    "subject.identity_documents.number": "identity_document",
    "subject.identity_documents.issuing_country": "identity_document",
    "judicial.facts.summary": "facts_summary",
    "judicial.facts.date": "facts_date",
    "judicial.facts.place": "facts_place",
    "judicial.charges": "charges",
    "judicial.warrant.reference": "warrant_reference",
    "judicial.warrant.issued_on": "warrant_issued_on",
    "judicial.warrant.authority": "warrant_authority",
    "judicial.warrant.judicial": "warrant_judicial",
    "judicial.warrant.appealable_to_judge": "warrant_appealable",
    "assurances.extradition_will_be_sought": "extradition",
    "visibility.restricted_to": "restricted_to",
    "visibility.public_extract": "public_extract",
    "language": "language",
}

_INPUT_ATTRS: dict[Widget, dict[str, Any]] = {
    Widget.TEXT: {},
    Widget.TEXTAREA: {"rows": 2, "maxlength": 2000},
    Widget.LINES: {"rows": 2},
    Widget.CODES: {"maxlength": 200},
    Widget.COUNTRY: {"maxlength": 2, "extra_class": "field-short"},
    Widget.NUMBER: {"inputmode": "decimal", "maxlength": 6, "extra_class": "field-short"},
    Widget.SELECT: {},
}
"""How each widget is drawn (request_form.html's macros); INTERPOL's colour codes are shorter lists."""


def _inputs(cls: type) -> list[dict[str, Any]]:
    out = []
    for name, spec in schema(cls):
        attrs = dict(_INPUT_ATTRS.get(spec.form, {}))
        if spec.form is Widget.CODES and spec.contract is Contract.CODE:
            attrs["maxlength"] = 60
        out.append(
            {
                "name": name,
                "label": spec.label,
                "hint": spec.hint,
                "widget": spec.form.value,
                "required": spec.required,
                "attrs": attrs,
            }
        )
    return out


SUBJECT_FORM = _inputs(Subject)
"""The subject's fields in the form's order, for request_form.html (custom ones are laid out by name)."""
PHYSICAL_FORM = _inputs(PhysicalDescription)


def _from_text(spec: FieldSpec, text: str, default: Any) -> Any:
    """A simple widget's typed text as the contract's JSON value."""
    match spec.form:
        case Widget.LINES:
            return _lines(text)
        case Widget.CODES:
            return _split_codes(text)
        case Widget.COUNTRY:
            return text.upper() or None
        case Widget.NUMBER:
            return _number(text)
        case Widget.SELECT:
            return text or default.value
        case _:
            return text


def _to_text(spec: FieldSpec, value: Any) -> str:
    """A stored value as the simple widget shows it."""
    match spec.form:
        case Widget.LINES:
            return "\n".join(value)
        case Widget.CODES:
            return ", ".join(value)
        case Widget.NUMBER:
            return _num_text(value)
        case Widget.SELECT:
            return str(value.value)
        case _:
            return "" if value is None else str(value)


def _fields_from_form(cls: type, values: Mapping[str, Any]) -> dict[str, Any]:
    defaults = {f.name: f.default for f in fields(cls)}
    return {
        name: _from_text(spec, values[name], defaults[name])
        for name, spec in schema(cls)
        if spec.form in SIMPLE_WIDGETS
    }


def empty_form() -> dict[str, Any]:
    values: dict[str, Any] = dict.fromkeys(FORM_FIELDS, "")
    values.update(
        type=NoticeType.RED_NOTICE.value, sex=Sex.UNKNOWN.value, language="en", public_extract=False
    )
    values.update({f"bio_{name}": False for name in BIOMETRICS})
    values["charges"] = [dict.fromkeys(CHARGE_FIELDS, "")]
    return values


def form_values(form: FormData) -> dict[str, Any]:
    """What the officer typed, kept as typed so a form with errors comes back filled in."""
    values: dict[str, Any] = {name: form_text(form, name) for name in FORM_FIELDS}
    values["public_extract"] = form.get("public_extract") == "yes"
    for name in BIOMETRICS:
        values[f"bio_{name}"] = form.get(f"bio_{name}") == "yes"
    columns = [form_texts(form, f"charge_{name}") for name in CHARGE_FIELDS]
    rows = max((len(c) for c in columns), default=0)
    charges = [
        {name: (col[i] if i < len(col) else "") for name, col in zip(CHARGE_FIELDS, columns, strict=True)}
        for i in range(min(rows, 50))
    ]
    values["charges"] = charges or [dict.fromkeys(CHARGE_FIELDS, "")]
    return values


def _split_codes(text: str) -> list[str]:
    return [c.upper() for c in re.split(r"[\s,;]+", text) if c]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _tristate(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


def _number(value: str) -> str | None:
    """Empty means not stated; anything else goes to the contract's validation as typed."""
    return value.replace(",", ".") if value else None


def _birth_date(values: Mapping[str, Any]) -> str | None:
    year, month, day = (str(values[k]).strip() for k in ("dob_year", "dob_month", "dob_day"))
    if not (year or month or day):
        return None
    parts = [year or "?"]
    if month or day:
        parts.append(month.zfill(2) if month.isdigit() else (month or "?"))
    if day:
        parts.append(day.zfill(2) if day.isdigit() else day)
    return "-".join(parts)


def contract_json(values: Mapping[str, Any], country: str) -> dict[str, Any]:
    """Turn the form into the notice-request contract (shared/contracts/notice-request.md)."""
    aliases = []
    for line in _lines(values["aliases"]):
        family, _, given = line.partition(",")
        aliases.append({"family_name": family.strip(), "given_names": given.strip()})
    physical = _fields_from_form(PhysicalDescription, values)
    has_physical = any(v for v in physical.values())
    warrant = {
        "reference": values["warrant_reference"],
        "issued_on": values["warrant_issued_on"] or None,
        "authority": values["warrant_authority"],
        "judicial": _tristate(values["warrant_judicial"]),
        "appealable_to_judge": _tristate(values["warrant_appealable"]),
    }
    has_warrant = any(v not in ("", None) for v in warrant.values())
    restricted = _split_codes(values["restricted_to"])
    documents = []
    if values["doc_kind"] or values["doc_number"] or values["doc_country"]:
        documents.append(
            {
                "kind": values["doc_kind"],
                "number": values["doc_number"],
                "issuing_country": values["doc_country"].upper() or None,
            }
        )
    return {
        "type": values["type"],
        "requesting_country": country,
        "language": values["language"] or "en",
        "subject": {
            **_fields_from_form(Subject, values),
            "aliases": aliases,
            "date_of_birth": _birth_date(values),
            "identity_documents": documents,
            "physical_description": physical if has_physical else None,
            "biometrics": {name: bool(values[f"bio_{name}"]) for name in BIOMETRICS},
        },
        "judicial": {
            "facts": {
                "summary": values["facts_summary"],
                "date": values["facts_date"] or None,
                "place": values["facts_place"],
            },
            "charges": [
                {
                    "offence": c["offence"],
                    "law": c["law"],
                    "max_penalty_years": _number(c["max_penalty_years"]),
                    "offence_original": c["offence_original"],
                }
                for c in values["charges"]
                if any(c.values())
            ],
            "warrant": warrant if has_warrant else None,
        },
        "assurances": {"extradition_will_be_sought": _tristate(values["extradition"])},
        "visibility": {
            "restricted_to": restricted or None,
            "excluded_countries": [],
            "public_extract": bool(values["public_extract"]),
        },
    }


PYDANTIC_WORDS: dict[str, str] = {
    "string_too_short": _l("this is required"),
    "missing": _l("this is required"),
    "string_too_long": _l("this is too long"),
    "float_parsing": _l("give a number, e.g. 1.75"),
    "int_parsing": _l("give a whole number"),
    "greater_than": _l("give a number above zero"),
    "greater_than_equal": _l("give a number of zero or more"),
    "less_than_equal": _l("this number is too large"),
    "bool_parsing": _l("answer yes or no"),
    "literal_error": _l("choose one of the options offered"),
    "enum": _l("choose one of the options offered"),
}
"""What a person reads for the validation errors that pydantic words for programmers."""


def readable(err: Mapping[str, Any]) -> str:
    """One validation error in words for the person filling in the form (never pydantic's own wording)."""
    kind = str(err.get("type", ""))
    if kind in PYDANTIC_WORDS:
        return PYDANTIC_WORDS[kind]
    error = (err.get("ctx") or {}).get("error")
    first = error.args[0] if isinstance(error, Exception) and error.args else None
    if isinstance(
        first, e.Text
    ):  # a reason the contract wrote (a date, a country code): in the page's language
        return first.label()
    return str(err.get("msg", "invalid")).removeprefix("Value error, ")


def field_errors(exc: e.InvalidInput) -> dict[str, list[str]]:
    """Sort the contract's validation errors under the form fields they belong to."""
    out: dict[str, list[str]] = {}
    cause = exc.__cause__
    if not isinstance(cause, ValidationError):
        out.setdefault("general", []).append(exc.message)
        return out
    for err in cause.errors():
        loc = [p for p in err.get("loc", ()) if isinstance(p, str)]
        numbers = [p for p in err.get("loc", ()) if isinstance(p, int)]
        key = ".".join(loc)
        target = ERROR_TARGETS.get(key) or ERROR_TARGETS.get(".".join(loc[:2])) or "general"
        message = readable(err)
        if key.startswith("judicial.charges") and numbers:
            message = _("charge %(number)s, %(field)s: %(message)s") % {
                "number": numbers[0] + 1,
                "field": loc[-1].replace("_", " "),
                "message": message,
            }
        elif numbers:
            message = _("item %(number)s: %(message)s") % {"number": numbers[0] + 1, "message": message}
        elif target == "general":
            message = f"{key or _('request')}: {message}"
        out.setdefault(target, []).append(message)
    return out


def _form_checks(values: Mapping[str, Any]) -> dict[str, list[str]]:
    """What the contract allows but a request form must not send."""
    out: dict[str, list[str]] = {}
    if not any(c["offence"] for c in values["charges"]):
        out["charges"] = [_("give at least one charge (the offence as charged)")]
    if values["type"] not in {t.value for t in NoticeType}:
        out["type"] = [_("choose a red notice or a wanted-person diffusion")]
    return out


def _num_text(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def values_from_request(req: NoticeRequest) -> dict[str, Any]:
    """The form filled in with a stored request (to edit a draft or answer a request for information)."""
    s, j = req.subject, req.judicial
    values = empty_form()
    pd = s.physical_description
    doc = s.identity_documents[0] if s.identity_documents else None
    dob = s.date_of_birth.iso().split("-") if s.date_of_birth else []
    values.update(
        {name: _to_text(spec, getattr(s, name)) for name, spec in schema(Subject) if name in SUBJECT_INPUTS}
    )
    if pd is not None:
        values.update(
            {
                name: _to_text(spec, getattr(pd, name))
                for name, spec in schema(PhysicalDescription)
                if name in PHYSICAL_INPUTS
            }
        )
    values.update(
        type=req.type.value,
        language=req.language,
        aliases="\n".join(f"{a.family_name}, {a.given_names}".rstrip(", ") for a in s.aliases),
        dob_year=dob[0] if len(dob) > 0 and dob[0] != "?" else "",
        dob_month=dob[1] if len(dob) > 1 and dob[1] != "?" else "",
        dob_day=dob[2] if len(dob) > 2 else "",
        facts_summary=j.facts.summary,
        facts_date=j.facts.date.iso() if j.facts.date else "",
        facts_place=j.facts.place,
        warrant_reference=j.warrant.reference if j.warrant else "",
        warrant_issued_on=j.warrant.issued_on.iso() if j.warrant and j.warrant.issued_on else "",
        warrant_authority=j.warrant.authority if j.warrant else "",
        warrant_judicial=_yes_no(j.warrant.judicial) if j.warrant else "",
        warrant_appealable=_yes_no(j.warrant.appealable_to_judge) if j.warrant else "",
        extradition=_yes_no(req.assurances.extradition_will_be_sought),
        restricted_to=", ".join(req.visibility.restricted_to or ()),
        doc_kind=doc.kind if doc else "",
        doc_number=doc.number if doc else "",
        doc_country=(doc.issuing_country or "") if doc else "",
        public_extract=req.visibility.public_extract,
    )
    for name in BIOMETRICS:
        values[f"bio_{name}"] = bool(getattr(s.biometrics, name))
    values["charges"] = [
        {
            "offence": c.offence,
            "law": c.law,
            "max_penalty_years": _num_text(c.max_penalty_years),
            "offence_original": c.offence_original,
        }
        for c in j.charges
    ] or [dict.fromkeys(CHARGE_FIELDS, "")]
    return values


def carry_over(data: dict[str, Any], stored: NoticeRequest) -> dict[str, Any]:
    """What the form does not show is kept from the stored request (the subject's fields declared
    ``Widget.NONE``: occupations, profile, relations to other notices; a conviction, excluded countries,
    further identity documents...), not lost by an edit."""
    old = stored.to_dict()
    subject, judicial = data["subject"], data["judicial"]
    for key, spec in schema(Subject):
        if spec.form is Widget.NONE:
            subject[key] = old["subject"].get(key, [])
    subject["identity_documents"] = subject["identity_documents"] + old["subject"]["identity_documents"][1:]
    judicial["conviction"] = old["judicial"].get("conviction")
    data["visibility"]["excluded_countries"] = old["visibility"].get("excluded_countries", [])
    competent = old["assurances"].get("issuing_authority_competent")
    if competent is not None:
        data["assurances"]["issuing_authority_competent"] = competent
    return data
