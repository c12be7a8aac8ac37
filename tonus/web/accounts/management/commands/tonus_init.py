"""Create the data folder and write the secret key once (mode 0600). Safe to run again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from tonus.web.secret_key import KEY_FILE_NAME, write_key_file


class Command(BaseCommand):
    help = "Create the Tonus data folder and its secret key file (never overwrites a key)."

    def handle(self, *args: Any, **options: Any) -> None:
        data_dir = Path(settings.DATA_DIR)
        data_dir.mkdir(parents=True, exist_ok=True)
        data_dir.chmod(0o700)  # client health data: readable by this account only
        (data_dir / "media").mkdir(exist_ok=True)
        key_file = data_dir / KEY_FILE_NAME
        if write_key_file(key_file):
            self.stdout.write(f"Wrote a new secret key to {key_file} (mode 0600).")
        else:
            self.stdout.write(f"Secret key already present at {key_file}; left unchanged.")
        self.stdout.write(f"Data folder: {data_dir} (back up this folder).")
