"""Extract the texts people read, merge them into the catalogues, compile them (docs/i18n.md).

    .venv/bin/python scripts/i18n.py           # extract, update fr, es, ar, compile (make i18n)
    .venv/bin/python scripts/i18n.py --check   # exit 1 unless every catalogue is complete and compiled
    .venv/bin/python scripts/i18n.py --todo todo.json      # the untranslated texts, as a file to fill in
    .venv/bin/python scripts/i18n.py --merge done.json     # extract, update, set those translations, compile

A file for ``--merge`` maps each text (its singular for a plural) to its translations:
``{"Hits": {"fr": "Correspondances", "es": "...", "ar": "..."}}``, a plural's as a list of forms. It fills
only what is untranslated, so people translating different parts never overwrite each other; every writing
command holds a lock on the catalogues while it runs.

``--check`` (part of ``make check``) fails when a marked text is missing from a catalogue, when an entry is
fuzzy or untranslated (every plural form), when a translation loses a placeholder of its text, when a
catalogue does not compile, or when a compiled ``messages.mo`` is older than its ``messages.po`` in content.
The app itself reads the ``.po`` files (web/i18n.py): the ``.mo`` files are for gettext tools and packagers.

New texts arrive untranslated (msgstr ""); tests/interface/test_i18n.py fails until each one is translated.
"""

from __future__ import annotations

import ast
import contextlib
import fcntl
import io
import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "src" / "rednotice" / "locale"
POT = LOCALE / "messages.pot"
LANGS = ("fr", "es", "ar")
PYBABEL = str(Path(sys.executable).with_name("pybabel"))
ERROR_BASE = "DomainError"
"""The errors whose messages people read: this class and every class deriving from it (``error_classes``)."""
"""domain/errors.py's classes (and their subclasses named here): the text given to the constructor is a
message a person reads. Only a whole literal is a message (or each literal branch of ``a if c else b``): an
f-string or a text joined at run time cannot be looked up in a catalogue (docs/i18n.md says how to write one
with values)."""
ERRORS_FROM = ("domain", "services", "adapters", "web", "cli")
"""Where error messages reach people: the web, and the CLI in its language (docs/i18n.md)."""
KEYWORDS = ("_l", "N_", "NP_:1,2")
ONLY_PLACEHOLDERS = re.compile(r"(%\(\w+\)s)+")
"""A message that is only its details (``InvalidInput("%(why)s", why=Text.joined(...))``): nothing to
translate."""


def extract(pot: Path = POT) -> None:
    pot.parent.mkdir(parents=True, exist_ok=True)
    keywords = [arg for k in KEYWORDS for arg in ("-k", k)]
    subprocess.run(  # noqa: S603 - fixed arguments, our own venv's pybabel
        [
            PYBABEL,
            "-q",
            "extract",
            "-F",
            "babel.cfg",
            *keywords,
            "--no-location",
            "--sort-output",
            "--project",
            "rednotice",
            "--no-wrap",
            "-c",
            "Translators:",
            "-o",
            str(pot),
            "src/rednotice",
        ],
        cwd=ROOT,
        check=True,
    )
    with pot.open("rb") as fh:
        catalog = read_po(fh)
    for message in sorted(error_messages()):
        if message not in catalog:
            catalog.add(message)
    with pot.open("wb") as fh:
        write_po(fh, catalog, width=0, no_location=True, sort_output=True)


PACKAGE = ROOT / "src" / "rednotice"


def _trees(folders: tuple[str, ...], package: Path = PACKAGE) -> list[ast.AST]:
    return [
        ast.parse(path.read_text(encoding="utf-8"), str(path))
        for folder in folders
        for path in sorted((package / folder).rglob("*.py"))
    ]


def error_classes(folders: tuple[str, ...] = ERRORS_FROM, package: Path = PACKAGE) -> set[str]:
    """``ERROR_BASE`` and every class deriving from it at any depth, read from the source of ``folders``
    (a new error class needs no list kept by hand)."""
    trees = _trees(folders, package)
    classes = [node for tree in trees for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]
    names = {ERROR_BASE}
    grew = True
    while grew:
        grew = False
        for node in classes:
            bases = {b.attr if isinstance(b, ast.Attribute) else getattr(b, "id", "") for b in node.bases}
            if node.name not in names and bases & names:
                names.add(node.name)
                grew = True
    return names


def error_messages() -> set[str]:
    """The literal messages given to an error class anywhere people may read them (``error_classes``)."""
    found: set[str] = set()
    classes = error_classes()
    for tree in _trees(ERRORS_FROM):
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if name not in classes:
                continue
            first = node.args[0]
            branches = [first.body, first.orelse] if isinstance(first, ast.IfExp) else [first]
            for branch in branches:
                text = branch.value if isinstance(branch, ast.Constant) else None
                if isinstance(text, str) and text.strip() and not ONLY_PLACEHOLDERS.fullmatch(text):
                    found.add(text)
    return found


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "messages.po"


def mo_path(lang: str) -> Path:
    return po_path(lang).with_suffix(".mo")


def update() -> None:
    for lang in LANGS:
        command = "update" if po_path(lang).exists() else "init"
        args = [PYBABEL, "-q", command, "-i", str(POT), "-d", str(LOCALE), "-l", lang, "--no-wrap"]
        if command == "update":
            args += ["--no-fuzzy-matching", "--ignore-obsolete"]
        subprocess.run(args, cwd=ROOT, check=True)  # noqa: S603 - fixed arguments


def read(lang: str) -> Catalog:
    with po_path(lang).open("rb") as fh:
        return read_po(fh, locale=lang)


def compiled(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def compile_all() -> None:
    for lang in LANGS:
        mo_path(lang).write_bytes(compiled(read(lang)))


def _key(msgid: str | tuple[str, ...] | list[str]) -> str:
    return msgid if isinstance(msgid, str) else msgid[0]


def problems() -> list[str]:
    """Everything that keeps the catalogues from being complete and compiled, one line each."""
    out: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        pot = Path(tmp) / "messages.pot"
        extract(pot)
        with pot.open("rb") as fh:
            wanted = {_key(m.id) for m in read_po(fh) if m.id}
    for lang in LANGS:
        catalog = read(lang)
        have = {_key(m.id) for m in catalog if m.id}
        out += [f"{lang}: missing from the catalogue: {msgid[:80]}" for msgid in sorted(wanted - have)]
        for m in catalog:
            if not m.id:
                continue
            forms = m.string if isinstance(m.string, tuple) else (m.string,)
            if m.fuzzy:
                out.append(f"{lang}: fuzzy: {_key(m.id)[:80]}")
            elif not all(forms):
                out.append(f"{lang}: untranslated: {_key(m.id)[:80]}")
            for error in m.check(catalog):
                out.append(f"{lang}: {error}: {_key(m.id)[:80]}")
        mo = mo_path(lang)
        if mo.exists() and mo.read_bytes() != compiled(catalog):
            out.append(f"{lang}: {mo.relative_to(ROOT)} is out of date: run make i18n")
    return out


def check() -> int:
    found = problems()
    for line in found:
        print(line)
    if not found:
        print(f"catalogues complete: {', '.join(LANGS)}")
    return 1 if found else 0


@contextlib.contextmanager
def locked() -> Iterator[None]:
    """One writer of the catalogues at a time (two people, or two checkouts' scripts, on one tree)."""
    with (LOCALE / ".lock").open("w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def todo(path: Path) -> int:
    """Write the untranslated texts of every language as a file for ``--merge``; the count."""
    wanted: dict[str, dict[str, Any]] = {}
    for lang in LANGS:
        for m in read(lang):
            forms = m.string if isinstance(m.string, tuple) else (m.string,)
            if m.id and (m.fuzzy or not all(forms)):
                entry = wanted.setdefault(_key(m.id), {})
                entry[lang] = ["", ""] if isinstance(m.id, (tuple, list)) else ""
    path.write_text(json.dumps(wanted, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return len(wanted)


def merge(path: Path) -> int:
    """Set the translations of ``path`` where a catalogue has none; how many were set."""
    given: dict[str, dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    count = 0
    for lang in LANGS:
        catalog = read(lang)
        for m in catalog:
            text = given.get(_key(m.id), {}).get(lang) if m.id else None
            forms = m.string if isinstance(m.string, tuple) else (m.string,)
            if not text or (all(forms) and not m.fuzzy):
                continue
            if isinstance(m.id, (tuple, list)):
                plural = [text] if isinstance(text, str) else list(text)
                need = catalog.num_plurals
                m.string = tuple((plural + [plural[-1]] * need)[:need])
            else:
                m.string = text if isinstance(text, str) else text[0]
            m.flags.discard("fuzzy")
            count += 1
        with po_path(lang).open("wb") as fh:
            write_po(fh, catalog, width=0, ignore_obsolete=True)
    return count


if __name__ == "__main__":
    if "--check" in sys.argv:
        sys.exit(check())
    with locked():
        extract()
        update()
        if "--todo" in sys.argv:
            print(f"{todo(Path(sys.argv[sys.argv.index('--todo') + 1]))} texts to translate")
        if "--merge" in sys.argv:
            print(f"{merge(Path(sys.argv[sys.argv.index('--merge') + 1]))} translations set")
        compile_all()
