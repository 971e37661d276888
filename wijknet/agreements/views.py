from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, ListView, TemplateView

from wijknet.core import formatting
from wijknet.core.charts import horizontal_bars
from wijknet.core.mixins import (
    NetworkViewMixin,
    ServiceActionMixin,
    ServiceFormMixin,
    ServiceObjectFormMixin,
)
from wijknet.core.pagecache import CachedPageMixin
from wijknet.core.pagination import bounded
from wijknet.networks import queries as network_queries
from wijknet.networks import roles

from . import access, queries, services
from .forms import AgreementForm, EndorsementForm, FundingForm, TermsFormSet, terms_initial
from .models import Agreement

MISSING_LABELS = {
    queries.MISSING_ROLES: gettext_lazy("rol"),
    queries.MISSING_TASKS: gettext_lazy("taken"),
    queries.MISSING_TIME_OR_MONEY: gettext_lazy("tijd of geld"),
}


def _missing_text(missing) -> str:
    """ "nog geen afspraken in deze versie", or what the partner's terms lack."""
    if queries.MISSING_TERMS in missing:
        return _("nog geen afspraken in deze versie")
    return _("ontbreekt: %(what)s") % {
        "what": ", ".join(str(MISSING_LABELS[code]) for code in missing)
    }


class AgreementIndexView(CachedPageMixin, NetworkViewMixin, TemplateView):
    permission = roles.VIEW_AGREEMENT
    template_name = "agreements/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        agreement = queries.current_agreement(self.network)
        uncovered = bounded(
            self.request, queries.uncovered_partners(self.network, agreement), key="partners"
        )
        uncovered.items = [
            (partner, _missing_text(queries.missing_for(agreement, partner)))
            for partner in uncovered.items
        ]
        # Figures as aggregates, the sources themselves as a bounded list.
        outlook = queries.funding_summary(self.network, today)
        funding = bounded(
            self.request, queries.current_funding(self.network, today), key="financiering"
        )
        funding.items = [(source, outlook.ends_soon(source)) for source in funding.items]
        context.update(
            agreement=agreement,
            levels=queries.endorsements_by_level(agreement),
            uncovered=uncovered,
            outlook=outlook,
            funding=funding,
            ended_funding=bounded(
                self.request, queries.ended_funding(self.network, today), key="afgelopen"
            ),
            can_edit=self.membership.can(roles.EDIT_AGREEMENT),
        )
        if outlook.totals_per_kind:
            context["funding_chart"] = horizontal_bars(
                [(label, amount) for _kind, label, amount in outlook.totals_per_kind],
                title=_("Financiering per soort"),
                value_format=formatting.money,
            )
        return context


class AgreementVersionListView(CachedPageMixin, NetworkViewMixin, ListView):
    permission = roles.VIEW_AGREEMENT
    template_name = "agreements/version_list.html"
    context_object_name = "versions"
    paginate_by = 50

    def get_queryset(self):
        return queries.agreement_versions(self.network)


class AgreementVersionDetailView(NetworkViewMixin, TemplateView):
    permission = roles.VIEW_AGREEMENT
    template_name = "agreements/version_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        agreement = access.get_agreement(self.network, self.kwargs["agreement_uuid"])
        latest = Agreement.objects.filter(network=self.network).aggregate(n=Max("version"))["n"]
        context.update(
            agreement=agreement,
            is_current=agreement.version == latest,
            levels=queries.endorsements_by_level(agreement),
        )
        return context


class _AgreementsForm(NetworkViewMixin, ServiceFormMixin, FormView):
    """An agreements page whose form goes to a service; back to the index afterwards."""

    permission = roles.EDIT_AGREEMENT

    def get_success_url(self):
        return reverse("agreements:index", kwargs={"network_slug": self.network.slug})


class AgreementNewVersionView(_AgreementsForm):
    """A new version starts from the previous one's values; saving never changes old ones.
    The form carries the agreement's text, `self.formset` each partner's terms."""

    template_name = "agreements/version_form.html"

    def get_form(self, form_class=None):
        data = self.request.POST if self.request.method == "POST" else None
        self.previous = previous = queries.current_agreement(self.network)
        partners = list(network_queries.partners(self.network))
        initial = {"based_on": previous.version if previous else 0}
        if previous:
            initial.update(purpose=previous.purpose, out_of_scope=previous.out_of_scope)
        self.formset = TermsFormSet(
            data, partners=partners, initial=terms_initial(partners, previous), prefix="terms"
        )
        return AgreementForm(data, initial=initial)

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid() and self.formset.is_valid():
            return self.form_valid(form)
        return self.form_invalid(form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(previous=self.previous, formset=self.formset)
        return context

    def perform(self, form):
        return services.agreement_new_version(
            acting_user=self.request.user,
            network=self.network,
            purpose=form.cleaned_data["purpose"],
            out_of_scope=form.cleaned_data["out_of_scope"],
            notes=form.cleaned_data["notes"],
            terms=self.formset.terms(),
            expected_version=form.cleaned_data["based_on"],
        )

    def get_success_message(self):
        return _("Versie %(n)s van de afspraken is vastgelegd.") % {"n": self.result.version}


class EndorsementCreateView(_AgreementsForm):
    template_name = "agreements/endorsement_form.html"
    context_subject = "agreement"

    def get_form(self, form_class=None):
        self.agreement = access.get_agreement_plain(self.network, self.kwargs["agreement_uuid"])
        return EndorsementForm(
            self.request.POST or None,
            partners=network_queries.partners(self.network),
            initial={"endorsed_on": timezone.localdate()},
        )

    def perform(self, form):
        return services.endorsement_add(
            acting_user=self.request.user, agreement=self.agreement, **form.cleaned_data
        )

    def get_success_message(self):
        return _("Onderschrijving door %(name)s vastgelegd.") % {"name": self.result.name}


# Funding -----------------------------------------------------------------------------------


class FundingCreateView(ServiceObjectFormMixin, _AgreementsForm):
    template_name = "agreements/funding_form.html"
    form_class = FundingForm
    create = staticmethod(services.funding_create)

    def created_message(self):
        return _("Financieringsbron %(name)s toegevoegd.") % {"name": self.result.name}


class FundingEditView(FundingCreateView):
    context_subject = "source"
    update = staticmethod(services.funding_update)

    def get_object(self):
        return access.get_funding_source(self.network, self.kwargs["funding_uuid"])


class FundingDeleteView(NetworkViewMixin, ServiceActionMixin, TemplateView):
    """Deleting asks for confirmation on its own page (works without JavaScript)."""

    permission = roles.EDIT_AGREEMENT
    template_name = "agreements/funding_delete.html"
    confirm = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["source"] = access.get_funding_source(self.network, self.kwargs["funding_uuid"])
        return context

    def perform(self):
        source = access.get_funding_source(self.network, self.kwargs["funding_uuid"])
        self.name = source.name
        return services.funding_delete(acting_user=self.request.user, source=source)

    def get_success_message(self):
        return _("Financieringsbron %(name)s verwijderd.") % {"name": self.name}

    def get_success_url(self):
        return reverse("agreements:index", kwargs={"network_slug": self.network.slug})
