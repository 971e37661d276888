"""/api/v1/: read the network's data as the token's member sees it on the web.

Each view names the permission of the matching web page (networks/roles.py) and reads through
that app's queries and access helpers; writes go through that app's services.
"""

import dataclasses
import json

from django.db import transaction
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.csp import CSP
from django.utils.decorators import method_decorator
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.csp import csp_override
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from drf_spectacular.views import SpectacularRedocView
from rest_framework import exceptions, generics, status
from rest_framework.response import Response

from wijknet.accesslog.models import Action as AccessAction
from wijknet.accesslog.services import record_list
from wijknet.actions import access as action_access
from wijknet.actions import queries as action_queries
from wijknet.actions import services as action_services
from wijknet.agreements import queries as agreement_queries
from wijknet.casework import access as casework_access
from wijknet.casework import fhir as casework_fhir
from wijknet.casework import services as casework_services
from wijknet.health import monitor as health_monitor
from wijknet.meetings import queries as meeting_queries
from wijknet.networks import access as network_access
from wijknet.networks import queries as network_queries
from wijknet.networks import roles
from wijknet.offers import access as offer_access
from wijknet.offers import queries as offer_queries
from wijknet.referrals import access as referral_access
from wijknet.referrals import fhir as referral_fhir
from wijknet.referrals import queries as referral_queries
from wijknet.referrals import services as referral_services
from wijknet.scans import queries as scan_queries
from wijknet.volunteering import queries as volunteering_queries

from . import access as api_access
from . import filters, serializers
from .rest import CachedListMixin, NetworkAPIView, PagePagination, etag, expected_version


class NetworkList(NetworkAPIView, generics.ListAPIView):
    """The networks the token's user is a current member of."""

    serializer_class = serializers.NetworkSerializer
    pagination_class = PagePagination
    filter_backends = []  # a list of memberships, not a queryset

    def network_queryset(self):
        return [m.network for m in network_queries.memberships_of_user(self.request.user)]


class PartnerList(CachedListMixin, NetworkAPIView, generics.ListAPIView):
    """Active partners of the token's network, with their organisation; in the order they were
    added (stable while paging, and an index range however large the network)."""

    permission = roles.VIEW_PARTNERS
    serializer_class = serializers.PartnerSerializer
    pagination_class = PagePagination
    filterset_class = filters.PartnerFilter
    ordering_fields = ["joined_on"]

    def network_queryset(self):
        return network_queries.partners(self.network).order_by("pk")


class PartnerDetail(NetworkAPIView, generics.RetrieveAPIView):
    permission = roles.VIEW_PARTNERS
    serializer_class = serializers.PartnerSerializer

    def get_object(self):
        return network_access.get_partner(self.network, self.kwargs["uuid"])


class MemberList(CachedListMixin, NetworkAPIView, generics.ListAPIView):
    """Current members: names and roles; e-mail addresses only for roles that manage members
    (as on the web's member page). In the order they joined: sorting by name would sort every
    member of the network on each page (4 ms at 2,400 members)."""

    permission = roles.VIEW_MEMBERS
    pagination_class = PagePagination

    def get_serializer_class(self):
        membership = getattr(self, "membership", None)
        if membership is not None and membership.can(roles.MANAGE_MEMBERS):
            return serializers.MemberWithContactSerializer
        return serializers.MemberSerializer

    @extend_schema(responses=serializers.MemberSchemaSerializer(many=True))
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def network_queryset(self):
        return network_queries.members(self.network).order_by("pk")


class GoalList(CachedListMixin, NetworkAPIView, generics.ListAPIView):
    permission = roles.VIEW_ACTIONS
    serializer_class = serializers.GoalSerializer
    pagination_class = PagePagination
    filterset_class = filters.GoalFilter
    ordering_fields = ["target_date", "title", "status"]

    def network_queryset(self):
        return action_queries.goals(self.network)


class GoalDetail(NetworkAPIView, generics.RetrieveAPIView):
    permission = roles.VIEW_ACTIONS
    serializer_class = serializers.GoalSerializer

    def get_object(self):
        return action_access.get_goal(self.network, self.kwargs["uuid"])

    def retrieve(self, request, *args, **kwargs):
        goal = self.get_object()
        return Response(serializers.GoalSerializer(goal).data, headers=etag(goal))


IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description="De `version` van het object zoals gelezen (ETag); anders 412.",
)


class ActionList(CachedListMixin, NetworkAPIView, generics.ListCreateAPIView):
    """Actions of the network; POST creates one (write token, role with edit_actions)."""

    serializer_class = serializers.ActionSerializer
    pagination_class = PagePagination
    filterset_class = filters.ActionFilter
    ordering_fields = ["due_on", "title", "status", "completed_on"]

    @property
    def permission(self):
        return roles.VIEW_ACTIONS if self.request.method == "GET" else roles.EDIT_ACTIONS

    def network_queryset(self):
        return action_queries.actions(self.network)

    @extend_schema(request=serializers.ActionWriteSerializer)
    def post(self, request, *args, **kwargs):
        data = serializers.ActionWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if "title" not in data.validated_data:
            raise exceptions.ValidationError({"title": [str(exceptions.ErrorDetail("required"))]})
        action = action_services.action_create(
            acting_user=request.user, network=self.network, **data.validated_data
        )
        action = action_access.get_action(self.network, action.uuid)
        body = serializers.ActionSerializer(action).data
        return Response(
            body, status=status.HTTP_201_CREATED, headers={"ETag": f'"{action.version}"'}
        )


class ActionDetail(NetworkAPIView, generics.RetrieveAPIView):
    """One action; PATCH changes it (editors everything, the owner its status and result) and
    needs `If-Match` with the version read, so that a stale update is refused."""

    permission = roles.VIEW_ACTIONS
    serializer_class = serializers.ActionSerializer

    def get_object(self):
        return action_access.get_action(self.network, self.kwargs["uuid"])

    def retrieve(self, request, *args, **kwargs):
        action = self.get_object()
        return Response(
            serializers.ActionSerializer(action).data, headers={"ETag": f'"{action.version}"'}
        )

    @extend_schema(request=serializers.ActionWriteSerializer, parameters=[IF_MATCH])
    def patch(self, request, *args, **kwargs):
        action = self.get_object()
        data = serializers.ActionWriteSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        version = expected_version(request, action.version)
        # A refusal of the service (ValidationError, or ConcurrentEditError when another write
        # landed in between) becomes a problem response in rest.problem_exception_handler.
        action = action_services.action_update(
            acting_user=request.user,
            action=action,
            expected_version=version,
            **data.validated_data,
        )
        return Response(
            serializers.ActionSerializer(action).data, headers={"ETag": f'"{action.version}"'}
        )


class MeetingList(CachedListMixin, NetworkAPIView, generics.ListAPIView):
    """Meetings with their decisions, most recent first."""

    permission = roles.VIEW_MEETINGS
    serializer_class = serializers.MeetingSerializer
    pagination_class = PagePagination
    filterset_class = filters.MeetingFilter
    ordering_fields = ["starts_at"]

    def network_queryset(self):
        return meeting_queries.meetings_with_decisions(self.network)


class MeetingDetail(NetworkAPIView, generics.RetrieveAPIView):
    permission = roles.VIEW_MEETINGS
    serializer_class = serializers.MeetingSerializer

    def get_object(self):
        return meeting_queries.get_meeting(self.network, self.kwargs["uuid"])


class SuccessList(CachedListMixin, NetworkAPIView, generics.ListAPIView):
    permission = roles.VIEW_ACTIONS
    serializer_class = serializers.SuccessSerializer
    pagination_class = PagePagination
    filterset_class = filters.SuccessFilter
    ordering_fields = ["happened_on"]

    def network_queryset(self):
        return action_queries.successes(self.network).order_by("-happened_on", "-pk")


# Redoc draws its page with inline styles and a blob: worker; this page shows no data (only the
# public schema), so its policy allows those and nothing else beyond our own origin.
DOCS_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF, "data:"],
    "worker-src": [CSP.SELF, "blob:"],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}


@method_decorator(csp_override(DOCS_CSP), name="dispatch")
class ReferenceView(SpectacularRedocView):
    """The API reference (Redoc, served from our own static files: no CDN)."""

    template_name = "api/redoc.html"


class AgreementView(NetworkAPIView, generics.GenericAPIView):
    """The current version of the collaboration agreement (404 while there is none)."""

    permission = roles.VIEW_AGREEMENT
    serializer_class = serializers.AgreementSerializer

    def get(self, request, *args, **kwargs):
        agreement = agreement_queries.current_agreement(self.network)
        if agreement is None:
            raise Http404
        return Response(serializers.AgreementSerializer(agreement).data)


class FundingList(CachedListMixin, NetworkAPIView, generics.ListAPIView):
    permission = roles.VIEW_AGREEMENT
    serializer_class = serializers.FundingSourceSerializer
    pagination_class = PagePagination
    filterset_class = filters.FundingFilter
    ordering_fields = ["name", "starts_on", "amount"]

    def network_queryset(self):
        return agreement_queries.funding_sources(self.network)


class ScanRoundList(CachedListMixin, NetworkAPIView, generics.ListAPIView):
    """Scan rounds with their invited and submitted counts, newest first."""

    permission = roles.VIEW_SCANS
    serializer_class = serializers.ScanRoundSerializer
    pagination_class = PagePagination

    def network_queryset(self):
        return scan_queries.rounds_of(self.network)


class ScanRoundResults(NetworkAPIView, generics.GenericAPIView):
    """A round's aggregated results per indicator; never single answers, and nothing at all
    below the minimum group size."""

    permission = roles.VIEW_SCANS
    serializer_class = serializers.ScanRoundResultsSerializer

    def get(self, request, *args, **kwargs):
        round_ = scan_queries.get_round(self.network, self.kwargs["uuid"])
        withheld = not api_access.may_show_round_results(round_.submitted)
        indicators = []
        if not withheld:
            results = scan_queries.round_results(round_)
            for inst in results.instruments:
                for group in inst.groups:
                    for ind in group.indicators:
                        indicators.append(
                            {
                                "instrument": inst.instrument.key,
                                "group": group.group.key,
                                "indicator": ind.indicator.key,
                                "name": ind.name,
                                "answers": ind.stats.n,
                                "mean": ind.stats.mean,
                                "sd": ind.stats.sd,
                                "weak": ind.weak,
                            }
                        )
        body = {"round": round_, "withheld": withheld, "indicators": indicators}
        return Response(serializers.ScanRoundResultsSerializer(body).data)


RESOURCES = [
    "networks",
    "partners",
    "members",
    "goals",
    "actions",
    "meetings",
    "successes",
    "agreement",
    "funding",
    "scan_rounds",
    "organisations",
    "health_signals",
    "offers",
    "referrals",
    "help_requests",
]


class Root(generics.GenericAPIView):
    """The entry point: links to the schema, the reference and every resource (public: it
    shows no data)."""

    authentication_classes = []
    permission_classes = []

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request, *args, **kwargs):
        def link(name):
            return request.build_absolute_uri(reverse(f"api:{name}"))

        return Response(
            {
                "schema": link("schema"),
                "docs": link("docs"),
                "resources": {name.replace("_", "-"): link(name) for name in RESOURCES},
            }
        )


# Organisations -------------------------------------------------------------------------------


class OrganisationList(CachedListMixin, NetworkAPIView, generics.ListAPIView):
    """Every organisation the network knows (partners now and before)."""

    permission = roles.VIEW_PARTNERS
    serializer_class = serializers.OrganisationDetailSerializer
    pagination_class = PagePagination
    ordering_fields = ["name"]

    def network_queryset(self):
        return network_queries.organisations(self.network)


# Health signals ------------------------------------------------------------------------------


class _HealthSignals(NetworkAPIView, generics.GenericAPIView):
    permission = roles.VIEW_HEALTH
    serializer_class = serializers.HealthSignalsSerializer

    def get(self, request, *args, **kwargs):
        stored, signals = health_monitor.stored_signals(self.network)
        body = {
            "computed_at": stored.computed_at,
            "stale": stored.stale,
            "signals": [
                {
                    "code": s.code,
                    "severity": s.severity,
                    "title": s.title,
                    "evidence": list(s.evidence),
                    "advice": s.advice,
                    "source": s.source,
                    "fingerprint": s.fingerprint,
                    "acknowledged": s.acknowledged,
                    "ack_status": s.ack_status,
                    "ack_reason": s.ack_reason,
                    "ack_by": s.ack_by,
                    "ack_at": s.ack_at,
                }
                for s in signals
            ],
        }
        return Response(serializers.HealthSignalsSerializer(body).data)


class HealthSignalList(CachedListMixin, _HealthSignals):
    """The stored signals of the health monitor (most severe first), with when they were
    computed: the API reads what the nightly task stored, as the web page does. Bounded by the
    number of rules, so not paged."""


# Offers of the social map --------------------------------------------------------------------


class _Offers(NetworkAPIView):
    permission = roles.VIEW_PARTNERS
    serializer_class = serializers.OfferSerializer

    def hsds_link(self) -> dict:
        """A `Link` to the network's public HSDS API when it publishes its social map (the
        open, token-free form of the same offers: docs/hsds.md)."""
        settings = offer_queries.social_map_settings(self.network)
        if settings is None:
            return {}
        settings.network = self.network
        if not offer_access.may_read_hsds(settings):
            return {}
        url = self.request.build_absolute_uri(
            reverse("offers:hsds_api_root", kwargs={"hsds_network": self.network.slug})
        )
        return {"Link": f'<{url}>; rel="alternate"; type="application/json"'}


class OfferList(CachedListMixin, _Offers, generics.ListAPIView):
    """Active offers of the social map (`include_inactive=true` for all), by title."""

    pagination_class = PagePagination
    filterset_class = filters.OfferFilter
    ordering_fields = ["title", "last_confirmed_at", "created_at"]

    def network_queryset(self):
        # The active-only default is the filter's (include_inactive), as on the web.
        return offer_queries.offers(self.network, include_inactive=True)

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        for name, value in self.hsds_link().items():
            response[name] = value
        return response


class OfferDetail(_Offers, generics.RetrieveAPIView):
    def get_object(self):
        return offer_access.get_offer(self.network, self.kwargs["uuid"])

    def retrieve(self, request, *args, **kwargs):
        offer = self.get_object()
        return Response(
            serializers.OfferSerializer(offer).data, headers={**etag(offer), **self.hsds_link()}
        )


# Referrals: the closed loop for partner systems ----------------------------------------------


class _Referrals(NetworkAPIView):
    """Referrals hold a resident's personal data: a client-data token (as the web's second
    factor), Cache-Control: no-store, and every read logged in the access log as on the web
    (referrals.views)."""

    permission = roles.MAKE_REFERRALS
    client_data = True

    def seen(self):
        return referral_access.get_referral(self.network, self.membership, self.kwargs["uuid"])

    def detail_body(self, seen) -> dict:
        referral = seen.referral
        events = list(referral.events.select_related("by").order_by("at", "pk"))
        context = {
            "details_visible": seen.details_visible,
            "events": events,
            "next_statuses": referral_services.next_statuses(referral) if seen.can_update else (),
        }
        return serializers.ReferralDetailSerializer(referral, context=context).data


REFERRAL_PAGE = OpenApiParameter(
    "tab",
    OpenApiTypes.STR,
    enum=[referral_queries.TAB_SENT, referral_queries.TAB_INCOMING, referral_queries.TAB_ALL],
    description="Zonder: alle verwijzingen die je mag zien.",
)


class ReferralList(_Referrals, generics.ListCreateAPIView):
    """Referrals the token's member may see (referred by them, to their organisation, or as
    coordinator every one), without personal details; POST refers a resident."""

    serializer_class = serializers.ReferralSerializer
    pagination_class = PagePagination
    filterset_class = filters.ReferralFilter
    ordering_fields = ["created_at"]

    def network_queryset(self):
        return referral_queries.visible_referrals(self.network, self.membership)

    def list(self, request, *args, **kwargs):
        # As the web's list: one SEARCH record without a person, with the number shown.
        with transaction.atomic():
            response = super().list(request, *args, **kwargs)
            record_list(
                user=request.user,
                network=self.network,
                category=referral_services.LOG_REFERRAL,
                label="verwijzingen (api)",
                count=len(response.data["results"]),
                request=request,
            )
        return response

    @extend_schema(
        request=serializers.ReferralCreateSerializer,
        responses={201: serializers.ReferralDetailSerializer},
    )
    def post(self, request, *args, **kwargs):
        data = serializers.ReferralCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        offer_uuid = fields.pop("offer", None)
        partner_uuid = fields.pop("receiving_partner", None)
        try:
            offer = offer_access.get_offer(self.network, offer_uuid) if offer_uuid else None
        except Http404:
            raise exceptions.ValidationError({"offer": [_("Onbekend aanbod.")]}) from None
        try:
            partner = (
                network_access.get_partner(self.network, partner_uuid) if partner_uuid else None
            )
        except Http404:
            raise exceptions.ValidationError(
                {"receiving_partner": [_("Onbekende partner.")]}
            ) from None
        referral = referral_services.referral_create(
            acting_user=request.user,
            membership=self.membership,
            network=self.network,
            offer=offer,
            receiving_partner=partner,
            request=request,
            **fields,
        )
        self.kwargs["uuid"] = referral.uuid
        seen = self.seen()
        location = reverse("api:referral", kwargs={"uuid": referral.uuid})
        return Response(
            self.detail_body(seen),
            status=status.HTTP_201_CREATED,
            headers={**etag(seen.referral), "Location": request.build_absolute_uri(location)},
        )


class ReferralDetail(_Referrals, generics.GenericAPIView):
    """One referral: the resident's details for referrer and receiver, without them for a
    coordinator; the read is logged (as opening the referral's page)."""

    serializer_class = serializers.ReferralDetailSerializer

    def get(self, request, *args, **kwargs):
        with transaction.atomic():
            seen = self.seen()
            referral_services.log_access(
                acting_user=request.user,
                referral=seen.referral,
                action=AccessAction.READ,
                request=request,
                detail="" if seen.details_visible else "zonder persoonsgegevens",
            )
            return Response(self.detail_body(seen), headers=etag(seen.referral))


class ReferralStatusUpdate(_Referrals, generics.GenericAPIView):
    """The receiving partner moves the referral on (forward only; gestopt and niet_gestart
    need an `end_reason`); the referrer is notified with the note: the terugkoppeling.
    Needs `If-Match` with the version read."""

    serializer_class = serializers.ReferralStatusSerializer

    @extend_schema(
        request=serializers.ReferralStatusSerializer,
        responses={200: serializers.ReferralDetailSerializer},
        parameters=[IF_MATCH],
    )
    def post(self, request, *args, **kwargs):
        seen = self.seen()
        if not seen.is_receiver:
            raise exceptions.PermissionDenied(
                _("Alleen de ontvangende partner werkt de status bij.")
            )
        data = serializers.ReferralStatusSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        version = expected_version(request, seen.referral.version)
        referral = referral_services.referral_update_status(
            acting_user=request.user,
            membership=self.membership,
            referral=seen.referral,
            expected_version=version,
            request=request,
            **data.validated_data,
        )
        seen = dataclasses.replace(seen, referral=referral)
        return Response(self.detail_body(seen), headers=etag(seen.referral))


FHIR_RESPONSE = {(200, "application/fhir+json"): OpenApiTypes.OBJECT}


def fhir_response(bundle: dict, filename: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(bundle, ensure_ascii=False), content_type="application/fhir+json"
    )
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


class ReferralFhir(_Referrals, generics.GenericAPIView):
    """The referral as a FHIR Bundle (ServiceRequest + Task) for referrer and receiver, logged
    as an export, as the web's download."""

    @extend_schema(responses=FHIR_RESPONSE)
    def get(self, request, *args, **kwargs):
        with transaction.atomic():
            seen = self.seen()
            if not seen.details_visible:
                raise exceptions.PermissionDenied
            referral = seen.referral
            referral_services.log_access(
                acting_user=request.user,
                referral=referral,
                action=AccessAction.EXPORT,
                category=referral_services.LOG_EXPORT,
                request=request,
            )
            events = list(referral.events.order_by("at", "pk"))
            bundle = referral_fhir.referral_bundle(referral, events, timestamp=timezone.now())
        return fhir_response(bundle, f"verwijzing-{referral.uuid}.fhir.json")


class ClientFhir(NetworkAPIView, generics.GenericAPIView):
    """A client's FHIR Bundle for whoever may see the client on the web (who recorded them, or a
    care-team member whose organisation an active consent names; everyone else 404), with a
    client-data token; logged as an export with its consent, as the web's download."""

    permission = roles.WORK_ON_CASES
    client_data = True

    @extend_schema(responses=FHIR_RESPONSE)
    def get(self, request, *args, **kwargs):
        with transaction.atomic():
            client, consent = casework_access.client_access(
                self.network, self.membership, self.kwargs["uuid"]
            )
            casework_services.log_read(
                acting_user=request.user,
                client=client,
                consent=consent,
                category="export",
                action=AccessAction.EXPORT,
                request=request,
            )
            bundle = casework_fhir.client_bundle(client)
        return fhir_response(bundle, f"client-{client.uuid}-fhir.json")


# Volunteering --------------------------------------------------------------------------------


class HelpRequestList(NetworkAPIView, generics.ListAPIView):
    """Help requests the token's member may see (coordinators all, others their own), without
    any personal data, newest first."""

    permission = roles.VIEW_VOLUNTEERING
    serializer_class = serializers.HelpRequestSerializer
    pagination_class = PagePagination
    filterset_class = filters.HelpRequestFilter
    ordering_fields = ["created_at", "start_on"]

    def network_queryset(self):
        return volunteering_queries.request_list(self.network, self.request.user, self.membership)
