"""Intake links (only a hash of the token is stored) and what the client sent through one."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from tonus.web.accounts.models import Clinic
from tonus.web.clients.models import Client
from tonus.web.visits.models import Visit

DEFAULT_CONSENT = (
    "I agree to receive neuromuscular therapy (soft-tissue assessment and treatment, including "
    "sustained pressure on tender points) at this clinic. The therapist will explain each "
    "technique, and I can ask for lighter pressure or stop the treatment at any time. I have "
    "answered the health questions truthfully and will tell the therapist if my health or "
    "medication changes. I understand that soft-tissue therapy does not replace medical "
    "diagnosis, and that I may be referred to a physician or another professional. My "
    "information is kept confidential in my clinical record."
)


class ClinicConsent(models.Model):
    """The consent text a clinic shows its clients on the intake form."""

    clinic = models.OneToOneField(Clinic, on_delete=models.CASCADE, related_name="+")
    text = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)


class IntakeLink(models.Model):
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="+")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="intake_links")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    questionnaires = models.JSONField(default=list, blank=True)  # instrument ids
    consent_text = models.TextField()  # as shown to the client (the clinic may change its own)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Intake link {self.pk} for client {self.client_id}"

    @property
    def state(self) -> str:
        if self.revoked_at is not None:
            return "revoked"
        if self.used_at is not None:
            return "used"
        if self.expires_at <= timezone.now():
            return "expired"
        return "open"


class Status(models.TextChoices):
    PENDING = "pending", "Waiting for review"
    ACCEPTED = "accepted", "Accepted into the record"
    DISCARDED = "discarded", "Discarded"


class IntakeSubmission(models.Model):
    """What the client sent; it enters the record only when a therapist accepts it."""

    link = models.OneToOneField(IntakeLink, on_delete=models.PROTECT, related_name="submission")
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="+")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="intakes")
    submitted_at = models.DateTimeField(auto_now_add=True)
    data = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    visit = models.ForeignKey(Visit, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+")

    class Meta:
        ordering = ["-submitted_at", "-id"]
