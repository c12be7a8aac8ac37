"""One questionnaire answered at one visit: the raw answers, the client's labels (PSFS
activities) and the score the core computed, with the scorer's version."""

from __future__ import annotations

from django.db import models

from tonus.web.accounts.models import Clinic
from tonus.web.clients.models import Client
from tonus.web.visits.models import Visit


class Source(models.TextChoices):
    THERAPIST = "therapist", "Entered by the therapist"
    INTAKE = "intake", "The client's intake form"


class QuestionnaireResponse(models.Model):
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="+")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="questionnaires")
    visit = models.ForeignKey(Visit, on_delete=models.PROTECT, related_name="questionnaires")
    instrument = models.CharField(max_length=40)
    answers = models.JSONField()  # {item id: number}
    labels = models.JSONField(default=dict, blank=True)  # {item id: the client's words}
    total = models.FloatField()
    subscales = models.JSONField(default=dict, blank=True)
    scorer = models.CharField(max_length=10)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.THERAPIST)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["visit__visit_date", "id"]
        indexes = [models.Index(fields=["client", "instrument"])]
        constraints = [models.UniqueConstraint(fields=["visit", "instrument"],
                                               name="one_questionnaire_per_visit")]

    def __str__(self) -> str:
        return f"{self.instrument} {self.total:g} (visit {self.visit_id})"
