"""Store a questionnaire for a visit: scored by the core (a bad answer is named and nothing is
saved), atomic, audited. A second answer for the same instrument at a visit replaces the first."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from tonus.core.errors import OutcomeError
from tonus.core.knowledge.client_knowledge import client_knowledge
from tonus.core.outcomes.scoring import SCORER_VERSION, score
from tonus.web.audit import record
from tonus.web.audit.actions import Action
from tonus.web.outcomes.models import QuestionnaireResponse, Source
from tonus.web.visits.models import Visit

MAX_LABEL = 120


def questionnaire_score(instrument: str, answers: Any) -> tuple[float, dict[str, float]]:
    """The core's score; ValidationError naming each bad item."""
    inst = client_knowledge().instruments.get(instrument)
    if inst is None:
        raise ValidationError({"instrument": f"Unknown questionnaire {instrument!r}."})
    try:
        s = score(inst, answers)
    except OutcomeError as error:
        raise ValidationError({"answers": error.problems}) from error
    return s.total, s.subscales


@transaction.atomic
def questionnaire_record(*, by: AbstractBaseUser | None, visit: Visit, instrument: str,
                         answers: dict[str, Any], labels: dict[str, str] | None = None,
                         source: str = Source.THERAPIST) -> QuestionnaireResponse:
    """The caller has checked that ``by`` may edit ``visit`` (or, for the intake, that the
    therapist accepting it may)."""
    total, subscales = questionnaire_score(instrument, answers)
    clean_labels = {k: str(v).strip()[:MAX_LABEL] for k, v in (labels or {}).items()
                    if k in answers and str(v).strip()}
    response, _created = QuestionnaireResponse.objects.update_or_create(
        visit=visit, instrument=instrument,
        defaults={"clinic_id": visit.clinic_id, "client_id": visit.client_id,
                  "answers": {k: v for k, v in answers.items() if v is not None},
                  "labels": clean_labels, "total": total, "subscales": subscales,
                  "scorer": SCORER_VERSION, "source": source})
    record(user=by, action=Action.CREATE, object_type="questionnaire", object_id=response.pk,
           clinic_id=visit.clinic_id, client_id=visit.client_id,
           summary=f"{instrument} scored {total:g} at the visit of {visit.visit_date:%Y-%m-%d}"
                   + (" (client intake)" if source == Source.INTAKE else ""))
    return response
