"""/docs and /redoc load nothing from a CDN (issue 14 item 13, issue 16 item 4): their scripts, styles and
icons are served by the app, with their licences beside them."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from rednotice.web.app import STATIC_LICENCES


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_the_api_docs_load_only_local_assets(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200
    urls = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", r.text)
    urls += re.findall(r"""(?:url|spec-url)\s*:\s*["']([^"']+)["']""", r.text)
    assert urls, r.text
    for url in urls:
        assert url.startswith("/"), f"{path} loads {url} from elsewhere"
        if url.startswith("/static/"):
            asset = client.get(url)
            assert asset.status_code == 200 and len(asset.content) > 100, url
    assert "fonts.googleapis" not in r.text and "cdn.jsdelivr" not in r.text


def test_the_vendored_assets_carry_their_licences(client: TestClient) -> None:
    for name in STATIC_LICENCES:
        assert client.get(f"/static/{name}").status_code == 200, name


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_the_api_docs_may_load_nothing_from_elsewhere(client: TestClient, path: str) -> None:
    """ReDoc's footer asks its CDN for a logo: the page's policy refuses anything not from the server."""
    csp = client.get(path).headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "img-src 'self'" in csp
    assert "http" not in csp and "*" not in csp
