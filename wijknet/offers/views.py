"""Social map pages. Permissions: view = VIEW_PARTNERS; change = EDIT_PARTNERS for any offer,
or a member with the role partner for their own organisation's offers (checked in services)."""

import csv
import json

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from wijknet.core.htmx import is_htmx
from wijknet.core.mixins import (
    CsvImportMixin,
    NetworkViewMixin,
    ServiceActionMixin,
    ServiceFormMixin,
)
from wijknet.core.pagination import bounded
from wijknet.networks import roles

from . import access, hsds, imports, queries, services
from .forms import ImportForm, OfferEndForm, OfferFilterForm, OfferForm


class OfferListView(NetworkViewMixin, ListView):
    permission = roles.VIEW_PARTNERS
    template_name = "offers/offer_list.html"
    context_object_name = "offers"
    paginate_by = 25

    def get_template_names(self):
        if is_htmx(self.request):
            return [self.template_name + "#results"]
        return [self.template_name]

    def get_queryset(self):
        self.places = queries.places(self.network)
        self.filter_form = OfferFilterForm(self.request.GET or None, places=self.places)
        filters = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        return queries.offers(
            self.network,
            search=filters.get("q", ""),
            kind=filters.get("kind", ""),
            target_group=filters.get("target_group", ""),
            age=filters.get("age"),
            reimbursed=filters.get("reimbursed", ""),
            place=filters.get("place", ""),
            include_inactive=filters.get("inactive", False),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        context["filtered"] = any(
            self.request.GET.get(k)
            for k in ("q", "kind", "target_group", "age", "reimbursed", "place", "inactive")
        )
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_string"] = query.urlencode()
        context["places"] = self.places
        context["can_edit_any"] = access.can_edit_any(self.membership)
        context["can_create"] = queries.providers_for(self.network, self.membership).exists()
        context["stale_days"] = queries.stale_after_days()
        return context


class OfferDetailView(NetworkViewMixin, TemplateView):
    permission = roles.VIEW_PARTNERS
    template_name = "offers/offer_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        offer = access.get_offer(self.network, self.kwargs["offer_uuid"])
        context["offer"] = offer
        context["is_stale"] = queries.is_stale(offer)
        context["is_active"] = queries.is_active(offer)
        context["can_edit"] = access.can_edit_for(self.membership, offer.provider)
        context["stale_days"] = queries.stale_after_days()
        return context


def _detail_url(network, offer) -> str:
    return reverse("offers:detail", kwargs={"network_slug": network.slug, "offer_uuid": offer.uuid})


class OfferCreateView(NetworkViewMixin, ServiceFormMixin, FormView):
    permission = roles.VIEW_PARTNERS
    template_name = "offers/offer_form.html"
    success_message = gettext_lazy("Het aanbod is toegevoegd aan de sociale kaart.")

    def get_form(self, form_class=None):
        providers = queries.providers_for(self.network, self.membership)
        if not providers.exists():
            raise PermissionDenied
        return OfferForm(self.request.POST or None, providers=providers)

    def perform(self, form):
        return services.offer_create(
            acting_user=self.request.user,
            membership=self.membership,
            network=self.network,
            provider=form.cleaned_data["provider"],
            **form.service_fields(),
        )

    def get_success_url(self):
        return _detail_url(self.network, self.result)


class _OfferChangeMixin(NetworkViewMixin):
    """Loads the offer (404 for another network's) and refuses members who may not change it."""

    permission = roles.VIEW_PARTNERS

    def load_offer(self):
        self.offer = access.get_offer(self.network, self.kwargs["offer_uuid"])
        if not access.can_edit_for(self.membership, self.offer.provider):
            raise PermissionDenied
        return self.offer

    def get_success_url(self):
        return _detail_url(self.network, self.offer)


class OfferEditView(_OfferChangeMixin, ServiceFormMixin, FormView):
    template_name = "offers/offer_form.html"
    context_subject = "offer"
    success_message = gettext_lazy("Het aanbod is opgeslagen.")

    def get_form(self, form_class=None):
        self.load_offer()
        return OfferForm(
            self.request.POST or None,
            instance=self.offer,
            providers=queries.providers_for(self.network, self.membership),
        )

    def perform(self, form):
        return services.offer_update(
            acting_user=self.request.user,
            membership=self.membership,
            offer=self.offer,
            expected_version=form.cleaned_data.get("version") or 0,
            provider=form.cleaned_data["provider"],
            **form.service_fields(),
        )


class OfferEndView(_OfferChangeMixin, ServiceFormMixin, FormView):
    template_name = "offers/offer_end.html"
    context_subject = "offer"
    confirm = True
    success_message = gettext_lazy("Het aanbod is beëindigd.")

    def get_form(self, form_class=None):
        self.load_offer()
        return OfferEndForm(self.request.POST if self.request.method == "POST" else None)

    def perform(self, form):
        return services.offer_end(
            acting_user=self.request.user,
            membership=self.membership,
            offer=self.offer,
            active_to=form.cleaned_data.get("active_to"),
        )


class OfferConfirmView(_OfferChangeMixin, ServiceActionMixin, View):
    """POST only: "dit aanbod is nog actueel"."""

    http_method_names = ["post"]
    success_message = gettext_lazy("Bedankt: het aanbod is bevestigd als actueel.")

    def perform(self):
        return services.offer_confirm(
            acting_user=self.request.user, membership=self.membership, offer=self.load_offer()
        )


class StaleListView(NetworkViewMixin, TemplateView):
    """For the coordinator: offers nobody confirmed recently, to ask their providers."""

    permission = roles.EDIT_PARTNERS
    template_name = "offers/stale_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["offers"] = bounded(
            self.request, queries.stale_offers(self.network), key="aanbod", preview=25
        )
        context["stale_days"] = queries.stale_after_days()
        return context


class PrintListView(NetworkViewMixin, TemplateView):
    """A printable list of active offers per place (wijk, dorp); all places without a choice."""

    permission = roles.VIEW_PARTNERS
    template_name = "offers/print.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        places = queries.places(self.network)
        chosen = self.request.GET.get("plaats", "")
        offers = list(queries.offers(self.network).order_by("place", "kind", "title", "pk"))
        if chosen:
            offers = [o for o in offers if o.place.lower() == chosen.lower()]
        groups: dict[str, list] = {}
        for offer in offers:
            groups.setdefault(offer.place or _("Zonder plaats"), []).append(offer)
        context.update(places=places, chosen=chosen, groups=list(groups.items()))
        return context


class HsdsExportView(NetworkViewMixin, View):
    permission = roles.VIEW_PARTNERS

    def get(self, request, *args, **kwargs):
        data = hsds.export(self.network, queries.offers(self.network))
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = content_disposition_header(
            True, f"{slugify(self.network.slug)}-sociale-kaart-hsds.json"
        )
        return response


class ImportView(NetworkViewMixin, CsvImportMixin, View):
    permission = roles.EDIT_PARTNERS
    template_name = "offers/import.html"
    import_form_class = ImportForm

    def problems(self, upload):
        return imports.problems(upload, self.network, self.membership)

    def problems_filename(self):
        return f"{slugify(self.network.slug)}-sociale-kaart-problemen.csv"

    def parse(self, upload):
        return imports.parse_csv(upload, self.network, self.membership)

    def perform(self, parsed):
        return imports.offers_import(
            acting_user=self.request.user,
            membership=self.membership,
            network=self.network,
            rows=parsed.rows,
        )

    def get_success_message(self, created):
        return ngettext(
            "%(n)s aanbod is toegevoegd aan de sociale kaart.",
            "%(n)s aanbiedingen zijn toegevoegd aan de sociale kaart.",
            len(created),
        ) % {"n": len(created)}

    def get_success_url(self):
        return reverse("offers:list", kwargs={"network_slug": self.network.slug})

    def get_import_context(self):
        return {"columns": list(imports.COLUMNS), "required": imports.REQUIRED}


class ImportTemplateView(NetworkViewMixin, View):
    permission = roles.EDIT_PARTNERS

    def get(self, request, *args, **kwargs):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = content_disposition_header(
            True, "sociale-kaart-sjabloon.csv"
        )
        response.write("\ufeff")
        csv.writer(response).writerows(imports.template_rows())
        return response
