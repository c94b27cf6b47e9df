"""An administrator cannot become the CCF (issue 14, item 6): administrators manage accounts; they do not
obtain another person's credentials, so what they do is audited as themselves."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from rednotice.bootstrap import Store
from rednotice.domain.users import SYSTEM, Role
from rednotice.services import redress as rs
from rednotice.services import users as us
from rednotice.web.app import create_app
from tests.unit.test_redress import filing


def _csrf(text: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', text)
    assert found
    return found.group(1)


def test_an_administrator_cannot_mint_a_ccf_members_token(store: Store) -> None:
    us.add_user(us.AddUser("root-admin", Role.ADMIN, "a long admin password"), SYSTEM, store.uow())
    us.add_user(us.AddUser("ccf-member", Role.CCF, "a long ccf password"), SYSTEM, store.uow())
    case, _ = rs.file_case(filing(), store.uow())
    with TestClient(create_app(store), base_url="https://testserver") as client:
        client.post(
            "/login",
            data={
                "username": "root-admin",
                "password": "a long admin password",
                "csrf_token": _csrf(client.get("/login").text),
            },
        )
        page = client.get("/admin/users")
        assert "/admin/users/ccf-member/token" not in page.text  # no button to take someone's credentials
        r = client.post("/admin/users/ccf-member/token", data={"label": "x", "csrf_token": _csrf(page.text)})
        minted = re.findall(r"rn_[A-Za-z0-9_-]{20,}", r.text)
        assert minted == [], "an administrator obtained the CCF member's token"
        # the administrator's own token stays possible, and acts as the administrator
        r = client.post(
            "/admin/users/root-admin/token", data={"label": "mine", "csrf_token": _csrf(page.text)}
        )
        [own] = re.findall(r"rn_[A-Za-z0-9_-]{20,}", r.text)
        assert us.actor_for_token(own, store.uow()).username == "root-admin"
        assert client.get(
            f"/api/v1/ccf/cases/{case.id}", headers={"Authorization": f"Bearer {own}"}
        ).status_code in (
            403,
            404,
        )
