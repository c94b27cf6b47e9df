"""ISO 3166-1 alpha-2 countries, from pycountry, plus the user-assigned codes INTERPOL members use."""

from __future__ import annotations

from functools import cache

import pycountry

EXTRA = {"XK": "Kosovo"}


@cache
def names() -> dict[str, str]:
    out = {c.alpha_2: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    out.update(EXTRA)
    return out


def is_country(code: str) -> bool:
    return code in names()


def name_of(code: str | None) -> str:
    if not code:
        return ""
    return names().get(code, code)


def normalise(code: str) -> str:
    """Upper-case and check; raise ValueError with a readable message if unknown."""
    up = code.strip().upper()
    if not is_country(up):
        raise ValueError(f"{code!r} is not an ISO 3166-1 alpha-2 country code")
    return up
