"""A visit: the consultation drawing (tonus.case/1), its report, the SOAP note and measures."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from tonus.core.ids import vocabulary
from tonus.web.accounts.models import Clinic
from tonus.web.clients.models import Client


def validate_nprs(value: Any) -> None:
    """{region id: 0-10}"""
    if not isinstance(value, dict):
        raise ValidationError("NPRS must map region ids to a score from 0 to 10.")
    regions = vocabulary().regions
    for region, score in value.items():
        if region not in regions:
            raise ValidationError(f"Unknown region id: {region}")
        if isinstance(score, bool) or not isinstance(score, int | float) or not 0 <= score <= 10:
            raise ValidationError(f"NPRS for {region} must be 0-10, got {score!r}")


def validate_list_of_objects(value: Any) -> None:
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise ValidationError("Must be a list of objects.")


class Visit(models.Model):
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="visits")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="visits")
    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="visits"
    )
    visit_date = models.DateField()

    case = models.JSONField(help_text="The consultation as a tonus.case/1 object.")
    report = models.JSONField(
        null=True, blank=True, help_text="The tonus.report/1 assess() made from the case."
    )

    soap_subjective = models.TextField(blank=True)
    soap_objective = models.TextField(blank=True)
    soap_assessment = models.TextField(blank=True)
    soap_plan = models.TextField(blank=True)

    pre_nprs = models.JSONField(default=dict, blank=True, validators=[validate_nprs])
    post_nprs = models.JSONField(default=dict, blank=True, validators=[validate_nprs])
    # [{"test": rom test id (sided: -l/-r), "degrees": number}], as in tonus.case/1 rom[].
    rom = models.JSONField(default=list, blank=True, validators=[validate_list_of_objects])
    # [{"muscle": muscle id, "side": "l"|"r"|"midline", "technique": str, "pressure": 1-5}]
    muscles_treated = models.JSONField(
        default=list, blank=True, validators=[validate_list_of_objects]
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-visit_date", "-id"]
        indexes = [models.Index(fields=["client", "visit_date"])]

    def __str__(self) -> str:
        return f"Visit {self.visit_date} ({self.client_id})"
