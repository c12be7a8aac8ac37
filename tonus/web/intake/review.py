"""The review page: what the client sent beside what the record holds, with the core's reading
of it (scores, widespread pain index, red flags answered yes) so the therapist can accept."""

from __future__ import annotations

import datetime
from typing import Any

from tonus.core.atlas import render_pain_drawing
from tonus.core.errors import OutcomeError
from tonus.core.ids import vocabulary
from tonus.core.knowledge.client_knowledge import client_knowledge
from tonus.core.outcomes.scoring import score
from tonus.core.reasoning.widespread import symptom_severity_score, wpi_areas
from tonus.web.intake.forms import DURATIONS, SEVERITY_GRADED, SEVERITY_YES_NO
from tonus.web.intake.models import IntakeSubmission
from tonus.web.labels import id_label, region_label

CONTACT_LABELS = {"first_name": "First name", "last_name": "Last name",
                  "date_of_birth": "Date of birth", "sex": "Sex", "phone": "Phone",
                  "email": "E-mail", "address": "Address"}


def _area_words(area: str) -> str:
    """``shoulder-girdle-l`` -> ``left shoulder girdle`` (labels from widespread.yaml)."""
    data = client_knowledge().widespread
    labels = {a.id: a.label for a in [*data.areas.sided, *data.areas.axial]}
    base, _, side = area.rpartition("-")
    if side in ("l", "r") and base in labels:
        return f"{'left' if side == 'l' else 'right'} {labels[base].lower()}"
    return labels.get(area, area).lower()


def _when(text: Any) -> datetime.datetime | None:
    try:
        return datetime.datetime.fromisoformat(str(text))
    except ValueError:
        return None


def review_context(sub: IntakeSubmission) -> dict[str, Any]:
    data = sub.data
    client = sub.client
    contact = data.get("contact", {})
    rows = []
    for name, label in CONTACT_LABELS.items():
        now = getattr(client, name)
        now_text = now.isoformat() if hasattr(now, "isoformat") else str(now or "")
        new = str(contact.get(name) or "")
        rows.append({"label": label, "record": now_text, "client": new,
                     "changed": bool(new) and new != now_text})
    for name, label in (("history", "History"), ("medications", "Medications")):
        new = str(data.get(name) or "")
        rows.append({"label": label, "record": getattr(client, name), "client": new,
                     "changed": bool(new) and new not in getattr(client, name)})
    voc = vocabulary()
    lay = client_knowledge().lay.questions
    screening = []
    for sid, yes in sorted(data.get("screening", {}).items(),
                           key=lambda kv: (kv[0] not in voc.red_flags, not kv[1], kv[0])):
        before = client.screening.get(sid)
        screening.append({"id": sid, "label": id_label(sid), "question": lay.get(sid, ""),
                          "client": yes, "record": before, "red_flag": sid in voc.red_flags,
                          "changed": before is not None and before != yes})
    marks = data.get("marks", [])
    pain = {m["region"]: float(m.get("intensity", 0)) for m in marks}
    severity = data.get("symptom_severity", {})
    words = dict(SEVERITY_GRADED + SEVERITY_YES_NO)
    kn = client_knowledge()
    questionnaires = []
    for iid, answer in (data.get("questionnaires") or {}).items():
        inst = kn.instruments.get(iid)
        if inst is None:
            continue
        try:
            s = score(inst, answer["answers"])
            total, problem = f"{s.total:g}", ""
        except OutcomeError as error:
            total, problem = "—", "; ".join(error.problems)
        labels = answer.get("labels") or {}
        items = [{"text": labels.get(i.id) or i.text, "value": answer["answers"].get(i.id)}
                 for i in inst.items if i.id in answer["answers"]]
        questionnaires.append({"name": inst.name, "short": inst.short, "total": total,
                               "range": f"{inst.range.min:g}–{inst.range.max:g}",
                               "better": inst.better, "problem": problem,
                               "subscales": s.subscales if not problem else {},
                               "items": items if inst.labelled_items else []})
    areas = wpi_areas([m["region"] for m in marks])
    durations = dict(DURATIONS)
    return {
        "submission": sub, "client": client, "rows": rows, "screening": screening,
        "red_flags_yes": [s for s in screening if s["red_flag"] and s["client"]],
        "activities_new": [id_label(a) for a in data.get("activities", [])
                           if a not in client.activities],
        "activities_kept": [id_label(a) for a in client.activities],
        "consent": data.get("consent", {}),
        "signed_at": _when(data.get("consent", {}).get("signed_at")),
        "complaint": data.get("complaint", ""),
        "duration": durations.get(str(data.get("weeks")), "not given")
        if data.get("weeks") is not None else "not given",
        "marks": [{"region": region_label(m["region"]), "intensity": m["intensity"],
                   "qualities": ", ".join(m.get("qualities", []))} for m in marks],
        "pain_drawing": render_pain_drawing(pain) if pain else "",
        "severity": [{"label": words.get(k, k),
                      "value": ("yes" if v else "no") if isinstance(v, bool) else f"{v}/3"}
                     for k, v in severity.items()],
        "sss": symptom_severity_score(severity) if severity else None,
        "wpi": len(areas), "wpi_areas": ", ".join(_area_words(a) for a in areas),
        "questionnaires": questionnaires,
        "active_tab": "",
    }
