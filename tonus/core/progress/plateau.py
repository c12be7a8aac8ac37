"""Plateau detection on the pre-treatment pain of the primary region(s).

The minimal clinically important difference (MCID) of the Numeric Pain Rating Scale is a
decrease of **2 points or 30 %** (Abbott JH, Schmitt JS. Minimum important differences for the
Patient-Specific Functional Scale, 4 region-specific outcome measures, and the Numeric Pain
Rating Scale. J Orthop Sports Phys Ther. 2014;44(8):560-564; ``abbott-2014`` in
``knowledge/data/sources.yaml``). Either criterion suffices, so a drop from 3 to 2 (33 %) is
progress although it is only one point.

The series compared is the overall pre-treatment pain of each visit (the mean of the primary
regions, see :mod:`tonus.core.progress.trends`); post-treatment relief within one session is not
lasting progress and is not used.

Method: walk the visits in date order keeping a *reference*, first the baseline visit; a visit
whose pain is at least the MCID below the reference is progress and becomes the new reference.
``sessions_without_progress`` is the number of visits after the last reference. A plateau is
``sessions_without_progress >= n`` (default 3): the last ``n`` sessions brought no clinically
important improvement over the last point of progress. So fewer than ``n + 1`` visits are never
a plateau, and in particular fewer than ``n``. The count is what a next case's
``sessions_without_progress`` expects: from 3 the reasoning prompts the perpetuating-factor
review and referral.

Pain at 0 is resolved, never a plateau.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict

from tonus.core.progress.trends import Visit, build_trends

MCID_POINTS = 2.0
MCID_FRACTION = 0.30
DEFAULT_SESSIONS = 3
SOURCE = "abbott-2014"
_EPS = 1e-9


class PlateauStatus(BaseModel):
    model_config = ConfigDict(frozen=True)
    plateau: bool
    sessions_without_progress: int
    evidence: str


def mcid_drop(before: float) -> float:
    """The smallest drop from ``before`` that counts as clinically important: 2 NPRS points or
    30 % of ``before``, whichever is smaller."""
    return min(MCID_POINTS, MCID_FRACTION * before)


def is_meaningful_improvement(before: float, after: float) -> bool:
    """True when ``after`` is at least 2 NPRS points or 30 % below ``before``."""
    drop = before - after
    if drop <= 0:
        return False
    return drop >= mcid_drop(before) - _EPS


def _fmt(x: float) -> str:
    return f"{x:g}" if x == int(x) else f"{x:.1f}"


def plateau_from_scores(scores: Iterable[float], n: int = DEFAULT_SESSIONS) -> PlateauStatus:
    """Plateau status of a series of pre-treatment NPRS scores in visit order."""
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n!r}")
    values = [float(s) for s in scores]
    if not values:
        return PlateauStatus(plateau=False, sessions_without_progress=0,
                             evidence="No visits recorded yet.")
    ref_i = 0
    for i in range(1, len(values)):
        if is_meaningful_improvement(values[ref_i], values[i]):
            ref_i = i
    swp = len(values) - 1 - ref_i
    shown = ", ".join(_fmt(v) for v in values)
    rule = "MCID 2 points or 30 %, Abbott & Schmitt 2014"
    if values[-1] == 0:
        return PlateauStatus(plateau=False, sessions_without_progress=0,
                             evidence=f"Pain resolved (0/10) at the latest visit ({shown}).")
    if swp == 0:
        what = ("baseline visit only" if len(values) == 1
                else f"latest visit improved meaningfully ({rule})")
        return PlateauStatus(plateau=False, sessions_without_progress=0,
                             evidence=f"Pre-treatment pain {shown}: {what}.")
    base = values[ref_i]
    best = min(values[ref_i + 1:])
    label = "baseline" if ref_i == 0 else f"visit {ref_i + 1}"
    plateau = swp >= n
    evidence = (
        f"Pre-treatment pain {shown}: {swp} session{'s' if swp != 1 else ''} without a "
        f"clinically important improvement on {_fmt(base)}/10 ({label}); best since "
        f"{_fmt(best)}/10 ({rule})."
    )
    if plateau:
        evidence += " Plateau: review perpetuating factors and consider referral."
    elif len(values) < n + 1:
        evidence += f" Too few sessions to call a plateau (needs {n} after the reference)."
    return PlateauStatus(plateau=plateau, sessions_without_progress=swp, evidence=evidence)


def detect_plateau(visits: Iterable[Visit | Mapping[str, Any]],
                   primary: Iterable[str] | None = None,
                   n: int = DEFAULT_SESSIONS) -> PlateauStatus:
    """Plateau status from visits, on the mean pre-treatment NPRS of the primary region(s)."""
    trends = build_trends(visits, primary)
    return plateau_from_scores(trends.overall.values, n)
