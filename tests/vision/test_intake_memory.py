"""Bounded memory for large photos: reduced decoding above a pixel cap, a cap on concurrent
decodes (busy, not queued forever), refusal from the header before any decoding."""

from __future__ import annotations

import io
import threading

import pytest
from PIL import Image

from tonus.vision import intake
from tonus.vision.intake import PhotoBusy, PhotoRejected, accept_photo


def _photo(fmt: str, size: tuple[int, int], orientation: int | None = None) -> bytes:
    image = Image.new("RGB", size, (40, 90, 200))
    image.paste((220, 30, 30), (0, 0, size[0], size[1] // 4))  # red band along the top
    buf = io.BytesIO()
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    image.save(buf, fmt, **({"exif": exif.tobytes()} if orientation else {}))
    return buf.getvalue()


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_a_photo_over_the_decode_cap_is_stored_reduced(
    monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    monkeypatch.setattr(intake, "MAX_DECODE_PIXELS", 200_000)
    photo = accept_photo(_photo(fmt, (1000, 800)), filename="big")
    assert photo.width * photo.height <= 200_000
    assert photo.width / photo.height == pytest.approx(1000 / 800, rel=0.01)
    assert photo.width >= 400  # reduced by the smallest factor that fits, not more
    stored = Image.open(io.BytesIO(photo.data))
    assert stored.size == (photo.width, photo.height)
    assert stored.getpixel((photo.width // 2, 5))[0] > 180  # the red band is still on top


def test_a_reduced_photo_keeps_its_orientation(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(intake, "MAX_DECODE_PIXELS", 200_000)
    photo = accept_photo(_photo("JPEG", (1000, 800), orientation=6), filename="turned.jpg")
    assert photo.height > photo.width  # rotated upright after the reduction


def test_a_photo_under_the_cap_keeps_its_size() -> None:
    photo = accept_photo(_photo("JPEG", (1200, 900)), filename="ok.jpg")
    assert (photo.width, photo.height) == (1200, 900)


def test_when_every_decode_slot_is_taken_an_upload_is_refused_as_busy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    slots = threading.BoundedSemaphore(1)
    monkeypatch.setattr(intake, "_DECODE_SEMAPHORE", slots)
    monkeypatch.setattr(intake, "DECODE_WAIT_SECONDS", 0.05)
    data = _photo("JPEG", (640, 480))
    slots.acquire()
    try:
        with pytest.raises(PhotoBusy, match="busy"):
            accept_photo(data, filename="a.jpg")
    finally:
        slots.release()
    assert accept_photo(data, filename="a.jpg").width == 640  # the slot is free again


def test_over_the_pixel_limit_is_refused_before_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_decoding(*args: object, **kwargs: object) -> None:
        raise AssertionError("decoded a photo that its header already refused")

    monkeypatch.setattr(intake, "_decode", no_decoding)
    with pytest.raises(PhotoRejected, match="megapixels"):
        accept_photo(_photo("JPEG", (1000, 800)), filename="x.jpg", max_pixels=500_000)
