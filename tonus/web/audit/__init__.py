"""The audit log. ``record`` is the only code that writes an AuditEvent."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tonus.web.audit.models import AuditEvent


def record(
    *,
    user: Any,
    action: str,
    object_type: str,
    object_id: str | int = "",
    clinic_id: int | None = None,
    client_id: int | None = None,
    summary: str = "",
) -> AuditEvent:
    """Write one event; call it inside the transaction of the write it describes."""
    # Imported here: this package is imported while Django is still loading apps.
    from tonus.web.audit.context import current_request
    from tonus.web.audit.models import AuditEvent

    context = current_request.get()
    authenticated = user is not None and user.is_authenticated
    return AuditEvent.objects.create(
        user_id=user.pk if authenticated else None,
        username=user.get_username() if authenticated else "",
        clinic_id=clinic_id,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        client_id=client_id,
        ip=context.ip,
        user_agent=context.user_agent,
        summary=summary[:300],
    )
