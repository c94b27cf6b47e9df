"""Issue 17: the review records written on a notice's page (a finding's resolution, the exception of
Art. 83(1)(b) and its confirmation, the Article 3 assessment) declare at the route that they are for
reviewers (web/pages/review.py, ``reviewer()`` on ``deps.form_role``), and anyone else still gets the answer
these forms have always given: the notice's page again (422), or to htmx the fragment saying why (403)."""

from __future__ import annotations

import inspect

from fastapi.testclient import TestClient

from rednotice.bootstrap import Store
from rednotice.domain.users import Role
from rednotice.services import review
from rednotice.web.pages import deps
from tests.interface.test_page_permissions import page_routes
from tests.interface.test_pages import (
    FACTORS,
    FR,
    HTMX,
    activist_notice,
    client,
    csrf_of,
    records,
    ref_of,
    sign_in,
    start_review,
    users,
)

__all__ = ["client", "users"]  # the fixtures, shared with test_pages.py

REVIEW_FORMS = {
    ("POST", "/notices/{ref}/resolutions"),
    ("POST", "/notices/{ref}/exception"),
    ("POST", "/notices/{ref}/exception/confirm"),
    ("POST", "/notices/{ref}/article3"),
}
REFUSAL = "Only a General Secretariat reviewer does this."


def test_the_review_forms_declare_the_reviewer_at_the_route() -> None:
    routes = {(m, path): calls for m, path, calls in page_routes() if (m, path) in REVIEW_FORMS}
    assert set(routes) == REVIEW_FORMS
    for route, calls in routes.items():
        assert deps.page_actor in calls and deps.csrf_form in calls, route
        checks = [c for c in calls if getattr(c, "__qualname__", "").startswith("form_role.")]
        assert len(checks) == 1, f"{route}: no role declared at the route"
        declared = inspect.getclosurevars(checks[0]).nonlocals  # type: ignore[arg-type]
        assert declared["roles"] == (Role.REVIEWER,), route


def test_anyone_else_gets_the_answer_the_forms_always_gave(client: TestClient, store: Store) -> None:
    notice = start_review(store, activist_notice(store))
    ref = ref_of(notice)
    sign_in(client, FR.username)  # the requesting bureau sees the notice, but does not review it
    token = csrf_of(client, f"/notices/{ref}")
    forms = {
        "resolutions": {"code": "RN-10", "resolution": "Checked: the fraud is documented."},
        "exception": {"exception_reasons": "Particular importance: a series of frauds on hospitals."},
        "exception/confirm": {"confirm_reasons": "Agreed."},
        "article3": {**FACTORS, "conclusion": "Not predominantly political."},
    }
    for path, data in forms.items():
        page = client.post(f"/notices/{ref}/{path}", data={**data, "csrf_token": token})
        assert page.status_code == 422, path
        assert "<html" in page.text and notice.id in page.text, path  # the notice's page, nothing recorded
    for path in ("resolutions", "article3"):  # the forms htmx swaps in place
        frag = client.post(
            f"/notices/{ref}/{path}", data=forms[path], headers={**HTMX, "X-CSRF-Token": token}
        )
        assert frag.status_code == 403 and "<html" not in frag.text and REFUSAL in frag.text, path
    stale = client.post(f"/notices/{ref}/resolutions", data={**forms["resolutions"], "csrf_token": "x"})
    assert stale.status_code == 403 and "Form expired" in stale.text  # the token is checked first, as before
    for kind in (
        review.RecordKind.RESOLUTION,
        review.RecordKind.EXCEPTION_PROPOSED,
        review.RecordKind.EXCEPTION_CONFIRMED,
        review.RecordKind.ARTICLE_3,
    ):
        assert not records(store, notice, kind)
