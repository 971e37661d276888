import contextlib
import uuid

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View

from wijknet.actions import access as action_access
from wijknet.core.mixins import NetworkViewMixin, ServiceActionMixin, ServiceFormMixin
from wijknet.networks import roles

from . import access, imports, indicators, queries, services
from .forms import AreaImportForm, AreaLinkForm, GoalLinkForm, IndicatorChoiceForm


class _ProfileMixin(NetworkViewMixin):
    def get_success_url(self):
        return reverse("wijkprofiel:index", args=[self.network.slug])


class _ManageMixin(_ProfileMixin):
    """Pages that change the network's wijkprofiel: the kartrekker."""

    permission = roles.EDIT_NETWORK


class IndexView(_ProfileMixin, TemplateView):
    """The wijkprofiel: the figures of the network's areas beside the municipality and the
    Netherlands, and the goals linked to them."""

    permission = roles.VIEW_ROADMAP
    template_name = "wijkprofiel/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(queries.profile(self.network))
        context["can_manage"] = access.may_manage_profile(self.membership)
        context["can_import"] = access.may_import_area_data(self.membership)
        return context


class AreasView(_ManageMixin, ServiceFormMixin, FormView):
    template_name = "wijkprofiel/areas.html"
    form_class = AreaLinkForm

    def get_success_url(self):
        return reverse("wijkprofiel:areas", args=[self.network.slug])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["links"] = queries.network_areas(self.network)
        return context

    def perform(self, form):
        return services.area_link(
            acting_user=self.request.user,
            network=self.network,
            code=form.cleaned_data["code"],
            membership=self.membership,
        )

    def get_success_message(self):
        return _("Gebied %(code)s gekoppeld.") % {"code": self.result.code}


class AreaUnlinkView(_ManageMixin, ServiceActionMixin, View):
    http_method_names = ["post"]

    def get_success_url(self):
        return reverse("wijkprofiel:areas", args=[self.network.slug])

    def perform(self):
        link = access.get_area_link(self.network, self.kwargs["area_link_uuid"])
        self.code = link.code
        services.area_unlink(acting_user=self.request.user, link=link, membership=self.membership)

    def get_success_message(self):
        return _("Gebied %(code)s ontkoppeld.") % {"code": self.code}


class IndicatorsView(_ManageMixin, ServiceFormMixin, FormView):
    template_name = "wijkprofiel/indicators.html"
    success_message = gettext_lazy("De gekozen indicatoren zijn opgeslagen.")

    def get_form(self, form_class=None):
        chosen, version = queries.chosen_indicators(self.network)
        return IndicatorChoiceForm(
            self.request.POST or None, initial={"indicators": chosen, "version": version}
        )

    def perform(self, form):
        return services.indicators_choose(
            acting_user=self.request.user,
            network=self.network,
            indicators=form.cleaned_data["indicators"],
            expected_version=form.cleaned_data["version"] or 0,
            membership=self.membership,
        )


class GoalLinkView(_ManageMixin, ServiceFormMixin, FormView):
    template_name = "wijkprofiel/goal_link.html"
    success_message = gettext_lazy("Het doel is aan de indicator gekoppeld.")

    def get_form(self, form_class=None):
        chosen, _version = queries.chosen_indicators(self.network)
        initial = {}
        try:
            goal_uuid = uuid.UUID(self.request.GET.get("doel", ""))
        except ValueError:
            goal_uuid = None
        if goal_uuid:
            with contextlib.suppress(Http404):  # another network's goal: no preselection
                initial["goal"] = action_access.get_goal(self.network, goal_uuid)
        return GoalLinkForm(
            self.request.POST or None,
            initial=initial,
            network=self.network,
            areas=queries.network_areas(self.network),
            chosen=chosen,
        )

    def perform(self, form):
        data = form.cleaned_data
        return services.goal_indicator_link(
            acting_user=self.request.user,
            network=self.network,
            goal=data["goal"],
            indicator=data["indicator"],
            area_code=data["area_code"],
            membership=self.membership,
        )


class GoalUnlinkView(_ManageMixin, ServiceActionMixin, View):
    http_method_names = ["post"]
    success_message = gettext_lazy("De koppeling is verwijderd.")

    def perform(self):
        link = access.get_goal_link(self.network, self.kwargs["goal_link_uuid"])
        services.goal_indicator_unlink(
            acting_user=self.request.user, link=link, membership=self.membership
        )


class ImportView(_ProfileMixin, ServiceFormMixin, FormView):
    """Upload a CBS Kerncijfers or GGD Gezondheidsmonitor CSV (shared by every network)."""

    # Every role has this; `may_import_area_data` decides (kartrekker or administrator).
    permission = roles.VIEW_DASHBOARD
    template_name = "wijkprofiel/import.html"
    form_class = AreaImportForm

    def dispatch(self, request, *args, **kwargs):
        membership = getattr(request, "membership", None)
        allowed = membership is None or access.may_import_area_data(membership)
        if request.user.is_authenticated and not allowed:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_success_url(self):
        return reverse("wijkprofiel:import", args=[self.network.slug])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["history"] = queries.import_history()
        context["max_mb"] = imports.UPLOAD_MAX_BYTES // (1024 * 1024)
        context["indicators"] = indicators.INDICATORS
        return context

    def perform(self, form):
        upload = form.cleaned_data["file"]
        parsed = imports.parse(upload, year=form.cleaned_data.get("year"))
        return services.area_data_import(
            acting_user=self.request.user,
            parsed=parsed,
            filename=upload.name,
            membership=self.membership,
        )

    def get_success_message(self):
        record = self.result
        return _(
            "%(figures)s cijfers uit %(rows)s rijen geïmporteerd; %(problems)s rijen met een "
            "probleem overgeslagen."
        ) % {"figures": record.figures, "rows": record.rows, "problems": record.problem_total}
