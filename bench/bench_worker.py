"""Posture photos per minute through the background worker (`manage.py db_worker`).

In a throwaway data folder (SQLite, a generated secret key, migrated), one therapist uploads N
1080×1920 portrait photos through the real ``photo_upload`` service: intake, storage and queueing
(django-tasks, database backend) are the production ones. The four views are spread over N/4
visits, so no upload replaces another. The photo is made in memory from a shared lab photo of a
standing person (never stored in the repo); each upload differs by one pixel, so each is its own
stored file. Then the real worker starts as a subprocess and the clock runs from its start
(Django set-up and mediapipe's first load included) until every photo is done or failed.

Reported: photos per minute (from worker start, and steady once the first task began), the
median seconds of one task, and how many photos ended done or failed.

    .venv/bin/python bench/bench_worker.py [--photos 40]
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_vision import SOURCE, portrait_photo
from processes import stop_group

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
VIEWS = ("anterior", "posterior", "left-lateral", "right-lateral")
PENDING = ("queued", "running")


def photo_files(count: int) -> list[bytes]:
    """``count`` JPEGs of the same portrait, each one pixel different (distinct SHA-256)."""
    rgb = portrait_photo().copy()
    files = []
    for n in range(count):
        rgb[0, n % rgb.shape[1]] = (n * 37 % 256, 0, 255 - n % 256)
        buf = io.BytesIO()
        Image.fromarray(rgb).save(buf, format="JPEG", quality=90)
        files.append(buf.getvalue())
    return files


def upload_all(files: list[bytes]) -> list[float]:
    """A clinic, a therapist, a client, len/4 visits; every photo through ``photo_upload``."""
    from django.contrib.auth import get_user_model

    from tonus.web.accounts.models import Clinic, Membership
    from tonus.web.clients.services import client_create
    from tonus.web.posture.services import photo_upload
    from tonus.web.visits.services import visit_create

    clinic = Clinic.objects.create(name="Bench clinic")
    therapist = get_user_model().objects.create_user(
        username="bench-therapist", password=secrets.token_hex(16))
    Membership.objects.create(user=therapist, clinic=clinic, role="therapist")
    client = client_create(by=therapist, first_name="Bench", last_name="Client",
                           date_of_birth=datetime.date(1980, 1, 1), sex="female")
    case = {"format": "tonus.case/1",
            "pain": [{"region": "neck-lateral-r", "intensity": 5, "qualities": ["aching"],
                      "primary": True}]}
    visits = [visit_create(by=therapist, client=client, case=case,
                           visit_date=datetime.date(2025, 1, 1) + datetime.timedelta(days=n))
              for n in range(-(-len(files) // len(VIEWS)))]
    seconds = []
    for n, data in enumerate(files):
        start = time.perf_counter()
        photo_upload(by=therapist, visit=visits[n // len(VIEWS)], view=VIEWS[n % len(VIEWS)],
                     data=data, filename=f"bench-{n}.jpg")
        seconds.append(time.perf_counter() - start)
    return seconds


def stop(proc: subprocess.Popen[bytes]) -> None:
    """The worker and anything it started, however the bench ends."""
    stop_group(proc)


def run_worker(env: dict[str, str], log_path: Path, timeout: float) -> float:
    """Start db_worker, wait until no photo is pending, stop it; the seconds that took."""
    from django.db import connections

    from tonus.web.posture.models import PosturePhoto

    connections.close_all()  # SQLite: nothing of ours held open while the worker writes
    with log_path.open("wb") as log:
        started = time.perf_counter()
        proc = subprocess.Popen(
            [str(BIN / "python"), "manage.py", "db_worker", "--no-reload",
             "--no-startup-delay", "--interval", "0.1"],
            cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        try:
            while PosturePhoto.objects.filter(status__in=PENDING).exists():
                if proc.poll() is not None:
                    raise RuntimeError(f"db_worker exited ({proc.returncode}); see below")
                if time.perf_counter() - started > timeout:
                    raise RuntimeError(f"photos still pending after {timeout:g} s")
                connections.close_all()
                time.sleep(0.1)
            return time.perf_counter() - started
        finally:
            connections.close_all()
            stop(proc)


def report(count: int, wall: float, upload_s: list[float]) -> bool:
    from django_tasks_db.models import DBTaskResult

    from tonus.web.posture.models import PosturePhoto

    statuses = Counter(PosturePhoto.objects.values_list("status", flat=True))
    problems = Counter(PosturePhoto.objects.filter(status="failed")
                       .values_list("problem", flat=True))
    tasks = list(DBTaskResult.objects.filter(started_at__isnull=False,
                                             finished_at__isnull=False))
    task_s = [(t.finished_at - t.started_at).total_seconds() for t in tasks]
    steady = (max(t.finished_at for t in tasks) - min(t.started_at for t in tasks)
              ).total_seconds() if tasks else 0.0
    files = PosturePhoto.objects.values("sha256").distinct().count()
    print(f"posture photos through db_worker: {count} photos 1080x1920 ({files} stored files), "
          f"{-(-count // len(VIEWS))} visits x {len(VIEWS)} views, SQLite, 1 worker")
    print(f"  upload (intake + store + queue)    median {statistics.median(upload_s):6.3f} s")
    print(f"  worker start -> all finished        {wall:6.1f} s   "
          f"{count / wall * 60:6.1f} photos/min")
    if tasks:
        print(f"  first task start -> last finish     {steady:6.1f} s   "
              f"{len(tasks) / steady * 60:6.1f} photos/min (steady, worker start-up excluded)")
        print(f"  one task (started -> finished)     median {statistics.median(task_s):6.3f} s"
              f"   max {max(task_s):.3f} s")
    with_landmarks = PosturePhoto.objects.filter(status="done", landmarks__isnull=False).count()
    print(f"  photos done {statuses['done']} ({with_landmarks} with landmarks)   "
          f"failed {statuses['failed']}   other {count - statuses['done'] - statuses['failed']}")
    for problem, n in problems.most_common():
        print(f"    failed x{n}: {problem}")
    return statuses["done"] + statuses["failed"] == count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=40)
    parser.add_argument("--timeout", type=float, default=150.0,
                        help="seconds the worker may take at most")
    args = parser.parse_args()
    if not SOURCE.is_file():
        print(f"skipped: {SOURCE} is absent")
        return 0
    files = photo_files(args.photos)
    with tempfile.TemporaryDirectory(prefix="tonus-bench-worker-") as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith("TONUS_")}
        env.update(TONUS_DATA_DIR=tmp, TONUS_SECRET_KEY=secrets.token_urlsafe(50),
                   TONUS_DEBUG="0", DJANGO_SETTINGS_MODULE="tonus.web.settings")
        os.environ.update(env)
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", interactive=False, verbosity=0)
        upload_s = upload_all(files)
        log_path = Path(tmp) / "db_worker.log"
        try:
            wall = run_worker(env, log_path, args.timeout)
        except RuntimeError as error:
            print(f"bench failed: {error}")
            print(log_path.read_text(errors="replace")[-4000:])
            return 1
        ok = report(args.photos, wall, upload_s)
        from django.db import connections

        connections.close_all()
        return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
