from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijknet.core.declarations import names
from wijknet.networks.forms import DateInput
from wijknet.networks.models import Partner

from .fields import MEETING_FIELDS
from .models import Decision, Meeting

SCORES = [(i, str(i)) for i in range(1, 6)]
REFLECTION_SOURCE = _(
    "Tip 7 uit ‘9 tips om als netwerk duurzaam en productief te blijven’ (Hogeschool Utrecht "
    "en Vilans)."
)
REFLECTION_HELP = _(
    "Zorg als netwerkcoördinator voor reflectietijd aan het einde van de overleggen. "
    "Reflecteer op hoe de samenwerking gaat, hoe de betrokkenheid is en of jullie richting "
    "jullie doel werken. Dit geeft voeding aan jullie samenwerking."
)


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class PartnerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.organisation.name


class ChairChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name or obj.email


def chair_choices(network, meeting: Meeting | None = None):
    """Current members, plus the meeting's chair (who may have left the network since)."""
    wanted = Q(memberships__network=network, memberships__ended_at__isnull=True)
    if meeting is not None and meeting.chair_id:
        wanted |= Q(pk=meeting.chair_id)
    return get_user_model().objects.filter(wanted).distinct().order_by("full_name", "email", "pk")


def partner_choices(network, meeting: Meeting | None = None):
    """Active partners, plus partners already invited to this meeting (even if they left)."""
    wanted = Q(left_on__isnull=True)
    if meeting is not None and meeting.pk:
        wanted |= Q(pk__in=meeting.invited_partners.values("pk"))
    return (
        Partner.objects.filter(network=network)
        .filter(wanted)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )


class MeetingForm(forms.ModelForm):
    chair = ChairChoiceField(
        queryset=get_user_model().objects.none(), required=False, label=_("Voorzitter")
    )
    invited_partners = PartnerChoiceField(
        queryset=Partner.objects.none(),
        required=False,
        label=_("Uitgenodigde partners"),
        widget=forms.CheckboxSelectMultiple,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Meeting
        fields = names(MEETING_FIELDS)
        widgets = {
            "starts_at": DateTimeLocalInput(),
            "agenda": forms.Textarea(attrs={"rows": 5}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"online": _("Vink aan als de bijeenkomst (ook) online is.")}

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.editing = self.instance.pk is not None
        self.fields["starts_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        self.fields["duration_minutes"].min_value = 5
        self.fields["duration_minutes"].widget.attrs["min"] = 5
        self.fields["chair"].queryset = chair_choices(network, self.instance)
        self.fields["invited_partners"].queryset = partner_choices(network, self.instance)
        if self.editing:
            self.fields["version"].initial = self.instance.version
        else:
            del self.fields["version"]
            del self.fields["notes"]

    def clean(self):
        data = super().clean()
        if not data.get("online") and not (data.get("location") or "").strip():
            self.add_error("location", _("Vul een plaats in of kies ‘online’."))
        return data

    def service_fields(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in self.Meta.fields
            if name in self.fields and name != "invited_partners"
        }


class AttendanceForm(forms.Form):
    present = PartnerChoiceField(
        queryset=Partner.objects.none(),
        required=False,
        label=_("Wie was er?"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Vink de partners aan die aanwezig waren; de andere tellen als afwezig."),
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = meeting.invited_partners.select_related(
            "organisation"
        ).order_by("organisation__name", "pk")


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["text"]
        labels = {"text": _("Nieuw besluit")}
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class CommunicatedForm(forms.Form):
    communicated_how = forms.CharField(
        label=_("Hoe is het besluit gecommuniceerd?"),
        max_length=200,
        help_text=_("Bijvoorbeeld: nieuwsbrief, e-mail aan alle leden, verslag op de website."),
    )
    communicated_on = forms.DateField(label=_("Wanneer?"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["communicated_on"].initial = timezone.localdate()


class ReflectionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    collaboration = forms.TypedChoiceField(
        label=_("Hoe gaat de samenwerking?"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    engagement = forms.TypedChoiceField(
        label=_("Hoe is de betrokkenheid?"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    goal_progress = forms.TypedChoiceField(
        label=_("Werken we richting ons doel?"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    remark = forms.CharField(
        label=_("Opmerking"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
