"""A labelled development set for the screening matcher: synthetic notices and traveller queries.

Deterministic for a seed. The spellings come from hand-written tables below (a Chinese name's pinyin,
Wade-Giles and Cantonese forms; a Russian name in ICAO, BGN/PCGN, German and French; an Arabic name in
Arabic script and its usual Latin spellings...), *not* from the matcher's own transliteration, so the set
tests the matcher rather than repeating it. Every query has a ``kind`` (what variant it is) and the notice
it should hit (``expect``) or None for a traveller who must not be flagged.

Regenerate the committed file with
``python -m rednotice.domain.screening.devset tests/data/screening/devset.json``.
"""

from __future__ import annotations

import json
import random
import sys
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


def _mrz(family: str, given: str, width: int = 30) -> str:
    """An MRZ name field as ICAO 9303 writes it (ICAO transliteration, fillers, truncated to ``width``)."""
    from rednotice.domain.screening.names import icao_fold, raw_tokens

    fam = "<".join(icao_fold(t).upper() for t in raw_tokens(family))
    giv = "<".join(icao_fold(t).upper() for t in raw_tokens(given))
    return f"{fam}<<{giv}"[:width].rstrip("<")


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
        ("mrz", _mrz(s[1], g[1])),
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
    from rednotice.domain.screening.names import ascii_fold, raw_tokens

    given, family = givens[gi], families[fi]
    oi = _other(rng, len(givens), gi)
    other = (f"{lang}:{oi}:{fi}", f"{givens[oi]} {family}")
    plain = " ".join(ascii_fold(t).capitalize() for t in raw_tokens(f"{given} {family}"))
    variants = [("diacritics", plain), ("mrz", _mrz(family, given, 44)), ("order", f"{family} {given}")]
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
        ("mrz-truncated", _mrz(family, given, 30)),
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
    rng = random.Random(seed)  # noqa: S311 - reproducible synthetic data, not cryptography
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
    return {"seed": seed, "notices": notices, "queries": queries}


def main(argv: list[str]) -> None:
    data = generate()
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if argv:
        with open(argv[0], "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main(sys.argv[1:])
