from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AckStatus
from .rules import DEFAULTS

LABELS = {
    "fading_absent_last": _("Afhaken: afwezig bij de laatste zoveel bijeenkomsten"),
    "fading_min_records": _("Afhaken: minimaal aantal bijgehouden bijeenkomsten"),
    "inactive_after_meetings": _(
        "Gemeente, zorgverzekeraar of huisarts inactief na zoveel gemiste bijeenkomsten"
    ),
    "dominance_share": _("Dezelfde voorzitter of actiehouder: aandeel (0–1)"),
    "dominance_min": _("Dezelfde voorzitter of actiehouder: minimaal aantal"),
    "reflection_min_share": _("Reflectie: minimaal aandeel van de recente bijeenkomsten (0–1)"),
    "reflection_grace_days": _(
        "Reflectie bij één of twee bijeenkomsten: signaal na zoveel dagen zonder reflectie"
    ),
    "funding_renewals": _("Financiering per jaar verlengd: signaal na zoveel periodes op rij"),
    "funding_short_days": _("Financiering per jaar verlengd: een periode duurt hooguit (dagen)"),
    "funding_gap_days": _("Financiering per jaar verlengd: hooguit zoveel dagen ertussen"),
    "decision_grace_days": _("Besluiten communiceren binnen (dagen)"),
    "success_days": _("Succes delen minstens eens per (dagen)"),
    "funding_horizon_days": _("Tijdelijke financiering: vooruitkijken (dagen)"),
    "evaluation_days": _("Evaluatie of scan minstens eens per (dagen)"),
    "composition_min_changes": _("Wisselende samenstelling: minimaal aantal wijzigingen per jaar"),
    "composition_share": _("Wisselende samenstelling: aandeel van de partners (0–1)"),
    "composition_startup_days": _("Wisselende samenstelling: opstartperiode (dagen)"),
    "agenda_max_items": _("Volle agenda: meer dan zoveel agendapunten"),
    "agenda_full_share": _("Volle agenda: aandeel van de recente bijeenkomsten (0–1)"),
    "no_meeting_days": _("Bijeenkomst minstens eens per (dagen)"),
    "commitment_gap_share": _("Commitment alleen uitvoerend: aandeel van de partners (0–1)"),
    "review_days": _("Actieplan herzien minstens eens per (dagen)"),
    "hub_share": _("Via de kartrekker: aandeel van de verbindingen (0–1)"),
    "group_min_changes": _("Wisselende werkgroep: minimaal aantal wisselingen per jaar"),
    "group_churn_share": _("Wisselende werkgroep: aandeel van de mensen (0–1)"),
    "roles_days": _("Rollen en verwachtingen bespreken minstens eens per (dagen)"),
    "roles_grace_days": _("Rollen en verwachtingen: pas signaleren na (dagen sinds de start)"),
    "ideas_min_for_pickup": _("Ideeën van inwoners nooit opgepakt: vanaf (aantal ideeën)"),
}


class AcknowledgeForm(forms.Form):
    code = forms.CharField(widget=forms.HiddenInput, max_length=60)
    fingerprint = forms.CharField(widget=forms.HiddenInput, max_length=64)
    status = forms.ChoiceField(
        label=_("Markeren als"), choices=AckStatus.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reden"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Verplicht bij 'niet van toepassing'."),
    )

    def clean(self):
        data = super().clean()
        if data.get("status") == AckStatus.NOT_APPLICABLE and not data.get("reason", "").strip():
            self.add_error("reason", _("Geef een reden waarom dit signaal niet van toepassing is."))
        return data


class ThresholdsForm(forms.Form):
    """One number field per threshold, starting from the network's current values."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, current: dict, version: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = version
        for key, default in DEFAULTS.items():
            field_class = forms.FloatField if isinstance(default, float) else forms.IntegerField
            extra = {"max_value": 1} if isinstance(default, float) else {}
            self.fields[key] = field_class(
                label=LABELS.get(key, key),
                min_value=0,
                initial=current[key],
                help_text=_("Standaard: %(default)s") % {"default": default},
                **extra,
            )
