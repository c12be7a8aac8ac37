"""The intake link as a QR code (inline SVG, no image file, no network), for the clinic's tablet
or the client's phone camera."""

from __future__ import annotations

import segno


def svg(url: str) -> str:
    code = segno.make(url, error="m", micro=False)
    out: str = code.svg_inline(scale=5, dark="#1d2a33", light="#ffffff",
                               title="QR code of the intake link")
    return out
