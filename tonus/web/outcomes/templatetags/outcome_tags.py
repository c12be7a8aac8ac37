"""``{% visit_outcomes visit %}``: the questionnaires answered at a visit (the assessment page
already fetched the visit through the scoped, audited selector)."""

from __future__ import annotations

from typing import Any

from django import template

from tonus.core.knowledge.client_knowledge import client_knowledge
from tonus.web.clients.models import Client
from tonus.web.outcomes.selectors import visit_questionnaires
from tonus.web.visits.models import Visit

register = template.Library()


@register.inclusion_tag("outcomes/_visit_outcomes.html")
def visit_outcomes(visit: Visit) -> dict[str, Any]:
    kn = client_knowledge()
    rows = []
    for r in visit_questionnaires(visit):
        inst = kn.instruments.get(r.instrument)
        if inst is None:
            continue
        rows.append({"name": inst.name, "short": inst.short, "total": r.total,
                     "range": f"{inst.range.min:g}–{inst.range.max:g}", "better": inst.better,
                     "subscales": r.subscales, "source": r.get_source_display(),
                     "labels": [(r.labels.get(k, k), v) for k, v in r.answers.items()]
                     if inst.labelled_items else []})
    from tonus.web.intake.forms import SEVERITY_GRADED, SEVERITY_YES_NO

    words = dict(SEVERITY_GRADED + SEVERITY_YES_NO)
    severity = {words.get(k, k): v for k, v in (visit.case.get("symptom_severity") or {}).items()}
    history = visit.case.get("history")
    weeks = history.get("weeks") if isinstance(history, dict) else None
    return {"rows": rows, "severity": severity, "weeks": weeks}


@register.inclusion_tag("outcomes/_progress_outcomes.html")
def outcome_charts(client: Client) -> dict[str, Any]:
    """The progress page's questionnaire charts (the page fetched ``client`` through the scoped,
    audited progress selector)."""
    from tonus.web.outcomes.charting import outcome_block
    from tonus.web.outcomes.models import QuestionnaireResponse
    from tonus.web.outcomes.selectors import series

    rows = list(QuestionnaireResponse.objects.filter(client=client).select_related("visit")
                .order_by("visit__visit_date", "id"))
    items = series(rows)
    latest = Visit.objects.filter(client=client).order_by("-visit_date", "-id").first()
    return {"client": client, "blocks": [outcome_block(s) for s in items],
            "latest_visit": latest,
            "instruments": [(i.id, i.short, i.name)
                            for i in client_knowledge().instruments.values()],
            "due": [s.due_words for s in items if s.due],
            "notes": {s.instrument: s.mcid_note for s in items}}
