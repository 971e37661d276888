"""What the API shows of each resource. Dates and times are ISO 8601; keys are camelCase-free
snake_case as the models name them; every object is identified by its `uuid`."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from wijknet.actions import queries as action_queries
from wijknet.actions.models import Action, ActionStatus, Goal, Success
from wijknet.agreements.models import Agreement, Endorsement, FundingSource, PartnerTerms
from wijknet.meetings.models import Decision, Meeting
from wijknet.networks.models import Membership, Network, Organisation, Partner
from wijknet.offers.models import Offer
from wijknet.referrals.models import EndReason, Referral, ReferralEvent
from wijknet.referrals.models import Status as ReferralStatus
from wijknet.scans.models import Instrument, ScanRound
from wijknet.volunteering.models import HelpRequest


class NetworkSerializer(serializers.ModelSerializer):
    class Meta:
        model = Network
        fields = [
            "uuid",
            "slug",
            "name",
            "ambition",
            "target_group",
            "area_kind",
            "area_name",
            "municipality",
            "phase",
            "start_date",
            "status",
        ]


class OrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["name", "sector"]


class PartnerSerializer(serializers.ModelSerializer):
    organisation = OrganisationSerializer(read_only=True)

    class Meta:
        model = Partner
        fields = [
            "uuid",
            "organisation",
            "role",
            "contributions",
            "hours_per_month",
            "joined_on",
            "left_on",
            "contact_name",
        ]


class MemberSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="user.full_name", read_only=True)
    organisation = serializers.CharField(
        source="organisation.name", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = Membership
        fields = ["uuid", "name", "role", "organisation", "created_at"]


class MemberWithContactSerializer(MemberSerializer):
    """For roles that see members' e-mail addresses on the web (manage_members)."""

    email = serializers.EmailField(source="user.email", read_only=True)

    class Meta(MemberSerializer.Meta):
        fields = [*MemberSerializer.Meta.fields, "email"]


class MemberSchemaSerializer(MemberSerializer):
    """What the schema documents: `email` is there only for roles with manage_members."""

    email = serializers.EmailField(
        required=False, help_text="Alleen voor rollen die leden beheren (zoals op het web)."
    )

    class Meta(MemberSerializer.Meta):
        fields = [*MemberSerializer.Meta.fields, "email"]


class GoalSerializer(serializers.ModelSerializer):
    class Meta:
        model = Goal
        fields = [
            "uuid",
            "title",
            "description",
            "measure",
            "target_date",
            "status",
            "reviewed_on",
            "version",
        ]


class ActionSerializer(serializers.ModelSerializer):
    goal = serializers.UUIDField(source="goal.uuid", read_only=True, allow_null=True, default=None)
    owner = serializers.CharField(
        source="owner.full_name", read_only=True, allow_null=True, default=None
    )
    owner_partner = serializers.UUIDField(
        source="owner_partner.uuid", read_only=True, allow_null=True, default=None
    )
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Action
        fields = [
            "uuid",
            "goal",
            "title",
            "owner",
            "owner_partner",
            "due_on",
            "status",
            "result",
            "completed_on",
            "overdue",
            "version",
        ]
        read_only_fields = ["uuid", "completed_on", "version"]

    def get_overdue(self, action) -> bool:
        annotated = getattr(action, "overdue", None)
        return annotated if annotated is not None else action_queries.is_overdue(action)


class ActionWriteSerializer(serializers.Serializer):
    """The fields a partner system may send; the service decides who may change which."""

    title = serializers.CharField(max_length=200, required=False)
    due_on = serializers.DateField(required=False, allow_null=True)
    status = serializers.ChoiceField(choices=ActionStatus.choices, required=False)
    result = serializers.CharField(required=False, allow_blank=True)


class DecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Decision
        fields = ["text", "communicated", "communicated_how", "communicated_on"]


class MeetingSerializer(serializers.ModelSerializer):
    chair = serializers.CharField(
        source="chair.full_name", read_only=True, allow_null=True, default=None
    )
    decisions = DecisionSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "uuid",
            "kind",
            "title",
            "starts_at",
            "duration_minutes",
            "location",
            "online",
            "chair",
            "decisions",
        ]


class SuccessSerializer(serializers.ModelSerializer):
    goal = serializers.UUIDField(source="goal.uuid", read_only=True, allow_null=True, default=None)

    class Meta:
        model = Success
        fields = ["uuid", "title", "description", "happened_on", "goal", "shared_at"]


class PartnerRefSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = Partner
        fields = ["uuid", "organisation"]


class PartnerTermsSerializer(serializers.ModelSerializer):
    partner = PartnerRefSerializer(read_only=True)

    class Meta:
        model = PartnerTerms
        fields = ["partner", "roles", "tasks", "hours_per_month", "money"]


class EndorsementSerializer(serializers.ModelSerializer):
    partner = PartnerRefSerializer(read_only=True)

    class Meta:
        model = Endorsement
        fields = ["partner", "level", "name", "endorsed_on"]


class AgreementSerializer(serializers.ModelSerializer):
    terms = PartnerTermsSerializer(many=True, read_only=True)
    endorsements = EndorsementSerializer(many=True, read_only=True)

    class Meta:
        model = Agreement
        fields = [
            "uuid",
            "version",
            "purpose",
            "out_of_scope",
            "notes",
            "created_at",
            "terms",
            "endorsements",
        ]


class FundingSourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = FundingSource
        fields = ["uuid", "name", "kind", "amount", "structural", "starts_on", "ends_on", "notes"]


class InstrumentRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Instrument
        fields = ["key", "version", "name"]


class ScanRoundSerializer(serializers.ModelSerializer):
    instruments = InstrumentRefSerializer(many=True, read_only=True)
    invited = serializers.IntegerField(read_only=True)
    submitted = serializers.IntegerField(read_only=True)

    class Meta:
        model = ScanRound
        fields = [
            "uuid",
            "label",
            "opens_on",
            "closes_on",
            "closed_at",
            "invited",
            "submitted",
            "instruments",
        ]


class IndicatorResultSerializer(serializers.Serializer):
    """One indicator's aggregate: number of answers on the scale, mean and spread."""

    instrument = serializers.CharField()
    group = serializers.CharField()
    indicator = serializers.CharField()
    name = serializers.CharField()
    answers = serializers.IntegerField()
    mean = serializers.FloatField(allow_null=True)
    sd = serializers.FloatField(allow_null=True)
    weak = serializers.BooleanField()


class ScanRoundResultsSerializer(serializers.Serializer):
    round = ScanRoundSerializer()
    withheld = serializers.BooleanField(
        help_text="Te weinig ingevulde scans om resultaten te tonen (minder dan 3)."
    )
    indicators = IndicatorResultSerializer(many=True)


class OrganisationDetailSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["uuid", "name", "sector", "website", "city"]


# Health signals ------------------------------------------------------------------------------


class HealthSignalSerializer(serializers.Serializer):
    """One stored signal of the health monitor, in the request's language (as on the web)."""

    code = serializers.CharField()
    severity = serializers.ChoiceField(choices=["high", "medium", "low"])
    title = serializers.CharField()
    evidence = serializers.ListField(child=serializers.CharField())
    advice = serializers.CharField()
    source = serializers.CharField()
    fingerprint = serializers.CharField()
    acknowledged = serializers.BooleanField()
    ack_status = serializers.CharField(allow_blank=True)
    ack_reason = serializers.CharField(allow_blank=True)
    ack_by = serializers.CharField(allow_blank=True)
    ack_at = serializers.DateTimeField(allow_null=True)


class HealthSignalsSerializer(serializers.Serializer):
    computed_at = serializers.DateTimeField(
        allow_null=True, help_text="Wanneer de signalen berekend zijn (null: nog nooit)."
    )
    stale = serializers.BooleanField(help_text="Er wordt een nieuwere berekening gemaakt.")
    signals = HealthSignalSerializer(many=True)


# Offers of the social map --------------------------------------------------------------------


class OfferSerializer(serializers.ModelSerializer):
    provider = PartnerRefSerializer(read_only=True)
    stale = serializers.BooleanField(
        source="is_stale", read_only=True, help_text="Niet recent bevestigd door de aanbieder."
    )

    class Meta:
        model = Offer
        fields = [
            "uuid",
            "title",
            "kind",
            "description",
            "provider",
            "target_groups",
            "age_min",
            "age_max",
            "costs",
            "reimbursed_by",
            "address",
            "postcode",
            "place",
            "latitude",
            "longitude",
            "schedule",
            "contact_name",
            "contact_email",
            "contact_phone",
            "accessibility",
            "capacity",
            "waiting_list",
            "active_from",
            "active_to",
            "last_confirmed_at",
            "stale",
            "version",
        ]


# Referrals -----------------------------------------------------------------------------------


class ReferralSerializer(serializers.ModelSerializer):
    """A referral without the resident's personal details (the list, and what a coordinator
    sees of a referral they are no party to)."""

    offer = serializers.UUIDField(
        source="offer.uuid", read_only=True, allow_null=True, default=None
    )
    receiving_partner = PartnerRefSerializer(read_only=True)
    referrer_organisation = serializers.CharField(
        source="referrer_organisation.name", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = Referral
        fields = [
            "uuid",
            "status",
            "end_reason",
            "offer",
            "offer_kind",
            "receiving_partner",
            "referrer_organisation",
            "referrer_sector",
            "created_at",
            "contact_at",
            "intake_at",
            "started_at",
            "active_3m_at",
            "ended_at",
            "version",
        ]


class ResidentSerializer(serializers.Serializer):
    name = serializers.CharField(source="resident_name")
    contact = serializers.CharField(source="resident_contact")
    birth_year = serializers.IntegerField(source="resident_birth_year")
    reason = serializers.CharField()
    goals = serializers.CharField(allow_blank=True)


class ReferralEventSerializer(serializers.ModelSerializer):
    by = serializers.SerializerMethodField()
    note = serializers.SerializerMethodField()

    class Meta:
        model = ReferralEvent
        fields = ["status", "at", "by", "end_reason", "note"]

    def get_by(self, event) -> str | None:
        return (event.by.full_name or event.by.email) if event.by_id else None

    def get_note(self, event) -> str | None:
        """The receiver's explanation: for referrer and receiver only (as on the web)."""
        return event.note if self.context.get("details_visible") else None


class ReferralDetailSerializer(ReferralSerializer):
    """One referral: the resident's details only for referrer and receiver (null for a
    coordinator), the steps, and which status changes this token's user may make."""

    resident = serializers.SerializerMethodField()
    events = serializers.SerializerMethodField()
    next_statuses = serializers.SerializerMethodField()

    class Meta(ReferralSerializer.Meta):
        fields = [*ReferralSerializer.Meta.fields, "resident", "events", "next_statuses"]

    @extend_schema_field(ResidentSerializer(allow_null=True))
    def get_resident(self, referral):
        if not self.context.get("details_visible"):
            return None
        return ResidentSerializer(referral).data

    @extend_schema_field(ReferralEventSerializer(many=True))
    def get_events(self, referral):
        return ReferralEventSerializer(
            self.context.get("events", []), many=True, context=self.context
        ).data

    def get_next_statuses(self, referral) -> list[str]:
        return list(self.context.get("next_statuses", []))


class ReferralCreateSerializer(serializers.Serializer):
    """A new referral: to an offer (its provider receives it) or directly to a partner."""

    offer = serializers.UUIDField(required=False, allow_null=True)
    receiving_partner = serializers.UUIDField(required=False, allow_null=True)
    resident_name = serializers.CharField(max_length=100)
    resident_contact = serializers.CharField()
    resident_birth_year = serializers.IntegerField(min_value=1900, max_value=2100)
    consent_given = serializers.BooleanField(
        help_text="De bewoner gaf toestemming om deze gegevens met de ontvanger te delen."
    )
    reason = serializers.CharField()
    goals = serializers.CharField(required=False, allow_blank=True, default="")


class ReferralStatusSerializer(serializers.Serializer):
    """The receiver moves the referral on; the referrer is notified (terugkoppeling)."""

    status = serializers.ChoiceField(choices=ReferralStatus.choices)
    at = serializers.DateTimeField(
        required=False, allow_null=True, help_text="Wanneer (standaard: nu); niet in de toekomst."
    )
    end_reason = serializers.ChoiceField(
        choices=EndReason.choices, required=False, allow_blank=True, default=""
    )
    note = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Toelichting voor de verwijzer."
    )


# Volunteering --------------------------------------------------------------------------------


class HelpRequestSerializer(serializers.ModelSerializer):
    """A help request without personal data: no name, contact, description, postcode or
    coordinates of the help-seeker, and nobody's name."""

    open_matches = serializers.IntegerField(read_only=True)

    class Meta:
        model = HelpRequest
        fields = [
            "uuid",
            "kind",
            "place",
            "when",
            "day_parts",
            "start_on",
            "urgency",
            "status",
            "created_at",
            "closed_at",
            "open_matches",
        ]
