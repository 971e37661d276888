from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, ListView, TemplateView

from wijknet.core.declarations import names
from wijknet.core.htmx import is_htmx
from wijknet.core.mixins import (
    NetworkViewMixin,
    ServiceActionMixin,
    ServiceFormMixin,
    show_validation_error,
)
from wijknet.core.pagecache import CachedPageMixin
from wijknet.networks import roles
from wijknet.roadmap.models import Phase, Step

from . import access, queries, services
from .fields import OWN_ITEM_FIELDS
from .forms import OfferDecisionForm, OwnItemForm, ToolboxFilterForm
from .models import Target


class ToolboxListView(CachedPageMixin, NetworkViewMixin, ListView):
    """The toolbox (kennisbank): search in Dutch, filter by kind and phase."""

    permission = roles.VIEW_ROADMAP
    template_name = "toolbox/list.html"
    context_object_name = "items"
    paginate_by = 25

    def get_template_names(self):
        if is_htmx(self.request):
            return [self.template_name + "#results"]
        return [self.template_name]

    def get_queryset(self):
        self.phases = list(Phase.objects.order_by("order"))
        self.filter_form = ToolboxFilterForm(self.request.GET or None, phases=self.phases)
        filters = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        self.own = self.request.GET.get("eigen") == "1"
        return queries.items(
            self.network,
            query=filters.get("q", ""),
            kind=filters.get("kind", ""),
            phase=filters.get("phase", ""),
            own=self.own,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        context["filtered"] = any(self.request.GET.get(k) for k in ("q", "kind", "phase", "eigen"))
        context["own"] = self.own
        context["may_add_own"] = access.may_add_own(self.network, self.request.user)
        context["is_platform_editor"] = access.is_platform_editor(self.request.user)
        return context


class ToolboxItemView(NetworkViewMixin, TemplateView):
    permission = roles.VIEW_ROADMAP
    template_name = "toolbox/item.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = access.get_item(self.network, self.kwargs["item_key"])
        context["may_change"] = access.may_change(item, self.network, self.request.user)
        links = queries.links_of(item)
        context["item"] = item
        context["phases"] = Phase.objects.filter(key__in=links.get(Target.PHASE, [])).order_by(
            "order"
        )
        context["steps"] = (
            Step.objects.filter(key__in=links.get(Target.STEP, []), retired=False)
            .select_related("phase")
            .order_by("phase__order", "order")
        )
        return context


# --- A network's own items ------------------------------------------------------------------


def _item_url(network, item) -> str:
    return reverse("toolbox:item", kwargs={"network_slug": network.slug, "item_key": item.key})


class OwnItemCreateView(NetworkViewMixin, ServiceFormMixin, FormView):
    """A practice story, guide or instrument of the network's own: its members see it."""

    permission = roles.EDIT_ROADMAP
    template_name = "toolbox/own_form.html"
    form_class = OwnItemForm
    success_message = gettext_lazy("Het item staat in de kennisbank van jullie netwerk.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "phases": Phase.objects.order_by("order")}

    def perform(self, form):
        return services.own_item_create(
            acting_user=self.request.user, network=self.network, **form.service_fields()
        )

    def get_success_url(self):
        return _item_url(self.network, self.result)


class OwnItemEditView(OwnItemCreateView):
    success_message = gettext_lazy("Het item is bijgewerkt.")

    def get_item(self):
        if not hasattr(self, "item"):
            self.item = access.get_own_item(self.network, self.kwargs["item_key"])
            if not access.may_change(self.item, self.network, self.request.user):
                raise PermissionDenied
        return self.item

    def get_initial(self):
        item = self.get_item()
        return {
            **{name: getattr(item, name) for name in names(OWN_ITEM_FIELDS) if name != "phases"},
            "title": item.__dict__["title"],
            "summary": item.__dict__["summary"],
            "body": item.__dict__["body"],
            "lessons": item.__dict__["lessons"],
            "phases": list(
                item.links.filter(target=Target.PHASE).values_list("target_key", flat=True)
            ),
            "version": item.version,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(item=self.get_item(), **kwargs)

    def perform(self, form):
        return services.own_item_update(
            acting_user=self.request.user,
            network=self.network,
            item=self.get_item(),
            expected_version=form.cleaned_data.get("version") or 0,
            **form.service_fields(),
        )


class _OwnItemAction(NetworkViewMixin, ServiceActionMixin, TemplateView):
    """A confirmation page and its button for one of the network's own items."""

    permission = roles.EDIT_ROADMAP
    confirm = True

    def get_item(self):
        if not hasattr(self, "item"):
            self.item = access.get_own_item(self.network, self.kwargs["item_key"])
            if not access.may_change(self.item, self.network, self.request.user):
                raise PermissionDenied
        return self.item

    def get_context_data(self, **kwargs):
        return super().get_context_data(item=self.get_item(), **kwargs)


class OwnItemDeleteView(_OwnItemAction):
    template_name = "toolbox/own_delete.html"
    success_message = gettext_lazy("Het item is verwijderd.")

    def perform(self):
        return services.own_item_delete(
            acting_user=self.request.user, network=self.network, item=self.get_item()
        )

    def get_success_url(self):
        return reverse("toolbox:list", kwargs={"network_slug": self.network.slug}) + "?eigen=1"


class OwnItemOfferView(_OwnItemAction):
    template_name = "toolbox/own_offer.html"
    success_message = gettext_lazy(
        "Aangeboden. De redactie van de gedeelde kennisbank beslist erover; je ziet het hier."
    )

    def perform(self):
        return services.own_item_offer(
            acting_user=self.request.user, network=self.network, item=self.get_item()
        )

    def get_success_url(self):
        return _item_url(self.network, self.get_item())


# --- The platform editor --------------------------------------------------------------------


class PlatformEditorMixin(LoginRequiredMixin):
    """Pages of the shared toolbox's editors (staff accounts); for anyone else a 404."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not access.is_platform_editor(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class OfferListView(PlatformEditorMixin, ListView):
    template_name = "toolbox/offers.html"
    context_object_name = "offers"
    paginate_by = 25

    def get_queryset(self):
        return queries.offered()

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=OfferDecisionForm(), **kwargs)


class OfferDecideView(PlatformEditorMixin, ServiceFormMixin, FormView):
    """POST accept=1 takes the item in; accept=0 declines with a reason."""

    http_method_names = ["post"]
    form_class = OfferDecisionForm
    template_name = "toolbox/offers.html"

    def perform(self, form):
        self.accepted = self.request.POST.get("accept") == "1"
        item = access.get_offered_item(self.kwargs["item_key"])
        return services.offer_decide(
            acting_user=self.request.user,
            item=item,
            accept=self.accepted,
            note=form.cleaned_data["note"],
        )

    def service_refused(self, form, error):
        show_validation_error(self.request, error)
        return HttpResponseRedirect(self.get_success_url())

    def get_success_message(self):
        if self.accepted:
            return _("%(title)s staat nu in de gedeelde kennisbank.") % {"title": self.result}
        return _("%(title)s is niet opgenomen; het netwerk ziet de reden.") % {"title": self.result}

    def get_success_url(self):
        return reverse("toolbox:offers")
