"""Forms of the resident pages (B1 Dutch: short labels, one thing per field) and of the care
team's page about the resident's access."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from wijknet.casework.models import Purpose
from wijknet.networks.models import Organisation

from .models import LinkKind, LinkScope


class WordsForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    wil = forms.CharField(
        label=_("Ik wil"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat wilt u graag? Wat is belangrijk voor u?"),
    )
    kan = forms.CharField(
        label=_("Ik kan"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat kunt u zelf doen? Wie helpt u al?"),
    )
    heb_nodig = forms.CharField(
        label=_("Ik heb nodig"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Waar hebt u hulp bij nodig?"),
    )


class MessageForm(forms.Form):
    text = forms.CharField(
        label=_("Uw vraag of bericht"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Antwoord"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class MantelzorgerInviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mailadres van uw mantelzorger"))
    scope = forms.ChoiceField(
        label=_("Wat mag uw mantelzorger?"),
        choices=LinkScope.choices,
        widget=forms.RadioSelect,
        initial=LinkScope.READ,
        help_text=_(
            "Meekijken: uw plan en de vragen lezen. Meekijken en meedoen: ook eigen woorden "
            "schrijven, vragen stellen en acties afvinken. Toestemming en het inzageoverzicht "
            "blijven alleen voor u."
        ),
    )


class TeamInviteForm(forms.Form):
    kind = forms.ChoiceField(label=_("Wie nodig je uit?"), choices=LinkKind.choices)
    email = forms.EmailField(label=_("E-mailadres"))
    scope = forms.ChoiceField(
        label=_("Wat mag de mantelzorger?"),
        choices=LinkScope.choices,
        initial=LinkScope.READ,
        required=False,
    )
    consent_note = forms.CharField(
        label=_("Toestemming van de bewoner voor de mantelzorger"),
        max_length=200,
        required=False,
        help_text=_("Alleen bij een mantelzorger: wanneer en hoe gaf de bewoner toestemming?"),
    )


class ProposalForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Doel"), choices=Purpose.choices)
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisaties"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(
        label=_("Waarom (in gewone taal, de bewoner leest dit)"), max_length=300, required=False
    )

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = Organisation.objects.filter(
            network=network
        ).order_by("name", "pk")


class AcceptForm(forms.Form):
    """A new account for a resident or mantelzorger (the e-mail comes from the invitation)."""

    full_name = forms.CharField(label=_("Uw naam"), max_length=150)
    password1 = forms.CharField(
        label=_("Kies een wachtwoord"), widget=forms.PasswordInput, strip=False
    )
    password2 = forms.CharField(
        label=_("Wachtwoord nog een keer"), widget=forms.PasswordInput, strip=False
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("De twee wachtwoorden zijn niet hetzelfde."))
        elif p1:
            user = get_user_model()(email=self.email, full_name=data.get("full_name", ""))
            try:
                validate_password(p1, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=8,
        min_length=6,
        help_text=_("De zes cijfers uit de e-mail (of uit uw app)."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self):
        return self.cleaned_data["code"].replace(" ", "")
