"""A demo clinic with therapists, ~20 clients and their visits. Safe to run again.

Everything is written through the services (validated and audited like real use), and a
client who already exists is left as it is, so re-running duplicates nothing.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from tonus.web.accounts.models import Clinic, Membership
from tonus.web.clients.models import Client
from tonus.web.clients.services import client_create, client_screening_update
from tonus.web.demo import data
from tonus.web.intake.forms import acr_survey_answers
from tonus.web.outcomes.services import questionnaire_record
from tonus.web.visits.models import Visit
from tonus.web.visits.services import case_assess, visit_create

TECHNIQUES = ["ischemic-compression", "stripping", "post-isometric-relaxation"]


def _staff(clinic: Clinic, people: list[tuple[str, str, str, str]]) -> dict[str, AbstractUser]:
    users: dict[str, AbstractUser] = {}
    user_model = get_user_model()
    for username, first, last, role in people:
        user, created = user_model.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last,
                      "email": f"{username}@example.com"},
        )
        if created:
            user.set_password(data.DEMO_PASSWORD)
            user.save()
        Membership.objects.update_or_create(user=user, defaults={"clinic": clinic, "role": role})
        users[username] = user
    return users


def _pain_scale(week: int, visits: int, course: str) -> float:
    """How much of the first visit's pain is left at visit ``week`` (0-based)."""
    if course == "plateau":
        return 1.0 if week < 2 else 0.85
    return max(0.25, 1.0 - 0.7 * week / max(visits - 1, 1))


def _case(spec: dict[str, Any], age: int, scale: float, sessions_stalled: int) -> dict[str, Any]:
    pain = [
        {"region": region, "intensity": max(1, round(intensity * scale)),
         "qualities": qualities, "primary": index == 0}
        for index, (region, intensity, qualities) in enumerate(spec["pain"])
    ]
    return {
        "format": "tonus.case/1",
        "client": {"age": age, "sex": spec["sex"]},
        "complaint": spec["complaint"],
        "pain": pain,
        "activities": spec["activities"],
        "screening": spec["screening"],
        "sessions_without_progress": sessions_stalled,
        **({"symptom_severity": spec["symptom_severity"]} if "symptom_severity" in spec else {}),
        **({"history": {"weeks": spec["weeks"]}} if "weeks" in spec else {}),
    }


def _muscles_treated(report: dict[str, Any]) -> list[dict[str, Any]]:
    treated: list[dict[str, Any]] = []
    for hypothesis in report.get("hypotheses", []):
        if hypothesis.get("kind") == "trigger-point" and len(treated) < 3:
            treated.append({
                "muscle": hypothesis["muscle"], "side": hypothesis["side"],
                "technique": TECHNIQUES[len(treated) % len(TECHNIQUES)],
                "pressure": 3 if report.get("red_flags") else 4 - len(treated) // 2,
            })
    return treated


def _visits(client: Client, spec: dict[str, Any], therapist: AbstractUser) -> int:
    today = timezone.localdate()
    born = datetime.date.fromisoformat(spec["dob"])
    age = (today - born).days // 365
    count: int = spec["visits"]
    primary = spec["pain"][0][0]
    first_score = spec["pain"][0][1]
    for week in range(count):
        scale = _pain_scale(week, count, spec["course"])
        stalled = week - 1 if spec["course"] == "plateau" and week >= 2 else 0
        case = _case(spec, age, scale, stalled)
        pre = round(first_score * scale)
        post = max(0, pre - (1 if spec["course"] == "plateau" else 2))
        visit = visit_create(
            by=therapist, client=client,
            visit_date=today - datetime.timedelta(days=7 * (count - week) + 2),
            case=case,
            soap_subjective=f"{spec['complaint']} Pain {pre}/10 today.",
            soap_objective="Taut bands and tender points palpated; range of motion checked.",
            soap_assessment=(
                "Progress has stalled." if stalled else "Responding to treatment."
            ),
            soap_plan="Continue weekly; home stretches reviewed.",
            pre_nprs={primary: pre}, post_nprs={primary: post},
            muscles_treated=_muscles_treated(case_assess(case)),
        )
        _questionnaires(visit, spec, case, 1.0 - scale, therapist)
    return count


def _questionnaires(visit: Visit, spec: dict[str, Any], case: dict[str, Any], gain: float,
                    by: AbstractUser) -> None:
    """Invented but plausible answers: function improves as the pain eases (``gain`` 0-0.75)."""
    for iid, base in spec.get("questionnaires", {}).items():
        labels: dict[str, str] = {}
        if iid == "psfs":
            answers = {}
            for i, (words, score) in enumerate(base.items(), 1):
                answers[f"activity-{i}"] = min(10, round(score + (10 - score) * gain))
                labels[f"activity-{i}"] = words
        elif iid == "lefs":
            total = min(80, round(base + (80 - base) * gain))
            answers = {f"item-{i}": min(4, total // 20 + (1 if i <= total % 20 else 0))
                       for i in range(1, 21)}
        else:  # the ACR 2016 survey: from the drawing and the symptom answers
            answers = acr_survey_answers(case["pain"], case.get("symptom_severity", {}))
        questionnaire_record(by=by, visit=visit, instrument=iid, answers=answers,
                             labels=labels)


def _client(clinic: Clinic, spec: dict[str, Any], by: AbstractUser, number: int) -> bool:
    """Create the client and their visits; False if they exist already."""
    if Client.objects.filter(
        clinic=clinic, first_name=spec["first_name"], last_name=spec["last_name"]
    ).exists():
        return False
    client = client_create(
        by=by, consent_given=True,
        first_name=spec["first_name"], last_name=spec["last_name"],
        date_of_birth=datetime.date.fromisoformat(spec["dob"]), sex=spec["sex"],
        phone=spec["phone"],
        email=f"{spec['first_name']}.{spec['last_name']}".lower().replace("'", "")
        + "@example.com",
        address=f"{10 + number * 7} Harbour Street\nPortsmouth PO1 {number}AB",
        history=spec["history"], medications=spec["medications"],
        caffeine_cups_per_day=spec["caffeine"], tobacco=spec["tobacco"],
        alcohol_units_per_week=spec["alcohol"], activities=spec["activities"],
    )
    client_screening_update(by=by, client=client, answers=spec["screening"])
    _visits(client, spec, by)
    return True


class Command(BaseCommand):
    help = "Create the demo clinic, its staff, clients and visits (idempotent)."

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        clinic, _ = Clinic.objects.get_or_create(name=data.CLINIC,
                                                 defaults=data.CLINIC_CONTACT)
        staff = _staff(clinic, data.STAFF)
        created = 0
        for number, spec in enumerate(data.CLIENTS, start=1):
            created += _client(clinic, spec, staff[spec["therapist"]], number)
        other, _ = Clinic.objects.get_or_create(name=data.OTHER_CLINIC)
        other_staff = _staff(other, data.OTHER_STAFF)
        created += _client(other, data.OTHER_CLINIC_CLIENT, other_staff["carol"], 99)
        self.stdout.write(f"Demo data ready: {created} new clients.")
        self.stdout.write(f"Log in as alice, ben (therapists) or morgan (clinic admin) of "
                          f"{data.CLINIC}, or carol of {data.OTHER_CLINIC}.")
        self.stdout.write(f"Password for every demo account: {data.DEMO_PASSWORD}")
