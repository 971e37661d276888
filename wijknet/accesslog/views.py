"""Privacy officer pages: search the access log (and export it), the review report, and the
coordinator's screen to designate privacy officers.

The log pages require a privacy officer with a two-factor-verified session; everybody else in the
network gets 403 (members know the network exists), outsiders 404 (middleware).
"""

import csv

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView, TemplateView

from wijknet.accounts.twofactor import twofactor_redirect
from wijknet.core.csvsafe import safe_cell
from wijknet.core.mixins import NetworkViewMixin, ServiceActionMixin
from wijknet.networks import access as network_access
from wijknet.networks import queries as network_queries
from wijknet.networks import roles

from . import access, queries, services
from .fields import EXPORT_COLUMNS
from .forms import LogSearchForm, ReviewPeriodForm
from .models import Action, OfficerAppointment

SEARCH_CATEGORY = "inzagelog"


class PrivacyOfficerMixin(NetworkViewMixin):
    """Only a current privacy officer of this network, with a verified second factor."""

    # Every role has this; the privacy-officer flag is what decides.
    permission = roles.VIEW_DASHBOARD

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if not access.is_privacy_officer(getattr(request, "membership", None)):
                raise PermissionDenied
            if not request.user.is_verified():
                return twofactor_redirect(request)
        return super().dispatch(request, *args, **kwargs)


class _SearchMixin(PrivacyOfficerMixin):
    def filters(self):
        self.form = LogSearchForm(self.request.GET or None)
        data = self.form.cleaned_data if self.form.is_bound and self.form.is_valid() else {}
        return {
            "user_query": data.get("user", ""),
            "client_uuid": data.get("client"),
            "action": data.get("action", ""),
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
        }

    def log_search(self, filters, action, detail):
        """A look at the log filtered on one client is itself access to that client's data."""
        if filters["client_uuid"]:
            services.record_access(
                user=self.request.user,
                network=self.network,
                client_uuid=filters["client_uuid"],
                action=action,
                category=SEARCH_CATEGORY,
                purpose=_("Controle van het inzagelog"),
                request=self.request,
                detail=detail,
            )


class LogSearchView(_SearchMixin, ListView):
    template_name = "accesslog/search.html"
    context_object_name = "records"
    paginate_by = 50

    def get_queryset(self):
        self.current_filters = self.filters()
        with transaction.atomic():
            self.log_search(
                self.current_filters, Action.SEARCH, _("Inzagelog doorzocht op deze cliënt")
            )
        return queries.search(self.network, **self.current_filters)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["form"] = self.form
        context["query_string"] = query.urlencode()
        context["filtered"] = any(v for v in self.current_filters.values())
        return context


class LogExportView(_SearchMixin, View):
    def get(self, request, *args, **kwargs):
        filters = self.filters()
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = content_disposition_header(
            True, f"inzagelog-{self.network.slug}-{stamp}.csv"
        )
        response["Cache-Control"] = "no-store"
        writer = csv.writer(response)
        writer.writerow([label for _field, label in EXPORT_COLUMNS])
        with transaction.atomic():
            self.log_search(filters, Action.EXPORT, _("Inzagelog over deze cliënt geëxporteerd"))
            for record in queries.search(self.network, **filters).iterator():
                row = []
                for field, _label in EXPORT_COLUMNS:
                    value = getattr(record, field)
                    if field == "at":
                        value = timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S")
                    row.append(safe_cell(value))
                writer.writerow(row)
        return response


class ReviewView(PrivacyOfficerMixin, TemplateView):
    template_name = "accesslog/review.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        start, end = ReviewPeriodForm.default_period()
        form = ReviewPeriodForm(
            self.request.GET if "date_from" in self.request.GET else None,
            initial={"date_from": start, "date_to": end},
        )
        context["findings"] = None
        if form.is_bound and form.is_valid():
            start, end = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
        if not form.is_bound or form.is_valid():
            context["findings"] = queries.unusual_access(self.network, start, end)
        context.update(form=form, date_from=start, date_to=end)
        return context


class OfficerListView(NetworkViewMixin, TemplateView):
    """Members, who is privacy officer, the open proposals and the latest decisions."""

    permission = roles.MANAGE_MEMBERS
    template_name = "accesslog/officers.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        memberships = list(network_queries.members(self.network))
        appointments = queries.officer_appointments(self.network)
        open_by_member = {a.membership_id: a for a in appointments if a.is_open}
        coordinators = [m for m in memberships if access.may_designate_privacy_officers(m)]
        for m in memberships:
            m.open_appointment = open_by_member.get(m.pk)
            if m.open_appointment is not None:
                m.open_appointment.refusal = access.confirmation_refusal(
                    self.membership, m.open_appointment
                )
        context.update(
            memberships=memberships,
            appointments=appointments,
            single_coordinator=(
                access.single_coordinator_message() if len(coordinators) < 2 else ""
            ),
        )
        return context


class _OfficerAction(NetworkViewMixin, ServiceActionMixin, View):
    """A coordinator's button on the officers page; back to that page afterwards."""

    permission = roles.MANAGE_MEMBERS

    def get_success_url(self):
        return reverse("accesslog:officers", kwargs={"network_slug": self.network.slug})


class OfficerSetView(_OfficerAction, TemplateView):
    """POST value=1: propose the member as privacy officer (step 1 of 2); value=0: withdraw
    the appointment, after a confirmation page (proposing has its own second step)."""

    http_method_names = ["post"]
    template_name = "accesslog/officer_withdraw.html"

    @property
    def confirm(self):
        return self.request.POST.get("value") != "1"

    def get_context_data(self, **kwargs):
        member = network_access.get_membership(self.network, self.kwargs["membership_uuid"])
        return super().get_context_data(member=member, **kwargs)

    def perform(self):
        self.member = network_access.get_membership(self.network, self.kwargs["membership_uuid"])
        self.proposing = self.request.POST.get("value") == "1"
        if self.proposing:
            return services.privacy_officer_propose(
                acting_user=self.request.user, membership=self.member
            )
        return services.privacy_officer_withdraw(
            acting_user=self.request.user, membership=self.member
        )

    def get_success_message(self):
        if self.proposing:
            message = _(
                "%(name)s is voorgesteld als privacyfunctionaris. Een andere coördinator "
                "moet dit bevestigen."
            )
        else:
            message = _("%(name)s is geen privacyfunctionaris meer.")
        return message % {"name": self.member.user}


class OfficerDecideView(_OfficerAction):
    """POST decision=confirm|reject on an open proposal (step 2 of 2, another coordinator)."""

    def perform(self):
        self.appointment = get_object_or_404(
            OfficerAppointment.objects.select_related("membership__user"),
            network=self.network,
            uuid=self.kwargs["appointment_uuid"],
        )
        self.confirm = self.request.POST.get("decision") == "confirm"
        return services.privacy_officer_decide(
            acting_user=self.request.user, appointment=self.appointment, confirm=self.confirm
        )

    def get_success_message(self):
        name = {"name": self.appointment.membership.user}
        if self.confirm:
            return _("%(name)s is nu privacyfunctionaris.") % name
        return _("Het voorstel voor %(name)s is afgewezen.") % name
