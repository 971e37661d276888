from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from wijknet.core.declarations import names
from wijknet.networks.forms import DateInput
from wijknet.networks.models import Partner

from .fields import FUNDING_FIELDS
from .models import EndorsementLevel, FundingSource
from .services import Terms


class AgreementForm(forms.Form):
    purpose = forms.CharField(
        label=_("Doel van de samenwerking"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    out_of_scope = forms.CharField(
        label=_("Wat valt buiten de samenwerking"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Communiceer ook helder wat buiten de samenwerking valt (RIVM)."),
    )
    notes = forms.CharField(
        label=_("Wat is er veranderd in deze versie?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    based_on = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class TermsForm(forms.Form):
    """One partner's row. The partner is fixed by the row's position; the hidden uuid checks
    that the list of partners did not change between opening and saving the form."""

    partner_uuid = forms.CharField(widget=forms.HiddenInput, required=False)
    roles = forms.CharField(
        label=_("Rol(len)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    tasks = forms.CharField(
        label=_("Taken"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    hours = forms.IntegerField(
        label=_("Uren per maand"), required=False, min_value=0, max_value=744
    )
    money = forms.DecimalField(
        label=_("Geld per jaar (€)"), required=False, min_value=0, max_digits=10, decimal_places=2
    )

    def __init__(self, *args, partner: Partner, **kwargs):
        super().__init__(*args, **kwargs)
        self.partner = partner
        name = partner.organisation.name
        for field_name, field in self.fields.items():
            if field_name != "partner_uuid":
                field.widget.attrs["aria-label"] = f"{field.label}: {name}"

    def clean_partner_uuid(self):
        value = self.cleaned_data["partner_uuid"]
        if value != str(self.partner.uuid):
            raise forms.ValidationError(
                _("De lijst met partners is intussen gewijzigd. Laad de pagina opnieuw.")
            )
        return value

    def is_empty(self) -> bool:
        data = self.cleaned_data
        return not (
            (data.get("roles") or "").strip()
            or (data.get("tasks") or "").strip()
            or data.get("hours")
            or data.get("money")
        )

    def terms(self) -> Terms:
        data = self.cleaned_data
        return Terms(
            partner=self.partner,
            roles=data.get("roles") or "",
            tasks=data.get("tasks") or "",
            hours=data.get("hours") or 0,
            money=data.get("money") or 0,
        )


class BaseTermsFormSet(forms.BaseFormSet):
    def __init__(self, *args, partners, **kwargs):
        self.partners = list(partners)
        super().__init__(*args, **kwargs)

    def total_form_count(self):
        # Exactly one row per active partner, whatever the browser sends.
        return len(self.partners)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        kwargs["partner"] = self.partners[index]
        return kwargs

    def terms(self) -> list[Terms]:
        """The filled-in rows; a row left completely empty leaves the partner out."""
        return [form.terms() for form in self.forms if not form.is_empty()]


TermsFormSet = forms.formset_factory(TermsForm, formset=BaseTermsFormSet, extra=0)


def terms_initial(partners, previous) -> list[dict]:
    """One row per partner, prefilled from the previous version's terms where it had any."""
    by_partner = {t.partner_id: t for t in previous.terms.all()} if previous else {}
    rows = []
    for partner in partners:
        terms = by_partner.get(partner.pk)
        row = {"partner_uuid": str(partner.uuid)}
        if terms is not None:
            row.update(
                roles=terms.roles,
                tasks=terms.tasks,
                hours=terms.hours_per_month or None,
                money=terms.money or None,
            )
        rows.append(row)
    return rows


class EndorsementForm(forms.Form):
    partner = forms.ModelChoiceField(queryset=Partner.objects.none(), label=_("Partner"))
    level = forms.ChoiceField(label=_("Niveau"), choices=EndorsementLevel.choices)
    name = forms.CharField(label=_("Naam"), max_length=150)
    endorsed_on = forms.DateField(label=_("Datum"), widget=DateInput())

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners


class FundingForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = FundingSource
        fields = names(FUNDING_FIELDS)
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount"].validators.append(MinValueValidator(0))
        if self.instance.pk is None:
            del self.fields["version"]
        else:
            self.fields["version"].initial = self.instance.version

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
