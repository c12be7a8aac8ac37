"""Parse a ``tonus.case/1`` JSON object into typed, immutable values.

Validation collects every problem, one line each, naming the field path and the bad value, so the
CLI can print them all (exit 2) and the web app can show them next to the fields.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from tonus.core.errors import CaseError
from tonus.core.ids import vocabulary

CASE_FORMAT = "tonus.case/1"
PALPATION_FINDINGS = ("active-trigger-point", "latent-trigger-point", "taut-band", "tender",
                      "normal")
SEXES = ("female", "male", "other", "unspecified")
# The examination (case-format.md, "Additions").
TEST_RESULTS = ("positive", "negative", "equivocal")
NEURO_KINDS = ("strength", "reflex", "sensation")
MYOTOME_ROOTS = ("C5", "C6", "C7", "C8", "T1", "L2", "L3", "L4", "L5", "S1")
REFLEXES = ("biceps", "brachioradialis", "triceps", "patellar", "medial-hamstring", "achilles")
REFLEX_RESULTS = ("normal", "reduced", "absent", "brisk")
SENSATION_RESULTS = ("normal", "reduced", "absent", "increased")


@dataclass(frozen=True)
class PainMark:
    region: str
    intensity: float
    qualities: tuple[str, ...] = ()
    primary: bool = False


@dataclass(frozen=True)
class Measure:
    id: str
    value: float
    unit: str | None = None


@dataclass(frozen=True)
class RangeOfMotion:
    test: str
    degrees: float


@dataclass(frozen=True)
class Palpation:
    muscle: str
    side: str  # l, r or midline
    finding: str
    reproduces_complaint: bool = False


@dataclass(frozen=True)
class History:
    onset: str | None = None
    weeks: float | None = None
    aggravated_by: tuple[str, ...] = ()
    eased_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class TestResult:
    test: str
    side: str  # l or r: the side of the symptoms being tested
    result: str  # positive, negative or equivocal
    reproduces_complaint: bool = False


@dataclass(frozen=True)
class NeuroFinding:
    kind: str  # strength, reflex or sensation
    side: str  # l, r (or midline for a midline region)
    root: str | None = None  # strength
    grade: float | None = None  # strength: MRC 0-5
    reflex: str | None = None  # reflex
    region: str | None = None  # sensation: a full region id
    result: str | None = None  # reflex or sensation


@dataclass(frozen=True)
class MovementFinding:
    """A compensation seen in a movement screen (case-format "Additions": ``movement[]``)."""

    screen: str  # overhead-squat, single-leg-squat, arm-raise
    finding: str  # from the vocabulary's movement_findings
    side: str | None = None  # l / r for sided findings


MOVEMENT_SCREENS = ("overhead-squat", "single-leg-squat", "arm-raise")


@dataclass(frozen=True)
class Case:
    pain: tuple[PainMark, ...]
    age: int | None = None
    sex: str | None = None
    complaint: str = ""
    activities: tuple[str, ...] = ()
    posture: tuple[str, ...] = ()
    measures: tuple[Measure, ...] = ()
    rom: tuple[RangeOfMotion, ...] = ()
    palpation: tuple[Palpation, ...] = ()
    screening: dict[str, bool] = field(default_factory=dict)
    sessions_without_progress: int = 0
    history: History = field(default_factory=History)
    tests: tuple[TestResult, ...] = ()
    neuro: tuple[NeuroFinding, ...] = ()
    movement: tuple[MovementFinding, ...] = ()
    # ACR 2016 symptom severity (case-format.md "Additions"): graded items 0-3, yes/no items bool
    symptom_severity: dict[str, int | bool] = field(default_factory=dict)

    def screened_true(self) -> list[str]:
        return [k for k, v in self.screening.items() if v]


def _is_number(v: Any) -> bool:
    """A real, finite number: NaN and infinities (which JSON readers accept) are not values
    a therapist measured, and would poison every comparison with a norm."""
    if isinstance(v, bool) or not isinstance(v, int | float):
        return False
    try:
        return math.isfinite(float(v))
    except OverflowError:  # an integer too large for a float
        return False


def _known_measures() -> set[str]:
    from tonus.core.posture.norms import measure_ids

    return measure_ids()


def _known_rom_tests() -> set[str]:
    from tonus.core.knowledge.rom import rom_test_ids

    return rom_test_ids()


class _Problems:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.lines.append(f"{where}: {message}")


def _list_of(obj: dict[str, Any], key: str, p: _Problems) -> list[Any]:
    value = obj.get(key, [])
    if value is None:
        return []
    if not isinstance(value, list):
        p.add(key, f"must be a list, got {type(value).__name__}")
        return []
    return value


def _ids(obj: dict[str, Any], key: str, known: frozenset[str] | set[str], what: str,
         p: _Problems) -> tuple[str, ...]:
    out: list[str] = []
    for i, v in enumerate(_list_of(obj, key, p)):
        if not isinstance(v, str) or v not in known:
            p.add(f"{key}[{i}]", f"unknown {what} {v!r}")
        else:
            out.append(v)
    return tuple(out)


def _pain(obj: dict[str, Any], p: _Problems) -> tuple[PainMark, ...]:
    voc = vocabulary()
    if "pain" not in obj:
        p.add("pain", "required field missing (at least one mark)")
        return ()
    marks_in = _list_of(obj, "pain", p)
    if isinstance(obj.get("pain"), list) and not marks_in:
        p.add("pain", "needs at least one mark")
    marks: list[PainMark] = []
    seen: set[str] = set()
    for i, m in enumerate(marks_in):
        where = f"pain[{i}]"
        if not isinstance(m, dict):
            p.add(where, f"must be an object, got {m!r}")
            continue
        ok = True
        region = m.get("region")
        if not isinstance(region, str) or region not in voc.regions:
            p.add(f"{where}.region", f"unknown body region {region!r}")
            ok = False
        elif region in seen:
            p.add(f"{where}.region", f"region {region!r} is marked twice")
            ok = False
        intensity = m.get("intensity", 0)
        if not _is_number(intensity) or not 0 <= intensity <= 10:
            p.add(f"{where}.intensity", f"must be a number from 0 to 10, got {intensity!r}")
            ok = False
        qualities = m.get("qualities", [])
        if not isinstance(qualities, list):
            p.add(f"{where}.qualities", f"must be a list, got {qualities!r}")
            qualities, ok = [], False
        for j, q in enumerate(qualities):
            if q not in voc.qualities:
                p.add(f"{where}.qualities[{j}]", f"unknown symptom quality {q!r}")
                ok = False
        primary = m.get("primary", False)
        if not isinstance(primary, bool):
            p.add(f"{where}.primary", f"must be true or false, got {primary!r}")
            ok = False
        if ok and isinstance(region, str):
            seen.add(region)
            marks.append(PainMark(region, float(intensity), tuple(dict.fromkeys(qualities)),
                                  primary))
    return tuple(marks)


def _client(obj: dict[str, Any], p: _Problems) -> tuple[int | None, str | None]:
    client = obj.get("client")
    if client is None:
        return None, None
    if not isinstance(client, dict):
        p.add("client", f"must be an object, got {client!r}")
        return None, None
    age = client.get("age")
    if age is not None and (not isinstance(age, int) or isinstance(age, bool)
                            or not 0 <= age <= 120):
        p.add("client.age", f"must be a whole number from 0 to 120, got {age!r}")
        age = None
    sex = client.get("sex")
    if sex is not None and sex not in SEXES:
        p.add("client.sex", f"must be one of {', '.join(SEXES)}, got {sex!r}")
        sex = None
    return age, sex


def _measures(obj: dict[str, Any], p: _Problems) -> tuple[Measure, ...]:
    out: list[Measure] = []
    raw = _list_of(obj, "measures", p)
    known = _known_measures() if raw else set()
    for i, m in enumerate(raw):
        where = f"measures[{i}]"
        if not isinstance(m, dict):
            p.add(where, f"must be an object, got {m!r}")
        elif m.get("id") not in known:
            p.add(f"{where}.id", f"unknown posture measure {m.get('id')!r}")
        elif not _is_number(m.get("value")):
            p.add(f"{where}.value", f"must be a number, got {m.get('value')!r}")
        else:
            unit = m.get("unit")
            out.append(Measure(m["id"], float(m["value"]), unit if isinstance(unit, str) else None))
    return tuple(out)


def _rom(obj: dict[str, Any], p: _Problems) -> tuple[RangeOfMotion, ...]:
    out: list[RangeOfMotion] = []
    raw = _list_of(obj, "rom", p)
    known = _known_rom_tests() if raw else set()
    for i, r in enumerate(raw):
        where = f"rom[{i}]"
        if not isinstance(r, dict):
            p.add(where, f"must be an object, got {r!r}")
        elif r.get("test") not in known:
            p.add(f"{where}.test", f"unknown range-of-motion test {r.get('test')!r}")
        elif not _is_number(r.get("degrees")) or not 0 <= r["degrees"] <= 360:
            p.add(f"{where}.degrees", f"must be a number from 0 to 360, got {r.get('degrees')!r}")
        else:
            out.append(RangeOfMotion(r["test"], float(r["degrees"])))
    return tuple(out)


def _palpation(obj: dict[str, Any], p: _Problems) -> tuple[Palpation, ...]:
    voc = vocabulary()
    out: list[Palpation] = []
    for i, f in enumerate(_list_of(obj, "palpation", p)):
        where = f"palpation[{i}]"
        if not isinstance(f, dict):
            p.add(where, f"must be an object, got {f!r}")
            continue
        ok = True
        if f.get("muscle") not in voc.muscles:
            p.add(f"{where}.muscle", f"unknown muscle {f.get('muscle')!r}")
            ok = False
        side = f.get("side", "midline")
        if side not in ("l", "r", "midline"):
            p.add(f"{where}.side", f"must be l, r or midline, got {side!r}")
            ok = False
        if f.get("finding") not in PALPATION_FINDINGS:
            p.add(f"{where}.finding",
                  f"must be one of {', '.join(PALPATION_FINDINGS)}, got {f.get('finding')!r}")
            ok = False
        rep = f.get("reproduces_complaint", False)
        if not isinstance(rep, bool):
            p.add(f"{where}.reproduces_complaint", f"must be true or false, got {rep!r}")
            ok = False
        if ok:
            out.append(Palpation(f["muscle"], side, f["finding"], rep))
    return tuple(out)


def _screening(obj: dict[str, Any], p: _Problems) -> dict[str, bool]:
    voc = vocabulary()
    raw = obj.get("screening", {})
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        p.add("screening", f"must be an object of id: true/false, got {raw!r}")
        return {}
    out: dict[str, bool] = {}
    for key, value in raw.items():
        if key not in voc.perpetuating_factors and key not in voc.red_flags:
            p.add(f"screening.{key}", "unknown screening id (not a perpetuating factor or "
                  "red flag)")
        elif not isinstance(value, bool):
            p.add(f"screening.{key}", f"must be true or false, got {value!r}")
        else:
            out[key] = value
    return out


def _behaviours(raw: dict[str, Any], key: str, p: _Problems) -> tuple[str, ...]:
    value = raw.get(key, [])
    if value is None:
        return ()
    if not isinstance(value, list):
        p.add(f"history.{key}", f"must be a list, got {value!r}")
        return ()
    known = vocabulary().pain_behaviour
    out: list[str] = []
    for i, v in enumerate(value):
        if not isinstance(v, str) or v not in known:
            p.add(f"history.{key}[{i}]", f"unknown pain behaviour {v!r}")
        elif v not in out:
            out.append(v)
    return tuple(out)


def _history(obj: dict[str, Any], p: _Problems) -> History:
    raw = obj.get("history")
    if raw is None:
        return History()
    if not isinstance(raw, dict):
        p.add("history", f"must be an object, got {raw!r}")
        return History()
    for key in raw:
        if key not in ("onset", "weeks", "aggravated_by", "eased_by"):
            p.add(f"history.{key}", "unknown field (onset, weeks, aggravated_by, eased_by)")
    onset = raw.get("onset")
    if onset is not None and onset not in vocabulary().onsets:
        p.add("history.onset", f"unknown onset {onset!r} "
              f"(one of {', '.join(sorted(vocabulary().onsets))})")
        onset = None
    weeks = raw.get("weeks")
    if weeks is not None and (not _is_number(weeks) or not 0 <= weeks <= 5200):
        p.add("history.weeks", f"must be a number of weeks from 0 to 5200, got {weeks!r}")
        weeks = None
    return History(onset, None if weeks is None else float(weeks),
                   _behaviours(raw, "aggravated_by", p), _behaviours(raw, "eased_by", p))


def _known_tests() -> set[str]:
    from tonus.core.knowledge.base import load_knowledge

    return set(load_knowledge().special_tests)


def _tests(obj: dict[str, Any], p: _Problems) -> tuple[TestResult, ...]:
    raw = _list_of(obj, "tests", p)
    known = _known_tests() if raw else set()
    out: list[TestResult] = []
    seen: set[tuple[str, str]] = set()
    for i, t in enumerate(raw):
        where = f"tests[{i}]"
        if not isinstance(t, dict):
            p.add(where, f"must be an object, got {t!r}")
            continue
        ok = True
        test = t.get("test")
        if not isinstance(test, str) or test not in known:
            p.add(f"{where}.test", f"unknown test {test!r} (see `tonus kb tests`)")
            ok = False
        side = t.get("side")
        if side not in ("l", "r"):
            p.add(f"{where}.side", f"must be l or r (the side tested), got {side!r}")
            ok = False
        result = t.get("result")
        if result not in TEST_RESULTS:
            p.add(f"{where}.result", f"must be one of {', '.join(TEST_RESULTS)}, got {result!r}")
            ok = False
        rep = t.get("reproduces_complaint", False)
        if not isinstance(rep, bool):
            p.add(f"{where}.reproduces_complaint", f"must be true or false, got {rep!r}")
            ok = False
        if ok and (test, side) in seen:
            p.add(f"{where}.test", f"test {test!r} on side {side!r} is recorded twice")
            ok = False
        if ok:
            assert isinstance(test, str) and isinstance(side, str) and isinstance(result, str)
            seen.add((test, side))
            out.append(TestResult(test, side, result, rep))
    return tuple(out)


def _neuro_item(where: str, f: dict[str, Any], p: _Problems) -> NeuroFinding | None:
    kind = f.get("kind")
    if kind not in NEURO_KINDS:
        p.add(f"{where}.kind", f"must be one of {', '.join(NEURO_KINDS)}, got {kind!r}")
        return None
    allowed = {"strength": {"kind", "root", "side", "grade"},
               "reflex": {"kind", "reflex", "side", "result"},
               "sensation": {"kind", "region", "result"}}[kind]
    bad = sorted(set(f) - allowed)
    if bad:
        p.add(where, f"unknown field(s) for {kind}: {', '.join(bad)}")
        return None
    if kind == "sensation":
        region = f.get("region")
        regions = vocabulary().regions
        ok = isinstance(region, str) and region in regions
        if not ok:
            p.add(f"{where}.region", f"unknown body region {region!r}")
        sensed: Any = f.get("result")
        if sensed not in SENSATION_RESULTS:
            p.add(f"{where}.result",
                  f"must be one of {', '.join(SENSATION_RESULTS)}, got {sensed!r}")
            ok = False
        if not ok:
            return None
        assert isinstance(region, str)
        return NeuroFinding("sensation", regions[region].side, region=region, result=sensed)
    side: Any = f.get("side")
    ok = side in ("l", "r")
    if not ok:
        p.add(f"{where}.side", f"must be l or r, got {side!r}")
    if kind == "strength":
        root: Any = f.get("root")
        grade: Any = f.get("grade")
        if root not in MYOTOME_ROOTS:
            p.add(f"{where}.root", f"must be a myotome root ({', '.join(MYOTOME_ROOTS)}), "
                  f"got {root!r}")
            ok = False
        if not _is_number(grade) or not 0 <= grade <= 5:
            p.add(f"{where}.grade", f"must be an MRC grade from 0 to 5, got {grade!r}")
            ok = False
        return NeuroFinding("strength", side, root=root, grade=float(grade)) if ok else None
    reflex: Any = f.get("reflex")
    result: Any = f.get("result")
    if reflex not in REFLEXES:
        p.add(f"{where}.reflex", f"must be one of {', '.join(REFLEXES)}, got {reflex!r}")
        ok = False
    if result not in REFLEX_RESULTS:
        p.add(f"{where}.result", f"must be one of {', '.join(REFLEX_RESULTS)}, got {result!r}")
        ok = False
    return NeuroFinding("reflex", side, reflex=reflex, result=result) if ok else None


def _neuro(obj: dict[str, Any], p: _Problems) -> tuple[NeuroFinding, ...]:
    out: list[NeuroFinding] = []
    for i, f in enumerate(_list_of(obj, "neuro", p)):
        if not isinstance(f, dict):
            p.add(f"neuro[{i}]", f"must be an object, got {f!r}")
            continue
        item = _neuro_item(f"neuro[{i}]", f, p)
        if item is not None:
            out.append(item)
    return tuple(out)


def _movement(obj: dict[str, Any], p: _Problems) -> tuple[MovementFinding, ...]:
    findings = vocabulary().movement_findings  # id -> sided
    out: list[MovementFinding] = []
    for i, m in enumerate(_list_of(obj, "movement", p)):
        where = f"movement[{i}]"
        if not isinstance(m, dict):
            p.add(where, f"must be an object, got {m!r}")
            continue
        ok = True
        if m.get("screen") not in MOVEMENT_SCREENS:
            p.add(f"{where}.screen", f"must be one of {', '.join(MOVEMENT_SCREENS)}, "
                  f"got {m.get('screen')!r}")
            ok = False
        finding = m.get("finding")
        if not isinstance(finding, str) or finding not in findings:
            p.add(f"{where}.finding", f"unknown movement finding {finding!r}")
            continue
        side = m.get("side")
        if findings[finding]:
            if side not in ("l", "r"):
                p.add(f"{where}.side", f"{finding} needs a side, l or r, got {side!r}")
                ok = False
        elif side is not None:
            p.add(f"{where}.side", f"{finding} has no side, got {side!r}")
            ok = False
        if ok:
            out.append(MovementFinding(m["screen"], finding, side))
    return tuple(dict.fromkeys(out))


def _symptom_severity(obj: dict[str, Any], p: _Problems) -> dict[str, int | bool]:
    voc = vocabulary()
    raw = obj.get("symptom_severity")
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        p.add("symptom_severity", f"must be an object of item: value, got {raw!r}")
        return {}
    out: dict[str, int | bool] = {}
    for key, value in raw.items():
        where = f"symptom_severity.{key}"
        if key in voc.severity_graded:
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 3:
                p.add(where, f"must be a whole number from 0 to 3, got {value!r}")
            else:
                out[key] = value
        elif key in voc.severity_yes_no:
            if not isinstance(value, bool):
                p.add(where, f"must be true or false, got {value!r}")
            else:
                out[key] = value
        else:
            p.add(where, "unknown symptom-severity item (see vocabulary.yaml symptom_severity)")
    return out


def parse_case(obj: Any) -> Case:
    """Validate a decoded case; raise CaseError with one line per problem."""
    p = _Problems()
    if not isinstance(obj, dict):
        raise CaseError([f"case: must be a JSON object, got {type(obj).__name__}"])
    fmt = obj.get("format")
    if fmt != CASE_FORMAT:
        p.add("format", f"must be {CASE_FORMAT!r}, got {fmt!r}")
    voc = vocabulary()
    pain = _pain(obj, p)
    age, sex = _client(obj, p)
    complaint = obj.get("complaint", "")
    if not isinstance(complaint, str):
        p.add("complaint", f"must be text, got {complaint!r}")
        complaint = ""
    activities = _ids(obj, "activities", voc.activities, "activity", p)
    posture = _ids(obj, "posture", voc.posture_ids(), "posture finding", p)
    measures = _measures(obj, p)
    rom = _rom(obj, p)
    palpation = _palpation(obj, p)
    screening = _screening(obj, p)
    history = _history(obj, p)
    tests = _tests(obj, p)
    neuro = _neuro(obj, p)
    movement = _movement(obj, p)
    symptom_severity = _symptom_severity(obj, p)
    swp = obj.get("sessions_without_progress", 0)
    if swp is None:
        swp = 0
    if not isinstance(swp, int) or isinstance(swp, bool) or not 0 <= swp <= 1000:
        p.add("sessions_without_progress", f"must be a whole number from 0, got {swp!r}")
        swp = 0
    if p.lines:
        raise CaseError(p.lines)
    return Case(
        pain=pain, age=age, sex=sex, complaint=complaint, activities=activities,
        posture=posture, measures=measures, rom=rom, palpation=palpation, screening=screening,
        sessions_without_progress=swp, history=history, tests=tests, neuro=neuro,
        movement=movement, symptom_severity=symptom_severity,
    )
