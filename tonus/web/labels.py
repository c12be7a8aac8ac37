"""Human-readable labels for the shared vocabulary ids (ids stay ids everywhere else).

Most labels are derived from the id ("poor-sleep" -> "Poor sleep"); the few that read badly
that way are spelled out below.
"""

from __future__ import annotations

from tonus.core.ids import vocabulary

_SPELLED_OUT = {
    # perpetuating factors
    "high-caffeine": "High caffeine intake",
    "tobacco": "Tobacco use",
    "alcohol": "Regular alcohol use",
    "low-vitamin-d": "Low vitamin D",
    "low-b12-or-folate": "Low vitamin B12 or folate",
    "menopause-or-hormone-change": "Menopause or other hormone change",
    "statin-medication": "Takes a statin",
    "other-medication": "Other medication that may affect muscles",
    "short-upper-arms": "Short upper arms",
    "long-second-metatarsal": "Long second metatarsal (Morton's foot)",
    "small-hemipelvis": "Small hemipelvis",
    "diagnosed-inflammatory-disease": "Diagnosed inflammatory disease",
    # categories
    "mental-emotional": "Mental and emotional",
    # red flags
    "new-headache-over-50": "New headache after age 50",
    "fever-or-night-sweats": "Fever or night sweats",
    "anticoagulant-medication": "Takes anticoagulant medication",
    "long-term-steroids": "Long-term steroid use",
    "drop-attacks-or-dizziness": "Drop attacks or dizziness",
    "headache-with-neuro-signs": "Headache with neurological signs",
    "calf-swelling-redness": "Calf swelling and redness",
    "chest-pain-on-exertion": "Chest pain on exertion",
    "saddle-anesthesia": "Saddle anaesthesia",
    # activities
    "desk-work": "Desk work",
    "phone-on-ear": "Phone held to the ear",
    "phone-looking-down": "Looking down at a phone",
    "driving-long": "Long drives",
    "bag-on-one-shoulder": "Bag on one shoulder",
    "wallet-in-back-pocket": "Wallet in back pocket",
    "coughing-chronic": "Chronic cough",
    "bending-gardening": "Bending (gardening)",
    # professionals and urgency
    "emergency": "Emergency services",
    "physician": "Physician (GP)",
    "immediately": "Immediately",
    "same-day": "Same day",
    "within-a-week": "Within a week",
    "before-next-session": "Before the next session",
}


def id_label(vocabulary_id: str) -> str:
    """'poor-sleep' -> 'Poor sleep'; a few ids have a hand-written label."""
    if vocabulary_id in _SPELLED_OUT:
        return _SPELLED_OUT[vocabulary_id]
    words = vocabulary_id.replace("-", " ").strip()
    return words[:1].upper() + words[1:]


def region_label(region_id: str) -> str:
    """Body region ids carry their own label in the spec ('Temple (right)')."""
    info = vocabulary().regions.get(region_id)
    return info.label if info else id_label(region_id)


def muscle_label(muscle_id: str) -> str:
    return vocabulary().muscles.get(muscle_id) or id_label(muscle_id)
