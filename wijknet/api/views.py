"""/api/v1/: read the network's data as the token's member sees it on the web.

Each view names the permission of the matching web page (networks/roles.py) and reads through
that app's queries and access helpers; writes go through that app's services.
"""

from django.http import Http404
from django.urls import reverse
from django.utils.csp import CSP
from django.utils.decorators import method_decorator
from django.views.decorators.csp import csp_override
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from drf_spectacular.views import SpectacularRedocView
from rest_framework import exceptions, generics, status
from rest_framework.response import Response

from wijknet.actions import access as action_access
from wijknet.actions import queries as action_queries
from wijknet.actions import services as action_services
from wijknet.agreements import queries as agreement_queries
from wijknet.meetings import queries as meeting_queries
from wijknet.networks import access as network_access
from wijknet.networks import queries as network_queries
from wijknet.networks import roles
from wijknet.scans import queries as scan_queries

from . import access as api_access
from . import serializers
from .rest import NetworkAPIView, PagePagination, Stale


class NetworkList(NetworkAPIView, generics.ListAPIView):
    """The networks the token's user is a current member of."""

    serializer_class = serializers.NetworkSerializer
    pagination_class = PagePagination

    def get_queryset(self):
        return [m.network for m in network_queries.memberships_of_user(self.request.user)]


class PartnerList(NetworkAPIView, generics.ListAPIView):
    """Active partners of the token's network, with their organisation."""

    permission = roles.VIEW_PARTNERS
    serializer_class = serializers.PartnerSerializer
    pagination_class = PagePagination

    def get_queryset(self):
        return network_queries.partners(self.network)


class PartnerDetail(NetworkAPIView, generics.RetrieveAPIView):
    permission = roles.VIEW_PARTNERS
    serializer_class = serializers.PartnerSerializer

    def get_object(self):
        return network_access.get_partner(self.network, self.kwargs["uuid"])


class MemberList(NetworkAPIView, generics.ListAPIView):
    """Current members: names and roles; e-mail addresses only for roles that manage members
    (as on the web's member page)."""

    permission = roles.VIEW_MEMBERS
    pagination_class = PagePagination

    def get_serializer_class(self):
        membership = getattr(self, "membership", None)
        if membership is not None and membership.can(roles.MANAGE_MEMBERS):
            return serializers.MemberWithContactSerializer
        return serializers.MemberSerializer

    @extend_schema(responses=serializers.MemberWithContactSerializer(many=True))
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return network_queries.members(self.network)


class GoalList(NetworkAPIView, generics.ListAPIView):
    permission = roles.VIEW_ACTIONS
    serializer_class = serializers.GoalSerializer
    pagination_class = PagePagination

    def get_queryset(self):
        return action_queries.goals(self.network)


class GoalDetail(NetworkAPIView, generics.RetrieveAPIView):
    permission = roles.VIEW_ACTIONS
    serializer_class = serializers.GoalSerializer

    def get_object(self):
        return action_access.get_goal(self.network, self.kwargs["uuid"])


IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description="De `version` van het object zoals gelezen (ETag); anders 412.",
)


class ActionList(NetworkAPIView, generics.ListCreateAPIView):
    """Actions of the network; POST creates one (write token, role with edit_actions)."""

    serializer_class = serializers.ActionSerializer
    pagination_class = PagePagination

    @property
    def permission(self):
        return roles.VIEW_ACTIONS if self.request.method == "GET" else roles.EDIT_ACTIONS

    def get_queryset(self):
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
        match = request.headers.get("If-Match", "").strip().strip('"')
        if not match.isdigit():
            raise exceptions.ValidationError({"If-Match": ["required"]})
        data = serializers.ActionWriteSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        if int(match) != action.version:
            raise Stale
        # A refusal of the service (ValidationError, or ConcurrentEditError when another write
        # landed in between) becomes a problem response in rest.problem_exception_handler.
        action = action_services.action_update(
            acting_user=request.user,
            action=action,
            expected_version=int(match),
            **data.validated_data,
        )
        return Response(
            serializers.ActionSerializer(action).data, headers={"ETag": f'"{action.version}"'}
        )


class MeetingList(NetworkAPIView, generics.ListAPIView):
    """Meetings with their decisions, most recent first."""

    permission = roles.VIEW_MEETINGS
    serializer_class = serializers.MeetingSerializer
    pagination_class = PagePagination

    def get_queryset(self):
        return meeting_queries.meetings_with_decisions(self.network)


class MeetingDetail(NetworkAPIView, generics.RetrieveAPIView):
    permission = roles.VIEW_MEETINGS
    serializer_class = serializers.MeetingSerializer

    def get_object(self):
        return meeting_queries.get_meeting(self.network, self.kwargs["uuid"])


class SuccessList(NetworkAPIView, generics.ListAPIView):
    permission = roles.VIEW_ACTIONS
    serializer_class = serializers.SuccessSerializer
    pagination_class = PagePagination

    def get_queryset(self):
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


class FundingList(NetworkAPIView, generics.ListAPIView):
    permission = roles.VIEW_AGREEMENT
    serializer_class = serializers.FundingSourceSerializer
    pagination_class = PagePagination

    def get_queryset(self):
        return agreement_queries.funding_sources(self.network)


class ScanRoundList(NetworkAPIView, generics.ListAPIView):
    """Scan rounds with their invited and submitted counts, newest first."""

    permission = roles.VIEW_SCANS
    serializer_class = serializers.ScanRoundSerializer
    pagination_class = PagePagination

    def get_queryset(self):
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
