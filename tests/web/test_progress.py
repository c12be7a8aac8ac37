"""The progress page: charts over the visits, the plateau prompt on the NPRS MCID (2 points or
30 %, Abbott & Schmitt 2014), clinic scoping."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.urls import reverse

from tonus.web.visits.services import visit_create

REGION = "shoulder-anterior-r"


def case(intensity: int, **extra: Any) -> dict[str, Any]:
    return {"format": "tonus.case/1", "pain": [
        {"region": REGION, "intensity": intensity, "qualities": ["aching"], "primary": True},
        {"region": "arm-anterior-r", "intensity": 3, "qualities": ["aching"]}], **extra}


def visits(by: Any, client: Any, scores: list[int], **extra: Any) -> list[Any]:
    start = datetime.date(2025, 2, 3)
    return [visit_create(by=by, client=client, visit_date=start + datetime.timedelta(weeks=i),
                         case=case(score, **extra), pre_nprs={REGION: score},
                         post_nprs={REGION: max(0, score - 2)})
            for i, score in enumerate(scores)]


def page(http: Any, client: Any) -> str:
    response = http.get(reverse("progress:client-progress", kwargs={"client_id": client.pk}))
    assert response.status_code == 200
    return str(response.content.decode())


def test_plateau_prompt_for_7_7_6_6(as_alice: Any, alice: Any, client_of_a: Any) -> None:
    made = visits(alice, client_of_a, [7, 7, 6, 6])
    html = page(as_alice, client_of_a)
    assert ("No change beyond the minimal clinically important difference (2 points) over "
            "3 sessions") in html
    assert "Pre-treatment pain 7, 7, 6, 6" in html  # the evidence
    assert reverse("clients:client-screening", kwargs={"client_id": client_of_a.pk}) in html
    assert "Prepare the referral" in html
    latest = made[-1]
    assert f"/{latest.pk}/" in html  # the referral action points at the latest visit


def test_no_plateau_for_7_5_4(as_alice: Any, alice: Any, client_of_a: Any) -> None:
    visits(alice, client_of_a, [7, 5, 4])
    html = page(as_alice, client_of_a)
    assert "No change beyond the minimal clinically important difference" not in html
    assert "Prepare the referral" not in html
    assert re.search(r'class="swp">1<', html)  # 5 -> 4 is under the MCID


def test_sessions_without_progress_shown(as_alice: Any, alice: Any, client_of_a: Any) -> None:
    visits(alice, client_of_a, [7, 7, 6])
    html = page(as_alice, client_of_a)
    assert re.search(r'class="swp">2<', html)
    assert "No change beyond" not in html  # 2 sessions: not yet a plateau


def test_charts_have_one_point_per_visit(as_alice: Any, alice: Any, client_of_a: Any) -> None:
    extra = {"rom": [{"test": "shoulder-flexion-r", "degrees": 150}],
             "measures": [{"id": "craniovertebral-angle", "value": 44}]}
    visits(alice, client_of_a, [7, 5, 4, 3], **extra)
    html = page(as_alice, client_of_a)
    pain = html[html.index('id="pain-overall"'):html.index('id="rom-0"')]
    assert pain.count('class="point"') == 8  # before and after at four visits
    assert "Front of the shoulder (anterior deltoid) (right)" in pain
    rom = html[html.index('id="rom-0"'):html.index('id="measure-0"')]
    assert rom.count('class="point"') == 4 and "Normal 180°" in rom
    assert "Shoulder flexion (right)" in rom and "83 %" in rom  # 150 of 180 in the table
    measure = html[html.index('id="measure-0"'):]
    assert measure.count('class="point"') == 4 and "Normal range 48 to 70°" in measure


def test_other_clinic_gets_404(as_carol: Any, alice: Any, client_of_a: Any) -> None:
    visits(alice, client_of_a, [7, 7, 6, 6])
    url = reverse("progress:client-progress", kwargs={"client_id": client_of_a.pk})
    assert as_carol.get(url).status_code == 404


def test_no_visits_yet(as_alice: Any, client_of_a: Any) -> None:
    assert "No visits recorded yet" in page(as_alice, client_of_a)


def test_client_page_links_to_progress(as_alice: Any, client_of_a: Any) -> None:
    html = as_alice.get(reverse("clients:client-detail",
                                kwargs={"client_id": client_of_a.pk})).content.decode()
    assert reverse("progress:client-progress", kwargs={"client_id": client_of_a.pk}) in html


def test_progress_page_is_audited(as_alice: Any, alice: Any, client_of_a: Any) -> None:
    from tonus.web.audit.models import AuditEvent

    visits(alice, client_of_a, [6, 6, 5, 5, 5])
    page(as_alice, client_of_a)
    assert AuditEvent.objects.filter(action="view", object_type="client",
                                     object_id=str(client_of_a.pk)).exists()
