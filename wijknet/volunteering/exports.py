"""The AVG export of one help-seeker's data (art. 15 and 20): everything stored about their help
request, with who looked at it (the access log, keyed by the request's UUID)."""

from datetime import date

from django.utils import timezone

from wijknet.accesslog.queries import records_for_client
from wijknet.core.declarations import names, to_file

from .fields import REQUEST_FIELDS
from .models import FollowUp, Match


def _moment(value):
    return timezone.localtime(value).isoformat() if value else None


def _shown(obj, name):
    """A field as a person reads it: a choice by its label, a date as JJJJ-MM-DD."""
    display = getattr(obj, f"get_{name}_display", None)
    if display is not None:
        return display()
    value = getattr(obj, name)
    return value.isoformat() if isinstance(value, date) else value


def help_request_export(help_request) -> dict:
    network = help_request.network
    matches = (
        Match.objects.filter(network=network, request=help_request)
        .select_related("volunteer")
        .order_by("proposed_at", "pk")
    )
    followups = (
        FollowUp.objects.filter(network=network, match__request=help_request)
        .select_related("match__volunteer")
        .order_by("due_on", "pk")
    )
    return {
        "hulpvraag": {
            "id": str(help_request.uuid),
            **to_file(
                {name: _shown(help_request, name) for name in names(REQUEST_FIELDS)},
                REQUEST_FIELDS,
            ),
            "status": help_request.get_status_display(),
            "ingediend_op": _moment(help_request.created_at),
            "gesloten_op": _moment(help_request.closed_at),
        },
        "koppelingen": [
            {
                "vrijwilliger": match.volunteer.name,
                "status": match.get_status_display(),
                "voorgesteld_op": _moment(match.proposed_at),
                "akkoord_op": _moment(match.accepted_at),
                "gestart_op": _moment(match.started_at),
                "beeindigd_op": _moment(match.ended_at),
                "reden_van_stoppen": match.stop_reason,
            }
            for match in matches
        ],
        "opvolging": [
            {
                "aan": followup.get_audience_display(),
                "na_weken": followup.week,
                "antwoord": followup.get_answer_display(),
                "toelichting": followup.remark,
                "beantwoord_op": _moment(followup.answered_at),
            }
            for followup in followups
        ],
        "inzagelog": [
            {
                "tijdstip": _moment(record.at),
                "wie": record.user_name,
                "organisatie": record.organisation_name,
                "handeling": record.get_action_display(),
                "gegevenscategorie": record.category,
            }
            for record in records_for_client(network, help_request.uuid)
        ],
    }
