"""Select lists start with a Dutch empty choice, not Django's English "- Select an option -"."""

from django import forms
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models.utils import get_blank_choice_label
from django.utils import translation


def test_the_empty_choice_is_dutch():
    assert str(get_blank_choice_label()) == "— kies —"


def test_optional_model_choice_fields_use_it():
    field = models.CharField(max_length=5, choices=[("a", "Aa")], blank=True).formfield()
    plain = forms.ModelChoiceField(queryset=get_user_model().objects.none(), required=False)
    with translation.override("nl"):
        html = field.widget.render("kind", "") + plain.widget.render("other", "")
    assert "Select an option" not in html
    assert "— kies —" in html
