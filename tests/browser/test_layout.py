"""Layout at 1024×768 (tablet) and 390×844 (phone), checked by element position, not by eye:
"Save mark" never under the sticky "Save and assess" bar, the findings form reachable on the
assessment without scrolling past every source, no sideways overflow on the client record and
the plan, and "New consultation" on the client record's first screen."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, ViewportSize, expect

from tests.browser.conftest import PHONE, TABLET, PageMaker
from tests.browser.helpers import log_in
from tests.web.clinical_visits import make_visit
from tonus.web.plans.services import plan_seed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SIZES = [pytest.param(TABLET, id="tablet-1024x768"), pytest.param(PHONE, id="phone-390x844")]
UNCOVERED = """e => { const r = e.getBoundingClientRect();
  const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
  return r.bottom <= innerHeight && r.top >= 0 && (hit === e || e.contains(hit)); }"""


def _page(new_page: PageMaker, size: ViewportSize) -> Page:
    phone = size == PHONE
    page = new_page(size, has_touch=phone, is_mobile=phone)
    log_in(page, "alice")
    return page


def _no_sideways_overflow(page: Page) -> None:
    page.wait_for_load_state()  # measured with its stylesheets applied
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], (page.url, width)  # type: ignore[index]


@pytest.mark.parametrize("size", SIZES)
def test_save_mark_is_never_under_the_sticky_bar(new_page: PageMaker, size: ViewportSize,
                                                 client_of_a: Any) -> None:
    page = _page(new_page, size)
    page.goto(f"/visits/new/{client_of_a.pk}/")
    panel = page.locator("#mark-panel")
    for region in ("head-temple-r", "knee-anterior-r", "foot-dorsum-r"):
        target = page.locator(f'[data-body-chart] [data-region="{region}"]').first
        target.scroll_into_view_if_needed()
        target.click()
        expect(panel).to_be_visible()
        panel.get_by_role("radio", name="5", exact=True).click()
        save = panel.get_by_role("button", name="Save mark")
        save.scroll_into_view_if_needed()
        assert save.evaluate(UNCOVERED), f"Save mark covered ({region})"
        bar = page.locator(".sticky-actions").first
        bar_box, save_box = bar.bounding_box(), save.bounding_box()
        assert save_box is not None
        if bar.is_visible() and bar_box is not None:
            assert (save_box["y"] + save_box["height"] <= bar_box["y"]
                    or save_box["y"] >= bar_box["y"] + bar_box["height"]), region
        save.click()
        expect(panel).to_be_hidden()
    expect(page.locator("#marks-count")).to_have_text("3")
    expect(page.get_by_role("button", name="Save and assess")).to_be_visible()


@pytest.mark.parametrize("size", SIZES)
def test_findings_form_is_reachable_without_scrolling_past_every_source(
        new_page: PageMaker, size: ViewportSize, alice: Any, client_of_a: Any) -> None:
    visit = make_visit(alice, client_of_a)
    page = _page(new_page, size)
    page.goto(f"/visits/{visit.pk}/")
    findings = page.locator("#findings-title")
    if not findings.evaluate("e => e.getBoundingClientRect().top < innerHeight"):
        jump = page.get_by_role("link", name="Add findings ↓")
        assert jump.evaluate(UNCOVERED), "the jump to the findings is on the first screen"
        jump.click()
    expect(findings).to_be_in_viewport()
    assert findings.evaluate("e => e.getBoundingClientRect().top >= 0")


@pytest.mark.parametrize("size", SIZES)
def test_client_record_and_plan_fit_and_new_consultation_is_on_the_first_screen(
        new_page: PageMaker, size: ViewportSize, alice: Any, client_of_a: Any) -> None:
    visit = make_visit(alice, client_of_a)
    plan_seed(by=alice, client=client_of_a, visit=visit)
    page = _page(new_page, size)
    page.goto(f"/clients/{client_of_a.pk}/")
    new = page.get_by_role("link", name="New consultation")
    assert new.evaluate(UNCOVERED), "New consultation is visible without scrolling"
    _no_sideways_overflow(page)
    page.goto(f"/plans/client/{client_of_a.pk}/")
    expect(page.get_by_role("heading", name="Treatment plan").first).to_be_visible()
    _no_sideways_overflow(page)
