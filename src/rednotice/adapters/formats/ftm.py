"""FollowTheMoney (FtM) entities for public extracts, one JSON object per line, as OpenSanctions' yente and
nomenklatura load them: ``{"id", "schema", "properties": {property: [values...]}}``.

For each public red notice: a ``Person`` and a ``Sanction`` that points at it (``entity``). Only the
public extract's fields are used (services/public.py): never the facts, the warrant's reference, the
profile, relations or identity documents. Hand-written dicts (no followthemoney dependency); the tests
check the property names against FtM's schemata.

=====================  ==============================================================================
Person                 ``name`` (given + family), ``firstName``, ``lastName``, ``alias`` (aliases and
                       original-script names), ``birthDate`` (partial ISO: 1971, 1971-04, 1971-04-02),
                       ``birthPlace``, ``nationality`` (lower-case ISO-2), ``gender`` (male/female;
                       none when unknown), ``topics`` (crime, wanted), ``notes``, ``sourceUrl``
Sanction               ``entity``, ``authority``, ``authorityId`` (the notice id), ``program``
                       ("Red Notice"), ``country`` (the requesting country), ``reason`` (the charges),
                       ``sourceUrl``, ``startDate`` (publication date)
=====================  ==============================================================================
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from rednotice.domain.lifecycle import Notice
from rednotice.domain.model import Sex

ID_PREFIX = "rednotice"
AUTHORITY = "rednotice (INTERPOL-style red notice process)"
PROGRAM = "Red Notice"
TOPICS = ("crime", "wanted")
GENDERS = {Sex.MALE: "male", Sex.FEMALE: "female"}
NOTE = (
    "Red notice (public extract) requested by {country}. A red notice is a request to locate and "
    "provisionally arrest a person pending extradition; it is not an arrest warrant."
)


def entity_id(notice_id: str) -> str:
    """``2026/00001`` -> ``rednotice-2026-00001``."""
    return f"{ID_PREFIX}-{notice_id.replace('/', '-')}"


def source_url(base_url: str, notice_id: str) -> str:
    return f"{base_url.rstrip('/')}/notices/v1/red/{notice_id.replace('/', '-')}"


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


def entities(notice: Notice, base_url: str) -> list[dict[str, Any]]:
    """The Person and the Sanction for one public extract (the caller checks that it is public)."""
    s = notice.request.subject
    person_id = entity_id(notice.id)
    url = source_url(base_url, notice.id)
    pd = s.physical_description
    notes = [NOTE.format(country=notice.requesting_country)]
    if pd is not None and pd.distinguishing_marks.strip():
        notes.append(f"Distinguishing marks: {pd.distinguishing_marks.strip()}")
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
            nationality=[c.lower() for c in s.nationalities],
            gender=[GENDERS.get(s.sex)],
            topics=TOPICS,
            notes=notes,
            sourceUrl=[url],
        ),
    }
    reasons = []
    for c in notice.request.judicial.charges:
        reasons.append(c.offence)
        reasons.append(c.offence_original)
    sanction = {
        "id": f"{person_id}-red-notice",
        "schema": "Sanction",
        "properties": _props(
            entity=[person_id],
            authority=[AUTHORITY],
            authorityId=[notice.id],
            program=[PROGRAM],
            country=[notice.requesting_country.lower()],
            reason=reasons,
            sourceUrl=[url],
            startDate=[notice.published_at.date().isoformat() if notice.published_at else None],
        ),
    }
    return [person, sanction]


def write(notices: Iterable[Notice], base_url: str, out: TextIO) -> int:
    """Write the entities as JSON Lines (a Person, then its Sanction); return how many notices."""
    count = 0
    for notice in notices:
        for entity in entities(notice, base_url):
            out.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    return count
