"""A client's record: who they are, their consent, history, lifestyle and screening answers."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from tonus.web.accounts.models import Clinic
from tonus.web.clients.vocabulary import activity_ids, screening_ids


class Sex(models.TextChoices):
    # The values of tonus.case/1 client.sex.
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    OTHER = "other", "Other"
    UNSPECIFIED = "unspecified", "Not stated"


class Tobacco(models.TextChoices):
    UNKNOWN = "", "Not asked"
    NEVER = "never", "Never"
    FORMER = "former", "Former smoker"
    CURRENT = "current", "Current smoker"


def validate_activities(value: Any) -> None:
    if not isinstance(value, list) or not all(isinstance(a, str) for a in value):
        raise ValidationError("Activities must be a list of activity ids.")
    unknown = sorted(set(value) - activity_ids())
    if unknown:
        raise ValidationError(f"Unknown activity ids: {', '.join(unknown)}")


def validate_screening(value: Any) -> None:
    if not isinstance(value, dict):
        raise ValidationError("Screening answers must map screening ids to true/false.")
    unknown = sorted(set(value) - screening_ids())
    if unknown:
        raise ValidationError(f"Unknown screening ids: {', '.join(unknown)}")
    not_bool = sorted(k for k, v in value.items() if not isinstance(v, bool))
    if not_bool:
        raise ValidationError(f"Screening answers must be true or false: {', '.join(not_bool)}")


class Client(models.Model):
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="clients")

    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=12, choices=Sex.choices, default=Sex.UNSPECIFIED)

    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    address = models.TextField(blank=True)

    consent_given = models.BooleanField(default=False)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )
    consent_recorded_at = models.DateTimeField(null=True, blank=True)

    history = models.TextField(blank=True, help_text="Past injuries, surgery, conditions.")
    medications = models.TextField(blank=True)
    caffeine_cups_per_day = models.PositiveSmallIntegerField(null=True, blank=True)
    tobacco = models.CharField(max_length=10, choices=Tobacco.choices, blank=True)
    alcohol_units_per_week = models.PositiveSmallIntegerField(null=True, blank=True)

    activities = models.JSONField(default=list, blank=True, validators=[validate_activities])
    # {screening id: true/false}; an unanswered question is absent (as in tonus.case/1).
    screening = models.JSONField(default=dict, blank=True, validators=[validate_screening])

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        indexes = [models.Index(fields=["clinic", "last_name", "first_name"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()
