"""The client page blocks treatment when a red flag is answered yes, naming whom to refer to."""

from __future__ import annotations

from typing import Any

from django.test import Client as HttpClient
from django.urls import reverse

from tonus.core.knowledge.base import load_knowledge
from tonus.web.labels import id_label


def _page(http: HttpClient, client: Any) -> str:
    url = reverse("clients:client-detail", kwargs={"client_id": client.pk})
    return http.get(url).content.decode()


def _answer(by: Any, client: Any, answers: dict[str, bool | None]) -> None:
    from tonus.web.clients.services import client_screening_update

    client_screening_update(by=by, client=client, answers=answers)


def test_no_banner_without_screening(as_alice: HttpClient, client_of_a: Any) -> None:
    assert "Refer before treatment" not in _page(as_alice, client_of_a)


def test_no_banner_when_red_flags_are_answered_no(
    as_alice: HttpClient, alice: Any, client_of_a: Any
) -> None:
    _answer(alice, client_of_a, {"thunderclap-headache": False, "high-caffeine": True})
    assert "Refer before treatment" not in _page(as_alice, client_of_a)


def test_banner_names_the_professional_and_reason(
    as_alice: HttpClient, alice: Any, client_of_a: Any
) -> None:
    _answer(alice, client_of_a, {"thunderclap-headache": True})
    flag = load_knowledge().red_flags["thunderclap-headache"]
    html = _page(as_alice, client_of_a)
    assert "Refer before treatment" in html
    assert id_label(flag.to) in html
    assert id_label(flag.urgency) in html
    # The reason as Django escapes it (apostrophes become &#x27;).
    from django.utils.html import escape

    assert escape(flag.reason) in html


def test_a_perpetuating_factor_alone_shows_no_banner(
    as_alice: HttpClient, alice: Any, client_of_a: Any
) -> None:
    _answer(alice, client_of_a, {"tobacco": True, "poor-sleep": True})
    assert "Refer before treatment" not in _page(as_alice, client_of_a)
