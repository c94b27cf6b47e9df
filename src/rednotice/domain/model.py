"""What a notice request says (../shared/contracts/notice-request.md) as cheap, immutable types.

Parsing and validation of outside input happen at the edge (rednotice.adapters.formats.request_json);
these classes trust their arguments and know how to turn themselves back into the contract's JSON.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from rednotice.domain.dates import PartialDate

_NOTICE_REF = re.compile(r"^(\d{4})[-/](\d{1,10})$")


def notice_id_from_ref(ref: str) -> str | None:
    """``2026-00001`` (INTERPOL's URL form) or ``2026/00001`` to ``2026/00001``; None if ``ref`` is not a
    notice reference."""
    m = _NOTICE_REF.match(ref.strip())
    return f"{m.group(1)}/{m.group(2)}" if m else None


def url_ref(notice_id: str) -> str:
    """``2026/00001`` is written ``2026-00001`` in URLs."""
    return notice_id.replace("/", "-")


class NoticeType(StrEnum):
    RED_NOTICE = "red_notice"
    WANTED_PERSON_DIFFUSION = "wanted_person_diffusion"


class Sex(StrEnum):
    MALE = "M"
    FEMALE = "F"
    UNKNOWN = "U"


class Profile(StrEnum):
    """What the requester or the record says the person is (warning signs for Art. 3 review)."""

    JOURNALIST = "journalist"
    POLITICAL_ACTIVIST = "political_activist"
    OPPOSITION_POLITICIAN = "opposition_politician"
    HUMAN_RIGHTS_DEFENDER = "human_rights_defender"
    RELIGIOUS_LEADER = "religious_leader"
    ETHNIC_COMMUNITY_LEADER = "ethnic_community_leader"
    FORMER_OFFICIAL = "former_official"
    BUSINESSPERSON = "businessperson"
    REFUGEE = "refugee"
    ASYLUM_SEEKER = "asylum_seeker"


class RelationKind(StrEnum):
    SPOUSE = "spouse"
    CHILD = "child"
    PARENT = "parent"
    SIBLING = "sibling"
    OTHER_RELATIVE = "other_relative"
    ASSOCIATE = "associate"


@dataclass(frozen=True, slots=True)
class Name:
    family_name: str
    given_names: str = ""

    def full(self) -> str:
        return f"{self.given_names} {self.family_name}".strip()


@dataclass(frozen=True, slots=True)
class IdentityDocument:
    kind: str
    number: str
    issuing_country: str | None = None


@dataclass(frozen=True, slots=True)
class PhysicalDescription:
    height_m: float | None = None
    weight_kg: float | None = None
    eye_colours: tuple[str, ...] = ()
    hair_colours: tuple[str, ...] = ()
    distinguishing_marks: str = ""

    def is_empty(self) -> bool:
        return (
            self.height_m is None
            and self.weight_kg is None
            and not self.eye_colours
            and not self.hair_colours
            and not self.distinguishing_marks.strip()
        )


@dataclass(frozen=True, slots=True)
class Biometrics:
    """Which biometric identifiers the requester holds (Art. 83(2)(a)); the data itself stays with them."""

    photo: bool = False
    fingerprints: bool = False
    dna: bool = False


@dataclass(frozen=True, slots=True)
class Relation:
    notice_id: str
    relation: RelationKind


@dataclass(frozen=True, slots=True)
class Subject:
    family_name: str
    given_names: str = ""
    names_original_script: tuple[str, ...] = ()
    aliases: tuple[Name, ...] = ()
    sex: Sex = Sex.UNKNOWN
    date_of_birth: PartialDate | None = None
    place_of_birth: str = ""
    country_of_birth: str | None = None
    nationalities: tuple[str, ...] = ()
    identity_documents: tuple[IdentityDocument, ...] = ()
    physical_description: PhysicalDescription | None = None
    biometrics: Biometrics = field(default_factory=Biometrics)
    occupations: tuple[str, ...] = ()
    profile: tuple[Profile, ...] = ()
    relations: tuple[Relation, ...] = ()

    @property
    def name(self) -> Name:
        return Name(self.family_name, self.given_names)

    def all_names(self) -> tuple[Name, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Facts:
    summary: str = ""
    date: PartialDate | None = None
    place: str = ""


@dataclass(frozen=True, slots=True)
class Charge:
    offence: str
    law: str = ""
    max_penalty_years: float | None = None
    offence_original: str = ""
    """The offence as written in the requester's language, where given."""


@dataclass(frozen=True, slots=True)
class Warrant:
    reference: str = ""
    issued_on: PartialDate | None = None
    authority: str = ""
    judicial: bool | None = None
    """False where no judge issued it; None where the requester did not say."""
    appealable_to_judge: bool | None = None
    """For a non-judicial warrant: can it be appealed to a judge (Art. 84)?"""


@dataclass(frozen=True, slots=True)
class Conviction:
    sentence_months: float | None = None
    remaining_months: float | None = None
    judgment_reference: str = ""
    date: PartialDate | None = None


@dataclass(frozen=True, slots=True)
class Judicial:
    facts: Facts = field(default_factory=Facts)
    charges: tuple[Charge, ...] = ()
    warrant: Warrant | None = None
    conviction: Conviction | None = None


@dataclass(frozen=True, slots=True)
class Assurances:
    extradition_will_be_sought: bool | None = None
    issuing_authority_competent: bool | None = None


@dataclass(frozen=True, slots=True)
class Visibility:
    restricted_to: tuple[str, ...] | None = None
    """Countries (ISO-2) that may see it; None means every member country."""
    excluded_countries: tuple[str, ...] = ()
    public_extract: bool = False

    def allows(self, country: str) -> bool:
        if country in self.excluded_countries:
            return False
        return self.restricted_to is None or country in self.restricted_to


@dataclass(frozen=True, slots=True)
class NoticeRequest:
    type: NoticeType
    requesting_country: str
    subject: Subject
    judicial: Judicial = field(default_factory=Judicial)
    assurances: Assurances = field(default_factory=Assurances)
    visibility: Visibility = field(default_factory=Visibility)
    language: str = "en"

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON shape (dates as partial ISO strings)."""
        return _to_json(self)  # type: ignore[no-any-return]


def _to_json(value: Any) -> Any:
    if isinstance(value, PartialDate):
        return value.iso()
    if isinstance(value, StrEnum):
        return value.value
    if hasattr(value, "__dataclass_fields__"):
        return {name: _to_json(getattr(value, name)) for name in value.__dataclass_fields__}
    if isinstance(value, tuple | list):
        return [_to_json(v) for v in value]
    return value
