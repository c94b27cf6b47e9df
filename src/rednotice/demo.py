"""Demo data for development: users of every role and thousands of notices in every lifecycle state.

Deterministic: the same seed (and the same clock) gives the same users, ids, names and histories.
Nothing is written unless :func:`seed_demo` is called (``rednotice demo-data``).

What it makes:

* one demo login per role (``admin``, ``reviewer``, ``reviewer2``, ``ccf``, ``oversight``) and an NCB
  officer for every requesting country (``ncb-fr``, ``ncb-ru``, ``ncb-cn``...), all with the
  development-only password :data:`DEMO_PASSWORD`;
* red notices and wanted-person diffusions from many countries, with names in their original
  scripts (Han, Kanji, Cyrillic, Arabic, Persian) and their romanisations, or Latin with diacritics
  (Turkish, Azerbaijani, Polish, Vietnamese, Czech...), charges with laws and penalties, facts with a
  date and a place, warrants, aliases, identity documents and physical descriptions;
* every state of both lifecycles, reached through the real :meth:`Notice.apply` by the right actor
  with reasons, and requests a careful reviewer must refuse (a journalist charged with "false
  information", adultery, an unpaid cheque, a spouse charged with harbouring, no extradition
  assurance...), some already refused, some waiting in the queue.

Speed: notices are added through the repository in a few large transactions (see ``BATCH``).
"""

from __future__ import annotations

import logging
import random
import time
import unicodedata
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from faker import Faker

from rednotice.adapters import security
from rednotice.domain.dates import PartialDate
from rednotice.domain.lifecycle import RENEWAL_WINDOW_MONTHS, VALIDITY_YEARS, Action, Notice
from rednotice.domain.model import (
    Assurances,
    Biometrics,
    Charge,
    Conviction,
    Facts,
    IdentityDocument,
    Judicial,
    Name,
    NoticeRequest,
    NoticeType,
    PhysicalDescription,
    Profile,
    Relation,
    RelationKind,
    Sex,
    Subject,
    Visibility,
    Warrant,
)
from rednotice.domain.screening.tables import CYRILLIC, CYRILLIC_SCHEMES
from rednotice.domain.users import SYSTEM, Actor, Role
from rednotice.services import review
from rednotice.services.ports import NoticeFilter, UnitOfWork, UserRecord

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 - a documented, development-only demo password
"""The password of every demo login. For development only: never load demo data in production."""
WEB_URL = "http://127.0.0.1:8000"
DEFAULT_NOTICES = 3000
DEFAULT_SEED = 2026
BATCH = 1000
"""Notices per transaction."""

RED, DIFF = NoticeType.RED_NOTICE, NoticeType.WANTED_PERSON_DIFFUSION


# -- users


@dataclass(frozen=True, slots=True)
class DemoUser:
    username: str
    role: Role
    country: str | None
    description: str


STAFF = (
    DemoUser("admin", Role.ADMIN, None, "runs the installation: users and tokens"),
    DemoUser("reviewer", Role.REVIEWER, None, "General Secretariat reviewer (NDTF)"),
    DemoUser("reviewer2", Role.REVIEWER, None, "a second NDTF reviewer"),
    DemoUser("ccf", Role.CCF, None, "Commission for the Control of INTERPOL's Files"),
    DemoUser("oversight", Role.OVERSIGHT, None, "parliaments and auditors: figures, not files"),
)


# -- names in their scripts

_HAN_FAMILY = (
    ("王", "WANG"),
    ("李", "LI"),
    ("张", "ZHANG"),
    ("刘", "LIU"),
    ("陈", "CHEN"),
    ("杨", "YANG"),
    ("黄", "HUANG"),
    ("赵", "ZHAO"),
    ("吴", "WU"),
    ("周", "ZHOU"),
    ("徐", "XU"),
    ("孙", "SUN"),
    ("马", "MA"),
    ("朱", "ZHU"),
    ("胡", "HU"),
    ("郭", "GUO"),
    ("林", "LIN"),
    ("高", "GAO"),
    ("罗", "LUO"),
    ("郑", "ZHENG"),
    ("梁", "LIANG"),
    ("谢", "XIE"),
    ("宋", "SONG"),
    ("唐", "TANG"),
    ("韩", "HAN"),
    ("冯", "FENG"),
    ("邓", "DENG"),
    ("曹", "CAO"),
)
_HAN_GIVEN = (
    ("伟", "wei"),
    ("芳", "fang"),
    ("娜", "na"),
    ("敏", "min"),
    ("静", "jing"),
    ("丽", "li"),
    ("强", "qiang"),
    ("磊", "lei"),
    ("军", "jun"),
    ("洋", "yang"),
    ("勇", "yong"),
    ("艳", "yan"),
    ("杰", "jie"),
    ("涛", "tao"),
    ("明", "ming"),
    ("超", "chao"),
    ("秀", "xiu"),
    ("英", "ying"),
    ("华", "hua"),
    ("文", "wen"),
    ("辉", "hui"),
    ("建", "jian"),
    ("国", "guo"),
    ("平", "ping"),
    ("红", "hong"),
    ("玉", "yu"),
    ("兰", "lan"),
    ("海", "hai"),
    ("峰", "feng"),
    ("志", "zhi"),
    ("俊", "jun"),
    ("东", "dong"),
    ("晓", "xiao"),
    ("春", "chun"),
    ("雪", "xue"),
    ("波", "bo"),
    ("宇", "yu"),
    ("鹏", "peng"),
    ("婷", "ting"),
    ("琳", "lin"),
)
_ARABIC_GIVEN_M = (
    ("محمد", "MOHAMED", "MUHAMMAD"),
    ("أحمد", "AHMED", "AHMAD"),
    ("علي", "ALI", "ALY"),
    ("حسن", "HASSAN", "HASAN"),
    ("حسين", "HUSSEIN", "HUSAYN"),
    ("عمر", "OMAR", "UMAR"),
    ("خالد", "KHALED", "KHALID"),
    ("يوسف", "YOUSSEF", "YUSUF"),
    ("إبراهيم", "IBRAHIM", "EBRAHIM"),
    ("محمود", "MAHMOUD", "MAHMUD"),
    ("مصطفى", "MOSTAFA", "MUSTAFA"),
    ("عبد الله", "ABDULLAH", "ABDALLA"),
    ("طارق", "TAREK", "TARIQ"),
    ("كريم", "KARIM", "KAREEM"),
    ("سعيد", "SAEED", "SAID"),
)
_ARABIC_GIVEN_F = (
    ("فاطمة", "FATMA", "FATIMA"),
    ("مريم", "MARIAM", "MARYAM"),
    ("نور", "NOUR", "NUR"),
    ("سارة", "SARA", "SARAH"),
    ("ليلى", "LAILA", "LAYLA"),
    ("هدى", "HODA", "HUDA"),
    ("أمل", "AMAL", "AMEL"),
    ("رانيا", "RANIA", "RANYA"),
    ("ياسمين", "YASMINE", "YASMIN"),
    ("زينب", "ZAINAB", "ZEINAB"),
)
_ARABIC_FAMILY = (
    ("المصري", "AL-MASRI", "EL MASRY"),
    ("الشامي", "AL-SHAMI", "EL CHAMI"),
    ("حداد", "HADDAD", "HADAD"),
    ("خوري", "KHOURY", "KHURI"),
    ("النجار", "AL-NAJJAR", "EL NAGGAR"),
    ("عبد الرحمن", "ABDELRAHMAN", "ABD AL-RAHMAN"),
    ("السيد", "EL-SAYED", "AL-SAYYID"),
    ("منصور", "MANSOUR", "MANSUR"),
    ("سليمان", "SULEIMAN", "SOLIMAN"),
    ("عثمان", "OTHMAN", "OSMAN"),
    ("الزهراني", "AL-ZAHRANI", "ALZAHRANI"),
    ("العتيبي", "AL-OTAIBI", "ALOTAIBI"),
    ("البلوشي", "AL-BALUSHI", "AL BALOOSHI"),
    ("الحسيني", "AL-HUSSEINI", "EL HUSSEINY"),
)
_PERSIAN_GIVEN_M = (
    ("رضا", "REZA", "RIZA"),
    ("علی", "ALI", "ALY"),
    ("مهدی", "MAHDI", "MEHDI"),
    ("حسین", "HOSSEIN", "HUSSEIN"),
    ("محمد", "MOHAMMAD", "MOHAMED"),
    ("امیر", "AMIR", "AMEER"),
    ("بهرام", "BAHRAM", "BEHRAM"),
)
_PERSIAN_GIVEN_F = (
    ("مریم", "MARYAM", "MARIAM"),
    ("زهرا", "ZAHRA", "ZAHRAA"),
    ("نیلوفر", "NILOUFAR", "NILUFAR"),
    ("سارا", "SARA", "SARAH"),
    ("نسرین", "NASRIN", "NASREEN"),
)
_PERSIAN_FAMILY = (
    ("احمدی", "AHMADI", "AHMADY"),
    ("حسینی", "HOSSEINI", "HUSSEINI"),
    ("رضایی", "REZAEI", "REZAIE"),
    ("محمدی", "MOHAMMADI", "MOHAMADI"),
    ("کریمی", "KARIMI", "KARIMY"),
    ("موسوی", "MOUSAVI", "MUSAVI"),
    ("جعفری", "JAFARI", "JAAFARI"),
    ("صادقی", "SADEGHI", "SADEQI"),
)
# ICAO Doc 9303 transliteration (what passports print), Russian and Ukrainian letters.
_ICAO = {letter: spellings[CYRILLIC_SCHEMES.index("icao")] for letter, spellings in CYRILLIC.items()}
"""ICAO 9303 passport spellings of Cyrillic letters (the screening matcher's table)."""
# An older, French-style romanisation, as found on other documents (an alias).
_FRENCH_CYRILLIC = {
    letter: spellings[CYRILLIC_SCHEMES.index("french")] for letter, spellings in CYRILLIC.items()
}


def transliterate(text: str, table: dict[str, str] | None = None) -> str:
    """Cyrillic to Latin (ICAO 9303 by default), keeping case word by word."""
    table = table or _ICAO
    out = []
    for ch in text:
        low = ch.lower()
        if low in table:
            latin = table[low]
            out.append(latin.capitalize() if ch != low else latin)
        else:
            out.append(ch)
    return "".join(out)


def _upper(text: str, locale: str) -> str:
    if locale in ("tr_TR", "az_AZ"):
        text = text.replace("i", "İ")
    return text.upper()


def _ascii(text: str) -> str:
    special = {"ı": "i", "İ": "I", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ə": "a", "Ə": "A", "ß": "ss"}
    text = "".join(special.get(c, c) for c in text)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@cache
def _faker(locale: str) -> Faker:
    return Faker(locale)


@dataclass(frozen=True, slots=True)
class PersonName:
    family_name: str
    given_names: str
    original: tuple[str, ...] = ()
    aliases: tuple[Name, ...] = ()


def make_name(script: str, locale: str, sex: Sex, rng: random.Random) -> PersonName:
    female = sex is Sex.FEMALE
    if script == "han":
        fam, fam_r = rng.choice(_HAN_FAMILY)
        chars = [rng.choice(_HAN_GIVEN) for _ in range(rng.choice((1, 2, 2)))]
        given, given_r = "".join(c for c, _ in chars), "".join(r for _, r in chars).capitalize()
        spaced = " ".join(r.capitalize() for _, r in chars)
        aliases = (Name(fam_r, spaced),) if len(chars) == 2 and rng.random() < 0.4 else ()
        return PersonName(fam_r, given_r, (fam + given,), aliases)
    if script == "kanji":
        f = _faker(locale)
        fam_k, _, fam_r = f.last_name_pair()
        giv_k, _, giv_r = f.first_name_female_pair() if female else f.first_name_male_pair()
        return PersonName(fam_r.upper(), giv_r, (fam_k + " " + giv_k,))
    if script in ("arabic", "persian"):
        given_pool = (
            (_ARABIC_GIVEN_F if female else _ARABIC_GIVEN_M)
            if script == "arabic"
            else (_PERSIAN_GIVEN_F if female else _PERSIAN_GIVEN_M)
        )
        family_pool = _ARABIC_FAMILY if script == "arabic" else _PERSIAN_FAMILY
        g, father = (
            rng.choice(given_pool),
            rng.choice(_ARABIC_GIVEN_M if script == "arabic" else _PERSIAN_GIVEN_M),
        )
        surname = rng.choice(family_pool)
        given = (f"{g[1]} {father[1]}" if script == "arabic" and father != g else g[1]).title()
        original = f"{g[0]} {father[0]} {surname[0]}" if script == "arabic" else f"{g[0]} {surname[0]}"
        aliases = (Name(surname[2], g[2].title()),) if rng.random() < 0.6 else ()
        return PersonName(surname[1], given, (original,), aliases)
    f = _faker(locale)
    if script == "cyrillic":
        fam = f.last_name_female() if female else f.last_name_male()
        first = f.first_name_female() if female else f.first_name_male()
        middle = (f.middle_name_female() if female else f.middle_name_male()) if locale == "ru_RU" else ""
        given = " ".join(x for x in (first, middle) if x)
        aliases = ()
        if rng.random() < 0.35:
            aliases = (
                Name(transliterate(fam, _FRENCH_CYRILLIC).upper(), transliterate(first, _FRENCH_CYRILLIC)),
            )
        return PersonName(transliterate(fam).upper(), transliterate(given), (f"{fam} {given}",), aliases)
    # Latin script, with the diacritics of its language
    fam = f.last_name_female() if female and hasattr(f, "last_name_female") else f.last_name()
    first = f.first_name_female() if female else f.first_name_male()
    if locale == "vi_VN":
        first = f"{f.middle_name()} {first}"
    elif rng.random() < 0.25:
        first = f"{first} {f.first_name_female() if female else f.first_name_male()}"
    if locale.startswith(("es_", "pt_")) and rng.random() < 0.7:
        fam = f"{fam} {f.last_name()}"
    family = _upper(fam, locale)
    aliases = ()
    if _ascii(family) != family and rng.random() < 0.5:
        aliases = (Name(_ascii(family), _ascii(first)),)
    elif rng.random() < 0.15:
        aliases = (Name(family, first.split()[0][:3] if len(first) > 4 else first),)
    return PersonName(family, first, (), aliases)


# -- countries


@dataclass(frozen=True, slots=True)
class CountryProfile:
    code: str
    script: str
    locale: str
    cities: tuple[str, ...]
    code_name: str
    """The main criminal law, as a charge cites it."""
    authority: str
    """Who issues warrants; ``{city}`` is filled in."""
    judicial: bool | None
    currency: str
    passport: str
    """A pattern: ``#`` a digit, ``A`` a letter."""
    weight: int
    """How often it requests (relative)."""


COUNTRIES = (
    CountryProfile(
        "FR",
        "latin",
        "fr_FR",
        ("Paris", "Lyon", "Marseille", "Lille", "Toulouse"),
        "Code pénal",
        "Investigating judge, {city} Judicial Court",
        True,
        "EUR",
        "##AA#####",
        6,
    ),
    CountryProfile(
        "DE",
        "latin",
        "de_DE",
        ("Berlin", "Hamburg", "München", "Köln", "Frankfurt am Main"),
        "Strafgesetzbuch (StGB)",
        "Amtsgericht {city}",
        True,
        "EUR",
        "C########",
        6,
    ),
    CountryProfile(
        "ES",
        "latin",
        "es_ES",
        ("Madrid", "Barcelona", "Sevilla", "Valencia", "Málaga"),
        "Código Penal",
        "Juzgado Central de Instrucción, {city}",
        True,
        "EUR",
        "AAA######",
        4,
    ),
    CountryProfile(
        "IT",
        "latin",
        "it_IT",
        ("Roma", "Milano", "Napoli", "Palermo", "Torino"),
        "Codice penale",
        "GIP, Tribunale di {city}",
        True,
        "EUR",
        "AA#######",
        4,
    ),
    CountryProfile(
        "GB",
        "latin",
        "en_GB",
        ("London", "Manchester", "Birmingham", "Glasgow", "Liverpool"),
        "Criminal law of England and Wales",
        "{city} Magistrates' Court",
        True,
        "GBP",
        "#########",
        3,
    ),
    CountryProfile(
        "US",
        "latin",
        "en_US",
        ("New York", "Miami", "Los Angeles", "Houston", "Chicago"),
        "United States Code",
        "U.S. District Court, {city}",
        True,
        "USD",
        "#########",
        6,
    ),
    CountryProfile(
        "BR",
        "latin",
        "pt_BR",
        ("São Paulo", "Rio de Janeiro", "Belo Horizonte", "Recife"),
        "Código Penal",
        "Vara Criminal de {city}",
        True,
        "BRL",
        "AA######",
        4,
    ),
    CountryProfile(
        "CO",
        "latin",
        "es_CO",
        ("Bogotá", "Medellín", "Cali", "Barranquilla"),
        "Código Penal",
        "Juzgado Penal de {city}",
        True,
        "USD",
        "AA#######",
        3,
    ),
    CountryProfile(
        "MX",
        "latin",
        "es_MX",
        ("Ciudad de México", "Guadalajara", "Monterrey", "Tijuana"),
        "Código Penal Federal",
        "Juez de Distrito, {city}",
        True,
        "USD",
        "A########",
        3,
    ),
    CountryProfile(
        "VE",
        "latin",
        "es_CO",
        ("Caracas", "Maracaibo", "Valencia"),
        "Código Penal",
        "Tribunal de Control, {city}",
        True,
        "USD",
        "#########",
        2,
    ),
    CountryProfile(
        "PL",
        "latin",
        "pl_PL",
        ("Warszawa", "Kraków", "Łódź", "Wrocław", "Gdańsk"),
        "Kodeks karny",
        "Sąd Rejonowy w {city}",
        True,
        "PLN",
        "AA#######",
        4,
    ),
    CountryProfile(
        "CZ",
        "latin",
        "cs_CZ",
        ("Praha", "Brno", "Ostrava"),
        "Trestní zákoník",
        "Okresní soud v {city}",
        True,
        "EUR",
        "########",
        2,
    ),
    CountryProfile(
        "TR",
        "latin",
        "tr_TR",
        ("İstanbul", "Ankara", "İzmir", "Diyarbakır", "Antalya"),
        "Turkish Penal Code (Law 5237)",
        "{city} Criminal Judgeship of Peace",
        True,
        "TRY",
        "U########",
        6,
    ),
    CountryProfile(
        "AZ",
        "latin",
        "az_AZ",
        ("Bakı", "Gəncə", "Sumqayıt"),
        "Criminal Code of Azerbaijan",
        "{city} Grave Crimes Court",
        True,
        "USD",
        "C########",
        3,
    ),
    CountryProfile(
        "VN",
        "latin",
        "vi_VN",
        ("Hà Nội", "Thành phố Hồ Chí Minh", "Hải Phòng", "Đà Nẵng"),
        "Penal Code of Viet Nam (2015)",
        "People's Procuracy of {city}",
        None,
        "USD",
        "C#######",
        3,
    ),
    CountryProfile(
        "RU",
        "cyrillic",
        "ru_RU",
        ("Moscow", "Saint Petersburg", "Novosibirsk", "Yekaterinburg", "Kazan"),
        "Criminal Code of the Russian Federation",
        "{city} District Court",
        True,
        "RUB",
        "##########",
        8,
    ),
    CountryProfile(
        "BY",
        "cyrillic",
        "ru_RU",
        ("Minsk", "Gomel", "Brest"),
        "Criminal Code of Belarus",
        "Prosecutor's Office of {city}",
        False,
        "USD",
        "AB#######",
        2,
    ),
    CountryProfile(
        "UA",
        "cyrillic",
        "uk_UA",
        ("Kyiv", "Kharkiv", "Odesa", "Lviv"),
        "Criminal Code of Ukraine",
        "{city} District Court",
        True,
        "EUR",
        "AA######",
        3,
    ),
    CountryProfile(
        "KZ",
        "cyrillic",
        "ru_RU",
        ("Almaty", "Astana", "Shymkent"),
        "Criminal Code of Kazakhstan",
        "Specialised Inter-District Investigative Court of {city}",
        True,
        "USD",
        "N########",
        2,
    ),
    CountryProfile(
        "TJ",
        "cyrillic",
        "ru_RU",
        ("Dushanbe", "Khujand"),
        "Criminal Code of Tajikistan",
        "Prosecutor's Office of {city}",
        False,
        "USD",
        "########",
        2,
    ),
    CountryProfile(
        "CN",
        "han",
        "zh_CN",
        ("Beijing", "Shanghai", "Shenzhen", "Guangzhou", "Urumqi", "Wenzhou"),
        "Criminal Law of the People's Republic of China",
        "People's Procuratorate of {city}",
        None,
        "CNY",
        "E########",
        7,
    ),
    CountryProfile(
        "JP",
        "kanji",
        "ja_JP",
        ("Tokyo", "Osaka", "Nagoya", "Fukuoka"),
        "Penal Code of Japan",
        "{city} Summary Court",
        True,
        "JPY",
        "TK#######",
        2,
    ),
    CountryProfile(
        "EG",
        "arabic",
        "ar_AA",
        ("Cairo", "Alexandria", "Giza"),
        "Egyptian Penal Code",
        "Supreme State Security Prosecution, {city}",
        False,
        "USD",
        "A########",
        3,
    ),
    CountryProfile(
        "AE",
        "arabic",
        "ar_AA",
        ("Dubai", "Abu Dhabi", "Sharjah"),
        "Federal Penal Code",
        "Public Prosecution, {city}",
        False,
        "AED",
        "########",
        4,
    ),
    CountryProfile(
        "SA",
        "arabic",
        "ar_AA",
        ("Riyadh", "Jeddah", "Dammam"),
        "Saudi criminal law",
        "Bureau of Investigation and Public Prosecution, {city}",
        False,
        "USD",
        "A#######",
        2,
    ),
    CountryProfile(
        "IR",
        "persian",
        "fa_IR",
        ("Tehran", "Mashhad", "Isfahan", "Tabriz"),
        "Islamic Penal Code",
        "Revolutionary Court of {city}",
        True,
        "USD",
        "A########",
        3,
    ),
    CountryProfile(
        "NG",
        "latin",
        "en_NG",
        ("Lagos", "Abuja", "Port Harcourt"),
        "Criminal Code Act",
        "Federal High Court, {city}",
        True,
        "USD",
        "A########",
        2,
    ),
    CountryProfile(
        "IN",
        "latin",
        "en_IN",
        ("Mumbai", "New Delhi", "Bengaluru", "Kolkata"),
        "Bharatiya Nyaya Sanhita",
        "Chief Judicial Magistrate, {city}",
        True,
        "USD",
        "A#######",
        3,
    ),
)
_BY_CODE = {c.code: c for c in COUNTRIES}


def demo_users() -> list[DemoUser]:
    """Every demo login: staff first, then one NCB officer per requesting country."""
    officers = [
        DemoUser(f"ncb-{c.code.lower()}", Role.NCB_OFFICER, c.code, f"NCB officer, {c.code}")
        for c in sorted(COUNTRIES, key=lambda c: c.code)
    ]
    return [*STAFF, *officers]


CCF_ACTOR = Actor("ccf", Role.CCF)


def ncb(country: str) -> Actor:
    return Actor(f"ncb-{country.lower()}", Role.NCB_OFFICER, country)


# -- charges and stories


@dataclass(frozen=True, slots=True)
class Offence:
    offence: str
    article: str
    years: float
    facts: str
    """``{date}``, ``{city}``, ``{amount}``, ``{n}`` are filled in."""


ORDINARY = (
    Offence(
        "Murder",
        "art. 105",
        30,
        "On {date} in {city}, the subject stabbed a business partner to death during "
        "a dispute over the sale of a restaurant and left the country two days later.",
    ),
    Offence(
        "Armed robbery",
        "art. 162",
        20,
        "On {date} in {city}, the subject and two accomplices armed with "
        "handguns robbed a jewellery store and took watches and jewels worth {amount}.",
    ),
    Offence(
        "Drug trafficking",
        "art. 228.1",
        20,
        "Between {date} and the following spring, the subject organised "
        "the shipment of {n}00 kg of cocaine hidden in banana containers through the port of {city}.",
    ),
    Offence(
        "Trafficking in human beings",
        "art. 127.1",
        15,
        "From {date} in {city}, the subject recruited at "
        "least {n} women with false offers of work abroad, took their passports and forced them into "
        "prostitution.",
    ),
    Offence(
        "Money laundering",
        "art. 174",
        10,
        "Between {date} and the following year, the subject laundered "
        "{amount} from drug sales through six shell companies registered in {city}.",
    ),
    Offence(
        "Rape",
        "art. 131",
        15,
        "On {date} in {city}, the subject raped a 19-year-old woman in a rented "
        "apartment after drugging her drink.",
    ),
    Offence(
        "Kidnapping for ransom",
        "art. 126",
        25,
        "On {date} in {city}, the subject and three others abducted "
        "the son of a local businessman and held him for nine days until a ransom of {amount} was paid.",
    ),
    Offence(
        "Sexual exploitation of children",
        "art. 242.1",
        20,
        "From {date}, the subject produced and sold "
        "abusive images of children through a hidden service administered from {city}.",
    ),
    Offence(
        "Aggravated fraud",
        "art. 159",
        10,
        "From {date} in {city}, the subject ran a fake investment "
        "platform that took {amount} from {n}00 investors and paid earlier investors with later deposits.",
    ),
    Offence(
        "Extortion by ransomware",
        "art. 272",
        12,
        "On {date}, the subject's group encrypted the systems of "
        "the {city} university hospital and demanded {amount} in bitcoin to restore them.",
    ),
    Offence(
        "Illicit trafficking in firearms",
        "art. 222",
        12,
        "Between {date} and the end of that year, the "
        "subject sold {n}0 converted pistols and two assault rifles to criminal groups in {city}.",
    ),
    Offence(
        "Terrorist bombing",
        "art. 205",
        30,
        "On {date}, the subject placed an improvised explosive device at "
        "the {city} central bus station, killing {n} people and injuring 40.",
    ),
    Offence(
        "Embezzlement of public funds",
        "art. 160",
        10,
        "As director of the {city} road agency from {date}, "
        "the subject paid {amount} for works never carried out to companies owned by his brother-in-law.",
    ),
    Offence(
        "Participation in a criminal organisation",
        "art. 210",
        15,
        "From {date}, the subject led a group "
        "that stole luxury cars in {city} and shipped them abroad with forged papers.",
    ),
)


@dataclass(frozen=True, slots=True)
class Abuse:
    """A request a careful reviewer must refuse, and the reasons to give."""

    key: str
    country: str
    offence: str
    law: str
    years: float
    facts: str
    profile: tuple[Profile, ...]
    refuse: str
    extradition: bool | None = True
    judicial: bool | None = None
    appealable: bool | None = None
    occupation: str = ""
    relative: bool = False


ABUSES = (
    Abuse(
        "false_information",
        "RU",
        "Public dissemination of knowingly false information about the Armed Forces",
        "Criminal Code of the Russian Federation art. 207.3",
        15,
        "On {date}, the subject published an article on the {city} news site she edits describing the "
        "shelling of a residential block, which the authorities called false.",
        (Profile.JOURNALIST,),
        "RN-09/RN-10: predominantly political; a journalist prosecuted for what she "
        "published (freedom of expression). Art. 3 of the Constitution.",
        occupation="journalist",
    ),
    Abuse(
        "insulting_president",
        "TR",
        "Insulting the President",
        "Turkish Penal Code art. 299",
        4,
        "On {date} in {city}, the subject shared on social media a caricature of the President.",
        (Profile.JOURNALIST,),
        "RN-09: insulting a head of state is a pure political offence (Art. 3).",
        occupation="cartoonist",
    ),
    Abuse(
        "membership_no_violence",
        "TR",
        "Membership of an armed terrorist organisation",
        "Turkish Penal Code art. 314",
        15,
        "The subject used the ByLock messaging application and held an account at Bank Asya in {city} in "
        "{date}. No violent act is described.",
        (Profile.REFUGEE,),
        "RN-20/RN-13: terrorism charge with no violent act; the subject is a recognised "
        "refugee and the request comes from the country of feared persecution.",
        occupation="teacher",
    ),
    Abuse(
        "subversion",
        "CN",
        "Subversion of state power",
        "Criminal Law of the PRC art. 105",
        15,
        "From {date}, the subject organised meetings of a diaspora association abroad and gave interviews "
        "criticising policies in the region of {city}.",
        (Profile.ETHNIC_COMMUNITY_LEADER, Profile.HUMAN_RIGHTS_DEFENDER),
        "RN-09/RN-10: subversion for speech and association abroad; a minority leader and rights defender.",
        occupation="community association chair",
    ),
    Abuse(
        "harbouring_relative",
        "CN",
        "Harbouring a fugitive",
        "Criminal Law of the PRC art. 310",
        3,
        "From {date} the subject lived with her husband, who is wanted for embezzlement, and did not report "
        "his whereabouts to the {city} Public Security Bureau.",
        (),
        "RN-18: a spouse charged only for living with a wanted relative (collective pressure; HRW 2018).",
        relative=True,
    ),
    Abuse(
        "adultery",
        "IR",
        "Adultery",
        "Islamic Penal Code art. 225",
        10,
        "In {date} in {city}, the subject, a married woman, had a relationship with another man.",
        (),
        "RN-01: adultery is a family and private matter raising controversial cultural norms "
        "(Art. 83(1)(a) RPD).",
    ),
    Abuse(
        "bounced_cheque",
        "AE",
        "Issuing a cheque without sufficient funds",
        "Federal Decree-Law 50/2022 art. 643",
        2,
        "On {date} in {city}, the subject gave a supplier a cheque for {amount} that was returned unpaid "
        "after his company failed.",
        (Profile.BUSINESSPERSON,),
        "RN-01/RN-19: a commercial debt between private parties; no fraud is "
        "described. A private dispute, not a serious ordinary-law crime.",
        occupation="importer",
    ),
    Abuse(
        "no_assurance",
        "VE",
        "Aggravated robbery",
        "Código Penal art. 458",
        17,
        "On {date} in {city}, the subject robbed a money exchange office at knifepoint and took {amount}.",
        (),
        "RN-07: the requesting country does not undertake to seek extradition (Art. 84 RPD).",
        extradition=False,
    ),
    Abuse(
        "protest",
        "BY",
        "Organisation of actions grossly violating public order",
        "Criminal Code of Belarus art. 342",
        3,
        "On {date} in {city}, the subject called on social media for a peaceful march after the election and "
        "walked at its head.",
        (Profile.POLITICAL_ACTIVIST,),
        "RN-09: organising an unauthorised protest is a pure political offence.",
        judicial=False,
        appealable=False,
    ),
    Abuse(
        "desertion",
        "RU",
        "Desertion",
        "Criminal Code of the Russian Federation art. 338",
        7,
        "On {date} the subject, a conscript, left his unit near {city} and crossed the border.",
        (),
        "RN-09: desertion is a pure military offence (Art. 3).",
    ),
    Abuse(
        "journalist_smuggling",
        "AZ",
        "Smuggling",
        "Criminal Code of Azerbaijan art. 206",
        8,
        "On {date} at {city} airport, the subject, who runs an investigative news site, was said to carry "
        "undeclared cash; the charge followed his report on officials' property abroad.",
        (Profile.JOURNALIST,),
        "RN-10/RN-19: an economic charge against a journalist right after his "
        "reporting; the facts do not support the charge.",
        occupation="journalist",
    ),
    Abuse(
        "opposition_extremism",
        "TJ",
        "Public calls to extremist activity",
        "Criminal Code of Tajikistan art. 307",
        8,
        "In {date}, the subject, a leader of a banned opposition party living abroad, criticised the "
        "government in videos viewed in {city}.",
        (Profile.OPPOSITION_POLITICIAN, Profile.ASYLUM_SEEKER),
        "RN-09/RN-20: vague 'extremism' charge against an opposition politician for speech; asylum seeker.",
        judicial=False,
        appealable=False,
    ),
    Abuse(
        "petty_theft",
        "ES",
        "Theft",
        "Código Penal art. 234.2",
        0.25,
        "On {date} in {city}, the subject took two bottles of perfume from a department store.",
        (),
        "RN-02: the maximum penalty is below two years.",
    ),
    Abuse(
        "non_judicial_warrant",
        "EG",
        "Joining a terrorist group",
        "Egyptian Penal Code art. 86 bis",
        10,
        "In {date} in {city}, the subject posted messages in support of the detained former president.",
        (Profile.POLITICAL_ACTIVIST,),
        "RN-07/RN-09: a prosecution order with no judge and no appeal to a "
        "judge; the facts are political speech.",
        judicial=False,
        appealable=False,
    ),
)

_DISTINGUISHING = (
    "",
    "",
    "",
    "Scar on the left cheek",
    "Tattoo of a dragon on the right forearm",
    "Missing upper front tooth",
    "Birthmark on the neck",
    "Limps on the left leg",
    "Tattoo of a rose on the left hand",
    "Pierced eyebrow",
)
_EYES = ("BRO", "BRO", "BRO", "BLA", "BLU", "GRE", "HAZ")
_HAIR = ("BLA", "BLA", "BRO", "BRO", "BLN", "GRY", "RED", "WHI")


def _pattern(rng: random.Random, pattern: str) -> str:
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    return "".join(
        str(rng.randrange(10)) if ch == "#" else rng.choice(letters) if ch == "A" else ch for ch in pattern
    )


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _spoken(d: PartialDate) -> str:
    if d.month is None:
        return str(d.year)
    month = f"{_MONTHS[d.month - 1]} {d.year}"
    return month if d.day is None else f"{d.day} {month}"


def _amount(rng: random.Random, currency: str) -> str:
    value = rng.choice((1.2, 2.5, 4.8, 7.5, 12, 18, 35, 60))
    return f"{currency} {value} million"


# -- life cycles

_DAY = timedelta(days=1)
_REVIEWERS = (Actor("reviewer", Role.REVIEWER), Actor("reviewer2", Role.REVIEWER))
_CCF = Actor("ccf", Role.CCF)

Step = tuple[Action, str, tuple[int, int], str]
"""Action, who ('ncb', 'gs', 'ccf', 'sys'), days after the previous step (min, max), reasons."""

_PUBLISH_REASONS = "Reviewed under Arts. 2, 3, 82-87 RPD: serious ordinary-law crime, judicial data complete."
RED_PATHS: dict[str, list[Step]] = {
    "draft": [],
    "submitted": [(Action.SUBMIT, "ncb", (0, 3), "")],
    "resubmitted": [
        (Action.SUBMIT, "ncb", (0, 3), ""),
        (Action.START_REVIEW, "gs", (1, 5), ""),
        (
            Action.REQUEST_INFORMATION,
            "gs",
            (2, 20),
            "Please send the arrest warrant and describe the subject's own role in the facts (RN-05, RN-06).",
        ),
        (Action.SUBMIT, "ncb", (5, 40), "Warrant attached; the subject's role is now described."),
    ],
    "under_review": [(Action.SUBMIT, "ncb", (0, 3), ""), (Action.START_REVIEW, "gs", (1, 5), "")],
    "more_information_requested": [
        (Action.SUBMIT, "ncb", (0, 3), ""),
        (Action.START_REVIEW, "gs", (1, 5), ""),
        (
            Action.REQUEST_INFORMATION,
            "gs",
            (2, 20),
            "The facts do not say when and where the subject acted, or "
            "what he did himself. Please complete them (RN-06).",
        ),
    ],
    "published": [
        (Action.SUBMIT, "ncb", (0, 3), ""),
        (Action.START_REVIEW, "gs", (1, 5), ""),
        (Action.PUBLISH, "gs", (2, 30), _PUBLISH_REASONS),
    ],
    "renewed": [
        (Action.SUBMIT, "ncb", (0, 3), ""),
        (Action.START_REVIEW, "gs", (1, 5), ""),
        (Action.PUBLISH, "gs", (2, 30), _PUBLISH_REASONS),
        (
            Action.RENEW,
            "ncb",
            (0, 0),
            "The subject has not been located; the warrant remains valid and "
            "extradition will still be sought.",
        ),
    ],
    "reinstated": [
        (Action.SUBMIT, "ncb", (0, 3), ""),
        (Action.START_REVIEW, "gs", (1, 5), ""),
        (Action.PUBLISH, "gs", (2, 30), _PUBLISH_REASONS),
        (
            Action.SUSPEND,
            "ccf",
            (60, 700),
            "CCF deletion request admissible; access blocked as a precaution.",
        ),
        (Action.REINSTATE, "ccf", (90, 270), "CCF found the data compliant: ordinary crime, facts specific."),
    ],
    "refused": [
        (Action.SUBMIT, "ncb", (0, 3), ""),
        (Action.START_REVIEW, "gs", (1, 5), ""),
        (Action.REFUSE, "gs", (2, 40), "{refuse}"),
    ],
    "withdrawn": [
        (Action.SUBMIT, "ncb", (0, 3), ""),
        (Action.START_REVIEW, "gs", (1, 5), ""),
        (Action.WITHDRAW, "ncb", (1, 30), "The subject was arrested at home before publication."),
    ],
    "cancelled": [
        (Action.SUBMIT, "ncb", (0, 3), ""),
        (Action.START_REVIEW, "gs", (1, 5), ""),
        (Action.PUBLISH, "gs", (2, 30), _PUBLISH_REASONS),
        (Action.CANCEL, "ncb", (30, 1500), "Purpose achieved: the subject was arrested and extradited."),
    ],
    "expired": [
        (Action.SUBMIT, "ncb", (0, 3), ""),
        (Action.START_REVIEW, "gs", (1, 5), ""),
        (Action.PUBLISH, "gs", (2, 30), _PUBLISH_REASONS),
        (Action.EXPIRE, "sys", (0, 0), "validity of five years ended"),
    ],
    "suspended": [
        (Action.SUBMIT, "ncb", (0, 3), ""),
        (Action.START_REVIEW, "gs", (1, 5), ""),
        (Action.PUBLISH, "gs", (2, 30), _PUBLISH_REASONS),
        (
            Action.SUSPEND,
            "ccf",
            (60, 1200),
            "CCF deletion request admissible; access blocked as a precaution until the decision.",
        ),
    ],
    "deleted": [
        (Action.SUBMIT, "ncb", (0, 3), ""),
        (Action.START_REVIEW, "gs", (1, 5), ""),
        (Action.PUBLISH, "gs", (2, 30), _PUBLISH_REASONS),
        (
            Action.SUSPEND,
            "ccf",
            (60, 900),
            "CCF deletion request admissible; access blocked as a precaution.",
        ),
        (Action.DELETE, "ccf", (90, 270), "CCF decision: not compliant. {refuse}"),
    ],
}
DIFF_PATHS: dict[str, list[Step]] = {
    "draft": [],
    "unreviewed": [(Action.CIRCULATE, "ncb", (0, 2), "")],
    "reviewed_compliant": [
        (Action.CIRCULATE, "ncb", (0, 2), ""),
        (
            Action.CONFIRM_COMPLIANT,
            "gs",
            (1, 20),
            "Reviewed after circulation: ordinary crime, data complete.",
        ),
    ],
    "reinstated": [
        (Action.CIRCULATE, "ncb", (0, 2), ""),
        (Action.SUSPEND, "ccf", (30, 400), "CCF request admissible; access blocked as a precaution."),
        (Action.REINSTATE, "ccf", (90, 270), "CCF found the diffusion compliant."),
    ],
    "purged": [
        (Action.CIRCULATE, "ncb", (0, 2), ""),
        (
            Action.PURGE,
            "gs",
            (1, 20),
            "Non-compliant, purged; every recipient NCB told to update its databases. {refuse}",
        ),
    ],
    "cancelled": [
        (Action.CIRCULATE, "ncb", (0, 2), ""),
        (
            Action.CONFIRM_COMPLIANT,
            "gs",
            (1, 20),
            "Reviewed after circulation: ordinary crime, data complete.",
        ),
        (Action.CANCEL, "ncb", (20, 600), "The subject was arrested in a recipient country."),
    ],
    "suspended": [
        (Action.CIRCULATE, "ncb", (0, 2), ""),
        (
            Action.CONFIRM_COMPLIANT,
            "gs",
            (1, 20),
            "Reviewed after circulation: ordinary crime, data complete.",
        ),
        (Action.SUSPEND, "ccf", (30, 600), "CCF request admissible; access blocked as a precaution."),
    ],
    "deleted": [
        (Action.CIRCULATE, "ncb", (0, 2), ""),
        (Action.SUSPEND, "ccf", (30, 400), "CCF request admissible; access blocked as a precaution."),
        (Action.DELETE, "ccf", (60, 270), "CCF decision: not compliant. {refuse}"),
    ],
}

# How often each path is taken (ordinary requests / requests a reviewer must refuse).
RED_MIX = {
    "published": 40,
    "renewed": 3,
    "reinstated": 1,
    "submitted": 6,
    "resubmitted": 2,
    "under_review": 6,
    "more_information_requested": 4,
    "draft": 3,
    "refused": 4,
    "withdrawn": 3,
    "cancelled": 10,
    "expired": 8,
    "suspended": 2,
    "deleted": 2,
}
RED_ABUSE_MIX = {
    "refused": 40,
    "submitted": 12,
    "under_review": 14,
    "more_information_requested": 6,
    "deleted": 12,
    "suspended": 6,
    "published": 4,
    "withdrawn": 3,
    "draft": 3,
}
DIFF_MIX = {
    "unreviewed": 25,
    "reviewed_compliant": 40,
    "reinstated": 1,
    "purged": 3,
    "cancelled": 15,
    "suspended": 3,
    "deleted": 2,
    "draft": 5,
}
DIFF_ABUSE_MIX = {"purged": 50, "unreviewed": 30, "deleted": 12, "suspended": 4, "draft": 4}
_RECENT = {"draft", "submitted", "resubmitted", "under_review", "more_information_requested", "unreviewed"}


@dataclass(slots=True)
class DemoItem:
    """One notice to write: the request, who made it and when, and the steps of its history."""

    request: NoticeRequest
    created_at: datetime
    steps: list[tuple[Action, Actor, datetime, str]]
    abuse: str = ""
    related_to: int | None = None
    """Index (in the plan) of the notice this subject is a relative of."""


@dataclass(slots=True)
class DemoReport:
    users: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    skipped: bool = False
    by_state: dict[tuple[str, str], int] = field(default_factory=dict)


class _Planner:
    def __init__(self, seed: int, now: datetime) -> None:
        self.rng = random.Random(seed)
        self.now = now
        for locale in {c.locale for c in COUNTRIES}:
            _faker(locale).seed_instance(zlib.crc32(f"{seed}:{locale}".encode()))
        self.country_weights = [c.weight for c in COUNTRIES]

    def pick(self, mix: dict[str, int]) -> str:
        return self.rng.choices(list(mix), weights=list(mix.values()))[0]

    def country(self) -> CountryProfile:
        return self.rng.choices(COUNTRIES, weights=self.country_weights)[0]

    # subject
    def subject(
        self,
        c: CountryProfile,
        sex: Sex | None = None,
        profile: tuple[Profile, ...] = (),
        occupation: str = "",
        family_name: str | None = None,
    ) -> Subject:
        rng = self.rng
        sex = sex or rng.choices((Sex.MALE, Sex.FEMALE, Sex.UNKNOWN), weights=(78, 20, 2))[0]
        name = make_name(c.script, c.locale, sex if sex is not Sex.UNKNOWN else Sex.MALE, rng)
        birth_year = self.now.year - rng.randint(19, 68)
        precision = rng.random()
        if precision < 0.8:
            dob = PartialDate(birth_year, rng.randint(1, 12), rng.randint(1, 28))
        elif precision < 0.92:
            dob = PartialDate(birth_year, rng.randint(1, 12))
        else:
            dob = PartialDate(birth_year)
        nationalities = (c.code,) if rng.random() < 0.88 else (c.code, self.country().code)
        docs = (
            [IdentityDocument("passport", _pattern(rng, c.passport), c.code)] if rng.random() < 0.75 else []
        )
        if rng.random() < 0.3:
            docs.append(IdentityDocument("national_id", _pattern(rng, "############"), c.code))
        physical = None
        if rng.random() < 0.85:
            physical = PhysicalDescription(
                height_m=round(
                    rng.uniform(1.55, 1.95) if sex is not Sex.FEMALE else rng.uniform(1.50, 1.80), 2
                ),
                weight_kg=float(rng.randint(50, 110)) if rng.random() < 0.8 else None,
                eye_colours=(rng.choice(_EYES),),
                hair_colours=(rng.choice(_HAIR),),
                distinguishing_marks=rng.choice(_DISTINGUISHING),
            )
        return Subject(
            family_name=family_name or name.family_name,
            given_names=name.given_names,
            names_original_script=name.original,
            aliases=name.aliases,
            sex=sex,
            date_of_birth=dob,
            place_of_birth=rng.choice(c.cities),
            country_of_birth=c.code,
            nationalities=nationalities,
            identity_documents=tuple(docs),
            physical_description=physical,
            biometrics=Biometrics(
                photo=rng.random() < 0.8, fingerprints=rng.random() < 0.5, dna=rng.random() < 0.1
            ),
            occupations=(occupation,) if occupation else (),
            profile=profile,
        )

    def _date(self, years_back: tuple[int, int]) -> PartialDate:
        d = self.now - timedelta(days=self.rng.randint(years_back[0] * 365, years_back[1] * 365))
        return (
            PartialDate(d.year, d.month, d.day) if self.rng.random() < 0.85 else PartialDate(d.year, d.month)
        )

    def judicial(
        self,
        c: CountryProfile,
        offences: Sequence[tuple[str, str, float]],
        facts: str,
        judicial: bool | None,
        appealable: bool | None,
        convicted: bool,
    ) -> Judicial:
        rng = self.rng
        fact_date = self._date((1, 9))
        city = rng.choice(c.cities)
        words = {
            "date": _spoken(fact_date),
            "city": city,
            "amount": _amount(rng, c.currency),
            "n": rng.randint(2, 9),
        }
        summary = facts.format(**words)
        warrant_date = fact_date.latest() + timedelta(days=rng.randint(30, 400))
        warrant_date = min(warrant_date, (self.now - timedelta(days=40)).date())
        warrant = Warrant(
            reference=f"{c.code}-{warrant_date.year}-{rng.randint(1, 99999):05d}",
            issued_on=PartialDate.of(warrant_date),
            authority=c.authority.format(city=city),
            judicial=judicial,
            appealable_to_judge=appealable,
        )
        conviction = None
        if convicted:
            months = rng.choice((18, 36, 60, 96, 144))
            conviction = Conviction(
                months,
                rng.randint(6, months),
                f"{c.code}-J-{rng.randint(1000, 99999)}",
                PartialDate.of(warrant_date),
            )
        return Judicial(
            facts=Facts(summary, fact_date, f"{city}, {c.code}"),
            charges=tuple(Charge(o, law, years) for o, law, years in offences),
            warrant=warrant,
            conviction=conviction,
        )

    def visibility(self, kind: NoticeType, requester: str) -> Visibility:
        rng = self.rng
        if kind is DIFF:
            recipients = sorted({self.country().code for _ in range(rng.randint(2, 8))} - {requester})
            return Visibility(restricted_to=tuple(recipients) or ("FR",))
        other = self.country().code
        excluded: tuple[str, ...] = (other,) if rng.random() < 0.05 and other != requester else ()
        return Visibility(excluded_countries=excluded, public_extract=rng.random() < 0.3)

    # one request
    def ordinary(
        self, kind: NoticeType, country: CountryProfile | None = None, offence: Offence | None = None
    ) -> NoticeRequest:
        rng = self.rng
        c = country or self.country()
        offence = offence or rng.choice(ORDINARY)
        offences = [(offence.offence, f"{c.code_name} {offence.article}", offence.years)]
        if rng.random() < 0.25:
            extra = rng.choice(ORDINARY)
            if extra is not offence:
                offences.append((extra.offence, f"{c.code_name} {extra.article}", extra.years))
        profile = (
            (Profile.BUSINESSPERSON,)
            if offence.offence in ("Aggravated fraud", "Money laundering") and rng.random() < 0.4
            else ()
        )
        if offence.offence == "Embezzlement of public funds" and rng.random() < 0.5:
            profile = (Profile.FORMER_OFFICIAL,)
        subject = self.subject(c, profile=profile)
        judicial = self.judicial(
            c,
            offences,
            offence.facts,
            c.judicial,
            None if c.judicial else True,
            convicted=rng.random() < 0.15,
        )
        return NoticeRequest(
            type=kind,
            requesting_country=c.code,
            subject=subject,
            judicial=judicial,
            assurances=Assurances(extradition_will_be_sought=True, issuing_authority_competent=True),
            visibility=self.visibility(kind, c.code),
        )

    def abusive(self, kind: NoticeType, abuse: Abuse, relative_of: Subject | None = None) -> NoticeRequest:
        c = _BY_CODE[abuse.country]
        sex = Sex.FEMALE if abuse.key in ("false_information", "adultery", "harbouring_relative") else None
        subject = self.subject(
            c, sex=sex, profile=abuse.profile, occupation=abuse.occupation, family_name=None
        )
        judicial = self.judicial(
            c,
            [(abuse.offence, abuse.law, abuse.years)],
            abuse.facts,
            abuse.judicial if abuse.judicial is not None else c.judicial,
            abuse.appealable,
            convicted=False,
        )
        return NoticeRequest(
            type=kind,
            requesting_country=c.code,
            subject=subject,
            judicial=judicial,
            assurances=Assurances(extradition_will_be_sought=abuse.extradition),
            visibility=self.visibility(kind, c.code),
        )

    # history
    def history(self, kind: NoticeType, path: str, requester: str, refuse: str) -> tuple[datetime, list[Any]]:
        rng = self.rng
        steps = (RED_PATHS if kind is RED else DIFF_PATHS)[path]
        gaps = [
            timedelta(days=rng.randint(*days), hours=rng.randint(0, 8), minutes=rng.randint(0, 59))
            for _, _, days, _ in steps
        ]
        validity = timedelta(days=VALIDITY_YEARS * 365 + 2)  # the longest five years (two leap days)
        if path == "expired":
            gaps[-1] = validity + timedelta(days=rng.randint(0, 20), hours=2)
        if path == "renewed":
            gaps[-1] = validity - timedelta(days=RENEWAL_WINDOW_MONTHS * 30 - rng.randint(1, 150))
        total = sum(gaps, timedelta())
        if path in _RECENT:
            slack = timedelta(days=rng.randint(0, 60), hours=rng.randint(0, 23))
        elif path == "published":
            slack = timedelta(days=rng.randint(1, 4 * 365))
        elif path == "reinstated":
            slack = timedelta(days=rng.randint(1, 365))
        else:
            slack = timedelta(days=rng.randint(1, 3 * 365))
        created = self.now - total - slack - timedelta(hours=1)
        created = created.replace(microsecond=0)
        at = created
        out = []
        for (action, who, _, reasons), gap in zip(steps, gaps, strict=True):
            at = at + gap
            actor = (
                ncb(requester)
                if who == "ncb"
                else rng.choice(_REVIEWERS)
                if who == "gs"
                else (_CCF if who == "ccf" else SYSTEM)
            )
            out.append(
                (action, actor, at, reasons.replace("{refuse}", refuse or "Not compliant with the RPD."))
            )
        return created, out

    def item(
        self,
        kind: NoticeType,
        path: str,
        abuse: Abuse | None,
        country: CountryProfile | None = None,
        offence: Offence | None = None,
    ) -> DemoItem:
        if abuse is None:
            request = self.ordinary(kind, country, offence)
            refuse = (
                "RN-05/RN-06: the facts do not describe the subject's own acts, and the charges do not "
                "match them."
            )
        else:
            request = self.abusive(kind, abuse)
            refuse = abuse.refuse
        created, steps = self.history(kind, path, request.requesting_country, refuse)
        return DemoItem(request, created, steps, abuse.key if abuse else "")


def plan(seed: int, notices: int, now: datetime) -> list[DemoItem]:
    """The demo notices, without writing anything. Same seed and ``now``: same plan."""
    p = _Planner(seed, now)
    items: list[DemoItem] = []
    # First, one of everything: every state of both types, and every request a reviewer must refuse.
    for path in RED_PATHS:
        items.append(p.item(RED, path, None))
    for path in DIFF_PATHS:
        items.append(p.item(DIFF, path, None))
    # the fugitive whose wife is charged with harbouring him (see "harbouring_relative")
    embezzlement = next(o for o in ORDINARY if o.offence == "Embezzlement of public funds")
    items.append(p.item(RED, "published", None, country=_BY_CODE["CN"], offence=embezzlement))
    for case in ABUSES:
        items.append(
            p.item(RED, p.pick(RED_ABUSE_MIX) if case.key != "harbouring_relative" else "refused", case)
        )
    items.append(p.item(DIFF, "purged", ABUSES[0]))
    # Then the bulk, at realistic proportions.
    while len(items) < notices:
        kind = DIFF if p.rng.random() < 0.3 else RED
        abuse: Abuse | None = p.rng.choice(ABUSES) if p.rng.random() < 0.12 else None
        mix = (
            (RED_ABUSE_MIX if abuse else RED_MIX) if kind is RED else (DIFF_ABUSE_MIX if abuse else DIFF_MIX)
        )
        items.append(p.item(kind, p.pick(mix), abuse))
    items = items[: max(notices, 0)] if notices < len(items) else items
    # A relative charged with harbouring is linked to the notice of the person she is said to hide.
    for i, item in enumerate(items):
        if item.abuse == "harbouring_relative":
            target = _fugitive_for(items, i)
            if target is not None:
                items[i].related_to = target
    return items


def _fugitive_for(items: list[DemoItem], index: int) -> int | None:
    """The first ordinary Chinese request before ``index`` (written first, so its id is known)."""
    for j, other in enumerate(items[:index]):
        if other.request.requesting_country == "CN" and not other.abuse:
            return j
    return None


# -- writing


log = logging.getLogger(__name__)


def store_is_empty(uow: UnitOfWork) -> bool:
    with uow:
        return not uow.notices.find(NoticeFilter(limit=1)).items


def seed_demo(
    uow_factory: Callable[[], UnitOfWork],
    notices: int = DEFAULT_NOTICES,
    seed: int = DEFAULT_SEED,
    if_empty: bool = False,
    progress: Callable[[int], None] | None = None,
) -> DemoReport:
    """Write the demo users and notices (in a few transactions). ``if_empty``: do nothing if notices exist."""
    report = DemoReport()
    if if_empty and not store_is_empty(uow_factory()):
        report.skipped = True
        return report
    with uow_factory() as uow:
        now = uow.clock()
        report.users = _add_users(uow, now)
        uow.commit()
    items = plan(seed, notices, now)
    ids: dict[int, str] = {}
    started = time.perf_counter()
    for start in range(0, len(items), BATCH):
        with uow_factory() as uow:
            for index in range(start, min(start + BATCH, len(items))):
                notice = _write(uow, items[index], ids, index)
                report.notices.append(notice.id)
                key = (notice.type.value, notice.state.value)
                report.by_state[key] = report.by_state.get(key, 0) + 1
            uow.audit.append(
                SYSTEM,
                "demo.seed",
                "notices",
                {
                    "seed": seed,
                    "from": report.notices[start],
                    "to": report.notices[-1],
                    "count": len(report.notices) - start,
                    "note": "synthetic demo data for development",
                },
                uow.clock(),
            )
            uow.commit()
        if progress is not None:
            progress(min(BATCH, len(items) - start))
        # One committed transaction a batch; each costs the same however full the store is (the
        # compliance history and relations are index lookups: issue 18), so the load is linear.
        done = min(start + BATCH, len(items))
        rate = done / max(time.perf_counter() - started, 1e-9)
        log.info("demo data: %s of %s notices stored (%.0f a second)", f"{done:,}", f"{len(items):,}", rate)
    _seed_redress(uow_factory, items, report.notices)
    return report


def _seed_redress(uow_factory: Callable[[], UnitOfWork], items: list[DemoItem], ids: list[str]) -> None:
    """A few harassment reports, countries' positions and CCF cases on the abusive requests that were
    published, so the oversight report and the CCF's desk have something true to show."""
    from rednotice.domain.redress import (
        ApplicantKind,
        Filing,
        HarassmentReport,
        HarmKind,
        IdProof,
        PositionGround,
        PositionKind,
        ReporterKind,
        RequestKind,
    )
    from rednotice.services import redress

    with uow_factory() as uow:
        targets = [
            n
            for n in (uow.notices.get(i) for i, item in zip(ids, items, strict=False) if item.abuse)
            if n is not None and n.in_force and n.type is RED
        ][:6]
        now = uow.clock()
    harms = [
        (HarmKind.THREATS, HarmKind.EXIT_BAN),
        (HarmKind.DETENTION, HarmKind.QUESTIONING),
        (HarmKind.FROZEN_ASSETS, HarmKind.DISMISSAL),
        (HarmKind.PRESSURE_ABROAD,),
    ]
    for i, notice in enumerate(targets):
        subject = notice.request.subject
        redress.file_harassment_report(
            HarassmentReport(
                id=0,
                filed_at=now,
                reporter_kind=ReporterKind.NGO,
                reporter_name="Demo Rights Watch (synthetic)",
                reporter_contact="",
                notice_id=notice.id,
                victim_name=f"relative of {subject.family_name}",
                victim_relation="sibling" if i % 2 else "spouse",
                kinds=harms[i % len(harms)],
                occurred_on=str(now.year - 1),
                place=notice.request.judicial.facts.place or "home town",
                description="Police visited the family home and told the relative to bring the subject back.",
                source="interview with the relative (synthetic demo data)",
            ),
            uow_factory(),
        )
        other = "DE" if notice.requesting_country != "DE" else "FR"
        if notice.request.visibility.allows(other):
            redress.record_position(
                notice.id,
                PositionKind.CONCERN,
                [PositionGround.ARTICLE_3],
                "The charges follow the subject's public criticism of the government (synthetic demo data).",
                [],
                i % 2 == 0,
                ncb(other),
                uow_factory(),
            )
    for i, notice in enumerate(targets[:3]):
        subject = notice.request.subject
        case, _code = redress.file_case(
            Filing(
                kind=RequestKind.DELETION if i < 2 else RequestKind.ACCESS,
                applicant_kind=ApplicantKind.LAWYER,
                subject=subject,
                id_proof=IdProof(True, True, True, True),
                signed=True,
                purpose="delete a notice issued for political reasons",
                language="en",
                power_of_attorney=True,
                representative="Demo Law Chambers (synthetic)",
                notice_id=notice.id,
                statement="The applicant is a journalist prosecuted for his articles (synthetic demo data).",
            ),
            uow_factory(),
        )
        redress.assess_case(case.id, CCF_ACTOR, uow_factory())
        if i == 0:
            redress.block(
                case.id,
                "Deletion request admissible; precautionary block while the case runs.",
                CCF_ACTOR,
                uow_factory(),
            )


def _add_users(uow: UnitOfWork, now: datetime) -> list[str]:
    password_hash = security.hash_password(DEMO_PASSWORD)  # one hash for all: it is the same demo password
    added = []
    for user in demo_users():
        if uow.users.get(user.username) is not None:
            continue
        uow.users.add(UserRecord(user.username, user.role, user.country, password_hash, created_at=now))
        uow.audit.append(
            SYSTEM,
            "user.add",
            f"user:{user.username}",
            {"role": user.role.value, "country": user.country, "demo": True},
            now,
        )
        added.append(user.username)
    return added


def _write(uow: UnitOfWork, item: DemoItem, ids: dict[int, str], index: int) -> Notice:
    request = item.request
    if item.related_to is not None and item.related_to in ids:
        relation = Relation(ids[item.related_to], RelationKind.SPOUSE)
        request = replace(request, subject=replace(request.subject, relations=(relation,)))
    notice_id = uow.notices.next_id(item.created_at.year)
    ids[index] = notice_id
    notice = Notice(
        id=notice_id,
        request=request,
        created_at=item.created_at,
        created_by=ncb(request.requesting_country).username,
    )
    for action, actor, at, reasons in item.steps:
        notice.apply(action, actor, at, reasons)
    uow.notices.add(notice)
    review.record_history(uow, notice)  # its compliance check and decisions, as the live path keeps them
    return notice
