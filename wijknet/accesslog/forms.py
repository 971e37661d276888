from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Action

MAX_REVIEW_DAYS = 92


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class LogSearchForm(forms.Form):
    user = forms.CharField(
        label=_("Gebruiker of organisatie"),
        required=False,
        max_length=100,
        help_text=_("Naam, e-mailadres of organisatie (een deel is genoeg)."),
    )
    client = forms.UUIDField(
        label=_("Cliëntnummer"),
        required=False,
        help_text=_("Het nummer (UUID) van de cliënt; zoeken op een cliënt wordt zelf gelogd."),
    )
    action = forms.ChoiceField(
        label=_("Handeling"), required=False, choices=[("", _("alle"))] + Action.choices
    )
    date_from = forms.DateField(label=_("Vanaf"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Tot en met"), required=False, widget=DateInput())

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("De einddatum ligt vóór de begindatum."))
        return data


class ReviewPeriodForm(forms.Form):
    date_from = forms.DateField(label=_("Vanaf"), widget=DateInput())
    date_to = forms.DateField(label=_("Tot en met"), widget=DateInput())

    @staticmethod
    def default_period():
        yesterday = timezone.localdate() - timedelta(days=1)
        return yesterday - timedelta(days=6), yesterday

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end:
            if end < start:
                self.add_error("date_to", _("De einddatum ligt vóór de begindatum."))
            elif (end - start).days >= MAX_REVIEW_DAYS:
                self.add_error(
                    "date_to",
                    _("Kies een periode van hoogstens %(days)d dagen.") % {"days": MAX_REVIEW_DAYS},
                )
        return data
