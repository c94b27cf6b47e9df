from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from rednotice.bootstrap import Store
from rednotice.cli.common import reset_store
from rednotice.domain.users import SYSTEM, Role
from rednotice.services import users as us
from rednotice.web.app import create_app

PASSWORD = "a long test password"
USERS = [
    ("ncb-fr", Role.NCB_OFFICER, "FR"),
    ("ncb-de", Role.NCB_OFFICER, "DE"),
    ("reviewer", Role.REVIEWER, None),
    ("reviewer2", Role.REVIEWER, None),
    ("ccf", Role.CCF, None),
    ("oversight", Role.OVERSIGHT, None),
    ("admin", Role.ADMIN, None),
]


@pytest.fixture
def users(store: Store) -> dict[str, str]:
    """Every role, each with a bearer token."""
    tokens = {}
    for name, role, country in USERS:
        us.add_user(us.AddUser(name, role, PASSWORD, country), SYSTEM, store.uow())
        # the longest-lived token: tests move the clock by months (tokens expire, issue 14, item 13)
        tokens[name] = us.issue_token(name, "test", SYSTEM, store.uow(), days=us.MAX_TOKEN_DAYS)
    return tokens


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(store)) as c:
        yield c


@pytest.fixture
def cli_store(store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """The CLI reads its store from the environment; point it at the test store."""
    assert store.settings.database_url
    monkeypatch.setenv("REDNOTICE_DATABASE_URL", store.settings.database_url)
    monkeypatch.setenv("REDNOTICE_ENV", "test")
    monkeypatch.setenv("REDNOTICE_SECRET_KEY", "s" * 40)
    monkeypatch.setenv("REDNOTICE_DATA_DIR", str(store.settings.data_dir))
    reset_store()
    yield store
    reset_store()


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
