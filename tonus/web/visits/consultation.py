"""What the consultation page shows besides the form: the client's screening, the vocabulary
for the body chart's panel, and the earlier visits the plateau count is drawn from."""

from __future__ import annotations

import datetime
from typing import Any

from django.forms import Form

from tonus.core.ids import vocabulary
from tonus.web.accounts.selectors import AnyUser
from tonus.web.clients.models import Client
from tonus.web.clients.vocabulary import activity_groups
from tonus.web.labels import id_label, region_label
from tonus.web.visits.models import Visit
from tonus.web.visits.selectors import visit_list

# The order qualities are offered in: pain words first, then paresthesia and temperature.
QUALITY_ORDER = ("aching", "sharp", "burning", "throbbing", "stabbing", "stiffness",
                 "cramping", "weakness", "numbness", "tingling", "cold", "heat")


def earlier_visits(user: AnyUser, client: Client, on: datetime.date,
                   current: Visit | None) -> list[dict[str, Any]]:
    """The client's visits before this one, as the core's progress series expects them."""
    out = []
    for v in reversed(visit_list(user=user, client_id=client.pk)):
        if current is not None and (v.pk == current.pk or v.visit_date > current.visit_date):
            continue
        if v.visit_date > on:
            continue
        out.append({"date": v.visit_date, "pre_nprs": v.pre_nprs, "post_nprs": v.post_nprs})
    return out


def _qualities() -> list[tuple[str, str]]:
    known = vocabulary().qualities
    ordered = [q for q in QUALITY_ORDER if q in known]
    return [(q, id_label(q)) for q in ordered + sorted(known - set(ordered))]


def _regions() -> list[tuple[str, list[tuple[str, str]]]]:
    groups: dict[str, list[tuple[str, str]]] = {}
    for rid, info in vocabulary().regions.items():
        groups.setdefault(id_label(info.group), []).append((rid, info.label))
    return [(g, sorted(items, key=lambda i: i[1])) for g, items in groups.items()]


def _checked(form: Form, name: str) -> set[str]:
    value = form[name].value() or []
    return {str(v) for v in value}


def _posture_rows(form: Form) -> list[dict[str, Any]]:
    checked = _checked(form, "posture")
    rows = []
    for base, sided in vocabulary().posture_findings.items():
        ids = [(f"{base}-l", "Left"), (f"{base}-r", "Right")] if sided else [(base, "Present")]
        rows.append({"label": id_label(base),
                     "choices": [(i, word, i in checked) for i, word in ids]})
    return rows


def _activity_groups(form: Form) -> list[tuple[str, list[tuple[str, str, bool]]]]:
    checked = _checked(form, "activities")
    return [(title, [(a, id_label(a), a in checked) for a in ids])
            for title, ids in activity_groups()]


def consultation_context(*, client: Client, visit: Visit | None, form: Form,
                         errors: list[str], marks: list[dict[str, Any]]) -> dict[str, Any]:
    screening = client.screening
    return {
        "client": client, "visit": visit, "form": form, "errors": errors, "marks": marks,
        "qualities": _qualities(), "regions": _regions(),
        "region_labels": {rid: region_label(rid) for rid in vocabulary().regions},
        "posture_rows": _posture_rows(form), "activity_groups": _activity_groups(form),
        "screening_count": len(screening),
        "screening_yes": [id_label(k) for k, v in sorted(screening.items()) if v],
        "active_tab": "drawing",
    }
