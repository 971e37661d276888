from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View

from wijknet.core import analysis
from wijknet.core.mixins import NetworkViewMixin, ServiceActionMixin, ServiceFormMixin
from wijknet.core.pagecache import CachedPageMixin
from wijknet.core.pagination import bounded
from wijknet.networks import roles
from wijknet.networks.models import Partner

from . import queries, services
from .analysis import StoredGraph
from .forms import DesiredRelationForm
from .models import DesiredRelation

# Rows of each list on the page before "show all" (partners, vulnerable spots).
PREVIEW = 20


def _partners_queryset(network):
    return (
        Partner.objects.filter(network=network, left_on__isnull=True)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )


class _BackToGraph:
    def get_success_url(self):
        return reverse("graph:index", kwargs={"network_slug": self.network.slug})


class GraphView(CachedPageMixin, NetworkViewMixin, _BackToGraph, ServiceFormMixin, FormView):
    """Who works with whom, which partner the network hangs on, and which wished-for relations
    are still missing. The table carries every fact; the drawing is an extra."""

    permission = roles.VIEW_PARTNERS
    template_name = "graph/index.html"

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST":
            self.permission = roles.EDIT_PARTNERS
        return super().dispatch(request, *args, **kwargs)

    def _form_wanted(self) -> bool:
        return self.request.method == "POST" or self.request.GET.get("toevoegen") == "1"

    def get_form(self, form_class=None):
        # The form lists every partner twice: built only when it is shown or posted.
        partners = (
            _partners_queryset(self.network) if self._form_wanted() else Partner.objects.none()
        )
        return DesiredRelationForm(self.request.POST or None, partners=partners)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        stored = analysis.read(self.network, "graph")
        graph = stored.derive("graph", StoredGraph)  # built once per stored version
        result = graph.analysis
        hubs = set(graph.hubs)
        cut = {c.partner_id for c in result.cut_points}
        nodes = graph.by_degree
        # Every list is bounded: the table shows the best connected partners first, "show all"
        # pages through the rest; the connections are looked up for the shown rows only.
        partners = bounded(self.request, nodes, key="partners", preview=PREVIEW, per_page=50)
        links = graph.neighbours_of([node["id"] for node in partners.items])
        partners.items = [
            {
                "name": node["name"],
                "sector": node["sector"],
                "degree": node["degree"],
                "betweenness": round(100 * node["betweenness"]),
                "links": links[node["id"]],
                "is_cut": node["id"] in cut,
                "is_hub": node["id"] in hubs,
            }
            for node in partners.items
        ]
        desired = bounded(
            self.request, queries.desired_relations(self.network), key="gewenst", preview=10
        )
        desired.items = [
            {"relation": r, "exists": graph.has_edge(r.partner_a_id, r.partner_b_id)}
            for r in desired.items
        ]
        bridges = sorted(sorted((graph.names[a], graph.names[b])) for a, b in result.bridges)
        can_edit = self.membership.can(roles.EDIT_PARTNERS)
        context.update(
            stored=stored,
            can_recompute=self.membership.can(roles.MANAGE_HEALTH),
            rows=partners.items,
            partners=partners,
            partner_count=len(nodes),
            analysis=result,
            cut_points=result.cut_points[:PREVIEW],
            more_cut_points=max(0, len(result.cut_points) - PREVIEW),
            isolated=[graph.names[node] for node in result.isolated[:PREVIEW]],
            more_isolated=max(0, len(result.isolated) - PREVIEW),
            names=graph.names,
            edges=len(graph.edges),
            hubs=[
                (graph.names[h], round(100 * result.hub_share.get(h, 0)))
                for h in graph.hubs
                if result.hub_share.get(h, 0) > 0
            ],
            bridges=bridges[:PREVIEW],
            more_bridges=max(0, len(bridges) - PREVIEW),
            desired=desired,
            can_edit=can_edit,
            # The form's two partner lists hold every partner: shown on demand (or with errors).
            show_form=can_edit and self._form_wanted(),
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
        graph = analysis.read(self.network, "graph").derive("graph", StoredGraph)
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


class DesiredDeleteView(NetworkViewMixin, _BackToGraph, ServiceActionMixin, TemplateView):
    """Deleting a desired relation asks first, on its own page."""

    permission = roles.EDIT_PARTNERS
    template_name = "graph/desired_delete.html"
    confirm = True
    success_message = gettext_lazy("Gewenste relatie verwijderd.")

    def get_relation(self):
        return get_object_or_404(
            DesiredRelation.objects.select_related(
                "partner_a__organisation", "partner_b__organisation"
            ),
            network=self.network,
            uuid=self.kwargs["relation_uuid"],
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(relation=self.get_relation(), **kwargs)

    def perform(self):
        return services.desired_relation_delete(
            acting_user=self.request.user, relation=self.get_relation()
        )
