from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijknet.core.declarations import names
from wijknet.meetings.models import Meeting
from wijknet.networks.forms import DateInput
from wijknet.networks.models import Membership, Partner
from wijknet.networks.roles import VIEW_ACTIONS, Role, role_can

from .fields import ACTION_FIELDS, GOAL_FIELDS, SUCCESS_FIELDS
from .models import Action, ActionStatus, Goal, GoalStatus, Success

# Who can own an action: members who see the actions (not funders and observers).
OWNER_ROLES = [role for role in Role.values if role_can(role, VIEW_ACTIONS)]


class GoalForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Goal
        fields = names(GOAL_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "target_date": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            del self.fields["status"]
            del self.fields["version"]
        else:
            self.fields["version"].initial = self.instance.version

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields if name != "version"}


class GoalReviewForm(forms.Form):
    reviewed_on = forms.DateField(
        label=_("Besproken op"), widget=DateInput(), initial=timezone.localdate
    )
    status = forms.ChoiceField(label=_("Stand van het doel"), choices=GoalStatus.choices)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


def _goals(network):
    return Goal.objects.filter(network=network).order_by("status", "title", "pk")


class ActionForm(forms.ModelForm):
    # Choices are set per network in __init__ (scoped models cannot be queried at import).
    goal = forms.ModelChoiceField(
        queryset=Goal.objects.none(),
        required=False,
        label=_("Doel"),
        empty_label=_("— geen doel —"),
    )
    owner = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        label=_("Eigenaar"),
        empty_label=_("— nog niemand —"),
    )
    owner_partner = forms.ModelChoiceField(
        queryset=Partner.objects.none(),
        required=False,
        label=_("Namens partner"),
        empty_label=_("— geen partner —"),
    )
    meeting = forms.ModelChoiceField(
        queryset=Meeting.objects.none(),
        required=False,
        label=_("Afgesproken in"),
        empty_label=_("— geen bijeenkomst —"),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Action
        fields = names(ACTION_FIELDS)
        widgets = {"due_on": DateInput(), "result": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        action = self.instance
        editing = action.pk is not None
        members = Membership.objects.filter(
            network=network, ended_at__isnull=True, role__in=OWNER_ROLES
        ).values("user")
        users = Q(pk__in=members)
        partners = Q(left_on__isnull=True)
        if editing:
            # Someone who left may stay the owner of what they did.
            users |= Q(pk=action.owner_id)
            partners |= Q(pk=action.owner_partner_id)
            self.fields["version"].initial = action.version
        else:
            del self.fields["version"]
            del self.fields["result"]
        self.fields["owner"].queryset = (
            get_user_model().objects.filter(users).order_by("full_name", "email")
        )
        self.fields["owner"].label_from_instance = lambda user: user.full_name or user.email
        self.fields["owner_partner"].queryset = (
            Partner.objects.filter(network=network)
            .filter(partners)
            .select_related("organisation")
            .order_by("organisation__name", "pk")
        )
        self.fields["goal"].queryset = _goals(network)
        self.fields["meeting"].queryset = Meeting.objects.filter(network=network).order_by(
            "-starts_at", "pk"
        )
        self.fields["meeting"].label_from_instance = lambda meeting: (
            f"{timezone.localtime(meeting.starts_at):%d-%m-%Y} {meeting.title}"
        )

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields if name != "version"}


class ActionStatusForm(forms.Form):
    """What the owner of an action may change: its status and result."""

    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    result = forms.CharField(
        label=_("Resultaat"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class SuccessForm(forms.ModelForm):
    goal = forms.ModelChoiceField(
        queryset=Goal.objects.none(),
        required=False,
        label=_("Bij doel"),
        empty_label=_("— geen doel —"),
    )

    class Meta:
        model = Success
        fields = names(SUCCESS_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "happened_on": DateInput(),
        }

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = _goals(network)
        self.fields["happened_on"].initial = timezone.localdate

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
