"""Data exchange for scans: FHIR R4 export of instruments and rounds, CSV import of paper forms."""

import csv
import json

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext_lazy, ngettext
from django.views import View

from wijknet.core.csvsafe import safe_row
from wijknet.core.imports import (
    PROBLEMS_CSV_FIELD,
    ProblemReport,
    problems_csv_response,
    scoped,
)
from wijknet.core.mixins import NetworkViewMixin
from wijknet.networks import roles
from wijknet.networks.models import Sector

from . import fhir, imports
from .views import get_round


def _fhir_response(resource: dict, filename: str | None = None) -> HttpResponse:
    response = HttpResponse(
        json.dumps(resource, ensure_ascii=False, indent=2),
        content_type=f"{fhir.FHIR_JSON}; charset=utf-8",
    )
    if filename:
        response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


class InstrumentFhirView(NetworkViewMixin, View):
    """An instrument (content, the same for every network) as a FHIR Questionnaire."""

    permission = roles.VIEW_SCANS

    def get(self, request, *args, **kwargs):
        instrument = fhir.instrument_by_key(kwargs["instrument_key"])
        if instrument is None:
            raise Http404
        resource = fhir.questionnaire(instrument, fhir.load_instrument_items(instrument))
        return _fhir_response(resource)


class RoundFhirView(NetworkViewMixin, View):
    """A round's submitted answers as a FHIR Bundle of anonymous QuestionnaireResponses.

    Individual (if anonymous) answers: for those who run scans, not for every reader of the
    aggregated results.
    """

    permission = roles.MANAGE_SCANS

    def get(self, request, *args, **kwargs):
        round_ = get_round(self.network, kwargs["round_uuid"])
        bundle = fhir.round_bundle(fhir.load_round_export(round_), timestamp=timezone.now())
        return _fhir_response(bundle, f"{_base_filename(self.network, round_)}.fhir.json")


def _base_filename(network, round_) -> str:
    return f"scan-{network.slug}-{slugify(round_.label) or 'ronde'}"


# Paper forms ---------------------------------------------------------------------------------


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV-bestand met de antwoorden"),
        error_messages={
            "required": gettext_lazy("Kies een CSV-bestand."),
            "empty": gettext_lazy("Het bestand is leeg."),
        },
    )


class ImportView(NetworkViewMixin, View):
    permission = roles.MANAGE_SCANS
    template_name = "scans/import.html"

    def get(self, request, *args, **kwargs):
        round_ = get_round(self.network, kwargs["round_uuid"])
        return self._render(request, round_, ImportForm())

    def post(self, request, *args, **kwargs):
        round_ = get_round(self.network, kwargs["round_uuid"])
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._render(request, round_, form)
        upload = form.cleaned_data["file"]
        try:
            if request.POST.get(PROBLEMS_CSV_FIELD):
                return problems_csv_response(
                    scoped(imports.problems(upload, round_), self.network),
                    f"{_base_filename(self.network, round_)}-problemen.csv",
                )
            parsed = imports.parse_csv(upload, round_)
        except ValidationError as error:
            form.add_error("file", error)
            return self._render(request, round_, form)
        if not parsed.ok:
            return self._render(request, round_, form, report=parsed.report)
        try:
            created = imports.responses_import(
                acting_user=request.user,
                round_=round_,
                rows=parsed.rows,
                file_sha256=parsed.sha256,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self._render(request, round_, form)
        messages.success(
            request,
            ngettext(
                "%(n)s papieren formulier is toegevoegd aan de uitkomsten.",
                "%(n)s papieren formulieren zijn toegevoegd aan de uitkomsten.",
                len(created),
            )
            % {"n": len(created)},
        )
        return redirect("scans:results", network_slug=self.network.slug, round_uuid=round_.uuid)

    def _render(self, request, round_, form, report=None):
        context = {
            **(report or ProblemReport()).context(),
            "network": self.network,
            "membership": self.membership,
            "round": round_,
            "form": form,
            "columns": list(imports.item_columns(round_).items()),
            "roles": roles.Role.choices,
            "sectors": Sector.choices,
        }
        return render(request, self.template_name, context)


class ImportTemplateView(NetworkViewMixin, View):
    """An empty CSV for this round: the header, and a row with the statements (skipped)."""

    permission = roles.MANAGE_SCANS

    def get(self, request, *args, **kwargs):
        round_ = get_round(self.network, kwargs["round_uuid"])
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = content_disposition_header(
            True, f"{_base_filename(self.network, round_)}-sjabloon.csv"
        )
        response.write("\ufeff")  # so Excel reads the statements as UTF-8
        header, *rows = imports.template_rows(round_)
        writer = csv.writer(response)
        writer.writerow(header)  # the column names the import reads back, as they are
        writer.writerows(safe_row(row) for row in rows)  # the statements may be members' text
        return response
