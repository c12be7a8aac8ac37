"""The session page's form: what the therapist typed (kept as typed, so a page with an error
shows it again), the choices offered, and the translation into the service's arguments.

Rows are plain numbered fields (``rom-test-0``, ``muscle-side-2``...), so the page works with no
JavaScript; "More rows" re-renders the page with blank rows added.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tonus.core.ids import vocabulary
from tonus.core.knowledge.rom import rom_test_ids, test_of
from tonus.core.progress.soap import Soap, draft_soap
from tonus.web.labels import id_label, muscle_label, region_label
from tonus.web.progress.services import SIDES, SOAP_FIELDS, TECHNIQUES
from tonus.web.visits.models import Visit

MAX_ROWS = 40
BLANK_ROWS = 2
SIDE_WORD = {"l": "left", "r": "right"}


@dataclass
class NprsRow:
    region: str
    label: str
    primary: bool
    pre: str = ""
    post: str = ""


@dataclass
class RomRow:
    test: str = ""
    degrees: str = ""

    @property
    def normal(self) -> str:
        return rom_normal(self.test)


@dataclass
class MuscleRow:
    muscle: str = ""
    side: str = ""
    technique: str = ""
    pressure: str = ""

    @property
    def technique_known(self) -> bool:
        return not self.technique or self.technique in TECHNIQUES


@dataclass
class SessionState:
    soap: dict[str, str]
    nprs: list[NprsRow]
    rom: list[RomRow]
    muscles: list[MuscleRow]
    drafted: list[str] = field(default_factory=list)  # sections filled from the draft
    muscles_from_plan: bool = False  # "Muscles treated" prefilled from the plan, not saved

    @property
    def drafted_labels(self) -> list[str]:
        return [name.removeprefix("soap_").capitalize() for name in self.drafted]


# -- choices ---------------------------------------------------------------------------------


def rom_test_label(test_id: str) -> str:
    try:
        test, side = test_of(test_id)
    except KeyError:
        return id_label(test_id)
    return test.name + (f" ({SIDE_WORD[side]})" if side in SIDE_WORD else "")


def rom_normal(test_id: str) -> str:
    try:
        return f"{test_of(test_id)[0].normal:g}°"
    except KeyError:
        return ""


def rom_choices() -> list[tuple[str, str]]:
    return [(t, f"{rom_test_label(t)} · normal {rom_normal(t)}") for t in sorted(
        rom_test_ids(), key=rom_test_label)]


def muscle_choices(visit: Visit) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(the muscles the assessment suggests, every muscle), each sorted by name."""
    suggested = {
        str(h["muscle"]) for h in (visit.report or {}).get("hypotheses", [])
        if h.get("kind") == "trigger-point" and h.get("muscle")
    }
    every = sorted(((m, muscle_label(m)) for m in vocabulary().muscles), key=lambda c: c[1])
    return [c for c in every if c[0] in suggested], every


def technique_choices() -> list[tuple[str, str]]:
    return [(t, id_label(t)) for t in TECHNIQUES]


def side_choices() -> list[tuple[str, str]]:
    return list(SIDES.items())


# -- state -----------------------------------------------------------------------------------


def marked_regions(visit: Visit) -> list[tuple[str, bool]]:
    """The drawing's regions, primary first, then any region already scored but not drawn."""
    marks = [m for m in (visit.case or {}).get("pain", []) if m.get("region")]
    ordered = [(str(m["region"]), True) for m in marks if m.get("primary")]
    ordered += [(str(m["region"]), False) for m in marks if not m.get("primary")]
    seen = {region for region, _ in ordered}
    for region in [*visit.pre_nprs, *visit.post_nprs]:
        if region not in seen:
            ordered.append((region, False))
            seen.add(region)
    return ordered


def _score(value: Any) -> str:
    return "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


def soap_draft(visit: Visit) -> Soap:
    return draft_soap(visit.case or {}, visit.report or {})


def plan_rows(plan_muscles: list[dict[str, Any]]) -> list[MuscleRow]:
    """The treatment plan's muscles as rows of "Muscles treated" (muscle, side, technique and
    pressure as planned), for a session not saved yet."""
    return [MuscleRow(str(m.get("muscle", "")), str(m.get("side", "")),
                      str(m.get("technique", "")), _score(m.get("pressure")))
            for m in plan_muscles if m.get("muscle")]


def state_from_visit(visit: Visit, plan_muscles: list[dict[str, Any]] | None = None
                     ) -> SessionState:
    """The saved session; empty SOAP sections are drafted from the assessment, and an empty
    "Muscles treated" is prefilled from the client's plan (``plan_muscles``)."""
    soap = {name: getattr(visit, name) for name in SOAP_FIELDS}
    drafted = [name for name, text in soap.items() if not text.strip()]
    if drafted:
        draft = soap_draft(visit)
        for name in drafted:
            soap[name] = getattr(draft, name.removeprefix("soap_"))
    nprs = [NprsRow(region, region_label(region), primary, _score(visit.pre_nprs.get(region)),
                    _score(visit.post_nprs.get(region)))
            for region, primary in marked_regions(visit)]
    rom = [RomRow(str(r.get("test", "")), _score(r.get("degrees"))) for r in visit.rom]
    muscles = [MuscleRow(str(m.get("muscle", "")), str(m.get("side", "")),
                         str(m.get("technique", "")), _score(m.get("pressure")))
               for m in visit.muscles_treated]
    from_plan = not muscles and bool(plan_muscles)
    if from_plan:
        muscles = plan_rows(plan_muscles or [])
    return SessionState(soap, nprs, _with_blanks(rom, RomRow), _with_blanks(muscles, MuscleRow),
                        drafted, muscles_from_plan=from_plan)


def _with_blanks(rows: list[Any], blank: type, extra: int = BLANK_ROWS) -> list[Any]:
    return (rows + [blank() for _ in range(extra)])[:MAX_ROWS]


def state_from_post(visit: Visit, post: Mapping[str, str], more_rows: bool = False) -> SessionState:
    soap = {name: post.get(name, "").replace("\r\n", "\n") for name in SOAP_FIELDS}
    nprs = [NprsRow(region, region_label(region), primary,
                    post.get(f"pre-{region}", "").strip(), post.get(f"post-{region}", "").strip())
            for region, primary in marked_regions(visit)]
    rom = [RomRow(post.get(f"rom-test-{i}", "").strip(), post.get(f"rom-degrees-{i}", "").strip())
           for i in range(MAX_ROWS) if f"rom-test-{i}" in post]
    muscles = [MuscleRow(*(post.get(f"muscle-{part}-{i}", "").strip()
                           for part in ("muscle", "side", "technique", "pressure")))
               for i in range(MAX_ROWS) if f"muscle-muscle-{i}" in post]
    extra = BLANK_ROWS if more_rows else 0
    return SessionState(soap, nprs, _with_blanks(rom, RomRow, extra),
                        _with_blanks(muscles, MuscleRow, extra))


def redraft(state: SessionState, visit: Visit) -> SessionState:
    draft = soap_draft(visit)
    state.soap = {name: getattr(draft, name.removeprefix("soap_")) for name in SOAP_FIELDS}
    state.drafted = list(SOAP_FIELDS)
    return state


# -- translation into the service's arguments -------------------------------------------------


def _whole(raw: str) -> int | None:
    try:
        return int(raw)
    except ValueError:
        return None


def _number(raw: str) -> float | None:
    try:
        value = float(raw)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def cleaned(state: SessionState) -> tuple[dict[str, Any], list[str]]:
    """The service's keyword arguments, and the entries that are not even numbers."""
    errors: list[str] = []
    fields: dict[str, Any] = dict(state.soap)
    pre: dict[str, int] = {}
    post: dict[str, int] = {}
    for row in state.nprs:
        for raw, into, when in ((row.pre, pre, "before"), (row.post, post, "after")):
            if raw == "":
                continue
            score = _whole(raw)
            if score is None:
                errors.append(f"Pain {when} treatment, {row.label}: {raw!r} is not a whole "
                              "number from 0 to 10.")
            else:
                into[row.region] = score
    rom: list[dict[str, Any]] = []
    for number, r in enumerate(state.rom, start=1):
        if not r.test and not r.degrees:
            continue
        degrees = _number(r.degrees)
        if not r.test:
            errors.append(f"Range of motion, row {number}: choose a test.")
        elif degrees is None:
            errors.append(f"Range of motion, row {number} ({rom_test_label(r.test)}): enter the "
                          "degrees as a number.")
        else:
            rom.append({"test": r.test, "degrees": degrees})
    muscles: list[dict[str, Any]] = []
    for number, m in enumerate(state.muscles, start=1):
        if not any((m.muscle, m.side, m.technique, m.pressure)):
            continue
        missing = [what for what, value in (("a muscle", m.muscle), ("a side", m.side),
                   ("a technique", m.technique), ("the pressure", m.pressure)) if not value]
        pressure = _whole(m.pressure) if m.pressure else None
        if missing:
            errors.append(f"Muscles treated, row {number}: choose {', '.join(missing)}.")
        elif pressure is None:
            errors.append(f"Muscles treated, row {number}: pressure {m.pressure!r} is not a "
                          "whole number from 1 to 5.")
        else:
            muscles.append({"muscle": m.muscle, "side": m.side, "technique": m.technique,
                            "pressure": pressure})
    fields.update(pre_nprs=pre, post_nprs=post, rom=rom, muscles_treated=muscles)
    return fields, errors
