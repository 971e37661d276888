"""get_FOO_display() with the per-language label cache (core/choices.py)."""

from django.utils import translation

from wijknet.core.choices import _get_field_display
from wijknet.networks.models import Partner


def test_display_is_cached_per_language_and_keeps_unknown_values():
    from django.db.models import Model

    assert Model._get_FIELD_display is _get_field_display
    partner = Partner(role="kern")
    with translation.override("nl"):
        assert partner.get_role_display() == "Kernpartner"
    with translation.override("en"):
        assert partner.get_role_display() == "Core partner"
    with translation.override("nl"):
        assert partner.get_role_display() == "Kernpartner"
    partner.role = "onbekend"
    assert partner.get_role_display() == "onbekend"


def test_every_loaded_model_uses_the_cache():
    """Django binds get_FOO_display at class creation: install() must rebind those methods."""
    from django.apps import apps

    from wijknet.networks.models import Partner

    assert Partner.__dict__["get_role_display"].func is _get_field_display
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            method = model.__dict__.get(f"get_{field.name}_display")
            if field.choices and method is not None and hasattr(method, "func"):
                assert method.func is _get_field_display, (model, field.name)
