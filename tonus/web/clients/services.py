"""Every write to a client record: atomic, validated with full_clean(), audited."""

from __future__ import annotations

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
from tonus.web.clients.vocabulary import screening_ids

EDITABLE_FIELDS = frozenset({
    "first_name", "last_name", "date_of_birth", "sex", "phone", "email", "address",
    "history", "medications", "caffeine_cups_per_day", "tobacco", "alcohol_units_per_week",
    "activities",
})


def _check_fields(fields: dict[str, Any]) -> None:
    unknown = sorted(set(fields) - EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable client fields: {', '.join(unknown)}")
    # full_clean() skips empty values of blank=True fields, so a None for a NOT NULL column
    # would only fail in the database (IntegrityError); name the field here instead.
    nulls = {
        name: "This field cannot be null." for name, value in fields.items()
        if value is None and not getattr(Client._meta.get_field(name), "null", False)
    }
    if nulls:
        raise ValidationError(nulls)


def _writable(by: AbstractBaseUser, client: Client) -> int:
    """The writer's clinic id, after checking they may edit this client (404 across clinics)."""
    membership = membership_require(user=by, permission=Permission.CLIENT_EDIT)
    if client.clinic_id != membership.clinic_id:
        raise Http404("No such client.")
    return membership.clinic_id


@transaction.atomic
def client_create(*, by: AbstractBaseUser, consent_given: bool = False, **fields: Any) -> Client:
    _check_fields(fields)
    membership = membership_require(user=by, permission=Permission.CLIENT_EDIT)
    client = Client(clinic_id=membership.clinic_id, **fields)
    if consent_given:
        client.consent_given = True
        client.consent_recorded_by_id = by.pk
        client.consent_recorded_at = timezone.now()
    client.full_clean()
    client.save()
    record(
        user=by, action=Action.CREATE, object_type="client", object_id=client.pk,
        clinic_id=client.clinic_id, client_id=client.pk, summary="Created client record",
    )
    return client


@transaction.atomic
def client_update(*, by: AbstractBaseUser, client: Client, **fields: Any) -> Client:
    _check_fields(fields)
    clinic_id = _writable(by, client)
    changed = sorted(name for name, value in fields.items() if getattr(client, name) != value)
    for name, value in fields.items():
        setattr(client, name, value)
    client.full_clean()
    client.save()
    record(
        user=by, action=Action.UPDATE, object_type="client", object_id=client.pk,
        clinic_id=clinic_id, client_id=client.pk,
        summary="Changed " + (", ".join(changed) if changed else "nothing"),
    )
    return client


@transaction.atomic
def client_screening_update(
    *, by: AbstractBaseUser, client: Client, answers: dict[str, bool | None]
) -> Client:
    """Set screening answers; None clears an answer (the question is then unanswered)."""
    clinic_id = _writable(by, client)
    unknown = sorted(set(answers) - screening_ids())
    if unknown:
        raise ValueError(f"Unknown screening ids: {', '.join(unknown)}")
    screening = dict(client.screening)
    for screening_id, answer in answers.items():
        if answer is None:
            screening.pop(screening_id, None)
        else:
            screening[screening_id] = answer
    client.screening = screening
    client.full_clean()
    client.save()
    yes = sorted(k for k, v in screening.items() if v)
    record(
        user=by, action=Action.UPDATE, object_type="client-screening", object_id=client.pk,
        clinic_id=clinic_id, client_id=client.pk,
        summary=f"Screening: {len(screening)} answered, yes: {', '.join(yes) or 'none'}",
    )
    return client


@transaction.atomic
def client_consent_record(*, by: AbstractBaseUser, client: Client, given: bool) -> Client:
    """Record that the client gave (or withdrew) consent to treatment, by whom and when."""
    clinic_id = _writable(by, client)
    client.consent_given = given
    client.consent_recorded_by_id = by.pk
    client.consent_recorded_at = timezone.now()
    client.full_clean()
    client.save()
    record(
        user=by, action=Action.UPDATE, object_type="client-consent", object_id=client.pk,
        clinic_id=clinic_id, client_id=client.pk,
        summary="Consent to treatment " + ("given" if given else "withdrawn"),
    )
    return client
