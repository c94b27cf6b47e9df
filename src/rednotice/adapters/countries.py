"""ISO 3166-1 alpha-2 countries, from pycountry, plus the user-assigned codes INTERPOL members use, and the
former codes (ISO 3166-3) still found in old notices' nationalities and countries of birth."""

from __future__ import annotations

from functools import cache

import pycountry

EXTRA = {"XK": "Kosovo"}


@cache
def names() -> dict[str, str]:
    out = {c.alpha_2: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    out.update(EXTRA)
    return out


@cache
def former() -> dict[str, str]:
    """Withdrawn alpha-2 codes (ISO 3166-3: YU Yugoslavia, SU USSR, CS, DD, ZR...) that no current code
    reuses. A person may be a national of, or born in, a country that no longer exists; no such country
    requests anything, so they are accepted only where ``normalise(..., former_codes=True)`` says so."""
    current = names()
    out: dict[str, str] = {}
    for c in pycountry.historic_countries:
        code = getattr(c, "alpha_2", None)
        if code and code not in current:
            out[code] = f"{out[code]} / {c.name}" if code in out else c.name
    return out


def is_country(code: str) -> bool:
    return code in names()


def name_of(code: str | None) -> str:
    if not code:
        return ""
    return names().get(code) or former().get(code, code)


def normalise(code: str, former_codes: bool = False) -> str:
    """Upper-case and check; raise ValueError with a readable message if unknown. ``former_codes`` also
    accepts withdrawn ISO 3166-3 codes (nationalities, countries of birth)."""
    up = code.strip().upper()
    if former_codes and up in former():
        return up
    if not is_country(up):
        raise ValueError(f"{code!r} is not an ISO 3166-1 alpha-2 country code")
    return up
