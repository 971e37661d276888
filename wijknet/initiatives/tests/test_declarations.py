"""The forms and services of initiatives and the public page name exactly the declared fields
(`fields.py`, core/declarations.py)."""

import pytest

from wijknet.core.declarations import names
from wijknet.initiatives import fields, services
from wijknet.initiatives.forms import InitiativeForm, SettingsForm
from wijknet.public import fields as public_fields
from wijknet.public import services as public_services
from wijknet.public.forms import PublicPageForm


@pytest.mark.parametrize(
    ("form", "declaration", "service_names"),
    [
        (InitiativeForm, fields.INITIATIVE_FIELDS, services.INITIATIVE_FIELDS),
        (SettingsForm, fields.SETTINGS_FIELDS, services.SETTINGS_FIELDS),
        (PublicPageForm, public_fields.PUBLIC_PAGE_FIELDS, public_services.PUBLIC_PAGE_FIELDS),
    ],
)
def test_form_and_service_follow_the_declaration(form, declaration, service_names):
    assert list(form.Meta.fields) == names(declaration) == list(service_names)
    assert set(form.base_fields) - {"version"} == set(names(declaration))
