from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, View

from wijknet.core.views import NetworkViewMixin
from wijknet.networks import roles
from wijknet.networks.models import Partner
from wijknet.networks.views import apply_validation_error

from . import queries, services
from .analysis import analyse
from .forms import DesiredRelationForm
from .models import DesiredRelation


def _partners_queryset(network):
    return (
        Partner.objects.filter(network=network, left_on__isnull=True)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )


class GraphView(NetworkViewMixin, FormView):
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
        graph = queries.collaboration_graph(self.network)
        hubs = queries.kartrekker_partners(self.network)
        analysis = analyse(graph, hubs)
        rows = sorted(
            (
                {
                    "name": data["name"],
                    "sector": data["sector"],
                    "degree": analysis.degree.get(node, 0),
                    "betweenness": round(100 * analysis.betweenness.get(node, 0.0)),
                    "links": sorted(graph.nodes[n]["name"] for n in graph.neighbors(node)),
                    "is_cut": any(c.partner_id == node for c in analysis.cut_points),
                    "is_hub": node in hubs,
                }
                for node, data in graph.nodes(data=True)
            ),
            key=lambda row: (-row["degree"], row["name"]),
        )
        desired = [
            {"relation": r, "exists": graph.has_edge(r.partner_a_id, r.partner_b_id)}
            for r in queries.desired_relations(self.network)
        ]
        context.update(
            rows=rows,
            analysis=analysis,
            names={node: data["name"] for node, data in graph.nodes(data=True)},
            edges=graph.number_of_edges(),
            hubs=[
                (graph.nodes[h]["name"], round(100 * analysis.hub_share.get(h, 0)))
                for h in hubs
                if h in graph and analysis.hub_share.get(h, 0) > 0
            ],
            bridges=sorted(
                sorted((graph.nodes[a]["name"], graph.nodes[b]["name"]))
                for a, b in analysis.bridges
            ),
            desired=desired,
            missing=[d for d in desired if not d["exists"]],
            can_edit=self.membership.can(roles.EDIT_PARTNERS),
        )
        return context

    def form_valid(self, form):
        try:
            services.desired_relation_add(
                acting_user=self.request.user, network=self.network, **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Gewenste relatie toegevoegd."))
        return redirect("graph:index", network_slug=self.network.slug)


class GraphDataView(NetworkViewMixin, View):
    """The same graph as JSON for the interactive drawing (Cytoscape.js)."""

    permission = roles.VIEW_PARTNERS

    def get(self, request, *args, **kwargs):
        graph = queries.collaboration_graph(self.network)
        analysis = analyse(graph, queries.kartrekker_partners(self.network))
        cut = {c.partner_id for c in analysis.cut_points}
        elements = [
            {
                "data": {"id": f"p{node}", "label": data["name"], "sector": data["sector"]},
                "classes": "cut" if node in cut else "",
            }
            for node, data in graph.nodes(data=True)
        ]
        elements += [
            {
                "data": {
                    "id": f"e{a}-{b}",
                    "source": f"p{a}",
                    "target": f"p{b}",
                    "weight": data["weight"],
                }
            }
            for a, b, data in graph.edges(data=True)
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


class DesiredDeleteView(NetworkViewMixin, View):
    permission = roles.EDIT_PARTNERS
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        relation = get_object_or_404(
            DesiredRelation, network=self.network, uuid=kwargs["relation_uuid"]
        )
        services.desired_relation_delete(acting_user=request.user, relation=relation)
        messages.success(request, _("Gewenste relatie verwijderd."))
        return redirect("graph:index", network_slug=self.network.slug)
