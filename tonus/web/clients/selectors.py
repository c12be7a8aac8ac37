"""Every read of a client record: scoped to the user's clinic (404 otherwise) and audited."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import Http404

from tonus.web.accounts.models import Membership
from tonus.web.accounts.permissions import Permission
from tonus.web.accounts.selectors import AnyUser, membership_require
from tonus.web.audit import record, record_denied
from tonus.web.audit.actions import Action
from tonus.web.clients.models import Client

PAGE_SIZE = 25


def clinic_clients(membership: Membership) -> QuerySet[Client]:
    """The clients of one clinic (no audit: for selectors and services only)."""
    return Client.objects.filter(clinic_id=membership.clinic_id)


def client_get(*, user: AnyUser, client_id: int) -> Client:
    """One client of the user's clinic; Http404 for any other clinic's client."""
    membership = membership_require(user=user, permission=Permission.CLIENT_VIEW)
    client = clinic_clients(membership).filter(pk=client_id).first()
    if client is None:
        owner = Client.objects.filter(pk=client_id).values_list("clinic_id", flat=True).first()
        if owner is not None:
            record_denied(user=user, object_type="client", object_id=client_id,
                          owner_clinic_id=owner, client_id=client_id)
        raise Http404("No such client.")
    record(
        user=user, action=Action.VIEW, object_type="client", object_id=client.pk,
        clinic_id=membership.clinic_id, client_id=client.pk, summary="Opened client record",
    )
    return client


def client_list(*, user: AnyUser, search: str = "", page: int = 1) -> Page[Client]:
    """A page of the clinic's clients, optionally searched by name, phone or e-mail."""
    membership = membership_require(user=user, permission=Permission.CLIENT_VIEW)
    clients = clinic_clients(membership)
    # NUL cannot occur in stored text, and PostgreSQL refuses it in a query: drop it.
    for word in search.replace("\x00", "").split()[:5]:
        clients = clients.filter(
            Q(first_name__icontains=word) | Q(last_name__icontains=word)
            | Q(phone__icontains=word) | Q(email__icontains=word)
        )
    result = Paginator(clients, PAGE_SIZE).get_page(page)
    record(
        user=user, action=Action.VIEW, object_type="client-list",
        clinic_id=membership.clinic_id,
        summary=f"Listed clients (page {result.number}" + (", searched)" if search else ")"),
    )
    return result
