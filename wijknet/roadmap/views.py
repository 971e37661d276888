from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from wijknet.core.mixins import NetworkViewMixin, ServiceFormMixin
from wijknet.core.pagecache import CachedPageMixin
from wijknet.networks import roles
from wijknet.toolbox import queries as toolbox
from wijknet.wijkprofiel import queries as wijkprofiel

from . import queries, services
from .forms import StepProgressForm
from .models import StepProgress, StepStatus


class RoadmapView(CachedPageMixin, NetworkViewMixin, TemplateView):
    permission = roles.VIEW_ROADMAP
    template_name = "roadmap/overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        overview = queries.phase_overview(self.network)
        context["overview"] = overview
        context["next_step"] = queries.next_step(self.network, overview)
        return context


class StepView(NetworkViewMixin, ServiceFormMixin, FormView):
    """A step's guidance and the network's work on it; editors can update it here."""

    permission = roles.VIEW_ROADMAP
    template_name = "roadmap/step.html"

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST":
            self.permission = roles.EDIT_ROADMAP
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        self.step = queries.get_step(self.kwargs["step_key"])
        self.progress = StepProgress.objects.filter(network=self.network, step=self.step).first()
        initial = {"status": StepStatus.NOT_STARTED, "version": 0}
        if self.progress:
            initial = {
                "status": self.progress.status,
                "note": self.progress.note,
                "evidence_url": self.progress.evidence_url,
                "version": self.progress.version,
            }
        return StepProgressForm(self.request.POST or None, initial=initial)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["step"] = self.step
        context["progress"] = self.progress
        context["can_edit"] = self.membership.can(roles.EDIT_ROADMAP)
        context["toolbox_items"] = toolbox.helps_for_one("step", self.step.key)
        context["wijkprofiel_link"] = self.step.key in wijkprofiel.PROFILE_STEPS
        return context

    def perform(self, form):
        data = form.cleaned_data
        return services.step_progress_update(
            acting_user=self.request.user,
            network=self.network,
            step=self.step,
            status=data["status"],
            note=data["note"],
            evidence_url=data["evidence_url"],
            expected_version=data["version"] or None,
        )

    def get_success_message(self):
        return _("Stap bijgewerkt: %(step)s.") % {"step": self.step.title}

    def get_success_url(self):
        return reverse("roadmap:overview", kwargs={"network_slug": self.network.slug})
