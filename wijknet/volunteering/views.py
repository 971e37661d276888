"""Volunteering pages. Every member with VIEW_VOLUNTEERING may ask for help, register as
volunteer, answer their follow-ups and log their hours, and sees only the requests and matches
they are part of (access.py/queries.py). Matching, the overviews and the hours report are for
MANAGE_VOLUNTEERING (the coordinators, the dorpsondersteuner).

A help-seeker's data (name, contact, what is needed, how it goes) follows the rules of client
data (docs/privacy.md): every page that shows it needs a second factor first (OTPRequiredMixin
before the permission check, as in casework), is sent with Cache-Control: no-store (urls.py)
and logs each read once (accesslog.mixins.LoggedReadMixin, keyed by the help request's UUID);
the services log the writes. Asking for help (the form) needs no second factor: it shows
nothing stored."""

import csv
import json

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from wijknet.accesslog.mixins import LoggedReadMixin
from wijknet.accesslog.models import Action
from wijknet.accesslog.services import record_list
from wijknet.accounts.twofactor import OTPRequiredMixin
from wijknet.core.csvsafe import safe_cell
from wijknet.core.mixins import NetworkViewMixin, ServiceActionMixin, ServiceFormMixin
from wijknet.networks import roles

from . import access, exports, queries, services
from .forms import (
    EraseForm,
    FollowUpAnswerForm,
    HelpRequestForm,
    HoursForm,
    MatchFilterForm,
    MatchStopForm,
    PeriodForm,
    RequestFilterForm,
    VolunteerProfileForm,
)
from .models import HelpKind, MatchStatus, VolunteerProfile

TOP_CANDIDATES = 20


def _request_url(network, help_request) -> str:
    return reverse(
        "volunteering:request_detail",
        kwargs={"network_slug": network.slug, "request_uuid": help_request.uuid},
    )


def _match_url(network, match) -> str:
    return reverse(
        "volunteering:match_detail",
        kwargs={"network_slug": network.slug, "match_uuid": match.uuid},
    )


class _Base(NetworkViewMixin):
    permission = roles.VIEW_VOLUNTEERING

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_manage"] = access.can_manage(self.membership)
        return context

    def query_string(self):
        query = self.request.GET.copy()
        query.pop("page", None)
        return query.urlencode()


class _Manage(_Base):
    permission = roles.MANAGE_VOLUNTEERING


class _RequestPage(OTPRequiredMixin, _Base, LoggedReadMixin):
    """One help request's page: second factor, the request loaded (404 unless the member may
    see it) and the read logged, in one transaction."""

    log_category = services.LOG_REQUEST

    def load_subject(self, request, *args, **kwargs):
        self.help_request = access.get_help_request(
            self.network, kwargs["request_uuid"], request.user, self.membership
        )

    def log_subject_uuid(self):
        return self.help_request.uuid


class _MatchPage(OTPRequiredMixin, _Base, LoggedReadMixin):
    """One match's page (it shows the help-seeker): as _RequestPage, keyed by the request."""

    log_category = services.LOG_MATCH

    def load_subject(self, request, *args, **kwargs):
        self.match = access.get_match(
            self.network, kwargs["match_uuid"], request.user, self.membership
        )

    def log_subject_uuid(self):
        return self.match.request.uuid


def _volunteer_url(network, profile) -> str:
    return reverse(
        "volunteering:volunteer_detail",
        kwargs={"network_slug": network.slug, "volunteer_uuid": profile.uuid},
    )


class IndexView(_Base, TemplateView):
    """Mijn inzet: one page for both roles a person can have — help-seeker and volunteer."""

    template_name = "volunteering/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        profile = queries.own_profile(self.network, user)
        context.update(
            profile=profile,
            my_matches=list(queries.my_matches(self.network, profile)),
            my_requests=list(queries.my_requests(self.network, user)),
            followups=list(queries.followups_for(self.network, user)),
            hours_total=queries.hours_total(self.network, profile),
        )
        return context


# --- help requests --------------------------------------------------------------------------


class RequestListView(_Base, ListView):
    template_name = "volunteering/request_list.html"
    context_object_name = "requests"
    paginate_by = 25

    def get_queryset(self):
        self.filter_form = RequestFilterForm(self.request.GET or None)
        filters = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        return queries.request_list(
            self.network,
            self.request.user,
            self.membership,
            status=filters.get("status", ""),
            kind=filters.get("kind", ""),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        context["filtered"] = any(self.request.GET.get(k) for k in ("status", "kind"))
        context["query_string"] = self.query_string()
        return context


class RequestCreateView(_Base, ServiceFormMixin, FormView):
    template_name = "volunteering/request_form.html"
    success_message = gettext_lazy(
        "De hulpvraag is ingediend. De coördinator zoekt een vrijwilliger."
    )

    def get_form(self, form_class=None):
        return HelpRequestForm(
            self.request.POST or None,
            initial={"place": self.network.area_name},
            coordinates=access.can_manage(self.membership),
        )

    def perform(self, form):
        return services.help_request_create(
            acting_user=self.request.user,
            network=self.network,
            for_self=form.cleaned_data["for_self"],
            request=self.request,
            **form.service_fields(),
        )

    def get_success_url(self):
        return _request_url(self.network, self.result)


class RequestDetailView(_RequestPage, TemplateView):
    template_name = "volunteering/request_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        help_request = self.help_request
        matches = list(queries.request_matches(help_request, user, self.membership))
        context.update(
            help_request=help_request,
            matches=matches,
            show_seeker=access.seeker_visible(self.membership, user, help_request, matches),
        )
        return context


class RequestCloseView(_RequestPage, ServiceActionMixin, TemplateView):
    permission = roles.MANAGE_VOLUNTEERING
    template_name = "volunteering/request_close.html"
    context_subject = "help_request"
    confirm = True
    success_message = gettext_lazy("De hulpvraag is gesloten.")
    join_error_messages = False

    def perform(self):
        return services.help_request_close(
            acting_user=self.request.user,
            membership=self.membership,
            help_request=self.help_request,
            request=self.request,
        )

    def get_success_url(self):
        return _request_url(self.network, self.help_request)


class MatchingView(_RequestPage, ServiceActionMixin, TemplateView):
    """The coordinator's matching screen: volunteers ranked for this request, with reasons."""

    permission = roles.MANAGE_VOLUNTEERING
    template_name = "volunteering/matching.html"
    join_error_messages = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        help_request = self.help_request
        ranked = queries.ranking(self.network, help_request)
        show_all = self.request.GET.get("alle") == "1"
        shown = queries.with_uuids(self.network, ranked if show_all else ranked[:TOP_CANDIDATES])
        context.update(
            help_request=help_request,
            ranked=shown,
            total=len(ranked),
            show_all=show_all,
            top=TOP_CANDIDATES,
        )
        return context

    def perform(self):
        self.volunteer = get_object_or_404(
            VolunteerProfile, network=self.network, uuid=self.request.POST.get("volunteer")
        )
        ranked = queries.ranking(self.network, self.help_request, only=self.volunteer)
        reasons = [reason.text for r in ranked for reason in r.reasons]
        return services.match_propose(
            acting_user=self.request.user,
            membership=self.membership,
            help_request=self.help_request,
            volunteer=self.volunteer,
            reasons=reasons,
            request=self.request,
        )

    def get_success_message(self):
        return _("%(name)s is voorgesteld voor deze hulpvraag.") % {"name": self.volunteer.name}

    def get_failure_url(self):
        return reverse(
            "volunteering:matching",
            kwargs={"network_slug": self.network.slug, "request_uuid": self.help_request.uuid},
        )

    def get_success_url(self):
        return _match_url(self.network, self.result)


class RequestExportView(_RequestPage, View):
    """The help-seeker's data as JSON (AVG art. 15/20), for the coordinator on their request."""

    permission = roles.MANAGE_VOLUNTEERING
    log_category = services.LOG_EXPORT
    log_action = Action.EXPORT

    def get(self, request, *args, **kwargs):
        data = exports.help_request_export(self.help_request)
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="hulpvraag-{self.help_request.uuid}.json"'
        )
        return response


class RequestEraseView(_RequestPage, ServiceFormMixin, FormView):
    """Erasure on the help-seeker's request, confirmed by typing their name."""

    permission = roles.MANAGE_VOLUNTEERING
    template_name = "volunteering/request_erase.html"
    context_subject = "help_request"
    form_class = EraseForm
    success_message = gettext_lazy("Alle gegevens van deze hulpvrager zijn gewist.")

    def perform(self, form):
        return services.help_request_erase(
            acting_user=self.request.user,
            membership=self.membership,
            help_request=self.help_request,
            confirm_name=form.cleaned_data["confirm_name"],
            request=self.request,
        )

    def get_success_url(self):
        return reverse("volunteering:request_list", kwargs={"network_slug": self.network.slug})


# --- volunteers -----------------------------------------------------------------------------


class VolunteerListView(_Manage, ListView):
    template_name = "volunteering/volunteer_list.html"
    context_object_name = "volunteers"
    paginate_by = 50

    def get_queryset(self):
        self.include_inactive = self.request.GET.get("inactief") == "1"
        return queries.volunteer_list(self.network, include_inactive=self.include_inactive)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["include_inactive"] = self.include_inactive
        context["query_string"] = self.query_string()
        return context


class VolunteerCreateView(_Manage, ServiceFormMixin, FormView):
    """The coordinator records a volunteer who has no account (name and contact)."""

    template_name = "volunteering/volunteer_form.html"
    success_message = gettext_lazy("De vrijwilliger is ingeschreven.")

    def get_form(self, form_class=None):
        return VolunteerProfileForm(
            self.request.POST or None, initial={"place": self.network.area_name}
        )

    def perform(self, form):
        return services.volunteer_create(
            acting_user=self.request.user,
            membership=self.membership,
            network=self.network,
            **form.service_fields(),
        )

    def get_success_url(self):
        return _volunteer_url(self.network, self.result)


class OwnProfileView(_Base, ServiceFormMixin, FormView):
    """Register as volunteer, or change one's own volunteer profile."""

    template_name = "volunteering/volunteer_form.html"

    def get_form(self, form_class=None):
        self.profile = queries.own_profile(self.network, self.request.user)
        initial = {} if self.profile else {"place": self.network.area_name}
        return VolunteerProfileForm(
            self.request.POST or None, instance=self.profile, initial=initial, own=True
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["own"] = True
        context["profile"] = self.profile
        return context

    def perform(self, form):
        if self.profile is None:
            return services.volunteer_create(
                acting_user=self.request.user,
                membership=self.membership,
                network=self.network,
                user=self.request.user,
                **form.service_fields(),
            )
        return services.volunteer_update(
            acting_user=self.request.user,
            membership=self.membership,
            profile=self.profile,
            expected_version=form.cleaned_data.get("version") or 0,
            **form.service_fields(),
        )

    def get_success_message(self):
        if self.profile is None:
            return _("Je staat ingeschreven als vrijwilliger.")
        return _("Je vrijwilligersprofiel is opgeslagen.")

    def get_success_url(self):
        return reverse("volunteering:index", kwargs={"network_slug": self.network.slug})


class VolunteerDetailView(_Base, TemplateView):
    template_name = "volunteering/volunteer_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        profile = access.get_volunteer(
            self.network, self.kwargs["volunteer_uuid"], self.request.user, self.membership
        )
        context.update(
            profile=profile,
            matches=list(queries.my_matches(self.network, profile)),
            hours_total=queries.hours_total(self.network, profile),
        )
        return context


class VolunteerEditView(_Base, ServiceFormMixin, FormView):
    template_name = "volunteering/volunteer_form.html"
    context_subject = "profile"
    success_message = gettext_lazy("Het vrijwilligersprofiel is opgeslagen.")

    def get_form(self, form_class=None):
        self.profile = access.get_volunteer(
            self.network, self.kwargs["volunteer_uuid"], self.request.user, self.membership
        )
        return VolunteerProfileForm(
            self.request.POST or None,
            instance=self.profile,
            own=self.profile.user_id == self.request.user.pk,
        )

    def perform(self, form):
        return services.volunteer_update(
            acting_user=self.request.user,
            membership=self.membership,
            profile=self.profile,
            expected_version=form.cleaned_data.get("version") or 0,
            **form.service_fields(),
        )

    def get_success_url(self):
        return _volunteer_url(self.network, self.profile)


# --- matches --------------------------------------------------------------------------------


class MatchListView(OTPRequiredMixin, _Manage, ListView):
    """All matches, for the coordinator's overview; matches with a 'niet goed' answer are
    flagged."""

    template_name = "volunteering/match_list.html"
    context_object_name = "matches"
    paginate_by = 25

    def get_queryset(self):
        self.filter_form = MatchFilterForm(self.request.GET or None)
        filters = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        return queries.match_overview(
            self.network,
            status=filters.get("status", ""),
            signals_only=filters.get("signals", False),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = queries.status_counts(self.network)
        context.update(
            filter_form=self.filter_form,
            filtered=any(self.request.GET.get(k) for k in ("status", "signals")),
            query_string=self.query_string(),
            counts=[(MatchStatus(s).label, n) for s, n in counts.items()],
            open_followups=list(queries.open_followups(self.network)[:50]),
        )
        return context

    def get(self, request, *args, **kwargs):
        # The overview names help-seekers: a SEARCH without a person, with the number of
        # matches and follow-ups shown (each one's own page is logged when opened).
        with transaction.atomic():
            response = super().get(request, *args, **kwargs)
            response.render()
            context = response.context_data
            record_list(
                user=request.user,
                network=self.network,
                category=services.LOG_MATCH,
                label="koppelingenoverzicht",
                count=len(context["matches"]) + len(context["open_followups"]),
                request=request,
            )
        return response


class MatchDetailView(_MatchPage, TemplateView):
    template_name = "volunteering/match_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        match = self.match
        followups = list(match.followups.order_by("due_on", "pk"))
        for followup in followups:
            followup.can_answer = access.can_answer(self.membership, user, followup)
        context.update(
            match=match,
            help_request=match.request,
            show_seeker=access.seeker_visible(self.membership, user, match.request, [match]),
            transitions=[
                (s, MatchStatus(s).label)
                for s in services.allowed_transitions(self.membership, user, match)
                if s != MatchStatus.GESTOPT
            ],
            can_stop=MatchStatus.GESTOPT
            in services.allowed_transitions(self.membership, user, match),
            followups=followups,
            is_volunteer=match.volunteer.user_id == user.pk,
        )
        return context


class MatchTransitionView(OTPRequiredMixin, _Base, ServiceActionMixin, View):
    """POST only: akkoord, lopend or afgerond (stopping has its own page with a reason)."""

    http_method_names = ["post"]
    join_error_messages = False

    def post(self, request, *args, **kwargs):
        self.match = access.get_match(
            self.network, self.kwargs["match_uuid"], request.user, self.membership
        )
        if request.POST.get("status", "") == MatchStatus.GESTOPT:
            return redirect(
                "volunteering:match_stop",
                network_slug=self.network.slug,
                match_uuid=self.match.uuid,
            )
        return super().post(request, *args, **kwargs)

    def perform(self):
        return services.match_transition(
            acting_user=self.request.user,
            membership=self.membership,
            match=self.match,
            to=self.request.POST.get("status", ""),
            expected_version=_int(self.request.POST.get("version"), self.match.version),
            request=self.request,
        )

    def get_success_message(self):
        return _("De koppeling staat nu op %(status)s.") % {
            "status": self.match.get_status_display().lower()
        }

    def get_success_url(self):
        return _match_url(self.network, self.match)


def _int(value, default):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


class MatchStopView(_MatchPage, ServiceFormMixin, FormView):
    template_name = "volunteering/match_stop.html"
    context_subject = "match"
    success_message = gettext_lazy("De koppeling is gestopt.")

    def get_form(self, form_class=None):
        if MatchStatus.GESTOPT not in services.allowed_transitions(
            self.membership, self.request.user, self.match
        ):
            raise PermissionDenied
        return MatchStopForm(self.request.POST if self.request.method == "POST" else None)

    def perform(self, form):
        return services.match_transition(
            acting_user=self.request.user,
            membership=self.membership,
            match=self.match,
            to=MatchStatus.GESTOPT,
            reason=form.cleaned_data["reason"],
            request=self.request,
        )

    def get_success_url(self):
        return _match_url(self.network, self.match)


class FollowUpView(OTPRequiredMixin, _Base, LoggedReadMixin, ServiceFormMixin, FormView):
    """Answer "gaat het goed?" — by the asked person, or the coordinator after a phone call."""

    template_name = "volunteering/followup.html"
    success_message = gettext_lazy("Bedankt, het antwoord is opgeslagen.")
    log_category = services.LOG_FOLLOWUP

    def load_subject(self, request, *args, **kwargs):
        self.followup = access.get_followup(
            self.network, kwargs["followup_uuid"], request.user, self.membership
        )

    def log_subject_uuid(self):
        return self.followup.match.request.uuid

    def get_form(self, form_class=None):
        initial = {"answer": self.followup.answer, "remark": self.followup.remark}
        return FollowUpAnswerForm(
            self.request.POST if self.request.method == "POST" else None, initial=initial
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        followup = self.followup
        context.update(
            followup=followup,
            match=followup.match,
            asked_self=not access.can_manage(self.membership)
            or (
                followup.audience == "vrijwilliger"
                and followup.match.volunteer.user_id == self.request.user.pk
            ),
        )
        return context

    def perform(self, form):
        return services.followup_answer(
            acting_user=self.request.user,
            membership=self.membership,
            followup=self.followup,
            answer=form.cleaned_data["answer"],
            remark=form.cleaned_data["remark"],
            request=self.request,
        )

    def get_success_url(self):
        if access.can_manage(self.membership):
            return _match_url(self.network, self.followup.match)
        return reverse("volunteering:index", kwargs={"network_slug": self.network.slug})


# --- hours ----------------------------------------------------------------------------------


class _LogHours(ServiceFormMixin):
    """The hours form: log the hours for `self.profile` (set by get_form)."""

    def perform(self, form):
        data = form.cleaned_data
        return services.hours_log(
            acting_user=self.request.user,
            membership=self.membership,
            volunteer=self.profile,
            date=data["date"],
            hours=data["hours"],
            kind=data.get("kind", ""),
            match=data.get("match"),
            note=data.get("note", ""),
        )


class HoursView(_Base, _LogHours, FormView):
    """A volunteer's own hours: the list and a form to log more."""

    template_name = "volunteering/hours.html"
    success_message = gettext_lazy("Je uren zijn geschreven.")

    def get_form(self, form_class=None):
        self.profile = queries.own_profile(self.network, self.request.user)
        matches = list(queries.my_matches(self.network, self.profile)) if self.profile else []
        return HoursForm(
            self.request.POST if self.request.method == "POST" else None,
            initial={"date": timezone.localdate()},
            matches=matches,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["profile"] = self.profile
        if self.profile is not None:
            context["entries"] = list(queries.hours_of(self.network, self.profile)[:100])
            context["hours_total"] = queries.hours_total(self.network, self.profile)
        return context

    def perform(self, form):
        if self.profile is None:
            raise PermissionDenied
        return super().perform(form)

    def get_success_url(self):
        return reverse("volunteering:hours", kwargs={"network_slug": self.network.slug})


class VolunteerHoursView(_Manage, _LogHours, FormView):
    """The coordinator writes hours for a volunteer without an account."""

    template_name = "volunteering/volunteer_hours.html"

    def get_form(self, form_class=None):
        self.profile = access.get_volunteer(
            self.network, self.kwargs["volunteer_uuid"], self.request.user, self.membership
        )
        if not access.can_log_hours_for(self.membership, self.request.user, self.profile):
            raise PermissionDenied
        return HoursForm(
            self.request.POST if self.request.method == "POST" else None,
            initial={"date": timezone.localdate()},
            matches=list(queries.my_matches(self.network, self.profile)),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["profile"] = self.profile
        context["entries"] = list(queries.hours_of(self.network, self.profile)[:100])
        return context

    def get_success_message(self):
        return _("De uren van %(name)s zijn geschreven.") % {"name": self.profile.name}

    def get_success_url(self):
        return _volunteer_url(self.network, self.profile)


def _period(request):
    form = PeriodForm(request.GET or None)
    if form.is_valid():
        return form, form.cleaned_data.get("start"), form.cleaned_data.get("end")
    return form, None, None


class HoursReportView(_Manage, TemplateView):
    template_name = "volunteering/hours_report.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, start, end = _period(self.request)
        report = queries.hours_report(self.network, start, end)
        labels = dict(HelpKind.choices)
        for row in report["per_kind"]:
            row["label"] = labels.get(row["kind"], row["kind"])
        context.update(form=form, report=report, query_string=self.query_string())
        return context


class HoursCsvView(_Manage, View):
    """Hours per volunteer, kind of help and month, for the funder's report."""

    def get(self, request, *args, **kwargs):
        _form, start, end = _period(request)
        labels = dict(HelpKind.choices)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = content_disposition_header(
            True, f"{self.network.slug}-uren-vrijwilligers.csv"
        )
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow([_("vrijwilliger"), _("soort hulp"), _("maand"), _("uren"), _("keer")])
        for row in queries.hours_rows(self.network, start, end):
            writer.writerow(
                [
                    safe_cell(row["volunteer__name"]),
                    safe_cell(labels.get(row["kind"], row["kind"])),
                    row["month"].strftime("%Y-%m"),
                    f"{row['hours']:.2f}",
                    row["entries"],
                ]
            )
        return response
