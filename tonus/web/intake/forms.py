"""The client's intake form, built for one link: the screening questions that can apply to this
client (the core decides), the questionnaires the therapist chose, the symptom-severity items.

``cleaned_intake()`` returns the submission's data: plain JSON, every id checked."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms

from tonus.core.errors import OutcomeError
from tonus.core.ids import vocabulary
from tonus.core.knowledge.base import load_knowledge
from tonus.core.knowledge.client_knowledge import client_knowledge
from tonus.core.knowledge.client_schema import Instrument
from tonus.core.outcomes.scoring import validate_answers
from tonus.core.reasoning.screening import screening_question_applies
from tonus.web.clients.models import Sex
from tonus.web.clients.vocabulary import activity_groups
from tonus.web.labels import id_label
from tonus.web.visits.drawing import client_age, drawing_parse

# Durations offered, in weeks (the ACR 2016 criteria ask for at least 3 months).
DURATIONS = [("", "Choose…"), ("3", "Less than 6 weeks"), ("9", "6 to 12 weeks"),
             ("18", "3 to 6 months"), ("39", "6 to 12 months"), ("60", "More than a year")]
GRADED_WORDS = [("0", "No problem"), ("1", "Slight or mild"), ("2", "Moderate"),
                ("3", "Severe: continuous, life-disturbing")]
SEVERITY_GRADED = [("fatigue", "Fatigue (tiredness)"),
                   ("waking-unrefreshed", "Waking up tired (unrefreshed)"),
                   ("cognitive-symptoms", "Trouble thinking or remembering")]
SEVERITY_YES_NO = [("headaches", "Headaches"),
                   ("lower-abdominal-pain-or-cramps", "Pain or cramps in the lower belly"),
                   ("depression", "Depression")]
YES_NO = [("yes", "Yes"), ("no", "No")]
# The ACR 2016 survey's pain areas come from the drawing; its symptom items from the section
# above: the client is not asked twice.
FROM_THE_FORM = "acr-2016-fs"


def _screening_ids(age: int | None, sex: str | None) -> list[str]:
    kb = load_knowledge()
    lay = client_knowledge().lay.questions
    voc = vocabulary()
    ordered = sorted(voc.red_flags) + list(voc.perpetuating_factors)
    return [i for i in ordered if i in lay and screening_question_applies(i, kb, age, sex)]


class IntakeForm(forms.Form):
    first_name = forms.CharField(max_length=100, label="First name")
    last_name = forms.CharField(max_length=100, label="Last name")
    date_of_birth = forms.DateField(label="Date of birth",
                                    widget=forms.DateInput(attrs={"type": "date"}))
    sex = forms.ChoiceField(choices=Sex.choices, label="Sex")
    phone = forms.CharField(max_length=40, required=False, label="Phone")
    email = forms.EmailField(required=False, label="E-mail")
    address = forms.CharField(max_length=500, required=False, label="Address",
                              widget=forms.Textarea(attrs={"rows": 2}))
    consent_agree = forms.BooleanField(label="I have read and agree to the consent above")
    signature = forms.CharField(max_length=200, label="Type your full name as your signature")
    complaint = forms.CharField(max_length=500, required=False,
                                label="What brings you in? (in your own words)",
                                widget=forms.Textarea(attrs={"rows": 2}))
    weeks = forms.ChoiceField(choices=DURATIONS, required=False,
                              label="How long have you had this pain?")
    history = forms.CharField(max_length=4000, required=False,
                              label="Past injuries, operations or health conditions",
                              widget=forms.Textarea(attrs={"rows": 3}))
    medications = forms.CharField(max_length=2000, required=False,
                                  label="Medicines and supplements you take",
                                  widget=forms.Textarea(attrs={"rows": 2}))
    activities = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple,
                                           choices=[])
    drawing = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, age: int | None, sex: str | None,
                 instruments: list[Instrument], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.record_age, self.record_sex = age, sex
        self.screening_ids = _screening_ids(age, sex)
        lay = client_knowledge().lay.questions
        for sid in self.screening_ids:
            self.fields[f"q_{sid}"] = forms.ChoiceField(
                choices=YES_NO, required=False, label=lay[sid], widget=forms.RadioSelect)
        self.fields["activities"].choices = [  # type: ignore[attr-defined]
            (a, id_label(a)) for _title, ids in activity_groups() for a in ids]
        for key, words in SEVERITY_GRADED:
            self.fields[f"s_{key}"] = forms.ChoiceField(choices=GRADED_WORDS, label=words,
                                                        widget=forms.RadioSelect)
        for key, words in SEVERITY_YES_NO:
            self.fields[f"s_{key}"] = forms.ChoiceField(choices=YES_NO, label=words,
                                                        widget=forms.RadioSelect)
        self.instruments = [i for i in instruments if i.id != FROM_THE_FORM]
        self.acr_survey = any(i.id == FROM_THE_FORM for i in instruments)
        for inst in self.instruments:
            for item in inst.items:
                choices = [("", "—")] + [(str(v), str(v)) for v in range(item.min, item.max + 1)]
                self.fields[f"o_{inst.id}_{item.id}"] = forms.ChoiceField(
                    choices=choices, required=False, label=item.text)
                if inst.labelled_items:
                    self.fields[f"l_{inst.id}_{item.id}"] = forms.CharField(
                        max_length=120, required=False, label=f"{item.text}: what activity?",
                        widget=forms.TextInput(attrs={
                            "placeholder": f"{item.text}: e.g. lifting my child",
                            "aria-label": f"{item.text}: what activity?"}))

    # -- groups for the template -----------------------------------------------------------
    def screening_fields(self) -> list[forms.BoundField]:
        return [self[f"q_{sid}"] for sid in self.screening_ids]

    def screening_groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """Safety questions (red flags) first, then health, sleep and lifestyle."""
        flags = vocabulary().red_flags
        groups = [("Safety questions", [self[f"q_{s}"] for s in self.screening_ids
                                        if s in flags]),
                  ("Health, sleep and lifestyle", [self[f"q_{s}"] for s in self.screening_ids
                                                   if s not in flags])]
        return [(title, fields) for title, fields in groups if fields]

    def severity_fields(self) -> list[forms.BoundField]:
        return [self[f"s_{k}"] for k, _ in SEVERITY_GRADED + SEVERITY_YES_NO]

    def questionnaire_blocks(self) -> list[dict[str, Any]]:
        out = []
        for inst in self.instruments:
            rows = []
            for item in inst.items:
                rows.append({"score": self[f"o_{inst.id}_{item.id}"],
                             "label": self[f"l_{inst.id}_{item.id}"]
                             if inst.labelled_items else None})
            out.append({"instrument": inst, "rows": rows,
                        "errors": self.errors.get(f"__{inst.id}", [])})
        return out

    # -- validation ------------------------------------------------------------------------
    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        signature = " ".join(str(data.get("signature", "")).split()).casefold()
        last = str(data.get("last_name", "")).strip().casefold()
        if signature and last and last not in signature:
            self.add_error("signature", "Please type your full name, as you gave it above.")
        born = data.get("date_of_birth")
        if isinstance(born, datetime.date) and not (
                datetime.date(1900, 1, 1) <= born <= datetime.date.today()):
            self.add_error("date_of_birth", "Please check the date of birth.")
        drawing = drawing_parse(str(data.get("drawing") or ""))
        if drawing.errors:
            self.add_error(None, " ".join(drawing.errors))
        self.marks = drawing.marks
        self.scored: dict[str, dict[str, Any]] = {}
        for inst in self.instruments:
            answers = {item.id: int(data[f"o_{inst.id}_{item.id}"]) for item in inst.items
                       if data.get(f"o_{inst.id}_{item.id}") not in (None, "")}
            labels = {item.id: data.get(f"l_{inst.id}_{item.id}", "") for item in inst.items
                      if inst.labelled_items}
            if inst.labelled_items:
                unnamed = [k for k in answers if not str(labels.get(k, "")).strip()]
                if unnamed:
                    self.add_error(None, f"{inst.short}: please name the activity for each "
                                         "score you gave.")
            try:
                validate_answers(inst, answers)
            except OutcomeError as error:
                self.add_error(None, "; ".join(error.problems))
                continue
            self.scored[inst.id] = {"answers": answers,
                                    "labels": {k: v for k, v in labels.items() if k in answers}}
        return data

    def cleaned_intake(self, consent_text: str, signed_at: datetime.datetime) -> dict[str, Any]:
        d = self.cleaned_data
        born: datetime.date = d["date_of_birth"]
        age = client_age_of(born, signed_at.date())
        kb = load_knowledge()
        screening = {sid: d[f"q_{sid}"] == "yes" for sid in self.screening_ids
                     if d.get(f"q_{sid}") in ("yes", "no")
                     and screening_question_applies(sid, kb, age, d["sex"])}
        severity: dict[str, int | bool] = {k: int(d[f"s_{k}"]) for k, _ in SEVERITY_GRADED}
        severity.update({k: d[f"s_{k}"] == "yes" for k, _ in SEVERITY_YES_NO})
        questionnaires = dict(self.scored)
        if self.acr_survey:
            questionnaires[FROM_THE_FORM] = {"answers": acr_survey_answers(self.marks, severity)}
        return {
            "contact": {"first_name": d["first_name"].strip(), "last_name": d["last_name"].strip(),
                        "date_of_birth": born.isoformat(), "sex": d["sex"],
                        "phone": d.get("phone", "").strip(), "email": d.get("email", "").strip(),
                        "address": d.get("address", "").strip()},
            "consent": {"agreed": True, "signature": " ".join(d["signature"].split()),
                        "signed_at": signed_at.isoformat(), "text": consent_text},
            "complaint": d.get("complaint", "").strip(),
            "weeks": int(d["weeks"]) if d.get("weeks") else None,
            "history": d.get("history", "").strip(),
            "medications": d.get("medications", "").strip(),
            "screening": screening,
            "activities": list(d.get("activities") or []),
            "marks": self.marks,
            "symptom_severity": severity,
            "questionnaires": questionnaires,
        }


def client_age_of(born: datetime.date, on: datetime.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def acr_survey_answers(marks: list[dict[str, Any]],
                       severity: dict[str, int | bool]) -> dict[str, int]:
    """The ACR 2016 survey's items from the drawing (WPI areas, via the core's mapping) and the
    symptom-severity answers."""
    from tonus.core.reasoning.widespread import wpi_areas

    inst = client_knowledge().instruments[FROM_THE_FORM]
    areas = set(wpi_areas([m["region"] for m in marks]))
    answers = {i.id: int(i.id.removeprefix("wpi-") in areas)
               for i in inst.items if i.subscale == "wpi"}
    answers.update({k: int(v) for k, v in severity.items()})
    return answers


def record_age(born: datetime.date | None, on: datetime.date) -> int | None:
    from tonus.web.clients.models import Client

    return client_age(Client(date_of_birth=born), on) if born else None
