from datetime import date

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from wijknet.core.mixins import NetworkViewMixin, ServiceFormMixin
from wijknet.networks import roles

from . import access, content, queries, services
from .forms import PeriodForm, ReflectionForm
from .models import EvaluationReflection

# The reflections listed on the page (one per year).
REFLECTIONS_SHOWN = 10


def _period(request, today) -> queries.Period:
    return queries.Period.parse(request.GET.get("van"), request.GET.get("tot"), today)


class EvaluationView(NetworkViewMixin, TemplateView):
    """The effect evaluation of one period (default: the last twelve months), all aggregates."""

    permission = roles.VIEW_EVALUATION
    template_name = "evaluation/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        period = _period(self.request, today)
        figures = queries.evaluation_figures(self.network, period)
        reads_reflection = access.may_read_reflection(self.membership)
        context.update(
            period=period,
            period_form=PeriodForm(initial={"van": period.start, "tot": period.end}),
            figures=figures,
            charts=queries.charts(figures),
            min_group=queries.MIN_GROUP,
            aggregates_only=access.aggregates_only(self.membership),
            may_edit=access.may_edit_reflection(self.membership),
            reads_reflection=reads_reflection,
            reflection_year=period.end.year,
            reflections=list(
                EvaluationReflection.objects.filter(network=self.network).order_by("-year")[
                    :REFLECTIONS_SHOWN
                ]
            )
            if reads_reflection
            else [],
        )
        return context


class ReflectionView(NetworkViewMixin, TemplateView):
    """One year's reflection with the figures it was written beside (not for the funder role:
    aggregates only)."""

    permission = roles.VIEW_EVALUATION
    template_name = "evaluation/reflection.html"

    def get_context_data(self, **kwargs):
        if not access.may_read_reflection(self.membership):
            raise PermissionDenied
        context = super().get_context_data(**kwargs)
        reflection = access.get_reflection(self.network, self.kwargs["year"])
        asked = {q.key: q for q in content.questions()}
        context.update(
            reflection=reflection,
            answers=[
                (asked[key].text if key in asked else key, text)
                for key, text in reflection.answers.items()
                if text
            ],
            snap=reflection.figures,
            may_edit=access.may_edit_reflection(self.membership),
        )
        return context


class ReflectionEditView(NetworkViewMixin, ServiceFormMixin, FormView):
    """The core group writes the year's reflection; the figures are stored with it."""

    permission = roles.EDIT_EVALUATION
    template_name = "evaluation/reflection_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not 2000 <= kwargs["year"] <= 2100:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def _load(self):
        year = self.kwargs["year"]
        self.existing = EvaluationReflection.objects.filter(network=self.network, year=year).first()
        today = timezone.localdate()
        if self.existing is not None and not self.request.GET.get("van"):
            self.period = queries.Period(self.existing.period_start, self.existing.period_end)
        elif self.request.GET.get("van") or year == today.year:
            self.period = _period(self.request, today)
        else:
            self.period = queries.Period(date(year, 1, 1), min(date(year, 12, 31), today))

    def get_form(self, form_class=None):
        self._load()
        initial = {"version": self.existing.version if self.existing else 0}
        if self.existing is not None:
            initial.update(self.existing.answers)
        return ReflectionForm(self.request.POST or None, initial=initial)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        figures = queries.evaluation_figures(self.network, self.period)
        context.update(
            year=self.kwargs["year"],
            period=self.period,
            existing=self.existing,
            snap=queries.snapshot(figures),
        )
        return context

    def perform(self, form):
        return services.reflection_save(
            acting_user=self.request.user,
            membership=self.membership,
            network=self.network,
            year=self.kwargs["year"],
            period=self.period,
            expected_version=form.cleaned_data["version"],
            **form.service_fields(),
        )

    def get_success_message(self):
        return _("De reflectie van %(year)s is opgeslagen, met de cijfers van dit moment.") % {
            "year": self.kwargs["year"]
        }

    def get_success_url(self):
        return reverse("evaluation:reflection", args=[self.network.slug, self.kwargs["year"]])
