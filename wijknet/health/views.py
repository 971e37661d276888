from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from wijknet.core import analysis
from wijknet.core.mixins import NetworkViewMixin, ServiceActionMixin, ServiceFormMixin
from wijknet.core.pagecache import CachedPageMixin
from wijknet.networks import roles
from wijknet.toolbox import queries as toolbox

from . import monitor, services
from .forms import AcknowledgeForm, ThresholdsForm
from .rules import DEFAULTS


def _as_of(request):
    """The page's as-of date (?op=JJJJ-MM-DD): (date or None, error message or "")."""
    raw = request.GET.get("op", "").strip()
    if not raw:
        return None, ""
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        return None, _("Geef een datum als JJJJ-MM-DD.")
    if day >= timezone.localdate():
        return None, _("Kies een datum in het verleden.")
    if day.year < 2000:
        return None, _("Kies een datum na 1 januari 2000.")
    return day, ""


class SignalListView(CachedPageMixin, NetworkViewMixin, TemplateView):
    """The network's signals, most severe first; acknowledged ones folded away. With ?op=DATE
    the signals as the network stood at the end of that day (computed by the worker), and
    below, the history of the signals: when each was raised and when it went away."""

    permission = roles.VIEW_HEALTH
    template_name = "health/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["latest_as_of"] = timezone.localdate() - timedelta(days=1)
        as_of, error = _as_of(self.request)
        context["as_of"], context["as_of_error"] = as_of, error
        if as_of is not None:
            ready, signals = monitor.as_of_signals(self.network, as_of)
            context["as_of_ready"] = ready
            context["as_of_signals"] = signals
            context["toolbox_helps"] = toolbox.helps_for_signals(signals)
            context["history"] = monitor.history(self.network)
            return context
        stored, signals = monitor.stored_signals(self.network)
        context["history"] = monitor.history(self.network)  # after a first computation
        context["stored"] = stored
        context["can_recompute"] = self.membership.can(roles.MANAGE_HEALTH)
        context["open_signals"] = [s for s in signals if not s.acknowledged]
        context["acknowledged"] = [s for s in signals if s.acknowledged]
        context["toolbox_helps"] = toolbox.helps_for_signals(signals)
        context["can_manage"] = self.membership.can(roles.MANAGE_HEALTH)
        return context


class _BackToSignals:
    def get_success_url(self):
        return reverse("health:index", kwargs={"network_slug": self.network.slug})


class AcknowledgeView(NetworkViewMixin, _BackToSignals, ServiceActionMixin, View):
    """Mark the current state of a signal as seen or not applicable (POST only). A form error,
    a signal that changed meanwhile and the service's refusal all come back as one message."""

    permission = roles.MANAGE_HEALTH
    http_method_names = ["post"]

    def perform(self):
        form = AcknowledgeForm(self.request.POST)
        if not form.is_valid():
            errors = "; ".join(str(e) for errs in form.errors.values() for e in errs)
            raise ValidationError(_("Niet gemarkeerd: %(errors)s") % {"errors": errors})
        data = form.cleaned_data
        # The stored signals are the ones the coordinator saw; acknowledging one of them holds
        # until its evidence changes (the next recompute brings it back if it did).
        self.signal = next(
            (
                s
                for s in monitor.stored_signals(self.network)[1]
                if s.code == data["code"] and s.fingerprint == data["fingerprint"]
            ),
            None,
        )
        if self.signal is None:
            raise ValidationError(
                _("Dit signaal is intussen veranderd of verdwenen; bekijk het opnieuw.")
            )
        return services.signal_acknowledge(
            acting_user=self.request.user,
            network=self.network,
            signal=self.signal,
            status=data["status"],
            reason=data["reason"],
        )

    def get_success_message(self):
        return _("Signaal gemarkeerd: %(title)s") % {"title": self.signal.title}


class RecomputeView(NetworkViewMixin, View):
    """ "Nu opnieuw berekenen": queue a recompute of the network's stored analyses (graph and
    signals) and go back to the page the coordinator came from (POST only)."""

    permission = roles.MANAGE_HEALTH
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        analysis.request_recompute(self.network, force=True)
        messages.success(request, _("De analyse wordt opnieuw berekend."))
        back = request.POST.get("next", "")
        if back.startswith(f"/n/{self.network.slug}/") and url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return redirect(back)
        return redirect("health:index", network_slug=self.network.slug)


class ThresholdsView(NetworkViewMixin, _BackToSignals, ServiceFormMixin, FormView):
    permission = roles.MANAGE_HEALTH
    template_name = "health/settings.html"
    success_message = gettext_lazy("Drempels opgeslagen.")

    def get_form(self, form_class=None):
        return ThresholdsForm(
            self.request.POST or None,
            current=monitor.settings_for(self.network),
            version=monitor.settings_version(self.network),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["defaults"] = DEFAULTS
        return context

    def perform(self, form):
        data = dict(form.cleaned_data)
        expected_version = data.pop("version", None) or 0
        return services.health_settings_update(
            acting_user=self.request.user,
            network=self.network,
            overrides=data,
            expected_version=expected_version,
        )
