"""The user's token page under the account: list, create (the token is shown once), revoke."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from wijknet.core.mixins import ServiceActionMixin, ServiceFormMixin
from wijknet.networks.queries import memberships_of_user

from . import access, queries, services
from .forms import TokenCreateForm


class TokenListView(LoginRequiredMixin, ServiceFormMixin, FormView):
    template_name = "api/token_list.html"
    form_class = TokenCreateForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["memberships"] = memberships_of_user(self.request.user)
        kwargs["verified"] = self.request.user.is_verified()
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tokens"] = queries.tokens_of_user(self.request.user)
        context["now"] = timezone.now()
        return context

    def perform(self, form):
        return services.token_create(
            acting_user=self.request.user,
            verified=self.request.user.is_verified(),
            **form.service_fields(),
        )

    def form_done(self):
        # The token is shown on this response only; it is never stored or shown again.
        row, token = self.result
        return self.render_to_response(
            self.get_context_data(form=self.get_form_class()(memberships=[]), new=(row, token))
        )


class TokenRevokeView(LoginRequiredMixin, ServiceActionMixin, TemplateView):
    template_name = "api/token_revoke.html"
    confirm = True

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.token = access.get_own_token(
                queries.tokens_of_user(request.user), kwargs["token_uuid"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["token"] = self.token
        return context

    def perform(self):
        return services.token_revoke(acting_user=self.request.user, token=self.token)

    def get_success_message(self):
        return _("De sleutel is ingetrokken.")

    def get_success_url(self):
        return reverse("api:tokens")
