"""Who may see and do what in volunteering: the ONE place where that is decided.

The coordinators (MANAGE_VOLUNTEERING: the dorpsondersteuner and the core group) see and manage
everything; everyone else sees the help requests and matches they are part of. Single objects
the member may not see are the same 404 as missing ones (another network's too).
"""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from wijknet.networks import roles

from .models import Audience, FollowUp, HelpRequest, Match, MatchStatus, VolunteerProfile

SEEKER_VISIBLE_TO_VOLUNTEER = (MatchStatus.AKKOORD, MatchStatus.LOPEND, MatchStatus.AFGEROND)
# What the volunteer themselves may do with a match made for them (from → to).
VOLUNTEER_TRANSITIONS = {
    (MatchStatus.VOORGESTELD, MatchStatus.AKKOORD),
    (MatchStatus.VOORGESTELD, MatchStatus.GESTOPT),
}


def can_manage(membership) -> bool:
    """Matching, every request, match and profile: whoever has manage_volunteering."""
    return membership is not None and membership.can(roles.MANAGE_VOLUNTEERING)


def may_move_match(membership, user, match, to) -> bool:
    """Moving a match to another status: the coordinators every move, also on behalf of a
    volunteer without an account; the volunteer may say yes (akkoord) or no (gestopt) to a
    proposal made to them. Whether the move exists at all is the lifecycle's business
    (services.TRANSITIONS)."""
    if can_manage(membership):
        return True
    return (
        match.volunteer.user_id is not None
        and match.volunteer.user_id == user.pk
        and (match.status, to) in VOLUNTEER_TRANSITIONS
    )


def is_requester(user, help_request) -> bool:
    """Who submitted the help request, or the help-seeker themselves."""
    return user.pk in (help_request.submitted_by_id, help_request.seeker_user_id)


def _involved_requests_q(user) -> Q:
    matched = Match.objects.filter(volunteer__user=user).values("request_id")
    return Q(submitted_by=user) | Q(seeker_user=user) | Q(pk__in=matched)


def visible_requests(network, user, membership):
    """Help requests this person may see: all for a manager; else the ones they submitted,
    are the seeker of, or were matched to."""
    qs = HelpRequest.objects.filter(network=network)
    if not can_manage(membership):
        qs = qs.filter(_involved_requests_q(user))
    return qs.select_related("submitted_by").order_by("-created_at", "-pk")


def visible_matches(network, user, membership):
    """Matches this person may see: all for a manager; else their own as volunteer, submitter
    or seeker."""
    qs = Match.objects.filter(network=network)
    if not can_manage(membership):
        qs = qs.filter(
            Q(volunteer__user=user) | Q(request__submitted_by=user) | Q(request__seeker_user=user)
        )
    return qs.select_related("request", "volunteer__user")


def seeker_visible(membership, user, help_request, matches=()) -> bool:
    """May this person see who the help-seeker is and how to reach them? The coordinators and
    the requester always; a volunteer once they said yes (not while only proposed)."""
    if can_manage(membership) or is_requester(user, help_request):
        return True
    return any(
        m.volunteer.user_id == user.pk and m.status in SEEKER_VISIBLE_TO_VOLUNTEER for m in matches
    )


def can_edit_profile(membership, user, profile) -> bool:
    """A manager, or the volunteer themselves."""
    return can_manage(membership) or (profile.user_id is not None and profile.user_id == user.pk)


def can_answer(membership, user, followup: FollowUp) -> bool:
    """A follow-up question: the person it was put to (volunteer or help-seeker), or a manager
    who records the answer after a phone call."""
    if can_manage(membership):
        return True
    if followup.audience == Audience.VRIJWILLIGER:
        return followup.match.volunteer.user_id == user.pk
    return followup.match.request.seeker_user_id == user.pk


def may_export_or_erase(membership) -> bool:
    """The coordinators (MANAGE_VOLUNTEERING, the dorpsondersteuner) export or erase a
    help-seeker's data on their request, as the recorder does for a client."""
    return can_manage(membership)


def can_log_hours_for(membership, user, volunteer: VolunteerProfile) -> bool:
    """Volunteers write their own hours; for a volunteer without an account the coordinator
    writes them (after a phone call, from a paper list)."""
    if volunteer.user_id is not None:
        return volunteer.user_id == user.pk
    return can_manage(membership)


def get_help_request(network, request_uuid, user, membership):
    return get_object_or_404(visible_requests(network, user, membership), uuid=request_uuid)


def get_match(network, match_uuid, user, membership):
    return get_object_or_404(
        visible_matches(network, user, membership).select_related(
            "request__seeker_user", "request__submitted_by"
        ),
        uuid=match_uuid,
    )


def get_volunteer(network, volunteer_uuid, user, membership) -> VolunteerProfile:
    profile = get_object_or_404(
        VolunteerProfile.objects.select_related("user"), network=network, uuid=volunteer_uuid
    )
    if not can_manage(membership) and profile.user_id != user.pk:
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
