"""Moved: the redress pages are ``web/pages/redress.py`` (this name stays for code that imports it)."""

from __future__ import annotations

from fastapi import FastAPI

from rednotice.web.pages.redress import *  # noqa: F403  (the old module's names)
from rednotice.web.pages.redress import router


def install(app: FastAPI) -> None:
    """Add the redress routes (``create_app`` already does, through ``pages.install``)."""
    app.include_router(router)
