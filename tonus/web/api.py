"""The one NinjaAPI: bearer-token authentication, the error shapes, a router per app.

Only API tokens open the API (``Authorization: Bearer <token>``); a browser session does not,
so there is no CSRF to worry about. Endpoints pass ``request.auth`` (the token's user) to the
same selectors and services as the pages, so clinic scoping (404), role checks (403) and the
audit log are the same. The docs (/api/docs, Swagger UI from ninja's bundled static files, no
CDN) and the schema (/api/openapi.json) need a logged-in session, like every page.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver
from ninja import NinjaAPI, Swagger
from ninja.errors import HttpError
from ninja.security import HttpBearer

from tonus.core.errors import CaseError
from tonus.web.accounts.tokens import token_authenticate
from tonus.web.api_errors import StrictJsonParser, UnsafeBodyError, document_errors


class ApiTokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``: a live token of an active user, else 401."""

    def authenticate(self, request: HttpRequest, token: str) -> AbstractBaseUser | None:
        # ninja puts the user on request.auth; endpoints use that, never request.user (which
        # a browser session could fill).
        return token_authenticate(token)


DESCRIPTION = """\
The Tonus API: clients, visits (the consultation drawing as `tonus.case/1`), assessments
(`tonus.report/1`) and session records.

**Authentication.** Every endpoint needs an API token: create one under *API tokens* in the
user menu (or `manage.py api_token_create --user NAME --name WHAT`) and send it as
`Authorization: Bearer <token>`. The token acts as its user: the same clinic, the same role.

**Errors.** 401: no token, an unknown or revoked token. 403: your role does not allow this.
404: no such record *in your clinic* (another clinic's records are never revealed).
400: the body is not JSON. 422: invalid input; `detail` is a list of problems, each with `loc`
(where, ending in the field name) and `msg`: a field sent as `null` that cannot be empty, and
`NaN` or `Infinity` in any number, are refused this way. Every error is a JSON object with
`detail`.

The case and report formats are described in `docs/case-format.md`.
"""

class TonusApi(NinjaAPI):
    """The schema documents the error answers every operation can give (400, 401, 404, 422)."""

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        return document_errors(super().get_openapi_schema(**kwargs))


api = TonusApi(
    title="Tonus API",
    version="1",
    description=DESCRIPTION,
    auth=ApiTokenAuth(),
    urls_namespace="api",
    # validatorUrl None: Swagger UI would otherwise ask an outside server to check the schema.
    docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": False}),
    parser=StrictJsonParser(),
)

api.add_router("/clients", "tonus.web.clients.api.router")
api.add_router("", "tonus.web.visits.api.router")
api.add_router("", "tonus.web.progress.api.router")
api.add_router("", "tonus.web.outcomes.api.router")


def _problem(loc: list[str], msg: str, kind: str) -> dict[str, Any]:
    return {"loc": loc, "msg": msg, "type": kind}


def case_problems(error: CaseError, where: str = "case") -> list[dict[str, Any]]:
    """One item per CaseError line ("pain[0].region: unknown region ..."), as the CLI prints."""
    items = []
    for line in error.problems:
        field, _, message = line.partition(": ")
        items.append(_problem(["body", where, field], message or line, "case"))
    return items


@api.exception_handler(CaseError)
def _case_error(request: HttpRequest, exc: CaseError) -> HttpResponse:
    return api.create_response(request, {"detail": case_problems(exc)}, status=422)


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    # A case the core rejected: report its problems one by one, naming each field.
    if isinstance(exc.__cause__, CaseError):
        return _case_error(request, exc.__cause__)
    if hasattr(exc, "error_dict"):
        items = [
            _problem(["body", field], message, "validation")
            for field, messages in exc.message_dict.items() for message in messages
        ]
    else:
        items = [_problem(["body"], message, "validation") for message in exc.messages]
    return api.create_response(request, {"detail": items}, status=422)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    # ninja turns any parser failure into "400 Cannot parse request body"; a body that is JSON
    # but holds NaN, Infinity or NUL characters is a 422 naming each field instead.
    if isinstance(exc.__cause__, UnsafeBodyError):
        return api.create_response(request, {"detail": exc.__cause__.problems}, status=422)
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


@api.exception_handler(PermissionDenied)
def _permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(
        request, {"detail": str(exc) or "Your role does not allow this."}, status=403
    )


def _open_without_session(patterns: list[URLPattern | URLResolver]) -> None:
    """Let LoginRequiredMiddleware pass the endpoints through: they check a token instead."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _open_without_session(pattern.url_patterns)
        elif pattern.name not in {"openapi-json", "openapi-view", "api-root"}:
            pattern.callback.login_required = False  # type: ignore[attr-defined]


# ``path("api/", include("tonus.web.api"))`` in the project's urls.py reads these two.
urlpatterns, _ninja_app_name, app_name = api.urls  # app_name: the "api" namespace
_open_without_session(urlpatterns)
