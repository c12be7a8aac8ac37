"""The knowledge base, validated and indexed once, then shared read-only.

``load_knowledge()`` validates every file (``loader.py``) and indexes the result so that inference
does dictionary look-ups only. A validated copy is cached on disk keyed by a hash of the data
files, so a fresh ``tonus assess`` process does not re-validate 150 YAML files.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from tonus.core.knowledge.loader import DATA_DIR, RawKnowledge, load_raw
from tonus.core.knowledge.schema import (
    ActivityEntry,
    Entrapment,
    Muscle,
    NerveRoot,
    NeuroKnowledge,
    PainBehaviour,
    PerpetuatingFactor,
    PostureRule,
    PostureSyndrome,
    RedFlag,
    Reference,
    SpecialTest,
)

CACHE_VERSION = "4"


@dataclass(frozen=True)
class KnowledgeBase:
    muscles: dict[str, Muscle]
    entrapments: dict[str, Entrapment]
    nerve_roots: dict[str, NerveRoot]
    posture_rules: dict[str, PostureRule]
    posture_syndromes: tuple[PostureSyndrome, ...]
    factors: dict[str, PerpetuatingFactor]
    red_flags: dict[str, RedFlag]
    activities: dict[str, ActivityEntry]
    references: dict[str, Reference]
    fingerprint: str = ""
    # activity id -> muscles it loads (from muscle files and activity entries together)
    activity_muscles: dict[str, frozenset[str]] = field(default_factory=dict)
    # muscle id -> prior weight from how often it is the source (absent: 1.0)
    prevalence: dict[str, float] = field(default_factory=dict)
    # the examination: special tests by id, the neurological screen, the pain's behaviour
    special_tests: dict[str, SpecialTest] = field(default_factory=dict)
    neuro: NeuroKnowledge | None = None
    pain_behaviour: PainBehaviour | None = None

    @classmethod
    def from_raw(cls, raw: RawKnowledge, fingerprint: str = "") -> KnowledgeBase:
        activity_muscles: dict[str, set[str]] = {}
        for m in raw.muscles.values():
            for a in m.activating:
                activity_muscles.setdefault(a, set()).add(m.id)
        for a_entry in raw.activities.activities:
            activity_muscles.setdefault(a_entry.id, set()).update(a_entry.muscles)
        return cls(
            muscles=dict(raw.muscles),
            entrapments=dict(raw.entrapments),
            nerve_roots={r.id: r for r in raw.nerve_roots.roots},
            posture_rules={r.finding: r for r in raw.posture.rules},
            posture_syndromes=tuple(raw.posture.syndromes),
            factors={f.id: f for f in raw.factors.factors},
            red_flags={r.id: r for r in raw.red_flags.red_flags},
            activities={a.id: a for a in raw.activities.activities},
            references={r.id: r for r in raw.bibliography.references},
            fingerprint=fingerprint,
            activity_muscles={k: frozenset(v) for k, v in activity_muscles.items()},
            prevalence={
                **dict.fromkeys(raw.prevalence.uncommon, raw.prevalence.weights["uncommon"]),
                **dict.fromkeys(raw.prevalence.common, raw.prevalence.weights["common"]),
            },
            special_tests={t.id: t for t in raw.special_tests.tests},
            neuro=raw.neuro,
            pain_behaviour=raw.pain_behaviour,
        )

    def muscle(self, muscle_id: str) -> Muscle:
        from tonus.core.errors import UnknownIdError

        try:
            return self.muscles[muscle_id]
        except KeyError:
            raise UnknownIdError(f"unknown muscle {muscle_id!r}") from None


def data_fingerprint(data_dir: Path = DATA_DIR) -> str:
    """A hash of every knowledge file's name and content (and of the spec copies)."""
    h = hashlib.sha256(CACHE_VERSION.encode())
    spec_dir = Path(__file__).parent.parent / "spec"
    for path in sorted([*data_dir.rglob("*.yaml"), *spec_dir.glob("*.yaml")]):
        h.update(str(path.relative_to(path.parent.parent)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:20]


def _cache_dir() -> Path:
    configured = os.environ.get("TONUS_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tonus"


def load_knowledge(data_dir: Path = DATA_DIR, *, use_cache: bool = True) -> KnowledgeBase:
    """The validated knowledge base; raises KnowledgeError naming every problem."""
    if data_dir == DATA_DIR and use_cache:
        return _load_default()
    return KnowledgeBase.from_raw(load_raw(data_dir), data_fingerprint(data_dir))


@lru_cache(maxsize=1)
def _load_default() -> KnowledgeBase:
    fingerprint = data_fingerprint()
    cache = _cache_dir() / f"knowledge-{fingerprint}.pickle"
    try:
        with cache.open("rb") as fh:
            kb = pickle.load(fh)
        if isinstance(kb, KnowledgeBase) and kb.fingerprint == fingerprint:
            return kb
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    kb = KnowledgeBase.from_raw(load_raw(), fingerprint)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        # write then rename, so a concurrent reader never sees half a file
        fd, tmp = tempfile.mkstemp(dir=cache.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(kb, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache)
    except OSError:
        pass  # a read-only home is fine: we just validate every time
    return kb
