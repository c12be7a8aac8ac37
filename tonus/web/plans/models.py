"""A client's current treatment plan: seeded from a visit's report, then edited by the therapist.

The muscles are kept as JSON objects in the order of treatment:
{"muscle", "name", "side", "role", "why", "technique", "pressure" 1-5, "how",
 "discomfort_target", "techniques": [technique ids offered], "stretch", "notes"}.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from tonus.core.ids import vocabulary
from tonus.web.accounts.models import Clinic
from tonus.web.clients.models import Client

PRESSURES = range(1, 6)  # 1 light contact ... 5 very deep
SIDES = ("l", "r", "midline")


def validate_plan_muscles(value: Any) -> None:
    if not isinstance(value, list) or not all(isinstance(m, dict) for m in value):
        raise ValidationError("The plan's muscles must be a list of objects.")
    muscles = vocabulary().muscles
    for number, item in enumerate(value, 1):
        if item.get("muscle") not in muscles:
            raise ValidationError(f"Muscle {number}: unknown muscle id {item.get('muscle')!r}.")
        if item.get("side") not in SIDES:
            raise ValidationError(f"Muscle {number}: side must be l, r or midline.")
        pressure = item.get("pressure")
        if isinstance(pressure, bool) or pressure not in PRESSURES:
            raise ValidationError(
                f"Muscle {number}: pressure must be a whole number from 1 to 5, got {pressure!r}."
            )


def validate_lines(value: Any) -> None:
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise ValidationError("Must be a list of lines of text.")


class TreatmentPlan(models.Model):
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="plans")
    client = models.OneToOneField(Client, on_delete=models.PROTECT, related_name="plan")
    # The visit whose report seeded the plan (its case and report feed the documents).
    source_visit = models.ForeignKey(
        "visits.Visit", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    muscles = models.JSONField(default=list, blank=True, validators=[validate_plan_muscles])
    home_care = models.JSONField(default=list, blank=True, validators=[validate_lines])
    education = models.JSONField(default=list, blank=True, validators=[validate_lines])
    # Copied from the report when seeded, shown beside the plan and not edited here.
    red_flags = models.JSONField(default=list, blank=True)
    pressure_limits = models.JSONField(default=list, blank=True, validators=[validate_lines])
    nerve_sites = models.JSONField(default=list, blank=True, validators=[validate_lines])
    follow_up = models.TextField(blank=True)

    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Treatment plan of client {self.client_id}"

    @property
    def on_hold(self) -> bool:
        return bool(self.red_flags)
