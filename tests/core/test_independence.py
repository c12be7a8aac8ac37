"""The clinical core runs without Django, ninja, WeasyPrint, mediapipe or numpy."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO

SCRIPT = """
import json, sys, pkgutil, importlib
import tonus.core
for mod in pkgutil.walk_packages(tonus.core.__path__, 'tonus.core.'):
    importlib.import_module(mod.name)
from tonus.core.assess import assess
assess({"format": "tonus.case/1", "pain": [{"region": "head-temple-r", "intensity": 5}],
        "measures": [{"id": "craniovertebral-angle", "value": 42}]})
from tonus.core.atlas import render_pain_drawing
render_pain_drawing({"head-temple-r": 5})
banned = [m for m in ("django", "ninja", "weasyprint", "mediapipe", "numpy", "cv2", "cairosvg")
          if m in sys.modules]
print(json.dumps(banned))
"""


def test_core_imports_no_web_pdf_or_vision_library() -> None:
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                         cwd=REPO, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"
