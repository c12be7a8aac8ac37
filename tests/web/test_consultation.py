"""The consultation page: the body chart's drawing becomes a valid tonus.case/1, or nothing."""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

from django.urls import reverse

from tests.web.clinical_visits import TEMPLE, consultation_post, make_visit
from tonus.core.atlas import load_atlas
from tonus.core.case import parse_case
from tonus.web.audit.models import AuditEvent
from tonus.web.visits.chart_zoom import AREAS
from tonus.web.visits.models import Visit


def test_page_offers_the_chart_and_every_quality(as_alice: Any, client_of_a: Any) -> None:
    page = as_alice.get(reverse("visits:visit-create", kwargs={"client_id": client_of_a.pk}))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-region="head-temple-r"' in html and 'class="region"' in html
    assert "js/body-chart.js" in html
    for quality in ("aching", "sharp", "burning", "throbbing", "stabbing", "stiffness",
                    "cramping", "weakness", "numbness", "tingling", "cold", "heat"):
        assert f'value="{quality}" data-quality' in html
    # activities are prefilled from the client record
    assert 'value="desk-work" checked' in html


def test_drawing_saves_a_valid_case(as_alice: Any, client_of_a: Any) -> None:
    client_of_a.screening = {"high-caffeine": True}
    client_of_a.save()
    url = reverse("visits:visit-create", kwargs={"client_id": client_of_a.pk})
    response = as_alice.post(url, consultation_post(posture=["forward-head",
                                                             "shoulder-elevated-r"]))
    visit = Visit.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("visits:visit-detail", kwargs={"visit_id": visit.pk})
    parse_case(visit.case)  # raises if the case is not valid
    case = visit.case
    assert case["format"] == "tonus.case/1"
    assert case["client"] == {"age": 43, "sex": "female"}
    assert case["pain"] == TEMPLE
    assert case["posture"] == ["forward-head", "shoulder-elevated-r"]
    assert case["activities"] == ["desk-work"]
    assert case["screening"] == {"high-caffeine": True}
    assert case["sessions_without_progress"] == 0
    assert visit.report["format"] == "tonus.report/1"
    assert AuditEvent.objects.filter(object_type="visit", action="create").count() == 1


def test_unknown_region_saves_nothing_and_says_why(as_alice: Any, client_of_a: Any) -> None:
    url = reverse("visits:visit-create", kwargs={"client_id": client_of_a.pk})
    bad = [{"region": "elbow-of-nowhere", "intensity": 5, "qualities": []}]
    response = as_alice.post(url, consultation_post(bad))
    assert response.status_code == 422
    assert "Nothing was saved" in response.content.decode()
    assert "elbow-of-nowhere" in response.content.decode()
    assert Visit.objects.count() == 0


def test_intensity_above_ten_saves_nothing(as_alice: Any, client_of_a: Any) -> None:
    url = reverse("visits:visit-create", kwargs={"client_id": client_of_a.pk})
    bad = [{"region": "head-temple-r", "intensity": 12, "qualities": ["aching"]}]
    response = as_alice.post(url, consultation_post(bad))
    assert response.status_code == 422
    assert "intensity must be a number from 0 to 10, got 12" in response.content.decode()
    assert Visit.objects.count() == 0


def test_empty_or_garbled_drawing_saves_nothing(as_alice: Any, client_of_a: Any) -> None:
    url = reverse("visits:visit-create", kwargs={"client_id": client_of_a.pk})
    assert "Mark at least one region" in as_alice.post(
        url, consultation_post([])).content.decode()
    assert "could not be read" in as_alice.post(
        url, consultation_post("{not json")).content.decode()
    assert Visit.objects.count() == 0


def test_editing_the_drawing_keeps_examination_findings(
    as_alice: Any, alice: Any, client_of_a: Any
) -> None:
    palpation = [{"muscle": "upper-trapezius", "side": "r", "finding": "tender",
                  "reproduces_complaint": False}]
    visit = make_visit(alice, client_of_a, palpation=palpation)
    url = reverse("visits:visit-drawing", kwargs={"visit_id": visit.pk})
    page = as_alice.get(url)
    assert page.status_code == 200 and "head-temple-r" in page.content.decode()
    marks = [{"region": "head-occiput-r", "intensity": 4, "qualities": ["aching"],
              "primary": True}]
    assert as_alice.post(url, consultation_post(marks)).status_code == 302
    visit.refresh_from_db()
    assert visit.case["pain"] == marks and visit.case["palpation"] == palpation


def test_plateau_count_comes_from_earlier_visits(
    as_alice: Any, alice: Any, client_of_a: Any
) -> None:
    from tonus.web.visits.services import visit_create

    case = {"format": "tonus.case/1", "pain": TEMPLE}
    for week, pain in enumerate((6, 6, 6, 6)):
        visit_create(by=alice, client=client_of_a, case=case,
                     visit_date=datetime.date(2025, 2, 1) + datetime.timedelta(weeks=week),
                     pre_nprs={"head-temple-r": pain})
    url = reverse("visits:visit-create", kwargs={"client_id": client_of_a.pk})
    assert as_alice.post(url, consultation_post()).status_code == 302
    newest = Visit.objects.order_by("-id").first()
    assert newest is not None and newest.case["sessions_without_progress"] == 3


def test_client_page_links_visits_and_new_consultation(
    as_alice: Any, alice: Any, client_of_a: Any
) -> None:
    visit = make_visit(alice, client_of_a)
    html = as_alice.get(reverse("clients:client-detail",
                                kwargs={"client_id": client_of_a.pk})).content.decode()
    assert reverse("visits:visit-create", kwargs={"client_id": client_of_a.pk}) in html
    assert reverse("visits:visit-detail", kwargs={"visit_id": visit.pk}) in html
    assert "Trapezius, upper fibres" in html or "Trapezius" in html
    assert json.dumps(visit.case)  # stored as JSON


def test_page_carries_a_zoom_box_per_area_and_view(as_alice: Any, client_of_a: Any) -> None:
    page = as_alice.get(reverse("visits:visit-create", kwargs={"client_id": client_of_a.pk}))
    html = page.content.decode()
    for text in ("Whole body", "Head &amp; neck", "Arms &amp; hands", "Trunk", "Legs &amp; feet"):
        assert f">{text}</button>" in html
    for view in ("front", "back"):
        figure = re.search(rf'<figure class="chart-view" data-view="{view}"([^>]*)>', html)
        assert figure, view
        boxes = dict(re.findall(r'data-zoom-([a-z-]+)="([^"]+)"', figure.group(1)))
        assert set(boxes) == {"whole", "head-neck", "arms-hands", "trunk", "legs-feet"}
        x, y, w, h = (float(v) for v in boxes["head-neck"].split())
        # the head box lies inside the figure and is a small part of it
        wx, wy, ww, wh = (float(v) for v in boxes["whole"].split())
        assert wx <= x and wy <= y and x + w <= wx + ww and y + h <= wy + wh
        assert h < wh / 3


def test_every_region_group_belongs_to_a_zoom_area() -> None:
    grouped = {g for _key, _text, groups in AREAS for g in groups}
    atlas = load_atlas()
    assert {atlas.check_region(r).group for r in atlas.all_region_ids()} <= grouped
