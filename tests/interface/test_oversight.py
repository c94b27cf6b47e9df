"""Oversight and transparency over HTTP: who sees which figures, the pages and their charts, the downloads,
and a PDF that really renders (page 1 turned into a PNG by poppler's pdftoppm, checked not blank)."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from rednotice.bootstrap import Store
from rednotice.web import oversight
from rednotice.web.app import create_app
from tests.conftest import FakeClock
from tests.interface.conftest import PASSWORD, auth
from tests.store.test_figures_store import build_store

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def app_client(store: Store, users: dict[str, str], clock: FakeClock) -> Iterator[TestClient]:
    build_store(store, clock)
    app = create_app(store)
    app.include_router(oversight.router)
    with TestClient(app, base_url="https://testserver") as c:
        yield c


def sign_in(client: TestClient, username: str) -> None:
    page = client.get("/login")
    m = CSRF.search(page.text)
    assert m
    r = client.post(
        "/login",
        data={"username": username, "password": PASSWORD, "csrf_token": m.group(1), "next": "/"},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text


def test_the_report_renders_for_oversight(app_client: TestClient) -> None:
    sign_in(app_client, "oversight")
    r = app_client.get("/oversight/countries/RU?from=2024-01-01&to=2026-12-31")
    assert r.status_code == 200, r.text
    html = r.text
    assert "Russian Federation" in html
    assert "How many requests were refused as political" in html
    assert "What kinds of crime does Russian Federation use notices for?" in html
    assert "01 acts leading to death or intending to cause death" in html  # ICCS sections of the charges
    assert "Has harassment of relatives been reported" in html
    # each chart: a caption, a list of bars (text, legible on a phone: issue 16, item 15) and a data table
    charts = html.count('<figure class="card chart"')
    assert charts >= 6 and html.count('<ul class="bars"') == charts
    assert html.count("<table") >= charts
    # full figures: 3 refusals shown as a number, not withheld
    assert "3 refused or purged" in html
    assert r.headers["x-frame-options"] == "DENY" and r.headers["cache-control"] == "no-store"
    dash = app_client.get("/oversight")
    assert dash.status_code == 200 and "Refusal rate by year" in dash.text


def test_the_report_is_refused_to_an_ncb_officer(app_client: TestClient, users: dict[str, str]) -> None:
    r = app_client.get("/oversight/countries/RU", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")
    sign_in(app_client, "ncb-fr")
    assert app_client.get("/oversight/countries/RU").status_code == 403
    assert app_client.get("/oversight/countries/RU/report.pdf").status_code == 403
    assert app_client.get("/oversight").status_code == 403
    assert app_client.get("/api/v1/figures", headers=auth(users["ncb-fr"])).status_code == 403


def test_the_figures_api(app_client: TestClient, users: dict[str, str]) -> None:
    assert app_client.get("/api/v1/figures").status_code == 401
    r = app_client.get(
        "/api/v1/figures?country=RU&from=2024-01-01&to=2026-12-31", headers=auth(users["reviewer"])
    )
    assert r.status_code == 200, r.text
    ru = r.json()["countries"]["RU"]
    assert ru["period"]["refused.total"] == {"value": 3, "text": "3", "suppressed": None}
    assert ru["period"]["refusal_rate"] == 0.6
    assert ru["years"]["2026"]["refused.ground.refugee"]["value"] == 1
    bad = app_client.get("/api/v1/figures?from=2026-13-01", headers=auth(users["ccf"]))
    assert bad.status_code == 422
    rows = list(
        csv.DictReader(
            io.StringIO(app_client.get("/api/v1/figures?format=csv", headers=auth(users["ccf"])).text)
        )
    )
    assert {"country": "RU", "measure": "refused.ground.art3", "value": "2"}.items() <= next(
        row
        for row in rows
        if row["country"] == "RU" and row["measure"] == "refused.ground.art3" and row["period"] != "2026"
    ).items()


def test_public_figures_are_suppressed(app_client: TestClient) -> None:
    r = app_client.get("/transparency/v1/figures?country=RU")
    assert r.status_code == 200
    period = r.json()["countries"]["RU"]["period"]
    assert period["refused.total"] == {"value": None, "text": "<5", "suppressed": "below_minimum"}
    assert period["requests.total"]["value"] == 7
    assert all(
        c["value"] is None or c["value"] == 0 or c["value"] >= 5
        for k, c in period.items()
        if k != "refusal_rate"
    )
    page = app_client.get("/transparency")
    assert page.status_code == 200 and "&lt;5" in page.text and "Russian Federation" in page.text
    bad = app_client.get("/transparency?from=yesterday")
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.text
    report = app_client.get("/transparency/countries/RU")
    assert report.status_code == 200 and "&lt;5 refused or purged" in report.text
    assert app_client.get("/transparency/countries/RU/report.csv").text.startswith("country,period")


def test_a_period_or_country_that_cannot_be_read_is_said_in_a_page(app_client: TestClient) -> None:
    """A browser gets a page that says what is wrong (not raw JSON); a code no country has is a 404."""
    backwards = app_client.get("/transparency?from=2026-12-01&to=2020-01-01")
    assert backwards.status_code == 400
    assert backwards.headers["content-type"].startswith("text/html") and "Check the period" in backwards.text
    unknown = app_client.get("/transparency/countries/ZZ")
    assert unknown.status_code == 404 and "ZZ" in unknown.text and "(ZZ)" not in unknown.text
    assert app_client.get("/transparency/countries/ZZ/report.csv").status_code == 404
    report = app_client.get("/transparency/countries/FR?from=2026-12-01&to=2020-01-01")
    assert report.status_code == 400 and "Check the period" in report.text


def non_white_pixels(png: Path) -> int:
    from PIL import Image

    with Image.open(png) as im:
        histogram = im.convert("L").histogram()
    return sum(histogram[:200])  # pixels darker than light grey


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm) is not installed")
def test_the_pdf_renders(app_client: TestClient, tmp_path: Path) -> None:
    sign_in(app_client, "oversight")
    r = app_client.get("/oversight/countries/RU/report.pdf?from=2024-01-01&to=2026-12-31")
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    assert r.content.startswith(b"%PDF")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(r.content)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True
    )
    pages: list[Any] = sorted(tmp_path.glob("page*.png"))
    assert pages, "pdftoppm wrote no page"
    assert non_white_pixels(pages[0]) > 2000  # text, tables and bars: far from blank
    public = app_client.get("/transparency/countries/RU/report.pdf")
    assert public.status_code == 200 and public.content.startswith(b"%PDF")


def test_cli_report_figures(cli_store: Store, clock: FakeClock) -> None:
    import json

    import typer
    from typer.testing import CliRunner

    from rednotice.cli import report as report_cli

    build_store(cli_store, clock)
    app = typer.Typer()
    app.command("noop")(lambda: None)
    report_cli.register(app)
    runner = CliRunner()
    out = runner.invoke(
        app, ["report", "figures", "--country", "RU", "--format", "json", "--from", "2024-01-01"]
    )
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["countries"]["RU"]["period"]["refused.total"]["value"] == 3
    public = runner.invoke(app, ["report", "figures", "--public", "--country", "RU"])
    assert public.exit_code == 0 and "<5" in public.stdout
    assert runner.invoke(app, ["report", "figures", "--format", "xml"]).exit_code != 0
