"""Every read of a treatment plan: scoped to the user's clinic (404 otherwise) and audited."""

from __future__ import annotations

from tonus.web.accounts.permissions import Permission
from tonus.web.accounts.selectors import AnyUser, membership_require
from tonus.web.audit import record
from tonus.web.audit.actions import Action
from tonus.web.clients.models import Client
from tonus.web.plans.models import TreatmentPlan


def plan_get(*, user: AnyUser, client: Client) -> TreatmentPlan | None:
    """The client's current plan, or None if none was made yet (the client is already scoped:
    it comes from ``client_get``)."""
    membership = membership_require(user=user, permission=Permission.VISIT_VIEW)
    plan = (TreatmentPlan.objects.select_related("source_visit")
            .filter(clinic_id=membership.clinic_id, client_id=client.pk).first())
    if plan is not None:
        record(
            user=user, action=Action.VIEW, object_type="treatment-plan", object_id=plan.pk,
            clinic_id=membership.clinic_id, client_id=client.pk, summary="Opened treatment plan",
        )
    return plan
