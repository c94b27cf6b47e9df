"""FollowTheMoney (FtM) entities for public extracts, one JSON object per line, as OpenSanctions' yente and
nomenklatura load them: ``{"id", "schema", "properties": {property: [values...]}}``.

For each public red notice: a ``Person``, and a ``Sanction`` per arrest warrant that points at it
(``entity``), as OpenSanctions' own INTERPOL crawler emits them. Built from the public detail document
(``services.public.public_detail``: what ``/notices/v1/red/{id}`` serves), plus aliases and names in the
original script: never the facts, the warrant's reference, the profile, relations or identity documents.
Hand-written dicts (no followthemoney dependency); the tests check the property names and value types
against FtM's schemata.

=====================  ==============================================================================
Person                 ``name`` (given + family), ``firstName``, ``lastName``, ``alias`` (aliases and
                       original-script names), ``birthDate`` (partial ISO: 1971, 1971-04, 1971-04-02),
                       ``birthPlace``, ``nationality`` and ``country`` (country of birth; lower-case
                       ISO-2, or FtM's code for a former country: ``yucs``, ``suhh``), ``gender``
                       (male/female; none when unknown), ``height`` (metres) and ``weight`` (kg) when
                       known, ``hairColor``, ``eyeColor`` (INTERPOL's codes), ``topics`` (crime, wanted),
                       ``notes`` (what a red notice is; distinguishing marks), ``sourceUrl``
Sanction               one per arrest warrant: ``entity``, ``authority`` (the country that issued the
                       warrant), ``authorityId`` (the notice id), ``program`` ("Red Notice"),
                       ``programId`` (``INTERPOL-RN``), ``country`` (the issuing country), ``reason``
                       (the charge and its translation), ``sourceUrl``, ``startDate`` (the notice's
                       date: its publication, or for a notice imported from INTERPOL the year in
                       INTERPOL's id, the only date INTERPOL publishes)
=====================  ==============================================================================
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from rednotice.adapters.countries import is_country, name_of
from rednotice.domain.lifecycle import Notice
from rednotice.domain.model import Sex

ID_PREFIX = "rednotice"
PROGRAM = "Red Notice"
PROGRAM_ID = "INTERPOL-RN"
"""OpenSanctions' key for INTERPOL's red notices."""
TOPICS = ("crime", "wanted")
GENDERS = {Sex.MALE: "male", Sex.FEMALE: "female"}
NOTE = (
    "Red notice (public extract) requested by {country}. A red notice is a request to locate and "
    "provisionally arrest a person pending extradition; it is not an arrest warrant."
)
AUTHORITY = "{country} (issuing country of the arrest warrant)"


def entity_id(notice_id: str) -> str:
    """``2026/00001`` -> ``rednotice-2026-00001``."""
    return f"{ID_PREFIX}-{notice_id.replace('/', '-')}"


def source_url(base_url: str, notice_id: str) -> str:
    return f"{base_url.rstrip('/')}/notices/v1/red/{notice_id.replace('/', '-')}"


FORMER_COUNTRIES = {
    "AN": "nl", "BU": "mm", "CS": "cshh", "DD": "dd", "DY": "bj", "HV": "bf", "JT": "um", "MI": "um",
    "NH": "vu", "NQ": "aq", "PZ": "pa", "RH": "zw", "SU": "suhh", "TP": "tl", "VD": "vn", "YU": "yucs",
    "ZR": "zr",
}  # fmt: skip
"""Former ISO 3166-3 codes as FollowTheMoney's country type writes them (followthemoney 4.11: its
``registry.country.clean`` of the lower-case code, which is what OpenSanctions' crawler gets when it adds
INTERPOL's ``YU``); former codes FtM does not know (CT, FQ, FX, NT, PC, PU, WK, YD) are left out."""


def ftm_country(code: Any) -> str | None:
    """FtM's country value: lower-case ISO-2; a former country as FtM writes it (YU -> ``yucs``, SU ->
    ``suhh``, DD -> ``dd``); None for anything else."""
    if not isinstance(code, str) or not code:
        return None
    if is_country(code):
        return code.lower()
    return FORMER_COUNTRIES.get(code)


def _measure(value: Any) -> str | None:
    """A height or weight as FtM's number text: ``1.83``, ``74.5``, ``90``; None when unknown (0)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not value:
        return None
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _props(**values: Iterable[str | None]) -> dict[str, list[str]]:
    """Properties as FtM wants them: lists of non-empty strings, no duplicates, empty ones left out."""
    out: dict[str, list[str]] = {}
    for key, items in values.items():
        kept: list[str] = []
        for item in items:
            text = (item or "").strip()
            if text and text not in kept:
                kept.append(text)
        if kept:
            out[key] = kept
    return out


def _texts(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def start_date(notice: Notice, imported: bool) -> str | None:
    """The notice's date: for a notice imported from INTERPOL, the year in its id (``2019/31842`` ->
    ``2019``: INTERPOL publishes no other date, and the import's own date says nothing about the
    notice); otherwise the day rednotice published it."""
    if imported:
        return notice.id[:4] if notice.id[:4].isdigit() else None
    return notice.published_at.date().isoformat() if notice.published_at else None


def entities(
    notice: Notice, base_url: str, detail: dict[str, Any] | None = None, imported: bool | None = None
) -> list[dict[str, Any]]:
    """The Person and its Sanctions for one public extract (the caller checks that it is public).
    ``detail`` is its public detail document (``public_detail``; computed when not given)."""
    from rednotice.services.public import public_detail  # the public document, as the API serves it

    if detail is None:
        detail = public_detail(notice)
    if imported is None:
        imported = any("imported from INTERPOL" in r.reasons for r in notice.history)
    s = notice.request.subject
    person_id = entity_id(notice.id)
    url = source_url(base_url, notice.id)
    notes = [NOTE.format(country=notice.requesting_country)]
    marks = detail.get("distinguishing_marks")
    if isinstance(marks, str) and marks.strip():
        notes.append(f"Distinguishing marks: {marks.strip()}")
    person = {
        "id": person_id,
        "schema": "Person",
        "properties": _props(
            name=[s.name.full()],
            firstName=[s.given_names],
            lastName=[s.family_name],
            alias=[*(a.full() for a in s.aliases), *s.names_original_script],
            birthDate=[s.date_of_birth.iso() if s.date_of_birth else None],
            birthPlace=[s.place_of_birth],
            nationality=[ftm_country(c) for c in s.nationalities],
            country=[ftm_country(s.country_of_birth)],
            gender=[GENDERS.get(s.sex)],
            height=[_measure(detail.get("height"))],
            weight=[_measure(detail.get("weight"))],
            hairColor=_texts(detail.get("hairs_id")),
            eyeColor=_texts(detail.get("eyes_colors_id")),
            topics=TOPICS,
            notes=notes,
            sourceUrl=[url],
        ),
    }
    warrants = [w for w in detail.get("arrest_warrants") or [] if isinstance(w, dict)]
    if not warrants:  # a notice with no charge still has its requester's warrant
        warrants = [{"issuing_country_id": notice.requesting_country}]
    sanctions = []
    started = start_date(notice, imported)
    for number, warrant in enumerate(warrants, start=1):
        issuer = warrant.get("issuing_country_id")
        issuer = issuer if isinstance(issuer, str) and issuer else notice.requesting_country
        suffix = "" if len(warrants) == 1 else f"-{number}"
        sanctions.append(
            {
                "id": f"{person_id}-red-notice{suffix}",
                "schema": "Sanction",
                "properties": _props(
                    entity=[person_id],
                    authority=[AUTHORITY.format(country=name_of(issuer) or issuer)],
                    authorityId=[notice.id],
                    program=[PROGRAM],
                    programId=[PROGRAM_ID],
                    country=[ftm_country(issuer)],
                    reason=[warrant.get("charge"), warrant.get("charge_translation")],
                    sourceUrl=[url],
                    startDate=[started],
                ),
            }
        )
    return [person, *sanctions]


def write(notices: Iterable[Notice | tuple[Notice, dict[str, Any]]], base_url: str, out: TextIO) -> int:
    """Write the entities as JSON Lines (a Person, then its Sanctions); return how many notices. Each item
    is a notice, or a notice with its public detail document (``services.public.public_extracts``)."""
    count = 0
    for item in notices:
        notice, detail = item if isinstance(item, tuple) else (item, None)
        for entity in entities(notice, base_url, detail):
            out.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    return count
