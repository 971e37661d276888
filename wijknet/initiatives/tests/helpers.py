from django_scopes import scope

from wijknet.initiatives import services
from wijknet.networks.models import Membership


def membership_of(network, user):
    with scope(network=network):
        return Membership.objects.select_related("network", "user").get(
            network=network, user=user, ended_at__isnull=True
        )


def bring_in(network, user, title="Moestuin bij de school", **fields):
    with scope(network=network):
        return services.initiative_create(
            acting_user=user,
            membership=membership_of(network, user),
            network=network,
            title=title,
            **fields,
        )


def respond(network, user, initiative, status, response=""):
    with scope(network=network):
        return services.initiative_respond(
            acting_user=user,
            membership=membership_of(network, user),
            initiative=initiative,
            status=status,
            response=response,
            expected_version=initiative.version,
        )


def support(network, user, initiative, **kwargs):
    with scope(network=network):
        return services.support_give(
            acting_user=user,
            membership=membership_of(network, user),
            initiative=initiative,
            **kwargs,
        )
