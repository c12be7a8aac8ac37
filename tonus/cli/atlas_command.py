"""``tonus atlas render``: draw a blank chart, a pain drawing or a referral pattern.

Examples::

    tonus atlas render --kind blank --out chart.svg
    tonus atlas render --kind pain --pain head-temple-r=7 neck-lateral-r=4 --out pain.png
    tonus atlas render --kind referral --essential neck-lateral-r head-temple-r \\
        --spillover head-jaw-r --trigger-point shoulder-top-r@back --out ut.png

A trigger point is ``REGION[@VIEW][:DX,DY]``: DX/DY move the × by a fraction of the
region's bounding box (y grows downwards, so ``:0,-0.2`` moves it up).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the atlas is imported lazily: `tonus assess` must start fast
    from tonus.core.atlas import TriggerPointMark


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    atlas = subparsers.add_parser("atlas", help="body atlas: draw body charts")
    atlas_sub = atlas.add_subparsers(dest="atlas_command", required=True)
    p = atlas_sub.add_parser("render", help="render a body chart as SVG or PNG")
    p.add_argument("--kind", choices=("blank", "pain", "referral"), default="blank")
    p.add_argument(
        "--pain",
        nargs="+",
        default=[],
        metavar="REGION=INTENSITY",
        help="pain marks, intensity 0-10 (kind pain; with kind referral: overlay)",
    )
    p.add_argument("--essential", nargs="+", default=[], metavar="REGION")
    p.add_argument("--spillover", nargs="+", default=[], metavar="REGION")
    p.add_argument("--trigger-point", nargs="+", default=[], metavar="REGION[@VIEW][:DX,DY]")
    p.add_argument(
        "--view",
        nargs="+",
        choices=("front", "back"),
        default=None,
        help="views to draw (default: both; referral: those with content)",
    )
    p.add_argument("--title", default=None)
    p.add_argument("--labels", action="store_true", help="kind blank: write region ids")
    p.add_argument("--out", required=True, help="output file, .svg or .png")
    p.add_argument("--focus", action="store_true",
                   help="zoom each view onto the marked regions (referral charts)")
    p.set_defaults(run=run)


def _parse_pain(items: list[str]) -> dict[str, float]:
    marks: dict[str, float] = {}
    for item in items:
        rid, sep, value = item.partition("=")
        if not sep:
            raise ValueError(f"--pain expects REGION=INTENSITY, got {item!r}")
        try:
            marks[rid.strip()] = float(value)
        except ValueError:
            raise ValueError(f"--pain intensity of {rid!r} is not a number: {value!r}") from None
    return marks


def _parse_trigger_point(item: str) -> TriggerPointMark:
    from tonus.core.atlas import TriggerPointMark

    head, _, nudge_text = item.partition(":")
    region, _, view = head.partition("@")
    nudge = (0.0, 0.0)
    if nudge_text:
        try:
            dx, dy = (float(v) for v in nudge_text.split(","))
        except ValueError:
            raise ValueError(f"--trigger-point nudge must be DX,DY, got {nudge_text!r}") from None
        nudge = (dx, dy)
    return TriggerPointMark(region=region, view=view or None, nudge=nudge)


def _svg(args: argparse.Namespace) -> str:
    from tonus.core.atlas import render_blank, render_pain_drawing, render_referral_pattern

    views = tuple(args.view) if args.view else None
    if args.kind == "blank":
        return render_blank(title=args.title, views=views or ("front", "back"), labels=args.labels)
    if args.kind == "pain":
        return render_pain_drawing(
            _parse_pain(args.pain), title=args.title, views=views or ("front", "back")
        )
    return render_referral_pattern(
        essential=args.essential,
        spillover=args.spillover,
        trigger_points=[_parse_trigger_point(t) for t in args.trigger_point],
        pain=_parse_pain(args.pain) or None,
        title=args.title,
        views=views,
        focus=args.focus,
    )


def run(args: argparse.Namespace) -> int:
    try:
        svg = _svg(args)
    except ValueError as exc:
        print(f"tonus atlas: {exc}", file=sys.stderr)
        return 2
    out = Path(args.out)
    suffix = out.suffix.lower()
    if suffix == ".svg":
        out.write_text(svg, encoding="utf-8")
    elif suffix == ".png":
        import cairosvg  # lazily: only the PNG output needs it

        cairosvg.svg2png(bytestring=svg.encode("utf-8"), write_to=str(out), scale=2.0)
    else:
        print(f"tonus atlas: --out must end in .svg or .png, got {out.name!r}", file=sys.stderr)
        return 2
    print(f"wrote {out}")
    return 0
