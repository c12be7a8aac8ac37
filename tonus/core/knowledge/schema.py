"""Typed schemas of the knowledge files.

Every model forbids unknown fields and is frozen. Ids are checked against the shared spec
(``tonus.core.ids``) by the validators here, so a typo fails at load with the file, the entry and
the field named (see ``loader.py``). Every fact-bearing entry carries ``sources``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from tonus.core.ids import vocabulary

# ---------------------------------------------------------------------------------------------
# id checkers (each raises ValueError naming the bad id; pydantic adds the field path)


def _region_base(v: str) -> str:
    voc = vocabulary()
    if v not in voc.sided_region_bases and v not in voc.midline_regions:
        raise ValueError(f"unknown body region {v!r} (use a base id from body-regions.yaml)")
    return v


def _muscle(v: str) -> str:
    if v not in vocabulary().muscles:
        raise ValueError(f"unknown muscle {v!r} (see muscles.yaml)")
    return v


def _activity(v: str) -> str:
    if v not in vocabulary().activities:
        raise ValueError(f"unknown activity {v!r} (see vocabulary.yaml activities)")
    return v


def _posture(v: str) -> str:
    if v not in vocabulary().posture_findings:
        raise ValueError(f"unknown posture finding {v!r} (use the base id, without -l/-r)")
    return v


def _quality(v: str) -> str:
    if v not in vocabulary().qualities:
        raise ValueError(f"unknown symptom quality {v!r}")
    return v


def _entrapment(v: str) -> str:
    if v not in vocabulary().entrapments:
        raise ValueError(f"unknown entrapment site {v!r}")
    return v


def _professional(v: str) -> str:
    if v not in vocabulary().professionals:
        raise ValueError(f"unknown professional {v!r}")
    return v


RegionBase = Annotated[str, AfterValidator(_region_base)]
MuscleId = Annotated[str, AfterValidator(_muscle)]
ActivityId = Annotated[str, AfterValidator(_activity)]
PostureId = Annotated[str, AfterValidator(_posture)]
QualityId = Annotated[str, AfterValidator(_quality)]
EntrapmentId = Annotated[str, AfterValidator(_entrapment)]
ProfessionalId = Annotated[str, AfterValidator(_professional)]
Text = Annotated[str, Field(min_length=3)]

NerveRootId = Literal["C5", "C6", "C7", "C8", "T1", "L2", "L3", "L4", "L5", "S1"]

# Symptoms other than pain that a trigger point or entrapment can produce (Travell & Simons).
OtherSymptom = Literal[
    "dizziness", "vertigo", "tinnitus", "ear-fullness", "hearing-change", "visual-disturbance",
    "lacrimation", "eye-redness", "coryza", "ptosis", "nausea", "sore-throat", "dysphagia",
    "tooth-sensitivity", "restricted-jaw-opening", "restricted-motion", "stiffness", "weakness",
    "grip-weakness", "numbness", "tingling", "cold-sensation", "cramps", "shortness-of-breath",
    "cardiac-arrhythmia", "belching", "heartburn", "abdominal-fullness", "diarrhea",
    "urinary-frequency", "dysmenorrhea", "pelvic-floor-dysfunction", "buckling-knee",
    "balance-problems", "foot-drop", "night-cramps", "sleep-disturbance", "swelling",
]

Technique = Literal[
    "ischemic-compression",  # sustained pressure on the trigger point until it releases
    "pincer-compression",  # the muscle held between thumb and fingers (SCM, upper trapezius...)
    "stripping",  # slow deep gliding stroke along the taut band
    "cross-fiber-friction",
    "post-isometric-relaxation",  # gentle contraction against resistance, then lengthening
    "contract-relax",
    "myofascial-release",
    "muscle-energy-technique",
    "positional-release",
    "intraoral-compression",  # pterygoids, masseter: gloved finger, by trained therapists only
    "effleurage",
]


class Strict(BaseModel):
    # defer_build: a cached knowledge base is unpickled without ever building validators
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True,
                              defer_build=True)


class Citation(Strict):
    """A reference from ``sources.yaml`` with a chapter, section or page where known."""

    ref: Annotated[str, Field(min_length=2)]
    chapter: str | None = None
    pages: str | None = None
    note: str | None = None


Sources = Annotated[list[Citation], Field(min_length=1)]


class Reference(Strict):
    id: str
    citation: Text  # full bibliographic citation
    url: str | None = None
    kind: Literal["book", "article", "guideline", "web"] = "book"


class Bibliography(Strict):
    references: list[Reference]


# ---------------------------------------------------------------------------------------------
# muscles


class Attachments(Strict):
    origin: Text
    insertion: Text


class AtlasPoint(Strict):
    """Where to draw the trigger point's × on the body atlas (on the right side; mirrored)."""

    view: Literal["front", "back"]
    region: RegionBase
    nudge: tuple[float, float] = (0.0, 0.0)  # fraction of the region's bounding box


class ReferralPattern(Strict):
    essential: Annotated[list[RegionBase], Field(min_length=1)]  # same side as the TrP
    spillover: list[RegionBase] = []
    contralateral: list[RegionBase] = []  # zones on the opposite side (rare)


class TriggerPoint(Strict):
    id: Annotated[str, Field(pattern=r"^[a-z0-9-]+$")]  # unique within the muscle, e.g. "tp1"
    name: Text  # e.g. "Upper trapezius TrP1, anterior border at mid-fibre"
    palpate: Text  # landmark words: where and how to find it
    location: AtlasPoint
    referral: ReferralPattern
    qualities: Annotated[list[QualityId], Field(min_length=1)]  # what the referral feels like
    other_symptoms: list[OtherSymptom] = []
    sources: Sources


class TechniqueStep(Strict):
    technique: Technique
    # Tonus pressure scale 1-5 (see scales in sources.yaml docs): 1 light contact, 2 moderate,
    # 3 firm, 4 deep, 5 very deep; always titrated to the client's discomfort target.
    pressure: Annotated[int, Field(ge=1, le=5)]
    discomfort_target: Annotated[str, Field(pattern=r"^\d+(-\d+)?/10$")] = "5-7/10"
    how: Text


class Treatment(Strict):
    client_position: Text
    techniques: Annotated[list[TechniqueStep], Field(min_length=1)]
    stretch: Text  # the therapist's stretch that follows deactivation, on the table
    # The stretch the client does alone at home (the handout prints only this); absent where
    # no safe self-stretch exists (face and jaw muscles held by the therapist, for example).
    self_stretch: Text | None = None
    self_care: Annotated[list[Text], Field(min_length=1)]
    education: Annotated[list[Text], Field(min_length=1)]
    precautions: list[Text] = []  # endangerment sites, contraindications specific to this muscle
    sources: Sources


class Muscle(Strict):
    id: MuscleId
    name: Text
    laterality: Literal["sided", "midline"] = "sided"
    attachments: Attachments
    action: Text
    innervation: Text
    nerve_roots: list[str] = []  # spinal segments, e.g. ["C5", "C6"]
    trigger_points: Annotated[list[TriggerPoint], Field(min_length=1)]
    activating: list[ActivityId] = []  # activities that activate or perpetuate its TrPs
    perpetuating_postures: list[PostureId] = []  # posture findings (base ids) that overload it
    associated: list[MuscleId] = []  # muscles of the same functional unit (associated TrPs)
    satellites: list[MuscleId] = []  # muscles in its referral zone that develop satellite TrPs
    entrapments: list[EntrapmentId] = []  # nerve entrapments this muscle can cause
    differential: Annotated[list[Text], Field(min_length=1)]  # what else looks like it
    treatment: Treatment
    sources: Sources

    @model_validator(mode="after")
    def _unique_trigger_points(self) -> Muscle:
        ids = [tp.id for tp in self.trigger_points]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate trigger point id(s) {dupes} in muscle {self.id!r}")
        return self


# ---------------------------------------------------------------------------------------------
# entrapments and nerve roots


class ProvocativeTest(Strict):
    name: Text
    how: Text
    positive: Text  # what a positive test reproduces


class Entrapment(Strict):
    id: EntrapmentId
    nerve: Text
    site: Text
    compressing_structures: Annotated[list[Text], Field(min_length=1)]
    muscles: list[MuscleId] = []  # treatable muscles that take part in the compression
    symptom_regions: Annotated[list[RegionBase], Field(min_length=1)]  # paresthesia territory
    pain_regions: list[RegionBase] = []  # where aching is felt besides the territory
    qualities: Annotated[list[QualityId], Field(min_length=1)]
    other_symptoms: list[OtherSymptom] = []
    provocative_tests: Annotated[list[ProvocativeTest], Field(min_length=1)]
    aggravating_activities: list[ActivityId] = []
    related_postures: list[PostureId] = []
    vs_trigger_point: Text  # how it differs from trigger-point referral
    vs_nerve_root: Text  # how it differs from a nerve-root pattern
    refer_when: Text  # signs that call for a referral (weakness, wasting, ...)
    refer_to: ProfessionalId
    self_care: list[Text] = []
    sources: Sources


class NerveRoot(Strict):
    id: NerveRootId
    dermatome: Annotated[list[RegionBase], Field(min_length=1)]  # paresthesia/pain territory
    pain_regions: list[RegionBase] = []  # spinal pain that accompanies it (neck / low back)
    myotome: Annotated[list[Text], Field(min_length=1)]  # weakness to test
    reflex: str | None = None
    mimics: list[MuscleId] = []  # trigger points whose referral looks like this root
    mimic_entrapments: list[EntrapmentId] = []
    tells: Annotated[list[Text], Field(min_length=1)]  # what points to the root, not a TrP
    refer_to: ProfessionalId
    sources: Sources


class NerveRoots(Strict):
    roots: list[NerveRoot]


# ---------------------------------------------------------------------------------------------
# posture -> muscle imbalance


class MuscleSide(Strict):
    muscle: MuscleId
    side: Literal["same", "opposite", "both"] = "same"  # relative to a sided finding


class PostureRule(Strict):
    finding: PostureId
    meaning: Text
    shortened: list[MuscleSide] = []  # short / overactive: TrP candidates, stretch after release
    lengthened: list[MuscleSide] = []  # long / inhibited: TrP candidates, strengthen
    check: list[Text] = []  # what else to screen (leg length, bifocals, ...)
    sources: Sources


class PostureSyndrome(Strict):
    """A named pattern of findings (crossed syndromes, Kendall posture types)."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9-]+$")]
    name: Text
    findings_any: list[PostureId] = []
    findings_all: list[PostureId] = []
    shortened: list[MuscleId] = []
    lengthened: list[MuscleId] = []
    description: Text
    sources: Sources


class PostureKnowledge(Strict):
    rules: list[PostureRule]
    syndromes: list[PostureSyndrome] = []


# ---------------------------------------------------------------------------------------------
# screening: perpetuating factors, red flags, activities


class AppliesWhen(Strict):
    """Who a screening question can apply to; a client outside it is not asked. Unknown age or
    a sex of "other"/"unspecified" is always asked (never skip a question on a guess)."""

    min_age: Annotated[int, Field(ge=0, le=120)] | None = None
    max_age: Annotated[int, Field(ge=0, le=120)] | None = None
    sexes: list[Literal["female", "male"]] | None = None
    why: Text  # the reason in words, shown to the therapist
    sources: Sources


class FromIntake(Strict):
    """The client form already asks this (caffeine, tobacco, alcohol): the screening answer
    follows from it, so the question is not asked twice. Unknown intake: still asked."""

    field: Literal["caffeine_cups_per_day", "tobacco", "alcohol_units_per_week"]
    yes_above: float | None = None  # a number: yes above it, no at or below it
    yes_when: list[str] = []  # a choice: yes for these values, no for any other given value
    why: Text  # the rule in words, shown to the therapist
    sources: Sources


class PerpetuatingFactor(Strict):
    id: str
    category: Literal["skeletal", "mental-emotional", "hormonal", "nutritional", "disease",
                      "lifestyle"]
    meaning: Text
    muscles: list[MuscleId] = []  # muscles whose TrPs it perpetuates (empty = generalised)
    action: Text  # what the therapist does about it
    refer_to: list[ProfessionalId] = []  # empty: handled by education alone
    referral_reason: Text
    education: list[Text] = []
    applies_when: AppliesWhen | None = None
    from_intake: FromIntake | None = None
    sources: Sources


class RedFlag(Strict):
    id: str
    meaning: Text  # what it may signal
    action: Literal["emergency", "refer-before-treatment", "precaution"]
    to: ProfessionalId
    urgency: Literal["immediately", "same-day", "within-a-week", "before-next-session"]
    reason: Text
    applies_when: AppliesWhen | None = None
    sources: Sources


class ActivityEntry(Strict):
    id: ActivityId
    meaning: Text
    muscles: list[MuscleId] = []  # muscles it loads
    advice: Annotated[list[Text], Field(min_length=1)]  # patient education in plain words
    refer_to: list[ProfessionalId] = []  # e.g. bifocals -> optometrist
    referral_reason: str | None = None
    sources: Sources


class PerpetuatingFactors(Strict):
    factors: list[PerpetuatingFactor]


class RedFlags(Strict):
    red_flags: list[RedFlag]


class Activities(Strict):
    activities: list[ActivityEntry]


class Prevalence(Strict):
    """Prior weight tiers: how often a muscle is the source (see prevalence.yaml)."""

    weights: dict[Literal["common", "uncommon"], Annotated[float, Field(gt=0, le=3)]]
    common: list[MuscleId]
    uncommon: list[MuscleId]
    sources: Sources

    @model_validator(mode="after")
    def _disjoint(self) -> Prevalence:
        both = sorted(set(self.common) & set(self.uncommon))
        if both:
            raise ValueError(f"muscles both common and uncommon: {both}")
        return self


# ---------------------------------------------------------------------------------------------
# the examination: special tests, the neurological screen, the pain's behaviour

SourceKindId = Literal["trigger-point", "entrapment", "radicular"]
Probability = Annotated[float, Field(gt=0, lt=1)]


class BearsOn(Strict):
    """The hypotheses a finding bears on: kinds of source, roots, entrapment sites, or the trigger
    points of muscles (every side is matched by the reasoning)."""

    kinds: list[SourceKindId] = []
    roots: list[NerveRootId] = []
    entrapments: list[EntrapmentId] = []
    muscles: list[MuscleId] = []

    @model_validator(mode="after")
    def _some(self) -> BearsOn:
        if not (self.kinds or self.roots or self.entrapments or self.muscles):
            raise ValueError("names no hypothesis (kinds, roots, entrapments or muscles)")
        return self


class SpecialTest(Strict):
    id: Annotated[str, Field(pattern=r"^[a-z0-9-]+$")]
    name: Text
    area: Literal["head", "neck", "shoulder", "elbow", "wrist", "lumbar", "hip", "knee", "leg",
                  "foot"]
    how: Text
    positive: Text
    bears_on: BearsOn
    # published sensitivity and specificity, or likelihood ratios (published or the default)
    sensitivity: Probability | None = None
    specificity: Probability | None = None
    lr_positive: Annotated[float, Field(ge=1, le=100)] | None = None
    lr_negative: Annotated[float, Field(gt=0, le=1)] | None = None
    published: bool
    accuracy: Text  # where the figures come from, in words
    sources: Sources

    @model_validator(mode="after")
    def _accuracy(self) -> SpecialTest:
        pair = (self.sensitivity is not None, self.specificity is not None)
        ratios = (self.lr_positive is not None, self.lr_negative is not None)
        if not (all(pair) and not any(ratios)) and not (all(ratios) and not any(pair)):
            raise ValueError("give sensitivity and specificity, or lr_positive and lr_negative")
        if all(pair) and self.sensitivity + self.specificity <= 1:  # type: ignore[operator]
            raise ValueError("sensitivity + specificity must exceed 1 (an informative test)")
        return self


class SpecialTests(Strict):
    tests: list[SpecialTest]


class Myotome(Strict):
    root: NerveRootId
    action: Text
    nerve_sites: list[EntrapmentId] = []  # entrapments proximal to the key muscle's nerve


class ReflexDef(Strict):
    id: Literal["biceps", "brachioradialis", "triceps", "patellar", "medial-hamstring",
                "achilles"]
    name: Text
    roots: Annotated[list[NerveRootId], Field(min_length=1)]  # the first is the main root


Ratio = Annotated[float, Field(gt=0, le=20)]


class StrengthLR(Strict):
    weak: Ratio
    very_weak: Ratio
    normal: Ratio


class ReflexLR(Strict):
    reduced: Ratio
    absent: Ratio
    normal: Ratio


class SensationLR(Strict):
    reduced: Ratio
    absent: Ratio
    increased: Ratio
    normal: Ratio
    trigger_point_deficit: Ratio


class NeuroKnowledge(Strict):
    myotomes: list[Myotome]
    reflexes: list[ReflexDef]
    strength: StrengthLR
    reflex: ReflexLR
    sensation: SensationLR
    sources: Sources


class Behaviour(Strict):
    when: Literal["aggravated_by", "eased_by"]
    behaviour: str
    lr: Ratio
    favours: BearsOn
    why: Text
    sources: Sources

    @model_validator(mode="after")
    def _known(self) -> Behaviour:
        if self.behaviour not in vocabulary().pain_behaviour:
            raise ValueError(f"unknown pain behaviour {self.behaviour!r} (vocabulary.yaml)")
        return self


class Lancinating(Strict):
    qualities: Annotated[list[QualityId], Field(min_length=1)]
    nerve_lr: Ratio
    trigger_point_lr: Ratio
    sources: Sources


class DermatomalBand(Strict):
    min_regions: Annotated[int, Field(ge=2)]
    lr: Ratio
    sources: Sources


class SitePain(Strict):
    lr_absent: Ratio
    entrapments: list[EntrapmentId]
    sources: Sources


class PainBehaviour(Strict):
    behaviours: list[Behaviour]
    lancinating: Lancinating
    dermatomal_band: DermatomalBand
    site_pain: SitePain
