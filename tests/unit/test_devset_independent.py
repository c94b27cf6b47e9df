"""The development set does not grade the matcher against itself (issue 17, items 5 and 6).

Its MRZ and plain-letter variants come from its own copy of ICAO 9303's tables and from Unicode, never
from the matcher's folds; its real MRZ fields are those of real specimen documents; and neither the
generator nor the evaluation reads or writes a file of the repository.
"""

from __future__ import annotations

import ast
import json
import unicodedata
from pathlib import Path

import pytest
from benchmarks import devset_generator as devset
from benchmarks import devset_quality as quality
from benchmarks.devset_generator import (
    DIACRITICS,
    ICAO_CYRILLIC,
    ICAO_LATIN,
    REAL_MRZ,
    RU_GIVEN_F,
    RU_GIVEN_M,
    RU_SURNAMES,
    generate,
    icao_mrz,
    plain_letters,
)

DATA = Path(__file__).resolve().parents[1] / "data"
MATCHER_MODULES = {
    f"rednotice.domain.screening.{m}"
    for m in ("names", "tables", "index", "score", "query", "postings", "cantonese", "gwoyeu", "korean")
}
"""The matcher: what builds name keys, compares and scores (the package rednotice.domain.screening; the dev
set, its evaluation and the real-pairs harness live in benchmarks/, outside the domain)."""
TRANSLITERATORS = {"anyascii", "unidecode", "pypinyin", "ToJyutping", "rapidfuzz", "jellyfish", "icu"}


def _imports(module: object) -> set[str]:
    """Every module a source file imports, at any depth (inside functions too), relative ones resolved."""
    path = Path(module.__file__)  # type: ignore[attr-defined]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module.__name__.rsplit(".", 1)[0]  # type: ignore[attr-defined]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    [*package.split(".")[: len(package.split(".")) - node.level + 1], base]
                ).strip(".")
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id not in ("__import__", "open", "exec", "eval"), (path.name, node.func.id)
        elif isinstance(node, ast.Attribute):
            assert node.attr not in ("import_module", "read_text", "write_text", "open"), (
                path.name,
                node.attr,
            )
    return found


def test_the_generator_imports_nothing_from_the_matcher() -> None:
    imported = _imports(devset)
    assert not {m for m in imported if m.startswith("rednotice")}, imported
    assert not {m for m in imported if m.split(".")[0] in TRANSLITERATORS}, imported
    assert not imported & MATCHER_MODULES
    assert {m.split(".")[0] for m in imported} <= {
        "__future__",
        "random",
        "unicodedata",
        "dataclasses",
        "typing",
    }


def test_the_import_check_sees_an_import_inside_a_function(tmp_path: Path) -> None:
    source = tmp_path / "sneaky.py"
    source.write_text(
        "def f():\n    from rednotice.domain.screening.names import icao_fold\n", encoding="utf-8"
    )

    class Module:
        __file__ = str(source)
        __name__ = "rednotice.domain.screening.sneaky"

    assert "rednotice.domain.screening.names" in _imports(Module())


def test_neither_the_generator_nor_the_evaluation_names_a_file_of_the_repository() -> None:
    for module in (devset, quality):
        tree = ast.parse(Path(str(module.__file__)).read_text(encoding="utf-8"))
        docstrings = {
            id(n.body[0].value)
            for n in ast.walk(tree)
            if isinstance(n, ast.Module | ast.FunctionDef | ast.ClassDef)
            and n.body
            and isinstance(n.body[0], ast.Expr)
            and isinstance(n.body[0].value, ast.Constant)
        }
        strings = [
            n.value
            for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings
        ]
        assert not [s for s in strings if "tests" in s or s.endswith(".json")], module.__name__
        assert "__file__" not in {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}, module.__name__
    assert not {"pathlib", "os", "io", "json", "sys"} & {m.split(".")[0] for m in _imports(devset)}


# --- ICAO 9303 Part 3, section 6 -------------------------------------------------------------------------


def test_table_b_spells_the_russian_alphabet_as_icao_does() -> None:
    # Doc 9303's Russian row, letter by letter (Ь not written)
    alphabet = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
    assert "".join(ICAO_CYRILLIC[c] for c in alphabet) == "ABVGDEEZHZIIKLMNOPRSTUFKHTSCHSHSHCHIEYEIUIA"
    assert (ICAO_CYRILLIC["Ъ"], ICAO_CYRILLIC["Ь"], ICAO_CYRILLIC["Щ"], ICAO_CYRILLIC["Є"]) == (
        "IE",
        "",
        "SHCH",
        "IE",
    )


def test_table_a_multi_letter_entries_are_icaos() -> None:
    assert ICAO_LATIN["Ä"] == ("AE", "A") and ICAO_LATIN["Ö"] == ("OE", "O")
    assert ICAO_LATIN["Ü"] == ("UE", "UXX", "U") and ICAO_LATIN["Ñ"] == ("N", "NXX")
    assert ICAO_LATIN["Å"] == ("AA", "A")
    assert {c: ICAO_LATIN[c] for c in "ÆĲŒØÞß"} == {
        "Æ": ("AE",),
        "Ĳ": ("IJ",),
        "Œ": ("OE",),
        "Ø": ("OE",),
        "Þ": ("TH",),
        "ß": ("SS",),
    }


def test_every_single_letter_entry_of_table_a_is_the_letter_without_its_mark() -> None:
    """The table's other rows drop the diacritic: the base letter of the Unicode decomposition, or of the
    character's name for letters Unicode does not decompose (Ł, Đ, Ħ, ı...); Ð and Ŋ are letters of their
    own, which the table writes D and N."""
    for char, spellings in ICAO_LATIN.items():
        if len(spellings[0]) > 1:
            continue
        decomposed = unicodedata.normalize("NFD", char)[0]
        named = unicodedata.name(char).split(" LETTER ")[-1].split(" WITH ")[0].removeprefix("DOTLESS ")
        named = {"ETH": "D", "ENG": "N"}.get(named, named)  # letters of their own, whose ICAO form is D, N
        base = decomposed if decomposed.isascii() else named
        assert spellings[0] == base.upper(), (char, spellings, base)


def test_icaos_specimens_and_the_real_documents_are_written_as_issued() -> None:
    assert icao_mrz("Eriksson", "Anna Maria") == "ERIKSSON<<ANNA<MARIA"  # Doc 9303 Part 4 specimen
    specimen = (DATA / "mrz" / "specimens.mrz").read_text(encoding="utf-8").splitlines()[0]
    assert specimen.startswith("P<UTO" + icao_mrz("Eriksson", "Anna Maria") + "<")
    for field, family, given, *_ in REAL_MRZ:
        assert icao_mrz(family, given) == field, (family, given)


def test_issuing_states_choose_between_icaos_spellings() -> None:
    assert icao_mrz("Müller", "Jürgen Käthe") == "MUELLER<<JUERGEN<KAETHE"
    assert icao_mrz("Öztürk", "Gülşen", issuer="tr") == "OZTURK<<GULSEN"
    assert icao_mrz("Ibáñez", "Iñaki", issuer="es") == "IBANEZ<<INAKI"
    assert icao_mrz("Løvås", "Søren Ægir") == "LOEVAAS<<SOEREN<AEGIR"
    assert icao_mrz("Weiß", "Łukasz") == "WEISS<<LUKASZ"
    assert icao_mrz("Nguyễn", "Quang Đức") == "NGUYEN<<QUANG<DUC"  # marks Table A does not list: dropped
    assert icao_mrz("O'Brien-Smith", "Mary") == "OBRIEN<SMITH<<MARY"
    assert icao_mrz("Vandenberghe", "Christopher Alexander", width=30) == "VANDENBERGHE<<CHRISTOPHER<ALEX"


def test_cyrillic_is_written_from_the_original_and_agrees_with_the_hand_written_icao_column() -> None:
    for pool in (RU_GIVEN_M, RU_GIVEN_F, RU_SURNAMES):
        for cyrillic, icao, *_ in pool:
            assert icao_mrz(cyrillic, "") == icao.upper(), (cyrillic, icao)
    assert icao_mrz("Щербакова", "Юлия") == "SHCHERBAKOVA<<IULIIA"
    assert icao_mrz("Фёдоров", "Наталья") == "FEDOROV<<NATALIA"


def test_a_letter_without_a_transliteration_is_refused() -> None:
    with pytest.raises(ValueError, match="no ICAO 9303 transliteration"):
        icao_mrz("Παπαδόπουλος", "Γιώργος")
    with pytest.raises(ValueError, match="no plain spelling"):
        plain_letters("Ωmega")


def test_plain_spellings_come_from_unicode() -> None:
    assert plain_letters("Łukasz Wiśniewski") == "Lukasz Wisniewski"
    assert plain_letters("Ægir Sæther, Œuvre") == "Aegir Saether, Oeuvre"
    assert plain_letters("Jürgen Weiß") == "Jurgen Weiss"
    assert plain_letters("Nguyễn Thị Hương, Đặng") == "Nguyen Thi Huong, Dang"
    assert plain_letters("İbrahim Yıldırım, Søren Løvås") == "Ibrahim Yildirim, Soren Lovas"


def test_every_pool_name_has_a_plain_spelling_and_an_mrz_field() -> None:
    for lang, (givens, families) in DIACRITICS.items():
        for name in (*givens, *families):
            plain = plain_letters(name)
            assert plain.isascii() and len(plain.split()) == len(name.split()), name
            field = icao_mrz(name, name, issuer=lang)
            assert set(field) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ<"), field


# --- real documents --------------------------------------------------------------------------------------


def test_the_real_fields_are_the_copied_zones_and_those_are_the_teams_samples() -> None:
    rows = [
        json.loads(line) for line in (DATA / "screening" / "devset_mrz_names.jsonl").open(encoding="utf-8")
    ]
    assert [
        (r["name_field"], r["family"], r["given"], r["state"], r["birth"], r["sex"]) for r in rows
    ] == list(REAL_MRZ)
    samples = [json.loads(line) for line in (DATA / "mrz" / "specimens.jsonl").open(encoding="utf-8")]
    zones = {(s["source"], tuple(s["lines"])) for s in samples}
    for r in rows:
        assert (r["source"], tuple(r["lines"])) in zones, r["source"]
        assert any(line.rstrip("<").endswith(r["name_field"]) for line in r["lines"]), r["name_field"]
        assert r["viz"], r["name_field"]


def test_the_set_holds_the_real_fields_and_independent_variants() -> None:
    data = generate(9303, 60)
    real = [q for q in data["queries"] if q["kind"] == "mrz-real"]
    assert [q["name"] for q in real] == [field for field, *_ in REAL_MRZ]
    notices = {n["id"]: n for n in data["notices"]}
    for q, (_, family, given, _state, born, _sex) in zip(real, REAL_MRZ, strict=True):
        assert (notices[q["expect"]]["family_name"], notices[q["expect"]]["given_names"]) == (family, given)
        assert notices[q["expect"]]["date_of_birth"] == born
    by_notice = {n["id"]: n for n in data["notices"]}
    for q in data["queries"]:
        notice = by_notice.get(q["expect"] or "")
        if q["kind"] == "diacritics" and notice:
            assert q["name"] == plain_letters(f"{notice['given_names']} {notice['family_name']}")
        if q["kind"] == "mrz" and notice and not notice["names_original_script"]:
            lang = _lang(notice)
            assert q["name"] == icao_mrz(notice["family_name"], notice["given_names"], 39, lang), q


def _lang(notice: dict[str, str]) -> str:
    for lang, (givens, families) in DIACRITICS.items():
        if notice["given_names"] in givens and notice["family_name"] in families:
            return lang
    return ""
