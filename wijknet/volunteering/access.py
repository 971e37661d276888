"""Single objects of the active network that this member may see. Another network's object,
or one the member is not part of, is the same 404 as a missing one."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from . import queries
from .models import FollowUp, VolunteerProfile
from .services import can_answer


def get_help_request(network, request_uuid, user, membership):
    return get_object_or_404(queries.visible_requests(network, user, membership), uuid=request_uuid)


def get_match(network, match_uuid, user, membership):
    return get_object_or_404(
        queries.visible_matches(network, user, membership).select_related(
            "request__seeker_user", "request__submitted_by"
        ),
        uuid=match_uuid,
    )


def get_volunteer(network, volunteer_uuid, user, membership) -> VolunteerProfile:
    profile = get_object_or_404(
        VolunteerProfile.objects.select_related("user"), network=network, uuid=volunteer_uuid
    )
    if not queries.can_manage(membership) and profile.user_id != user.pk:
        raise Http404
    return profile


def get_followup(network, followup_uuid, user, membership) -> FollowUp:
    followup = get_object_or_404(
        FollowUp.objects.select_related(
            "match__request__seeker_user", "match__volunteer__user", "match__network"
        ),
        network=network,
        uuid=followup_uuid,
    )
    if not can_answer(membership, user, followup):
        raise Http404
    return followup
