"""API tokens: made, listed, revoked and checked here only.

A token is ``secrets.token_urlsafe(32)`` (256 random bits), shown once when it is made. Only its
SHA-256 is stored: a plain hash is enough for a random secret this long (a slow password hash
guards guessable secrets), and it lets a request find its token with one indexed look-up.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from tonus.web.accounts.models import ApiToken, Membership
from tonus.web.audit import record
from tonus.web.audit.actions import Action

# A use within this many seconds of the last recorded one does not write last_used_at again.
LAST_USED_RESOLUTION_SECONDS = 60


class TokenRequest(HttpRequest):
    """An API request: ``auth`` is the user whose token opened it (ninja sets it)."""

    auth: AbstractBaseUser


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _clinic_id(user: AbstractBaseUser) -> int | None:
    membership = Membership.objects.filter(user_id=user.pk).values_list("clinic_id", flat=True)
    return membership.first()


def token_list(*, user: AbstractBaseUser) -> QuerySet[ApiToken]:
    """The user's own tokens, newest first (revoked ones too, so the list tells the story)."""
    return ApiToken.objects.filter(user_id=user.pk)


@transaction.atomic
def token_create(
    *, by: AbstractBaseUser, name: str, expires_in_days: int | None = None,
) -> tuple[ApiToken, str]:
    """A new token for ``by``; returns the record and the raw token, which is never stored.

    ``expires_in_days``: the token stops working that many days from now (None: never).
    """
    if expires_in_days is not None and not 1 <= expires_in_days <= 3650:
        raise ValidationError({"expires_in_days": "Choose from 1 to 3650 days."})
    raw = secrets.token_urlsafe(32)
    expires_at = (
        timezone.now() + datetime.timedelta(days=expires_in_days) if expires_in_days else None
    )
    token = ApiToken(user_id=by.pk, name=name.strip(), token_hash=token_hash(raw),
                     expires_at=expires_at)
    token.full_clean()
    token.save()
    until = f", expires {expires_at:%Y-%m-%d}" if expires_at else ", no expiry"
    record(
        user=by, action=Action.CREATE, object_type="api-token", object_id=token.pk,
        clinic_id=_clinic_id(by), summary=f"Created API token {token.name!r}{until}",
    )
    return token, raw


@transaction.atomic
def token_revoke(*, by: AbstractBaseUser, token_id: int) -> ApiToken:
    """Revoke one of ``by``'s own tokens; another person's token is a 404."""
    token = ApiToken.objects.select_for_update().filter(user_id=by.pk, pk=token_id).first()
    if token is None:
        raise Http404("No such token.")
    if token.revoked_at is not None:
        raise ValidationError("This token is already revoked.")
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record(
        user=by, action=Action.UPDATE, object_type="api-token", object_id=token.pk,
        clinic_id=_clinic_id(by), summary=f"Revoked API token {token.name!r}",
    )
    return token


def tokens_revoke_all(*, user_id: int) -> int:
    """Revoke every live token of a user (deactivation); the caller audits. Returns how many."""
    return ApiToken.objects.filter(user_id=user_id, revoked_at__isnull=True).update(
        revoked_at=timezone.now())


def token_authenticate(raw: str) -> AbstractBaseUser | None:
    """The active user a live token belongs to, or None (unknown, revoked, expired token;
    deactivated user)."""
    if not raw or len(raw) > 200:
        return None
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=token_hash(raw), revoked_at__isnull=True)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now)).first()
    )
    if token is None or not token.user.is_active:
        return None
    last = token.last_used_at
    if last is None or (now - last).total_seconds() >= LAST_USED_RESOLUTION_SECONDS:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
