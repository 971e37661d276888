from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijknet.core.declarations import names
from wijknet.networks.forms import DateInput
from wijknet.networks.models import Membership, Organisation

from .fields import CLIENT_FIELDS, PLAN_ACTION_FIELDS
from .models import (
    CareTeamMember,
    Client,
    ConsentMethod,
    Dimension,
    FilledBy,
    GivenBy,
    PlanAction,
    Purpose,
)

AGREEMENT_ROWS = 3


class ClientForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Client
        fields = names(CLIENT_FIELDS)
        widgets = {
            "contact": forms.Textarea(attrs={"rows": 2}),
            "mantelzorger_name": forms.TextInput(),
            "mantelzorger_contact": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "name": _("Geen BSN: naam, geboortejaar en wijk zijn genoeg om samen te werken."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        else:
            del self.fields["version"]

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Doel"), choices=Purpose.choices)
    organisations = forms.ModelMultipleChoiceField(
        label=_("Met welke organisaties"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    given_by = forms.ChoiceField(label=_("Gegeven door"), choices=GivenBy.choices)
    representative_name = forms.CharField(
        label=_("Naam wettelijk vertegenwoordiger"), max_length=150, required=False
    )
    method = forms.ChoiceField(label=_("Hoe"), choices=ConsentMethod.choices)
    given_at = forms.DateField(label=_("Gegeven op"), widget=DateInput())
    valid_until = forms.DateField(
        label=_("Geldig tot (leeg: tot intrekking)"), widget=DateInput(), required=False
    )
    read_aloud = forms.BooleanField(
        label=_("De toestemmingstekst is aan de bewoner voorgelegd"), required=True
    )

    def __init__(self, *args, organisations, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("given_at", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = organisations

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("read_aloud")
        return data


class WithdrawForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("De bewoner (of vertegenwoordiger) trekt deze toestemming in"), required=True
    )


class ConfirmForm(forms.Form):
    """A confirmation step without fields: the POST is the confirmation."""


class TeamAddForm(forms.Form):
    membership = forms.ModelChoiceField(label=_("Professional"), queryset=Membership.objects.none())
    role = forms.CharField(label=_("Rol in het team"), max_length=100)
    resident_agrees = forms.BooleanField(
        label=_("De bewoner wil deze professional in het team"), required=True
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = candidates
        self.fields["membership"].label_from_instance = lambda m: (
            f"{m.user.full_name or m.user.email} — {m.organisation.name if m.organisation else '—'}"
        )


class PlanForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    wil = forms.CharField(
        label=_("Ik wil"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    kan = forms.CharField(
        label=_("Ik kan"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    heb_nodig = forms.CharField(
        label=_("Ik heb nodig"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    evaluation = forms.CharField(
        label=_("Evaluatie"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    evaluate_on = forms.DateField(
        label=_("Evalueren op"),
        required=False,
        widget=DateInput(),
        help_text=_(
            "Na deze datum stelt Mijn werk het zorgteam een nieuwe meting Positieve Gezondheid "
            "voor."
        ),
    )

    def service_fields(self) -> dict:
        return {
            k: self.cleaned_data[k]
            for k in ("wil", "kan", "heb_nodig", "evaluation", "evaluate_on")
        }


class GoalForm(forms.Form):
    dimension = forms.ChoiceField(label=_("Dimensie"), choices=Dimension.choices)
    text = forms.CharField(label=_("Doel"), widget=forms.Textarea(attrs={"rows": 2}))


class ActionForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    responsible = forms.ModelChoiceField(
        label=_("Wie"), queryset=CareTeamMember.objects.none(), required=False
    )

    class Meta:
        model = PlanAction
        fields = names(PLAN_ACTION_FIELDS)
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "starts_on": DateInput(),
            "due_on": DateInput(),
        }

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = team
        self.fields["responsible"].label_from_instance = _member_label
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        else:
            del self.fields["version"]
            del self.fields["status"]

    def service_fields(self) -> dict:
        names = ["text", "responsible", "for_resident", "starts_on", "due_on"]
        if "status" in self.fields:
            names.append("status")
        return {name: self.cleaned_data[name] for name in names}


def _member_label(member: CareTeamMember) -> str:
    user = member.membership.user
    return f"{user.full_name or user.email} ({member.role})"


class MeasurementForm(forms.Form):
    """One score (0–10), remark and "hier wil ik over praten" per dimension."""

    measured_on = forms.DateField(label=_("Datum"), widget=DateInput())
    filled_by = forms.ChoiceField(
        label=_("Ingevuld"), choices=FilledBy.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("measured_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        for value, label in Dimension.choices:
            self.fields[f"{value}_score"] = forms.IntegerField(
                label=_("%(dimension)s: score (0–10)") % {"dimension": label},
                min_value=0,
                max_value=10,
            )
            self.fields[f"{value}_remark"] = forms.CharField(
                label=_("%(dimension)s: toelichting") % {"dimension": label},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )
            self.fields[f"{value}_talk"] = forms.BooleanField(
                label=_("%(dimension)s: hier wil ik over praten") % {"dimension": label},
                required=False,
            )

    def dimension_rows(self):
        return [
            {
                "label": label,
                "score": self[f"{value}_score"],
                "remark": self[f"{value}_remark"],
                "talk": self[f"{value}_talk"],
            }
            for value, label in Dimension.choices
        ]

    def scores(self) -> dict:
        data = self.cleaned_data
        return {
            value: (data[f"{value}_score"], data[f"{value}_remark"], data[f"{value}_talk"])
            for value in Dimension.values
        }


class ConferenceForm(forms.Form):
    held_on = forms.DateField(label=_("Datum van het MDO"), widget=DateInput())
    participants = forms.ModelMultipleChoiceField(
        label=_("Teamleden aanwezig"),
        queryset=CareTeamMember.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    resident_present = forms.BooleanField(label=_("Bewoner aanwezig"), required=False)
    mantelzorger_present = forms.BooleanField(label=_("Mantelzorger aanwezig"), required=False)
    others = forms.CharField(label=_("Andere deelnemers"), required=False)
    notes = forms.CharField(
        label=_("Verslag"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    fed_back_resident = forms.BooleanField(
        label=_("Afspraken teruggekoppeld aan de bewoner"), required=False
    )
    fed_back_mantelzorger = forms.BooleanField(
        label=_("Afspraken teruggekoppeld aan de mantelzorger"), required=False
    )
    feedback_how = forms.CharField(
        label=_("Hoe teruggekoppeld (bijv. huisbezoek, telefoon, brief)"),
        max_length=200,
        required=False,
    )
    feedback_on = forms.DateField(label=_("Teruggekoppeld op"), widget=DateInput(), required=False)

    def __init__(self, *args, team, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("held_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = team
        self.fields["participants"].label_from_instance = _member_label
        for index in range(1, AGREEMENT_ROWS + 1):
            self.fields[f"agreement_{index}_text"] = forms.CharField(
                label=_("Afspraak %(n)s") % {"n": index}, required=False
            )
            self.fields[f"agreement_{index}_who"] = forms.ModelChoiceField(
                label=_("Afspraak %(n)s: wie") % {"n": index}, queryset=team, required=False
            )
            self.fields[f"agreement_{index}_who"].label_from_instance = _member_label
            self.fields[f"agreement_{index}_due"] = forms.DateField(
                label=_("Afspraak %(n)s: uiterlijk") % {"n": index},
                widget=DateInput(),
                required=False,
            )

    def agreement_rows(self):
        return [
            (self[f"agreement_{i}_text"], self[f"agreement_{i}_who"], self[f"agreement_{i}_due"])
            for i in range(1, AGREEMENT_ROWS + 1)
        ]

    def clean(self):
        cleaned = super().clean()
        for index in range(1, AGREEMENT_ROWS + 1):
            text = (cleaned.get(f"agreement_{index}_text") or "").strip()
            if not text and (
                cleaned.get(f"agreement_{index}_who") or cleaned.get(f"agreement_{index}_due")
            ):
                self.add_error(f"agreement_{index}_text", _("Beschrijf de afspraak."))
        return cleaned

    def agreements(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {
                "text": data[f"agreement_{i}_text"],
                "responsible": data[f"agreement_{i}_who"],
                "due_on": data[f"agreement_{i}_due"],
            }
            for i in range(1, AGREEMENT_ROWS + 1)
            if (data.get(f"agreement_{i}_text") or "").strip()
        ]

    def service_fields(self) -> dict:
        names = [
            "held_on",
            "resident_present",
            "mantelzorger_present",
            "others",
            "notes",
            "fed_back_resident",
            "fed_back_mantelzorger",
            "feedback_how",
            "feedback_on",
        ]
        return {name: self.cleaned_data[name] for name in names}


class EraseForm(forms.Form):
    confirm_name = forms.CharField(
        label=_("Typ de naam van de cliënt om te bevestigen"), max_length=150
    )


class RetentionExtendForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom blijven de gegevens langer bewaard?"),
        help_text=_(
            "Bijvoorbeeld: de bewoner wil dat het team beschikbaar blijft. Schrijf geen "
            "medische details op."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )
