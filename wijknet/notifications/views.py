"""Notification pages: the inbox per network, opening one, and the e-mail preferences."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from wijknet.core.mixins import NetworkViewMixin, ServiceActionMixin, ServiceFormMixin
from wijknet.core.pagecache import CachedPageMixin
from wijknet.networks import roles

from . import access, queries, services
from .forms import EmailPreferencesForm

# Every role has the dashboard; notifications are for every member.
PERMISSION = roles.VIEW_DASHBOARD


class NotificationListView(CachedPageMixin, NetworkViewMixin, ListView):
    permission = PERMISSION
    template_name = "notifications/list.html"
    context_object_name = "notifications"
    paginate_by = 25

    def extra_version(self) -> tuple:
        # Notifications are written and read without audit events.
        return queries.version(self.network, self.request.user)

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


class _NotificationAction(NetworkViewMixin, ServiceActionMixin, View):
    permission = PERMISSION

    def get_success_url(self):
        return reverse("notifications:list", args=[self.network.slug])


class NotificationOpenView(_NotificationAction):
    """Marks the notification read and follows its link (only to this site)."""

    def perform(self):
        self.notification = access.get_own_notification(
            self.network, self.request.user, self.kwargs["notification_uuid"]
        )
        return services.notification_open(
            acting_user=self.request.user, notification=self.notification
        )

    def get_success_url(self):
        target = self.notification.url
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return target
        return super().get_success_url()


class MarkAllReadView(_NotificationAction):
    def perform(self):
        return services.notifications_mark_all_read(
            acting_user=self.request.user, network=self.network
        )

    def get_success_message(self):
        return _("Alle meldingen zijn als gelezen gemarkeerd.") if self.result else ""


class EmailPreferencesView(LoginRequiredMixin, ServiceFormMixin, FormView):
    template_name = "notifications/preferences.html"
    form_class = EmailPreferencesForm
    success_message = gettext_lazy("Je meldingsvoorkeuren zijn opgeslagen.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["initial_choices"] = queries.email_choices(self.request.user)
        return kwargs

    def perform(self, form):
        return services.email_preferences_save(
            acting_user=self.request.user, choices=form.cleaned_data
        )

    def get_success_url(self):
        return reverse("notifications:preferences")
