"""The posture section of the PDFs: per photo, the overlay picture (grid, plumb line, landmarks,
angle labels) and the measures beyond their norm, in plain dicts the templates lay out.

Pure: the caller (the web layer) reads the photo bytes and the landmarks; no Django here.
"""

from __future__ import annotations

import base64
import re
from typing import Any

from tonus.core.posture.geometry import analyse
from tonus.core.posture.landmarks import LandmarkSet
from tonus.reports.posture_overlay import STYLE, render_posture_overlay
from tonus.reports.posture_summary import deviation_summary

VIEW_WORDS = {"anterior": "Front view", "posterior": "Back view",
              "left-lateral": "Left side view", "right-lateral": "Right side view"}
_SIDE_WORD = {"l": "left", "r": "right"}
# WeasyPrint ignores ``paint-order``: the web style's dark halo would cover the letters. In
# print each label is drawn twice instead, a dark outline copy under the plain one.
_PRINT_STYLE = STYLE.replace("stroke:#00151c;stroke-width:.3em;paint-order:stroke;", "") + (
    ".landmark text.halo,.measure-labels text.halo{fill:#00151c;stroke:#00151c;"
    "stroke-width:.28em;stroke-linejoin:round}"
    ".landmark text,.measure-labels text{font-family:'DejaVu Sans',sans-serif}")
_TEXT = re.compile(r"<text ([^>]*)>([^<]*)</text>")


def for_print(svg: str) -> str:
    """The overlay SVG as WeasyPrint draws it legibly (labels with a real halo)."""
    svg = svg.replace(f"<style>{STYLE}</style>", f"<style>{_PRINT_STYLE}</style>", 1)
    return _TEXT.sub(r'<text class="halo" \1>\2</text><text \1>\2</text>', svg)


def finding_words(finding: str) -> str:
    """'shoulder-elevated-r' -> 'Shoulder elevated (right)'."""
    base, side = (finding[:-2], finding[-1]) if finding[-2:] in ("-l", "-r") else (finding, "")
    words = base.replace("-", " ")
    words = words[:1].upper() + words[1:]
    return f"{words} ({_SIDE_WORD[side]})" if side else words


def posture_photo_section(
    landmarks: LandmarkSet, *, jpeg: bytes, height_cm: float | None,
    report: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """One photo for a PDF: ``{"view", "overlay" (SVG text), "simple" (the same without
    labels, for the client), "rows"}``; a row is a measure
    beyond its norm: name, value, normal range, severity and the finding in words."""
    geometry = analyse(landmarks, height_cm)
    href = "data:image/jpeg;base64," + base64.b64encode(jpeg).decode("ascii")
    overlay = for_print(render_posture_overlay(landmarks, geometry, image_href=href))
    summary = deviation_summary(geometry.results, report)
    rows = [{"name": d["name"], "value": d["value"], "normal": d["normal"],
             "severity": d["severity"], "finding": finding_words(d["finding"]),
             "meaning": d["meaning"]}
            for d in summary["deviations"]]
    # For the client: the lines and points only, no clinical labels.
    simple = _TEXT.sub("", render_posture_overlay(landmarks, geometry, image_href=href,
                                                  labels=False))
    return {"view": VIEW_WORDS.get(landmarks.view, landmarks.view), "overlay": overlay,
            "simple": simple, "rows": rows}
