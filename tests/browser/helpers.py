"""What the browser tests do often: log in through the form, and take the docs' screenshots."""

from __future__ import annotations

import os
from pathlib import Path

from playwright.sync_api import Page

from tests.web.conftest import PASSWORD

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
# A full-page picture is taken as one tall viewport, where a bar stuck to the bottom of the
# screen would sit in the middle of the page: in the picture it stays at the end of its form.
UNSTICK = ".sticky-actions { position: static !important; }"


def log_in(page: Page, username: str, password: str = PASSWORD) -> None:
    """Through the real login form; lands on the client list."""
    if "/accounts/login/" not in page.url:
        page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/clients/")


def screenshot(page: Page, name: str, *, full_page: bool = True, top: str = "") -> None:
    """docs/screenshots/<name>.png, only when TONUS_SCREENSHOTS=1 (CI never rewrites docs).
    The whole page, or (full_page=False) the screen, scrolled so that ``top`` starts it."""
    if os.environ.get("TONUS_SCREENSHOTS") != "1":
        return
    # Lazy pictures (the referral charts) would still be blank: load them all first.
    page.evaluate("[...document.images].forEach(i => { i.loading = 'eager'; })")
    page.wait_for_function("() => [...document.images].every(i => i.complete)")
    if top:
        page.locator(top).first.evaluate("e => e.scrollIntoView({block: 'start'})")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page,
                    animations="disabled", caret="hide", style=UNSTICK if full_page else None)
