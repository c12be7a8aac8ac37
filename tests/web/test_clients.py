"""Creating and editing client records through the pages."""

from __future__ import annotations

from typing import Any

from django.test import Client as HttpClient
from django.urls import reverse

from tonus.core.ids import vocabulary


def test_new_client_is_created_in_the_users_clinic(as_alice: HttpClient, alice: Any) -> None:
    from tonus.web.clients.models import Client

    response = as_alice.post(reverse("clients:client-create"), {
        "first_name": "Tom", "last_name": "Gallagher", "date_of_birth": "1968-06-03",
        "sex": "male", "activities": ["overhead-work", "swimming"], "consent_given": "on",
        "caffeine_cups_per_day": "2", "tobacco": "never",
    })
    client = Client.objects.get(last_name="Gallagher")
    assert response.status_code == 302
    assert client.clinic_id == alice.membership.clinic_id
    assert client.activities == ["overhead-work", "swimming"]
    assert client.consent_given and client.consent_recorded_by_id == alice.pk


def test_invalid_form_writes_nothing(as_alice: HttpClient, alice: Any) -> None:
    from tonus.web.audit.models import AuditEvent
    from tonus.web.clients.models import Client

    events_before = AuditEvent.objects.exclude(action="view").count()
    response = as_alice.post(reverse("clients:client-create"), {
        "first_name": "", "last_name": "Nobody", "sex": "martian",
        "activities": ["not-an-activity"], "caffeine_cups_per_day": "-3",
    })
    assert response.status_code == 200
    assert Client.objects.count() == 0
    assert AuditEvent.objects.exclude(action="view").count() == events_before


def test_invalid_edit_changes_nothing(as_alice: HttpClient, client_of_a: Any) -> None:
    url = reverse("clients:client-update", kwargs={"client_id": client_of_a.pk})
    response = as_alice.post(url, {"first_name": "Changed", "last_name": "", "sex": "female"})
    assert response.status_code == 200
    client_of_a.refresh_from_db()
    assert client_of_a.first_name == "Sarah"


def test_edit_saves_the_record(as_alice: HttpClient, client_of_a: Any) -> None:
    url = reverse("clients:client-update", kwargs={"client_id": client_of_a.pk})
    response = as_alice.post(url, {
        "first_name": "Sarah", "last_name": "Whitfield", "sex": "female",
        "medications": "Ibuprofen", "activities": ["typing"],
    })
    assert response.status_code == 302
    client_of_a.refresh_from_db()
    assert (client_of_a.medications, client_of_a.activities) == ("Ibuprofen", ["typing"])


def test_screening_form_lists_every_factor_and_red_flag(
    as_alice: HttpClient, client_of_a: Any
) -> None:
    url = reverse("clients:client-screening", kwargs={"client_id": client_of_a.pk})
    html = as_alice.get(url).content.decode()
    voc = vocabulary()
    for screening_id in [*voc.perpetuating_factors, *voc.red_flags]:
        # asked, or shown with the reason it is not (tests/web/test_screening_form.py)
        assert (f'name="{screening_id}"' in html
                or f'data-not-asked="{screening_id}"' in html), screening_id


def test_screening_answers_are_saved_and_cleared(as_alice: HttpClient, client_of_a: Any) -> None:
    url = reverse("clients:client-screening", kwargs={"client_id": client_of_a.pk})
    as_alice.post(url, {"high-caffeine": "yes", "tobacco": "no"})
    client_of_a.refresh_from_db()
    assert client_of_a.screening == {"high-caffeine": True, "tobacco": False}
    as_alice.post(url, {"high-caffeine": "", "tobacco": "no"})
    client_of_a.refresh_from_db()
    assert client_of_a.screening == {"tobacco": False}


def test_consent_is_recorded_with_who_and_when(
    as_alice: HttpClient, alice: Any, client_of_a: Any
) -> None:
    as_alice.post(reverse("clients:client-consent", kwargs={"client_id": client_of_a.pk}),
                  {"given": "yes"})
    client_of_a.refresh_from_db()
    assert client_of_a.consent_given
    assert client_of_a.consent_recorded_by_id == alice.pk
    assert client_of_a.consent_recorded_at is not None


def test_search_finds_by_name(as_alice: HttpClient, alice: Any, client_of_a: Any) -> None:
    from tonus.web.clients.services import client_create

    client_create(by=alice, first_name="David", last_name="Chen")
    html = as_alice.get(reverse("clients:client-list"), {"q": "chen"}).content.decode()
    assert "Chen" in html and "Whitfield" not in html


def test_htmx_search_returns_only_the_rows(as_alice: HttpClient, client_of_a: Any) -> None:
    response = as_alice.get(reverse("clients:client-list"), {"q": "sarah"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "Whitfield" in html and "<html" not in html
