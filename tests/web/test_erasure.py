"""No orphans: photo files without a row are cleaned up, replaced photos leave no empty
folders, and deleting a visit or erasing a client deletes their stored files."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.test import Client as HttpClient

from tests.web.posture_helpers import small_jpeg, visit_of


def _root() -> Path:
    return Path(settings.MEDIA_ROOT) / "photos"


def _tree() -> list[str]:
    root = _root()
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*")) if root.exists() else []


def _upload(by: Any, visit: Any, view: str, seed: int) -> Any:
    from tonus.web.posture.services import photo_upload

    return photo_upload(by=by, visit=visit, view=view, data=small_jpeg((480 + seed, 640)),
                        filename="p.jpg")


def test_a_replaced_photo_leaves_no_file_or_empty_folder(
    alice: Any, client_of_a: Any, django_capture_on_commit_callbacks: Any
) -> None:
    visit = visit_of(alice, client_of_a)
    with django_capture_on_commit_callbacks(execute=True):
        first = _upload(alice, visit, "anterior", 0).sha256
    with django_capture_on_commit_callbacks(execute=True):
        second = _upload(alice, visit, "anterior", 1).sha256
    tree = _tree()
    assert not any(first in p for p in tree)
    assert tree == [second[:2], f"{second[:2]}/{second[2:4]}",
                    f"{second[:2]}/{second[2:4]}/{second}.jpg"]


def test_deleting_a_visit_deletes_its_photo_files(
    alice: Any, bob: Any, as_bob: HttpClient, client_of_a: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from tonus.web.audit.models import AuditEvent
    from tonus.web.visits.models import Visit

    kept, gone = visit_of(alice, client_of_a), visit_of(alice, client_of_a)
    with django_capture_on_commit_callbacks(execute=True):
        keep_sha = _upload(alice, kept, "anterior", 0).sha256
        _upload(alice, gone, "anterior", 1)
        _upload(alice, gone, "posterior", 2)
    assert len([p for p in _tree() if p.endswith(".jpg")]) == 3
    confirm = as_bob.get(f"/clients/visits/{gone.pk}/delete/").content.decode()
    assert "2 posture photos" in confirm and Visit.objects.filter(pk=gone.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = as_bob.post(f"/clients/visits/{gone.pk}/delete/", follow=True)
    assert "Deleted the visit" in response.content.decode()
    assert not Visit.objects.filter(pk=gone.pk).exists()
    assert [p for p in _tree() if p.endswith(".jpg")] == [
        f"{keep_sha[:2]}/{keep_sha[2:4]}/{keep_sha}.jpg"]
    assert len(_tree()) == 3  # no empty folders left behind
    assert AuditEvent.objects.filter(action="delete", object_type="visit",
                                     object_id=str(gone.pk)).exists()


def test_erasing_a_client_deletes_every_record_and_file(
    alice: Any, bob: Any, as_bob: HttpClient, client_of_a: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from tonus.web.audit.models import AuditEvent
    from tonus.web.clients.models import Client
    from tonus.web.plans.services import plan_seed
    from tonus.web.posture.models import PosturePhoto
    from tonus.web.visits.models import Visit

    visits = [visit_of(alice, client_of_a) for _ in range(2)]
    with django_capture_on_commit_callbacks(execute=True):
        for n, visit in enumerate(visits):
            _upload(alice, visit, "anterior", n)
    plan_seed(by=alice, client=client_of_a, visit=visits[0])
    url = f"/clients/{client_of_a.pk}/erase/"
    assert as_bob.post(url, {"confirm_name": "Sarah"}).status_code == 422  # not the full name
    assert Client.objects.filter(pk=client_of_a.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = as_bob.post(url, {"confirm_name": "Sarah Whitfield"}, follow=True)
    assert "Erased the client record, 2 visit(s) and 2 photo(s)" in response.content.decode()
    assert not Client.objects.filter(pk=client_of_a.pk).exists()
    assert not Visit.objects.filter(client_id=client_of_a.pk).exists()
    assert not PosturePhoto.objects.exists()
    assert _tree() == []
    event = AuditEvent.objects.get(action="delete", object_type="client")
    assert "Sarah" not in event.summary and "Whitfield" not in event.summary


def test_only_a_clinic_admin_may_erase(
    alice: Any, as_alice: HttpClient, as_carol: HttpClient, client_of_a: Any
) -> None:
    from tonus.web.clients.models import Client

    visit = visit_of(alice, client_of_a)
    assert as_alice.get(f"/clients/{client_of_a.pk}/erase/").status_code == 403
    assert as_alice.post(f"/clients/visits/{visit.pk}/delete/").status_code == 403
    assert as_carol.post(f"/clients/{client_of_a.pk}/erase/",
                         {"confirm_name": "Sarah Whitfield"}).status_code == 403
    assert Client.objects.filter(pk=client_of_a.pk).exists()


def test_orphaned_photo_files_are_cleaned_up_but_not_fresh_uploads(
    alice: Any, client_of_a: Any, django_capture_on_commit_callbacks: Any
) -> None:
    visit = visit_of(alice, client_of_a)
    with django_capture_on_commit_callbacks(execute=True):
        kept = _upload(alice, visit, "anterior", 0).sha256
    root = _root()
    old_orphan = root / "aa" / "bb" / ("aabb" + "1" * 60 + ".jpg")
    fresh_orphan = root / "cc" / "dd" / ("ccdd" + "2" * 60 + ".jpg")
    stale_part = root / "ee" / "ff" / ".incoming-x.part"
    for path in (old_orphan, fresh_orphan, stale_part):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"\xff\xd8")
    hour_ago = time.time() - 2 * 3600
    for path in (old_orphan, stale_part):
        os.utime(path, (hour_ago, hour_ago))
    call_command("photos_cleanup", "--dry-run")
    assert old_orphan.exists()
    call_command("photos_cleanup")
    assert not old_orphan.exists() and not stale_part.exists()
    assert not (root / "aa").exists() and not (root / "ee").exists()
    assert fresh_orphan.exists()  # its upload may still be committing
    assert (root / kept[:2] / kept[2:4] / f"{kept}.jpg").exists()


def test_deleting_a_visit_deletes_its_movement_clip_files(
    alice: Any, bob: Any, client_of_a: Any, django_capture_on_commit_callbacks: Any,
) -> None:
    import hashlib

    from tonus.vision.storage import clip_path
    from tonus.web.clients.erasure import visit_delete
    from tonus.web.movement.models import MovementClip
    from tonus.web.movement.services import clip_root

    visit = visit_of(alice, client_of_a)
    data = b"stored clip bytes"
    sha = hashlib.sha256(data).hexdigest()
    path = clip_path(clip_root(), sha)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    MovementClip.objects.create(clinic_id=visit.clinic_id, visit=visit,
                                slot="overhead-squat-front", sha256=sha, width=640,
                                height=480, seconds=5, fps=30, uploaded_by=alice)
    with django_capture_on_commit_callbacks(execute=True):
        visit_delete(by=bob, visit=visit)
    assert not path.exists() and not path.parent.exists()  # the file and its empty folders
    assert not MovementClip.objects.exists()


def test_orphaned_clip_files_are_cleaned_up_too(alice: Any, client_of_a: Any) -> None:
    from tonus.vision.storage import clip_path
    from tonus.web.movement.models import MovementClip
    from tonus.web.movement.services import clip_root

    visit = visit_of(alice, client_of_a)
    kept_sha, orphan_sha = "ab" + "3" * 62, "cd" + "4" * 62
    MovementClip.objects.create(clinic_id=visit.clinic_id, visit=visit,
                                slot="overhead-squat-front", sha256=kept_sha, width=640,
                                height=480, seconds=5, fps=30, uploaded_by=alice)
    kept, orphan = clip_path(clip_root(), kept_sha), clip_path(clip_root(), orphan_sha)
    hour_ago = time.time() - 2 * 3600
    for path in (kept, orphan):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"mp4")
        os.utime(path, (hour_ago, hour_ago))
    call_command("photos_cleanup")
    assert kept.exists()
    assert not orphan.exists() and not (clip_root() / orphan_sha[:2]).exists()
