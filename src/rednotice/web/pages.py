"""Browser pages (Jinja2 + htmx). Installed by create_app()."""

from __future__ import annotations

from fastapi import FastAPI


def install(app: FastAPI) -> None:
    """Add the page routes to the app."""
