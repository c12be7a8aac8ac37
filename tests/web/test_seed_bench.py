"""`manage.py seed_bench` (the data of `make bench`): exact counts, valid rows that the pages
can show, and never into a database that already has a clinic."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from tonus.web.accounts.models import Clinic
from tonus.web.clients.models import Client
from tonus.web.visits.models import Visit


def test_seed_bench_fills_two_clinics_with_exact_counts(db: Any, tmp_path: Path) -> None:
    manifest = tmp_path / "bench.json"
    call_command("seed_bench", "--clients", "40", "--visits", "200", "--users", "3",
                 "--password", "bench-password-1", "--manifest", str(manifest), stdout=StringIO())
    assert (Client.objects.count(), Visit.objects.count()) == (40, 200)
    assert Client.objects.filter(clinic__name="Bench Other Clinic").count() == 4
    per_client = Visit.objects.values("client_id").annotate(n=Count("id"))
    assert all(1 <= row["n"] <= 9 for row in per_client)
    for client in Client.objects.all():  # a visit belongs to its client's clinic
        assert set(client.visits.values_list("clinic_id", flat=True)) == {client.clinic_id}
    visit = Visit.objects.select_related("client").first()
    assert visit is not None and visit.report["hypotheses"] and visit.case["pain"]
    visit.full_clean()
    visit.client.full_clean()
    data = json.loads(manifest.read_text())
    assert len(data["usernames"]) == 3 and data["client_ids"]
    assert set(map(int, data["latest_visit_ids"])) == set(data["client_ids"])


def test_seed_bench_refuses_a_database_with_a_clinic(db: Any) -> None:
    Clinic.objects.create(name="A real clinic")
    with pytest.raises(CommandError, match="empty database"):
        call_command("seed_bench", "--password", "bench-password-1", stdout=StringIO())
