"""Browser tests: Playwright driving Debian's chromium against pytest-django's live server.

One browser for the whole folder; each test gets fresh contexts (cookies, viewport) whose pages
fail the test on a JavaScript error, a console error, a failed request, or any request that
leaves the live server (the app must never reach the network).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.servers.basehttp import WSGIServer
from django.db import connections
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Request,
    Route,
    ViewportSize,
)
from pytest_django.live_server_helper import LiveServer

# The people of the web tests (alice: therapist at clinic A) and their test settings.
from tests.web.conftest import (  # noqa: F401  (fixtures, used by name)
    _web_settings,
    alice,
    client_of_a,
    clinic_a,
)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run",
]
TABLET: ViewportSize = {"width": 1024, "height": 768}
PHONE: ViewportSize = {"width": 390, "height": 844}
TIMEOUT_MS = 10_000


class _OneRequestAtATime(WSGIServer):
    """The live server's HTTP server, without threads. On the in-memory SQLite test database
    every request thread shares the test's one connection, so a page's parallel requests (its
    referral charts, each saving the session) collide with "database table is locked"; served
    one at a time, in the server thread, they cannot. (The clinic's own server uses a file
    database in WAL mode, where concurrent requests wait for the write lock instead.)"""

    def __init__(self, *args: Any, connections_override: Any = None, **kwargs: Any) -> None:
        # Django hands the threaded server the shared connections; the server thread, which
        # now serves every request itself, has already taken them over.
        super().__init__(*args, **kwargs)

    def close_request(self, request: Any) -> None:
        # As Django's threaded server does after each request (a shared in-memory SQLite
        # connection ignores this); else PostgreSQL could not drop the test database at the end.
        connections.close_all()
        super().close_request(request)


@pytest.fixture(scope="session")
def live_server(request: pytest.FixtureRequest, django_db_setup: None) -> Iterator[LiveServer]:
    """pytest-django's live server (same address option, same helper), one request at a time;
    set up after the test database, so stopped before it is dropped."""
    addr = (request.config.getvalue("liveserver")
            or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost")
    server = LiveServer(addr, start=False)
    server.thread.server_class = _OneRequestAtATime  # type: ignore[attr-defined]
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="package")
def browser(live_server: LiveServer) -> Iterator[Browser]:
    """Chromium for every test of this folder. Package scope, not session: Playwright's sync API
    keeps an asyncio loop running on the main thread while it is started, and Django refuses
    ORM calls from such a thread; so the loop (and the permission to ignore it) lasts only as
    long as these tests."""
    if not CHROMIUM.exists():
        pytest.skip(f"Debian's chromium is not installed at {CHROMIUM} "
                    "(scripts/system-deps.sh installs it; CI runs these tests)")
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class PageProblems:
    """What went wrong in a browser context that its pages would not show."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.seen: list[str] = []
        self.failed: dict[str, str] = {}  # url -> failure
        self.downloads: set[str] = set()
        self.reported = 0

    def problems(self) -> list[str]:
        # A link that downloads a file aborts its navigation: that is not a failure.
        return self.seen + [f"failed request: {url} ({failure})"
                            for url, failure in self.failed.items()
                            if not (url in self.downloads and failure == "net::ERR_ABORTED")]

    def assert_none_new(self) -> None:
        problems = self.problems()[self.reported:]
        self.reported += len(problems)
        assert not problems, "the browser saw problems:\n" + "\n".join(problems)

    def watch(self, context: BrowserContext) -> None:
        def guard(route: Route) -> None:
            url = route.request.url
            if url.startswith(self.origin):
                route.continue_()
            else:
                self.seen.append(f"request outside the live server: {url}")
                route.abort()

        context.route("**/*", guard)
        context.on("page", self.watch_page)

    def watch_page(self, page: Page) -> None:
        page.on("console", self.console)
        page.on("pageerror", lambda error: self.seen.append(f"JavaScript error: {error}"))
        page.on("requestfailed", self.request_failed)
        page.on("download", lambda download: self.downloads.add(download.url))

    def console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.seen.append(f"console error: {message.text} ({message.location.get('url')})")

    def request_failed(self, request: Request) -> None:
        failure = request.failure or ""
        # An <img> that htmx swapped out while it loaded is cancelled by the browser: not a
        # failure of the app (charts are no-store, so a re-render fetches them again).
        if request.resource_type == "image" and failure == "net::ERR_ABORTED":
            return
        self.failed[request.url] = failure


class PageMaker:
    """new_page(viewport=TABLET, **context_options): a page in a fresh context, watched."""

    def __init__(self, browser: Browser, base_url: str) -> None:
        self.browser = browser
        self.base_url = base_url
        self.problems = PageProblems(base_url.rstrip("/") + "/")
        self.contexts: list[BrowserContext] = []

    def __call__(self, viewport: ViewportSize = TABLET, **options: Any) -> Page:
        options.setdefault("locale", "en-GB")  # a clinic in the UK: dates read 28/11/2026
        context = self.browser.new_context(viewport=viewport, base_url=self.base_url, **options)
        context.set_default_timeout(TIMEOUT_MS)
        self.contexts.append(context)
        self.problems.watch(context)
        return context.new_page()

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def new_page(browser: Browser, live_server: LiveServer) -> Iterator[PageMaker]:
    maker = PageMaker(browser, live_server.url)
    yield maker
    maker.close()
    maker.problems.assert_none_new()  # anything that arrived after the test body


@pytest.fixture
def page(new_page: PageMaker) -> Page:
    """A tablet-sized page (1024×768), the app's main target."""
    return new_page()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """A page's problems fail the test itself, not only its teardown."""
    result = yield
    maker = getattr(item, "funcargs", {}).get("new_page")
    if isinstance(maker, PageMaker):
        maker.problems.assert_none_new()
    return result
