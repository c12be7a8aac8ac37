"""Screening questions that cannot apply (by age or sex) are skipped; the rule is data."""

from __future__ import annotations

import pytest

from tonus.core.knowledge.base import load_knowledge
from tonus.core.reasoning.screening import screening_question_applies


@pytest.mark.parametrize(
    ("item", "age", "sex", "asked"),
    [
        # SNOOP10: the flag is a headache NEW after 50; a 30-year-old cannot have it.
        ("new-headache-over-50", 30, "female", False),
        ("new-headache-over-50", 49, "male", False),
        ("new-headache-over-50", 50, "male", True),
        ("new-headache-over-50", None, "male", True),  # age unknown: ask
        # pregnancy cannot apply to a male client, nor at 75; "other" is always asked
        ("pregnancy", 34, "male", False),
        ("pregnancy", 34, "female", True),
        ("pregnancy", 75, "female", False),
        ("pregnancy", 34, "other", True),
        ("pregnancy", None, None, True),
        # questions without a rule are always asked
        ("saddle-anesthesia", 8, "male", True),
        ("high-stress", 30, "female", True),
    ],
)
def test_question_applies(item: str, age: int | None, sex: str | None, asked: bool) -> None:
    assert screening_question_applies(item, load_knowledge(), age, sex) is asked
