"""The user's own API tokens: list, create (shown once), revoke."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from tonus.web.accounts.tokens import token_create, token_list, token_revoke


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=100, label="Name",
        help_text="What the token is for, e.g. “import script on the front-desk PC”.",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    expires_in_days = forms.TypedChoiceField(
        label="Expires", coerce=int, empty_value=None, initial="90",
        choices=[("30", "In 30 days"), ("90", "In 90 days"), ("365", "In a year"),
                 ("", "Never (until revoked)")],
        required=False,
        help_text="A token that expires cannot be misused for long if it is forgotten or leaks.",
    )


def _user(request: HttpRequest) -> AbstractBaseUser:
    return cast(AbstractBaseUser, request.user)  # LoginRequiredMiddleware: always logged in


def _page(request: HttpRequest, form: TokenForm, new_token: str = "") -> HttpResponse:
    return render(request, "accounts/api_tokens.html", {
        "form": form, "tokens": token_list(user=_user(request)), "new_token": new_token,
    })


@never_cache
@require_GET
def token_list_view(request: HttpRequest) -> HttpResponse:
    return _page(request, TokenForm())


@never_cache
@require_POST
def token_create_view(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _page(request, form)
    # Rendered, not redirected: the raw token must never pass through the session or messages.
    _, raw = token_create(by=_user(request), name=form.cleaned_data["name"],
                          expires_in_days=form.cleaned_data["expires_in_days"])
    return _page(request, TokenForm(), new_token=raw)


@require_POST
def token_revoke_view(request: HttpRequest, token_id: int) -> HttpResponse:
    try:
        token = token_revoke(by=_user(request), token_id=token_id)
    except ValidationError as error:
        messages.warning(request, error.messages[0])
    else:
        messages.success(request, f"Revoked “{token.name}”: it no longer opens the API.")
    return redirect("accounts:api-tokens")
