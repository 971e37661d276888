"""Who may read the access log and who appoints the people who do: the ONE place where that is
decided, including the four-eyes rules of an appointment (who may propose, who may confirm:
`proposal_refusal`, `confirmation_refusal`); services keep the appointment's mechanics."""

from django.utils.translation import gettext as _

from wijknet.networks import roles


def may_designate_privacy_officers(membership) -> bool:
    """Proposing, confirming and withdrawing privacy officers: whoever may manage members."""
    return membership is not None and membership.can(roles.MANAGE_MEMBERS)


def is_privacy_officer(membership) -> bool:
    """Reading and reviewing the access log: a current member appointed privacy officer."""
    return membership is not None and membership.ended_at is None and membership.is_privacy_officer


def single_coordinator_message() -> str:
    """Why nobody can be appointed privacy officer in a network with one coordinator: the
    four-eyes rule needs a second coordinator to confirm."""
    return _(
        "Een privacyfunctionaris aanwijzen gaat met vier ogen: de ene coördinator stelt voor, "
        "een andere coördinator bevestigt. Zo kan niemand zichzelf of een vertrouweling in "
        "zijn eentje het inzagelog laten lezen. Dit netwerk heeft maar één coördinator, dus "
        "niemand kan een voorstel bevestigen. Maak eerst een tweede lid coördinator (Leden → "
        "rol wijzigen); die kan daarna het voorstel bevestigen."
    )


def proposal_refusal(acting, membership, coordinator_list) -> str:
    """Why `acting` may not propose `membership` as privacy officer now ("" when it may):
    four eyes, so a coordinator other than the proposer and the appointee must be there to
    confirm. `coordinator_list`: the network's current coordinators (services.coordinators)."""
    if membership.ended_at is not None:
        return _("Dit lidmaatschap is beëindigd.")
    if membership.is_privacy_officer:
        return _("%(name)s is al privacyfunctionaris.") % {"name": membership.user}
    if len(coordinator_list) < 2:
        return single_coordinator_message()
    confirmers = [
        m for m in coordinator_list if m.user_id not in (acting.user_id, membership.user_id)
    ]
    if not confirmers:
        return _(
            "Niemand kan dit voorstel bevestigen: dat moet een coördinator doen die het niet "
            "zelf voorstelde en niet zelf wordt aangewezen. Laat %(name)s zichzelf voorstellen "
            "(dan bevestig jij), of maak eerst nog een lid coördinator."
        ) % {"name": membership.user}
    return ""


def confirmation_refusal(acting, appointment) -> str:
    """Why `acting` may not confirm this appointment ("" when it may): not one's own
    appointment nor one's own proposal (four eyes), and only while it is open."""
    if not appointment.is_open:
        return _("Over dit voorstel is al besloten.")
    if appointment.membership.user_id == acting.user_id:
        return _(
            "Je kunt je eigen aanwijzing niet bevestigen: een andere coördinator moet dat doen "
            "(vier ogen)."
        )
    if appointment.proposed_by_id == acting.user_id:
        return _(
            "Je kunt je eigen voorstel niet bevestigen: een andere coördinator moet dat doen "
            "(vier ogen)."
        )
    if appointment.membership.ended_at is not None:
        return _("Dit lidmaatschap is beëindigd.")
    return ""
