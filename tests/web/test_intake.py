"""The client's intake: a single-use, expiring, revocable link (hashed token), the public form
(only the form, questions that can apply, rate-limited, audited), refusals in plain words, and
the therapist's review that brings it into the record through the services."""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client as HttpClient
from django.utils import timezone

from tonus.web.audit.models import AuditEvent
from tonus.web.intake.models import IntakeLink, IntakeSubmission
from tonus.web.intake.tokens import token_hash
from tonus.web.outcomes.models import QuestionnaireResponse
from tonus.web.visits.models import Visit

WIDESPREAD_MARKS = [
    {"region": r, "intensity": 6, "qualities": ["aching"]}
    for r in ("neck-posterior-lower-l", "shoulder-top-l", "shoulder-top-r", "arm-lateral-l",
              "arm-lateral-r", "thigh-lateral-r", "thigh-lateral-l", "leg-posterior-upper-l",
              "back-lumbar-l", "back-thoracic-upper-l")
]


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()  # the rate limiter counts in the cache


def _create_link(http: HttpClient, client_id: int, questionnaires: list[str]) -> str:
    response = http.post(f"/intake/client/{client_id}/new/", {
        "questionnaires": questionnaires,
        "consent_text": "I agree to soft-tissue treatment at Clinic A and may stop at any time."})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html  # the QR code
    match = re.search(r'id="intake-url">https?://[^/]+(/intake/[^/]+/)<', html)
    assert match
    return match.group(1)


def _answers(**over: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "first_name": "Sarah", "last_name": "Whitfield", "date_of_birth": "1981-04-12",
        "sex": "female", "phone": "07700 900123", "email": "sarah@example.com",
        "address": "1 High Street", "consent_agree": "on", "signature": "Sarah Whitfield",
        "complaint": "Aching all over, worst in my neck", "weeks": "39",
        "history": "Whiplash 2019", "medications": "Ibuprofen when needed",
        "activities": ["desk-work", "driving-long"],
        "drawing": json.dumps(WIDESPREAD_MARKS),
        "s_fatigue": "3", "s_waking-unrefreshed": "3", "s_cognitive-symptoms": "2",
        "s_headaches": "yes", "s_lower-abdominal-pain-or-cramps": "no", "s_depression": "yes",
        "q_poor-sleep": "yes", "q_unexplained-weight-loss": "no",
    }
    for i, (words, score) in enumerate([("Lifting my child", 3), ("Sitting at work", 4),
                                        ("Sleeping", 2)], 1):
        data[f"o_psfs_activity-{i}"] = str(score)
        data[f"l_psfs_activity-{i}"] = words
    data.update(over)
    return data


def test_a_link_stores_only_a_hash_of_a_high_entropy_token(as_alice: HttpClient,
                                                           client_of_a: Any) -> None:
    path = _create_link(as_alice, client_of_a.pk, ["psfs"])
    token = path.split("/")[2]
    assert len(token) >= 43  # 32 random bytes, url-safe
    link = IntakeLink.objects.get()
    assert link.token_hash == token_hash(token) and token not in link.token_hash
    assert link.questionnaires == ["psfs"]
    assert AuditEvent.objects.filter(object_type="intake-link", action="create").exists()


def test_the_form_shows_nothing_of_the_record_and_skips_questions_that_cannot_apply(
        as_alice: HttpClient, client_of_a: Any) -> None:
    path = _create_link(as_alice, client_of_a.pk, ["psfs"])
    response = HttpClient().get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Whitfield" not in html and "Sarah" not in html  # nothing of the record
    assert 'href="/clients' not in html and "Log out" not in html  # no navigation
    assert response["Referrer-Policy"] == "same-origin"  # never sent to another site
    assert "no-store" in response["Cache-Control"]
    # Sarah is 45: "new headache after 50" cannot apply, so it is not asked
    assert "since the age of 50" not in html
    assert "Do you sleep badly" in html  # lay wording from the knowledge base
    assert "Patient-Specific Functional Scale" in html


def test_submit_review_accept_brings_everything_into_the_record(
        as_alice: HttpClient, client_of_a: Any) -> None:
    path = _create_link(as_alice, client_of_a.pk, ["psfs", "acr-2016-fs"])
    client_browser = HttpClient()
    response = client_browser.post(path, _answers())
    assert response.status_code == 200, response.content.decode()[:3000]
    assert "Thank you" in response.content.decode()
    sub = IntakeSubmission.objects.get()
    assert sub.status == "pending"
    client_of_a.refresh_from_db()
    assert client_of_a.phone == "" and not client_of_a.screening  # nothing entered unreviewed
    assert sub.data["consent"]["signature"] == "Sarah Whitfield"
    assert sub.data["consent"]["signed_at"]

    review = as_alice.get(f"/intake/review/{sub.pk}/")
    assert review.status_code == 200
    html = review.content.decode()
    assert "07700 900123" in html and "Widespread pain index from the drawing" in html
    assert "<strong>10/19</strong>" in html

    response = as_alice.post(f"/intake/review/{sub.pk}/", {"decision": "accept"})
    assert response.status_code == 302
    visit = Visit.objects.get()
    client_of_a.refresh_from_db()
    assert client_of_a.phone == "07700 900123"
    assert client_of_a.screening["poor-sleep"] is True
    assert "driving-long" in client_of_a.activities and "desk-work" in client_of_a.activities
    assert "Whiplash 2019" in client_of_a.history
    assert client_of_a.consent_given
    assert visit.case["pain"][0]["region"] == "neck-posterior-lower-l"
    assert visit.case["symptom_severity"]["fatigue"] == 3
    # WPI 10, SSS 3+3+2+1+1 = 10, generalized, 39 weeks: the ACR 2016 criteria are met
    assert visit.report["widespread_pain"] == {"wpi": 10, "sss": 10, "generalized": True,
                                               "acr_2016": "met"}
    assert visit.report["referrals"][0]["factor"] == "widespread-pain"
    scores = {q.instrument: q for q in QuestionnaireResponse.objects.filter(visit=visit)}
    assert scores["psfs"].total == 3.0  # (3 + 4 + 2) / 3
    assert scores["psfs"].labels["activity-1"] == "Lifting my child"
    assert scores["acr-2016-fs"].subscales == {"wpi": 10.0, "sss": 10.0}
    assert scores["acr-2016-fs"].total == 20
    page = as_alice.get(f"/visits/{visit.pk}/").content.decode()
    assert "Widespread pain" in page
    assert "PSFS" in page


def test_a_second_use_is_refused(as_alice: HttpClient, client_of_a: Any) -> None:
    path = _create_link(as_alice, client_of_a.pk, [])
    assert HttpClient().post(path, _answers()).status_code == 200
    again = HttpClient().get(path)
    assert again.status_code == 410
    assert "already been sent" in again.content.decode()
    assert HttpClient().post(path, _answers()).status_code == 410
    assert IntakeSubmission.objects.count() == 1


def test_an_expired_link_is_refused(as_alice: HttpClient, client_of_a: Any) -> None:
    path = _create_link(as_alice, client_of_a.pk, [])
    IntakeLink.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    response = HttpClient().get(path)
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert AuditEvent.objects.filter(summary="Intake link refused: expired").exists()


def test_a_revoked_link_is_refused(as_alice: HttpClient, client_of_a: Any) -> None:
    path = _create_link(as_alice, client_of_a.pk, [])
    link = IntakeLink.objects.get()
    assert as_alice.post(f"/intake/link/{link.pk}/revoke/").status_code == 302
    response = HttpClient().get(path)
    assert response.status_code == 410
    assert "not valid" in response.content.decode()


def test_a_forged_token_is_refused_and_audited(db: Any) -> None:
    response = HttpClient(REMOTE_ADDR="198.51.100.9").get("/intake/" + "A" * 43 + "/")
    assert response.status_code == 404
    assert "not valid" in response.content.decode()
    assert "<form" not in response.content.decode()
    event = AuditEvent.objects.get(summary="Intake link refused: unknown")
    assert event.ip == "198.51.100.9"


def test_guessing_tokens_from_one_address_is_rate_limited(db: Any) -> None:
    http = HttpClient(REMOTE_ADDR="198.51.100.10")
    codes = [http.get(f"/intake/guess{i:03d}/").status_code for i in range(61)]
    assert codes[:60] == [404] * 60
    assert codes[60] == 429


def test_one_token_is_rate_limited_across_addresses(as_alice: HttpClient,
                                                    client_of_a: Any) -> None:
    path = _create_link(as_alice, client_of_a.pk, [])
    codes = [HttpClient(REMOTE_ADDR=f"198.51.100.{i}").get(path).status_code for i in range(31)]
    assert codes[:30] == [200] * 30 and codes[30] == 429


def test_bad_answers_are_named_and_nothing_is_sent(as_alice: HttpClient,
                                                   client_of_a: Any) -> None:
    path = _create_link(as_alice, client_of_a.pk, ["psfs"])
    bad = _answers(signature="Someone Else", **{"o_psfs_activity-2": "", "o_psfs_activity-3": "",
                                                "drawing": "[]"})
    response = HttpClient().post(path, bad)
    assert response.status_code == 422
    html = response.content.decode()
    assert "Please type your full name" in html
    assert "Mark at least one region" in html
    assert "PSFS: at least 3 items need an answer, got 1" in html
    assert not IntakeSubmission.objects.exists()
    assert IntakeLink.objects.get().used_at is None  # the client can correct and send


def test_another_clinic_cannot_create_review_or_revoke(as_alice: HttpClient, as_carol: HttpClient,
                                                       client_of_a: Any) -> None:
    assert as_carol.post(f"/intake/client/{client_of_a.pk}/new/",
                         {"consent_text": "x" * 30}).status_code == 404
    path = _create_link(as_alice, client_of_a.pk, [])
    HttpClient().post(path, _answers())
    sub = IntakeSubmission.objects.get()
    assert as_carol.get(f"/intake/review/{sub.pk}/").status_code == 404
    assert as_carol.post(f"/intake/review/{sub.pk}/", {"decision": "accept"}).status_code == 404
    assert as_carol.post(f"/intake/link/{sub.link_id}/revoke/").status_code == 404
    assert not Visit.objects.exists()


def test_questions_that_cannot_apply_are_dropped_on_the_dob_the_client_gives(
        alice: Any, as_alice: HttpClient) -> None:
    from tonus.web.clients.services import client_create

    unknown_age = client_create(by=alice, first_name="Jo", last_name="Lee")  # no DOB, no sex
    path = _create_link(as_alice, unknown_age.pk, [])
    html = HttpClient().get(path).content.decode()
    assert "since the age of 50" in html  # age unknown: asked (never skipped on a guess)
    answers = _answers(first_name="Jo", last_name="Lee", signature="Jo Lee",
                       date_of_birth="1996-02-01", **{"q_new-headache-over-50": "yes"})
    assert HttpClient().post(path, answers).status_code == 200
    screening = IntakeSubmission.objects.get().data["screening"]
    assert "new-headache-over-50" not in screening  # a 30-year-old: cannot apply
    assert screening["poor-sleep"] is True
