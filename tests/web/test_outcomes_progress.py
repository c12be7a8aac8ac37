"""Questionnaire scores on the progress page: the chart with the MCID band, the change against
the MCID, and the reassessment prompt when one is due."""

from __future__ import annotations

import datetime
from typing import Any

from django.test import Client as HttpClient

from tonus.web.outcomes.services import questionnaire_record
from tonus.web.visits.services import visit_create

CASE = {"format": "tonus.case/1",
        "pain": [{"region": "neck-lateral-r", "intensity": 6, "qualities": ["aching"]}]}


def _visit(alice: Any, client: Any, when: datetime.date, psfs: tuple[int, int, int]) -> Any:
    visit = visit_create(by=alice, client=client, visit_date=when, case=CASE)
    questionnaire_record(by=alice, visit=visit, instrument="psfs",
                         answers={f"activity-{i}": v for i, v in enumerate(psfs, 1)})
    return visit


def test_the_progress_chart_shows_scores_and_the_mcid_band(
        alice: Any, as_alice: HttpClient, client_of_a: Any) -> None:
    today = datetime.date.today()
    _visit(alice, client_of_a, today - datetime.timedelta(days=70), (2, 3, 4))  # mean 3
    _visit(alice, client_of_a, today - datetime.timedelta(days=35), (5, 6, 4))  # mean 5
    html = as_alice.get(f"/progress/clients/{client_of_a.pk}/").content.decode()
    assert 'id="outcome-psfs"' in html
    assert "Within the MCID of the first score (2 points)" in html
    # 3 -> 5: +2, at least the MCID of 2 (Abbott 2014)
    assert "+2: better by at least the MCID (2)" in html
    # last PSFS 35 days ago, every 4 weeks: due
    assert "Reassessment due" in html


def test_no_prompt_when_recent(alice: Any, as_alice: HttpClient, client_of_a: Any) -> None:
    _visit(alice, client_of_a, datetime.date.today(), (2, 3, 4))
    html = as_alice.get(f"/progress/clients/{client_of_a.pk}/").content.decode()
    assert 'id="outcome-psfs"' in html and "Reassessment due" not in html


def test_the_therapist_records_a_reassessment_with_last_times_activities(
        alice: Any, as_alice: HttpClient, client_of_a: Any) -> None:
    from tonus.web.outcomes.models import QuestionnaireResponse

    first = _visit(alice, client_of_a, datetime.date.today() - datetime.timedelta(days=30),
                   (2, 3, 4))
    QuestionnaireResponse.objects.filter(visit=first).update(
        labels={"activity-1": "Lifting my child"})
    latest = visit_create(by=alice, client=client_of_a, visit_date=datetime.date.today(),
                          case=CASE)
    url = f"/outcomes/visits/{latest.pk}/psfs/"
    page = as_alice.get(url).content.decode()
    assert 'value="Lifting my child"' in page  # the same activities are rated again
    bad = as_alice.post(url, {"l_activity-1": "Lifting my child", "o_activity-1": "6"})
    assert bad.status_code == 422
    assert "at least 3 items need an answer, got 1" in bad.content.decode()
    ok = as_alice.post(url, {"l_activity-1": "Lifting my child", "o_activity-1": "6",
                             "l_activity-2": "Typing", "o_activity-2": "6",
                             "l_activity-3": "Sleeping", "o_activity-3": "6"})
    assert ok.status_code == 302
    assert QuestionnaireResponse.objects.get(visit=latest).total == 6.0


def test_another_clinic_cannot_record(as_carol: HttpClient, alice: Any,
                                      client_of_a: Any) -> None:
    visit = visit_create(by=alice, client=client_of_a, visit_date=datetime.date.today(),
                         case=CASE)
    assert as_carol.get(f"/outcomes/visits/{visit.pk}/psfs/").status_code == 404
