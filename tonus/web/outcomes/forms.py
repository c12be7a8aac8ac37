"""The therapist's questionnaire form at a session (a reassessment): one instrument's items;
for the PSFS the client's activities of last time are kept, so the same activities are rated."""

from __future__ import annotations

from typing import Any

from django import forms

from tonus.core.knowledge.client_schema import Instrument


class QuestionnaireForm(forms.Form):
    def __init__(self, *args: Any, instrument: Instrument, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        for item in instrument.items:
            if instrument.labelled_items:
                self.fields[f"l_{item.id}"] = forms.CharField(
                    max_length=120, required=False, label=f"{item.text}: activity")
            self.fields[f"o_{item.id}"] = forms.ChoiceField(
                required=False, label=item.text,
                choices=[("", "—")] + [(str(v), str(v))
                                       for v in range(item.min, item.max + 1)])

    def rows(self) -> list[dict[str, Any]]:
        return [{"score": self[f"o_{i.id}"],
                 "label": self[f"l_{i.id}"] if self.instrument.labelled_items else None}
                for i in self.instrument.items]

    def answers(self) -> tuple[dict[str, int], dict[str, str]]:
        d = self.cleaned_data
        answers = {i.id: int(d[f"o_{i.id}"]) for i in self.instrument.items
                   if d.get(f"o_{i.id}") not in (None, "")}
        labels = {i.id: d.get(f"l_{i.id}", "") for i in self.instrument.items
                  if self.instrument.labelled_items and i.id in answers}
        return answers, labels
