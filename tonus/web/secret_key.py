"""Where the secret key lives, and how `manage.py tonus_init` writes it once (no Django here)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

KEY_FILE_NAME = "secret_key"


def read_key_file(path: Path) -> str | None:
    """The key stored in ``path``, or None when the file is absent or empty."""
    try:
        key = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    return key or None


def write_key_file(path: Path) -> bool:
    """Write a random key to ``path`` (mode 0600) unless one exists; True when written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # O_EXCL: never overwrite a key, even if two processes race; 0600 from the start.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(secrets.token_urlsafe(64) + "\n")
    return True
