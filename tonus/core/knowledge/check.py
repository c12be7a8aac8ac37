"""Validate knowledge files: ``python -m tonus.core.knowledge.check [--partial] [FILE ...]``.

With files, each is validated on its own (the model is chosen by its folder or name) and its
citations are checked against sources.yaml. Without files, the whole knowledge base is loaded;
``--partial`` skips the completeness checks (for authors part-way through).
"""

from __future__ import annotations

import sys
from pathlib import Path

from pydantic import BaseModel

from tonus.core.errors import KnowledgeError
from tonus.core.knowledge import loader
from tonus.core.knowledge.schema import (
    Activities,
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

_BY_NAME: dict[str, type[BaseModel]] = {
    "nerve-roots.yaml": NerveRoots,
    "posture.yaml": PostureKnowledge,
    "perpetuating-factors.yaml": PerpetuatingFactors,
    "red-flags.yaml": RedFlags,
    "activities.yaml": Activities,
    "prevalence.yaml": Prevalence,
    "special-tests.yaml": SpecialTests,
    "neuro.yaml": NeuroKnowledge,
    "pain-behaviour.yaml": PainBehaviour,
}


_CLIENT_FILES = {"widespread.yaml", "principles.yaml", "lay-wording.yaml"}


def check_file(path: Path) -> list[str]:
    problems: list[str] = []
    model: type[BaseModel] | None
    if path.parent.name == "muscles":
        model = Muscle
    elif path.parent.name == "entrapments":
        model = Entrapment
    else:
        model = _BY_NAME.get(path.name)
    if model is None and (path.parent.name == "outcomes" or path.name in _CLIENT_FILES):
        # the client's-report knowledge is validated together (cross-file checks)
        from tonus.core.knowledge.client_knowledge import load_client_knowledge

        try:
            load_client_knowledge(path.parent.parent if path.parent.name == "outcomes"
                                  else path.parent)
        except KnowledgeError as exc:
            return list(exc.problems)
        return []
    if model is None:
        return [f"{path}: no schema for this file"]
    data = loader._read_yaml(path, problems)
    if data is None:
        return problems
    item = loader._validate(model, data, path.name, problems)
    if item is None:
        return problems
    if path.parent.name in ("muscles", "entrapments") and getattr(item, "id") != path.stem:  # noqa: B009
        problems.append(f"{path.name}: field id differs from the file name")
    bib = loader._read_yaml(loader.DATA_DIR / "sources.yaml", problems)
    known = {r["id"] for r in bib["references"]} if bib else set()
    for where, cite in loader._citations(item):
        if cite.ref not in known:
            problems.append(f"{path.name}: field {where}.ref: unknown source {cite.ref!r}")
    return problems


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    partial = "--partial" in args
    files = [Path(a) for a in args if a != "--partial"]
    if files:
        problems = [p for f in files for p in check_file(f)]
    else:
        problems = []
        try:
            loader.load_raw(require_complete=not partial)
        except KnowledgeError as exc:
            problems = list(exc.problems)
        try:
            from tonus.core.knowledge.client_knowledge import load_client_knowledge

            load_client_knowledge()
        except KnowledgeError as exc:
            problems += exc.problems
    for p in problems:
        print(p, file=sys.stderr)
    if not problems:
        print(f"ok: {len(files) or 'all'} file(s) valid")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
