from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijknet.networks.forms import DateInput
from wijknet.networks.models import Organisation
from wijknet.networks.roles import Role

from .models import Instrument

DONT_KNOW = "0"
SCALE = [
    ("1", _("1 helemaal oneens")),
    ("2", _("2 oneens")),
    ("3", _("3 neutraal")),
    ("4", _("4 eens")),
    ("5", _("5 helemaal eens")),
    (DONT_KNOW, _("weet niet / n.v.t.")),
]


class RoundForm(forms.Form):
    label = forms.CharField(
        label=_("Naam van de ronde"),
        max_length=60,
        initial="T0",
        help_text=_("Bijvoorbeeld T0 (start), T1 (na een jaar), T2."),
    )
    instruments = forms.ModelMultipleChoiceField(
        label=_("Scans"),
        queryset=Instrument.objects.order_by("order", "name"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één scan.")},
    )
    opens_on = forms.DateField(label=_("Open vanaf"), widget=DateInput())
    closes_on = forms.DateField(label=_("Sluit na"), widget=DateInput())
    roles = forms.MultipleChoiceField(
        label=_("Nodig leden uit met de rol"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Of nodig de leden van deze organisaties uit"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    extra_emails = forms.CharField(
        label=_("Extra e-mailadressen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Voor medewerkers zonder account: één adres per regel."),
    )
    own_items = forms.CharField(
        label=_("Eigen stellingen (optioneel)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Eén stelling per regel; ook te beantwoorden van 1 tot 5."),
    )
    weak_threshold = forms.DecimalField(
        label=_("Drempel voor advies"),
        min_value=1,
        max_value=5,
        decimal_places=1,
        initial=3.0,
        help_text=_("Indicatoren met een gemiddelde hieronder krijgen advies."),
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = organisations
        today = timezone.localdate()
        self.fields["opens_on"].initial = today
        self.fields["closes_on"].initial = today + timezone.timedelta(days=21)

    def clean_extra_emails(self):
        emails = [
            line.strip() for line in self.cleaned_data["extra_emails"].splitlines() if line.strip()
        ]
        field = forms.EmailField()
        bad = []
        for email in emails:
            try:
                field.clean(email)
            except forms.ValidationError:
                bad.append(email)
        if bad:
            raise forms.ValidationError(
                _("Geen geldig e-mailadres: %(emails)s") % {"emails": ", ".join(bad)}
            )
        return emails

    def clean_own_items(self):
        return [
            line.strip() for line in self.cleaned_data["own_items"].splitlines() if line.strip()
        ]


class AnswerForm(forms.Form):
    """One radio group per item; nothing is required until the respondent submits."""

    def __init__(self, *args, items, existing=None, **kwargs):
        super().__init__(*args, **kwargs)
        existing = existing or {}
        self.items = items
        for item in items:
            initial = existing.get(item.pk, "")
            self.fields[f"item_{item.pk}"] = forms.ChoiceField(
                label=item.text,
                choices=SCALE,
                required=False,
                widget=forms.RadioSelect,
                initial=DONT_KNOW if initial is None else str(initial) if initial else "",
            )

    def answers(self) -> dict[int, int | None]:
        result = {}
        for item in self.items:
            value = self.cleaned_data.get(f"item_{item.pk}")
            if value:
                result[item.pk] = None if value == DONT_KNOW else int(value)
        return result

    def rows(self):
        """(item, bound field) pairs, for grouping by instrument and indicator in the template."""
        return [(item, self[f"item_{item.pk}"]) for item in self.items]


class PlannedRoundForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    due_on = forms.DateField(label=_("Gepland op"), widget=DateInput())
