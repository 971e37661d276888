import csv

from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from django_scopes import scope

from wijknet.core.csvsafe import safe_row
from wijknet.core.mixins import NetworkViewMixin, ServiceActionMixin, ServiceFormMixin
from wijknet.core.pagecache import CachedPageMixin
from wijknet.core.pagination import bounded
from wijknet.networks import roles
from wijknet.networks.models import Organisation, Sector
from wijknet.toolbox import queries as toolbox

from . import charts as scan_charts
from . import flow, queries, services
from .forms import DONT_KNOW, SCALE, AnswerForm, PlannedRoundForm, RoundForm
from .models import ScanInvitation, ScanRound

# How long a rendered results body is kept. Its key holds the fingerprints of the answers it
# shows, so new answers never wait for this; it only bounds how long a change of the content
# (statement texts, advice) takes to show.
RESULTS_CACHE_SECONDS = 600


def get_round(network, round_uuid) -> ScanRound:
    return get_object_or_404(ScanRound, network=network, uuid=round_uuid)


def results_url(network, round_) -> str:
    return reverse(
        "scans:results", kwargs={"network_slug": network.slug, "round_uuid": round_.uuid}
    )


class RoundListView(CachedPageMixin, NetworkViewMixin, TemplateView):
    permission = roles.VIEW_SCANS
    template_name = "scans/round_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rounds"] = bounded(
            self.request, queries.rounds_of(self.network), key="rondes", preview=20
        )
        pending = ScanInvitation.objects.filter(
            network=self.network, user=self.request.user, submitted_at__isnull=True
        ).values_list("round_id", flat=True)
        context["pending_round_ids"] = set(pending)
        context["can_manage"] = self.membership.can(roles.MANAGE_SCANS)
        context["planned"] = list(queries.planned_rounds(self.network)[: queries.PLANNED_SHOWN])
        return context


class RoundCreateView(NetworkViewMixin, ServiceFormMixin, FormView):
    permission = roles.MANAGE_SCANS
    template_name = "scans/round_form.html"

    def get_form(self, form_class=None):
        organisations = Organisation.objects.filter(network=self.network).order_by("name", "pk")
        return RoundForm(self.request.POST or None, organisations=organisations)

    def perform(self, form):
        return services.round_create(
            acting_user=self.request.user, network=self.network, **form.cleaned_data
        )

    def get_success_message(self):
        return _(
            "Scanronde %(label)s is gestart; de uitnodigingen gaan per e-mail de deur uit."
        ) % {"label": self.result.label}

    def get_success_url(self):
        return results_url(self.network, self.result)


class ResultsView(CachedPageMixin, NetworkViewMixin, TemplateView):
    """A round's results: the summary (strongest, weakest, disputed, advice, the radar) by
    default; with `?weergave=details` (or a breakdown `?per=`) the detail: every indicator
    with its statements, n, the trend over rounds, own statements and the breakdown."""

    permission = roles.VIEW_SCANS
    template_name = "scans/results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        round_ = get_round(self.network, self.kwargs["round_uuid"])
        per = self.request.GET.get("per")
        per = per if per in ("role", "sector") else None
        detail = bool(per) or self.request.GET.get("weergave") == "details"
        previous = queries.previous_round(round_)
        instruments = list(round_.instruments.order_by("order", "name"))
        trend_rounds = (
            {i.pk: queries.trend_rounds(round_, i) for i in instruments} if detail else {}
        )
        rounds = [round_, previous, *(r for rs in trend_rounds.values() for r in rs)]
        counts = queries.fingerprints([r for r in rounds if r is not None])
        _fingerprint, invited, submitted = counts[round_.pk]
        can_view_roadmap = self.membership.can(roles.VIEW_ROADMAP)
        # The results body depends only on the answers (the fingerprints), the round's state,
        # the language and what the viewer may open: rendered once per combination.
        key = ":".join(
            [
                "scans:results",
                str(round_.uuid),
                round_.state,
                str(round_.weak_threshold),
                get_language() or "",
                "details" if detail else "summary",
                per or "",
                "steps" if can_view_roadmap else "",
                *(f"{pk}={counts[pk][0]}" for pk in sorted(counts)),
            ]
        )
        body = cache.get(key)
        if body is None:
            body = render_to_string(
                "scans/_results_body.html",
                self._body(round_, previous, instruments, trend_rounds, counts, detail, per)
                | {"network": self.network, "can_view_roadmap": can_view_roadmap},
            )
            cache.set(key, body, RESULTS_CACHE_SECONDS)
        context.update(
            round=round_,
            response={
                "invited": invited,
                "submitted": submitted,
                "rate": round(100 * submitted / invited) if invited else 0,
            },
            body=mark_safe(body),  # noqa: S308 - our own template's output
            can_manage=self.membership.can(roles.MANAGE_SCANS),
        )
        return context

    def _body(self, round_, previous, instruments, trend_rounds, counts, detail, per) -> dict:
        """The context of the results body."""
        figures = queries.round_figures(
            [round_, previous, *(r for rs in trend_rounds.values() for r in rs)], counts
        )
        places = queries.item_places(figures.values())
        results = queries.round_results(round_, figures, previous, places, instruments)
        charts = []
        for inst in results.instruments:
            chart = {"result": inst}
            if detail:
                chart.update(self._trend(round_, inst, figures, trend_rounds, places))
            else:
                chart.update(self._radar(round_, inst, previous))
            charts.append(chart)
        context = {
            "round": round_,
            "results": results,
            "charts": charts,
            "previous": previous,
            "detail": detail,
            "per": per,
            "toolbox_helps": toolbox.helps_for_scan_results(results),
        }
        if per:
            context["breakdown"] = queries.breakdown(round_, per, figures, places)
            labels = dict(roles.Role.choices) if per == "role" else dict(Sector.choices)
            context["breakdown_labels"] = {k: str(v) for k, v in labels.items()}
            context["breakdown_labels"][""] = _("Onbekend (losse uitnodiging of papier)")
        return context

    @staticmethod
    def _radar(round_, inst, previous) -> dict:
        return scan_charts.radar_chart(round_, inst, previous)

    @staticmethod
    def _trend(round_, inst, figures, trend_rounds, places) -> dict:
        return scan_charts.trend_chart(
            round_, inst, figures, trend_rounds[inst.instrument.pk], places
        )


class RoundCloseView(NetworkViewMixin, ServiceActionMixin, TemplateView):
    """Closing a round cannot be undone: it asks first, on its own page."""

    permission = roles.MANAGE_SCANS
    template_name = "scans/round_close.html"
    confirm = True
    success_message = gettext_lazy("De ronde is gesloten.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["round"] = queries.round_with_counts(
            get_round(self.network, self.kwargs["round_uuid"])
        )
        return context

    def perform(self):
        self.round = get_round(self.network, self.kwargs["round_uuid"])
        return services.round_close(acting_user=self.request.user, round_=self.round)

    def get_success_url(self):
        return results_url(self.network, self.round)


class ResultsCsvView(NetworkViewMixin, TemplateView):
    permission = roles.VIEW_SCANS

    def get(self, request, *args, **kwargs):
        round_ = get_round(self.network, kwargs["round_uuid"])
        results = queries.round_results(round_)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        # The label is free text (quotes, newlines): the helper quotes or encodes it.
        response["Content-Disposition"] = content_disposition_header(
            True, f"scan-{self.network.slug}-{round_.label}.csv"
        )
        writer = csv.writer(response)
        writer.writerow(
            [
                "instrument",
                "onderdeel",
                "indicator",
                "stelling",
                "n",
                "gemiddelde",
                "spreiding",
                "1",
                "2",
                "3",
                "4",
                "5",
                "weet_niet",
                "verschil_van_mening",
            ]
        )
        for inst in results.instruments:
            for group in inst.groups:
                for ind in group.indicators:
                    for item, stats in ind.items:
                        writer.writerow(
                            _csv_row(inst.instrument.key, group.name, ind.name, item, stats)
                        )
        for item, stats in results.own_items:
            writer.writerow(_csv_row("eigen", "", "", item, stats))
        return response


def _csv_row(instrument, group, indicator, item, stats) -> list:
    """One statement's row of the results CSV; own statements are members' text."""
    return safe_row(
        [
            instrument,
            group,
            indicator,
            item.text,
            stats.n,
            _fmt(stats.mean),
            _fmt(stats.sd),
            *stats.distribution(),
            stats.dont_know,
            "ja" if stats.disagreement else "nee",
        ]
    )


def _fmt(value):
    return "" if value is None else f"{value:.2f}"


# Answering ----------------------------------------------------------------------------------
# One perspective per screen (flow.screens_of): a start page with the time estimate, the
# screens, and an overview where the respondent checks what is open and submits. Every screen
# is saved on leaving it (forward, back or "later"), as a halfway response on the invitation;
# only the overview's "Indienen" submits.

START, OVERVIEW = "start", "overview"


class _Links:
    """The URLs of one respondent's answering pages: by token link or on the member page."""

    def __init__(self, prefix: str, kwargs: dict):
        self.prefix, self.kwargs = prefix, kwargs

    def start(self) -> str:
        return reverse(f"scans:{self.prefix}", kwargs=self.kwargs)

    def part(self, number: int) -> str:
        return reverse(f"scans:{self.prefix}_part", kwargs={**self.kwargs, "part": number})

    def overview(self) -> str:
        return reverse(f"scans:{self.prefix}_overview", kwargs=self.kwargs)


def _answer_page(request, invitation, links: _Links, page):
    """Shared by the token link and the member page. `page` is START, OVERVIEW or a screen
    number (1-based)."""
    round_ = invitation.round
    items = list(services.round_items(round_).select_related("instrument", "indicator__group"))
    screens = flow.screens_of(items)
    context = {
        "round": round_,
        "network_name": round_.network.name,
        "invitation": invitation,
        "links": links,
        "screens": screens,
    }
    if invitation.submitted_at is not None:
        if request.method == "POST":  # a second submission: say so, store nothing
            return _done_page(request, invitation, items, context, already=True)
        return _done_page(request, invitation, items, context)
    try:
        services.check_open(round_)
    except services.ScanError as error:
        return render(
            request, "scans/answer_closed.html", {**context, "reason": str(error)}, status=410
        )
    progress = flow.Progress(screens, flow.own_answers(invitation))
    context["progress"] = progress
    if page == START:
        return _start_page(request, invitation, links, context, items)
    if page == OVERVIEW:
        return _overview_page(request, invitation, links, context)
    if not 1 <= page <= len(screens):
        raise Http404
    return _screen_page(request, invitation, links, context, screens[page - 1])


def _start_page(request, invitation, links, context, items):
    """What the scan is, how long it takes, and where to begin or go on."""
    progress = context["progress"]
    if request.method == "POST":
        # A one-page form loaded before the scan had screens: keep what it carried, then let
        # the respondent check and submit on the overview.
        form = AnswerForm(request.POST, items=items)
        if form.is_valid() and form.answers():
            try:
                services.answers_save(invitation=invitation, answers=form.answers(), submit=False)
            except services.AlreadySubmitted:
                return _done_page(request, invitation, items, context, already=True)
        return redirect(links.overview())
    resume = progress.resume_at
    context.update(
        minutes=flow.estimate_minutes(progress.total),
        next_url=links.part(resume.number) if resume else links.overview(),
    )
    return render(request, "scans/answer_start.html", context)


def _screen_page(request, invitation, links, context, screen):
    progress = context["progress"]
    form = AnswerForm(request.POST or None, items=screen.items, existing=progress.answers)
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action", "next")
        try:
            services.answers_save(invitation=invitation, answers=form.answers(), submit=False)
        except services.AlreadySubmitted:
            # A racing request (a second tab) submitted first.
            return _done_page(request, invitation, [], context, already=True)
        except services.ScanError as error:
            form.add_error(None, str(error))
        else:
            progress.answers.update(form.answers())
            if action == "back":
                return redirect(
                    links.part(screen.number - 1) if screen.number > 1 else links.start()
                )
            if action == "save":
                messages.success(
                    request,
                    _("Opgeslagen. Je kunt later verder gaan via dezelfde link."),
                )
                return redirect(links.part(screen.number))
            open_items = progress.open_items(screen)
            if not open_items:
                last = screen.number == len(context["screens"])
                return redirect(links.overview() if last else links.part(screen.number + 1))
            # Every statement needs an answer ("weet niet" counts): say so next to each one.
            # What was answered is saved already.
            for item in open_items:
                form.add_error(
                    f"item_{item.pk}",
                    _("Kies een antwoord, of 'weet niet / n.v.t.'."),
                )
    # Arriving from the overview's list of open statements: mark them where they are.
    show_open = request.method == "GET" and request.GET.get("open") == "1"
    context.update(
        screen=screen,
        form=form,
        open_pks={item.pk for item in progress.open_items(screen)} if show_open else set(),
        is_last=screen.number == len(context["screens"]),
        missing=[(item, field) for item, field in form.rows() if field.errors],
    )
    return render(request, "scans/answer_screen.html", context)


def _overview_page(request, invitation, links, context):
    """Check what is left open (with links to where it is) and submit."""
    progress, screens = context["progress"], context["screens"]
    context.update(
        parts=[(s, links.part(s.number), progress.open_items(s)) for s in screens],
        open_query="?open=1",
        last_url=links.part(len(screens)) if screens else None,
    )
    if request.method == "POST":
        try:
            services.answers_save(invitation=invitation, answers={}, submit=True)
        except services.AlreadySubmitted:
            return _done_page(request, invitation, [], context, already=True)
        except services.ScanError as error:
            context["error"] = str(error)
        else:
            messages.success(request, _("Bedankt! Je antwoorden zijn ingediend."))
            return redirect(links.start())
    return render(request, "scans/answer_overview.html", context)


def _done_page(request, invitation, items, context, *, already=False):
    """The respondent's own submitted answers; `already` for a submission that came too late."""
    if not items:
        items = [item for screen in context["screens"] for item in screen.items]
    existing = flow.own_answers(invitation)
    labels = dict(SCALE)
    context["own_answers"] = [
        (
            item,
            labels[DONT_KNOW] if existing[item.pk] is None else labels[str(existing[item.pk])],
        )
        if item.pk in existing
        else (item, "—")
        for item in items
    ]
    if already:
        context["already"] = str(services.AlreadySubmitted())
    return render(request, "scans/answer_done.html", context, status=409 if already else 200)


def answer_by_token(request, scan_token, part=START):
    try:
        invitation = services.invitation_by_token(scan_token)
    except services.ScanError as error:
        return render(request, "scans/answer_closed.html", {"reason": str(error)}, status=404)
    with scope(network=invitation.round.network):  # loaded with the invitation
        return _answer_page(request, invitation, _Links("answer", {"scan_token": scan_token}), part)


class MemberAnswerView(NetworkViewMixin, TemplateView):
    """A member answers through the site instead of the e-mailed link."""

    permission = roles.VIEW_SCANS
    http_method_names = ["get", "post"]

    def get(self, request, *args, **kwargs):
        return self._page(request)

    def post(self, request, *args, **kwargs):
        return self._page(request)

    def _page(self, request):
        round_ = get_round(self.network, self.kwargs["round_uuid"])
        invitation = ScanInvitation.objects.filter(
            network=self.network, round=round_, user=request.user
        ).first()
        if invitation is None:
            raise Http404
        links = _Links(
            "member_answer", {"network_slug": self.network.slug, "round_uuid": round_.uuid}
        )
        return _answer_page(request, invitation, links, self.kwargs.get("part", START))


class PlannedRoundEditView(NetworkViewMixin, ServiceFormMixin, FormView):
    """Move a planned re-measurement (T1/T2) to another date."""

    permission = roles.MANAGE_SCANS
    template_name = "scans/planned_form.html"
    success_message = gettext_lazy("De planning is bijgewerkt.")

    def get_form(self, form_class=None):
        self.planned = queries.get_planned_round(self.network, self.kwargs["planned_uuid"])
        return PlannedRoundForm(
            self.request.POST or None,
            initial={"due_on": self.planned.due_on, "version": self.planned.version},
        )

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "planned": self.planned}

    def perform(self, form):
        return services.planned_round_update(
            acting_user=self.request.user,
            planned=self.planned,
            due_on=form.cleaned_data["due_on"],
            expected_version=form.cleaned_data["version"],
        )

    def get_success_url(self):
        return reverse("scans:list", kwargs={"network_slug": self.network.slug})


class PlannedRoundOpenView(NetworkViewMixin, ServiceActionMixin, TemplateView):
    """Open a planned round in one click, with the baseline's invitation list."""

    permission = roles.MANAGE_SCANS
    http_method_names = ["post"]

    def perform(self):
        planned = queries.get_planned_round(self.network, self.kwargs["planned_uuid"])
        return services.planned_round_open(acting_user=self.request.user, planned=planned)

    def get_success_message(self):
        return _(
            "Scanronde %(label)s is gestart; de uitnodigingen gaan per e-mail de deur uit."
        ) % {"label": self.result.label}

    def get_success_url(self):
        return results_url(self.network, self.result)

    def get_failure_url(self):
        return reverse("scans:list", kwargs={"network_slug": self.network.slug})
