"""Every write to a treatment plan: atomic, validated with full_clean(), audited."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404

from tonus.core.knowledge.base import load_knowledge
from tonus.core.plan.treatment import plan_entry
from tonus.web.accounts.permissions import Permission
from tonus.web.accounts.selectors import membership_require
from tonus.web.audit import record
from tonus.web.audit.actions import Action
from tonus.web.clients.models import Client
from tonus.web.labels import muscle_label
from tonus.web.plans.models import PRESSURES, SIDES, TreatmentPlan
from tonus.web.visits.drawing import client_age
from tonus.web.visits.models import Visit

MAX_LINES = 40
MAX_LINE_LENGTH = 500
MAX_NOTES = 2000


def _writable(by: AbstractBaseUser, clinic_id: int) -> int:
    membership = membership_require(user=by, permission=Permission.VISIT_EDIT)
    if clinic_id != membership.clinic_id:
        raise Http404("No such treatment plan.")
    return membership.clinic_id


def _entry(item: dict[str, Any]) -> dict[str, Any]:
    """A plan muscle from a report's treatment_plan muscle (first technique chosen)."""
    options = [{k: t.get(k) for k in ("technique", "pressure", "how", "discomfort_target")}
               for t in item.get("techniques", [])]
    first = options[0] if options else {"technique": "", "pressure": 1, "how": "",
                                         "discomfort_target": ""}
    return {
        "muscle": item["muscle"], "name": item.get("name") or muscle_label(item["muscle"]),
        "side": item.get("side", "r"), "role": item.get("role", ""), "why": item.get("why", ""),
        "technique": first["technique"], "pressure": first["pressure"], "how": first["how"],
        "discomfort_target": first["discomfort_target"], "options": options,
        "stretch": item.get("stretch", ""), "precautions": list(item.get("precautions", [])),
        "notes": "",
    }


def _save(plan: TreatmentPlan, by: AbstractBaseUser, clinic_id: int, action: str,
          summary: str) -> TreatmentPlan:
    plan.updated_by_id = by.pk
    plan.full_clean()
    plan.save()
    record(user=by, action=action, object_type="treatment-plan", object_id=plan.pk,
           clinic_id=clinic_id, client_id=plan.client_id, summary=summary)
    return plan


@transaction.atomic
def plan_seed(*, by: AbstractBaseUser, client: Client, visit: Visit) -> TreatmentPlan:
    """Make (or replace) the client's current plan from a visit's report."""
    clinic_id = _writable(by, client.clinic_id)
    if visit.client_id != client.pk or visit.clinic_id != clinic_id:
        raise Http404("No such visit.")
    report = visit.report or {}
    seed = report.get("treatment_plan") or {}
    plan = TreatmentPlan.objects.filter(client=client).first()
    action = Action.UPDATE if plan else Action.CREATE
    plan = plan or TreatmentPlan(clinic_id=clinic_id, client=client)
    plan.source_visit = visit
    plan.muscles = [_entry(m) for m in seed.get("muscles", [])]
    plan.home_care = list(seed.get("home_care", []))
    plan.education = list(seed.get("education", []))
    plan.red_flags = list(report.get("red_flags", []))
    plan.pressure_limits = list(seed.get("pressure_limits", []))
    plan.nerve_sites = list(dict.fromkeys(seed.get("nerve_sites", [])))
    plan.follow_up = str(seed.get("follow_up", ""))
    return _save(plan, by, clinic_id, action,
                 f"Plan seeded from the visit of {visit.visit_date:%Y-%m-%d}")


def _index(plan: TreatmentPlan, index: int) -> int:
    if not 0 <= index < len(plan.muscles):
        raise ValidationError({"muscles": "That muscle is no longer in the plan."})
    return index


@transaction.atomic
def plan_muscle_move(*, by: AbstractBaseUser, plan: TreatmentPlan, index: int,
                     offset: int) -> TreatmentPlan:
    clinic_id = _writable(by, plan.clinic_id)
    index = _index(plan, index)
    target = min(max(index + offset, 0), len(plan.muscles) - 1)
    muscles = list(plan.muscles)
    muscles.insert(target, muscles.pop(index))
    plan.muscles = muscles
    return _save(plan, by, clinic_id, Action.UPDATE,
                 f"Moved {muscles[target]['muscle']} to position {target + 1}")


@transaction.atomic
def plan_muscle_remove(*, by: AbstractBaseUser, plan: TreatmentPlan,
                       index: int) -> TreatmentPlan:
    clinic_id = _writable(by, plan.clinic_id)
    muscles = list(plan.muscles)
    removed = muscles.pop(_index(plan, index))
    plan.muscles = muscles
    return _save(plan, by, clinic_id, Action.UPDATE,
                 f"Removed {removed['muscle']} ({removed['side']}) from the plan")


@transaction.atomic
def plan_muscle_add(*, by: AbstractBaseUser, plan: TreatmentPlan, muscle: str,
                    side: str) -> TreatmentPlan:
    """Add a muscle with the techniques the knowledge base gives for it."""
    clinic_id = _writable(by, plan.clinic_id)
    kb = load_knowledge()
    if muscle not in kb.muscles:
        raise ValidationError({"muscle": f"Unknown muscle: {muscle}"})
    if side not in SIDES:
        raise ValidationError({"side": "Side must be left, right or midline."})
    if any(m["muscle"] == muscle and m["side"] == side for m in plan.muscles):
        raise ValidationError({"muscle": f"{muscle_label(muscle)} is already in the plan."})
    # The core builds the entry, so the client's screening caps the pressure (anticoagulants,
    # long-term steroids, age) exactly as it does for the muscles the report proposed.
    client = plan.client
    entry = plan_entry(kb, muscle, side, screening=client.screening,
                       age=client_age(client, datetime.date.today()))
    plan.muscles = [*plan.muscles, _entry(entry)]
    return _save(plan, by, clinic_id, Action.UPDATE, f"Added {muscle} ({side}) to the plan")


@transaction.atomic
def plan_muscle_update(*, by: AbstractBaseUser, plan: TreatmentPlan, index: int,
                       pressure: int, technique: str, notes: str) -> TreatmentPlan:
    clinic_id = _writable(by, plan.clinic_id)
    index = _index(plan, index)
    if isinstance(pressure, bool) or pressure not in PRESSURES:
        raise ValidationError({"pressure": f"Pressure must be from 1 to 5, got {pressure!r}."})
    if len(notes) > MAX_NOTES:
        raise ValidationError({"notes": f"Notes must be at most {MAX_NOTES} characters."})
    entry = dict(plan.muscles[index])
    option = next((o for o in entry.get("options", []) if o["technique"] == technique), None)
    if option is None:
        raise ValidationError({"technique": f"Not a technique offered for this muscle: "
                                            f"{technique}"})
    before = (entry["technique"], entry["pressure"])
    entry.update(technique=technique, pressure=pressure, notes=notes.strip(),
                 how=option["how"], discomfort_target=option["discomfort_target"])
    muscles = list(plan.muscles)
    muscles[index] = entry
    plan.muscles = muscles
    return _save(plan, by, clinic_id, Action.UPDATE,
                 f"{entry['muscle']} ({entry['side']}): {before[0]} {before[1]}/5 -> "
                 f"{technique} {pressure}/5" + ("; notes" if notes.strip() else ""))


def _lines(text_lines: list[str], field: str) -> list[str]:
    lines = [line.strip() for line in text_lines if line.strip()]
    if len(lines) > MAX_LINES:
        raise ValidationError({field: f"At most {MAX_LINES} lines."})
    if any(len(line) > MAX_LINE_LENGTH for line in lines):
        raise ValidationError({field: f"Each line must be at most {MAX_LINE_LENGTH} characters."})
    return lines


@transaction.atomic
def plan_lines_update(*, by: AbstractBaseUser, plan: TreatmentPlan, home_care: list[str],
                      education: list[str]) -> TreatmentPlan:
    clinic_id = _writable(by, plan.clinic_id)
    plan.home_care = _lines(home_care, "home_care")
    plan.education = _lines(education, "education")
    return _save(plan, by, clinic_id, Action.UPDATE,
                 f"Home care ({len(plan.home_care)} lines) and education "
                 f"({len(plan.education)} lines) edited")
