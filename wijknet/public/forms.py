from django import forms

from wijknet.core.declarations import names

from .fields import PUBLIC_PAGE_FIELDS
from .models import PublicPage


class PublicPageForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = PublicPage
        fields = names(PUBLIC_PAGE_FIELDS)
        widgets = {
            "intro": forms.Textarea(attrs={"rows": 4}),
            "help_text": forms.Textarea(attrs={"rows": 3}),
        }

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields if name != "version"}
