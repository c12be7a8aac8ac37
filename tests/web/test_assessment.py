"""The assessment page: the stored report in words; findings re-run assess() in place."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tests.web.clinical_visits import make_visit
from tonus.web.audit.models import AuditEvent


def _add(http: Any, visit: Any, kind: str, data: dict[str, Any], htmx: bool = True) -> Any:
    url = reverse("visits:finding-add", kwargs={"visit_id": visit.pk, "kind": kind})
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return http.post(url, data, **headers)


def test_page_shows_ranking_plan_and_charts(as_alice: Any, alice: Any, client_of_a: Any) -> None:
    visit = make_visit(alice, client_of_a, posture=["forward-head"])
    html = as_alice.get(reverse("visits:visit-detail", kwargs={"visit_id": visit.pk})).content
    page = html.decode()
    assert "Most likely sources" in page and "Examination plan" in page
    assert "Trapezius, upper fibres" in page or "Trapezius" in page
    assert reverse("visits:hypothesis-chart", kwargs={"visit_id": visit.pk, "rank": 1}) in page
    assert "Posture and muscle imbalance" in page
    chart = as_alice.get(reverse("visits:hypothesis-chart",
                                 kwargs={"visit_id": visit.pk, "rank": 1}))
    assert chart["Content-Type"] == "image/svg+xml"
    svg = chart.content.decode()
    assert 'data-zone="essential"' in svg and "pain-overlay" in svg and "trigger-point" in svg


def test_red_flag_banner_comes_first(as_alice: Any, alice: Any, client_of_a: Any) -> None:
    visit = make_visit(alice, client_of_a, screening={"thunderclap-headache": True})
    page = as_alice.get(reverse("visits:visit-detail", kwargs={"visit_id": visit.pk}))
    html = page.content.decode()
    assert "Refer before treatment" in html and "Emergency services" in html
    assert html.index("Refer before treatment") < html.index("Most likely sources")


def test_active_trigger_point_that_reproduces_the_complaint_goes_first(
    as_alice: Any, alice: Any, client_of_a: Any
) -> None:
    visit = make_visit(alice, client_of_a)
    assert visit.report["hypotheses"][0]["muscle"] != "temporalis"
    response = _add(as_alice, visit, "palpation", {
        "muscle": "temporalis", "side": "r", "finding": "active-trigger-point",
        "reproduces_complaint": "on",
    })
    assert response.status_code == 200
    visit.refresh_from_db()
    top = visit.report["hypotheses"][0]
    assert (top["muscle"], top["side"]) == ("temporalis", "r")
    html = response.content.decode()
    # the htmx answer is the new ranking (swapped into #report) with the findings out of band
    assert html.lstrip().startswith('<div id="report"')
    first = html.index('id="hypothesis-1"')
    assert "Temporalis" in html[first:first + 600]
    assert 'id="findings" hx-swap-oob="true"' in html
    assert "Temporalis (right): active trigger point, reproduces the complaint" in html
    assert visit.case["palpation"] == [{"muscle": "temporalis", "side": "r",
                                        "finding": "active-trigger-point",
                                        "reproduces_complaint": True}]
    assert AuditEvent.objects.filter(object_type="visit", action="update",
                                     summary__startswith="Recorded palpation").exists()


def test_rom_and_posture_findings_are_recorded_and_removed(
    as_alice: Any, alice: Any, client_of_a: Any
) -> None:
    visit = make_visit(alice, client_of_a)
    assert _add(as_alice, visit, "rom", {"test": "cervical-rotation-r",
                                         "degrees": "50"}).status_code == 200
    assert _add(as_alice, visit, "posture", {"finding": "shoulder-elevated-r"}).status_code == 200
    visit.refresh_from_db()
    assert visit.case["rom"] == [{"test": "cervical-rotation-r", "degrees": 50}]
    assert visit.case["posture"] == ["shoulder-elevated-r"]
    remove = reverse("visits:finding-remove",
                     kwargs={"visit_id": visit.pk, "kind": "rom", "index": 0})
    assert as_alice.post(remove, HTTP_HX_REQUEST="true").status_code == 200
    visit.refresh_from_db()
    assert visit.case["rom"] == []


def test_invalid_finding_changes_nothing(as_alice: Any, alice: Any, client_of_a: Any) -> None:
    visit = make_visit(alice, client_of_a)
    before = dict(visit.case)
    response = _add(as_alice, visit, "rom", {"test": "cervical-rotation-r", "degrees": "400"})
    assert response.status_code == 200
    assert "less than or equal to 360" in response.content.decode()
    response = _add(as_alice, visit, "palpation", {"muscle": "no-such-muscle", "side": "r",
                                                   "finding": "tender"}, htmx=False)
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.case == before


def test_rom_choices_show_normal_values(as_alice: Any, alice: Any, client_of_a: Any) -> None:
    visit = make_visit(alice, client_of_a)
    html = as_alice.get(reverse("visits:visit-detail",
                                kwargs={"visit_id": visit.pk})).content.decode()
    assert "Cervical rotation toward the side — right (normal 80°)" in html
