"""Small factories for tests: a complete, valid notice request and variations of it."""

from __future__ import annotations

import copy
from typing import Any, Protocol

from rednotice.adapters.formats.request_json import parse_request
from rednotice.domain.model import NoticeRequest
from rednotice.services.ports import UnitOfWork


class OpensUnitsOfWork(Protocol):
    """What scenario builders need: ``bootstrap.Store``, or a contract test's ``Backend`` (the fakes)."""

    def uow(self) -> UnitOfWork: ...


BASE: dict[str, Any] = {
    "type": "red_notice",
    "requesting_country": "FR",
    "subject": {
        "family_name": "DURAND",
        "given_names": "Paul Henri",
        "names_original_script": [],
        "aliases": [{"family_name": "DURANT", "given_names": "Paul"}],
        "sex": "M",
        "date_of_birth": "1971-04-02",
        "place_of_birth": "Lyon",
        "country_of_birth": "FR",
        "nationalities": ["FR"],
        "identity_documents": [{"kind": "passport", "number": "14AB12345", "issuing_country": "FR"}],
        "physical_description": {
            "height_m": 1.80,
            "weight_kg": 82,
            "eye_colours": ["BLU"],
            "hair_colours": ["BRO"],
            "distinguishing_marks": "scar on left hand",
        },
        "occupations": ["accountant"],
        "profile": [],
        "relations": [],
    },
    "judicial": {
        "facts": {
            "summary": "On 14 March 2021 in Lyon, the subject shot and killed the owner of a bakery.",
            "date": "2021-03-14",
            "place": "Lyon, France",
        },
        "charges": [{"offence": "Murder", "law": "Penal Code art. 221-1", "max_penalty_years": 30}],
        "warrant": {
            "reference": "MA-2021-0042",
            "issued_on": "2021-06-01",
            "authority": "Investigating judge, Lyon Judicial Court",
            "judicial": True,
        },
        "conviction": None,
    },
    "assurances": {"extradition_will_be_sought": True},
    "visibility": {"restricted_to": None, "excluded_countries": [], "public_extract": False},
}


def request_dict(**overrides: Any) -> dict[str, Any]:
    """A valid request; ``overrides`` use dotted paths: ``request_dict(**{"subject.sex": "F"})``."""
    data = copy.deepcopy(BASE)
    for path, value in overrides.items():
        target = data
        *parents, last = path.split(".")
        for key in parents:
            target = target[key]
        target[last] = value
    return data


def make_request(**overrides: Any) -> NoticeRequest:
    return parse_request(request_dict(**overrides))


def chinese_request() -> NoticeRequest:
    return make_request(
        **{
            "requesting_country": "CN",
            "subject.family_name": "LIU",
            "subject.given_names": "Mei",
            "subject.names_original_script": ["刘梅"],
            "subject.aliases": [{"family_name": "LAU", "given_names": "Mui"}],
            "subject.nationalities": ["CN"],
            "subject.sex": "F",
            "subject.date_of_birth": "1971-04",
        }
    )
