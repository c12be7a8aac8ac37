"""Safe movement-clip intake: identify, bound, then re-encode a clip without metadata.

The container is identified from the file's first bytes (MP4/QuickTime ``ftyp`` box, or the
WebM/Matroska EBML header), never from the name. FFmpeg (through PyAV, whose wheel ships it) then
reads only the container's headers and the compressed packets, WITHOUT decoding a frame, to
check: exactly one video stream, an accepted codec, its size in pixels, and the real duration
from the packets' own timestamps (MediaRecorder's WebM often has no duration in its header).
Only a clip within every limit is decoded, and it is re-encoded as a fresh H.264 MP4 (at most
1280 pixels on the long side, upright, no audio, no metadata at all: no GPS, device, date or
title), so that what is stored and shown is the same for every camera and browser.

Every refusal raises :class:`VideoRejected` with a message for the therapist; nothing is stored
by this module (see storage.py for the atomic, content-addressed store).
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

MAX_BYTES = 100_000_000
MAX_SECONDS = 30.0
MIN_SECONDS = 1.0
MAX_PIXELS = 1920 * 1088  # 1080p (portrait or landscape); 4K takes too long to analyse
MIN_SIDE = 240
OUT_LONG_SIDE = 1280
OUT_FPS_MAX = 30
ACCEPTED_CODECS = {"h264": "H.264", "hevc": "HEVC (H.265)", "vp8": "VP8", "vp9": "VP9",
                   "av1": "AV1"}
_ACCEPTED_LABEL = "MP4/MOV (H.264 or HEVC) or WebM (VP8, VP9 or AV1)"


class VideoRejected(ValueError):  # noqa: N818 - the name says what happened to the clip
    """The clip is refused; ``str(exc)`` is a clear message for the therapist."""

    def __init__(self, message: str, *, filename: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.filename = filename


@dataclass(frozen=True, slots=True)
class ProbedVideo:
    container: str  # "mp4" or "webm"
    codec: str
    width: int
    height: int
    seconds: float
    packets: int


@dataclass(frozen=True, slots=True)
class AcceptedVideo:
    """A clip that passed intake: a fresh H.264 MP4 without metadata."""

    data: bytes
    width: int
    height: int
    seconds: float
    fps: float
    sha256: str

    def __repr__(self) -> str:  # never dump the clip's bytes into logs
        return (f"AcceptedVideo({self.width}x{self.height}, {self.seconds:.1f} s, "
                f"{self.fps:.2f} fps, sha256={self.sha256!r}, {len(self.data)} bytes)")


def sniff_container(data: bytes) -> str:
    """``mp4`` (MP4/QuickTime) or ``webm`` (WebM/Matroska) from the bytes, or refuse."""
    if len(data) >= 12 and data[4:8] == b"ftyp":
        return "mp4"
    if data[:4] == b"\x1a\x45\xdf\xa3":
        return "webm"
    raise VideoRejected(f"This is not a video file we accept; please send {_ACCEPTED_LABEL}")


def probe(data: bytes, *, max_seconds: float = MAX_SECONDS, max_pixels: int = MAX_PIXELS,
          min_side: int = MIN_SIDE) -> ProbedVideo:
    """Check a clip's container, codec, size and duration without decoding any frame."""
    import av  # heavy import, only where a clip is handled

    container = sniff_container(data)
    fmt = "mp4" if container == "mp4" else "matroska"
    try:
        src = av.open(io.BytesIO(data), format=fmt, mode="r",
                      options={"probesize": "5000000", "analyzeduration": "0"})
    except (av.error.FFmpegError, ValueError, OSError):
        raise VideoRejected("The video file is damaged or incomplete and cannot be read") \
            from None
    try:
        videos = list(src.streams.video)
        if not videos:
            raise VideoRejected("The file has no video in it")
        if len(videos) > 1:
            raise VideoRejected("The file holds several video tracks; send a single clip")
        stream = videos[0]
        codec = stream.codec_context.name
        if codec not in ACCEPTED_CODECS:
            raise VideoRejected(f"The video is encoded as {codec!r}, which is not accepted; "
                                f"please send {_ACCEPTED_LABEL}")
        width, height = stream.codec_context.width, stream.codec_context.height
        if not width or not height:
            raise VideoRejected("The video's picture size is missing (the file is damaged)")
        if width * height > max_pixels:
            raise VideoRejected(
                f"The video is {width}×{height} pixels; the limit is 1920×1080 (record at "
                "1080p or lower)")
        if min(width, height) < min_side:
            raise VideoRejected(f"The video is too small ({width}×{height} pixels); it must be "
                                f"at least {min_side} pixels on each side")
        if src.duration is not None and src.duration / 1_000_000 > max_seconds + 1:
            raise VideoRejected(_too_long(src.duration / 1_000_000, max_seconds))
        seconds, packets = _packet_span(src, stream, max_seconds)
    except av.error.FFmpegError:
        raise VideoRejected("The video file is damaged or incomplete and cannot be read") \
            from None
    finally:
        src.close()
    if seconds > max_seconds:
        raise VideoRejected(_too_long(seconds, max_seconds))
    if seconds < MIN_SECONDS or packets < 2:
        raise VideoRejected("The clip is too short to show a movement (under a second)")
    return ProbedVideo(container, codec, width, height, seconds, packets)


def _too_long(seconds: float, limit: float) -> str:
    return (f"The clip lasts {seconds:.1f} s; the limit is {limit:.0f} s (trim it, or record "
            "about 5 repetitions)")


def _packet_span(src: Any, stream: Any, max_seconds: float) -> tuple[float, int]:
    """Duration from the packets' timestamps (demuxing only: no frame is decoded)."""
    base = stream.time_base or Fraction(1, 1000)
    first: int | None = None
    last = 0
    packets = 0
    for packet in src.demux(stream):
        if packet.pts is None or packet.size == 0:
            continue
        packets += 1
        first = packet.pts if first is None else min(first, packet.pts)
        end = packet.pts + (packet.duration or 0)
        last = max(last, end)
        if first is not None and float((last - first) * base) > max_seconds + 1:
            break  # long enough to refuse: stop reading
    if first is None:
        return 0.0, 0
    return float((last - first) * base), packets


def accept_video(data: bytes, *, filename: str, max_bytes: int = MAX_BYTES,
                 max_seconds: float = MAX_SECONDS) -> AcceptedVideo:
    """Check, decode and re-encode an uploaded clip, or raise :class:`VideoRejected`."""
    try:
        if not data:
            raise VideoRejected("The file is empty")
        if len(data) > max_bytes:
            raise VideoRejected(f"The file is {len(data) / 1e6:.0f} MB; the limit is "
                                f"{max_bytes / 1e6:.0f} MB")
        probed = probe(bytes(data), max_seconds=max_seconds)
        return _reencode(bytes(data), probed)
    except VideoRejected as exc:
        exc.filename = filename
        raise


def _reencode(data: bytes, probed: ProbedVideo) -> AcceptedVideo:
    fmt = "mp4" if probed.container == "mp4" else "matroska"
    # faststart (the index first, so the browser plays while loading) needs a real file: a
    # private temporary directory, removed with whatever is in it.
    with tempfile.TemporaryDirectory(prefix="tonus-clip-") as tmp:
        out_path = os.path.join(tmp, "clip.mp4")
        width, height, frames, fps = _transcode(data, fmt, out_path)
        with open(out_path, "rb") as f:
            out = f.read()
    return AcceptedVideo(data=out, width=width, height=height, seconds=frames / fps, fps=fps,
                         sha256=hashlib.sha256(out).hexdigest())


def _transcode(data: bytes, fmt: str, out_path: str) -> tuple[int, int, int, float]:
    import av

    try:
        with av.open(io.BytesIO(data), format=fmt, mode="r") as src:
            stream = src.streams.video[0]
            stream.thread_type = "AUTO"
            rate = stream.average_rate or stream.guessed_rate or Fraction(30, 1)
            fps = min(float(rate), OUT_FPS_MAX)
            out_rate = Fraction(fps).limit_denominator(1001)
            with av.open(out_path, mode="w", format="mp4",
                         options={"movflags": "+faststart", "fflags": "+bitexact"}) as dst:
                dst.metadata.clear()
                enc: Any = None
                frames = 0
                for frame in src.decode(stream):
                    image = _upright(frame)
                    if enc is None:
                        w, h = _out_size(image.width, image.height)
                        enc = dst.add_stream("libx264", rate=out_rate)
                        enc.width, enc.height, enc.pix_fmt = w, h, "yuv420p"
                        # a keyframe every half second: the review page seeks frame by frame
                        enc.options = {"crf": "23", "preset": "ultrafast",
                                       "g": str(max(1, round(fps / 2)))}
                        enc.metadata.clear()
                    image = image.reformat(width=enc.width, height=enc.height, format="yuv420p")
                    image.pts = frames
                    image.time_base = 1 / out_rate
                    for packet in enc.encode(image):
                        dst.mux(packet)
                    frames += 1
                if enc is None:
                    raise VideoRejected("The video has no readable frame")
                for packet in enc.encode(None):
                    dst.mux(packet)
                width, height = enc.width, enc.height
    except av.error.FFmpegError:
        raise VideoRejected("The video could not be decoded (the file is damaged)") from None
    return width, height, frames, fps


def _upright(frame: Any) -> Any:
    """The frame turned as the camera meant it (phones record portrait as rotated landscape)."""
    rotation = int(getattr(frame, "rotation", 0) or 0) % 360
    if rotation == 0:
        return frame
    import av

    image = frame.to_image()
    turned = image.rotate(rotation, expand=True)  # ffmpeg's display matrix: counter-clockwise
    return av.VideoFrame.from_image(turned)  # type: ignore[no-untyped-call]


def _out_size(width: int, height: int) -> tuple[int, int]:
    scale = min(1.0, OUT_LONG_SIDE / max(width, height))
    return max(2, int(width * scale) // 2 * 2), max(2, int(height * scale) // 2 * 2)
