"""`tonus backup` while the app writes, then `tonus restore` into an empty data folder: every
table and every file comes back, the archive is encrypted, verified, and never overwrites.

On SQLite (a data folder) by default; with TONUS_DATABASE_URL (make pytest-postgres) on two
new databases of that server, through pg_dump / pg_restore.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SCRIPTS = Path(__file__).with_name("backup_scripts.py")
PASSPHRASE = "correct horse battery staple"
pytestmark = pytest.mark.slow


def _base_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TONUS_")}
    env.update(TONUS_SECRET_KEY="", DJANGO_SETTINGS_MODULE="tonus.web.settings",
               TONUS_TASK_BACKEND="django_tasks_db.DatabaseBackend")
    env.pop("TONUS_SECRET_KEY")
    return env


@pytest.fixture
def databases() -> Iterator[tuple[str | None, str | None]]:
    """(source URL, target URL) on the test PostgreSQL server, or (None, None) for SQLite."""
    server = os.environ.get("TONUS_DATABASE_URL")
    if not server:
        yield None, None
        return
    import shutil

    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        pytest.skip("pg_dump / pg_restore are not installed (Debian: postgresql-client)")
    import psycopg

    names = [f"tonus_backup_{role}_{os.getpid()}" for role in ("src", "dst")]
    base = server.rsplit("/", 1)[0]
    admin = f"{base}/postgres"  # the maintenance database: TONUS_DATABASE_URL's may not exist
    with psycopg.connect(admin, autocommit=True) as conn:
        for name in names:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{base}/{names[0]}", f"{base}/{names[1]}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            for name in names:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _env(data: Path, url: str | None) -> dict[str, str]:
    env = _base_env()
    env["TONUS_DATA_DIR"] = str(data)
    if url:
        env["TONUS_DATABASE_URL"] = url
    return env


def _run(args: list[Any], env: dict[str, str], ok: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(a) for a in args], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=300, check=False)
    if ok:
        assert done.returncode == 0, done.stdout + done.stderr
    return done


def _dump(env: dict[str, str]) -> dict[str, list[list[str]]]:
    result: dict[str, list[list[str]]] = json.loads(
        _run([BIN / "python", SCRIPTS, "dump"], env).stdout)
    return result


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_backup_while_writing_then_restore_brings_back_every_table_and_file(
    tmp_path: Path, databases: tuple[str | None, str | None]
) -> None:
    source_url, target_url = databases
    source, target = tmp_path / "source", tmp_path / "restored"
    src_env, dst_env = _env(source, source_url), _env(target, target_url)
    _run([BIN / "python", "manage.py", "tonus_init"], src_env)
    _run([BIN / "python", "manage.py", "migrate", "--no-input"], src_env)

    # A photo file whose row never came (a crash between the two writes), an hour old.
    orphan = source / "media" / "photos" / "ab" / "cd" / ("abcd" + "0" * 60 + ".jpg")
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"\xff\xd8 orphan")
    old = time.time() - 2 * 3600
    os.utime(orphan, (old, old))

    ready, stop = tmp_path / "ready", tmp_path / "stop"
    writer = subprocess.Popen([BIN / "python", SCRIPTS, "write", ready, stop], cwd=REPO,
                              env=src_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    try:
        deadline = time.monotonic() + 120
        while not ready.exists() and writer.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert ready.exists(), writer.communicate()[1]
        before = int(ready.read_text())
        (tmp_path / "pass").write_text(PASSPHRASE + "\n")
        archive = tmp_path / "backups" / "nightly.tar.gz.enc"
        done = _run([BIN / "tonus", "backup", "--output", archive, "--passphrase-file",
                     tmp_path / "pass"], src_env)
        assert "encrypted" in done.stdout and "removed 1 orphaned" in done.stdout
    finally:
        stop.touch()
        out, err = writer.communicate(timeout=120)
    assert writer.returncode == 0, err
    written = int(out.strip())
    assert written > before  # the writer went on during the backup

    assert not orphan.exists() and not orphan.parent.exists()  # cleaned, empty folders too
    assert archive.stat().st_mode & 0o777 == 0o600
    assert b"Backup" not in archive.read_bytes()  # encrypted: no client name in clear

    # Without the passphrase, or into a folder holding data: refused, nothing written.
    refused = _run([BIN / "tonus", "restore", archive], dst_env, ok=False)
    assert refused.returncode != 0 and "passphrase" in refused.stderr
    assert not (target / "tonus.sqlite3").exists()
    again = _run([BIN / "tonus", "restore", archive, "--passphrase-file", tmp_path / "pass"],
                 src_env, ok=False)
    assert again.returncode != 0 and "empty data folder" in again.stderr

    _run([BIN / "tonus", "restore", archive, "--verify-only", "--passphrase-file",
          tmp_path / "pass"], dst_env)
    _run([BIN / "tonus", "restore", archive, "--passphrase-file", tmp_path / "pass"], dst_env)

    original, restored = _dump(src_env), _dump(dst_env)
    assert set(restored) == set(original)
    for table, rows in restored.items():
        assert len(rows) == len({json.dumps(r) for r in rows}), table
        missing = [r for r in rows if r not in original[table]]
        assert not missing, f"{table}: restored rows the source never had: {missing[:2]}"
    clients = restored["clients_client"]
    assert before <= len(clients) <= written  # a snapshot taken during the writes
    # The writer commits a client, then its visit, then its photo: the snapshot may fall
    # between two of them, never elsewhere; and every photo row has its file.
    photos = restored["posture_posturephoto"]
    assert len(clients) - 1 <= len(photos) <= len(restored["visits_visit"]) <= len(clients)
    restored_files, source_files = _files(target / "media"), _files(source / "media")
    for path, data in restored_files.items():
        assert source_files[path] == data, path
        assert hashlib.sha256(data).hexdigest() == Path(path).stem, path
    shas = {Path(p).stem for p in restored_files}
    for row in photos:
        assert any(repr(sha) in row for sha in shas)
    assert (target / "secret_key").read_text() == (source / "secret_key").read_text()


def test_a_damaged_archive_is_refused_and_restores_nothing(tmp_path: Path) -> None:
    source, target = tmp_path / "source", tmp_path / "restored"
    src_env, dst_env = _env(source, None), _env(target, None)
    if os.environ.get("TONUS_DATABASE_URL"):
        pytest.skip("the SQLite run covers archive verification")
    _run([BIN / "python", "manage.py", "tonus_init"], src_env)
    _run([BIN / "python", "manage.py", "migrate", "--no-input"], src_env)
    archive = tmp_path / "plain.tar.gz"
    _run([BIN / "tonus", "backup", "--output", archive], src_env)
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged = tmp_path / "damaged.tar.gz"
    damaged.write_bytes(bytes(data))
    refused = _run([BIN / "tonus", "restore", damaged], dst_env, ok=False)
    assert refused.returncode != 0 and ("damaged" in refused.stderr
                                        or "manifest" in refused.stderr)
    assert not (target / "tonus.sqlite3").exists()
    assert not (target / "media").exists() or not any((target / "media").iterdir())
