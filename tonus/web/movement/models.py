"""Movement-screen clips of a visit (stored outside the database), their analysis, and what the
therapist decided about each proposed compensation or range of motion."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models

from tonus.core.movement.analysis import MovementAnalysis
from tonus.web.accounts.models import Clinic
from tonus.web.visits.models import Visit

# slot id -> (screen id, view, stance side, label). Screen ids are the case format's
# (movement[].screen); the slot adds the camera's view and, for the single-leg squat, the leg.
SLOTS: dict[str, tuple[str, str, str | None, str]] = {
    "overhead-squat-front": ("overhead-squat", "front", None, "Overhead squat, front"),
    "overhead-squat-side": ("overhead-squat", "side", None, "Overhead squat, side"),
    "single-leg-squat-l": ("single-leg-squat", "front", "l", "Single-leg squat, left leg"),
    "single-leg-squat-r": ("single-leg-squat", "front", "r", "Single-leg squat, right leg"),
    "arm-raise-front": ("arm-raise", "front", None, "Arm raise, front"),
}


class ClipStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Analysing the movement"
    DONE = "done", "Analysed"
    FAILED = "failed", "Could not analyse"


class MovementClip(models.Model):
    """One screen's clip for a visit. The MP4 lives in MEDIA_ROOT/clips under its SHA-256."""

    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="+")
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="movement_clips")
    slot = models.CharField(max_length=24, choices=[(k, v[3]) for k, v in SLOTS.items()])
    sha256 = models.CharField(
        max_length=64, validators=[RegexValidator(r"^[0-9a-f]{64}$", "Not a SHA-256 checksum.")]
    )
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    seconds = models.FloatField()
    fps = models.FloatField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=ClipStatus.choices,
                              default=ClipStatus.QUEUED)
    problem = models.TextField(blank=True, help_text="Why the clip could not be analysed.")
    analysis = models.JSONField(null=True, blank=True,
                                help_text="tonus.core MovementAnalysis (angles, repetitions).")
    landmarks = models.JSONField(
        null=True, blank=True,
        help_text="Per sampled frame: time and the 33 points [x, y, visibility] in pixels.")

    class Meta:
        ordering = ["visit_id", "slot"]
        constraints = [
            models.UniqueConstraint(fields=["visit", "slot"], name="one_clip_per_slot"),
        ]

    def __str__(self) -> str:
        return f"{self.get_slot_display()} clip of visit {self.visit_id}"

    @property
    def screen(self) -> str:
        return SLOTS[self.slot][0]

    @property
    def view(self) -> str:
        return SLOTS[self.slot][1]

    @property
    def stance_side(self) -> str | None:
        return SLOTS[self.slot][2]

    @property
    def is_pending(self) -> bool:
        return self.status in (ClipStatus.QUEUED, ClipStatus.RUNNING)

    def result(self) -> MovementAnalysis | None:
        return None if self.analysis is None else MovementAnalysis.model_validate(self.analysis)


class Decision(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed"
    REJECTED = "rejected", "Rejected"


class MovementDecision(models.Model):
    """The therapist's word on one proposal (or a compensation seen by eye): only confirmed ones
    enter the case (``movement[]``, or ``rom[]`` for a range of motion)."""

    KIND_CHOICES = [("finding", "Compensation"), ("rom", "Range of motion")]

    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="+")
    clip = models.ForeignKey(MovementClip, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(max_length=8, choices=KIND_CHOICES)
    key = models.CharField(max_length=40, help_text="Finding id, or rom test id with its side.")
    side = models.CharField(max_length=1, blank=True)
    degrees = models.FloatField(null=True, blank=True)
    by_eye = models.BooleanField(default=False, help_text="Seen by the therapist, not proposed.")
    decision = models.CharField(max_length=10, choices=Decision.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["clip_id", "kind", "key", "side"]
        constraints = [
            models.UniqueConstraint(fields=["clip", "kind", "key", "side"],
                                    name="one_decision_per_proposal"),
        ]

    def __str__(self) -> str:
        return f"{self.decision} {self.key} {self.side}".strip()

    def case_entry(self) -> dict[str, Any]:
        if self.kind == "rom":
            return {"test": self.key, "degrees": self.degrees}
        entry: dict[str, Any] = {"screen": self.clip.screen, "finding": self.key}
        if self.side:
            entry["side"] = self.side
        return entry
