"""Intake links and submissions: every write atomic and audited.

A link is opened and submitted by someone without an account: the token is the only credential,
so every refusal (unknown, expired, used, revoked) is audited with the address it came from.
Nothing the client sends enters the record until a therapist accepts it (``intake_accept``),
which writes through the client, visit and questionnaire services.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from tonus.web.accounts.permissions import Permission
from tonus.web.accounts.selectors import membership_require
from tonus.web.audit import record
from tonus.web.audit.actions import Action
from tonus.web.clients.models import Client
from tonus.web.clients.services import (
    client_consent_record,
    client_screening_update,
    client_update,
)
from tonus.web.intake.models import ClinicConsent, IntakeLink, IntakeSubmission, Status
from tonus.web.intake.tokens import MAX_TOKEN_LENGTH, token_hash, token_matches, token_new
from tonus.web.outcomes.models import Source
from tonus.web.outcomes.services import questionnaire_record
from tonus.web.visits.drawing import case_build
from tonus.web.visits.models import Visit
from tonus.web.visits.services import visit_create

LINK_DAYS = 7
REFUSALS = {
    "unknown": "This link is not valid. Please ask your clinic for a new one.",
    "expired": "This link has expired. Please ask your clinic for a new one.",
    "used": "This form has already been sent. Thank you; please contact your clinic if you "
            "need to change an answer.",
    "revoked": "This link is not valid. Please ask your clinic for a new one.",
}


class IntakeRefusedError(Exception):
    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(REFUSALS[reason])


def _clinic_of(by: AbstractBaseUser, client: Client) -> int:
    membership = membership_require(user=by, permission=Permission.CLIENT_EDIT)
    if client.clinic_id != membership.clinic_id:
        raise Http404("No such client.")
    return membership.clinic_id


def clinic_consent_text(clinic_id: int) -> str:
    from tonus.web.intake.models import DEFAULT_CONSENT

    row = ClinicConsent.objects.filter(clinic_id=clinic_id).first()
    return row.text if row else DEFAULT_CONSENT


@transaction.atomic
def intake_link_create(*, by: AbstractBaseUser, client: Client, questionnaires: list[str],
                       consent_text: str, days: int = LINK_DAYS) -> tuple[IntakeLink, str]:
    """A new link; the token is returned once (only its hash is kept)."""
    from tonus.core.knowledge.client_knowledge import client_knowledge

    clinic_id = _clinic_of(by, client)
    unknown = sorted(set(questionnaires) - set(client_knowledge().instruments))
    if unknown:
        raise ValidationError({"questionnaires": f"Unknown questionnaires: {', '.join(unknown)}"})
    text = consent_text.strip()
    if len(text) < 20:
        raise ValidationError({"consent_text": "The consent text is missing or too short."})
    if not 1 <= days <= 30:
        raise ValidationError({"days": "A link may stay open from 1 to 30 days."})
    ClinicConsent.objects.update_or_create(clinic_id=clinic_id, defaults={"text": text})
    token, hashed = token_new()
    link = IntakeLink.objects.create(
        clinic_id=clinic_id, client=client, created_by_id=by.pk, token_hash=hashed,
        expires_at=timezone.now() + datetime.timedelta(days=days),
        questionnaires=list(dict.fromkeys(questionnaires)), consent_text=text)
    record(user=by, action=Action.CREATE, object_type="intake-link", object_id=link.pk,
           clinic_id=clinic_id, client_id=client.pk,
           summary=f"Created an intake link, open until {link.expires_at:%Y-%m-%d %H:%M}"
                   + (f", questionnaires: {', '.join(link.questionnaires)}"
                      if link.questionnaires else ""))
    return link, token


@transaction.atomic
def intake_link_revoke(*, by: AbstractBaseUser, link: IntakeLink) -> IntakeLink:
    clinic_id = _clinic_of(by, link.client)
    if link.revoked_at is None and link.used_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        record(user=by, action=Action.UPDATE, object_type="intake-link", object_id=link.pk,
               clinic_id=clinic_id, client_id=link.client_id, summary="Revoked an intake link")
    return link


def _refuse(reason: str, link: IntakeLink | None) -> IntakeRefusedError:
    record(user=None, action=Action.VIEW, object_type="intake-link",
           object_id=link.pk if link else "", clinic_id=link.clinic_id if link else None,
           client_id=link.client_id if link else None,
           summary=f"Intake link refused: {reason}")
    return IntakeRefusedError(reason)


def _find(token: str, *, lock: bool = False) -> IntakeLink:
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise _refuse("unknown", None)
    rows = IntakeLink.objects.select_related("client")
    if lock:
        rows = rows.select_for_update()
    link = rows.filter(token_hash=token_hash(token)).first()
    if link is None or not token_matches(token, link.token_hash):
        raise _refuse("unknown", None)
    state = link.state
    if state != "open":
        raise _refuse(state, link)
    return link


def intake_link_open(token: str, *, audit: bool = True) -> IntakeLink:
    """The open link for a token (its opening audited); IntakeRefusedError otherwise."""
    link = _find(token)
    if audit:
        record(user=None, action=Action.VIEW, object_type="intake-link", object_id=link.pk,
               clinic_id=link.clinic_id, client_id=link.client_id,
               summary="The client opened the intake form")
    return link


@transaction.atomic
def intake_submit(token: str, data: dict[str, Any]) -> IntakeSubmission:
    """Store the client's answers and close the link (a second submit is refused)."""
    link = _find(token, lock=True)
    link.used_at = timezone.now()
    link.save(update_fields=["used_at"])
    submission = IntakeSubmission.objects.create(link=link, clinic_id=link.clinic_id,
                                                 client_id=link.client_id, data=data)
    record(user=None, action=Action.CREATE, object_type="intake-submission",
           object_id=submission.pk, clinic_id=link.clinic_id, client_id=link.client_id,
           summary="The client sent the intake form (waiting for review)")
    return submission


def _merged_text(now: str, new: str, when: datetime.date) -> str:
    new = new.strip()
    if not new or new in now:
        return now
    return f"{now.rstrip()}\n\nFrom the client's intake ({when:%d %b %Y}): {new}".strip()


CONTACT_FIELDS = ("first_name", "last_name", "date_of_birth", "sex", "phone", "email", "address")


@transaction.atomic
def intake_accept(*, by: AbstractBaseUser, submission: IntakeSubmission,
                  visit_date: datetime.date | None = None) -> Visit:
    """Bring a reviewed submission into the record: contact, history, medications, habits,
    screening, consent; a visit with the client's drawing, symptom severity and duration; the
    questionnaires. All or nothing."""
    client = submission.client
    _clinic_of(by, client)
    membership_require(user=by, permission=Permission.VISIT_EDIT)
    if submission.status != Status.PENDING:
        raise ValidationError("This intake was already reviewed.")
    data = submission.data
    today = visit_date or timezone.localdate()
    contact = data.get("contact", {})
    fields: dict[str, Any] = {}
    for name in CONTACT_FIELDS:
        value = contact.get(name)
        if value in (None, ""):
            continue
        if name == "date_of_birth":
            value = datetime.date.fromisoformat(value)
        fields[name] = value
    fields["history"] = _merged_text(client.history, data.get("history", ""), today)
    fields["medications"] = _merged_text(client.medications, data.get("medications", ""), today)
    fields["activities"] = list(dict.fromkeys([*client.activities, *data.get("activities", [])]))
    client = client_update(by=by, client=client, **fields)
    if data.get("screening"):
        client = client_screening_update(by=by, client=client, answers=data["screening"])
    consent = data.get("consent", {})
    if consent.get("agreed") and not client.consent_given:
        client = client_consent_record(by=by, client=client, given=True)
    case = case_build(client=client, visit_date=today, marks=data["marks"],
                      complaint=data.get("complaint", ""), activities=client.activities,
                      posture=[], earlier_visits=[])
    if data.get("symptom_severity"):
        case["symptom_severity"] = data["symptom_severity"]
    if data.get("weeks") is not None:
        case["history"] = {"weeks": data["weeks"]}
    visit = visit_create(by=by, client=client, visit_date=today, case=case,
                         soap_subjective=_subjective(data))
    for iid, answer in (data.get("questionnaires") or {}).items():
        questionnaire_record(by=by, visit=visit, instrument=iid, answers=answer["answers"],
                             labels=answer.get("labels"), source=Source.INTAKE)
    submission.status = Status.ACCEPTED
    submission.reviewed_by_id = by.pk
    submission.reviewed_at = timezone.now()
    submission.visit = visit
    submission.save(update_fields=["status", "reviewed_by", "reviewed_at", "visit"])
    record(user=by, action=Action.UPDATE, object_type="intake-submission",
           object_id=submission.pk, clinic_id=submission.clinic_id, client_id=client.pk,
           summary=f"Accepted the client's intake into the record (visit {visit.pk}); consent "
                   f"signed {consent.get('signature', '')!r} at {consent.get('signed_at', '')}")
    return visit


def _subjective(data: dict[str, Any]) -> str:
    parts = []
    if data.get("complaint"):
        parts.append(f"Client's words: {data['complaint']}")
    if data.get("weeks") is not None:
        parts.append(f"Duration: about {data['weeks']} weeks.")
    return " ".join(parts)


@transaction.atomic
def intake_discard(*, by: AbstractBaseUser, submission: IntakeSubmission) -> IntakeSubmission:
    _clinic_of(by, submission.client)
    if submission.status != Status.PENDING:
        raise ValidationError("This intake was already reviewed.")
    submission.status = Status.DISCARDED
    submission.reviewed_by_id = by.pk
    submission.reviewed_at = timezone.now()
    submission.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    record(user=by, action=Action.UPDATE, object_type="intake-submission",
           object_id=submission.pk, clinic_id=submission.clinic_id,
           client_id=submission.client_id, summary="Discarded the client's intake")
    return submission
