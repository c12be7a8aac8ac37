"""Fill an EMPTY database with a large clinic for `make bench` (bench/bench_web.py).

10,000 clients and 50,000 visits by default, each visit with a realistic tonus.case/1 pain
drawing and its stored report. The drawings come from the demo presentations at two pain
levels, each assessed once by the clinical core and reused, and rows go in with bulk_create:
seeding takes about a minute instead of the hours that 50,000 assess() calls and audited
service writes would. Nothing is audited: this is synthetic load, not clinical work.

It refuses a database that already has a clinic, so it can never mix into real records.
"""

from __future__ import annotations

import datetime
import json
import random
import time
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from tonus.web.accounts.models import Clinic, Membership
from tonus.web.clients.models import Client
from tonus.web.demo import data
from tonus.web.visits.models import Visit
from tonus.web.visits.services import case_assess

CLINIC = "Bench Clinic"
OTHER_CLINIC = "Bench Other Clinic"
OTHER_CLINIC_SHARE = 10  # one client in ten belongs to the other clinic
BATCH = 500
FIRST_NAMES = (
    "Sarah", "David", "Priya", "Tom", "Helen", "Marcus", "Eleanor", "Jamal", "Grace", "William",
    "Sofia", "Oliver", "Amara", "George", "Chloe", "Rashid", "Isabel", "Ethan", "Margaret", "Leo",
    "Hannah", "Samuel", "Aisha", "Daniel", "Emily", "Kwame", "Lucy", "Mateo", "Niamh", "Omar",
    "Ruth", "Stefan", "Tariq", "Una", "Victor", "Wen", "Yusuf", "Zara", "Anika", "Bruno",
)
LAST_NAMES = (
    "Whitfield", "Chen", "Natarajan", "Gallagher", "Baptiste", "Reid", "Price", "Haddad",
    "Oyelaran", "Foster", "Marchetti", "Brennan", "Singh", "Kowalski", "Dubois", "Ahmed",
    "Ferreira", "Murphy", "O'Connell", "Andersson", "Smith", "Jones", "Taylor", "Brown",
    "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright", "Thompson", "Evans", "Walker",
    "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Patel", "Khan", "Lewis",
    "James", "Phillips", "Mason", "Mitchell", "Rose", "Davis", "Rodriguez", "Cox", "Alexander",
    "Morgan", "Moore", "Mills", "King", "Lee", "Harris",
)


def _case(spec: dict[str, Any], scale: float) -> dict[str, Any]:
    pain = [
        {"region": region, "intensity": max(1, round(intensity * scale)),
         "qualities": qualities, "primary": index == 0}
        for index, (region, intensity, qualities) in enumerate(spec["pain"])
    ]
    born = datetime.date.fromisoformat(spec["dob"])
    return {
        "format": "tonus.case/1",
        "client": {"age": (timezone.localdate() - born).days // 365, "sex": spec["sex"]},
        "complaint": spec["complaint"], "pain": pain,
        "activities": spec["activities"], "screening": spec["screening"],
    }


def _presentations() -> list[list[tuple[dict[str, Any], dict[str, Any]]]]:
    """Per demo presentation: (case, report) at first visit and once improved."""
    result = []
    for spec in data.CLIENTS:
        pair = []
        for scale in (1.0, 0.6):
            case = _case(spec, scale)
            pair.append((case, case_assess(case)))
        result.append(pair)
    return result


def _muscles_treated(report: dict[str, Any]) -> list[dict[str, Any]]:
    points = [h for h in report.get("hypotheses", []) if h.get("kind") == "trigger-point"][:3]
    return [{"muscle": h["muscle"], "side": h["side"], "technique": "ischemic-compression",
             "pressure": 3} for h in points]


def _visit_counts(clients: int, visits: int, rng: random.Random) -> list[int]:
    """Visits per client: 1 to 9 around the mean, summing exactly to ``visits``."""
    base, extra = divmod(visits, clients)
    counts = [base + (1 if i < extra else 0) for i in range(clients)]
    for i in range(0, clients - 1, 2):
        shift = rng.randint(-min(counts[i], counts[i + 1]) + 1, 4)
        counts[i] += shift
        counts[i + 1] -= shift
        if counts[i + 1] < 1:
            counts[i], counts[i + 1] = counts[i] + counts[i + 1] - 1, 1
    return counts


class Command(BaseCommand):
    help = "Fill an empty database with a large synthetic clinic for the page benchmark."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--clients", type=int, default=10_000)
        parser.add_argument("--visits", type=int, default=50_000)
        parser.add_argument("--users", type=int, default=20, help="therapists bench01, ...")
        parser.add_argument("--password", required=True, help="for every bench account")
        parser.add_argument("--manifest", type=Path, help="write ids for the benchmark here")

    def handle(self, *args: Any, **options: Any) -> None:
        if Clinic.objects.exists():
            raise CommandError("seed_bench only fills an empty database (a clinic exists).")
        if options["clients"] < 2 or options["visits"] < options["clients"]:
            raise CommandError("Need at least 2 clients and one visit per client.")
        started = time.perf_counter()
        rng = random.Random(2025)
        presentations = _presentations()
        with transaction.atomic():
            clinics = [Clinic.objects.create(name=CLINIC), Clinic.objects.create(name=OTHER_CLINIC)]
            staff = self._staff(clinics, options["users"], options["password"])
            counts = _visit_counts(options["clients"], options["visits"], rng)
            eligible: list[int] = []
            for start in range(0, options["clients"], BATCH):
                batch = range(start, min(start + BATCH, options["clients"]))
                clients = Client.objects.bulk_create(
                    [self._client(i, clinics, staff, rng) for i in batch]
                )
                visits = []
                for i, client in zip(batch, clients, strict=True):
                    therapist = staff[client.clinic_id][i % len(staff[client.clinic_id])]
                    pair = presentations[i % len(presentations)]
                    visits += self._visits(client, therapist, counts[i], pair)
                    if client.clinic_id == clinics[0].pk and counts[i] >= 3:
                        eligible.append(client.pk)
                Visit.objects.bulk_create(visits, batch_size=BATCH)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"bench data: {options['clients']} clients, {options['visits']} visits, "
            f"{options['users']} therapists at {CLINIC} (+1 at {OTHER_CLINIC}) in {elapsed:.1f} s"
        )
        if options["manifest"]:
            other = Client.objects.filter(clinic=clinics[1]).values_list("pk", flat=True)
            chosen = rng.sample(eligible, min(500, len(eligible)))
            latest = Visit.objects.filter(client_id__in=chosen).values("client_id").annotate(
                latest=Max("id")
            )
            manifest = {
                "usernames": [u.username for u in staff[clinics[0].pk]],
                "client_ids": chosen,
                "latest_visit_ids": {row["client_id"]: row["latest"] for row in latest},
                "other_clinic_client_id": other[0],
                "searches": ["smith", "whitfield", "sarah", "07700 9", "ann", "o'connell"],
            }
            options["manifest"].write_text(json.dumps(manifest))

    def _staff(self, clinics: list[Clinic], users: int, password: str) -> dict[int, list[Any]]:
        user_model = get_user_model()
        hashed = make_password(password)  # one hash for all: argon2 is slow on purpose
        people = [(f"bench{n:02d}", clinics[0]) for n in range(1, users + 1)]
        people.append(("bench-other", clinics[1]))
        staff: dict[int, list[Any]] = {clinic.pk: [] for clinic in clinics}
        for username, clinic in people:
            user = user_model.objects.create(
                username=username, password=hashed, first_name=username.title(),
                email=f"{username}@example.com",
            )
            Membership.objects.create(user=user, clinic=clinic, role="therapist")
            staff[clinic.pk].append(user)
        return staff

    def _client(self, i: int, clinics: list[Clinic], staff: dict[int, list[Any]],
                rng: random.Random) -> Client:
        spec = data.CLIENTS[i % len(data.CLIENTS)]
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        clinic = clinics[1] if i % OTHER_CLINIC_SHARE == OTHER_CLINIC_SHARE - 1 else clinics[0]
        return Client(
            clinic=clinic,
            # consent as client_consent_record stores it: who recorded it, and when
            consent_given=True, consent_recorded_by=staff[clinic.pk][0],
            consent_recorded_at=timezone.now(),
            first_name=first, last_name=last,
            date_of_birth=datetime.date.fromisoformat(spec["dob"]), sex=spec["sex"],
            phone=f"07700 9{i:05d}",
            email=f"{first}.{last}.{i}".lower().replace("'", "") + "@example.com",
            address=f"{1 + i % 200} Harbour Street\nPortsmouth",
            history=spec["history"], medications=spec["medications"],
            caffeine_cups_per_day=spec["caffeine"], tobacco=spec["tobacco"],
            alcohol_units_per_week=spec["alcohol"], activities=spec["activities"],
            screening=spec["screening"],
        )

    def _visits(self, client: Client, therapist: Any, count: int,
                pair: list[tuple[dict[str, Any], dict[str, Any]]]) -> list[Visit]:
        today = timezone.localdate()
        visits = []
        for week in range(count):
            case, report = pair[0] if week < (count + 1) // 2 else pair[1]
            primary = case["pain"][0]
            pre = primary["intensity"]
            visits.append(Visit(
                clinic_id=client.clinic_id, client=client, therapist=therapist,
                visit_date=today - datetime.timedelta(days=7 * (count - week)),
                case=case, report=report,
                soap_subjective=f"{case['complaint']} Pain {pre}/10 today.",
                soap_objective="Taut bands and tender points palpated; range of motion checked.",
                soap_assessment="Responding to treatment.",
                soap_plan="Continue weekly; home stretches reviewed.",
                pre_nprs={primary["region"]: pre},
                post_nprs={primary["region"]: max(0, pre - 2)},
                muscles_treated=_muscles_treated(report),
            ))
        return visits
