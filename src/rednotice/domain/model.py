"""What a notice request says (../shared/contracts/notice-request.md) as cheap, immutable types.

Parsing and validation of outside input happen at the edge (rednotice.adapters.formats.request_json);
these classes trust their arguments and know how to turn themselves back into the contract's JSON.
"""

from __future__ import annotations

import re
from dataclasses import Field, dataclass, field, fields
from enum import StrEnum
from typing import Any

from rednotice.domain.dates import PartialDate
from rednotice.domain.errors import N_

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


# -- the declared schema of a notice's subject ------------------------------------------------------------
#
# Each field of ``Subject`` and ``PhysicalDescription`` says, in its metadata, what it is called, how the
# request form asks for it, what the contract allows in it, and its name in INTERPOL's public detail and in
# FollowTheMoney. The request JSON, the form, the notice page and the field labels of version comparisons
# are derived from it; the INTERPOL, public and FtM mappings are checked against it
# (tests/unit/test_notice_schema.py). docs/adding-a-field.md is the checklist.


class Widget(StrEnum):
    """How the request form asks for a field (``web/pages/forms.py`` turns each into text and back)."""

    TEXT = "text"
    """One line of text."""
    TEXTAREA = "textarea"
    """Free text over several lines."""
    LINES = "lines"
    """A list of texts, one per line."""
    CODES = "codes"
    """A list of codes (countries, INTERPOL colours) separated by commas or spaces, upper-cased."""
    COUNTRY = "country"
    """One ISO country code, upper-cased; empty is "not given"."""
    NUMBER = "number"
    """A number; a comma is read as the decimal point; empty is "not given"."""
    SELECT = "select"
    """One value of an enumeration."""
    CUSTOM = "custom"
    """Laid out and read by hand in the form (aliases, date of birth, identity document, biometrics)."""
    GROUP = "group"
    """A nested part whose own fields are on the form (the physical description)."""
    NONE = "none"
    """Not on the form: an edit keeps the stored value (occupations, profile, relations)."""


class Contract(StrEnum):
    """What the notice-request contract allows in a text (``adapters/formats/request_json.py``)."""

    SHORT = "short"
    """Up to 500 characters, no control characters."""
    LONG = "long"
    """Up to 10,000 characters, no control characters."""
    CODE = "code"
    """A code of up to 8 characters (INTERPOL's colour codes)."""
    PERSON_COUNTRY = "person_country"
    """An ISO 3166 country, current or former (YU, SU...): a nationality or a country of birth."""
    COUNTRY = "country"
    """A current ISO 3166 country."""
    OTHER = "other"
    """Given by the field's type (enumerations, booleans, nested parts, dates, numbers with bounds)."""


LEFT_OUT = None
"""The value of ``interpol=`` or ``ftm=`` for a field that mapping deliberately does not carry."""


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """What one field of the notice's subject is, beyond its Python type."""

    label: str
    """What people read (marked for translation; translated where shown)."""
    form: Widget
    interpol: str | None
    """Its key in INTERPOL's public detail document, or ``LEFT_OUT`` (INTERPOL publishes nothing for it)."""
    ftm: str | None
    """Its FollowTheMoney ``Person`` property, or ``LEFT_OUT``."""
    contract: Contract = Contract.SHORT
    required: bool = False
    """The contract refuses it empty."""
    unique: bool = False
    """A list whose repeated items are kept once (nationalities, profile)."""
    bounds: tuple[float, float] | None = None
    """A number's open interval (lower, upper), both excluded."""
    hint: str = ""
    """Shown under the form's input (marked for translation)."""
    searchable: bool = False
    """The store indexes it (its columns, ``notice_keys`` or public search terms): then the store, its fakes
    and perhaps a migration change too (docs/adding-a-field.md); a test checks the store agrees."""


def spec(
    *, label: str, form: Widget, interpol: str | None, ftm: str | None, **more: Any
) -> dict[str, FieldSpec]:
    """A declared field's metadata: ``field(default=..., metadata=spec(label=..., ...))``. ``interpol`` and
    ``ftm`` must be given, so that a new field cannot leave a mapping undecided."""
    return {"spec": FieldSpec(label, form, interpol, ftm, **more)}


def spec_of(f: Field[Any]) -> FieldSpec:
    found = f.metadata.get("spec")
    if not isinstance(found, FieldSpec):
        raise TypeError(f"field {f.name} has no FieldSpec")
    return found


def schema(cls: type) -> tuple[tuple[str, FieldSpec], ...]:
    """The declared fields of ``Subject`` or ``PhysicalDescription``, in order, with their specs."""
    return tuple((f.name, spec_of(f)) for f in fields(cls))


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
    height_m: float | None = field(
        default=None,
        metadata=spec(
            label=N_("Height (metres)"),
            form=Widget.NUMBER,
            interpol="height",
            ftm="height",
            contract=Contract.OTHER,
            bounds=(0.3, 2.8),
        ),
    )
    weight_kg: float | None = field(
        default=None,
        metadata=spec(
            label=N_("Weight (kg)"),
            form=Widget.NUMBER,
            interpol="weight",
            ftm="weight",
            contract=Contract.OTHER,
            bounds=(1, 500),
        ),
    )
    eye_colours: tuple[str, ...] = field(
        default=(),
        metadata=spec(
            label=N_("Eye colours"),
            form=Widget.CODES,
            interpol="eyes_colors_id",
            ftm="eyeColor",
            contract=Contract.CODE,
            hint=N_("INTERPOL codes, e.g. BRO, BLU"),
        ),
    )
    hair_colours: tuple[str, ...] = field(
        default=(),
        metadata=spec(
            label=N_("Hair colours"),
            form=Widget.CODES,
            interpol="hairs_id",
            ftm="hairColor",
            contract=Contract.CODE,
            hint=N_("INTERPOL codes, e.g. BLA, BRO"),
        ),
    )
    distinguishing_marks: str = field(
        default="",
        metadata=spec(
            label=N_("Distinguishing marks"),
            form=Widget.TEXTAREA,
            interpol="distinguishing_marks",
            ftm="notes",
            contract=Contract.LONG,
        ),
    )

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
    """The person a notice is about. Every field is declared with its :class:`FieldSpec`."""

    family_name: str = field(
        metadata=spec(
            searchable=True,
            label=N_("Family name"),
            form=Widget.TEXT,
            interpol="name",
            ftm="lastName",
            required=True,
        )
    )
    given_names: str = field(
        default="",
        metadata=spec(
            searchable=True, label=N_("Given names"), form=Widget.TEXT, interpol="forename", ftm="firstName"
        ),
    )
    names_original_script: tuple[str, ...] = field(
        default=(),
        metadata=spec(
            searchable=True,
            label=N_("Names in the original script"),
            form=Widget.LINES,
            interpol=LEFT_OUT,
            ftm="alias",
            hint=N_("As written in their own script (Arabic, Cyrillic, Han…), one per line."),
        ),
    )
    aliases: tuple[Name, ...] = field(
        default=(),
        metadata=spec(
            searchable=True,
            label=N_("Aliases"),
            form=Widget.CUSTOM,
            interpol=LEFT_OUT,
            ftm="alias",
            contract=Contract.OTHER,
            hint=N_("One per line: FAMILY NAME, given names"),
        ),
    )
    sex: Sex = field(
        default=Sex.UNKNOWN,
        metadata=spec(
            searchable=True,
            label=N_("Sex"),
            form=Widget.SELECT,
            interpol="sex_id",
            ftm="gender",
            contract=Contract.OTHER,
        ),
    )
    date_of_birth: PartialDate | None = field(
        default=None,
        metadata=spec(
            searchable=True,
            label=N_("Date of birth"),
            form=Widget.CUSTOM,
            interpol="date_of_birth",
            ftm="birthDate",
            contract=Contract.OTHER,
        ),
    )
    place_of_birth: str = field(
        default="",
        metadata=spec(
            label=N_("Place of birth"), form=Widget.TEXT, interpol="place_of_birth", ftm="birthPlace"
        ),
    )
    country_of_birth: str | None = field(
        default=None,
        metadata=spec(
            label=N_("Country of birth"),
            form=Widget.COUNTRY,
            interpol="country_of_birth_id",
            ftm="country",
            contract=Contract.PERSON_COUNTRY,
            hint=N_("Two-letter ISO code, e.g. FR"),
        ),
    )
    nationalities: tuple[str, ...] = field(
        default=(),
        metadata=spec(
            label=N_("Nationalities"),
            form=Widget.CODES,
            interpol="nationalities",
            ftm="nationality",
            contract=Contract.PERSON_COUNTRY,
            unique=True,
            hint=N_("Two-letter ISO codes separated by commas, e.g. FR, DZ"),
            searchable=True,
        ),
    )
    identity_documents: tuple[IdentityDocument, ...] = field(
        default=(),
        metadata=spec(
            label=N_("Identity documents"),
            form=Widget.CUSTOM,
            interpol=LEFT_OUT,
            ftm=LEFT_OUT,
            contract=Contract.OTHER,
        ),
    )
    physical_description: PhysicalDescription | None = field(
        default=None,
        metadata=spec(
            label=N_("Physical description"),
            form=Widget.GROUP,
            interpol=LEFT_OUT,
            ftm=LEFT_OUT,
            contract=Contract.OTHER,
        ),
    )
    biometrics: Biometrics = field(
        default_factory=Biometrics,
        metadata=spec(
            label=N_("Biometric identifiers held"),
            form=Widget.CUSTOM,
            interpol=LEFT_OUT,
            ftm=LEFT_OUT,
            contract=Contract.OTHER,
        ),
    )
    occupations: tuple[str, ...] = field(
        default=(), metadata=spec(label=N_("Occupations"), form=Widget.NONE, interpol=LEFT_OUT, ftm=LEFT_OUT)
    )
    profile: tuple[Profile, ...] = field(
        default=(),
        metadata=spec(
            label=N_("Profile"),
            form=Widget.NONE,
            interpol=LEFT_OUT,
            ftm=LEFT_OUT,
            contract=Contract.OTHER,
            unique=True,
        ),
    )
    relations: tuple[Relation, ...] = field(
        default=(),
        metadata=spec(
            label=N_("Relations to other notices"),
            form=Widget.NONE,
            interpol=LEFT_OUT,
            ftm=LEFT_OUT,
            contract=Contract.OTHER,
            searchable=True,
        ),
    )

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
