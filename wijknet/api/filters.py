"""Filters of the API's lists (django-filter): `?field=value`, documented in the schema.

Filters only narrow what the list already shows to the token's member; which rows that is
stays with the apps' queries and access helpers. Invalid values are a 400 (problem+json).
"""

import django_filters as df

from wijknet.actions.models import Action, ActionStatus, Goal, GoalStatus, Success
from wijknet.agreements.models import FundingKind, FundingSource
from wijknet.meetings.models import Meeting, MeetingKind
from wijknet.networks.models import Partner, Sector
from wijknet.offers import queries as offer_queries
from wijknet.offers.models import Offer, OfferKind, ReimbursedBy, TargetGroup
from wijknet.referrals.models import Referral
from wijknet.referrals.models import Status as ReferralStatus
from wijknet.referrals.queries import TAB_ALL, TAB_INCOMING, TAB_SENT
from wijknet.volunteering.models import HelpKind, HelpRequest, RequestStatus


class PartnerFilter(df.FilterSet):
    sector = df.ChoiceFilter(field_name="organisation__sector", choices=Sector.choices)

    class Meta:
        model = Partner
        fields = []


class GoalFilter(df.FilterSet):
    status = df.ChoiceFilter(choices=GoalStatus.choices)
    target_from = df.DateFilter(field_name="target_date", lookup_expr="gte")
    target_to = df.DateFilter(field_name="target_date", lookup_expr="lte")

    class Meta:
        model = Goal
        fields = []


class ActionFilter(df.FilterSet):
    status = df.ChoiceFilter(choices=ActionStatus.choices)
    goal = df.UUIDFilter(field_name="goal__uuid")
    overdue = df.BooleanFilter(field_name="overdue")
    due_from = df.DateFilter(field_name="due_on", lookup_expr="gte")
    due_to = df.DateFilter(field_name="due_on", lookup_expr="lte")

    class Meta:
        model = Action
        fields = []


class MeetingFilter(df.FilterSet):
    kind = df.ChoiceFilter(choices=MeetingKind.choices)
    starts_from = df.IsoDateTimeFilter(field_name="starts_at", lookup_expr="gte")
    starts_to = df.IsoDateTimeFilter(field_name="starts_at", lookup_expr="lte")

    class Meta:
        model = Meeting
        fields = []


class SuccessFilter(df.FilterSet):
    goal = df.UUIDFilter(field_name="goal__uuid")
    happened_from = df.DateFilter(field_name="happened_on", lookup_expr="gte")
    happened_to = df.DateFilter(field_name="happened_on", lookup_expr="lte")

    class Meta:
        model = Success
        fields = []


class FundingFilter(df.FilterSet):
    kind = df.ChoiceFilter(choices=FundingKind.choices)
    structural = df.BooleanFilter()

    class Meta:
        model = FundingSource
        fields = []


class OfferFilter(df.FilterSet):
    """The social map's own filters (offers.queries.filter_offers), as on the web's list."""

    search = df.CharFilter(method="_noop", max_length=100)
    kind = df.ChoiceFilter(choices=OfferKind.choices, method="_noop")
    target_group = df.ChoiceFilter(choices=TargetGroup.choices, method="_noop")
    age = df.NumberFilter(method="_noop", min_value=0, max_value=120)
    reimbursed_by = df.ChoiceFilter(choices=ReimbursedBy.choices, method="_noop")
    place = df.CharFilter(method="_noop", max_length=100)
    provider = df.UUIDFilter(field_name="provider__uuid")
    include_inactive = df.BooleanFilter(method="_noop")

    class Meta:
        model = Offer
        fields = []

    def _noop(self, queryset, name, value):
        return queryset  # applied together in filter_queryset

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        age = data.get("age")
        queryset = offer_queries.filter_offers(
            queryset,
            search=data.get("search") or "",
            kind=data.get("kind") or "",
            target_group=data.get("target_group") or "",
            age=int(age) if age is not None else None,
            reimbursed=data.get("reimbursed_by") or "",
            place=data.get("place") or "",
            include_inactive=bool(data.get("include_inactive")),
        )
        if data.get("provider"):
            queryset = queryset.filter(provider__uuid=data["provider"])
        return queryset


class ReferralFilter(df.FilterSet):
    """`tab` as on the web: verstuurd (referred by you), binnengekomen (to your organisation),
    alle (coordinators: every referral, without personal details)."""

    tab = df.ChoiceFilter(
        choices=[(TAB_SENT, TAB_SENT), (TAB_INCOMING, TAB_INCOMING), (TAB_ALL, TAB_ALL)],
        method="filter_tab",
    )
    status = df.ChoiceFilter(choices=ReferralStatus.choices)
    created_from = df.IsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_to = df.IsoDateTimeFilter(field_name="created_at", lookup_expr="lte")

    class Meta:
        model = Referral
        fields = []

    def filter_tab(self, queryset, name, value):
        membership = self.request.membership
        if value == TAB_SENT:
            return queryset.filter(referrer_id=membership.user_id)
        if value == TAB_INCOMING:
            return queryset.filter(receiving_partner__organisation_id=membership.organisation_id)
        return queryset


class HelpRequestFilter(df.FilterSet):
    status = df.ChoiceFilter(choices=RequestStatus.choices)
    kind = df.ChoiceFilter(choices=HelpKind.choices)

    class Meta:
        model = HelpRequest
        fields = []
