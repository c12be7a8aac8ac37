"""`make bench`: page latency of the web app under load, on the real production server.

A fresh bench database (SQLite in a temporary data folder, or with --postgres a new database
on the server TONUS_DATABASE_URL names) gets 10,000 clients and 50,000 visits
(`manage.py seed_bench`). gunicorn serves it on loopback (2 workers x 4 threads, debug off, a
generated secret key); 20 virtual users log in through the login form and request each page:

1. a busy clinic: each user pauses about 0.4 s between requests (~45 requests/s in all, far
   more than 20 therapists make), up to 1,500 requests or 30 s per page. Goal: p95 < 150 ms.
2. saturation: no pause at all, 600 requests per page: the capacity (requests/s) of the
   2-core machine; latency there is mostly queueing (20 requests in flight, 8 served at once).

    .venv/bin/python bench/bench_web.py                 # SQLite
    bash scripts/test-postgres.sh run .venv/bin/python bench/bench_web.py --postgres
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from processes import stop_group
from web_users import PageRun, VirtualUser, load

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
GOAL_P95_MS = 150.0
# The pages a therapist opens most; the client record stands in for a page not built yet.
PAGE_LABELS = {
    "visits:visit-detail": "assessment (latest visit)",
    "progress:client-progress": "progress",
    "clients:client-detail": "client record (stand-in)",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def postgres_database(server_url: str) -> Iterator[str]:
    """A new, empty database on the server (dropped afterwards); yields its URL."""
    import psycopg

    name = f"tonus_bench_{os.getpid()}"
    admin = urlunsplit(urlsplit(server_url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(urlsplit(server_url)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def server(env: dict[str, str], port: int) -> Iterator[None]:
    """gunicorn on 127.0.0.1:port, stopped (its whole process group) however the bench ends."""
    proc = subprocess.Popen(
        [str(BIN / "gunicorn"), "tonus.web.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2",
         "--threads", "4", "--log-level", "warning"],
        cwd=REPO, env=env, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.2)
        yield
    finally:
        stop_group(proc)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def page_targets(manifest: dict[str, Any]) -> list[tuple[str, Callable[[int, int], str]]]:
    """The pages to load and a path for each request; named URLs resolved by Django."""
    from django.urls import NoReverseMatch, reverse

    clients: list[int] = manifest["client_ids"]
    latest = {int(k): v for k, v in manifest["latest_visit_ids"].items()}
    searches: list[str] = manifest["searches"]
    client_list = reverse("clients:client-list")

    def client_page(names: list[str]) -> tuple[str, Callable[[int, int], str]]:
        for name in names:
            for keys in (("client_id",), ("visit_id",), ("client_id", "visit_id")):
                def path(_user: int, n: int, name: str = name,
                         keys: tuple[str, ...] = keys) -> str:
                    client = clients[n % len(clients)]
                    ids = {"client_id": client, "visit_id": latest[client]}
                    return reverse(name, kwargs={k: ids[k] for k in keys})
                try:
                    path(0, 0)
                except NoReverseMatch:
                    continue
                return f"{PAGE_LABELS.get(name, name)} ({name})", path
        raise RuntimeError(f"none of {names} resolves")

    return [
        ("client list, page 1", lambda _u, _n: client_list),
        ("client list, search",
         lambda _u, n: f"{client_list}?{urlencode({'q': searches[n % len(searches)]})}"),
        client_page(["visits:visit-detail", "clients:client-detail"]),
        client_page(["progress:client-progress", "clients:client-detail"]),
    ]


def report(title: str, runs: list[PageRun], goal: bool) -> bool:
    print(title)
    everything: list[float] = []
    for run in runs:
        everything += run.latencies
        p95 = percentile(run.latencies, 0.95)
        print(f"  {run.name:52} p50 {statistics.median(run.latencies):6.1f} ms  "
              f"p95 {p95:6.1f} ms  {len(run.latencies) / run.wall_s:6.1f} req/s  "
              f"n={len(run.latencies)}  errors {run.errors}"
              + ("  (over goal)" if goal and p95 >= GOAL_P95_MS else ""))
        if run.first_error:
            print(f"    first error: {run.first_error}")
    wall = sum(run.wall_s for run in runs)
    p95_all = percentile(everything, 0.95)
    print(f"  {'overall':52} p50 {statistics.median(everything):6.1f} ms  p95 {p95_all:6.1f} ms"
          f"  {len(everything) / wall:6.1f} req/s  n={len(everything)}  "
          f"errors {sum(r.errors for r in runs)}"
          + (f"  (goal: p95 < {GOAL_P95_MS:.0f} ms)" if goal else ""))
    return all(run.errors == 0 for run in runs)


def bench(args: argparse.Namespace, env: dict[str, str], data_dir: Path) -> bool:
    password = secrets.token_hex(16)
    manifest_path = data_dir / "bench-manifest.json"
    manage = [str(BIN / "python"), "manage.py"]
    subprocess.run([*manage, "migrate", "--no-input", "-v0"], cwd=REPO, env=env, check=True)
    seed_started = time.perf_counter()
    subprocess.run([*manage, "seed_bench", "--clients", str(args.clients), "--visits",
                    str(args.visits), "--users", str(args.users), f"--password={password}",
                    "--manifest", str(manifest_path)], cwd=REPO, env=env, check=True)
    print(f"  seeding (migrate excluded): {time.perf_counter() - seed_started:.1f} s")
    manifest = json.loads(manifest_path.read_text())
    os.environ.update(env)  # Django in this process only resolves URL names
    import django

    django.setup()
    targets = page_targets(manifest)
    port = free_port()
    with server(env, port):
        users = [VirtualUser("127.0.0.1", port) for _ in manifest["usernames"]]
        from django.urls import reverse

        for user, username in zip(users, manifest["usernames"], strict=True):
            user.login(reverse("accounts:login"), username, password)
        for name, path in targets:  # warm up: templates compiled, knowledge base loaded
            load(users, name, path, 2 * len(users), args.seconds)
        busy = [load(users, name, path, args.requests, args.seconds, args.think)
                for name, path in targets]
        flat_out = [load(users, name, path, args.saturation_requests, args.seconds)
                    for name, path in targets]
        for user in users:
            user.close()
    ok = report(f"web pages, {len(users)} users pausing ~{args.think:g} s "
                "(gunicorn 2 workers x 4 threads)", busy, goal=True)
    return report(f"web pages at saturation, {len(users)} users, no pause", flat_out,
                  goal=False) and ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", action="store_true",
                        help="bench on a new database of the server TONUS_DATABASE_URL names")
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--visits", type=int, default=50_000)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--requests", type=int, default=1_500, help="per page at most")
    parser.add_argument("--seconds", type=float, default=30.0, help="per page at most")
    parser.add_argument("--think", type=float, default=0.4, help="mean pause per user, s")
    parser.add_argument("--saturation-requests", type=int, default=600, help="per page")
    args = parser.parse_args()
    if args.postgres and not os.environ.get("TONUS_DATABASE_URL"):
        parser.error("--postgres needs TONUS_DATABASE_URL (scripts/test-postgres.sh run ...)")
    with tempfile.TemporaryDirectory(prefix="tonus-bench-") as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith("TONUS_")}
        env.update(TONUS_DATA_DIR=tmp, TONUS_SECRET_KEY=secrets.token_urlsafe(50),
                   TONUS_DEBUG="0", TONUS_ALLOWED_HOSTS="127.0.0.1",
                   DJANGO_SETTINGS_MODULE="tonus.web.settings")
        if not args.postgres:
            print(f"database: SQLite in {tmp}")
            return 0 if bench(args, env, Path(tmp)) else 1
        with postgres_database(os.environ["TONUS_DATABASE_URL"]) as url:
            print(f"database: PostgreSQL {url}")
            return 0 if bench(args, {**env, "TONUS_DATABASE_URL": url}, Path(tmp)) else 1


if __name__ == "__main__":
    raise SystemExit(main())
