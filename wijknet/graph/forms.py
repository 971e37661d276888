from django import forms
from django.utils.translation import gettext_lazy as _


class DesiredRelationForm(forms.Form):
    """Two partners of this network; the choices come from one query, and so do the partners."""

    partner_a = forms.TypedChoiceField(label=_("Partner"), coerce=int)
    partner_b = forms.TypedChoiceField(label=_("en partner"), coerce=int)
    note = forms.CharField(label=_("Waarom (optioneel)"), max_length=200, required=False)

    def __init__(self, *args, partners=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.partners = {p.pk: p for p in partners}
        choices = [("", "—")] + [(p.pk, p.organisation.name) for p in self.partners.values()]
        self.fields["partner_a"].choices = choices
        self.fields["partner_b"].choices = choices

    def clean(self):
        data = super().clean()
        for name in ("partner_a", "partner_b"):
            if name in data:
                data[name] = self.partners[data[name]]
        return data
