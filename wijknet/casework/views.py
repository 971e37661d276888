"""Casework pages. Every page needs a second factor (OTPRequiredMixin first), the permission
WORK_ON_CASES, and — for one client's pages — access per access.py (else 404). Every response
is sent with Cache-Control: no-store (urls.py wraps each view in never_cache).

One client's pages load the client, check access and write the access-log record in one
transaction (`_LoadClient`): if the record cannot be written, the page fails. Writes are logged
by the services, in their own transaction.
"""

import copy
import json

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from wijknet.accesslog.mixins import LoggedReadMixin
from wijknet.accesslog.models import Action
from wijknet.accesslog.queries import records_for_client
from wijknet.accounts.twofactor import OTPRequiredMixin
from wijknet.core import pagecache
from wijknet.core.mixins import (
    NetworkViewMixin,
    ServiceActionMixin,
    ServiceFormMixin,
    show_validation_error,
)
from wijknet.networks import roles

from . import access, exports, fhir, queries, selfcheck, services
from .forms import (
    ActionForm,
    ClientForm,
    ConferenceForm,
    ConfirmForm,
    ConsentForm,
    EraseForm,
    GoalForm,
    MeasurementForm,
    PlanForm,
    RetentionExtendForm,
    TeamAddForm,
    WithdrawForm,
)
from .selfcheck import SelfCheckForm


class CaseMixin(NetworkViewMixin):
    permission = roles.WORK_ON_CASES


class _LoadClient(LoggedReadMixin):
    """Loads the client (404 unless access.py allows it) and logs the read, in one transaction
    (accesslog.mixins.LoggedReadMixin).

    `log_category` names the data category; `log_action` READ (default), EXPORT or PRINT.
    """

    log_category = "identity"

    def load_subject(self, request, *args, **kwargs):
        self.client, self.consent = access.client_access(
            self.network, self.membership, kwargs["client_uuid"]
        )

    def log_read(self, request):
        services.log_read(
            acting_user=request.user,
            client=self.client,
            consent=self.consent,
            category=self.log_category,
            action=self.log_action,
            request=request,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["client"] = self.client
        # The notice "bewaartermijn verstreken" on every client page (casework/_nav.html).
        context["retention"] = retention = queries.retention(self.client)
        if retention["due"]:
            context["may_decide_retention"] = access.may_erase(self.client, self.membership)
        return context

    def client_url(self, name="casework:detail"):
        return reverse(
            name, kwargs={"network_slug": self.network.slug, "client_uuid": self.client.uuid}
        )


class ClientView(OTPRequiredMixin, CaseMixin, _LoadClient, TemplateView):
    pass


class ClientFormView(OTPRequiredMixin, CaseMixin, _LoadClient, FormView):
    pass


class ClientPostView(OTPRequiredMixin, CaseMixin, _LoadClient, View):
    http_method_names = ["post"]


class ClientServiceFormView(ServiceFormMixin, ClientFormView):
    """A client's form that goes to a service (perform), then to the client page `success_page`."""

    success_page = "casework:detail"

    def get_success_url(self):
        return self.client_url(self.success_page)


class PlanItemFormView(ClientServiceFormView):
    """A goal or action of the plan, on the shared simple form with `title`; back to the plan."""

    template_name = "casework/simple_form.html"
    log_category = "plan"
    success_page = "casework:plan"
    title = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = self.title
        context["back"] = self.success_page
        return context

    def client_plan(self):
        plan = queries.plan(self.client)
        plan.client = self.client  # the client already loaded: no query for it in the service
        return plan


# --- clients ---------------------------------------------------------------------------------


class ClientListView(OTPRequiredMixin, CaseMixin, ListView):
    """Only the clients this member may see: recorded by them, or on the team with consent."""

    template_name = "casework/client_list.html"
    context_object_name = "clients"
    paginate_by = 25

    def get_queryset(self):
        return queries.clients(self.network, self.membership)

    def get(self, request, *args, **kwargs):
        # NEN 7513: opening the list of one's clients is a search; logged without a client
        # (the page shows only clients whose own pages are logged when opened). The page may
        # come from the page cache (this session, unchanged data: every casework write is
        # audited); the view is logged all the same, with the number of clients it showed.
        def render():
            response = super(ClientListView, self).get(request, *args, **kwargs)
            response.render()
            return response, len(response.context_data["clients"])

        # The record is written on its own (accesslog.services.record_list), after the page is
        # rendered and before it is sent.
        response, count = pagecache.keep_or_render(request, type(self).__qualname__, render)
        services.log_list(
            acting_user=request.user, network=self.network, count=count, request=request
        )
        return response


class ClientCreateView(OTPRequiredMixin, CaseMixin, ServiceFormMixin, FormView):
    template_name = "casework/client_form.html"
    form_class = ClientForm
    success_message = gettext_lazy(
        "De cliënt is vastgelegd. Leg nu de toestemming vast voordat je iets deelt."
    )

    def perform(self, form):
        return services.client_create(
            acting_user=self.request.user,
            membership=self.membership,
            network=self.network,
            request=self.request,
            **form.service_fields(),
        )

    def get_success_url(self):
        return reverse(
            "casework:consent_create",
            kwargs={"network_slug": self.network.slug, "client_uuid": self.result.uuid},
        )


class ClientDetailView(ClientView):
    template_name = "casework/client_detail.html"
    log_category = "identity"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["consents"] = queries.consents(self.client)
        context["team"] = queries.team_with_access(self.client)
        context["may_lead_team"] = access.may_lead_team(self.client, self.membership)
        # access.may_erase is the same rule (recorder or coordinating contact): one query.
        context["may_erase"] = context["may_lead_team"]
        return context


class ClientEditView(ClientServiceFormView):
    """Correction of the client's data (AVG art. 16)."""

    template_name = "casework/client_form.html"
    success_message = gettext_lazy("De gegevens zijn gecorrigeerd.")

    def get_form(self, form_class=None):
        return ClientForm(self.request.POST or None, instance=self.client)

    def perform(self, form):
        return services.client_update(
            acting_user=self.request.user,
            membership=self.membership,
            client=self.client,
            expected_version=form.cleaned_data.get("version") or 0,
            request=self.request,
            **form.service_fields(),
        )


class _RetentionDecisionView(ClientServiceFormView):
    """Erase, or keep past the retention period: only for who may erase (else 403)."""

    def get_form(self, form_class=None):
        if not access.may_erase(self.client, self.membership):
            raise PermissionDenied
        return super().get_form(form_class)


class EraseView(_RetentionDecisionView):
    """Erasure on request, confirmed by typing the client's name."""

    template_name = "casework/erase.html"
    form_class = EraseForm
    success_message = gettext_lazy("Alle gegevens van deze cliënt zijn gewist.")

    def perform(self, form):
        return services.client_erase(
            acting_user=self.request.user,
            membership=self.membership,
            client=self.client,
            confirm_name=form.cleaned_data["confirm_name"],
            request=self.request,
        )

    def get_success_url(self):
        return reverse("casework:list", kwargs={"network_slug": self.network.slug})


class RetentionExtendView(_RetentionDecisionView):
    """Past the retention period: keep the record with a reason (or go to erasure)."""

    template_name = "casework/retention_extend.html"
    form_class = RetentionExtendForm
    log_category = "retention"
    success_message = gettext_lazy("De gegevens blijven bewaard; de bewaartermijn begint opnieuw.")

    def perform(self, form):
        return services.client_retention_extend(
            acting_user=self.request.user,
            membership=self.membership,
            client=self.client,
            reason=form.cleaned_data["reason"],
            request=self.request,
        )


# --- consent ---------------------------------------------------------------------------------


class ConsentCreateView(ClientServiceFormView):
    template_name = "casework/consent_form.html"
    log_category = "consent"
    replaces = None
    success_message = gettext_lazy("De toestemming is vastgelegd.")

    def get_form(self, form_class=None):
        return ConsentForm(
            self.request.POST or None, organisations=queries.organisations(self.network)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["consent_text"] = queries.consent_text_for_display(self.network)
        context["replaces"] = self.replaces
        return context

    def perform(self, form):
        return services.consent_record(
            acting_user=self.request.user,
            membership=self.membership,
            client=self.client,
            request=self.request,
            **form.service_fields(),
        )


class ConsentSupersedeView(ConsentCreateView):
    def get_form(self, form_class=None):
        self.replaces = queries.get_consent(self.client, self.kwargs["consent_uuid"])
        if not self.replaces.is_active_on(timezone.localdate()):
            raise PermissionDenied
        initial = {
            "purpose": self.replaces.purpose,
            "organisations": list(self.replaces.organisations.order_by("pk")),
            "given_by": self.replaces.given_by,
            "representative_name": self.replaces.representative_name,
            "method": self.replaces.method,
        }
        return ConsentForm(
            self.request.POST or None,
            organisations=queries.organisations(self.network),
            initial=initial,
        )

    def perform(self, form):
        return services.consent_supersede(
            acting_user=self.request.user,
            membership=self.membership,
            consent=self.replaces,
            request=self.request,
            **form.service_fields(),
        )


class ConsentWithdrawView(ClientServiceFormView):
    template_name = "casework/consent_withdraw.html"
    form_class = WithdrawForm
    log_category = "consent"
    success_message = gettext_lazy("De toestemming is ingetrokken, met directe ingang.")

    def get_form(self, form_class=None):
        self.target = queries.get_consent(self.client, self.kwargs["consent_uuid"])
        return super().get_form(form_class)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["consent"] = self.target
        return context

    def perform(self, form):
        return services.consent_withdraw(
            acting_user=self.request.user,
            membership=self.membership,
            consent=self.target,
            request=self.request,
        )

    def get_success_url(self):
        # The withdrawing member may have lost access by this: go back to the list then.
        if not access.can_see(self.client, self.membership):
            return reverse("casework:list", kwargs={"network_slug": self.network.slug})
        return super().get_success_url()


# --- care team -------------------------------------------------------------------------------


class TeamAddView(ClientServiceFormView):
    template_name = "casework/team_add.html"
    log_category = "team"
    success_message = gettext_lazy("Het teamlid is toegevoegd.")

    def get_form(self, form_class=None):
        return TeamAddForm(
            self.request.POST or None, candidates=queries.team_candidates(self.client)
        )

    def perform(self, form):
        return services.team_add(
            acting_user=self.request.user,
            membership=self.membership,
            client=self.client,
            member_membership=form.cleaned_data["membership"],
            role=form.cleaned_data["role"],
            request=self.request,
        )


class TeamRemoveView(ClientServiceFormView):
    template_name = "casework/team_remove.html"
    confirm = True
    success_message = gettext_lazy("Het teamlid is uit het team gehaald.")
    form_class = ConfirmForm
    log_category = "team"

    def get_form(self, form_class=None):
        self.member = queries.get_member(self.client, self.kwargs["member_uuid"])
        if not access.may_remove_team_member(self.client, self.membership, self.member):
            raise PermissionDenied
        return super().get_form(form_class)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["member"] = self.member
        context["refusal"] = access.team_removal_refusal(self.client, self.membership, self.member)
        return context

    def perform(self, form):
        return services.team_remove(
            acting_user=self.request.user,
            membership=self.membership,
            member=self.member,
            request=self.request,
        )

    def service_refused(self, form, error):
        show_validation_error(self.request, error)
        return HttpResponseRedirect(self.client_url())

    def get_success_url(self):
        if not access.can_see(self.client, self.membership):  # removed themselves
            return reverse("casework:list", kwargs={"network_slug": self.network.slug})
        return self.client_url()


class TeamCoordinatingView(ServiceActionMixin, ClientPostView):
    success_message = gettext_lazy("Het aanspreekpunt is gewijzigd.")

    def perform(self):
        member = queries.get_member(self.client, self.kwargs["member_uuid"])
        return services.team_set_coordinating(
            acting_user=self.request.user,
            membership=self.membership,
            member=member,
            request=self.request,
        )

    def get_success_url(self):
        return self.client_url()


# --- plan ------------------------------------------------------------------------------------


class PlanView(ClientView):
    template_name = "casework/plan.html"
    log_category = "plan"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = queries.plan(self.client)
        context["plan"] = plan
        context["goals"] = queries.goals_by_dimension(plan)
        context["actions"] = queries.actions(plan)
        return context


class PlanEditView(ClientServiceFormView):
    """Two people may edit the plan at once: the version check refuses the second save and
    keeps their input in the form."""

    template_name = "casework/plan_form.html"
    log_category = "plan"
    success_page = "casework:plan"
    success_message = gettext_lazy("Het plan is opgeslagen.")

    def get_form(self, form_class=None):
        self.plan = queries.plan(self.client)
        initial = {
            "version": self.plan.version,
            "wil": self.plan.wil,
            "kan": self.plan.kan,
            "heb_nodig": self.plan.heb_nodig,
            "evaluation": self.plan.evaluation,
            "evaluate_on": self.plan.evaluate_on,
        }
        return PlanForm(self.request.POST or None, initial=initial)

    def perform(self, form):
        self.plan.client = self.client
        return services.plan_update(
            acting_user=self.request.user,
            membership=self.membership,
            plan=self.plan,
            expected_version=form.cleaned_data["version"],
            request=self.request,
            **form.service_fields(),
        )


class GoalAddView(PlanItemFormView):
    form_class = GoalForm
    title = gettext_lazy("Doel toevoegen")
    success_message = gettext_lazy("Het doel is toegevoegd.")

    def perform(self, form):
        return services.goal_add(
            acting_user=self.request.user,
            membership=self.membership,
            plan=self.client_plan(),
            request=self.request,
            **form.cleaned_data,
        )


class ActionAddView(PlanItemFormView):
    title = gettext_lazy("Actie toevoegen")
    success_message = gettext_lazy("De actie is toegevoegd.")

    def get_form(self, form_class=None):
        return ActionForm(self.request.POST or None, team=queries.team(self.client))

    def perform(self, form):
        return services.action_add(
            acting_user=self.request.user,
            membership=self.membership,
            plan=self.client_plan(),
            request=self.request,
            **form.service_fields(),
        )


class ActionEditView(PlanItemFormView):
    title = gettext_lazy("Actie bijwerken")
    success_message = gettext_lazy("De actie is bijgewerkt.")

    def get_form(self, form_class=None):
        self.action = queries.get_action(self.client, self.kwargs["plan_action_uuid"])
        # The ModelForm copies posted values onto its instance while validating; give it a copy
        # so the service starts from the stored row.
        return ActionForm(
            self.request.POST or None,
            instance=copy.copy(self.action),
            team=queries.team(self.client),
        )

    def perform(self, form):
        return services.action_update(
            acting_user=self.request.user,
            membership=self.membership,
            action=self.action,
            expected_version=form.cleaned_data.get("version") or 0,
            request=self.request,
            **form.service_fields(),
        )


# --- Positive Health -------------------------------------------------------------------------


class HealthView(ClientView):
    template_name = "casework/health.html"
    log_category = "positive_health"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = list(queries.measurements(self.client))
        context["measurements"] = rows
        context["web"] = queries.health_web(self.client, rows)
        return context


class MeasurementCreateView(ClientServiceFormView):
    template_name = "casework/measurement_form.html"
    form_class = MeasurementForm
    log_category = "positive_health"
    success_page = "casework:health"
    success_message = gettext_lazy("Het spinnenweb is opgeslagen.")

    def perform(self, form):
        return services.measurement_record(
            acting_user=self.request.user,
            membership=self.membership,
            client=self.client,
            measured_on=form.cleaned_data["measured_on"],
            filled_by=form.cleaned_data["filled_by"],
            scores=form.scores(),
            request=self.request,
        )


class SelfCheckCreateView(ClientServiceFormView):
    """The resident answers the short questions of "Mijn Positieve Gezondheid" on the
    professional's screen (alone or together); the dimension scores follow from the answers."""

    template_name = "casework/selfcheck_form.html"
    form_class = SelfCheckForm
    log_category = "positive_health"
    success_page = "casework:health"
    success_message = gettext_lazy("Het spinnenweb is opgeslagen.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "with_filled_by": True}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            intro=selfcheck.text("intro"), talk=selfcheck.text("talk"), **kwargs
        )

    def perform(self, form):
        return services.measurement_record(
            acting_user=self.request.user,
            membership=self.membership,
            client=self.client,
            measured_on=timezone.localdate(),
            filled_by=form.cleaned_data["filled_by"],
            scores=form.scores(),
            request=self.request,
        )


# --- MDO -------------------------------------------------------------------------------------


class ConferenceCreateView(ClientServiceFormView):
    template_name = "casework/conference_form.html"
    log_category = "mdo"
    success_message = gettext_lazy(
        "Het MDO is vastgelegd; de afspraken staan als acties in het plan."
    )

    def get_form(self, form_class=None):
        return ConferenceForm(self.request.POST or None, team=queries.team(self.client))

    def perform(self, form):
        return services.conference_record(
            acting_user=self.request.user,
            membership=self.membership,
            client=self.client,
            participants=list(form.cleaned_data["participants"]),
            agreements=form.agreements(),
            request=self.request,
            **form.service_fields(),
        )

    def get_success_url(self):
        return reverse(
            "casework:mdo_detail",
            kwargs={
                "network_slug": self.network.slug,
                "client_uuid": self.client.uuid,
                "mdo_uuid": self.result.uuid,
            },
        )


class ConferenceListView(ClientView):
    template_name = "casework/conference_list.html"
    log_category = "mdo"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["conferences"] = queries.conferences(self.client)
        return context


class ConferenceDetailView(ClientView):
    template_name = "casework/conference_detail.html"
    log_category = "mdo"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["conference"] = queries.get_conference(self.client, self.kwargs["mdo_uuid"])
        return context


# --- rights and exports ----------------------------------------------------------------------


class AccessOverviewView(ClientView):
    """For the resident (Wabvpz art. 15e): who made data available and who viewed it, when."""

    template_name = "casework/access_overview.html"
    log_category = "accesslog"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        paginator = Paginator(records_for_client(self.network, self.client.uuid), self.paginate_by)
        page = paginator.get_page(self.request.GET.get("page"))
        records = list(page.object_list)
        for record in records:
            record.category_label = queries.category_label(record.category)
        context.update(
            {
                "records": records,
                "page_obj": page,
                "paginator": paginator,
                "is_paginated": page.has_other_pages(),
            }
        )
        return context


class ExportJsonView(ClientView):
    log_category = "export"
    log_action = Action.EXPORT

    def get(self, request, *args, **kwargs):
        data = exports.client_export(self.client)
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2, default=str),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = content_disposition_header(
            True, f"client-{self.client.uuid}.json"
        )
        return response


class ExportHtmlView(ClientView):
    template_name = "casework/export.html"
    log_category = "export"
    log_action = Action.PRINT

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["export"] = exports.client_export(self.client)
        return context


class FhirExportView(ClientView):
    log_category = "export"
    log_action = Action.EXPORT

    def get(self, request, *args, **kwargs):
        bundle = fhir.client_bundle(self.client)
        response = HttpResponse(
            json.dumps(bundle, ensure_ascii=False, indent=2),
            content_type="application/fhir+json; charset=utf-8",
        )
        response["Content-Disposition"] = content_disposition_header(
            True, f"client-{self.client.uuid}-fhir.json"
        )
        return response
