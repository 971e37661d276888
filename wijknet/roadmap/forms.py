from django import forms
from django.utils.translation import gettext_lazy as _

from .models import StepStatus


class StepProgressForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=StepStatus.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Notitie"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    evidence_url = forms.URLField(
        label=_("Link naar bewijs of document"), required=False, assume_scheme="https"
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
