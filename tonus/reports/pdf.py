"""PDF documents for people outside the therapy room: the client's home-care handout (here) and
a referral letter to another professional (``referral_letter.py``, on the same helpers).

HTML from Jinja2 templates (``templates/``), laid out by WeasyPrint on A4. Everything is inline
(body charts as SVG data URIs, CSS in the page, system DejaVu Sans font), so the PDFs render
offline and identically from the CLI, the tests and the web app. No Django import: see
``docs/decisions/0004-pdf-templates-jinja2.md``.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

MAX_HANDOUT_MUSCLES = 4
SIDE_WORD = {"l": "left", "r": "right"}


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("tonus.reports", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["css_string"] = css_string
    return env


def css_string(value: object) -> Markup:
    """Text safe inside a double-quoted CSS string (page headers and footers)."""
    text = re.sub(r"[\x00-\x1f]", " ", str(value))
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ")
    return Markup(text)


def _render_pdf(template: str, **context: Any) -> bytes:
    from weasyprint import HTML

    html = _env().get_template(template).render(**context)
    pdf = HTML(string=html, base_url=None).write_pdf()
    assert pdf is not None
    return bytes(pdf)


def svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


PRINT_DPI = 220  # sharp on paper. Profiled: a ~110 kB body chart drawn by WeasyPrint cost
                 # ~0.3 s in every PDF; rasterized once per content it costs nothing after.


def _cache_dir() -> Path:
    """Where generic pictures (a muscle's referral chart: no client data) are kept between
    runs: ``TONUS_CACHE_DIR``, else the user's cache folder."""
    base = os.environ.get("TONUS_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "tonus")
    return Path(base) / "pictures"


def _rasterize(svg: str, width_px: int) -> bytes:
    import cairosvg

    png = cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_width=width_px)
    assert png is not None
    return bytes(png)


def _png_from_disk(svg: str, width_px: int) -> bytes:
    key = hashlib.sha256(f"{width_px}\n{svg}".encode()).hexdigest()
    path = _cache_dir() / f"{key}.png"
    try:
        return path.read_bytes()
    except OSError:
        pass
    png = _rasterize(svg, width_px)
    try:  # a cache that cannot be written (read-only home) only costs time
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(png)
        os.replace(tmp, path)
    except OSError:
        pass
    return png


@lru_cache(maxsize=256)
def _png_uri(svg: str, width_px: int, generic: bool) -> str:
    png = _png_from_disk(svg, width_px) if generic else _rasterize(svg, width_px)
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def picture_uri(svg: str, width_mm: float, *, generic: bool = False) -> str:
    """An SVG picture as a PNG data URI sized for ``width_mm`` on paper at ``PRINT_DPI``, made
    once per content and process; a ``generic`` picture (the same for every client, such as a
    muscle's referral chart) is also kept on disk for the next process. Client pictures (the
    pain drawing, posture photos) never go to disk."""
    return _png_uri(svg, round(width_mm / 25.4 * PRINT_DPI), generic)


# -- words -----------------------------------------------------------------------------


def _words(identifier: str) -> str:
    return identifier.replace("-", " ")


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _lower_first(s: str) -> str:
    """"Left lumbar paraspinal (L1-L5)" → "left lumbar paraspinal (L1-L5)": never L1 → l1."""
    return s[:1].lower() + s[1:]


def _pain_map(case: Mapping[str, Any]) -> dict[str, float]:
    return {str(m["region"]): float(m.get("intensity", 0)) for m in case.get("pain", [])}


def _side(side: Any) -> str:
    return str(side) if side in ("l", "r") else "r"


def _region_list(regions: Sequence[str]) -> str:
    from tonus.core.progress.soap import join, region_words

    return join([_lower_first(region_words(r)) for r in regions])


def _base_regions(bases: Sequence[str]) -> str:
    """Base region ids in plain words without a side: ``head-temple`` → ``temple``."""
    from tonus.core.ids import vocabulary
    from tonus.core.progress.soap import join

    voc = vocabulary()
    out = []
    for b in bases:
        rid = b if b in voc.regions else f"{b}-r"
        info = voc.regions.get(rid)
        label = info.label.removesuffix(" (right)") if info else _words(b)
        out.append(label[:1].lower() + label[1:])
    return join(list(dict.fromkeys(out)))


# -- home-care handout -----------------------------------------------------------------


# Habit headings as a client says them (the ids read oddly: "Driving long").
HABIT_WORDS = {
    "driving-long": "Long drives", "lifting-heavy": "Heavy lifting",
    "phone-on-ear": "Phone calls", "phone-looking-down": "Looking down at the phone",
    "chest-breathing": "Breathing", "coughing-chronic": "A long-lasting cough",
    "bending-gardening": "Bending and gardening", "sleeping-prone": "Sleeping face down",
    "emotional-tension": "Tension and stress", "mouse-use": "Using a mouse",
    "gum-chewing": "Chewing gum", "stair-climbing": "Stairs", "overhead-work": "Working overhead",
    "repetitive-gripping": "Repeated gripping", "playing-instrument": "Playing an instrument",
    "wallet-in-back-pocket": "A wallet in the back pocket", "crossing-legs": "Crossing the legs",
}

ROLE_WORDS = {
    "key trigger point": "A likely source of your pain.",
    "entrapping muscle": "When tight, it can press on a nerve and cause tingling or numbness.",
    "postural": "Your posture keeps it short and overworked; loosening it helps the main "
                "problem settle.",
}


def _muscle_card(item: Mapping[str, Any], report: Mapping[str, Any],
                 pain: Mapping[str, float], advice: Mapping[str, Any]) -> dict[str, Any]:
    from tonus.core.knowledge.base import load_knowledge
    from tonus.reports.patterns import hypothesis_chart

    muscle = load_knowledge().muscles[str(item["muscle"])]
    tp_id = next((h.get("trigger_point") for h in report.get("hypotheses", [])
                  if h.get("kind") == "trigger-point" and h.get("muscle") == muscle.id
                  and h.get("side") == item.get("side")), None)
    tp = next((t for t in muscle.trigger_points if t.id == tp_id), muscle.trigger_points[0])
    svg = hypothesis_chart({"kind": "trigger-point", "muscle": muscle.id,
                            "side": _side(item.get("side")), "trigger_point": tp.id}) or ""
    side_word = SIDE_WORD.get(str(item.get("side")), "")
    name = str(item.get("name") or muscle.name)
    explains: list[str] = next((h.get("explains", []) for h in report.get("hypotheses", [])
                     if h.get("muscle") == muscle.id and h.get("side") == item.get("side")), [])
    yours = [r for r in explains if r in pain]
    return {
        "name": name,
        "side": side_word,
        "role": ROLE_WORDS.get(str(item.get("role")), ""),
        "sends_to": _base_regions(list(tp.referral.essential)),
        "matches": _region_list(yours) if yours else "",
        "chart": picture_uri(svg, 46, generic=True),
        # Only what the client can do alone: never the therapist's stretch on the table.
        "stretch": str(advice["self_stretch"]),
        "self_care": list(advice["self_care"]),
    }


def _your_posture(posture: Sequence[Mapping[str, Any]] | None) -> dict[str, Any] | None:
    """The first posture photo as a small picture with its findings in plain words."""
    photo = next((p for p in posture or [] if p.get("overlay")), None)
    if photo is None:
        return None
    seen = [str(r["finding"]) for r in photo.get("rows", [])]
    picture = str(photo.get("simple") or photo["overlay"])
    return {"picture": picture_uri(picture, 48), "seen": list(dict.fromkeys(seen))}


def home_care_pdf(*, client_name: str, clinic_name: str, therapist_name: str, date: str,
                  report: dict[str, Any], case: dict[str, Any],
                  posture: list[dict[str, Any]] | None = None) -> bytes:
    """The client's home-care handout (A4, one or two pages); ``posture`` (optional, as for the
    referral letter) adds a small "Your posture" picture."""
    from tonus.core.atlas import render_pain_drawing
    from tonus.core.knowledge.base import load_knowledge
    from tonus.core.plan.advice import handout_advice
    from tonus.core.progress.soap import pain_mark_words

    pain = _pain_map(case)
    plan = report.get("treatment_plan") or {}
    shown = list(plan.get("muscles", []))[:MAX_HANDOUT_MUSCLES]
    advice = handout_advice(plan, load_knowledge(), [str(m["muscle"]) for m in shown])
    muscles = [_muscle_card(m, report, pain, a) for m, a in zip(shown, advice["muscles"],
                                                                  strict=True)]
    if muscles and shown[0].get("role") == "key trigger point":  # only one can be "the most"
        muscles[0]["role"] = "The most likely source of your pain."
    habits = [{"activity": HABIT_WORDS.get(str(h["activity"]), _cap(_words(str(h["activity"])))),
               "advice": list(h["advice"])}
              for h in advice["habits"]]
    marks = sorted(case.get("pain", []),
                   key=lambda m: (not m.get("primary"), -float(m.get("intensity", 0))))
    return _render_pdf(
        "home_care.html",
        title="Your home-care plan",
        client_name=client_name,
        clinic_name=clinic_name,
        therapist_name=therapist_name,
        date=date,
        complaint=str(case.get("complaint") or ""),
        pain_chart=picture_uri(render_pain_drawing(pain), 78),
        pain_marks=[pain_mark_words(m) for m in marks],
        muscles=muscles,
        habits=habits,
        education=advice["education"],
        red_flags=list(report.get("red_flags", [])),
        on_hold=bool(report.get("red_flags")),
        posture=_your_posture(posture),
    )
