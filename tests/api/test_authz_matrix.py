"""The authorisation matrix, generated from accounts/roles.py: every role × every endpoint ×
own or other clinic. The expected answer follows from ROLE_PERMISSIONS alone:

* the role may not read that kind of record at all -> 403 (whichever clinic it is in);
* it may, but the record is another clinic's -> 404 (it does not exist for them, whatever
  they meant to do with it: never a 403 that confirms it exists);
* own clinic: the role lacks the endpoint's permission -> 403, else the success status.

Besides the real roles, two made-up ones exercise the 403 rows: a view-only role and a member
with no permissions at all.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from tests.api.conftest import api_client, token_for
from tests.api.endpoints import ENDPOINTS, Endpoint, call
from tests.web.conftest import _member
from tonus.web.accounts.permissions import Permission
from tonus.web.accounts.roles import ROLE_PERMISSIONS

VIEW_ONLY = "view-only"
NO_PERMISSIONS = "no-permissions"
ROLES = (*ROLE_PERMISSIONS, VIEW_ONLY, NO_PERMISSIONS)
MADE_UP_ROLES = {
    VIEW_ONLY: frozenset({Permission.CLIENT_VIEW, Permission.VISIT_VIEW}),
    NO_PERMISSIONS: frozenset(),
}


def expected_status(role: str, endpoint: Endpoint, own_clinic: bool) -> int:
    granted = ROLE_PERMISSIONS.get(role, MADE_UP_ROLES.get(role, frozenset()))
    if endpoint.gate is not None:
        if endpoint.gate not in granted:
            return 403
        if not own_clinic:
            return 404
    if endpoint.permission not in granted:
        return 403
    return endpoint.success


@pytest.fixture
def _made_up_roles(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(ROLE_PERMISSIONS, VIEW_ONLY, MADE_UP_ROLES[VIEW_ONLY])


@pytest.mark.usefixtures("_made_up_roles")
@pytest.mark.parametrize(
    ("role", "endpoint", "own_clinic"),
    list(itertools.product(ROLES, ENDPOINTS, (True, False))),
    ids=lambda v: {True: "own-clinic", False: "other-clinic"}.get(v, str(v))
    if isinstance(v, bool) else str(v),
)
def test_authorisation_matrix(
    role: str, endpoint: Endpoint, own_clinic: bool, visit_of_a: Any, clinic_a: Any,
    clinic_b: Any,
) -> None:
    user = _member(f"{role}-user", clinic_a if own_clinic else clinic_b, role)
    response = call(api_client(token_for(user)), endpoint,
                    client_id=visit_of_a.client_id, visit_id=visit_of_a.pk)
    assert response.status_code == expected_status(role, endpoint, own_clinic), (
        response.content[:300]
    )


def test_the_matrix_has_403_404_and_success_rows() -> None:
    statuses = {expected_status(r, e, own) for r in ROLES for e in ENDPOINTS
                for own in (True, False)}
    assert {200, 201, 403, 404} <= statuses


def test_the_real_roles_come_from_roles_py() -> None:
    assert set(ROLE_PERMISSIONS) <= set(ROLES) and len(ROLE_PERMISSIONS) >= 2
