"""Sessions: "Muscles treated" starts from the plan, every marked region is offered for pain
before and after, the visits table names the region of each score, and the examination plan
prints scores exactly as the ranking does."""

from __future__ import annotations

import re
from typing import Any

from django.urls import reverse

from tests.web.clinical_visits import make_visit
from tonus.core.reasoning.ranking import score_words
from tonus.web.plans.services import plan_seed
from tonus.web.progress.services import visit_session_update

MARKS = [
    {"region": "head-temple-r", "intensity": 6, "qualities": ["aching"], "primary": True},
    {"region": "neck-lateral-r", "intensity": 3, "qualities": ["aching"]},
    {"region": "shoulder-top-r", "intensity": 2, "qualities": ["aching"]},
]


def _save(alice: Any, visit: Any, **fields: Any) -> None:
    empty: dict[str, Any] = {"soap_subjective": "", "soap_objective": "", "soap_assessment": "",
                             "soap_plan": "", "pre_nprs": {}, "post_nprs": {}, "rom": [],
                             "muscles_treated": []}
    visit_session_update(by=alice, visit=visit, **{**empty, **fields})


def _session_url(visit: Any) -> str:
    return reverse("progress:session-edit", kwargs={"visit_id": visit.pk})


def test_muscles_treated_are_prefilled_from_the_plan(as_alice: Any, alice: Any,
                                                     client_of_a: Any) -> None:
    visit = make_visit(alice, client_of_a, pain=MARKS)
    plan = plan_seed(by=alice, client=client_of_a, visit=visit)
    first = plan.muscles[0]
    html = as_alice.get(_session_url(visit)).content.decode()
    assert 'id="muscles-from-plan"' in html
    row = html.split('id="muscle-muscle-0"')[1].split("</select>")[0]
    assert re.search(rf'value="{first["muscle"]}"\s+selected', row)
    side = html.split('id="muscle-side-0"')[1].split("</select>")[0]
    assert re.search(rf'value="{first["side"]}"\s+selected', side)
    # once the session is saved, what was done is shown, not the plan
    _save(alice, visit, muscles_treated=[
        {"muscle": "levator-scapulae", "side": "r", "technique": "stripping", "pressure": 2}])
    html = as_alice.get(_session_url(visit)).content.decode()
    assert 'id="muscles-from-plan"' not in html
    row = html.split('id="muscle-muscle-0"')[1].split("</select>")[0]
    assert re.search(r'value="levator-scapulae"\s+selected', row)


def test_every_marked_region_is_offered_for_pain(as_alice: Any, alice: Any,
                                                 client_of_a: Any) -> None:
    visit = make_visit(alice, client_of_a, pain=MARKS)
    html = as_alice.get(_session_url(visit)).content.decode()
    assert "more-regions" not in html and "<details" not in html.split("Pain (NPRS")[1][:3000]
    for mark in MARKS:
        assert f'name="pre-{mark["region"]}"' in html and f'name="post-{mark["region"]}"' in html


def test_visits_table_names_the_region_of_each_score(as_alice: Any, alice: Any,
                                                     client_of_a: Any) -> None:
    visit = make_visit(alice, client_of_a, pain=MARKS)
    _save(alice, visit, pre_nprs={"head-temple-r": 6, "neck-lateral-r": 3},
          post_nprs={"head-temple-r": 3})
    html = as_alice.get(reverse("clients:client-detail",
                                kwargs={"client_id": client_of_a.pk})).content.decode()
    table = html.split('class="table visits-table"')[1]
    assert re.search(r"Temple \(right\)\s*<strong>6</strong>", table)
    assert re.search(r"Side of the neck \(right\)\s*<strong>3</strong>", table)
    assert re.search(r"Temple \(right\)\s*<strong>3</strong>", table)


def test_examination_plan_and_ranking_round_alike(alice: Any, client_of_a: Any) -> None:
    assert score_words(0.004) == "below 0.01" and score_words(0.0051) == "0.01"
    assert score_words(0.4237) == "0.42"
    visit = make_visit(alice, client_of_a, pain=MARKS)
    report = visit.report
    for step in report["examination_plan"]:
        shown = re.search(r"ranked with score (below 0\.01|\d\.\d\d)", step["why"])
        assert shown is not None and shown.group(1) != "0.00"
    scores = {score_words(h["score"]) for h in report["hypotheses"]}
    steps = {re.search(r"score (below 0\.01|\d\.\d\d)", s["why"]).group(1)  # type: ignore[union-attr]
             for s in report["examination_plan"]}
    assert steps <= scores
