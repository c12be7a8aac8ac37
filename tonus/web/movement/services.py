"""Every write to movement clips, their decisions and the visit's case from them: atomic,
validated, audited."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404

from tonus.core.ids import vocabulary
from tonus.core.movement.analysis import MovementAnalysis
from tonus.vision.storage import delete_clip, store_clip
from tonus.vision.video import accept_video
from tonus.web.accounts.models import Membership
from tonus.web.accounts.permissions import Permission
from tonus.web.accounts.selectors import membership_require
from tonus.web.audit import record
from tonus.web.audit.actions import Action
from tonus.web.movement.models import (
    SLOTS,
    ClipStatus,
    Decision,
    MovementClip,
    MovementDecision,
)
from tonus.web.stored_files import file_kept_only_if_saved, forget_replaced_on_commit
from tonus.web.visits.models import Visit
from tonus.web.visits.services import visit_case_update


def clip_root() -> Path:
    """Where clips live: outside the database, never under a public URL."""
    return Path(settings.MEDIA_ROOT) / "clips"


def _editor(by: AbstractBaseUser, clinic_id: int) -> Membership:
    membership = membership_require(user=by, permission=Permission.VISIT_EDIT)
    if membership.clinic_id != clinic_id:
        raise Http404("No such visit.")
    return membership


def _forget_file(sha256: str) -> None:
    """Delete a stored clip no row refers to any more (a replaced clip must not linger), with
    the folders it leaves empty."""
    if not MovementClip.objects.filter(sha256=sha256).exists():
        with contextlib.suppress(OSError):
            delete_clip(clip_root(), sha256)


def clip_files_forget(sha256s: set[str]) -> None:
    """After a commit that deleted clip rows (a visit or a client erased): their files go."""
    for sha256 in sha256s:
        _forget_file(sha256)


def clip_upload(*, by: AbstractBaseUser, visit: Visit, slot: str, data: bytes,
                filename: str) -> MovementClip:
    """Check, re-encode, store and queue one screen's clip (replacing that slot's earlier one,
    and the decisions made on it: they were about another recording).

    Raises VideoRejected (nothing stored) for a file that is not a safe, usable clip.
    """
    if slot not in SLOTS:
        raise ValidationError({"slot": f"Unknown movement screen {slot!r}."})
    _editor(by, visit.clinic_id)
    accepted = accept_video(data, filename=filename)  # before any write: refusal stores nothing
    stored = store_clip(clip_root(), accepted)
    with file_kept_only_if_saved(created=stored.created, sha256=accepted.sha256,
                                 forget=_forget_file), transaction.atomic():
        clip = MovementClip.objects.select_for_update().filter(visit=visit, slot=slot).first()
        replaced = clip.sha256 if clip is not None else None
        if clip is not None:
            _withdraw_confirmed(by, clip)
            clip.decisions.all().delete()
        clip = clip or MovementClip(clinic_id=visit.clinic_id, visit=visit, slot=slot)
        clip.sha256 = accepted.sha256
        clip.width, clip.height = accepted.width, accepted.height
        clip.seconds, clip.fps = round(accepted.seconds, 2), round(accepted.fps, 3)
        clip.uploaded_by_id = by.pk
        clip.status, clip.problem = ClipStatus.QUEUED, ""
        clip.analysis, clip.landmarks = None, None
        clip.full_clean()
        clip.save()
        record(
            user=by, action=Action.CREATE if replaced is None else Action.UPDATE,
            object_type="movement-clip", object_id=clip.pk, clinic_id=visit.clinic_id,
            client_id=visit.client_id,
            summary=f"Uploaded the {SLOTS[slot][3]} clip ({accepted.seconds:.0f} s)",
        )
        clip_id = clip.pk
        transaction.on_commit(lambda: _enqueue_analysis(clip_id))
        forget_replaced_on_commit(replaced=replaced, new=accepted.sha256,
                                  forget=_forget_file)
    return clip


def _enqueue_analysis(clip_id: int) -> None:
    from tonus.web.movement.tasks import analyse_movement_clip

    analyse_movement_clip.enqueue(clip_id)


# ------------------------------------------------------------------ analysis (the task)


@transaction.atomic
def clip_analysis_start(*, clip_id: int) -> MovementClip | None:
    """Mark a queued clip as running; None when it is gone or already handled."""
    clip = MovementClip.objects.select_for_update().filter(pk=clip_id).first()
    if clip is None or clip.status != ClipStatus.QUEUED:
        return None
    clip.status = ClipStatus.RUNNING
    clip.save(update_fields=["status"])
    return clip


@transaction.atomic
def clip_analysis_finish(*, clip_id: int, sha256: str, analysis: MovementAnalysis | None,
                         landmarks: dict[str, Any] | None, problem: str = "",
                         ) -> MovementClip | None:
    """Store what the analysis found; ignored when the clip was replaced meanwhile."""
    clip = MovementClip.objects.select_for_update().filter(pk=clip_id, sha256=sha256).first()
    if clip is None or clip.status != ClipStatus.RUNNING:
        return None
    if analysis is not None:
        clip.status, clip.problem = ClipStatus.DONE, ""
        clip.analysis = analysis.model_dump(mode="json")
        clip.landmarks = landmarks
        summary = (f"Movement analysed: {len(analysis.reps)} repetitions, "
                   f"{len(analysis.findings)} compensations proposed")
    else:
        clip.status, clip.problem = ClipStatus.FAILED, problem
        summary = f"Movement not analysed: {problem}"
    clip.full_clean()
    clip.save()
    record(user=None, action=Action.UPDATE, object_type="movement-clip", object_id=clip.pk,
           clinic_id=clip.clinic_id, client_id=clip.visit.client_id, summary=summary)
    return clip


# ------------------------------------------------------------------ the therapist decides


def _proposal(clip: MovementClip, kind: str, key: str, side: str) -> dict[str, Any]:
    result = clip.result()
    if result is None:
        raise ValidationError("The clip has not been analysed yet.")
    if kind == "finding":
        for f in result.findings:
            if f.finding == key and (f.side or "") == side:
                return {"degrees": None}
    else:
        for r in result.rom:
            if r.test == key:
                return {"degrees": float(r.degrees)}
    raise ValidationError("That proposal is not part of this clip's analysis.")


def _case_with(case: dict[str, Any], decision: MovementDecision,
               present: bool) -> dict[str, Any]:
    """The case with the decision's entry added (present) or taken out."""
    case = dict(case)
    entry = decision.case_entry()
    if decision.kind == "rom":
        items = [r for r in case.get("rom", []) if r.get("test") != entry["test"]]
        if present:
            items.append(entry)
        case["rom"] = items
    else:
        items = [m for m in case.get("movement", []) if m != entry]
        if present:
            items.append(entry)
        case["movement"] = items
    return case


def _withdraw_confirmed(by: AbstractBaseUser, clip: MovementClip) -> None:
    """Take a replaced clip's confirmed entries out of the case (they were about it)."""
    confirmed = list(clip.decisions.filter(decision=Decision.CONFIRMED))
    if not confirmed:
        return
    visit = Visit.objects.select_for_update().get(pk=clip.visit_id)
    case = dict(visit.case)
    for d in confirmed:
        case = _case_with(case, d, present=False)
    visit_case_update(by=by, visit=visit, case=case,
                      summary="Movement findings of a replaced clip taken out of the case")


@transaction.atomic
def decide(*, by: AbstractBaseUser, clip: MovementClip, kind: str, key: str, side: str,
           decision: str, by_eye: bool = False) -> MovementDecision:
    """Confirm (into the case, re-assessed) or reject (out of it) one proposal; a compensation
    seen by eye is confirmed the same way."""
    _editor(by, clip.clinic_id)
    if kind not in ("finding", "rom") or decision not in Decision.values:
        raise ValidationError("Unknown kind of decision.")
    findings = vocabulary().movement_findings
    if kind == "finding":
        if key not in findings:
            raise ValidationError({"key": f"Unknown movement finding {key!r}."})
        if findings[key] != bool(side) or side not in ("", "l", "r"):
            raise ValidationError({"side": f"{key} {'needs' if findings[key] else 'has no'} "
                                           "side."})
    if by_eye:
        if kind != "finding" or decision != Decision.CONFIRMED:
            raise ValidationError("Only a compensation can be added by eye.")
        degrees = None
    else:
        degrees = _proposal(clip, kind, key, side)["degrees"]
    clip = MovementClip.objects.select_for_update().get(pk=clip.pk)
    row, _ = MovementDecision.objects.update_or_create(
        clip=clip, kind=kind, key=key, side=side,
        defaults={"clinic_id": clip.clinic_id, "degrees": degrees, "decision": decision,
                  "decided_by_id": by.pk, "by_eye": by_eye})
    visit = Visit.objects.select_for_update().get(pk=clip.visit_id)
    case = _case_with(visit.case, row, present=decision == Decision.CONFIRMED)
    what = key.replace("-", " ") + (f" ({'left' if side == 'l' else 'right'})" if side else "")
    visit_case_update(by=by, visit=visit, case=case,
                      summary=f"Movement {kind} {decision}: {what} ({SLOTS[clip.slot][3]})")
    return row


@transaction.atomic
def decision_undo(*, by: AbstractBaseUser, decision: MovementDecision) -> None:
    """Forget a decision (back to a proposal); its entry leaves the case."""
    _editor(by, decision.clinic_id)
    visit = Visit.objects.select_for_update().get(pk=decision.clip.visit_id)
    case = _case_with(visit.case, decision, present=False)
    decision.delete()
    visit_case_update(by=by, visit=visit, case=case,
                      summary=f"Movement decision withdrawn: {decision.key}")
