"""Load the knowledge behind the client's own report (outcome instruments, the widespread pain
index, the five principles, lay wording), validated like the rest of the knowledge base: every
problem names the file and field, citations must exist in ``sources.yaml``.

Kept apart from ``load_knowledge()`` because the reasoning engine does not need it to rank
sources, and the web intake needs it without the muscle files.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from tonus.core.errors import KnowledgeError
from tonus.core.ids import vocabulary
from tonus.core.knowledge.client_schema import Instrument, LayWording, Principles, Widespread
from tonus.core.knowledge.loader import DATA_DIR, _citations, _read_yaml, _validate
from tonus.core.knowledge.schema import Bibliography

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class ClientKnowledge:
    instruments: dict[str, Instrument]  # id -> instrument, in file-name order
    widespread: Widespread
    principles: Principles
    lay: LayWording


def load_client_knowledge(data_dir: Path = DATA_DIR) -> ClientKnowledge:
    problems: list[str] = []

    def single(name: str, model: type[M]) -> M | None:
        path = data_dir / name
        if not path.exists():
            problems.append(f"{name}: file missing")
            return None
        data = _read_yaml(path, problems)
        return None if data is None else _validate(model, data, name, problems)

    bibliography = single("sources.yaml", Bibliography)
    widespread = single("widespread.yaml", Widespread)
    principles = single("principles.yaml", Principles)
    lay = single("lay-wording.yaml", LayWording)
    instruments: dict[str, Instrument] = {}
    labelled: list[tuple[str, BaseModel | None]] = [
        ("widespread.yaml", widespread), ("principles.yaml", principles),
        ("lay-wording.yaml", lay)]
    for path in sorted((data_dir / "outcomes").glob("*.yaml")):
        label = f"outcomes/{path.name}"
        data = _read_yaml(path, problems, label)
        inst = None if data is None else _validate(Instrument, data, label, problems)
        if inst is not None:
            if inst.id != path.stem:
                problems.append(f"{label}: field id: {inst.id!r} differs from the file name")
            else:
                instruments[inst.id] = inst
                labelled.append((label, inst))
    if lay is not None:
        voc = vocabulary()
        wanted = set(voc.red_flags) | set(voc.perpetuating_factors)
        for qid in sorted(set(lay.questions) - wanted):
            problems.append(f"lay-wording.yaml: field questions.{qid}: unknown screening id")
        for qid in sorted(wanted - set(lay.questions)):
            problems.append(f"lay-wording.yaml: field questions: {qid!r} has no lay wording")
    if bibliography is not None:
        known = {r.id for r in bibliography.references}
        for label, obj in labelled:
            for where, cite in _citations(obj):
                if cite.ref not in known:
                    problems.append(f"{label}: field {where}.ref: unknown source {cite.ref!r} "
                                    "(add it to sources.yaml)")
    if problems:
        raise KnowledgeError(problems)
    assert widespread and principles and lay
    return ClientKnowledge(instruments, widespread, principles, lay)


@lru_cache(maxsize=1)
def client_knowledge() -> ClientKnowledge:
    """The default data, validated once per process."""
    return load_client_knowledge()
