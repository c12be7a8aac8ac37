from __future__ import annotations

from django.core.paginator import Page, Paginator

from tonus.web.accounts.permissions import Permission
from tonus.web.accounts.selectors import AnyUser, membership_require
from tonus.web.audit.models import AuditEvent

PAGE_SIZE = 50


def audit_event_list(
    *, user: AnyUser, client_id: int | None = None, page: int = 1
) -> Page[AuditEvent]:
    """The user's clinic's events, newest first (clinic admins only: 403 for others)."""
    membership = membership_require(user=user, permission=Permission.AUDIT_VIEW)
    events = AuditEvent.objects.filter(clinic_id=membership.clinic_id)
    if client_id is not None:
        events = events.filter(client_id=client_id)
    return Paginator(events, PAGE_SIZE).get_page(page)
