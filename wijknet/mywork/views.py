from django.utils import timezone
from django.views.generic import TemplateView

from wijknet.core.mixins import NetworkViewMixin
from wijknet.core.pagecache import CachedPageMixin
from wijknet.health import monitor
from wijknet.initiatives import access as initiatives_access
from wijknet.initiatives import queries as initiative_queries
from wijknet.networks import roles
from wijknet.volunteering import access as volunteering_access

from . import queries

SIGNALS_SHOWN = 5
# Lists that inform rather than wait for this member: not counted as waiting.
NOT_WAITING = ("meetings", "my_ideas")


class MyWorkView(CachedPageMixin, NetworkViewMixin, TemplateView):
    """ "Mijn werk": what waits for this member in this network, by what their role lets them
    do. Each list is one bounded query; every item links to the page where it is done, and a
    list is only shown when its links are pages this member may open."""

    permission = roles.VIEW_DASHBOARD
    template_name = "mywork/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        network, membership, user = self.network, self.membership, self.request.user
        can = membership.can
        today = timezone.localdate()
        now = timezone.now()
        sections = {}
        if can(roles.VIEW_ACTIONS):
            sections["actions"] = queries.my_actions(network, user, today=today)
        if can(roles.VIEW_SCANS):
            sections["scans"] = queries.my_open_scans(network, user, today=today)
        if can(roles.MANAGE_SCANS):
            sections["planned_scans"] = queries.planned_scans(network, today=today)
        remeasure = (
            queries.remeasurements_due(network, membership, today=today)
            if can(roles.WORK_ON_CASES)
            else 0
        )
        if can(roles.VIEW_PARTNERS):
            offers = queries.offers_to_confirm(network, membership)
            if offers is not None:
                sections["offers"] = offers
        if can(roles.MAKE_REFERRALS):
            sections["incoming"] = queries.incoming_referrals(network, membership)
            sections["feedback"] = queries.referral_feedback(network, membership, now=now)
        if can(roles.VIEW_VOLUNTEERING):
            sections["matches"] = queries.proposed_matches(network, user)
            sections["followups"] = queries.my_followups(network, user)
            if volunteering_access.can_manage(membership):
                sections["to_match"] = queries.requests_to_match(network)
                sections["to_phone"] = queries.followups_to_phone(network)
        if initiatives_access.can_respond(membership):
            sections["ideas_to_answer"] = initiative_queries.awaiting_response(network, now=now)
        if initiatives_access.can_propose(membership):
            sections["my_ideas"] = initiative_queries.initiated_by(network, user)
        if can(roles.VIEW_MEETINGS):
            sections["meetings"] = queries.my_next_meetings(network, membership, now=now)
        if can(roles.EDIT_AGREEMENT):
            sections["funding"] = queries.funding_ending(network, today=today)
        if can(roles.MANAGE_HEALTH):
            # The stored analysis (a task computes it), never an evaluation in the request.
            stored, signals = monitor.stored_signals(network)
            context.update(
                stored=stored,
                signals=monitor.most_severe_new(signals, SIGNALS_SHOWN),
                more_signals=len(monitor.most_severe_new(signals, SIGNALS_SHOWN + 1))
                > SIGNALS_SHOWN,
                can_recompute=True,
            )
        context.update(
            sections=sections,
            shows_signals=can(roles.MANAGE_HEALTH),
            is_volunteering_manager="to_match" in sections,
            today=today,
            remeasure=remeasure,
            waiting=sum(len(s) for key, s in sections.items() if key not in NOT_WAITING)
            + len(context.get("signals", []))
            + remeasure,
        )
        return context
