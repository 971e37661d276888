"""Referral pages. Permissions: MAKE_REFERRALS for the lists, creating and the detail page
(which referral one sees is decided per object in access.py); VIEW_FUNNEL for the funnel,
which shows aggregated numbers only.

Every page that can show a resident's personal data (list, create, detail, status, FHIR) needs
a second factor first (OTPRequiredMixin before NetworkViewMixin, as in casework: an unverified
member is sent to the two-factor page whatever their role) and is sent with Cache-Control:
no-store (urls.py wraps it in never_cache). The funnel needs neither, so a viewer (funder) can
read it."""

import json
import uuid
from datetime import datetime, time

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView, TemplateView

from wijknet.accounts.twofactor import OTPRequiredMixin
from wijknet.core import charts
from wijknet.core.htmx import is_htmx
from wijknet.core.views import NetworkViewMixin
from wijknet.networks import roles
from wijknet.networks.views import apply_validation_error
from wijknet.offers import queries as offer_queries

from . import access, fhir, queries, services
from .forms import OfferSearchForm, PeriodForm, ReferralFilterForm, ReferralForm, StatusForm
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
                services.is_referrer(self.membership, referral)
                or services.is_receiver(self.membership, referral),
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


class ReferralCreateView(OTPRequiredMixin, NetworkViewMixin, FormView):
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

    def form_valid(self, form):
        try:
            referral = services.referral_create(
                acting_user=self.request.user,
                membership=self.membership,
                network=self.network,
                **form.service_fields(),
            )
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("De verwijzing is verstuurd. Je krijgt bericht zodra de status verandert."),
        )
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
        return redirect(
            "referrals:detail", network_slug=self.network.slug, referral_uuid=referral.uuid
        )


class ReferralDetailView(OTPRequiredMixin, NetworkViewMixin, TemplateView):
    permission = roles.MAKE_REFERRALS
    template_name = "referrals/referral_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        seen = access.get_referral(self.network, self.membership, self.kwargs["referral_uuid"])
        referral = seen.referral
        context.update(
            referral=referral,
            seen=seen,
            events=list(referral.events.select_related("by").order_by("at", "pk")),
            status_form=StatusForm(referral=referral) if seen.can_update else None,
        )
        return context


def _moment(day):
    """A date from the status form as a moment: now for today (or no date), else noon."""
    if day is None or day == timezone.localdate():
        return None
    return timezone.make_aware(datetime.combine(day, time(12)))


class ReferralStatusView(OTPRequiredMixin, NetworkViewMixin, FormView):
    """The receiving partner moves the referral on (a page of its own and a form on the
    detail page)."""

    permission = roles.MAKE_REFERRALS
    template_name = "referrals/referral_status.html"

    def get_form(self, form_class=None):
        self.seen = access.get_referral(self.network, self.membership, self.kwargs["referral_uuid"])
        if not self.seen.is_receiver:
            raise PermissionDenied
        data = self.request.POST if self.request.method == "POST" else None
        return StatusForm(data, referral=self.seen.referral)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["referral"] = self.seen.referral
        context["seen"] = self.seen
        return context

    def form_valid(self, form):
        referral = self.seen.referral
        data = form.cleaned_data
        try:
            services.referral_update_status(
                acting_user=self.request.user,
                membership=self.membership,
                referral=referral,
                status=data["status"],
                expected_version=data["version"],
                at=_moment(data.get("at")),
                end_reason=data.get("end_reason", ""),
                note=data.get("note", ""),
            )
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("De status is nu: %(status)s. De verwijzer krijgt hiervan bericht.")
            % {"status": referral.get_status_display()},
        )
        return redirect(
            "referrals:detail", network_slug=self.network.slug, referral_uuid=referral.uuid
        )


class ReferralFhirView(OTPRequiredMixin, NetworkViewMixin, TemplateView):
    """The referral as a FHIR Bundle (ServiceRequest + Task), for referrer and receiver."""

    permission = roles.MAKE_REFERRALS

    def get(self, request, *args, **kwargs):
        seen = access.get_referral(self.network, self.membership, kwargs["referral_uuid"])
        if not seen.details_visible:
            raise PermissionDenied
        referral = seen.referral
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


class FunnelView(NetworkViewMixin, TemplateView):
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
        shown = [
            (stage.label, stage.reached.value)
            for stage in funnel.overall.stages
            if not stage.reached.hidden
        ]
        context.update(
            form=form,
            funnel=funnel,
            min_group=queries.MIN_GROUP,
            chart=charts.horizontal_bars(shown, title=_("Doorstroom: aantal bewoners per stap"))
            if shown
            else None,
            chart_hidden=len(shown) < len(funnel.overall.stages),
            can_refer=self.membership.can(roles.MAKE_REFERRALS),
            stages=queries.STAGES,
            status_labels=dict(Status.choices),
        )
        return context
