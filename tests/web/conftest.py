"""People and clinics for the web tests: alice (therapist, clinic A), bob (admin, clinic A),
carol (therapist, clinic B)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client as HttpClient

PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def _web_settings(settings: Any, tmp_path: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def _member(username: str, clinic: Any, role: str) -> Any:
    from django.contrib.auth import get_user_model

    from tonus.web.accounts.models import Membership

    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, email=f"{username}@example.com",
        first_name=username.title(),
    )
    Membership.objects.create(user=user, clinic=clinic, role=role)
    return user


@pytest.fixture
def clinic_a(db: Any) -> Any:
    from tonus.web.accounts.models import Clinic

    return Clinic.objects.create(name="Clinic A")


@pytest.fixture
def clinic_b(db: Any) -> Any:
    from tonus.web.accounts.models import Clinic

    return Clinic.objects.create(name="Clinic B")


@pytest.fixture
def alice(clinic_a: Any) -> Any:
    return _member("alice", clinic_a, "therapist")


@pytest.fixture
def bob(clinic_a: Any) -> Any:
    return _member("bob", clinic_a, "admin")


@pytest.fixture
def carol(clinic_b: Any) -> Any:
    return _member("carol", clinic_b, "therapist")


def logged_in(user: Any) -> HttpClient:
    http = HttpClient(REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="pytest-browser")
    http.force_login(user)
    return http


@pytest.fixture
def as_alice(alice: Any) -> HttpClient:
    return logged_in(alice)


@pytest.fixture
def as_bob(bob: Any) -> HttpClient:
    return logged_in(bob)


@pytest.fixture
def as_carol(carol: Any) -> HttpClient:
    return logged_in(carol)


@pytest.fixture
def client_of_a(alice: Any) -> Any:
    """A client of clinic A, created by alice."""
    from tonus.web.clients.services import client_create

    return client_create(
        by=alice, first_name="Sarah", last_name="Whitfield",
        date_of_birth=datetime.date(1981, 4, 12), sex="female", activities=["desk-work"],
    )
