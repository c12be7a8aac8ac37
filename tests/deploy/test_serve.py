"""`make serve` for real: scripts/serve.sh on a fresh data folder, gunicorn on a free loopback
port, and a browser's first requests: the login page, its CSS, the htmx script, then (logged
in) the API docs and every asset Swagger UI loads. Each must be 200, with the static files
hashed, compressed and cacheable, the pages not."""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Browser:
    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
        return self._open(urllib.request.Request(self.base + path, headers=headers))

    def post(self, path: str, form: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        data = urlencode(form).encode()
        return self._open(urllib.request.Request(self.base + path, data=data))

    def _open(self, request: urllib.request.Request) -> tuple[int, dict[str, str], bytes]:
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    data = tmp_path_factory.mktemp("serve-data")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("TONUS_")}
    env.update(TONUS_DATA_DIR=str(data), TONUS_BIND=f"127.0.0.1:{port}", TONUS_BIN=str(BIN),
               TONUS_WEB_WORKERS="1", TONUS_WEB_THREADS="2")
    log = data / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(["bash", "scripts/serve.sh"], cwd=REPO, env=env, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300  # migrate + collectstatic on a busy CI machine
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                pytest.fail(f"serve.sh exited {proc.returncode}: {log.read_text()[-3000:]}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.3)
        else:
            pytest.fail(f"gunicorn did not listen within 300 s: {log.read_text()[-3000:]}")
        subprocess.run(  # an account to open the API docs (they need a session, like pages)
            [BIN / "python", "manage.py", "createsuperuser", "--no-input", "--username", "ops",
             "--email", "ops@example.com"], cwd=REPO, check=True, capture_output=True,
            env={**env, "DJANGO_SUPERUSER_PASSWORD": "serve-test-password-41"})
        yield base, data
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def _assets(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="(/static/[^"]+)"', html)


def test_pages_and_their_static_files_are_served(server: tuple[str, Path]) -> None:
    base, data = server
    browser = Browser(base)
    status, headers, body = browser.get("/accounts/login/")
    assert status == 200
    assert "no-store" in headers["Cache-Control"]
    assert "Content-Security-Policy" in headers
    assets = _assets(body.decode())
    css = [a for a in assets if a.endswith(".css")]
    htmx = [a for a in assets if "htmx" in a]
    assert css and htmx, assets
    for asset in assets:
        # hashed names (collectstatic's manifest): cacheable for a year, never stale
        assert re.search(r"\.[0-9a-f]{12}\.(css|js)$", asset), asset
        status, headers, content = browser.get(asset, **{"Accept-Encoding": "gzip"})
        assert status == 200, asset
        assert content, asset
        assert "max-age=315360000" in headers.get("Cache-Control", ""), asset
        assert headers.get("Content-Encoding") == "gzip", asset
    assert (data / "static" / "staticfiles.json").exists()

    # The API docs: log in through the form (CSRF token included), then Swagger UI's assets.
    _, _, page = browser.get("/accounts/login/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token is not None
    status, _, docs = browser.post("/accounts/login/", {
        "csrfmiddlewaretoken": token.group(1).decode(), "username": "ops",
        "password": "serve-test-password-41", "next": "/api/docs"})
    assert status == 200  # urllib followed the redirect to the docs
    docs_assets = _assets(docs.decode())
    assert any("swagger-ui" in a and a.endswith(".css") for a in docs_assets), docs_assets
    assert any(a.endswith(".js") for a in docs_assets), docs_assets
    for asset in docs_assets:
        assert browser.get(asset)[0] == 200, asset
    status, _, schema = browser.get("/api/openapi.json")
    assert status == 200 and b'"openapi"' in schema


def test_https_behind_a_proxy_marks_cookies_secure_and_sends_hsts() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TONUS_DATABASE")}
    code = (
        "import django; django.setup();"
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS,"
        " s.SECURE_PROXY_SSL_HEADER)"
    )
    out = subprocess.run(
        [BIN / "python", "-c", code], cwd=REPO, capture_output=True, text=True, check=True,
        env={**env, "TONUS_HTTPS": "1", "DJANGO_SETTINGS_MODULE": "tonus.web.settings"},
    ).stdout
    assert out.split() == ["True", "True", "31536000", "('HTTP_X_FORWARDED_PROTO',", "'https')"]
