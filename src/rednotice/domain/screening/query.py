"""What a border officer asks: one traveller, from a form, an MRZ, a manifest line, CSV or JSON Lines."""

from __future__ import annotations

from dataclasses import dataclass, field

from rednotice.domain.dates import PartialDate
from rednotice.domain.model import Sex


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """A travel document as read from a machine-readable zone or a manifest."""

    kind: str = ""
    """ICAO document code: P (passport), I/A/C (ID cards), V (visa)..."""
    number: str = ""
    issuing_country: str | None = None
    expiry: PartialDate | None = None


@dataclass(frozen=True, slots=True)
class ScreeningQuery:
    """One traveller to screen. Either ``name`` (free text, any order, any script) or ``family_name`` +
    ``given_names``. Birth date may be partial or missing; a missing one never hides a hit."""

    id: str = ""
    name: str = ""
    family_name: str = ""
    given_names: str = ""
    birth_date: PartialDate | None = None
    nationality: str | None = None
    """ISO 3166-1 alpha-2 (MRZ alpha-3 codes are converted at the edge)."""
    sex: Sex | None = None
    document: DocumentInfo | None = None
    source: str = ""
    """Where it came from: 'form', 'mrz:TD3', 'paxlst', 'csv:line 12'..."""
    extra: dict[str, str] = field(default_factory=dict)
    name_truncated: bool = False
    """The name may have been cut short: an MRZ name field that fills its width (ICAO 9303 truncates the
    last given names first). The matcher then lets the last given name match as a prefix."""

    def display_name(self) -> str:
        if self.name:
            return self.name
        return f"{self.family_name}, {self.given_names}".strip(", ")
