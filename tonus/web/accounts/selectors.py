"""Who the user is in a clinic; every other selector starts here."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied

from tonus.web.accounts.models import Membership
from tonus.web.accounts.permissions import Permission
from tonus.web.accounts.roles import role_has

AnyUser = AbstractBaseUser | AnonymousUser


def membership_get(*, user: AnyUser) -> Membership:
    """The user's membership; PermissionDenied for anyone who works in no clinic."""
    if not user.is_authenticated:
        raise PermissionDenied("Log in first.")
    try:
        return Membership.objects.select_related("clinic").get(user_id=user.pk)
    except Membership.DoesNotExist:
        raise PermissionDenied("This account is not a member of any clinic.") from None


def has_permission(user: AnyUser, permission: Permission) -> bool:
    if not user.is_authenticated:
        return False
    role = Membership.objects.filter(user_id=user.pk).values_list("role", flat=True).first()
    return role is not None and role_has(role, permission)


def membership_require(*, user: AnyUser, permission: Permission) -> Membership:
    """The membership of a user who holds ``permission``; PermissionDenied (403) otherwise."""
    membership = membership_get(user=user)
    if not role_has(membership.role, permission):
        raise PermissionDenied(f"Your role does not allow {permission}.")
    return membership
