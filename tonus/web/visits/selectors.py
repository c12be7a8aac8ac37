"""Every read of a visit: scoped to the user's clinic (404 otherwise) and audited."""

from __future__ import annotations

from django.http import Http404

from tonus.web.accounts.permissions import Permission
from tonus.web.accounts.selectors import AnyUser, membership_require
from tonus.web.audit import record
from tonus.web.audit.actions import Action
from tonus.web.visits.models import Visit


def visit_get(*, user: AnyUser, visit_id: int) -> Visit:
    membership = membership_require(user=user, permission=Permission.VISIT_VIEW)
    visit = (
        Visit.objects.select_related("client", "therapist")
        .filter(clinic_id=membership.clinic_id, pk=visit_id).first()
    )
    if visit is None:
        raise Http404("No such visit.")
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
