"""Shared fixtures: the knowledge base (loaded once) and small case builders."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"

# Tests never write to the user's cache.
os.environ.setdefault("TONUS_CACHE_DIR", str(REPO / "var" / "test-cache"))


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """Each run gets a test database of its own on a server (test_tonus_<pid>), so two runs
    against one PostgreSQL never drop each other's; SQLite's in-memory one is per run anyway."""
    from django.conf import settings

    for db in settings.DATABASES.values():
        if db["ENGINE"] != "django.db.backends.sqlite3":
            test = db.setdefault("TEST", {})
            test["NAME"] = f"{test.get('NAME') or 'test_' + str(db['NAME'])}_{os.getpid()}"


@pytest.fixture(scope="session")
def kb() -> Any:
    from tonus.core.knowledge.base import load_knowledge

    return load_knowledge()


def case(*marks: tuple[str, float] | tuple[str, float, list[str]] | dict[str, Any],
         **extra: Any) -> dict[str, Any]:
    """A tonus.case/1 from (region, intensity[, qualities]) tuples; the first mark is primary."""
    pain = []
    for i, m in enumerate(marks):
        if isinstance(m, dict):
            pain.append(m)
            continue
        region, intensity, *rest = m
        pain.append({"region": region, "intensity": intensity,
                     "qualities": rest[0] if rest else ["aching"], "primary": i == 0})
    return {"format": "tonus.case/1", "pain": pain, **extra}
