"""Tests and the neuro screen on the assessment page: recorded with one tap from the plan,
re-ranking in place, with what changed (who moved and why), scoped to the clinic."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tests.web.clinical_visits import make_visit

T = ["tingling", "numbness"]
MEDIAN = [
    {"region": "finger-index-r", "intensity": 5, "qualities": T, "primary": True},
    {"region": "finger-thumb-r", "intensity": 4, "qualities": T},
    {"region": "finger-middle-r", "intensity": 4, "qualities": T},
    {"region": "forearm-volar-radial-r", "intensity": 3, "qualities": ["aching"]},
]


def _add(http: Any, visit: Any, kind: str, data: dict[str, Any]) -> Any:
    url = reverse("visits:finding-add", kwargs={"visit_id": visit.pk, "kind": kind})
    return http.post(url, data, HTTP_HX_REQUEST="true")


def test_the_plan_proposes_tests_first_prefilled_with_the_side(
    as_alice: Any, alice: Any, client_of_a: Any
) -> None:
    visit = make_visit(alice, client_of_a, pain=MEDIAN)
    page = as_alice.get(reverse("visits:visit-detail", kwargs={"visit_id": visit.pk}))
    html = page.content.decode()
    proposed = [s for s in visit.report["examination_plan"] if s["kind"] == "test"]
    assert proposed
    first = html.index('class="proposed-list"')
    assert f'name="test" value="{proposed[0]["test"]}"' in html[first:]
    assert '<input type="hidden" name="side" value="r">' in html[first:]
    assert 'name="result" value="positive"' in html[first:]


def test_recording_tests_reranks_in_place_and_says_what_changed(
    as_alice: Any, alice: Any, client_of_a: Any
) -> None:
    visit = make_visit(alice, client_of_a, pain=MEDIAN)
    assert visit.report["hypotheses"][0]["entrapment"] == "carpal-tunnel-median"
    r1 = _add(as_alice, visit, "tests", {"test": "phalen", "side": "r", "result": "negative"})
    assert r1.status_code == 200
    r2 = _add(as_alice, visit, "tests", {"test": "pronator-compression", "side": "r",
                                         "result": "positive"})
    visit.refresh_from_db()
    assert visit.case["tests"] == [
        {"test": "phalen", "side": "r", "result": "negative"},
        {"test": "pronator-compression", "side": "r", "result": "positive"}]
    assert visit.report["hypotheses"][0]["entrapment"] == "pronator-teres-median"
    # a negative Phalen (LR- 0.44) already swaps the two median-nerve sites
    html = r1.content.decode()
    assert html.lstrip().startswith('<div id="report"')
    changed = html[html.index("What changed"):html.index("Most likely sources")]
    carpal = changed.index("Carpal tunnel")
    assert "#1 → #2" in changed[carpal:carpal + 300]
    assert "Phalen test (wrist flexion) (right) negative: odds x0.44" in changed
    pronator = changed.index("Pronator")
    assert "#2 → #1" in changed[pronator:pronator + 300]
    # the positive pronator compression then raises the forearm site further (x2)
    html = r2.content.decode()
    changed = html[html.index("What changed"):html.index("Most likely sources")]
    assert "Pronator compression test (right) positive: odds x2" in changed
    assert "Phalen test (wrist flexion) (right): negative" in html  # the findings list


def test_neuro_findings_are_recorded_replaced_and_removed(
    as_alice: Any, alice: Any, client_of_a: Any
) -> None:
    visit = make_visit(alice, client_of_a, pain=MEDIAN)
    assert _add(as_alice, visit, "neuro", {"kind": "strength", "root": "C6", "side": "r",
                                           "grade": "4"}).status_code == 200
    assert _add(as_alice, visit, "neuro", {"kind": "strength", "root": "C6", "side": "r",
                                           "grade": "3"}).status_code == 200
    reflex = {"kind": "reflex", "reflex": "brachioradialis", "side": "r",
              "reflex_result": "reduced"}
    assert _add(as_alice, visit, "neuro", reflex).status_code == 200
    assert _add(as_alice, visit, "neuro", {"kind": "sensation", "region": "finger-thumb-r",
                                           "sensation": "reduced"}).status_code == 200
    visit.refresh_from_db()
    assert visit.case["neuro"] == [
        {"kind": "strength", "root": "C6", "side": "r", "grade": 3},
        {"kind": "reflex", "reflex": "brachioradialis", "side": "r", "result": "reduced"},
        {"kind": "sensation", "region": "finger-thumb-r", "result": "reduced"}]
    evidence = next(h for h in visit.report["hypotheses"] if h.get("root") == "C6")["evidence"]
    assert any("C6 myotome" in e and "grade 3/5" in e for e in evidence)
    remove = reverse("visits:finding-remove", kwargs={"visit_id": visit.pk, "kind": "neuro",
                                                      "index": 0})
    assert as_alice.post(remove, HTTP_HX_REQUEST="true").status_code == 200
    visit.refresh_from_db()
    assert len(visit.case["neuro"]) == 2


def test_incomplete_neuro_finding_is_refused_and_nothing_changes(
    as_alice: Any, alice: Any, client_of_a: Any
) -> None:
    visit = make_visit(alice, client_of_a, pain=MEDIAN)
    response = _add(as_alice, visit, "neuro", {"kind": "strength", "root": "C6"})
    assert response.status_code == 200
    assert "Needed for this finding." in response.content.decode()
    bad = _add(as_alice, visit, "tests", {"test": "not-a-test", "side": "r",
                                          "result": "positive"})
    assert "Select a valid choice" in bad.content.decode()
    visit.refresh_from_db()
    assert "neuro" not in visit.case and "tests" not in visit.case


def test_palpation_also_says_what_changed(as_alice: Any, alice: Any, client_of_a: Any) -> None:
    visit = make_visit(alice, client_of_a)
    response = _add(as_alice, visit, "palpation", {
        "muscle": "temporalis", "side": "r", "finding": "active-trigger-point",
        "reproduces_complaint": "on"})
    html = response.content.decode()
    changed = html[html.index("What changed"):html.index("Most likely sources")]
    assert "Temporalis" in changed and "palpation: pressure reproduces the complaint" in changed


def test_another_clinic_cannot_record_a_test(as_carol: Any, alice: Any, client_of_a: Any) -> None:
    visit = make_visit(alice, client_of_a, pain=MEDIAN)
    response = _add(as_carol, visit, "tests", {"test": "phalen", "side": "r",
                                               "result": "positive"})
    assert response.status_code == 404
    visit.refresh_from_db()
    assert "tests" not in visit.case
