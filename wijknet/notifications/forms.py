from django import forms

from . import kinds


class EmailPreferencesForm(forms.Form):
    """One checkbox per kind: also send this by e-mail."""

    def __init__(self, *args, initial_choices: dict[str, bool], **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in kinds.LABELS.items():
            self.fields[kind] = forms.BooleanField(
                label=label, required=False, initial=initial_choices.get(kind, False)
            )
