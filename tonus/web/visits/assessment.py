"""Everything the assessment page shows of a visit: its report in words, the findings and the
forms that record more."""

from __future__ import annotations

from typing import Any

from tonus.core.atlas import render_pain_drawing
from tonus.core.progress.soap import region_words
from tonus.web.visits import exam_presenters, presenters
from tonus.web.visits.forms import (
    REFLEX_RESULT_CHOICES,
    NeuroForm,
    PalpationForm,
    PostureFindingForm,
    RomForm,
    SpecialTestForm,
    muscle_choices,
)
from tonus.web.visits.models import Visit


def assessment_context(visit: Visit, bound_forms: dict[str, Any] | None = None,
                       before: dict[str, Any] | None = None) -> dict[str, Any]:
    """``before``: the report as it was before the last finding, to show what changed."""
    report = visit.report or {}
    case = visit.case
    forms = {"palpation": PalpationForm(), "rom": RomForm(), "posture": PostureFindingForm(),
             "tests": SpecialTestForm(), "neuro": NeuroForm()}
    forms.update(bound_forms or {})
    explanation = report.get("explanation") or {}
    plan = report.get("treatment_plan") or {}
    pain = {str(m["region"]): float(m.get("intensity", 0)) for m in case.get("pain", [])}
    return {
        "visit": visit, "client": visit.client, "active_tab": "assessment",
        "chart_version": int(visit.updated_at.timestamp()) if visit.updated_at else 0,
        "red_flags": presenters.red_flags_view(report),
        "hypotheses": presenters.hypotheses_view(report),
        "unexplained": [region_words(r) for r in explanation.get("unexplained", [])],
        "examination": presenters.examination_view(report),
        "imbalance": presenters.imbalance_view(report),
        "referrals": presenters.referral_groups(report),
        "plan_status": plan.get("status", ""),
        "findings": presenters.findings_view(case),
        "marks": presenters.marks_view(case),
        "complaint": case.get("complaint", ""),
        "pain_drawing": render_pain_drawing(pain) if pain else "",
        "palpation_form": forms["palpation"], "rom_form": forms["rom"],
        "posture_form": forms["posture"], "muscle_groups": muscle_choices(),
        "tests_form": forms["tests"], "neuro_form": forms["neuro"],
        "reflex_results": REFLEX_RESULT_CHOICES,
        "exam_findings": exam_presenters.exam_findings_view(case),
        "proposed": exam_presenters.proposed_view(report),
        "changes": exam_presenters.changes_view(before, report) if before else [],
    }
