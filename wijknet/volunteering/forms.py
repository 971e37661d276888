from django import forms
from django.utils.translation import gettext_lazy as _

from wijknet.core.declarations import names
from wijknet.networks.forms import DateInput

from .fields import PROFILE_FIELDS, REQUEST_FIELDS
from .models import (
    DAY_PARTS,
    FollowUpAnswer,
    HelpKind,
    HelpRequest,
    MatchStatus,
    RequestStatus,
    VolunteerProfile,
)


class _CoordinatesMixin:
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


class VolunteerProfileForm(_CoordinatesMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    kinds = forms.MultipleChoiceField(
        label=_("Wat doe je graag?"),
        choices=HelpKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    availability = forms.MultipleChoiceField(
        label=_("Wanneer kun je?"),
        choices=DAY_PARTS,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "day-parts"}),
        required=False,
    )

    class Meta:
        model = VolunteerProfile
        fields = names(PROFILE_FIELDS)
        widgets = {
            "contact": forms.TextInput(),
            "skills": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, own=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["max_matches"].min_value = 1
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        else:
            del self.fields["version"]
        if own:
            # The member's own profile: their name comes from their account.
            del self.fields["name"]
            self.fields["contact"].help_text = _(
                "Alleen de coördinator ziet dit. Leeg laten mag: je bent bereikbaar via wijknet."
            )

    def service_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class HelpRequestForm(_CoordinatesMixin, forms.ModelForm):
    for_self = forms.BooleanField(label=_("Ik vraag hulp voor mezelf"), required=False)
    day_parts = forms.MultipleChoiceField(
        label=_("Op welke dagdelen?"),
        choices=DAY_PARTS,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "day-parts"}),
        required=False,
    )

    class Meta:
        model = HelpRequest
        fields = ["for_self", *names(REQUEST_FIELDS)]
        widgets = {
            "seeker_name": forms.TextInput(),
            "seeker_contact": forms.TextInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
            "start_on": DateInput(),
        }
        help_texts = {
            "seeker_name": _("Laat leeg als je hulp vraagt voor jezelf."),
            # A proposed volunteer reads the description to decide, before they may see who
            # the help-seeker is.
            "description": _(
                "Zet hier geen naam, adres of telefoonnummer in: die ziet een vrijwilliger pas "
                "als hij of zij heeft ingestemd."
            ),
            "when": _("Bijvoorbeeld: elke dinsdagochtend, of eenmalig volgende week."),
        }

    def __init__(self, *args, coordinates=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seeker_name"].required = False
        if not coordinates:
            del self.fields["latitude"]
            del self.fields["longitude"]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("for_self") and not (cleaned.get("seeker_name") or "").strip():
            self.add_error("seeker_name", _("Vul in wie er hulp nodig heeft."))
        return cleaned

    def service_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "for_self"}


class RequestFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Alle statussen"))] + list(RequestStatus.choices),
        required=False,
    )
    kind = forms.ChoiceField(
        label=_("Soort hulp"),
        choices=[("", _("Alle soorten"))] + list(HelpKind.choices),
        required=False,
    )


class MatchFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Alle statussen"))] + list(MatchStatus.choices),
        required=False,
    )
    signals = forms.BooleanField(label=_("Alleen met een signaal"), required=False)


class MatchStopForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van stoppen"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": _("Geef een reden voor het stoppen.")},
    )


class FollowUpAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Hoe gaat het?"),
        choices=FollowUpAnswer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een antwoord.")},
    )
    remark = forms.CharField(
        label=_("Toelichting"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )


class HoursForm(forms.Form):
    date = forms.DateField(label=_("Datum"), widget=DateInput())
    hours = forms.DecimalField(
        label=_("Uren"), max_digits=5, decimal_places=2, min_value=0.25, max_value=24
    )
    match = forms.ChoiceField(label=_("Voor welke hulpvraag"), required=False)
    kind = forms.ChoiceField(
        label=_("Soort hulp"),
        choices=[("", _("Zoals bij de hulpvraag"))] + list(HelpKind.choices),
        required=False,
    )
    note = forms.CharField(label=_("Notitie"), max_length=200, required=False)

    def __init__(self, *args, matches=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.matches = {str(m.uuid): m for m in matches}
        self.fields["match"].choices = [("", _("Geen bepaalde hulpvraag"))] + [
            (str(m.uuid), f"{m.request.get_kind_display()} ({m.request.place or '—'})")
            for m in matches
        ]

    def clean(self):
        cleaned = super().clean()
        cleaned["match"] = self.matches.get(cleaned.get("match") or "")
        if cleaned["match"] is None and not cleaned.get("kind"):
            self.add_error("kind", _("Kies de soort hulp."))
        return cleaned


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("Van"), widget=DateInput(), required=False)
    end = forms.DateField(label=_("Tot en met"), widget=DateInput(), required=False)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("De einddatum ligt vóór de startdatum."))
        return cleaned


class EraseForm(forms.Form):
    confirm_name = forms.CharField(
        label=_("Typ de naam van de hulpvrager om te bevestigen"), max_length=150
    )
