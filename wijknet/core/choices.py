"""Faster `get_FOO_display()`: the translated labels of a field's choices, cached per language.

Django's `Model._get_FIELD_display` builds a dict of *all* choices on every call, translating
every lazy label to hash it; a table of 25 rows with four choice columns translates thousands of
strings per request (seen as the largest single cost of the list pages when profiled). This
caches the {value: label} dict per field and active language. Fields with callable choices
(evaluated at run time) keep Django's behaviour.
"""

from functools import partialmethod

from django.apps import apps
from django.db.models import Model
from django.utils.choices import CallableChoiceIterator
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import get_language

_django_get_field_display = Model._get_FIELD_display
_labels: dict = {}


def _get_field_display(self, field):
    if isinstance(field.choices, CallableChoiceIterator):
        return _django_get_field_display(self, field)
    key = (field, get_language())
    labels = _labels.get(key)
    if labels is None:
        labels = _labels[key] = {
            make_hashable(value): force_str(label, strings_only=True)
            for value, label in field.flatchoices
        }
    value = getattr(self, field.attname)
    return force_str(labels.get(make_hashable(value), value), strings_only=True)


def install() -> None:
    """Use the cache for every model's `get_FOO_display`.

    Django binds `partialmethod(cls._get_FIELD_display, field=...)` when a model class is built,
    so replacing `Model._get_FIELD_display` alone reaches no model that exists already: every
    loaded model's method is rebound here (a model's own `get_FOO_display` is left alone).
    """
    Model._get_FIELD_display = _get_field_display
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            if not getattr(field, "choices", None) or not hasattr(field, "attname"):
                continue
            name = f"get_{field.name}_display"
            current = model.__dict__.get(name)
            if isinstance(current, partialmethod) and current.func is _django_get_field_display:
                setattr(model, name, partialmethod(_get_field_display, field=field))
