"""Confirmed movement findings in words, for notes, reports and letters."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

SIDE = {"l": "left", "r": "right"}


def movement_words(entry: Mapping[str, Any]) -> str:
    """``{"screen": "overhead-squat", "finding": "knees-move-in", "side": "l"}`` ->
    "knees move in (left) in the overhead squat"."""
    finding = str(entry.get("finding", "")).replace("-", " ")
    side = SIDE.get(str(entry.get("side", "")), "")
    screen = str(entry.get("screen", "")).replace("-", " ")
    return f"{finding}{f' ({side})' if side else ''} in the {screen}"


def movement_lines(entries: Iterable[Mapping[str, Any]]) -> list[str]:
    return [movement_words(e) for e in entries]
