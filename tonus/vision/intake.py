"""Safe photo intake: identify, bound, fully decode, orient and re-encode a client photo.

The format is identified from the file's bytes (magic numbers), never from its name. The file's
structure is walked before any pixel is decoded, so that size limits are checked on the header,
truncated files and data hidden after the image (polyglots) are refused, and Pillow only ever
sees a complete, single image of an accepted format. What is accepted is re-encoded as a fresh
JPEG with no metadata at all (no EXIF, GPS, XMP, ICC profile or comment).

Memory stays bounded however many uploads arrive at once: a photo larger than
``MAX_DECODE_PIXELS`` is decoded reduced (JPEG: the decoder's own 1/2, 1/4 or 1/8 scale, so the
full-size pixels are never in memory; other formats: reduced right after decoding), a
process-wide semaphore lets only ``DECODE_SLOTS`` photos decode at once (the others wait, then
are refused as "busy"), and anything over the pixel limit is refused from its header before any
pixel is decoded. A posture photo needs no more than about 16 megapixels.

Every refusal raises :class:`PhotoRejected` with a message meant for the therapist.
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import re
import threading
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps

JPEG_QUALITY = 92
# Bytes of unexplained data tolerated after the end of the image (some encoders pad a little).
TRAILING_TOLERANCE = 64
# Further complete JPEG streams after the first one (MPO, HDR gain maps, depth maps) are
# allowed and dropped; more than this many is refused.
MAX_EXTRA_JPEG_STREAMS = 8

_HEIF_NATIVE = "HEIF" in Image.OPEN  # Pillow without plugins: False in Pillow 10-13
ACCEPTED_FORMATS: tuple[str, ...] = ("JPEG", "PNG", "WEBP") + (("HEIF",) if _HEIF_NATIVE else ())
_ACCEPTED_LABEL = (
    "JPEG, PNG, WebP or HEIC" if _HEIF_NATIVE else "JPEG, PNG or WebP"
)
_HEIF_BRANDS = frozenset({b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"})

# Pillow's bomb limit and warning filters are process-wide: only one open() changes them at once.
_OPEN_LOCK = threading.Lock()

# Larger photos are decoded reduced to at most this many pixels (and stored at that size).
MAX_DECODE_PIXELS = 16_000_000
# Photos decoded at once in this process (gunicorn threads share it); a decode waits at most
# DECODE_WAIT_SECONDS for a slot. 16 MP of RGB is 48 MB, plus a copy or two while converting.
DECODE_SLOTS = int(os.environ.get("TONUS_PHOTO_DECODE_SLOTS", "2"))
DECODE_WAIT_SECONDS = 60.0
_DECODE_SEMAPHORE = threading.BoundedSemaphore(DECODE_SLOTS)

# A JPEG marker inside entropy-coded data: 0xFF followed by anything but a stuffed 0x00,
# a restart marker (0xD0-0xD7) or another fill byte.
_JPEG_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")
_SOF_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
# Long enough not to occur by chance in compressed pixel data (case-insensitive).
_HIDDEN_SCRIPTS = (b"<script", b"<?php", b"<html", b"<iframe")


class PhotoRejected(ValueError):  # noqa: N818 - the name says what happened to the photo
    """The file is refused; ``str(exc)`` is a clear message for the therapist."""

    def __init__(self, message: str, *, filename: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.filename = filename


class PhotoBusy(PhotoRejected):
    """Too many photos are being processed at this moment; the same file may be sent again."""


@dataclass(frozen=True, slots=True)
class AcceptedPhoto:
    """A photo that passed intake: a fresh JPEG without metadata, upright (EXIF applied)."""

    data: bytes
    width: int
    height: int
    sha256: str
    original_format: str  # "JPEG", "PNG", "WEBP" (or "HEIF" where Pillow reads it natively)

    def __repr__(self) -> str:  # never dump the photo's bytes into logs
        return (f"AcceptedPhoto(width={self.width}, height={self.height}, sha256={self.sha256!r}, "
                f"original_format={self.original_format!r}, {len(self.data)} bytes)")


@dataclass(frozen=True, slots=True)
class _Layout:
    """What the structural walk learned without decoding pixels."""

    fmt: str
    width: int
    height: int
    end: int  # offset just past the image (and any allowed extra JPEG streams)


# --------------------------------------------------------------------------- public entry point


def accept_photo(
    data: bytes,
    *,
    filename: str,
    max_bytes: int = 20_000_000,
    max_pixels: int = 40_000_000,
    min_side: int = 320,
) -> AcceptedPhoto:
    """Check, decode and re-encode an uploaded photo, or raise :class:`PhotoRejected`.

    ``filename`` is only used in messages: the format always comes from the bytes.
    """
    try:
        return _accept(bytes(data), max_bytes=max_bytes, max_pixels=max_pixels,
                       min_side=min_side)
    except PhotoRejected as exc:
        exc.filename = filename
        raise


def _accept(data: bytes, *, max_bytes: int, max_pixels: int, min_side: int) -> AcceptedPhoto:
    if not data:
        raise PhotoRejected("The file is empty")
    if len(data) > max_bytes:
        size, limit = _mb(len(data)), _mb(max_bytes)
        raise PhotoRejected(f"The file is {size} MB; the limit is {limit} MB" if size != limit
                            else f"The file is larger than the {limit} MB limit")

    fmt = _sniff(data)
    layout = _walk(data, fmt)
    _check_trailing(data, layout.end)
    _check_hidden_content(data)

    pixels = layout.width * layout.height
    if pixels > max_pixels:
        size, limit = _mp(pixels), _mp(max_pixels)
        raise PhotoRejected(f"The photo is {size} megapixels; the limit is {limit}"
                            if size != limit else f"The photo is over the {limit}-megapixel limit")
    if min(layout.width, layout.height) < min_side:
        raise PhotoRejected(
            f"The photo is too small ({layout.width}×{layout.height} pixels); "
            f"it must be at least {min_side} pixels on each side")

    if not _DECODE_SEMAPHORE.acquire(timeout=DECODE_WAIT_SECONDS):
        raise PhotoBusy("Tonus is busy processing other photos; please send this one again "
                        "in a minute")
    try:
        out, width, height = _decode(data, fmt, layout, max_pixels)
    finally:
        _DECODE_SEMAPHORE.release()
    return AcceptedPhoto(
        data=out, width=width, height=height,
        sha256=hashlib.sha256(out).hexdigest(), original_format=fmt,
    )


def _decode(data: bytes, fmt: str, layout: _Layout, max_pixels: int) -> tuple[bytes, int, int]:
    """Decode (reduced when large), orient and re-encode: (JPEG bytes, width, height)."""
    image = _open(data, fmt, max_pixels)
    try:
        if image.size != (layout.width, layout.height):
            raise PhotoRejected("The image data is inconsistent (the file is damaged)")
        if getattr(image, "is_animated", False) and image.format != "MPO":
            raise PhotoRejected("Animated images are not accepted; please send a still photo")
        scale = _reduction(layout.width, layout.height)
        if scale > 1 and image.format in ("JPEG", "MPO"):
            # The JPEG decoder scales while decoding (DCT scaling): full size is never held.
            image.draft("RGB", (math.ceil(layout.width / scale),
                                math.ceil(layout.height / scale)))
        try:
            image.load()  # full decode: a truncated or corrupt file fails here
        except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError) as exc:
            raise _decode_error(exc) from None
        if image.width * image.height > MAX_DECODE_PIXELS:  # other formats: reduce now
            factor = math.ceil(math.sqrt(image.width * image.height / MAX_DECODE_PIXELS))
            exif = image.getexif()
            reduced = image.reduce(factor)
            reduced.info["exif"] = exif.tobytes()  # keep the orientation for exif_transpose
            image.close()
            image = reduced
        try:
            upright = ImageOps.exif_transpose(image)
        except Exception:  # malformed EXIF: refuse rather than keep a wrongly rotated photo
            raise PhotoRejected(
                "The photo's orientation data (EXIF) is damaged; please export it again"
            ) from None
        rgb = _to_srgb(upright)
        if upright is not image:
            image.close()  # the decoded pixels are not needed any more
        out = _encode_clean(rgb)
        return out, rgb.width, rgb.height
    finally:
        image.close()


def _reduction(width: int, height: int) -> int:
    """The smallest JPEG decoding scale (1, 2, 4, 8) bringing the photo under the cap."""
    for scale in (1, 2, 4, 8):
        if math.ceil(width / scale) * math.ceil(height / scale) <= MAX_DECODE_PIXELS:
            return scale
    return 8


# --------------------------------------------------------------------------- identification


def _sniff(data: bytes) -> str:
    head = data[:64]
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        if _HEIF_NATIVE:
            return "HEIF"
        raise PhotoRejected(
            "The file is a HEIC photo, which cannot be read here; please send it as JPEG "
            "(on an iPhone: Settings › Camera › Formats › Most Compatible)")
    kind, is_image = _describe(data)
    if is_image:
        raise PhotoRejected(f"The file is {kind}; only {_ACCEPTED_LABEL} photos are accepted")
    raise PhotoRejected(f"The file is not an image (it looks like {kind})")


def _describe(data: bytes) -> tuple[str, bool]:
    """What some bytes look like, in words, and whether that is an (unaccepted) image format."""
    head = data[:1024]
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    images: tuple[tuple[tuple[bytes, ...], str], ...] = (
        ((b"GIF87a", b"GIF89a"), "a GIF image"), ((b"BM",), "a BMP image"),
        ((b"II*\x00", b"MM\x00*"), "a TIFF image"), ((b"8BPS",), "a Photoshop document"),
        ((b"\x00\x00\x00\x0cjP  ",), "a JPEG 2000 image"), ((b"qoif",), "a QOI image"),
    )
    for magics, kind in images:
        if head.startswith(magics):
            return kind, True
    if head[4:8] == b"ftyp":
        if head[8:12] in (b"avif", b"avis"):
            return "an AVIF image", True
        return "a video or other media file", False
    others: tuple[tuple[tuple[bytes, ...], str], ...] = (
        ((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08"), "a ZIP archive"),
        ((b"%PDF",), "a PDF document"), ((b"\x1f\x8b",), "a gzip archive"),
        ((b"7z\xbc\xaf\x27\x1c",), "a 7-Zip archive"), ((b"Rar!",), "a RAR archive"),
        ((b"\x7fELF", b"MZ"), "a program"), ((b"#!",), "a script"),
        ((b"\xd0\xcf\x11\xe0",), "an Office document"), ((b"RIFF",), "an audio or video file"),
        ((b"ID3", b"OggS", b"fLaC"), "an audio file"),
    )
    for magics, kind in others:
        if head.startswith(magics):
            return kind, False
    if stripped.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<script")) or \
            b"<html" in stripped:
        return "an HTML web page", False
    if stripped.startswith(b"<svg") or b"<svg" in stripped:
        return "an SVG drawing", True
    if stripped.startswith(b"<?xml"):
        return "an XML file", False
    if stripped.startswith((b"{", b"[")) and _is_text(head):
        return "a JSON or text file", False
    if _is_text(head):
        return "a text file", False
    return "a file of an unknown type", False


def _is_text(head: bytes) -> bool:
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # allow a multi-byte character cut at the end
            return False
        text = head[: exc.start].decode("utf-8")
    if not text:
        return False
    printable = sum(ch.isprintable() or ch in "\t\r\n\f" for ch in text)
    return printable / len(text) > 0.95


# --------------------------------------------------------------------------- structure walks

_TRUNCATED = "The image data is incomplete (the file was cut off)"
_DAMAGED = "The image data is damaged (the file is not a valid {fmt} image)"


def _walk(data: bytes, fmt: str) -> _Layout:
    if fmt == "JPEG":
        return _walk_jpeg(data)
    if fmt == "PNG":
        return _walk_png(data)
    if fmt == "WEBP":
        return _walk_webp(data)
    return _walk_bmff(data)


def _jpeg_stream(data: bytes, start: int) -> tuple[int, int, int]:
    """Walk one JPEG stream from its SOI at ``start``: (end offset, width, height)."""
    n = len(data)
    i = start + 2
    width = height = 0
    while True:
        if i >= n:
            raise PhotoRejected(_TRUNCATED)
        if data[i] != 0xFF:
            raise PhotoRejected(_DAMAGED.format(fmt="JPEG"))
        while i < n and data[i] == 0xFF:  # fill bytes
            i += 1
        if i >= n:
            raise PhotoRejected(_TRUNCATED)
        marker = data[i]
        i += 1
        if marker == 0xD9:  # end of image
            return i, width, height
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:  # standalone markers
            continue
        if i + 2 > n:
            raise PhotoRejected(_TRUNCATED)
        length = int.from_bytes(data[i:i + 2], "big")
        if length < 2:
            raise PhotoRejected(_DAMAGED.format(fmt="JPEG"))
        if i + length > n:
            raise PhotoRejected(_TRUNCATED)
        if marker in _SOF_MARKERS and not width:
            if length < 8:
                raise PhotoRejected(_DAMAGED.format(fmt="JPEG"))
            height = int.from_bytes(data[i + 3:i + 5], "big")
            width = int.from_bytes(data[i + 5:i + 7], "big")
        i += length
        if marker == 0xDA:  # start of scan: skip the entropy-coded data to the next marker
            found = _JPEG_MARKER.search(data, i)
            if found is None:
                raise PhotoRejected(_TRUNCATED)
            i = found.start()


def _walk_jpeg(data: bytes) -> _Layout:
    end, width, height = _jpeg_stream(data, 0)
    if not width or not height:
        raise PhotoRejected(_DAMAGED.format(fmt="JPEG"))
    extra = 0
    # Phones store secondary images (MPO, HDR gain maps, depth) as whole JPEG streams after the
    # first; they are walked like the first (so they hide nothing) and dropped on re-encoding.
    while data.startswith(b"\xff\xd8\xff", end) and extra < MAX_EXTRA_JPEG_STREAMS:
        end = _jpeg_stream(data, end)[0]
        extra += 1
    return _Layout("JPEG", width, height, end)


def _walk_png(data: bytes) -> _Layout:
    n = len(data)
    i = 8
    width = height = 0
    first = True
    while True:
        if i + 12 > n:
            raise PhotoRejected(_TRUNCATED)
        length = int.from_bytes(data[i:i + 4], "big")
        ctype = data[i + 4:i + 8]
        if length > 0x7FFFFFFF or not ctype.isalpha():
            raise PhotoRejected(_DAMAGED.format(fmt="PNG"))
        if i + 12 + length > n:
            raise PhotoRejected(_TRUNCATED)
        if first:
            if ctype != b"IHDR" or length != 13:
                raise PhotoRejected(_DAMAGED.format(fmt="PNG"))
            width = int.from_bytes(data[i + 8:i + 12], "big")
            height = int.from_bytes(data[i + 12:i + 16], "big")
            first = False
        i += 12 + length
        if ctype == b"IEND":
            break
    if not width or not height:
        raise PhotoRejected(_DAMAGED.format(fmt="PNG"))
    return _Layout("PNG", width, height, i)


def _walk_webp(data: bytes) -> _Layout:
    n = len(data)
    size = int.from_bytes(data[4:8], "little")
    end = 8 + size + (size & 1)
    if n < 30 or end > n + (size & 1):
        raise PhotoRejected(_TRUNCATED)
    end = min(end, n)
    chunk = data[12:16]
    body = data[20:]
    if chunk == b"VP8X":
        width = 1 + int.from_bytes(body[4:7], "little")
        height = 1 + int.from_bytes(body[7:10], "little")
    elif chunk == b"VP8 ":
        if body[3:6] != b"\x9d\x01\x2a":
            raise PhotoRejected(_DAMAGED.format(fmt="WebP"))
        width = int.from_bytes(body[6:8], "little") & 0x3FFF
        height = int.from_bytes(body[8:10], "little") & 0x3FFF
    elif chunk == b"VP8L":
        if body[0] != 0x2F:
            raise PhotoRejected(_DAMAGED.format(fmt="WebP"))
        bits = int.from_bytes(body[1:5], "little")
        width = 1 + (bits & 0x3FFF)
        height = 1 + ((bits >> 14) & 0x3FFF)
    else:
        raise PhotoRejected(_DAMAGED.format(fmt="WebP"))
    return _Layout("WEBP", width, height, end)


def _walk_bmff(data: bytes) -> _Layout:  # HEIF: ISO base media file format boxes
    n = len(data)
    i = 0
    while i < n:
        if i + 8 > n:
            raise PhotoRejected(_TRUNCATED)
        size = int.from_bytes(data[i:i + 4], "big")
        header = 8
        if size == 1:
            if i + 16 > n:
                raise PhotoRejected(_TRUNCATED)
            size = int.from_bytes(data[i + 8:i + 16], "big")
            header = 16
        elif size == 0:
            size = n - i
        if size < header:
            raise PhotoRejected(_DAMAGED.format(fmt="HEIC"))
        if i + size > n:
            raise PhotoRejected(_TRUNCATED)
        i += size
    with Image.open(io.BytesIO(data), formats=["HEIF"]) as probe:  # header only
        width, height = probe.size
    return _Layout("HEIF", width, height, n)


def _check_trailing(data: bytes, end: int) -> None:
    rest = len(data) - end
    if rest <= TRAILING_TOLERANCE:
        return
    kind, _ = _describe(data[end:])
    what = "" if kind == "a file of an unknown type" else f" ({kind})"
    raise PhotoRejected(
        f"The file has {rest} bytes of hidden data after the end of the image{what}; "
        "it was refused for safety. Please send the original photo (for a motion or live "
        "photo, export a still image first)")


def _check_hidden_content(data: bytes) -> None:
    """Refuse archives or web content tucked inside the image (e.g. in a metadata segment)."""
    tail = data[-65_557:]  # a ZIP's end-of-central-directory lies within this of the end
    if b"PK\x05\x06" in tail or b"PK\x03\x04" in data[:65_536]:
        raise PhotoRejected("The file hides a ZIP archive inside the image; it was refused "
                            "for safety. Please send the original photo")
    lowered = data.lower()
    for needle in _HIDDEN_SCRIPTS:
        if needle in lowered:
            raise PhotoRejected("The file hides web content (HTML or script) inside the image; "
                                "it was refused for safety. Please send the original photo")


# --------------------------------------------------------------------------- decoding


def _open(data: bytes, fmt: str, max_pixels: int) -> Image.Image:
    """Open (header only) with Pillow's decompression-bomb limit set to ``max_pixels``."""
    with _OPEN_LOCK:
        saved = Image.MAX_IMAGE_PIXELS
        Image.MAX_IMAGE_PIXELS = max_pixels
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                image = Image.open(io.BytesIO(data), formats=[fmt])
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise PhotoRejected(
                f"The photo has too many pixels; the limit is {_mp(max_pixels)} megapixels"
            ) from None
        except (OSError, SyntaxError, ValueError, EOFError) as exc:
            raise _decode_error(exc) from None
        finally:
            Image.MAX_IMAGE_PIXELS = saved
    if image.format not in (fmt, "MPO"):
        image.close()
        raise PhotoRejected(_DAMAGED.format(fmt=fmt))
    return image


def _decode_error(exc: BaseException) -> PhotoRejected:
    text = str(exc).lower()
    if "truncated" in text or isinstance(exc, EOFError):
        return PhotoRejected(_TRUNCATED)
    return PhotoRejected("The image could not be decoded (the file is damaged)")


def _to_srgb(image: Image.Image) -> Image.Image:
    """An RGB image in sRGB: ICC colours converted, alpha flattened on white, 16 bits scaled."""
    icc = image.info.get("icc_profile")
    if icc and image.mode in ("RGB", "RGBA", "L", "CMYK"):
        try:
            from PIL import ImageCms

            src = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            image = ImageCms.profileToProfile(
                image.convert("RGB") if image.mode != "CMYK" else image,
                src, ImageCms.createProfile("sRGB"), outputMode="RGB") or image
        except Exception:  # an unusable profile: keep the pixels as they are
            pass
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        image = image.convert("I").point(lambda v: v / 256).convert("L")
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, rgba)
    if image.mode != "RGB":
        image = image.convert("RGB")
    return image


def _encode_clean(rgb: Image.Image) -> bytes:
    """A fresh baseline JPEG built from raw pixels only: no metadata can be carried over."""
    clean = Image.new("RGB", rgb.size)
    clean.paste(rgb)  # one pixel copy (tobytes + frombytes made two), and no metadata
    rgb.close()
    buf = io.BytesIO()
    clean.save(buf, format="JPEG", quality=JPEG_QUALITY, exif=b"", icc_profile=None,
               comment=b"")
    return buf.getvalue()


def _mb(n: int) -> str:
    return _num(n / 1_000_000)


def _mp(n: int) -> str:
    return _num(n / 1_000_000)


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text
