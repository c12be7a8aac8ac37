"""A therapist's first visit with a new client, end to end in chromium, through the real pages:
log in, add the client, screen, draw the pain, read the assessment, palpate, plan, treat,
see the progress, and print the handout and a referral letter."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIDE = " (right)"
FACTORS_YES = ("Poor sleep", "High stress", "Low vitamin D")


def add_client(page: Page) -> None:
    page.get_by_role("link", name="New client").click()
    expect(page.get_by_role("heading", name="New client")).to_be_visible()
    page.get_by_label("First name", exact=True).fill("Sarah")
    page.get_by_label("Last name", exact=True).fill("Whitfield")
    page.get_by_label("Date of birth", exact=True).fill("1981-04-12")
    page.get_by_label("Sex", exact=True).select_option(label="Female")
    page.get_by_label("Phone", exact=True).fill("07700 900123")
    page.get_by_label("The client has given informed consent to treatment").check()
    page.get_by_label("Desk work", exact=True).check()
    page.get_by_role("button", name="Add client").click()
    expect(page.get_by_role("heading", name="Sarah Whitfield", level=1)).to_be_visible()
    expect(page.locator(".badge-ok", has_text="Given")).to_be_visible()


def answer_screening(page: Page) -> None:
    page.get_by_role("link", name="Screening").click()
    expect(page.get_by_role("heading", name="Screening")).to_be_visible()
    for factor in FACTORS_YES:
        page.get_by_role("radiogroup", name=factor, exact=True).get_by_role(
            "radio", name="Yes").check()
    red_flags = page.locator(".screening-redflags").get_by_role("radio", name="No")
    for i in range(red_flags.count()):
        red_flags.nth(i).check()
    expect(page.locator(".screening-redflags input[value=no]:checked")).to_have_count(
        red_flags.count())


def mark_region(page: Page, region: str, intensity: int, qualities: list[str], *,
                primary: bool) -> None:
    """Click the region on the front figure, then set it in the panel and save the mark."""
    page.locator(f'[data-body-chart] [data-region="{region}"]').first.click()
    panel = page.locator("#mark-panel")
    expect(panel).to_be_visible()
    panel.get_by_role("radio", name=str(intensity), exact=True).click()
    expect(panel.locator("#intensity-value")).to_have_text(str(intensity))
    for quality in qualities:
        panel.get_by_label(quality, exact=True).check()
    panel.get_by_label("Primary complaint").set_checked(primary)


def hypothesis_title(page: Page, rank: int) -> str:
    return page.locator(f"#hypothesis-{rank} h3").inner_text()


def download_pdf(page: Page, link: Any, tmp_path: Path) -> bytes:
    with page.expect_download() as info:
        link.click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    return path.read_bytes()


def test_first_visit_journey(page: Page, alice: Any, tmp_path: Path) -> None:
    # Log in through the form.
    page.goto("/accounts/login/")
    screenshot(page, "journey-01-login", full_page=False)
    log_in(page, "alice")

    # A new client with demographics and consent, then the screening.
    add_client(page)
    screenshot(page, "journey-02-client")
    answer_screening(page)
    screenshot(page, "journey-03-screening")
    page.get_by_role("button", name="Save screening").click()
    expect(page.locator(".chips-warn")).to_contain_text("Poor sleep")
    expect(page.locator(".redflag")).to_have_count(0)

    # The consultation: pain drawn on the body chart.
    page.get_by_role("link", name="New consultation").click()
    mark_region(page, "head-temple-r", 6, ["Aching", "Throbbing"], primary=True)
    page.locator("#mark-panel").get_by_role("button", name="Save mark").click()
    mark_region(page, "neck-lateral-r", 4, ["Aching", "Stiffness"], primary=False)
    screenshot(page, "journey-04-consultation", full_page=False, top=".chart-card")
    page.locator("#mark-panel").get_by_role("button", name="Save mark").click()
    expect(page.locator("#marks-count")).to_have_text("2")
    expect(page.locator("#marks-list")).to_contain_text("primary")
    page.get_by_label("Complaint (in the client's words)").fill(
        "Headache at my right temple after long days at the computer.")
    page.get_by_role("button", name="Save and assess").click()

    # The assessment ranks the sources of a right temple and lateral neck drawing.
    expect(page.locator("#hypothesis-1")).to_be_visible()
    first, second = hypothesis_title(page, 1), hypothesis_title(page, 2)
    assert first in {"Trapezius, upper fibres" + SIDE, "Temporalis" + SIDE}
    assert second.endswith(SIDE) and second != first
    palpated = second.removesuffix(SIDE)
    screenshot(page, "journey-05-assessment")

    # Palpation: an active trigger point in the second-ranked muscle reproduces the complaint;
    # htmx re-ranks in place (the window survives, so the page was not reloaded).
    page.evaluate("window.stillTheSamePage = true")
    palpation = page.locator("#findings form").filter(has_text="Record palpation")
    palpation.get_by_label("Muscle").select_option(label=palpated)
    palpation.get_by_label("Side").select_option(label="Right")
    palpation.get_by_label("Finding").select_option(label="Active trigger point")
    palpation.get_by_label("Reproduces the complaint").check()
    palpation.get_by_role("button", name="Record palpation").click()
    expect(page.locator("#hypothesis-1 h3")).to_have_text(second)
    expect(page.locator("#palpation-list")).to_contain_text(palpated)
    assert page.evaluate("window.stillTheSamePage") is True
    screenshot(page, "journey-06-palpation-updated", full_page=False, top=".visit-tabs")

    # The treatment plan starts from this assessment, its first muscle the one palpated.
    page.locator(".visit-tabs").get_by_role("link", name="Plan").click()
    page.get_by_role("button", name="Make the plan from this assessment").click()
    expect(page.locator(".plan-muscle h3").first).to_contain_text(palpated)
    screenshot(page, "journey-07-plan")

    # The session: SOAP drafted from the assessment, pain before and after.
    page.locator(".visit-tabs").get_by_role("link", name="Session (SOAP)").click()
    expect(page.get_by_label("Subjective")).not_to_be_empty()
    page.get_by_label("Pain before treatment, Temple (right)").fill("6")
    page.get_by_label("Pain after treatment, Temple (right)").fill("3")
    page.get_by_label("Muscle, row 1").select_option(label=palpated)
    page.get_by_label("Side, row 1").select_option(label="Right")
    page.get_by_label("Technique, row 1").select_option(label="Ischemic compression")
    page.get_by_label("Pressure, row 1").select_option(label="Pressure 3")
    page.get_by_role("button", name="Save session").click()
    expect(page.locator(".message-success")).to_contain_text("saved")
    expect(page.get_by_label("Pain after treatment, Temple (right)")).to_have_value("3")
    screenshot(page, "journey-08-session")

    # Progress: a pain chart with the session's points.
    page.get_by_role("link", name="Progress").first.click()
    expect(page.get_by_role("heading", name="Progress", level=1)).to_be_visible()
    expect(page.locator(".chart-block svg circle.point").first).to_be_visible()
    screenshot(page, "journey-09-progress")

    # Documents: the home-care handout and a referral letter, both real PDFs.
    page.get_by_role("link", name="Sarah Whitfield").first.click()
    page.get_by_role("row").filter(has_text=palpated).get_by_role("link").click()
    handout = download_pdf(page, page.get_by_role("link", name="Home-care handout (PDF)"),
                           tmp_path)
    assert handout.startswith(b"%PDF")
    letter = download_pdf(page, page.locator("#referrals").get_by_role(
        "link", name="Referral letter (PDF)").first, tmp_path)
    assert letter.startswith(b"%PDF")
