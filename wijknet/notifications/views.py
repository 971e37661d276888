"""Notification pages: the inbox per network, opening one, and the e-mail preferences."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from wijknet.core.mixins import NetworkViewMixin
from wijknet.networks import roles

from . import access, queries, services
from .forms import EmailPreferencesForm

# Every role has the dashboard; notifications are for every member.
PERMISSION = roles.VIEW_DASHBOARD


class NotificationListView(NetworkViewMixin, ListView):
    permission = PERMISSION
    template_name = "notifications/list.html"
    context_object_name = "notifications"
    paginate_by = 25

    def get_queryset(self):
        return queries.for_member(self.network, self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["unread"] = queries.unread_count(self.network, self.request.user)
        return context


class UnreadCountView(NetworkViewMixin, TemplateView):
    """The badge in the navigation, loaded by htmx so ordinary pages pay no query for it."""

    permission = PERMISSION
    template_name = "notifications/_badge.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["unread"] = queries.unread_count(self.network, self.request.user)
        return context


class NotificationOpenView(NetworkViewMixin, View):
    permission = PERMISSION

    def post(self, request, *args, **kwargs):
        notification = access.get_own_notification(
            self.network, request.user, kwargs["notification_uuid"]
        )
        services.notification_open(acting_user=request.user, notification=notification)
        target = notification.url
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return redirect(target)
        return redirect("notifications:list", self.network.slug)


class MarkAllReadView(NetworkViewMixin, View):
    permission = PERMISSION

    def post(self, request, *args, **kwargs):
        count = services.notifications_mark_all_read(acting_user=request.user, network=self.network)
        if count:
            messages.success(request, _("Alle meldingen zijn als gelezen gemarkeerd."))
        return redirect("notifications:list", self.network.slug)


class EmailPreferencesView(LoginRequiredMixin, FormView):
    template_name = "notifications/preferences.html"
    form_class = EmailPreferencesForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["initial_choices"] = queries.email_choices(self.request.user)
        return kwargs

    def form_valid(self, form):
        services.email_preferences_save(acting_user=self.request.user, choices=form.cleaned_data)
        messages.success(self.request, _("Je meldingsvoorkeuren zijn opgeslagen."))
        return redirect("notifications:preferences")
