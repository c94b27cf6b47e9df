"""Extract the texts people read and merge them into the catalogues (docs/i18n.md).

    .venv/bin/python scripts/i18n.py           # extract to messages.pot, then update fr, es, ar
    .venv/bin/python scripts/i18n.py --check   # exit 1 if a marked text is missing from a catalogue

New texts arrive untranslated (msgstr ""); tests/web/test_i18n.py fails until each one is translated.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "src" / "rednotice" / "locale"
POT = LOCALE / "messages.pot"
LANGS = ("fr", "es", "ar")
PYBABEL = str(Path(sys.executable).with_name("pybabel"))


def extract() -> None:
    LOCALE.mkdir(parents=True, exist_ok=True)
    subprocess.run(  # noqa: S603 - fixed arguments, our own venv's pybabel
        [
            PYBABEL,
            "-q",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "--no-location",
            "--sort-output",
            "--project",
            "rednotice",
            "--no-wrap",
            "-c",
            "Translators:",
            "-o",
            str(POT),
            "src/rednotice",
        ],
        cwd=ROOT,
        check=True,
    )


def update() -> None:
    for lang in LANGS:
        po = LOCALE / lang / "LC_MESSAGES" / "messages.po"
        command = "update" if po.exists() else "init"
        args = [PYBABEL, "-q", command, "-i", str(POT), "-d", str(LOCALE), "-l", lang, "--no-wrap"]
        if command == "update":
            args += ["--no-fuzzy-matching", "--ignore-obsolete"]
        subprocess.run(args, cwd=ROOT, check=True)  # noqa: S603 - fixed arguments


def check() -> int:
    extract()
    with POT.open("rb") as fh:
        wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(fh) if m.id}
    missing = 0
    for lang in LANGS:
        with (LOCALE / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
            have = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(fh) if m.id and m.string}
        for msgid in sorted(wanted - have):
            print(f"{lang}: untranslated: {msgid[:80]}")
            missing += 1
    return 1 if missing else 0


if __name__ == "__main__":
    if "--check" in sys.argv:
        sys.exit(check())
    extract()
    update()
