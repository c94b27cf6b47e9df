"""The declared schema of a notice's subject (domain/model.py ``spec``; docs/adding-a-field.md).

What is derived from it (the contract's models, the request JSON, the request form, the notice page's rows,
the labels of version comparisons) is checked to carry every declared field; what is written by hand (the
INTERPOL import, the public document, the FollowTheMoney export) is checked to carry exactly the fields the
schema says it carries, with their values, and none of the fields it declares ``LEFT_OUT``. A new field
therefore fails here until each mapping has been decided and, where declared, written.

The sample subject gives every declared field a value that is not its default, built from the field's type
and contract alone, so a new field of a plain type (text, a list of texts, a country, a number, a date, an
enumeration, a yes/no) needs no change to this file.
"""

from __future__ import annotations

import dataclasses
import json
import re
import types
import typing
from enum import Enum
from pathlib import Path
from typing import Any

import pytest

from rednotice.adapters.db.keys import key_rows
from rednotice.adapters.db.store import SqlNoticeRepository, public_term_rows
from rednotice.adapters.formats import ftm, interpol
from rednotice.adapters.formats.request_json import PhysicalIn, SubjectIn, parse_request
from rednotice.domain import versions
from rednotice.domain.dates import PartialDate
from rednotice.domain.lifecycle import Notice, State
from rednotice.domain.model import (
    LEFT_OUT,
    Charge,
    Contract,
    FieldSpec,
    Judicial,
    NoticeRequest,
    NoticeType,
    PhysicalDescription,
    Subject,
    Visibility,
    Widget,
    schema,
)
from rednotice.services import public
from rednotice.web import public_api
from rednotice.web.pages import forms, toolkit

TEMPLATES = Path(toolkit.__file__).parent.parent / "templates"
DECLARED = (Subject, PhysicalDescription)


def _all_specs() -> list[tuple[type, str, FieldSpec]]:
    return [(cls, name, spec) for cls in DECLARED for name, spec in schema(cls)]


# -- a sample subject: every field given, from its type and contract ----------------------------------------


def _without_none(hint: Any) -> Any:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return args[0]
    return hint


def _text(name: str, contract: Contract) -> str:
    if contract in (Contract.PERSON_COUNTRY, Contract.COUNTRY) or "country" in name:
        return "DZ"
    if contract is Contract.CODE:
        return "BRO"
    return f"Sample{name.replace('_', '')}"  # one word, found again wherever it is carried


def _value(name: str, hint: Any, spec: FieldSpec | None, default: Any) -> Any:
    contract = spec.contract if spec else Contract.SHORT
    inner = _without_none(hint)
    if typing.get_origin(inner) is tuple:
        return (_value(name, typing.get_args(inner)[0], spec, None),)
    if inner is str:
        return _text(name, contract)
    if inner is bool:
        return True
    if inner is float:
        low, high = spec.bounds if spec and spec.bounds else (0.0, 100.0)
        return round((low + high) / 2, 1)
    if inner is PartialDate:
        return PartialDate.parse("1980-05")
    if isinstance(inner, type) and issubclass(inner, Enum):
        return next(m for m in inner if m != default)
    if isinstance(inner, type) and dataclasses.is_dataclass(inner):
        return sample(inner)
    raise TypeError(f"{name}: give the sample a value for {hint!r}")


def sample(cls: type) -> Any:
    hints = typing.get_type_hints(cls)
    values = {}
    for f in dataclasses.fields(cls):
        spec = f.metadata.get("spec")
        values[f.name] = _value(f.name, hints[f.name], spec, f.default)
    return cls(**values)


SUBJECT: Subject = sample(Subject)
REQUEST = NoticeRequest(
    NoticeType.RED_NOTICE,
    "DZ",
    SUBJECT,
    judicial=Judicial(charges=(Charge("Homicide"),)),
    visibility=Visibility(public_extract=True),
)
NOTICE = Notice(id="2026/00042", request=REQUEST, state=State.PUBLISHED)


def _get(subject: Subject, cls: type, name: str) -> Any:
    return getattr(subject if cls is Subject else subject.physical_description, name)


# -- the declaration itself -------------------------------------------------------------------------------


def test_every_field_of_subject_and_physical_description_is_declared() -> None:
    for cls in DECLARED:
        assert [name for name, _ in schema(cls)] == [f.name for f in dataclasses.fields(cls)]


def test_the_sample_gives_every_field_a_value_other_than_its_default() -> None:
    for cls, name, _ in _all_specs():
        default = next(f for f in dataclasses.fields(cls) if f.name == name)
        if default.default is not dataclasses.MISSING:
            assert _get(SUBJECT, cls, name) != default.default, name


# -- derived: the contract, the request JSON, the form, the pages, the labels ------------------------------


def test_the_contract_models_have_one_field_per_declared_field_in_order() -> None:
    assert list(SubjectIn.model_fields) == [n for n, _ in schema(Subject)]
    assert list(PhysicalIn.model_fields) == [n for n, _ in schema(PhysicalDescription)]


def test_a_request_with_every_field_round_trips_through_the_contract_json() -> None:
    text = json.dumps(REQUEST.to_dict())
    assert parse_request(json.loads(text)) == REQUEST


def test_the_contract_keeps_a_declared_unique_list_once() -> None:
    data = REQUEST.to_dict()
    data["subject"]["nationalities"] = ["DZ", "FR", "DZ"]
    data["subject"]["profile"] = ["journalist", "journalist"]
    subject = parse_request(data).subject
    assert subject.nationalities == ("DZ", "FR")
    assert [p.value for p in subject.profile] == ["journalist"]


def test_the_form_shows_and_reads_back_every_field_it_declares() -> None:
    """Filled from the sample, posted back as it stands, the form gives the same request (the fields it
    does not show are carried over from the stored request)."""
    values = forms.values_from_request(REQUEST)
    data = forms.carry_over(forms.contract_json(values, REQUEST.requesting_country), REQUEST)
    assert parse_request(data) == REQUEST


def test_each_declared_widget_is_drawn_by_the_request_form() -> None:
    drawn = {f["name"] for f in forms.SUBJECT_FORM if f["widget"] in forms.SIMPLE_WIDGETS}
    assert drawn == set(forms.SUBJECT_INPUTS)
    # the custom ones are laid out by name in request_form.html and read by name in forms.py
    custom = {n for n, s in schema(Subject) if s.form is Widget.CUSTOM}
    assert custom == {"aliases", "date_of_birth", "identity_documents", "biometrics"}
    assert {n for n, s in schema(Subject) if s.form is Widget.GROUP} == {"physical_description"}
    assert {s.form for _, s in schema(PhysicalDescription)} <= forms.SIMPLE_WIDGETS


def test_the_notice_page_shows_every_field_by_hand_or_in_its_generic_rows() -> None:
    page = (TEMPLATES / "notice.html").read_text(encoding="utf-8")
    names = {n for n, _ in schema(Subject)}
    assert names >= toolkit.SUBJECT_LAID_OUT | toolkit.SUBJECT_NOT_ON_NOTICE_PAGE
    for name in toolkit.SUBJECT_LAID_OUT:
        assert re.search(rf"subject\.{name}\b", page), name
    shown = {label for label, _ in toolkit.subject_rows(SUBJECT)}
    labels = dict(schema(Subject))
    for name in names - toolkit.SUBJECT_LAID_OUT - toolkit.SUBJECT_NOT_ON_NOTICE_PAGE:
        assert labels[name].label in shown, name


def test_version_comparisons_label_every_field() -> None:
    for name, spec in schema(Subject):
        assert versions.LABELS[f"subject.{name}"] == spec.label


# -- checked: the INTERPOL import, the public document, the FollowTheMoney export ----------------------------


def test_interpol_detail_fields_are_the_declared_keys_and_the_named_others() -> None:
    declared = {s.interpol for _, _, s in _all_specs() if s.interpol is not LEFT_OUT}
    others = {"entity_id", "arrest_warrants", *interpol.DROPPED_FIELDS}
    assert declared | others == set(interpol.DETAIL_FIELDS)
    assert not declared & others


def test_the_public_document_serves_each_declared_interpol_key_and_imports_back_unchanged() -> None:
    detail = public.public_detail(NOTICE)
    reread = interpol.to_record(detail, interpol.Source("test"))
    assert isinstance(reread, interpol.InterpolRecord), reread
    for cls, name, spec in _all_specs():
        if spec.interpol is LEFT_OUT:
            continue
        assert detail.get(spec.interpol) not in (None, "", [], 0), (name, spec.interpol)
        assert _get(reread.request.subject, cls, name) == _get(SUBJECT, cls, name), name


def test_the_public_document_names_the_meaning_of_each_declared_interpol_key() -> None:
    """An imported notice's fields are served as INTERPOL wrote them while they still mean the same: every
    declared key has its meaning (services/public.py ``_MEANING``), and the public API's model its field."""
    declared = {s.interpol for _, _, s in _all_specs() if s.interpol is not LEFT_OUT}
    assert declared <= set(public._MEANING)
    assert declared <= set(public_api.NoticeDetail.model_fields)


@pytest.mark.parametrize(("cls", "name", "spec"), _all_specs(), ids=lambda v: getattr(v, "__name__", v))
def test_a_field_left_out_of_interpol_is_not_published(cls: type, name: str, spec: FieldSpec) -> None:
    if spec.interpol is not LEFT_OUT or not isinstance(_get(SUBJECT, cls, name), str | tuple):
        return
    value = _get(SUBJECT, cls, name)
    texts = [value] if isinstance(value, str) else [v for v in value if isinstance(v, str)]
    published = json.dumps(public.public_detail(NOTICE), ensure_ascii=False)
    for text in texts:
        if text.startswith("Sample"):
            assert text not in published, name


def test_the_ftm_person_carries_each_declared_property() -> None:
    person = ftm.entities(NOTICE, "https://rednotice.example")[0]
    props = person["properties"]
    for cls, name, spec in _all_specs():
        if spec.ftm is LEFT_OUT:
            continue
        assert props.get(spec.ftm), (name, spec.ftm)
        value = _get(SUBJECT, cls, name)
        if isinstance(value, str) and value.startswith("Sample"):
            assert any(value in v for v in props[spec.ftm]), (name, props[spec.ftm])


def test_a_field_left_out_of_ftm_is_not_exported() -> None:
    exported = json.dumps(ftm.entities(NOTICE, "https://rednotice.example"), ensure_ascii=False)
    for cls, name, spec in _all_specs():
        value = _get(SUBJECT, cls, name)
        if spec.ftm is LEFT_OUT and isinstance(value, tuple | str):
            texts = [value] if isinstance(value, str) else [v for v in value if isinstance(v, str)]
            for text in texts:
                if text.startswith("Sample"):
                    assert text not in exported, name


# -- checked: what the store indexes ------------------------------------------------------------------------


def _indexed(notice: Notice) -> tuple[Any, ...]:
    """What the SQL store derives from a notice to search it: its columns (without the stored JSON and the
    time written), its ``notice_keys`` rows and its public search terms."""
    columns = SqlNoticeRepository._columns(None, notice)  # type: ignore[arg-type]  # reads only the notice
    columns.pop("payload")
    columns.pop("updated_at")
    return (columns, key_rows(notice), public_term_rows(notice))


@pytest.mark.parametrize(("name", "spec"), schema(Subject), ids=lambda v: v if isinstance(v, str) else "")
def test_a_field_is_declared_searchable_exactly_when_the_store_indexes_it(name: str, spec: FieldSpec) -> None:
    base = Subject(family_name="Basefamily")
    changed = dataclasses.replace(base, **{name: getattr(SUBJECT, name)})

    def notice(subject: Subject) -> Notice:
        return dataclasses.replace(NOTICE, request=dataclasses.replace(REQUEST, subject=subject))

    assert (_indexed(notice(changed)) != _indexed(notice(base))) is spec.searchable, name
