"""The oversight report's answers and charts' descriptions are in the reader's language, with the counts,
the share and the period written the reader's way; the English text (CSV, JSON, logs) is unchanged."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from rednotice.bootstrap import Store
from rednotice.domain.errors import Text
from rednotice.domain.figures import Cell, Suppression
from rednotice.services import figures as fs
from rednotice.web import i18n, oversight
from rednotice.web.app import create_app
from tests.conftest import FakeClock
from tests.interface.test_oversight import sign_in
from tests.store.test_figures_store import build_store

URL = "/oversight/countries/RU?from=2024-01-01&to=2026-12-31"


@pytest.fixture
def app_client(store: Store, users: dict[str, str], clock: FakeClock) -> Iterator[TestClient]:
    build_store(store, clock)
    app = create_app(store)
    app.include_router(oversight.router)
    with TestClient(app, base_url="https://testserver") as c:
        yield c


def _page(client: TestClient, lang: str) -> str:
    sign_in(client, "oversight")
    r = client.get(URL, headers={"Accept-Language": lang})
    assert r.status_code == 200, r.text
    return str(r.text)


def test_the_answers_are_in_french_with_french_dates(app_client: TestClient) -> None:
    html = _page(app_client, "fr")
    assert "Période : du 1 janv. 2024 au 31 déc. 2026. Demandes :" in html
    assert "taux de refus :" in html and "Délais de décision" in html
    assert "Requêtes adressées à la CCF (période : du 1 janv. 2024 au 31 déc. 2026)." in html  # a chart's
    assert "requests in 2024-01-01 to 2026-12-31" not in html
    assert "review decisions" not in html and "per year of" not in html


def test_the_answers_are_in_arabic(app_client: TestClient) -> None:
    html = _page(app_client, "ar")
    assert str(escape("الفترة: من")) in html and "عدد الطلبات" in html
    assert "requests in" not in html and "harassment reports about" not in html


def test_the_english_answer_keeps_its_words(app_client: TestClient) -> None:
    html = _page(app_client, "en")
    assert "requests in 2024-01-01 to 2026-12-31 (" in html and "review decisions" in html
    assert "Requests to the CCF, 2024-01-01 to 2026-12-31." in html


def test_a_count_in_an_answer_is_its_printed_text_and_its_cell() -> None:
    """English (the CSV, the JSON, str()) reads the count as printed; a page writes the cell its own way."""
    cell = Cell(12345, "12345", Suppression.SHOWN)
    answer = Text("%(requests)s requests in %(period)s", requests=fs.Count(cell), period="2024")
    assert str(answer) == "12345 requests in 2024"
    with i18n.using("fr"):
        assert "12\u202f345" in oversight.reader_text(answer) or "12 345" in oversight.reader_text(answer)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed")
def test_the_french_pdf_answers_in_french(app_client: TestClient, tmp_path: Path) -> None:
    sign_in(app_client, "oversight")
    r = app_client.get(
        "/oversight/countries/RU/report.pdf?from=2024-01-01&to=2026-12-31", headers={"Accept-Language": "fr"}
    )
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(r.content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    assert "Demandes :" in text and "Délais de décision" in text
    assert "requests in" not in text
