"""View mixins shared by every app's pages: the one path from a request to a service.

Apps import these from here, never from another app's `views` module (a test checks that:
wijknet/tests/test_house_views.py). No view module catches `ValidationError` itself:

- `ServiceFormMixin` (before FormView): a valid form goes to `perform(form)`; a ValidationError
  lands on the form, else the success message and the redirect follow.
- `ServiceActionMixin` (a POST without a form, e.g. a button): `perform()`; a ValidationError
  becomes an error message, else the success message; both redirect.
- `ServiceObjectFormMixin`: adding or editing one object through its create/update services.
- `CsvImportMixin`: the upload page of a CSV import (check, problem report, import all or none).

A stale save (`core.locking.ConcurrentEditError`) is a ValidationError without a field: it shows
above the form, with the other person's values, and the editor's input stays.

What cannot be undone (closing a round, ending a membership, deleting) sets `confirm = True`:
the action then only happens when the POST carries CONFIRM_FIELD=1, which only the button on
the view's own confirmation page sends (`name="confirm" value="1"`). Any other POST — a button
elsewhere, a replayed request — does nothing and answers with that confirmation page. No
JavaScript is involved.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext_lazy

from .imports import PROBLEMS_CSV_FIELD, ProblemReport, problems_csv_response, scoped

CONFIRM_FIELD = "confirm"


def confirmed(request) -> bool:
    """Whether this POST came from the button of a confirmation page."""
    return request.POST.get(CONFIRM_FIELD) == "1"


def apply_validation_error(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, on its field where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def show_validation_error(request, error: ValidationError, *, joined: bool = True) -> None:
    """Show a service's ValidationError as an error message (one, or one per error)."""
    if joined:
        messages.error(request, " ".join(error.messages))
    else:
        for message in error.messages:
            messages.error(request, message)


class NetworkViewMixin(LoginRequiredMixin):
    """A page inside one network. The middleware already checked current membership and
    activated the scope; this mixin checks the role's permission for this page.

    `permission` names a permission of `networks.roles`; a member whose role lacks it gets 403
    (they know the network exists, so this reveals nothing).
    """

    permission: str = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if request.membership is None:  # pragma: no cover - the middleware guarantees it
            raise PermissionDenied
        if not self.permission or not request.membership.can(self.permission):
            raise PermissionDenied
        self.network = request.network
        self.membership = request.membership
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["network"] = self.network
        context["membership"] = self.membership
        return context


class _ServiceMixin:
    """What both service mixins share: the success message (`success_message` or
    get_success_message(); none when empty) with get_success_message_tags() (e.g.
    "undo:<uuid>"), and `context_subject`: the name of an attribute the page loaded (e.g.
    "goal", set in get_form) that its template gets under the same name."""

    success_message = ""
    context_subject = ""
    confirm = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.context_subject:
            context[self.context_subject] = getattr(self, self.context_subject)
        return context

    def get_success_message(self) -> str:
        return self.success_message

    def get_success_message_tags(self) -> str:
        return ""

    def show_success(self) -> None:
        message = self.get_success_message()
        if message:
            messages.success(self.request, message, extra_tags=self.get_success_message_tags())


class ServiceFormMixin(_ServiceMixin):
    """A form page whose valid form is handed to a service (put before FormView).

    `perform(form)` calls the service and returns what it made (kept as `self.result`, e.g.
    for get_success_url). A ValidationError from it lands on the form — on the field it names,
    else above the form — and the form is shown again with the user's input. Otherwise
    form_done() shows `success_message` (or get_success_message()) and redirects to
    get_success_url(); override form_done() for another answer (a page, an htmx partial), and
    service_refused() where a refusal is not about the form (e.g. a confirmation page whose
    refusal is a message on the page it came from). Use gettext_lazy for a `success_message`
    class attribute.
    """

    def perform(self, form):
        raise NotImplementedError(f"{type(self).__name__} must define perform(form)")

    def form_valid(self, form):
        if self.confirm and not confirmed(self.request):
            return self.render_to_response(self.get_context_data(form=form))
        try:
            self.result = self.perform(form)
        except ValidationError as error:
            return self.service_refused(form, error)
        return self.form_done()

    def service_refused(self, form, error: ValidationError):
        apply_validation_error(form, error)
        return self.form_invalid(form)

    def form_done(self):
        self.show_success()
        return HttpResponseRedirect(self.get_success_url())


class ServiceObjectFormMixin(ServiceFormMixin):
    """Adding or editing one object through its services (put before FormView).

    `form_class` is a ModelForm with `service_fields()`. Without `get_object()` (returns None)
    the page adds: `create(acting_user=, network=, **fields)`, then `created_message()`. With
    it the page edits the object it returns, kept under `context_subject`:
    `update(acting_user=, <context_subject>=object, expected_version=<the version the editor
    started from>, **fields)`, then `updated_message`. Name the services with
    `staticmethod(services.x)`; an edit page usually subclasses its add page.
    """

    form_class = None
    create = None
    update = None
    updated_message = gettext_lazy("Wijzigingen opgeslagen.")

    def get_object(self):
        return None

    def created_message(self) -> str:
        return ""

    def get_form(self, form_class=None):
        self.object = self.get_object()
        if self.context_subject:
            setattr(self, self.context_subject, self.object)
        return self.form_class(self.request.POST or None, instance=self.object)

    def perform(self, form):
        fields = form.service_fields()
        if self.object is None:
            return self.create(acting_user=self.request.user, network=self.network, **fields)
        return self.update(
            acting_user=self.request.user,
            expected_version=form.cleaned_data.get("version") or 0,
            **{self.context_subject: self.object},
            **fields,
        )

    def get_success_message(self) -> str:
        return self.created_message() if self.object is None else str(self.updated_message)


class ServiceActionMixin(_ServiceMixin):
    """A POST without a form (a button) that calls a service (put before the view class).

    `perform()` calls the service (its return value is kept as `self.result`). A ValidationError
    becomes an error message — one joined message, or one per error with
    `join_error_messages = False` — and the page redirects to get_failure_url() (by default
    get_success_url()). Otherwise the success message is shown and the page redirects to
    get_success_url(). Set `http_method_names = ["post"]` where the view has no GET page; with
    `confirm = True` the GET page is the confirmation page.
    """

    join_error_messages = True

    def perform(self):
        raise NotImplementedError(f"{type(self).__name__} must define perform()")

    def get_success_url(self) -> str:
        raise NotImplementedError(f"{type(self).__name__} must define get_success_url()")

    def get_failure_url(self) -> str:
        return self.get_success_url()

    def post(self, request, *args, **kwargs):
        if self.confirm and not confirmed(request):
            # The confirmation page is the view's GET page (its template_name).
            return self.get(request, *args, **kwargs)
        try:
            self.result = self.perform()
        except ValidationError as error:
            show_validation_error(request, error, joined=self.join_error_messages)
            return HttpResponseRedirect(self.get_failure_url())
        self.show_success()
        return HttpResponseRedirect(self.get_success_url())


class CsvImportMixin:
    """The page of a CSV import (put before View, after NetworkViewMixin).

    GET shows `import_form_class`; POST checks the whole file first. A file that cannot be read
    is an error on the file field; the button named PROBLEMS_CSV_FIELD downloads every problem
    as CSV; problems show as a bounded report; a clean file goes to `perform(parsed)` (all or
    nothing), whose ValidationError shows above the form. Then get_success_message(created) and
    a redirect to get_success_url(). With `preview_field` set, a clean file posted with that
    button is only shown (`preview` in the context: what parse() returned), not imported.

    Define: `import_form_class`, `template_name`, parse(upload), problems(upload),
    problems_filename(), perform(parsed), get_success_message(created), get_success_url(), and
    optionally get_import_context() (extra template context) and load() (runs first, e.g. to
    load the object the import belongs to).
    """

    import_form_class = None
    preview_field = ""  # the name of a "check only, show what would happen" button

    def load(self) -> None:
        pass

    def get_import_context(self) -> dict:
        return {}

    def get(self, request, *args, **kwargs):
        self.load()
        return self.render_import(self.import_form_class())

    def post(self, request, *args, **kwargs):
        self.load()
        form = self.import_form_class(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_import(form)
        upload = form.cleaned_data["file"]
        try:
            if request.POST.get(PROBLEMS_CSV_FIELD):
                return problems_csv_response(
                    scoped(self.problems(upload), self.network), self.problems_filename()
                )
            parsed = self.parse(upload)
        except ValidationError as error:
            form.add_error("file", error)
            return self.render_import(form)
        if not parsed.ok:
            return self.render_import(form, report=parsed.report)
        if self.preview_field and request.POST.get(self.preview_field):
            return self.render_import(form, preview=parsed)
        try:
            created = self.perform(parsed)
        except ValidationError as error:
            form.add_error(None, error)
            return self.render_import(form)
        messages.success(request, self.get_success_message(created))
        return HttpResponseRedirect(self.get_success_url())

    def render_import(self, form, report=None, preview=None):
        context = {
            **(report or ProblemReport()).context(),
            "preview": preview,
            "network": self.network,
            "membership": self.membership,
            "form": form,
            **self.get_import_context(),
        }
        return render(self.request, self.template_name, context)
