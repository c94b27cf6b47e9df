"""A labelled development set for the screening matcher: synthetic notices and traveller queries.

Deterministic for a seed. The spellings come from hand-written tables below (a Chinese name's pinyin,
Wade-Giles and Cantonese forms; a Russian name in ICAO, BGN/PCGN, German and French; an Arabic name in
Arabic script and its usual Latin spellings...), *not* from the matcher's own transliteration, so the set
tests the matcher rather than repeating it. Every query has a ``kind`` (what variant it is) and the notice
it should hit (``expect``) or None for a traveller who must not be flagged.

The machine-readable-zone variants are written with this module's own copy of ICAO Doc 9303 Part 3's
transliteration tables (:data:`ICAO_LATIN`, :data:`ICAO_CYRILLIC`, with each issuing state's choice where
the document allows two spellings), the plain spellings of names with diacritics with the Unicode
decomposition (:func:`plain_letters`, ``unicodedata`` directly), and the ``mrz-real`` queries are name
fields of real specimen documents (:data:`REAL_MRZ`). This module imports nothing from the matcher
(``tests/unit/test_devset_independent.py`` checks it).

Pure: it reads and writes no file. ``python -m benchmarks.devset write tests/data/screening/devset.json``
regenerates the committed set; ``python -m benchmarks.devset evaluate`` measures the matcher on it. Test
data, not matcher: it lives in benchmarks/, outside the domain (issue 17, item 5).
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from typing import Any

# (Han, pinyin, Wade-Giles, Cantonese)
ZH_SURNAMES = (
    ("王", "Wang", "Wang", "Wong"),
    ("李", "Li", "Li", "Lee"),
    ("张", "Zhang", "Chang", "Cheung"),
    ("刘", "Liu", "Liu", "Lau"),
    ("陈", "Chen", "Chen", "Chan"),
    ("杨", "Yang", "Yang", "Yeung"),
    ("黄", "Huang", "Huang", "Wong"),
    ("赵", "Zhao", "Chao", "Chiu"),
    ("吴", "Wu", "Wu", "Ng"),
    ("周", "Zhou", "Chou", "Chow"),
    ("徐", "Xu", "Hsu", "Tsui"),
    ("孙", "Sun", "Sun", "Suen"),
    ("朱", "Zhu", "Chu", "Chu"),
    ("郭", "Guo", "Kuo", "Kwok"),
    ("林", "Lin", "Lin", "Lam"),
    ("何", "He", "Ho", "Ho"),
    ("高", "Gao", "Kao", "Ko"),
    ("梁", "Liang", "Liang", "Leung"),
    ("郑", "Zheng", "Cheng", "Cheng"),
    ("罗", "Luo", "Lo", "Law"),
    ("谢", "Xie", "Hsieh", "Tse"),
    ("宋", "Song", "Sung", "Sung"),
    ("唐", "Tang", "Tang", "Tong"),
    ("冯", "Feng", "Feng", "Fung"),
    ("曾", "Zeng", "Tseng", "Tsang"),
    ("彭", "Peng", "Peng", "Pang"),
)
# (Han, pinyin syllables, Wade-Giles hyphenated)
ZH_GIVEN = (
    ("小明", ("Xiao", "ming"), "Hsiao-ming"),
    ("伟", ("Wei",), "Wei"),
    ("芳", ("Fang",), "Fang"),
    ("建国", ("Jian", "guo"), "Chien-kuo"),
    ("秀英", ("Xiu", "ying"), "Hsiu-ying"),
    ("志强", ("Zhi", "qiang"), "Chih-chiang"),
    ("丽华", ("Li", "hua"), "Li-hua"),
    ("海涛", ("Hai", "tao"), "Hai-tao"),
    ("国华", ("Guo", "hua"), "Kuo-hua"),
    ("晓东", ("Xiao", "dong"), "Hsiao-tung"),
    ("俊杰", ("Jun", "jie"), "Chun-chieh"),
    ("红梅", ("Hong", "mei"), "Hung-mei"),
    ("德明", ("De", "ming"), "Te-ming"),
    ("金山", ("Jin", "shan"), "Chin-shan"),
    ("学文", ("Xue", "wen"), "Hsueh-wen"),
    ("春生", ("Chun", "sheng"), "Chun-sheng"),
    ("永康", ("Yong", "kang"), "Yung-kang"),
    ("家豪", ("Jia", "hao"), "Chia-hao"),
    ("淑珍", ("Shu", "zhen"), "Shu-chen"),
    ("立新", ("Li", "xin"), "Li-hsin"),
    ("静", ("Jing",), "Ching"),
    ("磊", ("Lei",), "Lei"),
)
# (Cyrillic, ICAO, BGN/PCGN, German, French)
RU_GIVEN_M = (
    ("Юрий", "Iurii", "Yuriy", "Juri", "Iouri"),
    ("Сергей", "Sergei", "Sergey", "Sergej", "Sergueï"),
    ("Алексей", "Aleksei", "Aleksey", "Alexej", "Alexeï"),
    ("Дмитрий", "Dmitrii", "Dmitriy", "Dmitri", "Dmitri"),
    ("Владимир", "Vladimir", "Vladimir", "Wladimir", "Vladimir"),
    ("Николай", "Nikolai", "Nikolay", "Nikolai", "Nikolaï"),
    ("Андрей", "Andrei", "Andrey", "Andrej", "Andreï"),
    ("Михаил", "Mikhail", "Mikhail", "Michail", "Mikhaïl"),
    ("Евгений", "Evgenii", "Yevgeniy", "Jewgeni", "Evgueni"),
)
RU_GIVEN_F = (
    ("Ольга", "Olga", "Olga", "Olga", "Olga"),
    ("Наталья", "Natalia", "Natalya", "Natalja", "Natalia"),
    ("Татьяна", "Tatiana", "Tatyana", "Tatjana", "Tatiana"),
    ("Елена", "Elena", "Yelena", "Jelena", "Elena"),
    ("Юлия", "Iuliia", "Yuliya", "Julija", "Ioulia"),
)
RU_SURNAMES = (
    ("Щербаков", "Shcherbakov", "Shcherbakov", "Schtscherbakow", "Chtcherbakov"),
    ("Иванов", "Ivanov", "Ivanov", "Iwanow", "Ivanov"),
    ("Смирнов", "Smirnov", "Smirnov", "Smirnow", "Smirnov"),
    ("Кузнецов", "Kuznetsov", "Kuznetsov", "Kusnezow", "Kouznetsov"),
    ("Попов", "Popov", "Popov", "Popow", "Popov"),
    ("Васильев", "Vasilev", "Vasilyev", "Wassiljew", "Vassiliev"),
    ("Соколов", "Sokolov", "Sokolov", "Sokolow", "Sokolov"),
    ("Михайлов", "Mikhailov", "Mikhaylov", "Michailow", "Mikhaïlov"),
    ("Новиков", "Novikov", "Novikov", "Nowikow", "Novikov"),
    ("Фёдоров", "Fedorov", "Fyodorov", "Fjodorow", "Fiodorov"),
    ("Морозов", "Morozov", "Morozov", "Morosow", "Morozov"),
    ("Волков", "Volkov", "Volkov", "Wolkow", "Volkov"),
    ("Жуков", "Zhukov", "Zhukov", "Schukow", "Joukov"),
    ("Чернов", "Chernov", "Chernov", "Tschernow", "Tchernov"),
    ("Зайцев", "Zaitsev", "Zaytsev", "Saizew", "Zaïtsev"),
    ("Юсупов", "Iusupov", "Yusupov", "Jussupow", "Ioussoupov"),
)
# (Arabic script, Latin spellings...)
AR_GIVEN_M = (
    ("محمد", "Mohammed", "Muhammad", "Mohamed", "Mohammad"),
    ("أحمد", "Ahmed", "Ahmad"),
    ("حسين", "Hussein", "Husayn", "Hussain"),
    ("حسن", "Hassan", "Hasan"),
    ("يوسف", "Youssef", "Yusuf", "Yousef"),
    ("عمر", "Omar", "Umar"),
    ("خالد", "Khaled", "Khalid"),
    ("إبراهيم", "Ibrahim", "Ebrahim"),
    ("مصطفى", "Mustafa", "Mostafa", "Moustafa"),
    ("عبد الرحمن", "Abdel Rahman", "Abd al-Rahman", "Abdulrahman", "Abderrahmane"),
    ("عبد الله", "Abdullah", "Abdallah", "Abd Allah"),
    ("طارق", "Tariq", "Tarek"),
    ("كريم", "Karim", "Kareem"),
)
AR_GIVEN_F = (("فاطمة", "Fatima", "Fatma"), ("عائشة", "Aisha", "Aicha"), ("زينب", "Zainab", "Zeinab"))
AR_FAMILY = (
    ("المصري", "al-Masri", "El-Masry", "Almasri"),
    ("الحسيني", "al-Husseini", "El Husseiny"),
    ("الشريف", "al-Sharif", "Ash-Sharif", "El Cherif"),
    ("حداد", "Haddad", "Hadad"),
    ("الخطيب", "al-Khatib", "El Khatib", "Alkhatib"),
    ("الزهراني", "al-Zahrani", "Al Zahrani", "Alzahrani"),
    ("الرشيد", "al-Rashid", "Ar-Rashid", "El Rachid"),
    ("سليمان", "Suleiman", "Sulayman", "Slimane"),
    ("منصور", "Mansour", "Mansur"),
    ("قاسم", "Qasim", "Kassem"),
    ("النجار", "al-Najjar", "An-Najjar", "Alnajjar"),
)
# Latin names with diacritics: (given names, family names) per language
DIACRITICS = {
    "tr": (
        ("Şükrü", "Ayşe", "Mehmet", "Gülşen", "İbrahim", "Çağlar", "Oğuz", "Büşra"),
        ("Yıldırım", "Çelik", "Öztürk", "Doğan", "Şahin", "Güneş", "Aydın", "Kılıç"),
    ),
    "vn": (
        ("Văn Thành", "Thị Hương", "Quang Đức", "Minh Tuấn", "Thị Lan", "Văn Hùng"),
        ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đặng"),
    ),
    "pl": (
        ("Łukasz", "Małgorzata", "Paweł", "Zbigniew", "Agnieszka", "Wojciech"),
        ("Wiśniewski", "Wójcik", "Kamiński", "Łuczak", "Dąbrowska", "Żak"),
    ),
    "de": (
        ("Jürgen", "Günther", "Björn", "Jörg", "Käthe", "Uwe"),
        ("Müller", "Schäfer", "Köhler", "Weiß", "Groß", "Bäcker"),
    ),
    "nordic": (("Åsa", "Søren", "Bjørn", "Ægir"), ("Ångström", "Kierkegård", "Løvås", "Sæther")),
    "es": (
        ("José", "François", "João", "Hélène", "Iñaki"),
        ("Pérez", "Lefèvre", "Gonçalves", "Côté", "Ibáñez"),
    ),
}
LATIN_GIVEN = (
    "John",
    "Michael",
    "David",
    "Robert",
    "Maria",
    "Anna",
    "Carlos",
    "Pierre",
    "Giovanni",
    "Elizabeth",
    "Christopher",
    "Alexander",
    "Jennifer",
    "Margaret",
    "Bartholomew",
    "Francesca",
)
LATIN_MIDDLE = ("James", "Louise", "Antonio", "Marie", "Patrick", "Sofia")
LATIN_FAMILY = (
    "Smith",
    "Johnson",
    "Williams",
    "Rodriguez",
    "Martinez",
    "Anderson",
    "Thompson",
    "Fitzgerald",
    "Vandenberghe",
    "Oyelaran-Adebayo",
    "Kowalczyk-Nowakowski",
    "Papadopoulos",
    "Okonkwo",
    "Castellanos",
)

# --- ICAO Doc 9303 Part 3 (8th edition, 2021), section 6: transliteration in the MRZ ---------------------
# Written from the document's tables, independently of the matcher's (rednotice.domain.screening.tables):
# a passport office writes the zone with these, so the set tests the matcher against them.
# Table A, "Transliteration of multinational Latin-based characters": the national character (capital, as
# the table lists it; ß has no capital there) and its recommended MRZ spellings. Where the document gives
# two or three ("AE or A"), the first is its first choice; which one a document carries is the issuing
# state's practice (:data:`ISSUER_CHOICE`).
ICAO_LATIN: dict[str, tuple[str, ...]] = {
    "Á": ("A",), "À": ("A",), "Â": ("A",), "Ä": ("AE", "A"), "Ã": ("A",), "Ă": ("A",),
    "Å": ("AA", "A"), "Ā": ("A",), "Ą": ("A",),
    "Ć": ("C",), "Ĉ": ("C",), "Č": ("C",), "Ċ": ("C",), "Ç": ("C",),
    "Ð": ("D",), "Đ": ("D",), "Ď": ("D",),
    "É": ("E",), "È": ("E",), "Ê": ("E",), "Ë": ("E",), "Ě": ("E",), "Ė": ("E",), "Ē": ("E",),
    "Ę": ("E",), "Ĕ": ("E",),
    "Ĝ": ("G",), "Ğ": ("G",), "Ġ": ("G",), "Ģ": ("G",),
    "Ħ": ("H",), "Ĥ": ("H",),
    "ı": ("I",), "Í": ("I",), "Ì": ("I",), "Î": ("I",), "Ï": ("I",), "Ĩ": ("I",), "İ": ("I",),
    "Ī": ("I",), "Į": ("I",), "Ĭ": ("I",),
    "Ĵ": ("J",), "Ķ": ("K",),
    "Ł": ("L",), "Ĺ": ("L",), "Ľ": ("L",), "Ļ": ("L",), "Ŀ": ("L",),
    "Ń": ("N",), "Ñ": ("N", "NXX"), "Ň": ("N",), "Ņ": ("N",), "Ŋ": ("N",),
    "Ø": ("OE",), "Ó": ("O",), "Ò": ("O",), "Ô": ("O",), "Ö": ("OE", "O"), "Õ": ("O",), "Ő": ("O",),
    "Ō": ("O",), "Ŏ": ("O",),
    "Ŕ": ("R",), "Ř": ("R",), "Ŗ": ("R",),
    "Ś": ("S",), "Ŝ": ("S",), "Š": ("S",), "Ş": ("S",),
    "Ť": ("T",), "Ţ": ("T",), "Ŧ": ("T",),
    "Ú": ("U",), "Ù": ("U",), "Û": ("U",), "Ü": ("UE", "UXX", "U"), "Ũ": ("U",), "Ŭ": ("U",),
    "Ű": ("U",), "Ů": ("U",), "Ū": ("U",), "Ų": ("U",),
    "Ŵ": ("W",), "Ý": ("Y",), "Ŷ": ("Y",), "Ÿ": ("Y",), "Ź": ("Z",), "Ž": ("Z",), "Ż": ("Z",),
    "Þ": ("TH",), "Æ": ("AE",), "Ĳ": ("IJ",), "Œ": ("OE",), "ß": ("SS",),
}  # fmt: skip
# Table B, "Transliteration of Cyrillic characters" (the Russian alphabet, and the Ukrainian and Belarusian
# letters it adds). Ь is not written.
ICAO_CYRILLIC: dict[str, str] = {
    "А": "A", "Б": "B", "В": "V", "Г": "G", "Д": "D", "Е": "E", "Ё": "E", "Ж": "ZH", "З": "Z",
    "И": "I", "Й": "I", "К": "K", "Л": "L", "М": "M", "Н": "N", "О": "O", "П": "P", "Р": "R",
    "С": "S", "Т": "T", "У": "U", "Ф": "F", "Х": "KH", "Ц": "TS", "Ч": "CH", "Ш": "SH", "Щ": "SHCH",
    "Ъ": "IE", "Ы": "Y", "Ь": "", "Э": "E", "Ю": "IU", "Я": "IA",
    "І": "I", "Ї": "I", "Є": "IE", "Ґ": "G", "Ў": "U",
}  # fmt: skip
ISSUER_CHOICE: dict[str, dict[str, str]] = {
    "tr": {"Ö": "O", "Ü": "U"},  # Turkish documents drop the diaeresis (ÖZTÜRK -> OZTURK)
    "es": {"Ñ": "N"},  # Spain writes N (the DNI specimen: ESPAÑOLA -> ESPANOLA), not NXX
}
"""Where Table A allows more than one spelling, the one an issuing state (by pool language) uses; any
other state uses the table's first choice."""

# Name fields of real specimen documents (ICAO 9303 examples and national specimens from the test suites
# of MRZ libraries; zones copied in tests/data/screening/devset_mrz_names.jsonl with their sources): the
# field as printed, the name as the document's visual zone writes it, the issuing state, birth date, sex.
REAL_MRZ: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("ESPANOLA<ESPANOLA<<CARMEN", "Española Española", "Carmen", "ESP", "1980-01-01", "F"),
    ("PARAUDZINS<<ANDRIS", "Paraudziņš", "Andris", "LVA", "1982-12-12", "M"),
    ("PARAUDZINA<<MARA", "Paraudziņa", "Māra", "LVA", "1982-12-12", "F"),
    ("JOEORG<<JAAK<KRISTJAN", "Jõeorg", "Jaak-Kristjan", "EST", "1980-01-08", "M"),
    ("OSPELT<BECK<<MARISA", "Ospelt-Beck", "Marisa", "LIE", "1982-05-12", "M"),
    ("ERIKSSON<<ANNA<MARIA", "Eriksson", "Anna Maria", "UTO", "1974-08-12", "F"),
    ("STEVENSON<<PETER<JOHN", "Stevenson", "Peter John", "UTO", "1934-07-12", "M"),
    ("MUSTERMANN<<ERIKA", "Mustermann", "Erika", "D", "1964-08-12", "F"),
    ("MUSTERFRAU<<ISOLDE", "Musterfrau", "Isolde", "AUT", "1971-09-09", "F"),
    ("KOWALSKA<KWIATKOWSKA<<JOANNA", "Kowalska-Kwiatkowska", "Joanna", "POL", "1960-02-08", "F"),
    ("KOWALSKA<<ANNA", "Kowalska", "Anna", "POL", "1972-03-30", "F"),
    ("VAN<DER<VELDEN<<GREET<HILDE", "Van der Velden", "Greet Hilde", "BEL", "1985-02-01", "F"),
    ("DE<BRUIJN<<WILLEKE<LISELOTTE", "De Bruijn", "Willeke Liselotte", "NLD", "1965-03-10", "F"),
    ("WATA<<AROHA<MERE<TERESA", "Wata", "Aroha Mere Teresa", "NZL", "1990-10-01", "F"),
    ("CHUNG<<KWOK<SUM", "Chung", "Kwok Sum", "CHN", "1980-08-08", "F"),
    ("ABULIKEMU<<ABULA", "Abulikemu", "Abula", "CHN", "1997-01-07", "M"),
)
_MRZ_SEPARATORS = frozenset(" -")
_MRZ_OMITTED = frozenset("'’ʼ.,")


def _mrz_letters(text: str, choice: dict[str, str]) -> str:
    out = []
    for c in text:
        up = c if c == "ß" else c.upper()
        if up in choice:
            out.append(choice[up])
        elif up in ICAO_LATIN:
            out.append(ICAO_LATIN[up][0])
        elif up in ICAO_CYRILLIC:
            out.append(ICAO_CYRILLIC[up])
        elif "A" <= up <= "Z":
            out.append(up)
        elif c in _MRZ_SEPARATORS:
            out.append("<")
        elif c in _MRZ_OMITTED:
            continue
        else:
            raise ValueError(f"no ICAO 9303 transliteration for {c!r} (U+{ord(c):04X}) in {text!r}")
    return "".join(out)


def icao_mrz(family: str, given: str, width: int = 39, issuer: str = "") -> str:
    """The MRZ name field as ICAO 9303 writes it: Table A / Table B, ``<`` for spaces and hyphens,
    apostrophes left out, ``<<`` between the primary and secondary identifiers, cut to ``width`` (TD3: 39).
    Letters with diacritics that Table A does not list (Vietnamese ấ, ơ...) lose them, as the document's
    rule for Latin letters says (the base letter of their Unicode decomposition). A character with no
    transliteration is an error, so a new name in a pool cannot slip through unwritten."""
    choice = ISSUER_CHOICE.get(issuer, {})

    def part(text: str) -> str:
        decomposed = []
        for c in text.strip():
            up = c if c == "ß" else c.upper()
            if up in ICAO_LATIN or up in ICAO_CYRILLIC or up in choice:
                decomposed.append(c)
            else:  # Vietnamese and other stacked marks: the base letter, then the table
                base = unicodedata.normalize("NFD", c)[0]
                decomposed.append(base)
        return _mrz_letters("".join(decomposed), choice)

    field = f"{part(family)}<<{part(given)}"
    return field[:width].rstrip("<")


_NO_DECOMPOSITION = {"ß": "ss", "ẞ": "SS", "þ": "th", "Þ": "TH", "ð": "d", "Ð": "D"}
"""Letters Unicode neither decomposes nor names as a base letter with a mark."""


def plain_letters(text: str) -> str:
    """A name as typed without diacritics, from Unicode itself: the canonical decomposition without its
    combining marks (é -> e, ş -> s, ấ -> a), then the letters Unicode names as a base letter "WITH
    STROKE" (ł, ø, đ), the dotless i and the ligatures (æ -> ae, œ -> oe), then ß, þ and ð."""
    out = []
    for c in unicodedata.normalize("NFD", text):
        if unicodedata.combining(c):
            continue
        if c.isascii() or not c.isalpha():
            out.append(c)
            continue
        if c in _NO_DECOMPOSITION:
            out.append(_NO_DECOMPOSITION[c])
            continue
        name = unicodedata.name(c)  # e.g. LATIN SMALL LETTER L WITH STROKE, LATIN CAPITAL LETTER AE
        small = " SMALL " in name
        letter = name.split(" LETTER ", 1)[-1].split(" LIGATURE ", 1)[-1].split(" WITH ", 1)[0]
        letter = letter.removeprefix("DOTLESS ").removeprefix("LIGATURE ")
        if not name.startswith("LATIN ") or not letter.isalpha() or not letter.isascii() or len(letter) > 2:
            raise ValueError(f"no plain spelling for {c!r} ({name}) in {text!r}")
        out.append(letter.lower() if small else letter if len(letter) == 1 else letter.capitalize())
    return "".join(out)


@dataclass
class _Person:
    kind: str
    family: str
    given: str
    original: str
    key: str
    """Identity of the name in the pools (to keep negatives clear of real homonyms): what a matcher can
    tell apart, so a Latin name's middle name is not part of it (dropping it is a true variant)."""
    variants: list[tuple[str, str]]
    """(kind, query name) pairs: true variants of the name."""
    sex: str
    other_given: tuple[str, str]
    """(key, name): the same family name with another given name from the same pool."""


def _dob(rng: random.Random) -> str | None:
    r = rng.random()
    year = rng.randint(1950, 2003)
    if r < 0.05:
        return None
    if r < 0.15:
        return f"{year:04d}"
    return f"{year:04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 5:
        return word
    i = rng.randint(1, len(word) - 2)
    op = rng.choice(("sub", "del", "swap", "ins"))
    letters = "abcdefghiklmnoprstuvy"
    if op == "sub":
        c = rng.choice([x for x in letters if x != word[i].lower()])
        return word[:i] + c + word[i + 1 :]
    if op == "del":
        return word[:i] + word[i + 1 :]
    if op == "ins":
        return word[:i] + rng.choice(letters) + word[i:]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def _other(rng: random.Random, n: int, i: int) -> int:
    return rng.choice([j for j in range(n) if j != i])


def _chinese(rng: random.Random) -> _Person:
    si, gi = rng.randrange(len(ZH_SURNAMES)), rng.randrange(len(ZH_GIVEN))
    oi = _other(rng, len(ZH_GIVEN), gi)
    other = (f"zh:{si}:{oi}", f"{ZH_SURNAMES[si][1]} {''.join(ZH_GIVEN[oi][1]).capitalize()}")
    han_s, py_s, wg_s, yue_s = ZH_SURNAMES[si]
    han_g, py_g, wg_g = ZH_GIVEN[gi]
    given = "".join(py_g).capitalize()
    variants = [
        ("han-pinyin", f"{py_s} {' '.join(s.capitalize() for s in py_g)}"),
        ("han-pinyin", f"{'-'.join(s.capitalize() for s in py_g)} {py_s.upper()}"),
        ("wade-giles", f"{wg_s} {wg_g}"),
        ("cantonese", f"{yue_s} {wg_g}"),
        ("order", f"{given} {py_s}"),
    ]
    return _Person("chinese", py_s, given, han_s + han_g, f"zh:{si}:{gi}", variants, rng.choice("MF"), other)


def _russian(rng: random.Random) -> _Person:
    sex = rng.choice("MF")
    pool = RU_GIVEN_M if sex == "M" else RU_GIVEN_F
    gi, si = rng.randrange(len(pool)), rng.randrange(len(RU_SURNAMES))
    g, s = pool[gi], list(RU_SURNAMES[si])
    if sex == "F":
        s = [x + "а" if i == 0 else x + "a" for i, x in enumerate(s)]
    oi = _other(rng, len(pool), gi)
    other = (f"ru:{sex}{oi}:{si}", f"{pool[oi][2]} {s[2]}")
    variants = [
        ("cyrillic-icao", f"{g[1]} {s[1]}"),
        ("cyrillic-german", f"{s[3]}, {g[3]}"),
        ("cyrillic-french", f"{g[4]} {s[4]}"),
        ("mrz", icao_mrz(s[0], g[0], 30)),
    ]
    return _Person("russian", s[2], g[2], f"{s[0]} {g[0]}", f"ru:{sex}{gi}:{si}", variants, sex, other)


def _arabic(rng: random.Random) -> _Person:
    sex = rng.choice("MF")
    pool = AR_GIVEN_M if sex == "M" else AR_GIVEN_F
    gi, fi = rng.randrange(len(pool)), rng.randrange(len(AR_FAMILY))
    g, f = pool[gi], AR_FAMILY[fi]
    given, family = g[1], f[1]
    oi = _other(rng, len(pool), gi)
    other = (f"ar:{sex}{oi}:{fi}", f"{pool[oi][1]} {family}")
    variants = [
        ("arabic-latin", f"{rng.choice(g[2:] or g[1:])} {rng.choice(f[2:] or f[1:])}"),
        ("arabic-latin", f"{rng.choice(f[1:])} {rng.choice(g[1:])}"),
        ("arabic-script", f"{g[0]} {f[0]}"),
    ]
    original = f"{g[0]} {f[0]}" if rng.random() < 0.7 else ""
    return _Person("arabic", family, given, original, f"ar:{sex}{gi}:{fi}", variants, sex, other)


def _diacritics(rng: random.Random) -> _Person:
    lang = rng.choice(sorted(DIACRITICS))
    givens, families = DIACRITICS[lang]
    gi, fi = rng.randrange(len(givens)), rng.randrange(len(families))
    given, family = givens[gi], families[fi]
    oi = _other(rng, len(givens), gi)
    other = (f"{lang}:{oi}:{fi}", f"{givens[oi]} {family}")
    variants = [
        ("diacritics", plain_letters(f"{given} {family}")),
        ("mrz", icao_mrz(family, given, 39, issuer=lang)),
        ("order", f"{family} {given}"),
    ]
    return _Person(f"latin-{lang}", family, given, "", f"{lang}:{gi}:{fi}", variants, rng.choice("MF"), other)


def _latin(rng: random.Random) -> _Person:
    gi, mi, fi = (
        rng.randrange(len(LATIN_GIVEN)),
        rng.randrange(len(LATIN_MIDDLE)),
        rng.randrange(len(LATIN_FAMILY)),
    )
    given = f"{LATIN_GIVEN[gi]} {LATIN_MIDDLE[mi]}"
    family = LATIN_FAMILY[fi]
    oi = _other(rng, len(LATIN_GIVEN), gi)
    other = (f"la:{oi}:{fi}", f"{LATIN_GIVEN[oi]} {LATIN_MIDDLE[mi]} {family}")
    long_family = max(family.split("-"), key=len)
    variants = [
        ("typo", f"{LATIN_GIVEN[gi]} {_typo(rng, long_family)}"),
        ("typo", f"{_typo(rng, LATIN_GIVEN[gi])} {LATIN_MIDDLE[mi]} {family}"),
        ("dropped-middle-name", f"{LATIN_GIVEN[gi]} {family}"),
        ("order", f"{family} {given}"),
        ("mrz-truncated", icao_mrz(family, given, 30)),
    ]
    return _Person("latin", family, given, "", f"la:{gi}:{fi}", variants, rng.choice("MF"), other)


_MAKERS = (_chinese, _russian, _arabic, _diacritics, _latin)


def _shift_year(dob: str | None, rng: random.Random) -> str:
    year = int(dob[:4]) if dob else 1975
    delta = rng.choice((-1, 1)) * rng.randint(4, 25)
    y = min(2010, max(1930, year + delta))
    if abs(y - year) <= 3:
        y = year + 5
    return f"{y:04d}" + (dob[4:] if dob else "-06-15")


def generate(seed: int = 9303, subjects: int = 400) -> dict[str, Any]:
    """Notices and labelled queries as plain JSON-ready data (see the module docstring)."""
    rng = random.Random(seed)
    people: list[tuple[str, _Person, str | None]] = []
    for i in range(subjects):
        person = _MAKERS[i % len(_MAKERS)](rng)
        people.append((f"DEV/{i:04d}", person, _dob(rng)))
    taken: dict[str, list[str | None]] = {}
    for _, p, dob in people:
        taken.setdefault(p.key, []).append(dob)
    notices = []
    for notice_id, p, dob in people:
        notices.append(
            {
                "id": notice_id,
                "family_name": p.family,
                "given_names": p.given,
                "names_original_script": [p.original] if p.original else [],
                "date_of_birth": dob,
                "sex": p.sex,
                "nationalities": [],
                "requesting_country": "XX",
            }
        )
    queries: list[dict[str, Any]] = []
    for notice_id, p, dob in people:
        for kind, name in p.variants:
            qdob: str | None = dob
            date_kind = "same" if dob and len(dob) == 10 else "notice-partial" if dob else "notice-missing"
            r = rng.random()
            if r < 0.2:
                qdob, date_kind = None, "traveller-missing"
            elif r < 0.25 and dob and len(dob) == 10 and int(dob[8:]) <= 12 and dob[5:7] != dob[8:]:
                qdob, date_kind = f"{dob[:4]}-{dob[8:]}-{dob[5:7]}", "day-month-swapped"
            elif dob is None:
                qdob = f"{rng.randint(1950, 2003)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
            elif len(dob) == 4:
                qdob = f"{dob}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
            queries.append(
                {
                    "id": f"Q{len(queries):05d}",
                    "name": name,
                    "birth_date": qdob,
                    "kind": kind,
                    "date": date_kind,
                    "expect": notice_id,
                }
            )
    # Hard negatives: a homonym born years apart, the same family name with another given name, and
    # travellers who are in no notice at all.
    for notice_id, p, dob in people:
        homonyms = taken[p.key]
        if dob and None not in homonyms and rng.random() < 0.6:
            shifted = _shift_year(dob, rng)
            if all(abs(int(shifted[:4]) - int(h[:4])) > 3 for h in homonyms if h):
                queries.append(
                    {
                        "id": f"Q{len(queries):05d}",
                        "name": rng.choice(p.variants)[1],
                        "birth_date": shifted,
                        "kind": "negative:same-name-distant-birth",
                        "expect": None,
                        "avoid": notice_id,
                    }
                )
        key, name = p.other_given
        if key not in taken:  # same family name, another given name, same birth date
            queries.append(
                {
                    "id": f"Q{len(queries):05d}",
                    "name": name,
                    "birth_date": dob,
                    "kind": "negative:same-family-other-given",
                    "expect": None,
                    "avoid": notice_id,
                }
            )
    for _ in range(subjects // 2):
        for _ in range(10):
            p = rng.choice(_MAKERS)(rng)
            if p.key not in taken:
                queries.append(
                    {
                        "id": f"Q{len(queries):05d}",
                        "name": p.variants[0][1],
                        "birth_date": _dob(rng),
                        "kind": "negative:not-in-notices",
                        "expect": None,
                    }
                )
                break
    # Real documents: each specimen's holder is a notice, and the document's own name field a query.
    for i, (field, family, given, _state, born, sex) in enumerate(REAL_MRZ):
        notices.append(
            {
                "id": f"DEV/R{i:03d}",
                "family_name": family,
                "given_names": given,
                "names_original_script": [],
                "date_of_birth": born,
                "sex": sex,
                "nationalities": [],
                "requesting_country": "XX",
            }
        )
        queries.append(
            {
                "id": f"Q{len(queries):05d}",
                "name": field,
                "birth_date": born,
                "kind": "mrz-real",
                "date": "same",
                "expect": f"DEV/R{i:03d}",
            }
        )
    return {"seed": seed, "notices": notices, "queries": queries}
