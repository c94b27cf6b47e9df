from pathlib import Path

from rednotice.docs_gen import PAGES

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_generated_docs_match_the_code() -> None:
    for name, make in PAGES.items():
        assert (DOCS / name).read_text(encoding="utf-8") == make(), (
            f"run: python -m rednotice.docs_gen ({name})"
        )
