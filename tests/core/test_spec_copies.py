"""The core ships verbatim copies of the shared contracts; they must not drift."""

from __future__ import annotations

import pytest

from tests.conftest import REPO, SHARED

SPEC_FILES = ["body-regions.yaml", "muscles.yaml", "vocabulary.yaml"]


@pytest.mark.parametrize("name", SPEC_FILES)
def test_spec_copy_matches_shared_contract(name: str) -> None:
    shared = SHARED / "spec" / name
    if not shared.exists():
        pytest.skip("shared/spec is not beside this checkout")
    ours = REPO / "tonus" / "core" / "spec" / name
    assert ours.read_bytes() == shared.read_bytes()


def test_vocabulary_counts_match_the_spec_readme() -> None:
    from tonus.core.ids import vocabulary

    voc = vocabulary()
    assert len(voc.regions) == 174
    assert len(voc.muscles) == 120
    assert len(voc.entrapments) == 18
