from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from wijknet.core.declarations import names

from .fields import NETWORK_FIELDS, PARTNER_FIELDS
from .models import (
    Contribution,
    Network,
    Organisation,
    Partner,
    PartnerRole,
    Sector,
)
from .roles import Role


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class NetworkForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Network
        fields = names(NETWORK_FIELDS)
        widgets = {
            "ambition": forms.Textarea(attrs={"rows": 3}),
            "vision": forms.Textarea(attrs={"rows": 3}),
            "other_projects": forms.Textarea(attrs={"rows": 3}),
            "start_date": DateInput(),
        }

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            # The slug is part of every URL and bookmark; it does not change after creation.
            del self.fields["slug"]
            self.fields["version"].initial = self.instance.version
        else:
            del self.fields["version"]
            del self.fields["status"]


class PartnerForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label=_("Bestaande organisatie"),
        empty_label=_("— nieuwe organisatie —"),
    )
    organisation_name = forms.CharField(
        label=_("Naam nieuwe organisatie"), max_length=150, required=False
    )
    sector = forms.ChoiceField(
        label=_("Sector"), choices=[("", "—")] + list(Sector.choices), required=False
    )
    contributions = forms.MultipleChoiceField(
        label=_("Wat brengt deze partner in?"),
        choices=Contribution.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    field_order = ["organisation", "organisation_name", "sector", "role", "contributions"]

    class Meta:
        model = Partner
        fields = names(PARTNER_FIELDS)
        widgets = {"interests": forms.Textarea(attrs={"rows": 3}), "joined_on": DateInput()}

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.editing = self.instance.pk is not None
        if self.editing:
            del self.fields["organisation"]
            del self.fields["organisation_name"]
            self.fields["sector"].initial = self.instance.organisation.sector
            self.fields["sector"].required = True
            self.fields["version"].initial = self.instance.version
        else:
            del self.fields["version"]
            self.fields["organisation"].queryset = organisations
            if not organisations.exists():
                del self.fields["organisation"]

    def clean(self):
        data = super().clean()
        if not self.editing and not data.get("organisation"):
            if not data.get("organisation_name"):
                self.add_error("organisation_name", _("Vul de naam van de organisatie in."))
            if not data.get("sector"):
                self.add_error("sector", _("Kies de sector van de organisatie."))
        return data

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class PartnerEndForm(forms.Form):
    left_on = forms.DateField(label=_("Gestopt op"), widget=DateInput())
    reason = forms.CharField(label=_("Reden (optioneel)"), max_length=300, required=False)


class PartnerFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoeken"), required=False)
    sector = forms.ChoiceField(
        label=_("Sector"),
        choices=[("", _("Alle sectoren"))] + list(Sector.choices),
        required=False,
    )
    role = forms.ChoiceField(
        label=_("Rol"),
        choices=[("", _("Alle rollen"))] + list(PartnerRole.choices),
        required=False,
    )
    contribution = forms.ChoiceField(
        label=_("Bijdrage"),
        choices=[("", _("Alle bijdragen"))] + list(Contribution.choices),
        required=False,
    )
    ended = forms.BooleanField(label=_("Ook gestopte partners"), required=False)


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mailadres"))
    role = forms.ChoiceField(label=_("Rol"), choices=Role.choices, initial=Role.PARTNER)
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), required=False, label=_("Organisatie (optioneel)")
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rol"), choices=Role.choices)


class SignupForm(forms.Form):
    """A new account made while accepting an invitation (the e-mail comes from the invitation)."""

    full_name = forms.CharField(label=_("Je naam"), max_length=150)
    password1 = forms.CharField(label=_("Wachtwoord"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(
        label=_("Wachtwoord (nogmaals)"), widget=forms.PasswordInput, strip=False
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("De wachtwoorden zijn niet gelijk."))
        elif p1:
            user = get_user_model()(email=self.email, full_name=data.get("full_name", ""))
            try:
                validate_password(p1, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data
