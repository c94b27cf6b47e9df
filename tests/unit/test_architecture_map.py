"""docs/architecture.md's "Find it in one step" (issue 17, done when): each thing a newcomer looks for is
linked to the file that defines it, and the names the row gives are defined there."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "architecture.md"

WANTED = {
    "rule RN-09": ("domain/compliance/rules.py", ["def article3_offence", '"RN-09"', "CATALOGUE"]),
    "the screening score": ("domain/screening/score.py", ["def combine", "FEATURES", "class ScoreSettings"]),
    "the CCF deadline": ("domain/redress.py", ["DECISION_MONTHS", "def decision_due", "def deadlines"]),
    "the handler of the reviewer's queue": ("web/pages/review.py", ["def review_queue", '"/review"']),
    "the query behind the queue": ("adapters/db/store.py", ["class SqlReviewRepository", "def queue_page"]),
}


def _section() -> str:
    text = DOC.read_text(encoding="utf-8")
    start = text.index("## Find it in one step")
    return text[start : text.index("\n## ", start + 1)]


def test_each_row_links_to_existing_files() -> None:
    links = re.findall(r"\]\((\.\./src/rednotice/[^)]+)\)", _section())
    assert len(links) >= len(WANTED)
    missing = [link for link in links if not (DOC.parent / link).resolve().is_file()]
    assert not missing, missing


def test_each_thing_is_linked_to_where_it_is_defined() -> None:
    rows = {line.split("|")[1].strip(): line for line in _section().splitlines() if line.startswith("| ")}
    for what, (path, names) in WANTED.items():
        row = next((line for first, line in rows.items() if first.startswith(what)), None)
        assert row is not None, what
        assert f"(../src/rednotice/{path})" in row, (what, path)
        source = (ROOT / "src" / "rednotice" / path).read_text(encoding="utf-8")
        assert all(name in source for name in names), (what, [n for n in names if n not in source])
