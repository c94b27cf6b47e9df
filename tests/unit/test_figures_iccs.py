"""Requests by ICCS section: the figures' sections are the ICCS's own."""

from __future__ import annotations

from rednotice.domain import figures as f
from rednotice.domain.compliance import iccs


def test_figure_sections_are_the_iccs_sections() -> None:
    assert tuple(s.code for s in iccs.SECTIONS) == f.ICCS_SECTIONS
    for s in iccs.SECTIONS:
        assert f.ICCS_SECTION_LABELS[s.code].casefold() == s.name.casefold()


def test_requests_by_section_are_a_non_additive_breakdown_of_requests() -> None:
    (group,) = [g for g in f.GROUPS if g.members and g.members[0] == "requests.iccs.01"]
    assert group.total == "requests.total" and not group.additive
    assert set(group.members) == {f"requests.iccs.{c}" for c in (*f.ICCS_SECTIONS, "none")}
    assert all(m in f.MEASURE_KEYS for m in group.members)
