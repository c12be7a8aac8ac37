"""Short clips cut from the shared ones at test time, into a temporary folder (never the repo)."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av

from tests.conftest import SHARED

CLIPS = SHARED / "data" / "movement"


def segment(source: Path, out: Path, first: int, last: int, *, width: int = 640,
            height: int = 360) -> bytes:
    """Frames first..last of ``source``, scaled, as an H.264 MP4 at ``out``; its bytes."""
    with av.open(str(source)) as src, av.open(str(out), "w") as dst:
        rate = src.streams.video[0].average_rate or Fraction(30)
        stream = dst.add_stream("libx264", rate=rate)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        for i, frame in enumerate(src.decode(video=0)):
            if i > last:
                break
            if i >= first:
                for p in stream.encode(frame.reformat(width, height, "yuv420p")):
                    dst.mux(p)
        for p in stream.encode(None):
            dst.mux(p)
    return out.read_bytes()
