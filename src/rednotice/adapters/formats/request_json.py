"""The notice-request contract at the edge: pydantic validates outside JSON and builds domain objects.

Used by the CLI (``submit``, ``check``), the API (``POST /api/v1/requests``) and the store (loading).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
from collections.abc import Mapping
from types import UnionType
from typing import TYPE_CHECKING, Annotated, Any, TypeVar, Union, get_args, get_origin, get_type_hints

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    create_model,
    model_validator,
)

from rednotice.adapters.countries import normalise as normalise_country
from rednotice.domain import model as m
from rednotice.domain.dates import PartialDate
from rednotice.domain.errors import N_, InvalidInput
from rednotice.domain.errors import Text as Message


def _no_control_characters(value: str) -> str:
    if any(ord(c) < 32 and c not in "\t\n\r" for c in value):
        raise ValueError(Message(N_("control characters (such as NUL) are not allowed in text")))
    return value


def _country(code: str, former_codes: bool = False) -> str:
    try:
        return normalise_country(code, former_codes=former_codes)
    except ValueError as exc:
        raise ValueError(
            Message(N_("%(code)s is not an ISO 3166-1 alpha-2 country code"), code=repr(code))
        ) from exc


Country = Annotated[str, AfterValidator(_country)]
PersonCountry = Annotated[str, AfterValidator(lambda c: _country(c, former_codes=True))]
"""A nationality or country of birth: a current code, or a former one (YU, SU...) of a gone country."""
CHARGE_MAX = 4000
"""INTERPOL publishes charges of up to ~800 characters; 4,000 leaves room and still bounds the text."""
Text = Annotated[str, Field(max_length=10_000), AfterValidator(_no_control_characters)]
ShortText = Annotated[str, Field(max_length=500), AfterValidator(_no_control_characters)]
ChargeText = Annotated[str, Field(max_length=CHARGE_MAX), AfterValidator(_no_control_characters)]


def _date(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    try:
        return PartialDate.parse(value).iso()
    except InvalidInput as exc:
        given = exc.template
        raise ValueError(given if isinstance(given, Message) else Message(given, **exc.details)) from exc


PartialDateText = Annotated[str | None, AfterValidator(_date)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    @model_validator(mode="before")
    @classmethod
    def _null_means_not_given(cls, data: Any) -> Any:
        """JSON ``null`` for a field means "not given": the field's default applies (or it is required)."""
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if v is not None}
        return data


class NameIn(_Model):
    family_name: ShortText = Field(min_length=1)
    given_names: ShortText = ""


class IdentityDocumentIn(_Model):
    kind: ShortText = Field(min_length=1)
    number: ShortText = Field(min_length=1)
    issuing_country: Country | None = None


class BiometricsIn(_Model):
    photo: bool = False
    fingerprints: bool = False
    dna: bool = False


class RelationIn(_Model):
    notice_id: ShortText = Field(min_length=1)
    relation: m.RelationKind


# -- the subject's models, derived from its declared schema (domain/model.py ``spec``) -----------------------

_CONTRACT_TEXT: dict[m.Contract, Any] = {
    m.Contract.SHORT: ShortText,
    m.Contract.LONG: Text,
    m.Contract.CODE: Annotated[str, Field(max_length=8)],
    m.Contract.PERSON_COUNTRY: PersonCountry,
    m.Contract.COUNTRY: Country,
}
_PARTS: dict[type, type[BaseModel]] = {
    m.Name: NameIn,
    m.IdentityDocument: IdentityDocumentIn,
    m.Biometrics: BiometricsIn,
    m.Relation: RelationIn,
}
"""The contract's model of each part a declared field holds (``derived_model`` adds the ones it makes)."""


def _contract_field(hint: Any, f: dataclasses.Field[Any], spec: m.FieldSpec) -> tuple[Any, Any]:
    """The pydantic annotation and default of one declared field."""
    optional = _optional(hint)
    inner = _without_none(hint)
    if get_origin(inner) is tuple:
        item = get_args(inner)[0]
        item_type = _CONTRACT_TEXT[spec.contract] if item is str else _PARTS.get(item, item)
        return list[item_type], []  # type: ignore[valid-type]  # built at run time
    if inner is str:
        text = _CONTRACT_TEXT[spec.contract]
        if optional:
            return text | None, None
        return text, Field(min_length=1) if spec.required else f.default
    if inner is PartialDate:
        return PartialDateText, None
    if inner in _PARTS:
        part = _PARTS[inner]
        return (part | None, None) if optional else (part, part())
    if spec.bounds is not None:
        low, high = spec.bounds
        return hint, Field(default=f.default, gt=low, lt=high)
    return hint, f.default


def derived_model(name: str, cls: type) -> type[BaseModel]:
    """A contract model with one field per declared field of the dataclass ``cls``, in its order."""
    hints = get_type_hints(cls)
    made = create_model(  # type: ignore[call-overload]  # fields given as a mapping
        name,
        __base__=_Model,
        **{f.name: _contract_field(hints[f.name], f, m.spec_of(f)) for f in dataclasses.fields(cls)},
    )
    _PARTS[cls] = made
    return made  # type: ignore[no-any-return]


def _optional(hint: Any) -> bool:
    return get_origin(hint) in (Union, UnionType) and type(None) in get_args(hint)


def _without_none(hint: Any) -> Any:
    if get_origin(hint) in (Union, UnionType):
        args = [a for a in get_args(hint) if a is not type(None)]
        return args[0] if len(args) == 1 else hint
    return hint


T = TypeVar("T")


def to_domain(cls: type[T], data: BaseModel) -> T:
    """The domain object ``cls`` from a validated contract model with the same field names: lists become
    tuples (a declared ``unique`` list keeps each item once), dates become ``PartialDate``, parts are
    built the same way, a part not given (``null``) takes the dataclass's default when it cannot be None."""
    values: dict[str, Any] = {}
    for f, hint in _fields_of(cls):  # type: ignore[arg-type]  # a class is hashable
        values[f.name] = _domain_value(hint, getattr(data, f.name), f)
    return cls(**values)


@functools.cache
def _fields_of(cls: type) -> tuple[tuple[dataclasses.Field[Any], Any], ...]:
    """A dataclass's fields with their resolved type hints, once per class: ``get_type_hints`` evaluates
    every annotation again on each call, and was two thirds of reading a notice from the store."""
    hints = get_type_hints(cls)
    return tuple((f, hints[f.name]) for f in dataclasses.fields(cls))


def _domain_value(hint: Any, value: Any, f: dataclasses.Field[Any] | None) -> Any:
    if value is None:
        if f is None or _optional(hint):
            return None
        if f.default_factory is not dataclasses.MISSING:
            return f.default_factory()
        return f.default
    inner = _without_none(hint)
    if get_origin(inner) is tuple:
        items = [_domain_value(get_args(inner)[0], v, None) for v in value]
        spec = f.metadata.get("spec") if f is not None else None
        if isinstance(spec, m.FieldSpec) and spec.unique:
            items = list(dict.fromkeys(items))
        return tuple(items)
    if inner is PartialDate:
        return PartialDate.parse(value) if value else None
    if isinstance(inner, type) and dataclasses.is_dataclass(inner) and isinstance(value, BaseModel):
        return to_domain(inner, value)
    return value


PhysicalIn = derived_model("PhysicalIn", m.PhysicalDescription)
if TYPE_CHECKING:

    class SubjectIn(_Model):
        """Derived from ``m.Subject`` (below); its fields are the subject's."""

        def __getattr__(self, name: str) -> Any: ...

else:
    SubjectIn = derived_model("SubjectIn", m.Subject)
"""The subject as the contract takes it: one field per declared field of ``m.Subject``, in its order."""


class FactsIn(_Model):
    summary: Text = ""
    date: PartialDateText = None
    place: ShortText = ""


class ChargeIn(_Model):
    offence: ChargeText = Field(min_length=1)
    law: ShortText = ""
    max_penalty_years: float | None = Field(default=None, ge=0, le=1000)
    offence_original: ChargeText = ""


class WarrantIn(_Model):
    reference: ShortText = ""
    issued_on: PartialDateText = None
    authority: ShortText = ""
    judicial: bool | None = None
    appealable_to_judge: bool | None = None


class ConvictionIn(_Model):
    sentence_months: float | None = Field(default=None, ge=0, le=12_000)
    remaining_months: float | None = Field(default=None, ge=0, le=12_000)
    judgment_reference: ShortText = ""
    date: PartialDateText = None


class JudicialIn(_Model):
    facts: FactsIn | None = None
    charges: list[ChargeIn] = []
    warrant: WarrantIn | None = None
    conviction: ConvictionIn | None = None


class AssurancesIn(_Model):
    extradition_will_be_sought: bool | None = None
    issuing_authority_competent: bool | None = None


class VisibilityIn(_Model):
    restricted_to: list[Country] | None = None
    excluded_countries: list[Country] = []
    public_extract: bool = False


class NoticeRequestIn(_Model):
    """A notice request as an NCB sends it (../shared/contracts/notice-request.md)."""

    type: m.NoticeType
    requesting_country: Country
    subject: SubjectIn
    judicial: JudicialIn = JudicialIn()
    assurances: AssurancesIn = AssurancesIn()
    visibility: VisibilityIn = VisibilityIn()
    language: Annotated[str, Field(max_length=12)] = "en"

    def to_domain(self) -> m.NoticeRequest:
        return to_domain(m.NoticeRequest, self)


def subject_from(s: SubjectIn) -> m.Subject:
    """A subject alone (CCF filings, refugee confirmations, harassment reports), by the request's rules."""
    return (
        NoticeRequestIn(type=m.NoticeType.RED_NOTICE, requesting_country="FR", subject=s).to_domain().subject
    )


PROBLEMS: dict[str, str] = {
    "missing": N_("%(field)s is required"),
    "string_too_short": N_("%(field)s must have at least %(min)s characters"),
    "string_too_long": N_("%(field)s must have at most %(max)s characters"),
    "string_type": N_("%(field)s must be a text"),
    "int_parsing": N_("%(field)s must be a whole number"),
    "int_type": N_("%(field)s must be a whole number"),
    "int_from_float": N_("%(field)s must be a whole number"),
    "float_parsing": N_("%(field)s must be a number, e.g. 1.75"),
    "float_type": N_("%(field)s must be a number, e.g. 1.75"),
    "bool_parsing": N_("%(field)s must be true or false"),
    "bool_type": N_("%(field)s must be true or false"),
    "date_parsing": N_("%(field)s must be a date: YYYY-MM-DD"),
    "date_from_datetime_parsing": N_("%(field)s must be a date: YYYY-MM-DD"),
    "date_type": N_("%(field)s must be a date: YYYY-MM-DD"),
    "literal_error": N_("%(field)s must be one of %(expected)s"),
    "enum": N_("%(field)s must be one of %(expected)s"),
    "extra_forbidden": N_("%(field)s is not part of a notice request"),
    "list_type": N_("%(field)s must be a list"),
    "dict_type": N_("%(field)s must be an object with named fields"),
    "model_type": N_("%(field)s must be an object with named fields"),
    "model_attributes_type": N_("%(field)s must be an object with named fields"),
    "too_short": N_("%(field)s must have at least %(min)s items"),
    "too_long": N_("%(field)s must have at most %(max)s items"),
    "greater_than": N_("%(field)s must be more than %(limit)s"),
    "greater_than_equal": N_("%(field)s must be %(limit)s or more"),
    "less_than": N_("%(field)s must be less than %(limit)s"),
    "less_than_equal": N_("%(field)s must be %(limit)s or less"),
    "value_error": N_("%(field)s: %(reason)s"),
}
"""Each kind of validation error pydantic reports (its ``type``), in rednotice's words, naming the field."""
REQUIRED = N_("%(field)s is required")
"""A text field that must not be empty (pydantic: at least one character)."""
INVALID = N_("%(field)s is not valid: %(reason)s")
"""Any other kind: pydantic's own words kept as the reason."""
THE_DOCUMENT = N_("the document")
"""The field of an error about the whole document."""
AND_MORE = N_("and %(num)s more")
SHOWN = 10
"""How many validation errors a message names."""
_QUOTED = re.compile(r"'((?:[^'\\]|\\.)*)'")


def _expected(ctx: Mapping[str, Any]) -> str:
    """pydantic's "'a', 'b' or 'c'" without its English "or": the values, each quoted, joined by commas."""
    text = str(ctx.get("expected", ""))
    values = _QUOTED.findall(text)
    return ", ".join(f"'{v}'" for v in values) if values else text


def problem(err: Mapping[str, Any]) -> Message:
    """One validation error of pydantic in rednotice's words: the field (its path in the JSON document)
    and what is wrong with it, translated where it is shown (an ``errors.Text``)."""
    where: Any = ".".join(str(p) for p in err.get("loc", ())) or Message(THE_DOCUMENT)
    kind = str(err.get("type", ""))
    ctx: Mapping[str, Any] = err.get("ctx") or {}
    template = PROBLEMS.get(kind)
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        template = REQUIRED
    if template is None:
        return Message(INVALID, field=where, reason=str(err.get("msg", "")))
    values: dict[str, Any] = {"field": where}
    if kind == "value_error":
        error = ctx.get("error")
        first = error.args[0] if isinstance(error, Exception) and error.args else None
        values["reason"] = (
            first
            if isinstance(first, Message)
            else str(error or err.get("msg", "")).removeprefix("Value error, ")
        )
    elif kind in ("literal_error", "enum"):
        values["expected"] = _expected(ctx)
    elif kind in ("string_too_short", "too_short"):
        values["min"] = ctx.get("min_length", "")
    elif kind in ("string_too_long", "too_long"):
        values["max"] = ctx.get("max_length", "")
    elif kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        limit = next((ctx[k] for k in ("gt", "ge", "lt", "le") if k in ctx), "")
        values["limit"] = int(limit) if isinstance(limit, float) and limit.is_integer() else limit
    return Message(template, **values)


def explain(exc: ValidationError) -> Message:
    """The first :data:`SHOWN` validation errors as one message ("; "), each translated where it is shown;
    as a string, English (the API's ``details.problems``)."""
    errors = exc.errors()
    parts = [problem(err) for err in errors[:SHOWN]]
    if len(errors) > SHOWN:
        parts.append(Message(AND_MORE, num=len(errors) - SHOWN))
    return Message.joined("; ", parts)


def parse_request(data: Any) -> m.NoticeRequest:
    """Validate a decoded JSON value; raise InvalidInput naming every bad field."""
    if not isinstance(data, dict):
        raise InvalidInput("a notice request must be a JSON object")
    try:
        return NoticeRequestIn.model_validate(data).to_domain()
    except ValidationError as exc:
        raise InvalidInput("not a valid notice request: %(problems)s", problems=explain(exc)) from exc


def parse_request_text(text: str | bytes) -> m.NoticeRequest:
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InvalidInput("malformed JSON: %(reason)s", reason=str(exc)) from exc
    return parse_request(data)
