from django.views.generic import ListView, TemplateView

from wijknet.core.htmx import is_htmx
from wijknet.core.mixins import NetworkViewMixin
from wijknet.networks import roles
from wijknet.roadmap.models import Phase, Step

from . import queries
from .forms import ToolboxFilterForm
from .models import Target


class ToolboxListView(NetworkViewMixin, ListView):
    """The toolbox (kennisbank): search in Dutch, filter by kind and phase."""

    permission = roles.VIEW_ROADMAP
    template_name = "toolbox/list.html"
    context_object_name = "items"
    paginate_by = 25

    def get_template_names(self):
        if is_htmx(self.request):
            return [self.template_name + "#results"]
        return [self.template_name]

    def get_queryset(self):
        self.phases = list(Phase.objects.order_by("order"))
        self.filter_form = ToolboxFilterForm(self.request.GET or None, phases=self.phases)
        filters = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        return queries.items(
            query=filters.get("q", ""), kind=filters.get("kind", ""), phase=filters.get("phase", "")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        context["filtered"] = any(self.request.GET.get(k) for k in ("q", "kind", "phase"))
        return context


class ToolboxItemView(NetworkViewMixin, TemplateView):
    permission = roles.VIEW_ROADMAP
    template_name = "toolbox/item.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = queries.get_item(self.kwargs["item_key"])
        links = queries.links_of(item)
        context["item"] = item
        context["phases"] = Phase.objects.filter(key__in=links.get(Target.PHASE, [])).order_by(
            "order"
        )
        context["steps"] = (
            Step.objects.filter(key__in=links.get(Target.STEP, []), retired=False)
            .select_related("phase")
            .order_by("phase__order", "order")
        )
        return context
