"""Issue 16, item 5: an NCB edits a draft and answers a request for information with a new version; the
reviewer sees what changed, field by field."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from rednotice.adapters.formats.request_json import parse_request
from rednotice.bootstrap import Store
from rednotice.domain.lifecycle import Action, State
from rednotice.domain.users import SYSTEM
from rednotice.services import notices as ns
from rednotice.services import review
from rednotice.services.users import AddUser, add_user
from rednotice.web.app import create_app
from rednotice.web.pages import values_from_request
from tests.interface.test_pages import (
    DE,
    FR,
    PASSWORD,
    REVIEWER,
    csrf_of,
    make_notice,
    request_json,
    sign_in,
)


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    for actor in (FR, DE, REVIEWER):
        add_user(AddUser(actor.username, actor.role, PASSWORD, actor.country), SYSTEM, store.uow())
    with TestClient(create_app(store), base_url="https://testserver") as c:
        yield c


def ref(notice_id: str) -> str:
    return notice_id.replace("/", "-")


def edit_form(client: TestClient, store: Store, notice_id: str, **changes: Any) -> dict[str, Any]:
    """The edit form as the page fills it in, with ``changes`` typed over it."""
    data: dict[str, Any] = {}
    token = csrf_of(client, f"/notices/{ref(notice_id)}/edit")
    notice = ns.get_notice(notice_id, FR, store.uow(), audit=False)
    values = values_from_request(notice.request)
    for key, value in values.items():
        if key == "charges":
            for name in ("offence", "law", "max_penalty_years", "offence_original"):
                data[f"charge_{name}"] = [c[name] for c in value]
        elif isinstance(value, bool):
            if value:
                data[key] = "yes"
        else:
            data[key] = value
    data.update(changes)
    data["csrf_token"] = token
    data["expected_version"] = str(notice.version)
    return data


def ask_for_information(store: Store, notice_id: str, question: str) -> None:
    ns.transition(ns.Transition(notice_id, Action.START_REVIEW), REVIEWER, store.uow())
    ns.transition(ns.Transition(notice_id, Action.REQUEST_INFORMATION, question), REVIEWER, store.uow())


def test_a_draft_has_an_edit_link_and_keeps_what_the_form_does_not_show(
    client: TestClient, store: Store
) -> None:
    draft = make_notice(store, send=False, subject__occupations=["engineer"])
    sign_in(client, "fr.officer")
    page = client.get(f"/notices/{ref(draft.id)}")
    assert f'href="/notices/{ref(draft.id)}/edit"' in page.text and "Edit the draft" in page.text

    form = edit_form(client, store, draft.id, family_name="DURANT", send="save")
    answer = client.post(f"/notices/{ref(draft.id)}/edit", data=form, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    stored = ns.get_notice(draft.id, FR, store.uow(), audit=False)
    assert stored.state is State.DRAFT
    assert stored.request.subject.family_name == "DURANT"
    assert stored.request.subject.occupations == ("engineer",)  # not on the form, not lost
    assert stored.request.subject.physical_description is not None
    assert stored.request.judicial.charges[0].max_penalty_years == 30

    form = edit_form(client, store, draft.id, send="send")
    client.post(f"/notices/{ref(draft.id)}/edit", data=form, follow_redirects=False)
    assert ns.get_notice(draft.id, FR, store.uow(), audit=False).state is State.SUBMITTED
    assert client.get(f"/notices/{ref(draft.id)}/edit").status_code == 409  # sent: no longer editable


def test_the_answer_is_a_new_version_and_the_reviewer_sees_what_changed(
    client: TestClient, store: Store
) -> None:
    notice = make_notice(store)
    ask_for_information(store, notice.id, "Which court issued the warrant, and what exactly happened?")
    sign_in(client, "fr.officer")
    page = client.get(f"/notices/{ref(notice.id)}")
    assert "Which court issued the warrant" in page.text
    assert "Answer with a new version" in page.text

    summary = "Shot and killed a shopkeeper in Lyon during a robbery."
    form = edit_form(
        client,
        store,
        notice.id,
        facts_summary=summary,
        charge_offence=["Murder", "Armed robbery"],
        charge_law=["Penal Code art. 221-1", "Penal Code art. 311-8"],
        charge_max_penalty_years=["30", "20"],
        charge_offence_original=["", ""],
        send="send",
    )
    # no answer: refused, nothing changed
    refused = client.post(f"/notices/{ref(notice.id)}/edit", data=form, follow_redirects=False)
    assert refused.status_code == 422 and "answer the reviewer" in refused.text
    assert summary in refused.text  # what was typed is kept
    unchanged = ns.get_notice(notice.id, FR, store.uow(), audit=False)
    assert unchanged.state is State.MORE_INFORMATION_REQUESTED
    assert len(unchanged.request.judicial.charges) == 1

    form["answer"] = "Added the robbery charge and the details of the facts."
    done = client.post(f"/notices/{ref(notice.id)}/edit", data=form, follow_redirects=False)
    assert done.status_code == 303, done.text
    after = ns.get_notice(notice.id, FR, store.uow(), audit=False)
    assert after.state is State.SUBMITTED
    assert after.history[-1].reasons == "Added the robbery charge and the details of the facts."

    with store.uow() as uow:
        versions = review.submitted_versions(uow, notice.id)
    assert [v.data["number"] for v in versions] == [1, 2]

    sign_in(client, "gs.reviewer")
    page = client.get(f"/notices/{ref(notice.id)}").text
    assert "What changed in version 2" in page
    assert "Added the robbery charge" in page
    assert "<ins>shopkeeper</ins>" in page and "<del>man</del>" in page  # the facts, word by word
    assert '<li class="diff-added"><ins dir="auto">Armed robbery — law: Penal Code art. 311-8' in page
    assert "Family name" not in page.split("What changed")[1].split("</section>")[0]  # unchanged: not listed


def test_the_api_dossier_lists_the_versions_and_changes(store: Store) -> None:
    notice = make_notice(store)
    ask_for_information(store, notice.id, "Please give the date of birth in full.")
    new = parse_request(request_json(subject__date_of_birth="1971-04-12"))
    ns.amend_request(
        ns.AmendRequest(notice.id, new, notice.version + 2, send=True, reasons="Full date added."),
        FR,
        store.uow(),
    )
    dossier = review.dossier(notice.id, REVIEWER, store.uow()).to_dict()
    assert [v["number"] for v in dossier["versions"]] == [1, 2]
    assert dossier["changes"]["answer"] == "Full date added."
    assert [c["field"] for c in dossier["changes"]["changes"]] == ["subject.date_of_birth"]
    assert all(r["kind"] != "submission" for r in dossier["records"])


def test_only_the_requesting_bureau_edits_and_only_when_allowed(client: TestClient, store: Store) -> None:
    draft = make_notice(store, send=False)
    sent = make_notice(store)
    sign_in(client, "de.officer")
    assert client.get(f"/notices/{ref(draft.id)}/edit").status_code == 404  # a draft is not DE's to see
    assert DE.country != FR.country
    sign_in(client, "gs.reviewer")
    assert client.get(f"/notices/{ref(draft.id)}/edit").status_code == 403
    sign_in(client, "fr.officer")
    assert client.get(f"/notices/{ref(sent.id)}/edit").status_code == 409
    page = client.get(f"/notices/{ref(sent.id)}").text
    assert "/edit" not in page


def test_a_stale_edit_is_refused_and_changes_nothing(client: TestClient, store: Store) -> None:
    draft = make_notice(store, send=False)
    sign_in(client, "fr.officer")
    form = edit_form(client, store, draft.id, family_name="FIRST", send="save")
    second = edit_form(client, store, draft.id, family_name="SECOND", send="save")
    assert client.post(f"/notices/{ref(draft.id)}/edit", data=form).status_code == 200
    answer = client.post(f"/notices/{ref(draft.id)}/edit", data=second, follow_redirects=False)
    assert answer.status_code == 409 and "Nothing was saved" in answer.text
    assert ns.get_notice(draft.id, FR, store.uow(), audit=False).request.subject.family_name == "FIRST"
