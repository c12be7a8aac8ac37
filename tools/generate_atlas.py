"""Generate the body atlas (``tonus/core/atlas/atlas.json``).

Dev-only script (uses shapely). It draws a standing, gender-neutral human figure in
anatomical position (about 8 heads tall, arms slightly away from the body, palms forward,
feet slightly apart) in a front (anterior) and a back (posterior) view, plus the soles of
both feet as an inset below the back view, and divides the figure into the regions of
``tonus/core/spec/body-regions.yaml``.

Method
------
Everything is built in *canonical* coordinates: ``X`` is the distance from the body's
midline towards the client's RIGHT side, ``y`` runs downwards from the top of the head
(one head = 100 units). Only the right half (``X >= 0``) is divided into regions; the left
half is its exact mirror. The front view maps ``x = cx - X`` (client's right on the viewer's
left), the back view ``x = cx + X``.

Regions are allocated in priority order: each region is ``shape ∩ zone ∩ half-figure``
minus everything already allocated, so regions can never overlap. Pieces of the figure
left over at the end are merged into the neighbouring region they share most border with.

Run:  .venv/bin/python tools/generate_atlas.py
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from shapely import affinity, make_valid, set_precision
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, box
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient
from shapely.ops import split, unary_union

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "tonus" / "core" / "spec" / "body-regions.yaml"
OUT = ROOT / "tonus" / "core" / "atlas" / "atlas.json"

CX = 200.0  # centre line of each view
TOP = 30.0  # top margin above the head
VIEW_W = 400.0
VIEW_H = 990.0

Pt = tuple[float, float]


# --------------------------------------------------------------------------- helpers


def catmull_rom_closed(points: Sequence[Pt], samples: int = 10) -> list[Pt]:
    """Smooth closed curve through ``points``."""
    n = len(points)
    out: list[Pt] = []
    for i in range(n):
        p0, p1, p2, p3 = points[i - 1], points[i], points[(i + 1) % n], points[(i + 2) % n]
        for k in range(samples):
            t = k / samples
            t2, t3 = t * t, t * t * t
            x = 0.5 * (
                2 * p1[0]
                + (-p0[0] + p2[0]) * t
                + (2 * p0[0] - 5 * p1[0] + 4 * p2[0] - p3[0]) * t2
                + (-p0[0] + 3 * p1[0] - 3 * p2[0] + p3[0]) * t3
            )
            y = 0.5 * (
                2 * p1[1]
                + (-p0[1] + p2[1]) * t
                + (2 * p0[1] - 5 * p1[1] + 4 * p2[1] - p3[1]) * t2
                + (-p0[1] + 3 * p1[1] - 3 * p2[1] + p3[1]) * t3
            )
            out.append((x, y))
    return out


def mirrored_loop(right_half: Sequence[Pt]) -> list[Pt]:
    """Close a right-half contour (top to bottom, X >= 0) with its mirror image."""
    left = [(-x, y) for x, y in reversed(right_half) if x > 1e-9]
    return list(right_half) + left


def smooth_poly(points: Sequence[Pt], samples: int = 10) -> Polygon:
    return Polygon(catmull_rom_closed(points, samples)).buffer(0)


def ellipse(cx: float, cy: float, rx: float, ry: float, angle: float = 0.0) -> Polygon:
    e = affinity.scale(Point(0, 0).buffer(1.0, 48), rx, ry)
    e = affinity.rotate(e, angle, origin=(0, 0))
    return affinity.translate(e, cx, cy)


def poly(*pts: Pt) -> Polygon:
    return Polygon(pts).buffer(0)


def mirror(g: BaseGeometry) -> BaseGeometry:
    return affinity.scale(g, -1.0, 1.0, origin=(0, 0))


RIGHT_HALF = box(0, -100, 500, 1200)


@dataclass
class Segment:
    """A limb segment from ``a`` to ``b`` with a lateral/medial half-width profile."""

    a: Pt
    b: Pt
    profile: list[tuple[float, float, float]]  # (t, lateral half-width, medial half-width)

    @property
    def d(self) -> Pt:
        dx, dy = self.b[0] - self.a[0], self.b[1] - self.a[1]
        n = math.hypot(dx, dy)
        return dx / n, dy / n

    @property
    def length(self) -> float:
        return math.hypot(self.b[0] - self.a[0], self.b[1] - self.a[1])

    @property
    def n(self) -> Pt:  # lateral unit normal (towards +X for a limb hanging down)
        dx, dy = self.d
        return dy, -dx

    def widths(self, t: float) -> tuple[float, float]:
        pr = self.profile
        if t <= pr[0][0]:
            return pr[0][1], pr[0][2]
        if t >= pr[-1][0]:
            return pr[-1][1], pr[-1][2]
        for (t0, l0, m0), (t1, l1, m1) in itertools.pairwise(pr):
            if t0 <= t <= t1:
                u = (t - t0) / (t1 - t0)
                u = u * u * (3 - 2 * u)  # smoothstep
                return l0 + (l1 - l0) * u, m0 + (m1 - m0) * u
        raise AssertionError

    def at(self, t: float, f: float) -> Pt:
        """Point at fraction ``t`` along the axis, ``f`` half-widths lateral (f<0: medial)."""
        wl, wm = self.widths(t)
        w = wl if f >= 0 else wm
        ax = self.a[0] + (self.b[0] - self.a[0]) * t
        ay = self.a[1] + (self.b[1] - self.a[1]) * t
        nx, ny = self.n
        return ax + f * w * nx, ay + f * w * ny

    def band(self, t0: float, t1: float, f0: float, f1: float, steps: int = 24) -> Polygon:
        ts = [t0 + (t1 - t0) * i / steps for i in range(steps + 1)]
        side0 = [self.at(t, f0) for t in ts]
        side1 = [self.at(t, f1) for t in reversed(ts)]
        return Polygon(side0 + side1).buffer(0)

    def outline(self) -> Polygon:
        return self.band(0.0, 1.0, -1.0, 1.0, steps=40)


@dataclass
class Frame:
    """A rigid local frame (used for the hand): origin, axis direction, lateral normal."""

    o: Pt
    angle_deg: float  # direction of the axis, measured from straight down towards +X

    def at(self, t: float, s: float) -> Pt:
        a = math.radians(self.angle_deg)
        d = (math.sin(a), math.cos(a))
        n = (d[1], -d[0])
        return self.o[0] + t * d[0] + s * n[0], self.o[1] + t * d[1] + s * n[1]

    def poly(self, pts: Iterable[tuple[float, float]]) -> Polygon:
        return Polygon([self.at(t, s) for t, s in pts]).buffer(0)

    def capsule(
        self, t0: float, s0: float, angle: float, length: float, r0: float, r1: float
    ) -> Polygon:
        """A tapered finger from local (t0, s0), ``angle`` degrees towards lateral."""
        a = math.radians(angle)
        p0 = (t0, s0)
        p1 = (t0 + length * math.cos(a), s0 + length * math.sin(a))
        c0 = Point(self.at(*p0)).buffer(r0, 24)
        c1 = Point(self.at(*p1)).buffer(r1, 24)
        return unary_union([c0, c1]).convex_hull

    def tip(self, t0: float, s0: float, angle: float, length: float) -> Pt:
        a = math.radians(angle)
        return self.at(t0 + length * math.cos(a), s0 + length * math.sin(a))


# --------------------------------------------------------------------------- skeleton

UPPER_ARM = Segment(
    (82.0, 160.0),
    (108.0, 304.0),
    [(0.0, 21, 19), (0.15, 22, 18), (0.4, 18, 16), (0.7, 16, 15), (1.0, 14, 14)],
)
FOREARM = Segment(
    (108.0, 304.0),
    (131.0, 424.0),
    [(0.0, 14, 14), (0.2, 17, 15.5), (0.55, 14, 12.5), (0.9, 10.5, 10), (1.0, 10.5, 10)],
)
HAND = Frame((131.0, 424.0), 9.0)
THIGH = Segment(
    (43.0, 398.0),
    (40.0, 588.0),
    [(0.0, 41, 40), (0.25, 37.5, 31), (0.6, 29, 24.5), (0.88, 21, 20.5), (1.0, 20, 19.5)],
)
LEG = Segment(
    (40.0, 588.0),
    (43.0, 768.0),
    [
        (0.0, 19.5, 19.5),
        (0.14, 22.5, 24.5),
        (0.3, 24.5, 25),
        (0.6, 17.5, 16.5),
        (0.85, 12, 11),
        (1.0, 11.5, 10.5),
    ],
)
KNEE = Segment(
    THIGH.at(0.8, 0), LEG.at(0.16, 0), [(0.0, 25, 22.5), (0.55, 21.5, 21), (1.0, 23, 24)]
)
ELBOW = Segment(UPPER_ARM.at(0.86, 0), FOREARM.at(0.13, 0), [(0.0, 14.5, 14.5), (1.0, 16, 14.5)])

# Hand layout in the hand frame: t along the hand from the wrist, s lateral (thumb side).
PALM_PTS = [
    (-3, -10.5),
    (6, -15.5),
    (18, -18.5),
    (36, -18.5),
    (44, -16),
    (47, -6),
    (47, 6),
    (45, 15),
    (38, 18.5),
    (22, 18.5),
    (8, 15),
    (-3, 10.5),
]
# (base t, base s, angle towards lateral (deg), length, base radius, tip radius)
FINGERS: dict[str, tuple[float, float, float, float, float, float]] = {
    "finger-index": (44.0, 14.1, 3.5, 33.0, 4.6, 4.1),
    "finger-middle": (45.5, 4.5, 0.5, 36.5, 4.7, 4.2),
    "finger-ring": (45.0, -5.2, -2.5, 34.0, 4.5, 4.0),
    "finger-little": (42.0, -14.3, -6.0, 27.0, 4.0, 3.6),
}
THUMB = (13.0, 14.5, 27.0, 39.0, 6.8, 5.0)


def hand_parts() -> tuple[Polygon, dict[str, Polygon]]:
    palm = smooth_poly(PALM_PTS and [HAND.at(t, s) for t, s in PALM_PTS], 6)
    digits: dict[str, Polygon] = {}
    for name, (t0, s0, ang, ln, r0, r1) in FINGERS.items():
        digits[name] = HAND.capsule(t0 - 6, s0, ang, ln + 6, r0, r1)
    t0, s0, ang, ln, r0, r1 = THUMB
    digits["finger-thumb"] = HAND.capsule(t0, s0, ang, ln, r0 + 2.5, r1)
    return palm, digits


def head_shape() -> Polygon:
    right = [
        (0, 0),
        (17, 2.5),
        (28, 10),
        (33.5, 22),
        (35, 38),
        (34, 52),
        (31.5, 66),
        (27, 80),
        (19, 92),
        (9, 99),
        (0, 101),
    ]
    return smooth_poly(mirrored_loop(right), 12)


def ear_shape() -> Polygon:
    return ellipse(35.0, 55.0, 6.5, 12.5, -8)


def trunk_shape() -> Polygon:
    right = [
        (0, 88),
        (18, 92),
        (19.5, 108),
        (21, 120),
        (27, 129),
        (40, 135),
        (58, 140),
        (74, 145),
        (84, 150),
        (86, 168),
        (76, 192),
        (71, 212),
        (67, 240),
        (62, 270),
        (59.5, 292),
        (62, 318),
        (70, 346),
        (78, 372),
        (81, 398),
        (76, 416),
        (40, 420),
        (0, 412),
    ]
    return smooth_poly(mirrored_loop(right), 10)


def foot_front() -> Polygon:
    pts = [
        (33, 752),
        (55, 752),
        (57, 770),
        (61, 784),
        (65.5, 796),
        (64, 804),
        (56, 807.5),
        (44, 808),
        (33, 807),
        (28.5, 803),
        (28.5, 792),
        (31, 776),
    ]
    return smooth_poly(pts, 10)


# --------------------------------------------------------------------------- silhouette


def build_silhouette() -> tuple[BaseGeometry, dict[str, Polygon]]:
    parts: list[BaseGeometry] = [head_shape(), ear_shape(), mirror(ear_shape()), trunk_shape()]
    limbs: list[BaseGeometry] = [
        UPPER_ARM.outline(),
        Point(UPPER_ARM.at(0.07, 0.15)).buffer(20.5, 48),
        Point(UPPER_ARM.b).buffer(14, 32),
        FOREARM.outline(),
        Point(FOREARM.b).buffer(10.2, 32),
        THIGH.outline(),
        Point(THIGH.b).buffer(20.5, 32),
        LEG.outline(),
        foot_front(),
    ]
    for g in limbs:
        parts.extend([g, mirror(g)])
    body = unary_union(parts)
    body = body.buffer(6, 32).buffer(-6, 32).buffer(-2, 16).buffer(2, 16)
    palm, digits = hand_parts()
    hand = unary_union([palm, *digits.values(), Point(HAND.o).buffer(10.2, 32)])
    hand = hand.buffer(0.4, 16).buffer(-0.4, 16)
    hands = unary_union([hand, mirror(hand)])
    sil = unary_union([body, hands]).buffer(0)
    # make sure adjacent fingers stay visibly apart
    return sil, {"palm": palm, **digits}


def sole_parts() -> dict[str, Polygon]:
    """Right sole as a footprint seen from behind/above: toes up, big toe medial."""
    ox, oy, k = 58.0, 834.0, 1.1

    def tr(x: float, y: float) -> Pt:
        return ox + k * x, oy + k * y

    outline_pts = [
        (-15, 16),
        (-6, 12),
        (4, 12),
        (13, 15),
        (19, 22),
        (20, 34),
        (18, 50),
        (16, 66),
        (15, 80),
        (11, 92),
        (3, 99),
        (-5, 99),
        (-12, 93),
        (-14, 80),
        (-12, 66),
        (-9.5, 56),
        (-12, 44),
        (-17, 30),
    ]
    sole = smooth_poly([tr(x, y) for x, y in outline_pts], 10)
    great = ellipse(*tr(-9, 7), 6.8 * k, 9.0 * k, 4)
    lesser = unary_union(
        [
            ellipse(*tr(1.5, 8), 3.9 * k, 4.9 * k, 6),
            ellipse(*tr(8.3, 10), 3.6 * k, 4.6 * k, 12),
            ellipse(*tr(14.2, 13.8), 3.3 * k, 4.3 * k, 20),
            ellipse(*tr(18.8, 19.5), 3.0 * k, 3.9 * k, 30),
        ]
    )
    return {
        "sole": sole,
        "great": great,
        "lesser": lesser,
        "k": Point(tr(0, 40)).buffer(0.1),
        "arch": Point(tr(0, 72)).buffer(0.1),
    }


# --------------------------------------------------------------------------- regions

Spec = list[tuple[str, BaseGeometry, str]]  # (region id without side, shape, zone)


def arm_zone() -> Polygon:
    return poly(
        (88, 100),
        (400, 100),
        (400, 700),
        (112, 700),
        (112, 540),
        (104, 400),
        (88, 300),
        (72, 214),
        (68, 160),
        (76, 128),
    )


def front_specs(digits: dict[str, Polygon], palm: Polygon) -> Spec:
    ua, fa, hd, th, lg, kn, el = UPPER_ARM, FOREARM, HAND, THIGH, LEG, KNEE, ELBOW
    head_zone = poly((0, -40), (90, -40), (90, 66), (34, 68), (28, 86), (15, 97), (0, 101.5))
    s: Spec = [
        # head -------------------------------------------------------------
        ("head-vertex", box(0, -40, 90, 9), "head"),
        (
            "head-ear",
            unary_union([ear_shape().buffer(2), poly((26.5, 53), (35, 50), (35, 66), (28, 66))]),
            "head",
        ),
        ("head-eye", ellipse(13.5, 49.0, 11.5, 7.5), "head"),
        ("head-teeth-upper", poly((0, 67), (11, 67), (16, 70), (17, 76.5), (0, 76.5)), "head"),
        ("head-teeth-lower", poly((0, 76.5), (17, 76.5), (15, 83), (9, 86), (0, 86)), "head"),
        ("head-chin", poly((0, 86), (9, 86), (15, 83), (19, 92), (14, 110), (0, 110)), "head"),
        ("head-forehead", poly((0, 9), (21, 9), (25, 41.5), (0, 41.5)), "head"),
        ("head-temple", poly((21, 9), (90, 9), (90, 52), (33, 52), (25.5, 48), (25, 41.5)), "head"),
        (
            "head-cheek",
            poly(
                (0, 41.5),
                (25, 41.5),
                (25.5, 48),
                (33, 52),
                (27, 53),
                (28, 66),
                (20, 71),
                (16, 70),
                (11, 67),
                (0, 67),
            ),
            "head",
        ),
        ("head-jaw", box(0, 60, 90, 120), "head"),
        # neck -------------------------------------------------------------
        ("neck-anterior", poly((0, 90), (12, 90), (11, 147), (0, 147)), "body"),
        (
            "neck-lateral",
            poly((11, 60), (40, 60), (30, 110), (21, 126), (14, 142), (11, 147)),
            "body",
        ),
        (
            "shoulder-top",
            poly((11, 147), (21, 126), (40, 115), (95, 120), (95, 150), (70, 146), (40, 146)),
            "body",
        ),
        # trunk ------------------------------------------------------------
        (
            "axilla",
            poly((60, 196), (70, 187), (79, 192), (85, 212), (84, 236), (66, 240), (59, 226)),
            "body",
        ),
        ("chest-sternum", poly((0, 146), (9, 146), (9, 240), (0, 250)), "body"),
        (
            "chest-pectoral",
            poly((9, 146), (70, 145), (74, 175), (68, 188), (40, 185), (9, 183)),
            "body",
        ),
        (
            "chest-breast",
            poly((9, 183), (40, 185), (68, 188), (62, 230), (48, 247), (9, 244)),
            "body",
        ),
        ("chest-lateral", poly((54, 196), (95, 196), (95, 282), (52, 272), (56, 240)), "body"),
        ("abdomen-umbilical", Point(0, 302).buffer(17, 48), "body"),
        (
            "abdomen-upper",
            poly((0, 250), (9, 240), (9, 244), (48, 247), (55, 258), (56, 292), (0, 296)),
            "body",
        ),
        ("flank", poly((55, 258), (95, 258), (95, 356), (66, 350), (58, 320), (56, 292)), "body"),
        ("pelvis-pubic", poly((0, 376), (19, 376), (22, 392), (12, 410), (0, 414)), "body"),
        (
            "groin",
            poly((12, 410), (22, 392), (58, 351), (68, 352), (72, 364), (32, 414), (16, 422)),
            "body",
        ),
        (
            "abdomen-lower",
            poly(
                (0, 296), (56, 292), (58, 320), (68, 352), (58, 351), (22, 392), (19, 376), (0, 376)
            ),
            "body",
        ),
        (
            "hip-lateral",
            poly((60, 352), (120, 350), (120, 450), (76, 444), (64, 410), (60, 380)),
            "body",
        ),
        # arm --------------------------------------------------------------
        ("shoulder-lateral", ua.band(-0.6, 0.36, 0.5, 3), "arm"),
        ("shoulder-anterior", ua.band(-0.6, 0.36, -3, 0.5), "arm"),
        ("elbow-lateral", el.band(0.0, 1.0, 0.45, 3), "arm"),
        ("elbow-medial", el.band(0.0, 1.0, -3, -0.45), "arm"),
        ("elbow-anterior", el.band(0.0, 1.0, -0.45, 0.45), "arm"),
        ("arm-lateral", ua.band(0.36, 0.9, 0.42, 3), "arm"),
        ("arm-medial", ua.band(0.15, 0.9, -3, -0.4), "arm"),
        ("arm-anterior", ua.band(0.3, 0.9, -0.4, 0.42), "arm"),
        # hand before the wrist so that the wrist band stops at the palm
        *hand_specs_front(digits, palm),
        ("wrist-volar", fa.band(0.86, 1.2, -3, 3), "arm"),
        ("forearm-volar-radial", fa.band(0.0, 0.9, 0, 3), "arm"),
        ("forearm-volar-ulnar", fa.band(0.0, 0.9, -3, 0), "arm"),
        # leg --------------------------------------------------------------
        ("knee-lateral", kn.band(0.0, 1.0, 0.5, 3), "body"),
        ("knee-medial", kn.band(0.0, 1.0, -3, -0.5), "body"),
        ("knee-anterior", kn.band(0.0, 1.0, -0.5, 0.5), "body"),
        ("thigh-lateral", th.band(0.0, 0.9, 0.45, 3), "body"),
        ("thigh-medial", th.band(0.0, 0.9, -3, -0.42), "body"),
        ("thigh-anterior", th.band(0.0, 0.9, -0.42, 0.45), "body"),
        ("ankle-lateral", lg.band(0.87, 1.1, 0.35, 3), "body"),
        ("ankle-medial", lg.band(0.87, 1.1, -3, -0.35), "body"),
        ("ankle-anterior", lg.band(0.87, 1.1, -0.35, 0.35), "body"),
        ("leg-lateral", lg.band(0.0, 0.95, 0.45, 3), "body"),
        ("leg-medial", lg.band(0.0, 0.95, -3, -0.5), "body"),
        ("leg-anterior", lg.band(0.0, 0.95, -0.5, 0.45), "body"),
        ("toe-great", box(20, 797, 39, 820), "body"),
        ("toes-lesser", box(39, 797, 80, 820), "body"),
        ("foot-dorsum", box(20, 760, 80, 820), "body"),
    ]
    _ = hd
    return [
        (rid, g.intersection(head_zone) if z == "head" else g, "body" if z == "head" else z)
        for rid, g, z in s
    ]


def hand_specs_front(digits: dict[str, Polygon], palm: Polygon) -> Spec:
    hd = HAND
    fingers = [(name, digits[name].buffer(0.6) - palm_core(palm), "arm") for name in FINGERS]
    thumb = digits["finger-thumb"]
    t0, _s0, _ang, _ln, _r0, _r1 = THUMB
    thumb_free = thumb - hd.poly([(-20, 0), (t0 + 12, 0), (t0 + 12, 40), (-20, 40)])
    return [
        ("finger-thumb", thumb_free.buffer(0.6), "arm"),
        *fingers,
        (
            "hand-thenar",
            unary_union(
                [
                    hd.poly([(2, 4), (10, 7), (20, 9), (28, 8), (31, 20), (22, 26), (2, 20)]),
                    thumb.buffer(0.6),
                ]
            ),
            "arm",
        ),
        (
            "hand-hypothenar",
            hd.poly([(2, -6), (12, -8), (26, -8.5), (38, -9), (40, -26), (2, -26)]),
            "arm",
        ),
        ("hand-palm", palm.buffer(1.5), "arm"),
    ]


def palm_core(palm: Polygon) -> Polygon:
    """Palm up to the finger webs (the finger regions start beyond it)."""
    web = HAND.poly([(-10, -30), (44.5, -30), (46.5, 0), (45.5, 30), (-10, 30)])
    return palm.intersection(web).buffer(0)


def hand_specs_back(digits: dict[str, Polygon], palm: Polygon) -> Spec:
    hd = HAND
    fingers = [(name, digits[name].buffer(0.6) - palm_core(palm), "arm") for name in FINGERS]
    thumb = digits["finger-thumb"]
    t0 = THUMB[0]
    thumb_free = thumb - hd.poly([(-20, 0), (t0 + 12, 0), (t0 + 12, 40), (-20, 40)])
    return [
        ("finger-thumb", thumb_free.buffer(0.6), "arm"),
        *fingers,
        (
            "hand-dorsal-radial",
            unary_union([hd.poly([(-2, 1), (50, 1), (50, 40), (-2, 40)]), thumb.buffer(0.6)]),
            "arm",
        ),
        ("hand-dorsal-ulnar", hd.poly([(-2, 1), (50, 1), (50, -40), (-2, -40)]), "arm"),
    ]


def back_specs(digits: dict[str, Polygon], palm: Polygon) -> Spec:
    ua, fa, th, lg, kn, el = UPPER_ARM, FOREARM, THIGH, LEG, KNEE, ELBOW
    sole = sole_parts()
    ball_y, arch_y = sole.pop("k").centroid.y, sole.pop("arch").centroid.y
    sole_all = unary_union(list(sole.values()))
    head_zone = box(0, -40, 90, 200)
    _ = head_zone
    s: Spec = [
        # head -------------------------------------------------------------
        ("head-vertex", box(0, -40, 90, 14), "body"),
        ("head-ear", ear_shape().buffer(2).intersection(box(29.5, 0, 60, 200)), "body"),
        ("head-mastoid", poly((21, 58), (30, 56), (35, 68), (33, 82), (21, 84)), "body"),
        ("head-temple", poly((22, 14), (90, 14), (90, 46), (30, 46), (27, 41)), "body"),
        (
            "head-occiput",
            poly((0, 14), (22, 14), (27, 41), (30, 46), (31, 52), (21, 58), (21, 78), (0, 80)),
            "body",
        ),
        ("neck-posterior-upper", poly((0, 80), (21, 78), (21, 84), (19, 112), (0, 113)), "body"),
        (
            "neck-lateral",
            poly(
                (21, 84), (33, 82), (36, 70), (44, 70), (34, 110), (24, 124), (19, 140), (17, 112)
            ),
            "body",
        ),
        (
            "neck-posterior-lower",
            poly((0, 113), (17.5, 112), (19, 140), (15, 148), (0, 148)),
            "body",
        ),
        (
            "shoulder-top",
            poly(
                (15, 148),
                (19, 140),
                (24, 124),
                (40, 112),
                (95, 120),
                (95, 150),
                (80, 150),
                (40, 149),
            ),
            "body",
        ),
        # trunk ------------------------------------------------------------
        (
            "axilla",
            poly((61, 198), (71, 188), (80, 192), (86, 214), (84, 236), (66, 240), (60, 226)),
            "body",
        ),
        (
            "scapula-supraspinous",
            poly((22, 149), (40, 149), (80, 150), (82, 158), (62, 163), (27, 175)),
            "body",
        ),
        (
            "scapula-inferior-angle",
            poly((30, 224), (46, 220), (58, 214), (55, 236), (44, 252), (34, 247)),
            "body",
        ),
        (
            "scapula-infraspinous",
            poly(
                (27, 175),
                (62, 163),
                (82, 158),
                (80, 180),
                (70, 199),
                (58, 214),
                (46, 220),
                (30, 224),
            ),
            "body",
        ),
        ("back-thoracic-upper", poly((0, 148), (13, 148), (14, 236), (0, 236)), "body"),
        (
            "scapula-medial-border",
            poly((13, 148), (22, 149), (27, 175), (30, 224), (34, 247), (14, 247)),
            "body",
        ),
        (
            "back-thoracic-lower",
            poly(
                (0, 236), (14, 236), (14, 247), (34, 247), (44, 252), (56, 262), (54, 300), (0, 300)
            ),
            "body",
        ),
        (
            "chest-lateral",
            poly(
                (56, 198),
                (95, 198),
                (95, 290),
                (56, 282),
                (56, 262),
                (44, 252),
                (55, 236),
                (58, 214),
            ),
            "body",
        ),
        ("back-lumbar", poly((0, 300), (34, 300), (34, 352), (0, 352)), "body"),
        ("flank", poly((34, 300), (54, 300), (56, 282), (95, 290), (95, 350), (34, 352)), "body"),
        ("back-coccyx", poly((0, 398), (7.5, 398), (6, 412), (0, 418)), "body"),
        ("back-sacral", poly((0, 352), (24, 352), (21, 376), (7.5, 398), (0, 398)), "body"),
        ("buttock-upper", poly((24, 352), (95, 348), (95, 376), (21, 376)), "body"),
        (
            "hip-lateral",
            poly((67, 376), (120, 376), (120, 452), (78, 448), (70, 412)),
            "body",
        ),
        (
            "buttock-central",
            poly((21, 376), (67, 376), (70, 412), (60, 416), (6, 412), (7.5, 398)),
            "body",
        ),
        (
            "buttock-lower",
            poly(
                (0, 418), (6, 412), (60, 416), (70, 412), (78, 448), (60, 458), (30, 458), (0, 446)
            ),
            "body",
        ),
        # arm --------------------------------------------------------------
        ("shoulder-lateral", ua.band(-0.6, 0.36, 0.5, 3), "arm"),
        ("shoulder-posterior", ua.band(-0.6, 0.36, -3, 0.5), "arm"),
        ("elbow-lateral", el.band(0.0, 1.0, 0.45, 3), "arm"),
        ("elbow-medial", el.band(0.0, 1.0, -3, -0.45), "arm"),
        ("elbow-posterior", el.band(0.0, 1.0, -0.45, 0.45), "arm"),
        ("arm-lateral", ua.band(0.36, 0.9, 0.42, 3), "arm"),
        ("arm-posterior", ua.band(0.15, 0.9, -3, 0.42), "arm"),
        *hand_specs_back(digits, palm),
        ("wrist-dorsal", fa.band(0.86, 1.2, -3, 3), "arm"),
        ("forearm-dorsal-radial", fa.band(0.0, 0.9, 0, 3), "arm"),
        ("forearm-dorsal-ulnar", fa.band(0.0, 0.9, -3, 0), "arm"),
        # leg --------------------------------------------------------------
        ("knee-lateral", kn.band(0.0, 1.0, 0.5, 3), "body"),
        ("knee-posterior", kn.band(0.0, 1.0, -3, 0.5), "body"),
        ("thigh-lateral", th.band(-0.2, 0.9, 0.45, 3), "body"),
        ("thigh-posterior", th.band(-0.2, 0.9, -3, 0.45), "body"),
        ("ankle-lateral", lg.band(0.86, 1.08, 0.4, 3), "body"),
        ("ankle-medial", lg.band(0.86, 1.08, -3, -0.4), "body"),
        ("heel", box(20, 760, 80, 820), "body"),
        ("leg-lateral", lg.band(0.0, 0.95, 0.5, 3), "body"),
        ("leg-posterior-upper", lg.band(0.0, 0.5, -3, 0.5), "body"),
        ("leg-posterior-lower", lg.band(0.5, 1.2, -3, 0.5), "body"),
        # soles (inset) ----------------------------------------------------
        ("toe-great", sole["great"], "sole"),
        ("toes-lesser", sole["lesser"], "sole"),
        ("foot-ball", box(0, 800, 120, ball_y).intersection(sole_all), "sole"),
        ("foot-arch", box(0, ball_y, 120, arch_y).intersection(sole_all), "sole"),
        ("heel", box(0, arch_y, 120, 1000).intersection(sole_all), "sole"),
    ]
    return s


# --------------------------------------------------------------------------- allocation


def polygons_of(g: BaseGeometry) -> list[Polygon]:
    if g.is_empty:
        return []
    if isinstance(g, Polygon):
        return [g]
    if isinstance(g, MultiPolygon):
        return list(g.geoms)
    return [p for p in getattr(g, "geoms", []) if isinstance(p, Polygon)]


def clean(g: BaseGeometry, min_area: float = 1.0) -> BaseGeometry:
    parts = [p for p in polygons_of(make_valid(g)) if p.area >= min_area]
    return unary_union(parts) if parts else Polygon()


def allocate(
    specs: Spec, zones: dict[str, BaseGeometry], leftover_into: Callable[[str], bool]
) -> dict[str, BaseGeometry]:
    taken: BaseGeometry = Polygon()
    out: dict[str, BaseGeometry] = {}
    for rid, shape, zone in specs:
        g = shape.intersection(zones[zone]).difference(taken)
        g = clean(g, 0.5)
        if rid in out:
            out[rid] = unary_union([out[rid], g])
        else:
            out[rid] = g
        taken = unary_union([taken, g])
    # merge leftovers into the neighbour sharing most border
    whole = unary_union([zones[z] for z in {"body", "arm", "sole"} if z in zones])
    rest = whole.difference(taken)
    for piece in polygons_of(rest):
        if piece.area < 0.3:
            continue
        grown = piece.buffer(0.8)
        best, best_len = None, 0.0
        for rid, g in out.items():
            if not leftover_into(rid):
                continue
            inter = grown.intersection(g).area
            if inter > best_len:
                best, best_len = rid, inter
        if best is not None:
            out[best] = clean(make_valid(unary_union([out[best], piece])), 0.2)
    return out


def to_view(g: BaseGeometry, sign: float) -> BaseGeometry:
    """Canonical -> view coordinates: x = CX + sign * X, y + TOP."""
    return affinity.translate(affinity.scale(g, sign, 1.0, origin=(0, 0)), CX, TOP)


def fill_holes(g: BaseGeometry) -> BaseGeometry:
    return unary_union([Polygon(p.exterior) for p in polygons_of(g)])


def without_holes(p: Polygon) -> list[Polygon]:
    """Split a polygon with holes into hole-free pieces (vertical cuts through each hole)."""
    if not p.interiors:
        return [p]
    hx = p.interiors[0].centroid.x
    _minx, miny, _maxx, maxy = p.bounds
    cut = LineString([(hx, miny - 1), (hx, maxy + 1)])
    out: list[Polygon] = []
    for piece in split(p, cut).geoms:
        if isinstance(piece, Polygon):
            out.extend(without_holes(piece))
    return out


def rings(g: BaseGeometry) -> list[list[list[float]]]:
    out = []
    flat = [q for p in polygons_of(g) for q in without_holes(p)]
    flat = [q for p in flat for q in polygons_of(set_precision(p, 0.1))]
    for p in flat:
        p = orient(p, 1.0)
        if p.area < 0.5 or not p.is_valid:
            continue
        coords = [[round(x, 1), round(y, 1)] for x, y in p.exterior.coords[:-1]]
        dedup: list[list[float]] = []
        for c in coords:
            if not dedup or c != dedup[-1]:
                dedup.append(c)
        if len(dedup) >= 3:
            out.append(dedup)
    return out


def main() -> None:
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    sided = {r["id"]: r for r in spec["sided"]}
    midline = {r["id"]: r for r in spec["midline"]}

    sil, hand = build_silhouette()
    palm = hand.pop("palm")
    right = sil.intersection(RIGHT_HALF)
    az = arm_zone()
    zones = {"body": right.difference(az), "arm": right.intersection(az)}
    soles = sole_parts()
    soles.pop("k")
    soles.pop("arch")
    sole_right = fill_holes(unary_union(list(soles.values())).buffer(0.4).buffer(-0.4))
    sole_zone = {"sole": sole_right}

    views: dict[str, dict[str, object]] = {}
    for view, sign in (("front", -1.0), ("back", 1.0)):
        specs = front_specs(hand, palm) if view == "front" else back_specs(hand, palm)
        vz = dict(zones)
        if view == "back":
            vz.update(sole_zone)
        half = allocate(specs, vz, lambda rid: True)
        regions: dict[str, list[list[list[float]]]] = {}
        taken: BaseGeometry = Polygon()
        for rid, g in half.items():
            if rid in midline:
                g = unary_union([g, mirror(g)]).buffer(0.01).buffer(-0.01)
            # snap to the 0.1 grid, then remove what earlier regions took after snapping
            vg = to_view(g, sign).simplify(0.1, preserve_topology=True)
            vg = set_precision(make_valid(vg), 0.1)
            vg = set_precision(make_valid(vg.difference(taken)), 0.1)
            taken = unary_union([taken, vg])
            if rid in midline:
                regions[rid] = rings(vg)
            elif rid in sided:
                r_rings = rings(vg)
                regions[f"{rid}-r"] = r_rings
                regions[f"{rid}-l"] = [
                    [[round(2 * CX - x, 1), y] for x, y in reversed(ring)] for ring in r_rings
                ]
            else:
                raise SystemExit(f"unknown region id in generator: {rid}")
        outline_geo = [sil]
        if view == "back":
            outline_geo += [sole_right, mirror(sole_right)]
        outline = []
        for g in outline_geo:
            outline += rings(to_view(fill_holes(g), sign).simplify(0.1))
        views[view] = {
            "viewBox": [0, 0, VIEW_W, VIEW_H if view == "back" else 850.0],
            "centreX": CX,
            "outline": outline,
            "regions": dict(sorted(regions.items())),
        }
        # coverage report
        covered = unary_union([make_valid(g) for g in half.values()])
        total = unary_union(list(vz.values()))
        print(f"{view}: {len(regions)} regions, coverage {covered.area / total.area:.3%}")
    data = {
        "format": "tonus-body-atlas/1",
        "note": "Generated by tools/generate_atlas.py; do not edit by hand.",
        "views": views,
    }
    OUT.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
