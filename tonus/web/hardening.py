"""Response hardening that applies to the whole app: no caching of health data, static storage.

Static files never reach NoStoreMiddleware: WhiteNoise, placed before it, answers them with
long-lived cache headers (their names carry a content hash).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import patch_cache_control
from whitenoise.storage import CompressedManifestStaticFilesStorage


class NoStoreMiddleware:
    """``Cache-Control: private, no-store`` on every page and API answer.

    Nearly every page and API response carries a client's health data (records, drawings,
    photos, PDFs); no browser, proxy or shared tablet may keep a copy on disk, so the rule is
    applied to every dynamic response rather than relying on each view to remember it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        patch_cache_control(response, private=True, no_store=True)  # keeps a view's own
        return response


class HashedStaticStorage(CompressedManifestStaticFilesStorage):  # type: ignore[misc]
    """WhiteNoise's hashed and compressed files; a name missing from the manifest (a static
    file added after the last collectstatic) falls back to its plain URL instead of a 500."""

    manifest_strict = False
