"""visit_create validates the case and stores the core's report."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from tonus.web.visits.models import Visit
from tonus.web.visits.selectors import visit_get, visit_list
from tonus.web.visits.services import visit_create

CASE = {
    "format": "tonus.case/1",
    "pain": [{"region": "head-temple-r", "intensity": 6, "qualities": ["aching"],
              "primary": True}],
}


def test_visit_stores_the_report(alice: Any, client_of_a: Any) -> None:
    visit = visit_create(by=alice, client=client_of_a, visit_date=datetime.date(2025, 1, 6),
                         case=CASE, pre_nprs={"head-temple-r": 6}, post_nprs={"head-temple-r": 3})
    assert visit.report is not None and visit.report["format"] == "tonus.report/1"
    assert visit.therapist_id == alice.pk and visit.clinic_id == client_of_a.clinic_id


def test_invalid_case_writes_nothing(alice: Any, client_of_a: Any) -> None:
    bad = {"format": "tonus.case/1", "pain": [{"region": "nowhere", "intensity": 12}]}
    with pytest.raises(ValidationError) as error:
        visit_create(by=alice, client=client_of_a, visit_date=datetime.date(2025, 1, 6), case=bad)
    assert "nowhere" in str(error.value)
    assert Visit.objects.count() == 0


def test_bad_nprs_writes_nothing(alice: Any, client_of_a: Any) -> None:
    with pytest.raises(ValidationError):
        visit_create(by=alice, client=client_of_a, visit_date=datetime.date(2025, 1, 6),
                     case=CASE, pre_nprs={"head-temple-r": 11})
    assert Visit.objects.count() == 0


def test_other_clinic_cannot_read_or_add_visits(alice: Any, carol: Any, client_of_a: Any) -> None:
    visit = visit_create(by=alice, client=client_of_a, visit_date=datetime.date(2025, 1, 6),
                         case=CASE)
    with pytest.raises(Http404):
        visit_get(user=carol, visit_id=visit.pk)
    assert visit_list(user=carol, client_id=client_of_a.pk) == []
    with pytest.raises(Http404):
        visit_create(by=carol, client=client_of_a, visit_date=datetime.date(2025, 1, 6),
                     case=CASE)
