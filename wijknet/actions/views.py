import contextlib
import copy

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, ListView, TemplateView

from wijknet.core.mixins import (
    NetworkViewMixin,
    ServiceActionMixin,
    ServiceFormMixin,
    ServiceObjectFormMixin,
)
from wijknet.core.pagecache import CachedPageMixin
from wijknet.core.pagination import bounded
from wijknet.networks import roles

from . import access, queries, services
from .forms import ActionForm, ActionStatusForm, GoalForm, GoalReviewForm, SuccessForm

RECENT_SUCCESSES = 5


class _ActionsForm(NetworkViewMixin, ServiceFormMixin, FormView):
    """An actions page whose form goes to a service; back to the index afterwards."""

    permission = roles.EDIT_ACTIONS

    def get_success_url(self):
        return reverse("actions:index", kwargs={"network_slug": self.network.slug})


GOALS_PREVIEW = 5


class IndexView(CachedPageMixin, NetworkViewMixin, TemplateView):
    """Goals with their actions, actions without a goal, and the latest successes."""

    permission = roles.VIEW_ACTIONS
    template_name = "actions/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Each goal is a card with its actions: five before "show all" keep the page light.
        goals = bounded(
            self.request,
            queries.goals_with_actions(self.network),
            key="doelen",
            preview=GOALS_PREVIEW,
            per_page=25,
            # A few goals in a new network, hundreds at scale: one count either way.
            always_count=True,
        )
        loose = bounded(self.request, queries.actions_without_goal(self.network), key="acties")
        context.update(
            goals=goals,
            loose_actions=loose,
            successes=list(queries.successes(self.network)[:RECENT_SUCCESSES]),
            overdue_count=queries.overdue_actions(self.network).count(),
            can_edit=self.membership.can(roles.EDIT_ACTIONS),
        )
        return context


# Goals -------------------------------------------------------------------------------------


class GoalCreateView(ServiceObjectFormMixin, _ActionsForm):
    template_name = "actions/goal_form.html"
    form_class = GoalForm
    create = staticmethod(services.goal_create)

    def created_message(self):
        return _("Doel %(title)s toegevoegd.") % {"title": self.result.title}


class GoalEditView(GoalCreateView):
    context_subject = "goal"
    update = staticmethod(services.goal_update)

    def get_object(self):
        return access.get_goal(self.network, self.kwargs["goal_uuid"])


class GoalReviewView(_ActionsForm):
    template_name = "actions/goal_review.html"
    context_subject = "goal"

    def get_form(self, form_class=None):
        self.goal = access.get_goal(self.network, self.kwargs["goal_uuid"])
        return GoalReviewForm(
            self.request.POST or None,
            initial={"status": self.goal.status, "version": self.goal.version},
        )

    def perform(self, form):
        return services.goal_review(
            acting_user=self.request.user,
            goal=self.goal,
            status=form.cleaned_data["status"],
            reviewed_on=form.cleaned_data["reviewed_on"],
            expected_version=form.cleaned_data.get("version") or 0,
        )

    def get_success_message(self):
        return _("Bespreking van %(title)s vastgelegd.") % {"title": self.goal.title}


# Actions -----------------------------------------------------------------------------------


class ActionCreateView(_ActionsForm):
    template_name = "actions/action_form.html"

    def get_form(self, form_class=None):
        initial = {}
        goal_uuid = self.request.GET.get("doel")
        if goal_uuid:
            # A broken or foreign link just leaves the goal empty.
            with contextlib.suppress(Http404, ValidationError):
                initial["goal"] = access.get_goal(self.network, goal_uuid)
        return ActionForm(self.request.POST or None, network=self.network, initial=initial)

    def perform(self, form):
        return services.action_create(
            acting_user=self.request.user, network=self.network, **form.service_fields()
        )

    def get_success_message(self):
        return _("Actie %(title)s toegevoegd.") % {"title": self.result.title}


class ActionEditView(_ActionsForm):
    template_name = "actions/action_form.html"
    context_subject = "action"
    success_message = gettext_lazy("Wijzigingen opgeslagen.")

    def get_form(self, form_class=None):
        self.action = access.get_action(self.network, self.kwargs["action_uuid"])
        # The form writes its values into its instance while validating; the service must see
        # the action as stored (to tell, for example, whether it has just been completed).
        return ActionForm(
            self.request.POST or None, instance=copy.copy(self.action), network=self.network
        )

    def perform(self, form):
        return services.action_update(
            acting_user=self.request.user,
            action=self.action,
            expected_version=form.cleaned_data.get("version") or 0,
            **form.service_fields(),
        )


class ActionStatusView(_ActionsForm):
    """The owner of an action (or an editor) reports its status and result."""

    permission = roles.VIEW_ACTIONS
    template_name = "actions/action_status.html"
    context_subject = "action"

    def get_form(self, form_class=None):
        self.action = access.get_action(self.network, self.kwargs["action_uuid"])
        is_owner = self.action.owner_id == self.request.user.pk
        if not is_owner and not self.membership.can(roles.EDIT_ACTIONS):
            raise PermissionDenied
        return ActionStatusForm(
            self.request.POST or None,
            initial={
                "status": self.action.status,
                "result": self.action.result,
                "version": self.action.version,
            },
        )

    def perform(self, form):
        return services.action_update(
            acting_user=self.request.user,
            action=self.action,
            expected_version=form.cleaned_data.get("version") or 0,
            status=form.cleaned_data["status"],
            result=form.cleaned_data["result"],
        )

    def get_success_message(self):
        return _("Voortgang van %(title)s opgeslagen.") % {"title": self.action.title}


# Successes ---------------------------------------------------------------------------------


class SuccessListView(CachedPageMixin, NetworkViewMixin, ListView):
    permission = roles.VIEW_ACTIONS
    template_name = "actions/success_list.html"
    context_object_name = "successes"
    paginate_by = 25

    def get_queryset(self):
        return queries.successes(self.network)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_edit"] = self.membership.can(roles.EDIT_ACTIONS)
        return context


class SuccessCreateView(_ActionsForm):
    template_name = "actions/success_form.html"

    def get_form(self, form_class=None):
        return SuccessForm(self.request.POST or None, network=self.network)

    def perform(self, form):
        return services.success_create(
            acting_user=self.request.user, network=self.network, **form.service_fields()
        )

    def get_success_message(self):
        return _("Succes %(title)s vastgelegd. Vier het!") % {"title": self.result.title}

    def get_success_url(self):
        return reverse("actions:success_list", kwargs={"network_slug": self.network.slug})


# News digest -------------------------------------------------------------------------------


class DigestView(NetworkViewMixin, TemplateView):
    """Preview of the news digest and the button that sends it to all members."""

    permission = roles.EDIT_ACTIONS
    template_name = "actions/digest.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["digest"] = queries.digest(self.network)
        context["member_count"] = queries.current_member_count(self.network)
        return context


class DigestSendView(NetworkViewMixin, ServiceActionMixin, TemplateView):
    permission = roles.EDIT_ACTIONS
    http_method_names = ["post"]

    def perform(self):
        return services.digest_send(acting_user=self.request.user, network=self.network)

    def get_success_message(self):
        n = len(self.result.successes)
        return ngettext(
            "De nieuwsbrief is verstuurd aan alle leden; %(n)s succes is gedeeld.",
            "De nieuwsbrief is verstuurd aan alle leden; %(n)s successen zijn gedeeld.",
            n,
        ) % {"n": n}

    def get_failure_url(self):
        return reverse("actions:digest", kwargs={"network_slug": self.network.slug})

    def get_success_url(self):
        return reverse("actions:index", kwargs={"network_slug": self.network.slug})
