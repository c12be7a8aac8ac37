"""Posture photos of a visit (stored outside the database) and their landmarks."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models

from tonus.core.posture.landmarks import LandmarkSet
from tonus.web.accounts.models import Clinic
from tonus.web.visits.models import Visit


class PhotoView(models.TextChoices):
    # Values are the core's View names (tonus.core.posture.landmarks.View).
    ANTERIOR = "anterior", "Anterior (front)"
    POSTERIOR = "posterior", "Posterior (back)"
    LEFT_LATERAL = "left-lateral", "Left lateral (left side)"
    RIGHT_LATERAL = "right-lateral", "Right lateral (right side)"


class PhotoStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Finding landmarks"
    DONE = "done", "Landmarks found"
    FAILED = "failed", "Could not find landmarks"


def validate_landmark_set(value: Any) -> None:
    if value is None:
        return
    try:
        LandmarkSet.model_validate(value)
    except ValueError as error:
        raise ValidationError(f"Not a valid landmark set: {error}") from error


class PostureSession(models.Model):
    """The posture assessment of one visit: what all its photos share (the client's height)."""

    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="+")
    visit = models.OneToOneField(Visit, on_delete=models.CASCADE, related_name="posture")
    height_cm = models.FloatField(
        null=True, blank=True,
        validators=[MinValueValidator(50.0), MaxValueValidator(250.0)],
        help_text="The client's standing height: the scale for the measures in cm.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Posture of visit {self.visit_id}"


class PosturePhoto(models.Model):
    """One view of a visit. The JPEG lives in MEDIA_ROOT/photos under its SHA-256."""

    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="+")
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="posture_photos")
    view = models.CharField(max_length=16, choices=PhotoView.choices)
    sha256 = models.CharField(
        max_length=64, validators=[RegexValidator(r"^[0-9a-f]{64}$", "Not a SHA-256 checksum.")]
    )
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=10, choices=PhotoStatus.choices, default=PhotoStatus.QUEUED
    )
    problem = models.TextField(blank=True, help_text="Why no landmarks were found, for people.")
    landmarks = models.JSONField(
        null=True, blank=True, validators=[validate_landmark_set],
        help_text="The tonus.core LandmarkSet (image pixels).",
    )
    corrected = models.BooleanField(default=False, help_text="A therapist moved or placed one.")

    class Meta:
        ordering = ["visit_id", "view"]
        constraints = [
            models.UniqueConstraint(fields=["visit", "view"], name="one_photo_per_view"),
        ]

    def __str__(self) -> str:
        return f"{self.get_view_display()} photo of visit {self.visit_id}"

    @property
    def is_pending(self) -> bool:
        return self.status in (PhotoStatus.QUEUED, PhotoStatus.RUNNING)

    def landmark_set(self) -> LandmarkSet | None:
        return None if self.landmarks is None else LandmarkSet.model_validate(self.landmarks)
