"""Forms of the treatment-plan page: they check input; the services decide and record."""

from __future__ import annotations

from django import forms

from tonus.web.visits.forms import SIDE_CHOICES, muscle_choices

PRESSURE_CHOICES = [(p, f"{p}/5") for p in range(1, 6)]


class MuscleUpdateForm(forms.Form):
    technique = forms.CharField(max_length=60)
    pressure = forms.TypedChoiceField(choices=PRESSURE_CHOICES, coerce=int,
                                      error_messages={"invalid_choice":
                                                      "Pressure must be from 1 to 5."})
    notes = forms.CharField(required=False, max_length=2000, widget=forms.Textarea)


class MuscleAddForm(forms.Form):
    muscle = forms.ChoiceField(choices=muscle_choices)
    side = forms.ChoiceField(choices=SIDE_CHOICES, initial="r")


class LinesForm(forms.Form):
    home_care = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 6}))
    education = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 5}))

    def lines(self, name: str) -> list[str]:
        return str(self.cleaned_data.get(name) or "").splitlines()
