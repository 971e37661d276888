"""What the API shows of each resource. Dates and times are ISO 8601; keys are camelCase-free
snake_case as the models name them; every object is identified by its `uuid`."""

from rest_framework import serializers

from wijknet.actions import queries as action_queries
from wijknet.actions.models import Action, ActionStatus, Goal, Success
from wijknet.agreements.models import Agreement, Endorsement, FundingSource, PartnerTerms
from wijknet.meetings.models import Decision, Meeting
from wijknet.networks.models import Membership, Network, Organisation, Partner
from wijknet.scans.models import Instrument, ScanRound


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
