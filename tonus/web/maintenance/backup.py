"""One archive of everything a clinic would lose: the database, the media, the secret key.

``backup_create`` runs while the app serves: the database is copied as one consistent snapshot
(SQLite's online backup API, or ``pg_dump``, which reads in one transaction), then the media
files. Photos are written before their row and never changed afterwards, so every photo the
snapshot refers to is on disk when the media are copied (one deleted in between is listed in
the manifest). Orphaned photo and clip files are cleaned up first.

The archive is a gzip'd tar: ``database/…``, ``media/…``, ``secret_key`` and, last,
``manifest.json`` (format, when, the database engine, each file's size and SHA-256, row counts
per table). With a passphrase the whole archive is encrypted (tonus.web.maintenance.crypto).

``backup_restore`` verifies the archive completely (decryption, every checksum, no unexpected
or unsafe member) in a staging folder before moving anything into place, and only restores into
an empty data folder (and, on PostgreSQL, an empty database).
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import IO, Any, BinaryIO

from django.conf import settings
from django.db import connection

from tonus.web.maintenance.crypto import DecryptingReader, EncryptingWriter, is_encrypted
from tonus.web.maintenance.orphans import clip_orphans_cleanup, photo_orphans_cleanup
from tonus.web.secret_key import KEY_FILE_NAME

FORMAT = "tonus.backup/1"
MANIFEST = "manifest.json"
_READ = 1024 * 1024


class BackupError(Exception):
    """The backup or the restore cannot go on; the message says why and what to do."""


# ----------------------------------------------------------------------------- the database


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def _sqlite_path() -> Path:
    return Path(str(settings.DATABASES["default"]["NAME"]))


def _pg_env() -> dict[str, str]:
    """libpq's environment for the configured database (the password never goes in argv)."""
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"),
                     ("PASSWORD", "PGPASSWORD"), ("NAME", "PGDATABASE")):
        if db.get(key):
            env[var] = str(db[key])
    options: dict[str, Any] = dict(db.get("OPTIONS") or {})  # type: ignore[call-overload]
    for option, var in (("sslmode", "PGSSLMODE"), ("sslrootcert", "PGSSLROOTCERT")):
        if option in options:
            env[var] = str(options[option])
    return env


def _pg_tool(name: str) -> str:
    tool = shutil.which(os.environ.get(f"TONUS_{name.upper()}", name))
    if tool is None:
        raise BackupError(f"{name} was not found: install the PostgreSQL client tools of the "
                          f"server's version (Debian: postgresql-client).")
    return tool


def _run(args: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{Path(args[0]).name} failed: {done.stderr.strip()[-2000:]}")


def _snapshot(into: Path) -> Path:
    """A consistent copy of the live database in ``into``; returns its path."""
    if _engine() == "sqlite":
        target = into / "tonus.sqlite3"
        source = sqlite3.connect(f"file:{_sqlite_path()}?mode=ro", uri=True)
        copy = sqlite3.connect(target)
        try:
            with copy:
                source.backup(copy)  # one step: a snapshot, while writers carry on (WAL)
        finally:
            copy.close()
            source.close()
        return target
    target = into / "tonus.pgdump"
    _run([_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
          f"--file={target}"], _pg_env())
    return target


def _sqlite_facts(path: Path) -> tuple[dict[str, int], set[str]]:
    """Row counts per table and the photo checksums the snapshot refers to."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name")]
        counts = {t: int(db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0])
                  for t in tables}
        photos = ({r[0] for r in db.execute("SELECT sha256 FROM posture_posturephoto")}
                  if "posture_posturephoto" in tables else set())
    finally:
        db.close()
    return counts, photos


def _live_photos() -> set[str]:
    from tonus.web.posture.models import PosturePhoto

    return set(PosturePhoto.objects.values_list("sha256", flat=True))


# ----------------------------------------------------------------------------- writing


class _Hashing(io.RawIOBase):
    """Reads a file while hashing it (tarfile copies from it)."""

    def __init__(self, f: BinaryIO) -> None:
        self.f, self.sha = f, hashlib.sha256()

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self.f.read(size)
        self.sha.update(data)
        return data


def _add_file(tar: tarfile.TarFile, path: Path, name: str, files: dict[str, Any]) -> bool:
    try:
        f = path.open("rb")
    except FileNotFoundError:
        return False
    with f:
        size = os.fstat(f.fileno()).st_size
        info = tarfile.TarInfo(name)
        info.size, info.mode, info.mtime = size, 0o600, int(path.stat().st_mtime)
        hashing = _Hashing(f)
        tar.addfile(info, hashing)
    files[name] = {"size": size, "sha256": hashing.sha.hexdigest()}
    return True


def _media_files(media: Path) -> Iterator[Path]:
    if media.is_dir():
        for path in sorted(media.rglob("*")):
            if path.is_file() and not path.is_symlink() and not path.name.startswith(".incoming-"):
                yield path


def backup_create(destination: Path, *, passphrase: str | None = None) -> dict[str, Any]:
    """Write the archive to ``destination`` (atomically, mode 0600); returns the manifest."""
    destination = destination.resolve()
    if destination.exists():
        raise BackupError(f"{destination} already exists; choose a new file name.")
    destination.parent.mkdir(parents=True, exist_ok=True)
    from tonus.web.movement.services import clip_root
    from tonus.web.posture.services import photo_root

    cleaned = photo_orphans_cleanup(photo_root())
    cleaned.removed += clip_orphans_cleanup(clip_root()).removed
    engine = _engine()
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix=".tonus-backup-", dir=destination.parent) as tmp:
        snapshot = _snapshot(Path(tmp))
        if engine == "sqlite":
            tables, referenced = _sqlite_facts(snapshot)
        else:
            tables, referenced = {}, _live_photos()
        partial = destination.with_name(destination.name + ".part")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as raw:
                out: Any = EncryptingWriter(raw, passphrase) if passphrase else raw
                files: dict[str, Any] = {}
                with tarfile.open(fileobj=out, mode="w|gz", format=tarfile.PAX_FORMAT) as tar:
                    _add_file(tar, snapshot, f"database/{snapshot.name}", files)
                    stored = set()
                    for path in _media_files(media):
                        name = "media/" + path.relative_to(media).as_posix()
                        if _add_file(tar, path, name, files):
                            stored.add(path.name.removesuffix(".jpg"))
                    key = Path(settings.DATA_DIR) / KEY_FILE_NAME
                    if key.exists():
                        _add_file(tar, key, "secret_key", files)
                    manifest = {
                        "format": FORMAT,
                        "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
                        "database": {"engine": engine, "file": f"database/{snapshot.name}"},
                        "tables": tables,
                        "files": files,
                        "photos_deleted_during_backup": sorted(referenced - stored),
                        "orphans_removed": len(cleaned.removed),
                    }
                    data = json.dumps(manifest, indent=2, sort_keys=True).encode()
                    info = tarfile.TarInfo(MANIFEST)
                    info.size, info.mode = len(data), 0o600
                    tar.addfile(info, io.BytesIO(data))
                if passphrase:
                    out.close()
                raw.flush()
                os.fsync(raw.fileno())
            os.replace(partial, destination)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                partial.unlink()
            raise
    return manifest


# ----------------------------------------------------------------------------- restoring


def _source(f: BinaryIO, passphrase: str | None) -> IO[bytes]:
    head = f.read(8)
    f.seek(0)
    if is_encrypted(head):
        if not passphrase:
            raise BackupError("The archive is encrypted: give its passphrase.")
        return DecryptingReader(f, passphrase)  # type: ignore[return-value]
    return f


def _safe_name(name: str) -> str:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(f"Unsafe path in the archive: {name!r}")
    if not (name == MANIFEST or name == "secret_key" or path.parts[0] in ("database", "media")):
        raise BackupError(f"Unexpected file in the archive: {name!r}")
    return name


def _extract(archive: Path, passphrase: str | None, staging: Path) -> dict[str, Any]:
    """Unpack into ``staging``, hashing every file; returns the verified manifest."""
    seen: dict[str, dict[str, Any]] = {}
    manifest_data: bytes | None = None
    with archive.open("rb") as f:
        source = _source(f, passphrase)
        try:
            tar = tarfile.open(fileobj=source, mode="r|gz")  # noqa: SIM115 - closed with f
            for member in tar:
                name = _safe_name(member.name)
                if not member.isfile():
                    raise BackupError(f"Unexpected entry (not a file) in the archive: {name!r}")
                extracted = tar.extractfile(member)
                assert extracted is not None
                if name == MANIFEST:
                    manifest_data = extracted.read()
                    continue
                target = staging / name
                target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                sha, size = hashlib.sha256(), 0
                with open(target, "xb") as out:
                    os.fchmod(out.fileno(), 0o600)
                    while chunk := extracted.read(_READ):
                        sha.update(chunk)
                        size += len(chunk)
                        out.write(chunk)
                seen[name] = {"size": size, "sha256": sha.hexdigest()}
        except (tarfile.TarError, EOFError, OSError, ValueError) as error:
            if isinstance(error, BackupError):
                raise
            raise BackupError(f"The archive is damaged or incomplete ({error}).") from None
    if manifest_data is None:
        raise BackupError("The archive has no manifest: it is incomplete or not a Tonus backup.")
    manifest: dict[str, Any] = json.loads(manifest_data)
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown archive format {manifest.get('format')!r}.")
    if seen != manifest["files"]:
        bad = sorted(set(seen) ^ set(manifest["files"]) | {
            n for n in set(seen) & set(manifest["files"]) if seen[n] != manifest["files"][n]})
        raise BackupError("The archive does not match its manifest (checksums differ for: "
                          + ", ".join(bad[:10]) + "). Nothing was restored.")
    return manifest


def _data_folder_problems() -> list[str]:
    data, media = Path(settings.DATA_DIR), Path(settings.MEDIA_ROOT)
    problems = []
    if (data / KEY_FILE_NAME).exists():
        problems.append(f"{data / KEY_FILE_NAME} exists")
    if media.exists() and any(media.iterdir()):
        problems.append(f"{media} is not empty")
    if _engine() == "sqlite":
        db = _sqlite_path()
        if db.exists() and db.stat().st_size > 0:
            problems.append(f"the database {db} exists")
    else:
        tables = connection.introspection.table_names()
        if tables:
            problems.append(f"the PostgreSQL database has {len(tables)} tables")
    return problems


def backup_verify(archive: Path, *, passphrase: str | None = None) -> dict[str, Any]:
    """Check the archive completely (decrypts and hashes everything); restores nothing."""
    with tempfile.TemporaryDirectory(prefix=".tonus-verify-") as tmp:
        return _extract(archive, passphrase, Path(tmp))


def backup_restore(archive: Path, *, passphrase: str | None = None) -> dict[str, Any]:
    """Verify ``archive`` and restore it into the empty data folder; returns the manifest."""
    problems = _data_folder_problems()
    if problems:
        raise BackupError("Restore only goes into an empty data folder and database, to never "
                          "overwrite data: " + "; ".join(problems) + ".")
    data = Path(settings.DATA_DIR)
    data.mkdir(parents=True, exist_ok=True, mode=0o700)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=data))
    try:
        manifest = _extract(archive, passphrase, staging)
        engine = manifest["database"]["engine"]
        if engine != _engine():
            raise BackupError(f"The archive holds a {engine} database but this server is "
                              f"configured for {_engine()}.")
        db_file = staging / manifest["database"]["file"]
        if engine == "sqlite":
            check = sqlite3.connect(db_file)
            try:
                if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                    raise BackupError("The database in the archive fails SQLite's integrity check.")
            finally:
                check.close()
            target = _sqlite_path()
            target.parent.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(FileNotFoundError):
                target.unlink()  # an empty file Django may have created
            shutil.move(db_file, target)
        else:
            connection.close()
            _run([_pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error",
                  "--single-transaction", f"--dbname={_pg_env()['PGDATABASE']}", str(db_file)],
                 _pg_env())
        media = Path(settings.MEDIA_ROOT)
        if (staging / "media").exists():
            media.mkdir(parents=True, exist_ok=True, mode=0o700)
            for item in (staging / "media").iterdir():
                shutil.move(item, media / item.name)
        if (staging / "secret_key").exists():
            shutil.move(staging / "secret_key", data / KEY_FILE_NAME)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return manifest
