"""ServiceFormMixin: a valid form goes to the service; its ValidationError lands on the form.
ServiceActionMixin: a button's service call; its ValidationError becomes an error message."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.test import RequestFactory
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from wijknet.core.locking import ConcurrentEditError
from wijknet.core.mixins import ServiceActionMixin, ServiceFormMixin, show_validation_error


class NameForm(forms.Form):
    name = forms.CharField()
    note = forms.CharField(required=False)


class SaveNameView(ServiceFormMixin, FormView):
    form_class = NameForm
    template_name = "not-rendered.html"  # a TemplateResponse renders only when asked
    success_message = gettext_lazy("Opgeslagen.")
    success_url = "/klaar/"

    def __init__(self, *, error=None, **kwargs):
        super().__init__(**kwargs)
        self.error = error
        self.calls = []

    def perform(self, form):
        self.calls.append(form.cleaned_data["name"])
        if self.error is not None:
            raise self.error
        return "the thing made"


def post(view, data):
    request = RequestFactory().post("/formulier/", data)
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    view.setup(request)
    return request, view.dispatch(request)


def test_success_shows_the_message_and_redirects():
    view = SaveNameView()
    request, response = post(view, {"name": "Anna"})
    assert view.calls == ["Anna"]
    assert view.result == "the thing made"
    assert response.status_code == 302
    assert response["Location"] == "/klaar/"
    assert [str(m) for m in get_messages(request)] == ["Opgeslagen."]


def test_success_url_may_use_the_result():
    class WithResult(SaveNameView):
        success_message = ""

        def get_success_url(self):
            return f"/{self.result.replace(' ', '-')}/"

    request, response = post(WithResult(), {"name": "Anna"})
    assert response["Location"] == "/the-thing-made/"
    assert list(get_messages(request)) == []  # no message when there is none


def test_invalid_form_does_not_reach_the_service():
    view = SaveNameView()
    _request, response = post(view, {"name": ""})
    assert view.calls == []
    assert response.status_code == 200
    assert "name" in response.context_data["form"].errors


def test_field_error_lands_on_its_field_and_keeps_the_input():
    view = SaveNameView(error=ValidationError({"name": "Die naam bestaat al."}))
    request, response = post(view, {"name": "Anna", "note": "iets"})
    assert view.calls == ["Anna"]
    assert response.status_code == 200
    form = response.context_data["form"]
    assert form.errors == {"name": ["Die naam bestaat al."]}
    assert form["name"].value() == "Anna" and form["note"].value() == "iets"
    assert list(get_messages(request)) == []
    assert not hasattr(view, "result")


def test_unknown_field_and_plain_errors_land_above_the_form():
    view = SaveNameView(error=ValidationError({"version": "Iemand anders was je voor."}))
    _request, response = post(view, {"name": "Anna"})
    assert response.context_data["form"].non_field_errors() == ["Iemand anders was je voor."]

    view = SaveNameView(error=ValidationError("Dit kan nu niet."))
    _request, response = post(view, {"name": "Anna"})
    form = response.context_data["form"]
    assert form.non_field_errors() == ["Dit kan nu niet."]
    assert form["name"].value() == "Anna"


def test_perform_is_required():
    class Forgotten(ServiceFormMixin, FormView):
        form_class = NameForm

    with pytest.raises(NotImplementedError):
        post(Forgotten(), {"name": "Anna"})


def test_a_stale_save_shows_above_the_form_with_the_stored_values():
    view = SaveNameView(error=ConcurrentEditError({"Naam": "Bert"}))
    _request, response = post(view, {"name": "Anna"})
    form = response.context_data["form"]
    assert form.non_field_errors() == [
        "Iemand anders heeft dit intussen gewijzigd. Laad de pagina opnieuw en voer je "
        "wijziging nog eens in.",
        "Zo staat het nu opgeslagen: Naam: Bert",
    ]
    assert form["name"].value() == "Anna"


def test_success_message_tags_are_passed_on():
    class Tagged(SaveNameView):
        def get_success_message_tags(self):
            return "undo:123"

    request, _response = post(Tagged(), {"name": "Anna"})
    assert [(str(m), m.extra_tags) for m in get_messages(request)] == [("Opgeslagen.", "undo:123")]


class CloseView(ServiceActionMixin, View):
    http_method_names = ["post"]
    success_message = gettext_lazy("Gesloten.")

    def __init__(self, *, error=None, **kwargs):
        super().__init__(**kwargs)
        self.error = error

    def perform(self):
        if self.error is not None:
            raise self.error
        return "closed"

    def get_success_url(self):
        return "/klaar/"

    def get_failure_url(self):
        return "/opnieuw/"


def test_action_success_shows_the_message_and_redirects():
    view = CloseView()
    request, response = post(view, {})
    assert view.result == "closed"
    assert (response.status_code, response["Location"]) == (302, "/klaar/")
    assert [str(m) for m in get_messages(request)] == ["Gesloten."]


def test_action_error_becomes_one_error_message_and_goes_to_the_failure_url():
    view = CloseView(error=ValidationError(["Al gesloten.", "Echt."]))
    request, response = post(view, {})
    assert (response.status_code, response["Location"]) == (302, "/opnieuw/")
    assert [(str(m), m.level_tag) for m in get_messages(request)] == [
        ("Al gesloten. Echt.", "error")
    ]


def test_action_error_may_show_one_message_per_error():
    view = CloseView(error=ValidationError(["Al gesloten.", "Echt."]))
    view.join_error_messages = False
    request, _response = post(view, {})
    assert [str(m) for m in get_messages(request)] == ["Al gesloten.", "Echt."]


def test_service_refused_may_answer_otherwise_than_on_the_form():
    class RefusedElsewhere(SaveNameView):
        def service_refused(self, form, error):
            show_validation_error(self.request, error)
            return HttpResponseRedirect("/terug/")

    view = RefusedElsewhere(error=ValidationError("Kan niet."))
    request, response = post(view, {"name": "Anna"})
    assert (response.status_code, response["Location"]) == (302, "/terug/")
    assert [(str(m), m.level_tag) for m in get_messages(request)] == [("Kan niet.", "error")]


def test_context_subject_puts_the_loaded_object_into_the_context():
    class WithSubject(SaveNameView):
        context_subject = "thing"

        def get_form(self, form_class=None):
            self.thing = "het ding"
            return super().get_form(form_class)

    _request, response = post(WithSubject(), {"name": ""})
    assert response.context_data["thing"] == "het ding"
    _request, response = post(SaveNameView(), {"name": ""})
    assert "thing" not in response.context_data
