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
    username: str = "",
) -> AuditEvent:
    """Write one event; call it inside the transaction of the write it describes.

    Within one web request, views are recorded once per client (or per kind of page without
    a client): the first read's event stands for the page, and is returned again."""
    # Imported here: this package is imported while Django is still loading apps.
    from tonus.web.audit.actions import Action
    from tonus.web.audit.context import NO_REQUEST, current_request
    from tonus.web.audit.models import AuditEvent

    context = current_request.get()
    key = ("client", client_id) if client_id is not None else ("page", object_type)
    in_request = context is not NO_REQUEST and action == Action.VIEW
    if in_request and key in context.viewed:
        earlier: AuditEvent = context.viewed[key]
        return earlier
    authenticated = user is not None and user.is_authenticated
    event = AuditEvent.objects.create(
        user_id=user.pk if authenticated else None,
        # ``username``: the name someone tried to log in as, when no user is logged in.
        username=user.get_username() if authenticated else username[:150],
        clinic_id=clinic_id,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        client_id=client_id,
        ip=context.ip,
        user_agent=context.user_agent,
        summary=summary[:300],
    )
    if in_request:
        context.viewed[key] = event
    return event


def record_denied(*, user: Any, object_type: str, object_id: str | int,
                  owner_clinic_id: int | None, client_id: int | None = None) -> None:
    """Someone asked for a record of another clinic (they get a 404, as for a record that does
    not exist): the owning clinic's log shows who tried, and so does the asker's clinic's."""
    from tonus.web.audit.actions import Action

    membership = getattr(user, "membership", None)
    own_clinic = membership.clinic_id if membership is not None else None
    name = user.get_username() if user is not None and user.is_authenticated else "anonymous"
    record(user=user, action=Action.DENIED, object_type=object_type, object_id=object_id,
           clinic_id=owner_clinic_id, client_id=client_id,
           summary=f"Denied: {name}, of another clinic, asked for this {object_type}")
    if own_clinic is not None and own_clinic != owner_clinic_id:
        record(user=user, action=Action.DENIED, object_type=object_type, object_id=object_id,
               clinic_id=own_clinic,
               summary=f"Denied: {name} asked for a {object_type} of another clinic")
