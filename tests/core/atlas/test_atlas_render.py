"""SVG output of the atlas renderers."""

from __future__ import annotations

import argparse
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tonus.cli import atlas_command
from tonus.core.atlas import (
    TriggerPointMark,
    load_atlas,
    render_blank,
    render_pain_drawing,
    render_referral_pattern,
)

NS = "{http://www.w3.org/2000/svg}"


def _region_paths(svg: str) -> dict[str, ET.Element]:
    root = ET.fromstring(svg)
    out: dict[str, ET.Element] = {}
    for el in root.iter(f"{NS}path"):
        if el.get("class") == "region":
            assert el.get("id") not in out
            out[str(el.get("id"))] = el
    return out


def _expected_ids(views: tuple[str, ...] = ("front", "back")) -> set[str]:
    atlas = load_atlas()
    return {f"{v}-{rid}" for v in views for rid in atlas.view(v).regions}


def test_blank_has_one_titled_path_per_region() -> None:
    paths = _region_paths(render_blank())
    assert set(paths) == _expected_ids()
    atlas = load_atlas()
    for pid, el in paths.items():
        rid = el.get("data-region")
        assert rid is not None
        assert pid.endswith(rid)
        title = el.find(f"{NS}title")
        assert title is not None
        assert title.text == atlas.label(rid)
    assert paths["front-head-temple-r"].find(f"{NS}title").text == "Temple (right)"  # type: ignore[union-attr]
    assert paths["back-back-coccyx"].find(f"{NS}title").text == "Coccyx"  # type: ignore[union-attr]


def test_pain_drawing_colours_marked_regions() -> None:
    svg = render_pain_drawing(
        {"head-temple-r": 7, "neck-lateral-r": 4, "shoulder-top-l": 0}, title="Pain"
    )
    paths = _region_paths(svg)
    assert set(paths) == _expected_ids()
    plain = paths["front-head-temple-l"].get("fill")
    assert paths["front-head-temple-r"].get("fill") != plain
    assert paths["back-head-temple-r"].get("fill") == paths["front-head-temple-r"].get("fill")
    assert paths["front-neck-lateral-r"].get("fill") not in (
        plain,
        paths["front-head-temple-r"].get("fill"),
    )
    assert paths["front-shoulder-top-l"].get("data-intensity") == "0"
    assert "Front" in svg
    assert "Back" in svg


def test_pain_drawing_single_view() -> None:
    paths = _region_paths(render_pain_drawing({"heel-r": 5}, views=("back",)))
    assert set(paths) == _expected_ids(("back",))


@pytest.mark.parametrize(
    "call",
    [
        lambda: render_pain_drawing({"head-templ-r": 3}),
        lambda: render_referral_pattern(
            essential=["head-templ-r"], spillover=[], trigger_points=[]
        ),
        lambda: render_referral_pattern(
            essential=[], spillover=["head-templ-r"], trigger_points=[]
        ),
        lambda: render_referral_pattern(
            essential=[], spillover=[], trigger_points=[TriggerPointMark("head-templ-r")]
        ),
        lambda: render_referral_pattern(
            essential=[], spillover=[], trigger_points=[], pain={"head-templ-r": 2}
        ),
    ],
)
def test_unknown_region_raises(call: object) -> None:
    with pytest.raises(ValueError, match="head-templ-r"):
        call()  # type: ignore[operator]


def test_intensity_out_of_range_raises() -> None:
    with pytest.raises(ValueError, match="head-temple-r"):
        render_pain_drawing({"head-temple-r": 11})


def test_referral_pattern() -> None:
    svg = render_referral_pattern(
        essential=["buttock-lower-r", "thigh-lateral-r"],
        spillover=["leg-lateral-r"],
        trigger_points=[TriggerPointMark("hip-lateral-r", view="back", nudge=(0.0, -0.2))],
        pain={"thigh-lateral-r": 6},
        title="Gluteus minimus",
    )
    root = ET.fromstring(svg)
    paths = _region_paths(svg)
    assert set(paths) == _expected_ids()
    assert paths["back-buttock-lower-r"].get("data-zone") == "essential"
    assert paths["front-leg-lateral-r"].get("data-zone") == "spillover"
    assert paths["front-leg-lateral-r"].get("fill") == "url(#tonus-stipple)"
    assert paths["back-buttock-lower-l"].get("data-zone") is None
    crosses = [g for g in root.iter(f"{NS}g") if g.get("class") == "trigger-point"]
    assert len(crosses) == 2  # the one on the chart and the one in the legend
    overlays = [p for p in root.iter(f"{NS}path") if p.get("class") == "pain-overlay"]
    assert len(overlays) == 2  # thigh-lateral-r in both views
    assert all(p.get("data-region") is None for p in overlays)


def test_referral_draws_only_views_with_content() -> None:
    svg = render_referral_pattern(
        essential=["head-forehead-r"],
        spillover=["head-eye-r"],
        trigger_points=[TriggerPointMark("head-temple-r")],
    )
    assert set(_region_paths(svg)) == _expected_ids(("front",))


def test_trigger_point_in_wrong_view_raises() -> None:
    with pytest.raises(ValueError, match="heel-r"):
        render_referral_pattern(
            essential=[], spillover=[], trigger_points=[TriggerPointMark("heel-r", view="front")]
        )


def _cli(tmp_path: Path, *argv: str) -> int:
    parser = argparse.ArgumentParser(prog="tonus")
    sub = parser.add_subparsers(dest="command", required=True)
    atlas_command.add_parser(sub)
    args = parser.parse_args(["atlas", "render", *argv])
    return atlas_command.run(args)


def test_cli_renders_svg(tmp_path: Path) -> None:
    out = tmp_path / "p.svg"
    assert _cli(tmp_path, "--kind", "pain", "--pain", "head-temple-r=7", "--out", str(out)) == 0
    assert "front-head-temple-r" in out.read_text(encoding="utf-8")
    out2 = tmp_path / "r.svg"
    code = _cli(
        tmp_path,
        "--kind",
        "referral",
        "--essential",
        "thigh-lateral-r",
        "--trigger-point",
        "hip-lateral-r@back:0,-0.2",
        "--out",
        str(out2),
    )
    assert code == 0
    ET.fromstring(out2.read_text(encoding="utf-8"))


def test_cli_rejects_unknown_region(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = _cli(tmp_path, "--kind", "pain", "--pain", "nope-r=3", "--out", str(tmp_path / "x.svg"))
    assert code == 2
    assert "nope-r" in capsys.readouterr().err


def test_focus_zooms_each_view_onto_the_marked_regions() -> None:
    import xml.etree.ElementTree as ET

    from tonus.core.atlas import TriggerPointMark, load_atlas, render_referral_pattern

    svg = render_referral_pattern(essential=["head-temple-r"], spillover=["head-eye-r"],
                                  trigger_points=[TriggerPointMark("shoulder-top-r", "back")],
                                  focus=True)
    root = ET.fromstring(svg)
    nested = [e for e in root.iter("{http://www.w3.org/2000/svg}svg") if e is not root]
    assert nested
    full_height = load_atlas().view("front").view_box[3]
    for panel in nested:
        _x, _y, _w, h = (float(v) for v in panel.attrib["viewBox"].split())
        assert h < full_height * 0.6  # a head-and-shoulders detail, not the whole body
    assert 'data-region="head-temple-r"' in svg
