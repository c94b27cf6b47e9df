"""Issue 16, item 14: what the CCF's admissibility check finds, a case's history and deadlines, and the flags
that reopen a notice's review reach a French, Spanish or Arabic reader in their language. They are stored
in English as before (the API's JSON and older rows unchanged) and read back from their templates where
they are shown (domain/redress.py: ``shown``; docs/i18n.md)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from html import unescape

import pytest
from fastapi.testclient import TestClient

from rednotice.bootstrap import Store
from rednotice.domain import redress as rd
from rednotice.domain.errors import Text
from rednotice.domain.model import Subject
from rednotice.domain.users import SYSTEM
from rednotice.services import redress as rs
from rednotice.services.users import AddUser, add_user
from rednotice.web import i18n
from rednotice.web.app import create_app
from tests.interface.test_pages import DE, FR, PASSWORD, REVIEWER, make_notice, publish
from tests.interface.test_redress_pages import (
    APPLICATION,
    CASE_ID,
    CCF,
    CODE,
    POSITION,
    csrf_of,
    post,
    sign_in,
)


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    for actor in (FR, DE, REVIEWER, CCF):
        add_user(AddUser(actor.username, actor.role, PASSWORD, actor.country), SYSTEM, store.uow())
    with TestClient(create_app(store), base_url="https://testserver") as c:
        yield c


UNSIGNED = {k: v for k, v in APPLICATION.items() if k not in ("signed", "id_photo")}


def file_unsigned(client: TestClient) -> tuple[str, str]:
    r = post(client, "/ccf/apply", UNSIGNED)
    assert r.status_code == 200, r.text
    case_id, code = CASE_ID.search(r.text), CODE.search(r.text)
    assert case_id and code
    return case_id.group(0), code.group(0)


def test_problems_are_templates_and_stay_english_as_strings() -> None:
    filing = rd.Filing(
        kind=rd.RequestKind.DELETION,
        applicant_kind=rd.ApplicantKind.LAWYER,
        subject=Subject(family_name="Durand", given_names="Paul"),
        id_proof=rd.IdProof(),
        signed=False,
        language="de",
        purpose="x",
    )
    problems = rd.admissibility_problems(filing, date(2026, 1, 1))
    by_code = {p.code: p.reason for p in problems}
    assert by_code["unsigned"] == "the request is not signed"  # stored and served as before
    assert by_code["language"] == "the request is in 'de'; it must be in Arabic, English, French or Spanish"
    lawyer = "a lawyer acting for the person needs a signed power of attorney"
    assert by_code["no_power_of_attorney"] == lawyer
    assert all(isinstance(reason, Text) for reason in by_code.values())


@pytest.mark.parametrize(
    ("lang", "words", "english"),
    [
        ("fr", "la demande n'est pas signée", "the request is not signed"),
        ("es", "la solicitud no está firmada", "the request is not signed"),
        ("ar", "الطلب غير موقّع", "the request is not signed"),
        ("fr", "un avocat agissant pour la personne doit produire une procuration signée", ""),
        ("fr", "la demande est rédigée en « de »", ""),
    ],
)
def test_a_stored_reason_is_read_back_in_the_readers_language(lang: str, words: str, english: str) -> None:
    stored = {
        "la demande n'est pas signée": "the request is not signed",
        "la solicitud no está firmada": "the request is not signed",
        "الطلب غير موقّع": "the request is not signed",
        "un avocat agissant pour la personne doit produire une procuration signée": (
            "a lawyer acting for the person needs a signed power of attorney"
        ),
        "la demande est rédigée en « de »": (
            "the request is in 'de'; it must be in Arabic, English, French or Spanish"
        ),
    }[words]
    with i18n.using(lang):
        shown = rd.shown(stored)
        assert words in shown, shown
        # several problems stored as one history entry are read back each in turn
        both = rd.shown(f"{stored}; the identity document has no photograph")
        assert words in both and "no photograph" not in both
        # a person's own words are shown as written
        assert rd.shown("Pending the Commission's decision.") == "Pending the Commission's decision."
    assert rd.shown(stored) == stored  # English reader: as stored


def test_the_ccf_case_page_and_the_applicants_page_in_french_and_arabic(
    client: TestClient, store: Store
) -> None:
    publish(store, make_notice(store))
    case_id, code = file_unsigned(client)
    rs.assess_case(case_id, CCF, store.uow())
    assert rs.get_case(case_id, CCF, store.uow())["problems"] == [
        {"code": "id_photo", "reason": "the identity document has no photograph"},
        {"code": "unsigned", "reason": "the request is not signed"},
    ]  # the API's JSON as before

    sign_in(client, CCF)
    page = unescape(client.get(f"/ccf/cases/{case_id}", headers={"Accept-Language": "fr"}).text)
    assert "la pièce d'identité ne comporte pas de photographie" in page
    assert "la demande n'est pas signée" in page
    assert "not signed" not in page and "no photograph" not in page
    assert "Irrecevable" in page and "Inadmissible" not in page  # the history's action, in words

    client.cookies.clear()
    mine = client.post(
        "/ccf/my-case",
        data={"csrf_token": _token(client), "access_code": code},
        headers={"Accept-Language": "ar"},
    ).text
    assert "الطلب غير موقّع" in mine and "not signed" not in mine


def _token(client: TestClient) -> str:
    return csrf_of(client, "/ccf/my-case")


def test_deadlines_and_history_in_spanish(client: TestClient, store: Store) -> None:
    notice = publish(store, make_notice(store))
    r = post(client, "/ccf/apply", APPLICATION)
    case_id = CASE_ID.search(r.text)
    assert case_id
    case = rs.assess_case(case_id.group(0), CCF, store.uow())
    due = store.clock().replace(year=store.clock().year + 1)
    rs.consult(case.id, notice.id, "Send the arrest warrant, please.", due, CCF, store.uow())
    sign_in(client, CCF)
    page = client.get(f"/ccf/cases/{case.id}", headers={"Accept-Language": "es"}).text
    assert "meses después de que la solicitud se declarara admisible (regla 26)" in page
    assert "(sin respuesta: datos suprimidos, regla 27)" in page
    assert "OCN consultada" in page and "Pendiente" in page
    assert "rule 26" not in page and "Consult</strong>" not in page and "Pending" not in page


def test_a_flag_beside_the_notice_in_french(client: TestClient, store: Store) -> None:
    notice = publish(store, make_notice(store))
    ref = notice.id.replace("/", "-")
    sign_in(client, DE)
    assert post(client, f"/notices/{ref}/position", POSITION, f"/notices/{ref}/position").status_code == 303
    client.cookies.clear()
    sign_in(client, REVIEWER)
    page = unescape(client.get(f"/notices/{ref}", headers={"Accept-Language": "fr"}).text)
    assert "Un pays membre a enregistré une position (objection) : réexaminez la notice." in page, page
    assert "Position d'un pays membre" in page
    assert "review the notice again" not in page and "Country position" not in page
