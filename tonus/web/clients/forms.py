from __future__ import annotations

from typing import Any, cast

from django import forms

from tonus.web.clients.models import Client
from tonus.web.clients.vocabulary import (
    activity_groups,
    activity_ids,
    perpetuating_factor_groups,
    red_flag_ids,
)
from tonus.web.labels import id_label

CLIENT_FIELDS = [
    "first_name", "last_name", "date_of_birth", "sex", "phone", "email", "address",
    "history", "medications", "caffeine_cups_per_day", "tobacco", "alcohol_units_per_week",
]


class ClientForm(forms.ModelForm[Client]):
    """Demographics, contact, history, lifestyle and activities (validation only: the view
    hands cleaned_data to a service)."""

    activities = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, choices=(),
    )

    class Meta:
        model = Client
        fields = CLIENT_FIELDS
        widgets = {
            "date_of_birth": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "address": forms.Textarea(attrs={"rows": 2}),
            "history": forms.Textarea(attrs={"rows": 3}),
            "medications": forms.Textarea(attrs={"rows": 2}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        activities = cast(forms.MultipleChoiceField, self.fields["activities"])
        activities.choices = [(a, id_label(a)) for a in sorted(activity_ids())]
        if self.instance.pk:
            self.initial["activities"] = list(self.instance.activities)

    def activity_groups(self) -> list[tuple[str, list[tuple[str, str, bool]]]]:
        """[(group title, [(id, label, checked)])] for the grouped checkboxes."""
        selected = set(self["activities"].value() or [])
        return [
            (title, [(a, id_label(a), a in selected) for a in ids])
            for title, ids in activity_groups()
        ]


class ClientCreateForm(ClientForm):
    consent_given = forms.BooleanField(
        required=False, label="The client has given informed consent to treatment",
    )


ANSWER_CHOICES = [("", "Unanswered"), ("yes", "Yes"), ("no", "No")]
_TO_BOOL = {"yes": True, "no": False, "": None}


class ScreeningForm(forms.Form):
    """One yes / no / unanswered question per perpetuating factor and red flag."""

    def __init__(self, *args: Any, screening: dict[str, bool], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.red_flags = red_flag_ids()
        self.factor_groups = perpetuating_factor_groups()
        for screening_id in [*self.red_flags, *(f for _, ids in self.factor_groups for f in ids)]:
            answer = screening.get(screening_id)
            self.fields[screening_id] = forms.ChoiceField(
                label=id_label(screening_id), choices=ANSWER_CHOICES, required=False,
                widget=forms.RadioSelect,
                initial="" if answer is None else ("yes" if answer else "no"),
            )

    def sections(self) -> list[tuple[str, bool, list[forms.BoundField]]]:
        """[(title, is_red_flag_section, fields)]: red flags first, then factors by category."""
        out = [("Red flags", True, [self[f] for f in self.red_flags])]
        for category, ids in self.factor_groups:
            out.append((id_label(category), False, [self[f] for f in ids]))
        return out

    def answers(self) -> dict[str, bool | None]:
        return {name: _TO_BOOL[value] for name, value in self.cleaned_data.items()}
