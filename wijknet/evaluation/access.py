"""Who may see and do what on the evaluation page (next to networks/roles.py).

Every member whose role has `view_evaluation` sees the figures: they are aggregates, and a
group of fewer than three people is never shown (queries.MIN_GROUP). The funder / observer
role (viewer) sees those aggregates only: not the core group's reflection texts (free text that
may name people) nor who wrote them.
"""

from django.shortcuts import get_object_or_404

from wijknet.networks import roles
from wijknet.networks.roles import Role

from .models import EvaluationReflection


def may_view(membership) -> bool:
    """May open the evaluation page (its aggregated figures)."""
    return membership is not None and membership.can(roles.VIEW_EVALUATION)


def aggregates_only(membership) -> bool:
    """The funder / observer role: sees the aggregated figures and nothing written by or about
    people (the reflection's answers, its authors)."""
    return membership.role == Role.VIEWER


def may_read_reflection(membership) -> bool:
    """May read the core group's yearly reflection: every member who sees the evaluation,
    except the funder role (aggregates only)."""
    return may_view(membership) and not aggregates_only(membership)


def may_edit_reflection(membership) -> bool:
    """May write the yearly reflection: the kartrekker and the core group."""
    return membership is not None and membership.can(roles.EDIT_EVALUATION)


def get_reflection(network, year: int) -> EvaluationReflection:
    """The network's reflection of one year (404 when there is none, or for another network)."""
    return get_object_or_404(EvaluationReflection, network=network, year=year)
