"""The consultation page's drawing (JSON from the body chart) and the tonus.case/1 built from it.

This is the only place a page's input becomes a case: the client's age and sex come from the
record, their screening answers are copied in, and ``sessions_without_progress`` comes from the
core's plateau detection over the client's earlier visits. No clinical rule lives here.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from typing import Any

from tonus.core.ids import vocabulary
from tonus.core.knowledge.base import load_knowledge
from tonus.core.progress.plateau import detect_plateau
from tonus.core.reasoning.screening import intake_answers
from tonus.web.clients.models import Client, Sex
from tonus.web.labels import region_label

MAX_MARKS = 60
# Findings recorded on the assessment page; a new drawing keeps them.
KEPT_FROM_EXAMINATION = ("palpation", "rom", "measures", "movement")


@dataclass
class Drawing:
    """The marks of a body chart, checked; ``errors`` says what is wrong in plain words."""

    marks: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    submitted: list[dict[str, Any]] = field(default_factory=list)

    def raw_marks(self) -> list[dict[str, Any]]:
        """What was sent (objects only), to show the drawing again beside its errors."""
        return self.submitted


def _mark(raw: Any, number: int, errors: list[str]) -> dict[str, Any] | None:
    voc = vocabulary()
    if not isinstance(raw, dict):
        errors.append(f"Mark {number} is not a region with an intensity.")
        return None
    region = raw.get("region")
    if not isinstance(region, str) or region not in voc.regions:
        errors.append(f"Mark {number}: {str(region)[:60]!r} is not a body region of the chart.")
        return None
    label = region_label(region)
    intensity = raw.get("intensity")
    if isinstance(intensity, bool) or not isinstance(intensity, int | float) \
            or not 0 <= intensity <= 10:
        errors.append(f"{label}: intensity must be a number from 0 to 10, got {intensity!r}.")
        return None
    qualities = raw.get("qualities", [])
    if not isinstance(qualities, list) or not all(isinstance(q, str) for q in qualities):
        errors.append(f"{label}: qualities must be a list of words.")
        return None
    unknown = sorted(set(qualities) - voc.qualities)
    if unknown:
        errors.append(f"{label}: unknown qualities {', '.join(unknown)}.")
        return None
    mark: dict[str, Any] = {
        "region": region,
        "intensity": int(intensity) if float(intensity).is_integer() else float(intensity),
        "qualities": list(dict.fromkeys(qualities)),
    }
    if raw.get("primary") is True:
        mark["primary"] = True
    return mark


def drawing_parse(text: str) -> Drawing:
    """The body chart's hidden field ``[{region, intensity, qualities, primary}, ...]``."""
    drawing = Drawing()
    try:
        raw = json.loads(text or "[]")
    except ValueError:
        drawing.errors.append("The drawing could not be read; please mark the regions again.")
        return drawing
    if isinstance(raw, dict):
        raw = raw.get("marks", [])
    if not isinstance(raw, list):
        drawing.errors.append("The drawing could not be read; please mark the regions again.")
        return drawing
    if not raw:
        drawing.errors.append("Mark at least one region on the body chart.")
    drawing.submitted = [m for m in raw[:MAX_MARKS] if isinstance(m, dict)]
    if len(raw) > MAX_MARKS:
        drawing.errors.append(f"At most {MAX_MARKS} regions can be marked.")
        return drawing
    seen: set[str] = set()
    for number, item in enumerate(raw, 1):
        mark = _mark(item, number, drawing.errors)
        if mark is None:
            continue
        if mark["region"] in seen:
            drawing.errors.append(f"{region_label(mark['region'])} is marked twice.")
            continue
        seen.add(mark["region"])
        drawing.marks.append(mark)
    return drawing


def client_age(client: Client, on: datetime.date) -> int | None:
    born = client.date_of_birth
    if born is None:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def sessions_without_progress(
    earlier_visits: list[dict[str, Any]], marks: list[dict[str, Any]]
) -> int:
    """The core's plateau count over earlier visits ({date, pre_nprs, post_nprs}), 0 if none."""
    with_pain = [v for v in earlier_visits if v.get("pre_nprs")]
    if not with_pain:
        return 0
    primary = [m["region"] for m in marks if m.get("primary")] or None
    return detect_plateau(with_pain, primary).sessions_without_progress


def case_build(
    *,
    client: Client,
    visit_date: datetime.date,
    marks: list[dict[str, Any]],
    complaint: str,
    activities: list[str],
    posture: list[str],
    earlier_visits: list[dict[str, Any]],
    previous_case: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A tonus.case/1 from the consultation page and the client record."""
    who: dict[str, Any] = {}
    age = client_age(client, visit_date)
    if age is not None:
        who["age"] = age
    if client.sex and client.sex != Sex.UNSPECIFIED:
        who["sex"] = client.sex
    case: dict[str, Any] = {"format": "tonus.case/1"}
    if who:
        case["client"] = who
    if complaint.strip():
        case["complaint"] = complaint.strip()
    case["pain"] = marks
    case["activities"] = list(activities)
    case["posture"] = list(posture)
    for key in KEPT_FROM_EXAMINATION:
        if previous_case and previous_case.get(key):
            case[key] = previous_case[key]
    # What the client form recorded (caffeine, tobacco, alcohol) counts even before the
    # screening form is saved; an explicit screening answer wins.
    intake = {"caffeine_cups_per_day": client.caffeine_cups_per_day, "tobacco": client.tobacco,
              "alcohol_units_per_week": client.alcohol_units_per_week}
    case["screening"] = {**intake_answers(intake, load_knowledge()), **client.screening}
    case["sessions_without_progress"] = sessions_without_progress(earlier_visits, marks)
    return case
