"""Every role's main pages in the four languages, as PNGs in docs/screenshots/ (``make screenshots``).

A fresh SQLite store with the deterministic demo data is served on a free local port and walked in the system
Chromium (the same tour as the accessibility tests: tests/browser/site_tour.py). Desktop shots (1280 px wide,
cut at 1,600 px tall) for each role's main pages, phone shots (390 px) for a handful, in English, French,
Spanish and Arabic; PNGs are reduced to 256 colours so the whole set stays a few megabytes. Writes
docs/screenshots/README.md, an index of the shots. Dates in the demo data follow today's date.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--lang en --lang ar]
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402 - after the path is set
from playwright.sync_api import Page, sync_playwright  # noqa: E402
from tests.browser.site_tour import DESKTOP, PHONE, TOUR, demo_server, resolve, sign_in  # noqa: E402

CHROMIUM = Path(os.environ.get("REDNOTICE_CHROMIUM", "/usr/bin/chromium"))
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español", "ar": "العربية"}
DESKTOP_PAGES = {
    "public": ("public-notices", "public-notice", "transparency", "ccf-apply"),
    "ncb-officer": ("dashboard", "notice", "request-form"),
    "reviewer": ("review-queue", "review-notice"),
    "ccf": ("ccf-cases", "ccf-case"),
    "oversight": ("oversight",),
    "admin": ("admin-users",),
}
PHONE_PAGES = {
    "public": ("public-notices", "public-notice"),
    "ncb-officer": ("dashboard", "request-form"),
    "ccf": ("ccf-case",),
    "reviewer": ("review-queue",),
    "oversight": ("oversight",),
    "admin": ("admin-users",),
}
MAX_HEIGHT = 1600


def _save(page: Page, target: Path, phone: bool) -> None:
    if phone:
        png = page.screenshot()
    else:
        height = min(MAX_HEIGHT, page.evaluate("document.documentElement.scrollHeight"))
        png = page.screenshot(
            full_page=True, clip={"x": 0, "y": 0, "width": DESKTOP["width"], "height": height}
        )
    image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    target.parent.mkdir(parents=True, exist_ok=True)
    image.save(target, optimize=True)


def take(out: Path, languages: list[str]) -> list[tuple[str, str, str, str, Path]]:
    if not CHROMIUM.exists():
        raise SystemExit(f"no Chromium at {CHROMIUM}: run `make browsers` (or set REDNOTICE_CHROMIUM)")
    shots: list[tuple[str, str, str, str, Path]] = []
    with tempfile.TemporaryDirectory() as tmp, demo_server(Path(tmp)) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"])
        for lang in languages:
            for role in TOUR:
                wanted = set(DESKTOP_PAGES.get(role.name, ())) | set(PHONE_PAGES.get(role.name, ()))
                if not wanted:
                    continue
                ctx = browser.new_context(viewport=DESKTOP, locale=lang)
                ctx.set_default_timeout(20_000)
                page = ctx.new_page()
                if role.username:
                    sign_in(page, base, role.username)
                for stop in role.stops:
                    if stop.name not in wanted:
                        continue
                    path = resolve(page, base, stop)
                    if path is None:
                        print(
                            f"  {lang} {role.name} {stop.name}: no such page in the demo data",
                            file=sys.stderr,
                        )
                        continue
                    for width, size, pages in (
                        ("desktop", DESKTOP, DESKTOP_PAGES),
                        ("phone", PHONE, PHONE_PAGES),
                    ):
                        if stop.name not in pages.get(role.name, ()):
                            continue
                        page.set_viewport_size(size)
                        page.goto(base + path)
                        page.wait_for_load_state("networkidle")
                        target = out / lang / f"{role.name}-{stop.name}-{width}.png"
                        _save(page, target, width == "phone")
                        shots.append((lang, role.name, stop.name, width, target))
                        print(f"  {target.relative_to(out)}  ({target.stat().st_size // 1024} KB)")
                ctx.close()
        browser.close()
    return shots


def index(out: Path, shots: list[tuple[str, str, str, str, Path]]) -> None:
    lines = [
        "# Screenshots",
        "",
        "Every role's main pages in INTERPOL's four languages, on the synthetic demo data, at desktop",
        "(1280 px) and phone (390 px) widths. Regenerate with `make screenshots` (scripts/screenshots.py).",
        "",
    ]
    for lang in dict.fromkeys(s[0] for s in shots):
        lines += [f"## {LANGUAGE_NAMES.get(lang, lang)} (`{lang}`)", ""]
        for _, role, stop, width, target in (s for s in shots if s[0] == lang):
            rel = target.relative_to(out).as_posix()
            lines.append(f"- [{role}: {stop} ({width})]({rel})")
        lines.append("")
    (out / "README.md").write_text("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", action="append", choices=sorted(LANGUAGE_NAMES), help="default: all four")
    args = parser.parse_args()
    languages = args.lang or list(LANGUAGE_NAMES)
    out: Path = args.out
    for lang in languages:  # a page no longer shot must not linger
        shutil.rmtree(out / lang, ignore_errors=True)
    shots = take(out, languages)
    index(out, shots)
    total = sum(s[4].stat().st_size for s in shots)
    print(f"{len(shots)} screenshots, {total / 1e6:.1f} MB, in {out}")


if __name__ == "__main__":
    main()
