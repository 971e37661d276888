from django import forms
from django.utils.translation import gettext_lazy as _

from wijknet.networks.forms import DateInput

from . import content


class PeriodForm(forms.Form):
    """The period of the evaluation page (GET): from and to, both optional."""

    van = forms.DateField(label=_("Van"), required=False, widget=DateInput())
    tot = forms.DateField(label=_("Tot en met"), required=False, widget=DateInput())


class ReflectionForm(forms.Form):
    """One text field per question of content/evaluation.yaml (named by its key)."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for question in content.questions():
            self.fields[question.key] = forms.CharField(
                label=question.text,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("Bron: %(source)s") % {"source": question.source},
            )

    def service_fields(self) -> dict:
        return {"answers": {key: self.cleaned_data.get(key, "") for key in content.question_keys()}}
