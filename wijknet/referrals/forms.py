from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijknet.networks.forms import DateInput
from wijknet.networks.models import Partner
from wijknet.offers.models import Offer

from . import services
from .models import EndReason, Status


class ReferralForm(forms.Form):
    q = forms.CharField(widget=forms.HiddenInput, required=False)
    offer = forms.ModelChoiceField(
        queryset=Offer.objects.none(),
        label=_("Aanbod uit de sociale kaart"),
        required=False,
        empty_label=_("Geen aanbod: verwijs direct naar een partner"),
        help_text=_("Bij een aanbod gaat de verwijzing naar de aanbieder."),
    )
    receiving_partner = forms.ModelChoiceField(
        queryset=Partner.objects.none(),
        label=_("Of direct naar een partner"),
        required=False,
        empty_label=_("Kies een partner"),
        help_text=_("Bijvoorbeeld de buurtsportcoach of beweegcoach, zonder een vast aanbod."),
    )
    resident_name = forms.CharField(
        label=_("Naam of roepnaam van de bewoner"),
        max_length=100,
        help_text=_("Alleen wat de ontvanger nodig heeft; een roepnaam of pseudoniem mag."),
    )
    resident_contact = forms.CharField(
        label=_("Contactgegevens"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Telefoonnummer of e-mailadres waarop de ontvanger de bewoner bereikt."),
    )
    resident_birth_year = forms.IntegerField(label=_("Geboortejaar"))
    reason = forms.CharField(
        label=_("Reden van verwijzing"), widget=forms.Textarea(attrs={"rows": 3})
    )
    goals = forms.CharField(
        label=_("Doelen van de bewoner"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    consent_given = forms.BooleanField(
        label=_(
            "De bewoner geeft toestemming om deze gegevens te delen met de ontvangende partner."
        ),
        required=False,
    )

    def __init__(self, *args, offers, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = offers
        self.fields["offer"].label_from_instance = lambda offer: (
            f"{offer.title} — {offer.provider.organisation.name}"
            + (f" ({offer.place})" if offer.place else "")
        )
        self.fields["receiving_partner"].queryset = partners
        self.fields["receiving_partner"].label_from_instance = lambda p: p.organisation.name

    def clean_resident_birth_year(self):
        year = self.cleaned_data["resident_birth_year"]
        last = timezone.localdate().year
        if not services.OLDEST_BIRTH_YEAR <= year <= last:
            raise forms.ValidationError(
                _("Vul een geboortejaar in tussen %(first)s en %(last)s.")
                % {"first": services.OLDEST_BIRTH_YEAR, "last": last}
            )
        return year

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            name: data[name]
            for name in (
                "offer",
                "receiving_partner",
                "resident_name",
                "resident_contact",
                "resident_birth_year",
                "consent_given",
                "reason",
                "goals",
            )
        }


class OfferSearchForm(forms.Form):
    q = forms.CharField(label=_("Zoek in de sociale kaart"), required=False)


class ReferralFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoeken"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Alle statussen")), ("open", _("Nog lopend"))] + list(Status.choices),
        required=False,
    )


class StatusForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Nieuwe status"), choices=[])
    at = forms.DateField(label=_("Datum"), widget=DateInput(), required=False)
    end_reason = forms.ChoiceField(
        label=_("Reden (bij gestopt of niet gestart)"),
        choices=[("", "—")] + list(EndReason.choices),
        required=False,
    )
    note = forms.CharField(
        label=_("Toelichting voor de verwijzer"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, referral, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Status.choices)
        self.fields["status"].choices = [(s, labels[s]) for s in services.next_statuses(referral)]
        self.fields["version"].initial = referral.version
        self.fields["at"].initial = timezone.localdate()

    def clean_at(self):
        day = self.cleaned_data.get("at")
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("De datum ligt in de toekomst."))
        return day


class PeriodForm(forms.Form):
    van = forms.DateField(label=_("Verwezen vanaf"), widget=DateInput(), required=False)
    tot = forms.DateField(label=_("tot en met"), widget=DateInput(), required=False)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("van"), cleaned.get("tot")
        if start and end and end < start:
            self.add_error("tot", _("De einddatum ligt vóór de startdatum."))
        return cleaned


class EraseForm(forms.Form):
    confirm_name = forms.CharField(
        label=_("Typ de naam van de bewoner om te bevestigen"), max_length=100
    )
