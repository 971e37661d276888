from django import forms
from django.utils.translation import gettext_lazy as _

from wijknet.networks.forms import DateInput
from wijknet.networks.models import Partner

from .fields import OFFER_FIELDS
from .models import Offer, OfferKind, ReimbursedBy, TargetGroup


class OfferForm(forms.ModelForm):
    provider = forms.ModelChoiceField(queryset=Partner.objects.none(), label=_("Aanbieder"))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    target_groups = forms.MultipleChoiceField(
        label=_("Doelgroepen"),
        choices=TargetGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Offer
        fields = [name for name, _column in OFFER_FIELDS]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "accessibility": forms.Textarea(attrs={"rows": 2}),
            "active_from": DateInput(),
            "active_to": DateInput(),
        }

    def __init__(self, *args, providers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers
        self.fields["provider"].label_from_instance = lambda partner: partner.organisation.name
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        else:
            del self.fields["version"]

    def clean_latitude(self):
        value = self.cleaned_data.get("latitude")
        if value is not None and not -90 <= value <= 90:
            raise forms.ValidationError(_("Een breedtegraad ligt tussen -90 en 90."))
        return value

    def clean_longitude(self):
        value = self.cleaned_data.get("longitude")
        if value is not None and not -180 <= value <= 180:
            raise forms.ValidationError(_("Een lengtegraad ligt tussen -180 en 180."))
        return value

    def clean(self):
        cleaned = super().clean()
        age_min, age_max = cleaned.get("age_min"), cleaned.get("age_max")
        if age_min is not None and age_max is not None and age_min > age_max:
            self.add_error("age_max", _("De maximale leeftijd ligt onder de minimale leeftijd."))
        start, end = cleaned.get("active_from"), cleaned.get("active_to")
        if start and end and end < start:
            self.add_error("active_to", _("De einddatum ligt vóór de startdatum."))
        one_coordinate = (cleaned.get("latitude") is None) != (cleaned.get("longitude") is None)
        if one_coordinate and "latitude" not in self.errors and "longitude" not in self.errors:
            self.add_error("longitude", _("Vul beide coördinaten in, of geen van beide."))
        return cleaned

    def service_fields(self) -> dict:
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in ("provider", "version")
        }


class OfferFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoeken"), required=False)
    kind = forms.ChoiceField(
        label=_("Soort"),
        choices=[("", _("Alle soorten"))] + list(OfferKind.choices),
        required=False,
    )
    target_group = forms.ChoiceField(
        label=_("Doelgroep"),
        choices=[("", _("Alle doelgroepen"))] + list(TargetGroup.choices),
        required=False,
    )
    age = forms.IntegerField(label=_("Leeftijd"), min_value=0, max_value=130, required=False)
    reimbursed = forms.ChoiceField(
        label=_("Vergoeding"),
        choices=[
            ("", _("Met of zonder vergoeding")),
            ("any", _("Vergoed (gemeente of zorgverzekeraar)")),
            (ReimbursedBy.GEMEENTE, _("Vergoed door de gemeente")),
            (ReimbursedBy.ZORGVERZEKERAAR, _("Vergoed door de zorgverzekeraar")),
            (ReimbursedBy.NONE, _("Niet vergoed")),
        ],
        required=False,
    )
    place = forms.ChoiceField(label=_("Plaats of wijk"), choices=[], required=False)
    inactive = forms.BooleanField(label=_("Ook beëindigd aanbod"), required=False)

    def __init__(self, *args, places=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].choices = [("", _("Alle plaatsen"))] + [(p, p) for p in places]


class OfferEndForm(forms.Form):
    active_to = forms.DateField(
        label=_("Niet meer actief vanaf"), widget=DateInput(), required=False
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV-bestand met het aanbod"),
        error_messages={
            "required": _("Kies een CSV-bestand."),
            "empty": _("Het bestand is leeg."),
        },
    )


class HsdsPublicationForm(forms.Form):
    hsds_published = forms.BooleanField(
        label=_("De sociale kaart openbaar maken als HSDS-API"),
        required=False,
        help_text=_(
            "Alleen het actuele aanbod, zonder contactpersonen, e-mailadressen en "
            "telefoonnummers. Iedereen kan het zonder inloggen opvragen."
        ),
    )


class HsdsImportForm(forms.Form):
    file = forms.FileField(
        label=_("HSDS-bestand (JSON) met de diensten"),
        error_messages={
            "required": _("Kies een JSON-bestand."),
            "empty": _("Het bestand is leeg."),
        },
    )
    default_kind = forms.ChoiceField(
        label=_("Soort voor diensten zonder soort uit wijknet"),
        choices=OfferKind.choices,
        initial=OfferKind.WELZIJN,
        help_text=_(
            "Diensten uit een andere sociale kaart hebben meestal geen soort uit de taxonomie "
            "wijknet; ze krijgen deze soort. Je kunt hem daarna per aanbod aanpassen."
        ),
    )
