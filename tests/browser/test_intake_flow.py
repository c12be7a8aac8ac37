"""The client's intake end to end in chromium: the therapist creates the link (with its QR
code), the client fills it on a phone (390×844) with the drawing in client mode, the therapist
reviews and accepts, and the assessment shows the widespread pattern, the physician referral,
the adapted plan, the five principles and the client's answers; the scores reach the progress
chart with the MCID band."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import PHONE, TABLET, PageMaker
from tests.browser.helpers import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# part of the body (zoom step) -> regions to mark there
DRAWING = [
    ("Head & neck", ["neck-lateral-r", "neck-lateral-l"]),
    ("Arms & hands", ["arm-lateral-l", "arm-lateral-r"]),
    ("Trunk", ["shoulder-top-l", "shoulder-top-r", "back-lumbar-l", "buttock-central-r"]),
    ("Legs & feet", ["thigh-lateral-l", "leg-posterior-upper-r"]),
]


def _earlier_psfs(alice: Any, client: Any) -> None:
    """A PSFS five weeks ago, so the chart has a baseline to compare with."""
    from tonus.web.outcomes.services import questionnaire_record
    from tonus.web.visits.services import visit_create

    visit = visit_create(
        by=alice, client=client, visit_date=datetime.date.today() - datetime.timedelta(days=35),
        case={"format": "tonus.case/1",
              "pain": [{"region": "neck-lateral-r", "intensity": 6, "qualities": ["aching"]}]})
    questionnaire_record(by=alice, visit=visit, instrument="psfs",
                         answers={"activity-1": 2, "activity-2": 2, "activity-3": 1})


def create_link(page: Page, client: Any) -> str:
    page.goto(f"/clients/{client.pk}/")
    card = page.locator("#intake-card")
    card.get_by_label("Patient-Specific Functional Scale (PSFS)").check()
    card.get_by_label("Fibromyalgia survey, ACR 2016 criteria (ACR-FS)").check()
    card.get_by_role("button", name="Create intake link").click()
    expect(page.get_by_role("heading", name="Intake link for Sarah Whitfield")).to_be_visible()
    expect(page.locator(".qr-box svg")).to_be_visible()
    screenshot(page, "intake-link-qr")
    url = page.locator("#intake-url").inner_text().strip()
    return url[url.index("/intake/"):]


def draw(phone: Page) -> None:
    steps = phone.locator("[data-chart-steps]")
    expect(steps.locator("[data-step-label]")).to_contain_text("Head & neck")
    phone.wait_for_timeout(300)  # the zoom animation
    screenshot(phone, "intake-phone-chart-part", full_page=False, top="#chart-title")
    for n, (part, regions) in enumerate(DRAWING):
        expect(steps.locator("[data-step-label]")).to_contain_text(part)
        for region in regions:
            phone.locator(f'[data-body-chart] [data-region="{region}"]').first.click()
            panel = phone.locator("#mark-panel")
            expect(panel).to_be_visible()
            panel.get_by_role("radio", name="6", exact=True).click()
            panel.get_by_label("Aching", exact=True).check()
            if n == 0 and region == regions[0]:
                screenshot(phone, "intake-phone-chart", full_page=False, top="#chart-title")
            panel.get_by_role("button", name="Save").click()
            expect(panel).to_be_hidden()
        if n < len(DRAWING) - 1:
            steps.get_by_role("button", name="Next →").click()
    expect(phone.locator("#marks-count")).to_have_text("10")


def fill_as_client(phone: Page) -> None:
    expect(phone.get_by_role("heading", name="Before your visit")).to_be_visible()
    expect(phone.locator("body")).not_to_contain_text("Whitfield")  # nothing of the record
    phone.get_by_label("First name", exact=True).fill("Sarah")
    phone.get_by_label("Last name", exact=True).fill("Whitfield")
    phone.get_by_label("Date of birth").fill("1981-04-12")
    phone.get_by_label("Sex", exact=True).select_option("female")
    phone.get_by_label("Phone (optional)", exact=True).fill("07700 900123")
    phone.get_by_label("I have read and agree to the consent above").check()
    phone.get_by_label("Type your full name as your signature").fill("Sarah Whitfield")
    phone.get_by_label("What brings you in?", exact=False).fill("Aching all over, worst in my neck")
    phone.get_by_label("How long have you had this pain?", exact=False).select_option("39")
    draw(phone)
    for item, value in (("fatigue", 3), ("waking-unrefreshed", 3), ("cognitive-symptoms", 2)):
        phone.locator(f"#id_s_{item}_{value}").check()
    phone.locator("#id_s_headaches_0").check()  # yes
    phone.locator("#id_s_lower-abdominal-pain-or-cramps_1").check()  # no
    phone.locator("#id_s_depression_1").check()
    phone.locator("#id_q_poor-sleep_0").check()
    expect(phone.locator("body")).not_to_contain_text("since the age of 50")  # she is 45
    phone.get_by_label("Desk work", exact=True).check()
    for i, (words, score) in enumerate([("Lifting my child", "3"), ("Sitting at work", "4"),
                                        ("Sleeping", "2")], 1):
        phone.locator(f"#id_l_psfs_activity-{i}").fill(words)
        phone.locator(f"#id_o_psfs_activity-{i}").select_option(score)
    screenshot(phone, "intake-phone-form")
    phone.get_by_role("button", name="Send to Clinic A").click()
    expect(phone.get_by_role("heading", name="Thank you")).to_be_visible()


def test_intake_from_link_to_assessment(new_page: PageMaker, alice: Any,
                                        client_of_a: Any) -> None:
    _earlier_psfs(alice, client_of_a)
    page = new_page(TABLET)
    log_in(page, "alice")
    path = create_link(page, client_of_a)

    phone = new_page(PHONE)
    phone.goto(path)
    fill_as_client(phone)
    again = phone.context.request.get(path)  # a second use is refused in plain words
    assert again.status == 410 and "already been sent" in again.text()

    page.goto(f"/clients/{client_of_a.pk}/")
    page.get_by_role("link", name="Review and accept").click()
    expect(page.get_by_role("heading", name="The client's intake")).to_be_visible()
    expect(page.locator("#review-contact")).to_contain_text("07700 900123")
    screenshot(page, "intake-review")
    page.get_by_role("button", name="Accept into the record and assess").click()

    expect(page.locator("#widespread-block")).to_contain_text("Widespread pain: 9 of the 19")
    expect(page.locator("#widespread-block")).to_contain_text("criteria for fibromyalgia are met")
    expect(page.locator("#widespread-block")).to_contain_text("Plan adapted")
    expect(page.locator("#principles [data-principle]")).to_have_count(5)
    expect(page.locator("#principles [data-principle='ischemia']")).to_contain_text("widespread")
    expect(page.locator("#visit-outcomes")).to_contain_text("PSFS")
    expect(page.locator("body")).to_contain_text("Physician")
    expect(page.locator(".drawing-thumb svg").first).to_be_visible()
    screenshot(page, "assessment-widespread")

    page.goto(f"/progress/clients/{client_of_a.pk}/")
    expect(page.locator("#outcome-psfs svg")).to_be_visible()
    expect(page.locator("#outcome-charts")).to_contain_text("Within the MCID")
    screenshot(page, "progress-questionnaires", full_page=False, top="#outcome-charts")
