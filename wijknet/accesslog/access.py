"""Who may read the access log and who appoints the people who do: the ONE place where that is
decided. The four-eyes rules of an appointment (who may propose, who may confirm) build on
`may_designate_privacy_officers` in services.proposal_refusal / confirmation_refusal."""

from wijknet.networks import roles


def may_designate_privacy_officers(membership) -> bool:
    """Proposing, confirming and withdrawing privacy officers: whoever may manage members."""
    return membership is not None and membership.can(roles.MANAGE_MEMBERS)


def is_privacy_officer(membership) -> bool:
    """Reading and reviewing the access log: a current member appointed privacy officer."""
    return membership is not None and membership.ended_at is None and membership.is_privacy_officer
