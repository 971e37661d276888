from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, ListView, TemplateView

from wijknet.core.charts import horizontal_bars
from wijknet.core.pagination import bounded
from wijknet.core.views import NetworkViewMixin
from wijknet.networks import queries as network_queries
from wijknet.networks import roles
from wijknet.networks.views import apply_validation_error

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


class AgreementIndexView(NetworkViewMixin, TemplateView):
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
        outlook = queries.funding_outlook(self.network, today)
        context.update(
            agreement=agreement,
            levels=queries.endorsements_by_level(agreement),
            uncovered=uncovered,
            outlook=outlook,
            ended_funding=bounded(
                self.request, queries.ended_funding(self.network, today), key="afgelopen"
            ),
            can_edit=self.membership.can(roles.EDIT_AGREEMENT),
        )
        if outlook.totals_per_kind:
            context["funding_chart"] = horizontal_bars(
                [(label, amount) for _kind, label, amount in outlook.totals_per_kind],
                title=_("Financiering per soort (€)"),
            )
        return context


class AgreementVersionListView(NetworkViewMixin, ListView):
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


class AgreementNewVersionView(NetworkViewMixin, TemplateView):
    """A new version starts from the previous one's values; saving never changes old ones."""

    permission = roles.EDIT_AGREEMENT
    template_name = "agreements/version_form.html"

    def _forms(self, data=None):
        previous = queries.current_agreement(self.network)
        partners = list(network_queries.partners(self.network))
        initial = {"based_on": previous.version if previous else 0}
        if previous:
            initial.update(purpose=previous.purpose, out_of_scope=previous.out_of_scope)
        form = AgreementForm(data, initial=initial)
        formset = TermsFormSet(
            data, partners=partners, initial=terms_initial(partners, previous), prefix="terms"
        )
        return previous, form, formset

    def get(self, request, *args, **kwargs):
        previous, form, formset = self._forms()
        return self._render(previous, form, formset)

    def post(self, request, *args, **kwargs):
        previous, form, formset = self._forms(request.POST)
        if form.is_valid() and formset.is_valid():
            try:
                agreement = services.agreement_new_version(
                    acting_user=request.user,
                    network=self.network,
                    purpose=form.cleaned_data["purpose"],
                    out_of_scope=form.cleaned_data["out_of_scope"],
                    notes=form.cleaned_data["notes"],
                    terms=formset.terms(),
                    expected_version=form.cleaned_data["based_on"],
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(
                    request,
                    _("Versie %(n)s van de afspraken is vastgelegd.") % {"n": agreement.version},
                )
                return redirect("agreements:index", network_slug=self.network.slug)
        return self._render(previous, form, formset)

    def _render(self, previous, form, formset):
        return self.render_to_response(
            self.get_context_data(previous=previous, form=form, formset=formset)
        )


class EndorsementCreateView(NetworkViewMixin, FormView):
    permission = roles.EDIT_AGREEMENT
    template_name = "agreements/endorsement_form.html"

    def get_form(self, form_class=None):
        self.agreement = access.get_agreement_plain(self.network, self.kwargs["agreement_uuid"])
        return EndorsementForm(
            self.request.POST or None,
            partners=network_queries.partners(self.network),
            initial={"endorsed_on": timezone.localdate()},
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["agreement"] = self.agreement
        return context

    def form_valid(self, form):
        try:
            endorsement = services.endorsement_add(
                acting_user=self.request.user, agreement=self.agreement, **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Onderschrijving door %(name)s vastgelegd.") % {"name": endorsement.name},
        )
        return redirect("agreements:index", network_slug=self.network.slug)


# Funding -----------------------------------------------------------------------------------


class FundingCreateView(NetworkViewMixin, FormView):
    permission = roles.EDIT_AGREEMENT
    template_name = "agreements/funding_form.html"

    def get_form(self, form_class=None):
        return FundingForm(self.request.POST or None)

    def form_valid(self, form):
        try:
            source = services.funding_create(
                acting_user=self.request.user, network=self.network, **form.service_fields()
            )
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Financieringsbron %(name)s toegevoegd.") % {"name": source.name}
        )
        return redirect("agreements:index", network_slug=self.network.slug)


class FundingEditView(NetworkViewMixin, FormView):
    permission = roles.EDIT_AGREEMENT
    template_name = "agreements/funding_form.html"

    def get_form(self, form_class=None):
        self.source = access.get_funding_source(self.network, self.kwargs["funding_uuid"])
        return FundingForm(self.request.POST or None, instance=self.source)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["source"] = self.source
        return context

    def form_valid(self, form):
        try:
            services.funding_update(
                acting_user=self.request.user,
                source=self.source,
                expected_version=form.cleaned_data.get("version") or 0,
                **form.service_fields(),
            )
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Wijzigingen opgeslagen."))
        return redirect("agreements:index", network_slug=self.network.slug)


class FundingDeleteView(NetworkViewMixin, TemplateView):
    """Deleting asks for confirmation on its own page (works without JavaScript)."""

    permission = roles.EDIT_AGREEMENT
    template_name = "agreements/funding_delete.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["source"] = access.get_funding_source(self.network, self.kwargs["funding_uuid"])
        return context

    def post(self, request, *args, **kwargs):
        source = access.get_funding_source(self.network, kwargs["funding_uuid"])
        name = source.name
        services.funding_delete(acting_user=request.user, source=source)
        messages.success(request, _("Financieringsbron %(name)s verwijderd.") % {"name": name})
        return redirect("agreements:index", network_slug=self.network.slug)
