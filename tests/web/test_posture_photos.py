"""Posture photos of a visit: upload, safe intake, background landmark detection, access."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.web.posture_helpers import SHARED_PHOTO, photo_with_landmarks, small_jpeg, visit_of
from tonus.web.posture.models import PosturePhoto

pytestmark = pytest.mark.django_db


@pytest.fixture
def visit(alice: Any, client_of_a: Any) -> Any:
    return visit_of(alice, client_of_a)


def _stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / "photos"
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _upload(http: Any, visit: Any, view: str, data: bytes, name: str, **headers: Any) -> Any:
    url = reverse("posture:photo-upload", kwargs={"visit_id": visit.pk, "view": view})
    return http.post(url, {"photo": SimpleUploadedFile(name, data)}, **headers)


def test_photos_page_has_four_slots_with_camera_and_height(as_alice: Any, visit: Any) -> None:
    page = as_alice.get(reverse("posture:visit-photos", kwargs={"visit_id": visit.pk}))
    assert page.status_code == 200
    html = page.content.decode()
    for label in ("Anterior", "Posterior", "Left lateral", "Right lateral"):
        assert label in html
    assert html.count('capture="environment"') == 4
    assert html.count('accept="image/jpeg,image/png,image/webp"') == 8
    assert 'name="height_cm"' in html


def test_height_is_stored_on_the_posture_session(as_alice: Any, visit: Any) -> None:
    url = reverse("posture:session-height", kwargs={"visit_id": visit.pk})
    as_alice.post(url, {"height_cm": "172.5"})
    assert visit.posture.height_cm == 172.5
    as_alice.post(url, {"height_cm": "9000"})  # refused, unchanged
    visit.posture.refresh_from_db()
    assert visit.posture.height_cm == 172.5


@pytest.mark.skipif(not SHARED_PHOTO.exists(), reason="shared pose photos not present")
def test_real_photo_upload_runs_detection_and_stores_landmarks(
    as_alice: Any, visit: Any, django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = _upload(as_alice, visit, "anterior", SHARED_PHOTO.read_bytes(), "front.jpg")
    assert response.status_code == 302
    assert len(callbacks) == 1  # detection enqueued after the commit
    photo = PosturePhoto.objects.get(visit=visit, view="anterior")
    assert photo.status == "done", photo.problem
    landmarks = photo.landmark_set()
    assert landmarks is not None and landmarks.view == "anterior"
    assert len(landmarks.landmarks) == 33
    assert landmarks.landmarks["nose"].y < landmarks.landmarks["left_ankle"].y
    assert (photo.width, photo.height) == (2048, 2048)
    assert [p.name for p in _stored_files()] == [f"{photo.sha256}.jpg"]

    image = as_alice.get(reverse("posture:photo-image", kwargs={"photo_id": photo.pk}))
    assert image.status_code == 200 and image["Content-Type"] == "image/jpeg"
    assert image["Cache-Control"] == "private, no-store"
    assert image.content[:3] == b"\xff\xd8\xff" and b"Exif" not in image.content[:200]

    page = as_alice.get(reverse("posture:photo-landmarks", kwargs={"photo_id": photo.pk}))
    assert page.status_code == 200
    assert 'data-name="left_shoulder"' in page.content.decode()


def test_upload_queues_the_task_and_the_slot_polls(
    as_alice: Any, visit: Any, django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = _upload(as_alice, visit, "posterior", small_jpeg(), "back.jpg",
                           HTTP_HX_REQUEST="true")
    assert len(callbacks) == 1  # the enqueue, not yet run
    html = response.content.decode()
    photo = PosturePhoto.objects.get(visit=visit, view="posterior")
    assert photo.status == "queued"
    assert 'hx-trigger="every 2s"' in html
    assert reverse("posture:photo-status", kwargs={"photo_id": photo.pk}) in html
    callbacks[0]()  # the immediate backend runs detection now: a blank photo has no person
    photo.refresh_from_db()
    assert photo.status == "failed" and photo.problem.startswith("No person was found")
    status = as_alice.get(reverse("posture:photo-status", kwargs={"photo_id": photo.pk}))
    assert "No person was found" in status.content.decode()
    assert 'hx-trigger="every 2s"' not in status.content.decode()


def _png_bomb(width: int = 10000, height: int = 5000) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(
            ">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    packer = zlib.compressobj(9)
    row = b"\x00" * (width + 1)  # filter byte + one grey byte per pixel
    idat = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def _polyglot() -> bytes:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("payload.html", "<script>alert(1)</script>" * 20)
    return small_jpeg() + archive.getvalue()


@pytest.mark.parametrize(("data", "message"), [
    (b"Dear clinic, this is just a letter.\n" * 20, "not an image"),
    (small_jpeg()[: len(small_jpeg()) // 2], "incomplete"),
    (_png_bomb(), "50 megapixels"),
    (_polyglot(), "ZIP archive"),
], ids=["text-renamed-jpg", "truncated-jpeg", "png-bomb", "jpeg-zip-polyglot"])
def test_hostile_files_are_refused_and_nothing_is_stored(
    as_alice: Any, visit: Any, data: bytes, message: str,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = _upload(as_alice, visit, "anterior", data, "photo.jpg", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert message in html and "Nothing was saved" in html
    assert not PosturePhoto.objects.exists()
    assert _stored_files() == []
    assert callbacks == []
    plain = _upload(as_alice, visit, "anterior", data, "photo.jpg")  # without htmx: a message
    assert plain.status_code == 302
    assert message in as_alice.get(plain["Location"]).content.decode()


def test_another_clinic_gets_404_everywhere(as_carol: Any, alice: Any, visit: Any) -> None:
    photo = photo_with_landmarks(visit, alice)
    for name in ("photo-landmarks", "photo-image", "photo-status"):
        assert as_carol.get(reverse(f"posture:{name}", kwargs={"photo_id": photo.pk})
                            ).status_code == 404
    for name in ("landmark-move", "measures-use"):
        assert as_carol.post(reverse(f"posture:{name}", kwargs={"photo_id": photo.pk}),
                             {"name": "right_shoulder", "x": "1", "y": "1"}).status_code == 404
    assert as_carol.get(reverse("posture:visit-photos", kwargs={"visit_id": visit.pk})
                        ).status_code == 404
    assert _upload(as_carol, visit, "anterior", small_jpeg(), "x.jpg").status_code == 404
    photo.refresh_from_db()
    assert photo.landmarks["landmarks"]["right_shoulder"]["x"] == 430.0  # untouched


def test_photos_are_never_under_a_public_media_url(
    as_alice: Any, visit: Any, django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=False):
        _upload(as_alice, visit, "anterior", small_jpeg(), "front.jpg")
    [stored] = _stored_files()
    assert stored.stat().st_mode & 0o077 == 0  # private to the service account
    relative = stored.relative_to(Path(settings.MEDIA_ROOT)).as_posix()
    assert as_alice.get(f"/{settings.MEDIA_URL.strip('/')}/{relative}").status_code == 404


def test_anonymous_is_sent_to_login(client: Any, alice: Any, visit: Any) -> None:
    photo = photo_with_landmarks(visit, alice)
    response = client.get(reverse("posture:photo-image", kwargs={"photo_id": photo.pk}))
    assert response.status_code == 302 and "login" in response["Location"]
