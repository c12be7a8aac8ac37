"""Reads of questionnaires: clinic-scoped through the client or visit selectors (audited)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from tonus.core.knowledge.client_knowledge import client_knowledge
from tonus.core.outcomes.scoring import change, reassessment_due
from tonus.web.accounts.selectors import AnyUser
from tonus.web.clients.selectors import client_get
from tonus.web.outcomes.models import QuestionnaireResponse
from tonus.web.visits.models import Visit


def client_questionnaires(*, user: AnyUser, client_id: int) -> list[QuestionnaireResponse]:
    client = client_get(user=user, client_id=client_id)  # scope + audit
    return list(QuestionnaireResponse.objects.filter(client=client)
                .select_related("visit").order_by("visit__visit_date", "id"))


def visit_questionnaires(visit: Visit) -> list[QuestionnaireResponse]:
    """For a visit the caller already fetched through ``visit_get`` (scoped, audited)."""
    return list(QuestionnaireResponse.objects.filter(visit=visit).order_by("instrument"))


@dataclass(frozen=True)
class Series:
    """One instrument's scores over the visits, against its MCID."""

    instrument: str
    name: str
    short: str
    better: str
    range: tuple[float, float]
    mcid: float | None
    mcid_note: str
    points: list[tuple[datetime.date, float]]
    change_words: str | None
    meaningful: bool | None
    due: bool
    due_words: str


def series(responses: list[QuestionnaireResponse],
           today: datetime.date | None = None) -> list[Series]:
    today = today or datetime.date.today()
    kn = client_knowledge()
    by_inst: dict[str, list[QuestionnaireResponse]] = {}
    for r in responses:
        by_inst.setdefault(r.instrument, []).append(r)
    out = []
    for iid, rows in by_inst.items():
        inst = kn.instruments.get(iid)
        if inst is None:
            continue
        points = [(r.visit.visit_date, r.total) for r in rows]
        ch = change(inst, points[0][1], points[-1][1]) if len(points) > 1 else None
        due = reassessment_due(inst, points[-1][0], today)
        out.append(Series(
            iid, inst.name, inst.short, inst.better, (inst.range.min, inst.range.max),
            inst.mcid.value, inst.mcid.note, points,
            ch.words if ch else None, ch.meaningful if ch else None, due,
            f"Reassessment due: last {inst.short} on {points[-1][0]:%d %b %Y}, to repeat every "
            f"{inst.reassess_after_weeks} weeks." if due else ""))
    return out


def series_dicts(items: list[Series]) -> list[dict[str, Any]]:
    return [{"instrument": s.instrument, "name": s.name, "short": s.short, "better": s.better,
             "mcid": s.mcid, "points": [{"date": d.isoformat(), "total": t} for d, t in s.points],
             "change": s.change_words, "meaningful": s.meaningful,
             "reassessment_due": s.due} for s in items]


def outcomes_for_documents(*, user: AnyUser, client_id: int,
                           until: datetime.date | None = None) -> list[dict[str, Any]]:
    """The questionnaire series for a letter or report (up to ``until``), in words."""
    rows = [r for r in client_questionnaires(user=user, client_id=client_id)
            if until is None or r.visit.visit_date <= until]
    out = []
    for s in series(rows, today=until):
        out.append({"instrument": s.instrument, "name": s.name, "short": s.short,
                    "better": s.better, "range": s.range, "mcid": s.mcid,
                    "points": [(f"{d:%-d %b %Y}", f"{v:g}") for d, v in s.points],
                    "raw_points": s.points, "change": s.change_words,
                    "mcid_note": s.mcid_note, "due": s.due_words})
    return out
