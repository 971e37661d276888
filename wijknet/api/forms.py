from django import forms
from django.utils.translation import gettext_lazy as _

from wijknet.accounts.middleware import idle_seconds, max_seconds

from .models import TokenScope
from .services import MAX_VALID_DAYS


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Naam"),
        max_length=100,
        help_text=_("Waarvoor gebruik je de sleutel? Bijvoorbeeld: dashboard gemeente."),
    )
    network = forms.ChoiceField(label=_("Netwerk"))
    scope = forms.ChoiceField(label=_("Rechten"), choices=TokenScope.choices)
    valid_days = forms.IntegerField(
        label=_("Geldig (dagen)"), min_value=1, max_value=MAX_VALID_DAYS, initial=90
    )

    client_data = forms.BooleanField(
        label=_("Ook cliëntgegevens (verwijzingen, FHIR-export van cliënten)"),
        required=False,
    )

    def __init__(self, *args, memberships, verified=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not verified:
            del self.fields["client_data"]
        else:
            self.fields["client_data"].help_text = _(
                "Zo'n sleutel verloopt net als je sessie met tweede factor: na %(hours)d uur, "
                "of na %(idle)d minuten zonder gebruik."
            ) % {"hours": max_seconds() // 3600, "idle": idle_seconds() // 60}
        self.networks = {m.network.slug: m.network for m in memberships}
        self.fields["network"].choices = [(m.network.slug, m.network.name) for m in memberships]

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "network": self.networks[data["network"]],
            "name": data["name"],
            "scope": data["scope"],
            "valid_days": data["valid_days"],
            "client_data": data.get("client_data", False),
        }
