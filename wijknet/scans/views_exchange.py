"""Data exchange for scans: FHIR R4 export of instruments and rounds, CSV import of paper forms."""

import csv
import json

from django import forms
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext_lazy, ngettext
from django.views import View

from wijknet.core.csvsafe import safe_row
from wijknet.core.mixins import CsvImportMixin, NetworkViewMixin
from wijknet.networks import roles
from wijknet.networks.models import Sector

from . import fhir, imports
from .views import get_round, results_url


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


class ImportView(NetworkViewMixin, CsvImportMixin, View):
    permission = roles.MANAGE_SCANS
    template_name = "scans/import.html"
    import_form_class = ImportForm

    def load(self):
        self.round = get_round(self.network, self.kwargs["round_uuid"])

    def problems(self, upload):
        return imports.problems(upload, self.round)

    def problems_filename(self):
        return f"{_base_filename(self.network, self.round)}-problemen.csv"

    def parse(self, upload):
        return imports.parse_csv(upload, self.round)

    def perform(self, parsed):
        return imports.responses_import(
            acting_user=self.request.user,
            round_=self.round,
            rows=parsed.rows,
            file_sha256=parsed.sha256,
        )

    def get_success_message(self, created):
        return ngettext(
            "%(n)s papieren formulier is toegevoegd aan de uitkomsten.",
            "%(n)s papieren formulieren zijn toegevoegd aan de uitkomsten.",
            len(created),
        ) % {"n": len(created)}

    def get_success_url(self):
        return results_url(self.network, self.round)

    def get_import_context(self):
        return {
            "round": self.round,
            "columns": list(imports.item_columns(self.round).items()),
            "roles": roles.Role.choices,
            "sectors": Sector.choices,
        }


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
