"""Tables for what happens after a hit (migration 0008): each hit's follow-up (where the person was
located, the safeguards checklist the officer answered, the RN-23 sweep), extradition requests and
refusals, and the addenda shown with a notice."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, ForeignKey, Index, Integer, String, Table, Text

from rednotice.adapters.db.tables import Json, UTCDateTime, metadata

hit_follow_ups = Table(
    "hit_follow_ups",
    metadata,
    Column("hit_id", Integer, ForeignKey("screening_hits.id"), primary_key=True, autoincrement=False),
    Column("notice_id", String(32), ForeignKey("notices.id"), nullable=False, index=True),
    Column("locating_country", String(2)),
    Column("requesting_country", String(2), nullable=False),
    # first time the person was recorded as located or detained: RN-23's clock runs from here
    Column("located_at", UTCDateTime),
    Column("treaty_in_force", String(10), nullable=False),
    Column("person_informed", Boolean),
    Column("safeguards_at", UTCDateTime),
    Column("safeguards_by", String(120)),
    Column("safeguards_notes", Text, nullable=False),
    Column("unpursued_flagged_at", UTCDateTime),
    Column("unpursued_flag_id", Integer),
    Index("ix_hit_follow_ups_located_at", "located_at"),
)

extradition_requests = Table(
    "extradition_requests",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("hit_id", Integer, ForeignKey("screening_hits.id"), nullable=False, index=True),
    Column("notice_id", String(32), ForeignKey("notices.id"), nullable=False),
    Column("requesting_country", String(2), nullable=False),
    Column("locating_country", String(2), nullable=False),
    Column("requested_at", UTCDateTime, nullable=False),
    Column("by", String(120), nullable=False),
    Column("reference", String(200), nullable=False),
    Column("notes", Text, nullable=False),
    Index("ix_extradition_requests_notice_country", "notice_id", "locating_country"),
)

extradition_refusals = Table(
    "extradition_refusals",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("hit_id", Integer, ForeignKey("screening_hits.id"), nullable=False, index=True),
    Column("notice_id", String(32), ForeignKey("notices.id"), nullable=False, index=True),
    Column("locating_country", String(2), nullable=False),
    Column("refused_at", UTCDateTime, nullable=False),
    Column("by", String(120), nullable=False),
    Column("grounds", Json, nullable=False),
    # internal: the refusing country, reviewers and the CCF only (may reveal protected information)
    Column("reasons", Text, nullable=False),
    Column("position_id", Integer, nullable=False),
    Column("addendum_id", Integer, nullable=False),
)

notice_addenda = Table(
    "notice_addenda",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("notice_id", String(32), ForeignKey("notices.id"), nullable=False, index=True),
    Column("at", UTCDateTime, nullable=False),
    Column("kind", String(40), nullable=False),
    # the country the addendum comes from: shown to reviewers, the CCF and that country only
    Column("country", String(2)),
    Column("ref", String(40), nullable=False),
    # what every NCB that can see the notice reads: fixed wording, no country, no internal reasons
    Column("text", Text, nullable=False),
)
