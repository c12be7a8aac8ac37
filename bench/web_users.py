"""Virtual users for bench/bench_web.py: one keep-alive HTTP connection and cookie jar each,
logging in through the real login form (CSRF token included) like a browser would."""

from __future__ import annotations

import http.client
import random
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class BenchError(Exception):
    pass


@dataclass
class VirtualUser:
    host: str
    port: int
    cookies: dict[str, str] = field(default_factory=dict)
    conn: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, str, str]:
        """(status, Location header, body); reconnects once if the server closed the socket."""
        headers = {"Host": f"{self.host}:{self.port}", "User-Agent": "tonus-bench"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                text = response.read().decode("utf-8", "replace")
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if attempt == 2:
                    raise
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, response.headers.get("Location", ""), text

    def login(self, login_path: str, username: str, password: str) -> None:
        status, _, page = self.request("GET", login_path)
        token = CSRF_INPUT.search(page)
        if status != 200 or token is None:
            raise BenchError(f"login page: HTTP {status}, CSRF token found: {bool(token)}")
        form = urlencode({"csrfmiddlewaretoken": token.group(1), "username": username,
                          "password": password})
        status, location, _ = self.request("POST", login_path, form)
        if status != 302 or "sessionid" not in self.cookies or location.startswith(login_path):
            raise BenchError(f"login as {username} failed: HTTP {status} -> {location!r}")

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


@dataclass
class PageRun:
    """Latencies (ms) and errors of one page under load."""

    name: str
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    wall_s: float = 0.0
    first_error: str = ""


def load(users: list[VirtualUser], name: str, next_path: Callable[[int, int], str],
         max_requests: int, max_seconds: float, think_s: float = 0.0) -> PageRun:
    """Every user requests ``next_path(user index, request number)``, pausing 0.5-1.5 x
    ``think_s`` between requests (0: back to back), until the page has had ``max_requests``
    requests or ``max_seconds`` have passed."""
    run = PageRun(name)
    lock = threading.Lock()
    issued = 0
    deadline = time.monotonic() + max_seconds

    def worker(index: int) -> None:
        nonlocal issued
        user = users[index]
        pause = random.Random(index)
        while time.monotonic() < deadline:
            with lock:
                if issued >= max_requests:
                    return
                number = issued
                issued += 1
            path = next_path(index, number)
            start = time.perf_counter()
            try:
                status, _, _ = user.request("GET", path)
                problem = "" if status == 200 else f"HTTP {status} for {path}"
            except (OSError, http.client.HTTPException) as error:
                problem = f"{type(error).__name__} for {path}: {error}"
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                run.latencies.append(elapsed)
                if problem:
                    run.errors += 1
                    run.first_error = run.first_error or problem
            if think_s:
                time.sleep(min(think_s * pause.uniform(0.5, 1.5),
                               max(0.0, deadline - time.monotonic())))

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(len(users))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    run.wall_s = time.perf_counter() - started
    return run
