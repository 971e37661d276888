from django import forms
from django.utils.translation import gettext_lazy as _

from wijknet.core.declarations import names

from .fields import OWN_ITEM_FIELDS
from .models import OWN_KINDS, Kind


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


class OwnItemForm(forms.Form):
    """A network's own item: a practice story, guide or instrument of its own making."""

    kind = forms.ChoiceField(label=_("Soort"), choices=[])
    title = forms.CharField(label=_("Titel"), max_length=200)
    summary = forms.CharField(
        label=_("Samenvatting"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Twee of drie zinnen: waar gaat het over, voor wie is het?"),
    )
    body = forms.CharField(
        label=_("Tekst"), widget=forms.Textarea(attrs={"rows": 8}), required=False, max_length=20000
    )
    lessons = forms.CharField(
        label=_("Geleerde lessen (één per regel)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
    )
    source = forms.CharField(
        label=_("Bron"),
        max_length=200,
        required=False,
        help_text=_("Wie schreef het of waar komt het vandaan? Leeg: de naam van het netwerk."),
    )
    url = forms.URLField(label=_("Website (optioneel)"), required=False, assume_scheme="https")
    phases = forms.MultipleChoiceField(
        label=_("Helpt in de fasen"),
        choices=[],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, phases=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, label) for k, label in Kind.choices if k in OWN_KINDS]
        self.fields["phases"].choices = [(phase.key, phase.name) for phase in phases]

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in names(OWN_ITEM_FIELDS)}


class OfferDecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Waarom niet opnemen? (verplicht bij niet opnemen)"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
