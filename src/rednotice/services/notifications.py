"""The messages the use cases send to NCBs and the General Secretariat (``Notification.text``), written once
here as templates, and shown in the reader's language (docs/i18n.md).

A notification is stored as its English text (the ``notifications`` table keeps one column of text; the
API and older rows stay as they were, and no migration is needed). :func:`write` fills a template of
:data:`TEMPLATES` in English; :func:`shown` reads a stored text back as its template and values
(``domain/rereading.py``) and answers in the language of the request (the web's translator, the CLI's
``--lang``). A word given as a value (a kind of position, "a member country") is itself marked, so it is
translated too; ids, countries and dates stay as they are.
"""

from __future__ import annotations

from typing import Any

from rednotice.domain.errors import N_, Text, fill
from rednotice.domain.rereading import Templates

ART87 = N_(
    "A red notice is not an arrest warrant. Under Article 87 of INTERPOL's Rules on the Processing of "
    "Data the person may be held only as the national law of the country where they were found, and the "
    "treaties it applies, allow; the requesting NCB and the General Secretariat are informed at once."
)

DELETED = N_(
    "Notice %(notice)s has been deleted: it does not comply with INTERPOL's rules. Remove it from national "
    "databases. The same facts may not be re-submitted unless new facts are shown."
)
"""What every NCB that could see a deleted notice is told (no word of who asked or why: rule 25); the same
words as ``domain.redress.DELETION_NOTICE``."""
CONSULTATION = N_(
    "The Commission for the Control of INTERPOL's Files asks about notice %(notice)s (case %(case)s, "
    "question %(number)s); answer by %(due)s. Without an answer by then the data will be deleted."
)
CONSULTATION_CLOSED = N_(
    "The Commission for the Control of INTERPOL's Files no longer needs an answer to its question "
    "%(number)s about notice %(notice)s (case %(case)s): the case is decided."
)
CORRECTION = N_("INTERPOL requires the data in notice %(notice)s to be corrected.")
REFUGEE_DELETION = N_("A refugee confirmation matches notice %(notice)s: confirm or dismiss its deletion.")
RESTORABLE = N_(
    "The data of deleted notice %(notice)s may be re-submitted if it complies with INTERPOL's rules; it "
    "will be reviewed again."
)
POSITION_RECORDED = N_("%(country)s recorded a %(kind)s on notice %(notice)s")
POSITION_RECORDED_GROUNDS = N_("%(country)s recorded a %(kind)s on notice %(notice)s (grounds: %(grounds)s)")
POSITION_KINDS = {
    "concern": N_("concern"),
    "objection": N_("objection"),
    "no_action": N_("no action"),
    "extradition_refused": N_("extradition refused"),
}
"""A position's kind as the notification names it (``PositionKind``)."""
POSITION_ANSWERED = N_("The General Secretariat answered your country's position on notice %(notice)s.")
LOCATED = N_(
    "Notice %(notice)s: the person sought was located by %(country)s on %(at)s UTC (hit %(hit)s). %(art87)s"
)
DETAINED = N_(
    "Notice %(notice)s: the person sought was detained under national law by %(country)s on %(at)s UTC "
    "(hit %(hit)s). %(art87)s"
)
A_MEMBER_COUNTRY = N_("a member country")
EXTRADITION_REQUESTED = N_(
    "%(requesting)s requested the extradition from %(locating)s of the person sought by notice %(notice)s "
    "(hit %(hit)s)."
)
EXTRADITION_REQUESTED_REFERENCE = N_(
    "%(requesting)s requested the extradition from %(locating)s of the person sought by notice %(notice)s "
    "(hit %(hit)s), reference %(reference)s."
)
EXTRADITION_REFUSED = N_(
    "%(country)s refused extradition of the person sought by notice %(notice)s (hit %(hit)s; grounds: "
    "%(grounds)s). An addendum was added and review reopened."
)
NONE_GIVEN = N_("none given")
EXTRADITION_REFUSED_TO_REQUESTER = N_(
    "Extradition of the person sought by notice %(notice)s was refused. An addendum was added to the "
    "notice and the General Secretariat is reviewing it again."
)
NO_EXTRADITION_REQUEST = N_(
    "Notice %(notice)s: the person was located in %(country)s on %(on)s and no extradition request was "
    "recorded within %(days)s days (RN-23). Review reopened."
)

TEMPLATES = Templates(
    (
        ART87,
        DELETED,
        CONSULTATION,
        CONSULTATION_CLOSED,
        CORRECTION,
        REFUGEE_DELETION,
        RESTORABLE,
        POSITION_RECORDED,
        POSITION_RECORDED_GROUNDS,
        *POSITION_KINDS.values(),
        POSITION_ANSWERED,
        LOCATED,
        DETAINED,
        A_MEMBER_COUNTRY,
        EXTRADITION_REQUESTED,
        EXTRADITION_REQUESTED_REFERENCE,
        EXTRADITION_REFUSED,
        NONE_GIVEN,
        EXTRADITION_REFUSED_TO_REQUESTER,
        NO_EXTRADITION_REQUEST,
    )
)
"""Every text a notification is written with (a notification written otherwise is shown as stored)."""


def write(template: str, **values: Any) -> str:
    """The notification's text as stored: the template filled, in English."""
    return fill(template, values)


def shown(text: str) -> str:
    """A stored notification's text in the reader's language (as stored when no template gives it)."""
    return TEMPLATES.shown(text)


def words(template: str) -> Text:
    """A word given as a value (translated with the rest where it is shown)."""
    return Text(template)
