"""What the three shared movement clips show, written down from their frames BEFORE any analysis.

Frames were extracted (every 10th, then every 4th-5th frame around the repetitions, at 192×108
and 640×360) and looked at by eye; frame numbers are the clip's decoded frame indices. Nothing
here came from the analysis: the tests in test_movement_clips.py check that it agrees.

squat-front-gym.mp4 (596 frames, 29.97 fps, 19.9 s, 1280×720, greyscale)
    A logo card until frame ~45 (no person). A man in a gym stands facing the camera (frames
    ~50-195); after a cut at ~195 the camera sees him from the front but turned 20-30° toward
    his left side, and it stays so. Six body-weight squats, hands clasped in front of the chest,
    bottoms near frames 220, 285, 345, 410, 480 and 555. Deep squats (thighs below parallel),
    feet a little wider than the shoulders and turned out about 20-30° from the start (they do
    not turn further during the squats), heels down. The knees track over or just outside the
    toes: a therapist would NOT note knees moving in, nor feet turning out during the squat.
    View: front. Repetitions: 6.

air-squat-instruction.mp4 (990 frames, 23.98 fps, 41.3 s, 1280×720)
    An instruction clip (text captions on the left, white background), one man, arms raised
    overhead. Frames ~0-195: from the front, two squats (bottoms near 75 and 160). Cross-fade
    ~200-220 to a side view: he faces the image's right. Frames ~225-620: four squats from the
    side (bottoms near 265, 360, 460 and 580): hips below the knees, trunk leaning about as
    much as the shins (parallel), heels down, lumbar curve kept, arms forward-up roughly in line
    with the trunk (at most 10-25° in front of it: borderline, not asserted). Frames ~640-925:
    front again, three or four more squats, then a logo (no person) from ~935.
    A therapist would see a model squat: no knees moving in, no heels rising, no excessive
    forward lean.
    Refined by eye (every 3rd frame) after the first analysis put two bottoms 15 and 25 frames
    from the points above: this model HOLDS each side-view bottom for about a second, so
    "the" deepest frame is any frame of the hold. Holds seen: 246-279, 360-381, 462-489 and
    570-597; the test checks the deepest frame found lies within a hold.
    Too long (41 s) for the 30-s upload limit: tests read the segments directly.

jumping-jacks-front.mp4 (903 frames, 29.97 fps, 30.1 s, 1280×720)
    A title card until ~65 (no person). A woman doing jumping jacks facing the camera (frames
    ~70-265): arms from the sides to overhead six times; feet jump apart and together, knees
    barely bend. A cut at ~268 to an oblique view, side view from ~400 to ~670; then text and a
    logo (no person) to the end. Just over the 30-s upload limit.
    As an arm raise (front, frames 70-265): six repetitions. As an overhead squat: no squat
    repetition at all.
    Corrected on a closer look (still by eye, frames at full size and every 3rd frame): the
    first reading from the every-4th-frame montage put the tops at 88, 114, 150, 188, 226 and
    258 and called the arms "nearly vertical". Frame 226 at full size shows the arms DOWN (the
    montage's rows were misread); every 3rd frame puts the tops near 90, 120, 150, 182, 211 and
    242 (one every ~30 frames). At full size (frame 150) the hands meet above the head with
    the elbows bent: the upper arms are only about 135-150° from the trunk. A jumping jack is
    not a slow maximal raise, so the range seen is what the clip shows, not a limitation.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ClipFacts:
    file: str
    screen: str
    view: str
    first_frame: int  # the segment that shows this view
    last_frame: int
    reps: int | None  # None: no repetition expected (a clear message instead)
    deepest_frames: tuple[int, ...] = ()  # where a therapist sees each bottom (or top)
    not_found: tuple[str, ...] = ()  # compensations a therapist would not note
    holds: tuple[tuple[int, int], ...] = ()  # bottoms held still (first, last frame), by eye


FACTS: tuple[ClipFacts, ...] = (
    ClipFacts("squat-front-gym.mp4", "overhead-squat", "front", 0, 595, 6,
              (220, 285, 345, 410, 480, 555), ("knees-move-in", "feet-turn-out")),
    ClipFacts("air-squat-instruction.mp4", "overhead-squat", "front", 0, 195, 2, (75, 160),
              ("knees-move-in",)),
    ClipFacts("air-squat-instruction.mp4", "overhead-squat", "side", 225, 625, 4,
              (265, 360, 460, 580), ("heels-rise", "excessive-forward-lean"),
              holds=((246, 279), (360, 381), (462, 489), (570, 597))),
    ClipFacts("jumping-jacks-front.mp4", "arm-raise", "front", 70, 265, 6,
              (90, 120, 150, 182, 211, 242), ("shoulder-hitch",)),
    ClipFacts("jumping-jacks-front.mp4", "overhead-squat", "front", 70, 265, None),
)
# How far (in the clip's frames) a found bottom may be from the one seen by eye: about 0.4 s.
DEEPEST_TOLERANCE = 12
