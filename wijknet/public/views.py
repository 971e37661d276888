"""The public network page (anonymous, opt-in) and the coordinator's settings with a preview."""

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView
from django_scopes import scope

from wijknet.core.mixins import NetworkViewMixin, ServiceFormMixin
from wijknet.networks import roles

from . import access, queries, services
from .forms import PublicPageForm
from .models import PublicPage


def _idea_login_url(network) -> str:
    target = reverse("initiatives:create", kwargs={"network_slug": network.slug})
    return reverse("accounts:login") + "?" + urlencode({"next": target})


def _context(network, page) -> dict:
    return {
        "public_network": network,
        "page": page,
        "content": queries.content(network, page),
        "idea_login_url": _idea_login_url(network),
    }


class PublicNetworkView(View):
    """/wijk/<slug>/: what the coordinator published, for everyone; 404 when not published."""

    def get(self, request, public_slug):
        page = queries.page_by_slug(public_slug)
        if not access.may_read_public_page(page):
            raise Http404
        network = page.network
        with scope(network=network):
            response = render(request, "public/page.html", _context(network, page))
        return response


class SettingsView(NetworkViewMixin, ServiceFormMixin, FormView):
    """What the public page shows, with a preview of the stored choices."""

    permission = roles.EDIT_NETWORK
    template_name = "public/settings.html"
    success_message = gettext_lazy("De openbare pagina is opgeslagen.")

    def get_form(self, form_class=None):
        if not access.can_manage_public_page(self.membership):
            raise PermissionDenied
        self.page = queries.page_for(self.network)
        form = PublicPageForm(self.request.POST or None, instance=self.page)
        form.fields["version"].initial = self.page.version if self.page else 0
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        preview = self.page or PublicPage(network=self.network)
        context.update(_context(self.network, preview))
        context["public_url"] = self.request.build_absolute_uri(
            reverse("public:page", kwargs={"public_slug": self.network.slug})
        )
        return context

    def perform(self, form):
        return services.public_page_update(
            acting_user=self.request.user,
            membership=self.membership,
            network=self.network,
            expected_version=form.cleaned_data.get("version") or 0,
            **form.service_fields(),
        )

    def get_success_url(self):
        return reverse("public:settings", kwargs={"network_slug": self.network.slug})
