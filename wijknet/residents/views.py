"""Resident pages (`/mijn/<link>/…`) and the care team's page about the resident's access.

A resident page needs a logged-in user with a verified second factor (an e-mailed code or an
authenticator app), then the user's own open link to the record (access.link_for: else 404),
then what the page needs (access.may: else 404 — a mantelzorger sees only what was granted).
Each GET writes exactly ONE access-log record, in the same transaction as the page
(`ResidentPageMixin`); each POST is logged by its service. The pages are written in plain
Dutch (B1) and address the reader as "u".
"""

import json
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from django_scopes import scope

from wijknet.accesslog.mixins import LoggedReadMixin
from wijknet.accesslog.models import Action
from wijknet.accounts import backends
from wijknet.accounts.twofactor import (
    OTPRequiredMixin,
    confirmed_device,
    session_verify,
    throttle_message,
)
from wijknet.casework import access as casework_access
from wijknet.casework import queries as casework_queries
from wijknet.casework import selfcheck
from wijknet.casework.models import Purpose
from wijknet.casework.queries import category_label
from wijknet.casework.selfcheck import SelfCheckForm
from wijknet.core.mixins import (
    NetworkViewMixin,
    ServiceActionMixin,
    ServiceFormMixin,
)
from wijknet.networks import roles

from . import access, navigation, queries, services
from .forms import (
    AcceptForm,
    CodeForm,
    MantelzorgerInviteForm,
    MessageForm,
    ProposalForm,
    ReplyForm,
    TeamInviteForm,
    WordsForm,
)

# --- the resident's side ---------------------------------------------------------------------


def _code_redirect(request):
    return redirect(reverse("residents:code") + "?" + urlencode({"next": request.get_full_path()}))


class ResidentPageMixin(LoginRequiredMixin):
    """Put first. Loads the user's link (404 unless theirs, open, and allowing `need`), works
    inside the record's network scope and logs a GET in the page's own transaction."""

    need = access.READ
    nav_key = ""
    log_category = "plan"
    log_action = Action.READ

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not request.user.is_verified():
            return _code_redirect(request)
        link = access.link_for(request.user, kwargs["link_uuid"])
        if not access.may(link, self.need):
            raise Http404
        self.link, self.client, self.network = link, link.client, link.network
        with scope(network=self.network), transaction.atomic():
            self.load(request, *args, **kwargs)
            if request.method in ("GET", "HEAD") and hasattr(self, "get"):
                services.log_resident(
                    link=link,
                    action=self.log_action,
                    category=self.log_category,
                    request=request,
                )
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response.render()
            return response

    def load(self, request, *args, **kwargs) -> None:
        """Load a sub-object of the record (404 when it is not of this record)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["link"] = self.link
        context["client"] = self.client
        context["resident_nav"] = navigation.items_for(self.link, self.nav_key)
        return context

    def page_url(self, name="residents:plan", **extra):
        return reverse(name, kwargs={"link_uuid": self.link.uuid, **extra})


class HomeView(LoginRequiredMixin, TemplateView):
    """`/mijn/`: the user's open links (network and kind only, no client data); with one link,
    straight to that plan."""

    template_name = "residents/home.html"

    def get(self, request, *args, **kwargs):
        self.links = access.open_links(request.user)
        if len(self.links) == 1:
            return redirect("residents:plan", link_uuid=self.links[0].uuid)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "links": self.links}


class PlanView(ResidentPageMixin, TemplateView):
    """Mijn plan: the landing page."""

    template_name = "residents/plan.html"
    nav_key = "plan"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(queries.plan_page(self.client))
        context["may_contribute"] = access.may(self.link, access.CONTRIBUTE)
        return context


class WordsView(ResidentPageMixin, ServiceFormMixin, FormView):
    template_name = "residents/words.html"
    need = access.CONTRIBUTE
    nav_key = "plan"
    success_message = gettext_lazy("Uw woorden staan in het plan.")

    def get_form(self, form_class=None):
        words = queries.words(self.client)
        initial = {"version": words.version if words else 1}
        if words:
            initial.update(wil=words.wil, kan=words.kan, heb_nodig=words.heb_nodig)
        return WordsForm(self.request.POST or None, initial=initial)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["plan"] = queries.plan_page(self.client)["plan"]
        return context

    def perform(self, form):
        data = form.cleaned_data
        return services.words_save(
            acting_user=self.request.user,
            link=self.link,
            expected_version=data.get("version") or 1,
            wil=data["wil"],
            kan=data["kan"],
            heb_nodig=data["heb_nodig"],
            request=self.request,
        )

    def get_success_url(self):
        return self.page_url()


class ActionDoneView(ResidentPageMixin, ServiceActionMixin, View):
    http_method_names = ["post"]
    need = access.CONTRIBUTE
    success_message = gettext_lazy("Goed gedaan! De actie staat op gedaan.")

    def load(self, request, *args, **kwargs):
        self.action = queries.get_resident_action(self.client, kwargs["own_action_uuid"])

    def perform(self):
        return services.action_mark_done(
            acting_user=self.request.user, link=self.link, action=self.action, request=self.request
        )

    def get_success_url(self):
        return self.page_url()


class MessagesView(ResidentPageMixin, ServiceFormMixin, FormView):
    template_name = "residents/messages.html"
    nav_key = "messages"
    log_category = "messages"
    success_message = gettext_lazy("Uw vraag is verstuurd. Het team ziet hem op hun pagina.")

    def get_form(self, form_class=None):
        return MessageForm(self.request.POST or None)

    def post(self, request, *args, **kwargs):
        if not access.may(self.link, access.CONTRIBUTE):
            raise Http404
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["thread"] = queries.messages(self.client)
        context["may_contribute"] = access.may(self.link, access.CONTRIBUTE)
        context["contact"] = next(
            (m for m in queries.team(self.client) if m.is_coordinating_contact), None
        )
        return context

    def perform(self, form):
        return services.message_post(
            acting_user=self.request.user,
            link=self.link,
            text=form.cleaned_data["text"],
            request=self.request,
        )

    def get_success_url(self):
        return self.page_url("residents:messages")


class ConsentsView(ResidentPageMixin, TemplateView):
    template_name = "residents/consents.html"
    need = access.RESIDENT
    nav_key = "consents"
    log_category = "consent"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["consents"] = queries.consents(self.client)
        context["proposals"] = queries.open_proposals(self.client)
        return context


class ConsentWithdrawView(ResidentPageMixin, ServiceActionMixin, TemplateView):
    """GET: what withdrawing means (a read). POST: withdraw, at once."""

    template_name = "residents/consent_withdraw.html"
    need = access.RESIDENT
    nav_key = "consents"
    log_category = "consent"
    success_message = gettext_lazy(
        "De toestemming is ingetrokken. Dat geldt vanaf nu. Het team krijgt bericht."
    )

    def load(self, request, *args, **kwargs):
        self.consent = queries.get_consent(self.client, kwargs["consent_uuid"])

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "consent": self.consent}

    def perform(self):
        return services.consent_withdraw(
            acting_user=self.request.user,
            link=self.link,
            consent=self.consent,
            request=self.request,
        )

    def get_success_url(self):
        return self.page_url("residents:consents")


class ConsentGrantView(ResidentPageMixin, ServiceActionMixin, TemplateView):
    """GET: the proposal, in plain words (a read). POST: grant it."""

    template_name = "residents/consent_grant.html"
    need = access.RESIDENT
    nav_key = "consents"
    log_category = "consent"
    success_message = gettext_lazy("U hebt toestemming gegeven. Het team krijgt bericht.")

    def load(self, request, *args, **kwargs):
        self.proposal = queries.get_proposal(self.client, kwargs["proposal_uuid"])

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "proposal": self.proposal}

    def perform(self):
        return services.consent_grant(
            acting_user=self.request.user,
            link=self.link,
            proposal=self.proposal,
            request=self.request,
        )

    def get_success_url(self):
        return self.page_url("residents:consents")


class AccessLogView(ResidentPageMixin, TemplateView):
    """Wie keek in mijn gegevens (Wabvpz art. 15e): who, organisation, role, when, what kind of
    data, on which ground."""

    template_name = "residents/accesslog.html"
    need = access.RESIDENT
    nav_key = "accesslog"
    log_category = "accesslog"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        paginator = Paginator(queries.access_records(self.client), self.paginate_by)
        page = paginator.get_page(self.request.GET.get("page"))
        records = list(page.object_list)
        purposes = dict(Purpose.choices)
        for record in records:
            record.category_label = category_label(record.category)
            record.ground_label = (
                _("Toestemming voor: %(purpose)s") % {"purpose": purposes[record.purpose]}
                if record.purpose in purposes
                else record.purpose
            )
        context.update(
            records=records,
            page_obj=page,
            paginator=paginator,
            is_paginated=page.has_other_pages(),
        )
        return context


class ExportJsonView(ResidentPageMixin, View):
    need = access.RESIDENT
    log_category = "export"
    log_action = Action.EXPORT

    def get(self, request, *args, **kwargs):
        data = queries.export(self.client)
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2, default=str),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = content_disposition_header(True, "mijn-gegevens.json")
        return response


class ExportHtmlView(ResidentPageMixin, TemplateView):
    template_name = "residents/export.html"
    need = access.RESIDENT
    nav_key = "accesslog"
    log_category = "export"
    log_action = Action.PRINT

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "export": queries.export(self.client)}


class LinksView(ResidentPageMixin, ServiceFormMixin, FormView):
    """Who may look along (the resident, mantelzorgers); the resident invites a mantelzorger."""

    template_name = "residents/links.html"
    nav_key = "access"
    log_category = "resident_access"

    def get_form(self, form_class=None):
        return MantelzorgerInviteForm(self.request.POST or None)

    def post(self, request, *args, **kwargs):
        if not access.may(self.link, access.RESIDENT):
            raise Http404
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["links"] = queries.links(self.client)
        context["is_resident"] = access.may(self.link, access.RESIDENT)
        return context

    def perform(self, form):
        return services.invitation_create_by_resident(
            acting_user=self.request.user,
            link=self.link,
            email=form.cleaned_data["email"],
            scope=form.cleaned_data["scope"],
            request=self.request,
        )

    def get_success_message(self):
        return _("We hebben een uitnodiging gestuurd naar %(email)s.") % {
            "email": self.result[0].email
        }

    def get_success_url(self):
        return self.page_url("residents:links")


class LinkEndView(ResidentPageMixin, View):
    http_method_names = ["post"]

    def load(self, request, *args, **kwargs):
        self.other = queries.get_link(self.client, kwargs["other_uuid"])

    def post(self, request, *args, **kwargs):
        if not access.may_end(self.link, self.other):
            raise Http404
        services.link_end_by_resident(
            acting_user=request.user, link=self.link, other=self.other, request=request
        )
        messages.success(request, _("Deze toegang is gestopt. Dat geldt vanaf nu."))
        if self.other.pk == self.link.pk:
            return redirect("residents:home")
        return HttpResponseRedirect(self.page_url("residents:links"))


# --- accepting an invitation and the e-mailed code -------------------------------------------


def _invalid(request, error):
    return render(request, "residents/invitation_invalid.html", {"reason": str(error)}, status=410)


class AcceptView(View):
    """The invitation link: a new account (name and password), or an existing one logs in."""

    template_name = "residents/accept.html"

    def dispatch(self, request, token):
        try:
            self.invitation = services.invitation_by_token(token)
        except services.InvitationError as error:
            return _invalid(request, error)
        self.token = token
        self.existing = (
            get_user_model().objects.filter(email__iexact=self.invitation.email).exists()
        )
        return super().dispatch(request, token)

    def render(self, request, form=None, mismatch=False):
        context = {
            "invitation": self.invitation,
            "existing": self.existing,
            "form": form,
            "mismatch": mismatch,
            "login_url": reverse("accounts:login") + "?" + urlencode({"next": request.path}),
        }
        return render(request, self.template_name, context)

    def get(self, request, token):
        if request.user.is_authenticated:
            mismatch = request.user.email.lower() != self.invitation.email.lower()
            return self.render(request, mismatch=mismatch)
        if self.existing:
            return self.render(request)
        return self.render(request, AcceptForm(email=self.invitation.email))

    def post(self, request, token):
        try:
            if request.user.is_authenticated:
                link = services.invitation_accept(token=token, user=request.user, request=request)
            elif self.existing:
                return self.render(request)
            else:
                form = AcceptForm(request.POST, email=self.invitation.email)
                if not form.is_valid():
                    return self.render(request, form)
                link = services.invitation_accept_new_user(
                    token=token,
                    full_name=form.cleaned_data["full_name"],
                    password=form.cleaned_data["password1"],
                    request=request,
                )
                login(request, link.user, backend=backends.PATH)
        except services.InvitationError as error:
            return _invalid(request, error)
        messages.success(request, _("Welkom! Uw account is klaar."))
        target = reverse("residents:plan", kwargs={"link_uuid": link.uuid})
        # The code page sends a session that passed a second factor straight on.
        return redirect(reverse("residents:code") + "?" + urlencode({"next": target}))


def _safe_next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("residents:home")


class EmailCodeView(LoginRequiredMixin, View):
    """The second factor for residents: a six-digit code by e-mail (sent through the task
    worker), sent when the page opens without a valid code and again on request. Whoever has
    set up an authenticator app (accounts.twofactor) may type its code here instead; then no
    e-mail is sent unless they ask for one."""

    template_name = "residents/code.html"

    def render(self, request, form, error=""):
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "error": error,
                "next": _safe_next(request),
                "email": request.user.email,
                "has_app": confirmed_device(request.user) is not None,
            },
        )

    def get(self, request):
        if request.user.is_verified():
            return redirect(_safe_next(request))
        device = services.email_device(request.user)
        has_app = confirmed_device(request.user) is not None
        if not has_app and (device is None or services.code_expired(device)):
            services.email_code_send(user=request.user)
        return self.render(request, CodeForm())

    def post(self, request):
        if request.user.is_verified():
            return redirect(_safe_next(request))
        if "resend" in request.POST:
            if services.email_code_send(user=request.user):
                messages.info(request, _("We hebben een nieuwe code gestuurd."))
            else:
                messages.info(request, _("Wacht een minuut voordat u een nieuwe code vraagt."))
            return self.render(request, CodeForm())
        form = CodeForm(request.POST)
        if not form.is_valid():
            return self.render(request, form)
        code = form.cleaned_data["code"]
        email = services.email_device(request.user)
        if email is not None and email.token:
            blocked = throttle_message(email)
            if blocked:
                return self.render(request, form, blocked)
            if services.email_code_verify(request=request, device=email, code=code):
                return redirect(_safe_next(request))
        app = confirmed_device(request.user)
        if app is not None:
            blocked = throttle_message(app)
            if blocked:
                return self.render(request, form, blocked)
            if session_verify(request=request, token=code):
                return redirect(_safe_next(request))
        return self.render(
            request,
            form,
            _("Deze code klopt niet of is verlopen. Kijk of u de nieuwste e-mail hebt."),
        )


# --- the care team's side --------------------------------------------------------------------


class _TeamMixin(OTPRequiredMixin, NetworkViewMixin, LoggedReadMixin):
    """A page about one client's resident access: second factor, WORK_ON_CASES, and the client
    per casework.access (else 404); a GET is logged (LoggedReadMixin)."""

    permission = roles.WORK_ON_CASES
    log_category = "resident_access"

    def load_subject(self, request, *args, **kwargs):
        self.client, self.consent = casework_access.client_access(
            self.network, self.membership, kwargs["client_uuid"]
        )

    def log_subject_uuid(self):
        return self.client.uuid

    def log_consent(self):
        return self.consent

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "client": self.client}

    def team_url(self):
        return reverse(
            "residents:team",
            kwargs={"network_slug": self.network.slug, "client_uuid": self.client.uuid},
        )

    def get_success_url(self):
        return self.team_url()


class TeamView(_TeamMixin, TemplateView):
    """The resident's access and questions, on the professional's side of the case."""

    template_name = "residents/team.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            links=queries.links(self.client),
            invitations=queries.open_invitations(self.client),
            thread=queries.messages(self.client),
            proposals=queries.open_proposals(self.client),
            words=queries.words(self.client),
            reply_form=ReplyForm(),
        )
        return context


class TeamInviteView(_TeamMixin, ServiceFormMixin, FormView):
    template_name = "residents/team_form.html"
    extra_context = {"title": gettext_lazy("Bewoner of mantelzorger uitnodigen")}

    def get_form(self, form_class=None):
        return TeamInviteForm(self.request.POST or None)

    def perform(self, form):
        data = form.cleaned_data
        return services.invitation_create(
            acting_user=self.request.user,
            membership=self.membership,
            client=self.client,
            email=data["email"],
            kind=data["kind"],
            scope=data.get("scope") or "read",
            consent_note=data.get("consent_note", ""),
            request=self.request,
        )

    def get_success_message(self):
        return _("De uitnodiging is verstuurd naar %(email)s.") % {"email": self.result[0].email}


class TeamReplyView(_TeamMixin, ServiceFormMixin, FormView):
    template_name = "residents/team_form.html"
    extra_context = {"title": gettext_lazy("Antwoord aan de bewoner")}
    success_message = gettext_lazy("Je antwoord staat bij de vragen van de bewoner.")

    def get_form(self, form_class=None):
        return ReplyForm(self.request.POST or None)

    def perform(self, form):
        return services.message_reply(
            acting_user=self.request.user,
            membership=self.membership,
            client=self.client,
            text=form.cleaned_data["text"],
            request=self.request,
        )


class TeamProposeView(_TeamMixin, ServiceFormMixin, FormView):
    template_name = "residents/team_form.html"
    extra_context = {"title": gettext_lazy("Toestemming voorstellen aan de bewoner")}
    success_message = gettext_lazy(
        "Het voorstel staat klaar. De bewoner kan het op de eigen pagina geven."
    )

    def get_form(self, form_class=None):
        return ProposalForm(self.request.POST or None, network=self.network)

    def perform(self, form):
        data = form.cleaned_data
        return services.consent_propose(
            acting_user=self.request.user,
            membership=self.membership,
            client=self.client,
            purpose=data["purpose"],
            organisations=list(data["organisations"]),
            reason=data["reason"],
            request=self.request,
        )


class TeamLinkEndView(_TeamMixin, ServiceActionMixin, View):
    http_method_names = ["post"]
    success_message = gettext_lazy("De toegang is gestopt. Dat geldt vanaf nu.")

    def perform(self):
        other = queries.get_link(self.client, self.kwargs["other_uuid"])
        return services.link_end_by_team(
            acting_user=self.request.user,
            membership=self.membership,
            other=other,
            request=self.request,
        )


# --- Mijn Positieve Gezondheid ---------------------------------------------------------------


class HealthView(ResidentPageMixin, TemplateView):
    """The resident's spider webs: their own latest beside their own earlier one (and the ones
    filled in with a professional, labelled), and what they chose to talk about."""

    template_name = "residents/health.html"
    nav_key = "health"
    log_category = "positive_health"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = list(casework_queries.measurements(self.client))
        context["measurements"] = rows
        context["web"] = casework_queries.health_web(self.client, rows)
        context["may_fill"] = access.may(self.link, access.CONTRIBUTE)
        return context


class HealthFillView(ResidentPageMixin, ServiceFormMixin, FormView):
    template_name = "residents/health_form.html"
    need = access.CONTRIBUTE
    nav_key = "health"
    log_category = "positive_health"
    form_class = SelfCheckForm
    success_message = gettext_lazy("Uw spinnenweb is opgeslagen. Het team ziet het ook.")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            intro=selfcheck.text("intro"), talk=selfcheck.text("talk"), **kwargs
        )

    def perform(self, form):
        return services.measurement_save(
            acting_user=self.request.user,
            link=self.link,
            scores=form.scores(),
            request=self.request,
        )

    def get_success_url(self):
        return self.page_url("residents:health")
