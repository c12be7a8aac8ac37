"""The Team page (clinic admins): who works here, deactivate / reactivate, unlock."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from tonus.web.accounts import team


def _user(request: HttpRequest) -> AbstractBaseUser:
    return cast(AbstractBaseUser, request.user)


@require_GET
def team_view(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/team.html", {"members": team.team_list(by=_user(request))})


def _act(request: HttpRequest, action: Callable[..., Any], done: str, user_id: int) -> HttpResponse:
    try:
        action(by=_user(request), user_id=user_id)
    except ValidationError as error:
        messages.warning(request, error.messages[0])
    else:
        messages.success(request, done)
    return redirect("accounts:team")


@require_POST
def member_deactivate_view(request: HttpRequest, user_id: int) -> HttpResponse:
    return _act(request, team.member_deactivate,
                "Deactivated: they can no longer log in, and their API tokens are revoked.",
                user_id)


@require_POST
def member_reactivate_view(request: HttpRequest, user_id: int) -> HttpResponse:
    return _act(request, team.member_reactivate, "Reactivated: they can log in again.", user_id)


@require_POST
def member_unlock_view(request: HttpRequest, user_id: int) -> HttpResponse:
    return _act(request, team.member_unlock, "Unlocked: they can try to log in again.", user_id)
