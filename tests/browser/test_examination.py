"""The examination on a tablet: one tap on a test the plan proposes records it, the ranking
updates in place and says what changed."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import log_in, screenshot
from tests.web.clinical_visits import make_visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

T = ["tingling", "numbness"]
MEDIAN = [
    {"region": "finger-index-r", "intensity": 5, "qualities": T, "primary": True},
    {"region": "finger-thumb-r", "intensity": 4, "qualities": T},
    {"region": "finger-middle-r", "intensity": 4, "qualities": T},
    {"region": "forearm-volar-radial-r", "intensity": 3, "qualities": ["aching"]},
]


def test_one_tap_on_a_proposed_test_reranks_and_shows_what_changed(
    page: Page, alice: Any, client_of_a: Any
) -> None:
    visit = make_visit(alice, client_of_a, pain=MEDIAN,
                       complaint="Tingling thumb, index and middle finger; aching forearm.")
    log_in(page, "alice")
    page.goto(f"/visits/{visit.pk}/")
    first = page.locator("#hypothesis-1")
    expect(first).to_contain_text("Carpal tunnel")
    phalen = page.locator(".proposed").filter(has_text="Phalen")
    expect(phalen).to_be_visible()
    phalen.get_by_role("button", name="Negative").click()

    changes = page.locator(".what-changed")
    expect(changes).to_be_visible()
    expect(changes).to_contain_text("Phalen test (wrist flexion) (right) negative: odds x0.44")
    expect(first).to_contain_text("Pronator teres")
    expect(page.locator("#tests-list")).to_contain_text("Phalen test (wrist flexion) (right)")
    screenshot(page, "examination-what-changed", full_page=False, top="#report")

    pronator = page.locator(".proposed").filter(has_text="Pronator compression")
    pronator.get_by_role("button", name="Positive").click()
    expect(changes).to_contain_text("Pronator compression test (right) positive: odds x2")
    screenshot(page, "examination-assessment-page")
