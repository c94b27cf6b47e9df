"""The notice-request contract at the edge: pydantic validates outside JSON and builds domain objects.

Used by the CLI (``submit``, ``check``), the API (``POST /api/v1/requests``) and the store (loading).
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator

from rednotice.adapters.countries import normalise as normalise_country
from rednotice.domain import model as m
from rednotice.domain.dates import PartialDate
from rednotice.domain.errors import InvalidInput


def _no_control_characters(value: str) -> str:
    if any(ord(c) < 32 and c not in "\t\n\r" for c in value):
        raise ValueError("control characters (such as NUL) are not allowed in text")
    return value


Country = Annotated[str, AfterValidator(normalise_country)]
PersonCountry = Annotated[str, AfterValidator(lambda c: normalise_country(c, former_codes=True))]
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
        raise ValueError(exc.message) from exc


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


class PhysicalIn(_Model):
    height_m: float | None = Field(default=None, gt=0.3, lt=2.8)
    weight_kg: float | None = Field(default=None, gt=1, lt=500)
    eye_colours: list[Annotated[str, Field(max_length=8)]] = []
    hair_colours: list[Annotated[str, Field(max_length=8)]] = []
    distinguishing_marks: Text = ""


class BiometricsIn(_Model):
    photo: bool = False
    fingerprints: bool = False
    dna: bool = False


class RelationIn(_Model):
    notice_id: ShortText = Field(min_length=1)
    relation: m.RelationKind


class SubjectIn(_Model):
    family_name: ShortText = Field(min_length=1)
    given_names: ShortText = ""
    names_original_script: list[ShortText] = []
    aliases: list[NameIn] = []
    sex: m.Sex = m.Sex.UNKNOWN
    date_of_birth: PartialDateText = None
    place_of_birth: ShortText = ""
    country_of_birth: PersonCountry | None = None
    nationalities: list[PersonCountry] = []
    identity_documents: list[IdentityDocumentIn] = []
    physical_description: PhysicalIn | None = None
    biometrics: BiometricsIn = BiometricsIn()
    occupations: list[ShortText] = []
    profile: list[m.Profile] = []
    relations: list[RelationIn] = []


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
        s, j = self.subject, self.judicial
        pd = s.physical_description
        facts = j.facts or FactsIn()
        return m.NoticeRequest(
            type=self.type,
            requesting_country=self.requesting_country,
            language=self.language,
            subject=m.Subject(
                family_name=s.family_name,
                given_names=s.given_names,
                names_original_script=tuple(s.names_original_script),
                aliases=tuple(m.Name(a.family_name, a.given_names) for a in s.aliases),
                sex=s.sex,
                date_of_birth=_pd(s.date_of_birth),
                place_of_birth=s.place_of_birth,
                country_of_birth=s.country_of_birth,
                nationalities=tuple(dict.fromkeys(s.nationalities)),
                identity_documents=tuple(
                    m.IdentityDocument(d.kind, d.number, d.issuing_country) for d in s.identity_documents
                ),
                physical_description=None
                if pd is None
                else m.PhysicalDescription(
                    pd.height_m,
                    pd.weight_kg,
                    tuple(pd.eye_colours),
                    tuple(pd.hair_colours),
                    pd.distinguishing_marks,
                ),
                biometrics=m.Biometrics(s.biometrics.photo, s.biometrics.fingerprints, s.biometrics.dna),
                occupations=tuple(s.occupations),
                profile=tuple(dict.fromkeys(s.profile)),
                relations=tuple(m.Relation(r.notice_id, r.relation) for r in s.relations),
            ),
            judicial=m.Judicial(
                facts=m.Facts(facts.summary, _pd(facts.date), facts.place),
                charges=tuple(
                    m.Charge(c.offence, c.law, c.max_penalty_years, c.offence_original) for c in j.charges
                ),
                warrant=None
                if j.warrant is None
                else m.Warrant(
                    j.warrant.reference,
                    _pd(j.warrant.issued_on),
                    j.warrant.authority,
                    j.warrant.judicial,
                    j.warrant.appealable_to_judge,
                ),
                conviction=None
                if j.conviction is None
                else m.Conviction(
                    j.conviction.sentence_months,
                    j.conviction.remaining_months,
                    j.conviction.judgment_reference,
                    _pd(j.conviction.date),
                ),
            ),
            assurances=m.Assurances(
                self.assurances.extradition_will_be_sought, self.assurances.issuing_authority_competent
            ),
            visibility=m.Visibility(
                None if self.visibility.restricted_to is None else tuple(self.visibility.restricted_to),
                tuple(self.visibility.excluded_countries),
                self.visibility.public_extract,
            ),
        )


def subject_from(s: SubjectIn) -> m.Subject:
    """A subject alone (CCF filings, refugee confirmations, harassment reports), by the request's rules."""
    return (
        NoticeRequestIn(type=m.NoticeType.RED_NOTICE, requesting_country="FR", subject=s).to_domain().subject
    )


def _pd(text: str | None) -> PartialDate | None:
    return PartialDate.parse(text) if text else None


def explain(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors()[:10]:
        where = ".".join(str(p) for p in err["loc"]) or "(document)"
        parts.append(f"{where}: {err['msg']}")
    more = len(exc.errors()) - 10
    return "; ".join(parts) + (f"; and {more} more" if more > 0 else "")


def parse_request(data: Any) -> m.NoticeRequest:
    """Validate a decoded JSON value; raise InvalidInput naming every bad field."""
    if not isinstance(data, dict):
        raise InvalidInput("a notice request must be a JSON object")
    try:
        return NoticeRequestIn.model_validate(data).to_domain()
    except ValidationError as exc:
        raise InvalidInput(f"not a valid notice request: {explain(exc)}") from exc


def parse_request_text(text: str | bytes) -> m.NoticeRequest:
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"malformed JSON: {exc}") from exc
    return parse_request(data)
