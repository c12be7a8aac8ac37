"""The app refuses to start without a secret key, and the data folder setup writes one once."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=env, capture_output=True,
        text=True, timeout=60, check=False,
    )


def _bare_env(data_dir: Path) -> dict[str, str]:
    return {"PATH": os.environ.get("PATH", ""), "TONUS_DATA_DIR": str(data_dir)}


def test_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    result = _run(_bare_env(tmp_path), "check")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "TONUS_SECRET_KEY" in result.stderr


def test_tonus_init_writes_the_key_once_private(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    assert _run(_bare_env(data_dir), "tonus_init").returncode == 0
    key_file = data_dir / "secret_key"
    key = key_file.read_text()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert _run(_bare_env(data_dir), "tonus_init").returncode == 0
    assert key_file.read_text() == key
    assert _run(_bare_env(data_dir), "check").returncode == 0


def test_bad_boolean_names_the_variable(tmp_path: Path) -> None:
    env = {**_bare_env(tmp_path), "TONUS_SECRET_KEY": "k", "TONUS_DEBUG": "maybe"}
    result = _run(env, "check")
    assert result.returncode != 0 and "TONUS_DEBUG" in result.stderr


def test_database_url_is_parsed() -> None:
    from tonus.web.settings import database_from_url

    db = database_from_url("postgresql://tonus:p%40ss@db.local:5433/clinic?sslmode=require")
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "clinic", "tonus", "p@ss", "db.local", "5433"
    )
    assert db["OPTIONS"] == {"sslmode": "require"}
