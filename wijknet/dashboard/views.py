from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from wijknet.core.charts import horizontal_bars
from wijknet.core.mixins import NetworkViewMixin
from wijknet.core.pagecache import CachedPageMixin
from wijknet.health import monitor
from wijknet.networks import queries as network_queries
from wijknet.networks import roles
from wijknet.roadmap import queries as roadmap_queries
from wijknet.scans import queries as scan_queries

from .queries import recent_changes


class DashboardView(CachedPageMixin, NetworkViewMixin, TemplateView):
    permission = roles.VIEW_DASHBOARD
    template_name = "dashboard/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        by_sector = network_queries.partner_counts_by_sector(self.network)
        overview = roadmap_queries.phase_overview(self.network, questions=False)
        can_view_health = self.membership.can(roles.VIEW_HEALTH)
        # The stored signals (computed by a task), never an evaluation in the request.
        stored, signals = monitor.stored_signals(self.network) if can_view_health else (None, [])
        context.update(
            partners_by_sector=by_sector,
            partner_total=sum(n for _, n in by_sector),
            sector_chart=horizontal_bars(by_sector, title=_("Actieve partners per sector")),
            members_by_role=network_queries.member_counts_by_role(self.network),
            overview=overview,
            next_step=roadmap_queries.next_step(self.network, overview),
            can_view_roadmap=self.membership.can(roles.VIEW_ROADMAP),
            latest_round=scan_queries.latest_round(self.network),
            can_view_health=can_view_health,
            stored=stored,
            can_recompute=self.membership.can(roles.MANAGE_HEALTH),
            signals=monitor.most_severe_new(signals),
            recent_changes=recent_changes(self.network)
            if self.membership.can(roles.VIEW_MEMBERS)
            else [],
        )
        return context
