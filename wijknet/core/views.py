"""View mixins shared by all network pages."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect, JsonResponse
from django.views.decorators.cache import never_cache

from . import health


def apply_validation_error(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, on its field where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


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


class ServiceFormMixin:
    """A form page whose valid form is handed to a service (put before FormView).

    `perform(form)` calls the service and returns what it made (kept as `self.result`, e.g.
    for get_success_url). A ValidationError from it lands on the form — on the field it names,
    else above the form — and the form is shown again with the user's input. Otherwise
    `success_message` (or get_success_message()) is shown and the page redirects to
    get_success_url(). Use gettext_lazy for a `success_message` class attribute.
    """

    success_message = ""

    def perform(self, form):
        raise NotImplementedError(f"{type(self).__name__} must define perform(form)")

    def get_success_message(self) -> str:
        return self.success_message

    def form_valid(self, form):
        try:
            self.result = self.perform(form)
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.form_invalid(form)
        message = self.get_success_message()
        if message:
            messages.success(self.request, message)
        return HttpResponseRedirect(self.get_success_url())


@never_cache
def healthz(request):
    """Liveness and readiness for load balancers and monitoring: JSON, no login, no data.
    200 when every check passes, else 503; the body names each check and whether it passed."""
    ok, checks = health.run_checks()
    return JsonResponse(
        {"status": "ok" if ok else "fail", "checks": checks}, status=200 if ok else 503
    )
