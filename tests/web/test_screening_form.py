"""Screening in seconds: what the client form already answered is not asked again, what cannot
apply to this client (age, sex: the knowledge base's applies_when) is skipped with its reason
shown, and each section has a "No to all" button (clicked in tests/browser).

Facts: Travell & Simons count more than about two cups of coffee a day as a perpetuating
factor; the UK low-risk drinking limit is 14 units a week; a new headache after 50 is a red
flag only from 50 on; pregnancy is asked of female clients only."""

from __future__ import annotations

import datetime
from typing import Any

from django.test import Client as HttpClient
from django.urls import reverse


def _client(alice: Any, **fields: Any) -> Any:
    from tonus.web.clients.services import client_create

    return client_create(by=alice, first_name="Tom", last_name="Hale", **fields)


def test_intake_answers_are_not_asked_twice(as_alice: HttpClient, alice: Any) -> None:
    client = _client(alice, caffeine_cups_per_day=4, tobacco="never", sex="male",
                     date_of_birth=datetime.date(1990, 1, 1))
    url = reverse("clients:client-screening", kwargs={"client_id": client.pk})
    html = as_alice.get(url).content.decode()
    for taken in ("high-caffeine", "tobacco"):
        assert f'name="{taken}"' not in html and f'data-not-asked="{taken}"' in html
    assert "From the client form&#x27;s cups of caffeine a day" in html
    assert 'name="alcohol"' in html  # units not recorded: still asked
    as_alice.post(url, {"poor-sleep": "yes"})
    client.refresh_from_db()
    assert client.screening == {"poor-sleep": True, "high-caffeine": True, "tobacco": False}


def test_alcohol_over_fourteen_units_is_yes(as_alice: HttpClient, alice: Any) -> None:
    client = _client(alice, alcohol_units_per_week=15, caffeine_cups_per_day=2)
    url = reverse("clients:client-screening", kwargs={"client_id": client.pk})
    as_alice.post(url, {"poor-sleep": ""})
    client.refresh_from_db()
    assert client.screening == {"alcohol": True, "high-caffeine": False}


def test_questions_that_cannot_apply_are_skipped_with_the_reason(
        as_alice: HttpClient, alice: Any) -> None:
    young_man = _client(alice, sex="male", date_of_birth=datetime.date(1995, 6, 1))
    html = as_alice.get(reverse("clients:client-screening",
                                kwargs={"client_id": young_man.pk})).content.decode()
    for skipped in ("pregnancy", "new-headache-over-50"):
        assert f'name="{skipped}"' not in html and f'data-not-asked="{skipped}"' in html
    assert "Pregnancy is asked of female clients" in html
    unknown = _client(alice)  # no age, no sex: nothing is skipped on a guess
    html = as_alice.get(reverse("clients:client-screening",
                                kwargs={"client_id": unknown.pk})).content.decode()
    assert 'name="pregnancy"' in html and 'name="new-headache-over-50"' in html


def test_every_section_offers_no_to_all(as_alice: HttpClient, alice: Any) -> None:
    client = _client(alice)
    html = as_alice.get(reverse("clients:client-screening",
                                kwargs={"client_id": client.pk})).content.decode()
    assert html.count("data-no-to-all") == html.count("<fieldset") > 3
