"""The session (SOAP) page and visit_session_update: drafted from the report, validated as a
whole (nothing saved on any error), audited, scoped to the clinic."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tonus.core.progress import draft_soap
from tonus.web.audit.models import AuditEvent
from tonus.web.progress.services import visit_session_update
from tonus.web.visits.models import Visit
from tonus.web.visits.services import visit_create

CASE = {
    "format": "tonus.case/1",
    "complaint": "Right temple headache in the afternoons.",
    "pain": [
        {"region": "head-temple-r", "intensity": 7, "qualities": ["aching"], "primary": True},
        {"region": "neck-lateral-r", "intensity": 4, "qualities": ["stiffness"]},
    ],
}
GOOD_POST = {
    "action": "save",
    "soap_subjective": "Headache 7/10 today.", "soap_objective": "Taut band upper trapezius.",
    "soap_assessment": "Upper trapezius trigger point.", "soap_plan": "Weekly.",
    "pre-head-temple-r": "7", "post-head-temple-r": "4",
    "pre-neck-lateral-r": "", "post-neck-lateral-r": "",
    "rom-test-0": "cervical-rotation-r", "rom-degrees-0": "65",
    "rom-test-1": "", "rom-degrees-1": "",
    "muscle-muscle-0": "upper-trapezius", "muscle-side-0": "r",
    "muscle-technique-0": "ischemic-compression", "muscle-pressure-0": "3",
    "muscle-muscle-1": "", "muscle-side-1": "", "muscle-technique-1": "", "muscle-pressure-1": "",
}


@pytest.fixture
def visit(alice: Any, client_of_a: Any) -> Visit:
    return visit_create(by=alice, client=client_of_a, visit_date=datetime.date(2025, 3, 3),
                        case=CASE)


def url(visit: Visit) -> str:
    return reverse("progress:session-edit", kwargs={"visit_id": visit.pk})


def test_empty_soap_is_drafted_from_the_report(as_alice: Any, visit: Visit) -> None:
    draft = draft_soap(visit.case, visit.report or {})
    page = as_alice.get(url(visit)).content.decode()
    assert "Right temple headache in the afternoons." in page
    assert draft.assessment.split("\n")[0][:40] in page.replace("&#x27;", "'")
    assert "Drafted from the assessment" in page
    assert "Temple (right)" in page and "primary" in page  # region names in words
    assert "Other marked regions" not in page  # every region in one table (issue 11)
    assert "Shoulder flexion (left) · normal 180°" in page  # sided tests as left/right
    visit.refresh_from_db()
    assert visit.soap_subjective == ""  # a draft is not saved until the therapist saves


def test_redraft_refills_without_saving(as_alice: Any, visit: Visit) -> None:
    response = as_alice.post(url(visit), {**GOOD_POST, "action": "redraft"})
    assert response.status_code == 200
    assert "Right temple headache in the afternoons." in response.content.decode()
    visit.refresh_from_db()
    assert visit.soap_subjective == "" and visit.pre_nprs == {}


def test_save_stores_everything_and_is_audited(as_alice: Any, visit: Visit) -> None:
    response = as_alice.post(url(visit), GOOD_POST)
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.soap_subjective == "Headache 7/10 today."
    assert visit.pre_nprs == {"head-temple-r": 7} and visit.post_nprs == {"head-temple-r": 4}
    assert visit.rom == [{"test": "cervical-rotation-r", "degrees": 65.0}]
    assert visit.muscles_treated == [{"muscle": "upper-trapezius", "side": "r",
                                      "technique": "ischemic-compression", "pressure": 3}]
    event = AuditEvent.objects.filter(action="update", object_type="visit").get()
    assert event.object_id == str(visit.pk) and event.client_id == visit.client_id
    assert event.ip == "203.0.113.7"


@pytest.mark.parametrize(("field", "value"), [
    ("pre-head-temple-r", "11"), ("pre-head-temple-r", "-1"), ("post-head-temple-r", "seven"),
    ("pre-head-temple-r", "6.5"), ("muscle-pressure-0", "6"), ("muscle-pressure-0", "0"),
    ("rom-degrees-0", "lots"), ("rom-test-0", "cervical-rotation"),
    ("muscle-technique-0", "pin-and-stretch"), ("muscle-muscle-0", "not-a-muscle"),
])
def test_invalid_entries_save_nothing(as_alice: Any, visit: Visit, field: str,
                                      value: str) -> None:
    response = as_alice.post(url(visit), {**GOOD_POST, field: value})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was saved" in page
    if field.startswith(("pre-", "post-", "rom-degrees-")):
        assert f'value="{value}"' in page  # kept as typed, to correct
    visit.refresh_from_db()
    assert visit.soap_subjective == "" and visit.pre_nprs == {} and visit.muscles_treated == []
    assert not AuditEvent.objects.filter(action="update").exists()


def test_error_messages_name_the_problem(as_alice: Any, visit: Visit) -> None:
    page = as_alice.post(url(visit), {**GOOD_POST, "pre-head-temple-r": "11",
                                      "muscle-pressure-0": "6"}).content.decode()
    assert "Temple (right)" in page and "from 0 to 10" in page
    assert "pressure must be a whole number from 1 to 5" in page


def test_service_rejects_bad_values(alice: Any, visit: Visit) -> None:
    base: dict[str, Any] = {"soap_subjective": "", "soap_objective": "", "soap_assessment": "",
                            "soap_plan": "", "pre_nprs": {}, "post_nprs": {}, "rom": [],
                            "muscles_treated": []}
    for bad in ({"pre_nprs": {"head-temple-r": 11}}, {"post_nprs": {"head-temple-r": -1}},
                {"pre_nprs": {"head-temple-r": "7"}}, {"pre_nprs": {"nowhere": 3}},
                {"rom": [{"test": "nope", "degrees": 10}]},
                {"muscles_treated": [{"muscle": "upper-trapezius", "side": "r",
                                      "technique": "ischemic-compression", "pressure": 6}]}):
        with pytest.raises(ValidationError):
            visit_session_update(by=alice, visit=visit, **{**base, **bad})
    visit.refresh_from_db()
    assert visit.pre_nprs == {} and visit.post_nprs == {}


def test_more_rows_adds_blank_rows_without_saving(as_alice: Any, visit: Visit) -> None:
    page = as_alice.post(url(visit), {**GOOD_POST, "action": "more-rows"}).content.decode()
    assert 'name="rom-test-3"' in page and 'name="muscle-muscle-3"' in page
    visit.refresh_from_db()
    assert visit.rom == []


def test_other_clinic_gets_404(as_carol: Any, visit: Visit) -> None:
    assert as_carol.get(url(visit)).status_code == 404
    assert as_carol.post(url(visit), GOOD_POST).status_code == 404
    visit.refresh_from_db()
    assert visit.pre_nprs == {}


def test_other_clinic_service_call_is_404(carol: Any, visit: Visit) -> None:
    from django.http import Http404

    with pytest.raises(Http404):
        visit_session_update(by=carol, visit=visit, soap_subjective="x", soap_objective="",
                             soap_assessment="", soap_plan="", pre_nprs={}, post_nprs={},
                             rom=[], muscles_treated=[])
