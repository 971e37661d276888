from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Kind


class ToolboxFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoeken"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Soort"), choices=[("", _("Alle soorten"))] + list(Kind.choices), required=False
    )
    phase = forms.ChoiceField(label=_("Fase"), choices=[], required=False)

    def __init__(self, *args, phases=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].choices = [("", _("Alle fasen"))] + [
            (phase.key, phase.name) for phase in phases
        ]
