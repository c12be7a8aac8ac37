"""Geometry of the body atlas: completeness, mirror symmetry, no overlaps, inside the outline."""

from __future__ import annotations

from importlib import resources
from itertools import combinations
from typing import Any

import pytest
import yaml
from shapely.geometry import MultiPolygon, Polygon
from shapely.ops import unary_union
from shapely.strtree import STRtree

from tonus.core.atlas import load_atlas

SLIVER = 0.005  # overlaps must stay below 0.5 % of the smaller region


def _spec() -> dict[str, tuple[str, ...]]:
    text = resources.files("tonus.core.spec").joinpath("body-regions.yaml").read_text("utf-8")
    data: Any = yaml.safe_load(text)
    out: dict[str, tuple[str, ...]] = {}
    for e in data["sided"]:
        for side in ("l", "r"):
            out[f"{e['id']}-{side}"] = tuple(e["views"])
    for e in data["midline"]:
        out[e["id"]] = tuple(e["views"])
    return out


SPEC = _spec()


def _shape(view: str, rid: str) -> MultiPolygon:
    return MultiPolygon([Polygon(r) for r in load_atlas().polygons(rid, view)])


def test_every_spec_region_is_drawn_exactly_in_its_views() -> None:
    atlas = load_atlas()
    assert set(atlas.all_region_ids()) == set(SPEC)
    for rid, views in SPEC.items():
        assert atlas.region_views(rid) == tuple(v for v in atlas.views if v in views), rid
        for view in atlas.views:
            drawn = bool(atlas.polygons(rid, view))
            assert drawn == (view in views), (rid, view)
    for view in atlas.views:
        assert set(atlas.view(view).regions) <= set(SPEC)


@pytest.mark.parametrize("view", ["front", "back"])
def test_left_is_exact_mirror_of_right(view: str) -> None:
    atlas = load_atlas()
    cx = atlas.view(view).centre_x
    for rid in atlas.view(view).regions:
        if not rid.endswith("-r"):
            continue
        right = atlas.polygons(rid, view)
        left = atlas.polygons(rid[:-2] + "-l", view)
        assert len(left) == len(right), rid
        for rr, lr in zip(right, left, strict=True):
            mirrored = sorted((round(2 * cx - x, 1), y) for x, y in rr)
            assert sorted(lr) == mirrored, rid
        # the client's right is on the viewer's left in the front view, right in the back view
        x = atlas.centroid(rid, view)[0]
        assert (x < cx) if view == "front" else (x > cx), rid


@pytest.mark.parametrize("view", ["front", "back"])
def test_midline_regions_straddle_the_centre(view: str) -> None:
    atlas = load_atlas()
    cx = atlas.view(view).centre_x
    for rid in atlas.view(view).regions:
        if rid.endswith(("-l", "-r")):
            continue
        x0, _y0, x1, _y1 = atlas.bbox(rid, view)
        assert x0 < cx < x1, rid
        assert abs((x0 + x1) / 2 - cx) < 0.2, rid


@pytest.mark.parametrize("view", ["front", "back"])
def test_polygons_are_valid_and_not_trivial(view: str) -> None:
    for rid in load_atlas().view(view).regions:
        shape = _shape(view, rid)
        for p in shape.geoms:
            assert p.is_valid, (rid, view)
        assert shape.area > 15.0, (rid, view, shape.area)


@pytest.mark.parametrize("view", ["front", "back"])
def test_regions_do_not_overlap(view: str) -> None:
    atlas = load_atlas()
    ids = list(atlas.view(view).regions)
    shapes = [_shape(view, rid) for rid in ids]
    tree = STRtree(shapes)
    for i, j in tree.query(shapes, predicate="intersects").T:
        if i >= j:
            continue
        a, b = shapes[i], shapes[j]
        overlap = a.intersection(b).area
        assert overlap < SLIVER * min(a.area, b.area), (ids[i], ids[j], overlap)


@pytest.mark.parametrize("view", ["front", "back"])
def test_regions_lie_inside_the_outline_and_cover_it(view: str) -> None:
    atlas = load_atlas()
    v = atlas.view(view)
    outline = unary_union([Polygon(r) for r in v.outline]).buffer(1.0)
    covered = []
    for rid in v.regions:
        shape = _shape(view, rid)
        assert shape.difference(outline).area < 0.5, rid
        covered.append(shape)
    union = unary_union(covered)
    assert union.area > 0.97 * unary_union([Polygon(r) for r in v.outline]).area


def test_views_have_distinct_outlines_and_viewboxes() -> None:
    atlas = load_atlas()
    assert atlas.views == ("front", "back")
    for name in atlas.views:
        v = atlas.view(name)
        x0, y0, w, h = v.view_box
        for ring in v.outline:
            for x, y in ring:
                assert x0 <= x <= x0 + w
                assert y0 <= y <= y0 + h


def test_anatomical_landmarks() -> None:
    """A few spot checks of the anatomy (coordinates grow rightwards and downwards)."""
    atlas = load_atlas()

    def c(rid: str, view: str) -> tuple[float, float]:
        return atlas.centroid(rid, view)

    # front view, client's right on the viewer's left: thumb the furthest out on the hand
    fingers = [
        "finger-thumb-r",
        "finger-index-r",
        "finger-middle-r",
        "finger-ring-r",
        "finger-little-r",
    ]
    xs = [c(f, "front")[0] for f in fingers]
    assert xs[0] < min(xs[1:])
    assert xs[1:] == sorted(xs[1:])  # index .. little run towards the body
    assert c("forearm-volar-radial-r", "front")[0] < c("forearm-volar-ulnar-r", "front")[0]
    assert c("hand-thenar-r", "front")[0] < c("hand-hypothenar-r", "front")[0]
    # the head from top to chin
    ys = [
        c(r, "front")[1]
        for r in (
            "head-vertex",
            "head-forehead-r",
            "head-eye-r",
            "head-teeth-upper-r",
            "head-teeth-lower-r",
            "head-chin",
        )
    ]
    assert ys == sorted(ys)
    # temple above the ear, mastoid behind/below the ear (back view: right on the right)
    assert (
        c("head-temple-r", "back")[1] < c("head-ear-r", "back")[1] < c("head-mastoid-r", "back")[1]
    )
    assert c("head-mastoid-r", "back")[0] < c("head-ear-r", "back")[0]
    # scapula: supraspinous above infraspinous above inferior angle
    ys = [
        c(r, "back")[1]
        for r in ("scapula-supraspinous-r", "scapula-infraspinous-r", "scapula-inferior-angle-r")
    ]
    assert ys == sorted(ys)
    # legs: thigh, knee, calf, heel; the knee-posterior sits between thigh and calf
    ys = [
        c(r, "back")[1]
        for r in (
            "thigh-posterior-r",
            "knee-posterior-r",
            "leg-posterior-upper-r",
            "leg-posterior-lower-r",
        )
    ]
    assert ys == sorted(ys)
    # sole: toes, ball, arch, heel from top to bottom; the big toe medial
    sole = [c(r, "back")[1] for r in ("toe-great-r", "foot-ball-r", "foot-arch-r")]
    assert sole == sorted(sole)
    assert c("toe-great-r", "back")[0] < c("toes-lesser-r", "back")[0]
    assert c("toe-great-r", "front")[0] > c("toes-lesser-r", "front")[0]


def test_centroid_is_inside_convex_regions() -> None:
    atlas = load_atlas()
    for a, b in combinations(("head-eye-r", "abdomen-umbilical"), 2):
        assert atlas.centroid(a, "front") != atlas.centroid(b, "front")
    x, _y = atlas.centroid("abdomen-umbilical", "front")
    assert x == pytest.approx(atlas.view("front").centre_x, abs=0.2)
    with pytest.raises(ValueError, match="no-such-region"):
        atlas.centroid("no-such-region", "front")
    with pytest.raises(ValueError, match="heel-r"):
        atlas.centroid("heel-r", "front")
