from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, View

from wijknet.core import analysis
from wijknet.core.mixins import NetworkViewMixin, ServiceActionMixin, ServiceFormMixin
from wijknet.networks import roles
from wijknet.networks.models import Partner

from . import queries, services
from .analysis import StoredGraph
from .forms import DesiredRelationForm
from .models import DesiredRelation


def _partners_queryset(network):
    return (
        Partner.objects.filter(network=network, left_on__isnull=True)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )


class _BackToGraph:
    def get_success_url(self):
        return reverse("graph:index", kwargs={"network_slug": self.network.slug})


class GraphView(NetworkViewMixin, _BackToGraph, ServiceFormMixin, FormView):
    """Who works with whom, which partner the network hangs on, and which wished-for relations
    are still missing. The table carries every fact; the drawing is an extra."""

    permission = roles.VIEW_PARTNERS
    template_name = "graph/index.html"

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST":
            self.permission = roles.EDIT_PARTNERS
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        return DesiredRelationForm(
            self.request.POST or None, partners=_partners_queryset(self.network)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        stored = analysis.read(self.network, "graph")
        graph = StoredGraph(stored.data)
        result = graph.analysis
        hubs = set(graph.hubs)
        cut = {c.partner_id for c in result.cut_points}
        links = graph.neighbours()
        rows = sorted(
            (
                {
                    "name": node["name"],
                    "sector": node["sector"],
                    "degree": node["degree"],
                    "betweenness": round(100 * node["betweenness"]),
                    "links": links[node["id"]],
                    "is_cut": node["id"] in cut,
                    "is_hub": node["id"] in hubs,
                }
                for node in graph.nodes
            ),
            key=lambda row: (-row["degree"], row["name"]),
        )
        desired = [
            {"relation": r, "exists": graph.has_edge(r.partner_a_id, r.partner_b_id)}
            for r in queries.desired_relations(self.network)
        ]
        context.update(
            stored=stored,
            can_recompute=self.membership.can(roles.MANAGE_HEALTH),
            rows=rows,
            analysis=result,
            names=graph.names,
            edges=len(graph.edges),
            hubs=[
                (graph.names[h], round(100 * result.hub_share.get(h, 0)))
                for h in graph.hubs
                if result.hub_share.get(h, 0) > 0
            ],
            bridges=sorted(sorted((graph.names[a], graph.names[b])) for a, b in result.bridges),
            desired=desired,
            missing=[d for d in desired if not d["exists"]],
            can_edit=self.membership.can(roles.EDIT_PARTNERS),
        )
        return context

    success_message = gettext_lazy("Gewenste relatie toegevoegd.")

    def perform(self, form):
        return services.desired_relation_add(
            acting_user=self.request.user, network=self.network, **form.cleaned_data
        )


class GraphDataView(NetworkViewMixin, View):
    """The same graph as JSON for the interactive drawing (Cytoscape.js)."""

    permission = roles.VIEW_PARTNERS

    def get(self, request, *args, **kwargs):
        graph = StoredGraph(analysis.read(self.network, "graph").data)
        cut = {c.partner_id for c in graph.analysis.cut_points}
        elements = [
            {
                "data": {"id": f"p{node['id']}", "label": node["name"], "sector": node["sector"]},
                "classes": "cut" if node["id"] in cut else "",
            }
            for node in graph.nodes
        ]
        elements += [
            {
                "data": {
                    "id": f"e{a}-{b}",
                    "source": f"p{a}",
                    "target": f"p{b}",
                    "weight": weight,
                }
            }
            for a, b, weight in graph.edges
        ]
        elements += [
            {
                "data": {
                    "id": f"d{r.pk}",
                    "source": f"p{r.partner_a_id}",
                    "target": f"p{r.partner_b_id}",
                },
                "classes": "desired",
            }
            for r in queries.desired_relations(self.network)
            if r.partner_a_id in graph and r.partner_b_id in graph
        ]
        return JsonResponse({"elements": elements})


class DesiredDeleteView(NetworkViewMixin, _BackToGraph, ServiceActionMixin, View):
    permission = roles.EDIT_PARTNERS
    http_method_names = ["post"]
    success_message = gettext_lazy("Gewenste relatie verwijderd.")

    def perform(self):
        relation = get_object_or_404(
            DesiredRelation, network=self.network, uuid=self.kwargs["relation_uuid"]
        )
        return services.desired_relation_delete(acting_user=self.request.user, relation=relation)
