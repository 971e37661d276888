"""Reads for the resident pages and the care team's page about resident access. Every list
is ordered and bounded (paginated, or one record's few rows)."""

from django.db.models import Prefetch

from wijknet.accesslog.queries import records_for_client
from wijknet.casework import queries as casework_queries
from wijknet.casework.models import CaseConference, Consent, PlanAction
from wijknet.networks.models import Organisation

from .models import CaseMessage, ConsentProposal, ResidentInvitation, ResidentLink, ResidentWords

MESSAGES_SHOWN = 50


def words(client) -> ResidentWords | None:
    return ResidentWords.objects.filter(network=client.network, client=client).first()


def plan_page(client) -> dict:
    """Everything "Mijn plan" shows, in a fixed number of queries."""
    plan = casework_queries.plan(client)
    return {
        "plan": plan,
        "words": words(client),
        "goals": list(casework_queries.goals(plan)),
        "actions": list(casework_queries.actions(plan).filter(conference__isnull=True)),
        "conferences": list(
            CaseConference.objects.filter(network=client.network, client=client)
            .prefetch_related(
                Prefetch(
                    "agreements",
                    queryset=PlanAction.objects.select_related(
                        "responsible__membership__user"
                    ).order_by("pk"),
                )
            )
            .order_by("-held_on", "-pk")[:20]
        ),
        "team": list(casework_queries.team(client)),
    }


def team(client):
    return list(casework_queries.team(client))


def messages(client):
    return list(
        CaseMessage.objects.filter(network=client.network, client=client)
        .select_related("author")
        .order_by("-created_at", "-pk")[:MESSAGES_SHOWN]
    )


def consents(client):
    return casework_queries.consents(client)


def get_consent(client, consent_uuid) -> Consent:
    return casework_queries.get_consent(client, consent_uuid)


def open_proposals(client):
    return list(
        ConsentProposal.objects.filter(
            network=client.network, client=client, decided_at__isnull=True
        )
        .select_related("proposed_by")
        .prefetch_related(
            Prefetch("organisations", queryset=Organisation.objects.order_by("name", "pk"))
        )
        .order_by("-created_at", "-pk")[:20]
    )


def get_proposal(client, proposal_uuid) -> ConsentProposal:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        ConsentProposal.objects.prefetch_related("organisations"),
        network=client.network,
        client=client,
        uuid=proposal_uuid,
        decided_at__isnull=True,
    )


def access_records(client):
    return records_for_client(client.network, client.uuid)


def links(client):
    return list(
        ResidentLink.objects.filter(network=client.network, client=client, ended_at__isnull=True)
        .select_related("user")
        .order_by("kind", "created_at", "pk")
    )


def get_link(client, link_uuid) -> ResidentLink:
    from django.shortcuts import get_object_or_404

    link = get_object_or_404(
        ResidentLink.objects.select_related("user"),
        network=client.network,
        client=client,
        uuid=link_uuid,
        ended_at__isnull=True,
    )
    link.client = client
    return link


def open_invitations(client):
    return list(
        ResidentInvitation.objects.filter(
            network=client.network, client=client, used_at__isnull=True, revoked_at__isnull=True
        ).order_by("-created_at", "-pk")[:20]
    )


def get_resident_action(client, action_uuid) -> PlanAction:
    from django.shortcuts import get_object_or_404

    action = get_object_or_404(
        PlanAction.objects.select_related("plan"),
        network=client.network,
        plan__client=client,
        uuid=action_uuid,
        for_resident=True,
    )
    action.plan.client = client
    return action


def export(client) -> dict:
    """The AVG export (casework.exports) plus what the resident and their mantelzorgers wrote
    here: their own words and the questions and answers (AVG art. 15 and 20)."""
    from wijknet.casework import exports

    data = exports.client_export(client)
    own = words(client)
    data["own_words"] = (
        {"wil": own.wil, "kan": own.kan, "heb_nodig": own.heb_nodig} if own is not None else None
    )
    data["questions"] = [
        {
            "at": m.created_at.isoformat(),
            "by": (m.author.full_name or m.author.email) if m.author else "",
            "role": m.get_author_role_display(),
            "text": m.text,
        }
        for m in CaseMessage.objects.filter(network=client.network, client=client)
        .select_related("author")
        .order_by("created_at", "pk")
    ]
    return data
