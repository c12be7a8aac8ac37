"""Render the atlas pictures in docs/atlas/ from the knowledge base (run: make docs-atlas).

A pain drawing, and the referral patterns of real knowledge-base trigger points drawn over it,
so the pictures show exactly what the software shows a therapist.
"""

from __future__ import annotations

from pathlib import Path

import cairosvg

from tonus.core.atlas import render_blank, render_pain_drawing
from tonus.reports.patterns import hypothesis_chart

OUT = Path(__file__).resolve().parent.parent / "docs" / "atlas"

HEADACHE = {"head-temple-r": 7, "neck-lateral-r": 4, "shoulder-top-r": 3,
            "neck-posterior-upper-r": 2}
SCIATICA = {"buttock-lower-r": 6, "thigh-posterior-r": 5, "thigh-lateral-r": 4,
            "leg-posterior-upper-r": 3}


def referral(muscle_id: str, tp_id: str, side: str, pain: dict[str, int], title: str) -> str:
    svg = hypothesis_chart({"kind": "trigger-point", "muscle": muscle_id, "side": side,
                            "trigger_point": tp_id},
                           {k: float(v) for k, v in pain.items()}, title=title, focus=False)
    assert svg is not None
    return svg


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    pictures = {
        "blank.png": render_blank(title="Body chart"),
        "pain-drawing.png": render_pain_drawing({k: float(v) for k, v in HEADACHE.items()},
                                                title="Pain drawing"),
        "referral-upper-trapezius.png": referral(
            "upper-trapezius", "tp1", "r", HEADACHE,
            "Upper trapezius TrP1: referral pattern over the client's pain"),
        "referral-gluteus-minimus.png": referral(
            "gluteus-minimus", "posterior", "r", SCIATICA,
            "Gluteus minimus (posterior): referral pattern over the client's pain"),
    }
    for name, svg in pictures.items():
        cairosvg.svg2png(bytestring=svg.encode(), write_to=str(OUT / name), scale=2.0)
        print(f"wrote docs/atlas/{name}")


if __name__ == "__main__":
    main()
