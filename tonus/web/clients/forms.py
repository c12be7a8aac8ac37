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

    def __init__(self, *args: Any, screening: dict[str, bool],
                 not_asked: dict[str, Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Questions answered by the client form or that cannot apply: shown, not asked.
        self.not_asked = not_asked or {}
        self.red_flags = red_flag_ids()
        self.factor_groups = perpetuating_factor_groups()
        for screening_id in [*self.red_flags, *(f for _, ids in self.factor_groups for f in ids)]:
            if screening_id in self.not_asked:
                continue
            answer = screening.get(screening_id)
            self.fields[screening_id] = forms.ChoiceField(
                label=id_label(screening_id), choices=ANSWER_CHOICES, required=False,
                widget=forms.RadioSelect,
                initial="" if answer is None else ("yes" if answer else "no"),
            )

    def sections(self) -> list[tuple[str, bool, list[forms.BoundField], list[Any]]]:
        """[(title, is_red_flag_section, fields, not asked)]: red flags first, then factors by
        category."""
        out = []
        for title, red, ids in [("Red flags", True, self.red_flags),
                                *((id_label(c), False, i) for c, i in self.factor_groups)]:
            out.append((title, red, [self[f] for f in ids if f in self.fields],
                        [self.not_asked[f] for f in ids if f in self.not_asked]))
        return out

    def answers(self) -> dict[str, bool | None]:
        """The answers given, plus those the client form gave; a question that cannot apply
        is cleared."""
        out = {name: _TO_BOOL[value] for name, value in self.cleaned_data.items()}
        for qid, item in self.not_asked.items():
            out[qid] = item.answer
        return out
