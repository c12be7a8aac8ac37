"""Every read of a visit: scoped to the user's clinic (404 otherwise) and audited."""

from __future__ import annotations

from django.http import Http404

from tonus.web.accounts.permissions import Permission
from tonus.web.accounts.selectors import AnyUser, membership_require
from tonus.web.audit import record, record_denied
from tonus.web.audit.actions import Action
from tonus.web.visits.models import Visit


def visit_get(*, user: AnyUser, visit_id: int, audit: bool = True) -> Visit:
    """One visit of the user's clinic (404 otherwise). ``audit=False`` only for what a page
    embeds (its charts): the page's own read is the audited view."""
    membership = membership_require(user=user, permission=Permission.VISIT_VIEW)
    visit = (
        Visit.objects.select_related("client", "therapist")
        .filter(clinic_id=membership.clinic_id, pk=visit_id).first()
    )
    if visit is None:
        owner = Visit.objects.filter(pk=visit_id).values_list("clinic_id", "client_id").first()
        if owner is not None:
            record_denied(user=user, object_type="visit", object_id=visit_id,
                          owner_clinic_id=owner[0], client_id=owner[1])
        raise Http404("No such visit.")
    if audit:
        record(
            user=user, action=Action.VIEW, object_type="visit", object_id=visit.pk,
            clinic_id=membership.clinic_id, client_id=visit.client_id, summary="Opened visit",
        )
    return visit


def visit_list(*, user: AnyUser, client_id: int) -> list[Visit]:
    """A client's visits, newest first (an empty list for another clinic's client id)."""
    membership = membership_require(user=user, permission=Permission.VISIT_VIEW)
    visits = list(
        Visit.objects.select_related("therapist")
        .filter(clinic_id=membership.clinic_id, client_id=client_id)
    )
    record(
        user=user, action=Action.VIEW, object_type="visit-list", object_id=client_id,
        clinic_id=membership.clinic_id, client_id=client_id,
        summary=f"Listed {len(visits)} visits",
    )
    return visits
