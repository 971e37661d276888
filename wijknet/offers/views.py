"""Social map pages. Permissions: view = VIEW_PARTNERS; change = EDIT_PARTNERS for any offer,
or a member with the role partner for their own organisation's offers (checked in services)."""

import csv
import datetime
import json
import uuid

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import FormView, ListView, TemplateView
from django_scopes import scope

from wijknet.core.htmx import is_htmx
from wijknet.core.mixins import (
    CsvImportMixin,
    NetworkViewMixin,
    ServiceActionMixin,
    ServiceFormMixin,
)
from wijknet.core.pagecache import CachedPageMixin
from wijknet.core.pagination import bounded
from wijknet.networks import roles

from . import access, hsds, hsds_import, imports, queries, services, taxonomy
from .forms import (
    HsdsImportForm,
    HsdsPublicationForm,
    ImportForm,
    OfferEndForm,
    OfferFilterForm,
    OfferForm,
)
from .models import OfferKind


class OfferListView(CachedPageMixin, NetworkViewMixin, ListView):
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
        context["can_publish_hsds"] = access.can_publish_hsds(self.membership)
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


def _json_download(data, filename: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


class HsdsExportView(NetworkViewMixin, View):
    """The social map in the HSDS tabular form, for members (with the offers' contacts)."""

    permission = roles.VIEW_PARTNERS

    def get(self, request, *args, **kwargs):
        data = hsds.tabular(queries.offers(self.network), contacts=True)
        return _json_download(data, f"{slugify(self.network.slug)}-sociale-kaart-hsds.json")


class HsdsServicesExportView(NetworkViewMixin, View):
    """The social map as a list of nested HSDS services, for members (with contacts): the
    file the HSDS import reads."""

    permission = roles.VIEW_PARTNERS

    def get(self, request, *args, **kwargs):
        data = hsds.services_full(queries.offers(self.network), contacts=True)
        return _json_download(
            data, f"{slugify(self.network.slug)}-sociale-kaart-hsds-diensten.json"
        )


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


# --- the public HSDS 3.0 API (docs/hsds.md) ------------------------------------------------


class HsdsRequestError(Exception):
    """A query parameter the API cannot use: a 400 with the reason."""


def _api_json(data, status=200) -> JsonResponse:
    response = JsonResponse(
        data, status=status, safe=False, json_dumps_params={"ensure_ascii": False}
    )
    # Read-only open data for other social maps, also from their browsers.
    response["Access-Control-Allow-Origin"] = "*"
    if status == 200:
        response["Cache-Control"] = "public, max-age=300"
    return response


def _not_found() -> JsonResponse:
    return _api_json({"detail": "Not found"}, status=404)


def _flag(request, name: str) -> bool:
    value = request.GET.get(name, "").strip().lower()
    if value in ("", "false", "0", "no"):
        return False
    if value in ("true", "1", "yes"):
        return True
    raise HsdsRequestError(f"{name}: use true or false")


def _positive(request, name: str, default: int, maximum: int | None = None) -> int:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise HsdsRequestError(f"{name}: not a whole number") from None
    if value < 1:
        raise HsdsRequestError(f"{name}: must be 1 or more")
    return min(value, maximum) if maximum else value


def _moment(request, name: str):
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    try:
        value = datetime.datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise HsdsRequestError(f"{name}: not an ISO 8601 date or date-time") from None
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def _uuid(value: str):
    try:
        return uuid.UUID(value)
    except (ValueError, AttributeError):
        return None


class HsdsApiView(View):
    """Base of the public, read-only HSDS 3.0 API of one network, at /hsds/<slug>/…: no login
    and no token, only for a network that publishes its social map (`access.may_read_hsds`),
    else 404. Only what the social map shows publicly: active offers, without contacts. The
    URL names no `network_slug`, so the tenancy middleware stays out; the view opens the scope
    itself."""

    PER_PAGE = 50
    MAX_PER_PAGE = 100

    def dispatch(self, request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return _api_json({"detail": "Method not allowed"}, status=405)
        row = queries.hsds_settings_by_slug(kwargs["hsds_network"])
        if not access.may_read_hsds(row):
            return _not_found()
        self.network = row.network
        with scope(network=self.network):
            try:
                data = self.data(request, **kwargs)
            except HsdsRequestError as error:
                return _api_json({"detail": str(error)}, status=400)
        return _not_found() if data is None else _api_json(data)

    def data(self, request, **kwargs):
        raise NotImplementedError

    def paged(self, request, items) -> dict:
        """One page of a queryset (a count and a slice: two queries) or a list, with each item
        through `self.item`."""
        number = _positive(request, "page", 1)
        per_page = _positive(request, "per_page", self.PER_PAGE, self.MAX_PER_PAGE)
        total = len(items) if isinstance(items, list) else items.count()
        start = (number - 1) * per_page
        chosen = list(items[start : start + per_page]) if start < total else []
        return hsds.page(
            self.contents(request, chosen), total=total, number=number, per_page=per_page
        )

    def contents(self, request, items) -> list:
        return items

    def offers(self, request, **filters):
        term = request.GET.get("taxonomy_term_id", "").strip()
        taxonomy_id = request.GET.get("taxonomy_id", "").strip()
        organization = request.GET.get("organization_id", "").strip()
        qs = queries.hsds_offers(
            self.network,
            search=request.GET.get("search", "").strip()[:100],
            taxonomy_term_id=term,
            organization_id=_uuid(organization) if organization else None,
            modified_after=_moment(request, "modified_after"),
            **filters,
        )
        if (organization and _uuid(organization) is None) or (
            taxonomy_id and taxonomy_id != taxonomy.TAXONOMY_ID
        ):
            return qs.none()
        return qs


class HsdsRootView(HsdsApiView):
    def data(self, request, **kwargs):
        return {"version": hsds.HSDS_VERSION}


class HsdsServiceListView(HsdsApiView):
    def data(self, request, **kwargs):
        return self.paged(request, self.offers(request))

    def contents(self, request, items):
        if _flag(request, "full"):
            return hsds.services_full(items)
        today = timezone.localdate()
        return [hsds.service_row(offer, today=today) for offer in items]


class HsdsServiceView(HsdsApiView):
    def data(self, request, hsds_service_id, **kwargs):
        offer = queries.hsds_offers(self.network).filter(uuid=hsds_service_id).first()
        return hsds.services_full([offer])[0] if offer else None


class HsdsOrganizationListView(HsdsApiView):
    def data(self, request, **kwargs):
        self.offer_qs = self.offers(request)
        return self.paged(request, queries.hsds_organisations(self.network, self.offer_qs))

    def contents(self, request, items):
        rows = [hsds.organization_row(organisation) for organisation in items]
        full, full_service = _flag(request, "full"), _flag(request, "full_service")
        if rows and (full or full_service):
            services = _services_by_organisation(self.offer_qs, items, full=full_service)
            for row, organisation in zip(rows, items, strict=True):
                row["services"] = services.get(organisation.pk, [])
        return rows


def _services_by_organisation(offer_qs, organisations, *, full: bool) -> dict:
    """The services of these organisations (one query), at most MAX_SERVICES each."""
    offers = list(
        offer_qs.filter(provider__organisation__in=organisations)[
            : MAX_SERVICES * len(organisations)
        ]
    )
    rows = hsds.services_full(offers) if full else [hsds.service_row(o) for o in offers]
    grouped: dict[int, list] = {}
    for offer, row in zip(offers, rows, strict=True):
        found = grouped.setdefault(offer.provider.organisation_id, [])
        if len(found) < MAX_SERVICES:
            found.append(row)
    return grouped


MAX_SERVICES = 500  # of one organisation in an organisation's response


class HsdsOrganizationView(HsdsApiView):
    def data(self, request, hsds_organization_id, **kwargs):
        offer_qs = queries.hsds_offers(self.network)
        organisation = (
            queries.hsds_organisations(self.network, offer_qs)
            .filter(uuid=hsds_organization_id)
            .first()
        )
        if organisation is None:
            return None
        row = hsds.organization_row(organisation)
        services = _services_by_organisation(
            offer_qs, [organisation], full=_flag(request, "full_service")
        )
        row["services"] = services.get(organisation.pk, [])
        return row


class HsdsTaxonomyListView(HsdsApiView):
    def data(self, request, **kwargs):
        search = request.GET.get("search", "").strip().lower()
        rows = [hsds.taxonomy_row()]
        rows = [r for r in rows if not search or search in (r["name"] + r["description"]).lower()]
        return self.paged(request, rows)


class HsdsTaxonomyTermListView(HsdsApiView):
    def data(self, request, **kwargs):
        search = request.GET.get("search", "").strip().lower()
        taxonomy_id = request.GET.get("taxonomy_id", "").strip()
        parent_id = request.GET.get("parent_id", "").strip()
        top_only = _flag(request, "top_only")
        rows = [
            row
            for row in hsds.terms()
            if (not search or search in f"{row['code']} {row['name']} {row['description']}".lower())
            and (not taxonomy_id or taxonomy_id == row["taxonomy_id"])
            and (not parent_id or parent_id == row.get("parent_id"))
            and (not top_only or "parent_id" not in row)
        ]
        return self.paged(request, rows)


class HsdsServiceAtLocationListView(HsdsApiView):
    def data(self, request, **kwargs):
        return self.paged(request, self.offers(request, located=True))

    def contents(self, request, items):
        full = _flag(request, "full")
        rows = []
        for offer in items:
            row = hsds.service_at_location_row(offer)
            if full:
                row["location"] = hsds.location_full(offer)
            rows.append(row)
        return rows


class HsdsSettingsView(NetworkViewMixin, ServiceFormMixin, FormView):
    """The kartrekker publishes the social map as an open HSDS API, or stops."""

    permission = roles.EDIT_NETWORK
    template_name = "offers/hsds_settings.html"
    success_message = gettext_lazy("De keuze over publiceren is opgeslagen.")

    def get_form(self, form_class=None):
        row = queries.social_map_settings(self.network)
        self.published = bool(row and row.hsds_published)
        data = self.request.POST if self.request.method == "POST" else None
        return HsdsPublicationForm(data, initial={"hsds_published": self.published})

    def perform(self, form):
        return services.hsds_publication_set(
            acting_user=self.request.user,
            membership=self.membership,
            network=self.network,
            published=form.cleaned_data["hsds_published"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["published"] = self.published
        context["api_url"] = self.request.build_absolute_uri(
            reverse("offers:hsds_api_root", kwargs={"hsds_network": self.network.slug})
        )
        return context

    def get_success_url(self):
        return reverse("offers:hsds_settings", kwargs={"network_slug": self.network.slug})


class HsdsImportView(NetworkViewMixin, CsvImportMixin, View):
    """Import an HSDS 3.0 dataset: check (with a preview), then all or nothing."""

    permission = roles.EDIT_PARTNERS
    template_name = "offers/hsds_import.html"
    import_form_class = HsdsImportForm
    preview_field = "preview"

    def _default_kind(self) -> str:
        value = self.request.POST.get("default_kind", "")
        return value if value in OfferKind.values else OfferKind.WELZIJN

    def problems(self, upload):
        return hsds_import.problems(
            upload, self.network, self.membership, default_kind=self._default_kind()
        )

    def problems_filename(self):
        return f"{slugify(self.network.slug)}-hsds-import-problemen.csv"

    def parse(self, upload):
        return hsds_import.parse(
            upload, self.network, self.membership, default_kind=self._default_kind()
        )

    def perform(self, parsed):
        return hsds_import.hsds_import(
            acting_user=self.request.user,
            membership=self.membership,
            network=self.network,
            planned=parsed.planned,
        )

    def get_success_message(self, done):
        return _(
            "HSDS-import: %(created)s nieuw, %(updated)s bijgewerkt, %(skipped)s overgeslagen."
        ) % {
            "created": done["create"],
            "updated": done["update"],
            "skipped": done["skip"],
        }

    def get_success_url(self):
        return reverse("offers:list", kwargs={"network_slug": self.network.slug})
