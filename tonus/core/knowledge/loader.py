"""Read the knowledge files, validate them against the schemas, cross-check ids and sources.

Every problem is reported with the file, the entry and the field, and all problems of a load are
gathered before failing, so a knowledge author sees the whole list at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from tonus.core.errors import KnowledgeError
from tonus.core.ids import vocabulary
from tonus.core.knowledge.schema import (
    Activities,
    Bibliography,
    Citation,
    Entrapment,
    Muscle,
    NerveRoots,
    NeuroKnowledge,
    PainBehaviour,
    PerpetuatingFactors,
    PostureKnowledge,
    Prevalence,
    RedFlags,
    SpecialTests,
)

DATA_DIR = Path(__file__).parent / "data"

M = TypeVar("M", bound=BaseModel)

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(path: Path, problems: list[str], label: str | None = None) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        problems.append(f"{label or path.name}: not readable YAML: "
                        f"{' '.join(str(exc).split())}")
        return None


def _entry_name(data: Any, loc: tuple[int | str, ...]) -> str:
    """Name the entry a pydantic error path points into, e.g. 'trigger_points[0] (tp1)'."""
    node = data
    parts: list[str] = []
    for key in loc:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(key, int):
            parts[-1:] = [f"{parts[-1] if parts else ''}[{key}]"]
            if isinstance(node, dict) and "id" in node:
                parts[-1] += f" ({node['id']})"
        else:
            parts.append(str(key))
    return ".".join(parts)


def _validate(model: type[M], data: Any, label: str, problems: list[str]) -> M | None:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        entry = data.get("id") if isinstance(data, dict) else None
        for err in exc.errors():
            loc = tuple(err["loc"])
            where = _entry_name(data, loc) or "(top level)"
            field = ".".join(str(x) for x in loc) or "(top level)"
            head = f"{label}: entry {entry!r}" if entry else f"{label}"
            problems.append(f"{head}: field {field} [{where}]: {err['msg']}")
        return None


def _citations(obj: Any) -> Iterator[tuple[str, Citation]]:
    """Every citation inside a model, with a dotted path for error messages."""
    if isinstance(obj, Citation):
        yield "", obj
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            for path, c in _citations(getattr(obj, name)):
                yield f"{name}{'.' + path if path else ''}", c
    elif isinstance(obj, (list, tuple)):
        for i, item in enumerate(obj):
            for path, c in _citations(item):
                yield f"[{i}]{'.' + path if path else ''}", c


class RawKnowledge(BaseModel):
    """Everything validated, before indexing (see ``base.py``)."""

    bibliography: Bibliography
    muscles: dict[str, Muscle]
    entrapments: dict[str, Entrapment]
    nerve_roots: NerveRoots
    posture: PostureKnowledge
    factors: PerpetuatingFactors
    red_flags: RedFlags
    activities: Activities
    prevalence: Prevalence
    special_tests: SpecialTests
    neuro: NeuroKnowledge
    pain_behaviour: PainBehaviour


def load_raw(data_dir: Path = DATA_DIR, *, require_complete: bool = True) -> RawKnowledge:
    """Validate every knowledge file under ``data_dir``; raise KnowledgeError listing all problems.

    ``require_complete`` also demands an entry for every muscle, entrapment site, perpetuating
    factor and red flag in the shared vocabulary.
    """
    problems: list[str] = []
    voc = vocabulary()

    def single(name: str, model: type[M]) -> M | None:
        path = data_dir / name
        if not path.exists():
            problems.append(f"{name}: file missing")
            return None
        data = _read_yaml(path, problems)
        return None if data is None else _validate(model, data, name, problems)

    bibliography = single("sources.yaml", Bibliography)

    present: set[str] = set()  # files found, valid or not (so a broken file is not "missing")

    def many(folder: str, model: type[M]) -> dict[str, M]:
        out: dict[str, M] = {}
        for path in sorted((data_dir / folder).glob("*.yaml")):
            label = f"{folder}/{path.name}"
            present.add(label)
            data = _read_yaml(path, problems, label)
            if data is None:
                continue
            item = _validate(model, data, label, problems)
            if item is None:
                continue
            item_id = getattr(item, "id")  # noqa: B009
            if item_id != path.stem:
                problems.append(f"{label}: field id: {item_id!r} differs from the file name")
                continue
            out[item_id] = item
        return out

    muscles = many("muscles", Muscle)
    entrapments = many("entrapments", Entrapment)
    roots = single("nerve-roots.yaml", NerveRoots)
    posture = single("posture.yaml", PostureKnowledge)
    factors = single("perpetuating-factors.yaml", PerpetuatingFactors)
    red_flags = single("red-flags.yaml", RedFlags)
    activities = single("activities.yaml", Activities)
    prevalence = single("prevalence.yaml", Prevalence)
    special_tests = single("special-tests.yaml", SpecialTests)
    neuro = single("neuro.yaml", NeuroKnowledge)
    pain_behaviour = single("pain-behaviour.yaml", PainBehaviour)

    # --- cross-checks ---------------------------------------------------------------------
    if factors is not None:
        for f in factors.factors:
            if f.id not in voc.perpetuating_factors:
                problems.append(f"perpetuating-factors.yaml: entry {f.id!r}: field id: unknown "
                                "perpetuating factor (see vocabulary.yaml screening)")
            elif voc.perpetuating_factors[f.id] != f.category:
                problems.append(f"perpetuating-factors.yaml: entry {f.id!r}: field category: "
                                f"{f.category!r}, the vocabulary says "
                                f"{voc.perpetuating_factors[f.id]!r}")
    if red_flags is not None:
        for r in red_flags.red_flags:
            if r.id not in voc.red_flags:
                problems.append(f"red-flags.yaml: entry {r.id!r}: field id: unknown red flag")
    for label, items in (
        ("perpetuating-factors.yaml", factors.factors if factors else []),
        ("red-flags.yaml", red_flags.red_flags if red_flags else []),
        ("activities.yaml", activities.activities if activities else []),
        ("nerve-roots.yaml", roots.roots if roots else []),
        ("special-tests.yaml", special_tests.tests if special_tests else []),
    ):
        seen: set[str] = set()
        for item in items:
            if item.id in seen:
                problems.append(f"{label}: entry {item.id!r}: duplicate id")
            seen.add(item.id)

    if bibliography is not None:
        known = {r.id for r in bibliography.references}
        for label, obj in [
            *((f"muscles/{k}.yaml", v) for k, v in muscles.items()),
            *((f"entrapments/{k}.yaml", v) for k, v in entrapments.items()),
            ("nerve-roots.yaml", roots),
            ("posture.yaml", posture),
            ("perpetuating-factors.yaml", factors),
            ("red-flags.yaml", red_flags),
            ("activities.yaml", activities),
            ("prevalence.yaml", prevalence),
            ("special-tests.yaml", special_tests),
            ("neuro.yaml", neuro),
            ("pain-behaviour.yaml", pain_behaviour),
        ]:
            for path, cite in _citations(obj):
                if cite.ref not in known:
                    problems.append(f"{label}: field {path}.ref: unknown source {cite.ref!r} "
                                    "(add it to sources.yaml)")

    if require_complete:
        for mid in sorted(set(voc.muscles) - set(muscles)):
            if f"muscles/{mid}.yaml" not in present:
                problems.append(f"muscles/{mid}.yaml: missing (every muscle in muscles.yaml "
                                "needs one)")
        for eid in sorted(set(voc.entrapments) - set(entrapments)):
            if f"entrapments/{eid}.yaml" not in present:
                problems.append(f"entrapments/{eid}.yaml: missing")
        if factors is not None:
            for fid in sorted(set(voc.perpetuating_factors) - {f.id for f in factors.factors}):
                problems.append(f"perpetuating-factors.yaml: entry {fid!r} missing")
        if red_flags is not None:
            for rid in sorted(voc.red_flags - {r.id for r in red_flags.red_flags}):
                problems.append(f"red-flags.yaml: entry {rid!r} missing")
        if roots is not None:
            wanted = {"C5", "C6", "C7", "C8", "T1", "L2", "L3", "L4", "L5", "S1"}
            for root in sorted(wanted - {r.id for r in roots.roots}):
                problems.append(f"nerve-roots.yaml: root {root} missing")
        if neuro is not None:
            for root in sorted(wanted - {m.root for m in neuro.myotomes}):
                problems.append(f"neuro.yaml: no myotome for root {root}")
        if posture is not None:
            for pid in sorted(set(voc.posture_findings) - {r.finding for r in posture.rules}):
                problems.append(f"posture.yaml: no rule for posture finding {pid!r}")

    if problems:
        raise KnowledgeError(problems)
    assert bibliography and roots and posture and factors and red_flags and activities
    assert prevalence and special_tests and neuro and pain_behaviour
    return RawKnowledge(
        bibliography=bibliography, muscles=muscles, entrapments=entrapments, nerve_roots=roots,
        posture=posture, factors=factors, red_flags=red_flags, activities=activities,
        prevalence=prevalence, special_tests=special_tests, neuro=neuro,
        pain_behaviour=pain_behaviour,
    )
