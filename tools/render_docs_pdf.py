"""Refresh docs/pdf/: the home-care handout and a referral letter of a demo client, page by page
as PNG (pdftoppm), from a fresh demo clinic in a temporary data folder.

    .venv/bin/python tools/render_docs_pdf.py [--keep DIR]   # DIR: also keep the PDFs there
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "pdf"
CLIENT = ("Rashid", "Ahmed")  # neck pain, desk work and the phone: every handout rule shows


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keep", type=Path, default=None)
    args = parser.parse_args()
    data = tempfile.mkdtemp(prefix="tonus-docs-pdf-")
    env = {**os.environ, "TONUS_DATA_DIR": data, "TONUS_CACHE_DIR": os.path.join(data, "c")}
    env.pop("TONUS_DATABASE_URL", None)
    for cmd in (["tonus_init"], ["migrate", "--no-input", "-v0"], ["seed_demo"]):
        subprocess.run([sys.executable, "manage.py", *cmd], cwd=REPO, env=env, check=True,
                       stdout=subprocess.DEVNULL)
    os.environ.update({k: v for k, v in env.items() if k.startswith("TONUS_")})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tonus.web.settings")
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from tonus.web.plans.documents import handout_export, referral_letter_export
    from tonus.web.visits.models import Visit

    visit = (Visit.objects.filter(client__first_name=CLIENT[0], client__last_name=CLIENT[1])
             .select_related("client", "clinic", "therapist").order_by("-visit_date").first())
    assert visit is not None
    handout, _ = handout_export(by=visit.therapist, visit=visit)
    letter, _ = referral_letter_export(by=visit.therapist, visit=visit, source="referral",
                                       index=0)
    work = args.keep or Path(data)
    work.mkdir(parents=True, exist_ok=True)
    for stem, pdf in (("home-care", handout), ("referral-letter", letter)):
        (work / f"{stem}.pdf").write_bytes(pdf)
        for old in OUT.glob(f"{stem}-p[0-9]*.png"):  # not referral-letter-posture.png
            old.unlink()
        subprocess.run(["pdftoppm", "-r", "70", "-png", str(work / f"{stem}.pdf"),
                        str(OUT / f"{stem}-p")], check=True)
    # pdftoppm numbers pages -1, -2...: name them -p1, -p2 as before
    for png in sorted(OUT.glob("*-p-*.png")):
        png.rename(png.with_name(png.name.replace("-p-", "-p")))
    print("\n".join(sorted(p.name for p in OUT.glob("*.png"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
