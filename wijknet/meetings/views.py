from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView, TemplateView
from django_scopes import scope

from wijknet.core.mixins import NetworkViewMixin, apply_validation_error
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
    return settings.SITE_URL + reverse("meetings:feed", args=[feed.token])


class MeetingListView(NetworkViewMixin, ListView):
    """Upcoming meetings (all of them, soonest first) and past ones (paginated)."""

    permission = roles.VIEW_MEETINGS
    template_name = "meetings/meeting_list.html"
    context_object_name = "past"
    paginate_by = 20

    def get_queryset(self):
        return queries.past_meetings(self.network)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["upcoming"] = list(queries.upcoming_meetings(self.network))
        can_edit = self.membership.can(roles.EDIT_MEETINGS)
        context["can_edit"] = can_edit
        if can_edit:
            feed = queries.feed_of(self.network)
            context["feed_url"] = feed_url(feed) if feed else ""
        return context


class MeetingDetailView(NetworkViewMixin, TemplateView):
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


class MeetingCreateView(NetworkViewMixin, FormView):
    permission = roles.EDIT_MEETINGS
    template_name = "meetings/meeting_form.html"

    def get_form(self, form_class=None):
        return MeetingForm(self.request.POST or None, network=self.network)

    def form_valid(self, form):
        try:
            meeting = services.meeting_create(
                acting_user=self.request.user,
                network=self.network,
                invited_partners=form.cleaned_data["invited_partners"],
                **form.service_fields(),
            )
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Bijeenkomst %(title)s is gepland.") % {"title": meeting})
        return redirect(
            "meetings:detail", network_slug=self.network.slug, meeting_uuid=meeting.uuid
        )


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

    def to_detail(self):
        return redirect(
            "meetings:detail", network_slug=self.network.slug, meeting_uuid=self.meeting.uuid
        )


class MeetingEditView(NetworkViewMixin, MeetingObjectMixin, FormView):
    permission = roles.EDIT_MEETINGS
    template_name = "meetings/meeting_form.html"

    def get_form(self, form_class=None):
        return MeetingForm(
            self.request.POST or None, instance=self.get_meeting(), network=self.network
        )

    def form_valid(self, form):
        try:
            services.meeting_update(
                acting_user=self.request.user,
                meeting=self.meeting,
                expected_version=form.cleaned_data.get("version") or 0,
                invited_partners=form.cleaned_data["invited_partners"],
                **form.service_fields(),
            )
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Wijzigingen opgeslagen."))
        return self.to_detail()


class MeetingDeleteView(NetworkViewMixin, MeetingObjectMixin, TemplateView):
    """Deleting asks for confirmation on its own page (works without JavaScript)."""

    permission = roles.EDIT_MEETINGS
    template_name = "meetings/meeting_delete.html"

    def post(self, request, *args, **kwargs):
        meeting = self.get_meeting()
        services.meeting_delete(acting_user=request.user, meeting=meeting)
        messages.success(request, _("Bijeenkomst %(title)s is verwijderd.") % {"title": meeting})
        return redirect("meetings:list", network_slug=self.network.slug)


class AttendanceView(NetworkViewMixin, MeetingObjectMixin, FormView):
    permission = roles.EDIT_MEETINGS
    template_name = "meetings/attendance_form.html"

    def get_form(self, form_class=None):
        meeting = self.get_meeting()
        initial = {
            "present": list(
                meeting.attendance.filter(present=True).values_list("partner_id", flat=True)
            )
        }
        return AttendanceForm(self.request.POST or None, meeting=meeting, initial=initial)

    def form_valid(self, form):
        try:
            services.attendance_record(
                acting_user=self.request.user,
                meeting=self.meeting,
                present=form.cleaned_data["present"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Aanwezigheid opgeslagen."))
        return self.to_detail()


class DecisionAddView(NetworkViewMixin, MeetingObjectMixin, FormView):
    permission = roles.EDIT_MEETINGS
    template_name = "meetings/decision_form.html"

    def get_form(self, form_class=None):
        self.get_meeting()
        return DecisionForm(self.request.POST or None)

    def form_valid(self, form):
        try:
            services.decision_add(
                acting_user=self.request.user, meeting=self.meeting, **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Besluit vastgelegd."))
        return self.to_detail()


class DecisionCommunicatedView(NetworkViewMixin, MeetingObjectMixin, FormView):
    permission = roles.EDIT_MEETINGS
    template_name = "meetings/decision_communicated.html"

    def get_form(self, form_class=None):
        self.decision = queries.get_decision(self.get_meeting(), self.kwargs["decision_id"])
        initial = {}
        if self.decision.communicated:
            initial = {
                "communicated_how": self.decision.communicated_how,
                "communicated_on": self.decision.communicated_on,
            }
        return CommunicatedForm(self.request.POST or None, initial=initial)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["decision"] = self.decision
        return context

    def form_valid(self, form):
        try:
            services.decision_mark_communicated(
                acting_user=self.request.user,
                decision=self.decision,
                how=form.cleaned_data["communicated_how"],
                on=form.cleaned_data["communicated_on"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Vastgelegd dat het besluit is gecommuniceerd."))
        return self.to_detail()


class ReflectionView(NetworkViewMixin, MeetingObjectMixin, FormView):
    permission = roles.EDIT_MEETINGS
    template_name = "meetings/reflection_form.html"

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

    def form_valid(self, form):
        try:
            data = dict(form.cleaned_data)
            expected_version = data.pop("version", None) or 0
            services.reflection_save(
                acting_user=self.request.user,
                meeting=self.meeting,
                expected_version=expected_version,
                **data,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Reflectie opgeslagen."))
        return self.to_detail()


class FeedRotateView(NetworkViewMixin, TemplateView):
    """Make (or replace) the secret address of the network's calendar feed."""

    permission = roles.EDIT_MEETINGS
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        services.feed_token_rotate(acting_user=request.user, network=self.network)
        messages.success(
            request,
            _("Het agenda-adres is vernieuwd. Het oude adres werkt niet meer."),
        )
        return redirect("meetings:list", network_slug=self.network.slug)


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
