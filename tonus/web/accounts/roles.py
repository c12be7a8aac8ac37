"""Roles as data: the permissions each role grants (the authorisation matrix tests read this)."""

from __future__ import annotations

from tonus.web.accounts.models import Role
from tonus.web.accounts.permissions import Permission

ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    Role.THERAPIST: frozenset({
        Permission.CLIENT_VIEW, Permission.CLIENT_EDIT,
        Permission.VISIT_VIEW, Permission.VISIT_EDIT,
    }),
    # A clinic admin usually treats clients too, and also reads the audit log.
    Role.ADMIN: frozenset(Permission),
}


def role_has(role: str, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS.get(role, frozenset())
