"""Tables for the redress capability (registered on the shared metadata; migration 0003).

Indexed columns carry what is queried; the rest of each record is its JSON ``payload``."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, ForeignKey, Index, Integer, LargeBinary, String, Table, Text

from rednotice.adapters.db.tables import Json, UTCDateTime, metadata

ccf_cases = Table(
    "ccf_cases",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("state", String(20), nullable=False),
    Column("version", Integer, nullable=False),
    Column("filed_at", UTCDateTime, nullable=False),
    Column("code_hash", String(64), nullable=False, unique=True),
    Column("notice_ids", Text, nullable=False),
    Column("consulted", String(800), nullable=False),
    Column("next_consult_due", UTCDateTime),
    Column("payload", Json, nullable=False),
    Index("ix_ccf_cases_state", "state"),
    Index("ix_ccf_cases_next_consult_due", "next_consult_due"),
)

ccf_documents = Table(
    "ccf_documents",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("case_id", String(32), ForeignKey("ccf_cases.id"), nullable=False, index=True),
    Column("kind", String(30), nullable=False),
    Column("filename", String(200), nullable=False),
    Column("media_type", String(40), nullable=False),
    Column("size", Integer, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("uploaded_at", UTCDateTime, nullable=False),
    Column("request_number", Integer),
    Column("data", LargeBinary, nullable=False),
)
"""Documents sent with a request to the CCF (migration 0014): the CCF alone reads them."""

binding_outcomes = Table(
    "binding_outcomes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("notice_id", String(32), ForeignKey("notices.id"), nullable=False, index=True),
    Column("outcome", String(32), nullable=False),
    Column("source", String(20), nullable=False),
    Column("ref", String(40), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Column("by", String(120), nullable=False),
    Column("reasons", Text, nullable=False),
)

refugee_confirmations = Table(
    "refugee_confirmations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("family_name", String(500), nullable=False),
    Column("birth_year", Integer),
    Column("status", String(20), nullable=False),
    Column("persecution_country", String(2), nullable=False),
    Column("granting_country", String(2), nullable=False, index=True),
    Column("confirmed_at", UTCDateTime, nullable=False),
    Column("active", Boolean, nullable=False),
    Column("payload", Json, nullable=False),
    Index("ix_refugee_confirmations_birth_year", "birth_year"),
)

harassment_reports = Table(
    "harassment_reports",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("filed_at", UTCDateTime, nullable=False),
    Column("kinds", String(200), nullable=False),
    Column("payload", Json, nullable=False),
    Column("public_id", String(40), nullable=False, index=True, unique=True),
)
"""One row per report (migration 0015): a report naming a person with three notices is one report, not
three rows, so neither the ids nor the count of rows tell how many notices the person has."""

harassment_report_notices = Table(
    "harassment_report_notices",
    metadata,
    Column("report_id", Integer, ForeignKey("harassment_reports.id"), primary_key=True),
    Column("notice_id", String(32), ForeignKey("notices.id"), primary_key=True, index=True),
)
"""The notices a report was linked to (named by the reporter, or found by identity)."""

country_positions = Table(
    "country_positions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("notice_id", String(32), ForeignKey("notices.id"), nullable=False, index=True),
    Column("country", String(2), nullable=False),
    Column("kind", String(30), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Column("payload", Json, nullable=False),
)

review_flags = Table(
    "review_flags",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("notice_id", String(32), ForeignKey("notices.id"), nullable=False, index=True),
    Column("at", UTCDateTime, nullable=False),
    Column("source", String(40), nullable=False),
    Column("ref", String(40), nullable=False),
    Column("resolved_at", UTCDateTime),
    Column("payload", Json, nullable=False),
)

redress_notifications = Table(
    "redress_notifications",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", UTCDateTime, nullable=False),
    Column("recipient", String(4), nullable=False, index=True),
    Column("kind", String(40), nullable=False),
    Column("notice_id", String(32), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("excluded", String(800), nullable=False),
)
