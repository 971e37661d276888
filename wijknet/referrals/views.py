"""Referral pages. Permissions: MAKE_REFERRALS for the lists, creating and the detail page
(which referral one sees is decided per object in access.py); VIEW_FUNNEL for the funnel,
which shows aggregated numbers only.

Every page that can show a resident's personal data (list, create, detail, status, FHIR) needs
a second factor first (OTPRequiredMixin before NetworkViewMixin, as in casework: an unverified
member is sent to the two-factor page whatever their role) and is sent with Cache-Control:
no-store (urls.py wraps it in never_cache). The funnel needs neither, so a viewer (funder) can
read it.

Every read of a referral is logged once in the access log (accesslog.mixins.LoggedReadMixin,
keyed by the referral's UUID; the FHIR download as an export), the list as one search without a
person; the services log the writes (docs/privacy.md)."""

import json
import uuid
from datetime import datetime, time

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, ListView, TemplateView

from wijknet.accesslog.mixins import LoggedReadMixin
from wijknet.accesslog.models import Action
from wijknet.accesslog.services import record_list
from wijknet.accounts.twofactor import OTPRequiredMixin
from wijknet.core import pagecache
from wijknet.core.htmx import is_htmx
from wijknet.core.mixins import NetworkViewMixin, ServiceFormMixin
from wijknet.core.pagecache import CachedPageMixin
from wijknet.networks import roles
from wijknet.offers import queries as offer_queries

from . import access, fhir, queries, services
from .charts import funnel_chart
from .forms import (
    EraseForm,
    OfferSearchForm,
    PeriodForm,
    ReferralFilterForm,
    ReferralForm,
    StatusForm,
)
from .models import Status


class ReferralListView(OTPRequiredMixin, NetworkViewMixin, ListView):
    permission = roles.MAKE_REFERRALS
    template_name = "referrals/referral_list.html"
    context_object_name = "referrals"
    paginate_by = 25

    def get_template_names(self):
        if is_htmx(self.request):
            return [self.template_name + "#results"]
        return [self.template_name]

    def get_queryset(self):
        self.tabs = queries.tabs_for(self.membership)
        tab = self.request.GET.get("tab", "")
        self.tab = tab if tab in self.tabs else self.tabs[0]
        self.filter_form = ReferralFilterForm(self.request.GET or None)
        filters = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        return queries.referrals(
            self.network,
            self.membership,
            tab=self.tab,
            search=filters.get("q", ""),
            status=filters.get("status", ""),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = [
            (
                referral,
                access.can_see_details(self.membership, referral),
            )
            for referral in context["referrals"]
        ]
        labels = {
            queries.TAB_SENT: _("Verstuurd"),
            queries.TAB_INCOMING: _("Binnengekomen"),
            queries.TAB_ALL: _("Alle (zonder persoonsgegevens)"),
        }
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            rows=rows,
            tab=self.tab,
            tabs=[(t, labels[t]) for t in self.tabs],
            filter_form=self.filter_form,
            filtered=any(self.request.GET.get(k) for k in ("q", "status")),
            query_string=query.urlencode(),
            can_view_funnel=self.membership.can(roles.VIEW_FUNNEL),
        )
        return context

    def get(self, request, *args, **kwargs):
        # The list names residents: one SEARCH without a person, with the number shown (each
        # referral's own page is logged when opened) — also when the page comes from the page
        # cache (this session, unchanged data: every referral write is audited).
        def render():
            response = super(ReferralListView, self).get(request, *args, **kwargs)
            response.render()
            return response, (self.tab, len(response.context_data["rows"]))

        # The record is written on its own (accesslog.services.record_list), after the page is
        # rendered and before it is sent.
        response, (tab, count) = pagecache.keep_or_render(request, type(self).__qualname__, render)
        record_list(
            user=request.user,
            network=self.network,
            category=services.LOG_REFERRAL,
            label=f"verwijzingen ({tab})",
            count=count,
            request=request,
        )
        return response


def _detail_url(network, referral) -> str:
    return reverse(
        "referrals:detail", kwargs={"network_slug": network.slug, "referral_uuid": referral.uuid}
    )


class ReferralCreateView(OTPRequiredMixin, NetworkViewMixin, ServiceFormMixin, FormView):
    permission = roles.MAKE_REFERRALS
    template_name = "referrals/referral_form.html"

    def get_form(self, form_class=None):
        data = self.request.POST if self.request.method == "POST" else None
        self.search = (
            self.request.POST.get("q", "")
            if self.request.method == "POST"
            else self.request.GET.get("q", "")
        ).strip()
        initial = {"q": self.search}
        offers = offer_queries.offers(self.network, search=self.search)
        try:
            chosen = uuid.UUID(self.request.GET.get("aanbod", ""))
        except ValueError:
            chosen = None
        if chosen:
            initial["offer"] = offers.filter(uuid=chosen).values_list("pk", flat=True).first()
        return ReferralForm(
            data,
            initial=initial,
            offers=offers,
            partners=queries.receiving_partners(self.network),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["search_form"] = OfferSearchForm(initial={"q": self.search})
        context["search"] = self.search
        return context

    success_message = gettext_lazy(
        "De verwijzing is verstuurd. Je krijgt bericht zodra de status verandert."
    )

    def perform(self, form):
        return services.referral_create(
            acting_user=self.request.user,
            membership=self.membership,
            network=self.network,
            request=self.request,
            **form.service_fields(),
        )

    def show_success(self):
        super().show_success()
        referral = self.result
        if not services.receiving_members(self.network, referral.receiving_partner):
            messages.warning(
                self.request,
                _(
                    "Bij %(organisation)s werkt nog niemand met wijknet die verwijzingen "
                    "ontvangt. Neem zelf contact op, of vraag de kartrekker iemand uit te "
                    "nodigen."
                )
                % {"organisation": referral.receiving_partner.organisation.name},
            )

    def get_success_url(self):
        return _detail_url(self.network, self.result)


class _ReferralPage(OTPRequiredMixin, NetworkViewMixin, LoggedReadMixin):
    """One referral's page: second factor, the referral loaded (404 unless the member may see
    it) and the read logged, in one transaction."""

    permission = roles.MAKE_REFERRALS
    log_category = services.LOG_REFERRAL

    def load_subject(self, request, *args, **kwargs):
        self.seen = access.get_referral(self.network, self.membership, kwargs["referral_uuid"])

    def log_subject_uuid(self):
        return self.seen.referral.uuid

    def log_detail(self) -> str:
        return "" if self.seen.details_visible else "zonder persoonsgegevens"


class ReferralDetailView(_ReferralPage, TemplateView):
    template_name = "referrals/referral_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        seen = self.seen
        referral = seen.referral
        context.update(
            referral=referral,
            seen=seen,
            events=list(referral.events.select_related("by").order_by("at", "pk")),
            status_form=StatusForm(referral=referral) if seen.can_update else None,
            may_erase=access.may_erase(self.membership, referral),
        )
        return context


def _moment(day):
    """A date from the status form as a moment: now for today (or no date), else noon."""
    if day is None or day == timezone.localdate():
        return None
    return timezone.make_aware(datetime.combine(day, time(12)))


class ReferralStatusView(_ReferralPage, ServiceFormMixin, FormView):
    """The receiving partner moves the referral on (a page of its own and a form on the
    detail page)."""

    template_name = "referrals/referral_status.html"

    def load_subject(self, request, *args, **kwargs):
        super().load_subject(request, *args, **kwargs)
        if not self.seen.is_receiver:
            raise PermissionDenied

    def get_form(self, form_class=None):
        data = self.request.POST if self.request.method == "POST" else None
        return StatusForm(data, referral=self.seen.referral)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["referral"] = self.seen.referral
        context["seen"] = self.seen
        return context

    def perform(self, form):
        data = form.cleaned_data
        return services.referral_update_status(
            acting_user=self.request.user,
            membership=self.membership,
            referral=self.seen.referral,
            status=data["status"],
            expected_version=data["version"],
            at=_moment(data.get("at")),
            end_reason=data.get("end_reason", ""),
            note=data.get("note", ""),
            request=self.request,
        )

    def get_success_message(self):
        return _("De status is nu: %(status)s. De verwijzer krijgt hiervan bericht.") % {
            "status": self.seen.referral.get_status_display()
        }

    def get_success_url(self):
        return _detail_url(self.network, self.seen.referral)


class ReferralFhirView(_ReferralPage, TemplateView):
    """The referral as a FHIR Bundle (ServiceRequest + Task), for referrer and receiver. It
    holds all the resident's data: it is also the AVG export of a referral (art. 15/20)."""

    log_category = services.LOG_EXPORT
    log_action = Action.EXPORT

    def load_subject(self, request, *args, **kwargs):
        super().load_subject(request, *args, **kwargs)
        if not self.seen.details_visible:
            raise PermissionDenied

    def get(self, request, *args, **kwargs):
        referral = self.seen.referral
        events = list(referral.events.order_by("at", "pk"))
        bundle = fhir.referral_bundle(referral, events, timestamp=timezone.now())
        response = HttpResponse(
            json.dumps(bundle, ensure_ascii=False, indent=2),
            content_type=f"{fhir.FHIR_JSON}; charset=utf-8",
        )
        response["Content-Disposition"] = content_disposition_header(
            True, f"verwijzing-{referral.uuid}.fhir.json"
        )
        return response


class ReferralEraseView(_ReferralPage, ServiceFormMixin, FormView):
    """Erasure on the resident's request, by referrer or receiver, confirmed by the name."""

    template_name = "referrals/referral_erase.html"
    form_class = EraseForm

    def load_subject(self, request, *args, **kwargs):
        super().load_subject(request, *args, **kwargs)
        if not access.may_erase(self.membership, self.seen.referral):
            raise PermissionDenied

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["referral"] = self.seen.referral
        return context

    def get_success_message(self):
        return _("Alle gegevens van deze verwijzing zijn gewist.")

    def perform(self, form):
        return services.referral_erase(
            acting_user=self.request.user,
            membership=self.membership,
            referral=self.seen.referral,
            confirm_name=form.cleaned_data["confirm_name"],
            request=self.request,
        )

    def get_success_url(self):
        return reverse("referrals:list", kwargs={"network_slug": self.network.slug})


class FunnelView(CachedPageMixin, NetworkViewMixin, TemplateView):
    """The doorstroom: how many referred residents reached each stage, and how fast."""

    permission = roles.VIEW_FUNNEL
    template_name = "referrals/funnel.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        default_from, default_to = queries.default_period()
        form = PeriodForm(self.request.GET or None)
        period = form.cleaned_data if form.is_valid() else {}
        date_from = period.get("van") or default_from
        date_to = period.get("tot") or default_to
        if not form.is_bound:
            form = PeriodForm(initial={"van": default_from, "tot": default_to})
        funnel = queries.funnel(self.network, date_from, date_to)
        chart, chart_hidden = funnel_chart(funnel)
        context.update(
            form=form,
            funnel=funnel,
            min_group=queries.MIN_GROUP,
            chart=chart,
            chart_hidden=chart_hidden,
            can_refer=self.membership.can(roles.MAKE_REFERRALS),
            stages=queries.STAGES,
            status_labels=dict(Status.choices),
        )
        return context
