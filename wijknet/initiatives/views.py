"""Pages of initiatives: the list (search, status filter), bring in, one idea with its
supporters and the network's response, support and withdraw, respond, turn into a goal, and
the response term. Who may do what is asked from `access`."""

import copy

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, ListView, TemplateView

from wijknet.core.mixins import NetworkViewMixin, ServiceActionMixin, ServiceFormMixin
from wijknet.networks import roles

from . import access, queries, services
from .forms import AdoptForm, FilterForm, InitiativeForm, RespondForm, SettingsForm, SupportForm


def _detail_url(network, initiative) -> str:
    return reverse(
        "initiatives:detail",
        kwargs={"network_slug": network.slug, "initiative_uuid": initiative.uuid},
    )


class _Base(NetworkViewMixin):
    permission = roles.VIEW_ACTIONS

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_respond"] = access.can_respond(self.membership)
        context["can_manage_settings"] = access.can_manage_settings(self.membership)
        return context


class _One(_Base):
    """A page about one initiative of the active network (another network's: 404)."""

    context_subject = "initiative"

    def load(self):
        self.initiative = access.get_initiative(self.network, self.kwargs["initiative_uuid"])
        return self.initiative

    def get_success_url(self):
        return _detail_url(self.network, self.initiative)


class ListPage(_Base, ListView):
    template_name = "initiatives/list.html"
    context_object_name = "initiatives"
    paginate_by = 20

    def get_queryset(self):
        self.filter_form = FilterForm(self.request.GET or None)
        filters = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        return queries.initiatives(
            self.network,
            user=self.request.user,
            search=filters.get("q", ""),
            status=filters.get("status", ""),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        weeks = queries.response_weeks(self.network)
        now = timezone.now()
        for initiative in context["initiatives"]:
            initiative.overdue = queries.response_overdue(initiative, weeks, now)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            filter_form=self.filter_form,
            filtered=any(self.request.GET.get(k) for k in ("q", "status")),
            query_string=query.urlencode(),
            response_weeks=weeks,
            can_propose=access.can_propose(self.membership),
        )
        return context


class CreatePage(_Base, ServiceFormMixin, FormView):
    template_name = "initiatives/form.html"

    def get_form(self, form_class=None):
        if not access.can_propose(self.membership):
            raise PermissionDenied
        return InitiativeForm(self.request.POST or None)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["response_weeks"] = queries.response_weeks(self.network)
        return context

    def perform(self, form):
        return services.initiative_create(
            acting_user=self.request.user,
            membership=self.membership,
            network=self.network,
            **form.service_fields(),
        )

    def get_success_message(self):
        return _("Je idee is ingebracht. De kartrekker heeft bericht gekregen.")

    def get_success_url(self):
        return _detail_url(self.network, self.result)


class DetailPage(_One, TemplateView):
    template_name = "initiatives/detail.html"

    def get_context_data(self, **kwargs):
        initiative = self.load()
        context = super().get_context_data(**kwargs)
        weeks = queries.response_weeks(self.network)
        supports = list(queries.supports(initiative))
        mine = next((s for s in supports if s.user_id == self.request.user.pk), None)
        context.update(
            initiative=initiative,
            supports=supports,
            helpers=[s for s in supports if s.offers_help],
            my_support=mine,
            response_weeks=weeks,
            response_due=queries.response_due(initiative, weeks),
            overdue=queries.response_overdue(initiative, weeks),
            may_edit=access.may_edit(self.membership, initiative),
            may_support=access.may_support(self.membership, initiative),
            may_adopt=access.may_adopt(self.membership, initiative),
            is_initiator=access.is_initiator(initiative, self.request.user),
            support_form=SupportForm(
                initial={
                    "offers_help": bool(mine and mine.offers_help),
                    "help_text": mine.help_text if mine else "",
                }
            ),
        )
        return context


class EditPage(_One, ServiceFormMixin, FormView):
    template_name = "initiatives/form.html"
    success_message = gettext_lazy("Wijzigingen opgeslagen.")

    def get_form(self, form_class=None):
        self.load()
        if not access.may_edit(self.membership, self.initiative):
            raise PermissionDenied
        # The form writes into its instance while validating; the service gets the stored one.
        return InitiativeForm(self.request.POST or None, instance=copy.copy(self.initiative))

    def perform(self, form):
        return services.initiative_update(
            acting_user=self.request.user,
            membership=self.membership,
            initiative=self.initiative,
            expected_version=form.cleaned_data.get("version") or 0,
            **form.service_fields(),
        )


class SupportPage(_One, ServiceFormMixin, FormView):
    """Support an idea, with an optional offer of help (the detail page holds the same form)."""

    template_name = "initiatives/support.html"

    def get_form(self, form_class=None):
        self.load()
        if not access.may_support(self.membership, self.initiative):
            raise PermissionDenied
        return SupportForm(self.request.POST or None)

    def perform(self, form):
        return services.support_give(
            acting_user=self.request.user,
            membership=self.membership,
            initiative=self.initiative,
            offers_help=form.cleaned_data["offers_help"],
            help_text=form.cleaned_data["help_text"],
        )

    def get_success_message(self):
        if self.result.offers_help:
            return _("Dank je! Je steunt dit idee en biedt hulp aan.")
        return _("Dank je! Je steunt dit idee.")


class WithdrawSupportPage(_One, ServiceActionMixin, TemplateView):
    """Withdrawing one's support: the GET page asks for confirmation."""

    template_name = "initiatives/withdraw_support.html"
    confirm = True
    success_message = gettext_lazy("Je steun is ingetrokken.")

    def get_context_data(self, **kwargs):
        self.load()
        return super().get_context_data(**kwargs)

    def perform(self):
        self.load()
        return services.support_withdraw(
            acting_user=self.request.user, membership=self.membership, initiative=self.initiative
        )

    def get_success_url(self):
        if not hasattr(self, "initiative"):
            self.load()
        return _detail_url(self.network, self.initiative)


class RespondPage(_One, ServiceFormMixin, FormView):
    permission = roles.EDIT_ACTIONS
    template_name = "initiatives/respond.html"
    success_message = gettext_lazy("Je reactie is opgeslagen; de initiatiefnemer krijgt bericht.")

    def get_form(self, form_class=None):
        self.load()
        if not access.can_respond(self.membership):
            raise PermissionDenied
        initial = {
            "status": self.initiative.status,
            "response": self.initiative.response,
            "version": self.initiative.version,
        }
        if self.request.GET.get("status") in dict(RespondForm.base_fields["status"].choices):
            initial["status"] = self.request.GET["status"]
        return RespondForm(self.request.POST or None, initial=initial)

    def perform(self, form):
        return services.initiative_respond(
            acting_user=self.request.user,
            membership=self.membership,
            initiative=self.initiative,
            status=form.cleaned_data["status"],
            response=form.cleaned_data["response"],
            expected_version=form.cleaned_data.get("version") or 0,
        )


class AdoptPage(_One, ServiceFormMixin, FormView):
    """Turn an idea into a goal with its first actions (Doelen en acties)."""

    permission = roles.EDIT_ACTIONS
    template_name = "initiatives/adopt.html"

    def get_form(self, form_class=None):
        self.load()
        if not access.may_adopt(self.membership, self.initiative):
            raise PermissionDenied
        return AdoptForm(
            self.request.POST or None,
            initial={"goal_title": self.initiative.title, "version": self.initiative.version},
        )

    def perform(self, form):
        return services.initiative_adopt(
            acting_user=self.request.user,
            membership=self.membership,
            initiative=self.initiative,
            expected_version=form.cleaned_data.get("version") or 0,
            goal_title=form.cleaned_data["goal_title"],
            measure=form.cleaned_data["measure"],
            target_date=form.cleaned_data["target_date"],
            action_titles=form.action_titles(),
            response=form.cleaned_data["response"],
        )

    def get_success_message(self):
        message = _(
            "Het idee is nu het doel %(title)s. Vul bij Doelen en acties eigenaars en data in."
        )
        return message % {"title": self.result.title}


class SettingsPage(_Base, ServiceFormMixin, FormView):
    permission = roles.EDIT_NETWORK
    template_name = "initiatives/settings.html"
    success_message = gettext_lazy("De reactietermijn is opgeslagen.")

    def get_form(self, form_class=None):
        if not access.can_manage_settings(self.membership):
            raise PermissionDenied
        row = queries.settings_for(self.network)
        form = SettingsForm(self.request.POST or None, instance=row)
        form.fields["version"].initial = row.version if row else 0
        return form

    def perform(self, form):
        return services.settings_update(
            acting_user=self.request.user,
            membership=self.membership,
            network=self.network,
            expected_version=form.cleaned_data.get("version") or 0,
            **form.service_fields(),
        )

    def get_success_url(self):
        return reverse("initiatives:list", kwargs={"network_slug": self.network.slug})
