"""Everything held about one client (AVG art. 15 and 20), as plain data for JSON and HTML.

The access log itself is not part of this export: the resident sees it on the access overview.
"""

from wijknet.core.declarations import names, to_file

from . import queries
from .fields import CLIENT_FIELDS, PLAN_ACTION_FIELDS, PLAN_FIELDS


def _user(user):
    return (user.full_name or user.email) if user is not None else ""


def _date(value):
    return value.isoformat() if value else None


def _declared(obj, declaration, **resolved) -> dict:
    """The declared fields of `obj`; `resolved` gives those written another way."""
    return to_file(
        {
            name: resolved[name] if name in resolved else getattr(obj, name)
            for name in names(declaration)
        },
        declaration,
    )


def client_export(client) -> dict:
    plan = queries.plan(client)
    team = list(queries.team(client))
    return {
        "client": {
            "uuid": str(client.uuid),
            **_declared(client, CLIENT_FIELDS),
            "recorded_at": _date(client.created_at),
            "retention_extended_at": _date(client.retention_extended_at),
            "retention_reason": client.retention_reason,
        },
        "consents": [
            {
                "uuid": str(c.uuid),
                "purpose": c.get_purpose_display(),
                "organisations": [o.name for o in c.organisations.all()],
                "given_by": c.get_given_by_display(),
                "representative_name": c.representative_name,
                "method": c.get_method_display(),
                "given_at": _date(c.given_at),
                "valid_until": _date(c.valid_until),
                "consent_text_version": c.consent_text.version,
                "consent_text": c.consent_text.text,
                "recorded_by": _user(c.recorded_by),
                "withdrawn_at": _date(c.withdrawn_at),
                "superseded": c.superseded_by_id is not None,
                "active": c.active,
            }
            for c in queries.consents(client)
        ],
        "team": [
            {
                "name": _user(m.membership.user),
                "organisation": m.membership.organisation.name if m.membership.organisation else "",
                "role": m.role,
                "coordinating_contact": m.is_coordinating_contact,
                "added_by": _user(m.added_by),
                "added_at": _date(m.added_at),
            }
            for m in team
        ],
        "plan": {
            **_declared(plan, PLAN_FIELDS, evaluate_on=_date(plan.evaluate_on)),
            "goals": [
                {"dimension": g.get_dimension_display(), "text": g.text}
                for g in queries.goals(plan)
            ],
            "actions": [
                {
                    **_declared(
                        a,
                        PLAN_ACTION_FIELDS,
                        responsible=_user(a.responsible.membership.user) if a.responsible else "",
                        starts_on=_date(a.starts_on),
                        due_on=_date(a.due_on),
                        status=a.get_status_display(),
                    ),
                    "from_mdo": _date(a.conference.held_on) if a.conference else None,
                }
                for a in queries.actions(plan)
            ],
        },
        "positive_health": [
            {
                "measured_on": _date(m.measured_on),
                "filled_by": m.get_filled_by_display(),
                "scores": [
                    {
                        "dimension": s.get_dimension_display(),
                        "score": s.score,
                        "remark": s.remark,
                        "wants_to_talk": s.wants_to_talk,
                    }
                    for s in m.scores.all()
                ],
            }
            for m in queries.measurements(client)
        ],
        "mdo": [
            {
                "held_on": _date(c.held_on),
                "participants": [_user(p.membership.user) for p in c.participants.all()],
                "resident_present": c.resident_present,
                "mantelzorger_present": c.mantelzorger_present,
                "others": c.others,
                "notes": c.notes,
                "agreements": [
                    {
                        "text": a.text,
                        "responsible": _user(a.responsible.membership.user)
                        if a.responsible
                        else "",
                        "due_on": _date(a.due_on),
                    }
                    for a in c.agreements.all()
                ],
                "fed_back_resident": c.fed_back_resident,
                "fed_back_mantelzorger": c.fed_back_mantelzorger,
                "feedback_how": c.feedback_how,
                "feedback_on": _date(c.feedback_on),
            }
            for c in queries.conferences(client)
        ],
    }
