"""Every write of a treatment session (SOAP note, pain, range of motion, muscles treated):
atomic, validated as a whole (nothing is saved when any part is wrong), audited."""

from __future__ import annotations

import math
from typing import Any, TypeGuard, get_args

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404

from tonus.core.ids import vocabulary
from tonus.core.knowledge.rom import rom_test_ids
from tonus.core.knowledge.schema import Technique
from tonus.web.accounts.permissions import Permission
from tonus.web.accounts.selectors import membership_require
from tonus.web.audit import record
from tonus.web.audit.actions import Action
from tonus.web.labels import id_label, region_label
from tonus.web.visits.models import Visit

TECHNIQUES: tuple[str, ...] = get_args(Technique)
SIDES = {"l": "Left", "r": "Right", "midline": "Midline"}
SOAP_FIELDS = ("soap_subjective", "soap_objective", "soap_assessment", "soap_plan")
SOAP_MAX_CHARS = 20_000
NPRS_WORDS = {"pre_nprs": "Pain before treatment", "post_nprs": "Pain after treatment"}


def _is_number(value: Any) -> TypeGuard[int | float]:
    """A finite number (NaN and infinities are refused, like the core's case parser)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    try:
        return math.isfinite(float(value))
    except OverflowError:  # an integer too large for a float
        return False


def nprs_errors(field: str, scores: Any) -> list[str]:
    if not isinstance(scores, dict):
        return [f"{NPRS_WORDS[field]} must map body regions to scores."]
    errors = []
    regions = vocabulary().regions
    for region, score in scores.items():
        if region not in regions:
            errors.append(f"{NPRS_WORDS[field]}: unknown body region {region!r}.")
        elif not _is_number(score) or score != int(score) or not 0 <= score <= 10:
            errors.append(f"{NPRS_WORDS[field]}, {region_label(region)}: the score must be a "
                          f"whole number from 0 to 10 (got {score!r}).")
    return errors


def rom_errors(entries: Any) -> list[str]:
    if not isinstance(entries, list):
        return ["Range of motion must be a list of tests."]
    errors = []
    known = rom_test_ids()
    for number, entry in enumerate(entries, start=1):
        test = entry.get("test") if isinstance(entry, dict) else None
        degrees = entry.get("degrees") if isinstance(entry, dict) else None
        if test not in known:
            errors.append(f"Range of motion, row {number}: unknown test {test!r}.")
        if not _is_number(degrees) or not 0 <= degrees <= 360:
            errors.append(f"Range of motion, row {number}: degrees must be a number from 0 to "
                          f"360 (got {degrees!r}).")
    return errors


def muscles_errors(entries: Any) -> list[str]:
    if not isinstance(entries, list):
        return ["Muscles treated must be a list."]
    errors = []
    muscles = vocabulary().muscles
    for number, entry in enumerate(entries, start=1):
        item = entry if isinstance(entry, dict) else {}
        where = f"Muscles treated, row {number}"
        if item.get("muscle") not in muscles:
            errors.append(f"{where}: unknown muscle {item.get('muscle')!r}.")
        if item.get("side") not in SIDES:
            errors.append(f"{where}: side must be left, right or midline.")
        if item.get("technique") not in TECHNIQUES:
            errors.append(f"{where}: {item.get('technique')!r} is not a technique of the "
                          "knowledge base.")
        pressure = item.get("pressure")
        if not isinstance(pressure, int) or isinstance(pressure, bool) or not 1 <= pressure <= 5:
            errors.append(f"{where}: pressure must be a whole number from 1 to 5 "
                          f"(got {pressure!r}).")
    return errors


def session_errors(fields: dict[str, Any]) -> list[str]:
    """Every problem with a session's fields, in words a therapist can act on."""
    errors: list[str] = []
    for name in SOAP_FIELDS:
        if not isinstance(fields[name], str):
            errors.append(f"{name} must be text.")
        elif len(fields[name]) > SOAP_MAX_CHARS:
            errors.append(f"{id_label(name.removeprefix('soap_'))} is longer than "
                          f"{SOAP_MAX_CHARS} characters.")
    errors += nprs_errors("pre_nprs", fields["pre_nprs"])
    errors += nprs_errors("post_nprs", fields["post_nprs"])
    errors += rom_errors(fields["rom"])
    errors += muscles_errors(fields["muscles_treated"])
    return errors


@transaction.atomic
def visit_session_update(
    *,
    by: AbstractBaseUser,
    visit: Visit,
    soap_subjective: str,
    soap_objective: str,
    soap_assessment: str,
    soap_plan: str,
    pre_nprs: dict[str, int],
    post_nprs: dict[str, int],
    rom: list[dict[str, Any]],
    muscles_treated: list[dict[str, Any]],
) -> Visit:
    """Save the session part of a visit; ValidationError (listing every problem) saves nothing."""
    membership = membership_require(user=by, permission=Permission.VISIT_EDIT)
    if visit.clinic_id != membership.clinic_id:
        raise Http404("No such visit.")
    fields: dict[str, Any] = {
        "soap_subjective": soap_subjective, "soap_objective": soap_objective,
        "soap_assessment": soap_assessment, "soap_plan": soap_plan,
        "pre_nprs": pre_nprs, "post_nprs": post_nprs, "rom": rom,
        "muscles_treated": muscles_treated,
    }
    errors = session_errors(fields)
    if errors:
        raise ValidationError(errors)
    for name, value in fields.items():
        setattr(visit, name, value)
    visit.full_clean()
    visit.save(update_fields=[*fields, "updated_at"])
    record(
        user=by, action=Action.UPDATE, object_type="visit", object_id=visit.pk,
        clinic_id=membership.clinic_id, client_id=visit.client_id,
        summary=(f"Saved session of {visit.visit_date:%Y-%m-%d}: SOAP note, pain for "
                 f"{len(pre_nprs)} region(s), {len(rom)} range-of-motion test(s), "
                 f"{len(muscles_treated)} muscle(s) treated"),
    )
    return visit

