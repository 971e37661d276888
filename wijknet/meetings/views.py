from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, ListView, TemplateView
from django_scopes import scope

from wijknet.core import links
from wijknet.core.mixins import NetworkViewMixin, ServiceActionMixin, ServiceFormMixin
from wijknet.core.pagecache import CachedPageMixin
from wijknet.core.pagination import bounded
from wijknet.networks import roles

from . import ical, queries, services
from .forms import (
    REFLECTION_HELP,
    REFLECTION_SOURCE,
    AttendanceForm,
    CommunicatedForm,
    DecisionForm,
    MeetingForm,
    ReflectionForm,
)
from .models import Reflection


def feed_url(feed) -> str:
    return links.absolute(reverse("meetings:feed", args=[feed.token]))


def _detail_url(network, meeting) -> str:
    return reverse(
        "meetings:detail", kwargs={"network_slug": network.slug, "meeting_uuid": meeting.uuid}
    )


class MeetingListView(CachedPageMixin, NetworkViewMixin, ListView):
    """Upcoming meetings (the next ten, soonest first; show all paginates) and past ones
    (paginated)."""

    permission = roles.VIEW_MEETINGS
    template_name = "meetings/meeting_list.html"
    context_object_name = "past"
    paginate_by = 20

    def get_queryset(self):
        return queries.past_meetings(self.network)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        upcoming = bounded(self.request, queries.upcoming_meetings(self.network), key="gepland")
        context["upcoming"] = upcoming.items
        context["upcoming_list"] = upcoming
        can_edit = self.membership.can(roles.EDIT_MEETINGS)
        context["can_edit"] = can_edit
        if can_edit:
            feed = queries.feed_of(self.network)
            context["feed_url"] = feed_url(feed) if feed else ""
        return context


class MeetingDetailView(CachedPageMixin, NetworkViewMixin, TemplateView):
    permission = roles.VIEW_MEETINGS
    template_name = "meetings/meeting_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = queries.meeting_detail(self.network, self.kwargs["meeting_uuid"])
        context["meeting"] = meeting
        try:
            context["reflection"] = meeting.reflection
        except Reflection.DoesNotExist:
            context["reflection"] = None
        context["can_edit"] = self.membership.can(roles.EDIT_MEETINGS)
        context["decision_form"] = DecisionForm()
        return context


class MeetingCreateView(NetworkViewMixin, ServiceFormMixin, FormView):
    permission = roles.EDIT_MEETINGS
    template_name = "meetings/meeting_form.html"

    def get_form(self, form_class=None):
        return MeetingForm(self.request.POST or None, network=self.network)

    def perform(self, form):
        return services.meeting_create(
            acting_user=self.request.user,
            network=self.network,
            invited_partners=form.cleaned_data["invited_partners"],
            **form.service_fields(),
        )

    def get_success_message(self):
        return _("Bijeenkomst %(title)s is gepland.") % {"title": self.result}

    def get_success_url(self):
        return _detail_url(self.network, self.result)


class MeetingObjectMixin:
    """Loads `self.meeting` of the active network (404 for another network's meeting)."""

    def get_meeting(self):
        if not hasattr(self, "meeting"):
            self.meeting = queries.get_meeting(self.network, self.kwargs["meeting_uuid"])
        return self.meeting

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["meeting"] = self.get_meeting()
        return context


class _MeetingForm(NetworkViewMixin, MeetingObjectMixin, ServiceFormMixin, FormView):
    """A form about one meeting that goes to a service; back to the meeting afterwards."""

    permission = roles.EDIT_MEETINGS

    def get_success_url(self):
        return _detail_url(self.network, self.meeting)


class MeetingEditView(_MeetingForm):
    template_name = "meetings/meeting_form.html"
    success_message = gettext_lazy("Wijzigingen opgeslagen.")

    def get_form(self, form_class=None):
        return MeetingForm(
            self.request.POST or None, instance=self.get_meeting(), network=self.network
        )

    def perform(self, form):
        return services.meeting_update(
            acting_user=self.request.user,
            meeting=self.meeting,
            expected_version=form.cleaned_data.get("version") or 0,
            invited_partners=form.cleaned_data["invited_partners"],
            **form.service_fields(),
        )


class MeetingDeleteView(NetworkViewMixin, MeetingObjectMixin, ServiceActionMixin, TemplateView):
    """Deleting asks for confirmation on its own page (works without JavaScript)."""

    permission = roles.EDIT_MEETINGS
    template_name = "meetings/meeting_delete.html"
    confirm = True

    def perform(self):
        return services.meeting_delete(acting_user=self.request.user, meeting=self.get_meeting())

    def get_success_message(self):
        return _("Bijeenkomst %(title)s is verwijderd.") % {"title": self.meeting}

    def get_success_url(self):
        return reverse("meetings:list", kwargs={"network_slug": self.network.slug})


class AttendanceView(_MeetingForm):
    template_name = "meetings/attendance_form.html"
    success_message = gettext_lazy("Aanwezigheid opgeslagen.")

    def get_form(self, form_class=None):
        meeting = self.get_meeting()
        initial = {
            "present": list(
                meeting.attendance.filter(present=True).values_list("partner_id", flat=True)
            )
        }
        return AttendanceForm(self.request.POST or None, meeting=meeting, initial=initial)

    def perform(self, form):
        return services.attendance_record(
            acting_user=self.request.user,
            meeting=self.meeting,
            present=form.cleaned_data["present"],
        )


class DecisionAddView(_MeetingForm):
    template_name = "meetings/decision_form.html"
    success_message = gettext_lazy("Besluit vastgelegd.")

    def get_form(self, form_class=None):
        self.get_meeting()
        return DecisionForm(self.request.POST or None)

    def perform(self, form):
        return services.decision_add(
            acting_user=self.request.user, meeting=self.meeting, **form.cleaned_data
        )


class DecisionCommunicatedView(_MeetingForm):
    template_name = "meetings/decision_communicated.html"
    context_subject = "decision"
    success_message = gettext_lazy("Vastgelegd dat het besluit is gecommuniceerd.")

    def get_form(self, form_class=None):
        self.decision = queries.get_decision(self.get_meeting(), self.kwargs["decision_id"])
        initial = {}
        if self.decision.communicated:
            initial = {
                "communicated_how": self.decision.communicated_how,
                "communicated_on": self.decision.communicated_on,
            }
        return CommunicatedForm(self.request.POST or None, initial=initial)

    def perform(self, form):
        return services.decision_mark_communicated(
            acting_user=self.request.user,
            decision=self.decision,
            how=form.cleaned_data["communicated_how"],
            on=form.cleaned_data["communicated_on"],
        )


class ReflectionView(_MeetingForm):
    template_name = "meetings/reflection_form.html"
    success_message = gettext_lazy("Reflectie opgeslagen.")

    def get_form(self, form_class=None):
        meeting = self.get_meeting()
        reflection = Reflection.objects.filter(network=self.network, meeting=meeting).first()
        initial = {"version": 0}
        if reflection is not None:
            initial = {
                "version": reflection.version,
                "collaboration": reflection.collaboration,
                "engagement": reflection.engagement,
                "goal_progress": reflection.goal_progress,
                "remark": reflection.remark,
            }
        return ReflectionForm(self.request.POST or None, initial=initial)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["help"] = REFLECTION_HELP
        context["source"] = REFLECTION_SOURCE
        return context

    def perform(self, form):
        data = dict(form.cleaned_data)
        expected_version = data.pop("version", None) or 0
        return services.reflection_save(
            acting_user=self.request.user,
            meeting=self.meeting,
            expected_version=expected_version,
            **data,
        )


class FeedRotateView(NetworkViewMixin, ServiceActionMixin, TemplateView):
    """Make (or replace) the secret address of the network's calendar feed."""

    permission = roles.EDIT_MEETINGS
    http_method_names = ["post"]

    success_message = gettext_lazy("Het agenda-adres is vernieuwd. Het oude adres werkt niet meer.")

    def perform(self):
        return services.feed_token_rotate(acting_user=self.request.user, network=self.network)

    def get_success_url(self):
        return reverse("meetings:list", kwargs={"network_slug": self.network.slug})


def _ics_response(content: bytes, filename: str | None = None) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    if filename:
        response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


class MeetingIcalView(NetworkViewMixin, MeetingObjectMixin, TemplateView):
    permission = roles.VIEW_MEETINGS
    http_method_names = ["get"]

    def get(self, request, *args, **kwargs):
        meeting = self.get_meeting()
        filename = f"bijeenkomst-{meeting.starts_at:%Y-%m-%d}.ics"
        return _ics_response(ical.meeting_calendar(meeting), filename)


def calendar_feed(request, feed_token):
    """The network's meetings at a secret address, for calendar apps (no login possible there).

    The token is the only credential; an unknown or replaced token is a 404.
    """
    feed = queries.feed_by_token(feed_token)
    if feed is None:
        raise Http404
    with scope(network=feed.network):
        meetings = list(queries.all_meetings(feed.network))
    response = _ics_response(ical.network_calendar(feed.network, meetings))
    response["Cache-Control"] = "private, max-age=900"
    return response
