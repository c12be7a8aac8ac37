"""The clinic's team, managed by its clinic admin: deactivate (and revoke every API token),
reactivate, unlock after failed logins. Every change is audited; another clinic's person is 404.

A deactivated person cannot log in, and a session they still hold stops working at their next
request (Django's ModelBackend refuses inactive users); their tokens are revoked for good.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Sum
from django.http import Http404
from django.utils import timezone

from tonus.web.accounts.models import ApiToken, Membership
from tonus.web.accounts.permissions import Permission
from tonus.web.accounts.selectors import membership_require
from tonus.web.accounts.tokens import tokens_revoke_all
from tonus.web.audit import record
from tonus.web.audit.actions import Action


@dataclass(frozen=True)
class TeamMember:
    membership: Membership
    live_tokens: int
    recent_failures: int  # failed logins within the cool-off window
    locked: bool
    last_failure: datetime | None


def _failures(username: str) -> tuple[int, datetime | None]:
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    found = AccessAttempt.objects.filter(username=username, attempt_time__gte=since).aggregate(
        failures=Sum("failures_since_start"), last=Max("attempt_time"))
    return int(found["failures"] or 0), found["last"]


def team_list(*, by: AbstractBaseUser) -> list[TeamMember]:
    """Everyone in the admin's clinic, with their tokens and recent failed logins."""
    clinic_id = membership_require(user=by, permission=Permission.CLINIC_MANAGE).clinic_id
    now = timezone.now()
    members = []
    for membership in (Membership.objects.filter(clinic_id=clinic_id).select_related("user")
                       .order_by("user__username")):
        failures, last = _failures(membership.user.get_username())
        live = ApiToken.objects.filter(user_id=membership.user_id, revoked_at__isnull=True)
        live = live.exclude(expires_at__lte=now)
        members.append(TeamMember(membership, live.count(), failures,
                                  failures >= settings.AXES_FAILURE_LIMIT, last))
    return members


def _target(by: AbstractBaseUser, user_id: int) -> tuple[AbstractBaseUser, int]:
    clinic_id = membership_require(user=by, permission=Permission.CLINIC_MANAGE).clinic_id
    membership = (Membership.objects.select_related("user")
                  .filter(user_id=user_id, clinic_id=clinic_id).first())
    if membership is None:
        raise Http404("No such person in your clinic.")
    user: AbstractBaseUser = get_user_model().objects.select_for_update().get(pk=user_id)
    return user, clinic_id


@transaction.atomic
def member_deactivate(*, by: AbstractBaseUser, user_id: int) -> int:
    """Deactivate a member and revoke all their API tokens; returns how many were revoked."""
    user, clinic_id = _target(by, user_id)
    if user.pk == by.pk:
        raise ValidationError("You cannot deactivate your own account.")
    if not user.is_active:
        raise ValidationError(f"{user.get_username()} is already deactivated.")
    user.is_active = False
    user.save(update_fields=["is_active"])
    revoked = tokens_revoke_all(user_id=user.pk)
    record(user=by, action=Action.UPDATE, object_type="user", object_id=user.pk,
           clinic_id=clinic_id,
           summary=f"Deactivated {user.get_username()} and revoked {revoked} API token(s)")
    return revoked


@transaction.atomic
def member_reactivate(*, by: AbstractBaseUser, user_id: int) -> None:
    """Let a member log in again (their revoked tokens stay revoked)."""
    user, clinic_id = _target(by, user_id)
    if user.is_active:
        raise ValidationError(f"{user.get_username()} is already active.")
    user.is_active = True
    user.save(update_fields=["is_active"])
    record(user=by, action=Action.UPDATE, object_type="user", object_id=user.pk,
           clinic_id=clinic_id, summary=f"Reactivated {user.get_username()}")


@transaction.atomic
def member_unlock(*, by: AbstractBaseUser, user_id: int) -> int:
    """Clear a member's failed logins (ends a lockout); returns how many records were cleared."""
    user, clinic_id = _target(by, user_id)
    cleared = int(axes_reset(username=user.get_username()))
    record(user=by, action=Action.UPDATE, object_type="user", object_id=user.pk,
           clinic_id=clinic_id, summary=f"Unlocked {user.get_username()} after failed logins")
    return cleared
