"""`make bench`: memory of the production server under parallel photo uploads.

scripts/serve.sh (gunicorn as `make serve` runs it: 2 workers x 4 threads, WhiteNoise) on a
fresh SQLite data folder, loopback only, the task worker left out (it runs in its own process).
Eight therapists upload a 40-megapixel JPEG each at the same moment; the peak resident memory
(RSS) of all gunicorn processes together is sampled every 20 ms. Goal: peak < 1 GB.

    .venv/bin/python bench/bench_uploads.py [--uploads 8] [--rounds 3]
"""

from __future__ import annotations

import argparse
import http.client
import io
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from processes import stop_group
from web_users import VirtualUser

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
GOAL_BYTES = 1_000_000_000
SIZE = (7744, 5160)  # 39.96 megapixels, just under the 40 MP limit

SEED = """
import json, datetime
from django.contrib.auth import get_user_model
from tonus.web.accounts.models import Clinic, Membership
from tonus.web.clients.services import client_create
from tonus.web.visits.services import visit_create
clinic = Clinic.objects.create(name="Upload Bench")
users = []
for n in range({uploads}):
    user = get_user_model().objects.create_user(username=f"t{{n}}", password="{password}")
    Membership.objects.create(user=user, clinic=clinic, role="therapist")
    users.append(user)
client = client_create(by=users[0], first_name="Bench", last_name="Client")
case = {{"format": "tonus.case/1", "pain": [{{"region": "neck-lateral-r", "intensity": 4,
         "qualities": ["aching"], "primary": True}}]}}
visits = [visit_create(by=users[0], client=client, visit_date=datetime.date(2025, 1, 1 + n),
                       case=case).pk for n in range({uploads})]
print(json.dumps(visits))
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def photos(count: int) -> list[bytes]:
    """Distinct 40 MP JPEGs with photo-like texture (a few MB each, like a camera's)."""
    from PIL import Image, ImageDraw

    small = Image.effect_noise((SIZE[0] // 8, SIZE[1] // 8), 24)
    texture = small.resize(SIZE, Image.Resampling.BICUBIC)
    gradient = Image.linear_gradient("L").resize(SIZE)
    base = Image.merge("RGB", (texture, gradient, texture))
    out = []
    for n in range(count):
        image = base.copy()
        ImageDraw.Draw(image).rectangle((100 * n, 100, 100 * n + 400, 900), fill=(200, 40, 40))
        buf = io.BytesIO()
        image.save(buf, "JPEG", quality=90)
        out.append(buf.getvalue())
    return out


def gunicorn_rss(group: int) -> int:
    """Resident bytes of every gunicorn process in the process group."""
    total = 0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            if os.getpgid(int(pid)) != group:
                continue
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            if b"gunicorn" not in cmdline:
                continue
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except (OSError, ProcessLookupError):
            continue
    return total


def upload(user: VirtualUser, path: str, data: bytes, barrier: threading.Barrier) -> str:
    boundary = secrets.token_hex(16)
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"photo\"; "
            f"filename=\"photo.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").encode() + data + \
        f"\r\n--{boundary}--\r\n".encode()
    conn = http.client.HTTPConnection(user.host, user.port, timeout=300)
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}",
               "Cookie": "; ".join(f"{k}={v}" for k, v in user.cookies.items()),
               "X-CSRFToken": user.cookies["csrftoken"], "HX-Request": "true",
               "Referer": f"http://{user.host}:{user.port}/"}
    barrier.wait()
    conn.request("POST", path, body=body, headers=headers)
    response = conn.getresponse()
    text = response.read().decode("utf-8", "replace")
    conn.close()
    if response.status != 200 or "Nothing was saved" in text:
        return f"HTTP {response.status}: {text[:300]}"
    return ""


def one_round(group: int, baseline: int, users: list[VirtualUser], paths: list[str],
              files: list[bytes]) -> tuple[int, float, list[str]]:
    """All uploads at once (a barrier); (peak gunicorn RSS, seconds, errors)."""
    peak, done = [baseline], threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], gunicorn_rss(group))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    barrier = threading.Barrier(len(users))
    results = [""] * len(users)

    def one(n: int) -> None:
        results[n] = upload(users[n], paths[n], files[n], barrier)

    started = time.perf_counter()
    threads = [threading.Thread(target=one, args=(n,)) for n in range(len(users))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    return peak[0], wall, [r for r in results if r]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uploads", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="tonus-bench-uploads-"))
    port, password = free_port(), secrets.token_hex(12)
    env = {k: v for k, v in os.environ.items() if not k.startswith("TONUS_")}
    env.update(TONUS_DATA_DIR=str(data_dir), TONUS_BIND=f"127.0.0.1:{port}",
               TONUS_NO_WORKER="1", TONUS_BIN=str(BIN))
    manage = [str(BIN / "python"), "manage.py"]
    subprocess.run([*manage, "tonus_init"], cwd=REPO, env=env, check=True, capture_output=True)
    subprocess.run([*manage, "migrate", "--no-input", "-v0"], cwd=REPO, env=env, check=True)
    visits = json.loads(subprocess.run(
        [*manage, "shell", "-c", SEED.format(uploads=args.uploads, password=password)],
        cwd=REPO, env=env, check=True, capture_output=True, text=True).stdout.splitlines()[-1])
    files = photos(args.uploads)
    print(f"photo uploads: {args.uploads} x {SIZE[0]}x{SIZE[1]} JPEG "
          f"({statistics.median(len(f) for f in files) / 1e6:.1f} MB each), at once")
    proc = subprocess.Popen(["bash", "scripts/serve.sh"], cwd=REPO, env=env,
                            start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    ok = True
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=2)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("serve.sh did not start") from None
                time.sleep(0.3)
        users = [VirtualUser("127.0.0.1", port) for _ in range(args.uploads)]
        for n, user in enumerate(users):
            user.login("/accounts/login/", f"t{n}", password)
            user.request("GET", f"/posture/visits/{visits[n]}/photos/")  # warm every worker
        baseline = gunicorn_rss(proc.pid)
        peaks, walls = [], []
        views = ["anterior", "posterior", "left-lateral", "right-lateral"]
        for round_ in range(args.rounds):
            paths = [f"/posture/visits/{v}/photos/{views[round_ % len(views)]}/" for v in visits]
            peak, wall, errors = one_round(proc.pid, baseline, users, paths, files)
            peaks.append(peak)
            walls.append(wall)
            if errors:
                ok = False
                print(f"  round {round_ + 1}: {len(errors)} upload(s) failed: {errors[0]}")
        med = statistics.median(peaks)
        print(f"  gunicorn RSS before: {baseline / 1e6:.0f} MB; peak during the uploads: "
              f"median {med / 1e6:.0f} MB, max {max(peaks) / 1e6:.0f} MB over {args.rounds} "
              f"rounds (goal < {GOAL_BYTES / 1e9:.0f} GB)"
              + ("" if max(peaks) < GOAL_BYTES else "  OVER GOAL"))
        print(f"  time for all {args.uploads} uploads: median {statistics.median(walls):.1f} s")
        ok = ok and max(peaks) < GOAL_BYTES
    finally:
        stop_group(proc)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
