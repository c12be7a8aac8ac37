"""Forms of the consultation and assessment pages: they check input, never decide anything."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from tonus.core.ids import vocabulary
from tonus.core.knowledge.rom import rom_tests
from tonus.web.clients.vocabulary import activity_ids
from tonus.web.labels import id_label, muscle_label

SIDE_CHOICES = [("r", "Right"), ("l", "Left"), ("midline", "Midline / both")]
PALPATION_FINDING_CHOICES = [
    ("active-trigger-point", "Active trigger point"),
    ("latent-trigger-point", "Latent trigger point"),
    ("taut-band", "Taut band"),
    ("tender", "Tender"),
    ("normal", "Normal"),
]


def posture_choices() -> list[tuple[str, str]]:
    """Every posture finding id; sided findings as a left and a right choice."""
    out: list[tuple[str, str]] = []
    for base, sided in vocabulary().posture_findings.items():
        if sided:
            out += [(f"{base}-l", f"{id_label(base)} (left)"),
                    (f"{base}-r", f"{id_label(base)} (right)")]
        else:
            out.append((base, id_label(base)))
    return out


def muscle_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Muscles grouped by body area, each group sorted by readable name."""
    voc = vocabulary()
    groups: dict[str, list[tuple[str, str]]] = {}
    for muscle_id in voc.muscles:
        group = id_label(voc.muscle_groups.get(muscle_id, "other"))
        groups.setdefault(group, []).append((muscle_id, muscle_label(muscle_id)))
    return [(g, sorted(items, key=lambda i: i[1])) for g, items in groups.items()]


def rom_choices() -> list[tuple[str, str]]:
    """ROM test ids (sided tests per side) with their normal value shown."""
    out: list[tuple[str, str]] = []
    for test in rom_tests().values():
        normal = f"normal {test.normal:g}°"
        if test.sided:
            out += [(f"{test.id}-l", f"{test.name} — left ({normal})"),
                    (f"{test.id}-r", f"{test.name} — right ({normal})")]
        else:
            out.append((test.id, f"{test.name} ({normal})"))
    return out


def _activity_choices() -> list[tuple[str, str]]:
    return [(a, id_label(a)) for a in sorted(activity_ids())]


def _muscle_choices_with_blank() -> list[Any]:
    return [("", "Choose a muscle…"), *muscle_choices()]


def _rom_choices_with_blank() -> list[tuple[str, str]]:
    return [("", "Choose a test…"), *rom_choices()]


def _posture_choices_with_blank() -> list[tuple[str, str]]:
    return [("", "Choose a finding…"), *posture_choices()]


class ConsultationForm(forms.Form):
    # a date input only accepts ISO dates, whatever the page's locale
    visit_date = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    complaint = forms.CharField(
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        label="Complaint (in the client's words)",
    )
    activities = forms.MultipleChoiceField(required=False, choices=_activity_choices,
                                           widget=forms.CheckboxSelectMultiple)
    posture = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple,
                                        choices=posture_choices, label="Observed posture")
    drawing = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and "visit_date" not in self.initial:
            self.initial["visit_date"] = timezone.localdate()


class PalpationForm(forms.Form):
    auto_id_format = "id_palpation_%s"
    muscle = forms.ChoiceField(choices=_muscle_choices_with_blank)
    side = forms.ChoiceField(choices=SIDE_CHOICES, initial="r")
    finding = forms.ChoiceField(choices=PALPATION_FINDING_CHOICES,
                                initial="active-trigger-point")
    reproduces_complaint = forms.BooleanField(required=False,
                                              label="Reproduces the complaint")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", self.auto_id_format)
        super().__init__(*args, **kwargs)

    def finding_object(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"muscle": data["muscle"], "side": data["side"], "finding": data["finding"],
                "reproduces_complaint": bool(data["reproduces_complaint"])}


class RomForm(forms.Form):
    auto_id_format = "id_rom_%s"
    test = forms.ChoiceField(choices=_rom_choices_with_blank, label="Range-of-motion test")
    degrees = forms.FloatField(min_value=0, max_value=360, label="Degrees measured")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", self.auto_id_format)
        super().__init__(*args, **kwargs)

    def finding_object(self) -> dict[str, Any]:
        degrees = self.cleaned_data["degrees"]
        return {"test": self.cleaned_data["test"],
                "degrees": int(degrees) if float(degrees).is_integer() else degrees}


class PostureFindingForm(forms.Form):
    auto_id_format = "id_posture_%s"
    finding = forms.ChoiceField(choices=_posture_choices_with_blank, label="Posture finding")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", self.auto_id_format)
        super().__init__(*args, **kwargs)

    def finding_object(self) -> str:
        return str(self.cleaned_data["finding"])


def special_test_choices() -> list[tuple[str, str]]:
    """Every special test of the knowledge base, by area then name."""
    from tonus.core.knowledge.base import load_knowledge

    tests = sorted(load_knowledge().special_tests.values(), key=lambda t: (t.area, t.name))
    return [(t.id, f"{id_label(t.area)}: {t.name}") for t in tests]


TEST_RESULT_CHOICES = [("positive", "Positive"), ("negative", "Negative"),
                       ("equivocal", "Equivocal")]
LR_SIDES = [("r", "Right"), ("l", "Left")]


class SpecialTestForm(forms.Form):
    auto_id_format = "id_tests_%s"
    test = forms.ChoiceField(choices=lambda: [("", "Choose a test…"), *special_test_choices()])
    side = forms.ChoiceField(choices=LR_SIDES, initial="r")
    result = forms.ChoiceField(choices=TEST_RESULT_CHOICES, widget=forms.RadioSelect)
    reproduces_complaint = forms.BooleanField(required=False,
                                              label="Reproduces the complaint")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", self.auto_id_format)
        super().__init__(*args, **kwargs)

    def finding_object(self) -> dict[str, Any]:
        data = self.cleaned_data
        out = {"test": data["test"], "side": data["side"], "result": data["result"]}
        if data["result"] == "positive" and data["reproduces_complaint"]:
            out["reproduces_complaint"] = True
        return out


MYOTOME_CHOICES = [(r, r) for r in ("C5", "C6", "C7", "C8", "T1", "L2", "L3", "L4", "L5", "S1")]
REFLEX_CHOICES = [("biceps", "Biceps"), ("brachioradialis", "Brachioradialis"),
                  ("triceps", "Triceps"), ("patellar", "Patellar"),
                  ("medial-hamstring", "Medial hamstring"), ("achilles", "Achilles")]
REFLEX_RESULT_CHOICES = [("normal", "Normal"), ("reduced", "Reduced"), ("absent", "Absent"),
                         ("brisk", "Brisk")]
SENSATION_RESULT_CHOICES = [("reduced", "Reduced"), ("absent", "Absent"),
                            ("increased", "Increased"), ("normal", "Normal")]


def _region_choices() -> list[tuple[str, str]]:
    from tonus.core.progress.soap import region_words

    return [("", "Choose a region…"),
            *sorted(((r, region_words(r)) for r in vocabulary().regions), key=lambda x: x[1])]


class NeuroForm(forms.Form):
    """One neurological finding: a myotome's strength, a reflex, or sensation over a region."""

    auto_id_format = "id_neuro_%s"
    kind = forms.ChoiceField(choices=[("strength", "Strength"), ("reflex", "Reflex"),
                                      ("sensation", "Sensation")])
    side = forms.ChoiceField(choices=LR_SIDES, required=False)
    root = forms.ChoiceField(choices=MYOTOME_CHOICES, required=False, label="Myotome")
    grade = forms.IntegerField(min_value=0, max_value=5, required=False, label="MRC grade")
    reflex = forms.ChoiceField(choices=REFLEX_CHOICES, required=False)
    reflex_result = forms.ChoiceField(choices=REFLEX_RESULT_CHOICES, required=False,
                                      label="Reflex")
    region = forms.ChoiceField(choices=_region_choices, required=False)
    sensation = forms.ChoiceField(choices=SENSATION_RESULT_CHOICES, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", self.auto_id_format)
        super().__init__(*args, **kwargs)

    _NEEDS = {"strength": ("side", "root", "grade"), "reflex": ("side", "reflex", "reflex_result"),
              "sensation": ("region", "sensation")}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in self._NEEDS.get(str(data.get("kind")), ()):
            if data.get(name) in (None, ""):
                self.add_error(name, "Needed for this finding.")
        return data

    def finding_object(self) -> dict[str, Any]:
        d = self.cleaned_data
        if d["kind"] == "strength":
            return {"kind": "strength", "root": d["root"], "side": d["side"],
                    "grade": d["grade"]}
        if d["kind"] == "reflex":
            return {"kind": "reflex", "reflex": d["reflex"], "side": d["side"],
                    "result": d["reflex_result"]}
        return {"kind": "sensation", "region": d["region"], "result": d["sensation"]}


FINDING_FORMS: dict[str, type[PalpationForm | RomForm | PostureFindingForm | SpecialTestForm
                              | NeuroForm]] = {
    "palpation": PalpationForm, "rom": RomForm, "posture": PostureFindingForm,
    "tests": SpecialTestForm, "neuro": NeuroForm,
}
