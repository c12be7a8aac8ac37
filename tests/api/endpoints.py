"""Every API endpoint once, with the permission it needs and a valid request body: the scoping,
authorisation-matrix and OpenAPI tests all read this table (and the OpenAPI test checks that it
lists every operation the API has)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.api.conftest import CASE
from tonus.web.accounts.permissions import Permission

SESSION: dict[str, Any] = {
    "soap_subjective": "Better", "pre_nprs": {"head-temple-r": 5},
    "post_nprs": {"head-temple-r": 2},
    "muscles_treated": [{"muscle": "upper-trapezius", "side": "r",
                         "technique": "ischemic-compression", "pressure": 2}],
}

PSFS: dict[str, Any] = {"instrument": "psfs",
                        "answers": {"activity-1": 3, "activity-2": 5, "activity-3": 4},
                        "labels": {"activity-1": "Lifting", "activity-2": "Typing",
                                   "activity-3": "Sleeping"}}


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str  # as in the OpenAPI schema, without the /api prefix
    permission: Permission
    body: Any = None
    success: int = 200

    @property
    def scoped(self) -> bool:
        """Does it name a record of one clinic (so another clinic must get a 404)?"""
        return "{" in self.path

    @property
    def gate(self) -> Permission | None:
        """The permission of the selector that finds the named record, which runs first."""
        if self.path.startswith("/clients/{client_id}"):
            return Permission.CLIENT_VIEW
        if self.path.startswith("/visits/{visit_id}"):
            return Permission.VISIT_VIEW
        return None

    def url(self, *, client_id: int, visit_id: int) -> str:
        return "/api" + self.path.format(client_id=client_id, visit_id=visit_id)

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint("GET", "/clients", Permission.CLIENT_VIEW),
    Endpoint("POST", "/clients", Permission.CLIENT_EDIT,
             {"first_name": "New", "last_name": "Client"}, 201),
    Endpoint("GET", "/clients/{client_id}", Permission.CLIENT_VIEW),
    Endpoint("PATCH", "/clients/{client_id}", Permission.CLIENT_EDIT, {"phone": "01632 960000"}),
    Endpoint("GET", "/clients/{client_id}/screening", Permission.CLIENT_VIEW),
    Endpoint("PUT", "/clients/{client_id}/screening", Permission.CLIENT_EDIT,
             {"answers": {"anxiety": True}}),
    Endpoint("GET", "/clients/{client_id}/visits", Permission.VISIT_VIEW),
    Endpoint("POST", "/clients/{client_id}/visits", Permission.VISIT_EDIT,
             {"visit_date": "2025-03-03", "case": CASE}, 201),
    Endpoint("GET", "/visits/{visit_id}", Permission.VISIT_VIEW),
    Endpoint("GET", "/visits/{visit_id}/case", Permission.VISIT_VIEW),
    Endpoint("PUT", "/visits/{visit_id}/case", Permission.VISIT_EDIT, CASE),
    Endpoint("GET", "/visits/{visit_id}/report", Permission.VISIT_VIEW),
    Endpoint("POST", "/assess", Permission.VISIT_VIEW, CASE),
    Endpoint("GET", "/visits/{visit_id}/session", Permission.VISIT_VIEW),
    Endpoint("PUT", "/visits/{visit_id}/session", Permission.VISIT_EDIT, SESSION),
    Endpoint("GET", "/questionnaires/instruments", Permission.CLIENT_VIEW),
    Endpoint("GET", "/visits/{visit_id}/questionnaires", Permission.VISIT_VIEW),
    Endpoint("POST", "/visits/{visit_id}/questionnaires", Permission.VISIT_EDIT, PSFS, 201),
    Endpoint("GET", "/clients/{client_id}/questionnaires", Permission.CLIENT_VIEW),
)
SCOPED = tuple(e for e in ENDPOINTS if e.scoped)


def call(http: Any, endpoint: Endpoint, *, client_id: int, visit_id: int) -> Any:
    url = endpoint.url(client_id=client_id, visit_id=visit_id)
    method = getattr(http, endpoint.method.lower())
    if endpoint.body is None:
        return method(url)
    return method(url, endpoint.body, content_type="application/json")
