"""core/forms_renderer.py writes <select> in Python: the same HTML as Django's templates."""

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils import translation

from wijknet.core.forms_renderer import FormRenderer
from wijknet.networks.forms import PartnerFilterForm


class Everything(forms.Form):
    plain = forms.ChoiceField(choices=[("", "—"), ("a", "A & <b>"), (3, "Drie")])
    grouped = forms.ChoiceField(
        choices=[('Groep "1"', [("x", "X"), ("y", "Y")]), ("z", "Z")], required=False
    )
    many = forms.MultipleChoiceField(choices=[("p", "P"), ("q", "Q")], required=False)
    disabled = forms.ChoiceField(choices=[("k", "K")], disabled=True)
    radio = forms.ChoiceField(choices=[("r", "R")], widget=forms.RadioSelect)


def both(form_class, data):
    fast = form_class(data, renderer=FormRenderer()).as_div()
    django = form_class(data, renderer=DjangoTemplates()).as_div()
    return fast, django


def test_select_html_is_the_same_as_djangos():
    data = {"plain": "a", "grouped": "y", "many": ["p", "q"], "radio": "r"}
    fast, django = both(Everything, data)
    assert "<optgroup" in fast and "selected" in fast and "multiple" in fast
    assert fast == django
    fast, django = both(Everything, {"plain": "not-a-choice"})
    assert fast == django


def test_a_real_filter_form_is_the_same_in_both_languages():
    for language in ("nl", "en"):
        with translation.override(language):
            fast, django = both(PartnerFilterForm, {"sector": "welzijn", "ended": "on"})
            assert fast == django


def test_the_project_uses_it(settings):
    assert settings.FORM_RENDERER == "wijknet.core.forms_renderer.FormRenderer"
