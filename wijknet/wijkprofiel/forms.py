from django import forms
from django.utils.translation import gettext_lazy as _

from wijknet.actions.models import Goal

from .indicators import CHOICES


class AreaLinkForm(forms.Form):
    code = forms.CharField(
        label=_("CBS-code van het gebied"),
        max_length=20,
        help_text=_(
            "Gemeente GM + 4 cijfers, wijk WK + 6 cijfers, buurt BU + 8 cijfers. Je vindt de "
            "code bij CBS (Kerncijfers wijken en buurten) of op de wijkpagina van je gemeente."
        ),
        error_messages={"required": _("Vul een CBS-code in, bijvoorbeeld WK036301.")},
    )


class IndicatorChoiceForm(forms.Form):
    indicators = forms.MultipleChoiceField(
        label=_("Indicatoren die voor dit netwerk belangrijk zijn"),
        choices=CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class GoalLinkForm(forms.Form):
    goal = forms.ModelChoiceField(
        label=_("Doel"),
        queryset=Goal.objects.none(),
        error_messages={"required": _("Kies een doel.")},
    )
    indicator = forms.ChoiceField(
        label=_("Indicator"),
        choices=CHOICES,
        error_messages={"required": _("Kies een indicator.")},
    )
    area_code = forms.ChoiceField(
        label=_("Gebied"), choices=(), error_messages={"required": _("Kies een gebied.")}
    )

    def __init__(self, *args, network, areas, chosen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = Goal.objects.filter(network=network).order_by("title")
        if chosen:
            labels = dict(CHOICES)
            self.fields["indicator"].choices = [(k, labels[k]) for k in chosen]
        self.fields["area_code"].choices = [(a.code, a.code) for a in areas]


class AreaImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV-bestand van CBS of de GGD"),
        error_messages={
            "required": _("Kies een CSV-bestand."),
            "empty": _("Het bestand is leeg."),
        },
    )
    year = forms.IntegerField(
        label=_("Jaar van de cijfers"),
        required=False,
        min_value=1990,
        max_value=2100,
        help_text=_("Alleen nodig als het bestand geen kolom Perioden heeft."),
        error_messages={
            "min_value": _("Geef een jaar vanaf 1990."),
            "max_value": _("Geef een jaar tot 2100."),
            "invalid": _("Geef een jaar, bijvoorbeeld 2024."),
        },
    )
