"""Run as scripts by test_backup.py, in the data folder / database the environment names.

    python tests/deploy/backup_scripts.py write READY_FILE STOP_FILE   # writes until STOP_FILE
    python tests/deploy/backup_scripts.py dump                         # every table, as JSON
"""

from __future__ import annotations

import datetime
import io
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tonus.web.settings")


def _photo(seed: int) -> bytes:
    from PIL import Image

    image = Image.new("RGB", (400, 520), (seed * 37 % 256, seed * 91 % 256, 120))
    image.putpixel((seed % 400, 7), (0, 0, 0))
    buf = io.BytesIO()
    image.save(buf, format="JPEG", quality=80)
    return buf.getvalue()


def _record(by: Any, n: int) -> None:
    from tonus.web.clients.services import client_create
    from tonus.web.posture.services import photo_upload
    from tonus.web.visits.services import visit_create

    client = client_create(by=by, first_name=f"Client{n}", last_name="Backup",
                           activities=["desk-work"])
    visit = visit_create(by=by, client=client, visit_date=datetime.date(2025, 3, 1 + n % 28),
                         case={"format": "tonus.case/1", "pain": [
                             {"region": "head-temple-r", "intensity": 1 + n % 9,
                              "qualities": ["aching"], "primary": True}]})
    photo_upload(by=by, visit=visit, view="anterior", data=_photo(n), filename=f"{n}.jpg")


def write(ready: Path, stop: Path) -> None:
    """Records before READY_FILE appears, then more until STOP_FILE appears."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from tonus.web.accounts.models import Clinic, Membership

    clinic = Clinic.objects.create(name="Backup Clinic")
    user = get_user_model().objects.create_user(username="writer", password="x-" * 8)
    Membership.objects.create(user=user, clinic=clinic, role="admin")
    n = 0
    for n in range(6):
        _record(user, n)
    ready.write_text(str(n + 1))
    deadline = time.monotonic() + 120
    while not stop.exists() and time.monotonic() < deadline:
        n += 1
        _record(user, n)
    print(n + 1)


def dump() -> None:
    import django

    django.setup()
    from django.db import connection

    out: dict[str, list[list[str]]] = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            cursor.execute(f'SELECT * FROM "{table}"')
            out[table] = sorted([[repr(v) for v in row] for row in cursor.fetchall()])
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        dump()
