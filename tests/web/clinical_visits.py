"""Small builders shared by the consultation, assessment, plan and document tests."""

from __future__ import annotations

import datetime
import json
from typing import Any

TEMPLE = [
    {"region": "head-temple-r", "intensity": 6, "qualities": ["aching"], "primary": True},
    {"region": "neck-lateral-r", "intensity": 3, "qualities": ["aching", "stiffness"]},
]


def consultation_post(marks: list[dict[str, Any]] | str = TEMPLE, **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "visit_date": "2025-03-04", "complaint": "Right temple headache after screen work.",
        "activities": ["desk-work"], "posture": ["forward-head"],
        "drawing": marks if isinstance(marks, str) else json.dumps(marks),
    }
    data.update(extra)
    return data


def make_visit(by: Any, client: Any, **case_extra: Any) -> Any:
    from tonus.web.visits.services import visit_create

    case = {"format": "tonus.case/1", "client": {"age": 43, "sex": "female"},
            "pain": TEMPLE, "activities": ["desk-work"], **case_extra}
    return visit_create(by=by, client=client, visit_date=datetime.date(2025, 3, 4), case=case)
