"""The rule that decides each compensation from the measured angles, with its source.

Each rule names the screen and view it applies to, the measure (a series computed by
``analysis.py``), whether it is compared as measured or as a change from the client's own
standing frames (``relative``), the direction and the threshold. The thresholds and their
sources are explained in docs/movement-screens.md; where no published cut-off exists for 2D
video the value is ours (marked ``ours`` in the source) and chosen above landmark noise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Side = Literal["l", "r"]
SideRule = Literal["each", "stance", "other", "near", "none", "lean", "pair"]


@dataclass(frozen=True)
class Rule:
    finding: str
    screen: str
    view: str  # front or side
    measure: str  # series name; "{s}" is replaced by l / r
    threshold: float
    unit: str
    above: bool  # True: found when the value is >= threshold; False: when <= threshold
    sides: SideRule  # each: l and r; stance/other: the slot's stance leg or the other one;
    # near: the side facing the camera; none: unsided; lean: the sign of the measure says the side;
    # pair: a two-sided measure, the side(s) from each knee's own travel (knees-move-in)
    relative: bool  # compared as a change from the standing frames
    words: str  # what was seen, for the therapist ("{side}" becomes "left " / "right ")
    source: str


RULES: tuple[Rule, ...] = (
    # Overhead squat, front view
    Rule("knees-move-in", "overhead-squat", "front", "knee_separation", 0.80, "× ankle width",
         False, "pair", False, "{side}knee moved in (knees closer together than the ankles)",
         "NASM overhead squat: knees stay in line with the feet (Clark & Lucett 2011, ch. 6); "
         "measured as knee separation over ankle separation (after the normalised knee "
         "separation of Noyes et al. 2005), which a camera turned toward one side does not "
         "change; under 0.80 (knees 20 % closer than the ankles): ours. Sided by the knee "
         "that moved in more (both when each did at least a third of it)"),
    Rule("weight-shift", "overhead-squat", "front", "pelvis_shift", 0.10, "leg lengths", True,
         "lean", True, "pelvis shifted toward the {side}side",
         "NASM overhead squat (Clark & Lucett 2011, ch. 6): asymmetrical weight shift; a shift "
         "of the mid-hip over the feet of 0.10 leg lengths (about 8 cm) from standing: ours"),
    Rule("trunk-lean", "overhead-squat", "front", "trunk_lean", 10.0, "°", True, "lean", True,
         "trunk leaned toward the {side}side",
         "Lateral trunk lean rated from 2D video (Herrington et al. 2014); 10° from standing: "
         "ours"),
    # Overhead squat, side view
    Rule("excessive-forward-lean", "overhead-squat", "side", "lean_over_tibia", 15.0, "°", True,
         "none", False, "trunk leaned further forward than the shins",
         "NASM overhead squat: the trunk stays parallel to the tibia (Clark & Lucett 2011, "
         "ch. 6); trunk 15° or more past parallel: ours"),
    Rule("arms-fall-forward", "overhead-squat", "side", "arm_elevation_{s}", 160.0, "°", False,
         "near", False, "arms fell forward of the trunk line",
         "NASM overhead squat: arms stay in line with the trunk (Clark & Lucett 2011, ch. 6); "
         "20° or more forward of the trunk line: ours"),
    Rule("heels-rise", "overhead-squat", "side", "heel_lift_{s}", 10.0, "°", True, "near", True,
         "heels rose off the floor",
         "NASM overhead squat (Clark & Lucett 2011, ch. 6): heels stay down; the foot tilting "
         "10° or more from standing: ours"),
    # Single-leg squat, front view (the slot names the stance leg)
    Rule("knees-move-in", "single-leg-squat", "front", "knee_frontal_{s}", 10.0, "°", True,
         "stance", False, "{side}knee moved inward (frontal-plane projection angle)",
         "Frontal-plane projection angle from 2D video (Munro et al. 2012; Herrington et al. "
         "2014); 10° of valgus, above the usual range of people without knee pain: after "
         "Munro 2012"),
    Rule("hip-drop", "single-leg-squat", "front", "pelvic_drop_{s}", 8.0, "°", True, "other",
         True, "pelvis dropped on the {side}side",
         "Pelvic control in the single-leg squat (Crossley et al. 2011; Sahrmann 2002); pelvic "
         "drop measured as in Herrington et al. 2014; 8° from standing: ours"),
    Rule("trunk-lean", "single-leg-squat", "front", "trunk_lean", 10.0, "°", True, "lean", True,
         "trunk leaned toward the {side}side",
         "Trunk lean rated in the single-leg squat (Crossley et al. 2011; Herrington et al. "
         "2014); 10° from standing: ours"),
    # Arm raise
    Rule("shoulder-hitch", "arm-raise", "front", "shoulder_rise_{s}", 0.08, "shoulder widths",
         True, "each", False, "{side}shoulder hitched (rose more than the other)",
         "Early or excessive shoulder elevation in arm raising (Sahrmann 2002; Kibler et al. "
         "2013; Janda's shoulder abduction test); this side rising 0.08 shoulder widths more "
         "than the other: ours"),
    Rule("limited-arm-raise", "arm-raise", "front", "arm_elevation_{s}", 160.0, "°", False,
         "each", False, "{side}arm did not reach overhead",
         "Full elevation is about 180° (Norkin & White, AAOS); short of 160° between arm and "
         "trunk at the top of the raise: ours"),
    Rule("limited-arm-raise", "arm-raise", "side", "arm_elevation_{s}", 160.0, "°", False,
         "near", False, "{side}arm did not reach overhead",
         "Full flexion is about 180° (Norkin & White, AAOS); short of 160° between arm and "
         "trunk at the top of the raise: ours"),
)

# What counts as a repetition: the signal rises this far above the standing level and comes
# back. Squats: the hips go down by 20 % of their standing height above the ankles (a quarter
# squat, knees bent about 45°); arm raises: the arms rise 60° or more.
MIN_EXCURSION = {"squat": 20.0, "arm": 60.0}
# A finding is proposed when it shows in at least this share of the repetitions (NASM screens
# 5 repetitions and notes what recurs; one noisy repetition is not enough).
MIN_SHARE = 0.5
# View from the trunk's shape (geometry.frontal_ratio): facing the camera the shoulders are
# 0.6-0.9 of the trunk's length wide, side on under 0.3; 0.4 is turned about 60°.
FRONT_RATIO = 0.4
# Frontal-plane rules that a camera turned toward one side distorts (forward travel of the
# trunk and knees then shows as sideways motion) are only judged when the client faces the
# camera within this many degrees (from BlazePose's 3D landmarks); the rest say why not.
SQUARE_ON_YAW = 20.0
YAW_SENSITIVE = frozenset({"weight-shift", "trunk-lean", "hip-drop"})
# An overhead-squat repetition seen from the front also bends the knees at least this much (2D):
# a jump that lowers the hips by spreading the legs (jumping jacks) is not a squat.
MIN_SQUAT_KNEE_FLEXION = 30.0
# Compensations no 2D landmark shows reliably: the therapist records them by eye on the review
# page (the feet's turn and arch, the lumbar curve, knees bowing out).
BY_EYE = ("feet-turn-out", "feet-flatten", "knees-move-out", "low-back-arches",
          "low-back-rounds")
