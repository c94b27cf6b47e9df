"""RN-32: values in INTERPOL's public API shape (docs/domain.md §6), for raw records and queries.

Usable on their own (``validate_interpol_record(record)`` on a JSON object from
``ws-public.interpol.int``) and by the rules catalogue on a request's own values.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

ENTITY_ID = re.compile(r"^\d{4}/\d+$")
DATE_OF_BIRTH = re.compile(r"^\d{4}(/\d{2}(/\d{2})?)?$")
SEX_IDS = frozenset({"M", "F", "U"})
NULL_COUNTRY_CODES = frozenset({"914", "922"})
"""Non-ISO codes INTERPOL uses; they are mapped to null, not rejected."""
MAX_RESULTS_PER_PAGE = 160

_ISO_CODES = (
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS "
    "BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE "
    "EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM "
    "HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC "
    "LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA "
    "NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW "
    "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO "
    "TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW"
)
ISO_COUNTRIES = frozenset(_ISO_CODES.split())
"""ISO 3166-1 alpha-2 codes, plus XK (Kosovo), which INTERPOL members use."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One value that does not fit INTERPOL's API: where it is, what it is, and what was expected."""

    field: str
    value: Any
    expected: str

    def __str__(self) -> str:
        return f"{self.field}={self.value!r}: expected {self.expected}"


def is_country(code: object) -> bool:
    return isinstance(code, str) and code in ISO_COUNTRIES


def clean_country(code: object) -> str | None:
    """INTERPOL's 914 and 922 (and empty values) become None; anything else is returned upper-cased."""
    if code is None:
        return None
    text = str(code).strip().upper()
    if not text or text in NULL_COUNTRY_CODES:
        return None
    return text


def check_entity_id(value: object, field: str = "entity_id") -> list[Problem]:
    if isinstance(value, str) and ENTITY_ID.match(value):
        return []
    return [Problem(field, value, "YYYY/NNNN (e.g. 2019/12345)")]


def check_date_of_birth(value: object, field: str = "date_of_birth") -> list[Problem]:
    if value is None or (isinstance(value, str) and DATE_OF_BIRTH.match(value)):
        return []
    return [Problem(field, value, "YYYY, YYYY/MM or YYYY/MM/DD")]


def check_sex(value: object, field: str = "sex_id") -> list[Problem]:
    if value is None or value in SEX_IDS:
        return []
    return [Problem(field, value, "M, F or U")]


def check_country(value: object, field: str) -> list[Problem]:
    if value is None or (isinstance(value, str) and value.strip() in NULL_COUNTRY_CODES):
        return []
    if is_country(value):
        return []
    return [Problem(field, value, "an ISO 3166-1 alpha-2 code (914/922 map to null)")]


def validate_interpol_record(record: Mapping[str, Any]) -> list[Problem]:
    """Check a red-notice record (list item or detail) from INTERPOL's public API."""
    problems = check_entity_id(record.get("entity_id"))
    problems += check_date_of_birth(record.get("date_of_birth"))
    if "sex_id" in record:
        problems += check_sex(record.get("sex_id"))
    for i, c in enumerate(record.get("nationalities") or ()):
        problems += check_country(c, f"nationalities[{i}]")
    if "country_of_birth_id" in record:
        problems += check_country(record.get("country_of_birth_id"), "country_of_birth_id")
    for i, w in enumerate(record.get("arrest_warrants") or ()):
        if isinstance(w, Mapping):
            problems += check_country(w.get("issuing_country_id"), f"arrest_warrants[{i}].issuing_country_id")
    return problems


def validate_interpol_query(
    params: Mapping[str, Any], max_per_page: int = MAX_RESULTS_PER_PAGE
) -> list[Problem]:
    """Check query parameters for ``GET /notices/v1/red`` (resultPerPage cap, sexId, ISO-2 countries)."""
    problems: list[Problem] = []
    per_page = params.get("resultPerPage")
    if per_page is not None:
        try:
            n = int(per_page)
        except (TypeError, ValueError):
            n = -1
        if not 1 <= n <= max_per_page:
            problems.append(Problem("resultPerPage", per_page, f"1 to {max_per_page}"))
    page = params.get("page")
    if page is not None and not (str(page).isdigit() and int(str(page)) >= 1):
        problems.append(Problem("page", page, "a page number from 1"))
    sex = params.get("sexId")
    if sex not in (None, ""):
        problems += check_sex(sex, "sexId")
    for key in ("nationality", "arrestWarrantCountryId"):
        if params.get(key) not in (None, ""):
            problems += check_country(params.get(key), key)
    return problems
