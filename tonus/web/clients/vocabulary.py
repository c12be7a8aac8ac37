"""The vocabulary ids a client record may hold, and how the forms group them for display."""

from __future__ import annotations

from tonus.core.ids import vocabulary

# Display groups for the activity checkboxes; any vocabulary activity not listed lands in "Other".
ACTIVITY_GROUPS: list[tuple[str, list[str]]] = [
    ("Work and screens", ["desk-work", "prolonged-sitting", "typing", "mouse-use",
                          "phone-on-ear", "phone-looking-down", "bifocals", "reading-in-bed"]),
    ("Standing, driving and sleep", ["prolonged-standing", "driving-long", "sleeping-prone",
                                     "sleeping-on-side", "crossing-legs", "high-heels",
                                     "wallet-in-back-pocket"]),
    ("Lifting and carrying", ["lifting-heavy", "carrying-child-on-hip", "bag-on-one-shoulder",
                              "overhead-work", "repetitive-gripping", "bending-gardening"]),
    ("Sport and music", ["running", "cycling", "swimming", "stair-climbing",
                         "playing-instrument"]),
    ("Jaw, breathing and tension", ["jaw-clenching", "gum-chewing", "chest-breathing",
                                    "coughing-chronic", "emotional-tension"]),
]


def activity_ids() -> frozenset[str]:
    return vocabulary().activities


def activity_groups() -> list[tuple[str, list[str]]]:
    """Every vocabulary activity exactly once, in display groups."""
    known = activity_ids()
    groups = [(title, [a for a in ids if a in known]) for title, ids in ACTIVITY_GROUPS]
    listed = {a for _, ids in groups for a in ids}
    other = sorted(known - listed)
    if other:
        groups.append(("Other", other))
    return [(title, ids) for title, ids in groups if ids]


def perpetuating_factor_groups() -> list[tuple[str, list[str]]]:
    """Perpetuating factors by category, in the vocabulary's order."""
    groups: dict[str, list[str]] = {}
    for factor, category in vocabulary().perpetuating_factors.items():
        groups.setdefault(category, []).append(factor)
    return list(groups.items())


def red_flag_ids() -> list[str]:
    return sorted(vocabulary().red_flags)


def screening_ids() -> frozenset[str]:
    """Every id a screening answer may name: perpetuating factors and red flags."""
    voc = vocabulary()
    return frozenset(voc.perpetuating_factors) | voc.red_flags
