"""The examination in words, for the SOAP note, the referral letter and the pages: special tests
with their side and result, and the neurological screen."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

SIDE = {"l": "left", "r": "right", "midline": "midline"}
REFLEX_NAMES = {"biceps": "Biceps", "brachioradialis": "Brachioradialis", "triceps": "Triceps",
                "patellar": "Patellar", "medial-hamstring": "Medial hamstring",
                "achilles": "Achilles"}


def test_name(test_id: str) -> str:
    from tonus.core.knowledge.base import load_knowledge

    test = load_knowledge().special_tests.get(test_id)
    return test.name if test else test_id.replace("-", " ")


def test_words(t: Mapping[str, Any]) -> str:
    """E.g. "Spurling test (foraminal compression) (left): positive, reproducing the complaint"."""
    text = f"{test_name(str(t.get('test')))} ({SIDE.get(str(t.get('side')), '')}): " \
           f"{t.get('result')}"
    if t.get("result") == "positive" and t.get("reproduces_complaint"):
        text += ", reproducing the complaint"
    return text


def neuro_words(f: Mapping[str, Any]) -> str:
    from tonus.core.progress.soap import region_words

    side = SIDE.get(str(f.get("side")), "")
    if f.get("kind") == "strength":
        return f"{f.get('root')} myotome ({side}): grade {f.get('grade')}/5"
    if f.get("kind") == "reflex":
        name = REFLEX_NAMES.get(str(f.get("reflex")), str(f.get("reflex")))
        return f"{name} reflex ({side}): {f.get('result')}"
    return f"Sensation over the {region_words(str(f.get('region'))).lower()}: {f.get('result')}"


def positive_tests(case: Mapping[str, Any], bearing_on: str | None = None) -> list[str]:
    """The positive tests in words; with ``bearing_on`` (a root or entrapment id), only the
    tests that bear on it."""
    from tonus.core.knowledge.base import load_knowledge

    tests = load_knowledge().special_tests
    out = []
    for t in case.get("tests", []):
        if t.get("result") != "positive":
            continue
        test = tests.get(str(t.get("test")))
        if bearing_on and (test is None or bearing_on not in
                           (*test.bears_on.roots, *test.bears_on.entrapments)):
            continue
        out.append(test_words(t))
    return out


def other_tests(case: Mapping[str, Any]) -> list[str]:
    return [test_words(t) for t in case.get("tests", []) if t.get("result") != "positive"]


def abnormal_neuro(findings: Sequence[Mapping[str, Any]]) -> list[str]:
    out = []
    for f in findings:
        normal = (f.get("kind") == "strength" and float(f.get("grade", 5)) >= 5) or \
                 f.get("result") == "normal"
        if not normal:
            out.append(neuro_words(f))
    return out


def exam_lines(case: Mapping[str, Any]) -> list[str]:
    """Lines of a SOAP objective: the tests and the neuro screen as recorded."""
    lines = []
    tests = [test_words(t) for t in case.get("tests", [])]
    if tests:
        lines.append("Special tests: " + "; ".join(tests) + ".")
    neuro = [neuro_words(f) for f in case.get("neuro", [])]
    if neuro:
        lines.append("Neurological screen: " + "; ".join(neuro) + ".")
    return lines
