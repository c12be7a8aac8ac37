"""The plan's home care and education: each piece of advice once by meaning, education only
from the client's own recorded activities and screening findings."""

from __future__ import annotations

import json
from pathlib import Path

from tonus.core.assess import assess
from tonus.core.plan.advice import dedupe_by_meaning, same_meaning

REPO = Path(__file__).resolve().parents[2]


def test_same_meaning_by_content_words() -> None:
    assert same_meaning("Stand up and move every 20-30 minutes.",
                        "Get up and move every 20-30 minutes.")
    assert not same_meaning("Use a headset or speaker for calls longer than a few minutes.",
                            "Never hold the phone with the shoulder.")
    assert dedupe_by_meaning(["Moist heat on the back of the neck.", "A",
                              "Moist heat on the back of the neck in the evening."]) == [
        "Moist heat on the back of the neck.", "A"]


def test_education_comes_from_the_clients_own_findings_only() -> None:
    case = json.loads((REPO / "examples" / "temple-headache.json").read_text())
    plan = assess(case)["treatment_plan"]
    assert plan["education"] == []  # no screening finding: no muscle's generic advice either
    case["screening"] = {"high-stress": True}
    plan = assess(case)["treatment_plan"]
    assert len(plan["education"]) == 1 and "Stress" in plan["education"][0]
    stretches = {m["self_stretch"] for m in plan["muscles"]}  # told apart by their wording
    said = [a for h in plan["habit_advice"] for a in h["advice"]] + plan["education"] + [
        line for line in plan["home_care"] if line not in stretches]
    assert dedupe_by_meaning(said) == said
    assert not any("bifocal" in line.lower() for line in said)


def test_home_care_has_the_self_stretch_not_the_therapists() -> None:
    case = json.loads((REPO / "examples" / "temple-headache.json").read_text())
    plan = assess(case)["treatment_plan"]
    scm = next(m for m in plan["muscles"] if m["muscle"] == "sternocleidomastoid")
    assert "therapist" in scm["stretch"] and "therapist" not in scm["self_stretch"]
    assert not any("therapist supports" in line for line in plan["home_care"])
