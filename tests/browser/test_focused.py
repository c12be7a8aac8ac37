"""Small browser checks beside the journey: the red-flag banner, the body chart on a phone, and
the chart's zoom on a tablet."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import PHONE, PageMaker
from tests.browser.helpers import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_red_flag_answered_yes_shows_the_blocking_banner(page: Page, client_of_a: Any) -> None:
    log_in(page, "alice")
    page.goto(f"/clients/{client_of_a.pk}/screening/")
    page.get_by_role("radiogroup", name="Thunderclap headache", exact=True).get_by_role(
        "radio", name="Yes").check()
    page.get_by_role("button", name="Save screening").click()

    banner = page.get_by_role("alert").filter(has_text="Refer before treatment")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Thunderclap headache")
    expect(banner.locator(".badge-urgent")).to_be_visible()


def test_the_body_chart_works_by_tapping_on_a_phone(new_page: PageMaker,
                                                    client_of_a: Any) -> None:
    page = new_page(PHONE, has_touch=True, is_mobile=True)
    log_in(page, "alice")
    page.goto(f"/visits/new/{client_of_a.pk}/")

    page.tap('[data-body-chart] [data-region="head-temple-r"] >> nth=0')
    panel = page.locator("#mark-panel")
    expect(panel).to_be_visible()
    expect(panel.locator("#mark-panel-title")).to_have_text("Temple (right)")
    panel.get_by_role("radio", name="7", exact=True).tap()
    panel.get_by_label("Aching", exact=True).tap()
    panel.get_by_role("button", name="Save mark").tap()

    expect(panel).to_be_hidden()
    expect(page.locator("#marks-count")).to_have_text("1")
    temple = page.locator('[data-body-chart] [data-region="head-temple-r"]').first
    expect(temple).to_have_class(re.compile(r"\bmarked\b"))
    page.get_by_role("button", name="Save and assess").tap()
    expect(page.locator("#hypothesis-1")).to_be_visible()


def test_the_head_and_neck_zoom_enlarges_the_mastoid(page: Page, client_of_a: Any) -> None:
    log_in(page, "alice")
    page.goto(f"/visits/new/{client_of_a.pk}/")
    mastoid = page.locator('[data-view="back"] [data-region="head-mastoid-r"]')
    small = mastoid.bounding_box()

    zoom = page.get_by_role("button", name="Head & neck")
    zoom.click()
    expect(zoom).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("button", name="Whole body")).to_have_attribute("aria-pressed", "false")
    box = page.locator("[data-view=back]").get_attribute("data-zoom-head-neck")
    expect(page.locator("[data-view=back] g.view > svg")).to_have_attribute("viewBox", box or "")
    big = mastoid.bounding_box()
    assert small and big and big["width"] > 3 * small["width"]
    # a foot is out of the picture, and out of the Tab order
    expect(page.locator('[data-view="front"] [data-region="toe-great-r"]')).to_have_attribute(
        "tabindex", "-1")

    mastoid.click()
    panel = page.locator("#mark-panel")
    expect(panel.locator("#mark-panel-title")).to_have_text("Mastoid (behind the ear) (right)")
    panel.get_by_role("radio", name="6", exact=True).click()
    panel.get_by_role("button", name="Save mark").click()
    expect(mastoid).to_have_class(re.compile(r"\bmarked\b"))
    temple = page.locator('[data-view="front"] [data-region="head-temple-r"]')
    temple.click()
    panel.get_by_role("radio", name="4", exact=True).click()
    screenshot(page, "consultation-zoom", full_page=False, top=".chart-card")
    panel.get_by_role("button", name="Save mark").click()
    expect(page.locator("#marks-count")).to_have_text("2")

    page.get_by_role("button", name="Whole body").click()
    expect(page.locator("[data-view=back] g.view > svg")).to_have_attribute(
        "viewBox", page.locator("[data-view=back]").get_attribute("data-zoom-whole") or "")
    expect(mastoid).to_have_class(re.compile(r"\bmarked\b"))
