"""`make bench`: how long the therapist waits for a document, as a ratio to the client list.

A fresh demo clinic (`seed_demo`, in a temporary data folder) is served in-process through
Django's test client, logged in as the demo therapist, debug off. For every demo client, in a
process that has already made one document (imports done, as in a running server): the
home-care handout of the latest visit and, where the report names a referral, the referral
letter; each made once, as a therapist would for a new client, then the median over clients.
Pass 1 starts with an empty picture cache (TONUS_CACHE_DIR in the temporary folder: every
muscle chart is drawn for the first time), pass 2 repeats it with the charts cached, as on a
server that has run for a day. The client-list page is measured in the same run (median of
20) and each document time is printed as a multiple of it too, so the figure means the same on
a slower or a busier machine. Goal (pass 1): handout and letter median under 1.5 s.

    .venv/bin/python bench/bench_documents.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GOAL_S = 1.5


def _timed(get: object, url: str) -> float:
    start = time.perf_counter()
    response = get(url)  # type: ignore[operator]
    took = time.perf_counter() - start
    if response.status_code != 200:
        raise RuntimeError(f"{url}: HTTP {response.status_code}")
    return took


def main() -> int:
    data = tempfile.mkdtemp(prefix="tonus-bench-docs-")
    env = {**os.environ, "TONUS_DATA_DIR": data, "TONUS_DEBUG": "0",
           "TONUS_CACHE_DIR": os.path.join(data, "cache")}
    env.pop("TONUS_DATABASE_URL", None)
    for cmd in (["tonus_init"], ["migrate", "--no-input", "-v0"], ["seed_demo"]):
        subprocess.run([sys.executable, "manage.py", *cmd], cwd=REPO, env=env, check=True,
                       stdout=subprocess.DEVNULL)
    os.environ.update({k: v for k, v in env.items() if k.startswith("TONUS_")})
    os.environ.pop("TONUS_DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tonus.web.settings")
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client as HttpClient
    from django.urls import reverse

    from tonus.web.demo import data as demo
    from tonus.web.visits.models import Visit

    http = HttpClient(SERVER_NAME="127.0.0.1")
    user = get_user_model().objects.get(username=demo.STAFF[0][0])
    http.force_login(user)
    client_list = reverse("clients:client-list")
    latest: dict[int, Visit] = {}
    for v in Visit.objects.filter(clinic__name=demo.CLINIC).order_by("visit_date", "id"):
        latest[v.client_id] = v
    visits = list(latest.values())
    # Warm up once (imports, knowledge base, fonts), as a running server already is.
    _timed(http.get, reverse("plans:handout-pdf", kwargs={"visit_id": visits[-1].pk}))
    _timed(http.get, client_list)
    page = statistics.median(_timed(http.get, client_list) for _ in range(20))
    print("Documents (in-process, demo clinic, each client's latest visit)")
    print(f"  client list page      median {page * 1000:7.1f} ms")
    ok = True
    for n in (1, 2):
        handouts, letters = [], []
        for v in visits[:-1]:
            handouts.append(_timed(http.get, reverse("plans:handout-pdf",
                                                     kwargs={"visit_id": v.pk})))
            if (v.report or {}).get("referrals"):
                letters.append(_timed(http.get, reverse(
                    "plans:referral-letter-pdf", kwargs={"visit_id": v.pk, "index": 0})))
        print(f"  pass {n}: " + ("charts drawn for the first time" if n == 1
                                else "charts cached (a server that has run a while)"))
        for name, times in (("home-care handout", handouts), ("referral letter", letters)):
            med = statistics.median(times)
            ok &= med < GOAL_S or n == 2
            print(f"    {name:19} median {med:6.2f} s  = {med / page:6.1f} x the client list"
                  f"  max {max(times):5.2f} s  n={len(times)}  goal < {GOAL_S} s"
                  + ("" if med < GOAL_S else "  (over goal)"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
