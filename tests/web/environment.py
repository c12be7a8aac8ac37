"""Loaded with ``-p`` (pyproject addopts) before pytest-django reads the settings: the web
settings refuse to start without a secret key, so tests get a throwaway key and data folder."""

import os
import tempfile

os.environ.setdefault("TONUS_SECRET_KEY", "tests-only-not-secret")
os.environ.setdefault("TONUS_DATA_DIR", tempfile.mkdtemp(prefix="tonus-test-data-"))
