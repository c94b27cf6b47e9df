"""Statutes of concern: provisions documented as used against expression, assembly, association,
religion or minorities, and a matcher that recognises them in a charge's cited law.

A match is *evidence* for an Article 3 assessment that does not depend on how the requester words the
offence ("group actions that grossly violate public order" reads like hooliganism; article 342 of the
Belarusian Criminal Code is what Viasna and the OSCE documented against the 2020 protesters). It is
never, alone, proof: every provision here also has ordinary uses. ``Weight.PRETEXTUAL`` entries are
ordinary offences (tax evasion, smuggling, mass riots) documented as pretexts; they add weight and
should never decide.

Public API::

    match_statutes("BY", "ст. 342 УК РБ")            # -> (StatuteMatch(statute, cited, how),)
    statutes_for("RU")                                # the table's Russian entries
    STATUTES, LAWS                                    # the data
    table_markdown()                                  # docs/statutes.md

How citations are read (all on a folded copy of each text: case, accents, Arabic letter variants,
Arabic-Indic, Persian, Thai and full-width digits unified; positions map back to the original):

* article markers in many languages (``art.``, ``Article``, ``Section``, ``s.``, ``§``, ``ст.``,
  ``статья``, ``madde``, ``md.``, ``m.``, ``المادة``, ``ماده``, ``Điều``, ``มาตรา``, ``modda``, ``бап``),
  markers after the number (``314/2. maddesi``, ``281.1-ci maddəsi``, ``159-moddasi``), Chinese
  ``第…条`` with Chinese numerals, and a law abbreviation followed by a number (``TCK 314/2``);
* parts before (``ч. 1 ст. 212``, ``part 2 of Article 280.3``, ``khoản 1 Điều 117``, ``第二款``) or after
  (``314(2)``, ``314/2``, ``212 part 1``); sub-articles (``280.3``, ``361-1``, ``86 bis``, ``120之三``);
  lists and short ranges (``ст. 212, 318``, ``Articles 214-216``);
* the law: a law name right after the article (``of the Criminal Code``, ``УК РФ``, ``من قانون
  العقوبات``), else the nearest law named before it in the same text, else a law named alone in one of
  the other texts, else - and the match says so - the country's criminal code. A law that is not the
  country's (``Civil Code``, ``УПК``, ``УК РФ`` for Belarus, ``the Constitution``) never matches.

Only the requesting country's entries are matched, and only the exact article: 280.3 is not 280,
"Article 2930" is not 293. Where an entry names a part, a citation of another part does not match;
a citation naming no part matches (and says so). Standard library only.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

from rednotice.domain.errors import N_, Term, Text

__all__ = [
    "LAWS",
    "STATUTES",
    "Freedom",
    "Law",
    "Source",
    "Statute",
    "StatuteMatch",
    "Weight",
    "country_name",
    "laws_for",
    "match_statutes",
    "statutes_for",
    "table_markdown",
]


class Freedom(StrEnum):
    """The protected activity a provision is documented as used against."""

    EXPRESSION = "expression"
    ASSEMBLY = "assembly"
    ASSOCIATION = "association"
    RELIGION = "religion"
    MINORITY = "minority"
    MOVEMENT = "movement"


class Weight(StrEnum):
    """How much a match says.

    ``CORE``: the provision is documented as mostly used against protected activity.
    ``PRETEXTUAL``: an ordinary-sounding offence documented as a pretext; weight, never a decision.
    """

    CORE = "core"
    PRETEXTUAL = "pretextual"


@dataclass(frozen=True, slots=True)
class Source:
    organisation: str
    document: str
    year: int
    url: str = ""

    def short(self) -> str:
        return f"{self.organisation} {self.year}"


@dataclass(frozen=True, slots=True)
class Law:
    """A law of one country, with the ways a citation may name it.

    ``aliases`` are patterns over folded text (see the module docstring): words separated by spaces
    (any run of spaces or punctuation between them matches), each word a regular expression; a word
    written ``~word`` is optional. ``default`` marks the criminal code a bare "art. 342" is read
    against. ``year`` rejects a citation naming another year ("Anti-Terrorism Law 2014" is not the
    2017 law).
    """

    country: str
    name: str
    aliases: tuple[str, ...]
    default: bool = False
    year: int | None = None
    article_word: str = "article"


@dataclass(frozen=True, slots=True)
class Statute:
    """One provision of concern. ``article == ""`` means the law as a whole."""

    country: str
    law: str
    article: str
    part: str | None
    criminalises: str
    freedoms: tuple[Freedom, ...]
    weight: Weight
    sources: tuple[Source, ...]
    verified: bool = True
    law_aliases: tuple[str, ...] = ()
    alt_articles: tuple[str, ...] = ()
    """Other spellings of the article number (e.g. "120c" for Chinese article 120-3)."""

    def designation(self) -> str:
        """'part 1 of article 212 of the Criminal Code of Russia', 'the Protest Law (...) of Egypt'."""
        where = country_name(self.country)
        if not self.article:
            return f"the {self.law} of {where} (the law as a whole)"
        word = _LAW_BY_NAME[(self.country, self.law)].article_word
        part = f"part {self.part} of " if self.part else ""
        return f"{part}{word} {self.article} of the {self.law} of {where}"

    def words(self) -> Text:
        """The designation as a message: the frame in the reader's language, the law's name as the table
        gives it, the country by its name in the reader's language (a finding keeps it so)."""
        where = Term("country", self.country, text=country_name(self.country))
        if not self.article:
            return Text(N_("the %(law)s of %(country)s (the law as a whole)"), law=self.law, country=where)
        word = _LAW_BY_NAME[(self.country, self.law)].article_word
        values = {"article": self.article, "law": self.law, "country": where, "part": self.part}
        if word == "section":
            if self.part:
                return Text(
                    N_("part %(part)s of section %(article)s of the %(law)s of %(country)s"), **values
                )
            return Text(N_("section %(article)s of the %(law)s of %(country)s"), **values)
        if self.part:
            return Text(N_("part %(part)s of article %(article)s of the %(law)s of %(country)s"), **values)
        return Text(N_("article %(article)s of the %(law)s of %(country)s"), **values)


@dataclass(frozen=True, slots=True)
class StatuteMatch:
    statute: Statute
    cited: str
    """The text span that matched (from the original text)."""
    how: Text
    """A readable sentence (a message: English as a string): what the provision is, what it was documented
    against, and by whom."""
    law_assumed: bool = False
    """No law was named: the article was read against the country's criminal code."""


# --- Folding ------------------------------------------------------------------------------------

_LETTERS: dict[str, str] = {
    "ı": "i",
    "ё": "е",
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ة": "ه",
    "ى": "ي",
    "ی": "ي",
    "ک": "ك",
    "ـ": "",
    "ß": "ss",
    "ə": "e",
    "đ": "d",
    "ł": "l",
    "ø": "o",
    "œ": "oe",
    "æ": "ae",
    "’": "'",
    "‘": "'",
    "ʼ": "'",
    "`": "'",
    "«": '"',
    "»": '"',
    "“": '"',
    "”": '"',
    "„": '"',
    "–": "-",
    "—": "-",
    "‐": "-",
    "‑": "-",
    "−": "-",
    "،": ",",
    "؛": ";",
    "٫": ".",
}
for _zero in (0x0660, 0x06F0, 0x0E50, 0x17E0, 0x1040):  # Arabic-Indic, Persian, Thai, Khmer, Myanmar
    for _d in range(10):
        _LETTERS[chr(_zero + _d)] = str(_d)


@lru_cache(maxsize=8192)
def _fold_char(c: str) -> str:
    mapped = _LETTERS.get(c)
    if mapped is not None:
        return mapped
    if c.isspace():
        return " "
    decomposed = unicodedata.normalize("NFKD", c.casefold())
    out = "".join(x for x in decomposed if not unicodedata.combining(x))
    return "".join(_LETTERS.get(x, x) for x in out)


@lru_cache(maxsize=4096)
def _fold(text: str) -> tuple[str, tuple[int, ...]]:
    """The folded text and, for each of its characters, the index of the original character."""
    chars: list[str] = []
    where: list[int] = []
    for i, c in enumerate(text):
        for x in _fold_char(c):
            chars.append(x)
            where.append(i)
    return "".join(chars), tuple(where)


def _fold_pattern(pattern: str) -> str:
    """Fold the non-ASCII letters of a pattern the way texts are folded (ASCII and escapes kept)."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            out.append(pattern[i : i + 2])
            i += 2
            continue
        out.append(c if c.isascii() else _fold_char(c))
        i += 1
    return "".join(out)


_DENSE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u0e00-\u0e7f]")
_SEP = r"(?:[\s.,:'/\-()]+|(?<=[^\W\d])(?=\d)|(?<=\d)(?=[^\W\d]))"


def _words_body(alias: str) -> tuple[str, bool]:
    """The regex of an alias or qualifier in the mini-syntax of :class:`Law`, without word boundaries,
    and whether it is written in a script without spaces (Han, Thai), where no boundary applies."""
    tokens = [_fold_pattern(t) for t in alias.split()]
    required = [i for i, t in enumerate(tokens) if not t.startswith("~")]
    if not required:
        raise ValueError(f"alias with only optional words: {alias!r}")
    first = required[0]
    parts: list[str] = []
    for i, tok in enumerate(tokens):
        body = f"(?:{tok.lstrip('~')})"
        if i < first:
            parts.append(f"(?:{body}{_SEP})?")
        elif i == first:
            parts.append(body)
        elif tok.startswith("~"):
            parts.append(f"(?:{_SEP}{body})?")
        else:
            parts.append(f"{_SEP}{body}")
    return "".join(parts), _DENSE.search(alias) is not None


def _words_regex(alias: str) -> str:
    body, dense = _words_body(alias)
    return body if dense else rf"(?<!\w){body}(?!\w)"


# --- Countries ----------------------------------------------------------------------------------

_COUNTRY_NAMES: dict[str, str] = {
    "RU": "Russia",
    "BY": "Belarus",
    "CN": "China",
    "TR": "Türkiye",
    "AZ": "Azerbaijan",
    "TJ": "Tajikistan",
    "EG": "Egypt",
    "BH": "Bahrain",
    "AE": "the United Arab Emirates",
    "SA": "Saudi Arabia",
    "IR": "Iran",
    "VE": "Venezuela",
    "NI": "Nicaragua",
    "TH": "Thailand",
    "VN": "Viet Nam",
    "KZ": "Kazakhstan",
    "UZ": "Uzbekistan",
    "KG": "Kyrgyzstan",
    "KH": "Cambodia",
    "MM": "Myanmar",
    "RW": "Rwanda",
    "ET": "Ethiopia",
    "DZ": "Algeria",
    "MA": "Morocco",
}


def country_name(code: str) -> str:
    return _COUNTRY_NAMES.get(code.upper(), code.upper())


# How a citation names a country next to a law ("УК РФ", "Criminal Code of the Republic of Belarus",
# "PRC Criminal Law", "قانون العقوبات المصري"). A law named with another country's qualifier is that
# country's law, so it never matches. Countries outside the table are listed only to be rejected.
_QUALIFIERS: dict[str, tuple[str, ...]] = {
    "RU": (
        "~the russian federation",
        "russia",
        "russian",
        "rf",
        "российской федерации",
        "российская федерация",
        "россии",
        "рф",
    ),
    "BY": (
        "~the republic of belarus",
        "belarus",
        "belarusian",
        "rb",
        "республики беларусь",
        "республика беларусь",
        "рэспублікі беларусь",
        "беларуси",
        "рб",
    ),
    "CN": (
        "~the people'?s republic of china",
        "prc",
        "china",
        "chinese",
        "中华人民共和国",
        "中華人民共和國",
        "中国",
    ),
    "TR": ("~the republic of (?:turkey|turkiye)", "turkey", "turkiye", "turkish"),
    "AZ": (
        "~the republic of azerbaijan",
        "azerbaijan",
        "azerbaijani",
        "azerbaycan respublikasinin",
        "azerbaycan",
        "азербайджанской республики",
    ),
    "TJ": ("~the republic of tajikistan", "tajikistan", "tajik", "республики таджикистан", "рт"),
    "EG": ("~the arab republic of egypt", "egypt", "egyptian", "المصري", "مصر"),
    "BH": ("~the kingdom of bahrain", "bahrain", "bahraini", "البحريني", "البحرين"),
    "AE": ("~the united arab emirates", "uae", "emirati", "الاماراتي"),
    "SA": ("~the kingdom of saudi arabia", "saudi arabia", "saudi", "ksa", "السعودي"),
    "IR": ("~the islamic republic of iran", "iran", "iranian", "ايران"),
    "VE": (
        "~the bolivarian republic of venezuela",
        "venezuela",
        "venezuelan",
        "venezolano",
        "republica bolivariana de venezuela",
    ),
    "NI": ("~the republic of nicaragua", "nicaragua", "nicaraguan", "nicaraguense"),
    "TH": ("~the kingdom of thailand", "thailand", "thai"),
    "VN": ("~the socialist republic of viet\\s?nam", "viet\\s?nam", "vietnamese", "srv"),
    "KZ": ("~the republic of kazakhstan", "kazakhstan", "kazakh", "республики казахстан", "рк", "rk"),
    "UZ": ("~the republic of uzbekistan", "uzbekistan", "uzbek", "республики узбекистан", "руз", "ruz"),
    "KG": ("~the kyrgyz republic", "kyrgyzstan", "kyrgyz", "кыргызской республики", "кр", "kr"),
    "KH": ("~the kingdom of cambodia", "cambodia", "cambodian"),
    "MM": ("~the republic of the union of myanmar", "myanmar", "burma", "burmese"),
    "RW": ("~the republic of rwanda", "rwanda", "rwandan"),
    "ET": ("~the federal democratic republic of ethiopia", "ethiopia", "ethiopian", "fdre"),
    "DZ": ("~the people'?s democratic republic of algeria", "algeria", "algerian", "algerien", "الجزائري"),
    "MA": ("~the kingdom of morocco", "morocco", "moroccan", "marocain", "المغربي"),
    # Outside the table, listed to be rejected.
    "UA": ("ukraine", "ukrainian", "украины", "україни"),
    "TM": ("turkmenistan", "туркменистана"),
    "MD": ("moldova", "республики молдова"),
    "GE": ("georgia", "georgian"),
    "AM": ("armenia", "armenian"),
    "US": ("~the united states", "us", "usa"),
    "GB": ("~the united kingdom", "british"),
    "FR": ("france", "french"),
    "DE": ("germany", "german"),
}


def _alternation(patterns: Iterable[str]) -> str:
    return "|".join(sorted(patterns, key=len, reverse=True))


_ALL_QUALIFIERS = _alternation(_words_regex(q) for qs in _QUALIFIERS.values() for q in qs)
_QUALIFIER_BEFORE = re.compile(rf"(?P<q>{_ALL_QUALIFIERS})(?:'s)?\s*\Z")
_QUALIFIER_AFTER = re.compile(
    r"\s*,?\s*(?:(?:of\s+(?:the\s+)?|de\s+(?:la\s+)?|del\s+|du\s+)?|"
    r"(?:\s*[^\W\d]+){1,4}?\s+(?:of|de|del|du)\s+(?:the\s+|la\s+)?)"
    rf"(?P<q>{_ALL_QUALIFIERS})"
)
"""A country named right after a law, or a few words on ("Law on Combating Terrorism Crimes and its
Financing of Saudi Arabia")."""
_YEAR_BEFORE = re.compile(r"(?<![\d./])(?P<year>(?:19|20)\d\d)\s*\Z")
_YEAR_AFTER = re.compile(
    r"[\s.,:]*(?:\(\s*(?:(?:of|nam|года|г|de|del|لسنه)\s*)?(?P<year1>(?:19|20)\d\d)\s*\)|"
    r"(?:(?:of|nam|года|г|de|del|لسنه)\s*)?(?P<year>(?:19|20)\d\d)(?!\d))"
)


# --- Law names --------------------------------------------------------------------------------

# A criminal code named generically, in the languages requests arrive in.
_CRIMINAL_CODE: tuple[str, ...] = (
    "(?:criminal|penal) (?:code|law)",
    "cc",
    "cp",
    "уголовн\\w* кодекс\\w*",
    "ук",
    "uk",
    "крымінальн\\w* кодэкс\\w*",
    "кк",
    "code penal",
    "codigo penal",
    "ceza kanun\\w*",
    "cinayet mecelle\\w*",
    "[وبلف]?(?:ال|لل)?قانون (?:ال)?عقوبات",
    "刑法",
    "ประมวลกฎหมายอาญา",
)

# Names of laws that are *not* a country's criminal code or one of its listed laws. Named next to an
# article, they make the citation that law's, so it never matches (art. 342 of the Civil Code).
_OTHER_LAWS: tuple[str, ...] = (
    "(?:civil|administrative|tax|labou?r|family|land|customs|commercial|housing|water|forest|electoral|"
    "election|budget|military|penitentiary|procedure|procedural|enforcement|air|maritime|urban|health|"
    "education|press|media|traffic|road|criminal\\W+procedure|criminal\\W+procedural) (?:code|law|act)",
    "code of ~civil|criminal|administrative|penal procedure|offen[cs]es|enforcement|execution",
    "(?:code|law) (?:of|on) ~criminal procedure",
    "~federal (?:decree\\W*law|decree|law|act|ordinance|proclamation|dahir|order|royal\\W+decree) "
    "~no|number \\d+ ~of|/ ~\\d+",
    "constitution\\w*",
    "~international covenant",
    "iccpr",
    "echr",
    "udhr",
    "~european convention",
    "rules on the processing of data",
    "rpd",
    "(?:гражданск|налогов|трудов|семейн|земельн|жилищн|таможенн|бюджетн|водн|лесн|градостроительн|"
    "административн|арбитражн|\\w*процессуальн|уголовно\\W?исполнительн|избирательн|воздушн)\\w* кодекс\\w*",
    "кодекс\\w* ~\\w+ ~\\w+ об административн\\w*",
    "коап|упк|гпк|апк|гк|нк|тк|жк|зк|бк|уик|кас",
    "~федеральн\\w* закон\\w* (?:№|n|no) \\d+",
    "конституци\\w*",
    "ceza muhakemesi kanun\\w*",
    "cmk",
    "~turk medeni kanun\\w*",
    "borclar kanun\\w*",
    "hmk",
    "anayasa\\w*",
    "kabahatler kanun\\w*",
    "\\d+ sayili kanun\\w*",
    "[وبلف]?(?:ال|لل)?قانون (?:ال)?(?:مدني|اجراءات|عمل|احوال|تجاره|جنسيه|مرور|ايين)\\w*",
    "[وبلف]?(?:ال|لل)?(?:قانون|مرسوم) ~بقانون ~رقم \\d+",
    "(?:ال)?دستور",
    "(?:codigo|code) (?:civil|de commerce|de procedimiento\\w*|de procedure\\w*|du travail|de la famille|"
    "organique\\w*|procesal\\w*)",
    "(?:ley|loi|decreto|decret) ~no|n°|numero \\d+",
    "constitucion",
    "bo luat (?:dan su|to tung\\w*|lao dong)",
    "luat (?:dan su|to tung\\w*)",
    "[\\u4e00-\\u9fff]{0,10}?(?:(?<!刑)法|法典|条例|條例)(?=\\s*》?\\s*第)",
    "ประมวลกฎหมาย(?!อาญา)\\w+",
    "พระราชบัญญัติ(?!\\w*คอมพ)\\w*",
)


def _law(
    country: str,
    name: str,
    *aliases: str,
    default: bool = False,
    year: int | None = None,
    article_word: str = "article",
) -> Law:
    return Law(country, name, tuple(aliases), default, year, article_word)


def _cc(country: str, name: str = "Criminal Code", *extra: str, **kw: object) -> Law:
    """A country's criminal code: the generic names plus its own."""
    word = str(kw.get("article_word", "article"))
    year = kw.get("year")
    return Law(country, name, (*extra, *_CRIMINAL_CODE), True, year if isinstance(year, int) else None, word)


LAWS: tuple[Law, ...] = (
    _cc("RU"),
    _cc("BY"),
    _cc("CN", "Criminal Law"),
    _cc("TR", "Penal Code", "tck", "~5237 ~sayili ~turk ceza kanun\\w*", "(?:law|kanun) ~no 5237", year=2004),
    _law(
        "TR",
        "Anti-Terror Law (Law No. 3713)",
        "~law|kanun ~no 3713 ~sayili ~terorle ~mucadele ~kanun\\w*",
        "terorle mucadele kanun\\w*",
        "tmk",
        "anti[\\s\\-]?terror(?:ism)? law",
        "counter[\\s\\-]?terrorism law",
        "law on ~the fight\\w* against terrorism",
    ),
    _law(
        "TR",
        "Law on Meetings and Demonstrations (Law No. 2911)",
        "~law|kanun ~no 2911 ~sayili ~kanun\\w*",
        "toplanti ve gosteri yuruyusleri kanun\\w*",
        "law on ~public meetings and demonstration\\w* ~marches",
    ),
    _cc("AZ"),
    _cc("TJ"),
    _cc("EG", "Penal Code", "law ~no 58 ~of 1937", "~ال?قانون ~رقم 58 ~لسنه 1937"),
    _law(
        "EG",
        "Anti-Terrorism Law (Law 94/2015)",
        "law ~no 94 ~of 2015",
        "~ال?قانون ~رقم 94 ~لسنه 2015",
        "anti[\\s\\-]?terror(?:ism)? law",
        "counter[\\s\\-]?terrorism law",
        "law on combating terrorism",
        "[وبلف]?(?:ال|لل)?قانون مكافحه (?:ال)?ارهاب",
        year=2015,
    ),
    _law(
        "EG",
        "Cybercrime Law (Law 175/2018)",
        "law ~no 175 ~of 2018",
        "~ال?قانون ~رقم 175 ~لسنه 2018",
        "~anti cyber[\\s\\-]?crimes? law",
        "law on combating information technology crimes",
        "[وبلف]?(?:ال|لل)?قانون مكافحه جرائم تقنيه (?:ال)?معلومات",
        year=2018,
    ),
    _law(
        "EG",
        "Protest Law (Law 107/2013)",
        "law ~no 107 ~of 2013",
        "~ال?قانون ~رقم 107 ~لسنه 2013",
        "protest law",
        "law on ~the right to public meetings,? processions and peaceful demonstrations",
        "[وبلف]?(?:ال|لل)?قانون (?:ال)?تظاهر",
        year=2013,
    ),
    _law(
        "EG",
        "Assembly Law (Law 10/1914)",
        "law ~no 10 ~of 1914",
        "~ال?قانون ~رقم 10 ~لسنه 1914",
        "assembly law",
        "[وبلف]?(?:ال|لل)?قانون (?:ال)?تجمهر",
        year=1914,
    ),
    _cc("BH", "Penal Code", "~legislative ~decree ~law ~no 15 ~of 1976"),
    _law(
        "BH",
        "Law on the Protection of Society from Terrorist Acts (Law 58/2006)",
        "law ~no 58 ~of 2006",
        "~ال?قانون ~رقم 58 ~لسنه 2006",
        "~law ~on ~the protection of ~the society from terrorist acts",
        "anti[\\s\\-]?terror(?:ism)? law",
        "[وبلف]?(?:ال|لل)?قانون حمايه (?:ال)?مجتمع من (?:ال)?اعمال (?:ال)?ارهابيه",
        year=2006,
    ),
    _law(
        "BH",
        "Citizenship Law (1963)",
        "~bahraini (?:citizenship|nationality) (?:law|act)",
        "[وبلف]?(?:ال|لل)?قانون (?:ال)?جنسيه (?:ال)?بحرينيه",
        year=1963,
    ),
    _cc("AE", "Penal Code", "~federal law ~no 3 ~of 1987"),
    _law(
        "AE",
        "Cybercrimes Law (Federal Decree-Law 5/2012)",
        "~federal ~decree law ~no 5 ~of 2012",
        "cyber[\\s\\-]?crimes? law",
        "~law on combating cyber[\\s\\-]?crimes",
        "[وبلف]?(?:ال|لل)?قانون مكافحه جرائم تقنيه (?:ال)?معلومات",
        year=2012,
    ),
    _law(
        "AE",
        "Rumours and Cybercrimes Law (Federal Decree-Law 34/2021)",
        "~federal ~decree law ~no 34 ~of 2021",
        "cyber[\\s\\-]?crimes? law",
        "~law on combating rumou?rs and cyber[\\s\\-]?crimes",
        "[وبلف]?(?:ال|لل)?قانون مكافحه (?:ال)?شائعات و?(?:ال)?جرائم (?:ال)?الكترونيه",
        year=2021,
    ),
    _law(
        "AE",
        "Counter-Terrorism Law (Federal Law 7/2014)",
        "~federal law ~no 7 ~of 2014",
        "anti[\\s\\-]?terror(?:ism)? law",
        "counter[\\s\\-]?terrorism law",
        "~law on combating terrorism offen[cs]es|crimes",
        year=2014,
    ),
    _law(
        "SA",
        "Law on Combating Terrorism Crimes and its Financing (2017)",
        "anti[\\s\\-]?terror(?:ism)? law",
        "counter[\\s\\-]?terror(?:ism)? law",
        "~law|system on|for combating terrorism|terrorist crimes and ~its financing",
        "~law|system on|for combating crimes of terrorism ~and ~its ~financing",
        "royal decree ~no m 21",
        "(?:ال)?نظام مكافحه جرائم (?:ال)?ارهاب و?تمويله",
        year=2017,
    ),
    _law(
        "SA",
        "Anti-Cyber Crime Law (2007)",
        "~anti cyber[\\s\\-]?crimes? law",
        "(?:ال)?نظام مكافحه (?:ال)?جرائم (?:ال)?معلوماتيه",
        year=2007,
    ),
    _cc(
        "IR",
        "Islamic Penal Code",
        "islamic penal code",
        "ipc",
        "ta'?zirat",
        "[وبلف]?(?:ال|لل)?قانون مجازات ~اسلامي",
    ),
    _cc("VE", "Penal Code"),
    _law(
        "VE",
        "Law against Hatred (2017)",
        "~constitutional law against hatred ~for ~peaceful ~coexistence ~and ~tolerance",
        "ley ~constitucional contra el odio ~por ~la ~convivencia ~pacifica ~y ~la ~tolerancia",
        "anti[\\s\\-]?hate law",
        year=2017,
    ),
    _law(
        "VE",
        "Organic Law against Organised Crime and Financing of Terrorism (2012)",
        "~organic law against organi[sz]ed crime ~and ~the ~financing ~of ~terrorism",
        "ley organica contra la delincuencia organizada ~y ~el ~financiamiento ~al ~terrorismo",
        "locdoft",
        year=2012,
    ),
    _cc("NI", "Penal Code"),
    _law(
        "NI",
        "Special Cybercrimes Law (Law 1042)",
        "law|ley ~no 1042",
        "special cyber[\\s\\-]?crimes? law",
        "ley especial de ciberdelitos",
        year=2020,
    ),
    _law(
        "NI",
        "Law for the Defence of the People's Rights (Law 1055)",
        "law|ley ~no 1055",
        "law ~for ~the defen[cs]e of the ~people'?s rights",
        "ley de defensa de los derechos del pueblo",
        year=2020,
    ),
    _law("NI", "Law 977 against Money Laundering and Terrorism (2018)", "law|ley ~no 977", year=2018),
    _cc("TH", "Criminal Code", article_word="section"),
    _law(
        "TH",
        "Computer Crime Act",
        "computer crimes? act",
        "cca",
        "พระราชบัญญัติ\\w*คอมพ\\w*",
        "พ\\.?ร\\.?บ\\.?\\s*คอมพ\\w*",
        article_word="section",
    ),
    _cc("VN", "Penal Code", "bo luat hinh su", "blhs", year=2015),
    _law(
        "VN",
        "Penal Code 1999",
        "(?:penal|criminal) code ~of 1999",
        "bo luat hinh su ~nam 1999",
        "blhs 1999",
        year=1999,
    ),
    _cc("KZ", "Criminal Code", "қылмыстық кодекс\\w*"),
    _cc("UZ", "Criminal Code", "jinoyat kodeks\\w*", "жиноят кодекс\\w*"),
    _cc("KG", "Criminal Code", "кылмыш\\w* кодекс\\w*"),
    _cc("KH", "Criminal Code"),
    _cc("MM", "Penal Code", article_word="section"),
    _law("MM", "Unlawful Associations Act (1908)", "unlawful associations? act", article_word="section"),
    _law("MM", "Telecommunications Law (2013)", "telecommunications? law", "telecom law"),
    _cc("RW", "Penal Code (Law 68/2018)", "law ~no 68 ~of 2018"),
    _law(
        "RW",
        "Law on the Crime of Genocide Ideology (Law 59/2018)",
        "law ~no 59 ~of 2018",
        "~law on ~the crime of genocide ideology",
        "genocide ideology law",
        year=2018,
    ),
    _cc("ET", "Criminal Code", "proclamation ~no 414 ~of 2004"),
    _law(
        "ET",
        "Anti-Terrorism Proclamation (No. 652/2009)",
        "~anti[\\s\\-]?terror(?:ism)? proclamation ~no 652 ~of 2009",
        "anti[\\s\\-]?terror(?:ism)? proclamation",
        year=2009,
    ),
    _law(
        "ET",
        "Hate Speech and Disinformation Proclamation (No. 1185/2020)",
        "~hate ~speech ~and ~disinformation ~prevention ~and ~suppression proclamation ~no 1185 ~of 2020",
        "hate speech ~and ~disinformation ~prevention ~and ~suppression proclamation|law",
        year=2020,
    ),
    _cc("DZ", "Penal Code"),
    _cc("MA", "Penal Code"),
)

_LAW_BY_NAME: dict[tuple[str, str], Law] = {(law.country, law.name): law for law in LAWS}


def laws_for(country: str) -> tuple[Law, ...]:
    code = country.strip().upper()
    return tuple(law for law in LAWS if law.country == code)


# --- Sources ------------------------------------------------------------------------------------

_VC = "Venice Commission"
_HRC = "UN Human Rights Committee"
_HRW = "Human Rights Watch"
_AI = "Amnesty International"
_ECHR = "European Court of Human Rights"
_VC_PDF = "https://www.venice.coe.int/webforms/documents/?pdf="

# Russia
S_VC_RU_EXTREMISM = Source(
    _VC,
    "Opinion on the Federal Law on Combating Extremist Activity of the Russian Federation, CDL-AD(2012)016",
    2012,
    _VC_PDF + "CDL-AD(2012)016-e",
)
S_VC_RU_UNDESIRABLE = Source(
    _VC,
    "Opinion on Federal Law No. 129-FZ ('undesirable activities' of foreign and international NGOs), "
    "CDL-AD(2016)020",
    2016,
    _VC_PDF + "CDL-AD(2016)020-e",
)
S_VC_RU_AGENTS = Source(
    _VC,
    "Opinion on the compatibility with international human rights standards of a series of bills on "
    "'foreign agents', CDL-AD(2021)027",
    2021,
    _VC_PDF + "CDL-AD(2021)027-e",
)
S_HRC_RU_2022 = Source(
    _HRC,
    "Concluding observations on the eighth periodic report of the Russian Federation, CCPR/C/RUS/CO/8",
    2022,
)
S_HRC_RU_2015 = Source(
    _HRC,
    "Concluding observations on the seventh periodic report of the Russian Federation, CCPR/C/RUS/CO/7",
    2015,
)
S_SR_RU_2023 = Source(
    "UN Special Rapporteur on the situation of human rights in the Russian Federation",
    "Report to the Human Rights Council, A/HRC/54/54",
    2023,
)
S_OVD = Source(
    "OVD-Info",
    "Data on prosecutions for anti-war statements ('fakes', 'discrediting' the army)",
    2023,
    "https://ovd.info",
)
S_SOVA = Source(
    "SOVA Center",
    "Annual reports on the misuse of anti-extremism legislation",
    2023,
    "https://www.sova-center.ru/en/",
)
S_ECHR_TAGANROG = Source(
    _ECHR, "Taganrog LRO and Others v. Russia, no. 32401/10 and others (Jehovah's Witnesses)", 2022
)
S_ECHR_BELOUSOV = Source(
    _ECHR, "Yaroslav Belousov v. Russia, nos. 2653/13 and 60980/14 (Bolotnaya Square)", 2016
)
S_AI_BOLOTNAYA = Source(_AI, "Statements on the Bolotnaya Square protest prosecutions", 2013)
S_MEMORIAL = Source(
    "Memorial Human Rights Centre",
    "Lists of political prisoners (Bolotnaya case; Hizb ut-Tahrir and Crimean Tatar cases)",
    2019,
)
S_OHCHR_CRIMEA = Source(
    "OHCHR",
    "Situation of human rights in the temporarily occupied Autonomous Republic of Crimea and the city of "
    "Sevastopol (Ukraine)",
    2017,
)
S_HRW_CRIMEA = Source(_HRW, "Crimea: Persecution of Crimean Tatars Intensifies", 2017)
S_AI_DADIN = Source(_AI, "Russia: Ildar Dadin, prisoner of conscience jailed under Article 212.1", 2016)
S_HRW_RU_2022 = Source(_HRW, "Russia Criminalizes Independent War Reporting, Anti-War Protests", 2022)

# Belarus
S_OSCE_BY = Source(
    "OSCE (Moscow Mechanism, rapporteur W. Benedek)",
    "Report on alleged human rights violations related to the presidential elections of 9 August 2020 "
    "in Belarus",
    2020,
)
S_SR_BY = Source(
    "UN Special Rapporteur on the situation of human rights in Belarus", "Report A/HRC/47/49", 2021
)
S_OHCHR_BY = Source(
    "OHCHR",
    "Situation of human rights in Belarus in the run-up to and in the aftermath of the 2020 presidential "
    "election, A/HRC/49/71",
    2022,
)
S_VIASNA = Source(
    "Human Rights Centre Viasna",
    "Political prisoners and criminal prosecutions",
    2023,
    "https://spring96.org/en",
)
S_CONSTANTA = Source(
    "Human Constanta",
    "Reviews of the fight against 'extremism' in Belarus (articles 130, 361-1, 361-2, 361-4)",
    2022,
    "https://humanconstanta.org/en/",
)
S_BAJ = Source(
    "Belarusian Association of Journalists", "Repression against journalists", 2022, "https://baj.media/en"
)

# China
S_OHCHR_XUAR = Source(
    "OHCHR",
    "OHCHR Assessment of human rights concerns in the Xinjiang Uyghur Autonomous Region, "
    "People's Republic of China",
    2022,
    "https://www.ohchr.org/sites/default/files/documents/countries/2022-08-31/22-08-31-final-assesment.pdf",
)
S_HRW_TOHTI = Source(_HRW, "China: Life Sentence for Uighur Scholar (Ilham Tohti, 'separatism')", 2014)
S_HRW_LIU = Source(_HRW, "China: Liu Xiaobo sentenced to 11 years for 'inciting subversion'", 2009)
S_AI_FALUN = Source(
    _AI,
    "China: The crackdown on Falun Gong and other so-called 'heretical organizations', ASA 17/011/2000",
    2000,
)
S_CHRD = Source(
    "Chinese Human Rights Defenders",
    "Reports on 'picking quarrels and provoking trouble' and state-security prosecutions",
    2021,
    "https://www.nchrd.org",
)
S_AI_ZHANG = Source(
    _AI, "China: Citizen journalist Zhang Zhan jailed for 'picking quarrels and provoking trouble'", 2020
)
S_CPJ_GAO = Source(
    "Committee to Protect Journalists", "Gao Yu sentenced for 'leaking state secrets abroad'", 2015
)
S_HRW_XU = Source(_HRW, "China: Xu Zhiyong sentenced for 'gathering a crowd to disturb public order'", 2014)
S_USCIRF_CN = Source("US Commission on International Religious Freedom", "Annual Report, China chapter", 2023)

# Turkey
S_VC_TR = Source(
    _VC,
    "Opinion on articles 216, 299, 301 and 314 of the Penal Code of Turkey, CDL-AD(2016)002",
    2016,
    _VC_PDF + "CDL-AD(2016)002-e",
)
S_COMMDH_TR = Source(
    "Council of Europe Commissioner for Human Rights",
    "Memorandum on freedom of expression and media freedom in Turkey, CommDH(2017)5",
    2017,
)
S_ECHR_YALCINKAYA = Source(
    "European Court of Human Rights (Grand Chamber)",
    "Yalçınkaya v. Türkiye, no. 15669/20 (ByLock evidence)",
    2023,
)
S_ECHR_GOZEL = Source(_ECHR, "Gözel and Özer v. Turkey, nos. 43453/04 and 31098/05", 2010)
S_ECHR_KAVALA = Source(_ECHR, "Kavala v. Turkey, no. 28749/18", 2019)
S_VC_TR_2022 = Source(
    _VC, "Urgent opinion on the draft amendments to the Penal Code on 'false or misleading information'", 2022
)
S_ECHR_ATAMAN = Source(_ECHR, "Oya Ataman v. Turkey, no. 74552/01 (Law No. 2911)", 2006)

# Azerbaijan
S_PACE_AZ = Source(
    "PACE", "Resolution 2184 (2017), The functioning of democratic institutions in Azerbaijan", 2017
)
S_ECHR_ILGAR = Source(_ECHR, "Ilgar Mammadov v. Azerbaijan, no. 15172/13 (Article 18 violation)", 2014)
S_ECHR_FATULLAYEV = Source(_ECHR, "Fatullayev v. Azerbaijan, no. 40984/07", 2010)
S_CPJ_AZ = Source(
    "Committee to Protect Journalists",
    "Azerbaijan: Abzas Media and Toplum TV journalists held on smuggling and tax charges",
    2024,
)
S_HRW_AZ = Source(
    _HRW, "Azerbaijan: crackdown on critics (Leyla Yunus, Khadija Ismayilova and others convicted)", 2015
)
S_AI_AZ_DRUGS = Source(
    _AI,
    "Azerbaijan: student activists jailed on drug charges after graffiti (Bayram Mammadov, Giyas Ibrahimov)",
    2016,
)
S_F18_AZ = Source("Forum 18", "Azerbaijan: religious freedom survey", 2023, "https://www.forum18.org")

# Tajikistan
S_HRW_TJ = Source(_HRW, "Tajikistan: Severe Crackdown on Political Opposition", 2016)
S_HRC_TJ = Source(
    _HRC, "Concluding observations on the third periodic report of Tajikistan, CCPR/C/TJK/CO/3", 2019
)
S_LOC_TJ = Source(
    "Law Library of Congress",
    "Legal provisions on fighting extremism: Tajikistan",
    2016,
    "https://www.loc.gov/law/help/fighting-extremism/tajikistan.php",
)

# Egypt
S_AI_EG = Source(
    _AI, "Egypt: Permanent State of Exception - Abuses by the Supreme State Security Prosecution", 2019
)
S_HRW_EG_PROTEST = Source(_HRW, "Egypt: Deeply Restrictive New Assembly Law", 2013)
S_AI_EG_TIKTOK = Source(
    _AI, "Egypt: women social media influencers prosecuted for violating 'family values' (Law 175/2018)", 2020
)
S_SR_CT_EG = Source(
    "UN Special Rapporteur on counter-terrorism and human rights",
    "Communications on Egypt's counter-terrorism legislation and its use against human rights defenders",
    2020,
)
S_EIPR_1914 = Source(
    "Egyptian Initiative for Personal Rights",
    "Study of the Assembly Law (Law 10 of 1914) in mass trials",
    2017,
)
S_USCIRF_EG = Source(
    "US Commission on International Religious Freedom",
    "Annual Report, Egypt chapter (contempt of religion)",
    2023,
)

# Bahrain
S_BICI = Source(
    "Bahrain Independent Commission of Inquiry",
    "Report of the Bahrain Independent Commission of Inquiry (penal code provisions restricting expression)",
    2011,
    "https://www.bici.org.bh/BICIreportEN.pdf",
)
S_HRC_BH = Source(_HRC, "Concluding observations on the initial report of Bahrain, CCPR/C/BHR/CO/1", 2018)
S_GCHR_RAJAB = Source(
    "Gulf Centre for Human Rights", "Nabeel Rajab sentenced in free expression case (article 216)", 2015
)
S_RAJAB_2018 = Source(
    "Gulf News", "Nabeel Rajab sentenced to five years (Penal Code articles 133, 215 and 216)", 2018
)

# United Arab Emirates
S_HRW_UAE94 = Source(_HRW, "UAE: Unfair mass trial of 94 government critics", 2013)
S_AI_MANSOOR = Source(_AI, "UAE: Ahmed Mansoor sentenced to 10 years for social media posts", 2018)
S_HRW_UAE84 = Source(_HRW, "UAE: Mass trial of 84 defendants under the 2014 counter-terrorism law", 2024)
S_GCHR_UAE = Source(
    "Gulf Centre for Human Rights",
    "Analysis of Federal Decree-Law 34/2021 on combating rumours and cybercrimes",
    2022,
)

# Saudi Arabia
S_HRW_SA = Source(_HRW, "Saudi Arabia: New Counterterrorism Law Enables Abuse", 2017)
S_SR_CT_SA = Source(
    "UN Special Rapporteur on counter-terrorism and human rights",
    "Visit to Saudi Arabia, A/HRC/40/52/Add.2",
    2018,
)
S_AI_SHEHAB = Source(
    _AI,
    "Saudi Arabia: Salma al-Shehab sentenced for tweets under the counter-terrorism and cybercrime laws",
    2022,
)

# Iran
S_SR_IR = Source(
    "UN Special Rapporteur on the situation of human rights in Iran",
    "Reports to the Human Rights Council",
    2023,
)
S_FFM_IR = Source("UN Independent International Fact-Finding Mission on Iran", "Report A/HRC/55/67", 2024)
S_AI_IR = Source(_AI, "Iran: death sentences against protesters ('moharebeh', 'corruption on earth')", 2022)
S_A19_IR = Source(
    "ARTICLE 19",
    "Iran: Parliament passes law to further choke freedoms and target minorities (articles 499 bis, 500 bis)",
    2021,
    "https://article19.org/resources/iran-parliament-passes-law-to-further-choke-freedoms-and-target-minorities",
)
S_ARTICLE18 = Source(
    "Article18",
    "Prosecutions of Christian converts under articles 499 and 500",
    2021,
    "https://articleeighteen.com",
)

# Venezuela
S_FFM_VE = Source(
    "UN Independent International Fact-Finding Mission on Venezuela", "Report A/HRC/45/33", 2020
)
S_HRW_VE = Source(
    "Human Rights Watch and Foro Penal",
    "Crackdown on Dissent: Brutality, Torture, and Political Persecution in Venezuela",
    2017,
)
S_IACHR_VE = Source(
    "Inter-American Commission on Human Rights", "Statements on the Constitutional Law against Hatred", 2017
)

# Nicaragua
S_GHREN = Source("UN Group of Human Rights Experts on Nicaragua", "Report A/HRC/52/63", 2023)
S_IACHR_NI = Source(
    "Inter-American Commission on Human Rights",
    "Gross human rights violations in the context of social protests in Nicaragua",
    2018,
)
S_OHCHR_NI = Source(
    "OHCHR", "Nicaragua: UN experts on the foreign agents, cybercrimes and 'sovereignty' laws", 2020
)

# Thailand
S_HRC_TH = Source(
    _HRC, "Concluding observations on the second periodic report of Thailand, CCPR/C/THA/CO/2", 2017
)
S_TLHR = Source(
    "Thai Lawyers for Human Rights",
    "Statistics of prosecutions under section 112, sedition and the Computer Crime Act",
    2023,
    "https://tlhr2014.com/en",
)

# Viet Nam
S_HRC_VN = Source(
    _HRC, "Concluding observations on the third periodic report of Viet Nam, CCPR/C/VNM/CO/3", 2019
)
S_P88 = Source(
    "The 88 Project", "Database of persecuted activists in Vietnam", 2023, "https://the88project.org"
)
S_HRW_VN_TAX = Source(_HRW, "Vietnam: environmental defenders jailed for 'tax evasion'", 2022)
S_FN_VN = Source(
    "Freedom Now", "Submission to the Universal Periodic Review of Viet Nam (national security laws)", 2013
)

# Kazakhstan
S_HRW_KZ = Source(
    _HRW, "Kazakhstan: Crackdown on Government Critics (over 130 targeted under article 405)", 2021
)
S_HRC_KZ = Source(
    _HRC, "Concluding observations on the second periodic report of Kazakhstan, CCPR/C/KAZ/CO/2", 2016
)
S_KIBHR = Source(
    "Kazakhstan International Bureau for Human Rights",
    "Analytical note on sanctions in cases under articles 174 and 405",
    2021,
    "https://bureau.kz",
)
S_CE_ABLYAZOV = Source(
    "Conseil d'État (France)", "Decision annulling the extradition decree against Mukhtar Ablyazov", 2016
)

# Uzbekistan
S_HRW_UZ = Source(_HRW, "Creating Enemies of the State: Religious Persecution in Uzbekistan", 2004)
S_F18_UZ = Source("Forum 18", "Uzbekistan: religious freedom survey", 2023, "https://www.forum18.org")
S_HRC_UZ = Source(
    _HRC, "Concluding observations on the fifth periodic report of Uzbekistan, CCPR/C/UZB/CO/5", 2020
)

# Kyrgyzstan
S_CPJ_KG = Source(
    "Committee to Protect Journalists",
    "Kyrgyzstan authorities raid news outlets 24.kg and Temirov Live, arrest journalists",
    2024,
    "https://cpj.org/2024/01/kyrgyzstan-authorities-raid-news-outlets-24-kg-and-temirov-live-arrest-journalists/",
)
S_HRC_ASKAROV = Source(
    _HRC, "Askarov v. Kyrgyzstan, CCPR/C/116/D/2231/2012 (conviction for incitement of ethnic hatred)", 2016
)

# Cambodia
S_HRW_KH_2010 = Source(_HRW, "Cambodia: New Penal Code Undercuts Free Expression (article 495)", 2010)
S_VOD_KH = Source(
    "VOD", "Court sentences four opposition officials for insult and incitement (articles 495, 502)", 2020
)
S_HRW_KH_2023 = Source(_HRW, "Cambodia: Opposition leader Kem Sokha convicted of treason", 2023)
S_SR_KH = Source(
    "UN Special Rapporteur on the situation of human rights in Cambodia",
    "Statements on the lèse-majesté provision (article 437 bis)",
    2018,
)

# Myanmar
S_A19_MM = Source(
    "ARTICLE 19", "Myanmar: analysis of the 2021 amendments to the Penal Code (sections 124A, 505A)", 2021
)
S_AAPP = Source(
    "Assistance Association for Political Prisoners (Burma)",
    "Political prisoner data",
    2023,
    "https://aappb.org",
)
S_ATHAN = Source(
    "Athan",
    "Journalists charged under the NLD government (Telecommunications Law 66(d), Unlawful Associations Act, "
    "Penal Code 505(b))",
    2019,
    "https://www.athanmyanmar.org",
)
S_AI_MM_295A = Source(_AI, "Myanmar: Htin Lin Oo sentenced for 'insulting religion' (section 295A)", 2015)

# Rwanda
S_HRW_RW = Source(_HRW, "Rwanda: Arrests, Prosecutions Over YouTube Posts", 2022)
S_AI_RW = Source(
    _AI,
    "Safer to stay silent: the chilling effect of Rwanda's laws on 'genocide ideology' and 'sectarianism'",
    2010,
)

# Ethiopia
S_CPJ_ET = Source(
    "Committee to Protect Journalists",
    "Ethiopia: journalists convicted under the 2009 anti-terrorism proclamation "
    "(Eskinder Nega, Reeyot Alemu)",
    2012,
)
S_SR_ET = Source(
    "UN Special Procedures",
    "Ethiopia: experts alarmed by the use of the anti-terrorism law against journalists",
    2012,
)
S_A19_ET = Source(
    "ARTICLE 19", "Ethiopia: Hate Speech and Disinformation Prevention and Suppression Proclamation", 2020
)

# Algeria
S_CIHRS_DZ = Source(
    "Cairo Institute for Human Rights Studies and others",
    "Algeria: marked regression in human rights underscored by proliferation of baseless terrorism "
    "prosecutions (article 87 bis)",
    2021,
    "https://cihrs.org/algeria-marked-regression-in-human-rights-underscored-by-proliferation-of-baseless-"
    "terrorism-prosecutions/?lang=en",
)
S_AI_DZ = Source(
    _AI, "Algeria: Hirak activists prosecuted for 'undermining national unity' and 'unarmed gathering'", 2020
)
S_HRC_DZ = Source(
    _HRC, "Concluding observations on the fourth periodic report of Algeria, CCPR/C/DZA/CO/4", 2018
)

# Morocco
S_HRW_MA = Source(
    _HRW,
    "The Red Lines Stay Red: Morocco's Reforms of its Speech Laws",
    2017,
    "https://www.hrw.org/report/2017/05/03/red-lines-stay-red/moroccos-reforms-its-speech-laws",
)
S_USDOS_MA = Source("US Department of State", "International Religious Freedom Report: Morocco", 2022)
S_AFP_MA = Source(
    "AFP", "Moroccan court jails man five years over Facebook posts about the king (article 267-5)", 2023
)


# --- The table ----------------------------------------------------------------------------------

_FREEDOM_WORDS: dict[str, Freedom] = {
    "expr": Freedom.EXPRESSION,
    "assem": Freedom.ASSEMBLY,
    "assoc": Freedom.ASSOCIATION,
    "relig": Freedom.RELIGION,
    "minor": Freedom.MINORITY,
    "move": Freedom.MOVEMENT,
}


def _s(
    country: str,
    law: str,
    article: str,
    criminalises: str,
    freedoms: str,
    *sources: Source,
    part: str | None = None,
    pretext: bool = False,
    verified: bool = True,
    alt: tuple[str, ...] = (),
) -> Statute:
    entry = _LAW_BY_NAME[(country, law)]
    return Statute(
        country=country,
        law=law,
        article=article,
        part=part,
        criminalises=criminalises,
        freedoms=tuple(_FREEDOM_WORDS[w] for w in freedoms.split()),
        weight=Weight.PRETEXTUAL if pretext else Weight.CORE,
        sources=sources,
        verified=verified,
        law_aliases=entry.aliases,
        alt_articles=alt,
    )


_CC_NAME, _CN_L, _TR = "Criminal Code", "Criminal Law", "Penal Code"
_TR_ATL = "Anti-Terror Law (Law No. 3713)"

STATUTES: tuple[Statute, ...] = (
    # Russia
    _s("RU", _CC_NAME, "280", "public calls for extremist activity", "expr", S_VC_RU_EXTREMISM, S_SOVA),
    _s(
        "RU",
        _CC_NAME,
        "280.1",
        "public calls for actions violating territorial integrity (separatism)",
        "expr minor",
        S_OHCHR_CRIMEA,
        S_SOVA,
    ),
    _s(
        "RU",
        _CC_NAME,
        "280.3",
        "repeated 'discrediting' of the armed forces",
        "expr assem",
        S_SR_RU_2023,
        S_OVD,
    ),
    _s(
        "RU",
        _CC_NAME,
        "207.3",
        "public dissemination of 'knowingly false information' about the armed forces",
        "expr",
        S_HRW_RU_2022,
        S_SR_RU_2023,
        S_OVD,
    ),
    _s(
        "RU",
        _CC_NAME,
        "207.1",
        "public dissemination of 'knowingly false information' about emergencies",
        "expr",
        S_SOVA,
        verified=False,
    ),
    _s(
        "RU",
        _CC_NAME,
        "282",
        "incitement of hatred or enmity, humiliation of human dignity",
        "expr relig minor",
        S_VC_RU_EXTREMISM,
        S_SOVA,
    ),
    _s(
        "RU", _CC_NAME, "282.1", "organising an 'extremist community'", "assoc", S_VC_RU_EXTREMISM, S_MEMORIAL
    ),
    _s(
        "RU",
        _CC_NAME,
        "282.2",
        "organising or taking part in an organisation banned as 'extremist'",
        "assoc relig",
        S_ECHR_TAGANROG,
        S_HRC_RU_2022,
        S_SOVA,
    ),
    _s("RU", _CC_NAME, "282.3", "financing 'extremist' activity", "assoc relig", S_ECHR_TAGANROG, S_SOVA),
    _s(
        "RU",
        _CC_NAME,
        "212",
        "organising mass riots",
        "assem",
        S_AI_BOLOTNAYA,
        S_MEMORIAL,
        part="1",
        pretext=True,
    ),
    _s(
        "RU",
        _CC_NAME,
        "212",
        "taking part in mass riots",
        "assem",
        S_ECHR_BELOUSOV,
        S_AI_BOLOTNAYA,
        part="2",
        pretext=True,
    ),
    _s(
        "RU",
        _CC_NAME,
        "212.1",
        "repeated violation of the rules for organising or holding public events",
        "assem",
        S_AI_DADIN,
        S_HRC_RU_2022,
    ),
    _s(
        "RU",
        _CC_NAME,
        "148",
        "public actions insulting the religious feelings of believers",
        "relig expr",
        S_SOVA,
    ),
    _s(
        "RU",
        _CC_NAME,
        "275",
        "high treason (definition broadened in 2012)",
        "expr assoc",
        S_HRC_RU_2015,
        S_SR_RU_2023,
    ),
    _s(
        "RU",
        _CC_NAME,
        "275.1",
        "confidential cooperation with a foreign state or organisation",
        "expr assoc",
        S_SR_RU_2023,
    ),
    _s(
        "RU",
        _CC_NAME,
        "330.1",
        "evading the duties of a 'foreign agent'",
        "assoc expr",
        S_VC_RU_AGENTS,
        S_HRC_RU_2022,
    ),
    _s(
        "RU",
        _CC_NAME,
        "284.1",
        "taking part in the activity of an 'undesirable' organisation",
        "assoc",
        S_VC_RU_UNDESIRABLE,
        S_HRC_RU_2022,
    ),
    _s(
        "RU",
        _CC_NAME,
        "205.2",
        "public calls to, justification or propaganda of terrorism",
        "expr",
        S_SOVA,
        S_MEMORIAL,
    ),
    _s(
        "RU",
        _CC_NAME,
        "205.5",
        "organising or taking part in a 'terrorist organisation' (used against Hizb ut-Tahrir and Crimean "
        "Tatars)",
        "assoc relig minor",
        S_HRW_CRIMEA,
        S_MEMORIAL,
        pretext=True,
    ),
    _s(
        "RU",
        _CC_NAME,
        "318",
        "violence against a representative of authority (Bolotnaya protesters)",
        "assem",
        S_AI_BOLOTNAYA,
        S_ECHR_BELOUSOV,
        part="1",
        pretext=True,
    ),
    # Belarus
    _s(
        "BY",
        _CC_NAME,
        "342",
        "gross violation of public order (group actions)",
        "assem",
        S_OSCE_BY,
        S_VIASNA,
        S_OHCHR_BY,
    ),
    _s("BY", _CC_NAME, "293", "mass riots", "assem", S_OSCE_BY, S_VIASNA, pretext=True),
    _s(
        "BY",
        _CC_NAME,
        "361-1",
        "creating or taking part in an 'extremist formation'",
        "assoc expr",
        S_CONSTANTA,
        S_SR_BY,
    ),
    _s("BY", _CC_NAME, "361-2", "financing 'extremist' activity", "assoc", S_CONSTANTA),
    _s("BY", _CC_NAME, "361-4", "facilitating 'extremist' activity", "assoc expr", S_CONSTANTA),
    _s(
        "BY",
        _CC_NAME,
        "130",
        "incitement of racial, national, religious or other social hatred",
        "expr minor",
        S_CONSTANTA,
        S_BAJ,
    ),
    _s("BY", _CC_NAME, "361", "calls to actions harming national security", "expr", S_SR_BY, S_VIASNA),
    _s("BY", _CC_NAME, "357", "conspiracy to seize state power", "expr assoc", S_OHCHR_BY, S_VIASNA),
    _s("BY", _CC_NAME, "356", "high treason", "expr assoc", S_CONSTANTA, S_VIASNA),
    _s("BY", _CC_NAME, "367", "defamation of the President", "expr", S_SR_BY, S_BAJ),
    _s("BY", _CC_NAME, "368", "insulting the President", "expr", S_SR_BY, S_BAJ),
    _s("BY", _CC_NAME, "369", "insulting a representative of authority", "expr", S_VIASNA),
    _s("BY", _CC_NAME, "369-1", "discrediting the Republic of Belarus", "expr", S_SR_BY, verified=False),
    _s(
        "BY",
        _CC_NAME,
        "243",
        "tax evasion (used against independent media)",
        "expr",
        S_BAJ,
        pretext=True,
        verified=False,
    ),
    # China
    _s(
        "CN",
        _CN_L,
        "105",
        "subversion of state power; inciting subversion",
        "expr assoc",
        S_HRW_LIU,
        S_CHRD,
    ),
    _s(
        "CN",
        _CN_L,
        "103",
        "splitting the state; inciting separatism",
        "expr minor",
        S_HRW_TOHTI,
        S_OHCHR_XUAR,
    ),
    _s(
        "CN",
        _CN_L,
        "293",
        "picking quarrels and provoking trouble",
        "expr assem",
        S_AI_ZHANG,
        S_CHRD,
    ),
    _s(
        "CN",
        _CN_L,
        "300",
        "organising or using a cult to undermine the implementation of law",
        "relig assoc",
        S_AI_FALUN,
        S_USCIRF_CN,
    ),
    _s(
        "CN",
        _CN_L,
        "120-3",
        "advocating terrorism or extremism, inciting terrorist activity",
        "expr relig minor",
        S_OHCHR_XUAR,
        alt=("120c",),
    ),
    _s(
        "CN",
        _CN_L,
        "120-6",
        "possessing items that advocate terrorism or extremism",
        "expr relig minor",
        S_OHCHR_XUAR,
        alt=("120f",),
    ),
    _s(
        "CN",
        _CN_L,
        "120",
        "organising, leading or joining a terrorist organisation (Uyghur cases)",
        "assoc relig minor",
        S_OHCHR_XUAR,
        pretext=True,
    ),
    _s(
        "CN",
        _CN_L,
        "111",
        "stealing, spying, buying or illegally providing state secrets or intelligence abroad",
        "expr",
        S_CPJ_GAO,
        S_CHRD,
    ),
    _s(
        "CN",
        _CN_L,
        "291",
        "gathering a crowd to disturb order in a public place",
        "assem",
        S_HRW_XU,
        S_CHRD,
        verified=False,
    ),
    _s("CN", _CN_L, "290", "gathering a crowd to disturb social order", "assem", S_CHRD, verified=False),
    _s(
        "CN",
        _CN_L,
        "296",
        "holding an assembly, procession or demonstration without permission",
        "assem",
        S_CHRD,
    ),
    # Turkey
    _s(
        "TR",
        _TR,
        "314",
        "membership of an armed organisation (ByLock, bank account and Gülen movement cases)",
        "assoc expr",
        S_ECHR_YALCINKAYA,
        S_VC_TR,
        part="2",
    ),
    _s("TR", _TR, "299", "insulting the President", "expr", S_VC_TR, S_COMMDH_TR),
    _s(
        "TR",
        _TR,
        "301",
        "degrading the Turkish nation and the institutions of the State",
        "expr minor",
        S_VC_TR,
        S_COMMDH_TR,
    ),
    _s(
        "TR",
        _TR,
        "216",
        "provoking the public to hatred or hostility; degrading religious values",
        "expr relig minor",
        S_VC_TR,
    ),
    _s(
        "TR",
        _TR,
        "217/A",
        "publicly disseminating misleading information ('disinformation')",
        "expr",
        S_VC_TR_2022,
    ),
    _s(
        "TR",
        _TR,
        "312",
        "attempting to overthrow the government (Gezi trial)",
        "assem expr",
        S_ECHR_KAVALA,
        pretext=True,
    ),
    _s(
        "TR",
        _TR_ATL,
        "7",
        "propaganda for a terrorist organisation",
        "expr",
        S_COMMDH_TR,
        S_VC_TR,
        part="2",
    ),
    _s(
        "TR",
        _TR_ATL,
        "6",
        "publishing statements of terrorist organisations",
        "expr",
        S_ECHR_GOZEL,
        part="2",
    ),
    _s(
        "TR",
        "Law on Meetings and Demonstrations (Law No. 2911)",
        "32",
        "resisting the dispersal of an unlawful meeting or demonstration",
        "assem",
        S_ECHR_ATAMAN,
        verified=False,
    ),
    # Azerbaijan (parts are written 281.2, 206.3.2)
    _s("AZ", _CC_NAME, "281", "public calls against the State", "expr", S_PACE_AZ, S_HRW_AZ),
    _s(
        "AZ",
        _CC_NAME,
        "283",
        "incitement of national, racial, social or religious hatred",
        "expr relig minor",
        S_F18_AZ,
        S_PACE_AZ,
    ),
    _s("AZ", _CC_NAME, "274", "high treason", "expr assoc", S_HRW_AZ, S_PACE_AZ),
    _s("AZ", _CC_NAME, "147", "defamation", "expr", S_ECHR_FATULLAYEV),
    _s("AZ", _CC_NAME, "148", "insult", "expr", S_ECHR_FATULLAYEV),
    _s(
        "AZ",
        _CC_NAME,
        "192",
        "illegal entrepreneurship (used against journalists and NGOs)",
        "expr assoc",
        S_HRW_AZ,
        S_CPJ_AZ,
        pretext=True,
    ),
    _s("AZ", _CC_NAME, "206", "smuggling (Abzas Media, Toplum TV)", "expr", S_CPJ_AZ, pretext=True),
    _s(
        "AZ",
        _CC_NAME,
        "213",
        "tax evasion (used against journalists)",
        "expr",
        S_HRW_AZ,
        S_CPJ_AZ,
        pretext=True,
    ),
    _s("AZ", _CC_NAME, "179", "embezzlement (used against journalists)", "expr", S_HRW_AZ, pretext=True),
    _s(
        "AZ",
        _CC_NAME,
        "220",
        "organising or taking part in mass disorder",
        "assem",
        S_ECHR_ILGAR,
        pretext=True,
    ),
    _s(
        "AZ",
        _CC_NAME,
        "234",
        "drug offences (planted on activists)",
        "expr assem",
        S_AI_AZ_DRUGS,
        pretext=True,
    ),
    _s(
        "AZ",
        _CC_NAME,
        "167-2",
        "producing or distributing religious literature without permission",
        "relig",
        S_F18_AZ,
        verified=False,
    ),
    # Tajikistan
    _s(
        "TJ",
        _CC_NAME,
        "307",
        "public calls for violent change of the constitutional order",
        "expr",
        S_HRW_TJ,
        S_LOC_TJ,
    ),
    _s(
        "TJ",
        _CC_NAME,
        "307.1",
        "public calls to, or justification of, extremist activity",
        "expr relig",
        S_LOC_TJ,
        S_HRC_TJ,
    ),
    _s("TJ", _CC_NAME, "307.2", "organising an extremist community", "assoc relig", S_HRW_TJ, verified=False),
    _s(
        "TJ",
        _CC_NAME,
        "307.3",
        "organising the activity of an extremist organisation (Group 24, IRPT)",
        "assoc",
        S_HRW_TJ,
        verified=False,
    ),
    _s(
        "TJ",
        _CC_NAME,
        "187",
        "organising a criminal community (Group 24, IRPT)",
        "assoc",
        S_HRW_TJ,
        S_HRC_TJ,
        pretext=True,
    ),
    _s(
        "TJ",
        _CC_NAME,
        "189",
        "incitement of national, racial, local or religious hatred",
        "expr relig minor",
        S_HRC_TJ,
        S_LOC_TJ,
    ),
    # Egypt
    _s(
        "EG",
        "Penal Code",
        "86 bis",
        "founding, leading or joining an unlawful group obstructing the Constitution or laws",
        "assoc expr",
        S_AI_EG,
    ),
    _s("EG", "Penal Code", "102 bis", "spreading false news harmful to public order", "expr", S_AI_EG),
    _s(
        "EG",
        "Penal Code",
        "80",
        "deliberately broadcasting false news abroad that harms national interests",
        "expr",
        S_AI_EG,
        part="d",
        verified=False,
    ),
    _s(
        "EG",
        "Penal Code",
        "98",
        "contempt of religion",
        "relig expr",
        S_USCIRF_EG,
        part="f",
    ),
    _s(
        "EG",
        "Anti-Terrorism Law (Law 94/2015)",
        "12",
        "founding, leading or joining a terrorist group",
        "assoc expr",
        S_AI_EG,
        S_SR_CT_EG,
    ),
    _s(
        "EG",
        "Anti-Terrorism Law (Law 94/2015)",
        "28",
        "promoting terrorist crimes, including online",
        "expr",
        S_SR_CT_EG,
        verified=False,
    ),
    _s(
        "EG",
        "Cybercrime Law (Law 175/2018)",
        "25",
        "violating 'family principles and values' online",
        "expr",
        S_AI_EG_TIKTOK,
    ),
    _s(
        "EG",
        "Protest Law (Law 107/2013)",
        "",
        "restrictions and penalties on public meetings, processions and demonstrations",
        "assem",
        S_HRW_EG_PROTEST,
    ),
    _s(
        "EG",
        "Assembly Law (Law 10/1914)",
        "",
        "unlawful gathering of five or more people",
        "assem",
        S_EIPR_1914,
        verified=False,
    ),
    # Bahrain
    _s("BH", "Penal Code", "165", "inciting hatred or contempt of the regime", "expr", S_BICI, S_HRC_BH),
    _s("BH", "Penal Code", "168", "spreading false news and rumours", "expr", S_BICI),
    _s("BH", "Penal Code", "169", "publishing false news harming public interest", "expr", S_BICI),
    _s(
        "BH",
        "Penal Code",
        "179",
        "taking part in a gathering of more than five people",
        "assem",
        S_BICI,
        verified=False,
    ),
    _s(
        "BH",
        "Penal Code",
        "180",
        "taking part in a gathering that refuses to disperse",
        "assem",
        S_BICI,
        verified=False,
    ),
    _s("BH", "Penal Code", "133", "spreading false news in wartime", "expr", S_RAJAB_2018),
    _s("BH", "Penal Code", "214", "insulting the King, the flag or the national emblem", "expr", S_HRC_BH),
    _s("BH", "Penal Code", "215", "offending a foreign country", "expr", S_RAJAB_2018),
    _s(
        "BH",
        "Penal Code",
        "216",
        "insulting the National Assembly, the army, the courts or public authorities",
        "expr",
        S_GCHR_RAJAB,
        S_RAJAB_2018,
    ),
    _s(
        "BH",
        "Law on the Protection of Society from Terrorist Acts (Law 58/2006)",
        "",
        "terrorism offences (used in protest cases)",
        "assem expr",
        S_BICI,
        S_HRC_BH,
        pretext=True,
    ),
    _s(
        "BH",
        "Citizenship Law (1963)",
        "10",
        "revocation of nationality",
        "move expr",
        S_HRC_BH,
        verified=False,
    ),
    # United Arab Emirates
    _s(
        "AE",
        "Cybercrimes Law (Federal Decree-Law 5/2012)",
        "28",
        "publishing information harming state security or public order",
        "expr",
        S_AI_MANSOOR,
    ),
    _s(
        "AE",
        "Cybercrimes Law (Federal Decree-Law 5/2012)",
        "29",
        "publishing information damaging the reputation of the State or its leaders",
        "expr",
        S_AI_MANSOOR,
    ),
    _s(
        "AE",
        "Rumours and Cybercrimes Law (Federal Decree-Law 34/2021)",
        "52",
        "disseminating false news or rumours online",
        "expr",
        S_GCHR_UAE,
    ),
    _s(
        "AE",
        "Penal Code",
        "180",
        "founding or joining an organisation aiming to overthrow the system of government (UAE94)",
        "assoc",
        S_HRW_UAE94,
    ),
    _s(
        "AE",
        "Counter-Terrorism Law (Federal Law 7/2014)",
        "",
        "terrorism offences (UAE84 mass trial)",
        "assoc expr",
        S_HRW_UAE84,
        pretext=True,
    ),
    # Saudi Arabia
    _s(
        "SA",
        "Law on Combating Terrorism Crimes and its Financing (2017)",
        "30",
        "describing the King or Crown Prince in a way that offends religion or justice",
        "expr",
        S_HRW_SA,
        S_SR_CT_SA,
    ),
    _s(
        "SA",
        "Law on Combating Terrorism Crimes and its Financing (2017)",
        "",
        "terrorism offences defined to include disturbing public order (Specialized Criminal Court)",
        "expr assoc",
        S_SR_CT_SA,
        S_AI_SHEHAB,
        pretext=True,
    ),
    _s(
        "SA",
        "Anti-Cyber Crime Law (2007)",
        "6",
        "producing or sending material prejudicial to public order, religious values or public morals",
        "expr relig",
        S_AI_SHEHAB,
    ),
    # Iran
    _s("IR", "Islamic Penal Code", "500", "propaganda against the State", "expr relig", S_SR_IR, S_ARTICLE18),
    _s(
        "IR",
        "Islamic Penal Code",
        "498",
        "forming or leading a group to disrupt national security",
        "assoc relig",
        S_SR_IR,
        S_ARTICLE18,
    ),
    _s(
        "IR",
        "Islamic Penal Code",
        "499",
        "membership of a group that disrupts national security",
        "assoc relig",
        S_SR_IR,
        S_ARTICLE18,
    ),
    _s(
        "IR",
        "Islamic Penal Code",
        "610",
        "assembly and collusion to commit crimes against national security",
        "assem assoc expr",
        S_SR_IR,
        S_FFM_IR,
    ),
    _s("IR", "Islamic Penal Code", "513", "insulting Islamic sanctities", "relig expr", S_SR_IR),
    _s("IR", "Islamic Penal Code", "514", "insulting the founder or the Supreme Leader", "expr", S_SR_IR),
    _s("IR", "Islamic Penal Code", "698", "spreading falsehoods to disturb public opinion", "expr", S_SR_IR),
    _s("IR", "Islamic Penal Code", "618", "disturbing public order and peace", "assem", S_FFM_IR),
    _s(
        "IR",
        "Islamic Penal Code",
        "499 bis",
        "insulting recognised religions or ethnic groups to cause hatred",
        "relig minor expr",
        S_A19_IR,
    ),
    _s(
        "IR",
        "Islamic Penal Code",
        "500 bis",
        "'deviant' educational or proselytising activity contrary to Islam",
        "relig expr",
        S_A19_IR,
        S_ARTICLE18,
    ),
    _s(
        "IR",
        "Islamic Penal Code",
        "286",
        "'corruption on earth' (efsad-e fel-arz)",
        "expr assem",
        S_AI_IR,
        S_FFM_IR,
        pretext=True,
    ),
    _s(
        "IR",
        "Islamic Penal Code",
        "279",
        "'enmity against God' (moharebeh)",
        "assem",
        S_AI_IR,
        S_FFM_IR,
        pretext=True,
    ),
    _s("IR", "Islamic Penal Code", "287", "armed rebellion (baghy)", "assem assoc", S_FFM_IR, pretext=True),
    _s(
        "IR",
        "Islamic Penal Code",
        "508",
        "cooperation with hostile foreign states",
        "expr assoc",
        S_SR_IR,
        verified=False,
    ),
    # Venezuela
    _s(
        "VE",
        "Law against Hatred (2017)",
        "20",
        "incitement to hatred",
        "expr",
        S_IACHR_VE,
        S_FFM_VE,
    ),
    _s("VE", "Penal Code", "128", "treason (betrayal of the homeland)", "expr assoc", S_FFM_VE),
    _s("VE", "Penal Code", "285", "public instigation to disobey the laws", "expr assem", S_FFM_VE, S_HRW_VE),
    _s(
        "VE",
        "Organic Law against Organised Crime and Financing of Terrorism (2012)",
        "37",
        "association to commit crimes (used against protesters)",
        "assem assoc",
        S_HRW_VE,
        S_FFM_VE,
        pretext=True,
        verified=False,
    ),
    # Nicaragua
    _s(
        "NI",
        "Special Cybercrimes Law (Law 1042)",
        "30",
        "spreading false or distorted news",
        "expr",
        S_OHCHR_NI,
        S_GHREN,
    ),
    _s(
        "NI",
        "Law for the Defence of the People's Rights (Law 1055)",
        "",
        "'traitors to the homeland' (barring and prosecuting opponents)",
        "expr assoc",
        S_OHCHR_NI,
        S_GHREN,
    ),
    _s(
        "NI",
        "Penal Code",
        "410",
        "conspiracy to undermine national integrity",
        "expr assoc",
        S_GHREN,
    ),
    _s(
        "NI",
        "Law 977 against Money Laundering and Terrorism (2018)",
        "",
        "terrorism offences (used against 2018 protesters)",
        "assem",
        S_IACHR_NI,
        S_GHREN,
        pretext=True,
    ),
    # Thailand
    _s(
        "TH",
        "Criminal Code",
        "112",
        "lèse-majesté (defaming or insulting the King, Queen, Heir)",
        "expr",
        S_HRC_TH,
        S_TLHR,
    ),
    _s("TH", "Criminal Code", "116", "sedition", "expr assem", S_HRC_TH, S_TLHR),
    _s(
        "TH",
        "Computer Crime Act",
        "14",
        "importing false or security-threatening data into a computer system",
        "expr",
        S_HRC_TH,
        S_TLHR,
    ),
    # Viet Nam
    _s(
        "VN",
        "Penal Code",
        "117",
        "making, storing or spreading materials against the State",
        "expr",
        S_HRC_VN,
        S_P88,
    ),
    _s(
        "VN",
        "Penal Code",
        "331",
        "abusing democratic freedoms to infringe the interests of the State",
        "expr assoc",
        S_HRC_VN,
        S_P88,
    ),
    _s(
        "VN",
        "Penal Code",
        "109",
        "activities aimed at overthrowing the people's administration",
        "assoc expr",
        S_HRC_VN,
        S_P88,
    ),
    _s("VN", "Penal Code", "116", "undermining the national unity policy", "relig minor", S_HRC_VN),
    _s("VN", "Penal Code", "118", "disrupting security", "assem", S_HRC_VN),
    _s(
        "VN",
        "Penal Code",
        "200",
        "tax evasion (used against environmental defenders)",
        "assoc expr",
        S_HRW_VN_TAX,
        pretext=True,
    ),
    _s(
        "VN",
        "Penal Code 1999",
        "79",
        "activities aimed at overthrowing the people's administration",
        "assoc expr",
        S_FN_VN,
    ),
    _s("VN", "Penal Code 1999", "88", "propaganda against the State", "expr", S_FN_VN),
    _s(
        "VN",
        "Penal Code 1999",
        "258",
        "abusing democratic freedoms to infringe the interests of the State",
        "expr",
        S_FN_VN,
    ),
    _s("VN", "Penal Code 1999", "87", "undermining the national unity policy", "relig minor", S_FN_VN),
    # Kazakhstan
    _s(
        "KZ",
        _CC_NAME,
        "174",
        "incitement of social, national, tribal, racial, class or religious discord",
        "expr relig minor",
        S_HRC_KZ,
        S_KIBHR,
    ),
    _s(
        "KZ",
        _CC_NAME,
        "405",
        "organising or taking part in a banned 'extremist' association (Democratic Choice of Kazakhstan)",
        "assoc relig",
        S_HRW_KZ,
        S_KIBHR,
    ),
    _s("KZ", _CC_NAME, "274", "disseminating 'knowingly false information'", "expr", S_HRW_KZ),
    _s(
        "KZ",
        _CC_NAME,
        "189",
        "misappropriation or embezzlement (Ablyazov)",
        "expr assoc",
        S_CE_ABLYAZOV,
        pretext=True,
        verified=False,
    ),
    # Uzbekistan
    _s("UZ", _CC_NAME, "159", "attack on the constitutional order", "expr relig", S_HRW_UZ, S_HRC_UZ),
    _s(
        "UZ",
        _CC_NAME,
        "244-1",
        "producing or distributing materials threatening public security",
        "expr relig",
        S_HRW_UZ,
        S_F18_UZ,
    ),
    _s(
        "UZ",
        _CC_NAME,
        "244-2",
        "founding or taking part in religious extremist, separatist or other banned organisations",
        "relig assoc",
        S_HRW_UZ,
        S_F18_UZ,
    ),
    _s(
        "UZ",
        _CC_NAME,
        "216",
        "illegally founding public associations or religious organisations",
        "assoc relig",
        S_F18_UZ,
    ),
    _s("UZ", _CC_NAME, "216-2", "violating the law on religious organisations", "relig", S_F18_UZ),
    _s("UZ", _CC_NAME, "158", "insulting the President", "expr", S_HRC_UZ, verified=False),
    # Kyrgyzstan
    _s("KG", _CC_NAME, "278", "public calls to mass riots", "expr assem", S_CPJ_KG, part="3"),
    _s(
        "KG",
        _CC_NAME,
        "330",
        "incitement of racial, ethnic, national, religious or interregional hostility",
        "expr minor relig",
        S_HRC_ASKAROV,
        verified=False,
    ),
    # Cambodia
    _s(
        "KH",
        _CC_NAME,
        "495",
        "incitement to commit a felony or to disturb social security",
        "expr",
        S_HRW_KH_2010,
        S_VOD_KH,
    ),
    _s("KH", _CC_NAME, "494", "incitement (public means)", "expr", S_VOD_KH),
    _s("KH", _CC_NAME, "443", "treason: conspiring with a foreign power", "expr assoc", S_HRW_KH_2023),
    _s("KH", _CC_NAME, "437 bis", "insulting the King (lèse-majesté)", "expr", S_SR_KH, verified=False),
    _s("KH", _CC_NAME, "502", "insulting a public official", "expr", S_VOD_KH),
    # Myanmar
    _s(
        "MM",
        "Penal Code",
        "505A",
        "causing fear, spreading false news, agitating against government employees",
        "expr",
        S_A19_MM,
        S_AAPP,
    ),
    _s(
        "MM",
        "Penal Code",
        "124A",
        "sedition (extended to the armed forces in 2021)",
        "expr",
        S_A19_MM,
        S_AAPP,
    ),
    _s(
        "MM",
        "Penal Code",
        "505",
        "statements conducing to public mischief",
        "expr",
        S_ATHAN,
        S_AAPP,
        part="b",
    ),
    _s("MM", "Penal Code", "295A", "outraging religious feelings", "relig expr", S_AI_MM_295A),
    _s(
        "MM",
        "Unlawful Associations Act (1908)",
        "17",
        "membership of or contact with an unlawful association (ethnic armed groups)",
        "assoc minor expr",
        S_ATHAN,
        S_AAPP,
        part="1",
    ),
    _s("MM", "Telecommunications Law (2013)", "66", "online defamation", "expr", S_ATHAN, part="d"),
    # Rwanda
    _s(
        "RW",
        "Penal Code (Law 68/2018)",
        "194",
        "spreading false information or harmful propaganda to cause hostile international opinion",
        "expr",
        S_HRW_RW,
    ),
    _s(
        "RW",
        "Law on the Crime of Genocide Ideology (Law 59/2018)",
        "",
        "'genocide ideology' and related offences",
        "expr minor",
        S_AI_RW,
    ),
    # Ethiopia
    _s(
        "ET",
        "Anti-Terrorism Proclamation (No. 652/2009)",
        "",
        "terrorism offences (used against journalists and opposition members)",
        "expr assoc",
        S_CPJ_ET,
        S_SR_ET,
    ),
    _s(
        "ET",
        "Hate Speech and Disinformation Proclamation (No. 1185/2020)",
        "",
        "hate speech and disinformation",
        "expr",
        S_A19_ET,
    ),
    # Algeria
    _s(
        "DZ",
        "Penal Code",
        "87 bis",
        "terrorism, defined since 2021 to include seeking power or change by 'non-constitutional means'",
        "expr assoc",
        S_CIHRS_DZ,
        S_HRC_DZ,
    ),
    _s(
        "DZ", "Penal Code", "79", "undermining national unity or territorial integrity", "expr minor", S_AI_DZ
    ),
    _s("DZ", "Penal Code", "100", "incitement to unarmed gathering", "assem", S_AI_DZ),
    _s(
        "DZ",
        "Penal Code",
        "144 bis",
        "offending the President of the Republic",
        "expr",
        S_AI_DZ,
        verified=False,
    ),
    _s(
        "DZ",
        "Penal Code",
        "144 bis 2",
        "offending the Prophet or Islam",
        "relig expr",
        S_AI_DZ,
        verified=False,
    ),
    # Morocco
    _s(
        "MA",
        "Penal Code",
        "267-5",
        "undermining the monarchy, Islam or territorial integrity",
        "expr relig minor",
        S_HRW_MA,
        S_AFP_MA,
    ),
    _s("MA", "Penal Code", "220", "shaking the faith of a Muslim", "relig", S_USDOS_MA),
    _s("MA", "Penal Code", "179", "offending the King or the royal family", "expr", S_HRW_MA, verified=False),
)


_BY_COUNTRY: dict[str, tuple[Statute, ...]] = {}
for _st in STATUTES:
    _BY_COUNTRY[_st.country] = (*_BY_COUNTRY.get(_st.country, ()), _st)


def statutes_for(country: str | None) -> tuple[Statute, ...]:
    """The table's entries for one requesting country (ISO alpha-2), in table order."""
    if not country:
        return ()
    return _BY_COUNTRY.get(country.strip().upper(), ())


# --- Citations ----------------------------------------------------------------------------------

_DOTTED_PARTS = frozenset({"AZ"})
"""Countries whose codes number parts after a dot: Azerbaijani 281.2 is part 2 of article 281."""

_PART_LABEL = (
    r"(?<!\w)(?:part|pt|paragraph|para|par|clause|ч|част[ьиюе]\w*|fikra\w*|paragraf\w*|khoan|"
    r"(?:ال)?فقره|qism\w*|kism\w*|alinea|inciso)"
)
_ITEM_LABEL = (
    r"(?<!\w)(?:пп|п|пункт\w*|item|point|sub-?paragraph|diem|letter|lit|литер\w*|(?:ال)?بند|bent\w*)"
)
_MARKER = (
    r"(?<!\w)(?:articles?(?!\w)|arts?(?:\.|(?!\w))|sections?(?!\w)|secs?\.|ss?\.(?=\s*\d)|§§?|"
    r"стать\w*|статеи(?!\w)|ст\.(?:\s*ст\.)?|ст(?=\s*\d)|артыкул\w*|арт\.|"
    r"madde\w*|md\.|m\.(?=\s*\d)|articulos?(?!\w)|dieu(?!\w)|"
    r"(?:[وبلف]?(?:ال|لل))?ماد(?:ه|تين|تان)(?!\w)|(?:[وبلف]?ال)?مواد(?!\w)|มาตรา|"
    r"modda\w*|модда\w*|бап\w*|бабы\w*)"
)
_NUM = (
    r"(?P<base>\d+)(?P<subs>(?:[.\-]\d{1,2}(?!\d))*)"
    r"(?:\s*-?\s*\(?(?P<bis>bis|ter|quater|quinquies|sexies|مكرر\w*)(?![a-z])\)?(?:\s*(?P<bisn>\d{1,2})(?![\d.]))?)?"
    r"(?:/(?P<sl>[a-z])(?![a-z])|-?(?P<ll>[a-z])(?!\w))?"
)
_SUFFIX = (
    r"(?:\s*\(\s*(?P<s1>\d{1,2}|[a-z])\s*\)|\s*/\s*(?P<s2>\d{1,2})(?!\d)|"
    rf"\s*,?\s*{_PART_LABEL}\.?\s*(?P<s3>\d{{1,2}})(?!\d))"
)
_ITEM = rf"(?P<open>\(\s*)?{_NUM}(?(open)\s*\))(?:{_SUFFIX})?"
_PREFIX_ONE = (
    rf"(?P<label>{_PART_LABEL}|{_ITEM_LABEL})\.?\s*(?P<val>\d{{1,2}}(?!\d)|[\"(]?[a-zа-я][\")]?(?!\w))"
    r"\s*,?\s*(?:of\s+(?:the\s+)?|من\s+)?"
)
_PREFIX_ANY = (
    rf"(?:{_PART_LABEL}|{_ITEM_LABEL})\.?\s*(?:\d{{1,2}}(?!\d)|[\"(]?[a-zа-я][\")]?(?!\w))"
    r"\s*,?\s*(?:of\s+(?:the\s+)?|من\s+)?"
)
_CN_DIGITS = "〇零一二两兩三四五六七八九十百千"


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(_fold_pattern(pattern))


_START_RE = _compile(rf"(?P<pre>(?:{_PREFIX_ANY}){{0,3}})(?P<marker>{_MARKER})\s*")
_PREFIX_RE = _compile(_PREFIX_ONE)
_PART_LABEL_RE = _compile(_PART_LABEL)
_FIRST_RE = _compile(rf"\s*(?:(?:no|nr|n°)\.?\s*|رقم\s*)?{_ITEM}")
_NEXT_RE = _compile(
    r"(?:\s*(?:,|;|&|\+|(?<!\w)(?:and|or|и|или|ve|veya|y|et|va|hoac)(?!\w)|و|、)\s*"
    rf"(?:{_MARKER}\s*)?|\s*(?P<range>-|to|through|до|الى)\s*){_ITEM}"
)
_AFTER_MARKER_RE = _compile(
    rf"(?<![\w./]){_ITEM}[\s.]*(?:-?\s*(?:inci|nci|ncu|uncu|unci|ci|cu|chi|nchi)(?!\w))?[\s.\-]*"
    r"(?:madde\w*|md\.|modda\w*|модда\w*|бап\w*|бабы\w*)"
    r"(?:[\s,]*(?:nin|inin|sinin|nun|un|in)?[\s,]*(?P<pa>\d{1,2})[\s.\-]*(?:nci|inci|ci|cu|uncu|ncu|chi)?\s*"
    r"(?:fikra\w*|qism\w*|kism\w*|қисм\w*))?"
)
_CN_RE = re.compile(
    rf"(?:第\s*(?P<n1>\d+|[{_CN_DIGITS}]+)|(?<![\d.])(?P<n2>\d+))\s*[条條]"
    rf"(?:\s*之\s*(?P<sub>\d+|[{_CN_DIGITS}]+))?(?:\s*第\s*(?P<p>\d+|[{_CN_DIGITS}]+)\s*款)?"
)
_AFTER_LAW_RE = re.compile(r"[\s,:]*(?:(?:no|nr)\.?\s*)?(?=\(?\d)")
_ADJACENT_GAP = re.compile(r"[\s,:;\"'\-《》]*(?:n?[iu]n|nin|nun)?[\s,:;\"'\-《》]*")
"""What may stand between a law and the article it introduces ("TCK'nın 314/2", "《刑法》第293条")."""
_CONNECTORS = frozenset(
    {
        "",
        "of",
        "of the",
        "under",
        "under the",
        "in",
        "in the",
        "from",
        "from the",
        "according to",
        "according to the",
        "pursuant to",
        "pursuant to the",
        "du",
        "de",
        "de la",
        "del",
        "des",
        "da",
        "do",
        "из",
        "по",
        "من",
        "في",
        "แหง",
        "cua",
        "theo",
        "-",
    }
)


def _cn_int(text: str) -> int:
    """A number written in digits or Chinese numerals (二百九十三, 一百零五, 十五, 二九三)."""
    if text.isdigit():
        return int(text)
    digits = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5}
    digits.update({"六": 6, "七": 7, "八": 8, "九": 9})
    units = {"十": 10, "百": 100, "千": 1000}
    if all(c in digits for c in text):
        return int("".join(str(digits[c]) for c in text))
    total = current = 0
    for c in text:
        if c in digits:
            current = digits[c]
        else:
            total += (current or 1) * units[c]
            current = 0
    return total + current


def _article_key(m: re.Match[str]) -> str:
    key = m.group("base").lstrip("0") or "0"
    subs = m.group("subs")
    if subs:
        key += "".join("." + n for n in re.split(r"[.\-]", subs) if n)
    if m.group("bis"):
        word = m.group("bis")
        key += "bis" if word.startswith("مكرر") else word
        if m.group("bisn"):
            key += "." + m.group("bisn")
    letter = m.group("sl") or m.group("ll")
    if letter:
        key += letter
    return key


def _norm_part(part: str | None) -> str | None:
    if part is None:
        return None
    part = part.strip('"() ').casefold()
    return str(int(part)) if part.isdigit() else part or None


def _item(m: re.Match[str]) -> tuple[str, str | None]:
    part = m.group("s1") or m.group("s2") or m.group("s3")
    return _article_key(m), _norm_part(part)


_KEY_RE = _compile(rf"\s*{_NUM}\s*$")


@lru_cache(maxsize=512)
def _key_of(article: str) -> str:
    """The canonical key of an article number as the table writes it ("361-1", "86 bis", "217/A")."""
    m = _KEY_RE.match(_fold(article)[0])
    if m is None:
        raise ValueError(f"not an article number: {article!r}")
    return _article_key(m)


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    laws: tuple[str, ...] | None
    """The country's laws this names; None for another law (another code, another country's law)."""
    used: bool = False


@dataclass(slots=True)
class _Cite:
    start: int
    end: int
    items: list[tuple[str, str | None]]
    law: _Mention | None = None
    adjacent: bool = False
    via: str = ""


@dataclass(frozen=True, slots=True)
class _Index:
    country: str
    mention_re: re.Pattern[str]
    groups: dict[str, tuple[str, ...]]
    own_qualifier: re.Pattern[str]
    default: str | None
    by_article: dict[tuple[str, str], tuple[Statute, ...]]
    alt: dict[tuple[str, str], tuple[Statute, ...]]
    whole: dict[str, tuple[Statute, ...]]
    years: dict[str, int | None] = field(default_factory=dict)


@lru_cache(maxsize=64)
def _index(country: str) -> _Index:
    laws = laws_for(country)
    alias_laws: dict[str, list[str]] = {}
    for law in laws:
        for alias in law.aliases:
            alias_laws.setdefault(alias, []).append(law.name)
    # Known laws get a named group each (which law?); other laws share one (a law, not the country's).
    known: dict[bool, list[str]] = {False: [], True: []}
    others: dict[bool, list[str]] = {False: [], True: []}
    groups: dict[str, tuple[str, ...]] = {"u": (), "v": ()}
    named = sorted(alias_laws.items(), key=lambda a: len(a[0]), reverse=True)
    for i, (alias, names) in enumerate(named):
        body, is_dense = _words_body(alias)
        known[is_dense].append(f"(?P<k{i}>{body})" if is_dense else f"(?P<k{i}>{body}(?!\\w))")
        groups[f"k{i}"] = tuple(names)
    for pattern_ in _OTHER_LAWS:
        body, is_dense = _words_body(pattern_)
        others[is_dense].append(body if is_dense else f"(?:{body})(?!\\w)")
    bounded = [*known[False], f"(?P<u>{'|'.join(others[False])})"]
    dense = [*known[True], f"(?P<v>{'|'.join(others[True])})"]
    pattern = rf"(?<!\w)(?:{'|'.join(bounded)})|{'|'.join(dense)}"
    own = _alternation(_words_regex(q) for q in _QUALIFIERS.get(country, ()))
    by_article: dict[tuple[str, str], tuple[Statute, ...]] = {}
    alt: dict[tuple[str, str], tuple[Statute, ...]] = {}
    whole: dict[str, tuple[Statute, ...]] = {}
    for st in statutes_for(country):
        if not st.article:
            whole[st.law] = (*whole.get(st.law, ()), st)
            continue
        key = (st.law, _key_of(st.article))
        by_article[key] = (*by_article.get(key, ()), st)
        for spelling in st.alt_articles:
            akey = (st.law, _key_of(spelling))
            alt[akey] = (*alt.get(akey, ()), st)
    default = next((law.name for law in laws if law.default), None)
    return _Index(
        country,
        re.compile(pattern),
        groups,
        re.compile(rf"(?:{own})") if own else re.compile(r"(?!)"),
        default,
        by_article,
        alt,
        whole,
        {law.name: law.year for law in laws},
    )


_WORD_START = re.compile(r"(?<!\w)\w|[\u3400-\u9fff]")


def _qualifier_before(folded: str, start: int) -> re.Match[str] | None:
    """A country named right before a law ("Russian Criminal Code", "中华人民共和国刑法"): tried only
    where a word starts, since the qualifiers are many."""
    for w in _WORD_START.finditer(folded, max(0, start - 45), start):
        if (q := _QUALIFIER_BEFORE.match(folded, w.start(), start)) is not None:
            return q
    return None


def _mentions(idx: _Index, folded: str) -> list[_Mention]:
    out: list[_Mention] = []
    for m in idx.mention_re.finditer(folded):
        start, end = m.start(), m.end()
        laws = idx.groups[m.lastgroup or ""]
        qualifiers: list[str] = []
        year: int | None = None
        if (before := _YEAR_BEFORE.search(folded, max(0, start - 8), start)) is not None:
            start, year = before.start(), int(before.group("year"))
        if (q := _qualifier_before(folded, start)) is not None:
            start = q.start()
            qualifiers.append(q.group("q"))
        if (q := _QUALIFIER_AFTER.match(folded, end)) is not None:
            end = q.end()
            qualifiers.append(q.group("q"))
        if (after := _YEAR_AFTER.match(folded, end)) is not None:
            end, year = after.end(), int(after.group("year") or after.group("year1"))
            if not qualifiers and (q := _QUALIFIER_AFTER.match(folded, end)) is not None:
                end = q.end()
                qualifiers.append(q.group("q"))
        foreign = any(not idx.own_qualifier.fullmatch(q) for q in qualifiers)
        if laws and year is not None:
            laws = tuple(n for n in laws if idx.years.get(n) in (None, year))
        out.append(_Mention(start, end, laws if laws and not foreign else None))
    return out


def _parse_items(folded: str, pos: int) -> tuple[list[tuple[str, str | None]], int] | None:
    m = _FIRST_RE.match(folded, pos)
    if m is None:
        return None
    items = [_item(m)]
    end = m.end()
    while (n := _NEXT_RE.match(folded, end)) is not None:
        key, part = _item(n)
        if n.group("range"):
            lo, hi = (int(items[-1][0]), int(key)) if items[-1][0].isdigit() and key.isdigit() else (0, 0)
            if not 0 < hi - lo <= 20:
                break
            items.extend((str(k), None) for k in range(lo + 1, hi))
        items.append((key, part))
        end = n.end()
    return items, end


def _citations(folded: str, mentions: list[_Mention]) -> list[_Cite]:
    found: list[_Cite] = []
    covered = 0
    for m in _START_RE.finditer(folded):
        if m.start() < covered:
            continue  # a marker inside a list already read ("ст. 212, ст. 318")
        parsed = _parse_items(folded, m.end())
        if parsed is None:
            continue
        items, end = parsed
        covered = end
        prefix_part = None
        for p in _PREFIX_RE.finditer(m.group("pre")):
            if _PART_LABEL_RE.fullmatch(p.group("label")):
                prefix_part = _norm_part(p.group("val"))
        if prefix_part is not None and items[0][1] is None:
            items[0] = (items[0][0], prefix_part)
        found.append(_Cite(m.start(), end, items))
    for m in _AFTER_MARKER_RE.finditer(folded):
        key, part = _item(m)
        found.append(_Cite(m.start(), m.end(), [(key, part or _norm_part(m.group("pa")))]))
    for m in _CN_RE.finditer(folded):
        key = str(_cn_int(m.group("n1") or m.group("n2")))
        if m.group("sub"):
            key += f".{_cn_int(m.group('sub'))}"
        part = str(_cn_int(m.group("p"))) if m.group("p") else None
        found.append(_Cite(m.start(), m.end(), [(key, part)]))
    for mention in mentions:
        gap = _AFTER_LAW_RE.match(folded, mention.end)
        if gap is None:
            continue
        parsed = _parse_items(folded, gap.end())
        if parsed is not None:
            found.append(_Cite(gap.end(), parsed[1], parsed[0], mention, adjacent=True, via="named"))
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[_Cite] = []
    for cite in found:
        if kept and cite.start < kept[-1].end:
            continue
        kept.append(cite)
        if cite.law is not None:
            cite.law.used = True
    return kept


def _attach(folded: str, cites: list[_Cite], mentions: list[_Mention]) -> None:
    """Name the law of each citation: the law right after it, else the nearest one before it."""
    starts = [m.start for m in mentions]
    ends = [m.end for m in mentions]
    for cite in cites:
        if cite.law is not None:
            continue
        after = bisect_left(starts, cite.end)
        following = mentions[after] if after < len(mentions) else None
        if following is not None:
            gap = " ".join(folded[cite.end : following.start].replace(",", " ").split())
            if gap in _CONNECTORS or (gap == "(" and following.laws is not None):
                cite.law, cite.adjacent, cite.via = following, True, "named"
                following.used = True
                continue
        before = bisect_right(ends, cite.start) - 1
        if before >= 0:
            nearest = mentions[before]
            cite.law, cite.via = nearest, "named"
            cite.adjacent = _ADJACENT_GAP.fullmatch(folded[nearest.end : cite.start]) is not None
            nearest.used = True


@dataclass(slots=True)
class _Parsed:
    text: str
    folded: str
    where: tuple[int, ...]
    cites: list[_Cite]
    mentions: list[_Mention]

    def span(self, start: int, end: int) -> str:
        if end <= start:
            return ""
        first, last = self.where[start], self.where[end - 1] + 1
        rest = self.text[last:]
        unclosed = self.text.count("(", first, last) - self.text.count(")", first, last)
        if unclosed > 0 and rest.lstrip().startswith(")"):
            last += len(rest) - len(rest.lstrip()) + 1
        return self.text[first:last].strip()


def _lookup(idx: _Index, law: str, key: str, part: str | None) -> list[tuple[Statute, bool]]:
    """Entries of ``law`` for one cited article, each with whether the citation left its part unsaid."""
    if part is not None and len(part) == 1 and part.isalpha() and (law, key + part) in idx.alt:
        return [(st, False) for st in idx.alt[(law, key + part)]]
    candidates = idx.by_article.get((law, key), ())
    if not candidates and idx.country in _DOTTED_PARTS and "." in key:
        pieces = key.split(".")
        for n in range(len(pieces) - 1, 0, -1):
            candidates = idx.by_article.get((law, ".".join(pieces[:n])), ())
            if candidates:
                part = part or _norm_part(pieces[n])
                break
    if not candidates:
        candidates = idx.alt.get((law, key), ())
    out: list[tuple[Statute, bool]] = []
    for st in candidates:
        if st.part is None or part is None or _norm_part(st.part) == part:
            out.append((st, st.part is not None and part is None))
    return out


_FREEDOM_PHRASES: dict[Freedom, str] = {
    Freedom.EXPRESSION: N_("free expression"),
    Freedom.ASSEMBLY: N_("peaceful assembly"),
    Freedom.ASSOCIATION: N_("association"),
    Freedom.RELIGION: N_("religious belief and practice"),
    Freedom.MINORITY: N_("minorities"),
    Freedom.MOVEMENT: N_("freedom of movement"),
}
_AND = N_("%(some)s and %(last)s")
_HOW = N_("%(provision)s: %(offence)s, documented as used against %(freedoms)s (%(sources)s)")
_NOTES = {
    "assumed": N_("no law was named, so the article was read as one of the criminal code"),
    "context": N_("the law is named elsewhere in the charge, not next to the article"),
    "pretextual": N_(
        "an ordinary-sounding offence documented as a pretext: it adds weight, it does not decide"
    ),
    "unverified": N_("the table entry is not verified"),
}
_SENTENCE = N_("%(text)s.")
"""A sentence ended with its full stop (the notes are joined by "; " before it)."""
_PARTLESS = N_("the citation names no part; the table lists part %(part)s")


def _phrase_list(words: list[Text]) -> Text:
    if len(words) == 1:
        return words[0]
    return Text(_AND, some=Text.joined(", ", words[:-1]), last=words[-1])


def _how(st: Statute, via: str, partless: bool) -> Text:
    """What the provision is, what it was documented against and by whom, and how the citation was read: the
    frame a message (translated where shown), what the provision criminalises and the sources as the table
    gives them (documentation data, in English)."""
    freedoms = _phrase_list([Text(_FREEDOM_PHRASES[f]) for f in st.freedoms])
    sources = "; ".join(s.short() for s in st.sources)
    parts = [Text(_HOW, provision=st.words(), offence=st.criminalises, freedoms=freedoms, sources=sources)]
    if via in ("assumed", "context"):
        parts.append(Text(_NOTES[via]))
    if partless:
        parts.append(Text(_PARTLESS, part=st.part))
    if st.weight is Weight.PRETEXTUAL:
        parts.append(Text(_NOTES["pretextual"]))
    if not st.verified:
        parts.append(Text(_NOTES["unverified"]))
    return Text(_SENTENCE, text=Text.joined("; ", parts))


def match_statutes(country: str | None, *texts: str) -> tuple[StatuteMatch, ...]:
    """The statutes of concern of ``country`` that ``texts`` cite (the charge's cited law, its offence
    label and its label in the original language). One match per table entry, in text order."""
    if not country:
        return ()
    code = country.strip().upper()
    if code not in _BY_COUNTRY:
        return ()
    idx = _index(code)
    parsed: list[_Parsed] = []
    for text in texts:
        if not text or not text.strip():
            continue
        folded, where = _fold(text)
        mentions = _mentions(idx, folded)
        cites = _citations(folded, mentions)
        _attach(folded, cites, mentions)
        parsed.append(_Parsed(text, folded, where, cites, mentions))
    free = [m for p in parsed for m in p.mentions if not m.used]
    context = next((m for m in free if m.laws is not None), free[0] if free else None)
    results: dict[Statute, StatuteMatch] = {}
    for p in parsed:
        for cite in p.cites:
            via = cite.via
            mention: _Mention | None
            if cite.law is None and context is not None:
                mention, via = context, "context"
            else:
                mention = cite.law
            if mention is not None:
                laws = mention.laws or ()
            else:
                laws, via = ((idx.default,) if idx.default else ()), "assumed"
            start, end = cite.start, cite.end
            if mention is not None and cite.adjacent:
                start, end = min(start, mention.start), max(end, mention.end)
            cited = p.span(start, end)
            for law in laws:
                found = [hit for key, part in cite.items for hit in _lookup(idx, law, key, part)]
                for st, partless in found:
                    if st not in results:
                        results[st] = StatuteMatch(st, cited, _how(st, via, partless), via == "assumed")
                if not found:
                    # The law as a whole, when the cited article is not one of its listed ones.
                    for st in idx.whole.get(law, ()):
                        if st not in results:
                            results[st] = StatuteMatch(st, cited, _how(st, via, False))
                if mention is not None:
                    mention.used = True
        for m in p.mentions:
            if m.used:
                continue
            for law in m.laws or ():
                for st in idx.whole.get(law, ()):
                    if st not in results:
                        results[st] = StatuteMatch(st, p.span(m.start, m.end), _how(st, "named", False))
    return tuple(results.values())


# --- Documentation ------------------------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _law_and_article(st: Statute) -> str:
    if not st.article:
        return f"{st.law} (as a whole)"
    word = _LAW_BY_NAME[(st.country, st.law)].article_word
    part = f" part {st.part}" if st.part else ""
    return f"{st.law}, {word} {st.article}{part}"


def _source_cell(s: Source) -> str:
    text = f"{s.organisation}, {s.document} ({s.year})"
    return f"[{_cell(text)}]({s.url})" if s.url else _cell(text)


def table_markdown() -> str:
    """docs/statutes.md: the table of entries, with what a match means and how to add one."""
    countries = sorted({s.country for s in STATUTES}, key=lambda c: list(_COUNTRY_NAMES).index(c))
    lines = [
        "# Statutes of concern",
        "",
        "Generated from `src/rednotice/domain/compliance/statutes.py` by",
        "`python -m rednotice.domain.compliance.statutes > docs/statutes.md`; do not edit by hand.",
        "A test fails when this page and the code disagree.",
        "",
        "Each entry is a provision that UN bodies, the Venice Commission, OSCE/ODIHR, PACE, the European",
        "Court of Human Rights or human-rights organisations have documented as used against expression,",
        "assembly, association, religion or minorities. `match_statutes(country, *texts)` finds the",
        "requesting country's entries in a charge's cited law and offence labels, whatever the wording",
        "(`ст. 342 УК РБ`, `Article 314(2) of the Turkish Penal Code`, `刑法第二百九十三条`,",
        "`المادة 165 من قانون العقوبات`). A match is evidence for the Article 3 assessment that does not",
        "depend on how the offence is worded; it is never, alone, proof, since every provision also has",
        "ordinary uses, and a *pretextual* entry (an ordinary offence documented as a pretext, such as tax",
        "evasion against journalists) adds weight without deciding anything. To add an entry, append a",
        "`_s(country, law, article, criminalises, freedoms, *sources, part=..., pretext=..., verified=...)`",
        "line to `STATUTES` (adding the law to `LAWS` with the ways citations name it if it is not there),",
        "cite at least one source that documents the misuse, mark `verified=False` when the article number",
        "or its use is not confirmed, add a firing and a non-firing case to `tests/unit/test_statutes.py`",
        "and regenerate this page.",
        "",
        f"{len(STATUTES)} entries for {len(countries)} countries: "
        + ", ".join(f"{country_name(c)} {len(statutes_for(c))}" for c in countries)
        + ".",
        "",
        "| country | law and article | criminalises | freedoms | weight | verified | sources |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for c in countries:
        for st in statutes_for(c):
            freedoms = ", ".join(f.value for f in st.freedoms)
            sources = "<br>".join(_source_cell(s) for s in st.sources)
            lines.append(
                f"| {c} {country_name(c)} | {_cell(_law_and_article(st))} | {_cell(st.criminalises)} | "
                f"{freedoms} | {st.weight.value} | {'yes' if st.verified else 'no'} | {sources} |"
            )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(table_markdown())
