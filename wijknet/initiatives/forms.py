from django import forms
from django.utils.translation import gettext_lazy as _

from wijknet.core.declarations import names
from wijknet.networks.forms import DateInput

from .fields import INITIATIVE_FIELDS, SETTINGS_FIELDS
from .models import Initiative, InitiativeSettings, InitiativeStatus

RESPONSE_CHOICES = [
    (value, label) for value, label in InitiativeStatus.choices if value != InitiativeStatus.NEW
]


class InitiativeForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Initiative
        fields = names(INITIATIVE_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "needs": forms.Textarea(attrs={"rows": 3}),
            "who_joins": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "title": _("Bijvoorbeeld: een wandelgroep voor ouderen in de Spoorbuurt."),
            "needs": _("Mensen, een ruimte, geld, spullen, hulp van een organisatie …"),
            "who_joins": _("Noem geen namen van anderen zonder dat ze dat goed vinden."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            del self.fields["version"]
        else:
            self.fields["version"].initial = self.instance.version

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields if name != "version"}


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Zoeken"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Alle statussen"))] + list(InitiativeStatus.choices),
        required=False,
    )


class SupportForm(forms.Form):
    offers_help = forms.BooleanField(label=_("Ik wil ook helpen"), required=False)
    help_text = forms.CharField(
        label=_("Waarmee wil je helpen?"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"placeholder": _("bijvoorbeeld: koffie zetten, flyeren")}),
    )


class RespondForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=RESPONSE_CHOICES)
    response = forms.CharField(
        label=_("Reactie aan de initiatiefnemer"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Bij ‘niet opgepakt’ is een uitleg verplicht."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class AdoptForm(forms.Form):
    goal_title = forms.CharField(label=_("Doel"), max_length=200)
    measure = forms.CharField(
        label=_("Waaraan zien we dat het gelukt is?"), max_length=300, required=False
    )
    target_date = forms.DateField(label=_("Streefdatum"), required=False, widget=DateInput())
    actions = forms.CharField(
        label=_("Eerste acties (één per regel)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Hoogstens vijf; eigenaar en datum vul je daarna in bij Doelen en acties."),
    )
    response = forms.CharField(
        label=_("Reactie aan de initiatiefnemer"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def action_titles(self) -> list[str]:
        return [line for line in self.cleaned_data.get("actions", "").splitlines() if line.strip()]


class SettingsForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = InitiativeSettings
        fields = names(SETTINGS_FIELDS)

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields if name != "version"}
