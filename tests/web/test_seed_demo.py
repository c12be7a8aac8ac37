from __future__ import annotations

from io import StringIO
from typing import Any

from django.core.management import call_command

from tonus.web.accounts.models import Clinic
from tonus.web.clients.models import Client
from tonus.web.visits.models import Visit


def test_seed_demo_twice_duplicates_nothing(db: Any) -> None:
    call_command("seed_demo", stdout=StringIO())
    counts = (Clinic.objects.count(), Client.objects.count(), Visit.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (Clinic.objects.count(), Client.objects.count(), Visit.objects.count()) == counts
    assert Client.objects.filter(clinic__name="Harbour Street Clinic").count() >= 18
    assert Client.objects.filter(clinic__name="Riverside Bodywork").count() == 1
    assert all(v.report for v in Visit.objects.all())
    assert any(any(c.screening.get(f) for f in ("history-of-cancer", "new-headache-over-50"))
               for c in Client.objects.all())
