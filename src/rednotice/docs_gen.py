"""Generate reference pages from the code, so the docs cannot drift: ``python -m rednotice.docs_gen``."""

from __future__ import annotations

import sys
from pathlib import Path

from rednotice.domain.compliance import catalogue_doc, statutes
from rednotice.domain.lifecycle import IN_FORCE, TRANSITIONS, State
from rednotice.domain.model import NoticeType


def lifecycle_md() -> str:
    lines = [
        "# The notice lifecycle",
        "",
        "Generated from `src/rednotice/domain/lifecycle.py` by `python -m rednotice.docs_gen`; do not edit.",
        "A test fails when this page and the code disagree.",
        "",
    ]
    for kind in NoticeType:
        in_force = ", ".join(f"`{s.value}`" for s in sorted(IN_FORCE[kind]))
        lines += [
            f"## {kind.value}",
            "",
            f"In force (seen by other NCBs, screened against): {in_force}.",
            "",
            "| from | action | to | who | reasons required | meaning |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for (k, frm, action), rule in TRANSITIONS.items():
            if k is not kind:
                continue
            who = ", ".join(sorted(r.value for r in rule.roles))
            lines.append(
                f"| `{frm.value}` | `{action.value}` | `{rule.to.value}` | {who} | "
                f"{'yes' if rule.reasons_required else 'no'} | {rule.description} |"
            )
        lines.append("")
    lines += [
        "Rules beyond the table: only the requesting NCB acts for its country; a published red notice",
        f"expires five years after publication (`{State.EXPIRED.value}`) unless renewed, with reasons, in",
        "its last six months; each renewal adds five years. Every transition records actor, time and",
        "reasons and appends an audit event in the same transaction.",
        "",
    ]
    return "\n".join(lines)


PAGES = {
    "lifecycle.md": lifecycle_md,
    "rules.md": catalogue_doc.render,
    "statutes.md": statutes.table_markdown,
}


def main(out_dir: str = "docs") -> None:
    for name, make in PAGES.items():
        (Path(out_dir) / name).write_text(make(), encoding="utf-8")
        sys.stdout.write(f"wrote {out_dir}/{name}\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
