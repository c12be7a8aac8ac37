"""The 500 page with the app's navigation. Django's own handler renders 500.html without the
request (no user, no menu); ours renders it with the request, and falls back to a bare page if
that fails too (the error may be in what the menu needs, such as the database)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader


def server_error(request: HttpRequest) -> HttpResponse:
    try:
        html = loader.get_template("500.html").render({}, request)
    except Exception:  # the error page itself must not fail
        html = ("<!doctype html><title>Server error · Tonus</title><h1>Something went wrong"
                "</h1><p>Nothing was changed by the failed request. "
                "<a href=\"/\">Back to Tonus</a></p>")
    return HttpResponseServerError(html)
