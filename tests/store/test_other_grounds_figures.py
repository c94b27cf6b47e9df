"""Issue 16, item 13: 'other' refusals are shown with their reasons in the figures (full for oversight,
protected in public) on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime

from rednotice.bootstrap import Store
from rednotice.domain import figures as f
from rednotice.domain.lifecycle import Action
from rednotice.services import figures as fs
from rednotice.services import notices as ns
from rednotice.services.review import Ground
from tests.conftest import FakeClock
from tests.store.test_figures_store import OVERSIGHT, REV, sent


def refuse_other(store: Store, name: str, why: str) -> None:
    nid = sent("RU", name, store=store)
    ns.transition(ns.Transition(nid, Action.START_REVIEW), REV, store.uow())
    cmd = ns.Transition(nid, Action.REFUSE, "internal reasons", None, (Ground.OTHER,), {"other_ground": why})
    ns.transition(cmd, REV, store.uow())


def test_other_refusals_are_counted_by_reason(store: Store, clock: FakeClock) -> None:
    clock.now = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
    for i in range(5):
        refuse_other(store, f"ALPHA{i}", "Civil contempt order" if i % 2 else "civil contempt  order")
    refuse_other(store, "BRAVO", "Military tribunal")
    clock.now = datetime(2025, 6, 15, 9, 0, tzinfo=UTC)

    full = fs.figures(fs.FiguresQuery(None, date(2025, 1, 1)), OVERSIGHT, store.uow())
    assert full.value("RU", "refused.ground.other") == 6
    got = [(r, c.value) for r, c in full.other_grounds["RU"]]
    assert [n for _, n in got] == [5, 1] and got[1] == ("Military tribunal", 1)
    assert got[0][0].casefold() == "civil contempt order"
    assert [(r, c.value) for r, c in full.other_grounds[f.ALL]] == got
    row = full.to_dict()["countries"]["RU"]["other_grounds"]
    assert row[1] == {"reason": "Military tribunal", "value": 1, "text": "1", "suppressed": None}
    assert "refused.ground.other.reason" in full.to_csv()
    sections = {s.id: s for s in fs.report(full, "RU", "Russia")}
    assert "Military tribunal" in sections["refusals"].answer
    assert any(c.title.startswith("Other grounds, by the reason given") for c in sections["refusals"].charts)

    public = fs.public_figures(fs.FiguresQuery("RU"), store.uow())
    reasons = [(r, c.text) for r, c in public.other_grounds["RU"]]
    assert reasons[0][1] == "5" and reasons[0][0].casefold() == "civil contempt order"
    assert reasons[1:] == [("other reasons, each given fewer than 5 times", "<5")]
    assert "Military tribunal" not in str(public.to_dict())
