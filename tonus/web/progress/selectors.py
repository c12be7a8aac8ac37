"""Reading a client's progress: their visits (through the audited, clinic-scoped selectors) as
the core's time series and plateau status."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tonus.core.progress import PlateauStatus, Trends, build_trends, detect_plateau
from tonus.web.accounts.selectors import AnyUser
from tonus.web.clients.models import Client
from tonus.web.clients.selectors import client_get
from tonus.web.visits.models import Visit
from tonus.web.visits.selectors import visit_list


@dataclass(frozen=True)
class ClientProgress:
    client: Client
    visits: list[Visit]  # oldest first
    primary: list[str]
    trends: Trends
    plateau: PlateauStatus

    @property
    def latest_visit(self) -> Visit | None:
        return self.visits[-1] if self.visits else None


def primary_regions(visits: list[Visit]) -> list[str]:
    """The regions marked primary in the visits' drawings, in order of first appearance."""
    regions: dict[str, None] = {}
    for visit in visits:
        for mark in (visit.case or {}).get("pain", []):
            if mark.get("primary") and mark.get("region"):
                regions.setdefault(str(mark["region"]), None)
    return list(regions)


def core_visit(visit: Visit) -> dict[str, Any]:
    """A visit in the core's shape; the session's ROM overrides the consultation's per test."""
    rom = {str(r["test"]): r for r in (visit.case or {}).get("rom", []) if "test" in r}
    rom.update({str(r["test"]): r for r in visit.rom if "test" in r})
    return {
        "date": visit.visit_date,
        "pre_nprs": visit.pre_nprs,
        "post_nprs": visit.post_nprs,
        "rom": list(rom.values()),
        "measures": list((visit.case or {}).get("measures", [])),
    }


def client_progress_get(*, user: AnyUser, client_id: int) -> ClientProgress:
    """A client's series and plateau status; Http404 for another clinic's client."""
    client = client_get(user=user, client_id=client_id)
    visits = sorted(visit_list(user=user, client_id=client.pk),
                    key=lambda v: (v.visit_date, v.pk))
    primary = primary_regions(visits)
    core_visits = [core_visit(v) for v in visits]
    return ClientProgress(
        client=client, visits=visits, primary=primary,
        trends=build_trends(core_visits, primary or None),
        plateau=detect_plateau(core_visits, primary or None),
    )
