"""`rednotice ccf|refugee|harassment|position|flags ...`: redress and protection from a terminal.

The same use cases as ``web/redress_api.py``, and JSON files in the same shapes the API takes (its pydantic
models are reused, imported only when a file is read so the CLI starts without loading the web stack;
pydantic and the request format likewise).
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from rednotice.cli.common import acting_as, console, handle_errors, print_json, store
from rednotice.cli.lang import _, ngettext
from rednotice.domain.errors import N_, InvalidInput, Text
from rednotice.domain.model import Subject, notice_id_from_ref
from rednotice.domain.redress import (
    Outcome,
    PositionGround,
    PositionKind,
)
from rednotice.services import redress as rs

if TYPE_CHECKING:
    from pydantic import BaseModel

    from rednotice.adapters.formats.request_json import SubjectIn
    from rednotice.web.redress_api import CaseIn, HarassmentIn, RefugeeIn

ccf_app = typer.Typer(
    help="CCF cases: filing, admissibility, block, consultation, decision.", no_args_is_help=True
)
refugee_app = typer.Typer(help="Refugee and asylum confirmations (RN-13).", no_args_is_help=True)
harassment_app = typer.Typer(help="Harassment linked to a notice: report and read.", no_args_is_help=True)
position_app = typer.Typer(help="Countries' positions on notices (RN-12).", no_args_is_help=True)
flags_app = typer.Typer(help="Review flags: what reopened the review of a notice.", no_args_is_help=True)

AsUser = Annotated[str, typer.Option("--as", help="The user acting (recorded in the audit trail).")]
Reasons = Annotated[str, typer.Option("--reasons", "-r", help="Why, in writing.")]
NoticeFilter = Annotated[str | None, typer.Option("--notice", help="Only those about this notice.")]
JsonFile = Annotated[str, typer.Argument(help="A JSON file in the API's shape, or - for stdin.")]

M = TypeVar("M", bound="BaseModel")


def _notice_id(ref: str) -> str:
    """Accept ``2019/12345`` and the URL spelling ``2019-12345``, as the API does."""
    return notice_id_from_ref(ref) or ref.strip()


def _read_json(path: str) -> Any:
    if path == "-":
        text = sys.stdin.read()
    else:
        p = Path(path)
        if not p.is_file():
            raise InvalidInput("no such file: %(path)s", path=path)
        limit = store().settings.max_upload_bytes
        if p.stat().st_size > limit:
            raise InvalidInput("%(path)s is larger than %(limit)s bytes", path=path, limit=limit)
        try:
            text = p.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InvalidInput("cannot read %(path)s: %(reason)s", path=path, reason=str(exc)) from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput("malformed JSON: %(reason)s", reason=str(exc)) from exc
    if not isinstance(data, dict):
        raise InvalidInput("the file must hold a JSON object")
    return data


def _validate(model: type[M], data: Any, what: str) -> M:
    from pydantic import ValidationError

    from rednotice.adapters.formats.request_json import explain

    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InvalidInput("not a valid %(what)s: %(problems)s", what=what, problems=explain(exc)) from exc


def _case_in(path: str) -> CaseIn:
    from rednotice.web.redress_api import CaseIn

    return _validate(CaseIn, _read_json(path), Text(N_("CCF filing")))


def _refugee_in(path: str) -> RefugeeIn:
    from rednotice.web.redress_api import RefugeeIn

    return _validate(RefugeeIn, _read_json(path), Text(N_("refugee confirmation")))


def _harassment_in(path: str) -> HarassmentIn:
    from rednotice.web.redress_api import HarassmentIn

    return _validate(HarassmentIn, _read_json(path), Text(N_("harassment report")))


def _subject_from(body: SubjectIn) -> Subject:
    from rednotice.adapters.formats.request_json import subject_from

    return subject_from(body)


def _text(value: str, what: str) -> str:
    if not value.strip():
        raise InvalidInput("%(what)s is written", what=what)
    return value


# --- CCF cases ----------------------------------------------------------------------------------------


@ccf_app.command("file")
@handle_errors
def ccf_file(file: JsonFile) -> None:
    """File a request to the CCF (no account needed). Prints the case id and the access code, once."""
    body = _case_in(file)
    filing = body.to_filing()
    case, code = rs.file_case(filing, store().uow())
    console.print(f"{case.id} [bold]{case.state.value}[/]", highlight=False)
    console.print(_("access code: %(code)s") % {"code": code}, highlight=False, soft_wrap=True)
    console.print(_("Shown once: give it to the applicant. Only its hash is stored."), highlight=False)


@ccf_app.command("my-case")
@handle_errors
def ccf_my_case(
    code: Annotated[
        str,
        typer.Option("--code", prompt="access code", hide_input=True, help="The applicant's access code."),
    ],
) -> None:
    """The applicant's own case, by its access code (asked for, not echoed)."""
    print_json(rs.my_case(code.strip(), store().uow()))


@ccf_app.command("list")
@handle_errors
def ccf_list(
    as_user: AsUser,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only cases with a deadline passed.")] = False,
) -> None:
    """Every case with its deadlines as JSON, overdue cases first."""
    print_json(rs.list_cases(acting_as(as_user), store().uow(), overdue_only=overdue))


@ccf_app.command("show")
@handle_errors
def ccf_show(case_id: str, as_user: AsUser) -> None:
    """One case as JSON: filing, notices, consultations, deadlines, events."""
    print_json(rs.get_case(case_id, acting_as(as_user), store().uow()))


@ccf_app.command("assess")
@handle_errors
def ccf_assess(case_id: str, as_user: AsUser) -> None:
    """Check admissibility (ID, signature, purpose, power of attorney, language); reasons recorded."""
    case = rs.assess_case(case_id, acting_as(as_user), store().uow())
    console.print(f"{case.id} [bold]{case.state.value}[/]", highlight=False)
    for p in case.problems:
        console.print(f"  {p.code}: {p.reason}", highlight=False)


@ccf_app.command("link")
@handle_errors
def ccf_link(case_id: str, notice_id: str, as_user: AsUser) -> None:
    """Add a notice the CCF found to the case."""
    case = rs.link_notice(case_id, _notice_id(notice_id), acting_as(as_user), store().uow())
    console.print(
        _("%(case)s: notices %(notices)s") % {"case": case.id, "notices": ", ".join(case.notice_ids)},
        highlight=False,
    )


@ccf_app.command("block")
@handle_errors
def ccf_block(case_id: str, reasons: Reasons, as_user: AsUser) -> None:
    """Precautionary block: the linked notices are suspended and leave other NCBs' view at once."""
    case = rs.block(case_id, reasons, acting_as(as_user), store().uow())
    console.print(
        _("%(case)s: blocked (%(notices)s suspended)")
        % {"case": case.id, "notices": ", ".join(case.notice_ids)},
        highlight=False,
    )


@ccf_app.command("consult")
@handle_errors
def ccf_consult(
    case_id: str,
    notice_id: str,
    question: Annotated[str, typer.Option("--question", "-q", help="What the requesting NCB must answer.")],
    due: Annotated[str, typer.Option("--due", help="Deadline with a time zone, e.g. 2026-03-01T00:00:00Z")],
    as_user: AsUser,
) -> None:
    """Consult the requesting NCB with a deadline; no answer by then and the data is deleted (rule 27)."""
    try:
        when = datetime.fromisoformat(due)
    except ValueError as exc:
        raise InvalidInput("'%(text)s' is not a date and time (e.g. 2026-03-01T00:00:00Z)", text=due) from exc
    if when.tzinfo is None:
        raise InvalidInput("give the deadline with a time zone (e.g. 2026-03-01T00:00:00Z)")
    case = rs.consult(
        case_id,
        _notice_id(notice_id),
        _text(question, "the question"),
        when,
        acting_as(as_user),
        store().uow(),
    )
    c = case.consultations[-1]
    console.print(
        _("%(case)s: question %(number)s to %(country)s, due %(due)s")
        % {"case": case.id, "number": c.number, "country": c.country, "due": c.due.isoformat()},
        highlight=False,
    )


@ccf_app.command("consultations")
@handle_errors
def ccf_consultations(as_user: AsUser) -> None:
    """For an NCB: the CCF's questions to it (and nothing else about the cases), as JSON."""
    print_json(rs.consultations_for(acting_as(as_user), store().uow()))


@ccf_app.command("answer")
@handle_errors
def ccf_answer(
    case_id: str,
    number: int,
    answer: Annotated[str, typer.Option("--answer", "-a", help="The NCB's answer.")],
    as_user: AsUser,
) -> None:
    """For the consulted NCB: answer the CCF's question."""
    print_json(
        rs.answer_consultation(
            case_id, number, _text(answer, "the answer"), acting_as(as_user), store().uow()
        )
    )


@ccf_app.command("decide")
@handle_errors
def ccf_decide(
    case_id: str,
    outcome: Annotated[Outcome, typer.Argument(help="access_given, compliant, corrected or deleted")],
    reasons: Reasons,
    as_user: AsUser,
) -> None:
    """The reasoned, binding decision: `deleted` deletes every linked notice; others lift a block."""
    case = rs.decide(case_id, outcome, _text(reasons, "a decision"), acting_as(as_user), store().uow())
    console.print(f"{case.id} [bold]{case.state.value}[/]: {outcome.value}", highlight=False)


@ccf_app.command("informed")
@handle_errors
def ccf_informed(case_id: str, as_user: AsUser) -> None:
    """Record that the applicant was told the decision."""
    case = rs.inform_applicant(case_id, acting_as(as_user), store().uow())
    console.print(_("%(case)s: applicant informed") % {"case": case.id}, highlight=False)


@ccf_app.command("deadlines")
@handle_errors
def ccf_deadlines(as_user: AsUser) -> None:
    """Figures as JSON: cases by kind and state, deadlines met, late and overdue, outcomes."""
    print_json(rs.deadline_report(acting_as(as_user), store().uow()))


@ccf_app.command("sweep")
@handle_errors
def ccf_sweep() -> None:
    """Daily: delete the data of consultations not answered by their deadline (rule 27)."""
    deleted = rs.sweep_consultations(store().uow())
    console.print(
        ngettext(
            "deleted %(num)s notice after unanswered consultations",
            "deleted %(num)s notices after unanswered consultations",
            len(deleted),
        )
        % {"num": len(deleted)},
        highlight=False,
    )
    for notice_id in deleted:
        console.print(f"  {notice_id}", highlight=False)


# --- refugee status -----------------------------------------------------------------------------------


@refugee_app.command("confirm")
@handle_errors
def refugee_confirm(file: JsonFile, as_user: AsUser) -> None:
    """An NCB confirms protection: {subject, status, persecution_country, basis}. Notices from the
    country of feared persecution about the person are deleted at once."""
    body = _refugee_in(file)
    actor = acting_as(as_user)
    conf = rs.confirm_refugee(
        _subject_from(body.subject),
        body.status,
        body.persecution_country.upper(),
        body.basis,
        actor,
        store().uow(),
    )
    print_json(rs.refugee_view(conf, actor))


@refugee_app.command("list")
@handle_errors
def refugee_list(as_user: AsUser, notice: NoticeFilter = None) -> None:
    """The CCF and reviewers: every confirmation (or those about a notice's subject); an NCB: its own."""
    print_json(
        rs.refugee_confirmations(acting_as(as_user), store().uow(), _notice_id(notice) if notice else None)
    )


@refugee_app.command("end")
@handle_errors
def refugee_end(
    conf_id: int, reason: Annotated[str, typer.Option("--reason", "-r")], as_user: AsUser
) -> None:
    """The status was denied or revoked: notices deleted because of it are flagged for review."""
    actor = acting_as(as_user)
    conf = rs.end_refugee_status(conf_id, _text(reason, "the reason"), actor, store().uow())
    print_json(rs.refugee_view(conf, actor))


@refugee_app.command("restore")
@handle_errors
def refugee_restore(conf_id: int, notice_id: str, reasons: Reasons, as_user: AsUser) -> None:
    """A reviewer decides deleted data may come back (status ended, data otherwise compliant)."""
    rs.allow_restoration(conf_id, _notice_id(notice_id), reasons, acting_as(as_user), store().uow())
    console.print(
        _("%(notice)s: may be re-submitted (reviewed again)") % {"notice": _notice_id(notice_id)},
        highlight=False,
    )


# --- harassment reports -------------------------------------------------------------------------------


@harassment_app.command("report")
@handle_errors
def harassment_report(file: JsonFile) -> None:
    """Report harassment linked to a notice (no account needed); the reporter's identity is protected."""
    body = _harassment_in(file)
    report = body.to_report(store().clock())
    stored = rs.file_harassment_report(report, store().uow())
    console.print(_("report %(id)s received") % {"id": stored.id}, highlight=False)


@harassment_app.command("list")
@handle_errors
def harassment_list(as_user: AsUser, notice: NoticeFilter = None) -> None:
    """Reports with their reporters, as JSON (the CCF and reviewers only)."""
    print_json(
        rs.harassment_reports(acting_as(as_user), store().uow(), _notice_id(notice) if notice else None)
    )


@harassment_app.command("figures")
@handle_errors
def harassment_figures(as_user: AsUser) -> None:
    """Counts by kind, requesting country and reporter kind; no identities."""
    print_json(rs.harassment_figures(acting_as(as_user), store().uow()))


# --- positions ----------------------------------------------------------------------------------------


@position_app.command("record")
@handle_errors
def position_record(
    notice_id: str,
    kind: Annotated[PositionKind, typer.Argument(help="concern, objection, no_action, extradition_refused")],
    text: Annotated[str, typer.Option("--text", "-t", help="The position, in writing.")],
    as_user: AsUser,
    ground: Annotated[
        list[PositionGround] | None,
        typer.Option("--ground", "-g", help="art2, art3, refugee, ... (repeatable)"),
    ] = None,
    evidence: Annotated[list[str] | None, typer.Option("--evidence", "-e", help="Repeatable.")] = None,
    disclose: Annotated[
        bool, typer.Option("--disclose", help="Let other NCBs see that your country raised it.")
    ] = False,
) -> None:
    """Your country's position on a notice you can see: the GS is told, and review reopens."""
    p = rs.record_position(
        _notice_id(notice_id),
        kind,
        list(ground or ()),
        text,
        list(evidence or ()),
        disclose,
        acting_as(as_user),
        store().uow(),
    )
    print_json(rs.position_view(p, full=True))


@position_app.command("list")
@handle_errors
def position_list(notice_id: str, as_user: AsUser) -> None:
    """Positions on a notice as JSON (an NCB sees who raised others' only where they agreed)."""
    print_json(rs.positions_for(_notice_id(notice_id), acting_as(as_user), store().uow()))


@position_app.command("answer")
@handle_errors
def position_answer(
    position_id: int, answer: Annotated[str, typer.Option("--answer", "-a")], as_user: AsUser
) -> None:
    """A General Secretariat reviewer answers a country's position."""
    p = rs.answer_position(position_id, answer, acting_as(as_user), store().uow())
    print_json(rs.position_view(p, full=True))


# --- review flags -------------------------------------------------------------------------------------


@flags_app.command("list")
@handle_errors
def flags_list(
    as_user: AsUser,
    notice: NoticeFilter = None,
    all_flags: Annotated[bool, typer.Option("--all", help="Include resolved flags.")] = False,
) -> None:
    """Open review flags as JSON: harassment reports, positions, refugee confirmations, ended statuses."""
    print_json(
        rs.review_flags(
            acting_as(as_user), store().uow(), _notice_id(notice) if notice else None, not all_flags
        )
    )


@flags_app.command("resolve")
@handle_errors
def flags_resolve(
    flag_id: int,
    resolution: Annotated[str, typer.Option("--resolution", "-r")],
    as_user: AsUser,
    delete: Annotated[
        bool | None,
        typer.Option(
            "--delete/--dismiss", help="A refugee confirmation's pending deletion: confirm or dismiss."
        ),
    ] = None,
) -> None:
    """Resolve a review flag, in writing."""
    print_json(rs.flag_view(rs.resolve_flag(flag_id, resolution, acting_as(as_user), store().uow(), delete)))


@flags_app.command("notifications")
@handle_errors
def flags_notifications(as_user: AsUser) -> None:
    """Messages to your NCB (deletions, consultations) or, for reviewers and the CCF, to the GS."""
    print_json(rs.notifications_for(acting_as(as_user), store().uow()))


def register(main: typer.Typer) -> None:
    main.add_typer(ccf_app, name="ccf")
    main.add_typer(refugee_app, name="refugee")
    main.add_typer(harassment_app, name="harassment")
    main.add_typer(position_app, name="position")
    main.add_typer(flags_app, name="flags")
