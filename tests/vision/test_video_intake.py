"""Movement-clip intake: what is refused (before decoding where it can be), what is kept, and
that nothing of the camera's metadata survives. Clips are made here, small, with PyAV."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from tonus.vision import video
from tonus.vision.storage import PhotoIntegrityError, read_clip, store_clip
from tonus.vision.video import VideoRejected, accept_video, probe


def make_clip(path: Path, *, fmt: str = "mp4", codec: str = "libx264", width: int = 320,
              height: int = 240, fps: int = 10, frames: int = 20,
              metadata: dict[str, str] | None = None) -> bytes:
    with av.open(str(path), mode="w", format=fmt) as out:
        for k, v in (metadata or {}).items():
            out.metadata[k] = v
        stream = out.add_stream(codec, rate=Fraction(fps))
        stream.width, stream.height = width, height
        stream.pix_fmt = "yuv420p"
        for i in range(frames):
            img = np.full((height, width, 3), (i * 10) % 255, dtype=np.uint8)
            img[:, : width // 4] = 200  # something that moves a little is not needed
            frame = av.VideoFrame.from_ndarray(img, format="rgb24")
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return path.read_bytes()


@pytest.fixture
def no_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if intake gets as far as decoding frames."""
    def refuse(*_a: object, **_k: object) -> None:
        raise AssertionError("decoded a clip that should have been refused from its headers")
    monkeypatch.setattr(video, "_reencode", refuse)


def test_an_mp4_is_reencoded_without_metadata(tmp_path: Path) -> None:
    data = make_clip(tmp_path / "a.mp4", metadata={
        "title": "Jane Doe squat", "location": "+48.8566+002.3522/",
        "comment": "Harbour Street Clinic"})
    assert b"Jane Doe" in data and b"loci" in data  # loci: the MP4 location box (GPS)
    accepted = accept_video(data, filename="a.mp4")
    assert b"Jane Doe" not in accepted.data and b"loci" not in accepted.data
    assert b"Harbour" not in accepted.data
    assert (accepted.width, accepted.height) == (320, 240)
    assert accepted.seconds == pytest.approx(2.0, abs=0.15)
    out = tmp_path / "out.mp4"
    out.write_bytes(accepted.data)
    with av.open(str(out)) as c:
        assert c.streams.video[0].codec_context.name == "h264"
        assert not {"title", "location", "comment"} & set(c.metadata)
        assert len(c.streams) == 1


def test_webm_from_a_browser_is_accepted(tmp_path: Path) -> None:
    data = make_clip(tmp_path / "a.webm", fmt="webm", codec="libvpx")
    accepted = accept_video(data, filename="camera.webm")
    assert accepted.data[4:8] == b"ftyp"  # stored as MP4 whatever came in


def test_the_container_comes_from_the_bytes_not_the_name(tmp_path: Path) -> None:
    with pytest.raises(VideoRejected, match="not a video file we accept") as exc:
        accept_video(b"\x89PNG\r\n\x1a\n" + b"\0" * 100, filename="squat.mp4")
    assert exc.value.filename == "squat.mp4"
    with pytest.raises(VideoRejected, match="empty"):
        accept_video(b"", filename="x.mp4")


def test_too_long_is_refused_before_decoding(tmp_path: Path, no_decoding: None) -> None:
    data = make_clip(tmp_path / "long.mp4", fps=2, frames=64, width=256, height=256)
    with pytest.raises(VideoRejected, match=r"lasts 32\.0 s; the limit is 30 s"):
        accept_video(data, filename="long.mp4")


def test_too_many_pixels_and_too_small_are_refused_before_decoding(
        tmp_path: Path, no_decoding: None) -> None:
    big = make_clip(tmp_path / "big.mp4", width=2560, height=1440, fps=2, frames=4)
    with pytest.raises(VideoRejected, match="2560×1440 pixels; the limit is 1920×1080"):
        accept_video(big, filename="big.mp4")
    small = make_clip(tmp_path / "small.mp4", width=160, height=120, fps=2, frames=4)
    with pytest.raises(VideoRejected, match="too small"):
        accept_video(small, filename="small.mp4")


def test_size_limit_and_codec(tmp_path: Path, no_decoding: None) -> None:
    data = make_clip(tmp_path / "a.mp4")
    with pytest.raises(VideoRejected, match="the limit is 0 MB"):
        accept_video(data, filename="a.mp4", max_bytes=1000)
    mpeg4 = make_clip(tmp_path / "old.mp4", codec="mpeg4")
    with pytest.raises(VideoRejected, match="'mpeg4', which is not accepted"):
        accept_video(mpeg4, filename="old.mp4")


def test_a_truncated_clip_is_refused(tmp_path: Path) -> None:
    data = make_clip(tmp_path / "a.mp4", frames=30)
    with pytest.raises(VideoRejected, match=r"damaged|too short"):
        accept_video(data[: len(data) // 3], filename="cut.mp4")


def test_probe_reads_the_duration_from_packets(tmp_path: Path) -> None:
    probed = probe(make_clip(tmp_path / "a.webm", fmt="webm", codec="libvpx", frames=25))
    assert probed.container == "webm" and probed.codec == "vp8"
    assert probed.seconds == pytest.approx(2.5, abs=0.15)


def test_clips_are_stored_content_addressed_and_verified(tmp_path: Path) -> None:
    accepted = accept_video(make_clip(tmp_path / "a.mp4"), filename="a.mp4")
    root = tmp_path / "clips"
    stored = store_clip(root, accepted)
    assert stored.path == root / accepted.sha256[:2] / accepted.sha256[2:4] / \
        f"{accepted.sha256}.mp4"
    assert stored.created and not store_clip(root, accepted).created
    assert read_clip(root, accepted.sha256) == accepted.data
    stored.path.write_bytes(b"tampered")
    with pytest.raises(PhotoIntegrityError):
        read_clip(root, accepted.sha256)
