"""Progress over visits: SOAP note drafts, time series of pain, range of motion and posture
measures, and plateau detection on the NPRS minimal clinically important difference.

Pure core: standard library and pydantic only (plus the core's own knowledge for names and
normal values).
"""

from __future__ import annotations

from tonus.core.progress.plateau import (
    DEFAULT_SESSIONS,
    MCID_FRACTION,
    MCID_POINTS,
    PlateauStatus,
    detect_plateau,
    is_meaningful_improvement,
)
from tonus.core.progress.soap import Soap, draft_soap
from tonus.core.progress.trends import Point, Series, Trends, Visit, build_trends

__all__ = [
    "DEFAULT_SESSIONS",
    "MCID_FRACTION",
    "MCID_POINTS",
    "PlateauStatus",
    "Point",
    "Series",
    "Soap",
    "Trends",
    "Visit",
    "build_trends",
    "detect_plateau",
    "draft_soap",
    "is_meaningful_improvement",
]
