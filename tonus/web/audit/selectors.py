from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Q

from tonus.web.accounts.permissions import Permission
from tonus.web.accounts.selectors import AnyUser, membership_require
from tonus.web.audit.models import AuditEvent

PAGE_SIZE = 50


@dataclass(frozen=True)
class AuditFilter:
    """What a clinic admin narrows the log to; every field optional."""

    client_id: int | None = None
    client_name: str = ""  # any part of the first or last name, or the client number
    username: str = ""
    action: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


def audit_event_list(
    *, user: AnyUser, client_id: int | None = None, page: int = 1,
    filters: AuditFilter | None = None,
) -> Page[AuditEvent]:
    """The user's clinic's events, newest first (clinic admins only: 403 for others)."""
    from tonus.web.clients.models import Client

    membership = membership_require(user=user, permission=Permission.AUDIT_VIEW)
    f = filters or AuditFilter(client_id=client_id)
    events = AuditEvent.objects.filter(clinic_id=membership.clinic_id)
    if f.client_id is not None:
        events = events.filter(client_id=f.client_id)
    if f.client_name.strip():
        clients = Client.objects.filter(clinic_id=membership.clinic_id)
        for word in f.client_name.split()[:4]:
            clients = clients.filter(Q(first_name__icontains=word)
                                     | Q(last_name__icontains=word))
        ids = list(clients.values_list("pk", flat=True)[:500])
        number = f.client_name.strip().lstrip("#")
        if number.isdigit():
            ids.append(int(number))
        events = events.filter(client_id__in=ids)
    if f.username:
        events = events.filter(username=f.username)
    if f.action:
        events = events.filter(action=f.action)
    if f.date_from:
        events = events.filter(at__date__gte=f.date_from)
    if f.date_to:
        events = events.filter(at__date__lte=f.date_to)
    return Paginator(events, PAGE_SIZE).get_page(page)


def audit_usernames(*, user: AnyUser) -> list[str]:
    """The usernames that appear in the clinic's log (for the filter)."""
    membership = membership_require(user=user, permission=Permission.AUDIT_VIEW)
    names = (AuditEvent.objects.filter(clinic_id=membership.clinic_id).exclude(username="")
             .values_list("username", flat=True).distinct().order_by("username"))
    return list(names)


def client_names(*, user: AnyUser, client_ids: set[int]) -> dict[int, str]:
    """Names of the clinic's clients among ``client_ids`` (a deleted client keeps its number
    only)."""
    from tonus.web.clients.models import Client

    membership = membership_require(user=user, permission=Permission.AUDIT_VIEW)
    rows = Client.objects.filter(clinic_id=membership.clinic_id, pk__in=client_ids)
    return {c.pk: c.full_name for c in rows}
