from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from wijknet.core.mixins import NetworkViewMixin, ServiceActionMixin
from wijknet.core.pagination import bounded
from wijknet.networks import roles

from . import access, queries, services
from .models import Status, Variant


class _ToList:
    def get_success_url(self):
        return reverse("reports:list", kwargs={"network_slug": self.network.slug})


class ReportListView(NetworkViewMixin, TemplateView):
    """The network's reports (the variants this member may read), newest first and bounded;
    the form to ask for a new one; unfinished ones poll their status (htmx)."""

    permission = roles.VIEW_REPORTS
    template_name = "reports/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        can_make = access.can_make_reports(self.membership)
        context.update(
            reports=bounded(
                self.request,
                queries.reports_list(self.network, self.membership),
                key="rapportages",
                preview=10,
                per_page=25,
            ),
            can_make=can_make,
            variants=[
                v for v in Variant.choices if v[0] in access.report_variants(self.membership)
            ],
        )
        return context


class ReportRequestView(NetworkViewMixin, _ToList, ServiceActionMixin, View):
    permission = roles.MAKE_REPORTS
    http_method_names = ["post"]

    def perform(self):
        return services.report_request(
            acting_user=self.request.user,
            network=self.network,
            membership=self.membership,
            variant=self.request.POST.get("variant", ""),
        )

    def get_success_message(self):
        return _(
            "De rapportage wordt gemaakt. Dat gebeurt op de achtergrond; deze pagina laat zien "
            "hoe ver het is."
        )


class _OneReport:
    def get_report(self):
        return access.get_report(self.network, self.membership, self.kwargs["report_uuid"])


class ReportStatusView(NetworkViewMixin, _OneReport, View):
    """One row of the list as it stands now: what the list page polls while a report is made."""

    permission = roles.VIEW_REPORTS

    def get(self, request, *args, **kwargs):
        return render(
            request,
            "reports/_row.html",
            {
                "report": self.get_report(),
                "network": self.network,
                "can_make": access.can_make_reports(self.membership),
            },
        )


class ReportDetailView(NetworkViewMixin, _OneReport, TemplateView):
    """The finished report as a page (the HTML stored with the PDF: no figures are computed
    here), printable like every page."""

    permission = roles.VIEW_REPORTS
    template_name = "reports/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.get_report()
        context.update(
            report=report,
            body=mark_safe(report.html) if report.status == Status.DONE else "",  # noqa: S308 - our own template's output, stored by the worker
            can_make=access.can_make_reports(self.membership),
        )
        return context


class ReportDownloadView(NetworkViewMixin, _OneReport, View):
    permission = roles.VIEW_REPORTS

    def get(self, request, *args, **kwargs):
        report = self.get_report()
        if report.status != Status.DONE or not report.file:
            raise Http404
        try:
            handle = report.file.open("rb")
        except FileNotFoundError as missing:
            raise Http404 from missing
        name = (
            f"rapportage-{self.network.slug}-{report.variant}-{report.period_end.isoformat()}.pdf"
        )
        response = FileResponse(handle, content_type="application/pdf")
        response["Content-Disposition"] = content_disposition_header(True, name)
        return response


class ReportDeleteView(NetworkViewMixin, _OneReport, _ToList, ServiceActionMixin, TemplateView):
    """Deleting a report cannot be undone: it asks first, on its own page."""

    permission = roles.MAKE_REPORTS
    template_name = "reports/delete.html"
    confirm = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["report"] = self.get_report()
        return context

    def perform(self):
        report = self.get_report()
        services.report_delete(
            acting_user=self.request.user,
            network=self.network,
            membership=self.membership,
            report=report,
        )

    def get_success_message(self):
        return _("De rapportage is verwijderd.")
