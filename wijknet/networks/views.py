from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, ListView, TemplateView

from wijknet.accounts import backends
from wijknet.core.htmx import is_htmx
from wijknet.core.mixins import NetworkViewMixin, ServiceActionMixin, ServiceFormMixin
from wijknet.core.pagecache import CachedPageMixin

from . import access, queries, roles, services
from .forms import (
    InvitationForm,
    NetworkForm,
    PartnerEndForm,
    PartnerFilterForm,
    PartnerForm,
    RoleForm,
    SignupForm,
)
from .models import Organisation


def home(request):
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    memberships = queries.memberships_of_user(request.user)
    if not memberships:
        # A resident or mantelzorger (issue 15) is no network member: their own page.
        from wijknet.residents.access import open_links

        if open_links(request.user):
            return redirect("residents:home")
    if len(memberships) == 1:
        return redirect("mywork:home", network_slug=memberships[0].network.slug)
    return redirect("networks:list")


@login_required
def network_list(request):
    return render(
        request,
        "networks/network_list.html",
        {"memberships": queries.memberships_of_user(request.user)},
    )


class NetworkCreateView(LoginRequiredMixin, ServiceFormMixin, FormView):
    template_name = "networks/network_form.html"
    extra_context = {"creating": True}
    success_message = gettext_lazy("Netwerk aangemaakt. Jij bent de kartrekker.")

    def get_form(self, form_class=None):
        return NetworkForm(self.request.POST or None)

    def perform(self, form):
        return services.network_create(acting_user=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return reverse("dashboard:index", kwargs={"network_slug": self.result.slug})


class NetworkEditView(NetworkViewMixin, ServiceFormMixin, FormView):
    permission = roles.EDIT_NETWORK
    template_name = "networks/network_form.html"
    success_message = gettext_lazy("Netwerkprofiel opgeslagen.")

    def get_form(self, form_class=None):
        return NetworkForm(self.request.POST or None, instance=self.network, editing=True)

    def perform(self, form):
        fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        return services.network_update(
            acting_user=self.request.user,
            network=self.network,
            expected_version=form.cleaned_data["version"] or 0,
            **fields,
        )

    def get_success_url(self):
        return reverse("dashboard:index", kwargs={"network_slug": self.network.slug})


def partner_url(network, partner) -> str:
    return reverse(
        "networks:partner_detail",
        kwargs={"network_slug": network.slug, "partner_uuid": partner.uuid},
    )


def member_list_url(network) -> str:
    return reverse("networks:member_list", kwargs={"network_slug": network.slug})


# Partners ----------------------------------------------------------------------------------


class PartnerListView(CachedPageMixin, NetworkViewMixin, ListView):
    permission = roles.VIEW_PARTNERS
    template_name = "networks/partner_list.html"
    context_object_name = "partners"
    paginate_by = 25

    def get_template_names(self):
        if is_htmx(self.request):
            return [self.template_name + "#results"]
        return [self.template_name]

    def get_queryset(self):
        self.filter_form = PartnerFilterForm(self.request.GET or None)
        filters = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        return queries.partners(
            self.network,
            sector=filters.get("sector", ""),
            role=filters.get("role", ""),
            contribution=filters.get("contribution", ""),
            search=filters.get("q", ""),
            include_ended=filters.get("ended", False),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        context["filtered"] = bool(
            self.request.GET.get("q")
            or self.request.GET.get("sector")
            or self.request.GET.get("role")
            or self.request.GET.get("contribution")
        )
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_string"] = query.urlencode()
        context["can_edit"] = self.membership.can(roles.EDIT_PARTNERS)
        return context


class PartnerDetailView(CachedPageMixin, NetworkViewMixin, TemplateView):
    permission = roles.VIEW_PARTNERS
    template_name = "networks/partner_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["partner"] = access.get_partner(self.network, self.kwargs["partner_uuid"])
        context["can_edit"] = self.membership.can(roles.EDIT_PARTNERS)
        return context


class PartnerCreateView(NetworkViewMixin, ServiceFormMixin, FormView):
    permission = roles.EDIT_PARTNERS
    template_name = "networks/partner_form.html"

    def get_form(self, form_class=None):
        return PartnerForm(
            self.request.POST or None,
            organisations=queries.organisations_without_active_partnership(self.network),
        )

    def perform(self, form):
        return services.partner_create(
            acting_user=self.request.user,
            network=self.network,
            organisation=form.cleaned_data.get("organisation"),
            organisation_name=form.cleaned_data.get("organisation_name", ""),
            sector=form.cleaned_data.get("sector", ""),
            **form.service_fields(),
        )

    def get_success_message(self):
        return _("%(name)s is toegevoegd als partner.") % {"name": self.result.organisation.name}

    def get_success_url(self):
        return partner_url(self.network, self.result)


class PartnerEditView(NetworkViewMixin, ServiceFormMixin, FormView):
    permission = roles.EDIT_PARTNERS
    template_name = "networks/partner_form.html"
    context_subject = "partner"
    success_message = gettext_lazy("Wijzigingen opgeslagen.")

    def get_form(self, form_class=None):
        self.partner = access.get_partner(self.network, self.kwargs["partner_uuid"])
        return PartnerForm(self.request.POST or None, instance=self.partner)

    def perform(self, form):
        return services.partner_update(
            acting_user=self.request.user,
            partner=self.partner,
            expected_version=form.cleaned_data.get("version") or 0,
            sector=form.cleaned_data["sector"],
            **form.service_fields(),
        )

    def get_success_url(self):
        return partner_url(self.network, self.partner)


class PartnerEndView(NetworkViewMixin, ServiceFormMixin, FormView):
    """Ending a partnership asks for confirmation on its own page (works without JavaScript)."""

    permission = roles.EDIT_PARTNERS
    template_name = "networks/partner_end.html"
    context_subject = "partner"
    confirm = True

    def get_form(self, form_class=None):
        self.partner = access.get_partner(self.network, self.kwargs["partner_uuid"])
        return PartnerEndForm(self.request.POST or None, initial={"left_on": timezone.localdate()})

    def perform(self, form):
        return services.partner_end(
            acting_user=self.request.user,
            partner=self.partner,
            left_on=form.cleaned_data["left_on"],
            reason=form.cleaned_data["reason"],
        )

    def get_success_message(self):
        return _("Het partnerschap met %(name)s is beëindigd.") % {
            "name": self.partner.organisation.name
        }

    def get_success_message_tags(self):
        return f"undo:{self.partner.uuid}"

    def get_success_url(self):
        return reverse("networks:partner_list", kwargs={"network_slug": self.network.slug})


class PartnerRestoreView(NetworkViewMixin, ServiceActionMixin, TemplateView):
    permission = roles.EDIT_PARTNERS
    http_method_names = ["post"]

    def perform(self):
        self.partner = access.get_partner(self.network, self.kwargs["partner_uuid"])
        return services.partner_restore(acting_user=self.request.user, partner=self.partner)

    def get_success_message(self):
        return _("%(name)s is weer partner.") % {"name": self.partner.organisation.name}

    def get_success_url(self):
        return partner_url(self.network, self.partner)


# Members and invitations -------------------------------------------------------------------


class MemberListView(CachedPageMixin, NetworkViewMixin, ListView):
    permission = roles.VIEW_MEMBERS
    template_name = "networks/member_list.html"
    context_object_name = "members"
    paginate_by = 50

    def get_queryset(self):
        return queries.members(self.network)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        manage = self.membership.can(roles.MANAGE_MEMBERS)
        context["can_manage"] = manage
        context["invitations"] = queries.open_invitations(self.network) if manage else []
        context["now"] = timezone.now()
        context["role_choices"] = roles.Role.choices
        return context


def organisations_of(network):
    return Organisation.objects.filter(network=network).order_by("name", "pk")


class InvitationCreateView(NetworkViewMixin, ServiceFormMixin, FormView):
    permission = roles.MANAGE_MEMBERS
    template_name = "networks/invitation_form.html"

    def get_form(self, form_class=None):
        return InvitationForm(
            self.request.POST or None, organisations=organisations_of(self.network)
        )

    def perform(self, form):
        return services.invitation_create(
            acting_user=self.request.user, network=self.network, **form.cleaned_data
        )

    def form_done(self):
        invitation, link = self.result
        return render(
            self.request,
            "networks/invitation_sent.html",
            {
                "invitation": invitation,
                "link": link,
                "network": self.network,
                "membership": self.membership,
            },
        )


class InvitationRevokeView(NetworkViewMixin, ServiceActionMixin, TemplateView):
    """Revoking asks first: the link in the invitation stops working for good."""

    permission = roles.MANAGE_MEMBERS
    template_name = "networks/invitation_revoke.html"
    confirm = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["invitation"] = access.get_invitation(self.network, self.kwargs["invitation_uuid"])
        return context

    def perform(self):
        self.invitation = access.get_invitation(self.network, self.kwargs["invitation_uuid"])
        return services.invitation_revoke(acting_user=self.request.user, invitation=self.invitation)

    def get_success_message(self):
        return _("De uitnodiging voor %(email)s is ingetrokken.") % {"email": self.invitation.email}

    def get_success_url(self):
        return member_list_url(self.network)


class MemberRoleView(NetworkViewMixin, ServiceFormMixin, FormView):
    permission = roles.MANAGE_MEMBERS
    template_name = "networks/member_role.html"
    context_subject = "member"

    def get_form(self, form_class=None):
        self.member = access.get_membership(self.network, self.kwargs["membership_uuid"])
        return RoleForm(self.request.POST or None, initial={"role": self.member.role})

    def perform(self, form):
        return services.membership_change_role(
            acting_user=self.request.user,
            membership=self.member,
            role=form.cleaned_data["role"],
        )

    def get_success_message(self):
        return _("De rol van %(name)s is gewijzigd.") % {"name": self.member.user}

    def get_success_url(self):
        return member_list_url(self.network)


class MemberEndView(NetworkViewMixin, ServiceActionMixin, TemplateView):
    permission = roles.MANAGE_MEMBERS
    template_name = "networks/member_end.html"
    confirm = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["member"] = access.get_membership(self.network, self.kwargs["membership_uuid"])
        return context

    def perform(self):
        self.member = access.get_membership(self.network, self.kwargs["membership_uuid"])
        return services.membership_end(acting_user=self.request.user, membership=self.member)

    def get_success_message(self):
        return _("%(name)s is geen lid meer van het netwerk.") % {"name": self.member.user}

    def get_failure_url(self):
        return member_list_url(self.network)

    def get_success_url(self):
        if self.member.user_id == self.request.user.pk:
            return reverse("home")
        return member_list_url(self.network)


def invitation_accept(request, token):
    """The invitation link: works for a logged-in user, an existing user, and a new person."""
    try:
        invitation = services.invitation_by_token(token)
    except services.InvitationError as error:
        return render(
            request, "networks/invitation_invalid.html", {"reason": str(error)}, status=410
        )
    user_model = get_user_model()
    existing = user_model.objects.filter(email__iexact=invitation.email).first()
    context = {"invitation": invitation, "existing": existing}
    if request.user.is_authenticated:
        if request.method == "POST":
            return _accept(request, token, request.user)
        context["mismatch"] = request.user.email.lower() != invitation.email.lower()
        return render(request, "networks/invitation_accept.html", context)
    if existing is not None:
        context["login_url"] = reverse("accounts:login") + "?next=" + request.path
        return render(request, "networks/invitation_accept.html", context)
    form = SignupForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.invitation_accept_new_user(
                token=token,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
            )
        except services.InvitationError as error:
            return render(
                request, "networks/invitation_invalid.html", {"reason": str(error)}, status=410
            )
        login(request, membership.user, backend=backends.PATH)
        return _welcome(request, membership)
    context["form"] = form
    return render(request, "networks/invitation_accept.html", context)


def _accept(request, token, user):
    try:
        membership = services.invitation_accept(token=token, user=user)
    except services.InvitationError as error:
        return render(
            request, "networks/invitation_invalid.html", {"reason": str(error)}, status=410
        )
    return _welcome(request, membership)


def _welcome(request, membership):
    messages.success(request, _("Welkom bij %(network)s!") % {"network": membership.network})
    return redirect("mywork:home", network_slug=membership.network.slug)
