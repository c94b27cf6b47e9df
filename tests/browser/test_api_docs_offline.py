"""/docs and /redoc render in a real Chromium with every request outside the server refused: the Swagger UI
and ReDoc assets are served by rednotice (issue 14 item 13, issue 16 item 4)."""

from __future__ import annotations

from playwright.sync_api import Browser, Route

from tests.browser.conftest import LiveServer


def test_the_api_docs_render_offline(live_server: LiveServer, browser: Browser) -> None:
    page = browser.new_page()
    outside: list[str] = []

    def only_the_server(route: Route) -> None:
        if route.request.url.startswith(live_server.url) or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_the_server)
    try:
        page.goto(f"{live_server.url}/docs")
        page.wait_for_selector(".opblock-summary", timeout=20_000)  # Swagger UI drew the operations
        assert page.locator(".opblock-summary").count() > 10
        page.goto(f"{live_server.url}/redoc")
        page.wait_for_selector("[role=menuitem], .menu-content li", timeout=20_000)  # ReDoc drew its menu
        assert page.get_by_text("rednotice", exact=False).count() > 0
    finally:
        page.close()
    assert outside == [], f"the docs asked for {outside}"
