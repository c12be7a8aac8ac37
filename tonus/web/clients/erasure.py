"""The right to erasure: a clinic admin deletes a visit, or a client's whole record, with the
photo and movement-clip files stored for them. Atomic and audited; the files go once the
deletion has committed (a rolled-back deletion keeps them). The audit log keeps its events (who
did what, when, to which record number): it holds no health data, and a clinic must be able to
show the erasure.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.http import Http404

from tonus.web.accounts.permissions import Permission
from tonus.web.accounts.selectors import membership_require
from tonus.web.audit import record
from tonus.web.audit.actions import Action
from tonus.web.clients.models import Client
from tonus.web.movement.models import MovementClip
from tonus.web.movement.services import clip_files_forget
from tonus.web.plans.models import TreatmentPlan
from tonus.web.posture.models import PosturePhoto
from tonus.web.posture.services import photo_files_forget
from tonus.web.visits.models import Visit


def _admin_clinic(by: AbstractBaseUser, clinic_id: int) -> int:
    membership = membership_require(user=by, permission=Permission.CLINIC_MANAGE)
    if membership.clinic_id != clinic_id:
        raise Http404("No such record.")
    return clinic_id


def _photos_of(visits: list[int]) -> set[str]:
    return set(PosturePhoto.objects.filter(visit_id__in=visits).values_list("sha256", flat=True))


def _clips_of(visits: list[int]) -> set[str]:
    return set(MovementClip.objects.filter(visit_id__in=visits).values_list("sha256", flat=True))


def _forget_files_on_commit(photos: set[str], clips: set[str]) -> None:
    transaction.on_commit(lambda: photo_files_forget(photos))
    transaction.on_commit(lambda: clip_files_forget(clips))


@transaction.atomic
def visit_delete(*, by: AbstractBaseUser, visit: Visit) -> int:
    """Delete one visit (case, assessment, session, posture photos); returns photos deleted."""
    clinic_id = _admin_clinic(by, visit.clinic_id)
    photos, clips = _photos_of([visit.pk]), _clips_of([visit.pk])
    TreatmentPlan.objects.filter(source_visit_id=visit.pk).update(source_visit=None)
    when, visit_id, client_id = visit.visit_date, visit.pk, visit.client_id
    visit.delete()
    record(user=by, action=Action.DELETE, object_type="visit", object_id=visit_id,
           clinic_id=clinic_id, client_id=client_id,
           summary=f"Deleted the visit of {when:%Y-%m-%d} with {len(photos)} photo(s) and "
                   f"{len(clips)} movement clip(s)")
    _forget_files_on_commit(photos, clips)
    return len(photos)


@transaction.atomic
def client_erase(*, by: AbstractBaseUser, client: Client) -> tuple[int, int]:
    """Erase a client's whole record; returns (visits, photos) deleted."""
    clinic_id = _admin_clinic(by, client.clinic_id)
    client = Client.objects.select_for_update().get(pk=client.pk)
    visits = list(Visit.objects.filter(client_id=client.pk).values_list("pk", flat=True))
    photos, clips = _photos_of(visits), _clips_of(visits)
    TreatmentPlan.objects.filter(client_id=client.pk).delete()
    Visit.objects.filter(pk__in=visits).delete()
    client_id = client.pk
    client.delete()
    record(user=by, action=Action.DELETE, object_type="client", object_id=client_id,
           clinic_id=clinic_id, client_id=client_id,
           summary=f"Erased the client record with {len(visits)} visit(s) and "
                   f"{len(photos)} photo(s) and {len(clips)} movement clip(s) (right to erasure)")
    _forget_files_on_commit(photos, clips)
    return len(visits), len(photos)
